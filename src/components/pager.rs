//! The links between the pages of a list of posts.

use crate::urls::SiteUrls;
use carnet_core::i18n::Strings;
use carnet_core::List;
use leptos::prelude::*;
use leptos_router::components::A;

/// « ← Billets plus récents », « Page 2 sur 5 », « Billets plus anciens → »; nothing when the
/// list fits on one page.
#[component]
pub fn Pager(
    /// This page's number, from 1.
    number: usize,
    /// How many pages the list has.
    count: usize,
    /// The list.
    list: List,
) -> impl IntoView {
    let site = expect_context::<SiteUrls>();
    let strings = expect_context::<&'static Strings>();
    let href = move |n| site.page(&list.page(n));
    (count > 1).then(|| {
        let newer = (number > 1).then(|| {
            let link = href(number - 1);
            view! {
                <A href=link exact=true attr:rel="prev">
                    {strings.newer_posts}
                </A>
            }
        });
        let older = (number < count).then(|| {
            let link = href(number + 1);
            view! {
                <A href=link exact=true attr:rel="next">
                    {strings.older_posts}
                </A>
            }
        });
        view! {
            <nav class="pager" aria-label=strings.pages>
                <span class="pager-newer">{newer}</span>
                <span class="pager-position">{(strings.page_of)(number, count)}</span>
                <span class="pager-older">{older}</span>
            </nav>
        }
    })
}
