//! Any path that leads nowhere, and any unknown post, category or month.

use crate::components::PageMeta;
use crate::urls::SiteUrls;
use leptos::prelude::*;
use leptos_router::components::A;

/// « Page introuvable », with a link home.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let site = expect_context::<SiteUrls>();
    view! {
        <PageMeta title="Page introuvable" description="Cette page n’existe pas, ou plus." />
        <section class="not-found">
            <h1>"Page introuvable"</h1>
            <p>"Cette page n’existe pas, ou plus. Le lien suivi est peut-être erroné."</p>
            <p>
                <A href=site.home() exact=true>
                    "Retour à l’accueil"
                </A>
            </p>
        </section>
    }
}
