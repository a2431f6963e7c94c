//! Highlighted code: which blocks a post has, how their tokens travel in its data, and how
//! [`crate::markdown`] wraps them in classes.
//!
//! The highlighting itself (a grammar per language) happens once, at build time, in the content
//! tool (`carnet-cli/src/highlight.rs`): a highlighter in the wasm would add hundreds of KB to
//! what every reader downloads (ARCHITECTURE.md, « Highlighted code »). The tool reads the
//! post's code blocks with [`code_blocks`] (the same parser, so the same blocks in the same
//! order), cuts each into [`Token`] runs and writes them, [`encode`]d, in the post's
//! [`CodeHighlight`]s. [`crate::markdown::to_highlighted_html`] then puts each run of a block in
//! a `<span class="hl-…">` inside its `<pre><code>`, in the pre-rendered page and in the app
//! alike, so both hold the same HTML. Colours are the stylesheet's, per theme.
//!
//! The runs come from the network: if they do not fit the block's text exactly (another
//! length, a cut inside a character, an unknown letter), the block stays plain; nothing panics.

use crate::model::CodeHighlight;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};

/// The kinds of token a highlighted block is cut into: few, so that the stylesheet can give
/// each a colour readable in both themes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Token {
    /// Ordinary text, punctuation, names: no span.
    Plain,
    /// `fn`, `let`, `if`, `return`, storage modifiers.
    Keyword,
    /// String and character literals.
    String,
    /// Comments.
    Comment,
    /// Numbers.
    Number,
    /// Language constants: `true`, `None`, `self`, escapes.
    Constant,
    /// Function names, where defined or called.
    Function,
    /// Type, class and module names.
    Type,
    /// Macros, attributes and annotations: `println!`, `#[derive]`, `@Override`.
    Macro,
    /// Markup tags: `<div>`.
    Tag,
    /// Markup attributes and keys: `class=`, a YAML or JSON key.
    Attribute,
}

impl Token {
    /// Every kind, in the order of their letters.
    pub const ALL: [Token; 11] = [
        Token::Plain,
        Token::Keyword,
        Token::String,
        Token::Comment,
        Token::Number,
        Token::Constant,
        Token::Function,
        Token::Type,
        Token::Macro,
        Token::Tag,
        Token::Attribute,
    ];

    /// Its letter in [`CodeHighlight::runs`].
    pub fn letter(self) -> char {
        match self {
            Token::Plain => 'p',
            Token::Keyword => 'k',
            Token::String => 's',
            Token::Comment => 'c',
            Token::Number => 'n',
            Token::Constant => 'o',
            Token::Function => 'f',
            Token::Type => 't',
            Token::Macro => 'm',
            Token::Tag => 'g',
            Token::Attribute => 'a',
        }
    }

    /// Its class in the page, which the stylesheet colours; none for plain text.
    pub fn class(self) -> Option<&'static str> {
        Some(match self {
            Token::Plain => return None,
            Token::Keyword => "hl-keyword",
            Token::String => "hl-string",
            Token::Comment => "hl-comment",
            Token::Number => "hl-number",
            Token::Constant => "hl-constant",
            Token::Function => "hl-function",
            Token::Type => "hl-type",
            Token::Macro => "hl-macro",
            Token::Tag => "hl-tag",
            Token::Attribute => "hl-attribute",
        })
    }

    fn from_letter(letter: char) -> Option<Token> {
        Token::ALL
            .into_iter()
            .find(|token| token.letter() == letter)
    }
}

/// Whether `class` is a token's class: what the allow-list keeps on a span in a code block.
pub(crate) fn is_token_class(class: &str) -> bool {
    Token::ALL.iter().any(|token| token.class() == Some(class))
}

/// A code block of a post, as the content tool highlights it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeBlock {
    /// Its number among the post's code blocks, from 0: [`CodeHighlight::block`].
    pub block: usize,
    /// Its language, from a fence's info string ([`language`]); none for an indented block or
    /// a fence without one.
    pub language: Option<String>,
    /// Its text, as shown.
    pub text: String,
}

/// The language a fence's info string names: its first word, before any space, comma or `{`,
/// in lower case: ```` ```Rust ````, ```` ```rust,ignore ```` and ```` ```rust {.x} ```` are
/// `rust`; none if there is no word.
pub fn language(info: &str) -> Option<String> {
    let word = info
        .trim()
        .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
        .next()
        .unwrap_or("");
    (!word.is_empty()).then(|| word.to_lowercase())
}

