//! Carnet's core: everything about a blog that does not need a browser.
//!
//! The content tool (`carnet-cli`) and the app (`carnet`) both build on this crate, so the writer
//! and the reader of the data share one schema and one Markdown renderer. Nothing here does
//! I/O; everything is tested natively with `cargo test`.

pub mod archive;
pub mod content;
pub mod cores;
pub mod date;
pub mod feed;
pub mod front_matter;
pub mod gzip;
pub mod highlight;
pub mod i18n;
pub mod links;
pub mod markdown;
pub mod model;
pub mod page_ids;
pub mod paths;
pub mod read;
pub mod reading;
pub mod related;
mod sanitize;
pub mod search;
pub mod slug;
pub mod template_code;
pub mod theme;
pub mod toc;
pub mod typography;

/// The allow-list alone, for the fuzz targets (`fuzz/`): built only under `cfg(fuzzing)`, which
/// cargo-fuzz sets, so that they can check that it leaves its own output unchanged and feed it
/// HTML that Markdown has not touched. Everything else goes through [`markdown::to_html`].
#[cfg(fuzzing)]
#[doc(hidden)]
pub fn sanitize_html(html: &str, base: &str) -> String {
    sanitize::sanitize(html, base, &[])
}

pub use date::{Date, YearMonth};
pub use model::{
    Bucket, Category, CategoryCount, CodeHighlight, EmbeddedPage, ImageSize, Index, List, ListPage,
    Manifest, MonthCount, Page, PageData, Post, PostLink, PostSummary, Site, Tag, TagCount,
};
pub use sanitize::escape;
