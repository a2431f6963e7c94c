//! What a reader sees when something could not be loaded: why, and a way to try again.

use crate::api::{self, LoadError};
use carnet_core::i18n::Strings;
use leptos::prelude::*;

/// The message of `error` with a « Réessayer » button that calls `on_retry`. A browser that
/// cannot read the data of an in-app move loads the page whole instead, and shows this only if
/// that was already so.
#[component]
pub fn LoadErrorView(
    /// What went wrong.
    error: LoadError,
    /// Says what could not be loaded: « Impossible de charger le blog. »
    title: &'static str,
    /// Called when the reader asks to try again.
    on_retry: Callback<()>,
) -> impl IntoView {
    let strings = expect_context::<&'static Strings>();
    if error == LoadError::Unsupported {
        // Once the move is done: a page whose data failed before the click (fetched when the
        // link was pointed at) is drawn before the router has put its URL in the address bar.
        set_timeout(api::reload_unless_loaded_here, std::time::Duration::ZERO);
    }
    view! {
        <div class="load-error" role="alert">
            <p class="load-error-title">{title}</p>
            <p>{error.message(strings)}</p>
            <button type="button" on:click=move |_| on_retry.run(())>
                {strings.retry}
            </button>
        </div>
    }
}
