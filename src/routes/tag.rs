//! `/tag/<slug>/` and its `page/<n>/`: the posts carrying one tag, `posts_per_page` (site.toml)
//! a page.

use crate::routes::named_list::{named_list_page, Named};
use leptos::prelude::*;

/// The tag's name and count, then its posts, newest first.
#[component]
pub fn TagPage() -> impl IntoView {
    named_list_page(Named::Tag)
}
