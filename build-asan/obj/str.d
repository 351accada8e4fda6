build-asan/obj/str.o: src/str.c src/str.h
src/str.h:
