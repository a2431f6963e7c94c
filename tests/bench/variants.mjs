// The variants of a site's pages that the benchmarks compare with the app: the static baseline
// (the same pre-rendered pages without any script) and the limit (those pages as the plainest
// static site would serve them), as rewrites of the served HTML (tests/e2e/server.mjs's
// `rewriteHtml`).
import fs from "node:fs";
import path from "node:path";

/** A pre-rendered page as a plain static site would serve it: no script, no preload of the app. */
export function staticBaseline(html) {
  return html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, "")
    .replace(/<link\b[^>]*\brel="modulepreload"[^>]*>/g, "")
    .replace(/<link\b[^>]*\brel="preload"[^>]*\bas="fetch"[^>]*>/g, "");
}

/**
 * The limit: a pre-rendered page as the plainest static site would serve it, no script and the
 * whole stylesheet inline in its head (`css`, without its comments and runs of spaces), so that
 * its text needs one request. `carnet build`'s head holds only the rules the page uses, and links
 * the file at the end of the body: both go, for the whole sheet. Its Content Security Policy goes
 * too: such a site has none.
 */
export function inlineBaseline(css) {
  const minified = css
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\s+/g, " ")
    .replace(/\s*([{};,>])\s*/g, "$1")
    .trim();
  return (html) =>
    staticBaseline(html)
      .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, "")
      .replace(/<style>[\s\S]*?<\/style>/g, "")
      .replace(/<link\b[^>]*\brel="stylesheet"[^>]*>/g, "")
      .replace("</head>", () => `<style>${minified}</style></head>`);
}

/** The text of the site's stylesheet (Trunk's hashed style-….css). */
export function stylesheet(dist) {
  const name = fs.readdirSync(dist).find((file) => /^style-.*\.css$/.test(file));
  return name ? fs.readFileSync(path.join(dist, name), "utf8") : "";
}
