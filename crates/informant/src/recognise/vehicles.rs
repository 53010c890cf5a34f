//! The vehicle-model recogniser: `Airbus A380`, `Boeing 787-9`, `Chevrolet Volt`, and
//! later in the same document the bare model (`the A380`, `the Volt`); and the same for
//! the products of consumer-electronics and software makers (`Apple iPhone`, `Nokia
//! N95`, `Palm Pre`; type Product, recogniser `product`).
//!
//! An electronics maker is followed by a product line of `data/gazetteer/product_lines.tsv`
//! (with its qualifiers: `Apple iPhone 3G`), a camel-case word, a designation with a
//! letter, or a capitalised word that follows no company name (`Computer`, `Pictures`,
//! `Beach` are none) and starts no run of capitalised words. A listed line is named as
//! the line (`iPhone`, as [`crate::recognise::products`] names it alone); another model
//! by maker and model, its bare model later the same.
//!
//! A maker of `data/gazetteer/vehicle_makers.tsv` (aircraft or car makers, hand-written)
//! followed, one space apart, by a model token makes a Vehicle name of kind name,
//! subtype `model`: an alphanumeric designation (`A380`, `787-9`, `Model S`) for any
//! maker, or a capitalised model word (`Volt`, `Prius`) for car makers, unless the word
//! is one that follows company names (`Motor`, `Co.`, `Chief`, `said` is lower case
//! anyway). The maker alone stays what other recognisers made it (an Organisation).
//! Once a full name was seen, the bare model (the designation, with or without its
//! `-800` variant, or the model word; a bare number only after a determiner: `the 787`)
//! is a Vehicle name too. Both carry the full name as their `name` attribute, so
//! resolution links them by exact name. A maker's name that names no model here and
//! that no earlier mention touches is the company: an Organisation name of subtype
//! `company` (`Microsoft, whose Xbox 360 sold well`), unless a capitalised word joins it
//! to a longer name (`Henry Ford`, `Sony Pictures`) or, as a sentence's first word, it
//! is also a common word (`Palm`, `Apple`). The recogniser runs after the tagger: its
//! output is no tagger feature. Cost: one look at each token, and a hash look-up.

use std::sync::LazyLock;

use crate::document::{Document, EntityType, Mention, MentionKind, TokenKind};
use crate::recognise::Recogniser;
use crate::recognise::phrases::FastMap as HashMap;
use crate::span::Span;

const MAKERS: &str = include_str!("../../data/gazetteer/vehicle_makers.tsv");

/// Confidence of a model name; above the tagger's cap (0.8), so a model wins over a
/// tagger guess on the same or a crossing span.
const CONFIDENCE: f32 = 0.85;

/// Capitalised words that follow a maker's name without naming a model.
const NOT_MODELS: &[&str] = &[
    "A",
    "An",
    "And",
    "As",
    "At",
    "But",
    "By",
    "For",
    "In",
    "Is",
    "It",
    "Of",
    "On",
    "Or",
    "The",
    "To",
    "With",
    "Was",
    "Has",
    "Had",
    "Will",
    "Would",
    "Could",
    "May",
    "Also",
    "Motor",
    "Motors",
    "Co",
    "Company",
    "Corp",
    "Corporation",
    "Inc",
    "Ltd",
    "Limited",
    "Group",
    "Holdings",
    "Industries",
    "Industrie",
    "Commercial",
    "Military",
    "Defence",
    "Defense",
    "Space",
    "Aerospace",
    "Aircraft",
    "Airplanes",
    "Aviation",
    "Automotive",
    "Auto",
    "Autos",
    "Automobile",
    "Cars",
    "Car",
    "Trucks",
    "Truck",
    "Europe",
    "European",
    "Asia",
    "America",
    "Americas",
    "American",
    "Africa",
    "China",
    "Japan",
    "Canada",
    "India",
    "Germany",
    "France",
    "Britain",
    "Brazil",
    "Korea",
    "Australia",
    "Mexico",
    "Russia",
    "UK",
    "US",
    "USA",
    "International",
    "Global",
    "North",
    "South",
    "East",
    "West",
    "Chief",
    "CEO",
    "CFO",
    "COO",
    "President",
    "Chairman",
    "Chairwoman",
    "Executive",
    "Director",
    "Vice",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Board",
    "Shares",
    "Share",
    "Stock",
    "Foundation",
    "Financial",
    "Finance",
    "Credit",
    "Capital",
    "Services",
    "Racing",
    "Motorsport",
    "Team",
    "Field",
    "Center",
    "Centre",
    "Plant",
    "Factory",
    "Stadium",
    "Arena",
    "Dealers",
    "Dealer",
    "Dealership",
    "Division",
    "Unit",
    "Sales",
    "Workers",
    "Union",
    "Energy",
    "Electric",
    "Technologies",
    "Technology",
    "Research",
    "Institute",
    "University",
    "Bank",
    "Securities",
    "Parts",
    "Engine",
    "Engines",
    "News",
    "Production",
    "Works",
    "Brand",
    "Brands",
    "Models",
    "Model",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Recalls",
    "Announces",
    "Reports",
    "Cuts",
    "Posts",
    "Plans",
    "Sees",
    "Says",
    "Said",
    "Wins",
    "Loses",
    "Sells",
    "Buys",
    "Opens",
    "Closes",
    "Shuts",
    "Halts",
    "Resumes",
    "Unveils",
    "Launches",
    "Delays",
    "Raises",
    "Lowers",
    "Expects",
    "Warns",
    "Agrees",
    "Seeks",
    "Gets",
    "Makes",
    "Takes",
    "Files",
    "Faces",
    "Names",
    "Hires",
    "Fires",
    "Drops",
    "Rises",
    "Falls",
    "Beats",
    "Misses",
    "Reveals",
    "Confirms",
    "Denies",
    "Receives",
    "Delivers",
    "Ends",
    "Starts",
    "Begins",
    "Moves",
    "Shifts",
    "Offers",
    "Slashes",
    "Boosts",
    "Profit",
    "Loss",
    "Deal",
];

/// The airliner families of the best-known aircraft makers, as (maker, [(bare form,
/// model)]): once the maker is named in a document, its bare designations are its
/// models there (`Airbus ... the A380`, `Boeing ... 787s`, `the 777-200LR`), under the
/// same rules as a model seen with its maker (a bare number only after a determiner).
/// Hand-written from general knowledge.
const FAMILIES: &[(&str, &[(&str, &str)])] = &[
    (
        "Airbus",
        &[
            ("A220", "A220"),
            ("A300", "A300"),
            ("A310", "A310"),
            ("A318", "A318"),
            ("A319", "A319"),
            ("A320", "A320"),
            ("A320neo", "A320neo"),
            ("A321", "A321"),
            ("A330", "A330"),
            ("A340", "A340"),
            ("A350", "A350"),
            ("A380", "A380"),
            ("A400M", "A400M"),
        ],
    ),
    (
        "Boeing",
        &[
            ("707", "707"),
            ("717", "717"),
            ("727", "727"),
            ("737", "737"),
            ("747", "747"),
            ("757", "757"),
            ("767", "767"),
            ("777", "777"),
            ("787", "787"),
            ("7E7", "787"),
            ("7e7", "787"),
            ("787 Dreamliner", "787"),
            ("Dreamliner", "787"),
        ],
    ),
    (
        "Embraer",
        &[
            ("E170", "E170"),
            ("E175", "E175"),
            ("E190", "E190"),
            ("E195", "E195"),
        ],
    ),
];

/// Words before a bare number that make it a model (`the 787`).
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "this", "that", "these", "those", "his", "her", "our", "new",
    "first", "each", "every",
];

/// Words after an electronics or software maker's name that name no product
/// (`Apple Computer`, `Sony Pictures`, `Palm Beach`), besides [`NOT_MODELS`].
const NOT_PRODUCTS: &[&str] = &[
    "Computer",
    "Computers",
    "Store",
    "Stores",
    "Music",
    "Mobile",
    "Mobility",
    "Software",
    "Systems",
    "Electronics",
    "Entertainment",
    "Pictures",
    "Networks",
    "Labs",
    "Worldwide",
    "Developers",
    "Ericsson",
    "Siemens",
    "Online",
    "Games",
    "Studios",
    "Records",
    "Books",
    "Press",
    "Retail",
    "Web",
    "Daily",
    "Semiconductor",
    "Semiconductors",
    "Display",
    "Displays",
    "River",
    "Basin",
    "Rainforest",
    "Beach",
    "Springs",
    "Sunday",
    "Island",
    "Islands",
    "Bay",
    "City",
    "County",
    "Street",
    "Avenue",
    "Square",
    "Campus",
    "Headquarters",
    "Japan",
    "Korea",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Makes {
    Aircraft,
    Car,
    /// Consumer electronics or software: the model is a Product.
    Electronics,
}

/// A bare model form's full name, maker, where the full name ended, and whether it
/// is a Product (else a Vehicle).
type Bare = (String, String, usize, bool);

/// The makers, by their first word: (all their words, what they make).
type Makers = HashMap<&'static str, Vec<(Vec<&'static str>, Makes)>>;

static TABLE: LazyLock<Makers> = LazyLock::new(|| {
    let mut map: Makers = HashMap::default();
    for line in MAKERS.lines().skip_while(|l| l.starts_with('#')).skip(1) {
        let Some((name, makes)) = line.split_once('\t') else {
            continue;
        };
        let makes = match makes.trim() {
            "aircraft" => Makes::Aircraft,
            "car" => Makes::Car,
            "electronics" => Makes::Electronics,
            _ => continue,
        };
        let words: Vec<&str> = name.split(' ').filter(|w| !w.is_empty()).collect();
        if let Some(&first) = words.first() {
            map.entry(first).or_default().push((words, makes));
        }
    }
    map
});

/// Whether `name` is one of the makers of `data/gazetteer/vehicle_makers.tsv`
/// (`Boeing`, `General Motors`, `Apple`), for what a company nominal may stand for
/// (`the manufacturer`).
pub(crate) fn is_maker(name: &str) -> bool {
    let words: Vec<&str> = name.split(' ').filter(|w| !w.is_empty()).collect();
    words
        .first()
        .and_then(|f| TABLE.get(f))
        .is_some_and(|list| list.iter().any(|(w, _)| *w == words))
}

/// An alphanumeric designation with a digit (`A380`, `787-9`, `3`), but not a year.
pub(crate) fn is_designation(s: &str) -> bool {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    if digits == 0
        || s.len() > 12
        || !s.starts_with(|c: char| c.is_ascii_alphanumeric())
        || !s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        return false;
    }
    if digits == s.len() {
        // A bare year or a long number is no model.
        let year = s.len() == 4 && (s.starts_with("19") || s.starts_with("20"));
        return s.len() <= 4 && !year;
    }
    true
}

/// A capitalised word that may name a model (`Volt`, `Prius`).
pub(crate) fn is_model_word(s: &str) -> bool {
    s.len() >= 2
        && s.starts_with(|c: char| c.is_uppercase())
        && s.chars().all(|c| c.is_alphabetic() || c == '-')
        && !NOT_MODELS.contains(&s)
}

/// Finds vehicle model names (see the module docs).
#[derive(Debug, Clone, Copy, Default)]
pub struct VehicleModels;

impl VehicleModels {
    /// The recogniser.
    pub const fn new() -> Self {
        VehicleModels
    }
}

/// A named model of `entity_type` ("Airbus A380" a Vehicle, "Apple iPhone" a Product), found
/// by `recogniser`: subtype `model`, with its `name` and, when known, its `maker` as attributes.
pub(crate) fn model_mention(
    span: Span,
    entity_type: EntityType,
    recogniser: &'static str,
    name: &str,
    maker: Option<&str>,
) -> Mention {
    let mut m = Mention::new(span, entity_type, CONFIDENCE, recogniser);
    m.kind = MentionKind::Name;
    m.subtype = Some("model".to_owned());
    m.attributes.insert("name".into(), name.into());
    if let Some(maker) = maker {
        m.attributes.insert("maker".into(), maker.into());
    }
    m
}

fn vehicle_mention(span: Span, name: &str, maker: &str) -> Mention {
    model_mention(span, EntityType::Vehicle, "vehicle", name, Some(maker))
}

impl Recogniser for VehicleModels {
    fn name(&self) -> &str {
        "vehicle"
    }

    fn recognise(&self, doc: &Document, out: &mut Vec<Mention>) {
        let text = doc.text();
        let tokens = doc.tokens();
        let table = &*TABLE;
        let tok = |i: usize| doc.span_text(tokens[i].span);
        let adjacent = |a: usize, b: usize| {
            tokens[a].span.end + 1 == tokens[b].span.start
                && text.as_bytes().get(tokens[a].span.end) == Some(&b' ')
        };
        let wordish = |i: usize| matches!(tokens[i].kind, TokenKind::Word | TokenKind::Number);
        // Mentions that a model may not break into: names of persons and places, and
        // listed (gazetteer) names of any other type. Sorted by start.
        let blockers: Vec<(Span, EntityType)> = doc
            .mentions()
            .iter()
            .filter(|m| {
                m.kind == MentionKind::Name
                    && m.entity_type != EntityType::Vehicle
                    && (matches!(m.entity_type, EntityType::Person | EntityType::Location)
                        || m.recogniser == "gazetteer")
            })
            .map(|m| (m.span, m.entity_type))
            .collect();
        // Whether a blocker covers `s` or crosses into it from before `from`.
        let blocked = |s: Span, maker: Span| {
            let i = blockers.partition_point(|(b, _)| b.start < s.end);
            blockers[..i].iter().rev().take(8).any(|(b, ty)| {
                if !b.overlaps(s) {
                    return false;
                }
                if b.contains(s) && *b != s {
                    return true;
                }
                // "Henry Ford", or a person or place starting at the model word.
                let person_or_place = matches!(ty, EntityType::Person | EntityType::Location);
                person_or_place && b.start != maker.start
            })
        };
        let n = tokens.len();
        // Bare model forms -> (full name, maker, where the full name ended, a Product).
        let mut models: HashMap<String, Bare> = HashMap::default();
        // Whether a person's or place's name, or a gazetteer name, overlaps `s` at all.
        let named = |s: Span| {
            let i = blockers.partition_point(|(b, _)| b.start < s.end);
            blockers[..i]
                .iter()
                .rev()
                .take(8)
                .any(|(b, _)| b.overlaps(s))
        };
        let mut full_spans: Vec<Span> = Vec::new();
        // Every maker's name found, as its token range: those that name no model are
        // the company (see `lone_makers`).
        let mut makers: Vec<(usize, usize)> = Vec::new();
        let mut i = 0;
        while i < n {
            let mut hit: Option<(usize, Makes)> = None;
            if tokens[i].kind == TokenKind::Word
                && let Some(cands) = table.get(tok(i))
            {
                for (words, makes) in cands {
                    let ok = words.iter().enumerate().all(|(k, w)| {
                        i + k < n && tok(i + k) == *w && (k == 0 || adjacent(i + k - 1, i + k))
                    });
                    if ok && hit.is_none_or(|(e, _)| i + words.len() > e) {
                        hit = Some((i + words.len(), *makes));
                    }
                }
            }
            let Some((e, makes)) = hit else {
                i += 1;
                continue;
            };
            makers.push((i, e));
            if e >= n || !adjacent(e - 1, e) || !wordish(e) {
                i = e;
                continue;
            }
            let first = tok(e);
            let designation = is_designation(first);
            if makes == Makes::Electronics {
                // A listed product line ("Apple iPhone", "Microsoft Office"), a camel-case
                // word, a designation with a letter ("Nokia N95"), or a capitalised word
                // that follows no company name ("Palm Pre") and starts no run of them.
                let line = super::products::line_at(doc, e, &adjacent);
                let camel = super::products::is_camel(first);
                let lettered = designation && first.chars().any(|c| c.is_ascii_alphabetic());
                let run = e + 1 < n
                    && adjacent(e, e + 1)
                    && tok(e + 1).starts_with(|c: char| c.is_uppercase())
                    && !is_designation(tok(e + 1));
                let word = is_model_word(first) && !NOT_PRODUCTS.contains(&first) && !run;
                if line.is_none() && !camel && !lettered && !word {
                    i = e;
                    continue;
                }
                let listed = line.is_some() || camel;
                let line_end = line.map_or(e + 1, |(x, _)| x);
                let end = if listed {
                    super::products::qualified_end(doc, line_end, &adjacent)
                } else {
                    line_end
                };
                let maker_span = Span::new(tokens[i].span.start, tokens[e - 1].span.end);
                let span = Span::new(tokens[i].span.start, tokens[end - 1].span.end);
                if named(Span::new(tokens[e].span.start, span.end)) || blocked(span, maker_span) {
                    i = e;
                    continue;
                }
                let maker = doc.span_text(maker_span).to_owned();
                let model = doc.span_text(Span::new(tokens[e].span.start, span.end));
                // A listed line is named as the line ("iPhone", also alone); another
                // model by maker and model, its bare model later the same.
                let name = if listed {
                    model.to_owned()
                } else {
                    doc.span_text(span).to_owned()
                };
                if !listed {
                    models
                        .entry(model.to_owned())
                        .or_insert_with(|| (name.clone(), maker.clone(), span.end, true));
                }
                out.push(super::products::product_mention(span, &name, Some(&maker)));
                full_spans.push(span);
                i = end;
                continue;
            }
            let single_letter_follows = |j: usize| {
                j < n
                    && adjacent(j - 1, j)
                    && tok(j).len() == 1
                    && tok(j).starts_with(|c: char| c.is_ascii_uppercase())
            };
            // "Model S", "Model 3": a model word that needs its designation.
            let model_word = makes == Makes::Car
                && (is_model_word(first)
                    || (first == "Model"
                        && (single_letter_follows(e + 1)
                            || (e + 1 < n && adjacent(e, e + 1) && is_designation(tok(e + 1))))));
            if !designation && !model_word {
                i = e;
                continue;
            }
            let mut end = e + 1;
            let mut extra_word: Option<usize> = None;
            if end < n && adjacent(end - 1, end) && wordish(end) {
                let s = tok(end);
                if is_designation(s) || single_letter_follows(end) {
                    end += 1;
                } else if designation && is_model_word(s) {
                    // "Boeing 787 Dreamliner"
                    extra_word = Some(end);
                    end += 1;
                } else if !designation
                    && s.starts_with(|c: char| c.is_uppercase())
                    && first != "Model"
                {
                    // A run of capitalised words ("Toyota Recalls Cars"): a title, no model.
                    i = e;
                    continue;
                }
            }
            let maker_span = Span::new(tokens[i].span.start, tokens[e - 1].span.end);
            let span = Span::new(tokens[i].span.start, tokens[end - 1].span.end);
            if blocked(span, maker_span) {
                i = e;
                continue;
            }
            let name = doc.span_text(span).to_owned();
            let maker = doc.span_text(maker_span).to_owned();
            let model = doc.span_text(Span::new(tokens[e].span.start, tokens[end - 1].span.end));
            let mut forms: Vec<String> = vec![model.to_owned()];
            if let Some((base, _)) = first.split_once('-') {
                forms.push(base.to_owned());
            }
            if let Some(w) = extra_word {
                forms.push(first.to_owned());
                forms.push(tok(w).to_owned());
            }
            for f in forms {
                models
                    .entry(f)
                    .or_insert_with(|| (name.clone(), maker.clone(), span.end, false));
            }
            out.push(vehicle_mention(span, &name, &maker));
            full_spans.push(span);
            i = end;
        }
        lone_makers(doc, &makers, &full_spans, out);
        // An airliner maker named anywhere brings its families' bare designations, from
        // its first mention (later ones would only find the forms already there).
        let mut seeded: Vec<&str> = Vec::new();
        for &(a, e) in &makers {
            let maker = doc.span_text(Span::new(tokens[a].span.start, tokens[e - 1].span.end));
            let Some((_, families)) = FAMILIES.iter().find(|(m, _)| *m == maker) else {
                continue;
            };
            if seeded.contains(&maker) {
                continue;
            }
            seeded.push(maker);
            for (form, model) in *families {
                models.entry((*form).to_owned()).or_insert_with(|| {
                    (
                        format!("{maker} {model}"),
                        maker.to_owned(),
                        tokens[e - 1].span.end,
                        false,
                    )
                });
            }
        }
        if models.is_empty() {
            return;
        }
        // Bare models after their full name.
        let mut f = 0;
        let mut k = 0;
        let mut key = String::new();
        while k < n {
            let start = tokens[k].span.start;
            while f < full_spans.len() && full_spans[f].end <= start {
                f += 1;
            }
            if f < full_spans.len() && full_spans[f].start <= start || !wordish(k) {
                k += 1;
                continue;
            }
            // The longest form first: two tokens ("Model S", "787 Dreamliner"), then one.
            let mut found: Option<(usize, &Bare)> = None;
            if k + 1 < n && adjacent(k, k + 1) {
                key.clear();
                key.push_str(tok(k));
                key.push(' ');
                key.push_str(tok(k + 1));
                found = models.get(key.as_str()).map(|v| (k + 2, v));
            }
            if found.is_none() {
                let s = tok(k);
                // "A380's", "777s": the possessive or plural of a model.
                let s = s
                    .strip_suffix("'s")
                    .or_else(|| s.strip_suffix("’s"))
                    .unwrap_or(s);
                let base = s.split_once('-').map_or(s, |(b, _)| b);
                let singular = s
                    .strip_suffix('s')
                    .filter(|x| x.ends_with(|c: char| c.is_ascii_digit()));
                found = models
                    .get(s)
                    .or_else(|| models.get(base))
                    .or_else(|| singular.and_then(|x| models.get(x)))
                    .map(|v| (k + 1, v));
            }
            let Some((end, (name, maker, seen, product))) = found else {
                k += 1;
                continue;
            };
            let span = Span::new(start, tokens[end - 1].span.end);
            let numeric = tok(k).chars().all(|c| c.is_ascii_digit());
            // A designation with letters and digits ("A380") is that model wherever it
            // stands, also in a headline before the full name; a number or a model word
            // only after it.
            let lettered = !numeric
                && tok(k).chars().any(|c| c.is_ascii_digit())
                && tok(k).chars().any(|c| c.is_ascii_alphabetic());
            let determined = k > 0 && {
                let prev = tok(k - 1).to_lowercase();
                DETERMINERS.contains(&prev.as_str())
            };
            if (lettered || *seen <= start) && (!numeric || determined) && !blocked(span, span) {
                out.push(if *product {
                    super::products::product_mention(span, name, Some(maker))
                } else {
                    vehicle_mention(span, name, maker)
                });
                k = end;
            } else {
                k += 1;
            }
        }
    }
}

/// Makers whose name is also a common word or written in lower case ("palm", "dodge",
/// "apple"): as a sentence's first word their capital says nothing, so they are the
/// company only inside a sentence.
const COMMON_WORD_MAKERS: &[&str] = &[
    "Acer",
    "Adobe",
    "Amazon",
    "Apple",
    "Bombardier",
    "Canon",
    "Dell",
    "Dodge",
    "Fiat",
    "Hummer",
    "Jeep",
    "Palm",
];

/// Confidence of a maker's name alone as an Organisation: below the tagger's usual
/// confidence, so where the tagger reads the same span otherwise (a person named
/// `Ford`), it decides.
const LONE_MAKER_CONFIDENCE: f32 = 0.6;

/// A maker's name alone (`Microsoft, whose Xbox 360 sold well`), which no earlier
/// mention covers or touches, is the company: an Organisation name, subtype `company`.
/// Not when a capitalised word stands right before it inside the sentence or right
/// after it (`Henry Ford`, `Sony Pictures`, `Apple Computer`: a longer name, the
/// tagger's to find), nor inside a model name found here. `makers` and `models` are in
/// order of start, so one pass over each and the mentions.
fn lone_makers(doc: &Document, makers: &[(usize, usize)], models: &[Span], out: &mut Vec<Mention>) {
    let tokens = doc.tokens();
    let sentences = doc.sentences();
    let mentions = doc.mentions();
    let text = doc.text();
    let capital = |k: usize| {
        doc.span_text(tokens[k].span)
            .starts_with(|c: char| c.is_uppercase())
    };
    let touching = |a: usize, b: usize| {
        text.get(tokens[a].span.end..tokens[b].span.start)
            .is_some_and(|gap| gap.chars().all(|c| c == ' '))
    };
    let (mut f, mut m, mut si) = (0, 0, 0);
    for &(i, e) in makers {
        let span = Span::new(tokens[i].span.start, tokens[e - 1].span.end);
        while f < models.len() && models[f].end <= span.start {
            f += 1;
        }
        if models.get(f).is_some_and(|x| x.overlaps(span)) {
            continue;
        }
        while m < mentions.len() && mentions[m].span.start + 512 < span.start {
            m += 1;
        }
        if mentions[m..]
            .iter()
            .take_while(|x| x.span.start < span.end)
            .any(|x| x.span.overlaps(span))
        {
            continue;
        }
        while si < sentences.len() && sentences[si].span.end <= span.start {
            si += 1;
        }
        let first = sentences.get(si).is_none_or(|s| s.span.start == span.start);
        let name = doc.span_text(span);
        if first && COMMON_WORD_MAKERS.contains(&name) {
            continue;
        }
        let before = !first && i > 0 && capital(i - 1) && touching(i - 1, i);
        let after = e < tokens.len() && capital(e) && touching(e - 1, e);
        if before || after {
            continue;
        }
        let mut x = Mention::new(
            span,
            EntityType::Organisation,
            LONE_MAKER_CONFIDENCE,
            "vehicle",
        );
        x.kind = MentionKind::Name;
        x.subtype = Some("company".to_owned());
        out.push(x);
    }
}

