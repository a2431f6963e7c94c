//! WXR, the file WordPress's Tools → Export writes: an RSS 2.0 feed with WordPress's elements.
//!
//! [`read`] streams it with quick-xml: one event at a time, one item in memory at a time, so an
//! export of any size is read in the memory of its largest post. It is lenient, as exports are
//! often broken: a lone `&`, an end tag that matches nothing, bytes that are not UTF-8 and
//! control characters (which XML forbids but WordPress writes) are read on, and a syntax error
//! is reported with its line and skipped. Texts are whole: a `]]>` in a post, which WordPress
//! writes as two CDATA sections (`]]]]><![CDATA[>`), is joined back.

use quick_xml::escape::{resolve_html5_entity, resolve_predefined_entity};
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::io::{self, BufRead, Read};

/// What the export says about the blog itself, known once its header is read.
#[derive(Clone, Debug, Default)]
pub struct Channel {
    /// The blog's name, `<title>`.
    pub title: String,
    /// Its tagline, `<description>`.
    pub description: String,
    /// Its language, `<language>`: `fr-FR`, `en-US`.
    pub language: String,
    /// The blog's address, `<link>`.
    pub link: String,
    /// `<wp:base_site_url>`: where WordPress is installed.
    pub base_site_url: String,
    /// `<wp:base_blog_url>`: where the blog is.
    pub base_blog_url: String,
    /// Each author's display name, by login (`<wp:author>`).
    pub authors: HashMap<String, String>,
}

/// One `<item>`: a post, a page, an attachment… as written, but its texts decoded.
#[derive(Clone, Debug, Default)]
pub struct Item {
    /// The line of the export where the item starts.
    pub line: usize,
    /// `<title>`.
    pub title: String,
    /// `<link>`: the item's permalink.
    pub link: String,
    /// `<dc:creator>`: its author's login.
    pub creator: String,
    /// `<content:encoded>`: the body, as the editor saved it.
    pub content: String,
    /// `<excerpt:encoded>`: the excerpt written by hand, if any.
    pub excerpt: String,
    /// `<wp:post_id>`.
    pub id: String,
    /// `<wp:post_date>`: local time, `2009-10-06 14:03:00`.
    pub date: String,
    /// `<wp:post_date_gmt>`: the same instant in UTC; `0000-00-00 00:00:00` for a draft.
    pub date_gmt: String,
    /// `<wp:post_modified>`: when it was last saved, local time, as `date`.
    pub modified: String,
    /// `<wp:post_name>`: the slug, percent-encoded when not ASCII; empty for some drafts.
    pub name: String,
    /// `<wp:status>`: `publish`, `draft`, `private`, `trash`, `future`, `pending`, `inherit`…
    pub status: String,
    /// `<wp:post_password>`: set when WordPress shows the post only to who gives it.
    pub password: String,
    /// `<wp:post_type>`: `post`, `page`, `attachment`, `nav_menu_item`…
    pub kind: String,
    /// `<wp:post_parent>`: for an attachment, the post it was uploaded to.
    pub parent: String,
    /// `<wp:menu_order>`: the order of an attachment among its post's.
    pub menu_order: i64,
    /// `<wp:attachment_url>`: where an attachment's file is.
    pub attachment_url: String,
    /// The image's alternative text (the `_wp_attachment_image_alt` meta).
    pub alt: String,
    /// A post's featured image, the number of its attachment (the `_thumbnail_id` meta).
    pub thumbnail: String,
    /// `<category domain="category">`: its categories' names, as written (entities and all).
    pub categories: Vec<String>,
    /// `<category domain="post_tag">`: its tags' names, as written.
    pub tags: Vec<String>,
    /// How many control characters were taken out of its texts.
    pub control_characters: usize,
}

