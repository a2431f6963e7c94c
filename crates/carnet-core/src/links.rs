//! The links a post makes to the rest of the site: every link or image, in Markdown or in the
//! post's own HTML, whose target is a site-absolute path (`/posts/premier/`, `/images/x.png`) must lead to a page the build writes
//! or to a file the site serves, else the reader meets a 404 page.
//!
//! Pure: the caller gives the site's pages and files; each broken link is a [`ContentError`] at
//! its file and line, with the closest existing target as its fix.

use crate::content::{ContentError, SourceFile};
use crate::markdown::{self, WordCounter};
use crate::sanitize;
use pulldown_cmark::{Event, Tag};
use std::collections::BTreeSet;

/// A link or image in a post's Markdown to a path on the site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteLink {
    /// The path linked to, from the site's root, without its query or fragment: `posts/a/`.
    pub path: String,
    /// Its line in the Markdown, from 1.
    pub line: usize,
}

/// Every link and image of `markdown`, in its Markdown and in its HTML, whose target is a
/// site-absolute path (one leading `/`; `//host/` is another site), in the order written.
pub fn site_links(markdown: &str) -> Vec<SiteLink> {
    read_body(markdown).0
}

/// A post's [`site_links`] and its [`markdown::word_count`], read in one pass over its
/// Markdown: the content tool needs both of every post on every build.
pub fn read_body(markdown: &str) -> (Vec<SiteLink>, usize) {
    let line = |at: usize| 1 + markdown[..at].matches('\n').count();
    let mut links = Vec::new();
    let mut words = WordCounter::default();
    for (event, range) in markdown::parser_with_offsets(markdown) {
        words.add(&event);
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                links.extend(site_path(&dest_url).map(|path| SiteLink {
                    path,
                    line: line(range.start),
                }));
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                // The event's text is the source's from `range.start` on (a block of HTML
                // comes a line at a time), so offsets in it are offsets in the source.
                for (at, url) in sanitize::link_targets(&html) {
                    links.extend(site_path(&url).map(|path| SiteLink {
                        path,
                        line: line(range.start + at),
                    }));
                }
            }
            _ => {}
        }
    }
    (links, words.count)
}

/// The path from the site's root that `url` leads to, if it is site-absolute: `posts/a/` for
/// `/posts/a/?x#y`.
pub(crate) fn site_path(url: &str) -> Option<String> {
    let path = url.strip_prefix('/').filter(|p| !p.starts_with('/'))?;
    Some(path.split(['?', '#']).next().unwrap_or_default().to_owned())
}

/// `text` with its `%XX` sequences decoded (`%C3%A9` is é), as UTF-8 (a byte that is not, as
/// U+FFFD); a `%` not followed by two hexadecimal digits stays as it is.
pub fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let hex = |at: usize| bytes.get(at).and_then(|&byte| (byte as char).to_digit(16));
        match (bytes[at], hex(at + 1), hex(at + 2)) {
            (b'%', Some(high), Some(low)) => {
                decoded.push((high * 16 + low) as u8);
                at += 3;
            }
            (byte, _, _) => {
                decoded.push(byte);
                at += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

/// The site links of one post file, each at its line in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileLinks {
    /// The file, as given in [`SourceFile::path`].
    pub path: String,
    /// Its links to the site, in the order written.
    pub links: Vec<SiteLink>,
}

impl FileLinks {
    /// The site links of the post file `file`, whose front matter is `head`, from `links`, those
    /// of the Markdown that follows it ([`read_body`]).
    pub fn of_post(file: &SourceFile, head: &str, mut links: Vec<SiteLink>) -> FileLinks {
        let lines_before = head.matches('\n').count();
        for link in &mut links {
            link.line += lines_before;
        }
        FileLinks {
            path: file.path.clone(),
            links,
        }
    }
}

/// The broken site links of `posts`: those to neither one of `pages` (paths from the base, as
/// `crate::paths` gives them; a page's path without its trailing slash leads there too) nor
/// one of `files` (what the site serves as is, from its root: `images/x.png`).
pub fn broken_links(
    posts: &[FileLinks],
    pages: &BTreeSet<String>,
    files: &BTreeSet<String>,
) -> Vec<ContentError> {
    let exists = |path: &str| {
        pages.contains(path)
            || pages.contains(&format!("{path}/"))
            || files.contains(path)
            || files.contains(path.trim_end_matches('/'))
    };
    let mut errors = Vec::new();
    for post in posts {
        for link in post.links.iter().filter(|link| !exists(&link.path)) {
            let fix = match closest(&link.path, pages.iter().chain(files)) {
                Some(closest) => {
                    format!("link to /{closest}, the closest page or file of the site")
                }
                None => "link to a page of the site (a post is at /posts/<slug>/) or put the \
                         file under public/"
                    .to_owned(),
            };
            errors.push(ContentError {
                path: post.path.clone(),
                line: link.line,
                message: format!(
                    "the link to /{} leads to no page or file of the site",
                    link.path
                ),
                fix,
            });
        }
    }
    errors
}

/// Of `candidates`, the one closest to `path` in edits, if it is close enough to be what was
/// meant: at most a third of its length away.
fn closest<'a>(path: &str, candidates: impl Iterator<Item = &'a String>) -> Option<&'a str> {
    candidates
        .map(|candidate| (edit_distance(path, candidate), candidate))
        .filter(|(distance, candidate)| *distance * 3 <= candidate.chars().count().max(3))
        .min()
        .map(|(_, candidate)| candidate.as_str())
}

/// The Levenshtein distance between `a` and `b`, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::front_matter;

    #[test]
    fn percent_sequences_are_decoded_and_anything_else_kept() {
        assert_eq!(percent_decoded("%e4%bd%a0%e5%a5%bd-2"), "你好-2");
        assert_eq!(
            percent_decoded("images/%C3%A9t%C3%A9%201.png"),
            "images/été 1.png"
        );
        assert_eq!(percent_decoded("100%-sur"), "100%-sur");
        assert_eq!(percent_decoded("a%2"), "a%2");
        assert_eq!(percent_decoded("a%+1"), "a%+1");
        assert_eq!(percent_decoded("%ff"), "\u{FFFD}");
    }

    #[test]
    fn site_links_are_the_paths_on_the_site_with_their_lines() {
        let markdown = "Voir [le premier](/posts/premier/#suite).\n\n\
            ![une image](/images/x.png?v=2)\n\
            [ailleurs](https://example.org/) [autre site](//example.org/) [relatif](x/)\n\
            [le flux](/feed.xml)";
        assert_eq!(
            site_links(markdown),
            [
                SiteLink {
                    path: "posts/premier/".into(),
                    line: 1
                },
                SiteLink {
                    path: "images/x.png".into(),
                    line: 3
                },
                SiteLink {
                    path: "feed.xml".into(),
                    line: 5
                },
            ]
        );
        assert_eq!(site_links("`[pas un lien](/posts/x/)`"), []);
    }

    #[test]
    fn links_and_images_in_a_posts_html_are_site_links_too() {
        let markdown = "Un <a href=\"/posts/premier/\">lien en HTML</a>.\n\n\
                        <figure>\n\
                        <img src=\"/images/y.png\" alt=\"\">\n\
                        <a href='https://example.org/'>ailleurs</a> <a href=\"/archive/\">x</a>\n\
                        </figure>\n\n\
                        `<a href=\"/posts/pas-un-lien/\">`\n";
        let found: Vec<(String, usize)> = site_links(markdown)
            .into_iter()
            .map(|link| (link.path, link.line))
            .collect();
        assert_eq!(
            found,
            [
                ("posts/premier/".to_owned(), 1),
                ("images/y.png".to_owned(), 4),
                ("archive/".to_owned(), 5),
            ]
        );
    }

    fn set(paths: &[&str]) -> BTreeSet<String> {
        paths.iter().map(|path| path.to_string()).collect()
    }

    #[test]
    fn a_link_to_no_page_or_file_is_an_error_at_its_line_with_the_closest_target() {
        let post = SourceFile::new(
            "content/posts/a.md",
            "+++\ntitle = \"A\"\ndate = 2009-10-06\n+++\n\n\
             [bon](/posts/premier-billet/) [sans barre](/posts/premier-billet) [accueil](/)\n\
             [faute](/posts/premier-bilet/)\n\
             ![image](/images/x.png) ![manque](/images/y.png)\n\
             [mois](/archive/2009/13/) [catégorie](/category/x/)\n\
             [rien](/documents/presentation-crealim.pdf)\n",
        );
        let pages = set(&[
            "",
            "posts/premier-billet/",
            "archive/2009/10/",
            "category/actus/",
        ]);
        let text = post.text().unwrap();
        let body = front_matter::parse(&text).unwrap().body;
        let links = FileLinks::of_post(&post, &text[..text.len() - body.len()], site_links(body));
        let errors = broken_links(&[links], &pages, &set(&["images/x.png"]));
        let seen: Vec<_> = errors
            .iter()
            .map(|e| (e.line, e.message.as_str()))
            .collect();
        assert_eq!(
            seen,
            [
                (7, "the link to /posts/premier-bilet/ leads to no page or file of the site"),
                (8, "the link to /images/y.png leads to no page or file of the site"),
                (9, "the link to /archive/2009/13/ leads to no page or file of the site"),
                (9, "the link to /category/x/ leads to no page or file of the site"),
                (10, "the link to /documents/presentation-crealim.pdf leads to no page or file of the site"),
            ]
        );
        assert_eq!(
            errors[0].fix,
            "link to /posts/premier-billet/, the closest page or file of the site"
        );
        assert_eq!(
            errors[1].fix,
            "link to /images/x.png, the closest page or file of the site"
        );
        assert_eq!(
            errors[2].fix,
            "link to /archive/2009/10/, the closest page or file of the site"
        );
        assert_eq!(
            errors[3].fix,
            "link to /category/actus/, the closest page or file of the site"
        );
        assert!(
            errors[4].fix.starts_with("link to a page of the site"),
            "{}",
            errors[4].fix
        );
    }

    #[test]
    fn edit_distance_counts_insertions_deletions_and_substitutions() {
        assert_eq!(edit_distance("bilet", "billet"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("été", "ete"), 2);
        assert_eq!(edit_distance("same", "same"), 0);
    }
}
