// What the browser test files share: the builds under test, the seed blog as a reader should see
// it, waiting and reading the page, and `pageTest`, which runs a test in a fresh browser context
// and fails it on any console error (a panic of the app included) or uncaught page error.
//
// The DOM is read with plain page.evaluate calls only: with JavaScript turned off, Firefox runs
// them but neither timers nor puppeteer's query handlers ($$eval, waitForSelector) work there.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import zlib from "node:zlib";
import path from "node:path";
import { createRequire } from "node:module";
import { BROWSERS, launch } from "./browsers.mjs";
import { serve } from "./server.mjs";

export const DIST = path.resolve(process.env.CARNET_DIST ?? "dist");
export const DIST_BLOG = path.resolve(process.env.CARNET_DIST_BLOG ?? "dist-blog");
/** How long an expectation may take to come true (the wasm app starts in well under a second). */
export const TIMEOUT = 10_000;
export const VIEWPORT = { width: 1280, height: 720 };

// ---------------------------------------------------------------------------------------------
// The seed blog, as the reader should see it. Paths are relative to the site's base, and every
// page's path ends in "/".

export const POSTS = [
  {
    slug: "community-manager-un-metier-transparent",
    title: "Community manager : un métier « transparent » ?",
    date: "6 octobre 2009",
    datetime: "2009-10-06",
    category: { name: "Actus", slug: "actus" },
    month: { path: "/archive/2009/10/", label: "octobre 2009" },
    excerpt: "Le métier de Community Manager commence (enfin) à prendre ses lettres de noblesse",
    sentences: ["Un bon Community Manager commence par dire « bonjour » 😉"],
    images: ["marketing-personnel"],
  },
  {
    slug: "generer-du-business-avec-les-reseaux-sociaux",
    title: "Générer du business avec les réseaux sociaux",
    date: "10 mars 2009",
    datetime: "2009-03-10",
    category: { name: "Usages", slug: "usages" },
    month: { path: "/archive/2009/03/", label: "mars 2009" },
    excerpt: "Les réseaux sociaux peuvent-ils générer de la notoriété, de nouveaux prospects",
    sentences: ["Téléchargez la présentation PDF de l’atelier"],
    images: ["telechargement_pdf_50"],
  },
  {
    slug: "les-reseaux-sociaux-b2b-vont-ils-disparaitre",
    title: "Les réseaux sociaux B2B vont-ils disparaitre ?",
    date: "7 janvier 2009",
    datetime: "2009-01-07",
    category: { name: "Réseaux sociaux", slug: "reseaux-sociaux" },
    month: { path: "/archive/2009/01/", label: "janvier 2009" },
    excerpt: "Début 2007, Viadeo (ex-Viaduc) annonçait son millionième membre",
    sentences: [
      "MySpace, c’est le bar, Facebook, c’est le barbecue au fond du jardin",
      "L’avenir nous dira si les réseaux B2B survivront…",
    ],
    images: [],
  },
];
export const postPath = (post) => `/posts/${post.slug}/`;
export const categoryPath = (category) => `/category/${category.slug}/`;
/** Sidebar order: categories by name, months newest first. */
export const CATEGORIES = ["actus", "reseaux-sociaux", "usages"].map(
  (slug) => POSTS.find((post) => post.category.slug === slug).category,
);
export const MONTHS = POSTS.map((post) => post.month);
export const monthOf = (label) => MONTHS.find((month) => month.label === label);
export const NEIGHBOURS = {
  [POSTS[0].slug]: { older: POSTS[1], newer: null },
  [POSTS[1].slug]: { older: POSTS[2], newer: POSTS[0] },
  [POSTS[2].slug]: { older: null, newer: POSTS[1] },
};

/** What `expectPage` checks: path, main heading (none for the home page) and document title. */
export const billets = (count) => (count === 1 ? "1 billet" : `${count} billets`);
export const HOME = { path: "/", title: "Carnet" };
export const ARCHIVE = { path: "/archive/", h1: "Archives", title: "Archives — Carnet" };
export const categoryPage = (category, count = 1) => ({
  path: categoryPath(category),
  h1: `Catégorie\u00a0: ${category.name} (${billets(count)})`,
  title: `Catégorie : ${category.name} — Carnet`,
});
export const monthPage = (month) => ({
  path: month.path,
  h1: `Archives\u00a0: ${month.label}`,
  title: `Archives : ${month.label} — Carnet`,
});
export const postPage = (post) => ({ path: postPath(post), h1: post.title, title: `${post.title} — Carnet` });
export const notFoundPage = (unknown) => ({ path: unknown, h1: "Page introuvable", title: "Page introuvable — Carnet" });

