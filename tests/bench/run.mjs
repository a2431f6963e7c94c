// The benchmark's runner, called by scripts/bench once it has built the sites: for each site of
// N posts in target/bench/N/dist, serves it three times with the same compressing server, as the
// app, as the static baseline (the same pre-rendered pages without any script) and as the limit
// (those pages with their stylesheet inline, as a plain static site would be: one file a page),
// measures them in one headless Chromium, interleaved (app, baseline, limit, app…), cold loads
// on the loopback and on a simulated fast 3G link, and prints the report.
//
// Usage: node tests/bench/run.mjs --posts 3,1000 [--runs R] [--smoke] [--out FILE.md] [--command TEXT]
// R cold loads per page and variant (default 5), 2R−1 clicks per kind of link and variant.
// With --smoke, exits with status 1 if any problem was seen (a page not shown, a console error,
// a failed request).
import fs from "node:fs";
import path from "node:path";
import { serve } from "../e2e/server.mjs";
import { NETWORKS, clickToPaint, coldLoad, discoverTargets, scroll } from "./measure.mjs";
import { parseOptions } from "./options.mjs";
import { renderReport, runBenchmark } from "./report.mjs";
import { inlineBaseline, staticBaseline, stylesheet } from "./variants.mjs";

const SITES = path.resolve("target/bench");
/** What clicks and scrolls compare. */
const VARIANTS = ["app", "static"];
/** What cold loads compare: the app, the baseline, and the limit a static site reaches. */
const LOAD_VARIANTS = ["app", "static", "limit"];

/** The command line's options, with the number of clicks per kind of link (2R−1). */
function parseArgs(argv) {
  const options = parseOptions(argv, { posts: [3, 1000, 10000, 100000], runs: 5 }, "bench");
  return { ...options, clicks: 2 * options.runs - 1 };
}

/** Prints what the benchmark is doing, on stderr. */
function say(message) {
  console.error(`    ${message}`);
}

/** The samples of one site: metric → variant → numbers; and the problems seen, with where. */
class Samples {
  values = {};
  problems = [];

  /** Adds the numbers of `result` under `prefix` ("home" → "home.fcp"…), and its problems. */
  add(prefix, variant, where, result) {
    for (const [key, value] of Object.entries(result)) {
      if (key === "problems" || typeof value !== "number") continue;
      ((this.values[`${prefix}.${key}`] ??= {})[variant] ??= []).push(value);
    }
    this.note(where, result);
  }

  /** Keeps the problems of `result`, not its numbers. */
  note(where, result) {
    for (const problem of result.problems) this.problems.push({ where, problem });
  }

