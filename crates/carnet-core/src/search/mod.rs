//! Full-text search: how words are read (one [`Analyzer`] for the index and the query), the
//! index the content tool writes ([`index`]), and how a query is answered from it ([`query`]).
//!
//! The index is cut so that a query downloads only what it needs: one small `meta.json`, one
//! shard of the vocabulary per two-letter prefix of a word (`t/<prefix>.bin`: each word of that
//! prefix, its stem, and the stem's postings), or, where that shard would be large, shards named
//! by three letters, the two-letter file then holding only the posts that have a word of its
//! prefix (what a reader who has typed two letters needs: [`index::Shard::prefix`]); the [`Card`]s of the results shown (`c/<n>.bin`,
//! [`CARDS_PER_FILE`] posts a file), and the texts their passages are cut from, for the first
//! [`WITH_PASSAGE`] only: each post's text is gzipped on its own, one after another in a file
//! of [`TEXTS_PER_FILE`] posts (`p/<n>.bin`), and its card says where ([`Card::text_at`]), so
//! the worker fetches exactly that text with an HTTP range request. A query thus costs a few
//! kilobytes a result while the whole index stays a few hundred files (hosts count files). A
//! host that ignores ranges sends the whole file, which the worker then keeps and reads from.
//! Shards and cards are stored gzipped too ([`crate::gzip`]): hosts send `.bin` files as they
//! are, and the index takes a third of the room on disk; the worker inflates them with the
//! browser's own `DecompressionStream`. The search worker (its own wasm) fetches those; the
//! page's search script only sends it a [`Request`] and draws the [`Answer`].
//!
//! Between the page's search script (`public/search.js`) and the worker, messages are plain
//! JavaScript values: a request is the array `[id, query]`; an answer is `[id, said, results,
//! error]`, `said` the line over the results in the blog's language ([`Answer::said`]), each
//! result `[href, title, date, day, category, chosen, passage]`: the post's address, `date`
//! written `YYYY-MM-DD` and `day` as readers read it, `chosen` what a screen reader hears when
//! the result is chosen ([`Found::chosen`]), `title` and `passage` their [`runs`] (`passage`
//! absent past the first [`WITH_PASSAGE`], or until its text is fetched: a request can have two
//! answers, see [`PASSAGES_AFTER_MS`]), and `error` absent unless the index could not be read.
//! The worker first says `"ready"`.
//!
//! Words are folded before anything else: lower case, accents dropped, `œ`/`æ` written `oe`/`ae`,
//! typographic apostrophes read as apostrophes, and in French the elided article or pronoun of
//! « l’avènement », « d’un », « qu’il » dropped. The folded word is then stemmed by the Snowball
//! stemmer of the blog's language (`rust-stemmers`), so « réseau », « reseaux » and « Réseaux »
//! all meet at `reseau`. Folding first means a query typed without accents is read exactly as
//! one typed with them.

pub mod index;
pub mod query;

use crate::i18n::SearchStrings;
use crate::model::Language;
use crate::Date;
use rust_stemmers::{Algorithm, Stemmer};
use serde::{Deserialize, Serialize};

/// The version of the index's format; the worker refuses another.
pub const INDEX_VERSION: u32 = 5;

/// The folder of the index, relative to the site's base (also the `/search/` page's folder).
pub const SEARCH_DIR: &str = "search/";

/// The index's description: version, language, post count and which shards exist.
pub const META_PATH: &str = "search/meta.json";

/// How many results an answer shows, and how many more each time the reader asks for more.
pub const SHOWN: usize = 10;

/// The most results an answer shows, however many the reader asks for (a page's address says
/// how many: `n=20`).
pub const MOST_SHOWN: usize = 1000;

/// How many results, the first, an answer given at once shows: with each letter typed, the
/// worker fetches their cards only; the other results' and the passages come once typing
/// pauses ([`PASSAGES_AFTER_MS`]).
pub const SHOWN_AT_ONCE: usize = 5;

/// How many of the [`SHOWN`] results, the first, show a passage: a passage needs the post's
/// text, by far the largest thing a query downloads, and a reader reads the first results.
pub const WITH_PASSAGE: usize = 5;

/// How long a query must stay unchanged before the worker fetches what its answer given at
/// once lacked, in milliseconds. It answers at once with the first [`SHOWN_AT_ONCE`] results
/// (titles, dates, categories, and the passages whose texts it has), then, if no other query
/// came meanwhile, again with all [`SHOWN`] and every passage: a reader typing a word does not
/// download the cards and texts of all the results of each of its letters. Pagefind's own interface waits as long before it searches
/// at all (its `debounceTimeoutMs`, 300 by default).
pub const PASSAGES_AFTER_MS: i32 = 300;

/// The file of the vocabulary shard of words starting with `key` (see [`shard_key`]).
pub fn shard_path(key: &str) -> String {
    let name = if key.bytes().all(|b| b.is_ascii_alphanumeric()) {
        key.to_owned()
    } else {
        // Letters outside a-z (Greek, Cyrillic…) as hex: one spelling on every file system.
        let hex: String = key.bytes().map(|b| format!("{b:02x}")).collect();
        format!("x{hex}")
    };
    format!("search/t/{name}.bin")
}

/// How many posts share a file of [`Card`]s: a card is small, so the cards of a query's ten
/// results cost about a kilobyte each, and a blog of 10,000 posts gets 625 such files.
pub const CARDS_PER_FILE: usize = 16;

/// How many posts' texts share a file: a text is fetched alone (a range of its file), so this
/// only sets how many files the texts make (40 for 10,000 posts, about 640 KB each) and what a
/// host that ignores ranges sends instead (the whole file, once).
pub const TEXTS_PER_FILE: usize = 256;

/// The file holding the [`Card`] of the post numbered `id` in the index (its position, newest
/// first): `c/<id / CARDS_PER_FILE>.bin`, the cards of its posts in order.
pub fn card_path(id: usize) -> String {
    format!("search/c/{}.bin", id / CARDS_PER_FILE)
}

/// The file holding the text of the post numbered `id`: `p/<id / TEXTS_PER_FILE>.bin`, the
/// texts of its posts in order, each gzipped on its own, where [`Card::text_at`] says.
pub fn text_path(id: usize) -> String {
    format!("search/p/{}.bin", id / TEXTS_PER_FILE)
}

/// A folded word's first two characters (one for a word of one): the shard it belongs to,
/// unless that prefix is [split](Meta::split).
pub fn shard_key(word: &str) -> &str {
    first_chars(word, 2)
}

/// The first `count` characters of `word` (all of it if it has fewer).
pub(crate) fn first_chars(word: &str, count: usize) -> &str {
    let end = word
        .char_indices()
        .nth(count)
        .map_or(word.len(), |(at, _)| at);
    &word[..end]
}

/// What `meta.json` says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// [`INDEX_VERSION`] when written.
    pub version: u32,
    /// The blog's language, which picks the stemmer.
    pub language: Language,
    /// How many posts are indexed.
    pub posts: usize,
    /// The key of every shard written, sorted: a key not there has no words.
    pub shards: Vec<String>,
    /// The two-letter prefixes whose longer words are in shards named by three letters,
    /// sorted: their own shard holds their words of two letters and [every post with a word
    /// they start](index::Shard::prefix).
    pub split: Vec<String>,
}

impl Meta {
    /// The key of the shard that holds a folded `word`. Its first two characters, unless they
    /// are [split](Meta::split) and it has more: then the shards of that prefix named by three
    /// characters each hold the words from their name to the next one's, and the word's is
    /// the last whose name does not sort after its first three characters (the first if all
    /// do).
    pub fn shard_of<'a>(&'a self, word: &'a str) -> &'a str {
        let two = shard_key(word);
        let is_split = self
            .split
            .binary_search_by(|key| key.as_str().cmp(two))
            .is_ok();
        if two.len() == word.len() || !is_split {
            return two;
        }
        let three = first_chars(word, 3);
        let is_part = |key: &&String| key.len() > two.len() && key.starts_with(two);
        let at = self.shards.partition_point(|key| key.as_str() <= three);
        self.shards[..at]
            .last()
            .filter(is_part)
            .or_else(|| self.shards[at..].iter().find(is_part))
            .map_or(two, String::as_str)
    }
}

