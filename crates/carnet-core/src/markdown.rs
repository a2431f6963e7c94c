//! Markdown: the one place that parses it, with one set of options, and makes its HTML safe.
//!
//! Posts are CommonMark plus tables, footnotes, strikethrough, task lists, smart punctuation and
//! heading attributes. Nobody else calls pulldown-cmark: the app renders bodies with [`to_html`]
//! and the content tool makes excerpts with [`excerpt`], counts words with [`word_count`] and
//! sets titles with [`plain_text`], so all read a post the same.
//!
//! What [`to_html`] adds to the author's Markdown, in the blog's [`Language`]:
//! - an `id` on every heading, and a visible anchor link in it to that id
//!   (`<a class="heading-anchor" href="#id" aria-label="Lien vers cette section : Titre">#</a>`);
//! - a table of contents before the body when it has three headings or more ([`crate::toc`]);
//! - footnotes that link both ways: each reference (`id="note-<slug>-ref"`, then `-ref-2`…)
//!   to its note (`id="note-<slug>"`), and the note back to each of its references
//!   (`<a class="footnote-back">`);
//! - in French, the no-break spaces of French typography ([`crate::typography`]) in the text,
//!   never in code (spans or blocks), in an autolink's URL, in URLs or in raw HTML.
//!
//! Safety: [`to_html`] returns [`SafeHtml`], which nothing else can make. Everything it renders,
//! the author's own HTML and Markdown's alike, goes through the allow-list of
//! [`crate::sanitize`]: harmless HTML stays, anything that could run a script, load another
//! document or restyle the page goes, and links and images whose URL could run script lose it.
//! The pre-rendered page, the app and the feed all take their HTML from here, so they apply the
//! same rule.

use crate::i18n::Strings;
use crate::model::{CodeHighlight, ImageSize, Language};
use crate::page_ids;
use crate::sanitize::{self, escape, sanitize};
use crate::slug::slugify;
use crate::toc::{self, Heading};
use crate::typography;
use pulldown_cmark::{
    CowStr, DefaultBrokenLinkCallback, Event, HeadingLevel, LinkType, OffsetIter, Options, Parser,
    Tag, TagEnd, TextMergeStream, TextMergeWithOffset,
};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::ops::Range;

/// HTML that is safe to put in a page: only [`to_html`] and [`from_page`] make it, both through
/// the allow-list of [`crate::sanitize`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SafeHtml(String);

impl SafeHtml {
    /// The HTML.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SafeHtml {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The parser every caller gets: Carnet's one set of Markdown options, its text in one piece
/// between two other events (smart punctuation and `!`, `[` would cut it).
pub(crate) fn parser(markdown: &str) -> TextMergeStream<'_, Parser<'_>> {
    TextMergeStream::new(Parser::new_ext(markdown, OPTIONS))
}

/// [`parser`], each event with where it is in `markdown`.
pub(crate) fn parser_with_offsets(
    markdown: &str,
) -> TextMergeWithOffset<'_, OffsetIter<'_, DefaultBrokenLinkCallback>> {
    TextMergeWithOffset::new(Parser::new_ext(markdown, OPTIONS).into_offset_iter())
}

/// What Carnet's Markdown has beyond CommonMark.
const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_TASKLISTS)
    .union(Options::ENABLE_SMART_PUNCTUATION)
    .union(Options::ENABLE_HEADING_ATTRIBUTES);

/// Renders a post body to safe HTML, for a blog in `language`.
///
/// `base` is the site's base path (`/`, or `/blog/` when served under a sub-path), or its whole
/// URL for a page read elsewhere (a feed): links and images written site-absolute,
/// `/images/x.svg`, are resolved under it. Every heading gets an `id` (its own `{#id}` if it is
/// a plain word, else the slug of its text, made unique) and an anchor link to it; a heading's
/// other attributes (`{.class key=value}`) are dropped. A post of three headings or more gets
/// a table of contents; footnotes link both ways; a French post gets French typography (see
/// the module's documentation). HTML in the post is kept as far as the allow-list of
/// [`crate::sanitize`] goes.
pub fn to_html(markdown: &str, base: &str, language: Language) -> SafeHtml {
    to_highlighted_html(markdown, &[], &[], base, language)
}

/// [`to_html`], with the code blocks that `code` (a post's [`crate::model::Post::code`])
/// highlights cut into token spans ([`crate::highlight`]), and the site's images that `images`
/// gives the size of ([`crate::model::Post::images`]) given their width and height; the app
/// and the pre-renderer both render a post's body with it, from the same data, so the two
/// agree.
pub fn to_highlighted_html(
    markdown: &str,
    code: &[CodeHighlight],
    images: &[ImageSize],
    base: &str,
    language: Language,
) -> SafeHtml {
    let strings = language.strings();
    let (mut events, ranges): (Vec<Event<'_>>, Vec<Range<usize>>) = parser_with_offsets(markdown)
        .map(|(event, range)| (with_plain_footnote_ids(event), range))
        .unzip();
    let in_code = inside_inline_html(&events, &CODE_ELEMENTS);
    with_code_as_typed(&mut events, &in_code, &ranges, markdown);
    if language == Language::French {
        with_french_spaces(&mut events, &in_code);
    }
    let in_link_or_code = inside_inline_html(&events, &["code", "kbd", "samp", "a"]);
    let events = with_bare_links(events, &in_link_or_code, &ranges, markdown);
    let (events, note_ids) = with_footnote_links(events, strings);
    let events = with_heading_ids(events, note_ids);
    let (mut events, headings) = with_heading_anchors(events, strings);
    let contents = toc::html(&headings, strings.table_of_contents);
    if !contents.is_empty() {
        events.insert(0, Event::Html(contents.into()));
    }
    let events = crate::highlight::apply(events, code);
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    SafeHtml(sanitize(&html, base, images))
}

/// `text`, a title or the author's summary, with the typography of `language`
/// ([`crate::typography`]): how the content tool writes titles and excerpts into the data, so
/// that every place showing them (cards, the post's header, `<title>`, the feed) shows the same.
pub fn plain_text(text: &str, language: Language) -> String {
    typography::for_language(text, language).into_owned()
}

/// The body of a post as its pre-rendered page shows it (HTML [`to_html`] made at build time),
/// made safe again by the same allow-list: the app takes a post's body from the page it
/// hydrates instead of carrying its Markdown in the page too. Its links are already resolved
/// under the site's base, so they are kept as they are.
pub fn from_page(html: &str) -> SafeHtml {
    SafeHtml(sanitize(html, "/", &[]))
}

/// The plain text of the first paragraph, for excerpts: no markup, breaks become spaces; or,
/// in a post with a `<!--more-->` line (WordPress's, Hugo's and Jekyll's mark of where the
/// summary ends), of every paragraph before it. In French, its text (not its code) gets French
/// typography.
pub fn excerpt(markdown: &str, language: Language) -> String {
    let more = more_at(markdown);
    let markdown = more.map_or(markdown, |at| &markdown[..at]);
    let mut text = String::new();
    let mut in_paragraph = false;
    // An image's alt text is not prose: `![logo](x.svg)` alone is no first paragraph.
    let mut in_image = 0;
    let mut in_code = InlineHtmlDepth::new(&CODE_ELEMENTS);
    for (event, range) in parser_with_offsets(markdown) {
        let in_inline_code = in_code.step(&event);
        match event {
            Event::Start(Tag::Paragraph) => in_paragraph = true,
            Event::End(TagEnd::Paragraph) if !text.trim().is_empty() && more.is_none() => break,
            Event::End(TagEnd::Paragraph) if more.is_some() => {
                in_paragraph = false;
                text.push(' ');
            }
            Event::End(TagEnd::Paragraph) => in_paragraph = false,
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image -= 1,
            // The author's inline `<code>` as typed, as the post shows it.
            Event::Text(t) if in_paragraph && in_image == 0 && in_inline_code => {
                text.push_str(&as_typed(&t, &markdown[range]))
            }
            Event::Text(t) if in_paragraph && in_image == 0 => {
                text.push_str(&typography::for_language(&t, language))
            }
            Event::Code(t) if in_paragraph && in_image == 0 => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if in_paragraph => text.push(' '),
            _ => {}
        }
    }
    // Runs of spaces and breaks become one space; the no-break spaces typography put stay.
    let breaking = |c: char| {
        c.is_whitespace()
            && c != typography::NO_BREAK_SPACE
            && c != typography::NARROW_NO_BREAK_SPACE
    };
    text.split(breaking)
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Where the post's `<!--more-->` line starts (`<!--more Lire la suite-->` too, as WordPress
/// writes it), if it has one outside code.
fn more_at(markdown: &str) -> Option<usize> {
    parser_with_offsets(markdown).find_map(|(event, range)| match event {
        Event::Html(html) if html.trim_start().starts_with("<!--more") => Some(range.start),
        _ => None,
    })
}

/// The plain text of the first paragraph, as [`excerpt`] makes it with no typography.
pub fn first_paragraph_text(markdown: &str) -> String {
    excerpt(markdown, Language::English)
}

/// How many words a post's text has, for its reading time ([`crate::reading`]): the words of
/// its text, code and raw HTML's text (what the page shows of it: not its tags, a script's or a
/// comment's), not of URLs; a « word » has a letter or a digit.
pub fn word_count(markdown: &str) -> usize {
    let mut words = WordCounter::default();
    parser(markdown).for_each(|event| words.add(&event));
    words.count()
}

/// Counts words as [`word_count`] does, one event at a time, so that a pass over a post that
/// does something else counts them too ([`crate::links::read_body`]).
#[derive(Default)]
pub(crate) struct WordCounter {
    /// The words counted so far, but those of `html_block`.
    counted: usize,
    html_block: HtmlBlock,
}

impl WordCounter {
    /// Counts the words of `event`.
    pub fn add(&mut self, event: &Event) {
        match self.html_block.read(event) {
            Read::Taken => return,
            Read::Ended(text) => self.counted += words_in(&text),
            Read::Outside => {}
        }
        self.counted += match event {
            Event::Text(t) | Event::Code(t) => words_in(t),
            // A tag alone (inline HTML is one tag an event): its text comes as text events.
            _ => 0,
        };
    }

    /// The words counted, those of a block of HTML the text ends with included.
    pub fn count(&self) -> usize {
        self.counted + words_in(&self.html_block.text())
    }
}

/// A block of HTML of a post, read whole: pulldown-cmark gives it a line at a time, and a tag
/// may span lines.
#[derive(Default)]
struct HtmlBlock(String);

/// What [`HtmlBlock::read`] did with an event.
enum Read {
    /// It was a line of the block, kept.
    Taken,
    /// It came after a block, whose text a reader sees is this ([`sanitize::html_text`]).
    Ended(String),
    /// It came with no block before it.
    Outside,
}

impl HtmlBlock {
    /// Keeps `event` if it is a line of HTML; otherwise ends the block being read, if any.
    fn read(&mut self, event: &Event) -> Read {
        if let Event::Html(line) = event {
            self.0.push_str(line);
            return Read::Taken;
        }
        if self.0.is_empty() {
            return Read::Outside;
        }
        let text = self.text();
        self.0.clear();
        Read::Ended(text)
    }

    /// The text a reader sees of the lines kept so far.
    fn text(&self) -> String {
        sanitize::html_text(&self.0)
    }
}

/// The words of `text`: what is between spaces and has a letter or a digit.
fn words_in(text: &str) -> usize {
    // An ASCII letter or digit answers for most words without decoding their characters.
    text.split_whitespace()
        .filter(|word| {
            word.bytes().any(|byte| byte.is_ascii_alphanumeric())
                || word.chars().any(char::is_alphanumeric)
        })
        .count()
}

/// Puts French typography's no-break spaces in the text: not in code blocks (inline code is an
/// event of its own), nor in the author's inline `<code>`, `<kbd>`, `<samp>` (`in_code`), nor
/// in an autolink, whose text is its URL.
fn with_french_spaces(events: &mut [Event<'_>], in_code: &[bool]) {
    let mut verbatim = 0usize;
    for (event, &in_code) in events.iter_mut().zip(in_code) {
        match event {
            Event::Start(Tag::CodeBlock(_))
            | Event::Start(Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            }) => verbatim += 1,
            Event::End(TagEnd::CodeBlock) => verbatim -= 1,
            Event::End(TagEnd::Link) if verbatim > 0 => verbatim -= 1,
            Event::Text(text) if verbatim == 0 && !in_code => {
                if let Cow::Owned(spaced) = typography::french_spaces(text) {
                    *text = spaced.into();
                }
            }
            _ => {}
        }
    }
}

/// The inline HTML elements whose text is code, kept as typed as `` `code` `` is.
pub(crate) const CODE_ELEMENTS: [&str; 3] = ["code", "kbd", "samp"];

/// For each event, whether it is inside one of the author's inline HTML `elements`
/// (`<code>echo "x"</code>` for [`CODE_ELEMENTS`]): [`InlineHtmlDepth`] over them all.
fn inside_inline_html(events: &[Event<'_>], elements: &[&str]) -> Vec<bool> {
    let mut depth = InlineHtmlDepth::new(elements);
    events.iter().map(|event| depth.step(event)).collect()
}

/// How deep a run of events is inside the author's inline HTML elements of some names, read
/// event by event; an element left open ends with its block.
pub(crate) struct InlineHtmlDepth<'e> {
    elements: &'e [&'e str],
    open: usize,
}

impl<'e> InlineHtmlDepth<'e> {
    pub(crate) fn new(elements: &'e [&'e str]) -> InlineHtmlDepth<'e> {
        InlineHtmlDepth { elements, open: 0 }
    }

    /// Reads `event`; whether it is inside one of the elements.
    pub(crate) fn step(&mut self, event: &Event<'_>) -> bool {
        match event {
            Event::InlineHtml(tag) => {
                let (closing, rest) = match tag.strip_prefix("</") {
                    Some(rest) => (true, rest),
                    None => (false, tag.strip_prefix('<').unwrap_or("")),
                };
                let name = rest
                    .split(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
                    .next()
                    .unwrap_or("");
                if self
                    .elements
                    .iter()
                    .any(|element| element.eq_ignore_ascii_case(name))
                {
                    if closing {
                        self.open = self.open.saturating_sub(1);
                    } else if !tag.ends_with("/>") {
                        self.open += 1;
                    }
                }
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::TableCell
                | TagEnd::Item
                | TagEnd::FootnoteDefinition,
            ) => self.open = 0,
            _ => {}
        }
        self.open > 0
    }
}

/// Bare web addresses of the text (`https://exemple.fr/a`, `www.exemple.fr`) made links, as
/// GitHub's Markdown and Hugo's do (GFM's autolinks): not in code, nor in a link or image, nor
/// in the author's inline `<a>` or code elements (`in_html`: whether each event is in one;
/// `ranges`: where each is in `markdown`).
fn with_bare_links<'a>(
    events: Vec<Event<'a>>,
    in_html: &[bool],
    ranges: &[Range<usize>],
    markdown: &str,
) -> Vec<Event<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut inside = 0usize;
    for ((event, &in_html), range) in events.into_iter().zip(in_html).zip(ranges) {
        match &event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_)) => inside += 1,
            Event::End(TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock) => {
                inside = inside.saturating_sub(1);
            }
            Event::Text(text) if inside == 0 && !in_html && bare_link(text).is_some() => {
                let mut rest: &str = text;
                // An address is as typed: smart punctuation made `'` and `--` in it ’ and –.
                let typed = markdown.get(range.clone()).unwrap_or("");
                while let Some((start, end)) = bare_link(rest) {
                    let address = as_typed(&rest[start..end], typed).into_owned();
                    let address = address.as_str();
                    if start > 0 {
                        out.push(Event::Text(rest[..start].to_owned().into()));
                    }
                    let dest = if address.starts_with("www.") {
                        format!("http://{address}")
                    } else {
                        address.to_owned()
                    };
                    out.push(Event::Start(Tag::Link {
                        link_type: LinkType::Autolink,
                        dest_url: dest.into(),
                        title: "".into(),
                        id: "".into(),
                    }));
                    out.push(Event::Text(address.to_owned().into()));
                    out.push(Event::End(TagEnd::Link));
                    rest = &rest[end..];
                }
                if !rest.is_empty() {
                    out.push(Event::Text(rest.to_owned().into()));
                }
                continue;
            }
            _ => {}
        }
        out.push(event);
    }
    out
}

/// Where the first bare web address of `text` starts and ends, by GFM's rules: `http://`,
/// `https://` or `www.` at the start, after a space or an opening mark, then a domain with a
/// dot or more, up to a space or `<`, less closing punctuation and an unbalanced `)`.
fn bare_link(text: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    loop {
        let at = from
            + ["https://", "http://", "www."]
                .iter()
                .filter_map(|start| text[from..].find(start))
                .min()?;
        from = at + 1;
        let before = text[..at].chars().next_back();
        if before.is_some_and(|c| !(c.is_whitespace() || "*_~(«\"'“‘".contains(c))) {
            continue;
        }
        let mut end = text[at..]
            .find(|c: char| c.is_whitespace() || c == '<')
            .map_or(text.len(), |length| at + length);
        while let Some(last) = text[at..end].chars().next_back() {
            let address = &text[at..end];
            let unbalanced =
                last == ')' && address.matches(')').count() > address.matches('(').count();
            if !(unbalanced || "?!.,:;*_~'\"’”»".contains(last)) {
                break;
            }
            end -= last.len_utf8();
        }
        let address = &text[at..end];
        let host = address
            .split_once("://")
            .map_or(address, |(_, rest)| rest)
            .split(['/', '?', '#', ':'])
            .next()
            .unwrap_or("");
        // Letters beyond ASCII (an internationalised name) count as letters: no Unicode
        // tables for it in the app.
        let is_host_byte = |b: u8| b.is_ascii_alphanumeric() || b"-_.".contains(&b) || b >= 0x80;
        // Its last two segments, the domain and its suffix, may have no `_`.
        let last_two = host
            .rmatch_indices('.')
            .nth(1)
            .map_or(host, |(dot, _)| &host[dot..]);
        let valid = host.contains('.')
            && host.bytes().all(is_host_byte)
            && !host.split('.').any(str::is_empty)
            && !last_two.contains('_');
        if valid {
            return Some((at, end));
        }
    }
}

/// Smart punctuation undone in the author's inline code elements (`in_code`): the quotes,
/// dashes and ellipsis the parser made of `' " -- --- ...` go back to what was typed, which is
/// what a reader copies (`ranges`: each event's place in `markdown`). A curly mark the author
/// typed there stays.
fn with_code_as_typed(
    events: &mut [Event<'_>],
    in_code: &[bool],
    ranges: &[Range<usize>],
    markdown: &str,
) {
    for ((event, &in_code), range) in events.iter_mut().zip(in_code).zip(ranges) {
        let Event::Text(text) = event else {
            continue;
        };
        if in_code {
            if let Cow::Owned(restored) = as_typed(text, markdown.get(range.clone()).unwrap_or(""))
            {
                *text = restored.into();
            }
        }
    }
}

/// What smart punctuation makes of `' " -- --- ...`, and what was typed.
const SMART_PUNCTUATION: [(char, &str); 7] = [
    ('‘', "'"),
    ('’', "'"),
    ('“', "\""),
    ('”', "\""),
    ('—', "---"),
    ('–', "--"),
    ('…', "..."),
];

/// `text`, from the parser, with its smart punctuation as `typed` (its source) had it: each
/// mark the parser made goes back to what it was made of, unless the author typed that mark
/// in `typed` (then it stays, wherever it is).
fn as_typed<'a>(text: &'a str, typed: &str) -> Cow<'a, str> {
    let made = |c: char| {
        SMART_PUNCTUATION
            .iter()
            .any(|(made, _)| *made == c && !typed.contains(c))
    };
    if !text.contains(made) {
        return Cow::Borrowed(text);
    }
    let mut restored = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match SMART_PUNCTUATION.iter().find(|(made, _)| *made == c) {
            Some((_, straight)) if !typed.contains(c) => restored.push_str(straight),
            _ => restored.push(c),
        }
    }
    Cow::Owned(restored)
}

