#!/usr/bin/env python3
"""The structure tree of a built PDF, read back as a screen reader would.

usage: check_tags.py REPORT.pdf REPORT.md LANG

- pdfinfo says Tagged: yes; the catalog has /MarkInfo <</Marked true>>,
  /Lang LANG and DisplayDocTitle; every page has /StructParents and every
  link annotation a /StructParent.
- pdfinfo -struct-text lists every heading of the markdown, in order, at its
  level (# -> H1, ## -> H2 ...), and every paragraph, list item and table cell
  of the markdown, in order.
- English labels are Spans with /Lang (en); page numbers and running heads
  are artifacts (never in the structure text).
Prints one line per check; exits 1 on any failure.
"""
import re
import subprocess
import sys
import tempfile

pdf, md_path, lang = sys.argv[1:4]
failures = 0


def check(name, cond, detail=""):
    global failures
    print(("ok   " if cond else "FAIL ") + name + ("" if cond else ": " + detail))
    failures += 0 if cond else 1


def run(*args):
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def norm(s):
    """Text as a reader hears it: no spaces, one kind of quote."""
    s = re.sub(r"[\s\u3000]+", "", s)
    return s.translate(str.maketrans({"“": '"', "”": '"', "「": '"', "」": '"',
                                      "‘": "'", "’": "'", "『": "'", "』": "'"}))


# ---- the document catalog --------------------------------------------------
info = run("pdfinfo", pdf)
check("pdfinfo says Tagged: yes", re.search(r"^Tagged:\s+yes", info, re.M) is not None)

qdf = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf, "-"],
                     capture_output=True, check=True).stdout.decode("latin-1")
objs = {m.group(1): m.group(2) for m in re.finditer(r"\n(\d+) 0 obj\n(.*?)\nendobj", qdf, re.S)}
cat = next((o for o in objs.values() if re.search(r"/Type /Catalog\b", o)), "")


def deref(text, key):
    m = re.search(r"/%s (\d+) 0 R" % key, text)
    return objs.get(m.group(1), "") if m else ""


mark = re.search(r"/MarkInfo (<<.*?>>|\d+ 0 R)", cat, re.S)
markinfo = mark.group(1) if mark else ""
if markinfo.endswith(" R"):
    markinfo = deref(cat, "MarkInfo")
check("catalog has /MarkInfo <</Marked true>>", re.search(r"/Marked true", markinfo) is not None)
check("catalog /Lang is " + lang, re.search(r"/Lang \(%s\)" % re.escape(lang), cat) is not None)
check("viewer shows the document title", re.search(r"/DisplayDocTitle true", cat) is not None)
check("catalog has a /StructTreeRoot with a /ParentTree",
      "/StructTreeRoot" in cat and "/ParentTree" in deref(cat, "StructTreeRoot"))
pages = [o for o in objs.values() if re.search(r"/Type /Page\b", o)]
check("every page has /StructParents and /Tabs /S",
      pages and all("/StructParents" in p and "/Tabs /S" in p for p in pages),
      "%d pages" % len(pages))
links = [o for o in objs.values() if "/Subtype /Link" in o]
check("every link annotation has a /StructParent",
      links and all("/StructParent " in l for l in links), "%d links" % len(links))

# ---- the structure text ----------------------------------------------------
# poppler builds the output intent's colour transform again for every
# marked-content sequence it extracts (PDF/A: 38 s against 2.6 s on the
# seeds); the structure tree does not depend on it, so the text is read
# from a copy whose catalog key is renamed in place (same length, same
# offsets).
raw = open(pdf, "rb").read()
with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
    tmp.write(raw.replace(b"/OutputIntents", b"/XOutputIntent", 1))
    tmp.flush()
    struct = run("pdfinfo", "-struct-text", tmp.name)
root = {"tag": "", "kids": [], "text": "", "attrs": ""}
stack = [(-1, root)]
for line in struct.splitlines():
    depth = len(line) - len(line.lstrip(" "))
    body = line.strip()
    if not body:
        continue
    while stack[-1][0] >= depth:
        stack.pop()
    parent = stack[-1][1]
    if body.startswith('"'):
        parent["kids"].append(body[1:-1])
    elif body.startswith("/"):
        parent["attrs"] += body + " "
    elif body.startswith("Object "):
        parent["kids"].append(None)
    else:
        node = {"tag": re.split(r"[ :]", body)[0], "kids": [], "attrs": ""}
        parent["kids"].append(node)
        stack.append((depth, node))


