//! Resolution: which mentions in one document are one real-world entity.
//!
//! Three steps, in order:
//! 1. **Acronyms**: `Syrian Democratic Forces (SDF)` makes `SDF` an alias of the
//!    expansion; the acronym's other occurrences become mentions too.
//! 2. **Propagation**: a name found with context (`Minister Tobias Ellwood`)
//!    is found again where it appears without it (`Ellwood`), so a later bare
//!    surname is not missed.
//! 3. **Grouping** ([`group`]): deterministic sieves in the Stanford style, one pass
//!    in text order, each mention trying them from the most precise down: exact
//!    and relaxed name match, appositives, titles, nominal heads, pronouns. Every
//!    link records its sieve ([`Resolution`](crate::Resolution)), and every
//!    lookup goes through an index or a capped recency window, so the cost grows
//!    linearly with the number of mentions (see `docs/resolution.md`).

use crate::recognise::phrases::FastMap as HashMap;

use crate::document::{Attributes, Document, EntityType, Mention, MentionKind};
use crate::recognise::gazetteer::{boundary_after, boundary_before};
use crate::span::Span;

mod group;
pub(crate) mod names;
mod nominals;
mod pronouns;

/// Runs the three steps on `doc`, filling `doc.entities` and each mention's `entity`.
pub(crate) fn resolve(doc: &mut Document) {
    let mut aliases: HashMap<String, String> = HashMap::default();
    let mut added = acronyms(doc, &mut aliases);
    added.extend(propagate(doc, &aliases));
    if !added.is_empty() {
        let mut ms = std::mem::take(&mut doc.mentions);
        ms.extend(added);
        ms.sort_by(|a, b| a.span.text_order(&b.span));
        doc.mentions = ms;
    }
    group::group(doc, &aliases);
}

/// Lower-cased words of a name, without a leading article, possessive or Arabic article prefix.
pub(super) fn name_words(name: &str) -> Vec<String> {
    let name = name
        .trim_end_matches(['’', '\''])
        .trim_end_matches("’s")
        .trim_end_matches("'s");
    let mut words: Vec<String> = name
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(|w| {
            // Marks are trimmed before lower-casing (one allocation a word) and again
            // after it, for a capital whose small letter ends in a mark (`İ`).
            let mark = |c: char| !c.is_alphanumeric() && c != '-';
            let w = w.trim_matches(mark);
            let mut w = if w.is_ascii() {
                w.to_ascii_lowercase()
            } else {
                w.to_lowercase()
            };
            if w.ends_with(mark) || w.starts_with(mark) {
                w = w.trim_matches(mark).to_owned();
            }
            if w.starts_with("al-") || w.starts_with("el-") {
                w.drain(..3);
            }
            w
        })
        .filter(|w| !w.is_empty())
        .collect();
    if words.first().is_some_and(|w| w == "the") {
        words.remove(0);
    }
    words
}

/// A mention's canonical name where a gazetteer or rule gave one.
pub(super) fn canonical(m: &Mention) -> Option<&str> {
    m.entry
        .as_deref()
        .map(|e| e.name.as_str())
        .or_else(|| m.attributes.get("name").and_then(|v| v.as_str()))
}

