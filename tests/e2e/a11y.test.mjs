// Accessibility, the theme switch and print, in every browser of CARNET_BROWSERS, on the release
// build in CARNET_DIST (default "dist") served at / like GitHub Pages.
//
// - axe-core (npm) finds no violation on any route, pre-rendered and drawn by the app, in the
//   light and the dark theme;
// - the skip link is the first thing Tab reaches, and a whole visit (home → category → post →
//   back) goes by keyboard alone; after each in-app navigation the focus is on the new page's
//   heading and the polite live region says the new title (and says nothing on a first load);
// - the theme chosen with the switch is applied on the next load before anything is drawn (at
//   DOMContentLoaded, even when the wasm never comes), and survives a reload;
// - printed, a post has no navigation, sidebar or switch, web links show their address, code
//   wraps. Chromium emulates print media (`emulateMediaType('print')`); puppeteer cannot over
//   Firefox's WebDriver BiDi, so there the style sheet's print rules are made to apply to the
//   screen (CSSOM, which the Content Security Policy allows) and the same styles are checked.
import { after, before } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { serve } from "./server.mjs";
import {
  axeViolations,
  ARCHIVE,
  BUILD_ROOT,
  appStarted,
  CATEGORIES,
  DIST,
  HOME,
  POSTS,
  attrOf,
  browserSuites,
  categoryPage,
  eventually,
  expectPage,
  monthPage,
  norm,
  notFoundPage,
  open,
  postPage,
  marker,
  servedSuite,
  setMarker,
  settle,
  siteOf,
} from "./harness.mjs";


/** The key and values of carnet_core::theme. */
const THEME_KEY = "carnet-theme";
/** The page's background in each theme (style.css: --bg). */
const BACKGROUND = { light: "rgb(253, 251, 247)", dark: "rgb(27, 25, 23)" };
/** The switch's buttons, in French. */
const SWITCH = { light: "Clair", dark: "Sombre", system: "Système" };

/** Every kind of route of the seed blog, with what its page shows once there. */
const ROUTES = [
  HOME,
  postPage(POSTS[0]),
  categoryPage(CATEGORIES[0]),
  monthPage(POSTS[1].month),
  ARCHIVE,
  { ...notFoundPage("/nowhere/"), status: 404 },
];
// A second page of the home list, when the blog has one.
if (fs.existsSync(path.join(DIST, "page", "2", "index.html"))) ROUTES.push({ path: "/page/2/", title: "Page 2 — Carnet" });

/** What the focused element is: its tag, text and whether it is `selector`. */
const focused = (page, selector) =>
  page.evaluate((selector) => {
    const element = document.activeElement;
    return {
      tag: element?.tagName.toLowerCase(),
      text: (element?.textContent ?? "").replace(/\s+/g, " ").trim(),
      matches: element ? element.matches(selector) : false,
    };
  }, selector);

/**
 * Presses Tab (Shift+Tab with `back`) until the focus is on a link or button in `scope` named
 * `name`; fails after 80.
 */
async function tabTo(page, scope, name, { back = false } = {}) {
  for (let i = 0; i < 80; i++) {
    if (back) await page.keyboard.down("Shift");
    await page.keyboard.press("Tab");
    if (back) await page.keyboard.up("Shift");
    const here = await page.evaluate(
      (scope, name) => {
        const element = document.activeElement;
        const text = (element?.textContent ?? "").replace(/\s+/g, " ").trim();
        return Boolean(element?.matches(`${scope} a, ${scope} button`)) && text === name;
      },
      scope,
      name,
    );
    if (here) return;
  }
  assert.fail(`Tab never reached « ${name} » in ${scope}`);
}

/** The text of the polite live region. */
const announcement = (page) =>
  page.evaluate(() => (document.querySelector('[role="status"][aria-live="polite"]')?.textContent ?? "").trim());

/** After an in-app navigation to `route`: focus on its h1, its title announced. */
async function expectArrival(page, site, route) {
  await expectPage(page, site, route);
  await eventually(async () => {
    const now = await focused(page, "main h1");
    assert.ok(now.matches, `the focus is on the page's heading (it is on a ${now.tag} « ${now.text} »)`);
    assert.equal(now.text, norm(route.h1 ?? "Derniers billets"));
  });
  assert.equal(await attrOf(page, "main h1", "tabindex"), "-1", "the heading takes the focus, out of the tab order");
  await eventually(async () => assert.equal(norm(await announcement(page)), norm(route.title), "announced"));
}

