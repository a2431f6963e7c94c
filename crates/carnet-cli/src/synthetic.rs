//! Synthetic blogs for benchmarks: N posts of realistic French Markdown, the same N and seed
//! always giving the same files.
//!
//! Each post has a title, a date in the ten years 2015–2024, one of twelve categories, and a
//! body of 600 to 1,500 words with headings, paragraphs, a list, links, a code block and a table.
//!
//! The text is made so that search figures mean something. Its sentences follow a small French
//! grammar (determiners that agree and elide, « l’ », « d’ », « du », « aux », verbs conjugated,
//! adjectives agreed, negations), over a vocabulary drawn with a Zipf-like frequency: within each
//! kind of word (nouns, adjectives, verbs, first names, family names, places), the word of rank
//! r comes with a probability proportional to 1/r ([`Random::zipf`]). The first ranks are a few
//! hundred real, common French words (with their accents, « ç » and « œ »); the long tail is
//! derived from French syllables and endings (« -tion », « -ment », « -ique », « -er »…), each
//! rank its own word, and its inflections (plurals in -s and -x, feminines, verbs in -e, -ait,
//! -ons, adverbs in -ment) come from the same rules as the real words'. Proper nouns (people,
//! places) are capitalised, real ones first, derived ones after. So a blog of 1,000 posts holds
//! tens of thousands of distinct words, a few very frequent, most rare, and a larger blog holds
//! more of them, as a real one does.

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

// The real words, most frequent first (roughly: their order sets their rank). Space-separated,
// so that a few hundred words stay readable; each list is checked for duplicates by a test.

/// Masculine nouns.
const MASCULINE_NOUNS: &str = "réseau projet temps article message contenu outil usage public \
    blog groupe service client produit métier profil lien partage résultat objectif média \
    support exemple conseil avenir besoin moyen regard parcours échange utilisateur marché \
    monde jour mois site moment sujet point cas livre texte film jeu débat choix lieu \
    pays siècle quartier village territoire emploi salon atelier événement budget chiffre \
    graphique tableau bureau téléphone ordinateur écran logiciel serveur navigateur moteur \
    algorithme code fichier dossier courriel mot titre auteur éditeur journaliste lecteur abonné \
    visiteur internaute commentaire billet forum modèle principe problème enjeu défi succès \
    échec progrès changement développement mouvement engagement lancement classement \
    référencement investissement financement partenariat sondage témoignage slogan logo nom \
    prix coût revenu bénéfice contrat accord espace secteur domaine univers cœur vœu hiver \
    printemps automne matin soir café repas voyage train vélo musée théâtre concert \
    journal magazine podcast récit souvenir rêve esprit visage sourire geste effort plaisir \
    bonheur talent savoir stage diplôme cours élève professeur étudiant enfant parent ami \
    voisin collègue salarié citoyen habitant quotidien";

/// Feminine nouns.
const FEMININE_NOUNS: &str = "communauté marque stratégie veille entreprise audience relation \
    plateforme question réponse idée pratique confiance valeur discussion page équipe mesure \
    campagne visibilité notoriété conversation animation modération expérience tendance étude \
    analyse méthode réflexion histoire image vidéo photo vie ville région maison rue place école \
    université formation carrière société association institution collectivité administration \
    mairie politique économie culture musique littérature cuisine santé science recherche \
    technologie innovation donnée information actualité presse radio télévision publicité \
    annonce offre demande vente boutique commande livraison qualité sécurité liberté \
    transparence éthique règle loi charte consigne mission tâche réunion rencontre soirée \
    journée semaine année époque saison nuit lumière couleur forme voix parole langue lettre \
    note liste table carte série collection exposition œuvre manœuvre sœur façon leçon chanson \
    raison solution difficulté opportunité priorité possibilité réalité identité personnalité \
    fonction section version édition publication diffusion cible concurrence croissance \
    performance présence absence envie peur joie surprise curiosité patience habitude mémoire \
    découverte aventure promenade balade randonnée montagne mer plage forêt rivière île côte";

/// Adjectives in the masculine singular, all agreeing by the rules of [`feminine`] and
/// [`plural`], and giving their adverb by [`adverb`].
const ADJECTIVES: &str = "durable simple local social ouvert utile rapide clair humain \
    collectif régulier solide vivant numérique grand petit important récent fort libre modeste \
    célèbre fragile riche pauvre juste large court calme sûr fidèle original national régional \
    municipal culturel personnel professionnel naturel actuel annuel mensuel quotidien ancien \
    européen parisien heureux sérieux curieux précieux nombreux actif créatif positif négatif \
    sportif attentif premier dernier entier léger fier étranger politique pratique technique \
    économique unique efficace agréable incroyable possible visible sensible rare propre jeune \
    sincère fréquent intelligent prudent évident élégant puissant intéressant étonnant charmant \
    brillant vrai aisé poli";

