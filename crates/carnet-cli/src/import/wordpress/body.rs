//! A post's body: the HTML WordPress saved in, clean Markdown out.
//!
//! WordPress does not save the HTML its readers see: it adds paragraphs to classic-editor posts,
//! expands shortcodes, turns a bare URL into an embed, and its block editor wraps everything in
//! comments. [`convert`] does what WordPress did before showing a post, then hands the HTML to
//! htmd, which writes Markdown:
//!
//! 1. the `<!--more-->` is marked, so the text before it can be the summary;
//! 2. a URL alone on its line becomes a link (WordPress embedded it);
//! 3. shortcodes are expanded ([`shortcode`]);
//! 4. a block-editor post loses its block comments (`<!-- wp:code {"language":"rust"} -->`),
//!    their meaning kept (the code's language), and only the classic parts outside blocks get
//!    paragraphs; a classic post gets paragraphs and line breaks ([`autop`]);
//! 5. a `<pre>` without `<code>` gets one, so it stays a code block;
//! 6. links to the blog's uploads point at `/images/…` ([`UploadPath`]), and are listed;
//! 7. htmd converts, with Carnet's Markdown style (`-` lists, `\` line breaks, fenced code), a
//!    figure with a caption kept as HTML (`<figure>`, which posts may hold), inline elements
//!    Markdown has no syntax for kept as HTML, and a video or frame written as a link.
//!
//! HTML entities are decoded by the HTML parser (`&#8217;` is ’, `&nbsp;` a no-break space).

use super::autop::autop;
use super::shortcode::{self, Library};
use carnet_core::escape;
use htmd::element_handler::{HandlerResult, Handlers};
use htmd::options::{
    BrStyle, BulletListMarker, CodeBlockFence, CodeBlockStyle, HeadingStyle, HrStyle, LinkStyle,
    Options,
};
use htmd::{Element, HtmlToMarkdown};
use markup5ever_rcdom::{Node, NodeData};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::rc::Rc;

/// A body converted.
#[derive(Debug, Default, PartialEq)]
pub struct Converted {
    /// The whole body, in Markdown, ending in a line break.
    pub markdown: String,
    /// The Markdown before the `<!--more-->`, if the post has one.
    pub before_more: Option<String>,
    /// The blog's uploads it links to: URL → path under `/images/`.
    pub uploads: BTreeMap<String, String>,
    /// The shortcodes it holds that were left as written.
    pub unknown_shortcodes: BTreeSet<String>,
}

/// Where `<!--more-->` was, in the HTML and then in the Markdown: a paragraph of its own.
const MORE: &str = "\u{E000}carnet-more\u{E000}";

/// Converts the body `html` of a post; `uploads` says which URLs are the blog's uploads,
/// `library` finds a gallery's images.
pub fn convert(
    html: &str,
    uploads: &UploadPath,
    posts: &OldPosts,
    library: &dyn Library,
) -> Converted {
    let block_editor = html.contains("<!-- wp:");
    let html = mark_more(html);
    let html = outside_pre(&html, link_bare_urls);
    let mut unknown_shortcodes = BTreeSet::new();
    let html = outside_pre(&html, |part| {
        let (expanded, unknown) = shortcode::expand(part, library);
        unknown_shortcodes.extend(unknown);
        expanded
    });
    let html = if block_editor {
        without_blocks(&html)
    } else {
        autop(&html)
    };
    let html = outside_pre(&html, tight_breaks);
    let html = code_in_pre(&html);
    let mut found = BTreeMap::new();
    let html = uploads.rewrite(&html, &mut found);
    let html = posts.rewrite(&html);
    let markdown = tidy(&converter().convert(&html).unwrap_or_default());
    let (markdown, before_more) = match markdown.split_once(MORE) {
        Some((before, after)) => (
            tidy(&format!("{before}{after}")),
            Some(tidy(before)).filter(|before| !before.trim().is_empty()),
        ),
        None => (markdown, None),
    };
    Converted {
        markdown,
        before_more,
        uploads: found,
        unknown_shortcodes,
    }
}

/// `html` with its first `<!--more…-->` replaced by the [`MORE`] paragraph.
fn mark_more(html: &str) -> String {
    let Some(start) = html.find("<!--more") else {
        return html.to_owned();
    };
    let end = html[start..]
        .find("-->")
        .map_or(html.len(), |end| start + end + 3);
    format!("{}\n\n<p>{MORE}</p>\n\n{}", &html[..start], &html[end..])
}

/// Applies `change` to the parts of `html` outside `<pre>` elements.
fn outside_pre(html: &str, mut change: impl FnMut(&str) -> String) -> String {
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    while let Some(start) = lower[at..].find("<pre").map(|start| at + start) {
        out.push_str(&change(&html[at..start]));
        let end = lower[start..]
            .find("</pre>")
            .map_or(html.len(), |end| start + end + "</pre>".len());
        out.push_str(&html[start..end]);
        at = end;
    }
    out.push_str(&change(&html[at..]));
    out
}

/// A line holding only a URL becomes a link, as WordPress embedded what it pointed at.
fn link_bare_urls(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    for line in html.split_inclusive('\n') {
        let url = line.trim();
        let bare = (url.starts_with("http://") || url.starts_with("https://"))
            && !url.contains(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '['));
        if bare {
            out.push_str(&shortcode::link(url));
            out.push_str(if line.ends_with('\n') { "\n" } else { "" });
        } else {
            out.push_str(line);
        }
    }
    out
}

/// A block-editor post without its block comments: a block's language goes to its code, and
/// the classic parts between blocks get their paragraphs.
fn without_blocks(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    // The open blocks: name, language, where their HTML starts in `out`.
    let mut open: Vec<(String, Option<String>, usize)> = Vec::new();
    let mut classic = String::new();
    let mut rest = html;
    loop {
        let comment = block_comment(rest);
        let text = &rest[..comment.as_ref().map_or(rest.len(), |c| c.start)];
        if open.is_empty() {
            classic.push_str(text);
        } else {
            out.push_str(text);
        }
        let Some(comment) = comment else { break };
        rest = &rest[comment.end..];
        if comment.closing {
            let Some(at) = open.iter().rposition(|(name, _, _)| *name == comment.name) else {
                continue;
            };
            let (_, language, start) = open.swap_remove(at);
            open.truncate(at);
            if let Some(language) = language {
                let block = out.split_off(start);
                out.push_str(&with_language(&block, &language));
            }
            continue;
        }
        if open.is_empty() && !classic.trim().is_empty() {
            out.push_str(&autop(&classic));
        }
        classic.clear();
        if !comment.void {
            open.push((comment.name, comment.language, out.len()));
        }
    }
    if !classic.trim().is_empty() {
        out.push_str(&autop(&classic));
    }
    out
}

/// A block comment: `<!-- wp:name {"attributes"} -->`, `<!-- /wp:name -->`, or void, `/-->`.
struct BlockComment {
    start: usize,
    end: usize,
    name: String,
    closing: bool,
    void: bool,
    language: Option<String>,
}

/// The first block comment of `html`, if any.
fn block_comment(html: &str) -> Option<BlockComment> {
    let mut from = 0;
    loop {
        let start = from + html[from..].find("<!--")?;
        let end = html[start..].find("-->").map(|end| start + end + 3)?;
        let inner = html[start + 4..end - 3].trim();
        let (closing, named) = match inner.strip_prefix('/') {
            Some(rest) => (true, rest.trim_start()),
            None => (false, inner),
        };
        let Some(named) = named.strip_prefix("wp:") else {
            from = end;
            continue;
        };
        let void = named.ends_with('/');
        let named = named.trim_end_matches('/').trim();
        let (name, attributes) = named.split_once(char::is_whitespace).unwrap_or((named, ""));
        return Some(BlockComment {
            start,
            end,
            name: name.to_owned(),
            closing,
            void,
            language: language(attributes.trim()),
        });
    }
}

/// The language a block's attributes give its code: `{"language":"rust"}`, `{"lang":"rust"}`
/// or a class `language-rust`.
fn language(attributes: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(attributes).ok()?;
    let named = ["language", "lang"]
        .iter()
        .find_map(|key| value.get(key).and_then(|v| v.as_str()))
        .map(str::to_owned);
    let from_class = || {
        value
            .get("className")?
            .as_str()?
            .split_whitespace()
            .find_map(|class| {
                class
                    .strip_prefix("language-")
                    .or_else(|| class.strip_prefix("lang-"))
                    .map(str::to_owned)
            })
    };
    named.or_else(from_class).filter(|lang| {
        !lang.is_empty()
            && lang
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+#-_.".contains(c))
    })
}

/// The HTML of a block whose code is in `language`: its `<code>` (or `<pre>`) says so.
fn with_language(block: &str, language: &str) -> String {
    let lower = block.to_ascii_lowercase();
    if lower.contains("language-") {
        return block.to_owned();
    }
    if let Some(code) = lower.find("<code") {
        let at = code + "<code".len();
        return format!(
            "{} class=\"language-{language}\"{}",
            &block[..at],
            &block[at..]
        );
    }
    if let Some(pre) = lower.find("<pre") {
        let at = pre + "<pre".len();
        return format!(
            "{} class=\"language-{language}\"{}",
            &block[..at],
            &block[at..]
        );
    }
    block.to_owned()
}

/// `html` without the line breaks and spaces after each `<br>`: the converter would keep them
/// as a space at the start of the next line.
fn tight_breaks(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    while let Some(br) = lower[at..].find("<br").map(|i| at + i) {
        let Some(end) = lower[br..].find('>').map(|i| br + i + 1) else {
            break;
        };
        out.push_str(&html[at..end]);
        at = end + (html[end..].len() - html[end..].trim_start().len());
    }
    out.push_str(&html[at..]);
    out
}

/// Every `<pre>` holds a `<code>`: htmd writes a code block only for `<pre><code>`. The language
/// older plugins wrote on the `<pre>` (`lang="php"`, `class="brush: php"`) goes with it.
fn code_in_pre(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    while let Some(start) = lower[at..].find("<pre").map(|start| at + start) {
        let Some(open_end) = lower[start..].find('>').map(|end| start + end + 1) else {
            break;
        };
        let close = lower[open_end..]
            .find("</pre>")
            .map_or(html.len(), |end| open_end + end);
        out.push_str(&html[at..open_end]);
        // `<?php …?>` in a `<pre>`, as WP-Syntax's posts hold it, is code, not a processing
        // instruction the HTML parser would drop.
        let inner = &html[open_end..close].replace("<?", "&lt;?");
        if inner.trim_start().to_ascii_lowercase().starts_with("<code") {
            out.push_str(inner);
        } else {
            let class = pre_language(&lower[start..open_end])
                .map(|lang| format!(" class=\"language-{lang}\""))
                .unwrap_or_default();
            out.push_str(&format!("<code{class}>{inner}</code>"));
        }
        at = close;
    }
    out.push_str(&html[at..]);
    out
}

/// The language a `<pre>` tag names: `lang="php"`, `class="brush: php"`, `class="language-php"`.
fn pre_language(tag: &str) -> Option<String> {
    let word = |from: usize| -> Option<String> {
        let word: String = tag[from..]
            .chars()
            .skip_while(|c| *c == ' ' || *c == '"' || *c == '\'')
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '+' || *c == '#')
            .collect();
        (!word.is_empty()).then_some(word)
    };
    ["language-", "brush:", "lang:", "lang="]
        .iter()
        .find_map(|marker| tag.find(marker).and_then(|at| word(at + marker.len())))
}

/// Which URLs are the blog's uploads, and where they go: `…/wp-content/uploads/2009/10/x.jpg`
/// on one of the blog's hosts (or written from the root) is `/images/2009/10/x.jpg`.
#[derive(Clone, Debug, Default)]
pub struct UploadPath {
    /// The blog's hosts, lower case, without `www.`.
    hosts: Vec<String>,
    /// The blog's first address (`http://blog.example`), which an upload written from the root
    /// (`/wp-content/uploads/x.jpg`) is fetched from.
    origin: String,
}

/// Where a blog keeps its uploads.
const UPLOADS: &str = "wp-content/uploads/";

/// The hosts a WordPress.com blog's uploads are on: `monblog.files.wordpress.com`.
const WORDPRESS_COM_FILES: &str = ".files.wordpress.com";

/// Whether `host` is Jetpack's image service (`i0.wp.com` to `i3.wp.com`).
fn is_jetpack_host(host: &str) -> bool {
    let host = plain_host(host);
    host.strip_suffix(".wp.com")
        .is_some_and(|name| name.len() == 2 && name.starts_with('i'))
}

impl UploadPath {
    /// The uploads of a blog at `addresses` (its link, site URL, blog URL).
    pub fn new<'a>(addresses: impl IntoIterator<Item = &'a str>) -> UploadPath {
        let addresses: Vec<&str> = addresses.into_iter().collect();
        let origin = addresses
            .iter()
            .find_map(|url| {
                let (host, _) = host_and_path(url)?;
                let scheme = url.split_once("//")?.0;
                Some(format!("{scheme}//{host}"))
            })
            .unwrap_or_default();
        UploadPath {
            hosts: blog_hosts(addresses),
            origin,
        }
    }

    /// The path under `/images/` of `url`, if it is one of the blog's uploads.
    pub fn local_path(&self, url: &str) -> Option<String> {
        let file = match host_and_path(url) {
            // Jetpack's image service, `i0.wp.com/blog.example/wp-content/uploads/…`: the
            // blog's own file behind it.
            Some((host, path)) if is_jetpack_host(host) => {
                return self.local_path(&format!("https://{path}"));
            }
            // A WordPress.com blog's uploads: `monblog.files.wordpress.com/2015/06/x.jpg`.
            Some((host, path)) if plain_host(host).ends_with(WORDPRESS_COM_FILES) => path,
            Some((host, path)) if self.hosts.contains(&plain_host(host)) => {
                path.split_once(UPLOADS)?.1
            }
            Some(_) => return None,
            None => url.strip_prefix('/')?.split_once(UPLOADS)?.1,
        };
        let file = file.split(['?', '#']).next().unwrap_or("");
        // Percent-encoded dots, slashes and backslashes could climb out of the folder once
        // decoded into a file name.
        let lower = file.to_ascii_lowercase();
        let safe = !file.is_empty()
            && !file.contains('\\')
            && !["%2e", "%2f", "%5c"]
                .iter()
                .any(|encoded| lower.contains(encoded))
            && file
                .split('/')
                .all(|part| !part.is_empty() && part != "." && part != "..");
        safe.then(|| file.to_owned())
    }

    /// `html` with every link to the blog's uploads pointing at `/images/…`; each is added to
    /// `found`.
    pub fn rewrite(&self, html: &str, found: &mut BTreeMap<String, String>) -> String {
        let ends = |c: char| {
            c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | '(' | ')' | '[' | ']')
        };
        // An unquoted attribute value starts after its `=`.
        let starts = |c: char| ends(c) || c == '=';
        let mut out = String::with_capacity(html.len());
        let mut at = 0;
        let next = |from: usize| {
            [UPLOADS, WORDPRESS_COM_FILES]
                .iter()
                .filter_map(|marker| html[from..].find(marker))
                .min()
                .map(|i| from + i)
        };
        while let Some(found_at) = next(at) {
            let start = html[at..found_at].rfind(starts).map_or(at, |i| at + i + 1);
            let end = html[found_at..]
                .find(ends)
                .map_or(html.len(), |i| found_at + i);
            let url = &html[start..end];
            out.push_str(&html[at..start]);
            match self.local_path(url) {
                Some(path) => {
                    out.push_str("/images/");
                    out.push_str(&path);
                    let url = url.split('#').next().unwrap_or(url);
                    // Fetched from the blog's address when written from its root.
                    let url = match url.starts_with('/') && !url.starts_with("//") {
                        true => format!("{}{url}", self.origin),
                        false => url.to_owned(),
                    };
                    found.insert(url.replace("&amp;", "&"), path);
                }
                None => out.push_str(url),
            }
            at = end;
        }
        out.push_str(&html[at..]);
        out
    }
}

/// The hosts of a blog at `addresses`, as [`plain_host`] writes them.
fn blog_hosts<'a>(addresses: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut hosts: Vec<String> = addresses
        .into_iter()
        .filter_map(|url| host_and_path(url).map(|(host, _)| plain_host(host)))
        .filter(|host| !host.is_empty())
        .collect();
    hosts.sort();
    hosts.dedup();
    hosts
}

/// The old addresses of the blog's posts and their new ones, so that a post's links to
/// another lead to it on the new site: `http://blog.example/2009/10/billet/`, the same written
/// from the root, or `/?p=12`, become `/posts/billet/`.
#[derive(Clone, Debug, Default)]
pub struct OldPosts {
    hosts: Vec<String>,
    /// Old path (with its query for `?p=`), a trailing slash given → new address.
    new_address: HashMap<String, String>,
}

impl OldPosts {
    /// Learns the blog's hosts from `addresses` (its link, site URL, blog URL), once.
    pub fn know_hosts<'a>(&mut self, addresses: impl IntoIterator<Item = &'a str>) {
        if self.hosts.is_empty() {
            self.hosts = blog_hosts(addresses);
        }
    }

    /// Notes that the post numbered `id`, once at `old_path` (`/2009/10/billet/`, as the
    /// permalink's path), is now at `new`.
    pub fn insert(&mut self, id: &str, old_path: Option<&str>, new: &str) {
        if let Some(old) = old_path {
            self.new_address.insert(with_slash(old), new.to_owned());
        }
        if !id.is_empty() {
            self.new_address.insert(format!("/?p={id}"), new.to_owned());
        }
    }

    /// `html` with each link (`href`) to an old post's address leading to its new one.
    pub fn rewrite(&self, html: &str) -> String {
        if self.new_address.is_empty() {
            return html.to_owned();
        }
        let lower = html.to_ascii_lowercase();
        let mut out = String::with_capacity(html.len());
        let mut at = 0;
        while let Some(found) = lower[at..].find("href=").map(|i| at + i + "href=".len()) {
            let quote = html[found..]
                .chars()
                .next()
                .filter(|c| matches!(c, '"' | '\''));
            let start = found + quote.map_or(0, char::len_utf8);
            let end = html[start..]
                .find(|c: char| match quote {
                    Some(quote) => c == quote,
                    None => c.is_whitespace() || c == '>',
                })
                .map_or(html.len(), |i| start + i);
            out.push_str(&html[at..start]);
            let url = &html[start..end];
            match self.new_address_of(url) {
                Some(new) => out.push_str(&new),
                None => out.push_str(url),
            }
            at = end;
        }
        out.push_str(&html[at..]);
        out
    }

    /// The new address of the post `url` leads to, its `#fragment` kept, if it is one.
    fn new_address_of(&self, url: &str) -> Option<String> {
        let url = url.replace("&amp;", "&");
        let (url, fragment) = url.split_once('#').unwrap_or((&url, ""));
        let path = match host_and_path(url) {
            Some((host, path)) if self.hosts.contains(&plain_host(host)) => format!("/{path}"),
            Some(_) => return None,
            None if url.starts_with('/') => url.to_owned(),
            None => return None,
        };
        // `/?p=12`, `/index.php?p=12` or `/?p=12&foo`: the post numbered 12.
        let by_id = path.split_once('?').and_then(|(_, query)| {
            let id = query.split('&').find_map(|pair| pair.strip_prefix("p="))?;
            self.new_address.get(&format!("/?p={id}"))
        });
        let new = by_id.or_else(|| self.new_address.get(&with_slash(&path)))?;
        Some(match fragment {
            "" => new.clone(),
            fragment => format!("{new}#{fragment}"),
        })
    }
}

/// `path` ending in a slash, unless it has a query.
fn with_slash(path: &str) -> String {
    if path.ends_with('/') || path.contains('?') {
        path.to_owned()
    } else {
        format!("{path}/")
    }
}

/// The host and path of an absolute URL (`http://h/p`, `https://h/p`, `//h/p`).
fn host_and_path(url: &str) -> Option<(&str, &str)> {
    let rest = ["http://", "https://", "//"].iter().find_map(|scheme| {
        url.get(..scheme.len())
            .filter(|s| s.eq_ignore_ascii_case(scheme))
            .map(|_| &url[scheme.len()..])
    })?;
    Some(rest.split_once('/').unwrap_or((rest, "")))
}

/// A host as compared: lower case, without its port or `www.`.
fn plain_host(host: &str) -> String {
    let host = host.rsplit('@').next().unwrap_or(host).to_ascii_lowercase();
    let host = host.split(':').next().unwrap_or("");
    host.strip_prefix("www.").unwrap_or(host).to_owned()
}

/// The converter, in Carnet's Markdown style.
fn converter() -> HtmlToMarkdown {
    let options = Options {
        heading_style: HeadingStyle::Atx,
        hr_style: HrStyle::Dashes,
        br_style: BrStyle::Backslash,
        link_style: LinkStyle::InlinedPreferAutolinks,
        code_block_style: CodeBlockStyle::Fenced,
        code_block_fence: CodeBlockFence::Backticks,
        bullet_list_marker: BulletListMarker::Dash,
        ul_bullet_spacing: 1,
        ol_number_spacing: 1,
        ..Options::default()
    };
    HtmlToMarkdown::builder()
        .options(options)
        .skip_tags(vec!["script", "style", "noscript", "template"])
        .add_handler(vec!["figure"], figure)
        .add_handler(
            vec![
                "sup", "sub", "kbd", "abbr", "mark", "ins", "u", "small", "q", "cite",
            ],
            inline_html,
        )
        .add_handler(
            vec!["del", "s", "strike"],
            |handlers: &dyn Handlers, element: Element| {
                let inner = handlers.walk_children(element.node).content;
                Some(format!("~~{}~~", inner.trim()).into())
            },
        )
        .add_handler(vec!["iframe", "video", "audio", "embed"], embedded)
        .add_handler(vec!["table"], table)
        .add_handler(vec!["h1", "h2", "h3", "h4", "h5", "h6"], heading)
        .build()
}

/// A heading with an id keeps it (`## Titre {#id}`), so that links to its section, from the
/// post or from elsewhere, still lead there: its own `id` (the block editor's anchor), or that
/// of the first empty anchor in it (`<span id>`, `<a name>`: what table-of-contents plugins
/// insert). Without one, or one Carnet would not keep, Carnet makes it from the heading's text.
fn heading(handlers: &dyn Handlers, element: Element) -> Option<HandlerResult> {
    let anchor = || {
        element
            .node
            .children
            .borrow()
            .iter()
            .find_map(|child| match &child.data {
                NodeData::Element { name, attrs, .. }
                    if matches!(name.local.as_ref(), "span" | "a")
                        && child.children.borrow().is_empty() =>
                {
                    (attrs.borrow().iter())
                        .find(|a| matches!(a.name.local.as_ref(), "id" | "name"))
                        .map(|a| a.value.trim().to_owned())
                }
                _ => None,
            })
    };
    let id = (element.attrs.iter())
        .find(|a| a.name.local.as_ref() == "id")
        .map(|a| a.value.trim().to_owned())
        .or_else(anchor)
        .filter(|id| carnet_core::markdown::is_heading_id(id));
    let (Some(id), Some(level)) = (id, element.tag.strip_prefix('h')) else {
        return handlers.fallback(element);
    };
    let level: usize = level.parse().ok()?;
    let text = handlers.walk_children(element.node).content;
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        return handlers.fallback(element);
    }
    Some(format!("\n\n{} {text} {{#{id}}}\n\n", "#".repeat(level)).into())
}

/// A figure with a caption stays a `<figure>` (Markdown has no caption); without one, it is
/// its image.
fn figure(handlers: &dyn Handlers, element: Element) -> Option<HandlerResult> {
    let mut parts = FigureParts::default();
    parts.find(element.node, None);
    // A gallery (figures in a figure, or a list of them): each of its images in turn.
    let (Some(img), Some(caption), 1) = (parts.img, parts.caption, parts.images) else {
        return handlers.fallback(element);
    };
    let mut caption_html = String::new();
    for child in caption.children.borrow().iter() {
        inline_html_of(child, &mut caption_html);
    }
    let caption_html = caption_html
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if caption_html.is_empty() {
        return handlers.fallback(element);
    }
    let mut image = String::from("<img");
    for name in ["src", "alt", "width", "height"] {
        if let Some(value) = img.get(name) {
            image.push_str(&format!(" {name}=\"{}\"", escape(value)));
        }
    }
    image.push('>');
    if let Some(href) = parts.link {
        image = format!("<a href=\"{}\">{image}</a>", escape(&href));
    }
    Some(format!("\n\n<figure>{image}<figcaption>{caption_html}</figcaption></figure>\n\n").into())
}

/// What a figure holds.
#[derive(Default)]
struct FigureParts {
    /// The first image's attributes.
    img: Option<BTreeMap<String, String>>,
    /// How many images it holds.
    images: usize,
    /// The link around it, if any.
    link: Option<String>,
    caption: Option<Rc<Node>>,
}

impl FigureParts {
    fn find(&mut self, node: &Rc<Node>, link: Option<&str>) {
        for child in node.children.borrow().iter() {
            let NodeData::Element { name, attrs, .. } = &child.data else {
                continue;
            };
            let attrs: BTreeMap<String, String> = attrs
                .borrow()
                .iter()
                .map(|a| (a.name.local.to_string(), a.value.to_string()))
                .collect();
            match name.local.as_ref() {
                "img" => {
                    self.images += 1;
                    if self.img.is_none() {
                        self.img = Some(attrs);
                        self.link = link.map(str::to_owned);
                    }
                }
                "figcaption" if self.caption.is_none() => self.caption = Some(child.clone()),
                "a" => self.find(child, attrs.get("href").map(String::as_str)),
                _ => self.find(child, link),
            }
        }
    }
}

/// Writes `node` as inline HTML: text escaped, links, emphasis and a few inline elements kept,
/// any other element replaced by its content.
fn inline_html_of(node: &Rc<Node>, out: &mut String) {
    match &node.data {
        NodeData::Text { contents } => out.push_str(&escape(&contents.borrow())),
        NodeData::Element { name, attrs, .. } => {
            let tag = name.local.as_ref();
            let kept = [
                "a", "em", "strong", "i", "b", "code", "abbr", "sub", "sup", "cite", "q", "small",
            ];
            if tag == "br" {
                out.push_str("<br>");
                return;
            }
            let keep = kept.contains(&tag);
            if keep {
                out.push('<');
                out.push_str(tag);
                for attr in attrs.borrow().iter() {
                    let key = attr.name.local.as_ref();
                    if matches!((tag, key), ("a", "href") | (_, "title")) {
                        out.push_str(&format!(" {key}=\"{}\"", escape(&attr.value)));
                    }
                }
                out.push('>');
            }
            for child in node.children.borrow().iter() {
                inline_html_of(child, out);
            }
            if keep {
                out.push_str(&format!("</{tag}>"));
            }
        }
        _ => {}
    }
}

/// A table with a header row is a Markdown table. One without (WordPress's editors make them
/// so by default) has none in Markdown, whose tables need one: it stays an HTML table, each
/// cell's text and inline markup kept, and its spans.
fn table(handlers: &dyn Handlers, element: Element) -> Option<HandlerResult> {
    fn has_header(node: &Rc<Node>) -> bool {
        node.children
            .borrow()
            .iter()
            .any(|child| match &child.data {
                NodeData::Element { name, .. } => {
                    matches!(name.local.as_ref(), "th" | "thead") || has_header(child)
                }
                _ => false,
            })
    }
    fn rows(node: &Rc<Node>, out: &mut String) {
        for child in node.children.borrow().iter() {
            let NodeData::Element { name, attrs, .. } = &child.data else {
                continue;
            };
            match name.local.as_ref() {
                "tr" => {
                    out.push_str("<tr>");
                    rows(child, out);
                    out.push_str("</tr>\n");
                }
                "td" => {
                    out.push_str("<td");
                    for attr in attrs.borrow().iter() {
                        let key = attr.name.local.as_ref();
                        if matches!(key, "colspan" | "rowspan") {
                            out.push_str(&format!(" {key}=\"{}\"", escape(&attr.value)));
                        }
                    }
                    out.push('>');
                    let mut cell = String::new();
                    for part in child.children.borrow().iter() {
                        inline_html_of(part, &mut cell);
                    }
                    out.push_str(
                        cell.split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" ")
                            .as_str(),
                    );
                    out.push_str("</td>");
                }
                // The table's other parts (tbody, caption's siblings) hold the rows.
                "caption" | "colgroup" => {}
                _ => rows(child, out),
            }
        }
    }
    if has_header(element.node) {
        return handlers.fallback(element);
    }
    let mut html = String::from("\n\n<table>\n<tbody>\n");
    rows(element.node, &mut html);
    html.push_str("</tbody>\n</table>\n\n");
    Some(html.into())
}

/// An inline element Markdown has no syntax for (`<sup>`, `<kbd>`…) is kept as HTML around its
/// converted content.
fn inline_html(handlers: &dyn Handlers, element: Element) -> Option<HandlerResult> {
    let inner = handlers.walk_children(element.node).content;
    let title = element
        .attrs
        .iter()
        .find(|a| a.name.local.as_ref() == "title")
        .map(|a| format!(" title=\"{}\"", escape(&a.value)))
        .unwrap_or_default();
    Some(format!("<{tag}{title}>{inner}</{tag}>", tag = element.tag).into())
}

/// A frame, video or sound is written as a link to it: the site shows none of them.
fn embedded(_: &dyn Handlers, element: Element) -> Option<HandlerResult> {
    let own = element
        .attrs
        .iter()
        .find(|a| a.name.local.as_ref() == "src")
        .map(|a| a.value.to_string());
    let source = own.or_else(|| {
        element
            .node
            .children
            .borrow()
            .iter()
            .find_map(|child| match &child.data {
                NodeData::Element { name, attrs, .. } if name.local.as_ref() == "source" => attrs
                    .borrow()
                    .iter()
                    .find(|a| a.name.local.as_ref() == "src")
                    .map(|a| a.value.to_string()),
                _ => None,
            })
    });
    let url = source.filter(|url| {
        url.starts_with("http://") || url.starts_with("https://") || url.starts_with('/')
    })?;
    Some(format!("\n\n[{url}]({url})\n\n", url = url.replace(' ', "%20")).into())
}

