// The XSS corpus in real browsers. tests/xss/content is a blog of one post holding every payload
// of the corpus; `scripts/test` builds it into CARNET_DIST_XSS (default "dist-xss") with
// `CARNET_CONTENT=tests/xss/content trunk build --release --dist dist-xss`.
//
// In each browser of CARNET_BROWSERS, the post is shown twice: opened directly (the pre-rendered
// page, then hydrated) and reached by a click from the home page (rendered in the browser by the
// wasm). Each time, every element of the post gets every event a payload could hang a handler on,
// and the test fails if anything runs or reaches out: a call to alert, confirm or prompt, a
// dialog, a request to another origin, a Content Security Policy violation, a console error or an
// uncaught error; or if the post's DOM, as the browser built it, holds an element or attribute
// that could run.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { BROWSERS, launch, unsupported } from "./browsers.mjs";
import { serve } from "./server.mjs";

const DIST = path.resolve(process.env.CARNET_DIST_XSS ?? "dist-xss");
const POST = "/posts/xss/";
const TIMEOUT = 10_000;

/** Events a payload's handler could wait for, dispatched on every element of the post. */
const EVENTS = [
  "click", "dblclick", "mouseover", "mouseenter", "mousemove", "mousedown", "mouseup", "focus",
  "focusin", "blur", "keydown", "input", "change", "toggle", "load", "error", "animationstart",
  "transitionend", "pointerover", "pointerdown", "wheel", "scroll", "copy", "paste", "submit",
];

