// Checks every ```mermaid block of the Markdown files named on the command line with Mermaid's
// own parser (mermaid.parse, the code GitHub's renderer runs first), under jsdom since Mermaid
// expects a browser. Prints one line per block; exits 1 when any block does not parse, 2 on
// usage errors.
import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!DOCTYPE html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
for (const k of ["Element", "HTMLElement", "Node", "DOMParser", "navigator"]) {
  if (!(k in globalThis)) Object.defineProperty(globalThis, k, { value: dom.window[k], configurable: true });
}
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });

/** The ```mermaid blocks of a Markdown text (fences of three or more backticks). */
function blocks(text) {
  const out = [];
  const re = /^(`{3,})mermaid[ \t]*\n([\s\S]*?)^\1[ \t]*$/gm;
  for (let m; (m = re.exec(text)); ) out.push(m[2]);
  return out;
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node check.mjs FILE.md ...");
  process.exit(2);
}
let bad = 0, total = 0;
for (const f of files) {
  const found = blocks(readFileSync(f, "utf8"));
  for (let i = 0; i < found.length; ++i) {
    ++total;
    try {
      const r = await mermaid.parse(found[i]);
      if (!r || r.diagramType !== "flowchart-v2") throw new Error("not a flowchart: " + (r && r.diagramType));
    } catch (e) {
      ++bad;
      console.log(`${f} block ${i + 1}: ${String(e && e.message ? e.message : e).split("\n").slice(0, 4).join(" | ")}`);
    }
  }
}
console.log(`mermaid.parse: ${total} blocks checked, ${bad} failed`);
process.exit(bad ? 1 : 0);
