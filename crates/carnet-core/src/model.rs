//! The data the content tool writes and the app reads: one serde schema for both sides.
//!
//! A blog is published in pieces, so that what a reader downloads does not grow with the
//! number of posts:
//! - `data/index.json`, an [`Index`]: the site, the number of posts, the newest few, every
//!   category, tag and month with its count. Every page needs it; its size depends on how many
//!   categories, tags and months the blog has, never on how many posts.
//! - the data of every page that shows a list or a post, grouped a few pages to a file, so
//!   that a big blog is not twice as many files as pages: a [`Bucket`] file,
//!   `data/pages/<k>.json.gz`, is a JSON object from page paths to their data, stored gzipped
//!   ([`crate::gzip`]: a third of the bytes on disk, which is what hosts count), where `k` is
//!   [`bucket`] of the page's path ([`page_data_path`]). A page's data is one [`ListPage`] (a
//!   page of a list: the home page, a category, a tag, a month; ten posts a page) or one
//!   [`Post`] (its summary, Markdown and neighbours). The index says how many buckets there are
//!   ([`Index::buckets`]: about [`PAGES_PER_BUCKET`] pages each), so the app finds the file of
//!   any page without asking, and one fetch brings a page and the few sharing its file.
//!
//! Each carries [`SCHEMA_VERSION`]; a reader refuses a version it does not know instead of
//! misreading it. A pre-rendered page embeds the same pieces as a [`PageData`]: the index and
//! the one list page or post it shows, a post without its Markdown (its HTML is in the page). [`Manifest`] is the whole blog in memory, from which the
//! content tool cuts these pieces; it is never sent to a browser.

use crate::date::{Date, YearMonth};
use crate::paths;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The version of this schema. Bump it on any change a reader of the old one would misread.
pub const SCHEMA_VERSION: u32 = 8;

/// Where the index lives, relative to the site's base URL.
pub const INDEX_PATH: &str = "data/index.json";

/// How many pages' data a bucket file holds, about: the content tool makes
/// [`bucket_count`] buckets.
pub const PAGES_PER_BUCKET: usize = 5;

/// How many buckets the data of `pages` pages is shared among: `pages` / [`PAGES_PER_BUCKET`],
/// rounded up, at least 1.
pub fn bucket_count(pages: usize) -> usize {
    pages.div_ceil(PAGES_PER_BUCKET).max(1)
}

/// The bucket, from 0 to `buckets` - 1, holding the data of the page at `page` (a path from
/// [`paths`], as the page's URL has it after the base: `posts/<slug>/`, `""` for the home
/// page): the 64-bit FNV-1a hash of the path's UTF-8 bytes ([`crate::slug::fnv1a`]) modulo
/// `buckets` (taken as 1 if it is 0). Stable: the content tool, the app and the browser tests
/// compute the same.
pub fn bucket(page: &str, buckets: usize) -> usize {
    let buckets = u64::try_from(buckets.max(1)).unwrap_or(u64::MAX);
    // The remainder is below `buckets`, itself a usize.
    usize::try_from(crate::slug::fnv1a(page) % buckets).unwrap_or(0)
}

/// Where the bucket `bucket` lives, relative to the site's base URL:
/// `data/pages/<bucket>.json.gz`.
pub fn bucket_path(bucket: usize) -> String {
    format!("data/pages/{bucket}.json.gz")
}

/// Where the data of the page at `page` (a path from [`paths`]: a list page or a post) lives,
/// relative to the site's base URL, in a blog of `buckets` buckets: the file of its
/// [`bucket`], which holds it under the key `page`.
pub fn page_data_path(page: &str, buckets: usize) -> String {
    bucket_path(bucket(page, buckets))
}

/// Every post's summary, with the categories and months: the whole blog but its bodies.
/// Built by the content tool ([`Manifest::new`]); the app only ever sees pieces of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Manifest {
    /// The blog itself.
    pub site: Site,
    /// Every post, newest first; posts of the same day by slug.
    pub posts: Vec<PostSummary>,
    /// Every category that has posts, by name.
    pub categories: Vec<CategoryCount>,
    /// Every tag that has posts, by name.
    pub tags: Vec<TagCount>,
    /// Every month that has posts, newest first.
    pub months: Vec<MonthCount>,
}

