//! The build cache: what `carnet build` made last time, kept outside the site folder (Trunk
//! gives the hook a fresh, empty folder on every rebuild), so that a rebuild after one post
//! changed renders, highlights and writes only what that change reaches.
//!
//! It is content-addressed. Each file the build writes is a *blob*, `blobs/<xx>/<hash>`, named
//! by the 128-bit XXH3 of its bytes and hard-linked (copied where links cannot be made) into
//! the staging folder. A *record* maps a key, the hash of everything a piece of work depends
//! on, to what that work gave: a pre-rendered page's blob, a post's highlighted code, the
//! search index's files. Every key starts with the hash of the running executable, so a
//! rebuilt tool (new components, new grammars) starts afresh. A blob is read and hashed again
//! before each use: one changed or cut short in place (through a hard link in a site folder)
//! is never served, the work is done again instead. A blob is only ever written as a new file
//! renamed into place, so a file already linked elsewhere never changes. Deleting the cache
//! folder is always safe: the next build is a clean one.
//!
//! Nothing in the cache can fail a build: a cache that cannot be read or written is reported
//! once and the build goes on without it.

use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;
use xxhash_rust::xxh3::{xxh3_128, Xxh3};

/// The layout's version: a cache of another layout is ignored and cleared.
const LAYOUT: u32 = 1;

/// The file holding the records, in the cache folder.
const RECORDS: &str = "records.json";

/// What a record holds.
#[derive(Clone, Debug, Serialize, Deserialize)]
enum Record {
    /// One file: its blob.
    Blob(String),
    /// Files at paths relative to the site folder, each with its blob.
    Files(Vec<(String, String)>),
    /// A JSON value (a post's highlighted code).
    Json(String),
}

#[derive(Serialize, Deserialize)]
struct Records {
    layout: u32,
    records: HashMap<String, Record>,
}

/// Bytes in the cache, found by [`Cache::stored_bytes`].
#[derive(Clone, Debug)]
pub struct StoredBytes {
    path: PathBuf,
    blob: String,
}

impl StoredBytes {
    /// The bytes, if their blob is whole (not changed or cut short since it was written).
    pub fn read(&self) -> Option<Vec<u8>> {
        read_whole(&self.path, &self.blob)
    }
}

/// The key of a record: a hash of what the work depends on, see [`Cache::key`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key(u128);

/// What a build did with the cache, for its report and the benchmark.
#[derive(Clone, Copy, Debug, Default)]
pub struct Counts {
    /// Pieces of work found in the cache.
    pub reused: usize,
    /// Pieces of work done (not in the cache, or the blob was damaged).
    pub done: usize,
    /// Blobs found changed or cut short, and not served.
    pub damaged: usize,
}

/// The cache of one build, or none (`--no-cache`, or a cache that cannot be used).
pub struct Cache {
    store: Option<Store>,
    /// Hash of the running executable: the start of every key.
    tool: u128,
    /// What this build did with it.
    pub counts: Counts,
    /// Every file put in place, once [`Cache::track_written`] asked for them.
    written: Option<HashSet<PathBuf>>,
}

struct Store {
    dir: PathBuf,
    old: HashMap<String, Record>,
    used: HashMap<String, Record>,
    /// Every blob this build used: the ones the collection keeps.
    live: HashSet<String>,
    /// Files are copied rather than linked once a link failed.
    copy: bool,
    /// When this build started: a blob written since is kept, another build may be using it.
    started: SystemTime,
    /// A number for the names of temporary files, unique in this process.
    temporary: u64,
}

impl Cache {
    /// The cache in `dir` (created if missing), or no cache if `dir` is `None` or unusable.
    pub fn open(dir: Option<&Path>) -> Cache {
        let tool = std::env::current_exe()
            .and_then(fs::read)
            .map(|bytes| xxh3_128(&bytes))
            // A tool that cannot read itself cannot tell its versions apart: no cache.
            .ok();
        let store = match (dir, tool) {
            (Some(dir), Some(_)) => match Store::open(dir) {
                Ok(store) => Some(store),
                Err(error) => {
                    eprintln!(
                        "carnet: cannot use the cache {}: {error}; building without it",
                        dir.display()
                    );
                    None
                }
            },
            _ => None,
        };
        Cache {
            store,
            tool: tool.unwrap_or_default(),
            counts: Counts::default(),
            written: None,
        }
    }

    /// From now on, notes every file put in place, for [`Cache::take_written`]: a build that
    /// took over another site's folders deletes the files of theirs it did not put in place.
    pub fn track_written(&mut self) {
        self.written.get_or_insert_with(HashSet::new);
    }

    /// The files put in place since [`Cache::track_written`].
    pub fn take_written(&mut self) -> HashSet<PathBuf> {
        self.written.take().unwrap_or_default()
    }

    /// The files put in place so far since [`Cache::track_written`], if it was called.
    pub fn written(&self) -> Option<&HashSet<PathBuf>> {
        self.written.as_ref()
    }

    fn wrote(&mut self, to: &Path) {
        note_written(&mut self.written, to.to_owned());
    }

    /// Whether there is a cache.
    pub fn enabled(&self) -> bool {
        self.store.is_some()
    }

    /// The key of a piece of work: the tool's hash, then each part, each with its length so
    /// that no two lists of parts give the same bytes.
    pub fn key(&self, parts: &[&[u8]]) -> Key {
        let mut hasher = Xxh3::new();
        hasher.update(&self.tool.to_le_bytes());
        for part in parts {
            hasher.update(&(part.len() as u64).to_le_bytes());
            hasher.update(part);
        }
        Key(hasher.digest128())
    }

    /// Whether the cache has a file made for `key` (which [`Cache::file`] may still find
    /// damaged).
    pub fn has_file(&self, key: Key) -> bool {
        self.store
            .as_ref()
            .is_some_and(|store| matches!(store.old.get(&hex(key.0)), Some(Record::Blob(_))))
    }

    /// Writes at `to` the file `make` gives, or the one it gave last time for `key`.
    pub fn file<B: AsRef<[u8]>>(
        &mut self,
        key: Key,
        to: &Path,
        make: impl FnOnce() -> B,
    ) -> io::Result<()> {
        self.wrote(to);
        if let Some(store) = &mut self.store {
            if let Some(Record::Blob(blob)) = store.old.get(&hex(key.0)).cloned() {
                match store.link_verified(&blob, to) {
                    Ok(true) => {
                        store.used.insert(hex(key.0), Record::Blob(blob));
                        self.counts.reused += 1;
                        return Ok(());
                    }
                    Ok(false) => self.counts.damaged += 1,
                    Err(_) => {}
                }
            }
        }
        self.counts.done += 1;
        let bytes = make();
        match &mut self.store {
            Some(store) => {
                let blob = store.put_and_link(bytes.as_ref(), to)?;
                store.used.insert(hex(key.0), Record::Blob(blob));
                Ok(())
            }
            None => write_file(to, bytes.as_ref()),
        }
    }

    /// Writes `bytes` at `to`, through the cache's blobs (a file written last time is linked,
    /// not written again).
    pub fn write(&mut self, to: &Path, bytes: &[u8]) -> io::Result<()> {
        self.wrote(to);
        match &mut self.store {
            Some(store) => store.put_and_link(bytes, to).map(drop),
            None => write_file(to, bytes),
        }
    }

    /// The files recorded for `key`, if each of their blobs is whole: a build that finds them
    /// need not make them.
    pub fn cached_files(&mut self, key: Key) -> Option<Vec<(String, String)>> {
        let store = self.store.as_mut()?;
        let Some(Record::Files(files)) = store.old.get(&hex(key.0)).cloned() else {
            return None;
        };
        for (_, blob) in &files {
            if !store.verified(blob) {
                self.counts.damaged += 1;
                return None;
            }
        }
        Some(files)
    }

    /// Links under `folder` the files [`Cache::cached_files`] found for `key`.
    pub fn link_files(
        &mut self,
        key: Key,
        folder: &Path,
        files: Vec<(String, String)>,
    ) -> io::Result<()> {
        let store = self.store.as_mut().expect("cached files come from a store");
        for (path, blob) in &files {
            let to = folder.join(path);
            store.link(blob, &to)?;
            note_written(&mut self.written, to);
        }
        store.used.insert(hex(key.0), Record::Files(files));
        self.counts.reused += 1;
        Ok(())
    }

