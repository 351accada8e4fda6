build-asan/obj/dedup.o: src/dedup.c src/dedup.h src/doc.h src/arena.h \
 src/diag.h src/str.h src/buf.h src/utf8.h
src/dedup.h:
src/doc.h:
src/arena.h:
src/diag.h:
src/str.h:
src/buf.h:
src/utf8.h:
