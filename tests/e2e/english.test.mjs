// The seed blog in English: the same posts, with `language = "en"` in a copy of its settings,
// built into CARNET_DIST_EN (default "dist-en"; `scripts/test` makes it). Every interface string
// and date comes from carnet-core's English file: the pre-rendered pages say so, and so does the
// app once it draws other pages itself.
import assert from "node:assert/strict";
import path from "node:path";
import {
  POSTS,
  attrOf,
  browserSuites,
  clickLink,
  expectText,
  expectTexts,
  marker,
  norm,
  open,
  servedSuite,
  setMarker,
  texts,
} from "./harness.mjs";

const DIST_EN = path.resolve(process.env.CARNET_DIST_EN ?? "dist-en");
const BUILD_EN =
  "source scripts/env.sh && rm -rf target/english && cp -r content target/english && " +
  "printf 'language = \"en\"\\n' >> target/english/site.toml && " +
  "CARNET_CONTENT=target/english trunk build --release --dist dist-en";
const DATES = ["October 6, 2009", "March 10, 2009", "January 7, 2009"];

browserSuites("the seed blog in English", (browserName) => {
  const { site, pageTest } = servedSuite(browserName, DIST_EN, BUILD_EN);

  pageTest("pre-rendered and drawn by the app, every string and date is English", async ({ page }) => {
    await open(page, site, "/");
    assert.equal(await attrOf(page, "html", "lang"), "en");
    await expectTexts(page, "aside.sidebar section > h2", ["Recent posts", "Categories", "Archives"]);
    await expectTexts(
      page,
      "main article.post-card p.byline",
      POSTS.map((post, i) => `Published on ${DATES[i]} in ${post.category.name}`),
    );
    for (const more of await texts(page, "main article.post-card p.read-more a")) {
      assert.match(more, /^Read more\b/);
    }
    await expectTexts(page, "aside.sidebar section:nth-of-type(3) li", [
      "October 2009 (1)",
      "March 2009 (1)",
      "January 2009 (1)",
    ]);

    // The app draws the next pages itself, in the same language.
    await setMarker(page);
    await clickLink(page, "aside.sidebar", "Actus");
    await expectText(page, "main h1", "Category: Actus (1 post)");
    await clickLink(page, "main", POSTS[0].title);
    await expectText(page, "main article.post header p.byline", `Published on ${DATES[0]} in Actus by admin`);
    await expectText(page, "main article.post p.comments-closed", "Comments are closed");
    assert.equal(await marker(page), 1, "the app drew the pages, no reload");

    // The 404 page, pre-rendered.
    await open(page, site, "/nowhere/", { status: 404 });
    await expectText(page, "main h1", "Page not found");
    assert.equal(norm(await page.title()), "Page not found — Carnet");
  });
});
