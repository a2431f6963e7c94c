//! Front matter: the block of keys at the top of a post, in TOML between `+++` lines (Zola's
//! and Hugo's way, and what the content tool writes) or in YAML between `---` lines (Jekyll's,
//! Hugo's and most other tools' way), so that posts written for those tools read as they are.
//!
//! ```text
//! +++                                              ---
//! title = "Générer du business"                    title: Générer du business
//! date = 2009-03-10                                date: 2009-03-10
//! category = "Usages"                              category: Usages
//! tags = ["Réseaux", "B2B"]                        tags: [Réseaux, B2B]
//! +++                                              ---
//! The body, in Markdown…                           The body, in Markdown…
//! ```
//!
//! `date` may also be a date-time, with or without its offset (`2009-03-10T14:03:00+01:00`, as
//! the WordPress import writes it, or Jekyll's `2009-03-10 14:03:00 +0100`): the day written is
//! the post's day, never converted to UTC. `tags` lists the post's tags; `draft = true` keeps a
//! post out of the site. Both dialects give the same [`FrontMatter`] and are checked alike.
//!
//! Every error says on which line of the file it is and what the author should write instead,
//! in the dialect of the file.

use crate::date::Date;
use saphyr_parser::{Event, Parser, ScalarStyle, Span, SpannedEventReceiver};
use std::collections::BTreeMap;
use std::fmt;
use toml::Spanned;

/// The line that opens and closes TOML front matter, the kind the content tool writes.
pub const FENCE: &str = "+++";

/// The keys a post's front matter may have, in the order the README documents them.
pub const KEYS: [&str; 11] = [
    "title", "date", "updated", "category", "author", "slug", "summary", "image", "tags",
    "aliases", "draft",
];

/// Keys other tools write for what Carnet names otherwise, each read as Carnet's (the second)
/// when the post does not write that one too.
const OTHER_TOOLS_NAMES: [(&str, &str); 12] = [
    // Jekyll, Hugo, Eleventy (and Zola's `[taxonomies]`): a list, of which Carnet keeps the first
    // as the category and makes the others tags, as the WordPress import does.
    ("categories", "category"),
    // Hugo and Zola.
    ("description", "summary"),
    // Jekyll.
    ("excerpt", "summary"),
    // Hugo: a list, joined.
    ("authors", "author"),
    // Jekyll: `published: false` keeps a post out, as `draft: true` does.
    ("published", "draft"),
    // Jekyll's jekyll-redirect-from: the addresses a post had before (Hugo and Zola write
    // `aliases`, as Carnet does).
    ("redirect_from", "aliases"),
    // Hugo (in any case: `lastMod`), its `modified`, and Jekyll's jekyll-sitemap: the day of the
    // post's last change, Zola's and Carnet's `updated`.
    ("lastmod", "updated"),
    ("modified", "updated"),
    ("last_modified_at", "updated"),
    // Hugo: a list, of which the first is the post's image in link previews.
    ("images", "image"),
    // Hugo's themes (PaperMod's `cover.image`, a table) and WordPress's word for it.
    ("cover", "image"),
    ("featured_image", "image"),
];

/// Hugo's names for the day a post is published from (its keys are read in any case), which
/// Carnet reads as [`FrontMatter::publish_date`].
const PUBLISH_DATE_KEYS: [&str; 2] = ["publishdate", "pubdate"];

/// The name [`read_other_tools_keys`] gives the publication day among the entries.
const PUBLISH_DATE: &str = "publish date";

/// Hugo's names for the day a post stops being published (read in any case), which Carnet
/// reads as [`FrontMatter::expiry_date`].
const EXPIRY_DATE_KEYS: [&str; 2] = ["expirydate", "unpublishdate"];

/// The name [`read_other_tools_keys`] gives the expiry day among the entries.
const EXPIRY_DATE: &str = "expiry date";

/// Hugo's days of a post that Carnet reads under a name of its own: the keys, in lower case;
/// the entry's name; what a second one, left out, is said to repeat.
const HUGO_DAYS: [(&[&str], &str, &str); 2] = [
    (
        &PUBLISH_DATE_KEYS,
        PUBLISH_DATE,
        "the day the post is published from",
    ),
    (
        &EXPIRY_DATE_KEYS,
        EXPIRY_DATE,
        "the day the post is taken out",
    ),
];

/// Keys other tools read as a post's own address (Jekyll's `permalink`, Hugo's `url`, Zola's
/// `path`): Carnet's is `/posts/<slug>/`, and the old one can be kept as an alias.
const ADDRESS_KEYS: [&str; 3] = ["permalink", "url", "path"];

/// A post's front matter, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontMatter {
    /// The title; required, not blank.
    pub title: String,
    /// The publication day; required.
    pub date: Date,
    /// The day of its last change, when later than its date (Zola's `updated`, Hugo's
    /// `lastmod`): the feed's and the sitemap's, and the post's page says it; with the line
    /// it is written on, under whichever of those names.
    pub updated: Option<(Date, usize)>,
    /// The time of day written with it (`14:03:00` of `2009-10-06T14:03:00+02:00`), in
    /// seconds from midnight where it was written: it orders the posts of one day.
    pub time: Option<u32>,
    /// The offset from UTC written with that time, in minutes east (`+02:00`: 120; `Z`: 0).
    pub offset: Option<i32>,
    /// The category's name, if given.
    pub category: Option<String>,
    /// The author, if given.
    pub author: Option<String>,
    /// The URL name, if given instead of the one made from the file's name; already a valid slug.
    pub slug: Option<String>,
    /// A plain-text summary for lists, if given instead of the first paragraph.
    pub summary: Option<String>,
    /// The image a link to the post shows in previews (`og:image`), as written (a path on the
    /// site, from its root or from the post's page, or a web address), with its line.
    pub image: Option<(String, usize)>,
    /// The post's tags, in the order written, blanks dropped; none if not given.
    pub tags: Vec<String>,
    /// The addresses the post had before (on another site, or before its slug changed), each
    /// given a page that sends the reader on to the post's: paths as a host reads them, from
    /// the blog's root (under its base on the host), percent-decoded, a folder's ending in `/`
    /// (`2009/10/06/billet/`, `vieux-billet.html`): [`alias_path`].
    pub aliases: Vec<String>,
    /// The day it is published from, when later than its date (Hugo's `publishDate`): it is
    /// left out until then, as a post dated later is.
    pub publish_date: Option<Date>,
    /// The day it is left out from (Hugo's `expiryDate`): a post of a time, such as an
    /// event's announcement or an offer, gone from the site once that day has come; with the
    /// line it is written on.
    pub expiry_date: Option<(Date, usize)>,
    /// Whether the post is a draft, left out of the site.
    pub draft: bool,
}

/// A post file cut in two: its front matter and its Markdown body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document<'a> {
    /// The checked front matter.
    pub front_matter: FrontMatter,
    /// Everything after the closing fence.
    pub body: &'a str,
    /// What the author should be told but does not stop the build: keys left out (another
    /// tool's, such as Jekyll's `layout`), a key another tool's name gave, several categories
    /// of which one is kept.
    pub warnings: Vec<FrontMatterError>,
}

/// What is wrong in a file, where, and what to do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontMatterError {
    /// The line of the file, from 1.
    pub line: usize,
    /// What is wrong.
    pub message: String,
    /// What to write instead.
    pub fix: String,
}

impl fmt::Display for FrontMatterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}: {}\n  fix: {}",
            self.line, self.message, self.fix
        )
    }
}

impl std::error::Error for FrontMatterError {}

/// A line of the front matter `head` (a post file's start, its fences included) giving `key`
/// the `value`, in the dialect `head` is written in: what a fix tells the author to write.
pub fn line_in_dialect_of(head: &str, key: &str, value: &str) -> String {
    let opening = head
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap_or_default();
    Dialect::opened_by(opening)
        .unwrap_or(Dialect::Toml)
        .line(key, value)
}

/// Whether `start`, a file's first bytes as text, opens as a post does: a front matter fence
/// (`+++` or `---`), after a byte-order mark if any, as [`parse`] reads it.
pub fn opens_front_matter(start: &str) -> bool {
    let start = start.strip_prefix('\u{feff}').unwrap_or(start);
    let first_line = start.split_inclusive('\n').next().unwrap_or_default();
    Dialect::opened_by(first_line).is_some()
}

/// The language a post's front matter is written in, told by its first line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dialect {
    /// TOML between `+++` lines.
    Toml,
    /// YAML between `---` lines.
    Yaml,
}

impl Dialect {
    /// The dialect whose fence `line` is, if it is one.
    fn opened_by(line: &str) -> Option<Dialect> {
        match line.trim_end() {
            "+++" => Some(Dialect::Toml),
            "---" => Some(Dialect::Yaml),
            _ => None,
        }
    }

    /// The line that opens and closes the front matter.
    fn fence(self) -> &'static str {
        match self {
            Dialect::Toml => FENCE,
            Dialect::Yaml => "---",
        }
    }

    /// A line of front matter giving `key` the `value` (written as the dialect wants it).
    fn line(self, key: &str, value: &str) -> String {
        match self {
            Dialect::Toml => format!("{key} = {value}"),
            Dialect::Yaml => format!("{key}: {value}"),
        }
    }

    /// How text is written, for a message saying what a key must be.
    fn text(self) -> &'static str {
        match self {
            Dialect::Toml => "text in double quotes",
            Dialect::Yaml => "text",
        }
    }

    /// How to fix a syntax error.
    fn syntax_fix(self) -> &'static str {
        match self {
            Dialect::Toml => {
                "write each key as `key = value`, text in double quotes, dates as YYYY-MM-DD"
            }
            Dialect::Yaml => {
                "write each key as `key: value`, dates as YYYY-MM-DD; put text holding `: `, \
                 ` #` or starting with one of `[]{}>|*&!%@\"'` in double quotes"
            }
        }
    }

    fn date_fix(self) -> String {
        format!(
            "write the day the post was published as `{}`, e.g. `{}`",
            self.line("date", "YYYY-MM-DD"),
            self.line("date", "2009-10-06")
        )
    }

    fn expiry_fix(self) -> String {
        format!(
            "write the day the post is to be taken out of the site as `{}`, e.g. `{}`",
            self.line("expiryDate", "YYYY-MM-DD"),
            self.line("expiryDate", "2009-12-31")
        )
    }

    fn updated_fix(self) -> String {
        format!(
            "write the day of the post's last change as `{}`, e.g. `{}`",
            self.line("updated", "YYYY-MM-DD"),
            self.line("updated", "2009-10-12")
        )
    }
}

/// One key of the front matter: the line it is on and its value, as a TOML value whatever the
/// dialect (YAML's scalars read as YAML 1.2's core schema reads them).
struct Entry {
    line: usize,
    value: toml::Value,
}

/// The keys of the front matter, each with its entry.
type Entries = BTreeMap<String, Entry>;

/// A text value of the front matter, with the line it is on.
struct Text {
    value: String,
    line: usize,
}

/// The text value of `key`, or an error on its line saying how to write it as text.
fn read_text(
    dialect: Dialect,
    key: &str,
    entry: Option<Entry>,
) -> Result<Option<Text>, FrontMatterError> {
    let Some(Entry { line, value }) = entry else {
        return Ok(None);
    };
    let write = |value: &dyn std::fmt::Display| {
        format!("write `{}`", dialect.line(key, &quoted(&value.to_string())))
    };
    let (kind, fix) = match value {
        toml::Value::String(value) => return Ok(Some(Text { value, line })),
        toml::Value::Array(items) => {
            let first = match items.into_iter().next() {
                Some(toml::Value::String(first)) => first,
                _ => "…".to_owned(),
            };
            ("a list", format!("a post has one {key}: {}", write(&first)))
        }
        toml::Value::Table(_) => ("a table", write(&"…")),
        toml::Value::Boolean(value) => ("true or false", write(&value)),
        toml::Value::Datetime(value) => ("a date", write(&value)),
        toml::Value::Integer(value) => ("a number", write(&value)),
        toml::Value::Float(value) => ("a number", write(&value)),
    };
    Err(FrontMatterError {
        line,
        message: format!("`{key}` must be {}, not {kind}", dialect.text()),
        fix,
    })
}

