#!/usr/bin/env python3
"""PDF/A-2u (ISO 19005-2, level U) clauses, checked on a built PDF.

usage: check_pdfa.py REPORT.pdf PROFILE.icc

No validator is installable here; this checks the clauses jianbao keeps
(README lists them), each by reading the file back with qpdf's JSON:
  6.1.2   header %PDF-1.n (n <= 7) and a binary comment of 4 bytes > 127
  6.1.3   trailer /ID of two 16-byte strings; no /Encrypt; nothing after %%EOF
  6.1.7   streams without /F, /FFilter, /FDecodeParms; no LZW or Crypt filter
  6.1.13  names <= 127 bytes, strings <= 32767 bytes, < 8388607 objects,
          q nesting <= 28
  6.2.3   one output intent GTS_PDFA1 whose profile is the template's RGB
          ICC profile, /N 3
  6.2.4.3 device colour only as gray or RGB (the output intent is RGB)
  6.2.10  no transparency: no soft masks, constant alpha below 1, blend
          modes or transparency groups
  6.2.11  every font embedded (FontFile2); CIDFontType2 with /CIDToGIDMap;
          /W widths equal the embedded font's advances (within 1 unit);
          a ToUnicode map giving every CID a value (not 0, FEFF or FFFE);
          no CID shown maps to glyph 0 (.notdef)
  6.3.2   every annotation has /F with Print set and Hidden, Invisible,
          NoView, ToggleNoView clear
  6.5.1   no JavaScript, Launch or other forbidden actions, no /AA
  6.6.2.1 the catalog's /Metadata: an unfiltered XML stream, a well-formed
          XMP packet
  6.6.2.3 the Info dictionary's entries equal their XMP properties
  6.6.4   pdfaid:part 2, pdfaid:conformance U
Prints one line per check; exits 1 on any failure.
"""
import base64
import hashlib
import json
import re
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import datetime, timezone

pdf, profile = sys.argv[1:3]
failures = 0


def check(name, cond, detail=""):
    global failures
    print(("ok   " if cond else "FAIL ") + name + ("" if cond else ": " + str(detail)[:200]))
    failures += 0 if cond else 1


raw = open(pdf, "rb").read()
js = json.loads(subprocess.run(
    ["qpdf", "--json", "--json-stream-data=inline", "--decode-level=generalized", pdf],
    capture_output=True, check=True).stdout)
objs = js["qpdf"][1]
trailer = objs["trailer"]["value"]


def get(ref):
    """The object a reference names (or the value itself)."""
    if isinstance(ref, str) and re.fullmatch(r"\d+ \d+ R", ref):
        o = objs.get("obj:" + ref, {})
        return o.get("value", o.get("stream"))
    return ref


def stream(ref):
    o = objs.get("obj:" + ref, {})
    s = o.get("stream")
    return (s["dict"], base64.b64decode(s.get("data", ""))) if s else (None, b"")


def dicts():
    """Every dictionary in the file, streams' dictionaries included."""
    def walk(v):
        if isinstance(v, dict):
            yield v
            for x in v.values():
                yield from walk(x)
        elif isinstance(v, list):
            for x in v:
                yield from walk(x)
    for o in objs.values():
        yield from walk(o.get("value", o.get("stream", {}).get("dict")))


def text(v):
    """A PDF text string from qpdf's JSON (u: decoded, b: hex bytes)."""
    if isinstance(v, str) and v.startswith("u:"):
        return v[2:]
    if isinstance(v, str) and v.startswith("b:"):
        b = bytes.fromhex(v[2:])
        return b[2:].decode("utf-16-be") if b[:2] == b"\xfe\xff" else b.decode("latin-1")
    return None


catalog = get(trailer["/Root"])
all_dicts = list(dicts())

# ---- 6.1 file structure -------------------------------------------------------
head = re.match(rb"%PDF-1\.([0-7])(\r\n|\r|\n)%([\x80-\xff]{4})", raw)
check("6.1.2 header %PDF-1.n, n <= 7, then a comment of four bytes > 127", head is not None,
      raw[:16])
check("6.1.2 the header says 1.7", raw.startswith(b"%PDF-1.7"))
ids = trailer.get("/ID", [])
check("6.1.3 trailer /ID: two 16-byte strings",
      len(ids) == 2 and all(isinstance(i, str) and len(i) == 2 + 32 for i in ids), ids)
