//! `/archive/<yyyy>/<mm>/` and its `page/<n>/`: one month's posts, ten a page.

use crate::components::{PageMeta, Pager, PostList};
use crate::routes::{list_title, posts_count, use_page_number, NotFoundPage};
use crate::store::Blog;
use carnet_core::archive::list_page;
use carnet_core::paths;
use carnet_core::YearMonth;
use leptos::prelude::*;
use leptos_router::{hooks::use_params, params::Params};

/// The URL parameters of a month page.
#[derive(Params, Clone, Debug, PartialEq)]
pub struct MonthParams {
    /// The year, four digits.
    pub year: Option<u16>,
    /// The month, `01` to `12`.
    pub month: Option<u8>,
}

/// « Archives : octobre 2009 », then that month's posts, newest first.
#[component]
pub fn MonthPage() -> impl IntoView {
    let blog = expect_context::<Blog>();
    let params = use_params::<MonthParams>();
    let number = use_page_number();
    move || {
        let month = params
            .read()
            .as_ref()
            .ok()
            .and_then(|p| YearMonth::new(p.year?, p.month?));
        let page = month.and_then(|month| blog.month(month)).and_then(|entry| {
            list_page(blog.posts_in_month(entry.month), entry.count, number())
                .map(|page| (entry, page))
        });
        let Some((entry, page)) = page else {
            return view! { <NotFoundPage /> }.into_any();
        };
        let label = entry.month.french();
        let first = paths::month(entry.month);
        view! {
            <PageMeta
                title=list_title(&format!("Archives : {label}"), page.number)
                description=format!("Les billets publiés en {label} ({}).", posts_count(entry.count))
                path=paths::list_page(&first, page.number)
            />
            <h1 class="page-heading">"Archives\u{a0}: " {label}</h1>
            <p class="page-count">{posts_count(entry.count)}</p>
            <PostList posts=page.posts.into_iter().cloned().collect() />
            <Pager number=page.number count=page.count first=first.clone() />
        }
        .into_any()
    }
}
