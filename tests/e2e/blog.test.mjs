// End-to-end tests of Carnet in real browsers: the same tests, in each browser of CARNET_BROWSERS
// (default "chromium,firefox"), both driven by puppeteer-core (see browsers.mjs).
//
// Run from the repository root: node --test tests/e2e/
//
// What is tested: the release build in CARNET_DIST (default "dist") served at / like GitHub Pages
// (every route a pre-rendered file, 404.html with status 404 for anything else) and like
// `trunk serve` and single-page-app rewrites (index.html, with status 200, for any path that is
// no file, data files included): the main tests run against both; and the build in
// CARNET_DIST_BLOG (default "dist-blog", made with `--public-url /blog/`) served under /blog/.
// What a reader sees when loading fails or stalls is in faults.test.mjs.
//
// One browser per browser name for the file, a fresh browser context (incognito) and page per
// test. Every test fails if its page logs a console error or throws an uncaught error; the only
// errors tolerated are the ones a test causes on purpose, exactly: the « Failed to load
// resource » line of a request it makes fail, and (Chromium only logs it) the line saying that
// a page it opened on purpose at an unknown address answered 404.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { launch, unsupported } from "./browsers.mjs";
import { serve } from "./server.mjs";
import {
  ARCHIVE,
  BUILD_BLOG,
  BUILD_ROOT,
  CATEGORIES,
  DIST,
  DIST_BLOG,
  HOME,
  MONTHS,
  NEIGHBOURS,
  POSTS,
  TIMEOUT,
  appStarted,
  attrOf,
  attrs,
  billets,
  browserSuites,
  button,
  categoryPage,
  categoryPath,
  checkBuild,
  clickLink,
  count,
  dataPath,
  eventually,
  expectChrome,
  expectCurrent,
  expectHomeList,
  expectImagesLoaded,
  expectPage,
  expectPost,
  expectPostCards,
  expectText,
  expectTexts,
  hrefOf,
  link,
  linkHrefs,
  marker,
  monthOf,
  monthPage,
  norm,
  notFoundPage,
  open,
  pageTester,
  postPage,
  postPath,
  rawTexts,
  scrollY,
  setMarker,
  settle,
  siteOf,
  textOf,
} from "./harness.mjs";

const BLOG_BASE = "/blog/";

/** Every page of the site, as the sitemap should list them. */
const ROUTES = [
  HOME,
  ...POSTS.map(postPage),
  ...CATEGORIES.map((category) => categoryPage(category)),
  ARCHIVE,
  ...MONTHS.map(monthPage),
];

const NOT_FOUND_PATHS = [
  "/nope/",
  "/nope/deeper",
  "/posts/nope/",
  "/category/nope/",
  "/archive/2009/11/",
  "/archive/2009/13/",
];
/** Unknown paths typed or linked to without a trailing slash. */
const SLASHLESS_NOT_FOUND_PATHS = ["/posts/nope", "/category/nope", "/archive/2009/11", "/archive/2009/13"];

/** Pages linked to, or typed, without their trailing slash. */
const SLASHLESS_PAGES = [
  postPage(POSTS[0]),
  categoryPage(POSTS[1].category),
  monthPage(monthOf("janvier 2009")),
  ARCHIVE,
];


/** The site's own URL as the build configured it (the index's `site.url`, which the page's head preloads). */
const configuredSiteUrl = (page) =>
  page.evaluate(async () => {
    const index = document.querySelector('link[rel="preload"][as="fetch"]').href;
    return (await (await fetch(index)).json()).site.url;
  });

/** What the document head says: each tag's values, in the order of the head. */
const readHead = (page) =>
  page.evaluate(() => {
    const all = (selector, name) => [...document.head.querySelectorAll(selector)].map((el) => el.getAttribute(name));
    return {
      titles: document.head.querySelectorAll("title").length,
      description: all('meta[name="description"]', "content"),
      canonical: all('link[rel="canonical"]', "href"),
      ogTitle: all('meta[property="og:title"]', "content"),
      ogType: all('meta[property="og:type"]', "content"),
      ogUrl: all('meta[property="og:url"]', "content"),
      published: all('meta[property="article:published_time"]', "content"),
      robots: all('meta[name="robots"]', "content"),
      feed: all('link[rel="alternate"][type="application/atom+xml"]', "href"),
      sitemap: all('link[rel="sitemap"]', "href"),
    };
  });

/**
 * The document head of a route: one title, one canonical link (absolute, from the configured
 * site URL), description and OpenGraph tags, the feeds and the sitemap under the base.
 */
async function expectHead(page, site, route, { kind = "website" } = {}) {
  const head = await readHead(page);
  const where = `head of ${route.path}`;
  assert.equal(head.titles, 1, `${where}: one <title>`);
  assert.equal(head.description.length, 1, `${where}: one description`);
  assert.ok(head.description[0].length > 10, `${where}: a real description (« ${head.description[0]} »)`);
  const siteUrl = await configuredSiteUrl(page);
  assert.match(siteUrl, /^https?:\/\/[^/]+\/(.*\/)?$/, "the configured site URL is absolute and ends in /");
  const expectedUrl = siteUrl + route.path.slice(1);
  assert.deepEqual(head.canonical, [expectedUrl], `${where}: one canonical link, absolute`);
  assert.ok(head.canonical[0].endsWith(site.path(route.path)), `${where}: the canonical URL ends with the page path`);
  assert.deepEqual(head.ogUrl, [expectedUrl], `${where}: og:url`);
  assert.deepEqual(head.ogType, [kind], `${where}: og:type`);
  if (kind === "article") {
    assert.equal(head.published.length, 1, `${where}: one article:published_time`);
    assert.match(head.published[0], /^\d{4}-\d{2}-\d{2}$/, `${where}: article:published_time is a day`);
  } else {
    assert.deepEqual(head.published, [], `${where}: no article:published_time on a page that is no post`);
  }
  assert.deepEqual(head.robots, [], `${where}: a real page may be indexed`);
  const ogTitle = route.title.endsWith(" — Carnet") ? route.title.slice(0, -" — Carnet".length) : route.title;
  assert.deepEqual(head.ogTitle.map(norm), [norm(ogTitle)], `${where}: og:title`);
  // A category's or a tag's pages name its own feed too.
  const list = /^\/(category|tag)\/[^/]+\//.exec(route.path)?.[0];
  const feeds = [site.path("/feed.xml"), ...(list ? [site.path(`${list}feed.xml`)] : [])];
  assert.deepEqual(head.feed, feeds, `${where}: the Atom feed links`);
  assert.deepEqual(head.sitemap, [site.path("/sitemap.xml")], `${where}: the sitemap link`);
}

/**
 * The document head of the « Page introuvable » page: its title, not to be indexed, no canonical
 * address (the page is at none), whatever the page before it said.
 */
async function expectNotFoundHead(page, where) {
  const head = await readHead(page);
  assert.equal(head.titles, 1, `${where}: one <title>`);
  assert.deepEqual(head.robots, ["noindex"], `${where}: asks not to be indexed`);
  assert.deepEqual(head.canonical, [], `${where}: no canonical link`);
  assert.deepEqual(head.ogUrl, [], `${where}: no og:url`);
  assert.deepEqual(head.published, [], `${where}: no article:published_time`);
  assert.deepEqual(head.ogType, ["website"], `${where}: og:type`);
}

/** Every `a[href]` of the page, resolved. */
const allLinks = (page) => page.evaluate(() => [...document.querySelectorAll("a[href]")].map((a) => a.href));

/** The name of the stylesheet Trunk wrote at the top of `site`: `style-….css`. */
const stylesheetFile = (site) => {
  const file = fs.readdirSync(site.server.root).find((name) => /^style-.*\.css$/.test(name));
  assert.ok(file, "Trunk's stylesheet is in the site");
  return file;
};
/** Fetches `url` from node without following redirects. */
const fetchStatus = async (url) => (await fetch(url, { redirect: "manual" })).status;