/// What every page needs: the blog, its categories and months with their counts, its newest
/// posts. Loaded first; small whatever the number of posts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Index {
    /// [`SCHEMA_VERSION`] when written.
    pub version: u32,
    /// The blog itself.
    pub site: Site,
    /// How many posts the blog has.
    pub total: usize,
    /// How many bucket files hold the pages' data ([`bucket`]), at least 1.
    pub buckets: usize,
    /// The newest posts, newest first (at most [`crate::archive::RECENT_POSTS`]).
    pub recent: Vec<PostLink>,
    /// Every category that has posts, by name.
    pub categories: Vec<CategoryCount>,
    /// Every tag that has posts, by name: what the tag index lists.
    pub tags: Vec<TagCount>,
    /// Every month that has posts, newest first, written as runs of consecutive months
    /// ([`month_runs`]).
    #[serde(with = "month_runs")]
    pub months: Vec<MonthCount>,
}

/// [`Index::months`] written as runs of consecutive months, newest first, each
/// `[year, month, [counts…]]`: the first count that month's, each next one the month before's
/// (`[[2024, 12, [80, 79]], [2009, 10, [3]]]`: December and November 2024, then October 2009).
/// Every page embedded the index then: ten years of months took 1,475 bytes of each page as
/// `[year, month, count]`, 370 as one run (schema 8).
mod month_runs {
    use super::MonthCount;
    use crate::date::YearMonth;
    use serde::de::Error;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    type Run = (u16, u8, Vec<usize>);

    pub fn serialize<S: Serializer>(
        months: &[MonthCount],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let mut runs: Vec<Run> = Vec::new();
        let mut previous: Option<YearMonth> = None;
        for entry in months {
            match runs.last_mut() {
                Some(run) if previous.and_then(YearMonth::before) == Some(entry.month) => {
                    run.2.push(entry.count)
                }
                _ => runs.push((entry.month.year, entry.month.month, vec![entry.count])),
            }
            previous = Some(entry.month);
        }
        runs.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<MonthCount>, D::Error> {
        let mut months = Vec::new();
        for (year, month, counts) in Vec::<Run>::deserialize(deserializer)? {
            let mut at = YearMonth::new(year, month)
                .ok_or_else(|| D::Error::custom(format!("no month {month} in the calendar")))?;
            if counts.is_empty() {
                return Err(D::Error::custom("a run of months without a count"));
            }
            for (i, count) in counts.into_iter().enumerate() {
                if i > 0 {
                    at = at
                        .before()
                        .ok_or_else(|| D::Error::custom("a run of months before the year 0"))?;
                }
                months.push(MonthCount { month: at, count });
            }
        }
        Ok(months)
    }
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
    /// The language of the interface and of dates.
    pub language: Language,
    /// How many posts a list page shows, from 1 to [`crate::archive::MAX_POSTS_PER_PAGE`].
    pub posts_per_page: usize,
}

/// A language the interface speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Language {
    /// French, the default.
    #[default]
    #[serde(rename = "fr")]
    French,
    /// English.
    #[serde(rename = "en")]
    English,
}

impl Language {
    /// Every language, in the order the settings' error lists them.
    pub const ALL: [Language; 2] = [Language::French, Language::English];

    /// Its code, as `site.toml` and `<html lang>` write it: `fr`, `en`.
    pub fn code(self) -> &'static str {
        match self {
            Language::French => "fr",
            Language::English => "en",
        }
    }
}