/// Verbs of the first group, in the infinitive: [`conjugated`] makes their forms.
const VERBS: &str = "partager observer améliorer expliquer développer accompagner transformer \
    interroger faciliter préparer animer mesurer relier publier lancer commencer changer engager \
    encourager organiser présenter proposer raconter écouter regarder chercher trouver donner \
    montrer penser parler aimer travailler créer utiliser imaginer rencontrer visiter aider \
    gagner garder jouer compter ajouter continuer intéresser marquer former informer inviter \
    laisser demander passer rester arriver sembler porter apporter placer avancer annoncer \
    influencer financer manger voyager diriger corriger adorer décider exprimer exposer explorer \
    enregistrer illustrer souligner résumer analyser comparer tester évaluer valoriser optimiser \
    simplifier modifier vérifier identifier cibler fidéliser mobiliser rassembler recommander \
    signaler consulter commenter télécharger installer configurer programmer documenter \
    inventer innover collaborer échanger";

/// Adverbs that are not made from an adjective.
const ADVERBS: &str = "aussi toujours souvent encore déjà bien mieux vite ensuite enfin parfois \
    surtout ainsi pourtant désormais aujourd’hui demain hier ici beaucoup peu trop";

/// First names.
const FIRST_NAMES: &str = "Camille Léa Hugo Chloé Lucas Manon Théo Inès Louis Zoé Jules Emma \
    Nathan Sarah Gabriel Juliette Arthur Alice Raphaël Léna Paul Clara Adam Jeanne Victor \
    Margaux Antoine Élise Maxime Charlotte Julien Hélène François Cécile Jérôme Aurélie \
    Sébastien Mathilde Benoît Pauline Grégoire Noémie Étienne Agathe Rémi Céline Thibault Anaïs \
    Loïc Maëlle Gaël Nicolas Sophie Thomas Marie Pierre Anne Jean Claire Michel Isabelle";

/// Family names.
const FAMILY_NAMES: &str = "Martin Bernard Dubois Robert Richard Petit Durand Leroy Moreau \
    Simon Laurent Lefebvre Garcia David Bertrand Roux Vincent Fournier Morel Girard André \
    Lefèvre Mercier Dupont Lambert Bonnet Martinez Legrand Garnier Faure Rousseau Blanc Guérin \
    Muller Henry Roussel Perrin Morin Mathieu Clément Gauthier Dumont Lopez Fontaine Chevalier \
    Robin Masson";

/// Places.
const PLACES: &str = "Paris Lyon Marseille Bordeaux Nantes Lille Toulouse Strasbourg Rennes \
    Montpellier Nice Grenoble Dijon Angers Brest Reims Rouen Tours Metz Nancy Caen Orléans \
    Limoges Poitiers Besançon Perpignan Bayonne Annecy Avignon Nîmes Quimper Colmar Chambéry \
    Montréal Québec Bruxelles Genève Lausanne Liège Namur Luxembourg Dakar Abidjan Tunis \
    Casablanca Alger Beyrouth Berlin Londres Madrid Rome Barcelone Lisbonne Amsterdam Bretagne \
    Normandie Provence Alsace Bourgogne Auvergne Corse";

// Derived words: two syllables (an onset and a nucleus each: every rank its own pair) and an
// ending of their kind. How many ranks each kind has past its real words: the long tail.

/// The consonants that open a syllable.
const ONSETS: [&str; 22] = [
    "b", "c", "d", "f", "g", "j", "l", "m", "n", "p", "r", "s", "t", "v", "br", "cr", "dr", "fr",
    "gr", "pl", "tr", "ch",
];
/// The vowels of a syllable.
const NUCLEI: [&str; 12] = [
    "a", "e", "i", "o", "u", "é", "è", "ou", "ai", "au", "eu", "oi",
];
/// Endings of derived nouns, with whether the noun is feminine.
const NOUN_ENDINGS: [(&str, bool); 16] = [
    ("tion", true),
    ("ment", false),
    ("ture", true),
    ("lité", true),
    ("rage", false),
    ("nage", false),
    ("sure", true),
    ("tude", true),
    ("nce", true),
    ("cle", false),
    ("phie", true),
    ("lier", false),
    ("rie", true),
    ("nisme", false),
    ("teur", false),
    ("lon", false),
];
/// Endings of derived adjectives.
const ADJECTIVE_ENDINGS: [&str; 12] = [
    "ble", "que", "teux", "tif", "nal", "rien", "tique", "nel", "sant", "rent", "lier", "ré",
];
/// What ends a derived verb's stem, before « -er ».
const VERB_ENDINGS: [&str; 12] = [
    "l", "n", "r", "s", "t", "ch", "m", "v", "ss", "gn", "c", "g",
];
/// Endings of derived family names.
const FAMILY_NAME_ENDINGS: [&str; 12] = [
    "ier", "in", "ard", "eau", "et", "ot", "oux", "and", "on", "ès", "ac", "y",
];
/// Endings of derived places.
const PLACE_ENDINGS: [&str; 12] = [
    "ville", "court", "ac", "bourg", "mont", "ières", "y", "eux", "as", "ange", "ol", "oz",
];

/// Derived ranks of each kind, past its real words (at most ONSETS × NUCLEI squared).
const DERIVED_NOUNS: usize = 60_000;
const DERIVED_ADJECTIVES: usize = 20_000;
const DERIVED_VERBS: usize = 8_000;
const DERIVED_FAMILY_NAMES: usize = 20_000;
const DERIVED_PLACES: usize = 8_000;

// Words of grammar, most frequent first.
const MASCULINE_DETERMINERS: [&str; 9] = [
    "le", "un", "ce", "son", "notre", "leur", "chaque", "votre", "mon",
];
const FEMININE_DETERMINERS: [&str; 9] = [
    "la", "une", "cette", "sa", "notre", "leur", "chaque", "votre", "ma",
];
const PLURAL_DETERMINERS: [&str; 8] = [
    "les",
    "des",
    "ces",
    "nos",
    "leurs",
    "ses",
    "quelques",
    "plusieurs",
];
const PREPOSITIONS: [&str; 17] = [
    "à", "pour", "dans", "avec", "sur", "par", "entre", "sans", "vers", "chez", "selon", "depuis",
    "pendant", "après", "avant", "contre", "sous",
];
/// Modal verbs in the third person singular, plural and first plural.
const MODALS: [[&str; 3]; 4] = [
    ["doit", "doivent", "devons"],
    ["peut", "peuvent", "pouvons"],
    ["va", "vont", "allons"],
    ["veut", "veulent", "voulons"],
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

    /// A rank from 1 to `max`, rank r with probability proportional to 1/r, exactly, in
    /// integers only (the same on every machine): an octave [2^k, 2^(k+1)) is chosen uniformly
    /// (each holds the same share of a 1/r law), then a rank r in it uniformly, kept with
    /// probability 2^k / r (else all is drawn again, as for a rank past `max`).
    fn zipf(&mut self, max: usize) -> usize {
        let octaves = (usize::BITS - max.leading_zeros()) as usize;
        loop {
            let low = 1 << self.below(octaves);
            let rank = low + self.below(low);
            if rank <= max && self.below(rank) < low {
                return rank;
            }
        }
    }

    /// An item of `items` (most frequent first) drawn with [`Random::zipf`].
    fn ranked<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.zipf(items.len()) - 1]
    }
}

/// A noun as drawn, in the singular, with its gender.
struct Noun {
    word: String,
    feminine: bool,
}