  /** metric → variant → median. */
  medians() {
    const medians = {};
    for (const [metric, variants] of Object.entries(this.values)) {
      for (const [variant, values] of Object.entries(variants)) (medians[metric] ??= {})[variant] = median(values);
    }
    return medians;
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Runs `step` and says how long it took. */
async function timed(what, step) {
  const start = performance.now();
  say(`${what}…`);
  const result = await step();
  say(`${what}: ${((performance.now() - start) / 1000).toFixed(1)} s`);
  return result;
}

/** The pages measured on cold loads and scrolls, with the text each must show. */
function pagesOf(targets) {
  return {
    home: { path: "/", expect: { selector: "main .post-card h2", text: targets.post.title } },
    post: { path: targets.post.href, expect: { selector: "main article h1", text: targets.post.title } },
    archive: { path: "/archive/", expect: { selector: "main h1", text: "Archives" } },
  };
}

/** One load of each page and variant, not recorded: fills the server's and the system's caches. */
async function warmUp({ browser, n, url, pages, samples }) {
  for (const [name, page] of Object.entries(pages)) {
    for (const variant of LOAD_VARIANTS) {
      const options = { app: variant === "app", expect: page.expect };
      const result = await coldLoad(browser, url(variant, page.path), options);
      samples.note(`N=${n} ${variant} ${name} warm-up`, result);
    }
  }
}

/**
 * `runs` cold loads of the home page and of a post, per variant and link, interleaved. On the
 * loopback their metrics are `home.…` and `post.…`; on fast 3G, `home3g.…` and `post3g.…`.
 */
async function coldLoads({ browser, n, url, pages, samples }, runs) {
  for (let run = 1; run <= runs; run++) {
    for (const [link, network] of Object.entries(NETWORKS)) {
      for (const name of ["home", "post"]) {
        const page = pages[name];
        for (const variant of LOAD_VARIANTS) {
          const options = { app: variant === "app", expect: page.expect, network };
          const result = await coldLoad(browser, url(variant, page.path), options);
          const metric = link === "loopback" ? name : `${name}3g`;
          samples.add(metric, variant, `N=${n} ${variant} ${name} (${link}) run ${run}`, result);
        }
      }
    }
  }
}

/** `clicks` clicks on a category and on a month of the sidebar, per variant, a different one each time. */
async function clicksOnLinks({ browser, n, url, targets, samples }, clicks) {
  for (let i = 0; i < clicks; i++) {
    for (const [kind, links, point] of [
      ["category", targets.categories, true],
      ["month", targets.months, true],
      ["categoryUnpointed", targets.categories, false],
    ]) {
      const link = links[i % links.length];
      for (const variant of VARIANTS) {
        const app = variant === "app";
        const { ms, problems } = await clickToPaint(browser, url(variant, "/"), { app, link, point });
        samples.add("click", variant, `N=${n} ${variant} click on « ${link.name} »`, { [kind]: ms, problems });
      }
    }
  }
}

/** `runs` scrolls of the archive page, per variant. */
async function scrolls({ browser, n, url, pages, samples }, runs) {
  const page = pages.archive;
  for (let run = 1; run <= runs; run++) {
    for (const variant of VARIANTS) {
      const result = await scroll(browser, url(variant, page.path), { app: variant === "app", expect: page.expect });
      samples.add("scroll", variant, `N=${n} ${variant} archive scroll ${run}`, result);
    }
  }
}

/** Measures the site in `dist` served as the app and as the static baseline: its Samples. */
async function benchmarkSite(browser, n, dist, { runs, clicks, smoke }) {
  const servers = {
    app: await serve(dist, { compress: true }),
    static: await serve(dist, { compress: true, rewriteHtml: staticBaseline }),
    limit: await serve(dist, { compress: true, rewriteHtml: inlineBaseline(stylesheet(dist)) }),
  };
  const url = (variant, href) => new URL(href, servers[variant].url).href;
  const samples = new Samples();
  try {
    const targets = await discoverTargets(browser, url("static", "/"));
    samples.note(`N=${n} static home`, targets);
    if (!targets.post || !targets.categories?.length || !targets.months?.length) {
      const problem = "no post card, or no category or month link in the sidebar";
      samples.problems.push({ where: `N=${n} static home`, problem });
      return samples;
    }
    const site = { browser, n, url, targets, pages: pagesOf(targets), samples };
    // The smoke test checks that every page shows, not timings: nothing to warm up for.
    if (!smoke) await timed("warming up (one unrecorded cold load of each page and variant)", () => warmUp(site));
    await timed(`cold loads of the home page and of a post: ${runs} per variant and link`, () => coldLoads(site, runs));
    await timed(`clicks on a category and on a month: ${clicks} each per variant`, () => clicksOnLinks(site, clicks));
    await timed(`scrolls of the archive page: ${runs} per variant`, () => scrolls(site, runs));
    return samples;
  } finally {
    await Promise.all(Object.values(servers).map((server) => server.close()));
  }
}

/** What scripts/bench recorded when it built the site of `n` posts (times, dist size). */
function buildStats(n) {
  return JSON.parse(fs.readFileSync(path.join(SITES, String(n), "build.json"), "utf8"));
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  await runBenchmark(
    "bench",
    options,
    async (browser, n) => {
      console.error(`\n==> measuring the site of ${n.toLocaleString("en-US")} posts`);
      const samples = await benchmarkSite(browser, n, path.join(SITES, String(n), "dist"), options);
      return { n, build: buildStats(n), medians: samples.medians(), problems: samples.problems };
    },
    (sites, machine) => renderReport({ ...options, machine, sites }),
  );
}

await main();
