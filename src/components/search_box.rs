//! The search box of every page's header.
//!
//! A plain GET form to the search page (`search/?q=…`): without JavaScript it submits there,
//! and that page says search needs JavaScript. With it, focusing the box starts the search
//! worker, and the first keystroke shows the search page for what is typed, where results
//! appear; on that page, each keystroke asks for its results and puts its query in the address
//! (replacing the history entry, so back leaves the search). There the arrows choose a result,
//! Enter follows it, and Escape empties the box (or leaves it when empty). The search page
//! keeps the box showing its query (`SearchPage`).

use crate::routes::ask_and_draw;
use crate::search;
use crate::urls::SiteUrls;
use carnet_core::i18n::Strings;
use carnet_core::page_ids;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

/// The header's search form. What it does once the app runs is [`listen_to_search_box`]'s.
#[component]
pub fn SearchBox() -> impl IntoView {
    let site = expect_context::<SiteUrls>();
    let strings = expect_context::<&'static Strings>();
    view! {
        <form class="search-box" role="search" action=site.search() method="get">
            <label for=page_ids::SEARCH_BOX class="visually-hidden">
                {strings.search}
            </label>
            <input
                id=page_ids::SEARCH_BOX
                type="search"
                name="q"
                autocomplete="off"
                placeholder=strings.search_placeholder
            />
        </form>
    }
}

/// Makes the search box work, once the app runs: one listener on the document for the box's
/// focus, typing, keys and submission. One plain listener rather than four Leptos handlers,
/// because each of those is code of its own in the main bundle, which search must barely grow.
pub fn listen_to_search_box(site: SiteUrls, strings: &'static Strings) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    let on_event = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
        let Some(input) = search_box() else {
            return;
        };
        let target = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok());
        let Some(target) = target.filter(|target| target.contains(Some(&input))) else {
            return;
        };
        let in_box = target.id() == page_ids::SEARCH_BOX;
        match event.type_().as_str() {
            "focusin" if in_box => search::start(&site),
            "input" if in_box => show_results(&site, strings, &input),
            "keydown" if in_box => {
                if let Some(event) = event.dyn_ref::<web_sys::KeyboardEvent>() {
                    follow_key(event, &input, strings, &|| {
                        show_results(&site, strings, &input)
                    });
                }
            }
            "submit" => {
                event.prevent_default();
                show_results(&site, strings, &input);
            }
            _ => {}
        }
    });
    for kind in ["focusin", "input", "keydown", "submit"] {
        let _ = document.add_event_listener_with_callback(kind, on_event.as_ref().unchecked_ref());
    }
    // The box lives as long as the page: so does its listener.
    on_event.forget();
}

/// Shows the search page's results for what the box holds.
///
/// On that page already, the results follow the box without the router: the query goes to the
/// worker and into the address, in place of the current history entry (so back leaves the
/// search), and the router reads the address again at the next navigation. Through the router
/// (the route matched again, its history entry replaced), a keystroke took twice as long to
/// reach the worker (BENCHMARKS.md, « A keystroke, phase by phase »).
///
/// From another page, it goes there as a click on a link would, through the router's own
/// handling of links (which reads a link's `data-noscroll` attribute): the router's `navigate`
/// would be code of its own in the main bundle, used for nothing else.
fn show_results(site: &SiteUrls, strings: &'static Strings, input: &web_sys::HtmlInputElement) {
    let typed = input.value();
    let url = site.search_for(&typed);
    if let Some(list) = results_list() {
        if let Some(history) = web_sys::window().and_then(|window| window.history().ok()) {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
        }
        ask_and_draw(&list, site, strings, typed);
        return;
    }
    let Some(form) = input.parent_element() else {
        return;
    };
    let Some(link) = input
        .owner_document()
        .and_then(|document| document.create_element("a").ok())
    else {
        return;
    };
    let _ = link.set_attribute("href", &url);
    let _ = link.set_attribute("data-noscroll", "");
    if form.append_child(&link).is_ok() {
        if let Some(link) = link.dyn_ref::<web_sys::HtmlElement>() {
            link.click();
        }
        link.remove();
    }
}

