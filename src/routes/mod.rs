//! The pages, one file each. Each reads its typed URL parameters, asks the index and the store
//! for what it shows, and sets the document title.

use leptos::prelude::*;
use leptos_router::{hooks::use_params, params::Params};

mod archive;
mod category;
mod home;
mod month;
mod named_list;
mod not_found;
mod post;
mod search;
mod tag;
mod tags;

pub use archive::ArchivePage;
pub use category::CategoryPage;
pub use home::HomePage;
pub use month::MonthPage;
pub use not_found::NotFoundPage;
pub use post::PostPage;
pub use search::SearchPage;
pub use tag::TagPage;
pub use tags::TagsPage;

/// The URL parameters of a page named by a slug: a post, a category.
#[derive(Params, Clone, Debug, PartialEq)]
pub struct SlugParams {
    /// The slug, from `/posts/:slug`, `/category/:slug` or `/tag/:slug`.
    pub slug: Option<String>,
}

/// The slug of the current URL, tracked; empty (which names nothing) if there is none.
fn use_slug() -> impl Fn() -> String + Copy {
    let params = use_params::<SlugParams>();
    move || {
        params
            .read()
            .as_ref()
            .ok()
            .and_then(|p| p.slug.clone())
            .unwrap_or_default()
    }
}

/// The URL parameter of a list's later pages: `…/page/:page`.
#[derive(Params, Clone, Debug, PartialEq)]
pub struct PageParams {
    /// The page number, from 2, as written; absent on a list's first page.
    pub page: Option<String>,
}

/// The list page number of the current URL, tracked: 1 without one, 0 (no such page) if it
/// is not one as the site writes it ([`carnet_core::paths::page_number`]: not `02`).
fn use_page_number() -> impl Fn() -> usize + Copy {
    let params = use_params::<PageParams>();
    move || {
        params
            .read()
            .as_ref()
            .map_or(0, |p| match p.page.as_deref() {
                None => 1,
                Some(text) => carnet_core::paths::page_number(text).unwrap_or(0),
            })
    }
}
