//! The links a post makes to the rest of the site: every link or image, in Markdown or in the
//! post's own HTML, whose target is a path on the site, site-absolute (`/posts/premier/`,
//! `/images/x.png`) or relative to the post's page (`photo.png`, `../premier/`), must lead to a
//! page the build writes or to a file the site serves, else the reader meets a 404 page.
//!
//! Pure: the caller gives the site's pages and files; each broken link is a [`ContentError`] at
//! its file and line, with the closest existing target as its fix.

use crate::content::{ContentError, SourceFile};
use crate::markdown::{self, InlineHtmlDepth, WordCounter};
use crate::sanitize;
use crate::template_code;
use pulldown_cmark::{Event, Tag, TagEnd};
use std::collections::{BTreeMap, BTreeSet};

/// A link or image in a post's Markdown to a path on the site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteLink {
    /// The path linked to, from the site's root, without its query or fragment, percent-decoded
    /// as a host reads it: `posts/a/`, `images/mon image.png`. (For a relative link, as written
    /// until [`FileLinks::from_page`] resolves it.)
    pub path: String,
    /// Its line in the Markdown, from 1.
    pub line: usize,
    /// For a link relative to the post's page, its path as written: `photo.png`, `../a/`.
    pub relative: Option<String>,
}

/// Every link and image of `markdown`, in its Markdown and in its HTML, whose target is a
/// path on the site, in the order written: site-absolute (one leading `/`; `//host/` is another
/// site) or relative (no scheme such as `https:` or `mailto:`, and more than a `#fragment` or
/// `?query` of the page itself).
pub fn site_links(markdown: &str) -> Vec<SiteLink> {
    read_body(markdown).links
}

/// What the content tool reads in a post's Markdown, in one pass over it: it needs all of it
/// for every post on every build.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Body {
    /// Its [`site_links`].
    pub links: Vec<SiteLink>,
    /// Its [`markdown::word_count`].
    pub words: usize,
    /// Another tool's [template code](crate::template_code) in its prose, each with its line
    /// in the Markdown (from 1) and its text as the author typed it.
    pub template_code: Vec<(usize, String)>,
    /// What it shows that the allow-list leaves out, each with its line in the Markdown.
    pub lost: Vec<(usize, Lost)>,
    /// Its first Markdown image of the site, as written (`photo.jpg`, `/images/x.png`): the
    /// image a link to the post shows in previews unless its front matter names one.
    pub first_image: Option<String>,
}

/// Something a post shows that [`markdown::to_html`]'s allow-list leaves out, so that no
/// reader sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lost {
    /// An image from another site, at this address: the page's Content Security Policy would
    /// block it, and it would tell that site who reads the post.
    OtherSiteImage(String),
    /// An element that would load another document or a player: `iframe`, `frame`, `video`,
    /// `audio`, `object`, `embed`.
    Element(String),
}

/// A post's [`Body`], from its Markdown.
pub fn read_body(markdown: &str) -> Body {
    let mut reader = BodyReader {
        markdown,
        body: Body::default(),
        prose: None,
        html_block: String::new(),
        html_lines: Vec::new(),
    };
    let mut words = WordCounter::default();
    let mut in_code_block = false;
    let mut in_code = InlineHtmlDepth::new(&markdown::CODE_ELEMENTS);
    let mut in_comment = false;
    for (event, range) in markdown::parser_with_offsets(markdown) {
        words.add(&event);
        let in_inline_code = in_code.step(&event);
        if !matches!(event, Event::Html(_)) {
            reader.end_html_block();
        }
        let is_image = matches!(event, Event::Start(Tag::Image { .. }));
        match event {
            // Prose, a run of text over its soft line breaks (a shortcode may span lines).
            Event::Text(_) | Event::SoftBreak if !in_code_block && !in_inline_code => {
                let run = reader.prose.get_or_insert(range.clone());
                run.end = range.end;
                continue;
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                if is_image && sanitize::is_other_sites_image(&dest_url) {
                    let lost = Lost::OtherSiteImage(dest_url.to_string());
                    let line = reader.line(range.start);
                    reader.body.lost.push((line, lost));
                }
                let link = site_link(&dest_url, || reader.line(range.start));
                if is_image && link.is_some() && reader.body.first_image.is_none() {
                    reader.body.first_image = Some(dest_url.to_string());
                }
                reader.body.links.extend(link);
            }
            // A block of HTML comes a line at a time: read whole, for a comment or a script
            // over several lines.
            Event::Html(line) => {
                reader
                    .html_lines
                    .push((reader.html_block.len(), range.start));
                reader.html_block.push_str(&line);
            }
            Event::InlineHtml(html) => {
                // A comment over several lines comes in pieces: nothing in it is shown.
                let opens = html.starts_with("<!--");
                if !in_comment && !opens {
                    reader.read_html(&html, &[(0, range.start)]);
                }
                in_comment = (in_comment || opens) && !html.contains("-->");
            }
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            _ => {}
        }
        reader.end_prose();
    }
    reader.end_html_block();
    reader.end_prose();
    reader.body.words = words.count();
    reader.body
}

