// What a reader sees when loading fails or is slow, in each browser of CARNET_BROWSERS.
//
// Run from the repository root: node --test tests/e2e/faults.test.mjs (with the release build
// in CARNET_DIST, default "dist").
//
// For each fault the test server injects (server.mjs, FAULTS: an error status, data cut in half
// or of another version, an HTML page where data was asked for, a dropped connection, a stall)
// and each thing the app loads — the index (on a site served without the data its pages embed,
// so that the app fetches it), a list page's data (a category reached by a click) and a post's
// data (a post reached by a click), each in the bucket file it shares with a few other pages —
// the reader is told in French what went wrong, under what
// could not be loaded, with « Réessayer », which shows the page once the fault is gone, without
// reloading. A post that is not found is the 404 page. A stalled answer shows the loading state,
// and the header and sidebar links keep working meanwhile. The data a page embeds, cut short or
// of another version, is an error too, not silently ignored. Every test fails on a console
// error or an uncaught error, so on any panic of the app (harness.mjs, pageTest).
import { after, before, describe } from "node:test";
import assert from "node:assert/strict";
import { launch } from "./browsers.mjs";
import { FAULTS, serve } from "./server.mjs";
import {
  ARCHIVE,
  BUILD_ROOT,
  DIST,
  HOME,
  POSTS,
  attrOf,
  categoryPath,
  dataPath,
  eventually,
  browserSuites,
  button,
  categoryPage,
  checkBuild,
  clickLink,
  count,
  expectPage,
  expectPost,
  expectPostCards,
  expectText,
  marker,
  monthPage,
  notFoundPage,
  open,
  pageTester,
  postPath,
  setMarker,
  settle,
  siteOf,
} from "./harness.mjs";

/** What the reader is told, for each fault that fails a load. */
const MESSAGES = {
  404: "Ce contenu est introuvable sur le serveur (erreur 404) : le site vient peut-être d’être mis à jour.",
  500: "Le serveur a rencontré un problème (erreur 500). Réessayez dans un instant.",
  truncated: "Les données reçues sont illisibles : le site est peut-être en cours de mise à jour.",
  // The stored bytes cut: a gzipped bucket that no longer inflates, the index's JSON cut short.
  cut: "Les données reçues sont illisibles : le site est peut-être en cours de mise à jour.",
  version:
    "Cette page et les données du site ne sont pas de la même version : le site vient sans doute d’être mis à jour. Rechargez la page.",
  reset: "Le serveur est injoignable. Vérifiez votre connexion à Internet, puis réessayez.",
  // A host that rewrites every unknown path to index.html answers missing data with it.
  html: "Ce contenu est introuvable sur le serveur (erreur 404) : le site vient peut-être d’être mis à jour.",
};
/** The faults that fail a load: all but a stall (slow) and a stale file (replaced when asked again). */
const FAILING = FAULTS.filter((fault) => fault !== "stall" && fault !== "stale");
assert.deepEqual(Object.keys(MESSAGES).sort(), [...FAILING].sort());

const ALERT = "main div.load-error[role=alert]";

browserSuites("Loading faults", (browserName) => {
  let browser;
  /** The release build served like GitHub Pages. */
  let root;
  /** The same, with its pages' embedded data taken out: the app fetches the index. */
  let bare;

  before(async () => {
    checkBuild(DIST, BUILD_ROOT);
    root = siteOf(await serve(DIST, { base: "/", fallback: "404" }));
    bare = siteOf(await serve(DIST, { base: "/", fallback: "404", stripData: true }));
    browser = await launch(browserName);
  });

  after(async () => {
    await browser?.close();
    await root?.server.close();
    await bare?.server.close();
  });

  const pageTest = pageTester({ browser: () => browser, site: () => root });

  /**
   * What the app loads, and how a reader gets it loaded: `data(site)` is the path of its file
   * (relative to the base: a list page's or a post's is the bucket holding it, so the fault
   * reaches the other pages of that bucket too); `start` opens the page the reader starts from, `reach` leads to the page that loads
   * it (resolving once the app runs), `expectShown` waits until that page shows it.
   */
  const TARGETS = [
    {
      name: "the index",
      site: () => bare,
      data: () => "/data/index.json",
      title: "Impossible de charger le blog.",
      loading: "Chargement du carnet…",
      start: async () => {},
      // Not waiting for "load": a stalled request must not hold up the test.
      reach: (page, site) => open(page, site, "/", { waitUntil: "domcontentloaded" }),
      expectShown: async (page, site) => {
        await expectPage(page, site, HOME);
        await expectPostCards(page, site, POSTS);
      },
    },
    {
      name: "a list page",
      site: () => root,
      data: (site) => dataPath(site, categoryPath(POSTS[1].category)),
      title: "Impossible de charger ces billets.",
      loading: "Chargement des billets…",
      start: (page, site) => open(page, site, "/"),
      reach: (page) => clickLink(page, "aside.sidebar", POSTS[1].category.name),
      expectShown: async (page, site) => {
        await expectPage(page, site, categoryPage(POSTS[1].category));
        await expectPostCards(page, site, [POSTS[1]]);
      },
    },
    {
      name: "a post",
      site: () => root,
      data: (site) => dataPath(site, postPath(POSTS[1])),
      title: "Impossible de charger ce billet.",
      loading: "Chargement du billet…",
      // A post whose data is not found is the 404 page.
      notFound: ["404", "html"],
      start: (page, site) => open(page, site, "/"),
      reach: (page) => clickLink(page, "aside.sidebar", POSTS[1].title),
      expectShown: (page, site) => expectPost(page, site, POSTS[1]),
    },
  ];

  /**
   * Pages the sidebar leads to, each with its link's name and the cards it shows: the stall
   * test goes to one whose data is not in the stalled file.
   */
  const ELSEWHERE = [
    { name: POSTS[0].category.name, route: categoryPage(POSTS[0].category), posts: [POSTS[0]] },
    { name: POSTS[2].month.label, route: monthPage(POSTS[2].month), posts: [POSTS[2]] },
    { name: POSTS[2].category.name, route: categoryPage(POSTS[2].category), posts: [POSTS[2]] },
  ];

  /** Waits until the alert says `title`, then `message`; resolves to its « Réessayer » button. */
  async function expectAlert(page, title, message) {
    await expectText(page, `${ALERT} p.load-error-title`, title);
    await expectText(page, `${ALERT} p:not(.load-error-title)`, message);
    return button(page, ALERT, "Réessayer");
  }

  /** Clicks « Réessayer » once the fault is gone: the page then shows, without a reload. */
  async function retryShows(page, site, retry, expectShown) {
    await setMarker(page);
    await retry.click();
    await expectShown(page, site);
    assert.equal(await count(page, "div.load-error"), 0, "the alert is gone");
    assert.equal(await marker(page), 1, "retrying did not reload the page");
  }

  for (const target of TARGETS) {
    describe(`${target.name}'s data`, () => {
      for (const fault of FAILING) {
        const notFound = target.notFound?.includes(fault);
        const outcome = notFound ? "« Page introuvable »" : `« ${MESSAGES[fault]} » and « Réessayer »`;
        pageTest(
          `${fault}: ${outcome}`,
          { site: target.site, failing: [(site) => site.path(target.data(site))] },
          async ({ page, site, tolerated }) => {
            const data = site.path(target.data(site));
            await target.start(page, site);
            site.server.faults.set(data, fault);
            const before = site.server.requests.length;
            await target.reach(page, site);
            if (notFound) {
              await expectPage(page, site, notFoundPage(postPath(POSTS[1])));
              assert.equal(await count(page, "div.load-error"), 0, "no alert");
              return;
            }
            const retry = await expectAlert(page, target.title, MESSAGES[fault]);
            assert.ok(site.server.requests.slice(before).includes(data), "the data was asked for");
            if (browserName === "chromium" && ["404", "500", "reset"].includes(fault)) {
              assert.ok(tolerated.length > 0, "Chromium logged the failed request");
            }
            site.server.faults.delete(data);
            await retryShows(page, site, retry, target.expectShown);
          },
        );
      }

      pageTest(
        "stall: the loading state shows, the page stays usable, and the answer shows when it comes",
        { site: target.site },
        async ({ page, site }) => {
          const data = site.path(target.data(site));
          await target.start(page, site);
          site.server.faults.set(data, "stall");
          await target.reach(page, site);
          await expectText(page, "main p.loading", target.loading);
          assert.equal(await attrOf(page, "main p.loading", "role"), "status");
          if (target.name !== "the index") {
            // Not a frozen page: the header's and the sidebar's links work while it stalls.
            const elsewhere = ELSEWHERE.find(({ route }) => site.path(dataPath(site, route.path)) !== data);
            assert.ok(elsewhere, "a page whose data is in another file");
            await setMarker(page);
            await clickLink(page, "header.site-header nav", "Archives");
            await expectPage(page, site, ARCHIVE);
            await clickLink(page, "aside.sidebar", elsewhere.name);
            await expectPage(page, site, elsewhere.route);
            await expectPostCards(page, site, elsewhere.posts);
            assert.equal(await marker(page), 1, "no reload");
          }
          site.server.faults.delete(data);
          if (target.name !== "the index") await target.reach(page, site);
          await target.expectShown(page, site);
          assert.equal(await count(page, "p.loading"), 0, "the loading state is gone");
        },
      );
    });
  }

  // The app waits two seconds for a new page's heading to move the focus there; a post whose
  // load failed later had its heading, and the focus stayed on <main>.
  pageTest(
    "a post whose load fails after seconds has its heading, and the focus on it",
    { failing: [(site) => site.path(dataPath(site, postPath(POSTS[1])))] },
    async ({ page }) => {
      const data = root.path(dataPath(root, postPath(POSTS[1])));
      await open(page, root, "/");
      root.server.faults.set(data, "stall");
      await clickLink(page, "aside.sidebar", POSTS[1].title);
      await expectText(page, "main p.loading", "Chargement du billet…");
      await new Promise((resolve) => setTimeout(resolve, 3000));
      root.server.faults.set(data, "reset");
      root.server.faults.release(data);
      await expectText(page, "main h1", "Billet indisponible");
      await eventually(async () => assert.ok(await page.evaluate(() => document.activeElement?.matches("main h1"))));
    },
  );

  describe("the index a pre-rendered page is taken over with", () => {
    // A page embeds the stamp of the index it was drawn with, not the index (data/index.json,
    // which its head preloads): the app hydrates it once the index has come.
    for (const fault of ["500", "reset", "truncated"]) {
      pageTest(
        `${fault}: the page stays as it was drawn, readable, and its links are plain links`,
        { failing: ["/data/index.json"] },
        async ({ page, site }) => {
          const post = postPath(POSTS[1]);
          site.server.faults.set(site.path("/data/index.json"), fault);
          await open(page, site, post, { app: false });
          // The app says it left the page as it was, once the index failed.
          await page.waitForFunction(() => document.documentElement.getAttribute("data-app") === "off", {
            timeout: 30_000,
          });
          await settle(page);
          await expectPost(page, site, POSTS[1]);
          assert.equal(await count(page, "div.load-error"), 0, "no alert: the page is readable as it is");
          await setMarker(page);
          await clickLink(page, "aside.sidebar", POSTS[0].category.name);
          await expectPage(page, site, categoryPage(POSTS[0].category));
          assert.equal(await marker(page), undefined, "the link loaded the page whole");
        },
      );
    }
  });

  pageTest(
    "stale, as the browser's cache keeps the last build's for a while: asked again from the host, and the page hydrated",
    async ({ page, site }) => {
      const index = site.path("/data/index.json");
      const post = postPath(POSTS[1]);
      site.server.faults.set(index, "stale");
      await page.evaluateOnNewDocument(() => {
        document.addEventListener("DOMContentLoaded", () => {
          document.querySelector("main").__prerendered = true;
        });
      });
      const before = site.server.requests.length;
      await open(page, site, post);
      await expectPost(page, site, POSTS[1]);
      const requests = site.server.requests.slice(before);
      assert.equal(requests.filter((path) => path === index).length, 2, "the index, then again");
      assert.equal(await page.evaluate(() => document.querySelector("main").__prerendered), true, "hydrated");
      assert.ok(!requests.includes(site.path(dataPath(site, post))), "no data fetched");
    },
  );

  describe("a page of another build than the index", () => {
    /** The site with every page's stamp changed, as a page cached before the blog was rebuilt. */
    let rebuilt;
    before(async () => {
      rebuilt = siteOf(
        await serve(DIST, {
          base: "/",
          fallback: "404",
          rewriteHtml: (html) => html.replace(/("index":")[0-9a-f]{16}"/, '$10000000000000000"'),
        }),
      );
    });
    after(() => rebuilt?.server.close());

    pageTest(
      "is drawn afresh from the data fetched, never hydrated with an index it was not drawn with",
      { site: () => rebuilt },
      async ({ page, site }) => {
        const post = postPath(POSTS[1]);
        await page.evaluateOnNewDocument(() => {
          document.addEventListener("DOMContentLoaded", () => {
            document.querySelector("main").__prerendered = true;
          });
        });
        const before = site.server.requests.length;
        await open(page, site, post);
        await expectPost(page, site, POSTS[1]);
        const requests = site.server.requests.slice(before);
        assert.ok(requests.includes(site.path(dataPath(site, post))), "the post's data was fetched");
        assert.equal(await page.evaluate(() => document.querySelector("main").__prerendered), undefined);
        // The index asked for again from the host is the one the app is drawn with: not a third
        // time (WebKitGTK asks once more for the preloaded one, as in the test above).
        const asked = requests.filter((path) => path === site.path("/data/index.json")).length;
        assert.equal(asked, browserName === "webkit" ? 3 : 2, "requests for the index");
      },
    );
  });

  describe("the data a page embeds", () => {
    for (const fault of ["truncated", "version"]) {
      pageTest(`${fault}: « ${MESSAGES[fault]} » and « Réessayer »`, async ({ page, site }) => {
        const post = postPath(POSTS[1]);
        site.server.faults.set(site.path(post), fault);
        await open(page, site, post);
        const retry = await expectAlert(page, "Impossible de charger le blog.", MESSAGES[fault]);
        site.server.faults.delete(site.path(post));
        await retryShows(page, site, retry, (page, site) => expectPost(page, site, POSTS[1]));
      });
    }
  });
});
