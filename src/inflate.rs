//! Gzipped data inflated by the browser's own `DecompressionStream`, so that neither the app nor
//! the search worker carries an inflater. The tool stores the pages' data and the search index
//! gzipped (`carnet_core::gzip`); the search worker includes this file too.

use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::Blob;

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
    /// They are not whole gzip: cut short, or damaged.
    Damaged,
}

/// `body` inflated if it is gzipped (its first bytes are gzip's), as it is otherwise: a host
/// that sent it with `Content-Encoding: gzip` has had the browser inflate it already. Only gzip
/// is copied to the browser's side, once.
pub async fn inflate(body: Vec<u8>) -> Result<Vec<u8>, InflateError> {
    if !carnet_core::gzip::is_gzipped(&body) {
        return Ok(body);
    }
    let gzip = DecompressionStream::new("gzip").map_err(|_| InflateError::Unsupported)?;
    let damaged = |_| InflateError::Damaged;
    let gzipped = Uint8Array::from(body.as_slice());
    let blob = Blob::new_with_buffer_source_sequence(&Array::of1(&gzipped)).map_err(damaged)?;
    // A DecompressionStream is the { readable, writable } pair pipeThrough takes.
    let stream = blob.stream().pipe_through(gzip.unchecked_ref());
    // Read chunk by chunk rather than through a Response: Firefox reports a failed Response
    // body as an error of the page even when the failure is handled.
    let reader = stream.get_reader();
    let read: Function = Reflect::get(&reader, &"read".into())
        .map_err(damaged)?
        .dyn_into()
        .map_err(damaged)?;
    let mut inflated = Vec::with_capacity(body.len() * 4);
    loop {
        let next: Promise = read
            .call0(&reader)
            .map_err(damaged)?
            .dyn_into()
            .map_err(damaged)?;
        let chunk: Object = JsFuture::from(next).await.map_err(damaged)?.into();
        if Reflect::get(&chunk, &"done".into())
            .map_err(damaged)?
            .is_truthy()
        {
            return Ok(inflated);
        }
        let value = Reflect::get(&chunk, &"value".into()).map_err(damaged)?;
        let chunk = Uint8Array::new(&value);
        let at = inflated.len();
        inflated.resize(at + chunk.length() as usize, 0);
        chunk.copy_to(&mut inflated[at..]);
    }
}
