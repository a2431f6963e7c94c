//! The files a blog publishes for machines: an Atom feed and a sitemap.
//!
//! Both need absolute URLs, so both take the site's public URL (`https://example.org/blog/`).
//! They are plain strings built here, escaped by [`escape`], and checked by a real XML parser
//! in the content tool's tests.

use crate::content::Blog;
use crate::date::{Date, LocalTime};
use crate::markdown;
use crate::paths;
use crate::sanitize::escape;
use std::fmt::Write;

/// How many posts the feed carries, newest first, unless `site.toml` says otherwise.
pub const DEFAULT_FEED_LENGTH: usize = 20;

/// Where the feed lives, relative to the base.
pub const FEED_PATH: &str = "feed.xml";

/// Where the sitemap lives, relative to the base.
pub const SITEMAP_PATH: &str = "sitemap.xml";

/// When a post was published or changed, as Atom writes it (RFC 3339): its day, with the time
/// and offset its front matter gave, else at noon UTC, which every time zone from UTC−12 to
/// UTC+11 sees on that same day (at midnight UTC, a reader in New York saw the day before).
#[derive(Clone, Copy, Debug)]
struct Moment {
    day: Date,
    time: Option<LocalTime>,
}

impl Moment {
    const NOON: LocalTime = LocalTime {
        seconds: 12 * 3600,
        offset_minutes: 0,
    };

    fn new(day: Date, time: Option<LocalTime>) -> Moment {
        Moment { day, time }
    }

    /// Seconds since 1970-01-01T00:00:00Z: which of two moments is later.
    fn utc_seconds(self) -> i64 {
        let time = self.time.unwrap_or(Moment::NOON);
        self.day.days_since_epoch() * 86_400 + i64::from(time.seconds)
            - i64::from(time.offset_minutes) * 60
    }
}

impl std::fmt::Display for Moment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let time = self.time.unwrap_or(Moment::NOON);
        let s = time.seconds;
        write!(
            f,
            "{}T{:02}:{:02}:{:02}",
            self.day,
            s / 3600,
            s / 60 % 60,
            s % 60
        )?;
        match time.offset_minutes {
            0 => f.write_str("Z"),
            minutes => {
                let sign = if minutes < 0 { '-' } else { '+' };
                let minutes = minutes.abs();
                write!(f, "{sign}{:02}:{:02}", minutes / 60, minutes % 60)
            }
        }
    }
}

/// `site_url` with exactly one trailing slash.
fn root(site_url: &str) -> String {
    format!("{}/", site_url.trim_end_matches('/'))
}

/// The URL under which `page_of` puts its pages (`https://example.org/tag/`): an Atom category's
/// scheme.
fn scheme(root: &str, page_of: fn(&str) -> String) -> String {
    let page = page_of("");
    format!("{root}{}", page.strip_suffix('/').unwrap_or(&page))
}

/// The Atom feed of the newest [`Blog::feed_length`] posts, with their full HTML.
pub fn atom(blog: &Blog, site_url: &str) -> String {
    blog_feed(blog).atom(blog, &root(site_url))
}

/// The blog's own feed: its newest posts.
fn blog_feed(blog: &Blog) -> Feed {
    let site = &blog.manifest.site;
    Feed {
        title: site.title.clone(),
        subtitle: site.description.clone(),
        page: String::new(),
        posts: (0..blog.manifest.posts.len())
            .take(blog.feed_length)
            .collect(),
        full_text: true,
    }
}

/// The blog's feed ([`atom`], at [`FEED_PATH`]), then the feed of each category and of each
/// tag, for a reader who follows one subject: the newest [`Blog::feed_length`] posts of the
/// list, each with its summary and link but not its text (as Hugo's are), so that a blog of a
/// thousand tags does not publish its newest posts a thousand times over, at
/// [`paths::list_feed`] of its page (`category/usages/feed.xml`, as WordPress has
/// `/category/usages/feed/` and Hugo `/categories/usages/index.xml`), in the order of the
/// index's categories, then tags. Returns the files to write, by path relative to the base.
pub fn feeds(blog: &Blog, site_url: &str) -> Vec<(String, String)> {
    let manifest = &blog.manifest;
    let strings = manifest.site.language.strings();
    let root = root(site_url);
    let newest = |in_list: &dyn Fn(&crate::model::PostSummary) -> bool| -> Vec<usize> {
        (manifest.posts.iter().enumerate())
            .filter(|(_, post)| in_list(post))
            .map(|(at, _)| at)
            .take(blog.feed_length)
            .collect()
    };
    let titled = |title: String| format!("{title} — {}", manifest.site.title);
    let categories = manifest.categories.iter().map(|entry| {
        let (name, slug) = (&entry.category.name, &entry.category.slug);
        Feed {
            title: titled((strings.category_title)(name)),
            subtitle: (strings.category_description)(name, &(strings.posts)(entry.count)),
            page: paths::category(slug),
            posts: newest(&|post| post.category.slug == *slug),
            full_text: false,
        }
    });
    let tags = manifest.tags.iter().map(|entry| {
        let (name, slug) = (&entry.tag.name, &entry.tag.slug);
        Feed {
            title: titled((strings.tag_title)(name)),
            subtitle: (strings.tag_description)(name, &(strings.posts)(entry.count)),
            page: paths::tag(slug),
            posts: newest(&|post| post.tags.iter().any(|tag| tag.slug == *slug)),
            full_text: false,
        }
    });
    [blog_feed(blog)]
        .into_iter()
        .chain(categories)
        .chain(tags)
        .map(|feed| (paths::list_feed(&feed.page), feed.atom(blog, &root)))
        .collect()
}

/// One feed: what it is called, the page it follows (relative to the base; the home page's
/// is empty), its posts, by their place in the manifest, newest first, and whether each entry
/// carries the post's whole text or its summary alone.
struct Feed {
    title: String,
    subtitle: String,
    page: String,
    posts: Vec<usize>,
    full_text: bool,
}

impl Feed {
    /// The feed as Atom, for the site at `root` (its URL with one trailing slash).
    fn atom(&self, blog: &Blog, root: &str) -> String {
        let manifest = &blog.manifest;
        let entries: Vec<_> = (self.posts.iter())
            .map(|&at| {
                let post = &manifest.posts[at];
                let published = Moment::new(post.date, blog.published_at[at]);
                let updated = post.updated.map_or(published, |day| Moment::new(day, None));
                (at, post, published, updated)
            })
            .collect();
        // The feed changes with the last change of a post it carries.
        let updated = (entries.iter().map(|(.., updated)| *updated))
            .max_by_key(|moment| moment.utc_seconds())
            .unwrap_or(Moment::new(Date::new(1970, 1, 1).expect("a day"), None));
        let page = format!("{root}{}", self.page);
        let mut xml = String::new();
        let _ = write!(
            xml,
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
             <feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{language}\">\n\
             <title>{title}</title>\n\
             <subtitle>{subtitle}</subtitle>\n\
             <link href=\"{page}\"/>\n\
             <link rel=\"self\" type=\"application/atom+xml\" href=\"{page}{FEED_PATH}\"/>\n\
             <id>{page}</id>\n\
             <updated>{updated}</updated>\n",
            language = manifest.site.language.code(),
            title = escape(&self.title),
            subtitle = escape(&self.subtitle),
            page = escape(&page),
        );
        for (at, post, published, updated) in entries {
            let url = format!("{root}{}", paths::post(&post.slug));
            let _ = write!(
                xml,
                "<entry>\n\
                 <title>{title}</title>\n\
                 <link href=\"{url}\"/>\n\
                 <id>{url}</id>\n\
                 <published>{published}</published>\n\
                 <updated>{updated}</updated>\n\
                 <author><name>{author}</name></author>\n\
                 <category term=\"{category_slug}\" scheme=\"{category_scheme}\" label=\"{category}\"/>\n",
                title = escape(&post.title),
                url = escape(&url),
                author = escape(&post.author),
                category_slug = escape(&post.category.slug),
                category_scheme = escape(&scheme(root, paths::category)),
                category = escape(&post.category.name),
            );
            // Tags are Atom categories too; their scheme, the tag pages' URL, tells a tag from
            // the category of the same name.
            for tag in &post.tags {
                let _ = writeln!(
                    xml,
                    "<category term=\"{slug}\" scheme=\"{scheme}\" label=\"{name}\"/>",
                    slug = escape(&tag.slug),
                    scheme = escape(&scheme(root, paths::tag)),
                    name = escape(&tag.name),
                );
            }
            let _ = writeln!(xml, "<summary>{}</summary>", escape(&post.excerpt));
            if self.full_text {
                // Site-absolute links become absolute URLs: a feed is read away from the site.
                let html = markdown::to_html(&blog.bodies[at], root, manifest.site.language);
                // Links relative to the post (an image in its folder) resolve from its page, as
                // on the site: Atom's xml:base.
                let _ = writeln!(
                    xml,
                    "<content type=\"html\" xml:base=\"{url}\">{content}</content>",
                    url = escape(&url),
                    content = escape(html.as_str()),
                );
            }
            xml.push_str("</entry>\n");
        }
        xml.push_str("</feed>\n");
        xml
    }
}

/// The most URLs one sitemap file may hold (sitemaps.org); a bigger site gets a sitemap index.
pub const SITEMAP_MAX_URLS: usize = 50_000;

/// The sitemap of `urls`, each a page's path relative to the base with the date it last changed
/// (see [`Blog::pages`]). Returns the files to write, by path relative to the base:
/// [`SITEMAP_PATH`] alone when there are at most [`SITEMAP_MAX_URLS`] pages; otherwise
/// [`SITEMAP_PATH`] is an index of `sitemap-1.xml`, `sitemap-2.xml`…, each within the limit.
pub fn sitemaps(urls: &[(String, Option<Date>)], site_url: &str) -> Vec<(String, String)> {
    let root = root(site_url);
    let urlset = |urls: &[(String, Option<Date>)]| {
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
             <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for (path, lastmod) in urls {
            let _ = write!(xml, "<url><loc>{}</loc>", escape(&format!("{root}{path}")));
            if let Some(date) = lastmod {
                let _ = write!(xml, "<lastmod>{date}</lastmod>");
            }
            xml.push_str("</url>\n");
        }
        xml.push_str("</urlset>\n");
        xml
    };
    if urls.len() <= SITEMAP_MAX_URLS {
        return vec![(SITEMAP_PATH.to_owned(), urlset(urls))];
    }
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut files = Vec::new();
    for (number, chunk) in urls.chunks(SITEMAP_MAX_URLS).enumerate() {
        let path = format!("sitemap-{}.xml", number + 1);
        let _ = writeln!(
            index,
            "<sitemap><loc>{}</loc></sitemap>",
            escape(&format!("{root}{path}"))
        );
        files.push((path, urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    files.insert(0, (SITEMAP_PATH.to_owned(), index));
    files
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{build, Publish, SourceFile};

    fn blog() -> Blog {
        let post = |path: &str, title: &str, date: &str, category: &str| {
            let tags = if category == "Actus" {
                "tags = [\"Actus\", \"Q&A <b>\"]\n"
            } else {
                ""
            };
            SourceFile::new(
                path,
                format!(
                    "+++\ntitle = \"{title}\"\ndate = {date}\ncategory = \"{category}\"\n{tags}+++\n\n\
                     Texte & <b onclick=\"x()\">gras</b><script>x()</script> ![i](/images/i.svg)\n"
                ),
            )
        };
        build(
            None,
            &[
                post(
                    "un-deux-trois.md",
                    "Un & deux <trois>",
                    "2009-10-06",
                    "Actus",
                ),
                post("second.md", "Second", "2009-03-10", "Réseaux sociaux"),
            ],
            Publish::ALL,
        )
        .unwrap()
    }

    #[test]
    fn the_feed_holds_the_newest_feed_length_posts() {
        let mut blog = blog();
        assert_eq!(
            atom(&blog, "https://example.org/")
                .matches("<entry>")
                .count(),
            2
        );
        blog.feed_length = 1;
        let feed = atom(&blog, "https://example.org/");
        assert_eq!(feed.matches("<entry>").count(), 1);
        assert!(feed.contains("Un &amp; deux"), "{feed}");
    }

    #[test]
    fn each_category_and_tag_has_a_feed_of_its_own_posts_beside_its_page() {
        let mut blog = blog();
        let all = feeds(&blog, "https://example.org/blog/");
        assert_eq!(
            all[0],
            (
                "feed.xml".to_owned(),
                atom(&blog, "https://example.org/blog/")
            )
        );
        let feeds = &all[1..];
        let paths: Vec<&str> = feeds.iter().map(|(path, _)| path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "category/actus/feed.xml",
                "category/reseaux-sociaux/feed.xml",
                "tag/actus/feed.xml",
                "tag/q-a-b/feed.xml",
            ]
        );
        let (_, actus) = &feeds[0];
        assert!(
            actus.contains("<title>Catégorie : Actus — Carnet</title>"),
            "{actus}"
        );
        assert!(actus.contains("<link href=\"https://example.org/blog/category/actus/\"/>"));
        assert!(actus.contains(
            "<link rel=\"self\" type=\"application/atom+xml\" \
             href=\"https://example.org/blog/category/actus/feed.xml\"/>"
        ));
        assert!(actus.contains("<id>https://example.org/blog/category/actus/</id>"));
        assert_eq!(actus.matches("<entry>").count(), 1);
        assert!(actus.contains("<title>Un &amp; deux &lt;trois&gt;</title>"));
        // The blog's feed's entry, but for the post's text: its summary, and its link.
        let whole = atom(&blog, "https://example.org/blog/");
        let entry =
            |xml: &str| xml[xml.find("<entry>").unwrap()..xml.find("</entry>").unwrap()].to_owned();
        let full = entry(&whole);
        assert_eq!(entry(actus), full[..full.find("<content").unwrap()]);
        assert!(actus.contains("<summary>") && !actus.contains("<content"));
        let (_, social) = &feeds[1];
        assert!(social.contains("<title>Catégorie : Réseaux sociaux — Carnet</title>"));
        assert!(social.contains("<title>Second</title>") && !social.contains("trois"));
        let (_, tag) = &feeds[3];
        assert!(
            tag.contains("<title>Étiquette : Q&amp;A &lt;b&gt; — Carnet</title>"),
            "{tag}"
        );
        assert!(
            tag.contains(
                "<subtitle>Les billets de l’étiquette Q&amp;A &lt;b&gt; (1 billet).</subtitle>"
            ),
            "{tag}"
        );
        // As long as the blog's feed, at most.
        blog.feed_length = 0;
        assert!(super::feeds(&blog, "https://example.org/blog/")
            .iter()
            .all(|(_, xml)| !xml.contains("<entry>")));
    }

    #[test]
    fn atom_has_absolute_urls_dates_and_escaped_content() {
        let xml = atom(&blog(), "https://example.org/blog");
        assert!(xml.contains("<id>https://example.org/blog/</id>"), "{xml}");
        assert!(
            xml.contains("<updated>2009-10-06T12:00:00Z</updated>"),
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
            xml.contains("<published>2009-03-10T12:00:00Z</published>"),
            "{xml}"
        );
        assert!(
            xml.contains("src=&quot;https://example.org/blog/images/i.svg&quot;"),
            "{xml}"
        );
        // A link relative to the post resolves from its page.
        assert!(
            xml.contains(
                "<content type=\"html\" xml:base=\"https://example.org/blog/posts/un-deux-trois/\">"
            ),
            "{xml}"
        );
        // The post's HTML goes through the same allow-list as on the site.
        assert!(
            xml.contains("Texte &amp;amp; &lt;b&gt;gras&lt;/b&gt; &lt;img"),
            "{xml}"
        );
        assert_eq!(xml.matches("<entry>").count(), 2);
    }

    #[test]
    fn atom_entries_carry_their_category_and_tags_told_apart_by_scheme() {
        let xml = atom(&blog(), "https://example.org/blog/");
        let (first, second) = xml.split_once("</entry>").unwrap();
        let category = "<category term=\"actus\" scheme=\"https://example.org/blog/category/\" \
             label=\"Actus\"/>";
        let tag =
            "<category term=\"actus\" scheme=\"https://example.org/blog/tag/\" label=\"Actus\"/>";
        let escaped = "<category term=\"q-a-b\" scheme=\"https://example.org/blog/tag/\" \
             label=\"Q&amp;A &lt;b&gt;\"/>";
        for expected in [category, tag, escaped] {
            assert_eq!(first.matches(expected).count(), 1, "{expected} in {first}");
        }
        assert_eq!(first.matches("<category ").count(), 3);
        // The untagged post has its category alone.
        assert_eq!(second.matches("<category ").count(), 1, "{second}");
        assert!(second.contains("label=\"Réseaux sociaux\"/>"), "{second}");
    }

    #[test]
    fn a_posts_last_change_dates_its_entry_the_feed_and_its_pages_in_the_sitemap() {
        let blog = build(
            None,
            &[
                SourceFile::new(
                    "a.md",
                    "+++\ntitle = \"A\"\ndate = 2009-10-06\n+++\nTexte.\n",
                ),
                SourceFile::new(
                    "b.md",
                    "+++\ntitle = \"B\"\ndate = 2009-03-10\nupdated = 2009-11-02\n\
                     category = \"Usages\"\n+++\nTexte.\n",
                ),
            ],
            Publish::ALL,
        )
        .unwrap();
        let xml = atom(&blog, "https://example.org/");
        let (feed, entries) = xml.split_once("<entry>").unwrap();
        assert!(
            feed.contains("<updated>2009-11-02T12:00:00Z</updated>"),
            "{feed}"
        );
        let (_, older) = entries.split_once("</entry>").unwrap();
        assert!(
            older.contains("<published>2009-03-10T12:00:00Z</published>"),
            "{older}"
        );
        assert!(
            older.contains("<updated>2009-11-02T12:00:00Z</updated>"),
            "{older}"
        );
        let lastmod = |path: &str| blog.pages().find(|page| page.path == path).unwrap().lastmod;
        let changed = Some("2009-11-02".parse().unwrap());
        assert_eq!(lastmod("posts/b/"), changed);
        assert_eq!(lastmod("posts/a/"), Some("2009-10-06".parse().unwrap()));
        // The lists that show its card, though it is not their newest post; not the archive,
        // whose counts have not changed.
        assert_eq!(lastmod(""), changed);
        assert_eq!(lastmod("category/usages/"), changed);
        assert_eq!(lastmod("archive/"), Some("2009-10-06".parse().unwrap()));
    }

    #[test]
    fn an_entry_is_at_the_time_and_offset_written_else_at_noon_utc() {
        let post = |path: &str, date: &str| {
            SourceFile::new(
                path,
                format!("+++\ntitle = \"{path}\"\ndate = {date}\n+++\nTexte.\n"),
            )
        };
        let blog = build(
            None,
            &[
                // 04:30 UTC on the 7th, though written on the 6th.
                post("ouest.md", "2009-10-06T23:30:00-05:00"),
                // 23:00 UTC on the 6th, though written on the 7th.
                post("est.md", "2009-10-07T01:00:00+02:00"),
                post("jour.md", "2009-10-05"),
                // A time without its offset places nothing: the day, at noon UTC.
                post("heure.md", "2009-10-04T08:00:00"),
            ],
            Publish::ALL,
        )
        .unwrap();
        let xml = atom(&blog, "https://example.org/");
        for published in [
            "2009-10-06T23:30:00-05:00",
            "2009-10-07T01:00:00+02:00",
            "2009-10-05T12:00:00Z",
            "2009-10-04T12:00:00Z",
        ] {
            let entry =
                format!("<published>{published}</published>\n<updated>{published}</updated>");
            assert_eq!(xml.matches(&entry).count(), 1, "{entry} in {xml}");
        }
        // The feed's own is the latest instant, not the latest day written.
        let (feed, _) = xml.split_once("<entry>").unwrap();
        assert!(
            feed.contains("<updated>2009-10-06T23:30:00-05:00</updated>"),
            "{feed}"
        );
    }

    #[test]
    fn sitemap_lists_every_page_once() {
        let urls: Vec<_> = blog()
            .pages()
            .map(|page| (page.path, page.lastmod))
            .collect();
        let files = sitemaps(&urls, "https://example.org/");
        assert_eq!(files.len(), 1);
        let (path, xml) = &files[0];
        assert_eq!(path, SITEMAP_PATH);
        for loc in [
            "https://example.org/",
            "https://example.org/posts/un-deux-trois/",
            "https://example.org/posts/second/",
            "https://example.org/category/actus/",
            "https://example.org/category/reseaux-sociaux/",
            "https://example.org/archive/",
            "https://example.org/archive/2009/10/",
            "https://example.org/archive/2009/03/",
            "https://example.org/tag/actus/",
            "https://example.org/tag/q-a-b/",
            "https://example.org/tags/",
        ] {
            assert_eq!(
                xml.matches(&format!("<loc>{loc}</loc>")).count(),
                1,
                "{loc} in {xml}"
            );
        }
        assert_eq!(xml.matches("<url>").count(), 11);
        // The tag and the category of one name are two pages.
        assert!(
            xml.contains("<loc>https://example.org/tag/actus/</loc><lastmod>2009-10-06</lastmod>")
        );
        assert!(xml.contains(
            "<loc>https://example.org/category/actus/</loc><lastmod>2009-10-06</lastmod>"
        ));
    }

    #[test]
    fn a_big_site_gets_a_sitemap_index() {
        let date: Date = "2009-10-06".parse().unwrap();
        let urls: Vec<_> = (0..SITEMAP_MAX_URLS + 10)
            .map(|i| (format!("posts/p{i}/"), (i % 2 == 1).then_some(date)))
            .collect();
        let files = sitemaps(&urls, "https://example.org/");
        let paths: Vec<&str> = files.iter().map(|(path, _)| path.as_str()).collect();
        assert_eq!(paths, [SITEMAP_PATH, "sitemap-1.xml", "sitemap-2.xml"]);
        assert!(files[0].1.contains("<sitemapindex"));
        assert!(files[0]
            .1
            .contains("<sitemap><loc>https://example.org/sitemap-2.xml</loc></sitemap>"));
        let count = |xml: &str| xml.matches("<url>").count();
        assert_eq!(count(&files[1].1), SITEMAP_MAX_URLS);
        assert_eq!(count(&files[2].1), 10);
        assert!(files[2].1.contains(
            "<url><loc>https://example.org/posts/p50009/</loc><lastmod>2009-10-06</lastmod></url>"
        ));
        assert!(files[2]
            .1
            .contains("<url><loc>https://example.org/posts/p50008/</loc></url>"));
    }
}
