build-asan/obj/section.o: src/section.c src/section.h src/doc.h \
 src/arena.h src/diag.h src/str.h src/par.h src/utf8.h
src/section.h:
src/doc.h:
src/arena.h:
src/diag.h:
src/str.h:
src/par.h:
src/utf8.h:
