//! `/category/<slug>`: one category's posts.

use crate::components::{PageMeta, PostList};
use crate::routes::{posts_count, use_slug, NotFoundPage};
use crate::store::Blog;
use carnet_core::paths;
use leptos::prelude::*;

/// The category's name and count, then its posts, newest first.
#[component]
pub fn CategoryPage() -> impl IntoView {
    let blog = expect_context::<Blog>();
    let slug = use_slug();
    move || {
        let slug = slug();
        let Some(entry) = blog.category(&slug) else {
            return view! { <NotFoundPage /> }.into_any();
        };
        let name = entry.category.name.clone();
        let posts: Vec<_> = blog.posts_in_category(&slug).cloned().collect();
        view! {
            <PageMeta
                title=format!("Catégorie : {name}")
                description=format!("Les billets de la catégorie {name} ({}).", posts_count(entry.count))
                path=paths::category(&slug)
            />
            <h1 class="page-heading">
                "Catégorie\u{a0}: " {name} " "
                <span class="count">"(" {posts_count(entry.count)} ")"</span>
            </h1>
            <PostList posts />
        }
        .into_any()
    }
}
