#!/usr/bin/env bash
# What an HTML allow-list costs in the wasm (issue 10). Builds four tiny cdylibs for
# wasm32-unknown-unknown with Carnet's release profile (opt-level "z", LTO, one codegen unit,
# panic = abort), each exporting the same `render(ptr, len)` that turns Markdown in memory into
# HTML, with Carnet's Markdown options:
#
#   1. pulldown-cmark 0.13 alone (html feature only): nothing cleaned;
#   2. 1 + ammonia (latest, default features) cleaning the HTML: `ammonia::clean`;
#   3. carnet-core's `markdown::to_html`, from this repository: 1 + heading and footnote ids +
#      Carnet's own allow-list (src/sanitize.rs);
#   4. 1 + a minimal allow-list over html5gum's tokenizer (tags from a fixed list, a few
#      attributes, text escaped): a floor for a tokenizer crate, not a sanitiser.
#
# Each is run through `wasm-opt -Oz` (binaryen 132), then measured raw, gzip -9 and brotli 11
# (Node's zlib, as scripts/sizes does), with the difference from 1.
#
#   tests/bench/sanitizer-size.sh [WORKDIR]
#
# WORKDIR (default: a new directory under /tmp) holds the scratch crates; the repository is not
# touched. wasm-opt is $WASM_OPT, else node_modules/.bin/wasm-opt if it is binaryen 132, else
# `npx -y -p binaryen@132.0.0 wasm-opt`. Takes about 5 minutes on 2 cores the first time.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=${1:-$(mktemp -d /tmp/sanitizer-size.XXXXXX)}
mkdir -p "$work"
cd "$work"

if [ -n "${WASM_OPT:-}" ]; then
  wasm_opt=("$WASM_OPT")
elif "$repo/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q 'version 132'; then
  wasm_opt=("$repo/node_modules/.bin/wasm-opt")
else
  wasm_opt=(npx -y -p binaryen@132.0.0 wasm-opt)
fi
rustup target list --installed | grep -qx wasm32-unknown-unknown \
  || rustup target add wasm32-unknown-unknown

cat > Cargo.toml <<'EOF'
[workspace]
members = ["v1-pulldown-cmark", "v2-ammonia", "v3-carnet", "v4-html5gum"]
resolver = "2"

[workspace.dependencies]
pulldown-cmark = { version = "0.13", default-features = false, features = ["html"] }

# Carnet's release profile (the root Cargo.toml).
[profile.release]
opt-level = "z"
lto = true
codegen-units = 1
panic = "abort"
EOF

# The same entry points for every variant: the host writes Markdown into `alloc`'s buffer and
# gets the HTML's address and length back, packed in a u64.
cat > entry.rs <<'EOF'
#[no_mangle]
pub extern "C" fn alloc(len: usize) -> *mut u8 {
    let mut buffer = Vec::<u8>::with_capacity(len);
    let ptr = buffer.as_mut_ptr();
    core::mem::forget(buffer);
    ptr
}

/// # Safety
/// `ptr` comes from `alloc(len)` and holds `len` bytes.
#[no_mangle]
pub unsafe extern "C" fn render(ptr: *mut u8, len: usize) -> u64 {
    let markdown = String::from_utf8(Vec::from_raw_parts(ptr, len, len)).unwrap_or_default();
    let html = render_markdown(&markdown).into_bytes().into_boxed_slice();
    let len = html.len() as u64;
    ((Box::into_raw(html) as *mut u8 as u64) << 32) | len
}
EOF

cat > options.rs <<'EOF'
/// Carnet's Markdown options (crates/carnet-core/src/markdown.rs).
fn carnet_options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options;
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

fn markdown_to_html(markdown: &str) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(
        &mut html,
        pulldown_cmark::Parser::new_ext(markdown, carnet_options()),
    );
    html
}
EOF

# A variant: its name, its dependencies, and (on stdin) its `render_markdown`.
variant() {
  mkdir -p "$1/src"
  cat > "$1/Cargo.toml" <<EOF
[package]
name = "$1"
version = "0.0.0"
edition = "2021"
publish = false

[lib]
crate-type = ["cdylib"]

[dependencies]
$2
EOF
  { cat; echo 'include!("../../entry.rs");'; } > "$1/src/lib.rs"
}

variant v1-pulldown-cmark 'pulldown-cmark.workspace = true' <<'EOF'
include!("../../options.rs");

fn render_markdown(markdown: &str) -> String {
    markdown_to_html(markdown)
}
EOF

variant v2-ammonia 'pulldown-cmark.workspace = true
ammonia = "*"' <<'EOF'
include!("../../options.rs");

fn render_markdown(markdown: &str) -> String {
    ammonia::clean(&markdown_to_html(markdown))
}
EOF

