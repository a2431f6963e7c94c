//! A blog's content as a whole: post files and site settings in, a [`Blog`] out.
//!
//! [`build`] is pure: it takes the files' names and bytes, so the content tool does the reading
//! and writing and everything checked here is tested without a disk. It checks every file and
//! returns every error at once, or a complete result: never part of a blog.
//!
//! A post dated after today, or past its expiry day, is checked like any other but left out of
//! the blog, unless the build publishes every date ([`Publish`]); today is a parameter, so that
//! this is tested without a clock. A draft (`draft = true`) is checked too, and left out unless
//! the build is an author's preview of the drafts.
//!
//! A file is read as UTF-8; a byte-order mark is dropped and Windows line endings (`\r\n`)
//! become `\n`, so such a file gives exactly the blog its `\n` twin gives.

use crate::archive::{list_pages, page_count, DEFAULT_POSTS_PER_PAGE, MAX_POSTS_PER_PAGE};
use crate::cores;
use crate::date::{Date, LocalTime};
use crate::feed::DEFAULT_FEED_LENGTH;
use crate::front_matter::{self, quoted, FENCE};
use crate::links::{self, FileLinks};
use crate::markdown;
use crate::model::{
    Category, Language, Manifest, PageData, Post, PostLink, PostSummary, Site, Tag,
};
use crate::paths;
use crate::slug::{self, page_slug};
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

/// One source file: its path as the author knows it, and its bytes as read.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Shown in errors, e.g. `content/posts/premier.md`.
    pub path: String,
    /// The whole file, which should be UTF-8 text.
    pub contents: Vec<u8>,
}

impl SourceFile {
    /// The file at `path` holding `contents`.
    pub fn new(path: impl Into<String>, contents: impl Into<Vec<u8>>) -> SourceFile {
        SourceFile {
            path: path.into(),
            contents: contents.into(),
        }
    }

    /// The post's name: its file's without the extension, or its folder's for a post in a folder
    /// of its own (`2009-10-06-billet/index.md`); a language Hugo's translations name their
    /// files with is no part of it (`billet.en.md`, `billet/index.fr.md`).
    pub fn post_name(&self) -> &str {
        let path = std::path::Path::new(&self.path);
        let stem = path
            .file_stem()
            .and_then(|stem| stem.to_str())
            .map_or("", without_language);
        match path.parent().and_then(|folder| folder.file_name()) {
            Some(folder) if stem.eq_ignore_ascii_case("index") => folder.to_str().unwrap_or(""),
            _ => stem,
        }
    }

    /// The file's text: UTF-8 without a byte-order mark, every line ending in `\n` alone.
    pub fn text(&self) -> Result<Cow<'_, str>, ContentError> {
        let text = std::str::from_utf8(&self.contents).map_err(|error| {
            let valid = &self.contents[..error.valid_up_to()];
            ContentError {
                path: self.path.clone(),
                line: 1 + valid.iter().filter(|&&byte| byte == b'\n').count(),
                message: format!(
                    "the file is not UTF-8 text: byte 0x{:02X} on this line is not UTF-8 \
                     (the file may be in Latin-1 or Windows-1252)",
                    self.contents[error.valid_up_to()]
                ),
                fix: "save the file as UTF-8 (in your editor: reopen it with its encoding, \
                      e.g. Windows-1252, then save it with the encoding UTF-8)"
                    .to_owned(),
            }
        })?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        Ok(if text.contains("\r\n") {
            Cow::Owned(text.replace("\r\n", "\n"))
        } else {
            Cow::Borrowed(text)
        })
    }
}

/// `stem`, a file's name without its extension, without the language Hugo's translations end it
/// with: `billet` for `billet.en`, `index` for `index.pt-br`.
pub fn without_language(stem: &str) -> &str {
    let Some((name, language)) = stem.rsplit_once('.') else {
        return stem;
    };
    let (code, region) = match language.split_once(['-', '_']) {
        Some((code, region)) => (code, Some(region)),
        None => (language, None),
    };
    let is_language = code.len() == 2
        && code.bytes().all(|b| b.is_ascii_lowercase())
        && region.is_none_or(|region| {
            (2..=4).contains(&region.len()) && region.bytes().all(|b| b.is_ascii_alphanumeric())
        });
    if is_language && !name.is_empty() {
        name
    } else {
        stem
    }
}

/// The extensions of a Markdown file: `.md`, and the others Jekyll and Hugo read as Markdown,
/// so that a content folder brought from them loses no post.
pub const MARKDOWN_EXTENSIONS: [&str; 6] = ["md", "markdown", "mdown", "mkdn", "mkd", "mkdown"];

/// Whether the file `name` is Markdown, so a post when it is under `posts/`: one of the
/// [`MARKDOWN_EXTENSIONS`], in any case (`BILLET.MD`).
pub fn is_markdown_file(name: &str) -> bool {
    name.rsplit_once('.').is_some_and(|(stem, extension)| {
        !stem.is_empty()
            && MARKDOWN_EXTENSIONS
                .iter()
                .any(|known| extension.eq_ignore_ascii_case(known))
    })
}

/// Which posts a build publishes, by their dates and whether they are drafts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Publish {
    /// Those dated this day or before (this day is today), whose expiry day has not come;
    /// none: every post, whatever its dates.
    pub until: Option<Date>,
    /// Whether the drafts are published too (an author's preview: `carnet serve --drafts`).
    pub drafts: bool,
}

impl Publish {
    /// Every post but the drafts, whatever its dates (`--future`).
    pub const ALL: Publish = Publish {
        until: None,
        drafts: false,
    };

    /// The posts but the drafts dated `today` or before, whose expiry day has not come.
    pub fn until(today: Date) -> Publish {
        Publish {
            until: Some(today),
            drafts: false,
        }
    }
}

/// A page that sends readers from an address a post had before to the post's page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Redirect {
    /// The address, from the site's root: `2009/10/06/billet/`, `vieux-billet.html`.
    pub from: String,
    /// The post's page: `posts/billet/`.
    pub to: String,
    /// The post's title, which the page names.
    pub title: String,
    /// The post's file, for an error about the alias.
    pub file: String,
    /// The line its `aliases` are on in that file.
    pub line: usize,
}

impl Redirect {
    /// The page written at [`Redirect::from`]: it sends the browser on at once (a `refresh` of
    /// no delay, which static hosts allow where they have no redirects of their own, as GitHub
    /// Pages has not), tells search engines the post's address (`canonical`, `noindex`), and
    /// links to it for a browser that does not follow; its empty icon spares the browser asking
    /// for a `/favicon.ico` the site has not. `base` is the path the site is served
    /// under (`/`, `/blog/`), `site_url` its public URL.
    pub fn page(&self, base: &str, site_url: &str, language: crate::model::Language) -> String {
        use crate::sanitize::escape;
        let (title, to) = (escape(&self.title), escape(&format!("{base}{}", self.to)));
        format!(
            "<!DOCTYPE html>\n<html lang=\"{language}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <title>{title}</title>\n<link rel=\"canonical\" href=\"{canonical}\">\n\
             <meta name=\"robots\" content=\"noindex\">\n\
             <link rel=\"icon\" href=\"data:,\">\n\
             <meta http-equiv=\"refresh\" content=\"0; url={to}\">\n</head>\n\
             <body>\n<p><a href=\"{to}\">{title}</a></p>\n</body>\n</html>\n",
            language = language.code(),
            canonical = escape(&format!("{site_url}{}", self.to)),
        )
    }
}

/// A checked blog: every post's summary, and every post's Markdown.
#[derive(Clone, Debug, PartialEq)]
pub struct Blog {
    /// The whole blog but the bodies.
    pub manifest: Manifest,
    /// Each post's Markdown, in the manifest's order.
    pub bodies: Vec<String>,
    /// Each post's time of publication and offset from UTC, when its front matter gives both,
    /// in the manifest's order: the feed's instants.
    pub published_at: Vec<Option<LocalTime>>,
    /// The image a link to each post shows in previews, in the manifest's order: its front
    /// matter's `image`, else its first image of the site, as [`links::preview_image`] gives it.
    pub preview_images: Vec<Option<String>>,
    /// The posts checked but left out, being dated after the day [`Publish`] gave.
    pub future: Vec<FuturePost>,
    /// The files of the drafts, checked but left out, in the order given.
    pub drafts: Vec<String>,
    /// The posts checked but left out, their expiry day (Hugo's `expiryDate`) having come.
    pub expired: Vec<ExpiredPost>,
    /// The page each draft and future post will have (`posts/<slug>/`), and why it is not
    /// published yet: a link to it is told, but does not stop the build.
    pub held_back: Vec<(String, String)>,
    /// The pages that send readers from the addresses posts had before (their `aliases`) to
    /// theirs, by address.
    pub redirects: Vec<Redirect>,
    /// The same for the posts held back (drafts, and posts dated later): checked, not written.
    pub held_back_redirects: Vec<Redirect>,
    /// How many of the newest posts the feed holds.
    pub feed_length: usize,
    /// The path the settings say the blog is served under, if they say one.
    pub base: Option<ConfiguredBase>,
    /// The links to the site of every post file, drafts and future posts included, for
    /// [`crate::links::broken_links`] once the site's pages are known.
    pub links: Vec<FileLinks>,
    /// What the author should be told but does not stop the build: front matter keys left
    /// out or read under another name, and the links relative to a post that lead nowhere,
    /// once [`crate::links::broken_links`] has found them.
    pub warnings: Vec<ContentError>,
    /// The files published beside the posts' pages, each its path on the site
    /// (`posts/<slug>/photo.jpg`) and the file it is copied from: those of a post's own folder
    /// (`billet/index.md`), which the content tool finds.
    pub beside: Vec<(String, std::path::PathBuf)>,
}

/// The path a blog is served under, as `site.toml` sets it: its `base`, else the path of its
/// `url` when that is not `/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfiguredBase {
    /// The path, starting and ending with `/`: `/blog/`.
    pub path: String,
    /// Where it is set, `content/site.toml:4`, for an error that must name it.
    pub source: String,
}

/// A post left out of a build because it is dated after today, or to be published after today.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FuturePost {
    /// Its file, as given in [`SourceFile::path`].
    pub path: String,
    /// Its date.
    pub date: Date,
    /// The later day it is to be published on, if it gives one (Hugo's `publishDate`).
    pub publish_date: Option<Date>,
}

/// A post left out of a build because the day it is taken out of the site has come.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpiredPost {
    /// Its file, as given in [`SourceFile::path`].
    pub path: String,
    /// The page it had (`posts/<slug>/`).
    pub page: String,
    /// The day it was taken out from (Hugo's `expiryDate`).
    pub expiry_date: Date,
}

impl Blog {
    /// Every post with its body, neighbours and the posts it suggests, newest first.
    pub fn posts(&self) -> impl Iterator<Item = Post> + '_ {
        let posts = &self.manifest.posts;
        let suggested = crate::related::suggested(posts);
        self.bodies.iter().zip(suggested).enumerate().map(
            move |(position, (markdown, suggested))| Post {
                image: self.preview_images[position].clone(),
                related: (suggested.into_iter())
                    .map(|at| PostLink::from(&posts[at]))
                    .collect(),
                ..self.manifest.post_at(position, markdown)
            },
        )
    }

    /// Every page of the site, one at a time, each with the data it shows: the pages of each
    /// list (home, then categories, then months, then tags), the archive, the tag index (if any
    /// post has tags), then each post. Built lazily, so
    /// a blog of any size is written page by page, the data and the HTML of a page together.
    /// The 404 page is not one of them (no link leads to it): see [`Blog::not_found_page`].
    pub fn pages(&self) -> impl Iterator<Item = SitePage> + '_ {
        let index = self.manifest.index();
        let data = move |list, post| PageData {
            index: index.clone(),
            list,
            post,
        };
        let list_pages = self.manifest.lists().into_iter().flat_map(|(list, posts)| {
            let lastmod = posts.iter().map(|post| post.last_change()).max();
            list_pages(list, posts, self.manifest.site.posts_per_page)
                .map(move |page| (page, lastmod))
        });
        let posts = &self.manifest.posts;
        // The archive and the tag index show counts, which a post's change leaves as they are.
        let newest = posts.first().map(|post| post.date);
        let newest_tagged = (posts.iter())
            .find(|post| !post.tags.is_empty())
            .map(|post| post.date);
        let tag_index = newest_tagged.map(|day| (paths::TAGS.to_owned(), None, None, Some(day)));
        list_pages
            .map(|(page, lastmod)| (page.list.page(page.number), Some(page), None, lastmod))
            .chain([(paths::ARCHIVE.to_owned(), None, None, newest)])
            .chain(tag_index)
            .chain(self.posts().map(|post| {
                let day = post.summary.last_change();
                (paths::post(&post.summary.slug), None, Some(post), Some(day))
            }))
            .map(move |(path, list, post, lastmod)| SitePage {
                path,
                data: data(list, post),
                lastmod,
            })
    }

    /// The path of each of [`Blog::pages`], in the same order, without making their data: what
    /// the links of the posts are checked against.
    pub fn page_paths(&self) -> impl Iterator<Item = String> + '_ {
        let per_page = self.manifest.site.posts_per_page;
        let list_pages = self
            .manifest
            .lists()
            .into_iter()
            .flat_map(move |(list, posts)| {
                (1..=page_count(posts.len(), per_page)).map(move |number| list.page(number))
            });
        let tag_index = (self.manifest.posts.iter())
            .any(|post| !post.tags.is_empty())
            .then(|| paths::TAGS.to_owned());
        list_pages
            .chain([paths::ARCHIVE.to_owned()])
            .chain(tag_index)
            .chain(
                self.manifest
                    .posts
                    .iter()
                    .map(|post| paths::post(&post.slug)),
            )
    }

    /// The page a host answers an unknown URL with: the index alone, nothing listed or shown.
    pub fn not_found_page(&self) -> SitePage {
        SitePage {
            path: paths::NOT_FOUND.to_owned(),
            data: PageData {
                index: self.manifest.index(),
                list: None,
                post: None,
            },
            lastmod: None,
        }
    }
}

/// One page of the site.
#[derive(Clone, Debug, PartialEq)]
pub struct SitePage {
    /// Its path from the base: `""`, `category/<slug>/page/2/`, `posts/<slug>/`…
    pub path: String,
    /// What it shows: the data its pre-rendered HTML embeds.
    pub data: PageData,
    /// When it last changed: the date of the newest post it shows, for the sitemap. A list's
    /// later pages take the list's newest date, since a new post shifts every page of it.
    pub lastmod: Option<Date>,
}

/// Something an author must fix: the file, the line, what is wrong and what to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContentError {
    /// The file, as given in [`SourceFile::path`].
    pub path: String,
    /// The line, from 1.
    pub line: usize,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub fix: String,
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}\n  fix: {}",
            self.path, self.line, self.message, self.fix
        )
    }
}

impl std::error::Error for ContentError {}

/// `content/site.toml`: every key is optional.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteSettings {
    #[serde(default = "default_title")]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default = "default_author")]
    author: String,
    #[serde(default = "default_url")]
    url: String,
    #[serde(default)]
    language: Language,
    #[serde(default = "default_posts_per_page")]
    posts_per_page: usize,
    #[serde(default = "default_feed_length")]
    feed_length: usize,
    #[serde(default)]
    base: Option<String>,
}

impl Default for SiteSettings {
    fn default() -> SiteSettings {
        SiteSettings {
            title: default_title(),
            description: String::new(),
            author: default_author(),
            url: default_url(),
            language: Language::default(),
            posts_per_page: DEFAULT_POSTS_PER_PAGE,
            feed_length: DEFAULT_FEED_LENGTH,
            base: None,
        }
    }
}

fn default_posts_per_page() -> usize {
    DEFAULT_POSTS_PER_PAGE
}

fn default_feed_length() -> usize {
    DEFAULT_FEED_LENGTH
}

fn default_title() -> String {
    "Carnet".to_owned()
}

fn default_author() -> String {
    "admin".to_owned()
}

/// Where `scripts/serve` serves the blog: right for previews, to be set before publishing.
pub const DEFAULT_URL: &str = "http://127.0.0.1:8080/";

fn default_url() -> String {
    DEFAULT_URL.to_owned()
}

/// What a post's Markdown gives its summary.
struct ReadMarkdown {
    /// Its title, as text.
    title: String,
    /// Its word count, for its reading time.
    words: usize,
    /// Its summary, as text, or else its first paragraph's.
    excerpt: String,
}

/// A post file, read alone.
struct ReadPost<'a> {
    /// Its text.
    text: Cow<'a, str>,
    /// Its front matter, checked.
    front_matter: front_matter::FrontMatter,
    /// Where its body starts in `text`, after the front matter.
    body_at: usize,
    /// What its Markdown gives.
    markdown: ReadMarkdown,
    /// Its links to the site.
    links: FileLinks,
    /// The image a link to it shows in previews, as written: its front matter's, else its
    /// first of the site.
    preview: Option<String>,
    /// What its front matter has that the author should be told of.
    warnings: Vec<ContentError>,
}

/// Reads the post file `file` alone, for a blog in `language`.
fn read_post(file: &SourceFile, language: Language) -> Result<ReadPost<'_>, ContentError> {
    let text = file.text()?;
    if text.trim().is_empty() {
        return Err(ContentError {
            path: file.path.clone(),
            line: 1,
            message: "the file is empty".to_owned(),
            fix: format!(
                "write the post (its front matter between two `{FENCE}` lines, then its \
                 text), or delete the file"
            ),
        });
    }
    // The front matter's errors and warnings, told in this file.
    let in_file = |e: front_matter::FrontMatterError| ContentError {
        path: file.path.clone(),
        line: e.line,
        message: e.message,
        fix: e.fix,
    };
    let doc = front_matter::parse(&text, file.post_name()).map_err(in_file)?;
    let body = links::read_body(doc.body);
    let markdown = ReadMarkdown {
        title: markdown::plain_text(&doc.front_matter.title, language),
        words: body.words,
        excerpt: match &doc.front_matter.summary {
            Some(summary) => markdown::plain_text(summary, language),
            None => markdown::excerpt(doc.body, language),
        },
    };
    let body_at = text.len() - doc.body.len();
    let lines_before = text[..body_at].matches('\n').count();
    let mut links = FileLinks::of_post(file, &text[..body_at], body.links);
    let mut warnings: Vec<ContentError> = doc.warnings.into_iter().map(in_file).collect();
    let preview = match &doc.front_matter.image {
        Some((image, line)) => {
            // Checked as the post's links are: a path that leads nowhere is told.
            match links::site_link(image, || *line) {
                Some(link) => links.links.push(link),
                None if links::preview_image("posts/x/", image).is_none() => {
                    warnings.push(ContentError {
                        path: file.path.clone(),
                        line: *line,
                        message: format!(
                            "the image `{image}` is neither a path on the site nor a web \
                             address: left out"
                        ),
                        fix: "write the image's path (/images/photo.jpg, or photo.jpg beside \
                              the post), or its address (https://…)"
                            .to_owned(),
                    })
                }
                None => {}
            }
            Some(image.clone())
        }
        None => body.first_image,
    };
    warnings.extend(body.template_code.into_iter().map(|(line, code)| {
        ContentError {
            path: file.path.clone(),
            line: lines_before + line,
            message: format!(
                "`{code}` is another tool's template code (Hugo's shortcodes, Jekyll's \
                     Liquid, Zola's shortcodes), which Carnet does not run: readers see it as \
                     written"
            ),
            fix: "write what it stood for in Markdown (a link [texte](/posts/<slug>/), an \
                      image ![texte](/images/photo.jpg)), or put it between backticks to show \
                      it as code"
                .to_owned(),
        }
    }));
    let lost = body.lost.into_iter().map(|(line, lost)| {
        let (message, fix) = lost_message(&lost);
        ContentError {
            path: file.path.clone(),
            line: lines_before + line,
            message,
            fix,
        }
    });
    warnings.extend(lost);
    Ok(ReadPost {
        warnings,
        front_matter: doc.front_matter,
        body_at,
        markdown,
        links,
        preview,
        text,
    })
}

/// What a post's slug was made from.
#[derive(Clone, Copy)]
enum Given {
    /// Its `slug`.
    Slug,
    /// Its file's name (or its folder's).
    Name,
    /// Its title, its name having no Latin letter or digit of its own.
    Title,
}

impl Given {
    /// What an error about the slug tells of it: the key whose line it points at (none for a
    /// file's name: the first line), what the slug was made from, and the fix besides a `slug`.
    fn told(self) -> (Option<&'static str>, &'static str, &'static str) {
        match self {
            Given::Slug => (Some("slug"), "", ""),
            Given::Name => (None, ", made from the file's name,", ", or rename the file"),
            Given::Title => (Some("title"), ", made from the title,", ""),
        }
    }
}

/// The slug of a post without a `slug` of its own, named `name` ([`SourceFile::post_name`]) and
/// titled `title`: its name's, without the day the name may start with (`2009-10-06-billet` →
/// `billet`), as Hugo, Zola and Jekyll make a post's address from its file, so that correcting a
/// title moves no link; its title's when the name has no Latin letter or digit besides that day
/// (`2009-10-06.md`, `你好.md`).
fn post_slug(name: &str, title: &str) -> (String, Given) {
    let name = match front_matter::date_in_name(name) {
        Some(Ok(_)) => &name[10..],
        _ => name,
    };
    match slug::slugify(name) {
        slug if slug.is_empty() => (page_slug(title), Given::Title),
        slug => (slug, Given::Name),
    }
}

/// What a post's author is told of `lost`, which no reader sees: the message and the fix.
fn lost_message(lost: &links::Lost) -> (String, String) {
    match lost {
        links::Lost::OtherSiteImage(src) => (
            format!(
                "the image {src} is another site's, which the blog does not show: the page's \
                 Content Security Policy would block it, and it would tell that site who reads \
                 the post"
            ),
            "download it into public/images/ and write its address from the site's root \
             (/images/photo.jpg), or into the post's own folder beside it"
                .to_owned(),
        ),
        links::Lost::Element(name) => (
            format!(
                "`<{name}>` is left out of the page, as every element that loads another \
                 document or a player is: readers do not see it"
            ),
            match name.as_str() {
                "video" | "audio" => "link to the file instead ([La vidéo](/images/film.mp4)): \
                                      the browser plays it"
                    .to_owned(),
                _ => "link to what it showed instead ([La vidéo](https://…))".to_owned(),
            },
        ),
    }
}

/// Builds the blog from its settings file (if any) and its post files, with the posts
/// `publish` keeps; its errors if it has any ([`build_or_tell`] gives its warnings with them).
pub fn build(
    settings: Option<&SourceFile>,
    posts: &[SourceFile],
    publish: Publish,
) -> Result<Blog, Vec<ContentError>> {
    build_or_tell(settings, posts, publish).map_err(|failed| failed.errors)
}

/// A blog that could not be built: why, and what else the author should be told.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failed {
    /// Every error, by file and line.
    pub errors: Vec<ContentError>,
    /// The warnings of the files read ([`Blog::warnings`]): told with the errors, rather than
    /// after they are mended.
    pub warnings: Vec<ContentError>,
}

/// [`build`], with the warnings read when it fails.
pub fn build_or_tell(
    settings: Option<&SourceFile>,
    posts: &[SourceFile],
    publish: Publish,
) -> Result<Blog, Failed> {
    let mut errors = Vec::new();
    let (settings, base) = match settings.map(read_settings).transpose() {
        Ok(settings) => settings.unwrap_or_default(),
        Err(problems) => {
            errors.extend(problems);
            Default::default()
        }
    };

    let mut summaries = Vec::with_capacity(posts.len());
    let mut times = HashMap::with_capacity(posts.len());
    let mut previews = HashMap::new();
    let mut held_back = Vec::new();
    let mut future = Vec::new();
    let mut drafts = Vec::new();
    let mut expired = Vec::new();
    let mut links = Vec::with_capacity(posts.len());
    let mut warnings = Vec::new();
    let mut bodies = HashMap::with_capacity(posts.len());
    let mut first_file_of_slug: HashMap<String, &str> = HashMap::new();
    // Each post's aliases, and whether the post is held back.
    let mut aliases: Vec<(Redirect, bool)> = Vec::new();
    // The first spelling of each category slug, with where it was written.
    let mut first_category: HashMap<String, (String, &str, usize)> = HashMap::new();
    // The same for tags: two spellings of one tag would share its page.
    let mut first_tag: HashMap<String, (String, &str, usize)> = HashMap::new();
    // Each post file is read alone first, on every core: its text, its front matter and what
    // its Markdown gives (its title and excerpt as text, its word count), most of the time a
    // big blog takes to read. What needs every post (slugs, categories, tags) comes after.
    let language = settings.language;
    let read = cores::on_every_core(posts, |file| read_post(file, language));
    for (file, read) in posts.iter().zip(read) {
        let ReadPost {
            text,
            front_matter: mut fm,
            body_at,
            markdown: read,
            links: file_links,
            preview,
            warnings: post_warnings,
        } = match read {
            Ok(read) => read,
            Err(error) => {
                errors.push(error);
                continue;
            }
        };
        warnings.extend(post_warnings);
        let body = &text[body_at..];
        // Keys are looked for in the front matter only, not in a body of any length.
        let head = &text[..body_at];
        let (slug, made_from) = match &fm.slug {
            Some(slug) => (slug.clone(), Given::Slug),
            None => post_slug(file.post_name(), &fm.title),
        };
        links.push(file_links.from_page(&paths::post(&slug)));
        if slug.len() > slug::MAX_LEN {
            let (key, made_from, or_rename) = made_from.told();
            errors.push(ContentError {
                path: file.path.clone(),
                line: key.map_or(1, |key| line_of_key(head, key)),
                message: format!(
                    "the slug{made_from} is {} characters long, more than the {} a URL's folder may have",
                    slug.len(),
                    slug::MAX_LEN
                ),
                fix: format!(
                    "add a shorter slug: `{}`{or_rename}",
                    front_matter::line_in_dialect_of(
                        head,
                        "slug",
                        &quoted(slug::shortened(&slug))
                    )
                ),
            });
            continue;
        }
        // The slug, the category and the tags are checked apart: each problem is told at once.
        let errors_before = errors.len();
        if let Some(first) = first_file_of_slug.insert(slug.clone(), &file.path) {
            let (key, made_from, or_rename) = made_from.told();
            errors.push(ContentError {
                path: file.path.clone(),
                line: key.map_or(1, |key| line_of_key(head, key)),
                message: format!("the slug `{slug}`{made_from} is already taken by {first}"),
                fix: format!(
                    "give one of the two posts another slug: `{}`{or_rename}",
                    front_matter::line_in_dialect_of(head, "slug", &quoted(&format!("{slug}-2")))
                ),
            });
            first_file_of_slug.insert(slug.clone(), first);
        }
        let category = fm
            .category
            .unwrap_or_else(|| language.strings().uncategorized.to_owned());
        let category_slug = slug::term_slug(&category);
        let line = line_of_key(head, "category");
        if category_slug.len() > slug::MAX_LEN {
            errors.push(ContentError {
                path: file.path.clone(),
                line,
                message: format!(
                    "the category's slug is {} characters long, more than the {} a URL's folder may have",
                    category_slug.len(),
                    slug::MAX_LEN
                ),
                fix: "give the category a shorter name".to_owned(),
            });
        } else {
            let (first, first_path, first_line) = first_category
                .entry(category_slug.clone())
                .or_insert_with(|| (category.clone(), &file.path, line));
            if *first != category {
                errors.push(ContentError {
                    path: file.path.clone(),
                    line,
                    message: format!(
                        "the category `{category}` has the same URL, {}, as `{first}` in {first_path}:{first_line}",
                        paths::category(&category_slug)
                    ),
                    fix: format!(
                        "spell the category the same in every post: `{}`",
                        front_matter::line_in_dialect_of(head, "category", &quoted(first))
                    ),
                });
            }
        }
        let tags = post_tags(&fm.tags, head, &file.path, &mut first_tag).unwrap_or_else(|error| {
            errors.push(error);
            Vec::new()
        });
        if errors.len() > errors_before {
            continue;
        }
        // The day it is published from: its date, or the later one it gives (Hugo's
        // `publishDate`).
        let day = fm.publish_date.unwrap_or(fm.date);
        let later = publish.until.is_some_and(|today| day > today);
        if let Some((expiry, line)) = fm.expiry_date.filter(|(expiry, _)| *expiry <= day) {
            warnings.push(ContentError {
                path: file.path.clone(),
                line,
                message: format!(
                    "the post is taken out of the site on {expiry}, before it is published on \
                     {day}: it will never be shown"
                ),
                fix: format!("write an expiry day after {day}, or remove the line"),
            });
        }
        // Its expiry day come (Hugo's `expiryDate`: gone from that day on).
        let gone = (fm.expiry_date.map(|(expiry, _)| expiry))
            .filter(|expiry| publish.until.is_some_and(|today| *expiry <= today));
        // A last change after today is a slip (2204 for 2024), or a day to come: told, and left
        // out, so that the page, the feed and the sitemap claim no change that has not happened.
        if let (Some(today), Some((updated, line))) = (publish.until, fm.updated) {
            if updated > today {
                warnings.push(ContentError {
                    path: file.path.clone(),
                    line,
                    message: format!("the last change, {updated}, is after today: left out"),
                    fix: "write the day of the post's last change, or remove the line".to_owned(),
                });
                fm.updated = None;
            }
        }
        let held_back_why = if fm.draft && !publish.drafts {
            Some(format!("{} is a draft", file.path))
        } else if later && fm.publish_date.is_some() {
            Some(format!(
                "{} is to be published on {day}, after today",
                file.path
            ))
        } else if later {
            Some(format!("{} is dated {day}, after today", file.path))
        } else {
            gone.map(|expiry| format!("{} was taken out of the site on {expiry}", file.path))
        };
        // A held-back post's aliases are checked now: on its day, they would stop the build.
        let line = match line_of_key(head, "aliases") {
            1 => line_of_key(head, "redirect_from"),
            line => line,
        };
        for alias in std::mem::take(&mut fm.aliases) {
            let redirect = Redirect {
                from: alias,
                to: paths::post(&slug),
                title: read.title.clone(),
                file: file.path.clone(),
                line,
            };
            aliases.push((redirect, held_back_why.is_some()));
        }
        if let Some(why) = held_back_why {
            held_back.push((paths::post(&slug), why));
            if fm.draft && !publish.drafts {
                drafts.push(file.path.clone());
            } else if let (false, Some(expiry_date)) = (later, gone) {
                expired.push(ExpiredPost {
                    path: file.path.clone(),
                    page: paths::post(&slug),
                    expiry_date,
                });
            } else {
                future.push(FuturePost {
                    path: file.path.clone(),
                    date: fm.date,
                    publish_date: fm.publish_date,
                });
            }
            continue;
        }
        let local_time = (fm.time.zip(fm.offset)).map(|(seconds, offset_minutes)| LocalTime {
            seconds,
            offset_minutes,
        });
        times.insert(slug.clone(), (fm.time, local_time));
        let page = paths::post(&slug);
        if let Some(image) = preview.and_then(|image| links::preview_image(&page, &image)) {
            previews.insert(slug.clone(), image);
        }
        summaries.push(PostSummary {
            slug: slug.clone(),
            title: read.title,
            words: read.words,
            date: fm.date,
            updated: fm.updated.map(|(day, _)| day),
            category: Category {
                slug: category_slug,
                name: category,
            },
            tags,
            author: fm.author.unwrap_or_else(|| settings.author.clone()),
            excerpt: read.excerpt,
            draft: fm.draft,
        });
        bodies.insert(slug, body.trim().to_owned() + "\n");
    }
    if !errors.is_empty() {
        errors.sort_by(|a, b| a.path.cmp(&b.path).then(a.line.cmp(&b.line)));
        return Err(Failed { errors, warnings });
    }

    // A day's posts, latest written first; those without a time after, by slug.
    summaries.sort_by(|a, b| {
        (b.date, times[&b.slug].0)
            .cmp(&(a.date, times[&a.slug].0))
            .then_with(|| a.slug.cmp(&b.slug))
    });
    let manifest = Manifest::new(
        Site {
            title: settings.title,
            description: settings.description,
            url: format!("{}/", settings.url.trim_end_matches('/')),
            language: settings.language,
            posts_per_page: settings.posts_per_page,
        },
        summaries,
    );
    let bodies = manifest
        .posts
        .iter()
        .map(|post| {
            bodies
                .remove(&post.slug)
                .expect("every summary has its body")
        })
        .collect();
    let published_at = (manifest.posts.iter())
        .map(|post| times[&post.slug].1)
        .collect();
    let preview_images = (manifest.posts.iter())
        .map(|post| previews.remove(&post.slug))
        .collect();
    let mut blog = Blog {
        manifest,
        bodies,
        published_at,
        preview_images,
        future,
        drafts,
        expired,
        held_back,
        redirects: Vec::new(),
        held_back_redirects: Vec::new(),
        feed_length: settings.feed_length,
        base,
        links,
        warnings,
        beside: Vec::new(),
    };
    let pages = blog
        .page_paths()
        .chain(blog.held_back.iter().map(|(page, _)| page.clone()));
    (blog.redirects, blog.held_back_redirects) = match redirects(aliases, pages) {
        Ok(redirects) => redirects,
        Err(errors) => {
            let warnings = blog.warnings;
            return Err(Failed { errors, warnings });
        }
    };
    Ok(blog)
}

