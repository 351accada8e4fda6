build-asan/obj/conf.o: src/conf.c src/conf.h src/diag.h src/arena.h \
 src/str.h src/utf8.h
src/conf.h:
src/diag.h:
src/arena.h:
src/str.h:
src/utf8.h:
