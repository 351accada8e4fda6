build-asan/obj/clean_norm.o: src/clean_norm.c src/buf.h src/str.h \
 src/clean.h src/doc.h src/arena.h src/diag.h src/clean_int.h src/utf8.h
src/buf.h:
src/str.h:
src/clean.h:
src/doc.h:
src/arena.h:
src/diag.h:
src/clean_int.h:
src/utf8.h:
