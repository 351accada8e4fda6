build-asan/obj/diag.o: src/diag.c src/diag.h src/arena.h src/buf.h \
 src/str.h
src/diag.h:
src/arena.h:
src/buf.h:
src/str.h:
