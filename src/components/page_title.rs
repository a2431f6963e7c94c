//! The document title of a page.

use crate::store::Blog;
use leptos::prelude::*;
use leptos_meta::Title;

/// Sets `document.title` to « page — Carnet », or the blog's name alone when `page` is empty.
#[component]
pub fn PageTitle(#[prop(into)] page: String) -> impl IntoView {
    let site_title = expect_context::<Blog>().site.title.clone();
    let text = if page.is_empty() {
        site_title
    } else {
        format!("{page} — {site_title}")
    };
    view! { <Title text=text /> }
}