/// Drops the Organisation name that is only the maker inside a model name (`Airbus`
/// in `Airbus A380`): the model is the mention, its maker an attribute. Linear: one pass
/// over the mentions, sorted by start.
pub(crate) fn drop_makers(doc: &mut Document) {
    let mut ends: Vec<(usize, usize)> = Vec::new();
    for m in doc.mentions() {
        if (m.recogniser == "vehicle" || m.recogniser == "product")
            && let Some(maker) = m.attributes.get("maker").and_then(|v| v.as_str())
            && doc.span_text(m.span).starts_with(maker)
        {
            ends.push((m.span.start, m.span.start + maker.len()));
        }
    }
    if ends.is_empty() {
        return;
    }
    ends.sort_unstable();
    doc.mentions.retain(|m| {
        !(m.entity_type == EntityType::Organisation
            && m.kind == MentionKind::Name
            && ends.binary_search(&(m.span.start, m.span.end)).is_ok())
    });
}

#[cfg(test)]
mod tests {
    use crate::document::{EntityType, MentionKind};
    use crate::{Document, Pipeline};

    fn run(text: &str) -> Document {
        Pipeline::new().extract(text).expect("extract")
    }

    fn vehicles(doc: &Document) -> Vec<&str> {
        doc.mentions()
            .iter()
            .filter(|m| m.recogniser == "vehicle" && m.kind == MentionKind::Name)
            .map(|m| doc.span_text(m.span))
            .collect()
    }

