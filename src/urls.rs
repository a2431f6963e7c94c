//! Where things are: the site's base path and the URL of every page and data file.
//!
//! The site may be served at `/` or under a sub-path such as `/blog/`. The content tool writes that
//! base into the page (`<meta name="carnet-base">`); every link and fetch is built here from it,
//! because the router's `base` does not prefix `<A href>` and relative URLs would resolve against
//! whatever page is showing.

use carnet_core::feed::{FEED_PATH, SITEMAP_PATH};
use carnet_core::model::{page_data_path, INDEX_PATH};
use carnet_core::{paths, YearMonth};

/// The site's URLs, built from its base path (`/` or `/blog/`: always starts and ends with `/`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteUrls {
    base: String,
}

impl SiteUrls {
    /// The site served under `base`; `blog`, `/blog` and `/blog/` are the same.
    pub fn new(base: &str) -> SiteUrls {
        let trimmed = base.trim_matches('/');
        let base = if trimmed.is_empty() {
            "/".to_owned()
        } else {
            format!("/{trimmed}/")
        };
        SiteUrls { base }
    }

    /// The site as the page says it is served, from `<meta name="carnet-base">`, else at `/`.
    pub fn from_document() -> SiteUrls {
        let base = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| {
                document
                    .query_selector(r#"meta[name="carnet-base"]"#)
                    .ok()
                    .flatten()
            })
            .and_then(|meta| meta.get_attribute("content"));
        SiteUrls::new(base.as_deref().unwrap_or("/"))
    }

    /// The base path, `/` or `/blog/`.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// What the router's `base` wants: the base without its trailing slash, empty at the root.
    pub fn router_base(&self) -> String {
        self.base.trim_end_matches('/').to_owned()
    }

    /// The absolute path of a page given relative to the base, as `carnet_core::paths` gives it.
    pub fn page(&self, relative: &str) -> String {
        format!("{}{relative}", self.base)
    }

    /// The home page.
    pub fn home(&self) -> String {
        self.page(paths::HOME)
    }

    /// The page of the post `slug`.
    pub fn post(&self, slug: &str) -> String {
        self.page(&paths::post(slug))
    }

    /// The page of the category `slug`.
    pub fn category(&self, slug: &str) -> String {
        self.page(&paths::category(slug))
    }

    /// The page of the tag `slug`.
    pub fn tag(&self, slug: &str) -> String {
        self.page(&paths::tag(slug))
    }

    /// The page listing every tag.
    pub fn tags(&self) -> String {
        self.page(paths::TAGS)
    }

    /// The page listing every month.
    pub fn archive(&self) -> String {
        self.page(paths::ARCHIVE)
    }

    /// The page of one month's posts.
    pub fn month(&self, month: YearMonth) -> String {
        self.page(&paths::month(month))
    }

    /// The search page.
    pub fn search(&self) -> String {
        self.page(paths::SEARCH)
    }

    /// The search's own script (`public/search.js`: the box, the worker and the results), which
    /// the app loads only when a reader searches.
    pub fn search_script(&self) -> String {
        self.page("search.js")
    }

    /// The Atom feed.
    pub fn feed(&self) -> String {
        self.page(FEED_PATH)
    }

    /// The sitemap.
    pub fn sitemap(&self) -> String {
        self.page(SITEMAP_PATH)
    }

    /// The index's URL.
    pub fn index_url(&self) -> String {
        format!("{}{INDEX_PATH}", self.base)
    }

    /// The URL of the bucket file holding the data of the page at `page` (a path from
    /// `carnet_core::paths`), in a blog of `buckets` buckets (the index says how many).
    pub fn page_data_url(&self, page: &str, buckets: usize) -> String {
        format!("{}{}", self.base, page_data_path(page, buckets))
    }
}

/// `rendered`, the path of the page a host answered `path` with, if `path` names that page
/// another way: its folder's `index.html` (`/page/2/index.html`), without the trailing slash
/// every page has (`/posts/a`), with a slash doubled (`/posts//a/`, a base and a path joined by
/// hand), or in other letters' case (`/Posts/A/`: a host on a case-insensitive disk, as IIS's
/// or a Mac's, serves it). The app would not know the page by it, and a post's relative images
/// would resolve against the wrong folder.
pub fn canonical_path(path: &str, rendered: &str) -> Option<String> {
    let mut folder = String::with_capacity(path.len() + 1);
    let mut parts = path.split('/').filter(|part| !part.is_empty()).peekable();
    while let Some(part) = parts.next() {
        if parts.peek().is_none() && part.eq_ignore_ascii_case("index.html") {
            break;
        }
        folder.push('/');
        folder.push_str(part);
    }
    folder.push('/');
    (path != rendered && folder.eq_ignore_ascii_case(rendered)).then(|| rendered.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_named_by_its_folder_with_a_trailing_slash() {
        for (path, rendered) in [
            ("/index.html", "/"),
            ("/blog/page/2/index.html", "/blog/page/2/"),
            ("/posts/a", "/posts/a/"),
            ("/blog", "/blog/"),
            ("/posts//a/", "/posts/a/"),
            ("//blog///posts/a", "/blog/posts/a/"),
            ("/Posts/A-B/", "/posts/a-b/"),
            ("/BLOG/page/2/INDEX.HTML", "/blog/page/2/"),
        ] {
            assert_eq!(
                canonical_path(path, rendered).as_deref(),
                Some(rendered),
                "{path}"
            );
        }
        for (path, rendered) in [
            ("/", "/"),
            ("/posts/a/", "/posts/a/"),
            // Another page, or no page at all: the app finds which, or says there is none.
            ("/posts/b/", "/posts/a/"),
            ("/posts/a/b/", "/posts/a/"),
            ("/posts/a/notindex.html", "/posts/a/"),
            ("/404.html", "/"),
            ("/feed.xml", "/"),
        ] {
            assert_eq!(canonical_path(path, rendered), None, "{path}");
        }
    }

    #[test]
    fn the_search_script_is_under_the_base() {
        assert_eq!(SiteUrls::new("/blog/").search_script(), "/blog/search.js");
    }
}
