//! The reader's colour theme: light, dark, or as the system says (the default).
//!
//! The choice is kept in the browser's `localStorage` under [`STORAGE_KEY`] and shown by the
//! attribute [`ATTRIBUTE`] on `<html>` (`data-theme="light"` or `"dark"`; absent: the system's),
//! which the style sheet keys its colours on. A tiny script in the head of `index.html`, hashed
//! into every pre-rendered page's Content Security Policy, applies the stored choice before the
//! first paint; the app's switch changes it.

use crate::i18n::Strings;

/// The `localStorage` key of the reader's choice.
pub const STORAGE_KEY: &str = "carnet-theme";
/// The attribute of `<html>` that says the chosen theme; absent for the system's.
pub const ATTRIBUTE: &str = "data-theme";

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

    /// The theme a stored value says: anything but `light` or `dark` (nothing stored, an old or
    /// edited value) is the system's.
    pub fn from_stored(value: Option<&str>) -> Theme {
        match value {
            Some("light") => Theme::Light,
            Some("dark") => Theme::Dark,
            _ => Theme::System,
        }
    }

    /// The value stored and put in [`ATTRIBUTE`]; `None` for the system's, which is neither.
    pub fn value(self) -> Option<&'static str> {
        match self {
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
            Theme::System => None,
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
    fn a_stored_value_comes_back_as_its_theme_and_anything_else_is_the_systems() {
        for theme in Theme::ALL {
            assert_eq!(Theme::from_stored(theme.value()), theme);
        }
        for other in [None, Some(""), Some("Dark"), Some("sepia")] {
            assert_eq!(Theme::from_stored(other), Theme::System);
        }
    }

    #[test]
    fn the_script_before_the_first_paint_reads_the_same_key_and_sets_the_same_attribute() {
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
        assert!(script.contains(&format!("\"{ATTRIBUTE}\"")), "{script}");
        for theme in Theme::ALL.iter().filter_map(|theme| theme.value()) {
            assert!(script.contains(&format!("\"{theme}\"")), "{script}");
        }
    }
}
