// Search measured against Pagefind, called by scripts/bench-search once it has built the sites:
// for each N, Carnet's site (target/bench-search/N/dist, its index written by `carnet build`) and
// Pagefind's bundle over the same pre-rendered posts (target/bench-search/N/pagefind-site, with a
// small search page of ours) are served by the same compressing server, and one headless
// Chromium types the same five queries into each, letter by letter, in turn.
//
// For each query and engine, in a fresh browser context (empty cache):
// - cold: the bytes and requests from the focus of the search box until the results of the whole
//   query, typed letter by letter, are on screen with the top 5 excerpts; and the time of each
//   keystroke;
// - warm: the box emptied, the same query typed again in the same page (the index files it needs
//   already loaded), the time of each keystroke, and of the last one.
// A keystroke's time, in Carnet: from the input event to the animation frame after the last
// change it caused in the page (and after the worker's answer), the app's own code unchanged
// (a MutationObserver and a wrapper of Worker watch it); in Pagefind, as its JS API is used:
// from the call to pagefind.search() to the data of the top 5 results, and, for the last
// keystroke, from the input event to the frame after they are drawn. Each keystroke waits for
// the previous one's results (a reader typing slowly), so none is dropped or overtaken.
//
// Usage: node tests/bench/search.mjs --posts 1000,10000 [--runs R] [--smoke] [--out FILE.md] [--command TEXT]
// With --smoke, exits with status 1 if anything did not work (a query that shows nothing, fewer
// results than it should, a one-word query matching another number of posts than in Pagefind, no
// query reaching a split prefix of the index, a console error, a failed request), never because
// of a time.
import fs from "node:fs";
import path from "node:path";
import { serve } from "../e2e/server.mjs";
import { parseOptions } from "./options.mjs";
import { problemList, runBenchmark } from "./report.mjs";

const SITES = path.resolve("target/bench-search");
const TIMEOUT = 60_000;
/**
 * How long nothing must change in the page before a keystroke's results count as drawn and
 * the next letter is typed: a reader typing about four letters a second. Carnet's worker
 * fetches the texts of passages once a query has stayed unchanged for 300 ms
 * (`PASSAGES_AFTER_MS`), so the passages of the word's last letter only: `carnetQuery` waits
 * for them before counting the query's bytes.
 */
const QUIET_MS = 200;
const VIEWPORT = { width: 1280, height: 800 };
const TOP = 5;
/** How many results Carnet's page shows once typing pauses (`carnet_core::search::SHOWN`). */
const SHOWN = 10;

/**
 * The five queries, realistic for the blog `carnet generate --seed 1` writes (its words were
 * counted to choose them; see BENCHMARKS.md): a frequent word, a rare word, a proper noun, two
 * words, and a word whose first letters match much of the blog.
 */
export const QUERIES = [
  { kind: "frequent word", text: "communauté" },
  { kind: "rare word", text: "dapution" },
  { kind: "proper noun", text: "Quimper" },
  { kind: "two words", text: "stratégie numérique" },
  { kind: "short prefix, then longer", text: "partage" },
];


function say(message) {
  console.error(`    ${message}`);
}

/**
 * In every document of Carnet's site, before its scripts: notes the time of each input event,
 * of each change to the page, of each message to and from a Worker, and the animation frame
 * after the latest change or message (window.__search).
 */
function watchCarnet() {
  const s = (window.__search = { inputAt: 0, lastEvent: 0, paintedAt: 0, waiting: false });
  const changed = () => {
    const at = performance.now();
    s.lastEvent = at;
    requestAnimationFrame(() => {
      if (s.lastEvent === at) s.paintedAt = performance.now();
    });
  };
  document.addEventListener(
    "input",
    (event) => {
      s.inputAt = event.timeStamp;
      s.lastEvent = event.timeStamp;
      s.paintedAt = 0;
    },
    true,
  );
  const Native = window.Worker;
  if (Native) {
    window.Worker = class extends Native {
      constructor(...args) {
        super(...args);
        this.addEventListener("message", () => {
          s.waiting = false;
          changed();
        });
      }
      postMessage(...args) {
        s.waiting = true;
        return super.postMessage(...args);
      }
    };
  }
  const observe = () =>
    new MutationObserver(changed).observe(document.documentElement, {
      childList: true,
      subtree: true,
      characterData: true,
    });
  if (document.documentElement) observe();
  else document.addEventListener("DOMContentLoaded", observe);
}

/**
 * Carnet: resolves once the keystroke's results are final; their times in ms: `ms` to the last
 * change the keystroke caused in the page (its work, what Pagefind's `search` measures),
 * `painted` to the animation frame after it.
 */
async function carnetKeystrokeDone(page) {
  await page.waitForFunction(
    (quiet) => {
      const s = window.__search;
      return !s.waiting && s.paintedAt > s.lastEvent && performance.now() - s.lastEvent >= quiet;
    },
    { timeout: TIMEOUT, polling: 20 },
    QUIET_MS,
  );
  return page.evaluate(() => {
    const s = window.__search;
    return { ms: s.lastEvent - s.inputAt, painted: s.paintedAt - s.inputAt };
  });
}

/** What Carnet's search page shows: its status, how many results, how many with a passage. */
function carnetShown() {
  const status = document.querySelector(".search-status")?.textContent.trim() ?? "";
  const items = [...document.querySelectorAll("ol.search-results > li")];
  return {
    status,
    shown: items.length,
    withPassage: items.filter((li) => li.querySelector("a") && li.querySelector(".passage")?.textContent.trim()).length,
    total: Number(status.replace(/[\s\u202f\u00a0]/g, "").match(/^(\d+)résultat/)?.[1] ?? (items.length ? NaN : 0)),
  };
}

/** Pagefind's search page, served beside its bundle (pagefind/). */
export const PAGEFIND_PAGE = `<!DOCTYPE html>
<html lang="fr">
<head><meta charset="utf-8"><title>Pagefind</title><link rel="icon" href="data:,"></head>
<body>
<main>
<input id="search-box" type="search" autocomplete="off" aria-label="Rechercher">
<p class="search-status"></p>
<ol class="search-results"></ol>
</main>
<script type="module">
// The page loads Pagefind when the box first gets the focus, as Carnet starts its worker then.
// Each input: pagefind.search(), then data() of the top ${TOP}, drawn; window.__pf holds the times.
const box = document.getElementById("search-box");
const status = document.querySelector(".search-status");
const list = document.querySelector(".search-results");
const pf = (window.__pf = { seq: 0, done: 0, times: {} });
let pagefind;
const load = () => (pagefind ??= import("./pagefind/pagefind.js"));
box.addEventListener("focus", load);
box.addEventListener("input", async (event) => {
  const seq = ++pf.seq;
  const inputAt = event.timeStamp;
  const term = box.value;
  const api = await load();
  const searchAt = performance.now();
  const search = term.trim() ? await api.search(term) : { results: [] };
  const top = await Promise.all(search.results.slice(0, ${TOP}).map((result) => result.data()));
  const dataAt = performance.now();
  if (seq !== pf.seq) return;
  status.textContent = term.trim() ? search.results.length + " résultats" : "";
  list.replaceChildren(
    ...top.map((data) => {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = data.url;
      a.textContent = data.meta?.title ?? data.url;
      const p = document.createElement("p");
      p.innerHTML = data.excerpt;
      li.append(a, p);
      return li;
    }),
  );
  requestAnimationFrame(() => {
    pf.times[seq] = { search: dataAt - searchAt, painted: performance.now() - inputAt, total: search.results.length };
    pf.done = seq;
  });
});
</script>
</body>
</html>
`;

/** Pagefind: resolves once the latest input's results are drawn; { search, painted, total }. */
async function pagefindKeystrokeDone(page) {
  await page.waitForFunction(() => window.__pf.done === window.__pf.seq, { timeout: TIMEOUT, polling: 10 });
  return page.evaluate(() => window.__pf.times[window.__pf.seq]);
}

/**
 * Chromium asks for the page's icon again after each of the app's in-page navigations (one a
 * keystroke, the URL following the query), and the server sends it again (no-cache): counted
 * apart, as it is not search.
 */
const isFavicon = (url) => /\/favicon[^/]*$/.test(new URL(url ?? "about:blank").pathname);

