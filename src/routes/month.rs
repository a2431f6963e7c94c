//! `/archive/<yyyy>/<mm>`: one month's posts.

use crate::components::{PageMeta, PostList};
use crate::routes::{posts_count, NotFoundPage};
use crate::store::Blog;
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
    move || {
        let month = params
            .read()
            .as_ref()
            .ok()
            .and_then(|p| YearMonth::new(p.year?, p.month?));
        let Some(entry) = month.and_then(|month| blog.month(month)) else {
            return view! { <NotFoundPage /> }.into_any();
        };
        let label = entry.month.french();
        let posts: Vec<_> = blog.posts_in_month(entry.month).cloned().collect();
        view! {
            <PageMeta
                title=format!("Archives : {label}")
                description=format!("Les billets publiés en {label} ({}).", posts_count(entry.count))
                path=paths::month(entry.month)
            />
            <h1 class="page-heading">"Archives\u{a0}: " {label}</h1>
            <p class="page-count">{posts_count(entry.count)}</p>
            <PostList posts />
        }
        .into_any()
    }
}
