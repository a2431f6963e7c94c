//! French typography: the no-break spaces a French text wants, where its author typed an
//! ordinary space.
//!
//! In French, `; ! ?` take a narrow no-break space (U+202F) before them, `:` a no-break space
//! (U+00A0), and « » a no-break space inside, so that a line never starts with `?` or `»` nor
//! ends with `«`. Authors type an ordinary space there (or none, or the right one): the rule
//! applied here is the conservative one, **only a typed space is replaced**. A run of ordinary
//! spaces (U+0020, or tabs) right before `; ! ? :` or `»`, or right after `«`, becomes the one
//! no-break space it should be; where the author typed no space (`10:30`, `http://x`, `«mot»`,
//! `?!`) nothing is added, and a space that is already a no-break one stays as typed. So the
//! rule is idempotent and leaves correct text alone.
//!
//! This module works on plain text only. [`crate::markdown`] decides which text is prose: it
//! applies [`french_spaces`] to the text of a French post (its body, title and excerpt), and
//! never to code, URLs or the author's raw HTML.

use crate::model::Language;
use std::borrow::Cow;

/// The narrow no-break space, before `; ! ?`.
pub const NARROW_NO_BREAK_SPACE: char = '\u{202F}';
/// The no-break space, before `:` and inside « ».
pub const NO_BREAK_SPACE: char = '\u{A0}';

/// `text` with the typography of `language`: French's no-break spaces ([`french_spaces`]),
/// nothing for other languages.
pub fn for_language(text: &str, language: Language) -> Cow<'_, str> {
    match language {
        Language::French => french_spaces(text),
        Language::English => Cow::Borrowed(text),
    }
}

/// `text` with each run of typed spaces before `; ! ? : »` or after `«` made the one no-break
/// space French wants there (see the module's documentation). Borrowed when nothing changes.
pub fn french_spaces(text: &str) -> Cow<'_, str> {
    let typed = |c: char| c == ' ' || c == '\t';
    if !text.contains(typed) {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut changed = false;
    let mut i = 0;
    while i < chars.len() {
        if !typed(chars[i]) {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let end = chars[i..]
            .iter()
            .position(|&c| !typed(c))
            .map_or(chars.len(), |n| i + n);
        let before = i.checked_sub(1).map(|b| chars[b]);
        let after = chars.get(end).copied();
        let space = match (before, after) {
            (_, Some(';' | '!' | '?')) => Some(NARROW_NO_BREAK_SPACE),
            (_, Some(':' | '»')) | (Some('«'), _) => Some(NO_BREAK_SPACE),
            _ => None,
        };
        match space {
            Some(space) => {
                out.push(space);
                changed = true;
            }
            None => out.extend(&chars[i..end]),
        }
        i = end;
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fr(text: &str) -> String {
        french_spaces(text).into_owned()
    }

    #[test]
    fn typed_spaces_become_no_break_spaces() {
        assert_eq!(fr("Quoi ?"), "Quoi\u{202F}?");
        assert_eq!(fr("Il glande !"), "Il glande\u{202F}!");
        assert_eq!(fr("un ; deux"), "un\u{202F}; deux");
        assert_eq!(fr("Note : voici"), "Note\u{A0}: voici");
        assert_eq!(
            fr("un métier « transparent » ?"),
            "un métier «\u{A0}transparent\u{A0}»\u{202F}?"
        );
        // A run of spaces is one space.
        assert_eq!(fr("Quoi   ?"), "Quoi\u{202F}?");
        assert_eq!(fr("«\tmot\t»"), "«\u{A0}mot\u{A0}»");
        assert_eq!(fr("Vraiment ?!"), "Vraiment\u{202F}?!");
    }

    #[test]
    fn where_no_space_was_typed_none_is_added() {
        for text in [
            "10:30",
            "http://x.fr/?q=1;a=2",
            "«mot»",
            "Quoi?",
            "std::io",
            "a:b !",
        ] {
            if text == "a:b !" {
                assert_eq!(fr(text), "a:b\u{202F}!");
            } else {
                assert_eq!(fr(text), text);
            }
        }
    }

    #[test]
    fn spaces_at_the_edges_of_a_piece_count() {
        // Markdown cuts prose into pieces around emphasis and links: `**Stop** !` gives ` !`.
        assert_eq!(fr(" !"), "\u{202F}!");
        assert_eq!(fr("« "), "«\u{A0}");
        assert_eq!(fr(" mot "), " mot ");
    }

    #[test]
    fn correct_text_is_unchanged_and_the_rule_is_idempotent() {
        for text in [
            "Quoi\u{202F}?",
            "Note\u{A0}: voici",
            "«\u{A0}mot\u{A0}»",
            "Quoi\u{A0}?",
            "Pas d’espace ici.",
        ] {
            assert!(matches!(french_spaces(text), Cow::Borrowed(_)), "{text}");
        }
        let once = fr("Community manager : un métier « transparent » ? 🎉 !");
        assert_eq!(
            once,
            "Community manager\u{A0}: un métier «\u{A0}transparent\u{A0}»\u{202F}? 🎉\u{202F}!"
        );
        assert_eq!(fr(&once), once);
    }

    #[test]
    fn english_is_untouched() {
        assert_eq!(
            for_language("Really ? « x »", Language::English),
            "Really ? « x »"
        );
        assert_eq!(
            for_language("Vraiment ?", Language::French),
            "Vraiment\u{202F}?"
        );
    }
}
