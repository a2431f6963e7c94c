// `trunk serve`, the author's preview, in real browsers: its pages are pre-rendered by the same
// hook, carry the same Content Security Policy, and also Trunk's live-reload client, which must
// run under it. `scripts/test` starts it (through `carnet serve`) and names it in
// CARNET_SERVE_URL; without it these tests are skipped.
//
// It checks, in each browser of CARNET_BROWSERS: the home page, a post, a draft (`--drafts`,
// marked « Brouillon ») and an unknown path show
// their pages once the app has started, a search shows its passage, the live-reload client connects (its WebSocket opens),
// and no console error, uncaught error or CSP violation occurs. Then, as an author writes: a
// sentence saved into a post's file (CARNET_SERVE_CONTENT, the content folder `trunk serve`
// builds, a copy of content/ that scripts/test makes) appears in the page open on that post,
// reloaded by Trunk alone, and goes when the file is restored.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { BROWSERS, launch, unsupported } from "./browsers.mjs";

const URL_ = process.env.CARNET_SERVE_URL;
const CONTENT = process.env.CARNET_SERVE_CONTENT;
/** How long a rebuild after a save may take here (Trunk's steps and the hook, on 2 cores). */
const REBUILD = 120_000;

/**
 * Waits until `holds(text)` is true of the text of the page's `<main>`, reading it again and
 * again: the page reloads meanwhile (Trunk's live reload), which a single evaluation would not
 * survive.
 */
async function untilMain(page, holds, what) {
  const deadline = Date.now() + REBUILD;
  for (;;) {
    const text = await page.evaluate(() => document.querySelector("main")?.textContent ?? "").catch(() => "");
    if (holds(text)) return;
    if (Date.now() > deadline) throw new Error(`the open page never ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
/** A first `trunk serve` build compiles the whole app: wait for it that long. */
const FIRST_BUILD = 20 * 60_000;

/** Waits until `trunk serve` answers with a pre-rendered page. */
async function ready(url) {
  const deadline = Date.now() + FIRST_BUILD;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok && (await response.text()).includes('id="carnet-data"')) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`trunk serve did not answer at ${url}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

describe("trunk serve", { skip: URL_ ? false : "CARNET_SERVE_URL is not set (scripts/test sets it)" }, () => {
  before(() => ready(URL_), { timeout: FIRST_BUILD + 60_000 });

  for (const browserName of BROWSERS) {
    // The live-reload client's socket is caught by a script that must run before the page's.
    describe(browserName, { skip: unsupported(browserName, "otherServers") }, () => {
      let browser;
      before(async () => {
        browser = await launch(browserName);
      });
      after(async () => {
        await browser?.close();
      });

      test("pages, the live-reload client and the CSP agree", { timeout: 120_000 }, async () => {
        const context = await browser.createBrowserContext();
        const problems = [];
        try {
          const page = await context.newPage();
          page.on("console", (message) => {
            if (message.type() === "error") problems.push(`console error: ${message.text()}`);
          });
          page.on("pageerror", (error) => problems.push(`uncaught error: ${error?.message ?? error}`));
          await page.evaluateOnNewDocument(() => {
            document.addEventListener("securitypolicyviolation", (event) =>
              console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`),
            );
            // Records the live-reload client's socket once it opens.
            const Native = window.WebSocket;
            window.WebSocket = class extends Native {
              constructor(...args) {
                super(...args);
                this.addEventListener("open", () => (window.__reloadSocket = String(args[0])));
              }
            };
          });
          const pages = [
            ["", "main article.post-card h2", "Community manager : un métier « transparent » ?"],
            [
              "posts/generer-du-business-avec-les-reseaux-sociaux/",
              "main h1",
              "Générer du business avec les réseaux sociaux",
            ],
            ["nulle-part/", "main h1", "Page introuvable"],
            // A draft (scripts/test writes one), which `carnet serve --drafts` previews, marked.
            ["posts/une-idee/", "main article.post header .byline .draft-mark", "Brouillon"],
            // Search through trunk serve: its worker, the gzipped index, a text as a byte range.
            ["search/?q=notoriete", "main .search-results li .passage mark", "notoriété"],
          ];
          for (const [path, selector, text] of pages) {
            await page.goto(URL_ + path, { waitUntil: "load" });
            await page.waitForFunction(() => document.documentElement.getAttribute("data-app") === "on", { timeout: 60_000 });
            await page.waitForFunction(
              // No-break spaces (French typography) read as spaces.
              (selector, text) =>
                document.querySelector(selector)?.textContent.replace(/[\u00a0\u202f]/g, " ").trim() === text,
              { timeout: 10_000 },
              selector,
              text,
            );
            await page.waitForFunction(() => window.__reloadSocket, { timeout: 10_000 });
            assert.match(await page.evaluate(() => window.__reloadSocket), /\/\.well-known\/trunk\/ws$/);
          }
        } finally {
          await context.close().catch(() => {});
        }
        assert.deepEqual(problems, [], "the pages reported errors");
      });

      test(
        "a post saved while the page is open shows its new text, reloaded by Trunk",
        { skip: CONTENT ? false : "CARNET_SERVE_CONTENT is not set (scripts/test sets it)", timeout: 4 * REBUILD },
        async () => {
          const file = path.join(CONTENT, "posts", "generer-du-business-avec-les-reseaux-sociaux.md");
          const original = fs.readFileSync(file, "utf8");
          const sentence = `Une phrase enregistrée pendant la lecture, dans ${browserName}.`;
          const context = await browser.createBrowserContext();
          try {
            const page = await context.newPage();
            await page.goto(URL_ + "posts/generer-du-business-avec-les-reseaux-sociaux/", { waitUntil: "load" });
            await page.waitForFunction(() => document.documentElement.getAttribute("data-app") === "on", { timeout: 60_000 });
            const post = (text) => text.includes("générer de la notoriété");
            await untilMain(page, (text) => post(text) && !text.includes(sentence), "showed the post");
            fs.writeFileSync(file, `${original}\n${sentence}\n`);
            await untilMain(page, (text) => post(text) && text.includes(sentence), "showed the saved sentence");
            fs.writeFileSync(file, original);
            await untilMain(
              page,
              (text) => post(text) && !text.includes(sentence),
              "dropped the sentence once the file was restored",
            );
          } finally {
            // Only if the test stopped half-way: writing the same bytes would start a rebuild.
            if (fs.readFileSync(file, "utf8") !== original) fs.writeFileSync(file, original);
            await context.close().catch(() => {});
          }
        },
      );
    });
  }
});
