//! The site's stylesheet, split between each page's head and the end of its body: the head holds
//! the rules that can apply to the page's own elements, so that its text needs one request and
//! is styled when it first shows; the whole file, linked at the end of the body, comes next for
//! what the app draws later (other kinds of pages, loading and error states, search results).
//!
//! Linked in the head, the stylesheet blocked the first paint for one more round trip (150 ms on
//! a fast 3G link: BENCHMARKS.md, « Time to text »); whole in every head, it took 10 KB of each
//! page on disk. A stylesheet linked after the content does not hold back the paint of what comes
//! before it, and the app's script, which waits for it, starts once it is there.
//!
//! Minified on the way ([`minify`]): 14.4 KB of commented CSS becomes 10.6 KB, of which a page's
//! head keeps the rules whose selectors name only tags, classes and ids the page has
//! ([`Stylesheet::for_page`]): the way PurgeCSS decides, a superset of the rules that match.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::Path;

/// The stylesheets Trunk linked in its page's head, taken out of it ([`Stylesheet::take_from`]):
/// their rules, for each page's head, and their links, for the end of each page's body.
#[derive(Default)]
pub struct Stylesheet {
    /// Trunk's `<link>`s, in their order.
    links: String,
    /// The files' text, minified, in the same order.
    css: String,
    /// The same, read into rules.
    parts: Vec<Part>,
}

impl Stylesheet {
    /// `template` (Trunk's page) without each `<link rel="stylesheet">` of its head whose file
    /// Trunk wrote at the top of `out`, and those stylesheets. A stylesheet from elsewhere, one
    /// that could end a `<style>` element early (`</style`), or one the author gave an
    /// attribute of their own (`media="print"`, `title`…, which Trunk passes on and a `<style>`
    /// would not keep the same: a print sheet does not block the text anyway) stays linked in
    /// the head.
    pub fn take_from(template: &str, out: &Path) -> io::Result<(String, Stylesheet)> {
        let head_end = template.find("</head>").unwrap_or(template.len());
        let mut page = String::with_capacity(template.len());
        let mut stylesheet = Stylesheet::default();
        let mut rest = 0;
        for (at, _) in template[..head_end].match_indices("<link") {
            let Some(end) = template[at..].find('>').map(|end| at + end + 1) else {
                break;
            };
            let attributes: Vec<(&str, Option<&str>)> = attributes(&template[at..end]).collect();
            let value = |wanted: &str| {
                let found = attributes.iter().find(|(name, _)| *name == wanted);
                found.and_then(|(_, value)| *value)
            };
            let trunks_own = |(name, _): &(&str, Option<&str>)| {
                matches!(*name, "rel" | "href" | "integrity" | "crossorigin")
            };
            if value("rel") != Some("stylesheet") || !attributes.iter().all(trunks_own) {
                continue;
            }
            let Some(name) = value("href").and_then(top_level_file) else {
                continue;
            };
            let css = match fs::read_to_string(out.join(name)) {
                Ok(css) => minify(&css),
                Err(error) if error.kind() == io::ErrorKind::NotFound => continue,
                Err(error) => return Err(io::Error::new(error.kind(), format!("{name}: {error}"))),
            };
            if css.to_ascii_lowercase().contains("</style") {
                continue;
            }
            page.push_str(&template[rest..at]);
            stylesheet.links.push_str(&template[at..end]);
            stylesheet.css.push_str(&css);
            rest = end;
        }
        page.push_str(&template[rest..]);
        stylesheet.parts = parts(&stylesheet.css);
        Ok((page, stylesheet))
    }

    /// The rules a page whose HTML is `html` can use on screen, in their order, inside the
    /// groups (`@media`…) that hold them: those with a selector every tag, class and id of which
    /// is in `html`. What a selector says beyond those (attributes, pseudo-classes, what `:is()`
    /// or `:not()` hold) is taken as matching, so the head may keep a rule that matches nothing,
    /// never drop one that matches. Rules other than style rules (`@font-face`…) are all kept.
    /// Two things the page's first paint does not need stay in the file only: `@media print`,
    /// and the custom properties (`--name: …`) that no rule kept and nothing in `html` uses.
    pub fn for_page(&self, html: &str) -> String {
        let present = Present::in_html(html);
        let mut kept = String::new();
        write_used(&self.parts, &present, None, &mut kept);
        let used: HashSet<&str> = var_references(&kept).chain(var_references(html)).collect();
        let mut css = String::with_capacity(kept.len());
        write_used(&self.parts, &present, Some(&used), &mut css);
        css
    }

