//! `carnet`: the command an author runs on a Carnet blog.
//!
//! One subcommand a module: `new` starts a post, `check` checks the content, `build` writes the
//! site (Trunk runs it after every build, see `Trunk.toml`), `serve` runs `trunk serve`,
//! `generate` writes a synthetic blog for benchmarks and `import wordpress` turns a WordPress
//! export into posts. This file only reads the arguments (with clap, which also writes every
//! `--help`) and hands them to the subcommand's module.

mod build;
mod cache;
mod calendar;
mod check;
mod generate;
mod highlight;
mod images;
mod import;
mod new;
mod prerender;
mod serve;
mod stylesheet;
mod synthetic;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// The whole command line.
#[derive(Parser)]
#[command(
    name = "carnet",
    version,
    about = "Write, check, build and serve a Carnet blog; import one from WordPress.",
    long_about = "Write, check, build and serve a Carnet blog; import one from WordPress.\n\n\
        The content folder (content/ unless --content says otherwise) holds site.toml and \
        posts/ (*.md, *.markdown, …). `carnet COMMAND --help` tells more about each command."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    New(new::Args),
    Check(check::Args),
    Build(build::Args),
    Serve(serve::Args),
    Generate(generate::Args),
    Import(import::Args),
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::New(args) => new::run(args),
        Command::Check(args) => check::run(args),
        Command::Build(args) => build::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Generate(args) => generate::run(args),
        Command::Import(args) => import::run(args),
    }
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }
}