def text(node):
    return "".join(k if isinstance(k, str) else text(k) for k in node["kids"]
                   if k is not None)


def walk(node, out):
    for k in node["kids"]:
        if isinstance(k, dict):
            out.append(k)
            walk(k, out)
    return out


nodes = walk(root, [])
order = {id(n): i for i, n in enumerate(nodes)}
headings = []
for parent in [root] + nodes:
    prev = ""
    for k in parent["kids"]:
        if not isinstance(k, dict):
            continue
        if re.fullmatch(r"H[1-6]", k["tag"]):
            # A chapter's label (第 2 章 Chapter 2, or the English name of a
            # back-matter chapter) is the paragraph just before its title.
            headings.append((order[id(k)], int(k["tag"][1]), norm(text(k)), norm(prev)))
        prev = text(k) if k["tag"] == "P" else ""
headings = [h[1:] for h in sorted(headings)]
blocks = [norm(text(n)) for n in nodes if n["tag"] in ("P", "LBody", "TD", "TH")]
check("the tree has a Document root", root["kids"] and root["kids"][0]["tag"] == "Document")
check("chapters are Parts", sum(1 for n in nodes if n["tag"] == "Part") >= 1)

# ---- the markdown ----------------------------------------------------------
md = open(md_path, encoding="utf-8").read()
md = re.sub(r"\A---\n.*?\n---\n", "", md, flags=re.S)


def unmd(s):
    s = re.sub(r"\s*\{#[^}]*\}\s*$", "", s)
    s = re.sub(r"<((?:https?|mailto):[^>]*)>", r"\1", s)
    s = re.sub(r"(?<!\\)\*\*", "", s)
    return norm(re.sub(r"\\(.)", r"\1", s))


want_heads, want_blocks = [], []
for para in re.split(r"\n\s*\n", md):
    lines = para.strip("\n").splitlines()
    if not lines:
        continue
    first = lines[0]
    h = re.match(r"(#{1,6}) (.*)", first)
    if h:
        want_heads.append((len(h.group(1)), unmd(h.group(2))))
    elif first.startswith("|"):
        for row in lines:
            if re.fullmatch(r"\|[-|: ]+\|", row):
                continue
            cells = re.split(r"(?<!\\)\|", row.strip())[1:-1]
            want_blocks.extend(unmd(c) for c in cells)
    elif re.match(r"(\d+\.|[-*]) ", first):
        for item in re.split(r"\n(?=(?:\d+\.|[-*]) )", para.strip("\n")):
            want_blocks.append(unmd(re.sub(r"^(\d+\.|[-*]) ", "", item)))
    else:
        want_blocks.append(unmd(" ".join(re.sub(r"^> ?", "", l) for l in lines)))


def in_order(want, have, same):
    """Index of the first item of want not found in have after the previous."""
    j = 0
    for i, w in enumerate(want):
        while j < len(have) and not same(w, have[j]):
            j += 1
        if j == len(have):
            return i
        j += 1
    return None



def same_heading(w, h):
    """The markdown may carry the chapter's label (its Chinese part before the
    title, 第 2 章 or 材料 2; or an English name after it)."""
    lvl, text_, label = h
    if w[0] != lvl or not w[1].endswith(text_) and not w[1].startswith(text_):
        return False
    if w[1] == text_ or w[1] == text_ + label:
        return True
    before = w[1][:len(w[1]) - len(text_)]
    return w[1].endswith(text_) and before != "" and label.startswith(before)


miss = in_order(want_heads, headings, same_heading)
check("every markdown heading is a heading of its level, in order (%d)" % len(want_heads),
      miss is None, "" if miss is None else "H%d %s" % want_heads[miss])
miss = in_order(want_blocks, blocks, lambda w, b: w == b)
check("every markdown paragraph, item and cell is a block, in order (%d)" % len(want_blocks),
      miss is None, "" if miss is None else want_blocks[miss][:60])

span_objs = [o for o in objs.values() if re.search(r"/S /Span\b", o)]
check("English labels are Spans with /Lang (en) (%d)" % len(span_objs),
      span_objs and all("/Lang (en)" in o for o in span_objs))
feet = len(re.findall(r"/Artifact <</Type /Pagination /Subtype /Footer>> BDC", qdf))
check("page numbers are Pagination artifacts on every page but the cover",
      feet >= len(pages) - 1, "%d of %d pages" % (feet, len(pages)))
sys.exit(1 if failures else 0)
