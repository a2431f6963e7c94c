//! The interface in English.

use super::Strings;

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
    page_of: |n, count| format!("Page {n} of {count}"),
    read_more_title: ": ",
    read_more_end: " →",
    latest_posts: "Latest posts",
    newer_posts: "← Newer posts",
    older_posts: "Older posts →",
    previous_post: "← Previous post",
    next_post: "Next post →",
    read_more: "Read more",
    published_on: "Published on ",
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
    server_error: |status| {
        format!("The server ran into a problem (error {status}). Try again in a moment.")
    },
    refused_error: |status| format!("The server refused to answer (error {status})."),
    posts: |count| match count {
        1 => "1 post".to_owned(),
        count => format!("{count} posts"),
    },
    page: |title, n| match title {
        "" => format!("Page {n}"),
        title => format!("{title}, page {n}"),
    },
    category_title: |name| format!("Category: {name}"),
    category_description: |name, posts| format!("The posts in the category {name} ({posts})."),
    month_title: |month| format!("Archives: {month}"),
    month_description: |month, posts| format!("The posts published in {month} ({posts})."),
    archive_description: |posts| format!("Every post, month by month ({posts})."),
    date: |date| {
        let month = MONTHS[usize::from(date.month() - 1)];
        format!("{month} {}, {}", date.day(), date.year())
    },
    month: |month| format!("{} {}", MONTHS[usize::from(month.month - 1)], month.year),
    search: "Search",
    search_placeholder: "Search…",
    search_description: "Look for a word in the blog's posts.",
    search_needs_javascript: "Search needs JavaScript: turn it on to search the posts.",
    search_hint: "Type one or more words: the posts holding them all show as you type.",
    searching: "Searching…",
    search_unavailable: "Search is unavailable at the moment.",
    results: |count| match count {
        1 => "1 result".to_owned(),
        count => format!("{count} results"),
    },
    no_results: |query| format!("No results for “{query}”"),
};