/// Finds `Long Name (ACR)` definitions; records aliases and returns mentions for the acronyms.
fn acronyms(doc: &Document, aliases: &mut HashMap<String, String>) -> Vec<Mention> {
    let text = doc.text();
    let mut out = Vec::new();
    // A set, not a scan per acronym: a long document may define hundreds.
    let spans: std::collections::HashSet<Span> = doc.mentions.iter().map(|m| m.span).collect();
    for m in &doc.mentions {
        if !matches!(
            m.entity_type,
            EntityType::Organisation
                | EntityType::Location
                | EntityType::Weapon
                | EntityType::MilitaryPlatform
        ) {
            continue;
        }
        let rest = &text[m.span.end..];
        let Some(inner) = rest.strip_prefix(" (").or_else(|| rest.strip_prefix('(')) else {
            continue;
        };
        let Some(close) = inner.find(')') else {
            continue;
        };
        let acr = &inner[..close];
        if acr.len() < 2
            || acr.len() > 10
            || !acr
                .chars()
                .all(|c| c.is_ascii_uppercase() || c == '-' || c == '&')
        {
            continue;
        }
        let initials: String = text[m.span.range()]
            .split_whitespace()
            .filter_map(|w| w.chars().next())
            .filter(|c| c.is_uppercase())
            .collect();
        let letters: String = acr.chars().filter(char::is_ascii_uppercase).collect();
        // The acronym's letters must appear in order among the expansion's capitals.
        let mut it = initials.chars();
        if !letters.chars().all(|c| it.any(|i| i == c)) {
            continue;
        }
        let key = canonical(m).map_or_else(
            || name_words(&text[m.span.range()]).join(" "),
            str::to_lowercase,
        );
        aliases.insert(acr.to_lowercase(), key);
        let start = m.span.end + (rest.len() - inner.len());
        let span = Span::new(start, start + acr.len());
        if !spans.contains(&span) {
            let mut attributes = Attributes::new();
            attributes.insert("expansion".into(), text[m.span.range()].into());
            out.push(Mention {
                entry: None,
                timex: None,
                span,
                entity_type: m.entity_type,
                kind: MentionKind::Name,
                subtype: m.subtype.clone(),
                confidence: 0.8,
                recogniser: "resolver".into(),
                entity: None,
                attributes,
            });
        }
    }
    out
}

/// Finds further occurrences of names first found through context.
fn propagate(doc: &Document, aliases: &HashMap<String, String>) -> Vec<Mention> {
    let text = doc.text();
    // (form, type) pairs to look for.
    let mut forms: Vec<(String, EntityType)> = Vec::new();
    // Surnames of names the tagger found: found again only standing alone.
    let mut surnames: std::collections::HashSet<String> = std::collections::HashSet::new();
    for m in &doc.mentions {
        let surface = &text[m.span.range()];
        match (m.entity_type, m.recogniser.as_ref()) {
            (EntityType::Person, "rule") => {
                if let Some(name) = m.attributes.get("name").and_then(|v| v.as_str()) {
                    forms.push((name.to_owned(), EntityType::Person));
                    if let Some(last) = name.split_whitespace().last() {
                        if last.chars().count() > 2 && last.starts_with(char::is_uppercase) {
                            forms.push((last.to_owned(), EntityType::Person));
                        }
                    }
                }
            }
            // A person the tagger found by a full name (`Steve Jobs`): the surname
            // alone (`Jobs said`), which the tagger often leaves out.
            (EntityType::Person, "tagger") if m.kind == MentionKind::Name => {
                let words: Vec<&str> = surface.split(' ').collect();
                if let [first, .., last] = words.as_slice()
                    && first.starts_with(char::is_uppercase)
                    && last.chars().count() > 2
                    && last.starts_with(char::is_uppercase)
                    && last.chars().skip(1).all(|c| c.is_lowercase() || c == '-')
                {
                    forms.push(((*last).to_owned(), EntityType::Person));
                    surnames.insert((*last).to_owned());
                }
            }
            (EntityType::Organisation | EntityType::Location, "rule")
                if surface.starts_with(char::is_uppercase) =>
            {
                forms.push((surface.to_owned(), m.entity_type));
            }
            _ => {}
        }
    }
    for m in &doc.mentions {
        let surface = &text[m.span.range()];
        if m.recogniser == "resolver" && aliases.contains_key(&surface.to_lowercase()) {
            forms.push((surface.to_owned(), m.entity_type));
        }
    }
    forms.sort();
    forms.dedup_by(|a, b| a.0 == b.0);
    if forms.is_empty() {
        return Vec::new();
    }
    let hits = find_forms(text, &mut forms);
    let mut occupied: Vec<Span> = doc.mentions.iter().map(|m| m.span).collect();
    occupied.sort();
    let mut out = Vec::new();
    for (start, end, ty) in hits {
        let span = Span::new(start, end);
        if !boundary_before(text, span.start) || !boundary_after(text, span.end) {
            continue;
        }
        // A surname next to another capitalised word is part of another name
        // (`Douglas Aircraft`, `Inwood Terrace`).
        if text.get(span.range()).is_some_and(|f| surnames.contains(f))
            && (capitalised_next(text, span.end) || capitalised_before(text, span.start))
        {
            continue;
        }
        let i = occupied.partition_point(|s| s.end <= span.start);
        let clash = occupied[i..]
            .iter()
            .take_while(|s| s.start < span.end)
            .any(|s| s.overlaps(span))
            || occupied[..i].iter().rev().take(8).any(|s| s.overlaps(span));
        if clash {
            continue;
        }
        // Only inside a block.
        if !doc.blocks.iter().any(|b| b.span.contains(span)) {
            continue;
        }
        out.push(Mention {
            entry: None,
            timex: None,
            span,
            entity_type: ty,
            kind: MentionKind::Name,
            subtype: None,
            confidence: 0.65,
            recogniser: "resolver".into(),
            entity: None,
            attributes: Attributes::new(),
        });
    }
    out
}

