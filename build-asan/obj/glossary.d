build-asan/obj/glossary.o: src/glossary.c src/glossary.h src/doc.h \
 src/arena.h src/diag.h src/str.h src/buf.h src/conf.h src/utf8.h
src/glossary.h:
src/doc.h:
src/arena.h:
src/diag.h:
src/str.h:
src/buf.h:
src/conf.h:
src/utf8.h:
