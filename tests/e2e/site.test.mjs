// End-to-end tests of Carnet: a release build (CARNET_DIST, default "dist") served like a static
// host with an SPA fallback, driven in Debian's headless Chromium through playwright-core.
//
// Run from the repository root: node --test tests/e2e/
//
// One browser for the file, a fresh context and page per test. Every test fails if its page logs
// a console error or throws an uncaught error; only the tests that break the network on purpose
// tolerate the « Failed to load resource » errors of exactly the requests they break.
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

// ---------------------------------------------------------------------------------------------
// The seed blog, as the reader should see it.

const POSTS = [
  {
    slug: "community-manager-un-metier-transparent",
    title: "Community manager : un métier « transparent » ?",
    date: "6 octobre 2009",
    datetime: "2009-10-06",
    category: { name: "Actus", slug: "actus" },
    month: { path: "/archive/2009/10", label: "octobre 2009" },
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
    month: { path: "/archive/2009/03", label: "mars 2009" },
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
    month: { path: "/archive/2009/01", label: "janvier 2009" },
    excerpt: "Début 2007, Viadeo (ex-Viaduc) annonçait son millionième membre",
    sentences: [
      "MySpace, c’est le bar, Facebook, c’est le barbecue au fond du jardin",
      "L’avenir nous dira si les réseaux B2B survivront…",
    ],
    images: [],
  },
];
const postPath = (post) => `/posts/${post.slug}`;
/** Sidebar order: categories by name, months newest first. */
const CATEGORIES = ["actus", "reseaux-sociaux", "usages"].map(
  (slug) => POSTS.find((post) => post.category.slug === slug).category,
);
const MONTHS = POSTS.map((post) => post.month);

const NOT_FOUND_PATHS = ["/posts/nope", "/category/nope", "/archive/2009/11", "/archive/2009/13", "/nope/deeper"];

// ---------------------------------------------------------------------------------------------
// The browser, the server, and a fresh page per test.

let browser;
let server;