/// The search box, if the page has one.
fn search_box() -> Option<web_sys::HtmlInputElement> {
    web_sys::window()?
        .document()?
        .get_element_by_id(page_ids::SEARCH_BOX)?
        .dyn_into()
        .ok()
}

/// The search page's list of results, if it shows.
fn results_list() -> Option<web_sys::Element> {
    web_sys::window()?
        .document()?
        .get_element_by_id(page_ids::SEARCH_LIST)
}

/// A key pressed in the box, while the search page shows its results: the arrows choose a
/// result (and a screen reader hears which), Enter follows the chosen one, Escape empties the
/// box, or leaves it if it is empty.
fn follow_key(
    event: &web_sys::KeyboardEvent,
    input: &web_sys::HtmlInputElement,
    strings: &Strings,
    go: &dyn Fn(),
) {
    let Some(list) = results_list() else {
        return;
    };
    let items = list.children();
    let count = items.length();
    let selected = chosen_result(&list);
    let select = |wanted: Option<u32>| {
        for at in 0..count {
            if let Some(item) = items.item(at) {
                let _ = item
                    .class_list()
                    .toggle_with_force("selected", Some(at) == wanted);
            }
        }
        let title = wanted
            .and_then(|at| items.item(at))
            .and_then(|item| item.query_selector("h2").ok().flatten())
            .and_then(|heading| heading.text_content());
        let said = title.map(|title| {
            let position = wanted.unwrap_or_default() as usize + 1;
            (strings.chosen_result)(position, count as usize, &title)
        });
        say_chosen(&list, said.as_deref());
    };
    match event.key().as_str() {
        "ArrowDown" if count > 0 => {
            event.prevent_default();
            select(Some(selected.map_or(0, |at| (at + 1).min(count - 1))));
        }
        "ArrowUp" if count > 0 => {
            event.prevent_default();
            select(selected.and_then(|at| at.checked_sub(1)));
        }
        "Enter" => {
            let link = selected
                .and_then(|at| items.item(at))
                .and_then(|item| item.query_selector("a").ok().flatten())
                .and_then(|link| link.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(link) = link {
                event.prevent_default();
                // The reader has left the search for a post: the focus goes to its heading, as
                // after any move (not kept in the box, as while typing).
                let _ = input.blur();
                link.click();
            }
        }
        "Escape" => {
            event.prevent_default();
            if input.value().is_empty() {
                let _ = input.blur();
            } else {
                input.set_value("");
                go();
            }
        }
        _ => {}
    }
}

/// Says `said` (the result chosen with the arrows, or nothing) in a hidden paragraph after the
/// search page's `list`: the page's section is a polite live region, so a screen reader reads
/// it while the focus stays in the box.
fn say_chosen(list: &web_sys::Element, said: Option<&str>) {
    let paragraph = match list.next_element_sibling() {
        Some(paragraph) => paragraph,
        None => {
            let Some(paragraph) = list
                .owner_document()
                .and_then(|document| document.create_element("p").ok())
            else {
                return;
            };
            paragraph.set_class_name("visually-hidden");
            if list.after_with_node_1(&paragraph).is_err() {
                return;
            }
            paragraph
        }
    };
    paragraph.set_text_content(said);
}

/// The position in the search page's `list` of the result chosen with the arrows, if one is.
pub fn chosen_result(list: &web_sys::Element) -> Option<u32> {
    let items = list.children();
    (0..items.length()).find(|&at| {
        items
            .item(at)
            .is_some_and(|item| item.class_list().contains("selected"))
    })
}

/// Shows `query` in the search box, unless the reader is typing in it: the box is theirs then,
/// never rewritten under their fingers by a navigation that lags a keystroke behind.
pub fn show_in_search_box(query: &str) {
    let Some(input) = search_box() else {
        return;
    };
    let typing = input
        .owner_document()
        .and_then(|document| document.active_element())
        .is_some_and(|active| active.id() == page_ids::SEARCH_BOX);
    if input.value() != query && !typing {
        input.set_value(query);
    }
}
