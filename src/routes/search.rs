//! `/search?q=…`: the posts holding every word typed, as the reader types.
//!
//! Pre-rendered empty, saying that search needs JavaScript. Once the app runs, the page loads
//! the search's script (`crate::search`) and gives it the address's query each time it changes;
//! the script asks the search worker and draws the answer into the list: a count, each
//! result's title, date, category and passage with the matched words in `<mark>`, or « Aucun
//! résultat pour … ». The lines it shows before the worker answers are the page's, in its
//! `data-` attributes. The results' links are plain `<a href>`, which the router follows in
//! the app like any other; the header's box shows the address's query while this page shows,
//! and the tab's title says it (« réseau — Rechercher — Blog »). When more posts matched than
//! it shows, « Plus de résultats » under the list shows ten more, and the address keeps how
//! many (`n=20`), so that Back from a result finds them all again.

use crate::components::{document_title, PageMeta};
use crate::search;
use crate::store::SharedIndex;
use crate::urls::SiteUrls;
use carnet_core::i18n::Strings;
use carnet_core::page_ids;
use carnet_core::paths;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The search page.
#[component]
pub fn SearchPage() -> impl IntoView {
    let site = expect_context::<SiteUrls>();
    let strings = expect_context::<&'static Strings>();
    let blog = expect_context::<SharedIndex>().site.title.clone();
    let location = use_location();
    let list = NodeRef::<leptos::html::Ol>::new();
    // Runs once the page is in the document (never while pre-rendering, so the pre-rendered
    // page keeps saying that search needs JavaScript), then on each change of the query. The
    // script reads `q` from the router's query string: a map of it read here would cost the
    // wasm 1.4 KB brotli.
    Effect::new(move || {
        let query = location.search.get();
        if let Some(list) = list.get() {
            search::show(&site, &list, &query);
        }
    });
    // Pre-rendering has no script to tell.
    #[cfg(feature = "hydrate")]
    on_cleanup(search::left);
    view! {
        <PageMeta title=strings.search description=strings.search_description path=paths::SEARCH />
        // The whole section is a polite live region: its heading never changes, so a reader
        // of a screen reader hears where the search stands and its results, as they come.
        <section
            class="search-page"
            aria-live="polite"
            data-hint=strings.search_hint
            data-searching=strings.searching
            data-unavailable=strings.search_unavailable
            data-more=strings.more_results
            data-title=document_title(strings.search, &blog)
        >
            <h1>{strings.search}</h1>
            <p class="search-status">{strings.search_needs_javascript}</p>
            <ol id=page_ids::SEARCH_LIST class="search-results" node_ref=list></ol>
        </section>
    }
}