before(async () => {
  assert.ok(
    fs.existsSync(path.join(DIST, "index.html")),
    `no built site in ${DIST}: run \`trunk build --release\` first, or set CARNET_DIST`,
  );
  // `trunk serve` writes its live-reload client into the page, which then logs a WebSocket error
  // on every load when served by anything but trunk: say so once instead of failing every test.
  assert.doesNotMatch(
    fs.readFileSync(path.join(DIST, "index.html"), "utf8"),
    /\.well-known\/trunk\/ws/,
    `${DIST} holds a \`trunk serve\` build (live-reload client): test a \`trunk build --release\``,
  );
  server = await serve(DIST, { fallback: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * Declares a test that gets `{ page, context }` in a fresh browser context.
 *
 * options.context: extra context options (viewport, colorScheme…).
 * options.failing: pathnames whose failed requests the test provokes; their « Failed to load
 * resource: net::ERR_… » console errors are tolerated, and handed to the test as `tolerated`.
 * Any other console error or uncaught page error fails the test.
 */
function pageTest(name, options, fn) {
  if (typeof options === "function") [fn, options] = [options, {}];
  test(name, async () => {
    const context = await browser.newContext({ baseURL: server.url, ...options.context });
    const problems = [];
    const tolerated = [];
    const failing = new Set((options.failing ?? []).map((pathname) => server.url + pathname));
    const watch = (page) => {
      page.on("console", (message) => {
        if (message.type() !== "error") return;
        const { url } = message.location();
        const entry = `console error: ${message.text()}${url ? ` (${url})` : ""}`;
        const expected =
          failing.has(url) && /^Failed to load resource: net::ERR_[A-Z_]+$/.test(message.text());
        (expected ? tolerated : problems).push(entry);
      });
      page.on("pageerror", (error) => problems.push(`uncaught error: ${error.stack ?? error}`));
      page.on("crash", () => problems.push("the page crashed"));
    };
    context.on("page", watch);
    let failure;
    try {
      const page = await context.newPage();
      await fn({ page, context, tolerated });
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

/** The locator's text, whitespace-normalised, once it exists. */
async function textOf(locator) {
  await locator.waitFor({ state: "attached", timeout: TIMEOUT });
  return norm(await locator.textContent());
}

/** Waits until the (single) element's normalised text equals `expected`. */
async function expectText(locator, expected, message) {
  await eventually(async () => assert.equal(await textOf(locator), norm(expected), message));
}

/** Waits until the normalised texts of every match equal `expected`, in order. */
async function expectTexts(locator, expected, message) {
  await eventually(async () =>
    assert.deepEqual((await locator.allTextContents()).map(norm), expected.map(norm), message),
  );
}

/** Waits until the element's attribute equals `expected` (null: absent). */
async function expectAttribute(locator, name, expected, message) {
  await locator.waitFor({ state: "attached", timeout: TIMEOUT });
  await eventually(async () => assert.equal(await locator.getAttribute(name), expected, message));
}

const pathname = (page) => new URL(page.url()).pathname;

/**
 * Waits until the page shows `pathname` with this main heading and document title.
 * For the home page (no visible h1), `h1` is omitted and the post list is checked instead.
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

/** The header and sidebar every page has. */
async function expectChrome(page) {
  const header = page.locator("header.site-header");
  const siteTitle = header.locator(".site-title a");
  await expectText(siteTitle, "Carnet", "site title");
  assert.equal(await siteTitle.getAttribute("href"), "/");
  const nav = header.locator("nav a");
  await expectTexts(nav, ["Accueil", "Archives"], "main navigation");
  assert.deepEqual(await nav.evaluateAll((links) => links.map((a) => a.getAttribute("href"))), ["/", "/archive"]);

  const sidebar = page.locator("aside.sidebar");
  await expectTexts(sidebar.locator("section > h2"), ["Articles récents", "Catégories", "Archives"], "sidebar");
  const [recent, categories, archives] = [0, 1, 2].map((i) => sidebar.locator("section").nth(i));
  // Five most recent posts; the seed blog has three.
  await expectTexts(recent.locator("li"), POSTS.map((post) => post.title), "recent posts");
  assert.deepEqual(
    await recent.locator("li a").evaluateAll((links) => links.map((a) => a.getAttribute("href"))),
    POSTS.map(postPath),
  );
  await expectTexts(
    categories.locator("li"),
    CATEGORIES.map((category) => `${category.name} (1)`),
    "categories with counts",
  );
  assert.deepEqual(
    await categories.locator("li a").evaluateAll((links) => links.map((a) => a.getAttribute("href"))),
    CATEGORIES.map((category) => `/category/${category.slug}`),
  );
  await expectTexts(archives.locator("li"), MONTHS.map((month) => `${month.label} (1)`), "months with counts");
  assert.deepEqual(
    await archives.locator("li a").evaluateAll((links) => links.map((a) => a.getAttribute("href"))),
    MONTHS.map((month) => month.path),
  );
  const all = archives.getByRole("link", { name: "Toutes les archives", exact: true });
  assert.equal(await all.getAttribute("href"), "/archive");
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
    assert.equal(await byline.locator("a").getAttribute("href"), `/category/${post.category.slug}`);
    assert.ok(
      (await textOf(card.locator("p.excerpt"))).startsWith(post.excerpt),
      `excerpt of « ${post.title} »`,
    );
    const more = card.locator("p.read-more a");
    assert.match(await textOf(more), /^Lire la suite\b/);
    assert.equal(await more.getAttribute("href"), postPath(post));
  }
}

/** Waits until post `post` is fully shown: heading, byline, body, closing line. */
async function expectPost(page, post) {
  await expectPage(page, { path: postPath(post), h1: post.title, title: `${post.title} — Carnet` });
  const article = page.locator("main article.post");
  await expectText(article.locator("header p.byline"), `Publié le ${post.date} dans ${post.category.name} par admin`);
  for (const sentence of post.sentences) {
    await eventually(async () =>
      assert.ok((await textOf(article.locator("div.post-body"))).includes(norm(sentence)), `body has « ${sentence} »`),
    );
  }
  await expectText(article.locator("p.comments-closed"), "Commentaires fermés");
}

// ---------------------------------------------------------------------------------------------
// 1. Deep links: every route loads directly.

describe("deep links", () => {
  pageTest("home lists the three posts, newest first, with dates, categories and excerpts", async ({ page }) => {
    await page.goto("/");
    await expectPage(page, { path: "/", title: "Carnet" });
    await expectPostCards(page.locator("main"), POSTS);
    await expectChrome(page);
  });

  for (const post of POSTS) {
    pageTest(`post page ${postPath(post)}`, async ({ page }) => {
      await page.goto(postPath(post));
      await expectPost(page, post);
      await expectChrome(page);
    });
  }

  pageTest("category page /category/actus", async ({ page }) => {
    await page.goto("/category/actus");
    await expectPage(page, {
      path: "/category/actus",
      h1: "Catégorie\u00a0: Actus (1 billet)",
      title: "Catégorie : Actus — Carnet",
    });
    // The heading really has the French no-break space before the colon.
    assert.match(await page.locator("main h1.page-heading").textContent(), /^Catégorie\u00a0: Actus/);
    await expectPostCards(page.locator("main"), [POSTS[0]]);
    await expectChrome(page);
  });

  pageTest("month page /archive/2009/10", async ({ page }) => {
    await page.goto("/archive/2009/10");
    await expectPage(page, {
      path: "/archive/2009/10",
      h1: "Archives\u00a0: octobre 2009",
      title: "Archives : octobre 2009 — Carnet",
    });
    assert.match(await page.locator("main h1").textContent(), /^Archives\u00a0: octobre 2009$/);
    await expectText(page.locator("main p.page-count"), "1 billet");
    await expectPostCards(page.locator("main"), [POSTS[0]]);
    await expectChrome(page);
  });

  pageTest("archive page /archive", async ({ page }) => {
    await page.goto("/archive");
    await expectPage(page, { path: "/archive", h1: "Archives", title: "Archives — Carnet" });
    const years = page.locator("main section.archive-year");
    await expectTexts(years.locator("h2"), ["2009 (3 billets)"]);
    await expectChrome(page);
  });

  pageTest("unknown path /nope/deeper shows the 404 page inside the layout", async ({ page }) => {
    await page.goto("/nope/deeper");
    await expectPage(page, { path: "/nope/deeper", h1: "Page introuvable", title: "Page introuvable — Carnet" });
    await expectChrome(page);
  });
});

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
      assert.equal(await categoryLink.getAttribute("href"), `/category/${post.category.slug}`);
      assert.equal(await textOf(byline.locator(".author")), "admin");

      // « Commentaires fermés » closes the article, after the body.
      assert.deepEqual(
        await article.evaluate((a) => [...a.children].map((child) => child.localName + "." + child.className)),
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
        const label = side === "older" ? "← Billet précédent" : "Billet suivant →";
        await expectText(entry.locator(".neighbour-label"), label);
        await expectText(entry.locator("a"), expected.title);
        assert.equal(await entry.locator("a").getAttribute("href"), postPath(expected));
      }
      assert.equal(await nav.locator("a").count(), Object.values(neighbours[post.slug]).filter(Boolean).length);

      await expectImagesLoaded(article.locator("div.post-body"), post.images);
      assert.equal(await article.locator("div.post-body img").count(), post.images.length, "images in the body");
    });
  }

  pageTest("the first post's Markdown: quote, nested list, subheading, ending", async ({ page }) => {
    await page.goto(postPath(POSTS[0]));
    const body = page.locator("main article.post div.post-body");
    await body.waitFor({ timeout: TIMEOUT });
    const quote = body.locator("blockquote");
    assert.ok((await textOf(quote)).includes("Un bon Community Manager commence par dire « bonjour » 😉"));
    await expectText(body.locator("h2"), "Définir un community manager ?");
    const fourth = body.locator(":scope > ul").first().locator(":scope > li").nth(3);
    assert.ok((await textOf(fourth)).startsWith("Le rôle du Community Manager"));
    await expectTexts(fourth.locator(":scope > ul > li"), [
      "Poster des commentaires sur les blogs,",
      "Créer une page Facebook,",
      "Créer un groupe MySpace ou LinkedIn,",
      "Créer du viral content sur YouTube ou Slideshare.",
    ]);
    const last = body.locator(":scope > :is(p, ul, ol, blockquote, h2, h3)").last();
    await expectText(last, "Surprenant ?");
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Categories, months, the archive, the sidebar's counts.

describe("listings", () => {
  for (const category of CATEGORIES) {
    const posts = POSTS.filter((post) => post.category.slug === category.slug);
    pageTest(`category ${category.name}`, async ({ page }) => {
      await page.goto(`/category/${category.slug}`);
      await expectPage(page, {
        path: `/category/${category.slug}`,
        h1: `Catégorie : ${category.name} (${posts.length} billet)`,
        title: `Catégorie : ${category.name} — Carnet`,
      });
      await expectPostCards(page.locator("main"), posts);
    });
  }

  for (const month of MONTHS) {
    const posts = POSTS.filter((post) => post.month.path === month.path);
    pageTest(`month ${month.label}`, async ({ page }) => {
      await page.goto(month.path);
      await expectPage(page, {
        path: month.path,
        h1: `Archives : ${month.label}`,
        title: `Archives : ${month.label} — Carnet`,
      });
      await expectText(page.locator("main p.page-count"), `${posts.length} billet`);
      await expectPostCards(page.locator("main"), posts);
    });
  }

  pageTest("archive groups the months by year with counts", async ({ page }) => {
    await page.goto("/archive");
    await expectPage(page, { path: "/archive", h1: "Archives", title: "Archives — Carnet" });
    const years = page.locator("main section.archive-year");
    await expectTexts(years.locator("h2"), ["2009 (3 billets)"]);
    await expectTexts(years.first().locator("li"), MONTHS.map((month) => `${month.label} (1 billet)`));
    const links = years.first().locator("li a");
    await expectTexts(links, MONTHS.map((month) => month.label));
    assert.deepEqual(
      await links.evaluateAll((as) => as.map((a) => a.getAttribute("href"))),
      MONTHS.map((month) => month.path),
    );
  });

  pageTest("sidebar counts, and its links lead to the right pages", async ({ page }) => {
    await page.goto("/");
    await expectHomeList(page);
    await expectChrome(page);
    const sidebar = page.locator("aside.sidebar");
    await sidebar.getByRole("link", { name: "Réseaux sociaux", exact: true }).click();
    await expectPage(page, {
      path: "/category/reseaux-sociaux",
      h1: "Catégorie : Réseaux sociaux (1 billet)",
      title: "Catégorie : Réseaux sociaux — Carnet",
    });
    await expectPostCards(page.locator("main"), [POSTS[2]]);
    await sidebar.getByRole("link", { name: "mars 2009", exact: true }).click();
    await expectPage(page, { path: "/archive/2009/03", h1: "Archives : mars 2009", title: "Archives : mars 2009 — Carnet" });
    await expectPostCards(page.locator("main"), [POSTS[1]]);
    await sidebar.getByRole("link", { name: POSTS[2].title, exact: true }).click();
    await expectPost(page, POSTS[2]);
  });
});

// ---------------------------------------------------------------------------------------------
// 4–6. Navigation: in-app without reloads, history, scroll, reload.

describe("navigation", () => {
  pageTest("client-side navigation never reloads the page; back and forward work", async ({ page }) => {
    await page.goto("/");
    await expectHomeList(page);
    await page.evaluate(() => {
      window.__marker = 1;
    });
    const home = { path: "/", title: "Carnet" };
    const post = { path: postPath(POSTS[0]), h1: POSTS[0].title, title: `${POSTS[0].title} — Carnet` };
    const category = { path: "/category/actus", h1: "Catégorie : Actus (1 billet)", title: "Catégorie : Actus — Carnet" };
    const month = { path: "/archive/2009/10", h1: "Archives : octobre 2009", title: "Archives : octobre 2009 — Carnet" };
    const archive = { path: "/archive", h1: "Archives", title: "Archives — Carnet" };

    const steps = [
      [page.locator("main article.post-card h2 a", { hasText: POSTS[0].title }), post],
      [page.locator("main article.post p.byline").getByRole("link", { name: "Actus", exact: true }), category],
      [page.locator("aside.sidebar").getByRole("link", { name: "octobre 2009", exact: true }), month],
      [page.locator("header.site-header nav").getByRole("link", { name: "Archives", exact: true }), archive],
      [page.locator("header.site-header nav").getByRole("link", { name: "Accueil", exact: true }), home],
    ];
    for (const [link, expected] of steps) {
      await link.click();
      await expectPage(page, expected);
      assert.equal(await marker(page), 1, `no reload on the way to ${expected.path}`);
    }

    const history = [home, post, category, month, archive, home];
    // Back to the start, then forward to the end.
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
    await page.evaluate(() => {
      window.__marker = 1;
    });

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
    await eventually(async () => {
      const y = await page.evaluate(() => window.scrollY);
      assert.ok(
        Math.abs(y - scrolled) <= 50,
        `going back restores the scroll position: expected scrollY ≈ ${scrolled}, got ${y}`,
      );
    }, 3000);
  });

  pageTest("reloading a page reached in-app shows the same page", async ({ page }) => {
    await page.goto("/");
    await expectHomeList(page);
    await page.locator("main article.post-card h2 a", { hasText: POSTS[1].title }).click();
    await expectPost(page, POSTS[1]);
    await page.evaluate(() => {
      window.__marker = 1;
    });
    await page.reload();
    assert.equal(await marker(page), undefined, "the page really reloaded");
    await expectPost(page, POSTS[1]);
    await expectImagesLoaded(page.locator("main div.post-body"), POSTS[1].images);
  });
});

// ---------------------------------------------------------------------------------------------
// 7. aria-current marks the link to the current page, and only it.

describe("aria-current", () => {
  const current = (link) => link.getAttribute("aria-current");

  pageTest("on a category page, its sidebar link is current; it follows navigation", async ({ page }) => {
    await page.goto("/category/actus");
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
    await expectPage(page, {
      path: "/category/usages",
      h1: "Catégorie : Usages (1 billet)",
      title: "Catégorie : Usages — Carnet",
    });
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
    await page.goto("/archive");
    await expectPage(page, { path: "/archive", h1: "Archives", title: "Archives — Carnet" });
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
    await expectPage(page, { path: "/archive/2009/01", h1: "Archives : janvier 2009", title: "Archives : janvier 2009 — Carnet" });
    await expectTexts(sidebar.locator("a[aria-current]"), ["janvier 2009"]);
  });
});

// ---------------------------------------------------------------------------------------------
// 8. The 404 page.

describe("not found", () => {
  for (const unknown of NOT_FOUND_PATHS) {
    pageTest(`${unknown} shows « Page introuvable » with a way home`, async ({ page }) => {
      await page.goto(unknown);
      await expectPage(page, { path: unknown, h1: "Page introuvable", title: "Page introuvable — Carnet" });
      await expectChrome(page);
      await page.evaluate(() => {
        window.__marker = 1;
      });
      const home = page.locator("main").getByRole("link", { name: "Retour à l’accueil", exact: true });
      assert.equal(await home.getAttribute("href"), "/");
      await home.click();
      await expectPage(page, { path: "/", title: "Carnet" });
      assert.equal(await marker(page), 1, "going home did not reload the page");
    });
  }
});

// ---------------------------------------------------------------------------------------------
// 9. Loading and network failures.

describe("network", () => {
  pageTest("« Chargement du carnet… » shows while the manifest loads", async ({ page }) => {
    let release;
    const held = new Promise((resolve) => {
      release = resolve;
    });
    await page.route("**/data/manifest.json", async (route) => {
      await held;
      await route.continue();
    });
    await page.goto("/");
    await expectText(page.locator("p.loading"), "Chargement du carnet…");
    assert.equal(await page.locator("article.post-card").count(), 0);
    release();
    await expectHomeList(page);
    assert.equal(await page.locator("p.loading").count(), 0, "the loading line is gone");
  });

  pageTest(
    "manifest failure: an alert with « Réessayer », which loads the blog once the network is back",
    { failing: ["/data/manifest.json"] },
    async ({ page, tolerated }) => {
      server.failPaths.add("/data/manifest.json");
      await page.goto("/");
      const alert = page.locator("div.load-error[role=alert]");
      await eventually(async () =>
        assert.ok((await textOf(alert)).includes("Impossible de charger le blog."), "error message"),
      );
      const retry = alert.getByRole("button", { name: "Réessayer", exact: true });
      await retry.waitFor({ timeout: TIMEOUT });
      assert.equal(await page.locator("article.post-card").count(), 0);
      assert.ok(tolerated.length > 0, "the manifest request did fail");

      server.failPaths.delete("/data/manifest.json");
      await page.evaluate(() => {
        window.__marker = 1;
      });
      await retry.click();
      await expectPage(page, { path: "/", title: "Carnet" });
      await expectPostCards(page.locator("main"), POSTS);
      await expectChrome(page);
      assert.equal(await page.locator("div.load-error").count(), 0, "the alert is gone");
      assert.equal(await marker(page), 1, "retrying did not reload the page");
    },
  );

  const failingBody = `/data/posts/${POSTS[1].slug}.json`;
  pageTest(
    "post body failure: an alert with « Réessayer », which loads the post once the network is back",
    { failing: [failingBody] },
    async ({ page, tolerated }) => {
      server.failPaths.add(failingBody);
      await page.goto(postPath(POSTS[1]));
      await expectPage(page, { path: postPath(POSTS[1]), h1: POSTS[1].title, title: `${POSTS[1].title} — Carnet` });
      const alert = page.locator("main article.post div.load-error[role=alert]");
      await eventually(async () =>
        assert.ok((await textOf(alert)).includes("Impossible de charger ce billet."), "error message"),
      );
      const retry = alert.getByRole("button", { name: "Réessayer", exact: true });
      await retry.waitFor({ timeout: TIMEOUT });
      assert.equal(await page.locator("main div.post-body").count(), 0);
      assert.ok(tolerated.length > 0, "the post body request did fail");

      server.failPaths.delete(failingBody);
      await page.evaluate(() => {
        window.__marker = 1;
      });
      await retry.click();
      await expectPost(page, POSTS[1]);
      await expectImagesLoaded(page.locator("main div.post-body"), POSTS[1].images);
      assert.equal(await page.locator("div.load-error").count(), 0, "the alert is gone");
      assert.equal(await marker(page), 1, "retrying did not reload the page");
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

  pageTest("at 360 px: no horizontal scroll, sidebar below the content", { context: { viewport: { width: 360, height: 740 } } }, async ({ page }) => {
    for (const [url, ready] of [
      ["/", () => expectHomeList(page)],
      [
        postPath(POSTS[0]),
        async () => {
          await expectPost(page, POSTS[0]);
          await expectImagesLoaded(page.locator("main div.post-body"), POSTS[0].images);
        },
      ],
    ]) {
      await page.goto(url);
      await ready();
      const { main, sidebar, scrollWidth } = await boxes(page);
      assert.ok(scrollWidth <= 360, `${url}: no horizontal scroll (scrollWidth ${scrollWidth})`);
      assert.ok(sidebar.top >= main.bottom, `${url}: sidebar (top ${sidebar.top}) below main (bottom ${main.bottom})`);
    }
  });

  pageTest("at 1280 px: the sidebar is to the right of the content", { context: { viewport: { width: 1280, height: 800 } } }, async ({ page }) => {
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

  pageTest("dark mode: a dark background, unlike light mode", { context: { colorScheme: "dark" } }, async ({ page }) => {
    await page.goto("/");
    await expectHomeList(page);
    const dark = await colors(page);
    await page.emulateMedia({ colorScheme: "light" });
    const light = await colors(page);
    assert.ok(luminance(dark.background) < 0.05, `dark background (${dark.background})`);
    assert.ok(luminance(dark.text) > 0.5, `light text on it (${dark.text})`);
    assert.ok(luminance(light.background) > 0.8, `light background in light mode (${light.background})`);
    assert.notEqual(dark.background, light.background);
  });
});
