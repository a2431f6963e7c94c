// What one in-app navigation downloads since the pages' data is grouped in bucket files
// (schema 5): for every post and every list page of a built site, the bucket file the app
// fetches to show it, against the page's data alone (what its own `page.json` held in schema 4,
// the same JSON), raw, gzip -9 and brotli 11 (as scripts/sizes measures). Prints the medians and
// the 90th percentiles, for posts and for list pages, as a Markdown table.
//
//   node tests/bench/bucket-fetch.mjs DIR   (a site built by `carnet build`, e.g. with
//   scripts/bench-output --posts 1000 --keep: target/bench-output/1000/carnet)
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const [dir] = process.argv.slice(2);
if (!dir) {
  console.error("usage: node tests/bench/bucket-fetch.mjs DIR");
  process.exit(2);
}
const br = (d) =>
  zlib.brotliCompressSync(d, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: d.length },
  }).length;
const gz = (d) => zlib.gzipSync(d, { level: 9 }).length;
const sizes = (d) => [d.length, gz(d), br(d)];

const index = JSON.parse(fs.readFileSync(path.join(dir, "data/index.json"), "utf8"));
const rows = { post: [], list: [] };
let pages = 0;
const folder = path.join(dir, "data/pages");
const files = fs.readdirSync(folder);
for (const file of files) {
  // Stored gzipped since schema 7: its JSON inflated, as the app reads it.
  const stored = fs.readFileSync(path.join(folder, file));
  const bytes = stored[0] === 0x1f && stored[1] === 0x8b ? zlib.gunzipSync(stored) : stored;
  const bucket = JSON.parse(bytes.toString("utf8"));
  const whole = sizes(bytes);
  for (const [key, data] of Object.entries(bucket)) {
    pages += 1;
    const kind = key.startsWith("posts/") ? "post" : "list";
    rows[kind].push({ alone: sizes(Buffer.from(JSON.stringify(data))), bucket: whole, pages: Object.keys(bucket).length });
  }
}

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
const n = (x) => x.toLocaleString("en-US");
console.log(
  `${dir}: ${n(index.total)} posts, ${n(pages)} pages with data in ${n(files.length)} bucket files ` +
    `(the index says ${n(index.buckets)}; ${n(index.buckets - files.length)} empty, not written)\n`,
);
console.log("| page | what is fetched | pages in it (median) | raw (median / p90) | gzip -9 | brotli 11 |");
console.log("|---|---|---:|---:|---:|---:|");
for (const [kind, list] of Object.entries(rows)) {
  for (const which of ["alone", "bucket"]) {
    const cells = [0, 1, 2].map((i) => {
      const values = list.map((row) => row[which][i]);
      return `${n(quantile(values, 0.5))} / ${n(quantile(values, 0.9))}`;
    });
    const what = which === "alone" ? "its data alone (schema 4's page.json)" : "its bucket file (schema 5)";
    const count = which === "alone" ? 1 : quantile(list.map((row) => row.pages), 0.5);
    console.log(`| ${kind === "post" ? `a post (${n(list.length)})` : `a list page (${n(list.length)})`} | ${what} | ${count} | ${cells.join(" | ")} |`);
  }
}
