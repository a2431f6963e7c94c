//! A post's body, rendered from Markdown by `carnet-core`.

use carnet_core::markdown::SafeHtml;
use leptos::prelude::*;

/// Shows HTML that `carnet_core::markdown::to_html` made safe: the app's only `inner_html`, and
/// it takes nothing but [`SafeHtml`], which only that function makes.
#[component]
pub fn MarkdownBody(html: SafeHtml) -> impl IntoView {
    view! { <div class="post-body" inner_html=html.as_str().to_owned()></div> }
}
