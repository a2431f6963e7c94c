//! The search box of every page's header.
//!
//! A plain GET form to the search page (`search/?q=…`): without JavaScript it submits there,
//! and that page says search needs JavaScript. With it, focusing the box loads the search's
//! script (`crate::search`), and the first keystroke shows the search page for what is typed,
//! where results appear; on that page, each keystroke asks for its results and puts its query
//! in the address (replacing the history entry, so back leaves the search). There the arrows
//! choose a result, Enter follows it, and Escape empties the box (or leaves it when empty).
//! All of that is the script's (`public/search.js`).

use crate::urls::SiteUrls;
use carnet_core::i18n::Strings;
use carnet_core::page_ids;
use leptos::prelude::*;

/// The header's search form. What it does once the app runs is `public/search.js`'s.
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