    /// Trunk's `<link>`s to the stylesheets, for the end of a page's body.
    pub fn links(&self) -> &str {
        &self.links
    }

    /// The stylesheets' whole text, minified: what the pages depend on.
    pub fn css(&self) -> &str {
        &self.css
    }
}

/// A part of a stylesheet, as [`Stylesheet::for_page`] sorts them.
enum Part {
    /// A style rule, `selectors{declarations}`: kept if one of its selectors can match.
    Rule {
        /// What each selector of the list needs the page to have; `None` for a selector this
        /// reading cannot judge (an escape, nesting), always kept.
        selectors: Vec<Option<Vec<Needed>>>,
        /// The selectors as written.
        prelude: String,
        /// Each declaration as written (`color:red`), with the name it sets if it is a custom
        /// property's (`--bg`).
        declarations: Vec<(Option<String>, String)>,
    },
    /// A conditional group, `@media …{` and its parts: kept if one of them is, unless it is
    /// for print only.
    Group {
        start: String,
        for_print: bool,
        parts: Vec<Part>,
    },
    /// Any other at-rule, whole: always kept.
    Kept(String),
}

/// A tag, class or id a selector names, which the page must have for it to match.
#[derive(Debug, PartialEq)]
enum Needed {
    Tag(String),
    Class(String),
    Id(String),
}

/// The tags, classes and ids an HTML text has.
struct Present<'a> {
    tags: HashSet<Cow<'a, str>>,
    classes: HashSet<&'a str>,
    ids: HashSet<&'a str>,
}

impl<'a> Present<'a> {
    /// What `html` has (a page's body, which the `html` and `body` elements hold): each `<tag`,
    /// each word of a `class` attribute, each `id`. Text that only looks like a tag or an
    /// attribute (in a script's JSON) counts too: that only keeps a rule more.
    fn in_html(html: &'a str) -> Present<'a> {
        let mut present = Present {
            tags: HashSet::from([Cow::Borrowed("html"), Cow::Borrowed("body")]),
            classes: HashSet::new(),
            ids: HashSet::new(),
        };
        for (at, _) in html.match_indices('<') {
            let name = identifier(&html[at + 1..]);
            if name.starts_with(|c: char| c.is_ascii_alphabetic()) {
                // Written in lower case by every HTML writer the site has: no copy then.
                let name = match name.bytes().any(|b| b.is_ascii_uppercase()) {
                    true => Cow::Owned(name.to_ascii_lowercase()),
                    false => Cow::Borrowed(name),
                };
                present.tags.insert(name);
            }
        }
        for (attribute, into) in [("class=", &mut present.classes), ("id=", &mut present.ids)] {
            for (at, _) in html.match_indices(attribute) {
                let before = html[..at].chars().next_back();
                if !before.is_some_and(|c| c.is_ascii_whitespace()) {
                    continue;
                }
                let value = &html[at + attribute.len()..];
                let value = match value.chars().next() {
                    Some(quote @ ('"' | '\'')) => {
                        let value = &value[1..];
                        &value[..value.find(quote).unwrap_or(value.len())]
                    }
                    _ => {
                        &value[..value
                            .find(|c: char| c.is_ascii_whitespace() || c == '>')
                            .unwrap_or(value.len())]
                    }
                };
                into.extend(value.split_ascii_whitespace());
            }
        }
        present
    }

    fn has(&self, needed: &Needed) -> bool {
        match needed {
            Needed::Tag(tag) => self.tags.contains(tag.as_str()),
            Needed::Class(class) => self.classes.contains(class.as_str()),
            Needed::Id(id) => self.ids.contains(id.as_str()),
        }
    }
}

/// Writes into `css` the parts of `parts` the page that has `present` can use on screen, with
/// only the custom properties in `used`, if given.
fn write_used(parts: &[Part], present: &Present, used: Option<&HashSet<&str>>, css: &mut String) {
    for part in parts {
        match part {
            Part::Rule {
                selectors,
                prelude,
                declarations,
            } => {
                let can_match = |selector: &Option<Vec<Needed>>| {
                    selector
                        .as_ref()
                        .is_none_or(|needed| needed.iter().all(|needed| present.has(needed)))
                };
                if !selectors.iter().any(can_match) {
                    continue;
                }
                let wanted = |(property, _): &&(Option<String>, String)| match (property, used) {
                    (Some(property), Some(used)) => used.contains(property.as_str()),
                    _ => true,
                };
                let mut declarations = declarations.iter().filter(wanted).map(|(_, text)| text);
                let Some(first) = declarations.next() else {
                    continue;
                };
                css.push_str(prelude);
                css.push('{');
                css.push_str(first);
                for declaration in declarations {
                    css.push(';');
                    css.push_str(declaration);
                }
                css.push('}');
            }
            Part::Group {
                for_print: true, ..
            } => {}
            Part::Group { start, parts, .. } => {
                let before = css.len();
                css.push_str(start);
                let inside = css.len();
                write_used(parts, present, used, css);
                if css.len() == inside {
                    css.truncate(before);
                } else {
                    css.push('}');
                }
            }
            Part::Kept(text) => css.push_str(text),
        }
    }
}

/// `css` (minified: no comments) read into its parts. What it cannot read (an unclosed block)
/// is kept whole.
fn parts(css: &str) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut rest = css.trim_start();
    while !rest.is_empty() {
        let Some(open) = find_outside_strings(rest, |c| c == '{' || c == ';') else {
            parts.push(Part::Kept(rest.to_owned()));
            break;
        };
        if rest[open..].starts_with(';') {
            // A statement: `@import …;`, `@charset …;`.
            parts.push(Part::Kept(rest[..=open].to_owned()));
            rest = rest[open + 1..].trim_start();
            continue;
        }
        let Some(close) = matching_brace(rest, open) else {
            parts.push(Part::Kept(rest.to_owned()));
            break;
        };
        let prelude = rest[..open].trim();
        let at_rule = prelude.strip_prefix('@').map(identifier);
        parts.push(match at_rule {
            Some(name) if ["media", "supports", "container", "layer"].contains(&name) => {
                Part::Group {
                    start: rest[..=open].to_owned(),
                    for_print: prelude == "@media print",
                    parts: self::parts(&rest[open + 1..close]),
                }
            }
            Some(_) => Part::Kept(rest[..=close].to_owned()),
            None => Part::Rule {
                selectors: split_outside(prelude, ',').map(needed).collect(),
                prelude: rest[..open].to_owned(),
                declarations: split_outside(&rest[open + 1..close], ';')
                    .filter(|declaration| !declaration.trim().is_empty())
                    .map(|declaration| {
                        let name = declaration.split(':').next().unwrap_or("").trim();
                        let custom = name.starts_with("--").then(|| name.to_owned());
                        (custom, declaration.to_owned())
                    })
                    .collect(),
            },
        });
        rest = rest[close + 1..].trim_start();
    }
    parts
}

/// What `selector` needs the page to have: the tags, classes and ids it names outside
/// parentheses and brackets; `None` if it holds what this reading does not judge (an escape,
/// a namespace, nesting's `&`).
fn needed(selector: &str) -> Option<Vec<Needed>> {
    let mut needed = Vec::new();
    let mut rest = selector.trim();
    // At the start of a compound selector, where a tag name can be.
    let mut compound_start = true;
    while let Some(c) = rest.chars().next() {
        let after = &rest[c.len_utf8()..];
        match c {
            '\\' | '&' | '|' => return None,
            '(' | '[' | '"' | '\'' => {
                let close = matching(rest)?;
                rest = &rest[close + 1..];
                compound_start = false;
                continue;
            }
            '.' | '#' => {
                let name = identifier(after);
                needed.push(match c {
                    '.' => Needed::Class(name.to_owned()),
                    _ => Needed::Id(name.to_owned()),
                });
                rest = &after[name.len()..];
                compound_start = false;
                continue;
            }
            ':' => {
                let name = identifier(after.trim_start_matches(':'));
                rest = &after.trim_start_matches(':')[name.len()..];
                compound_start = false;
                continue;
            }
            ' ' | '>' | '+' | '~' => compound_start = true,
            _ if compound_start && (c.is_alphabetic() || c == '_' || c == '-') => {
                let name = identifier(rest);
                needed.push(Needed::Tag(name.to_ascii_lowercase()));
                rest = &rest[name.len()..];
                compound_start = false;
                continue;
            }
            _ => compound_start = false,
        }
        rest = after;
    }
    Some(needed)
}

