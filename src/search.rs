//! The app's side of search: the worker (its own wasm, `carnet-search-worker`), started once,
//! when the reader first focuses the search box or opens the search page, and the queries sent
//! to it. The main thread only posts a query and draws the answer it gets back: it never waits
//! on one.
//!
//! Messages are plain JavaScript arrays (described in `carnet_core::search`), read here without
//! a decoder, which keeps search out of the main bundle's weight. The worker says `ready` once
//! it listens; a query asked before that waits here, and only the latest does.

use crate::urls::SiteUrls;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// The worker's answer to the latest query.
pub struct Answer {
    /// How many posts match, or `None` when the search failed (index or worker missing).
    pub total: Option<usize>,
    /// The first results, best first, as the worker sent them: each one the array
    /// `[slug, title, date, category, passage]` (see `carnet_core::search`).
    pub results: js_sys::Array,
}

/// The worker and what is waiting on it.
struct Client {
    worker: web_sys::Worker,
    ready: bool,
    /// A request asked before the worker was ready.
    pending: Option<js_sys::Array>,
    /// The id of the latest request: only its answer is drawn.
    latest: u32,
    /// Who draws the latest answer.
    on_answer: Option<Rc<dyn Fn(Answer)>>,
}

thread_local! {
    static CLIENT: RefCell<Option<Client>> = const { RefCell::new(None) };
}

/// Starts the worker, unless it runs already.
pub fn start(site: &SiteUrls) {
    CLIENT.with_borrow_mut(|client| {
        if client.is_none() {
            *client = spawn(site);
        }
    });
}

fn spawn(site: &SiteUrls) -> Option<Client> {
    let worker = web_sys::Worker::new(&site.search_worker()).ok()?;
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(|event: web_sys::MessageEvent| {
            receive(event.data())
        });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // An error handled here is not the page's error too (an uncaught error in a worker is,
    // unless its `error` event is cancelled).
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| {
        event.prevent_default();
        fail();
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    // They live as long as the page, as the worker does.
    on_message.forget();
    on_error.forget();
    Some(Client {
        worker,
        ready: false,
        pending: None,
        latest: 0,
        on_answer: None,
    })
}

/// The worker failed: it could not load (its files missing, or its load aborted as the page
/// went, which a page the back-forward cache brings back must not keep) or stopped. It is
/// dropped, so the next query starts another, and the latest query is told the search failed,
/// as for an index that cannot load.
fn fail() {
    if let Some(client) = CLIENT.with_borrow_mut(Option::take) {
        client.worker.terminate();
        if let Some(on_answer) = client.on_answer {
            on_answer(failed());
        }
    }
}

/// A message from the worker: `ready`, or an answer.
fn receive(message: JsValue) {
    if message.as_string().as_deref() == Some("ready") {
        CLIENT.with_borrow_mut(|client| {
            if let Some(client) = client {
                client.ready = true;
                if let Some(request) = client.pending.take() {
                    let _ = client.worker.post_message(&request);
                }
            }
        });
        return;
    }
    let latest = CLIENT.with_borrow(|client| {
        let client = client.as_ref()?;
        Some((client.latest, client.on_answer.clone()?))
    });
    let Some((latest, on_answer)) = latest else {
        return;
    };
    // Anything but `[id, total, results, error?]` is not an answer: left aside.
    let Some(message) = message.dyn_ref::<js_sys::Array>() else {
        return;
    };
    let (Some(id), Some(total), Ok(results)) = (
        message.get(0).as_f64(),
        message.get(1).as_f64(),
        message.get(2).dyn_into::<js_sys::Array>(),
    ) else {
        return;
    };
    if id as u32 != latest {
        return;
    }
    if message.get(3).is_string() {
        return on_answer(failed());
    }
    on_answer(Answer {
        total: Some(total as usize),
        results,
    })
}

fn failed() -> Answer {
    Answer {
        total: None,
        results: js_sys::Array::new(),
    }
}

/// Asks for `query`; `on_answer` draws the answer, unless another query is asked meanwhile.
pub fn ask(site: &SiteUrls, query: &str, on_answer: impl Fn(Answer) + 'static) {
    start(site);
    let on_answer: Rc<dyn Fn(Answer)> = Rc::new(on_answer);
    let started = CLIENT.with_borrow_mut(|client| {
        let Some(client) = client else {
            return false;
        };
        client.latest += 1;
        client.on_answer = Some(on_answer.clone());
        let request = js_sys::Array::of2(&client.latest.into(), &query.into());
        if client.ready {
            let _ = client.worker.post_message(&request);
        } else {
            client.pending = Some(request);
        }
        true
    });
    if !started {
        on_answer(failed());
    }
}

/// Stops drawing answers (the search page is gone).
pub fn forget() {
    CLIENT.with_borrow_mut(|client| {
        if let Some(client) = client {
            client.on_answer = None;
        }
    });
}