variant v3-carnet "carnet-core = { path = \"$repo/crates/carnet-core\" }" <<'EOF'
fn render_markdown(markdown: &str) -> String {
    carnet_core::markdown::to_html(markdown, "/").as_str().to_owned()
}
EOF

variant v4-html5gum 'pulldown-cmark.workspace = true
html5gum = "*"' <<'EOF'
include!("../../options.rs");
use html5gum::{Token, Tokenizer};

const ELEMENTS: &[&str] = &[
    "p", "br", "em", "strong", "b", "i", "del", "sup", "code", "a", "img", "blockquote", "pre",
    "ul", "ol", "li", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "div", "span", "table", "thead",
    "tbody", "tr", "th", "td", "input",
];
const ATTRIBUTES: &[&str] = &["href", "src", "alt", "title", "id", "class"];

fn escape(out: &mut String, text: &[u8]) {
    for c in String::from_utf8_lossy(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

fn render_markdown(markdown: &str) -> String {
    let html = markdown_to_html(markdown);
    let mut out = String::with_capacity(html.len());
    for token in Tokenizer::new(html.as_str()).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name);
                if !ELEMENTS.contains(&&*name) {
                    continue;
                }
                out.push('<');
                out.push_str(&name);
                for (key, value) in &tag.attributes {
                    let key = String::from_utf8_lossy(key);
                    if ATTRIBUTES.contains(&&*key) {
                        out.push(' ');
                        out.push_str(&key);
                        out.push_str("=\"");
                        escape(&mut out, value);
                        out.push('"');
                    }
                }
                out.push('>');
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name);
                if ELEMENTS.contains(&&*name) {
                    out.push_str("</");
                    out.push_str(&name);
                    out.push('>');
                }
            }
            Token::String(text) => escape(&mut out, &text),
            _ => {}
        }
    }
    out
}
EOF

echo "building in $work" >&2
nice -n 10 cargo build --release --target wasm32-unknown-unknown --workspace --quiet

for v in v1-pulldown-cmark v2-ammonia v3-carnet v4-html5gum; do
  "${wasm_opt[@]}" -Oz --strip-debug --strip-producers \
    "target/wasm32-unknown-unknown/release/${v//-/_}.wasm" -o "$v.wasm"
done

versions=$(cargo tree --target wasm32-unknown-unknown --workspace -e normal --depth 1 --prefix none \
  | grep -E '^(pulldown-cmark|ammonia|html5gum) ' | sed 's/ (\*)//' | sort -u | paste -sd, - | sed 's/,/, /g')

exec node - "$work" "$versions" "$("${wasm_opt[@]}" --version)" <<'JS'
const fs = require("node:fs"), path = require("node:path"), zlib = require("node:zlib");
const [dir, versions, wasmOpt] = process.argv.slice(2);
const rows = [
  ["1. pulldown-cmark alone", "v1-pulldown-cmark"],
  ["2. + ammonia", "v2-ammonia"],
  ["3. carnet-core `to_html` (+ ids, allow-list)", "v3-carnet"],
  ["4. + html5gum allow-list (minimal)", "v4-html5gum"],
];
const br = (d) => zlib.brotliCompressSync(d, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } });
const gz = (d) => zlib.gzipSync(d, { level: 9 });
// Each variant does its job: what it makes of a post with a script, a handler and a bad link.
const sample = Buffer.from("## Titre\n\nUn *mot* <script>alert(1)</script> <img src=x onerror=alert(1)> [a](javascript:alert(1))\n");
const sizes = rows.map(([name, v]) => {
  const d = fs.readFileSync(path.join(dir, `${v}.wasm`));
  const { exports: e } = new WebAssembly.Instance(new WebAssembly.Module(d), {});
  const at = e.alloc(sample.length);
  new Uint8Array(e.memory.buffer, at, sample.length).set(sample);
  const packed = e.render(at, sample.length);
  const html = Buffer.from(e.memory.buffer, Number(packed >> 32n), Number(packed & 0xffffffffn));
  console.error(`${name}: ${JSON.stringify(html.toString())}`);
  return [d.length, gz(d).length, br(d).length];
});
const n = (x) => x.toLocaleString("en-US").replace(/,/g, " ");
const delta = (x, base) => (x === base ? "" : ` (${x > base ? "+" : "−"}${n(Math.abs(x - base))})`);
const rustc = require("node:child_process").execSync("rustc --version").toString().trim();
console.log(`\n${versions}; ${wasmOpt}; ${rustc}\n`);
console.log("| variant | raw | gzip -9 | brotli 11 |");
console.log("|---|---:|---:|---:|");
rows.forEach(([name], i) => {
  const cells = sizes[i].map((x, j) => n(x) + delta(x, sizes[0][j]));
  console.log(`| ${name} | ${cells.join(" | ")} |`);
});
JS
