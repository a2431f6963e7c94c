//! What a page says about itself in the document head: title, description, canonical URL and
//! OpenGraph tags, for tabs, search engines and link previews; and the blog's feed and sitemap.
//!
//! The pre-renderer writes them with leptos_meta. In the browser the head is already there,
//! pre-rendered, so a page only has to change it: a few DOM calls on the tags below, which cost
//! the app about 3 KB brotli less than leptos_meta's client (README.md, « Sizes »).

use crate::store::SharedIndex;
use carnet_core::i18n::Strings;
use leptos::prelude::*;

/// The head of a page at `path` (relative to the base, as `carnet_core::paths` gives it).
///
/// The title reads « page — Carnet », or the blog's name alone when `title` is empty. A page
/// without a `path` (the 404 page) has no canonical URL and asks not to be indexed.
#[component]
pub fn PageMeta(
    /// The page's own title.
    #[prop(into)]
    title: String,
    /// One or two sentences saying what the page holds.
    #[prop(into)]
    description: String,
    /// The page's path relative to the base; none for a page that is no real page.
    #[prop(optional, into)]
    path: Option<String>,
    /// The page is a post (OpenGraph type `article`), published on this ISO day.
    #[prop(optional, into)]
    published: Option<String>,
    /// The ISO day the post last changed, if later than `published`.
    #[prop(optional_no_strip)]
    modified: Option<String>,
    /// The image a link to the page shows in previews: a path from the site's root or a web
    /// address (`carnet_core::model::Post::image`).
    #[prop(optional_no_strip)]
    image: Option<String>,
    /// The feed of the category or tag the page lists: its title (« Catégorie : Usages ») and
    /// its URL.
    #[prop(optional_no_strip)]
    list_feed: Option<(String, String)>,
) -> impl IntoView {
    let site = &expect_context::<SharedIndex>().site;
    let strings = expect_context::<&'static Strings>();
    let head = Head {
        title: document_title(&title, &site.title),
        og_title: if title.is_empty() {
            site.title.clone()
        } else {
            title
        },
        url: path.map(|path| format!("{}{path}", site.url)),
        image: image.map(|image| {
            if image.starts_with("https://") || image.starts_with("http://") {
                image
            } else {
                format!("{}{image}", site.url)
            }
        }),
        kind: if published.is_some() {
            "article"
        } else {
            "website"
        },
        description,
        site_name: site.title.clone(),
        locale: strings.locale,
        published,
        modified,
        list_feed: list_feed.map(|(title, url)| {
            (
                format!("{} (Atom)", document_title(&title, &site.title)),
                url,
            )
        }),
    };
    head.show()
}

/// The document's title for a page titled `title` in the blog titled `blog`: « page — blog »,
/// or the blog's name alone when `title` is empty.
pub fn document_title(title: &str, blog: &str) -> String {
    if title.is_empty() {
        blog.to_owned()
    } else {
        format!("{title} — {blog}")
    }
}

/// Everything [`PageMeta`] puts in the head, worked out.
struct Head {
    /// The document's title, the blog's name included.
    title: String,
    og_title: String,
    description: String,
    /// The canonical URL, absolute; none for a page that is no real page.
    url: Option<String>,
    /// The image of link previews, absolute.
    image: Option<String>,
    /// `article` or `website`.
    kind: &'static str,
    site_name: String,
    locale: &'static str,
    /// The ISO day a post was published.
    published: Option<String>,
    /// The ISO day a post last changed.
    modified: Option<String>,
    /// The link's title (« Catégorie : Usages — Carnet (Atom) ») and the URL of the feed of
    /// the category or tag listed.
    list_feed: Option<(String, String)>,
}

#[cfg(feature = "ssr")]
impl Head {
    /// The head's tags as leptos_meta writes them into the pre-rendered page. In the body they
    /// write nothing, not even the `<!>` an absent view leaves: the browser's [`Head::show`]
    /// hydrates nothing there.
    fn show(self) -> impl IntoView {
        use crate::urls::SiteUrls;
        use leptos::either::{Either, EitherOf4};
        use leptos_meta::{Link, Meta, Title};

        let site = expect_context::<SiteUrls>();
        let feed_title = format!("{} (Atom)", self.site_name);
        let address = match (self.url, self.published, self.modified) {
            (Some(url), Some(day), Some(modified)) => EitherOf4::A(view! {
                <Link rel="canonical" href=url.clone() />
                <Meta property="og:url" content=url />
                <Meta property="article:published_time" content=day />
                <Meta property="article:modified_time" content=modified />
            }),
            (Some(url), Some(day), None) => EitherOf4::B(view! {
                <Link rel="canonical" href=url.clone() />
                <Meta property="og:url" content=url />
                <Meta property="article:published_time" content=day />
            }),
            (Some(url), None, _) => EitherOf4::C(view! {
                <Link rel="canonical" href=url.clone() />
                <Meta property="og:url" content=url />
            }),
            (None, _, _) => EitherOf4::D(view! { <Meta name="robots" content="noindex" /> }),
        };
        // Always a tag, so that the pre-rendered body has nothing where the browser's has nothing.
        let card = match self.image {
            Some(image) => Either::Left(view! {
                <Meta property="og:image" content=image />
                <Meta name="twitter:card" content="summary_large_image" />
            }),
            None => Either::Right(view! { <Meta name="twitter:card" content="summary" /> }),
        };
        // The sitemap's link in both branches, so that neither is empty.
        let links = match self.list_feed {
            Some((title, href)) => Either::Left(view! {
                <Link
                    id=carnet_core::page_ids::LIST_FEED
                    rel="alternate"
                    type_="application/atom+xml"
                    title
                    href
                />
                <Link rel="sitemap" type_="application/xml" href=site.sitemap() />
            }),
            None => Either::Right(view! {
                <Link rel="sitemap" type_="application/xml" href=site.sitemap() />
            }),
        };
        view! {
            <Title text=self.title />
            <Meta name="description" content=self.description.clone() />
            {address}
            <Meta property="og:type" content=self.kind />
            <Meta property="og:site_name" content=self.site_name />
            <Meta property="og:locale" content=self.locale />
            <Meta property="og:title" content=self.og_title />
            <Meta property="og:description" content=self.description />
            {card}
            <Link rel="alternate" type_="application/atom+xml" title=feed_title href=site.feed() />
            {links}
        }
    }
}

#[cfg(not(feature = "ssr"))]
impl Head {
    /// Makes the document's head say what this page says: the title set, each tag's value
    /// changed, added when the page before had none, taken out when this page has none. The
    /// feed and sitemap links are the same for every page: the pre-rendered head has them.
    ///
    /// In the body it is a view of no node, as the pre-rendered page has none there.
    fn show(self) -> [(); 0] {
        let Some(document) = web_sys::window().and_then(|window| window.document()) else {
            return [];
        };
        document.set_title(&self.title);
        let noindex = self.url.is_none().then_some("noindex");
        let card = match self.image {
            Some(_) => "summary_large_image",
            None => "summary",
        };
        let tags: [(&str, &str, Option<&str>); 13] = [
            ("name", "description", Some(&self.description)),
            ("rel", "canonical", self.url.as_deref()),
            ("property", "og:url", self.url.as_deref()),
            ("name", "robots", noindex),
            ("property", "og:type", Some(self.kind)),
            ("property", "og:site_name", Some(&self.site_name)),
            ("property", "og:locale", Some(self.locale)),
            ("property", "og:title", Some(&self.og_title)),
            ("property", "og:description", Some(&self.description)),
            (
                "property",
                "article:published_time",
                self.published.as_deref(),
            ),
            (
                "property",
                "article:modified_time",
                self.modified.as_deref(),
            ),
            ("property", "og:image", self.image.as_deref()),
            ("name", "twitter:card", Some(card)),
        ];
        for (key, name, value) in tags {
            set_tag(&document, key, name, value);
        }
        show_list_feed(&document, self.list_feed.as_ref());
        []
    }
}

/// Gives the head the link to the feed of the category or tag listed (`title` and URL), or
/// takes it out.
#[cfg(not(feature = "ssr"))]
fn show_list_feed(document: &web_sys::Document, feed: Option<&(String, String)>) {
    let found = document.get_element_by_id(carnet_core::page_ids::LIST_FEED);
    let link = match (found, feed) {
        (Some(link), Some(_)) => link,
        (Some(link), None) => return link.remove(),
        (None, Some(_)) => {
            let head = document.query_selector("head").ok().flatten();
            let Some((head, link)) = head.zip(document.create_element("link").ok()) else {
                return;
            };
            let _ = link.set_attribute("id", carnet_core::page_ids::LIST_FEED);
            let _ = link.set_attribute("rel", "alternate");
            let _ = link.set_attribute("type", "application/atom+xml");
            let _ = head.append_child(&link);
            link
        }
        (None, None) => return,
    };
    if let Some((title, href)) = feed {
        let _ = link.set_attribute("title", title);
        let _ = link.set_attribute("href", href);
    }
}

/// Gives the head's tag whose `key` is `name` (`<meta property="og:url">`, `<link
/// rel="canonical">`) the value `value`: the tag made when there is none, removed when `value`
/// is none. A `<link rel>` holds its value in `href`, a `<meta name>` or `<meta property>` in
/// `content`.
#[cfg(not(feature = "ssr"))]
fn set_tag(document: &web_sys::Document, key: &str, name: &str, value: Option<&str>) {
    let (tag_name, attribute) = match key {
        "rel" => ("link", "href"),
        _ => ("meta", "content"),
    };
    let selector = [tag_name, "[", key, "=\"", name, "\"]"].concat();
    let found = document.query_selector(&selector).ok().flatten();
    match (found, value) {
        (Some(tag), Some(value)) => {
            if tag.get_attribute(attribute).as_deref() != Some(value) {
                let _ = tag.set_attribute(attribute, value);
            }
        }
        (Some(tag), None) => tag.remove(),
        (None, Some(value)) => {
            let head = document.query_selector("head").ok().flatten();
            if let (Some(head), Ok(tag)) = (head, document.create_element(tag_name)) {
                let _ = tag.set_attribute(key, name);
                let _ = tag.set_attribute(attribute, value);
                let _ = head.append_child(&tag);
            }
        }
        (None, None) => {}
    }
}
