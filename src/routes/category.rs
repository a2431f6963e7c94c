//! `/category/<slug>/` and its `page/<n>/`: one category's posts, ten a page.

use crate::components::{PageMeta, Pager, PostList};
use crate::routes::{list_title, posts_count, use_page_number, use_slug, NotFoundPage};
use crate::store::Blog;
use carnet_core::archive::list_page;
use carnet_core::paths;
use leptos::prelude::*;

/// The category's name and count, then its posts, newest first.
#[component]
pub fn CategoryPage() -> impl IntoView {
    let blog = expect_context::<Blog>();
    let slug = use_slug();
    let number = use_page_number();
    move || {
        let slug = slug();
        let page = blog.category(&slug).and_then(|entry| {
            list_page(blog.posts_in_category(&slug), entry.count, number())
                .map(|page| (entry, page))
        });
        let Some((entry, page)) = page else {
            return view! { <NotFoundPage /> }.into_any();
        };
        let name = entry.category.name.clone();
        let first = paths::category(&slug);
        view! {
            <PageMeta
                title=list_title(&format!("Catégorie : {name}"), page.number)
                description=format!("Les billets de la catégorie {name} ({}).", posts_count(entry.count))
                path=paths::list_page(&first, page.number)
            />
            <h1 class="page-heading">
                "Catégorie\u{a0}: " {name} " "
                <span class="count">"(" {posts_count(entry.count)} ")"</span>
            </h1>
            <PostList posts=page.posts.into_iter().cloned().collect() />
            <Pager number=page.number count=page.count first=first.clone() />
        }
        .into_any()
    }
}
