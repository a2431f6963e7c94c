// A static file server for the end-to-end tests, like the hosts Carnet is deployed on.
//
// `fallback: true` answers unknown paths with index.html (as `trunk serve` and most SPA hosts do).
// It can also fail requests on purpose (`failPaths`) to test what a reader sees when the network
// does. Usage from the command line: node tests/e2e/server.mjs DIR [PORT]
import http from "node:http";
import fs from "node:fs/promises";
import path from "node:path";

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

/** Starts serving `root`; resolves to { url, close, failPaths, requests }. */
export async function serve(root, { port = 0, fallback = true } = {}) {
  const failPaths = new Set();
  const requests = [];
  const server = http.createServer(async (req, res) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      // A malformed %-escape must not crash the test process.
      res.writeHead(400, { "content-type": "text/plain; charset=utf-8" });
      res.end("bad request");
      return;
    }
    requests.push(pathname);
    if (failPaths.has(pathname)) {
      req.socket.destroy();
      return;
    }
    const file = path.join(root, path.normalize(pathname).replace(/^(\.\.[/\\])+/, ""));
    const send = async (filePath, status = 200) => {
      const body = await fs.readFile(filePath);
      res.writeHead(status, {
        "content-type": TYPES[path.extname(filePath)] ?? "application/octet-stream",
        "cache-control": "no-cache",
      });
      res.end(body);
    };
    try {
      const stat = await fs.stat(file);
      await send(stat.isDirectory() ? path.join(file, "index.html") : file);
    } catch {
      try {
        if (fallback && !path.extname(pathname)) await send(path.join(root, "index.html"));
        else throw new Error("not found");
      } catch {
        res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
        res.end("not found");
      }
    }
  });
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    failPaths,
    requests,
    // Browsers keep connections alive: drop them, or close() waits for them to time out.
    close: () =>
      new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      }),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [root = "dist", port = "8080"] = process.argv.slice(2);
  const { url } = await serve(path.resolve(root), { port: Number(port) });
  console.log(`serving ${root} at ${url}`);
}
