//! A list of posts, or a word saying there are none.

use crate::components::PostCard;
use carnet_core::PostSummary;
use leptos::either::Either;
use leptos::prelude::*;

/// The posts, in the order given.
#[component]
pub fn PostList(posts: Vec<PostSummary>) -> impl IntoView {
    if posts.is_empty() {
        return Either::Left(view! { <p class="empty">"Aucun billet pour l’instant."</p> });
    }
    Either::Right(view! {
        <ul class="post-list">
            {posts.into_iter().map(|post| view! { <li><PostCard post /></li> }).collect_view()}
        </ul>
    })
}
