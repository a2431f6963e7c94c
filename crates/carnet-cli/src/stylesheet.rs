//! The site's stylesheet, written into the head of every page rather than linked: a page's text
//! then needs one request, not two. Linked, the stylesheet blocked the first paint for one more
//! round trip (150 ms on a fast 3G link: BENCHMARKS.md, « Time to text »); inline, a reader's
//! first page costs 3 KB more on the wire, and the moves after it cost nothing more, since the
//! app draws them in the same document.
//!
//! Minified on the way ([`minify`]): 14.4 KB of commented CSS becomes 10.6 KB in each page.

use std::fs;
use std::io;
use std::path::Path;

/// `template` (Trunk's page) with each `<link rel="stylesheet">` of its head whose file Trunk
/// wrote at the top of `out` replaced by a `<style>` element holding that file, minified. A
/// stylesheet from elsewhere, one that could end the element early (`</style`), or one the
/// author gave an attribute of their own (`media="print"`, `title`…, which Trunk passes on and a
/// `<style>` would not keep the same: a print sheet stays linked, and does not block the text)
/// stays linked. The file itself stays in `out`, for anyone who links it.
pub fn inline_into(template: &str, out: &Path) -> io::Result<String> {
    let head_end = template.find("</head>").unwrap_or(template.len());
    let mut page = String::with_capacity(template.len() + 16 * 1024);
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
        page.push_str("<style>");
        page.push_str(&css);
        page.push_str("</style>");
        rest = end;
    }
    page.push_str(&template[rest..]);
    Ok(page)
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
    fn the_stylesheet_trunk_wrote_is_inlined_in_the_head() {
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
        let page = inline_into(template, &out).unwrap();
        fs::remove_dir_all(&out).unwrap();
        assert_eq!(
            page,
            "<html><head><meta charset=\"utf-8\">\
            <link rel=\"icon\" href=\"/blog/favicon.svg\"/>\
            <style>a{color:red}</style>\
            <link rel=\"stylesheet\" href=\"https://cdn.example/x.css\"/>\
            <link rel=\"stylesheet\" href=\"/missing.css\"/>\
            <link rel=\"stylesheet\" href=\"/closing.css\"/>\
            <link rel=\"stylesheet\" href=\"/style-1a.css\" media=\"print\"/>\
            </head><body><link rel=\"stylesheet\" href=\"/style-1a.css\"/></body></html>"
        );
        assert_eq!(inline_into(&page, Path::new("/nonexistent")).unwrap(), page);
    }
}
