//! `/tags/`: every tag with its number of posts; not found in a blog without tags, where the
//! content tool writes no such page either.

use crate::components::PageMeta;
use crate::routes::NotFoundPage;
use crate::store::SharedIndex;
use crate::urls::SiteUrls;
use carnet_core::i18n::Strings;
use carnet_core::paths;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::components::A;

/// The tags by name, each a link to its page, with its count.
#[component]
pub fn TagsPage() -> impl IntoView {
    let blog = expect_context::<SharedIndex>();
    let site = expect_context::<SiteUrls>();
    let strings = expect_context::<&'static Strings>();
    if blog.tags.is_empty() {
        return Either::Left(view! { <NotFoundPage /> });
    }
    let tags = blog
        .tags
        .iter()
        .map(|entry| {
            let name = entry.tag.name.clone();
            view! {
                <li>
                    <A href=site.tag(&entry.tag.slug) exact=true>
                        {name}
                    </A>
                    " "
                    <span class="count">"(" {(strings.posts)(entry.count)} ")"</span>
                </li>
            }
        })
        .collect_view();
    Either::Right(view! {
        <PageMeta title=strings.tags description=strings.tags_description path=paths::TAGS />
        <h1 class="page-heading">{strings.tags}</h1>
        <ul class="tag-index">{tags}</ul>
    })
}