/// Every code block of `markdown`, in order, read with [`crate::markdown`]'s parser.
pub fn code_blocks(markdown: &str) -> Vec<CodeBlock> {
    let mut blocks: Vec<CodeBlock> = Vec::new();
    let mut inside = false;
    for event in crate::markdown::parser(markdown) {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let language = match kind {
                    CodeBlockKind::Fenced(info) => language(&info),
                    CodeBlockKind::Indented => None,
                };
                blocks.push(CodeBlock {
                    block: blocks.len(),
                    language,
                    text: String::new(),
                });
                inside = true;
            }
            Event::End(TagEnd::CodeBlock) => inside = false,
            Event::Text(text) if inside => {
                if let Some(block) = blocks.last_mut() {
                    block.text.push_str(&text);
                }
            }
            _ => {}
        }
    }
    blocks
}

/// `runs` written as [`CodeHighlight::runs`]: each a letter and a length; empty runs are
/// left out and neighbours of the same kind joined.
pub fn encode(runs: &[(Token, usize)]) -> String {
    let mut joined: Vec<(Token, usize)> = Vec::with_capacity(runs.len());
    for &(token, len) in runs.iter().filter(|(_, len)| *len > 0) {
        match joined.last_mut() {
            Some((last, total)) if *last == token => *total += len,
            _ => joined.push((token, len)),
        }
    }
    joined
        .iter()
        .map(|(token, len)| format!("{}{len}", token.letter()))
        .collect()
}

/// The runs of [`CodeHighlight::runs`], if it is well written.
pub fn decode(runs: &str) -> Option<Vec<(Token, usize)>> {
    let mut decoded = Vec::new();
    let mut rest = runs;
    while let Some(letter) = rest.chars().next() {
        let token = Token::from_letter(letter)?;
        rest = &rest[letter.len_utf8()..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let len: usize = rest[..digits].parse().ok()?;
        rest = &rest[digits..];
        decoded.push((token, len));
    }
    Some(decoded)
}

/// `text` with each run of `runs` in its token's span, escaped; none if the runs do not cover
/// `text` exactly, each ending on a character's boundary.
fn spans(text: &str, runs: &str) -> Option<String> {
    let mut html = String::with_capacity(text.len() * 2);
    let mut rest = text;
    for (token, len) in decode(runs)? {
        if len > rest.len() || !rest.is_char_boundary(len) {
            return None;
        }
        let (run, after) = rest.split_at(len);
        rest = after;
        match token.class() {
            Some(class) => {
                html.push_str("<span class=\"");
                html.push_str(class);
                html.push_str("\">");
                push_escaped(&mut html, run);
                html.push_str("</span>");
            }
            None => push_escaped(&mut html, run),
        }
    }
    rest.is_empty().then_some(html)
}

fn push_escaped(html: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => html.push_str("&amp;"),
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            '"' => html.push_str("&quot;"),
            c => html.push(c),
        }
    }
}

/// `events` with the text of each code block that `code` highlights replaced by its spans; a
/// block whose runs do not fit its text stays as it was.
pub(crate) fn apply<'a>(events: Vec<Event<'a>>, code: &[CodeHighlight]) -> Vec<Event<'a>> {
    if code.is_empty() {
        return events;
    }
    let mut out = Vec::with_capacity(events.len());
    let mut block = 0;
    let mut events = events.into_iter();
    while let Some(event) = events.next() {
        if !matches!(event, Event::Start(Tag::CodeBlock(_))) {
            out.push(event);
            continue;
        }
        out.push(event);
        let mut inner = Vec::new();
        let mut end = None;
        for event in events.by_ref() {
            if matches!(event, Event::End(TagEnd::CodeBlock)) {
                end = Some(event);
                break;
            }
            inner.push(event);
        }
        let highlighted = code
            .iter()
            .find(|highlight| highlight.block == block)
            .and_then(|highlight| {
                let mut text = String::new();
                for event in &inner {
                    match event {
                        Event::Text(t) => text.push_str(t),
                        _ => return None,
                    }
                }
                spans(&text, &highlight.runs)
            });
        match highlighted {
            Some(html) => out.push(Event::Html(CowStr::from(html))),
            None => out.extend(inner),
        }
        out.extend(end);
        block += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{to_highlighted_html, to_html};
    use crate::model::Language;

    fn highlight(block: usize, runs: &[(Token, usize)]) -> CodeHighlight {
        CodeHighlight {
            block,
            runs: encode(runs),
        }
    }

    #[test]
    fn the_language_is_the_first_word_of_the_info_string() {
        assert_eq!(language("rust").as_deref(), Some("rust"));
        assert_eq!(language("Rust").as_deref(), Some("rust"));
        assert_eq!(language("rust,ignore").as_deref(), Some("rust"));
        assert_eq!(language("  python  title=\"x\"").as_deref(), Some("python"));
        assert_eq!(language("rust{.x}").as_deref(), Some("rust"));
        assert_eq!(language(""), None);
        assert_eq!(language("   "), None);
    }

    #[test]
    fn code_blocks_are_found_in_order_with_their_language() {
        let markdown = "Texte `en ligne`.\n\n```Rust,ignore\nfn a() {}\n```\n\n    indenté\n\n\
                        ```\nsans langue\n```\n\n- liste\n\n  ```py\n  x = 1\n  ```\n";
        let blocks = code_blocks(markdown);
        let summary: Vec<(usize, Option<&str>, &str)> = blocks
            .iter()
            .map(|b| (b.block, b.language.as_deref(), b.text.as_str()))
            .collect();
        assert_eq!(
            summary,
            [
                (0, Some("rust"), "fn a() {}\n"),
                (1, None, "indenté\n"),
                (2, None, "sans langue\n"),
                (3, Some("py"), "x = 1\n"),
            ]
        );
    }

    #[test]
    fn runs_are_written_compactly_and_read_back() {
        let runs = [
            (Token::Keyword, 2),
            (Token::Plain, 1),
            (Token::Plain, 0),
            (Token::Function, 1),
            (Token::Function, 3),
        ];
        assert_eq!(encode(&runs), "k2p1f4");
        assert_eq!(
            decode("k2p1f4"),
            Some(vec![
                (Token::Keyword, 2),
                (Token::Plain, 1),
                (Token::Function, 4)
            ])
        );
        assert_eq!(decode(""), Some(vec![]));
        for bad in ["x2", "k", "k-1", "2k", "k99999999999999999999999"] {
            assert_eq!(decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn highlighted_blocks_get_their_spans_and_others_stay_plain() {
        let markdown = "```rust\nfn main() {}\n```\n\n```\nfn main() {}\n```\n";
        let code = [highlight(
            0,
            &[
                (Token::Keyword, 2),
                (Token::Plain, 1),
                (Token::Function, 4),
                (Token::Plain, 6),
            ],
        )];
        assert_eq!(
            to_highlighted_html(markdown, &code, &[], "/", Language::English).as_str(),
            "<pre tabindex=\"0\"><code class=\"language-rust\"><span class=\"hl-keyword\">fn</span> \
             <span class=\"hl-function\">main</span>() {}\n</code></pre>\n\
             <pre tabindex=\"0\"><code>fn main() {}\n</code></pre>\n"
        );
        // Without highlights, the same Markdown renders as it always did.
        assert_eq!(
            to_highlighted_html(markdown, &[], &[], "/", Language::English),
            to_html(markdown, "/", Language::English)
        );
    }

    #[test]
    fn html_in_code_is_escaped_inside_the_spans() {
        let markdown = "```html\n<b a=\"&\">x</b>\n```\n";
        let text = "<b a=\"&\">x</b>\n";
        let code = [highlight(
            0,
            &[(Token::Tag, 2), (Token::Plain, text.len() - 2)],
        )];
        assert_eq!(
            to_highlighted_html(markdown, &code, &[], "/", Language::English).as_str(),
            "<pre tabindex=\"0\"><code class=\"language-html\"><span class=\"hl-tag\">&lt;b</span> \
             a=&quot;&amp;&quot;&gt;x&lt;/b&gt;\n</code></pre>\n"
        );
    }

    #[test]
    fn runs_that_do_not_fit_the_text_leave_the_block_plain() {
        let markdown = "```rust\nfn é() {}\n```\n";
        let plain = to_html(markdown, "/", Language::English);
        for runs in [
            "k2",            // too short
            "k200",          // too long
            "k2p1f1p7",      // ends inside `é`
            "z12",           // unknown letter
            "k2p1f2p6extra", // garbage
        ] {
            let code = [CodeHighlight {
                block: 0,
                runs: runs.to_owned(),
            }];
            assert_eq!(
                to_highlighted_html(markdown, &code, &[], "/", Language::English),
                plain,
                "{runs}"
            );
        }
        // A highlight for a block that does not exist changes nothing.
        let code = [highlight(7, &[(Token::Keyword, 12)])];
        assert_eq!(
            to_highlighted_html(markdown, &code, &[], "/", Language::English),
            plain
        );
    }
}