/// The vocabulary: the real words of each kind, split once.
struct Vocabulary {
    nouns: Vec<(&'static str, bool)>,
    adjectives: Vec<&'static str>,
    verbs: Vec<&'static str>,
    adverbs: Vec<&'static str>,
    first_names: Vec<&'static str>,
    family_names: Vec<&'static str>,
    places: Vec<&'static str>,
}

impl Vocabulary {
    fn new() -> Self {
        // Masculine and feminine nouns alternate in rank.
        let masculine: Vec<&str> = MASCULINE_NOUNS.split_whitespace().collect();
        let feminine: Vec<&str> = FEMININE_NOUNS.split_whitespace().collect();
        let mut nouns = Vec::with_capacity(masculine.len() + feminine.len());
        for i in 0..masculine.len().max(feminine.len()) {
            nouns.extend(masculine.get(i).map(|&word| (word, false)));
            nouns.extend(feminine.get(i).map(|&word| (word, true)));
        }
        Vocabulary {
            nouns,
            adjectives: ADJECTIVES.split_whitespace().collect(),
            verbs: VERBS.split_whitespace().collect(),
            adverbs: ADVERBS.split_whitespace().collect(),
            first_names: FIRST_NAMES.split_whitespace().collect(),
            family_names: FAMILY_NAMES.split_whitespace().collect(),
            places: PLACES.split_whitespace().collect(),
        }
    }
}

/// The two syllables of the derived word numbered `index` among those of a kind: numbers are
/// spread by `spread` (an odd number prime to 264², so every index has its own pair), so that
/// frequent derived words do not all begin alike.
fn syllables(index: usize, spread: usize) -> String {
    let pairs = ONSETS.len() * NUCLEI.len();
    let n = index.wrapping_mul(spread) % (pairs * pairs);
    let mut word = String::new();
    for digit in [n / pairs, n % pairs] {
        word.push_str(ONSETS[digit / NUCLEI.len()]);
        word.push_str(NUCLEI[digit % NUCLEI.len()]);
    }
    word
}

/// Whether a determiner or « de » elides before `word` (a vowel or a mute h).
fn starts_with_vowel(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| "aeiouyéèêàâîôûœh".contains(c.to_lowercase().next().unwrap_or(c)))
}

/// A noun or adjective in the plural: « réseaux », « journaux », « idées »; « temps » stays.
fn plural(word: &str) -> String {
    if word.ends_with(['s', 'x', 'z']) {
        word.to_owned()
    } else if word.ends_with("eau") || word.ends_with("eu") {
        format!("{word}x")
    } else if let Some(stem) = word.strip_suffix("al") {
        format!("{stem}aux")
    } else {
        format!("{word}s")
    }
}

/// An adjective in the feminine: « heureuse », « active », « culturelle », « dernière ».
fn feminine(adjective: &str) -> String {
    const RULES: [(&str, &str); 7] = [
        ("eux", "euse"),
        ("if", "ive"),
        ("el", "elle"),
        ("ien", "ienne"),
        ("on", "onne"),
        ("ier", "ière"),
        ("er", "ère"),
    ];
    if adjective.ends_with('e') {
        return adjective.to_owned();
    }
    for (ending, replacement) in RULES {
        if let Some(stem) = adjective.strip_suffix(ending) {
            return format!("{stem}{replacement}");
        }
    }
    format!("{adjective}e")
}

/// An adjective's adverb: « rapidement », « heureusement », « récemment », « puissamment ».
fn adverb(adjective: &str) -> String {
    if let Some(stem) = adjective.strip_suffix("ant") {
        format!("{stem}amment")
    } else if let Some(stem) = adjective.strip_suffix("ent") {
        format!("{stem}emment")
    } else if adjective.ends_with(['e', 'é', 'i', 'u']) || adjective.ends_with("ai") {
        format!("{adjective}ment")
    } else {
        format!("{}ment", feminine(adjective))
    }
}

/// A form of a first-group verb: its stem (`infinitive` without « -er ») and `ending`, with
/// « ge » and « ç » before a and o (« partageait », « lançons »).
fn conjugated(infinitive: &str, ending: &str) -> String {
    let stem = infinitive.strip_suffix("er").unwrap_or(infinitive);
    if ending.starts_with(['a', 'o']) {
        if stem.ends_with('g') {
            return format!("{stem}e{ending}");
        }
        if let Some(before) = stem.strip_suffix('c') {
            return format!("{before}ç{ending}");
        }
    }
    format!("{stem}{ending}")
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

/// Who a verb agrees with.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Person {
    /// Third person singular.
    One,
    /// Third person plural.
    Many,
    /// « nous ».
    We,
}

/// Makes the text of the posts.
struct Writer {
    random: Random,
    words: Vocabulary,
}

impl Writer {
    fn noun(&mut self) -> Noun {
        let real = self.words.nouns.len();
        let rank = self.random.zipf(real + DERIVED_NOUNS);
        if rank <= real {
            let (word, feminine) = self.words.nouns[rank - 1];
            return Noun {
                word: word.to_owned(),
                feminine,
            };
        }
        let index = rank - real;
        let (ending, feminine) = NOUN_ENDINGS[index % NOUN_ENDINGS.len()];
        Noun {
            word: syllables(index, 40_009) + ending,
            feminine,
        }
    }

    fn adjective(&mut self) -> String {
        let real = self.words.adjectives.len();
        let rank = self.random.zipf(real + DERIVED_ADJECTIVES);
        if rank <= real {
            return self.words.adjectives[rank - 1].to_owned();
        }
        let index = rank - real;
        syllables(index, 17_761) + ADJECTIVE_ENDINGS[index % ADJECTIVE_ENDINGS.len()]
    }

