//! `carnet new`: starts a post, dated today where the author is, and never overwrites a file.

use crate::calendar;
use carnet_core::front_matter::quoted;
use carnet_core::Date;
use std::fs;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Start a post, dated today
///
/// Writes DIR/posts/<slug>.md with its front matter filled in, dated today in this machine's
/// time zone. An existing file is never overwritten.
#[derive(clap::Args)]
pub struct Args {
    /// The post's title, e.g. "Mon billet"
    pub title: String,
    /// The post's category
    #[arg(long, value_name = "NAME")]
    pub category: Option<String>,
    /// The day to date the post, YYYY-MM-DD [default: today, in this machine's time zone]
    #[arg(long, value_name = "DAY")]
    pub date: Option<Date>,
    /// Start it as a draft (`draft = true`): left out of the site until that line goes, shown
    /// by `carnet serve --drafts`
    #[arg(long)]
    pub draft: bool,
    /// The folder holding site.toml and posts/
    #[arg(long, value_name = "DIR", default_value = "content")]
    pub content: PathBuf,
}

/// Runs `carnet new`.
pub fn run(args: Args) -> ExitCode {
    if args.title.trim().is_empty() {
        eprintln!("error: the title is empty; give the post's title: carnet new \"Mon billet\"");
        return ExitCode::from(2);
    }
    // « Du C++ » and « Du C# » are two posts: `du-c-plus-plus.md`, `du-c-sharp.md`.
    let mut slug = carnet_core::slug::term_slug(&args.title);
    // A title longer than a folder's name can be (the post's page is one): its first words.
    if slug.len() > carnet_core::slug::MAX_LEN {
        slug = carnet_core::slug::shortened(&slug).to_owned();
    }
    let date = args.date.unwrap_or_else(calendar::today);
    let folder = args.content.join("posts");
    let path = folder.join(format!("{slug}.md"));
    let created = fs::create_dir_all(&folder).and_then(|()| {
        fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)?
            .write_all(front_matter(&args, date).as_bytes())
    });
    match created {
        Ok(()) => {
            eprintln!(
                "carnet: {} created; write the post below its front matter{}",
                path.display(),
                if args.draft {
                    " (a draft: `carnet serve --drafts` shows it)"
                } else {
                    ""
                }
            );
            ExitCode::SUCCESS
        }
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!(
                "error: {} already exists; it was left as it was\n  fix: choose another title, \
                 or delete or rename that file",
                path.display()
            );
            ExitCode::FAILURE
        }
        Err(error) => {
            eprintln!("error: cannot create {}: {error}", path.display());
            ExitCode::FAILURE
        }
    }
}

/// The new post's whole text: its front matter, then an empty body.
fn front_matter(args: &Args, date: Date) -> String {
    let mut text = format!("+++\ntitle = {}\ndate = {date}\n", quoted(&args.title));
    if let Some(category) = &args.category {
        text.push_str(&format!("category = {}\n", quoted(category)));
    }
    if args.draft {
        text.push_str("draft = true\n");
    }
    text.push_str("+++\n\n");
    text
}
