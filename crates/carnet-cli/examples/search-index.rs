//! Times the search index of a blog on its own, for `scripts/bench-search`: reads the content
//! folder as `carnet build` does (site.toml and posts/*.md, every post published), then builds
//! the index (`carnet_core::search::index::blog_index`) and writes its files into OUT, timing
//! only those two steps. Prints one line of JSON: `{"seconds": …, "files": …, "bytes": …}`.
//!
//! Usage: `cargo run --profile tool -p carnet-cli --example search-index -- CONTENT OUT`

use carnet_core::content::{self, Publish, SourceFile};
use carnet_core::search;
use std::path::Path;
use std::time::Instant;
use std::{env, fs, process};

fn main() {
    let args: Vec<String> = env::args().skip(1).collect();
    let [content, out] = args.as_slice() else {
        eprintln!("usage: search-index CONTENT OUT");
        process::exit(2);
    };
    let (content, out) = (Path::new(content), Path::new(out));
    let read = |path: &Path| {
        let contents =
            fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        SourceFile::new(path.display().to_string(), contents)
    };
    let settings_path = content.join("site.toml");
    let settings = settings_path.exists().then(|| read(&settings_path));
    let mut paths: Vec<_> = fs::read_dir(content.join("posts"))
        .expect("a posts/ folder")
        .map(|entry| entry.expect("a readable posts/ folder").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    paths.sort();
    let posts: Vec<SourceFile> = paths.iter().map(|path| read(path)).collect();
    let blog = content::build(settings.as_ref(), &posts, Publish::ALL)
        .unwrap_or_else(|errors| panic!("{} problem(s) in the content", errors.len()));

    let start = Instant::now();
    let files = search::index::blog_index(&blog);
    let mut bytes = 0;
    for file in &files {
        let path = out.join(&file.path);
        fs::create_dir_all(path.parent().expect("a file in a folder")).expect("a writable OUT");
        fs::write(&path, &file.bytes).expect("a writable OUT");
        bytes += file.bytes.len();
    }
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "{{\"seconds\": {seconds:.3}, \"files\": {}, \"bytes\": {bytes}}}",
        files.len()
    );
}
