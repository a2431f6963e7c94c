//! Files stored gzipped: the pages' data buckets and the search index.
//!
//! Most static hosts compress on the fly only some types, and none of them count a file by what
//! it sends: they count it by what it takes on disk (GitHub Pages' 1 GB). So the tool stores the
//! data the app fetches gzipped, and the browser inflates it (its own `DecompressionStream`).
//! Hosts send such a file as it is (`.gz` and `.bin` are not compressed again); one that sends
//! it with `Content-Encoding: gzip` has the browser inflate it before the app sees it, which is
//! why a reader checks [`MAGIC`] rather than trusting the name.
//!
//! The header is fixed (no time, no name), so the same bytes always give the same file: the
//! output stays deterministic.

use flate2::write::GzEncoder;
use flate2::Compression;
use std::io::{Read, Write};

/// The first two bytes of a gzipped file.
pub const MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Whether `bytes` start as a gzipped file does.
pub fn is_gzipped(bytes: &[u8]) -> bool {
    bytes.starts_with(&MAGIC)
}

/// `bytes` gzipped, at the default level (the best saves 2 % more and takes twice the time).
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(bytes.len() / 3), Compression::default());
    encoder.write_all(bytes).expect("writing into memory");
    encoder.finish().expect("writing into memory")
}

/// `gzipped` inflated: every gzip member of it, one after another.
pub fn inflate(gzipped: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut inflated = Vec::with_capacity(gzipped.len() * 4);
    flate2::read::MultiGzDecoder::new(gzipped).read_to_end(&mut inflated)?;
    Ok(inflated)
}

/// Whether `gzipped` is one gzip member holding exactly `contents` (inflating no more than one
/// byte past them: a longer file is told apart without being inflated whole).
pub fn inflates_to(gzipped: &[u8], contents: &[u8]) -> bool {
    let mut inflated = Vec::with_capacity(contents.len() + 1);
    let mut decoder = flate2::bufread::GzDecoder::new(gzipped);
    let read = (&mut decoder)
        .take(contents.len() as u64 + 1)
        .read_to_end(&mut inflated);
    // Stopped short of the limit, the reading reached the member's end and checked its sum.
    read.is_ok() && inflated == contents && decoder.into_inner().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_bytes_give_the_same_file_which_inflates_back() {
        let text = "« Le réseau », encore le réseau, toujours le réseau…".repeat(20);
        let stored = gzip(text.as_bytes());
        assert_eq!(stored, gzip(text.as_bytes()));
        assert!(is_gzipped(&stored));
        assert!(stored.len() < text.len() / 4, "{} bytes", stored.len());
        assert_eq!(inflate(&stored).unwrap(), text.as_bytes());
        assert!(inflates_to(&stored, text.as_bytes()));
        assert!(!inflates_to(&stored, b"other"));
        assert!(!inflates_to(&stored, &text.as_bytes()[1..]));
        assert!(!is_gzipped(text.as_bytes()));
    }

    #[test]
    fn a_cut_file_is_an_error() {
        let stored = gzip(b"{\"pages\":{}}");
        assert!(inflate(&stored[..stored.len() - 3]).is_err());
        assert!(!inflates_to(&stored[..stored.len() - 3], b"{\"pages\":{}}"));
    }
}
