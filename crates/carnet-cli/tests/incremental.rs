//! Builds with the build cache (`carnet build --cache`): a rebuild after a post is edited,
//! added or deleted, with the cache warm, writes exactly the files of a clean build with an
//! empty cache, byte for byte; it does only the work the change reaches, and links the files
//! it did not change rather than writing them again; a cache entry damaged in place (through a
//! site folder's hard link to it) is never served.

mod common;

use common::{carnet, files, repository, TRUNK_PAGE};
use std::fs;
use std::path::{Path, PathBuf};

/// A fresh folder for the test `name`.
fn work(name: &str) -> PathBuf {
    let work = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("incremental")
        .join(name);
    let _ = fs::remove_dir_all(&work);
    fs::create_dir_all(&work).unwrap();
    work
}

/// A blog of 24 synthetic posts and two with highlighted code, in `work/content`.
fn blog(work: &Path) -> PathBuf {
    let content = work.join("content");
    let output = carnet(&[
        "generate",
        "--posts",
        "24",
        "--seed",
        "7",
        "--content",
        content.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{output:?}");
    let highlight = repository().join("tests/highlight/content");
    fs::copy(highlight.join("site.toml"), content.join("site.toml")).unwrap();
    for post in ["avant.md", "code.md"] {
        fs::copy(
            highlight.join("posts").join(post),
            content.join("posts").join(post),
        )
        .unwrap();
    }
    content
}

/// The `n`th of the posts [`blog`] generated in `content`, in their files' order.
fn generated(content: &Path, n: usize) -> PathBuf {
    let mut posts: Vec<PathBuf> = fs::read_dir(content.join("posts"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| !path.ends_with("avant.md") && !path.ends_with("code.md"))
        .collect();
    posts.sort();
    posts.swap_remove(n - 1)
}

/// Builds `content` into `work/<name>` (a fresh folder holding Trunk's page) with the cache
/// `cache`; returns the folder and what the build said.
fn build(work: &Path, name: &str, content: &Path, cache: &Path) -> (PathBuf, String) {
    build_with(work, name, content, &["--cache", cache.to_str().unwrap()])
}

/// [`build`], with the cache and other options given by `options`.
fn build_with(work: &Path, name: &str, content: &Path, options: &[&str]) -> (PathBuf, String) {
    let out = work.join(name);
    let _ = fs::remove_dir_all(&out);
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("index.html"), TRUNK_PAGE).unwrap();
    let out_arg = out.to_str().unwrap();
    let mut args = vec!["build", "--future", "--content", content.to_str().unwrap()];
    args.extend(["--out", out_arg]);
    args.extend(options);
    let output = carnet(&args);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(output.status.success(), "{stderr}");
    (out, stderr)
}

/// How many pieces of work the build took from the cache, and how many it did.
fn counts(stderr: &str) -> (usize, usize) {
    let line = stderr
        .lines()
        .find(|line| line.contains("taken from the cache"))
        .unwrap_or_else(|| panic!("no cache report in:\n{stderr}"));
    let words: Vec<&str> = line.split_whitespace().collect();
    let number = |before: &str| -> usize {
        let at = words
            .iter()
            .position(|word| word.starts_with(before))
            .unwrap();
        words[at - 1].trim_end_matches(',').parse().unwrap()
    };
    (number("pieces"), number("done"))
}

/// Fails unless the folders `a` and `b` hold the same files with the same bytes.
fn assert_same_files(a: &Path, b: &Path) {
    let (a, b) = (files(a), files(b));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for ((name, a), (_, b)) in a.iter().zip(&b) {
        assert!(a == b, "{name} differs from a clean build's");
    }
}

/// Builds the blog with an empty cache, changes it with `change`, rebuilds it with the warm
/// cache, and checks the rebuild against a clean build of the changed blog with an empty
/// cache. Returns the work folder, the first and second builds, and the second's counts.
fn rebuilt(name: &str, change: impl FnOnce(&Path)) -> (PathBuf, PathBuf, PathBuf, (usize, usize)) {
    let work = work(name);
    let content = blog(&work);
    let cache = work.join("cache");
    let (first, stderr) = build(&work, "first", &content, &cache);
    assert_eq!(counts(&stderr).0, 0, "the cache starts empty: {stderr}");
    change(&content);
    let (second, stderr) = build(&work, "second", &content, &cache);
    let (clean, _) = build(&work, "clean", &content, &work.join("empty-cache"));
    assert_same_files(&second, &clean);
    (work, first, second, counts(&stderr))
}

/// The second paragraph of a post file edited: its text changes, its title and date do not.
fn edit_text(post: &Path) {
    let text = fs::read_to_string(post).unwrap();
    let edited = text.replacen("\n\n", "\n\nUn mot de plus dans ce billet.\n\n", 2);
    assert_ne!(text, edited);
    fs::write(post, edited).unwrap();
}

#[test]
fn an_edited_post_rebuilt_with_the_cache_gives_the_files_of_a_clean_build() {
    let (_, first, second, (reused, done)) = rebuilt("edited", |content| {
        let posts = content.join("posts");
        let mut names: Vec<_> = fs::read_dir(&posts)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        names.sort();
        edit_text(&names[3]);
        // A code block edited: its highlighting is done again.
        let code = posts.join("code.md");
        let text = fs::read_to_string(&code).unwrap();
        fs::write(&code, text.replacen("fn ", "fn un_autre_", 1)).unwrap();
    });
    // The two posts' pages, the lists that show their excerpt or reading time, their code, the
    // search index: a handful of pieces of work, against the hundred or so of a whole build.
    assert!(done <= 16 && reused >= 60, "{done} done, {reused} reused");
    // A file whose bytes did not change is the same file (a link to the same blob), not
    // written again.
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let (before, after) = (files(&first), files(&second));
        let (mut same, mut outside_index) = (0, 0);
        for ((name, a), (other, b)) in before.iter().zip(&after) {
            assert_eq!(name, other);
            let inode = |root: &Path| fs::metadata(root.join(name)).unwrap().ino();
            if a == b {
                assert_eq!(inode(&first), inode(&second), "{name} was written again");
            } else {
                assert_ne!(inode(&first), inode(&second), "{name}");
            }
            if !name.starts_with("search/") {
                outside_index += 1;
                same += usize::from(a == b);
            }
        }
        // The search index's shards change with every post's text (BM25 weights, and where
        // the texts after it start, which the cards a two-letter shard carries say); most
        // pages and buckets do not.
        assert!(same * 2 > outside_index, "{same} of {outside_index}");
    }
}

#[test]
fn a_post_added_and_one_deleted_rebuilt_with_the_cache_give_the_files_of_a_clean_build() {
    rebuilt("added-deleted", |content| {
        fs::remove_file(generated(content, 10)).unwrap();
        fs::write(
            content.join("posts/nouveau.md"),
            "+++\ntitle = \"Un billet tout neuf\"\ndate = 2012-05-04\ncategory = \"Actus\"\n\
             +++\n\nSon texte, avec un mot rare : xylophage.\n",
        )
        .unwrap();
    });
}

#[test]
fn a_rebuild_with_nothing_changed_takes_everything_from_the_cache() {
    let (_, _, _, (_, done)) = rebuilt("unchanged", |_| {});
    assert_eq!(done, 0);
}

#[test]
fn a_cache_entry_damaged_in_place_is_not_served() {
    let work = work("damaged");
    let content = blog(&work);
    let cache = work.join("cache");
    let (first, _) = build(&work, "first", &content, &cache);
    // Through the site's hard links, as an editor or a script writing a file in place would:
    // a page cut short, a page changed at the same length, a bucket and a search file.
    let page = |slug: &str| first.join("posts").join(slug).join("index.html");
    let post = fs::read_dir(first.join("posts"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .find(|slug| slug != "code")
        .unwrap();
    let html = fs::read(page(&post)).unwrap();
    fs::write(page(&post), &html[..html.len() / 2]).unwrap();
    let code = fs::read_to_string(page("code")).unwrap();
    fs::write(page("code"), code.replacen("<main", "<mian", 1)).unwrap();
    let bucket = fs::read_dir(first.join("data/pages"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    fs::write(&bucket, b"{}").unwrap();
    fs::write(first.join("search/meta.json"), b"{").unwrap();

    let (second, stderr) = build(&work, "second", &content, &cache);
    let (clean, _) = build(&work, "clean", &content, &work.join("empty-cache"));
    assert_same_files(&second, &clean);
    assert!(stderr.contains("damaged in the cache"), "{stderr}");
}

#[test]
fn a_rebuild_with_nothing_changed_keeps_what_the_next_edit_needs() {
    // Between two builds that change nothing the search index comes whole from the cache, so
    // its pieces (each post's words and text) go unread; the edit after them must still find
    // them: it does the same work as an edit right after the first build.
    let edited = |name: &str, unchanged_rebuilds: usize| -> usize {
        let work = work(name);
        let content = blog(&work);
        let cache = work.join("cache");
        build(&work, "first", &content, &cache);
        for _ in 0..unchanged_rebuilds {
            build(&work, "unchanged", &content, &cache);
        }
        edit_text(&generated(&content, 3));
        let (_, stderr) = build(&work, "edited", &content, &cache);
        counts(&stderr).1
    };
    assert_eq!(edited("edit-at-once", 0), edited("edit-after-rebuild", 1));
}

#[test]
fn a_search_entry_damaged_in_the_cache_is_made_again() {
    // Each post's search entry is a blob of the cache, read back when another post changes;
    // one cut short (a disk, a hand) is made again, not read.
    let work = work("damaged-entry");
    let content = blog(&work);
    let cache = work.join("cache");
    build(&work, "first", &content, &cache);
    let mut damaged = 0;
    for folder in fs::read_dir(cache.join("blobs")).unwrap() {
        for blob in fs::read_dir(folder.unwrap().path()).unwrap() {
            let blob = blob.unwrap().path();
            let bytes = fs::read(&blob).unwrap();
            if bytes.starts_with(b"CE") {
                fs::write(&blob, &bytes[..bytes.len() / 2]).unwrap();
                damaged += 1;
            }
        }
    }
    assert!(damaged >= 24, "{damaged} entries found in the cache");
    edit_text(&generated(&content, 3));
    let (second, stderr) = build(&work, "second", &content, &cache);
    let (clean, _) = build(&work, "clean", &content, &work.join("empty-cache"));
    assert_same_files(&second, &clean);
    assert!(stderr.contains("damaged in the cache"), "{stderr}");
}

/// An edit, a post added and one deleted.
fn edit_add_delete(content: &Path) {
    edit_text(&generated(content, 3));
    fs::remove_file(generated(content, 10)).unwrap();
    fs::write(
        content.join("posts/nouveau.md"),
        "+++\ntitle = \"Un billet tout neuf\"\ndate = 2012-05-04\ncategory = \"Actus\"\n+++\n\nSon texte.\n",
    )
    .unwrap();
}

#[test]
fn a_rebuild_taking_over_the_previous_site_gives_the_files_of_a_clean_build() {
    // As Trunk's hook runs it under `trunk serve`: the page folders of the site it replaces
    // moved into the new one, each file kept, replaced or deleted.
    let work = work("take-over");
    let content = blog(&work);
    let cache = work.join("cache");
    let (first, _) = build(&work, "first", &content, &cache);
    #[cfg(unix)]
    let inode = |path: &Path| std::os::unix::fs::MetadataExt::ino(&fs::metadata(path).unwrap());
    #[cfg(unix)]
    let before: Vec<(String, Vec<u8>, u64)> = files(&first)
        .into_iter()
        .filter(|(name, _)| name.starts_with("posts/"))
        .map(|(name, bytes)| {
            let inode = inode(&first.join(&name));
            (name, bytes, inode)
        })
        .collect();
    // A save under `trunk serve`: one post's text.
    edit_text(&generated(&content, 3));
    let first_arg = first.to_str().unwrap().to_owned();
    let cache_arg = cache.to_str().unwrap().to_owned();
    let options = ["--cache", &cache_arg, "--take-over", &first_arg];
    let (second, _) = build_with(&work, "second", &content, &options);
    let (clean, _) = build(&work, "clean", &content, &work.join("empty-cache"));
    assert_same_files(&second, &clean);
    assert!(
        !first.join("posts").exists(),
        "the page folders were taken over"
    );
    assert!(
        first.join("index.html").exists(),
        "the rest of that site is left"
    );
    // A page whose bytes did not change is the very file the first build put there.
    #[cfg(unix)]
    {
        let after = files(&second);
        let mut kept = 0;
        for (name, bytes, was) in before {
            if after.get(&name) == Some(&bytes) {
                assert_eq!(inode(&second.join(&name)), was, "{name} was written again");
                kept += 1;
            }
        }
        assert!(kept > 10, "{kept} post pages unchanged");
    }
    // Then a post deleted: its folder goes (with the pages' folders, before the search index is
    // done), and the lists and the index it was in change.
    fs::remove_file(generated(&content, 10)).unwrap();
    let second_arg = second.to_str().unwrap().to_owned();
    let options = ["--cache", &cache_arg, "--take-over", &second_arg];
    let (third, _) = build_with(&work, "third", &content, &options);
    let (clean, _) = build(&work, "clean-again", &content, &work.join("empty-cache-2"));
    assert_same_files(&third, &clean);
}

#[test]
#[cfg(unix)]
fn a_build_without_the_cache_taking_over_a_site_never_writes_into_the_cache() {
    // The taken files are links to the cache's blobs: writing through one would change a blob
    // (which the cache would then find damaged and not serve, but work would be lost). A post
    // added and one deleted: the deleted post's folder goes, as in a clean build.
    let work = work("take-over-no-cache");
    let content = blog(&work);
    let cache = work.join("cache");
    build(&work, "first", &content, &cache);
    let unchanged = work.join("unchanged");
    let copied = std::process::Command::new("cp")
        .arg("-r")
        .arg(&content)
        .arg(&unchanged)
        .status()
        .unwrap();
    assert!(copied.success());
    edit_add_delete(&content);
    let first_arg = work.join("first").to_str().unwrap().to_owned();
    let (second, _) = build_with(
        &work,
        "second",
        &content,
        &["--no-cache", "--take-over", &first_arg],
    );
    let (clean, _) = build(&work, "clean", &content, &work.join("empty-cache"));
    assert_same_files(&second, &clean);
    // The cache still holds the first build whole: the blog as it was, built again from the
    // cache, finds every blob whole.
    let (_, stderr) = build(&work, "third", &unchanged, &cache);
    assert!(!stderr.contains("damaged"), "{stderr}");
}
