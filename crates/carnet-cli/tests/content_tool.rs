//! The content tool run as authors run it, on fixture folders: what it writes for good content,
//! and for each kind of bad content, the message it prints and the fact that it writes nothing.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The data of the page at `path` (from the base: `""`, `posts/<slug>/`…) in the site built into
/// `out`, found as the app finds it: its entry in the bucket file the index and its path name;
/// none if there is none.
fn page_data(out: &Path, path: &str) -> Option<serde_json::Value> {
    let index = fs::read_to_string(out.join("data/index.json")).unwrap();
    let index: serde_json::Value = serde_json::from_str(&index).unwrap();
    let buckets = usize::try_from(index["buckets"].as_u64().unwrap()).unwrap();
    let file = out.join(carnet_core::model::page_data_path(path, buckets));
    let bucket: serde_json::Value = serde_json::from_slice(&bucket_json(&file).ok()?).unwrap();
    bucket.get(path).cloned()
}

/// The JSON of the bucket file at `file`, which is stored gzipped.
fn bucket_json(file: &Path) -> std::io::Result<Vec<u8>> {
    let stored = fs::read(file)?;
    assert!(
        carnet_core::gzip::is_gzipped(&stored),
        "{} is gzipped",
        file.display()
    );
    carnet_core::gzip::inflate(&stored)
}

/// Every bucket file of the site built into `out`, one after the other.
fn data_files_text(out: &Path) -> String {
    let mut text = String::new();
    for entry in fs::read_dir(out.join("data/pages")).unwrap() {
        let json = bucket_json(&entry.unwrap().path()).unwrap();
        text.push_str(&String::from_utf8(json).unwrap());
    }
    text
}

/// [`page_data`] as JSON text.
fn page_json(out: &Path, path: &str) -> String {
    page_data(out, path)
        .unwrap_or_else(|| panic!("no data for {path:?}"))
        .to_string()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Copies the folder `from` to `to`, files and folders (not links).
fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let kind = entry.file_type().unwrap();
        if kind.is_dir() {
            copy_tree(&entry.path(), &to.join(entry.file_name()));
        } else if kind.is_file() {
            fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A fresh output folder, with old data in it that a failed build must leave alone.
fn out_dir(name: &str) -> PathBuf {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&out);
    fs::create_dir_all(out.join("data/posts")).unwrap();
    fs::write(out.join("data/index.json"), "old").unwrap();
    fs::write(out.join("data/posts/stale.json"), "old").unwrap();
    out
}

/// Runs the `carnet` command from the repository's root, as Trunk and authors run it: there,
/// `public/` holds the files posts may link to.
fn run(args: &[&str]) -> Output {
    run_in(&repository(), args)
}

/// Runs the command with `args` from the folder `folder`, as an author may run it anywhere.
fn run_in(folder: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_carnet"))
        .current_dir(folder)
        .args(args)
        .output()
        .unwrap()
}

fn build(content: &Path, out: &Path) -> Output {
    build_with(content, out, &[])
}

/// [`build`] with `extra` arguments.
fn build_with(content: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "build",
        "--content",
        content.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    // A cache of each test's own, beside its site: tests run side by side (tests/incremental.rs
    // tests the cache itself).
    let cache = out.with_extension("cache");
    if !extra.contains(&"--cache") && !extra.contains(&"--no-cache") {
        args.extend(["--cache", cache.to_str().unwrap()]);
    }
    args.extend_from_slice(extra);
    run(&args)
}

/// Runs a build on the fixture `name`, checks it failed and wrote nothing, returns stderr.
fn failing_build(name: &str) -> String {
    let out = out_dir(name);
    let output = build(&fixture(name), &out);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_eq!(
        fs::read_to_string(out.join("data/index.json")).unwrap(),
        "old"
    );
    assert!(out.join("data/posts/stale.json").exists());
    assert_eq!(
        fs::read_dir(&out).unwrap().count(),
        1,
        "only data/ is there: {stderr}"
    );
    assert!(stderr.contains("nothing was written"), "{stderr}");
    stderr
}

fn assert_mentions(stderr: &str, parts: &[&str]) {
    for part in parts {
        assert!(stderr.contains(part), "expected {part:?} in:\n{stderr}");
    }
}

#[test]
fn a_valid_folder_replaces_the_old_data_entirely() {
    let out = out_dir("valid");
    let output = build(&fixture("valid"), &out);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    // A folder without Trunk's page gets no page: the author is told, and how to get them.
    assert_mentions(
        &stderr,
        &[
            "carnet: no page written: ",
            "has no index.html, the app Trunk builds; only the data, feed and sitemap are there",
            "fix: build with `trunk build --release` (with CARNET_CONTENT=",
        ],
    );
    let index = fs::read_to_string(out.join("data/index.json")).unwrap();
    assert!(index.starts_with(r#"{"version":8,"#), "{index}");
    assert!(index.contains(r#""slug":"un-billet-valide""#), "{index}");
    let home = page_json(&out, "");
    assert!(home.contains(r#""slug":"un-billet-valide""#), "{home}");
    let post = page_json(&out, "posts/un-billet-valide/");
    assert!(post.contains("Premier paragraphe."), "{post}");
    assert!(
        !out.join("data/posts/stale.json").exists(),
        "old bodies are gone"
    );
    let mut written: Vec<_> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    written.sort();
    // `category/` holds the category's feed alone.
    assert_eq!(
        written,
        [
            "category",
            "data",
            "feed.xml",
            "robots.txt",
            "search",
            "sitemap.xml"
        ],
        "no temporary folder is left behind; no pages without Trunk's index.html"
    );
    let categories: Vec<_> = fs::read_dir(out.join("category"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(categories.len(), 1, "{categories:?}");
    let feed = fs::read_to_string(categories[0].join("feed.xml")).unwrap();
    assert!(feed.contains("/posts/un-billet-valide/"), "{feed}");
}

#[test]
fn aliases_become_pages_sending_readers_on_which_go_with_them() {
    let content = Path::new(env!("CARGO_TARGET_TMPDIR")).join("aliases-content");
    let _ = fs::remove_dir_all(&content);
    fs::create_dir_all(content.join("posts")).unwrap();
    let post = |aliases: &str| {
        format!("+++\ntitle = \"A\"\ndate = 2009-10-06\naliases = [{aliases}]\n+++\n\nTexte.\n")
    };
    fs::write(
        content.join("posts/a.md"),
        post("\"/2009/10/06/a/\", \"/vieux.html\""),
    )
    .unwrap();
    let linking = "+++\ntitle = \"B\"\ndate = 2009-10-07\n+++\n\n[A](/2009/10/06/a/)\n";
    fs::write(content.join("posts/b.md"), linking).unwrap();
    let out = out_dir("aliases-site");
    // The app does not know an alias: a post linking to one is told where to link instead.
    let output = build_with(&content, &out, &["--base", "/blog/"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert_mentions(
        &stderr,
        &[
            "posts/b.md:6: the link to /2009/10/06/a/ leads to no page or file of the site",
            "fix: link to /posts/a/, the page /2009/10/06/a/ sends readers to",
        ],
    );
    let fixed = linking.replace("/2009/10/06/a/", "/posts/a/");
    fs::write(content.join("posts/b.md"), &fixed).unwrap();
    // An alias named as a file of the app (Trunk's, at the top of the site folder) would take
    // its place: the stylesheet a folder, the site unstyled.
    fs::write(out.join("style-5c4e.css"), "body{}").unwrap();
    let draft = "+++\ntitle = \"C\"\ndate = 2009-10-08\ndraft = true\n\
                 aliases = [\"/style-5c4e.css/\"]\n+++\n\nTexte.\n";
    fs::write(content.join("posts/c.md"), draft).unwrap();
    let output = build_with(&content, &out, &["--base", "/blog/"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert_mentions(
        &stderr,
        &[
            "posts/c.md:5: the alias /style-5c4e.css/ would take the place of style-5c4e.css in ",
            "fix: remove it from `aliases`: the site needs style-5c4e.css",
        ],
    );
    assert_eq!(
        fs::read_to_string(out.join("style-5c4e.css")).unwrap(),
        "body{}"
    );
    // A link to a draft's alias is told where to link.
    let draft = draft.replace("style-5c4e.css", "ancien-c");
    fs::write(content.join("posts/c.md"), draft).unwrap();
    fs::write(
        content.join("posts/b.md"),
        linking.replace("/2009/10/06/a/", "/ancien-c/"),
    )
    .unwrap();
    let output = build_with(&content, &out, &["--base", "/blog/"]);
    assert_mentions(
        &String::from_utf8_lossy(&output.stderr),
        &[
            "fix: link to /posts/c/: /ancien-c/ is an old address of that post, which is not \
           published yet",
        ],
    );
    fs::write(content.join("posts/b.md"), &fixed).unwrap();
    // A folder of the author's own in the site folder is not the tool's: it stays.
    fs::create_dir_all(out.join("notes")).unwrap();
    fs::write(out.join("notes/x.txt"), "x").unwrap();
    let output = build_with(&content, &out, &["--base", "/blog/"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert_mentions(
        &stderr,
        &["carnet: 3 posts checked, 1 left out, 2 old addresses sent on to their posts, site written to"],
    );
    let page = fs::read_to_string(out.join("2009/10/06/a/index.html")).unwrap();
    assert!(
        page.contains("<meta http-equiv=\"refresh\" content=\"0; url=/blog/posts/a/\">"),
        "{page}"
    );
    assert!(page.contains("<a href=\"/blog/posts/a/\">A</a>"), "{page}");
    assert!(out.join("vieux.html").is_file());
    assert_eq!(
        fs::read_to_string(out.join("data/redirects.json")).unwrap(),
        r#"{"2009/10/06/a/":"posts/a/","vieux.html":"posts/a/"}"#
    );
    // Built again with one alias fewer: its page goes (with the copy a release build's
    // precompression made of it), the other is written again in place.
    fs::write(out.join("vieux.html.br"), "br").unwrap();
    fs::write(content.join("posts/a.md"), post("\"/2009/10/06/a/\"")).unwrap();
    let output = build_with(&content, &out, &["--base", "/blog/"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(out.join("2009/10/06/a/index.html").is_file());
    assert!(!out.join("vieux.html").exists());
    assert!(!out.join("vieux.html.br").exists());
    // And with none: the folders they were in go, and their list.
    fs::write(content.join("posts/a.md"), post("")).unwrap();
    let output = build_with(&content, &out, &["--base", "/blog/"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!out.join("2009").exists());
    assert!(!out.join("data/redirects.json").exists());
    assert!(out.join("notes/x.txt").is_file());
}

#[test]
fn an_alias_written_with_the_blogs_base_is_told_where_its_page_goes() {
    let content = Path::new(env!("CARGO_TARGET_TMPDIR")).join("alias-base-content");
    let _ = fs::remove_dir_all(&content);
    fs::create_dir_all(content.join("posts")).unwrap();
    let post =
        "+++\ntitle = \"A\"\ndate = 2009-10-06\naliases = [\"/blog/2009/a/\"]\n+++\n\nTexte.\n";
    fs::write(content.join("posts/a.md"), post).unwrap();
    let out = out_dir("alias-base-site");
    let output = build_with(&content, &out, &["--base", "/blog/"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert_mentions(
        &stderr,
        &[
            "posts/a.md:4: the alias /blog/2009/a/ is from the blog's root, which is /blog/ on \
             the host: its page is at /blog/blog/2009/a/",
            "fix: nothing if that is the old address; else write it `/2009/a/`",
        ],
    );
    assert!(out.join("blog/2009/a/index.html").is_file());
}

#[test]
fn a_missing_title_is_reported_with_its_fix() {
    let stderr = failing_build("no-title");
    assert_mentions(
        &stderr,
        &[
            "sans-titre.md:1:",
            "has no `title`",
            "fix: add a line `title = ",
        ],
    );
}

#[test]
fn a_missing_date_is_reported_with_its_fix() {
    let stderr = failing_build("no-date");
    assert_mentions(
        &stderr,
        &[
            "sans-date.md:1:",
            "has no `date`",
            "fix: add a line `date = 2009-10-06`",
        ],
    );
}

#[test]
fn a_bad_date_is_reported_on_its_line() {
    let stderr = failing_build("bad-date");
    assert_mentions(
        &stderr,
        &[
            "mauvaise-date.md:4:",
            "bad date `6 octobre 2009`",
            "fix: write the day the post was published as `date = YYYY-MM-DD`",
        ],
    );
}

#[test]
fn a_duplicate_slug_names_both_files() {
    let stderr = failing_build("duplicate-slug");
    assert_mentions(
        &stderr,
        &[
            "2009-10-07_meme-titre.md:1:",
            "the slug `meme-titre`, made from the file's name, is already taken by",
            "2009-10-06-meme-titre.md",
            "fix: give one of the two posts another slug: `slug = \"meme-titre-2\"`, or rename the file",
        ],
    );
}

#[test]
fn values_of_the_wrong_type_are_reported_on_their_key_line() {
    let stderr = failing_build("wrong-types");
    assert_mentions(
        &stderr,
        &[
            "titre-nombre.md:2: `title` must be text in double quotes, not a number",
            "fix: write `title = \"3\"`",
            "categorie-liste.md:4: `category` must be text in double quotes, not a list",
            "fix: a post has one category: write `category = \"Actus\"`",
            "date-en-mots.md:4: bad date `yesterday`",
            "fix: write the day the post was published as `date = YYYY-MM-DD`",
            "3 problems",
        ],
    );
}

#[test]
fn two_spellings_of_one_category_name_both_files() {
    let stderr = failing_build("category-spelling");
    assert_mentions(
        &stderr,
        &[
            "b.md:5: the category `reseaux` has the same URL, category/reseaux/, as `Réseaux` in ",
            "a.md:4",
            "fix: spell the category the same in every post: `category = \"Réseaux\"`",
        ],
    );
}

#[test]
fn links_to_no_page_or_file_of_the_site_are_errors_with_the_closest_target() {
    let public = fixture("links-public");
    let public = public.to_str().unwrap();
    let content = fixture("broken-links");
    let content = content.to_str().unwrap();
    let out = out_dir("broken-links");
    for args in [
        &[
            "build",
            "--content",
            content,
            "--public",
            public,
            "--out",
            out.to_str().unwrap(),
        ][..],
        &["check", "--content", content, "--public", public],
    ] {
        let output = run(args);
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert_mentions(
            &stderr,
            &[
                "second-billet.md:7: the link to /posts/premier-bilet/ leads to no page or file of the site",
                "fix: link to /posts/premier-billet/, the closest page or file of the site",
                "second-billet.md:9: the link to /category/x/ leads to no page or file of the site",
                "second-billet.md:9: the link to /archive/2009/13/ leads to no page or file of the site",
                "fix: link to /archive/2009/10/, the closest page or file of the site",
                "second-billet.md:10: the link to /images/photo.png leads to no page or file of the site",
                "fix: link to /images/photo.svg, the closest page or file of the site",
                "4 problems",
            ],
        );
        assert!(!stderr.contains("premier-billet.md:"), "{stderr}");
    }
    assert_eq!(
        fs::read_to_string(out.join("data/index.json")).unwrap(),
        "old"
    );
}

#[test]
fn a_broken_link_checked_without_the_public_folder_says_where_to_run() {
    // The seed blog links to /images/…, which the repository's public/ holds: checked from a
    // folder without one, the error says why the file was not seen.
    let content = repository().join("content");
    let elsewhere = out_dir("check-elsewhere");
    fs::create_dir_all(&elsewhere).unwrap();
    let output = run_in(
        &elsewhere,
        &["check", "--content", content.to_str().unwrap()],
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_mentions(
        &stderr,
        &[
            "the link to /images/",
            "there is no folder public here: run carnet in the blog's folder, or give --public \
             the folder of its public files",
        ],
    );
    let output = run(&["check", "--content", content.to_str().unwrap()]);
    assert!(output.status.success(), "{output:?}");
}

#[test]
fn a_content_folder_without_posts_says_how_to_name_the_right_one() {
    let elsewhere = out_dir("no-posts-folder");
    fs::create_dir_all(&elsewhere).unwrap();
    let output = run_in(&elsewhere, &["check"]);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_mentions(
        &stderr,
        &[
            "cannot read the posts folder content/posts",
            "fix: run carnet in the blog's folder, or give --content the folder holding \
             site.toml and posts/",
        ],
    );
}

#[test]
fn a_site_url_from_the_environment_that_is_not_a_url_is_an_error() {
    let out = out_dir("bad-site-url");
    let content = fixture("valid");
    let output = build_with(&content, &out, &["--site-url", "example.org/blog/"]);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_mentions(
        &stderr,
        &[
            "--site-url (the environment variable CARNET_SITE_URL under Trunk): the site url \
             `example.org/blog/` is not an absolute http(s) URL",
            "fix: write where the blog is published, e.g. `https://example.org/blog/`",
        ],
    );
    assert_eq!(
        fs::read_to_string(out.join("data/index.json")).unwrap(),
        "old"
    );
}

#[test]
fn a_title_too_long_for_a_file_name_is_reported_with_a_shorter_slug() {
    let stderr = failing_build("long-title");
    assert_mentions(
        &stderr,
        &[
            "2009-10-06.md:2: the slug, made from the title, is 335 characters long",
            "fix: add a shorter slug: `slug = \"un-titre-vraiment-tres-long-un-titre-vraiment-tres-long-un\"`",
        ],
    );
}

#[test]
fn an_unclosed_front_matter_is_reported() {
    let stderr = failing_build("unclosed");
    assert_mentions(
        &stderr,
        &["non-ferme.md:1:", "never closed", "fix: add a line `+++`"],
    );
}

#[test]
fn an_unknown_key_is_reported_on_its_line() {
    let stderr = failing_build("unknown-key");
    assert_mentions(
        &stderr,
        &[
            "cle-inconnue.md:4:",
            "unknown key `categori`: is it `category` misspelt?",
            "fix: write `category` instead of `categori`",
        ],
    );
}

#[test]
fn a_file_without_front_matter_is_reported() {
    let stderr = failing_build("no-front-matter");
    assert_mentions(
        &stderr,
        &["sans-entete.md:1:", "does not start with a `+++` line"],
    );
}

#[test]
fn a_file_not_in_utf8_is_reported_on_the_line_of_its_first_bad_byte() {
    let stderr = failing_build("invalid-utf8");
    assert_mentions(
        &stderr,
        &[
            "latin1.md:7:",
            "not UTF-8",
            "byte 0xE8",
            "fix: save the file as UTF-8",
        ],
    );
}

#[test]
fn an_empty_file_is_reported_with_its_fix() {
    let stderr = failing_build("empty");
    assert_mentions(
        &stderr,
        &["vide.md:1:", "the file is empty", "fix: write the post"],
    );
}

#[test]
fn a_byte_order_mark_is_accepted_in_posts_and_settings() {
    let out = out_dir("bom");
    let output = build(&fixture("bom"), &out);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let index = fs::read_to_string(out.join("data/index.json")).unwrap();
    assert!(index.contains(r#""title":"Carnet avec BOM""#), "{index}");
    assert!(index.contains(r#""slug":"un-billet-avec-bom""#), "{index}");
}

#[test]
fn crlf_line_endings_give_the_same_site_as_lf() {
    let crlf = fixture("crlf");
    let text = fs::read_to_string(crlf.join("posts/windows.md")).unwrap();
    assert!(text.contains("\r\n"), "the fixture has CRLF line endings");
    let lf = Path::new(env!("CARGO_TARGET_TMPDIR")).join("lf-content");
    let _ = fs::remove_dir_all(&lf);
    fs::create_dir_all(lf.join("posts")).unwrap();
    fs::write(lf.join("posts/windows.md"), text.replace("\r\n", "\n")).unwrap();
    assert_same_files(&built_site("crlf", &crlf, &[]), &built_site("lf", &lf, &[]));
}

#[test]
fn titles_and_categories_without_latin_letters_get_stable_urls() {
    let once = built_site("non-latin", &fixture("non-latin"), &[]);
    let twice = built_site("non-latin-again", &fixture("non-latin"), &[]);
    assert_same_files(&once, &twice);
    let index = fs::read_to_string(once.join("data/index.json")).unwrap();
    let index: serde_json::Value = serde_json::from_str(&index).unwrap();
    let slugs = |key: &str, pointer: &str| -> Vec<String> {
        let slugs = index[key].as_array().unwrap().iter();
        slugs
            .map(|entry| entry.pointer(pointer).unwrap().as_str().unwrap().to_owned())
            .collect()
    };
    let (posts, categories) = (
        slugs("recent", "/slug"),
        slugs("categories", "/category/slug"),
    );
    assert_eq!((posts.len(), categories.len()), (3, 3));
    for (folder, slug) in posts
        .iter()
        .map(|slug| ("posts", slug))
        .chain(categories.iter().map(|slug| ("category", slug)))
    {
        assert!(
            slug.len() == 12 && slug.bytes().all(|b| b.is_ascii_hexdigit()),
            "{slug}"
        );
        let page = once.join(folder).join(slug).join("index.html");
        assert!(page.exists(), "{}", page.display());
    }

    // `new` names the file after the same slug.
    let content = Path::new(env!("CARGO_TARGET_TMPDIR")).join("new-non-latin");
    let _ = fs::remove_dir_all(&content);
    let output = run(&["new", "你好，世界", "--content", content.to_str().unwrap()]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let chinese = &posts[2];
    assert!(content.join(format!("posts/{chinese}.md")).exists());
}

#[test]
fn posts_dated_after_today_are_left_out_unless_future_is_asked() {
    let content = fixture("future");
    let out = built_site("future", &content, &[]);
    assert!(out.join("posts/deja-publie/index.html").exists());
    assert!(!out.join("posts/pas-encore").exists());
    assert_eq!(page_data(&out, "posts/pas-encore/"), None);
    assert!(!data_files_text(&out).contains("pas-encore"));
    let sitemap = fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(!sitemap.contains("pas-encore"), "{sitemap}");
    let feed = fs::read_to_string(out.join("feed.xml")).unwrap();
    assert!(!feed.contains("pas-encore"), "{feed}");

    let (content_dir, out_dir) = (content.to_str().unwrap(), out.to_str().unwrap());
    let cache = out.with_extension("cache");
    let cache = cache.to_str().unwrap();
    for args in [
        &[
            "build",
            "--content",
            content_dir,
            "--out",
            out_dir,
            "--cache",
            cache,
        ][..],
        &["check", "--content", content_dir],
    ] {
        let output = run(args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{stderr}");
        assert_mentions(
            &stderr,
            &[
                "left out ",
                "pas-encore.md",
                "dated 2999-01-01, after today",
                "--future",
                "2 posts checked, 1 left out",
            ],
        );
    }

    let out = built_site("future-all", &content, &["--future"]);
    assert!(out.join("posts/pas-encore/index.html").exists());
    assert!(page_data(&out, "posts/pas-encore/").is_some());
    let output = run(&["check", "--future", "--content", content.to_str().unwrap()]);
    assert!(!String::from_utf8_lossy(&output.stderr).contains("left out"));
}

#[test]
fn a_post_dated_today_is_published() {
    let content = Path::new(env!("CARGO_TARGET_TMPDIR")).join("today");
    let _ = fs::remove_dir_all(&content);
    let dir = content.to_str().unwrap();
    assert!(run(&["new", "Aujourd’hui", "--content", dir])
        .status
        .success());
    let out = built_site("today-site", &content, &[]);
    assert!(out.join("posts/aujourd-hui/index.html").exists());
}

#[test]
fn a_folders_own_post_is_found_in_any_case_and_two_are_refused() {
    let content = Path::new(env!("CARGO_TARGET_TMPDIR")).join("own-file-case");
    let _ = fs::remove_dir_all(&content);
    let folder = content.join("posts/2009-10-06-billet");
    fs::create_dir_all(&folder).unwrap();
    fs::write(
        folder.join("INDEX.MD"),
        "---\ntitle: Le billet\n---\n\nTexte.\n",
    )
    .unwrap();
    // Markdown notes beside it are the post's files, not posts; Hugo's section file is no post.
    fs::write(folder.join("notes.md"), "Des notes.\n").unwrap();
    fs::write(
        content.join("posts/_INDEX.MARKDOWN"),
        "---\ntitle: Section\n---\n",
    )
    .unwrap();
    let out = built_site("own-file-case-site", &content, &[]);
    let page = fs::read_to_string(out.join("posts/billet/index.html")).unwrap();
    assert!(page.contains("<time datetime=\"2009-10-06\""), "{page}");
    assert!(out.join("posts/billet/notes.md").is_file());
    assert!(!out.join("posts/billet/INDEX.MD").exists());
    let index = fs::read_to_string(out.join("data/index.json")).unwrap();
    assert!(index.contains(r#""total":1,"#), "{index}");

    // Hugo's translation of a folder's post, `index.en.md`, is that folder's post too.
    let translated = content.join("posts/voyage");
    fs::create_dir_all(&translated).unwrap();
    fs::write(
        translated.join("index.en.md"),
        "---\ntitle: A trip\ndate: 2009-10-08\n---\n\n![A photo](photo.svg)\n",
    )
    .unwrap();
    fs::write(
        translated.join("photo.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .unwrap();
    let out = built_site("own-file-translated", &content, &[]);
    assert!(out.join("posts/voyage/index.html").is_file());
    assert!(out.join("posts/voyage/photo.svg").is_file());
    fs::remove_dir_all(&translated).unwrap();

    // A post written into another's folder is no post either: the build says so.
    fs::write(
        folder.join("voyage.md"),
        "---\ntitle: Un voyage\ndate: 2009-10-07\n---\n",
    )
    .unwrap();
    let output = build_with(&content, &out, &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "2009-10-06-billet/voyage.md:1: a post's front matter in the folder of the post "
        ) && stderr.contains(
            "2009-10-06-billet/INDEX.MD: published as a file beside it, front matter and \
             all, not as a post\n  fix: move it out of that folder if it is a post"
        ) && !stderr.contains("notes.md"),
        "{stderr}"
    );
    fs::remove_file(folder.join("voyage.md")).unwrap();

    fs::write(folder.join("index.markdown"), "---\ntitle: Autre\n---\n").unwrap();
    let output = build(&content, &out_dir("own-file-case-two"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "2009-10-06-billet: two files, INDEX.MD and index.markdown, would be this folder's \
             post; keep one, or rename the other"
        ),
        "{stderr}"
    );
}

#[test]
fn a_page_the_last_build_published_and_this_one_does_not_is_told() {
    let content = Path::new(env!("CARGO_TARGET_TMPDIR")).join("gone-content");
    let _ = fs::remove_dir_all(&content);
    fs::create_dir_all(content.join("posts")).unwrap();
    let post = |name: &str, extra: &str| {
        fs::write(
            content.join("posts").join(name),
            format!("---\ntitle: Un billet\ndate: 2010-05-02\n{extra}---\n\nTexte.\n"),
        )
        .unwrap()
    };
    for name in ["fichier.md", "autre.md", "troisieme.md"] {
        post(name, "");
    }
    let out = built_site("gone", &content, &[]);
    // One file renamed, its address moving; one renamed with its old address as an alias;
    // one deleted.
    fs::remove_file(content.join("posts/fichier.md")).unwrap();
    post("fichier-renomme.md", "");
    fs::remove_file(content.join("posts/troisieme.md")).unwrap();
    post("troisieme-bis.md", "aliases: [/posts/troisieme/]\n");
    fs::remove_file(content.join("posts/autre.md")).unwrap();
    let output = build_with(&content, &out, &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert_mentions(
        &stderr,
        &[
            "warning: /posts/autre/, published by the last build, is no longer",
            "warning: /posts/fichier/, published by the last build, is no longer",
            "if its file was renamed, write `aliases = [\"/posts/fichier/\"]` in that post",
        ],
    );
    assert!(!stderr.contains("/posts/troisieme/,"), "{stderr}");
    // A draft an author's preview published (`--drafts`), held back again: the build names it
    // as a draft, and does not call its page gone.
    post("idee.md", "draft: true\n");
    let preview = build_with(&content, &out, &["--drafts"]);
    assert!(preview.status.success());
    assert!(out.join("posts/idee/index.html").exists());
    let output = build_with(&content, &out, &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert_mentions(&stderr, &["carnet: left out ", "idee.md, a draft"]);
    assert!(!stderr.contains("/posts/idee/,"), "{stderr}");
}

#[test]
fn warnings_are_told_with_the_errors_not_after_they_are_mended() {
    let content = Path::new(env!("CARGO_TARGET_TMPDIR")).join("warnings-with-errors-content");
    let _ = fs::remove_dir_all(&content);
    fs::create_dir_all(content.join("posts")).unwrap();
    fs::write(
        content.join("posts/a.md"),
        "---\ntitle: A\ndate: 2010-05-02\nlayout: post\n---\n",
    )
    .unwrap();
    fs::write(
        content.join("posts/b.md"),
        "---\ntitle: B\ndate: 2010-05-03\ncatgory: Vie\n---\n",
    )
    .unwrap();
    let output = build(&content, &out_dir("warnings-with-errors"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_mentions(
        &stderr,
        &[
            "warning: ",
            "posts/a.md:4: `layout` is not a key Carnet reads: left out",
            "error: ",
            "posts/b.md:4: unknown key `catgory`: is it `category` misspelt?",
            "1 problem",
        ],
    );
}

#[test]
fn a_post_in_a_file_that_is_not_markdown_is_told_not_lost_without_a_word() {
    let content = Path::new(env!("CARGO_TARGET_TMPDIR")).join("not-markdown");
    let _ = fs::remove_dir_all(&content);
    fs::create_dir_all(content.join("posts/2010")).unwrap();
    fs::write(
        content.join("posts/billet.md"),
        "---\ntitle: Un billet\ndate: 2010-05-02\n---\n",
    )
    .unwrap();
    // Jekyll reads `.html` posts (with a byte-order mark and Windows line ends here); a note
    // without front matter is no post, and nothing is said of it.
    fs::write(
        content.join("posts/2010/2010-05-01-ancien.html"),
        "\u{feff}---\r\ntitle: Ancien\r\n---\r\n<p>Texte.</p>\r\n",
    )
    .unwrap();
    fs::write(content.join("posts/notes.txt"), "--- pas un billet\n").unwrap();
    // A data file may start as a YAML document does.
    fs::write(content.join("posts/config.yml"), "---\nnom: valeur\n").unwrap();
    let out = out_dir("not-markdown-site");
    fs::write(out.join("index.html"), TRUNK_PAGE).unwrap();
    let output = build_with(&content, &out, &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "posts/2010/2010-05-01-ancien.html:1: a post's front matter in a file that is not \
             Markdown: not published\n  fix: rename it 2010-05-01-ancien.md if it is a post"
        ),
        "{stderr}"
    );
    assert!(
        !stderr.contains("notes.txt") && !stderr.contains("config.yml"),
        "{stderr}"
    );
    assert_eq!(stderr.matches("warning:").count(), 1, "{stderr}");
}

#[test]
fn file_names_with_spaces_work_and_editor_files_and_folders_are_skipped() {
    let content = fixture("odd-names");
    assert!(
        fs::symlink_metadata(content.join("posts/.#mon billet.md")).is_ok(),
        "the fixture has an editor's lock file"
    );
    let out = built_site("odd-names", &content, &[]);
    assert!(out.join("posts/mon-billet/index.html").exists());
    let index = fs::read_to_string(out.join("data/index.json")).unwrap();
    assert!(index.contains(r#""total":1,"#), "{index}");
}

#[test]
fn posts_in_folders_and_yaml_front_matter_are_posts_like_the_others() {
    let content = fixture("nested");
    let out = out_dir("nested");
    fs::write(out.join("index.html"), TRUNK_PAGE).unwrap();
    let output = build_with(&content, &out, &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    // Jekyll's `layout` is left out (told once for the two posts that have it), and its
    // `categories` read as the category; a relative link that leads nowhere is told, with its
    // line; neither stops the build.
    assert!(
        stderr.contains(
            "/tests/fixtures/nested/posts/2009/ancien.md:5: `layout` is not a key Carnet \
             reads: left out\n  fix: nothing if it was for another tool; Carnet reads title, \
             date, updated, category, author, slug, summary, image, tags, aliases, draft\n  the \
             same in 1 other place\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "/tests/fixtures/nested/posts/un-dossier/index.md:16: the link to \
             oubliee.jpg (/posts/un-dossier/oubliee.jpg from this post's page) leads to no \
             page or file of the site\n  fix: link to /posts/un-dossier/couverture.svg, the \
             closest page or file of the site"
        ),
        "{stderr}"
    );
    assert_eq!(stderr.matches("warning:").count(), 2, "{stderr}");
    // The files of a post's own folder are published beside its page, as they are.
    let post_folder = out.join("posts/un-dossier");
    assert_eq!(
        fs::read(post_folder.join("couverture.svg")).unwrap(),
        fs::read(content.join("posts/un-dossier/couverture.svg")).unwrap()
    );
    assert!(post_folder.join("notes/brouillon.md").is_file());
    // Jekyll's `_drafts/` (undated, as Jekyll keeps them) is not read.
    assert!(!stderr.contains("_drafts"), "{stderr}");
    for page in [
        "posts/ancien/index.html",
        "posts/un-dossier/index.html",
        "tag/b2b/index.html",
        "category/reseaux-sociaux/index.html",
    ] {
        assert!(out.join(page).exists(), "{page}");
    }
    let post = fs::read_to_string(out.join("posts/un-dossier/index.html")).unwrap();
    assert!(post.contains("<time datetime=\"2009-03-10\""), "{post}");
    // Its first image is the one link previews show, at its address on the site.
    assert!(
        post.contains(
            r#"<meta property="og:image" content="http://127.0.0.1:8080/posts/un-dossier/couverture.svg">"#
        ) && post.contains(r#"<meta name="twitter:card" content="summary_large_image">"#),
        "{post}"
    );
    let ancien = fs::read_to_string(out.join("posts/ancien/index.html")).unwrap();
    assert!(
        !ancien.contains("og:image")
            && ancien.contains(r#"<meta name="twitter:card" content="summary">"#),
        "{ancien}"
    );
    // An image of the post's own folder, written relative to its page, gets its size too.
    assert!(
        post.contains("src=\"couverture.svg\" alt=\"La couverture\" width=\"480\" height=\"240\""),
        "{post}"
    );
    // A `.markdown` file (in any case) is a post, dated by its name when its front matter is not.
    let jekyll = fs::read_to_string(out.join("posts/a-la-jekyll/index.html")).unwrap();
    assert!(jekyll.contains("<time datetime=\"2010-05-04\""), "{jekyll}");
    // Neither Hugo's section page nor a hidden folder's file is a post.
    let index = fs::read_to_string(out.join("data/index.json")).unwrap();
    assert!(index.contains(r#""total":3,"#), "{index}");
    assert!(!out.join("posts/billets").exists());
    // A second build takes them again (from the build cache), and a file named as the page is
    // refused.
    let output = build_with(&content, &out, &[]);
    assert!(output.status.success());
    assert!(post_folder.join("couverture.svg").is_file());
    let copy = Path::new(env!("CARGO_TARGET_TMPDIR")).join("nested-index-html");
    let _ = fs::remove_dir_all(&copy);
    copy_tree(&content, &copy);
    fs::write(copy.join("posts/un-dossier/index.html"), "<p>x</p>").unwrap();
    let output = build_with(&copy, &out_dir("nested-index-html-site"), &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains(
            "nested-index-html/posts/un-dossier/index.html:1: this file would take the place of \
             the page of "
        ),
        "{stderr}"
    );
}

#[test]
fn a_ten_megabyte_post_is_built_whole() {
    let content = Path::new(env!("CARGO_TARGET_TMPDIR")).join("big-post-content");
    let _ = fs::remove_dir_all(&content);
    fs::create_dir_all(content.join("posts")).unwrap();
    let mut text = String::from("+++\ntitle = \"Un très long billet\"\ndate = 2009-10-06\n+++\n\n");
    let mut part = 0;
    while text.len() < 10 * 1024 * 1024 {
        part += 1;
        text.push_str(&format!(
            "## Partie {part}\n\nUn paragraphe *numéro* {part}, avec un [lien](https://example.org/{part}) \
             et du `code` : « l’été… ».\n\n- un\n- deux\n\n"
        ));
    }
    fs::write(content.join("posts/un-tres-long-billet.md"), &text).unwrap();
    let start = std::time::Instant::now();
    let out = built_site("big-post", &content, &[]);
    let elapsed = start.elapsed();
    let page = fs::read_to_string(out.join("posts/un-tres-long-billet/index.html")).unwrap();
    assert!(page.contains(&format!(
        r##"<h2 id="partie-{part}">Partie {part} <a class="heading-anchor" href="#partie-{part}""##
    )));
    let data = page_json(&out, "posts/un-tres-long-billet/");
    assert!(data.contains(&format!("## Partie {part}\\n")));
    // Linear work on 10 MB takes seconds even in a debug build; anything quadratic, hours, and
    // this test would not end. No bound on its time: a loaded machine failed one of 60 s.
    eprintln!("a 10 MB post built in {elapsed:?}");
}

#[test]
fn check_validates_without_writing() {
    let output = run(&[
        "check",
        "--content",
        fixture("unknown-key").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let output = run(&["check", "--content", fixture("valid").to_str().unwrap()]);
    assert!(output.status.success());
}

#[test]
fn bad_arguments_print_the_usage() {
    let output = run(&["publish"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8(output.stderr).unwrap().contains("Usage:"));
}

/// A page shaped like the one Trunk writes.
const TRUNK_PAGE: &str = r#"<!DOCTYPE html>
<html lang="fr"><head><meta name="carnet-base" content="/"><title>Carnet</title>
<script type="module">import init from '/blog/carnet.js'; init();</script></head>
<body></body></html>"#;

/// Every file under `folder`, by its path from `root`, sorted.
fn files_under(folder: &Path, root: &Path) -> Vec<String> {
    let mut files = Vec::new();
    let mut folders = vec![folder.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else {
                files.push(path.strip_prefix(root).unwrap().display().to_string());
            }
        }
    }
    files.sort();
    files
}

/// Every file under `root` with its bytes, by its path from `root`, sorted.
fn contents_under(root: &Path) -> Vec<(String, Vec<u8>)> {
    files_under(root, root)
        .into_iter()
        .map(|name| (name.clone(), fs::read(root.join(&name)).unwrap()))
        .collect()
}

/// Fails unless the folders `a` and `b` hold the same files with the same bytes.
fn assert_same_files(a: &Path, b: &Path) {
    let (a, b) = (contents_under(a), contents_under(b));
    let names = |files: &[(String, Vec<u8>)]| -> Vec<String> {
        files.iter().map(|(name, _)| name.clone()).collect()
    };
    assert_eq!(names(&a), names(&b));
    for ((name, a), (_, b)) in a.iter().zip(&b) {
        assert!(a == b, "{name} differs");
    }
}

/// Builds `content` into a fresh folder holding Trunk's page, with `extra` arguments; the build
/// must succeed.
fn built_site(name: &str, content: &Path, extra: &[&str]) -> PathBuf {
    let out = out_dir(name);
    fs::write(out.join("index.html"), TRUNK_PAGE).unwrap();
    let output = build_with(content, &out, extra);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    out
}

fn site_with_pages(name: &str, extra: &[&str]) -> PathBuf {
    built_site(name, &repository().join("content"), extra)
}

#[test]
fn a_blog_built_without_its_url_is_told_to_give_it_before_publishing() {
    let content = repository().join("content");
    let out = out_dir("without-url");
    fs::write(out.join("index.html"), TRUNK_PAGE).unwrap();
    let told = "carnet: the site's url is http://127.0.0.1:8080/, this machine's";
    let output = build_with(&content, &out, &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success() && stderr.contains(told), "{stderr}");
    assert!(stderr.contains("CARNET_SITE_URL"), "{stderr}");
    let output = build_with(&content, &out, &["--site-url", "https://example.org/"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && !stderr.contains(told),
        "{stderr}"
    );
}

#[test]
fn an_english_blog_is_pre_rendered_with_english_strings_dates_and_lang() {
    let out = built_site("english", &fixture("english"), &[]);
    let page = |path: &str| fs::read_to_string(out.join(path)).unwrap();
    let home = page("index.html");
    assert!(home.contains("<html lang=\"en\">"), "{home}");
    for english in [
        "Skip to content",
        "Recent posts",
        "Categories",
        "All archives",
        "Powered by Carnet.",
        "Published on <time datetime=\"2010-08-01\">August 1, 2010</time> in ",
        "Read more",
        "Older posts →",
        "Page 1 of 2",
        "content=\"en_US\"",
        "August 2010",
    ] {
        assert!(home.contains(english), "{english} in {home}");
    }
    for french in ["Publié", "Catégories", "Lire la suite", "août", "billet"] {
        assert!(!home.contains(french), "{french} in {home}");
    }
    // posts_per_page = 1: the older post is on page 2.
    let second = page("page/2/index.html");
    assert!(second.contains("October 6, 2009"), "{second}");
    assert!(second.contains("← Newer posts"), "{second}");
    let category = page("category/news/index.html");
    assert!(category.contains("Category: News — Notebook"), "{category}");
    assert!(category.contains("(2 posts)"), "{category}");
    let month = page("archive/2009/10/index.html");
    assert!(month.contains("Archives: October 2009"), "{month}");
    assert!(page("404.html").contains("Page not found"));
    let post = page("posts/the-second-post/index.html");
    assert!(post.contains("← Previous post"), "{post}");
    assert!(post.contains("Comments are closed"), "{post}");
}

#[test]
fn every_route_is_pre_rendered_with_its_content_title_and_data() {
    let out = site_with_pages("pages", &[]);
    for (file, title, text) in [
        ("index.html", "<title>Carnet</title>", "Lire la suite"),
        (
            "posts/les-reseaux-sociaux-b2b-vont-ils-disparaitre/index.html",
            // The title with French typography: a narrow no-break space before `?`.
            "<title>Les réseaux sociaux B2B vont-ils disparaitre\u{202F}? — Carnet</title>",
            "c’est le barbecue au fond du jardin",
        ),
        (
            "category/reseaux-sociaux/index.html",
            "<title>Catégorie : Réseaux sociaux — Carnet</title>",
            "Catégorie",
        ),
        (
            "archive/index.html",
            "<title>Archives — Carnet</title>",
            "janvier 2009",
        ),
        (
            "archive/2009/10/index.html",
            "<title>Archives : octobre 2009 — Carnet</title>",
            "Community manager",
        ),
        (
            "404.html",
            "<title>Page introuvable — Carnet</title>",
            "Retour à l’accueil",
        ),
    ] {
        let page = fs::read_to_string(out.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(page.matches("<title>").count(), 1, "{file} has one title");
        assert!(page.contains(title), "{file}: {title}");
        assert!(page.contains(text), "{file}: {text}");
        assert!(
            page.contains(r#"<script id="carnet-data" type="application/json""#),
            "{file}"
        );
        assert!(
            page.contains(r#"<link href="http://127.0.0.1:8080/"#) || file == "404.html",
            "{file}"
        );
        assert_eq!(
            page.contains(r#"rel="canonical""#),
            file != "404.html",
            "{file}: every page but the 404 has a canonical URL"
        );
        assert_eq!(
            page.contains(r#"<meta name="robots" content="noindex">"#),
            file == "404.html"
        );
        let body = &page[page.find("<body>").unwrap()..];
        assert!(
            body.starts_with("<body><a href=\"#contenu\""),
            "{file}: the app is the body's first child"
        );
    }
    // A post's image of the site has its size, in its page and in its data (the app draws it
    // the same way after an in-app move).
    let slug = "community-manager-un-metier-transparent";
    let page = fs::read_to_string(out.join(format!("posts/{slug}/index.html"))).unwrap();
    assert!(
        page.contains(
            r#"<img src="/images/marketing-personnel.svg" alt="marketing-personnel" width="480" height="240" loading="lazy" />"#
        ),
        "{page}"
    );
    let data = page_data(&out, &format!("posts/{slug}/")).unwrap();
    assert_eq!(
        data["images"],
        serde_json::json!([{ "path": "images/marketing-personnel.svg", "width": 480, "height": 240 }])
    );
}

#[test]
fn the_base_path_and_site_url_reach_links_meta_feed_and_sitemap() {
    let out = site_with_pages(
        "base",
        &["--base", "blog", "--site-url", "https://example.org/blog"],
    );
    let home = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(home.contains(r#"<meta name="carnet-base" content="/blog/">"#));
    assert!(home.contains(r#"<a href="/blog/posts/community-manager-un-metier-transparent/">"#));
    assert!(
        home.contains(r#"<link href="https://example.org/blog/" rel="canonical">"#),
        "{home}"
    );
    assert!(home.contains(r#"<link href="/blog/feed.xml" rel="alternate""#));

    let feed = fs::read_to_string(out.join("feed.xml")).unwrap();
    let feed = roxmltree::Document::parse(&feed).expect("the feed is well-formed XML");
    let links: Vec<&str> = feed
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .map(|entry| {
            entry
                .children()
                .find(|n| n.has_tag_name("link"))
                .unwrap()
                .attribute("href")
                .unwrap()
        })
        .collect();
    assert_eq!(
        links,
        [
            "https://example.org/blog/posts/community-manager-un-metier-transparent/",
            "https://example.org/blog/posts/generer-du-business-avec-les-reseaux-sociaux/",
            "https://example.org/blog/posts/les-reseaux-sociaux-b2b-vont-ils-disparaitre/",
        ]
    );

    let sitemap = fs::read_to_string(out.join("sitemap.xml")).unwrap();
    let sitemap = roxmltree::Document::parse(&sitemap).expect("the sitemap is well-formed XML");
    let locs: Vec<&str> = sitemap
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(locs.len(), 1 + 3 + 3 + 1 + 3, "{locs:?}");
    assert!(
        locs.iter()
            .all(|loc| loc.starts_with("https://example.org/blog/")),
        "{locs:?}"
    );
    for loc in &locs {
        let file = loc.trim_start_matches("https://example.org/blog/");
        assert!(
            out.join(file).join("index.html").exists(),
            "{loc} has its page"
        );
    }
    let robots = fs::read_to_string(out.join("robots.txt")).unwrap();
    assert!(
        robots.contains("Sitemap: https://example.org/blog/sitemap.xml"),
        "{robots}"
    );
}

#[test]
fn building_again_over_pre_rendered_pages_gives_the_same_site() {
    let once = site_with_pages("once", &[]);
    let twice = site_with_pages("twice", &["--base", "/ailleurs/"]);
    let output = build(&repository().join("content"), &twice);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_same_files(&once, &twice);
}

/// A copy of the seed blog's content, to change.
fn seed_copy(name: &str) -> PathBuf {
    let copy = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&copy);
    fs::create_dir_all(copy.join("posts")).unwrap();
    let seed = repository().join("content");
    for file in files_under(&seed, &seed) {
        fs::copy(seed.join(&file), copy.join(&file)).unwrap();
    }
    copy
}

/// The entries of `out` whose names start with a dot: what a build left behind.
fn hidden_entries(out: &Path) -> Vec<String> {
    fs::read_dir(out)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.starts_with('.'))
        .collect()
}

#[test]
fn a_file_where_a_folder_of_the_site_goes_is_replaced() {
    let out = out_dir("in-the-way");
    fs::write(out.join("index.html"), TRUNK_PAGE).unwrap();
    // A file where the category pages' folder goes: the tool owns that name.
    fs::write(out.join("category"), "in the way").unwrap();
    let output = build(&repository().join("content"), &out);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(out.join("category/actus/index.html").exists());
    assert_eq!(hidden_entries(&out), [] as [String; 0]);
}

/// The seed blog without its newest post, plus a 1 MB post older than the others, whose files
/// come last in a build.
fn changed_seed(name: &str) -> PathBuf {
    let content = seed_copy(name);
    fs::remove_file(content.join("posts/community-manager-un-metier-transparent.md")).unwrap();
    let body = "Un paragraphe assez long pour peser, répété.\n\n".repeat(20_000);
    fs::write(
        content.join("posts/gros.md"),
        format!("+++\ntitle = \"Gros\"\ndate = 2000-01-01\n+++\n\n{body}"),
    )
    .unwrap();
    content
}

/// Builds `content` into `out` unable to write a file over 100 KB, as a full disk stops a
/// build half-way: killed by SIGXFSZ, or, with `signal_ignored`, failing on that write.
#[cfg(unix)]
fn build_with_small_files(content: &Path, out: &Path, signal_ignored: bool) -> Output {
    let trap = if signal_ignored { "trap '' XFSZ; " } else { "" };
    // 200 blocks: 100 KB where a block is 512 bytes (dash), 200 KB where it is 1 KB (bash).
    Command::new("sh")
        .arg("-c")
        .arg(format!("{trap}ulimit -f 200 && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_carnet"))
        .current_dir(repository())
        .args(["build", "--content", content.to_str().unwrap()])
        .args(["--out", out.to_str().unwrap()])
        .args(["--cache", out.with_extension("cache").to_str().unwrap()])
        .output()
        .unwrap()
}

#[cfg(unix)]
#[test]
fn a_build_killed_or_failing_half_way_leaves_the_previous_site_whole() {
    use std::os::unix::process::ExitStatusExt;
    let content = changed_seed("half-way-content");
    for signal_ignored in [false, true] {
        let out = site_with_pages(&format!("half-way-{signal_ignored}"), &[]);
        let before = contents_under(&out);
        let output = build_with_small_files(&content, &out, signal_ignored);
        let stderr = String::from_utf8_lossy(&output.stderr);
        if signal_ignored {
            assert_eq!(output.status.code(), Some(1), "{stderr}");
            assert_mentions(&stderr, &["gros", "File too large"]);
            assert_eq!(hidden_entries(&out), [] as [String; 0]);
        } else {
            assert!(output.status.signal().is_some(), "killed: {stderr}");
        }
        let after: Vec<_> = contents_under(&out)
            .into_iter()
            .filter(|(name, _)| !name.starts_with('.'))
            .collect();
        assert!(after == before, "the previous site changed: {stderr}");

        // The next build finishes the job and leaves nothing of the failed one.
        let output = build(&content, &out);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(hidden_entries(&out), [] as [String; 0]);
        assert_same_files(&out, &built_site("half-way-fresh", &content, &[]));
    }
}

#[test]
fn a_deleted_post_leaves_no_page_data_feed_or_sitemap_entry() {
    let content = seed_copy("deleted-content");
    let out = built_site("deleted", &content, &[]);
    let slug = "community-manager-un-metier-transparent";
    assert!(out.join(format!("posts/{slug}/index.html")).exists());
    // A release build's compressed copy, which would now be stale.
    fs::write(out.join("sitemap.xml.gz"), "old").unwrap();
    fs::remove_file(content.join(format!("posts/{slug}.md"))).unwrap();
    let output = build(&content, &out);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for gone in [
        format!("posts/{slug}"),
        "category/actus".to_owned(),
        "archive/2009/10".to_owned(),
        "sitemap.xml.gz".to_owned(),
    ] {
        assert!(!out.join(&gone).exists(), "{gone} is left");
    }
    for file in ["sitemap.xml", "feed.xml", "index.html", "data/index.json"] {
        let text = fs::read_to_string(out.join(file)).unwrap();
        assert!(!text.contains(slug), "{file} names the deleted post");
    }
    for path in [format!("posts/{slug}/"), "category/actus/".to_owned()] {
        assert_eq!(page_data(&out, &path), None, "{path}");
    }
    assert!(!data_files_text(&out).contains(&format!("\"posts/{slug}/\"")));
    assert_same_files(&out, &built_site("deleted-fresh", &content, &[]));
}

#[test]
fn the_served_page_must_leave_its_body_to_the_pre_renderer() {
    let out = out_dir("full-body");
    fs::write(
        out.join("index.html"),
        TRUNK_PAGE.replace("<body>", "<body><p>Bonjour</p>"),
    )
    .unwrap();
    let output = build(&repository().join("content"), &out);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("must hold nothing but scripts"));
}

/// The seed blog as the app receives it (the index, the home page's list, the data files): a
/// snapshot, so any change to the schema, the order, the counts or the excerpts shows up in
/// review.
#[test]
fn the_seed_blog_data() {
    let out = out_dir("seed");
    let output = build(&repository().join("content"), &out);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json = |path: &str| -> serde_json::Value {
        serde_json::from_str(&fs::read_to_string(out.join(path)).unwrap()).unwrap()
    };
    insta::assert_snapshot!(
        "index",
        serde_json::to_string_pretty(&json("data/index.json")).unwrap()
    );
    insta::assert_snapshot!(
        "home_list",
        serde_json::to_string_pretty(&page_data(&out, "").unwrap()).unwrap()
    );
    let post = page_data(&out, "posts/generer-du-business-avec-les-reseaux-sociaux/").unwrap();
    assert_eq!(post["version"], carnet_core::model::SCHEMA_VERSION);
    // No code block, so no highlighted code: the field is left out of the data.
    assert!(post.get("code").is_none(), "{post}");
    assert_eq!(
        post["older"]["slug"],
        "les-reseaux-sociaux-b2b-vont-ils-disparaitre"
    );
    assert_eq!(
        post["newer"]["slug"],
        "community-manager-un-metier-transparent"
    );
    assert!(post["markdown"]
        .as_str()
        .unwrap()
        .contains("« catalyseur de business »"));
    // Ten pages have data (the home page, three categories, three months, three posts): two
    // buckets, each page in the one its path falls in, and nothing else.
    assert_eq!(json("data/index.json")["buckets"], 2);
    assert_eq!(
        files_under(&out.join("data"), &out),
        [
            "data/index.json",
            "data/pages/0.json.gz",
            "data/pages/1.json.gz"
        ]
    );
    let mut paths = Vec::new();
    for number in 0..2 {
        let file = out.join(format!("data/pages/{number}.json.gz"));
        let bucket: serde_json::Value =
            serde_json::from_slice(&bucket_json(&file).unwrap()).unwrap();
        for path in bucket.as_object().unwrap().keys() {
            assert_eq!(carnet_core::model::bucket(path, 2), number, "{path}");
            paths.push(path.clone());
        }
    }
    paths.sort();
    assert_eq!(
        paths,
        [
            "",
            "archive/2009/01/",
            "archive/2009/03/",
            "archive/2009/10/",
            "category/actus/",
            "category/reseaux-sociaux/",
            "category/usages/",
            "posts/community-manager-un-metier-transparent/",
            "posts/generer-du-business-avec-les-reseaux-sociaux/",
            "posts/les-reseaux-sociaux-b2b-vont-ils-disparaitre/",
        ]
    );
}

#[test]
fn new_starts_a_valid_post_dated_today_and_never_overwrites() {
    let content = Path::new(env!("CARGO_TARGET_TMPDIR")).join("new-post");
    let _ = fs::remove_dir_all(&content);
    let dir = content.to_str().unwrap();
    let output = run(&[
        "new",
        "Un \"été\" à Paris",
        "--category",
        "Voyages",
        "--content",
        dir,
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = fs::read_to_string(content.join("posts/un-ete-a-paris.md")).unwrap();
    assert!(
        text.starts_with("+++\ntitle = \"Un \\\"été\\\" à Paris\"\ndate = 20"),
        "{text}"
    );
    assert!(text.contains("category = \"Voyages\"\n+++\n"), "{text}");
    let check = run(&["check", "--content", dir]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let again = run(&["new", "Un été à Paris", "--content", dir]);
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(
        fs::read_to_string(content.join("posts/un-ete-a-paris.md")).unwrap(),
        text
    );
    // Two titles told apart by a `+` or a `#` are two posts, with two addresses.
    for title in ["Du C++", "Du C#"] {
        let output = run(&["new", title, "--category", "Code", "--content", dir]);
        assert!(output.status.success(), "{title}");
    }
    assert!(content.join("posts/du-c-plus-plus.md").exists());
    assert!(content.join("posts/du-c-sharp.md").exists());
    // A title too long to name a folder: its first words name the file.
    let long = "Un titre vraiment très long ".repeat(10);
    assert!(run(&["new", &long, "--content", dir]).status.success());
    assert!(content
        .join("posts/un-titre-vraiment-tres-long-un-titre-vraiment-tres-long-un.md")
        .exists());
    // Started as a draft: checked, left out until its `draft` line goes.
    let draft = run(&["new", "Une idée", "--draft", "--content", dir]);
    assert!(draft.status.success());
    let text = fs::read_to_string(content.join("posts/une-idee.md")).unwrap();
    assert!(text.ends_with("draft = true\n+++\n\n"), "{text}");
    let check = run(&["check", "--content", dir]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(check.status.success(), "{stderr}");
    assert!(stderr.contains("une-idee.md, a draft"), "{stderr}");
    let check = run(&["check", "--content", dir]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn long_lists_are_pre_rendered_ten_posts_a_page() {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("paged");
    let _ = fs::remove_dir_all(&root);
    let (content, out) = (root.join("content"), root.join("site"));
    let generated = run(&[
        "generate",
        "--posts",
        "25",
        "--content",
        content.to_str().unwrap(),
    ]);
    assert!(generated.status.success());
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("index.html"), TRUNK_PAGE).unwrap();
    let output = build(&content, &out);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    let cards = |file: &str| {
        let page = fs::read_to_string(out.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        page.matches(r#"<article class="post-card">"#).count()
    };
    assert_eq!(
        (
            cards("index.html"),
            cards("page/2/index.html"),
            cards("page/3/index.html")
        ),
        (10, 10, 5)
    );
    assert!(!out.join("page/4").exists());
    let page_two = fs::read_to_string(out.join("page/2/index.html")).unwrap();
    assert!(
        page_two.contains("<title>Page 2 — Carnet</title>"),
        "{page_two}"
    );
    assert!(page_two.contains("Page 2 sur 3"));
    assert!(page_two.contains(r#"<a href="/" rel="prev">← Billets plus récents</a>"#));
    assert!(page_two.contains(r#"<a href="/page/3/" rel="next">Billets plus anciens →</a>"#));
    let sitemap = fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>http://127.0.0.1:8080/page/3/</loc>"));

    // What a page embeds does not grow with the blog: its own posts only, and the stamp of
    // the index, which its head preloads.
    let embedded = |file: &str| -> serde_json::Value {
        let page = fs::read_to_string(out.join(file)).unwrap();
        let start = page.find(r#"<script id="carnet-data""#).unwrap();
        let json = &page[start..];
        let json = &json[json.find('>').unwrap() + 1..json.find("</script>").unwrap()];
        serde_json::from_str(json).unwrap()
    };
    let page_two = embedded("page/2/index.html");
    assert_eq!(page_two["list"]["number"], 2);
    assert_eq!(page_two["list"]["posts"].as_array().unwrap().len(), 10);
    assert!(page_two["post"].is_null());
    let index_json = fs::read_to_string(out.join("data/index.json")).unwrap();
    let stamp = carnet_core::model::index_stamp(&index_json);
    assert_eq!(page_two["index"], stamp.as_str());
    assert!(fs::read_to_string(out.join("page/2/index.html"))
        .unwrap()
        .contains(r#"<link rel="preload" href="/data/index.json" as="fetch" crossorigin>"#));
    let index: serde_json::Value = serde_json::from_str(&index_json).unwrap();
    assert_eq!(index["total"], 25);
    let newest = index["recent"][0]["slug"].as_str().unwrap().to_owned();
    let post = embedded(&format!("posts/{newest}/index.html"));
    assert_eq!(post["index"], stamp.as_str());
    assert!(post["list"].is_null());
    assert_eq!(post["post"]["summary"]["slug"], newest.as_str());
    assert!(post["post"]["newer"].is_null());
    assert!(post["post"]["older"]["slug"].is_string());
    // A post page does not carry its text twice: its HTML holds the body, not the data.
    assert_eq!(post["post"]["markdown"], "");
    assert!(page_json(&out, &format!("posts/{newest}/")).contains(r#""markdown":"#));
}

#[test]
fn every_subcommand_has_its_help() {
    let output = run(&["--help"]);
    let help = String::from_utf8(output.stdout).unwrap();
    assert!(output.status.success(), "{help}");
    for command in ["new", "check", "build", "serve", "generate", "import"] {
        assert!(
            help.contains(&format!("\n  {command} ")),
            "{command} in:\n{help}"
        );
        let output = run(&[command, "--help"]);
        let text = String::from_utf8(output.stdout).unwrap();
        assert!(output.status.success(), "{command}: {text}");
        assert!(
            text.contains(&format!("Usage: carnet {command}")),
            "{command}: {text}"
        );
    }
}

#[test]
fn new_takes_the_day_it_is_given() {
    let content = Path::new(env!("CARGO_TARGET_TMPDIR")).join("new-dated");
    let _ = fs::remove_dir_all(&content);
    let dir = content.to_str().unwrap();
    let output = run(&["new", "Rentrée", "--date", "2009-09-01", "--content", dir]);
    assert!(output.status.success(), "{output:?}");
    let text = fs::read_to_string(content.join("posts/rentree.md")).unwrap();
    assert_eq!(text, "+++\ntitle = \"Rentrée\"\ndate = 2009-09-01\n+++\n\n");
    let output = run(&["new", "Autre", "--date", "2009-02-30", "--content", dir]);
    assert_eq!(output.status.code(), Some(2));
    assert_mentions(
        &String::from_utf8_lossy(&output.stderr),
        &[
            "invalid value '2009-02-30' for '--date <DAY>'",
            "no such day",
        ],
    );
}

#[test]
fn serve_says_how_to_install_trunk_when_it_is_missing() {
    let output = Command::new(env!("CARGO_BIN_EXE_carnet"))
        .current_dir(repository())
        .args(["serve", "--port", "3000"])
        .env("PATH", "/nonexistent")
        .env("HOME", "/nonexistent")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_mentions(
        &String::from_utf8_lossy(&output.stderr),
        &["trunk is not installed", "fix: run scripts/setup"],
    );
}

#[test]
fn serve_away_from_the_repository_says_where_to_run_it() {
    let elsewhere = out_dir("serve-elsewhere");
    fs::create_dir_all(&elsewhere).unwrap();
    let output = run_in(&elsewhere, &["serve"]);
    assert_eq!(output.status.code(), Some(1));
    assert_mentions(
        &String::from_utf8_lossy(&output.stderr),
        &[
            "error: no Trunk.toml in this folder",
            "fix: run carnet serve at the root of the repository",
        ],
    );
}

/// The README shows `carnet --help` and each subcommand's help as the command prints them.
#[test]
fn the_readme_shows_every_help_as_printed() {
    let readme = fs::read_to_string(repository().join("README.md")).unwrap();
    for command in [
        &[][..],
        &["new"],
        &["check"],
        &["build"],
        &["serve"],
        &["generate"],
        &["import"],
        &["import", "wordpress"],
    ] {
        let mut args = command.to_vec();
        args.push("--help");
        let help = String::from_utf8(run(&args).stdout).unwrap();
        let shown = format!("$ carnet {}\n{}\n", args.join(" "), help.trim_end());
        assert!(
            readme.contains(&shown),
            "README.md should show, as printed:\n{shown}"
        );
    }
}

/// A copy of the seed blog whose site.toml ends with `settings`.
fn seed_blog_with_settings(name: &str, settings: &str) -> PathBuf {
    let content = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&content);
    fs::create_dir_all(content.join("posts")).unwrap();
    let seed = repository().join("content");
    for entry in fs::read_dir(seed.join("posts")).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, content.join("posts").join(path.file_name().unwrap())).unwrap();
    }
    let site = fs::read_to_string(seed.join("site.toml")).unwrap();
    fs::write(content.join("site.toml"), site + settings).unwrap();
    content
}

/// A page as Trunk writes it with its default public URL, `/`, and the assets it names.
fn trunk_output_at_the_root(name: &str) -> PathBuf {
    let out = out_dir(name);
    let page = r#"<!DOCTYPE html>
<html lang="fr"><head><meta name="carnet-base" content="/"><title>Carnet</title>
<link rel="stylesheet" href="/style-1a2b.css"/>
<script type="module">import init from '/carnet-3c4d.js'; init({ module_or_path: '/carnet-3c4d_bg.wasm' });</script>
<link rel="modulepreload" href="/carnet-3c4d.js"></head>
<body></body></html>"#;
    fs::write(out.join("index.html"), page).unwrap();
    for asset in ["carnet-3c4d.js", "carnet-3c4d_bg.wasm"] {
        fs::write(out.join(asset), "").unwrap();
    }
    fs::write(out.join("style-1a2b.css"), "body {\n  margin: 0;\n}\n").unwrap();
    out
}

#[test]
fn the_base_of_site_toml_moves_trunks_assets_and_every_link_under_it() {
    let content = seed_blog_with_settings("base-content", "base = \"/blog/\"\n");
    let out = trunk_output_at_the_root("base-from-settings");
    let output = build(&content, &out);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let home = fs::read_to_string(out.join("index.html")).unwrap();
    for under_base in [
        r#"<meta name="carnet-base" content="/blog/">"#,
        "import init from '/blog/carnet-3c4d.js'",
        "module_or_path: '/blog/carnet-3c4d_bg.wasm'",
        r#"rel="modulepreload" href="/blog/carnet-3c4d.js""#,
        r#"data-path="/blog/""#,
        r#"href="/blog/posts/"#,
        r#"href="/blog/feed.xml""#,
    ] {
        assert!(home.contains(under_base), "{under_base} in {home}");
    }
    assert!(!home.contains("'/carnet-3c4d"), "{home}");
    // The stylesheet's rules the page uses are in its head, minified, and allowed by the policy;
    // the file is linked at the end of the body, under the base.
    let (head, body) = home.split_once("</head>").unwrap();
    assert!(head.contains("<style>body{margin:0}</style>"), "{home}");
    assert!(!head.contains("style-1a2b.css"), "{home}");
    assert!(head.contains("style-src 'self' 'sha256-"), "{home}");
    assert!(
        body.contains(r#"</script><link rel="stylesheet" href="/blog/style-1a2b.css"/></body>"#),
        "{home}"
    );
    // Building again over the site written (as a second `carnet build` does) changes nothing.
    let again = out_dir("base-from-settings-again");
    fs::remove_dir_all(&again).unwrap();
    copy_folder(&out, &again);
    let output = build(&content, &again);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_same_files(&out, &again);
}

#[test]
fn the_path_of_the_site_url_is_the_base_when_site_toml_gives_none() {
    let content = seed_blog_with_settings(
        "url-path-content",
        "url = \"https://user.github.io/carnet/\"\n",
    );
    let out = trunk_output_at_the_root("base-from-url");
    let output = build(&content, &out);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let home = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        home.contains("import init from '/carnet/carnet-3c4d.js'"),
        "{home}"
    );
    assert!(
        home.contains(r#"href="https://user.github.io/carnet/" rel="canonical""#),
        "{home}"
    );
}

#[test]
fn a_base_that_trunks_public_url_contradicts_is_an_error_naming_both() {
    let content = seed_blog_with_settings("base-conflict-content", "base = \"/blog/\"\n");
    let out = out_dir("base-conflict");
    let output = build_with(&content, &out, &["--base", "/carnet/"]);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let line = fs::read_to_string(content.join("site.toml"))
        .unwrap()
        .lines()
        .count();
    assert_mentions(
        &stderr,
        &[
            &format!("site.toml:{line}: "),
            "/blog/",
            "/carnet/",
            "--public-url",
            "fix: ",
            "nothing was written",
        ],
    );
    assert_eq!(
        fs::read_to_string(out.join("data/index.json")).unwrap(),
        "old"
    );
}

#[test]
fn a_bad_base_in_site_toml_is_reported_on_its_line() {
    let content = seed_blog_with_settings("bad-base-content", "base = \"/mon blog/\"\n");
    let out = out_dir("bad-base");
    let stderr = String::from_utf8(build(&content, &out).stderr).unwrap();
    let line = fs::read_to_string(content.join("site.toml"))
        .unwrap()
        .lines()
        .count();
    assert_mentions(
        &stderr,
        &[
            &format!("site.toml:{line}: "),
            "base path",
            "fix: ",
            "/blog/",
        ],
    );
}

#[test]
fn a_preview_by_trunk_serve_stays_at_the_root_trunk_serves() {
    let content = seed_blog_with_settings("base-preview-content", "base = \"/blog/\"\n");
    let out = trunk_output_at_the_root("base-preview");
    let output = Command::new(env!("CARGO_BIN_EXE_carnet"))
        .current_dir(repository())
        .env("TRUNK_PROFILE", "debug")
        .args([
            "build",
            "--content",
            content.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--cache",
            out.with_extension("cache").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(output.status.success(), "{stderr}");
    assert_mentions(&stderr, &["previewing at /", "carnet serve"]);
    let home = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        home.contains("import init from '/carnet-3c4d.js'"),
        "{home}"
    );
}

/// Copies the folder `from` to `to`, which must not exist.
fn copy_folder(from: &Path, to: &Path) {
    for name in files_under(from, from) {
        let target = to.join(&name);
        fs::create_dir_all(target.parent().unwrap()).unwrap();
        fs::copy(from.join(&name), target).unwrap();
    }
}

#[test]
fn tags_get_pre_rendered_pages_data_apart_from_categories_feed_categories_and_sitemap_entries() {
    // tests/tags/content: two posts a page; « Actus » is the tag of five posts and the category
    // of another.
    let out = built_site("tags", &repository().join("tests/tags/content"), &[]);
    let read = |path: &str| {
        fs::read_to_string(out.join(path)).unwrap_or_else(|error| panic!("{path}: {error}"))
    };
    let index = read("data/index.json");
    assert!(
        index.contains(r#""tags":[{"tag":{"slug":"actus","name":"Actus"},"count":5},"#),
        "{index}"
    );
    let tag = page_json(&out, "tag/actus/");
    let category = page_json(&out, "category/actus/");
    assert!(tag.contains(r#""list":{"tag":"actus"}"#), "{tag}");
    assert!(
        category.contains(r#""list":{"category":"actus"}"#),
        "{category}"
    );
    assert!(category.contains("actualite") && !category.contains("cinquieme"));
    assert!(tag.contains("cinquieme") && !tag.contains("actualite"));
    assert!(page_json(&out, "tag/actus/page/3/").contains(r#""slug":"premier""#));
    // « Premier billet » suggests the post that shares its two tags, then the nearest of those
    // sharing one (its neighbour « Deuxième » is linked already), in its data and its page.
    let premier = page_json(&out, "posts/premier/");
    let related = r#""related":[{"slug":"quatrieme","title":"Quatrième billet"},{"slug":"troisieme","title":"Troisième billet"},{"slug":"cinquieme","title":"Cinquième billet"}]"#;
    assert!(premier.contains(related), "{premier}");
    let page = read("posts/premier/index.html");
    assert!(page.contains("À lire aussi"), "{page}");
    assert_eq!(page_data(&out, "tag/actus/page/4/"), None);

    for (file, title, text) in [
        (
            "tags/index.html",
            "<title>Étiquettes — Carnet</title>",
            "Réseaux sociaux",
        ),
        (
            "tag/actus/index.html",
            "<title>Étiquette : Actus — Carnet</title>",
            "(5 billets)",
        ),
        (
            "tag/actus/page/2/index.html",
            "<title>Étiquette : Actus, page 2 — Carnet</title>",
            "Troisième billet",
        ),
        (
            "category/actus/index.html",
            "<title>Catégorie : Actus — Carnet</title>",
            "(1 billet)",
        ),
        (
            "posts/premier/index.html",
            "<title>Premier billet — Carnet</title>",
            r#"<a href="/tag/reseaux-sociaux/">Réseaux sociaux</a>"#,
        ),
        (
            "index.html",
            "<title>Carnet</title>",
            r#"<a href="/tags/">Toutes les étiquettes</a>"#,
        ),
    ] {
        let page = read(file);
        assert!(page.contains(title), "{file}: {title}");
        assert!(page.contains(text), "{file}: {text} in {page}");
    }

    let feed = read("feed.xml");
    let feed = roxmltree::Document::parse(&feed).expect("the feed is well-formed XML");
    let categories: Vec<(&str, &str, &str)> = feed
        .descendants()
        .filter(|node| node.has_tag_name("category"))
        .map(|node| {
            let attribute = |name| node.attribute(name).unwrap_or_default();
            (attribute("term"), attribute("scheme"), attribute("label"))
        })
        .collect();
    let root = "http://127.0.0.1:8080/";
    let (category_scheme, tag_scheme) = (format!("{root}category/"), format!("{root}tag/"));
    assert!(categories.contains(&("actus", category_scheme.as_str(), "Actus")));
    assert_eq!(
        categories
            .iter()
            .filter(|c| *c == &("actus", tag_scheme.as_str(), "Actus"))
            .count(),
        5,
        "{categories:?}"
    );

    // A feed for each tag and category, beside its page, which its head names.
    for (list, entries, title) in [
        ("tag/actus/", 5, "Étiquette : Actus — Carnet"),
        ("category/actus/", 1, "Catégorie : Actus — Carnet"),
    ] {
        let xml = read(&format!("{list}feed.xml"));
        let feed = roxmltree::Document::parse(&xml).expect("a list's feed is well-formed XML");
        let count = |name| feed.descendants().filter(|n| n.has_tag_name(name)).count();
        assert_eq!(count("entry"), entries, "{list}: {xml}");
        assert!(xml.contains(&format!("<title>{title}</title>")), "{xml}");
        let page = read(&format!("{list}index.html"));
        let link = format!(
            r#"<link id="list-feed" href="/{list}feed.xml" rel="alternate" title="{title} (Atom)" type="application/atom+xml">"#
        );
        assert!(page.contains(&link), "{link} in {page}");
    }
    assert!(!read("index.html").contains("list-feed"));

    let sitemap = read("sitemap.xml");
    for page in [
        "tags/",
        "tag/actus/",
        "tag/actus/page/3/",
        "tag/web/",
        "category/actus/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>{root}{page}</loc>")),
            "{page} in {sitemap}"
        );
    }
}

#[test]
fn a_link_to_a_file_of_public_outside_images_is_an_error_saying_where_to_move_it() {
    // Only public/images/ is published (index.html's copy-dir): /files/slides.pdf would be a
    // broken link on the site, though public/ holds it.
    let blog = out_dir("unpublished-public");
    fs::create_dir_all(blog.join("content/posts")).unwrap();
    fs::create_dir_all(blog.join("public/files")).unwrap();
    fs::create_dir_all(blog.join("public/images")).unwrap();
    fs::write(blog.join("public/files/slides.pdf"), "%PDF").unwrap();
    fs::write(blog.join("public/images/x.pdf"), "%PDF").unwrap();
    fs::write(
        blog.join("content/posts/a.md"),
        "+++\ntitle = \"A\"\ndate = 2009-10-06\n+++\n\n[ok](/images/x.pdf)\n\n[non](/files/slides.pdf)\n",
    )
    .unwrap();
    let output = run_in(&blog, &["check"]);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert_mentions(
        &stderr,
        &[
            "a.md:8: the link to /files/slides.pdf leads to no page or file of the site",
            "fix: only public/images/ is published: move public/files/slides.pdf there and link to /images/slides.pdf",
            "1 problem",
        ],
    );
}

#[test]
fn a_link_to_a_lists_feed_works_and_one_to_an_expired_post_is_told() {
    let blog = out_dir("feed-and-expired-links");
    fs::create_dir_all(blog.join("content/posts")).unwrap();
    fs::create_dir_all(blog.join("public/images")).unwrap();
    let post =
        |name: &str, text: &str| fs::write(blog.join("content/posts").join(name), text).unwrap();
    post(
        "a.md",
        "+++\ntitle = \"A\"\ndate = 2019-10-06\ncategory = \"Actus\"\n+++\n\n\
         [Suivre les actus](/category/actus/feed.xml), [le salon](/posts/salon/).\n",
    );
    post(
        "salon.md",
        "---\ntitle: Salon\ndate: 2019-10-01\nexpiryDate: 2020-01-01\n---\n\nVenez !\n",
    );
    let output = run_in(&blog, &["check"]);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(output.status.success(), "{stderr}");
    assert_mentions(
        &stderr,
        &[
            "warning: content/posts/a.md:7: the link to /posts/salon/ leads to no page or file of the site: content/posts/salon.md was taken out of the site on 2020-01-01 (its `expiryDate`)",
            "fix: link to another page, or take out that post's `expiryDate` to publish it again",
            "carnet: left out content/posts/salon.md, taken out of the site on 2020-01-01",
        ],
    );
    assert!(!stderr.contains("feed.xml"), "{stderr}");
}

#[test]
fn a_link_to_a_draft_or_a_later_post_is_told_and_the_build_goes_on() {
    let blog = out_dir("held-back-links");
    fs::create_dir_all(blog.join("content/posts")).unwrap();
    fs::create_dir_all(blog.join("public/images")).unwrap();
    let post =
        |name: &str, text: &str| fs::write(blog.join("content/posts").join(name), text).unwrap();
    post(
        "a.md",
        "+++\ntitle = \"A\"\ndate = 2009-10-06\n+++\n\nVoir [la suite](/posts/la-suite/) et [le brouillon](/posts/brouillon).\n",
    );
    post(
        "la-suite.md",
        "+++\ntitle = \"La suite\"\ndate = 2999-01-01\n+++\n\nPlus tard.\n",
    );
    post(
        "brouillon.md",
        "+++\ntitle = \"Brouillon\"\ndate = 2009-10-01\ndraft = true\n+++\n\nPas fini.\n",
    );
    let output = run_in(&blog, &["check"]);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(output.status.success(), "{stderr}");
    assert_mentions(
        &stderr,
        &[
            "warning: content/posts/a.md:6: the link to /posts/la-suite/ leads to no page or file of the site: content/posts/la-suite.md is dated 2999-01-01, after today, not published yet",
            "warning: content/posts/a.md:6: the link to /posts/brouillon leads to no page or file of the site: content/posts/brouillon.md is a draft, not published yet",
            "fix: nothing if it is to be published",
        ],
    );
    // An author's preview of the drafts (`carnet serve --drafts` passes it to the build): the
    // draft is published, marked, and the build says it is no site to publish.
    let output = run_in(&blog, &["build", "--drafts", "--out", "site"]);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(output.status.success(), "{stderr}");
    assert_mentions(
        &stderr,
        &["carnet: 1 draft published, marked « Brouillon » (--drafts): a preview, not a site to publish"],
    );
    assert!(!stderr.contains("brouillon.md is a draft"), "{stderr}");
    let index = fs::read_to_string(blog.join("site/data/index.json")).unwrap();
    assert!(index.contains(r#""title":"Brouillon""#), "{index}");
    let data = page_json(&blog.join("site"), "posts/brouillon/");
    assert!(data.contains(r#""draft":true"#), "{data}");
}
