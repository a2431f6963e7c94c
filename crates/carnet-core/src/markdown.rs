//! Markdown: the one place that parses it, with one set of options, and makes its HTML safe.
//!
//! Posts are CommonMark plus tables, footnotes, strikethrough, task lists, smart punctuation and
//! heading attributes. Nobody else calls pulldown-cmark: the app renders bodies with [`to_html`]
//! and the content tool makes excerpts with [`first_paragraph_text`], so both read a post the same.
//!
//! Safety: [`to_html`] returns [`SafeHtml`], which nothing else can make. Everything it renders,
//! the author's own HTML and Markdown's alike, goes through the allow-list of
//! [`crate::sanitize`]: harmless HTML stays, anything that could run a script, load another
//! document or restyle the page goes, and links and images whose URL could run script lose it.
//! The pre-rendered page, the app and the feed all take their HTML from here, so they apply the
//! same rule.

use crate::page_ids;
use crate::sanitize::sanitize;
use crate::slug::slugify;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::{HashMap, HashSet};
use std::fmt;

/// HTML that is safe to put in a page: only [`to_html`] makes it.
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

/// The parser every caller gets: Carnet's one set of Markdown options.
fn parser(markdown: &str) -> Parser<'_> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES;
    Parser::new_ext(markdown, options)
}

/// Renders a post body to safe HTML.
///
/// `base` is the site's base path (`/`, or `/blog/` when served under a sub-path), or its whole
/// URL for a page read elsewhere (a feed): links and images written site-absolute,
/// `/images/x.svg`, are resolved under it. Every heading gets an `id` (its own `{#id}` if it is
/// a plain word, else the slug of its text, made unique) so it can be linked to; a heading's
/// other attributes (`{.class key=value}`) are dropped. HTML in the post is kept as far as the
/// allow-list of [`crate::sanitize`] goes.
pub fn to_html(markdown: &str, base: &str) -> SafeHtml {
    let events = with_heading_ids(parser(markdown).map(with_plain_footnote_ids).collect());
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    SafeHtml(sanitize(&html, base))
}

/// The plain text of the first paragraph, for excerpts: no markup, breaks become spaces.
pub fn first_paragraph_text(markdown: &str) -> String {
    let mut text = String::new();
    let mut in_paragraph = false;
    // An image's alt text is not prose: `![logo](x.svg)` alone is no first paragraph.
    let mut in_image = 0;
    for event in parser(markdown) {
        match event {
            Event::Start(Tag::Paragraph) => in_paragraph = true,
            Event::End(TagEnd::Paragraph) if !text.trim().is_empty() => break,
            Event::End(TagEnd::Paragraph) => in_paragraph = false,
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image -= 1,
            Event::Text(t) | Event::Code(t) if in_paragraph && in_image == 0 => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if in_paragraph => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The whole text of a post, without markup, for the search index: each block's text on a
/// line of its own, breaks as spaces, images by their alt text, HTML tags left out.
pub fn plain_text(markdown: &str) -> String {
    let mut text = String::new();
    for event in parser(markdown) {
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

/// Gives every heading an id: its own `{#id}` if written as a plain word, else the slug of its
/// text, made unique and never one of the app's own ids. Its classes and other attributes go.
fn with_heading_ids(mut events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut taken: HashSet<String> = page_ids::ALL.iter().map(|id| id.to_string()).collect();
    for event in &mut events {
        if let Event::Start(Tag::Heading {
            id, classes, attrs, ..
        }) = event
        {
            classes.clear();
            attrs.clear();
            if let Some(own) = id.take() {
                if crate::sanitize::is_plain_id(&own) && taken.insert(own.to_string()) {
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

    fn html(markdown: &str) -> String {
        to_html(markdown, "/").as_str().to_owned()
    }

    #[test]
    fn plain_text_keeps_every_block_and_no_markup() {
        let markdown =
            "# Titre\n\nUn **mot** et `code`,\nsuite.\n\n- point\n\n<b>html</b>\n\n![alt](/x.png)";
        assert_eq!(
            plain_text(markdown),
            "Titre\nUn mot et code, suite.\npoint\nhtml\nalt"
        );
    }

    #[test]
    fn renders_commonmark_with_the_extensions() {
        assert_eq!(html("Un *mot*."), "<p>Un <em>mot</em>.</p>\n");
        assert!(html("| a | b |\n|---|---|\n| 1 | 2 |").contains("<table>"));
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
        assert_eq!(
            html("## Définir un métier ?\n\n## Définir un métier ?\n\n### Sujet {#mien}"),
            "<h2 id=\"definir-un-metier\">Définir un métier ?</h2>\n\
             <h2 id=\"definir-un-metier-1\">Définir un métier ?</h2>\n\
             <h3 id=\"mien\">Sujet</h3>\n"
        );
        assert_eq!(html("# 😉"), "<h1 id=\"section\">😉</h1>\n");
        // A suffix already taken by an explicit id is skipped.
        assert_eq!(
            html("## A\n\n## B {#a-1}\n\n## A"),
            "<h2 id=\"a\">A</h2>\n<h2 id=\"a-1\">B</h2>\n<h2 id=\"a-2\">A</h2>\n"
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
        assert!(!html.contains("notes-20000"));
    }

    #[test]
    fn heading_attributes_keep_only_a_plain_id() {
        // The hole this closes: `{…}` after a heading put any attribute into the page.
        assert_eq!(
            html("## Titre {#plan .danger onclick=alert(1) style=color:red}"),
            "<h2 id=\"plan\">Titre</h2>\n"
        );
        assert_eq!(
            html("## Titre {onmouseover=alert(1)}"),
            "<h2 id=\"titre\">Titre</h2>\n"
        );
        assert_eq!(
            html("## Titre {#x\"onclick=alert(1)}"),
            "<h2 id=\"titre\">Titre</h2>\n"
        );
        // The app's own ids are never a heading's.
        assert_eq!(
            html("## Contenu\n\n## Autre {#carnet-data}"),
            "<h2 id=\"contenu-1\">Contenu</h2>\n<h2 id=\"autre\">Autre</h2>\n"
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
            html("[x](page?a=b:c)"),
            "<p><a href=\"page?a=b:c\">x</a></p>\n"
        );
        assert_eq!(html("[x](#note)"), "<p><a href=\"#note\">x</a></p>\n");
    }

    #[test]
    fn site_absolute_urls_follow_the_base_path() {
        let markdown = "![logo](/images/logo.svg) [a](/posts/a) [b](//cdn.fr/x)";
        assert_eq!(
            to_html(markdown, "/blog/").as_str(),
            "<p><img src=\"/blog/images/logo.svg\" alt=\"logo\" loading=\"lazy\" /> \
             <a href=\"/blog/posts/a\">a</a> \
             <a href=\"//cdn.fr/x\" rel=\"noopener noreferrer\">b</a></p>\n"
        );
        assert!(html(markdown).contains("src=\"/images/logo.svg\""));
        assert!(to_html(markdown, "https://a.fr/blog/")
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
}
