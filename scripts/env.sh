# Sourced by the scripts: puts npm's wasm-opt first on PATH (Debian's would break the page) and
# points the wasm test runner at Debian's Chromium.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
# The content tool's cargo profile (see scripts/carnet) and the folder cargo writes it into.
CARNET_TOOL_PROFILE=${CARNET_TOOL_PROFILE:-tool}
if [ "$CARNET_TOOL_PROFILE" = dev ]; then CARNET_TOOL_DIR=target/debug; else CARNET_TOOL_DIR=target/$CARNET_TOOL_PROFILE; fi
