// WebKit for the end-to-end tests: Debian's WebKitGTK (its MiniBrowser), driven by Debian's
// WebKitWebDriver over classic W3C WebDriver (plain HTTP + JSON, spoken here with node's fetch:
// no client library, nothing downloaded), under a private Xvfb display.
//
// `launch()` resolves to an object shaped like the puppeteer Browser the other engines give, and
// its pages expose the part of puppeteer's Page API the tests use (goto, evaluate, $, $$, $eval,
// $$eval, evaluateHandle, addScriptTag, click, focus, hover, type, keyboard, waitForSelector,
// waitForFunction, goBack, goForward, reload, title, url, setViewport, evaluateOnNewDocument,
// console and pageerror events), so that a test file runs in WebKit by listing the engine. Each browser context is a
// WebDriver session (its own WebKitWebDriver and MiniBrowser, with ephemeral storage), reused by
// the next context once it is closed and made fresh (see WkContext).
//
// What classic WebDriver cannot do, and how it is made up for:
// - No console or page-error events: a probe script wraps console.error and listens to `error`,
//   `unhandledrejection`; it keeps what it saw in sessionStorage (which survives navigations in
//   the tab) and the adapter reads it back after every command. The test server (server.mjs)
//   puts the probe first in the <head> of every HTML document it sends to WebKit, so it runs
//   before any of the page's scripts; on other servers the adapter installs it once the page has
//   loaded, and misses what happened before. Lines the browser itself logs (a failed request, a
//   CSP violation it reports only in its console) are not seen: the harness's CSP listener (an
//   `evaluateOnNewDocument` script) still turns violations into console errors.
// - No scripts on new documents: `evaluateOnNewDocument` scripts go into the same probe, so they
//   too run first on the test server's pages (after load elsewhere). The server cannot tell one
//   WebKit page from another: the probe carries the scripts of every open WebKit page of the test
//   process (one test at a time runs in an engine, so in practice those of the current test).
// - No response objects: `goto`/`reload` return the status and headers the test server recorded
//   for WebKit's request of the final URL, else of the URL asked for (a page that changed its own
//   address with `history.replaceState`); elsewhere, a response without a status.
// - No media emulation (`emulateMediaType`, `emulateMediaFeatures`), request events, dialogs
//   (an alert makes the next command fail), request interception, a second page in a context:
//   these throw, and the tests that need them skip WebKit (see UNSUPPORTED in browsers.mjs).
//   A dark colour scheme is chosen at launch instead (MiniBrowser's --dark-mode).
// - No viewport narrower than MiniBrowser's window allows (about 450 px): setViewport throws.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";

export const DRIVER = process.env.WEBKIT_DRIVER ?? "/usr/bin/WebKitWebDriver";
const XVFB = process.env.XVFB ?? "/usr/bin/Xvfb";

/** The W3C name of a web element reference in WebDriver's JSON. */
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
/** Where the probe keeps what it saw, in the tab's sessionStorage. */
const LOG_KEY = "__carnetE2eLog";

// ---------------------------------------------------------------------------------------------
// The probe, and what the test server needs to serve it.

/**
 * The probe's file name: the test server answers it on any path and does not record it; with the
 * query `?blank`, it answers an empty HTML page instead (where a reused session clears storage).
 */
export const PROBE_PATH = "__carnet-e2e-webkit-probe.js";

/** Installs the console and error listeners (idempotent); runs in the page. */
function probe(LOG_KEY) {
  if (window.__carnetProbe) return;
  const memory = [];
  const record = (type, text) => {
    const entry = { type, text: String(text), url: location.href };
    try {
      const log = JSON.parse(sessionStorage.getItem(LOG_KEY) || "[]");
      log.push(entry);
      sessionStorage.setItem(LOG_KEY, JSON.stringify(log));
    } catch {
      memory.push(entry);
    }
  };
  const drain = () => {
    let log = [];
    try {
      log = JSON.parse(sessionStorage.getItem(LOG_KEY) || "[]");
      sessionStorage.removeItem(LOG_KEY);
    } catch {
      // No storage here: only the memory.
    }
    return [...log, ...memory.splice(0)];
  };
  window.__carnetProbe = { drain };
  const describe = (value) => (value instanceof Error ? `${value.name}: ${value.message}` : String(value));
  const error = console.error;
  console.error = function (...args) {
    record("error", args.map(describe).join(" "));
    return error.apply(this, args);
  };
  window.addEventListener("error", (event) => {
    // Only script errors: a resource that failed to load fires a plain Event.
    if (event instanceof ErrorEvent) record("pageerror", `${event.message}\n${event.error?.stack ?? ""}`);
  });
  window.addEventListener("unhandledrejection", (event) =>
    record("pageerror", `unhandled rejection: ${describe(event.reason)}\n${event.reason?.stack ?? ""}`),
  );
}

/** The `evaluateOnNewDocument` scripts of the open WebKit pages of this process, by page. */
const newDocumentScripts = new Map();

/** A function's call as source, safe to run in the page. */
const call = (fn, ...args) => `try { (${fn})(${args.map((a) => JSON.stringify(a)).join(", ")}); } catch (e) { console.error(e); }`;

/** The probe's source, with the new-document scripts of the open pages after it. */
export function probeSource() {
  const scripts = [...newDocumentScripts.values()].flat();
  // The script element goes at once: the document is then as its server wrote it.
  return ["document.currentScript?.remove();", call(probe, LOG_KEY), ...scripts.map(({ fn, args }) => call(fn, ...args))].join("\n");
}

/** Whether a request comes from WebKit (and not from Chromium, whose user agent names it too). */
export const isWebKit = (userAgent = "") =>
  /AppleWebKit/.test(userAgent) && !/Chrome|Chromium|Firefox/.test(userAgent);

/** The test server's record of its last answers to WebKit, by URL: { seq, status, headers }. */
export const webkitResponses = new Map();
let responseSeq = 0;
/** Called by the test server when it has answered a WebKit request for `url`. */
export function recordWebKitResponse(url, status, headers) {
  webkitResponses.set(url, { seq: ++responseSeq, status, headers });
}

// ---------------------------------------------------------------------------------------------
// Processes: one Xvfb per test process, one WebKitWebDriver per browser context.

let display = null;
/** The X display to open windows on: a private Xvfb (started once), else $DISPLAY. */
function xDisplay() {
  if (display) return display;
  if (!fs.existsSync(XVFB)) {
    if (process.env.DISPLAY) return (display = Promise.resolve(process.env.DISPLAY));
    throw new Error(`webkit: no Xvfb at ${XVFB} and no DISPLAY (install Debian's xvfb)`);
  }
  display = new Promise((resolve, reject) => {
    const xvfb = spawn(XVFB, ["-displayfd", "3", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"], {
      stdio: ["ignore", "ignore", "pipe", "pipe"],
    });
    let stderr = "";
    xvfb.stderr.on("data", (chunk) => (stderr += chunk));
    xvfb.on("exit", (code) => reject(new Error(`Xvfb exited (${code}): ${stderr}`)));
    xvfb.stdio[3].on("data", (chunk) => {
      resolve(`:${String(chunk).trim()}`);
      // It must not keep the test process alive.
      xvfb.unref();
      xvfb.stdio[3].unref?.();
      xvfb.stderr.unref?.();
    });
    process.on("exit", () => xvfb.kill());
  });
  return display;
}

/** A free TCP port on 127.0.0.1. */
const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** A WebDriver error, with the driver's error code. */
class WebDriverError extends Error {
  constructor(command, value) {
    super(`webkit: ${command}: ${value.error}: ${value.message}`);
    this.code = value.error;
  }
}

