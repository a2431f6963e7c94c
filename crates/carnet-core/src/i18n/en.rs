//! The interface in English.

use super::{grouped, Strings};
use crate::date::Date;

/// English month names, January first.
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The interface in English.
pub static STRINGS: Strings = Strings {
    locale: "en_US",
    skip_to_content: "Skip to content",
    main_navigation: "Main navigation",
    home: "Home",
    archives: "Archives",
    recent_posts: "Recent posts",
    categories: "Categories",
    all_archives: "All archives",
    powered_by: "Powered by Carnet.",
    sidebar: "Sidebar",
    comments_closed: "Comments are closed",
    neighbours: "Neighbouring posts",
    pages: "Pages",
    page_of: |n, count| format!("Page {} of {}", number(n), number(count)),
    read_more_title: ": ",
    read_more_end: " →",
    latest_posts: "Latest posts",
    newer_posts: "← Newer posts",
    older_posts: "Older posts →",
    previous_post: "← Previous post",
    next_post: "Next post →",
    read_more: "Read more",
    published_on: "Published on ",
    updated_on: ", updated on ",
    in_category: " in ",
    by: " by ",
    category_heading: "Category: ",
    month_heading: "Archives: ",
    retry: "Try again",
    loading_blog: "Loading the blog…",
    blog_unavailable: "The blog could not be loaded.",
    loading_posts: "Loading posts…",
    posts_unavailable: "These posts could not be loaded.",
    loading_post: "Loading the post…",
    post_unavailable: "Post unavailable",
    post_unavailable_description: "This post could not be loaded.",
    post_unavailable_message: "This post could not be loaded.",
    not_found: "Page not found",
    not_found_description: "This page does not exist, or no longer does.",
    not_found_text: "This page does not exist, or no longer does. The link may be wrong.",
    back_home: "Back to the home page",
    network_error: "The server cannot be reached. Check your Internet connection, then try again.",
    missing_error: "This content is not on the server (error 404): the site may just have been \
                    updated.",
    invalid_error: "The data received cannot be read: the site may be being updated.",
    version_error: "This page and the site's data are not of the same version: the site has \
                    probably just been updated. Reload the page.",
    unsupported_error: "This browser cannot read this page's data: open it in a more recent \
                    browser.",
    server_error: |status| {
        format!("The server ran into a problem (error {status}). Try again in a moment.")
    },
    refused_error: |status| format!("The server refused to answer (error {status})."),
    number,
    uncategorized: "Uncategorized",
    posts: |count| match count {
        1 => "1 post".to_owned(),
        count => format!("{} posts", number(count)),
    },
    page: |title, n| match title {
        "" => format!("Page {}", number(n)),
        title => format!("{title}, page {}", number(n)),
    },
    category_title: |name| format!("Category: {name}"),
    category_description: |name, posts| format!("The posts in the category {name} ({posts})."),
    month_title: |month| format!("Archives: {month}"),
    month_description: |month, posts| format!("The posts published in {month} ({posts})."),
    archive_description: |posts| format!("Every post, month by month ({posts})."),
    date,
    month: |month| format!("{} {}", MONTHS[usize::from(month.month - 1)], month.year),
    site_header: "Site header",
    main_content: "Content",
    site_footer: "Site footer",
    theme: "Theme",
    theme_light: "Light",
    theme_dark: "Dark",
    theme_system: "System",
    tags: "Tags",
    tags_description: "Every tag of the blog, with its number of posts.",
    all_tags: "All tags",
    tagged: "Tags: ",
    tag_heading: "Tag: ",
    tag_title: |name| format!("Tag: {name}"),
    tag_description: |name, posts| format!("The posts tagged {name} ({posts})."),
    reading_time: |minutes| format!("{minutes}\u{A0}min read"),
    table_of_contents: "Contents",
    heading_anchor: |heading| format!("Link to this section: {heading}"),
    footnote_back: |n, count| match count {
        1 => "Back to the reference".to_owned(),
        _ => format!("Back to reference {n}"),
    },
    search: "Search",
    search_placeholder: "Search…",
    search_description: "Look for a word in the blog's posts.",
    search_needs_javascript: "Search needs JavaScript: turn it on to search the posts.",
    search_hint: "Type one or more words: the posts holding them all show as you type.",
    searching: "Searching…",
    search_unavailable: "Search is unavailable at the moment.",
    more_results: "More results",
    draft: "Draft",
    related_posts: "Related posts",
    results,
    no_results,
    chosen_result,
};

/// "October 6, 2009": the search worker calls this and the three below itself
/// (`Language::search_strings`).
pub fn date(date: Date) -> String {
    let month = MONTHS[usize::from(date.month() - 1)];
    format!("{month} {}, {}", date.day(), date.year())
}

/// "3 results".
pub fn results(count: usize) -> String {
    match count {
        1 => "1 result".to_owned(),
        count => format!("{} results", number(count)),
    }
}

/// A query of one letter, being typed.
pub const KEEP_TYPING: &str = "Type at least two letters.";

/// "No results for “network”".
pub fn no_results(query: &str) -> String {
    format!("No results for “{query}”")
}

/// "Result 2 of 5: Title".
pub fn chosen_result(position: usize, count: usize, title: &str) -> String {
    format!("Result {} of {}: {title}", number(position), number(count))
}

/// A count with its digits grouped by commas: "10,000".
fn number(n: usize) -> String {
    grouped(n, ",")
}
