//! The search worker: a wasm of its own, without Leptos, that Trunk builds as a Web Worker
//! (`data-type="worker"` in index.html). The app starts it the first time a reader focuses the
//! search box or opens `/search/`, so a page that is only read never downloads it.
//!
//! It says `ready` once listening, then answers each [`Request`] with an [`Answer`], both as
//! the plain JavaScript arrays `carnet_core::search` describes. It fetches the index's
//! description once, then the shards, cards and texts a query needs (each text alone, as a byte
//! range of its file), inflates them with the browser's `DecompressionStream`, and keeps them
//! for the visit; a request overtaken by a newer one is dropped after each fetch, so a reader
//! typing fast only waits for the last query. A query is answered at once with its first
//! `SHOWN_AT_ONCE` results, then, once it has stayed unchanged for `PASSAGES_AFTER_MS`, with
//! all of them and their passages; a request for more results (the reader pressed « Plus de
//! résultats ») is answered once, whole. The logic is `carnet_core::search`'s: this file only
//! fetches and posts.

#[cfg(target_arch = "wasm32")]
fn main() {
    worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The search worker runs in the browser: `trunk build` builds it (see README.md).");
}

// The app's: one way to inflate what the tool gzipped, in both wasm files.
#[cfg(target_arch = "wasm32")]
#[path = "../../../src/inflate.rs"]
mod inflate;

#[cfg(target_arch = "wasm32")]
mod worker {
    use crate::inflate::InflateError;
    use carnet_core::model::Language;
    use carnet_core::paths;
    use carnet_core::search::index::Shard;
    use carnet_core::search::query::{files_needed, Hits};
    use carnet_core::search::{
        card_path, runs, shard_path, text_path, Analyzer, Answer, Card, CardRow, CardsFile, Meta,
        Piece, Request, INDEX_VERSION, META_PATH, MOST_SHOWN, PASSAGES_AFTER_MS, SHOWN,
        SHOWN_AT_ONCE,
    };
    use std::cell::RefCell;
    use std::collections::{BTreeMap, HashMap};
    use std::rc::Rc;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{DedicatedWorkerGlobalScope, Headers, MessageEvent, RequestInit, Response};

    /// A texts file a host sent whole, as it ignores ranges.
    type WholeFile = Rc<Vec<u8>>;

    /// A text a query needs: its post, its texts file, where in it, and that file if a host
    /// sent it whole.
    struct WantedText {
        post: u32,
        path: String,
        at: (u64, u64),
        whole: Option<WholeFile>,
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
        /// Texts files a host sent whole (it ignores ranges), by path.
        whole_texts: HashMap<String, WholeFile>,
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
        let _ = scope().post_message(&answer_message(&answer, &state.borrow()));
    }

    /// `[id, query, shown]` read, or `None` if it is something else. `shown` is made a
    /// multiple of [`SHOWN`], from one to [`MOST_SHOWN`] (a page's address may say anything).
    fn read_request(message: &JsValue) -> Option<Request> {
        let message = message.dyn_ref::<js_sys::Array>()?;
        let shown = message.get(2).as_f64().unwrap_or_default() as usize;
        Some(Request {
            id: message.get(0).as_f64()? as u32,
            query: message.get(1).as_string()?,
            shown: shown.div_ceil(SHOWN).clamp(1, MOST_SHOWN / SHOWN) * SHOWN,
        })
    }

