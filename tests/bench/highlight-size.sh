#!/usr/bin/env bash
# What highlighting code in the browser would cost the reader (issue 13, option « a »: the
# highlighter in the wasm). Builds two tiny cdylibs for wasm32-unknown-unknown with Carnet's
# release profile (opt-level "z", LTO, one codegen unit, panic = abort), each exporting the same
# `render(ptr, len)` that turns Markdown in memory into HTML:
#
#   1. carnet-core's `markdown::to_html`, from this repository: what the app runs today;
#   2. 1 + syntect (its pure-Rust regex engine `regex-fancy` and its default syntaxes)
#      highlighting each fenced block with a known language into CSS classes
#      (`ClassedHTMLGenerator`), in the wasm.
#
# Each is run through `wasm-opt -Oz` (binaryen 132), then measured raw, gzip -9 and brotli 11
# (Node's zlib, as scripts/sizes does), with the difference from 1. The approach and the entry
# points are those of tests/bench/sanitizer-size.sh.
#
#   tests/bench/highlight-size.sh [WORKDIR]
#
# WORKDIR (default: a new directory under /tmp) holds the scratch crates; the repository is not
# touched. wasm-opt is $WASM_OPT, else node_modules/.bin/wasm-opt if it is binaryen 132, else
# `npx -y -p binaryen@132.0.0 wasm-opt`. Takes a few minutes on 2 cores the first time.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=${1:-$(mktemp -d /tmp/highlight-size.XXXXXX)}
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
members = ["v1-carnet", "v2-syntect"]
resolver = "2"

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

carnet_core="carnet-core = { path = \"$repo/crates/carnet-core\" }"

variant v1-carnet "$carnet_core" <<'EOF'
fn render_markdown(markdown: &str) -> String {
    carnet_core::markdown::to_html(markdown, "/").as_str().to_owned()
}
EOF

variant v2-syntect "$carnet_core
syntect = { version = \"5\", default-features = false, features = [\"default-syntaxes\", \"regex-fancy\", \"html\"] }" <<'EOF'
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// Highlights the fenced blocks whose language syntect knows, and renders the rest with
/// Carnet. (Splitting at "```" is enough for a size measure; the allow-list would also have to
/// keep the classes, a few bytes more.)
fn render_markdown(markdown: &str) -> String {
    let syntaxes = SyntaxSet::load_defaults_newlines();
    let mut out = String::new();
    let mut rest = markdown;
    while let Some(at) = rest.find("```") {
        out.push_str(carnet_core::markdown::to_html(&rest[..at], "/").as_str());
        let after = &rest[at + 3..];
        let (info, body) = after.split_once('\n').unwrap_or((after, ""));
        let (code, next) = body.split_once("```").unwrap_or((body, ""));
        let mut html = match syntaxes.find_syntax_by_token(info.trim()) {
            Some(syntax) => ClassedHTMLGenerator::new_with_class_style(
                syntax,
                &syntaxes,
                ClassStyle::SpacedPrefixed { prefix: "hl-" },
            ),
            None => ClassedHTMLGenerator::new_with_class_style(
                syntaxes.find_syntax_plain_text(),
                &syntaxes,
                ClassStyle::SpacedPrefixed { prefix: "hl-" },
            ),
        };
        for line in LinesWithEndings::from(code) {
            let _ = html.parse_html_for_line_which_includes_newline(line);
        }
        out.push_str("<pre><code>");
        out.push_str(&html.finalize());
        out.push_str("</code></pre>");
        rest = next;
    }
    out.push_str(carnet_core::markdown::to_html(rest, "/").as_str());
    out
}
EOF

echo "building in $work" >&2
nice -n 10 cargo build --release --target wasm32-unknown-unknown --workspace --quiet

for v in v1-carnet v2-syntect; do
  "${wasm_opt[@]}" -Oz --strip-debug --strip-producers \
    "target/wasm32-unknown-unknown/release/${v//-/_}.wasm" -o "$v.wasm"
done

versions=$(cargo tree --target wasm32-unknown-unknown --workspace -e normal --depth 1 --prefix none \
  | grep -E '^(syntect|pulldown-cmark) ' | sed 's/ (\*)//' | sort -u | paste -sd, - | sed 's/,/, /g')

exec node - "$work" "$versions" "$("${wasm_opt[@]}" --version)" <<'JS'
const fs = require("node:fs"), path = require("node:path"), zlib = require("node:zlib");
const [dir, versions, wasmOpt] = process.argv.slice(2);
const rows = [
  ["1. carnet-core `to_html` (the app today)", "v1-carnet"],
  ["2. + syntect in the wasm (default syntaxes)", "v2-syntect"],
];
const br = (d) => zlib.brotliCompressSync(d, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } });
const gz = (d) => zlib.gzipSync(d, { level: 9 });
// Each variant does its job: what it makes of a post with a Rust block.
const sample = Buffer.from("Un *mot*.\n\n```rust\nfn main() { let x = \"<b>\"; }\n```\n");
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
