//! The XSS corpus: every payload of `tests/xss/content/posts/xss.md` (the OWASP cheat-sheet
//! families: tags, attributes, URL schemes and their encodings, broken and nested markup, SVG
//! and MathML, Markdown's own syntax) rendered alone by `markdown::to_html`, at the root and
//! under a sub-path, and read back by a browser-grade parser (`oracle`): nothing in the result
//! may run, reach another document or leave the post. The browser suite renders the same post
//! (`tests/e2e/xss.test.mjs`).

mod oracle;

use carnet_core::i18n::Language;
use carnet_core::markdown::to_html;

const CORPUS: &str = include_str!("../../../tests/xss/content/posts/xss.md");
const MARKER: &str = "<!-- xss: ";

/// Each payload, with the line that names it.
fn payloads() -> Vec<(&'static str, String)> {
    let body = CORPUS
        .split("\n+++\n")
        .nth(1)
        .expect("the corpus has front matter");
    body.split(MARKER)
        .skip(1)
        .map(|chunk| {
            let (name, payload) = chunk
                .split_once(" -->\n")
                .expect("a payload follows its name");
            (name, payload.trim().to_owned())
        })
        .collect()
}

#[test]
fn the_corpus_has_every_family_and_at_least_60_payloads() {
    let payloads = payloads();
    assert!(payloads.len() >= 60, "{} payloads", payloads.len());
    for family in [
        "tags",
        "attributes",
        "urls",
        "broken markup",
        "svg",
        "mathml",
        "markdown",
    ] {
        assert!(
            payloads
                .iter()
                .any(|(name, _)| name.starts_with(&format!("{family}:"))),
            "no payload of the family {family}"
        );
    }
}

#[test]
fn no_payload_survives_rendering() {
    let mut failures = Vec::new();
    for (name, payload) in payloads() {
        for (base, language) in [
            ("/", Language::French),
            ("/blog/", Language::English),
            ("https://example.org/blog/", Language::French),
        ] {
            let html = to_html(&payload, base, language);
            if let Err(problems) = oracle::check(html.as_str(), base) {
                failures.push(format!(
                    "{name} (base {base})\n  in:  {payload}\n  out: {html}\n  {problems}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_whole_post_is_safe_too() {
    let body = CORPUS
        .split("\n+++\n")
        .nth(1)
        .expect("the corpus has front matter");
    let html = to_html(body, "/", Language::French);
    oracle::check(html.as_str(), "/").unwrap_or_else(|problems| panic!("{problems}\n\n{html}"));
    // And the prose around the payloads is still there: safety did not eat the post.
    assert!(html.as_str().contains("Un texte  au milieu."), "{html}");
    assert!(
        html.as_str()
            .contains("<details open=\"\"><summary>Plus</summary>texte</details>"),
        "{html}"
    );
}

#[test]
fn the_oracle_sees_what_it_must() {
    for unsafe_html in [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\" java\tscript:alert(1)\">x</a>",
        "<svg><circle/></svg>",
        "</div><p>dehors</p>",
        "<p style=\"color:red\">x</p>",
        "<h2 id=\"contenu\">x</h2>",
        "<img src=\"//evil.example/x.png\">",
        "<img src=\"\\\\evil.example/x.png\">",
        "<img src=\"/\\evil.example/x.png\">",
        "<img src=\"/\t/evil.example/x.png\">",
        "<div class=\"sidebar\">x</div>",
        "<code class=\"footnote-definition\">x</code>",
    ] {
        assert!(oracle::check(unsafe_html, "/").is_err(), "{unsafe_html}");
    }
    assert!(oracle::check(
        "<p><a href=\"https://a.fr\">a</a> <img src=\"data:image/png;base64,AA\"></p>",
        "/"
    )
    .is_ok());
    assert!(oracle::check(
        "<pre><code class=\"language-rust\">x</code></pre><div class=\"footnote-definition\">y</div>",
        "/"
    )
    .is_ok());
}
