//! The theme switch of every page's header: light, dark, or as the system says.

use carnet_core::i18n::Strings;
use carnet_core::theme::Theme;
use leptos::prelude::*;

/// Three buttons in a named group, each with its
/// [`CHOICE_ATTRIBUTE`](carnet_core::theme::CHOICE_ATTRIBUTE). The page's own script (in
/// the head of `index.html`) does the rest, with or without the app: it presses the chosen
/// button (`aria-pressed`, rendered here for the default, the system's), applies a click at once
/// and keeps it in `localStorage`. Nothing here reacts, so the app's wasm carries only this
/// markup. Hidden without JavaScript (style.css), where it could do nothing.
#[component]
pub fn ThemeSwitch() -> impl IntoView {
    let strings = expect_context::<&'static Strings>();
    let buttons = Theme::ALL
        .into_iter()
        .map(|theme| {
            let pressed = if theme == Theme::System {
                "true"
            } else {
                "false"
            };
            view! {
                <button type="button" data-theme-choice=theme.choice() aria-pressed=pressed>
                    {theme.label(strings)}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="theme-switch" role="group" aria-label=strings.theme>
            {buttons}
        </div>
    }
}
