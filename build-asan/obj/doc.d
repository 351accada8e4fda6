build-asan/obj/doc.o: src/doc.c src/doc.h src/arena.h src/diag.h \
 src/str.h src/utf8.h
src/doc.h:
src/arena.h:
src/diag.h:
src/str.h:
src/utf8.h:
