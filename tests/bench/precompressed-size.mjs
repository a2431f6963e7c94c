// Prints the files and bytes a site folder would have with the .br and .gz copies that
// scripts/precompress.mjs writes (same levels), without writing them: "FILES BYTES" on stdout.
// Used by scripts/bench-output. Usage: node tests/bench/precompressed-size.mjs DIR
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { compressibleFiles, isCompressible } from "../../scripts/precompress.mjs";

function* allFiles(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* allFiles(file);
    else yield file;
  }
}

const [dir] = process.argv.slice(2);
if (!dir) {
  console.error("usage: node tests/bench/precompressed-size.mjs DIR");
  process.exit(2);
}
let files = 0;
let bytes = 0;
for (const file of allFiles(dir)) {
  files += 1;
  bytes += fs.statSync(file).size;
}
for (const file of compressibleFiles(dir)) {
  if (!isCompressible(file)) continue;
  const data = fs.readFileSync(file);
  bytes += zlib.gzipSync(data, { level: 9 }).length;
  bytes += zlib.brotliCompressSync(data, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  }).length;
  files += 2;
}
console.log(`${files} ${bytes}`);
