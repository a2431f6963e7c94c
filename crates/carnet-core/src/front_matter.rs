//! Front matter: the TOML block between `+++` lines at the top of a post.
//!
//! ```text
//! +++
//! title = "Générer du business avec les réseaux sociaux"
//! date = 2009-03-10
//! category = "Usages"
//! author = "admin"
//! +++
//! The body, in Markdown…
//! ```
//!
//! `date` may also be a date-time, with or without its offset (`2009-03-10T14:03:00+01:00`, as
//! the WordPress import writes it): the day written is the post's day, never converted to UTC.
//! `tags = ["…"]` is read and kept for the tags pages to come; `draft = true` keeps a post out
//! of the site.
//!
//! Every error says on which line of the file it is and what the author should write instead.

use crate::date::Date;
use serde::Deserialize;
use std::fmt;
use toml::Spanned;

/// The line that opens and closes the front matter.
pub const FENCE: &str = "+++";

/// The keys a post's front matter may have, in the order the README documents them.
pub const KEYS: [&str; 8] = [
    "title", "date", "category", "author", "slug", "summary", "tags", "draft",
];

/// A post's front matter, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontMatter {
    /// The title; required, not blank.
    pub title: String,
    /// The publication day; required.
    pub date: Date,
    /// The category's name, if given.
    pub category: Option<String>,
    /// The author, if given.
    pub author: Option<String>,
    /// The URL name, if given instead of the one made from the title; already a valid slug.
    pub slug: Option<String>,
    /// A plain-text summary for lists, if given instead of the first paragraph.
    pub summary: Option<String>,
    /// The post's tags, in the order written, blanks dropped; none if not given.
    pub tags: Vec<String>,
    /// Whether the post is a draft, left out of the site.
    pub draft: bool,
}

/// A post file cut in two: its front matter and its Markdown body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document<'a> {
    /// The checked front matter.
    pub front_matter: FrontMatter,
    /// Everything after the closing fence.
    pub body: &'a str,
}

/// What is wrong in a file, where, and what to do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontMatterError {
    /// The line of the file, from 1.
    pub line: usize,
    /// What is wrong.
    pub message: String,
    /// What to write instead.
    pub fix: String,
}

impl fmt::Display for FrontMatterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}: {}\n  fix: {}",
            self.line, self.message, self.fix
        )
    }
}

impl std::error::Error for FrontMatterError {}

const DATE_FIX: &str =
    "write the day the post was published as `date = YYYY-MM-DD`, e.g. `date = 2009-10-06`";

// Values are taken as any TOML value and their types checked here, so that an error names the
// key and says how to write it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    title: Option<Spanned<toml::Value>>,
    date: Option<Spanned<toml::Value>>,
    category: Option<Spanned<toml::Value>>,
    author: Option<Spanned<toml::Value>>,
    slug: Option<Spanned<toml::Value>>,
    summary: Option<Spanned<toml::Value>>,
    tags: Option<Spanned<toml::Value>>,
    draft: Option<Spanned<toml::Value>>,
}

/// A text value of the front matter, with the line it is on.
struct Text {
    value: String,
    line: usize,
}

/// The text `value` of `key`, or an error on its line saying how to write it as text.
fn read_text(
    key: &str,
    value: Option<Spanned<toml::Value>>,
    line_of: impl Fn(usize) -> usize,
) -> Result<Option<Text>, FrontMatterError> {
    let Some(value) = value else {
        return Ok(None);
    };
    let line = line_of(value.span().start);
    let write =
        |value: &dyn std::fmt::Display| format!("write `{key} = {}`", quoted(&value.to_string()));
    let (kind, fix) = match value.into_inner() {
        toml::Value::String(value) => return Ok(Some(Text { value, line })),
        toml::Value::Array(items) => {
            let first = match items.into_iter().next() {
                Some(toml::Value::String(first)) => first,
                _ => "…".to_owned(),
            };
            ("a list", format!("a post has one {key}: {}", write(&first)))
        }
        toml::Value::Table(_) => ("a table", write(&"…")),
        toml::Value::Boolean(value) => ("true or false", write(&value)),
        toml::Value::Datetime(value) => ("a date", write(&value)),
        toml::Value::Integer(value) => ("a number", write(&value)),
        toml::Value::Float(value) => ("a number", write(&value)),
    };
    Err(FrontMatterError {
        line,
        message: format!("`{key}` must be text in double quotes, not {kind}"),
        fix,
    })
}

/// The tags of a post: a list of texts, or an error on its line saying how to write it.
fn read_tags(
    value: Option<Spanned<toml::Value>>,
    line_of: impl Fn(usize) -> usize,
) -> Result<Vec<String>, FrontMatterError> {
    let Some(value) = value else {
        return Ok(Vec::new());
    };
    let line = line_of(value.span().start);
    let error = |kind: &str, example: String| FrontMatterError {
        line,
        message: format!("`tags` must be a list of texts in double quotes, not {kind}"),
        fix: format!("write `tags = [{example}]`"),
    };
    match value.into_inner() {
        toml::Value::Array(items) => items
            .into_iter()
            .filter_map(|item| match item {
                toml::Value::String(tag) => {
                    let tag = tag.trim().to_owned();
                    (!tag.is_empty()).then_some(Ok(tag))
                }
                toml::Value::Array(_) | toml::Value::Table(_) => Some(Err(error(
                    "a list holding a list or a table",
                    "\"…\"".into(),
                ))),
                other => Some(Err(error(
                    "a list holding something else than text",
                    quoted(&scalar_text(&other)),
                ))),
            })
            .collect(),
        toml::Value::String(tag) => Err(error("one text", quoted(&tag))),
        other => Err(error(other.type_str(), quoted(&scalar_text(&other)))),
    }
}

/// A scalar value as an author would write it in quotes: `3`, `true`, `2009-10-06`.
fn scalar_text(value: &toml::Value) -> String {
    match value {
        toml::Value::String(text) => text.clone(),
        toml::Value::Integer(number) => number.to_string(),
        toml::Value::Float(number) => number.to_string(),
        toml::Value::Boolean(value) => value.to_string(),
        toml::Value::Datetime(value) => value.to_string(),
        toml::Value::Array(_) | toml::Value::Table(_) => "…".to_owned(),
    }
}

/// Whether the post is a draft: `draft = true`, or an error on its line.
fn read_draft(
    value: Option<Spanned<toml::Value>>,
    line_of: impl Fn(usize) -> usize,
) -> Result<bool, FrontMatterError> {
    let Some(value) = value else {
        return Ok(false);
    };
    let line = line_of(value.span().start);
    match value.into_inner() {
        toml::Value::Boolean(draft) => Ok(draft),
        other => Err(FrontMatterError {
            line,
            message: format!(
                "`draft` must be true or false, not {}",
                match other {
                    toml::Value::String(_) => "text in quotes",
                    toml::Value::Integer(_) | toml::Value::Float(_) => "a number",
                    _ => other.type_str(),
                }
            ),
            fix: "write `draft = true` (no quotes) to keep the post out of the site, or remove \
                  the line to publish it"
                .to_owned(),
        }),
    }
}

