//! `carnet check`: checks the content as `build` does, and writes nothing.

use crate::build::{checked_blog, report, ContentArgs};
use std::process::ExitCode;

/// Check the content without writing anything
///
/// Checks site.toml, every post and the links between posts as `carnet build` does; prints every
/// problem with its file, line and fix, and exits with status 1 if there is one.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub content: ContentArgs,
}

/// Runs `carnet check`.
pub fn run(args: Args) -> ExitCode {
    match checked_blog(&args.content) {
        Some(blog) => {
            report(&blog, None);
            ExitCode::SUCCESS
        }
        None => ExitCode::FAILURE,
    }
}
