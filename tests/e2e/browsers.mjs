// The engines the end-to-end tests run in: Debian's Chromium (Chrome DevTools Protocol) and
// Debian's Firefox ESR (WebDriver BiDi), both driven by puppeteer-core, and Debian's WebKitGTK
// (classic WebDriver through WebKitWebDriver, under Xvfb; webkit.mjs gives its pages puppeteer's
// shape). Nothing is downloaded.
//
// CARNET_BROWSERS (or CARNET_ENGINES) picks them, comma-separated. By default: Chromium, Firefox,
// and WebKit when its driver is installed, or always when CI=true (a missing engine then fails).
// CHROMIUM, FIREFOX and WEBKIT_DRIVER override the executables (default /usr/bin/chromium,
// /usr/bin/firefox-esr and /usr/bin/WebKitWebDriver).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import puppeteer from "puppeteer-core";
import * as webkit from "./webkit.mjs";

const EXECUTABLES = {
  chromium: process.env.CHROMIUM ?? "/usr/bin/chromium",
  firefox: process.env.FIREFOX ?? "/usr/bin/firefox-esr",
  webkit: webkit.DRIVER,
};

/**
 * What an engine cannot do, with why: `skip: unsupported(browserName, "emulateMedia")` in a test's
 * options skips it there with the reason (and a test that needs it elsewhere still runs).
 */
const UNSUPPORTED = {
  webkit: {
    emulateMedia:
      "WebKit over classic WebDriver cannot emulate media types or features (print, colour scheme)",
    network: "WebKit over classic WebDriver sees no requests or responses (no network events, no interception)",
    dialogs: "WebKit over classic WebDriver has no dialog events (an open dialog fails the next command)",
    narrowViewport: "WebKitGTK's MiniBrowser window cannot be made narrower than about 450 px",
    otherServers:
      "WebKit over classic WebDriver runs evaluateOnNewDocument scripts first only on pages the test server sends",
  },
};
/** The reason `browserName` cannot do `feature` (a key of UNSUPPORTED), or false when it can. */
export const unsupported = (browserName, feature) => UNSUPPORTED[browserName]?.[feature] ?? false;

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const FIREFOX_PREFS = {
  // With cached (bfcache) documents, puppeteer's goBack/goForward over BiDi never resolve.
  "browser.sessionhistory.max_total_viewers": 0,
};

const DEFAULT_BROWSERS =
  process.env.CI === "true" || fs.existsSync(webkit.DRIVER) ? "chromium,firefox,webkit" : "chromium,firefox";
/** The browsers to test in, from CARNET_BROWSERS (or CARNET_ENGINES). */
export const BROWSERS = (process.env.CARNET_BROWSERS ?? process.env.CARNET_ENGINES ?? DEFAULT_BROWSERS)
  .split(",")
  .map((name) => name.trim().toLowerCase())
  .filter(Boolean);

for (const name of BROWSERS) {
  if (!(name in EXECUTABLES)) {
    throw new Error(`CARNET_BROWSERS: unknown browser « ${name} » (known: ${Object.keys(EXECUTABLES).join(", ")})`);
  }
}

/**
 * A home directory Firefox accepts: it quits silently when $HOME belongs to another user (as
 * when root runs it with a user's $HOME), so such a $HOME is swapped for a private temporary one.
 */
function homeFor(tmp) {
  const home = process.env.HOME;
  try {
    if (home && fs.statSync(home).uid === process.getuid()) return home;
  } catch {
    // No such directory: use the temporary one.
  }
  const own = path.join(tmp, "home");
  fs.mkdirSync(own, { recursive: true });
  return own;
}

/**
 * Launches a headless browser by name ("chromium" | "firefox" | "webkit"), with a fresh profile
 * in a temporary directory that is deleted when the browser is closed.
 *
 * options.javascript: false launches it with JavaScript turned off (puppeteer's
 * setJavaScriptEnabled does not work over WebDriver BiDi, so this is a launch-time setting).
 * options.dark: a dark colour scheme (Firefox and WebKit; Chromium emulates it per page).
 * options.prefs: extra Firefox preferences; options.args: extra Chromium arguments.
 *
 * Resolves to the puppeteer Browser (for WebKit, webkit.mjs's look-alike), with `name` set on it.
 */
export async function launch(name, { javascript = true, dark = false, prefs = {}, args = [] } = {}) {
  if (!(name in EXECUTABLES)) throw new Error(`unknown browser « ${name} »`);
  if (name === "webkit") return webkit.launch({ javascript, dark });
  const executablePath = EXECUTABLES[name];
  if (!fs.existsSync(executablePath)) {
    throw new Error(
      `${name}: no executable at ${executablePath} ` +
        `(install Debian's ${name === "firefox" ? "firefox-esr" : "chromium"}, or set ${name.toUpperCase()})`,
    );
  }
  if (dark && name === "firefox") prefs = { "layout.css.prefers-color-scheme.content-override": 0, ...prefs };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `carnet-e2e-${name}-`));
  const userDataDir = path.join(tmp, "profile");
  fs.mkdirSync(userDataDir);
  // A browser's start waits 90 s, not puppeteer's 30: Firefox took longer on a machine whose two
  // cores a 100,000-post build shared (« Timed out … waiting for the WS endpoint »).
  const common = { executablePath, headless: true, userDataDir, protocolTimeout: 60_000, timeout: 90_000 };
  let browser;
  try {
    if (name === "chromium") {
      browser = await puppeteer.launch({
        ...common,
        browser: "chrome",
        args: [...CHROMIUM_ARGS, ...(javascript ? [] : ["--blink-settings=scriptEnabled=false"]), ...args],
      });
    } else {
      browser = await puppeteer.launch({
        ...common,
        browser: "firefox",
        env: { ...process.env, HOME: homeFor(tmp) },
        extraPrefsFirefox: { ...FIREFOX_PREFS, ...(javascript ? {} : { "javascript.enabled": false }), ...prefs },
      });
    }
  } catch (error) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
  browser.name = name;
  const close = browser.close.bind(browser);
  browser.close = async () => {
    try {
      await close();
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  };
  return browser;
}
