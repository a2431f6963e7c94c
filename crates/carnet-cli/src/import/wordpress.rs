//! `carnet import wordpress EXPORT.xml`: a WordPress blog's posts as Carnet posts.
//!
//! The export (WXR, [`wxr`]) is read twice as a stream, never whole: first for its media library
//! (galleries name images by their number, often defined after the post), then for its posts.
//! Each published post becomes `content/posts/<slug>.md`: its front matter from the item (title,
//! date with its offset, author's display name, category, tags, slug, summary), its body from
//! [`body::convert`]. Pages, drafts (unless `--drafts`), private, password-protected, pending and trashed items are
//! skipped and listed; a bad item is reported and the others imported all the same.
//!
//! Each post's old address is its alias (`aliases`: the build gives it a page sending readers
//! on). Beside the posts it writes `redirects.txt` (each old address and the new one) and
//! `uploads.txt` (each file of the old blog to fetch, and where it goes); `--download` fetches
//! them. The same export always gives the same files, so running it again writes nothing; a file
//! that differs from what the import would write is never replaced without `--force`.

mod autop;
mod body;
mod shortcode;
mod wxr;

use super::download;
use body::{Converted, OldPosts, UploadPath};
use carnet_core::front_matter::{self, quoted};
use carnet_core::i18n::Language;
use carnet_core::links::percent_decoded;
use carnet_core::markdown::first_paragraph_text;
use carnet_core::slug::{self, is_slug, page_slug};
use shortcode::{Image, Library};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::fs;
use std::io::{self, BufReader};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use wxr::{decode_entities, Channel, Item};

/// Import a WordPress export (WXR) as posts
///
/// The export is the file WordPress's Tools → Export → All content writes. Each published post becomes DIR/posts/<slug>.md, its HTML turned into Markdown, its old permalink its alias (the built site sends readers from there to the post); pages,
/// drafts, private, password-protected and trashed items are skipped and listed; a site.toml
/// is written from the export's name and language unless DIR has one. Beside the posts go
/// redirects.txt, from each old address to the new one, and uploads.txt, the files of the old
/// blog the posts show (fetched by --download). Running it again gives the same files; a file
/// that differs is never replaced without --force.
#[derive(clap::Args)]
pub struct Args {
    /// The export file WordPress wrote
    #[arg(value_name = "EXPORT.xml")]
    pub export: PathBuf,
    /// The folder holding site.toml and posts/
    #[arg(long, value_name = "DIR", default_value = "content")]
    pub content: PathBuf,
    /// Also import the drafts (and posts pending review), with `draft = true`: checked by
    /// `carnet build`, but left out of the site
    #[arg(long)]
    pub drafts: bool,
    /// Replace files that differ from what the import writes (a post edited since the last
    /// import, say)
    #[arg(long)]
    pub force: bool,
    /// Fetch the files listed in uploads.txt from the old blog into --images
    #[arg(long)]
    pub download: bool,
    /// Where --download puts the files, served by the site as /images/…
    #[arg(long, value_name = "DIR", default_value = "public/images")]
    pub images: PathBuf,
}

/// Runs `carnet import wordpress`.
pub fn run(args: Args) -> ExitCode {
    let file = args.export.display().to_string();
    let open = || {
        fs::File::open(&args.export)
            .map(BufReader::new)
            .map_err(|error| {
                eprintln!("error: cannot read {file}: {error}\n  fix: give the path of the file WordPress's Tools → Export wrote");
            })
    };
    let Ok(source) = open() else {
        return ExitCode::FAILURE;
    };
    // A first reading finds the media library and where each post will be, so that links
    // between posts can follow them whichever comes first in the export.
    let mut library = MediaLibrary::default();
    let mut plan = Import::new(&args, &file, MediaLibrary::default(), OldPosts::default());
    plan.planning = true;
    let (_, problems) = wxr::read(source, &file, |channel, item| {
        plan.item(channel, item.clone());
        library.add(item);
    });
    let Ok(source) = open() else {
        return ExitCode::FAILURE;
    };
    let mut import = Import::new(&args, &file, library, plan.old_posts);
    import.warnings.extend(problems);
    let (channel, _) = wxr::read(source, &file, |channel, item| import.item(channel, item));
    if import.items == 0 {
        eprintln!(
            "error: {file} holds no WordPress item\n  fix: give the file WordPress's Tools → Export \
             → All content wrote (a WXR file, an RSS feed with <wp:…> elements)"
        );
        return ExitCode::FAILURE;
    }
    import.finish(&settings(&channel))
}

/// The images and files of the blog, by their number: what galleries and `uploads.txt` need.
#[derive(Default)]
struct MediaLibrary {
    attachments: HashMap<String, Attachment>,
    /// The attachments uploaded to each post, by the post's number.
    by_parent: HashMap<String, Vec<String>>,
}

/// One file of the media library.
struct Attachment {
    url: String,
    alt: String,
    caption: String,
    order: (i64, u64),
}

impl MediaLibrary {
    fn add(&mut self, item: Item) {
        if item.kind != "attachment" || item.attachment_url.is_empty() {
            return;
        }
        let order = (item.menu_order, item.id.parse().unwrap_or(u64::MAX));
        if !item.parent.is_empty() && item.parent != "0" {
            self.by_parent
                .entry(item.parent.clone())
                .or_default()
                .push(item.id.clone());
        }
        self.attachments.insert(
            item.id,
            Attachment {
                url: item.attachment_url,
                alt: decode_entities(&item.alt),
                caption: item.excerpt.trim().to_owned(),
                order,
            },
        );
    }

    fn image(&self, id: &str) -> Option<Image> {
        self.attachments.get(id.trim()).map(|attachment| Image {
            url: attachment.url.clone(),
            alt: attachment.alt.clone(),
            caption: attachment.caption.clone(),
        })
    }
}

/// The media library seen from one post, for its galleries.
struct PostLibrary<'a> {
    library: &'a MediaLibrary,
    post: &'a str,
}

impl Library for PostLibrary<'_> {
    fn gallery(&self, ids: Option<&str>) -> Vec<Image> {
        match ids {
            Some(ids) => ids
                .split(',')
                .filter_map(|id| self.library.image(id))
                .collect(),
            None => {
                let mut ids: Vec<&String> = self
                    .library
                    .by_parent
                    .get(self.post)
                    .map(|ids| ids.iter().collect())
                    .unwrap_or_default();
                ids.sort_by_key(|id| self.library.attachments[id.as_str()].order);
                ids.into_iter()
                    .filter_map(|id| self.library.image(id))
                    .collect()
            }
        }
    }
}

/// The site.toml of a blog imported from `channel`: its name, tagline and language (French
/// unless the export says English), and where to say its new address.
fn settings(channel: &Channel) -> String {
    let mut settings = String::from(
        "# The blog's settings, from its WordPress export (README.md lists every key).\n",
    );
    if !channel.title.is_empty() {
        let _ = writeln!(settings, "title = {}", quoted(&channel.title));
    }
    if !channel.description.is_empty() {
        let _ = writeln!(settings, "description = {}", quoted(&channel.description));
    }
    let english = channel.language.to_ascii_lowercase().starts_with("en");
    let _ = writeln!(
        settings,
        "language = \"{}\"",
        if english { "en" } else { "fr" }
    );
    settings.push_str(
        "# Where the blog is published: its feed, sitemap and canonical links are built on it.\n\
         # url = \"https://example.org/\"\n",
    );
    settings
}

/// What happened to the files the import writes.
#[derive(Default)]
struct Written {
    new: usize,
    unchanged: usize,
    replaced: usize,
    /// Files that differ and were kept (no `--force`).
    kept: Vec<String>,
    failed: usize,
}

