//! Synthetic blogs for benchmarks: N posts of realistic French Markdown, the same N and seed
//! always giving the same files.
//!
//! Each post has a title, a date in the ten years 2015–2024, one of twelve categories, and a
//! body of 600 to 1,500 words with headings, paragraphs, a list, links, a code block and a table.

use std::fmt::Write;

/// The categories posts are spread over.
pub const CATEGORIES: [&str; 12] = [
    "Actus",
    "Usages",
    "Réseaux sociaux",
    "Marketing",
    "Communauté",
    "Outils",
    "Veille",
    "Stratégie",
    "Contenus",
    "Mobile",
    "Données",
    "Événements",
];

const WORDS: [&str; 64] = [
    "réseau",
    "communauté",
    "marque",
    "contenu",
    "échange",
    "utilisateur",
    "stratégie",
    "veille",
    "entreprise",
    "message",
    "audience",
    "relation",
    "outil",
    "plateforme",
    "article",
    "lecteur",
    "projet",
    "question",
    "réponse",
    "idée",
    "usage",
    "pratique",
    "confiance",
    "valeur",
    "temps",
    "public",
    "discussion",
    "blog",
    "page",
    "groupe",
    "service",
    "client",
    "produit",
    "équipe",
    "métier",
    "profil",
    "lien",
    "partage",
    "mesure",
    "résultat",
    "objectif",
    "campagne",
    "média",
    "support",
    "visibilité",
    "notoriété",
    "conversation",
    "animation",
    "modération",
    "expérience",
    "tendance",
    "chiffre",
    "étude",
    "analyse",
    "exemple",
    "conseil",
    "méthode",
    "réflexion",
    "avenir",
    "histoire",
    "besoin",
    "moyen",
    "regard",
    "parcours",
];

const VERBS: [&str; 16] = [
    "construit",
    "anime",
    "mesure",
    "partage",
    "observe",
    "améliore",
    "explique",
    "développe",
    "renforce",
    "accompagne",
    "transforme",
    "interroge",
    "facilite",
    "prépare",
    "relie",
    "nourrit",
];

const ADJECTIVES: [&str; 16] = [
    "durable",
    "nouveau",
    "simple",
    "local",
    "social",
    "précis",
    "ouvert",
    "utile",
    "rapide",
    "clair",
    "humain",
    "collectif",
    "discret",
    "régulier",
    "solide",
    "vivant",
];

/// SplitMix64: tiny, fast and good enough to make text; deterministic everywhere.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// A generated post: its file name and its text.
pub struct SyntheticPost {
    /// `post-00042.md`.
    pub file_name: String,
    /// Front matter and body.
    pub text: String,
}

/// The `n` posts of the blog generated from `seed`.
pub fn posts(n: usize, seed: u64) -> Vec<SyntheticPost> {
    let mut random = Random(seed);
    (0..n).map(|i| post(i, &mut random)).collect()
}

fn sentence(random: &mut Random) -> String {
    let mut text = String::new();
    let words = 8 + random.below(12);
    for w in 0..words {
        let word = match w {
            2 => random.pick(&VERBS),
            w if w % 4 == 3 => random.pick(&ADJECTIVES),
            _ => random.pick(&WORDS),
        };
        if w == 0 {
            let mut chars = word.chars();
            let first = chars
                .next()
                .map(|c| c.to_uppercase().to_string())
                .unwrap_or_default();
            text.push_str(&first);
            text.push_str(chars.as_str());
        } else {
            text.push(' ');
            text.push_str(word);
        }
    }
    text.push_str(if random.below(8) == 0 { " ?" } else { "." });
    text
}

fn post(index: usize, random: &mut Random) -> SyntheticPost {
    let title = format!(
        "{} {} : {} {} n° {}",
        capitalised(random.pick(&WORDS)),
        random.pick(&ADJECTIVES),
        random.pick(&WORDS),
        random.pick(&ADJECTIVES),
        index + 1
    );
    // Ten years, 2015 to 2024; day 1 to 28 exists in every month.
    let date = format!(
        "{}-{:02}-{:02}",
        2015 + random.below(10),
        1 + random.below(12),
        1 + random.below(28)
    );
    let category = random.pick(&CATEGORIES);
    let mut body = String::new();
    // Every post has at least the four kinds of section; the last may overshoot a little.
    let target_words = 600 + random.below(600);
    let mut words = 0;
    let mut section = 0;
    while words < target_words || section < 4 {
        section += 1;
        let _ = writeln!(
            body,
            "## {} {}\n",
            capitalised(random.pick(&WORDS)),
            section
        );
        for _ in 0..1 + random.below(2) {
            if words >= target_words && section > 4 {
                break;
            }
            let paragraph: Vec<String> =
                (0..2 + random.below(4)).map(|_| sentence(random)).collect();
            let paragraph = paragraph.join(" ");
            words += paragraph.split_whitespace().count();
            let _ = writeln!(body, "{paragraph}\n");
        }
        match section % 4 {
            1 => {
                for _ in 0..3 + random.below(3) {
                    let item = sentence(random);
                    words += item.split_whitespace().count();
                    let _ = writeln!(body, "- {item}");
                }
                body.push('\n');
            }
            2 => {
                let _ = writeln!(
                    body,
                    "À lire aussi : [la {} {}](https://example.org/{}) et [nos archives](/archive/).\n",
                    random.pick(&WORDS),
                    random.pick(&ADJECTIVES),
                    random.below(1000)
                );
                words += 8;
            }
            3 => {
                let _ = writeln!(
                    body,
                    "```rust\nfn mesure(visites: u32, partages: u32) -> f32 {{\n    partages as f32 / visites.max(1) as f32\n}}\n```\n"
                );
            }
            _ => {
                let _ = writeln!(body, "| Réseau | Membres | Part |\n|---|---:|---:|");
                for _ in 0..3 {
                    let _ = writeln!(
                        body,
                        "| {} | {} | {} % |",
                        capitalised(random.pick(&WORDS)),
                        1000 + random.below(90000),
                        random.below(100)
                    );
                }
                body.push('\n');
                words += 12;
            }
        }
    }
    SyntheticPost {
        file_name: format!("post-{:06}.md", index + 1),
        text: format!(
            "+++\ntitle = \"{title}\"\ndate = {date}\ncategory = \"{category}\"\nauthor = \"admin\"\n+++\n\n{body}"
        ),
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use carnet_core::content::{build, Publish, SourceFile};

    fn sources(n: usize, seed: u64) -> Vec<SourceFile> {
        posts(n, seed)
            .into_iter()
            .map(|p| SourceFile::new(p.file_name, p.text))
            .collect()
    }

    #[test]
    fn the_same_seed_gives_the_same_blog() {
        let a: Vec<String> = posts(20, 7).into_iter().map(|p| p.text).collect();
        let b: Vec<String> = posts(20, 7).into_iter().map(|p| p.text).collect();
        let c: Vec<String> = posts(20, 8).into_iter().map(|p| p.text).collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn generated_posts_are_valid_realistic_and_spread_out() {
        let blog = build(None, &sources(300, 1), Publish::All).expect("generated content is valid");
        assert_eq!(blog.manifest.posts.len(), 300);
        assert_eq!(blog.manifest.categories.len(), CATEGORIES.len());
        let years: std::collections::BTreeSet<u16> =
            blog.manifest.posts.iter().map(|p| p.date.year()).collect();
        assert_eq!(years.len(), 10, "{years:?}");
        for (post, body) in blog.manifest.posts.iter().zip(&blog.bodies) {
            let words = body.split_whitespace().count();
            assert!(
                (600..=1500).contains(&words),
                "{words} words in {}",
                post.slug
            );
            for part in ["## ", "\n- ", "](https://", "```rust", "|---|"] {
                assert!(body.contains(part), "{part} in {}", post.slug);
            }
        }
    }
}
