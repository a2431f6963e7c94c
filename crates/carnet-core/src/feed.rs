//! The files a blog publishes for machines: an Atom feed and a sitemap.
//!
//! Both need absolute URLs, so both take the site's public URL (`https://example.org/blog/`).
//! They are plain strings built here, escaped by [`escape`], and checked by a real XML parser
//! in the content tool's tests.

use crate::archive::page_count;
use crate::content::Blog;
use crate::markdown;
use crate::model::Manifest;
use crate::paths;
use std::fmt::Write;

/// How many posts the feed carries, newest first.
pub const FEED_ENTRIES: usize = 20;

/// Where the feed lives, relative to the base.
pub const FEED_PATH: &str = "feed.xml";

/// Where the sitemap lives, relative to the base.
pub const SITEMAP_PATH: &str = "sitemap.xml";

/// Escapes text for XML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0 at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// `site_url` with exactly one trailing slash.
fn root(site_url: &str) -> String {
    format!("{}/", site_url.trim_end_matches('/'))
}

/// The Atom feed of the newest [`FEED_ENTRIES`] posts, with their full HTML.
pub fn atom(blog: &Blog, site_url: &str) -> String {
    let root = root(site_url);
    let manifest = &blog.manifest;
    let updated = manifest
        .posts
        .first()
        .map_or("1970-01-01".to_owned(), |p| p.date.to_string());
    let mut xml = String::new();
    let _ = write!(
        xml,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"fr\">\n\
         <title>{title}</title>\n\
         <subtitle>{subtitle}</subtitle>\n\
         <link href=\"{root}\"/>\n\
         <link rel=\"self\" type=\"application/atom+xml\" href=\"{root}{FEED_PATH}\"/>\n\
         <id>{root}</id>\n\
         <updated>{updated}T00:00:00Z</updated>\n",
        title = escape(&manifest.site.title),
        subtitle = escape(&manifest.site.description),
        root = escape(&root),
    );
    for (post, body) in manifest.posts.iter().zip(&blog.bodies).take(FEED_ENTRIES) {
        let url = format!("{root}{}", paths::post(&post.slug));
        // Site-absolute links become absolute URLs: a feed is read away from the site.
        let html = markdown::to_html(&body.markdown, &root);
        let _ = write!(
            xml,
            "<entry>\n\
             <title>{title}</title>\n\
             <link href=\"{url}\"/>\n\
             <id>{url}</id>\n\
             <published>{date}T00:00:00Z</published>\n\
             <updated>{date}T00:00:00Z</updated>\n\
             <author><name>{author}</name></author>\n\
             <category term=\"{category_slug}\" label=\"{category}\"/>\n\
             <summary>{summary}</summary>\n\
             <content type=\"html\">{content}</content>\n\
             </entry>\n",
            title = escape(&post.title),
            url = escape(&url),
            date = post.date,
            author = escape(&post.author),
            category_slug = escape(&post.category.slug),
            category = escape(&post.category.name),
            summary = escape(&post.excerpt),
            content = escape(&html),
        );
    }
    xml.push_str("</feed>\n");
    xml
}

/// The sitemap: every page of the site, with the date of its newest post where it has one.
pub fn sitemap(manifest: &Manifest, site_url: &str) -> String {
    let root = root(site_url);
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut url = |path: &str, lastmod: Option<crate::Date>| {
        let _ = write!(xml, "<url><loc>{}</loc>", escape(&format!("{root}{path}")));
        if let Some(date) = lastmod {
            let _ = write!(xml, "<lastmod>{date}</lastmod>");
        }
        xml.push_str("</url>\n");
    };
    let mut list = |first: &str, total: usize, lastmod: Option<crate::Date>| {
        for number in 1..=page_count(total) {
            url(&paths::list_page(first, number), lastmod);
        }
    };
    list(
        paths::HOME,
        manifest.posts.len(),
        newest(manifest.posts.iter()),
    );
    for entry in &manifest.categories {
        let slug = &entry.category.slug;
        list(
            &paths::category(slug),
            entry.count,
            newest(manifest.posts_in_category(slug)),
        );
    }
    for entry in &manifest.months {
        list(
            &paths::month(entry.month),
            entry.count,
            newest(manifest.posts_in_month(entry.month)),
        );
    }
    url(paths::ARCHIVE, newest(manifest.posts.iter()));
    for post in &manifest.posts {
        url(&paths::post(&post.slug), Some(post.date));
    }
    xml.push_str("</urlset>\n");
    xml
}

/// The date of the first of `posts`, which come newest first.
fn newest<'a>(mut posts: impl Iterator<Item = &'a crate::PostSummary>) -> Option<crate::Date> {
    posts.next().map(|post| post.date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{build, SourceFile};

    fn blog() -> Blog {
        let post = |path: &str, title: &str, date: &str, category: &str| SourceFile {
            path: path.into(),
            text: format!(
                "+++\ntitle = \"{title}\"\ndate = {date}\ncategory = \"{category}\"\n+++\n\n\
                 Texte & <b>gras</b> ![i](/images/i.svg)\n"
            ),
        };
        build(
            None,
            &[
                post("a.md", "Un & deux <trois>", "2009-10-06", "Actus"),
                post("b.md", "Second", "2009-03-10", "Réseaux sociaux"),
            ],
        )
        .unwrap()
    }

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(
            escape("a & <b> \"c\" 'd'\u{1}"),
            "a &amp; &lt;b&gt; &quot;c&quot; &apos;d&apos;"
        );
    }

    #[test]
    fn atom_has_absolute_urls_dates_and_escaped_content() {
        let xml = atom(&blog(), "https://example.org/blog");
        assert!(xml.contains("<id>https://example.org/blog/</id>"), "{xml}");
        assert!(
            xml.contains("<updated>2009-10-06T00:00:00Z</updated>"),
            "{xml}"
        );
        assert!(
            xml.contains("<title>Un &amp; deux &lt;trois&gt;</title>"),
            "{xml}"
        );
        assert!(
            xml.contains("<link href=\"https://example.org/blog/posts/un-deux-trois/\"/>"),
            "{xml}"
        );
        assert!(
            xml.contains("<published>2009-03-10T00:00:00Z</published>"),
            "{xml}"
        );
        assert!(
            xml.contains("src=&quot;https://example.org/blog/images/i.svg&quot;"),
            "{xml}"
        );
        assert!(
            xml.contains("Texte &amp;amp; &amp;lt;b&amp;gt;gras"),
            "{xml}"
        );
        assert_eq!(xml.matches("<entry>").count(), 2);
    }

    #[test]
    fn sitemap_lists_every_page_once() {
        let xml = sitemap(&blog().manifest, "https://example.org/");
        for loc in [
            "https://example.org/",
            "https://example.org/posts/un-deux-trois/",
            "https://example.org/posts/second/",
            "https://example.org/category/actus/",
            "https://example.org/category/reseaux-sociaux/",
            "https://example.org/archive/",
            "https://example.org/archive/2009/10/",
            "https://example.org/archive/2009/03/",
        ] {
            assert_eq!(
                xml.matches(&format!("<loc>{loc}</loc>")).count(),
                1,
                "{loc} in {xml}"
            );
        }
        assert_eq!(xml.matches("<url>").count(), 8);
        assert!(xml.contains(
            "<loc>https://example.org/category/actus/</loc><lastmod>2009-10-06</lastmod>"
        ));
    }
}
