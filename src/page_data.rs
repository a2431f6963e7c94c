//! The data a pre-rendered page carries for the app: written by the pre-renderer after the
//! page's body, read by the wasm entry before it hydrates.
//!
//! It is a `<script type="application/json">` holding an [`EmbeddedPage`] (the page's list or
//! post, and the stamp of the index it was drawn with; the index itself is fetched, see
//! [`with_its_index`]), whose `data-path` attribute says which URL the page was rendered for.
//! Hydrating a page rendered for another URL would silently show the wrong page (a host may
//! answer any URL with `404.html` or `index.html`), so the entry only hydrates when the two
//! agree, and otherwise renders afresh.
//!
//! The data is read like any data fetched ([`carnet_core::read`]): data that is cut short,
//! impossible or written by another version of Carnet (a cached page, a half-finished upload) is
//! not used, and the reader is told why ([`EmbeddedDataError`]).

use crate::api::{self, LoadError};
use crate::urls::SiteUrls;
use carnet_core::model::{EmbeddedPage, PageData};

/// The `id` of the script element.
pub const SCRIPT_ID: &str = carnet_core::page_ids::EMBEDDED_DATA;

/// The marker comments around the pre-rendered tags of the head.
pub const HEAD_START: &str = "<!--HEAD-->";
/// See [`HEAD_START`].
pub const HEAD_END: &str = "<!--/HEAD-->";

/// The script element embedding what the page rendered at `path` showing `data` needs
/// ([`EmbeddedPage::new`]), `index` being the stamp of `data.index`.
pub fn to_script(data: &PageData, path: &str, index: &str) -> String {
    let embedded = EmbeddedPage::new(data, index);
    let json = serde_json::to_string(&embedded).expect("the schema serialises without error");
    // `<` only occurs inside JSON strings, where `\u003c` means the same; this way no `</script>`
    // or `<!--` in a post can end the element early.
    let json = json.replace('<', "\\u003c");
    let path = path.replace('&', "&amp;").replace('"', "&quot;");
    format!(
        r#"<script id="{SCRIPT_ID}" type="application/json" data-path="{path}">{json}</script>"#
    )
}

/// The index fetched for a pre-rendered page ([`with_its_index`]).
pub enum Indexed {
    /// The page's data with the index it was drawn with: the page can be hydrated.
    DrawnWith(PageData),
    /// Another build's index, the host's, without the page's data (the page is the one cached
    /// from an earlier build): the page is drawn afresh with it, from data fetched.
    Rebuilt(PageData),
}

/// The index for `page`, fetched (the page's head preloads it). An index the page was not drawn
/// with is asked for again from the host, past the browser's cache (a page of a new build beside
/// the last build's index, cached for a few minutes, as GitHub Pages allows).
pub async fn with_its_index(site: &SiteUrls, page: EmbeddedPage) -> Result<Indexed, LoadError> {
    let (index, stamp) = api::fetch_index_stamped(site, false).await?;
    if stamp == page.index {
        return Ok(Indexed::DrawnWith(page.with_index(index)));
    }
    let (index, stamp) = api::fetch_index_stamped(site, true).await?;
    Ok(match stamp == page.index {
        true => Indexed::DrawnWith(page.with_index(index)),
        false => Indexed::Rebuilt(PageData {
            index,
            list: None,
            post: None,
        }),
    })
}

/// Whether a page rendered for `rendered` is the page for the URL path `current`.
pub fn same_page(rendered: &str, current: &str) -> bool {
    rendered.trim_end_matches('/') == current.trim_end_matches('/')
}

/// Why the data the page embeds could not be used: provided as context for the app to say so.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmbeddedDataError(pub LoadError);

/// The data in the text of the script element.
pub fn read(json: &str) -> Result<EmbeddedPage, LoadError> {
    Ok(crate::api::read_json(json)?)
}

/// The path the page was rendered for and its embedded data (or why it cannot be used), if the
/// document embeds any.
#[cfg(feature = "hydrate")]
pub fn read_from_document() -> Option<(String, Result<EmbeddedPage, LoadError>)> {
    let document = web_sys::window()?.document()?;
    let script = document.get_element_by_id(SCRIPT_ID)?;
    let json = script.text_content().unwrap_or_default();
    Some(match script.get_attribute("data-path") {
        Some(path) => (path, read(&json)),
        None => {
            let error = LoadError::Invalid(format!("#{SCRIPT_ID} has no data-path"));
            (String::new(), Err(error))
        }
    })
}

/// The post body the page shows, taken back from its HTML (made safe again), when the page is
/// a pre-rendered post about to be hydrated: its embedded data leaves the Markdown out.
#[cfg(feature = "hydrate")]
pub fn body_in_page() -> Option<carnet_core::markdown::SafeHtml> {
    let document = web_sys::window()?.document()?;
    let body = document.query_selector("main .post-body").ok()??;
    Some(carnet_core::markdown::from_page(&body.inner_html()))
}

/// Outside the browser (the pre-renderer), no page to take a body from.
#[cfg(not(feature = "hydrate"))]
pub fn body_in_page() -> Option<carnet_core::markdown::SafeHtml> {
    None
}

/// Removes what the pre-renderer put in the page, before rendering it afresh: the body but its
/// links to the stylesheet (the head holds only the rules this page used), and the head's tags
/// between [`HEAD_START`] and [`HEAD_END`].
#[cfg(feature = "hydrate")]
pub fn clear_prerendered() {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    if let Some(body) = document.body() {
        let mut node = body.first_child();
        while let Some(current) = node {
            node = current.next_sibling();
            if current.node_name() != "LINK" {
                let _ = body.remove_child(&current);
            }
        }
    }
    let Some(head) = document.head() else { return };
    let comment = |node: &web_sys::Node, text: &str| {
        node.node_type() == web_sys::Node::COMMENT_NODE
            && node.text_content().as_deref()
                == Some(text.trim_start_matches("<!--").trim_end_matches("-->"))
    };
    let mut node = head.first_child();
    let mut inside = false;
    while let Some(current) = node {
        node = current.next_sibling();
        if comment(&current, HEAD_START) {
            inside = true;
        } else if comment(&current, HEAD_END) {
            break;
        } else if inside {
            let _ = head.remove_child(&current);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_page_ignores_the_trailing_slash() {
        assert!(same_page("/posts/a/", "/posts/a"));
        assert!(same_page("/", ""));
        assert!(!same_page("/posts/a/", "/posts/b/"));
        assert!(!same_page("/404.html", "/nope/"));
    }

    /// An index as the content tool writes it.
    const INDEX: &str = r#"{"version":8,
        "site":{"title":"Carnet <3","description":"","url":"https://example.org/",
        "language":"fr","posts_per_page":10},
        "total":1,"buckets":1,"recent":[{"slug":"a","title":"A"}],
        "categories":[{"category":{"slug":"actus","name":"Actus"},"count":1}],
        "tags":[{"tag":{"slug":"actus","name":"Actus <b>"},"count":1}],
        "months":[[2009,10,[1]]]}"#;

    /// A page's data as the pre-renderer embeds it, in JSON.
    const EMBEDDED: &str = r#"{"version":8,"index":"0123456789abcdef",
        "list":{"version":8,"list":"home","number":1,"posts":[]},"post":null}"#;

    /// [`EMBEDDED`] changed by `edit`, read.
    fn embedded(edit: impl FnOnce(&mut serde_json::Value)) -> Result<EmbeddedPage, LoadError> {
        let mut value: serde_json::Value = serde_json::from_str(EMBEDDED).unwrap();
        edit(&mut value);
        read(&value.to_string())
    }

    #[test]
    fn embedded_data_reads_back_from_its_script() {
        assert_eq!(carnet_core::model::SCHEMA_VERSION, 8, "update EMBEDDED");
        let index = api::read_json(INDEX).unwrap();
        let data = read(EMBEDDED).unwrap().with_index(index);
        let stamp = carnet_core::model::index_stamp(INDEX);
        let script = to_script(&data, "/", &stamp);
        let (_, json) = script
            .strip_suffix("</script>")
            .unwrap()
            .split_once('>')
            .unwrap();
        assert!(!json.contains('<'));
        let page = read(json).unwrap();
        assert_eq!(page, EmbeddedPage::new(&data, &stamp));
        assert_eq!(page.index, stamp);
        assert_eq!(page.with_index(data.index.clone()), data);
    }

    #[test]
    fn embedded_data_of_another_version_is_an_error_not_ignored() {
        let error = embedded(|json| json["version"] = 9.into());
        assert_eq!(error, Err(LoadError::Version(9)));
        let error = embedded(|json| json["list"]["version"] = 1.into());
        assert_eq!(error, Err(LoadError::Version(1)));
    }

    #[test]
    fn impossible_embedded_data_is_an_error() {
        for edit in [
            |json: &mut serde_json::Value| json["index"] = "x".into(),
            |json: &mut serde_json::Value| json["list"]["number"] = 0.into(),
        ] {
            assert!(matches!(embedded(edit), Err(LoadError::Invalid(_))));
        }
        assert!(matches!(read("{\"index\":"), Err(LoadError::Invalid(_))));
    }
}
