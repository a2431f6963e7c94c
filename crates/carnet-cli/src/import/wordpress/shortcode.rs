//! Shortcodes: the `[name attribute="value"]…[/name]` WordPress expands when it shows a post.
//!
//! Those a post's meaning depends on become the HTML WordPress showed: `[caption]` an image
//! with its caption (`<figure>`), `[gallery]` its images, `[embed]` a link to what it embedded,
//! `[code]` and `[sourcecode]` (SyntaxHighlighter's) a code block in their language.
//! Any other (a plugin's) is kept as written, for the author to see, and reported; so is text in
//! brackets that only looks like one. `[[name]]`, WordPress's way of writing a shortcode as
//! text, becomes `[name]`.

use carnet_core::escape;
use std::collections::BTreeSet;

/// An image of the media library, for galleries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Image {
    /// Where the file is.
    pub url: String,
    /// Its alternative text.
    pub alt: String,
    /// Its caption, as HTML.
    pub caption: String,
}

/// What the shortcodes of a post need to know of the blog.
pub trait Library {
    /// The images of a gallery: those of `ids` (a comma-separated list) if given, else those
    /// uploaded to the post.
    fn gallery(&self, ids: Option<&str>) -> Vec<Image>;
}

/// `html` with its shortcodes expanded, and the names of those left as they were.
pub fn expand(html: &str, library: &dyn Library) -> (String, BTreeSet<String>) {
    let mut out = String::with_capacity(html.len());
    let mut unknown = BTreeSet::new();
    let mut rest = html;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        rest = &rest[open..];
        // `[[caption]]` is the text `[caption]`.
        if rest.starts_with("[[") {
            if let Some(end) = rest.find("]]") {
                out.push_str(&rest[1..end + 1]);
                rest = &rest[end + 2..];
                continue;
            }
        }
        let Some(code) = parse(rest) else {
            out.push('[');
            rest = &rest[1..];
            continue;
        };
        let closing = format!("[/{}]", code.name);
        let enclosed = (!code.self_closing)
            .then(|| rest[code.end..].find(&closing))
            .flatten()
            .map(|at| {
                (
                    &rest[code.end..code.end + at],
                    code.end + at + closing.len(),
                )
            });
        let expanded = match (code.name.as_str(), enclosed) {
            ("caption" | "wp_caption", Some((inner, _))) => Some(caption(&code, inner)),
            ("embed", Some((inner, _))) => Some(link(inner.trim())),
            ("code" | "sourcecode", Some((inner, _))) => Some(code_block(&code, inner)),
            ("gallery", _) => Some(gallery(&code, library)),
            ("audio" | "video", _) => media_file(&code).map(link),
            _ => None,
        };
        match expanded {
            Some(html) => {
                out.push_str(&html);
                let end = match (code.name.as_str(), enclosed) {
                    ("gallery", _) | (_, None) => code.end,
                    (_, Some((_, end))) => end,
                };
                rest = &rest[end..];
            }
            None => {
                // Text in brackets (`[sic]`, `[1]`) is no shortcode; a name with attributes
                // or a closing tag is one that no one here knows.
                if code.has_attributes || enclosed.is_some() || code.self_closing {
                    unknown.insert(code.name.clone());
                }
                out.push_str(&rest[..code.end]);
                rest = &rest[code.end..];
            }
        }
    }
    out.push_str(rest);
    (out, unknown)
}

/// A shortcode's opening tag.
struct Code {
    name: String,
    /// Its attributes: `(name, value)`, or `("", value)` for a value without a name.
    attributes: Vec<(String, String)>,
    has_attributes: bool,
    self_closing: bool,
    /// Where it ends, after its `]`.
    end: usize,
}

impl Code {
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// The shortcode tag `text` starts with (`[name …]`), if it is one.
fn parse(text: &str) -> Option<Code> {
    let body = &text[1..];
    let name_len = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(body.len());
    let name = &body[..name_len];
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let after = &body[name_len..];
    if !after.starts_with([' ', '\t', '\n', ']', '/']) {
        return None;
    }
    // The closing `]`, outside quotes; a shortcode stays on one paragraph.
    let mut quote = None;
    let mut end = None;
    for (at, c) in after.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, ']') => {
                end = Some(at);
                break;
            }
            (None, '[') => return None,
            _ => {}
        }
    }
    let end = end?;
    let inside = after[..end].trim();
    let self_closing = inside.ends_with('/');
    let inside = inside.trim_end_matches('/').trim();
    Some(Code {
        name: name.to_ascii_lowercase(),
        attributes: attributes(inside),
        has_attributes: !inside.is_empty(),
        self_closing,
        end: 1 + name_len + end + 1,
    })
}

/// The attributes written `a="1" b='2' c=3 value`.
fn attributes(mut text: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    loop {
        text = text.trim_start();
        if text.is_empty() {
            return found;
        }
        let key_len = text
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(text.len());
        let after_key = text[key_len..].trim_start();
        let (key, value_text) = match after_key.strip_prefix('=') {
            Some(value) if key_len > 0 => {
                (text[..key_len].to_ascii_lowercase(), value.trim_start())
            }
            _ => (String::new(), text),
        };
        let (value, rest) = match value_text.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let inner = &value_text[1..];
                let end = inner.find(q).unwrap_or(inner.len());
                (&inner[..end], inner.get(end + 1..).unwrap_or(""))
            }
            _ => {
                let end = value_text
                    .find(char::is_whitespace)
                    .unwrap_or(value_text.len());
                (&value_text[..end], &value_text[end..])
            }
        };
        found.push((key, value.to_owned()));
        text = rest;
    }
}

/// `[caption]<a><img></a> Le texte[/caption]`: the image in a figure, with its caption (the
/// text beside the image, or the older `caption="…"` attribute).
fn caption(code: &Code, inner: &str) -> String {
    let lower = inner.to_ascii_lowercase();
    let Some(img) = lower.find("<img") else {
        return inner.to_owned();
    };
    let img_end = lower[img..]
        .find('>')
        .map_or(inner.len(), |end| img + end + 1);
    // The link around the image, if it is one.
    let (start, end) = match lower[..img].rfind("<a ") {
        Some(a)
            if lower[a..img]
                .find('>')
                .is_some_and(|close| lower[a + close + 1..img].trim().is_empty()) =>
        {
            let end = lower[img_end..]
                .find("</a>")
                .map_or(img_end, |close| img_end + close + 4);
            (a, end)
        }
        _ => (img, img_end),
    };
    let text = format!("{} {}", &inner[..start], &inner[end..]);
    let text = code.attribute("caption").unwrap_or(text.trim());
    let image = &inner[start..end];
    if text.trim().is_empty() {
        format!("<figure>{image}</figure>")
    } else {
        format!(
            "<figure>{image}<figcaption>{}</figcaption></figure>",
            text.trim()
        )
    }
}

/// `[gallery]`: each of its images, in a figure if it has a caption.
fn gallery(code: &Code, library: &dyn Library) -> String {
    let ids = code.attribute("ids").or_else(|| code.attribute("include"));
    library
        .gallery(ids)
        .into_iter()
        .map(|image| {
            let img = format!(
                "<img src=\"{}\" alt=\"{}\">",
                escape(&image.url),
                escape(&image.alt)
            );
            if image.caption.trim().is_empty() {
                format!("\n<p>{img}</p>\n")
            } else {
                format!(
                    "\n<figure>{img}<figcaption>{}</figcaption></figure>\n",
                    image.caption.trim()
                )
            }
        })
        .collect()
}

/// `[code language="php"]…[/code]`: a code block, its language on its `<code>`. What it
/// encloses is code as written (SyntaxHighlighter shows it so): its `<` are text, or the HTML
/// parser would take `<?php …?>` for a comment and `<div>` for an element.
fn code_block(code: &Code, inner: &str) -> String {
    let language = ["language", "lang", ""]
        .iter()
        .find_map(|key| code.attribute(key))
        .filter(|lang| {
            lang.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+#-_".contains(c))
        })
        .map(|lang| format!(" class=\"language-{}\"", lang.to_ascii_lowercase()))
        .unwrap_or_default();
    format!(
        "<pre><code{language}>{}</code></pre>",
        inner.trim_matches('\n').replace('<', "&lt;")
    )
}

/// The file an `[audio]` or `[video]` shortcode plays: its `src`, or the first of its files by
/// format (`mp3="…"`, `mp4="…"`), as WordPress writes them. The site shows a link to it, as for
/// an `<audio>` or `<video>` element.
fn media_file(code: &Code) -> Option<&str> {
    const FORMATS: [&str; 11] = [
        "src", "mp3", "m4a", "ogg", "wav", "wma", "mp4", "m4v", "webm", "ogv", "flv",
    ];
    FORMATS
        .iter()
        .find_map(|format| code.attribute(format))
        .map(str::trim)
        .filter(|url| !url.is_empty())
}

/// A link to `url`, on its own.
pub fn link(url: &str) -> String {
    let url = escape(url);
    format!("<p><a href=\"{url}\">{url}</a></p>")
}

#[cfg(test)]
mod tests {
    use super::*;

    struct TwoImages;

    impl Library for TwoImages {
        fn gallery(&self, ids: Option<&str>) -> Vec<Image> {
            let image = |n: &str, caption: &str| Image {
                url: format!("/images/{n}.jpg"),
                alt: format!("Image {n}"),
                caption: caption.to_owned(),
            };
            match ids {
                Some("2") => vec![image("2", "")],
                _ => vec![image("1", "Une <em>légende</em>"), image("2", "")],
            }
        }
    }

    fn expanded(html: &str) -> (String, Vec<String>) {
        let (html, unknown) = expand(html, &TwoImages);
        (html, unknown.into_iter().collect())
    }

    #[test]
    fn a_caption_becomes_a_figure_with_its_caption() {
        let (html, unknown) = expanded(
            "Avant [caption id=\"attachment_5\" align=\"alignleft\" width=\"300\"]\
             <a href=\"/x.jpg\"><img src=\"/x-300.jpg\" alt=\"X\" /></a> L’atelier, <em>2009</em>[/caption] après",
        );
        assert_eq!(
            html,
            "Avant <figure><a href=\"/x.jpg\"><img src=\"/x-300.jpg\" alt=\"X\" /></a>\
             <figcaption>L’atelier, <em>2009</em></figcaption></figure> après"
        );
        assert!(unknown.is_empty());
        let (html, _) = expanded("[caption caption=\"Ancienne\"]<img src=\"/y.jpg\">[/caption]");
        assert_eq!(
            html,
            "<figure><img src=\"/y.jpg\"><figcaption>Ancienne</figcaption></figure>"
        );
    }

    #[test]
    fn a_gallery_gives_its_images_and_embed_a_link() {
        let (html, _) = expanded("[gallery columns=\"2\"]");
        assert_eq!(
            html,
            "\n<figure><img src=\"/images/1.jpg\" alt=\"Image 1\"><figcaption>Une <em>légende</em>\
             </figcaption></figure>\n\n<p><img src=\"/images/2.jpg\" alt=\"Image 2\"></p>\n"
        );
        assert_eq!(
            expanded("[gallery ids=\"2\"]").0,
            "\n<p><img src=\"/images/2.jpg\" alt=\"Image 2\"></p>\n"
        );
        assert_eq!(
            expanded("[code language=\"PHP\"]\necho 1;\n[/code]").0,
            "<pre><code class=\"language-php\">echo 1;</code></pre>"
        );
        assert_eq!(
            expanded("[embed width=\"500\"]https://video.example/v/1?a=1&b=2[/embed]").0,
            "<p><a href=\"https://video.example/v/1?a=1&amp;b=2\">https://video.example/v/1?a=1&amp;b=2</a></p>"
        );
    }

    #[test]
    fn audio_and_video_are_links_to_their_files() {
        assert_eq!(
            expanded("Écoutez : [audio mp3=\"http://b.example/x.mp3\" ogg=\"http://b.example/x.ogg\"][/audio] !"),
            (
                "Écoutez : <p><a href=\"http://b.example/x.mp3\">http://b.example/x.mp3</a></p> !"
                    .to_owned(),
                vec![]
            )
        );
        assert_eq!(
            expanded("[video width=\"640\" src=\"/v.mp4\" /]").0,
            "<p><a href=\"/v.mp4\">/v.mp4</a></p>"
        );
        // Without a file, nothing to link: kept, and named.
        assert_eq!(expanded("[audio preload=\"none\"]").1, ["audio"]);
    }

    #[test]
    fn unknown_shortcodes_are_kept_and_named_but_brackets_are_text() {
        let text =
            "[contact-form-7 id=\"12\" title=\"Contact\"] [sic] [1] [youtube https://y.example/1] \
                    [note]Attention[/note] [/orphan] [[gallery]] [ espace]";
        let (html, unknown) = expanded(text);
        assert_eq!(html, text.replace("[[gallery]]", "[gallery]"));
        assert_eq!(unknown, ["contact-form-7", "note", "youtube"]);
    }
}
