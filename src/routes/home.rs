//! `/`: the latest posts.

use crate::components::{PageMeta, PostList};
use crate::store::Blog;
use carnet_core::paths;
use leptos::prelude::*;

/// Every post, newest first, each with its excerpt.
#[component]
pub fn HomePage() -> impl IntoView {
    let blog = expect_context::<Blog>();
    view! {
        <PageMeta title="" description=blog.site.description.clone() path=paths::HOME />
        <h1 class="visually-hidden">"Derniers billets"</h1>
        <PostList posts=blog.posts.clone() />
    }
}
