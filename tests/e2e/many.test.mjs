// A generated blog of 30 posts (`scripts/carnet generate --posts 30`, built into CARNET_DIST_MANY,
// default "dist-many"; `scripts/test` makes it), each with « réseau »: what only a blog of more
// than ten posts shows. Search's « Plus de résultats », and a list page of ten cards that Back
// and a reload bring back to the card the reader left.
import assert from "node:assert/strict";
import path from "node:path";
import {
  attrs,
  axeViolations,
  browserSuites,
  clickLink,
  eventually,
  expectText,
  marker,
  norm,
  open,
  pathname,
  scrollY,
  servedSuite,
  setMarker,
  settle,
} from "./harness.mjs";

const DIST_MANY = path.resolve(process.env.CARNET_DIST_MANY ?? "dist-many");
const BUILD_MANY =
  "scripts/carnet generate --posts 30 --content target/many && source scripts/env.sh && CARNET_CONTENT=target/many trunk build --release --dist dist-many";
const BOX = "#search-box";

browserSuites("thirty posts", (browserName) => {
  const { site, pageTest } = servedSuite(browserName, DIST_MANY, BUILD_MANY);
  const MORE = "main button.more-results";
  /** The results' paths, in order. */
  const shown = async (page) =>
    (await attrs(page, "main .search-results li h2 a", "href")).map((href) => new URL(href).pathname);
  const count = (page, selector) => page.evaluate((selector) => document.querySelectorAll(selector).length, selector);

  pageTest("« Plus de résultats » shows ten more, the focus on the first of them, and Back from one shows them all again", async ({ page }) => {
    await open(page, site, "/search/?q=r%C3%A9seau");
    await expectText(page, "main .search-status", "30 résultats");
    await eventually(async () => assert.equal((await shown(page)).length, 10));
    const ten = await shown(page);
    await expectText(page, MORE, "Plus de résultats");
    assert.equal(norm(await page.title()), "réseau — Rechercher — Carnet");
    await setMarker(page);
    await page.click(MORE);
    await eventually(async () => assert.equal((await shown(page)).length, 20));
    const twenty = await shown(page);
    assert.deepEqual(twenty.slice(0, 10), ten, "the first ten stay, in their order");
    assert.equal(new Set(twenty).size, 20, "ten others after them");
    // A keyboard reader goes on from the first new result; the address keeps how many.
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute("href"));
    await eventually(async () => assert.equal(new URL(await focused()).pathname, twenty[10]));
    assert.equal(new URL(page.url()).searchParams.get("n"), "20");
    // The first five of each ten have their passage.
    const passages = () =>
      page.evaluate(() => [...document.querySelectorAll("main .search-results li")].map((li) => li.querySelector(".passage") !== null));
    await eventually(async () => assert.deepEqual(await passages(), [...Array(20).keys()].map((at) => at % 10 < 5)));
    await page.keyboard.press("Enter");
    await eventually(async () => assert.equal(pathname(page), twenty[10]));
    await page.goBack();
    await eventually(async () => assert.deepEqual(await shown(page), twenty));
    assert.equal(await marker(page), 1, "followed and back in the app, without a reload");
    // Back where the reader left: the result they followed has the focus, in view.
    await eventually(async () => assert.equal(new URL(await focused()).pathname, twenty[10]));
    const inView = await page.evaluate(() => {
      const box = document.activeElement.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= innerHeight;
    });
    assert.ok(inView, "the result followed is in view");
    // The last ten: nothing more to show.
    await page.click(MORE);
    await eventually(async () => assert.equal((await shown(page)).length, 30));
    assert.equal(await count(page, MORE), 0);
    await page.reload({ waitUntil: "load" });
    await eventually(async () => assert.equal((await shown(page)).length, 30, "the address shows as many again"));
    // An address asking for a number of results that is no multiple of ten shows the next one.
    await open(page, site, "/search/?q=r%C3%A9seau&n=15");
    await eventually(async () => assert.equal((await shown(page)).length, 20));
    // Another query starts again at ten.
    await page.focus(BOX);
    await page.keyboard.press("End");
    await page.keyboard.type(" ");
    await eventually(async () => assert.deepEqual(await shown(page), ten));
    assert.equal(new URL(page.url()).searchParams.get("n"), null);
    await expectText(page, MORE, "Plus de résultats");
  });

  pageTest("the search page with more results to show has no accessibility violation, in either theme", async ({ page }) => {
    await open(page, site, "/");
    for (const theme of ["light", "dark"]) {
      await page.evaluate((theme) => localStorage.setItem("carnet-theme", theme), theme);
      await open(page, site, "/search/?q=r%C3%A9seau&n=20");
      await eventually(async () => assert.equal((await shown(page)).length, 20));
      await expectText(page, MORE, "Plus de résultats");
      assert.deepEqual(await axeViolations(page), [], `axe-core (${theme})`);
    }
  });

  pageTest("back to a list page, and a reload of it, land on the card the reader left", async ({ page }) => {
    const CARD_TITLES = "main article.post-card h2 a";
    await open(page, site, "/");
    await setMarker(page);
    // The eighth of the ten cards at the top of the window, far down the page.
    const title = await page.evaluate((selector) => {
      const link = document.querySelectorAll(selector)[7];
      link.closest("article").scrollIntoView({ block: "start" });
      return link.textContent;
    }, CARD_TITLES);
    await settle(page);
    // Where the reader was when they left (a driver may scroll the link into view to click it).
    await page.evaluate(() => {
      addEventListener("click", () => (window.__leftAt = scrollY), { capture: true, once: true });
    });
    await clickLink(page, "main article.post-card h2", norm(title));
    const left = await page.evaluate(() => window.__leftAt);
    assert.ok(left > 1000, `the home page was scrolled far down when left (scrollY ${left})`);
    await eventually(async () => assert.notEqual(pathname(page), "/"));
    const back = async (how) => {
      const y = await scrollY(page);
      assert.ok(Math.abs(y - left) <= 10, `${how} lands where the reader left: expected scrollY ≈ ${left}, got ${y}`);
    };
    await page.goBack();
    await eventually(async () => assert.equal(pathname(page), "/"));
    await eventually(() => back("Back"), 3000);
    // …and stays there once the page has settled.
    await settle(page);
    await back("Back");
    assert.equal(await marker(page), 1, "going back did not reload");
    await page.reload({ waitUntil: "load" });
    await eventually(() => back("a reload"), 3000);
    await settle(page);
    await back("a reload");
  });
});
