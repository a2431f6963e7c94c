//! The sidebar of every page: categories, months and recent posts.

use crate::store::SharedIndex;
use crate::urls::SiteUrls;
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
                    <span class="count">"(" {entry.count} ")"</span>
                </li>
            }
        })
        .collect_view();
    let months = blog
        .months
        .iter()
        .take(SIDEBAR_MONTHS)
        .map(|entry| {
            let label = entry.month.french();
            view! {
                <li>
                    <A href=site.month(entry.month) exact=true>
                        {label}
                    </A>
                    " "
                    <span class="count">"(" {entry.count} ")"</span>
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
    view! {
        <aside class="sidebar" aria-label="Barre latérale">
            <section aria-labelledby="sidebar-recent">
                <h2 id="sidebar-recent">"Articles récents"</h2>
                <ul>{recent}</ul>
            </section>
            <section aria-labelledby="sidebar-categories">
                <h2 id="sidebar-categories">"Catégories"</h2>
                <ul>{categories}</ul>
            </section>
            <section aria-labelledby="sidebar-archives">
                <h2 id="sidebar-archives">"Archives"</h2>
                <ul>{months}</ul>
                <p class="all-archives">
                    <A href=site.archive() exact=true>
                        "Toutes les archives"
                    </A>
                </p>
            </section>
        </aside>
    }
}
