// The browsers the end-to-end tests run in, both driven by puppeteer-core: Debian's Chromium
// (Chrome DevTools Protocol) and Debian's Firefox ESR (WebDriver BiDi). Nothing is downloaded.
//
// CARNET_BROWSERS picks them (comma-separated, default "chromium,firefox"); CHROMIUM and FIREFOX
// override the executables (default /usr/bin/chromium and /usr/bin/firefox-esr).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import puppeteer from "puppeteer-core";

const EXECUTABLES = {
  chromium: process.env.CHROMIUM ?? "/usr/bin/chromium",
  firefox: process.env.FIREFOX ?? "/usr/bin/firefox-esr",
};

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

/** The browsers to test in, from CARNET_BROWSERS. */
export const BROWSERS = (process.env.CARNET_BROWSERS ?? "chromium,firefox")
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
 * Launches a headless browser by name ("chromium" | "firefox"), with a fresh profile in a
 * temporary directory that is deleted when the browser is closed.
 *
 * options.javascript: false launches it with JavaScript turned off (puppeteer's
 * setJavaScriptEnabled does not work over WebDriver BiDi, so this is a launch-time setting).
 * options.prefs: extra Firefox preferences; options.args: extra Chromium arguments.
 *
 * Resolves to the puppeteer Browser, with `name` set on it.
 */
export async function launch(name, { javascript = true, prefs = {}, args = [] } = {}) {
  if (!(name in EXECUTABLES)) throw new Error(`unknown browser « ${name} »`);
  const executablePath = EXECUTABLES[name];
  if (!fs.existsSync(executablePath)) {
    throw new Error(
      `${name}: no executable at ${executablePath} ` +
        `(install Debian's ${name === "firefox" ? "firefox-esr" : "chromium"}, or set ${name.toUpperCase()})`,
    );
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `carnet-e2e-${name}-`));
  const userDataDir = path.join(tmp, "profile");
  fs.mkdirSync(userDataDir);
  const common = { executablePath, headless: true, userDataDir, protocolTimeout: 60_000 };
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
