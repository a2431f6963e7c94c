// Tags, in a small blog of their own: tests/tags/content, built into CARNET_DIST_TAGS (default
// "dist-tags"; `scripts/test` makes it). Two posts a page; « Actus » is the tag of five posts
// (three pages) and the category of another, « Web » the tag of that one, « Réseaux sociaux »
// of two; one post has no tag. What is checked: the tag index with its counts and its link from
// the sidebar, the tags on each post and card as links, a tag's pages and pager, the tag and the
// category of one name apart, deep links and reloads, back and forward, and no console error.
import assert from "node:assert/strict";
import path from "node:path";
import {
  attrOf,
  axeViolations,
  attrs,
  browserSuites,
  clickLink,
  eventually,
  expectPage,
  expectText,
  expectTexts,
  marker,
  open,
  servedSuite,
  setMarker,
  texts,
} from "./harness.mjs";

const DIST_TAGS = path.resolve(process.env.CARNET_DIST_TAGS ?? "dist-tags");
const BUILD_TAGS = "source scripts/env.sh && CARNET_CONTENT=tests/tags/content trunk build --release --dist dist-tags";

const TAGS_PAGE = { path: "/tags/", h1: "Étiquettes", title: "Étiquettes — Carnet" };
const tagPage = (name, slug, count, number = 1) => ({
  path: number === 1 ? `/tag/${slug}/` : `/tag/${slug}/page/${number}/`,
  h1: `Étiquette\u00a0: ${name} (${count === 1 ? "1 billet" : `${count} billets`})`,
  title: `Étiquette : ${name}${number === 1 ? "" : `, page ${number}`} — Carnet`,
});
const ACTUS = (number) => tagPage("Actus", "actus", 5, number);
const WEB = tagPage("Web", "web", 1);
const CATEGORY_ACTUS = { path: "/category/actus/", h1: "Catégorie\u00a0: Actus (1 billet)", title: "Catégorie : Actus — Carnet" };
/** The titles on each page of the tag « Actus », newest first. */
const ACTUS_PAGES = [
  ["Cinquième billet", "Quatrième billet"],
  ["Troisième billet", "Deuxième billet"],
  ["Premier billet"],
];

