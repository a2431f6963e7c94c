//! The wasm entry Trunk builds (with the `hydrate` feature).
//!
//! A pre-rendered page embeds its data: when it was rendered for this very URL, the app
//! hydrates it, taking over the HTML already shown; otherwise (a host answering an unknown URL
//! with `404.html`, a page without data, or data that cannot be read) it clears the body and
//! renders the app afresh, which then fetches what it needs or says why it cannot.

// Views nest deeply in types: each page is a tree of generic elements.
#![recursion_limit = "256"]

#[cfg(feature = "hydrate")]
fn main() {
    use carnet::app::provide_app_context;
    use carnet::page_data::{read_from_document, same_page};
    use carnet::urls::SiteUrls;
    use carnet::App;
    use leptos::prelude::*;

    console_error_panic_hook::set_once();
    let site = SiteUrls::from_document();
    let language = document_language();
    let embedded = read_from_document();
    let current = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    let hydrating = matches!(&embedded, Some((path, Ok(_))) if same_page(path, &current));
    carnet::api::loaded_at(current);

    let listening_site = site.clone();
    let app = move || {
        provide_app_context(site, language, embedded.map(|(_, data)| data));
        view! { <App /> }
    };
    if hydrating {
        leptos::mount::hydrate_body(app);
    } else {
        carnet::page_data::clear_prerendered();
        leptos::mount::mount_to_body(app);
    }
    carnet::components::listen_to_search_box(listening_site, language.strings());
}

/// The language the page says it is in (`<html lang>`, which the pre-renderer sets from the
/// blog's settings), French if it names none Carnet speaks.
#[cfg(feature = "hydrate")]
fn document_language() -> carnet_core::i18n::Language {
    web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element())
        .and_then(|html| html.get_attribute("lang"))
        .and_then(|code| carnet_core::i18n::Language::from_code(&code))
        .unwrap_or_default()
}

#[cfg(not(feature = "hydrate"))]
fn main() {
    eprintln!("The app runs in the browser: build it with `trunk build` (see README.md).");
}
