//! Archives: ordering posts, counting them by category, tag and month, cutting the lists into
//! pages and the blog into the pieces a browser loads.
//!
//! The content tool builds a [`Manifest`] with [`Manifest::new`], which fixes the order and the
//! counts once, then asks it for the [`Index`], every [`ListPage`] and every [`Post`]; the app
//! asks the [`Index`] what lists exist and how long they are. Order is total and deterministic:
//! newest date first, then slug, so two builds of the same content give the same bytes.

use crate::date::YearMonth;
use crate::model::bucket_count;
use crate::model::{
    CategoryCount, Index, List, ListPage, Manifest, MonthCount, Post, PostLink, PostSummary, Site,
    TagCount, SCHEMA_VERSION,
};
use std::collections::{BTreeMap, HashMap};

/// How many posts a list page shows unless `site.toml` says otherwise.
pub const DEFAULT_POSTS_PER_PAGE: usize = 10;

/// The most posts a list page may show: more would make a page slow to load.
pub const MAX_POSTS_PER_PAGE: usize = 100;

/// How many of the newest posts the index names (for the sidebar).
pub const RECENT_POSTS: usize = 5;

/// How many pages a list of `total` posts takes at `per_page` posts a page: at least 1, even
/// empty.
pub fn page_count(total: usize, per_page: usize) -> usize {
    total.div_ceil(per_page.max(1)).max(1)
}

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

impl Manifest {
    /// The manifest of `posts`: sorts them newest first, the posts of one day in the order
    /// given (the content tool gives them by their time, then slug), and counts categories,
    /// tags and months. A post's tags are expected to have distinct slugs (the content tool sees
    /// to it).
    pub fn new(site: Site, mut posts: Vec<PostSummary>) -> Manifest {
        posts.sort_by_key(|post| std::cmp::Reverse(post.date));

        let mut categories = BTreeMap::new();
        let mut tags = BTreeMap::new();
        let mut months = BTreeMap::new();
        for post in &posts {
            *categories.entry(&post.category).or_insert(0) += 1;
            for tag in &post.tags {
                *tags.entry(tag).or_insert(0) += 1;
            }
            *months.entry(post.date.year_month()).or_insert(0) += 1;
        }
        let mut tags: Vec<TagCount> = tags
            .into_iter()
            .map(|(tag, count)| TagCount {
                tag: tag.clone(),
                count,
            })
            .collect();
        tags.sort_by(|a, b| {
            collation_key(&a.tag.name)
                .cmp(&collation_key(&b.tag.name))
                .then_with(|| a.tag.slug.cmp(&b.tag.slug))
        });
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
            site,
            posts,
            categories,
            tags,
            months,
        }
    }

    /// What every page loads first.
    pub fn index(&self) -> Index {
        let mut index = Index {
            version: SCHEMA_VERSION,
            site: self.site.clone(),
            total: self.posts.len(),
            buckets: 1,
            recent: self
                .posts
                .iter()
                .take(RECENT_POSTS)
                .map(PostLink::from)
                .collect(),
            categories: self.categories.clone(),
            tags: self.tags.clone(),
            months: self.months.clone(),
        };
        index.buckets = bucket_count(index.data_pages());
        index
    }

    /// Every list with its posts, newest first: the home list, then each category's, then each
    /// month's, then each tag's, in the index's order.
    pub fn lists(&self) -> Vec<(List, Vec<&PostSummary>)> {
        let mut by_category: HashMap<&str, Vec<&PostSummary>> = HashMap::new();
        let mut by_tag: HashMap<&str, Vec<&PostSummary>> = HashMap::new();
        let mut by_month: HashMap<YearMonth, Vec<&PostSummary>> = HashMap::new();
        for post in &self.posts {
            by_category
                .entry(&post.category.slug)
                .or_default()
                .push(post);
            for tag in &post.tags {
                by_tag.entry(&tag.slug).or_default().push(post);
            }
            by_month
                .entry(post.date.year_month())
                .or_default()
                .push(post);
        }
        let mut lists = vec![(List::Home, self.posts.iter().collect())];
        for entry in &self.categories {
            let slug = &entry.category.slug;
            let posts = by_category.remove(slug.as_str()).unwrap_or_default();
            lists.push((List::Category(slug.clone()), posts));
        }
        for entry in &self.months {
            let posts = by_month.remove(&entry.month).unwrap_or_default();
            lists.push((List::Month(entry.month), posts));
        }
        for entry in &self.tags {
            let slug = &entry.tag.slug;
            let posts = by_tag.remove(slug.as_str()).unwrap_or_default();
            lists.push((List::Tag(slug.clone()), posts));
        }
        lists
    }

    /// The post at `position` in [`Manifest::posts`], with its body `markdown`.
    pub fn post_at(&self, position: usize, markdown: &str) -> Post {
        let link = |i: usize| self.posts.get(i).map(PostLink::from);
        Post {
            version: SCHEMA_VERSION,
            summary: self.posts[position].clone(),
            markdown: markdown.to_owned(),
            older: link(position + 1),
            newer: position.checked_sub(1).and_then(link),
            related: Vec::new(),
            code: Vec::new(),
            images: Vec::new(),
            image: None,
        }
    }
}

/// Cuts `posts`, the whole of `list` in order, into its pages of `per_page` posts, one at a
/// time; an empty list still has its first page.
pub fn list_pages<'a>(
    list: List,
    posts: Vec<&'a PostSummary>,
    per_page: usize,
) -> impl Iterator<Item = ListPage> + 'a {
    (1..=page_count(posts.len(), per_page)).map(move |number| ListPage {
        version: SCHEMA_VERSION,
        list: list.clone(),
        number,
        posts: posts
            .iter()
            .skip((number - 1) * per_page)
            .take(per_page)
            .map(|post| (*post).clone())
            .collect(),
    })
}

impl Index {
    /// The category named `slug`, with its count.
    pub fn category(&self, slug: &str) -> Option<&CategoryCount> {
        self.categories
            .iter()
            .find(|entry| entry.category.slug == slug)
    }

    /// The tag named `slug`, with its count.
    pub fn tag(&self, slug: &str) -> Option<&TagCount> {
        self.tags.iter().find(|entry| entry.tag.slug == slug)
    }

    /// The month `month` with its count, if it has posts.
    pub fn month(&self, month: YearMonth) -> Option<&MonthCount> {
        self.months.iter().find(|entry| entry.month == month)
    }

    /// How many posts `list` holds; none if the blog has no such list.
    pub fn count(&self, list: &List) -> Option<usize> {
        match list {
            List::Home => Some(self.total),
            List::Category(slug) => self.category(slug).map(|entry| entry.count),
            List::Tag(slug) => self.tag(slug).map(|entry| entry.count),
            List::Month(month) => self.month(*month).map(|entry| entry.count),
        }
    }

    /// How many pages have data (in a [`crate::model::Bucket`]): every page of every list
    /// (the home page, each category, month and tag) and every post.
    pub fn data_pages(&self) -> usize {
        let per_page = self.site.posts_per_page;
        let lists = self
            .categories
            .iter()
            .map(|entry| entry.count)
            .chain(self.months.iter().map(|entry| entry.count))
            .chain(self.tags.iter().map(|entry| entry.count))
            .map(|count| page_count(count, per_page))
            .sum::<usize>();
        page_count(self.total, per_page) + lists + self.total
    }

    /// Whether `list` exists and has a page `number` (from 1).
    pub fn has_page(&self, list: &List, number: usize) -> bool {
        self.count(list).is_some_and(|count| {
            (1..=page_count(count, self.site.posts_per_page)).contains(&number)
        })
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
            updated: None,
            category: Category {
                slug: crate::slug::slugify(category),
                name: category.into(),
            },
            tags: Vec::new(),
            author: "admin".into(),
            excerpt: String::new(),
            words: 0,
            draft: false,
        }
    }

    fn site() -> Site {
        Site {
            title: "Carnet".into(),
            description: String::new(),
            url: "https://example.org/".into(),
            language: crate::model::Language::French,
            posts_per_page: 10,
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
    fn posts_are_newest_first_a_days_in_the_order_given() {
        let manifest = Manifest::new(
            site(),
            vec![
                post("b", "2009-03-10", "x"),
                post("old", "2008-12-31", "x"),
                post("a", "2009-03-10", "x"),
                post("new", "2010-01-01", "x"),
            ],
        );
        assert_eq!(slugs(manifest.posts.iter()), ["new", "b", "a", "old"]);
    }

    /// The slugs of `list`'s posts in `manifest`.
    fn list<'a>(manifest: &'a Manifest, list: &List) -> Vec<&'a str> {
        let lists = manifest.lists();
        let (_, posts) = lists.into_iter().find(|(l, _)| l == list).unwrap();
        posts.into_iter().map(|p| p.slug.as_str()).collect()
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
        let index = manifest.index();
        assert_eq!(index.category("usages").map(|c| c.count), Some(2));
        assert_eq!(
            list(&manifest, &List::Category("usages".into())),
            ["4", "1"]
        );
        assert!(index.category("nope").is_none());
    }

    /// `post` carrying the tags `names`.
    fn tagged(mut post: PostSummary, names: &[&str]) -> PostSummary {
        post.tags = names
            .iter()
            .map(|name| crate::model::Tag {
                slug: crate::slug::slugify(name),
                name: (*name).into(),
            })
            .collect();
        post
    }

    #[test]
    fn tags_are_counted_sorted_by_name_and_listed_in_pages() {
        let mut posts: Vec<PostSummary> = (1..=12)
            .map(|i| tagged(post(&format!("p{i:02}"), "2009-01-01", "x"), &["Web"]))
            .collect();
        posts.push(tagged(post("a", "2009-02-01", "x"), &["Éthique", "Web"]));
        posts.push(post("b", "2009-03-01", "x"));
        let manifest = Manifest::new(site(), posts);
        let counts: Vec<(&str, &str, usize)> = manifest
            .tags
            .iter()
            .map(|t| (t.tag.name.as_str(), t.tag.slug.as_str(), t.count))
            .collect();
        assert_eq!(counts, [("Éthique", "ethique", 1), ("Web", "web", 13)]);
        let index = manifest.index();
        assert_eq!(index.tags, manifest.tags);
        let web = List::Tag("web".into());
        assert_eq!(index.count(&web), Some(13));
        assert!(index.has_page(&web, 2) && !index.has_page(&web, 3));
        assert_eq!(index.count(&List::Tag("nope".into())), None);
        // The tag lists come after the months', in the index's order; untagged posts in none.
        let lists = manifest.lists();
        let tag_lists: Vec<&List> = lists
            .iter()
            .map(|(list, _)| list)
            .filter(|list| matches!(list, List::Tag(_)))
            .collect();
        assert_eq!(tag_lists, [&List::Tag("ethique".into()), &web], "{lists:?}");
        assert!(matches!(lists.last(), Some((List::Tag(_), _))));
        let web_posts = list(&manifest, &web);
        assert_eq!(web_posts.len(), 13);
        assert_eq!(web_posts[0], "a");
        assert!(!web_posts.contains(&"b"));
        let (_, posts) = lists.into_iter().find(|(l, _)| *l == web).unwrap();
        let pages: Vec<ListPage> = list_pages(web.clone(), posts, 10).collect();
        assert_eq!(pages.len(), 2);
        assert_eq!((pages[1].number, pages[1].posts.len()), (2, 3));
        assert_eq!(pages[1].list, web);
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

        let index = manifest.index();
        let years = index.years();
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
        assert_eq!(index.month(october).map(|m| m.count), Some(2));
        assert_eq!(list(&manifest, &List::Month(october)), ["b", "a"]);
        assert!(index.month(YearMonth::new(2009, 11).unwrap()).is_none());
    }

    #[test]
    fn the_index_is_small_and_names_the_newest_posts() {
        let posts = (0..40)
            .map(|i| post(&format!("p{i:02}"), "2009-01-01", "x"))
            .collect();
        let index = Manifest::new(site(), posts).index();
        assert_eq!(index.total, 40);
        let recent: Vec<&str> = index.recent.iter().map(|p| p.slug.as_str()).collect();
        assert_eq!(recent, ["p00", "p01", "p02", "p03", "p04"]);
        assert_eq!(index.version, SCHEMA_VERSION);
    }

    #[test]
    fn neighbours_follow_publication_order() {
        let manifest = seed();
        let slugs: Vec<&str> = manifest.posts.iter().map(|p| p.slug.as_str()).collect();
        assert_eq!(slugs, ["cm", "business", "b2b"]);
        let link = |link: Option<PostLink>| link.map(|l| l.slug);
        let newest = manifest.post_at(0, "");
        assert_eq!(
            (link(newest.older), link(newest.newer)),
            (Some("business".into()), None)
        );
        let middle = manifest.post_at(1, "Texte\n");
        assert_eq!(middle.summary.slug, "business");
        assert_eq!(middle.markdown, "Texte\n");
        assert_eq!(
            (link(middle.older), link(middle.newer)),
            (Some("b2b".into()), Some("cm".into()))
        );
        let oldest = manifest.post_at(2, "");
        assert_eq!(
            (link(oldest.older), link(oldest.newer)),
            (None, Some("business".into()))
        );
    }

    #[test]
    fn lists_are_cut_into_pages_of_ten() {
        let posts: Vec<PostSummary> = (1..=25)
            .map(|i| post(&format!("p{i:02}"), "2009-01-01", "x"))
            .collect();
        assert_eq!(
            (
                page_count(0, 10),
                page_count(10, 10),
                page_count(11, 10),
                page_count(25, 10)
            ),
            (1, 1, 2, 3)
        );
        let refs: Vec<&PostSummary> = posts.iter().collect();
        let pages: Vec<_> = list_pages(List::Home, refs, DEFAULT_POSTS_PER_PAGE).collect();
        assert_eq!(pages.len(), 3);
        assert_eq!((pages[0].posts.len(), pages[0].number), (10, 1));
        assert_eq!(pages[0].posts[0].slug, "p01");
        assert_eq!(
            slugs(pages[2].posts.iter()),
            ["p21", "p22", "p23", "p24", "p25"]
        );
        let empty: Vec<_> = list_pages(List::Home, Vec::new(), DEFAULT_POSTS_PER_PAGE).collect();
        assert_eq!((empty.len(), empty[0].posts.len()), (1, 0));

        let index = Manifest::new(site(), posts).index();
        assert!(index.has_page(&List::Home, 1) && index.has_page(&List::Home, 3));
        assert!(!index.has_page(&List::Home, 0) && !index.has_page(&List::Home, 4));
        assert!(index.has_page(&List::Category("x".into()), 2));
        assert!(!index.has_page(&List::Category("y".into()), 1));
    }

    #[test]
    fn the_same_posts_in_any_order_give_the_same_manifest() {
        let mut posts = seed().posts;
        posts.reverse();
        assert_eq!(Manifest::new(site(), posts), seed());
    }
}