/// One run of the import: what it has done so far.
struct Import<'a> {
    args: &'a Args,
    file: &'a str,
    library: MediaLibrary,
    /// Items read.
    items: usize,
    /// Posts imported, drafts included.
    imported: usize,
    /// Drafts imported (`--drafts`).
    drafts: usize,
    /// Items skipped, by why: each item's title and line.
    skipped: BTreeMap<Skipped, Vec<String>>,
    warnings: Vec<String>,
    /// The slugs given so far, so that two items never share one.
    slugs: HashSet<String>,
    /// Old address → new, for the published posts.
    redirects: BTreeMap<String, String>,
    /// The blog's files the posts show: URL → path under /images/.
    uploads: BTreeMap<String, String>,
    upload_path: Option<UploadPath>,
    /// The old addresses of the posts and their new ones.
    old_posts: OldPosts,
    /// Only finding where each post will be ([`OldPosts`]), writing nothing.
    planning: bool,
    written: Written,
}

impl<'a> Import<'a> {
    fn new(
        args: &'a Args,
        file: &'a str,
        library: MediaLibrary,
        old_posts: OldPosts,
    ) -> Import<'a> {
        Import {
            args,
            file,
            library,
            items: 0,
            imported: 0,
            drafts: 0,
            skipped: BTreeMap::new(),
            warnings: Vec::new(),
            slugs: HashSet::new(),
            redirects: BTreeMap::new(),
            uploads: BTreeMap::new(),
            upload_path: None,
            old_posts,
            planning: false,
            written: Written::default(),
        }
    }

    /// Imports, or skips, one item of the export.
    fn item(&mut self, channel: &Channel, item: Item) {
        self.items += 1;
        let addresses = [
            channel.link.as_str(),
            channel.base_site_url.as_str(),
            channel.base_blog_url.as_str(),
        ];
        if self.planning {
            self.old_posts.know_hosts(addresses);
        }
        let upload_path = self
            .upload_path
            .get_or_insert_with(|| UploadPath::new(addresses))
            .clone();
        let title = decode_entities(&item.title);
        let at = format!("{}:{}", self.file, item.line);
        let named = if title.trim().is_empty() {
            format!("item {} ({at})", item.id)
        } else {
            format!("« {} » ({at})", title.trim())
        };
        if item.kind == "attachment" {
            if let Some(path) = upload_path.local_path(&item.attachment_url) {
                self.uploads.insert(item.attachment_url.clone(), path);
            }
            return;
        }
        let skip = match (item.kind.as_str(), item.status.as_str()) {
            // A static site cannot ask for the password: published, the text would be public.
            ("post", _) if !item.password.is_empty() => Some(Skipped::PasswordProtected),
            ("post", "publish" | "future") => None,
            ("post", "draft" | "pending") if self.args.drafts => None,
            ("post", "draft" | "pending") => Some(Skipped::Draft),
            ("post", "private") => Some(Skipped::Private),
            ("post", "trash") => Some(Skipped::Trashed),
            ("post", "auto-draft") => Some(Skipped::AutoDraft),
            ("post", other) => Some(Skipped::Status(other.to_owned())),
            ("page", _) => Some(Skipped::Page),
            (other, _) => Some(Skipped::Kind(other.to_owned())),
        };
        if let Some(why) = skip {
            self.skipped.entry(why).or_default().push(named);
            return;
        }
        let login = item.creator.trim();
        let author = channel
            .authors
            .get(login)
            .map_or(login, String::as_str)
            .to_owned();
        match self.post(&item, &title, &author, &channel.link, &upload_path) {
            Ok(()) => {}
            Err(why) => self
                .skipped
                .entry(Skipped::Unreadable)
                .or_default()
                .push(format!("{named}: {why}")),
        }
    }

    /// Writes the post `item`, titled `title`, of the blog at `blog` (its address).
    fn post(
        &mut self,
        item: &Item,
        title: &str,
        author: &str,
        blog: &str,
        upload_path: &UploadPath,
    ) -> Result<(), String> {
        let at = format!("{}:{}", self.file, item.line);
        let mut warnings = Vec::new();
        let date =
            date(&item.date, &item.date_gmt).ok_or_else(|| format!("no date (`{}`)", item.date))?;
        let title = match title.trim() {
            "" => {
                warnings.push("has no title: « Sans titre » given".to_owned());
                "Sans titre".to_owned()
            }
            title => title.to_owned(),
        };
        let slug = self.slug(item, &title, &mut warnings);
        let draft = !matches!(item.status.as_str(), "publish" | "future");
        if self.planning {
            if !draft {
                let old = old_path(&item.link);
                self.old_posts
                    .insert(&item.id, old.as_deref(), &format!("/posts/{slug}/"));
            }
            return Ok(());
        }

        let library = PostLibrary {
            library: &self.library,
            post: &item.id,
        };
        let Converted {
            markdown,
            before_more,
            uploads,
            unknown_shortcodes,
        } = body::convert(&item.content, upload_path, &self.old_posts, &library);
        for name in unknown_shortcodes {
            warnings.push(format!(
                "the shortcode [{name}] is unknown here: kept as text; rewrite or delete it"
            ));
        }
        let summary = if item.excerpt.trim().is_empty() {
            before_more.map(|before| plain_text(&before))
        } else {
            let excerpt = body::convert(&item.excerpt, upload_path, &self.old_posts, &library);
            Some(plain_text(&excerpt.markdown))
        }
        .filter(|summary| !summary.is_empty() && *summary != first_paragraph_text(&markdown));
        self.uploads.extend(uploads);
        // Its featured image, which WordPress's themes and sharing plugins show: the image of
        // its link previews, fetched with the others when it is the blog's own.
        let image = (self.library.attachments.get(&item.thumbnail)).map(|attachment| {
            match upload_path.local_path(&attachment.url) {
                Some(path) => {
                    self.uploads.insert(attachment.url.clone(), path.clone());
                    format!("/images/{path}")
                }
                None => attachment.url.clone(),
            }
        });
        if item.control_characters > 0 {
            warnings.push(format!(
                "{} control character{} taken out",
                item.control_characters,
                if item.control_characters == 1 {
                    ""
                } else {
                    "s"
                }
            ));
        }

        let mut categories = item.categories.iter().map(|name| decode_entities(name));
        let category = categories.next();
        let mut tags: Vec<String> = Vec::new();
        let others: Vec<String> = categories.collect();
        if let (Some(first), false) = (&category, others.is_empty()) {
            warnings.push(format!(
                "has {} categories; a Carnet post has one: « {first} » kept, the others made tags",
                others.len() + 1
            ));
        }
        for tag in others
            .into_iter()
            .chain(item.tags.iter().map(|t| decode_entities(t)))
        {
            if !tag.trim().is_empty() && !tags.contains(&tag) {
                tags.push(tag);
            }
        }

        let mut text = String::from("+++\n");
        let _ = writeln!(text, "title = {}", quoted(&title));
        let _ = writeln!(text, "date = {date}");
        if let Some(day) = updated_day(&date, &item.modified) {
            let _ = writeln!(text, "updated = {day}");
        }
        if let Some(category) =
            // WordPress's own default category, in French or English: Carnet gives its own.
            category.filter(|c| {
                let c = c.trim();
                !c.is_empty() && !Language::ALL.iter().any(|l| l.strings().uncategorized == c)
            })
        {
            let _ = writeln!(text, "category = {}", quoted(category.trim()));
        }
        if !author.trim().is_empty() {
            let _ = writeln!(text, "author = {}", quoted(author.trim()));
        }
        let _ = writeln!(text, "slug = {}", quoted(&slug));
        if let Some(summary) = summary {
            let _ = writeln!(text, "summary = {}", quoted(&summary));
        }
        if let Some(image) = image {
            let _ = writeln!(text, "image = {}", quoted(&image));
        }
        if !tags.is_empty() {
            let tags: Vec<String> = tags.iter().map(|tag| quoted(tag.trim())).collect();
            let _ = writeln!(text, "tags = [{}]", tags.join(", "));
        }
        if let Some(alias) = old_address(&item.link, blog, &slug) {
            let _ = writeln!(text, "aliases = [{}]", quoted(&alias));
        }
        if draft {
            text.push_str("draft = true\n");
        }
        text.push_str("+++\n\n");
        text.push_str(&markdown);

        let path = self.args.content.join("posts").join(format!("{slug}.md"));
        for warning in warnings {
            self.warnings
                .push(format!("{} ({at}): {warning}", path.display()));
        }
        self.write(&path, &text);
        self.imported += 1;
        if draft {
            self.drafts += 1;
        } else if let Some(old) = old_path(&item.link) {
            let new = format!("/posts/{slug}/");
            if old != new {
                self.redirects.insert(old, new);
            }
        }
        Ok(())
    }

    /// The post's slug: WordPress's, decoded; else made from the title; never one given already.
    fn slug(&mut self, item: &Item, title: &str, warnings: &mut Vec<String>) -> String {
        let name = percent_decoded(&item.name);
        let mut slug = if is_slug(&name) {
            name
        } else if !name.trim().is_empty() {
            page_slug(&name)
        } else {
            page_slug(title)
        };
        if slug.len() > slug::MAX_LEN {
            slug = slug::shortened(&slug).to_owned();
        }
        if !self.slugs.insert(slug.clone()) {
            let taken = slug.clone();
            let mut number = 2;
            while !self.slugs.insert(format!("{taken}-{number}")) {
                number += 1;
            }
            slug = format!("{taken}-{number}");
            warnings.push(format!(
                "the slug `{taken}` is another item's: `{slug}` given instead"
            ));
        }
        slug
    }

    /// Writes `contents` to `path` unless the same is there, or something else is and no
    /// `--force` was given.
    fn write(&mut self, path: &Path, contents: &str) {
        let result = match fs::read(path) {
            Ok(existing) if existing == contents.as_bytes() => {
                self.written.unchanged += 1;
                return;
            }
            Ok(_) if !self.args.force => {
                self.written.kept.push(path.display().to_string());
                return;
            }
            Ok(_) => write_file(path, contents).map(|()| self.written.replaced += 1),
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                write_file(path, contents).map(|()| self.written.new += 1)
            }
            Err(error) => Err(error),
        };
        if let Err(error) = result {
            self.written.failed += 1;
            self.warnings
                .push(format!("{}: cannot write: {error}", path.display()));
        }
    }

    /// Writes the blog's `settings` (unless it has its site.toml), the redirects and the
    /// uploads, downloads, and prints the summary.
    fn finish(mut self, settings: &str) -> ExitCode {
        // The blog's settings are the author's once written: never replaced.
        let settings_path = self.args.content.join("site.toml");
        if !settings_path.exists() {
            self.write(&settings_path, settings);
        }
        let redirects_path = self.args.content.join(REDIRECTS);
        let mut redirects = String::from(REDIRECTS_HEADER);
        for (old, new) in &self.redirects {
            let _ = writeln!(redirects, "{old} {new} 301");
        }
        if !self.redirects.is_empty() {
            self.write(&redirects_path, &redirects);
        }
        let uploads_path = self.args.content.join(UPLOADS);
        let mut uploads = String::from(UPLOADS_HEADER);
        for (url, path) in &self.uploads {
            let _ = writeln!(uploads, "{url} /images/{path}");
        }
        if !self.uploads.is_empty() {
            self.write(&uploads_path, &uploads);
        }
        let downloaded = self.args.download.then(|| {
            let mut by_file: BTreeMap<&str, &str> = BTreeMap::new();
            for (url, path) in &self.uploads {
                by_file.entry(path.as_str()).or_insert(url.as_str());
            }
            download::fetch_all(
                by_file
                    .into_iter()
                    .map(|(path, url)| (url, self.args.images.join(percent_decoded(path)))),
            )
        });
        self.print_summary(&redirects_path, &uploads_path, downloaded.as_ref())
    }

    fn print_summary(
        &self,
        redirects: &Path,
        uploads: &Path,
        downloaded: Option<&download::Downloaded>,
    ) -> ExitCode {
        let written = &self.written;
        let posts = self.args.content.join("posts");
        eprintln!(
            "carnet: {} post{} imported from {} into {}{}; files: {} new, {} unchanged, {} replaced, {} kept as they were",
            self.imported,
            if self.imported == 1 { "" } else { "s" },
            self.file,
            posts.display(),
            match self.drafts {
                0 => String::new(),
                drafts => format!(" ({drafts} as drafts)"),
            },
            written.new,
            written.unchanged,
            written.replaced,
            written.kept.len(),
        );
        let skipped: usize = self.skipped.values().map(Vec::len).sum();
        if skipped > 0 {
            eprintln!(
                "carnet: {skipped} item{} skipped:",
                if skipped == 1 { "" } else { "s" }
            );
            for (why, items) in &self.skipped {
                eprintln!("  {}:", why.said(items.len()));
                for item in items.iter().take(LISTED) {
                    eprintln!("    {item}");
                }
                if items.len() > LISTED {
                    eprintln!("    … and {} more", items.len() - LISTED);
                }
            }
        }
        if !written.kept.is_empty() {
            let said = match written.kept.len() {
                1 => "1 file differs from what the import writes and was kept as it was \
                      (--force replaces it)"
                    .to_owned(),
                many => format!(
                    "{many} files differ from what the import writes and were kept as they were \
                     (--force replaces them)"
                ),
            };
            eprintln!("carnet: {said}:");
            for path in &written.kept {
                eprintln!("  {path}");
            }
        }
        if !self.warnings.is_empty() {
            eprintln!(
                "carnet: {} warning{}:",
                self.warnings.len(),
                if self.warnings.len() == 1 { "" } else { "s" }
            );
            for warning in &self.warnings {
                eprintln!("  {warning}");
            }
        }
        if !self.redirects.is_empty() {
            eprintln!(
                "carnet: {} old address{} and the new ones in {} (see README.md, « Importing from WordPress »)",
                self.redirects.len(),
                if self.redirects.len() == 1 { "" } else { "es" },
                redirects.display()
            );
        }
        if !self.uploads.is_empty() {
            eprintln!(
                "carnet: {} file{} of the old blog listed in {}{}",
                self.uploads.len(),
                if self.uploads.len() == 1 { "" } else { "s" },
                uploads.display(),
                if self.args.download {
                    String::new()
                } else {
                    "; --download fetches them".to_owned()
                }
            );
        }
        let mut failed = written.failed > 0;
        if let Some(downloaded) = downloaded {
            eprintln!(
                "carnet: {} file{} fetched into {}, {} already there, {} failed",
                downloaded.fetched,
                if downloaded.fetched == 1 { "" } else { "s" },
                self.args.images.display(),
                downloaded.present,
                downloaded.failed.len()
            );
            for failure in &downloaded.failed {
                eprintln!("  {failure}");
            }
            failed |= !downloaded.failed.is_empty();
        }
        if failed {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        }
    }
}

