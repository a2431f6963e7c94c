//! The posts a post's page suggests after it (« À lire aussi »): those that share most of its
//! tags, then its category, the nearest in time first, as Hugo's related content and
//! WordPress's related posts do. Worked out by the content tool, for every post at once.

use crate::model::PostSummary;
use std::collections::HashMap;

/// How many posts a page suggests, at most.
pub const SUGGESTED: usize = 3;

/// What a shared tag weighs against a shared category: a tag says more of what a post is about.
const TAG_WEIGHT: u32 = 2;

/// How many posts on each side of a post, in the time order of a category's or a tag's list,
/// are weighed against it for that category or tag: so that a post is weighed against a few
/// hundred others at most, not every post of a category of 10,000 (a rare tag's whole list
/// is within reach; a common one's nearest posts are those that win its ties anyway).
const REACH: usize = 32;

/// For each of `posts` (newest first, as the manifest holds them), the positions of the posts
/// its page suggests, best first: each weighed by the tags it shares with it and whether it
/// has its category, ties going to the nearest in time, then to the newer. The candidates are
/// the [`REACH`] nearest in each list the post is in (a rare tag's whole list), each then
/// weighed on all it shares. Never the post itself nor its neighbours, which its page links to
/// already; none that shares nothing.
pub fn suggested(posts: &[PostSummary]) -> Vec<Vec<usize>> {
    // Who has which category and which tag: a post is weighed only against those sharing one.
    let mut sharing: HashMap<(bool, &str), Vec<usize>> = HashMap::new();
    for (at, post) in posts.iter().enumerate() {
        for term in terms(post) {
            sharing.entry(term).or_default().push(at);
        }
    }
    let mut candidates: Vec<usize> = Vec::new();
    posts
        .iter()
        .enumerate()
        .map(|(at, post)| {
            candidates.clear();
            for term in terms(post) {
                // The list is in the manifest's order, newest first, and holds the post.
                let list = &sharing[&term];
                let Ok(here) = list.binary_search(&at) else {
                    continue;
                };
                let near = &list[here.saturating_sub(REACH)..(here + REACH + 1).min(list.len())];
                candidates.extend_from_slice(near);
            }
            candidates.sort_unstable();
            candidates.dedup();
            let weights = candidates
                .iter()
                .map(|&other| (other, weight(post, &posts[other])));
            let day = post.date.days_since_epoch();
            let neighbour = |other: usize| other == at || other + 1 == at || other == at + 1;
            // Best first: the heaviest, then the nearest in time, then the newer.
            let rank = |&(other, weight): &(usize, u32)| {
                let apart = posts[other].date.days_since_epoch().abs_diff(day);
                (std::cmp::Reverse(weight), apart, other)
            };
            let mut best: Vec<(usize, u32)> = Vec::with_capacity(SUGGESTED + 1);
            for candidate in weights {
                if neighbour(candidate.0) {
                    continue;
                }
                let place = best.partition_point(|kept| rank(kept) < rank(&candidate));
                if place < SUGGESTED {
                    best.insert(place, candidate);
                    best.truncate(SUGGESTED);
                }
            }
            best.into_iter().map(|(other, _)| other).collect()
        })
        .collect()
}

/// What `other` shares with `post`: [`TAG_WEIGHT`] a tag, one for the category.
fn weight(post: &PostSummary, other: &PostSummary) -> u32 {
    let tags = (post.tags.iter())
        .filter(|tag| other.tags.iter().any(|theirs| theirs.slug == tag.slug))
        .count() as u32;
    tags * TAG_WEIGHT + u32::from(post.category.slug == other.category.slug)
}