/// The custom properties `text` reads: each `--name` of a `var(--name…)`.
fn var_references(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices("var(").filter_map(|(at, _)| {
        let name = identifier(text[at + "var(".len()..].trim_start());
        name.starts_with("--").then_some(name)
    })
}

/// The CSS identifier `text` starts with (letters, digits, `-`, `_`, any non-ASCII).
fn identifier(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_' || !c.is_ascii()))
        .unwrap_or(text.len());
    &text[..end]
}

/// Where the first character of `text` outside strings for which `wanted` holds is.
fn find_outside_strings(text: &str, wanted: impl Fn(char) -> bool) -> Option<usize> {
    let mut chars = text.char_indices();
    while let Some((at, c)) = chars.next() {
        if wanted(c) {
            return Some(at);
        }
        if c == '"' || c == '\'' {
            skip_string(&mut chars, c);
        }
    }
    None
}

/// Moves `chars` past the end of a string opened by `quote`.
fn skip_string(chars: &mut std::str::CharIndices, quote: char) {
    while let Some((_, s)) = chars.next() {
        if s == '\\' {
            chars.next();
        } else if s == quote {
            break;
        }
    }
}

/// Where the `}` closing the block opened at `open` in `text` is (blocks nest; strings hold none).
fn matching_brace(text: &str, open: usize) -> Option<usize> {
    matching(&text[open..]).map(|close| open + close)
}

/// Where what `text` opens with (`(`, `[`, `{` or a quote) closes, in `text`.
fn matching(text: &str) -> Option<usize> {
    let mut chars = text.char_indices();
    let (_, first) = chars.next()?;
    if first == '"' || first == '\'' {
        while let Some((at, c)) = chars.next() {
            if c == '\\' {
                chars.next();
            } else if c == first {
                return Some(at);
            }
        }
        return None;
    }
    if !matches!(first, '(' | '[' | '{') {
        return None;
    }
    let mut depth = 1usize;
    while let Some((at, c)) = chars.next() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(at);
                }
            }
            '"' | '\'' => skip_string(&mut chars, c),
            _ => {}
        }
    }
    None
}

/// The pieces of `text` between each `separator` outside parentheses, brackets and strings.
fn split_outside(text: &str, separator: char) -> impl Iterator<Item = &str> {
    let mut pieces = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    let mut chars = text.char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            '"' | '\'' => skip_string(&mut chars, c),
            _ if c == separator && depth == 0 => {
                pieces.push(&text[start..at]);
                start = at + c.len_utf8();
            }
            _ => {}
        }
    }
    pieces.push(&text[start..]);
    pieces.into_iter()
}

/// The attributes of the tag `tag` (`<link a="…" b='…' c=d e>`): each name, with its value if
/// it has one.
fn attributes(tag: &str) -> impl Iterator<Item = (&str, Option<&str>)> {
    let mut rest = tag.strip_prefix("<link").unwrap_or(tag);
    std::iter::from_fn(move || {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        let end = rest.find(|c: char| c == '=' || c == '>' || c == '/' || c.is_whitespace())?;
        if end == 0 {
            return None;
        }
        let name = &rest[..end];
        rest = rest[end..].trim_start();
        let Some(after_equals) = rest.strip_prefix('=') else {
            return Some((name, None));
        };
        let value = after_equals.trim_start();
        let (value, after) = match value.chars().next() {
            Some(quote @ ('"' | '\'')) => match value[1..].find(quote) {
                Some(close) => (&value[1..1 + close], &value[close + 2..]),
                None => (&value[1..], ""),
            },
            _ => {
                let end = value
                    .find(|c: char| c.is_whitespace() || c == '>')
                    .unwrap_or(value.len());
                (&value[..end], &value[end..])
            }
        };
        rest = after;
        Some((name, Some(value)))
    })
}

/// The name of the file at the top of the site an `href` of Trunk's points to (`/style-….css`,
/// or under the public URL: `/blog/style-….css`); `None` for another host's.
fn top_level_file(href: &str) -> Option<&str> {
    if href.contains("//") || href.contains('?') || href.contains('#') {
        return None;
    }
    let name = href.rsplit('/').next()?;
    (!name.is_empty() && name != ".." && name != ".").then_some(name)
}

/// `css` without its comments and without the spaces it does not need: a run of spaces becomes
/// one, and none is kept beside `{`, `}`, `;`, `,`, `>` or after `:` and `(`; the `;` before a
/// `}` goes too. Strings are kept as they are. A space before `:` stays (`.post-body :is(h2)` is
/// not `.post-body:is(h2)`), and so do those around `+`, `-` and `*` (`calc(1rem + 2vw)`).
pub fn minify(css: &str) -> String {
    /// Characters beside which a space means nothing.
    fn bare_before(c: char) -> bool {
        matches!(c, '{' | '}' | ';' | ',' | '>' | ')' | '!')
    }
    fn bare_after(c: char) -> bool {
        matches!(c, '{' | '}' | ';' | ',' | '>' | ':' | '(')
    }
    let mut out = String::with_capacity(css.len());
    let mut space = false;
    let mut chars = css.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '/' && chars.peek() == Some(&'*') {
            chars.next();
            let mut previous = ' ';
            for c in chars.by_ref() {
                if previous == '*' && c == '/' {
                    break;
                }
                previous = c;
            }
            space = true;
            continue;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if c == '}' && out.ends_with(';') {
            out.pop();
        }
        if space && !out.is_empty() && !out.ends_with(bare_after) && !bare_before(c) {
            out.push(' ');
        }
        space = false;
        out.push(c);
        if c == '"' || c == '\'' {
            // A string, to its closing quote; a backslash escapes the next character.
            while let Some(s) = chars.next() {
                out.push(s);
                if s == '\\' {
                    out.extend(chars.next());
                } else if s == c {
                    break;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_needless_spaces_go() {
        let css = "/* Colours. */\n:root {\n  --bg: #fff;  /* paper */\n  --fg: #000;\n}\n\n\
                   a, b > c { color: var(--fg); }\n@media (min-width: 60rem) {\n  .x { gap: 1rem; }\n}\n";
        assert_eq!(
            minify(css),
            ":root{--bg:#fff;--fg:#000}a,b>c{color:var(--fg)}@media (min-width:60rem){.x{gap:1rem}}"
        );
    }

    #[test]
    fn spaces_that_change_the_meaning_stay() {
        // A descendant's pseudo-class, an operator of calc(), words of a media query, values.
        for css in [
            ".post-body :is(h1, h2){scroll-margin-top:1rem}",
            "h1{font-size:clamp(1.7rem, 1.2rem + 2vw, 2.4rem)}",
            "@media screen and (max-width:30rem){a{b:c}}",
            "a{margin:0 auto;border:1px solid var(--rule)}",
            ".a + .b ~ .c *{x:y}",
            "a{display:none !important}",
        ] {
            let expected = css.replace(", ", ",").replace(" !", "!");
            assert_eq!(minify(css), expected, "{css}");
        }
    }

    #[test]
    fn strings_are_kept_whole() {
        let css = "a::after { content: \" (\"  attr(href)  \") /* not a comment */\"; }\n\
                   ul { list-style-type: '–  \\'x\\' '; }";
        assert_eq!(
            minify(css),
            "a::after{content:\" (\" attr(href) \") /* not a comment */\"}\
             ul{list-style-type:'–  \\'x\\' '}"
        );
    }

    #[test]
    fn the_sites_stylesheet_keeps_every_rule() {
        let css = include_str!("../../../public/style.css");
        let minified = minify(css);
        assert!(minified.len() * 100 < css.len() * 75, "{}", minified.len());
        assert_eq!(minified.matches('{').count(), css.matches('{').count());
        assert_eq!(minified.matches('}').count(), css.matches('}').count());
        assert!(minified.contains(".post-body :is(h1,h2,h3,h4,h5,h6)"));
        assert!(minified.contains("clamp(1.7rem,1.2rem + 2vw,2.4rem)"));
        assert_eq!(
            minify(&minified),
            minified,
            "minifying twice changes nothing"
        );
    }

    #[test]
    fn a_tags_attributes_are_read_whatever_their_quotes() {
        let read: Vec<(&str, Option<&str>)> = attributes(
            "<link rel=\"stylesheet\" href='/a b.css' media=print disabled title = \"x>y\"/>",
        )
        .collect();
        assert_eq!(
            read,
            [
                ("rel", Some("stylesheet")),
                ("href", Some("/a b.css")),
                ("media", Some("print")),
                ("disabled", None),
                ("title", Some("x>y")),
            ]
        );
        assert_eq!(attributes("<link>").count(), 0);
    }

    #[test]
    fn the_stylesheet_trunk_wrote_is_taken_out_of_the_head() {
        let out = std::env::temp_dir().join(format!("carnet-inline-{}", std::process::id()));
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("style-1a.css"), "a {\n  color: red;\n}\n").unwrap();
        fs::write(out.join("closing.css"), "a::after { content: '</style>'; }").unwrap();
        let template = "<html><head><meta charset=\"utf-8\">\
            <link rel=\"icon\" href=\"/blog/favicon.svg\"/>\
            <link rel=\"stylesheet\" href=\"/blog/style-1a.css\" integrity=\"sha384-x\"/>\
            <link rel=\"stylesheet\" href=\"https://cdn.example/x.css\"/>\
            <link rel=\"stylesheet\" href=\"/missing.css\"/>\
            <link rel=\"stylesheet\" href=\"/closing.css\"/>\
            <link rel=\"stylesheet\" href=\"/style-1a.css\" media=\"print\"/>\
            </head><body><link rel=\"stylesheet\" href=\"/style-1a.css\"/></body></html>";
        let (page, stylesheet) = Stylesheet::take_from(template, &out).unwrap();
        fs::remove_dir_all(&out).unwrap();
        assert_eq!(
            page,
            "<html><head><meta charset=\"utf-8\">\
            <link rel=\"icon\" href=\"/blog/favicon.svg\"/>\
            <link rel=\"stylesheet\" href=\"https://cdn.example/x.css\"/>\
            <link rel=\"stylesheet\" href=\"/missing.css\"/>\
            <link rel=\"stylesheet\" href=\"/closing.css\"/>\
            <link rel=\"stylesheet\" href=\"/style-1a.css\" media=\"print\"/>\
            </head><body><link rel=\"stylesheet\" href=\"/style-1a.css\"/></body></html>"
        );
        assert_eq!(
            stylesheet.links(),
            "<link rel=\"stylesheet\" href=\"/blog/style-1a.css\" integrity=\"sha384-x\"/>"
        );
        assert_eq!(stylesheet.css(), "a{color:red}");
        assert_eq!(stylesheet.for_page("<p><a href=x>"), "a{color:red}");
        assert_eq!(stylesheet.for_page("<p>"), "");
        let (again, none) = Stylesheet::take_from(&page, Path::new("/nonexistent")).unwrap();
        assert_eq!(
            (again.as_str(), none.links(), none.css()),
            (page.as_str(), "", "")
        );
    }

    /// `css`, read and written again for a page whose HTML is `html`.
    fn for_page(css: &str, html: &str) -> String {
        Stylesheet {
            parts: parts(css),
            ..Stylesheet::default()
        }
        .for_page(html)
    }

    #[test]
    fn a_page_keeps_the_rules_its_tags_classes_and_ids_can_match() {
        let css = ":root{--a:1}body{margin:var(--a)}*{box-sizing:border-box}\
                   .card h2{a:b}.pager a,.toc{c:d}#contenu h1:focus{e:f}\
                   pre code{g:h}table,th{i:j}.x.y{k:l}ul>li+li~li{m:n}";
        let html = "<main id=\"contenu\"><h1 tabindex=-1>T</h1>\
                    <nav class='toc big'><ul><li>a<li>b</ul></nav><div class=card>x</div></main>";
        assert_eq!(
            for_page(css, html),
            ":root{--a:1}body{margin:var(--a)}*{box-sizing:border-box}\
             .pager a,.toc{c:d}#contenu h1:focus{e:f}ul>li+li~li{m:n}"
        );
    }

    #[test]
    fn what_a_selector_says_beyond_names_is_taken_as_matching() {
        // Attributes, pseudo-classes and elements, and what `:is()` or `:not()` hold, are not
        // judged: the rule stays if the names outside them are there.
        let css = ":root[data-theme=\"dark\"] .tok{a:b}a:hover::after{c:d}\
                   .post-body :is(h2,h3){e:f}li:not(.selected){g:h}\
                   input[type=\"search\"]::placeholder{i:j}.missing:is(p){k:l}";
        let html = "<div class=\"post-body tok\"><a href=\"/\">x</a><ul><li>y</li></ul></div>";
        assert_eq!(
            for_page(css, html),
            ":root[data-theme=\"dark\"] .tok{a:b}a:hover::after{c:d}\
             .post-body :is(h2,h3){e:f}li:not(.selected){g:h}"
        );
    }

    #[test]
    fn groups_keep_the_rules_the_page_uses_and_go_when_none_is_left() {
        let css = "@media (min-width:60rem){.columns{a:b}.pager{c:d}}\
                   @media print{.search-box{display:none}}\
                   @supports (display:grid){@media screen{.columns{e:f}}}\
                   @font-face{font-family:x;src:url(x.woff2)}@import \"x.css\";\
                   .a\\:b{g:h}";
        assert_eq!(
            for_page(css, "<div class=\"columns\"></div>"),
            "@media (min-width:60rem){.columns{a:b}}\
             @supports (display:grid){@media screen{.columns{e:f}}}\
             @font-face{font-family:x;src:url(x.woff2)}@import \"x.css\";.a\\:b{g:h}"
        );
    }

    #[test]
    fn strings_and_braces_in_values_do_not_end_a_rule() {
        let css = ".a::after{content:\"}{,\"}.b{c:d}";
        assert_eq!(for_page(css, "<p class=a>"), ".a::after{content:\"}{,\"}");
        assert_eq!(for_page(css, "<p class=b>"), ".b{c:d}");
        // An unclosed block is kept as it is.
        assert_eq!(for_page(".a{b:c}.d{e", "<p>"), ".d{e");
    }

    #[test]
    fn the_sites_stylesheet_gives_each_page_less_and_keeps_what_every_page_has() {
        let css = minify(include_str!("../../../public/style.css"));
        let page =
            "<header class=\"site-header\"><a class=\"site-title\" href=\"/\">C</a></header>\
                    <main id=\"contenu\"><article><h1>T</h1><p>x</p></article></main>";
        let kept = for_page(&css, page);
        assert!(
            kept.len() * 2 < css.len(),
            "{} of {}",
            kept.len(),
            css.len()
        );
        assert!(kept.starts_with(":root{"), "{kept}");
        assert!(kept.contains("body{"), "{kept}");
        assert!(!kept.contains(".search-results"), "{kept}");
        let print = css.find("@media print{").unwrap();
        let print_end = matching_brace(&css, print + "@media print".len()).unwrap();
        assert_eq!(
            for_page(&css, &format!("{page}{}", everything_named_in(&css))),
            format!("{}{}", &css[..print], &css[print_end + 1..]),
            "a page with every name keeps every rule but those for print"
        );
    }

    #[test]
    fn rules_for_print_and_custom_properties_nothing_uses_stay_in_the_file() {
        let css = ":root{--bg:white;--fg:black;--hl:red;--unused:0}\
                   @media (prefers-color-scheme:dark){:root{--bg:black;--hl:pink}}\
                   :root[data-theme=\"dark\"]{--hl:pink}\
                   body{background:var(--bg);color:var( --fg)}.hl{color:var(--hl)}\
                   @media print{body{background:white}}";
        assert_eq!(
            for_page(css, "<p>"),
            ":root{--bg:white;--fg:black}\
             @media (prefers-color-scheme:dark){:root{--bg:black}}\
             body{background:var(--bg);color:var( --fg)}"
        );
        assert_eq!(
            for_page(css, "<p class=\"hl\" style=\"border-color:var(--unused)\">"),
            ":root{--bg:white;--fg:black;--hl:red;--unused:0}\
             @media (prefers-color-scheme:dark){:root{--bg:black;--hl:pink}}\
             :root[data-theme=\"dark\"]{--hl:pink}\
             body{background:var(--bg);color:var( --fg)}.hl{color:var(--hl)}"
        );
    }

    /// An HTML text with an element of every tag, class and id `css` names.
    fn everything_named_in(css: &str) -> String {
        fn walk(parts: &[Part], html: &mut String) {
            for part in parts {
                match part {
                    Part::Rule { selectors, .. } => {
                        for needed in selectors.iter().flatten().flatten() {
                            html.push_str(&match needed {
                                Needed::Tag(tag) => format!("<{tag}>"),
                                Needed::Class(class) => format!("<i class=\"{class}\">"),
                                Needed::Id(id) => format!("<i id=\"{id}\">"),
                            });
                        }
                    }
                    Part::Group { parts, .. } => walk(parts, html),
                    Part::Kept(_) => {}
                }
            }
        }
        let mut html = String::new();
        walk(&parts(css), &mut html);
        html
    }
}