    /// Writes under `folder` the files made for `key`, and records them.
    pub fn write_files(
        &mut self,
        key: Key,
        folder: &Path,
        files: Vec<(String, Vec<u8>)>,
    ) -> io::Result<()> {
        self.counts.done += 1;
        let Some(store) = &mut self.store else {
            for (path, bytes) in &files {
                let to = folder.join(path);
                write_file(&to, bytes)?;
                note_written(&mut self.written, to);
            }
            return Ok(());
        };
        let mut record = Vec::with_capacity(files.len());
        for (path, bytes) in files {
            let to = folder.join(&path);
            record.push((path, store.put_and_link(&bytes, &to)?));
            note_written(&mut self.written, to);
        }
        store.used.insert(hex(key.0), Record::Files(record));
        Ok(())
    }

    /// The value `make` gives, or the one it gave last time for `key`.
    pub fn value<T>(&mut self, key: Key, make: impl FnOnce() -> T) -> T
    where
        T: Serialize + for<'de> Deserialize<'de>,
    {
        let Some(store) = &mut self.store else {
            return make();
        };
        let name = hex(key.0);
        if let Some(Record::Json(json)) = store.old.get(&name) {
            if let Ok(value) = serde_json::from_str(json) {
                store.used.insert(name, Record::Json(json.clone()));
                self.counts.reused += 1;
                return value;
            }
        }
        self.counts.done += 1;
        let value = make();
        if let Ok(json) = serde_json::to_string(&value) {
            store.used.insert(name, Record::Json(json));
        }
        value
    }

    /// Where the bytes recorded for each of `keys` ([`Cache::keep_bytes`]) are, to be read by
    /// [`StoredBytes::read`], on another thread if need be. Each is kept for the next build;
    /// one found damaged is made again and recorded anew by [`Cache::keep_bytes`].
    pub fn stored_bytes(&mut self, keys: &[Key]) -> Vec<Option<StoredBytes>> {
        let Some(store) = &mut self.store else {
            return vec![None; keys.len()];
        };
        keys.iter()
            .map(|key| {
                let name = hex(key.0);
                let Some(Record::Blob(blob)) = store.old.get(&name).cloned() else {
                    return None;
                };
                let path = store.blob_path(&blob);
                store.live.insert(blob.clone());
                store.used.insert(name, Record::Blob(blob.clone()));
                self.counts.reused += 1;
                Some(StoredBytes { path, blob })
            })
            .collect()
    }

    /// Where each file recorded for `key` ([`Cache::write_files`], [`Cache::link_files`]) is, by
    /// path, to be read by [`StoredBytes::read`] on another thread if need be. The record is
    /// not kept for the next build by this alone.
    pub fn stored_files(&self, key: Key) -> HashMap<String, StoredBytes> {
        let Some(store) = &self.store else {
            return HashMap::new();
        };
        let Some(Record::Files(files)) = store.old.get(&hex(key.0)) else {
            return HashMap::new();
        };
        files
            .iter()
            .map(|(path, blob)| {
                let stored = StoredBytes {
                    path: store.blob_path(blob),
                    blob: blob.clone(),
                };
                (path.clone(), stored)
            })
            .collect()
    }

    /// Records for `key` what this build recorded for `recorded`: one piece of work found
    /// under a second key.
    pub fn record_as(&mut self, key: Key, recorded: Key) {
        let Some(store) = &mut self.store else {
            return;
        };
        if let Some(record) = store.used.get(&hex(recorded.0)).cloned() {
            store.used.insert(hex(key.0), record);
        }
    }

    /// Keeps the record of `key` for the next build, unread: what this build did not need
    /// but the next may (a post's search entry while the whole index came from the cache).
    pub fn carry(&mut self, key: Key) {
        let Some(store) = &mut self.store else {
            return;
        };
        let name = hex(key.0);
        if let Some(record) = store.old.get(&name).cloned() {
            if let Record::Blob(blob) = &record {
                store.live.insert(blob.clone());
            }
            store.used.insert(name, record);
        }
    }

    /// Records `bytes`, made for `key`, for the next build's [`Cache::stored_bytes`]. A blob that
    /// cannot be written is only a piece of work the next build does again.
    pub fn keep_bytes(&mut self, key: Key, bytes: &[u8]) {
        self.counts.done += 1;
        let Some(store) = &mut self.store else {
            return;
        };
        if let Ok(blob) = store.put(bytes) {
            store.live.insert(blob.clone());
            store.used.insert(hex(key.0), Record::Blob(blob));
        }
    }

    /// Keeps what this build used, and only that: writes its records and deletes the blobs no
    /// record nor this build's files name (but those written since this build started, which
    /// another build may be using).
    pub fn finish(self) {
        let Some(store) = self.store else {
            return;
        };
        if let Err(error) = store.save() {
            eprintln!(
                "carnet: cannot save the cache {}: {error}",
                store.dir.display()
            );
        }
    }
}

impl Store {
    fn open(dir: &Path) -> io::Result<Store> {
        fs::create_dir_all(dir.join("blobs"))?;
        let old = match fs::read(dir.join(RECORDS)) {
            Ok(bytes) => match serde_json::from_slice::<Records>(&bytes) {
                Ok(records) if records.layout == LAYOUT => records.records,
                // Another layout, or cut short: start afresh; its blobs go at the end.
                _ => HashMap::new(),
            },
            Err(error) if error.kind() == io::ErrorKind::NotFound => HashMap::new(),
            Err(error) => return Err(error),
        };
        Ok(Store {
            dir: dir.to_owned(),
            old,
            used: HashMap::new(),
            live: HashSet::new(),
            copy: false,
            started: SystemTime::now(),
            temporary: 0,
        })
    }

    fn blob_path(&self, blob: &str) -> PathBuf {
        let (folder, _) = blob.split_at(2.min(blob.len()));
        self.dir.join("blobs").join(folder).join(blob)
    }

    /// Whether the blob is there and its bytes still hash to its name.
    fn verified(&self, blob: &str) -> bool {
        read_whole(&self.blob_path(blob), blob).is_some()
    }

    /// Links the blob at `to` if it is whole: `Ok(false)` if it is not (changed, cut short).
    fn link_verified(&mut self, blob: &str, to: &Path) -> io::Result<bool> {
        if !self.verified(blob) {
            return Ok(false);
        }
        self.link(blob, to)?;
        Ok(true)
    }

    /// Stores `bytes` as a blob (see [`Store::put`]), links it at `to`, and returns its name.
    fn put_and_link(&mut self, bytes: &[u8], to: &Path) -> io::Result<String> {
        let blob = self.put(bytes).map_err(|error| {
            io::Error::new(
                error.kind(),
                format!("{} (in the cache): {error}", to.display()),
            )
        })?;
        self.link(&blob, to)?;
        Ok(blob)
    }

    /// Stores `bytes` as a blob, unless a whole one of those bytes is there; returns its name.
    fn put(&mut self, bytes: &[u8]) -> io::Result<String> {
        let blob = hex(xxh3_128(bytes));
        let path = self.blob_path(&blob);
        let whole = fs::read(&path).is_ok_and(|stored| stored == bytes);
        if !whole {
            // A new file renamed over the old name: a damaged blob linked elsewhere keeps its
            // bytes there, and no reader ever sees a blob half-written.
            let folder = path.parent().expect("a blob is in a folder");
            fs::create_dir_all(folder)?;
            self.temporary += 1;
            let temporary = folder.join(format!(
                ".{blob}.{}.{}.tmp",
                std::process::id(),
                self.temporary
            ));
            let written = fs::write(&temporary, bytes).and_then(|()| fs::rename(&temporary, &path));
            if let Err(error) = written {
                let _ = fs::remove_file(&temporary);
                return Err(error);
            }
        }
        Ok(blob)
    }

    /// Puts the blob at `to`: a hard link, else (another file system, no links) a copy.
    fn link(&mut self, blob: &str, to: &Path) -> io::Result<()> {
        let from = self.blob_path(blob);
        let named =
            |error: io::Error| io::Error::new(error.kind(), format!("{}: {error}", to.display()));
        if let Some(folder) = to.parent() {
            fs::create_dir_all(folder).map_err(named)?;
        }
        if !self.copy {
            match fs::hard_link(&from, to) {
                Ok(()) => {
                    self.live.insert(blob.to_owned());
                    return Ok(());
                }
                // A file of a site this build took over: kept if it is this blob already,
                // else replaced (unlinked, never written through: it may be another blob).
                Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
                    if same_file(&from, to) {
                        self.live.insert(blob.to_owned());
                        return Ok(());
                    }
                    fs::remove_file(to).map_err(named)?;
                    return self.link(blob, to);
                }
                // Gone (another build's collection): the caller does the work again.
                Err(error) if error.kind() == io::ErrorKind::NotFound => return Err(named(error)),
                Err(_) => self.copy = true,
            }
        }
        remove_file_if_there(to).map_err(named)?;
        fs::copy(&from, to).map_err(named)?;
        self.live.insert(blob.to_owned());
        Ok(())
    }

    fn save(&self) -> io::Result<()> {
        let records = Records {
            layout: LAYOUT,
            records: self.used.clone(),
        };
        let json = serde_json::to_vec(&records).map_err(io::Error::other)?;
        let temporary = self
            .dir
            .join(format!(".{RECORDS}.{}.tmp", std::process::id()));
        fs::write(&temporary, json)?;
        fs::rename(&temporary, self.dir.join(RECORDS))?;
        self.collect()
    }

    /// Deletes the blobs this build did not use, but those written since it started.
    fn collect(&self) -> io::Result<()> {
        for folder in fs::read_dir(self.dir.join("blobs"))? {
            let folder = folder?.path();
            let Ok(entries) = fs::read_dir(&folder) else {
                continue;
            };
            for entry in entries.flatten() {
                let name = entry.file_name();
                let name = name.to_string_lossy();
                if self.live.contains(name.as_ref()) {
                    continue;
                }
                let recent = entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .is_ok_and(|modified| modified >= self.started);
                if !recent {
                    let _ = fs::remove_file(entry.path());
                }
            }
        }
        Ok(())
    }
}

/// The bytes of the blob `blob` stored at `path`, if they still hash to its name.
fn read_whole(path: &Path, blob: &str) -> Option<Vec<u8>> {
    let bytes = fs::read(path).ok()?;
    (hex(xxh3_128(&bytes)) == blob).then_some(bytes)
}

fn hex(hash: u128) -> String {
    format!("{hash:032x}")
}

/// Whether `a` and `b` are the same file (two links to it).
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (fs::metadata(a), fs::symlink_metadata(b)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        false
    }
}

/// Removes the file at `path`, if there is one.
fn remove_file_if_there(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
        _ => Ok(()),
    }
}

/// Writes `bytes` to `path`, creating its folder first; an error names the file. A file already
/// there is replaced, not written through: it may be a link to a blob of the cache.
pub fn write_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let write = || {
        if let Some(folder) = path.parent() {
            fs::create_dir_all(folder)?;
        }
        remove_file_if_there(path)?;
        fs::write(path, bytes)
    };
    write().map_err(|error| io::Error::new(error.kind(), format!("{}: {error}", path.display())))
}

/// Notes `to` among the files put in place, if they are being noted ([`Cache::track_written`]).
/// A function of the field, not of the cache, so that a loop holding the cache's store can call it.
fn note_written(written: &mut Option<HashSet<PathBuf>>, to: PathBuf) {
    if let Some(written) = written {
        written.insert(to);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_differ_when_parts_are_cut_differently() {
        let cache = Cache {
            store: None,
            tool: 1,
            counts: Counts::default(),
            written: None,
        };
        assert_ne!(cache.key(&[b"ab", b"c"]), cache.key(&[b"a", b"bc"]));
        assert_eq!(cache.key(&[b"ab", b"c"]), cache.key(&[b"ab", b"c"]));
    }

    #[test]
    fn the_hash_is_xxh3_128_as_published() {
        // The reference value of XXH3-128 for the empty input (xxHash's own tests): names of
        // blobs written by one version are read by the next.
        assert_eq!(hex(xxh3_128(b"")), "99aa06d3014798d86001c324468d497f");
    }
}
