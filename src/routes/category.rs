//! `/category/<slug>/` and its `page/<n>/`: one category's posts, `posts_per_page` (site.toml) a page.

use crate::routes::named_list::{named_list_page, Named};
use leptos::prelude::*;

/// The category's name and count, then its posts, newest first.
#[component]
pub fn CategoryPage() -> impl IntoView {
    named_list_page(Named::Category)
}
