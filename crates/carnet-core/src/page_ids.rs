//! The ids of the elements the app puts in every page. They are one list here so that a post,
//! whose headings and HTML may carry ids, can never take one of them (`sanitize`, and the heading
//! ids of `markdown`): the page would hold two, and the app could find the post's element
//! instead of its own.

/// The page's `<main>`, where focus goes after an in-app navigation.
pub const MAIN: &str = "contenu";
/// The `<script type="application/json">` holding the data a pre-rendered page embeds.
pub const EMBEDDED_DATA: &str = "carnet-data";
/// The sidebar's heading of recent posts.
pub const SIDEBAR_RECENT: &str = "sidebar-recent";
/// The sidebar's heading of categories.
pub const SIDEBAR_CATEGORIES: &str = "sidebar-categories";
/// The sidebar's heading of months.
pub const SIDEBAR_ARCHIVES: &str = "sidebar-archives";
/// The search box in the header.
pub const SEARCH_BOX: &str = "search-box";
/// The list of the search page's results (`<ol>`), which the search box's arrows move in.
pub const SEARCH_LIST: &str = "search-list";
/// The head's link to the feed of the category or tag a page lists.
pub const LIST_FEED: &str = "list-feed";
/// The heading of the posts a post's page suggests (« À lire aussi »).
pub const RELATED_POSTS: &str = "related-posts";

/// Every id above.
pub const ALL: &[&str] = &[
    MAIN,
    EMBEDDED_DATA,
    SIDEBAR_RECENT,
    SIDEBAR_CATEGORIES,
    SIDEBAR_ARCHIVES,
    SEARCH_BOX,
    SEARCH_LIST,
    LIST_FEED,
    RELATED_POSTS,
];
