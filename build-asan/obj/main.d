build-asan/obj/main.o: src/main.c src/pipeline.h src/doc.h src/arena.h \
 src/diag.h src/str.h src/version.h
src/pipeline.h:
src/doc.h:
src/arena.h:
src/diag.h:
src/str.h:
src/version.h:
