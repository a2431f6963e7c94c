//! A post in a list: its title, date, category, reading time, tags and excerpt.

use crate::components::{Byline, PostTags, ReadingTime};
use crate::urls::SiteUrls;
use carnet_core::i18n::Strings;
use carnet_core::PostSummary;
use leptos::prelude::*;
use leptos_router::components::A;

/// One entry of a list of posts, with « Lire la suite ».
#[component]
pub fn PostCard(post: PostSummary) -> impl IntoView {
    let site = expect_context::<SiteUrls>();
    let strings = expect_context::<&'static Strings>();
    let href = site.post(&post.slug);
    let title = post.title.clone();
    let hidden_title = post.title.clone();
    let excerpt = post.excerpt.clone();
    let tags = post.tags.clone();
    let words = post.words;
    view! {
        <article class="post-card">
            <h2>
                <A href=href.clone() exact=true>
                    {title}
                </A>
            </h2>
            <Byline post />
            <ReadingTime words />
            <PostTags tags />
            <p class="excerpt">{excerpt}</p>
            <p class="read-more">
                <A href=href exact=true>
                    {strings.read_more}
                    <span class="visually-hidden">{strings.read_more_title} {hidden_title}</span>
                    {strings.read_more_end}
                </A>
            </p>
        </article>
    }
}
