//! Carnet's app: the Leptos single-page app that reads a blog built by `carnet-cli`.
//!
//! A thin layer over `carnet-core`: [`api`] fetches the index, list pages and posts, [`store`]
//! keeps what was fetched, [`routes`] has one file a page, [`components`] the pieces pages share.
//! No page parses, sorts or counts: the core did that when the content tool cut the blog into
//! those pieces.
//!
//! The same components run in two places: in the browser (feature `hydrate`, built by Trunk),
//! and natively (feature `ssr`), where the content tool's pre-renderer renders pages to static
//! HTML. Both set the app up with [`app::provide_app_context`].

// Views nest deeply in types: each page is a tree of generic elements.
#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod components;
pub mod inflate;
pub mod page_data;
pub mod routes;
pub mod search;
pub mod store;
pub mod urls;

pub use app::App;
