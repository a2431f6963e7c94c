//! `carnet import`: brings a blog from elsewhere into the content folder, one module a source.

mod download;
mod wordpress;

use clap::Subcommand;
use std::process::ExitCode;

/// Import a blog from elsewhere into the content folder
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub source: Source,
}

/// Where the blog comes from.
#[derive(Subcommand)]
pub enum Source {
    // No doc comment: clap would take it over the help of wordpress::Args.
    Wordpress(wordpress::Args),
}

/// Runs `carnet import`.
pub fn run(args: Args) -> ExitCode {
    match args.source {
        Source::Wordpress(args) => wordpress::run(args),
    }
}