/**
 * A tab in a fresh browser context (empty cache) that counts requests and bytes (CDP
 * encodedDataLength) from `reset()` on, and collects problems.
 */
async function openTab(browser) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  await page.setViewport(VIEWPORT);
  const cdp = await page.createCDPSession();
  const tab = {
    page,
    problems: [],
    bytes: 0,
    requests: 0,
    favicons: 0,
    close: () => context.close(),
    reset() {
      this.bytes = 0;
      this.requests = 0;
      this.favicons = 0;
    },
  };
  // The page's requests, and its workers' (each worker has its own CDP session: Carnet's search
  // worker and Pagefind's fetch the index there). Puppeteer enables the Network domain on each.
  const watch = (session, where) => {
    const urls = new Map();
    session.on("Network.requestWillBeSent", (event) => {
      urls.set(event.requestId, event.request.url);
      if (isFavicon(event.request.url)) tab.favicons += 1;
      else tab.requests += 1;
    });
    session.on("Network.loadingFinished", (event) => {
      const url = urls.get(event.requestId);
      if (process.env.BENCH_SEARCH_DEBUG) console.error(`      ${where}: ${url} ${event.encodedDataLength}`);
      if (!isFavicon(url)) tab.bytes += event.encodedDataLength;
    });
    session.on("Network.responseReceived", ({ response }) => {
      if (response.status >= 400) tab.problems.push(`HTTP ${response.status} for ${response.url} (${where})`);
    });
    session.on("Network.loadingFailed", (event) => {
      tab.problems.push(`request failed (${event.errorText}): ${urls.get(event.requestId)} (${where})`);
    });
  };
  watch(cdp, "page");
  page.on("workercreated", (worker) => watch(worker.client, `worker ${worker.url()}`));
  page.on("console", (message) => {
    if (message.type() === "error") tab.problems.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => tab.problems.push(`uncaught error: ${error.message}`));
  await cdp.send("Network.enable");
  return tab;
}

/** Empties the search box (select all, delete) and waits for the page to settle. */
async function emptyBox(tab, settled) {
  await tab.page.click("#search-box", { count: 3 });
  await tab.page.keyboard.press("Backspace");
  await settled();
}

/** How many letters the last word of `typed` has (what a prefix search works on). */
const lastWordLength = (typed) => [...(typed.split(/\s+/).pop() ?? "")].length;

/**
 * Types `text` letter by letter into the focused box, waiting for each keystroke's results:
 * [{ typed, ms, painted }] with `done()`'s answer for each.
 */
async function typeLetterByLetter(tab, text, done) {
  const keystrokes = [];
  let typed = "";
  for (const letter of text) {
    typed += letter;
    await tab.page.keyboard.type(letter);
    keystrokes.push({ typed, letters: lastWordLength(typed), ...(await done()) });
  }
  return keystrokes;
}

/** One query in Carnet: cold (bytes, requests, keystrokes) then warm (keystrokes). */
async function carnetQuery(browser, site, query) {
  const tab = await openTab(browser);
  try {
    await tab.page.evaluateOnNewDocument(watchCarnet);
    await tab.page.goto(new URL(site.postPath, site.url).href, { waitUntil: "load" });
    await tab.page.waitForSelector("#search-box");
    await tab.page.waitForNetworkIdle({ idleTime: 500 });
    tab.reset();
    await tab.page.focus("#search-box");
    const done = () => carnetKeystrokeDone(tab.page);
    const cold = await typeLetterByLetter(tab, query.text, done);
    // The passages of the first results, which come once the reader has stopped typing.
    await tab.page.waitForFunction(
      `(() => {
        const shown = (${carnetShown})();
        return /^Aucun résultat/.test(shown.status) || shown.withPassage >= Math.min(${TOP}, shown.total);
      })()`,
      { timeout: TIMEOUT, polling: 20 },
    );
    await tab.page.waitForNetworkIdle({ idleTime: 300 });
    const { bytes, requests, favicons } = tab;
    const shown = await tab.page.evaluate(carnetShown);
    checkCarnetShown(tab, query, shown);
    await emptyBox(tab, () => carnetKeystrokeDone(tab.page));
    const warm = await typeLetterByLetter(tab, query.text, done);
    if (process.env.BENCH_SEARCH_DEBUG) {
      say(`Carnet, warm: ${warm.map((k) => `${k.typed} ${ms(k.ms)} / ${ms(k.painted)}`).join(", ")}`);
    }
    const last = warm.at(-1).painted;
    return { bytes, requests, favicons, cold, warm, last, total: shown.total, problems: tab.problems };
  } catch (error) {
    return { problems: [...tab.problems, error.message.split("\n")[0]] };
  } finally {
    await tab.close();
  }
}