/// What [`read_body`] keeps while it reads: the body so far, and the run of prose and the
/// block of HTML being read.
struct BodyReader<'m> {
    markdown: &'m str,
    body: Body,
    /// Where the run of prose being read is in the Markdown.
    prose: Option<std::ops::Range<usize>>,
    /// The block of HTML being read, and where each of its lines starts in it and in the
    /// Markdown.
    html_block: String,
    html_lines: Vec<(usize, usize)>,
}

impl BodyReader<'_> {
    /// The line of the byte `at` of the Markdown, from 1.
    fn line(&self, at: usize) -> usize {
        1 + self.markdown[..at].matches('\n').count()
    }

    /// Looks for template code in the run of prose read, as typed (the text the parser gives
    /// has its quotes made curly).
    fn end_prose(&mut self) {
        let Some(run) = self.prose.take() else {
            return;
        };
        let typed = &self.markdown[run.clone()];
        if typed.contains('{') {
            for (at, code) in template_code::find(typed) {
                let line = self.line(run.start + at);
                self.body.template_code.push((line, code));
            }
        }
    }

    fn end_html_block(&mut self) {
        if self.html_lines.is_empty() {
            return;
        }
        let html = std::mem::take(&mut self.html_block);
        let lines = std::mem::take(&mut self.html_lines);
        self.read_html(&html, &lines);
    }

    /// The links and lost media of `html`, whose lines start where `lines` says (in it, in
    /// the Markdown).
    fn read_html(&mut self, html: &str, lines: &[(usize, usize)]) {
        let source = |at: usize| {
            let (in_html, in_markdown) =
                lines[lines.partition_point(|(start, _)| *start <= at) - 1];
            in_markdown + (at - in_html)
        };
        for (at, url) in sanitize::link_targets(html) {
            let link = site_link(&url, || self.line(source(at)));
            self.body.links.extend(link);
        }
        for (at, lost) in sanitize::lost_media(html) {
            let line = self.line(source(at));
            self.body.lost.push((line, lost));
        }
    }
}

/// The link to the site `url` makes, if it makes one, on the line `line` counts (only then: a
/// line is counted from the start of the post, and a long post has thousands of links).
pub(crate) fn site_link(url: &str, line: impl FnOnce() -> usize) -> Option<SiteLink> {
    let (path, relative) = match site_path(url) {
        // As the host reads the path a browser asks for: `mon%20image.png` is `mon image.png`.
        Some(path) => (percent_decoded(&path), None),
        None => {
            let written = relative_path(url)?;
            (written.clone(), Some(written))
        }
    };
    Some(SiteLink {
        path,
        line: line(),
        relative,
    })
}

/// The path `url` leads to from the page it is on, if it is relative: `photo.png` for
/// `photo.png?v=2`; not for a site-absolute path, an address with a scheme (`https:`,
/// `mailto:`) or a link within the page (`#note`, `?q=x`).
pub(crate) fn relative_path(url: &str) -> Option<String> {
    // As a browser reads an address: without its tabs and line breaks (`java\tscript:` is
    // `javascript:`), nor the spaces and control characters around it.
    let url: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if url.is_empty() || url.starts_with(['/', '\\', '#', '?']) {
        return None;
    }
    let first_part = url.split(['/', '?', '#']).next().unwrap_or_default();
    let has_scheme = first_part.split_once(':').is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    (!has_scheme).then(|| url.split(['?', '#']).next().unwrap_or_default().to_owned())
}

/// The image a link to the post at `page` (`posts/a/`) shows in previews, written `written` (its
/// front matter's `image`, or its first image): a web address as it is; a path on the site, from
/// its root or from the page, as the path from the site's root it leads to (`images/x.png`,
/// `posts/a/photo.jpg`), a space written `%20`; none for anything else (`data:…`, `#x`).
pub fn preview_image(page: &str, written: &str) -> Option<String> {
    let written = written.trim();
    let scheme = written
        .split_once("://")
        .map(|(scheme, _)| scheme.to_ascii_lowercase());
    if matches!(scheme.as_deref(), Some("https" | "http")) {
        return Some(written.to_owned());
    }
    let path = match site_path(written) {
        Some(path) => path,
        None => resolved(page, &relative_path(written)?),
    };
    Some(path.replace(' ', "%20"))
}

/// The path from the site's root that `relative` leads to from the page at `page` (`posts/a/`),
/// as a browser resolves it: `photo.png` gives `posts/a/photo.png`, `../b/` gives `posts/b/`;
/// `..` above the root stays at the root.
pub fn resolved(page: &str, relative: &str) -> String {
    let mut parts: Vec<&str> = page.split('/').filter(|part| !part.is_empty()).collect();
    let steps: Vec<&str> = relative.split('/').collect();
    for step in &steps {
        match *step {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    let mut path = parts.join("/");
    let names_a_folder = matches!(steps.last(), Some(&("" | "." | "..")));
    if names_a_folder && !path.is_empty() {
        path.push('/');
    }
    path
}

/// The path from the site's root that `url` leads to, if it is site-absolute: `posts/a/` for
/// `/posts/a/?x#y`.
pub(crate) fn site_path(url: &str) -> Option<String> {
    let path = url.strip_prefix('/').filter(|p| !p.starts_with('/'))?;
    Some(path.split(['?', '#']).next().unwrap_or_default().to_owned())
}

/// What names an image written relative to its post's page (`photo.png`, as written without
/// its query) among the post's [`crate::model::ImageSize`]s: `./photo.png`, percent-decoded.
/// The sanitizer, which does not know the page, finds the image's size by it.
pub fn relative_image_key(written: &str) -> String {
    format!("./{}", percent_decoded(written))
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
    /// The post's page (`posts/<slug>/`), once [`FileLinks::from_page`] has said it.
    pub page: String,
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
            page: String::new(),
        }
    }

    /// The same links, those relative to the post resolved from its page at `page` (`posts/a/`).
    pub fn from_page(mut self, page: &str) -> FileLinks {
        page.clone_into(&mut self.page);
        for link in &mut self.links {
            if let Some(written) = &link.relative {
                link.path = percent_decoded(&resolved(page, written));
            }
        }
        self
    }
}

/// The site links of some posts that lead nowhere.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BrokenLinks {
    /// Those written site-absolute (`/posts/x/`): the build stops.
    pub errors: Vec<ContentError>,
    /// Those written relative to the post's page (`photo.png`): the author is told, the build
    /// goes on. Hugo and Zola publish relative links unchecked, HTML brought from elsewhere
    /// often has some, and what one leads to depends on where the page is served.
    pub warnings: Vec<ContentError>,
}

/// What a site's links may lead to, for [`broken_links`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LinkTargets {
    /// Its pages' paths from the base, as `crate::paths` gives them; a page's path without its
    /// trailing slash leads there too.
    pub pages: BTreeSet<String>,
    /// What the site serves as is, from its root: `images/x.png`.
    pub files: BTreeSet<String>,
    /// The pages of posts held back, a draft or a post dated later (`posts/x/`), each with why
    /// (`x.md is a draft`): a link to one leads nowhere today but will, so it is a warning.
    pub held_back: BTreeMap<String, String>,
    /// The pages of posts taken out of the site by their expiry day (`posts/x/`), each with
    /// why: a link to one is a warning too, whose fix is not to wait.
    pub gone: BTreeMap<String, String>,
    /// Paths that lead to no page for a reason the build knows, each with what to do instead:
    /// a file of `public/` the site does not publish (`files/x.pdf`), the address of a page that
    /// sends readers on to a post (its `aliases`, which the app's router does not know).
    pub fixes: BTreeMap<String, String>,
}

/// The broken site links of `posts`: those to none of the `targets`' pages and files.
pub fn broken_links<'a>(posts: &[FileLinks], targets: &'a LinkTargets) -> BrokenLinks {
    let LinkTargets { pages, files, .. } = targets;
    let exists = |path: &str| {
        pages.contains(path)
            || pages.contains(&format!("{path}/"))
            || files.contains(path)
            || files.contains(path.trim_end_matches('/'))
            // The file a page is: `posts/a/index.html`.
            || path
                .strip_suffix("index.html")
                .is_some_and(|folder| folder.is_empty() || (folder.ends_with('/') && pages.contains(folder)))
    };
    let pages_of_files = PagesOfFiles::of(posts);
    let mut broken = BrokenLinks::default();
    for post in posts {
        for link in post.links.iter().filter(|link| !exists(&link.path)) {
            let mut message = match &link.relative {
                Some(written) => format!(
                    "the link to {written} (/{} from this post's page) leads to no page or file \
                     of the site",
                    link.path
                ),
                None => format!(
                    "the link to /{} leads to no page or file of the site",
                    link.path
                ),
            };
            // A folder's address is written with or without its slash, or with its index.html.
            let folder = link.path.strip_suffix("index.html").unwrap_or(&link.path);
            let find = |known: &'a BTreeMap<String, String>| {
                (known.get(folder)).or_else(|| known.get(&format!("{folder}/")))
            };
            let held_back = find(&targets.held_back);
            let gone = find(&targets.gone);
            let fix = if let Some(why) = held_back {
                message.push_str(&format!(": {why}, not published yet"));
                "nothing if it is to be published: the link works from then on; until then it \
                 leads readers to the « Page introuvable » page"
                    .to_owned()
            } else if let Some(why) = gone {
                message.push_str(&format!(": {why}"));
                "link to another page, or take out that post's `expiryDate` to publish it \
                 again: the link leads readers to the « Page introuvable » page"
                    .to_owned()
            } else if let Some(fix) = find(&targets.fixes) {
                fix.clone()
            } else if let Some((page, file)) = pages_of_files.page_of(link) {
                format!("link to /{page}, the page of {file} (a post's file is not published)")
            } else if let Some(page) = post_named_as(&link.path, pages) {
                format!("link to /{page}, the post of that name")
            } else {
                // The post's own page is never the fix: `x` written on it is close to it by
                // length.
                let others = pages.iter().chain(files).filter(|path| **path != post.page);
                match (closest(&link.path, others), &link.relative) {
                    (Some(closest), _) => {
                        format!("link to /{closest}, the closest page or file of the site")
                    }
                    (None, Some(written)) => relative_fix(written),
                    (None, None) => "link to a page of the site (a post is at /posts/<slug>/) \
                                     or put the file under public/"
                        .to_owned(),
                }
            };
            let error = ContentError {
                path: post.path.clone(),
                line: link.line,
                message,
                fix,
            };
            if link.relative.is_some() || held_back.is_some() || gone.is_some() {
                broken.warnings.push(error);
            } else {
                broken.errors.push(error);
            }
        }
    }
    broken
}

/// The page of the post that the last part of `path` names, as other tools' addresses end with a
/// post's name: Jekyll's `/jekyll/update/2019/05/04/billet.html`, WordPress's
/// `/2009/10/billet/`, Hugo's `/posts/2019/billet/` (its extension and a leading day left out).
fn post_named_as<'p>(path: &str, pages: &'p BTreeSet<String>) -> Option<&'p String> {
    let last = path.trim_end_matches('/').rsplit('/').next()?;
    let name = [".html", ".htm", ".php"]
        .iter()
        .find_map(|extension| last.strip_suffix(extension))
        .unwrap_or(last);
    let name = match crate::front_matter::date_in_name(name) {
        Some(Ok(_)) => &name[10..],
        _ => name,
    };
    let slug = crate::slug::slugify(name);
    (!slug.is_empty())
        .then(|| pages.get(&crate::paths::post(&slug)))
        .flatten()
}

/// The pages of the posts by their files' names, for a link to a post's Markdown file (`x.md`,
/// `../x/index.md`, Zola's `@/posts/x.md`, a Hugo `ref`'s target): what the author meant.
struct PagesOfFiles<'a>(BTreeMap<String, Vec<(&'a str, &'a str)>>);

impl<'a> PagesOfFiles<'a> {
    fn of(posts: &'a [FileLinks]) -> PagesOfFiles<'a> {
        let mut by_name: BTreeMap<String, Vec<(&str, &str)>> = BTreeMap::new();
        for post in posts.iter().filter(|post| !post.page.is_empty()) {
            if let Some(name) = Self::name(&post.path) {
                by_name
                    .entry(name)
                    .or_default()
                    .push((post.page.as_str(), post.path.as_str()));
            }
        }
        PagesOfFiles(by_name)
    }

    /// How a post file is known: its name (`billet.md`), or its folder's with the name of a
    /// folder's own post (`billet/index.md`), in lower case.
    fn name(path: &str) -> Option<String> {
        let mut parts = path.rsplit(['/', '\\']).filter(|part| !part.is_empty());
        let name = parts.next()?;
        if !crate::content::is_markdown_file(name) {
            return None;
        }
        let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
        let name = match parts.next() {
            Some(folder) if stem.eq_ignore_ascii_case("index") => format!("{folder}/{name}"),
            _ => name.to_owned(),
        };
        Some(name.to_lowercase())
    }

    /// The page and file of the one post whose file `link` names, if it names one.
    fn page_of(&self, link: &SiteLink) -> Option<(&'a str, &'a str)> {
        let written = link.relative.as_deref().unwrap_or(&link.path);
        match self.0.get(&Self::name(written)?)?.as_slice() {
            [only] => Some(*only),
            _ => None,
        }
    }
}

/// What to write instead of the relative link `written` that leads nowhere.
fn relative_fix(written: &str) -> String {
    let name = written.rsplit('/').next().unwrap_or_default();
    if crate::content::is_markdown_file(name) {
        "link to the post's page, /posts/<slug>/ (its address on the site), not to its \
         Markdown file"
            .to_owned()
    } else if name.is_empty() || name == "." || name == ".." || !name.contains('.') {
        "link to a page of the site from its root (a post is at /posts/<slug>/); another site's \
         address starts with https://"
            .to_owned()
    } else {
        // A file beside the post is not published: only public/ is.
        format!(
            "put the file under public/images/ and link it from the site's root: \
             /images/{name}; another site's address starts with https://"
        )
    }
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
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
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
                    line: 1,
                    relative: None,
                },
                SiteLink {
                    path: "images/x.png".into(),
                    line: 3,
                    relative: None,
                },
                SiteLink {
                    path: "x/".into(),
                    line: 4,
                    relative: Some("x/".into()),
                },
                SiteLink {
                    path: "feed.xml".into(),
                    line: 5,
                    relative: None,
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

    #[test]
    fn relative_links_are_paths_from_the_posts_page_and_others_are_not() {
        let markdown = "![photo](photo.png?v=2) [frère](../premier/#suite) [ici](./)\n\
            [note](#note) [requête](?q=x) [courriel](mailto:a@example.org) [tél](tel:+33)\n\
            [oubli](www.example.org) <img src=\"images/a.png\"> [haut](../../../x)\n";
        let links = site_links(markdown);
        let written: Vec<(&str, usize)> = links
            .iter()
            .map(|link| (link.relative.as_deref().unwrap(), link.line))
            .collect();
        assert_eq!(
            written,
            [
                ("photo.png", 1),
                ("../premier/", 1),
                ("./", 1),
                ("www.example.org", 3),
                ("images/a.png", 3),
                ("../../../x", 3),
            ]
        );
        assert_eq!(relative_path("java\tscript:alert(1)"), None);
        assert_eq!(relative_path("\u{1}JAVA\nSCRIPT:x"), None);
        assert_eq!(relative_path(" x.png "), Some("x.png".to_owned()));
        let post = SourceFile::new("content/posts/a.md", "");
        let resolved: Vec<String> = FileLinks::of_post(&post, "", links)
            .from_page("posts/a/")
            .links
            .into_iter()
            .map(|link| link.path)
            .collect();
        assert_eq!(
            resolved,
            [
                "posts/a/photo.png",
                "posts/premier/",
                "posts/a/",
                "posts/a/www.example.org",
                "posts/a/images/a.png",
                "x",
            ]
        );
    }

    #[test]
    fn a_relative_link_to_nothing_says_what_was_written_and_where_files_go() {
        let post = SourceFile::new("content/posts/a.md", "");
        let links = FileLinks::of_post(
            &post,
            "+++\n+++\n",
            site_links("![p](photo.png) [b](../b/) <img src=\"x\">"),
        )
        .from_page("posts/a/");
        let broken = broken_links(&[links], &targets(&["", "posts/a/", "posts/b/"], &[]));
        assert_eq!(broken.errors, []);
        let errors = broken.warnings;
        assert_eq!(errors.len(), 2, "{errors:?}");
        // `x` is closest to the post's own page by its length: that is no fix.
        assert!(!errors[1].fix.contains("/posts/a/"), "{}", errors[1].fix);
        assert_eq!(errors[0].line, 3);
        assert_eq!(
            errors[0].message,
            "the link to photo.png (/posts/a/photo.png from this post's page) leads to no page \
             or file of the site"
        );
        assert!(
            errors[0].fix.starts_with(
                "put the file under public/images/ and link it from the \
             site's root: /images/photo.png"
            ),
            "{}",
            errors[0].fix
        );
    }

    fn set(paths: &[&str]) -> BTreeSet<String> {
        paths.iter().map(|path| path.to_string()).collect()
    }

    /// A site of these `pages` and `files`, nothing held back nor explained.
    fn targets(pages: &[&str], files: &[&str]) -> LinkTargets {
        LinkTargets {
            pages: set(pages),
            files: set(files),
            ..LinkTargets::default()
        }
    }

    #[test]
    fn a_link_to_a_held_back_post_is_a_warning_saying_why_and_one_to_an_unpublished_file_has_its_fix(
    ) {
        let post = SourceFile::new("content/posts/a.md", "");
        let markdown = "[suite](/posts/suite) [pdf](/files/x.pdf)\n[relatif](../suite/)";
        let links = FileLinks::of_post(&post, "", site_links(markdown)).from_page("posts/a/");
        let mut targets = targets(&["posts/a/", "posts/suite-2/"], &[]);
        let why = "content/posts/suite.md is a draft";
        targets.held_back.insert("posts/suite/".into(), why.into());
        let fix = "move public/files/x.pdf to public/images/";
        targets.fixes.insert("files/x.pdf".into(), fix.into());
        let broken = broken_links(&[links], &targets);
        let seen = |errors: &[ContentError]| -> Vec<(usize, String, String)> {
            errors
                .iter()
                .map(|e| (e.line, e.message.clone(), e.fix.clone()))
                .collect()
        };
        assert_eq!(
            seen(&broken.errors),
            [(
                1,
                "the link to /files/x.pdf leads to no page or file of the site".to_owned(),
                fix.to_owned()
            )]
        );
        let later = "nothing if it is to be published: the link works from then on; until then \
                     it leads readers to the « Page introuvable » page";
        assert_eq!(
            seen(&broken.warnings),
            [
                (
                    1,
                    format!("the link to /posts/suite leads to no page or file of the site: {why}, not published yet"),
                    later.to_owned()
                ),
                (
                    2,
                    format!("the link to ../suite/ (/posts/suite/ from this post's page) leads to no page or file of the site: {why}, not published yet"),
                    later.to_owned()
                ),
            ]
        );
    }

    #[test]
    fn a_known_miss_is_found_however_its_folder_is_written() {
        let post = SourceFile::new("content/posts/a.md", "");
        let markdown = "[a](/2009/b/) [b](/2009/b) [c](/2009/b/index.html)";
        let links = FileLinks::of_post(&post, "", site_links(markdown)).from_page("posts/a/");
        let mut targets = targets(&["posts/a/", "posts/b/"], &[]);
        targets
            .fixes
            .insert("2009/b/".into(), "link to /posts/b/".into());
        let broken = broken_links(&[links], &targets);
        let fixes: Vec<&str> = broken.errors.iter().map(|e| e.fix.as_str()).collect();
        assert_eq!(fixes, ["link to /posts/b/"; 3]);
    }

    #[test]
    fn a_link_to_a_posts_markdown_file_is_told_the_page_it_meant() {
        let post = SourceFile::new("content/posts/a.md", "");
        let markdown = "[rel](2009-10-06-deux.md) [zola](@/posts/2009-10-06-deux.md) \
                        [hugo](../trois/INDEX.md) [abs](/posts/2009-10-06-deux.md) \
                        [inconnu](quatre.md) [double](double.md)";
        let links = FileLinks::of_post(&post, "", site_links(markdown)).from_page("posts/a/");
        let other = |path: &str, page: &str| FileLinks {
            path: path.to_owned(),
            links: Vec::new(),
            page: page.to_owned(),
        };
        let posts = [
            links,
            other("content/posts/2009-10-06-deux.md", "posts/deux/"),
            other("content/posts/trois/index.md", "posts/le-troisieme/"),
            // Two files of one name: which was meant is not known.
            other("content/posts/2009/double.md", "posts/double-a/"),
            other("content/posts/2010/double.md", "posts/double-b/"),
        ];
        let pages = [
            "posts/a/",
            "posts/deux/",
            "posts/le-troisieme/",
            "posts/double-a/",
            "posts/double-b/",
        ];
        let broken = broken_links(&posts, &targets(&pages, &[]));
        let fixes: Vec<&str> = broken
            .warnings
            .iter()
            .chain(&broken.errors)
            .map(|e| e.fix.as_str())
            .collect();
        let deux = "link to /posts/deux/, the page of content/posts/2009-10-06-deux.md (a post's \
                    file is not published)";
        let trois = "link to /posts/le-troisieme/, the page of content/posts/trois/index.md (a \
                     post's file is not published)";
        let generic = "link to the post's page, /posts/<slug>/ (its address on the site), not to \
                       its Markdown file";
        // Of the two double.md, the closest page by spelling, as for any other link.
        let double = "link to /posts/double-a/, the closest page or file of the site";
        assert_eq!(fixes, [deux, deux, trois, generic, double, deux]);
    }

    #[test]
    fn a_percent_encoded_link_leads_where_the_browser_goes() {
        // A browser asks for `/images/mon%20image.png`; the host serves `mon image.png`.
        let post = SourceFile::new("content/posts/a.md", "");
        let markdown = "![a](/images/mon%20image.png) ![b](caf%C3%A9.png) \
                        <img src=\"/images/mon%20image.png\"> ![c](/images/mon%2Bimage.png)";
        let links = FileLinks::of_post(&post, "", site_links(markdown)).from_page("posts/a/");
        let files = ["images/mon image.png", "posts/a/café.png"];
        let broken = broken_links(&[links], &targets(&["posts/a/"], &files));
        assert_eq!(broken.warnings, []);
        let errors: Vec<_> = broken.errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            errors,
            ["the link to /images/mon+image.png leads to no page or file of the site"]
        );
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
        let pages = [
            "",
            "posts/premier-billet/",
            "archive/2009/10/",
            "category/actus/",
        ];
        let text = post.text().unwrap();
        let body = front_matter::parse(&text, post.post_name()).unwrap().body;
        let links = FileLinks::of_post(&post, &text[..text.len() - body.len()], site_links(body));
        let errors = broken_links(&[links], &targets(&pages, &["images/x.png"])).errors;
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
    fn a_link_to_a_pages_file_is_no_broken_link_and_another_tools_address_leads_to_its_post() {
        let post = SourceFile::new(
            "content/posts/a.md",
            "+++\ntitle = \"A\"\ndate = 2009-10-06\n+++\n\n\
             [fichier](/posts/premier-billet/index.html) [accueil](/index.html)\n\
             [jekyll](/jekyll/update/2019/05/04/premier-billet.html)\n\
             [jour](/2019-05-04-premier-billet.html) [hugo](/posts/2019/premier-billet/)\n",
        );
        let pages = ["", "posts/premier-billet/", "posts/premier/"];
        let text = post.text().unwrap();
        let body = front_matter::parse(&text, post.post_name()).unwrap().body;
        let links = FileLinks::of_post(&post, &text[..text.len() - body.len()], site_links(body));
        let errors = broken_links(&[links], &targets(&pages, &[])).errors;
        let told: Vec<(usize, &str)> = errors.iter().map(|e| (e.line, e.fix.as_str())).collect();
        let fix = "link to /posts/premier-billet/, the post of that name";
        assert_eq!(told, [(7, fix), (8, fix), (8, fix)]);
    }

    #[test]
    fn edit_distance_counts_insertions_deletions_and_substitutions() {
        assert_eq!(edit_distance("bilet", "billet"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("été", "ete"), 2);
        assert_eq!(edit_distance("same", "same"), 0);
    }
}
