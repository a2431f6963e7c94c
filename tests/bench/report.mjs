// The benchmark's report, in Markdown: the machine and the exact command, one table row per
// number of posts and metric (app, static baseline, app / baseline), the content tool's build
// times and output sizes, and every problem seen.
import fs from "node:fs";
import os from "node:os";
import { launch } from "../e2e/browsers.mjs";

const ms = (value) => `${Math.round(value)} ms`;
const bytes = (value) => {
  if (value >= 1e9) return `${(value / 1e9).toFixed(2)} GB`;
  if (value >= 1e6) return `${(value / 1e6).toFixed(2)} MB`;
  return `${(value / 1e3).toFixed(1)} kB`;
};
const count = (value) => String(Math.round(value));
const seconds = (value) => `${value.toFixed(2)} s`;
const thousands = (value) => value.toLocaleString("en-US");

/** The table's rows: metric (as the runner names it), label, format. */
const ROWS = [
  ...[
    ["home", "home page"],
    ["post", "a post (deep link)"],
  ].flatMap(([page, name]) => [
    [`${page}.fcp`, `${name}, cold: first contentful paint`, ms],
    [`${page}.started`, `${name}, cold: app started (interactive)`, ms],
    [`${page}.bytes`, `${name}, cold: bytes transferred`, bytes],
    [`${page}.requests`, `${name}, cold: requests`, count],
    [`${page}.heap`, `${name}: JS heap used, after GC`, bytes],
    [`${page}.wasmMemory`, `${name}: wasm memory`, bytes],
  ]),
  ...[
    ["home3g", "home page"],
    ["post3g", "a post (deep link)"],
  ].flatMap(([page, name]) => [
    [`${page}.fcp`, `${name}, cold, fast 3G: first contentful paint`, ms],
    [`${page}.started`, `${name}, cold, fast 3G: app started (interactive)`, ms],
  ]),
  ["click.category", "click on a category → its list painted", ms],
  ["click.month", "click on a month → its list painted", ms],
  ["click.categoryUnpointed", "click on a category, no pointer on it first → list painted", ms],
  ["scroll.longFrames", "archive page, 1 s scroll: frames over 50 ms", count],
  ["scroll.frames", "archive page, 1 s scroll: frames", count],
];

/** The machine the benchmark ran on: CPU, cores, RAM, OS, browser, Node. */
export async function machine(browser) {
  const cpuinfo = fs.readFileSync("/proc/cpuinfo", "utf8");
  const osRelease = fs.existsSync("/etc/os-release") ? fs.readFileSync("/etc/os-release", "utf8") : "";
  return {
    cpu: cpuinfo.match(/^model name\s*:\s*(.*)$/m)?.[1] ?? os.cpus()[0]?.model ?? "unknown CPU",
    cores: os.cpus().length,
    ram: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: `${osRelease.match(/^PRETTY_NAME="?([^"\n]*)"?$/m)?.[1] ?? os.type()} (Linux ${os.release()})`,
    browser: `Chromium ${(await browser.version()).split("/").pop()}`,
    node: process.version,
  };
}

/** One table cell: the formatted median, or — when there is none. */
function cell(value, format) {
  return value === undefined ? "—" : format(value);
}

/** app / baseline, when both are there and the baseline is not zero. */
function ratio(app, baseline) {
  return app === undefined || !baseline ? "—" : (app / baseline).toFixed(2);
}

function metricsTable(sites) {
  const lines = [
    "| posts | metric | app | static baseline | limit | app / baseline | app / limit |",
    "|---:|---|---:|---:|---:|---:|---:|",
  ];
  for (const { n, medians } of sites) {
    for (const [metric, label, format] of ROWS) {
      const { app, static: baseline, limit } = medians[metric] ?? {};
      if (app === undefined && baseline === undefined) continue;
      const cells = [
        thousands(n),
        label,
        cell(app, format),
        cell(baseline, format),
        cell(limit, format),
        ratio(app, baseline),
        ratio(app, limit),
      ];
      lines.push(`| ${cells.join(" | ")} |`);
    }
  }
  return lines.join("\n");
}

