build-asan/obj/meta.o: src/meta.c src/meta.h src/str.h src/utf8.h
src/meta.h:
src/str.h:
src/utf8.h:
