//! `carnet build`: checks the content, then writes the site into the folder Trunk built.
//!
//! It reads `content/site.toml` and the posts under `content/posts/` (`*.md`, `*.markdown`, …), checks them with `carnet-core`, and
//! writes into the site folder: the JSON the app reads (`data/`), every page pre-rendered to HTML
//! by the app's own components (from Trunk's `index.html`), the Atom feed, the sitemap,
//! `robots.txt`, and a page at each old address of a post (its `aliases`) sending the reader on,
//! listed in `data/redirects.json`. Trunk runs it after every build (see `Trunk.toml`), so saving a post under
//! `trunk serve` shows it in the browser. On any error in the content it prints every problem
//! with its file, line and fix, exits with status 1 and leaves the previous output as it was.
//! The site is written into a staging folder and swapped in once whole ([`write_site`]), so a
//! build that fails or is stopped while writing leaves the previous site as it was too. Posts
//! dated after today (in the local time zone) or past their expiry day are left out, and named,
//! unless `--future` is given; drafts unless `--drafts` is (an author's preview).

use crate::cache::{self, Cache};
use crate::calendar;
use crate::highlight::Highlighter;
use crate::images::ImageSizes;
use crate::prerender::{page_file, Prerenderer};
use crate::stylesheet::Stylesheet;
use carnet_core::content::{self, Blog, ContentError, Failed, Publish, SourceFile};
use carnet_core::feed::{self, FEED_PATH, SITEMAP_PATH};
use carnet_core::gzip::gzip;
use carnet_core::links::{self, LinkTargets};
use carnet_core::model::{bucket, bucket_path, Page, PageData, INDEX_PATH};
use carnet_core::paths::{self, NOT_FOUND};
use carnet_core::search::{self, index::PostEntry};
use serde_json::value::RawValue;
use std::collections::BTreeMap;
use std::collections::BTreeSet;
use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Check the content, then write the site
///
/// Writes into the site folder data/, a pre-rendered page for every route (if Trunk's
/// index.html is there), feed.xml and a feed for each category and tag, sitemap.xml and
/// robots.txt. Trunk runs it after every build.
/// Nothing is written if any post has a problem: every problem is printed with its file, line
/// and fix. Posts dated after today or past their expiry day are left out (and named) unless
/// --future is given, posts with `draft = true` unless --drafts is.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub content: ContentArgs,
    /// The site folder to write into
    #[arg(long, value_name = "DIR", default_value = "dist")]
    pub out: PathBuf,
    /// The path Trunk built the site for (its public URL, e.g. /blog/); the `base` of
    /// site.toml is used when this is `/`, and must agree with it otherwise
    #[arg(long, value_name = "PATH", default_value = "/")]
    pub base: String,
    /// Where the site is published, e.g. https://example.org/blog/ [default: the `url` of
    /// site.toml; empty means that default too]
    #[arg(long, value_name = "URL")]
    pub site_url: Option<String>,
    /// The build cache: what the last build rendered, so that the next one redoes only what
    /// changed. Deleting it is always safe
    #[arg(long, value_name = "DIR", default_value = "target/carnet-cache")]
    pub cache: PathBuf,
    /// Build without the cache (neither read nor written)
    #[arg(long)]
    pub no_cache: bool,
    /// The folder of a site this build replaces, whose page folders it takes over: moved into
    /// the new site, each file whose bytes did not change kept, the others replaced or deleted.
    /// Faster than making them again; that site is left without them. Trunk's hook passes its
    /// dist/ under `trunk serve`
    #[arg(long, value_name = "DIR")]
    pub take_over: Option<PathBuf>,
}

/// What `build` and `check` read: the content folder, and which posts to publish.
#[derive(clap::Args)]
pub struct ContentArgs {
    /// The folder holding site.toml and posts/
    #[arg(long = "content", value_name = "DIR", default_value = "content")]
    pub folder: PathBuf,
    /// The folder whose files the site serves as they are (Trunk copies public/images), which
    /// links in posts may lead to
    #[arg(long, value_name = "DIR", default_value = "public")]
    pub public: PathBuf,
    /// Also publish the posts dated after today (in this machine's time zone) and those whose
    /// expiry day has come, which are left out otherwise
    #[arg(long)]
    pub future: bool,
    /// Also publish the drafts, each marked « Brouillon »: an author's preview (`carnet serve
    /// --drafts`), never for the published site
    #[arg(long)]
    pub drafts: bool,
}

/// Runs `carnet build`.
pub fn run(args: Args) -> ExitCode {
    let started = std::time::Instant::now();
    let Some(mut blog) = checked_blog(&args.content) else {
        return ExitCode::FAILURE;
    };
    let previewing = std::env::var("TRUNK_PROFILE").is_ok_and(|profile| profile == "debug");
    let base = match site_base(&args.base, blog.base.as_ref(), previewing) {
        Ok(base) => base,
        Err(error) => {
            eprintln!("error: {error}\n\ncarnet: 1 problem; nothing was written.");
            return ExitCode::FAILURE;
        }
    };
    let site_url = args.site_url.filter(|url| !url.trim().is_empty());
    if let Some(Err((message, fix))) = site_url.as_deref().map(content::check_site_url) {
        // Trunk passes CARNET_SITE_URL as --site-url: name both, since either may be the cause.
        eprintln!(
            "error: --site-url (the environment variable CARNET_SITE_URL under Trunk): {message}\n  \
             fix: {fix}\n\ncarnet: 1 problem; nothing was written."
        );
        return ExitCode::FAILURE;
    }
    // An alias is from the blog's root: one written from the host's, its base included, is
    // most likely meant without it.
    if let Some(base_folder) = base
        .trim_matches('/')
        .split('/')
        .next()
        .filter(|f| !f.is_empty())
    {
        for redirect in blog.redirects.iter().chain(&blog.held_back_redirects) {
            if top_entry(&redirect.from) == base_folder {
                let meant = &redirect.from[base_folder.len()..];
                blog.warnings.push(ContentError {
                    path: redirect.file.clone(),
                    line: redirect.line,
                    message: format!(
                        "the alias /{} is from the blog's root, which is {base} on the host: its \
                         page is at {base}{}",
                        redirect.from, redirect.from
                    ),
                    fix: format!("nothing if that is the old address; else write it `{meant}`"),
                });
            }
        }
    }
    let over_the_app = aliases_over_the_app(&blog, &args.out);
    if !over_the_app.is_empty() {
        print_errors(&over_the_app, &args.content.folder);
        return ExitCode::FAILURE;
    }
    blog.manifest.site.url = public_url(site_url.as_deref(), &blog.manifest.site.url, &base);
    let mut cache = Cache::open((!args.no_cache).then_some(args.cache.as_path()));
    let public = &args.content.public;
    let take_over = args.take_over.as_deref();
    let previous = posts_published(previous_site(&args.out, take_over));
    if let Err(error) = write_site(&blog, &args.out, &base, public, &mut cache, take_over) {
        eprintln!("error: cannot write into {}: {error}", args.out.display());
        return ExitCode::FAILURE;
    }
    if !args.out.join("index.html").is_file() {
        // Without Trunk's page there is no app to pre-render pages with: a folder a reader
        // cannot open, which the author should hear about before they try to.
        eprintln!(
            "carnet: no page written: {} has no index.html, the app Trunk builds; only the data, \
             feed and sitemap are there\n  fix: build with `trunk build --release` (with \
             CARNET_CONTENT={} for this content folder), or copy a built dist/ into {} first",
            args.out.display(),
            args.content.folder.display(),
            args.out.display()
        );
    }
    if cache.enabled() {
        let counts = cache.counts;
        cache.finish();
        eprintln!(
            "carnet: {} pieces of work taken from the cache {}, {} done{}; {:.2} s",
            counts.reused,
            args.cache.display(),
            counts.done,
            match counts.damaged {
                0 => String::new(),
                damaged => format!(" ({damaged} damaged in the cache, done again)"),
            },
            started.elapsed().as_secs_f64()
        );
    }
    report(&blog, Some(&args.out));
    report_gone(&blog, &previous);
    if !previewing && is_this_machine(&blog.manifest.site.url) {
        eprintln!(
            "carnet: the site's url is {}, this machine's: its feed, sitemap, robots.txt and \
             canonical links lead there; before publishing, write where the blog lives in \
             site.toml (`url = \"https://example.org/\"`) or give CARNET_SITE_URL",
            blog.manifest.site.url
        );
    }
    ExitCode::SUCCESS
}

