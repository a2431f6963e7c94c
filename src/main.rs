//! The wasm entry Trunk builds (with the `hydrate` feature).
//!
//! A pre-rendered page embeds its data, all but the index, which the entry fetches (the page's
//! head preloads it): when the page was rendered for this very URL with this very index, the app
//! hydrates it, taking over the HTML already shown; otherwise (a host answering an unknown URL
//! with `404.html`, a page without data, data that cannot be read, a page of another build than
//! the index) it clears the body and renders the app afresh, which then fetches what it needs or
//! says why it cannot. If the index cannot be fetched, a page rendered for this URL stays as it
//! is, readable, its links plain links. `<html>` then says which ([`APP`]).

// Views nest deeply in types: each page is a tree of generic elements.
#![recursion_limit = "256"]

/// The attribute of `<html>` that says whether the app has taken the page over (`on`) or left it
/// as it was drawn (`off`, the index out of reach): what the browser tests wait for before they
/// act as a reader of the app.
#[cfg(feature = "hydrate")]
const APP: &str = "data-app";

/// Sets [`APP`] to `state`.
#[cfg(feature = "hydrate")]
fn say_app(state: &str) {
    if let Some(html) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element())
    {
        let _ = html.set_attribute(APP, state);
    }
}

#[cfg(feature = "hydrate")]
fn main() {
    use carnet::page_data::{read_from_document, same_page, with_its_index, Indexed};
    use carnet::urls::SiteUrls;

    console_error_panic_hook::set_once();
    let site = SiteUrls::from_document();
    let embedded = read_from_document();
    let rendered_for = embedded.as_ref().map(|(path, _)| path.as_str());
    let current = canonical_address(rendered_for);
    carnet::api::loaded_at(current.clone());

    wasm_bindgen_futures::spawn_local(async move {
        let (rendered_for, embedded) = embedded.unzip();
        let for_here = rendered_for.is_some_and(|path| same_page(&path, &current));
        let (data, hydrate) = match embedded {
            Some(Ok(page)) => match with_its_index(&site, page).await {
                Ok(Indexed::DrawnWith(data)) => (Some(Ok(data)), for_here),
                // A page of another build: drawn afresh, with the index just fetched.
                Ok(Indexed::Rebuilt(data)) => (Some(Ok(data)), false),
                // The page stays as the pre-renderer drew it: readable, as on a static site.
                Err(_) if for_here => return say_app("off"),
                Err(error) => (Some(Err(error)), false),
            },
            Some(Err(error)) => (Some(Err(error)), false),
            None => (None, false),
        };
        start(site, data, hydrate);
    });
}

/// The path of the page shown. A host that answered `/posts/a`, `/index.html`, `/posts//a/` or
/// `/Posts/A/` with the page of `/posts/a/` or `/` (`rendered_for`:
/// `carnet::urls::canonical_path`) has the address name it as the site does
/// (`history.replaceState`), before anything reads it: the app then takes that page over, and
/// its relative images resolve from its folder.
#[cfg(feature = "hydrate")]
fn canonical_address(rendered_for: Option<&str>) -> String {
    let Some(window) = web_sys::window() else {
        return String::new();
    };
    let location = window.location();
    let path = location.pathname().unwrap_or_default();
    let canonical = rendered_for.and_then(|rendered| carnet::urls::canonical_path(&path, rendered));
    let Some(canonical) = canonical else {
        return path;
    };
    let rest = format!(
        "{}{}",
        location.search().unwrap_or_default(),
        location.hash().unwrap_or_default()
    );
    let replaced = window.history().and_then(|history| {
        history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{canonical}{rest}")),
        )
    });
    match replaced {
        Ok(()) => canonical,
        Err(_) => path,
    }
}

/// Starts the app on the page: hydrates it with `data` (`hydrate`: the page was rendered for
/// this URL with this data), else draws it afresh.
#[cfg(feature = "hydrate")]
fn start(
    site: carnet::urls::SiteUrls,
    data: Option<Result<carnet_core::model::PageData, carnet::api::LoadError>>,
    hydrate: bool,
) {
    use carnet::app::provide_app_context;
    use carnet::App;
    use leptos::prelude::*;

    let language = document_language();
    let listening_site = site.clone();
    let app = move || {
        provide_app_context(site, language, data);
        view! { <App /> }
    };
    if hydrate {
        leptos::mount::hydrate_body(app);
    } else {
        carnet::page_data::clear_prerendered();
        leptos::mount::mount_to_body(app);
    }
    carnet::search::load_on_focus(listening_site);
    say_app("on");
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
