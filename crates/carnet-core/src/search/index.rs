//! Writing the index ([`blog_files`]) and reading a shard back ([`Shard::decode`]).
//!
//! A post is numbered by its position in the blog (newest first, then by slug), so a smaller
//! number is a newer post and ties in relevance go to the newer one. Each (stem, post) pair
//! carries its BM25 weight, computed here once (the build knows every post), and whether the
//! stem is in the post's title. A shard is binary, with unsigned LEB128 numbers:
//!
//! ```text
//! "CS" version(1 byte)
//! stems:  count, then per stem: length, UTF-8 bytes, postings
//! words:  count, then per word: length, UTF-8 bytes, index of its stem above
//! prefix: postings (none but for a split prefix: every post with a word it starts)
//! top:    count, then per card (of a two-letter prefix's first results): post number, text
//!         start, text length, title, day (YYYY-MM-DD), category, slug (empty if the title
//!         gives it), each text as length and UTF-8 bytes
//! postings: count, then per posting: (post id − previous id) × 2 + in title,
//!           weight (1 byte, BM25 × 8)
//! ```
//!
//! A two-letter prefix whose shard would take more than [`SPLIT_ABOVE`] bytes is split: its
//! words of three letters or more go to shards of consecutive three-letter prefixes, and its
//! own shard keeps its words of two letters and the prefix's postings: every post with a word
//! it starts, whether one is in its title, and weight 0 (a query does not weigh two letters).
//! A reader who has typed « co » downloads that list (a few hundred bytes gzipped) rather than
//! every word in co… with its postings.
//!
//! Cards files are [`CardsFile`]s as JSON; a texts file is each post's text, gzipped on its own,
//! one after another (so the whole file is also a valid gzip stream of the texts). Shards and
//! cards are gzipped whole. Gzip's header is fixed (no time, no name), so the same posts give
//! the same bytes: stems and words are sorted, and nothing depends on a hash map's order.

use super::query::{keep_best, Hit};
use super::{
    card_path, first_chars, shard_key, shard_path, text_path, Analyzer, Card, CardsFile, Meta,
    CARDS_PER_FILE, INDEX_VERSION, META_PATH, SHOWN_AT_ONCE, TEXTS_PER_FILE,
};
use crate::content::Blog;
use crate::cores::on_every_core;
use crate::gzip::{gzip, inflates_to};
use crate::model::Language;
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// BM25's term-frequency saturation.
const K1: f64 = 1.2;
/// BM25's length normalisation.
const B: f64 = 0.75;
/// A title word counts as this many words of the body.
const TITLE_BOOST: u32 = 3;
/// Weights are stored as BM25 × this, in one byte.
pub const WEIGHT_SCALE: f64 = 8.0;

/// A two-letter prefix whose words and postings take more bytes than this (before gzip) is
/// split into shards of three letters. At 10,000 generated posts, 80 of 244 prefixes are (735
/// shards in all), and the largest shard a query downloads for a word of three letters or
/// more falls from 345 kB gzipped (« ch ») to 110 kB (« che »); for « communauté », from 154 kB
/// (« co ») to 2 kB of « co »'s posts and 17 kB of « com ».
pub const SPLIT_ABOVE: usize = 32 * 1024;

/// A split prefix's shards are each at most [`SPLIT_ABOVE`] / this (one three-letter prefix
/// larger than that is a shard alone).
const SHARES: usize = 2;

/// A file of the index: its path from the site's base, and its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexFile {
    /// From the site's base: `search/meta.json`, `search/t/re.bin`, `search/c/0.bin`…
    pub path: String,
    /// Its contents, as stored (gzipped, but for `meta.json`).
    pub bytes: Vec<u8>,
}

/// One posting: a post that holds a stem.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Posting {
    /// The post's number.
    pub post: u32,
    /// Its BM25 weight for the stem, × [`WEIGHT_SCALE`].
    pub weight: u8,
    /// Whether the stem is in its title.
    pub in_title: bool,
}

/// A shard as read back: its stems with their postings, and its words with their stem.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Shard {
    /// Stems, sorted, each with its postings by post number.
    pub stems: Vec<(String, Vec<Posting>)>,
    /// Words, sorted, each with the index of its stem in `stems`.
    pub words: Vec<(String, usize)>,
    /// For the shard of a [split](super::Meta::split) prefix: every post holding a word that
    /// starts with the prefix, by post number, with whether one is in its title (weight 0: a
    /// query ranks two letters by title, then the newer). Empty for any other shard.
    pub prefix: Vec<Posting>,
    /// For the shard of a two-letter prefix: the cards of the first
    /// [`SHOWN_AT_ONCE`](super::SHOWN_AT_ONCE) results of that prefix typed alone, with their
    /// post numbers, so that a reader who has typed two letters fetches no cards file.
    pub top: Vec<(u32, Card)>,
}

/// A shard that cannot be read: cut short, or another format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShardError;

impl fmt::Display for ShardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the search index shard cannot be read")
    }
}

impl std::error::Error for ShardError {}

/// How much of a post's Markdown is indexed: its first 256 KiB (some 40,000 words, more than
/// any real post), so that a huge post costs the build no more than that.
pub const INDEXED_MARKDOWN: usize = 256 * 1024;

/// How much of a post's text its [`text_path`] keeps for passages: its first 32 KiB, so that a
/// result never costs a reader more. A word found further on is found, but its passage is then
/// the text's start.
pub const PASSAGE_TEXT: usize = 32 * 1024;

/// The longest start of `text` of at most `max` bytes that ends on a character.
fn start_of(text: &str, max: usize) -> &str {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// What the index takes from one post alone: its words, counted, and its text for passages,
/// gzipped. It is most of the index's work, and it depends only on the post's title, its
/// Markdown and the blog's language, so a build can keep it ([`PostEntry::to_bytes`]) and,
/// after one post changed, make only that post's again.
///
/// It is held as those bytes (checked once, when made or read back), so that reading 10,000
/// entries back allocates 10,000 buffers rather than one string a word:
///
/// ```text
/// "CE" version(1 byte)
/// words: count, then per word (sorted): length, UTF-8 bytes, count × 2 + in title
/// text:  length, the gzip member
/// ```
///
/// A word's count counts a title word [`TITLE_BOOST`] times.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PostEntry {
    bytes: Vec<u8>,
    /// Where the text's gzip member starts in `bytes` (it runs to the end).
    text_at: usize,
}

/// The first bytes of [`PostEntry::to_bytes`]: another format is refused, not misread.
const ENTRY_MAGIC: [u8; 3] = [b'C', b'E', INDEX_VERSION as u8];

impl PostEntry {
    /// The entry of a post titled `title` whose text, without markup, is `text`.
    pub fn new(analyzer: &Analyzer, title: &str, text: &str) -> PostEntry {
        let mut words: BTreeMap<String, (u32, bool)> = BTreeMap::new();
        for (text, in_title) in [(title, true), (text, false)] {
            let count = if in_title { TITLE_BOOST } else { 1 };
            analyzer.each_word(text, |word, _, _| {
                let entry = match words.get_mut(word) {
                    Some(entry) => entry,
                    None => words.entry(word.to_owned()).or_default(),
                };
                entry.0 += count;
                entry.1 |= in_title;
            });
        }
        let mut bytes = ENTRY_MAGIC.to_vec();
        push_number(&mut bytes, words.len() as u64);
        for (word, (count, in_title)) in &words {
            push_text(&mut bytes, word);
            push_number(&mut bytes, u64::from(*count) * 2 + u64::from(*in_title));
        }
        let text = gzip(start_of(text, PASSAGE_TEXT).as_bytes());
        push_number(&mut bytes, text.len() as u64);
        let text_at = bytes.len();
        bytes.extend_from_slice(&text);
        PostEntry { bytes, text_at }
    }

    /// The entry of a post titled `title` written in `markdown`: its first
    /// [`INDEXED_MARKDOWN`] bytes, as text.
    pub fn of_post(analyzer: &Analyzer, title: &str, markdown: &str) -> PostEntry {
        let text = crate::markdown::searchable_text(start_of(markdown, INDEXED_MARKDOWN));
        PostEntry::new(analyzer, title, &text)
    }

    /// Its bytes, for a build cache: read back by [`PostEntry::from_bytes`].
    pub fn to_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Reads what [`PostEntry::to_bytes`] wrote; an error for anything else.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<PostEntry, ShardError> {
        let mut reader = Reader { bytes: &bytes };
        if [reader.byte()?, reader.byte()?, reader.byte()?] != ENTRY_MAGIC {
            return Err(ShardError);
        }
        for _ in 0..reader.count()? {
            std::str::from_utf8(reader.slice()?).map_err(|_| ShardError)?;
            u32::try_from(reader.number()? / 2).map_err(|_| ShardError)?;
        }
        let length = reader.count()?;
        if length != reader.bytes.len() {
            return Err(ShardError);
        }
        let text_at = bytes.len() - length;
        Ok(PostEntry { bytes, text_at })
    }

    /// Its words, as UTF-8 bytes (checked when the entry was made or read): each with its
    /// count and whether it is in the title.
    fn words(&self) -> impl Iterator<Item = (&[u8], u32, bool)> {
        let mut reader = Reader {
            bytes: &self.bytes[ENTRY_MAGIC.len()..],
        };
        let count = reader.count().expect("an entry is checked when made");
        (0..count).map(move |_| {
            let word = reader.slice().expect("an entry is checked when made");
            let number = reader.number().expect("an entry is checked when made");
            (word, (number / 2) as u32, number % 2 == 1)
        })
    }

    /// Its text's gzip member.
    fn text(&self) -> &[u8] {
        &self.bytes[self.text_at..]
    }
}

/// The entries of every post of `blog`, in its order: those `kept` has (by post, from an
/// earlier build), the others made, on as many threads as the machine has cores.
pub fn post_entries(blog: &Blog, mut kept: Vec<Option<PostEntry>>) -> Vec<PostEntry> {
    kept.resize(blog.bodies.len(), None);
    let analyzer = Analyzer::new(blog.manifest.site.language);
    let missing: Vec<usize> = (0..kept.len()).filter(|&at| kept[at].is_none()).collect();
    let mut made = on_every_core(&missing, |&at| {
        PostEntry::of_post(&analyzer, &blog.manifest.posts[at].title, &blog.bodies[at])
    })
    .into_iter();
    kept.into_iter()
        .map(|kept| kept.unwrap_or_else(|| made.next().expect("one made for each missing")))
        .collect()
}

/// Every file of the index of `blog`, whose posts' entries are `entries` ([`post_entries`]).
///
/// `earlier` gives the bytes a file had in an earlier build of this index, if there was one: a
/// file gzipped whole (a shard, a cards file) whose contents are unchanged takes those bytes
/// again instead of being compressed anew, which is most of assembling the index after one post
/// changed. They are the bytes it would have been given, as long as they came from this same
/// function ([`gzip`] is deterministic); bytes that do not inflate to the same contents are
/// ignored.
pub fn blog_files(
    blog: &Blog,
    entries: &[PostEntry],
    earlier: &(dyn Fn(&str) -> Option<Vec<u8>> + Sync),
) -> Vec<IndexFile> {
    let cards = blog
        .manifest
        .posts
        .iter()
        .map(|summary| Card {
            slug: summary.slug.clone(),
            title: summary.title.clone(),
            date: summary.date,
            category: summary.category.name.clone(),
            text_at: (0, 0),
        })
        .collect();
    let gzipper = Gzipper { earlier };
    assemble(
        blog.manifest.site.language,
        cards,
        entries,
        &gzipper,
        SPLIT_ABOVE,
    )
}

/// Every file of the index of `blog`.
pub fn blog_index(blog: &Blog) -> Vec<IndexFile> {
    blog_files(blog, &post_entries(blog, Vec::new()), &|_| None)
}

/// The index's files from each post's card and entry, in the blog's order: `meta.json` and the
/// shards, then the texts, then the cards (whose `text_at` is set here).
fn assemble(
    language: Language,
    mut cards: Vec<Card>,
    entries: &[PostEntry],
    gzipper: &Gzipper,
    split_above: usize,
) -> Vec<IndexFile> {
    let (texts, text_at) = text_files(entries);
    for (card, text_at) in cards.iter_mut().zip(text_at) {
        card.text_at = text_at;
    }
    let mut files = vocabulary_files(language, entries, &cards, gzipper, split_above);
    files.extend(texts);
    files.extend(card_files(&cards, gzipper));
    files
}

/// `meta.json` and the shards of the posts whose entries are `entries` and whose cards are
/// `cards`, a two-letter prefix split when its shard would take more than `split_above` bytes.
fn vocabulary_files(
    language: Language,
    entries: &[PostEntry],
    cards: &[Card],
    gzipper: &Gzipper,
    split_above: usize,
) -> Vec<IndexFile> {
    let analyzer = Analyzer::new(language);
    // Each word's stem is numbered on first sight (hash maps: a blog's words are read once
    // each); everything is sorted before it is written. The occurrences go first into one flat
    // list, in post order, then are sorted by stem with a counting sort: appending to one list
    // per stem touched a random list for each of millions of words, and waited on memory.
    // Words are read as bytes: each is checked as UTF-8 once, on first sight, not 5 million times.
    let mut word_stems: FxHashMap<&[u8], u32> = FxHashMap::default();
    let mut distinct_words: Vec<(&str, u32)> = Vec::new();
    let mut stem_numbers: FxHashMap<String, u32> = FxHashMap::default();
    let mut stems: Vec<String> = Vec::new();
    let mut lengths = Vec::with_capacity(entries.len());
    // (stem, post, count × 2 + in title)
    let mut occurrences: Vec<(u32, u32, u32)> = Vec::new();
    for (id, entry) in entries.iter().enumerate() {
        let id = id as u32;
        let mut length = 0;
        for (word, count, in_title) in entry.words() {
            let number = match word_stems.get(word) {
                Some(&number) => number,
                None => {
                    let word = std::str::from_utf8(word).expect("an entry is checked when made");
                    let stem = analyzer.stem(word);
                    let number = *stem_numbers.entry(stem.clone()).or_insert_with(|| {
                        stems.push(stem);
                        (stems.len() - 1) as u32
                    });
                    word_stems.insert(word.as_bytes(), number);
                    distinct_words.push((word, number));
                    number
                }
            };
            occurrences.push((number, id, count * 2 + u32::from(in_title)));
            length += count;
        }
        lengths.push(length);
    }
    let mut starts = vec![0usize; stems.len() + 1];
    for &(stem, _, _) in &occurrences {
        starts[stem as usize + 1] += 1;
    }
    for at in 1..starts.len() {
        starts[at] += starts[at - 1];
    }
    let mut by_stem: Vec<(u32, u32, bool)> = vec![(0, 0, false); occurrences.len()];
    let mut next = starts.clone();
    for &(stem, post, count) in &occurrences {
        by_stem[next[stem as usize]] = (post, count / 2, count % 2 == 1);
        next[stem as usize] += 1;
    }
    drop(occurrences);
    // Two words of one stem in a post make one posting: merged, each stem's postings in place.
    let mut merged: Vec<(u32, u32, bool)> = Vec::with_capacity(by_stem.len());
    let mut ranges = Vec::with_capacity(stems.len());
    for stem in 0..stems.len() {
        let start = merged.len();
        for &(post, count, in_title) in &by_stem[starts[stem]..starts[stem + 1]] {
            let this_stem = merged.len() > start;
            match merged.last_mut() {
                Some(last) if this_stem && last.0 == post => {
                    last.1 += count;
                    last.2 |= in_title;
                }
                _ => merged.push((post, count, in_title)),
            }
        }
        ranges.push(start..merged.len());
    }
    drop(by_stem);
    let postings: FxHashMap<&str, &[(u32, u32, bool)]> = stems
        .iter()
        .zip(ranges)
        .map(|(stem, range)| (stem.as_str(), &merged[range]))
        .collect();
    let total = entries.len() as f64;
    let average = (lengths.iter().map(|&l| l as f64).sum::<f64>() / total.max(1.0)).max(1.0);
    // BM25's two factors, each computed once: by post (its length against the average) and
    // by stem (how many posts hold it), not once for each of millions of postings.
    let norms: Vec<f64> = lengths
        .iter()
        .map(|&length| K1 * (1.0 - B + B * length as f64 / average))
        .collect();
    let idf = |posts: usize| (1.0 + (total - posts as f64 + 0.5) / (posts as f64 + 0.5)).ln();
    let weight = |frequency: u32, norm: f64, idf: f64| -> u8 {
        let tf = frequency as f64;
        let score = idf * tf * (K1 + 1.0) / (tf + norm);
        (score * WEIGHT_SCALE).round().clamp(1.0, 255.0) as u8
    };

    // Words grouped by two-letter prefix, then the large groups split by a third letter;
    // each shard holds the stems its words lead to.
    drop(word_stems);
    let mut words: Vec<(&str, &str)> = distinct_words
        .into_iter()
        .map(|(word, number)| (word, stems[number as usize].as_str()))
        .collect();
    words.sort_unstable();
    // A shard's key starts its words: sorted, each key's words are one run, in the keys' order.
    let groups = words.chunk_by(|(one, _), (other, _)| shard_key(one) == shard_key(other));
    let mut plans: Vec<ShardPlan> = Vec::new();
    let mut split = Vec::new();
    // About the bytes a shard of `words` takes before gzip: two a posting, and the words.
    let size_of = |words: &[(&str, &str)]| -> usize {
        let mut stems: Vec<&str> = words.iter().map(|(_, stem)| *stem).collect();
        stems.sort_unstable();
        stems.dedup();
        stems
            .iter()
            .map(|stem| postings[stem].len() * 2)
            .sum::<usize>()
            + words.iter().map(|(word, _)| word.len() + 2).sum::<usize>()
    };
    for words in groups {
        let key = shard_key(words[0].0);
        let words = words.to_vec();
        if size_of(&words) <= split_above {
            plans.push(ShardPlan::new(key, words, Vec::new()));
            continue;
        }
        split.push(key.to_owned());
        // Its longer words by three-letter prefix, in order, then as few shards of
        // consecutive prefixes as keep each within `split_above` (a larger prefix alone).
        let mut longer: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
        let mut own = Vec::new();
        for &(word, stem) in &words {
            if word.len() == key.len() {
                own.push((word, stem));
            } else {
                longer
                    .entry(first_chars(word, 3))
                    .or_default()
                    .push((word, stem));
            }
        }
        plans.push(ShardPlan::new(key, own, words));
        // The shard being filled, and about its size.
        let mut part: Option<(ShardPlan, usize)> = None;
        for (three, words) in longer {
            let size = size_of(&words);
            match &mut part {
                Some((plan, held)) if *held + size <= split_above / SHARES => {
                    plan.add(words);
                    *held += size;
                }
                _ => {
                    let next = (ShardPlan::new(three, words, Vec::new()), size);
                    plans.extend(part.replace(next).map(|(plan, _)| plan));
                }
            }
        }
        plans.extend(part.map(|(plan, _)| plan));
    }
    let mut meta = Meta {
        version: INDEX_VERSION,
        language,
        posts: entries.len(),
        shards: plans.iter().map(|plan| plan.key.to_owned()).collect(),
        split,
    };
    meta.shards.sort_unstable();
    // A stem is also in the shard its own spelling leads to (made if no word leads there), so
    // that a query finds the stem of what it types there, whichever shards its words are in.
    let mut by_key: FxHashMap<&str, usize> =
        (0..plans.len()).map(|at| (plans[at].key, at)).collect();
    for stem in &stems {
        let key = meta.shard_of(stem);
        let at = match by_key.get(key) {
            Some(&at) => at,
            None => {
                let key = stem
                    .get(..key.len())
                    .expect("a shard's key starts its words");
                plans.push(ShardPlan::new(key, Vec::new(), Vec::new()));
                by_key.insert(key, plans.len() - 1);
                plans.len() - 1
            }
        };
        plans[at].stems.push(stem);
    }
    meta.shards = by_key.into_keys().map(str::to_owned).collect();
    meta.shards.sort_unstable();
    let mut files = Vec::with_capacity(plans.len() + 1);
    files.push(IndexFile {
        path: META_PATH.to_owned(),
        bytes: serde_json::to_vec(&meta).expect("the index description serialises"),
    });
    let weighted = |stem: &str| {
        let posts = postings[stem];
        let idf = idf(posts.len());
        let (weight, norms) = (&weight, &norms);
        posts
            .iter()
            .map(move |&(post, frequency, in_title)| Posting {
                post,
                weight: weight(frequency, norms[post as usize], idf),
                in_title,
            })
    };
    let shard = |plan: &ShardPlan| -> IndexFile {
        let mut stems = plan.stems.clone();
        stems.sort_unstable();
        stems.dedup();
        let mut bytes = vec![b'C', b'S', INDEX_VERSION as u8];
        push_number(&mut bytes, stems.len() as u64);
        for stem in &stems {
            push_text(&mut bytes, stem);
            push_postings(&mut bytes, &weighted(stem).collect::<Vec<_>>());
        }
        push_number(&mut bytes, plan.words.len() as u64);
        for (word, stem) in &plan.words {
            push_text(&mut bytes, word);
            let at = stems
                .binary_search(stem)
                .expect("every word's stem is listed");
            push_number(&mut bytes, at as u64);
        }
        // A two-letter prefix's posts, each with whether one of its words is in the post's
        // title, as a query typed that far ranks them. Written whole for a split prefix; for
        // every one, the cards of the first results of that query.
        let is_prefix = plan.key.chars().count() == 2;
        let prefix_of = if plan.prefix_of.is_empty() {
            &plan.words
        } else {
            &plan.prefix_of
        };
        let stems: BTreeSet<&str> = prefix_of.iter().map(|(_, stem)| *stem).collect();
        // Without weight: a query ranks a prefix of two letters by title, then the newer.
        let mut prefix: Vec<Posting> = if is_prefix {
            stems
                .into_iter()
                .flat_map(|stem| postings[stem])
                .map(|&(post, _, in_title)| Posting {
                    post,
                    weight: 0,
                    in_title,
                })
                .collect()
        } else {
            Vec::new()
        };
        prefix.sort_unstable_by_key(|posting| posting.post);
        prefix.dedup_by(|later, kept| {
            let same = later.post == kept.post;
            kept.in_title |= same && later.in_title;
            same
        });
        let mut first: Vec<Hit> = prefix
            .iter()
            .map(|posting| Hit {
                post: posting.post,
                title_words: u32::from(posting.in_title),
                score: u32::from(posting.weight),
            })
            .collect();
        keep_best(&mut first, SHOWN_AT_ONCE);
        let top: Vec<(u32, &Card)> = first
            .iter()
            .map(|hit| (hit.post, &cards[hit.post as usize]))
            .collect();
        if plan.prefix_of.is_empty() {
            prefix.clear();
        }
        push_postings(&mut bytes, &prefix);
        push_number(&mut bytes, top.len() as u64);
        for (post, card) in top {
            push_number(&mut bytes, u64::from(post));
            push_card(&mut bytes, card);
        }
        gzipper.file(shard_path(plan.key), &bytes)
    };
    // Shards are written and gzipped on every core: after one post changed, assembling the
    // index is what a rebuild waits on.
    files.extend(on_every_core(&plans, shard));
    files
}

/// A shard to write: its key, its words (each with its stem), its stems and, for a split
/// prefix, every word it starts, whose posts it lists.
struct ShardPlan<'a> {
    key: &'a str,
    words: Vec<(&'a str, &'a str)>,
    /// Its words' stems, and those whose own spelling leads to this shard, each once or more
    /// (sorted and made unique when it is written).
    stems: Vec<&'a str>,
    prefix_of: Vec<(&'a str, &'a str)>,
}

impl<'a> ShardPlan<'a> {
    fn new(
        key: &'a str,
        words: Vec<(&'a str, &'a str)>,
        prefix_of: Vec<(&'a str, &'a str)>,
    ) -> ShardPlan<'a> {
        let stems = words.iter().map(|(_, stem)| *stem).collect();
        ShardPlan {
            key,
            words,
            stems,
            prefix_of,
        }
    }

    /// Adds `words`, which sort after its own.
    fn add(&mut self, words: Vec<(&'a str, &'a str)>) {
        self.stems.extend(words.iter().map(|(_, stem)| *stem));
        self.words.extend(words);
    }
}

/// The texts files of the posts whose entries are `entries`, and where each post's text is in
/// its file (start, length), by post.
fn text_files(entries: &[PostEntry]) -> (Vec<IndexFile>, Vec<(u64, u64)>) {
    let mut files = Vec::new();
    let mut text_at = Vec::with_capacity(entries.len());
    for (number, group) in entries.chunks(TEXTS_PER_FILE).enumerate() {
        let mut bytes = Vec::new();
        for entry in group {
            text_at.push((bytes.len() as u64, entry.text().len() as u64));
            bytes.extend_from_slice(entry.text());
        }
        files.push(IndexFile {
            path: text_path(number * TEXTS_PER_FILE),
            bytes,
        });
    }
    (files, text_at)
}

/// The cards files of `cards`, in the blog's order.
fn card_files(cards: &[Card], gzipper: &Gzipper) -> Vec<IndexFile> {
    let groups: Vec<(usize, &[Card])> = cards.chunks(CARDS_PER_FILE).enumerate().collect();
    on_every_core(&groups, |&(number, group)| {
        let json = serde_json::to_vec(&CardsFile::of(group)).expect("cards serialise");
        gzipper.file(card_path(number * CARDS_PER_FILE), &json)
    })
}

/// How [`blog_files`] gzips a file: taking its earlier bytes again when they hold the same.
struct Gzipper<'a> {
    earlier: &'a (dyn Fn(&str) -> Option<Vec<u8>> + Sync),
}

impl Gzipper<'_> {
    /// The file at `path` holding `contents`, gzipped.
    fn file(&self, path: String, contents: &[u8]) -> IndexFile {
        let bytes = match (self.earlier)(&path) {
            Some(earlier) if inflates_to(&earlier, contents) => earlier,
            _ => gzip(contents),
        };
        IndexFile { path, bytes }
    }
}

fn push_number(bytes: &mut Vec<u8>, mut n: u64) {
    loop {
        let low = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            bytes.push(low);
            return;
        }
        bytes.push(low | 0x80);
    }
}

/// `postings`, sorted by post: their count, then each as its post's distance from the one
/// before (× 2, + whether in the title) and its weight.
fn push_postings(bytes: &mut Vec<u8>, postings: &[Posting]) {
    push_number(bytes, postings.len() as u64);
    let mut previous = 0;
    for posting in postings {
        push_number(
            bytes,
            u64::from(posting.post - previous) * 2 + u64::from(posting.in_title),
        );
        bytes.push(posting.weight);
        previous = posting.post;
    }
}

/// `card`: where its text is (start, length), its title, day, category and slug as
/// [written](Card::written_slug).
fn push_card(bytes: &mut Vec<u8>, card: &Card) {
    push_number(bytes, card.text_at.0);
    push_number(bytes, card.text_at.1);
    push_text(bytes, &card.title);
    push_text(bytes, &card.date.to_string());
    push_text(bytes, &card.category);
    push_text(bytes, card.written_slug());
}

fn push_text(bytes: &mut Vec<u8>, text: &str) {
    push_number(bytes, text.len() as u64);
    bytes.extend_from_slice(text.as_bytes());
}

/// Reads a shard's bytes, checking everything: bytes from the network never panic.
struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Result<u8, ShardError> {
        let (&first, rest) = self.bytes.split_first().ok_or(ShardError)?;
        self.bytes = rest;
        Ok(first)
    }

    fn number(&mut self) -> Result<u64, ShardError> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            n |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(ShardError)
    }

    fn count(&mut self) -> Result<usize, ShardError> {
        // A count can never exceed the bytes left: a corrupt one allocates nothing huge.
        let n = usize::try_from(self.number()?).map_err(|_| ShardError)?;
        if n > self.bytes.len() {
            return Err(ShardError);
        }
        Ok(n)
    }

    fn slice(&mut self) -> Result<&'a [u8], ShardError> {
        let length = self.count()?;
        let (slice, rest) = self.bytes.split_at(length);
        self.bytes = rest;
        Ok(slice)
    }

    fn text(&mut self) -> Result<String, ShardError> {
        String::from_utf8(self.slice()?.to_vec()).map_err(|_| ShardError)
    }

    /// What [`push_card`] wrote.
    fn card(&mut self) -> Result<Card, ShardError> {
        let text_at = (self.number()?, self.number()?);
        let title = self.text()?;
        let date = self.text()?.parse().map_err(|_| ShardError)?;
        let category = self.text()?;
        let slug = self.text()?;
        Ok(Card {
            slug: Card::slug_read(&title, slug),
            title,
            date,
            category,
            text_at,
        })
    }

    /// What [`push_postings`] wrote.
    fn postings(&mut self) -> Result<Vec<Posting>, ShardError> {
        let mut postings = Vec::new();
        let mut post: u64 = 0;
        for _ in 0..self.count()? {
            let delta = self.number()?;
            post = post.checked_add(delta / 2).ok_or(ShardError)?;
            postings.push(Posting {
                post: u32::try_from(post).map_err(|_| ShardError)?,
                in_title: delta % 2 == 1,
                weight: self.byte()?,
            });
        }
        Ok(postings)
    }
}

impl Shard {
    /// Reads a shard written by [`blog_files`]; [`ShardError`] for anything else.
    pub fn decode(bytes: &[u8]) -> Result<Shard, ShardError> {
        let mut reader = Reader { bytes };
        if [reader.byte()?, reader.byte()?, reader.byte()?] != [b'C', b'S', INDEX_VERSION as u8] {
            return Err(ShardError);
        }
        let mut stems = Vec::new();
        for _ in 0..reader.count()? {
            let stem = reader.text()?;
            stems.push((stem, reader.postings()?));
        }
        let mut words = Vec::new();
        for _ in 0..reader.count()? {
            let word = reader.text()?;
            let stem = usize::try_from(reader.number()?).map_err(|_| ShardError)?;
            if stem >= stems.len() {
                return Err(ShardError);
            }
            words.push((word, stem));
        }
        let prefix = reader.postings()?;
        let mut top = Vec::new();
        for _ in 0..reader.count()? {
            let post = u32::try_from(reader.number()?).map_err(|_| ShardError)?;
            top.push((post, reader.card()?));
        }
        if !reader.bytes.is_empty() {
            return Err(ShardError);
        }
        Ok(Shard {
            stems,
            words,
            prefix,
            top,
        })
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::Date;
    use flate2::write::GzEncoder;
    use flate2::Compression;
    use std::io::Write;

    /// One post as the tests give it: what its card shows, and its text without markup.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub(crate) struct PostRecord {
        pub slug: String,
        pub title: String,
        pub date: Date,
        pub category: String,
        pub text: String,
    }

    impl PostRecord {
        /// Its card, before the index says where its text is.
        pub(crate) fn card(&self) -> Card {
            Card {
                slug: self.slug.clone(),
                title: self.title.clone(),
                date: self.date,
                category: self.category.clone(),
                text_at: (0, 0),
            }
        }
    }

    /// Every file of the index of `documents` (in the blog's order, newest first), for a blog
    /// in `language`: the index of posts given as text, without Markdown.
    pub(crate) fn build(language: Language, documents: &[PostRecord]) -> Vec<IndexFile> {
        build_split_above(language, documents, SPLIT_ABOVE)
    }

    /// [`build`], a two-letter prefix split when its shard would take more than `split_above`
    /// bytes (0: every one).
    pub(crate) fn build_split_above(
        language: Language,
        documents: &[PostRecord],
        split_above: usize,
    ) -> Vec<IndexFile> {
        let analyzer = Analyzer::new(language);
        let entries: Vec<PostEntry> = documents
            .iter()
            .map(|document| PostEntry::new(&analyzer, &document.title, &document.text))
            .collect();
        assemble(
            language,
            documents.iter().map(PostRecord::card).collect(),
            &entries,
            &Gzipper { earlier: &|_| None },
            split_above,
        )
    }

    pub(crate) fn document(slug: &str, title: &str, date: &str, text: &str) -> PostRecord {
        PostRecord {
            slug: slug.to_owned(),
            title: title.to_owned(),
            date: date.parse().unwrap(),
            category: "Actus".to_owned(),
            text: text.to_owned(),
        }
    }

    pub(crate) fn sample() -> Vec<PostRecord> {
        vec![
            document(
                "reseaux",
                "Les réseaux sociaux B2B",
                "2010-02-01",
                "Viadéo et LinkedIn sont des réseaux professionnels. L’avènement du web social.",
            ),
            document(
                "community",
                "Community manager, un métier",
                "2009-10-06",
                "Le community manager anime un réseau de fans. Son cœur de métier.",
            ),
            document(
                "business",
                "Générer du business",
                "2009-09-01",
                "Générer du business avec un blog et des clients.",
            ),
        ]
    }

    /// `stored` inflated (every gzip member of it, one after another).
    fn inflate(stored: &[u8]) -> Vec<u8> {
        assert!(crate::gzip::is_gzipped(stored), "gzipped");
        crate::gzip::inflate(stored).unwrap()
    }

    /// The stored file at `path`, inflated.
    pub(crate) fn file(files: &[IndexFile], path: &str) -> Vec<u8> {
        let stored = &files.iter().find(|f| f.path == path).unwrap().bytes;
        if path == META_PATH {
            return stored.clone();
        }
        inflate(stored)
    }

    /// The cards of the cards file at `path`.
    fn cards_at(files: &[IndexFile], path: &str) -> Vec<Card> {
        serde_json::from_slice::<CardsFile>(&file(files, path))
            .unwrap()
            .cards()
    }

    /// The text of the post numbered `id`, read as the worker does: its card, then the range of
    /// its texts file the card points at.
    fn text_of(files: &[IndexFile], id: usize) -> String {
        let cards = cards_at(files, &card_path(id));
        let (start, length) = cards[id % CARDS_PER_FILE].text_at;
        let stored = &files
            .iter()
            .find(|f| f.path == text_path(id))
            .unwrap()
            .bytes;
        let member = &stored[start as usize..(start + length) as usize];
        String::from_utf8(inflate(member)).unwrap()
    }

    #[test]
    fn the_index_is_meta_shards_cards_and_texts_and_deterministic() {
        let files = build(Language::French, &sample());
        assert_eq!(files, build(Language::French, &sample()));
        let meta: Meta = serde_json::from_slice(&file(&files, META_PATH)).unwrap();
        assert_eq!(meta.posts, 3);
        assert!(meta.shards.contains(&"re".to_owned()));
        let cards = cards_at(&files, "search/c/0.bin");
        assert_eq!(cards.len(), 3);
        assert_eq!(cards[1].slug, "community");
        assert_eq!(cards[1].date, Date::new(2009, 10, 6).unwrap());
        assert_eq!(text_of(&files, 2), sample()[2].text);
        // The texts file is also one gzip stream of every text, in order.
        let all: String = sample().iter().map(|post| post.text.as_str()).collect();
        assert_eq!(file(&files, "search/p/0.bin"), all.as_bytes());
        assert_eq!(files.len(), 1 + meta.shards.len() + 2);
    }

    #[test]
    fn cards_go_by_16_and_texts_by_256_in_the_index_order() {
        let documents: Vec<PostRecord> = (0..300)
            .map(|n| {
                document(
                    &format!("billet-{n}"),
                    "Titre",
                    "2009-01-01",
                    &format!("texte {n}"),
                )
            })
            .collect();
        let files = build(Language::French, &documents);
        let cards = files
            .iter()
            .filter(|f| f.path.starts_with("search/c/"))
            .count();
        assert_eq!(cards, 19);
        let last = cards_at(&files, "search/c/18.bin");
        assert_eq!(last.len(), 300 - 18 * 16);
        let texts: Vec<&str> = files
            .iter()
            .filter(|f| f.path.starts_with("search/p/"))
            .map(|f| f.path.as_str())
            .collect();
        assert_eq!(texts, ["search/p/0.bin", "search/p/1.bin"]);
        for id in [0, 15, 16, 255, 256, 299] {
            assert_eq!(card_path(id), format!("search/c/{}.bin", id / 16));
            assert_eq!(text_path(id), format!("search/p/{}.bin", id / 256));
            let cards = cards_at(&files, &card_path(id));
            assert_eq!(cards[id % 16].slug, format!("billet-{id}"));
            assert_eq!(text_of(&files, id), format!("texte {id}"));
        }
    }

    #[test]
    fn a_shard_holds_its_words_their_stems_and_postings() {
        let files = build(Language::French, &sample());
        let shard = Shard::decode(&file(&files, "search/t/re.bin")).unwrap();
        let words: Vec<&str> = shard.words.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(words, ["reseau", "reseaux"]);
        let (stem, postings) = &shard.stems[shard.words[0].1];
        assert_eq!(stem, "reseau");
        assert_eq!(shard.words[0].1, shard.words[1].1);
        let posts: Vec<(u32, bool)> = postings.iter().map(|p| (p.post, p.in_title)).collect();
        assert_eq!(posts, [(0, true), (1, false)]);
        assert!(postings.iter().all(|p| p.weight > 0));
    }

    #[test]
    fn a_huge_post_is_indexed_whole_but_keeps_only_its_start_for_passages() {
        let text = format!("{}fin", "é ".repeat(PASSAGE_TEXT));
        let files = build(Language::French, &[document("a", "A", "2009-01-01", &text)]);
        let kept = text_of(&files, 0);
        assert!((PASSAGE_TEXT - 2..=PASSAGE_TEXT).contains(&kept.len()));
        assert!(
            files.iter().any(|f| f.path == "search/t/fi.bin"),
            "« fin » is indexed"
        );
        assert_eq!(start_of("aé", 2), "a");
    }

    fn blog() -> Blog {
        let post = |path: &str, title: &str, date: &str, body: &str| {
            crate::content::SourceFile::new(
                path,
                format!("+++\ntitle = \"{title}\"\ndate = {date}\ncategory = \"Actus\"\n+++\n\n{body}\n"),
            )
        };
        crate::content::build(
            None,
            &[
                post(
                    "a.md",
                    "Les réseaux",
                    "2010-02-01",
                    "Viadéo et **LinkedIn**, réseaux.",
                ),
                post(
                    "b.md",
                    "Un métier",
                    "2009-10-06",
                    "Le *community manager* et son réseau.",
                ),
                post("c.md", "Business", "2009-09-01", "Générer du business."),
            ],
            crate::content::Publish::ALL,
        )
        .unwrap()
    }

    #[test]
    fn an_entry_reads_back_as_written_and_a_bad_one_is_an_error() {
        let analyzer = Analyzer::new(Language::French);
        let entry = PostEntry::of_post(&analyzer, "Les réseaux", "Des **réseaux** et l’avènement.");
        assert_eq!(
            PostEntry::from_bytes(entry.to_bytes().to_vec()),
            Ok(entry.clone())
        );
        let words: Vec<(&[u8], u32, bool)> = entry.words().collect();
        assert_eq!(
            words,
            [
                (b"avenement" as &[u8], 1, false),
                (b"des", 1, false),
                (b"et", 1, false),
                (b"les", 3, true),
                (b"reseaux", 4, true)
            ]
        );
        let good = entry.to_bytes();
        for cut in 0..good.len() {
            assert_eq!(
                PostEntry::from_bytes(good[..cut].to_vec()),
                Err(ShardError),
                "cut at {cut}"
            );
        }
        let mut longer = good.to_vec();
        longer.push(0);
        assert_eq!(PostEntry::from_bytes(longer), Err(ShardError));
        // A word that is not UTF-8.
        let mut bad = good.to_vec();
        let at = bad.windows(3).position(|w| w == b"des").unwrap();
        bad[at] = 0xff;
        assert_eq!(PostEntry::from_bytes(bad), Err(ShardError));
    }

    #[test]
    fn an_index_from_kept_entries_is_the_index_made_afresh() {
        let blog = blog();
        let fresh = blog_index(&blog);
        let mut kept: Vec<Option<PostEntry>> = post_entries(&blog, Vec::new())
            .iter()
            .map(|entry| PostEntry::from_bytes(entry.to_bytes().to_vec()).ok())
            .collect();
        kept[1] = None;
        let entries = post_entries(&blog, kept);
        assert_eq!(blog_files(&blog, &entries, &|_| None), fresh);
        // And the same as the index of the same posts given as records.
        let records: Vec<PostRecord> = blog
            .manifest
            .posts
            .iter()
            .zip(&blog.bodies)
            .map(|(summary, markdown)| PostRecord {
                slug: summary.slug.clone(),
                title: summary.title.clone(),
                date: summary.date,
                category: summary.category.name.clone(),
                text: crate::markdown::searchable_text(markdown),
            })
            .collect();
        assert_eq!(build(Language::French, &records), fresh);
    }

    #[test]
    fn a_file_unchanged_since_an_earlier_build_keeps_its_bytes() {
        let blog = blog();
        let entries = post_entries(&blog, Vec::new());
        let fresh = blog_files(&blog, &entries, &|_| None);
        let whole = |path: &str| path.starts_with("search/t/") || path.starts_with("search/c/");
        // The same contents gzipped at another level: other bytes, so taking them shows that
        // the earlier file was used rather than compressed anew.
        let other_level = |contents: &[u8]| {
            let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
            encoder.write_all(contents).unwrap();
            encoder.finish().unwrap()
        };
        let earlier = |path: &str| {
            let file = fresh.iter().find(|file| file.path == path)?;
            Some(other_level(&inflate(&file.bytes)))
        };
        let reused = blog_files(&blog, &entries, &earlier);
        assert_eq!(reused.len(), fresh.len());
        assert!(fresh.iter().any(|file| file.path.starts_with("search/c/")));
        for (reused, fresh) in reused.iter().zip(&fresh) {
            assert_eq!(reused.path, fresh.path);
            if whole(&fresh.path) {
                assert_ne!(reused.bytes, fresh.bytes, "{}", fresh.path);
                assert_eq!(
                    reused.bytes,
                    other_level(&inflate(&fresh.bytes)),
                    "{}",
                    fresh.path
                );
            } else {
                assert_eq!(reused.bytes, fresh.bytes, "{}", fresh.path);
            }
        }
        // Earlier bytes holding something else, cut short, followed by more, or not gzip at
        // all are ignored: the file is compressed anew.
        for earlier in [
            &(|_: &str| Some(gzip(b"other"))) as &(dyn Fn(&str) -> Option<Vec<u8>> + Sync),
            &|path| earlier(path).map(|bytes| bytes[..bytes.len() - 1].to_vec()),
            &|path| earlier(path).map(|bytes| [bytes.clone(), bytes].concat()),
            &|_| Some(b"\x1f\x8bnot gzip".to_vec()),
        ] {
            assert_eq!(blog_files(&blog, &entries, earlier), fresh);
        }
    }

    #[test]
    fn a_bad_shard_is_an_error_not_a_panic() {
        let files = build(Language::French, &sample());
        let good = &file(&files, "search/t/re.bin");
        for cut in 0..good.len() {
            assert_eq!(Shard::decode(&good[..cut]), Err(ShardError), "cut at {cut}");
        }
        let mut longer = good.to_vec();
        longer.push(0);
        assert_eq!(Shard::decode(&longer), Err(ShardError));
        assert_eq!(
            Shard::decode(b"CS\x01\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01"),
            Err(ShardError)
        );
    }
}
