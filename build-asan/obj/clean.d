build-asan/obj/clean.o: src/clean.c src/clean.h src/doc.h src/arena.h \
 src/diag.h src/str.h src/buf.h src/clean_int.h src/meta.h src/par.h \
 src/utf8.h
src/clean.h:
src/doc.h:
src/arena.h:
src/diag.h:
src/str.h:
src/buf.h:
src/clean_int.h:
src/meta.h:
src/par.h:
src/utf8.h:
