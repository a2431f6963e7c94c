// The WordPress import, end to end: the seed blog's WordPress export
// (crates/carnet-cli/tests/fixtures/wordpress/export.xml: a classic-editor post, a Gutenberg post,
// a draft, an attachment, a page…) imported with `carnet import wordpress`, built like any blog
// into CARNET_DIST_IMPORT (default "dist-import"; `scripts/test` does both), and read in the
// browser beside the seed blog of CARNET_DIST: the same posts, in the same order, with the same
// titles, bylines, bodies and images; the draft and the page nowhere.
import { after, before } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { launch } from "./browsers.mjs";
import { serve } from "./server.mjs";
import {
  BUILD_ROOT,
  DIST,
  POSTS,
  appStarted,
  browserSuites,
  checkBuild,
  expectChrome,
  expectImagesLoaded,
  expectPost,
  expectPostCards,
  norm,
  open,
  pageTester,
  postPath,
  siteOf,
} from "./harness.mjs";

const DIST_IMPORT = path.resolve(process.env.CARNET_DIST_IMPORT ?? "dist-import");
const BUILD_IMPORT =
  "source scripts/env.sh && rm -rf target/imported && scripts/carnet import wordpress " +
  "crates/carnet-cli/tests/fixtures/wordpress/export.xml --content target/imported && " +
  "cp content/site.toml target/imported/ && CARNET_CONTENT=target/imported trunk build --release --dist dist-import";

/**
 * What a reader sees of a post: its article's text and the images it shows. Its tags apart: the
 * export tags one post, the seed blog (copied from a text export without tags) tags none.
 */
const shown = (page) =>
  page.evaluate(() => {
    const article = document.querySelector("main article.post");
    const untagged = article?.cloneNode(true);
    untagged?.querySelector("header p.tags")?.remove();
    return {
      tags: article?.querySelector("header p.tags")?.textContent ?? null,
      text: untagged?.textContent,
      images: [...(article?.querySelectorAll(".post-body img") ?? [])].map((img) => img.getAttribute("src")),
      html: article?.querySelector(".post-body")?.innerHTML,
    };
  });

browserSuites("the WordPress import", (browserName) => {
  let browser;
  let seed;
  let imported;
  before(async () => {
    checkBuild(DIST, BUILD_ROOT);
    checkBuild(DIST_IMPORT, BUILD_IMPORT);
    seed = siteOf(await serve(DIST, { base: "/" }));
    imported = siteOf(await serve(DIST_IMPORT, { base: "/" }));
    browser = await launch(browserName);
  });
  after(async () => {
    await browser?.close();
    await seed?.server.close();
    await imported?.server.close();
  });
  const pageTest = pageTester({ browser: () => browser, site: () => imported });

  pageTest("the imported blog lists the seed's posts, and only them", async ({ page }) => {
    await open(page, imported, "/");
    await expectPostCards(page, imported, POSTS);
    await expectChrome(page, imported);
  });

  pageTest("each imported post reads as the seed's, opened directly and through the app", async ({ page }) => {
    for (const post of POSTS) {
      await open(page, seed, postPath(post));
      await expectPost(page, seed, post);
      const expected = await shown(page);

      await open(page, imported, postPath(post));
      await expectPost(page, imported, post);
      await expectImagesLoaded(page, "main article.post", post.images);
      const direct = await shown(page);
      assert.equal(norm(direct.text), norm(expected.text), `the text of « ${post.title} »`);
      assert.deepEqual(direct.images, expected.images, `the images of « ${post.title} »`);
      assert.equal(direct.html, expected.html, `the body's HTML of « ${post.title} »`);
      assert.equal(expected.tags, null, "the seed blog has no tags");
      const tags = post === POSTS[0] ? "Étiquettes : Community management" : null;
      assert.equal(direct.tags && norm(direct.tags), tags, `the tags of « ${post.title} »`);
    }
    // Through the app: from the home page, each post drawn by the wasm.
    for (const post of POSTS) {
      await open(page, imported, "/");
      await page.click(`main article.post-card h2 a[href="${imported.path(postPath(post))}"]`);
      await expectPost(page, imported, post);
      const drawn = await shown(page);
      await open(page, seed, postPath(post));
      await appStarted(page);
      assert.equal(norm(drawn.text), norm((await shown(page)).text), `« ${post.title} » drawn by the app`);
    }
  });
});
