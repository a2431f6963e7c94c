// Writes a .br and a .gz copy beside every text and wasm file of a built site, for hosts that
// serve precompressed files (nginx `gzip_static`/`brotli_static`, Caddy `precompressed`, …).
// Trunk runs it after release builds (Trunk.toml). Usage: node scripts/precompress.mjs DIR
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import zlib from "node:zlib";

const COMPRESSIBLE = new Set([".html", ".js", ".css", ".json", ".wasm", ".svg", ".xml", ".txt"]);

/** Whether the file `name` is worth compressing: text or wasm, by its extension. */
export function isCompressible(name) {
  return COMPRESSIBLE.has(path.extname(name).toLowerCase());
}

/** Every file under `dir` worth compressing (text and wasm), recursively. */
export function* compressibleFiles(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* compressibleFiles(file);
    else if (isCompressible(entry.name)) yield file;
  }
}

/** Writes the .br and .gz copies of every compressible file under `dir`; returns how many. */
export function precompress(dir) {
  let count = 0;
  for (const file of compressibleFiles(dir)) {
    const data = fs.readFileSync(file);
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: 9 }));
    fs.writeFileSync(
      `${file}.br`,
      zlib.brotliCompressSync(data, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
        },
      }),
    );
    count += 1;
  }
  return count;
}

// Run, not imported. (A file URL is percent-encoded: `/home/josé/` is `/home/jos%C3%A9/`.)
if (import.meta.url === pathToFileURL(path.resolve(process.argv[1] ?? "")).href) {
  const [dir] = process.argv.slice(2);
  if (!dir) {
    console.error("usage: node scripts/precompress.mjs DIR");
    process.exit(2);
  }
  console.error(`carnet: ${precompress(dir)} files precompressed (.br, .gz) in ${dir}`);
}
