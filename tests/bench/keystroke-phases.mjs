// Splits a warm keystroke on Carnet's search page into its phases, in headless Chromium: from the
// input event to the query posted to the worker, to the worker's answer received, to the last
// change of the page, to the animation frame after it (the time `scripts/bench-search` reports).
//
// Usage: node tests/bench/keystroke-phases.mjs SITE [WORD] [ROUNDS]
//   SITE    a built site (its dist/ folder), e.g. target/bench-search/1000/dist after
//           `scripts/bench-search --posts 1000`
//   WORD    typed letter by letter, 250 ms apart (default « dapution »)
//   ROUNDS  how many times it is typed again, warm, after a first cold typing (default 4)
//
// Prints the median and the worst of each phase over every letter of the warm rounds. Run it
// twice in turn over two builds to compare them: the machine's noise is larger than most changes.
import path from "node:path";
import { launch } from "../e2e/browsers.mjs";
import { serve } from "../e2e/server.mjs";

const [site, word = "dapution", rounds = "4"] = process.argv.slice(2);
if (!site) {
  console.error("usage: node tests/bench/keystroke-phases.mjs SITE [WORD] [ROUNDS]");
  process.exit(2);
}

/** In the page, before its scripts: each keystroke's times, in window.__phases. */
function watch() {
  const phases = (window.__phases = { rows: [], current: null });
  document.addEventListener(
    "input",
    (event) => {
      phases.current = { input: event.timeStamp, asked: 0, answered: 0, changed: 0, frame: 0 };
      phases.rows.push(phases.current);
    },
    true,
  );
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", () => {
        if (phases.current && !phases.current.answered) phases.current.answered = performance.now();
      });
    }
    postMessage(...args) {
      if (phases.current && !phases.current.asked) phases.current.asked = performance.now();
      return super.postMessage(...args);
    }
  };
  const observe = () =>
    new MutationObserver(() => {
      const row = phases.current;
      if (!row) return;
      const at = performance.now();
      row.changed = at;
      requestAnimationFrame(() => {
        if (row.changed === at) row.frame = performance.now();
      });
    }).observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  if (document.documentElement) observe();
  else document.addEventListener("DOMContentLoaded", observe);
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const server = await serve(path.resolve(site), { compress: true });
const browser = await launch("chromium");
try {
  const page = await browser.newPage();
  await page.evaluateOnNewDocument(watch);
  await page.goto(new URL("/", server.url).href, { waitUntil: "load" });
  await page.waitForNetworkIdle({ idleTime: 500 });
  await page.focus("#search-box");
  const type = async () => {
    for (const letter of word) {
      await page.keyboard.type(letter);
      await pause(250);
    }
  };
  await type();
  await pause(800);
  const rows = [];
  for (let round = 0; round < Number(rounds); round++) {
    await page.evaluate(() => document.querySelector("#search-box").select());
    await page.keyboard.press("Backspace");
    await pause(400);
    await page.evaluate(() => (window.__phases.rows = []));
    await type();
    await pause(400);
    rows.push(...(await page.evaluate(() => window.__phases.rows)));
  }
  const summary = (phase) => {
    const values = rows.map(phase).sort((a, b) => a - b);
    return `median ${values[values.length >> 1].toFixed(1)} ms, worst ${values.at(-1).toFixed(1)} ms`;
  };
  console.log(`« ${word} », ${rows.length} warm keystrokes (${site})`);
  console.log(`  input → asked the worker:  ${summary((row) => row.asked - row.input)}`);
  console.log(`  input → its answer:        ${summary((row) => row.answered - row.input)}`);
  console.log(`  input → last page change:  ${summary((row) => row.changed - row.input)}`);
  console.log(`  input → frame after it:    ${summary((row) => row.frame - row.input)}`);
} finally {
  await browser.close();
  await server.close();
}
