//! Slugs: the URL-safe names of posts (made from their files' names), categories and tags.
//!
//! A slug is lower-case ASCII letters and digits in words joined by `-`. Latin letters are folded
//! to their base letter (`é` → `e`, `ș` → `s`, `ế` → `e`, `œ` → `oe`, `þ` → `th`), whether their
//! accent is part of the letter or written after it as a combining mark (as macOS writes file
//! names); every other character separates words. The
//! rule is small and written here, rather than taken from a transliteration crate, because the
//! app also runs it (heading ids) and its tables would ship in every reader's download.
//!
//! A post or a category needs a URL whatever its name: [`page_slug`] falls back, for a name with
//! no Latin letter or digit (« 你好，世界 », « مرحبا », « 🎉 »), on a short hash of the name. That
//! keeps URLs ASCII (no percent-encoding for hosts, files and the router to disagree on) and
//! stable: the same name gives the same slug on every machine and in every version, since the
//! hash (64-bit FNV-1a) is written here and not taken from `std`, whose hasher may change.

/// Makes the slug of `text`: `"Réseaux sociaux"` → `"reseaux-sociaux"`.
///
/// Returns an empty string when `text` has no Latin letter or digit at all; callers that need a
/// slug must treat that as an error (the content tool asks the author for an explicit `slug`).
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        if is_combining_mark(c) {
            continue;
        }
        let folded = fold(c);
        if folded.is_empty() {
            pending_dash = !slug.is_empty();
            continue;
        }
        if pending_dash {
            slug.push('-');
            pending_dash = false;
        }
        slug.push_str(folded);
    }
    slug
}

/// Makes the slug of a page named `text` (a post's title, a category's name): [`slugify`]'s
/// when it has a Latin letter or digit, else [`HASHED_LEN`] hexadecimal digits of a hash of
/// `text`. Never empty, always the same for the same `text`.
pub fn page_slug(text: &str) -> String {
    let slug = slugify(text);
    if !slug.is_empty() {
        return slug;
    }
    // Its top bits are the best mixed.
    let hash = fnv1a(text);
    format!(
        "{:0width$x}",
        hash >> (64 - 4 * HASHED_LEN),
        width = HASHED_LEN
    )
}

/// Makes the slug of a tag's or a category's name: [`page_slug`]'s, with a `+` or a `#` that
/// follows a Latin letter or digit spelt out (`C++` → `c-plus-plus`, `C#` → `c-sharp`,
/// `Canal+` → `canal-plus`), so that C, C++ and C#, tags of many a programmer's blog, get pages
/// of their own: dropped, as in a title, the three would share one URL, and an author has no
/// way to give a tag another. `carnet new` names a post's file with it too, so that « Du C++ »
/// and « Du C# » are two posts.
pub fn term_slug(name: &str) -> String {
    let mut spelt = String::with_capacity(name.len() + 16);
    let mut after_word = false;
    for c in name.chars() {
        match c {
            '+' | '#' if after_word => {
                spelt.push_str(if c == '+' { " plus " } else { " sharp " });
                // `C++`: the second `+` follows the first.
                after_word = c == '+';
            }
            _ => {
                spelt.push(c);
                after_word = (is_combining_mark(c) && after_word) || !fold(c).is_empty();
            }
        }
    }
    page_slug(&spelt)
}

/// The 64-bit FNV-1a hash of `text`'s UTF-8 bytes: Carnet's own, written here rather than taken
/// from `std` (whose hasher may change), since what it gives is published (hashed slugs, and the
/// data file a page's data is in: [`crate::model::bucket`]).
pub fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// How many hexadecimal digits [`page_slug`] gives a name without Latin letters: 48 bits, so
/// that even 100,000 such posts are unlikely to share one (a shared slug is reported anyway).
pub const HASHED_LEN: usize = 12;

/// The longest slug the site can use: a slug names a folder, and file systems refuse names over
/// 255 bytes.
pub const MAX_LEN: usize = 200;

/// `slug` cut after its last whole word within 60 bytes, for an author to choose instead of a
/// slug too long (a slug is ASCII: any byte is a character boundary).
pub fn shortened(slug: &str) -> &str {
    const SHORT: usize = 60;
    if slug.len() <= SHORT {
        return slug;
    }
    let end = slug[..=SHORT].rfind('-').unwrap_or(SHORT);
    &slug[..end]
}

/// Whether `text` is already a slug: what [`slugify`] would leave unchanged, and not empty.
pub fn is_slug(text: &str) -> bool {
    !text.is_empty() && slugify(text) == text
}

/// The lower-case ASCII that `c` stands for in a slug, or `""` for a separator.
pub(crate) fn fold(c: char) -> &'static str {
    const ASCII: [&str; 36] = [
        "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f", "g", "h",
        "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z",
    ];
    if c.is_ascii_alphanumeric() {
        let c = c.to_ascii_lowercase();
        let index = match c {
            '0'..='9' => c as usize - '0' as usize,
            _ => c as usize - 'a' as usize + 10,
        };
        return ASCII[index];
    }
    let base = match u32::from(c) {
        code @ 0xC0..=0x24F => LATIN_EXTENDED[code as usize - 0xC0],
        code @ 0x1E00..=0x1EFF => LATIN_EXTENDED_ADDITIONAL[code as usize - 0x1E00],
        _ => b' ',
    };
    match base {
        b'a'..=b'z' => ASCII[usize::from(base - b'a') + 10],
        b'*' => match c {
            'æ' | 'Æ' | 'ǣ' | 'Ǣ' | 'ǽ' | 'Ǽ' => "ae",
            'œ' | 'Œ' => "oe",
            'ß' | 'ẞ' => "ss",
            'þ' | 'Þ' => "th",
            'ĳ' | 'Ĳ' => "ij",
            'ŋ' | 'Ŋ' => "ng",
            'ǆ' | 'ǅ' | 'Ǆ' | 'ǳ' | 'ǲ' | 'Ǳ' => "dz",
            'ǉ' | 'ǈ' | 'Ǉ' => "lj",
            'ǌ' | 'ǋ' | 'Ǌ' => "nj",
            'ȣ' | 'Ȣ' => "ou",
            'ƕ' | 'Ƕ' => "hv",
            'ƣ' | 'Ƣ' => "oi",
            'ȸ' => "db",
            'ȹ' => "qp",
            _ => "",
        },
        _ => "",
    }
}

/// Whether `c` is a combining mark, an accent written after its letter (`e` and U+0301 for `é`,
/// as macOS writes file names and some editors text): nothing of a slug, not a separator.
fn is_combining_mark(c: char) -> bool {
    matches!(
        c,
        '\u{300}'..='\u{36F}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{FE20}'..='\u{FE2F}'
    )
}

/// The base letter of each character from U+00C0 to U+024F (Latin-1's letters, Latin
/// Extended-A and -B: `é`, `ő`, `ș`, `ǐ`, `ơ`…), a space for one that has none (`×`, `÷`,
/// and letters with no Latin look-alike) and `*` for one that folds to two letters ([`fold`] spells those out). Generated
/// from Unicode's decompositions, with the letters that have none given their look-alike
/// (`ø` o, `đ` d, `ł` l, `ħ` h, `ə` e).
const LATIN_EXTENDED: &[u8; 0x250 - 0xC0] =
    b"aaaaaa*ceeeeiiiidnooooo ouuuuy**aaaaaa*ceeeeiiiidnooooo ouuuuy*y\
      aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii**jjkkklllllll\
      lllnnnnnnn**oooooo**rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs\
      bbbb   cc ddd  e ffg * ikkl  nn oo**pp     ttttuu  yyzz             \
      *********aaiioouuuuuuuuuu aaaa**ggggkkoooo  j***gg* nnaa**  aaaa\
      eeeeiiiioooorrrruuuusstt  hh d**zzaaeeooooooooyylntj** cc  sz   \
      u eejj  rryy";

/// The same for U+1E00 to U+1EFF, Latin Extended Additional: Vietnamese (`ế`, `ữ`, `ặ`), Welsh
/// (`ẃ`, `ŷ`'s kin), the dotted letters of Irish and of transliterations (`ḥ`, `ṭ`).
const LATIN_EXTENDED_ADDITIONAL: &[u8; 0x100] =
    b"aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmm\
      mmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvv\
      wwwwwwwwwwxxxxyyzzzzzzhtwy  ss* aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeee\
      eeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyyllvvyy";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_titles_give_the_documented_slugs() {
        assert_eq!(
            slugify("Les réseaux sociaux B2B vont-ils disparaitre ?"),
            "les-reseaux-sociaux-b2b-vont-ils-disparaitre"
        );
        assert_eq!(
            slugify("Community manager : un métier « transparent » ?"),
            "community-manager-un-metier-transparent"
        );
        assert_eq!(
            slugify("Générer du business avec les réseaux sociaux"),
            "generer-du-business-avec-les-reseaux-sociaux"
        );
    }

    #[test]
    fn category_names_fold_accents() {
        assert_eq!(slugify("Réseaux sociaux"), "reseaux-sociaux");
        assert_eq!(slugify("Actus"), "actus");
        assert_eq!(slugify("Œuvres d’Ærø à Straße"), "oeuvres-d-aero-a-strasse");
    }

    #[test]
    fn the_latin_letters_of_every_language_fold_and_combining_accents_are_no_separators() {
        for (text, slug) in [
            // As macOS writes a file's name: each accent a mark after its letter.
            (
                "E\u{301}te\u{301} a\u{300} Montre\u{301}al",
                "ete-a-montreal",
            ),
            ("Mon billet d’e\u{301}te\u{301}", "mon-billet-d-ete"),
            ("Việt Nam, Huế, Đường phố", "viet-nam-hue-duong-pho"),
            ("București și Timișoara", "bucuresti-si-timisoara"),
            ("Guðrún á Þingvellir", "gudrun-a-thingvellir"),
            ("ĉu ŝi", "cu-si"),
            ("Běijīng Nǐ hǎo lǚ", "beijing-ni-hao-lu"),
            ("Ŵyŵ ẃ", "wyw-w"),
            ("Ħamrun Ķemeri Əli", "hamrun-kemeri-eli"),
            ("× ÷", ""),
        ] {
            assert_eq!(slugify(text), slug, "{text}");
        }
        // The letters folded alone and their marks alike: `é` either way.
        assert_eq!(slugify("cafe\u{301}"), slugify("café"));
        assert_eq!(term_slug("C\u{327}a++"), "ca-plus-plus");
    }

    #[test]
    fn punctuation_and_spaces_collapse_into_single_dashes() {
        assert_eq!(slugify("  --Hello,   World!!--  "), "hello-world");
        assert_eq!(slugify("C’est l’été… 😉 2009"), "c-est-l-ete-2009");
        assert_eq!(slugify("a_b.c/d"), "a-b-c-d");
    }

    #[test]
    fn text_without_latin_letters_gives_an_empty_slug() {
        assert_eq!(slugify("😉 « » !"), "");
        assert_eq!(slugify("Ελληνικά"), "");
    }

    #[test]
    fn titles_without_latin_letters_get_a_stable_hashed_slug() {
        for (title, slug) in [
            ("你好，世界", "fe310926beab"),
            ("مرحبا بالعالم", "d7a61c644096"),
            ("🎉🎈🎂", "3161c6aa168a"),
            ("Ελληνικά", "10a77a0ff0a4"),
        ] {
            assert_eq!(page_slug(title), slug, "{title}");
            assert!(is_slug(&page_slug(title)), "{title}");
        }
        // Pinned values, checked against an independent FNV-1a: a change would move published
        // URLs.
        assert_ne!(page_slug("你好"), page_slug("你好，世界"));
    }

    #[test]
    fn titles_with_latin_letters_keep_their_readable_slug() {
        assert_eq!(page_slug("Réseaux sociaux"), "reseaux-sociaux");
        assert_eq!(page_slug("北京 2008"), "2008");
    }

    #[test]
    fn long_slugs_are_shortened_between_words() {
        let long = "un-titre-vraiment-tres-long-".repeat(10);
        assert_eq!(
            shortened(&long),
            "un-titre-vraiment-tres-long-un-titre-vraiment-tres-long-un"
        );
        assert_eq!(shortened("court"), "court");
        assert_eq!(shortened(&"a".repeat(300)), "a".repeat(60));
    }

    #[test]
    fn a_term_spells_plus_and_sharp_after_a_word_so_c_cpp_and_csharp_differ() {
        for (name, slug) in [
            ("C", "c"),
            ("C++", "c-plus-plus"),
            ("C#", "c-sharp"),
            ("F#", "f-sharp"),
            ("Canal+", "canal-plus"),
            ("Notepad++ et moi", "notepad-plus-plus-et-moi"),
            // Not after a word: dropped, as in a title.
            ("#MeToo", "metoo"),
            ("a + b", "a-b"),
            ("Réseaux sociaux", "reseaux-sociaux"),
        ] {
            assert_eq!(term_slug(name), slug, "{name}");
        }
        // A name without Latin letters keeps its hashed slug: `+` after it is not spelt.
        assert_eq!(term_slug("日本+"), page_slug("日本+"));
        assert_eq!(slugify("C++"), "c");
    }

    #[test]
    fn is_slug_accepts_only_canonical_slugs() {
        assert!(is_slug("reseaux-sociaux"));
        assert!(is_slug("b2b-2009"));
        assert!(!is_slug(""));
        assert!(!is_slug("Réseaux"));
        assert!(!is_slug("trailing-"));
        assert!(!is_slug("double--dash"));
    }
}
