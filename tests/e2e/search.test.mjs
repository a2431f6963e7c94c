// Search on the seed blog, in Chromium and Firefox: the header's box, the /search/?q= page and
// the search worker. Accented and unaccented queries find the right post and only it, a stemmed
// query matches, an empty result says so, the URL reloads to the same results, the keyboard
// works, and a page that is only read never downloads the worker. The page's CSP is checked by
// pageTest (a violation is a console error).
import fs from "node:fs";
import { after, before, describe } from "node:test";
import assert from "node:assert/strict";
import { launch } from "./browsers.mjs";
import {
  BUILD_ROOT,
  appStarted,
  DIST,
  POSTS,
  attrOf,
  browserSuites,
  eventually,
  expectText,
  marker,
  norm,
  open,
  pathname,
  postPath,
  servedSuite,
  setMarker,
  settle,
  texts,
} from "./harness.mjs";

const [COMMUNITY, BUSINESS, B2B] = POSTS;
const BOX = "#search-box";

const RESULT_TITLES = "main .search-results li h2";

const workerAsked = (site) => site.server.requests.some((asked) => asked.includes("search-worker"));
/** Whether the search's script (public/search.js, loaded by the app) was asked for. */
const scriptAsked = (site) => site.server.requests.some((asked) => asked.endsWith("/search.js"));

/** Types `text` in the header's search box (focusing it first). */
async function typeInBox(page, text) {
  await page.focus(BOX);
  await page.keyboard.type(text);
}

/** Waits until the search page shows these post titles, in this order, and this count. */
async function expectResults(page, posts) {
  await expectText(page, "main .search-status", posts.length === 1 ? "1 résultat" : `${posts.length} résultats`);
  await eventually(async () => assert.deepEqual(await texts(page, RESULT_TITLES), posts.map((post) => norm(post.title))));
}

