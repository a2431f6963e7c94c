//! How long a post takes to read: « 4 min de lecture ».

use carnet_core::i18n::Strings;
use carnet_core::reading;
use leptos::prelude::*;

/// The reading time of a post of `words` words, by `carnet_core::reading::minutes`.
#[component]
pub fn ReadingTime(words: usize) -> impl IntoView {
    let strings = expect_context::<&'static Strings>();
    view! { <p class="reading-time">{(strings.reading_time)(reading::minutes(words))}</p> }
}
