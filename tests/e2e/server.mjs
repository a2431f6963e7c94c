// A static file server for the end-to-end tests, like the hosts Carnet is deployed on.
//
// `serve(root, { port, base, fallback })` serves the folder `root` at the path `base` ("/" or a
// sub-path such as "/blog/", as a GitHub Pages project site is served). A path that is not a
// file is answered according to `fallback`:
// - "404" (the default), like GitHub Pages, Netlify or nginx: a folder without its trailing
//   slash is redirected (301) to it, a folder is answered with its index.html, and anything
//   else with the site's 404.html and status 404;
// - "index" (or `true`), like `trunk serve` and the single-page-app rewrites of other hosts
//   (Netlify's `/* /index.html 200`, Vercel and Firebase rewrites, nginx's `try_files $uri
//   $uri/ /index.html`): a folder is answered with its index.html, and any other path that is
//   no file, data files included, with the site's index.html and status 200;
// - "none" (or `false`): a plain-text 404.
// Paths outside `base` get a plain-text 404 (they are not the site's to answer).
//
// It fails requests on purpose, to test what a reader sees when the network or the host does:
// `faults` is a Map from a full pathname ("/blog/data/index.json") to one of FAULTS:
// - "404", "500": that status (with the site's 404.html, or a plain-text error);
// - "truncated": the file cut in half (an HTML page keeps its markup but its embedded data is
//   cut in half; a gzipped file's inflated text is cut, then gzipped again);
// - "cut": the file's stored bytes cut in half, as they are (a gzipped file no longer inflates);
// - "version": the file with every `"version": n` of its JSON (an HTML page's embedded data)
//   set to n + 1, as another version of Carnet would write it;
// - "stall": answered as usual, but only once the fault is deleted, or after 10 s;
// - "reset": the connection is dropped without an answer;
// - "html": the site's index.html with status 200, as a single-page-app rewrite answers;
// - "stale": the file as an earlier build would have written it (a space added at the end of its
//   text), once: the fault then deletes itself, as a browser's stale copy is replaced by the
//   host's when asked past its cache.
// Deleting a fault (or clearing them all) lets the requests it stalls through. The server also
// records every pathname asked for (`requests`), to check that a site served under a sub-path
// stays under it.
//
// With `stripData: true`, HTML documents are served without the data pre-rendered pages embed
// (`<script id="carnet-data">`), as a host answering with a bare app shell would: the app must
// then fetch the index itself.
//
// With `compress: true`, it compresses as a static host does: a file's `.br` copy is sent when
// there is one and the browser accepts br, else text, JSON, wasm, SVG and XML are gzipped on the
// fly (once per file, kept in memory). `rewriteHtml(text)` changes every HTML document before it
// is sent (the benchmark's static baseline takes its scripts out). Both are off by default.
//
// It answers a request for one byte range (`Range: bytes=a-b`) of a file sent as it is with
// that range (206), as static hosts do (the search worker asks for each post's text so); with
// `ranges: false` it ignores ranges and sends the whole file, as `python3 -m http.server` does.
//
// A `.gz` file (the pages' data buckets, stored gzipped) is sent as it is, `application/gzip`,
// as most hosts do; with `live.gzEncoding` set, as the type of the name it ends (`x.json.gz` as
// JSON) with `Content-Encoding: gzip`, as Apache's `AddEncoding gzip .gz` does, so that the
// browser inflates it before the app sees it. "truncated" and "version" change a gzipped file's
// inflated text, then gzip it again.
//
// Usage from the command line: node tests/e2e/server.mjs DIR [PORT] [--base /blog/] [--spa] [--no-ranges]
import http from "node:http";
import fs from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import zlib from "node:zlib";
import { isCompressible } from "../../scripts/precompress.mjs";
import { PROBE_PATH, isWebKit, probeSource, recordWebKitResponse } from "./webkit.mjs";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".gz": "application/gzip",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
};

/** The file at `filePath` if it is one, else null. */
async function fileAt(filePath) {
  try {
    return (await fs.stat(filePath)).isFile() ? filePath : null;
  } catch {
    return null;
  }
}

/** "blog", "/blog", "/blog/" → "/blog/"; "" or "/" → "/". */
function normaliseBase(base) {
  const trimmed = String(base ?? "/").replace(/^\/+|\/+$/g, "");
  return trimmed ? `/${trimmed}/` : "/";
}

