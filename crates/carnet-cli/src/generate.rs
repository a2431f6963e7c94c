//! `carnet generate`: writes a synthetic blog (see [`crate::synthetic`]) for benchmarks.

use crate::synthetic;
use std::fs;
use std::path::PathBuf;
use std::process::ExitCode;

/// Write a synthetic blog, for benchmarks
///
/// Writes N posts of realistic French Markdown (12 categories, ten years) into DIR/posts/. Their
/// words follow a Zipf-like law over tens of thousands of French words, names and places, as a
/// real blog's do. The same N and seed always give the same files.
#[derive(clap::Args)]
pub struct Args {
    /// How many posts to write
    #[arg(long, value_name = "N")]
    pub posts: usize,
    /// Another seed gives other posts
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
    /// The folder to write posts/ into
    #[arg(long, value_name = "DIR", default_value = "content")]
    pub content: PathBuf,
}

/// Runs `carnet generate`.
pub fn run(args: Args) -> ExitCode {
    let folder = args.content.join("posts");
    let written = fs::create_dir_all(&folder).and_then(|()| {
        synthetic::posts(args.posts, args.seed)
            .into_iter()
            .try_for_each(|post| fs::write(folder.join(post.file_name), post.text))
    });
    match written {
        Ok(()) => {
            eprintln!(
                "carnet: {} synthetic posts written to {}",
                args.posts,
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
