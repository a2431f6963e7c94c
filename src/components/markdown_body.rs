//! A post's body, rendered from Markdown by `carnet-core`.

use leptos::prelude::*;
use std::sync::Arc;

/// Shows HTML that `carnet_core::markdown::to_html` made safe; never anything else.
#[component]
pub fn MarkdownBody(html: Arc<str>) -> impl IntoView {
    view! { <div class="post-body" inner_html=html.to_string()></div> }
}
