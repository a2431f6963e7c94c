//! `/archive`: every month that has posts.

use crate::components::PageMeta;
use crate::store::SharedIndex;
use crate::urls::SiteUrls;
use carnet_core::i18n::Strings;
use carnet_core::paths;
use leptos::prelude::*;
use leptos_router::components::A;

/// The months with their counts, grouped by year, newest first.
#[component]
pub fn ArchivePage() -> impl IntoView {
    let blog = expect_context::<SharedIndex>();
    let site = expect_context::<SiteUrls>();
    let strings = expect_context::<&'static Strings>();
    let years = blog
        .years()
        .into_iter()
        .map(|year| {
            let heading_id = format!("annee-{}", year.year);
            let months = year
                .months
                .iter()
                .map(|entry| {
                    let label = (strings.month)(entry.month);
                    view! {
                        <li>
                            <A href=site.month(entry.month) exact=true>
                                {label}
                            </A>
                            " "
                            <span class="count">"(" {(strings.posts)(entry.count)} ")"</span>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="archive-year" aria-labelledby=heading_id.clone()>
                    <h2 id=heading_id.clone()>
                        {year.year} " " <span class="count">"(" {(strings.posts)(year.count)} ")"</span>
                    </h2>
                    <ul>{months}</ul>
                </section>
            }
        })
        .collect_view();
    view! {
        <PageMeta
            title=strings.archives
            description=(strings.archive_description)(&(strings.posts)(blog.total))
            path=paths::ARCHIVE
        />
        <h1 class="page-heading">{strings.archives}</h1>
        {years}
    }
}
