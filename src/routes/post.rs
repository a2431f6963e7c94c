//! `/posts/<slug>`: one post, its body rendered from Markdown in the browser.

use crate::components::PostArticle;
use crate::routes::{use_slug, NotFoundPage};
use crate::store::Blog;
use leptos::prelude::*;

/// The post, or the 404 page if the manifest has no such post.
#[component]
pub fn PostPage() -> impl IntoView {
    let blog = expect_context::<Blog>();
    let slug = use_slug();
    move || {
        let slug = slug();
        match blog.post(&slug) {
            Some(post) => view! { <PostArticle post=post.clone() /> }.into_any(),
            None => view! { <NotFoundPage /> }.into_any(),
        }
    }
}
