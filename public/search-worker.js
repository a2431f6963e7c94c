// The search worker's entry, which the app starts (`crate::search`): loads the worker's
// wasm-bindgen glue, then its wasm, both beside this file. Trunk's own loader (data-loader-shim)
// passes the wasm's path the way wasm-bindgen has deprecated, which logs a warning in the console.
importScripts("./carnet-search-worker.js");
wasm_bindgen({ module_or_path: "./carnet-search-worker_bg.wasm" });