/** A problem unless Carnet's page shows results with passages, or says there are none. */
function checkCarnetShown(tab, query, shown) {
  const none = /^Aucun résultat/.test(shown.status);
  if (none && shown.shown === 0) return;
  if (!Number.isFinite(shown.total) || shown.total < 1) {
    tab.problems.push(`Carnet, « ${query.text} »: status « ${shown.status} », ${shown.shown} result(s) shown`);
  } else if (shown.withPassage < Math.min(TOP, shown.total)) {
    tab.problems.push(`Carnet, « ${query.text} »: ${shown.withPassage} result(s) with a passage of ${shown.total}`);
  } else if (shown.shown !== Math.min(SHOWN, shown.total)) {
    tab.problems.push(`Carnet, « ${query.text} »: ${shown.shown} result(s) shown of ${shown.total}`);
  }
}

/**
 * Problems with what both engines found in one run: a one-word query must match as many posts
 * in both, an engine written apart from Carnet's (two words may not: Pagefind also indexes what
 * `<main>` holds besides the text, the byline and the table of contents). Counts, not the posts
 * themselves: each engine shows only its first results.
 */
function disagreements(query, carnet, pagefind) {
  const oneWord = !/\s/.test(query.text.trim());
  if (!oneWord || carnet.total === undefined || pagefind.total === undefined || carnet.total === pagefind.total) return [];
  return [`« ${query.text} »: Carnet found ${carnet.total} post(s), Pagefind ${pagefind.total}`];
}

/**
 * A problem unless one of the queries starts with a two-letter prefix the index of `dist` split
 * (`meta.json`'s `split`): the smoke must go through a split prefix's shards.
 */
function splitPrefixProblems(dist) {
  const meta = JSON.parse(fs.readFileSync(path.join(dist, "search", "meta.json"), "utf8"));
  const fold = (text) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  const reached = QUERIES.filter((query) => meta.split.includes(fold(query.text).slice(0, 2)));
  if (reached.length) return [];
  return [`no query starts with a split prefix of the index (split: ${meta.split.join(", ") || "none"}): use more posts`];
}

/** One query in Pagefind: cold (bytes, requests, keystrokes) then warm (keystrokes). */
async function pagefindQuery(browser, site, query) {
  const tab = await openTab(browser);
  try {
    await tab.page.goto(new URL("/", site.url).href, { waitUntil: "load" });
    await tab.page.waitForNetworkIdle({ idleTime: 300 });
    tab.reset();
    await tab.page.focus("#search-box");
    const done = async () => {
      const { search, painted, total } = await pagefindKeystrokeDone(tab.page);
      return { ms: search, painted, total };
    };
    const cold = await typeLetterByLetter(tab, query.text, done);
    await tab.page.waitForNetworkIdle({ idleTime: 300 });
    const bytes = tab.bytes;
    const requests = tab.requests;
    const total = cold.at(-1).total;
    const drawn = await tab.page.$$eval("ol.search-results > li", (items) => items.length);
    if (drawn < Math.min(TOP, total)) tab.problems.push(`Pagefind, « ${query.text} »: ${drawn} drawn of ${total}`);
    await emptyBox(tab, () => pagefindKeystrokeDone(tab.page));
    const warm = await typeLetterByLetter(tab, query.text, done);
    return { bytes, requests, cold, warm, last: warm.at(-1).painted, total, problems: tab.problems };
  } catch (error) {
    return { problems: [...tab.problems, error.message.split("\n")[0]] };
  } finally {
    await tab.close();
  }
}

