// The precompressed copies of a release build made with CARNET_PRECOMPRESS=1 (CARNET_DIST;
// scripts/precompress.mjs): every text and wasm file of the site has a .br and a .gz beside it,
// and both decompress to exactly the original. A release build without it (CARNET_DIST_BLOG)
// has none: the copies would triple the files a host must take.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { compressibleFiles } from "../../scripts/precompress.mjs";

const DIST = path.resolve(process.env.CARNET_DIST ?? "dist");
const DIST_BLOG = path.resolve(process.env.CARNET_DIST_BLOG ?? "dist-blog");

test("a release build has no precompressed copies unless asked for", () => {
  const copies = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      // A copy sits beside its original; the pages' data is stored gzipped on its own.
      else if (/\.(br|gz)$/.test(entry.name) && fs.existsSync(file.replace(/\.(br|gz)$/, ""))) copies.push(file);
    }
  };
  assert.ok(fs.existsSync(path.join(DIST_BLOG, "index.html")), `no build in ${DIST_BLOG}`);
  walk(DIST_BLOG);
  assert.deepEqual(copies, []);
});
test("every text and wasm file has .br and .gz copies with the same content", () => {
  const all = [...compressibleFiles(DIST)];
  assert.ok(
    all.some((f) => f.endsWith(".wasm")),
    `no wasm in ${DIST}: build it first (CARNET_PRECOMPRESS=1 trunk build --release)`,
  );
  assert.ok(all.some((f) => f.endsWith(path.join("posts", "community-manager-un-metier-transparent", "index.html"))));
  for (const file of all) {
    const original = fs.readFileSync(file);
    assert.deepEqual(zlib.brotliDecompressSync(fs.readFileSync(`${file}.br`)), original, `${file}.br`);
    assert.deepEqual(zlib.gunzipSync(fs.readFileSync(`${file}.gz`)), original, `${file}.gz`);
  }
});

test("the wasm compresses: brotli is smaller than gzip, both far smaller than raw", () => {
  const wasm = fs.readdirSync(DIST).find((f) => f.endsWith("_bg.wasm"));
  const size = (suffix) => fs.statSync(path.join(DIST, wasm + suffix)).size;
  assert.ok(size(".br") < size(".gz"), "brotli beats gzip");
  assert.ok(size(".gz") < size("") / 2, "gzip halves the wasm at least");
});