/// What lists and links need to know of a post.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostSummary {
    /// The post's URL name, unique in the blog.
    pub slug: String,
    /// The title, as the author wrote it, with the blog's typography
    /// ([`crate::markdown::plain_text`]: French no-break spaces in a French blog).
    pub title: String,
    /// The day it was published.
    pub date: Date,
    /// The day of its last change, if the author gave one later than [`PostSummary::date`];
    /// left out of the data when there is none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<Date>,
    /// The category it is filed under.
    pub category: Category,
    /// Its tags, in the order the author wrote them, each once; left out of the data when
    /// there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
    /// Who wrote it.
    pub author: String,
    /// Plain text shown in lists: the author's summary, else the first paragraph, with the
    /// blog's typography.
    pub excerpt: String,
    /// How many words its body has ([`crate::markdown::word_count`]), for its reading time
    /// ([`crate::reading::minutes`]).
    pub words: usize,
    /// Whether it is a draft, published by an author's preview only (`--drafts`); left out of
    /// the data when it is not.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
}

/// Enough of a post to link to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostLink {
    /// The post's URL name.
    pub slug: String,
    /// Its title.
    pub title: String,
}

impl PostSummary {
    /// The day it last changed: its [`PostSummary::updated`], else its date.
    pub fn last_change(&self) -> Date {
        self.updated.unwrap_or(self.date)
    }
}

impl From<&PostSummary> for PostLink {
    fn from(post: &PostSummary) -> PostLink {
        PostLink {
            slug: post.slug.clone(),
            title: post.title.clone(),
        }
    }
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

/// A tag: its name and URL name. Tags live under their own URLs (`tag/<slug>/`), so a tag and
/// a category of the same name are two pages.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Tag {
    /// The URL name, `community-management`.
    pub slug: String,
    /// The name, `Community management`.
    pub name: String,
}

/// A tag and how many posts carry it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagCount {
    /// The tag.
    pub tag: Tag,
    /// Its number of posts, at least 1.
    pub count: usize,
}

/// A month and how many posts were published in it; the index writes them as runs
/// ([`month_runs`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MonthCount {
    /// The month.
    pub month: YearMonth,
    /// Its number of posts, at least 1.
    pub count: usize,
}

/// A list of posts, newest first, shown ten a page.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum List {
    /// Every post: the home page.
    Home,
    /// The posts of the category with this slug.
    Category(String),
    /// The posts carrying the tag with this slug.
    Tag(String),
    /// The posts of one month.
    Month(YearMonth),
}

impl List {
    /// The path of the list's first page.
    pub fn first_page(&self) -> String {
        match self {
            List::Home => paths::HOME.to_owned(),
            List::Category(slug) => paths::category(slug),
            List::Tag(slug) => paths::tag(slug),
            List::Month(month) => paths::month(*month),
        }
    }

    /// The path of the list's page `number`.
    pub fn page(&self, number: usize) -> String {
        paths::list_page(&self.first_page(), number)
    }

    /// The list and page number a path (relative to the base, as [`List::page`] writes it; the
    /// trailing slash may be missing) shows; none if it is not a list's page.
    pub fn at(path: &str) -> Option<(List, usize)> {
        let parts: Vec<&str> = path.trim_end_matches('/').split('/').collect();
        let (list, rest) = match parts.as_slice() {
            [""] => return Some((List::Home, 1)),
            ["category", slug, rest @ ..] if !slug.is_empty() => {
                (List::Category((*slug).to_owned()), rest)
            }
            ["tag", slug, rest @ ..] if !slug.is_empty() => (List::Tag((*slug).to_owned()), rest),
            ["archive", year, month, rest @ ..] => {
                let month = YearMonth::new(year.parse().ok()?, month.parse().ok()?)?;
                (List::Month(month), rest)
            }
            _ => (List::Home, parts.as_slice()),
        };
        match rest {
            [] if list != List::Home => Some((list, 1)),
            ["page", number] => Some((list, number.parse().ok().filter(|n| *n > 1)?)),
            _ => None,
        }
    }
}

/// One page of a list: up to ten posts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListPage {
    /// [`SCHEMA_VERSION`] when written.
    pub version: u32,
    /// The list it is a page of.
    pub list: List,
    /// Its number, from 1.
    pub number: usize,
    /// Its posts, in the list's order.
    pub posts: Vec<PostSummary>,
}

