/* pdf_std.c - what a PDF/A-2u file adds (template key pdf.standard): XMP
 * metadata that says what the Info dictionary says, and an sRGB output
 * intent. The rest of the standard is kept by the writer as it goes:
 * natural glyph widths (pdf_page.c), a Unicode value for every glyph
 * (pdf_font.c), no .notdef glyph shown, /F on annotations. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "conf.h"
#include "pdf_int.h"
#include "utf8.h"
#include "version.h"

#define XMP_NS_RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

/* Text as XML character data: & < > escaped, characters XML 1.0 does not
 * allow left out (the Info string keeps them; none reach it from the
 * model, which has no control characters). */
static void
xml_text(jb_buf *b, jb_str s)
{
  for (jb_str it = s; it.n;) {
    const char *p = it.p;
    uint32_t cp = jb_utf8_next(&it);
    if (cp == '&')
      jb_buf_puts(b, "&amp;");
    else if (cp == '<')
      jb_buf_puts(b, "&lt;");
    else if (cp == '>')
      jb_buf_puts(b, "&gt;");
    else if (cp == JB_UTF8_BAD || (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
             cp == 0xFFFE || cp == 0xFFFF)
      continue;
    else
      jb_buf_put(b, p, (size_t)(it.p - p));
  }
}

static void
xmp_alt(jb_buf *b, const char *prop, jb_str s)
{
  if (!s.n)
    return;
  jb_buf_printf(b, "   <%s><rdf:Alt><rdf:li xml:lang=\"x-default\">", prop);
  xml_text(b, s);
  jb_buf_printf(b, "</rdf:li></rdf:Alt></%s>\n", prop);
}

static void
xmp_simple(jb_buf *b, const char *prop, jb_str s)
{
  if (!s.n)
    return;
  jb_buf_printf(b, "   <%s>", prop);
  xml_text(b, s);
  jb_buf_printf(b, "</%s>\n", prop);
}

/* The XMP packet: the Info dictionary's entries under their XMP names
 * (Title dc:title, Author dc:creator, Subject dc:description, Keywords
 * pdf:Keywords, Creator xmp:CreatorTool, Producer pdf:Producer, the dates
 * xmp:CreateDate and xmp:ModifyDate) and the PDF/A identification. */
static void
put_xmp(writer *w, const jb_layout *lay)
{
  jb_buf b = {0};
  time_t t = (time_t)w->ctx->epoch;
  struct tm tm;
  gmtime_r(&t, &tm);
  char date[32];
  strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S+00:00", &tm);
  jb_buf_puts(&b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                  "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                  " <rdf:RDF xmlns:rdf=\"" XMP_NS_RDF "\">\n"
                  "  <rdf:Description rdf:about=\"\"\n"
                  "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                  "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
                  "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
                  "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
                  "   <dc:format>application/pdf</dc:format>\n");
  xmp_alt(&b, "dc:title", lay->title);
  if (lay->author.n) {
    jb_buf_puts(&b, "   <dc:creator><rdf:Seq><rdf:li>");
    xml_text(&b, lay->author);
    jb_buf_puts(&b, "</rdf:li></rdf:Seq></dc:creator>\n");
  }
  xmp_alt(&b, "dc:description", lay->subject);
  jb_buf_printf(&b, "   <dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>\n",
                w->ctx->edition == JB_VARIANT_HANT ? "zh-Hant" : "zh-Hans");
  xmp_simple(&b, "pdf:Keywords", lay->keywords);
  xmp_simple(&b, "pdf:Producer", JB_STR_LIT(PDF_PRODUCER));
  xmp_simple(&b, "xmp:CreatorTool", JB_STR_LIT(PDF_CREATOR));
  jb_buf_printf(&b, "   <xmp:CreateDate>%s</xmp:CreateDate>\n"
                    "   <xmp:ModifyDate>%s</xmp:ModifyDate>\n"
                    "   <xmp:MetadataDate>%s</xmp:MetadataDate>\n",
                date, date, date);
  jb_buf_puts(&b, "   <pdfaid:part>2</pdfaid:part>\n"
                  "   <pdfaid:conformance>U</pdfaid:conformance>\n"
                  "  </rdf:Description>\n"
                  " </rdf:RDF>\n"
                  "</x:xmpmeta>\n"
                  "<?xpacket end=\"r\"?>");
  /* Left unfiltered, so that a reader that does not know PDF can find it. */
  HPDF_Dict d = HPDF_DictStream_New(w->pdf->mmgr, w->pdf->xref);
  if (d) {
    HPDF_Dict_AddName(d, "Type", "Metadata");
    HPDF_Dict_AddName(d, "Subtype", "XML");
    pdf_put_stream_data(w, d, b.p, b.n, NULL, 0, PDF_COPY);
    HPDF_Dict_Add(w->pdf->catalog, "Metadata", d);
  }
  pdf_id_add(w, b.p, b.n);
  jb_buf_free(&b);
}

/* The output intent: the profile the template names, which must be an
 * RGB display or output profile (ICC header: 'acsp' at 36, the colour
 * space at 16). Returns -1 after reporting. */
static int
put_output_intent(writer *w, jb_pos pos)
{
  const char *path = jb_conf_str(w->ctx->conf, JB_CONF_PDF_OUTPUT_PROFILE);
  size_t n = 0;
  unsigned char *icc = (unsigned char *)jb_read_all(path, &n);
  if (!icc) {
    jb_diag(&w->ctx->diags, JB_D_PDF, pos, "pdf.output_profile: cannot read %s", path);
    return -1;
  }
  if (n < 128 || memcmp(icc + 36, "acsp", 4) || memcmp(icc + 16, "RGB ", 4)) {
    jb_diag(&w->ctx->diags, JB_D_PDF, pos, "pdf.output_profile: %s is not an RGB ICC profile",
            path);
    free(icc);
    return -1;
  }
  HPDF_MMgr mm = w->pdf->mmgr;
  HPDF_Dict prof = pdf_new_stream(w, icc, n);
  HPDF_Dict oi = HPDF_Dict_New(mm);
  HPDF_Array arr = HPDF_Array_New(mm);
  if (prof && oi && arr) {
    HPDF_Dict_AddNumber(prof, "N", 3);
    HPDF_Dict_AddName(oi, "Type", "OutputIntent");
    HPDF_Dict_AddName(oi, "S", "GTS_PDFA1");
    HPDF_Dict_Add(oi, "OutputConditionIdentifier", HPDF_String_New(mm, "sRGB IEC61966-2.1", NULL));
    HPDF_Dict_Add(oi, "RegistryName", HPDF_String_New(mm, "http://www.color.org", NULL));
    HPDF_Dict_Add(oi, "Info", HPDF_String_New(mm, "sRGB IEC61966-2.1", NULL));
    HPDF_Dict_Add(oi, "DestOutputProfile", prof);
    HPDF_Array_Add(arr, oi);
    HPDF_Dict_Add(w->pdf->catalog, "OutputIntents", arr);
  }
  pdf_id_add(w, icc, n);
  free(icc);
  return 0;
}

int
pdf_std_finish(writer *w, const jb_layout *lay, jb_pos pos)
{
  if (!w->pdfa)
    return 0;
  put_xmp(w, lay);
  if (put_output_intent(w, pos) != 0)
    return -1;
  /* PDF/A-2 is built on PDF 1.7. */
  w->pdf->pdf_version = HPDF_VER_17;
  return 0;
}
