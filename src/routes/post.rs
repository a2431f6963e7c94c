//! `/posts/<slug>`: one post, its body rendered from Markdown in the browser.

use crate::api::LoadError;
use crate::components::{LoadErrorView, Loading, PageMeta, PostArticle};
use crate::routes::{use_slug, NotFoundPage};
use crate::store::{Load, Store};
use carnet_core::i18n::Strings;
use leptos::either::EitherOf4;
use leptos::prelude::*;

/// The post; the 404 page if the blog has no such post; while it loads, a loading state; if it
/// cannot be loaded, why, and « Réessayer ».
#[component]
pub fn PostPage() -> impl IntoView {
    let store = expect_context::<Store>();
    let strings = expect_context::<&'static Strings>();
    let slug = use_slug();
    move || match store.post(&slug()) {
        Load::Ready(post) => EitherOf4::A(view! { <PostArticle post /> }),
        Load::Loading => EitherOf4::B(view! { <Loading label=strings.loading_post /> }),
        Load::Failed(LoadError::NotFound) => EitherOf4::C(view! { <NotFoundPage /> }),
        Load::Failed(error) => EitherOf4::D({
            // Once drawn: after a failure that took longer than the app waits for a heading.
            #[cfg(feature = "hydrate")]
            request_animation_frame(crate::app::focus_late_heading);
            view! {
            <PageMeta title=strings.post_unavailable description=strings.post_unavailable_description />
            // The page's heading, as every page has, where the focus goes after the move.
            <h1>{strings.post_unavailable}</h1>
            <LoadErrorView
                error
                title=strings.post_unavailable_message
                on_retry=Callback::new(move |()| store.retry_post(&slug()))
            />
            }
        }),
    }
}
