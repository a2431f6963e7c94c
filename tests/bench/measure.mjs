// The benchmark's measurements in headless Chromium, one page at a time, each in a fresh browser
// context: a cold load, a click on a sidebar link, a scripted scroll. Each returns its numbers
// and the problems it saw (the expected text missing, console errors, failed requests), so that
// a run can report them, or fail on them with --smoke.
const TIMEOUT = 120_000;
const VIEWPORT = { width: 1280, height: 800 };

/**
 * The links a cold load is measured on: the machine's own loopback, and a simulated fast 3G
 * link as Lighthouse's mobile preset throttles it (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s
 * up), applied by Chromium to every request of the tab.
 */
export const NETWORKS = {
  loopback: null,
  fast3g: { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 },
};

/**
 * In every document, before its scripts: note when the wasm app has taken the page over (it
 * sets `<html data-app="on">` once it has hydrated or drawn the page), and its memory.
 */
function watchAppStart() {
  window.__bench = {};
  addEventListener("TrunkApplicationStarted", (event) => {
    window.__bench.memory = event.detail.wasm.memory;
  });
  new MutationObserver((_, observer) => {
    if (document.documentElement?.getAttribute("data-app") !== "on") return;
    window.__bench.started = performance.now();
    observer.disconnect();
  }).observe(document, { attributes: true, attributeFilter: ["data-app"], subtree: true });
}

/**
 * A tab in a fresh browser context, with the HTTP cache on or off, that counts requests and the
 * bytes they transferred (CDP encodedDataLength, headers included) and collects problems.
 */
async function openTab(browser, { cache, network = null }) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  await page.setViewport(VIEWPORT);
  await page.setCacheEnabled(cache);
  const cdp = await page.createCDPSession();
  const tab = { page, cdp, urls: new Map(), bytes: 0, problems: [], close: () => context.close() };
  cdp.on("Network.requestWillBeSent", (event) => tab.urls.set(event.requestId, event.request.url));
  cdp.on("Network.loadingFinished", (event) => (tab.bytes += event.encodedDataLength));
  cdp.on("Network.responseReceived", ({ response }) => {
    if (response.status >= 400) tab.problems.push(`HTTP ${response.status} for ${response.url}`);
  });
  cdp.on("Network.loadingFailed", (event) => {
    tab.problems.push(`request failed (${event.errorText}): ${tab.urls.get(event.requestId)}`);
  });
  page.on("console", (message) => {
    if (message.type() === "error") tab.problems.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => tab.problems.push(`uncaught error: ${error.message}`));
  await cdp.send("Network.enable");
  if (network) await cdp.send("Network.emulateNetworkConditions", network);
  await cdp.send("Performance.enable");
  await page.evaluateOnNewDocument(watchAppStart);
  return tab;
}

/** Loads `url` and waits until it has settled: loaded, the app started (if `app`), network idle. */
async function load(tab, url, app) {
  await tab.page.goto(url, { waitUntil: "load" });
  if (app) await waitForAppStart(tab);
  await tab.page.waitForNetworkIdle({ idleTime: 500 });
}

/** Waits until the app has taken the page over; a problem if it never does. */
async function waitForAppStart(tab) {
  try {
    await tab.page.waitForFunction(() => window.__bench.started !== undefined, { timeout: 30_000 });
  } catch {
    tab.problems.push('the app did not start (no <html data-app="on"> within 30 s)');
  }
}

/** Whether the element at `selector` is there, visible, and its text contains `text`. */
function shows(selector, text) {
  const element = document.querySelector(selector);
  return Boolean(element && element.getClientRects().length && element.textContent.includes(text));
}

/** Records a problem unless the page shows `expect` ({ selector, text }). */
async function checkShown(tab, expect, what) {
  if (!(await tab.page.evaluate(shows, expect.selector, expect.text))) {
    const missing = expect.text ? `« ${expect.text} » not shown in` : "nothing shown in";
    tab.problems.push(`${what}: ${missing} ${expect.selector}`);
  }
}

