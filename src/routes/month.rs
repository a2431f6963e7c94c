//! `/archive/<yyyy>/<mm>/` and its `page/<n>/`: one month's posts, `posts_per_page` (site.toml) a page.

use crate::components::{ListPosts, PageMeta};
use crate::routes::{use_page_number, NotFoundPage};
use crate::store::SharedIndex;
use carnet_core::i18n::{list_title, Strings};
use carnet_core::{paths, List};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::{hooks::use_params, params::Params};

/// The URL parameters of a month page.
#[derive(Params, Clone, Debug, PartialEq)]
pub struct MonthParams {
    /// The year, four digits.
    pub year: Option<String>,
    /// The month, `01` to `12`.
    pub month: Option<String>,
}

/// « Archives : octobre 2009 », then that month's posts, newest first.
#[component]
pub fn MonthPage() -> impl IntoView {
    let blog = expect_context::<SharedIndex>();
    let params = use_params::<MonthParams>();
    let number = use_page_number();
    let strings = expect_context::<&'static Strings>();
    move || {
        let number = number();
        let month = params
            .read()
            .as_ref()
            .ok()
            .and_then(|p| paths::month_from(p.year.as_deref()?, p.month.as_deref()?));
        let entry = month
            .and_then(|month| blog.month(month))
            .filter(|entry| blog.has_page(&List::Month(entry.month), number));
        let Some(entry) = entry else {
            return Either::Left(view! { <NotFoundPage /> });
        };
        let label = (strings.month)(entry.month);
        let list = List::Month(entry.month);
        Either::Right(view! {
            <PageMeta
                title=list_title(strings, &(strings.month_title)(&label), number)
                description=(strings.month_description)(&label, &(strings.posts)(entry.count))
                path=list.page(number)
            />
            <h1 class="page-heading">{strings.month_heading} {label}</h1>
            <p class="page-count">{(strings.posts)(entry.count)}</p>
            <ListPosts list number />
        })
    }
}
