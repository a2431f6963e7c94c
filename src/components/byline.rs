//! The line under a post's title: when, in which category, by whom, and on the post's own page
//! when it last changed.

use crate::components::ReadableDate;
use crate::urls::SiteUrls;
use carnet_core::i18n::Strings;
use carnet_core::PostSummary;
use leptos::prelude::*;
use leptos_router::components::A;

/// « Publié le 6 octobre 2009 dans Actus », the category a link, after « Brouillon » for a
/// draft shown by an author's preview; on the post's own page
/// (`on_post_page`) « … par admin, mis à jour le 12 octobre 2009 », the last part when the
/// author gave the day of a later change.
#[component]
pub fn Byline(post: PostSummary, #[prop(optional)] on_post_page: bool) -> impl IntoView {
    let site = expect_context::<SiteUrls>();
    let strings = expect_context::<&'static Strings>();
    let author = on_post_page.then(|| {
        let updated =
            (post.updated).map(|date| [strings.updated_on, &(strings.date)(date)].concat());
        view! {
            {strings.by}
            <span class="author">{post.author.clone()}</span>
            {updated}
        }
    });
    // Only in an author's preview of the drafts (`--drafts`).
    let draft = post
        .draft
        .then(|| view! { <strong class="draft-mark">{strings.draft}</strong> " " });
    view! {
        <p class="byline">
            {draft} {strings.published_on} <ReadableDate date=post.date /> {strings.in_category}
            <A href=site.category(&post.category.slug) exact=true>
                {post.category.name.clone()}
            </A>
            {author}
        </p>
    }
}
