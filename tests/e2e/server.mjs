// A static file server for the end-to-end tests, like the hosts Carnet is deployed on.
//
// `serve(root, { port, base, fallback })` serves the folder `root` at the path `base` ("/" or a
// sub-path such as "/blog/", as a GitHub Pages project site is served). A path that is not a
// file is answered according to `fallback`:
// - "404" (the default), like GitHub Pages, Netlify or nginx: a folder without its trailing
//   slash is redirected (301) to it, a folder is answered with its index.html, and anything
//   else with the site's 404.html and status 404;
// - "index" (or `true`), like `trunk serve` and single-page-app hosts: a folder is answered with
//   its index.html, and any other path without an extension with the site's index.html (200);
// - "none" (or `false`): a plain-text 404.
// Paths outside `base` get a plain-text 404 (they are not the site's to answer).
//
// It can also fail requests on purpose (`failPaths`: full pathnames whose connections are
// dropped) to test what a reader sees when the network does, hold a request until the test lets
// it through (`hold(pathname)` → release function), to see what shows while something loads, and
// it records every pathname asked for (`requests`), to check that a site served under a sub-path
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
// Usage from the command line: node tests/e2e/server.mjs DIR [PORT] [--base /blog/] [--spa]
import http from "node:http";
import fs from "node:fs/promises";
import path from "node:path";
import zlib from "node:zlib";
import { isCompressible } from "../../scripts/precompress.mjs";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
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

/** The embedded page data of a pre-rendered document, which `stripData` removes. */
const EMBEDDED_DATA = /<script id="carnet-data"[^>]*>[\s\S]*?<\/script>/g;

/** Whether an Accept-Encoding header lists `coding` ("br", "gzip"). */
function accepts(acceptEncoding = "", coding) {
  return acceptEncoding.split(",").some((item) => item.trim().split(";")[0] === coding);
}

/**
 * The compression of a server with `compress: true`: `encode(filePath, body, asOnDisk,
 * acceptEncoding)` → { body, encoding } (encoding null when sent as is). `asOnDisk` says that
 * `body` is the file's content, so that its `.br` copy may be sent instead.
 */
function compressor() {
  const gzipped = new Map(); // file path → its gzipped body
  return async function encode(filePath, body, asOnDisk, acceptEncoding) {
    const brotli = asOnDisk && accepts(acceptEncoding, "br") ? await fileAt(`${filePath}.br`) : null;
    if (brotli) return { body: await fs.readFile(brotli), encoding: "br" };
    // Gzipped on the fly: what the release build gives .br copies to, when it has none.
    if (!isCompressible(filePath) || !accepts(acceptEncoding, "gzip")) {
      return { body, encoding: null };
    }
    if (!gzipped.has(filePath)) gzipped.set(filePath, zlib.gzipSync(body));
    return { body: gzipped.get(filePath), encoding: "gzip" };
  };
}

/**
 * Starts serving `root` at `base`; resolves to
 * { url, origin, base, close, failPaths, requests, hold }.
 * `url`: the site's address, ending with the base ("http://127.0.0.1:PORT/blog/").
 * `failPaths`: a Set of full pathnames ("/blog/data/…") whose requests get their connection dropped.
 * `requests`: every pathname asked for, in order, decoded.
 * `hold(pathname)`: the next requests for this full pathname wait until the function it returns
 * is called (then they are answered as usual).
 * options.stripData: serve HTML without its embedded `<script id="carnet-data">`.
 * options.compress: send `.br` copies or gzip, as a static host does.
 * options.rewriteHtml: a function from an HTML document's text to the text to send.
 */
export async function serve(
  root,
  { port = 0, base = "/", fallback = "404", stripData = false, compress = false, rewriteHtml = null } = {},
) {
  base = normaliseBase(base);
  const mode = normaliseFallback(fallback);
  const encode = compress ? compressor() : null;
  const failPaths = new Set();
  const requests = [];
  const held = new Map(); // pathname → { promise, release }
  const hold = (pathname) => {
    let resolve;
    const promise = new Promise((r) => (resolve = r));
    const release = () => {
      if (held.get(pathname)?.promise === promise) held.delete(pathname);
      resolve();
    };
    held.set(pathname, { promise, release });
    return release;
  };
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
    requests.push(pathname);
    if (held.has(pathname)) await held.get(pathname).promise;
    if (failPaths.has(pathname)) {
      req.socket.destroy();
      return;
    }
    const send = async (filePath, status = 200) => {
      let body = await fs.readFile(filePath);
      const rewritten = (stripData || rewriteHtml) && path.extname(filePath).toLowerCase() === ".html";
      if (rewritten) {
        let text = body.toString("utf8");
        if (stripData) text = text.replace(EMBEDDED_DATA, "");
        if (rewriteHtml) text = rewriteHtml(text);
        body = Buffer.from(text);
      }
      const headers = {
        "content-type": TYPES[path.extname(filePath).toLowerCase()] ?? "application/octet-stream",
        "cache-control": "no-cache",
      };
      if (encode) {
        const encoded = await encode(filePath, body, !rewritten, req.headers["accept-encoding"]);
        body = encoded.body;
        headers.vary = "accept-encoding";
        if (encoded.encoding) headers["content-encoding"] = encoded.encoding;
      }
      res.writeHead(status, headers);
      res.end(req.method === "HEAD" ? undefined : body);
    };
    const plainNotFound = () => {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      res.end("not found");
    };
    try {
      // The base itself without its slash ("/blog") is a folder like any other.
      if (base !== "/" && pathname === base.slice(0, -1)) {
        res.writeHead(301, { location: `${base}${url.search}` });
        res.end();
        return;
      }
      if (!pathname.startsWith(base)) return plainNotFound();
      const inSite = pathname.slice(base.length - 1); // keeps its leading "/"
      const file = path.join(root, path.normalize(inSite).replace(/^(\.\.[/\\])+/, ""));
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
      if (mode === "index" && !path.extname(inSite)) return await send(path.join(root, "index.html"));
      if (mode === "404") {
        const notFound = await fileAt(path.join(root, "404.html"));
        if (notFound) return await send(notFound, 404);
      }
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
    failPaths,
    requests,
    hold,
    // Browsers keep connections alive: drop them, or close() waits for them to time out.
    close: () =>
      new Promise((resolve) => {
        // Let any request still held go, so that its connection can close.
        for (const { release } of [...held.values()]) release();
        server.close(resolve);
        server.closeAllConnections();
      }),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const option = (name) => {
    const i = args.indexOf(name);
    if (i < 0) return undefined;
    const [, value] = args.splice(i, 2);
    return value;
  };
  const base = option("--base") ?? "/";
  const spa = args.includes("--spa");
  const [root = "dist", port = "8080"] = args.filter((arg) => arg !== "--spa");
  const { url } = await serve(path.resolve(root), { port: Number(port), base, fallback: spa ? "index" : "404" });
  console.log(`serving ${root} at ${url} ${spa ? "with an index.html fallback" : "like GitHub Pages (404.html)"}`);
}
