//! `/posts/<slug>`: one post, its body rendered from Markdown in the browser.

use crate::components::PostArticle;
use crate::routes::NotFoundPage;
use crate::store::Blog;
use leptos::prelude::*;
use leptos_router::{hooks::use_params, params::Params};

/// The URL parameters of a post page.
#[derive(Params, Clone, Debug, PartialEq)]
pub struct PostParams {
    /// The post's slug.
    pub slug: Option<String>,
}

/// The post, or the 404 page if the manifest has no such post.
#[component]
pub fn PostPage() -> impl IntoView {
    let blog = expect_context::<Blog>();
    let params = use_params::<PostParams>();
    move || {
        let slug = params
            .read()
            .as_ref()
            .ok()
            .and_then(|p| p.slug.clone())
            .unwrap_or_default();
        match blog.post(&slug) {
            Some(post) => view! { <PostArticle post=post.clone() /> }.into_any(),
            None => view! { <NotFoundPage /> }.into_any(),
        }
    }
}
