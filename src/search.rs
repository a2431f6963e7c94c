//! The app's side of search: loading the search's own script (`public/search.js`), which runs
//! the header's box, the search worker (`carnet-search-worker`, a wasm of its own) and the
//! results, the first time a reader focuses the box or opens the search page, and giving it
//! the search page's query each time it changes, and telling it when that page goes. A page
//! that is only read never downloads the script, nor the worker.
//!
//! The script is plain JavaScript rather than code of this wasm: every reader downloads the
//! wasm, and search must barely add to it (README « What search costs »). What search knows
//! (matching, ranking, the lines shown in the blog's language) is Rust, in the worker.

use crate::urls::SiteUrls;
use carnet_core::page_ids;
use leptos::ev;
use leptos::prelude::window_event_listener;
use std::cell::Cell;
use wasm_bindgen::JsCast;

thread_local! {
    static LOADED: Cell<bool> = const { Cell::new(false) };
}

/// Loads the search's script, unless it is already.
pub fn load(site: &SiteUrls) {
    if LOADED.replace(true) {
        return;
    }
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    let Ok(script) = document.create_element("script") else {
        return;
    };
    let _ = script.set_attribute("type", "module");
    let _ = script.set_attribute("src", &site.search_script());
    if let Some(head) = document.head() {
        let _ = head.append_child(&script);
    }
}

/// Loads the search's script when the reader first focuses the search box, or now if the box
/// has the focus already (the reader went to it on the pre-rendered page, before the app came).
pub fn load_on_focus(site: SiteUrls) {
    let is_box = |element: Option<web_sys::Element>| {
        element.is_some_and(|element| element.id() == page_ids::SEARCH_BOX)
    };
    let focused = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.active_element());
    if is_box(focused) {
        load(&site);
        return;
    }
    // The listener lives as long as the page, as the box does.
    let _ = window_event_listener(ev::focusin, move |event| {
        let target = event.target().and_then(|target| target.dyn_into().ok());
        if is_box(target) {
            load(&site);
        }
    });
}

/// Has the search page's `list` show the results for `query`, the query string of its address
/// (`q=…`, as the router has it): loads the search's script if it is not yet, and tells it
/// (`carnet-search-shown`). The query string goes in the list's `data-query`, where a script
/// still on its way reads it once it runs.
pub fn show(site: &SiteUrls, list: &web_sys::Element, query: &str) {
    let _ = list.set_attribute("data-query", query);
    load(site);
    tell("carnet-search-shown");
}

/// Tells the search's script that the search page has gone (`carnet-search-left`).
pub fn left() {
    tell("carnet-search-left");
}

fn tell(name: &str) {
    let document = web_sys::window().and_then(|window| window.document());
    if let (Some(document), Ok(event)) = (document, web_sys::Event::new(name)) {
        let _ = document.dispatch_event(&event);
    }
}
