//! `/category/<slug>/` and its `page/<n>/`: one category's posts, ten a page.

use crate::components::{ListPosts, PageMeta};
use crate::routes::{list_title, posts_count, use_page_number, use_slug, NotFoundPage};
use crate::store::SharedIndex;
use carnet_core::List;
use leptos::either::Either;
use leptos::prelude::*;

/// The category's name and count, then its posts, newest first.
#[component]
pub fn CategoryPage() -> impl IntoView {
    let blog = expect_context::<SharedIndex>();
    let slug = use_slug();
    let number = use_page_number();
    move || {
        let (list, number) = (List::Category(slug()), number());
        let entry = blog
            .category(&slug())
            .filter(|_| blog.has_page(&list, number));
        let Some(entry) = entry else {
            return Either::Left(view! { <NotFoundPage /> });
        };
        let name = entry.category.name.clone();
        Either::Right(view! {
            <PageMeta
                title=list_title(&format!("Catégorie : {name}"), number)
                description=format!("Les billets de la catégorie {name} ({}).", posts_count(entry.count))
                path=list.page(number)
            />
            <h1 class="page-heading">
                "Catégorie\u{a0}: " {name} " "
                <span class="count">"(" {posts_count(entry.count)} ")"</span>
            </h1>
            <ListPosts list number />
        })
    }
}
