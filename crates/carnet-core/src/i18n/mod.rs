//! Every string the interface shows, one file a language: [`fr`], [`en`].
//!
//! A language is a [`Strings`]: words as `&'static str`, and small functions for what depends
//! on a number (plurals) or a date. The app asks the blog's [`Language`] for its strings; adding
//! a language is one file here, one variant of [`Language`] and one arm of [`Language::strings`].

use crate::date::{Date, YearMonth};
pub use crate::model::Language;

pub mod en;
pub mod fr;

/// What the interface says, in one language.
pub struct Strings {
    /// The `og:locale` of every page: `fr_FR`.
    pub locale: &'static str,
    /// The link that skips to the page's content.
    pub skip_to_content: &'static str,
    /// The label of the main navigation.
    pub main_navigation: &'static str,
    /// The link to the home page.
    pub home: &'static str,
    /// The archive: its link, its page's title and the sidebar's heading.
    pub archives: &'static str,
    /// The sidebar's heading over the newest posts.
    pub recent_posts: &'static str,
    /// The sidebar's heading over the categories.
    pub categories: &'static str,
    /// The sidebar's link to the archive.
    pub all_archives: &'static str,
    /// The footer.
    pub powered_by: &'static str,
    /// The label of the sidebar.
    pub sidebar: &'static str,
    /// Under a post: comments are closed.
    pub comments_closed: &'static str,
    /// The label of a post's links to its neighbours.
    pub neighbours: &'static str,
    /// The label of a list's pager.
    pub pages: &'static str,
    /// Where a pager stands: « Page 2 sur 5 ».
    pub page_of: fn(n: usize, count: usize) -> String,
    /// Between « Lire la suite » and the post's title, which only screen readers read.
    pub read_more_title: &'static str,
    /// After the read-more link's text.
    pub read_more_end: &'static str,
    /// The hidden heading of the home page.
    pub latest_posts: &'static str,
    /// A list's link to its newer page.
    pub newer_posts: &'static str,
    /// A list's link to its older page.
    pub older_posts: &'static str,
    /// A post's link to the one before it.
    pub previous_post: &'static str,
    /// A post's link to the one after it.
    pub next_post: &'static str,
    /// The link from an excerpt to its post.
    pub read_more: &'static str,
    /// Before the date in a byline: « Publié le ».
    pub published_on: &'static str,
    /// Between the author and the day of the post's last change on its page: « , mis à jour
    /// le ».
    pub updated_on: &'static str,
    /// Between the date and the category in a byline: « dans ».
    pub in_category: &'static str,
    /// Before the author in a byline: « par ».
    pub by: &'static str,
    /// Before a category's name in its page's heading, spaces included.
    pub category_heading: &'static str,
    /// Before a month in its page's heading, spaces included.
    pub month_heading: &'static str,
    /// The button that tries a load again.
    pub retry: &'static str,
    /// While the index loads.
    pub loading_blog: &'static str,
    /// When the index cannot be loaded.
    pub blog_unavailable: &'static str,
    /// While a list page loads.
    pub loading_posts: &'static str,
    /// When a list page cannot be loaded.
    pub posts_unavailable: &'static str,
    /// While a post loads.
    pub loading_post: &'static str,
    /// When a post cannot be loaded: the page's title, description and message.
    pub post_unavailable: &'static str,
    /// See [`Strings::post_unavailable`].
    pub post_unavailable_description: &'static str,
    /// See [`Strings::post_unavailable`].
    pub post_unavailable_message: &'static str,
    /// The 404 page: its title and description, its text and its link home.
    pub not_found: &'static str,
    /// See [`Strings::not_found`].
    pub not_found_description: &'static str,
    /// See [`Strings::not_found`].
    pub not_found_text: &'static str,
    /// See [`Strings::not_found`].
    pub back_home: &'static str,
    /// The server cannot be reached.
    pub network_error: &'static str,
    /// The server answered 404 where data was expected.
    pub missing_error: &'static str,
    /// The data cannot be read.
    pub invalid_error: &'static str,
    /// The data is of another version.
    pub version_error: &'static str,
    /// The browser cannot read the data (it cannot inflate gzip).
    pub unsupported_error: &'static str,
    /// The server failed with this status (500 and over).
    pub server_error: fn(u16) -> String,
    /// The server refused with this status.
    pub refused_error: fn(u16) -> String,
    /// A count as readers write it, digits grouped by three: « 10 000 », "10,000".
    pub number: fn(usize) -> String,
    /// The category of a post that names none, as WordPress names it: « Non classé ».
    pub uncategorized: &'static str,
    /// A number of posts: « 1 billet », « 3 billets ».
    pub posts: fn(usize) -> String,
    /// The title of page `n` (from 2) of a list titled `title`, or of the untitled home list.
    pub page: fn(title: &str, n: usize) -> String,
    /// The title of a category's page.
    pub category_title: fn(name: &str) -> String,
    /// The description of a category's page, with its count from [`Strings::posts`].
    pub category_description: fn(name: &str, posts: &str) -> String,
    /// The title of a month's page, the month as [`Strings::month`] writes it.
    pub month_title: fn(month: &str) -> String,
    /// The description of a month's page.
    pub month_description: fn(month: &str, posts: &str) -> String,
    /// The description of the archive page.
    pub archive_description: fn(posts: &str) -> String,
    /// A day for readers: « 6 octobre 2009 », "October 6, 2009".
    pub date: fn(Date) -> String,
    /// A month for readers: « octobre 2009 », "October 2009".
    pub month: fn(YearMonth) -> String,
    /// The label of the page's banner (`<header>`).
    pub site_header: &'static str,
    /// The label of the page's `<main>`.
    pub main_content: &'static str,
    /// The label of the page's `<footer>`.
    pub site_footer: &'static str,
    /// The label of the theme switch's group of buttons.
    pub theme: &'static str,
    /// The theme switch's buttons: light, dark, as the system says.
    pub theme_light: &'static str,
    /// See [`Strings::theme_light`].
    pub theme_dark: &'static str,
    /// See [`Strings::theme_light`].
    pub theme_system: &'static str,
    /// The tag index: its link, its page's title and heading, and the label of a post's tags.
    pub tags: &'static str,
    /// The description of the tag index.
    pub tags_description: &'static str,
    /// The sidebar's link to the tag index.
    pub all_tags: &'static str,
    /// Before a post's tags, spaces included: « Étiquettes : ».
    pub tagged: &'static str,
    /// Before a tag's name in its page's heading, spaces included.
    pub tag_heading: &'static str,
    /// The title of a tag's page.
    pub tag_title: fn(name: &str) -> String,
    /// The description of a tag's page, with its count from [`Strings::posts`].
    pub tag_description: fn(name: &str, posts: &str) -> String,
    /// A post's reading time, from [`crate::reading::minutes`]: « 4 min de lecture ».
    pub reading_time: fn(minutes: usize) -> String,
    /// The label and title of a post's table of contents: « Sommaire ».
    pub table_of_contents: &'static str,
    /// The accessible name of a heading's anchor link: « Lien vers cette section : Titre ».
    pub heading_anchor: fn(heading: &str) -> String,
    /// The accessible name of a footnote's link back to its reference `n` of `count`.
    pub footnote_back: fn(n: usize, count: usize) -> String,
    /// The search box's label and the search page's title.
    pub search: &'static str,
    /// What the empty search box shows.
    pub search_placeholder: &'static str,
    /// The description of the search page.
    pub search_description: &'static str,
    /// The search page without JavaScript.
    pub search_needs_javascript: &'static str,
    /// The search page before a word is typed.
    pub search_hint: &'static str,
    /// While the first answer is awaited.
    pub searching: &'static str,
    /// When the search index cannot be loaded.
    pub search_unavailable: &'static str,
    /// The mark of a draft in an author's preview (`--drafts`), before its byline.
    pub draft: &'static str,
    /// The heading of the posts a post's page suggests after it.
    pub related_posts: &'static str,
    /// The button under the results that shows the next ones, when more posts matched.
    pub more_results: &'static str,
    /// How many posts matched: « 3 résultats ».
    pub results: fn(usize) -> String,
    /// Nothing matched the query: « Aucun résultat pour « réseau » ».
    pub no_results: fn(query: &str) -> String,
    /// The result chosen with the arrows, for a screen reader: « Résultat 2 sur 5 : Titre ».
    pub chosen_result: fn(position: usize, count: usize, title: &str) -> String,
}

/// The few lines the search worker writes, in one language: [`Language::search_strings`].
#[derive(Clone, Copy)]
pub struct SearchStrings {
    /// See [`Strings::results`].
    pub results: fn(usize) -> String,
    /// See [`Strings::no_results`].
    pub no_results: fn(query: &str) -> String,
    /// Said instead of [`SearchStrings::no_results`] while the query is one letter being typed,
    /// since matching starts at two: « Tapez au moins deux lettres. ».
    pub keep_typing: &'static str,
    /// See [`Strings::chosen_result`].
    pub chosen_result: fn(position: usize, count: usize, title: &str) -> String,
    /// See [`Strings::date`].
    pub date: fn(Date) -> String,
}

impl Language {
    /// What the search worker writes in this language: the functions [`Strings`] holds too,
    /// named rather than read from it, so that the worker carries these four and not every
    /// string of both languages (4 KB of its wasm).
    pub fn search_strings(self) -> SearchStrings {
        match self {
            Language::French => SearchStrings {
                results: fr::results,
                no_results: fr::no_results,
                keep_typing: fr::KEEP_TYPING,
                chosen_result: fr::chosen_result,
                date: fr::date,
            },
            Language::English => SearchStrings {
                results: en::results,
                no_results: en::no_results,
                keep_typing: en::KEEP_TYPING,
                chosen_result: en::chosen_result,
                date: en::date,
            },
        }
    }

    /// What the interface says in this language.
    pub fn strings(self) -> &'static Strings {
        match self {
            Language::French => &fr::STRINGS,
            Language::English => &en::STRINGS,
        }
    }

    /// The language whose code is `code` (`fr`, `en`), if Carnet speaks it.
    pub fn from_code(code: &str) -> Option<Language> {
        Language::ALL
            .into_iter()
            .find(|language| language.code() == code)
    }
}

/// `n` with `separator` between each group of three digits, from the right: `grouped(12345,
/// ",")` is `12,345`.
pub fn grouped(n: usize, separator: &str) -> String {
    let digits = n.to_string();
    let mut text = String::with_capacity(digits.len() + digits.len() / 3 * separator.len());
    for (at, digit) in digits.char_indices() {
        if at > 0 && (digits.len() - at) % 3 == 0 {
            text.push_str(separator);
        }
        text.push(digit);
    }
    text
}

/// The title of page `n` of a list titled `title`: the title alone on the first page.
pub fn list_title(strings: &Strings, title: &str, n: usize) -> String {
    if n <= 1 {
        title.to_owned()
    } else {
        (strings.page)(title, n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        text.parse().unwrap()
    }

    #[test]
    fn dates_are_written_the_way_each_language_writes_them() {
        let fr = Language::French.strings();
        let en = Language::English.strings();
        assert_eq!((fr.date)(date("2009-10-06")), "6 octobre 2009");
        assert_eq!((fr.date)(date("2010-08-01")), "1er août 2010");
        assert_eq!((en.date)(date("2009-10-06")), "October 6, 2009");
        assert_eq!((en.date)(date("2010-08-01")), "August 1, 2010");
        let month = YearMonth::new(2009, 10).unwrap();
        assert_eq!(
            ((fr.month)(month), (en.month)(month)),
            ("octobre 2009".into(), "October 2009".into())
        );
    }

    #[test]
    fn counts_and_page_titles_follow_the_language() {
        let fr = Language::French.strings();
        let en = Language::English.strings();
        assert_eq!(
            ((fr.posts)(1), (fr.posts)(3)),
            ("1 billet".into(), "3 billets".into())
        );
        assert_eq!(
            ((en.posts)(1), (en.posts)(0)),
            ("1 post".into(), "0 posts".into())
        );
        assert_eq!(list_title(fr, "Archives", 1), "Archives");
        assert_eq!(list_title(fr, "", 2), "Page 2");
        assert_eq!(
            list_title(fr, "Catégorie : Actus", 3),
            "Catégorie : Actus, page 3"
        );
        assert_eq!(
            list_title(en, "Category: News", 3),
            "Category: News, page 3"
        );
        assert_eq!(
            (
                list_title(fr, &(fr.tag_title)("Web"), 2),
                list_title(en, &(en.tag_title)("Web"), 2)
            ),
            ("Étiquette : Web, page 2".into(), "Tag: Web, page 2".into())
        );
        assert_eq!((fr.tags, en.tags), ("Étiquettes", "Tags"));
    }

    #[test]
    fn search_counts_and_empty_results_follow_the_language() {
        let fr = Language::French.strings();
        let en = Language::English.strings();
        assert_eq!(
            ((fr.results)(1), (fr.results)(2)),
            ("1 résultat".into(), "2 résultats".into())
        );
        assert_eq!(
            ((en.results)(1), (en.results)(0)),
            ("1 result".into(), "0 results".into())
        );
        assert_eq!((fr.no_results)("réseau"), "Aucun résultat pour « réseau »");
        assert_eq!((en.no_results)("network"), "No results for “network”");
        assert_eq!(
            (fr.chosen_result)(2, 5, "Titre"),
            "Résultat 2 sur 5\u{a0}: Titre"
        );
        assert_eq!((en.chosen_result)(2, 5, "Title"), "Result 2 of 5: Title");
    }

    #[test]
    fn big_counts_have_their_digits_grouped_as_each_language_groups_them() {
        let fr = Language::French.strings();
        let en = Language::English.strings();
        assert_eq!(grouped(0, ","), "0");
        assert_eq!(grouped(999, ","), "999");
        assert_eq!(grouped(1000, ","), "1,000");
        assert_eq!(grouped(1234567, "."), "1.234.567");
        // French groups with a narrow no-break space, as CLDR and `Intl.NumberFormat` do.
        assert_eq!((fr.results)(10000), "10\u{202f}000 résultats");
        assert_eq!((fr.posts)(123456), "123\u{202f}456 billets");
        assert_eq!((fr.page_of)(2, 1000), "Page 2 sur 1\u{202f}000");
        assert_eq!(list_title(fr, "", 1500), "Page 1\u{202f}500");
        assert_eq!(
            (fr.chosen_result)(1200, 3000, "T"),
            "Résultat 1\u{202f}200 sur 3\u{202f}000\u{a0}: T"
        );
        assert_eq!((en.results)(10000), "10,000 results");
        assert_eq!((en.page_of)(2, 1000), "Page 2 of 1,000");
        assert_eq!((en.number)(2009), "2,009");
    }

    #[test]
    fn a_language_is_found_by_its_code() {
        for language in Language::ALL {
            assert_eq!(Language::from_code(language.code()), Some(language));
        }
        assert_eq!(Language::from_code("de"), None);
    }
}
