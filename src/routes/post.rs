//! `/posts/<slug>`: one post, its body rendered from Markdown in the browser.

use crate::api::LoadError;
use crate::components::{LoadErrorView, Loading, PageMeta, PostArticle};
use crate::routes::{use_slug, NotFoundPage};
use crate::store::{Load, Store};
use leptos::prelude::*;

/// The post; the 404 page if the blog has no such post; while it loads, a loading state; if it
/// cannot be loaded, why, and « Réessayer ».
#[component]
pub fn PostPage() -> impl IntoView {
    let store = expect_context::<Store>();
    let slug = use_slug();
    move || match store.post(&slug()) {
        Load::Ready(post) => view! { <PostArticle post /> }.into_any(),
        Load::Loading => view! { <Loading label="Chargement du billet…" /> }.into_any(),
        Load::Failed(LoadError::Status(404)) => view! { <NotFoundPage /> }.into_any(),
        Load::Failed(error) => view! {
            <PageMeta title="Billet indisponible" description="Ce billet n’a pas pu être chargé." />
            <LoadErrorView
                error
                title="Impossible de charger ce billet."
                on_retry=Callback::new(move |()| store.retry_post(&slug()))
            />
        }
        .into_any(),
    }
}
