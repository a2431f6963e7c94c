//! `/` and `/page/<n>/`: the latest posts, ten a page.

use crate::components::{ListPosts, PageMeta};
use crate::routes::{list_title, use_page_number, NotFoundPage};
use crate::store::SharedIndex;
use carnet_core::List;
use leptos::either::Either;
use leptos::prelude::*;

/// Every post, newest first, each with its excerpt; ten a page.
#[component]
pub fn HomePage() -> impl IntoView {
    let blog = expect_context::<SharedIndex>();
    let number = use_page_number();
    move || {
        let number = number();
        if !blog.has_page(&List::Home, number) {
            return Either::Left(view! { <NotFoundPage /> });
        }
        Either::Right(view! {
            <PageMeta
                title=list_title("", number)
                description=blog.site.description.clone()
                path=List::Home.page(number)
            />
            <h1 class="visually-hidden">"Derniers billets"</h1>
            <ListPosts list=List::Home number />
        })
    }
}