browserSuites("tags", (browserName) => {
  const { site, pageTest } = servedSuite(browserName, DIST_TAGS, BUILD_TAGS);
  const cardTitles = (page) => texts(page, "main article.post-card h2");

  pageTest("the tag index lists every tag with its count, and the sidebar links to it", async ({ page }) => {
    await open(page, site, "/");
    await setMarker(page);
    await clickLink(page, "aside.sidebar", "Toutes les étiquettes");
    await expectPage(page, site, TAGS_PAGE);
    assert.equal(await marker(page), 1, "drawn by the app, no reload");
    const expected = ["Actus (5 billets)", "Réseaux sociaux (2 billets)", "Web (1 billet)"];
    await expectTexts(page, "main ul.tag-index li", expected);
    assert.deepEqual(await attrs(page, "main ul.tag-index li a", "href"), [
      "/tag/actus/",
      "/tag/reseaux-sociaux/",
      "/tag/web/",
    ]);
    // The same page, pre-rendered: a deep link, then a reload.
    await open(page, site, "/tags/");
    await expectPage(page, site, TAGS_PAGE);
    await expectTexts(page, "main ul.tag-index li", expected);
    await page.reload();
    await expectPage(page, site, TAGS_PAGE);
    await expectTexts(page, "main ul.tag-index li", expected);
    await clickLink(page, "main ul.tag-index", "Réseaux sociaux");
    await expectPage(page, site, tagPage("Réseaux sociaux", "reseaux-sociaux", 2));
    await eventually(async () => assert.deepEqual(await cardTitles(page), ["Quatrième billet", "Premier billet"]));
  });

  pageTest("cards and posts show their tags as links to the tags' pages", async ({ page }) => {
    await open(page, site, "/");
    // Two a page: « Sans étiquette » has none, « Un billet d’actualité » has « Web ».
    await eventually(async () => assert.deepEqual(await cardTitles(page), ["Sans étiquette", "Un billet d’actualité"]));
    await expectTexts(page, "main article.post-card p.tags", ["Étiquettes : Web"]);
    await setMarker(page);
    await clickLink(page, "main article.post-card p.tags", "Web");
    await expectPage(page, site, WEB);
    await eventually(async () => assert.deepEqual(await cardTitles(page), ["Un billet d’actualité"]));
    await clickLink(page, "main article.post-card h2", "Un billet d’actualité");
    await expectText(page, "main article.post header h1", "Un billet d’actualité");
    await expectText(page, "main article.post header p.tags", "Étiquettes : Web");
    // The older post, then its two tags.
    await clickLink(page, "main nav.neighbours", "Cinquième billet");
    await expectText(page, "main article.post header p.tags", "Étiquettes : Actus");
    await clickLink(page, "main nav.neighbours", "Quatrième billet");
    await expectText(page, "main article.post header p.tags", "Étiquettes : Actus, Réseaux sociaux");
    assert.deepEqual(await attrs(page, "main article.post header p.tags a", "href"), [
      "/tag/actus/",
      "/tag/reseaux-sociaux/",
    ]);
    await clickLink(page, "main article.post header p.tags", "Actus");
    await expectPage(page, site, ACTUS(1));
    assert.equal(await marker(page), 1, "every page drawn by the app, no reload");
    await eventually(async () => assert.deepEqual(await cardTitles(page), ACTUS_PAGES[0]));
    await expectTexts(page, "main article.post-card p.tags", [
      "Étiquettes : Actus",
      "Étiquettes : Actus, Réseaux sociaux",
    ]);

    // A post's page, pre-rendered, has its tags as well.
    await open(page, site, "/posts/premier/");
    await expectText(page, "main article.post header p.tags", "Étiquettes : Actus, Réseaux sociaux");
  });

  pageTest("a tag's list is paginated like a category's, with deep links, reload, back and forward", async ({ page }) => {
    await open(page, site, "/tag/actus/");
    await expectPage(page, site, ACTUS(1));
    await eventually(async () => assert.deepEqual(await cardTitles(page), ACTUS_PAGES[0]));
    await expectText(page, "main nav.pager .pager-position", "Page 1 sur 3");
    await setMarker(page);
    for (const number of [2, 3]) {
      await clickLink(page, "main nav.pager", "Billets plus anciens →");
      await expectPage(page, site, ACTUS(number));
      await eventually(async () => assert.deepEqual(await cardTitles(page), ACTUS_PAGES[number - 1]));
      await expectText(page, "main nav.pager .pager-position", `Page ${number} sur 3`);
    }
    assert.equal(await marker(page), 1, "no reload");
    for (const number of [2, 1]) {
      await page.goBack();
      await expectPage(page, site, ACTUS(number));
      await eventually(async () => assert.deepEqual(await cardTitles(page), ACTUS_PAGES[number - 1]));
    }
    await page.goForward();
    await expectPage(page, site, ACTUS(2));
    await eventually(async () => assert.deepEqual(await cardTitles(page), ACTUS_PAGES[1]));
    assert.equal(await marker(page), 1, "no reload going back and forward");

    // Deep link to a later page, then a reload: the pre-rendered page, then the app on it.
    await open(page, site, "/tag/actus/page/2/");
    await expectPage(page, site, ACTUS(2));
    await eventually(async () => assert.deepEqual(await cardTitles(page), ACTUS_PAGES[1]));
    await page.reload();
    await expectPage(page, site, ACTUS(2));
    await eventually(async () => assert.deepEqual(await cardTitles(page), ACTUS_PAGES[1]));
    await clickLink(page, "main nav.pager", "← Billets plus récents");
    await expectPage(page, site, ACTUS(1));

    // No page past the last, no unknown tag; and no page at an address the site does not write
    // (as on the host, where it is no file): not `02` for `2`, not `page/1/`, not `1` for `01`.
    for (const unknown of [
      "/tag/actus/page/4/",
      "/tag/inconnue/",
      "/tag/actus/page/02/",
      "/tag/actus/page/1/",
      "/page/02/",
      "/archive/2010/1/",
    ]) {
      await open(page, site, unknown, { status: 404 });
      await expectText(page, "main h1", "Page introuvable");
    }
  });

  pageTest("a tag and a category of the same name are two pages", async ({ page }) => {
    await open(page, site, "/category/actus/");
    await expectPage(page, site, CATEGORY_ACTUS);
    await eventually(async () => assert.deepEqual(await cardTitles(page), ["Un billet d’actualité"]));
    await setMarker(page);
    await clickLink(page, "main article.post-card p.tags", "Web");
    await expectPage(page, site, WEB);
    await clickLink(page, "aside.sidebar", "Toutes les étiquettes");
    await clickLink(page, "main ul.tag-index", "Actus");
    await expectPage(page, site, ACTUS(1));
    await eventually(async () => assert.deepEqual(await cardTitles(page), ACTUS_PAGES[0]));
    await clickLink(page, "aside.sidebar", "Actus");
    await expectPage(page, site, CATEGORY_ACTUS);
    await eventually(async () => assert.deepEqual(await cardTitles(page), ["Un billet d’actualité"]));
    assert.equal(await marker(page), 1, "no reload");
    await page.goBack();
    await expectPage(page, site, ACTUS(1));
    await eventually(async () => assert.deepEqual(await cardTitles(page), ACTUS_PAGES[0]));
  });

  pageTest("a post suggests those sharing its tags and category (« À lire aussi »), followed in the app", async ({ page }) => {
    const SUGGESTED = "main section.related li";
    await open(page, site, "/posts/premier/");
    // Pre-rendered: the one sharing both its tags, then the nearest of those sharing one.
    await expectTexts(page, SUGGESTED, ["Quatrième billet", "Troisième billet", "Cinquième billet"]);
    assert.equal(await attrOf(page, "main section.related", "aria-labelledby"), "related-posts");
    await expectText(page, "main section.related h2#related-posts", "À lire aussi");
    assert.deepEqual(await axeViolations(page), [], "axe-core");
    await setMarker(page);
    await clickLink(page, "main section.related", "Quatrième billet");
    await expectText(page, "main article.post header h1", "Quatrième billet");
    // Its neighbours « Cinquième » and « Troisième » are linked already.
    await expectTexts(page, SUGGESTED, ["Premier billet", "Deuxième billet", "Sans étiquette"]);
    await page.goBack();
    await expectText(page, "main article.post header h1", "Premier billet");
    await expectTexts(page, SUGGESTED, ["Quatrième billet", "Troisième billet", "Cinquième billet"]);
    assert.equal(await marker(page), 1, "drawn by the app, no reload");
    // A post sharing nothing with another has no such list.
    await open(page, site, "/posts/actualite/");
    await expectText(page, "main article.post header h1", "Un billet d’actualité");
    assert.deepEqual(await texts(page, SUGGESTED), []);
  });

  pageTest("a tag's and a category's pages name their own feed in the head, as the app moves between them", async ({ page }) => {
    /** The head's link to the feed of the list shown: [title, href, rel, type], or null. */
    const listFeed = () =>
      page.evaluate(() => {
        const link = document.getElementById("list-feed");
        return link && [link.getAttribute("title"), link.getAttribute("href"), link.rel, link.type];
      });
    const feed = (title, href) => [`${title} — Carnet (Atom)`, href, "alternate", "application/atom+xml"];
    const TAG_FEED = feed("Étiquette : Actus", "/tag/actus/feed.xml");
    const CATEGORY_FEED = feed("Catégorie : Actus", "/category/actus/feed.xml");
    await open(page, site, "/tag/actus/");
    assert.deepEqual(await listFeed(), TAG_FEED, "pre-rendered");
    await setMarker(page);
    await clickLink(page, "main nav.pager", "Billets plus anciens →");
    await expectPage(page, site, ACTUS(2));
    assert.deepEqual(await listFeed(), TAG_FEED, "the list's second page, the same feed");
    await clickLink(page, "aside.sidebar", "Actus");
    await expectPage(page, site, CATEGORY_ACTUS);
    await eventually(async () => assert.deepEqual(await listFeed(), CATEGORY_FEED));
    await clickLink(page, "main article.post-card h2", "Un billet d’actualité");
    await expectText(page, "main article.post header h1", "Un billet d’actualité");
    await eventually(async () => assert.equal(await listFeed(), null, "a post lists nothing"));
    await page.goBack();
    await expectPage(page, site, CATEGORY_ACTUS);
    await eventually(async () => assert.deepEqual(await listFeed(), CATEGORY_FEED));
    assert.equal(await marker(page), 1, "no reload");
    // The feeds themselves: the list's newest posts.
    for (const [href, entries] of [["/tag/actus/feed.xml", 5], ["/category/actus/feed.xml", 1]]) {
      const response = await fetch(site.url(href));
      assert.equal(response.status, 200, href);
      const xml = await response.text();
      assert.equal(xml.match(/<entry>/g)?.length, entries, `${href}: ${xml}`);
    }
  });
});
