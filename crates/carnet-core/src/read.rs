//! Reading the published data back: what the app does with every byte it downloads or finds in
//! a page.
//!
//! That text may be cut short, written by another version of Carnet, or say something
//! impossible (month 13, a category of no posts, page 0). [`read`] turns any text into a checked
//! piece of data or a [`ReadError`], never a panic: it reads the [`SCHEMA_VERSION`] first, so
//! that data of another version is reported as such whatever its shape, then the whole piece
//! (where the types refuse what cannot be, such as a month other than 1 to 12), then checks what
//! the types cannot say (counts that add up, page numbers from 1).

use crate::archive::MAX_POSTS_PER_PAGE;
use crate::model::{Bucket, EmbeddedPage, Index, ListPage, Page, Post, SCHEMA_VERSION};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

/// Why a text is not a piece of data this version of Carnet can use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// It was written by another version of Carnet: the one it says.
    Version(u32),
    /// It is not what Carnet writes: cut short, not JSON, or saying something impossible.
    Invalid(String),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Version(version) => write!(
                f,
                "data of schema version {version}, where this reader knows {SCHEMA_VERSION}"
            ),
            ReadError::Invalid(why) => write!(f, "invalid data: {why}"),
        }
    }
}

impl std::error::Error for ReadError {}

/// What a piece is read from: JSON text, or JSON the browser has parsed already.
pub trait Source {
    /// The value it holds as a `T`, or why it is not one.
    fn value<T: DeserializeOwned>(&self) -> Result<T, String>;
}

impl Source for &str {
    fn value<T: DeserializeOwned>(&self) -> Result<T, String> {
        serde_json::from_str(self).map_err(|error| error.to_string())
    }
}

/// A piece of the published data: the [`Index`], a [`ListPage`], a [`Post`], a [`Bucket`] of
/// them, or the [`EmbeddedPage`] of a pre-rendered page.
pub trait Piece: DeserializeOwned {
    /// The first version `source` says it has that is not [`SCHEMA_VERSION`], if any, read
    /// without the rest of the piece.
    fn foreign_version(source: &impl Source) -> Result<Option<u32>, String> {
        source.value::<Stamp>().map(|stamp| stamp.foreign())
    }

    /// Checks what the types cannot say.
    fn check(&self) -> Result<(), String>;
}

/// Reads the piece of data `text` holds: its version first, then the whole, then its checks.
pub fn read<T: Piece>(text: &str) -> Result<T, ReadError> {
    read_from(&text)
}

/// Reads the piece of data `source` holds, as [`read`] does.
pub fn read_from<T: Piece>(source: &impl Source) -> Result<T, ReadError> {
    match T::foreign_version(source) {
        Err(error) => return Err(ReadError::Invalid(error)),
        Ok(Some(version)) => return Err(ReadError::Version(version)),
        Ok(None) => {}
    }
    let piece: T = source.value().map_err(ReadError::Invalid)?;
    piece.check().map_err(ReadError::Invalid)?;
    Ok(piece)
}

/// The version of a piece, and nothing else of it.
#[derive(Deserialize)]
struct Stamp {
    version: u32,
}

impl Stamp {
    fn foreign(&self) -> Option<u32> {
        (self.version != SCHEMA_VERSION).then_some(self.version)
    }
}

/// The versions of what a page embeds.
#[derive(Deserialize)]
struct PageStamp {
    version: u32,
    list: Option<Stamp>,
    post: Option<Stamp>,
}

impl Piece for Index {
    /// There is at least one bucket, every count is of 1 to [`Index::total`] posts, the categories' and the months' counts each
    /// add up to the total (the tags' need not), the recent posts are no more than the total, and a list page shows
    /// 1 to [`MAX_POSTS_PER_PAGE`] posts.
    fn check(&self) -> Result<(), String> {
        if self.buckets == 0 {
            return Err("no bucket for the pages' data".to_owned());
        }
        if !(1..=MAX_POSTS_PER_PAGE).contains(&self.site.posts_per_page) {
            return Err(format!("{} posts a list page", self.site.posts_per_page));
        }
        let total = self.total;
        let add_up = |what: &str, counts: &mut dyn Iterator<Item = usize>| {
            let mut sum = 0usize;
            for count in counts {
                if !(1..=total).contains(&count) {
                    return Err(format!(
                        "{what}: a count of {count} in a blog of {total} posts"
                    ));
                }
                sum = sum
                    .checked_add(count)
                    .ok_or_else(|| format!("{what}: the counts overflow"))?;
            }
            if sum == total {
                Ok(())
            } else {
                Err(format!("{what}: {sum} posts counted, {total} in the blog"))
            }
        };
        add_up(
            "categories",
            &mut self.categories.iter().map(|entry| entry.count),
        )?;
        add_up("months", &mut self.months.iter().map(|entry| entry.count))?;
        // A post has any number of tags: their counts do not add up to anything.
        if let Some(entry) = self
            .tags
            .iter()
            .find(|entry| !(1..=total).contains(&entry.count))
        {
            return Err(format!(
                "tags: a count of {} in a blog of {total} posts",
                entry.count
            ));
        }
        if self.recent.len() > total {
            return Err(format!("{} recent posts of {total}", self.recent.len()));
        }
        Ok(())
    }
}

