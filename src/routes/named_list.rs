//! What the page of a category and the page of a tag share: a name, its count of posts, and its
//! posts, paginated. One function draws both, so that the app carries their view code once.

use crate::components::{ListPosts, PageMeta};
use crate::routes::{use_page_number, use_slug, NotFoundPage};
use crate::store::SharedIndex;
use crate::urls::SiteUrls;
use carnet_core::i18n::{list_title, Strings};
use carnet_core::{paths, List};
use leptos::either::Either;
use leptos::prelude::*;

/// Which kind of named list a page shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Named {
    /// `/category/<slug>/`.
    Category,
    /// `/tag/<slug>/`.
    Tag,
}

/// The list's name and count, then its posts, newest first; the 404 page for a slug or a page
/// number the blog does not have.
pub(super) fn named_list_page(kind: Named) -> impl IntoView {
    let blog = expect_context::<SharedIndex>();
    let slug = use_slug();
    let number = use_page_number();
    let strings = expect_context::<&'static Strings>();
    let site = expect_context::<SiteUrls>();
    move || {
        let (slug, number) = (slug(), number());
        let (list, entry, words) = match kind {
            Named::Category => (
                List::Category(slug.clone()),
                blog.category(&slug)
                    .map(|entry| (entry.category.name.clone(), entry.count)),
                (
                    strings.category_heading,
                    strings.category_title,
                    strings.category_description,
                ),
            ),
            Named::Tag => (
                List::Tag(slug.clone()),
                blog.tag(&slug)
                    .map(|entry| (entry.tag.name.clone(), entry.count)),
                (
                    strings.tag_heading,
                    strings.tag_title,
                    strings.tag_description,
                ),
            ),
        };
        let Some((name, count)) = entry.filter(|_| blog.has_page(&list, number)) else {
            return Either::Left(view! { <NotFoundPage /> });
        };
        let (heading, title, description) = words;
        Either::Right(view! {
            <PageMeta
                title=list_title(strings, &title(&name), number)
                description=description(&name, &(strings.posts)(count))
                path=list.page(number)
                list_feed=Some((title(&name), site.page(&paths::list_feed(&list.page(1)))))
            />
            <h1 class="page-heading">
                {heading} {name} " "
                <span class="count">"(" {(strings.posts)(count)} ")"</span>
            </h1>
            <ListPosts list number />
        })
    }
}
