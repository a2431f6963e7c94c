//! `/` and `/page/<n>/`: the latest posts, `posts_per_page` (site.toml) a page.

use crate::components::{ListPosts, PageMeta};
use crate::routes::{use_page_number, NotFoundPage};
use crate::store::SharedIndex;
use carnet_core::i18n::{list_title, Strings};
use carnet_core::List;
use leptos::either::Either;
use leptos::prelude::*;

/// Every post, newest first, each with its excerpt; `posts_per_page` (site.toml) a page.
#[component]
pub fn HomePage() -> impl IntoView {
    let blog = expect_context::<SharedIndex>();
    let number = use_page_number();
    let strings = expect_context::<&'static Strings>();
    move || {
        let number = number();
        if !blog.has_page(&List::Home, number) {
            return Either::Left(view! { <NotFoundPage /> });
        }
        Either::Right(view! {
            <PageMeta
                title=list_title(strings, "", number)
                description=blog.site.description.clone()
                path=List::Home.page(number)
            />
            <h1 class="visually-hidden">{strings.latest_posts}</h1>
            <ListPosts list=List::Home number />
        })
    }
}
