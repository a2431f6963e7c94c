//! Pre-rendering: a page of the blog as a static HTML file, drawn natively by the app's own
//! components (the app built with its `ssr` feature), set up as the browser sets them up
//! ([`provide_app_context`]), so the wasm can later hydrate exactly what was rendered. The build
//! asks a [`Prerenderer`] for each page in turn (`carnet_core::Blog::pages`), writing it with its
//! data, so a big blog is never held in memory as HTML.
//!
//! Each page is Trunk's `index.html` with, in the head, its Content Security Policy, the rules of
//! the site's stylesheet the page uses, the page's title and meta tags (between [`HEAD_START`]
//! and [`HEAD_END`]); in the body, the rendered app, then its [`PageData`], then the link to the
//! whole stylesheet ([`Stylesheet`]).

use crate::stylesheet::Stylesheet;
use carnet::app::provide_app_context;
use carnet::page_data::{to_script, HEAD_END, HEAD_START, SCRIPT_ID};
use carnet::urls::SiteUrls;
use carnet::App;
use carnet_core::model::PageData;
use futures::StreamExt;
use hydration_context::{SharedContext, SsrSharedContext};
use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;
use leptos_meta::ServerMetaContext;
use leptos_router::location::RequestUrl;
use std::sync::Arc;

/// Draws pages into Trunk's `index.html`, one at a time.
pub struct Prerenderer {
    template: Template,
    stylesheet: Stylesheet,
    site: SiteUrls,
    // Fields drop in order: tasks left in the set go while their runtime still stands.
    local: tokio::task::LocalSet,
    runtime: tokio::runtime::Runtime,
}

impl Prerenderer {
    /// A renderer of pages served under `base`, into Trunk's `template` page, whose `<body>`
    /// must hold nothing but scripts (`trunk serve` puts its live-reload client there): the
    /// page is rendered before them, where hydration looks for it. `stylesheet` is the one taken
    /// out of the template's head: each page carries the rules it uses in its head, and links the
    /// whole at the end of its body.
    pub fn new(template: &str, base: &str, stylesheet: Stylesheet) -> Result<Prerenderer, String> {
        let template = Template::new(&with_settled_live_reload(template, base))?;
        if !only_scripts(&template.after_body_start).starts_with("</body>") {
            return Err(
                "the <body> of index.html must hold nothing but scripts: pages are rendered into it"
                    .into(),
            );
        }
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .map_err(|error| format!("cannot start the renderer: {error}"))?;
        let local = tokio::task::LocalSet::new();
        // Already set when a process makes two renderers: that is fine.
        local.block_on(&runtime, async {
            let _ = any_spawner::Executor::init_tokio();
        });
        Ok(Prerenderer {
            template,
            stylesheet,
            site: SiteUrls::new(base),
            local,
            runtime,
        })
    }

    /// The whole HTML page at `path` (relative to the base: `""`, `posts/<slug>/`,
    /// `404.html`…), showing `data` and embedding it, `index` being the stamp of `data.index`
    /// ([`carnet_core::model::index_stamp`]).
    pub fn render(&self, path: &str, data: &PageData, index: &str) -> String {
        let url = self.site.page(path);
        let (head, body) = self
            .local
            .block_on(&self.runtime, render_page(&self.site, data, &url));
        let style = self.stylesheet.for_page(&body);
        // The index the app needs to take the page over, fetched with the page rather than
        // once the wasm has started (`crossorigin`: as the app's `fetch` asks for it, so that
        // the browser hands it the preloaded answer).
        let preload = format!(
            r#"<link rel="preload" href="{}" as="fetch" crossorigin>"#,
            self.site.index_url()
        );
        // Among the page's own tags, which a build over this page takes out again.
        let head = head.replacen(HEAD_START, &format!("{HEAD_START}{preload}"), 1);
        let head = match style.is_empty() {
            true => head,
            false => format!("<style>{style}</style>{head}"),
        };
        let after_body = format!(
            "{}{}",
            to_script(data, &url, index),
            self.stylesheet.links()
        );
        let page = self.template.fill(&head, &after_body, &body);
        with_content_security_policy(&with_language(&page, data.index.site.language.code()))
    }
}

