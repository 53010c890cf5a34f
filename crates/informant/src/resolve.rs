//! Resolution: which mentions in one document are one real-world entity.
//!
//! Three steps, in order:
//! 1. **Acronyms**: `Syrian Democratic Forces (SDF)` makes `SDF` an alias of the
//!    expansion; the acronym's other occurrences become mentions too.
//! 2. **Propagation**: a name found with context (`Minister Tobias Ellwood`)
//!    is found again where it appears without it (`Ellwood`), so a later bare
//!    surname is not missed.
//! 3. **Grouping**: gazetteer mentions group by canonical entry (`Khmeimim` =
//!    `Hmeimim`); person names group when one's words are a subset of the other's,
//!    ignoring titles and Arabic article prefixes (`Bashar al-Assad` = `Al-Assad` =
//!    `Assad`); other names by their normalised text (`Hmeimim airbase` =
//!    `Hmeimim Airbase`); a nominal like `the Foreign Secretary` joins the person
//!    who carried that title earlier in the document.

use crate::recognise::phrases::FastMap as HashMap;

use crate::document::{Attributes, Document, Entity, EntityType, Mention, MentionKind};
use crate::recognise::gazetteer::{boundary_after, boundary_before};
use crate::span::Span;

/// Runs the three steps on `doc`, filling `doc.entities` and each mention's `entity`.
pub(crate) fn resolve(doc: &mut Document) {
    let mut aliases: HashMap<String, String> = HashMap::default();
    let mut added = acronyms(doc, &mut aliases);
    added.extend(propagate(doc, &aliases));
    if !added.is_empty() {
        let mut ms = std::mem::take(&mut doc.mentions);
        ms.extend(added);
        ms.sort_by(|a, b| {
            a.span
                .start
                .cmp(&b.span.start)
                .then(b.span.end.cmp(&a.span.end))
        });
        doc.mentions = ms;
    }
    group(doc, &aliases);
}

/// Lower-cased words of a name, without a leading article, possessive or Arabic article prefix.
fn name_words(name: &str) -> Vec<String> {
    let name = name
        .trim_end_matches(['’', '\''])
        .trim_end_matches("’s")
        .trim_end_matches("'s");
    let mut words: Vec<String> = name
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let w = w.to_lowercase();
            let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
            let stripped = ["al-", "el-", " al ", "el "]
                .iter()
                .find_map(|p| w.strip_prefix(p));
            stripped.unwrap_or(w).to_owned()
        })
        .filter(|w| !w.is_empty())
        .collect();
    if words.first().is_some_and(|w| w == "the") {
        words.remove(0);
    }
    words
}

/// A mention's canonical name where a gazetteer or rule gave one.
fn canonical(m: &Mention) -> Option<&str> {
    m.entry
        .as_deref()
        .map(|e| e.name.as_str())
        .or_else(|| m.attributes.get("name").and_then(|v| v.as_str()))
}

/// Finds `Long Name (ACR)` definitions; records aliases and returns mentions for the acronyms.
fn acronyms(doc: &Document, aliases: &mut HashMap<String, String>) -> Vec<Mention> {
    let text = doc.text();
    let mut out = Vec::new();
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
        if !doc.mentions.iter().any(|x| x.span == span) {
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
    // Few forms, one document: a substring search per form beats building an automaton.
    let mut hits: Vec<(usize, usize, EntityType)> = Vec::new();
    for (form, ty) in &forms {
        for (start, _) in text.match_indices(form.as_str()) {
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
    let mut occupied: Vec<Span> = doc.mentions.iter().map(|m| m.span).collect();
    occupied.sort();
    let mut out = Vec::new();
    for (start, end, ty) in hits {
        let span = Span::new(start, end);
        if !boundary_before(text, span.start) || !boundary_after(text, span.end) {
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

struct Group {
    entity_type: EntityType,
    words: Vec<String>,
    /// The name came from a gazetteer entry (then it is not replaced by a longer surface form).
    authoritative: bool,
    /// A gazetteer entry's facts were copied into the attributes.
    entry_seen: bool,
    /// Some mention names a government ("the Kremlin", "the Syrian government").
    government: bool,
    name: String,
    title: Option<String>,
    mentions: Vec<usize>,
    attributes: Attributes,
}

/// Groups mentions into entities.
fn group(doc: &mut Document, aliases: &HashMap<String, String>) {
    let text = doc.text.as_str();
    let mut groups: Vec<Group> = Vec::new();
    let mut by_key: HashMap<(EntityType, String), usize> = HashMap::default();
    // For each group, the last sentence where it was named (not by a pronoun or nominal).
    let mut last_named: Vec<Option<usize>> = Vec::new();
    for (mi, m) in doc.mentions.iter().enumerate() {
        let surface = &text[m.span.range()];
        let sentence = doc.sentence_at(m.span.start);
        if m.subtype.as_deref() == Some("pronoun") && is_third_person(surface) {
            // "he", "his", "she": the one person named in this or the two previous
            // sentences, when there is exactly one; otherwise a mention of its own.
            let antecedent = antecedent(&groups, &last_named, sentence);
            let gi = antecedent.unwrap_or_else(|| {
                groups.push(Group {
                    entity_type: m.entity_type,
                    words: Vec::new(),
                    authoritative: false,
                    entry_seen: false,
                    government: false,
                    name: surface.to_owned(),
                    title: None,
                    mentions: Vec::new(),
                    attributes: Attributes::new(),
                });
                last_named.push(None);
                groups.len() - 1
            });
            groups[gi].mentions.push(mi);
            continue;
        }
        let person_name = m
            .attributes
            .get("name")
            .and_then(|v| v.as_str())
            .unwrap_or(surface);
        let words = name_words(if m.entity_type == EntityType::Person {
            person_name
        } else {
            surface
        });
        let mut key = match canonical(m) {
            Some(c) if m.recogniser != "rule" => c.to_lowercase(),
            _ => words.join(" "),
        };
        if let Some(k) = aliases.get(&key) {
            key = k.clone();
        }
        let title = m
            .attributes
            .get("title")
            .and_then(|v| v.as_str())
            .map(str::to_lowercase);
        let k = (m.entity_type, key);
        let mut found = by_key.get(&k).copied();
        if found.is_none()
            && m.entity_type == EntityType::Organisation
            && is_government_nominal(m, surface)
        {
            // "the regime", "the government": the one government named so far, if one is.
            let mut govs = groups
                .iter()
                .enumerate()
                .filter(|(_, g)| g.government)
                .map(|(i, _)| i);
            found = match (govs.next(), govs.next()) {
                (Some(g), None) => Some(g),
                _ => None,
            };
        }
        if found.is_none() && m.entity_type == EntityType::Person && !words.is_empty() {
            if m.subtype.as_deref() == Some("nominal") {
                // "the Foreign Secretary" joins the last person titled so.
                found = groups.iter().rposition(|g| {
                    g.entity_type == EntityType::Person
                        && g.title.is_some()
                        && g.title == title
                        && !g.words.is_empty()
                });
            } else {
                found = groups.iter().rposition(|g| {
                    g.entity_type == EntityType::Person
                        && !g.words.is_empty()
                        && (words.iter().all(|w| g.words.contains(w))
                            || g.words.iter().all(|w| words.contains(w)))
                });
            }
        }
        let gi = match found {
            Some(gi) => gi,
            None => {
                groups.push(Group {
                    entity_type: m.entity_type,
                    authoritative: false,
                    entry_seen: false,
                    government: false,
                    words: if m.subtype.as_deref() == Some("nominal") {
                        Vec::new()
                    } else {
                        words.clone()
                    },
                    name: String::new(),
                    title: None,
                    mentions: Vec::new(),
                    attributes: Attributes::new(),
                });
                last_named.push(None);
                groups.len() - 1
            }
        };
        if !matches!(m.subtype.as_deref(), Some("nominal" | "pronoun")) {
            last_named[gi] = sentence.or(last_named[gi]);
        }
        by_key.insert(k, gi);
        let g = &mut groups[gi];
        g.mentions.push(mi);
        if m.subtype.as_deref() == Some("government")
            || m.entry
                .as_deref()
                .is_some_and(|e| e.subtype.as_deref() == Some("government"))
            || (m.recogniser == "rule"
                && m.subtype.is_none()
                && surface.to_ascii_lowercase().ends_with("government"))
        {
            g.government = true;
        }
        if title.is_some() {
            g.title = title;
        }
        if m.subtype.as_deref() != Some("nominal") && words.len() > g.words.len() {
            g.words = words;
        }
        // The name: a gazetteer's canonical name, else the longest name seen
        // (allocated only when it replaces the current one).
        match canonical(m) {
            Some(c) if m.recogniser == "gazetteer" => {
                if !g.authoritative || g.name.is_empty() {
                    c.clone_into(&mut g.name);
                }
                g.authoritative = true;
            }
            _ if m.subtype.as_deref() == Some("nominal") => {}
            _ => {
                let name = strip_article(person_or_surface(m, surface));
                if g.name.is_empty() || (!g.authoritative && name.len() > g.name.len()) {
                    name.clone_into(&mut g.name);
                }
            }
        }
        if !g.entry_seen {
            if let Some(e) = &m.entry {
                for (k, v) in e.attributes() {
                    g.attributes.entry(k.clone()).or_insert_with(|| v.clone());
                }
                g.entry_seen = true;
            }
        }
        for (k, v) in &m.attributes {
            if k != "name" && k != "title" && k != "expansion" {
                g.attributes.entry(k.clone()).or_insert_with(|| v.clone());
            }
        }
    }
    let mut entities = Vec::with_capacity(groups.len());
    for (gi, mut g) in groups.into_iter().enumerate() {
        for &mi in &g.mentions {
            doc.mentions[mi].entity = Some(gi);
        }
        if g.name.is_empty() {
            g.name = g.mentions.first().map_or_else(String::new, |&mi| {
                strip_article(&text[doc.mentions[mi].span.range()]).to_owned()
            });
        }
        if let Some(t) = g.title {
            g.attributes.insert("title".into(), t.into());
        }
        entities.push(Entity {
            id: format!("e{gi}"),
            entity_type: g.entity_type,
            name: g.name,
            mentions: g.mentions,
            attributes: g.attributes,
        });
    }
    doc.entities = entities;
}

/// A definite nominal for a government: "the regime", "the government", "the administration".
fn is_government_nominal(m: &Mention, surface: &str) -> bool {
    let s = surface.to_ascii_lowercase();
    m.subtype.as_deref() == Some("nominal")
        && (s.starts_with("the ") || s.starts_with("this "))
        && ["regime", "government", "administration"]
            .iter()
            .any(|h| s.ends_with(h))
        && s.split_whitespace().count() <= 3
}

/// Third-person singular pronouns, which point back to a person named before.
fn is_third_person(w: &str) -> bool {
    matches!(
        w.to_ascii_lowercase().as_str(),
        "he" | "him" | "his" | "himself" | "she" | "her" | "hers" | "herself"
    )
}

/// The one person group named in sentence `s` or the two before it, if exactly one is.
fn antecedent(groups: &[Group], last_named: &[Option<usize>], s: Option<usize>) -> Option<usize> {
    let s = s?;
    let mut found = None;
    for (gi, g) in groups.iter().enumerate() {
        let near = last_named[gi].is_some_and(|n| n <= s && s - n <= 2);
        if g.entity_type == EntityType::Person && near && !g.words.is_empty() {
            if found.is_some() {
                return None;
            }
            found = Some(gi);
        }
    }
    found
}

fn person_or_surface<'a>(m: &'a Mention, surface: &'a str) -> &'a str {
    if m.entity_type == EntityType::Person {
        m.attributes
            .get("name")
            .and_then(|v| v.as_str())
            .unwrap_or(surface)
    } else {
        surface
    }
}

fn strip_article(s: &str) -> &str {
    let s = s
        .strip_prefix("the ")
        .or_else(|| s.strip_prefix("The "))
        .unwrap_or(s);
    s.trim_end_matches("’s").trim_end_matches("'s")
}
