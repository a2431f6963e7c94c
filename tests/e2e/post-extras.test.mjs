// What carnet-core's Markdown adds to a post (issue 13): reading time, table of contents, heading
// anchors, footnotes that link both ways, French typography; and a post in a folder of its own,
// with its image beside it. tests/extras/content is a French blog of three posts made for it; `scripts/test` builds it into CARNET_DIST_EXTRAS (default
// "dist-extras") with `CARNET_CONTENT=tests/extras/content trunk build --release --dist
// dist-extras`. The English seed build, CARNET_DIST_EN (default "dist-en", see
// english.test.mjs), shows that an English blog gets no French spaces.
//
// Each check runs on the pre-rendered page (then hydrated), on the page the app draws after an
// in-app navigation, and, for what needs no script, with JavaScript off.
import { after, before, describe } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { launch } from "./browsers.mjs";
import {
  appStarted,
  attrOf,
  browserSuites,
  clickLink,
  dataPath,
  readBucket,
  eventually,
  expectText,
  marker,
  open,
  servedSuite,
  setMarker,
} from "./harness.mjs";

const DIST_EXTRAS = path.resolve(process.env.CARNET_DIST_EXTRAS ?? "dist-extras");
const BUILD_EXTRAS = "source scripts/env.sh && CARNET_CONTENT=tests/extras/content trunk build --release --dist dist-extras";
const DIST_EN = path.resolve(process.env.CARNET_DIST_EN ?? "dist-en");
const BUILD_EN =
  "source scripts/env.sh && rm -rf target/english && cp -r content target/english && " +
  "printf 'language = \"en\"\\n' >> target/english/site.toml && " +
  "CARNET_CONTENT=target/english trunk build --release --dist dist-en";

const NBSP = "\u00a0";
const NNBSP = "\u202f";
const POST = { slug: "un-plan-clair", path: "/posts/un-plan-clair/" };
/** The title as typed: `Un plan « clair » ? Oui !`; as shown, with French spaces. */
const TITLE = `Un plan «${NBSP}clair${NBSP}»${NNBSP}? Oui${NNBSP}!`;
/** The headings of the post, in order: id, level, text as shown. */
const HEADINGS = [
  ["premier-point", 2, "Premier point"],
  ["un-detail-du-premier-point", 3, "Un détail du premier point"],
  ["deuxieme-point", 2, "Deuxième point"],
  ["conclusion-et-apres", 2, `Conclusion${NBSP}: et après${NNBSP}?`],
];
const ARTICLE = "main article.post";
const BODY = `${ARTICLE} div.post-body`;

