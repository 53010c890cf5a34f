//! Money, Quantity and Frequency, and the number grammar they (and durations) share.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::{
    Cand, at_sentence_start, char_at, char_before, compile, modifier_before, parse_decimal,
    word_before,
};
use crate::document::EntityType;

/// Digits with optional thousands commas and decimals: `18,000`, `1.5`, `2011`.
pub(crate) const DIGITS: &str = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)";

/// Number words, possibly compound and scaled: `two`, `twenty-five`, `five million`.
pub(crate) const NUMWORD: &str = r"(?i:(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|one|two|three|four|five|six|seven|eight|nine|ten|a dozen|a hundred|a thousand|a million|half a million|half a billion)(?:\s(?:hundred|thousand|million|billion|trillion))*)\b";

/// Vague large numbers an analyst still reads as a count: `dozens`, `tens of thousands`.
const VAGUE: &str = r"(?i:(?:tens|hundreds)\sof\s(?:thousands|millions)|dozens|hundreds|thousands|millions|billions)\b";

/// The value of a number word (`two`, `twenty-five`, `five million`, `half a million`).
pub(crate) fn word_value(s: &str) -> Option<f64> {
    let mut total = 0.0f64;
    let mut current = 0.0f64;
    let mut any = false;
    for w in s.split(|c: char| c.is_whitespace() || c == '-') {
        let w = w.to_ascii_lowercase();
        let small = match w.as_str() {
            "a" | "of" | "" => continue,
            "half" => {
                current += 0.5;
                any = true;
                continue;
            }
            "one" => 1.0,
            "two" => 2.0,
            "three" => 3.0,
            "four" => 4.0,
            "five" => 5.0,
            "six" => 6.0,
            "seven" => 7.0,
            "eight" => 8.0,
            "nine" => 9.0,
            "ten" | "tens" => 10.0,
            "eleven" => 11.0,
            "twelve" | "dozen" | "dozens" => 12.0,
            "thirteen" => 13.0,
            "fourteen" => 14.0,
            "fifteen" => 15.0,
            "sixteen" => 16.0,
            "seventeen" => 17.0,
            "eighteen" => 18.0,
            "nineteen" => 19.0,
            "twenty" => 20.0,
            "thirty" => 30.0,
            "forty" => 40.0,
            "fifty" => 50.0,
            "sixty" => 60.0,
            "seventy" => 70.0,
            "eighty" => 80.0,
            "ninety" => 90.0,
            "hundred" | "hundreds" => {
                current = current.max(1.0) * 100.0;
                any = true;
                continue;
            }
            "thousand" | "thousands" => 1e3,
            "million" | "millions" => 1e6,
            "billion" | "billions" => 1e9,
            "trillion" => 1e12,
            _ => return None,
        };
        any = true;
        if small >= 1e3 {
            total += current.max(1.0) * small;
            current = 0.0;
        } else {
            current += small;
        }
    }
    any.then_some(total + current)
}

/// The value of a number as written: digits, words, or digits with a scale word.
pub(crate) fn number_value(s: &str) -> Option<f64> {
    let s = s.trim();
    let s = s
        .strip_suffix("-plus")
        .or_else(|| s.strip_suffix('+'))
        .unwrap_or(s);
    if let Some(v) = parse_decimal(s) {
        return Some(v);
    }
    // "1.5 million": digits then scale words.
    let split = s.find(|c: char| c.is_whitespace()).unwrap_or(s.len());
    if let Some(v) = parse_decimal(&s[..split]) {
        let rest = word_value(&s[split..])?;
        return Some(v * rest);
    }
    word_value(s)
}

/// The multiplier of a money scale suffix (`bn`, `million`, `m`, ...).
fn scale_value(s: &str) -> f64 {
    match s.trim().to_ascii_lowercase().as_str() {
        "trillion" | "tn" => 1e12,
        "billion" | "bn" | "b" => 1e9,
        "million" | "mn" | "m" | "mln" => 1e6,
        "thousand" | "k" => 1e3,
        _ => 1.0,
    }
}

// ---------------------------------------------------------------------------
// Money

const SCALE: &str = r"(?:\s?(?:trillion|billion|million|thousand|bn|mn|tn|m|k)\b)";
const CODES: &str = "USD|EUR|GBP|SYP|IQD|RUB|TRY|IRR|SAR|AED|JPY|CNY|AUD|CAD|CHF|ILS|JOD|LBP|EGP|QAR|KWD|INR|UAH|KPW|YER|LYD";
const CURRENCY_WORDS: &str = r"(?:dollars?|euros?|pounds?(?:\ssterling)?|sterling|rubles?|roubles?|dinars?|riyals?|rials?|liras?|lira|yen|yuan|renminbi|rupees?|shekels?|hryvnias?|francs?)";
const NATION: &str = r"(?:US|U\.S\.|American|Australian|Canadian|New Zealand|Hong Kong|Singapore|Syrian|Lebanese|Egyptian|Iraqi|Jordanian|Kuwaiti|Libyan|Saudi|Qatari|Iranian|Yemeni|Turkish|Israeli|Swiss|Indian|Chinese|Japanese|Russian|Ukrainian|British)";

struct MoneyPatterns {
    /// Cheap gate: is there anything money-like in the block at all?
    gate: Regex,
    symbol: Regex,
    code_first: Regex,
    code_last: Regex,
    words: Regex,
    vague: Regex,
}

static MONEY: LazyLock<MoneyPatterns> = LazyLock::new(|| MoneyPatterns {
    gate: compile(&format!(
        r"[$£€¥₹₽]|{CODES}|(?i:dollar|euro|pound|sterling|ruble|rouble|dinar|riyal|rial|lira|yen|yuan|renminbi|rupee|shekel|hryvnia|franc)"
    )),
    symbol: compile(&format!(
        r"(?P<sym>US\$|U\.S\.\s?\$|A\$|AU\$|C\$|CA\$|NZ\$|HK\$|S\$|\$|£|€|¥|₹|₽)\s?(?P<num>{DIGITS})(?P<scale>{SCALE})?"
    )),
    code_first: compile(&format!(
        r"\b(?P<code>{CODES})\s?(?P<num>{DIGITS})(?P<scale>{SCALE})?"
    )),
    code_last: compile(&format!(
        r"\b(?P<num>{DIGITS})(?P<scale>{SCALE})?\s?(?P<code>{CODES})\b"
    )),
    words: compile(&format!(
        r"\b(?P<num>{DIGITS}(?:\s(?:trillion|billion|million|thousand))?|{NUMWORD})\s(?:(?P<nation>{NATION})\s)?(?P<cur>{CURRENCY_WORDS})\b"
    )),
    vague: compile(&format!(
        r"\b(?P<num>(?i:(?:tens|hundreds)\sof\s(?:millions|billions)|millions|billions|trillions))\sof\s(?:(?P<nation>{NATION})\s)?(?P<cur>dollars|euros|pounds)\b"
    )),
});

/// ISO 4217 code for a currency symbol.
fn symbol_code(sym: &str) -> &'static str {
    match sym {
        "£" => "GBP",
        "€" => "EUR",
        "¥" => "JPY",
        "₹" => "INR",
        "₽" => "RUB",
        "A$" | "AU$" => "AUD",
        "C$" | "CA$" => "CAD",
        "NZ$" => "NZD",
        "HK$" => "HKD",
        "S$" => "SGD",
        _ => "USD",
    }
}

/// ISO 4217 code for a currency word, refined by a nationality adjective.
fn word_code(cur: &str, nation: Option<&str>) -> &'static str {
    let cur = cur.to_ascii_lowercase();
    let nation = nation.unwrap_or("");
    let by_nation = match nation {
        "Australian" => "AUD",
        "Canadian" => "CAD",
        "New Zealand" => "NZD",
        "Hong Kong" => "HKD",
        "Singapore" => "SGD",
        "Syrian" => "SYP",
        "Lebanese" => "LBP",
        "Egyptian" => "EGP",
        "Iraqi" => "IQD",
        "Jordanian" => "JOD",
        "Kuwaiti" => "KWD",
        "Libyan" => "LYD",
        "Saudi" => "SAR",
        "Qatari" => "QAR",
        "Iranian" => "IRR",
        "Yemeni" => "YER",
        "Turkish" => "TRY",
        "Israeli" => "ILS",
        "Swiss" => "CHF",
        "Indian" => "INR",
        "Chinese" => "CNY",
        "Japanese" => "JPY",
        "Russian" => "RUB",
        "Ukrainian" => "UAH",
        "British" => "GBP",
        _ => "",
    };
    if !by_nation.is_empty() {
        return by_nation;
    }
    if cur.starts_with("dollar") {
        "USD"
    } else if cur.starts_with("euro") {
        "EUR"
    } else if cur.starts_with("pound") || cur == "sterling" {
        "GBP"
    } else if cur.starts_with("rub") || cur.starts_with("roub") {
        "RUB"
    } else if cur.starts_with("dinar") {
        "IQD"
    } else if cur.starts_with("riyal") {
        "SAR"
    } else if cur.starts_with("rial") {
        "IRR"
    } else if cur.starts_with("lira") {
        "TRY"
    } else if cur == "yen" {
        "JPY"
    } else if cur == "yuan" || cur == "renminbi" {
        "CNY"
    } else if cur.starts_with("rupee") {
        "INR"
    } else if cur.starts_with("shekel") {
        "ILS"
    } else if cur.starts_with("hryvnia") {
        "UAH"
    } else {
        "CHF"
    }
}

fn money(text: &str, c: &Captures, currency: &str, amount: Option<f64>, conf: f32) -> Option<Cand> {
    let m = c.get(0)?;
    let mut cand =
        Cand::new(m.start(), m.end(), EntityType::Money, conf, 60).attr("currency", currency);
    if let Some(a) = amount {
        cand = cand.attr("amount", a);
    }
    if let Some(md) = modifier_before(text, m.start()) {
        cand = cand.attr("modifier", md);
    }
    Some(cand)
}

fn find_money(text: &str, out: &mut Vec<Cand>) {
    let p = &*MONEY;
    if !p.gate.is_match(text) {
        return;
    }
    let amount = |c: &Captures| {
        let n = c.name("num").and_then(|n| number_value(n.as_str()))?;
        let s = c.name("scale").map_or(1.0, |s| scale_value(s.as_str()));
        Some(n * s)
    };
    for c in p.symbol.captures_iter(text) {
        // A digit or letter glued before the symbol ("5$") is not a price.
        let start = c.get(0).map_or(0, |m| m.start());
        if char_before(text, start).is_some_and(|ch| ch.is_alphanumeric())
            && !c["sym"].starts_with(char::is_uppercase)
        {
            continue;
        }
        let code = symbol_code(c.name("sym").map_or("$", |s| s.as_str()));
        out.extend(money(text, &c, code, amount(&c), 0.9));
    }
    for re in [&p.code_first, &p.code_last] {
        for c in re.captures_iter(text) {
            let code = c.name("code").map_or("", |s| s.as_str()).to_owned();
            out.extend(money(text, &c, &code, amount(&c), 0.85));
        }
    }
    for c in p.words.captures_iter(text) {
        let cur = c.name("cur").map_or("", |s| s.as_str());
        let nation = c.name("nation").map(|s| s.as_str());
        // "pounds" is also a weight; without a nation it is less certain.
        let conf = if cur.starts_with("pound") && nation.is_none() {
            0.6
        } else {
            0.85
        };
        out.extend(money(text, &c, word_code(cur, nation), amount(&c), conf));
    }
    for c in p.vague.captures_iter(text) {
        let cur = c.name("cur").map_or("", |s| s.as_str());
        let code = word_code(cur, c.name("nation").map(|s| s.as_str()));
        out.extend(money(text, &c, code, None, 0.7));
    }
}

// ---------------------------------------------------------------------------
// Quantity

/// Units of measure; a count's noun (`strikes`) is not a unit.
const UNITS: &str = r"(?:(?:square|sq\.?|cubic)\s(?:kilomet(?:er|re)s?|miles?|met(?:er|re)s?|feet|foot|km)\b|km²|km2\b|sq\s?km\b|kilomet(?:er|re)s?\b|km\b|nautical\smiles?\b|miles?\b|met(?:er|re)s?\b|feet\b|foot\b|ft\b|yards?\b|tonnes?\b|tons?\b|kilo(?:gram)?s?\b|kg\b|lbs?\b|lit(?:er|re)s?\b|gallons?\b|barrels?(?:\sper\sday|\sa\sday)?\b|bpd\b|hectares?\b|acres?\b|percentage\spoints?\b|percent\b|per\scent\b|pc\b|%|megatons?\b|kilotons?\b|knots\b|kph\b|mph\b|km/h\b|calibre\b|caliber\b|mm\b|millimet(?:er|re)s?\b|centimet(?:er|re)s?\b|cm\b)";

