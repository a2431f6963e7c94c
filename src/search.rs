//! The app's side of search: the worker (its own wasm, `carnet-search-worker`), started once,
//! when the reader first focuses the search box or opens the search page, and the queries sent
//! to it. The main thread only posts a query and draws the answer it gets back: it never waits
//! on one.
//!
//! Messages are JSON text ([`Request`], [`Answer`] of `carnet_core::search`). The worker says
//! `ready` once it listens; a query asked before that waits here, and only the latest does.

use crate::urls::SiteUrls;
use carnet_core::search::{Answer, Request};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// The worker and what is waiting on it.
struct Client {
    worker: web_sys::Worker,
    ready: bool,
    /// A request asked before the worker was ready.
    pending: Option<String>,
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
            receive(event.data().as_string())
        });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // A worker that cannot load (its files missing) is reported like an index that cannot.
    let on_error = Closure::<dyn Fn()>::new(|| receive(None));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    // Both live as long as the page, as the worker does.
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

/// A message from the worker: `ready`, an answer, or `None` for a failure.
fn receive(text: Option<String>) {
    if text.as_deref() == Some("ready") {
        CLIENT.with_borrow_mut(|client| {
            if let Some(client) = client {
                client.ready = true;
                if let Some(request) = client.pending.take() {
                    let _ = client.worker.post_message(&JsValue::from_str(&request));
                }
            }
        });
        return;
    }
    let answer = match text.map(|text| serde_json::from_str::<Answer>(&text)) {
        Some(Ok(answer)) => Some(answer),
        Some(Err(_)) => return,
        None => None,
    };
    let latest = CLIENT.with_borrow(|client| {
        let client = client.as_ref()?;
        Some((client.latest, client.on_answer.clone()?))
    });
    let Some((latest, on_answer)) = latest else {
        return;
    };
    match answer {
        Some(answer) if answer.id == latest => on_answer(answer),
        Some(_) => {}
        None => on_answer(unavailable(latest)),
    }
}

fn unavailable(id: u32) -> Answer {
    Answer {
        id,
        error: Some("the search worker failed".to_owned()),
        ..Answer::default()
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
        let request = Request {
            id: client.latest,
            query: query.to_owned(),
        };
        if let Ok(text) = serde_json::to_string(&request) {
            if client.ready {
                let _ = client.worker.post_message(&JsValue::from_str(&text));
            } else {
                client.pending = Some(text);
            }
        }
        true
    });
    if !started {
        on_answer(unavailable(0));
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