/** "404" | "index" | "none", from the option (true and false as the older API had them). */
function normaliseFallback(fallback) {
  if (fallback === true || fallback === "index") return "index";
  if (fallback === false || fallback === "none") return "none";
  if (fallback === "404" || fallback === 404 || fallback === undefined) return "404";
  throw new Error(`serve: unknown fallback ${JSON.stringify(fallback)} (use "404", "index" or "none")`);
}

/** The embedded page data of a pre-rendered document, which `stripData` removes: its opening tag, JSON and end. */
const EMBEDDED_DATA = /(<script id="carnet-data"[^>]*>)([\s\S]*?)(<\/script>)/g;

/** The kinds of fault a server can inject (see the top of this file). */
export const FAULTS = ["404", "500", "truncated", "cut", "version", "stall", "reset", "html", "stale"];
/** How long a "stall" holds a request at most. */
const STALL_MS = 10_000;

/** How "truncated" and "version" change a JSON text. */
const CORRUPT = {
  truncated: (json) => json.slice(0, Math.floor(json.length / 2)),
  version: (json) => json.replace(/("version"\s*:\s*)(\d+)/g, (_, key, n) => `${key}${Number(n) + 1}`),
  stale: (json) => `${json} `,
};

/**
 * The faults of a server: a Map from full pathname to one of FAULTS. Deleting a "stall" (or
 * clearing) lets the requests it holds through.
 */
class Faults extends Map {
  #stalled = new Map(); // pathname → the functions releasing its held requests

  set(pathname, kind) {
    if (!FAULTS.includes(kind)) throw new Error(`unknown fault ${JSON.stringify(kind)} (one of ${FAULTS.join(", ")})`);
    return super.set(pathname, kind);
  }

  delete(pathname) {
    this.release(pathname);
    return super.delete(pathname);
  }

  /** Lets the requests held on `pathname` go on, under the fault it has by then ("reset": they
   * fail, late). */
  release(pathname) {
    for (const release of this.#stalled.get(pathname) ?? []) release();
    this.#stalled.delete(pathname);
  }

  clear() {
    for (const pathname of [...this.keys()]) this.delete(pathname);
  }

  /** Resolves once the fault on `pathname` is deleted, or after STALL_MS. */
  stall(pathname) {
    return new Promise((resolve) => {
      const timer = setTimeout(release, STALL_MS);
      function release() {
        clearTimeout(timer);
        resolve();
      }
      if (!this.#stalled.has(pathname)) this.#stalled.set(pathname, []);
      this.#stalled.get(pathname).push(release);
    });
  }
}

/** Whether an Accept-Encoding header lists `coding` ("br", "gzip"). */
function accepts(acceptEncoding = "", coding) {
  return acceptEncoding.split(",").some((item) => item.trim().split(";")[0] === coding);
}

/**
 * The one byte range a `Range` header asks of a body of `size` bytes: { start, end } (end
 * included), "unsatisfiable", or null to send the whole body (no header, or several ranges).
 */
export function byteRange(header, size) {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header ?? "");
  if (!match || (match[1] === "" && match[2] === "")) return null;
  const [start, end] =
    match[1] === ""
      ? [Math.max(size - Number(match[2]), 0), size - 1]
      : [Number(match[1]), Math.min(match[2] === "" ? size - 1 : Number(match[2]), size - 1)];
  return start < size && start <= end ? { start, end } : "unsatisfiable";
}

/**
 * The compression of a server with `compress: true`: `encode(filePath, body, asOnDisk,
 * acceptEncoding)` → { body, encoding } (encoding null when sent as is). `asOnDisk` says that
 * `body` is the file's content, so that its `.br` copy may be sent instead.
 */
function compressor() {
  const gzipped = new Map(); // file path → { source, gzipped }: the body last sent and its gzip
  return async function encode(filePath, body, asOnDisk, acceptEncoding) {
    const brotli = asOnDisk && accepts(acceptEncoding, "br") ? await fileAt(`${filePath}.br`) : null;
    if (brotli) return { body: await fs.readFile(brotli), encoding: "br" };
    // Gzipped on the fly: what the release build gives .br copies to, when it has none.
    if (!isCompressible(filePath) || !accepts(acceptEncoding, "gzip")) {
      return { body, encoding: null };
    }
    // Kept with what it compresses: a file sent changed (rewritten, or a fault) is compressed afresh.
    const kept = gzipped.get(filePath);
    if (kept?.source.equals(body)) return { body: kept.gzipped, encoding: "gzip" };
    gzipped.set(filePath, { source: body, gzipped: zlib.gzipSync(body) });
    return { body: gzipped.get(filePath).gzipped, encoding: "gzip" };
  };
}

/**
 * Starts serving `root` at `base`; resolves to { url, origin, base, root, close, faults, requests }.
 * `url`: the site's address, ending with the base ("http://127.0.0.1:PORT/blog/").
 * `faults`: a Map from full pathnames ("/blog/data/…") to the fault their requests get (FAULTS).
 * `requests`: every pathname asked for, in order, decoded.
 * `live.ranges`: whether byte ranges are answered (options.ranges), `live.root`, the folder
 * served (`root`), and `live.gzEncoding` (see the top of this file): each changeable at any
 * time (a new build deployed under an open tab).
 * options.stripData: serve HTML without its embedded `<script id="carnet-data">`.
 * options.compress: send `.br` copies or gzip, as a static host does.
 * options.rewriteHtml: a function from an HTML document's text to the text to send.
 * options.ranges: answer a request for a byte range with it (true, the default), or ignore it.
 */
export async function serve(
  root,
  {
    port = 0,
    base = "/",
    fallback = "404",
    stripData = false,
    compress = false,
    rewriteHtml = null,
    ranges = true,
  } = {},
) {
  base = normaliseBase(base);
  const mode = normaliseFallback(fallback);
  const encode = compress ? compressor() : null;
  const faults = new Faults();
  const requests = [];
  // What a test may change while the server runs.
  const live = { ranges, root, gzEncoding: false };
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, "http://x");
    let pathname;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      // A malformed %-escape must not crash the test process.
      res.writeHead(400, { "content-type": "text/plain; charset=utf-8" });
      res.end("bad request");
      return;
    }
    // WebKit's classic WebDriver has no console events nor scripts on new documents: its
    // documents get webkit.mjs's probe first in their <head> (answered here on any path, not
    // recorded), and the answers it gets are recorded for its page.goto().
    const webkit = isWebKit(req.headers["user-agent"]);
    if (webkit) {
      if (pathname.endsWith(`/${PROBE_PATH}`)) {
        const blank = url.search === "?blank";
        res.writeHead(200, { "content-type": TYPES[blank ? ".html" : ".js"], "cache-control": "no-store" });
        // The blank page names an icon: without one WebKit asks for /favicon.ico.
        res.end(blank ? '<!doctype html><link rel="icon" href="data:,"><title>blank</title>' : probeSource());
        return;
      }
      const address = `http://${req.headers.host}${req.url}`;
      res.on("finish", () => recordWebKitResponse(address, res.statusCode, res.getHeaders()));
    }
    requests.push(pathname);
    let fault = faults.get(pathname);
    if (fault === "stall") {
      await faults.stall(pathname);
      fault = faults.get(pathname) === "stall" ? undefined : faults.get(pathname);
    }
    if (fault === "reset") {
      req.socket.destroy();
      return;
    }
    const corrupt = CORRUPT[fault];
    if (fault === "stale") faults.delete(pathname);
    const send = async (filePath, status = 200) => {
      let body = await fs.readFile(filePath);
      const html = path.extname(filePath).toLowerCase() === ".html";
      const rewritten = corrupt || (html && (stripData || rewriteHtml || webkit));
      const gzipped = body[0] === 0x1f && body[1] === 0x8b;
      if (rewritten) {
        let text = (gzipped ? zlib.gunzipSync(body) : body).toString("utf8");
        if (corrupt && html) text = text.replace(EMBEDDED_DATA, (_, open, json, end) => open + corrupt(json) + end);
        else if (corrupt) text = corrupt(text);
        if (html && stripData) text = text.replace(EMBEDDED_DATA, "");
        if (html && rewriteHtml) text = rewriteHtml(text);
        if (html && webkit) text = text.replace(/<head[^>]*>/i, (head) => `${head}<script src="${base}${PROBE_PATH}"></script>`);
        body = gzipped ? zlib.gzipSync(text) : Buffer.from(text);
      }
      const gzEncoded = live.gzEncoding && filePath.endsWith(".gz");
      const typed = gzEncoded ? filePath.slice(0, -".gz".length) : filePath;
      const headers = {
        "content-type": TYPES[path.extname(typed).toLowerCase()] ?? "application/octet-stream",
        "cache-control": "no-cache",
      };
      if (gzEncoded) headers["content-encoding"] = "gzip";
      if (fault === "cut") body = body.subarray(0, Math.floor(body.length / 2));
      if (encode) {
        const encoded = await encode(filePath, body, !rewritten, req.headers["accept-encoding"]);
        body = encoded.body;
        headers.vary = "accept-encoding";
        if (encoded.encoding) headers["content-encoding"] = encoded.encoding;
      }
      if (live.ranges) headers["accept-ranges"] = "bytes";
      const range = live.ranges && status === 200 && !headers["content-encoding"] ? byteRange(req.headers.range, body.length) : null;
      if (range === "unsatisfiable") {
        res.writeHead(416, { "content-range": `bytes */${body.length}` });
        res.end();
        return;
      }
      if (range) {
        headers["content-range"] = `bytes ${range.start}-${range.end}/${body.length}`;
        body = body.subarray(range.start, range.end + 1);
        status = 206;
      }
      res.writeHead(status, headers);
      res.end(req.method === "HEAD" ? undefined : body);
    };
    const plain = (status, text) => {
      res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
      res.end(text);
    };
    const plainNotFound = () => plain(404, "not found");
    /** The site's 404 page with status 404, as GitHub Pages answers; plain text without one. */
    const notFound = async () => {
      const page = await fileAt(path.join(live.root, "404.html"));
      return page ? await send(page, 404) : plainNotFound();
    };
    try {
      if (fault === "404") return await notFound();
      if (fault === "500") return plain(500, "internal server error");
      if (fault === "html") return await send(path.join(live.root, "index.html"));
      // The base itself without its slash ("/blog") is a folder like any other.
      if (base !== "/" && pathname === base.slice(0, -1)) {
        res.writeHead(301, { location: `${base}${url.search}` });
        res.end();
        return;
      }
      if (!pathname.startsWith(base)) return plainNotFound();
      const inSite = pathname.slice(base.length - 1); // keeps its leading "/"
      const file = path.join(live.root, path.normalize(inSite).replace(/^(\.\.[/\\])+/, ""));
      let stat = null;
      try {
        stat = await fs.stat(file);
      } catch {
        // Not there: answered below.
      }
      if (stat?.isDirectory()) {
        const index = await fileAt(path.join(file, "index.html"));
        if (index && mode === "404" && !pathname.endsWith("/")) {
          res.writeHead(301, { location: `${url.pathname}/${url.search}` });
          res.end();
          return;
        }
        if (index) return await send(index);
      } else if (stat?.isFile()) {
        return await send(file);
      }
      if (mode === "index") return await send(path.join(live.root, "index.html"));
      if (mode === "404") return await notFound();
      plainNotFound();
    } catch (error) {
      res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end(String(error));
    }
  });
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    url: `${origin}${base}`,
    origin,
    base,
    root,
    faults,
    requests,
    live,
    // Browsers keep connections alive: drop them, or close() waits for them to time out.
    close: () =>
      new Promise((resolve) => {
        // Let any request still stalled go, so that its connection can close.
        faults.clear();
        server.close(resolve);
        server.closeAllConnections();
      }),
  };
}

// Run, not imported. (A file URL is percent-encoded: `/home/josé/` is `/home/jos%C3%A9/`.)
if (import.meta.url === pathToFileURL(path.resolve(process.argv[1] ?? "")).href) {
  const args = process.argv.slice(2);
  const option = (name) => {
    const i = args.indexOf(name);
    if (i < 0) return undefined;
    const [, value] = args.splice(i, 2);
    return value;
  };
  const base = option("--base") ?? "/";
  const spa = args.includes("--spa");
  const ranges = !args.includes("--no-ranges");
  const [root = "dist", port = "8080"] = args.filter((arg) => !arg.startsWith("--"));
  const { url } = await serve(path.resolve(root), {
    port: Number(port),
    base,
    fallback: spa ? "index" : "404",
    ranges,
  });
  console.log(`serving ${root} at ${url} ${spa ? "with an index.html fallback" : "like GitHub Pages (404.html)"}`);
}