struct QuantityPatterns {
    measure: Regex,
    bare: Regex,
}

static QUANTITY: LazyLock<QuantityPatterns> = LazyLock::new(|| QuantityPatterns {
    measure: compile(&format!(
        r"\b(?P<num>(?:{DIGITS}|{NUMWORD})(?:\s?(?:to|-|–|and)\s?(?:{DIGITS}|{NUMWORD}))?(?:\s(?:million|billion|thousand))?)(?:-plus|\+)?(?:\s|-|\u{{a0}})?(?P<unit>{UNITS})"
    )),
    bare: compile(&format!(
        r"\b(?P<num>{DIGITS}(?:-plus|\+)?(?:\s(?:million|billion|thousand|hundred)\b)?|{NUMWORD}|{VAGUE})"
    )),
});

/// Canonical unit name for the `unit` attribute.
fn unit_name(u: &str) -> String {
    let u = u.to_ascii_lowercase().replace('\u{a0}', " ");
    if u.starts_with('%') || u.starts_with("percent") || u.starts_with("per cent") || u == "pc" {
        "percent".into()
    } else if u.starts_with("square")
        || u.starts_with("sq")
        || u.starts_with("km2")
        || u.starts_with("km²")
    {
        let base = u.split_whitespace().last().unwrap_or("");
        if base.starts_with("mile") {
            "mi2".into()
        } else if base.starts_with("met") {
            "m2".into()
        } else if base.starts_with("f") {
            "ft2".into()
        } else {
            "km2".into()
        }
    } else if u.starts_with("kilomet") || u == "km" {
        "km".into()
    } else if u.starts_with("nautical") {
        "nmi".into()
    } else if u.starts_with("mile") {
        "mi".into()
    } else if u.starts_with("met") {
        "m".into()
    } else if u.starts_with("tonne") || u.starts_with("ton") {
        "t".into()
    } else if u.starts_with("kilo") || u == "kg" {
        "kg".into()
    } else if u.starts_with("barrel") || u == "bpd" {
        if u.contains("day") || u == "bpd" {
            "bbl/d".into()
        } else {
            "bbl".into()
        }
    } else {
        u
    }
}

/// Words after which `one` is a pronoun or determiner, not a count.
fn one_is_pronoun(text: &str, start: usize, end: usize) -> bool {
    let before = word_before(text, start).to_ascii_lowercase();
    if matches!(
        before.as_str(),
        "no" | "any"
            | "every"
            | "each"
            | "the"
            | "this"
            | "that"
            | "which"
            | "another"
            | "such"
            | "only"
            | "last"
            | "little"
    ) {
        return true;
    }
    let after = text.get(end..).unwrap_or("").trim_start();
    let next: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
    matches!(
        next.as_str(),
        "of" | "another"
            | "or"
            | "and"
            | "side"
            | "way"
            | "day"
            | "time"
            | "thing"
            | "hand"
            | "another’s"
    )
}

fn find_quantity(text: &str, out: &mut Vec<Cand>) {
    let p = &*QUANTITY;
    for c in p.measure.captures_iter(text) {
        let (Some(m), Some(num), Some(unit)) = (c.get(0), c.name("num"), c.name("unit")) else {
            continue;
        };
        if char_before(text, m.start()).is_some_and(|ch| matches!(ch, '$' | '£' | '€' | '.' | ','))
        {
            continue;
        }
        let mut cand = Cand::new(m.start(), m.end(), EntityType::Quantity, 0.8, 40)
            .sub("measure")
            .attr("unit", unit_name(unit.as_str()));
        if let Some(v) = number_value(num.as_str()) {
            cand = cand.attr("value", v);
        }
        if let Some(md) = modifier_before(text, m.start()) {
            cand = cand.attr("modifier", md);
        }
        out.push(cand);
    }
    for m in p.bare.find_iter(text) {
        let s = m.as_str();
        let (start, end) = (m.start(), m.end());
        let is_digit = s.starts_with(|ch: char| ch.is_ascii_digit());
        let before = char_before(text, start);
        let after = char_at(text, end);
        if is_digit {
            // Part of something else: "$5", "#3", "3/4", "10:30", "1.2.3", "A-10", "5th".
            if before.is_some_and(|ch| {
                matches!(
                    ch,
                    '$' | '£' | '€' | '#' | '/' | ':' | '.' | '-' | '–' | '+' | '@' | '_' | '\\'
                ) || ch.is_alphanumeric()
            }) {
                continue;
            }
            if after.is_some_and(|ch| {
                matches!(ch, '/' | ':' | '-' | '–' | '_' | '@' | '°' | '\'' | '′')
                    || ch.is_alphanumeric()
            }) && !s.ends_with("-plus")
            {
                continue;
            }
            // A year-like number is the temporal family's to judge.
            if s.len() == 4 && (s.starts_with("19") || s.starts_with("20")) {
                continue;
            }
            // "CTF 50", "Route 1", "Task Force 50": a number after a capitalised
            // word (not starting a sentence) is part of a name.
            let w = word_before(text, start);
            let adjacent = text.get(..start).is_some_and(|h| {
                h.ends_with(' ') && !h.ends_with(", ") && !h.trim_end().ends_with(',')
            });
            if adjacent
                && w.starts_with(char::is_uppercase)
                && !at_sentence_start(text, start - w.len() - 1)
                && super::MODIFIER.find(w).is_none()
            {
                continue;
            }
        } else {
            let lower = s.to_ascii_lowercase();
            if lower == "one" && one_is_pronoun(text, start, end) {
                continue;
            }
            // A number word quantifies a following word; "the two" at the end of a clause is too vague.
            let vague = lower.ends_with('s') && !lower.contains(' ');
            let next_is_word = text.get(end..).is_some_and(|t| {
                let t = t.strip_prefix([' ', '\u{a0}']).unwrap_or("");
                t.starts_with(|ch: char| ch.is_alphabetic())
            });
            if !vague && !next_is_word {
                continue;
            }
        }
        let conf = if is_digit { 0.6 } else { 0.5 };
        let mut cand = Cand::new(start, end, EntityType::Quantity, conf, 20).sub("count");
        if let Some(v) = number_value(s) {
            cand = cand.attr("value", v);
        }
        if let Some(md) = modifier_before(text, start) {
            cand = cand.attr("modifier", md);
        }
        out.push(cand);
    }
}

// ---------------------------------------------------------------------------
// Frequency

static FREQUENCY: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"\b(?P<num>{DIGITS})\s?(?P<unit>(?i:[kmgt]?hz))\b"
    ))
});

fn find_frequency(text: &str, out: &mut Vec<Cand>) {
    for c in FREQUENCY.captures_iter(text) {
        let (Some(m), Some(num), Some(unit)) = (c.get(0), c.name("num"), c.name("unit")) else {
            continue;
        };
        let mult = match unit.as_str().chars().next().map(|c| c.to_ascii_lowercase()) {
            Some('k') => 1e3,
            Some('m') => 1e6,
            Some('g') => 1e9,
            Some('t') => 1e12,
            _ => 1.0,
        };
        let mut cand = Cand::new(m.start(), m.end(), EntityType::Frequency, 0.9, 70);
        match parse_decimal(num.as_str()).map(|v| v * mult) {
            // "0 MHz" is no frequency: a stray digit before a unit ("1 0kHz").
            Some(hz) if !(hz > 0.0 && hz.is_finite()) => continue,
            Some(hz) => cand = cand.attr("hz", hz),
            None => {}
        }
        out.push(cand);
    }
}

/// Appends Money, Quantity and Frequency candidates found in `text`.
pub(crate) fn find(text: &str, out: &mut Vec<Cand>) {
    find_money(text, out);
    if text.contains(|c: char| c.is_ascii_digit())
        && (text.contains("Hz") || text.contains("hz") || text.contains("HZ"))
    {
        find_frequency(text, out);
    }
    find_quantity(text, out);
}

/// Compiles the patterns now rather than in the first search.
pub(super) fn force() {
    LazyLock::force(&MONEY);
    LazyLock::force(&QUANTITY);
    LazyLock::force(&FREQUENCY);
}

#[cfg(test)]
// Tests may unwrap: a panic is a failed test.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::super::test_util::*;
    use crate::EntityType::{Frequency, Money, Quantity};

    #[test]
    fn money_table() {
        let cases: &[(&str, &str, &str, f64)] = &[
            (
                "It costs US$1.2 billion now.",
                "US$1.2 billion",
                "USD",
                1.2e9,
            ),
            ("a further $500 million in aid", "$500 million", "USD", 5e8),
            ("The UK gave £300m to", "£300m", "GBP", 3e8),
            ("worth €5bn.", "€5bn", "EUR", 5e9),
            ("pledged 5 million euros to", "5 million euros", "EUR", 5e6),
            ("fined USD 20 each", "USD 20", "USD", 20.0),
            (
                "paid 1.5 billion dollars for",
                "1.5 billion dollars",
                "USD",
                1.5e9,
            ),
            ("oil at $3 per barrel", "$3", "USD", 3.0),
            ("a grant of $530,000 to", "$530,000", "USD", 530_000.0),
            (
                "over 9 billion euros committed",
                "9 billion euros",
                "EUR",
                9e9,
            ),
            ("500 Syrian pounds", "500 Syrian pounds", "SYP", 500.0),
            ("three million dollars", "three million dollars", "USD", 3e6),
            ("£59.5 million, supporting", "£59.5 million", "GBP", 59.5e6),
        ];
        for &(text, want, cur, amount) in cases {
            let m = find(text, Money, want);
            assert_eq!(m.attributes["currency"], cur, "{text}");
            let got = m.attributes["amount"].as_f64().unwrap();
            assert!(
                (got - amount).abs() < 1e-6 * amount.max(1.0),
                "{text}: {got}"
            );
        }
        let m = find(
            "ISIL has generated millions of dollars in",
            Money,
            "millions of dollars",
        );
        assert_eq!(m.attributes["currency"], "USD");
        assert!(texts("He spent 20 minutes there.", Money).is_empty());
    }

    #[test]
    fn quantity_table() {
        let cases: &[(&str, &[&str])] = &[
            (
                "retaking more than 18,000 square kilometers of territory",
                &["18,000 square kilometers"],
            ),
            (
                "with the support of the 60-plus nation coalition",
                &["60-plus"],
            ),
            ("forces conducted 34 strikes against ISIL", &["34"]),
            (
                "Near Mosul, five strikes engaged four ISIL tactical units",
                &["five", "four"],
            ),
            (
                "cleared 40 percent of the city and 25% of the suburbs",
                &["40 percent", "25%"],
            ),
            (
                "the Iraqis have cleared 15 to 20 percent of it",
                &["15 to 20 percent"],
            ),
            ("last year just 10 per cent of requests", &["10 per cent"]),
            ("within 7.5 kilometers of Tabqa Dam", &["7.5 kilometers"]),
            ("More than five million people across", &["five million"]),
            (
                "tens of thousands of innocent people",
                &["tens of thousands"],
            ),
            ("the SDF has liberated dozens of villages", &["dozens"]),
            ("Dayton, 42, of Woodbridge", &["42"]),
            ("It was led by CTF 50 last year.", &[]),
            ("No one was hurt; one of them fled.", &[]),
            ("In 2011 the war began.", &[]),
            ("reach 2 million Syrians", &["2 million"]),
        ];
        for &(text, want) in cases {
            assert_eq!(texts(text, Quantity), want, "{text}");
        }
        let m = find(
            "retaking 18,000 square kilometers",
            Quantity,
            "18,000 square kilometers",
        );
        assert_eq!(m.attributes["unit"], "km2");
        assert_eq!(m.attributes["value"], 18000.0);
        let m = find(
            "with tens of thousands of people",
            Quantity,
            "tens of thousands",
        );
        assert_eq!(m.attributes["value"], 10000.0);
    }

    #[test]
    fn frequency_table() {
        let cases: &[(&str, &str, f64)] = &[
            ("on 145.500 MHz tonight", "145.500 MHz", 145.5e6),
            ("a 7.2 GHz link", "7.2 GHz", 7.2e9),
            ("heard on 27 MHz", "27 MHz", 27e6),
            ("at 500kHz", "500kHz", 5e5),
        ];
        for &(text, want, hz) in cases {
            let m = find(text, Frequency, want);
            assert_eq!(m.attributes["hz"].as_f64().unwrap(), hz, "{text}");
        }
        assert!(texts("They used VHF radios.", Frequency).is_empty());
        // Found by fuzzing: a stray digit before a unit is no frequency.
        assert!(texts("at 1 0kHz and 145.5;00 MHz", Frequency).is_empty());
    }
}
