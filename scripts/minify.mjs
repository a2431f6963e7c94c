// Minifies the scripts at the top of a built site with terser: the app's wasm-bindgen glue, the
// search worker's, and the two scripts of public/ (search.js, search-worker.js), which Trunk
// copies as they are written, comments and all. Trunk runs it after release builds, before the
// precompressed copies are made (Trunk.toml). Usage: node scripts/minify.mjs DIR
//
// Trunk's own `minify` cannot do it: its JS minifier fails on the app's glue (`export default`)
// and leaves it whole, and the same switch rewrites the page template (`<html lang=fr>`
// unquoted), which `carnet build` then reads. What it saves: README « Sizes ».
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

/** The worker's scripts are classic scripts: their top-level names are globals they share
 * (`importScripts`), so they are minified without renaming them. Every other script is a module. */
const CLASSIC = new Set(["search-worker.js", "carnet-search-worker.js"]);

/** Minifies every `.js` file at the top of `dir` in place; returns how many bytes it took off. */
export async function minifyScripts(dir) {
  const { minify } = await import("terser").catch(() => {
    throw new Error("terser is missing from node_modules: run scripts/setup");
  });
  let saved = 0;
  for (const name of fs.readdirSync(dir).filter((name) => name.endsWith(".js")).sort()) {
    const file = path.join(dir, name);
    const code = fs.readFileSync(file, "utf8");
    const module = !CLASSIC.has(name);
    const { code: minified } = await minify(code, {
      module,
      ecma: 2020,
      compress: { passes: 2 },
      format: { comments: false },
    });
    fs.writeFileSync(file, minified);
    saved += Buffer.byteLength(code) - Buffer.byteLength(minified);
  }
  return saved;
}

// Run, not imported. (A file URL is percent-encoded: `/home/josé/` is `/home/jos%C3%A9/`.)
if (import.meta.url === pathToFileURL(path.resolve(process.argv[1] ?? "")).href) {
  const [dir] = process.argv.slice(2);
  if (!dir) {
    console.error("usage: node scripts/minify.mjs DIR");
    process.exit(2);
  }
  try {
    const saved = await minifyScripts(dir);
    console.error(`carnet: scripts minified in ${dir} (${saved} bytes fewer)`);
  } catch (error) {
    console.error(`carnet: minifying the scripts of ${dir} failed: ${error.message}`);
    process.exit(1);
  }
}