browserSuites("search", (browserName) => {
  const { site, pageTest } = servedSuite(browserName, DIST, BUILD_ROOT);

  pageTest("a page only read never downloads the search worker; focusing the box does", async ({ page }) => {
    site.server.requests.length = 0;
    await open(page, site, "/");
    await open(page, site, postPath(B2B));
    await settle(page);
    assert.equal(workerAsked(site), false, `asked: ${site.server.requests.join(" ")}`);
    assert.equal(scriptAsked(site), false, "nor the search's script");
    assert.ok(!site.server.requests.some((asked) => asked.startsWith("/search/")), "no index file either");
    await page.focus(BOX);
    await eventually(async () => assert.ok(scriptAsked(site) && workerAsked(site), "the script and the worker, once the box has the focus"));
  });

  // Firefox (« NS_BINDING_ABORTED ») and WebKit (« NetworkError: Load failed ») reported the
  // worker's aborted load as an uncaught error of the page unless its `error` event is
  // cancelled (src/search.rs), even with the worker stopped on `pagehide` as it then was. Under
  // load (four busy loops beside it), this test failed 7 times in 8 before; 0 in 8 after.
  pageTest("leaving the search page while its worker loads logs no error", async ({ page }) => {
    for (let leave = 0; leave < 10; leave += 1) {
      await open(page, site, "/search/");
      await open(page, site, "/");
    }
  });

  pageTest("starting the search worker logs no warning", async ({ page }) => {
    // Trunk's loader started the worker's wasm as wasm-bindgen has deprecated, which it said
    // in the console each time a reader searched.
    const warnings = [];
    page.on("console", (message) => {
      if (["warn", "warning"].includes(message.type())) warnings.push(message.text());
    });
    await open(page, site, "/search/?q=viadeo");
    await expectResults(page, [B2B]);
    assert.deepEqual(warnings, []);
  });

  pageTest("what is typed before the search's script has come is searched once it comes", async ({ page }) => {
    await open(page, site, postPath(COMMUNITY));
    await setMarker(page);
    site.server.faults.set("/search.js", "stall");
    await typeInBox(page, "viadeo");
    await eventually(async () => assert.ok(scriptAsked(site), "the script, asked on focus"));
    assert.equal(pathname(page), postPath(COMMUNITY), "nothing moves before the script comes");
    site.server.faults.delete("/search.js");
    await eventually(async () => assert.equal(pathname(page), "/search/"));
    await expectResults(page, [B2B]);
    assert.equal(new URL(page.url()).searchParams.get("q"), "viadeo");
    assert.equal(await marker(page), 1, "the app showed the search page itself");
  });

  pageTest("the box focused before the app has started searches once it starts", async ({ page }) => {
    const wasm = `/${fs.readdirSync(DIST).find((file) => /^carnet-[0-9a-f]+_bg\.wasm$/.test(file))}`;
    site.server.faults.set(wasm, "stall");
    await open(page, site, postPath(COMMUNITY), { app: false, waitUntil: "domcontentloaded" });
    // The pre-rendered page's box, focused while the app's wasm is on its way.
    await page.focus(BOX);
    site.server.faults.delete(wasm);
    await appStarted(page);
    await page.keyboard.type("viadeo");
    await eventually(async () => assert.equal(pathname(page), "/search/"));
    await expectResults(page, [B2B]);
  });

  pageTest("going back while the box still has the focus goes back to the page, at its address", async ({ page }) => {
    await open(page, site, postPath(COMMUNITY));
    await setMarker(page);
    await typeInBox(page, "reseaux");
    await eventually(async () => assert.equal(pathname(page), "/search/"));
    await expectResults(page, [BUSINESS, B2B, COMMUNITY]);
    assert.equal(await page.evaluate(() => document.activeElement?.id), "search-box");
    await page.goBack();
    await expectText(page, "main h1", COMMUNITY.title);
    await settle(page);
    assert.equal(page.url(), site.url(postPath(COMMUNITY)), "the post's own address");
    // The post's history entry is still its own: forward is the search, back the post again.
    await page.goForward();
    await expectResults(page, [BUSINESS, B2B, COMMUNITY]);
    assert.equal(new URL(page.url()).searchParams.get("q"), "reseaux");
    await page.goBack();
    await expectText(page, "main h1", COMMUNITY.title);
    await settle(page);
    assert.equal(page.url(), site.url(postPath(COMMUNITY)));
    assert.equal(await marker(page), 1, "all in the app, without a reload");
  });

  pageTest("a search whose index cannot load says search is unavailable", { failing: ["/search/meta.json"] }, async ({ page }) => {
    site.server.faults.set("/search/meta.json", "404");
    await open(page, site, "/search/?q=viadeo");
    await expectText(page, "main .search-status", "La recherche est indisponible pour le moment.");
  });

  pageTest("typing shows results as you type, accents and case folded, the words marked", async ({ page }) => {
    await open(page, site, postPath(COMMUNITY));
    await setMarker(page);
    await typeInBox(page, "VIADEO");
    await eventually(async () => assert.equal(pathname(page), "/search/"));
    await expectResults(page, [B2B]);
    assert.equal(new URL(page.url()).searchParams.get("q"), "VIADEO");
    assert.equal(await marker(page), 1, "the app showed the search page itself");
    // The passages come once the reader stops typing (PASSAGES_AFTER_MS).
    await eventually(async () => {
      const marks = await texts(page, "main .search-results li .passage mark");
      assert.ok(marks.length > 0 && marks.every((mark) => /^viad[eé]o$/i.test(mark)), `marked: ${marks}`);
    });
    assert.equal(await page.evaluate(() => document.activeElement?.id), "search-box", "the box kept the focus");
    // The tab says the query, as a search engine's does.
    assert.equal(norm(await page.title()), "VIADEO — Rechercher — Carnet");
    // The same query accented finds the same post.
    await open(page, site, "/search/?q=viad%C3%A9o");
    await expectResults(page, [B2B]);
    await open(page, site, "/search/?q=NOTORIETE");
    await expectResults(page, [BUSINESS]);
    await eventually(async () => assert.deepEqual(await texts(page, "main .search-results li .passage mark"), ["notoriété"]));
    // Both titles hold « réseaux » (the shorter post ranks first, BM25); « réseau », in the third
    // post, is a form of the same word, but its title has none.
    await open(page, site, "/search/?q=reseaux");
    await expectResults(page, [BUSINESS, B2B, COMMUNITY]);
    assert.ok((await texts(page, "main .search-results li h2 mark")).includes("réseaux"));
  });

  pageTest("a stemmed query matches, every word is required, and none says so", async ({ page }) => {
    // Only « atelier » is written.
    await open(page, site, "/search/?q=ateliers");
    await expectResults(page, [BUSINESS]);
    await open(page, site, "/search/?q=reseaux%20viadeo");
    await expectResults(page, [B2B]);
    await open(page, site, "/search/?q=reseaux%20zzzintrouvable");
    await expectText(page, "main .search-status", "Aucun résultat pour « reseaux zzzintrouvable »");
    assert.deepEqual(await texts(page, RESULT_TITLES), []);
  });

  pageTest("a post's text is fetched alone, as a byte range, and in full from a host that ignores ranges", async ({ page }) => {
    const passages = async () => {
      await open(page, site, "/search/?q=reseau");
      await expectResults(page, [BUSINESS, B2B, COMMUNITY]);
      await eventually(async () => assert.equal((await texts(page, "main .search-results li .passage")).length, 3));
      assert.ok((await texts(page, "main .search-results li .passage mark")).length >= 3);
    };
    site.server.requests.length = 0;
    await passages();
    const textsAsked = () => site.server.requests.filter((asked) => asked === "/search/p/0.bin").length;
    assert.equal(textsAsked(), 3, "one range of the texts file a result");
    site.server.live.ranges = false;
    try {
      site.server.requests.length = 0;
      await passages();
      assert.ok(textsAsked() >= 1, "the whole texts file, at least once");
    } finally {
      site.server.live.ranges = true;
    }
  });

  pageTest("the word being typed matches as a prefix; /search/?q= reloads to the same results", async ({ page }) => {
    await open(page, site, "/");
    await typeInBox(page, "nobl");
    await expectResults(page, [COMMUNITY]);
    await page.reload({ waitUntil: "load" });
    await expectResults(page, [COMMUNITY]);
    assert.equal(await page.evaluate((box) => document.querySelector(box).value, BOX), "nobl");
  });

  pageTest("a link from the search page to another query shows it, written with or without the slash", async ({ page }) => {
    await open(page, site, "/search/?q=reseaux");
    await setMarker(page);
    await expectResults(page, [BUSINESS, B2B, COMMUNITY]);
    // The page as a reader sees it once it stops moving: the passages, which come after the
    // first answer, push the link down, and a click aimed before they came would miss it
    // (as it did in Firefox, whose clicks take longer between aiming and clicking).
    await eventually(async () => assert.equal((await texts(page, "main .search-results li .passage")).length, 3));
    // As a post's link to a search could be written: `/search?q=…`, the same page for the router.
    await page.evaluate((href) => {
      const link = Object.assign(document.createElement("a"), { href, id: "other-query", textContent: "Viadeo" });
      document.querySelector("main").append(link);
    }, site.url("/search?q=viadeo"));
    await page.click("#other-query");
    await expectResults(page, [B2B]);
    assert.equal(await marker(page), 1, "followed in the app, without a reload");
  });

  pageTest("arrows choose a result, Enter follows it in the app, Escape empties the box", async ({ page }) => {
    await open(page, site, "/search/?q=reseaux");
    await setMarker(page);
    await expectResults(page, [BUSINESS, B2B, COMMUNITY]);
    await page.focus(BOX);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await eventually(async () => assert.deepEqual(await texts(page, "main .search-results li.selected h2"), [norm(B2B.title)]));
    // The section is a polite live region: a screen reader hears which result is chosen.
    const said = () => texts(page, "main .search-page p.visually-hidden.search-said");
    await eventually(async () => assert.deepEqual(await said(), [`Résultat 2 sur 3 : ${norm(B2B.title)}`]));
    await page.keyboard.press("ArrowUp");
    await eventually(async () => assert.deepEqual(await texts(page, "main .search-results li.selected h2"), [norm(BUSINESS.title)]));
    await eventually(async () => assert.deepEqual(await said(), [`Résultat 1 sur 3 : ${norm(BUSINESS.title)}`]));
    await page.keyboard.press("Escape");
    await eventually(async () => assert.equal(page.url(), site.url("/search/")));
    assert.equal(await page.evaluate((box) => document.querySelector(box).value, BOX), "");
    await page.keyboard.type("barbecue");
    await expectResults(page, [B2B]);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expectText(page, "main h1", B2B.title);
    assert.equal(pathname(page), postPath(B2B));
    // The reader left the search: the focus is on the post's heading, as after any move.
    await eventually(async () => assert.ok(await page.evaluate(() => document.activeElement?.matches("main h1"))));
    assert.equal(await marker(page), 1, "followed in the app, without a reload");
  });

  describe("JavaScript disabled", () => {
    let noScript;
    before(async () => {
      noScript = await launch(browserName, { javascript: false });
    });
    after(async () => {
      await noScript?.close();
    });

    pageTest("the box submits to the search page, which says search needs JavaScript", { browser: () => noScript }, async ({ page }) => {
      await open(page, site, "/", { app: false });
      assert.equal(await attrOf(page, "form.search-box", "action"), "/search/");
      assert.equal(await attrOf(page, `form.search-box ${BOX}`, "name"), "q");
      await open(page, site, "/search/?q=viadeo", { app: false });
      await expectText(page, "main h1", "Rechercher");
      await expectText(page, "main .search-status", "La recherche a besoin de JavaScript : activez-le pour chercher dans les billets.");
    });
  });
});
