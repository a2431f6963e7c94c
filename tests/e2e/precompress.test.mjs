// The release build's precompressed copies (scripts/precompress.mjs): every text and wasm file
// of the site has a .br and a .gz beside it, and both decompress to exactly the original.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { compressibleFiles } from "../../scripts/precompress.mjs";

const DIST = path.resolve(process.env.CARNET_DIST ?? "dist");
test("every text and wasm file has .br and .gz copies with the same content", () => {
  const all = [...compressibleFiles(DIST)];
  assert.ok(all.some((f) => f.endsWith(".wasm")), `no wasm in ${DIST}: build it first`);
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
