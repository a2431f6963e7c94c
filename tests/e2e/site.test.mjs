// End-to-end tests of Carnet: a release build (CARNET_DIST, default "dist") served over HTTP and
// driven in Debian's headless Chromium through playwright-core.
//
// Run from the repository root: node --test tests/e2e/
//
// The build is served two ways (see server.mjs): "spa", which answers unknown paths with
// index.html like `trunk serve`, and "pages", which answers them with 404.html and status 404
// and redirects /dir to /dir/, like GitHub Pages. Most tests use "spa"; deep links and the 404
// page are checked on both.
//
// One browser for the file, a fresh context and page per test. Every test fails if its page logs
// a console error or throws an uncaught error, except for the exact errors a test provokes on
// purpose (`expectedErrors`): a request it breaks, or the 404 status of a « Page introuvable ».
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { serve } from "./server.mjs";

const DIST = path.resolve(process.env.CARNET_DIST ?? "dist");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
/** How long an expectation may take to come true (the wasm app starts in well under a second). */
const TIMEOUT = 10_000;

/** The two ways server.mjs answers a path that is no file (see its `fallback` option). */
const HOSTS = {
  spa: { fallback: "index" },
  pages: { fallback: "404" },
};

/** What Chromium logs when a request's connection drops, and when a page comes with a 404. */
const NETWORK_ERROR = /^Failed to load resource: net::ERR_[A-Z_]+$/;
const HTTP_404 = /^Failed to load resource: the server responded with a status of 404 \(Not Found\)$/;

// ---------------------------------------------------------------------------------------------
// The seed blog, as the reader should see it. Pages are folders: their URLs end with a slash.

const POSTS = [
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
const postPath = (post) => `/posts/${post.slug}/`;
/** Sidebar order: categories by name, months newest first. */
const CATEGORIES = ["actus", "reseaux-sociaux", "usages"].map(
  (slug) => POSTS.find((post) => post.category.slug === slug).category,
);
const MONTHS = POSTS.map((post) => post.month);
const monthOf = (label) => MONTHS.find((month) => month.label === label);

/** What `expectPage` checks for each kind of page. */
const billets = (count) => (count === 1 ? "1 billet" : `${count} billets`);
const HOME = { path: "/", title: "Carnet" };
const ARCHIVE = { path: "/archive/", h1: "Archives", title: "Archives — Carnet" };
const postPage = (post) => ({ path: postPath(post), h1: post.title, title: `${post.title} — Carnet` });
const categoryPage = (category, count = 1) => ({
  path: `/category/${category.slug}/`,
  h1: `Catégorie : ${category.name} (${billets(count)})`,
  title: `Catégorie : ${category.name} — Carnet`,
});
const monthPage = (month) => ({
  path: month.path,
  h1: `Archives : ${month.label}`,
  title: `Archives : ${month.label} — Carnet`,
});
const notFoundPage = (pathname) => ({ path: pathname, h1: "Page introuvable", title: "Page introuvable — Carnet" });

const NOT_FOUND_PATHS = [
  "/posts/nope",
  "/posts/nope/",
  "/category/nope",
  "/archive/2009/11",
  "/archive/2009/13",
  "/nope/deeper",
];

// ---------------------------------------------------------------------------------------------
// The browser, the servers, and a fresh page per test.

let browser;
const servers = {};

before(async () => {
  const index = path.join(DIST, "index.html");
  if (!fs.existsSync(index)) {
    throw new Error(`no built site in ${DIST}: run \`trunk build --release\` first, or set CARNET_DIST`);
  }
  // `trunk serve` writes its live-reload client into the page, which then logs a WebSocket error
  // on every load when served by anything but trunk: say so once instead of failing every test.
  if (fs.readFileSync(index, "utf8").includes(".well-known/trunk/ws")) {
    throw new Error(`${DIST} holds a \`trunk serve\` build (live-reload client): test a \`trunk build --release\``);
  }
  for (const [name, options] of Object.entries(HOSTS)) servers[name] = await serve(DIST, options);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  for (const server of Object.values(servers)) await server.close();
});

/**
 * Declares a test that gets `{ page, server, tolerated }`: a page in a fresh browser context
 * whose base URL is `server`'s origin (the site is served at its root).
 *
 * options.host: "spa" (default) or "pages", see HOSTS.
 * options.context: extra context options (viewport, colorScheme…).
 * options.expectedErrors: [{ path, message }], console errors the test provokes on purpose: a
 * message matching the RegExp `message` about the URL `path` of the server. They are collected
 * in `tolerated` for the test to check; any other console error or uncaught page error fails it.
 */
function pageTest(name, options, fn) {
  if (typeof options === "function") [fn, options] = [options, {}];
  test(name, { timeout: 60_000 }, async () => {
    const server = servers[options.host ?? "spa"];
    const context = await browser.newContext({ baseURL: server.origin, ...options.context });
    const problems = [];
    const tolerated = [];
    const expected = options.expectedErrors ?? [];
    const watch = (page) => {
      page.on("console", (message) => {
        if (message.type() !== "error") return;
        const { url } = message.location();
        const entry = `console error: ${message.text()}${url ? ` (${url})` : ""}`;
        const isExpected = expected.some(
          (error) => url === server.origin + error.path && error.message.test(message.text()),
        );
        (isExpected ? tolerated : problems).push(entry);
      });
      page.on("pageerror", (error) => problems.push(`uncaught error: ${error.stack ?? error}`));
      page.on("crash", () => problems.push("the page crashed"));
    };
    context.on("page", watch);
    let failure;
    try {
      const page = await context.newPage();
      await fn({ page, server, tolerated });
    } catch (error) {
      failure = error;
    } finally {
      server.failPaths.clear();
      await context.close();
    }
    if (failure) {
      if (problems.length > 0 && failure instanceof Error) {
        failure.message += `\n\nThe page also reported:\n${problems.join("\n")}`;
      }
      throw failure;
    }
    assert.deepEqual(problems, [], "the page reported errors");
  });
}

// ---------------------------------------------------------------------------------------------
// Waiting and checking.

/** Whitespace-normalised text (U+00A0 included, as `\s` matches it). */
const norm = (text) => (text ?? "").replace(/\s+/g, " ").trim();

/** Retries `check` until it stops throwing, or rethrows its last error after `timeout` ms. */
async function eventually(check, timeout = TIMEOUT) {
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

/** The (single) element's whitespace-normalised text, waiting for it to exist. */
async function textOf(locator, timeout = TIMEOUT) {
  return norm(await locator.textContent({ timeout }));
}

/** Waits until the (single) element's normalised text equals `expected`. */
async function expectText(locator, expected, message) {
  await eventually(async () => assert.equal(await textOf(locator, 500), norm(expected), message));
}

/** Waits until the normalised text of `locator` includes `expected`. */
async function expectTextIncludes(locator, expected, message) {
  await eventually(async () => {
    const text = await textOf(locator, 500);
    assert.ok(text.includes(norm(expected)), `${message ?? "text"}: « ${expected} » not in « ${text} »`);
  });
}

/** Waits until the normalised texts of every match equal `expected`, in order. */
async function expectTexts(locator, expected, message) {
  await eventually(async () =>
    assert.deepEqual((await locator.allTextContents()).map(norm), expected.map(norm), message),
  );
}

/** Waits until the element's attribute equals `expected` (null: absent). */
async function expectAttribute(locator, name, expected, message) {
  await eventually(async () => assert.equal(await locator.getAttribute(name, { timeout: 500 }), expected, message));
}

const hrefs = (locator) => locator.evaluateAll((links) => links.map((a) => a.getAttribute("href")));
const pathname = (page) => new URL(page.url()).pathname;

/**
 * Waits until the page shows `path` with this main heading and document title.
 * For the home page (its h1 is for screen readers only), the list of posts is checked instead.
 */
async function expectPage(page, { path: wanted, h1, title }) {
  await eventually(async () => assert.equal(pathname(page), wanted, "URL path"));
  if (h1 !== undefined) await expectText(page.locator("main h1"), h1, `heading at ${wanted}`);
  else await expectHomeList(page);
  await eventually(async () => assert.equal(norm(await page.title()), norm(title), `title at ${wanted}`));
}

async function expectHomeList(page) {
  await expectTexts(
    page.locator("main article.post-card h2"),
    POSTS.map((post) => post.title),
    "home: the posts, newest first",
  );
}

/** Sets `window.__marker`, which only a full page load can remove. */
const setMarker = (page) =>
  page.evaluate(() => {
    window.__marker = 1;
  });
const marker = (page) => page.evaluate(() => window.__marker);

/** Waits until every image in `scope` with one of these alts has loaded with a real size. */
async function expectImagesLoaded(scope, alts) {
  for (const alt of alts) {
    const image = scope.locator(`img[alt="${alt}"]`);
    await image.waitFor({ state: "visible", timeout: TIMEOUT });
    await eventually(async () => {
      const { complete, naturalWidth } = await image.evaluate((img) => ({
        complete: img.complete,
        naturalWidth: img.naturalWidth,
      }));
      assert.ok(complete && naturalWidth > 0, `image « ${alt} » loaded (naturalWidth ${naturalWidth})`);
    });
  }
}

/** The header and the sidebar every page has, with the seed blog's counts. */
async function expectChrome(page) {
  const header = page.locator("header.site-header");
  const siteTitle = header.locator(".site-title a");
  await expectText(siteTitle, "Carnet", "site title");
  assert.equal(await siteTitle.getAttribute("href"), "/");
  const nav = header.locator("nav a");
  await expectTexts(nav, ["Accueil", "Archives"], "main navigation");
  assert.deepEqual(await hrefs(nav), ["/", "/archive/"]);

  const sidebar = page.locator("aside.sidebar");
  await expectTexts(sidebar.locator("section > h2"), ["Articles récents", "Catégories", "Archives"], "sidebar");
  const [recent, categories, archives] = [0, 1, 2].map((i) => sidebar.locator("section").nth(i));
  // The five most recent posts; the seed blog has three.
  await expectTexts(recent.locator("li"), POSTS.map((post) => post.title), "recent posts");
  assert.deepEqual(await hrefs(recent.locator("li a")), POSTS.map(postPath));
  await expectTexts(categories.locator("li"), CATEGORIES.map((c) => `${c.name} (1)`), "categories, counts");
  assert.deepEqual(await hrefs(categories.locator("li a")), CATEGORIES.map((c) => categoryPage(c).path));
  await expectTexts(archives.locator("li"), MONTHS.map((month) => `${month.label} (1)`), "months, counts");
  assert.deepEqual(await hrefs(archives.locator("li a")), MONTHS.map((month) => month.path));
  const all = archives.getByRole("link", { name: "Toutes les archives", exact: true });
  assert.equal(await all.getAttribute("href"), "/archive/");
}

/** The post cards in `scope` are exactly `posts`, in order, each complete. */
async function expectPostCards(scope, posts) {
  const cards = scope.locator("article.post-card");
  await expectTexts(cards.locator("h2"), posts.map((post) => post.title), "listed posts");
  for (const [i, post] of posts.entries()) {
    const card = cards.nth(i);
    assert.equal(await card.locator("h2 a").getAttribute("href"), postPath(post));
    const byline = card.locator("p.byline");
    assert.equal(await textOf(byline), `Publié le ${post.date} dans ${post.category.name}`);
    assert.equal(await byline.locator("time").getAttribute("datetime"), post.datetime);
    assert.equal(await byline.locator("a").getAttribute("href"), categoryPage(post.category).path);
    const excerpt = await textOf(card.locator("p.excerpt"));
    assert.ok(excerpt.startsWith(post.excerpt), `excerpt of « ${post.title} »: « ${excerpt} »`);
    const more = card.locator("p.read-more a");
    assert.match(await textOf(more), /^Lire la suite\b/);
    assert.equal(await more.getAttribute("href"), postPath(post));
  }
}

/** Waits until `post` is fully shown: heading, title, byline, body, closing line. */
async function expectPost(page, post, at = postPath(post)) {
  await expectPage(page, { ...postPage(post), path: at });
  const article = page.locator("main article.post");
  const byline = `Publié le ${post.date} dans ${post.category.name} par admin`;
  await expectText(article.locator("header p.byline"), byline);
  for (const sentence of post.sentences) {
    await expectTextIncludes(article.locator("div.post-body"), sentence, "post body");
  }
  await expectText(article.locator("p.comments-closed"), "Commentaires fermés");
}

/** Waits for two animation frames: whatever the app does after an event has been painted. */
const settle = (page) =>
  page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

// ---------------------------------------------------------------------------------------------
// 1. Deep links: every route loads directly, on both kinds of host.

for (const host of Object.keys(HOSTS)) {
  describe(`deep links (${host} host)`, () => {
    pageTest("home lists the three posts, newest first, with dates, categories and excerpts", { host }, async ({ page }) => {
      await page.goto("/");
      await expectPage(page, HOME);
      await expectPostCards(page.locator("main"), POSTS);
      await expectChrome(page);
    });

    for (const post of POSTS) {
      pageTest(`post page ${postPath(post)}`, { host }, async ({ page }) => {
        await page.goto(postPath(post));
        await expectPost(page, post);
        await expectChrome(page);
      });
    }

    pageTest("category page /category/actus/", { host }, async ({ page }) => {
      await page.goto("/category/actus/");
      await expectPage(page, {
        path: "/category/actus/",
        h1: "Catégorie : Actus (1 billet)",
        title: "Catégorie : Actus — Carnet",
      });
      // The heading has the French no-break space before the colon.
      assert.match(await page.locator("main h1").textContent(), /^Catégorie\u00a0: Actus/);
      await expectPostCards(page.locator("main"), [POSTS[0]]);
      await expectChrome(page);
    });

    pageTest("month page /archive/2009/10/", { host }, async ({ page }) => {
      await page.goto("/archive/2009/10/");
      await expectPage(page, {
        path: "/archive/2009/10/",
        h1: "Archives : octobre 2009",
        title: "Archives : octobre 2009 — Carnet",
      });
      assert.match(await page.locator("main h1").textContent(), /^Archives\u00a0: octobre 2009$/);
      await expectText(page.locator("main p.page-count"), "1 billet");
      await expectPostCards(page.locator("main"), [POSTS[0]]);
      await expectChrome(page);
    });

    pageTest("archive page /archive/", { host }, async ({ page }) => {
      await page.goto("/archive/");
      await expectPage(page, ARCHIVE);
      await expectTexts(page.locator("main section.archive-year h2"), ["2009 (3 billets)"]);
      await expectChrome(page);
    });

    // The same pages, linked to without the trailing slash.
    const redirects = host === "pages";
    pageTest(
      `links without the trailing slash ${redirects ? "redirect to the pages" : "show the pages"}`,
      { host },
      async ({ page }) => {
        const pages = [
          postPage(POSTS[0]),
          categoryPage(POSTS[1].category),
          monthPage(monthOf("janvier 2009")),
          ARCHIVE,
        ];
        for (const expected of pages) {
          const slashless = expected.path.replace(/\/$/, "");
          await page.goto(slashless);
          await expectPage(page, { ...expected, path: redirects ? expected.path : slashless });
          await expectChrome(page);
        }
      },
    );
  });
}

// ---------------------------------------------------------------------------------------------
// 2. Each seed post, in full.

describe("posts", () => {
  const neighbours = {
    [POSTS[0].slug]: { older: POSTS[1], newer: null },
    [POSTS[1].slug]: { older: POSTS[2], newer: POSTS[0] },
    [POSTS[2].slug]: { older: null, newer: POSTS[1] },
  };

  for (const post of POSTS) {
    pageTest(`« ${post.title} »: byline, body, closed comments, neighbours, images`, async ({ page }) => {
      await page.goto(postPath(post));
      await expectPost(page, post);
      const article = page.locator("main article.post");
      const byline = article.locator("header p.byline");
      assert.equal(await byline.locator("time").getAttribute("datetime"), post.datetime);
      const categoryLink = byline.getByRole("link", { name: post.category.name, exact: true });
      assert.equal(await categoryLink.getAttribute("href"), categoryPage(post.category).path);
      assert.equal(await textOf(byline.locator(".author")), "admin");
      assert.deepEqual(
        await article.evaluate((a) => [...a.children].map((child) => `${child.localName}.${child.className}`)),
        ["header.", "div.post-body", "p.comments-closed"],
        "the article: header, body, then « Commentaires fermés »",
      );

      const nav = page.locator("main nav.neighbours");
      for (const side of ["older", "newer"]) {
        const expected = neighbours[post.slug][side];
        const entry = nav.locator(`p.${side}`);
        if (!expected) {
          assert.equal(await entry.count(), 0, `no ${side} neighbour`);
          continue;
        }
        await expectText(entry.locator(".neighbour-label"), side === "older" ? "← Billet précédent" : "Billet suivant →");
        await expectText(entry.locator("a"), expected.title);
        assert.equal(await entry.locator("a").getAttribute("href"), postPath(expected));
      }
      assert.equal(await nav.locator("a").count(), Object.values(neighbours[post.slug]).filter(Boolean).length);

      await expectImagesLoaded(article.locator("div.post-body"), post.images);
      assert.equal(await article.locator("div.post-body img").count(), post.images.length, "images in the body");
    });
  }

  pageTest("the first post's Markdown: quotation, nested list, subheading, ending", async ({ page }) => {
    await page.goto(postPath(POSTS[0]));
    const body = page.locator("main article.post div.post-body");
    await expectTextIncludes(body.locator("blockquote"), "Un bon Community Manager commence par dire « bonjour » 😉");
    await expectText(body.locator("h2"), "Définir un community manager ?");
    const fourth = body.locator(":scope > ul").first().locator(":scope > li").nth(3);
    assert.ok((await textOf(fourth)).startsWith("Le rôle du Community Manager"));
    await expectTexts(fourth.locator(":scope > ul > li"), [
      "Poster des commentaires sur les blogs,",
      "Créer une page Facebook,",
      "Créer un groupe MySpace ou LinkedIn,",
      "Créer du viral content sur YouTube ou Slideshare.",
    ]);
    await expectText(body.locator(":scope > *").last(), "Surprenant ?");
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Categories, months, the archive, the sidebar's counts.

describe("listings", () => {
  for (const category of CATEGORIES) {
    const posts = POSTS.filter((post) => post.category.slug === category.slug);
    pageTest(`category ${category.name}`, async ({ page }) => {
      await page.goto(categoryPage(category).path);
      await expectPage(page, categoryPage(category, posts.length));
      await expectPostCards(page.locator("main"), posts);
    });
  }

  for (const month of MONTHS) {
    const posts = POSTS.filter((post) => post.month.path === month.path);
    pageTest(`month ${month.label}`, async ({ page }) => {
      await page.goto(month.path);
      await expectPage(page, monthPage(month));
      await expectText(page.locator("main p.page-count"), billets(posts.length));
      await expectPostCards(page.locator("main"), posts);
    });
  }

  pageTest("archive groups the months by year with counts", async ({ page }) => {
    await page.goto("/archive/");
    await expectPage(page, ARCHIVE);
    const years = page.locator("main section.archive-year");
    await expectTexts(years.locator("h2"), ["2009 (3 billets)"]);
    await expectTexts(years.first().locator("li"), MONTHS.map((month) => `${month.label} (1 billet)`));
    const links = years.first().locator("li a");
    await expectTexts(links, MONTHS.map((month) => month.label));
    assert.deepEqual(await hrefs(links), MONTHS.map((month) => month.path));
  });

  pageTest("sidebar counts, and its links lead to the right pages", async ({ page }) => {
    await page.goto("/");
    await expectHomeList(page);
    await expectChrome(page);
    const sidebar = page.locator("aside.sidebar");
    await sidebar.getByRole("link", { name: "Réseaux sociaux", exact: true }).click();
    await expectPage(page, categoryPage(POSTS[2].category));
    await expectPostCards(page.locator("main"), [POSTS[2]]);
    await sidebar.getByRole("link", { name: "mars 2009", exact: true }).click();
    await expectPage(page, monthPage(monthOf("mars 2009")));
    await expectPostCards(page.locator("main"), [POSTS[1]]);
    await sidebar.getByRole("link", { name: POSTS[2].title, exact: true }).click();
    await expectPost(page, POSTS[2]);
    await expectChrome(page);
  });
});

// ---------------------------------------------------------------------------------------------
// 4–6. Navigation: in-app without reloads, history, scroll, reload.

describe("navigation", () => {
  pageTest("client-side navigation never reloads the page; back and forward work", async ({ page }) => {
    await page.goto("/");
    await expectHomeList(page);
    await setMarker(page);
    const post = postPage(POSTS[0]);
    const category = categoryPage(POSTS[0].category);
    const month = monthPage(monthOf("octobre 2009"));
    const header = page.locator("header.site-header nav");

    const steps = [
      [page.locator("main article.post-card h2 a", { hasText: POSTS[0].title }), post],
      [page.locator("main article.post p.byline").getByRole("link", { name: "Actus", exact: true }), category],
      [page.locator("aside.sidebar").getByRole("link", { name: "octobre 2009", exact: true }), month],
      [header.getByRole("link", { name: "Archives", exact: true }), ARCHIVE],
      [header.getByRole("link", { name: "Accueil", exact: true }), HOME],
    ];
    for (const [link, expected] of steps) {
      await link.click();
      await expectPage(page, expected);
      assert.equal(await marker(page), 1, `no reload on the way to ${expected.path}`);
    }
    await expectPostCards(page.locator("main"), POSTS);

    // Back to the start, then forward to the end.
    const history = [HOME, post, category, month, ARCHIVE, HOME];
    for (let i = history.length - 2; i >= 0; i--) {
      await page.goBack();
      await expectPage(page, history[i]);
      assert.equal(await marker(page), 1, `no reload going back to ${history[i].path}`);
    }
    for (let i = 1; i < history.length; i++) {
      await page.goForward();
      await expectPage(page, history[i]);
      assert.equal(await marker(page), 1, `no reload going forward to ${history[i].path}`);
    }
  });

  pageTest("back to a long post restores its scroll position", async ({ page }) => {
    const [long, older] = POSTS;
    await page.goto(postPath(long));
    await expectPost(page, long);
    await expectImagesLoaded(page.locator("main div.post-body"), long.images);
    await setMarker(page);

    const olderLink = page.locator("main nav.neighbours p.older a");
    await page.locator("main p.comments-closed").scrollIntoViewIfNeeded();
    await olderLink.scrollIntoViewIfNeeded();
    const scrolled = await page.evaluate(() => window.scrollY);
    assert.ok(scrolled > 1000, `the long post is scrolled far down (scrollY ${scrolled})`);

    await olderLink.click();
    await expectPost(page, older);
    await eventually(async () => {
      const y = await page.evaluate(() => window.scrollY);
      assert.ok(y < 5, `a newly opened post starts at the top (scrollY ${y})`);
    });

    await page.goBack();
    await expectPost(page, long);
    assert.equal(await marker(page), 1, "going back did not reload");
    const restored = async () => {
      const y = await page.evaluate(() => window.scrollY);
      assert.ok(Math.abs(y - scrolled) <= 50, `back restores the scroll: expected scrollY ≈ ${scrolled}, got ${y}`);
    };
    await eventually(restored, 3000);
    // …and it stays there once the page has settled.
    await settle(page);
    await restored();
  });

  pageTest("reloading a page reached in-app shows the same page", async ({ page }) => {
    await page.goto("/");
    await expectHomeList(page);
    await page.locator("main article.post-card h2 a", { hasText: POSTS[1].title }).click();
    await expectPost(page, POSTS[1]);
    await setMarker(page);
    await page.reload();
    assert.equal(await marker(page), undefined, "the page really reloaded");
    await expectPost(page, POSTS[1]);
    await expectImagesLoaded(page.locator("main div.post-body"), POSTS[1].images);
    await expectChrome(page);
  });
});

// ---------------------------------------------------------------------------------------------
// 7. aria-current marks the link to the current page, and only it.

describe("aria-current", () => {
  const current = (link) => link.getAttribute("aria-current");

  pageTest("on a category page, its sidebar link is current; it follows navigation", async ({ page }) => {
    await page.goto("/category/actus/");
    const sidebar = page.locator("aside.sidebar");
    const actus = sidebar.getByRole("link", { name: "Actus", exact: true });
    const usages = sidebar.getByRole("link", { name: "Usages", exact: true });
    await expectAttribute(actus, "aria-current", "page");
    assert.equal(await current(usages), null);
    assert.equal(await current(sidebar.getByRole("link", { name: "Réseaux sociaux", exact: true })), null);
    const nav = page.locator("header.site-header nav");
    assert.equal(await current(nav.getByRole("link", { name: "Accueil", exact: true })), null);
    assert.equal(await current(nav.getByRole("link", { name: "Archives", exact: true })), null);

    await usages.click();
    await expectPage(page, categoryPage(POSTS[1].category));
    await expectAttribute(usages, "aria-current", "page");
    await expectAttribute(actus, "aria-current", null);
  });

  pageTest("on the home page, « Accueil » is current and « Archives » is not", async ({ page }) => {
    await page.goto("/");
    await expectHomeList(page);
    const nav = page.locator("header.site-header nav");
    await expectAttribute(nav.getByRole("link", { name: "Accueil", exact: true }), "aria-current", "page");
    assert.equal(await current(nav.getByRole("link", { name: "Archives", exact: true })), null);
    assert.equal(await page.locator("aside.sidebar a[aria-current]").count(), 0, "no sidebar link is current");
  });

  pageTest("on the archive page, « Archives » is current and « Accueil » is not", async ({ page }) => {
    await page.goto("/archive/");
    await expectPage(page, ARCHIVE);
    const nav = page.locator("header.site-header nav");
    await expectAttribute(nav.getByRole("link", { name: "Archives", exact: true }), "aria-current", "page");
    assert.equal(await current(nav.getByRole("link", { name: "Accueil", exact: true })), null);
    assert.equal(await current(page.locator(".site-title a")), null);
    const sidebar = page.locator("aside.sidebar");
    await expectAttribute(sidebar.getByRole("link", { name: "Toutes les archives" }), "aria-current", "page");
    assert.equal(await sidebar.locator("section").nth(2).locator("li a[aria-current]").count(), 0);
  });

  pageTest("on a post or month page, only its own sidebar link is current", async ({ page }) => {
    await page.goto(postPath(POSTS[1]));
    await expectPost(page, POSTS[1]);
    const sidebar = page.locator("aside.sidebar");
    await expectAttribute(sidebar.getByRole("link", { name: POSTS[1].title, exact: true }), "aria-current", "page");
    await expectTexts(sidebar.locator("a[aria-current]"), [POSTS[1].title]);

    await sidebar.getByRole("link", { name: "janvier 2009", exact: true }).click();
    await expectPage(page, monthPage(monthOf("janvier 2009")));
    await expectTexts(sidebar.locator("a[aria-current]"), ["janvier 2009"]);
  });
});

// ---------------------------------------------------------------------------------------------
// 8. The 404 page, on both kinds of host.

for (const host of Object.keys(HOSTS)) {
  describe(`not found (${host} host)`, () => {
    for (const unknown of NOT_FOUND_PATHS) {
      // A host answering with 404.html says 404, and Chromium logs that status as an error.
      const status = host === "pages" ? 404 : 200;
      const expectedErrors = status === 404 ? [{ path: unknown, message: HTTP_404 }] : [];
      pageTest(`${unknown} shows « Page introuvable » with a way home`, { host, expectedErrors }, async ({ page, tolerated }) => {
        const response = await page.goto(unknown);
        assert.equal(response.status(), status, "HTTP status");
        await expectPage(page, notFoundPage(unknown));
        await expectChrome(page);
        assert.equal(tolerated.length, expectedErrors.length, "only the page's own 404 was logged");
        await setMarker(page);
        const home = page.locator("main").getByRole("link", { name: "Retour à l’accueil", exact: true });
        assert.equal(await home.getAttribute("href"), "/");
        await home.click();
        await expectPage(page, HOME);
        assert.equal(await marker(page), 1, "going home did not reload the page");
        await expectChrome(page);
      });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// 9. Loading and network failures.

/**
 * Serves this page's documents without the data pre-rendered pages embed (as a host answering
 * with a bare app shell would): the app must then fetch the manifest itself.
 */
async function withoutEmbeddedData(page) {
  await page.route(
    () => true,
    async (route) => {
      if (route.request().resourceType() !== "document") return route.fallback();
      const response = await route.fetch();
      const html = (await response.text()).replace(/<script id="carnet-data"[^>]*>[\s\S]*?<\/script>/, "");
      await route.fulfill({ response, body: html });
    },
  );
}

describe("network", () => {
  pageTest("without embedded data, « Chargement du carnet… » shows while the manifest loads", async ({ page }) => {
    await withoutEmbeddedData(page);
    let release;
    const held = new Promise((resolve) => {
      release = resolve;
    });
    await page.route("**/data/manifest.json", async (route) => {
      await held;
      await route.fallback();
    });
    await page.goto("/");
    await expectText(page.locator("p.loading"), "Chargement du carnet…");
    assert.equal(await page.locator("article.post-card").count(), 0, "no posts before the manifest");
    release();
    await expectPage(page, HOME);
    await expectChrome(page);
    assert.equal(await page.locator("p.loading").count(), 0, "the loading line is gone");
  });

  pageTest(
    "manifest failure: an alert with « Réessayer », which loads the blog once the network is back",
    { expectedErrors: [{ path: "/data/manifest.json", message: NETWORK_ERROR }] },
    async ({ page, server, tolerated }) => {
      await withoutEmbeddedData(page);
      server.failPaths.add("/data/manifest.json");
      await page.goto("/");
      const alert = page.locator("div.load-error[role=alert]");
      await expectTextIncludes(alert, "Impossible de charger le blog.", "the alert");
      const retry = alert.getByRole("button", { name: "Réessayer", exact: true });
      await retry.waitFor({ timeout: TIMEOUT });
      assert.equal(await page.locator("article.post-card").count(), 0);
      assert.ok(tolerated.length > 0, "the manifest request did fail");

      server.failPaths.delete("/data/manifest.json");
      await setMarker(page);
      await retry.click();
      await expectPage(page, HOME);
      await expectPostCards(page.locator("main"), POSTS);
      await expectChrome(page);
      assert.equal(await page.locator("div.load-error").count(), 0, "the alert is gone");
      assert.equal(await marker(page), 1, "retrying did not reload the page");
    },
  );

  const failingBody = `/data/posts/${POSTS[1].slug}.json`;
  pageTest(
    "post body failure: an alert with « Réessayer », which loads the post once the network is back",
    { expectedErrors: [{ path: failingBody, message: NETWORK_ERROR }] },
    async ({ page, server, tolerated }) => {
      // The home page embeds no post body: opening a post from it fetches the body.
      await page.goto("/");
      await expectHomeList(page);
      await setMarker(page);
      server.failPaths.add(failingBody);
      await page.locator("main article.post-card h2 a", { hasText: POSTS[1].title }).click();
      await expectPage(page, postPage(POSTS[1]));
      const alert = page.locator("main article.post div.load-error[role=alert]");
      await expectTextIncludes(alert, "Impossible de charger ce billet.", "the alert");
      const retry = alert.getByRole("button", { name: "Réessayer", exact: true });
      await retry.waitFor({ timeout: TIMEOUT });
      assert.equal(await page.locator("main div.post-body").count(), 0);
      assert.ok(tolerated.length > 0, "the post body request did fail");

      server.failPaths.delete(failingBody);
      await retry.click();
      await expectPost(page, POSTS[1]);
      await expectImagesLoaded(page.locator("main div.post-body"), POSTS[1].images);
      assert.equal(await page.locator("div.load-error").count(), 0, "the alert is gone");
      assert.equal(await marker(page), 1, "neither opening the post nor retrying reloaded the page");
    },
  );
});

// ---------------------------------------------------------------------------------------------
// 10–11. Layout: phone and desktop widths, dark mode.

describe("layout", () => {
  const boxes = (page) =>
    page.evaluate(() => {
      const box = (selector) => document.querySelector(selector).getBoundingClientRect().toJSON();
      return {
        main: box("main#contenu"),
        sidebar: box("aside.sidebar"),
        scrollWidth: document.documentElement.scrollWidth,
      };
    });

  const phone = { context: { viewport: { width: 360, height: 740 } } };
  pageTest("at 360 px: no horizontal scroll, sidebar below the content", phone, async ({ page }) => {
    const pages = [
      ["/", () => expectHomeList(page)],
      [
        postPath(POSTS[0]),
        async () => {
          await expectPost(page, POSTS[0]);
          await expectImagesLoaded(page.locator("main div.post-body"), POSTS[0].images);
        },
      ],
    ];
    for (const [url, ready] of pages) {
      await page.goto(url);
      await ready();
      const { main, sidebar, scrollWidth } = await boxes(page);
      assert.ok(scrollWidth <= 360, `${url}: no horizontal scroll (scrollWidth ${scrollWidth})`);
      assert.ok(sidebar.top >= main.bottom, `${url}: sidebar (top ${sidebar.top}) below main (bottom ${main.bottom})`);
    }
  });

  const desktop = { context: { viewport: { width: 1280, height: 800 } } };
  pageTest("at 1280 px: the sidebar is to the right of the content", desktop, async ({ page }) => {
    await page.goto("/");
    await expectHomeList(page);
    const { main, sidebar, scrollWidth } = await boxes(page);
    assert.ok(scrollWidth <= 1280, `no horizontal scroll (scrollWidth ${scrollWidth})`);
    assert.ok(sidebar.left >= main.right, `sidebar (left ${sidebar.left}) right of main (right ${main.right})`);
    assert.ok(sidebar.top < main.bottom, "sidebar beside main, not below it");
  });

  /** Relative luminance (WCAG) of a computed `rgb(…)` colour. */
  const luminance = (color) => {
    const [r, g, b] = color
      .match(/[\d.]+/g)
      .slice(0, 3)
      .map((c) => Number(c) / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const colors = (page) =>
    page.evaluate(() => {
      const style = getComputedStyle(document.body);
      return { background: style.backgroundColor, text: style.color };
    });

  const dark = { context: { colorScheme: "dark" } };
  pageTest("dark mode: a dark background with light text, unlike light mode", dark, async ({ page }) => {
    await page.goto("/");
    await expectHomeList(page);
    const inDark = await colors(page);
    await page.emulateMedia({ colorScheme: "light" });
    const inLight = await colors(page);
    assert.ok(luminance(inDark.background) < 0.05, `dark background (${inDark.background})`);
    assert.ok(luminance(inDark.text) > 0.5, `light text on it (${inDark.text})`);
    assert.ok(luminance(inLight.background) > 0.8, `light background in light mode (${inLight.background})`);
    assert.notEqual(inDark.background, inLight.background);
  });
});
