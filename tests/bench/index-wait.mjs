// What fetching the index costs the moment a pre-rendered page becomes interactive, in headless
// Chromium: a page embeds the stamp of the index, not the index, and the app hydrates it once
// `data/index.json` (which the page's head preloads) has come. For each cold load (fresh browser
// context, cache off), from the navigation's start: when the index's answer had come (its
// resource timing's `responseEnd`), when the wasm had started (Trunk's `TrunkApplicationStarted`,
// once the entry has run and asked for the index), and when the app had taken the page over
// (`<html data-app="on">`: the index read, the page hydrated). On loopback and on the fast 3G link of
// `scripts/bench` (150 ms round trip, 1.6 Mbit/s).
//
// Usage: node tests/bench/index-wait.mjs SITE [RUNS] [PATH]
//   SITE  a built site, e.g. dist or target/bench-output/1000/carnet
//   RUNS  cold loads per link (default 9)
//   PATH  the page loaded (default: the first post the home page links to)
//
// Prints, per link, the medians, and in how many loads the index came after the wasm had
// started (the only loads it can have held back).
import { launch } from "../e2e/browsers.mjs";
import { serve } from "../e2e/server.mjs";
import { NETWORKS } from "./measure.mjs";

const [site, runsArgument = "9", pathArgument] = process.argv.slice(2);
if (!site) {
  console.error("usage: node tests/bench/index-wait.mjs SITE [RUNS] [PATH]");
  process.exit(2);
}
const runs = Number(runsArgument);

/** In the page, before its scripts: when the wasm started and when the app took the page over. */
function watch() {
  window.__wait = {};
  addEventListener("TrunkApplicationStarted", () => (window.__wait.started = performance.now()));
  new MutationObserver((_, observer) => {
    if (document.documentElement?.getAttribute("data-app") !== "on") return;
    window.__wait.app = performance.now();
    const index = performance.getEntriesByType("resource").find((entry) => entry.name.endsWith("/data/index.json"));
    window.__wait.index = index?.responseEnd;
    observer.disconnect();
  }).observe(document, { attributes: true, attributeFilter: ["data-app"], subtree: true });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

const server = await serve(site, { base: "/", fallback: "404", compress: true });
const browser = await launch("chromium");
try {
  let page = pathArgument;
  if (!page) {
    const tab = await browser.newPage();
    await tab.goto(server.url, { waitUntil: "load" });
    page = await tab.evaluate(() => new URL(document.querySelector('main a[href*="/posts/"]').href).pathname);
    await tab.close();
  }
  console.log(`${site}, ${page}, ${runs} cold loads per link (medians, ms from the navigation's start)\n`);
  console.log("| link | index came | wasm started | app took the page over | loads where the index came after the wasm |");
  console.log("|---|---:|---:|---:|---:|");
  for (const [name, network] of Object.entries(NETWORKS)) {
    const rows = [];
    for (let run = 0; run < runs; run++) {
      const context = await browser.createBrowserContext();
      const tab = await context.newPage();
      await tab.setCacheEnabled(false);
      const cdp = await tab.createCDPSession();
      await cdp.send("Network.enable");
      if (network) await cdp.send("Network.emulateNetworkConditions", network);
      await tab.evaluateOnNewDocument(watch);
      await tab.goto(server.url + page.slice(1), { waitUntil: "load" });
      await tab.waitForFunction(() => window.__wait.app !== undefined, { timeout: 60_000 });
      rows.push(await tab.evaluate(() => window.__wait));
      await context.close();
    }
    const index = median(rows.map((row) => row.index));
    const started = median(rows.map((row) => row.started));
    const app = median(rows.map((row) => row.app));
    const late = rows.filter((row) => row.index > row.started).length;
    console.log(
      `| ${name} | ${index.toFixed(1)} | ${started.toFixed(1)} | ${app.toFixed(1)} | ${late} of ${rows.length} |`,
    );
  }
} finally {
  await browser.close();
  await server.close();
}
