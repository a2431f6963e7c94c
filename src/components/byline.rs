//! The line under a post's title: when, in which category, by whom.

use crate::components::ReadableDate;
use crate::urls::SiteUrls;
use carnet_core::i18n::Strings;
use carnet_core::PostSummary;
use leptos::prelude::*;
use leptos_router::components::A;

/// « Publié le 6 octobre 2009 dans Actus par admin », the category a link.
#[component]
pub fn Byline(post: PostSummary, #[prop(optional)] with_author: bool) -> impl IntoView {
    let site = expect_context::<SiteUrls>();
    let strings = expect_context::<&'static Strings>();
    let author = with_author.then(|| {
        view! {
            {strings.by}
            <span class="author">{post.author.clone()}</span>
        }
    });
    view! {
        <p class="byline">
            {strings.published_on} <ReadableDate date=post.date /> {strings.in_category}
            <A href=site.category(&post.category.slug) exact=true>
                {post.category.name.clone()}
            </A>
            {author}
        </p>
    }
}