/** First contentful paint, app start (ms since navigation) and wasm memory of the loaded page. */
function pageTimings() {
  const paint = performance.getEntriesByType("paint").find((entry) => entry.name === "first-contentful-paint");
  return {
    fcp: paint?.startTime,
    started: window.__bench.started,
    wasmMemory: window.__bench.memory?.buffer.byteLength,
  };
}

/** The used JS heap in bytes, after a garbage collection. */
async function jsHeap(cdp) {
  await cdp.send("HeapProfiler.collectGarbage");
  const { metrics } = await cdp.send("Performance.getMetrics");
  return metrics.find((metric) => metric.name === "JSHeapUsedSize").value;
}

/** Runs `measure(tab)` in a fresh tab and returns its result with the tab's problems. */
async function inTab(browser, cache, measure, network = null) {
  const tab = await openTab(browser, { cache, network });
  try {
    return { ...(await measure(tab)), problems: tab.problems };
  } catch (error) {
    return { problems: [...tab.problems, error.message.split("\n")[0]] };
  } finally {
    await tab.close();
  }
}

/**
 * A cold load of `url` (cache disabled, fresh context): { fcp, started, wasmMemory, heap, bytes,
 * requests, problems }. `expect` ({ selector, text }) is what the page must show; `network` one
 * of NETWORKS' links (the loopback by default).
 */
export function coldLoad(browser, url, { app, expect, network = null }) {
  return inTab(
    browser,
    false,
    async (tab) => {
      await load(tab, url, app);
      await checkShown(tab, expect, url);
      const timings = await tab.page.evaluate(pageTimings);
      return { ...timings, heap: await jsHeap(tab.cdp), bytes: tab.bytes, requests: tab.urls.size };
    },
    network,
  );
}

/**
 * In the app: from the next click, resolves window.__painted with the ms from the click event to
 * the animation frame after `main h1` contains `name` and the post list is there.
 */
