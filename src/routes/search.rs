//! `/search?q=…`: the posts holding every word typed, as the reader types.
//!
//! Pre-rendered empty, saying that search needs JavaScript; once the app runs, it asks the
//! search worker (`crate::search`) for the URL's query each time it changes and draws the
//! answer: a count, each result's title, date, category and passage with the matched words
//! in `<mark>`, or « Aucun résultat pour … ». The header's search box shows the URL's query
//! while this page shows (and is emptied when it goes); it handles the keys (`SearchBox`).
//!
//! The answer is drawn with the DOM's own calls rather than Leptos views: it is text and
//! `<mark>` only, rebuilt whole each time, and drawing it this way keeps search's share of the
//! main bundle small. The results' links are plain `<a href>`, which the router follows in the
//! app like any other.

use crate::components::{chosen_result, show_in_search_box, PageMeta};
use crate::search::{self, Answer};
use crate::urls::SiteUrls;
use carnet_core::i18n::Strings;
use carnet_core::page_ids;
use carnet_core::paths;
use carnet_core::Date;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use wasm_bindgen::{JsCast, JsValue};

/// The search page.
#[component]
pub fn SearchPage() -> impl IntoView {
    let site = expect_context::<SiteUrls>();
    let strings = expect_context::<&'static Strings>();
    let query = use_query_map();
    let list = NodeRef::<leptos::html::Ol>::new();
    // Runs once the page is in the document (never while pre-rendering, so the pre-rendered
    // page keeps saying that search needs JavaScript), then on each change of the query.
    Effect::new(move || {
        let typed = query.read().get("q").unwrap_or_default();
        show_in_search_box(&typed);
        if let Some(list) = list.get() {
            ask_and_draw(&list, &site, strings, typed);
        }
    });
    on_cleanup(|| {
        search::forget();
        // Leaving the page empties the box; pre-rendering has no box to empty.
        #[cfg(feature = "hydrate")]
        show_in_search_box("");
    });
    view! {
        <PageMeta title=strings.search description=strings.search_description path=paths::SEARCH />
        // The whole section is a polite live region: its heading never changes, so a reader
        // of a screen reader hears where the search stands and its results, as they come.
        <section class="search-page" aria-live="polite">
            <h1>{strings.search}</h1>
            <p class="search-status">{strings.search_needs_javascript}</p>
            <ol id=page_ids::SEARCH_LIST class="search-results" node_ref=list></ol>
        </section>
    }
}

/// Asks the search worker for `typed` and draws its answers into the search page's `list`, and
/// into the paragraph before it, which says where the search stands. The page does so for the
/// query of its URL; the search box, for each keystroke typed on the page (`SearchBox`).
pub fn ask_and_draw(
    list: &web_sys::Element,
    site: &SiteUrls,
    strings: &'static Strings,
    typed: String,
) {
    let Some(status) = list.previous_element_sibling() else {
        return;
    };
    let waiting = if typed.trim().is_empty() {
        list.set_text_content(None);
        strings.search_hint
    } else {
        strings.searching
    };
    status.set_text_content(Some(waiting));
    let (list, drawing_site) = (list.clone(), site.clone());
    // A query can have two answers (the first results, then all with their passages): the
    // second keeps the result the reader has chosen with the arrows meanwhile.
    let answered = std::cell::Cell::new(false);
    let asked = typed.clone();
    search::ask(site, &asked, move |answer| {
        let chosen = answered
            .replace(true)
            .then(|| chosen_result(&list))
            .flatten();
        draw(&status, &list, &drawing_site, strings, &typed, &answer);
        if let Some(item) = chosen.and_then(|at| list.children().item(at)) {
            let _ = item.class_list().add_1("selected");
        }
    });
}

/// Says where the search for `typed` stands, and replaces the list's items with the answer's
/// results: each one its title linked to the post, its date and category, and its passage.
fn draw(
    status: &web_sys::Element,
    list: &web_sys::Element,
    site: &SiteUrls,
    strings: &Strings,
    typed: &str,
    answer: &Answer,
) {
    let empty = typed.trim().is_empty();
    let said = match answer.total {
        _ if empty => strings.search_hint.to_owned(),
        None => strings.search_unavailable.to_owned(),
        Some(0) => (strings.no_results)(typed),
        Some(total) => (strings.results)(total),
    };
    status.set_text_content(Some(&said));
    list.set_text_content(None);
    if empty {
        return;
    }
    let Some(document) = list.owner_document() else {
        return;
    };
    let child = |parent: &web_sys::Element, tag: &str, class: &str| {
        let element = document.create_element(tag).ok()?;
        if !class.is_empty() {
            element.set_class_name(class);
        }
        parent.append_child(&element).ok()?;
        Some(element)
    };
    for result in answer.results.iter() {
        let Some(result) = result.dyn_ref::<js_sys::Array>() else {
            continue;
        };
        let text = |at: u32| result.get(at).as_string().unwrap_or_default();
        let (Some(item), Ok(date)) = (child(list, "li", "search-result"), text(2).parse::<Date>())
        else {
            continue;
        };
        if let Some(link) = child(&item, "h2", "").and_then(|heading| child(&heading, "a", "")) {
            let _ = link.set_attribute("href", &site.post(&text(0)));
            marked(&link, &result.get(1), &child);
        }
        if let Some(byline) = child(&item, "p", "byline") {
            if let Some(time) = child(&byline, "time", "") {
                let _ = time.set_attribute("datetime", &date.to_string());
                time.set_text_content(Some(&(strings.date)(date)));
            }
            let _ = byline.append_with_str_1(&format!(" · {}", text(3)));
        }
        // Only the first results have a passage (carnet_core::search::WITH_PASSAGE).
        if result.length() > 4 {
            if let Some(passage) = child(&item, "p", "passage") {
                marked(&passage, &result.get(4), &child);
            }
        }
    }
}

/// Writes `runs` (alternating plain and matched text, plain first) into `parent`, each matched
/// run in a `<mark>`.
fn marked(
    parent: &web_sys::Element,
    runs: &JsValue,
    child: &dyn Fn(&web_sys::Element, &str, &str) -> Option<web_sys::Element>,
) {
    let Some(runs) = runs.dyn_ref::<js_sys::Array>() else {
        return;
    };
    for (at, run) in runs.iter().enumerate() {
        let Some(run) = run.as_string().filter(|run| !run.is_empty()) else {
            continue;
        };
        if at % 2 == 1 {
            if let Some(mark) = child(parent, "mark", "") {
                mark.set_text_content(Some(&run));
            }
        } else {
            let _ = parent.append_with_str_1(&run);
        }
    }
}