/// Reads the WXR `source` (named `file` in messages), calling `each` on every item in order
/// with what the header said so far. Returns the channel and the problems met in the XML itself.
pub fn read<R: BufRead>(
    source: R,
    file: &str,
    mut each: impl FnMut(&Channel, Item),
) -> (Channel, Vec<String>) {
    let mut reader = quick_xml::Reader::from_reader(LineCounter::new(source));
    let config = reader.config_mut();
    config.allow_dangling_amp = true;
    config.allow_unmatched_ends = true;
    config.check_end_names = false;

    let mut channel = Channel::default();
    let mut problems = Vec::new();
    let mut buf = Vec::new();
    // The open elements, by their qualified names (`wp:post_name`): WXR's prefixes are fixed.
    let mut path: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut item: Option<Item> = None;
    let mut author = (String::new(), String::new());
    let mut meta_key = String::new();
    let mut category_domain = String::new();
    let mut last_error_at = None;
    loop {
        buf.clear();
        let event = match reader.read_event_into(&mut buf) {
            Ok(event) => event,
            Err(error) => {
                let at = reader.buffer_position();
                problems.push(format!(
                    "{file}:{}: broken XML, read on after it: {error}",
                    reader.get_ref().line()
                ));
                // An error that does not move the reader on would repeat for ever.
                if last_error_at == Some(at) || problems.len() > 1000 {
                    problems.push(format!("{file}: too broken to read on; stopped there"));
                    break;
                }
                last_error_at = Some(at);
                continue;
            }
        };
        match event {
            Event::Start(start) => {
                let name = qualified_name(&start);
                match name.as_str() {
                    "item" if item.is_none() => {
                        item = Some(Item {
                            line: reader.get_ref().line(),
                            ..Item::default()
                        });
                    }
                    "category" => category_domain = attribute(&start, b"domain"),
                    _ => {}
                }
                path.push(name);
                text.clear();
            }
            // An empty element is an empty text: nothing to keep.
            Event::Empty(_) => text.clear(),
            Event::Text(bytes) => text.push_str(&String::from_utf8_lossy(&bytes)),
            Event::CData(bytes) => text.push_str(&String::from_utf8_lossy(&bytes)),
            Event::GeneralRef(reference) => {
                let name = String::from_utf8_lossy(&reference).into_owned();
                match reference.resolve_char_ref() {
                    Ok(Some(c)) => text.push(c),
                    _ => match resolve_predefined_entity(&name) {
                        Some(resolved) => text.push_str(resolved),
                        // Not XML's: left for the HTML reading (`&nbsp;` in a post).
                        None => {
                            text.push('&');
                            text.push_str(&name);
                            text.push(';');
                        }
                    },
                }
            }
            Event::End(end) => {
                let name = String::from_utf8_lossy(end.name().as_ref()).into_owned();
                // An end tag that matches no open element is ignored; one that matches an
                // element further up closes the ones left open inside it.
                let Some(open) = path.iter().rposition(|open| *open == name) else {
                    continue;
                };
                path.truncate(open);
                let parent = path.last().map_or("", String::as_str);
                let value = std::mem::take(&mut text);
                match (parent, name.as_str(), item.as_mut()) {
                    (_, "item", Some(_)) => {
                        if let Some(done) = item.take() {
                            each(&channel, done);
                        }
                    }
                    ("item", field, Some(item)) => {
                        let value = without_control_characters(value, item);
                        set_field(item, field, value, &category_domain);
                    }
                    ("wp:postmeta", "wp:meta_key", Some(_)) => meta_key = value,
                    ("wp:postmeta", "wp:meta_value", Some(item))
                        if meta_key == "_wp_attachment_image_alt" =>
                    {
                        item.alt = without_control_characters(value, item);
                    }
                    ("wp:postmeta", "wp:meta_value", Some(item)) if meta_key == "_thumbnail_id" => {
                        item.thumbnail = value.trim().to_owned();
                    }
                    ("channel", "link", None) => channel.link = value.trim().to_owned(),
                    ("channel", "title", None) => channel.title = decode_entities(value.trim()),
                    ("channel", "description", None) => {
                        channel.description = decode_entities(value.trim())
                    }
                    ("channel", "language", None) => channel.language = value.trim().to_owned(),
                    ("channel", "wp:base_site_url", None) => {
                        channel.base_site_url = value.trim().to_owned()
                    }
                    ("channel", "wp:base_blog_url", None) => {
                        channel.base_blog_url = value.trim().to_owned()
                    }
                    ("wp:author", "wp:author_login", None) => author.0 = value.trim().to_owned(),
                    ("wp:author", "wp:author_display_name", None) => {
                        author.1 = decode_entities(value.trim())
                    }
                    ("channel", "wp:author", None) => {
                        let (login, display) = std::mem::take(&mut author);
                        if !login.is_empty() && !display.trim().is_empty() {
                            channel.authors.insert(login, display);
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(unfinished) = item.take() {
        problems.push(format!(
            "{file}:{}: the export ends inside this item; read as far as it goes",
            unfinished.line
        ));
        each(&channel, unfinished);
    }
    (channel, problems)
}

/// Puts `value`, the text of the item's element `field`, where it belongs in `item`.
fn set_field(item: &mut Item, field: &str, value: String, category_domain: &str) {
    let trimmed = || value.trim().to_owned();
    match field {
        "title" => item.title = trimmed(),
        "link" => item.link = trimmed(),
        "dc:creator" => item.creator = trimmed(),
        "content:encoded" => item.content = value,
        "excerpt:encoded" => item.excerpt = value,
        "wp:post_id" => item.id = trimmed(),
        "wp:post_date" => item.date = trimmed(),
        "wp:post_date_gmt" => item.date_gmt = trimmed(),
        "wp:post_modified" => item.modified = trimmed(),
        "wp:post_name" => item.name = trimmed(),
        "wp:status" => item.status = trimmed(),
        "wp:post_password" => item.password = trimmed(),
        "wp:post_type" => item.kind = trimmed(),
        "wp:post_parent" => item.parent = trimmed(),
        "wp:menu_order" => item.menu_order = value.trim().parse().unwrap_or(0),
        "wp:attachment_url" => item.attachment_url = trimmed(),
        "category" if !value.trim().is_empty() => match category_domain {
            "category" => item.categories.push(trimmed()),
            // `tag` in the exports of WordPress 2 (WXR 1.0).
            "post_tag" | "tag" => item.tags.push(trimmed()),
            _ => {}
        },
        _ => {}
    }
}

/// `value` without the control characters XML forbids (all below U+0020 but tab and line
/// breaks), counted in `item`: they would break the front matter and mean nothing to a reader.
fn without_control_characters(value: String, item: &mut Item) -> String {
    let forbidden = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r') && c < '\u{80}';
    let count = value.chars().filter(|&c| forbidden(c)).count();
    if count == 0 {
        return value;
    }
    item.control_characters += count;
    value.chars().filter(|&c| !forbidden(c)).collect()
}

/// The element's name with its prefix, `wp:post_name`.
fn qualified_name(start: &BytesStart) -> String {
    String::from_utf8_lossy(start.name().as_ref()).into_owned()
}

/// The value of the attribute `name` of `start`, or an empty text.
fn attribute(start: &BytesStart, name: &[u8]) -> String {
    start
        .attributes()
        .flatten()
        .find(|attribute| attribute.key.as_ref() == name)
        // Domains are ASCII words (`category`, `post_tag`): nothing to unescape.
        .map(|attribute| String::from_utf8_lossy(&attribute.value).into_owned())
        .unwrap_or_default()
}

/// Decodes the HTML entities WordPress leaves in names and titles (`&amp;`, `&#8217;`,
/// `&eacute;`); anything that is no entity (`AT&T`, `& co`) stays as written.
pub fn decode_entities(text: &str) -> String {
    let mut decoded = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        decoded.push_str(&rest[..amp]);
        rest = &rest[amp..];
        // The longest entity name HTML has is 31 characters (`&CounterClockwiseContourIntegral;`).
        let end = rest
            .char_indices()
            .skip(1)
            .take(33)
            .find(|&(_, c)| c == ';' || c == '&' || c.is_whitespace() || c == '<')
            .filter(|&(_, c)| c == ';')
            .map(|(at, _)| at);
        let resolved = end.and_then(|end| entity(&rest[1..end]).map(|c| (c, end)));
        match resolved {
            Some((value, end)) => {
                decoded.push_str(&value);
                rest = &rest[end + 1..];
            }
            None => {
                decoded.push('&');
                rest = &rest[1..];
            }
        }
    }
    decoded.push_str(rest);
    decoded
}

/// The text of the entity `name` (without `&` and `;`): `#8217`, `#x2019`, `eacute`.
fn entity(name: &str) -> Option<String> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        let c = windows_1252(code).or_else(|| char::from_u32(code).filter(|&c| c != '\0'))?;
        return Some(c.to_string());
    }
    resolve_html5_entity(name).map(str::to_owned)
}

/// What a browser reads for `&#128;`…`&#159;`: old posts pasted from Windows hold these for
/// `€`, `’`, `–`…, which HTML reads as Windows-1252.
fn windows_1252(code: u32) -> Option<char> {
    const TABLE: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    (128..160)
        .contains(&code)
        .then(|| TABLE[(code - 128) as usize])
}

/// A reader that counts the lines it has handed over, so that a problem can name its line.
struct LineCounter<R> {
    inner: R,
    /// Line breaks consumed so far.
    breaks: usize,
}

impl<R: BufRead> LineCounter<R> {
    fn new(inner: R) -> LineCounter<R> {
        LineCounter { inner, breaks: 0 }
    }

    /// The line the reader is on, from 1.
    fn line(&self) -> usize {
        self.breaks + 1
    }
}

impl<R: BufRead> Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let read = self.inner.read(buf)?;
        self.breaks += buf[..read].iter().filter(|&&b| b == b'\n').count();
        Ok(read)
    }
}

impl<R: BufRead> BufRead for LineCounter<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        if let Ok(buffer) = self.inner.fill_buf() {
            let amount = amount.min(buffer.len());
            self.breaks += buffer[..amount].iter().filter(|&&b| b == b'\n').count();
        }
        self.inner.consume(amount);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(xml: &str) -> (Channel, Vec<Item>, Vec<String>) {
        let mut items = Vec::new();
        let (channel, problems) = read(xml.as_bytes(), "export.xml", |_, item| items.push(item));
        (channel, items, problems)
    }

    const HEADER: &str = r#"<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<link>http://blog.example</link>
<wp:base_site_url>http://blog.example</wp:base_site_url>
<wp:author><wp:author_login><![CDATA[admin]]></wp:author_login><wp:author_display_name><![CDATA[Jean &amp; Zoé]]></wp:author_display_name></wp:author>
"#;

    #[test]
    fn reads_the_channel_and_each_item() {
        let (channel, items, problems) = items(&format!(
            "{HEADER}<item><title>Un &amp; deux</title><wp:post_id>7</wp:post_id>\n\
             <content:encoded><![CDATA[<p>Texte</p>]]></content:encoded>\n\
             <category domain=\"category\" nicename=\"r\"><![CDATA[R&amp;D]]></category>\n\
             <category domain=\"post_tag\" nicename=\"t\"><![CDATA[Web]]></category>\n\
             <wp:postmeta><wp:meta_key>_edit_last</wp:meta_key><wp:meta_value>1</wp:meta_value></wp:postmeta>\n\
             <wp:comment><wp:comment_content><![CDATA[Pas du billet]]></wp:comment_content></wp:comment>\n\
             </item></channel></rss>"
        ));
        assert_eq!(problems, [] as [String; 0]);
        assert_eq!(channel.base_site_url, "http://blog.example");
        assert_eq!(channel.authors["admin"], "Jean & Zoé");
        let [item] = &items[..] else {
            panic!("{items:?}")
        };
        assert_eq!(
            (item.title.as_str(), item.id.as_str(), item.content.as_str()),
            ("Un & deux", "7", "<p>Texte</p>")
        );
        assert_eq!(
            (item.categories.clone(), item.tags.clone()),
            (vec!["R&amp;D".to_owned()], vec!["Web".to_owned()])
        );
        assert_eq!(item.line, 9);
    }

    #[test]
    fn a_cdata_end_split_in_two_sections_is_joined_back() {
        let (_, items, problems) = items(&format!(
            "{HEADER}<item><content:encoded><![CDATA[a]]]]><![CDATA[>b]]></content:encoded></item></channel></rss>"
        ));
        assert_eq!(problems, [] as [String; 0]);
        assert_eq!(items[0].content, "a]]>b");
    }

    #[test]
    fn control_characters_and_bad_bytes_are_taken_out_and_counted() {
        let mut xml = format!(
            "{HEADER}<item><title>Bip\u{7}</title><content:encoded><![CDATA[x\u{1b}y\u{c}z é]]></content:encoded></item>"
        )
        .into_bytes();
        xml.extend_from_slice(b"<item><title>Latin \xe9</title></item></channel></rss>");
        let mut items = Vec::new();
        let (_, problems) = read(&xml[..], "export.xml", |_, item| items.push(item));
        assert_eq!(problems, [] as [String; 0]);
        assert_eq!(
            (items[0].title.as_str(), items[0].content.as_str()),
            ("Bip", "xyz é")
        );
        assert_eq!(items[0].control_characters, 3);
        assert_eq!(items[1].title, "Latin \u{fffd}");
    }

    #[test]
    fn broken_xml_is_reported_with_its_line_and_read_on() {
        let (_, items, problems) = items(&format!(
            "{HEADER}<item><title>Un & seul</title></wrong></item>\n<item><title>Deux</title>\n<"
        ));
        let titles: Vec<&str> = items.iter().map(|item| item.title.as_str()).collect();
        assert_eq!(titles, ["Un & seul", "Deux"]);
        assert!(!problems.is_empty());
        assert!(
            problems.iter().all(|p| p.starts_with("export.xml:")),
            "{problems:?}"
        );
        assert!(
            problems.last().unwrap().contains("ends inside this item"),
            "{problems:?}"
        );
    }

    #[test]
    fn entities_are_decoded_and_anything_else_kept() {
        for (text, decoded) in [
            ("R&amp;D", "R&D"),
            ("L&#8217;&eacute;t&#xE9;", "L’été"),
            ("a&nbsp;b", "a\u{a0}b"),
            ("AT&T & co;", "AT&T & co;"),
            ("&#150; &#8364;", "– €"),
            ("&unknown; &", "&unknown; &"),
            ("&#0; &#xD800;", "&#0; &#xD800;"),
        ] {
            assert_eq!(decode_entities(text), decoded, "{text}");
        }
    }
}
