//! A post's body, rendered from Markdown by `carnet-core`.

use leptos::prelude::*;

/// Shows HTML that `carnet_core::markdown::to_html` made safe; never anything else.
#[component]
pub fn MarkdownBody(html: String) -> impl IntoView {
    view! { <div class="post-body" inner_html=html></div> }
}