function watchListPaint(name, timeout) {
  window.__painted = new Promise((resolve, reject) => {
    let clickedAt;
    document.addEventListener("click", (event) => (clickedAt = event.timeStamp), { capture: true, once: true });
    const shown = () =>
      document.querySelector("main h1")?.textContent.includes(name) &&
      document.querySelector("main .post-list .post-card");
    const observer = new MutationObserver(() => {
      if (clickedAt === undefined || !shown()) return;
      observer.disconnect();
      requestAnimationFrame(() => resolve(performance.now() - clickedAt));
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    setTimeout(() => reject(new Error(`« ${name} » not shown ${timeout} ms after the click`)), timeout);
  });
}

/** In a static page: keeps the wall-clock time of the next click for the page it leads to. */
function rememberClickTime() {
  document.addEventListener(
    "click",
    (event) => sessionStorage.setItem("benchClickAt", String(performance.timeOrigin + event.timeStamp)),
    { capture: true, once: true },
  );
}

/** In the page a click led to: ms from that click to this page's first contentful paint. */
function msFromClickToPaint() {
  const paint = performance.getEntriesByType("paint").find((entry) => entry.name === "first-contentful-paint");
  return performance.timeOrigin + paint.startTime - Number(sessionStorage.getItem("benchClickAt"));
}

/** How long a reader's pointer rests on a link before the click, at the least. */
const POINTING_MS = 150;

/** Moves the pointer onto `selector` and rests there POINTING_MS. */
async function pointAt(tab, selector) {
  await tab.page.hover(selector);
  await new Promise((resolve) => setTimeout(resolve, POINTING_MS));
}

/**
 * Clicks `selector` as a reader with a mouse does (the pointer reaches the link, rests on it for
 * POINTING_MS, then clicks) if `point`, else with no pointer at all (a script's click, as
 * keyboard or assistive technology activation: no hover happens first).
 */
async function clickLink(tab, selector, point) {
  if (point) await pointAt(tab, selector);
  await press(tab, selector, point);
}

/** The click itself: the mouse's, already on `selector`, if `point`; else a script's. */
async function press(tab, selector, point) {
  if (point) await tab.page.click(selector);
  else await tab.page.$eval(selector, (link) => link.click());
}

/**
 * Click-to-paint in the app: the click is followed in the page. With `profile`, Chromium's CPU
 * profiler samples every 50 µs from just before the click until the list is painted.
 */
async function clickInApp(tab, selector, name, point, profile) {
  await tab.page.evaluate(watchListPaint, name, 30_000);
  if (point) await pointAt(tab, selector);
  if (profile) {
    await tab.cdp.send("Profiler.enable");
    await tab.cdp.send("Profiler.setSamplingInterval", { interval: 50 });
    await tab.cdp.send("Profiler.start");
  }
  await press(tab, selector, point);
  const ms = await tab.page.evaluate(() => window.__painted);
  if (ms === undefined) throw new Error(`the click on « ${name} » loaded a new page: the app did not follow it`);
  return { ms, cpuProfile: profile ? (await tab.cdp.send("Profiler.stop")).profile : undefined };
}

/** Click-to-paint in the static baseline: the click loads the list's page. */
async function clickStatic(tab, selector, name, point) {
  await tab.page.evaluate(rememberClickTime);
  await Promise.all([tab.page.waitForNavigation({ waitUntil: "load" }), clickLink(tab, selector, point)]);
  await tab.page.waitForFunction(() =>
    performance.getEntriesByType("paint").some((entry) => entry.name === "first-contentful-paint"),
  );
  await checkShown(tab, { selector: "main h1", text: name }, `after the click on « ${name} »`);
  await checkShown(tab, { selector: "main .post-list .post-card", text: "" }, `after the click on « ${name} »`);
  return tab.page.evaluate(msFromClickToPaint);
}

/**
 * Loads `homeUrl` (fresh context, cache on), waits for it to settle, then clicks the sidebar link
 * `link` ({ href, name }), pointing at it first if `point` (see clickLink), and measures the ms
 * until its list is painted: { ms, problems }, and with `profile` (app only) the CPU profile of
 * the click, `cpuProfile` (CDP Profiler.Profile).
 */
export function clickToPaint(browser, homeUrl, { app, link, point, profile = false }) {
  return inTab(browser, true, async (tab) => {
    await load(tab, homeUrl, app);
    const selector = `aside.sidebar a[href="${link.href}"]`;
    if (app) return clickInApp(tab, selector, link.name, point, profile);
    return { ms: await clickStatic(tab, selector, link.name, point) };
  });
}

/** Scrolls down in animation-frame steps for a second: { frames, longFrames } (over 50 ms). */
function scrollForASecond() {
  return new Promise((resolve) => {
    const gaps = [];
    let start;
    let last;
    const step = (now) => {
      start ??= now;
      if (last !== undefined) gaps.push(now - last);
      last = now;
      window.scrollBy(0, 20);
      if (now - start < 1000) requestAnimationFrame(step);
      else resolve({ frames: gaps.length, longFrames: gaps.filter((gap) => gap > 50).length });
    };
    requestAnimationFrame(step);
  });
}

/** Loads `url`, waits for it to settle, then scrolls it for a second: { frames, longFrames, problems }. */
export function scroll(browser, url, { app, expect }) {
  return inTab(browser, true, async (tab) => {
    await load(tab, url, app);
    await checkShown(tab, expect, url);
    return tab.page.evaluate(scrollForASecond);
  });
}

/**
 * What the benchmark clicks and checks, read from a site's home page: its first post
 * ({ href, title }), and the sidebar's category and month links ({ href, name }).
 */
export function discoverTargets(browser, homeUrl) {
  return inTab(browser, true, async (tab) => {
    await load(tab, homeUrl, false);
    return tab.page.evaluate(() => {
      const links = (pattern) =>
        [...document.querySelectorAll("aside.sidebar a")]
          .filter((a) => pattern.test(a.getAttribute("href")))
          .map((a) => ({ href: a.getAttribute("href"), name: a.textContent.trim() }));
      const first = document.querySelector("main .post-card h2 a");
      return {
        post: first && { href: first.getAttribute("href"), title: first.textContent.trim() },
        categories: links(/\/category\/[^/]+\/$/),
        months: links(/\/archive\/\d{4}\/\d{2}\/$/),
      };
    });
  });
}
