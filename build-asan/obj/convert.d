build-asan/obj/convert.o: src/convert.c src/convert.h src/doc.h \
 src/arena.h src/diag.h src/str.h src/buf.h src/conf.h src/utf8.h
src/convert.h:
src/doc.h:
src/arena.h:
src/diag.h:
src/str.h:
src/buf.h:
src/conf.h:
src/utf8.h:
