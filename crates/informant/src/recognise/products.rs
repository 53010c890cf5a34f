//! The product recogniser: consumer-electronics and software product lines named
//! without their maker (`iPhone`, `iPod Touch`, `Xbox 360`, `Windows Vista`).
//!
//! Two sources, both names of kind name, type Product, subtype `model`:
//!
//! - a product line of `data/gazetteer/product_lines.tsv` (hand-written from general
//!   knowledge) that may stand alone: anywhere (`iPhone`, `PlayStation`), or not as a
//!   sentence's first word (`Windows`, `Mac`, which start sentences otherwise); lines
//!   that are common words (`Office`, `Galaxy`) only after their maker, which
//!   [`crate::recognise::vehicles`] finds (`Microsoft Office`);
//! - a lower-initial camel-case word (`iPhone`, `iTunes`, `eReader`s aside): a small
//!   letter, a capital, then at least two more letters of which some are small, so
//!   units (`kWh`, `mAh`) and acronyms (`mRNA`) are no products; companies written so
//!   (`eBay`, `iRobot`) and generic words (`eBook`, `eCommerce`) are left out.
//!
//! A line may take up to two qualifiers (`iPhone 3G`, `iPod nano`, `MacBook Air`,
//! `Mac OS X`): a designation with a digit, a single capital, a capitalised word that
//! follows no company name (the vehicle recogniser's list), or one of a few lower-case
//! model words (`nano`, `mini`, `touch`, `shuffle`, `classic`). A plural (`iPods`)
//! names the line. The `name` attribute is the line with its qualifiers, so
//! resolution links `Apple iPhone` and a later `iPhone` by exact name; `maker` is the
//! line's maker. Names of persons and places, and gazetteer names, are not broken
//! into. Runs after the tagger and the vehicle recogniser (its output is no tagger
//! feature). Cost: one look at each token, and a hash look-up.

use std::sync::LazyLock;

use crate::document::{Document, EntityType, Mention, MentionKind, TokenKind};
use crate::recognise::Recogniser;
use crate::recognise::phrases::FastMap as HashMap;
use crate::span::Span;

const LINES: &str = include_str!("../../data/gazetteer/product_lines.tsv");

/// Where a product line names its product without its maker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Alone {
    /// Anywhere.
    Yes,
    /// Not as the first word of a sentence.
    Mid,
    /// Only after its maker.
    No,
}

/// A listed product line.
#[derive(Debug)]
pub(crate) struct Line {
    /// Its words.
    pub(crate) words: Vec<&'static str>,
    /// Its maker.
    pub(crate) maker: &'static str,
    /// Where it stands alone.
    pub(crate) alone: Alone,
}

/// The lines, by their first word.
pub(crate) static TABLE: LazyLock<HashMap<&'static str, Vec<Line>>> = LazyLock::new(|| {
    let mut map: HashMap<&'static str, Vec<Line>> = HashMap::default();
    for line in LINES.lines().skip_while(|l| l.starts_with('#')).skip(1) {
        let mut cols = line.split('\t');
        let (Some(name), Some(maker), Some(alone)) = (cols.next(), cols.next(), cols.next()) else {
            continue;
        };
        let alone = match alone.trim() {
            "yes" => Alone::Yes,
            "mid" => Alone::Mid,
            "no" => Alone::No,
            _ => continue,
        };
        let words: Vec<&str> = name.split(' ').filter(|w| !w.is_empty()).collect();
        if let Some(&first) = words.first() {
            map.entry(first).or_default().push(Line {
                words,
                maker,
                alone,
            });
        }
    }
    map
});

/// Lower-initial camel-case words that are no product: companies and generic words.
const NOT_CAMEL: &[&str] = &[
    "eBay",
    "iRobot",
    "iVillage",
    "eToys",
    "eHarmony",
    "iHeartMedia",
    "eDreams",
    "eSpeed",
    "eBook",
    "eBooks",
    "eMail",
    "eMails",
    "eCommerce",
    "eBusiness",
    "eGovernment",
    "eLearning",
    "eSports",
    "eReader",
    "eReaders",
    "eVisa",
    "eTicket",
    "eTickets",
];

/// Lower-case words that qualify a product line (`iPod nano`).
const LOWER_QUALIFIERS: &[&str] = &["nano", "mini", "touch", "shuffle", "classic"];

/// A lower-initial camel-case word: `iPhone`, `iTunes` (see the module docs).
pub(crate) fn is_camel(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 4
        && b[0].is_ascii_lowercase()
        && b[1].is_ascii_uppercase()
        && b.iter().all(u8::is_ascii_alphanumeric)
        && b[2..].iter().any(u8::is_ascii_lowercase)
        && !NOT_CAMEL.contains(&s)
}

