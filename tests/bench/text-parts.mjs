// Which part of the app's page, if any, holds its text back on a cold load: the app's pages as
// built, then with one of their parts taken out at a time (the app's module, the theme's inline
// script, the preload of the index), against the static baseline and the limit of
// `scripts/bench` (tests/bench/run.mjs), loaded in turn in one headless Chromium, cache off, a
// fresh context each. Prints the median first contentful paint of each, in ms and against the
// limit, for the home page and a post, with the 95 % interval of that ratio (a bootstrap over the
// rounds: each round loads every variant in turn, so a resampled round keeps them paired).
//
// Usage: node tests/bench/text-parts.mjs SITE [RUNS] [--fast-3g] [--only NAME,NAME…]
//   SITE     a site built by scripts/bench (target/bench/N/dist)
//   RUNS     cold loads per page and variant after one unrecorded round (default 11)
//   --fast-3g  on the simulated fast 3G link instead of the loopback
//   --only   only these variants (by the start of their names: app,static,limit), the limit always
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { launch } from "../e2e/browsers.mjs";
import { serve } from "../e2e/server.mjs";
import { NETWORKS, coldLoad } from "./measure.mjs";
import { inlineBaseline, staticBaseline, stylesheet } from "./variants.mjs";

const args = process.argv.slice(2);
const network = args.includes("--fast-3g") ? NETWORKS.fast3g : null;
const onlyAt = args.indexOf("--only");
const only = onlyAt >= 0 ? (args.splice(onlyAt, 2)[1] ?? "").split(",").filter(Boolean) : null;
const [site, runsArg] = args.filter((arg) => !arg.startsWith("--"));
if (!site || !fs.existsSync(path.join(site, "index.html"))) {
  console.error("usage: node tests/bench/text-parts.mjs SITE [RUNS] [--fast-3g] (SITE: target/bench/N/dist)");
  process.exit(2);
}
const runs = Number(runsArg ?? 11);

/**
 * The app's loader waiting for the frame after the first paint before it fetches and compiles
 * the wasm, its hash in the page's policy changed to match.
 */
function wasmAfterPaint(html) {
  const loader = /<script type="module">([\s\S]*?)<\/script>/.exec(html)?.[1];
  if (!loader) return html;
  const waiting = loader.replace(
    "const wasm = await init(",
    "await new Promise((go) => requestAnimationFrame(() => setTimeout(go)));\nconst wasm = await init(",
  );
  const hash = (text) => `'sha256-${crypto.createHash("sha256").update(text).digest("base64")}'`;
  return html.replace(loader, waiting).replace(hash(loader), hash(waiting));
}

/** The app's module moved from the head to the end of the body, after the page's own data. */
function moduleAtTheEnd(html) {
  const module = /<script type="module">[\s\S]*?<\/script>/.exec(html)?.[0];
  if (!module) return html;
  return html.replace(module, "").replace("</body>", `${module}</body>`);
}

/**
 * The app's module imported once the browser has reported the page's first contentful paint
 * (a `PerformanceObserver` of paints, which hears of it once the frame is shown), so that
 * compiling the app does not compete with drawing the text for this machine's two cores.
 */
function moduleAfterContentfulPaint(html) {
  const loader = /<script type="module">([\s\S]*?)<\/script>/.exec(html);
  if (!loader) return html;
  const [, js, wasm] = /from '([^']+)'[\s\S]*module_or_path: '([^']+)'/.exec(loader[1]) ?? [];
  if (!js) return html;
  const later =
    `(function(){var started=false;function start(){if(started)return;started=true;import(${JSON.stringify(js)}).then(function(b){` +
    `return b.default({module_or_path:${JSON.stringify(wasm)}}).then(function(w){window.wasmBindings=b;` +
    `dispatchEvent(new CustomEvent("TrunkApplicationStarted",{detail:{wasm:w}}))})})}` +
    `new PerformanceObserver(function(list){if(list.getEntriesByName("first-contentful-paint").length)start()}).observe({type:"paint",buffered:true});` +
    `setTimeout(start,3000)})()`;
  const hash = (text) => `'sha256-${crypto.createHash("sha256").update(text).digest("base64")}'`;
  return html.replace(loader[0], `<script>${later}</script>`).replace(hash(loader[1]), hash(later));
}

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
  "the wasm after the first paint": { rewrite: wasmAfterPaint, app: true },
  "the app's module at the end of the body": { rewrite: moduleAtTheEnd, app: true },
  "the app's module after the first contentful paint": { rewrite: moduleAfterContentfulPaint, app: true },
  "static baseline": { rewrite: staticBaseline, app: false },
  limit: { rewrite: inlineBaseline(stylesheet(site)), app: false },
};

for (const name of Object.keys(VARIANTS)) {
  if (only && name !== "limit" && !only.some((start) => name.startsWith(start))) delete VARIANTS[name];
}

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
        // NaN keeps the rounds aligned across variants when a load has no paint.
        if (run > 0) ((paints[page] ??= {})[name] ??= []).push(result.fcp ?? NaN);
      }
    }
  }
} finally {
  await browser.close();
  for (const server of Object.values(servers)) server.close();
}

function median(values) {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** A small seeded generator (mulberry32): the same intervals for the same paints. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The 95 % bootstrap interval of median(ours) / median(limit), resampling rounds: `ours[i]` and
 * `limit[i]` were loaded in the same round.
 */
function interval(ours, limit) {
  const next = random(1);
  const rounds = Math.min(ours.length, limit.length);
  const ratios = [];
  for (let b = 0; b < 2000; b++) {
    const picked = Array.from({ length: rounds }, () => Math.floor(next() * rounds));
    ratios.push(median(picked.map((i) => ours[i])) / median(picked.map((i) => limit[i])));
  }
  ratios.sort((a, b) => a - b);
  return [ratios[Math.floor(0.025 * ratios.length)], ratios[Math.floor(0.975 * ratios.length)]];
}

console.log(`| variant | ${Object.keys(PAGES).map((page) => `${page}: first paint | / limit | 95 % interval`).join(" | ")} |`);
console.log(`|---|${Object.keys(PAGES).map(() => "---:|---:|---:").join("|")}|`);
for (const name of Object.keys(VARIANTS)) {
  const cells = Object.keys(PAGES).map((page) => {
    const ms = median(paints[page][name]);
    const [low, high] = interval(paints[page][name], paints[page].limit);
    return `${ms.toFixed(0)} ms | ${(ms / median(paints[page].limit)).toFixed(2)} | ${low.toFixed(2)}–${high.toFixed(2)}`;
  });
  console.log(`| ${name} | ${cells.join(" | ")} |`);
}