impl Piece for ListPage {
    /// Its number is from 1, and it holds at most [`MAX_POSTS_PER_PAGE`] posts.
    fn check(&self) -> Result<(), String> {
        if self.number == 0 {
            return Err("a list page numbered 0".to_owned());
        }
        if self.posts.len() > MAX_POSTS_PER_PAGE {
            return Err(format!("{} posts on one list page", self.posts.len()));
        }
        Ok(())
    }
}

impl Piece for Post {
    /// Its types say it all (a date that exists, neighbours or none).
    fn check(&self) -> Result<(), String> {
        Ok(())
    }
}

impl Piece for Bucket {
    /// The version of each page it holds: the first that is not this one's.
    fn foreign_version(source: &impl Source) -> Result<Option<u32>, String> {
        let stamps: BTreeMap<String, Stamp> = source.value()?;
        Ok(stamps.values().find_map(Stamp::foreign))
    }

    /// Each page is checked, and is the one its path says: the page of that list and number,
    /// the post of that slug.
    fn check(&self) -> Result<(), String> {
        for (path, page) in &self.pages {
            match page {
                Page::List(list) => list.check()?,
                Page::Post(post) => post.check()?,
            }
            let actual = page.path();
            if actual != *path {
                return Err(format!("the data of {actual:?} given for {path:?}"));
            }
        }
        Ok(())
    }
}

impl Piece for EmbeddedPage {
    fn foreign_version(source: &impl Source) -> Result<Option<u32>, String> {
        let stamp: PageStamp = source.value()?;
        let own = Stamp {
            version: stamp.version,
        };
        let pieces = [Some(own), stamp.list, stamp.post];
        Ok(pieces.iter().flatten().find_map(Stamp::foreign))
    }

    /// Each of the pieces it embeds is checked, and the index's stamp is one.
    fn check(&self) -> Result<(), String> {
        if self.index.len() != 16 || !self.index.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(format!("{:?} is not the stamp of an index", self.index));
        }
        self.list.as_ref().map_or(Ok(()), ListPage::check)?;
        self.post.as_ref().map_or(Ok(()), Post::check)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{index_stamp, Category, Manifest, MonthCount, PostSummary, Site};
    use crate::YearMonth;

    fn summary(slug: &str, date: &str, category: &str) -> PostSummary {
        PostSummary {
            slug: slug.into(),
            title: slug.into(),
            date: date.parse().unwrap(),
            updated: None,
            category: Category {
                slug: category.into(),
                name: category.into(),
            },
            tags: Vec::new(),
            author: "admin".into(),
            excerpt: String::new(),
            words: 0,
            draft: false,
        }
    }

    fn manifest() -> Manifest {
        let site = Site {
            title: "Carnet".into(),
            description: String::new(),
            url: "https://example.org/".into(),
            language: crate::model::Language::French,
            posts_per_page: 10,
        };
        Manifest::new(
            site,
            vec![
                summary("a", "2009-10-06", "actus"),
                summary("b", "2009-03-10", "usages"),
                summary("c", "2009-03-01", "usages"),
            ],
        )
    }

    fn list_page() -> ListPage {
        let manifest = manifest();
        let (list, posts) = manifest.lists().remove(0);
        let page = crate::archive::list_pages(list, posts, 10).next().unwrap();
        page
    }

    /// What the page of the first post embeds.
    fn page_data() -> EmbeddedPage {
        let manifest = manifest();
        let data = crate::model::PageData {
            index: manifest.index(),
            list: None,
            post: Some(manifest.post_at(0, "Texte")),
        };
        EmbeddedPage::new(
            &data,
            &index_stamp(&serde_json::to_string(&data.index).unwrap()),
        )
    }