/// Whether a capitalised word follows `end` after one space (or a possessive's
/// word after `'s`).
fn capitalised_next(text: &str, end: usize) -> bool {
    text.get(end..)
        .and_then(|t| t.strip_prefix(' '))
        .is_some_and(|t| t.starts_with(char::is_uppercase))
}

/// Whether a capitalised word (no sentence's first: not after `.`) ends one space
/// before `start`.
fn capitalised_before(text: &str, start: usize) -> bool {
    let Some(before) = text.get(..start).and_then(|t| t.strip_suffix(' ')) else {
        return false;
    };
    let word = before
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("");
    let word = word
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim_end_matches("'s")
        .trim_end_matches("’s");
    word.starts_with(char::is_uppercase) && word.chars().all(char::is_alphanumeric)
}

/// Leftmost-longest, non-overlapping occurrences of `forms` in `text`.
///
/// A handful of forms: one substring search each. More: one automaton over all of
/// them (the regex crate's literal alternation), so a document with thousands of
/// distinct names is still read once, not once per name.
fn find_forms(text: &str, forms: &mut [(String, EntityType)]) -> Vec<(usize, usize, EntityType)> {
    let mut hits: Vec<(usize, usize, EntityType)> = Vec::new();
    if forms.len() > 8 {
        // Longest first: at one start, the alternation prefers the earlier form.
        forms.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        let pattern = forms
            .iter()
            .map(|(f, _)| regex::escape(f))
            .collect::<Vec<_>>()
            .join("|");
        let re = regex::RegexBuilder::new(&pattern)
            .size_limit(64 << 20)
            .dfa_size_limit(16 << 20)
            .build();
        if let Ok(re) = re {
            let by_form: HashMap<&str, EntityType> =
                forms.iter().map(|(f, t)| (f.as_str(), *t)).collect();
            for m in re.find_iter(text) {
                crate::steps::count();
                if let Some(&ty) = by_form.get(m.as_str()) {
                    hits.push((m.start(), m.end(), ty));
                }
            }
            return hits;
        }
    }
    for (form, ty) in forms.iter().take(64) {
        for (start, _) in text.match_indices(form.as_str()) {
            crate::steps::count();
            hits.push((start, start + form.len(), *ty));
        }
    }
    // Longest leftmost first, then drop hits overlapping an earlier one.
    hits.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut last_end = 0;
    hits.retain(|h| {
        let keep = h.0 >= last_end;
        if keep {
            last_end = h.1;
        }
        keep
    });
    hits
}

pub(super) fn person_or_surface<'a>(m: &'a Mention, surface: &'a str) -> &'a str {
    if m.entity_type == EntityType::Person {
        m.attributes
            .get("name")
            .and_then(|v| v.as_str())
            .unwrap_or(surface)
    } else {
        surface
    }
}

pub(super) fn strip_article(s: &str) -> &str {
    let s = s
        .strip_prefix("the ")
        .or_else(|| s.strip_prefix("The "))
        .unwrap_or(s);
    s.trim_end_matches("’s").trim_end_matches("'s")
}

