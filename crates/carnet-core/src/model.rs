//! The data the content tool writes and the app reads: one serde schema for both sides.
//!
//! A built site holds `data/manifest.json` (a [`Manifest`]: the site, every post's summary, the
//! categories and months with their counts) and one `data/posts/<slug>.json` a post (a
//! [`PostBody`]: its Markdown), fetched only when the post is shown. Both carry
//! [`SCHEMA_VERSION`]; a reader refuses a version it does not know instead of misreading it.

use crate::date::{Date, YearMonth};
use serde::{Deserialize, Serialize};

/// The version of this schema. Bump it on any change a reader of the old one would misread.
pub const SCHEMA_VERSION: u32 = 1;

/// Where the manifest lives, relative to the site's base URL.
pub const MANIFEST_PATH: &str = "data/manifest.json";

/// Where the body of the post `slug` lives, relative to the site's base URL.
pub fn post_body_path(slug: &str) -> String {
    format!("data/posts/{slug}.json")
}

/// Everything needed to draw any page but a post's body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`SCHEMA_VERSION`] when written.
    pub version: u32,
    /// The blog itself.
    pub site: Site,
    /// Every post, newest first; posts of the same day by slug.
    pub posts: Vec<PostSummary>,
    /// Every category that has posts, by name.
    pub categories: Vec<CategoryCount>,
    /// Every month that has posts, newest first.
    pub months: Vec<MonthCount>,
}

/// The blog's own settings, from `content/site.toml`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Site {
    /// The blog's name, shown in the header and after every page title.
    pub title: String,
    /// One sentence saying what the blog is about.
    pub description: String,
    /// Where the blog is published, with its base path and a trailing slash:
    /// `https://example.org/blog/`. Feeds, the sitemap and canonical links are built on it.
    pub url: String,
}

/// What lists and links need to know of a post.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostSummary {
    /// The post's URL name, unique in the blog.
    pub slug: String,
    /// The title, as the author wrote it.
    pub title: String,
    /// The day it was published.
    pub date: Date,
    /// The category it is filed under.
    pub category: Category,
    /// Who wrote it.
    pub author: String,
    /// Plain text shown in lists: the author's summary, else the first paragraph.
    pub excerpt: String,
}

/// A category: its name and URL name.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Category {
    /// The URL name, `reseaux-sociaux`.
    pub slug: String,
    /// The name, `Réseaux sociaux`.
    pub name: String,
}

/// A category and how many posts it holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryCount {
    /// The category.
    pub category: Category,
    /// Its number of posts, at least 1.
    pub count: usize,
}

/// A month and how many posts were published in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthCount {
    /// The month.
    pub month: YearMonth,
    /// Its number of posts, at least 1.
    pub count: usize,
}

/// What a pre-rendered page embeds for the app to take it over without fetching: the manifest,
/// and the bodies of the posts the page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PageData {
    /// The whole manifest.
    pub manifest: Manifest,
    /// The bodies shown on the page (one on a post's page, none elsewhere).
    pub bodies: Vec<PostBody>,
}

/// A post's Markdown, fetched when the post is shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostBody {
    /// [`SCHEMA_VERSION`] when written.
    pub version: u32,
    /// The post it belongs to.
    pub slug: String,
    /// The body, after the front matter: CommonMark with Carnet's extensions.
    pub markdown: String,
}
