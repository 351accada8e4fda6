// The Typst peer of make bench-peer: compile IN.typ to OUT.pdf with the
// fonts of FONT_DIR, in one process, as a user of Typst's compiler would.
// usage: node compile.mjs IN.typ OUT.pdf FONT_DIR
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { NodeCompiler } = require("@myriaddreamin/typst-ts-node-compiler");
const [, , typPath, pdfPath, fontDir] = process.argv;
const compiler = NodeCompiler.create({ workspace: "/", fontArgs: [{ fontPaths: [fontDir] }] });
const doc = compiler.compile({ mainFileContent: readFileSync(typPath, "utf8") });
if (!doc.result) {
  console.error("typst:", JSON.stringify(doc.takeDiagnostics?.() ?? "compile failed"));
  process.exit(1);
}
writeFileSync(pdfPath, compiler.pdf(doc.result));
