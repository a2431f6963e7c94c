//! One post file, as arbitrary text, through the front matter parser (TOML between `+++` lines
//! or YAML between `---` lines) and the content check: neither may panic, and every error names
//! a line of that file.

#![no_main]

use carnet_core::content::{build, Publish, SourceFile};
use carnet_core::front_matter::parse;
use carnet_core::slug::is_slug;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let lines = text.lines().count().max(1);

    match parse(&text, "fuzz") {
        Ok(doc) => {
            assert!(
                text.ends_with(doc.body),
                "the body is not the end of the file"
            );
            let front_matter = &doc.front_matter;
            assert!(
                !front_matter.title.is_empty() && front_matter.title.trim() == front_matter.title,
                "accepted the title {:?}",
                front_matter.title
            );
            if let Some(slug) = &front_matter.slug {
                assert!(is_slug(slug), "accepted the slug {slug:?}");
            }
        }
        Err(error) => assert!(
            (1..=lines).contains(&error.line),
            "line {} of a file of {lines} line(s): {error}",
            error.line
        ),
    }

    let file = SourceFile::new("content/posts/fuzz.md", text);
    // Every post published, drafts and all, whatever its dates.
    let everything = Publish {
        until: None,
        drafts: true,
    };
    match build(None, std::slice::from_ref(&file), everything) {
        Ok(blog) => {
            assert_eq!(blog.manifest.posts.len(), 1);
            // Every page of that one-post blog can be cut: the lists, the archive, the post.
            assert!(blog.pages().count() >= 4);
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            for error in errors {
                assert_eq!(error.path, file.path);
                assert!(
                    (1..=lines).contains(&error.line),
                    "line {} of a file of {lines} line(s): {} ({})",
                    error.line,
                    error.message,
                    error.fix
                );
            }
        }
    }
});
