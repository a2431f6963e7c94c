//! Fetching an imported blog's files (images, PDFs…) from where the old blog kept them.
//!
//! One file at a time, each written to a temporary name beside its place and renamed once
//! whole, so an interrupted download never leaves half an image where the site looks for it.
//! A file already there is not fetched again; a file that cannot be fetched is reported and the
//! others are fetched all the same.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What a download did.
#[derive(Debug, Default)]
pub struct Downloaded {
    /// Files fetched.
    pub fetched: usize,
    /// Files already there, left alone.
    pub present: usize,
    /// One line a file that could not be fetched: its URL and why.
    pub failed: Vec<String>,
}

/// Fetches each `(url, file)` whose file is not there yet.
pub fn fetch_all<'a>(files: impl IntoIterator<Item = (&'a str, PathBuf)>) -> Downloaded {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(120)))
        .build()
        .into();
    let mut done = Downloaded::default();
    for (url, file) in files {
        if file.exists() {
            done.present += 1;
            continue;
        }
        match fetch(&agent, url, &file) {
            Ok(()) => done.fetched += 1,
            Err(error) => done.failed.push(format!("{url}: {error}")),
        }
    }
    done
}

/// Fetches `url` into `file`, through a temporary file beside it.
fn fetch(agent: &ureq::Agent, url: &str, file: &Path) -> io::Result<()> {
    let response = agent.get(url).call().map_err(io::Error::other)?;
    if let Some(folder) = file.parent() {
        fs::create_dir_all(folder)?;
    }
    let partial = file.with_extension(match file.extension() {
        Some(extension) => format!("{}.part", extension.to_string_lossy()),
        None => "part".to_owned(),
    });
    let written = fs::File::create(&partial).and_then(|mut out| {
        io::copy(&mut response.into_body().into_reader(), &mut out)?;
        out.sync_all()
    });
    match written.and_then(|()| fs::rename(&partial, file)) {
        Ok(()) => Ok(()),
        Err(error) => {
            let _ = fs::remove_file(&partial);
            Err(error)
        }
    }
}
