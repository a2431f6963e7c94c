//! The foot of every page.

use leptos::prelude::*;

/// A short colophon.
#[component]
pub fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>"Propulsé par Carnet."</p>
        </footer>
    }
}