#[cfg(test)]
mod tests {
    use crate::document::{Document, MentionKind, Resolution};
    use crate::pipeline::Pipeline;

    /// The document with its mentions found but not resolved.
    fn unresolved(text: &str) -> Document {
        let p = Pipeline::builder()
            .resolve(false)
            .attribute(false)
            .build()
            .unwrap();
        p.extract(text).unwrap()
    }

    /// Steps `resolve` counts on `text`, and the entities it makes.
    fn work(text: &str) -> (u64, usize) {
        let mut doc = unresolved(text);
        let before = crate::steps::total();
        super::resolve(&mut doc);
        doc.validate().unwrap();
        (crate::steps::total() - before, doc.entities().len())
    }

    /// Doubling the input at most doubles the work (a little slack for the edges).
    fn assert_linear(make: impl Fn(usize) -> String, what: &str) {
        let sizes = [400, 800, 1600, 3200];
        let counts: Vec<u64> = sizes.iter().map(|&n| work(&make(n)).0).collect();
        assert!(counts[0] > 0, "{what}: nothing counted");
        for w in counts.windows(2) {
            let ratio = w[1] as f64 / w[0] as f64;
            assert!(
                ratio < 2.3,
                "{what}: work {counts:?} grows faster than the input"
            );
        }
    }

    #[test]
    fn work_grows_linearly_with_repeated_names() {
        assert_linear(|n| "Assad ".repeat(n), "a repeated name");
        assert_linear(
            |n| "Bashar al-Assad met Vladimir Putin in Moscow. ".repeat(n),
            "repeated sentences",
        );
    }

    #[test]
    fn work_grows_linearly_with_pronouns() {
        assert_linear(|n| "He said. ".repeat(n), "`He said.`");
        assert_linear(|n| "He ".repeat(n), "`He` in one sentence");
        assert_linear(
            |n| {
                format!(
                    "Airbus said so. {}",
                    "It said. The company said. They said. ".repeat(n)
                )
            },
            "`it`, `the company`, `they`",
        );
    }

    #[test]
    fn work_grows_linearly_with_distinct_names() {
        // Names the gazetteer does not hold, each found by a title and propagated.
        let names = |n: usize| -> String {
            (0..n)
                .map(|i| {
                    let a = char::from(b'A' + (i % 26) as u8);
                    let b = char::from(b'a' + (i / 26 % 26) as u8);
                    let c = char::from(b'a' + (i / 676 % 26) as u8);
                    format!("General {a}{b}{c}ovic spoke. {a}{b}{c}ovic left. ")
                })
                .collect()
        };
        assert_linear(names, "distinct titled names");
    }

    #[test]
    fn sieves_link_and_keep_their_evidence() {
        let doc = Pipeline::new()
            .extract(
                "Foreign Secretary Ahmed Karimov criticised the deal. Karimov said the Foreign \
                 Secretary would vote against it. He spoke to reporters.",
            )
            .unwrap();
        let how = |surface: &str| {
            let i = doc
                .mentions()
                .iter()
                .position(|m| doc.span_text(m.span) == surface)
                .unwrap_or_else(|| panic!("{surface} not found: {:?}", doc.mentions()));
            let e = doc.mentions()[i].entity.unwrap();
            (doc.entities()[e].name.as_str(), doc.resolution(i))
        };
        assert_eq!(how("Foreign Secretary Ahmed Karimov").0, "Ahmed Karimov");
        assert_eq!(
            how("Karimov"),
            ("Ahmed Karimov", Some(Resolution::RelaxedName))
        );
        let title = doc
            .mentions()
            .iter()
            .find(|m| doc.span_text(m.span).ends_with("Foreign Secretary") && m.span.start > 40)
            .map(|m| doc.span_text(m.span))
            .unwrap();
        assert_eq!(how(title), ("Ahmed Karimov", Some(Resolution::Title)));
        assert_eq!(how("He"), ("Ahmed Karimov", Some(Resolution::Pronoun)));
    }

