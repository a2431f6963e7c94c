//! A date as a French reader reads it, and as a machine reads it.

use carnet_core::Date;
use leptos::prelude::*;

/// `<time datetime="2009-10-06">6 octobre 2009</time>`.
#[component]
pub fn FrenchDate(date: Date) -> impl IntoView {
    view! { <time datetime=date.to_string()>{date.french()}</time> }
}
