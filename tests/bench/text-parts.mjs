// Which part of the app's page, if any, holds its text back on a cold load: the app's pages as
// built, then with one of their parts taken out at a time (the app's module, the theme's inline
// script, the preload of the index), against the static baseline and the limit of
// `scripts/bench` (tests/bench/run.mjs), loaded in turn in one headless Chromium, cache off, a
// fresh context each. Prints the median first contentful paint of each, in ms and against the
// limit, for the home page and a post.
//
// Usage: node tests/bench/text-parts.mjs SITE [RUNS] [--fast-3g]
//   SITE     a site built by scripts/bench (target/bench/N/dist)
//   RUNS     cold loads per page and variant after one unrecorded round (default 11)
//   --fast-3g  on the simulated fast 3G link instead of the loopback
import fs from "node:fs";
import path from "node:path";
import { launch } from "../e2e/browsers.mjs";
import { serve } from "../e2e/server.mjs";
import { NETWORKS, coldLoad } from "./measure.mjs";
import { inlineBaseline, staticBaseline, stylesheet } from "./variants.mjs";

const args = process.argv.slice(2);
const network = args.includes("--fast-3g") ? NETWORKS.fast3g : null;
const [site, runsArg] = args.filter((arg) => !arg.startsWith("--"));
if (!site || !fs.existsSync(path.join(site, "index.html"))) {
  console.error("usage: node tests/bench/text-parts.mjs SITE [RUNS] [--fast-3g] (SITE: target/bench/N/dist)");
  process.exit(2);
}
const runs = Number(runsArg ?? 11);

/** Each variant: how its pages are rewritten (none: as built), and whether the app runs in it. */
const VARIANTS = {
  app: { rewrite: null, app: true },
  "without the app's module": {
    rewrite: (html) => html.replace(/<script type="module">[\s\S]*?<\/script>/, ""),
    app: false,
  },
  "without the theme's script": {
    rewrite: (html) => html.replace(/<script>\(function\(\)\{[\s\S]*?<\/script>/, ""),
    app: true,
  },
  "without the index's preload": {
    rewrite: (html) => html.replace(/<link\b[^>]*\brel="preload"[^>]*\bas="fetch"[^>]*>/g, ""),
    app: true,
  },
  "static baseline": { rewrite: staticBaseline, app: false },
  limit: { rewrite: inlineBaseline(stylesheet(site)), app: false },
};

const servers = {};
for (const [name, { rewrite }] of Object.entries(VARIANTS)) {
  servers[name] = await serve(site, rewrite ? { compress: true, rewriteHtml: rewrite } : { compress: true });
}
const post = fs.readdirSync(path.join(site, "posts")).sort()[0];
const PAGES = { home: "/", post: `/posts/${post}/` };
const expect = { selector: "main h1", text: "" };
const browser = await launch("chromium");
/** page → variant → first contentful paints, in ms. */
const paints = {};
try {
  for (let run = 0; run <= runs; run++) {
    for (const [page, href] of Object.entries(PAGES)) {
      for (const [name, { app }] of Object.entries(VARIANTS)) {
        const url = new URL(href, servers[name].url).href;
        const result = await coldLoad(browser, url, { app, expect, network });
        if (result.problems.length) console.error(`${name}, ${page}: ${result.problems.join("; ")}`);
        if (run > 0 && result.fcp !== undefined) ((paints[page] ??= {})[name] ??= []).push(result.fcp);
      }
    }
  }
} finally {
  await browser.close();
  for (const server of Object.values(servers)) server.close();
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(`| variant | ${Object.keys(PAGES).map((page) => `${page}: first paint | / limit`).join(" | ")} |`);
console.log(`|---|${Object.keys(PAGES).map(() => "---:|---:").join("|")}|`);
for (const name of Object.keys(VARIANTS)) {
  const cells = Object.keys(PAGES).map((page) => {
    const ms = median(paints[page][name]);
    return `${ms.toFixed(0)} ms | ${(ms / median(paints[page].limit)).toFixed(2)}`;
  });
  console.log(`| ${name} | ${cells.join(" | ")} |`);
}
