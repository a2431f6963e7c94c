//! What the `carnet` command's integration tests share: running the command as authors and
//! Trunk do, and reading back the files a build or an import wrote.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository's root, where Trunk and authors run the command.
pub fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A page shaped like the one Trunk writes (its script at the site's root), so that `carnet
/// build` pre-renders every page into it.
pub const TRUNK_PAGE: &str = r#"<!DOCTYPE html>
<html lang="fr"><head><meta name="carnet-base" content="/"><title>Carnet</title>
<script type="module">import init from '/carnet.js'; init();</script></head>
<body></body></html>"#;

/// Runs the `carnet` command from the repository's root, as Trunk and authors run it.
pub fn carnet(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_carnet"))
        .current_dir(repository())
        .args(args)
        .output()
        .unwrap()
}

/// Every file under `folder`, by its path from `folder`, with its contents.
pub fn files(folder: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut folders = vec![folder.to_path_buf()];
    while let Some(current) = folders.pop() {
        for entry in fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else {
                let name = path.strip_prefix(folder).unwrap().display().to_string();
                found.insert(name, fs::read(&path).unwrap());
            }
        }
    }
    found
}
