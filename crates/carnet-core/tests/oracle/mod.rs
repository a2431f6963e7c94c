//! What "safe HTML" means, checked independently of the sanitiser: the HTML is read by html5ever,
//! the parser browsers' own algorithm is written from, inside a page, and every element and
//! attribute that results is held against the rule of issue 10. Shared by the XSS corpus test
//! and the fuzz target (`fuzz/fuzz_targets/markdown.rs`).

use scraper::node::Node;
use scraper::{ElementRef, Html};

/// The elements a post may hold.
const ELEMENTS: &[&str] = &[
    "p",
    "br",
    "wbr",
    "em",
    "strong",
    "b",
    "i",
    "u",
    "s",
    "small",
    "mark",
    "del",
    "ins",
    "sub",
    "sup",
    "kbd",
    "abbr",
    "cite",
    "q",
    "code",
    "a",
    "img",
    "figure",
    "figcaption",
    "details",
    "summary",
    "blockquote",
    "pre",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "span",
    "div",
    "nav",
    "table",
    "caption",
    "colgroup",
    "col",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "input",
];

/// Attributes no element of a post may have, beyond every `on…` handler.
const FORBIDDEN_ATTRIBUTES: &[&str] = &[
    "style",
    "srcdoc",
    "srcset",
    "formaction",
    "action",
    "xlink:href",
    "name",
    "form",
    "autofocus",
    "background",
    "poster",
    "ping",
    "target",
];

/// The ids the app uses itself.
const APP_IDS: &[&str] = &[
    "contenu",
    "carnet-data",
    "sidebar-recent",
    "sidebar-categories",
    "sidebar-archives",
];

/// `Err` with every reason `html`, put inside a page as a post's body is, could run a script,
/// reach another document, restyle the page or leave its container. `base` is where it was
/// rendered for: a site-absolute image is resolved under it, so it is the site's own.
pub fn check(html: &str, base: &str) -> Result<(), String> {
    let page = Html::parse_document(&format!(
        "<!DOCTYPE html><html><head></head><body><div class=\"post-body\">{html}</div>\
         <p class=\"after-post\"></p></body></html>"
    ));
    let mut problems = Vec::new();
    let body = page
        .root_element()
        .children()
        .filter_map(ElementRef::wrap)
        .find(|element| element.value().name() == "body")
        .ok_or("no body")?;
    let children: Vec<ElementRef> = body.children().filter_map(ElementRef::wrap).collect();
    let names: Vec<String> = children
        .iter()
        .map(|child| {
            format!(
                "{}.{}",
                child.value().name(),
                child.value().attr("class").unwrap_or("")
            )
        })
        .collect();
    if names != ["div.post-body", "p.after-post"] {
        problems.push(format!(
            "the post left its container: the body holds {names:?}"
        ));
    }
    let Some(container) = children.first() else {
        return Err("no container".into());
    };
    for node in container.descendants().skip(1) {
        match node.value() {
            Node::Element(element) => {
                let name = element.name();
                if &*element.name.ns != "http://www.w3.org/1999/xhtml" {
                    problems.push(format!("a foreign element <{name}>"));
                }
                if !ELEMENTS.contains(&name) {
                    problems.push(format!("a forbidden element <{name}>"));
                }
                for (attribute, value) in element.attrs() {
                    let attribute = attribute.to_ascii_lowercase();
                    if attribute.starts_with("on")
                        || FORBIDDEN_ATTRIBUTES.contains(&attribute.as_str())
                    {
                        problems.push(format!("<{name} {attribute}=\"{value}\">"));
                    }
                    let url = as_read(value);
                    let own_image =
                        name == "img" && url.starts_with(base) && !url.starts_with("//");
                    if matches!(attribute.as_str(), "href" | "src")
                        && !own_image
                        && !safe_url(name, &url)
                    {
                        problems.push(format!("<{name} {attribute}=\"{value}\">"));
                    }
                    if attribute == "id" && APP_IDS.contains(&value) {
                        problems.push(format!("<{name} id=\"{value}\">, one of the app's ids"));
                    }
                    if attribute == "class"
                        && !value.split_ascii_whitespace().all(|c| own_class(name, c))
                    {
                        problems.push(format!("<{name} class=\"{value}\">, not Markdown's own"));
                    }
                }
                if name == "input"
                    && (element.attr("type") != Some("checkbox")
                        || element.attr("disabled").is_none())
                {
                    problems.push("an <input> that is not a disabled checkbox".into());
                }
            }
            Node::Comment(_) | Node::ProcessingInstruction(_) | Node::Doctype(_) => {}
            Node::Text(_) | Node::Fragment | Node::Document => {}
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

/// Whether `class` is one that Carnet's Markdown itself gives `element` (a code block's
/// language, footnotes and their back links, a table column's alignment, heading anchors and
/// the table of contents): any other could take the site's styles.
fn own_class(element: &str, class: &str) -> bool {
    match element {
        "code" => class.starts_with("language-"),
        "sup" => matches!(class, "footnote-reference" | "footnote-definition-label"),
        "div" => class == "footnote-definition",
        "a" => matches!(class, "heading-anchor" | "footnote-back"),
        "nav" => class == "toc",
        "th" | "td" => matches!(class, "align-left" | "align-center" | "align-right"),
        _ => false,
    }
}

/// A URL as a browser reads it in an http(s) page: without leading and trailing spaces and
/// control characters, without tabs and newlines anywhere, and with `\` read as `/`.
fn as_read(url: &str) -> String {
    url.trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .map(|c| if c == '\\' { '/' } else { c })
        .collect()
}

/// Whether a URL, read as a browser reads it ([`as_read`]), can only lead to a page, or to an
/// image of the site itself.
fn safe_url(element: &str, url: &str) -> bool {
    let url = url.to_ascii_lowercase();
    let scheme = url
        .find([':', '/', '?', '#'])
        .filter(|&i| url[i..].starts_with(':'))
        .map(|i| &url[..i]);
    match scheme {
        // An image from another site: the page's CSP would block it.
        Some("http" | "https") | None
            if element == "img" && (scheme.is_some() || url.starts_with("//")) =>
        {
            false
        }
        None | Some("http" | "https" | "mailto" | "tel") => true,
        Some("data") => element == "img" && url.starts_with("data:image/"),
        Some(_) => false,
    }
}
