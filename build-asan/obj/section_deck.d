build-asan/obj/section_deck.o: src/section_deck.c src/buf.h src/str.h \
 src/meta.h src/section.h src/doc.h src/arena.h src/diag.h src/utf8.h
src/buf.h:
src/str.h:
src/meta.h:
src/section.h:
src/doc.h:
src/arena.h:
src/diag.h:
src/utf8.h:
