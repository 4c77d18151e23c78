// Print the text pdf.js (Firefox's PDF viewer) extracts from each PDF named on the command line.
// Output: one JSON line per file, {"file": ..., "pages": [text of page 1, ...]}; a page's text
// is its text items joined as pdf.js's text layer lays them out: an item ending a line
// (hasEOL) is followed by a newline.
import { readFile } from "node:fs/promises";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

for (const file of process.argv.slice(2)) {
  const data = new Uint8Array(await readFile(file));
  const document = await getDocument({ data, useSystemFonts: false, verbosity: 0 }).promise;
  const pages = [];
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const content = await page.getTextContent();
    pages.push(content.items.map((item) => item.str + (item.hasEOL ? "\n" : "")).join(""));
    page.cleanup();
  }
  await document.destroy();
  process.stdout.write(JSON.stringify({ file, pages }) + "\n");
}
