//! The network: fetching the index, and the buckets that hold list pages and posts, with errors
//! a reader can understand.
//!
//! Nothing else in the app talks to the network. Every failure becomes a [`LoadError`], which
//! says in the blog's language what went wrong; pages show it with a « Réessayer » button. Whatever a server
//! answers, it is read with `carnet_core::read`, which checks it: no answer can make the app
//! panic.
//!
//! An answer that is an HTML page is a not-found: hosts that rewrite every unknown path to
//! `index.html` with status 200 (`trunk serve`, Netlify, Vercel and Firebase rewrites, nginx's
//! `try_files`) answer that way for data that does not exist.

use crate::inflate::{inflate, InflateError};
use crate::urls::SiteUrls;
use carnet_core::i18n::Strings;
use carnet_core::model::{Bucket, Index, List, ListPage, Page, Post};
use carnet_core::paths;
use carnet_core::read::{self, Piece, ReadError};
use gloo_net::http::Request;

/// Why something could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// No answer: offline, DNS, connection reset…
    Network,
    /// Not on the server: a 404, or an HTML page where data was asked for.
    NotFound,
    /// The server answered with this HTTP error status (other than 404).
    Status(u16),
    /// The answer is not the data Carnet writes: cut short, malformed, or impossible.
    Invalid(String),
    /// The data was written by another version of Carnet (this one).
    Version(u32),
    /// This browser cannot read the data as stored (it has no `DecompressionStream`): it reads
    /// the site page by page instead, each page whole ([`reload_unless_loaded_here`]).
    Unsupported,
}

impl LoadError {
    /// The message shown to the reader, in the language of `strings`.
    pub fn message(&self, strings: &Strings) -> String {
        match self {
            LoadError::Network => strings.network_error.to_owned(),
            LoadError::NotFound => strings.missing_error.to_owned(),
            LoadError::Status(status) if *status >= 500 => (strings.server_error)(*status),
            LoadError::Status(status) => (strings.refused_error)(*status),
            LoadError::Invalid(_) => strings.invalid_error.to_owned(),
            LoadError::Version(_) => strings.version_error.to_owned(),
            LoadError::Unsupported => strings.unsupported_error.to_owned(),
        }
    }
}

impl From<ReadError> for LoadError {
    fn from(error: ReadError) -> LoadError {
        match error {
            ReadError::Version(version) => LoadError::Version(version),
            ReadError::Invalid(why) => LoadError::Invalid(why),
        }
    }
}

/// Fetches the blog's index; `afresh`, from the host rather than the browser's cache (to tell
/// whether the blog was rebuilt since this tab read it).
pub async fn fetch_index(site: &SiteUrls, afresh: bool) -> Result<Index, LoadError> {
    fetch(&site.index_url(), afresh).await
}

/// Fetches the blog's index (from the browser's cache if it has it, a pre-rendered page's head
/// preloading it, unless `afresh`), with its stamp ([`carnet_core::model::index_stamp`]), which
/// tells whether it is the index a pre-rendered page was drawn with.
pub async fn fetch_index_stamped(
    site: &SiteUrls,
    afresh: bool,
) -> Result<(Index, String), LoadError> {
    let (content_type, body) = fetch_text(&site.index_url(), afresh).await?;
    let index = read_answer(content_type.as_deref(), &body)?;
    Ok((index, carnet_core::model::index_stamp(&body)))
}

/// Fetches the bucket holding the data of the page at `path` (a list page or a post), in a blog
/// of `buckets` buckets: that page and the few that share its file; `afresh`, from the host
/// rather than the browser's cache.
pub async fn fetch_bucket(
    site: &SiteUrls,
    path: &str,
    buckets: usize,
    afresh: bool,
) -> Result<Bucket, LoadError> {
    fetch(&site.page_data_url(path, buckets), afresh).await
}

/// Takes page `number` of `list` out of `bucket`, the one its path falls in:
/// [`LoadError::NotFound`] if the bucket does not hold it, as a missing file of its own was.
pub fn take_list_page(
    bucket: &mut Bucket,
    list: &List,
    number: usize,
) -> Result<ListPage, LoadError> {
    match bucket.pages.remove(&list.page(number)) {
        Some(Page::List(page)) => Ok(page),
        // `carnet_core::read` checked that each page is the one its path says.
        Some(Page::Post(_)) | None => Err(LoadError::NotFound),
    }
}

/// Takes the post `slug` out of `bucket`, the one its path falls in: [`LoadError::NotFound`] if
/// the bucket does not hold it.
pub fn take_post(bucket: &mut Bucket, slug: &str) -> Result<Post, LoadError> {
    match bucket.pages.remove(&paths::post(slug)) {
        Some(Page::Post(post)) => Ok(*post),
        Some(Page::List(_)) | None => Err(LoadError::NotFound),
    }
}

async fn fetch<T: Piece>(url: &str, afresh: bool) -> Result<T, LoadError> {
    let (content_type, body) = fetch_text(url, afresh).await?;
    read_answer(content_type.as_deref(), &body)
}

/// The content type and the text (inflated, if the file is gzipped) of the answer for `url`.
async fn fetch_text(url: &str, afresh: bool) -> Result<(Option<String>, String), LoadError> {
    let request = Request::get(url);
    let request = if afresh {
        request.cache(web_sys::RequestCache::NoCache)
    } else {
        request
    };
    let response = request.send().await.map_err(|_| LoadError::Network)?;
    check_status(response.status())?;
    let content_type = response.headers().get("content-type");
    // Read from the answer itself: Firefox reports a body read through another Response (over
    // this one's stream) that the network cut as an error of the page, even when handled.
    let body = response.binary().await.map_err(|_| LoadError::Network)?;
    // The buckets are stored gzipped (`carnet_core::gzip`); the index is not.
    let body = inflate(body).await.map_err(|error| match error {
        InflateError::Unsupported => LoadError::Unsupported,
        InflateError::Damaged => LoadError::Invalid("gzip cut short or damaged".to_owned()),
    })?;
    let body = String::from_utf8(body).map_err(|_| LoadError::Invalid("not UTF-8".to_owned()))?;
    Ok((content_type, body))
}

/// Where this document was loaded: the path of the page the reader opened or reloaded, before
/// any in-app move (set once, by `main`).
static LOADED_AT: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Tells [`reload_unless_loaded_here`] the path this document was loaded at.
pub fn loaded_at(path: String) {
    let _ = LOADED_AT.set(path);
}

/// Loads the current URL again as a whole page, unless this document was loaded at it: a
/// browser that cannot read a page's data ([`LoadError::Unsupported`]) after an in-app move
/// then gets the page pre-rendered, as on a static site. Never twice for one page: a page that
/// needs data even when loaded whole (a host answering an unknown URL with the app) shows the
/// error instead.
pub fn reload_unless_loaded_here() {
    let Some(location) = web_sys::window().map(|window| window.location()) else {
        return;
    };
    let here = location.pathname().unwrap_or_default();
    if LOADED_AT.get().is_some_and(|loaded| *loaded != here) {
        let _ = location.reload();
    }
}

/// The error an HTTP status means, if it is one.
pub fn check_status(status: u16) -> Result<(), LoadError> {
    match status {
        200..=299 => Ok(()),
        404 | 410 => Err(LoadError::NotFound),
        _ => Err(LoadError::Status(status)),
    }
}

/// The data in a successful answer: an HTML page (by its type, or by its first character, for
/// hosts that do not say) is a not-found; anything else must read as the piece asked for.
pub fn read_answer<T: Piece>(content_type: Option<&str>, body: &str) -> Result<T, LoadError> {
    let html_type = content_type.is_some_and(|value| {
        let media_type = value.split(';').next().unwrap_or_default().trim();
        media_type.eq_ignore_ascii_case("text/html")
    });
    let text = body.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if html_type || text.starts_with('<') {
        return Err(LoadError::NotFound);
    }
    Ok(read_json(text)?)
}

/// Reads the piece `text` holds, as `carnet_core::read` does; in the browser, the browser parses
/// the JSON (`JSON.parse`) and serde-wasm-bindgen reads the piece from what it made, so that the
/// wasm carries no JSON parser.
pub fn read_json<T: Piece>(text: &str) -> Result<T, ReadError> {
    #[cfg(target_arch = "wasm32")]
    {
        let value =
            js_sys::JSON::parse(text).map_err(|_| ReadError::Invalid("not JSON".to_owned()))?;
        read::read_from(&Parsed(value))
    }
    #[cfg(not(target_arch = "wasm32"))]
    read::read(text)
}

/// JSON the browser parsed.
#[cfg(target_arch = "wasm32")]
struct Parsed(wasm_bindgen::JsValue);

#[cfg(target_arch = "wasm32")]
impl read::Source for Parsed {
    fn value<T: serde::de::DeserializeOwned>(&self) -> Result<T, String> {
        serde_wasm_bindgen::from_value(self.0.clone()).map_err(|error| error.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use carnet_core::model::SCHEMA_VERSION;

    const JSON: Option<&str> = Some("application/json; charset=utf-8");
    const INDEX: &str = r#"{"version":8,"site":{"title":"Carnet","description":"","url":"https://example.org/",
        "language":"fr","posts_per_page":10},
        "total":1,"buckets":1,"recent":[{"slug":"a","title":"A"}],
        "categories":[{"category":{"slug":"actus","name":"Actus"},"count":1}],
        "tags":[{"tag":{"slug":"actus","name":"Actus"},"count":1}],
        "months":[[2009,10,[1]]]}"#;

    #[test]
    fn the_index_as_written_is_read() {
        assert_eq!(SCHEMA_VERSION, 8, "update INDEX to the current schema");
        let index: Index = read_answer(JSON, INDEX).unwrap();
        assert_eq!(index.total, 1);
        // Without a type, or with a byte-order mark: still JSON.
        assert!(read_answer::<Index>(None, &format!("\u{feff}{INDEX}")).is_ok());
    }

    #[test]
    fn an_html_page_where_data_was_asked_for_is_not_found() {
        let page = "<!DOCTYPE html>\n<html><head></head><body></body></html>";
        for content_type in [
            Some("text/html; charset=utf-8"),
            Some("TEXT/HTML"),
            None,
            JSON,
        ] {
            assert_eq!(
                read_answer::<Index>(content_type, page),
                Err(LoadError::NotFound),
                "{content_type:?}"
            );
        }
        assert_eq!(
            read_answer::<Index>(Some("text/html"), INDEX),
            Err(LoadError::NotFound),
            "served as HTML"
        );
        assert_eq!(
            read_answer::<Index>(JSON, "\n  <html></html>"),
            Err(LoadError::NotFound)
        );
    }

    #[test]
    fn statuses_say_what_went_wrong() {
        assert_eq!(check_status(200), Ok(()));
        assert_eq!(check_status(404), Err(LoadError::NotFound));
        assert_eq!(check_status(500), Err(LoadError::Status(500)));
        assert_eq!(check_status(403), Err(LoadError::Status(403)));
    }

    #[test]
    fn cut_short_or_other_version_data_are_told_apart() {
        let cut = &INDEX[..INDEX.len() / 2];
        assert!(matches!(
            read_answer::<Index>(JSON, cut),
            Err(LoadError::Invalid(_))
        ));
        let other = INDEX.replace(r#""version":8"#, r#""version":9"#);
        assert_eq!(
            read_answer::<Index>(JSON, &other),
            Err(LoadError::Version(9))
        );
        let month13 = INDEX.replace("[2009,10,[1]]", "[2009,13,[1]]");
        assert!(matches!(
            read_answer::<Index>(JSON, &month13),
            Err(LoadError::Invalid(_))
        ));
    }

    /// A bucket of two pages: the home page's first page and the post `a`.
    const BUCKET: &str = r#"{"":{"version":8,"list":"home","number":1,"posts":[]},
        "posts/a/":{"version":8,"summary":{"slug":"a","title":"A","date":"2009-10-06",
        "category":{"slug":"actus","name":"Actus"},"author":"admin","excerpt":"","words":1},
        "markdown":"Texte","older":null,"newer":null}}"#;

    #[test]
    fn a_bucket_gives_the_pages_it_holds_and_not_found_for_others() {
        let mut bucket: Bucket = read_answer(JSON, BUCKET).unwrap();
        assert_eq!(take_post(&mut bucket, "b"), Err(LoadError::NotFound));
        assert_eq!(
            take_list_page(&mut bucket, &List::Home, 2),
            Err(LoadError::NotFound)
        );
        assert_eq!(
            take_list_page(&mut bucket, &List::Category("a".into()), 1),
            Err(LoadError::NotFound)
        );
        assert_eq!(take_post(&mut bucket, "a").unwrap().markdown, "Texte");
        assert_eq!(
            take_list_page(&mut bucket, &List::Home, 1).unwrap().number,
            1
        );
        assert!(bucket.pages.is_empty());
    }

    #[test]
    fn a_bucket_cut_short_of_another_version_or_an_html_page_says_so() {
        let cut = &BUCKET[..BUCKET.len() - 2];
        assert!(matches!(
            read_answer::<Bucket>(JSON, cut),
            Err(LoadError::Invalid(_))
        ));
        let other = BUCKET.replacen(r#""version":8"#, r#""version":9"#, 1);
        assert_eq!(
            read_answer::<Bucket>(JSON, &other),
            Err(LoadError::Version(9))
        );
        assert_eq!(
            read_answer::<Bucket>(Some("text/html"), "<!DOCTYPE html><html></html>"),
            Err(LoadError::NotFound)
        );
        // A page under another page's path.
        let moved = BUCKET.replace(r#""posts/a/":"#, r#""posts/b/":"#);
        assert!(matches!(
            read_answer::<Bucket>(JSON, &moved),
            Err(LoadError::Invalid(_))
        ));
    }

    #[test]
    fn each_kind_of_error_has_its_own_message_in_each_language() {
        use carnet_core::i18n::Language;
        let errors = [
            LoadError::Network,
            LoadError::NotFound,
            LoadError::Status(500),
            LoadError::Status(403),
            LoadError::Invalid(String::new()),
            LoadError::Version(3),
        ];
        for language in Language::ALL {
            let strings = language.strings();
            let messages: Vec<String> = errors.iter().map(|e| e.message(strings)).collect();
            for (i, message) in messages.iter().enumerate() {
                assert!(!messages[..i].contains(message), "{message}");
            }
        }
        let messages: Vec<String> = errors
            .iter()
            .map(|e| e.message(Language::French.strings()))
            .collect();
        assert_eq!(
            messages[2],
            "Le serveur a rencontré un problème (erreur 500). Réessayez dans un instant."
        );
        assert!(messages[1].contains("introuvable") && messages[1].contains("404"));
        assert!(messages[3].contains("erreur 403"));
        assert!(messages[4].contains("illisibles"));
        assert!(messages[5].contains("Rechargez la page"));
        let english = LoadError::Status(403).message(Language::English.strings());
        assert_eq!(english, "The server refused to answer (error 403).");
    }
}
