//! `/`: the latest posts.

use crate::components::{PageTitle, PostList};
use crate::store::Blog;
use leptos::prelude::*;

/// Every post, newest first, each with its excerpt.
#[component]
pub fn HomePage() -> impl IntoView {
    let blog = expect_context::<Blog>();
    view! {
        <PageTitle page="" />
        <h1 class="visually-hidden">"Derniers billets"</h1>
        <PostList posts=blog.posts.clone() />
    }
}