/// The site this build replaces: the one it takes over (under `trunk serve`), else the one Trunk
/// is about to replace (`$TRUNK_DIST_DIR`, in its hook), else the folder it writes into.
fn previous_site(out: &Path, take_over: Option<&Path>) -> PathBuf {
    take_over
        .map(Path::to_path_buf)
        .or_else(|| std::env::var_os("TRUNK_DIST_DIR").map(PathBuf::from))
        .unwrap_or_else(|| out.to_path_buf())
}

/// The pages under `posts/` that `site` publishes (`posts/billet/`): the posts' and their
/// aliases'.
fn posts_published(site: PathBuf) -> BTreeSet<String> {
    let Ok(entries) = fs::read_dir(site.join("posts")) else {
        return BTreeSet::new();
    };
    entries
        .flatten()
        .filter(|entry| entry.path().join("index.html").is_file())
        .filter_map(|entry| entry.file_name().into_string().ok())
        .map(|slug| paths::post(&slug))
        .collect()
}

/// Tells of each page of `previous` (the posts' pages the site replaced had) that this build no
/// longer publishes: a reader's link or bookmark to it now meets « Page introuvable ». A post
/// whose file was renamed (its slug is its name) keeps its old address with an alias.
fn report_gone(blog: &Blog, previous: &BTreeSet<String>) {
    let mut published: HashSet<String> = (blog.manifest.posts.iter())
        .map(|post| paths::post(&post.slug))
        .collect();
    published.extend(blog.redirects.iter().map(|redirect| redirect.from.clone()));
    // Held back (a draft a preview showed, a post to come, one past its expiry day): the build
    // has said so already.
    published.extend(blog.held_back.iter().map(|(page, _)| page.clone()));
    let gone: Vec<&String> = previous
        .iter()
        .filter(|page| !published.contains(*page))
        .collect();
    const SHOWN: usize = 5;
    for page in gone.iter().take(SHOWN) {
        eprintln!(
            "warning: /{page}, published by the last build, is no longer: a reader's link or \
             bookmark to it meets « Page introuvable »\n  fix: nothing if its post was \
             deleted, or is held back on purpose; if its file was renamed, write \
             `aliases = [\"/{page}\"]` in that post"
        );
    }
    if gone.len() > SHOWN {
        eprintln!("  and {} other pages of posts", gone.len() - SHOWN);
    }
}

/// Whether `url` is on this machine (`127.0.0.1`, `localhost`): right for a preview, never for
/// a published blog, whose feed and canonical links it would name.
fn is_this_machine(url: &str) -> bool {
    let authority = url
        .split_once("://")
        .map_or("", |(_, rest)| rest)
        .split('/')
        .next()
        .unwrap_or("");
    let host = match authority.split_once(']') {
        Some((ipv6, _)) => &authority[..ipv6.len() + 1],
        None => authority.split(':').next().unwrap_or(""),
    };
    let loopback_v4 =
        host.starts_with("127.") && host.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    host.eq_ignore_ascii_case("localhost") || loopback_v4 || host == "[::1]"
}

/// The path the site is built for, from Trunk's public URL (`--base`) and the base the settings
/// give, which must agree. Trunk's default, `/`, gives way to the settings, but in a preview
/// (`trunk serve`, a debug build), which Trunk serves at its public URL: `carnet serve` passes
/// the settings' base to Trunk, so that the preview is at the same path as the site.
fn site_base(
    trunk: &str,
    configured: Option<&content::ConfiguredBase>,
    previewing: bool,
) -> Result<String, String> {
    let trunk = content::check_base_path(trunk).map_err(|(message, fix)| {
        format!("--base (Trunk's public URL, --public-url): {message}\n  fix: {fix}")
    })?;
    let Some(configured) = configured else {
        return Ok(trunk);
    };
    match trunk.as_str() {
        same if same == configured.path => Ok(trunk),
        "/" if previewing => {
            eprintln!(
                "carnet: previewing at /; {}'s base {} is for release builds (`carnet serve` \
                 previews there)",
                configured.source, configured.path
            );
            Ok(trunk)
        }
        "/" => Ok(configured.path.clone()),
        _ => Err(format!(
            "{}: the site's base path is {}, but the build is for {trunk} (--base; Trunk's \
             --public-url, under Trunk)\n  fix: leave out --base and --public-url (the base of \
             site.toml is used), or make the two the same",
            configured.source, configured.path
        )),
    }
}

/// Reads and checks the content, printing every problem; none if there was one.
pub fn checked_blog(args: &ContentArgs) -> Option<Blog> {
    let publish = Publish {
        until: (!args.future).then(calendar::today),
        drafts: args.drafts,
    };
    match read_content(&args.folder, &args.public, publish) {
        Ok(Ok(blog)) => Some(blog),
        Ok(Err(failed)) => {
            print_warnings(&failed.warnings);
            print_errors(&failed.errors, &args.folder);
            None
        }
        Err(error) => {
            eprintln!(
                "error: {error}\n\ncarnet: 1 problem in {}; nothing was written.",
                args.folder.display()
            );
            None
        }
    }
}

/// Prints every problem of the content `folder`, and that nothing was written.
fn print_errors(errors: &[ContentError], folder: &Path) {
    for error in errors {
        eprintln!("error: {error}\n");
    }
    eprintln!(
        "carnet: {} problem{} in {}; nothing was written.",
        errors.len(),
        if errors.len() == 1 { "" } else { "s" },
        folder.display()
    );
}

/// Prints `warnings`, one told in many files (Jekyll's `layout` in every post) once, with a
/// count.
fn print_warnings(warnings: &[ContentError]) {
    let mut told: Vec<(&ContentError, usize)> = Vec::new();
    let mut first_of: HashMap<(&str, &str), usize> = HashMap::new();
    for warning in warnings {
        match first_of.get(&(warning.message.as_str(), warning.fix.as_str())) {
            Some(&at) => told[at].1 += 1,
            None => {
                first_of.insert((&warning.message, &warning.fix), told.len());
                told.push((warning, 0));
            }
        }
    }
    for (warning, others) in told {
        eprintln!("warning: {warning}");
        if others > 0 {
            eprintln!(
                "  the same in {others} other place{}",
                if others == 1 { "" } else { "s" }
            );
        }
    }
}

