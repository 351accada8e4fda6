build-asan/obj/ingest.o: src/ingest.c src/ingest.h src/doc.h src/arena.h \
 src/diag.h src/str.h src/meta.h src/utf8.h
src/ingest.h:
src/doc.h:
src/arena.h:
src/diag.h:
src/str.h:
src/meta.h:
src/utf8.h:
