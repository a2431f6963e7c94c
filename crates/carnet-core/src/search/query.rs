//! Answering a query from the shards it needs: which posts hold every word, in which order,
//! and the passage each result shows.
//!
//! Every word of the query is required. The last one, unless followed by a space, is taken as
//! typed so far: it matches every word it starts (from two letters on: a single letter only
//! matches itself). Each word also matches every form of its stem, so « réseau » finds
//! « réseaux ». Posts rank by how many query words their title holds, then by BM25 (the weights
//! stored in the shards, summed), then the newer first. A word typed so far of two letters
//! filters without weighing: a reader who has typed « pa » has not said which of the hundreds
//! of words in pa… they mean, so those posts rank by their title, then the newer first (and
//! the list of a split prefix's posts needs no weight: a few bytes where it took a byte a post).

use super::index::{Posting, Shard};
use super::{shard_key, Analyzer, Card, Found, Meta, Piece, SHOWN, WITH_PASSAGE};
use rustc_hash::FxHashMap;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// How many words of the text a passage shows.
const PASSAGE_WORDS: usize = 24;
/// How many words a passage shows before its first match.
const LEAD_WORDS: usize = 4;

/// A query, read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
    /// Its words, in order.
    pub words: Vec<QueryWord>,
}

/// A word of a query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryWord {
    /// Folded.
    pub text: String,
    /// Its stem.
    pub stem: String,
    /// Whether it is being typed: it then matches every word it starts.
    pub prefix: bool,
}

/// A post that holds every word of a query.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The post's number.
    pub post: u32,
    /// How many words of the query its title holds.
    pub title_words: u32,
    /// Its BM25 score, × the weight scale.
    pub score: u32,
}

/// What the first `shown` results of a query still need: the files of
/// [`super::CARDS_PER_FILE`] posts holding their cards (as the first post of each, each once,
/// in order), and the posts [with a passage](with_passage) whose text is not known yet
/// (fetched once their card says where it is), but for what is already in `cards` and `texts`.
pub fn files_needed(
    hits: &Hits,
    cards: &HashMap<u32, Card>,
    texts: &HashMap<u32, String>,
    shown: usize,
) -> (Vec<usize>, Vec<u32>) {
    let per_file = super::CARDS_PER_FILE;
    let shown = || hits.ranked.iter().take(shown).map(|hit| hit.post);
    let mut card_files: Vec<usize> = shown()
        .filter(|post| !cards.contains_key(post))
        .map(|post| post as usize / per_file * per_file)
        .collect();
    card_files.sort_unstable();
    card_files.dedup();
    let text_posts = shown()
        .enumerate()
        .filter(|&(rank, post)| with_passage(rank) && !texts.contains_key(&post))
        .map(|(_, post)| post)
        .collect();
    (card_files, text_posts)
}

/// Whether the result at `rank` (from 0) shows a passage: the first [`WITH_PASSAGE`] of each
/// [`SHOWN`] the reader sees at a time.
pub fn with_passage(rank: usize) -> bool {
    rank % SHOWN < WITH_PASSAGE
}

/// What a query found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hits {
    /// The first posts found, as many as asked, best first.
    pub ranked: Vec<Hit>,
    /// How many posts were found.
    pub total: usize,
    /// The stems the query's words matched, to mark them in passages.
    pub stems: BTreeSet<String>,
    /// The prefixes the query's words matched as a whole (a [split](Meta::split) prefix
    /// typed alone), whose words are marked too.
    pub prefixes: BTreeSet<String>,
}

impl Analyzer {
    /// Reads a query as typed.
    pub fn query(&self, typed: &str) -> Query {
        let words = self.words(typed);
        let last = words.len().saturating_sub(1);
        let words = words
            .into_iter()
            .enumerate()
            .map(|(at, word)| QueryWord {
                stem: self.stem(&word.text),
                prefix: at == last && word.end == typed.len() && word.text.chars().count() >= 2,
                text: word.text,
            })
            .collect();
        Query { words }
    }
}

impl Query {
    /// Whether it has no words (nothing to look for).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The keys of the shards it needs, in an index described by `meta`: each word's, and its
    /// stem's.
    pub fn shard_keys(&self, meta: &Meta) -> BTreeSet<String> {
        self.words
            .iter()
            .flat_map(|word| [meta.shard_of(&word.text), meta.shard_of(&word.stem)])
            .map(str::to_owned)
            .collect()
    }

    /// The posts holding every word, the best `shown` of them ranked, from `shards` of the
    /// index `meta` describes (by key; a missing key has no words).
    pub fn rank(&self, meta: &Meta, shards: &BTreeMap<String, Shard>, shown: usize) -> Hits {
        let mut stems = BTreeSet::new();
        let mut prefixes = BTreeSet::new();
        let mut found: Option<Vec<Hit>> = None;
        for word in &self.words {
            let key = meta.shard_of(&word.text);
            let Some(shard) = shards.get(key) else {
                return Hits::default();
            };
            let lists: Vec<&[Posting]> = if word.prefix && !shard.prefix.is_empty() {
                // The whole of a split prefix: its shard lists its posts.
                prefixes.insert(word.text.clone());
                vec![&shard.prefix]
            } else {
                let stem_shard = shards.get(meta.shard_of(&word.stem));
                let matching = word.matching_stems(shard, stem_shard);
                stems.extend(matching.keys().map(|stem| (*stem).to_owned()));
                matching.into_values().collect()
            };
            let weighed = !(word.prefix && word.text.chars().count() == 2);
            let hits = best_per_post(&lists, meta.posts, weighed);
            found = Some(match found {
                None => hits,
                Some(previous) => intersect(&previous, &hits),
            });
        }
        let mut ranked = found.unwrap_or_default();
        let total = ranked.len();
        keep_best(&mut ranked, shown);
        Hits {
            ranked,
            total,
            stems,
            prefixes,
        }
    }
}

impl QueryWord {
    /// The stems this word matches, with their postings: its own stem, looked up in
    /// `stem_shard` (the shard its spelling leads to), and the stems of the words of `shard`
    /// spelled like it or, while typed, starting with it.
    fn matching_stems<'a>(
        &self,
        shard: &'a Shard,
        stem_shard: Option<&'a Shard>,
    ) -> BTreeMap<&'a str, &'a [Posting]> {
        let mut matching = BTreeMap::new();
        let own = stem_shard.and_then(|stem_shard| {
            let at = stem_shard
                .stems
                .binary_search_by(|(stem, _)| stem.as_str().cmp(&self.stem))
                .ok()?;
            Some(&stem_shard.stems[at])
        });
        if let Some((stem, postings)) = own {
            matching.insert(stem.as_str(), postings.as_slice());
        }
        let first = shard
            .words
            .partition_point(|(word, _)| word.as_str() < self.text.as_str());
        for (word, stem) in &shard.words[first..] {
            let matches = if self.prefix {
                word.starts_with(&self.text)
            } else {
                *word == self.text
            };
            if !matches {
                break;
            }
            let (stem, postings) = &shard.stems[*stem];
            matching.insert(stem.as_str(), postings.as_slice());
        }
        matching
    }
}

/// One hit a post of the index's `posts`, in post order, from `lists` of postings (each by
/// post): the best weight among its postings (0 unless `weighed`), and whether one is in its
/// title. Tallied in one slot a post rather than by sorting the postings, as a word typed so
/// far can match hundreds of words whose lists hold every post.
fn best_per_post(lists: &[&[Posting]], posts: usize, weighed: bool) -> Vec<Hit> {
    let hit = |posting: &Posting| Hit {
        post: posting.post,
        title_words: u32::from(posting.in_title),
        score: if weighed {
            u32::from(posting.weight)
        } else {
            0
        },
    };
    let in_index = |posting: &&Posting| (posting.post as usize) < posts;
    if let [list] = lists {
        return list.iter().filter(in_index).map(hit).collect();
    }
    let merged = |old: Hit, new: Hit| Hit {
        title_words: old.title_words.max(new.title_words),
        score: old.score.max(new.score),
        ..old
    };
    // One slot a post up to the last one found (each list is by post), unless the index's
    // count (read from the network) or a damaged shard would make that far more slots than
    // postings: those are sorted instead.
    let postings: usize = lists.iter().map(|list| list.len()).sum();
    let slots = lists
        .iter()
        .filter_map(|list| list.last())
        .map(|last| last.post as usize + 1)
        .max()
        .unwrap_or(0)
        .min(posts);
    if slots > postings.saturating_mul(8).max(1024) {
        // Few postings far apart: the lists merged one into the next, as they are by post.
        return lists.iter().fold(Vec::new(), |so_far: Vec<Hit>, list| {
            let mut out = Vec::with_capacity(so_far.len() + list.len());
            let mut list = list.iter().filter(in_index).map(hit).peekable();
            for kept in so_far {
                while let Some(new) = list.next_if(|new| new.post < kept.post) {
                    out.push(new);
                }
                match list.next_if(|new| new.post == kept.post) {
                    Some(new) => out.push(merged(kept, new)),
                    None => out.push(kept),
                }
            }
            out.extend(list);
            out
        });
    }
    let mut best: Vec<Option<Hit>> = vec![None; slots];
    for posting in lists.iter().copied().flatten() {
        let Some(slot) = best.get_mut(posting.post as usize) else {
            continue;
        };
        let new = hit(posting);
        *slot = Some(slot.map_or(new, |old| merged(old, new)));
    }
    best.into_iter().flatten().collect()
}

/// Keeps the best `count` of `hits`, best first: by title words, then score, then the newer
/// (smaller number). Only those are shown, and a word typed so far can find every post: they
/// are picked in one pass rather than by sorting them all.
pub(crate) fn keep_best(hits: &mut Vec<Hit>, count: usize) {
    let rank = |hit: &Hit| (Reverse(hit.title_words), Reverse(hit.score), hit.post);
    let count = count.min(hits.len());
    let mut best: Vec<Hit> = Vec::with_capacity(count + 1);
    for hit in hits.iter() {
        if best.len() == count && best.last().is_none_or(|last| rank(hit) >= rank(last)) {
            continue;
        }
        let at = best.partition_point(|kept| rank(kept) < rank(hit));
        best.insert(at, *hit);
        best.truncate(count);
    }
    *hits = best;
}

/// The posts in both lists (each sorted by post), their title words and scores added.
fn intersect(a: &[Hit], b: &[Hit]) -> Vec<Hit> {
    let (mut i, mut j, mut both) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        match a[i].post.cmp(&b[j].post) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both.push(Hit {
                    post: a[i].post,
                    title_words: a[i].title_words + b[j].title_words,
                    score: a[i].score + b[j].score,
                });
                i += 1;
                j += 1;
            }
        }
    }
    both
}

impl Analyzer {
    /// The results shown for `hits`, from their cards, [those with a passage](with_passage)
    /// with it if `texts` has it. They stop before the first post whose card is not in
    /// `cards`, so that none is shown above one not shown yet.
    pub fn results(
        &self,
        hits: &Hits,
        cards: &HashMap<u32, Card>,
        texts: &HashMap<u32, String>,
    ) -> Vec<Found> {
        hits.ranked
            .iter()
            .map_while(|hit| Some((hit, cards.get(&hit.post)?)))
            .enumerate()
            .map(|(rank, (hit, card))| {
                let text = texts.get(&hit.post).filter(|_| with_passage(rank));
                self.found(card, text.map(String::as_str), hits)
            })
            .collect()
    }

    /// A result as shown: `card`'s title and, if `text` is given, its best passage, the words
    /// `hits` matched marked.
    pub fn found(&self, card: &Card, text: Option<&str>, hits: &Hits) -> Found {
        Found {
            slug: card.slug.clone(),
            title: self.marked(&card.title, hits, usize::MAX),
            date: card.date,
            category: card.category.clone(),
            passage: text.map_or_else(Vec::new, |text| self.marked(text, hits, PASSAGE_WORDS)),
        }
    }

    /// At most `length` words of `text` around where most matches are, as pieces, each word
    /// `hits` matched (its stem, or a prefix it starts with) marked; `…` where the text was cut.
    fn marked(&self, text: &str, hits: &Hits, length: usize) -> Vec<Piece> {
        let keys: BTreeSet<&str> = hits.stems.iter().map(|stem| shard_key(stem)).collect();
        // Each word's byte range in `text`, and whether it is marked.
        let mut words: Vec<(usize, usize)> = Vec::new();
        let mut matched: Vec<bool> = Vec::new();
        // Stemming is the costly part: only words that could match are stemmed, each spelling
        // once.
        let mut stem_matches: FxHashMap<&str, bool> = FxHashMap::default();
        self.each_word(text, |word, start, end| {
            words.push((start, end));
            let stem_matches = keys.contains(shard_key(word))
                && *stem_matches
                    .entry(&text[start..end])
                    .or_insert_with(|| hits.stems.contains(&self.stem(word)));
            matched.push(
                stem_matches
                    || hits
                        .prefixes
                        .iter()
                        .any(|prefix| word.starts_with(prefix.as_str())),
            );
        });
        let (start, end) = if words.len() <= length {
            (0, words.len())
        } else {
            let start = best_window(&matched, length).saturating_sub(LEAD_WORDS);
            let start = start.min(words.len() - length);
            (start, start + length)
        };
        let mut pieces = Vec::new();
        let Some(&(first, _)) = words.get(start) else {
            return pieces;
        };
        let mut plain = String::new();
        if start > 0 {
            plain.push('…');
        }
        // Uncut, the text is whole: what comes before the first word and after the last too.
        let mut at = if start == 0 { 0 } else { first };
        for (&(word_start, word_end), &mark) in words[start..end].iter().zip(&matched[start..end]) {
            if mark {
                plain.push_str(&text[at..word_start]);
                if !plain.is_empty() {
                    pieces.push(Piece {
                        text: std::mem::take(&mut plain),
                        mark: false,
                    });
                }
                pieces.push(Piece {
                    text: text[word_start..word_end].to_owned(),
                    mark: true,
                });
                at = word_end;
            }
        }
        let last = if end < words.len() {
            words[end - 1].1
        } else {
            text.len()
        };
        plain.push_str(text[at..last].trim_end());
        if end < words.len() {
            plain.push('…');
        }
        if !plain.is_empty() {
            pieces.push(Piece {
                text: plain,
                mark: false,
            });
        }
        pieces
    }
}

/// Where the window of `length` words holding the most matches starts: the first match of the
/// earliest best window (0 without any).
fn best_window(matched: &[bool], length: usize) -> usize {
    let mut count = matched[..length].iter().filter(|&&m| m).count();
    let (mut best, mut best_count) = (0, count);
    for start in 1..=matched.len() - length {
        count -= usize::from(matched[start - 1]);
        count += usize::from(matched[start + length - 1]);
        if count > best_count {
            (best, best_count) = (start, count);
        }
    }
    matched[best..]
        .iter()
        .position(|&m| m)
        .map_or(0, |offset| best + offset)
}

#[cfg(test)]
mod tests {
    use super::super::index::tests::{build, build_split_above, document, file as stored, sample};
    use super::super::index::IndexFile;
    use super::super::{Card, META_PATH};
    use super::*;
    use crate::model::Language;

    /// An index as the worker reads it: its description and its shards by key.
    struct ReadIndex {
        meta: Meta,
        shards: BTreeMap<String, Shard>,
    }

    impl ReadIndex {
        fn of(files: &[IndexFile]) -> ReadIndex {
            let meta: Meta = serde_json::from_slice(&stored(files, META_PATH)).unwrap();
            let shards = meta
                .shards
                .iter()
                .map(|key| {
                    let bytes = stored(files, &super::super::shard_path(key));
                    (key.clone(), Shard::decode(&bytes).unwrap())
                })
                .collect();
            ReadIndex { meta, shards }
        }

        fn rank(&self, typed: &str) -> Hits {
            Analyzer::new(self.meta.language)
                .query(typed)
                .rank(&self.meta, &self.shards, SHOWN)
        }
    }

    fn slugs(typed: &str) -> Vec<String> {
        let records = sample();
        ReadIndex::of(&build(Language::French, &records))
            .rank(typed)
            .ranked
            .iter()
            .map(|hit| records[hit.post as usize].slug.clone())
            .collect()
    }

    #[test]
    fn accents_and_case_do_not_matter() {
        assert_eq!(slugs("reseaux "), ["reseaux", "community"]);
        assert_eq!(slugs("RÉSEAUX "), slugs("reseaux "));
        assert_eq!(slugs("VIADEO "), ["reseaux"]);
        assert_eq!(slugs("coeur "), ["community"]);
        assert_eq!(slugs("cœur "), ["community"]);
        assert_eq!(slugs("l’avènement "), ["reseaux"]);
        assert_eq!(slugs("l'avenement "), ["reseaux"]);
    }

    #[test]
    fn a_stem_finds_every_form() {
        // « réseau » is only written « réseaux » in the first post.
        assert_eq!(slugs("réseau "), ["reseaux", "community"]);
        assert_eq!(slugs("professionnel "), ["reseaux"]);
    }

    #[test]
    fn the_text_of_a_posts_html_is_found_as_a_reader_sees_it() {
        // As a WordPress post's table: found by its cells, not by its tags or its script.
        let post = crate::content::SourceFile::new(
            "html.md",
            "+++\ntitle = \"Du HTML\"\ndate = 2009-10-06\n+++\n\n\
             <table><tr><td>Alpha</td><td>B&ecirc;ta</td></tr></table>\n\n\
             <script>var cach\u{e9} = 1;</script>\n",
        );
        let blog = crate::content::build(None, &[post], crate::content::Publish::ALL).unwrap();
        let index = ReadIndex::of(&crate::search::index::blog_index(&blog));
        for typed in ["alpha ", "beta ", "bêta alpha "] {
            assert_eq!(index.rank(typed).ranked.len(), 1, "{typed}");
        }
        for typed in ["table ", "td ", "cache ", "var "] {
            assert!(index.rank(typed).ranked.is_empty(), "{typed}");
        }
    }

    #[test]
    fn every_word_is_required() {
        assert_eq!(slugs("réseau fans "), ["community"]);
        assert!(slugs("réseau clients ").is_empty());
        assert!(slugs("introuvable ").is_empty());
        assert!(slugs("").is_empty());
    }

    #[test]
    fn the_word_being_typed_matches_as_a_prefix() {
        assert_eq!(slugs("profes"), ["reseaux"]);
        assert!(slugs("profes ").is_empty());
        assert_eq!(slugs("generer bu"), ["business"]);
        // One letter matches only itself.
        assert!(slugs("v").is_empty());
    }

    #[test]
    fn title_matches_come_first_then_the_newer() {
        // « métier »: in the second post's title and body only.
        assert_eq!(slugs("community "), ["community"]);
        // « un »: in the titles of community and in every body; the title first.
        assert_eq!(slugs("un ")[0], "community");
        // Same score, no title: the newer first.
        let records = vec![
            crate::search::index::tests::document("new", "A", "2010-01-02", "mot"),
            crate::search::index::tests::document("old", "B", "2010-01-01", "mot"),
        ];
        let hits = ReadIndex::of(&build(Language::French, &records)).rank("mot");
        assert_eq!(
            hits.ranked.iter().map(|h| h.post).collect::<Vec<_>>(),
            [0, 1]
        );
    }

    #[test]
    fn two_letters_typed_filter_by_title_then_the_newer_without_weighing() {
        let records = vec![
            document(
                "new",
                "Billet",
                "2010-01-03",
                "Partir demain, loin, très loin.",
            ),
            document(
                "old",
                "Billet",
                "2010-01-02",
                "Partage, partage, partage, partage.",
            ),
            document("title", "Le partage", "2010-01-01", "Un mot."),
        ]
        .into_iter()
        // Posts without it, so that it weighs something (BM25's idf).
        .chain((0..6).map(|n| document(&format!("other-{n}"), "Autre", "2009-01-01", "Rien.")))
        .collect::<Vec<_>>();
        for split_above in [0, usize::MAX] {
            let index = ReadIndex::of(&build_split_above(Language::French, &records, split_above));
            let slugs = |typed: &str| slugs_of(&index, &records, typed);
            // « pa »: the title first, then the newer, however often the others say it.
            assert_eq!(slugs("pa"), ["title", "new", "old"], "{split_above}");
            // « par »: weighed (BM25), the title first still.
            assert_eq!(slugs("par"), ["title", "old", "new"], "{split_above}");
        }
    }

    #[test]
    fn a_passage_marks_the_matched_words_as_written() {
        let records = sample();
        let analyzer = Analyzer::new(Language::French);
        let hits = ReadIndex::of(&build(Language::French, &records)).rank("reseau");
        let card = records[0].card();
        let found = analyzer.found(&card, Some(&records[0].text), &hits);
        assert!(analyzer.found(&card, None, &hits).passage.is_empty());
        let marked: Vec<&str> = found
            .passage
            .iter()
            .filter(|p| p.mark)
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(marked, ["réseaux"]);
        let text: String = found.passage.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(text, records[0].text);
        let title: String = found.title.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(title, records[0].title);
        let question = analyzer.marked("« Un métier » ?", &hits, usize::MAX);
        assert_eq!(
            question,
            [Piece {
                text: "« Un métier » ?".to_owned(),
                mark: false
            }]
        );
        assert!(found.title.iter().any(|p| p.mark && p.text == "réseaux"));
    }

    #[test]
    fn the_best_are_kept_in_the_order_a_whole_sort_gives() {
        // Ties on title words and score, broken by the post's number, as a sort would.
        let hits: Vec<Hit> = (0..500u32)
            .map(|n| Hit {
                post: (n * 7919) % 500,
                title_words: u32::from(n % 13 == 0),
                score: (n * 31) % 17,
            })
            .collect();
        let mut sorted = hits.clone();
        sorted.sort_by(|a, b| {
            (b.title_words, b.score, a.post).cmp(&(a.title_words, a.score, b.post))
        });
        for count in [0, 1, 10, 499, 500, 600, usize::MAX] {
            let mut kept = hits.clone();
            keep_best(&mut kept, count);
            assert_eq!(kept, sorted[..count.min(500)], "{count}");
        }
    }

    #[test]
    fn a_post_holding_several_matching_words_counts_once_with_its_best() {
        let low = [
            Posting {
                post: 1,
                weight: 3,
                in_title: false,
            },
            Posting {
                post: 4,
                weight: 9,
                in_title: false,
            },
        ];
        let high = [
            Posting {
                post: 1,
                weight: 7,
                in_title: true,
            },
            Posting {
                post: 2,
                weight: 1,
                in_title: false,
            },
            // Past the index's posts: not a post of it.
            Posting {
                post: 9,
                weight: 1,
                in_title: false,
            },
        ];
        let hit = |post, title_words, score| Hit {
            post,
            title_words,
            score,
        };
        assert_eq!(
            best_per_post(&[&low, &high], 5, true),
            [hit(1, 1, 7), hit(2, 0, 1), hit(4, 0, 9)]
        );
        assert_eq!(
            best_per_post(&[&low, &high], 5, false),
            [hit(1, 1, 0), hit(2, 0, 0), hit(4, 0, 0)]
        );
        assert_eq!(
            best_per_post(&[&high], 5, true),
            [hit(1, 1, 7), hit(2, 0, 1)]
        );
        // An index that says it has far more posts than it does (a damaged meta.json), or
        // postings far apart: the same, without a slot for every post.
        let far = [
            Posting {
                post: 3,
                weight: 2,
                in_title: false,
            },
            Posting {
                post: 4_000_000,
                weight: 5,
                in_title: true,
            },
        ];
        let near = [Posting {
            post: 3,
            weight: 4,
            in_title: false,
        }];
        assert_eq!(
            best_per_post(&[&far, &near], usize::MAX, true),
            [hit(3, 0, 4), hit(4_000_000, 1, 5)]
        );
        assert_eq!(best_per_post(&[&low, &high], usize::MAX, true).len(), 4);
        assert_eq!(best_per_post(&[], 5, true), []);
    }

    #[test]
    fn a_long_text_is_cut_around_the_matches() {
        let analyzer = Analyzer::new(Language::French);
        let text = format!("{}cible {}", "mot ".repeat(50), "mot ".repeat(50));
        let hits = Hits {
            stems: BTreeSet::from([analyzer.stem("cible")]),
            ..Hits::default()
        };
        let pieces = analyzer.marked(&text, &hits, PASSAGE_WORDS);
        let shown: String = pieces.iter().map(|p| p.text.as_str()).collect();
        assert!(shown.starts_with("…mot mot mot mot cible mot"), "{shown}");
        assert!(shown.ends_with('…'));
        assert_eq!(shown.split_whitespace().count(), PASSAGE_WORDS);
        assert_eq!(pieces.iter().filter(|p| p.mark).count(), 1);
    }

    #[test]
    fn ten_results_are_shown_the_first_five_with_their_passage() {
        let analyzer = Analyzer::new(Language::French);
        let hits = Hits {
            ranked: (0..10)
                .map(|post| Hit {
                    post: post * 5,
                    title_words: 0,
                    score: 1,
                })
                .collect(),
            total: 12,
            stems: BTreeSet::from([analyzer.stem("mot")]),
            prefixes: BTreeSet::new(),
        };
        let (cards, texts) = files_needed(&hits, &HashMap::new(), &HashMap::new(), SHOWN);
        // Posts 0, 5, …, 45 shown: cards of 0–15, 16–31, 32–47; texts of the first five.
        assert_eq!(cards, [0, 16, 32]);
        assert_eq!(texts, [0, 5, 10, 15, 20]);
        // The first three only: posts 0, 5, 10.
        let (cards, texts) = files_needed(&hits, &HashMap::new(), &HashMap::new(), 3);
        assert_eq!((cards, texts), (vec![0], vec![0, 5, 10]));
        let card = |post: u32| Card {
            slug: format!("billet-{post}"),
            title: "Titre".to_owned(),
            date: "2009-01-07".parse().unwrap(),
            category: "Actus".to_owned(),
            text_at: (0, 0),
        };
        let cards: HashMap<u32, Card> = (0..64).map(|post| (post, card(post))).collect();
        let texts: HashMap<u32, String> = (0..64).map(|post| (post, "un mot".to_owned())).collect();
        assert_eq!(files_needed(&hits, &cards, &texts, SHOWN), (vec![], vec![]));
        assert_eq!(
            files_needed(&hits, &cards, &HashMap::new(), SHOWN),
            (vec![], vec![0, 5, 10, 15, 20])
        );
        let found = analyzer.results(&hits, &cards, &texts);
        assert_eq!(found.len(), SHOWN);
        assert_eq!(found[9].slug, "billet-45");
        let with_passage: Vec<bool> = found.iter().map(|f| !f.passage.is_empty()).collect();
        assert_eq!(
            with_passage,
            [true, true, true, true, true, false, false, false, false, false]
        );
        assert!(found[0].passage.iter().any(|p| p.mark && p.text == "mot"));
        // Without the card of the fourth result (post 15), the results stop before it.
        let mut cards = cards;
        cards.remove(&15);
        let found = analyzer.results(&hits, &cards, &texts);
        let slugs: Vec<&str> = found.iter().map(|f| f.slug.as_str()).collect();
        assert_eq!(slugs, ["billet-0", "billet-5", "billet-10"]);
    }

    #[test]
    fn more_results_asked_come_after_the_first_each_ten_with_five_passages() {
        let analyzer = Analyzer::new(Language::French);
        let records: Vec<_> = (0..25)
            .map(|n| document(&format!("billet-{n}"), "Billet", "2009-01-07", "Un mot."))
            .collect();
        let index = ReadIndex::of(&build(Language::French, &records));
        let query = analyzer.query("mot");
        let ten = query.rank(&index.meta, &index.shards, SHOWN);
        let twenty = query.rank(&index.meta, &index.shards, 2 * SHOWN);
        let all = query.rank(&index.meta, &index.shards, 100);
        assert_eq!((ten.total, twenty.total, all.total), (25, 25, 25));
        assert_eq!(
            (ten.ranked.len(), twenty.ranked.len(), all.ranked.len()),
            (10, 20, 25)
        );
        assert_eq!(
            twenty.ranked[..10],
            ten.ranked[..],
            "the first ten stay first"
        );
        assert_eq!(all.ranked[..20], twenty.ranked[..]);
        let card = |post: u32| Card {
            slug: format!("billet-{post}"),
            title: "Billet".to_owned(),
            date: "2009-01-07".parse().unwrap(),
            category: "Actus".to_owned(),
            text_at: (0, 0),
        };
        let (card_files, text_posts) =
            files_needed(&twenty, &HashMap::new(), &HashMap::new(), 2 * SHOWN);
        assert_eq!(card_files, [0, 16]);
        let passages: Vec<u32> = (0..5)
            .chain(10..15)
            .map(|rank| twenty.ranked[rank].post)
            .collect();
        assert_eq!(text_posts, passages);
        let cards: HashMap<u32, Card> = (0..25).map(|post| (post, card(post))).collect();
        let texts: HashMap<u32, String> =
            (0..25).map(|post| (post, "Un mot.".to_owned())).collect();
        let found = analyzer.results(&twenty, &cards, &texts);
        let with_passage: Vec<usize> = (found.iter().enumerate())
            .filter(|(_, found)| !found.passage.is_empty())
            .map(|(rank, _)| rank)
            .collect();
        assert_eq!(with_passage, [0, 1, 2, 3, 4, 10, 11, 12, 13, 14]);
    }

    /// Posts whose words share their first letters: « co » and « re » are large enough to be
    /// split when every prefix is.
    fn crowded() -> Vec<super::super::index::tests::PostRecord> {
        let texts = [
            "La communauté commente ce contenu : co-working, coût, cœur.",
            "Un réseau, des réseaux, la recherche, co et re.",
            "Communication et commerce : la communauté du réseau.",
            "Rien de commun ici, sauf un contenu de recherche.",
        ];
        texts
            .iter()
            .enumerate()
            .map(|(n, text)| {
                let title = if n == 2 { "Commerce" } else { "Billet" };
                document(&format!("billet-{n}"), title, "2009-01-07", text)
            })
            .collect()
    }

    #[test]
    fn a_split_prefix_finds_what_its_whole_shard_found() {
        let records = crowded();
        let whole = ReadIndex::of(&build(Language::French, &records));
        assert!(whole.meta.split.is_empty());
        assert!(whole.shards["co"].prefix.is_empty());
        let analyzer = Analyzer::new(Language::French);
        let mut queries = vec![
            "co".to_owned(),
            "co ".to_owned(),
            "re".to_owned(),
            "r".to_owned(),
        ];
        for record in &records {
            for word in analyzer.words(&record.text) {
                let letters: Vec<char> = word.text.chars().collect();
                for end in 1..=letters.len() {
                    let typed: String = letters[..end].iter().collect();
                    queries.push(format!("commu {typed}"));
                    queries.push(format!("{typed} "));
                    queries.push(typed);
                }
            }
        }
        // Every prefix split, each three letters a shard; then shards of several.
        let mut shared_a_shard = false;
        for split_above in [0, 80] {
            let split = ReadIndex::of(&build_split_above(Language::French, &records, split_above));
            assert!(
                split.meta.split.contains(&"co".to_owned()),
                "{:?}",
                split.meta
            );
            assert!(!split.shards["co"].prefix.is_empty());
            for (key, shard) in &split.shards {
                for (word, _) in &shard.words {
                    assert_eq!(split.meta.shard_of(word), key);
                    shared_a_shard |= key.chars().count() == 3 && !word.starts_with(key.as_str());
                }
            }
            for typed in &queries {
                let (in_whole, in_split) = (whole.rank(typed), split.rank(typed));
                assert_eq!(
                    in_split.ranked, in_whole.ranked,
                    "« {typed} », {split_above}"
                );
                assert_eq!(in_split.total, in_whole.total, "« {typed} », {split_above}");
                // The same words are marked in every text.
                for record in &records {
                    assert_eq!(
                        analyzer.found(&record.card(), Some(&record.text), &in_split),
                        analyzer.found(&record.card(), Some(&record.text), &in_whole),
                        "« {typed} » in {}, {split_above}",
                        record.slug
                    );
                }
            }
            assert_eq!(slugs_of(&split, &records, "co").len(), 4);
        }
        assert!(
            shared_a_shard,
            "some shard holds more than one three-letter prefix"
        );
    }

    #[test]
    fn a_two_letter_shard_holds_the_cards_of_the_first_results_of_its_prefix() {
        // Three posts with « po… » in their title (fewer than the five shown), many « Billet ».
        let many = (0..20).map(|n| {
            let title = if n % 7 == 3 { "Poire" } else { "Billet" };
            let text = if n % 2 == 0 {
                "Une pomme, un pot."
            } else {
                "Une porte."
            };
            document(&format!("billet-{n}"), title, "2009-01-07", text)
        });
        let records: Vec<_> = crowded().into_iter().chain(many).collect();
        for split_above in [0, usize::MAX] {
            let files = build_split_above(Language::French, &records, split_above);
            let index = ReadIndex::of(&files);
            // More posts than are shown: the count is all of them, the ranking the first ones.
            let billets = index.rank("billet ");
            assert!(billets.total > super::super::SHOWN, "{}", billets.total);
            assert_eq!(billets.ranked.len(), super::super::SHOWN);
            let mut seen = 0;
            for (key, shard) in &index.shards {
                if key.chars().count() != 2 {
                    assert!(shard.top.is_empty(), "{key}");
                    continue;
                }
                let first: Vec<u32> = index
                    .rank(key)
                    .ranked
                    .iter()
                    .take(super::super::SHOWN_AT_ONCE)
                    .map(|hit| hit.post)
                    .collect();
                let top: Vec<u32> = shard.top.iter().map(|(post, _)| *post).collect();
                assert_eq!(top, first, "« {key} », {split_above}");
                for (post, card) in &shard.top {
                    let path = super::super::card_path(*post as usize);
                    let cards: super::super::CardsFile =
                        serde_json::from_slice(&stored(&files, &path)).unwrap();
                    let cards = cards.cards();
                    assert_eq!(card, &cards[*post as usize % super::super::CARDS_PER_FILE]);
                }
                seen += shard.top.len();
            }
            assert!(seen > 10, "{seen}");
        }
    }

    fn slugs_of(
        index: &ReadIndex,
        records: &[super::super::index::tests::PostRecord],
        typed: &str,
    ) -> Vec<String> {
        index
            .rank(typed)
            .ranked
            .iter()
            .map(|hit| records[hit.post as usize].slug.clone())
            .collect()
    }
}
