//! WordPress's « autop »: the paragraphs of a post written in the classic editor.
//!
//! The classic editor saves no `<p>`: WordPress adds them when it shows the post (`wpautop`).
//! A blank line ends a paragraph, a single line break is a `<br>`, and block elements (lists,
//! quotations, tables, headings…) stand on their own. [`autop`] does the same, so the HTML given
//! to the Markdown converter has the paragraphs a reader of the old blog saw. The rules are
//! WordPress's: text directly in the post, in a `<blockquote>` or a `<div>` becomes paragraphs;
//! text in a list item, a cell or a heading gets line breaks only; `<pre>` is left alone.

/// The block elements, as `wpautop` lists them: around them, line breaks are no `<br>`.
const BLOCKS: [&str; 45] = [
    "table",
    "thead",
    "tfoot",
    "caption",
    "col",
    "colgroup",
    "tbody",
    "tr",
    "td",
    "th",
    "div",
    "dl",
    "dd",
    "dt",
    "ul",
    "ol",
    "li",
    "pre",
    "form",
    "map",
    "area",
    "blockquote",
    "address",
    "math",
    "style",
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "fieldset",
    "legend",
    "section",
    "article",
    "aside",
    "hgroup",
    "header",
    "footer",
    "nav",
    "figure",
    "figcaption",
    "details",
];

/// The blocks whose text is cut into paragraphs (at the top of the post, too).
const HOLDS_PARAGRAPHS: [&str; 10] = [
    "blockquote",
    "div",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "nav",
    "details",
    "form",
];

/// Elements whose content is kept exactly: no paragraph, no `<br>` inside.
const VERBATIM: [&str; 4] = ["pre", "script", "style", "textarea"];

/// `html` with WordPress's paragraphs and line breaks.
pub fn autop(html: &str) -> String {
    let html = html.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    // The open blocks, innermost last.
    let mut open: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut rest = html.as_str();
    while !rest.is_empty() {
        let Some(tag) = next_tag(rest) else {
            text.push_str(rest);
            break;
        };
        let (before, markup, after) = (
            &rest[..tag.start],
            &rest[tag.start..tag.end],
            &rest[tag.end..],
        );
        text.push_str(before);
        rest = after;
        if VERBATIM.contains(&tag.name.as_str()) && !tag.closing {
            // Copied as is up to its end tag.
            flush(&mut out, &mut text, open.last());
            let end = find_end_tag(rest, &tag.name).unwrap_or(rest.len());
            out.push_str(markup);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        if !BLOCKS.contains(&tag.name.as_str()) {
            // Inline markup is part of the text; line breaks inside a tag are spaces.
            text.push_str(&markup.replace('\n', " "));
            continue;
        }
        flush(&mut out, &mut text, open.last());
        out.push_str(&markup.replace('\n', " "));
        out.push('\n');
        if tag.closing {
            if let Some(at) = open.iter().rposition(|name| *name == tag.name) {
                open.truncate(at);
            }
        } else if !tag.self_closing && !matches!(tag.name.as_str(), "hr" | "col" | "area") {
            open.push(tag.name);
        }
    }
    flush(&mut out, &mut text, open.last());
    out.trim_end().to_owned() + "\n"
}

/// Writes the text gathered since the last block into `out`: in paragraphs where `container`
/// holds paragraphs, else with line breaks only.
fn flush(out: &mut String, text: &mut String, container: Option<&String>) {
    let gathered = std::mem::take(text);
    // Lines, trimmed, grouped between blank lines.
    let mut paragraphs: Vec<Vec<&str>> = Vec::new();
    let mut current = Vec::new();
    for line in gathered.split('\n').map(str::trim) {
        if !line.is_empty() {
            current.push(line);
        } else if !current.is_empty() {
            paragraphs.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    let holds_paragraphs = container.is_none_or(|name| HOLDS_PARAGRAPHS.contains(&name.as_str()));
    let wrap = holds_paragraphs || paragraphs.len() > 1;
    for lines in paragraphs {
        let mut inner = String::new();
        for (index, line) in lines.iter().enumerate() {
            inner.push_str(line);
            if index + 1 < lines.len() {
                // A line that already ends in a break gets no second one.
                let lower = line.to_ascii_lowercase();
                let ends_in_br = lower
                    .strip_suffix('>')
                    .is_some_and(|tag| tag.trim_end_matches([' ', '/']).ends_with("<br"));
                inner.push_str(if ends_in_br { "\n" } else { "<br>\n" });
            }
        }
        if wrap {
            out.push_str(&format!("<p>{inner}</p>\n"));
        } else {
            out.push_str(&inner);
            out.push('\n');
        }
    }
}

/// A tag found in HTML.
struct Tag {
    /// Where it starts and ends, in bytes.
    start: usize,
    end: usize,
    /// Its name, in lower case.
    name: String,
    closing: bool,
    self_closing: bool,
}

/// The next tag of `html`, or comment (named `!--`), if any.
fn next_tag(html: &str) -> Option<Tag> {
    let mut from = 0;
    loop {
        let start = from + html[from..].find('<')?;
        let rest = &html[start + 1..];
        if rest.starts_with("!--") {
            let end = rest
                .find("-->")
                .map_or(html.len(), |end| start + 1 + end + 3);
            return Some(Tag {
                start,
                end,
                name: "!--".to_owned(),
                closing: false,
                self_closing: true,
            });
        }
        let closing = rest.starts_with('/');
        let name: String = rest[usize::from(closing)..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            // A `<` that opens no tag (`a < b`) is text.
            from = start + 1;
            continue;
        }
        let end = tag_end(html, start)?;
        return Some(Tag {
            start,
            end,
            self_closing: html[..end].ends_with("/>"),
            name,
            closing,
        });
    }
}

/// Where the tag starting at `start` ends (after its `>`), quotes in attributes skipped.
fn tag_end(html: &str, start: usize) -> Option<usize> {
    let mut quote = None;
    for (at, c) in html[start..].char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(start + at + 1),
            _ => {}
        }
    }
    None
}

/// Where the end tag `</name>` starts in `html`, if anywhere.
fn find_end_tag(html: &str, name: &str) -> Option<usize> {
    let lower = html.to_ascii_lowercase();
    lower.find(&format!("</{name}"))
}

#[cfg(test)]
mod tests {
    use super::autop;

    #[test]
    fn blank_lines_are_paragraphs_and_single_breaks_are_br() {
        assert_eq!(
            autop("Un.\nDeux.\n\n\nTrois <em>en\nitalique</em>.\n  \nQuatre.<br />\nCinq."),
            "<p>Un.<br>\nDeux.</p>\n<p>Trois <em>en<br>\nitalique</em>.</p>\n\
             <p>Quatre.<br />\nCinq.</p>\n"
        );
    }

    #[test]
    fn blocks_stand_alone_and_lists_get_no_paragraphs() {
        assert_eq!(
            autop("Voici :\n<ul>\n<li>un\nsuite</li>\n<li>deux</li>\n</ul>\nFin."),
            "<p>Voici :</p>\n<ul>\n<li>\nun<br>\nsuite\n</li>\n<li>\ndeux\n</li>\n</ul>\n<p>Fin.</p>\n"
        );
    }

    #[test]
    fn quotations_hold_paragraphs_and_pre_is_left_alone() {
        assert_eq!(
            autop("<blockquote>A\nB\n\nC</blockquote>\n<pre>x\n\ny</pre>\nZ"),
            "<blockquote>\n<p>A<br>\nB</p>\n<p>C</p>\n</blockquote>\n<pre>x\n\ny</pre>\n<p>Z</p>\n"
        );
    }

    #[test]
    fn a_tag_broken_over_lines_and_a_lone_less_than_stay_whole() {
        assert_eq!(
            autop("<img\nsrc=\"a.png\" alt=\"a > b\"> 1 < 2"),
            "<p><img src=\"a.png\" alt=\"a > b\"> 1 < 2</p>\n"
        );
    }
}
