//! Communications identifiers (e-mail, phone, handle), URLs and document references.

use std::sync::LazyLock;

use regex::Regex;

use super::{Cand, char_at, char_before, compile};
use crate::document::EntityType;

struct CommsPatterns {
    email: Regex,
    handle: Regex,
    phone_intl: Regex,
    phone_nanp: Regex,
    phone_national: Regex,
    url: Regex,
    bare_url: Regex,
    docref: Vec<Regex>,
}

static COMMS: LazyLock<CommsPatterns> = LazyLock::new(|| {
    CommsPatterns {
    email: compile(r"\b[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b"),
    handle: compile(r"(?:^|[^\w@./])(?P<h>@[A-Za-z0-9_]{1,30})\b"),
    phone_intl: compile(r"\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,6}"),
    phone_nanp: compile(r"(?:\b1[ .-])?(?:\(\d{3}\)\s?|\b\d{3}[ .-])\d{3}[.-]\d{4}\b"),
    phone_national: compile(r"\b0\d{2,4}\s\d{3,4}\s\d{3,4}\b"),
    url: compile(r#"(?i:\bhttps?://|\bwww\.)[^\s<>"“”‘’]+"#),
    bare_url: compile(r#"\b[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)*\.(?:com|org|net|gov|mil|int|edu|info|io|[a-z]{2})/[^\s<>"“”‘’]*"#),
    docref: [
        // "UN Security Council Resolution 2254 (2015)", "Resolutions 2254 and 2118"
        r"\b(?:(?i:the)\s(?:UN|U\.N\.|United\sNations|Security\sCouncil)\s)?(?:(?:UN|U\.N\.|United\sNations|UNSC)\s)?(?:Security\sCouncil\s)?(?:[Rr]esolutions?)\s(?:No\.\s?)?\d{2,4}(?:\s?\((?:19|20)\d\d\))?(?:(?:,\s|\sand\s|\s&\s)\d{2,4}(?:\s?\((?:19|20)\d\d\))?)*",
        r"\bUNSCR?\s?\d{2,4}(?:\s?\((?:19|20)\d\d\))?",
        r"\b(?:Executive|Presidential)\sOrders?\s(?:No\.\s?)?\d{3,6}",
        r"\b(?:Article|Section|Chapter|Paragraph|Annex|article|section|paragraph)\s(?:\d+[A-Za-z]?(?:\.\d+)*(?:\(\d+\))*|[IVXL]+\b)(?:\sof\s(?:the\s)?[A-Z][\w’'-]*(?:\s[A-Z][\w’'-]*)*)?",
        r"\b[ASE]/(?:[A-Z]{2,5}(?:\.\d+)?/)*\d{1,4}/\d{1,5}(?:/(?:Add|Rev|Corr)\.\d+)*(?:\s\((?:19|20)\d\d\))?",
        r"\b[ASE]/RES/\d{1,4}(?:\s\((?:19|20)\d\d\))?",
        r"\b(?:Public\sLaw|P\.L\.)\s\d{2,3}-\d{1,4}\b",
        r"\bH\.R\.\s?\d{1,5}\b",
        r"\b(?:Council\s)?(?:Regulation|Decision|Directive)\s(?:\((?:EU|EC|CFSP)\)\s)?(?:No\.?\s)?\d{1,4}/\d{1,4}(?:/[A-Z]{2,4})?",
    ]
    .iter()
    .map(|p| compile(p))
    .collect(),
}
});

/// The end of a URL match with trailing punctuation removed; a closing
/// bracket stays when the URL opened one (Wikipedia-style paths).
fn trim_url(s: &str) -> usize {
    let mut end = s.len();
    while let Some(c) = s[..end].chars().next_back() {
        let opened = |o: char| s[..end].matches(o).count();
        let drop = match c {
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*' => true,
            ')' => opened('(') < opened(')'),
            ']' => opened('[') < opened(']'),
            '}' => opened('{') < opened('}'),
            _ => false,
        };
        if !drop {
            break;
        }
        end -= c.len_utf8();
    }
    end
}

fn digits(s: &str) -> usize {
    s.bytes().filter(u8::is_ascii_digit).count()
}

/// Appends CommsIdentifier, Url and DocumentReference candidates found in `text`.
pub(crate) fn find(text: &str, out: &mut Vec<Cand>) {
    let p = &*COMMS;
    let has_at = text.contains('@');
    if has_at {
        for m in p.email.find_iter(text) {
            out.push(
                Cand::new(m.start(), m.end(), EntityType::CommsIdentifier, 0.95, 95).sub("email"),
            );
        }
        for c in p.handle.captures_iter(text) {
            if let Some(h) = c.name("h") {
                out.push(
                    Cand::new(h.start(), h.end(), EntityType::CommsIdentifier, 0.85, 70)
                        .sub("handle"),
                );
            }
        }
    }
    if text.contains("://") || text.contains("www.") || text.contains("WWW.") {
        for m in p.url.find_iter(text) {
            let end = m.start() + trim_url(m.as_str());
            out.push(Cand::new(m.start(), end, EntityType::Url, 0.95, 90));
        }
    }
    if text.contains('/') {
        for m in p.bare_url.find_iter(text) {
            if char_before(text, m.start()).is_some_and(|c| c == '@' || c == '/' || c == '.') {
                continue;
            }
            let end = m.start() + trim_url(m.as_str());
            out.push(Cand::new(m.start(), end, EntityType::Url, 0.8, 90));
        }
    }
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return;
    }
    for m in p.phone_intl.find_iter(text) {
        let s = m.as_str().trim_end_matches([' ', '.', '-', '(']);
        let n = digits(s);
        if !(8..=15).contains(&n)
            || char_before(text, m.start()).is_some_and(|c| c.is_alphanumeric())
        {
            continue;
        }
        out.push(
            Cand::new(
                m.start(),
                m.start() + s.len(),
                EntityType::CommsIdentifier,
                0.85,
                75,
            )
            .sub("phone"),
        );
    }
    for (re, conf) in [(&p.phone_nanp, 0.85), (&p.phone_national, 0.6)] {
        for m in re.find_iter(text) {
            let bad_edge = char_before(text, m.start())
                .is_some_and(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '/' | '$'))
                || char_at(text, m.end()).is_some_and(|c| c == '-' || c == '/');
            if !bad_edge {
                out.push(
                    Cand::new(m.start(), m.end(), EntityType::CommsIdentifier, conf, 75)
                        .sub("phone"),
                );
            }
        }
    }
    for re in &p.docref {
        for m in re.find_iter(text) {
            out.push(Cand::new(
                m.start(),
                m.end(),
                EntityType::DocumentReference,
                0.85,
                80,
            ));
        }
    }
}

/// Compiles the patterns now rather than in the first search.
pub(super) fn force() {
    LazyLock::force(&COMMS);
}

#[cfg(test)]
// Tests may unwrap: a panic is a failed test.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::super::test_util::*;
    use crate::EntityType::{CommsIdentifier, DocumentReference, Url};

    #[test]
    fn comms_table() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "Write to press@mod.gov.uk today.",
                "press@mod.gov.uk",
                "email",
            ),
            ("Call +44 20 7946 0958 now.", "+44 20 7946 0958", "phone"),
            ("Call +963 11 123 4567.", "+963 11 123 4567", "phone"),
            ("Call (202) 555-0143 today", "(202) 555-0143", "phone"),
            ("Affairs Office at 910-432-3383.", "910-432-3383", "phone"),
            ("follow @CENTCOM for", "@CENTCOM", "handle"),
            ("on Twitter (@ABlinken) and", "@ABlinken", "handle"),
            ("ring 020 7946 0958 now", "020 7946 0958", "phone"),
        ];
        for &(text, want, sub) in cases {
            let m = find(text, CommsIdentifier, want);
            assert_eq!(m.subtype.as_deref(), Some(sub), "{text}");
        }
        for text in [
            "In 2011 and 2014",
            "It cost 1,234,567.",
            "the 2011-2014 war",
            "a 3-2 vote",
            "mail@ is odd",
        ] {
            assert!(
                texts(text, CommsIdentifier).is_empty(),
                "{text}: {:?}",
                texts(text, CommsIdentifier)
            );
        }
    }

    #[test]
    fn url_table() {
        let cases: &[(&str, &str)] = &[
            (
                "See https://www.gov.uk/news/a-b.",
                "https://www.gov.uk/news/a-b",
            ),
            (
                "(see http://example.org/x?a=1&b=2), then",
                "http://example.org/x?a=1&b=2",
            ),
            ("at www.example.com/path, and", "www.example.com/path"),
            (
                "at defense.gov/News/Article/123 today",
                "defense.gov/News/Article/123",
            ),
            (
                "at https://en.wikipedia.org/wiki/Foo_(bar).",
                "https://en.wikipedia.org/wiki/Foo_(bar)",
            ),
        ];
        for &(text, want) in cases {
            assert_eq!(texts(text, Url), [want], "{text}");
        }
        assert!(texts("the U.S./Iraqi forces and/or S/2018/1040", Url).is_empty());
    }

    #[test]
    fn docref_table() {
        let cases: &[(&str, &str)] = &[
            ("under Resolution 2254 the", "Resolution 2254"),
            ("UNSCR 2401 demands", "UNSCR 2401"),
            (
                "adoption of UN Security Council Resolution 2118 as",
                "UN Security Council Resolution 2118",
            ),
            ("see Resolution 2254 (2015) on", "Resolution 2254 (2015)"),
            (
                "under Executive Order 13894 without",
                "Executive Order 13894",
            ),
            (
                "invoked Article 51 of the UN Charter.",
                "Article 51 of the UN Charter",
            ),
            ("invoked Article 51 in", "Article 51"),
            ("the report S/2018/1040 says", "S/2018/1040"),
            ("under Public Law 115-44, sanctions", "Public Law 115-44"),
            (
                "as agreed in the UN Security Council Resolutions 2254 and 2118.",
                "the UN Security Council Resolutions 2254 and 2118",
            ),
            (
                "under section 119.3 of the Criminal Code. This",
                "section 119.3 of the Criminal Code",
            ),
            (
                "Council Regulation (EU) No 36/2012 lists",
                "Council Regulation (EU) No 36/2012",
            ),
        ];
        for &(text, want) in cases {
            assert_eq!(texts(text, DocumentReference), [want], "{text}");
        }
    }
}
