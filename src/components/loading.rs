//! The placeholder shown while something loads.

use leptos::prelude::*;

/// « Chargement… », announced politely to screen readers.
#[component]
pub fn Loading(
    /// What is loading, e.g. « Chargement du billet… »
    #[prop(default = "Chargement…")]
    label: &'static str,
) -> impl IntoView {
    view! {
        <p class="loading" role="status" aria-live="polite">
            {label}
        </p>
    }
}
