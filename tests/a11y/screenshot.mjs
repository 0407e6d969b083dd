// A screenshot of a page in Debian's headless Chromium, for docs/images (make web-screenshots):
//   node tests/a11y/screenshot.mjs PAGE.html OUT.png WIDTH HEIGHT [ANCHOR]
// The viewport is WIDTH x HEIGHT CSS px; with ANCHOR the page is scrolled to that section first.
import { pathToFileURL } from "node:url";
import path from "node:path";
import { launch } from "./audit.mjs";

const [file, out, width, height, anchor] = process.argv.slice(2);
if (!file || !out || !width || !height) {
  console.error("usage: node screenshot.mjs PAGE.html OUT.png WIDTH HEIGHT [ANCHOR]");
  process.exit(2);
}
const url = pathToFileURL(path.resolve(file)).href + (anchor ? `#${anchor}` : "");
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
  await page.goto(url, { waitUntil: "load" });
  await page.screenshot({ path: out });
} finally {
  await browser.close();
}
