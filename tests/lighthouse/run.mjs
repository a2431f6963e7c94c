// Lighthouse (npm) on the release build: serves the build in argv[2] (default dist) as a static
// host does (brotli copies, 404.html) with tests/e2e/server.mjs, drives Debian's Chromium
// (CHROME_PATH, default /usr/bin/chromium) headless, audits the home page and a post with
// Lighthouse's default mobile preset (simulated slow 4G and a 4× slower CPU), and prints the four
// scores of each page as a Markdown table, then what kept a score under 100. Nothing is
// downloaded. Run by scripts/lighthouse.
import path from "node:path";
import fs from "node:fs";
import os from "node:os";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { serve } from "../e2e/server.mjs";

const dist = path.resolve(process.argv[2] ?? "dist");
const port = Number(process.env.CARNET_LIGHTHOUSE_PORT ?? 0);
const chromePath = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
const FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The first post of the build: the newest, as its home page lists it. */
function firstPost() {
  const posts = path.join(dist, "posts");
  const slug = fs.readdirSync(posts).sort()[0];
  if (!slug) throw new Error(`no post in ${posts}`);
  return `posts/${slug}/`;
}

const server = await serve(dist, { port, compress: true });
const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "carnet-lighthouse-"));
const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: FLAGS, userDataDir });
const rows = [];
const notes = [];
try {
  for (const [name, relative] of [["home page", ""], ["a post", firstPost()]]) {
    const url = server.url + relative;
    const result = await lighthouse(url, { port: chrome.port, onlyCategories: CATEGORIES, output: "json", logLevel: "error" });
    const { categories, audits, lighthouseVersion } = result.lhr;
    rows.push([`${name} (/${relative})`, ...CATEGORIES.map((id) => Math.round(categories[id].score * 100))]);
    for (const id of CATEGORIES) {
      for (const ref of categories[id].auditRefs) {
        const audit = audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
          notes.push(`${name}, ${id}: ${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ""}`);
        }
      }
    }
    for (const metric of ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index"]) {
      notes.push(`${name}: ${audits[metric].title} ${audits[metric].displayValue}`);
    }
    const lcp = audits["largest-contentful-paint-element"]?.details?.items?.[0]?.items?.[0]?.node;
    if (lcp) notes.push(`${name}: the largest contentful paint is ${lcp.nodeLabel ?? ""} (${lcp.selector ?? lcp.snippet})`);
    rows.version = lighthouseVersion;
  }
} finally {
  await chrome.kill();
  await server.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
console.log(`Lighthouse ${rows.version}, mobile preset, ${chromePath}, ${dist} served over HTTP (its .br copies when it has them, else gzip)\n`);
console.log("| page | performance | accessibility | best practices | SEO |");
console.log("|---|---|---|---|---|");
for (const row of rows) console.log(`| ${row.join(" | ")} |`);
console.log("");
for (const note of notes) console.log(`- ${note}`);
