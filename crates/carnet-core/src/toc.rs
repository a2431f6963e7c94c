//! A post's table of contents: the list of its headings, nested by level, linked to their ids.
//!
//! [`crate::markdown::to_html`] gathers the headings it gives ids to and, when a post has at
//! least [`MIN_HEADINGS`] headings of levels 1 to [`MAX_LEVEL`], puts [`html`] of them before
//! the body: a `<nav class="toc">` named by its `aria-label`, holding a `<details open>` (so a
//! reader can fold it, without script) with nested `<ol>`. It is plain HTML in the body, so the
//! pre-rendered page, the app and the feed all show it; its links are `#id` links, which work
//! with or without the app.

use crate::sanitize::escape;

/// How many headings a post needs to get a table of contents.
pub const MIN_HEADINGS: usize = 3;

/// The deepest heading level listed: `###`.
pub const MAX_LEVEL: u8 = 3;

/// A heading of a post, as the table of contents lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    /// Its level, 1 for `#` to 6 for `######`.
    pub level: u8,
    /// Its id in the page, a plain word.
    pub id: String,
    /// Its text, plain.
    pub text: String,
}

/// The table of contents of `headings` (those of levels 1 to [`MAX_LEVEL`]), labelled `label`;
/// empty if fewer than [`MIN_HEADINGS`]. A heading deeper than the one before it opens a list
/// inside it, whatever the levels skipped; one shallower closes lists down to its level.
pub fn html(headings: &[Heading], label: &str) -> String {
    let listed: Vec<&Heading> = headings.iter().filter(|h| h.level <= MAX_LEVEL).collect();
    if listed.len() < MIN_HEADINGS {
        return String::new();
    }
    let label = escape(label);
    let mut out = format!(
        "<nav class=\"toc\" aria-label=\"{label}\"><details open><summary>{label}</summary>\n"
    );
    // The levels of the lists open, outermost first.
    let mut open: Vec<u8> = Vec::new();
    for heading in listed {
        match open.last() {
            None => out.push_str("<ol>\n"),
            Some(&top) if heading.level > top => out.push_str("\n<ol>\n"),
            Some(_) => {
                while open.len() > 1 && heading.level < open[open.len() - 1] {
                    open.pop();
                    out.push_str("</li>\n</ol>\n");
                }
                open.pop();
                out.push_str("</li>\n");
            }
        }
        open.push(heading.level);
        out.push_str("<li><a href=\"#");
        out.push_str(&escape(&heading.id));
        out.push_str("\">");
        out.push_str(&escape(&heading.text));
        out.push_str("</a>");
    }
    for _ in open {
        out.push_str("</li>\n</ol>\n");
    }
    out.push_str("</details></nav>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(level: u8, id: &str) -> Heading {
        Heading {
            level,
            id: id.to_owned(),
            text: id.to_uppercase(),
        }
    }

    #[test]
    fn fewer_than_three_headings_make_no_table() {
        assert_eq!(html(&[heading(2, "a"), heading(2, "b")], "Sommaire"), "");
        // Headings deeper than ### do not count.
        assert_eq!(
            html(
                &[heading(2, "a"), heading(4, "b"), heading(5, "c")],
                "Sommaire"
            ),
            ""
        );
    }

    #[test]
    fn headings_nest_by_level() {
        let toc = html(
            &[
                heading(2, "a"),
                heading(3, "b"),
                heading(3, "c"),
                heading(4, "skipped"),
                heading(2, "d"),
            ],
            "Sommaire",
        );
        assert_eq!(
            toc,
            "<nav class=\"toc\" aria-label=\"Sommaire\"><details open><summary>Sommaire</summary>\n\
             <ol>\n<li><a href=\"#a\">A</a>\n\
             <ol>\n<li><a href=\"#b\">B</a></li>\n<li><a href=\"#c\">C</a></li>\n</ol>\n</li>\n\
             <li><a href=\"#d\">D</a></li>\n</ol>\n</details></nav>\n"
        );
    }

    #[test]
    fn a_first_heading_deeper_than_the_next_stays_a_sibling() {
        let toc = html(
            &[heading(3, "a"), heading(2, "b"), heading(3, "c")],
            "Contents",
        );
        assert_eq!(toc.matches("<ol>").count(), 2, "{toc}");
        assert_eq!(toc.matches("</ol>").count(), 2, "{toc}");
        assert!(toc.contains("<li><a href=\"#b\">B</a>\n<ol>"), "{toc}");
    }

    #[test]
    fn text_is_escaped() {
        let toc = html(
            &[
                Heading {
                    level: 2,
                    id: "x".into(),
                    text: "<b>&\"".into(),
                },
                heading(2, "b"),
                heading(2, "c"),
            ],
            "<i>",
        );
        assert!(toc.contains("&lt;b&gt;&amp;&quot;"), "{toc}");
        assert!(toc.contains("aria-label=\"&lt;i&gt;\""), "{toc}");
    }
}
