build-asan/obj/mdout.o: src/mdout.c src/mdout.h src/buf.h src/str.h \
 src/doc.h src/arena.h src/diag.h
src/mdout.h:
src/buf.h:
src/str.h:
src/doc.h:
src/arena.h:
src/diag.h:
