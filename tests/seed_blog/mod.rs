//! The small blog the wasm tests draw and read (`tests/components.rs`, `tests/reading.rs`): the
//! seed blog's three posts and one more, as summaries, in a manifest.

use carnet_core::{Category, Manifest, PostSummary, Tag};

/// A post's summary: its category's and tags' slugs made from their names, by `admin`, with
/// an excerpt made from its title.
pub fn post(slug: &str, title: &str, date: &str, category: &str, tags: &[&str]) -> PostSummary {
    PostSummary {
        slug: slug.into(),
        title: title.into(),
        date: date.parse().unwrap(),
        updated: None,
        category: Category {
            slug: carnet_core::slug::slugify(category),
            name: category.into(),
        },
        tags: tags
            .iter()
            .map(|tag| Tag {
                slug: carnet_core::slug::slugify(tag),
                name: (*tag).into(),
            })
            .collect(),
        author: "admin".into(),
        excerpt: format!("Extrait de {title}."),
        words: 690,
        draft: false,
    }
}

/// The seed blog's three posts, and `autre` in October 2009: two in « Actus », two months of
/// one post and one of two, tags (one with a character outside the Basic Multilingual Plane,
/// which JavaScript holds as two halves).
pub fn manifest() -> Manifest {
    Manifest::new(
        carnet_core::Site {
            title: "Carnet".into(),
            description: "Notes d’un community manager.".into(),
            url: "https://example.org/".into(),
            language: carnet_core::model::Language::French,
            posts_per_page: 10,
        },
        vec![
            post(
                "cm",
                "Community manager",
                "2009-10-06",
                "Actus",
                &["Métier"],
            ),
            post(
                "business",
                "Générer du business",
                "2009-03-10",
                "Usages",
                &[],
            ),
            post(
                "b2b",
                "Les réseaux B2B",
                "2009-01-07",
                "Réseaux sociaux",
                &["B2B 😀", "Métier"],
            ),
            post("autre", "Un autre billet", "2009-10-01", "Actus", &[]),
        ],
    )
}
