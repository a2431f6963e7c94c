//! The search worker: a wasm of its own, without Leptos, that Trunk builds as a Web Worker
//! (`data-type="worker"` in index.html). The app starts it the first time a reader focuses the
//! search box or opens `/search/`, so a page that is only read never downloads it.
//!
//! It says `ready` once listening, then answers each [`Request`] with an [`Answer`], both as
//! the plain JavaScript arrays `carnet_core::search` describes. It fetches the index's
//! description once, then the shards, cards and texts a query needs, inflates them with the
//! browser's `DecompressionStream`, and keeps them for the visit; a request overtaken by a newer one is dropped
//! after each fetch, so a reader typing fast only waits for the last query. The logic is
//! `carnet_core::search`'s: this file only fetches and posts.

#[cfg(target_arch = "wasm32")]
fn main() {
    worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The search worker runs in the browser: `trunk build` builds it (see README.md).");
}

#[cfg(target_arch = "wasm32")]
mod worker {
    use carnet_core::search::index::Shard;
    use carnet_core::search::query::files_needed;
    use carnet_core::search::{
        card_path, runs, shard_path, text_path, Analyzer, Answer, Card, Meta, Piece, Request,
        GZIP_MAGIC, INDEX_VERSION, META_PATH,
    };
    use serde::de::DeserializeOwned;
    use std::cell::RefCell;
    use std::collections::{BTreeMap, HashMap};
    use std::rc::Rc;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{Blob, DedicatedWorkerGlobalScope, MessageEvent, ReadableStream, Response};

    #[wasm_bindgen]
    extern "C" {
        /// The browser's gzip reader (web-sys has it only behind its unstable APIs).
        type DecompressionStream;
        #[wasm_bindgen(constructor, catch)]
        fn new(format: &str) -> Result<DecompressionStream, JsValue>;
    }

    /// What the worker knows.
    struct State {
        /// The site's base URL (the folder the worker's script is in).
        base: String,
        /// The id of the latest request: the only one worth answering.
        latest: u32,
        /// The index, once its description is loaded.
        index: Option<Index>,
    }

    /// The parts of the index fetched so far.
    struct Index {
        analyzer: Analyzer,
        meta: Meta,
        shards: BTreeMap<String, Shard>,
        cards: HashMap<u32, Card>,
        texts: HashMap<u32, String>,
    }

    fn scope() -> DedicatedWorkerGlobalScope {
        js_sys::global().unchecked_into()
    }

    /// Listens for requests, then says it is ready.
    pub fn start() {
        let href = scope().location().href();
        let base = href[..href.rfind('/').map_or(0, |at| at + 1)].to_owned();
        let state = Rc::new(RefCell::new(State {
            base,
            latest: 0,
            index: None,
        }));
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            let Some(request) = read_request(&event.data()) else {
                return;
            };
            state.borrow_mut().latest = request.id;
            wasm_bindgen_futures::spawn_local(answer(state.clone(), request));
        });
        scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The worker lives as long as the page: so does its listener.
        on_message.forget();
        let _ = scope().post_message(&JsValue::from_str("ready"));
    }

    /// Answers `request`, unless a newer one came meanwhile.
    async fn answer(state: Rc<RefCell<State>>, request: Request) {
        let answer = match respond(&state, &request).await {
            Ok(Some(answer)) => answer,
            Ok(None) => return,
            Err(error) => Answer {
                id: request.id,
                query: request.query,
                error: Some(error),
                ..Answer::default()
            },
        };
        let _ = scope().post_message(&answer_message(&answer));
    }

    /// `[id, query]` read, or `None` if it is something else.
    fn read_request(message: &JsValue) -> Option<Request> {
        let message = message.dyn_ref::<js_sys::Array>()?;
        Some(Request {
            id: message.get(0).as_f64()? as u32,
            query: message.get(1).as_string()?,
        })
    }

    /// `[id, total, results, error]`, each result `[slug, title, date, category, passage]`
    /// (without a passage past the first few).
    fn answer_message(answer: &Answer) -> js_sys::Array {
        let results: js_sys::Array = answer
            .results
            .iter()
            .map(|found| {
                let result = js_sys::Array::of4(
                    &JsValue::from_str(&found.slug),
                    &runs_array(&found.title),
                    &JsValue::from_str(&found.date.to_string()),
                    &JsValue::from_str(&found.category),
                );
                if !found.passage.is_empty() {
                    result.push(&runs_array(&found.passage));
                }
                result
            })
            .collect();
        let message = js_sys::Array::of3(
            &JsValue::from(answer.id),
            &JsValue::from(answer.total as u32),
            &results,
        );
        if let Some(error) = &answer.error {
            message.push(&JsValue::from_str(error));
        }
        message
    }

    fn runs_array(pieces: &[Piece]) -> js_sys::Array {
        runs(pieces)
            .iter()
            .map(|run| JsValue::from_str(run))
            .collect()
    }

    /// The answer, `None` if overtaken, or why the index could not be read.
    async fn respond(
        state: &Rc<RefCell<State>>,
        request: &Request,
    ) -> Result<Option<Answer>, String> {
        let base = state.borrow().base.clone();
        let stale = || state.borrow().latest != request.id;
        if state.borrow().index.is_none() {
            let bytes = fetch(&format!("{base}{META_PATH}")).await?;
            let meta: Meta =
                serde_json::from_slice(&bytes).map_err(|error| format!("{META_PATH}: {error}"))?;
            if meta.version != INDEX_VERSION {
                return Err(format!("{META_PATH}: version {}", meta.version));
            }
            let mut state = state.borrow_mut();
            if state.index.is_none() {
                state.index = Some(Index {
                    analyzer: Analyzer::new(meta.language),
                    meta,
                    shards: BTreeMap::new(),
                    cards: HashMap::new(),
                    texts: HashMap::new(),
                });
            }
        }
        let (query, missing) = {
            let state = state.borrow();
            let index = state.index.as_ref().ok_or("no index")?;
            let query = index.analyzer.query(&request.query);
            let missing: Vec<String> = query
                .shard_keys()
                .into_iter()
                .filter(|key| {
                    !index.shards.contains_key(key) && index.meta.shards.binary_search(key).is_ok()
                })
                .collect();
            (query, missing)
        };
        let fetched = futures::future::join_all(
            missing
                .iter()
                .map(|key| fetch_owned(format!("{base}{}", shard_path(key)))),
        )
        .await;
        {
            let mut state = state.borrow_mut();
            let index = state.index.as_mut().ok_or("no index")?;
            for (key, bytes) in missing.into_iter().zip(fetched) {
                let shard = Shard::decode(&bytes?).map_err(|error| format!("{key}: {error}"))?;
                index.shards.insert(key, shard);
            }
        }
        if stale() {
            return Ok(None);
        }
        let (hits, cards, texts) = {
            let state = state.borrow();
            let index = state.index.as_ref().ok_or("no index")?;
            let hits = query.rank(&index.shards);
            let (cards, texts) = files_needed(&hits, &index.cards, &index.texts);
            (hits, cards, texts)
        };
        let (cards, texts) = futures::future::join(
            fetch_groups::<Card>(&base, cards, card_path),
            fetch_groups::<String>(&base, texts, text_path),
        )
        .await;
        let mut state = state.borrow_mut();
        let index = state.index.as_mut().ok_or("no index")?;
        index.cards.extend(cards?);
        index.texts.extend(texts?);
        if state.latest != request.id {
            return Ok(None);
        }
        let index = state.index.as_ref().ok_or("no index")?;
        let results = index.analyzer.results(&hits, &index.cards, &index.texts);
        Ok(Some(Answer {
            id: request.id,
            query: request.query.clone(),
            total: hits.ranked.len(),
            results,
            error: None,
        }))
    }

    /// Fetches the files of the posts numbered from each of `firsts` (a JSON array of `T`s each,
    /// at `path(first)`): every post's `T` by its number.
    async fn fetch_groups<T: DeserializeOwned>(
        base: &str,
        firsts: Vec<usize>,
        path: fn(usize) -> String,
    ) -> Result<Vec<(u32, T)>, String> {
        let fetched = futures::future::join_all(
            firsts
                .iter()
                .map(|&first| fetch_owned(format!("{base}{}", path(first)))),
        )
        .await;
        let mut found = Vec::new();
        for (&first, bytes) in firsts.iter().zip(fetched) {
            let group: Vec<T> = serde_json::from_slice(&bytes?)
                .map_err(|error| format!("{}: {error}", path(first)))?;
            found.extend((first as u32..).zip(group));
        }
        Ok(found)
    }

    /// `bytes` inflated, if gzipped; as they are otherwise (a host that sent them with
    /// `Content-Encoding: gzip` has had the browser inflate them already).
    async fn inflate(bytes: Vec<u8>) -> Result<Vec<u8>, String> {
        if !bytes.starts_with(&GZIP_MAGIC) {
            return Ok(bytes);
        }
        let cut = |_| "the search index cannot be inflated".to_owned();
        let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes.as_slice()));
        let blob = Blob::new_with_u8_array_sequence(&parts).map_err(cut)?;
        let gzip = DecompressionStream::new("gzip").map_err(cut)?;
        // A DecompressionStream is the { readable, writable } pair pipeThrough takes.
        let stream: ReadableStream = blob.stream().pipe_through(gzip.unchecked_ref());
        let response = Response::new_with_opt_readable_stream(Some(&stream)).map_err(cut)?;
        let buffer = JsFuture::from(response.array_buffer().map_err(cut)?)
            .await
            .map_err(cut)?;
        Ok(js_sys::Uint8Array::new(&buffer).to_vec())
    }

    /// The file of the index at `url`, inflated.
    async fn fetch_owned(url: String) -> Result<Vec<u8>, String> {
        inflate(fetch(&url).await?).await
    }

    /// The body of `url`, or why not.
    async fn fetch(url: &str) -> Result<Vec<u8>, String> {
        let response: Response = JsFuture::from(scope().fetch_with_str(url))
            .await
            .map_err(|_| format!("{url}: no answer"))?
            .unchecked_into();
        if !response.ok() {
            return Err(format!("{url}: status {}", response.status()));
        }
        let body = response
            .array_buffer()
            .map_err(|_| format!("{url}: no body"))?;
        let buffer = JsFuture::from(body)
            .await
            .map_err(|_| format!("{url}: cut short"))?;
        Ok(js_sys::Uint8Array::new(&buffer).to_vec())
    }
}