check("6.1.3 no /Encrypt", "/Encrypt" not in trailer)
check("6.1.3 nothing after the last %%EOF but an end of line",
      re.search(rb"%%EOF(\r\n|\r|\n)?\Z", raw) is not None, raw[-20:])
streams = [o["stream"]["dict"] for o in objs.values() if "stream" in o]
bad = [d for d in streams if {"/F", "/FFilter", "/FDecodeParms"} & set(d)]
check("6.1.7 no stream names an external file (/F, /FFilter, /FDecodeParms)", not bad, bad[:1])
filters = set(re.findall(rb"/Filter\s*/(\w+)", raw))
check("6.1.7.2 only FlateDecode filters (no LZW, no Crypt)", filters <= {b"FlateDecode"}, filters)
long_names = [k for d in all_dicts for k in d if len(k) - 1 > 127]
check("6.1.13 names of 127 bytes or fewer", not long_names, long_names[:1])
long_strings = [v for d in all_dicts for v in d.values()
                if isinstance(v, str) and v[:2] in ("u:", "b:") and
                (len(v) - 2) // (2 if v[:2] == "b:" else 1) > 32767]
check("6.1.13 strings of 32767 bytes or fewer", not long_strings)
check("6.1.13 fewer than 8388607 objects", js["qpdf"][0]["maxobjectid"] < 8388607)

def operators_only(c):
    """A content stream without its strings (glyph codes are any bytes)."""
    out, i, n = bytearray(), 0, len(c)
    while i < n:
        ch = c[i:i + 1]
        if ch == b"(":
            depth, i = 1, i + 1
            while i < n and depth:
                if c[i:i + 1] == b"\\":
                    i += 2
                    continue
                depth += {b"(": 1, b")": -1}.get(c[i:i + 1], 0)
                i += 1
            out += b" () "
        elif c[i:i + 2] in (b"<<", b">>"):
            out += c[i:i + 2]
            i += 2
        elif ch == b"<":
            i = c.index(b">", i) + 1
            out += b" <> "
        else:
            out += ch
            i += 1
    return bytes(out)


contents = []
for p in js["pages"]:
    page = get(p["object"])
    c = page.get("/Contents")
    for ref in (c if isinstance(c, list) else [c]):
        contents.append(operators_only(stream(ref)[1]))
depth = worst = 0
for c in contents:
    for op in re.findall(rb"(?<![\w/])([qQ])(?=\s)", c):
        depth += 1 if op == b"q" else -1
        worst = max(worst, depth)
check("6.1.13 graphics states nest 28 deep or less, q and Q balanced",
      worst <= 28 and depth == 0, (worst, depth))

# ---- 6.2 graphics -------------------------------------------------------------
intents = catalog.get("/OutputIntents", [])
check("6.2.3 one output intent, /S /GTS_PDFA1",
      len(intents) == 1 and get(intents[0]).get("/S") == "/GTS_PDFA1", intents)
oi = get(intents[0]) if intents else {}
pdict, icc = stream(oi.get("/DestOutputProfile", "0 0 R"))
want = open(profile, "rb").read()
check("6.2.3 the output intent's profile is the template's, byte for byte",
      hashlib.sha256(icc).digest() == hashlib.sha256(want).digest(), len(icc))
check("6.2.3 the profile is an RGB ICC profile of version 4 or less with /N 3",
      len(icc) >= 128 and icc[36:40] == b"acsp" and icc[16:20] == b"RGB " and icc[8] <= 4
      and struct.unpack(">I", icc[:4])[0] == len(icc) and pdict and pdict.get("/N") == 3)
check("6.2.3 the output intent names its condition",
      text(oi.get("/OutputConditionIdentifier")) is not None)
cmyk = [c for c in contents if re.search(rb"(?<![\w/])(k|K|sc|SC|scn|SCN|cs|CS)(?=\s)", c)]
check("6.2.4.3 device colour only gray or RGB (no CMYK operators, no colour spaces)", not cmyk)
trans = [d for d in all_dicts if
         (d.get("/SMask") not in (None, "/None")) or
         (isinstance(d.get("/CA"), (int, float)) and d["/CA"] < 1) or
         (isinstance(d.get("/ca"), (int, float)) and d["/ca"] < 1) or
         d.get("/BM") not in (None, "/Normal", "/Compatible") or
         (d.get("/S") == "/Transparency")]
check("6.2.10 no transparency (soft masks, alpha, blend modes, groups)", not trans, trans[:1])

fonts = [d for d in all_dicts if d.get("/Type") == "/Font" and d.get("/Subtype") == "/Type0"]
check("6.2.11 the report has composite fonts", len(fonts) >= 2, len(fonts))


def hmtx_advances(font_file):
    """Advance widths of a TrueType font program, and its units per em."""
    num = struct.unpack(">H", font_file[4:6])[0]
    tables = {}
    for i in range(num):
        tag, _, off, length = struct.unpack(">4sIII", font_file[12 + 16 * i:28 + 16 * i])
        tables[tag] = font_file[off:off + length]
    upem = struct.unpack(">H", tables[b"head"][18:20])[0]
    nh = struct.unpack(">H", tables[b"hhea"][34:36])[0]
    hm = tables[b"hmtx"]
    adv = [struct.unpack(">H", hm[4 * i:4 * i + 2])[0] for i in range(nh)]
    return adv, upem


def w_widths(w):
    """CID -> width from a /W array."""
    out, i = {}, 0
    while i < len(w):
        if isinstance(w[i + 1], list):
            for k, v in enumerate(w[i + 1]):
                out[w[i] + k] = v
            i += 2
        else:
            for c in range(w[i], w[i + 1] + 1):
                out[c] = w[i + 2]
            i += 3
    return out


def tounicode(data):
    m = {}
    for sec in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for a, b in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", sec):
            m[int(a, 16)] = bytes.fromhex(b.decode()).decode("utf-16-be", "replace")
    for sec in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for a, b, c in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", sec):
            for k in range(int(a, 16), int(b, 16) + 1):
                m[k] = chr(int(c, 16) + k - int(a, 16))
    return m


unembedded, no_map, wrong_w, unmapped, bad_value, notdef = [], [], [], [], [], []
for f in fonts:
    cid = get(get(f["/DescendantFonts"])[0])
    name = cid.get("/BaseFont")
    desc = get(cid["/FontDescriptor"])
    ff = desc.get("/FontFile2")
    if not ff:
        unembedded.append(name)
        continue
    if cid.get("/Subtype") == "/CIDFontType2" and "/CIDToGIDMap" not in cid:
        no_map.append(name)
        continue
    program = stream(ff)[1]
    adv, upem = hmtx_advances(program)
    c2g = cid["/CIDToGIDMap"]
    gmap = stream(c2g)[1] if c2g != "/Identity" else None
    widths = w_widths(get(cid.get("/W", [])))
    umap = tounicode(stream(f["/ToUnicode"])[1]) if "/ToUnicode" in f else {}
    for c, wd in widths.items():
        g = struct.unpack(">H", gmap[2 * c:2 * c + 2])[0] if gmap else c
        if g == 0:
            notdef.append((name, c))
        a = adv[min(g, len(adv) - 1)] * 1000.0 / upem
        if abs(a - wd) > 1:
            wrong_w.append((name, c, wd, round(a)))
        u = umap.get(c)
        if not u:
            unmapped.append((name, c))
        elif any(ch in "\x00\ufeff\ufffe" for ch in u):
            bad_value.append((name, c))
check("6.2.11.4.1 every font embedded", not unembedded, unembedded)
check("6.2.11.3.2 every CIDFontType2 has /CIDToGIDMap", not no_map, no_map)
check("6.2.11.5 /W widths equal the embedded fonts' advances", not wrong_w, wrong_w[:3])
check("6.2.11.7.2 every CID has a Unicode value", not unmapped, unmapped[:3])
check("6.2.11.7.2 no Unicode value is 0, U+FEFF or U+FFFE", not bad_value, bad_value[:3])
check("6.2.11.8 no CID shown maps to .notdef", not notdef, notdef[:3])

# ---- 6.3 annotations, 6.5 actions -------------------------------------------------
annots = [d for d in all_dicts if d.get("/Type") == "/Annot" or "/Subtype" in d and
          d.get("/Subtype") in ("/Link", "/Text", "/Popup", "/Widget")]
badf = [d.get("/F") for d in annots if not isinstance(d.get("/F"), int)
        or not d["/F"] & 4 or d["/F"] & (1 | 2 | 32 | 256)]
check("6.3.2 every annotation printable: /F with Print, not Hidden/Invisible/NoView (%d)"
      % len(annots), annots and not badf, badf[:3])
forbidden = {"/Launch", "/Sound", "/Movie", "/ResetForm", "/ImportData", "/JavaScript",
             "/Hide", "/SetOCGState", "/Rendition", "/Trans", "/GoTo3DView"}
acts = [d.get("/S") for d in all_dicts if d.get("/S") in forbidden]
check("6.5.1 no forbidden actions", not acts, acts[:3])
check("6.5.2 no /AA in the catalog or pages",
      "/AA" not in catalog and all("/AA" not in get(p["object"]) for p in js["pages"]))

# ---- 6.6 metadata -------------------------------------------------------------------
mref = catalog.get("/Metadata", "")
mdict, xmp = stream(mref)
num = mref.split()[0] if mref else "0"
rawdict = re.search(rb"(?<![\d])" + num.encode() + rb" 0 obj\s*<<(.*?)>>\s*stream", raw, re.S)
check("6.6.2.1 the catalog has a /Metadata stream, /Type /Metadata /Subtype /XML",
      mdict is not None and mdict.get("/Type") == "/Metadata" and mdict.get("/Subtype") == "/XML")
check("6.6.2.1 the metadata stream is not filtered",
      rawdict is not None and b"/Filter" not in rawdict.group(1))
try:
    root = ET.fromstring(xmp)
    wellformed = True
except ET.ParseError:
    root, wellformed = None, False
check("6.6.2.1 the XMP is well-formed XML in an xpacket",
      wellformed and xmp.startswith(b"<?xpacket begin=") and b"<?xpacket end=" in xmp)
NS = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
      "dc": "http://purl.org/dc/elements/1.1/", "xmp": "http://ns.adobe.com/xap/1.0/",
      "pdf": "http://ns.adobe.com/pdf/1.3/", "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
      "xml": "http://www.w3.org/XML/1998/namespace"}