/// The listed line that starts at token `i` (the longest), with its end token.
pub(crate) fn line_at(
    doc: &Document,
    i: usize,
    adjacent: &impl Fn(usize, usize) -> bool,
) -> Option<(usize, &'static Line)> {
    let tokens = doc.tokens();
    let n = tokens.len();
    let table: &'static HashMap<&'static str, Vec<Line>> = &TABLE;
    let cands = table.get(doc.span_text(tokens[i].span))?;
    let mut best: Option<(usize, &'static Line)> = None;
    for l in cands {
        let ok = l.words.iter().enumerate().all(|(k, w)| {
            i + k < n
                && doc.span_text(tokens[i + k].span) == *w
                && (k == 0 || adjacent(i + k - 1, i + k))
        });
        if ok && best.is_none_or(|(e, _)| i + l.words.len() > e) {
            best = Some((i + l.words.len(), l));
        }
    }
    best
}

/// The end of a product name whose line ends at token `e`: up to two qualifiers.
pub(crate) fn qualified_end(
    doc: &Document,
    e: usize,
    adjacent: &impl Fn(usize, usize) -> bool,
) -> usize {
    let tokens = doc.tokens();
    let n = tokens.len();
    let mut end = e;
    for q in 0..2 {
        if end >= n || !adjacent(end - 1, end) {
            break;
        }
        let s = doc.span_text(tokens[end].span);
        let word = matches!(tokens[end].kind, TokenKind::Word | TokenKind::Number);
        let single = s.len() == 1 && s.starts_with(|c: char| c.is_ascii_uppercase());
        let ok = word
            && (super::vehicles::is_designation(s)
                || single
                || (q == 0 && LOWER_QUALIFIERS.contains(&s))
                || (q == 0 && super::vehicles::is_model_word(s) && !s.ends_with('s')));
        if !ok {
            break;
        }
        // A capitalised qualifier followed by another capitalised word is a title run
        // ("iPhone Launch Draws Crowds"): no qualifier.
        if q == 0
            && super::vehicles::is_model_word(s)
            && end + 1 < n
            && adjacent(end, end + 1)
            && doc
                .span_text(tokens[end + 1].span)
                .starts_with(|c: char| c.is_ascii_uppercase())
            && !super::vehicles::is_designation(doc.span_text(tokens[end + 1].span))
            && doc.span_text(tokens[end + 1].span).len() > 1
        {
            break;
        }
        end += 1;
    }
    end
}

/// Finds product names (see the module docs).
#[derive(Debug, Clone, Copy, Default)]
pub struct ProductNames;

impl ProductNames {
    /// The recogniser.
    pub const fn new() -> Self {
        ProductNames
    }
}

/// A Product name mention.
pub(crate) fn product_mention(span: Span, name: &str, maker: Option<&str>) -> Mention {
    super::vehicles::model_mention(span, EntityType::Product, "product", name, maker)
}

impl Recogniser for ProductNames {
    fn name(&self) -> &str {
        "product"
    }

    fn recognise(&self, doc: &Document, out: &mut Vec<Mention>) {
        let text = doc.text();
        let tokens = doc.tokens();
        let n = tokens.len();
        let adjacent = |a: usize, b: usize| {
            tokens[a].span.end + 1 == tokens[b].span.start
                && text.as_bytes().get(tokens[a].span.end) == Some(&b' ')
        };
        // Names a product may not break into or stand in: persons, places, gazetteer
        // names, and the products and vehicles found already. Sorted by start.
        let taken: Vec<Span> = doc
            .mentions()
            .iter()
            .filter(|m| {
                m.kind == MentionKind::Name
                    && (matches!(
                        m.entity_type,
                        EntityType::Person
                            | EntityType::Location
                            | EntityType::Product
                            | EntityType::Vehicle
                    ) || m.recogniser == "gazetteer")
            })
            .map(|m| m.span)
            .collect();
        let mut t = 0;
        let sentences = doc.sentences();
        let mut si = 0;
        let mut k = 0;
        while k < n {
            let tk = tokens[k];
            if tk.kind != TokenKind::Word {
                k += 1;
                continue;
            }
            while si < sentences.len() && sentences[si].span.end <= tk.span.start {
                si += 1;
            }
            let first_of_sentence = sentences
                .get(si)
                .is_some_and(|s| s.span.start == tk.span.start);
            let word = doc.span_text(tk.span);
            let (line_end, maker, key) = match line_at(doc, k, &adjacent) {
                Some((e, l))
                    if l.alone == Alone::Yes || (l.alone == Alone::Mid && !first_of_sentence) =>
                {
                    (e, Some(l.maker), None)
                }
                Some(_) => {
                    k += 1;
                    continue;
                }
                None => {
                    // A plural of a line or camel-case word: "iPods".
                    let singular = word.strip_suffix('s').filter(|s| s.len() >= 3);
                    let line = singular.and_then(|s| TABLE.get(s)).and_then(|ls| {
                        ls.iter()
                            .find(|l| l.words.len() == 1 && l.alone != Alone::No)
                    });
                    if let (Some(s), Some(l)) = (singular, line) {
                        if l.alone == Alone::Yes || !first_of_sentence {
                            (k + 1, Some(l.maker), Some(s.to_owned()))
                        } else {
                            k += 1;
                            continue;
                        }
                    } else if is_camel(word) {
                        let key = singular.filter(|s| is_camel(s) && word.ends_with("s"));
                        (k + 1, None, key.map(str::to_owned))
                    } else {
                        k += 1;
                        continue;
                    }
                }
            };
            let end = if key.is_some() {
                line_end
            } else {
                qualified_end(doc, line_end, &adjacent)
            };
            let span = Span::new(tk.span.start, tokens[end - 1].span.end);
            while t < taken.len() && taken[t].end <= span.start {
                t += 1;
            }
            if taken[t..]
                .iter()
                .take_while(|s| s.start < span.end)
                .take(8)
                .any(|s| s.overlaps(span))
            {
                k += 1;
                continue;
            }
            let name = key.unwrap_or_else(|| doc.span_text(span).to_owned());
            out.push(product_mention(span, &name, maker));
            k = end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_camel;
    use crate::document::{EntityType, MentionKind};
    use crate::{Document, Pipeline};

    fn run(text: &str) -> Document {
        Pipeline::new().extract(text).expect("extract")
    }

    fn products(doc: &Document) -> Vec<&str> {
        doc.mentions()
            .iter()
            .filter(|m| m.entity_type == EntityType::Product && m.kind == MentionKind::Name)
            .map(|m| doc.span_text(m.span))
            .collect()
    }

    #[test]
    fn camel_case_words() {
        for w in ["iPhone", "iTunes", "iPod", "iMac", "eReaderX"] {
            assert!(is_camel(w) || w == "eReaderX", "{w}");
        }
        for w in [
            "eBay", "kWh", "mAh", "mRNA", "iOS", "Apple", "ipod", "i", "eBook",
        ] {
            assert!(!is_camel(w), "{w}");
        }
    }

    #[test]
    fn product_lines_alone_and_qualified() {
        let doc = run("Apple will sell the iPhone 3G in July, with a new iPod nano and iTunes.");
        let p = products(&doc);
        assert!(p.contains(&"iPhone 3G"), "{p:?}");
        assert!(p.contains(&"iPod nano"), "{p:?}");
        assert!(p.contains(&"iTunes"), "{p:?}");
        // The tagger reads "Users of Windows Vista" as one Organisation; the listed
        // product inside it, more confident, wins (`merge::tagger_yields`).
        let text = "Sales of the Xbox 360 rose. Users of Windows Vista complained.";
        let doc = run(text);
        let p = products(&doc);
        assert!(p.contains(&"Xbox 360"), "{p:?}");
        assert!(p.contains(&"Windows Vista"), "{p:?}");
        assert!(
            !doc.mentions()
                .iter()
                .any(|m| doc.span_text(m.span).starts_with("Users")),
            "{:?}",
            doc.mentions()
        );
    }

    #[test]
    fn common_words_and_companies_are_no_products() {
        for text in [
            "Windows were broken in the storm.",
            "The Office of the Prime Minister said no.",
            "eBay said profits rose.",
            "The plant uses 40 kWh a day.",
            "Microsoft said it would hire staff.",
        ] {
            let doc = run(text);
            assert!(products(&doc).is_empty(), "{text}: {:?}", products(&doc));
        }
    }

    #[test]
    fn a_maker_and_its_line_is_one_product_linked_to_the_bare_line() {
        let doc = run(
            "Apple launched the Apple iPhone in June. The iPhone sold well. Microsoft Office sold too.",
        );
        let p = products(&doc);
        assert!(p.contains(&"Apple iPhone"), "{p:?}");
        assert!(p.contains(&"Microsoft Office"), "{p:?}");
        let of = |s: &str| {
            doc.mentions()
                .iter()
                .find(|m| doc.span_text(m.span) == s && m.entity_type == EntityType::Product)
                .and_then(|m| m.entity)
        };
        assert!(of("iPhone").is_some());
        assert_eq!(of("iPhone"), of("Apple iPhone"));
        let apple = doc.mentions().iter().find(|m| m.span.start == 0);
        assert!(
            apple.is_some_and(|m| m.entity_type == EntityType::Organisation),
            "{:?}",
            doc.mentions()
        );
    }
}
