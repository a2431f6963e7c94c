//! Archives: ordering posts, counting them by category and month, and finding neighbours.
//!
//! The content tool builds a [`Manifest`] with [`Manifest::new`], which fixes the order and the
//! counts once; the app only asks it questions. Order is total and deterministic: newest date
//! first, then slug, so two builds of the same content give the same bytes.

use crate::date::YearMonth;
use crate::model::{CategoryCount, Manifest, MonthCount, PostSummary, Site, SCHEMA_VERSION};
use std::collections::BTreeMap;

/// The months of one year that have posts, for the archive page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearArchive {
    /// The year.
    pub year: u16,
    /// Posts in the whole year.
    pub count: usize,
    /// Its months with posts, newest first.
    pub months: Vec<MonthCount>,
}

/// How many posts a list page shows.
pub const POSTS_PER_PAGE: usize = 10;

/// One page of a list of posts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListPage<'a> {
    /// The posts on this page, in the list's order.
    pub posts: Vec<&'a PostSummary>,
    /// This page's number, from 1.
    pub number: usize,
    /// How many pages the list has, at least 1.
    pub count: usize,
}

/// How many pages a list of `total` posts takes: at least 1, even empty.
pub fn page_count(total: usize) -> usize {
    total.div_ceil(POSTS_PER_PAGE).max(1)
}

/// Page `number` (from 1) of `posts`, a list of `total` posts; none if there is no such page.
pub fn list_page<'a>(
    posts: impl Iterator<Item = &'a PostSummary>,
    total: usize,
    number: usize,
) -> Option<ListPage<'a>> {
    let count = page_count(total);
    if number == 0 || number > count {
        return None;
    }
    let posts = posts
        .skip((number - 1) * POSTS_PER_PAGE)
        .take(POSTS_PER_PAGE)
        .collect();
    Some(ListPage {
        posts,
        number,
        count,
    })
}

/// A post's neighbours in time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Neighbours<'a> {
    /// The post published just before, if any.
    pub older: Option<&'a PostSummary>,
    /// The post published just after, if any.
    pub newer: Option<&'a PostSummary>,
}

impl Manifest {
    /// The manifest of `posts`, in any order: sorts them and counts categories and months.
    pub fn new(site: Site, mut posts: Vec<PostSummary>) -> Manifest {
        posts.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));

        let mut categories = BTreeMap::new();
        let mut months = BTreeMap::new();
        for post in &posts {
            *categories.entry(&post.category).or_insert(0) += 1;
            *months.entry(post.date.year_month()).or_insert(0) += 1;
        }
        let mut categories: Vec<CategoryCount> = categories
            .into_iter()
            .map(|(category, count)| CategoryCount {
                category: category.clone(),
                count,
            })
            .collect();
        categories.sort_by(|a, b| {
            collation_key(&a.category.name)
                .cmp(&collation_key(&b.category.name))
                .then_with(|| a.category.slug.cmp(&b.category.slug))
        });
        let months = months
            .into_iter()
            .rev()
            .map(|(month, count)| MonthCount { month, count })
            .collect();

        Manifest {
            version: SCHEMA_VERSION,
            site,
            posts,
            categories,
            months,
        }
    }

    /// The post named `slug`.
    pub fn post(&self, slug: &str) -> Option<&PostSummary> {
        self.posts.iter().find(|post| post.slug == slug)
    }

    /// The posts just before and after the post named `slug`.
    pub fn neighbours(&self, slug: &str) -> Neighbours<'_> {
        let index = self.posts.iter().position(|post| post.slug == slug);
        Neighbours {
            older: index.and_then(|i| self.posts.get(i + 1)),
            newer: index.and_then(|i| i.checked_sub(1)).map(|i| &self.posts[i]),
        }
    }

    /// The category named `slug`, with its count.
    pub fn category(&self, slug: &str) -> Option<&CategoryCount> {
        self.categories
            .iter()
            .find(|entry| entry.category.slug == slug)
    }

    /// The posts of the category named `slug`, newest first.
    pub fn posts_in_category<'a>(
        &'a self,
        slug: &'a str,
    ) -> impl Iterator<Item = &'a PostSummary> + 'a {
        self.posts
            .iter()
            .filter(move |post| post.category.slug == slug)
    }

    /// The month `month` with its count, if it has posts.
    pub fn month(&self, month: YearMonth) -> Option<&MonthCount> {
        self.months.iter().find(|entry| entry.month == month)
    }

    /// The posts published in `month`, newest first.
    pub fn posts_in_month(&self, month: YearMonth) -> impl Iterator<Item = &PostSummary> + '_ {
        self.posts
            .iter()
            .filter(move |post| post.date.year_month() == month)
    }

    /// The months with posts grouped by year, newest first.
    pub fn years(&self) -> Vec<YearArchive> {
        let mut years: Vec<YearArchive> = Vec::new();
        for entry in &self.months {
            match years.last_mut() {
                Some(year) if year.year == entry.month.year => {
                    year.count += entry.count;
                    year.months.push(*entry);
                }
                _ => years.push(YearArchive {
                    year: entry.month.year,
                    count: entry.count,
                    months: vec![*entry],
                }),
            }
        }
        years
    }
}

/// How names sort for a French reader: accents do not move a word to the end of the list.
fn collation_key(name: &str) -> String {
    crate::slug::slugify(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Category;

    fn post(slug: &str, date: &str, category: &str) -> PostSummary {
        PostSummary {
            slug: slug.into(),
            title: slug.to_uppercase(),
            date: date.parse().unwrap(),
            category: Category {
                slug: crate::slug::slugify(category),
                name: category.into(),
            },
            author: "admin".into(),
            excerpt: String::new(),
        }
    }

    fn site() -> Site {
        Site {
            title: "Carnet".into(),
            description: String::new(),
            url: "https://example.org/".into(),
        }
    }

    fn seed() -> Manifest {
        Manifest::new(
            site(),
            vec![
                post("b2b", "2009-01-07", "Réseaux sociaux"),
                post("cm", "2009-10-06", "Actus"),
                post("business", "2009-03-10", "Usages"),
            ],
        )
    }

    fn slugs<'a>(posts: impl Iterator<Item = &'a PostSummary>) -> Vec<&'a str> {
        posts.map(|p| p.slug.as_str()).collect()
    }

    #[test]
    fn posts_are_newest_first_then_by_slug() {
        let manifest = Manifest::new(
            site(),
            vec![
                post("b", "2009-03-10", "x"),
                post("old", "2008-12-31", "x"),
                post("a", "2009-03-10", "x"),
                post("new", "2010-01-01", "x"),
            ],
        );
        assert_eq!(slugs(manifest.posts.iter()), ["new", "a", "b", "old"]);
    }

    #[test]
    fn categories_are_counted_and_sorted_by_name_ignoring_accents() {
        let manifest = Manifest::new(
            site(),
            vec![
                post("1", "2009-01-01", "Usages"),
                post("2", "2009-01-02", "Éditos"),
                post("3", "2009-01-03", "Actus"),
                post("4", "2009-01-04", "Usages"),
            ],
        );
        let counts: Vec<(&str, usize)> = manifest
            .categories
            .iter()
            .map(|c| (c.category.name.as_str(), c.count))
            .collect();
        assert_eq!(counts, [("Actus", 1), ("Éditos", 1), ("Usages", 2)]);
        assert_eq!(manifest.category("usages").map(|c| c.count), Some(2));
        assert_eq!(slugs(manifest.posts_in_category("usages")), ["4", "1"]);
        assert!(manifest.category("nope").is_none());
    }

    #[test]
    fn months_are_counted_newest_first_and_grouped_by_year() {
        let manifest = Manifest::new(
            site(),
            vec![
                post("a", "2009-10-06", "x"),
                post("b", "2009-10-20", "x"),
                post("c", "2009-03-10", "x"),
                post("d", "2008-12-01", "x"),
            ],
        );
        let months: Vec<(u16, u8, usize)> = manifest
            .months
            .iter()
            .map(|m| (m.month.year, m.month.month, m.count))
            .collect();
        assert_eq!(months, [(2009, 10, 2), (2009, 3, 1), (2008, 12, 1)]);

        let years = manifest.years();
        assert_eq!(years.len(), 2);
        assert_eq!(
            (years[0].year, years[0].count, years[0].months.len()),
            (2009, 3, 2)
        );
        assert_eq!(
            (years[1].year, years[1].count, years[1].months.len()),
            (2008, 1, 1)
        );

        let october = YearMonth::new(2009, 10).unwrap();
        assert_eq!(manifest.month(october).map(|m| m.count), Some(2));
        assert_eq!(slugs(manifest.posts_in_month(october)), ["b", "a"]);
        assert!(manifest.month(YearMonth::new(2009, 11).unwrap()).is_none());
    }

    #[test]
    fn neighbours_follow_publication_order() {
        let manifest = seed();
        let n = manifest.neighbours("business");
        assert_eq!(n.older.map(|p| p.slug.as_str()), Some("b2b"));
        assert_eq!(n.newer.map(|p| p.slug.as_str()), Some("cm"));
        let newest = manifest.neighbours("cm");
        assert_eq!(
            (newest.older.map(|p| p.slug.as_str()), newest.newer),
            (Some("business"), None)
        );
        let oldest = manifest.neighbours("b2b");
        assert_eq!(
            (oldest.older, oldest.newer.map(|p| p.slug.as_str())),
            (None, Some("business"))
        );
        assert_eq!(
            manifest.neighbours("missing"),
            Neighbours {
                older: None,
                newer: None
            }
        );
    }

    #[test]
    fn lists_are_cut_into_pages_of_ten() {
        let posts: Vec<PostSummary> = (1..=25)
            .map(|i| post(&format!("p{i:02}"), "2009-01-01", "x"))
            .collect();
        assert_eq!(
            (
                page_count(0),
                page_count(10),
                page_count(11),
                page_count(25)
            ),
            (1, 1, 2, 3)
        );
        let page = |n| list_page(posts.iter(), posts.len(), n);
        let first = page(1).unwrap();
        assert_eq!((first.posts.len(), first.number, first.count), (10, 1, 3));
        assert_eq!(first.posts[0].slug, "p01");
        let last = page(3).unwrap();
        assert_eq!(
            slugs(last.posts.into_iter()),
            ["p21", "p22", "p23", "p24", "p25"]
        );
        assert!(page(0).is_none());
        assert!(page(4).is_none());
        let empty: Vec<PostSummary> = Vec::new();
        assert_eq!(list_page(empty.iter(), 0, 1).map(|p| p.count), Some(1));
    }

    #[test]
    fn the_same_posts_in_any_order_give_the_same_manifest() {
        let mut posts = seed().posts;
        posts.reverse();
        assert_eq!(Manifest::new(site(), posts), seed());
    }
}
