//! A date as a reader reads it, in the blog's language, and as a machine reads it.

use carnet_core::i18n::Strings;
use carnet_core::Date;
use leptos::prelude::*;

/// `<time datetime="2009-10-06">6 octobre 2009</time>`.
#[component]
pub fn ReadableDate(date: Date) -> impl IntoView {
    let strings = expect_context::<&'static Strings>();
    view! { <time datetime=date.to_string()>{(strings.date)(date)}</time> }
}