/** Runs in the page before any of its scripts: records what a payload could set off. */
function watch() {
  window.__xss = [];
  const record = (what) => window.__xss.push(what);
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    window[name] = (...args) => record(`${name}(${args.join(", ")})`);
  }
  document.addEventListener("securitypolicyviolation", (event) =>
    record(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`),
  );
}

/** In the page: what the post's DOM holds that could run, as the browser parsed it. */
function dangerousNodes() {
  const forbidden = new Set([
    "script", "iframe", "object", "embed", "style", "link", "meta", "base", "form", "svg", "math",
    "frame", "frameset", "template", "textarea", "select", "button", "video", "audio",
  ]);
  const found = [];
  for (const element of document.querySelectorAll(".post-body *")) {
    const name = element.localName;
    if (forbidden.has(name) || element.namespaceURI !== "http://www.w3.org/1999/xhtml") {
      found.push(`<${name}>`);
    }
    for (const { name: attribute, value } of element.attributes) {
      if (/^on/i.test(attribute) || ["style", "srcdoc", "srcset", "formaction", "action"].includes(attribute)) {
        found.push(`<${name} ${attribute}="${value}">`);
      }
      if (["href", "src"].includes(attribute)) {
        const url = new URL(value, document.baseURI);
        const image = name === "img" && url.protocol === "data:" && /^data:image\//i.test(value);
        if (!["http:", "https:", "mailto:", "tel:"].includes(url.protocol) && !image) {
          found.push(`<${name} ${attribute}="${value}">`);
        }
        if (name === "img" && url.origin !== location.origin && !image) {
          found.push(`<img src="${value}"> from another origin`);
        }
      }
    }
  }
  // The post stays in its container: the article still ends with the line after the body.
  if (!document.querySelector("main article.post div.post-body + *")) found.push("the post left its container");
  return found;
}

/** In the page: sends every event of `events` to every element of the post. */
async function provoke(events) {
  // A click on a link must not leave the page under test; handlers on the link still run.
  document.addEventListener("click", (event) => event.preventDefault(), true);
  const elements = [...document.querySelectorAll(".post-body, .post-body *")];
  for (const element of elements) {
    element.scrollIntoView?.();
    for (const type of events) {
      const event = type.startsWith("key")
        ? new KeyboardEvent(type, { bubbles: true, key: "a" })
        : type.startsWith("mouse") || type === "click" || type === "dblclick"
          ? new MouseEvent(type, { bubbles: true, cancelable: true })
          : new Event(type, { bubbles: true, cancelable: true });
      element.dispatchEvent(event);
    }
    element.focus?.();
  }
  // Images load lazily and fail asynchronously: give their handlers time to run.
  window.scrollTo(0, document.body.scrollHeight);
  await new Promise((resolve) => setTimeout(resolve, 1000));
}

describe(`the XSS corpus in ${BROWSERS.join(" and ")}`, { concurrency: BROWSERS.length }, () => {
  for (const browserName of BROWSERS) {
    describe(browserName, { concurrency: 1 }, () => {
      let browser;
      let server;

      before(async () => {
        if (!fs.existsSync(path.join(DIST, "posts/xss/index.html"))) {
          throw new Error(
            `no XSS corpus build in ${DIST}: build it from the repository root with ` +
              "`source scripts/env.sh && CARNET_CONTENT=tests/xss/content trunk build --release --dist dist-xss`",
          );
        }
        server = await serve(DIST, { base: "/", fallback: "404" });
        browser = await launch(browserName);
      });

      after(async () => {
        await browser?.close();
        await server?.close();
      });

      /** Runs `show(page)` in a fresh context, then provokes the post and checks that nothing ran. */
      async function expectNothingRuns(show) {
        const context = await browser.createBrowserContext();
        const problems = [];
        try {
          const page = await context.newPage();
          // The payloads' images point at files that do not exist (`src=x`, relative to the
          // post): their 404s are expected, and checked below to be those; no other error is.
          const notFound = "Failed to load resource: the server responded with a status of 404 (Not Found)";
          page.on("console", (message) => {
            if (message.type() === "error" && message.text() !== notFound) {
              problems.push(`console error: ${message.text()}`);
            }
          });
          page.on("pageerror", (error) => problems.push(`uncaught error: ${error?.message ?? error}`));
          // WebKit over classic WebDriver sees no requests nor dialogs: there, a payload reaching
          // out is left to the CSP (whose violations are console errors), and a dialog fails the
          // next command (WebDriver's « unexpected alert open »).
          if (!unsupported(browserName, "network")) {
            // (Firefox's WebDriver BiDi tells no resource type: the URL says it, relative to the post.)
            page.on("response", (response) => {
              const url = new URL(response.url());
              if (response.status() >= 400 && !url.pathname.startsWith(POST)) {
                problems.push(`${response.status()} for ${response.url()}`);
              }
            });
            page.on("request", (request) => {
              const url = new URL(request.url());
              if (url.protocol !== "data:" && url.origin !== server.origin) {
                problems.push(`a request to another origin: ${request.url()}`);
              }
            });
          }
          if (!unsupported(browserName, "dialogs")) {
            page.on("dialog", async (dialog) => {
              problems.push(`a dialog: ${dialog.message()}`);
              await dialog.dismiss().catch(() => {});
            });
          }
          await page.evaluateOnNewDocument(watch);
          await show(page);
          await page.waitForFunction(() => document.querySelector("main article.post div.post-body"), {
            timeout: TIMEOUT,
          });
          const body = await page.evaluate(() => document.querySelector(".post-body").textContent);
          assert.ok(body.includes("Un texte  au milieu."), "the prose around the payloads is still there");
          assert.deepEqual(await page.evaluate(dangerousNodes), [], "nothing in the post's DOM can run");
          await page.evaluate(provoke, EVENTS);
          problems.push(...(await page.evaluate(() => window.__xss)));
        } finally {
          await context.close().catch(() => {});
        }
        assert.deepEqual(problems, [], "no payload ran or reached out");
      }

      test("opened directly: the pre-rendered post, hydrated", { timeout: 60_000 }, async () => {
        await expectNothingRuns(async (page) => {
          const response = await page.goto(server.url + POST.slice(1), { waitUntil: "load" });
          assert.equal(response.status(), 200);
          await page.waitForFunction(() => document.documentElement.getAttribute("data-app") === "on", { timeout: TIMEOUT });
        });
      });

      test("reached from the home page: rendered by the app", { timeout: 60_000 }, async () => {
        await expectNothingRuns(async (page) => {
          await page.goto(server.url, { waitUntil: "load" });
          await page.waitForFunction(() => document.documentElement.getAttribute("data-app") === "on", { timeout: TIMEOUT });
          await page.evaluate(() => {
            window.__sameDocument = true;
          });
          await page.click("main article.post-card h2 a");
          await page.waitForFunction(() => location.pathname.endsWith("/posts/xss/"), { timeout: TIMEOUT });
          await page.waitForFunction(() => document.querySelector("main article.post div.post-body"), {
            timeout: TIMEOUT,
          });
          assert.equal(await page.evaluate(() => window.__sameDocument), true, "the app drew the post, no reload");
        });
      });
    });
  }
});
