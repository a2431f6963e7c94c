//! The app's root: loads the manifest, then lays out every page around the router.

use crate::api::{self, LoadError};
use crate::components::{LoadErrorView, Loading, Sidebar, SiteFooter, SiteHeader};
use crate::routes::{ArchivePage, CategoryPage, HomePage, MonthPage, NotFoundPage, PostPage};
use crate::site::Site;
use crate::store::{Blog, PostBodies};
use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The whole app: the manifest is fetched once, then every route draws from it.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let site = Site::from_document();
    provide_context(site.clone());
    provide_context(PostBodies::new(site.clone()));

    let manifest = {
        let site = site.clone();
        LocalResource::new(move || {
            let site = site.clone();
            async move { api::fetch_manifest(&site).await.map(Blog::new) }
        })
    };
    let page = move || match manifest.get() {
        None => view! { <Loading label="Chargement du carnet…" /> }.into_any(),
        Some(Err(error)) => {
            view! { <ManifestError error on_retry=move || manifest.refetch() /> }.into_any()
        }
        Some(Ok(blog)) => {
            provide_context(blog);
            view! { <Layout /> }.into_any()
        }
    };

    view! {
        <Router base=site.router_base()>
            {page}
        </Router>
    }
}

/// The manifest could not be loaded: say why, offer to try again.
#[component]
fn ManifestError(error: LoadError, on_retry: impl Fn() + Send + Sync + 'static) -> impl IntoView {
    view! {
        <main id="contenu" class="standalone">
            <LoadErrorView
                error
                title="Impossible de charger le blog."
                on_retry=Callback::new(move |()| on_retry())
            />
        </main>
    }
}

/// Header, page, sidebar, footer; the page is chosen by the URL.
#[component]
fn Layout() -> impl IntoView {
    view! {
        <a class="skip-link" href="#contenu">"Aller au contenu"</a>
        <SiteHeader />
        <div class="columns">
            <main id="contenu" tabindex="-1">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/posts/:slug") view=PostPage />
                    <Route path=path!("/category/:slug") view=CategoryPage />
                    <Route path=path!("/archive") view=ArchivePage />
                    <Route path=path!("/archive/:year/:month") view=MonthPage />
                </Routes>
            </main>
            <Sidebar />
        </div>
        <SiteFooter />
    }
}