    /// A verb, in the infinitive.
    fn verb(&mut self) -> String {
        let real = self.words.verbs.len();
        let rank = self.random.zipf(real + DERIVED_VERBS);
        if rank <= real {
            return self.words.verbs[rank - 1].to_owned();
        }
        let index = rank - real;
        syllables(index, 29_863) + VERB_ENDINGS[index % VERB_ENDINGS.len()] + "er"
    }

    fn adverb(&mut self) -> String {
        if self.random.below(2) == 0 {
            self.random.ranked(&self.words.adverbs).to_owned()
        } else {
            adverb(&self.adjective())
        }
    }

    fn place(&mut self) -> String {
        let real = self.words.places.len();
        let rank = self.random.zipf(real + DERIVED_PLACES);
        if rank <= real {
            return self.words.places[rank - 1].to_owned();
        }
        let index = rank - real;
        capitalised(&(syllables(index, 50_021) + PLACE_ENDINGS[index % PLACE_ENDINGS.len()]))
    }

    /// A person: a first name, a family name, or both.
    fn person(&mut self) -> String {
        let first = self.words.first_names[self.random.zipf(self.words.first_names.len()) - 1];
        let real = self.words.family_names.len();
        let rank = self.random.zipf(real + DERIVED_FAMILY_NAMES);
        let family = if rank <= real {
            self.words.family_names[rank - 1].to_owned()
        } else {
            let index = rank - real;
            let ending = FAMILY_NAME_ENDINGS[index % FAMILY_NAME_ENDINGS.len()];
            capitalised(&(syllables(index, 61_543) + ending))
        };
        match self.random.below(4) {
            0 => first.to_owned(),
            1 => family,
            _ => format!("{first} {family}"),
        }
    }

    /// A noun phrase: its determiner (as chosen, before elision) and the rest, agreed.
    fn noun_phrase(&mut self, many: bool) -> (&'static str, String) {
        let noun = self.noun();
        let determiner = if many {
            self.random.ranked(&PLURAL_DETERMINERS)
        } else if noun.feminine {
            self.random.ranked(&FEMININE_DETERMINERS)
        } else {
            self.random.ranked(&MASCULINE_DETERMINERS)
        };
        let mut words = if many { plural(&noun.word) } else { noun.word };
        if self.random.below(3) == 0 {
            let mut adjective = self.adjective();
            if noun.feminine {
                adjective = feminine(&adjective);
            }
            if many {
                adjective = plural(&adjective);
            }
            words.push(' ');
            words.push_str(&adjective);
        }
        (determiner, words)
    }

    /// A noun phrase as written on its own: « l’équipe », « cet outil », « son idée ».
    fn noun_phrase_text(&mut self, many: bool) -> String {
        let (determiner, words) = self.noun_phrase(many);
        join(determiner, &words)
    }

    /// `preposition` and a noun phrase: « du réseau », « aux équipes », « d’un outil ».
    fn complement(&mut self, preposition: &str) -> String {
        let many = self.random.below(4) == 0;
        let (determiner, words) = self.noun_phrase(many);
        let vowel = starts_with_vowel(&words);
        match (preposition, determiner) {
            ("de", "le") if !vowel => format!("du {words}"),
            ("de", "les") => format!("des {words}"),
            ("de", "des") => format!("de {words}"),
            ("à", "le") if !vowel => format!("au {words}"),
            ("à", "les") => format!("aux {words}"),
            ("à", "des") => format!("à {words}"),
            ("de", _) if starts_with_vowel(determiner) => format!("d’{}", join(determiner, &words)),
            _ => format!("{preposition} {}", join(determiner, &words)),
        }
    }

    /// A verb agreed with `person`, maybe negated: « partage », « ne lançait pas »,
    /// « ont publié », « n’allons pas explorer ».
    fn verb_phrase(&mut self, person: Person) -> String {
        let verb = self.verb();
        let column = match person {
            Person::One => 0,
            Person::Many => 1,
            Person::We => 2,
        };
        let (first, rest) = match self.random.below(10) {
            0..=4 => {
                let ending = ["e", "ent", "ons"][column];
                (conjugated(&verb, ending), String::new())
            }
            5 | 6 if person != Person::We => {
                let ending = ["ait", "aient", ""][column];
                (conjugated(&verb, ending), String::new())
            }
            5..=8 => (
                ["a", "ont", "avons"][column].to_owned(),
                conjugated(&verb, "é"),
            ),
            _ => {
                let modal = MODALS[self.random.below(MODALS.len())][column];
                (modal.to_owned(), verb)
            }
        };
        let mut text = if self.random.below(12) == 0 {
            let ne = if starts_with_vowel(&first) {
                "n’"
            } else {
                "ne "
            };
            format!("{ne}{first} pas")
        } else {
            first
        };
        if !rest.is_empty() {
            text.push(' ');
            text.push_str(&rest);
        }
        text
    }

