//! The banner of every page: the blog's name, the main navigation and the theme switch.

use crate::components::{SearchBox, ThemeSwitch};
use crate::store::SharedIndex;
use crate::urls::SiteUrls;
use carnet_core::i18n::Strings;
use leptos::prelude::*;
use leptos_router::components::A;

/// The blog's name and description, links to the home page and the archives, and the theme
/// switch.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let blog = expect_context::<SharedIndex>();
    let site = expect_context::<SiteUrls>();
    let strings = expect_context::<&'static Strings>();
    let title = blog.site.title.clone();
    let description = blog.site.description.clone();
    view! {
        <header class="site-header" aria-label=strings.site_header>
            <p class="site-title">
                <A href=site.home() exact=true>
                    {title}
                </A>
            </p>
            <p class="site-description">{description}</p>
            <nav aria-label=strings.main_navigation>
                <ul>
                    <li>
                        <A href=site.home() exact=true>
                            {strings.home}
                        </A>
                    </li>
                    <li>
                        <A href=site.archive() exact=true>
                            {strings.archives}
                        </A>
                    </li>
                </ul>
            </nav>
            <SearchBox />
            <ThemeSwitch />
        </header>
    }
}
