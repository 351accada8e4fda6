build-asan/obj/clean_line.o: src/clean_line.c src/buf.h src/str.h \
 src/clean.h src/doc.h src/arena.h src/diag.h src/clean_int.h src/utf8.h
src/buf.h:
src/str.h:
src/clean.h:
src/doc.h:
src/arena.h:
src/diag.h:
src/clean_int.h:
src/utf8.h:
