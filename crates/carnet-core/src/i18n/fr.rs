//! The interface in French, the default: typographic apostrophes, and a no-break space before
//! « : » as French sets it.

use super::{grouped, Strings};
use crate::date::Date;

/// French month names, January first, lower case as French writes them.
const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// The interface in French.
pub static STRINGS: Strings = Strings {
    locale: "fr_FR",
    skip_to_content: "Aller au contenu",
    main_navigation: "Navigation principale",
    home: "Accueil",
    archives: "Archives",
    recent_posts: "Articles récents",
    categories: "Catégories",
    all_archives: "Toutes les archives",
    powered_by: "Propulsé par Carnet.",
    sidebar: "Barre latérale",
    comments_closed: "Commentaires fermés",
    neighbours: "Billets voisins",
    pages: "Pages",
    page_of: |n, count| format!("Page {} sur {}", number(n), number(count)),
    read_more_title: " : ",
    read_more_end: " »",
    latest_posts: "Derniers billets",
    newer_posts: "← Billets plus récents",
    older_posts: "Billets plus anciens →",
    previous_post: "← Billet précédent",
    next_post: "Billet suivant →",
    read_more: "Lire la suite",
    published_on: "Publié le ",
    updated_on: ", mis à jour le ",
    in_category: " dans ",
    by: " par ",
    category_heading: "Catégorie\u{a0}: ",
    month_heading: "Archives\u{a0}: ",
    retry: "Réessayer",
    loading_blog: "Chargement du carnet…",
    blog_unavailable: "Impossible de charger le blog.",
    loading_posts: "Chargement des billets…",
    posts_unavailable: "Impossible de charger ces billets.",
    loading_post: "Chargement du billet…",
    post_unavailable: "Billet indisponible",
    post_unavailable_description: "Ce billet n’a pas pu être chargé.",
    post_unavailable_message: "Impossible de charger ce billet.",
    not_found: "Page introuvable",
    not_found_description: "Cette page n’existe pas, ou plus.",
    not_found_text: "Cette page n’existe pas, ou plus. Le lien suivi est peut-être erroné.",
    back_home: "Retour à l’accueil",
    network_error:
        "Le serveur est injoignable. Vérifiez votre connexion à Internet, puis réessayez.",
    missing_error:
        "Ce contenu est introuvable sur le serveur (erreur 404) : le site vient peut-être \
                    d’être mis à jour.",
    invalid_error:
        "Les données reçues sont illisibles : le site est peut-être en cours de mise à jour.",
    version_error:
        "Cette page et les données du site ne sont pas de la même version : le site vient \
                    sans doute d’être mis à jour. Rechargez la page.",
    unsupported_error:
        "Ce navigateur ne sait pas lire les données de cette page : ouvrez-la dans un \
                    navigateur plus récent.",
    server_error: |status| {
        format!("Le serveur a rencontré un problème (erreur {status}). Réessayez dans un instant.")
    },
    refused_error: |status| format!("Le serveur a refusé de répondre (erreur {status})."),
    number,
    uncategorized: "Non classé",
    posts: |count| match count {
        1 => "1 billet".to_owned(),
        count => format!("{} billets", number(count)),
    },
    page: |title, n| match title {
        "" => format!("Page {}", number(n)),
        title => format!("{title}, page {}", number(n)),
    },
    category_title: |name| format!("Catégorie : {name}"),
    category_description: |name, posts| format!("Les billets de la catégorie {name} ({posts})."),
    month_title: |month| format!("Archives : {month}"),
    month_description: |month, posts| format!("Les billets publiés en {month} ({posts})."),
    archive_description: |posts| format!("Tous les billets, mois par mois ({posts})."),
    date,
    month: |month| format!("{} {}", MONTHS[usize::from(month.month - 1)], month.year),
    site_header: "En-tête du site",
    main_content: "Contenu",
    site_footer: "Pied de page",
    theme: "Thème",
    theme_light: "Clair",
    theme_dark: "Sombre",
    theme_system: "Système",
    tags: "Étiquettes",
    tags_description: "Toutes les étiquettes du blog, avec leur nombre de billets.",
    all_tags: "Toutes les étiquettes",
    tagged: "Étiquettes\u{a0}: ",
    tag_heading: "Étiquette\u{a0}: ",
    tag_title: |name| format!("Étiquette : {name}"),
    tag_description: |name, posts| format!("Les billets de l’étiquette {name} ({posts})."),
    reading_time: |minutes| format!("{minutes}\u{A0}min de lecture"),
    table_of_contents: "Sommaire",
    heading_anchor: |heading| format!("Lien vers cette section\u{A0}: {heading}"),
    footnote_back: |n, count| match count {
        1 => "Retour à l’appel de note".to_owned(),
        _ => format!("Retour à l’appel de note {n}"),
    },
    search: "Rechercher",
    search_placeholder: "Rechercher…",
    search_description: "Chercher un mot dans les billets du blog.",
    search_needs_javascript: "La recherche a besoin de JavaScript : activez-le pour chercher \
                              dans les billets.",
    search_hint: "Tapez un ou plusieurs mots : les billets qui les contiennent tous \
                  s’affichent au fil de la frappe.",
    searching: "Recherche…",
    search_unavailable: "La recherche est indisponible pour le moment.",
    more_results: "Plus de résultats",
    draft: "Brouillon",
    related_posts: "À lire aussi",
    results,
    no_results,
    chosen_result,
};

/// « 3 résultats »: the search worker calls these four itself (`Language::search_strings`).
pub fn results(count: usize) -> String {
    match count {
        0 | 1 => format!("{count} résultat"),
        count => format!("{} résultats", number(count)),
    }
}

/// A query of one letter, being typed.
pub const KEEP_TYPING: &str = "Tapez au moins deux lettres.";

/// « Aucun résultat pour « réseau » ».
pub fn no_results(query: &str) -> String {
    format!("Aucun résultat pour « {query} »")
}

/// « Résultat 2 sur 5 : Titre ».
pub fn chosen_result(position: usize, count: usize, title: &str) -> String {
    format!(
        "Résultat {} sur {}\u{a0}: {title}",
        number(position),
        number(count)
    )
}

/// A count with its digits grouped by a narrow no-break space, as CLDR's French does:
/// « 10 000 ».
fn number(n: usize) -> String {
    grouped(n, "\u{202f}")
}

/// « 6 octobre 2009 », « 1er mars 2009 ».
pub fn date(date: Date) -> String {
    let month = MONTHS[usize::from(date.month() - 1)];
    match date.day() {
        1 => format!("1er {month} {}", date.year()),
        day => format!("{day} {month} {}", date.year()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::YearMonth;

    fn date(text: &str) -> String {
        (STRINGS.date)(text.parse().unwrap())
    }

    #[test]
    fn seed_dates_read_in_french_the_first_as_premier() {
        assert_eq!(date("2009-10-06"), "6 octobre 2009");
        assert_eq!(date("2009-03-10"), "10 mars 2009");
        assert_eq!(date("2009-01-07"), "7 janvier 2009");
        assert_eq!(date("2010-08-01"), "1er août 2010");
    }

    #[test]
    fn every_month_has_its_french_name() {
        let names: Vec<String> = (1..=12)
            .map(|m| (STRINGS.month)(YearMonth::new(2009, m).unwrap()))
            .collect();
        assert_eq!(names[0], "janvier 2009");
        assert_eq!(names[1], "février 2009");
        assert_eq!(names[7], "août 2009");
        assert_eq!(names[9], "octobre 2009");
        assert_eq!(names[11], "décembre 2009");
    }
}
