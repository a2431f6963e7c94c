// Where the bytes and files of a built Carnet site go, per kind: post pages and list pages (the
// embedded data apart from the rest of the HTML), the bucket files holding the data of posts
// and list pages (data/pages/, schema 5; or the one JSON a page of schema 4 and before), the index, the feed, the sitemaps, the app. Prints a Markdown table.
// Usage: node tests/bench/output-breakdown.mjs DIR (a site built by `carnet build`)
import fs from "node:fs";
import path from "node:path";

const EMBEDDED = /<script id="carnet-data"[^>]*>([\s\S]*?)<\/script>/;

function* allFiles(dir, prefix = "") {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix + entry.name;
    if (entry.isDirectory()) yield* allFiles(path.join(dir, entry.name), `${rel}/`);
    else yield rel;
  }
}

/** The kind of the file at `rel`, a path from the site's root. */
function kind(rel) {
  // Before the copies: buckets are stored gzipped since schema 7 (`data/pages/<k>.json.gz`).
  if (/^data\/pages\/\d+\.json(\.gz)?$/.test(rel)) return "data: buckets of pages' data (posts and list pages)";
  if (/\.(br|gz)$/.test(rel)) return "precompressed copies (.br, .gz)";
  if (rel.startsWith("search/")) return "search index";
  if (rel.startsWith("data/posts/")) return "data: one JSON a post";
  if (rel === "data/index.json") return "data: the index";
  if (rel.startsWith("data/")) return "data: one JSON a list page";
  if (rel.startsWith("posts/")) return "post pages (HTML)";
  if (rel === "index.html" || /^(page|category|tag|archive)\//.test(rel)) return "list pages (HTML)";
  if (/^sitemap.*\.xml$/.test(rel)) return "sitemaps";
  if (rel === "feed.xml") return "feed";
  return "the app and the rest (wasm, JS, CSS, images, 404, robots.txt)";
}

const [dir] = process.argv.slice(2);
if (!dir) {
  console.error("usage: node tests/bench/output-breakdown.mjs DIR");
  process.exit(2);
}
const rows = new Map();
const add = (name, files, bytes) => {
  const row = rows.get(name) ?? { files: 0, bytes: 0 };
  row.files += files;
  row.bytes += bytes;
  rows.set(name, row);
};
let total = 0;
for (const rel of allFiles(dir)) {
  const file = path.join(dir, rel);
  const size = fs.statSync(file).size;
  total += size;
  const k = kind(rel);
  if (k.endsWith("(HTML)")) {
    const match = fs.readFileSync(file, "utf8").match(EMBEDDED);
    const embedded = match ? Buffer.byteLength(match[1]) : 0;
    if (match) {
      const data = JSON.parse(match[1]);
      const index = Buffer.byteLength(JSON.stringify(data.index));
      add(`${k.replace(" (HTML)", "")}: embedded index (its stamp since it is fetched)`, 0, index);
      add(`${k.replace(" (HTML)", "")}: embedded list page or post`, 0, embedded - index);
    }
    add(`${k.replace(" (HTML)", "")}: the HTML itself`, 1, size - embedded);
  } else {
    add(k, 1, size);
  }
}
console.log("| kind | files | bytes | share |\n|---|---:|---:|---:|");
for (const [name, row] of [...rows].sort((a, b) => b[1].bytes - a[1].bytes)) {
  const share = ((100 * row.bytes) / total).toFixed(1);
  console.log(`| ${name} | ${row.files || ""} | ${row.bytes.toLocaleString("en")} | ${share} % |`);
}
console.log(`| total | | ${total.toLocaleString("en")} | 100 % |`);