/// Markdown with at most one blank line in a row, no blank lines around it, ending in a line
/// break.
fn tidy(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len() + 1);
    let mut blank = 0;
    for line in markdown.trim().lines() {
        let line = line.trim_end_matches([' ', '\t']);
        // A hard break (`\` at the end) is kept: trimming spaces only.
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::wordpress::shortcode::Image;

    struct NoImages;

    impl Library for NoImages {
        fn gallery(&self, _: Option<&str>) -> Vec<Image> {
            Vec::new()
        }
    }

    fn blog() -> UploadPath {
        UploadPath::new(["http://www.blog.example", "https://blog.example/"])
    }

    fn markdown(html: &str) -> String {
        convert(html, &blog(), &OldPosts::default(), &NoImages).markdown
    }

    #[test]
    fn a_headings_id_is_kept_for_the_links_to_its_section() {
        assert_eq!(
            markdown(
                "<h2 id=\"debut\">Le début</h2><p>a</p>\
                 <h3><span class=\"ez-toc-section\" id=\"La_suite\"></span>La <em>suite</em></h3>\
                 <h2><a name=\"fin\"></a>Fin</h2><h2 id=\"x y\">Sans</h2><h2>Rien</h2>"
            ),
            "## Le début {#debut}\n\na\n\n### La *suite* {#La_suite}\n\n## Fin {#fin}\n\n\
             ## Sans\n\n## Rien\n"
        );
    }

    #[test]
    fn a_classic_post_gets_paragraphs_line_breaks_and_decoded_entities() {
        assert_eq!(
            markdown(
                "C&#8217;est l&rsquo;&eacute;t&eacute;&nbsp;!\nDeuxième ligne.\n\n\
                 Spray &amp; Pray &laquo;&#160;oui&#160;&raquo;"
            ),
            "C’est l’été\u{a0}!\\\nDeuxième ligne.\n\nSpray & Pray «\u{a0}oui\u{a0}»\n"
        );
    }

    #[test]
    fn nested_lists_stay_nested_and_br_is_a_hard_break() {
        assert_eq!(
            markdown("<ul>\n<li>un<ul><li>a</li><li>b</li></ul></li>\n<li>deux<br />suite</li>\n</ul>\n<ol><li>x</li><li>y</li></ol>"),
            "- un\n  - a\n  - b\n- deux\\\n  suite\n\n1. x\n2. y\n"
        );
    }

    #[test]
    fn pre_without_code_is_a_code_block_and_tables_are_tables() {
        assert_eq!(
            markdown("<pre>fn main() {\n    println!(\"&lt;\");\n}</pre>"),
            "```\nfn main() {\n    println!(\"<\");\n}\n```\n"
        );
        assert_eq!(
            markdown("<pre class=\"brush: php; gutter: false\">echo 1;</pre>"),
            "```php\necho 1;\n```\n"
        );
        assert_eq!(
            markdown("<table><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>"),
            "| A | B |\n| - | - |\n| 1 | 2 |\n"
        );
    }

    #[test]
    fn php_and_html_in_a_code_shortcode_or_a_pre_are_code() {
        assert_eq!(
            markdown("[code lang=\"php\"]<?php echo \"<div class='x'>\"; ?>[/code]"),
            "```php\n<?php echo \"<div class='x'>\"; ?>\n```\n"
        );
        assert_eq!(
            markdown("<pre lang=\"php\"><?php echo 1; ?></pre>"),
            "```php\n<?php echo 1; ?>\n```\n"
        );
    }

    #[test]
    fn block_comments_are_dropped_and_a_code_block_keeps_its_language() {
        let html = "<!-- wp:paragraph -->\n<p>Un <strong>texte</strong>.</p>\n<!-- /wp:paragraph -->\n\n\
                    <!-- wp:code {\"language\":\"rust\"} -->\n<pre class=\"wp-block-code\"><code>let x = 1;\n\nlet y = 2;</code></pre>\n<!-- /wp:code -->\n\n\
                    <!-- wp:separator /-->\n\nLibre\nsur deux lignes";
        assert_eq!(
            markdown(html),
            "Un **texte**.\n\n```rust\nlet x = 1;\n\nlet y = 2;\n```\n\nLibre\\\nsur deux lignes\n"
        );
    }

    #[test]
    fn bare_urls_embeds_and_frames_become_links() {
        assert_eq!(
            markdown("Regardez :\nhttps://video.example/v/42\n\n<iframe src=\"https://video.example/e/42\"></iframe>"),
            "Regardez :\n\n<https://video.example/v/42>\n\n[https://video.example/e/42](https://video.example/e/42)\n"
        );
    }

    #[test]
    fn links_to_the_blogs_old_posts_lead_to_their_new_addresses() {
        let mut posts = OldPosts::default();
        posts.know_hosts(["http://blog.example"]);
        posts.insert("12", Some("/2009/10/billet/"), "/posts/billet/");
        posts.insert("13", Some("/?p=13"), "/posts/sans-permalien/");
        let html = "<a href=\"http://www.blog.example/2009/10/billet/#suite\">a</a> \
                    <a href='/2009/10/billet'>b</a> <a href=\"/?p=12\">c</a> \
                    <a href=\"https://blog.example/index.php?p=13&amp;x=1\">d</a> \
                    <a href=\"http://ailleurs.example/2009/10/billet/\">e</a> \
                    <a href=\"/2009/10/autre/\">f</a>";
        assert_eq!(
            posts.rewrite(html),
            "<a href=\"/posts/billet/#suite\">a</a> <a href='/posts/billet/'>b</a> \
             <a href=\"/posts/billet/\">c</a> <a href=\"/posts/sans-permalien/\">d</a> \
             <a href=\"http://ailleurs.example/2009/10/billet/\">e</a> <a href=\"/2009/10/autre/\">f</a>"
        );
    }

    #[test]
    fn a_table_without_a_header_row_stays_a_table() {
        assert_eq!(
            markdown(
                "<figure class=\"wp-block-table\"><table><tbody><tr><td>Ville</td><td>Habitants</td></tr>\
                 <tr><td colspan=\"2\"><a href=\"https://lyon.example/\">Lyon</a> <em>500 000</em></td></tr>\
                 </tbody></table></figure>"
            ),
            "<table>\n<tbody>\n<tr><td>Ville</td><td>Habitants</td></tr>\n\
             <tr><td colspan=\"2\"><a href=\"https://lyon.example/\">Lyon</a> <em>500 000</em></td></tr>\n\
             </tbody>\n</table>\n"
        );
    }

    #[test]
    fn a_gallery_of_the_block_editor_keeps_every_image() {
        let gallery = markdown(
            "<figure class=\"wp-block-gallery has-nested-images\">\
             <figure class=\"wp-block-image\"><img src=\"/a.jpg\" alt=\"A\"/></figure>\
             <figure class=\"wp-block-image\"><img src=\"/b.jpg\" alt=\"B\"/><figcaption>La B</figcaption></figure>\
             <figcaption class=\"blocks-gallery-caption\">Les deux</figcaption></figure>",
        );
        for part in [
            "![A](/a.jpg)",
            "<img src=\"/b.jpg\" alt=\"B\">",
            "La B",
            "Les deux",
        ] {
            assert!(gallery.contains(part), "{part} in {gallery}");
        }
    }

    #[test]
    fn uploads_of_wordpress_com_of_jetpack_and_from_the_root_are_the_blogs() {
        let mut found = BTreeMap::new();
        let html = blog().rewrite(
            "<img src=\"https://monblog.files.wordpress.com/2015/06/photo.jpg?w=640\"> \
             <img src=\"https://i0.wp.com/blog.example/wp-content/uploads/2015/06/b.png?resize=1\"> \
             <img src=\"/wp-content/uploads/2015/06/relatif.png\"> \
             <img src=\"https://i0.wp.com/ailleurs.example/wp-content/uploads/x.png\">",
            &mut found,
        );
        assert_eq!(
            html,
            "<img src=\"/images/2015/06/photo.jpg\"> <img src=\"/images/2015/06/b.png\"> \
             <img src=\"/images/2015/06/relatif.png\"> \
             <img src=\"https://i0.wp.com/ailleurs.example/wp-content/uploads/x.png\">"
        );
        // Each to fetch from an address with its host.
        assert_eq!(
            found.keys().map(String::as_str).collect::<Vec<_>>(),
            [
                "http://www.blog.example/wp-content/uploads/2015/06/relatif.png",
                "https://i0.wp.com/blog.example/wp-content/uploads/2015/06/b.png?resize=1",
                "https://monblog.files.wordpress.com/2015/06/photo.jpg?w=640",
            ]
        );
    }

    #[test]
    fn a_caption_is_a_figure_and_uploads_move_to_images() {
        let converted = convert(
            "[caption id=\"attachment_9\" width=\"300\"]<a href=\"http://blog.example/wp-content/uploads/2009/10/x.jpg\">\
             <img src=\"https://www.blog.example/wp-content/uploads/2009/10/x-300x200.jpg?w=300\" alt=\"X\" width=\"300\" /></a> \
             L&#8217;atelier[/caption]\n\n<img src=\"http://ailleurs.example/wp-content/uploads/y.jpg\" alt=\"Y\">",
            &blog(),
            &OldPosts::default(),
            &NoImages,
        );
        assert_eq!(
            converted.markdown,
            "<figure><a href=\"/images/2009/10/x.jpg\"><img src=\"/images/2009/10/x-300x200.jpg\" alt=\"X\" width=\"300\"></a>\
             <figcaption>L’atelier</figcaption></figure>\n\n![Y](http://ailleurs.example/wp-content/uploads/y.jpg)\n"
        );
        let uploads: Vec<(&str, &str)> = converted
            .uploads
            .iter()
            .map(|(url, path)| (url.as_str(), path.as_str()))
            .collect();
        assert_eq!(
            uploads,
            [
                (
                    "http://blog.example/wp-content/uploads/2009/10/x.jpg",
                    "2009/10/x.jpg"
                ),
                (
                    "https://www.blog.example/wp-content/uploads/2009/10/x-300x200.jpg?w=300",
                    "2009/10/x-300x200.jpg"
                ),
            ]
        );
    }

    #[test]
    fn uploads_outside_the_folder_or_going_up_are_not_local() {
        let blog = blog();
        assert_eq!(
            blog.local_path("/wp-content/uploads/a/b.png").as_deref(),
            Some("a/b.png")
        );
        for url in [
            "http://blog.example/wp-content/uploads/../../etc/passwd",
            "http://blog.example/wp-content/uploads/",
            "http://blog.example/wp-content/themes/x.png",
            "http://evil.example/wp-content/uploads/x.png",
            "wp-content/uploads/x.png",
        ] {
            assert_eq!(blog.local_path(url), None, "{url}");
        }
    }

    #[test]
    fn the_text_before_more_is_kept_apart_and_shortcodes_reported() {
        let converted = convert(
            "Le début.\n\n<!--more Lire la suite-->\n\nLa suite [contact-form id=\"1\"].",
            &blog(),
            &OldPosts::default(),
            &NoImages,
        );
        // Kept as text: its brackets escaped, so that Markdown shows them as written.
        assert_eq!(
            converted.markdown,
            "Le début.\n\nLa suite \\[contact-form id=\"1\"\\].\n"
        );
        assert_eq!(converted.before_more.as_deref(), Some("Le début.\n"));
        assert_eq!(
            converted.unknown_shortcodes.into_iter().collect::<Vec<_>>(),
            ["contact-form"]
        );
    }

    #[test]
    fn inline_elements_without_markdown_stay_html() {
        assert_eq!(
            markdown("<p>10<sup>e</sup> <del>faux</del> <kbd>Ctrl</kbd> <abbr title=\"World Wide Web\">WWW</abbr></p>"),
            "10<sup>e</sup> ~~faux~~ <kbd>Ctrl</kbd> <abbr title=\"World Wide Web\">WWW</abbr>\n"
        );
    }
}