// ---------------------------------------------------------------------------------------------
// A site being served: its server, and the full paths and URLs of its pages.

/** `server` from serve(); `site.path("/posts/x/")` is "/blog/posts/x/" under /blog/. */
export function siteOf(server) {
  return {
    server,
    base: server.base,
    path: (relative) => server.base + relative.replace(/^\//, ""),
    url: (relative) => server.url + relative.replace(/^\//, ""),
  };
}

/**
 * The 64-bit FNV-1a hash of `text`'s UTF-8 bytes, as a BigInt: carnet_core::slug::fnv1a, which
 * says which bucket file holds a page's data.
 */
export function fnv1a(text) {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash;
}

/**
 * The file holding the data of the page at `pagePath` ("/posts/x/", "/" for the home page) in the
 * site `site` serves, relative to its base like `pagePath`: "/data/pages/<k>.json.gz", where k is
 * carnet_core::model::bucket, the path's FNV-1a modulo the number of buckets its built
 * data/index.json gives. Wrap it in site.path() or site.url(). The file holds other pages too:
 * a fault injected on it reaches them all.
 */
export function dataPath(site, pagePath) {
  const index = JSON.parse(fs.readFileSync(path.join(site.server.root, "data/index.json"), "utf8"));
  const key = pagePath.replace(/^\//, "");
  return `/data/pages/${fnv1a(key) % BigInt(index.buckets)}.json.gz`;
}

/** The pages a bucket file holds, by path: the JSON object stored gzipped at `file`. */
export function readBucket(file) {
  return JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString("utf8"));
}

/** Fails with a clear message when a build is missing or is a `trunk serve` build. */
export function checkBuild(dir, how) {
  const index = path.join(dir, "index.html");
  if (!fs.existsSync(index)) {
    throw new Error(`no built site in ${dir}: build it from the repository root with \`${how}\``);
  }
  // `trunk serve` writes its live-reload client into the page, which then logs a WebSocket error
  // on every load when served by anything but trunk.
  if (fs.readFileSync(index, "utf8").includes(".well-known/trunk/ws")) {
    throw new Error(`${dir} holds a \`trunk serve\` build (live-reload client): test a \`trunk build --release\``);
  }
}
export const BUILD_ROOT = "source scripts/env.sh && trunk build --release";
export const BUILD_BLOG = "source scripts/env.sh && trunk build --release --public-url /blog/ --dist dist-blog";

// ---------------------------------------------------------------------------------------------
// Waiting and checking.

/** Whitespace-normalised text (U+00A0 included, as `\s` matches it). */
export const norm = (text) => (text ?? "").replace(/\s+/g, " ").trim();

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** axe-core's violations on the page as it stands, each as « rule (impact): node: why ». */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      nodes: violation.nodes.map((node) => `${node.target.join(" ")}: ${node.failureSummary}`),
    }));
  });
  return violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.join(" | ")}`);
}

/** Retries `check` until it stops throwing, or rethrows its last error after `timeout` ms. */
export async function eventually(check, timeout = TIMEOUT) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The raw text of every match of `selector`. */
export const rawTexts = (page, selector) =>
  page.evaluate((selector) => [...document.querySelectorAll(selector)].map((el) => el.textContent), selector);
/** The normalised text of every match of `selector`. */
export const texts = async (page, selector) => (await rawTexts(page, selector)).map(norm);
/** The normalised text of the single match of `selector` (fails if there is not exactly one). */
export async function textOf(page, selector) {
  const all = await texts(page, selector);
  assert.equal(all.length, 1, `exactly one ${selector} (found ${all.length})`);
  return all[0];
}
/** An attribute of every match of `selector`. */
export const attrs = (page, selector, name) =>
  page.evaluate(
    (selector, name) => [...document.querySelectorAll(selector)].map((el) => el.getAttribute(name)),
    selector,
    name,
  );
/** An attribute of the single match of `selector`. */
export async function attrOf(page, selector, name) {
  const all = await attrs(page, selector, name);
  assert.equal(all.length, 1, `exactly one ${selector} (found ${all.length})`);
  return all[0];
}
export const count = (page, selector) => page.evaluate((selector) => document.querySelectorAll(selector).length, selector);

/** Waits until the single match's normalised text equals `expected`. */
export const expectText = (page, selector, expected, message) =>
  eventually(async () => assert.equal(await textOf(page, selector), norm(expected), message));
/** Waits until the normalised texts of every match equal `expected`, in order. */
export const expectTexts = (page, selector, expected, message) =>
  eventually(async () => assert.deepEqual(await texts(page, selector), expected.map(norm), message));

/**
 * The link in `scope` whose normalised text is `name` (like a role query with an exact name);
 * fails unless there is exactly one.
 */
export async function link(page, scope, name) {
  const handle = await eventually(async () => {
    const found = await page.evaluateHandle(
      (scope, name) => {
        const matches = [...document.querySelectorAll(`${scope} a`)].filter(
          (a) => a.textContent.replace(/\s+/g, " ").trim() === name,
        );
        return matches.length === 1 ? matches[0] : matches.length;
      },
      scope,
      name,
    );
    const element = found.asElement();
    if (!element) {
      const n = await found.jsonValue();
      await found.dispose();
      assert.fail(`exactly one link « ${name} » in ${scope} (found ${n})`);
    }
    return element;
  });
  return handle;
}
/** The href of every link in `scope` whose normalised text is `name`. */
export const linkHrefs = (page, scope, name) =>
  page.evaluate(
    (scope, name) =>
      [...document.querySelectorAll(`${scope} a`)]
        .filter((a) => a.textContent.replace(/\s+/g, " ").trim() === name)
        .map((a) => a.getAttribute("href")),
    scope,
    name,
  );
export const hrefOf = (handle) => handle.evaluate((a) => a.getAttribute("href"));
/** The aria-current of the link « name » in `scope`, looked up afresh (null: none). */
export async function ariaCurrent(page, scope, name) {
  const values = await page.evaluate(
    (scope, name) =>
      [...document.querySelectorAll(`${scope} a`)]
        .filter((a) => a.textContent.replace(/\s+/g, " ").trim() === name)
        .map((a) => a.getAttribute("aria-current")),
    scope,
    name,
  );
  assert.equal(values.length, 1, `exactly one link « ${name} » in ${scope} (found ${values.length})`);
  return values[0];
}
/** Waits until the link « name » in `scope` has this aria-current (null: none). */
export const expectCurrent = (page, scope, name, expected) =>
  eventually(async () =>
    assert.equal(await ariaCurrent(page, scope, name), expected, `aria-current of « ${name} » in ${scope}`),
  );

/** Clicks the link « name » in `scope`, as a reader would (a real mouse click). */
export async function clickLink(page, scope, name) {
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    const handle = await link(page, scope, name);
    try {
      return await handle.click();
    } catch (error) {
      // The app redrew the list between finding the link and clicking it (WebKit's driver says
      // « not interactable » or « stale »): no click was made, so find the link again.
      if (!NOT_CLICKED.includes(error.code) || Date.now() > deadline) throw error;
    } finally {
      await handle.dispose();
    }
    await settle(page);
  }
}
/** WebDriver errors that mean the click was never dispatched. */
const NOT_CLICKED = ["element not interactable", "stale element reference"];

export const pathname = (page) => new URL(page.url()).pathname;
export const marker = (page) => page.evaluate(() => window.__marker);
export const setMarker = (page) =>
  page.evaluate(() => {
    window.__marker = 1;
  });
export const scrollY = (page) => page.evaluate(() => window.scrollY);
/** Two animation frames and a task: lets the app's reactions to an event run. */
export const settle = (page) =>
  page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0)))),
  );

/**
 * Waits until the wasm app has taken the page over (it sets `<html data-app="on">` once it has
 * hydrated or drawn the page: after its wasm started and the index came), then a tick more.
 */
export async function appStarted(page) {
  await page.waitForFunction(APP_STARTED, { timeout: TIMEOUT });
  await settle(page);
}

/** A function for `waitForFunction`: whether the app has taken the page over. */
export const APP_STARTED = () => document.documentElement.getAttribute("data-app") === "on";

/**
 * Opens `relative` on `site` and checks the HTTP status of the document; then waits for the app
 * to start, unless `app` is false (JavaScript off). A 404 is expected on purpose: its « Failed to
 * load resource » line is tolerated for that URL only. `waitUntil` is puppeteer's ("load" by
 * default; "domcontentloaded" when a request the page makes is held on purpose).
 */
export async function open(page, site, relative, { status = 200, app = true, waitUntil = "load" } = {}) {
  const url = site.url(relative);
  if (status === 404) page.carnet.expected404.add(url);
  // An unknown post is only known to be one when its data is not in its bucket, or its bucket
  // answers 404, which Chromium logs.
  const post = relative.match(/^\/posts\/([^/]+)\/?$/)?.[1];
  if (post && !POSTS.some((known) => known.slug === post)) {
    page.carnet.expected404.add(site.url(dataPath(site, `/posts/${post}/`)));
  }
  const response = await page.goto(url, { waitUntil });
  assert.ok(response, `a response for ${url}`);
  assert.equal(response.status(), status, `HTTP status of ${url}`);
  if (app) await appStarted(page);
  return response;
}

/** Waits until the page shows this route: URL path, main heading (or the post list), title. */
export async function expectPage(page, site, { path: wanted, h1, title }) {
  await eventually(async () => assert.equal(pathname(page), site.path(wanted), "URL path"));
  if (h1 !== undefined) await expectText(page, "main h1", h1, `heading at ${wanted}`);
  else await expectHomeList(page);
  await eventually(async () => assert.equal(norm(await page.title()), norm(title), `title at ${wanted}`));
}

export async function expectHomeList(page) {
  const titles = POSTS.map((post) => post.title);
  await expectTexts(page, "main article.post-card h2", titles, "home: the posts, newest first");
}

/** Waits until every image in `scope` with one of these alts is shown and has loaded with a real size. */
export async function expectImagesLoaded(page, scope, alts) {
  for (const alt of alts) {
    const selector = `${scope} img[alt="${alt}"]`;
    await eventually(async () => {
      const images = await page.evaluate((selector) => {
        return [...document.querySelectorAll(selector)].map((img) => {
          const box = img.getBoundingClientRect();
          return {
            complete: img.complete,
            naturalWidth: img.naturalWidth,
            naturalHeight: img.naturalHeight,
            width: img.getAttribute("width"),
            height: img.getAttribute("height"),
            shown: box.width > 0 && box.height > 0,
          };
        });
      }, selector);
      assert.equal(images.length, 1, `one image « ${alt} » in ${scope}`);
      const [{ complete, naturalWidth, naturalHeight, width, height, shown }] = images;
      assert.ok(complete && naturalWidth > 0, `image « ${alt} » loaded (naturalWidth ${naturalWidth})`);
      assert.ok(shown, `image « ${alt} » shown`);
      // Its size is in the HTML, so its room is kept before it loads (no layout shift).
      assert.deepEqual(
        [width, height],
        [String(naturalWidth), String(naturalHeight)],
        `image « ${alt} »: width and height in the HTML`,
      );
    });
  }
}

/** The header and sidebar every page has, with their links. */
export async function expectChrome(page, site) {
  await expectText(page, "header.site-header .site-title a", "Carnet", "site title");
  assert.equal(await attrOf(page, "header.site-header .site-title a", "href"), site.path("/"));
  await expectTexts(page, "header.site-header nav a", ["Accueil", "Archives"], "main navigation");
  assert.deepEqual(await attrs(page, "header.site-header nav a", "href"), [site.path("/"), site.path("/archive/")]);

  await expectTexts(page, "aside.sidebar section > h2", ["Articles récents", "Catégories", "Archives"], "sidebar");
  const section = (i) => `aside.sidebar section:nth-of-type(${i + 1})`;
  // Five most recent posts; the seed blog has three.
  await expectTexts(page, `${section(0)} li`, POSTS.map((post) => post.title), "recent posts");
  assert.deepEqual(await attrs(page, `${section(0)} li a`, "href"), POSTS.map((post) => site.path(postPath(post))));
  await expectTexts(page, `${section(1)} li`, CATEGORIES.map((c) => `${c.name} (1)`), "categories with counts");
  assert.deepEqual(await attrs(page, `${section(1)} li a`, "href"), CATEGORIES.map((c) => site.path(categoryPath(c))));
  await expectTexts(page, `${section(2)} li`, MONTHS.map((m) => `${m.label} (1)`), "months with counts");
  assert.deepEqual(await attrs(page, `${section(2)} li a`, "href"), MONTHS.map((m) => site.path(m.path)));
  assert.deepEqual(await linkHrefs(page, section(2), "Toutes les archives"), [site.path("/archive/")]);
}

/** The post cards in main are exactly `posts`, in order, each complete. */
export async function expectPostCards(page, site, posts) {
  const cards = "main article.post-card";
  await expectTexts(page, `${cards} h2`, posts.map((post) => post.title), "listed posts");
  const details = await page.evaluate((cards) =>
    [...document.querySelectorAll(cards)].map((card) => ({
      titleHref: card.querySelector("h2 a")?.getAttribute("href"),
      byline: card.querySelector("p.byline")?.textContent,
      datetime: card.querySelector("p.byline time")?.getAttribute("datetime"),
      categoryHref: card.querySelector("p.byline a")?.getAttribute("href"),
      excerpt: card.querySelector("p.excerpt")?.textContent,
      more: card.querySelector("p.read-more a")?.textContent,
      moreHref: card.querySelector("p.read-more a")?.getAttribute("href"),
    })),
    cards,
  );
  for (const [i, post] of posts.entries()) {
    const card = details[i];
    assert.equal(card.titleHref, site.path(postPath(post)), `title link of « ${post.title} »`);
    assert.equal(norm(card.byline), `Publié le ${post.date} dans ${post.category.name}`);
    assert.equal(card.datetime, post.datetime);
    assert.equal(card.categoryHref, site.path(categoryPath(post.category)));
    assert.ok(norm(card.excerpt).startsWith(post.excerpt), `excerpt of « ${post.title} »`);
    assert.match(norm(card.more), /^Lire la suite\b/);
    assert.equal(card.moreHref, site.path(postPath(post)));
  }
}

/** Waits until post `post` is fully shown: heading, byline, body, closing line. */
export async function expectPost(page, site, post) {
  await expectPage(page, site, postPage(post));
  const article = "main article.post";
  await expectText(page, `${article} header p.byline`, `Publié le ${post.date} dans ${post.category.name} par admin`);
  for (const sentence of post.sentences) {
    await eventually(async () => {
      const body = await textOf(page, `${article} div.post-body`);
      assert.ok(body.includes(norm(sentence)), `body has « ${sentence} »`);
    });
  }
  await expectText(page, `${article} p.comments-closed`, "Commentaires fermés");
}

/** The single button « name » in `scope`, once there is one. */
export const button = (page, scope, name) =>
  eventually(async () => {
    const named = [];
    for (const handle of await page.$$(`${scope} button`)) {
      if (norm(await handle.evaluate((b) => b.textContent)) === name) named.push(handle);
      else await handle.dispose();
    }
    assert.equal(named.length, 1, `one « ${name} » button in ${scope}`);
    return named[0];
  });

// ---------------------------------------------------------------------------------------------
// Suites and tests.

// The browsers' suites run side by side, each one's tests in order: the tests mostly wait on the
// browsers and the network, so this nearly halves the time. CARNET_E2E_SERIAL=1 runs them one
// after the other.
const SIDE_BY_SIDE = process.env.CARNET_E2E_SERIAL !== "1";

/** Declares the suite `title` once per browser of CARNET_BROWSERS: `suite(browserName)`. */
export function browserSuites(title, suite) {
  describe(`${title} in ${BROWSERS.join(" and ")}`, { concurrency: SIDE_BY_SIDE ? BROWSERS.length : 1 }, () => {
    for (const browserName of BROWSERS) {
      describe(browserName, { concurrency: 1 }, () => suite(browserName));
    }
  });
}

/** The line Chromium logs for a request that failed: no answer, or an error status. */
const FAILED_LOAD =
  /^Failed to load resource: (net::ERR_[A-Z_]+|the server responded with a status of \d{3} \([^)]*\))$/;

/**
 * What most suites set up: `dist` (checked against `build`, the command that makes it) served at
 * `/`, and `browserName` launched, before the suite's tests; both closed after. Returns the site
 * (its fields are there once the tests run) and a `pageTest` for the suite.
 */
export function servedSuite(browserName, dist, build) {
  const site = {};
  let browser;
  before(async () => {
    checkBuild(dist, build);
    Object.assign(site, siteOf(await serve(dist, { base: "/" })));
    browser = await launch(browserName);
  });
  after(async () => {
    await browser?.close();
    await site.server?.close();
  });
  return { site, pageTest: pageTester({ browser: () => browser, site: () => site }) };
}

/**
 * A function declaring page tests: `pageTest(name, [options,] fn)` declares a test that gets
 * `{ page, context, tolerated, site }` in a fresh browser context.
 *
 * defaults.browser and defaults.site: functions giving the browser and the site to use (they are
 * only known once the suite's `before` has run).
 * options.browser: a function giving another browser to use.
 * options.viewport: the page's viewport (default 1280×720).
 * options.skip: a reason to skip the test (as node:test takes it), e.g. `unsupported(browserName, …)`.
 * options.todo: a known bug, with its reason: the test runs and reports, but its failure does not
 *   fail the run (node:test's `todo`); for a bug found and not fixed yet, never to hide one.
 * options.site: a function giving the site whose faults are cleared after the test.
 * options.failing: full pathnames whose failed requests the test provokes (or functions of the
 * site giving one: a bucket's path, say, known once the site is served); their « Failed to
 * load resource » console errors (net::ERR_…, or an error status) are tolerated, and handed to
 * the test as `tolerated`. Any other console error (a panic of the app is one, and so is a
 * Content Security Policy violation) or uncaught page error fails the test.
 */
export function pageTester(defaults) {
  return function pageTest(name, options, fn) {
    if (typeof options === "function") [fn, options] = [options, {}];
    test(name, { timeout: 60_000, skip: options.skip ?? false, todo: options.todo ?? false }, async () => {
      const site = (options.site ?? defaults.site)();
      const context = await (options.browser ?? defaults.browser)().createBrowserContext();
      const problems = [];
      const tolerated = [];
      const failing = new Set((options.failing ?? []).map((path) => (typeof path === "function" ? path(site) : path)));
      const expected404 = new Set();
      let failure;
      try {
        const page = await context.newPage();
        page.carnet = { expected404 };
        page.on("console", (message) => {
          if (message.type() !== "error") return;
          const { url } = message.location() ?? {};
          const text = message.text();
          const entry = `console error: ${text}${url ? ` (${url})` : ""}`;
          let failedPath = null;
          try {
            failedPath = url ? decodeURIComponent(new URL(url).pathname) : null;
          } catch {
            // Not a URL: not a tolerated line.
          }
          const expected =
            (failing.has(failedPath) && FAILED_LOAD.test(text)) ||
            (expected404.has(url) &&
              text === "Failed to load resource: the server responded with a status of 404 (Not Found)");
          (expected ? tolerated : problems).push(entry);
        });
        page.on("pageerror", (error) => problems.push(`uncaught error: ${error?.stack ?? error}`));
        page.on("error", (error) => problems.push(`the page crashed: ${error}`));
        // Every page runs under its Content Security Policy: a violation is an error, in Firefox
        // too (which only warns of it).
        await page.evaluateOnNewDocument(() => {
          document.addEventListener("securitypolicyviolation", (event) =>
            console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`),
          );
        });
        await page.setViewport(options.viewport ?? VIEWPORT);
        await fn({ page, context, tolerated, site });
      } catch (error) {
        failure = error;
      } finally {
        site.server.faults.clear();
        await context.close().catch(() => {});
      }
      if (failure) {
        if (problems.length > 0 && failure instanceof Error) {
          failure.message += `\n\nThe page also reported:\n${problems.join("\n")}`;
        }
        throw failure;
      }
      assert.deepEqual(problems, [], "the page reported errors");
    });
  };
}