    #[test]
    fn maker_and_model_are_a_vehicle() {
        let doc = run("The airline ordered ten Airbus A380-800 jets and a Boeing 787 last week.");
        let v = vehicles(&doc);
        assert!(v.contains(&"Airbus A380-800"), "{v:?}");
        assert!(v.contains(&"Boeing 787"), "{v:?}");
        let doc = run("General Motors will start selling the Chevrolet Volt in November.");
        assert!(
            vehicles(&doc).contains(&"Chevrolet Volt"),
            "{:?}",
            vehicles(&doc)
        );
        let doc = run("Buyers waited for the Tesla Model S for months.");
        assert!(
            vehicles(&doc).contains(&"Tesla Model S"),
            "{:?}",
            vehicles(&doc)
        );
    }

    #[test]
    fn a_bare_model_after_its_full_name_is_the_same_vehicle() {
        let doc = run(
            "Singapore Airlines flew the first Airbus A380 to Sydney. The A380 carried 455 people.\n\n\
             GM showed the Chevrolet Volt. Sales of the Volt begin next year.",
        );
        let v = vehicles(&doc);
        assert!(v.contains(&"A380"), "{v:?}");
        assert!(v.contains(&"Volt"), "{v:?}");
        let of = |s: &str| {
            doc.mentions()
                .iter()
                .find(|m| doc.span_text(m.span) == s && m.entity_type == EntityType::Vehicle)
                .and_then(|m| m.entity)
        };
        assert!(of("A380").is_some());
        assert_eq!(of("A380"), of("Airbus A380"));
        assert_eq!(of("Volt"), of("Chevrolet Volt"));
        assert_ne!(of("Volt"), of("A380"));
    }

