//! The sidebar of every page: categories (and the link to the tags), months and recent posts.

use crate::store::SharedIndex;
use crate::urls::SiteUrls;
use carnet_core::i18n::Strings;
use carnet_core::page_ids;
use leptos::prelude::*;
use leptos_router::components::A;

/// How many months the sidebar lists, newest first; the archive page has them all. A blog of
/// ten years would otherwise draw 120 links on every page, and update them on every click.
pub const SIDEBAR_MONTHS: usize = 12;

/// Categories and the latest months with their counts, and the most recent posts; the current
/// page's link carries `aria-current="page"`.
#[component]
pub fn Sidebar() -> impl IntoView {
    let blog = expect_context::<SharedIndex>();
    let site = expect_context::<SiteUrls>();
    let strings = expect_context::<&'static Strings>();
    let categories = blog
        .categories
        .iter()
        .map(|entry| {
            let name = entry.category.name.clone();
            view! {
                <li>
                    <A href=site.category(&entry.category.slug) exact=true>
                        {name}
                    </A>
                    " "
                    <span class="count">"(" {(strings.number)(entry.count)} ")"</span>
                </li>
            }
        })
        .collect_view();
    let months = blog
        .months
        .iter()
        .take(SIDEBAR_MONTHS)
        .map(|entry| {
            let label = (strings.month)(entry.month);
            view! {
                <li>
                    <A href=site.month(entry.month) exact=true>
                        {label}
                    </A>
                    " "
                    <span class="count">"(" {(strings.number)(entry.count)} ")"</span>
                </li>
            }
        })
        .collect_view();
    let recent = blog
        .recent
        .iter()
        .map(|post| {
            let title = post.title.clone();
            view! {
                <li>
                    <A href=site.post(&post.slug) exact=true>
                        {title}
                    </A>
                </li>
            }
        })
        .collect_view();
    // The tag index, when the blog has tags.
    let all_tags = (!blog.tags.is_empty()).then(|| {
        view! {
            <p class="all-tags">
                <A href=site.tags() exact=true>
                    {strings.all_tags}
                </A>
            </p>
        }
    });
    view! {
        <aside class="sidebar" aria-label=strings.sidebar>
            <section aria-labelledby=page_ids::SIDEBAR_RECENT>
                <h2 id=page_ids::SIDEBAR_RECENT>{strings.recent_posts}</h2>
                <ul>{recent}</ul>
            </section>
            <section aria-labelledby=page_ids::SIDEBAR_CATEGORIES>
                <h2 id=page_ids::SIDEBAR_CATEGORIES>{strings.categories}</h2>
                <ul>{categories}</ul>
                {all_tags}
            </section>
            <section aria-labelledby=page_ids::SIDEBAR_ARCHIVES>
                <h2 id=page_ids::SIDEBAR_ARCHIVES>{strings.archives}</h2>
                <ul>{months}</ul>
                <p class="all-archives">
                    <A href=site.archive() exact=true>
                        {strings.all_archives}
                    </A>
                </p>
            </section>
        </aside>
    }
}
