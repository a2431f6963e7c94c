//! `/category/<slug>/` and its `page/<n>/`: one category's posts, `posts_per_page` (site.toml) a page.

use crate::components::{ListPosts, PageMeta};
use crate::routes::{use_page_number, use_slug, NotFoundPage};
use crate::store::SharedIndex;
use carnet_core::i18n::{list_title, Strings};
use carnet_core::List;
use leptos::either::Either;
use leptos::prelude::*;

/// The category's name and count, then its posts, newest first.
#[component]
pub fn CategoryPage() -> impl IntoView {
    let blog = expect_context::<SharedIndex>();
    let slug = use_slug();
    let number = use_page_number();
    let strings = expect_context::<&'static Strings>();
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
                title=list_title(strings, &(strings.category_title)(&name), number)
                description=(strings.category_description)(&name, &(strings.posts)(entry.count))
                path=list.page(number)
            />
            <h1 class="page-heading">
                {strings.category_heading} {name} " "
                <span class="count">"(" {(strings.posts)(entry.count)} ")"</span>
            </h1>
            <ListPosts list number />
        })
    }
}