def prop(path):
    if root is None:
        return None
    e = root.find(".//rdf:Description/" + path, NS)
    return e.text if e is not None else None


def alt(name):
    if root is None:
        return None
    for li in root.findall(".//rdf:Description/%s/rdf:Alt/rdf:li" % name, NS):
        if li.get("{%s}lang" % NS["xml"]) == "x-default":
            return li.text
    return None


check("6.6.4 pdfaid:part 2", prop("pdfaid:part") == "2", prop("pdfaid:part"))
check("6.6.4 pdfaid:conformance U", prop("pdfaid:conformance") == "U", prop("pdfaid:conformance"))
info = get(trailer.get("/Info", "0 0 R")) or {}


def pdf_date(s):
    m = re.fullmatch(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(?:([+-])(\d\d)'(\d\d)'?|Z)?", s or "")
    if not m:
        return None
    y, mo, d, h, mi, se = map(int, m.groups()[:6])
    off = 0 if not m.group(7) else (1 if m.group(7) == "+" else -1) * (int(m.group(8)) * 60 +
                                                                       int(m.group(9)))
    return datetime(y, mo, d, h, mi, se, tzinfo=timezone.utc).timestamp() - off * 60


def xmp_date(s):
    try:
        return datetime.fromisoformat((s or "").replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


creators = [] if root is None else [li.text for li in root.findall(
    ".//rdf:Description/dc:creator/rdf:Seq/rdf:li", NS)]
pairs = [("Title", "dc:title", text(info.get("/Title")), alt("dc:title")),
         ("Author", "dc:creator", text(info.get("/Author")),
          creators[0] if len(creators) == 1 else creators),
         ("Subject", "dc:description", text(info.get("/Subject")), alt("dc:description")),
         ("Keywords", "pdf:Keywords", text(info.get("/Keywords")), prop("pdf:Keywords")),
         ("Creator", "xmp:CreatorTool", text(info.get("/Creator")), prop("xmp:CreatorTool")),
         ("Producer", "pdf:Producer", text(info.get("/Producer")), prop("pdf:Producer")),
         ("CreationDate", "xmp:CreateDate", pdf_date(text(info.get("/CreationDate"))),
          xmp_date(prop("xmp:CreateDate"))),
         ("ModDate", "xmp:ModifyDate", pdf_date(text(info.get("/ModDate"))),
          xmp_date(prop("xmp:ModifyDate")))]
for key, xkey, a, b in pairs:
    check("6.6.2.3 Info /%s equals %s" % (key, xkey), a == b and a is not None, (a, b))
sys.exit(1 if failures else 0)
