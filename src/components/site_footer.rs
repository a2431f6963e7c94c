//! The foot of every page.

use carnet_core::i18n::Strings;
use leptos::prelude::*;

/// A short colophon.
#[component]
pub fn SiteFooter() -> impl IntoView {
    let strings = expect_context::<&'static Strings>();
    view! {
        <footer class="site-footer" aria-label=strings.site_footer>
            <p>{strings.powered_by}</p>
        </footer>
    }
}