function buildTable(sites) {
  const lines = ["| posts | generate | build | dist size | dist files |", "|---:|---:|---:|---:|---:|"];
  for (const { n, build } of sites) {
    lines.push(
      `| ${thousands(n)} | ${seconds(build.generateSeconds)} | ${seconds(build.buildSeconds)} | ` +
        `${bytes(build.distBytes)} | ${thousands(build.distFiles)} |`,
    );
  }
  return lines.join("\n");
}

/**
 * Every problem of `sites`, once, with how many times and where first seen; `none` when there
 * is none (what a clean run showed).
 */
export function problemList(sites, none = "every page showed its expected text, with no console error and no failed request.") {
  const seen = new Map();
  for (const { where, problem } of sites.flatMap((site) => site.problems)) {
    const entry = seen.get(problem) ?? { where, times: 0 };
    entry.times += 1;
    seen.set(problem, entry);
  }
  if (!seen.size) return `None: ${none}`;
  const more = (times) => (times > 1 ? `, and ${times - 1} more` : "");
  return [...seen].map(([problem, { where, times }]) => `- ${problem} (${where}${more(times)})`).join("\n");
}

/** The whole report. */
export function renderReport({ command, runs, clicks, machine, sites }) {
  const m = machine;
  const date = new Date().toISOString().slice(0, 16).replace("T", " ");
  return `# Carnet benchmark

- Machine: ${m.cpu}, ${m.cores} cores, ${m.ram} RAM, ${m.os}; ${m.browser} headless; Node ${m.node}
- Command: \`${command ?? "node tests/bench/run.mjs"}\` (${date} UTC)

Medians, per variant, of ${runs} cold load(s) of each page (cache disabled, a fresh browser context
each), of ${clicks} click(s) on each kind of sidebar link (a fresh context, the home page loaded and
the app started first; different links), and of ${runs} scroll(s). The static baseline is the same
pre-rendered pages with every script and the app's preloads taken out; the limit is those pages as
the plainest static site would serve them, their stylesheet inline (one request for the text).
All are served by the same server, which sends \`.br\` copies when there are some and gzips the
rest, and they are measured in turn in one browser. Cold loads are measured on the loopback and
on a simulated fast 3G link (Chromium's network emulation, as Lighthouse's mobile preset: 150 ms
round trip, 1.6 Mbit/s down, 750 kbit/s up). A click is made as with a mouse: the pointer rests ${"150 ms"} on the link
first (the app starts fetching the page's data then), except on the « no pointer on it first »
row, where a script clicks (as a keyboard does). For the baseline, a click loads the list's page,
up to its first contentful paint; in the app, it is measured from the click event to the
animation frame after the list is in the page. « App started (interactive) » is the moment the
app has taken the page over (\`<html data-app="on">\`: its wasm started, the index read, the
page hydrated).

${metricsTable(sites)}

Content tool (\`carnet generate\`, then \`carnet build\` into a copy of the app shell):

${buildTable(sites)}

Problems seen:

${problemList(sites)}
`;
}

/**
 * Runs a benchmark: measures each number of posts of `options.posts` in one headless Chromium
 * (`measure(browser, n)` gives a site's results, with its `problems`), prints the report
 * `render(sites, machine)` makes of them and writes it to `options.out` if given; with
 * `options.smoke`, a problem on any site makes the exit code 1 (`name` says whose).
 */
export async function runBenchmark(name, options, measure, render) {
  const browser = await launch("chromium");
  const sites = [];
  try {
    for (const n of options.posts) sites.push(await measure(browser, n));
    const text = render(sites, await machine(browser));
    console.log(`\n${text}`);
    if (options.out) {
      fs.writeFileSync(options.out, text);
      console.error(`report written to ${options.out}`);
    }
  } finally {
    await browser.close();
  }
  const problems = sites.reduce((count, site) => count + site.problems.length, 0);
  if (options.smoke && problems) {
    console.error(`${name} --smoke: ${problems} problem(s), listed in the report above`);
    process.exitCode = 1;
  }
}