/// A post's category and tags, each as `(is a tag, slug)`.
fn terms(post: &PostSummary) -> impl Iterator<Item = (bool, &str)> {
    std::iter::once((false, post.category.slug.as_str()))
        .chain(post.tags.iter().map(|tag| (true, tag.slug.as_str())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Category, Tag};

    fn post(slug: &str, date: &str, category: &str, tags: &[&str]) -> PostSummary {
        let term = |name: &str| (crate::slug::slugify(name), name.to_owned());
        PostSummary {
            slug: slug.into(),
            title: slug.into(),
            date: date.parse().unwrap(),
            updated: None,
            category: {
                let (slug, name) = term(category);
                Category { slug, name }
            },
            tags: (tags.iter())
                .map(|tag| {
                    let (slug, name) = term(tag);
                    Tag { slug, name }
                })
                .collect(),
            author: "admin".into(),
            excerpt: String::new(),
            words: 0,
            draft: false,
        }
    }

    /// The slugs suggested for each post.
    fn slugs(posts: &[PostSummary]) -> Vec<Vec<&str>> {
        suggested(posts)
            .into_iter()
            .map(|list| list.into_iter().map(|at| posts[at].slug.as_str()).collect())
            .collect()
    }

    #[test]
    fn shared_tags_weigh_more_than_the_category_then_the_nearest_in_time_comes_first() {
        let posts = [
            post("g", "2024-07-01", "Web", &[]),
            post("f", "2024-06-01", "Web", &["Rust", "Wasm"]),
            post("e", "2024-05-01", "Voyages", &[]),
            post("d", "2024-04-01", "Voyages", &[]),
            post("c", "2024-03-01", "Web", &["Rust"]),
            post("b", "2024-02-01", "Voyages", &["Rust", "Wasm"]),
            post("a", "2024-01-01", "Web", &[]),
        ];
        let suggested = slugs(&posts);
        // « f »: « b » shares two tags (4), « c » a tag and the category (3), « a » the
        // category (1); « g » is its neighbour, linked already.
        assert_eq!(suggested[1], ["b", "c", "a"]);
        // « d »: « b » alone shares its category (« e », « c » are its neighbours).
        assert_eq!(suggested[3], ["b"]);
        // « a »: the category's posts, the nearest in time first, its neighbour « b » aside.
        assert_eq!(suggested[6], ["c", "f", "g"]);
    }

    #[test]
    fn a_big_category_is_weighed_near_each_post_and_a_rare_tag_across_it() {
        // 300 posts of one category, one a month apart; the first and the last share a tag.
        let day = |n: usize| format!("{}-{:02}-01", 2200 - n / 12, 12 - n % 12);
        let posts: Vec<PostSummary> = (0..300)
            .map(|n| {
                let tags: &[&str] = if n == 0 || n == 299 { &["Rare"] } else { &[] };
                post(&format!("p{n}"), &day(n), "Web", tags)
            })
            .collect();
        let suggested = suggested(&posts);
        // The rare tag's other post, however far; then the category's nearest.
        assert_eq!(suggested[0], [299, 2, 3]);
        assert_eq!(suggested[150], [148, 152, 147]);
    }

    #[test]
    fn a_candidate_is_weighed_on_all_it_shares_even_far_in_a_common_list() {
        // « p0 » and « p99 » share a rare tag, a common one and the category, 99 posts apart;
        // « p2 » is near and shares the common tag and the category.
        let day = |n: usize| format!("{}-{:02}-01", 2200 - n / 12, 12 - n % 12);
        let posts: Vec<PostSummary> = (0..100)
            .map(|n| {
                let tags: &[&str] = match n {
                    0 | 99 => &["Rare", "Commun"],
                    _ => &["Commun"],
                };
                post(&format!("p{n}"), &day(n), "Web", tags)
            })
            .collect();
        // 5 (two tags and the category) against 3 for the nearest.
        assert_eq!(suggested(&posts)[0], [99, 2, 3]);
    }

    #[test]
    fn a_post_that_shares_nothing_suggests_nothing() {
        let posts = [
            post("b", "2024-02-01", "Web", &[]),
            post("a", "2024-01-01", "Voyages", &["Rust"]),
        ];
        assert_eq!(slugs(&posts), [Vec::<&str>::new(), Vec::new()]);
        assert_eq!(suggested(&[]), Vec::<Vec<usize>>::new());
    }
}
