//! `/` and `/page/<n>/`: the latest posts, ten a page.

use crate::components::{PageMeta, Pager, PostList};
use crate::routes::{list_title, use_page_number, NotFoundPage};
use crate::store::Blog;
use carnet_core::archive::list_page;
use carnet_core::paths;
use leptos::prelude::*;

/// Every post, newest first, each with its excerpt; ten a page.
#[component]
pub fn HomePage() -> impl IntoView {
    let blog = expect_context::<Blog>();
    let number = use_page_number();
    move || {
        let Some(page) = list_page(blog.posts.iter(), blog.posts.len(), number()) else {
            return view! { <NotFoundPage /> }.into_any();
        };
        view! {
            <PageMeta
                title=list_title("", page.number)
                description=blog.site.description.clone()
                path=paths::list_page(paths::HOME, page.number)
            />
            <h1 class="visually-hidden">"Derniers billets"</h1>
            <PostList posts=page.posts.into_iter().cloned().collect() />
            <Pager number=page.number count=page.count first=paths::HOME />
        }
        .into_any()
    }
}
