//! The search box of every page's header.
//!
//! A plain GET form to the search page (`search/?q=…`): without JavaScript it submits there,
//! and that page says search needs JavaScript. With it, focusing the box starts the search
//! worker, and each keystroke shows the search page for what is typed (replacing the history
//! entry while on it, so back leaves the search), where results appear; the search page
//! handles the arrows, Enter and Escape.

use crate::search;
use crate::urls::SiteUrls;
use carnet_core::i18n::Strings;
use carnet_core::page_ids;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;

/// The header's search form.
#[component]
pub fn SearchBox() -> impl IntoView {
    let site = expect_context::<SiteUrls>();
    let strings = expect_context::<&'static Strings>();
    let query = use_query_map();
    let location = use_location();
    let search_page = site.search();
    let on_search_page = move || {
        let path = location.pathname.get();
        path == search_page || format!("{path}/") == search_page
    };
    let typing_on_search_page = on_search_page.clone();
    let submitting_on_search_page = on_search_page.clone();
    // The box shows the URL's query when the URL changes by other means than typing (a
    // reload, back, a link): while the reader types, the box is theirs, never rewritten under
    // their fingers by a navigation that lags a keystroke behind.
    let input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move || {
        let wanted = if on_search_page() {
            query.read().get("q").unwrap_or_default()
        } else {
            String::new()
        };
        if let Some(input) = input.get() {
            if input.value() != wanted && !has_focus(&input) {
                input.set_value(&wanted);
            }
        }
    });
    let navigate = use_navigate();
    let go = {
        let site = site.clone();
        move |typed: String, replace: bool| {
            let options = NavigateOptions {
                replace,
                scroll: false,
                ..NavigateOptions::default()
            };
            navigate(&site.search_for(&typed), options);
        }
    };
    let (on_input_go, on_focus_site) = (go.clone(), site.clone());
    view! {
        <form
            class="search-box"
            role="search"
            action=site.search()
            method="get"
            on:submit=move |event| {
                event.prevent_default();
                go(value_of_box(), submitting_on_search_page());
            }
        >
            <label for=page_ids::SEARCH_BOX class="visually-hidden">
                {strings.search}
            </label>
            <input
                id=page_ids::SEARCH_BOX
                type="search"
                name="q"
                autocomplete="off"
                placeholder=strings.search_placeholder
                node_ref=input
                on:focus=move |_| search::start(&on_focus_site)
                on:input=move |event| on_input_go(event_target_value(&event), typing_on_search_page())
            />
        </form>
    }
}

/// Whether the reader is in `input`.
fn has_focus(input: &web_sys::HtmlInputElement) -> bool {
    web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.active_element())
        .is_some_and(|active| active.id() == input.id())
}

/// What the search box holds.
fn value_of_box() -> String {
    use wasm_bindgen::JsCast;
    web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id(page_ids::SEARCH_BOX))
        .and_then(|element| element.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|input| input.value())
        .unwrap_or_default()
}
