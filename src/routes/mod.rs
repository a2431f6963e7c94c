//! The pages, one file each. Each reads its typed URL parameters, asks the manifest for what it
//! shows, and sets the document title.

mod archive;
mod category;
mod home;
mod month;
mod not_found;
mod post;

pub use archive::ArchivePage;
pub use category::CategoryPage;
pub use home::HomePage;
pub use month::MonthPage;
pub use not_found::{NotFoundPage, NOT_FOUND_PATH};
pub use post::PostPage;

/// « 1 billet », « 3 billets ».
fn posts_count(count: usize) -> String {
    if count == 1 {
        "1 billet".to_owned()
    } else {
        format!("{count} billets")
    }
}
