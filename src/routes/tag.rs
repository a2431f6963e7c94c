//! `/tag/<slug>/` and its `page/<n>/`: the posts carrying one tag, `posts_per_page` (site.toml)
//! a page.

use crate::components::{ListPosts, PageMeta};
use crate::routes::{use_page_number, use_slug, NotFoundPage};
use crate::store::SharedIndex;
use carnet_core::i18n::{list_title, Strings};
use carnet_core::List;
use leptos::either::Either;
use leptos::prelude::*;

/// The tag's name and count, then its posts, newest first.
#[component]
pub fn TagPage() -> impl IntoView {
    let blog = expect_context::<SharedIndex>();
    let slug = use_slug();
    let number = use_page_number();
    let strings = expect_context::<&'static Strings>();
    move || {
        let (list, number) = (List::Tag(slug()), number());
        let entry = blog.tag(&slug()).filter(|_| blog.has_page(&list, number));
        let Some(entry) = entry else {
            return Either::Left(view! { <NotFoundPage /> });
        };
        let name = entry.tag.name.clone();
        Either::Right(view! {
            <PageMeta
                title=list_title(strings, &(strings.tag_title)(&name), number)
                description=(strings.tag_description)(&name, &(strings.posts)(entry.count))
                path=list.page(number)
            />
            <h1 class="page-heading">
                {strings.tag_heading} {name} " "
                <span class="count">"(" {(strings.posts)(entry.count)} ")"</span>
            </h1>
            <ListPosts list number />
        })
    }
}
