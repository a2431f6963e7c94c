//! Any path that leads nowhere, and any unknown post, category or month.

use crate::components::PageMeta;
use crate::urls::SiteUrls;
use carnet_core::i18n::Strings;
use leptos::prelude::*;
use leptos_router::components::A;

/// « Page introuvable », with a link home.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let site = expect_context::<SiteUrls>();
    let strings = expect_context::<&'static Strings>();
    view! {
        <PageMeta title=strings.not_found description=strings.not_found_description />
        <section class="not-found">
            <h1>{strings.not_found}</h1>
            <p>{strings.not_found_text}</p>
            <p>
                <A href=site.home() exact=true>
                    {strings.back_home}
                </A>
            </p>
        </section>
    }
}
