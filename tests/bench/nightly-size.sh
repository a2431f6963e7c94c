#!/usr/bin/env bash
# What a nightly `build-std` build with panics that abort at once saves on the app's wasm
# (issue 14's first lever). Builds the app's wasm twice with the release profile of Cargo.toml,
# as Trunk does (`--bin carnet --features hydrate`, wasm32-unknown-unknown):
#
#   1. stable Rust, the standard library as shipped (the default build);
#   2. nightly Rust rebuilding the standard library (`-Z build-std=std,panic_abort`) with
#      `-Cpanic=immediate-abort`, which drops the panic machinery and its messages.
#
# Each goes through wasm-bindgen (--target web) and `wasm-opt -Oz` (binaryen 132 from npm), then
# the wasm and its JS are measured with brotli 11 (Node's zlib, as scripts/sizes does).
#
#   tests/bench/nightly-size.sh
#
# Needs the nightly toolchain with rust-src (`rustup component add rust-src --toolchain
# nightly`); build-std fetches the standard library's own dependencies from crates.io once.
# Builds into target/nightly; about 20 minutes on a loaded 2-core machine the first time.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/env.sh
work=$(mktemp -d /tmp/nightly-size.XXXXXX)
build=(build --release --target wasm32-unknown-unknown -p carnet --bin carnet --features hydrate)

cargo "${build[@]}"
CARGO_TARGET_DIR=target/nightly RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" \
  cargo +nightly "${build[@]}" -Z build-std=std,panic_abort

measure() { # WASM LABEL
  local out="$work/$2"
  mkdir -p "$out"
  wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name carnet "$1"
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types "$out/carnet_bg.wasm" -o "$out/opt.wasm"
  node -e '
    const fs = require("fs"), z = require("zlib");
    const br = (f) => z.brotliCompressSync(fs.readFileSync(f),
      { params: { [z.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    const [dir, label] = process.argv.slice(1);
    const wasm = br(dir + "/opt.wasm"), js = br(dir + "/carnet.js");
    console.log(`| ${label} | ${fs.statSync(dir + "/opt.wasm").size} | ${wasm} | ${js} | ${wasm + js} |`);
  ' "$out" "$2"
}
echo "| build | wasm raw | wasm brotli | JS brotli | wasm + JS brotli |"
echo "|---|---|---|---|---|"
measure target/wasm32-unknown-unknown/release/carnet.wasm "stable"
measure target/nightly/wasm32-unknown-unknown/release/carnet.wasm "nightly, build-std, immediate-abort"
rm -rf "$work"
