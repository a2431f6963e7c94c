//! Pre-rendering (feature `ssr`): every page of the blog as a static HTML file, drawn natively
//! by the app's own components, so the wasm can later hydrate exactly what was rendered.
//!
//! Each page is Trunk's `index.html` with, in the head, the page's title and meta tags (between
//! [`HEAD_START`] and [`HEAD_END`]) and its [`PageData`]; in the body, the rendered app.

use crate::page_data::{to_script, HEAD_END, HEAD_START};
use crate::site::Site;
use crate::store::{Blog, PostBodies};
use crate::App;
use carnet_core::archive::page_count;
use carnet_core::content;
use carnet_core::model::{PageData, PostBody};
use carnet_core::paths;
use futures::StreamExt;
use hydration_context::{SharedContext, SsrSharedContext};
use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;
use leptos_meta::ServerMetaContext;
use leptos_router::location::RequestUrl;
use std::sync::Arc;

/// One page, ready to be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenderedPage {
    /// Where it goes, relative to the site folder: `index.html`, `posts/<slug>/index.html`…
    pub file: String,
    /// The whole document.
    pub html: String,
}

/// Renders every page of `blog`, served under `base`, into Trunk's `template` page.
pub fn render_site(
    blog: &content::Blog,
    base: &str,
    template: &str,
) -> Result<Vec<RenderedPage>, String> {
    let template = Template::new(template)?;
    let site = Site::new(base);
    let manifest = &blog.manifest;

    let mut pages: Vec<(String, Vec<PostBody>)> = Vec::new();
    let mut list = |first: &str, total: usize| {
        for number in 1..=page_count(total) {
            pages.push((paths::list_page(first, number), Vec::new()));
        }
    };
    list(paths::HOME, manifest.posts.len());
    for entry in &manifest.categories {
        list(&paths::category(&entry.category.slug), entry.count);
    }
    for entry in &manifest.months {
        list(&paths::month(entry.month), entry.count);
    }
    pages.push((paths::ARCHIVE.to_owned(), Vec::new()));
    for (post, body) in manifest.posts.iter().zip(&blog.bodies) {
        pages.push((paths::post(&post.slug), vec![body.clone()]));
    }
    pages.push((paths::NOT_FOUND.to_owned(), Vec::new()));

    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|error| format!("cannot start the renderer: {error}"))?;
    let local = tokio::task::LocalSet::new();
    local.block_on(&runtime, async {
        // Already set when rendering twice in one process: that is fine.
        let _ = any_spawner::Executor::init_tokio();
        let mut rendered = Vec::with_capacity(pages.len());
        for (path, bodies) in pages {
            let data = PageData {
                manifest: manifest.clone(),
                bodies,
            };
            let url = site.page(&path);
            let (head, body) = render_page(&site, &data, &url).await;
            let file = if path.ends_with('/') || path.is_empty() {
                format!("{path}index.html")
            } else {
                path
            };
            rendered.push(RenderedPage {
                file,
                html: template.fill(&head, &to_script(&data, &url), &body),
            });
        }
        Ok(rendered)
    })
}

/// Renders the app at `url`: the head's tags, and the body.
async fn render_page(site: &Site, data: &PageData, url: &str) -> (String, String) {
    let shared = Arc::new(SsrSharedContext::new());
    let owner = Owner::new_root(Some(shared.clone()));
    let (meta_output, stream) = owner.with(|| {
        provide_context(RequestUrl::new(url));
        let (meta, meta_output) = ServerMetaContext::new();
        provide_context(meta);
        provide_context(site.clone());
        let bodies = PostBodies::new(site.clone());
        for body in &data.bodies {
            bodies.insert(body);
        }
        provide_context(bodies);
        provide_context(Blog::new(data.manifest.clone()));
        (meta_output, view! { <App /> }.to_html_stream_in_order())
    });
    // leptos_meta puts the head's tags after this marker, in the first chunk.
    let head = futures::stream::iter([format!("<head>{HEAD_START}</head>")]);
    let stream = Box::pin(head.chain(stream));
    let html: String = meta_output
        .inject_meta_context(stream)
        .await
        .collect::<Vec<_>>()
        .await
        .concat();
    let (head, body) = html
        .strip_prefix("<head>")
        .and_then(|rest| rest.split_once("</head>"))
        .expect("the first chunk is the head");
    let mut body = body.to_owned();
    if let Some(mut pending) = shared.pending_data() {
        let mut script = String::new();
        while let Some(chunk) = pending.next().await {
            script.push_str(&chunk);
        }
        body.push_str(&format!("<script>{script}</script>"));
    }
    drop(owner);
    (format!("{head}{HEAD_END}"), body)
}

/// Trunk's `index.html`, cut where the pre-rendered parts go.
struct Template<'a> {
    before_head_end: &'a str,
    between: &'a str,
    after_body_start: &'a str,
}

impl<'a> Template<'a> {
    fn new(html: &'a str) -> Result<Template<'a>, String> {
        // The page's own <title> gives way to the rendered one.
        let head_end = html.find("</head>").ok_or("the page has no </head>")?;
        let body_tag = html[head_end..]
            .find("<body")
            .ok_or("the page has no <body>")?
            + head_end;
        let body_start = html[body_tag..]
            .find('>')
            .ok_or("the <body> tag is not closed")?
            + body_tag
            + 1;
        Ok(Template {
            before_head_end: &html[..head_end],
            between: &html[head_end..body_start],
            after_body_start: &html[body_start..],
        })
    }

    fn fill(&self, head: &str, data: &str, body: &str) -> String {
        let before = strip_title(self.before_head_end);
        format!(
            "{before}{head}{data}{}{body}{}",
            self.between, self.after_body_start
        )
    }
}

/// `html` without its first `<title>…</title>`.
fn strip_title(html: &str) -> String {
    match (html.find("<title>"), html.find("</title>")) {
        (Some(start), Some(end)) if start < end => {
            format!("{}{}", &html[..start], &html[end + "</title>".len()..])
        }
        _ => html.to_owned(),
    }
}
