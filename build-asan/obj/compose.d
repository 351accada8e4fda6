build-asan/obj/compose.o: src/compose.c src/compose.h src/doc.h \
 src/arena.h src/diag.h src/str.h src/buf.h src/conf.h
src/compose.h:
src/doc.h:
src/arena.h:
src/diag.h:
src/str.h:
src/buf.h:
src/conf.h:
