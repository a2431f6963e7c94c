//! `carnet-cli`: Carnet's content tool.
//!
//! `carnet-cli build` reads `content/site.toml` and `content/posts/*.md`, checks them with
//! `carnet-core`, and writes the JSON the app reads into `<out>/data/`. Trunk runs it after
//! every build (see `Trunk.toml`), so saving a post under `trunk serve` shows it in the browser.
//! On any error in the content it prints every problem with its file, line and fix, exits with
//! status 1 and leaves the previous output as it was.

use carnet_core::content::{self, Blog, ContentError, SourceFile};
use carnet_core::model::{post_body_path, MANIFEST_PATH};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::{env, fs, io};

const USAGE: &str = "\
Carnet's content tool.

Usage:
  carnet-cli build [--content DIR] [--out DIR] [--base PATH]
      Check the posts and write DIR/data/manifest.json and DIR/data/posts/<slug>.json.
  carnet-cli check [--content DIR]
      Only check the posts.

Options:
  --content DIR   the folder holding site.toml and posts/ (default: content)
  --out DIR       the site folder to write into (default: dist)
  --base PATH     the path the site is served under, e.g. /blog/ (default: /)
";

/// What the command line asks for.
struct Command {
    write: bool,
    content: PathBuf,
    out: PathBuf,
    base: String,
}

fn main() -> ExitCode {
    let command = match parse_args(env::args().skip(1)) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("{message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let blog = match read_content(&command.content) {
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
        if let Err(error) = write_site(&blog, &command.out, &command.base) {
            eprintln!(
                "error: cannot write into {}: {error}",
                command.out.display()
            );
            return ExitCode::FAILURE;
        }
    }
    eprintln!(
        "carnet: {} posts checked{}",
        blog.manifest.posts.len(),
        if command.write {
            format!(", written to {}", command.out.join("data").display())
        } else {
            String::new()
        }
    );
    ExitCode::SUCCESS
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
    };
    while let Some(flag) = args.next() {
        let mut value = || {
            args.next()
                .ok_or_else(|| format!("`{flag}` needs a value."))
        };
        match flag.as_str() {
            "--content" => command.content = value()?.into(),
            "--out" if write => command.out = value()?.into(),
            "--base" if write => command.base = normalise_base(&value()?),
            _ => return Err(format!("Unknown option `{flag}`.")),
        }
    }
    Ok(command)
}

/// `blog`, `/blog`, `/blog/` all mean `/blog/`; empty means `/`.
fn normalise_base(base: &str) -> String {
    let trimmed = base.trim_matches('/');
    if trimmed.is_empty() {
        "/".to_owned()
    } else {
        format!("/{trimmed}/")
    }
}

/// Reads every `*.md` of `content/posts` (sorted, so errors come in a stable order).
fn read_content(content: &Path) -> io::Result<Result<Blog, Vec<ContentError>>> {
    let read = |path: &Path| -> io::Result<SourceFile> {
        let text = fs::read_to_string(path).map_err(|e| {
            io::Error::new(e.kind(), format!("cannot read {}: {e}", path.display()))
        })?;
        Ok(SourceFile {
            path: path.display().to_string(),
            text,
        })
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
        if path.extension().is_some_and(|ext| ext == "md") {
            paths.push(path);
        }
    }
    paths.sort();
    let posts = paths
        .iter()
        .map(|path| read(path))
        .collect::<io::Result<Vec<_>>>()?;
    Ok(content::build(settings.as_ref(), &posts))
}

/// Writes `out/data/` whole or not at all: into a fresh folder first, then swapped in.
fn write_site(blog: &Blog, out: &Path, base: &str) -> io::Result<()> {
    fs::create_dir_all(out)?;
    let data = out.join("data");
    let staging = out.join(format!(".data-{}", std::process::id()));
    let _ = fs::remove_dir_all(&staging);
    fs::create_dir_all(staging.join("posts"))?;
    fs::write(
        staging.join(relative(MANIFEST_PATH)),
        to_json(&blog.manifest),
    )?;
    for body in &blog.bodies {
        fs::write(
            staging.join(relative(&post_body_path(&body.slug))),
            to_json(body),
        )?;
    }
    let retired = out.join(format!(".data-old-{}", std::process::id()));
    if data.exists() {
        fs::rename(&data, &retired)?;
    }
    fs::rename(&staging, &data)?;
    let _ = fs::remove_dir_all(&retired);
    set_base_in_page(&out.join("index.html"), base)
}

/// The path of a data file inside `data/`, from its path inside the site.
fn relative(site_path: &str) -> &str {
    site_path
        .strip_prefix("data/")
        .expect("data files live under data/")
}

/// Tells the app its base path: the `carnet-base` meta of the page Trunk wrote, if there is one.
fn set_base_in_page(page: &Path, base: &str) -> io::Result<()> {
    const META: &str = r#"<meta name="carnet-base" content="/">"#;
    let Ok(html) = fs::read_to_string(page) else {
        return Ok(());
    };
    if base != "/" && html.contains(META) {
        let meta = format!(r#"<meta name="carnet-base" content="{base}">"#);
        fs::write(page, html.replace(META, &meta))?;
    }
    Ok(())
}

fn to_json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).expect("the schema serialises without error")
}
