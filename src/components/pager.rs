//! The links between the pages of a list of posts.

use leptos::prelude::*;
use leptos_router::components::A;

/// « ← Billets plus récents », « Page 2 sur 5 », « Billets plus anciens → »; nothing when the
/// list fits on one page. `href(n)` is the URL of page `n`.
#[component]
pub fn Pager(number: usize, count: usize, href: impl Fn(usize) -> String) -> impl IntoView {
    (count > 1).then(|| {
        let newer = (number > 1).then(|| {
            let link = href(number - 1);
            view! {
                <A href=link exact=true attr:rel="prev">
                    "← Billets plus récents"
                </A>
            }
        });
        let older = (number < count).then(|| {
            let link = href(number + 1);
            view! {
                <A href=link exact=true attr:rel="next">
                    "Billets plus anciens →"
                </A>
            }
        });
        view! {
            <nav class="pager" aria-label="Pages">
                <span class="pager-newer">{newer}</span>
                <span class="pager-position">{format!("Page {number} sur {count}")}</span>
                <span class="pager-older">{older}</span>
            </nav>
        }
    })
}
