// Highlighted code blocks. tests/highlight/content is a blog whose post « Du code coloré » holds
// fenced blocks in Rust (```rust,ignore), Python (```Python) and HTML, one without a language,
// one in an unknown language and an indented one; `scripts/test` builds it into
// CARNET_DIST_HIGHLIGHT (default "dist-highlight") with
// `CARNET_CONTENT=tests/highlight/content trunk build --release --dist dist-highlight`.
//
// The content tool highlights at build time and the post's data carries the tokens: the
// pre-rendered page and the app (after a click from the home page) must show the very same HTML,
// with the tokens' spans in the blocks with a known language and none elsewhere; the token
// colours follow the dark scheme (and a `data-theme` on <html>), readable (AA) in both themes.
import { after, before } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { launch } from "./browsers.mjs";
import { serve } from "./server.mjs";
import {
  browserSuites,
  checkBuild,
  clickLink,
  eventually,
  marker,
  open,
  pageTester,
  pathname,
  setMarker,
  siteOf,
} from "./harness.mjs";

const DIST_HIGHLIGHT = path.resolve(process.env.CARNET_DIST_HIGHLIGHT ?? "dist-highlight");
const BUILD_HIGHLIGHT =
  "source scripts/env.sh && CARNET_CONTENT=tests/highlight/content trunk build --release --dist dist-highlight";
const POST = "/posts/code/";
const TITLE = "Du code coloré";

/** In the page: each code block of the post, with its tokens (class and text). */
function codeBlocks() {
  return [...document.querySelectorAll(".post-body pre > code")].map((code) => ({
    text: code.textContent,
    tokens: [...code.querySelectorAll("span")].map((span) => [span.className, span.textContent]),
  }));
}

/** Checks the post's blocks: spans where a language is known, none elsewhere, code escaped. */
async function expectHighlighted(page) {
  const blocks = await page.evaluate(codeBlocks);
  assert.equal(blocks.length, 6, "six code blocks");
  const [rust, python, html, ...plain] = blocks;
  const has = (block, kind, text) =>
    assert.ok(
      block.tokens.some(([c, t]) => c === `hl-${kind}` && t.trim() === text),
      `a ${kind} « ${text} » in ${JSON.stringify(block.tokens)}`,
    );
  has(rust, "comment", "// Une fonction");
  has(rust, "keyword", "fn");
  has(rust, "function", "main");
  has(rust, "keyword", "let");
  has(rust, "number", "42");
  has(rust, "macro", "println!");
  assert.ok(rust.text.includes('println!("<b>{answer}</b> & co");'), "the Rust code reads as written");
  has(python, "keyword", "def");
  has(html, "tag", "p");
  assert.ok(html.text.includes("<script>alert(1)</script>"), "the HTML in the code is shown, not run");
  for (const block of plain) assert.deepEqual(block.tokens, [], `no spans in ${JSON.stringify(block.text)}`);
  assert.equal(
    await page.evaluate(() => document.querySelectorAll(".post-body script, .post-body p.x").length),
    0,
    "nothing in a code block became an element",
  );
  // Every span's class is a token's, one each: nothing else was let through.
  for (const block of blocks) {
    for (const [c] of block.tokens) assert.match(c, /^hl-[a-z]+$/);
  }
}

/** The post body's HTML, without the empty comments Leptos leaves as markers around views. */
const bodyHtml = (page) =>
  page.evaluate(() => document.querySelector(".post-body").innerHTML.replaceAll("<!---->", ""));

/** Relative luminance (WCAG) of a computed `rgb(…)` colour. */
const luminance = (color) => {
  const [r, g, b] = color
    .match(/[\d.]+/g)
    .slice(0, 3)
    .map((c) => Number(c) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (a, b) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};

/** In the page: the colour of each token kind present, and the code panel's background. */
function tokenColors() {
  const colors = {};
  for (const span of document.querySelectorAll(".post-body pre span[class^='hl-']")) {
    colors[span.className] = getComputedStyle(span).color;
  }
  return {
    scheme: matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light",
    panel: getComputedStyle(document.querySelector(".post-body pre")).backgroundColor,
    colors,
  };
}

function expectReadable({ scheme, panel, colors }) {
  assert.ok(Object.keys(colors).length >= 5, `several token kinds (${Object.keys(colors)})`);
  for (const [kind, color] of Object.entries(colors)) {
    const ratio = contrast(color, panel);
    assert.ok(ratio >= 4.5, `${kind} ${color} on ${panel} in ${scheme}: ${ratio.toFixed(2)}:1 (AA is 4.5)`);
  }
}

browserSuites("highlighted code", (browserName) => {
  let browser;
  let site;
  // Chromium emulates the colour scheme per page; Firefox over WebDriver BiDi and WebKit over
  // classic WebDriver cannot, so their dark pages come from a browser launched dark (as in
  // blog.test.mjs).
  let darkBrowser;
  before(async () => {
    checkBuild(DIST_HIGHLIGHT, BUILD_HIGHLIGHT);
    site = siteOf(await serve(DIST_HIGHLIGHT, { base: "/" }));
    browser = await launch(browserName);
    if (browserName !== "chromium") darkBrowser = await launch(browserName, { dark: true });
  });
  after(async () => {
    await darkBrowser?.close();
    await browser?.close();
    await site?.server.close();
  });
  const pageTest = pageTester({ browser: () => browser, site: () => site });

  pageTest("the pre-rendered post holds the spans, before any script runs", async ({ page }) => {
    await open(page, site, POST);
    // The page as the server sent it, before any script ran.
    const html = await fetch(site.url(POST)).then((response) => response.text());
    assert.ok(html.includes('<span class="hl-keyword">fn</span>'), "the page's HTML has the Rust tokens");
    assert.ok(html.includes('&lt;<span class="hl-tag">script</span>&gt;'), "the HTML in the code is escaped");
    assert.ok(!html.includes("<script>alert(1)"), "no script element from the code");
    await expectHighlighted(page);
  });

  pageTest("the same HTML on a direct load and after a click in the app", async ({ page }) => {
    await open(page, site, POST);
    await expectHighlighted(page);
    const direct = await bodyHtml(page);

    await open(page, site, "/");
    await setMarker(page);
    await clickLink(page, "main", TITLE);
    await eventually(async () => assert.equal(pathname(page), POST));
    await eventually(async () => assert.equal((await page.evaluate(codeBlocks)).length, 6));
    assert.equal(await marker(page), 1, "the app drew the post, no reload");
    await expectHighlighted(page);
    assert.equal(await bodyHtml(page), direct, "the app renders the very HTML the page was built with");
  });

  pageTest(
    "a code block wider than the screen takes the keyboard's focus, and the arrows scroll it",
    { viewport: { width: 480, height: 800 } },
    async ({ page }) => {
      await open(page, site, POST);
      const wide = () =>
        page.evaluate(() =>
          [...document.querySelectorAll(".post-body pre")]
            .filter((pre) => pre.scrollWidth > pre.clientWidth)
            .map((pre) => pre.tabIndex),
        );
      const tabIndexes = await wide();
      assert.ok(tabIndexes.length >= 1, "a code block scrolls sideways at this width");
      assert.deepEqual(tabIndexes, tabIndexes.map(() => 0), "each is in the tab order");
      await page.evaluate(() => {
        const pre = [...document.querySelectorAll(".post-body pre")].find((pre) => pre.scrollWidth > pre.clientWidth);
        pre.id = "wide";
        pre.focus();
      });
      assert.equal(await page.evaluate(() => document.activeElement?.id), "wide");
      for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowRight");
      await eventually(async () => assert.ok(await page.evaluate(() => document.getElementById("wide").scrollLeft > 0), "scrolled"));
    },
  );

  pageTest("token colours follow the theme and are readable in both", async ({ page }) => {
    await open(page, site, POST);
    const light = await page.evaluate(tokenColors);
    assert.equal(light.scheme, "light");
    expectReadable(light);

    // A theme switch sets data-theme on <html>: the tokens follow it.
    await page.evaluate(() => {
      document.documentElement.dataset.theme = "dark";
    });
    const switched = await page.evaluate(tokenColors);
    assert.notEqual(switched.colors["hl-keyword"], light.colors["hl-keyword"], "data-theme=dark changes the colours");
    await page.evaluate(() => {
      delete document.documentElement.dataset.theme;
    });

    let dark;
    if (darkBrowser) {
      const context = await darkBrowser.createBrowserContext();
      try {
        const darkPage = await context.newPage();
        await darkPage.goto(site.url(POST), { waitUntil: "load" });
        dark = await darkPage.evaluate(tokenColors);
      } finally {
        await context.close();
      }
    } else {
      await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "dark" }]);
      dark = await page.evaluate(tokenColors);
    }
    assert.equal(dark.scheme, "dark", "the page sees prefers-color-scheme: dark");
    expectReadable(dark);
    for (const kind of Object.keys(light.colors)) {
      assert.notEqual(dark.colors[kind], light.colors[kind], `${kind} differs in the dark theme`);
    }
    assert.deepEqual(dark.colors, switched.colors, "data-theme=dark gives the system's dark colours");
  });
});