    /// `piece` as JSON, with the value at `pointer` (a JSON pointer) replaced by `value`, read
    /// back.
    fn with<T: Piece + serde::Serialize>(
        piece: &T,
        pointer: &str,
        value: impl Into<serde_json::Value>,
    ) -> Result<T, ReadError> {
        let mut json = serde_json::to_value(piece).unwrap();
        *json.pointer_mut(pointer).expect(pointer) = value.into();
        read(&json.to_string())
    }

    fn invalid<T: std::fmt::Debug>(result: Result<T, ReadError>) -> bool {
        matches!(result, Err(ReadError::Invalid(_)))
    }

    #[test]
    fn what_the_content_tool_writes_reads_back() {
        let manifest = manifest();
        let index = manifest.index();
        assert_eq!(
            read::<Index>(&serde_json::to_string(&index).unwrap()),
            Ok(index)
        );
        let page = list_page();
        assert_eq!(
            read::<ListPage>(&serde_json::to_string(&page).unwrap()),
            Ok(page)
        );
        let post = manifest.post_at(1, "Texte");
        assert_eq!(
            read::<Post>(&serde_json::to_string(&post).unwrap()),
            Ok(post)
        );
        let data = page_data();
        assert_eq!(
            read::<EmbeddedPage>(&serde_json::to_string(&data).unwrap()),
            Ok(data)
        );
    }

    fn bucket() -> Bucket {
        let mut bucket = Bucket::default();
        bucket.insert(Page::List(list_page()));
        bucket.insert(Page::Post(Box::new(manifest().post_at(1, "Texte"))));
        bucket
    }

    #[test]
    fn a_bucket_as_written_reads_back_each_page_at_its_path() {
        let bucket = bucket();
        let text = serde_json::to_string(&bucket).unwrap();
        assert!(text.starts_with(r#"{"":{"version":"#), "{text}");
        assert!(text.contains(r#","posts/b/":{"version":"#), "{text}");
        assert_eq!(read::<Bucket>(&text), Ok(bucket));
        assert_eq!(read::<Bucket>("{}"), Ok(Bucket::default()));
    }

    #[test]
    fn a_bucket_holding_a_page_of_another_version_is_of_that_version() {
        assert_eq!(
            with(&bucket(), "/posts~1b~1/version", 4),
            Err(ReadError::Version(4))
        );
        assert_eq!(with(&bucket(), "//version", 9), Err(ReadError::Version(9)));
        assert_eq!(
            read::<Bucket>(r#"{"posts/x/":{"version":99,"body":[]}}"#),
            Err(ReadError::Version(99))
        );
    }

    #[test]
    fn a_bucket_cut_short_or_saying_the_impossible_is_invalid() {
        let text = serde_json::to_string(&bucket()).unwrap();
        for cut in [text.len() / 2, text.len() - 1, 1, 0] {
            assert!(invalid(read::<Bucket>(&text[..cut])), "cut at {cut}");
        }
        for text in ["null", "[]", "\"x\"", "{\"posts/b/\":null}"] {
            assert!(invalid(read::<Bucket>(text)), "{text}");
        }
        let json = serde_json::to_value(bucket()).unwrap();
        let (list, post) = (&json[""], &json["posts/b/"]);
        for (path, data) in [
            // Under another page's path, or a path that has no data.
            ("posts/a/", post),
            ("posts/b", post),
            ("page/2/", list),
            ("category/actus/", list),
            ("archive/", list),
            ("", post),
            ("posts/b/", list),
        ] {
            let text = serde_json::json!({ path: data }).to_string();
            assert!(invalid(read::<Bucket>(&text)), "{path}");
        }
        assert!(invalid(with(&bucket(), "//number", 0)));
        assert!(invalid(with(
            &bucket(),
            "/posts~1b~1/summary/date",
            "2009-02-30"
        )));
    }

    #[test]
    fn another_version_is_reported_as_such_whatever_its_shape() {
        let other = SCHEMA_VERSION + 1;
        let result = with(&manifest().index(), "/version", other);
        assert_eq!(result, Err(ReadError::Version(other)));
        // A later schema may have renamed or dropped every other field.
        assert_eq!(
            read::<Post>(r#"{"version":99,"body":{"blocks":[]}}"#),
            Err(ReadError::Version(99))
        );
        assert_eq!(
            read::<ListPage>(r#"{"version":1}"#),
            Err(ReadError::Version(1))
        );
    }

    #[test]
    fn embedded_data_of_another_version_is_reported_whichever_piece_says_so() {
        let data = page_data();
        assert_eq!(with(&data, "/version", 99), Err(ReadError::Version(99)));
        assert_eq!(with(&data, "/post/version", 1), Err(ReadError::Version(1)));
        let other = SCHEMA_VERSION + 1;
        assert_eq!(
            read::<EmbeddedPage>(&format!(
                r#"{{"version":{other},"index":{{}},"list":null}}"#
            )),
            Err(ReadError::Version(other))
        );
        // The page of an older Carnet, which embedded the index itself.
        assert_eq!(
            read::<EmbeddedPage>(r#"{"index":{"version":7},"list":null}"#).map(|_| ()),
            Err(ReadError::Invalid(
                "missing field `version` at line 1 column 35".to_owned()
            ))
        );
    }

    #[test]
    fn text_cut_short_or_not_json_is_invalid() {
        let text = serde_json::to_string(&page_data()).unwrap();
        for cut in [text.len() / 2, text.len() - 1, 1, 0] {
            assert!(invalid(read::<EmbeddedPage>(&text[..cut])), "cut at {cut}");
        }
        for text in ["<!doctype html><html></html>", "null", "[]", "\"x\"", "{}"] {
            assert!(invalid(read::<Index>(text)), "{text}");
        }
    }

    #[test]
    fn impossible_months_and_dates_are_invalid() {
        let index = manifest().index();
        assert!(invalid(with(&index, "/months/0/1", 13)));
        assert!(invalid(with(&index, "/months/0/1", 0)));
        assert!(invalid(with(&index, "/months/0/2", serde_json::json!([]))));
        let post = manifest().post_at(0, "");
        assert!(invalid(with(&post, "/summary/date", "2009-02-30")));
    }

    #[test]
    fn tag_counts_need_not_add_up_but_must_be_possible() {
        let mut tagged = summary("a", "2009-10-06", "actus");
        tagged.tags = vec![crate::model::Tag {
            slug: "web".into(),
            name: "Web".into(),
        }];
        let index = Manifest::new(manifest().site, vec![tagged]).index();
        assert_eq!(
            read::<Index>(&serde_json::to_string(&index).unwrap()),
            Ok(index.clone())
        );
        assert!(invalid(with(&index, "/tags/0/count", 0)));
        assert!(invalid(with(&index, "/tags/0/count", 2)));
        let mut two = Manifest::new(
            manifest().site,
            vec![
                summary("a", "2009-10-06", "actus"),
                summary("b", "2009-10-07", "actus"),
            ],
        )
        .index();
        two.tags = index.tags.clone();
        assert!(read::<Index>(&serde_json::to_string(&two).unwrap()).is_ok());
    }

    #[test]
    fn counts_must_be_possible_and_add_up() {
        let index = manifest().index();
        assert!(invalid(with(&index, "/categories/0/count", -1)));
        assert!(invalid(with(&index, "/months/0/2/0", 0)));
        assert!(invalid(with(&index, "/categories/0/count", u64::MAX)));
        assert!(invalid(with(&index, "/categories/0/count", 9)));
        assert!(invalid(with(&index, "/total", 4)));
        assert!(invalid(with(&index, "/total", -3)));
        assert!(invalid(with(&index, "/buckets", 0)));
        // Counts that would overflow once added up.
        let mut huge = index.clone();
        huge.total = usize::MAX;
        for entry in &mut huge.categories {
            entry.count = usize::MAX;
        }
        huge.months = vec![MonthCount {
            month: YearMonth::new(2009, 1).unwrap(),
            count: usize::MAX,
        }];
        assert!(invalid(read::<Index>(
            &serde_json::to_string(&huge).unwrap()
        )));
    }

    #[test]
    fn list_pages_are_numbered_from_one_and_hold_at_most_the_most_a_page_may_show() {
        let page = list_page();
        assert!(invalid(with(&page, "/number", 0)));
        assert!(invalid(with(&page, "/number", -2)));
        let mut crowded = page.clone();
        crowded.posts = vec![page.posts[0].clone(); MAX_POSTS_PER_PAGE + 1];
        assert!(invalid(read::<ListPage>(
            &serde_json::to_string(&crowded).unwrap()
        )));
    }

    #[test]
    fn a_page_embedding_an_invalid_piece_is_invalid() {
        assert!(invalid(with(&page_data(), "/index", "0123")));
        assert!(invalid(with(&page_data(), "/index", "0123456789abcdeg")));
        assert!(with(&page_data(), "/index", "0123456789abcdef").is_ok());
        assert!(invalid(with(
            &page_data(),
            "/post/summary/date",
            "2009-02-30"
        )));
        let mut with_list = page_data();
        with_list.list = Some(list_page());
        assert!(invalid(with(&with_list, "/list/number", 0)));
    }
}
