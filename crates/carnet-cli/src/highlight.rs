//! The build-time highlighting pass: each code block of a post whose fence names a language
//! syntect knows is cut into [`Token`] runs, which `build` writes in the post's data
//! ([`CodeHighlight`]); the app and the pre-renderer wrap them in spans
//! (`carnet_core::highlight`), so no grammar is ever sent to a reader.
//!
//! syntect reads Sublime Text grammars, the ones bat and many static site generators use; with
//! its `regex-fancy` engine it is pure Rust. Its scopes (`keyword.control.rust`,
//! `string.quoted.double`…) become Carnet's few token kinds through a theme whose every rule
//! "colours" its scopes with a token's number, so that syntect's own selector matching picks
//! the most specific kind of each piece of text.

use carnet_core::highlight::{code_blocks, encode, Token};
use carnet_core::CodeHighlight;
use std::str::FromStr;
use syntect::easy::HighlightLines;
use syntect::highlighting::{
    Color, ScopeSelectors, StyleModifier, Theme, ThemeItem, ThemeSettings,
};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// Which scopes are which token; a later, more specific selector wins over an earlier one
/// wherever both match (syntect scores them).
const SCOPES: &[(Token, &str)] = &[
    (Token::Keyword, "keyword, storage"),
    (Token::Plain, "keyword.operator, punctuation"),
    (Token::String, "string, punctuation.definition.string"),
    (Token::Comment, "comment, punctuation.definition.comment"),
    (Token::Number, "constant.numeric"),
    (
        Token::Constant,
        "constant.language, constant.character, support.constant, variable.language",
    ),
    (
        Token::Function,
        "entity.name.function, support.function, variable.function",
    ),
    (
        Token::Type,
        "entity.name.type, entity.name.class, entity.name.struct, entity.name.enum, \
         entity.name.trait, entity.name.interface, entity.other.inherited-class, support.type, \
         support.class, storage.type.primitive",
    ),
    (
        Token::Macro,
        "support.macro, entity.name.macro, meta.annotation, meta.attribute, \
         keyword.other.preprocessor, meta.preprocessor",
    ),
    (Token::Tag, "entity.name.tag"),
    (
        Token::Attribute,
        "entity.other.attribute-name, support.type.property-name, meta.mapping.key string",
    ),
];

/// The fence names that syntect does not know by themselves, and the grammar they mean.
const ALIASES: &[(&str, &str)] = &[("shell", "bash"), ("console", "bash"), ("zsh", "bash")];

/// syntect's grammars and the theme that maps their scopes to tokens; made once a build.
pub struct Highlighter {
    syntaxes: SyntaxSet,
    theme: Theme,
}

impl Highlighter {
    /// Loads syntect's default grammars (a few milliseconds).
    pub fn new() -> Highlighter {
        let number = |token: Token| {
            let n = Token::ALL
                .iter()
                .position(|t| *t == token)
                .expect("every token is in Token::ALL");
            Color {
                r: n as u8,
                g: 0,
                b: 0,
                a: 0xFF,
            }
        };
        let scopes = SCOPES
            .iter()
            .map(|(token, selectors)| ThemeItem {
                scope: ScopeSelectors::from_str(selectors).expect("the selectors above parse"),
                style: StyleModifier {
                    foreground: Some(number(*token)),
                    background: None,
                    font_style: None,
                },
            })
            .collect();
        Highlighter {
            syntaxes: SyntaxSet::load_defaults_newlines(),
            theme: Theme {
                settings: ThemeSettings {
                    foreground: Some(number(Token::Plain)),
                    ..ThemeSettings::default()
                },
                scopes,
                ..Theme::default()
            },
        }
    }

    /// The highlights of every code block of `markdown` whose language is known and that has
    /// at least one token that is not plain.
    pub fn post(&self, markdown: &str) -> Vec<CodeHighlight> {
        code_blocks(markdown)
            .into_iter()
            .filter_map(|block| {
                let runs = self.runs(block.language.as_deref()?, &block.text)?;
                Some(CodeHighlight {
                    block: block.block,
                    runs: encode(&runs),
                })
            })
            .collect()
    }

    /// `code` cut into token runs as the grammar of `language` reads it; none if no grammar
    /// has that name, if the grammar fails, or if nothing in it is more than plain.
    pub fn runs(&self, language: &str, code: &str) -> Option<Vec<(Token, usize)>> {
        let language = ALIASES
            .iter()
            .find(|(alias, _)| *alias == language)
            .map_or(language, |(_, name)| name);
        let syntax = self.syntaxes.find_syntax_by_token(language)?;
        let mut lines = HighlightLines::new(syntax, &self.theme);
        let mut runs = Vec::new();
        for line in LinesWithEndings::from(code) {
            for (style, text) in lines.highlight_line(line, &self.syntaxes).ok()? {
                let token = Token::ALL
                    .get(usize::from(style.foreground.r))
                    .copied()
                    .unwrap_or(Token::Plain);
                runs.push((token, text.len()));
            }
        }
        runs.iter()
            .any(|(token, _)| *token != Token::Plain)
            .then_some(runs)
    }
}

impl Default for Highlighter {
    fn default() -> Self {
        Highlighter::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use carnet_core::highlight::decode;
    use carnet_core::markdown::to_highlighted_html;

    fn tokens(language: &str, code: &str) -> Vec<(Token, String)> {
        let runs = Highlighter::new().runs(language, code).unwrap_or_default();
        // Joined as the data holds them: `//` and ` Salut` are one comment.
        let runs = decode(&encode(&runs)).expect("encode writes what decode reads");
        let mut at = 0;
        runs.into_iter()
            .map(|(token, len)| {
                at += len;
                (token, code[at - len..at].to_owned())
            })
            .filter(|(token, _)| *token != Token::Plain)
            .collect()
    }

    fn has(tokens: &[(Token, String)], token: Token, text: &str) -> bool {
        tokens.iter().any(|(t, s)| *t == token && s.trim() == text)
    }

    #[test]
    fn rust_is_cut_into_its_tokens() {
        let code = "// Salut\nfn main() {\n    let x = 42;\n    println!(\"<b>\");\n}\n";
        let tokens = tokens("rust", code);
        assert!(has(&tokens, Token::Comment, "// Salut"), "{tokens:?}");
        assert!(has(&tokens, Token::Keyword, "fn"), "{tokens:?}");
        assert!(has(&tokens, Token::Function, "main"), "{tokens:?}");
        assert!(has(&tokens, Token::Keyword, "let"), "{tokens:?}");
        assert!(has(&tokens, Token::Number, "42"), "{tokens:?}");
        assert!(has(&tokens, Token::Macro, "println!"), "{tokens:?}");
        assert!(
            tokens
                .iter()
                .any(|(t, s)| *t == Token::String && s.contains("<b>")),
            "{tokens:?}"
        );
    }

    #[test]
    fn the_language_is_found_by_name_extension_or_alias() {
        let highlighter = Highlighter::new();
        for (language, code) in [
            ("rust", "let x = 1;\n"),
            ("rs", "let x = 1;\n"),
            ("python", "x = \"a\"\n"),
            ("py", "x = \"a\"\n"),
            ("js", "let x = \"a\";\n"),
            ("bash", "echo \"a\"\n"),
            ("sh", "echo \"a\"\n"),
            ("shell", "echo \"a\"\n"),
            ("html", "<p class=\"a\">x</p>\n"),
        ] {
            assert!(highlighter.runs(language, code).is_some(), "{language}");
        }
    }

    #[test]
    fn unknown_or_absent_languages_and_plain_text_stay_plain() {
        let markdown =
            "```klingon\nfn main() {}\n```\n\n```\nfn main() {}\n```\n\n    fn main() {}\n\n\
                        ```text\nfn main() {}\n```\n";
        assert_eq!(Highlighter::new().post(markdown), []);
    }

    #[test]
    fn a_post_s_blocks_are_highlighted_by_number_and_rendered_escaped() {
        let markdown = "```\nplain\n```\n\n```Rust,ignore\nlet s = \"<script>\";\n```\n";
        let code = Highlighter::new().post(markdown);
        assert_eq!(code.len(), 1);
        assert_eq!(code[0].block, 1);
        let html = to_highlighted_html(
            markdown,
            &code,
            &[],
            "/",
            carnet_core::i18n::Language::English,
        );
        let html = html.as_str();
        assert!(
            html.starts_with("<pre tabindex=\"0\"><code>plain\n</code></pre>"),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"hl-keyword\">let</span>"),
            "{html}"
        );
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("<script"), "{html}");
    }
}