    #[test]
    fn a_named_makers_airliner_families_are_its_models() {
        let doc = run(
            "Airbus delivered the first A380 to Qantas, which also flies A330s.\n\n\
             Boeing said the 787 Dreamliner and the 777-200LR sold well; Qantas ordered 787s. \
             The 747 was retired. Flight 737 left at 9.",
        );
        let v = vehicles(&doc);
        for model in [
            "A380",
            "A330s",
            "787 Dreamliner",
            "777-200LR",
            "787s",
            "747",
        ] {
            assert!(v.contains(&model), "{model}: {v:?}");
        }
        // a bare number needs its determiner
        assert!(!v.contains(&"737"), "{v:?}");
        let of = |s: &str| {
            doc.mentions()
                .iter()
                .find(|m| doc.span_text(m.span) == s && m.entity_type == EntityType::Vehicle)
                .and_then(|m| m.entity)
        };
        assert_eq!(of("787 Dreamliner"), of("787s"));
        assert_ne!(of("787s"), of("A380"));
        // no maker named, no model
        let v2 = run("Take the A380 road to the 747 junction.");
        assert!(vehicles(&v2).is_empty(), "{:?}", vehicles(&v2));
    }

    #[test]
    fn a_bare_number_or_word_before_its_full_name_is_no_vehicle() {
        let doc = run("The 787 is big. Later the Boeing 787 flew. It seated 525 people.");
        let v = vehicles(&doc);
        assert_eq!(v, vec!["Boeing 787"], "{v:?}");
        let doc = run("The Volt sold well. Later the Chevrolet Volt won a prize.");
        let v = vehicles(&doc);
        assert_eq!(v, vec!["Chevrolet Volt"], "{v:?}");
        // A lettered designation is the model also before its full name (a headline),
        // and in the plural or possessive.
        let doc =
            run("A380 lands in Sydney\n\nThe Airbus A380 landed. Two A380s and the A380's crew.");
        let v = vehicles(&doc);
        assert_eq!(v, vec!["A380", "Airbus A380", "A380s", "A380"], "{v:?}");
    }

    #[test]
    fn the_maker_alone_and_company_names_are_not_vehicles() {
        for text in [
            "Airbus said on Monday that deliveries would slow.",
            "Ford said it would cut 2,000 jobs.",
            "Honda Motor Co. reported a profit.",
            "Toyota Recalls Cars In Europe",
            "Boeing 2009 results were weak.",
            "Henry Ford built cars in Detroit.",
        ] {
            let doc = run(text);
            assert!(vehicles(&doc).is_empty(), "{text}: {:?}", vehicles(&doc));
        }
        let doc = run("Airbus said the Airbus A380 would fly.");
        let airbus = doc
            .mentions()
            .iter()
            .find(|m| doc.span_text(m.span) == "Airbus" && m.span.start == 0);
        assert!(
            airbus.is_some_and(|m| m.entity_type == EntityType::Organisation),
            "{:?}",
            doc.mentions()
        );
    }

    #[test]
    fn a_maker_alone_is_the_company() {
        let p = Pipeline::builder().tagger(false).build().expect("build");
        let orgs = |text: &str| -> Vec<String> {
            let doc = p.extract(text).expect("extract");
            doc.mentions()
                .iter()
                .filter(|m| m.entity_type == EntityType::Organisation)
                .map(|m| doc.span_text(m.span).to_owned())
                .collect()
        };
        assert_eq!(
            orgs("Microsoft, whose Xbox 360 sold well, said nothing."),
            ["Microsoft"]
        );
        assert_eq!(orgs("Shares of Sony and Apple fell."), ["Sony", "Apple"]);
        // Not a longer name's part, a common word's capital, or a model's maker.
        for text in [
            "Henry Ford built cars.",
            "Sony Pictures made it.",
            "Palm trees grew.",
            "Apple pie is sweet.",
            "Nokia N95 sold well.",
        ] {
            let found = orgs(text);
            assert!(
                !found
                    .iter()
                    .any(|o| ["Ford", "Sony", "Palm", "Apple", "Nokia"].contains(&o.as_str())),
                "{text}: {found:?}"
            );
        }
    }
}