/// Tells what the author should know (front matter keys left out, links relative to a post
/// that lead nowhere), what was left out and how many posts were checked (and where the site
/// went).
pub fn report(blog: &Blog, written_to: Option<&Path>) {
    print_warnings(&blog.warnings);
    for post in &blog.future {
        let when = match post.publish_date {
            Some(day) => format!("to be published on {day}"),
            None => format!("dated {}", post.date),
        };
        eprintln!(
            "carnet: left out {}, {when}, after today ({}); --future publishes it",
            post.path,
            calendar::today()
        );
    }
    for path in &blog.drafts {
        eprintln!(
            "carnet: left out {path}, a draft; take out its `draft` (Jekyll's `published: \
             false`) to publish it"
        );
    }
    for post in &blog.expired {
        eprintln!(
            "carnet: left out {}, taken out of the site on {} (its `expiryDate`); take out that \
             line to publish it again",
            post.path, post.expiry_date
        );
    }
    let drafts = blog.manifest.posts.iter().filter(|post| post.draft).count();
    if drafts > 0 {
        eprintln!(
            "carnet: {drafts} draft{} published, marked « Brouillon » (--drafts): a preview, not \
             a site to publish",
            if drafts == 1 { "" } else { "s" }
        );
    }
    let left_out = blog.future.len() + blog.drafts.len() + blog.expired.len();
    let checked = blog.manifest.posts.len() + left_out;
    eprintln!(
        "carnet: {checked} post{} checked{}{}{}",
        if checked == 1 { "" } else { "s" },
        match left_out {
            0 => String::new(),
            left_out => format!(", {left_out} left out"),
        },
        match blog.redirects.len() {
            0 => String::new(),
            1 => ", 1 old address sent on to its post".to_owned(),
            sent => format!(", {sent} old addresses sent on to their posts"),
        },
        match written_to {
            Some(out) => format!(", site written to {}", out.display()),
            None => String::new(),
        }
    );
}

/// The public URL: `--site-url`, else site.toml's. One that names a host alone (the default
/// preview URL, or `https://user.github.io/`) is followed by `--base`: a site built for
/// `/blog/` is published there, and its feed, sitemap and canonical links must say so.
fn public_url(site_url: Option<&str>, configured: &str, base: &str) -> String {
    let host_alone = configured
        .split_once("://")
        .is_some_and(|(_, rest)| !rest.trim_end_matches('/').contains('/'));
    let url = match site_url {
        Some(url) => url.to_owned(),
        None if host_alone => format!("{}{}", configured.trim_end_matches('/'), base),
        None => configured.to_owned(),
    };
    format!("{}/", url.trim_end_matches('/'))
}

/// Reads every post file under `content/posts` ([`post_files`]; sorted, so errors come in a
/// stable order).
pub fn read_content(
    content: &Path,
    public: &Path,
    publish: Publish,
) -> io::Result<Result<Blog, Failed>> {
    let read = |path: &Path| -> io::Result<SourceFile> {
        let contents = fs::read(path).map_err(|e| {
            io::Error::new(e.kind(), format!("cannot read {}: {e}", path.display()))
        })?;
        Ok(SourceFile::new(path.display().to_string(), contents))
    };
    let settings_path = content.join("site.toml");
    let settings = if settings_path.exists() {
        Some(read(&settings_path)?)
    } else {
        None
    };

    let posts_dir = content.join("posts");
    if !posts_dir.is_dir() {
        // Said as the folder's read says it ("No such file or directory").
        fs::read_dir(&posts_dir).map_err(|e| {
            io::Error::new(
                e.kind(),
                format!(
                    "cannot read the posts folder {}: {e}\n  fix: run carnet in the blog's \
                     folder, or give --content the folder holding site.toml and posts/",
                    posts_dir.display()
                ),
            )
        })?;
    }
    let (mut post_files_found, mut not_posts) = (Vec::new(), Vec::new());
    post_files(&posts_dir, true, &mut post_files_found, &mut not_posts)?;
    post_files_found.sort_by(|a, b| a.path.cmp(&b.path));
    let paths: Vec<&Path> = post_files_found
        .iter()
        .map(|post| post.path.as_path())
        .collect();
    // On every core: ten thousand small reads are mostly system calls.
    let posts = carnet_core::cores::on_every_core(&paths, |path| read(path))
        .into_iter()
        .collect::<io::Result<Vec<_>>>()?;
    let mut blog = match content::build_or_tell(settings.as_ref(), &posts, publish) {
        Ok(blog) => blog,
        Err(mut failed) => {
            failed
                .warnings
                .extend(not_posts.iter().map(not_post_warning));
            return Ok(Err(failed));
        }
    };
    let mut targets = LinkTargets {
        pages: blog.page_paths().collect(),
        files: BTreeSet::from(
            [NOT_FOUND, FEED_PATH, SITEMAP_PATH, paths::ROBOTS].map(String::from),
        ),
        held_back: (blog.held_back.iter())
            .filter(|(page, _)| !blog.expired.iter().any(|post| post.page == *page))
            .cloned()
            .collect(),
        gone: (blog.expired.iter())
            .map(|post| {
                let why = format!(
                    "{} was taken out of the site on {} (its `expiryDate`)",
                    post.path, post.expiry_date
                );
                (post.page.clone(), why)
            })
            .collect(),
        fixes: BTreeMap::new(),
    };
    // Written beside the blog's pages (`write_pages`): a post may link to a search.
    targets.pages.insert(paths::SEARCH.to_owned());
    // Each category's and tag's feed (`feed::feeds`): a post may invite readers to one.
    let manifest = &blog.manifest;
    let lists = (manifest.categories.iter())
        .map(|entry| paths::category(&entry.category.slug))
        .chain(
            manifest
                .tags
                .iter()
                .map(|entry| paths::tag(&entry.tag.slug)),
        );
    targets
        .files
        .extend(lists.map(|list| paths::list_feed(&list)));
    // Only public/images/ is published (index.html's copy-dir): a link to another file of
    // public/ would lead to nothing on the site.
    if public.is_dir() {
        let mut served = Vec::new();
        files_under(public, "", &mut served)?;
        for (path, _) in served {
            if path.starts_with(paths::IMAGES) {
                targets.files.insert(path);
                continue;
            }
            let name = path.rsplit('/').next().unwrap_or(&path);
            let fix = format!(
                "only {public}/{images} is published: move {public}/{path} there and link to \
                 /{images}{name}",
                public = public.display(),
                images = paths::IMAGES
            );
            targets.fixes.insert(path, fix);
        }
    }
    // A redirect's address is a file on the host, but the app's router does not know it.
    for redirect in &blog.redirects {
        let fix = format!(
            "link to /{}, the page /{} sends readers to",
            redirect.to, redirect.from
        );
        targets.fixes.insert(redirect.from.clone(), fix);
    }
    for redirect in &blog.held_back_redirects {
        let fix = format!(
            "link to /{}: /{} is an old address of that post, which is not published yet",
            redirect.to, redirect.from
        );
        targets.fixes.insert(redirect.from.clone(), fix);
    }
    let (beside, mut errors) = files_beside_posts(&blog, &post_files_found);
    targets
        .files
        .extend(beside.iter().map(|(path, _)| path.clone()));
    let mut broken = links::broken_links(&blog.links, &targets);
    if !public.is_dir() {
        // Run from elsewhere than the blog's folder, the files the links lead to are not seen.
        for error in &mut broken.errors {
            error.fix.push_str(&format!(
                "; there is no folder {} here: run carnet in the blog's folder, or give \
                 --public the folder of its public files",
                public.display()
            ));
        }
    }
    errors.extend(broken.errors);
    let mut warnings = std::mem::take(&mut blog.warnings);
    warnings.extend(broken.warnings);
    warnings.extend(not_posts.iter().map(not_post_warning));
    Ok(if errors.is_empty() {
        Ok(Blog {
            warnings,
            beside,
            ..blog
        })
    } else {
        Err(Failed { errors, warnings })
    })
}

