//! The reader's colour theme: light, dark, or as the system says (the default).
//!
//! The choice is kept in the browser's `localStorage` under [`STORAGE_KEY`] and shown by the
//! attribute [`ATTRIBUTE`] on `<html>` (`data-theme="light"` or `"dark"`; absent: the system's),
//! which the style sheet keys its colours on. A small script in the head of `index.html`, hashed
//! into every pre-rendered page's Content Security Policy, applies the stored choice before the
//! first paint and runs the header's switch, whose buttons say their [`Theme::choice`] in
//! [`CHOICE_ATTRIBUTE`]: the theme needs no wasm. A test below holds the script to these names.

use crate::i18n::Strings;

/// The `localStorage` key of the reader's choice.
pub const STORAGE_KEY: &str = "carnet-theme";
/// The attribute of `<html>` that says the chosen theme; absent for the system's.
pub const ATTRIBUTE: &str = "data-theme";
/// The attribute of each switch button that says which theme it chooses.
pub const CHOICE_ATTRIBUTE: &str = "data-theme-choice";

/// A theme the reader can choose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    /// Light colours, whatever the system says.
    Light,
    /// Dark colours, whatever the system says.
    Dark,
    /// As the system says (`prefers-color-scheme`): the default.
    System,
}

impl Theme {
    /// Every theme, in the switch's order.
    pub const ALL: [Theme; 3] = [Theme::Light, Theme::Dark, Theme::System];

    /// What the reader's choice is called in storage, in [`ATTRIBUTE`] (but the system's, which
    /// is no attribute) and in [`CHOICE_ATTRIBUTE`].
    pub fn choice(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::System => "system",
        }
    }

    /// The switch's label of this theme.
    pub fn label(self, strings: &Strings) -> &'static str {
        match self {
            Theme::Light => strings.theme_light,
            Theme::Dark => strings.theme_dark,
            Theme::System => strings.theme_system,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pages_script_uses_the_same_key_attributes_and_choices() {
        // The head's script of Trunk's page, at the repository's root.
        let page = include_str!("../../../index.html");
        let head = &page[..page.find("</head>").expect("a head")];
        let script_at = head.find("<script>").expect("an inline script in the head");
        let css_at = head.find("rel=\"css\"").expect("the style sheet");
        assert!(
            script_at < css_at,
            "the script runs before the style sheet applies"
        );
        let script = &head[script_at..];
        let script = &script[..script.find("</script>").expect("a closed script")];
        assert!(script.contains(&format!("\"{STORAGE_KEY}\"")), "{script}");
        for name in [ATTRIBUTE, CHOICE_ATTRIBUTE] {
            assert!(script.contains(&format!("\"{name}\"")), "{name}: {script}");
        }
        for theme in Theme::ALL {
            assert!(
                script.contains(&format!("\"{}\"", theme.choice())),
                "{script}"
            );
        }
    }
}