/// `page` with its `<html lang>` set to `code`, the blog's language, so that browsers, screen
/// readers and search engines read it as such (Trunk's `index.html` says `fr`).
fn with_language(page: &str, code: &str) -> String {
    let Some(start) = page.find("<html") else {
        return page.to_owned();
    };
    let Some(end) = page[start..].find('>').map(|end| start + end) else {
        return page.to_owned();
    };
    let tag = &page[start..end];
    let tag = match tag.find(" lang=\"") {
        Some(at) => {
            let value = at + " lang=\"".len();
            match tag[value..].find('"') {
                Some(close) => format!("{}{code}{}", &tag[..value], &tag[value + close..]),
                None => tag.to_owned(),
            }
        }
        None => format!("{tag} lang=\"{code}\""),
    };
    format!("{}{tag}{}", &page[..start], &page[end..])
}

/// The start of the Content Security Policy's `<meta>`, which the pre-renderer writes first in
/// every page's head.
const CSP_START: &str = r#"<meta http-equiv="Content-Security-Policy" content=""#;

/// `page` with its Content Security Policy at the start of its head: scripts only from the site (and
/// the page's own inline scripts, by their hashes: Trunk's loader, Leptos's hydration data),
/// WebAssembly allowed, workers (the search's) from the site, styles from the site and the
/// head's own (the stylesheet, inlined: `crate::stylesheet`), images from the site (also as
/// `data:`), no plugins, frames or `<base>` from elsewhere. Nothing a post holds can run or
/// restyle the page, even if the HTML allow-list let something through.
fn with_content_security_policy(page: &str) -> String {
    let scripts = hashes(inline_scripts(page));
    let head = &page[..page.find("</head>").unwrap_or(page.len())];
    let styles = hashes(inline_elements(head, "style").map(|(_, text)| text));
    let policy = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{scripts}; \
         style-src 'self'{styles}; img-src 'self' data:; object-src 'none'; base-uri 'self'; \
         frame-src 'none'; worker-src 'self'; form-action 'self'"
    );
    // Right after the charset, which must come first, else first in the head.
    let after = |tag: &str| {
        let start = page.find(tag)?;
        Some(start + page[start..].find('>')? + 1)
    };
    let Some(at) = after("<meta charset").or_else(|| after("<head")) else {
        return page.to_owned();
    };
    format!("{}{CSP_START}{policy}\">{}", &page[..at], &page[at..])
}

/// The sources of a policy allowing `texts`: ` 'sha256-…'` each.
fn hashes<'a>(texts: impl Iterator<Item = &'a str>) -> String {
    use base64::Engine;
    use sha2::{Digest, Sha256};
    texts
        .map(|text| {
            let digest = Sha256::digest(text.as_bytes());
            format!(
                " 'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            )
        })
        .collect()
}

/// The text of every script in `page` that a browser would run inline: `<script>` elements
/// without a `src`, of no type or a JavaScript one.
fn inline_scripts(page: &str) -> impl Iterator<Item = &str> {
    inline_elements(page, "script").filter_map(|(tag, text)| {
        let data = tag.contains("type=\"application/json\"") || tag.contains(" src=");
        (!data).then_some(text)
    })
}

/// Each `<name>` element of `html`: its opening tag and its text.
fn inline_elements<'a>(html: &'a str, name: &str) -> impl Iterator<Item = (&'a str, &'a str)> {
    let (open, close) = (format!("<{name}"), format!("</{name}>"));
    let starts: Vec<usize> = html.match_indices(&open).map(|(at, _)| at).collect();
    starts.into_iter().filter_map(move |at| {
        let after_name = html[at + open.len()..].chars().next()?;
        if !(after_name == '>' || after_name.is_ascii_whitespace()) {
            return None;
        }
        let tag_end = at + html[at..].find('>')?;
        let content_end = tag_end + 1 + html[tag_end + 1..].find(&close)?;
        Some((&html[at..tag_end], &html[tag_end + 1..content_end]))
    })
}

