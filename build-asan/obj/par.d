build-asan/obj/par.o: src/par.c src/par.h src/doc.h src/arena.h \
 src/diag.h src/str.h
src/par.h:
src/doc.h:
src/arena.h:
src/diag.h:
src/str.h:
