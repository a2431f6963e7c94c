//! One page of a list of posts, fetched if the page did not embed it, with the pager.

use crate::components::{LoadErrorView, Loading, Pager, PostList};
use crate::store::{Load, SharedIndex, Store};
use carnet_core::archive::page_count;
use carnet_core::i18n::Strings;
use carnet_core::List;
use leptos::either::EitherOf3;
use leptos::prelude::*;

/// Page `number` of `list` (which the index says exists): its posts and the links to the
/// list's other pages; while it loads, a loading state; if it cannot be loaded, why, and
/// « Réessayer ».
#[component]
pub fn ListPosts(list: List, number: usize) -> impl IntoView {
    let store = expect_context::<Store>();
    let strings = expect_context::<&'static Strings>();
    let index = expect_context::<SharedIndex>();
    let count = page_count(index.count(&list).unwrap_or(0), index.site.posts_per_page);
    move || match store.list_page(&list, number) {
        Load::Loading => EitherOf3::A(view! { <Loading label=strings.loading_posts /> }),
        Load::Failed(error) => {
            let list = list.clone();
            EitherOf3::B(view! {
                <LoadErrorView
                    error
                    title=strings.posts_unavailable
                    on_retry=Callback::new(move |()| store.retry_list_page(&list, number))
                />
            })
        }
        Load::Ready(page) => EitherOf3::C(view! {
            <PostList posts=page.posts.clone() />
            <Pager number count list=list.clone() />
        }),
    }
}
