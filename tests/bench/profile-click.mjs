// Where the time of a click goes: clicks the first category of the sidebar of SITE's home page
// (pointing at it first, as the benchmark does) RUNS times, each with Chromium's CPU profiler on,
// and prints the click-to-paint times and the functions with the most self time per click.
// SITE is a built site folder, e.g. target/bench/10000/dist from scripts/bench. Rust function
// names show only in a wasm built without wasm-opt (data-wasm-opt="0" in index.html, then
// trunk build --release and scripts/bench --posts 10000 --runs 1; put "z" back afterwards).
// Usage: node tests/bench/profile-click.mjs SITE [RUNS]
import { launch } from "../e2e/browsers.mjs";
import { serve } from "../e2e/server.mjs";
import { clickToPaint, discoverTargets } from "./measure.mjs";

const [root, runsArg = "5"] = process.argv.slice(2);
const runs = Number(runsArg);
if (!root || !Number.isInteger(runs) || runs < 1) {
  console.error("usage: node tests/bench/profile-click.mjs SITE [RUNS]");
  process.exit(2);
}
const server = await serve(root, { compress: true });
const browser = await launch("chromium");
try {
  const { categories, problems } = await discoverTargets(browser, server.url);
  if (!categories?.length) throw new Error(`no category link on ${server.url}: ${problems.join("; ")}`);
  const link = categories[0];
  const selfMs = new Map();
  const times = [];
  for (let run = 0; run < runs; run++) {
    const click = await clickToPaint(browser, server.url, { app: true, link, point: true, profile: true });
    if (click.problems.length) throw new Error(click.problems.join("; "));
    times.push(click.ms);
    const nodes = new Map(click.cpuProfile.nodes.map((node) => [node.id, node]));
    click.cpuProfile.samples.forEach((id, i) => {
      const frame = nodes.get(id).callFrame;
      const where = `${frame.url.split("/").pop() || "?"}:${frame.lineNumber + 1}`;
      const name = `${frame.functionName || "(anonymous)"} (${where})`;
      const ms = (click.cpuProfile.timeDeltas[i + 1] ?? 0) / 1000;
      selfMs.set(name, (selfMs.get(name) ?? 0) + ms);
    });
  }
  const perClick = (ms) => (ms / times.length).toFixed(2).padStart(7);
  const idle = (name) => name.startsWith("(idle) ") || name.startsWith("(program) ");
  const busy = [...selfMs].filter(([name]) => !idle(name)).reduce((sum, [, ms]) => sum + ms, 0);
  const profiled = times.map((ms) => ms.toFixed(1)).join(", ");
  console.log(`« ${link.name} »: click → list painted, profiler on (slower than scripts/bench), ms: ${profiled}`);
  console.log(`sampled script time per click: ${perClick(busy).trim()} ms (the profiler slows it)`);
  console.log("self ms per click, by function:");
  for (const [name, ms] of [...selfMs].filter(([name]) => !idle(name)).sort((a, b) => b[1] - a[1]).slice(0, 40)) {
    console.log(`${perClick(ms)}  ${name.slice(0, 140)}`);
  }
} finally {
  await browser.close();
  await server.close();
}
