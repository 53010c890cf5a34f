//! Institutions named by more than one portfolio: `Department of Health and Human
//! Services`, `Ministry of Culture and Tourism`, `Department for Environment, Food and
//! Rural Affairs`.
//!
//! The context rules and the tagger end an institution's name at its first `and` (`Ministry
//! of Culture`), and the tagger reads what follows as a name of its own, often a person
//! (`Human Services`). Here an Organisation name that holds an institution's head and `of`
//! or `for` (`Department of Health`) takes the capitalised runs after it, joined by commas
//! and a last `and` (or `&`), into one name. A run joins only when it is words no list
//! knows: not a name from the gazetteer, the patterns or the context rules (`the Ministry of
//! Defence and Hamas`), no title (`and Foreign Minister Lavrov`), no first name (`and
//! John Kerry`) and no abbreviation (`and FBI`). This runs after the tagger, on the merged
//! mentions, so nothing the tagger reads changes; mentions inside the name give way to it.
//!
//! Linear: a few token looks per Organisation name, a binary search into the mentions per
//! run.

use crate::document::{Document, EntityType, Mention, MentionKind, Token};
use crate::span::Span;

use super::spans::{is_title_head, names_in_place, spaced, token_text};

/// Heads of institutions named after their portfolios.
const HEADS: &[&str] = &[
    "Department",
    "Ministry",
    "Bureau",
    "Office",
    "Secretariat",
    "Directorate",
    "Commission",
    "Committee",
    "Agency",
    "Administration",
    "Institute",
    "Council",
    "Board",
    "School",
    "College",
    "Faculty",
    "Division",
    "Centre",
    "Center",
];

/// The most words of one portfolio (`Rural Affairs`, `Urban Development`).
const MAX_RUN: usize = 3;

/// The most portfolios joined to a name (`Environment, Food and Rural Affairs`: two).
const MAX_RUNS: usize = 4;

/// Capitalised words that start a phrase, never a portfolio.
const NOT_PORTFOLIO: &[&str] = &[
    "The", "A", "An", "His", "Her", "Its", "Their", "This", "That", "These", "Those", "Our", "Mr",
    "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "I",
];

/// Makes one name of each institution and the portfolios after it (see the module's
/// documentation). Mentions sorted in text order on entry and on return.
pub(crate) fn joined_portfolios(doc: &mut Document) {
    let text = doc.text.as_str();
    let tokens: &[Token] = &doc.tokens;
    let word = |i: usize| token_text(text, tokens, i);
    let mut found: Vec<Mention> = Vec::new();
    for m in &doc.mentions {
        if m.entity_type != EntityType::Organisation || m.kind != MentionKind::Name {
            continue;
        }
        let a = tokens.partition_point(|t| t.span.start < m.span.start);
        let b = tokens.partition_point(|t| t.span.start < m.span.end);
        if b < a + 3 || tokens.get(b - 1).is_none_or(|t| t.span.end != m.span.end) {
            continue;
        }
        // A head, then `of` or `for`, then the first portfolio, all inside the name.
        let headed =
            (a..b - 2).any(|i| HEADS.contains(&word(i)) && matches!(word(i + 1), "of" | "for"));
        if !headed || !word(b - 1).starts_with(char::is_uppercase) {
            continue;
        }
        let mut end = b; // the first token after what the name holds so far
        let mut joined_end = None;
        for _ in 0..MAX_RUNS {
            // `Environment, Food and Rural Affairs`: a comma may come before the `and`.
            let (r, last) = match word(end) {
                "and" | "&" => (end + 1, true),
                "," if word(end + 1) == "and" => (end + 2, true),
                "," => (end + 1, false),
                _ => break,
            };
            if !spaced(text, tokens, r - 1) {
                break;
            }
            let Some(run_end) = portfolio_run(doc, r) else {
                break;
            };
            end = run_end;
            if last {
                joined_end = Some(run_end);
                break;
            }
        }
        let Some(e) = joined_end else {
            continue;
        };
        // The name ends with the run: no capitalised word runs on from it.
        if spaced(text, tokens, e - 1) && word(e).starts_with(char::is_uppercase) {
            continue;
        }
        let span = Span::new(m.span.start, tokens[e - 1].span.end);
        let mut joined = Mention::new(span, EntityType::Organisation, m.confidence, "rule");
        joined.kind = MentionKind::Name;
        found.push(joined);
    }
    if found.is_empty() {
        return;
    }
    // A nominal ending inside the name from before it (`the Ministry` of `the Ministry of
    // Culture`) crossed the name already; it would hold the joined name back.
    // `found` is in text order (built from the mentions), so the names starting inside a
    // nominal are a run of it, found by a binary search.
    doc.mentions.retain(|m| {
        let first = found.partition_point(|c| c.span.start <= m.span.start);
        m.kind != MentionKind::Nominal
            || !found[first..]
                .iter()
                .take_while(|c| c.span.start < m.span.end)
                .any(|c| m.span.end < c.span.end)
    });
    names_in_place(doc, found, |c, m| {
        m.kind == MentionKind::Name && m.entity_type == c.entity_type
    });
}

/// The end (one past the last token) of a portfolio's run of capitalised words starting
/// at token `r`, one space apart; `None` when there is none or when it is no portfolio: a
/// title, a first name, an abbreviation, or words a mention of the gazetteer, the patterns
/// or the context rules covers.
fn portfolio_run(doc: &Document, r: usize) -> Option<usize> {
    let text = doc.text.as_str();
    let tokens = &doc.tokens;
    let word = |i: usize| token_text(text, tokens, i);
    let capital = |w: &str| {
        w.starts_with(char::is_uppercase)
            && w.chars().all(|c| c.is_alphabetic() || c == '-')
            && w.chars().any(char::is_lowercase)
            && !NOT_PORTFOLIO.contains(&w)
            && !is_title_head(w)
    };
    let first = word(r);
    if !capital(first) || crate::resolve::names::is_first_name(first) {
        return None;
    }
    let mut e = r + 1;
    while e - r < MAX_RUN && spaced(text, tokens, e - 1) && capital(word(e)) {
        e += 1;
    }
    let span = Span::new(tokens[r].span.start, tokens[e - 1].span.end);
    // Mentions are sorted by start; one over the run starts at most a long name before it.
    let lo = doc
        .mentions
        .partition_point(|m| m.span.start.saturating_add(512) < span.start);
    let known = doc.mentions[lo..]
        .iter()
        .take_while(|m| m.span.start < span.end)
        .any(|m| m.span.overlaps(span) && m.recogniser.as_ref() != "tagger");
    (!known).then_some(e)
}

#[cfg(test)]
mod tests {
    use crate::recognise::names_and_types as names;

    #[test]
    fn institutions_take_all_their_portfolios() {
        let found = names(
            "The U.S. Department of Health and Human Services and the Ministry of Culture \
             and Tourism met officials of the Department for Environment, Food and Rural \
             Affairs.",
        );
        for name in [
            "Department of Health and Human Services",
            "Ministry of Culture and Tourism",
            "Department for Environment, Food and Rural Affairs",
        ] {
            assert!(
                found
                    .iter()
                    .any(|(t, y)| t.ends_with(name) && *y == "Organisation"),
                "{name}: {found:?}"
            );
        }
        assert!(
            !found
                .iter()
                .any(|(t, _)| t == "Human Services" || t == "Rural Affairs"),
            "{found:?}"
        );
    }

    #[test]
    fn known_names_people_and_titles_are_no_portfolios() {
        for text in [
            "The Ministry of Defence and Hamas traded blame.",
            "The Ministry of Defence and Foreign Minister Sergei Lavrov spoke.",
            "The Department of Justice and John Kerry disagreed.",
            "The Department of Justice and FBI agents searched the house.",
        ] {
            let found = names(text);
            assert!(
                !found.iter().any(|(t, _)| t.contains(" and ")),
                "{text}: {found:?}"
            );
        }
    }
}
