//! Markdown: the one place that parses it, with one set of options, and makes its HTML safe.
//!
//! Posts are CommonMark plus tables, footnotes, strikethrough, task lists, smart punctuation and
//! heading attributes. Nobody else calls pulldown-cmark: the app renders bodies with [`to_html`]
//! and the content tool makes excerpts with [`first_paragraph_text`], so both read a post the same.
//!
//! Safety: raw HTML in a post is shown as text, never injected, and links or images whose URL
//! could run script (`javascript:`, `data:` …) lose their URL. Allowing a vetted subset of HTML
//! belongs here too when it comes, behind the same function.

use crate::slug::slugify;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;

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
/// `/images/x.svg`, are resolved under it. Every heading gets an
/// `id` (its own `{#id}`, else the slug of its text, made unique) so it can be linked to.
pub fn to_html(markdown: &str, base: &str) -> String {
    let events = with_heading_ids(
        parser(markdown)
            .map(|event| make_safe(event, base))
            .collect(),
    );
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    html
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

/// Turns raw HTML into text and strips dangerous URLs; resolves site-absolute ones under `base`.
fn make_safe<'a>(event: Event<'a>, base: &str) -> Event<'a> {
    match event {
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: safe_url(dest_url, base),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: safe_url(dest_url, base),
            title,
            id,
        }),
        other => other,
    }
}

fn safe_url<'a>(url: CowStr<'a>, base: &str) -> CowStr<'a> {
    if let Some(path) = url.strip_prefix('/').filter(|rest| !rest.starts_with('/')) {
        return format!("{}/{path}", base.trim_end_matches('/')).into();
    }
    // A scheme is what stands before the first ':' if no '/', '?' or '#' comes earlier.
    let scheme_end = url
        .find([':', '/', '?', '#'])
        .filter(|&i| url[i..].starts_with(':'));
    match scheme_end.map(|i| url[..i].to_ascii_lowercase()) {
        None => url,
        Some(scheme) if matches!(scheme.as_str(), "http" | "https" | "mailto" | "tel") => url,
        Some(_) => CowStr::Borrowed(""),
    }
}

/// Gives every heading an id: its own `{#id}` if written, else the slug of its text, made unique.
fn with_heading_ids(mut events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut taken: HashSet<String> = events
        .iter()
        .filter_map(|event| match event {
            Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
            _ => None,
        })
        .collect();
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
            let mut id = stem.clone();
            let mut n = 1;
            while !taken.insert(id.clone()) {
                id = format!("{stem}-{n}");
                n += 1;
            }
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
        to_html(markdown, "/")
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
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        assert_eq!(
            html("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            html("Un <img src=x onerror=alert(1)> ici"),
            "<p>Un &lt;img src=x onerror=alert(1)&gt; ici</p>\n"
        );
    }

    #[test]
    fn dangerous_urls_are_dropped() {
        assert_eq!(
            html("[x](javascript:alert(1))"),
            "<p><a href=\"\">x</a></p>\n"
        );
        assert_eq!(
            html("[x](JavaScript:alert(1))"),
            "<p><a href=\"\">x</a></p>\n"
        );
        assert_eq!(
            html("![x](data:text/html,hi)"),
            "<p><img src=\"\" alt=\"x\" /></p>\n"
        );
        assert_eq!(
            html("[x](https://a.fr/?q=1:2)"),
            "<p><a href=\"https://a.fr/?q=1:2\">x</a></p>\n"
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
            to_html(markdown, "/blog/"),
            "<p><img src=\"/blog/images/logo.svg\" alt=\"logo\" /> <a href=\"/blog/posts/a\">a</a> \
             <a href=\"//cdn.fr/x\">b</a></p>\n"
        );
        assert!(to_html(markdown, "/").contains("src=\"/images/logo.svg\""));
        assert!(to_html(markdown, "https://a.fr/blog/")
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