// ---------------------------------------------------------------------------------------------
// The suite, once per browser.

browserSuites("Carnet", (browserName) => {
  let browser;
  let root;
  /** The same build served like `trunk serve` and SPA rewrites: index.html (200) for any path that is no file. */
  let spa;
  let blog;
  let blogMissing;

  before(async () => {
    checkBuild(DIST, BUILD_ROOT);
    root = siteOf(await serve(DIST, { base: "/", fallback: "404" }));
    spa = siteOf(await serve(DIST, { base: "/", fallback: "index" }));
    try {
      checkBuild(DIST_BLOG, BUILD_BLOG);
      const index = fs.readFileSync(path.join(DIST_BLOG, "index.html"), "utf8");
      const base = index.match(/<meta name="carnet-base" content="([^"]*)"/)?.[1];
      if (base !== BLOG_BASE) {
        throw new Error(
          `${DIST_BLOG} was not built for ${BLOG_BASE} (its base is ${base ?? "unknown"}): ` +
            `rebuild it from the repository root with \`${BUILD_BLOG}\``,
        );
      }
      blog = siteOf(await serve(DIST_BLOG, { base: BLOG_BASE, fallback: "404" }));
    } catch (error) {
      // Only the tests of the /blog/ build fail for it, each with this message.
      blogMissing = error;
    }
    browser = await launch(browserName);
  });

  after(async () => {
    await browser?.close();
    await root?.server.close();
    await spa?.server.close();
    await blog?.server.close();
  });

  /** The site served under /blog/, or the reason there is none. */
  function blogSite() {
    if (blogMissing) throw blogMissing;
    return blog;
  }

  /**
   * The two ways static hosts answer a path that is no file. The main tests (1.) run against the
   * first; against the second, those that reach what that host answers otherwise: deep links,
   * unknown and slashless paths, a tour of in-app moves with back and forward, a reload, a page
   * drawn afresh over another's HTML. The rest open only files and data that exist, which every
   * host serves alike: skipped there.
   * GitHub Pages, Netlify without rewrites, S3, nginx's `error_page`: the site's 404.html with
   * status 404, and a folder without its trailing slash is redirected to it. `trunk serve` and
   * single-page-app rewrites (Netlify's `/* /index.html 200`, Vercel and Firebase rewrites, nginx's
   * `try_files … /index.html`): index.html with status 200, for data files too, and a folder's
   * index.html at the URL without its slash.
   */
  const HOSTS = [
    {
      name: "host answering 404.html",
      site: () => root,
      missing: 404,
      everything: true,
      slashlessIs: "are redirected to the page",
      slashless: (path) => path,
    },
    {
      name: "host answering index.html for every missing path",
      site: () => spa,
      missing: 200,
      everything: false,
      // The app then gives the address its slash, as the site names the page (a post's relative
      // images resolve from its folder).
      slashlessIs: "show the page, the address given its slash",
      slashless: (path) => path,
    },
  ];

  const pageTest = pageTester({ browser: () => browser, site: () => root });

  /** Home → post → category → month → archive → home by clicks, then back and forward. */
  async function navigateAround(page, site) {
    await open(page, site, "/");
    await expectHomeList(page);
    await setMarker(page);
    const post = postPage(POSTS[0]);
    const category = categoryPage(POSTS[0].category);
    const month = monthPage(monthOf("octobre 2009"));
    const steps = [
      ["main article.post-card h2", POSTS[0].title, post],
      ["main article.post p.byline", "Actus", category],
      ["aside.sidebar", "octobre 2009", month],
      ["header.site-header nav", "Archives", ARCHIVE],
      ["header.site-header nav", "Accueil", HOME],
    ];
    for (const [scope, name, expected] of steps) {
      await clickLink(page, scope, name);
      await expectPage(page, site, expected);
      assert.equal(await marker(page), 1, `no reload on the way to ${expected.path}`);
      if (expected === post) {
        await expectPost(page, site, POSTS[0]);
        await expectImagesLoaded(page, "main div.post-body", POSTS[0].images);
      }
      // The head follows the page, an in-app move after another.
      const kind = expected === post ? "article" : "website";
      await eventually(() => expectHead(page, site, expected, { kind }));
    }

    const history = [HOME, post, category, month, ARCHIVE, HOME];
    // Back to the start, then forward to the end.
    for (let i = history.length - 2; i >= 0; i--) {
      await page.goBack();
      await expectPage(page, site, history[i]);
      assert.equal(await marker(page), 1, `no reload going back to ${history[i].path}`);
    }
    for (let i = 1; i < history.length; i++) {
      await page.goForward();
      await expectPage(page, site, history[i]);
      assert.equal(await marker(page), 1, `no reload going forward to ${history[i].path}`);
    }
  }

  // -----------------------------------------------------------------------------------------
  // 1. On each kind of host (HOSTS): every route loads directly, unknown paths show « Page
  // introuvable », client-side navigation with back, forward and reload; on the first, each
  // seed post in full, the listings and their counts, scroll restoration, the data's fetches.

  for (const host of HOSTS) {
    describe(host.name, () => {
      const pageTest = pageTester({ browser: () => browser, site: host.site });
      /** A test whose outcome is the same on every host: run against the first, skipped on the other. */
      const anyHostTest = host.everything
        ? pageTest
        : (name, body) => pageTest(name, { skip: "the same on every host: run against the first" }, body);

      describe("deep links", () => {
        pageTest(
          "home /: the three posts, newest first, with dates, categories and excerpts",
          async ({ page, site }) => {
            await open(page, site, "/");
            await expectPage(page, site, HOME);
            await expectPostCards(page, site, POSTS);
            await expectChrome(page, site);
            await expectHead(page, site, HOME);
          },
        );

        for (const post of POSTS) {
          pageTest(`post page ${postPath(post)}`, async ({ page, site }) => {
            await open(page, site, postPath(post));
            await expectPost(page, site, post);
            await expectChrome(page, site);
            await expectHead(page, site, postPage(post), { kind: "article" });
          });
        }

        pageTest("category page /category/actus/", async ({ page, site }) => {
          await open(page, site, "/category/actus/");
          await expectPage(page, site, categoryPage(POSTS[0].category));
          // The heading really has the French no-break space before the colon.
          assert.match(
            (await rawTexts(page, "main h1.page-heading"))[0] ?? "",
            /^\s*Catégorie\u00a0: Actus \(1 billet\)\s*$/,
          );
          await expectPostCards(page, site, [POSTS[0]]);
          await expectChrome(page, site);
          await expectHead(page, site, categoryPage(POSTS[0].category));
        });

        pageTest("month page /archive/2009/10/", async ({ page, site }) => {
          const month = monthOf("octobre 2009");
          await open(page, site, month.path);
          await expectPage(page, site, monthPage(month));
          assert.match((await rawTexts(page, "main h1"))[0] ?? "", /^\s*Archives\u00a0: octobre 2009\s*$/);
          await expectText(page, "main p.page-count", "1 billet");
          await expectPostCards(page, site, [POSTS[0]]);
          await expectChrome(page, site);
          await expectHead(page, site, monthPage(month));
        });

        pageTest("archive page /archive/", async ({ page, site }) => {
          await open(page, site, "/archive/");
          await expectPage(page, site, ARCHIVE);
          await expectTexts(page, "main section.archive-year h2", ["2009 (3 billets)"]);
          await expectChrome(page, site);
          await expectHead(page, site, ARCHIVE);
        });

        pageTest(`URLs without the trailing slash ${host.slashlessIs}`, async ({ page, site }) => {
          // Every kind of page: post, category, month, archive.
          for (const expected of SLASHLESS_PAGES) {
            const slashless = expected.path.replace(/\/$/, "");
            await open(page, site, slashless);
            await expectPage(page, site, { ...expected, path: host.slashless(expected.path) });
            await expectChrome(page, site);
          }
        });

        pageTest("/index.html is the home page, named /, taken over by the app", async ({ page, site }) => {
          await page.evaluateOnNewDocument(() => {
            document.addEventListener("DOMContentLoaded", () => {
              document.querySelector("main").__prerendered = true;
            });
          });
          await open(page, site, "/index.html");
          await expectPage(page, site, HOME);
          assert.equal(await page.evaluate(() => document.querySelector("main").__prerendered), true, "hydrated");
        });

        pageTest("a post asked with a slash doubled is shown, named by its own address", async ({ page, site }) => {
          await page.evaluateOnNewDocument(() => {
            document.addEventListener("DOMContentLoaded", () => {
              document.querySelector("main").__prerendered = true;
            });
          });
          const post = postPath(POSTS[0]);
          await open(page, site, post.replace("/posts/", "/posts//"));
          await expectPost(page, site, POSTS[0]);
          await eventually(async () => assert.equal(new URL(page.url()).pathname, site.path(post), "the post’s own address"));
          assert.equal(await page.evaluate(() => document.querySelector("main").__prerendered), true, "hydrated");
        });

        pageTest(
          `unknown paths without a trailing slash: HTTP ${host.missing} and « Page introuvable »`,
          async ({ page, site }) => {
            for (const unknown of SLASHLESS_NOT_FOUND_PATHS) {
              await open(page, site, unknown, { status: host.missing });
              await expectPage(page, site, notFoundPage(unknown));
              await expectChrome(page, site);
              assert.deepEqual(await linkHrefs(page, "main", "Retour à l’accueil"), [site.path("/")]);
            }
          },
        );

        for (const unknown of NOT_FOUND_PATHS) {
          pageTest(
            `${unknown}: HTTP ${host.missing} and « Page introuvable », with a way home`,
            async ({ page, site }) => {
              await open(page, site, unknown, { status: host.missing, app: false });
              // 404.html says so before the app starts (index.html, the home page, cannot)…
              if (host.missing === 404) await expectText(page, "main h1", "Page introuvable", "the served 404 page");
              await appStarted(page);
              // …and so does the app, once it has rendered itself for the real URL.
              await expectPage(page, site, notFoundPage(unknown));
              // Whatever page the host answered with (index.html: the home page's head).
              await eventually(() => expectNotFoundHead(page, `head of ${unknown}`));
              await expectChrome(page, site);
              await setMarker(page);
              const home = await link(page, "main", "Retour à l’accueil");
              assert.equal(await hrefOf(home), site.path("/"));
              await home.click();
              await expectPage(page, site, HOME);
              assert.equal(await marker(page), 1, "going home did not reload the page");
              // The page drawn afresh embeds no data to read the site's URL from (expectHead).
              await eventually(async () => {
                const head = await readHead(page);
                assert.equal(head.canonical.length, 1, "home: one canonical link again");
                assert.ok(head.canonical[0].endsWith(site.path("/")), `home: canonical ${head.canonical[0]}`);
                assert.deepEqual(head.robots, [], "home: no noindex any more");
              });
              await expectChrome(page, site);
            },
          );
        }
      });

      describe("posts", () => {
        for (const post of POSTS) {
          anyHostTest(`« ${post.title} »: byline, body, closed comments, neighbours, images`, async ({ page, site }) => {
            await open(page, site, postPath(post));
            await expectPost(page, site, post);
            const article = "main article.post";
            assert.equal(await attrOf(page, `${article} header p.byline time`, "datetime"), post.datetime);
            const categoryLink = await link(page, `${article} header p.byline`, post.category.name);
            assert.equal(await hrefOf(categoryLink), site.path(categoryPath(post.category)));
            assert.equal(await textOf(page, `${article} header p.byline .author`), "admin");

            // « Commentaires fermés » closes the article, after the body.
            assert.deepEqual(
              await page.$eval(article, (a) => [...a.children].map((child) => child.localName + "." + child.className)),
              ["header.", "div.post-body", "p.comments-closed"],
              "the article: header, body, then « Commentaires fermés »",
            );

            const nav = "main nav.neighbours";
            for (const side of ["older", "newer"]) {
              const expected = NEIGHBOURS[post.slug][side];
              const entry = `${nav} p.${side}`;
              if (!expected) {
                assert.equal(await count(page, entry), 0, `no ${side} neighbour`);
                continue;
              }
              const label = side === "older" ? "← Billet précédent" : "Billet suivant →";
              await expectText(page, `${entry} .neighbour-label`, label);
              await expectText(page, `${entry} a`, expected.title);
              assert.equal(await attrOf(page, `${entry} a`, "href"), site.path(postPath(expected)));
            }
            assert.equal(await count(page, `${nav} a`), Object.values(NEIGHBOURS[post.slug]).filter(Boolean).length);

            await expectImagesLoaded(page, `${article} div.post-body`, post.images);
            assert.equal(await count(page, `${article} div.post-body img`), post.images.length, "images in the body");
          });
        }

        anyHostTest("the first post's Markdown: quote, nested list, subheading, ending", async ({ page, site }) => {
          await open(page, site, postPath(POSTS[0]));
          const body = "main article.post div.post-body";
          await page.waitForSelector(body, { timeout: TIMEOUT });
          const quote = await textOf(page, `${body} blockquote`);
          assert.ok(quote.includes("Un bon Community Manager commence par dire « bonjour » 😉"));
          // The heading's own text; its anchor link (« # ») follows it.
          const heading = await page.$eval(`${body} h2`, (h2) => ({
            text: [...h2.childNodes]
              .filter((node) => !node.matches?.(".heading-anchor"))
              .map((node) => node.textContent)
              .join(""),
            anchor: h2.querySelector(".heading-anchor")?.getAttribute("href"),
            id: h2.id,
          }));
          assert.equal(norm(heading.text), norm("Définir un community manager ?"));
          assert.equal(heading.anchor, `#${heading.id}`, "the heading's anchor link leads to it");
          const structure = await page.$eval(body, (body) => {
            const fourth = body.querySelector(":scope > ul").querySelectorAll(":scope > li")[3];
            const blocks = body.querySelectorAll(":scope > :is(p, ul, ol, blockquote, h2, h3)");
            return {
              fourth: fourth.textContent,
              nested: [...fourth.querySelectorAll(":scope > ul > li")].map((li) => li.textContent),
              last: blocks[blocks.length - 1].textContent,
            };
          });
          assert.ok(norm(structure.fourth).startsWith("Le rôle du Community Manager"));
          assert.deepEqual(structure.nested.map(norm), [
            "Poster des commentaires sur les blogs,",
            "Créer une page Facebook,",
            "Créer un groupe MySpace ou LinkedIn,",
            "Créer du viral content sur YouTube ou Slideshare.",
          ]);
          assert.equal(norm(structure.last), "Surprenant ?");
        });
      });

      describe("listings", () => {
        for (const category of CATEGORIES) {
          const posts = POSTS.filter((post) => post.category.slug === category.slug);
          anyHostTest(`category ${category.name}`, async ({ page, site }) => {
            await open(page, site, categoryPath(category));
            await expectPage(page, site, categoryPage(category, posts.length));
            await expectPostCards(page, site, posts);
          });
        }

        for (const month of MONTHS) {
          const posts = POSTS.filter((post) => post.month.path === month.path);
          anyHostTest(`month ${month.label}`, async ({ page, site }) => {
            await open(page, site, month.path);
            await expectPage(page, site, monthPage(month));
            await expectText(page, "main p.page-count", billets(posts.length));
            await expectPostCards(page, site, posts);
          });
        }

        anyHostTest("archive groups the months by year with counts", async ({ page, site }) => {
          await open(page, site, "/archive/");
          await expectPage(page, site, ARCHIVE);
          const year = "main section.archive-year";
          await expectTexts(page, `${year} h2`, ["2009 (3 billets)"]);
          await expectTexts(page, `${year}:first-of-type li`, MONTHS.map((month) => `${month.label} (1 billet)`));
          await expectTexts(page, `${year}:first-of-type li a`, MONTHS.map((month) => month.label));
          const hrefs = await attrs(page, `${year}:first-of-type li a`, "href");
          assert.deepEqual(hrefs, MONTHS.map((m) => site.path(m.path)));
        });

        anyHostTest("sidebar counts, and its links lead to the right pages", async ({ page, site }) => {
          await open(page, site, "/");
          await expectHomeList(page);
          await expectChrome(page, site);
          await setMarker(page);
          await clickLink(page, "aside.sidebar", "Réseaux sociaux");
          await expectPage(page, site, categoryPage(POSTS[2].category));
          await expectPostCards(page, site, [POSTS[2]]);
          await clickLink(page, "aside.sidebar", "mars 2009");
          await expectPage(page, site, monthPage(monthOf("mars 2009")));
          await expectPostCards(page, site, [POSTS[1]]);
          await clickLink(page, "aside.sidebar", POSTS[2].title);
          await expectPost(page, site, POSTS[2]);
          assert.equal(await marker(page), 1, "the sidebar links navigate in the app");
        });
      });

      describe("navigation", () => {
        pageTest("client-side navigation never reloads the page; back and forward work", async ({ page, site }) => {
          await navigateAround(page, site);
        });

        anyHostTest("a post opened directly takes its body from its page: whole again after leaving it", async ({ page, site }) => {
          const before = site.server.requests.length; // the server is shared by the tests
          // The post's bucket file, shared with other pages: leave it for a page without data.
          const data = site.path(dataPath(site, postPath(POSTS[0])));
          await open(page, site, postPath(POSTS[0]));
          await settle(page);
          await setMarker(page);
          const embedded = await page.evaluate(
            () => JSON.parse(document.querySelector("script#carnet-data").textContent).post.markdown,
          );
          assert.equal(embedded, "", "the page does not embed the post's Markdown: its HTML holds the body");
          await clickLink(page, "header.site-header nav", "Archives");
          await expectPage(page, site, ARCHIVE);
          await page.goBack();
          await expectPage(page, site, postPage(POSTS[0]));
          await expectPost(page, site, POSTS[0]);
          await expectImagesLoaded(page, "main div.post-body", POSTS[0].images);
          assert.equal(await marker(page), 1, "no reload");
          assert.ok(!site.server.requests.slice(before).includes(data), "the post's data was never fetched");
        });

        anyHostTest("a page's text shows before its stylesheet comes: the rules it uses are in its head", async ({ page, site }) => {
          // crates/carnet-cli/src/stylesheet.rs: the head holds the rules the page's elements can
          // use; the whole file is linked at the end of the body, and must not hold the text back.
          const sheet = site.path(`/${stylesheetFile(site)}`);
          site.server.faults.set(sheet, "stall");
          let loaded;
          try {
            loaded = page.goto(site.url(postPath(POSTS[1])));
            const shown = () =>
              page.evaluate(() => ({
                painted: performance.getEntriesByType("paint").some((entry) => entry.name === "first-contentful-paint"),
                heading: document.querySelector("main h1")?.textContent.trim(),
                styles: document.head.querySelectorAll("style").length,
                inHead: document.head.querySelectorAll('link[rel="stylesheet"]').length,
                inBody: document.body.querySelectorAll('link[rel="stylesheet"]').length,
                background: getComputedStyle(document.body).backgroundColor,
                columns: getComputedStyle(document.querySelector("div.columns")).display,
              }));
            await eventually(async () => assert.equal((await shown()).painted, true, "painted"));
            assert.deepEqual(await shown(), {
              painted: true,
              heading: POSTS[1].title,
              styles: 1,
              inHead: 0,
              inBody: 1,
              background: "rgb(253, 251, 247)",
              columns: "grid",
            });
            assert.ok(site.server.requests.includes(sheet), "the stylesheet was asked for");
          } finally {
            site.server.faults.delete(sheet);
          }
          await loaded;
          await appStarted(page);
        });

        pageTest("the rules in a page's head style each of its elements as the whole stylesheet does", async ({ page, site }) => {
          // carnet build minifies the file Trunk wrote and keeps in each page's head the rules its
          // elements can use: compare each element's computed style under the head's rules alone
          // and under the file alone, on every kind of page.
          const styles = () =>
            page.evaluate(() =>
              [...document.querySelectorAll("body, body *")].map((element) => {
                const style = getComputedStyle(element);
                const described = `${element.tagName}.${element.className}`;
                // Custom properties keep their text as written (spaces after commas): compare
                // what they resolve to in the properties that use them.
                const standard = [...style].filter((name) => !name.startsWith("--"));
                return `${described} ${standard.map((name) => `${name}:${style.getPropertyValue(name)}`).join(";")}`;
              }),
            );
          const only = (which) =>
            page.evaluate((which) => {
              document.querySelector("head style").sheet.disabled = which === "file";
              document.querySelector('body link[rel="stylesheet"]').sheet.disabled = which === "head";
            }, which);
          const pages = [
            ["/", 200],
            ...POSTS.map((post) => [postPath(post), 200]),
            [categoryPath(POSTS[1].category), 200],
            [ARCHIVE.path, 200],
            [POSTS[0].month.path, 200],
            ["/search/", 200],
            // Drawn afresh by the app (the host answers with another page's HTML, whose head has
            // that page's rules): the body's link to the file must outlive the pre-rendered body,
            // and bring what the head lacks.
            ["/nulle-part/", host.missing, "both"],
          ];
          for (const [path, status, compared = "head"] of pages) {
            // Files that exist are the same on every host.
            if (!host.everything && status === 200) continue;
            await open(page, site, path, { status });
            if (compared === "both") await expectText(page, "main h1", "Page introuvable");
            // The search page's line over the results changes once the search script has come
            // (« search needs JavaScript » becomes the hint): compared before, the two looks
            // would be of two texts.
            if (path === "/search/") {
              await eventually(async () =>
                assert.ok(
                  await page.evaluate(() => {
                    const section = document.querySelector("section.search-page");
                    return section?.querySelector(".search-status")?.textContent === section?.dataset.hint;
                  }),
                  "the search script has drawn its hint",
                ),
              );
            }
            await only(compared);
            const head = await styles();
            await only("file");
            const file = await styles();
            assert.equal(file.length, head.length);
            const differing = head.findIndex((style, at) => style !== file[at]);
            const properties = (style) => style?.split(";") ?? [];
            const changed = properties(head[differing]).filter((p) => !properties(file[differing]).includes(p));
            assert.equal(differing, -1, `${path}: ${head[differing]?.split(" ")[0]}: ${changed.join("; ")}`);
          }
        });

        anyHostTest("pointing at a link loads its page's data before the click", async ({ page, site }) => {
          const before = site.server.requests.length; // the server is shared by the tests
          await open(page, site, "/");
          await expectPage(page, site, HOME);
          await setMarker(page);
          const requested = (path) => site.server.requests.slice(before).includes(path);
          // Each page's data is in a bucket file shared with a few others: two files here.
          const usages = site.path(dataPath(site, categoryPath(POSTS[1].category)));
          const post = site.path(dataPath(site, postPath(POSTS[2])));
          assert.notEqual(usages, post, "the category's and the post's data are in two files");
          assert.ok(!requested(usages) && !requested(post), "nothing fetched before pointing");

          const category = await link(page, "aside.sidebar", "Usages");
          await category.hover();
          await eventually(async () => assert.ok(requested(usages), "the category's list was fetched on hover"));
          // The server has the request; wait until the browser has the whole answer too (a
          // reader's click comes a tenth of a second later or more).
          await eventually(async () =>
            assert.ok(
              await page.evaluate(
                (url) => performance.getEntriesByName(url).some((entry) => entry.responseEnd > 0),
                site.server.origin + usages,
              ),
              "the list's data has arrived",
            ),
          );
          await settle(page);
          await page.evaluate(() => {
            window.__sawLoading = false;
            new MutationObserver(() => {
              if (document.querySelector("p.loading")) window.__sawLoading = true;
            }).observe(document.body, { subtree: true, childList: true });
          });
          await category.click();
          await category.dispose();
          await expectText(page, "main h1", "Catégorie : Usages (1 billet)");
          assert.equal(await page.evaluate(() => window.__sawLoading), false, "no loading state: the list was here");

          const title = await link(page, "aside.sidebar", POSTS[2].title);
          await title.focus();
          await eventually(async () => assert.ok(requested(post), "the post was fetched on focus"));
          await title.dispose();
          assert.equal(await marker(page), 1, "no reload");
        });

        anyHostTest("a host that sends the gzipped data with Content-Encoding: gzip is read too", async ({ page, site }) => {
          // Apache with `AddEncoding gzip .gz`: the browser inflates the bucket itself.
          site.server.live.gzEncoding = true;
          try {
            await open(page, site, "/");
            await expectPage(page, site, HOME);
            await setMarker(page);
            await clickLink(page, "aside.sidebar", POSTS[1].title);
            await expectPost(page, site, POSTS[1]);
            await clickLink(page, "aside.sidebar", "Usages");
            await expectText(page, "main h1", "Catégorie : Usages (1 billet)");
            assert.equal(await marker(page), 1, "no reload");
          } finally {
            site.server.live.gzEncoding = false;
          }
        });

        anyHostTest("a browser that cannot inflate the data loads each page whole instead", async ({ page, site }) => {
          // Firefox before 113, Safari before 16.4: no DecompressionStream.
          await open(page, site, "/");
          await expectPage(page, site, HOME);
          for (const post of [POSTS[1], POSTS[2]]) {
            await setMarker(page);
            await page.evaluate(() => {
              delete window.DecompressionStream;
            });
            // Focused first (as pointing at it does): its data is fetched, and fails, before the
            // click. (Not hovered: after a reload the mouse may already be over the link.)
            const data = site.server.origin + site.path(dataPath(site, postPath(post)));
            const target = await link(page, "aside.sidebar", post.title);
            await target.focus();
            await eventually(async () =>
              assert.ok(
                await page.evaluate(
                  (url) => performance.getEntriesByName(url).some((entry) => entry.responseEnd > 0),
                  data,
                ),
                "the post's data was fetched on focus",
              ),
            );
            await settle(page);
            await target.click();
            await target.dispose();
            await eventually(async () => assert.equal(await marker(page), undefined, "the post's page was loaded whole"));
            await expectPage(page, site, postPage(post));
            await expectPost(page, site, post);
            // The pre-rendered text shows before the app hydrates: a focus before then would
            // find no listener, and fetch nothing.
            await appStarted(page);
          }
          await page.goBack();
          await expectPost(page, site, POSTS[1]);
        });

        anyHostTest("after an in-app navigation, the focus is on the new page's heading", async ({ page, site }) => {
          await open(page, site, "/");
          await expectPage(page, site, HOME);
          await clickLink(page, "aside.sidebar", "Actus");
          await expectText(page, "main h1", "Catégorie : Actus (1 billet)");
          await eventually(async () =>
            assert.ok(await page.evaluate(() => document.activeElement?.matches("#contenu h1")), "focus on main's h1"),
          );
          assert.equal(await scrollY(page), 0, "focusing did not scroll");
        });

        anyHostTest("back to a long post restores its scroll position", async ({ page, site }) => {
          const [long, older] = POSTS;
          await open(page, site, postPath(long));
          await expectPost(page, site, long);
          await expectImagesLoaded(page, "main div.post-body", long.images);
          await setMarker(page);

          await page.$eval("main p.comments-closed", (el) => el.scrollIntoView({ block: "end" }));
          await page.$eval("main nav.neighbours p.older a", (el) => el.scrollIntoView({ block: "end" }));
          await settle(page);
          assert.ok((await scrollY(page)) > 1000, `the long post is scrolled far down (scrollY ${await scrollY(page)})`);

          // Where the reader was when they left: Firefox's driver scrolls the link fully into
          // view before it clicks (to the bottom of the post at 1280×720), so the position to
          // come back to is the one at the click, not the one before it.
          await page.evaluate(() => {
            addEventListener("click", () => (window.__leftAt = scrollY), { capture: true, once: true });
          });
          await clickLink(page, "main nav.neighbours p.older", older.title);
          const scrolled = await page.evaluate(() => window.__leftAt);
          assert.ok(scrolled > 1000, `the long post was scrolled far down when left (scrollY ${scrolled})`);
          await expectPost(page, site, older);
          await eventually(async () => {
            const y = await scrollY(page);
            assert.ok(y < 5, `a newly opened post starts at the top (scrollY ${y})`);
          });

          await page.goBack();
          await expectPost(page, site, long);
          assert.equal(await marker(page), 1, "going back did not reload");
          const restored = async () => {
            const y = await scrollY(page);
            assert.ok(
              Math.abs(y - scrolled) <= 50,
              `going back restores the scroll position: expected scrollY ≈ ${scrolled}, got ${y}`,
            );
          };
          await eventually(restored, 3000);
          // …and it stays there once the page has settled (two frames later).
          await settle(page);
          await restored();
        });

        pageTest("reloading a page reached in-app shows the same page", async ({ page, site }) => {
          await open(page, site, "/");
          await expectHomeList(page);
          await clickLink(page, "main article.post-card h2", POSTS[1].title);
          await expectPost(page, site, POSTS[1]);
          await setMarker(page);
          const response = await page.reload({ waitUntil: "load" });
          assert.equal(response?.status(), 200, "the reloaded page answers 200");
          assert.equal(await marker(page), undefined, "the page really reloaded");
          await appStarted(page);
          await expectPost(page, site, POSTS[1]);
          await expectImagesLoaded(page, "main div.post-body", POSTS[1].images);
          await expectChrome(page, site);
        });
      });
    });
  }

  // -----------------------------------------------------------------------------------------
  // 2. Pre-rendered: the HTML already holds the content, before any script runs.

  describe("pre-rendered HTML", () => {
    /** The text of an HTML document, tags dropped and the few entities the renderer uses decoded. */
    const htmlText = (html) =>
      norm(
        html
          .replace(/<script\b[\s\S]*?<\/script>/gi, " ")
          .replace(/<[^>]*>/g, "")
          .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
          .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(parseInt(n, 16)))
          .replace(/&quot;/g, '"')
          .replace(/&#39;|&apos;/g, "'")
          .replace(/&nbsp;/g, "\u00a0")
          .replace(/&lt;/g, "<")
          .replace(/&gt;/g, ">")
          .replace(/&amp;/g, "&"),
      );
    const titleOf = (html) => htmlText((html.match(/<title>([\s\S]*?)<\/title>/) ?? [])[1] ?? "");

    test("each post's HTML has its title, heading and body sentences", async () => {
      for (const post of POSTS) {
        const response = await fetch(root.url(postPath(post)));
        assert.equal(response.status, 200, postPath(post));
        const html = await response.text();
        assert.equal(titleOf(html), `${post.title} — Carnet`, `<title> of ${postPath(post)}`);
        const h1 = htmlText((html.match(/<main[\s\S]*?<h1[^>]*>([\s\S]*?)<\/h1>/) ?? [])[1] ?? "");
        assert.equal(h1, norm(post.title), `<h1> of ${postPath(post)}`);
        const body = htmlText((html.match(/<div class="post-body">([\s\S]*?)<\/div>/) ?? [])[1] ?? "");
        for (const sentence of post.sentences) {
          assert.ok(body.includes(norm(sentence)), `${postPath(post)}: the body has « ${sentence} »`);
        }
        assert.ok(htmlText(html).includes("Commentaires fermés"), `${postPath(post)}: « Commentaires fermés »`);
      }
    });

    test("the listing pages' HTML has their headings and posts", async () => {
      const listings = [
        [HOME, POSTS],
        ...CATEGORIES.map((c) => [categoryPage(c), POSTS.filter((post) => post.category.slug === c.slug)]),
        ...MONTHS.map((m) => [monthPage(m), POSTS.filter((post) => post.month.path === m.path)]),
        [ARCHIVE, []],
      ];
      for (const [route, posts] of listings) {
        const response = await fetch(root.url(route.path));
        assert.equal(response.status, 200, route.path);
        const html = await response.text();
        assert.equal(titleOf(html), route.title, `<title> of ${route.path}`);
        const main = htmlText((html.match(/<main\b[\s\S]*?<\/main>/) ?? [])[0] ?? "");
        if (route.h1) assert.ok(main.includes(norm(route.h1)), `${route.path}: heading « ${route.h1} »`);
        for (const post of posts) {
          assert.ok(main.includes(norm(post.title)), `${route.path} lists « ${post.title} »`);
          assert.ok(main.includes(norm(post.excerpt)), `${route.path} has the excerpt of « ${post.title} »`);
        }
      }
    });
  });

  // -----------------------------------------------------------------------------------------
  // 3. Hydration takes over the pre-rendered page without redrawing it.

  describe("hydration", () => {
    const hydrated = [
      HOME,
      postPage(POSTS[0]),
      postPage(POSTS[1]),
      categoryPage(POSTS[0].category),
      monthPage(POSTS[0].month),
      ARCHIVE,
    ];
    for (const route of hydrated) {
      pageTest(`${route.path}: the app takes over main without removing anything from it`, async ({ page }) => {
        await page.evaluateOnNewDocument(() => {
          const removed = [];
          window.__removedUnderMain = removed;
          const describeNode = (node) => {
            const id = node.id ? `#${node.id}` : "";
            const classes = node.className ? `.${String(node.className).replace(/ /g, ".")}` : "";
            return `<${node.localName}${id}${classes}>`;
          };
          new MutationObserver((records) => {
            const main = window.__mainBefore?.main ?? document.querySelector("main");
            for (const record of records) {
              for (const node of record.removedNodes) {
                if (node.nodeType !== Node.ELEMENT_NODE) continue;
                // Removed from inside main, or main itself (or what holds it) removed.
                const underMain = main && (record.target === main || main.contains(record.target));
                const mainItself = main && (node === main || node.contains(main));
                if (underMain || mainItself) {
                  removed.push(`${describeNode(node)} from ${describeNode(record.target)}`);
                }
              }
            }
          }).observe(document, { childList: true, subtree: true });
          document.addEventListener("DOMContentLoaded", () => {
            const main = document.querySelector("main");
            if (!main) return;
            main.__prerendered = true;
            window.__mainBefore = {
              main,
              first: main.firstElementChild,
              children: [...main.children],
              appAlreadyStarted: window.wasmBindings !== undefined,
            };
          });
        });
        await open(page, root, route.path);
        await settle(page);
        const result = await page.evaluate(() => {
          const before = window.__mainBefore;
          const main = document.querySelector("main");
          return {
            marked: before !== undefined,
            appAlreadyStarted: before?.appAlreadyStarted,
            sameMain: main === before?.main && main.__prerendered === true,
            sameFirst: main.firstElementChild === before?.first,
            childrenKept: before
              ? before.children.every((child) => child.isConnected && child.parentNode === main)
              : false,
            childCount: before?.children.length,
            removed: window.__removedUnderMain,
          };
        });
        assert.ok(result.marked, "the pre-rendered main was marked at DOMContentLoaded");
        assert.equal(result.appAlreadyStarted, false, "the app had not started at DOMContentLoaded");
        assert.ok(result.childCount > 0, "the pre-rendered main had content");
        assert.ok(result.sameMain, "main is still the pre-rendered element");
        assert.ok(result.sameFirst, "main's first element is still the pre-rendered one");
        assert.ok(result.childrenKept, "every pre-rendered child of main is still there");
        assert.deepEqual(result.removed, [], "no element was removed from main");
        await expectPage(page, root, route);
      });
    }

    pageTest("the index the page's head preloads is the one the app reads: asked for once", async ({ page }) => {
      const index = root.path("/data/index.json");
      const before = root.server.requests.length;
      await open(page, root, postPage(POSTS[0]).path);
      await expectPage(page, root, postPage(POSTS[0]));
      const asked = root.server.requests.slice(before).filter((path) => path === index).length;
      // WebKitGTK does not hand the app's fetch the preloaded answer: it asks again.
      assert.equal(asked, browserName === "webkit" ? 2 : 1, "requests for the index");
    });
  });

  // -----------------------------------------------------------------------------------------
  // 4. aria-current marks the link to the page shown.

  describe("aria-current", () => {
    const SIDEBAR = "aside.sidebar";
    const NAV = "header.site-header nav";

    pageTest("on a category page, its sidebar link is current; it follows navigation", async ({ page }) => {
      await open(page, root, "/category/actus/");
      await expectCurrent(page, SIDEBAR, "Actus", "page");
      await expectCurrent(page, SIDEBAR, "Usages", null);
      await expectCurrent(page, SIDEBAR, "Réseaux sociaux", null);
      await expectCurrent(page, NAV, "Accueil", null);
      await expectCurrent(page, NAV, "Archives", null);

      await clickLink(page, SIDEBAR, "Usages");
      await expectPage(page, root, categoryPage(POSTS[1].category));
      await expectCurrent(page, SIDEBAR, "Usages", "page");
      await expectCurrent(page, SIDEBAR, "Actus", null);
    });

    pageTest("on the home page, « Accueil » is current and « Archives » is not", async ({ page }) => {
      await open(page, root, "/");
      await expectHomeList(page);
      await expectCurrent(page, NAV, "Accueil", "page");
      await expectCurrent(page, NAV, "Archives", null);
      assert.equal(await count(page, `${SIDEBAR} a[aria-current]`), 0, "no sidebar link is current");
    });

    pageTest("on the archive page, « Archives » is current and « Accueil » is not", async ({ page }) => {
      await open(page, root, "/archive/");
      await expectPage(page, root, ARCHIVE);
      await expectCurrent(page, NAV, "Archives", "page");
      await expectCurrent(page, NAV, "Accueil", null);
      assert.equal(await attrOf(page, ".site-title a", "aria-current"), null);
      await expectCurrent(page, SIDEBAR, "Toutes les archives", "page");
      assert.equal(await count(page, `${SIDEBAR} section:nth-of-type(3) li a[aria-current]`), 0);
    });

    pageTest("on a post or month page, only its own sidebar link is current", async ({ page }) => {
      await open(page, root, postPath(POSTS[1]));
      await expectPost(page, root, POSTS[1]);
      await expectCurrent(page, SIDEBAR, POSTS[1].title, "page");
      await expectTexts(page, `${SIDEBAR} a[aria-current]`, [POSTS[1].title]);

      await clickLink(page, SIDEBAR, "janvier 2009");
      await expectPage(page, root, monthPage(monthOf("janvier 2009")));
      await expectTexts(page, `${SIDEBAR} a[aria-current]`, ["janvier 2009"]);
    });
  });

  // -----------------------------------------------------------------------------------------
  // 5. Served under a sub-path (/blog/).

  describe("under /blog/", () => {
    /** A page test on the /blog/ site, which also checks every request stayed under /blog/. */
    function blogTest(name, options, fn) {
      if (typeof options === "function") [fn, options] = [options, {}];
      pageTest(name, { ...options, site: blogSite }, async (args) => {
        const first = blog.server.requests.length;
        await fn(args);
        const made = blog.server.requests.slice(first);
        assert.ok(made.length > 0, "the browser made requests");
        const outside = made.filter((p) => !p.startsWith(BLOG_BASE));
        assert.deepEqual(outside, [], `every request stayed under ${BLOG_BASE}`);
      });
    }

    /** Every link of the page starts with /blog/ (same-origin ones; none leaves the site). */
    async function expectLinksUnderBase(page) {
      const hrefs = await attrs(page, "a[href]", "href");
      assert.ok(hrefs.length > 10, "the page has its links");
      const outside = hrefs.filter((href) => !href.startsWith("#") && !href.startsWith(BLOG_BASE));
      assert.deepEqual(outside, [], `every link starts with ${BLOG_BASE}`);
      const heads = await page.$$eval("link[href], script[src], img[src]", (els) =>
        els.map((el) => el.getAttribute("href") ?? el.getAttribute("src")),
      );
      const local = heads.filter((url) => !/^[a-z]+:/i.test(url));
      const outsideResources = local.filter((url) => !url.startsWith(BLOG_BASE));
      assert.deepEqual(outsideResources, [], `every resource is under ${BLOG_BASE}`);
    }

    for (const route of ROUTES) {
      blogTest(`${BLOG_BASE}${route.path.slice(1)} loads directly with its content`, async ({ page }) => {
        await open(page, blog, route.path);
        await expectPage(page, blog, route);
        const post = POSTS.find((p) => postPath(p) === route.path);
        if (post) {
          await expectPost(page, blog, post);
          await expectImagesLoaded(page, "main div.post-body", post.images);
          await expectHead(page, blog, route, { kind: "article" });
        } else {
          await expectHead(page, blog, route);
        }
        if (route === HOME) await expectPostCards(page, blog, POSTS);
        await expectChrome(page, blog);
        await expectLinksUnderBase(page);
      });
    }

    blogTest("in-app navigation, back and forward work under /blog/", async ({ page }) => {
      await navigateAround(page, blog);
      await expectLinksUnderBase(page);
    });

    for (const unknown of ["/nope/", "/posts/nope/"]) {
      blogTest(`${BLOG_BASE}${unknown.slice(1)}: HTTP 404 and « Page introuvable »`, async ({ page }) => {
        await open(page, blog, unknown, { status: 404, app: false });
        await expectText(page, "main h1", "Page introuvable", "the served 404 page");
        await appStarted(page);
        await expectPage(page, blog, notFoundPage(unknown));
        await expectChrome(page, blog);
        await expectLinksUnderBase(page);
        await setMarker(page);
        const home = await link(page, "main", "Retour à l’accueil");
        assert.equal(await hrefOf(home), BLOG_BASE);
        await home.click();
        await expectPage(page, blog, HOME);
        assert.equal(await marker(page), 1, "going home did not reload the page");
      });
    }

    /** Opens the newest post, then goes to the next one in the app while its data request fails. */
    async function bodyFailure(page, site, failing, tolerated) {
      await open(page, site, postPath(POSTS[0]));
      await expectPost(page, site, POSTS[0]);
      await setMarker(page);
      site.server.faults.set(failing, "reset");
      await clickLink(page, "main nav.neighbours p.older", POSTS[1].title);
      await eventually(async () => assert.equal(new URL(page.url()).pathname, site.path(postPath(POSTS[1]))));
      await eventually(async () => assert.equal(await page.title(), "Billet indisponible — Carnet"));
      const alert = "main div.load-error[role=alert]";
      await eventually(async () =>
        assert.ok((await textOf(page, alert)).includes("Impossible de charger ce billet."), "error message"),
      );
      // A heading says where the reader is, and has the focus, as after any move.
      await expectText(page, "main h1", "Billet indisponible");
      await eventually(async () => assert.ok(await page.evaluate(() => document.activeElement?.matches("main h1"))));
      const retry = await button(page, alert, "Réessayer");
      assert.equal(await count(page, "main div.post-body"), 0, "no body yet");
      assert.ok(site.server.requests.includes(failing), "the post was requested, and failed");
      if (browserName === "chromium") assert.ok(tolerated.length > 0, "Chromium logged the failed request");

      site.server.faults.delete(failing);
      await retry.click();
      await expectPost(page, site, POSTS[1]);
      await expectImagesLoaded(page, "main div.post-body", POSTS[1].images);
      assert.equal(await count(page, "div.load-error"), 0, "the alert is gone");
      assert.equal(await marker(page), 1, "neither the failure nor retrying reloaded the page");
    }

    const failingBody = () => blog.path(dataPath(blog, postPath(POSTS[1])));
    blogTest(
      "post failure under /blog/: « Réessayer » loads it once the network is back",
      { failing: [failingBody] },
      async ({ page, tolerated }) => {
        await bodyFailure(page, blog, failingBody(), tolerated);
      },
    );
  });

  // -----------------------------------------------------------------------------------------
  // 6. JavaScript off: the pre-rendered pages are complete, and every link leads somewhere.

  describe("JavaScript disabled", () => {
    let noScript;

    before(async () => {
      noScript = await launch(browserName, { javascript: false });
    });

    after(async () => {
      await noScript?.close();
    });

    /** Opens pages without JavaScript, checks them, and collects the URL of every link. */
    async function readWithoutScript(page, site) {
      const links = new Set();
      await open(page, site, "/", { app: false });
      await expectHomeList(page);
      await expectPostCards(page, site, POSTS);
      await expectChrome(page, site);
      for (const href of await allLinks(page)) links.add(href);

      for (const post of POSTS) {
        await open(page, site, postPath(post), { app: false });
        await expectPost(page, site, post);
        await expectImagesLoaded(page, "main div.post-body", post.images);
        for (const href of await allLinks(page)) links.add(href);
      }
      for (const route of [categoryPage(CATEGORIES[0]), monthPage(MONTHS[1]), ARCHIVE]) {
        await open(page, site, route.path, { app: false });
        await expectPage(page, site, route);
        for (const href of await allLinks(page)) links.add(href);
      }
      // The browser ran none of the page's scripts: not even the inline one that ends the body.
      assert.deepEqual(
        await page.evaluate(() => [typeof window.__RESOLVED_RESOURCES, typeof window.wasmBindings]),
        ["undefined", "undefined"],
        "JavaScript is off",
      );
      return links;
    }

    for (const which of ["/", BLOG_BASE]) {
      pageTest(
        `at ${which}: every post is readable and every link answers 200`,
        { browser: () => noScript, site: () => (which === "/" ? root : blogSite()) },
        async ({ page, site }) => {
          const links = await readWithoutScript(page, site);
          const origin = new URL(site.server.url).origin;
          const sameOrigin = [...links].filter((href) => new URL(href).origin === origin);
          assert.ok(sameOrigin.length >= 15, `links were collected (${sameOrigin.length})`);
          const bad = [];
          for (const href of new Set(sameOrigin.map((href) => href.replace(/#.*$/, "")))) {
            assert.ok(new URL(href).pathname.startsWith(site.base), `${href} is under ${site.base}`);
            const status = await fetchStatus(href);
            if (status !== 200) bad.push(`${href}: ${status}`);
          }
          assert.deepEqual(bad, [], "every link answers 200");
        },
      );
    }
  });

  // -----------------------------------------------------------------------------------------
  // 7. The Atom feed and the sitemap.

  /** Parses the feed and the sitemap in the browser, checks them and every page they name. */
  async function feedAndSitemap(page, site) {
    // A page of the site itself, to parse with the browser's own XML parser.
    await open(page, site, "/");
    const parse = (text) =>
      page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, "application/xml");
        const error = doc.querySelector("parsererror");
        return {
          error: error ? error.textContent : null,
          root: doc.documentElement.localName,
          namespace: doc.documentElement.namespaceURI,
          feedLinks: [...doc.querySelectorAll(":root > link")].map((l) => ({
            rel: l.getAttribute("rel"),
            href: l.getAttribute("href"),
          })),
          id: doc.querySelector(":root > id")?.textContent,
          entries: [...doc.querySelectorAll("entry")].map((entry) => ({
            title: entry.querySelector("title")?.textContent,
            links: [...entry.querySelectorAll("link[href]")].map((l) => l.getAttribute("href")),
            published: entry.querySelector("published")?.textContent,
          })),
          locs: [...doc.querySelectorAll("url > loc")].map((loc) => loc.textContent.trim()),
        };
      }, text);
    const siteUrl = await configuredSiteUrl(page);

    const feedResponse = await fetch(site.url("/feed.xml"));
    assert.equal(feedResponse.status, 200, "the feed answers 200");
    const feed = await parse(await feedResponse.text());
    assert.equal(feed.error, null, "the feed is well-formed XML");
    assert.equal(feed.root, "feed");
    assert.equal(feed.namespace, "http://www.w3.org/2005/Atom");
    assert.deepEqual(
      feed.feedLinks.find((l) => l.rel === "self")?.href,
      `${siteUrl}feed.xml`,
      "the feed's self link",
    );
    assert.equal(feed.entries.length, 3, "three entries");
    for (const [i, post] of POSTS.entries()) {
      const entry = feed.entries[i];
      assert.equal(norm(entry.title), norm(post.title), `entry ${i + 1}: the posts, newest first`);
      assert.equal(entry.links.length, 1, `entry ${i + 1}: one link`);
      const href = entry.links[0];
      assert.match(href, /^https?:\/\//, `entry ${i + 1}: an absolute link (${href})`);
      assert.ok(href.endsWith(postPath(post)), `entry ${i + 1}: ${href} ends with ${postPath(post)}`);
      assert.equal(href, siteUrl + postPath(post).slice(1), `entry ${i + 1}: under the site URL`);
      assert.ok(entry.published?.startsWith(post.datetime), `entry ${i + 1}: published ${post.datetime}`);
    }

    const sitemapResponse = await fetch(site.url("/sitemap.xml"));
    assert.equal(sitemapResponse.status, 200, "the sitemap answers 200");
    const sitemap = await parse(await sitemapResponse.text());
    assert.equal(sitemap.error, null, "the sitemap is well-formed XML");
    assert.equal(sitemap.root, "urlset");
    assert.equal(sitemap.namespace, "http://www.sitemaps.org/schemas/sitemap/0.9");
    for (const loc of sitemap.locs) {
      assert.ok(loc.startsWith(siteUrl), `${loc} is under the site URL ${siteUrl}`);
    }
    const relative = sitemap.locs.map((loc) => "/" + loc.slice(siteUrl.length));
    const every = ROUTES.map((route) => route.path).sort();
    assert.deepEqual([...relative].sort(), every, "the sitemap lists every page");
    assert.equal(new Set(relative).size, relative.length, "no page twice");
    for (const pagePath of relative) {
      const status = await fetchStatus(site.url(pagePath));
      assert.equal(status, 200, `${site.path(pagePath)} (from the sitemap) answers 200`);
    }

    const robots = await fetch(site.url("/robots.txt"));
    assert.equal(robots.status, 200, "robots.txt answers 200");
    const sitemapLine = (await robots.text()).split("\n").find((line) => line.startsWith("Sitemap:"));
    assert.equal(sitemapLine?.trim(), `Sitemap: ${siteUrl}sitemap.xml`, "robots.txt names the sitemap");
  }

  describe("feed and sitemap", () => {
    pageTest("at /: the feed and the sitemap parse, and every page they name exists", async ({ page }) => {
      await feedAndSitemap(page, root);
    });
    pageTest(
      "at /blog/: the feed and the sitemap parse, and every page they name exists",
      { site: () => blogSite() },
      async ({ page, site }) => {
        await feedAndSitemap(page, site);
      },
    );
  });

  // -----------------------------------------------------------------------------------------
  // 8. Layout: phone and desktop widths, dark mode.

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

    pageTest(
      "at 360 px: no horizontal scroll, sidebar below the content",
      { viewport: { width: 360, height: 740 }, skip: unsupported(browserName, "narrowViewport") },
      async ({ page }) => {
        for (const [relative, ready] of [
          ["/", () => expectHomeList(page)],
          [
            postPath(POSTS[0]),
            async () => {
              await expectPost(page, root, POSTS[0]);
              await expectImagesLoaded(page, "main div.post-body", POSTS[0].images);
            },
          ],
        ]) {
          await open(page, root, relative);
          await ready();
          const { main, sidebar, scrollWidth } = await boxes(page);
          assert.ok(scrollWidth <= 360, `${relative}: no horizontal scroll (scrollWidth ${scrollWidth})`);
          assert.ok(
            sidebar.top >= main.bottom,
            `${relative}: sidebar (top ${sidebar.top}) below main (bottom ${main.bottom})`,
          );
        }
      },
    );

    pageTest(
      "at 1280 px: the sidebar is to the right of the content",
      { viewport: { width: 1280, height: 800 } },
      async ({ page }) => {
        await open(page, root, "/");
        await expectHomeList(page);
        const { main, sidebar, scrollWidth } = await boxes(page);
        assert.ok(scrollWidth <= 1280, `no horizontal scroll (scrollWidth ${scrollWidth})`);
        assert.ok(sidebar.left >= main.right, `sidebar (left ${sidebar.left}) right of main (right ${main.right})`);
        assert.ok(sidebar.top < main.bottom, "sidebar beside main, not below it");
      },
    );

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
        return {
          scheme: matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light",
          background: style.backgroundColor,
          text: style.color,
        };
      });

    // Chromium emulates the colour scheme per page; Firefox over WebDriver BiDi and WebKit over
    // classic WebDriver cannot (puppeteer's emulateMediaFeatures needs CDP), so their dark page
    // comes from a browser launched dark.
    let launchedDark;
    after(async () => {
      await launchedDark?.close();
    });
    const darkBrowser = () => launchedDark ?? browser;
    if (browserName !== "chromium") {
      before(async () => {
        launchedDark = await launch(browserName, { dark: true });
      });
    }

    pageTest("dark mode: a dark background, unlike light mode", { browser: darkBrowser }, async ({ page }) => {
      if (!launchedDark) await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "dark" }]);
      await open(page, root, "/");
      await expectHomeList(page);
      const dark = await colors(page);
      assert.equal(dark.scheme, "dark", "the page sees prefers-color-scheme: dark");

      let light;
      if (launchedDark) {
        const context = await browser.createBrowserContext();
        try {
          const lightPage = await context.newPage();
          await lightPage.goto(root.url("/"), { waitUntil: "load" });
          light = await colors(lightPage);
        } finally {
          await context.close();
        }
      } else {
        await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "light" }]);
        light = await colors(page);
      }
      assert.equal(light.scheme, "light", "the light page sees prefers-color-scheme: light");
      assert.ok(luminance(dark.background) < 0.05, `dark background (${dark.background})`);
      assert.ok(luminance(dark.text) > 0.5, `light text on it (${dark.text})`);
      assert.ok(luminance(light.background) > 0.8, `light background in light mode (${light.background})`);
      assert.notEqual(dark.background, light.background);
    });
  });

  // Every test that used the /blog/ site, with or without JavaScript, asked it only for paths
  // under /blog/ (the browser and the node-side fetches alike).
  describe("under /blog/, all told", () => {
    test("every request the /blog/ site received was under /blog/", () => {
      const { requests } = blogSite().server;
      assert.ok(requests.length > 0, "the /blog/ site was used");
      assert.deepEqual(
        requests.filter((p) => !p.startsWith(BLOG_BASE)),
        [],
        `every request stayed under ${BLOG_BASE}`,
      );
    });
  });
});
