// The web edition's accessibility audit, run by tests/a11y/test_axe.py:
//   node tests/a11y/audit.mjs PAGE.html
// Opens the page in Debian's headless Chromium (playwright-core drives it; no browser is
// downloaded), runs axe-core with the WCAG 2.2 AA rule tags (and axe's best practices, which
// cover heading order and landmarks) at a desktop width and at 320 CSS px (what 400% zoom gives
// on a 1280 px screen), and measures whether the page scrolls sideways at 320 px (WCAG 1.4.10).
// Prints one JSON object on stdout; exits 0 when it could run the audit, whatever it found.
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import path from "node:path";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");
const AXE_VERSION = require("axe-core/package.json").version;

export const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const WIDTHS = [1280, 320];

// Without the background-networking flags Chromium tries to reach Google's hosts at start-up,
// which this machine's closed network refuses; the sandbox needs privileges CI (root) lacks.
export const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

export async function launch() {
  // launch() starts Chromium with a new empty profile (a fresh --user-data-dir) every time.
  return chromium.launch({
    executablePath: process.env.BSE_CHROMIUM || "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

function brief(results) {
  return results.map((r) => ({
    id: r.id,
    impact: r.impact,
    tags: r.tags.filter((t) => t.startsWith("wcag") || t === "best-practice"),
    help: r.help,
    nodes: r.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })),
  }));
}

async function audit(browser, url, width, tags) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  try {
    await page.goto(url, { waitUntil: "load" });
    const scroll = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    // The first Tab from the top of the page must land on a visible skip link.
    await page.keyboard.press("Tab");
    const firstTab = await page.evaluate(() => {
      const el = document.activeElement;
      const box = el.getBoundingClientRect();
      return { tag: el.tagName.toLowerCase(), text: el.textContent.trim(), href: el.getAttribute("href"),
               width: Math.round(box.width), height: Math.round(box.height) };
    });
    await page.addScriptTag({ path: AXE });
    const results = await page.evaluate(
      (values) => window.axe.run(document, { runOnly: { type: "tag", values }, resultTypes: ["violations", "incomplete"] }),
      tags,
    );
    return {
      width,
      ...scroll,
      firstTab,
      violations: brief(results.violations),
      incomplete: brief(results.incomplete),
      passes: results.passes.length,
    };
  } finally {
    await page.close();
  }
}

async function main() {
  const file = process.argv[2];
  if (!file) {
    console.error("usage: node audit.mjs PAGE.html");
    process.exit(2);
  }
  const url = pathToFileURL(path.resolve(file)).href;
  const browser = await launch();
  try {
    const runs = [];
    for (const width of WIDTHS) {
      runs.push(await audit(browser, url, width, [...TAGS, "best-practice"]));
    }
    console.log(JSON.stringify({ axe: AXE_VERSION, browser: browser.version(), tags: TAGS, runs }, null, 1));
  } finally {
    await browser.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    console.error(String(err && err.stack ? err.stack : err));
    process.exit(3);
  });
}