/// How many skipped items of one kind the summary names.
const LISTED: usize = 20;

/// The redirect map, in the content folder.
const REDIRECTS: &str = "redirects.txt";

const REDIRECTS_HEADER: &str = "\
# Written by `carnet import wordpress`: each old address of a post, its new one, and the
# status to answer with. This is the `_redirects` format of Netlify and Cloudflare Pages: copy
# it to public/_redirects there and publish it from index.html (README, « Redirects »).
# Elsewhere, turn each line into a rule of your host.
";

/// The list of the old blog's files, in the content folder.
const UPLOADS: &str = "uploads.txt";

const UPLOADS_HEADER: &str = "\
# Written by `carnet import wordpress`: each file of the old blog the posts show, and its
# address on the new site. `carnet import wordpress --download` fetches them into public/.
";

/// The post's date for its front matter: the local date and time, with the offset
/// `post_date − post_date_gmt` when the UTC time is known (`2009-10-06T14:03:00+02:00`).
fn date(local: &str, gmt: &str) -> Option<String> {
    let parse = |text: &str| -> Option<jiff::civil::DateTime> {
        text.trim().replacen(' ', "T", 1).parse().ok()
    };
    let local = parse(local)?;
    let day = format!("{}", local.strftime("%Y-%m-%dT%H:%M:%S"));
    let Some(gmt) = parse(gmt) else {
        return Some(day);
    };
    let minutes = local.duration_since(gmt).as_secs() / 60;
    if minutes.abs() > 18 * 60 {
        return Some(day);
    }
    let sign = if minutes < 0 { '-' } else { '+' };
    Some(format!(
        "{day}{sign}{:02}:{:02}",
        minutes.abs() / 60,
        minutes.abs() % 60
    ))
}

/// The day of `modified` (`<wp:post_modified>`, `2009-10-12 08:00:00`) when it is later than
/// that of `date` (as [`date`] wrote it): the post's `updated`. WordPress saves a post again
/// on the day it publishes it; only a later day is a change worth telling readers.
fn updated_day(date: &str, modified: &str) -> Option<String> {
    let day = |text: &str| text.trim().get(..10)?.parse::<jiff::civil::Date>().ok();
    let (published, modified) = (day(date)?, day(modified)?);
    (modified > published).then(|| modified.to_string())
}

/// The plain text of a summary: its paragraphs' text, one after the other.
fn plain_text(markdown: &str) -> String {
    markdown
        .split("\n\n")
        .map(first_paragraph_text)
        .map(|text| text.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|text| !text.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The old permalink `link` of the post of `slug` as an alias, from the old blog's root (whose
/// address is `blog`: `http://example.org/blog` had `/blog/2009/10/mon-billet/`, which is
/// `/2009/10/mon-billet/` of a blog served under `/blog/` again), if a static host can serve a
/// page there (not `/?p=12`) and it is not the post's new address.
fn old_address(link: &str, blog: &str, slug: &str) -> Option<String> {
    let old = old_path(link)?;
    let under = old_path(blog).unwrap_or_default();
    let alias =
        (old.strip_prefix(under.trim_end_matches('/'))).filter(|rest| rest.starts_with('/'))?;
    let path = front_matter::alias_path(alias).ok()?;
    (path != format!("posts/{slug}/")).then(|| alias.to_owned())
}

/// The path (and query) of an old permalink: `/2009/10/mon-billet/`, `/?p=12`.
fn old_path(link: &str) -> Option<String> {
    let rest = link
        .strip_prefix("http://")
        .or_else(|| link.strip_prefix("https://"))?;
    let path = rest.find('/').map_or("/", |slash| &rest[slash..]);
    let path = path.split('#').next().unwrap_or(path);
    (!path.is_empty() && !path.contains(char::is_whitespace)).then(|| path.to_owned())
}

/// Writes `contents` to `path`, its folder created first.
fn write_file(path: &Path, contents: &str) -> io::Result<()> {
    if let Some(folder) = path.parent() {
        fs::create_dir_all(folder)?;
    }
    fs::write(path, contents)
}

/// Why an item of the export was not imported.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Skipped {
    Draft,
    Trashed,
    Page,
    PasswordProtected,
    Private,
    AutoDraft,
    /// A post of another status, named.
    Status(String),
    /// An item of another type, named.
    Kind(String),
    Unreadable,
}

impl Skipped {
    /// The line over the `count` items skipped for this: « 1 page (Carnet has posts only) ».
    fn said(&self, count: usize) -> String {
        let one = count == 1;
        let (what, why) = match self {
            Skipped::Draft => (
                if one { "draft" } else { "drafts" },
                " (--drafts imports them)",
            ),
            Skipped::Trashed => (if one { "item" } else { "items" }, " in the trash"),
            Skipped::Page => (
                if one { "page" } else { "pages" },
                " (Carnet has posts only)",
            ),
            Skipped::PasswordProtected => (
                if one {
                    "password-protected post"
                } else {
                    "password-protected posts"
                },
                if one {
                    " (its text would be public)"
                } else {
                    " (their text would be public)"
                },
            ),
            Skipped::Private => (if one { "private post" } else { "private posts" }, ""),
            Skipped::AutoDraft => (
                if one {
                    "automatic draft"
                } else {
                    "automatic drafts"
                },
                ", never written",
            ),
            Skipped::Status(status) => {
                let what = if one { "post" } else { "posts" };
                return format!("{count} {what} with the status `{status}`");
            }
            Skipped::Kind(kind) => {
                let what = if one { "item" } else { "items" };
                return format!("{count} {what} of the type `{kind}`");
            }
            Skipped::Unreadable => (
                if one { "post" } else { "posts" },
                " that could not be read",
            ),
        };
        format!("{count} {what}{why}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_was_skipped_is_said_in_the_singular_or_the_plural() {
        assert_eq!(Skipped::Page.said(1), "1 page (Carnet has posts only)");
        assert_eq!(Skipped::Page.said(2), "2 pages (Carnet has posts only)");
        assert_eq!(Skipped::Draft.said(1), "1 draft (--drafts imports them)");
        assert_eq!(Skipped::Trashed.said(3), "3 items in the trash");
        assert_eq!(
            Skipped::PasswordProtected.said(1),
            "1 password-protected post (its text would be public)"
        );
        assert_eq!(
            Skipped::Status("inherit".into()).said(2),
            "2 posts with the status `inherit`"
        );
        assert_eq!(
            Skipped::Kind("nav_menu_item".into()).said(1),
            "1 item of the type `nav_menu_item`"
        );
    }

    #[test]
    fn an_old_permalink_is_an_alias_from_the_blogs_own_root_if_a_host_can_serve_it() {
        let blog = "http://example.org/blog";
        for (link, alias) in [
            ("http://example.org/blog/2009/10/x/", Some("/2009/10/x/")),
            ("https://example.org/blog/x.html", Some("/x.html")),
            ("http://example.org/blog/?p=12", None),
            ("http://example.org/blog/posts/x/", None),
            ("http://example.org/ailleurs/x/", None),
        ] {
            assert_eq!(old_address(link, blog, "x").as_deref(), alias, "{link}");
        }
        assert_eq!(
            old_address("http://example.org/2009/10/x/", "http://example.org", "x").as_deref(),
            Some("/2009/10/x/")
        );
    }

    #[test]
    fn a_later_day_of_last_save_is_the_posts_last_change() {
        let date = "2009-10-06T14:03:00+02:00";
        assert_eq!(
            updated_day(date, "2009-10-12 08:00:00").as_deref(),
            Some("2009-10-12")
        );
        // Saved again the day it was published, or never: nothing to tell.
        assert_eq!(updated_day(date, "2009-10-06 23:59:00"), None);
        assert_eq!(updated_day(date, ""), None);
        assert_eq!(updated_day(date, "0000-00-00 00:00:00"), None);
        assert_eq!(updated_day(date, "2009-01-01 10:00:00"), None);
    }

    #[test]
    fn the_date_carries_the_offset_of_local_time() {
        assert_eq!(
            date("2009-10-06 14:03:00", "2009-10-06 12:03:00").as_deref(),
            Some("2009-10-06T14:03:00+02:00")
        );
        assert_eq!(
            date("2009-01-07 23:30:00", "2009-01-08 04:30:00").as_deref(),
            Some("2009-01-07T23:30:00-05:00")
        );
        assert_eq!(
            date("2009-03-10 09:00:00", "2009-03-10 03:30:00").as_deref(),
            Some("2009-03-10T09:00:00+05:30")
        );
        // A draft never published has no UTC time.
        assert_eq!(
            date("2009-03-10 09:00:00", "0000-00-00 00:00:00").as_deref(),
            Some("2009-03-10T09:00:00")
        );
        assert_eq!(date("0000-00-00 00:00:00", ""), None);
    }

    #[test]
    fn old_addresses_keep_their_path_and_query() {
        assert_eq!(
            old_path("http://blog.example/2009/10/billet/").as_deref(),
            Some("/2009/10/billet/")
        );
        assert_eq!(
            old_path("https://blog.example/?p=12").as_deref(),
            Some("/?p=12")
        );
        assert_eq!(old_path("https://blog.example").as_deref(), Some("/"));
        assert_eq!(old_path("pas une adresse"), None);
    }
}