/** The theme attribute and page background, as the page was at DOMContentLoaded. */
const AT_DOM_CONTENT_LOADED = () => {
  document.addEventListener("DOMContentLoaded", () => {
    window.__atDomContentLoaded = {
      theme: document.documentElement.getAttribute("data-theme"),
      background: getComputedStyle(document.body).backgroundColor,
    };
  });
};

browserSuites("accessibility, theme and print", (browserName) => {
  const { site, pageTest } = servedSuite(browserName, DIST, BUILD_ROOT);

  for (const theme of ["light", "dark"]) {
    pageTest(`axe-core: no violation on any route, in the ${theme} theme`, async ({ page }) => {
      await open(page, site, "/");
      await page.evaluate((key, theme) => localStorage.setItem(key, theme), THEME_KEY, theme);
      for (const route of ROUTES) {
        await open(page, site, route.path, { status: route.status ?? 200 });
        await expectPage(page, site, route);
        assert.equal(await attrOf(page, "html", "data-theme"), theme);
        assert.equal(
          await page.evaluate(() => getComputedStyle(document.body).backgroundColor),
          BACKGROUND[theme],
          `the ${theme} background at ${route.path}`,
        );
        assert.deepEqual(await axeViolations(page), [], `axe-core at ${route.path} (${theme})`);
      }
      // A page the app drew itself, after an in-app navigation, with its announcement.
      await open(page, site, "/");
      await page.evaluate((href) => document.querySelector(`main a[href="${href}"]`).click(), site.path(`/posts/${POSTS[1].slug}/`));
      await expectArrival(page, site, postPage(POSTS[1]));
      assert.deepEqual(await axeViolations(page), [], `axe-core after an in-app navigation (${theme})`);
    });
  }

  pageTest("a link to a section of another page shows that section, focused, once the page is drawn", async ({ page }) => {
    // The router shows a new page from its top: the section was left a screen or more below.
    const post = POSTS.find((post) => post.slug === "community-manager-un-metier-transparent");
    const section = "definir-un-community-manager";
    await open(page, site, "/");
    await setMarker(page);
    await page.evaluate((href) => {
      const link = document.createElement("a");
      link.href = href;
      link.id = "to-section";
      link.textContent = "La définition";
      document.querySelector("main").prepend(link);
    }, site.path(`/posts/${post.slug}/#${section}`));
    await page.click("#to-section");
    await expectPage(page, site, postPage(post));
    await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.id), section));
    const seen = await page.evaluate((id) => {
      const top = document.getElementById(id).getBoundingClientRect().top;
      return { top, scrolled: window.scrollY, height: window.innerHeight };
    }, section);
    assert.ok(seen.scrolled > 0 && seen.top >= -1 && seen.top < seen.height / 2, `the section is shown: ${JSON.stringify(seen)}`);
    assert.equal(await marker(page), 1, "followed in the app");
  });

  pageTest("landmarks are named, the skip link comes first and leads to the content", async ({ page }) => {
    await open(page, site, postPage(POSTS[0]).path);
    const landmarks = await page.evaluate(() =>
      ["header.site-header", "header.site-header nav", "main", "aside.sidebar", "footer.site-footer"].map((selector) => {
        const element = document.querySelector(selector);
        return { selector, name: element?.getAttribute("aria-label") ?? element?.getAttribute("aria-labelledby") };
      }),
    );
    for (const { selector, name } of landmarks) assert.ok(name, `${selector} has a name`);
    assert.equal(await announcement(page), "", "nothing announced on a first load");

    await page.keyboard.press("Tab");
    const first = await focused(page, "a.skip-link");
    assert.ok(first.matches, `the first Tab reaches the skip link (it reached a ${first.tag} « ${first.text} »)`);
    assert.equal(first.text, "Aller au contenu");
    const ring = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement);
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth), top: document.activeElement.getBoundingClientRect().top };
    });
    assert.equal(ring.style, "solid", "a visible focus ring");
    assert.ok(ring.width >= 2, "a focus ring at least 2px wide");
    assert.ok(ring.top >= 0, "the focused skip link is on screen");
    await page.keyboard.press("Enter");
    await eventually(async () => assert.ok((await focused(page, "main")).matches, "Enter on the skip link focuses the content"));
  });

  // Seen once in four runs, on a loaded machine, never since: WebKitGTK 2.50 stopped the app with
  // « RuntimeError: Out of bounds memory access » inside an event handler's closure during this
  // visit. Reported as a TODO in WebKit until it is understood; Chromium and Firefox must pass.
  const WEBKIT_TRAP =
    "WebKitGTK 2.50: an intermittent « Out of bounds memory access » in an event closure (2026-11-30)";
  pageTest(
    "a whole visit by keyboard alone: home → category → post → back, each arrival announced",
    { todo: browserName === "webkit" && WEBKIT_TRAP },
    async ({ page }) => {
    const category = POSTS[0].category;
    await open(page, site, "/");
    await tabTo(page, "aside.sidebar", category.name);
    await page.keyboard.press("Enter");
    await expectArrival(page, site, categoryPage(category));

    await tabTo(page, "main", POSTS[0].title);
    await page.keyboard.press("Enter");
    await expectArrival(page, site, postPage(POSTS[0]));

    // The theme switch, by keyboard too: back up from the heading into the header.
    await tabTo(page, "header .theme-switch", SWITCH.dark, { back: true });
    await page.keyboard.press("Enter");
    await eventually(async () => assert.equal(await attrOf(page, "html", "data-theme"), "dark"));
    await tabTo(page, "header .theme-switch", SWITCH.system, { back: false });
    await page.keyboard.press(" ");
    await eventually(async () => assert.equal(await attrOf(page, "html", "data-theme"), null));

    // Back: the browser's own command (its keyboard shortcut is the browser's, out of the page).
    await page.goBack();
    await expectArrival(page, site, categoryPage(category));
  });

  pageTest("the theme switch: a named group, the state pressed, the choice kept and applied before the first paint", async ({ page }) => {
    const post = postPage(POSTS[2]);
    await page.evaluateOnNewDocument(AT_DOM_CONTENT_LOADED);
    await open(page, site, post.path);
    assert.equal(await attrOf(page, "header .theme-switch", "role"), "group");
    assert.equal(await attrOf(page, "header .theme-switch", "aria-label"), "Thème");
    const states = () =>
      page.evaluate(() =>
        [...document.querySelectorAll("header .theme-switch button")].map((b) => [b.textContent.trim(), b.getAttribute("aria-pressed")]),
      );
    await eventually(async () =>
      assert.deepEqual(await states(), [[SWITCH.light, "false"], [SWITCH.dark, "false"], [SWITCH.system, "true"]]),
    );
    assert.equal(await attrOf(page, "html", "data-theme"), null, "the system's theme by default");

    await page.evaluate(() => document.querySelector("header .theme-switch button:nth-child(2)").click());
    await eventually(async () =>
      assert.deepEqual(await states(), [[SWITCH.light, "false"], [SWITCH.dark, "true"], [SWITCH.system, "false"]]),
    );
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), BACKGROUND.dark);
    assert.equal(await page.evaluate((key) => localStorage.getItem(key), THEME_KEY), "dark");

    // Reloaded, the pre-rendered page is dark from the start, and the switch says so.
    await page.reload({ waitUntil: "load" });
    assert.deepEqual(await page.evaluate(() => window.__atDomContentLoaded), { theme: "dark", background: BACKGROUND.dark });
    await eventually(async () =>
      assert.deepEqual(await states(), [[SWITCH.light, "false"], [SWITCH.dark, "true"], [SWITCH.system, "false"]]),
    );
    // Left only once the app has started: leaving while its wasm is still coming aborts that
    // fetch, which Firefox reports as an uncaught error of the page left.
    await appStarted(page);

    // Without the app (its loader taken out of the pages), the page's own script applies the
    // theme and runs the switch.
    const noApp = siteOf(await serve(DIST, { rewriteHtml: (html) => html.replace(/<script type="module">[^]*?<\/script>/, "") }));
    try {
      await page.goto(noApp.url("/archive/"), { waitUntil: "load" });
      assert.equal(await page.evaluate(() => window.wasmBindings), undefined, "no app");
      await page.evaluate((key) => localStorage.setItem(key, "dark"), THEME_KEY);
      await page.reload({ waitUntil: "load" });
      assert.deepEqual(await page.evaluate(() => window.__atDomContentLoaded), { theme: "dark", background: BACKGROUND.dark });
      assert.deepEqual(await states(), [[SWITCH.light, "false"], [SWITCH.dark, "true"], [SWITCH.system, "false"]]);
      await page.evaluate(() => document.querySelector("header .theme-switch button:nth-child(1)").click());
      assert.equal(await attrOf(page, "html", "data-theme"), "light");
      assert.deepEqual(await states(), [[SWITCH.light, "true"], [SWITCH.dark, "false"], [SWITCH.system, "false"]]);
      assert.equal(await page.evaluate((key) => localStorage.getItem(key), THEME_KEY), "light");
    } finally {
      // Off its pages first: Chromium may still ask that server for the icon, and a request
      // to a closed server is a console error.
      await page.goto("about:blank");
      await noApp.server.close();
    }

    // Light chosen over a dark system (Chromium emulates it; puppeteer cannot in Firefox).
    if (browserName === "chromium") {
      await page.goto(site.url(post.path), { waitUntil: "load" });
      await page.evaluate((key) => localStorage.setItem(key, "light"), THEME_KEY);
      await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "dark" }]);
      await page.goto(site.url(post.path), { waitUntil: "load" });
      assert.deepEqual(await page.evaluate(() => window.__atDomContentLoaded), { theme: "light", background: BACKGROUND.light });
      await page.evaluate((key) => localStorage.removeItem(key), THEME_KEY);
      await page.reload({ waitUntil: "load" });
      assert.deepEqual(await page.evaluate(() => window.__atDomContentLoaded), { theme: null, background: BACKGROUND.dark });
    }
  });

  pageTest("a post prints without navigation, sidebar or switch, with web links' addresses and wrapped code", async ({ page }) => {
    await open(page, site, postPage(POSTS[0]).path);
    // What the seed posts lack: a web link, an in-page link, a long line of code.
    await page.evaluate(() => {
      const body = document.querySelector("main .post-body");
      const p = document.createElement("p");
      p.innerHTML = '<a id="web" href="https://example.org/page">a web page</a> <a id="anchor" href="#fn-1">1</a>';
      const pre = document.createElement("pre");
      pre.innerHTML = `<code>${"let x = 1; ".repeat(60)}</code>`;
      body.append(p, pre);
    });
    const styles = () =>
      page.evaluate(() => {
        const display = (selector) => getComputedStyle(document.querySelector(selector)).display;
        const pre = document.querySelector("main .post-body pre");
        return {
          nav: display("header.site-header nav"),
          sidebar: display("aside.sidebar"),
          switch: display("header .theme-switch"),
          neighbours: display("main nav.neighbours, main .neighbours"),
          webAfter: getComputedStyle(document.getElementById("web"), "::after").content,
          anchorAfter: getComputedStyle(document.getElementById("anchor"), "::after").content,
          preWhiteSpace: getComputedStyle(pre).whiteSpace,
          preCut: pre.scrollWidth > pre.clientWidth + 1,
          background: getComputedStyle(document.body).backgroundColor,
        };
      });
    const screen = await styles();
    assert.notEqual(screen.sidebar, "none", "on screen, the sidebar shows");
    assert.equal(screen.webAfter, "none", "on screen, no address after links");

    // Printed from the dark theme: on white paper all the same.
    await page.evaluate(() => document.documentElement.setAttribute("data-theme", "dark"));
    if (browserName === "chromium") {
      await page.emulateMediaType("print");
    } else {
      await page.evaluate(() => {
        for (const sheet of document.styleSheets) {
          for (const rule of sheet.cssRules) {
            if (rule instanceof CSSMediaRule && rule.media.mediaText === "print") rule.media.appendMedium("screen");
          }
        }
      });
    }
    const printed = await styles();
    assert.deepEqual(
      { nav: printed.nav, sidebar: printed.sidebar, switch: printed.switch, neighbours: printed.neighbours },
      { nav: "none", sidebar: "none", switch: "none", neighbours: "none" },
    );
    // Engines give the computed `content` with attr() resolved, or as written.
    assert.match(printed.webAfter, /https:\/\/example\.org\/page|attr\(href\)/, `the web link's address is printed (${printed.webAfter})`);
    assert.equal(printed.anchorAfter, "none", "no address after an in-page link");
    assert.equal(printed.preWhiteSpace, "pre-wrap", "code wraps");
    assert.equal(printed.preCut, false, "no code is cut");
    assert.equal(printed.background, "rgb(255, 255, 255)", "white paper");
    await settle(page);
  });
});