    fn sentence(&mut self) -> String {
        let (subject, person) = match self.random.below(10) {
            0..=4 => (self.noun_phrase_text(false), Person::One),
            5 => (self.person(), Person::One),
            6 => (
                self.random.pick(&["on", "il", "elle"]).to_owned(),
                Person::One,
            ),
            7 => (self.noun_phrase_text(true), Person::Many),
            8 => ("nous".to_owned(), Person::We),
            _ => (self.random.pick(&["ils", "elles"]).to_owned(), Person::Many),
        };
        let mut text = capitalised(&subject);
        text.push(' ');
        text.push_str(&self.verb_phrase(person));
        if self.random.below(4) == 0 {
            text.push(' ');
            text.push_str(&self.adverb());
        }
        text.push(' ');
        let many = self.random.below(4) == 0;
        text.push_str(&self.noun_phrase_text(many));
        let length = 8 + self.random.below(12);
        while text.split(' ').count() < length {
            let part = match self.random.below(12) {
                0..=3 => self.complement("de"),
                4..=7 => {
                    let preposition = self.random.ranked(&PREPOSITIONS);
                    self.complement(preposition)
                }
                8 => {
                    let many = self.random.below(3) == 0;
                    format!("et {}", self.noun_phrase_text(many))
                }
                9 => {
                    let many = self.random.below(3) == 0;
                    let person = if many { Person::Many } else { Person::One };
                    let verb = self.verb_phrase(person);
                    let many_objects = self.random.below(4) == 0;
                    let object = self.noun_phrase_text(many_objects);
                    format!("qui {verb} {object}")
                }
                10 => {
                    let place = self.place();
                    format!(
                        "{} {place}",
                        if self.random.below(3) == 0 {
                            "près de"
                        } else {
                            "à"
                        }
                    )
                }
                _ => {
                    let person = self.person();
                    let preposition = self.random.pick(&["avec", "selon", "pour", "chez"]);
                    format!("{preposition} {person}")
                }
            };
            text.push(' ');
            text.push_str(&part);
        }
        text.push_str(match self.random.below(30) {
            0 => " !",
            1..=4 => " ?",
            _ => ".",
        });
        text
    }

    fn post(&mut self, index: usize) -> SyntheticPost {
        let noun = self.noun();
        let mut title = capitalised(&noun.word);
        if self.random.below(2) == 0 {
            let adjective = self.adjective();
            title.push(' ');
            title.push_str(&if noun.feminine {
                feminine(&adjective)
            } else {
                adjective
            });
        }
        let complement = if self.random.below(3) == 0 {
            format!("à {}", self.place())
        } else {
            self.complement("de")
        };
        let title = format!(
            "{title} : {} {complement} n° {}",
            self.noun_phrase_text(false),
            index + 1
        );
        // Ten years, 2015 to 2024; day 1 to 28 exists in every month.
        let date = format!(
            "{}-{:02}-{:02}",
            2015 + self.random.below(10),
            1 + self.random.below(12),
            1 + self.random.below(28)
        );
        let category = self.random.pick(&CATEGORIES);
        let mut body = String::new();
        // Every post has at least the four kinds of section; the last may overshoot a little.
        let target_words = 600 + self.random.below(600);
        let mut words = 0;
        let mut section = 0;
        while words < target_words || section < 4 {
            section += 1;
            let heading = capitalised(&self.noun().word);
            let _ = writeln!(body, "## {heading} {section}\n");
            for _ in 0..1 + self.random.below(2) {
                if words >= target_words && section > 4 {
                    break;
                }
                let sentences = 2 + self.random.below(4);
                let paragraph: Vec<String> = (0..sentences).map(|_| self.sentence()).collect();
                let paragraph = paragraph.join(" ");
                words += paragraph.split_whitespace().count();
                let _ = writeln!(body, "{paragraph}\n");
            }
            match section % 4 {
                1 => {
                    for _ in 0..3 + self.random.below(3) {
                        let item = self.sentence();
                        words += item.split_whitespace().count();
                        let _ = writeln!(body, "- {item}");
                    }
                    body.push('\n');
                }
                2 => {
                    let link = self.noun_phrase_text(false);
                    let _ = writeln!(
                        body,
                        "À lire aussi : [{link}](https://example.org/{}) et [nos archives](/archive/).\n",
                        self.random.below(1000)
                    );
                    words += 6 + link.split_whitespace().count();
                }
                3 => {
                    let _ = writeln!(
                        body,
                        "```rust\nfn mesure(visites: u32, partages: u32) -> f32 {{\n    partages as f32 / visites.max(1) as f32\n}}\n```\n"
                    );
                }
                _ => {
                    let _ = writeln!(body, "| Ville | Membres | Part |\n|---|---:|---:|");
                    for _ in 0..3 {
                        let place = self.place();
                        let _ = writeln!(
                            body,
                            "| {place} | {} | {} % |",
                            1000 + self.random.below(90000),
                            self.random.below(100)
                        );
                    }
                    body.push('\n');
                    words += 12;
                }
            }
        }
        SyntheticPost {
            file_name: format!("{}.md", carnet_core::slug::page_slug(&title)),
            text: format!(
                "+++\ntitle = \"{title}\"\ndate = {date}\ncategory = \"{category}\"\nauthor = \"admin\"\n+++\n\n{body}"
            ),
        }
    }
}

