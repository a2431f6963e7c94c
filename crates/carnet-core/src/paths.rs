//! The URL of every page, relative to the site's base: one definition for the app's links, the
//! pre-rendered files and the sitemap.
//!
//! Pages are folders (`posts/<slug>/`), so a static host serves `posts/<slug>/index.html` at
//! that URL without a redirect.

use crate::date::YearMonth;

/// The home page: the base itself.
pub const HOME: &str = "";

/// The page listing every month.
pub const ARCHIVE: &str = "archive/";

/// The page listing every tag with its count.
pub const TAGS: &str = "tags/";
/// The search page (`search/?q=…`), pre-rendered empty: the app fills it.
pub const SEARCH: &str = "search/";

/// The page static hosts serve for unknown paths (GitHub Pages, Netlify, nginx's `error_page`).
pub const NOT_FOUND: &str = "404.html";

/// robots.txt, which names the sitemap.
pub const ROBOTS: &str = "robots.txt";

/// The folder of the data the app reads (`data/index.json`, the pages' data).
pub const DATA: &str = "data/";

/// The folder of the images and files the site serves as they are: `public/images/`, which
/// `index.html`'s `copy-dir` publishes (the rest of `public/` is not).
pub const IMAGES: &str = "images/";

/// Whether `name` is a file the content tool writes at the site's root besides the pages: the
/// feed, the sitemap or one of its parts (`sitemap-2.xml`), robots.txt, the 404 page.
pub fn is_site_file(name: &str) -> bool {
    use crate::feed::{FEED_PATH, SITEMAP_PATH};
    let sitemap_part = name
        .strip_prefix("sitemap-")
        .and_then(|rest| rest.strip_suffix(".xml"))
        .is_some_and(|number| number.parse::<usize>().is_ok());
    sitemap_part || [FEED_PATH, SITEMAP_PATH, ROBOTS, NOT_FOUND].contains(&name)
}

/// The page of the post `slug`.
pub fn post(slug: &str) -> String {
    format!("posts/{slug}/")
}

/// The slug of the post whose page is at `path` (the trailing slash may be missing), if it is
/// a post's page.
pub fn post_slug(path: &str) -> Option<&str> {
    let slug = path.strip_prefix("posts/")?.trim_end_matches('/');
    (!slug.is_empty() && !slug.contains('/')).then_some(slug)
}

/// The page of the category `slug`.
pub fn category(slug: &str) -> String {
    format!("category/{slug}/")
}

/// The page of the tag `slug`: under `tag/`, so that a tag never takes a category's URL.
pub fn tag(slug: &str) -> String {
    format!("tag/{slug}/")
}

/// The Atom feed of the list whose first page is at `first` (a category's or a tag's):
/// `category/usages/feed.xml` (`crate::feed::feeds`).
pub fn list_feed(first: &str) -> String {
    format!("{first}{}", crate::feed::FEED_PATH)
}

/// The page of one month's posts: `archive/2009/10/`.
pub fn month(month: YearMonth) -> String {
    format!("archive/{:04}/{:02}/", month.year, month.month)
}

/// Page `number` of the list whose first page is at `first` (a path from this module).
/// The first page is the list itself; the others are `page/<number>/` under it.
pub fn list_page(first: &str, number: usize) -> String {
    if number <= 1 {
        first.to_owned()
    } else {
        format!("{first}page/{number}/")
    }
}

/// The number of a list's later page, `text` as [`list_page`] writes it in a path: `2` and up,
/// in digits without a leading zero. `None` for any other text (`02`, `+2`, `1`: the first page
/// is the list itself), which names no page the build writes, as it names none on the host.
pub fn page_number(text: &str) -> Option<usize> {
    let canonical = text.bytes().all(|b| b.is_ascii_digit()) && !text.starts_with('0');
    text.parse().ok().filter(|&number| canonical && number > 1)
}

/// The month [`month`] writes in a path as `year` and `month`: `2009` and `03`, four digits and
/// two; `None` for any other text (`3`, `+03`).
pub fn month_from(year: &str, month: &str) -> Option<YearMonth> {
    let digits =
        |text: &str, count| text.len() == count && text.bytes().all(|b| b.is_ascii_digit());
    if !digits(year, 4) || !digits(month, 2) {
        return None;
    }
    YearMonth::new(year.parse().ok()?, month.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_number_or_a_month_is_read_only_as_the_paths_write_it() {
        assert_eq!(page_number("2"), Some(2));
        assert_eq!(page_number("120"), Some(120));
        for other in [
            "02",
            "+2",
            "1",
            "0",
            "",
            "2a",
            " 2",
            "99999999999999999999999",
        ] {
            assert_eq!(page_number(other), None, "{other}");
        }
        let october = YearMonth::new(2009, 10);
        assert_eq!(month_from("2009", "10"), october);
        assert_eq!(month_from("2009", "03"), YearMonth::new(2009, 3));
        for (year, month) in [
            ("2009", "3"),
            ("2009", "+3"),
            ("02009", "10"),
            ("2009", "13"),
            ("209", "10"),
        ] {
            assert_eq!(month_from(year, month), None, "{year}/{month}");
        }
        for number in [2, 10, 1234] {
            let path = list_page("", number);
            let text = path.trim_start_matches("page/").trim_end_matches('/');
            assert_eq!(page_number(text), Some(number), "{path}");
        }
        let path = month(YearMonth::new(2009, 3).unwrap());
        let parts: Vec<&str> = path.split('/').collect();
        assert_eq!(month_from(parts[1], parts[2]), YearMonth::new(2009, 3));
    }

    #[test]
    fn pages_are_folders_under_the_base() {
        assert_eq!(post("un-billet"), "posts/un-billet/");
        assert_eq!(category("reseaux-sociaux"), "category/reseaux-sociaux/");
        assert_eq!(month(YearMonth::new(2009, 3).unwrap()), "archive/2009/03/");
        assert_eq!(tag("reseaux-sociaux"), "tag/reseaux-sociaux/");
        assert_eq!((HOME, ARCHIVE, TAGS), ("", "archive/", "tags/"));
    }

    #[test]
    fn a_post_is_found_from_its_path() {
        assert_eq!(post_slug(&post("un-billet")), Some("un-billet"));
        assert_eq!(post_slug("posts/un-billet"), Some("un-billet"));
        for other in ["posts/", "posts/a/b/", "category/a/", ""] {
            assert_eq!(post_slug(other), None, "{other}");
        }
    }

    #[test]
    fn list_pages_after_the_first_are_under_page() {
        assert_eq!(list_page(HOME, 1), "");
        assert_eq!(list_page(HOME, 2), "page/2/");
        assert_eq!(list_page(&category("actus"), 3), "category/actus/page/3/");
        assert_eq!(list_page(&tag("actus"), 2), "tag/actus/page/2/");
        assert_eq!(
            list_page(&month(YearMonth::new(2009, 10).unwrap()), 1),
            "archive/2009/10/"
        );
    }
}