/// A post as its page shows it: summary, body and neighbours.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Post {
    /// [`SCHEMA_VERSION`] when written.
    pub version: u32,
    /// What lists show of it.
    pub summary: PostSummary,
    /// The body, after the front matter: CommonMark with Carnet's extensions.
    pub markdown: String,
    /// The post published just before, if any.
    pub older: Option<PostLink>,
    /// The post published just after, if any.
    pub newer: Option<PostLink>,
    /// The posts its page suggests after it (« À lire aussi », [`crate::related`]), best
    /// first. Absent from the data when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<PostLink>,
    /// Its code blocks highlighted by the content tool, if any has a language it knows: the
    /// app does not highlight, it only wraps the tokens named here in their classes
    /// ([`crate::highlight`]). Absent from the data when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub code: Vec<CodeHighlight>,
    /// The size of each of the site's own images it shows, read by the content tool from the
    /// files: its `<img>` is given its width and height, so the page keeps the image's room
    /// before it loads instead of moving the text under the reader. Absent from the data when
    /// empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<ImageSize>,
    /// The image a link to it shows in previews (its page's `og:image`): a path from the
    /// site's root (`images/x.png`, `posts/a/photo.jpg`) or a web address. Absent from the data
    /// when it has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
}

/// The size of an image file of the site, in CSS pixels.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageSize {
    /// Its path from the site's root, as a post links to it without its query or fragment:
    /// `images/x.png` for `/images/x.png?v=2`; for an image written relative to the post's page
    /// (one in the post's own folder), `./` and the path as written: `./photo.png`.
    pub path: String,
    /// Its width.
    pub width: u32,
    /// Its height.
    pub height: u32,
}

/// The tokens of one highlighted code block of a post.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeHighlight {
    /// Which code block of the post's Markdown, counted from 0 in order (fenced or indented).
    pub block: usize,
    /// The block's text cut into runs, each a token letter and its length in bytes, one after
    /// the other (`k2p1f4`: a keyword of 2 bytes, 1 plain, a function of 4), as
    /// [`crate::highlight::encode`] writes them; they cover the whole text.
    pub runs: String,
}

/// The data of one page, as a [`Bucket`] holds it: a list page or a post.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Page {
    /// A page of a list, at [`List::page`].
    List(ListPage),
    /// A post, at [`paths::post`] (boxed: a post is much bigger than a list page).
    Post(Box<Post>),
}

impl Page {
    /// Where this page is: [`List::page`] of a list page, [`paths::post`] of a post.
    pub fn path(&self) -> String {
        match self {
            Page::List(page) => page.list.page(page.number),
            Page::Post(post) => paths::post(&post.summary.slug),
        }
    }
}

/// One file of the pages' data, `data/pages/<k>.json.gz`: a JSON object from the path of each page
/// whose [`bucket`] is `k` to its data, keys sorted. What a page's path is tells what its data
/// is: a post's path ([`paths::post_slug`]) holds a [`Post`], a list page's ([`List::at`]) a
/// [`ListPage`]; read back, anything else is refused.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Bucket {
    /// Every page of the bucket, by path.
    pub pages: BTreeMap<String, Page>,
}

impl Bucket {
    /// Adds `page` at its own path.
    pub fn insert(&mut self, page: Page) {
        self.pages.insert(page.path(), page);
    }
}

impl<'de> Deserialize<'de> for Bucket {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Bucket, D::Error> {
        struct Pages;

        impl<'de> serde::de::Visitor<'de> for Pages {
            type Value = Bucket;

            fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
                formatter.write_str("an object from page paths to their data")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Bucket, A::Error> {
                use serde::de::Error;
                let mut bucket = Bucket::default();
                while let Some(path) = map.next_key::<String>()? {
                    let page = if paths::post_slug(&path).is_some() {
                        Page::Post(map.next_value()?)
                    } else if List::at(&path).is_some() {
                        Page::List(map.next_value()?)
                    } else {
                        return Err(A::Error::custom(format!("no page has data at {path:?}")));
                    };
                    if bucket.pages.insert(path, page).is_some() {
                        return Err(A::Error::custom("a page given twice"));
                    }
                }
                Ok(bucket)
            }
        }