/// What the author is told of a file that opens with front matter and is no post.
fn not_post_warning((path, not_post): &(PathBuf, NotPost)) -> ContentError {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let stem = name.rsplit_once('.').map_or(&*name, |(stem, _)| stem);
    let (message, fix) = match not_post {
        NotPost::OtherKind => (
            "a post's front matter in a file that is not Markdown: not published".to_owned(),
            format!(
                "rename it {stem}.md if it is a post (HTML in a post is kept as far as the \
                 allow-list goes: README « HTML in a post »)"
            ),
        ),
        NotPost::InPostsFolder(post) => (
            format!(
                "a post's front matter in the folder of the post {}: published as a file \
                 beside it, front matter and all, not as a post",
                post.display()
            ),
            "move it out of that folder if it is a post (posts/ takes posts at any depth), or \
             take its front matter out if it is a note of that post"
                .to_owned(),
        ),
    };
    ContentError {
        path: path.display().to_string(),
        line: 1,
        message,
        fix,
    }
}

/// The files published beside the pages of the posts that have a folder of their own, each
/// with its path on the site (`posts/<slug>/photo.jpg`) (a draft's or a future post's are not
/// published), and an error for each that would take its page's place (`index.html`).
fn files_beside_posts(
    blog: &Blog,
    posts: &[PostFile],
) -> (Vec<(String, PathBuf)>, Vec<ContentError>) {
    let published: HashSet<String> = blog
        .manifest
        .posts
        .iter()
        .map(|post| paths::post(&post.slug))
        .collect();
    let pages: HashMap<&str, &str> = blog
        .links
        .iter()
        .map(|links| (links.path.as_str(), links.page.as_str()))
        .collect();
    let (mut beside, mut errors) = (Vec::new(), Vec::new());
    for post in posts.iter().filter(|post| !post.beside.is_empty()) {
        let file = post.path.display().to_string();
        let Some(page) = pages
            .get(file.as_str())
            .filter(|page| published.contains(**page))
        else {
            continue;
        };
        for (name, source) in &post.beside {
            if name == "index.html" {
                errors.push(ContentError {
                    path: source.display().to_string(),
                    line: 1,
                    message: format!(
                        "this file would take the place of the page of {file}, /{page}"
                    ),
                    fix: "rename it: a post's folder may hold any file but index.html".to_owned(),
                });
                continue;
            }
            beside.push((format!("{page}{name}"), source.clone()));
        }
    }
    (beside, errors)
}

/// Why a file that opens with front matter, as posts do, is no post: the author is told.
enum NotPost {
    /// It is not Markdown (Jekyll's `.html` posts).
    OtherKind,
    /// It is in the folder of this post's file (`travel/index.md`), among that post's files.
    InPostsFolder(PathBuf),
}

/// A post's file, and if the post has a folder of its own (`billet/index.md`), the other files
/// of that folder, each with its path from it (`photos/a.jpg`), published beside its page.
struct PostFile {
    path: PathBuf,
    beside: Vec<(String, PathBuf)>,
}

/// Adds to `posts` the post files of `folder` and of its folders, at any depth: posts sorted by
/// year (`2009/billet.md`) are posts like the others, and so is a post in a folder of its own
/// (`billet/index.md`, as Hugo's and Zola's page bundles), whose other files, Markdown
/// included, are its own, not posts. Left aside: hidden files and folders (`.git`, an editor's
/// lock `.#billet.md`), a folder or a link to nowhere named `*.md`, the `_index.md` of
/// Hugo's and Zola's sections, which describes a list, not a post, and Jekyll's `_drafts/`. A post's file is `.md` or
/// another Markdown extension, in any case (`BILLET.MD`, `billet/INDEX.markdown`,
/// `billet.mkd`: `content::MARKDOWN_EXTENSIONS`); a folder with two files that
/// could be its post (`index.md` and `index.markdown`) is an error. A file of another kind
/// that opens with front matter, as Jekyll's `.html` posts do, or a Markdown file that does in a
/// post's folder, is added to `not_posts`, so that the author is told rather than losing it
/// (or publishing it as a file) without a word.
fn post_files(
    folder: &Path,
    top: bool,
    posts: &mut Vec<PostFile>,
    not_posts: &mut Vec<(PathBuf, NotPost)>,
) -> io::Result<()> {
    let mut entries = Vec::new();
    for entry in read_folder(folder)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        // A link to a folder is not followed: it could lead back up, for ever.
        let is_folder = entry.file_type()?.is_dir();
        // Jekyll's `_drafts/`: not posts until moved out.
        let drafts = is_folder && name == "_drafts";
        if !name.starts_with('.') && !drafts {
            entries.push((name, is_folder));
        }
    }
    entries.sort();
    // `index.md`, and Hugo's translations of it, `index.fr.md`.
    let stem_is = |name: &str, stem: &str| {
        name.rsplit_once('.')
            .is_some_and(|(before, _)| content::without_language(before).eq_ignore_ascii_case(stem))
    };
    let own_files: Vec<&str> = entries
        .iter()
        .filter(|(name, is_folder)| {
            !is_folder && content::is_markdown_file(name) && stem_is(name, "index")
        })
        .map(|(name, _)| name.as_str())
        .collect();
    if let (false, [own_file, others @ ..]) = (top, own_files.as_slice()) {
        if let Some(other) = others.first() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "{}: two files, {own_file} and {other}, would be this folder's post; \
                     keep one, or rename the other",
                    folder.display()
                ),
            ));
        }
        let mut beside = Vec::new();
        files_under(folder, "", &mut beside)?;
        beside.retain(|(name, _)| name != own_file);
        for (name, path) in &beside {
            if content::is_markdown_file(name) && opens_with_front_matter(path) {
                not_posts.push((path.clone(), NotPost::InPostsFolder(folder.join(own_file))));
            }
        }
        posts.push(PostFile {
            path: folder.join(own_file),
            beside,
        });
        return Ok(());
    }
    for (name, is_folder) in &entries {
        let path = folder.join(name);
        if *is_folder {
            post_files(&path, false, posts, not_posts)?;
        } else if content::is_markdown_file(name) && !stem_is(name, "_index") && path.is_file() {
            posts.push(PostFile {
                path,
                beside: Vec::new(),
            });
        } else if is_other_tools_post_file(name) && opens_with_front_matter(&path) {
            not_posts.push((path, NotPost::OtherKind));
        }
    }
    Ok(())
}

/// Whether the file `name` is of a kind other tools read as a post: Jekyll's and Hugo's
/// `.html`, Hugo's `.org`, `.adoc`, `.rst`, `.pdc`, Jekyll's `.textile`, a `.txt` (not a
/// data file: `---` also starts a YAML document).
fn is_other_tools_post_file(name: &str) -> bool {
    const KINDS: [&str; 9] = [
        "html", "htm", "txt", "org", "adoc", "asciidoc", "rst", "pdc", "textile",
    ];
    name.rsplit_once('.')
        .is_some_and(|(_, kind)| KINDS.iter().any(|known| kind.eq_ignore_ascii_case(known)))
}

/// Whether the file at `path` starts as a post does, with a front matter fence (`---` or
/// `+++`, after a byte-order mark if any); false if it cannot be read.
fn opens_with_front_matter(path: &Path) -> bool {
    // Its first line is all that is read: a fence line is short.
    let mut start = Vec::with_capacity(64);
    let read = fs::File::open(path)
        .and_then(|file| io::Read::read_to_end(&mut io::Read::take(file, 64), &mut start));
    read.is_ok() && carnet_core::front_matter::opens_front_matter(&String::from_utf8_lossy(&start))
}

/// Adds to `files` the files under `folder` but hidden ones, at any depth, each with its path
/// from there after `prefix`: a post's folder's files, published beside its page, or the public
/// folder's, served as they are.
fn files_under(folder: &Path, prefix: &str, files: &mut Vec<(String, PathBuf)>) -> io::Result<()> {
    for entry in read_folder(folder)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, &format!("{prefix}{name}/"), files)?;
        } else if path.is_file() {
            files.push((format!("{prefix}{name}"), path));
        }
    }
    Ok(())
}

/// The entries of `folder`, or an error that names it.
fn read_folder(folder: &Path) -> io::Result<fs::ReadDir> {
    fs::read_dir(folder)
        .map_err(|e| io::Error::new(e.kind(), format!("cannot read {}: {e}", folder.display())))
}

/// Where a build writes the site, inside the site folder, until every file is written.
const STAGING: &str = ".carnet-new";

/// Where a build moves the previous site's files while it moves the new ones in.
const RETIRED: &str = ".carnet-old";

/// Whether the entry `name` at the top of the site folder is the tool's, so that a build
/// replaces it whole: the pages' folders (see `carnet_core::paths`), `data/`, the root pages,
/// the feed, the sitemaps and robots.txt, and the `.br` and `.gz` copies a release build made of
/// them. The folders and files of the redirects are the tool's too ([`write_site`] adds them,
/// this build's and the last one's); everything else (the app, its styles and images) is
/// Trunk's, and stays.
fn is_owned(name: &str) -> bool {
    let name = uncompressed(name);
    paths::is_site_file(name)
        || [
            "data",
            "posts",
            "category",
            "tag",
            "tags",
            "archive",
            "page",
            "search",
            "index.html",
        ]
        .contains(&name)
}

/// The name of the file a release build's `.br` or `.gz` copy `name` is of; else `name`.
fn uncompressed(name: &str) -> &str {
    [".br", ".gz"]
        .iter()
        .find_map(|suffix| name.strip_suffix(suffix))
        .unwrap_or(name)
}

/// Writes the whole site, all or nothing: every file into [`STAGING`] first, then, once all are
/// written, the tool's entries of `out` ([`is_owned`], and those of this build's and the last
/// one's redirects, [`REDIRECTS_PATH`]) are swapped for the new ones, so a build
/// that fails or is stopped before the swap leaves the previous site as it was, and a page of
/// a deleted post goes with the old entries.
fn write_site(
    blog: &Blog,
    out: &Path,
    base: &str,
    public: &Path,
    cache: &mut Cache,
    take_over: Option<&Path>,
) -> io::Result<()> {
    fs::create_dir_all(out)?;
    let renderer = prerenderer(out, base)?;
    let (staging, retired) = (out.join(STAGING), out.join(RETIRED));
    // What a build stopped half-way may have left.
    remove(&staging)?;
    remove(&retired)?;
    fs::create_dir(&staging)?;
    let taken = match take_over {
        Some(previous) => take_folders(previous, &staging),
        None => Vec::new(),
    };
    if !taken.is_empty() {
        cache.track_written();
    }
    let renderer = renderer.as_ref().map(|(renderer, template)| Renderer {
        renderer,
        template,
        base,
    });
    // What the taken folders hold that this site does not goes once the rest is written: the
    // pages' folders as soon as the pages and their data are, while the search index is still
    // being built on its own thread, so that the walk is not one more step after it.
    let search_folder = search::SEARCH_DIR.trim_end_matches('/');
    let (search, pages): (Vec<&OsString>, Vec<&OsString>) =
        taken.iter().partition(|name| *name == search_folder);
    let remove_stale_in = |folders: &[&OsString], written: &HashSet<PathBuf>| {
        folders
            .iter()
            .try_for_each(|name| remove_stale(&staging.join(name), written).map(drop))
    };
    let pages_done = |cache: &Cache| match cache.written() {
        Some(written) => remove_stale_in(&pages, written),
        None => Ok(()),
    };
    let written = write_files(
        blog,
        &staging,
        renderer.as_ref(),
        base,
        public,
        cache,
        &pages_done,
    )
    .and_then(|()| remove_stale_in(&search, &cache.take_written()));
    if let Err(error) = written {
        if let Some(previous) = take_over {
            // Given back as they are now: the previous site keeps its pages, if not as they were.
            for name in &taken {
                let _ = fs::rename(staging.join(name), previous.join(name));
            }
        }
        let _ = fs::remove_dir_all(&staging);
        return Err(error);
    }
    // The redirects' folders are the tool's too, this build's and the last one's.
    let mut redirect_entries = last_builds_redirect_entries(out);
    redirect_entries.extend(blog.redirects.iter().map(|r| top_entry(&r.from).to_owned()));
    swap_in(out, &staging, &retired, &|name| {
        is_owned(name) || redirect_entries.contains(uncompressed(name))
    })
}

/// Where a build lists the addresses of its redirects, each with the page it sends readers to:
/// for the next build, which replaces the folders they are in, and for a host that does
/// redirects of its own.
const REDIRECTS_PATH: &str = "data/redirects.json";

/// The entries at the top of `out` that hold the redirects the last build wrote there
/// ([`REDIRECTS_PATH`]): the tool's, as [`is_owned`]'s are.
fn last_builds_redirect_entries(out: &Path) -> BTreeSet<String> {
    let listed: Option<BTreeMap<String, String>> = fs::read(out.join(REDIRECTS_PATH))
        .ok()
        .and_then(|json| serde_json::from_slice(&json).ok());
    let addresses = listed.unwrap_or_default().into_keys();
    addresses
        .map(|address| top_entry(&address).to_owned())
        .collect()
}

/// The entry at the top of the site folder that the page of a redirect from `address` is in:
/// `2009` for `2009/10/06/x/`, `vieux.html` for `vieux.html`.
fn top_entry(address: &str) -> &str {
    address.split('/').next().unwrap_or(address)
}

/// The aliases whose page would be written into a file or folder at the top of `out` that is
/// not the tool's (the app's script, stylesheet, icon: Trunk's), each an error at its line:
/// the page would take its place.
fn aliases_over_the_app(blog: &Blog, out: &Path) -> Vec<ContentError> {
    let Ok(entries) = fs::read_dir(out) else {
        return Vec::new();
    };
    let last_builds = last_builds_redirect_entries(out);
    // Compared whatever their case: a file system may ignore it (macOS's, Windows's).
    let the_apps: BTreeSet<String> = entries
        .flatten()
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| !is_owned(name) && !last_builds.contains(uncompressed(name)))
        .map(|name| name.to_lowercase())
        .collect();
    let mut errors = Vec::new();
    for redirect in blog.redirects.iter().chain(&blog.held_back_redirects) {
        let entry = top_entry(&redirect.from);
        if the_apps.contains(&entry.to_lowercase()) {
            errors.push(ContentError {
                path: redirect.file.clone(),
                line: redirect.line,
                message: format!(
                    "the alias /{} would take the place of {entry} in {}, which the build does \
                     not write (the app's files are there)",
                    redirect.from,
                    out.display()
                ),
                fix: format!("remove it from `aliases`: the site needs {entry}"),
            });
        }
    }
    errors
}

/// Moves into `staging` the folders of `previous` that this tool writes (its pages, data and
/// search index: [`is_owned`]); returns their names. A folder that cannot be moved is left
/// where it is: the build makes it anew.
fn take_folders(previous: &Path, staging: &Path) -> Vec<OsString> {
    let Ok(entries) = fs::read_dir(previous) else {
        return Vec::new();
    };
    let mut taken = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let folder = entry.file_type().is_ok_and(|kind| kind.is_dir());
        if folder
            && name.to_str().is_some_and(is_owned)
            && fs::rename(entry.path(), staging.join(&name)).is_ok()
        {
            taken.push(name);
        }
    }
    taken.sort();
    taken
}

/// Deletes under `folder` every file not in `written`, and every folder left empty; returns
/// whether `folder` itself was deleted.
fn remove_stale(folder: &Path, written: &HashSet<PathBuf>) -> io::Result<bool> {
    let mut empty = true;
    for entry in fs::read_dir(folder)? {
        let entry = entry?;
        let path = entry.path();
        let kept = if entry.file_type()?.is_dir() {
            !remove_stale(&path, written)?
        } else if written.contains(&path) {
            true
        } else {
            fs::remove_file(&path)?;
            false
        };
        empty &= !kept;
    }
    if empty {
        fs::remove_dir(folder)?;
    }
    Ok(empty)
}

/// The blog's index as `data/index.json` holds it, and its stamp, which every page embeds.
struct WrittenIndex<'a> {
    json: &'a str,
    stamp: String,
}

impl WrittenIndex<'_> {
    fn new(json: &str) -> WrittenIndex<'_> {
        let stamp = carnet_core::model::index_stamp(json);
        WrittenIndex { json, stamp }
    }
}

/// The pre-renderer, with what its pages depend on besides their path and data.
struct Renderer<'a> {
    renderer: &'a Prerenderer,
    /// Trunk's page and the stylesheet, as the renderer draws with them.
    template: &'a str,
    base: &'a str,
}

impl Renderer<'_> {
    /// Writes the page at `path`, showing `data`, whose own part (its list page or post, as
    /// its bucket holds it) is `json`; rendered again only if the cache does not have it.
    fn write(
        &self,
        cache: &mut Cache,
        folder: &Path,
        path: &str,
        data: &PageData,
        index: &WrittenIndex,
        json: Option<&str>,
    ) -> io::Result<()> {
        debug_assert_eq!(json.is_none(), data.list.is_none() && data.post.is_none());
        let key = cache.key(&[
            b"page",
            self.template.as_bytes(),
            self.base.as_bytes(),
            index.json.as_bytes(),
            path.as_bytes(),
            json.map_or(b"-" as &[u8], |json| json.as_bytes()),
        ]);
        cache.file(key, &folder.join(page_file(path)), || {
            self.renderer.render(path, data, &index.stamp)
        })
    }
}

/// Writes every file of the site into `folder`, in one pass over its pages: each page's
/// pre-rendered HTML, its data (a post's with its code highlighted) kept in its bucket; then the
/// buckets, the 404 page, the feed, the sitemap and robots.txt. The search index is built on a
/// thread of its own meanwhile, unless the cache has it; `pages_done` is called once the pages
/// and the buckets are written, meanwhile too. Each piece of work the cache holds is taken from
/// it ([`crate::cache`]).
fn write_files(
    blog: &Blog,
    folder: &Path,
    renderer: Option<&Renderer>,
    base: &str,
    public: &Path,
    cache: &mut Cache,
    pages_done: &dyn Fn(&Cache) -> io::Result<()>,
) -> io::Result<()> {
    let index = blog.manifest.index();
    let index_json = to_json(&index);
    cache.write(&folder.join(INDEX_PATH), index_json.as_bytes())?;
    let search_key = search_key(blog, cache);
    let cached_search = cache.cached_files(search_key);
    // The index last built, whatever its key: a file of it whose contents did not change is
    // taken again rather than gzipped anew (one post's change reaches a few of its files).
    let last_search_key = cache.key(&[b"search index, last built"]);
    let last_search = match cached_search {
        Some(_) => HashMap::new(),
        None => cache.stored_files(last_search_key),
    };
    // Unless the whole index is cached, each post's entry (its words, its gzipped text) is
    // taken from the cache where its title and Markdown are unchanged: after one post changed,
    // the index is only assembled again. With the whole index cached, the entries are only
    // carried over, for the next change. They are read on the index's own thread.
    let entry_keys = entry_keys(blog, cache);
    let stored = match cached_search {
        Some(_) => {
            entry_keys.iter().for_each(|&key| cache.carry(key));
            Vec::new()
        }
        None => cache.stored_bytes(&entry_keys),
    };
    let search = std::thread::scope(|scope| -> io::Result<_> {
        let search = cached_search.is_none().then(|| {
            scope.spawn(|| {
                let kept: Vec<Option<PostEntry>> = stored
                    .iter()
                    .map(|stored| {
                        let bytes = stored.as_ref()?.read()?;
                        PostEntry::from_bytes(bytes).ok()
                    })
                    .collect();
                let made: Vec<bool> = kept.iter().map(Option::is_none).collect();
                let entries = search::index::post_entries(blog, kept);
                let earlier = |path: &str| last_search.get(path)?.read();
                let files = search::index::blog_files(blog, &entries, &earlier);
                (files, entries, made)
            })
        });
        let written = WrittenIndex::new(&index_json);
        let sitemap = write_pages(blog, folder, renderer, public, cache, &written)?;
        for (path, source) in &blog.beside {
            let bytes = fs::read(source).map_err(|e| {
                io::Error::new(e.kind(), format!("cannot read {}: {e}", source.display()))
            })?;
            cache.write(&folder.join(path), &bytes)?;
        }
        pages_done(cache)?;
        Ok((
            sitemap,
            search.map(|thread| thread.join().expect("the search index is built")),
        ))
    })?;
    let (sitemap, search) = search;
    match (cached_search, search) {
        (Some(files), _) => cache.link_files(search_key, folder, files)?,
        (None, Some((files, entries, made))) => {
            for (((key, entry), made), stored) in
                entry_keys.iter().zip(&entries).zip(made).zip(&stored)
            {
                if made {
                    if stored.is_some() {
                        // Found, but unreadable: counted as taken from the cache, it was not.
                        cache.counts.reused -= 1;
                        cache.counts.damaged += 1;
                    }
                    cache.keep_bytes(*key, entry.to_bytes());
                }
            }
            let files = files
                .into_iter()
                .map(|file| (file.path, file.bytes))
                .collect();
            cache.write_files(search_key, folder, files)?;
        }
        (None, None) => unreachable!("the index is built when the cache does not have it"),
    }
    cache.record_as(last_search_key, search_key);
    let site_url = &blog.manifest.site.url;
    for (path, xml) in feed::feeds(blog, site_url) {
        cache.write(&folder.join(path), xml.as_bytes())?;
    }
    for (path, xml) in feed::sitemaps(&sitemap, site_url) {
        cache.write(&folder.join(path), xml.as_bytes())?;
    }
    cache.write(
        &folder.join(paths::ROBOTS),
        format!("User-agent: *\nAllow: /\nSitemap: {site_url}{SITEMAP_PATH}\n").as_bytes(),
    )?;
    if blog.redirects.is_empty() {
        return Ok(());
    }
    let language = blog.manifest.site.language;
    for redirect in &blog.redirects {
        let page = redirect.page(base, site_url, language);
        let file = if redirect.from.ends_with('/') {
            format!("{}index.html", redirect.from)
        } else {
            redirect.from.clone()
        };
        cache.write(&folder.join(file), page.as_bytes())?;
    }
    let listed: BTreeMap<&str, &str> = (blog.redirects.iter())
        .map(|redirect| (redirect.from.as_str(), redirect.to.as_str()))
        .collect();
    cache.write(&folder.join(REDIRECTS_PATH), to_json(&listed).as_bytes())
}

