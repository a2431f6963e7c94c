//! Another tool's template code left in a post: Hugo's shortcodes (`{{< ref "x.md" >}}`,
//! `{{% note %}}`), Jekyll's Liquid (`{% post_url x %}`, `{{ site.baseurl }}`), Zola's
//! shortcodes (`{{ youtube(id="x") }}`, `{% quote() %}`). Those tools run it when they build;
//! Carnet does not, so a reader would see it as written. The content tool finds it in a post's
//! prose (code keeps it: that is how a post shows it on purpose) and tells the author.

/// The longest template code looked for: an opening mark with no closing one within this many
/// bytes is prose, not code.
const LONGEST: usize = 200;

/// How much of it a warning quotes.
const QUOTED_CHARS: usize = 60;

/// The marks that open and close template code, the longest opening first.
const MARKS: [(&str, &str); 4] = [("{{<", ">}}"), ("{{%", "%}}"), ("{{", "}}"), ("{%", "%}")];

/// Each piece of template code in `source` (prose as the author typed it), with where it
/// starts and its text as a warning quotes it (cut with `…` past [`QUOTED_CHARS`]).
pub fn find(source: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = source[from..].find(['{']).map(|at| from + at) {
        let rest = &source[at..];
        let closed = MARKS.iter().find_map(|(open, close)| {
            let inside = rest.strip_prefix(open)?;
            let window = &inside[..floor_char_boundary(inside, LONGEST)];
            let end = window.find(close)?;
            // Braces inside are prose's, as in a set written `{{a}, {b}}`.
            if window[..end].contains(['{', '}']) {
                return None;
            }
            Some(open.len() + end + close.len())
        });
        match closed {
            Some(length) => {
                found.push((at, quoted(&rest[..length])));
                from = at + length;
            }
            None => from = at + 1,
        }
    }
    found
}

/// `code` on one line, cut with `…` past [`QUOTED_CHARS`].
fn quoted(code: &str) -> String {
    let one_line: String = code.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(QUOTED_CHARS) {
        Some((end, _)) => format!("{}…", &one_line[..end]),
        None => one_line,
    }
}

/// The largest character boundary of `text` at or below `at`.
fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hugo_jekyll_and_zola_template_code_is_found_where_it_is() {
        let text = "Voir {{< ref \"x.md\" >}} et {{% note %}}.\n\
                    {% post_url 2010-05-01-x %} puis {{ site.baseurl }}/a ou \
                    {{ youtube(id=\"abc\") }}.";
        let found = find(text);
        let found: Vec<&str> = found.iter().map(|(_, code)| code.as_str()).collect();
        assert_eq!(
            found,
            [
                "{{< ref \"x.md\" >}}",
                "{{% note %}}",
                "{% post_url 2010-05-01-x %}",
                "{{ site.baseurl }}",
                "{{ youtube(id=\"abc\") }}",
            ]
        );
        assert_eq!(find(text)[0].0, text.find("{{<").unwrap());
    }

    #[test]
    fn braces_of_prose_are_not_template_code() {
        for text in [
            "Un ensemble {1, 2} et {a}.",
            "Ouvert {{ sans fin",
            "L’ensemble {{a}, {b}} et {%} de quoi",
            "{%",
            "é{",
            &format!("{{{{ {} }}}}", "é".repeat(LONGEST)),
        ] {
            assert!(find(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn long_code_is_quoted_cut_on_one_line() {
        let code = format!("{{{{< figure\n  src=\"{}\" >}}}}", "a".repeat(100));
        let found = find(&code);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].1.starts_with("{{< figure src=\"aaa"),
            "{}",
            found[0].1
        );
        assert!(found[0].1.ends_with('…'));
        assert_eq!(found[0].1.chars().count(), QUOTED_CHARS + 1);
    }
}