        deserializer.deserialize_map(Pages)
    }
}

/// What a page shows: the index (which its header, sidebar and footer draw from), and the list
/// page or the post it shows. The pre-renderer draws a page from it, and the app hydrates a
/// page from it once it has the [`EmbeddedPage`] and the index that page was drawn with.
#[derive(Clone, Debug, PartialEq)]
pub struct PageData {
    /// The blog's index.
    pub index: Index,
    /// The list page shown, on a list's page.
    pub list: Option<ListPage>,
    /// The post shown, on a post's page.
    pub post: Option<Post>,
}

/// What a pre-rendered page embeds for the app to take it over: the list page or the post it
/// shows, and the stamp ([`index_stamp`]) of the index it was drawn with. Nothing the page's
/// HTML holds already and nothing the same on every page: an embedded post's `markdown` is
/// empty (the page's HTML holds the body, which the app takes from there: see `page_data` in
/// the app), and the index, the same for every page, is `data/index.json`, which the page's
/// head preloads and the browser's cache keeps for the next page. The app hydrates the page
/// only with the index of that stamp, so that a page and an index of two builds (a cached page
/// of the last one) never mix.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EmbeddedPage {
    /// [`SCHEMA_VERSION`].
    pub version: u32,
    /// The stamp of the index the page was drawn with.
    pub index: String,
    /// The list page shown, on a list's page.
    pub list: Option<ListPage>,
    /// The post shown, on a post's page, without its Markdown.
    pub post: Option<Post>,
}

impl EmbeddedPage {
    /// What the page showing `data` embeds, `data.index` being the index of stamp `index`
    /// ([`index_stamp`]).
    pub fn new(data: &PageData, index: &str) -> EmbeddedPage {
        let mut post = data.post.clone();
        if let Some(post) = &mut post {
            post.markdown.clear();
        }
        EmbeddedPage {
            version: SCHEMA_VERSION,
            index: index.to_owned(),
            list: data.list.clone(),
            post,
        }
    }

    /// The page's data with the `index` it was drawn with.
    pub fn with_index(self, index: Index) -> PageData {
        PageData {
            index,
            list: self.list,
            post: self.post,
        }
    }
}

/// The stamp of the index written `json` (the text of `data/index.json`): the 64-bit FNV-1a
/// hash of its bytes ([`crate::slug::fnv1a`]), in hexadecimal. Two builds of a blog with the
/// same index give the same stamp, and a page drawn with it hydrates with either's index.
pub fn index_stamp(json: &str) -> String {
    format!("{:016x}", crate::slug::fnv1a(json))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index's months, as `month_runs` writes them.
    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Months(#[serde(with = "month_runs")] Vec<MonthCount>);

    fn months(entries: &[(u16, u8, usize)]) -> Months {
        Months(
            entries
                .iter()
                .map(|&(year, month, count)| MonthCount {
                    month: YearMonth::new(year, month).unwrap(),
                    count,
                })
                .collect(),
        )
    }

    #[test]
    fn the_months_are_written_as_runs_of_consecutive_months() {
        let written = months(&[
            (2010, 2, 4),
            (2010, 1, 5),
            (2009, 12, 6),
            (2009, 10, 3),
            (2008, 1, 1),
        ]);
        let json = "[[2010,2,[4,5,6]],[2009,10,[3]],[2008,1,[1]]]";
        assert_eq!(serde_json::to_string(&written).unwrap(), json);
        assert_eq!(serde_json::from_str::<Months>(json).unwrap(), written);
        let none = months(&[]);
        assert_eq!(serde_json::to_string(&none).unwrap(), "[]");
        assert_eq!(serde_json::from_str::<Months>("[]").unwrap(), none);
    }

    #[test]
    fn impossible_runs_of_months_are_refused() {
        for (json, why) in [
            ("[[2009,13,[3]]]", "no month 13"),
            ("[[2009,10,[]]]", "without a count"),
            ("[[0,2,[1,1,1]]]", "before the year 0"),
            ("[[2009,10,3]]", "invalid type"),
            ("[[2009,10]]", "invalid length"),
        ] {
            let error = serde_json::from_str::<Months>(json).unwrap_err();
            assert!(error.to_string().contains(why), "{json}: {error}");
        }
    }

    #[test]
    fn a_list_page_is_found_from_its_path() {
        let october = YearMonth::new(2009, 10).unwrap();
        for (list, number) in [
            (List::Home, 1),
            (List::Home, 2),
            (List::Category("actus".into()), 1),
            (List::Category("actus".into()), 12),
            (List::Tag("actus".into()), 1),
            (List::Tag("actus".into()), 3),
            (List::Month(october), 1),
            (List::Month(october), 3),
        ] {
            let path = list.page(number);
            assert_eq!(List::at(&path), Some((list.clone(), number)), "{path}");
            let slashless = path.trim_end_matches('/');
            assert_eq!(List::at(slashless), Some((list, number)), "{slashless}");
        }
    }

    #[test]
    fn a_tag_and_a_category_of_one_name_are_two_lists_at_two_urls() {
        let (category, tag) = (List::Category("actus".into()), List::Tag("actus".into()));
        for number in [1, 2] {
            assert_ne!(category.page(number), tag.page(number));
            assert_eq!(List::at(&tag.page(number)), Some((tag.clone(), number)));
        }
        // Two keys, whichever files they are in.
        assert_eq!(page_data_path(&tag.page(2), 7), "data/pages/2.json.gz");
        assert_eq!(page_data_path(&category.page(2), 7), "data/pages/4.json.gz");
    }

    #[test]
    fn a_pages_bucket_is_fnv_1a_of_its_path_modulo_the_buckets() {
        // Pinned values, checked against an independent FNV-1a (64 bits, over the UTF-8 bytes):
        // the app, the content tool and the browser tests must agree on every one, and a
        // change would send the app to the wrong file.
        assert_eq!(crate::slug::fnv1a(""), 14_695_981_039_346_656_037);
        assert_eq!(crate::slug::fnv1a("a"), 0xaf63_dc4c_8601_ec8c);
        for (path, hash, in_7, in_2003) in [
            ("", 14_695_981_039_346_656_037, 2, 1551),
            ("posts/un-billet/", 10_117_990_550_613_302_250, 5, 678),
            ("category/actus/", 8_335_829_409_359_868_867, 3, 799),
            ("tag/actus/", 17_873_963_432_985_291_985, 3, 1092),
            (
                "category/actus/page/2/",
                15_244_657_855_719_807_134,
                4,
                1021,
            ),
            ("archive/2009/10/", 11_135_679_848_027_731_722, 5, 645),
            ("posts/générer/", 4_896_393_092_570_828_882, 5, 1101),
        ] {
            assert_eq!(crate::slug::fnv1a(path), hash, "{path}");
            assert_eq!(bucket(path, 1), 0, "{path}");
            assert_eq!(bucket(path, 0), 0, "{path}");
            assert_eq!(bucket(path, 7), in_7, "{path}");
            assert_eq!(bucket(path, 2003), in_2003, "{path}");
        }
        assert_eq!(
            page_data_path("posts/un-billet/", 2003),
            "data/pages/678.json.gz"
        );
    }

    #[test]
    fn a_bucket_holds_about_five_pages() {
        assert_eq!(PAGES_PER_BUCKET, 5);
        for (pages, buckets) in [
            (0, 1),
            (1, 1),
            (5, 1),
            (6, 2),
            (10, 2),
            (11, 3),
            (13_500, 2700),
        ] {
            assert_eq!(bucket_count(pages), buckets, "{pages} pages");
        }
    }

    #[test]
    fn other_paths_are_no_list_page() {
        for path in [
            "posts/un-billet/",
            "archive/",
            "archive/2009/",
            "archive/2009/13/",
            "category/",
            "category/actus/page/",
            "category/actus/page/1/",
            "tag/",
            "tags/",
            "tag/actus/page/",
            "tag/actus/page/1/",
            "page/0/",
            "page/x/",
            "404.html",
            "nope/",
        ] {
            assert_eq!(List::at(path), None, "{path}");
        }
    }
}
