//! `carnet-cli`: Carnet's content tool.
//!
//! `carnet-cli build` reads `content/site.toml` and `content/posts/*.md`, checks them with
//! `carnet-core`, and writes into the site folder Trunk built: the JSON the app reads
//! (`data/`), every page pre-rendered to HTML by the app's own components (from Trunk's
//! `index.html`), the Atom feed, the sitemap and `robots.txt`. Trunk runs it after every build
//! (see `Trunk.toml`), so saving a post under `trunk serve` shows it in the browser.
//! On any error in the content it prints every problem with its file, line and fix, exits with
//! status 1 and leaves the previous output as it was. The site is written into a staging
//! folder and swapped in once whole ([`write_site`]), so a build that fails or is stopped while
//! writing leaves the previous site as it was too. Posts dated after today (UTC, from the
//! system clock) are left out, and named, unless `--future` is given.

use carnet::prerender::{page_file, Prerenderer};
use carnet::site::Site;
use carnet_core::content::{self, Blog, ContentError, Publish, SourceFile};
use carnet_core::feed::{self, FEED_PATH, SITEMAP_PATH};
use carnet_core::front_matter::quoted;
use carnet_core::model::{page_data_path, INDEX_PATH};
use carnet_core::paths::NOT_FOUND;
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};
use std::{env, fs, io};

const USAGE: &str = "\
Carnet's content tool.

Usage:
  carnet-cli build [--content DIR] [--out DIR] [--base PATH] [--site-url URL] [--future]
      Check the posts, then write into the site folder: data/, a pre-rendered page for
      every route (if Trunk's index.html is there), feed.xml, sitemap.xml, robots.txt.
  carnet-cli check [--content DIR] [--future]
      Only check the posts.
  carnet-cli new TITLE [--category NAME] [--content DIR]
      Start a post dated today: DIR/posts/<slug>.md with its front matter filled in.
  carnet-cli generate --posts N [--seed S] [--content DIR]
      Write N synthetic posts (realistic French Markdown, 12 categories, ten years) into
      DIR/posts/, for benchmarks; the same N and S always give the same files.

Options:
  --content DIR   the folder holding site.toml and posts/ (default: content)
  --out DIR       the site folder to write into (default: dist)
  --base PATH     the path the site is served under, e.g. /blog/ (default: /)
  --site-url URL  where the site is published, e.g. https://example.org/blog/
                  (default: the `url` of site.toml; empty means that default too)
  --future        also publish the posts dated after today (UTC), which are left out
                  otherwise
";

/// What the command line asks for.
struct Command {
    write: bool,
    content: PathBuf,
    out: PathBuf,
    base: String,
    site_url: Option<String>,
    future: bool,
}

mod synthetic;

/// Where robots.txt lives, relative to the base.
const ROBOTS_PATH: &str = "robots.txt";

fn main() -> ExitCode {
    match env::args().nth(1).as_deref() {
        Some("generate") => return generate(env::args().skip(2)),
        Some("new") => return new_post(env::args().skip(2)),
        _ => {}
    }
    let command = match parse_args(env::args().skip(1)) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("{message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let today = today();
    let publish = if command.future {
        Publish::All
    } else {
        Publish::Until(today)
    };
    let mut blog = match read_content(&command.content, publish) {
        Ok(Ok(blog)) => blog,
        Ok(Err(errors)) => {
            for error in &errors {
                eprintln!("error: {error}\n");
            }
            eprintln!(
                "carnet: {} problem{} in {}; nothing was written.",
                errors.len(),
                if errors.len() == 1 { "" } else { "s" },
                command.content.display()
            );
            return ExitCode::FAILURE;
        }
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    if command.write {
        blog.manifest.site.url = site_url(&command, &blog.manifest.site.url);
        if let Err(error) = write_site(&blog, &command.out, &command.base) {
            eprintln!(
                "error: cannot write into {}: {error}",
                command.out.display()
            );
            return ExitCode::FAILURE;
        }
    }
    for post in &blog.future {
        eprintln!(
            "carnet: left out {}, dated {}, after today ({today}); --future publishes it",
            post.path, post.date
        );
    }
    eprintln!(
        "carnet: {} posts checked{}{}",
        blog.manifest.posts.len() + blog.future.len(),
        match blog.future.len() {
            0 => String::new(),
            left_out => format!(", {left_out} left out"),
        },
        if command.write {
            format!(", site written to {}", command.out.display())
        } else {
            String::new()
        }
    );
    ExitCode::SUCCESS
}

/// `carnet-cli new`: starts a post dated today, refusing to overwrite one.
fn new_post(mut args: impl Iterator<Item = String>) -> ExitCode {
    let (mut title, mut category, mut content) = (None, None, PathBuf::from("content"));
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--category" => category = args.next(),
            "--content" => content = args.next().map_or(content, PathBuf::from),
            _ if title.is_none() && !arg.starts_with("--") => title = Some(arg),
            _ => {
                eprintln!("Bad argument `{arg}`.\n\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let Some(title) = title.filter(|t| !t.trim().is_empty()) else {
        eprintln!("Give the post's title: carnet-cli new \"Mon billet\".\n\n{USAGE}");
        return ExitCode::from(2);
    };
    let slug = carnet_core::slug::page_slug(&title);
    let today = today();
    let path = content.join("posts").join(format!("{slug}.md"));
    let mut text = format!("+++\ntitle = {}\ndate = {today}\n", quoted(&title));
    if let Some(category) = category {
        text.push_str(&format!("category = {}\n", quoted(&category)));
    }
    text.push_str("+++\n\n");
    let created = fs::create_dir_all(content.join("posts")).and_then(|()| {
        fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)?
            .write_all(text.as_bytes())
    });
    match created {
        Ok(()) => {
            eprintln!(
                "carnet: {} created; write the post below its front matter",
                path.display()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: cannot create {}: {error}", path.display());
            ExitCode::FAILURE
        }
    }
}

/// Today in UTC, by the system clock: the day `new` dates a post, and the last day `build`
/// publishes.
fn today() -> carnet_core::Date {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs());
    carnet_core::Date::from_days_since_epoch((seconds / 86_400) as i64)
        .expect("today is a calendar day")
}

/// `carnet-cli generate`: writes a synthetic blog.
fn generate(mut args: impl Iterator<Item = String>) -> ExitCode {
    let (mut posts, mut seed, mut content) = (None, 1, PathBuf::from("content"));
    while let Some(flag) = args.next() {
        let value = args.next();
        match (flag.as_str(), value) {
            ("--posts", Some(n)) if n.parse::<usize>().is_ok() => posts = n.parse().ok(),
            ("--seed", Some(s)) if s.parse::<u64>().is_ok() => seed = s.parse().unwrap_or(1),
            ("--content", Some(dir)) => content = dir.into(),
            _ => {
                eprintln!("Bad option `{flag}`.\n\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let Some(posts) = posts else {
        eprintln!("Say how many posts: --posts N.\n\n{USAGE}");
        return ExitCode::from(2);
    };
    let folder = content.join("posts");
    let written = fs::create_dir_all(&folder).and_then(|()| {
        synthetic::posts(posts, seed)
            .into_iter()
            .try_for_each(|post| fs::write(folder.join(post.file_name), post.text))
    });
    match written {
        Ok(()) => {
            eprintln!(
                "carnet: {posts} synthetic posts written to {}",
                folder.display()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: cannot write into {}: {error}", folder.display());
            ExitCode::FAILURE
        }
    }
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Command, String> {
    let write = match args.next().as_deref() {
        Some("build") => true,
        Some("check") => false,
        Some("-h" | "--help") | None => return Err("Say what to do.".to_owned()),
        Some(other) => return Err(format!("Unknown command `{other}`.")),
    };
    let mut command = Command {
        write,
        content: "content".into(),
        out: "dist".into(),
        base: "/".to_owned(),
        site_url: None,
        future: false,
    };
    while let Some(flag) = args.next() {
        let mut value = || {
            args.next()
                .ok_or_else(|| format!("`{flag}` needs a value."))
        };
        match flag.as_str() {
            "--content" => command.content = value()?.into(),
            "--future" => command.future = true,
            "--out" if write => command.out = value()?.into(),
            "--base" if write => command.base = Site::new(&value()?).base().to_owned(),
            "--site-url" if write => {
                command.site_url = Some(value()?).filter(|url| !url.trim().is_empty())
            }
            _ => return Err(format!("Unknown option `{flag}`.")),
        }
    }
    Ok(command)
}

/// The public URL: `--site-url`, else site.toml's. The default preview URL follows `--base`.
fn site_url(command: &Command, configured: &str) -> String {
    let url = match &command.site_url {
        Some(url) => url.clone(),
        None if configured == content::DEFAULT_URL => {
            format!("{}{}", configured.trim_end_matches('/'), command.base)
        }
        None => configured.to_owned(),
    };
    format!("{}/", url.trim_end_matches('/'))
}

/// Reads every `*.md` file of `content/posts` (sorted, so errors come in a stable order).
fn read_content(content: &Path, publish: Publish) -> io::Result<Result<Blog, Vec<ContentError>>> {
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
    let entries = fs::read_dir(&posts_dir).map_err(|e| {
        io::Error::new(
            e.kind(),
            format!("cannot read the posts folder {}: {e}", posts_dir.display()),
        )
    })?;
    let mut paths = Vec::new();
    for entry in entries {
        let path = entry?.path();
        // Not a folder named `*.md`, nor an editor's lock (`.#post.md`, a link to nowhere).
        if path.extension().is_some_and(|ext| ext == "md") && path.is_file() {
            paths.push(path);
        }
    }
    paths.sort();
    let posts = paths
        .iter()
        .map(|path| read(path))
        .collect::<io::Result<Vec<_>>>()?;
    Ok(content::build(settings.as_ref(), &posts, publish))
}

/// Where a build writes the site, inside the site folder, until every file is written.
const STAGING: &str = ".carnet-new";

/// Where a build moves the previous site's files while it moves the new ones in.
const RETIRED: &str = ".carnet-old";

/// Whether the entry `name` at the top of the site folder is the tool's, so that a build
/// replaces it whole: the pages' folders (see `carnet_core::paths`), `data/`, the root pages,
/// the feed, the sitemaps and robots.txt, and the `.br` and `.gz` copies a release build made of
/// them. Everything else (the app, its styles and images) is Trunk's, and stays.
fn is_owned(name: &str) -> bool {
    let name = [".br", ".gz"]
        .iter()
        .find_map(|suffix| name.strip_suffix(suffix))
        .unwrap_or(name);
    let sitemap_part = name
        .strip_prefix("sitemap-")
        .and_then(|rest| rest.strip_suffix(".xml"))
        .is_some_and(|number| number.parse::<usize>().is_ok());
    sitemap_part
        || [
            "data",
            "posts",
            "category",
            "archive",
            "page",
            "index.html",
            NOT_FOUND,
            FEED_PATH,
            SITEMAP_PATH,
            ROBOTS_PATH,
        ]
        .contains(&name)
}

/// Writes the whole site, all or nothing: every file into [`STAGING`] first, then, once all are
/// written, the tool's entries of `out` ([`is_owned`]) are swapped for the new ones, so a build
/// that fails or is stopped before the swap leaves the previous site as it was, and a page of
/// a deleted post goes with the old entries.
fn write_site(blog: &Blog, out: &Path, base: &str) -> io::Result<()> {
    fs::create_dir_all(out)?;
    let renderer = prerenderer(out, base)?;
    let (staging, retired) = (out.join(STAGING), out.join(RETIRED));
    // What a build stopped half-way may have left.
    remove(&staging)?;
    remove(&retired)?;
    if let Err(error) = write_files(blog, &staging, renderer.as_ref()) {
        let _ = fs::remove_dir_all(&staging);
        return Err(error);
    }
    swap_in(out, &staging, &retired)
}

/// Writes every file of the site into `folder`, in one pass over its pages: each page's data
/// and its pre-rendered HTML together; then the 404 page, the feed, the sitemap and robots.txt.
fn write_files(blog: &Blog, folder: &Path, renderer: Option<&Prerenderer>) -> io::Result<()> {
    let write = |path: &str, contents: String| write_file(&folder.join(path), contents);
    write(INDEX_PATH, to_json(&blog.manifest.index()))?;
    let mut sitemap = Vec::new();
    for page in blog.pages() {
        if let Some(list) = &page.data.list {
            write(&page_data_path(&page.path), to_json(list))?;
        }
        if let Some(post) = &page.data.post {
            write(&page_data_path(&page.path), to_json(post))?;
        }
        if let Some(renderer) = renderer {
            write(
                &page_file(&page.path),
                renderer.render(&page.path, &page.data),
            )?;
        }
        sitemap.push((page.path, page.lastmod));
    }
    if let Some(renderer) = renderer {
        let page = blog.not_found_page();
        write(
            &page_file(&page.path),
            renderer.render(&page.path, &page.data),
        )?;
    }
    let site_url = &blog.manifest.site.url;
    write(FEED_PATH, feed::atom(blog, site_url))?;
    for (path, xml) in feed::sitemaps(&sitemap, site_url) {
        write(&path, xml)?;
    }
    write(
        ROBOTS_PATH,
        format!("User-agent: *\nAllow: /\nSitemap: {site_url}{SITEMAP_PATH}\n"),
    )
}

/// Moves the tool's entries of `out` into `retired` and every entry of `staging` into `out`,
/// then deletes `retired`. Should a move fail, the moves made are undone: `out` is as it was.
fn swap_in(out: &Path, staging: &Path, retired: &Path) -> io::Result<()> {
    let entries = |folder: &Path| -> io::Result<Vec<OsString>> {
        fs::read_dir(folder)?
            .map(|entry| entry.map(|entry| entry.file_name()))
            .collect()
    };
    let old: Vec<OsString> = entries(out)?
        .into_iter()
        .filter(|name| name.to_str().is_some_and(is_owned))
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
fn prerenderer(out: &Path, base: &str) -> io::Result<Option<Prerenderer>> {
    let Ok(page) = fs::read_to_string(out.join("index.html")) else {
        return Ok(None);
    };
    let template = carnet::prerender::trunk_page(&page).map_err(io::Error::other)?;
    let template = set_base_in_page(&template, base);
    Prerenderer::new(&template, base)
        .map(Some)
        .map_err(io::Error::other)
}

/// Writes `contents` to `path`, creating its folder first; an error names the file.
fn write_file(path: &Path, contents: impl AsRef<[u8]>) -> io::Result<()> {
    let write = || {
        if let Some(folder) = path.parent() {
            fs::create_dir_all(folder)?;
        }
        fs::write(path, contents)
    };
    write().map_err(|error| io::Error::new(error.kind(), format!("{}: {error}", path.display())))
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
    use super::is_owned;

    #[test]
    fn the_tool_owns_its_pages_data_feed_and_sitemaps_and_trunk_the_rest() {
        for name in [
            "data",
            "posts",
            "category",
            "archive",
            "page",
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
