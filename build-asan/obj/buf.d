build-asan/obj/buf.o: src/buf.c src/buf.h src/str.h src/arena.h \
 src/utf8.h
src/buf.h:
src/str.h:
src/arena.h:
src/utf8.h:
