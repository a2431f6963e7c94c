//! What a page says about itself in the document head: title, description, canonical URL and
//! OpenGraph tags, for tabs, search engines and link previews.

use crate::store::SharedIndex;
use carnet_core::i18n::Strings;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};

/// The head of a page at `path` (relative to the base, as `carnet_core::paths` gives it).
///
/// The title reads « page — Carnet », or the blog's name alone when `title` is empty. A page
/// without a `path` (the 404 page) has no canonical URL and asks not to be indexed.
#[component]
pub fn PageMeta(
    /// The page's own title.
    #[prop(into)]
    title: String,
    /// One or two sentences saying what the page holds.
    #[prop(into)]
    description: String,
    /// The page's path relative to the base; none for a page that is no real page.
    #[prop(optional, into)]
    path: Option<String>,
    /// The page is a post (OpenGraph type `article`), published on this ISO day.
    #[prop(optional, into)]
    published: Option<String>,
) -> impl IntoView {
    let site = expect_context::<SharedIndex>().site.clone();
    let strings = expect_context::<&'static Strings>();
    let full_title = if title.is_empty() {
        site.title.clone()
    } else {
        format!("{title} — {}", site.title)
    };
    let og_title = if title.is_empty() {
        site.title.clone()
    } else {
        title
    };
    let kind = if published.is_some() {
        "article"
    } else {
        "website"
    };
    let address = match path.map(|path| format!("{}{path}", site.url)) {
        Some(url) => Either::Left(view! {
            <Link rel="canonical" href=url.clone() />
            <Meta property="og:url" content=url />
        }),
        None => Either::Right(view! { <Meta name="robots" content="noindex" /> }),
    };
    view! {
        <Title text=full_title />
        <Meta name="description" content=description.clone() />
        {address}
        <Meta property="og:type" content=kind />
        <Meta property="og:site_name" content=site.title />
        <Meta property="og:locale" content=strings.locale />
        <Meta property="og:title" content=og_title />
        <Meta property="og:description" content=description />
        {published.map(|day| view! { <Meta property="article:published_time" content=day /> })}
    }
}
