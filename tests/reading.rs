//! The browser's reading of the published data (wasm-bindgen-test in headless Chromium): the
//! app has the browser parse the JSON (`JSON.parse`) and reads the pieces with
//! serde-wasm-bindgen (`carnet::api::read_json`), where the content tool and the native tests
//! read them with serde_json (`carnet_core::read::read`). Both run here on the same texts, what
//! the content tool writes and what it never would, and must agree.
#![cfg(target_arch = "wasm32")]

use carnet::api::read_json;
use carnet_core::archive::list_pages;
use carnet_core::model::{Index, SCHEMA_VERSION};
use carnet_core::read::{read, Piece, ReadError};
use carnet_core::{Bucket, Page};
use seed_blog::manifest;
use wasm_bindgen_test::*;

mod seed_blog;

wasm_bindgen_test_configure!(run_in_browser);

/// A bucket of every list page and every post of [`seed_blog::manifest`].
fn bucket() -> Bucket {
    let manifest = manifest();
    let mut bucket = Bucket::default();
    for (list, posts) in manifest.lists() {
        list_pages(list, posts, 10).for_each(|page| bucket.insert(Page::List(page)));
    }
    for position in 0..manifest.posts.len() {
        let post = manifest.post_at(position, "Le *corps*, « cité ».\n\n- un\n- deux");
        bucket.insert(Page::Post(Box::new(post)));
    }
    bucket
}

/// What the browser's reading and serde_json's make of `text`: the same piece, or errors of
/// the same kind (their messages differ: each parser says it its way).
fn both<T: Piece + PartialEq + std::fmt::Debug>(text: &str) -> Result<T, ReadError> {
    let browser = read_json::<T>(text);
    let native = read::<T>(text);
    match (&browser, &native) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "the same piece from {text}"),
        (Err(ReadError::Version(a)), Err(ReadError::Version(b))) => assert_eq!(a, b),
        (Err(ReadError::Invalid(_)), Err(ReadError::Invalid(_))) => {}
        _ => panic!("browser {browser:?}, serde_json {native:?}, for {text}"),
    }
    browser
}

fn json(value: &impl serde::Serialize) -> serde_json::Value {
    serde_json::to_value(value).unwrap()
}

#[wasm_bindgen_test]
fn the_index_and_a_bucket_as_written_are_read_alike() {
    let index = manifest().index();
    assert_eq!(
        both::<Index>(&serde_json::to_string(&index).unwrap()),
        Ok(index)
    );
    let bucket = bucket();
    assert_eq!(
        both::<Bucket>(&serde_json::to_string(&bucket).unwrap()),
        Ok(bucket)
    );
}

#[wasm_bindgen_test]
fn what_is_not_data_is_refused_alike() {
    let index = serde_json::to_string(&manifest().index()).unwrap();
    for text in [
        "",
        "null",
        "[]",
        "{}",
        "<!DOCTYPE html>",
        &index[..index.len() / 2],
    ] {
        assert!(
            matches!(both::<Index>(text), Err(ReadError::Invalid(_))),
            "{text}"
        );
    }
}

#[wasm_bindgen_test]
fn another_version_is_told_as_such_whatever_its_shape() {
    let mut index = json(&manifest().index());
    index["version"] = (SCHEMA_VERSION + 1).into();
    index["months"] = "a shape of another version".into();
    assert_eq!(
        both::<Index>(&index.to_string()),
        Err(ReadError::Version(SCHEMA_VERSION + 1))
    );
    let mut bucket = json(&bucket());
    let (_, first) = bucket.as_object_mut().unwrap().iter_mut().next().unwrap();
    first["version"] = 1.into();
    assert_eq!(
        both::<Bucket>(&bucket.to_string()),
        Err(ReadError::Version(1))
    );
}

#[wasm_bindgen_test]
fn what_cannot_be_is_refused_alike() {
    let index = json(&manifest().index());
    let edits: [(&str, serde_json::Value); 6] = [
        ("/months/0/1", 13.into()),
        ("/total", 7.into()),
        ("/total", (-1).into()),
        ("/total", 1.5.into()),
        ("/buckets", 0.into()),
        ("/site/title", serde_json::Value::Null),
    ];
    for (pointer, value) in edits {
        let mut edited = index.clone();
        *edited.pointer_mut(pointer).unwrap() = value;
        assert!(
            matches!(
                both::<Index>(&edited.to_string()),
                Err(ReadError::Invalid(_))
            ),
            "{pointer}"
        );
    }
    let mut moved = json(&bucket());
    let pages = moved.as_object_mut().unwrap();
    let (path, page) = pages
        .iter()
        .next()
        .map(|(k, v)| (k.clone(), v.clone()))
        .unwrap();
    pages.remove(&path);
    pages.insert(format!("{path}ailleurs/"), page);
    assert!(matches!(
        both::<Bucket>(&moved.to_string()),
        Err(ReadError::Invalid(_))
    ));
}