/// The key of the search index: everything of the blog it may read (the settings, each post's
/// summary and Markdown), since [`search::index::blog_index`] is treated as a whole.
fn search_key(blog: &Blog, cache: &Cache) -> cache::Key {
    let summaries: Vec<Vec<u8>> = std::iter::once(&blog.manifest.site)
        .map(|site| serde_json::to_vec(site).expect("the schema serialises"))
        .chain(
            blog.manifest
                .posts
                .iter()
                .map(|post| serde_json::to_vec(post).expect("the schema serialises")),
        )
        .collect();
    let mut parts: Vec<&[u8]> = vec![b"search"];
    parts.extend(summaries.iter().map(Vec::as_slice));
    parts.extend(blog.bodies.iter().map(String::as_bytes));
    cache.key(&parts)
}

/// The key of each post's search entry: what [`PostEntry::of_post`] reads (the blog's
/// language, the post's title and Markdown).
fn entry_keys(blog: &Blog, cache: &Cache) -> Vec<cache::Key> {
    let language = serde_json::to_vec(&blog.manifest.site.language).expect("the schema serialises");
    blog.manifest
        .posts
        .iter()
        .zip(&blog.bodies)
        .map(|(post, markdown)| {
            cache.key(&[
                b"search entry",
                &language,
                post.title.as_bytes(),
                markdown.as_bytes(),
            ])
        })
        .collect()
}

/// Writes every page and its data: the pages' HTML, then the buckets; returns the pages'
/// paths with their last change, for the sitemap.
fn write_pages(
    blog: &Blog,
    folder: &Path,
    renderer: Option<&Renderer>,
    public: &Path,
    cache: &mut Cache,
    written: &WrittenIndex,
) -> io::Result<Vec<(String, Option<carnet_core::date::Date>)>> {
    let mut sitemap = Vec::new();
    let mut image_sizes =
        ImageSizes::new(public.to_path_buf(), blog.beside.iter().cloned().collect());
    let index = blog.manifest.index();
    // Made on the first post whose code is not in the cache: loading the grammars takes time.
    let highlighter = std::cell::OnceCell::new();
    // Every page's data as its JSON text, by bucket and path, until every page is written: the
    // size of the data. A bucket file is written as `carnet_core::model::Bucket` serialises.
    let mut buckets: Vec<BTreeMap<String, Box<RawValue>>> = vec![BTreeMap::new(); index.buckets];
    for mut page in blog.pages() {
        if let Some(post) = &mut page.data.post {
            let key = cache.key(&[b"code", post.markdown.as_bytes()]);
            post.code = cache.value(key, || {
                highlighter
                    .get_or_init(Highlighter::new)
                    .post(&post.markdown)
            });
            post.images = image_sizes.of_post(&post.markdown, &paths::post(&post.summary.slug));
        }
        let data = match (&page.data.list, &page.data.post) {
            (Some(list), _) => Some(Page::List(list.clone())),
            (None, Some(post)) => Some(Page::Post(Box::new(post.clone()))),
            (None, None) => None,
        };
        let json =
            data.map(|data| serde_json::value::to_raw_value(&data).expect("the schema serialises"));
        if let Some(renderer) = renderer {
            let own = json.as_ref().map(|json| json.get());
            renderer.write(cache, folder, &page.path, &page.data, written, own)?;
        }
        if let Some(json) = json {
            buckets[bucket(&page.path, index.buckets)].insert(page.path.clone(), json);
        }
        sitemap.push((page.path, page.lastmod));
    }
    write_buckets(&buckets, folder, cache)?;
    if let Some(renderer) = renderer {
        // The search page: the layout and an empty search, which the app fills.
        let data = PageData {
            index: index.clone(),
            list: None,
            post: None,
        };
        renderer.write(cache, folder, paths::SEARCH, &data, written, None)?;
        let page = blog.not_found_page();
        renderer.write(cache, folder, &page.path, &page.data, written, None)?;
    }
    Ok(sitemap)
}

/// Writes each bucket that holds a page (no other is ever asked for), gzipped: those the cache
/// does not have are gzipped on every core, a few hundred at a time (a clean build of a big
/// blog gzips a hundred megabytes of JSON).
fn write_buckets(
    buckets: &[BTreeMap<String, Box<RawValue>>],
    folder: &Path,
    cache: &mut Cache,
) -> io::Result<()> {
    let held: Vec<(usize, &BTreeMap<String, Box<RawValue>>)> = buckets
        .iter()
        .enumerate()
        .filter(|(_, pages)| !pages.is_empty())
        .collect();
    for run in held.chunks(256) {
        let json: Vec<String> = run.iter().map(|(_, pages)| to_json(pages)).collect();
        let keys: Vec<cache::Key> = json
            .iter()
            .map(|json| cache.key(&[b"bucket", json.as_bytes()]))
            .collect();
        let missing: Vec<usize> = (0..run.len())
            .filter(|&at| !cache.has_file(keys[at]))
            .collect();
        let gzipped = carnet_core::cores::on_every_core(&missing, |&at| gzip(json[at].as_bytes()));
        let mut gzipped: HashMap<usize, Vec<u8>> = missing.into_iter().zip(gzipped).collect();
        for (at, &(number, _)) in run.iter().enumerate() {
            cache.file(keys[at], &folder.join(bucket_path(number)), || {
                // Found in the cache but damaged there: gzipped now.
                gzipped
                    .remove(&at)
                    .unwrap_or_else(|| gzip(json[at].as_bytes()))
            })?;
        }
    }
    Ok(())
}