/** A WebDriver session on a WebKitWebDriver process of its own. */
class Session {
  static async start({ javascript, dark }) {
    const port = await freePort();
    const env = { ...process.env, DISPLAY: await xDisplay() };
    const driver = spawn(DRIVER, [`--port=${port}`], { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    driver.stderr.on("data", (chunk) => (stderr += chunk));
    const exited = new Promise((resolve) => driver.on("exit", resolve));
    process.on("exit", () => driver.kill());
    const session = new Session(`http://127.0.0.1:${port}`, driver, exited);
    try {
      for (let tries = 0; ; tries++) {
        try {
          await fetch(`${session.base}/status`);
          break;
        } catch (error) {
          if (tries > 200 || driver.exitCode !== null) throw new Error(`WebKitWebDriver did not start: ${stderr || error}`);
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      }
      const args = ["--automation", ...(javascript ? [] : ["--enable-javascript=false"]), ...(dark ? ["--dark-mode"] : [])];
      const { sessionId } = await session.command("POST", "/session", {
        capabilities: {
          alwaysMatch: {
            pageLoadStrategy: "normal",
            timeouts: { script: 60_000, pageLoad: 60_000, implicit: 0 },
            "webkitgtk:browserOptions": { args },
          },
        },
      });
      session.id = sessionId;
      return session;
    } catch (error) {
      driver.kill();
      throw error;
    }
  }

  constructor(base, driver, exited) {
    this.base = base;
    this.driver = driver;
    this.exited = exited;
    this.id = null;
    this.queue = Promise.resolve();
    this.pending = 0;
  }

  /**
   * Sends a command; resolves to its value, or throws a WebDriverError. Commands go one at a
   * time: WebKitWebDriver stops answering when a second one comes while one runs.
   */
  command(method, path, body) {
    this.pending++;
    const result = this.queue.then(() => this.send(method, path, body));
    this.queue = result.catch(() => {}).finally(() => this.pending--);
    return result;
  }

  async send(method, path, body) {
    const url = this.base + (this.id && path !== "/session" ? `/session/${this.id}${path}` : path);
    const response = await fetch(url, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const { value } = await response.json();
    if (value && typeof value === "object" && typeof value.error === "string" && response.status >= 400) {
      throw new WebDriverError(`${method} ${path}`, value);
    }
    return value;
  }

  async quit() {
    try {
      if (this.id) await this.command("DELETE", "");
    } catch {
      // Gone already.
    }
    this.driver.kill();
    await Promise.race([this.exited, new Promise((resolve) => setTimeout(resolve, 2_000))]);
  }
}

// ---------------------------------------------------------------------------------------------
// Puppeteer's shapes over WebDriver.

/** Key names as puppeteer spells them, to WebDriver's code points. */
const KEYS = {
  Backspace: "\uE003", Tab: "\uE004", Enter: "\uE007", Shift: "\uE008", Control: "\uE009", Alt: "\uE00A",
  Escape: "\uE00C", Space: " ", " ": " ", PageUp: "\uE00E", PageDown: "\uE00F", End: "\uE010", Home: "\uE011",
  ArrowLeft: "\uE012", ArrowUp: "\uE013", ArrowRight: "\uE014", ArrowDown: "\uE015", Delete: "\uE017", Meta: "\uE03D",
};
const keyValue = (key) => {
  if (key in KEYS) return KEYS[key];
  if ([...key].length === 1) return key;
  throw new Error(`webkit: unknown key « ${key} »`);
};

/**
 * The script WebDriver runs for `evaluate`: calls the function (kind "function"), or evaluates
 * the expression ("expression") or runs the statements ("statements", no value), awaits it, adds
 * the probe's log. The source is put in the script itself: the pages' Content Security Policy
 * forbids eval.
 */
const evaluateScript = (source, kind) => `
  const done = arguments[arguments.length - 1];
  const args = Array.prototype.slice.call(arguments, 0, -1);
  const drain = () => (window.__carnetProbe ? window.__carnetProbe.drain() : []);
  Promise.resolve()
    .then(${
      {
        function: `() => (${source}).apply(null, args)`,
        expression: `() => (${source}\n)`,
        statements: `() => {\n${source}\n}`,
      }[kind]
    })
    .then(
      (value) => done({ ok: true, undefined: value === undefined, value, log: drain() }),
      (error) => done({ ok: false, error: String((error && error.stack) || error), log: drain() }),
    );
`;

/** A value handle, as evaluateHandle returns for anything but an element. */
class WkJSHandle {
  constructor(value) {
    this.value = value;
  }
  asElement() {
    return null;
  }
  async jsonValue() {
    return this.value;
  }
  async dispose() {}
}

/** An element, as puppeteer's ElementHandle. */
class WkElementHandle {
  constructor(page, id) {
    this.page = page;
    this.id = id;
  }
  get ref() {
    return { [ELEMENT]: this.id };
  }
  asElement() {
    return this;
  }
  async jsonValue() {
    return {};
  }
  async dispose() {}
  evaluate(fn, ...args) {
    return this.page.evaluate(fn, this, ...args);
  }
  evaluateHandle(fn, ...args) {
    return this.page.evaluateHandle(fn, this, ...args);
  }
  async $(selector) {
    return this.page.find(`/element/${this.id}/element`, selector, false);
  }
  async $$(selector) {
    return this.page.find(`/element/${this.id}/elements`, selector, true);
  }
  /** A click as a reader makes it: scrolled into view, at the element's centre. */
  async click() {
    // WebKit's driver refuses an element whose rendering is skipped (a card below the fold, in a
    // list with `content-visibility: auto`): bring it into view first, as a reader scrolls.
    await this.evaluate((element) => {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.top < 0 || box.bottom > innerHeight) element.scrollIntoView({ block: "center" });
    });
    await this.page.act(async (session) => {
      try {
        await session.command("POST", `/element/${this.id}/click`, {});
      } catch (error) {
        // Covered by another element: click where it is, as puppeteer does.
        if (error.code !== "element click intercepted") throw error;
        await session.command("POST", "/actions", {
          actions: [
            {
              type: "pointer",
              id: "mouse",
              parameters: { pointerType: "mouse" },
              actions: [
                { type: "pointerMove", origin: this.ref, x: 0, y: 0 },
                { type: "pointerDown", button: 0 },
                { type: "pointerUp", button: 0 },
              ],
            },
          ],
        });
      }
    });
  }
  async focus() {
    await this.evaluate((el) => el.focus());
  }
  async hover() {
    await this.page.act((session) =>
      session.command("POST", "/actions", {
        actions: [
          {
            type: "pointer",
            id: "mouse",
            parameters: { pointerType: "mouse" },
            actions: [{ type: "pointerMove", origin: this.ref, x: 0, y: 0 }],
          },
        ],
      }),
    );
  }
  async type(text) {
    await this.page.act((session) => session.command("POST", `/element/${this.id}/value`, { text }));
  }
  async press(key) {
    await this.focus();
    await this.page.keyboard.press(key);
  }
  async scrollIntoView() {
    await this.evaluate((el) => el.scrollIntoView({ block: "center" }));
  }
  async boundingBox() {
    return this.evaluate((el) => {
      const { x, y, width, height } = el.getBoundingClientRect();
      return { x, y, width, height };
    });
  }
}

/** A console message, as puppeteer's ConsoleMessage. */
class WkConsoleMessage {
  constructor({ type, text, url }) {
    this._type = type;
    this._text = text;
    this._url = url;
  }
  type() {
    return this._type;
  }
  text() {
    return this._text;
  }
  location() {
    return { url: this._url };
  }
}

/** A response, from what the test server recorded (a status of undefined when it did not). */
class WkResponse {
  constructor(url, record) {
    this._url = url;
    this.record = record;
  }
  status() {
    return this.record?.status;
  }
  ok() {
    return this.record ? this.record.status >= 200 && this.record.status < 300 : true;
  }
  headers() {
    return this.record?.headers ?? {};
  }
  url() {
    return this._url;
  }
}

const unsupported = (what) => {
  throw new Error(`webkit: ${what} is not available over classic WebDriver (see tests/e2e/webkit.mjs)`);
};

/** The page of a context (one per context: one WebDriver session, one window). */
class WkPage {
  constructor(session) {
    this.session = session;
    this.listeners = { console: [], pageerror: [], error: [] };
    this.currentUrl = "about:blank";
    /** Every origin the page has been on: its storage is cleared when the session is reused. */
    this.origins = new Set();
    this.closed = false;
    this.keyboard = {
      press: (key) => this.keys([{ type: "keyDown", value: keyValue(key) }, { type: "keyUp", value: keyValue(key) }]),
      down: (key) => this.keys([{ type: "keyDown", value: keyValue(key) }]),
      up: (key) => this.keys([{ type: "keyUp", value: keyValue(key) }]),
      type: (text) => this.keys([...text].flatMap((c) => [{ type: "keyDown", value: c }, { type: "keyUp", value: c }])),
    };
    newDocumentScripts.set(this, []);
    // page.url() is synchronous in puppeteer: the URL is kept up to date in the background.
    this.poller = setInterval(() => {
      if (this.session.pending === 0) this.refreshUrl().catch(() => {});
    }, 50);
    this.poller.unref();
  }

  on(event, handler) {
    if (!(event in this.listeners)) unsupported(`page.on("${event}")`);
    this.listeners[event].push(handler);
    return this;
  }
  off(event, handler) {
    this.listeners[event] = (this.listeners[event] ?? []).filter((h) => h !== handler);
    return this;
  }

  /** Hands the probe's log to the console and pageerror listeners. */
  deliver(log = []) {
    for (const entry of log) {
      if (entry.type === "pageerror") {
        const error = new Error(entry.text);
        error.stack = entry.text;
        for (const handler of this.listeners.pageerror) handler(error);
      } else {
        for (const handler of this.listeners.console) handler(new WkConsoleMessage(entry));
      }
    }
  }

  async refreshUrl() {
    if (this.closed) return;
    this.currentUrl = await this.session.command("GET", "/url");
    if (/^https?:/.test(this.currentUrl)) this.origins.add(new URL(this.currentUrl).origin);
  }

  /**
   * Runs a command that may load a document, then makes sure the document has the probe and the
   * new-document scripts (installed late when its server did not put them first), reads the
   * probe's log and the URL.
   */
  async act(command) {
    const result = await command(this.session);
    await this.afterLoad();
    return result;
  }

  async afterLoad() {
    const scripts = newDocumentScripts.get(this) ?? [];
    const source = `
      if (!window.__carnetProbe) {
        ${call(probe, LOG_KEY)}
        ${scripts.map(({ fn, args }) => call(fn, ...args)).join("\n")}
      }
      return window.__carnetProbe ? window.__carnetProbe.drain() : [];
    `;
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        this.deliver(await this.session.command("POST", "/execute/sync", { script: source, args: [] }));
        break;
      } catch (error) {
        // JavaScript off, or a page WebDriver cannot script: no log to read.
        if (error.code === "javascript error" || error.code === "unsupported operation") break;
        // The command (a click on a link, say) started a navigation that unloaded the document
        // under the script: read the next one.
        if (error.code !== "no such frame" || Date.now() > deadline) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await this.refreshUrl();
  }

  /**
   * Runs `command` and returns the response of the document it loaded: the test server's record
   * for the final URL (after redirects), else for `requested` (a page may have changed its own
   * address since, with history.replaceState, as the app does for `/index.html`).
   */
  async navigate(command, requested = null) {
    const before = responseSeq;
    await this.act(command);
    const fresh = (url) => {
      const record = webkitResponses.get(url);
      return record && record.seq > before ? record : undefined;
    };
    const url = this.currentUrl.replace(/#.*$/, "");
    const asked = requested?.replace(/#.*$/, "");
    const record = fresh(url) ?? (asked ? fresh(asked) : undefined);
    return new WkResponse(record || !asked ? url : asked, record);
  }

  /**
   * Opens `url`. waitUntil "load" (the default) waits for the load event, as WebDriver does;
   * "domcontentloaded" only for the document to be parsed (a held request does not block it).
   */
  async goto(url, { waitUntil = "load" } = {}) {
    if (waitUntil === "load" || waitUntil === "networkidle0" || waitUntil === "networkidle2") {
      return this.navigate((session) => session.command("POST", "/url", { url }), url);
    }
    return this.navigate(async (session) => {
      await session.command("POST", "/execute/sync", { script: "location.assign(arguments[0])", args: [url] });
      const deadline = Date.now() + 60_000;
      for (;;) {
        try {
          const state = await session.command("POST", "/execute/sync", {
            script: "return [location.href, document.readyState]",
            args: [],
          });
          if (state[0] === url && state[1] !== "loading") return;
        } catch {
          // Between two documents.
        }
        if (Date.now() > deadline) throw new Error(`webkit: ${url} did not load`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }, url);
  }
  goBack() {
    return this.navigate((session) => session.command("POST", "/back", {}));
  }
  goForward() {
    return this.navigate((session) => session.command("POST", "/forward", {}));
  }
  reload() {
    return this.navigate((session) => session.command("POST", "/refresh", {}));
  }

  url() {
    return this.currentUrl;
  }
  async title() {
    return this.session.command("GET", "/title");
  }
  async content() {
    return this.evaluate(() => new XMLSerializer().serializeToString(document));
  }

  /** Runs `fn(...args)` in the page; resolves to its (awaited) value, as JSON. */
  async evaluate(fn, ...args) {
    const raw = await this.evaluateRaw(fn, args);
    return this.unwrap(raw, false);
  }
  /** As evaluate, but an element comes back as an ElementHandle, anything else as a JSHandle. */
  async evaluateHandle(fn, ...args) {
    const raw = await this.evaluateRaw(fn, args);
    return this.unwrap(raw, true);
  }
  async evaluateRaw(fn, args, isFunction = typeof fn === "function", statements = false) {
    const wire = args.map((arg) => (arg instanceof WkElementHandle ? arg.ref : arg === undefined ? null : arg));
    const run = (kind) =>
      this.session.command("POST", "/execute/async", {
        script: evaluateScript(isFunction ? fn.toString() : String(fn), kind),
        args: wire,
      });
    let result;
    try {
      result = await run(isFunction ? "function" : statements ? "statements" : "expression");
    } catch (error) {
      // Errors at run time come back in the result: this one is the script not compiling. A
      // string of statements (a library's source, say) is no expression: run it as they are.
      if (isFunction || statements || error.code !== "javascript error") throw error;
      result = await run("statements");
    }
    this.deliver(result.log);
    if (!result.ok) throw new Error(`webkit: evaluation failed: ${result.error}`);
    return result;
  }
  unwrap(result, handle) {
    const element = result.value && typeof result.value === "object" && result.value[ELEMENT];
    if (handle) return element ? new WkElementHandle(this, element) : new WkJSHandle(result.value);
    if (result.undefined) return undefined;
    return element ? {} : result.value;
  }

  async find(path, selector, all) {
    try {
      const found = await this.session.command("POST", path, { using: "css selector", value: selector });
      if (all) return found.map((ref) => new WkElementHandle(this, ref[ELEMENT]));
      return new WkElementHandle(this, found[ELEMENT]);
    } catch (error) {
      if (!all && error.code === "no such element") return null;
      throw error;
    }
  }
  $(selector) {
    return this.find("/element", selector, false);
  }
  $$(selector) {
    return this.find("/elements", selector, true);
  }
  async $eval(selector, fn, ...args) {
    const element = await this.$(selector);
    if (!element) throw new Error(`webkit: no element matches ${selector}`);
    return element.evaluate(fn, ...args);
  }
  $$eval(selector, fn, ...args) {
    const source = `(selector, ...args) => (${fn})([...document.querySelectorAll(selector)], ...args)`;
    return this.evaluateRaw(source, [selector, ...args], true).then((raw) => this.unwrap(raw, false));
  }
  async element(selector) {
    const element = await this.$(selector);
    if (!element) throw new Error(`webkit: no element matches ${selector}`);
    return element;
  }
  async click(selector) {
    await (await this.element(selector)).click();
  }
  async focus(selector) {
    await (await this.element(selector)).focus();
  }
  async hover(selector) {
    await (await this.element(selector)).hover();
  }
  async type(selector, text) {
    await (await this.element(selector)).type(text);
  }

  async keys(actions) {
    await this.act((session) =>
      session.command("POST", "/actions", { actions: [{ type: "key", id: "keyboard", actions }] }),
    );
  }

  /** Polls `fn(...args)` until it is truthy; resolves to a handle on its value. */
  async waitForFunction(fn, { timeout = 30_000, polling } = {}, ...args) {
    const deadline = Date.now() + timeout;
    const interval = typeof polling === "number" ? polling : 25;
    for (;;) {
      let value;
      try {
        value = await this.evaluateRaw(fn, args);
      } catch (error) {
        // A document being replaced cannot be evaluated in; the next one will.
        if (!/evaluation failed/.test(error.message) && !/javascript error|no such window/.test(error.code ?? "")) {
          throw error;
        }
      }
      if (value?.value) return this.unwrap(value, true);
      if (Date.now() > deadline) throw new Error(`webkit: waitForFunction timed out after ${timeout} ms: ${fn}`);
      await new Promise((resolve) => setTimeout(resolve, interval));
    }
  }
  async waitForSelector(selector, { timeout = 30_000, visible = false, hidden = false } = {}) {
    const handle = await this.waitForFunction(
      (selector, visible, hidden) => {
        const el = document.querySelector(selector);
        const shown = el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
        if (hidden) return !el || !shown;
        return el && (!visible || shown) ? el : null;
      },
      { timeout },
      selector,
      visible,
      hidden,
    );
    return handle.asElement();
  }
  /** Runs a script's `content` (or the file at `path`) in the page, as puppeteer's addScriptTag. */
  async addScriptTag({ content, path } = {}) {
    await this.evaluateRaw(content ?? fs.readFileSync(path, "utf8"), [], false, true);
  }
  async waitForNavigation() {
    unsupported("page.waitForNavigation");
  }

  /** The viewport's size, once the window has stopped changing size. */
  async innerSize() {
    const read = () =>
      this.session.command("POST", "/execute/sync", { script: "return [innerWidth, innerHeight]", args: [] });
    let last = await read();
    for (let i = 0; i < 40; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      const now = await read();
      if (now[0] === last[0] && now[1] === last[1] && i >= 2) return now;
      last = now;
    }
    return last;
  }

  /** Makes the viewport (not the window) this size: the window is resized until it is. */
  async setViewport({ width, height }) {
    let inner = await this.innerSize();
    for (let i = 0; i < 4 && (inner[0] !== width || inner[1] !== height); i++) {
      const rect = await this.session.command("GET", "/window/rect");
      await this.session.command("POST", "/window/rect", {
        width: Math.max(1, rect.width + width - inner[0]),
        height: Math.max(1, rect.height + height - inner[1]),
      });
      inner = await this.innerSize();
    }
    if (inner[0] !== width || inner[1] !== height) {
      throw new Error(`webkit: no viewport of ${width}×${height} (the window allows ${inner.join("×")})`);
    }
  }

  async evaluateOnNewDocument(fn, ...args) {
    if (typeof fn !== "function") unsupported("evaluateOnNewDocument with a string");
    newDocumentScripts.get(this)?.push({ fn: fn.toString(), args });
  }

  emulateMediaType() {
    unsupported("page.emulateMediaType");
  }
  emulateMediaFeatures() {
    unsupported("page.emulateMediaFeatures");
  }
  setRequestInterception() {
    unsupported("page.setRequestInterception");
  }
  setJavaScriptEnabled() {
    unsupported("page.setJavaScriptEnabled (launch WebKit with { javascript: false })");
  }

  /** Reads the probe's last lines, then gives the session back to `release` (or ends it). */
  async close() {
    if (this.closed) return;
    try {
      await this.afterLoad();
    } catch {
      // The page is gone: nothing more to read.
    }
    this.closed = true;
    clearInterval(this.poller);
    newDocumentScripts.delete(this);
    await (this.release ? this.release(this.session, this.origins) : this.session.quit());
  }
}

/**
 * A browser context: a WebDriver session with one page. Starting MiniBrowser takes seconds, so a
 * closed context's session is kept and reused, made fresh again: its storage and cookies cleared
 * on every origin it went to.
 */
class WkContext {
  constructor(pool) {
    this.pool = pool;
    this.page = null;
  }
  async newPage() {
    if (this.page) unsupported("a second page in a context");
    this.page = new WkPage(await this.pool.take());
    this.page.release = (session, origins) => this.pool.give(session, origins);
    await this.page.setViewport({ width: 800, height: 600 });
    return this.page;
  }
  async close() {
    await this.page?.close();
  }
}

/** The sessions of one launch: idle ones are reused. */
class Pool {
  constructor(options) {
    this.options = options;
    this.idle = [];
    this.all = new Set();
  }
  async take() {
    const session = this.idle.pop() ?? (await Session.start(this.options));
    this.all.add(session);
    return session;
  }
  async give(session, origins) {
    try {
      await fresh(session, origins, this.options.javascript);
      this.idle.push(session);
    } catch {
      this.all.delete(session);
      await session.quit();
    }
  }
  async close() {
    const sessions = [...this.all];
    this.all.clear();
    this.idle = [];
    await Promise.all(sessions.map((session) => session.quit()));
  }
}

/**
 * Makes a used session as a new one: storage and cookies cleared, the mouse in the corner. (Its history stays: a test
 * going back past its first page would find the previous test's; none does. A new window would
 * have none, but MiniBrowser's new windows do not take the viewport's size.)
 */
async function fresh(session, origins, javascript) {
  for (const origin of origins) {
    // The probe's address: the test server answers it on any path without recording it.
    await session.command("POST", "/url", { url: `${origin}/${PROBE_PATH}?blank` });
    await session.command("DELETE", "/cookie");
    if (javascript) {
      await session.command("POST", "/execute/sync", {
        script: "localStorage.clear(); sessionStorage.clear();",
        args: [],
      });
    }
  }
  await session.command("POST", "/url", { url: "about:blank" });
  // The mouse back in the corner: a pointer left over a link would not enter it again.
  await session.command("POST", "/actions", {
    actions: [
      {
        type: "pointer",
        id: "mouse",
        parameters: { pointerType: "mouse" },
        actions: [{ type: "pointerMove", origin: "viewport", x: 0, y: 0 }],
      },
    ],
  });
  await session.command("DELETE", "/actions");
}

/**
 * Launches WebKit: options.javascript false turns JavaScript off, options.dark makes the colour
 * scheme dark. Resolves to { name, createBrowserContext, newPage, close }.
 */
export async function launch({ javascript = true, dark = false } = {}) {
  if (!fs.existsSync(DRIVER)) {
    throw new Error(`webkit: no WebKitWebDriver at ${DRIVER} (install Debian's webkit2gtk-driver, or set WEBKIT_DRIVER)`);
  }
  await xDisplay();
  const pool = new Pool({ javascript, dark });
  const contexts = new Set();
  return {
    name: "webkit",
    async createBrowserContext() {
      const context = new WkContext(pool);
      contexts.add(context);
      const close = context.close.bind(context);
      context.close = async () => {
        contexts.delete(context);
        await close();
      };
      return context;
    },
    async newPage() {
      const context = await this.createBrowserContext();
      const page = await context.newPage();
      page.close = context.close;
      return page;
    },
    async close() {
      await Promise.all([...contexts].map((context) => context.close().catch(() => {})));
      await pool.close();
    },
  };
}
