//! A post's tags, each a link to its tag's page: under the byline of a post and of a card.

use crate::urls::SiteUrls;
use carnet_core::i18n::Strings;
use carnet_core::Tag;
use leptos::prelude::*;
use leptos_router::components::A;

/// « Étiquettes : Web, Réseaux », the tags links; nothing for a post without tags.
#[component]
pub fn PostTags(tags: Vec<Tag>) -> impl IntoView {
    let site = expect_context::<SiteUrls>();
    let strings = expect_context::<&'static Strings>();
    (!tags.is_empty()).then(|| {
        let last = tags.len() - 1;
        let links = tags
            .into_iter()
            .enumerate()
            .map(|(i, tag)| {
                view! {
                    <A href=site.tag(&tag.slug) exact=true>
                        {tag.name}
                    </A>
                    {(i < last).then_some(", ")}
                }
            })
            .collect_view();
        view! { <p class="tags">{strings.tagged} {links}</p> }
    })
}
