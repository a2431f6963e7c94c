//! Times the search worker's work for each keystroke, natively: the query read, the posts
//! ranked, and the results drawn from their cards and texts, with every shard, card and text of
//! the index already in memory (a warm worker). It leaves out what only the browser does
//! (messages, fetches, drawing), so it says how much of a keystroke is `carnet_core::search`'s
//! own.
//!
//! ```text
//! cargo run --release -p carnet-core --example query_time -- SITE WORD…
//! ```
//!
//! `SITE` is a built blog (its `search/` folder is read); each `WORD` is typed letter by
//! letter, and each prefix timed over many runs (median and worst, in microseconds).

use carnet_core::search::index::Shard;
use carnet_core::search::{
    card_path, shard_path, text_path, Analyzer, Card, CardsFile, Meta, META_PATH, SHOWN,
};
use flate2::read::GzDecoder;
use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::Path;
use std::time::Instant;

fn inflate(bytes: &[u8]) -> Vec<u8> {
    if !carnet_core::gzip::is_gzipped(bytes) {
        return bytes.to_vec();
    }
    let mut out = Vec::new();
    GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .expect("a gzipped file");
    out
}

fn read(site: &Path, path: &str) -> Vec<u8> {
    let bytes = std::fs::read(site.join(path)).unwrap_or_else(|error| panic!("{path}: {error}"));
    inflate(&bytes)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let site = args.next().expect("usage: query_time SITE WORD…");
    let site = Path::new(&site);
    let words: Vec<String> = args.collect();
    let meta: Meta = serde_json::from_slice(&read(site, META_PATH)).expect("meta.json");
    let analyzer = Analyzer::new(meta.language);
    let mut cards: HashMap<u32, Card> = HashMap::new();
    let shards: BTreeMap<String, Shard> = meta
        .shards
        .iter()
        .map(|key| {
            let mut shard = Shard::decode(&read(site, &shard_path(key))).expect("a shard");
            cards.extend(std::mem::take(&mut shard.top));
            (key.clone(), shard)
        })
        .collect();
    for first in (0..meta.posts).step_by(carnet_core::search::CARDS_PER_FILE) {
        let path = card_path(first);
        let file: CardsFile = serde_json::from_slice(&read(site, &path)).expect("cards");
        cards.extend((first as u32..).zip(file.cards()));
    }
    let mut texts_files: HashMap<String, Vec<u8>> = HashMap::new();
    let mut texts: HashMap<u32, String> = HashMap::new();
    for (&post, card) in &cards {
        let path = text_path(post as usize);
        let file = texts_files
            .entry(path.clone())
            .or_insert_with(|| std::fs::read(site.join(&path)).expect("a texts file"));
        let (start, length) = (card.text_at.0 as usize, card.text_at.1 as usize);
        let text = String::from_utf8(inflate(&file[start..start + length])).expect("UTF-8");
        texts.insert(post, text);
    }
    println!(
        "{} posts, {} shards; microseconds a keystroke, warm (median / worst of the runs):",
        meta.posts,
        shards.len()
    );
    println!("typed | found | query+rank | results | total");
    for word in &words {
        let ends: Vec<usize> = word
            .char_indices()
            .map(|(at, c)| at + c.len_utf8())
            .collect();
        for end in ends {
            let typed = &word[..end];
            let runs = 41;
            let mut rank_times = Vec::new();
            let mut result_times = Vec::new();
            let mut found = 0;
            for _ in 0..runs {
                let start = Instant::now();
                let hits = analyzer.query(typed).rank(&meta, &shards, SHOWN);
                let ranked = start.elapsed();
                let results = analyzer.results(&hits, &cards, &texts);
                let drawn = start.elapsed() - ranked;
                found = hits.total;
                assert!(results.len() <= SHOWN);
                rank_times.push(ranked.as_micros());
                result_times.push(drawn.as_micros());
            }
            let median_worst = |times: &mut Vec<u128>| {
                times.sort_unstable();
                (times[times.len() / 2], times[times.len() - 1])
            };
            let (rank_median, rank_worst) = median_worst(&mut rank_times);
            let (results_median, results_worst) = median_worst(&mut result_times);
            println!(
                "{typed} | {found} | {rank_median} / {rank_worst} | {results_median} / {results_worst} | {}",
                rank_median + results_median
            );
        }
    }
}