/// `text` as a TOML string, for a line of front matter: `"Un \"été\""`. Line breaks, tabs and
/// other control characters are escaped, so any text gives one valid line.
pub fn quoted(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\t' => quoted.push_str("\\t"),
            '\r' => quoted.push_str("\\r"),
            c if c.is_control() => quoted.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// Splits `source` (a whole post file) into its checked front matter and its body.
pub fn parse(source: &str) -> Result<Document<'_>, FrontMatterError> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let mut lines = source.split_inclusive('\n');
    let opening = lines.next().unwrap_or("");
    if opening.trim_end() != FENCE {
        return Err(FrontMatterError {
            line: 1,
            message: format!("the file does not start with a `{FENCE}` line"),
            fix: format!(
                "put the front matter first, between two `{FENCE}` lines:\n  \
                 {FENCE}\n  title = \"…\"\n  date = 2009-10-06\n  category = \"…\"\n  {FENCE}"
            ),
        });
    }
    let toml_start = opening.len();
    let mut offset = toml_start;
    let mut closing = None;
    for line in lines {
        if line.trim_end() == FENCE {
            closing = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((toml_end, body_start)) = closing else {
        return Err(FrontMatterError {
            line: 1,
            message: "the front matter opened on line 1 is never closed".to_owned(),
            fix: format!("add a line `{FENCE}` after its last key, before the post's text"),
        });
    };
    let text = &source[toml_start..toml_end];
    let line_of = |byte: usize| 2 + text[..byte.min(text.len())].matches('\n').count();

    let raw: RawFrontMatter = toml::from_str(text).map_err(|error| {
        let line = error.span().map_or(1, |span| line_of(span.start));
        let message = error.message().trim_end().to_owned();
        let fix = if message.starts_with("unknown field") {
            format!("remove that key, or use one of: {}", KEYS.join(", "))
        } else if message.contains("date") {
            DATE_FIX.to_owned()
        } else {
            "write each key as `key = value`, text in double quotes, dates as YYYY-MM-DD".to_owned()
        };
        FrontMatterError {
            line,
            message: format!("invalid front matter: {message}"),
            fix,
        }
    })?;

    let missing = |key: &str, example: &str| FrontMatterError {
        line: 1,
        message: format!("the front matter has no `{key}`"),
        fix: format!("add a line `{key} = {example}` between the `{FENCE}` lines"),
    };
    let title = read_text("title", raw.title, line_of)?
        .ok_or_else(|| missing("title", "\"The post's title\""))?;
    if title.value.trim().is_empty() {
        return Err(FrontMatterError {
            line: title.line,
            message: "the title is empty".to_owned(),
            fix: "write the post's title between the quotes".to_owned(),
        });
    }
    let category = read_text("category", raw.category, line_of)?;
    let author = read_text("author", raw.author, line_of)?;
    let slug = read_text("slug", raw.slug, line_of)?;
    let summary = read_text("summary", raw.summary, line_of)?;
    let tags = read_tags(raw.tags, line_of)?;
    let draft = read_draft(raw.draft, line_of)?;
    let date = raw.date.ok_or_else(|| missing("date", "2009-10-06"))?;
    let date_line = line_of(date.span().start);
    let date = read_date(date.get_ref()).map_err(|message| FrontMatterError {
        line: date_line,
        message,
        fix: DATE_FIX.to_owned(),
    })?;
    if let Some(slug) = &slug {
        if !crate::slug::is_slug(&slug.value) {
            let suggestion = crate::slug::slugify(&slug.value);
            return Err(FrontMatterError {
                line: slug.line,
                message: format!("`{}` is not a valid slug", slug.value),
                fix: if suggestion.is_empty() {
                    "use lower-case ASCII letters, digits and single dashes, e.g. `slug = \"mon-billet\"`".to_owned()
                } else {
                    format!("write `slug = \"{suggestion}\"` (lower-case ASCII letters, digits and single dashes)")
                },
            });
        }
    }
    let trimmed = |text: Option<Text>| {
        text.map(|text| text.value.trim().to_owned())
            .filter(|value| !value.is_empty())
    };
    Ok(Document {
        front_matter: FrontMatter {
            title: title.value.trim().to_owned(),
            date,
            category: trimmed(category),
            author: trimmed(author),
            slug: slug.map(|slug| slug.value),
            summary: trimmed(summary),
            tags,
            draft,
        },
        body: &source[body_start..],
    })
}

/// Reads a TOML date (`2009-10-06`, or a date-time whose day is taken) or the same in quotes.
fn read_date(value: &toml::Value) -> Result<Date, String> {
    match value {
        toml::Value::Datetime(datetime) => match datetime.date {
            Some(d) => Date::new(d.year, d.month, d.day).map_err(|e| format!("bad date: {e}")),
            None => Err(format!("`{datetime}` is a time of day, not a date")),
        },
        toml::Value::String(text) => text.parse().map_err(|e| format!("bad date `{text}`: {e}")),
        other => Err(format!(
            "bad date: expected YYYY-MM-DD, found {}",
            other.type_str()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "+++\ntitle = \"Générer du business\"\ndate = 2009-03-10\n\
                        category = \"Usages\"\nauthor = \"admin\"\n+++\n\nLe corps.\n";

    fn error(source: &str) -> FrontMatterError {
        parse(source).expect_err("should be refused")
    }

    #[test]
    fn reads_front_matter_and_body() {
        let doc = parse(GOOD).unwrap();
        assert_eq!(doc.front_matter.title, "Générer du business");
        assert_eq!(doc.front_matter.date, "2009-03-10".parse().unwrap());
        assert_eq!(doc.front_matter.category.as_deref(), Some("Usages"));
        assert_eq!(doc.front_matter.author.as_deref(), Some("admin"));
        assert_eq!(
            (doc.front_matter.slug, doc.front_matter.summary),
            (None, None)
        );
        assert_eq!(doc.body, "\nLe corps.\n");
    }

    #[test]
    fn accepts_quoted_dates_crlf_and_a_byte_order_mark() {
        let doc =
            parse("\u{feff}+++\r\ntitle = \"T\"\r\ndate = \"2009-01-07\"\r\n+++\r\nx").unwrap();
        assert_eq!(doc.front_matter.date.to_string(), "2009-01-07");
        assert_eq!(doc.body, "x");
        let datetime =
            parse("+++\ntitle = \"T\"\ndate = 2009-01-07T10:30:00+01:00\n+++\n").unwrap();
        assert_eq!(datetime.front_matter.date.to_string(), "2009-01-07");
    }

    #[test]
    fn a_missing_fence_is_explained() {
        let e = error("title = \"T\"\n");
        assert_eq!(e.line, 1);
        assert!(
            e.message.contains("does not start with a `+++` line"),
            "{e}"
        );
        assert!(e.fix.contains("title = "), "{e}");
    }

    #[test]
    fn an_unclosed_front_matter_is_explained() {
        let e = error("+++\ntitle = \"T\"\ndate = 2009-01-07\n\nLe corps.\n");
        assert_eq!(e.line, 1);
        assert!(e.message.contains("never closed"), "{e}");
        assert!(e.fix.contains("add a line `+++`"), "{e}");
    }

    #[test]
    fn an_unknown_key_names_its_line_and_the_valid_keys() {
        let e = error("+++\ntitle = \"T\"\ndate = 2009-01-07\nlayout = \"x\"\n+++\n");
        assert_eq!(e.line, 4);
        assert!(e.message.contains("unknown field `layout`"), "{e}");
        assert!(
            e.fix
                .contains("title, date, category, author, slug, summary, tags, draft"),
            "{e}"
        );
    }

    #[test]
    fn tags_and_draft_are_read_and_optional() {
        let doc = parse(
            "+++\ntitle = \"T\"\ndate = 2009-01-07\ntags = [\"Réseaux\", \" \", \"B2B\"]\n\
             draft = true\n+++\n",
        )
        .unwrap();
        assert_eq!(doc.front_matter.tags, ["Réseaux", "B2B"]);
        assert!(doc.front_matter.draft);
        let doc = parse(GOOD).unwrap();
        assert_eq!(doc.front_matter.tags, [] as [String; 0]);
        assert!(!doc.front_matter.draft);
        assert!(
            !parse("+++\ntitle = \"T\"\ndate = 2009-01-07\ndraft = false\n+++\n")
                .unwrap()
                .front_matter
                .draft
        );
    }

    #[test]
    fn bad_tags_or_draft_name_their_line_and_how_to_write_them() {
        for (line, message, fix) in [
            (
                "tags = \"Actus\"",
                "`tags` must be a list of texts in double quotes, not one text",
                "write `tags = [\"Actus\"]`",
            ),
            (
                "tags = [\"a\", 3]",
                "`tags` must be a list of texts in double quotes, not a list holding something \
                 else than text",
                "write `tags = [\"3\"]`",
            ),
            (
                "draft = \"oui\"",
                "`draft` must be true or false, not text in quotes",
                "write `draft = true` (no quotes) to keep the post out of the site, or remove \
                 the line to publish it",
            ),
        ] {
            let e = error(&format!(
                "+++\ntitle = \"T\"\ndate = 2009-01-07\n{line}\n+++\n"
            ));
            assert_eq!(
                (e.line, e.message.as_str(), e.fix.as_str()),
                (4, message, fix)
            );
        }
    }

    #[test]
    fn a_date_time_with_an_offset_keeps_the_day_written() {
        for (date, day) in [
            ("2009-10-06T14:03:00+02:00", "2009-10-06"),
            // Late in the evening west of Greenwich: still the 6th where it was written.
            ("2009-10-06T23:30:00-05:00", "2009-10-06"),
            ("2009-10-07T00:30:00+02:00", "2009-10-07"),
            ("2009-10-06T14:03:00", "2009-10-06"),
            ("2009-10-06 14:03:00", "2009-10-06"),
        ] {
            let source = format!("+++\ntitle = \"T\"\ndate = {date}\n+++\n");
            let doc = parse(&source).unwrap();
            assert_eq!(doc.front_matter.date.to_string(), day, "{date}");
        }
    }

    #[test]
    fn quoted_text_is_one_valid_toml_string_whatever_it_holds() {
        for text in [
            "Un \"été\"",
            "C:\\chemin",
            "deux\nlignes",
            "tab\tet\u{1}contrôle\u{7f}",
            "« ’ » 😉",
        ] {
            let line = format!("title = {}", quoted(text));
            assert!(!line.contains('\n'), "{line}");
            let table: toml::Table = toml::from_str(&line).unwrap();
            assert_eq!(table["title"].as_str(), Some(text), "{line}");
        }
    }

    #[test]
    fn a_missing_title_or_date_is_explained() {
        let e = error("+++\ndate = 2009-01-07\n+++\n");
        assert!(e.message.contains("no `title`"), "{e}");
        assert!(e.fix.contains("title = "), "{e}");
        let e = error("+++\ntitle = \"T\"\n+++\n");
        assert!(e.message.contains("no `date`"), "{e}");
        let e = error("+++\ntitle = \"  \"\ndate = 2009-01-07\n+++\n");
        assert_eq!((e.line, e.message.as_str()), (2, "the title is empty"));
    }

    #[test]
    fn a_bad_date_names_its_line() {
        for (date, words) in [
            ("\"6 octobre 2009\"", "bad date `6 octobre 2009`"),
            ("\"2009-02-30\"", "no such day"),
            ("10:30:00", "a time of day"),
            ("20091006", "found integer"),
        ] {
            let e = error(&format!("+++\ntitle = \"T\"\n\ndate = {date}\n+++\n"));
            assert_eq!(e.line, 4, "{e}");
            assert!(e.message.contains(words), "{e}");
            assert!(e.fix.contains("YYYY-MM-DD"), "{e}");
        }
    }

    #[test]
    fn a_value_of_the_wrong_type_names_its_key_line_and_how_to_write_it() {
        for (line, message, fix) in [
            (
                "title = 3",
                "`title` must be text in double quotes, not a number",
                "write `title = \"3\"`",
            ),
            (
                "category = [\"Actus\", \"Vie\"]",
                "`category` must be text in double quotes, not a list",
                "a post has one category: write `category = \"Actus\"`",
            ),
            (
                "author = true",
                "`author` must be text in double quotes, not true or false",
                "write `author = \"true\"`",
            ),
            (
                "summary = { text = \"x\" }",
                "`summary` must be text in double quotes, not a table",
                "write `summary = \"…\"`",
            ),
            (
                "slug = 2009-10-06",
                "`slug` must be text in double quotes, not a date",
                "write `slug = \"2009-10-06\"`",
            ),
        ] {
            let source = format!("+++\ndate = 2009-01-07\n\n{line}\ntitle = \"T\"\n+++\n");
            let source =
                source.replacen("title = \"T\"", "", usize::from(line.starts_with("title")));
            let e = error(&source);
            assert_eq!((e.line, e.message.as_str()), (4, message), "{e}");
            assert_eq!(e.fix, fix, "{e}");
        }
        let e = error("+++\ntitle = \"T\"\ndate = \"yesterday\"\n+++\n");
        assert_eq!(e.line, 3, "{e}");
        assert!(e.fix.contains("`date = 2009-10-06`"), "{e}");
    }

    #[test]
    fn toml_syntax_errors_name_their_line() {
        let e = error("+++\ntitle = \"T\"\ndate = 2009-01-07\ncategory = Usages\n+++\n");
        assert_eq!(e.line, 4, "{e}");
        assert!(e.fix.contains("double quotes"), "{e}");
    }

    #[test]
    fn a_bad_slug_suggests_a_good_one() {
        let e = error("+++\ntitle = \"T\"\ndate = 2009-01-07\nslug = \"Mon Billet\"\n+++\n");
        assert_eq!(e.line, 4);
        assert!(e.fix.contains("slug = \"mon-billet\""), "{e}");
    }
}
