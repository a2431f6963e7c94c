//! `carnet serve`: runs `trunk serve`, which rebuilds the app and the site on every saved change.
//!
//! Trunk does the serving and the watching; its `post_build` hook runs `carnet build` (see
//! `Trunk.toml`). This command only finds Trunk, says how to install it if it is missing, puts
//! npm's `wasm-opt` first on the `PATH` (as `scripts/env.sh` does: Debian's would break the
//! page) and hands over every argument, with the `base` of site.toml as Trunk's public URL, so
//! that the preview is served at the path the site will be.

use carnet_core::content::{self, Publish, SourceFile};
use std::env;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// Serve the blog with live reload (runs `trunk serve`)
///
/// Serves the blog at http://127.0.0.1:8080 and rebuilds it on every saved change. Every argument
/// goes to `trunk serve`, e.g. `carnet serve --port 3000`; `carnet serve -- --help` shows
/// Trunk's. Run it at the root of the repository. Trunk and its pinned tools are installed by
/// scripts/setup. The content folder is $CARNET_CONTENT, else content/. A blog whose site.toml
/// sets a base path (`base`, or the path of `url`) is served under it, e.g.
/// http://127.0.0.1:8080/blog/, unless --public-url says otherwise. `--drafts` previews the
/// drafts too, each marked « Brouillon », and `--future` the posts dated after today (both
/// Carnet's, not Trunk's), built into target/carnet-preview unless --dist says where.
#[derive(clap::Args)]
pub struct Args {
    /// Arguments for `trunk serve` (`trunk serve --help` lists them)
    #[arg(
        value_name = "TRUNK_ARGS",
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    pub trunk_args: Vec<OsString>,
}

/// Carnet's own options of `carnet serve`, taken out of what goes to Trunk: each sets the
/// variable that Trunk.toml's hook turns into the same option of `carnet build`.
const PREVIEW_OPTIONS: [(&str, &str); 2] =
    [("--drafts", "CARNET_DRAFTS"), ("--future", "CARNET_FUTURE")];

/// Where a preview of drafts or posts to come is built, rather than `dist/`.
const PREVIEW_DIST: &str = "target/carnet-preview";

/// What to tell an author without Trunk.
const INSTALL: &str = "  fix: run scripts/setup at the root of the repository: it installs trunk 0.21.14 \
    and the tools it needs (once, about 13 minutes); or `cargo install --locked trunk --version 0.21.14`";

/// What Trunk watches (the `watch` list of Trunk.toml, which a test holds to this one).
const WATCHED: [&str; 7] = [
    "index.html",
    "public",
    "src",
    "crates",
    "content",
    "Cargo.toml",
    "Cargo.lock",
];

/// Runs `carnet serve`.
pub fn run(args: Args) -> ExitCode {
    let given = |option: &str| {
        (args.trunk_args.iter()).any(|arg| arg.to_string_lossy().starts_with(option))
    };
    if !given("--config") && !Path::new("Trunk.toml").is_file() {
        // Trunk alone would only say it found no configuration.
        eprintln!(
            "error: no Trunk.toml in this folder: the app and its build are in Carnet's \
             repository\n  fix: run carnet serve at the root of the repository (where Trunk.toml \
             and index.html are), with CARNET_CONTENT=/path/to/content for a content folder \
             elsewhere"
        );
        return ExitCode::FAILURE;
    }
    let path = search_path(Path::new("node_modules/.bin"));
    let Some(trunk) = find("trunk", &path) else {
        eprintln!("error: trunk is not installed (no `trunk` on the PATH)\n{INSTALL}");
        return ExitCode::FAILURE;
    };
    let mut command = Command::new(trunk);
    command.arg("serve").env("PATH", &path);
    let mut previewing = false;
    for arg in &args.trunk_args {
        match PREVIEW_OPTIONS.iter().find(|(option, _)| arg == option) {
            Some((_, variable)) => {
                previewing = true;
                command.env(variable, "1")
            }
            None => command.arg(arg),
        };
    }
    if previewing && !given("--dist") && !args.trunk_args.iter().any(|arg| arg == "-d") {
        // Not into dist/, which a host may be given: drafts are never to be published.
        eprintln!("carnet: the preview of drafts or posts to come is built into {PREVIEW_DIST}");
        command.arg("--dist").arg(PREVIEW_DIST);
    }
    forget_cargo_run(&mut command);
    let watch_given = given("--watch") || args.trunk_args.iter().any(|arg| arg == "-w");
    if let (false, Some(content)) = (watch_given, env::var_os("CARNET_CONTENT")) {
        // Trunk's --watch replaces Trunk.toml's list: give it whole, with the content folder
        // (and without content/ if it is not there: Trunk refuses a path that is not).
        let watched = WATCHED.iter().filter(|path| Path::new(path).exists());
        for path in watched.map(OsString::from).chain([content]) {
            command.arg("--watch").arg(path);
        }
    }
    if let (false, Some(base)) = (given("--public-url"), configured_base()) {
        eprintln!("carnet: serving under {base}, the base path of site.toml");
        command.arg("--public-url").arg(base);
    }
    hand_over(command)
}

/// Keeps from `command` the variables `cargo run` (as `scripts/serve` runs this command) sets
/// for the program it runs, which describe carnet-cli's package. The builds Trunk and its hook
/// run would inherit them, and a build script that watches one of them (ring's watches
/// `CARGO_MANIFEST_DIR`) would then run again, with all that depends on it, each time builds
/// from a shell and builds under `carnet serve` take turns: minutes each time.
fn forget_cargo_run(command: &mut Command) {
    for (name, _) in env::vars_os() {
        let text = name.to_string_lossy();
        let set_by_cargo_run = text.starts_with("CARGO_PKG_")
            || matches!(
                &*text,
                "CARGO"
                    | "CARGO_MANIFEST_DIR"
                    | "CARGO_MANIFEST_PATH"
                    | "CARGO_MANIFEST_LINKS"
                    | "CARGO_CRATE_NAME"
                    | "CARGO_BIN_NAME"
                    | "CARGO_PRIMARY_PACKAGE"
            );
        if set_by_cargo_run {
            command.env_remove(name);
        }
    }
}

/// The base path the content folder's site.toml sets, if it sets one and can be read (if it
/// cannot, the build Trunk runs says why).
fn configured_base() -> Option<String> {
    let folder =
        env::var_os("CARNET_CONTENT").map_or_else(|| PathBuf::from("content"), PathBuf::from);
    let path = folder.join("site.toml");
    let settings = SourceFile::new(path.display().to_string(), std::fs::read(&path).ok()?);
    let blog = content::build(Some(&settings), &[], Publish::ALL).ok()?;
    blog.base.map(|base| base.path)
}

/// Runs `command` in this process's place, so Ctrl-C and exit statuses reach Trunk directly.
#[cfg(unix)]
fn hand_over(mut command: Command) -> ExitCode {
    use std::os::unix::process::CommandExt;
    let error = command.exec();
    eprintln!("error: cannot run trunk: {error}");
    ExitCode::FAILURE
}

/// Runs `command` and exits as it does.
#[cfg(not(unix))]
fn hand_over(mut command: Command) -> ExitCode {
    match command.status() {
        Ok(status) if status.success() => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("error: cannot run trunk: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The `PATH` with `first` (made absolute) and `~/.cargo/bin` before the rest.
fn search_path(first: &Path) -> OsString {
    let mut folders: Vec<PathBuf> = Vec::new();
    if let Ok(current) = env::current_dir() {
        folders.push(current.join(first));
    }
    if let Some(home) = env::var_os("HOME") {
        folders.push(Path::new(&home).join(".cargo/bin"));
    }
    folders.extend(env::split_paths(&env::var_os("PATH").unwrap_or_default()));
    env::join_paths(folders).unwrap_or_default()
}

/// The executable `name` in the folders of `path`, if there is one.
fn find(name: &str, path: &OsString) -> Option<PathBuf> {
    env::split_paths(path)
        .map(|folder| folder.join(name))
        .find(|candidate| candidate.is_file())
}

#[cfg(test)]
mod tests {
    use std::process::Command;

    #[test]
    fn trunk_gets_none_of_what_cargo_run_says_of_this_package() {
        // `cargo test` sets them for this process as `cargo run` does for `carnet serve`.
        assert!(std::env::var_os("CARGO_MANIFEST_DIR").is_some());
        let mut command = Command::new("trunk");
        super::forget_cargo_run(&mut command);
        let removed: Vec<String> = command
            .get_envs()
            .filter(|(_, value)| value.is_none())
            .map(|(name, _)| name.to_string_lossy().into_owned())
            .collect();
        for name in ["CARGO_MANIFEST_DIR", "CARGO_PKG_NAME", "CARGO"] {
            assert!(
                removed.iter().any(|removed| removed == name),
                "{name}: {removed:?}"
            );
        }
        // What the author sets for cargo stays.
        assert!(
            !removed.iter().any(|name| matches!(
                name.as_str(),
                "CARGO_HOME" | "CARGO_TARGET_DIR" | "CARGO_INCREMENTAL"
            )),
            "{removed:?}"
        );
    }

    #[test]
    fn carnet_serve_watches_what_trunk_toml_says() {
        let toml = include_str!("../../../Trunk.toml");
        let list = super::WATCHED.map(|path| format!("\"{path}\"")).join(", ");
        assert!(toml.contains(&format!("\nwatch = [{list}]\n")), "{list}");
    }
}
