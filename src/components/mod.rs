//! The pieces pages share, one component a file.

mod byline;
mod list_posts;
mod load_error_view;
mod loading;
mod markdown_body;
mod page_meta;
mod pager;
mod post_article;
mod post_card;
mod post_list;
mod post_tags;
mod readable_date;
mod reading_time;
mod search_box;
mod sidebar;
mod site_footer;
mod site_header;
mod theme_switch;

pub use byline::Byline;
pub use list_posts::ListPosts;
pub use load_error_view::LoadErrorView;
pub use loading::Loading;
pub use markdown_body::MarkdownBody;
pub use page_meta::{document_title, PageMeta};
pub use pager::Pager;
pub use post_article::PostArticle;
pub use post_card::PostCard;
pub use post_list::PostList;
pub use post_tags::PostTags;
pub use readable_date::ReadableDate;
pub use reading_time::ReadingTime;
pub use search_box::SearchBox;
pub use sidebar::{Sidebar, SIDEBAR_MONTHS};
pub use site_footer::SiteFooter;
pub use site_header::SiteHeader;
pub use theme_switch::ThemeSwitch;