/** The post's word count as written in its data (in its bucket file), and the reading time it makes. */
function expectedReadingTime() {
  const built = { server: { root: DIST_EXTRAS } };
  const bucket = readBucket(path.join(DIST_EXTRAS, dataPath(built, POST.path)));
  const words = bucket[POST.path.replace(/^\//, "")].summary.words;
  assert.ok(words > 460, `the post has more than two minutes of words (${words})`);
  return `${Math.max(1, Math.ceil(words / 230))}${NBSP}min de lecture`;
}

/** The table of contents as shown: its label and its links, with their nesting depth. */
const tableOfContents = (page) =>
  page.evaluate((body) => {
    const nav = document.querySelector(`${body} nav.toc`);
    if (!nav) return null;
    return {
      label: nav.getAttribute("aria-label"),
      links: [...nav.querySelectorAll("a")].map((a) => ({
        href: a.getAttribute("href"),
        text: a.textContent,
        depth: (() => {
          let depth = 0;
          for (let e = a; e && e !== nav; e = e.parentElement) if (e.tagName === "OL") depth += 1;
          return depth;
        })(),
        target: document.getElementById(a.getAttribute("href").slice(1))?.tagName ?? null,
      })),
    };
  }, BODY);

/** Checks the table of contents, the anchors, the footnotes and the title on the open post. */
async function expectPostExtras(page) {
  await expectText(page, `${ARTICLE} header p.reading-time`, expectedReadingTime());
  await eventually(async () =>
    assert.equal(await page.evaluate(() => document.querySelector("main h1")?.textContent), TITLE, "the title, spaced"),
  );

  const toc = await eventually(async () => {
    const toc = await tableOfContents(page);
    assert.ok(toc, "a table of contents");
    return toc;
  });
  assert.equal(toc.label, "Sommaire");
  assert.deepEqual(
    toc.links,
    HEADINGS.map(([id, level, text]) => ({ href: `#${id}`, text, depth: level - 1, target: `H${level}` })),
    "the table of contents links every heading, nested by level",
  );

  const anchors = await page.evaluate((body) =>
    [...document.querySelectorAll(`${body} :is(h2, h3) a.heading-anchor`)].map((a) => ({
      heading: a.parentElement.id,
      href: a.getAttribute("href"),
      name: a.getAttribute("aria-label"),
      text: a.textContent,
      tabIndex: a.tabIndex,
    })), BODY);
  assert.deepEqual(
    anchors,
    HEADINGS.map(([id, , text]) => ({
      heading: id,
      href: `#${id}`,
      name: `Lien vers cette section${NBSP}: ${text}`,
      text: "#",
      tabIndex: 0,
    })),
    "every heading has a named anchor link to itself",
  );

  // Footnotes: `source` is referenced twice, `autre` once; each note links back to each reference.
  const notes = await page.evaluate((body) => ({
    references: [...document.querySelectorAll(`${body} sup.footnote-reference`)].map((sup) => [
      sup.id,
      sup.querySelector("a").getAttribute("href"),
    ]),
    back: Object.fromEntries(
      [...document.querySelectorAll(`${body} .footnote-definition`)].map((note) => [
        note.id,
        [...note.querySelectorAll("a.footnote-back")].map((a) => [a.getAttribute("href"), a.getAttribute("aria-label")]),
      ]),
    ),
  }), BODY);
  assert.deepEqual(notes.references, [
    ["note-source-ref", "#note-source"],
    ["note-source-ref-2", "#note-source"],
    ["note-autre-ref", "#note-autre"],
  ]);
  assert.deepEqual(notes.back, {
    "note-source": [
      ["#note-source-ref", "Retour à l’appel de note 1"],
      ["#note-source-ref-2", "Retour à l’appel de note 2"],
    ],
    "note-autre": [["#note-autre-ref", "Retour à l’appel de note"]],
  });

  // Typography stays out of code.
  const code = await page.evaluate((body) => [...document.querySelectorAll(`${body} code`)].map((c) => c.textContent), BODY);
  assert.deepEqual(code, ["a ? b : c", "let x = a ? b : c; // « pas de typographie » ici !\n"]);
  const prose = await page.evaluate((body) => document.querySelector(`${body} p`).textContent, BODY);
  assert.ok(prose.includes(`«${NBSP}guillemets${NBSP}»${NNBSP}; il dit${NBSP}: «${NBSP}bonjour${NBSP}»${NNBSP}!`), prose);
  const times = await page.evaluate((body) => document.querySelector(`${body}`).textContent, BODY);
  assert.ok(times.includes("10:30, et une adresse, http://example.org/?q=1."), "times and URLs untouched");
}

/** Follows `selector`'s link by a real click and waits until the URL's hash is `hash`, on the same page. */
async function follow(page, selector, hash) {
  const before = new URL(page.url()).pathname;
  // Plain evaluate, not page.$: puppeteer's query handlers do not run in Firefox without script.
  const handle = (await page.evaluateHandle((selector) => document.querySelector(selector), selector)).asElement();
  assert.ok(handle, `a link ${selector}`);
  await handle.click();
  await handle.dispose();
  await eventually(async () => {
    const url = new URL(page.url());
    assert.equal(url.hash, hash, `followed ${selector}`);
    assert.equal(url.pathname, before, "still on the post");
  });
  // The target is scrolled to: it is in the window.
  await eventually(async () => {
    const top = await page.evaluate((id) => document.getElementById(id).getBoundingClientRect().top, hash.slice(1));
    assert.ok(top >= -1 && top < 720, `#${hash.slice(1)} is in view (top ${top})`);
  });
}

/** The TOC, a heading anchor and the footnotes, followed by clicks. */
async function followLinks(page) {
  await follow(page, `${BODY} nav.toc a[href="#deuxieme-point"]`, "#deuxieme-point");
  await follow(page, `${BODY} nav.toc a[href="#un-detail-du-premier-point"]`, "#un-detail-du-premier-point");
  await follow(page, `${BODY} #conclusion-et-apres a.heading-anchor`, "#conclusion-et-apres");
  await follow(page, `${BODY} #note-source-ref-2 a`, "#note-source");
  await follow(page, `${BODY} #note-source a.footnote-back[href="#note-source-ref-2"]`, "#note-source-ref-2");
  await follow(page, `${BODY} #note-autre-ref a`, "#note-autre");
  await follow(page, `${BODY} #note-autre a.footnote-back`, "#note-autre-ref");
}

browserSuites("a post's reading time, contents, anchors, notes and French spaces", (browserName) => {
  const { site, pageTest } = servedSuite(browserName, DIST_EXTRAS, BUILD_EXTRAS);

  pageTest("pre-rendered: reading time, contents, anchors, notes, spaces; every link goes where it says", async ({ page }) => {
    await open(page, site, POST.path);
    await expectPostExtras(page);
    assert.equal(await page.title(), `${TITLE} — Carnet extras`);
    await followLinks(page);
  });

  pageTest("drawn by the app after a click from the home page: the same", async ({ page }) => {
    await open(page, site, "/");
    // The card shows the title with its spaces, and the reading time.
    const card = await page.evaluate(() => {
      const card = [...document.querySelectorAll("main article.post-card")].find((c) =>
        c.querySelector("h2 a").getAttribute("href").endsWith("/un-plan-clair/"),
      );
      return { title: card.querySelector("h2").textContent.trim(), time: card.querySelector(".reading-time")?.textContent };
    });
    assert.deepEqual(card, { title: TITLE, time: expectedReadingTime() });
    await setMarker(page);
    await clickLink(page, "main article.post-card h2", TITLE.replace(/\s+/g, " "));
    await eventually(async () => assert.equal(new URL(page.url()).pathname, POST.path));
    await expectPostExtras(page);
    await followLinks(page);
    assert.equal(await marker(page), 1, "the app drew the post, no reload");
    // A post with two headings has no table of contents, but its anchors.
    await page.goto(site.url("/posts/court-et-simple/"));
    await expectText(page, `${ARTICLE} header h1`, "Court « et » simple");
    assert.equal(await page.evaluate((body) => document.querySelectorAll(`${body} nav`).length, BODY), 0);
    assert.equal(await page.evaluate((body) => document.querySelectorAll(`${body} a.heading-anchor`).length, BODY), 2);
  });

  pageTest("a post in a folder of its own shows the image beside it, loaded whole and drawn by the app", async ({ page }) => {
    const photo = `${ARTICLE} div.post-body img`;
    /** The image's address and whether it loaded (its pixels are there). */
    const shown = () =>
      page.evaluate(async (selector) => {
        const img = document.querySelector(selector);
        if (!img) return null;
        await img.decode().catch(() => {});
        return { src: new URL(img.src).pathname, loaded: img.complete && img.naturalWidth > 0 };
      }, photo);
    const expected = { src: "/posts/un-billet-et-sa-photo/photo.svg", loaded: true };
    await open(page, site, "/posts/un-billet-et-sa-photo/");
    await eventually(async () => assert.deepEqual(await shown(), expected, "the pre-rendered post's image"));
    await open(page, site, "/");
    await setMarker(page);
    await clickLink(page, "main article.post-card h2", "Un billet et sa photo");
    await eventually(async () => assert.equal(new URL(page.url()).pathname, "/posts/un-billet-et-sa-photo/"));
    await eventually(async () => assert.deepEqual(await shown(), expected, "the image the app drew"));
    assert.equal(await marker(page), 1, "the app drew the post, no reload");
  });

  // Chromium asks a document that is an image for /favicon.ico, which the site has not.
  pageTest("a link to a file, or to a page without its slash, is loaded by the browser: the file, and the page at its own address", { failing: ["/favicon.ico"] }, async ({ page }) => {
    const post = "/posts/un-billet-et-sa-photo/";
    await open(page, site, "/");
    await clickLink(page, "main article.post-card h2", "Un billet et sa photo");
    await eventually(async () => assert.equal(new URL(page.url()).pathname, post));
    // Drawn by the app: its links are the ones its router would follow.
    await clickLink(page, BODY, "La photo en grand");
    await eventually(async () => assert.equal(new URL(page.url()).pathname, `${post}photo.svg`));
    await eventually(async () =>
      assert.equal(await page.evaluate(() => document.documentElement.localName), "svg", "the image itself, not the app's « Page introuvable »"),
    );
    await open(page, site, post);
    await clickLink(page, BODY, "le billet court");
    await eventually(async () => assert.equal(new URL(page.url()).pathname, "/posts/court-et-simple/"));
    await expectText(page, `${ARTICLE} header h1`, "Court « et » simple");
  });

  pageTest("an address the post had before (its aliases) sends the reader on to the post", async ({ page }) => {
    for (const alias of ["/2024/05/court/", "/2024/05/court", "/ancien-billet.html"]) {
      await page.goto(site.url(alias));
      await eventually(async () => assert.equal(new URL(page.url()).pathname, "/posts/court-et-simple/", alias));
      await expectText(page, `${ARTICLE} header h1`, "Court « et » simple");
      // Left once the app has started: leaving while its wasm is coming aborts that fetch,
      // which Firefox reports as an uncaught error of the page left (Trunk's loader).
      await appStarted(page);
    }
  });

  pageTest("a post's last change is said in its byline and its head, pre-rendered and drawn by the app", async ({ page }) => {
    const SHORT = "/posts/court-et-simple/";
    const BYLINE = `${ARTICLE} header p.byline`;
    /** The byline's text and the head's modified_time (null: none). */
    const said = () =>
      page.evaluate((byline) => ({
        text: document.querySelector(byline)?.textContent.replace(/\s+/g, " ").trim(),
        modified: document.querySelector('meta[property="article:modified_time"]')?.getAttribute("content") ?? null,
      }), BYLINE);
    const changed = {
      text: "Publié le 1er mai 2024 dans Essais par extras, mis à jour le 15 juin 2024",
      modified: "2024-06-15",
    };
    await open(page, site, SHORT);
    await eventually(async () => assert.deepEqual(await said(), changed, "pre-rendered"));
    // The home page's card says when it was published, not when it changed.
    await open(page, site, "/");
    const cards = await page.evaluate(() =>
      [...document.querySelectorAll("main article.post-card p.byline")].map((p) => p.textContent),
    );
    assert.ok(cards.length === 3 && cards.every((text) => !text.includes("mis à jour")), cards.join(" | "));
    await setMarker(page);
    await clickLink(page, "main article.post-card h2", "Court « et » simple");
    await eventually(async () => assert.equal(new URL(page.url()).pathname, SHORT));
    await eventually(async () => assert.deepEqual(await said(), changed, "drawn by the app"));
    // On to a post without a change: the line and the tag go.
    await clickLink(page, ".neighbours", TITLE.replace(/\s+/g, " "));
    await eventually(async () => assert.equal(new URL(page.url()).pathname, POST.path));
    await eventually(async () =>
      assert.deepEqual(await said(), { text: "Publié le 2 mai 2024 dans Essais par extras", modified: null }),
    );
    assert.equal(await marker(page), 1, "the app drew both posts, no reload");
  });

  pageTest("a post's link-preview image is in its head, pre-rendered and changed by the app", async ({ page }) => {
    /** The path of the head's og:image (null: none) and its twitter:card. */
    const preview = () =>
      page.evaluate(() => {
        const image = document.querySelector('meta[property="og:image"]')?.getAttribute("content");
        return {
          image: image ? new URL(image).pathname : null,
          card: document.querySelector('meta[name="twitter:card"]')?.getAttribute("content"),
        };
      });
    const named = { image: "/images/marketing-personnel.svg", card: "summary_large_image" };
    const first = { image: "/posts/un-billet-et-sa-photo/photo.svg", card: "summary_large_image" };
    const none = { image: null, card: "summary" };
    await open(page, site, "/posts/court-et-simple/");
    await eventually(async () => assert.deepEqual(await preview(), named, "its front matter's, pre-rendered"));
    await open(page, site, "/");
    assert.deepEqual(await preview(), none, "the home page has none");
    await setMarker(page);
    await clickLink(page, "main article.post-card h2", "Un billet et sa photo");
    await eventually(async () => assert.deepEqual(await preview(), first, "its first image, drawn by the app"));
    await clickLink(page, ".neighbours", "Court « et » simple");
    await eventually(async () => assert.deepEqual(await preview(), named, "drawn by the app"));
    await clickLink(page, ".neighbours", TITLE.replace(/\s+/g, " "));
    await eventually(async () => assert.deepEqual(await preview(), none, "a post without an image"));
    assert.equal(await marker(page), 1, "the app drew the three posts, no reload");
  });

  pageTest("the anchors are reached with the keyboard, and followed with Enter", async ({ page }) => {
    await open(page, site, POST.path);
    await expectPostExtras(page);
    // Tab from the top of the page through it, noting every focused link in the post's body.
    const focused = [];
    for (let i = 0; i < 60; i += 1) {
      await page.keyboard.press("Tab");
      const now = await page.evaluate(() => {
        const a = document.activeElement;
        return a?.closest("div.post-body") ? `${a.className}|${a.getAttribute("href") ?? a.tagName}` : null;
      });
      if (now) focused.push(now);
      if (now === "heading-anchor|#conclusion-et-apres") break;
    }
    for (const [id] of HEADINGS) {
      assert.ok(focused.includes(`heading-anchor|#${id}`), `the anchor of #${id} is in the tab order: ${focused.join(", ")}`);
    }
    // The table of contents comes first, folded or not by its summary.
    assert.equal(focused[0], "|SUMMARY");
    await page.keyboard.press("Enter");
    await eventually(async () => assert.equal(new URL(page.url()).hash, "#conclusion-et-apres"));
  });

  describe("JavaScript disabled", () => {
    let noScript;
    before(async () => {
      noScript = await launch(browserName, { javascript: false });
    });
    after(async () => {
      await noScript?.close();
    });

    pageTest("an alias's page sends the reader on without script too", { browser: () => noScript }, async ({ page }) => {
      await page.goto(site.url("/2024/05/court/"));
      await eventually(async () => assert.equal(new URL(page.url()).pathname, "/posts/court-et-simple/"));
      await expectText(page, `${ARTICLE} header h1`, "Court « et » simple");
    });

    pageTest("the pre-rendered post has it all, and its links work", { browser: () => noScript }, async ({ page }) => {
      await open(page, site, POST.path, { app: false });
      // Every link's target exists (checked in expectPostExtras). Following them by clicks is
      // checked in Chromium only: without script, Firefox runs no timers, so waiting for the
      // new hash cannot be retried there.
      await expectPostExtras(page);
      if (browserName === "chromium") await followLinks(page);
    });
  });
});

browserSuites("an English blog gets no French spaces", (browserName) => {
  const { site, pageTest } = servedSuite(browserName, DIST_EN, BUILD_EN);

  pageTest("the seed post's title and text keep the spaces typed; its reading time is in English", async ({ page }) => {
    await open(page, site, "/posts/community-manager-un-metier-transparent/");
    const shown = await page.evaluate(() => ({
      title: document.querySelector("main h1").textContent,
      head: document.title,
      body: document.querySelector("main div.post-body").textContent,
      time: document.querySelector("main header .reading-time").textContent,
    }));
    assert.equal(shown.title, "Community manager : un métier « transparent » ?");
    assert.ok(!/[\u00a0\u202f]/.test(shown.title + shown.head), "no no-break space in the title");
    assert.ok(shown.body.includes("il glande !"), "nor in the body");
    assert.match(shown.time, /^\d+\u00a0min read$/);
    assert.equal(await attrOf(page, "html", "lang"), "en");
  });
});