/// The redirects the posts' `aliases` ask for (each with whether its post is held back), by
/// address: the published posts', then the held-back ones'. An error for an alias that is the
/// address of a page of the site (`pages`: those held back included), or another post's alias
/// too, their case aside: on a file system that ignores case (macOS's, Windows's), `Posts/A/`
/// is the folder of `posts/a/`.
fn redirects(
    aliases: Vec<(Redirect, bool)>,
    pages: impl Iterator<Item = String>,
) -> Result<(Vec<Redirect>, Vec<Redirect>), Vec<ContentError>> {
    let pages: HashSet<String> = pages.map(|page| page.to_lowercase()).collect();
    let mut errors = Vec::new();
    let mut by_address: BTreeMap<String, (Redirect, bool)> = BTreeMap::new();
    for (redirect, held) in aliases {
        let Redirect { from, to, .. } = &redirect;
        let error = |message: String, fix: &str| ContentError {
            path: redirect.file.clone(),
            line: redirect.line,
            message,
            fix: fix.to_owned(),
        };
        let address = from.to_lowercase();
        if pages.contains(&address) {
            let whose = if address == *to {
                "this post's own"
            } else {
                "another page's"
            };
            errors.push(error(
                format!("the alias /{from} is {whose} address on the site"),
                "remove it from `aliases`: the page is there already",
            ));
            continue;
        }
        // A post's own aliases are each once already (`front_matter`): this is another post.
        if let Some((first, _)) = by_address.get(&address) {
            let (first_path, first_line) = (&first.file, first.line);
            errors.push(error(
                format!(
                    "the alias /{from} is also an alias of {first_path}:{first_line}: one \
                     address cannot send readers to two posts"
                ),
                "keep it in one post's `aliases` only",
            ));
            continue;
        }
        by_address.insert(address, (redirect, held));
    }
    if !errors.is_empty() {
        errors.sort_by(|a, b| a.path.cmp(&b.path).then(a.line.cmp(&b.line)));
        return Err(errors);
    }
    let (held, published): (Vec<_>, Vec<_>) = by_address.into_values().partition(|(_, held)| *held);
    let redirects =
        |all: Vec<(Redirect, bool)>| all.into_iter().map(|(redirect, _)| redirect).collect();
    Ok((redirects(published), redirects(held)))
}

/// The tags `names` of the post in the file `path` (whose front matter is `head`), each once,
/// in the order written; an error if a tag's slug is too long for a folder, or if
/// `first_spelling` (every tag slug seen so far, with its first spelling and where) has it
/// spelled another way.
fn post_tags<'a>(
    names: &[String],
    head: &str,
    path: &'a str,
    first_spelling: &mut HashMap<String, (String, &'a str, usize)>,
) -> Result<Vec<Tag>, ContentError> {
    let line = line_of_key(head, "tags");
    let mut tags: Vec<Tag> = Vec::with_capacity(names.len());
    for name in names {
        let slug = slug::term_slug(name);
        if slug.len() > slug::MAX_LEN {
            return Err(ContentError {
                path: path.to_owned(),
                line,
                message: format!(
                    "the tag's slug is {} characters long, more than the {} a URL's folder may have",
                    slug.len(),
                    slug::MAX_LEN
                ),
                fix: "give the tag a shorter name".to_owned(),
            });
        }
        let (first, first_path, first_line) = first_spelling
            .entry(slug.clone())
            .or_insert_with(|| (name.clone(), path, line));
        if first != name {
            return Err(ContentError {
                path: path.to_owned(),
                line,
                message: format!(
                    "the tag `{name}` has the same URL, {}, as `{first}` in {first_path}:{first_line}",
                    paths::tag(&slug)
                ),
                fix: format!("spell the tag the same in every post: {}", quoted(first)),
            });
        }
        if tags.iter().all(|tag| tag.slug != slug) {
            tags.push(Tag {
                slug,
                name: name.clone(),
            });
        }
    }
    Ok(tags)
}