    #[test]
    fn organisation_nominals_and_pronouns() {
        let doc = Pipeline::new()
            .extract(
                "Airbus announced job cuts on Monday. The company said its factories in \
                 France would close. It is likely that unions will strike.",
            )
            .unwrap();
        let airbus = doc
            .mentions()
            .iter()
            .find(|m| doc.span_text(m.span) == "Airbus")
            .and_then(|m| m.entity)
            .unwrap();
        let e = &doc.entities()[airbus];
        let surfaces: Vec<&str> = e
            .mentions
            .iter()
            .map(|&i| doc.span_text(doc.mentions()[i].span))
            .collect();
        assert_eq!(e.name, "Airbus");
        assert!(surfaces.contains(&"The company"), "{surfaces:?}");
        assert!(surfaces.contains(&"its"), "{surfaces:?}");
        // A pleonastic `it` is no mention.
        assert!(!surfaces.contains(&"It"), "{surfaces:?}");
        let its = doc
            .mentions()
            .iter()
            .find(|m| doc.span_text(m.span) == "its")
            .unwrap();
        assert_eq!(its.kind, MentionKind::Pronoun);
        assert_eq!(its.recogniser, "resolver");
        // Attributions name the resolved entity.
        let doc = Pipeline::new()
            .extract("Airbus announced cuts. The company said the plan would work.")
            .unwrap();
        let a = doc
            .attributions()
            .iter()
            .find(|a| doc.span_text(a.source) == "The company")
            .unwrap();
        assert_eq!(doc.entities()[a.source_entity.unwrap()].name, "Airbus");
    }

    #[test]
    fn a_first_name_tells_the_gender_a_pronoun_must_agree_with() {
        let doc = Pipeline::new()
            .extract("Mary Robinson met Bashar al-Assad in Damascus. He left the next day.")
            .unwrap();
        let he = doc
            .mentions()
            .iter()
            .find(|m| doc.span_text(m.span) == "He")
            .and_then(|m| m.entity)
            .unwrap();
        assert_eq!(doc.entities()[he].name, "Bashar al-Assad");
    }

    #[test]
    fn appositives_and_canonical_names() {
        let doc = Pipeline::new()
            .extract("The Syrian president, Bashar al-Assad, fled. Assad reached Moscow.")
            .unwrap();
        let e = doc
            .mentions()
            .iter()
            .find(|m| doc.span_text(m.span) == "Assad")
            .and_then(|m| m.entity)
            .unwrap();
        let e = &doc.entities()[e];
        // The longest name, not the nominal, names the entity.
        assert_eq!(e.name, "Bashar al-Assad");
        assert_eq!(e.evidence.len(), e.mentions.len());
        assert!(
            e.mentions
                .iter()
                .any(|&i| doc.span_text(doc.mentions()[i].span) == "The Syrian president"),
            "{e:?}"
        );
        // After the name, the role nominal is found by the resolver if no one else did.
        let doc = Pipeline::new()
            .extract("Bashar al-Assad, the Syrian president, fled to Moscow.")
            .unwrap();
        let role = doc
            .mentions()
            .iter()
            .position(|m| doc.span_text(m.span) == "the Syrian president")
            .unwrap();
        assert_eq!(doc.resolution(role), Some(Resolution::Appositive));
        let e = &doc.entities()[doc.mentions()[role].entity.unwrap()];
        assert_eq!(e.name, "Bashar al-Assad");
        doc.validate().unwrap();
    }

    #[test]
    fn an_unlinked_pronoun_is_no_mention_and_two_persons_are_no_guess() {
        let doc = Pipeline::new()
            .extract("It rained in London. After the talks between Putin and Assad, he left.")
            .unwrap();
        assert!(
            doc.mentions().iter().all(|m| doc.span_text(m.span) != "It"),
            "{:?}",
            doc.mentions()
        );
        if let Some(he) = doc
            .mentions()
            .iter()
            .find(|m| doc.span_text(m.span) == "he")
        {
            let name = &doc.entities()[he.entity.unwrap()].name;
            assert!(
                name != "Bashar al-Assad" && name != "Vladimir Putin",
                "{name}"
            );
        }
    }
}
