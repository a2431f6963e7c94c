//! The data a pre-rendered page carries for the app: written by the pre-renderer into the
//! page's head, read by the wasm entry before it hydrates.
//!
//! It is a `<script type="application/json">` whose `data-path` attribute says which URL the
//! page was rendered for. Hydrating a page rendered for another URL would silently show the
//! wrong page (a host may answer any URL with `404.html` or `index.html`), so the entry only
//! hydrates when the two agree, and otherwise renders afresh from the same data.

use carnet_core::model::PageData;

/// The `id` of the script element.
pub const SCRIPT_ID: &str = "carnet-data";

/// The marker comments around the pre-rendered tags of the head.
pub const HEAD_START: &str = "<!--HEAD-->";
/// See [`HEAD_START`].
pub const HEAD_END: &str = "<!--/HEAD-->";

/// The script element embedding `data` for the page rendered at `path`.
pub fn to_script(data: &PageData, path: &str) -> String {
    let json = serde_json::to_string(data).expect("the schema serialises without error");
    // `<` only occurs inside JSON strings, where `\u003c` means the same; this way no `</script>`
    // or `<!--` in a post can end the element early.
    let json = json.replace('<', "\\u003c");
    let path = path.replace('&', "&amp;").replace('"', "&quot;");
    format!(
        r#"<script id="{SCRIPT_ID}" type="application/json" data-path="{path}">{json}</script>"#
    )
}

/// Whether a page rendered for `rendered` is the page for the URL path `current`.
pub fn same_page(rendered: &str, current: &str) -> bool {
    rendered.trim_end_matches('/') == current.trim_end_matches('/')
}

/// The embedded data and the path it was rendered for, if the document has them.
#[cfg(feature = "hydrate")]
pub fn read_from_document() -> Option<(String, PageData)> {
    let document = web_sys::window()?.document()?;
    let script = document.get_element_by_id(SCRIPT_ID)?;
    let path = script.get_attribute("data-path")?;
    let data = serde_json::from_str(&script.text_content()?).ok()?;
    Some((path, data))
}

/// Removes what the pre-renderer put in the page, before rendering it afresh: the body, and
/// the head's tags between [`HEAD_START`] and [`HEAD_END`].
#[cfg(feature = "hydrate")]
pub fn clear_prerendered() {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    if let Some(body) = document.body() {
        body.set_inner_html("");
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
}