/// Moves the tool's entries of `out` (those `owned` says are) into `retired` and every entry of
/// `staging` into `out`,
/// then deletes `retired`. Should a move fail, the moves made are undone: `out` is as it was.
fn swap_in(
    out: &Path,
    staging: &Path,
    retired: &Path,
    owned: &dyn Fn(&str) -> bool,
) -> io::Result<()> {
    let entries = |folder: &Path| -> io::Result<Vec<OsString>> {
        fs::read_dir(folder)?
            .map(|entry| entry.map(|entry| entry.file_name()))
            .collect()
    };
    let old: Vec<OsString> = entries(out)?
        .into_iter()
        .filter(|name| name.to_str().is_some_and(owned))
        .collect();
    let new = entries(staging)?;
    fs::create_dir(retired)?;
    let undo = |error: io::Error| {
        let _ = fs::remove_dir_all(staging);
        let _ = fs::remove_dir_all(retired);
        Err(error)
    };
    if let Err((moved, error)) = move_entries(&old, out, retired) {
        let _ = move_entries(&old[..moved], retired, out);
        return undo(error);
    }
    if let Err((moved, error)) = move_entries(&new, staging, out) {
        let _ = move_entries(&new[..moved], out, staging);
        let _ = move_entries(&old, retired, out);
        return undo(error);
    }
    // The new site is in place; what is left to delete, the next build deletes if this cannot.
    let _ = fs::remove_dir(staging);
    let _ = fs::remove_dir_all(retired);
    Ok(())
}

/// Moves the entries `names` of the folder `from` into `to`; on an error, says how many it had
/// moved, and the error names the entry.
fn move_entries(names: &[OsString], from: &Path, to: &Path) -> Result<(), (usize, io::Error)> {
    for (moved, name) in names.iter().enumerate() {
        let (source, target) = (from.join(name), to.join(name));
        fs::rename(&source, &target).map_err(|error| {
            let message = format!("{} to {}: {error}", source.display(), target.display());
            (moved, io::Error::new(error.kind(), message))
        })?;
    }
    Ok(())
}

/// Removes the file or folder at `path`, if there is one.
fn remove(path: &Path) -> io::Result<()> {
    let removed = match fs::symlink_metadata(path) {
        Ok(metadata) if metadata.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(error) => Err(error),
    };
    removed.map_err(|error| io::Error::new(error.kind(), format!("{}: {error}", path.display())))
}

/// The renderer of pages into the `index.html` Trunk wrote in `out`, if there is one. An
/// `index.html` this tool already pre-rendered is taken back to Trunk's page first, so building
/// again (by hand, or from a copy of a built site) gives the same files.
fn prerenderer(out: &Path, base: &str) -> io::Result<Option<(Prerenderer, String)>> {
    let Ok(page) = fs::read_to_string(out.join("index.html")) else {
        return Ok(None);
    };
    let template = crate::prerender::trunk_page(&page).map_err(io::Error::other)?;
    let template = rebase_trunk_assets(&template, base, &top_level_files(out)?);
    let template = set_base_in_page(&template, base);
    let (template, stylesheet) = Stylesheet::take_from(&template, out)?;
    // What the pages depend on besides their own data: the template and the stylesheet.
    let depended_on = format!("{template}{}", stylesheet.css());
    Prerenderer::new(&template, base, stylesheet)
        .map(|renderer| Some((renderer, depended_on)))
        .map_err(io::Error::other)
}

/// The names of the files at the top of `out`: Trunk's assets among them.
fn top_level_files(out: &Path) -> io::Result<Vec<String>> {
    let mut names = Vec::new();
    for entry in fs::read_dir(out)? {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            names.extend(entry.file_name().into_string());
        }
    }
    names.sort();
    Ok(names)
}

/// Moves under `base` the URLs of the files `names` that Trunk wrote at `/` in its page (the
/// stylesheet, the icon, the app's script and wasm, in attributes and in its loader script),
/// for a site whose base comes from site.toml rather than from Trunk's public URL. URLs already
/// under the base are left as they are, so a page rebased once is not rebased again.
fn rebase_trunk_assets(html: &str, base: &str, names: &[String]) -> String {
    if base == "/" {
        return html.to_owned();
    }
    let mut html = html.to_owned();
    for name in names {
        for quote in ['"', '\''] {
            html = html.replace(
                &format!("{quote}/{name}{quote}"),
                &format!("{quote}{base}{name}{quote}"),
            );
        }
    }
    html
}

/// Tells the app its base path, in the `carnet-base` meta of the page Trunk wrote.
fn set_base_in_page(html: &str, base: &str) -> String {
    const META: &str = r#"<meta name="carnet-base" content=""#;
    match html.find(META) {
        Some(start) => {
            let value = start + META.len();
            let end = html[value..].find('"').map_or(value, |end| value + end);
            format!("{}{base}{}", &html[..value], &html[end..])
        }
        None => html.to_owned(),
    }
}

fn to_json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).expect("the schema serialises without error")
}

#[cfg(test)]
mod tests {
    use super::{is_owned, is_this_machine, public_url};

    #[test]
    fn a_url_on_this_machine_is_told_apart_from_a_published_one() {
        for url in [
            "http://127.0.0.1:8080/",
            "http://localhost/blog/",
            "http://LOCALHOST:3000",
            "http://[::1]:8080/",
            "http://127.1.2.3/",
        ] {
            assert!(is_this_machine(url), "{url}");
        }
        for url in [
            "https://example.org/",
            "https://localhost.example.org/",
            "https://127.example.org/",
            "http://[2001:db8::1]/",
            "",
        ] {
            assert!(!is_this_machine(url), "{url}");
        }
    }

    #[test]
    fn a_public_url_naming_a_host_alone_is_followed_by_the_base() {
        assert_eq!(
            public_url(None, "https://user.github.io", "/blog/"),
            "https://user.github.io/blog/"
        );
        assert_eq!(
            public_url(None, "https://example.org/", "/"),
            "https://example.org/"
        );
        assert_eq!(
            public_url(None, "https://example.org/blog/", "/blog/"),
            "https://example.org/blog/"
        );
        assert_eq!(
            public_url(
                Some("https://a.example/x"),
                "https://example.org/",
                "/blog/"
            ),
            "https://a.example/x/"
        );
    }

    #[test]
    fn a_bucket_of_json_texts_is_written_as_the_schema_writes_a_bucket() {
        use carnet_core::model::{Bucket, List, ListPage, Page, SCHEMA_VERSION};
        let mut bucket = Bucket::default();
        let mut texts = std::collections::BTreeMap::new();
        for number in [2, 1] {
            let page = Page::List(ListPage {
                version: SCHEMA_VERSION,
                list: List::Category("actus".into()),
                number,
                posts: Vec::new(),
            });
            texts.insert(page.path(), serde_json::value::to_raw_value(&page).unwrap());
            bucket.insert(page);
        }
        assert_eq!(super::to_json(&texts), super::to_json(&bucket));
    }

    #[test]
    fn the_tool_owns_its_pages_data_feed_and_sitemaps_and_trunk_the_rest() {
        for name in [
            "data",
            "posts",
            "category",
            "tag",
            "tags",
            "archive",
            "page",
            "search",
            "index.html",
            "index.html.br",
            "404.html.gz",
            "feed.xml",
            "sitemap.xml",
            "sitemap-12.xml.br",
            "robots.txt",
        ] {
            assert!(is_owned(name), "{name}");
        }
        for name in [
            "carnet-5f1c.js",
            "carnet-5f1c_bg.wasm.br",
            "style-9a2b.css",
            "favicon.svg",
            "images",
            "sitemap-x.xml",
            "pages",
        ] {
            assert!(!is_owned(name), "{name}");
        }
    }
}
