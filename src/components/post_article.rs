//! A whole post: title, byline, reading time, tags, body (with its table of contents),
//! « Commentaires fermés », the posts it suggests (« À lire aussi »), links to its neighbours.

use crate::components::{Byline, MarkdownBody, PageMeta, PostTags, ReadingTime};
use crate::store::RenderedPost;
use crate::urls::SiteUrls;
use carnet_core::i18n::Strings;
use carnet_core::{page_ids, paths, PostLink};
use leptos::prelude::*;
use leptos_router::components::A;
use std::sync::Arc;

/// A post: title, byline, body, « Commentaires fermés », « À lire aussi », links to its
/// neighbours.
#[component]
pub fn PostArticle(post: Arc<RenderedPost>) -> impl IntoView {
    let site = expect_context::<SiteUrls>();
    let strings = expect_context::<&'static Strings>();
    let neighbour = |class: &'static str, label: &'static str, link: &PostLink| {
        let (href, title) = (site.post(&link.slug), link.title.clone());
        view! {
            <p class=class>
                <span class="neighbour-label">{label}</span>
                <A href exact=true>
                    {title}
                </A>
            </p>
        }
    };
    let older = post
        .post
        .older
        .as_ref()
        .map(|older| neighbour("older", strings.previous_post, older));
    let newer = post
        .post
        .newer
        .as_ref()
        .map(|newer| neighbour("newer", strings.next_post, newer));
    // Only when it suggests some (`carnet_core::related`).
    let related = (!post.post.related.is_empty()).then(|| {
        let items = (post.post.related.iter())
            .map(|link| {
                let (href, title) = (site.post(&link.slug), link.title.clone());
                view! {
                    <li>
                        <A href exact=true>
                            {title}
                        </A>
                    </li>
                }
            })
            .collect_view();
        // After the post rather than in it: reader modes and print take the article alone. A
        // section, not an aside: a complementary landmark inside <main> is one too many.
        view! {
            <section class="related" aria-labelledby=page_ids::RELATED_POSTS>
                <h2 id=page_ids::RELATED_POSTS>{strings.related_posts}</h2>
                <ul>{items}</ul>
            </section>
        }
    });
    let summary = post.post.summary.clone();
    let tags = summary.tags.clone();
    let words = summary.words;
    view! {
        <PageMeta
            title=summary.title.clone()
            description=summary.excerpt.clone()
            path=paths::post(&summary.slug)
            published=summary.date.to_string()
            modified=summary.updated.map(|day| day.to_string())
            image=post.post.image.clone()
        />
        <article class="post">
            <header>
                <h1>{summary.title.clone()}</h1>
                <Byline post=summary on_post_page=true />
                <ReadingTime words />
                <PostTags tags />
            </header>
            <MarkdownBody html=post.html.clone() />
            <p class="comments-closed">{strings.comments_closed}</p>
        </article>
        {related}
        <nav class="neighbours" aria-label=strings.neighbours>
            {older}
            {newer}
        </nav>
    }
}