/// What a result shows of a post but its passage, in its [`card_path`] (as a [`CardsFile`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Card {
    /// Its slug, for its URL.
    pub slug: String,
    /// Its title.
    pub title: String,
    /// Its day.
    pub date: Date,
    /// Its category's name.
    pub category: String,
    /// Where its text is in its [`text_path`]: the byte at which its gzip member starts, and
    /// that member's length.
    pub text_at: (u64, u64),
}

impl Card {
    /// Its slug as the index writes it: empty when it is the one its title gives
    /// ([`crate::slug::page_slug`]), as it is unless the author chose another.
    pub fn written_slug(&self) -> &str {
        if self.slug == crate::slug::page_slug(&self.title) {
            ""
        } else {
            &self.slug
        }
    }

    /// The slug of a card titled `title` whose slug was written `written`
    /// ([`Card::written_slug`]).
    pub fn slug_read(title: &str, written: String) -> String {
        if written.is_empty() {
            crate::slug::page_slug(title)
        } else {
            written
        }
    }
}

/// A file of [`Card`]s as written: where the first post's text starts in its [`text_path`],
/// then one [`CardRow`] a post. The posts of a cards file are consecutive in one texts file
/// ([`TEXTS_PER_FILE`] is a multiple of [`CARDS_PER_FILE`]), so each text starts where the one
/// before ends and only its length is written. As JSON: `[start, [[title, date, category,
/// length, slug], …]]`, a third lighter gzipped than the cards written out with their names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardsFile(pub u64, pub Vec<CardRow>);

/// A card in a [`CardsFile`]: title, day, category's name, its text's length, and its slug as
/// [written](Card::written_slug).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardRow(pub String, pub Date, pub String, pub u64, pub String);

impl CardsFile {
    /// The file of `cards`, consecutive posts whose texts follow each other.
    pub fn of(cards: &[Card]) -> CardsFile {
        let start = cards.first().map_or(0, |card| card.text_at.0);
        let rows = cards
            .iter()
            .map(|card| {
                CardRow(
                    card.title.clone(),
                    card.date,
                    card.category.clone(),
                    card.text_at.1,
                    card.written_slug().to_owned(),
                )
            })
            .collect();
        CardsFile(start, rows)
    }

    /// Its cards, each text's place worked out from the lengths.
    pub fn cards(self) -> Vec<Card> {
        let mut start = self.0;
        self.1
            .into_iter()
            .map(|CardRow(title, date, category, length, slug)| {
                let text_at = (start, length);
                start = start.saturating_add(length);
                Card {
                    slug: Card::slug_read(&title, slug),
                    title,
                    date,
                    category,
                    text_at,
                }
            })
            .collect()
    }
}

/// A query sent to the search worker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// Numbers the requests, so that only the answer to the latest is drawn.
    pub id: u32,
    /// The query as typed.
    pub query: String,
    /// How many results the reader has asked to see: [`SHOWN`], and [`SHOWN`] more each time
    /// they ask for more.
    pub shown: usize,
}

/// The worker's answer to a [`Request`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answer {
    /// The request's id.
    pub id: u32,
    /// The query it answers, as typed.
    pub query: String,
    /// How many posts match.
    pub total: usize,
    /// The first of them, as many as the request asked, best first.
    pub results: Vec<Found>,
    /// Set when the index could not be loaded or read: why, for the console.
    pub error: Option<String>,
}

/// A post found: what its result shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// Its slug.
    pub slug: String,
    /// Its title, the matched words marked.
    pub title: Vec<Piece>,
    /// Its day.
    pub date: Date,
    /// Its category's name.
    pub category: String,
    /// The passage that matches best, the matched words marked; empty past the first
    /// [`WITH_PASSAGE`] results.
    pub passage: Vec<Piece>,
}

impl Answer {
    /// The line over the results, in the blog's language: « 3 résultats », or « Aucun résultat
    /// pour « … » » with the query as typed, unless it is one letter still being typed, which
    /// matches only a word of one letter: then « Tapez au moins deux lettres. ».
    pub fn said(&self, strings: &SearchStrings) -> String {
        // Letters as the index folds them: « œ » is two.
        let letters: usize = (self.query.trim_start().chars())
            .map(|c| crate::slug::fold(c).len().max(1))
            .sum();
        let one_letter_typed = letters == 1 && !self.query.ends_with(char::is_whitespace);
        match self.total {
            0 if one_letter_typed => strings.keep_typing.to_owned(),
            0 => (strings.no_results)(self.query.trim()),
            total => (strings.results)(total),
        }
    }
}

impl Found {
    /// What a screen reader hears when this result, at `position` (from 1) of the `count`
    /// shown, is chosen with the arrows: « Résultat 2 sur 5 : Titre ».
    pub fn chosen(&self, strings: &SearchStrings, position: usize, count: usize) -> String {
        let title: String = self.title.iter().map(|piece| piece.text.as_str()).collect();
        (strings.chosen_result)(position, count, &title)
    }
}

/// A run of text, marked (`<mark>`) if it is a matched word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    /// The text, as written in the post.
    pub text: String,
    /// Whether it matched a word of the query.
    pub mark: bool,
}

/// `pieces` as alternating runs, plain first: the runs at odd positions are marked. Neighbours
/// of one kind are joined, and a text that opens marked starts with an empty plain run.
pub fn runs(pieces: &[Piece]) -> Vec<String> {
    let mut runs = vec![String::new()];
    for piece in pieces {
        if piece.mark != (runs.len() % 2 == 0) {
            runs.push(String::new());
        }
        if let Some(run) = runs.last_mut() {
            run.push_str(&piece.text);
        }
    }
    runs
}

/// A word of a text: folded, with where it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// Folded: lower case, no accents, ligatures spelled out.
    pub text: String,
    /// Its byte range in the text it was read from.
    pub start: usize,
    /// The end of that range.
    pub end: usize,
}

/// Reads words the same way for the index and the query, in the blog's language.
pub struct Analyzer {
    language: Language,
    stemmer: Stemmer,
}

/// What French elides before a vowel: « l’ », « d’ », « qu’ »… dropped before the word.
const FRENCH_ELISIONS: [&str; 13] = [
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
];

impl Analyzer {
    /// The analyzer of a blog in `language`.
    pub fn new(language: Language) -> Analyzer {
        let algorithm = match language {
            Language::French => Algorithm::French,
            Language::English => Algorithm::English,
        };
        Analyzer {
            language,
            stemmer: Stemmer::create(algorithm),
        }
    }

    /// The language it reads.
    pub fn language(&self) -> Language {
        self.language
    }

    /// The stem of a folded word.
    pub fn stem(&self, word: &str) -> String {
        self.stemmer.stem(word).into_owned()
    }

    /// The words of `text`, folded, in order. Letters and digits make words; anything else
    /// separates them; in French an elided « l’ », « d’ », « qu’ »… is dropped.
    pub fn words(&self, text: &str) -> Vec<Word> {
        let mut words = Vec::new();
        self.each_word(text, |folded, start, end| {
            words.push(Word {
                text: folded.to_owned(),
                start,
                end,
            });
        });
        words
    }

    /// Calls `found` with each word of `text` as [`Analyzer::words`] reads it (folded, its start
    /// and end), folding every word into one buffer: the index reads every post's words and a
    /// result every word of its text, most of them words seen already.
    pub fn each_word(&self, text: &str, mut found: impl FnMut(&str, usize, usize)) {
        let mut current = String::new();
        let mut start = 0;
        for (at, c) in text.char_indices() {
            // Most of a text is ASCII letters and spaces: those straight away.
            if c.is_ascii_alphanumeric() {
                if current.is_empty() {
                    start = at;
                }
                current.push(c.to_ascii_lowercase());
                continue;
            }
            if c.is_ascii_whitespace() {
                if !current.is_empty() {
                    found(&current, start, at);
                    current.clear();
                }
                continue;
            }
            let folded = crate::slug::fold(c);
            if !folded.is_empty() || c.is_alphanumeric() {
                if current.is_empty() {
                    start = at;
                }
                if folded.is_empty() {
                    current.extend(c.to_lowercase());
                } else {
                    current.push_str(folded);
                }
            } else if is_apostrophe(c)
                && self.language == Language::French
                && FRENCH_ELISIONS.contains(&current.as_str())
            {
                current.clear();
            } else if !current.is_empty() {
                found(&current, start, at);
                current.clear();
            }
        }
        if !current.is_empty() {
            found(&current, start, text.len());
        }
    }
}

/// The straight apostrophe and its typographic forms.
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ' | '′')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_says_how_many_posts_match_and_which_is_chosen_in_the_blogs_language() {
        let fr = &Language::French.search_strings();
        let answer = |total| Answer {
            query: " reseaux zzz ".into(),
            total,
            ..Answer::default()
        };
        assert_eq!(answer(0).said(fr), "Aucun résultat pour « reseaux zzz »");
        // One letter being typed matches only a word of one letter: none, so « type on ».
        let typed = |query: &str, total| Answer {
            query: query.into(),
            total,
            ..Answer::default()
        };
        assert_eq!(typed("r", 0).said(fr), "Tapez au moins deux lettres.");
        assert_eq!(typed(" é", 0).said(fr), "Tapez au moins deux lettres.");
        assert_eq!(typed("a", 2).said(fr), "2 résultats");
        // « œ » is searched as « oe », two letters.
        assert_eq!(typed("œ", 0).said(fr), "Aucun résultat pour « œ »");
        assert_eq!(typed("r ", 0).said(fr), "Aucun résultat pour « r »");
        assert_eq!(typed("rz", 0).said(fr), "Aucun résultat pour « rz »");
        assert_eq!(
            typed("r", 0).said(&Language::English.search_strings()),
            "Type at least two letters."
        );
        assert_eq!(answer(1).said(fr), "1 résultat");
        assert_eq!(answer(12000).said(fr), "12\u{202f}000 résultats");
        assert_eq!(
            answer(3).said(&Language::English.search_strings()),
            "3 results"
        );
        let found = Found {
            slug: "a".into(),
            title: vec![
                piece("Les ", false),
                piece("réseaux", true),
                piece(" B2B", false),
            ],
            date: "2009-01-07".parse().unwrap(),
            category: "Web".into(),
            passage: vec![],
        };
        assert_eq!(
            found.chosen(fr, 2, 3),
            "Résultat 2 sur 3\u{a0}: Les réseaux B2B"
        );
    }

    fn words(language: Language, text: &str) -> Vec<String> {
        Analyzer::new(language)
            .words(text)
            .into_iter()
            .map(|w| w.text)
            .collect()
    }

    fn piece(text: &str, mark: bool) -> Piece {
        Piece {
            text: text.to_owned(),
            mark,
        }
    }

    #[test]
    fn runs_alternate_plain_and_marked_plain_first() {
        let plain_first = [
            piece("Les ", false),
            piece("réseaux", true),
            piece(" ", false),
            piece("sociaux", false),
        ];
        assert_eq!(runs(&plain_first), ["Les ", "réseaux", " sociaux"]);
        let marked_first = [
            piece("Réseaux", true),
            piece(" et ", false),
            piece("web", true),
        ];
        assert_eq!(runs(&marked_first), ["", "Réseaux", " et ", "web"]);
        assert_eq!(runs(&[]), [""]);
    }

    #[test]
    fn case_accents_and_ligatures_are_folded() {
        assert_eq!(
            words(Language::French, "Réseaux VIADÉO cœur Ægée ça"),
            ["reseaux", "viadeo", "coeur", "aegee", "ca"]
        );
    }

    #[test]
    fn french_elisions_are_dropped_with_either_apostrophe() {
        assert_eq!(
            words(Language::French, "l’avènement d'un outil qu’il jusqu’ici"),
            ["avenement", "un", "outil", "il", "ici"]
        );
        // Not an elision: the apostrophe only separates.
        assert_eq!(words(Language::French, "aujourd’hui"), ["aujourd", "hui"]);
        assert_eq!(words(Language::English, "l'avenir"), ["l", "avenir"]);
    }

    #[test]
    fn punctuation_and_hyphens_separate_and_offsets_point_into_the_text() {
        let text = "Community-manager : « métier » 2.0";
        let found = Analyzer::new(Language::French).words(text);
        let texts: Vec<&str> = found.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["community", "manager", "metier", "2", "0"]);
        assert_eq!(&text[found[2].start..found[2].end], "métier");
    }

    #[test]
    fn other_scripts_are_kept_in_lower_case() {
        assert_eq!(words(Language::French, "Αθήνα"), ["αθήνα"]);
    }

    #[test]
    fn stems_join_the_forms_of_a_word() {
        let fr = Analyzer::new(Language::French);
        assert_eq!(fr.stem("reseaux"), fr.stem("reseau"));
        assert_eq!(fr.stem("sociaux"), fr.stem("social"));
        let en = Analyzer::new(Language::English);
        assert_eq!(en.stem("networks"), en.stem("network"));
    }

    #[test]
    fn shards_are_named_by_two_letters_and_safely() {
        assert_eq!(shard_key("reseau"), "re");
        assert_eq!(shard_key("a"), "a");
        assert_eq!(shard_key("αθήνα"), "αθ");
        assert_eq!(shard_path("re"), "search/t/re.bin");
        assert_eq!(shard_path("αθ"), "search/t/xceb1ceb8.bin");
    }

    #[test]
    fn a_cards_file_writes_a_slug_only_when_the_title_does_not_give_it() {
        let card = |slug: &str, title: &str, text_at: (u64, u64)| Card {
            slug: slug.to_owned(),
            title: title.to_owned(),
            date: "2009-10-06".parse().unwrap(),
            category: "Réseaux".to_owned(),
            text_at,
        };
        let cards = [
            card("les-reseaux-sociaux", "Les réseaux sociaux", (512, 40)),
            card("mon-choix", "Un titre", (552, 7)),
            card("c12ab34ef", "你好", (559, 0)),
        ];
        let file = CardsFile::of(&cards);
        let json = serde_json::to_string(&file).unwrap();
        assert_eq!(
            json,
            r#"[512,[["Les réseaux sociaux","2009-10-06","Réseaux",40,""],["Un titre","2009-10-06","Réseaux",7,"mon-choix"],["你好","2009-10-06","Réseaux",0,"c12ab34ef"]]]"#
        );
        let read: CardsFile = serde_json::from_str(&json).unwrap();
        assert_eq!(read.cards(), cards);
    }

    #[test]
    fn a_split_prefix_sends_its_longer_words_to_shards_named_by_three_letters() {
        let keys = ["c", "co", "cob", "com", "cou", "cr", "re", "αθ", "αθή"];
        let meta = Meta {
            version: INDEX_VERSION,
            language: Language::French,
            posts: 1,
            shards: keys.iter().map(|key| key.to_string()).collect(),
            split: vec!["co".to_owned(), "αθ".to_owned()],
        };
        assert_eq!(meta.shard_of("communaute"), "com");
        assert_eq!(meta.shard_of("contenu"), "com");
        assert_eq!(meta.shard_of("cout"), "cou");
        assert_eq!(meta.shard_of("cozy"), "cou");
        assert_eq!(meta.shard_of("cobalt"), "cob");
        assert_eq!(meta.shard_of("coa"), "cob", "before the first: the first");
        assert_eq!(meta.shard_of("co"), "co");
        assert_eq!(meta.shard_of("c"), "c");
        assert_eq!(meta.shard_of("crise"), "cr");
        assert_eq!(meta.shard_of("reseau"), "re");
        assert_eq!(meta.shard_of("αθήνα"), "αθή");
        assert_eq!(shard_path("com"), "search/t/com.bin");
    }
}