/// The tags of a post: a list of texts, or an error on its line saying how to write it.
fn read_tags(dialect: Dialect, entry: Option<Entry>) -> Result<Vec<String>, FrontMatterError> {
    let Some(Entry { line, value }) = entry else {
        return Ok(Vec::new());
    };
    let error = |kind: &str, example: String| FrontMatterError {
        line,
        message: format!("`tags` must be a list of texts in double quotes, not {kind}"),
        fix: format!("write `{}`", dialect.line("tags", &format!("[{example}]"))),
    };
    match value {
        toml::Value::Array(items) => items
            .into_iter()
            .filter_map(|item| match item {
                toml::Value::String(tag) => {
                    let tag = tag.trim().to_owned();
                    (!tag.is_empty()).then_some(Ok(tag))
                }
                // A year, a version: `tags: [2024, voyage]` is how Jekyll and Hugo authors
                // write one, and YAML reads it as a number. Its digits are the tag.
                toml::Value::Integer(number) => Some(Ok(number.to_string())),
                toml::Value::Array(_) | toml::Value::Table(_) => Some(Err(error(
                    "a list holding a list or a table",
                    "\"…\"".into(),
                ))),
                other => Some(Err(error(
                    "a list holding something else than text",
                    quoted(&scalar_text(&other)),
                ))),
            })
            .collect(),
        toml::Value::String(text) => Ok(names_in_text(&text)),
        toml::Value::Integer(number) => Ok(vec![number.to_string()]),
        other => Err(error(other.type_str(), quoted(&scalar_text(&other)))),
    }
}

/// The aliases of a post: one path or a list of them, each from the blog's root, or an error on
/// its line saying how to write it.
fn read_aliases(dialect: Dialect, entry: Option<Entry>) -> Result<Vec<String>, FrontMatterError> {
    let Some(Entry { line, value }) = entry else {
        return Ok(Vec::new());
    };
    let write = |paths: &str| format!("write `{}`", dialect.line("aliases", &format!("[{paths}]")));
    let error = |message: String, fix: String| FrontMatterError { line, message, fix };
    let a_list = |kind: &str| {
        let message = format!("`aliases` must be a list of paths, not {kind}");
        error(message, write("\"/2009/10/06/mon-billet/\""))
    };
    let written = match value {
        toml::Value::String(path) => vec![path],
        toml::Value::Array(items) => items
            .into_iter()
            .map(|item| match item {
                toml::Value::String(path) => Ok(path),
                other => Err(a_list(&format!("of {}", other.type_str()))),
            })
            .collect::<Result<_, _>>()?,
        other => return Err(a_list(other.type_str())),
    };
    let mut aliases = Vec::with_capacity(written.len());
    for path in written {
        let path = path.trim();
        let alias = alias_path(path).map_err(|wrong| {
            let fix = match wrong {
                AliasError::Relative => {
                    let under_posts = format!("/posts/{path}");
                    let meant =
                        alias_path(&under_posts).map_or(under_posts, |path| format!("/{path}"));
                    format!(
                        "{} if it was relative to the post's section, as Hugo reads it; else write \
                         it from the blog's root",
                        write(&quoted(&meant))
                    )
                }
                AliasError::NotAPage => format!(
                    "{}, if it is a folder; else take it out",
                    write(&quoted(&format!("{}/", path.trim_end_matches('/'))))
                ),
                AliasError::Query => "take it out: no static host serves a query; a host's own \
                                      redirects can (README, « Redirects »)"
                    .to_owned(),
                _ => format!(
                    "{}: each address the post had, from the blog's root, a folder's ending in `/`",
                    write("\"/2009/10/06/mon-billet/\"")
                ),
            };
            error(format!("the alias `{path}` {}", wrong.why()), fix)
        })?;
        if !aliases.contains(&alias) {
            aliases.push(alias);
        }
    }
    Ok(aliases)
}

/// The folders of the site whose files are not pages: the tool's data and search index, the
/// app's images. No alias may be there.
const OWN_FOLDERS: [&str; 3] = [
    crate::paths::DATA,
    crate::paths::SEARCH,
    crate::paths::IMAGES,
];

/// Why an alias cannot be one ([`alias_path`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AliasError {
    /// `ancien/`: not from the blog's root.
    Relative,
    /// `//example.org/x/`, `https://…`.
    OtherSite,
    /// `/?p=12`, `/x/#a`.
    Query,
    /// `/`, `/a//b/`, `/a/../b/`.
    NotAPath,
    /// `/%E9/`, `/a b/`, `/a%2Fb/`, `/C:/x/`: no request reaches what it names, not that one,
    /// or no file system has it.
    Unreadable,
    /// `/data/x/`, `/images/`.
    OwnFolder,
    /// `/feed.xml/`, `/404.html`: a file the tool writes at the root.
    SiteFile,
    /// `/feed.rss`, `/v1.2`: a file, not a page.
    NotAPage,
}

impl AliasError {
    /// What is wrong, after « the alias `…` ».
    pub fn why(self) -> &'static str {
        match self {
            AliasError::Relative => {
                "does not start with `/`: aliases are written from the blog's root"
            }
            AliasError::OtherSite => "names another site: an alias is a path of this one",
            AliasError::Query => "has a `?` or `#`: a static host serves a path, never a query",
            AliasError::NotAPath => "is the blog's root, or has an empty, `.` or `..` part",
            AliasError::Unreadable => {
                "has a space, a control character, one of `:*\"<>|` (which Windows refuses in a \
                 file name), an encoded `/` or bytes that are not UTF-8 (`%E9`: write `é` or \
                 `%C3%A9`)"
            }
            AliasError::OwnFolder => {
                "is in a folder of the site's own files (data/, search/, images/)"
            }
            AliasError::SiteFile => {
                "is, or is under, a file the build writes (the feed, the sitemap, robots.txt, the \
                 404 page)"
            }
            AliasError::NotAPage => {
                "names a file that is not a page: only a folder (ending in `/`) or an `.html` \
                 page can send readers on"
            }
        }
    }
}

/// The path from the blog's root (its base, on the host) that the alias `written` names, as a
/// host reads it: its `/` and its percent-encoding taken off, and a folder's ending in `/`
/// (`/2009/10/06/billet`, `/2009/10/06/billet/` and `/2009/10/06/billet/index.html` all give
/// `2009/10/06/billet/`); or why it cannot be one. The site's own names are compared with it
/// whatever its case, since a file system may ignore case (macOS's, Windows's).
pub fn alias_path(written: &str) -> Result<String, AliasError> {
    let Some(path) = written.strip_prefix('/') else {
        return Err(if written.contains("://") {
            AliasError::OtherSite
        } else {
            AliasError::Relative
        });
    };
    if path.starts_with('/') || written.contains("://") {
        return Err(AliasError::OtherSite);
    }
    if written.contains(['?', '#']) {
        return Err(AliasError::Query);
    }
    let lower = written.to_ascii_lowercase();
    let encoded_slash = ["%2f", "%5c"].iter().any(|code| lower.contains(code));
    let path = crate::links::percent_decoded(path);
    let unreadable =
        |c: char| c.is_whitespace() || c.is_control() || "\\:*\"<>|\u{fffd}".contains(c);
    if encoded_slash || path.contains(unreadable) {
        return Err(AliasError::Unreadable);
    }
    // `x/index.html` is the file a folder's address serves.
    let folder_index = path.len().checked_sub("index.html".len()).filter(|&at| {
        path.is_char_boundary(at)
            && path[at..].eq_ignore_ascii_case("index.html")
            && (at == 0 || path[..at].ends_with('/'))
    });
    let path = match folder_index {
        Some(at) => path[..at].to_owned(),
        None => path,
    };
    let folder = path.ends_with('/');
    let segments: Vec<&str> = path.strip_suffix('/').unwrap_or(&path).split('/').collect();
    if segments
        .iter()
        .any(|segment| segment.is_empty() || *segment == "." || *segment == "..")
    {
        return Err(AliasError::NotAPath);
    }
    let as_folder = format!("{}/", segments.join("/")).to_lowercase();
    if OWN_FOLDERS.iter().any(|own| as_folder.starts_with(own)) {
        return Err(AliasError::OwnFolder);
    }
    if crate::paths::is_site_file(&segments[0].to_lowercase()) {
        return Err(AliasError::SiteFile);
    }
    let last = segments.last().copied().unwrap_or_default().to_lowercase();
    if folder || !last.contains('.') {
        Ok(format!("{}/", segments.join("/")))
    } else if last.ends_with(".html") || last.ends_with(".htm") {
        Ok(path)
    } else {
        Err(AliasError::NotAPage)
    }
}

/// The names a text holds where a list is expected (`tags: web b2b`, `categories: Usages
/// Web`): split at its spaces, as Jekyll splits such a text, so that posts written for it keep
/// their tags; but at its commas if it has any (`tags: Réseaux sociaux, B2B`, what an author
/// of a list in one line means, and Jekyll would misread); blanks dropped.
fn names_in_text(text: &str) -> Vec<String> {
    let names: Vec<&str> = if text.contains(',') {
        text.split(',').collect()
    } else {
        text.split_whitespace().collect()
    };
    names
        .into_iter()
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `value` as a list: a text as the names it holds ([`names_in_text`]), anything else as it is.
fn as_list(value: toml::Value) -> toml::Value {
    match value {
        toml::Value::String(text) => toml::Value::Array(
            names_in_text(&text)
                .into_iter()
                .map(toml::Value::String)
                .collect(),
        ),
        other => other,
    }
}

/// A scalar value as an author would write it in quotes: `3`, `true`, `2009-10-06`.
fn scalar_text(value: &toml::Value) -> String {
    match value {
        toml::Value::String(text) => text.clone(),
        toml::Value::Integer(number) => number.to_string(),
        toml::Value::Float(number) => number.to_string(),
        toml::Value::Boolean(value) => value.to_string(),
        toml::Value::Datetime(value) => value.to_string(),
        toml::Value::Array(_) | toml::Value::Table(_) => "…".to_owned(),
    }
}

/// Whether the post is a draft: `draft = true`, or an error on its line.
fn read_draft(dialect: Dialect, entry: Option<Entry>) -> Result<bool, FrontMatterError> {
    let Some(Entry { line, value }) = entry else {
        return Ok(false);
    };
    match value {
        toml::Value::Boolean(draft) => Ok(draft),
        other if dialect == Dialect::Yaml && old_yaml_bool(&other).is_some() => {
            Ok(old_yaml_bool(&other).unwrap_or_default())
        }
        other => Err(FrontMatterError {
            line,
            message: format!(
                "`draft` must be true or false, not {}",
                match other {
                    toml::Value::String(_) if dialect == Dialect::Toml => "text in quotes",
                    toml::Value::String(_) => "text",
                    toml::Value::Integer(_) | toml::Value::Float(_) => "a number",
                    _ => other.type_str(),
                }
            ),
            fix: format!(
                "write `{}` (no quotes) to keep the post out of the site, or remove the line to \
                 publish it",
                dialect.line("draft", "true")
            ),
        }),
    }
}

/// What YAML 1.1, which Jekyll reads, makes of `yes`, `no`, `on` and `off` (in any case), and
/// YAML 1.2 leaves as text: true or false.
fn old_yaml_bool(value: &toml::Value) -> Option<bool> {
    let toml::Value::String(text) = value else {
        return None;
    };
    match text.to_ascii_lowercase().as_str() {
        "yes" | "on" => Some(true),
        "no" | "off" => Some(false),
        _ => None,
    }
}

/// `text` as a TOML string, for a line of front matter: `"Un \"été\""`. Line breaks, tabs and
/// other control characters are escaped, so any text gives one valid line. (YAML reads the same
/// escapes in double quotes, so it is a valid YAML string too.)
pub fn quoted(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\t' => quoted.push_str("\\t"),
            '\r' => quoted.push_str("\\r"),
            c if c.is_control() => quoted.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// Splits `source` (a whole post file) into its checked front matter and its body. `name` is
/// the post's name, its file's without `.md` (or its folder's, for `billet/index.md`): when it
/// starts with a date, as Jekyll and Zola name posts (`2009-10-06-billet`), that is the post's
/// date if its front matter gives none.
pub fn parse<'a>(source: &'a str, name: &str) -> Result<Document<'a>, FrontMatterError> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let mut lines = source.split_inclusive('\n');
    let opening = lines.next().unwrap_or("");
    let Some(dialect) = Dialect::opened_by(opening) else {
        return Err(FrontMatterError {
            line: 1,
            message: format!("the file does not start with a `{FENCE}` line (or `---`)"),
            fix: format!(
                "put the front matter first, between two `{FENCE}` lines:\n  \
                 {FENCE}\n  title = \"…\"\n  date = 2009-10-06\n  category = \"…\"\n  {FENCE}"
            ),
        });
    };
    let fence = dialect.fence();
    let keys_start = opening.len();
    let mut offset = keys_start;
    let mut closing = None;
    for line in lines {
        if line.trim_end() == fence {
            closing = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((keys_end, body_start)) = closing else {
        return Err(FrontMatterError {
            line: 1,
            message: "the front matter opened on line 1 is never closed".to_owned(),
            fix: format!("add a line `{fence}` after its last key, before the post's text"),
        });
    };
    let text = &source[keys_start..keys_end];
    let mut entries = match dialect {
        Dialect::Toml => toml_entries(text)?,
        Dialect::Yaml => yaml_entries(text)?,
    };
    let mut warnings = read_other_tools_keys(dialect, &mut entries)?;
    let mut take = |key: &str| entries.remove(key);

    let missing = |key: &str, example: &str| FrontMatterError {
        line: 1,
        message: format!("the front matter has no `{key}`"),
        fix: format!(
            "add a line `{}` between the `{fence}` lines",
            dialect.line(key, example)
        ),
    };
    let title = read_text(dialect, "title", take("title"))?
        .ok_or_else(|| missing("title", "\"The post's title\""))?;
    if title.value.trim().is_empty() {
        return Err(FrontMatterError {
            line: title.line,
            message: "the title is empty".to_owned(),
            fix: "write the post's title between the quotes".to_owned(),
        });
    }
    let category = read_text(dialect, "category", take("category"))?;
    let author = read_text(dialect, "author", take("author"))?;
    let slug = read_text(dialect, "slug", take("slug"))?;
    let summary = read_text(dialect, "summary", take("summary"))?;
    let image = read_text(dialect, "image", take("image"))?;
    let tags = read_tags(dialect, take("tags"))?;
    let aliases = read_aliases(dialect, take("aliases"))?;
    let draft = read_draft(dialect, take("draft"))?;
    // A day's key: its day, or an error at its line with `fix`.
    let day_of = |entry: &Entry, fix: fn(Dialect) -> String| {
        read_date(&entry.value).map_err(|message| FrontMatterError {
            line: entry.line,
            message,
            fix: fix(dialect),
        })
    };
    let publish_date = (take(PUBLISH_DATE))
        .map(|entry| Ok((day_of(&entry, Dialect::date_fix)?, entry)))
        .transpose()?;
    let expiry_date = (take(EXPIRY_DATE))
        .map(|entry| Ok((day_of(&entry, Dialect::expiry_fix)?, entry.line)))
        .transpose()?;
    let updated = (take("updated"))
        .map(|entry| Ok((day_of(&entry, Dialect::updated_fix)?, entry.line)))
        .transpose()?;
    let (mut time, mut offset) = (None, None);
    // Hugo dates a post by its publication day when it has no date.
    let date = match (take("date"), date_in_name(name)) {
        (None, _) if publish_date.is_some() => {
            let (day, entry) = publish_date.as_ref().expect("matched");
            (time, offset) = (read_time(&entry.value), read_offset(&entry.value));
            *day
        }
        (Some(date), _) => {
            (time, offset) = (read_time(&date.value), read_offset(&date.value));
            day_of(&date, Dialect::date_fix)?
        }
        (None, Some(Ok(date))) => date,
        (None, named) => {
            let mut error = missing("date", "2009-10-06");
            if let Some(Err(crate::date::DateError::NoSuchDay)) = named {
                let told = format!(
                    ", and the name's `{}` is no day of the calendar",
                    &name[..10]
                );
                error.message.push_str(&told);
            }
            error
                .fix
                .push_str(", or start the file's name with it (`2009-10-06-billet.md`)");
            return Err(error);
        }
    };
    if let Some(slug) = &slug {
        if !crate::slug::is_slug(&slug.value) {
            let suggestion = crate::slug::slugify(&slug.value);
            return Err(FrontMatterError {
                line: slug.line,
                message: format!("`{}` is not a valid slug", slug.value),
                fix: if suggestion.is_empty() {
                    format!(
                        "use lower-case ASCII letters, digits and single dashes, e.g. `{}`",
                        dialect.line("slug", "\"mon-billet\"")
                    )
                } else {
                    format!(
                        "write `{}` (lower-case ASCII letters, digits and single dashes)",
                        dialect.line("slug", &format!("\"{suggestion}\""))
                    )
                },
            });
        }
    }
    if let Some((day, line)) = updated.filter(|(day, _)| *day < date) {
        warnings.push(FrontMatterError {
            line,
            message: format!("the last change, {day}, is before the post's date, {date}: left out"),
            fix: format!(
                "write the day of the post's last change, {date} or later, or remove the line"
            ),
        });
    }
    let trimmed = |text: Option<Text>| {
        text.map(|text| text.value.trim().to_owned())
            .filter(|value| !value.is_empty())
    };
    Ok(Document {
        front_matter: FrontMatter {
            title: title.value.trim().to_owned(),
            date,
            updated: updated.filter(|(day, _)| *day > date),
            time,
            offset: time.and(offset),
            category: trimmed(category),
            author: trimmed(author),
            slug: slug.map(|slug| slug.value),
            image: image
                .map(|image| (image.value.trim().to_owned(), image.line))
                .filter(|(image, _)| !image.is_empty()),
            summary: trimmed(summary),
            tags,
            aliases,
            publish_date: publish_date.map(|(day, _)| day).filter(|day| *day > date),
            expiry_date,
            draft,
        },
        body: &source[body_start..],
        warnings,
    })
}

/// Reads the keys of `entries` that are not Carnet's, in the order of their lines: those other
/// tools write for one of Carnet's (`categories`, `description`…) become it, Zola's
/// `[taxonomies]` give their tags and categories, and any other is left out with a warning
/// (Jekyll's `layout`, Hugo's `weight`: other tools' settings), unless it is one of Carnet's
/// keys misspelt (`titel`, `catgory`), an error naming the key meant. A key of Carnet's or of
/// another tool's written in other letters' case (`Title`, `lastMod`) is that key, as Hugo reads
/// its keys.
fn read_other_tools_keys(
    dialect: Dialect,
    entries: &mut Entries,
) -> Result<Vec<FrontMatterError>, FrontMatterError> {
    let (own, mut others): (Vec<_>, Vec<_>) = std::mem::take(entries)
        .into_iter()
        .partition(|(key, _)| KEYS.contains(&key.as_str()));
    *entries = own.into_iter().collect();
    others.sort_by_key(|(_, entry)| entry.line);
    // Zola's `[taxonomies]` table holds its tags and categories.
    let others = others
        .into_iter()
        .flat_map(|(key, entry)| match entry.value {
            toml::Value::Table(table) if key == "taxonomies" => table
                .into_iter()
                .map(|(name, value)| {
                    let key = match name.as_str() {
                        "tags" | "categories" => name,
                        _ => format!("taxonomies.{name}"),
                    };
                    let entry = Entry {
                        line: entry.line,
                        value,
                    };
                    (key, entry)
                })
                .collect(),
            value => vec![(key, Entry { value, ..entry })],
        });
    // Which key gave each of Carnet's, for the warning when two do.
    let mut given_by: BTreeMap<&str, String> = KEYS
        .into_iter()
        .filter(|key| entries.contains_key(*key))
        .map(|key| (key, key.to_owned()))
        .collect();
    let mut warnings = Vec::new();
    for (key, Entry { line, value }) in others {
        // Hugo reads its keys in any case (`Title`, `lastMod`): so does Carnet.
        let lower = key.to_lowercase();
        if let Some(&own) = KEYS.iter().find(|own| **own == lower && key != lower) {
            match given_by.get(own) {
                Some(by) => warnings.push(FrontMatterError {
                    line,
                    message: format!("`{key}` is left out: `{by}` gives the {own} already"),
                    fix: "remove one of the two lines".to_owned(),
                }),
                None => {
                    given_by.insert(own, key);
                    entries.insert(lower, Entry { line, value });
                }
            }
            continue;
        }
        let key = if OTHER_TOOLS_NAMES.iter().any(|(theirs, _)| *theirs == lower) {
            lower
        } else {
            key
        };
        let named = |theirs: &str| theirs == key;
        let hugo_day =
            (HUGO_DAYS.iter()).find(|(keys, ..)| keys.contains(&key.to_ascii_lowercase().as_str()));
        let ours = match OTHER_TOOLS_NAMES.iter().find(|(theirs, _)| named(theirs)) {
            Some(&(_, ours)) => ours,
            // Zola's, beside the post's own if it has some.
            None if key == "tags" => {
                add_tags(entries, line, value);
                continue;
            }
            None if hugo_day.is_some() => {
                let (_, name, said) = hugo_day.expect("matched");
                if let Some(first) = entries.get(*name) {
                    warnings.push(FrontMatterError {
                        line,
                        message: format!(
                            "`{key}` is left out: the line {} gives {said} already",
                            first.line
                        ),
                        fix: "remove one of the two lines".to_owned(),
                    });
                } else {
                    entries.insert((*name).to_owned(), Entry { line, value });
                }
                continue;
            }
            None => {
                if let Some(meant) = misspelt(&key) {
                    return Err(FrontMatterError {
                        line,
                        message: format!("unknown key `{key}`: is it `{meant}` misspelt?"),
                        fix: format!("write `{meant}` instead of `{key}`"),
                    });
                }
                if ADDRESS_KEYS.contains(&key.to_ascii_lowercase().as_str()) {
                    // Zola's `path` and Hugo's `url` may leave out the root's slash.
                    let written = scalar_text(&value);
                    let old = match written.trim() {
                        path if path.starts_with('/') => path.to_owned(),
                        path => format!("/{path}"),
                    };
                    // Jekyll's named styles of permalinks.
                    let style =
                        ["pretty", "date", "ordinal", "weekdate", "none"].contains(&written.trim());
                    let fix = match alias_path(&old) {
                        Ok(_) if !style => format!(
                            "to keep the old address working, write `{}` in its place",
                            dialect.line("aliases", &format!("[{}]", quoted(&old)))
                        ),
                        // A pattern (Jekyll's `/:year/:title/`, `pretty`), not an address.
                        _ => format!(
                            "to keep the old address working, write what it gave this post \
                             in its place, from the site's root: `{}`",
                            dialect.line("aliases", "[\"/2009/10/06/billet.html\"]")
                        ),
                    };
                    warnings.push(FrontMatterError {
                        line,
                        message: format!(
                            "`{key}` set the post's address in another tool; Carnet's is \
                             /posts/<slug>/: left out"
                        ),
                        fix,
                    });
                    continue;
                }
                warnings.push(FrontMatterError {
                    line,
                    message: format!("`{key}` is not a key Carnet reads: left out"),
                    fix: format!(
                        "nothing if it was for another tool; Carnet reads {}",
                        KEYS.join(", ")
                    ),
                });
                continue;
            }
        };
        if let Some(by) = given_by.get(ours) {
            warnings.push(FrontMatterError {
                line,
                message: format!(
                    "`{key}` is left out: `{by}` gives the {} already",
                    if ours == "updated" {
                        "day of the last change"
                    } else {
                        ours
                    }
                ),
                fix: "remove one of the two lines".to_owned(),
            });
            continue;
        }
        let value = if key == "categories" {
            as_list(value)
        } else {
            value
        };
        // Hugo's list of images, and a theme's `cover` table: the image they name first.
        let value = match (key.as_str(), value) {
            ("images", toml::Value::Array(images)) => match images.into_iter().next() {
                Some(first) => first,
                None => continue,
            },
            ("cover", toml::Value::Table(mut cover)) => match cover.remove("image") {
                Some(image) => image,
                None => continue,
            },
            (_, value) => value,
        };
        let value = match (key.as_str(), value) {
            ("categories", toml::Value::Array(names)) => {
                let mut names = names.into_iter();
                let Some(first) = names.next() else { continue };
                let made_tags: Vec<toml::Value> = names.collect();
                if !made_tags.is_empty() {
                    let shown = |name: &toml::Value| format!("« {} »", scalar_text(name));
                    warnings.push(FrontMatterError {
                        line,
                        message: format!(
                            "a post has one category: {} kept, {} made tags",
                            shown(&first),
                            made_tags.iter().map(shown).collect::<Vec<_>>().join(", ")
                        ),
                        fix: "nothing, or name one category and write the others under `tags`"
                            .to_owned(),
                    });
                    add_tags(entries, line, toml::Value::Array(made_tags));
                }
                first
            }
            ("authors", toml::Value::Array(names)) => {
                if names.is_empty() {
                    continue;
                }
                toml::Value::String(names.iter().map(scalar_text).collect::<Vec<_>>().join(", "))
            }
            ("published", toml::Value::Boolean(published)) => toml::Value::Boolean(!published),
            ("published", value) if old_yaml_bool(&value).is_some() => {
                toml::Value::Boolean(!old_yaml_bool(&value).unwrap_or_default())
            }
            ("published", _) => {
                return Err(FrontMatterError {
                    line,
                    message: "`published` must be true or false".to_owned(),
                    fix: format!(
                        "write `{}` to keep the post out of the site, or remove the line",
                        dialect.line("draft", "true")
                    ),
                })
            }
            (_, value) => value,
        };
        given_by.insert(ours, key);
        entries.insert(ours.to_owned(), Entry { line, value });
    }
    Ok(warnings)
}

/// Adds the list of tags `value` (written on `line`) to those of `entries`; anything else than
/// a list, or tags that are not a list, is left to `read_tags` to report.
fn add_tags(entries: &mut Entries, line: usize, value: toml::Value) {
    if let Some(tags) = entries.get_mut("tags") {
        tags.value = as_list(std::mem::replace(
            &mut tags.value,
            toml::Value::Boolean(false),
        ));
    }
    match (entries.get_mut("tags"), as_list(value)) {
        (
            Some(Entry {
                value: toml::Value::Array(tags),
                ..
            }),
            toml::Value::Array(more),
        ) => tags.extend(more),
        (Some(_), _) => {}
        (None, value) => {
            entries.insert("tags".to_owned(), Entry { line, value });
        }
    }
}

/// The key of Carnet's (or of another tool's that Carnet reads) that `key` looks like a
/// misspelling of: a letter or two away, its case aside.
fn misspelt(key: &str) -> Option<&'static str> {
    let lower = key.to_lowercase();
    KEYS.iter()
        .chain(OTHER_TOOLS_NAMES.iter().map(|(theirs, _)| theirs))
        .map(|known| (crate::links::edit_distance(&lower, known), *known))
        .filter(|&(distance, known)| distance <= if known.len() <= 4 { 1 } else { 2 })
        .min()
        .map(|(_, known)| known)
}

/// The line of the file a line of the front matter's `text` is on: the fence is line 1.
fn file_line(text_line: usize) -> usize {
    text_line + 1
}

/// The keys of TOML front matter `text`, each with the line its value starts on.
fn toml_entries(text: &str) -> Result<Entries, FrontMatterError> {
    let line_of = |byte: usize| file_line(1 + text[..byte.min(text.len())].matches('\n').count());
    let table: BTreeMap<String, Spanned<toml::Value>> = toml::from_str(text).map_err(|error| {
        let line = error.span().map_or(1, |span| line_of(span.start));
        let message = error.message().trim_end().to_owned();
        let fix = if message.contains("date") {
            Dialect::Toml.date_fix()
        } else {
            Dialect::Toml.syntax_fix().to_owned()
        };
        FrontMatterError {
            line,
            message: format!("invalid front matter: {message}"),
            fix,
        }
    })?;
    Ok(table
        .into_iter()
        .map(|(key, value)| {
            let line = line_of(value.span().start);
            (
                key,
                Entry {
                    line,
                    value: value.into_inner(),
                },
            )
        })
        .collect())
}

/// The keys of YAML front matter `text` (a mapping), each with the line it is on. A key without
/// a value (`category:`) is left out, as if it were not written.
fn yaml_entries(text: &str) -> Result<Entries, FrontMatterError> {
    #[derive(Default)]
    struct Collected<'a>(Vec<(Event<'a>, usize)>);
    impl<'a> SpannedEventReceiver<'a> for Collected<'a> {
        fn on_event(&mut self, event: Event<'a>, span: Span) {
            self.0.push((event, file_line(span.start.line())));
        }
    }
    let mut events = Collected::default();
    Parser::new_from_str(text)
        .load(&mut events, false)
        .map_err(|error| {
            // The parser says « double-quoted » of single-quoted text too.
            let info = error.info().replace("double-quoted scalar", "quoted text");
            let fix = if info.contains("tab") {
                "indent with spaces: YAML does not allow tabs there".to_owned()
            } else {
                Dialect::Yaml.syntax_fix().to_owned()
            };
            FrontMatterError {
                line: file_line(error.marker().line()),
                message: format!("invalid front matter: {info}"),
                fix,
            }
        })?;
    let mut events = events
        .0
        .into_iter()
        .filter(|(event, _)| {
            !matches!(
                event,
                Event::StreamStart
                    | Event::StreamEnd
                    | Event::DocumentStart(_)
                    | Event::DocumentEnd
            )
        })
        .collect::<Vec<_>>()
        .into_iter()
        .peekable();
    let mut entries = Entries::new();
    let Some((first, line)) = events.next() else {
        // No key at all: reported as the missing title.
        return Ok(entries);
    };
    let not_keys = |line: usize| FrontMatterError {
        line,
        message: "the front matter is not a list of `key: value` lines".to_owned(),
        fix: Dialect::Yaml.syntax_fix().to_owned(),
    };
    if !matches!(first, Event::MappingStart(..)) {
        return Err(not_keys(line));
    }
    while let Some((event, line)) = events.next() {
        let key = match event {
            Event::MappingEnd => break,
            Event::Scalar(key, ..) => key.into_owned(),
            _ => return Err(not_keys(line)),
        };
        let value = yaml_value(&mut events)?;
        if entries.contains_key(&key) {
            return Err(FrontMatterError {
                line,
                message: format!("`{key}` is written twice"),
                fix: "keep one of the two lines".to_owned(),
            });
        }
        if let Some(value) = value {
            entries.insert(key, Entry { line, value });
        }
    }
    Ok(entries)
}

/// The events of YAML front matter, from its first node on, each with its line in the file.
type YamlEvents<'a> = std::iter::Peekable<std::vec::IntoIter<(Event<'a>, usize)>>;

/// The next YAML node of `events` as a TOML value; `None` for a null (`~`, `null`, nothing).
fn yaml_value(events: &mut YamlEvents) -> Result<Option<toml::Value>, FrontMatterError> {
    let Some((event, line)) = events.next() else {
        return Ok(None);
    };
    Ok(Some(match event {
        Event::Scalar(text, style, _, tag) => {
            let text = text.into_owned();
            if style != ScalarStyle::Plain || tag.is_some() {
                toml::Value::String(text)
            } else {
                match yaml_plain_scalar(text) {
                    Some(value) => value,
                    None => return Ok(None),
                }
            }
        }
        Event::SequenceStart(..) => {
            let mut items = Vec::new();
            while !matches!(events.peek(), Some((Event::SequenceEnd, _)) | None) {
                items.extend(yaml_value(events)?);
            }
            events.next();
            toml::Value::Array(items)
        }
        Event::MappingStart(..) => {
            let mut table = toml::Table::new();
            loop {
                match events.next() {
                    Some((Event::MappingEnd, _)) | None => break,
                    Some((Event::Scalar(key, ..), _)) => {
                        if let Some(value) = yaml_value(events)? {
                            table.insert(key.into_owned(), value);
                        }
                    }
                    Some(_) => {
                        // A key that is a list or a table: its value is read and left aside.
                        yaml_value(events)?;
                    }
                }
            }
            toml::Value::Table(table)
        }
        Event::Alias(_) => {
            return Err(FrontMatterError {
                line,
                message: "a YAML alias (`*name`) stands for a value here".to_owned(),
                fix: "write the value itself".to_owned(),
            })
        }
        _ => return Ok(None),
    }))
}

/// A plain (unquoted) YAML scalar as YAML 1.2's core schema reads it: null, true or false, a
/// number, a date or date-time (as TOML writes them, or with a space before the offset as
/// Jekyll does), else text.
fn yaml_plain_scalar(text: String) -> Option<toml::Value> {
    match text.as_str() {
        "" | "~" | "null" | "Null" | "NULL" => return None,
        "true" | "True" | "TRUE" => return Some(toml::Value::Boolean(true)),
        "false" | "False" | "FALSE" => return Some(toml::Value::Boolean(false)),
        _ => {}
    }
    if let Ok(number) = text.parse::<i64>() {
        return Some(toml::Value::Integer(number));
    }
    let numeric = text
        .bytes()
        .all(|b| b.is_ascii_digit() || b".+-eE".contains(&b));
    if numeric {
        if let Ok(number) = text.parse::<f64>() {
            return Some(toml::Value::Float(number));
        }
    }
    // `2009-10-06 14:03:00 +0200`: the day is what a post keeps.
    let day = text
        .get(..10)
        .filter(|_| matches!(text.as_bytes().get(10), None | Some(b' ' | b'T' | b't')));
    match (text.parse(), day.map(str::parse::<toml::value::Datetime>)) {
        (Ok(datetime), _) => Some(toml::Value::Datetime(datetime)),
        // `2009-10-06 14:03:00 +0200`, which TOML does not read: kept as written, whose day and
        // time `read_date` and `read_time` read.
        (Err(_), Some(Ok(day))) if text.len() == 10 => Some(toml::Value::Datetime(day)),
        _ => Some(toml::Value::String(text)),
    }
}

/// When `name` starts with what is written as a date, followed by nothing, `-` or `_`
/// (`2009-10-06-billet`): that date, or why it is none (`2009-02-30-billet`).
pub(crate) fn date_in_name(name: &str) -> Option<Result<Date, crate::date::DateError>> {
    let rest = name.get(10..)?;
    (rest.is_empty() || rest.starts_with(['-', '_'])).then(|| name[..10].parse())
}

