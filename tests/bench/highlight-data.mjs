// What highlighted code costs in a post's data (issue 13, options « b » and « c »), measured on a
// built post: its data as written in its bucket file (token runs, the option Carnet keeps), without them (no
// highlighting), and with each highlighted block carried instead as ready-made HTML spans, with
// classes or with inline colours (a light and a dark copy, since a colour in an attribute cannot
// follow the theme; the Content Security Policy's `style-src 'self'` would block them anyway).
// Raw, gzip -9 and brotli 11, as scripts/sizes measures.
//
//   node tests/bench/highlight-data.mjs [DIST] [POST_PATH]
//   (default: dist-highlight posts/du-code-colore/, built by scripts/test)
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const dist = process.argv[2] ?? "dist-highlight";
const post = process.argv[3] ?? "posts/du-code-colore/";
// The post's data, from whichever bucket file of data/pages/ holds it.
const data = fs
  .readdirSync(path.join(dist, "data", "pages"))
  .map((file) => JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(dist, "data", "pages", file))).toString("utf8")))
  .find((bucket) => bucket[post])?.[post];
if (!data) throw new Error(`no data for ${post} in ${dist}/data/pages/`);
const page = fs.readFileSync(path.join(dist, post, "index.html"), "utf8");
const css = fs.readFileSync(path.join("public", "style.css"), "utf8");

// The highlighted blocks' HTML, as the pre-rendered page holds it.
const blocks = [...page.matchAll(/<pre><code[^>]*>([\s\S]*?)<\/code><\/pre>/g)]
  .map((m) => m[1])
  .filter((html) => html.includes('<span class="hl-'));
// The light and dark colour of each token class, from the stylesheet.
const colours = (scope) => Object.fromEntries([...scope.matchAll(/--(hl-[a-z]+): (#[0-9a-f]{6})/g)].map((m) => [m[1], m[2]]));
const light = colours(css.slice(0, css.indexOf("@media (prefers-color-scheme: dark) {\n  :root:not")));
const dark = colours(css.slice(css.indexOf(":root:not([data-theme=\"light\"])")));
const inline = (html, palette) => html.replace(/class="(hl-[a-z]+)"/g, (_, c) => `style="color:${palette[c]}"`);

const without = { ...data };
delete without.code;
const variants = [
  ["no highlighting", without],
  ["c. token runs + CSS classes (kept)", data],
  ["b. spans as HTML, classes", { ...without, code: blocks }],
  ["b. spans as HTML, inline colours ×2 themes", { ...without, code: blocks.flatMap((b) => [inline(b, light), inline(b, dark)]) }],
];
const br = (d) => zlib.brotliCompressSync(d, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } });
const gz = (d) => zlib.gzipSync(d, { level: 9 });
const sizes = variants.map(([, value]) => {
  const d = Buffer.from(JSON.stringify(value));
  return [d.length, gz(d).length, br(d).length];
});
const n = (x) => x.toLocaleString("en-US").replace(/,/g, " ");
const delta = (x, base) => (x === base ? "" : ` (${x > base ? "+" : "−"}${n(Math.abs(x - base))})`);
console.log(`the data of ${post} in ${dist}: ${blocks.length} highlighted blocks\n`);
console.log("| the post's data | raw | gzip -9 | brotli 11 |");
console.log("|---|---:|---:|---:|");
variants.forEach(([name], i) => {
  console.log(`| ${name} | ${sizes[i].map((x, j) => n(x) + delta(x, sizes[0][j])).join(" | ")} |`);
});
