//! Gzipped data inflated by the browser's own `DecompressionStream`, so that neither the app nor
//! the search worker carries an inflater. The tool stores the pages' data and the search index
//! gzipped (`carnet_core::gzip`); the search worker includes this file too.

use carnet_core::gzip::MAGIC;
use js_sys::{Array, ArrayBuffer, Uint8Array};
use wasm_bindgen::prelude::*;
use web_sys::{Blob, Response};

#[wasm_bindgen]
extern "C" {
    /// The browser's gzip reader (web-sys has it only behind its unstable APIs).
    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
}

/// Why bytes could not be inflated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InflateError {
    /// The browser has no `DecompressionStream` (Firefox before 113, Safari before 16.4).
    Unsupported,
    /// The browser would not make a response of them.
    Refused,
}

/// `body` as a response to read (its `text()`, its `arrayBuffer()`): inflated if it is gzipped
/// (its first bytes are gzip's), as it is otherwise, since a host that sent it with
/// `Content-Encoding: gzip` has had the browser inflate it already. Reading a gzipped body that
/// is cut short or damaged fails.
pub fn inflated(body: &ArrayBuffer) -> Result<Response, InflateError> {
    let start = Uint8Array::new_with_byte_offset_and_length(body, 0, body.byte_length().min(2));
    if start.to_vec() != MAGIC {
        return Response::new_with_opt_buffer_source(Some(body)).map_err(|_| InflateError::Refused);
    }
    let gzip = DecompressionStream::new("gzip").map_err(|_| InflateError::Unsupported)?;
    let blob = Blob::new_with_buffer_source_sequence(&Array::of1(body))
        .map_err(|_| InflateError::Refused)?;
    // A DecompressionStream is the { readable, writable } pair pipeThrough takes.
    let stream = blob.stream().pipe_through(gzip.unchecked_ref());
    Response::new_with_opt_readable_stream(Some(&stream)).map_err(|_| InflateError::Refused)
}
