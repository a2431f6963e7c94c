//! `carnet import wordpress` run as an author runs it: on the seed blog's export
//! (`tests/fixtures/wordpress/export.xml`), and on small exports written here, one for each
//! thing the import must get right.

mod common;

use carnet_core::i18n::Language;
use carnet_core::markdown::to_html;
use common::{carnet, files, repository, TRUNK_PAGE};
use std::collections::BTreeMap;
use std::fs;
use std::io::{BufWriter, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wordpress/export.xml")
}

/// A fresh folder under the tests' temporary folder.
fn fresh(name: &str) -> PathBuf {
    let folder = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&folder);
    fs::create_dir_all(&folder).unwrap();
    folder
}

/// Imports `export` into `content` with `extra` arguments; returns the summary (stderr).
fn import(export: &Path, content: &Path, extra: &[&str]) -> (bool, String) {
    let mut args = vec![
        "import",
        "wordpress",
        export.to_str().unwrap(),
        "--content",
        content.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let output = carnet(&args);
    (
        output.status.success(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// Imports `export`, which must succeed; returns the summary.
fn imported(export: &Path, content: &Path, extra: &[&str]) -> String {
    let (success, summary) = import(export, content, extra);
    assert!(success, "{summary}");
    summary
}

/// Runs `carnet check` on the imported `content`, which must pass.
fn assert_checks(content: &Path) {
    let check = Command::new(env!("CARGO_BIN_EXE_carnet"))
        .args(["check", "--content"])
        .arg(content)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

fn assert_mentions(text: &str, parts: &[&str]) {
    for part in parts {
        assert!(text.contains(part), "expected {part:?} in:\n{text}");
    }
}

/// The file `posts/<slug>.md` of `content`.
fn post(content: &Path, slug: &str) -> String {
    let path = content.join("posts").join(format!("{slug}.md"));
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The body of a post file, after its front matter.
fn body(post: &str) -> &str {
    let after = post.splitn(3, "+++\n").nth(2).unwrap();
    after.trim_start_matches('\n')
}

/// Builds `content` with `carnet build` into a fresh folder `name`, its links leading to the
/// repository's `public/`.
fn built(name: &str, content: &Path) -> PathBuf {
    built_with_public(name, content, &repository().join("public"))
}

/// Builds `content` with `carnet build` into a fresh folder `name`, its links leading to the
/// files of `public`.
fn built_with_public(name: &str, content: &Path, public: &Path) -> PathBuf {
    let out = fresh(name);
    fs::write(out.join("index.html"), TRUNK_PAGE).unwrap();
    let output = carnet(&[
        "build",
        "--content",
        content.to_str().unwrap(),
        "--public",
        public.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        // A cache of its own: not the repository's, which `trunk serve` may be using.
        "--cache",
        out.with_extension("cache").to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    out
}

/// Every piece of data the app reads in the site built into `site`: the index, as
/// `index.json`, and each page's data, taken out of its bucket file, by the page's path.
fn data(site: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut found = BTreeMap::new();
    let index = fs::read(site.join("data/index.json")).unwrap();
    found.insert("index.json".to_owned(), index);
    for entry in fs::read_dir(site.join("data/pages")).unwrap() {
        let stored = fs::read(entry.unwrap().path()).unwrap();
        let bucket = carnet_core::gzip::inflate(&stored).unwrap();
        let bucket: BTreeMap<String, serde_json::Value> = serde_json::from_slice(&bucket).unwrap();
        for (path, page) in bucket {
            found.insert(path, serde_json::to_vec(&page).unwrap());
        }
    }
    found
}

/// What a reader of the site is shown by a piece of data (the index, a page's data): the JSON,
/// with each post's Markdown replaced by the HTML it renders to.
fn as_shown(json: &[u8]) -> serde_json::Value {
    let mut value: serde_json::Value = serde_json::from_slice(json).unwrap();
    if let Some(markdown) = value.get("markdown").and_then(|m| m.as_str()) {
        let html = to_html(markdown, "/", Language::French).as_str().to_owned();
        value["markdown"] = serde_json::Value::String(html);
    }
    value
}

/// The seed's content folder with its posts imported from the fixture instead.
fn imported_seed(name: &str, extra: &[&str]) -> (PathBuf, String) {
    let content = fresh(name);
    fs::copy(
        repository().join("content/site.toml"),
        content.join("site.toml"),
    )
    .unwrap();
    let summary = imported(&fixture(), &content, extra);
    (content, summary)
}

/// The comparison the issue asks for: both blogs built with `carnet build`, then every piece of
/// data the app reads (the index, each page's data) compared as a reader sees it: titles,
/// dates, categories, authors, excerpts, counts and neighbours as they are, each body as the
/// HTML it renders to (so that two spellings of the same Markdown compare equal, and any
/// difference a reader would see does not). The list of pages must be the same too: no page, draft or private post more.
#[test]
fn the_seed_export_gives_the_seed_blog_as_a_reader_sees_it() {
    let (content, summary) = imported_seed("wp-seed", &[]);
    assert_mentions(
        &summary,
        &[
            "3 posts imported",
            "files: 5 new, 0 unchanged, 0 replaced, 0 kept",
        ],
    );
    let seed = built("wp-seed-site-original", &repository().join("content"));
    let imported = built("wp-seed-site-imported", &content);
    let (seed, mut imported) = (data(&seed), data(&imported));
    // The export tags one post « Community management »; the seed blog, copied from a text
    // export without tags, has none. Apart from that tag, its page and its count, the two are
    // the same.
    let tag_page = imported
        .remove("tag/community-management/")
        .expect("the imported tag has its page");
    let tag_page = as_shown(&tag_page);
    assert_eq!(tag_page["list"]["tag"], "community-management");
    assert_eq!(
        tag_page["posts"][0]["slug"],
        "community-manager-un-metier-transparent"
    );
    let tags = &as_shown(&imported["index.json"])["tags"];
    assert_eq!(
        tags,
        &serde_json::json!([{"tag": {"slug": "community-management", "name": "Community management"}, "count": 1}])
    );
    assert_eq!(
        seed.keys().collect::<Vec<_>>(),
        imported.keys().collect::<Vec<_>>()
    );
    assert_eq!(seed.len(), 11);
    for (file, original) in &seed {
        let (mut original, mut imported) = (as_shown(original), as_shown(&imported[file]));
        drop_tags(&mut imported);
        if let (Some(original), Some(imported)) =
            (original.as_object_mut(), imported.as_object_mut())
        {
            // One page more, the tag's: maybe one bucket more.
            original.remove("buckets");
            imported.remove("buckets");
        }
        assert_eq!(original, imported, "{file}");
    }
}

/// `value` without its tags (the index's, and each post's): every `tags` key, and the index's
/// list emptied, as in a blog without tags.
fn drop_tags(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            if map.contains_key("months") {
                map.insert("tags".into(), serde_json::json!([]));
            } else {
                map.remove("tags");
            }
            map.values_mut().for_each(drop_tags);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(drop_tags),
        _ => {}
    }
}

#[test]
fn the_front_matter_has_the_date_with_its_offset_slug_author_category_and_tags() {
    let (content, _) = imported_seed("wp-front-matter", &[]);
    let text = post(&content, "community-manager-un-metier-transparent");
    assert!(
        text.starts_with(
            "+++\ntitle = \"Community manager : un métier « transparent » ?\"\n\
             date = 2009-10-06T14:03:00+02:00\ncategory = \"Actus\"\nauthor = \"admin\"\n\
             slug = \"community-manager-un-metier-transparent\"\n\
             tags = [\"Community management\"]\n\
             aliases = [\"/2009/10/community-manager-un-metier-transparent/\"]\n+++\n\n"
        ),
        "{text}"
    );
    // Winter time in Paris, the other offset of the same blog.
    let text = post(&content, "generer-du-business-avec-les-reseaux-sociaux");
    assert!(
        text.contains("\ndate = 2009-03-10T09:30:00+01:00\n"),
        "{text}"
    );
    // The classic post's entities are decoded: no `&` left but the one of `Spray & Pray`.
    let text = post(&content, "community-manager-un-metier-transparent");
    assert_eq!(text.matches('&').count(), 1, "{text}");
    let text = post(&content, "generer-du-business-avec-les-reseaux-sociaux");
    assert!(!text.contains('&'), "{text}");
}

#[test]
fn drafts_pages_private_and_trashed_items_are_skipped_and_listed() {
    let (content, summary) = imported_seed("wp-skipped", &[]);
    assert_mentions(
        &summary,
        &[
            "4 items skipped:",
            "1 draft (--drafts imports them):",
            "« Le code de l’exemple » (",
            "export.xml:296)",
            "1 page (Carnet has posts only):\n    « À propos »",
            "1 private post:\n    « Notes personnelles »",
            "1 item in the trash:\n    « Billet supprimé »",
        ],
    );
    let posts: Vec<String> = fs::read_dir(content.join("posts"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(posts.len(), 3, "{posts:?}");
}

#[test]
fn drafts_are_imported_with_drafts_marked_and_left_out_of_the_site() {
    let (content, summary) = imported_seed("wp-drafts", &["--drafts"]);
    assert_mentions(&summary, &["4 posts imported", "(1 as drafts)"]);
    let text = post(&content, "le-code-de-l-exemple");
    // Never published: no UTC time, so no offset; the slug made from the title.
    assert!(
        text.starts_with(
            "+++\ntitle = \"Le code de l’exemple\"\ndate = 2009-11-02T10:00:00\n\
             category = \"Actus\"\nauthor = \"admin\"\nslug = \"le-code-de-l-exemple\"\n\
             draft = true\n+++\n\n"
        ),
        "{text}"
    );
    // A block-editor code block: the language was only in the block's comment.
    assert_eq!(
        body(&text),
        "Un billet en cours : le code de l’exemple.\n\n```rust\nfn main() {\n    \
         println!(\"Bonjour <monde>\");\n}\n```\n"
    );
    let site = built("wp-drafts-site", &content);
    assert!(site
        .join("posts/community-manager-un-metier-transparent")
        .exists());
    assert!(!site.join("posts/le-code-de-l-exemple").exists());
    assert!(!site.join("data/posts/le-code-de-l-exemple").exists());
    let index = fs::read_to_string(site.join("data/index.json")).unwrap();
    assert!(index.contains(r#""total":3,"#), "{index}");
    let redirects = fs::read_to_string(content.join("redirects.txt")).unwrap();
    assert!(!redirects.contains("le-code"), "{redirects}");
}

#[test]
fn a_redirect_map_leads_each_old_address_to_the_new_one() {
    let (content, summary) = imported_seed("wp-redirects", &[]);
    assert_mentions(&summary, &["3 old addresses and the new ones in"]);
    let redirects = fs::read_to_string(content.join("redirects.txt")).unwrap();
    let rules: Vec<&str> = redirects
        .lines()
        .filter(|line| !line.starts_with('#'))
        .collect();
    assert_eq!(
        rules,
        [
            "/2009/01/les-reseaux-sociaux-b2b-vont-ils-disparaitre/ /posts/les-reseaux-sociaux-b2b-vont-ils-disparaitre/ 301",
            "/2009/03/generer-du-business-avec-les-reseaux-sociaux/ /posts/generer-du-business-avec-les-reseaux-sociaux/ 301",
            "/2009/10/community-manager-un-metier-transparent/ /posts/community-manager-un-metier-transparent/ 301",
        ]
    );
    // The same addresses are the posts' aliases, for hosts without redirects (GitHub Pages):
    // the build gives each a page that sends readers on.
    let site = built("wp-redirects-site", &content);
    let page = fs::read_to_string(
        site.join("2009/03/generer-du-business-avec-les-reseaux-sociaux/index.html"),
    )
    .unwrap();
    assert!(
        page.contains("content=\"0; url=/posts/generer-du-business-avec-les-reseaux-sociaux/\""),
        "{page}"
    );
}

#[test]
fn importing_twice_writes_nothing_new_and_never_overwrites_without_force() {
    let (content, _) = imported_seed("wp-twice", &[]);
    let before = files(&content);
    let slug = "generer-du-business-avec-les-reseaux-sociaux";
    let path = content.join(format!("posts/{slug}.md"));
    let modified = fs::metadata(&path).unwrap().modified().unwrap();
    let summary = imported(&fixture(), &content, &[]);
    assert_mentions(
        &summary,
        &["3 posts imported", "0 new, 5 unchanged, 0 replaced, 0 kept"],
    );
    assert_eq!(files(&content), before);
    assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), modified);

    // A post edited since is kept as the author left it…
    let edited = post(&content, slug).replace("business ?", "business ? Oui.");
    fs::write(&path, &edited).unwrap();
    let summary = imported(&fixture(), &content, &[]);
    assert_mentions(
        &summary,
        &[
            "0 new, 4 unchanged, 0 replaced, 1 kept",
            "1 file differs from what the import writes and was kept as it was (--force replaces it):",
            &format!("{slug}.md"),
        ],
    );
    assert_eq!(post(&content, slug), edited);
    // … unless --force is given.
    let summary = imported(&fixture(), &content, &["--force"]);
    assert_mentions(&summary, &["0 new, 4 unchanged, 1 replaced, 0 kept"]);
    assert_eq!(files(&content), before);
}

/// A WordPress export of a blog at http://blog.example holding `items`, with two authors.
fn export(items: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Blog</title>
<link>http://blog.example</link>
<wp:base_site_url>http://blog.example</wp:base_site_url>
<wp:base_blog_url>http://blog.example</wp:base_blog_url>
<wp:author><wp:author_login><![CDATA[jdupont]]></wp:author_login><wp:author_display_name><![CDATA[Jean Dupont]]></wp:author_display_name></wp:author>
<wp:author><wp:author_login><![CDATA[zoe]]></wp:author_login><wp:author_display_name><![CDATA[Zo&eacute; &amp; Cie]]></wp:author_display_name></wp:author>
{items}
</channel>
</rss>
"#
    )
}

/// One item: a published post of `jdupont` unless `extra` says otherwise (its elements come
/// after the defaults, and the last of an element wins).
fn item(id: u32, name: &str, title: &str, content: &str, extra: &str) -> String {
    format!(
        "<item><title><![CDATA[{title}]]></title><link>http://blog.example/2010/05/{name}/</link>\
         <dc:creator><![CDATA[jdupont]]></dc:creator>\
         <content:encoded><![CDATA[{content}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>\
         <wp:post_id>{id}</wp:post_id><wp:post_date><![CDATA[2010-05-0{day} 10:00:00]]></wp:post_date>\
         <wp:post_date_gmt><![CDATA[2010-05-0{day} 08:00:00]]></wp:post_date_gmt>\
         <wp:post_name><![CDATA[{name}]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status>\
         <wp:post_parent>0</wp:post_parent><wp:menu_order>0</wp:menu_order><wp:post_type><![CDATA[post]]></wp:post_type>\
         <category domain=\"category\" nicename=\"r-d\"><![CDATA[R&amp;D]]></category>{extra}</item>\n",
        day = 1 + id % 9
    )
}

/// Writes `xml` as `name/export.xml` in a fresh folder; returns the export and a content
/// folder beside it.
fn written(name: &str, xml: &str) -> (PathBuf, PathBuf) {
    let folder = fresh(name);
    let export = folder.join("export.xml");
    fs::write(&export, xml).unwrap();
    (export, folder.join("content"))
}

#[test]
fn a_post_saved_again_on_a_later_day_is_updated_that_day_and_its_page_says_so() {
    let (export, content) = written(
        "wp-modified",
        &export(
            &[
                item(
                    1,
                    "revu",
                    "Revu",
                    "Texte.",
                    "<wp:post_modified><![CDATA[2010-06-15 09:00:00]]></wp:post_modified>",
                ),
                item(
                    2,
                    "tel-quel",
                    "Tel quel",
                    "Texte.",
                    "<wp:post_modified><![CDATA[2010-05-03 23:00:00]]></wp:post_modified>",
                ),
            ]
            .concat(),
        ),
    );
    imported(&export, &content, &[]);
    let revised = post(&content, "revu");
    assert!(
        revised.starts_with(
            "+++\ntitle = \"Revu\"\ndate = 2010-05-02T10:00:00+02:00\nupdated = 2010-06-15\n"
        ),
        "{revised}"
    );
    // Saved again the day it was published: nothing to tell.
    assert!(!post(&content, "tel-quel").contains("updated"));
    assert_checks(&content);
    let site = built("wp-modified-site", &content);
    let page = fs::read_to_string(site.join("posts/revu/index.html")).unwrap();
    assert!(
        page.contains("</span>, mis à jour le 15 juin 2010</p>"),
        "{page}"
    );
    assert!(
        page.contains("<meta property=\"article:modified_time\" content=\"2010-06-15\">"),
        "{page}"
    );
}

#[test]
fn a_posts_featured_image_is_its_link_preview_image_and_one_of_the_uploads() {
    let thumbnail = |id: u32| {
        format!(
            "<wp:postmeta><wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key>\
             <wp:meta_value><![CDATA[{id}]]></wp:meta_value></wp:postmeta>"
        )
    };
    let attachment = |id: u32, url: &str| {
        format!(
            "<item><title>photo</title><wp:post_id>{id}</wp:post_id>\
             <wp:post_type><![CDATA[attachment]]></wp:post_type>\
             <wp:attachment_url><![CDATA[{url}]]></wp:attachment_url></item>\n"
        )
    };
    let (export, content) = written(
        "wp-featured",
        &export(
            &[
                item(1, "a-la-une", "À la une", "Texte.", &thumbnail(7)),
                item(2, "ailleurs", "Ailleurs", "Texte.", &thumbnail(8)),
                item(3, "sans", "Sans", "Texte.", &thumbnail(99)),
                attachment(7, "http://blog.example/wp-content/uploads/2010/05/une.jpg"),
                attachment(8, "https://cdn.example/x.jpg"),
            ]
            .concat(),
        ),
    );
    imported(&export, &content, &[]);
    assert!(
        post(&content, "a-la-une").contains("\nimage = \"/images/2010/05/une.jpg\"\n"),
        "{}",
        post(&content, "a-la-une")
    );
    assert!(post(&content, "ailleurs").contains("\nimage = \"https://cdn.example/x.jpg\"\n"));
    assert!(!post(&content, "sans").contains("image ="));
    let uploads = fs::read_to_string(content.join("uploads.txt")).unwrap();
    assert!(
        uploads.contains(
            "http://blog.example/wp-content/uploads/2010/05/une.jpg /images/2010/05/une.jpg"
        ),
        "{uploads}"
    );
    assert!(!uploads.contains("cdn.example"), "{uploads}");
}

#[test]
fn entities_are_decoded_in_names_titles_and_text() {
    let (export, content) = written(
        "wp-entities",
        &export(&item(
            1,
            "l-ete",
            "L&#8217;&eacute;t&eacute; &amp; nous",
            "Prix&nbsp;: 10&nbsp;&euro; &#8211; &laquo;&#160;oui&#160;&raquo;",
            "<category domain=\"post_tag\" nicename=\"q-a\"><![CDATA[Q&amp;A]]></category>\
             <dc:creator><![CDATA[zoe]]></dc:creator>",
        )),
    );
    imported(&export, &content, &[]);
    let text = post(&content, "l-ete");
    assert!(
        text.starts_with(
            "+++\ntitle = \"L’été & nous\"\ndate = 2010-05-02T10:00:00+02:00\n\
             category = \"R&D\"\nauthor = \"Zoé & Cie\"\nslug = \"l-ete\"\ntags = [\"Q&A\"]\n\
             aliases = [\"/2010/05/l-ete/\"]\n+++\n"
        ),
        "{text}"
    );
    assert_eq!(
        body(&text),
        "Prix\u{a0}: 10\u{a0}€ – «\u{a0}oui\u{a0}»\n",
        "a no-break space is a real one"
    );
}

#[test]
fn the_author_is_the_display_name_and_the_summary_the_excerpt_or_the_text_before_more() {
    let items = [
        item(
            1,
            "avec-extrait",
            "Avec extrait",
            "Le premier paragraphe.\n\nLe second.",
            "<excerpt:encoded><![CDATA[Un <em>résumé</em> écrit\nà la main.]]></excerpt:encoded>",
        ),
        item(
            2,
            "avec-la-suite",
            "Avec la suite",
            "L’accroche, *deux* lignes\nsur deux.\n\nEncore.\n\n<!--more-->\n\nLa suite.",
            "",
        ),
        item(3, "sans-rien", "Sans rien", "Premier.\n\nSecond.", ""),
    ];
    let (export, content) = written("wp-summary", &export(&items.concat()));
    imported(&export, &content, &[]);
    let text = post(&content, "avec-extrait");
    assert!(text.contains("\nauthor = \"Jean Dupont\"\n"), "{text}");
    assert!(
        text.contains("\nsummary = \"Un résumé écrit à la main.\"\n"),
        "{text}"
    );
    let text = post(&content, "avec-la-suite");
    assert!(
        text.contains("\nsummary = \"L’accroche, *deux* lignes sur deux. Encore.\"\n"),
        "{text}"
    );
    assert_eq!(
        body(&text),
        "L’accroche, \\*deux\\* lignes\\\nsur deux.\n\nEncore.\n\nLa suite.\n"
    );
    // The first paragraph is the summary already: none written.
    assert!(!post(&content, "sans-rien").contains("summary"));
}

#[test]
fn line_breaks_nested_lists_pre_and_tables_keep_their_shape() {
    let html = "Une ligne<br />\nune autre.\n\n\
                <ul>\n\t<li>Un\n<ul>\n\t<li>Un point un</li>\n\t<li>Un point deux\n<ol>\n\t<li>Profond</li>\n</ol>\n</li>\n</ul>\n</li>\n\t<li>Deux</li>\n</ul>\n\
                <pre>  indenté\n\n    plus encore &lt;b&gt;</pre>\n\
                <table>\n<tbody>\n<tr>\n<th>Réseau</th>\n<th>Membres</th>\n</tr>\n<tr>\n<td>Viadeo</td>\n<td>3 millions</td>\n</tr>\n</tbody>\n</table>";
    let (export, content) = written("wp-shapes", &export(&item(1, "formes", "Formes", html, "")));
    imported(&export, &content, &[]);
    assert_eq!(
        body(&post(&content, "formes")),
        "Une ligne\\\nune autre.\n\n\
         - Un\n  - Un point un\n  - Un point deux\n    1. Profond\n- Deux\n\n\
         ```\n  indenté\n\n    plus encore <b>\n```\n\n\
         | Réseau | Membres    |\n| ------ | ---------- |\n| Viadeo | 3 millions |\n"
    );
}

#[test]
fn shortcodes_become_figures_images_and_links_and_unknown_ones_are_reported() {
    let html = "[caption id=\"attachment_9\" align=\"aligncenter\" width=\"300\"]\
                <img src=\"http://blog.example/wp-content/uploads/2010/05/atelier.jpg\" alt=\"L’atelier\" width=\"300\" height=\"200\" /> \
                L’atelier de <em>Crealim</em>[/caption]\n\n\
                [gallery columns=\"2\"]\n\n\
                [embed]https://video.example/v/42[/embed]\n\n\
                https://video.example/v/43\n\n\
                [contact-form-7 id=\"12\" title=\"Contact\"] et [sic].";
    let attachment = |id: u32, file: &str, caption: &str, order: u32| {
        format!(
            "<item><title>{file}</title><wp:post_id>{id}</wp:post_id><wp:post_type><![CDATA[attachment]]></wp:post_type>\
             <wp:status>inherit</wp:status><wp:post_parent>1</wp:post_parent><wp:menu_order>{order}</wp:menu_order>\
             <excerpt:encoded><![CDATA[{caption}]]></excerpt:encoded>\
             <wp:attachment_url><![CDATA[http://blog.example/wp-content/uploads/2010/05/{file}]]></wp:attachment_url>\
             <wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key><wp:meta_value><![CDATA[Vue {id}]]></wp:meta_value></wp:postmeta></item>\n"
        )
    };
    // The gallery's images come after the post, as WordPress numbers them.
    let items = item(1, "medias", "Médias", html, "")
        + &attachment(7, "salle.jpg", "La salle", 2)
        + &attachment(8, "scene.jpg", "", 1);
    let (export, content) = written("wp-shortcodes", &export(&items));
    let summary = imported(&export, &content, &[]);
    assert_eq!(
        body(&post(&content, "medias")),
        "<figure><img src=\"/images/2010/05/atelier.jpg\" alt=\"L’atelier\" width=\"300\" height=\"200\">\
         <figcaption>L’atelier de <em>Crealim</em></figcaption></figure>\n\n\
         ![Vue 8](/images/2010/05/scene.jpg)\n\n\
         <figure><img src=\"/images/2010/05/salle.jpg\" alt=\"Vue 7\"><figcaption>La salle</figcaption></figure>\n\n\
         <https://video.example/v/42>\n\n<https://video.example/v/43>\n\n\
         \\[contact-form-7 id=\"12\" title=\"Contact\"\\] et \\[sic\\].\n"
    );
    assert_mentions(
        &summary,
        &[
            "1 warning:",
            "medias.md (",
            "export.xml:",
            "the shortcode [contact-form-7] is unknown here: kept as text; rewrite or delete it",
        ],
    );
    assert!(!summary.contains("[sic]"), "{summary}");
    let uploads = fs::read_to_string(content.join("uploads.txt")).unwrap();
    assert_eq!(
        uploads.lines().filter(|l| !l.starts_with('#')).collect::<Vec<_>>(),
        [
            "http://blog.example/wp-content/uploads/2010/05/atelier.jpg /images/2010/05/atelier.jpg",
            "http://blog.example/wp-content/uploads/2010/05/salle.jpg /images/2010/05/salle.jpg",
            "http://blog.example/wp-content/uploads/2010/05/scene.jpg /images/2010/05/scene.jpg",
        ]
    );
    // Until the uploads are fetched, the build names each image a post shows and is missing,
    // in its Markdown and in its HTML.
    let missing = carnet(&["check", "--content", content.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&missing.stderr);
    assert_eq!(missing.status.code(), Some(1), "{stderr}");
    for image in ["atelier.jpg", "scene.jpg", "salle.jpg"] {
        assert!(
            stderr.contains(&format!(
                "the link to /images/2010/05/{image} leads to no page"
            )),
            "{image} in {stderr}"
        );
    }
    // Fetched, what the import wrote is a post Carnet builds, the figure included.
    let public = content.parent().unwrap().join("public");
    fs::create_dir_all(public.join("images/2010/05")).unwrap();
    for image in ["atelier.jpg", "scene.jpg", "salle.jpg"] {
        fs::write(public.join("images/2010/05").join(image), "").unwrap();
    }
    let site = built_with_public("wp-shortcodes-site", &content, &public);
    let page = fs::read_to_string(site.join("posts/medias/index.html")).unwrap();
    assert!(
        page.contains("<figcaption>L’atelier de <em>Crealim</em></figcaption>"),
        "{page}"
    );
}

#[test]
fn slugs_are_decoded_and_made_carnet_slugs_never_two_alike() {
    let items = [
        item(
            1,
            "%e4%bd%a0%e5%a5%bd%e4%b8%96%e7%95%8c",
            "Bonjour",
            "Un.",
            "",
        ),
        item(2, "%e5%8c%97%e4%ba%ac-2008", "Pékin", "Deux.", ""),
        item(3, "", "Sans nom", "Trois.", ""),
        item(4, "", "Sans nom", "Quatre.", ""),
    ];
    let (export, content) = written("wp-slugs", &export(&items.concat()));
    let summary = imported(&export, &content, &[]);
    // « 你好世界 » has no Latin letter: the hash Carnet gives that name, always the same.
    let hashed = carnet_core::slug::page_slug("你好世界");
    assert_eq!(hashed.len(), 12);
    assert!(post(&content, &hashed).contains("\nslug = \""));
    assert!(post(&content, "2008").contains("title = \"Pékin\""));
    assert!(post(&content, "sans-nom").contains("Trois."));
    assert!(post(&content, "sans-nom-2").contains("Quatre."));
    assert_mentions(
        &summary,
        &["the slug `sans-nom` is another item's: `sans-nom-2` given instead"],
    );
    let redirects = fs::read_to_string(content.join("redirects.txt")).unwrap();
    assert!(
        redirects.contains(&format!(
            "/2010/05/%e4%bd%a0%e5%a5%bd%e4%b8%96%e7%95%8c/ /posts/{hashed}/ 301"
        )),
        "{redirects}"
    );
}

#[test]
fn a_bad_item_is_reported_and_the_others_imported() {
    let items = [
        // Control characters, which XML forbids and WordPress writes.
        item(1, "bip", "Bip\u{7}", "Un\u{1b}[0m texte\u{c}.", ""),
        // A `]]>` in the text: WordPress splits it across two CDATA sections.
        item(2, "cdata", "CDATA", "a]]]]><![CDATA[>b", ""),
        // No slug and no title.
        item(3, "", "", "Sans rien.", ""),
        // No date at all.
        item(
            4,
            "sans-date",
            "Sans date",
            "x",
            "<wp:post_date></wp:post_date>",
        ),
        // A lone `&` and an end tag that matches nothing.
        item(
            5,
            "et",
            "Toi & moi",
            "<p>ok</p>",
            "<description>A & B</description></wp:nothing>",
        ),
    ];
    let (export, content) = written("wp-bad", &export(&items.concat()));
    let summary = imported(&export, &content, &[]);
    assert_mentions(
        &summary,
        &[
            "4 posts imported",
            "1 post that could not be read:\n    « Sans date » (",
            "no date (``)",
            "bip.md (",
            "3 control characters taken out",
            "has no title: « Sans titre » given",
        ],
    );
    assert_eq!(body(&post(&content, "bip")), "Un\\[0m texte.\n");
    assert!(post(&content, "bip").contains("title = \"Bip\""));
    assert_eq!(body(&post(&content, "cdata")), "a\\]\\]>b\n");
    assert!(post(&content, "sans-titre").contains("Sans rien."));
    assert!(post(&content, "et").contains("title = \"Toi & moi\""));
    // All of it is content Carnet accepts.
    let check = carnet(&["check", "--content", content.to_str().unwrap()]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn an_export_that_is_no_export_is_an_error_that_says_so() {
    let (export, content) = written("wp-not-an-export", "<html><body>Bonjour</body></html>");
    let (success, summary) = import(&export, &content, &[]);
    assert!(!success);
    assert_mentions(
        &summary,
        &[
            "holds no WordPress item",
            "fix: give the file WordPress's Tools → Export",
        ],
    );
    let (success, summary) = import(&content.join("absent.xml"), &content, &[]);
    assert!(!success);
    assert_mentions(&summary, &["cannot read", "absent.xml"]);
}

/// Serves the files of `folder` over HTTP on 127.0.0.1 (a free port), `requests` requests in
/// all, then stops. Returns its address.
fn serve(folder: PathBuf, requests: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().take(requests) {
            let Ok(mut stream) = stream else { continue };
            stream
                .set_read_timeout(Some(Duration::from_secs(10)))
                .unwrap();
            let mut request = Vec::new();
            let mut buffer = [0; 1024];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                match stream.read(&mut buffer) {
                    Ok(0) | Err(_) => break,
                    Ok(read) => request.extend_from_slice(&buffer[..read]),
                }
            }
            let request = String::from_utf8_lossy(&request);
            let path = request.split_whitespace().nth(1).unwrap_or("/");
            let file = path
                .strip_prefix("/wp-content/uploads/")
                .map(|name| folder.join(name));
            let response = match file.and_then(|file| fs::read(file).ok()) {
                Some(body) => {
                    let mut response = format!(
                        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    )
                    .into_bytes();
                    response.extend_from_slice(&body);
                    response
                }
                None => b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .to_vec(),
            };
            let _ = stream.write_all(&response);
        }
    });
    address
}

#[test]
fn download_fetches_the_uploads_into_images_from_a_local_server() {
    let seed_images = repository().join("public/images");
    // Two images that are there, one that is not: three requests.
    let address = serve(seed_images.clone(), 3);
    let xml = fs::read_to_string(fixture())
        .unwrap()
        .replace("http://www.crealim.example", &address)
        .replace(
            "Surprenant ?",
            &format!("Surprenant ?<br><img src=\"{address}/wp-content/uploads/2009/10/absente.png\" alt=\"\">"),
        );
    let (export, content) = written("wp-download", &xml);
    let images = export.parent().unwrap().join("images");
    let (success, summary) = import(
        &export,
        &content,
        &["--download", "--images", images.to_str().unwrap()],
    );
    assert!(!success, "a file that could not be fetched fails the run");
    assert_mentions(
        &summary,
        &[
            "3 files of the old blog listed in",
            "2 files fetched into",
            "0 already there, 1 failed",
            "/wp-content/uploads/2009/10/absente.png: ",
            "404",
        ],
    );
    for name in ["marketing-personnel.svg", "telechargement_pdf_50.svg"] {
        assert_eq!(
            fs::read(images.join(name)).unwrap(),
            fs::read(seed_images.join(name)).unwrap(),
            "{name}"
        );
    }
    assert!(!images.join("2009/10/absente.png").exists());
    assert!(!images.join("2009/10/absente.png.part").exists());
    // What is there is not fetched again: no server any more, and nothing fails but the absent one.
    let (_, summary) = import(
        &export,
        &content,
        &["--download", "--images", images.to_str().unwrap()],
    );
    assert_mentions(
        &summary,
        &["0 files fetched into", "2 already there, 1 failed"],
    );
}

/// The peak memory of process `pid`, from `/proc`, in kB; none once it has exited.
#[cfg(target_os = "linux")]
fn peak_memory_kb(pid: u32) -> Option<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// A 100 MB export is streamed: the import's peak memory stays far below the size of the file.
/// Most of the size is in pages (read, then skipped) of 50 KB each, as a blog's pages with their
/// pasted HTML can be; 2,000 small posts are imported too, to show many items go quickly.
#[cfg(target_os = "linux")]
#[test]
fn a_hundred_megabyte_export_is_streamed_in_bounded_memory() {
    let folder = fresh("wp-big");
    let export = folder.join("export.xml");
    let mut out = BufWriter::new(fs::File::create(&export).unwrap());
    let header = export_header();
    out.write_all(header.as_bytes()).unwrap();
    let page_text = "<p>Une page longue, avec du <strong>HTML</strong> collé d’ailleurs &amp; des entités.</p>\n"
        .repeat(560);
    let mut pages = 0;
    let mut size = header.len();
    while size < 100 * 1024 * 1024 {
        let page = item(
            1000 + pages,
            &format!("page-{pages}"),
            "Page",
            &page_text,
            "<wp:post_type>page</wp:post_type>",
        );
        out.write_all(page.as_bytes()).unwrap();
        size += page.len();
        pages += 1;
        let post = item(
            pages,
            &format!("billet-{pages}"),
            &format!("Billet {pages}"),
            "Un <em>court</em> billet.\n\nEn deux paragraphes.",
            "",
        );
        out.write_all(post.as_bytes()).unwrap();
        size += post.len();
    }
    out.write_all(b"</channel>\n</rss>\n").unwrap();
    drop(out);
    let posts = pages;

    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_carnet"))
        .args(["import", "wordpress", export.to_str().unwrap()])
        .args(["--content", folder.join("content").to_str().unwrap()])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut peak = 0;
    while child.try_wait().unwrap().is_none() {
        if let Some(kb) = peak_memory_kb(child.id()) {
            peak = peak.max(kb);
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let elapsed = start.elapsed();
    let output = child.wait_with_output().unwrap();
    let summary = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{summary}");
    assert_mentions(
        &summary,
        &[
            &format!("{posts} posts imported"),
            &format!("{pages} pages (Carnet has posts only)"),
        ],
    );
    let written = fs::read_dir(folder.join("content/posts")).unwrap().count();
    assert_eq!(written, posts as usize);
    eprintln!(
        "a {} MB export with {posts} posts and {pages} pages imported in {elapsed:?}, peak memory {} MB",
        size / (1024 * 1024),
        peak / 1024
    );
    assert!(peak > 0, "the peak memory was read");
    // The whole export in memory would be over 100 MB; one item at a time is a few MB.
    assert!(
        peak < 40 * 1024,
        "peak memory {peak} kB for a 100 MB export"
    );
    assert!(elapsed < Duration::from_secs(300), "{elapsed:?}");
}

/// The start of [`export`], for an export written piece by piece.
fn export_header() -> String {
    let whole = export("");
    whole[..whole.find("\n</channel>").unwrap() + 1].to_owned()
}

#[test]
fn a_password_protected_post_is_skipped_and_a_wordpress_2_tag_kept() {
    let (export, content) = written(
        "wp-password",
        &export(&format!(
            "{}{}",
            item(
                1,
                "secret",
                "Secret",
                "Le texte protégé.",
                "<wp:post_password><![CDATA[sésame]]></wp:post_password>"
            ),
            item(
                2,
                "ancien",
                "Ancien",
                "Texte.",
                "<category domain=\"tag\" nicename=\"web\"><![CDATA[Web]]></category>"
            ),
        )),
    );
    let summary = imported(&export, &content, &[]);
    assert_mentions(
        &summary,
        &[
            "1 password-protected post (its text would be public):",
            "« Secret »",
        ],
    );
    assert!(!content.join("posts/secret.md").exists());
    assert!(
        post(&content, "ancien").contains("\ntags = [\"Web\"]\n"),
        "{}",
        post(&content, "ancien")
    );
}

#[test]
fn the_blogs_settings_come_from_the_export_and_are_never_replaced() {
    let xml = export(&item(1, "un", "Un", "Texte.", "")).replace(
        "<title>Blog</title>",
        "<title>Le blog d&#8217;&Eacute;lise</title><description>Notes &amp; essais</description>\
         <language>en-US</language>",
    );
    let (export, content) = written("wp-settings", &xml);
    imported(&export, &content, &[]);
    let settings = fs::read_to_string(content.join("site.toml")).unwrap();
    assert!(
        settings.contains(
            "\ntitle = \"Le blog d’Élise\"\ndescription = \"Notes & essais\"\nlanguage = \"en\"\n"
        ),
        "{settings}"
    );
    // The blog builds with them as they are.
    assert_checks(&content);
    fs::write(content.join("site.toml"), "title = \"Mien\"\n").unwrap();
    imported(&export, &content, &["--force"]);
    assert_eq!(
        fs::read_to_string(content.join("site.toml")).unwrap(),
        "title = \"Mien\"\n"
    );
}

#[test]
fn links_between_posts_lead_to_their_new_addresses_whichever_comes_first() {
    let (export, content) = written(
        "wp-links",
        &export(&format!(
            "{}{}",
            item(
                1,
                "premier",
                "Premier",
                "Voir <a href=\"http://blog.example/2010/05/second/#fin\">le second</a>, \
                 <a href=\"/2010/05/second/\">encore</a> et <a href=\"/?p=2\">toujours</a>.",
                ""
            ),
            item(
                2,
                "second",
                "Second",
                "Après <a href=\"https://www.blog.example/2010/05/premier\">le premier</a>.",
                ""
            ),
        )),
    );
    fs::create_dir_all(&content).unwrap();
    fs::write(content.join("site.toml"), "title = \"Blog\"\n").unwrap();
    imported(&export, &content, &[]);
    assert_eq!(
        body(&post(&content, "premier")),
        "Voir [le second](/posts/second/#fin), [encore](/posts/second/) et [toujours](/posts/second/).\n"
    );
    assert_eq!(
        body(&post(&content, "second")),
        "Après [le premier](/posts/premier/).\n"
    );
    // The links now lead to pages the build writes: the check passes.
    assert_checks(&content);
}