/// The time of day of a date-time (`2009-10-06T14:03:00+02:00`, `"2009-10-06 14:03 +0200"`),
/// in seconds from midnight as written; `None` for a day alone.
fn read_time(value: &toml::Value) -> Option<u32> {
    let text = match value {
        toml::Value::Datetime(datetime) => {
            let time = datetime.date.and(datetime.time)?;
            return Some(
                u32::from(time.hour) * 3600
                    + u32::from(time.minute) * 60
                    + u32::from(time.second.unwrap_or(0)),
            );
        }
        toml::Value::String(text) => text.trim(),
        _ => return None,
    };
    let time = text.get(11..)?;
    let number = |at: usize| -> Option<u32> {
        let digits = time.get(at..at + 2)?;
        digits
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| digits.parse().ok())?
    };
    let (hour, minute) = (number(0)?, number(3)?);
    let second = (time.get(5..6) == Some(":"))
        .then(|| number(6))
        .flatten()
        .unwrap_or(0);
    (hour < 24 && minute < 60 && second < 61).then_some(hour * 3600 + minute * 60 + second)
}

/// The offset from UTC, in minutes east, of a date-time written with one: TOML's
/// (`2009-10-06T14:03:00+02:00`, `…Z`), or text as Hugo quotes it (`'2009-10-06T14:03:00+02:00'`)
/// or as Jekyll writes it (`2009-10-06 14:03:00 +0200`).
fn read_offset(value: &toml::Value) -> Option<i32> {
    let text = match value {
        toml::Value::Datetime(datetime) => {
            return match datetime.offset? {
                toml::value::Offset::Z => Some(0),
                toml::value::Offset::Custom { minutes } => Some(i32::from(minutes)),
            };
        }
        toml::Value::String(text) => text.trim(),
        _ => return None,
    };
    // After the day and the time (`14:03`, `:00`, a fraction), what is left is the offset.
    let rest = text.get(16..)?;
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == ':' || c == '.');
    let rest = rest.trim();
    if rest.eq_ignore_ascii_case("z") {
        return Some(0);
    }
    let (sign, digits) = match rest.as_bytes().first()? {
        b'+' => (1, &rest[1..]),
        b'-' => (-1, &rest[1..]),
        _ => return None,
    };
    let digits = digits.replacen(':', "", 1);
    if !(digits.len() == 2 || digits.len() == 4) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hours: i32 = digits[..2].parse().ok()?;
    let minutes: i32 = digits
        .get(2..)
        .filter(|m| !m.is_empty())
        .map_or(Some(0), |m| m.parse().ok())?;
    (hours <= 18 && minutes < 60).then_some(sign * (hours * 60 + minutes))
}

/// Reads a TOML date (`2009-10-06`, or a date-time whose day is taken) or the same in quotes,
/// as Hugo's archetype writes it (`date = '2024-01-15T10:30:00+01:00'`) or Jekyll's
/// (`"2024-01-15 10:30:00 +0100"`).
fn read_date(value: &toml::Value) -> Result<Date, String> {
    match value {
        // The day, then a time: `T14:03…` or ` 14:03…`.
        toml::Value::String(text)
            if text.trim().get(10..).is_some_and(|time| {
                let time = time.as_bytes();
                matches!(time.first(), Some(b' ' | b'T' | b't'))
                    && time
                        .get(1..3)
                        .is_some_and(|hours| hours.iter().all(u8::is_ascii_digit))
                    && time.get(3) == Some(&b':')
            }) =>
        {
            let day = &text.trim()[..10];
            day.parse().map_err(|e| format!("bad date `{text}`: {e}"))
        }
        toml::Value::Datetime(datetime) => match datetime.date {
            Some(d) => Date::new(d.year, d.month, d.day).map_err(|e| format!("bad date: {e}")),
            None => Err(format!("`{datetime}` is a time of day, not a date")),
        },
        toml::Value::String(text) => text.parse().map_err(|e| format!("bad date `{text}`: {e}")),
        other => Err(format!(
            "bad date: expected YYYY-MM-DD, found {}",
            other.type_str()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A post named without a date.
    fn parse(source: &str) -> Result<Document<'_>, FrontMatterError> {
        super::parse(source, "billet")
    }

    const GOOD: &str = "+++\ntitle = \"Générer du business\"\ndate = 2009-03-10\n\
                        category = \"Usages\"\nauthor = \"admin\"\n+++\n\nLe corps.\n";

    fn error(source: &str) -> FrontMatterError {
        parse(source).expect_err("should be refused")
    }

    #[test]
    fn reads_front_matter_and_body() {
        let doc = parse(GOOD).unwrap();
        assert_eq!(doc.front_matter.title, "Générer du business");
        assert_eq!(doc.front_matter.date, "2009-03-10".parse().unwrap());
        assert_eq!(doc.front_matter.category.as_deref(), Some("Usages"));
        assert_eq!(doc.front_matter.author.as_deref(), Some("admin"));
        assert_eq!(
            (doc.front_matter.slug, doc.front_matter.summary),
            (None, None)
        );
        assert_eq!(doc.body, "\nLe corps.\n");
    }

    #[test]
    fn accepts_quoted_dates_crlf_and_a_byte_order_mark() {
        let doc =
            parse("\u{feff}+++\r\ntitle = \"T\"\r\ndate = \"2009-01-07\"\r\n+++\r\nx").unwrap();
        assert_eq!(doc.front_matter.date.to_string(), "2009-01-07");
        assert_eq!(doc.body, "x");
        let datetime =
            parse("+++\ntitle = \"T\"\ndate = 2009-01-07T10:30:00+01:00\n+++\n").unwrap();
        assert_eq!(datetime.front_matter.date.to_string(), "2009-01-07");
    }

    #[test]
    fn aliases_are_paths_from_the_root_as_a_host_reads_them() {
        let doc = parse(
            "+++\ntitle = \"T\"\ndate = 2009-01-07\naliases = [\"/2009/01/07/t/\", \
             \"/2009/01/07/t\", \" /vieux.HTML \", \"/r%C3%A9seaux\", \"/index.php/t\", \
             \"/2009/01/07/t/INDEX.HTML\"]\n+++\n",
        )
        .unwrap();
        // The same address written three ways is one.
        assert_eq!(
            doc.front_matter.aliases,
            ["2009/01/07/t/", "vieux.HTML", "réseaux/", "index.php/t/"]
        );
        // Jekyll's redirect_from, one path or a list, in YAML.
        for list in ["/ancien/", "[/ancien/]"] {
            let yaml = format!("---\ntitle: T\ndate: 2009-01-07\nredirect_from: {list}\n---\n");
            assert_eq!(parse(&yaml).unwrap().front_matter.aliases, ["ancien/"]);
        }
    }

    #[test]
    fn an_alias_that_is_no_path_of_the_site_is_an_error_at_its_line() {
        let generic = "aliases = [\"/2009/10/06/mon-billet/\"]";
        for (alias, why, fix) in [
            (
                "ancien/",
                "does not start with `/`",
                "aliases = [\"/posts/ancien/\"]` if it was relative to the post's section",
            ),
            ("//example.org/x/", "names another site", generic),
            ("https://example.org/x/", "names another site", generic),
            (
                "/?p=12",
                "has a `?`",
                "take it out: no static host serves a query",
            ),
            ("/", "is the blog's root", generic),
            ("/Index.HTML", "is the blog's root", generic),
            ("/a//", "an empty", generic),
            ("/a/../b/", "`..` part", generic),
            ("/a//b/", "an empty", generic),
            (
                "/feed.rss",
                "names a file that is not a page",
                "take it out",
            ),
            (
                "/x/v1.2",
                "names a file that is not a page",
                "aliases = [\"/x/v1.2/\"]`, if it is a folder",
            ),
            (
                "ancien.html",
                "does not start with `/`",
                "aliases = [\"/posts/ancien.html\"]` if it",
            ),
            ("/Search/", "a folder of the site's own files", generic),
            ("/404.HTML", "a file the build writes", generic),
            ("/C:/x/", "Windows refuses", generic),
            ("/data/x/", "a folder of the site's own files", generic),
            ("/images", "a folder of the site's own files", generic),
            ("/feed.xml/", "a file the build writes", generic),
            ("/404.html", "a file the build writes", generic),
            ("/sitemap-2.xml/x/", "a file the build writes", generic),
            // What no request reaches: Latin-1 bytes, a space (a list split by hand), a NUL,
            // an encoded slash.
            ("/%E9t%E9/", "not UTF-8", generic),
            ("/five/ /cinq/", "has a space", generic),
            ("/%00/", "a control character", generic),
            ("/a%2Fb/", "an encoded `/`", generic),
        ] {
            let e = error(&format!(
                "+++\ntitle = \"T\"\ndate = 2009-01-07\naliases = [\"{alias}\"]\n+++\n"
            ));
            assert_eq!(e.line, 4, "{alias}: {e}");
            assert!(
                e.message.starts_with(&format!("the alias `{alias}` ")),
                "{e}"
            );
            assert!(e.message.contains(why), "{e}");
            assert!(e.fix.contains(fix), "{e}");
        }
        let e = error("---\ntitle: T\ndate: 2009-01-07\naliases: [3]\n---\n");
        assert_eq!(e.line, 4);
        assert!(e.message.contains("a list of paths, not of integer"), "{e}");
        assert!(
            e.fix.contains("aliases: [\"/2009/10/06/mon-billet/\"]"),
            "{e}"
        );
    }

    #[test]
    fn a_missing_fence_is_explained() {
        let e = error("title = \"T\"\n");
        assert_eq!(e.line, 1);
        assert!(
            e.message.contains("does not start with a `+++` line"),
            "{e}"
        );
        assert!(e.fix.contains("title = "), "{e}");
    }

    #[test]
    fn an_unclosed_front_matter_is_explained() {
        let e = error("+++\ntitle = \"T\"\ndate = 2009-01-07\n\nLe corps.\n");
        assert_eq!(e.line, 1);
        assert!(e.message.contains("never closed"), "{e}");
        assert!(e.fix.contains("add a line `+++`"), "{e}");
    }

    #[test]
    fn a_misspelt_key_is_an_error_naming_its_line_and_the_key_meant() {
        for (key, meant) in [
            ("catgory", "category"),
            ("Titel", "title"),
            ("tag", "tags"),
            ("sumary", "summary"),
            ("categorie", "categories"),
            ("author_", "author"),
            ("descripton", "description"),
        ] {
            let e = error(&format!(
                "+++\ntitle = \"T\"\ndate = 2009-01-07\n{key} = \"x\"\n+++\n"
            ));
            assert_eq!(e.line, 4, "{key}");
            assert_eq!(
                e.message,
                format!("unknown key `{key}`: is it `{meant}` misspelt?")
            );
            assert_eq!(e.fix, format!("write `{meant}` instead of `{key}`"));
        }
    }

    #[test]
    fn yes_and_no_are_true_and_false_for_draft_and_published_as_jekyll_reads_them() {
        let draft = |line: &str| {
            parse(&format!("---\ntitle: T\ndate: 2009-01-07\n{line}\n---\n"))
                .map(|doc| doc.front_matter.draft)
        };
        assert_eq!(draft("published: no"), Ok(true));
        assert_eq!(draft("published: Yes"), Ok(false));
        assert_eq!(draft("draft: on"), Ok(true));
        assert_eq!(draft("draft: off"), Ok(false));
        assert!(draft("draft: peut-être").is_err());
    }

    #[test]
    fn keys_are_read_in_any_case_as_hugo_reads_them() {
        let doc = parse(
            "---\nTitle: T\nDate: 2009-01-07\nTags: [Web]\nCategories: [Actus]\nLastMod: 2009-02-01\n\
             Draft: true\n---\n",
        )
        .unwrap();
        let fm = &doc.front_matter;
        assert_eq!(
            (fm.title.as_str(), fm.date.to_string(), fm.tags.clone()),
            ("T", "2009-01-07".to_owned(), vec!["Web".to_owned()])
        );
        assert_eq!(fm.category.as_deref(), Some("Actus"));
        assert_eq!(
            fm.updated.map(|(day, line)| (day.to_string(), line)),
            Some(("2009-02-01".to_owned(), 6))
        );
        assert!(fm.draft);
        assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
        // Written twice, in two cases: the second is left out, and said.
        let doc = parse("+++\ntitle = \"T\"\ndate = 2009-01-07\nTitle = \"U\"\n+++\n").unwrap();
        assert_eq!(doc.front_matter.title, "T");
        assert_eq!(
            told(&doc),
            [(4, "`Title` is left out: `title` gives the title already")]
        );
    }

    /// The warnings of `doc`, each as its line and message.
    fn told<'a>(doc: &'a Document) -> Vec<(usize, &'a str)> {
        doc.warnings
            .iter()
            .map(|w| (w.line, w.message.as_str()))
            .collect()
    }

    #[test]
    fn a_jekyll_post_reads_as_it_is_with_what_carnet_leaves_out_told() {
        let doc = parse(
            "---\nlayout: post\ntitle: Générer du business\ndate: 2009-03-10 14:03:00 +0100\n\
             categories: [Usages, Web, B2B]\ntags: [Réseaux]\nexcerpt: Un résumé.\n\
             published: false\npermalink: /2009/03/generer/\n---\nLe corps.\n",
        )
        .unwrap();
        let fm = &doc.front_matter;
        assert_eq!(fm.category.as_deref(), Some("Usages"));
        assert_eq!(fm.tags, ["Réseaux", "Web", "B2B"]);
        assert_eq!(fm.summary.as_deref(), Some("Un résumé."));
        assert!(fm.draft);
        assert_eq!(doc.body, "Le corps.\n");
        assert_eq!(
            told(&doc),
            [
                (2, "`layout` is not a key Carnet reads: left out"),
                (
                    5,
                    "a post has one category: « Usages » kept, « Web », « B2B » made tags"
                ),
                (
                    9,
                    "`permalink` set the post's address in another tool; Carnet's is \
                     /posts/<slug>/: left out"
                ),
            ]
        );
        // The fix keeps the old address, written as this post's front matter writes keys.
        assert_eq!(
            doc.warnings[2].fix,
            "to keep the old address working, write `aliases: [\"/2009/03/generer/\"]` in its place"
        );
        let hugo =
            parse("+++\ntitle = \"T\"\ndate = 2009-01-07\nUrl = \"/ancien/\"\n+++\n").unwrap();
        assert_eq!(
            hugo.warnings[0].fix,
            "to keep the old address working, write `aliases = [\"/ancien/\"]` in its place"
        );
        // Zola's `path`, from the site's root without its slash; Jekyll's patterns, no address.
        let fix = |line: &str| {
            let text = format!("---\ntitle: T\ndate: 2009-01-07\n{line}\n---\n");
            parse(&text).unwrap().warnings[0].fix.clone()
        };
        assert_eq!(
            fix("path: custom/second-path"),
            "to keep the old address working, write `aliases: [\"/custom/second-path\"]` in its place"
        );
        for pattern in ["permalink: /blog/:year/:month/:title/", "permalink: pretty"] {
            assert_eq!(
                fix(pattern),
                "to keep the old address working, write what it gave this post in its place, \
                 from the site's root: `aliases: [\"/2009/10/06/billet.html\"]`",
                "{pattern}"
            );
        }
        assert!(
            doc.warnings[0].fix.ends_with(
                "Carnet reads title, date, updated, category, author, slug, summary, image, \
                 tags, aliases, draft"
            ),
            "{}",
            doc.warnings[0]
        );
    }

    #[test]
    fn hugo_and_zola_keys_read_as_carnets() {
        let hugo = parse(
            "+++\ntitle = \"T\"\ndate = 2009-01-07\ndescription = \"Résumé\"\n\
             authors = [\"Anne\", \"Paul\"]\ncategories = [\"Usages\"]\n\
             lastmod = 2009-02-01\n+++\n",
        )
        .unwrap();
        assert_eq!(hugo.front_matter.summary.as_deref(), Some("Résumé"));
        assert_eq!(hugo.front_matter.author.as_deref(), Some("Anne, Paul"));
        assert_eq!(hugo.front_matter.category.as_deref(), Some("Usages"));
        assert!(hugo.front_matter.tags.is_empty());
        assert_eq!(
            hugo.front_matter.updated,
            Some(("2009-02-01".parse().unwrap(), 7))
        );
        assert!(hugo.warnings.is_empty(), "{:?}", hugo.warnings);
        let zola = parse(
            "+++\ntitle = \"T\"\ndate = 2009-01-07\n[taxonomies]\ntags = [\"B2B\"]\n\
             categories = [\"Usages\"]\nseries = [\"Un\"]\n+++\n",
        )
        .unwrap();
        assert_eq!(zola.front_matter.category.as_deref(), Some("Usages"));
        assert_eq!(zola.front_matter.tags, ["B2B"]);
        assert_eq!(
            zola.warnings
                .iter()
                .map(|w| w.message.as_str())
                .collect::<Vec<_>>(),
            ["`taxonomies.series` is not a key Carnet reads: left out"]
        );
    }

    #[test]
    fn the_image_of_link_previews_is_read_under_each_tools_name() {
        let image = |text: &str| parse(text).unwrap().front_matter.image;
        let toml = |line: &str| format!("+++\ntitle = \"T\"\ndate = 2009-10-06\n{line}\n+++\n");
        let at_4 = |image: &str| Some((image.to_owned(), 4));
        assert_eq!(image(&toml("image = \" photo.jpg \"")), at_4("photo.jpg"));
        // Hugo's list: its first.
        assert_eq!(
            image(&toml("images = [\"/images/a.png\", \"/images/b.png\"]")),
            at_4("/images/a.png")
        );
        // A theme's table (PaperMod's `[cover]`), and WordPress's word.
        assert_eq!(
            image("+++\ntitle = \"T\"\ndate = 2009-10-06\n[cover]\nimage = \"c.jpg\"\nalt = \"A\"\n+++\n"),
            at_4("c.jpg")
        );
        assert_eq!(
            image(
                "---\ntitle: T\ndate: 2009-10-06\nfeatured_image: https://example.org/f.jpg\n---\n"
            ),
            at_4("https://example.org/f.jpg")
        );
        assert_eq!(image(&toml("images = []")), None);
        assert_eq!(image(&toml("image = \"\"")), None);
        let e = parse(&toml("image = 3")).unwrap_err();
        assert_eq!((e.line, e.fix.as_str()), (4, "write `image = \"3\"`"));
    }

    #[test]
    fn the_day_of_the_last_change_is_read_under_each_tools_name() {
        let day = |text: &str| {
            parse(text)
                .unwrap()
                .front_matter
                .updated
                .map(|(d, _)| d.to_string())
        };
        let later = Some("2009-10-12".to_owned());
        assert_eq!(
            day("+++\ntitle = \"T\"\ndate = 2009-10-06\nupdated = 2009-10-12\n+++\n"),
            later
        );
        assert_eq!(
            day("---\ntitle: T\ndate: 2009-10-06\nlastMod: 2009-10-12T08:00:00Z\n---\n"),
            later
        );
        assert_eq!(
            day("---\ntitle: T\ndate: 2009-10-06\nmodified: 2009-10-12\n---\n"),
            later
        );
        assert_eq!(
            day("---\ntitle: T\ndate: 2009-10-06\nlast_modified_at: \"2009-10-12 08:00\"\n---\n"),
            later
        );
        // The same day as the date: no change to tell.
        assert_eq!(
            day("+++\ntitle = \"T\"\ndate = 2009-10-06\nupdated = 2009-10-06\n+++\n"),
            None
        );
        // Two names for it: the post's own wins, the other is told.
        let both = parse(
            "---\ntitle: T\ndate: 2009-10-06\nupdated: 2009-10-12\nlastmod: 2009-11-01\n---\n",
        )
        .unwrap();
        assert_eq!(
            both.front_matter.updated,
            Some(("2009-10-12".parse().unwrap(), 4))
        );
        assert_eq!(both.warnings.len(), 1, "{:?}", both.warnings);
        assert_eq!(
            both.warnings[0].message,
            "`lastmod` is left out: `updated` gives the day of the last change already"
        );
        assert_eq!(both.warnings[0].line, 5);
    }

    #[test]
    fn a_last_change_before_the_date_is_told_and_left_out() {
        let doc =
            parse("+++\ntitle = \"T\"\ndate = 2009-10-06\nupdated = 2009-01-01\n+++\n").unwrap();
        assert_eq!(doc.front_matter.updated, None);
        assert_eq!(doc.warnings.len(), 1, "{:?}", doc.warnings);
        assert_eq!(doc.warnings[0].line, 4);
        assert_eq!(
            doc.warnings[0].message,
            "the last change, 2009-01-01, is before the post's date, 2009-10-06: left out"
        );
        let error = parse("---\ntitle: T\ndate: 2009-10-06\nupdated: hier\n---\n").unwrap_err();
        assert_eq!(error.line, 4);
        assert_eq!(
            error.fix,
            "write the day of the post's last change as `updated: YYYY-MM-DD`, e.g. `updated: 2009-10-12`"
        );
    }

    #[test]
    fn a_file_opens_as_a_post_with_a_fence_line_as_parse_reads_it() {
        for start in ["---\ntitle", "+++\r\n", "\u{feff}---\n", "---  \nx", "+++"] {
            assert!(opens_front_matter(start), "{start:?}");
        }
        for start in ["--- pas un billet\n", "----\n", " ---\n", "", "<p>---</p>"] {
            assert!(!opens_front_matter(start), "{start:?}");
        }
    }

    #[test]
    fn hugos_expiry_day_is_read_in_any_case_under_both_its_names() {
        let day = |source: &str| {
            let doc = parse(source).unwrap();
            (
                doc.front_matter.expiry_date.map(|(day, _)| day.to_string()),
                doc.warnings,
            )
        };
        for key in [
            "expiryDate",
            "expirydate",
            "ExpiryDate",
            "unpublishdate",
            "unpublishDate",
        ] {
            let (expiry, warnings) = day(&format!(
                "---\ntitle: T\ndate: 2009-01-07\n{key}: 2009-02-01T00:00:00Z\n---\n"
            ));
            assert_eq!(expiry.as_deref(), Some("2009-02-01"), "{key}");
            assert!(warnings.is_empty(), "{key}: {warnings:?}");
        }
        assert_eq!(day("+++\ntitle = \"T\"\ndate = 2009-01-07\n+++\n").0, None);
        let (expiry, warnings) = day(
            "+++\ntitle = \"T\"\ndate = 2009-01-07\nexpiryDate = 2009-02-01\nunpublishdate = 2009-03-01\n+++\n",
        );
        assert_eq!(expiry.as_deref(), Some("2009-02-01"));
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].line, 5);
        assert_eq!(
            warnings[0].message,
            "`unpublishdate` is left out: the line 4 gives the day the post is taken out already"
        );
        let error =
            parse("---\ntitle: T\ndate: 2009-01-07\nexpiryDate: bientôt\n---\n").unwrap_err();
        assert_eq!(error.line, 4);
        assert_eq!(
            error.fix,
            "write the day the post is to be taken out of the site as `expiryDate: YYYY-MM-DD`, e.g. `expiryDate: 2009-12-31`"
        );
    }

    #[test]
    fn hugos_publication_day_is_read_in_any_case_and_dates_a_post_without_a_date() {
        let later = parse("+++\ntitle = \"T\"\ndate = 2009-01-07\npublishDate = 2009-02-01\n+++\n")
            .unwrap();
        assert_eq!(later.front_matter.date.to_string(), "2009-01-07");
        assert_eq!(
            later
                .front_matter
                .publish_date
                .map(|day| day.to_string())
                .as_deref(),
            Some("2009-02-01")
        );
        assert!(later.warnings.is_empty(), "{:?}", later.warnings);
        // Not later than the date: nothing to wait for.
        let earlier = parse("---\ntitle: T\ndate: 2009-01-07\npubdate: 2009-01-01\n---\n").unwrap();
        assert_eq!(earlier.front_matter.publish_date, None);
        // Without a date, it is the date (with its time), as in Hugo.
        let undated =
            parse("---\ntitle: T\npublishdate: 2009-03-10T14:03:00+01:00\n---\n").unwrap();
        assert_eq!(undated.front_matter.date.to_string(), "2009-03-10");
        assert_eq!(undated.front_matter.time, Some(14 * 3600 + 3 * 60));
        assert_eq!(undated.front_matter.publish_date, None);
        // Two names for it: the first line wins, the other is told.
        let both = parse(
            "---\ntitle: T\ndate: 2009-01-07\npublishDate: 2009-02-01\npubdate: 2009-02-02\n---\n",
        )
        .unwrap();
        assert_eq!(
            both.front_matter
                .publish_date
                .map(|day| day.to_string())
                .as_deref(),
            Some("2009-02-01")
        );
        assert_eq!(told(&both), [(5, "`pubdate` is left out: the line 4 gives the day the post is published from already")]);
        // A day that is none is an error at its line.
        let bad = parse("+++\ntitle = \"T\"\ndate = 2009-01-07\npublishDate = \"demain\"\n+++\n")
            .unwrap_err();
        assert_eq!(bad.line, 4);
    }

    #[test]
    fn carnets_own_key_wins_over_another_tools_name_for_it() {
        let doc = parse(
            "---\ntitle: T\ndate: 2009-01-07\ndescription: Autre\nsummary: Le résumé\n\
             excerpt: Encore\ncategories: [A, B]\ncategory: C\n---\n",
        )
        .unwrap();
        assert_eq!(doc.front_matter.summary.as_deref(), Some("Le résumé"));
        assert_eq!(doc.front_matter.category.as_deref(), Some("C"));
        assert!(doc.front_matter.tags.is_empty());
        assert_eq!(
            told(&doc),
            [
                (
                    4,
                    "`description` is left out: `summary` gives the summary already"
                ),
                (
                    6,
                    "`excerpt` is left out: `summary` gives the summary already"
                ),
                (
                    7,
                    "`categories` is left out: `category` gives the category already"
                ),
            ]
        );
        // Between two other tools' names, the first line wins.
        let doc = parse("---\ntitle: T\ndate: 2009-01-07\nexcerpt: Un\ndescription: Deux\n---\n")
            .unwrap();
        assert_eq!(doc.front_matter.summary.as_deref(), Some("Un"));
        assert_eq!(
            doc.warnings[0].message,
            "`description` is left out: `excerpt` gives the summary already"
        );
    }

    #[test]
    fn empty_lists_of_categories_or_authors_count_as_unwritten() {
        let doc =
            parse("---\ntitle: T\ndate: 2009-01-07\ncategories: []\nauthors: []\n---\n").unwrap();
        assert_eq!(doc.front_matter.category, None);
        assert_eq!(doc.front_matter.author, None);
        assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    }

    #[test]
    fn published_must_be_true_or_false() {
        let e = error("---\ntitle: T\ndate: 2009-01-07\npublished: non\n---\n");
        assert_eq!(e.line, 4);
        assert_eq!(e.message, "`published` must be true or false");
        assert!(e.fix.contains("`draft: true`"), "{e}");
        let doc = parse("---\ntitle: T\ndate: 2009-01-07\npublished: true\n---\n").unwrap();
        assert!(!doc.front_matter.draft);
        assert!(doc.warnings.is_empty());
    }

    #[test]
    fn tags_and_draft_are_read_and_optional() {
        let doc = parse(
            "+++\ntitle = \"T\"\ndate = 2009-01-07\ntags = [\"Réseaux\", \" \", \"B2B\"]\n\
             draft = true\n+++\n",
        )
        .unwrap();
        assert_eq!(doc.front_matter.tags, ["Réseaux", "B2B"]);
        assert!(doc.front_matter.draft);
        let doc = parse(GOOD).unwrap();
        assert_eq!(doc.front_matter.tags, [] as [String; 0]);
        assert!(!doc.front_matter.draft);
        assert!(
            !parse("+++\ntitle = \"T\"\ndate = 2009-01-07\ndraft = false\n+++\n")
                .unwrap()
                .front_matter
                .draft
        );
    }

    #[test]
    fn tags_or_categories_written_as_one_text_are_split_as_jekyll_does() {
        let tags = |line: &str| {
            parse(&format!("---\ntitle: T\ndate: 2009-01-07\n{line}\n---\n"))
                .unwrap()
                .front_matter
                .tags
        };
        assert_eq!(tags("tags: web b2b"), ["web", "b2b"]);
        assert_eq!(tags("tags: Actus"), ["Actus"]);
        assert_eq!(
            tags("tags: Réseaux sociaux, B2B ,"),
            ["Réseaux sociaux", "B2B"]
        );
        assert_eq!(tags("tags: \"  \""), [] as [String; 0]);
        let toml = parse("+++\ntitle = \"T\"\ndate = 2009-01-07\ntags = \"a b\"\n+++\n").unwrap();
        assert_eq!(toml.front_matter.tags, ["a", "b"]);

        // Jekyll's `categories: a b` names two categories: the first is the post's.
        let doc =
            parse("---\ntitle: T\ndate: 2009-01-07\ntags: web\ncategories: Usages Vie\n---\n")
                .unwrap();
        assert_eq!(doc.front_matter.category.as_deref(), Some("Usages"));
        assert_eq!(doc.front_matter.tags, ["web", "Vie"]);
        assert_eq!(
            doc.warnings[0].message,
            "a post has one category: « Usages » kept, « Vie » made tags"
        );
        // Zola's taxonomies beside tags written as one text: none lost.
        let doc = parse(
            "+++\ntitle = \"T\"\ndate = 2009-01-07\ntags = \"a b\"\n\
             [taxonomies]\ntags = [\"c\"]\n+++\n",
        )
        .unwrap();
        assert_eq!(doc.front_matter.tags, ["a", "b", "c"]);
    }

    #[test]
    fn a_whole_number_among_the_tags_is_the_tag_its_digits_write() {
        let yaml = parse("---\ntitle: T\ndate: 2009-01-07\ntags: [2024, voyage]\n---\n").unwrap();
        assert_eq!(yaml.front_matter.tags, ["2024", "voyage"]);
        let toml = parse("+++\ntitle = \"T\"\ndate = 2009-01-07\ntags = 2024\n+++\n").unwrap();
        assert_eq!(toml.front_matter.tags, ["2024"]);
    }

    #[test]
    fn bad_tags_or_draft_name_their_line_and_how_to_write_them() {
        for (line, message, fix) in [
            (
                "tags = true",
                "`tags` must be a list of texts in double quotes, not boolean",
                "write `tags = [\"true\"]`",
            ),
            (
                "tags = [\"a\", 1.5]",
                "`tags` must be a list of texts in double quotes, not a list holding something \
                 else than text",
                "write `tags = [\"1.5\"]`",
            ),
            (
                "draft = \"oui\"",
                "`draft` must be true or false, not text in quotes",
                "write `draft = true` (no quotes) to keep the post out of the site, or remove \
                 the line to publish it",
            ),
        ] {
            let e = error(&format!(
                "+++\ntitle = \"T\"\ndate = 2009-01-07\n{line}\n+++\n"
            ));
            assert_eq!(
                (e.line, e.message.as_str(), e.fix.as_str()),
                (4, message, fix)
            );
        }
    }

    #[test]
    fn a_date_time_with_an_offset_keeps_the_day_written() {
        for (date, day) in [
            ("2009-10-06T14:03:00+02:00", "2009-10-06"),
            // Late in the evening west of Greenwich: still the 6th where it was written.
            ("2009-10-06T23:30:00-05:00", "2009-10-06"),
            ("2009-10-07T00:30:00+02:00", "2009-10-07"),
            ("2009-10-06T14:03:00", "2009-10-06"),
            ("2009-10-06 14:03:00", "2009-10-06"),
            // Quoted, as Hugo's archetype (`date = '{{ .Date }}'`) and Jekyll write them.
            ("'2009-10-06T14:03:00+02:00'", "2009-10-06"),
            ("\"2009-10-06 14:03:00 +0200\"", "2009-10-06"),
        ] {
            let source = format!("+++\ntitle = \"T\"\ndate = {date}\n+++\n");
            let doc = parse(&source).unwrap();
            assert_eq!(doc.front_matter.date.to_string(), day, "{date}");
            let source = format!("---\ntitle: T\ndate: {date}\n---\n");
            let doc = parse(&source).unwrap();
            assert_eq!(doc.front_matter.date.to_string(), day, "YAML {date}");
        }
    }

    #[test]
    fn the_time_written_with_a_date_is_kept_to_order_a_days_posts() {
        for (date, time) in [
            ("2009-10-06T14:03:00+02:00", Some(14 * 3600 + 3 * 60)),
            ("2009-10-06 23:30:15", Some(23 * 3600 + 30 * 60 + 15)),
            ("\"2009-10-06 08:05 +0100\"", Some(8 * 3600 + 5 * 60)),
            ("2009-10-06", None),
        ] {
            let source = format!("+++\ntitle = \"T\"\ndate = {date}\n+++\n");
            assert_eq!(parse(&source).unwrap().front_matter.time, time, "{date}");
            let source = format!("---\ntitle: T\ndate: {date}\n---\n");
            assert_eq!(
                parse(&source).unwrap().front_matter.time,
                time,
                "YAML {date}"
            );
        }
        let yaml = parse("---\ntitle: T\ndate: 2009-10-06 14:03:00 +0200\n---\n").unwrap();
        assert_eq!(yaml.front_matter.time, Some(14 * 3600 + 3 * 60));
    }

    #[test]
    fn the_offset_written_with_a_time_is_kept_to_place_the_post_in_time() {
        for (date, offset) in [
            ("2009-10-06T14:03:00+02:00", Some(120)),
            ("2009-10-06T23:30:00-05:00", Some(-300)),
            ("2009-10-06T14:03:00Z", Some(0)),
            ("2009-10-06T14:03:00.250+05:30", Some(330)),
            ("\"2009-10-06 14:03:00 +0200\"", Some(120)),
            ("\"2009-10-06 14:03 -0930\"", Some(-570)),
            ("'2009-10-06T14:03:00+02:00'", Some(120)),
            // No offset, or one no place has: the time alone.
            ("2009-10-06T14:03:00", None),
            ("\"2009-10-06 14:03:00 +2500\"", None),
            ("\"2009-10-06 14:03:00 CEST\"", None),
            ("2009-10-06", None),
        ] {
            let source = format!("+++\ntitle = \"T\"\ndate = {date}\n+++\n");
            assert_eq!(
                parse(&source).unwrap().front_matter.offset,
                offset,
                "{date}"
            );
            let source = format!("---\ntitle: T\ndate: {date}\n---\n");
            assert_eq!(
                parse(&source).unwrap().front_matter.offset,
                offset,
                "YAML {date}"
            );
        }
    }

    #[test]
    fn quoted_text_is_one_valid_toml_string_whatever_it_holds() {
        for text in [
            "Un \"été\"",
            "C:\\chemin",
            "deux\nlignes",
            "tab\tet\u{1}contrôle\u{7f}",
            "« ’ » 😉",
        ] {
            let line = format!("title = {}", quoted(text));
            assert!(!line.contains('\n'), "{line}");
            let table: toml::Table = toml::from_str(&line).unwrap();
            assert_eq!(table["title"].as_str(), Some(text), "{line}");
        }
    }

    #[test]
    fn a_missing_title_or_date_is_explained() {
        let e = error("+++\ndate = 2009-01-07\n+++\n");
        assert!(e.message.contains("no `title`"), "{e}");
        assert!(e.fix.contains("title = "), "{e}");
        let e = error("+++\ntitle = \"T\"\n+++\n");
        assert!(e.message.contains("no `date`"), "{e}");
        assert!(e.fix.contains("`2009-10-06-billet.md`"), "{e}");
        let e = error("+++\ntitle = \"  \"\ndate = 2009-01-07\n+++\n");
        assert_eq!((e.line, e.message.as_str()), (2, "the title is empty"));
    }

    #[test]
    fn a_name_starting_with_a_date_dates_a_post_without_one() {
        let date =
            |source: &str, name: &str| super::parse(source, name).map(|doc| doc.front_matter.date);
        let undated = "---\ntitle: Sans date\n---\nTexte\n";
        for name in [
            "2019-07-08-date-du-nom",
            "2019-07-08_date-du-nom",
            "2019-07-08",
        ] {
            assert_eq!(
                date(undated, name),
                Ok("2019-07-08".parse().unwrap()),
                "{name}"
            );
        }
        // The front matter's date wins, as in Jekyll and Zola.
        assert_eq!(
            date(
                "+++\ntitle = \"T\"\ndate = 2009-10-06\n+++\n",
                "2019-07-08-t"
            ),
            Ok("2009-10-06".parse().unwrap())
        );
        let e = super::parse(undated, "2019-02-30-billet").unwrap_err();
        assert_eq!(
            e.message,
            "the front matter has no `date`, and the name's `2019-02-30` is no day of the calendar"
        );
        // Not a date, or not followed by a separator: no date.
        for name in [
            "2019-07-08billet",
            "2019-13-08-billet",
            "2019-07",
            "billet-2019-07-08",
            "é2019-07-08",
        ] {
            let e = super::parse(undated, name).expect_err(name);
            assert!(e.message.contains("no `date`"), "{name}: {e}");
        }
    }

    #[test]
    fn a_bad_date_names_its_line() {
        for (date, words) in [
            ("\"6 octobre 2009\"", "bad date `6 octobre 2009`"),
            ("\"2009-10-06 et demi\"", "bad date `2009-10-06 et demi`"),
            ("\"2009-02-30\"", "no such day"),
            ("10:30:00", "a time of day"),
            ("20091006", "found integer"),
        ] {
            let e = error(&format!("+++\ntitle = \"T\"\n\ndate = {date}\n+++\n"));
            assert_eq!(e.line, 4, "{e}");
            assert!(e.message.contains(words), "{e}");
            assert!(e.fix.contains("YYYY-MM-DD"), "{e}");
        }
    }

    #[test]
    fn a_value_of_the_wrong_type_names_its_key_line_and_how_to_write_it() {
        for (line, message, fix) in [
            (
                "title = 3",
                "`title` must be text in double quotes, not a number",
                "write `title = \"3\"`",
            ),
            (
                "category = [\"Actus\", \"Vie\"]",
                "`category` must be text in double quotes, not a list",
                "a post has one category: write `category = \"Actus\"`",
            ),
            (
                "author = true",
                "`author` must be text in double quotes, not true or false",
                "write `author = \"true\"`",
            ),
            (
                "summary = { text = \"x\" }",
                "`summary` must be text in double quotes, not a table",
                "write `summary = \"…\"`",
            ),
            (
                "slug = 2009-10-06",
                "`slug` must be text in double quotes, not a date",
                "write `slug = \"2009-10-06\"`",
            ),
        ] {
            let source = format!("+++\ndate = 2009-01-07\n\n{line}\ntitle = \"T\"\n+++\n");
            let source =
                source.replacen("title = \"T\"", "", usize::from(line.starts_with("title")));
            let e = error(&source);
            assert_eq!((e.line, e.message.as_str()), (4, message), "{e}");
            assert_eq!(e.fix, fix, "{e}");
        }
        let e = error("+++\ntitle = \"T\"\ndate = \"yesterday\"\n+++\n");
        assert_eq!(e.line, 3, "{e}");
        assert!(e.fix.contains("`date = 2009-10-06`"), "{e}");
    }

    #[test]
    fn toml_syntax_errors_name_their_line() {
        let e = error("+++\ntitle = \"T\"\ndate = 2009-01-07\ncategory = Usages\n+++\n");
        assert_eq!(e.line, 4, "{e}");
        assert!(e.fix.contains("double quotes"), "{e}");
    }

    #[test]
    fn reads_yaml_front_matter_as_jekyll_and_hugo_write_it() {
        let doc = parse(
            "---\ntitle: Générer du business\ndate: 2009-03-10\ncategory: Usages\n\
             author: \"admin\"\n# a comment\ntags: [Réseaux, B2B]\ndraft: false\n---\n\nLe corps.\n",
        )
        .unwrap();
        let expected = parse(
            "+++\ntitle = \"Générer du business\"\ndate = 2009-03-10\ncategory = \"Usages\"\n\
             author = \"admin\"\ntags = [\"Réseaux\", \"B2B\"]\n+++\n\nLe corps.\n",
        )
        .unwrap();
        assert_eq!(doc, expected);
        let doc = parse(
            "\u{feff}---\r\ntitle: 'L’été : « chaud »'\r\ndate: 2009-10-06 14:03:00 +0200\r\n\
             tags:\r\n  - Réseaux\r\n  - \" \"\r\n  - B2B\r\ncategory:\r\nsummary: ~\r\n\
             slug: mon-billet\r\ndraft: true\r\n---\r\nx",
        )
        .unwrap();
        let front_matter = doc.front_matter;
        assert_eq!(front_matter.title, "L’été : « chaud »");
        assert_eq!(front_matter.date.to_string(), "2009-10-06");
        assert_eq!(front_matter.tags, ["Réseaux", "B2B"]);
        assert_eq!((front_matter.category, front_matter.summary), (None, None));
        assert_eq!(front_matter.slug.as_deref(), Some("mon-billet"));
        assert!(front_matter.draft);
        assert_eq!(doc.body, "x");
        for (date, day) in [
            ("2009-10-06T23:30:00-05:00", "2009-10-06"),
            ("\"2009-01-07\"", "2009-01-07"),
            ("2009-10-07 00:30", "2009-10-07"),
        ] {
            let source = format!("---\ntitle: T\ndate: {date}\n---\n");
            assert_eq!(parse(&source).unwrap().front_matter.date.to_string(), day);
        }
    }

    #[test]
    fn yaml_syntax_errors_say_what_was_written_and_how_to_mend_it() {
        let quoted =
            parse("---\ntitle: 'Citation' de Pascal\ndate: 2009-01-07\n---\n").unwrap_err();
        assert_eq!(quoted.line, 2);
        assert!(!quoted.message.contains("double-quoted"), "{quoted}");
        assert!(quoted.message.contains("quoted text"), "{quoted}");
        let tab = parse("---\ntitle: Un\n\tdate: 2009-01-07\n---\n").unwrap_err();
        assert!(tab.message.contains("tab"), "{tab}");
        assert_eq!(
            tab.fix,
            "indent with spaces: YAML does not allow tabs there"
        );
    }

    #[test]
    fn yaml_errors_name_their_line_and_the_fix_in_yaml() {
        for (lines, line, message, fix) in [
            (
                "title: T\ndate: 2009-01-07\ncategorys: Usages",
                4,
                "unknown key `categorys`: is it `category` misspelt?",
                "write `category` instead of `categorys`",
            ),
            (
                "date: 2009-01-07\ntitle: 1984",
                3,
                "`title` must be text, not a number",
                "write `title: \"1984\"`",
            ),
            (
                "title: T\ndate: 2009-01-07\ncategory:\n  - Actus\n  - Vie",
                4,
                "`category` must be text, not a list",
                "a post has one category: write `category: \"Actus\"`",
            ),
            (
                "title: T\ndate: 2009-01-07\ntags: 3.5",
                4,
                "`tags` must be a list of texts in double quotes, not float",
                "write `tags: [\"3.5\"]`",
            ),
            (
                "title: T\ndate: 2009-01-07\ndraft: oui",
                4,
                "`draft` must be true or false, not text",
                "write `draft: true` (no quotes) to keep the post out of the site, or remove \
                 the line to publish it",
            ),
            (
                "title: T\ndate: le 6 octobre",
                3,
                "bad date `le 6 octobre`: a date is written YYYY-MM-DD",
                "write the day the post was published as `date: YYYY-MM-DD`, e.g. \
                 `date: 2009-10-06`",
            ),
            (
                "date: 2009-01-07",
                1,
                "the front matter has no `title`",
                "add a line `title: \"The post's title\"` between the `---` lines",
            ),
            (
                "title: T\ndate: 2009-01-07\ntitle: U",
                4,
                "`title` is written twice",
                "keep one of the two lines",
            ),
            (
                "title: T\ndate: 2009-01-07\nslug: Mon Billet",
                4,
                "`Mon Billet` is not a valid slug",
                "write `slug: \"mon-billet\"` (lower-case ASCII letters, digits and single dashes)",
            ),
            (
                "- title\n- date",
                2,
                "the front matter is not a list of `key: value` lines",
                Dialect::Yaml.syntax_fix(),
            ),
        ] {
            let e = error(&format!("---\n{lines}\n---\n"));
            let message_start = &e.message[..message.len().min(e.message.len())];
            assert_eq!(
                (e.line, message_start, e.fix.as_str()),
                (line, message, fix),
                "{e}"
            );
        }
        let e =
            error("---\ntitle: T\ndate: 2009-01-07\nsummary: Un résumé: avec deux-points\n---\n");
        assert_eq!(e.line, 4, "{e}");
        assert!(e.message.starts_with("invalid front matter: "), "{e}");
        assert!(e.fix.contains("double quotes"), "{e}");
        let e = error("---\ntitle: T\ndate: 2009-01-07\n\nLe corps.\n");
        assert!(e.fix.contains("add a line `---`"), "{e}");
    }

    #[test]
    fn any_yaml_or_toml_made_of_front_matter_pieces_is_read_or_refused_at_one_of_its_lines() {
        // Twenty thousand files of pieces drawn with a fixed seed (xorshift): never a panic,
        // and every error on a line of the file. (cargo-fuzz's `front_matter` target explores
        // further: scripts/fuzz.)
        const PIECES: [&str; 40] = [
            "---\n",
            "+++\n",
            "\n",
            "\r\n",
            "title: ",
            "date: ",
            "tags:\n",
            "  - ",
            "category:",
            "slug: ",
            "draft: ",
            "summary: ",
            "title = ",
            "date = ",
            "tags = ",
            "\"",
            "'",
            "[a, b]",
            "{a: b}",
            "~",
            "&a ",
            "*a",
            "!!str ",
            "|\n",
            ">\n",
            "# ",
            "2009-10-06",
            "2009-02-30",
            " 14:03:00 +0100",
            "T10:30:00",
            "true",
            "3",
            "-1.5e3",
            ": ",
            "- ",
            "  ",
            "é",
            "😀",
            "\\",
            "\t",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let mut text = String::from(if next() % 2 == 0 { "---\n" } else { "+++\n" });
            for _ in 0..next() % 24 {
                text.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
            }
            if next() % 3 > 0 {
                text.push_str(if text.starts_with("---") {
                    "\n---\n"
                } else {
                    "\n+++\n"
                });
            }
            let lines = text.lines().count().max(1);
            match parse(&text) {
                Ok(doc) => assert!(text.ends_with(doc.body), "{text:?}"),
                Err(e) => assert!((1..=lines).contains(&e.line), "{text:?}: {e}"),
            }
        }
    }

    #[test]
    fn a_bad_slug_suggests_a_good_one() {
        let e = error("+++\ntitle = \"T\"\ndate = 2009-01-07\nslug = \"Mon Billet\"\n+++\n");
        assert_eq!(e.line, 4);
        assert!(e.fix.contains("slug = \"mon-billet\""), "{e}");
    }
}
