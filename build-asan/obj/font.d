build-asan/obj/font.o: src/font.c src/font.h \
 /usr/include/freetype2/ft2build.h \
 /usr/include/freetype2/freetype/config/ftheader.h \
 /usr/include/freetype2/freetype/freetype.h \
 /usr/include/freetype2/freetype/config/ftconfig.h \
 /usr/include/freetype2/freetype/config/ftoption.h \
 /usr/include/freetype2/freetype/config/ftstdlib.h \
 /usr/include/freetype2/freetype/config/integer-types.h \
 /usr/include/freetype2/freetype/config/public-macros.h \
 /usr/include/freetype2/freetype/config/mac-support.h \
 /usr/include/freetype2/freetype/fttypes.h \
 /usr/include/freetype2/freetype/ftsystem.h \
 /usr/include/freetype2/freetype/ftimage.h \
 /usr/include/freetype2/freetype/fterrors.h \
 /usr/include/freetype2/freetype/ftmoderr.h \
 /usr/include/freetype2/freetype/fterrdef.h /usr/include/harfbuzz/hb.h \
 /usr/include/harfbuzz/hb-blob.h /usr/include/harfbuzz/hb-common.h \
 /usr/include/harfbuzz/hb-buffer.h /usr/include/harfbuzz/hb-unicode.h \
 /usr/include/harfbuzz/hb-font.h /usr/include/harfbuzz/hb-face.h \
 /usr/include/harfbuzz/hb-set.h /usr/include/harfbuzz/hb-draw.h \
 /usr/include/harfbuzz/hb.h /usr/include/harfbuzz/hb-deprecated.h \
 /usr/include/harfbuzz/hb-map.h /usr/include/harfbuzz/hb-shape.h \
 /usr/include/harfbuzz/hb-shape-plan.h /usr/include/harfbuzz/hb-style.h \
 /usr/include/harfbuzz/hb-version.h src/diag.h \
 /usr/include/freetype2/freetype/tttables.h /usr/include/harfbuzz/hb-ft.h \
 /usr/include/harfbuzz/hb-ot.h /usr/include/harfbuzz/hb-ot-color.h \
 /usr/include/harfbuzz/hb-ot-name.h \
 /usr/include/harfbuzz/hb-ot-deprecated.h \
 /usr/include/harfbuzz/hb-ot-font.h /usr/include/harfbuzz/hb-ot-layout.h \
 /usr/include/harfbuzz/hb-ot-math.h /usr/include/harfbuzz/hb-ot-meta.h \
 /usr/include/harfbuzz/hb-ot-metrics.h \
 /usr/include/harfbuzz/hb-ot-shape.h /usr/include/harfbuzz/hb-ot-var.h \
 src/arena.h src/conf.h
src/font.h:
/usr/include/freetype2/ft2build.h:
/usr/include/freetype2/freetype/config/ftheader.h:
/usr/include/freetype2/freetype/freetype.h:
/usr/include/freetype2/freetype/config/ftconfig.h:
/usr/include/freetype2/freetype/config/ftoption.h:
/usr/include/freetype2/freetype/config/ftstdlib.h:
/usr/include/freetype2/freetype/config/integer-types.h:
/usr/include/freetype2/freetype/config/public-macros.h:
/usr/include/freetype2/freetype/config/mac-support.h:
/usr/include/freetype2/freetype/fttypes.h:
/usr/include/freetype2/freetype/ftsystem.h:
/usr/include/freetype2/freetype/ftimage.h:
/usr/include/freetype2/freetype/fterrors.h:
/usr/include/freetype2/freetype/ftmoderr.h:
/usr/include/freetype2/freetype/fterrdef.h:
/usr/include/harfbuzz/hb.h:
/usr/include/harfbuzz/hb-blob.h:
/usr/include/harfbuzz/hb-common.h:
/usr/include/harfbuzz/hb-buffer.h:
/usr/include/harfbuzz/hb-unicode.h:
/usr/include/harfbuzz/hb-font.h:
/usr/include/harfbuzz/hb-face.h:
/usr/include/harfbuzz/hb-set.h:
/usr/include/harfbuzz/hb-draw.h:
/usr/include/harfbuzz/hb.h:
/usr/include/harfbuzz/hb-deprecated.h:
/usr/include/harfbuzz/hb-map.h:
/usr/include/harfbuzz/hb-shape.h:
/usr/include/harfbuzz/hb-shape-plan.h:
/usr/include/harfbuzz/hb-style.h:
/usr/include/harfbuzz/hb-version.h:
src/diag.h:
/usr/include/freetype2/freetype/tttables.h:
/usr/include/harfbuzz/hb-ft.h:
/usr/include/harfbuzz/hb-ot.h:
/usr/include/harfbuzz/hb-ot-color.h:
/usr/include/harfbuzz/hb-ot-name.h:
/usr/include/harfbuzz/hb-ot-deprecated.h:
/usr/include/harfbuzz/hb-ot-font.h:
/usr/include/harfbuzz/hb-ot-layout.h:
/usr/include/harfbuzz/hb-ot-math.h:
/usr/include/harfbuzz/hb-ot-meta.h:
/usr/include/harfbuzz/hb-ot-metrics.h:
/usr/include/harfbuzz/hb-ot-shape.h:
/usr/include/harfbuzz/hb-ot-var.h:
src/arena.h:
src/conf.h:
