//! The search index a build writes: where, in which language, readable by the query code, the
//! same bytes from the same content, and the empty search page beside it.

use carnet_core::gzip;
use carnet_core::search::index::Shard;
use carnet_core::search::{Analyzer, CardsFile, Meta, META_PATH, SHOWN};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Builds `content` into a fresh folder `name` holding a page as Trunk writes it.
fn built(name: &str, content: &Path) -> PathBuf {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("search-{name}"));
    let _ = fs::remove_dir_all(&out);
    fs::create_dir_all(&out).unwrap();
    fs::write(
        out.join("index.html"),
        "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">\
         <meta name=\"carnet-base\" content=\"/\"><title>Carnet</title></head><body></body></html>",
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_carnet"))
        .current_dir(repository())
        .args(["build", "--content", content.to_str().unwrap()])
        .args(["--out", out.to_str().unwrap()])
        // A cache of its own: not the repository's, which `trunk serve` may be using.
        .args(["--cache", out.with_extension("cache").to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    out
}

/// A file of the index as written, inflated: every one but meta.json is gzipped.
fn inflated(out: &Path, path: &str) -> Vec<u8> {
    let stored = fs::read(out.join(path)).unwrap();
    assert!(gzip::is_gzipped(&stored), "{path} is gzipped");
    gzip::inflate(&stored).unwrap()
}

fn shards(out: &Path, meta: &Meta) -> BTreeMap<String, Shard> {
    meta.shards
        .iter()
        .map(|key| {
            let bytes = inflated(out, &carnet_core::search::shard_path(key));
            (key.clone(), Shard::decode(&bytes).unwrap())
        })
        .collect()
}

fn found(out: &Path, typed: &str) -> Vec<String> {
    let meta: Meta = serde_json::from_slice(&fs::read(out.join(META_PATH)).unwrap()).unwrap();
    let analyzer = Analyzer::new(meta.language);
    let hits = analyzer
        .query(typed)
        .rank(&meta, &shards(out, &meta), SHOWN);
    hits.ranked
        .iter()
        .map(|hit| {
            let post = hit.post as usize;
            let path = carnet_core::search::card_path(post);
            let cards = serde_json::from_slice::<CardsFile>(&inflated(out, &path))
                .unwrap()
                .cards();
            cards[post % carnet_core::search::CARDS_PER_FILE]
                .slug
                .clone()
        })
        .collect()
}

#[test]
fn the_seed_blog_is_searchable_from_the_files_a_build_writes() {
    let out = built("seed", &repository().join("content"));
    assert_eq!(
        found(&out, "VIADEO "),
        ["les-reseaux-sociaux-b2b-vont-ils-disparaitre"]
    );
    assert_eq!(found(&out, "viadéo "), found(&out, "VIADEO "));
    assert_eq!(
        found(&out, "transparent"),
        ["community-manager-un-metier-transparent"]
    );
    assert!(found(&out, "introuvablissime ").is_empty());
    // Only « atelier » is written: the stem finds it.
    assert_eq!(
        found(&out, "ateliers "),
        ["generer-du-business-avec-les-reseaux-sociaux"]
    );
    assert_eq!(
        found(&out, "NOTORIETE "),
        ["generer-du-business-avec-les-reseaux-sociaux"]
    );
    let page = fs::read_to_string(out.join("search/index.html")).unwrap();
    assert!(page.contains("worker-src 'self'"), "{page}");
    // The same content, the same bytes.
    let again = built("seed-again", &repository().join("content"));
    for file in [
        "search/meta.json",
        "search/t/re.bin",
        "search/c/0.bin",
        "search/p/0.bin",
    ] {
        assert_eq!(
            fs::read(out.join(file)).unwrap(),
            fs::read(again.join(file)).unwrap()
        );
    }
}

#[test]
fn an_english_blog_gets_an_english_index() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/english");
    let out = built("english", &fixture);
    let meta: Meta = serde_json::from_slice(&fs::read(out.join(META_PATH)).unwrap()).unwrap();
    assert_eq!(meta.language, carnet_core::i18n::Language::English);
    assert_eq!(meta.posts, 2);
    // « posts » is stemmed as English: it finds « post », in both titles; « first » is in the
    // first post's title and in the second's text (a link to the first), so both match, the
    // post with both words in its title first.
    assert_eq!(
        found(&out, "posts first "),
        ["the-first-post", "the-second-post"]
    );
    assert_eq!(found(&out, "posts second "), ["the-second-post"]);
}
