//! `/search?q=…`: the posts holding every word typed, as the reader types.
//!
//! Pre-rendered empty, saying that search needs JavaScript; once the app runs, it asks the
//! search worker (`crate::search`) for the URL's query each time it changes and draws the
//! answer: a count, each result's title, date, category and passage with the matched words
//! in `<mark>`, or « Aucun résultat pour … ». Keys in the search box: the arrows choose a
//! result, Enter follows it, Escape empties the box (or leaves it when empty).

use crate::components::{PageMeta, ReadableDate};
use crate::search;
use crate::urls::SiteUrls;
use carnet_core::i18n::Strings;
use carnet_core::page_ids;
use carnet_core::paths;
use carnet_core::search::{Answer, Found, Piece};
use leptos::either::Either;
use leptos::ev;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use wasm_bindgen::JsCast;

/// The search page.
#[component]
pub fn SearchPage() -> impl IntoView {
    let site = expect_context::<SiteUrls>();
    let strings = expect_context::<&'static Strings>();
    let query = use_query_map();
    let typed = Memo::new(move |_| query.read().get("q").unwrap_or_default());
    let answer = RwSignal::new(None::<Answer>);
    let selected = RwSignal::new(None::<usize>);
    // False while pre-rendering and hydrating (the page then says search needs JavaScript),
    // true once the app runs.
    let running = RwSignal::new(false);
    let asking_site = site.clone();
    Effect::new(move || {
        let typed = typed.get();
        running.set(true);
        selected.set(None);
        search::ask(&asking_site, &typed, move |found| {
            answer.try_set(Some(found));
        });
    });
    on_cleanup(search::forget);
    follow_keys(site.clone(), typed, answer, selected);

    // One paragraph says where the search stands; the list holds the results, if any.
    let status = move || -> String {
        if !running.get() {
            return strings.search_needs_javascript.to_owned();
        }
        if typed.read().trim().is_empty() {
            return strings.search_hint.to_owned();
        }
        answer.with(|answer| match answer {
            None => strings.searching.to_owned(),
            Some(answer) if answer.error.is_some() => strings.search_unavailable.to_owned(),
            Some(answer) if answer.total == 0 => (strings.no_results)(&answer.query),
            Some(answer) => (strings.results)(answer.total),
        })
    };
    let results = move || {
        let shown = running.get() && !typed.read().trim().is_empty();
        let found = answer
            .get()
            .filter(|answer| shown && answer.error.is_none())
            .map(|answer| answer.results)
            .unwrap_or_default();
        found
            .into_iter()
            .enumerate()
            .map(|(at, found)| search_result(&site, found, at, selected))
            .collect_view()
    };
    view! {
        <PageMeta title=strings.search description=strings.search_description path=paths::SEARCH />
        <section class="search-page">
            <h1>{strings.search}</h1>
            <div id=page_ids::SEARCH_RESULTS aria-live="polite">
                <p class="search-status">{status}</p>
                <ol class="search-results">{results}</ol>
            </div>
        </section>
    }
}

/// One result: its title, date and category, and its passage, matched words marked.
fn search_result(
    site: &SiteUrls,
    found: Found,
    at: usize,
    selected: RwSignal<Option<usize>>,
) -> impl IntoView {
    let href = site.post(&found.slug);
    view! {
        <li class="search-result" class:selected=move || selected.get() == Some(at)>
            <h2>
                <A href=href exact=true>
                    {pieces(found.title)}
                </A>
            </h2>
            <p class="byline">
                <ReadableDate date=found.date />
                " · "
                {found.category}
            </p>
            <p class="passage">{pieces(found.passage)}</p>
        </li>
    }
}

/// Text with its matched words in `<mark>`.
fn pieces(pieces: Vec<Piece>) -> impl IntoView {
    pieces
        .into_iter()
        .map(|piece| {
            if piece.mark {
                Either::Left(view! { <mark>{piece.text}</mark> })
            } else {
                Either::Right(piece.text)
            }
        })
        .collect_view()
}

/// The keys of the search box while this page shows: arrows choose a result, Enter follows
/// the chosen one, Escape empties the box, or leaves it if it is empty.
fn follow_keys(
    site: SiteUrls,
    typed: Memo<String>,
    answer: RwSignal<Option<Answer>>,
    selected: RwSignal<Option<usize>>,
) {
    let navigate = use_navigate();
    let handle = window_event_listener(ev::keydown, move |event| {
        let target = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::HtmlElement>().ok());
        let Some(input) = target.filter(|target| target.id() == page_ids::SEARCH_BOX) else {
            return;
        };
        let slugs: Vec<String> = answer.with_untracked(|answer| {
            answer
                .iter()
                .flat_map(|answer| answer.results.iter().map(|found| found.slug.clone()))
                .collect()
        });
        match event.key().as_str() {
            "ArrowDown" if !slugs.is_empty() => {
                event.prevent_default();
                selected.update(|at| *at = Some(at.map_or(0, |at| (at + 1).min(slugs.len() - 1))));
            }
            "ArrowUp" if !slugs.is_empty() => {
                event.prevent_default();
                selected.update(|at| *at = at.and_then(|at| at.checked_sub(1)));
            }
            "Enter" => {
                if let Some(slug) = selected.get_untracked().and_then(|at| slugs.get(at)) {
                    event.prevent_default();
                    navigate(&site.post(slug), NavigateOptions::default());
                }
            }
            "Escape" => {
                event.prevent_default();
                if typed.get_untracked().is_empty() {
                    let _ = input.blur();
                } else {
                    if let Some(input) = input.dyn_ref::<web_sys::HtmlInputElement>() {
                        input.set_value("");
                    }
                    let options = NavigateOptions {
                        replace: true,
                        scroll: false,
                        ..NavigateOptions::default()
                    };
                    navigate(&site.search(), options);
                }
            }
            _ => {}
        }
    });
    on_cleanup(move || handle.remove());
}