    /// `[id, said, results, error, total]` (`error` undefined when there is none, where a
    /// page's script of before `total` looks for it), each result `[href, title, date, day,
    /// category, chosen, passage]` (without a passage past the first few of each ten): every
    /// line the page shows, written here in the blog's language (see `carnet_core::search`).
    fn answer_message(answer: &Answer, state: &State) -> js_sys::Array {
        let language = state
            .index
            .as_ref()
            .map_or(Language::French, |index| index.meta.language);
        let strings = &language.search_strings();
        let count = answer.results.len();
        let results: js_sys::Array = answer
            .results
            .iter()
            .enumerate()
            .map(|(at, found)| {
                let result: js_sys::Array = [
                    JsValue::from_str(&format!("{}{}", state.base, paths::post(&found.slug))),
                    runs_array(&found.title).into(),
                    JsValue::from_str(&found.date.to_string()),
                    JsValue::from_str(&(strings.date)(found.date)),
                    JsValue::from_str(&found.category),
                    JsValue::from_str(&found.chosen(strings, at + 1, count)),
                ]
                .iter()
                .collect();
                if !found.passage.is_empty() {
                    result.push(&runs_array(&found.passage));
                }
                result
            })
            .collect();
        let error = (answer.error.as_deref()).map_or(JsValue::UNDEFINED, JsValue::from_str);
        js_sys::Array::of5(
            &JsValue::from(answer.id),
            &JsValue::from_str(&answer.said(strings)),
            &results,
            &error,
            &JsValue::from(answer.total as u32),
        )
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
            let meta = read_meta(&bytes)?;
            let mut state = state.borrow_mut();
            if state.index.is_none() {
                state.index = Some(Index {
                    analyzer: Analyzer::new(meta.language),
                    meta,
                    shards: BTreeMap::new(),
                    cards: HashMap::new(),
                    texts: HashMap::new(),
                    whole_texts: HashMap::new(),
                });
            }
        }
        let (query, missing) = {
            let state = state.borrow();
            let index = state.index.as_ref().ok_or("no index")?;
            let query = index.analyzer.query(&request.query);
            let missing: Vec<String> = query
                .shard_keys(&index.meta)
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
                let mut shard =
                    Shard::decode(&bytes?).map_err(|error| format!("{key}: {error}"))?;
                index.cards.extend(std::mem::take(&mut shard.top));
                index.shards.insert(key, shard);
            }
        }
        if stale() {
            return Ok(None);
        }
        // A reader typing sees the first results at once; one who asked for more, all of them.
        let typing = request.shown == SHOWN;
        let at_once = if typing { SHOWN_AT_ONCE } else { request.shown };
        let (hits, card_files) = {
            let state = state.borrow();
            let index = state.index.as_ref().ok_or("no index")?;
            let hits = query.rank(&index.meta, &index.shards, request.shown);
            let (card_files, _) = files_needed(&hits, &index.cards, &index.texts, at_once);
            (hits, card_files)
        };
        fetch_cards(state, &base, card_files).await?;
        if stale() {
            return Ok(None);
        }
        let (card_files, text_posts) = {
            let state = state.borrow();
            let index = state.index.as_ref().ok_or("no index")?;
            files_needed(&hits, &index.cards, &index.texts, request.shown)
        };
        if typing && (!card_files.is_empty() || !text_posts.is_empty()) {
            // The first results now, the rest and the passages once the reader stops typing.
            let drawn = {
                let state = state.borrow();
                let index = state.index.as_ref().ok_or("no index")?;
                answer_for(request, &hits, index)
            };
            let _ = scope().post_message(&answer_message(&drawn, &state.borrow()));
            pause(PASSAGES_AFTER_MS).await;
            if stale() {
                return Ok(None);
            }
        }
        fetch_cards(state, &base, card_files).await?;
        // Each text is the range of its file that its card gives.
        let wanted: Vec<WantedText> = {
            let state = state.borrow();
            let index = state.index.as_ref().ok_or("no index")?;
            text_posts
                .into_iter()
                .filter_map(|post| {
                    let card = index.cards.get(&post)?;
                    let path = text_path(post as usize);
                    let whole = index.whole_texts.get(&path).cloned();
                    Some(WantedText {
                        post,
                        path,
                        at: card.text_at,
                        whole,
                    })
                })
                .collect()
        };
        let fetched =
            futures::future::join_all(wanted.iter().map(|text| {
                fetch_text(format!("{base}{}", text.path), text.at, text.whole.clone())
            }))
            .await;
        let mut state = state.borrow_mut();
        let index = state.index.as_mut().ok_or("no index")?;
        for (wanted, text) in wanted.into_iter().zip(fetched) {
            let (text, whole) = text?;
            index.texts.insert(wanted.post, text);
            if let Some(whole) = whole {
                index.whole_texts.insert(wanted.path, whole);
            }
        }
        if state.latest != request.id {
            return Ok(None);
        }
        let index = state.index.as_ref().ok_or("no index")?;
        Ok(Some(answer_for(request, &hits, index)))
    }

    /// The answer to `request`, whose `hits` are known, from what `index` holds.
    fn answer_for(request: &Request, hits: &Hits, index: &Index) -> Answer {
        Answer {
            id: request.id,
            query: request.query.clone(),
            total: hits.total,
            results: index.analyzer.results(hits, &index.cards, &index.texts),
            error: None,
        }
    }

    /// Resolves after `milliseconds`.
    async fn pause(milliseconds: i32) {
        let timer = js_sys::Promise::new(&mut |resolve, _| {
            let _ = scope()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, milliseconds);
        });
        let _ = JsFuture::from(timer).await;
    }

    /// Fetches the card files of the posts numbered from each of `firsts` into the index.
    async fn fetch_cards(
        state: &Rc<RefCell<State>>,
        base: &str,
        firsts: Vec<usize>,
    ) -> Result<(), String> {
        let fetched = futures::future::join_all(
            firsts
                .iter()
                .map(|&first| fetch_owned(format!("{base}{}", card_path(first)))),
        )
        .await;
        let mut state = state.borrow_mut();
        let index = state.index.as_mut().ok_or("no index")?;
        for (&first, bytes) in firsts.iter().zip(fetched) {
            let group = read_cards(&bytes?, &card_path(first))?;
            index.cards.extend((first as u32..).zip(group));
        }
        Ok(())
    }

    /// `bytes` read as JSON by the browser (`JSON.parse`): the worker carries no JSON decoder
    /// of its own, which would add to what a reader's first query downloads.
    fn parse_json(bytes: &[u8], path: &str) -> Result<JsValue, String> {
        let text = std::str::from_utf8(bytes).map_err(|_| format!("{path}: not UTF-8"))?;
        js_sys::JSON::parse(text).map_err(|_| format!("{path}: not JSON"))
    }

    /// The field `name` of `object`, `undefined` if it has none.
    fn field(object: &JsValue, name: &str) -> JsValue {
        js_sys::Reflect::get(object, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
    }

    /// `meta.json` read, checking its version first.
    fn read_meta(bytes: &[u8]) -> Result<Meta, String> {
        let json = parse_json(bytes, META_PATH)?;
        let bad = || format!("{META_PATH}: not the index's description");
        let version = field(&json, "version").as_f64().ok_or_else(bad)? as u32;
        if version != INDEX_VERSION {
            return Err(format!("{META_PATH}: version {version}"));
        }
        let language = field(&json, "language")
            .as_string()
            .and_then(|code| Language::from_code(&code))
            .ok_or_else(bad)?;
        let posts = field(&json, "posts").as_f64().ok_or_else(bad)? as usize;
        let keys = |name: &str| {
            field(&json, name)
                .dyn_into::<js_sys::Array>()
                .map_err(|_| bad())?
                .iter()
                .map(|key| key.as_string().ok_or_else(bad))
                .collect::<Result<Vec<String>, String>>()
        };
        Ok(Meta {
            version,
            language,
            posts,
            shards: keys("shards")?,
            split: keys("split")?,
        })
    }

    /// A cards file read (`path` names it in errors): a [`CardsFile`] as JSON.
    fn read_cards(bytes: &[u8], path: &str) -> Result<Vec<Card>, String> {
        let bad = || format!("{path}: not cards");
        let array = |value: JsValue| value.dyn_into::<js_sys::Array>().map_err(|_| bad());
        let number = |value: JsValue| {
            value
                .as_f64()
                .filter(|n| *n >= 0.0 && n.fract() == 0.0)
                .map(|n| n as u64)
                .ok_or_else(bad)
        };
        let text = |value: JsValue| value.as_string().ok_or_else(bad);
        let file = array(parse_json(bytes, path)?)?;
        let rows = array(file.get(1))?
            .iter()
            .map(|row| {
                let row = array(row)?;
                Ok(CardRow(
                    text(row.get(0))?,
                    text(row.get(1))?.parse().map_err(|_| bad())?,
                    text(row.get(2))?,
                    number(row.get(3))?,
                    text(row.get(4))?,
                ))
            })
            .collect::<Result<Vec<CardRow>, String>>()?;
        Ok(CardsFile(number(file.get(0))?, rows).cards())
    }

    /// The text at `at` (start, length) of the texts file at `url`: asked for alone, as a
    /// range. A host that ignores ranges sends the whole file, returned too so that the next
    /// texts of that file are read from it; `whole` is that file, if a host sent it already.
    async fn fetch_text(
        url: String,
        (start, length): (u64, u64),
        whole: Option<WholeFile>,
    ) -> Result<(String, Option<WholeFile>), String> {
        let member_of = |file: &[u8]| -> Result<Vec<u8>, String> {
            let range = usize::try_from(start)
                .ok()
                .zip(usize::try_from(start.saturating_add(length)).ok());
            range
                .and_then(|(start, end)| file.get(start..end))
                .map(<[u8]>::to_vec)
                .ok_or_else(|| format!("{url}: no bytes {start} to {}", start + length))
        };
        let (member, sent_whole) = match whole {
            Some(file) => (member_of(&file)?, None),
            None => {
                let end = start + length.max(1) - 1;
                let (status, bytes) =
                    fetch_bytes(&url, Some(&format!("bytes={start}-{end}"))).await?;
                if status == 206 {
                    if bytes.len() as u64 != length {
                        return Err(format!("{url}: another range than bytes {start} to {end}"));
                    }
                    (bytes, None)
                } else {
                    let file = Rc::new(bytes);
                    (member_of(&file)?, Some(file))
                }
            }
        };
        let text = String::from_utf8(inflate(member).await?)
            .map_err(|_| format!("{url}: a text that is not UTF-8"))?;
        Ok((text, sent_whole))
    }

    /// `bytes` inflated, if gzipped (by the app's `inflate`, which this worker shares).
    async fn inflate(bytes: Vec<u8>) -> Result<Vec<u8>, String> {
        crate::inflate::inflate(bytes)
            .await
            .map_err(|error| match error {
                InflateError::Unsupported => {
                    "this browser cannot inflate the search index".to_owned()
                }
                InflateError::Damaged => "the search index cannot be inflated".to_owned(),
            })
    }

    /// The file of the index at `url`, inflated.
    async fn fetch_owned(url: String) -> Result<Vec<u8>, String> {
        inflate(fetch(&url).await?).await
    }

    /// The body of `url`, or why not.
    async fn fetch(url: &str) -> Result<Vec<u8>, String> {
        Ok(fetch_bytes(url, None).await?.1)
    }

    /// The status and body of `url`, asking only for `range` (an HTTP `Range`) if given; or
    /// why not.
    async fn fetch_bytes(url: &str, range: Option<&str>) -> Result<(u16, Vec<u8>), String> {
        let init = RequestInit::new();
        if let Some(range) = range {
            let headers = Headers::new().map_err(|_| format!("{url}: no headers"))?;
            headers
                .set("Range", range)
                .map_err(|_| format!("{url}: no range"))?;
            init.set_headers(&headers);
        }
        let response: Response = JsFuture::from(scope().fetch_with_str_and_init(url, &init))
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
        Ok((response.status(), js_sys::Uint8Array::new(&buffer).to_vec()))
    }
}
