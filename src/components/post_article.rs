//! A whole post: title, byline, body, « Commentaires fermés », links to its neighbours.

use crate::components::{Byline, LoadErrorView, Loading, MarkdownBody, PageMeta};
use crate::site::Site;
use crate::store::{Blog, BodyState, PostBodies};
use carnet_core::paths;
use carnet_core::PostSummary;
use leptos::prelude::*;
use leptos_router::components::A;

/// A post: title, byline, body, « Commentaires fermés », links to its neighbours.
#[component]
pub fn PostArticle(post: PostSummary) -> impl IntoView {
    let blog = expect_context::<Blog>();
    let site = expect_context::<Site>();
    let bodies = expect_context::<PostBodies>();
    let slug = post.slug.clone();
    let body = move || match bodies.get(&slug) {
        BodyState::Loading => view! { <Loading label="Chargement du billet…" /> }.into_any(),
        BodyState::Ready(html) => view! { <MarkdownBody html /> }.into_any(),
        BodyState::Failed(error) => {
            let slug = slug.clone();
            view! {
                <LoadErrorView
                    error
                    title="Impossible de charger ce billet."
                    on_retry=Callback::new(move |()| bodies.retry(&slug))
                />
            }
            .into_any()
        }
    };
    let neighbour = |class: &'static str, label: &'static str, post: &PostSummary| {
        let title = post.title.clone();
        view! {
            <p class=class>
                <span class="neighbour-label">{label}</span>
                <A href=site.post(&post.slug) exact=true>
                    {title}
                </A>
            </p>
        }
    };
    let neighbours = blog.neighbours(&post.slug);
    let older = neighbours
        .older
        .map(|older| neighbour("older", "← Billet précédent", older));
    let newer = neighbours
        .newer
        .map(|newer| neighbour("newer", "Billet suivant →", newer));
    view! {
        <PageMeta
            title=post.title.clone()
            description=post.excerpt.clone()
            path=paths::post(&post.slug)
            published=post.date.to_string()
        />
        <article class="post">
            <header>
                <h1>{post.title.clone()}</h1>
                <Byline post=post.clone() with_author=true />
            </header>
            {body}
            <p class="comments-closed">"Commentaires fermés"</p>
        </article>
        <nav class="neighbours" aria-label="Billets voisins">
            {older}
            {newer}
        </nav>
    }
}
