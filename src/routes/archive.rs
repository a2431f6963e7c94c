//! `/archive`: every month that has posts.

use crate::components::PageMeta;
use crate::routes::posts_count;
use crate::store::SharedIndex;
use crate::urls::SiteUrls;
use carnet_core::paths;
use leptos::prelude::*;
use leptos_router::components::A;

/// The months with their counts, grouped by year, newest first.
#[component]
pub fn ArchivePage() -> impl IntoView {
    let blog = expect_context::<SharedIndex>();
    let site = expect_context::<SiteUrls>();
    let years = blog
        .years()
        .into_iter()
        .map(|year| {
            let heading_id = format!("annee-{}", year.year);
            let months = year
                .months
                .iter()
                .map(|entry| {
                    let label = entry.month.french();
                    view! {
                        <li>
                            <A href=site.month(entry.month) exact=true>
                                {label}
                            </A>
                            " "
                            <span class="count">"(" {posts_count(entry.count)} ")"</span>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="archive-year" aria-labelledby=heading_id.clone()>
                    <h2 id=heading_id.clone()>
                        {year.year} " " <span class="count">"(" {posts_count(year.count)} ")"</span>
                    </h2>
                    <ul>{months}</ul>
                </section>
            }
        })
        .collect_view();
    view! {
        <PageMeta
            title="Archives"
            description=format!("Tous les billets, mois par mois ({}).", posts_count(blog.total))
            path=paths::ARCHIVE
        />
        <h1 class="page-heading">"Archives"</h1>
        {years}
    }
}