/// The settings in `file`, checked, and the base path they set; every value that cannot be is an
/// error of its own.
fn read_settings(
    file: &SourceFile,
) -> Result<(SiteSettings, Option<ConfiguredBase>), Vec<ContentError>> {
    let text = file.text().map_err(|error| vec![error])?;
    let line_of = |byte: usize| 1 + text[..byte.min(text.len())].matches('\n').count();
    let settings: SiteSettings = toml::from_str(&text).map_err(|error| {
        vec![ContentError {
            path: file.path.clone(),
            line: error.span().map_or(1, |span| line_of(span.start)),
            message: format!("invalid site settings: {}", error.message().trim_end()),
            fix: SETTINGS_FIX.to_owned(),
        }]
    })?;
    // Each value is checked apart: every bad one is told at once.
    let mut problems = Vec::new();
    let mut at = |key: &str, (message, fix): (String, String)| {
        problems.push(ContentError {
            path: file.path.clone(),
            line: line_of_key(&text, key),
            message,
            fix,
        })
    };
    if let Err(problem) = check_site_url(&settings.url) {
        at("url", problem);
    }
    let base = match &settings.base {
        Some(path) => check_base_path(path)
            .map_err(|problem| at("base", problem))
            .ok()
            .map(|path| ("base", path)),
        None => match check_base_path(url_path(&settings.url)) {
            Ok(path) => (path != "/").then_some(("url", path)),
            Err((message, _)) => {
                let fix = "write the url without it, e.g. `https://example.org/blog/`".to_owned();
                at("url", (format!("the path of the site url: {message}"), fix));
                None
            }
        },
    };
    if !(1..=MAX_POSTS_PER_PAGE).contains(&settings.posts_per_page) {
        at(
            "posts_per_page",
            (
                format!(
                    "posts_per_page is {}: a list page shows 1 to {MAX_POSTS_PER_PAGE} posts",
                    settings.posts_per_page
                ),
                format!("write e.g. `posts_per_page = {DEFAULT_POSTS_PER_PAGE}`"),
            ),
        );
    }
    if settings.feed_length == 0 {
        at(
            "feed_length",
            (
                "feed_length is 0: the feed would hold no post".to_owned(),
                format!("write e.g. `feed_length = {DEFAULT_FEED_LENGTH}`"),
            ),
        );
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let base = base.map(|(key, path)| ConfiguredBase {
        path,
        source: format!("{}:{}", file.path, line_of_key(&text, key)),
    });
    Ok((settings, base))
}

/// What `site.toml` may hold, for the fix of an error in it.
const SETTINGS_FIX: &str =
    "the keys are title, description, author, url, base (text, `key = \"…\"`), \
     language (\"fr\" or \"en\"), posts_per_page and feed_length (whole numbers); see README.md";

/// Whether `url` is where a blog can be published, an absolute http(s) URL; if not, what is
/// wrong and the fix. The settings' `url` and the build's `--site-url` (`CARNET_SITE_URL`) are
/// both checked here.
pub fn check_site_url(url: &str) -> Result<(), (String, String)> {
    let host = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .map(|rest| rest.split(['/', '?', '#']).next().unwrap_or_default());
    match host {
        Some(host) if !host.is_empty() && !host.contains(char::is_whitespace) => Ok(()),
        _ => Err((
            format!("the site url `{url}` is not an absolute http(s) URL"),
            "write where the blog is published, e.g. `https://example.org/blog/`".to_owned(),
        )),
    }
}

/// The path a blog is served under, written as `/blog/`, `/blog` or `blog`, as `/blog/`; if it
/// cannot be one, what is wrong and the fix. Both the settings' `base` and Trunk's public URL
/// are checked here.
pub fn check_base_path(path: &str) -> Result<String, (String, String)> {
    let trimmed = path.trim_matches('/');
    let bad_segment = trimmed
        .split('/')
        .find(|segment| matches!(*segment, "" | "." | ".."));
    // Only what needs no escaping in a URL, an HTML attribute or Trunk's loader script, so that
    // the path the browser reports is the path written here.
    let bad_char = trimmed
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_' | '.' | '~')));
    let problem = match (bad_char, bad_segment) {
        _ if trimmed.is_empty() => return Ok("/".to_owned()),
        _ if trimmed.contains("://") => "a URL, not a path".to_owned(),
        (Some(c), _) => format!("holds {c:?}"),
        (None, Some(segment)) => format!("has an empty, `.` or `..` part ({segment:?})"),
        (None, None) => return Ok(format!("/{trimmed}/")),
    };
    Err((
        format!("the base path `{path}` is not a path a site can be served under: it {problem}"),
        "write the folder the site is served under, e.g. `base = \"/blog/\"` (or `/` at the \
         root of a domain), with ASCII letters, digits, `-`, `_`, `.` and `~` between slashes"
            .to_owned(),
    ))
}

/// The path of an absolute http(s) URL: `/blog/` in `https://example.org/blog/`, `/` without.
fn url_path(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let rest = rest.split(['?', '#']).next().unwrap_or_default();
    rest.find('/').map_or("/", |start| &rest[start..])
}

/// The line where `key = …` (or YAML's `key: …`) stands, or 1 if nowhere.
fn line_of_key(text: &str, key: &str) -> usize {
    text.lines()
        .position(|line| {
            line.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(['=', ':']))
        })
        .map_or(1, |index| index + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::List;

    /// The slugs of `blog`'s published posts, in its order.
    fn slugs(blog: &Blog) -> Vec<&str> {
        blog.manifest
            .posts
            .iter()
            .map(|p| p.slug.as_str())
            .collect()
    }

    fn file(path: &str, text: &str) -> SourceFile {
        SourceFile::new(path, text)
    }

    fn post(path: &str, title: &str, date: &str, extra: &str) -> SourceFile {
        file(path, &format!("+++\ntitle = \"{title}\"\ndate = {date}\n{extra}+++\n\nPremier paragraphe.\n\nSecond.\n"))
    }

    #[test]
    fn another_tools_template_code_in_prose_is_told_at_its_line_not_in_code() {
        let text = "---\ntitle: Migré\ndate: 2010-05-01\n---\n\nVoir [le billet]({{< ref \"x.md\" >}}).\n\n\
                    `{{< en code >}}`\n\n```\n{% highlight ruby %}\n```\n\n\
                    Puis {% post_url 2010-05-01-x %}.\n\n\
                    Jekyll écrit <code>{% post_url x %}</code> et <kbd>{{ a }}</kbd>.\n\n\
                    Une figure {{< figure\n  src=\"x.png\" >}} sur deux lignes.\n";
        let blog = build(None, &[file("posts/migre.md", text)], Publish::ALL).unwrap();
        let told: Vec<(usize, &str)> = blog
            .warnings
            .iter()
            .map(|w| (w.line, w.message.as_str()))
            .collect();
        let message = |code: &str| {
            format!(
                "`{code}` is another tool's template code (Hugo's shortcodes, Jekyll's Liquid, \
                 Zola's shortcodes), which Carnet does not run: readers see it as written"
            )
        };
        assert_eq!(
            told,
            [
                (6, message("{{< ref \"x.md\" >}}").as_str()),
                (14, message("{% post_url 2010-05-01-x %}").as_str()),
                (18, message("{{< figure src=\"x.png\" >}}").as_str()),
            ]
        );
        assert!(blog.warnings[0].fix.contains("between backticks"));
    }

    #[test]
    fn what_the_allow_list_leaves_out_is_told_at_its_line() {
        let text = "---\ntitle: Médias\ndate: 2010-05-01\n---\n\n![Un chat](https://upload.example.org/chat.jpg)\n\n\
                    ![Le nôtre](/images/chat.jpg) ![Inline](data:image/png;base64,AAAA)\n\n\
                    <p>Texte <img src=\"//cdn.example.org/x.png\"></p>\n\n\
                    <iframe src=\"https://www.youtube.com/embed/x\"></iframe>\n\n\
                    <video src=\"film.mp4\" controls></video>\n\n`<audio>` en code\n\n\
                    Texte <!-- une\nnote <iframe src=\"https://x.example/\"></iframe> --> suite.\n\n\
                    <div>\n<script>\nvar f = '<embed src=\"x\">';\n</script>\n<!--\n<video></video>\n-->\n</div>\n";
        let blog = build(None, &[file("posts/medias.md", text)], Publish::ALL).unwrap();
        let told: Vec<(usize, &str)> = blog
            .warnings
            .iter()
            .map(|w| (w.line, w.message.as_str()))
            .collect();
        assert_eq!(told.len(), 4, "{told:#?}");
        assert_eq!(told[0].0, 6);
        assert!(told[0]
            .1
            .starts_with("the image https://upload.example.org/chat.jpg is another site's"));
        assert_eq!(told[1].0, 10);
        assert!(told[1].1.starts_with("the image //cdn.example.org/x.png"));
        assert_eq!((told[2].0, told[3].0), (12, 14));
        assert!(told[2].1.starts_with("`<iframe>` is left out of the page"));
        assert!(blog.warnings[3].fix.starts_with("link to the file instead"));
    }

    #[test]
    fn markdown_files_end_in_md_or_another_markdown_extension_in_any_case() {
        for name in [
            "billet.md",
            "BILLET.MD",
            "2009-10-06-billet.markdown",
            "a.Markdown",
            "billet.mdown",
            "billet.mkd",
            "billet.MKDN",
            "billet.mkdown",
        ] {
            assert!(is_markdown_file(name), "{name}");
        }
        for name in [
            "billet.txt",
            "billet.md.bak",
            ".md",
            "md",
            "billet.mdx",
            "billet.mk",
            "billet",
        ] {
            assert!(!is_markdown_file(name), "{name}");
        }
    }

    #[test]
    fn a_post_without_a_date_is_dated_by_its_file_or_folder_name() {
        let undated = "---\ntitle: Sans date\n---\nTexte\n";
        for (path, name) in [
            (
                "content/posts/2019-07-08-date-du-nom.md",
                "2019-07-08-date-du-nom",
            ),
            (
                "content/posts/2019-07-08_photos/index.md",
                "2019-07-08_photos",
            ),
            ("posts/2019-07-08-jekyll.markdown", "2019-07-08-jekyll"),
        ] {
            assert_eq!(file(path, undated).post_name(), name);
        }
        let blog = build(
            None,
            &[file("content/posts/2019-07-08_photos/index.md", undated)],
            Publish::ALL,
        )
        .unwrap();
        assert_eq!(blog.manifest.posts[0].date, "2019-07-08".parse().unwrap());
    }

    #[test]
    fn a_posts_slug_is_its_files_name_without_its_day_as_hugo_zola_and_jekyll_make_it() {
        let slug_of = |path: &str, title: &str, extra: &str| {
            let blog = build(
                None,
                &[post(path, title, "2009-10-06", extra)],
                Publish::ALL,
            );
            blog.unwrap().manifest.posts[0].slug.clone()
        };
        for (path, title, slug) in [
            // The title may change: the address stays.
            ("posts/billet.md", "Un tout autre titre", "billet"),
            ("posts/Mon Billet d’été.md", "T", "mon-billet-d-ete"),
            ("posts/2009/billet.MARKDOWN", "T", "billet"),
            ("posts/2009-10-06-billet.md", "T", "billet"),
            ("posts/2009-10-06_billet.md", "T", "billet"),
            ("posts/billet/index.md", "T", "billet"),
            ("posts/2009-10-06-billet/index.md", "T", "billet"),
            // Hugo's translations by file name: the language is no part of it.
            ("posts/billet/index.en.md", "T", "billet"),
            ("posts/billet.pt-br.md", "T", "billet"),
            ("posts/v1.2.md", "T", "v1-2"),
            ("posts/notes.old.md", "T", "notes-old"),
            // Not a day: kept.
            ("posts/2009-13-06-billet.md", "T", "2009-13-06-billet"),
            ("posts/2009-10-06billet.md", "T", "2009-10-06billet"),
            // A name with no letter of its own leaves the slug to the title.
            ("posts/2009-10-06.md", "Le titre", "le-titre"),
            ("posts/你好.md", "北京 2008", "2008"),
            ("posts/你好.md", "你好，世界", "fe310926beab"),
        ] {
            assert_eq!(slug_of(path, title, ""), slug, "{path}");
        }
        assert_eq!(
            slug_of("posts/billet.md", "T", "slug = \"autre\"\n"),
            "autre"
        );
    }

    #[test]
    fn a_posts_preview_image_is_its_front_matters_else_its_first_image_of_the_site() {
        let blog = build(
            None,
            &[
                file(
                    "posts/dossier/index.md",
                    "+++\ntitle = \"A\"\ndate = 2009-10-06\n+++\n\n\
                     ![Loin](https://example.org/x.png) ![Photo](mon%20image.jpg) ![B](/images/b.png)\n",
                ),
                post("propre.md", "B", "2009-10-05", "image = \"/images/a b.png\"\n"),
                post("ailleurs.md", "C", "2009-10-04", "image = \"https://example.org/c.jpg\"\n"),
                post("sans.md", "D", "2009-10-03", ""),
                post("mauvaise.md", "E", "2009-10-02", "image = \"data:image/png;base64,AA\"\n"),
            ],
            Publish::ALL,
        )
        .unwrap();
        let images: Vec<Option<String>> = blog.posts().map(|post| post.image).collect();
        assert_eq!(
            images,
            [
                Some("posts/dossier/mon%20image.jpg"),
                Some("images/a%20b.png"),
                Some("https://example.org/c.jpg"),
                None,
                None,
            ]
            .map(|image| image.map(str::to_owned))
        );
        let told: Vec<(&str, usize)> = (blog.warnings.iter())
            .map(|w| (w.path.as_str(), w.line))
            .collect();
        // Another site's image is told too, and is never the preview.
        assert_eq!(told, [("posts/dossier/index.md", 6), ("mauvaise.md", 4)]);
        assert!(
            blog.warnings[1]
                .message
                .contains("neither a path on the site nor a web address"),
            "{}",
            blog.warnings[1]
        );
        // A path of the site in the front matter is checked as a link is, at its line.
        let propre = blog.links.iter().find(|f| f.path == "propre.md").unwrap();
        assert_eq!(
            (propre.links[0].path.as_str(), propre.links[0].line),
            ("images/a b.png", 4)
        );
    }

    #[test]
    fn a_days_posts_come_latest_written_first_then_by_slug() {
        let posts = [
            file(
                "zebre-matin.md",
                "+++\ntitle = \"Zèbre matin\"\ndate = 2024-03-10T08:00:00+01:00\n+++\n",
            ),
            file(
                "abeille-soir.md",
                "+++\ntitle = \"Abeille soir\"\ndate = 2024-03-10T20:00:00+01:00\n+++\n",
            ),
            file("jour.md", "+++\ntitle = \"Jour\"\ndate = 2024-03-10\n+++\n"),
            file(
                "midi.md",
                "+++\ntitle = \"Midi\"\ndate = 2024-03-10T12:00:00Z\n+++\n",
            ),
            file(
                "veille.md",
                "+++\ntitle = \"Veille\"\ndate = 2024-03-09T23:00:00+01:00\n+++\n",
            ),
        ];
        let blog = build(None, &posts, Publish::ALL).unwrap();
        let slugs = slugs(&blog);
        assert_eq!(
            slugs,
            ["abeille-soir", "midi", "zebre-matin", "jour", "veille"]
        );
    }

    #[test]
    fn builds_summaries_and_bodies_in_order() {
        let blog = build(
            None,
            &[
                post(
                    "un-ete.md",
                    "Un été",
                    "2009-01-07",
                    "category = \"Réseaux sociaux\"\n",
                ),
                post(
                    "deux.md",
                    "Deux",
                    "2009-10-06",
                    "summary = \"Le résumé.\"\nauthor = \"Léa\"\n",
                ),
            ],
            Publish::ALL,
        )
        .unwrap();
        let [newest, oldest] = &blog.manifest.posts[..] else {
            panic!("two posts")
        };
        assert_eq!(
            (newest.slug.as_str(), newest.excerpt.as_str()),
            ("deux", "Le résumé.")
        );
        assert_eq!(
            (newest.author.as_str(), newest.category.name.as_str()),
            ("Léa", "Non classé")
        );
        assert_eq!(
            (oldest.slug.as_str(), oldest.excerpt.as_str()),
            ("un-ete", "Premier paragraphe.")
        );
        assert_eq!(oldest.category.slug, "reseaux-sociaux");
        assert_eq!(oldest.author, "admin");
        assert_eq!(blog.manifest.posts[1].slug, "un-ete");
        assert_eq!(blog.bodies[1], "Premier paragraphe.\n\nSecond.\n");
        assert_eq!(blog.manifest.site.title, "Carnet");
    }

    #[test]
    fn pages_cover_every_list_page_the_archive_and_every_post_once() {
        // 12 posts in « Actus » over two months, one in « Vie »: the home and « Actus » lists
        // have two pages each.
        let mut files: Vec<_> = (1..=12)
            .map(|day| {
                let date = format!("2009-{:02}-{day:02}", if day <= 6 { 3 } else { 10 });
                post(
                    &format!("a{day:02}.md"),
                    &format!("A{day:02}"),
                    &date,
                    "category = \"Actus\"\n",
                )
            })
            .collect();
        files.push(post("vie.md", "Vie", "2008-05-01", "category = \"Vie\"\n"));
        let blog = build(None, &files, Publish::ALL).unwrap();
        let pages: Vec<SitePage> = blog.pages().collect();
        let paths: Vec<&str> = pages.iter().map(|page| page.path.as_str()).collect();
        assert_eq!(blog.page_paths().collect::<Vec<_>>(), paths);
        assert_eq!(
            paths[..9],
            [
                "",
                "page/2/",
                "category/actus/",
                "category/actus/page/2/",
                "category/vie/",
                "archive/2009/10/",
                "archive/2009/03/",
                "archive/2008/05/",
                "archive/",
            ]
        );
        assert_eq!(
            paths[9..],
            blog.manifest
                .posts
                .iter()
                .map(|p| format!("posts/{}/", p.slug))
                .collect::<Vec<_>>()
        );

        let second = &pages[1];
        let list = second
            .data
            .list
            .as_ref()
            .expect("a list page carries its list");
        assert_eq!(
            (list.list.clone(), list.number, list.posts.len()),
            (List::Home, 2, 3)
        );
        assert_eq!(second.data.post, None);
        // A later page changes with the list's newest post.
        assert_eq!(second.lastmod, Some("2009-10-12".parse().unwrap()));
        assert_eq!(pages[4].lastmod, Some("2008-05-01".parse().unwrap()));

        let archive = &pages[8];
        assert_eq!((&archive.data.list, &archive.data.post), (&None, &None));
        let newest = &pages[9];
        let post = newest
            .data
            .post
            .as_ref()
            .expect("a post page carries its post");
        assert_eq!(
            (post.summary.slug.as_str(), post.markdown.as_str()),
            ("a12", blog.bodies[0].as_str())
        );
        assert_eq!(newest.lastmod, Some(post.summary.date));
        assert_eq!(post.newer, None);
        assert_eq!(
            post.older.as_ref().map(|link| link.slug.as_str()),
            Some("a11")
        );
        let oldest = pages.last().unwrap().data.post.as_ref().unwrap();
        assert_eq!(oldest.summary.slug, "vie");
        assert_eq!(oldest.older, None);

        let not_found = blog.not_found_page();
        assert_eq!(not_found.path, "404.html");
        assert_eq!((&not_found.data.list, &not_found.data.post), (&None, &None));
        assert!(pages.iter().all(|page| page.path != not_found.path));

        // The index counts the pages with data (8 list pages, 13 posts) to size the buckets.
        let index = blog.manifest.index();
        let with_data = pages
            .iter()
            .filter(|page| page.data.list.is_some() || page.data.post.is_some())
            .count();
        assert_eq!((index.data_pages(), with_data), (21, 21));
        assert_eq!(index.buckets, 5);
    }

    #[test]
    fn tags_get_their_pages_counts_and_index_apart_from_categories() {
        // Three posts per page; « Actus » is a category and a tag; five posts are tagged Actus.
        let settings = file("site.toml", "posts_per_page = 3\n");
        let mut files: Vec<_> = (1..=5)
            .map(|day| {
                post(
                    &format!("t{day}.md"),
                    &format!("T{day}"),
                    &format!("2009-01-0{day}"),
                    "tags = [\"Actus\", \"Réseaux\", \"actus\", \"Actus\"]\n",
                )
            })
            .collect();
        files[0] = post(
            "t1.md",
            "T1",
            "2009-01-01",
            "tags = [\"Actus\", \"Actus\"]\n",
        );
        files.push(post("c.md", "C", "2009-02-01", "category = \"Actus\"\n"));
        files.push(post(
            "brouillon.md",
            "B",
            "2009-02-02",
            "tags = [\"Caché\"]\ndraft = true\n",
        ));
        // « actus » spells « Actus » another way: an error at its line, naming the first.
        let errors = build(Some(&settings), &files, Publish::ALL).unwrap_err();
        assert_eq!(errors.len(), 4, "{errors:?}");
        assert_eq!((errors[0].path.as_str(), errors[0].line), ("t2.md", 4));
        assert_eq!(
            errors[0].to_string(),
            "t2.md:4: the tag `actus` has the same URL, tag/actus/, as `Actus` in t1.md:4\n  \
             fix: spell the tag the same in every post: \"Actus\""
        );
        for file in &mut files[1..5] {
            *file = SourceFile::new(
                file.path.clone(),
                String::from_utf8(file.contents.clone())
                    .unwrap()
                    .replace(", \"actus\"", ""),
            );
        }
        let blog = build(Some(&settings), &files, Publish::ALL).unwrap();
        let manifest = &blog.manifest;
        let t5 = &manifest.posts[1];
        assert_eq!(t5.slug, "t5");
        let tags: Vec<(&str, &str)> = t5
            .tags
            .iter()
            .map(|tag| (tag.slug.as_str(), tag.name.as_str()))
            .collect();
        assert_eq!(tags, [("actus", "Actus"), ("reseaux", "Réseaux")]);
        let counts: Vec<(&str, usize)> = manifest
            .tags
            .iter()
            .map(|entry| (entry.tag.name.as_str(), entry.count))
            .collect();
        assert_eq!(
            counts,
            [("Actus", 5), ("Réseaux", 4)],
            "a draft's tags count not"
        );
        assert_eq!(manifest.index().tags, manifest.tags);
        assert_eq!(manifest.index().category("actus").map(|c| c.count), Some(1));

        let pages: Vec<SitePage> = blog.pages().collect();
        let paths: Vec<&str> = pages.iter().map(|page| page.path.as_str()).collect();
        assert_eq!(blog.page_paths().collect::<Vec<_>>(), paths);
        for path in [
            "category/actus/",
            "tag/actus/",
            "tag/actus/page/2/",
            "tag/reseaux/",
            "tag/reseaux/page/2/",
            "tags/",
        ] {
            assert_eq!(
                paths.iter().filter(|p| **p == path).count(),
                1,
                "{path}: {paths:?}"
            );
        }
        assert!(!paths.contains(&"tag/actus/page/3/"), "{paths:?}");
        assert!(
            !paths.iter().any(|path| path.contains("cache")),
            "{paths:?}"
        );
        let page = |path: &str| pages.iter().find(|page| page.path == path).unwrap();
        let slugs = |path: &str| -> Vec<String> {
            let list = page(path).data.list.as_ref().unwrap();
            list.posts.iter().map(|post| post.slug.clone()).collect()
        };
        // The category and the tag of one name: two pages, two data files, their own posts.
        assert_eq!(slugs("category/actus/"), ["c"]);
        assert_eq!(slugs("tag/actus/"), ["t5", "t4", "t3"]);
        assert_eq!(slugs("tag/actus/page/2/"), ["t2", "t1"]);
        let with_data = pages
            .iter()
            .filter(|page| page.data.list.is_some() || page.data.post.is_some())
            .count();
        assert_eq!(blog.manifest.index().data_pages(), with_data);
        assert_eq!(
            page("tag/actus/page/2/").lastmod,
            Some("2009-01-05".parse().unwrap())
        );
        let index = page("tags/");
        assert_eq!((&index.data.list, &index.data.post), (&None, &None));
        assert_eq!(index.lastmod, Some("2009-01-05".parse().unwrap()));

        // Without tags, no tag index.
        let untagged = build(None, &files[5..6], Publish::ALL).unwrap();
        assert!(untagged.pages().all(|page| !page.path.starts_with("tag")));
    }

    #[test]
    fn a_tag_too_long_for_a_folder_is_an_error_at_its_line() {
        let tags = format!("tags = [\"ok\", \"{}\"]\n", "Étiquette ".repeat(21));
        let errors = build(
            None,
            &[post("a.md", "A", "2009-01-07", &tags)],
            Publish::ALL,
        )
        .unwrap_err();
        assert_eq!((errors[0].path.as_str(), errors[0].line), ("a.md", 4));
        assert!(
            errors[0].message.contains("tag's slug is 209"),
            "{}",
            errors[0]
        );
    }

    #[test]
    fn site_settings_are_read() {
        let settings = file(
            "site.toml",
            "title = \"Mon carnet\"\ndescription = \"Des notes.\"\nauthor = \"Zoé\"\n",
        );
        let blog = build(
            Some(&settings),
            &[post("a.md", "A", "2009-01-07", "")],
            Publish::ALL,
        )
        .unwrap();
        assert_eq!(blog.manifest.site.title, "Mon carnet");
        assert_eq!(blog.manifest.posts[0].author, "Zoé");
        assert_eq!(blog.manifest.site.url, DEFAULT_URL);
        let published = file("site.toml", "url = \"https://example.org/blog\"\n");
        let blog = build(Some(&published), &[], Publish::ALL).unwrap();
        assert_eq!(blog.manifest.site.url, "https://example.org/blog/");
        let relative = file("site.toml", "title = \"x\"\nurl = \"/blog/\"\n");
        let errors = build(Some(&relative), &[], Publish::ALL).unwrap_err();
        assert_eq!(errors[0].line, 2);
        assert!(
            errors[0].fix.contains("https://example.org/blog/"),
            "{}",
            errors[0]
        );
        let bad = file("site.toml", "title = \"x\"\ncolour = \"red\"\n");
        let errors = build(Some(&bad), &[], Publish::ALL).unwrap_err();
        assert_eq!((errors[0].path.as_str(), errors[0].line), ("site.toml", 2));
    }

    #[test]
    fn language_page_length_and_feed_length_are_settings_with_defaults() {
        let posts: Vec<_> = (1..=7)
            .map(|day| {
                post(
                    &format!("{day}.md"),
                    &format!("P{day}"),
                    &format!("2009-01-0{day}"),
                    "",
                )
            })
            .collect();
        let blog = build(None, &posts, Publish::ALL).unwrap();
        let site = &blog.manifest.site;
        assert_eq!((site.language, site.posts_per_page), (Language::French, 10));
        assert_eq!(blog.feed_length, 20);
        let settings = file(
            "site.toml",
            "language = \"en\"\nposts_per_page = 3\nfeed_length = 2\n",
        );
        let blog = build(Some(&settings), &posts, Publish::ALL).unwrap();
        let site = &blog.manifest.site;
        assert_eq!((site.language, site.posts_per_page), (Language::English, 3));
        assert_eq!(blog.feed_length, 2);
        // A post naming no category is in the language's « Non classé ».
        let categories = &blog.manifest.index().categories;
        assert_eq!(categories[0].category.name, "Uncategorized");
        assert!(crate::feed::atom(&blog, "https://a.example/").contains("xml:lang=\"en\""));
        let home: Vec<_> = blog
            .pages()
            .filter(|page| page.path.is_empty() || page.path.starts_with("page/"))
            .collect();
        assert_eq!(home.len(), 3);
        assert_eq!(home[2].data.list.as_ref().unwrap().posts.len(), 1);
        assert!(blog.manifest.index().has_page(&crate::model::List::Home, 3));
        assert!(!blog.manifest.index().has_page(&crate::model::List::Home, 4));
    }

    #[test]
    fn bad_settings_are_errors_at_their_line_with_a_fix() {
        for (text, line, message, fix) in [
            (
                "title = \"x\"\nlanguage = \"de\"\n",
                2,
                "unknown variant `de`",
                "language (\"fr\" or \"en\")",
            ),
            (
                "posts_per_page = 0\n",
                1,
                "posts_per_page is 0",
                "posts_per_page = 10",
            ),
            (
                "\nposts_per_page = 101\n",
                2,
                "1 to 100 posts",
                "posts_per_page = 10",
            ),
            (
                "feed_length = 0\n",
                1,
                "feed_length is 0",
                "feed_length = 20",
            ),
            (
                "url = \"https:///\"\n",
                1,
                "not an absolute http(s) URL",
                "https://example.org/blog/",
            ),
        ] {
            let errors = build(Some(&file("site.toml", text)), &[], Publish::ALL).unwrap_err();
            assert_eq!(errors[0].line, line, "{text}: {}", errors[0]);
            assert!(errors[0].message.contains(message), "{text}: {}", errors[0]);
            assert!(errors[0].fix.contains(fix), "{text}: {}", errors[0]);
        }
        // Every bad value at once, each at its line.
        let text =
            "url = \"example.org\"\nbase = \"/mon blog/\"\nposts_per_page = 0\nfeed_length = 0\n";
        let errors = build(Some(&file("site.toml", text)), &[], Publish::ALL).unwrap_err();
        let lines: Vec<usize> = errors.iter().map(|error| error.line).collect();
        assert_eq!(lines, [1, 2, 3, 4], "{errors:?}");
    }

    #[test]
    fn the_base_path_is_base_else_the_path_of_the_url() {
        let base = |settings: &str| {
            let settings = file("content/site.toml", settings);
            build(Some(&settings), &[], Publish::ALL).map(|blog| blog.base)
        };
        assert_eq!(base("title = \"x\"\n"), Ok(None));
        assert_eq!(base("url = \"https://example.org/\"\n"), Ok(None));
        let configured = |path: &str, line: usize| {
            Ok(Some(ConfiguredBase {
                path: path.to_owned(),
                source: format!("content/site.toml:{line}"),
            }))
        };
        assert_eq!(
            base("title = \"x\"\nurl = \"https://user.github.io/carnet?x#y\"\n"),
            configured("/carnet/", 2)
        );
        assert_eq!(
            base("url = \"https://example.org/blog/\"\nbase = \"/\"\n"),
            configured("/", 2),
            "an explicit base wins, even `/` (a proxy may serve the url's path from the root)"
        );
        assert_eq!(
            base("url = \"https://example.org/\"\n\nbase = \"notes/2024\"\n"),
            configured("/notes/2024/", 3)
        );
        let errors = base("title = \"x\"\nbase = \"/mon blog/\"\n").unwrap_err();
        assert_eq!(
            (errors[0].path.as_str(), errors[0].line),
            ("content/site.toml", 2)
        );
        assert!(errors[0].message.contains("' '"), "{}", errors[0].message);
        assert!(
            errors[0].fix.contains("base = \"/blog/\""),
            "{}",
            errors[0].fix
        );
    }

    #[test]
    fn a_base_path_is_a_plain_folder_path() {
        for (written, path) in [("/", "/"), ("", "/"), ("blog", "/blog/"), ("/a/b", "/a/b/")] {
            assert_eq!(check_base_path(written), Ok(path.to_owned()), "{written}");
        }
        for bad in [
            "/a b/",
            "/a//b/",
            "/../x/",
            "/./",
            "https://example.org/blog/",
            "/blog?x",
            "/café/",
            "/a\"b/",
            "/a'b/",
            "/%2e/",
        ] {
            assert!(check_base_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_site_url_is_an_absolute_http_url() {
        for good in [
            "https://example.org/",
            "http://127.0.0.1:8080/blog/",
            "https://a.b",
        ] {
            assert_eq!(check_site_url(good), Ok(()), "{good}");
        }
        for bad in [
            "/blog/",
            "example.org",
            "ftp://example.org/",
            "https://",
            "https:// x/",
        ] {
            assert!(check_site_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn files_are_read_as_utf8_without_bom_or_crlf() {
        let lf = post("a.md", "Été", "2009-01-07", "");
        let text = String::from_utf8(lf.contents.clone()).unwrap();
        let crlf = SourceFile::new("a.md", format!("\u{feff}{}", text.replace('\n', "\r\n")));
        assert_eq!(crlf.text().unwrap(), text);
        assert_eq!(
            build(None, &[crlf], Publish::ALL),
            build(None, &[lf], Publish::ALL)
        );

        let mut latin1 = b"+++\ntitle = \"T\"\ndate = 2009-01-07\n+++\n\nL'\xe9t\xe9.\n".to_vec();
        let errors = build(
            None,
            &[SourceFile::new("l.md", latin1.clone())],
            Publish::ALL,
        )
        .unwrap_err();
        assert_eq!((errors[0].path.as_str(), errors[0].line), ("l.md", 6));
        assert!(errors[0].message.contains("byte 0xE9"), "{}", errors[0]);
        assert!(
            errors[0].fix.starts_with("save the file as UTF-8"),
            "{}",
            errors[0]
        );
        latin1.splice(0..0, *b"\xff");
        let settings = SourceFile::new("site.toml", latin1);
        assert_eq!(
            build(Some(&settings), &[], Publish::ALL).unwrap_err()[0].line,
            1
        );
    }

    #[test]
    fn an_empty_file_is_an_error() {
        for text in ["", " \n\n", "\u{feff}"] {
            let errors = build(None, &[file("vide.md", text)], Publish::ALL).unwrap_err();
            assert_eq!(
                (errors[0].line, errors[0].message.as_str()),
                (1, "the file is empty")
            );
            assert!(
                errors[0].fix.contains("or delete the file"),
                "{}",
                errors[0]
            );
        }
    }

    #[test]
    fn a_posts_slug_category_and_tags_are_each_told_at_once() {
        let errors = build(
            None,
            &[
                post("a.md", "Même titre", "2009-01-07", "category = \"Réseaux\"\ntags = [\"Web\"]\n"),
                file(
                    "a/index.md",
                    "---\ntitle: Même titre\ndate: 2009-01-08\ncategory: reseaux\ntags: [web]\n---\n",
                ),
            ],
            Publish::ALL,
        )
        .unwrap_err();
        let told: Vec<_> = errors.iter().map(|e| (e.line, e.fix.as_str())).collect();
        assert_eq!(
            told,
            [
                (
                    1,
                    "give one of the two posts another slug: `slug: \"a-2\"`, or rename the file"
                ),
                (
                    4,
                    "spell the category the same in every post: `category: \"Réseaux\"`"
                ),
                (5, "spell the tag the same in every post: \"Web\""),
            ]
        );
    }

    #[test]
    fn duplicate_slugs_name_both_files() {
        let errors = build(
            None,
            &[
                post("meme-titre.md", "Même titre", "2009-01-07", ""),
                post("b.md", "Autre", "2009-01-08", "slug = \"meme-titre\"\n"),
            ],
            Publish::ALL,
        )
        .unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!((errors[0].path.as_str(), errors[0].line), ("b.md", 4));
        assert!(
            errors[0]
                .message
                .contains("`meme-titre` is already taken by meme-titre.md"),
            "{}",
            errors[0]
        );
        assert_eq!(
            errors[0].fix,
            "give one of the two posts another slug: `slug = \"meme-titre-2\"`"
        );
        // Two files of one name in two folders: the second is told at its first line, in the
        // dialect of its front matter (YAML here), that its name gave the slug.
        let yaml = file(
            "2009/2009-01-09-meme-titre.md",
            "---\ntitle: Autre titre\ndate: 2009-01-09\n---\n\nTexte.\n",
        );
        let errors = build(
            None,
            &[post("meme-titre.md", "Même titre", "2009-01-07", ""), yaml],
            Publish::ALL,
        )
        .unwrap_err();
        assert_eq!(
            errors[0].to_string(),
            "2009/2009-01-09-meme-titre.md:1: the slug `meme-titre`, made from the file's name, \
             is already taken by meme-titre.md\n  \
             fix: give one of the two posts another slug: `slug: \"meme-titre-2\"`, or rename the file"
        );
    }

    #[test]
    fn c_cpp_and_csharp_are_three_tags_and_three_categories() {
        let blog = build(
            None,
            &[
                post(
                    "a.md",
                    "A",
                    "2009-01-07",
                    "tags = [\"C\", \"C++\"]\ncategory = \"C#\"\n",
                ),
                post(
                    "b.md",
                    "B",
                    "2009-01-08",
                    "tags = [\"C#\"]\ncategory = \"C++\"\n",
                ),
                post(
                    "c.md",
                    "C",
                    "2009-01-09",
                    "tags = [\"C++\"]\ncategory = \"C\"\n",
                ),
            ],
            Publish::ALL,
        );
        // Before, « C++ » and « C# » had the URL of « C »: an error nothing in the posts could mend.
        let manifest = blog.unwrap().manifest;
        let mut tags: Vec<(String, String)> = (manifest.posts.iter())
            .flat_map(|post| &post.tags)
            .map(|tag| (tag.slug.clone(), tag.name.clone()))
            .collect();
        tags.sort();
        tags.dedup_by(|a, b| a.0 == b.0);
        let tags: Vec<(&str, &str)> = tags.iter().map(|(s, n)| (s.as_str(), n.as_str())).collect();
        assert_eq!(
            tags,
            [("c", "C"), ("c-plus-plus", "C++"), ("c-sharp", "C#")]
        );
        let mut categories: Vec<&str> = (manifest.posts.iter())
            .map(|post| post.category.slug.as_str())
            .collect();
        categories.sort();
        assert_eq!(categories, ["c", "c-plus-plus", "c-sharp"]);
    }

    #[test]
    fn aliases_give_redirects_unless_a_page_or_another_post_has_the_address() {
        let blog = build(
            None,
            &[
                post(
                    "un-billet.md",
                    "Un <billet>",
                    "2009-01-07",
                    "aliases = [\"/2009/01/07/a/\", \"/vieux.html\"]\n",
                ),
                post(
                    "b.md",
                    "B",
                    "2009-01-08",
                    "aliases = [\"/posts/ancien-b/\"]\n",
                ),
                post(
                    "d.md",
                    "D",
                    "2099-01-08",
                    "aliases = [\"/plus-tard/\"]\ndraft = true\n",
                ),
            ],
            Publish::ALL,
        )
        .unwrap();
        let redirects: Vec<(&str, &str)> = (blog.redirects.iter())
            .map(|r| (r.from.as_str(), r.to.as_str()))
            .collect();
        // A draft's aliases wait with it.
        assert_eq!(
            redirects,
            [
                ("2009/01/07/a/", "posts/un-billet/"),
                ("posts/ancien-b/", "posts/b/"),
                ("vieux.html", "posts/un-billet/")
            ]
        );
        assert_eq!(
            blog.redirects[0].page("/blog/", "https://example.org/blog/", Language::French),
            "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n\
             <title>Un &lt;billet&gt;</title>\n\
             <link rel=\"canonical\" href=\"https://example.org/blog/posts/un-billet/\">\n\
             <meta name=\"robots\" content=\"noindex\">\n\
             <link rel=\"icon\" href=\"data:,\">\n\
             <meta http-equiv=\"refresh\" content=\"0; url=/blog/posts/un-billet/\">\n</head>\n\
             <body>\n<p><a href=\"/blog/posts/un-billet/\">Un &lt;billet&gt;</a></p>\n</body>\n</html>\n"
        );
        let errors = build(
            None,
            &[
                post(
                    "a.md",
                    "A",
                    "2009-01-07",
                    "aliases = [\"/posts/a/INDEX.HTML\", \"/category/non-classe\"]\n",
                ),
                post(
                    "b.md",
                    "B",
                    "2009-01-08",
                    "aliases = [\"/Posts/A/\", \"/2009/a/\"]\n",
                ),
                post("c.md", "C", "2009-01-09", "aliases = [\"/2009/a/\"]\n"),
                // Held back, and checked now all the same: on its day, it would stop the build.
                post(
                    "d.md",
                    "D",
                    "2009-01-10",
                    "aliases = [\"/posts/c/\"]\ndraft = true\n",
                ),
            ],
            Publish::ALL,
        )
        .unwrap_err();
        let seen: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            seen,
            [
                "a.md:4: the alias /posts/a/ is this post's own address on the site\n  \
                 fix: remove it from `aliases`: the page is there already",
                "a.md:4: the alias /category/non-classe/ is another page's address on the site\n  \
                 fix: remove it from `aliases`: the page is there already",
                "b.md:4: the alias /Posts/A/ is another page's address on the site\n  \
                 fix: remove it from `aliases`: the page is there already",
                "c.md:4: the alias /2009/a/ is also an alias of b.md:4: one address cannot send \
                 readers to two posts\n  fix: keep it in one post's `aliases` only",
                "d.md:4: the alias /posts/c/ is another page's address on the site\n  \
                 fix: remove it from `aliases`: the page is there already",
            ]
        );
    }

    #[test]
    fn categories_spelled_two_ways_name_both_files() {
        let errors = build(
            None,
            &[
                post("a.md", "A", "2009-01-07", "category = \"Réseaux\"\n"),
                post("b.md", "B", "2009-01-08", "category = \"Reseaux\"\n"),
                post("c.md", "C", "2009-01-09", "category = \"RÉSEAUX\"\n"),
                post("d.md", "D", "2009-01-10", "category = \"Réseaux\"\n"),
                post("e.md", "E", "2009-01-11", "category = \"non classe\"\n"),
                post("f.md", "F", "2009-01-12", ""),
            ],
            Publish::ALL,
        )
        .unwrap_err();
        let places: Vec<(&str, usize)> = errors.iter().map(|e| (e.path.as_str(), e.line)).collect();
        assert_eq!(places, [("b.md", 4), ("c.md", 4), ("f.md", 1)]);
        assert_eq!(
            errors[0].to_string(),
            "b.md:4: the category `Reseaux` has the same URL, category/reseaux/, as `Réseaux` in \
             a.md:4\n  fix: spell the category the same in every post: `category = \"Réseaux\"`"
        );
        assert!(
            errors[2].message.contains("as `non classe` in e.md:4"),
            "{}",
            errors[2]
        );
    }

    #[test]
    fn a_last_change_after_today_is_told_and_left_out() {
        let files = [
            post("a.md", "A", "2009-01-07", "lastmod = 2209-01-08\n"),
            // Hugo's key in any case: told at its line too.
            post("b.md", "B", "2009-01-06", "LastMod = 2209-01-08\n"),
        ];
        let today = "2009-01-08".parse().unwrap();
        let blog = build(None, &files, Publish::until(today)).unwrap();
        assert_eq!(blog.manifest.posts[0].updated, None);
        assert_eq!(blog.manifest.posts[1].updated, None);
        let told: Vec<_> = blog
            .warnings
            .iter()
            .map(|w| (w.path.as_str(), w.line, w.message.as_str()))
            .collect();
        let message = "the last change, 2209-01-08, is after today: left out";
        assert_eq!(told, [("a.md", 4, message), ("b.md", 4, message)]);
        // With --future, as it is.
        let all = build(None, &files, Publish::ALL).unwrap();
        assert_eq!(
            all.manifest.posts[0].updated,
            Some("2209-01-08".parse().unwrap())
        );
    }

    #[test]
    fn a_post_to_be_published_after_today_is_left_out_until_then() {
        // Hugo's publishDate: the post keeps its date, and is published from that day on.
        let files = [
            post("hier.md", "Hier", "2009-01-07", ""),
            post(
                "prevu.md",
                "Prévu",
                "2009-01-06",
                "publishDate = 2009-01-09\n",
            ),
        ];
        let today = "2009-01-08".parse().unwrap();
        let blog = build(None, &files, Publish::until(today)).unwrap();
        assert_eq!(slugs(&blog), ["hier"]);
        assert_eq!(
            blog.future,
            [FuturePost {
                path: "prevu.md".into(),
                date: "2009-01-06".parse().unwrap(),
                publish_date: Some("2009-01-09".parse().unwrap()),
            }]
        );
        assert_eq!(
            blog.held_back,
            [(
                "posts/prevu/".to_owned(),
                "prevu.md is to be published on 2009-01-09, after today".to_owned()
            )]
        );
        let on_the_day =
            build(None, &files, Publish::until("2009-01-09".parse().unwrap())).unwrap();
        assert_eq!(slugs(&on_the_day), ["hier", "prevu"]);
        assert_eq!(on_the_day.manifest.posts[1].date.to_string(), "2009-01-06");
    }

    #[test]
    fn a_post_whose_expiry_day_has_come_is_left_out_from_that_day() {
        // Hugo's expiryDate: an event's announcement, gone once the event is past.
        let files = [
            post("hier.md", "Hier", "2009-01-07", ""),
            post(
                "salon.md",
                "Le salon",
                "2009-01-05",
                "expiryDate = 2009-01-09\n",
            ),
        ];
        let before = build(None, &files, Publish::until("2009-01-08".parse().unwrap())).unwrap();
        assert_eq!(slugs(&before), ["hier", "salon"]);
        assert!(before.expired.is_empty());
        let on_the_day =
            build(None, &files, Publish::until("2009-01-09".parse().unwrap())).unwrap();
        assert_eq!(slugs(&on_the_day), ["hier"]);
        assert_eq!(
            on_the_day.expired,
            [ExpiredPost {
                path: "salon.md".into(),
                page: "posts/salon/".into(),
                expiry_date: "2009-01-09".parse().unwrap(),
            }]
        );
        assert!(on_the_day.future.is_empty() && on_the_day.drafts.is_empty());
        assert_eq!(
            on_the_day.held_back,
            [(
                "posts/salon/".to_owned(),
                "salon.md was taken out of the site on 2009-01-09".to_owned()
            )]
        );
        // --future publishes every post.
        let all = build(None, &files, Publish::ALL).unwrap();
        assert_eq!(slugs(&all), ["hier", "salon"]);
        assert!(all.warnings.is_empty(), "{:?}", all.warnings);
        // Taken out before it is published: never shown, which the author is told.
        let never = post(
            "jamais.md",
            "Jamais",
            "2009-01-05",
            "publishDate = 2009-02-01\nExpiryDate = 2009-01-20\n",
        );
        let blog = build(
            None,
            &[never],
            Publish::until("2009-01-08".parse().unwrap()),
        )
        .unwrap();
        let told: Vec<_> = (blog.warnings.iter())
            .map(|w| (w.line, w.message.as_str()))
            .collect();
        assert_eq!(
            told,
            [(
                5,
                "the post is taken out of the site on 2009-01-20, before it is published on \
                 2009-02-01: it will never be shown"
            )]
        );
    }

    #[test]
    fn posts_dated_after_today_are_left_out_but_checked() {
        let files = [
            post("hier.md", "Hier", "2009-01-07", ""),
            post("aujourdhui.md", "Aujourd’hui", "2009-01-08", ""),
            post(
                "demain.md",
                "Demain",
                "2009-01-09",
                "category = \"Plus tard\"\n",
            ),
        ];
        let today = "2009-01-08".parse().unwrap();
        let blog = build(None, &files, Publish::until(today)).unwrap();
        let slugs = slugs(&blog);
        assert_eq!(slugs, ["aujourdhui", "hier"]);
        assert_eq!(blog.bodies.len(), 2);
        assert!(blog
            .manifest
            .categories
            .iter()
            .all(|c| c.category.name != "Plus tard"));
        assert_eq!(
            blog.future,
            [FuturePost {
                path: "demain.md".into(),
                date: "2009-01-09".parse().unwrap(),
                publish_date: None,
            }]
        );
        let all = build(None, &files, Publish::ALL).unwrap();
        assert_eq!((all.manifest.posts.len(), all.future.len()), (3, 0));

        // A post left out is still checked: its slug is taken, its errors are reported.
        let clash = post("z/hier.md", "Plus tard", "2009-01-10", "");
        let errors = build(None, &[files[0].clone(), clash], Publish::until(today)).unwrap_err();
        assert_eq!(errors[0].path, "z/hier.md");
    }

    #[test]
    fn drafts_are_checked_but_left_out_of_the_site() {
        let files = [
            post(
                "publie.md",
                "Publié",
                "2009-01-07",
                "category = \"Actus\"\n",
            ),
            post(
                "brouillon.md",
                "Brouillon",
                "2009-01-08",
                "category = \"Idées\"\ntags = [\"wip\"]\ndraft = true\n",
            ),
        ];
        for publish in [Publish::ALL, Publish::until("2030-01-01".parse().unwrap())] {
            let blog = build(None, &files, publish).unwrap();
            let slugs = slugs(&blog);
            assert_eq!(slugs, ["publie"]);
            assert_eq!(blog.bodies.len(), 1);
            assert_eq!(blog.drafts, ["brouillon.md"]);
            assert!(blog
                .manifest
                .categories
                .iter()
                .all(|c| c.category.name != "Idées"));
            let paths: Vec<String> = blog.pages().map(|page| page.path).collect();
            assert!(
                paths.iter().all(|path| !path.contains("brouillon")),
                "{paths:?}"
            );
            assert_eq!(blog.manifest.index().total, 1);
        }
        // A draft is checked all the same: its slug is taken, its errors are reported.
        let clash = post("autre.md", "Autre", "2009-01-09", "slug = \"brouillon\"\n");
        let errors = build(None, &[files[1].clone(), clash], Publish::ALL).unwrap_err();
        assert_eq!(errors[0].path, "autre.md");
        let bad = post("x.md", "X", "2009-01-09", "draft = \"oui\"\n");
        assert_eq!(build(None, &[bad], Publish::ALL).unwrap_err()[0].line, 4);
        // An author's preview (`--drafts`) publishes it, marked, with its category and tag.
        let preview = Publish {
            drafts: true,
            ..Publish::until("2030-01-01".parse().unwrap())
        };
        let blog = build(None, &files, preview).unwrap();
        assert_eq!(slugs(&blog), ["brouillon", "publie"]);
        assert!(blog.drafts.is_empty());
        let marked: Vec<bool> = blog.manifest.posts.iter().map(|post| post.draft).collect();
        assert_eq!(marked, [true, false]);
        assert!(blog
            .manifest
            .categories
            .iter()
            .any(|c| c.category.name == "Idées"));
        // Only a draft says so in the data.
        let data = serde_json::to_string(&blog.manifest.posts).unwrap();
        assert_eq!(data.matches(r#""draft":true"#).count(), 1, "{data}");
        assert!(!data.contains(r#""draft":false"#));
    }

    #[test]
    fn slugs_too_long_for_a_folder_name_are_errors_with_a_shorter_one() {
        let title = "Un titre vraiment très long ".repeat(8);
        let slug = format!("slug = \"{}\"\n", "a-".repeat(101) + "a");
        let name = format!("category = \"{}\"\n", "Catégorie ".repeat(21));
        let errors = build(
            None,
            &[
                // A name without a letter of its own: the title gives the slug.
                post("2009-01-07.md", &title, "2009-01-07", ""),
                post("slug.md", "Court", "2009-01-07", &slug),
                post("categorie.md", "Autre", "2009-01-07", &name),
                post(
                    &format!("{}.md", "a".repeat(slug::MAX_LEN)),
                    "A",
                    "2009-01-07",
                    "",
                ),
                post(
                    &format!("{}.md", "b".repeat(slug::MAX_LEN + 1)),
                    "B",
                    "2009-01-07",
                    "",
                ),
            ],
            Publish::ALL,
        )
        .unwrap_err();
        let places: Vec<(&str, usize)> = errors.iter().map(|e| (e.path.as_str(), e.line)).collect();
        let too_long_name = format!("{}.md", "b".repeat(slug::MAX_LEN + 1));
        assert_eq!(
            places,
            [
                ("2009-01-07.md", 2),
                (too_long_name.as_str(), 1),
                ("categorie.md", 4),
                ("slug.md", 4)
            ]
        );
        let error = |path: &str| errors.iter().find(|e| e.path == path).unwrap();
        assert!(
            error("categorie.md")
                .message
                .contains("category's slug is 209"),
            "{errors:?}"
        );
        assert!(
            (error("slug.md").message).starts_with("the slug is 203 characters"),
            "{errors:?}"
        );
        let title = error("2009-01-07.md");
        assert!(
            title
                .message
                .starts_with("the slug, made from the title, is 223"),
            "{title}"
        );
        assert_eq!(
            title.fix,
            "add a shorter slug: `slug = \"un-titre-vraiment-tres-long-un-titre-vraiment-tres-long-un\"`"
        );
        let name = error(&too_long_name);
        assert!(
            name.message
                .starts_with("the slug, made from the file's name, is 201"),
            "{name}"
        );
        assert!(name.fix.ends_with(", or rename the file"), "{name}");
    }

    #[test]
    fn a_key_is_found_in_the_front_matter_not_in_the_body() {
        let errors = build(
            None,
            &[
                post("a.md", "A", "2009-01-07", "category = \"Réseaux\"\n"),
                file(
                    "b.md",
                    "+++\ntitle = \"B\"\ndate = 2009-01-08\n+++\n\ncategory = reseaux\n",
                ),
                post("c.md", "C", "2009-01-09", "category = \"non classe\"\n"),
            ],
            Publish::ALL,
        )
        .unwrap_err();
        // b.md has no category: it is « Non classé », which c.md spells another way.
        assert_eq!((errors[0].path.as_str(), errors[0].line), ("c.md", 4));
        assert!(errors[0].message.ends_with("in b.md:1"), "{}", errors[0]);
    }

    #[test]
    fn every_bad_file_is_reported_and_nothing_is_built() {
        let errors = build(
            None,
            &[
                post("bon.md", "Bon", "2009-01-07", ""),
                file("z.md", "pas de front matter"),
                post("y.md", "Mauvaise date", "2009-02-30", ""),
                post("x/bon.md", "Bon", "2009-01-07", "category = \"Actus\"\n"),
            ],
            Publish::ALL,
        )
        .unwrap_err();
        let places: Vec<(&str, usize)> = errors.iter().map(|e| (e.path.as_str(), e.line)).collect();
        assert_eq!(places, [("x/bon.md", 1), ("y.md", 3), ("z.md", 1)]);
        assert_eq!(
            errors[1].to_string(),
            "y.md:3: invalid front matter: invalid date, expected day between 01 and 28\n  \
             fix: write the day the post was published as `date = YYYY-MM-DD`, e.g. `date = 2009-10-06`"
        );
    }
}