/// `template` with the placeholders of `trunk serve`'s live-reload client filled in.
///
/// `trunk serve` fills `{{__TRUNK_ADDRESS__}}` with the address each request came to, which
/// would change the script after its hash went into the Content Security Policy, and the
/// browser would block it. The browser knows that address itself (`location.host`), and the
/// base is the site's: filled in here, the script is the same for every request.
fn with_settled_live_reload(template: &str, base: &str) -> String {
    let base = serde_json::to_string(base).expect("a string serialises");
    template
        .replace("'{{__TRUNK_ADDRESS__}}'", "window.location.host")
        .replace("'{{__TRUNK_WS_BASE__}}'", &base)
}

/// How long the run of `<link …>` tags `html` starts with is: after the embedded data, those
/// are the stylesheet's.
fn stylesheet_links(html: &str) -> usize {
    let mut length = 0;
    while html[length..].starts_with("<link") {
        match html[length..].find('>') {
            Some(end) => length += end + 1,
            None => break,
        }
    }
    length
}

/// `html` from its start on, without the `<script>` elements and spaces it starts with.
fn only_scripts(html: &str) -> &str {
    let mut rest = html.trim_start();
    while rest.starts_with("<script") {
        match rest.find("</script>") {
            Some(end) => rest = rest[end + "</script>".len()..].trim_start(),
            None => break,
        }
    }
    rest
}

/// The file the page at `path` is written to, relative to the site folder: `index.html`,
/// `posts/<slug>/index.html`, `404.html`…
pub fn page_file(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_owned()
    }
}

/// Renders the app at `url`: the head's tags, and the body.
async fn render_page(site: &SiteUrls, data: &PageData, url: &str) -> (String, String) {
    let shared = Arc::new(SsrSharedContext::new());
    let owner = Owner::new_root(Some(shared.clone()));
    let (meta_output, stream) = owner.with(|| {
        provide_context(RequestUrl::new(url));
        let (meta, meta_output) = ServerMetaContext::new();
        provide_context(meta);
        provide_app_context(
            site.clone(),
            data.index.site.language,
            Some(Ok(data.clone())),
        );
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

/// Trunk's page from `html`: `html` itself, or, if it is a page pre-rendered from it, that page
/// without what the pre-renderer added (the head's tags, the embedded data, the body).
pub fn trunk_page(html: &str) -> Result<String, String> {
    if !html.contains(&format!(r#"<script id="{SCRIPT_ID}""#)) {
        return Ok(html.to_owned());
    }
    let cut = |html: &str, start: &str, end: &str| -> Result<String, String> {
        let from = html.find(start).ok_or(format!("no {start} in the page"))?;
        let to = html[from..]
            .find(end)
            .ok_or(format!("no {end} after {start} in the page"))?
            + from
            + end.len();
        Ok(format!("{}{}", &html[..from], &html[to..]))
    };
    // Pages pre-rendered before Carnet wrote a policy have none.
    let html = match html.contains(CSP_START) {
        true => cut(html, CSP_START, ">")?,
        false => html.to_owned(),
    };
    // The links to the stylesheet that follow the embedded data go back where Trunk's head
    // had them, as far as the template's readers can tell: in the head.
    let data = format!(r#"<script id="{SCRIPT_ID}""#);
    let data_start = html.find(&data).ok_or(format!("no {data} in the page"))?;
    let data_end = html[data_start..]
        .find("</script>")
        .map(|end| data_start + end + "</script>".len())
        .ok_or(format!("no </script> after {data} in the page"))?;
    let links_end = data_end + stylesheet_links(&html[data_end..]);
    let links = &html[data_end..links_end];
    let html = format!("{}{}", &html[..data_start], &html[links_end..]);
    // The page's rules of the stylesheet, if any, come right before the marked tags.
    let tags = html
        .find(HEAD_START)
        .ok_or(format!("no {HEAD_START} in the page"))?;
    let start = match html[..tags].ends_with("</style>") {
        true => html[..tags].rfind("<style>").unwrap_or(tags),
        false => tags,
    };
    let html = format!("{}{}", &html[..start], &html[tags..]);
    let html = cut(&html, HEAD_START, HEAD_END)?;
    let html = html.replacen("</head>", &format!("{links}</head>"), 1);
    let template = Template::new(&html)?;
    let body_end = template
        .after_body_start
        .rfind("</body>")
        .ok_or("the page has no </body>")?;
    Ok(format!(
        "{}{}{}",
        template.before_head_end,
        template.between,
        &template.after_body_start[body_end..]
    ))
}

/// Trunk's `index.html`, cut where the pre-rendered parts go.
struct Template {
    before_head_end: String,
    between: String,
    after_body_start: String,
}

impl Template {
    fn new(html: &str) -> Result<Template, String> {
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
            before_head_end: without_comments(&strip_title(&html[..head_end])),
            between: html[head_end..body_start].to_owned(),
            after_body_start: html[body_start..].to_owned(),
        })
    }

    /// The page: `head`'s tags in the head, then the rendered `body`, then the embedded `data`,
    /// last so that none of its bytes come before the text (the app reads it once the page is
    /// parsed).
    fn fill(&self, head: &str, data: &str, body: &str) -> String {
        format!(
            "{}{head}{}{body}{data}{}",
            self.before_head_end, self.between, self.after_body_start
        )
    }
}

/// `html` without its comments: `index.html`'s notes to its readers, which every page would
/// otherwise carry (420 bytes a page).
fn without_comments(html: &str) -> String {
    let mut kept = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<!--") {
        let Some(end) = rest[start..].find("-->") else {
            break;
        };
        kept.push_str(rest[..start].trim_end_matches([' ', '\t']));
        rest = &rest[start + end + "-->".len()..];
        rest = rest.strip_prefix('\n').unwrap_or(rest);
    }
    kept.push_str(rest);
    kept
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

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<!DOCTYPE html><html><head><meta charset=\"utf-8\">\
        <script type=\"module\">init()</script>\
        <script id=\"carnet-data\" type=\"application/json\">{}</script>\
        <script src=\"/a.js\"></script></head><body><p>x</p><script>x</script></body></html>";

    #[test]
    fn the_policy_comes_first_and_allows_only_the_pages_own_inline_scripts() {
        let page = with_content_security_policy(PAGE);
        assert!(
            page.starts_with(&format!(
                "<!DOCTYPE html><html><head><meta charset=\"utf-8\">{CSP_START}"
            )),
            "{page}"
        );
        assert_eq!(page.matches("Content-Security-Policy").count(), 1);
        // `printf 'init()' | openssl dgst -sha256 -binary | base64`, and the same for `x`.
        assert!(page.contains(
            "script-src 'self' 'wasm-unsafe-eval' \
             'sha256-w4ujnOpjBoH2vcasx+reJRUwYivG8Q3afx/XevGJod8=' \
             'sha256-LXEWQrcmsEQBYnyp+6wy9chTD7GQPMTbAiWHF5IaSIE=';"
        ));
        for directive in [
            "default-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "object-src 'none'",
            "base-uri 'self'",
            "frame-src 'none'",
            "worker-src 'self'",
        ] {
            assert!(page.contains(directive), "{directive}");
        }
        assert!(!page.contains("unsafe-inline"));
    }

    #[test]
    fn the_policy_allows_the_heads_own_styles_only() {
        let page = with_content_security_policy(
            "<html><head><meta charset=\"utf-8\"><style>a{color:red}</style></head>\
             <body><style>p{color:blue}</style></body></html>",
        );
        // `printf 'a{color:red}' | openssl dgst -sha256 -binary | base64`
        assert!(
            page.contains(
                "style-src 'self' 'sha256-6hWWMOcF+mJesSJGYhmK2lkIIEw9Xc5XKGLPVzh8yxs=';"
            ),
            "{page}"
        );
        // The body's would be a post's, let through by mistake: it must not apply.
        assert!(!page.contains("O3MD3BNalwJODrH2e1G"), "{page}");
    }

    #[test]
    fn pages_render_before_the_live_reload_client_of_trunk_serve() {
        // `trunk serve` writes its client first in the body; the pre-renderer refused such a
        // page, so `scripts/serve` failed on every build.
        let template = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head>\
            <body><script>\"use strict\"; reload()</script></body></html>";
        assert!(Prerenderer::new(template, "/", Stylesheet::default()).is_ok());
        let filled = Template::new(template)
            .expect("a template")
            .fill("", "", "<p>page</p>");
        assert!(
            filled.contains("<body><p>page</p><script>\"use strict\"; reload()</script></body>"),
            "{filled}"
        );
        let page = with_content_security_policy(&filled);
        // `printf '"use strict"; reload()' | openssl dgst -sha256 -binary | base64`
        assert!(
            page.contains("'sha256-2XMPyQVKycjDRgawGkDq7RiyH9ksqb14ClNxDJv3mYs='"),
            "{page}"
        );
        assert!(Prerenderer::new(
            "<html><head></head><body><p>x</p></body></html>",
            "/",
            Stylesheet::default()
        )
        .is_err());
    }

    #[test]
    fn the_embedded_data_comes_after_the_text() {
        let template = "<html><head><meta charset=\"utf-8\"></head>\
            <body><script>reload()</script></body></html>";
        let data = "<script id=\"carnet-data\" type=\"application/json\">{}</script>";
        let filled = Template::new(template).expect("a template").fill(
            "<title>T</title>",
            data,
            "<main>text</main>",
        );
        assert_eq!(
            filled,
            format!(
                "<html><head><meta charset=\"utf-8\"><title>T</title></head>\
                 <body><main>text</main>{data}<script>reload()</script></body></html>"
            )
        );
    }

    #[test]
    fn the_head_loses_index_htmls_comments() {
        let template = "<html><head>\n  <meta charset=\"utf-8\">\n  <!-- The base.\n  -->\n  \
            <meta name=\"a\">\n  <!-- unclosed</head><body><!-- kept --></body></html>";
        let filled = Template::new(template)
            .expect("a template")
            .fill("", "", "");
        assert_eq!(
            filled,
            "<html><head>\n  <meta charset=\"utf-8\">\n  <meta name=\"a\">\n  \
             <!-- unclosed</head><body><!-- kept --></body></html>"
        );
    }

    #[test]
    fn the_page_says_the_blogs_language() {
        let page = "<!DOCTYPE html>\n<html lang=\"fr\"><head></head><body></body></html>";
        assert_eq!(
            with_language(page, "en"),
            "<!DOCTYPE html>\n<html lang=\"en\"><head></head><body></body></html>"
        );
        assert_eq!(with_language(page, "fr"), page);
        assert_eq!(
            with_language("<html><body></body></html>", "en"),
            "<html lang=\"en\"><body></body></html>"
        );
    }

    #[test]
    fn trunks_page_comes_back_without_the_policy() {
        let template = "<!DOCTYPE html><html><head><meta charset=\"utf-8\">\
            <script type=\"module\">init()</script></head><body></body></html>";
        let filled = Template::new(template).expect("a template").fill(
            &format!("{HEAD_START}<title>T</title>{HEAD_END}"),
            &format!("<script id=\"{SCRIPT_ID}\" type=\"application/json\">{{}}</script>"),
            "<p>x</p>",
        );
        let page = with_content_security_policy(&filled);
        assert_eq!(page.matches(CSP_START).count(), 1, "{page}");
        assert_eq!(trunk_page(&page).as_deref(), Ok(template));
    }

    #[test]
    fn trunks_page_gets_its_stylesheets_link_back_in_its_head() {
        let link = "<link rel=\"stylesheet\" href=\"/style-1a.css\"/>";
        let template = format!(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\">{link}</head><body></body></html>"
        );
        // As `Prerenderer::render` fills it: the page's rules in the head, the link after the data.
        let filled = Template::new(&template.replace(link, ""))
            .expect("a template")
            .fill(
                &format!("<style>p{{a:b}}</style>{HEAD_START}<title>T</title>{HEAD_END}"),
                &format!(
                    "<script id=\"{SCRIPT_ID}\" type=\"application/json\">{{}}</script>{link}"
                ),
                "<p>x</p>",
            );
        let page = with_content_security_policy(&filled);
        assert_eq!(trunk_page(&page), Ok(template));
    }
}