/// A determiner and what follows it, elided where French elides: « l’équipe », « cet outil »,
/// « son idée ».
fn join(determiner: &str, words: &str) -> String {
    if starts_with_vowel(words) {
        match determiner {
            "le" | "la" => return format!("l’{words}"),
            "ce" => return format!("cet {words}"),
            "sa" => return format!("son {words}"),
            "ma" => return format!("mon {words}"),
            _ => {}
        }
    }
    format!("{determiner} {words}")
}

/// A generated post: its file name and its text.
pub struct SyntheticPost {
    /// `post-00042.md`.
    pub file_name: String,
    /// Front matter and body.
    pub text: String,
}

/// The `n` posts of the blog generated from `seed`. The first posts of a larger blog of the
/// same seed are the posts of a smaller one.
pub fn posts(n: usize, seed: u64) -> Vec<SyntheticPost> {
    let mut writer = Writer {
        random: Random(seed),
        words: Vocabulary::new(),
    };
    (0..n).map(|i| writer.post(i)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use carnet_core::content::{build, Publish, SourceFile};
    use std::collections::{BTreeSet, HashMap};

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
        let smaller: Vec<String> = posts(5, 7).into_iter().map(|p| p.text).collect();
        assert_eq!(smaller, a[..5]);
    }

    #[test]
    fn generated_posts_are_valid_realistic_and_spread_out() {
        let blog = build(None, &sources(300, 1), Publish::ALL).expect("generated content is valid");
        assert_eq!(blog.manifest.posts.len(), 300);
        assert_eq!(blog.manifest.categories.len(), CATEGORIES.len());
        let years: BTreeSet<u16> = blog.manifest.posts.iter().map(|p| p.date.year()).collect();
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

    #[test]
    fn the_real_word_lists_hold_each_word_once() {
        for list in [
            MASCULINE_NOUNS,
            FEMININE_NOUNS,
            ADJECTIVES,
            VERBS,
            ADVERBS,
            FIRST_NAMES,
            FAMILY_NAMES,
            PLACES,
        ] {
            let mut seen = BTreeSet::new();
            for word in list.split_whitespace() {
                assert!(seen.insert(word), "{word} twice");
            }
        }
        let nouns: BTreeSet<&str> = MASCULINE_NOUNS.split_whitespace().collect();
        let both: Vec<&str> = FEMININE_NOUNS
            .split_whitespace()
            .filter(|word| nouns.contains(word))
            .collect();
        assert!(both.is_empty(), "{both:?}");
        for verb in VERBS.split_whitespace() {
            assert!(verb.ends_with("er"), "{verb}");
        }
    }

    #[test]
    fn words_agree_and_elide_as_in_french() {
        assert_eq!(plural("réseau"), "réseaux");
        assert_eq!(plural("journal"), "journaux");
        assert_eq!(plural("temps"), "temps");
        assert_eq!(plural("idée"), "idées");
        assert_eq!(feminine("heureux"), "heureuse");
        assert_eq!(feminine("actif"), "active");
        assert_eq!(feminine("culturel"), "culturelle");
        assert_eq!(feminine("dernier"), "dernière");
        assert_eq!(feminine("utile"), "utile");
        assert_eq!(adverb("rapide"), "rapidement");
        assert_eq!(adverb("heureux"), "heureusement");
        assert_eq!(adverb("récent"), "récemment");
        assert_eq!(adverb("puissant"), "puissamment");
        assert_eq!(adverb("vrai"), "vraiment");
        assert_eq!(conjugated("partager", "ait"), "partageait");
        assert_eq!(conjugated("lancer", "ons"), "lançons");
        assert_eq!(conjugated("lancer", "e"), "lance");
        assert_eq!(conjugated("créer", "é"), "créé");
        assert_eq!(join("la", "équipe"), "l’équipe");
        assert_eq!(join("ce", "outil"), "cet outil");
        assert_eq!(join("sa", "idée"), "son idée");
        assert_eq!(join("une", "idée"), "une idée");
    }

    #[test]
    fn ranks_are_drawn_with_a_probability_of_one_over_the_rank() {
        let mut random = Random(3);
        let mut counts = [0u32; 9];
        for _ in 0..200_000 {
            counts[random.zipf(8)] += 1;
        }
        assert_eq!(counts[0], 0, "ranks start at 1");
        // 1/r over 1..=8 sums to 2.718; rank r is expected 200,000 / (2.718 r) times.
        for (rank, &count) in counts.iter().enumerate().skip(1) {
            let expected = 200_000.0 / (2.717_857 * rank as f64);
            let seen = f64::from(count);
            assert!(
                (seen / expected - 1.0).abs() < 0.03,
                "rank {rank}: {seen} / {expected}"
            );
        }
    }

    /// The words of a post's text (front matter left out), split at anything but a letter: an
    /// elided « l’ » is a word of its own, as a search index reads it.
    fn words(text: &str) -> impl Iterator<Item = &str> {
        let body = text.splitn(3, "+++").nth(2).unwrap_or(text);
        body.split(|c: char| !c.is_alphabetic())
            .filter(|word| !word.is_empty())
    }

    #[test]
    fn a_blog_of_1000_posts_has_thousands_of_words_with_a_zipf_like_frequency() {
        let blog = posts(1000, 1);
        let mut counts: HashMap<String, u32> = HashMap::new();
        let mut capitalised_only: HashMap<&str, bool> = HashMap::new();
        for post in &blog {
            for word in words(&post.text) {
                *counts.entry(word.to_lowercase()).or_default() += 1;
                let upper = word.starts_with(char::is_uppercase);
                *capitalised_only.entry(word).or_insert(true) &= upper;
            }
        }
        let distinct = counts.len();
        assert!(
            (20_000..200_000).contains(&distinct),
            "{distinct} distinct words"
        );
        let once = counts.values().filter(|&&n| n == 1).count();
        assert!(once * 5 > distinct, "{once} of {distinct} words seen once");
        // Proper nouns: words only ever written with a capital (names, places), many of them.
        let lower: BTreeSet<String> = capitalised_only
            .iter()
            .filter(|(_, &upper)| !upper)
            .map(|(word, _)| word.to_lowercase())
            .collect();
        let proper = capitalised_only
            .iter()
            .filter(|(word, &upper)| upper && !lower.contains(&word.to_lowercase()))
            .count();
        assert!(proper > 2_000, "{proper} proper nouns");
        for name in ["Paris", "Lyon", "Camille", "Martin"] {
            assert!(capitalised_only[name], "{name}");
        }
        // Zipf: log(frequency) against log(rank) is a line of slope about −1, from the 10th
        // word to the 10,000th (−1.11 for this blog).
        let mut frequencies: Vec<u32> = counts.into_values().collect();
        frequencies.sort_unstable_by(|a, b| b.cmp(a));
        let points: Vec<(f64, f64)> = (10..=10_000)
            .map(|rank| {
                let frequency = f64::from(frequencies[rank - 1]);
                ((rank as f64).ln(), frequency.ln())
            })
            .collect();
        let n = points.len() as f64;
        let (mean_x, mean_y) = points
            .iter()
            .fold((0.0, 0.0), |(x, y), p| (x + p.0 / n, y + p.1 / n));
        let (covariance, variance) = points.iter().fold((0.0, 0.0), |(c, v), p| {
            let dx = p.0 - mean_x;
            (c + dx * (p.1 - mean_y), v + dx * dx)
        });
        let slope = covariance / variance;
        assert!((-1.3..=-0.8).contains(&slope), "slope {slope}");
    }
}