/// Renders footnotes so that they link both ways: each reference gets an id (`<note>-ref`, then
/// `<note>-ref-2`…) and its note a link back to each. Notes are numbered in the order of their
/// first reference, then those never referenced in their order. Returns the events and every
/// id given, which headings may not take.
fn with_footnote_links<'a>(
    events: Vec<Event<'a>>,
    strings: &Strings,
) -> (Vec<Event<'a>>, HashSet<String>) {
    let mut numbers: HashMap<String, usize> = HashMap::new();
    let mut references: HashMap<String, usize> = HashMap::new();
    for event in &events {
        if let Event::FootnoteReference(label) = event {
            let next = numbers.len() + 1;
            numbers.entry(label.to_string()).or_insert(next);
            *references.entry(label.to_string()).or_insert(0) += 1;
        }
    }
    for event in &events {
        if let Event::Start(Tag::FootnoteDefinition(label)) = event {
            let next = numbers.len() + 1;
            numbers.entry(label.to_string()).or_insert(next);
        }
    }
    let reference_id = |label: &str, k: usize| match k {
        1 => format!("{label}-ref"),
        k => format!("{label}-ref-{k}"),
    };
    let mut ids: HashSet<String> = HashSet::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut open: Vec<String> = Vec::new();
    let mut out: Vec<Event<'a>> = Vec::with_capacity(events.len());
    for event in events {
        match event {
            Event::FootnoteReference(label) => {
                let k = seen.entry(label.to_string()).or_insert(0);
                *k += 1;
                let id = reference_id(&label, *k);
                out.push(Event::InlineHtml(
                    format!(
                        "<sup class=\"footnote-reference\" id=\"{id}\"><a href=\"#{label}\">{n}</a></sup>",
                        id = escape(&id),
                        label = escape(&label),
                        n = numbers[label.as_ref()],
                    )
                    .into(),
                ));
                ids.insert(id);
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                out.push(Event::Html(
                    format!(
                        "<div class=\"footnote-definition\" id=\"{label}\">\
                         <sup class=\"footnote-definition-label\">{n}</sup>\n",
                        label = escape(&label),
                        n = numbers[label.as_ref()],
                    )
                    .into(),
                ));
                ids.insert(label.to_string());
                open.push(label.to_string());
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                let label = open.pop().unwrap_or_default();
                let count = references.get(&label).copied().unwrap_or(0);
                let back: Vec<String> = (1..=count)
                    .map(|k| {
                        format!(
                            "<a class=\"footnote-back\" href=\"#{id}\" aria-label=\"{name}\">↩</a>",
                            id = escape(&reference_id(&label, k)),
                            name = escape(&(strings.footnote_back)(k, count)),
                        )
                    })
                    .collect();
                if !back.is_empty() {
                    let back = format!(" {}", back.join(" "));
                    // In the note's last paragraph if it ends with one, else after its content.
                    if matches!(out.last(), Some(Event::End(TagEnd::Paragraph))) {
                        let end = out.pop().expect("just matched");
                        out.push(Event::InlineHtml(back.into()));
                        out.push(end);
                    } else {
                        out.push(Event::Html(back.into()));
                    }
                }
                out.push(Event::Html("</div>\n".into()));
            }
            other => out.push(other),
        }
    }
    (out, ids)
}

/// Puts in every heading, at its end, a link to its own id, named for screen readers; returns
/// the events and the headings, for the table of contents.
fn with_heading_anchors<'a>(
    events: Vec<Event<'a>>,
    strings: &Strings,
) -> (Vec<Event<'a>>, Vec<Heading>) {
    let mut headings = Vec::new();
    let mut current: Option<Heading> = None;
    let mut out: Vec<Event<'a>> = Vec::with_capacity(events.len() + 8);
    for event in events {
        match &event {
            Event::Start(Tag::Heading {
                level,
                id: Some(id),
                ..
            }) => {
                current = Some(Heading {
                    level: *level as u8,
                    id: id.to_string(),
                    text: String::new(),
                });
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(heading) = &mut current {
                    heading.text.push_str(t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(mut heading) = current.take() {
                    heading.text = heading.text.trim().to_owned();
                    out.push(Event::InlineHtml(
                        format!(
                            " <a class=\"heading-anchor\" href=\"#{id}\" aria-label=\"{name}\">#</a>",
                            id = escape(&heading.id),
                            name = escape(&(strings.heading_anchor)(&heading.text)),
                        )
                        .into(),
                    ));
                    headings.push(heading);
                }
            }
            _ => {}
        }
        out.push(event);
    }
    (out, headings)
}

/// The whole text of a post, without markup, for the search index: each block's text on a
/// line of its own, breaks as spaces, images by their alt text, HTML tags left out but the text
/// of a block of HTML kept as the page shows it (a WordPress post's tables and paragraphs).
pub fn searchable_text(markdown: &str) -> String {
    let mut text = String::new();
    let mut html_block = HtmlBlock::default();
    for event in parser(markdown) {
        match html_block.read(&event) {
            Read::Taken => continue,
            Read::Ended(block) => {
                text.push_str(&block);
                text.push('\n');
            }
            Read::Outside => {}
        }
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::TableCell,
            ) => text.push('\n'),
            _ => {}
        }
    }
    text.push_str(&html_block.text());
    text.lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Names footnotes by a plain id (`note-<slug of the label>`), so that `[^ma note]` links to
/// an id the allow-list keeps, and no note takes a heading's or the app's id.
fn with_plain_footnote_ids(event: Event<'_>) -> Event<'_> {
    let id = |label: &str| -> CowStr<'static> {
        match slugify(label) {
            slug if slug.is_empty() => {
                let hex: String = label.bytes().take(16).map(|b| format!("{b:02x}")).collect();
                format!("note-{hex}").into()
            }
            slug => format!("note-{slug}").into(),
        }
    };
    match event {
        Event::FootnoteReference(label) => Event::FootnoteReference(id(&label)),
        Event::Start(Tag::FootnoteDefinition(label)) => {
            Event::Start(Tag::FootnoteDefinition(id(&label)))
        }
        other => other,
    }
}

/// Whether `id` is kept as a heading's own (`## Titre {#id}`): ASCII letters, digits, `-` and
/// `_`, starting with a letter or digit. Another is replaced by one made from the heading.
pub fn is_heading_id(id: &str) -> bool {
    crate::sanitize::is_plain_id(id)
}

/// Gives every heading an id: its own `{#id}` if written as a plain word, else the slug of its
/// text, made unique and never one of the app's own ids nor one of `taken` (the footnotes').
/// Its classes and other attributes go.
fn with_heading_ids(mut events: Vec<Event<'_>>, mut taken: HashSet<String>) -> Vec<Event<'_>> {
    taken.extend(page_ids::ALL.iter().map(|id| id.to_string()));
    for event in &mut events {
        if let Event::Start(Tag::Heading {
            id, classes, attrs, ..
        }) = event
        {
            classes.clear();
            attrs.clear();
            if let Some(own) = id.take() {
                if is_heading_id(&own) && taken.insert(own.to_string()) {
                    *id = Some(own);
                }
            }
        }
    }
    let mut suffixes: HashMap<String, usize> = HashMap::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading {
            id: None, level, ..
        }) = &events[i]
        {
            let level: HeadingLevel = *level;
            let text: String = events[i + 1..]
                .iter()
                .take_while(|event| !matches!(event, Event::End(TagEnd::Heading(l)) if *l == level))
                .filter_map(|event| match event {
                    Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                    _ => None,
                })
                .collect();
            let stem = match slugify(&text) {
                stem if stem.is_empty() => "section".to_owned(),
                stem => stem,
            };
            // Each stem remembers the next suffix to try: a post of many `## Notes` stays linear.
            let tried = suffixes.entry(stem.clone()).or_insert(0);
            let id = loop {
                let id = match *tried {
                    0 => stem.clone(),
                    n => format!("{stem}-{n}"),
                };
                *tried += 1;
                if taken.insert(id.clone()) {
                    break id;
                }
            };
            if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[i] {
                *slot = Some(id.into());
            }
        }
        i += 1;
    }
    events
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rendered for an English blog: no typography, anchors named in English.
    fn html(markdown: &str) -> String {
        to_html(markdown, "/", Language::English)
            .as_str()
            .to_owned()
    }

    /// Rendered for a French blog.
    fn french(markdown: &str) -> String {
        to_html(markdown, "/", Language::French).as_str().to_owned()
    }

    /// A heading as rendered, with its anchor link (English).
    fn h(level: u8, id: &str, text: &str) -> String {
        format!(
            "<h{level} id=\"{id}\">{text} <a class=\"heading-anchor\" href=\"#{id}\" \
             aria-label=\"Link to this section: {text}\">#</a></h{level}>\n"
        )
    }

    #[test]
    fn an_image_of_the_site_gets_its_size_whatever_its_name() {
        let images = [crate::model::ImageSize {
            path: "images/été 1.png".to_owned(),
            width: 640,
            height: 480,
        }];
        let html = to_highlighted_html(
            "![Été](</images/été 1.png>)\n",
            &[],
            &images,
            "/blog/",
            Language::French,
        );
        assert!(
            html.as_str().contains(
                r#"src="/blog/images/%C3%A9t%C3%A9%201.png" alt="Été" width="640" height="480""#
            ),
            "{}",
            html.as_str()
        );
    }

    #[test]
    fn a_body_taken_back_from_its_page_is_unchanged_and_still_safe() {
        // Three headings (a table of contents, anchors), a footnote called twice, French spaces.
        let markdown =
            "## Titre\n\nUn [lien](/posts/a/) et ![image](/images/x.svg) : « oui » ?\n\n\
                        | a | b |\n|:-|-:|\n| 1 | 2 |\n\nNote[^1], encore[^1].\n\n[^1]: Pied.\n\n\
                        ## Deux\n\n### Trois\n\n```rust\nfn f() {}\n```\n";
        for language in [Language::French, Language::English] {
            for base in ["/", "/blog/"] {
                let html = to_html(markdown, base, language);
                assert!(html.as_str().contains("class=\"toc\""), "{html:?}");
                assert_eq!(from_page(html.as_str()), html, "{base} {language:?}");
            }
        }
        let tampered = from_page("<p onclick=\"x()\">a</p><script>x()</script>");
        assert_eq!(tampered.as_str(), "<p>a</p>");
    }

    #[test]
    fn searchable_text_keeps_every_block_and_no_markup() {
        let markdown =
            "# Titre\n\nUn **mot** et `code`,\nsuite.\n\n- point\n\n<b>html</b>\n\n![alt](/x.png)";
        assert_eq!(
            searchable_text(markdown),
            "Titre\nUn mot et code, suite.\npoint\nhtml\nalt"
        );
    }

    #[test]
    fn searchable_text_keeps_the_text_of_html_blocks_as_a_reader_sees_it() {
        // A table written in HTML, as WordPress posts have them: each cell is text of its own.
        let markdown = "Avant.\n\n<table tabindex=\"0\">\n<tr><td>Alpha</td><td>B&ecirc;ta &amp; co</td></tr>\n\
                        <tr><td\nclass=\"x\">Valeur</td></tr>\n</table>\n\n\
                        <script>alert(\"caché\")</script>\n\n\
                        <div><p>Un script <em>qui</em> ne doit pas tourner.</p><!-- note --></div>\n\n\
                        Après.";
        assert_eq!(
            searchable_text(markdown),
            "Avant.\nAlpha\nBêta & co\nValeur\nUn script qui ne doit pas tourner.\nAprès."
        );
    }

    #[test]
    fn renders_commonmark_with_the_extensions() {
        assert_eq!(html("Un *mot*."), "<p>Un <em>mot</em>.</p>\n");
        assert!(html("| a | b |\n|---|---|\n| 1 | 2 |").contains("<table tabindex=\"0\">"));
        assert!(html("~~barré~~").contains("<del>barré</del>"));
        assert!(html("- [x] fait").contains("type=\"checkbox\""));
        let footnote = html("Texte[^1].\n\n[^1]: La note.");
        assert!(footnote.contains("footnote-definition"), "{footnote}");
    }

    #[test]
    fn smart_punctuation_keeps_french_marks() {
        assert_eq!(
            html("« bonjour »… l’article"),
            "<p>« bonjour »… l’article</p>\n"
        );
        assert_eq!(html("l'article..."), "<p>l’article…</p>\n");
    }

    #[test]
    fn hard_breaks_and_nested_lists_survive() {
        assert_eq!(html("un\\\ndeux"), "<p>un<br />\ndeux</p>\n");
        let nested = html("- haut\n  - bas\n");
        assert!(nested.contains("<li>haut\n<ul>\n<li>bas</li>"), "{nested}");
    }

    #[test]
    fn headings_get_unique_ids() {
        let rendered =
            html("## Définir un métier ?\n\n## Définir un métier ?\n\n### Sujet {#mien}");
        assert!(
            rendered.ends_with(&format!(
                "{}{}{}",
                h(2, "definir-un-metier", "Définir un métier ?"),
                h(2, "definir-un-metier-1", "Définir un métier ?"),
                h(3, "mien", "Sujet")
            )),
            "{rendered}"
        );
        assert_eq!(html("# 😉"), h(1, "section", "😉"));
        // A suffix already taken by an explicit id is skipped.
        let rendered = html("## A\n\n## B {#a-1}\n\n## A");
        assert!(
            rendered.ends_with(&format!(
                "{}{}{}",
                h(2, "a", "A"),
                h(2, "a-1", "B"),
                h(2, "a-2", "A")
            )),
            "{rendered}"
        );
    }

    #[test]
    fn harmless_html_is_kept_and_scripts_are_not() {
        assert_eq!(html("<script>alert(1)</script>"), "");
        assert_eq!(
            html("Un <img src=x onerror=alert(1)> ici"),
            "<p>Un <img src=\"x\" loading=\"lazy\" /> ici</p>\n"
        );
        assert_eq!(
            html("<figure><img src=\"/images/a.png\" alt=\"A\"><figcaption>Légende</figcaption></figure>"),
            "<figure><img src=\"/images/a.png\" alt=\"A\" loading=\"lazy\" /><figcaption>Légende</figcaption></figure>"
        );
        // Markdown inside an HTML block is still Markdown, and the block is closed for it.
        assert_eq!(
            html("<div>\n\n*mot*\n\n"),
            "<div>\n<p><em>mot</em></p>\n</div>"
        );
    }

    #[test]
    fn many_equal_headings_are_numbered_in_turn() {
        // 20,000 `## Notes` took minutes when each heading tried every suffix from the start;
        // each stem now remembers where it is (no timing is asserted here).
        let html = html(&"## Notes\n\n".repeat(20_000));
        assert!(html.contains("<h2 id=\"notes\">"));
        assert!(html.contains("<h2 id=\"notes-19999\">"));
        assert!(html.contains("<a href=\"#notes-19999\">Notes</a>"));
        assert!(!html.contains("notes-20000"));
    }

    #[test]
    fn heading_attributes_keep_only_a_plain_id() {
        // The hole this closes: `{…}` after a heading put any attribute into the page.
        assert_eq!(
            html("## Titre {#plan .danger onclick=alert(1) style=color:red}"),
            h(2, "plan", "Titre")
        );
        assert_eq!(
            html("## Titre {onmouseover=alert(1)}"),
            h(2, "titre", "Titre")
        );
        assert_eq!(
            html("## Titre {#x\"onclick=alert(1)}"),
            h(2, "titre", "Titre")
        );
        // The app's own ids are never a heading's.
        assert_eq!(
            html("## Contenu\n\n## Autre {#carnet-data}"),
            format!("{}{}", h(2, "contenu-1", "Contenu"), h(2, "autre", "Autre"))
        );
    }

    #[test]
    fn footnotes_link_to_plain_ids() {
        let notes = html("Texte[^ma note].\n\n[^ma note]: La note.");
        assert!(notes.contains("<a href=\"#note-ma-note\">1</a>"), "{notes}");
        assert!(
            notes.contains("class=\"footnote-definition\" id=\"note-ma-note\""),
            "{notes}"
        );
        // A heading does not take a note's id.
        let clash = html("## Note ma note ref\n\nTexte[^ma note].\n\n[^ma note]: La note.");
        assert!(clash.contains("<h2 id=\"note-ma-note-ref-1\">"), "{clash}");
    }

    #[test]
    fn table_alignment_is_a_class_not_a_style() {
        let table = html("| a | b |\n|:-:|--:|\n| 1 | 2 |");
        assert!(
            table.contains("<th class=\"align-center\">a</th>"),
            "{table}"
        );
        assert!(
            table.contains("<td class=\"align-right\">2</td>"),
            "{table}"
        );
        assert!(!table.contains("style"), "{table}");
    }

    #[test]
    fn dangerous_urls_are_dropped() {
        assert_eq!(html("[x](javascript:alert(1))"), "<p><a>x</a></p>\n");
        assert_eq!(html("[x](JavaScript:alert(1))"), "<p><a>x</a></p>\n");
        assert_eq!(
            html("![x](data:text/html,hi)"),
            "<p><img alt=\"x\" loading=\"lazy\" /></p>\n"
        );
        assert_eq!(
            html("[x](https://a.fr/?q=1:2)"),
            "<p><a href=\"https://a.fr/?q=1:2\" rel=\"noopener noreferrer\">x</a></p>\n"
        );
        assert_eq!(
            html("[x](mailto:a@b.fr)"),
            "<p><a href=\"mailto:a@b.fr\">x</a></p>\n"
        );
        assert_eq!(
            html("[x](page/?a=b:c)"),
            "<p><a href=\"page/?a=b:c\">x</a></p>\n"
        );
        assert_eq!(html("[x](#note)"), "<p><a href=\"#note\">x</a></p>\n");
    }

    #[test]
    fn site_absolute_urls_follow_the_base_path() {
        let markdown = "![logo](/images/logo.svg) [a](/posts/a/) [b](//cdn.fr/x)";
        assert_eq!(
            to_html(markdown, "/blog/", Language::French).as_str(),
            "<p><img src=\"/blog/images/logo.svg\" alt=\"logo\" loading=\"lazy\" /> \
             <a href=\"/blog/posts/a/\">a</a> \
             <a href=\"//cdn.fr/x\" rel=\"noopener noreferrer\">b</a></p>\n"
        );
        assert!(html(markdown).contains("src=\"/images/logo.svg\""));
        assert!(to_html(markdown, "https://a.fr/blog/", Language::English)
            .as_str()
            .contains("src=\"https://a.fr/blog/images/logo.svg\""));
    }

    #[test]
    fn excerpt_is_the_first_paragraph_as_plain_text() {
        let markdown =
            "## Titre\n\n![image](/a.svg)\n\nUn *premier*\nparagraphe `code`.\n\nLe second.";
        assert_eq!(
            first_paragraph_text(markdown),
            "Un premier paragraphe code."
        );
        assert_eq!(first_paragraph_text("C'est \"dit\"..."), "C’est “dit”…");
        assert_eq!(first_paragraph_text("# Seulement un titre"), "");
    }

    #[test]
    fn a_more_line_makes_the_excerpt_every_paragraph_before_it() {
        let markdown = "Le premier.\n\nLe *second*.\n\n<!--more-->\n\nLa suite.";
        assert_eq!(first_paragraph_text(markdown), "Le premier. Le second.");
        let wordpress = "Un.\n\nDeux.\n\n<!--more Lire la suite-->\n\nTrois.";
        assert_eq!(first_paragraph_text(wordpress), "Un. Deux.");
        // Written as code, it is text, not the mark.
        let code = "Un.\n\nDeux.\n\n```\n<!--more-->\n```\n";
        assert_eq!(first_paragraph_text(code), "Un.");
        // It is never shown.
        assert_eq!(
            to_html(markdown, "/", Language::French)
                .as_str()
                .matches("more")
                .count(),
            0
        );
    }

    const NNBSP: char = '\u{202F}';
    const NBSP: char = '\u{A0}';

    #[test]
    fn french_typography_in_the_text() {
        assert_eq!(
            french("Un métier « transparent » ? Il glande ! Note : un ; deux"),
            "<p>Un métier «\u{A0}transparent\u{A0}»\u{202F}? Il glande\u{202F}! \
             Note\u{A0}: un\u{202F}; deux</p>\n"
        );
        // Around emphasis, links and code, the space typed next to the mark still counts.
        assert_eq!(
            french("**Stop** ! « *mot* » [lien](/a/) ? `x` ?"),
            "<p><strong>Stop</strong>\u{202F}! «\u{A0}<em>mot</em>\u{A0}» \
             <a href=\"/a/\">lien</a>\u{202F}? <code>x</code>\u{202F}?</p>\n"
        );
        // Emoji are text like any other.
        assert_eq!(french("Bravo 🎉 !"), "<p>Bravo 🎉\u{202F}!</p>\n");
    }

    #[test]
    fn french_typography_never_touches_code_urls_or_raw_html() {
        let code_span = french("Voir `a ? b : c` ici");
        assert!(code_span.contains("<code>a ? b : c</code>"), "{code_span}");
        let code_block = french("```\nlet x = a ? b : c;\n« x »\n```\n");
        assert!(
            code_block.contains("let x = a ? b : c;\n« x »"),
            "{code_block}"
        );
        let indented = french("    a ? b\n");
        assert!(indented.contains("a ? b"), "{indented}");
        // A link's URL and title, an autolink's text, a bare URL, a time: untouched.
        let link =
            french("[texte](https://a.fr/?q=1 \"titre ?\") <http://x.fr/a?b> http://x 10:30");
        assert!(link.contains("href=\"https://a.fr/?q=1\""), "{link}");
        assert!(link.contains("title=\"titre ?\""), "{link}");
        assert!(link.contains(">http://x.fr/a?b</a>"), "{link}");
        assert!(link.contains("http://x 10:30"), "{link}");
        // Raw HTML: its attributes stay as typed (its text is prose, and gets the spaces).
        let raw = french("<abbr title=\"a ? b\">AB</abbr> ?");
        assert!(raw.contains("title=\"a ? b\""), "{raw}");
        assert!(raw.contains("</abbr>\u{202F}?"), "{raw}");
    }

    #[test]
    fn the_authors_inline_code_elements_keep_what_was_typed() {
        // A command in <code>, <kbd> or <samp> is copied by readers: no curly quotes, no
        // dashes, no no-break spaces, in French or English.
        let typed = "<code>echo \"l'x\" -- --- ... ; ls !</code> <KBD>a -- b ?</KBD> \
                     <samp class=\"out\">rm -f 'x' : ok</samp>";
        for rendered in [french(typed), html(typed)] {
            assert!(
                rendered.contains("<code>echo \"l'x\" -- --- ... ; ls !</code>"),
                "{rendered}"
            );
            assert!(rendered.contains("a -- b ?</kbd>"), "{rendered}");
            assert!(rendered.contains(">rm -f 'x' : ok</samp>"), "{rendered}");
        }
        // The excerpt too, as the post shows it.
        assert_eq!(
            excerpt(
                "Tapez <code>echo \"x\" -- y ; z</code> ici ?",
                Language::French
            ),
            "Tapez echo \"x\" -- y ; z ici\u{202F}?"
        );
        // Outside them, and after one that closes or is left open, prose as before.
        let around = french("« Il dit \"oui\" » <code>a</code> -- ok ?\n\n<code>x ?\n\nfin ?");
        assert!(around.contains("«\u{A0}Il dit “oui”\u{A0}»"), "{around}");
        assert!(around.contains("</code> – ok\u{202F}?"), "{around}");
        assert!(around.contains("<code>x ?"), "{around}");
        assert!(around.contains("fin\u{202F}?"), "{around}");
        // A curly mark typed in the code stays.
        assert!(french("<code>l’x \"y\"</code>").contains("l’x \"y\""));
    }

    #[test]
    fn bare_web_addresses_become_links_as_in_gfm() {
        let linked = html(
            "Voir https://exemple.fr/a?b=1. Et (https://exemple.fr/x_(y)) ou www.exemple.fr, \
             https://exemple.fr:8080/p!",
        );
        assert_eq!(
            linked,
            "<p>Voir <a href=\"https://exemple.fr/a?b=1\" rel=\"noopener noreferrer\">https://exemple.fr/a?b=1</a>. \
             Et (<a href=\"https://exemple.fr/x_(y)\" rel=\"noopener noreferrer\">https://exemple.fr/x_(y)</a>) ou \
             <a href=\"http://www.exemple.fr\" rel=\"noopener noreferrer\">www.exemple.fr</a>, \
             <a href=\"https://exemple.fr:8080/p\" rel=\"noopener noreferrer\">https://exemple.fr:8080/p</a>!</p>\n"
        );
        // In French, with its spaces, and « » around.
        let spaced = french("Le site : « https://exemple.fr/é » !");
        assert!(
            spaced.contains("«\u{A0}<a href=\"https://exemple.fr/%C3%A9\" rel=\"noopener noreferrer\">https://exemple.fr/é</a>\u{A0}»"),
            "{spaced}"
        );
        // Smart punctuation does not touch an address.
        let typed =
            html("Lire https://fr.wikipedia.org/wiki/L'Étranger et https://exemple.fr/a--b/c...d.");
        assert!(
            typed.contains(">https://fr.wikipedia.org/wiki/L'Étranger</a>"),
            "{typed}"
        );
        assert!(
            typed.contains("href=\"https://exemple.fr/a--b/c...d\""),
            "{typed}"
        );
        // Left as they are: code, links, the author's <a> and <code>, no domain, in a word.
        for kept in [
            "`https://exemple.fr`",
            "[https://exemple.fr](https://autre.fr)",
            "<a href=\"https://autre.fr\">https://exemple.fr</a>",
            "<code>https://exemple.fr</code>",
            "http://x et http://localhost/",
            "abchttps://exemple.fr",
            "```\nhttps://exemple.fr\n```",
        ] {
            let rendered = html(kept);
            assert_eq!(
                rendered.matches("<a ").count(),
                kept.matches("](").count() + kept.matches("<a ").count(),
                "{rendered}"
            );
        }
    }

    #[test]
    fn english_and_correct_french_are_left_as_typed() {
        let text = "Really ? « x » : y ; z !";
        assert_eq!(html(text), format!("<p>{text}</p>\n"));
        let correct = "Vraiment\u{202F}? «\u{A0}oui\u{A0}»\u{A0}: 10:30";
        assert_eq!(french(correct), format!("<p>{correct}</p>\n"));
        // Idempotent: text already spaced comes out the same.
        let once = french("Quoi ? « mot » : fin !");
        let text = once.trim_start_matches("<p>").trim_end_matches("</p>\n");
        assert_eq!(french(text), once);
    }

    #[test]
    fn headings_get_typography_and_keep_their_ids() {
        let rendered = french("## Définir un métier ?");
        assert!(
            rendered.starts_with("<h2 id=\"definir-un-metier\">Définir un métier\u{202F}? <a"),
            "{rendered}"
        );
        assert!(
            rendered.contains(
                "aria-label=\"Lien vers cette section\u{A0}: Définir un métier\u{202F}?\""
            ),
            "{rendered}"
        );
    }

    #[test]
    fn every_heading_has_an_anchor_link_to_itself() {
        let rendered = html("## Un `titre` *riche*");
        assert_eq!(
            rendered,
            "<h2 id=\"un-titre-riche\">Un <code>titre</code> <em>riche</em> \
             <a class=\"heading-anchor\" href=\"#un-titre-riche\" \
             aria-label=\"Link to this section: Un titre riche\">#</a></h2>\n"
        );
        // A heading's text is escaped in the name.
        let quoted = html("## Le \"quoi\" & <le> comment");
        assert!(
            quoted.contains("aria-label=\"Link to this section: Le “quoi” &amp; "),
            "{quoted}"
        );
    }

    #[test]
    fn an_author_cannot_smuggle_more_than_the_look() {
        // The classes and names are allowed, but only on their elements, and ids stay plain.
        let forged = html(
            "<nav class=\"toc evil\" aria-label=\"x\" onclick=\"alert(1)\"><a class=\"heading-anchor\" \
             aria-label=\"y\" href=\"javascript:alert(1)\" id=\"carnet-data\">z</a></nav>\
             <span class=\"toc\" aria-label=\"n\">w</span>",
        );
        assert_eq!(
            forged,
            "<nav aria-label=\"x\"><a class=\"heading-anchor\" aria-label=\"y\">z</a></nav>\
             <span>w</span>"
        );
    }

    #[test]
    fn three_headings_make_a_table_of_contents() {
        assert!(!html("## A\n\n## B\n\ntexte").contains("<nav"));
        let rendered = french("Intro.\n\n## Un ?\n\n### Deux\n\n## Trois\n\n#### Quatre\n");
        assert!(
            rendered.starts_with(
                "<nav class=\"toc\" aria-label=\"Sommaire\"><details open=\"\"><summary>Sommaire</summary>\n\
                 <ol>\n<li><a href=\"#un\">Un\u{202F}?</a>\n\
                 <ol>\n<li><a href=\"#deux\">Deux</a></li>\n</ol>\n</li>\n\
                 <li><a href=\"#trois\">Trois</a></li>\n</ol>\n</details></nav>\n<p>Intro.</p>"
            ),
            "{rendered}"
        );
        assert!(
            !rendered.contains("href=\"#quatre\">Quatre</a></li>"),
            "{rendered}"
        );
        let english = html("## A\n\n## B\n\n## C");
        assert!(
            english.starts_with("<nav class=\"toc\" aria-label=\"Contents\">"),
            "{english}"
        );
    }

    #[test]
    fn footnotes_link_both_ways() {
        let notes = french(
            "Un[^a] deux[^b] trois[^a].\n\n[^b]: Note B.\n\n[^a]: Note A.\n\n[^c]: Jamais appelée.",
        );
        // References in order: a is 1, b is 2; c, never referenced, is 3.
        assert!(
            notes.contains(
                "Un<sup class=\"footnote-reference\" id=\"note-a-ref\"><a href=\"#note-a\">1</a></sup> \
                 deux<sup class=\"footnote-reference\" id=\"note-b-ref\"><a href=\"#note-b\">2</a></sup> \
                 trois<sup class=\"footnote-reference\" id=\"note-a-ref-2\"><a href=\"#note-a\">1</a></sup>."
            ),
            "{notes}"
        );
        assert!(
            notes.contains(
                "<div class=\"footnote-definition\" id=\"note-b\"><sup class=\"footnote-definition-label\">2</sup>\n\
                 <p>Note B. <a class=\"footnote-back\" href=\"#note-b-ref\" \
                 aria-label=\"Retour à l’appel de note\">↩</a></p>\n</div>"
            ),
            "{notes}"
        );
        assert!(
            notes.contains(
                "<p>Note A. <a class=\"footnote-back\" href=\"#note-a-ref\" \
                 aria-label=\"Retour à l’appel de note 1\">↩</a> \
                 <a class=\"footnote-back\" href=\"#note-a-ref-2\" \
                 aria-label=\"Retour à l’appel de note 2\">↩</a></p>"
            ),
            "{notes}"
        );
        assert!(
            notes.contains(
                "id=\"note-c\"><sup class=\"footnote-definition-label\">3</sup>\n<p>Jamais appelée.</p>\n</div>"
            ),
            "{notes}"
        );
        // A note that does not end with a paragraph gets its links after its content.
        let list = html("X[^l].\n\n[^l]:\n    - un\n    - deux\n");
        assert!(
            list.contains("</ul>\n <a class=\"footnote-back\" href=\"#note-l-ref\""),
            "{list}"
        );
    }

    #[test]
    fn words_are_counted_in_text_and_code() {
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count("Un *deux* trois — quatre…"), 4);
        assert_eq!(word_count("l'article [lien](https://a.fr/b/c) `code`"), 3);
        assert_eq!(word_count("<div class=\"a b c\">x</div>"), 1);
        assert_eq!(word_count("Un <abbr title=\"x y\">AB</abbr> deux"), 3);
        assert_eq!(word_count("```\nlet x = 1;\n```\n"), 3);
        // What the page shows of HTML: not a script's words, nor a comment's.
        assert_eq!(
            word_count(
                "<div>Un mot</div>\n\n<script>\nvar caché = deux;\n</script>\n\n<!-- note -->\n"
            ),
            2
        );
    }

    #[test]
    fn titles_and_excerpts_get_the_typography_of_the_blog() {
        assert_eq!(
            plain_text(
                "Community manager : un métier « transparent » ?",
                Language::French
            ),
            "Community manager\u{A0}: un métier «\u{A0}transparent\u{A0}»\u{202F}?"
        );
        assert_eq!(plain_text("What ?", Language::English), "What ?");
        assert_eq!(
            excerpt("Quoi ?\nVraiment `a ? b` !", Language::French),
            format!("Quoi{NNBSP}? Vraiment a ? b{NNBSP}!")
        );
        assert_eq!(excerpt("Quoi ?", Language::English), "Quoi ?");
        assert_eq!(
            excerpt("« a »", Language::French),
            format!("«{NBSP}a{NBSP}»")
        );
    }
}
