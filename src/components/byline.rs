//! The line under a post's title: when, in which category, by whom.

use crate::components::FrenchDate;
use crate::urls::SiteUrls;
use carnet_core::PostSummary;
use leptos::prelude::*;
use leptos_router::components::A;

/// « Publié le 6 octobre 2009 dans Actus par admin », the category a link.
#[component]
pub fn Byline(post: PostSummary, #[prop(optional)] with_author: bool) -> impl IntoView {
    let site = expect_context::<SiteUrls>();
    let author = with_author.then(|| {
        view! {
            " par "
            <span class="author">{post.author.clone()}</span>
        }
    });
    view! {
        <p class="byline">
            "Publié le " <FrenchDate date=post.date /> " dans "
            <A href=site.category(&post.category.slug) exact=true>
                {post.category.name.clone()}
            </A>
            {author}
        </p>
    }
}
