// The briefing's markdown (out/briefing.md) as a Typst document with the
// same content and a comparable page: A4, serif body 10.5 pt, headings,
// lists, tables, quotes, a contents page. For make bench-peer only.
// usage: node md2typ.mjs IN.md OUT.typ
import { readFileSync, writeFileSync } from "node:fs";

const [, , mdPath, typPath] = process.argv;
let md = readFileSync(mdPath, "utf8");
const meta = {};
const fm = md.match(/^---\n([\s\S]*?)\n---\n/);
if (fm) {
  for (const line of fm[1].split("\n")) {
    const i = line.indexOf(":");
    if (i > 0) meta[line.slice(0, i).trim()] = line.slice(i + 1).trim().replace(/^"|"$/g, "");
  }
  md = md.slice(fm[0].length);
}
const lit = (s) => '#"' + s.replace(/\\(.)/g, "$1").replace(/\\/g, "\\\\").replace(/"/g, '\\"') + '"';
function inline(s) {
  let out = "", last = 0, m;
  const re = /\*\*(.+?)\*\*|<(https?:[^>]+)>|\[([^\]]+)\]\(([^)]+)\)/g;
  while ((m = re.exec(s))) {
    out += lit(s.slice(last, m.index));
    if (m[1] !== undefined) out += "#strong[" + inline(m[1]) + "]";
    else if (m[2] !== undefined) out += "#link(" + JSON.stringify(m[2]) + ")";
    else out += inline(m[3]);
    last = re.lastIndex;
  }
  return out + lit(s.slice(last));
}
const out = [
  '#set page(paper: "a4", margin: 25mm, numbering: "1")',
  '#set text(font: ("Noto Serif SC", "Noto Sans SC"), size: 10.5pt, lang: "zh", region: "cn")',
  "#set par(justify: true, leading: 0.7em, first-line-indent: (amount: 2em, all: true))",
  '#show heading: set text(font: "Noto Sans SC")',
  "#align(center)[#text(size: 24pt)[" + lit(meta.title || "") + "] \\ " + lit(meta.title_en || "") + "]",
  "#pagebreak()",
  "#outline()",
  "#pagebreak()",
];
for (const block of md.split(/\n\s*\n/)) {
  const lines = block.trim().split("\n");
  if (!lines[0]) continue;
  const h = lines[0].match(/^(#{1,6}) (.*?)(?:\s*\{#[^}]*\})?$/);
  if (h) out.push("=".repeat(h[1].length) + " " + inline(h[2]));
  else if (lines[0].startsWith("|")) {
    const rows = lines.filter((l) => !/^\|[-|: ]+\|$/.test(l))
      .map((l) => l.replace(/^\||\|$/g, "").split(/(?<!\\)\|/).map((c) => "[" + inline(c.trim()) + "]"));
    out.push("#table(columns: " + rows[0].length + ", " + rows.flat().join(", ") + ")");
  } else if (/^\d+\. /.test(lines[0]))
    out.push(block.trim().split(/\n(?=\d+\. )/).map((i) => "+ " + inline(i.replace(/^\d+\. /, "").replace(/\n/g, " "))).join("\n"));
  else if (lines[0].startsWith(">"))
    out.push("#text(size: 8pt)[" + inline(lines.map((l) => l.replace(/^> ?/, "")).join(" ")) + "]");
  else out.push(inline(lines.join(" ")));
}
writeFileSync(typPath, out.join("\n\n") + "\n");