function median(values) {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const worst = (values) => (values.length ? Math.max(...values) : undefined);

/** The figures of one query and engine over its runs. */
function summarise(runs) {
  const ok = runs.filter((run) => run.cold);
  const keystrokes = (which, filter = () => true, time = "ms") =>
    ok.flatMap((run) => run[which].filter(filter).map((keystroke) => keystroke[time]));
  const short = (k) => k.letters <= 2;
  const long = (k) => k.letters >= 3;
  return {
    runs: ok.length,
    bytes: median(ok.map((run) => run.bytes)),
    requests: median(ok.map((run) => run.requests)),
    favicons: median(ok.map((run) => run.favicons ?? 0)),
    total: median(ok.map((run) => run.total)),
    coldMedian: median(keystrokes("cold")),
    coldWorst: worst(keystrokes("cold")),
    warmMedian: median(keystrokes("warm")),
    warmShortWorst: worst(keystrokes("warm", short)),
    warmLongWorst: worst(keystrokes("warm", long)),
    warmLongPaintedMedian: median(keystrokes("warm", long, "painted")),
    warmLongPaintedWorst: worst(keystrokes("warm", long, "painted")),
    last: median(ok.map((run) => run.last)),
  };
}

/** Measures the site of `n` posts: per query, per engine, its summary; and the problems seen. */
async function benchmarkSite(browser, n, { runs, smoke }) {
  const dir = path.join(SITES, String(n));
  fs.writeFileSync(path.join(dir, "pagefind-site", "index.html"), PAGEFIND_PAGE);
  const servers = {
    carnet: await serve(path.join(dir, "dist"), { compress: true }),
    pagefind: await serve(path.join(dir, "pagefind-site"), { compress: true }),
  };
  const problems = [];
  try {
    if (smoke) {
      for (const problem of splitPrefixProblems(path.join(dir, "dist"))) problems.push({ where: `N=${n} carnet`, problem });
    }
    const postPath = firstPost(path.join(dir, "dist"));
    const sites = { carnet: { url: servers.carnet.url, postPath }, pagefind: { url: servers.pagefind.url } };
    const results = QUERIES.map(() => ({ carnet: [], pagefind: [] }));
    for (let run = 1; run <= runs; run++) {
      for (const [i, query] of QUERIES.entries()) {
        const carnet = await carnetQuery(browser, sites.carnet, query);
        const pagefind = await pagefindQuery(browser, sites.pagefind, query);
        for (const [engine, result] of Object.entries({ carnet, pagefind })) {
          results[i][engine].push(result);
          for (const problem of result.problems) problems.push({ where: `N=${n} ${engine} « ${query.text} » run ${run}`, problem });
        }
        for (const problem of disagreements(query, carnet, pagefind)) problems.push({ where: `N=${n} run ${run}`, problem });
        say(
          `run ${run}, « ${query.text} »: Carnet ${kb(carnet.bytes)} / ${carnet.requests} req, last ${ms(carnet.last)}; ` +
            `Pagefind ${kb(pagefind.bytes)} / ${pagefind.requests} req, last ${ms(pagefind.last)}`,
        );
      }
    }
    const queries = QUERIES.map((query, i) => ({
      query,
      carnet: summarise(results[i].carnet),
      pagefind: summarise(results[i].pagefind),
    }));
    return { n, queries, problems, build: JSON.parse(fs.readFileSync(path.join(dir, "build.json"), "utf8")) };
  } finally {
    await Promise.all(Object.values(servers).map((server) => server.close()));
  }
}

/** The path of a post page of the site in `dist` (the first in its folder's order). */
function firstPost(dist) {
  const slug = fs.readdirSync(path.join(dist, "posts")).sort()[0];
  return `/posts/${slug}/`;
}

const ms = (value) => (value === undefined ? "—" : `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`);
const kb = (value) => (value === undefined ? "—" : `${(value / 1000).toFixed(1)} kB`);
const mb = (value) => `${(value / 1e6).toFixed(1)} MB`;
const thousands = (value) => (value === undefined ? "—" : Math.round(value).toLocaleString("en-US"));
// null: not measured (the smoke does not time the index alone).
const seconds = (value) => (value == null ? "—" : `${value.toFixed(2)} s`);

function indexTable(sites) {
  const lines = [
    "| posts | engine | index on disk | files | with the search code | index build time | whole site build |",
    "|---:|---|---:|---:|---:|---:|---:|",
  ];
  for (const { n, build } of sites) {
    const { carnet, pagefind } = build;
    lines.push(
      `| ${thousands(n)} | Carnet | ${mb(carnet.indexBytes)} | ${thousands(carnet.indexFiles)} | ` +
        `${mb(carnet.indexBytes + carnet.codeBytes)} in ${thousands(carnet.indexFiles + carnet.codeFiles)} | ` +
        `${seconds(carnet.indexSeconds)} | ${seconds(carnet.buildSeconds)} |`,
      `| ${thousands(n)} | Pagefind | ${mb(pagefind.indexBytes)} | ${thousands(pagefind.indexFiles)} | ` +
        `${mb(pagefind.indexBytes + pagefind.codeBytes)} in ${thousands(pagefind.indexFiles + pagefind.codeFiles)} | ` +
        `${seconds(pagefind.seconds)} | — |`,
      `| ${thousands(n)} | Carnet / Pagefind | **${(carnet.indexBytes / pagefind.indexBytes).toFixed(2)}** | ` +
        `${(carnet.indexFiles / pagefind.indexFiles).toFixed(2)} | | ${carnet.indexSeconds == null ? "—" : (carnet.indexSeconds / pagefind.seconds).toFixed(2)} | |`,
    );
  }
  return lines.join("\n");
}

function queryTable(sites) {
  const lines = [
    "| posts | query | engine | matches | cold: bytes | cold: requests | cold keystroke: median | cold: worst | " +
      "warm keystroke: median | warm, 1–2 letters: worst | warm, 3+ letters: worst | " +
      "warm, 3+ letters, → painted: median | worst | warm: last keystroke → painted |",
    "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const { n, queries } of sites) {
    for (const { query, carnet, pagefind } of queries) {
      for (const [engine, s] of [
        ["Carnet", carnet],
        ["Pagefind", pagefind],
      ]) {
        lines.push(
          `| ${thousands(n)} | ${query.kind}: « ${query.text} » | ${engine} | ${thousands(s.total)} | ${kb(s.bytes)} | ` +
            `${thousands(s.requests)} | ${ms(s.coldMedian)} | ${ms(s.coldWorst)} | ${ms(s.warmMedian)} | ` +
            `${ms(s.warmShortWorst)} | ${ms(s.warmLongWorst)} | ${ms(s.warmLongPaintedMedian)} | ` +
            `${ms(s.warmLongPaintedWorst)} | ${ms(s.last)} |`,
        );
      }
    }
  }
  return lines.join("\n");
}

/** The issue's targets, checked on the largest N measured. */
function targets(sites) {
  const site = sites.at(-1);
  if (!site) return "";
  const { n, queries, build } = site;
  const yes = (met) => (met ? "**met**" : "**not met**");
  const cold = queries.map(({ query, carnet, pagefind }) => {
    const met = carnet.bytes <= 150_000 && carnet.bytes < pagefind.bytes;
    return `« ${query.text} » ${kb(carnet.bytes)} against ${kb(pagefind.bytes)}: ${met ? "met" : "not met"}`;
  });
  const coldMet = queries.every(({ carnet, pagefind }) => carnet.bytes <= 150_000 && carnet.bytes < pagefind.bytes);
  const long = worst(queries.map(({ carnet }) => carnet.warmLongWorst).filter((v) => v !== undefined));
  const short = worst(queries.map(({ carnet }) => carnet.warmShortWorst).filter((v) => v !== undefined));
  const longPainted = worst(queries.map(({ carnet }) => carnet.warmLongPaintedWorst).filter((v) => v !== undefined));
  const last = worst(queries.map(({ carnet }) => carnet.last).filter((v) => v !== undefined));
  const { carnet, pagefind } = build;
  return [
    `At ${thousands(n)} posts (Carnet's figures; the worst over the five queries):`,
    "",
    `- Cold first query ≤ 150 KB and below Pagefind's, for every query: ${yes(coldMet)} (${cold.join("; ")}).`,
    `- Keystroke within a frame (16 ms) for a selective word (3 letters or more, warm), the input to its ` +
      `answer in the page: worst ${ms(long)}: ${yes(long <= 16)}. To the frame after it, which adds the wait ` +
      `for the screen's next refresh (0–16.7 ms by where the key falls in the frame): worst ${ms(longPainted)}.`,
    `- Keystroke ≤ 50 ms for a one- or two-letter prefix (warm): worst ${ms(short)}: ${yes(short <= 50)}.`,
    `- Last keystroke → results painted ≤ 50 ms, warm: worst of the medians ${ms(last)}: ${yes(last <= 50)}.`,
    `- Index on disk smaller than Pagefind's: ${mb(carnet.indexBytes)} against ${mb(pagefind.indexBytes)}: ` +
      `${yes(carnet.indexBytes < pagefind.indexBytes)}.`,
  ].join("\n");
}

/** Carnet's refetched icons, left out of its counts. */
function faviconNote(sites) {
  const most = Math.max(0, ...sites.flatMap((site) => site.queries.map((q) => q.carnet.favicons ?? 0)));
  return most
    ? `Not counted above: Chromium asked for Carnet's icon again after each in-page navigation (the URL ` +
        `follows the query, one navigation a keystroke), up to ${most} times a query (its small SVG icon, with headers).`
    : "";
}

function renderReport({ command, runs, machine: m, pagefindVersion, sites }) {
  const date = new Date().toISOString().slice(0, 16).replace("T", " ");
  return `## Search: Carnet against Pagefind

- Machine: ${m.cpu}, ${m.cores} cores, ${m.ram} RAM, ${m.os}; ${m.browser} headless; Node ${m.node}; Pagefind ${pagefindVersion}
- Command: \`${command ?? "node tests/bench/search.mjs"}\` (${date} UTC)

The blog is \`carnet generate --posts N --seed 1\`, built by \`carnet build\`; Pagefind indexes the
same pre-rendered post pages (\`posts/*/index.html\`, each post's \`<main>\`: \`--root-selector main\`).
Both are served by the same server (gzip on the fly for text, JSON and wasm; other files as they
are). Each query is typed letter by letter in a fresh browser context (${runs} run(s) each, medians;
keystroke times pooled over the runs), each keystroke waiting for the previous one's results.
Carnet's keystroke: from the input event to the last change it caused in the page (its worker's
answer drawn: up to ten results, the first five with their passages). Pagefind's keystroke:
from \`pagefind.search()\` to the \`data()\` of its top ${TOP} (no drawing). « → painted »: for both,
from the input event to the animation frame after that change, which adds the wait for the
screen's next refresh, 0–16.7 ms by where the key falls in the frame. Cold: bytes and requests
from the focus of the box until the whole query's results are shown (Carnet's worker and
Pagefind's script and wasm included). Warm: the box emptied and the query typed again in the same
page. Index on disk: Carnet's \`search/\` data (\`meta.json\`, \`t/\`, \`c/\`, \`p/\`), Pagefind's bundle without its
scripts, wasm and styles; « with the search code » adds them (Carnet's worker JS and wasm).
Carnet's index build time is that of \`carnet_core::search::index::blog_index\` and writing its files
(\`cargo run --example search-index\`), inside a whole site build timed in the last column;
Pagefind's is its whole run over the pages.

${indexTable(sites)}

${queryTable(sites)}

${faviconNote(sites)}

${targets(sites)}

Problems seen:

${problemList(sites, "every query showed its results (or said there were none), with no console error and no failed request.")}
`;
}

async function main() {
  const options = parseOptions(process.argv.slice(2), { posts: [1000, 10000], runs: 3 }, "bench-search");
  await runBenchmark(
    "bench-search",
    options,
    (browser, n) => {
      console.error(`\n==> measuring search at ${n.toLocaleString("en-US")} posts`);
      return benchmarkSite(browser, n, options);
    },
    (sites, machine) => {
      const pagefindVersion = JSON.parse(fs.readFileSync("node_modules/pagefind/package.json", "utf8")).version;
      return renderReport({ ...options, machine, pagefindVersion, sites });
    },
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) await main();
