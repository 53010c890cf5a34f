//! Temporal expressions: dates, times, relative expressions, durations and ranges.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::numeric::{DIGITS, NUMWORD, number_value};
use super::{Cand, char_at, char_before, compile, modifier_before, word_before};
use crate::document::EntityType;

const MONTH_FULL: &str =
    "January|February|March|April|May|June|July|August|September|October|November|December";
/// A month, full or abbreviated (`Dec.`, `Sept`).
const MONTH: &str = r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|\b))";
const WEEKDAY: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const DAY: &str = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?\b";
const YEAR: &str = r"(?:19|20)\d{2}\b";
const DASH: &str = r"\s?(?:-|–|—|to|until|through)\s?";
/// Time units, singular or plural.
const UNIT: &str = r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?|centuries|century)\b";
const PART: &str = r"(?:morning|afternoon|evening|night)";
const SEASON: &str = r"(?:spring|summer|autumn|winter)";
const HOLIDAY: &str = r"(?:Thanksgiving(?:\sDay)?|Christmas(?:\sDay|\sEve)?|New\sYear(?:'s|’s)\s(?:Day|Eve)|Easter(?:\sSunday)?|Ramadan|Eid(?:\sal-(?:Fitr|Adha))?|Nowruz|Independence\sDay|Memorial\sDay|Veterans\sDay|Armistice\sDay|Remembrance\s(?:Day|Sunday))\b";

/// What a pattern matched, deciding how it is normalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    DayMonth,
    MonthDay,
    MonthYear,
    Year,
    Decade,
    YearRange,
    MonthRange,
    Iso,
    Numeric,
    Clock,
    Meridiem,
    Military,
    Relative,
    Duration,
    Season,
    Era,
    Quarter,
    ShortYear,
    Set,
    BareUnit,
    Reference,
}

pub(crate) struct Patterns {
    /// Every kind as one alternation, to locate matches in one scan.
    all: Regex,
    /// Each kind alone, in the alternation's order, to tell which one matched and capture its parts.
    kinds: Vec<(Kind, Regex)>,
}

pub(crate) static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| {
    let wd = format!(r"(?:(?P<wd>{WEEKDAY}),?\s)?");
    let modifier = r"(?:(?P<mod>(?i:early|mid|late|the\s(?:beginning|start|middle|end)\sof|(?:the\s)?(?:beginning|start|middle|end)\sof))[\s-]?)?";
    let num = format!(r"(?:{DIGITS}|{NUMWORD}|a\sfew|several|a\scouple\sof)");
    let rel = r"(?i:this|last|next|past|coming|previous|following|recent|earlier\sthis|later\sthis|the\ssame)";
    let list = vec![
        (
            Kind::DayMonth,
            format!(r"\b{wd}(?P<d1>{DAY})(?:{DASH}(?P<d2>{DAY}))?(?:\sof)?\s(?P<mon>{MONTH})(?:,?\s(?P<y>{YEAR}))?"),
        ),
        (
            Kind::MonthDay,
            format!(r"\b{wd}(?P<mon>{MONTH})\s?(?P<d1>{DAY})(?:{DASH}(?P<d2>{DAY}))?(?:,?\s(?P<y>{YEAR}))?"),
        ),
        (
            Kind::MonthYear,
            format!(r"\b{modifier}(?P<mon>{MONTH})(?:,?\s(?P<y>{YEAR}))?"),
        ),
        (Kind::Year, format!(r"\b{modifier}(?P<y>{YEAR})")),
        (Kind::Decade, r"\b(?:(?i:the)\s(?:(?i:early|mid|late)[\s-])?)?(?P<y>(?:19|20)\d0)s\b".to_owned()),
        (
            Kind::YearRange,
            format!(r"\b(?:(?i:from|between)\s)?(?P<y>{YEAR})(?:\s?[-–—/]\s?|\s(?:to|and|until|through)\s)(?P<y2>{YEAR}|\d\d\b)"),
        ),
        (
            Kind::MonthRange,
            format!(r"\b(?i:from|between)\s(?P<mon>{MONTH_FULL})(?:\s(?P<y>{YEAR}))?\s(?:to|and|until|through)\s(?P<mon2>{MONTH_FULL})(?:\s(?P<y2>{YEAR}))?\b"),
        ),
        (
            Kind::Iso,
            r"\b(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?:T(?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d)(?::[0-5]\d)?(?:Z|[+-]\d\d:?\d\d)?)?\b".to_owned(),
        ),
        (
            Kind::Numeric,
            r"\b(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})[/.](?P<y>(?:19|20)\d\d)\b".to_owned(),
        ),
        (
            Kind::Clock,
            r"\b(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?::[0-5]\d)?(?:\s?(?P<ap>[aApP]\.?[mM]\.?))?(?:\s(?P<tz>GMT|UTC|BST|CET|CEST|EET|EEST|EST|EDT|CST|PST|AST|MSK|Zulu|Z|local\stime|local))?\b".to_owned(),
        ),
        (
            Kind::Meridiem,
            r"\b(?P<h>1[0-2]|0?[1-9])(?:[.:](?P<mi>[0-5]\d))?\s?(?P<ap>a\.m\.|p\.m\.|(?:am|pm|AM|PM)\b)(?:\s(?P<tz>GMT|UTC|BST|EST|EDT|local\stime))?".to_owned(),
        ),
        (
            Kind::Military,
            r"\b(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)\s?(?:hours|hrs|(?P<tz>GMT|UTC|Z|Zulu|local))\b".to_owned(),
        ),
        (
            Kind::Relative,
            format!(
                r"(?x)\b(?:
                  (?i:today|tonight|yesterday|tomorrow|overnight)(?:\s{PART})?
                | (?i:this|that|the|last|tomorrow|yesterday)\s{PART}
                | (?:(?i:the)\s)?(?:(?i:early|late|mid)[\s-]?)?{rel}\s(?:(?:{num})(?:-plus|\+)?\s)?(?:(?:straight|consecutive|successive|trading|business|working)\s)?(?:{UNIT}|weekends?|{WEEKDAY}|{MONTH_FULL}|{SEASON}|quarter)(?:\s(?:and|or)\s(?:{UNIT}))?
                | (?i:the\s)?(?i:beginning|start|middle|end)\sof\s(?:(?:last|this|next|the)\s)(?:week|month|year|decade|century)
                | (?i:the\s)?(?i:early|small)\shours\sof\s{WEEKDAY}(?:\s{PART})?
                | (?i:later|earlier)\s(?:in\sthe|this|that|next)\s(?:day|week|month|year|{PART})
                | (?:(?:{num})|(?i:a|an))\s{UNIT}\s(?:ago|earlier|later)
                | (?:(?i:this)\s)?{HOLIDAY}
                | {WEEKDAY}(?:\s{PART})?
                | \d{{1,3}}(?:st|nd|rd|th)\sanniversary
                | Greenwich\sMean\sTime|Coordinated\sUniversal\sTime|Zulu\stime
                )"
            ),
        ),
        (
            Kind::Duration,
            format!(r"\b(?P<n>{DIGITS}|{NUMWORD}|(?i:several|a\sfew|a\scouple\sof|many))(?P<half>\sand\sa\shalf)?(?P<plus>-plus|\+)?(?:\s|-)(?:(?P<adj>straight|consecutive|successive|trading|business|working)\s)?(?P<unit>{UNIT}|quarters\b)|\b(?P<bare>decades|centuries)\b|\bhalf\san?\s(?P<hunit>hour|day|year|month|century)\b"),
        ),
        (
            Kind::Season,
            format!(r"\b(?:(?:(?i:the)\s)?(?:(?i:early|late|mid)[\s-])?(?P<season>(?i:{SEASON}))\sof\s(?P<y>{YEAR})|(?P<s2>(?i:{SEASON}))(?:\s(?P<y2>{YEAR}))?\b)"),
        ),
        (Kind::Era, r"\b(?P<y>\d{1,4})\s?(?P<era>B\.C\.|A\.D\.|(?:BCE|BC|AD)\b)".to_owned()),
        (
            Kind::Quarter,
            format!(r"\b(?:(?i:the)\s)?(?i:first|second|third|fourth|final|1st|2nd|3rd|4th)\s(?:(?i:fiscal|financial)\s)?(?:(?i:quarter)|(?i:half)\sof)(?:\s(?:(?i:of)\s)?(?:{YEAR}|(?i:this|last|next|the)\syear))?\b|\bQ[1-4]\s?(?:{YEAR}|'\d\d\b)?|\b(?:H[12]|FY)\s?{YEAR}"),
        ),
        (Kind::ShortYear, r"'(?P<yy>\d\d)(?P<s>s)?\b".to_owned()),
        (
            Kind::Set,
            format!(r"\b(?:daily|nightly|weekly|biweekly|fortnightly|monthly|quarterly|annually|yearly|hourly)\b|\b(?i:every|each|per)\s(?:other\s|(?:{DIGITS}|{NUMWORD})\s)?(?:{UNIT}|weekend|{WEEKDAY}|{PART})|\b(?P<rate>(?:a|an)\s(?:minute|hour|day|night|week|fortnight|month|year|decade|century))\b"),
        ),
        (
            Kind::BareUnit,
            r"\b(?i:in|for|over|within|after)\s(?:(?:just|only|the|mere)\s)?(?P<unit>years|months|weeks|days|hours|minutes|decades)\b".to_owned(),
        ),
        (
            Kind::Reference,
            r"\b(?:recently|(?i:the)\s(?:(?:near|distant)\s)?future|(?i:the)\s(?:near|short|long|medium|longer)\sterm|(?i:the)\stime\sbeing|(?i:the)\s(?:(?:same|following|previous|next)\s)?day|(?i:the|this|last|next)\sweekend|(?i:late|early|later|earlier)\s(?:in\s)?(?:the\s)?day|(?i:earlier|later)\s(?:today|tonight|this\s(?:morning|afternoon|evening)))\b".to_owned(),
        ),
    ];
    // One regex for all kinds, one scan per block (16 separate scans cost 16
    // times as much: most kinds start with a digit or an optional word, so
    // the engine has no literal to skip ahead with). Capturing with the big
    // alternation is slow (its NFA is large), so a match is then re-read with
    // the small regex of its kind. Leftmost-first semantics pick, at the
    // earliest position, the first alternative that matches, so the order
    // below puts longer and more specific forms first ("2011–2014" before
    // "2011", "0600 hours" before a year or a duration, "two years ago"
    // before "two years").
    let order = [
        Kind::DayMonth,
        Kind::MonthDay,
        Kind::Iso,
        Kind::Numeric,
        Kind::Clock,
        Kind::Meridiem,
        Kind::Military,
        Kind::MonthRange,
        Kind::YearRange,
        Kind::Era,
        Kind::Quarter,
        Kind::MonthYear,
        Kind::Season,
        Kind::Decade,
        Kind::Year,
        Kind::ShortYear,
        Kind::Relative,
        Kind::Reference,
        Kind::Duration,
        Kind::Set,
        Kind::BareUnit,
    ];
    // Group names must be unique in one regex: the alternation drops them.
    let unname = compile(r"\(\?P<\w+>");
    let mut kinds = Vec::new();
    let mut alts = Vec::new();
    for kind in order {
        if let Some((_, p)) = list.iter().find(|(k, _)| *k == kind) {
            alts.push(format!("(?:{})", unname.replace_all(p, "(?:")));
            kinds.push((kind, compile(p)));
        }
    }
    Patterns {
        all: compile(&alts.join("|")),
        kinds,
    }
});

/// Month number from a name or abbreviation, in any case (`Dec`, `sept`, `JANUARY`).
pub(crate) fn month_num(s: &str) -> Option<u32> {
    let key: String = s.chars().take(3).collect::<String>().to_ascii_lowercase();
    let n = match key.as_str() {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(n)
}

fn day_num(s: &str) -> Option<u32> {
    s.trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .parse()
        .ok()
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// ISO 8601 for as much of the date as is known, or `None` without a year.
fn iso(y: Option<i32>, m: Option<u32>, d: Option<u32>) -> Option<String> {
    match (y?, m, d) {
        (y, Some(m), Some(d)) if (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m) => {
            Some(format!("{y:04}-{m:02}-{d:02}"))
        }
        (_, Some(_), Some(_)) => None,
        (y, Some(m), None) if (1..=12).contains(&m) => Some(format!("{y:04}-{m:02}")),
        (y, None, None) => Some(format!("{y:04}")),
        _ => None,
    }
}

fn get<'t>(c: &Captures<'t>, name: &str) -> Option<&'t str> {
    c.name(name).map(|m| m.as_str())
}

fn year(c: &Captures, name: &str) -> Option<i32> {
    get(c, name).and_then(|s| s.parse().ok())
}

/// Prepositions and modifiers that make a bare `May` a month rather than a verb.
fn may_is_month(text: &str, start: usize) -> bool {
    matches!(
        word_before(text, start).to_ascii_lowercase().as_str(),
        "in" | "since"
            | "until"
            | "till"
            | "by"
            | "from"
            | "during"
            | "of"
            | "early"
            | "late"
            | "mid"
            | "last"
            | "next"
            | "this"
            | "through"
            | "before"
            | "after"
            | "between"
            | "and"
            | "to"
    )
}

/// A year standing alone must not be part of a larger number or code.
fn lone_year_ok(text: &str, start: usize, end: usize) -> bool {
    let before = char_before(text, start);
    let after = char_at(text, end);
    let bad_before = before.is_some_and(|c| {
        c.is_alphanumeric()
            || matches!(
                c,
                '$' | '£' | '€' | '#' | '/' | '.' | ',' | '-' | '–' | ':' | '+' | '@'
            )
    });
    let bad_after = after
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, '%' | '/' | '-' | '°' | ':' | '@'))
        || text.get(end..).is_some_and(|t| {
            let b = t.as_bytes();
            // "2,011", "2011.5"
            b.len() >= 2 && matches!(b[0], b',' | b'.') && b[1].is_ascii_digit()
        });
    !(bad_before || bad_after)
}

/// Duration unit letter(s) for ISO 8601, whether it is a time unit (after `T`), and a
/// multiplier (`decade`: 10 years), in any case.
pub(crate) fn duration_unit(unit: &str) -> Option<(&'static str, bool, f64)> {
    let u = unit.to_ascii_lowercase();
    let r = if u.starts_with("second") {
        ("S", true, 1.0)
    } else if u.starts_with("minute") {
        ("M", true, 1.0)
    } else if u.starts_with("hour") {
        ("H", true, 1.0)
    } else if u.starts_with("day") {
        ("D", false, 1.0)
    } else if u.starts_with("fortnight") {
        ("W", false, 2.0)
    } else if u.starts_with("week") {
        ("W", false, 1.0)
    } else if u.starts_with("month") {
        ("M", false, 1.0)
    } else if u.starts_with("decade") {
        ("Y", false, 10.0)
    } else if u.starts_with("centur") {
        ("Y", false, 100.0)
    } else if u.starts_with("year") {
        ("Y", false, 1.0)
    } else {
        return None;
    };
    Some(r)
}

fn duration_iso(n: f64, unit: &str) -> Option<String> {
    let (letter, time, mult) = duration_unit(unit)?;
    let v = n * mult;
    let v = if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    };
    Some(if time {
        format!("PT{v}{letter}")
    } else {
        format!("P{v}{letter}")
    })
}

fn handle(kind: Kind, text: &str, c: &Captures) -> Option<Cand> {
    let m = c.get(0)?;
    let (start, end) = (m.start(), m.end());
    let t = EntityType::Temporal;
    let cand = match kind {
        Kind::DayMonth | Kind::MonthDay => {
            let mon = month_num(get(c, "mon")?)?;
            let d1 = day_num(get(c, "d1")?)?;
            let y = year(c, "y");
            if d1 == 0 || d1 > 31 {
                return None;
            }
            // "May 5" with a modal "may" is lower-case and never matches; a
            // lone abbreviated month before a small number can be a name
            // ("Jan 3" is fine, "Mar 3" less so), hence the lower confidence.
            let conf = if y.is_some() { 0.95 } else { 0.85 };
            if let Some(d2) = get(c, "d2").and_then(day_num) {
                let mut cand = Cand::new(start, end, t, conf, 50).sub("range");
                if let (Some(a), Some(b)) =
                    (iso(y, Some(mon), Some(d1)), iso(y, Some(mon), Some(d2)))
                {
                    cand = cand.attr("iso", format!("{a}/{b}"));
                }
                cand
            } else {
                let mut cand = Cand::new(start, end, t, conf, 50).sub("date");
                match iso(y, Some(mon), Some(d1)) {
                    Some(i) => cand = cand.attr("iso", i),
                    None if d1 <= days_in_month(2000, mon) => {
                        cand = cand.attr("month", mon).attr("day", d1);
                    }
                    None => return None,
                }
                cand
            }
        }
        Kind::MonthYear => {
            let mon_s = get(c, "mon")?;
            let mon = month_num(mon_s)?;
            let y = year(c, "y");
            if y.is_none() {
                // An abbreviation alone ("Dec", "Mar") is too often something else.
                if !MONTH_FULL.split('|').any(|f| f == mon_s) {
                    return None;
                }
                if mon_s == "May" && get(c, "mod").is_none() && !may_is_month(text, start) {
                    return None;
                }
            }
            let mut cand =
                Cand::new(start, end, t, if y.is_some() { 0.9 } else { 0.75 }, 45).sub("date");
            match iso(y, Some(mon), None) {
                Some(i) if get(c, "mod").is_none() => cand = cand.attr("iso", i),
                Some(i) => {
                    cand = cand
                        .attr("iso", i)
                        .attr("modifier", get(c, "mod")?.to_ascii_lowercase())
                }
                None => cand = cand.attr("month", mon),
            }
            cand
        }
        Kind::Year => {
            let y = year(c, "y")?;
            let ys = c.name("y")?;
            // The edge before is the match's ("mid-2016" is fine), the edge after the year's.
            if !lone_year_ok(text, start, ys.end()) {
                return None;
            }
            let mut cand = Cand::new(start, end, t, 0.75, 30)
                .sub("date")
                .attr("iso", format!("{y:04}"));
            if let Some(md) = get(c, "mod") {
                cand = cand.attr("modifier", md.to_ascii_lowercase());
            }
            cand
        }
        Kind::Decade => {
            let y = get(c, "y")?;
            Cand::new(start, end, t, 0.85, 30)
                .sub("date")
                .attr("iso", y.get(..3)?.to_owned())
        }
        Kind::YearRange => {
            let y1 = year(c, "y")?;
            let y2s = get(c, "y2")?;
            let y2: i32 = if y2s.len() == 2 {
                (y1 / 100) * 100 + y2s.parse::<i32>().ok()?
            } else {
                y2s.parse().ok()?
            };
            let first = c.name("y")?;
            if y2 <= y1
                || !lone_year_ok(text, first.start(), first.start() + 4)
                || char_at(text, end)
                    .is_some_and(|ch| ch.is_alphanumeric() || ch == '-' || ch == '/')
            {
                return None;
            }
            Cand::new(start, end, t, 0.85, 50)
                .sub("range")
                .attr("iso", format!("{y1:04}/{y2:04}"))
        }
        Kind::MonthRange => {
            let m1 = month_num(get(c, "mon")?)?;
            let m2 = month_num(get(c, "mon2")?)?;
            let y2 = year(c, "y2");
            let y1 = year(c, "y").or(y2);
            let mut cand = Cand::new(start, end, t, 0.85, 50).sub("range");
            if let (Some(a), Some(b)) = (iso(y1, Some(m1), None), iso(y2.or(y1), Some(m2), None)) {
                cand = cand.attr("iso", format!("{a}/{b}"));
            }
            cand
        }
        Kind::Iso => {
            let y = year(c, "y")?;
            let mo: u32 = get(c, "m")?.parse().ok()?;
            let d: u32 = get(c, "d")?.parse().ok()?;
            let date = iso(Some(y), Some(mo), Some(d))?;
            let full = match (get(c, "h"), get(c, "mi")) {
                (Some(h), Some(mi)) => format!("{date}T{h}:{mi}"),
                _ => date,
            };
            Cand::new(start, end, t, 0.95, 55)
                .sub("date")
                .attr("iso", full)
        }
        Kind::Numeric => {
            let a: u32 = get(c, "a")?.parse().ok()?;
            let b: u32 = get(c, "b")?.parse().ok()?;
            let y = year(c, "y")?;
            // 08/12/2024 is 8 December in Britain and August 12 in the US:
            // normalise only when one reading is impossible.
            let (d, mo) = match (a > 12, b > 12) {
                (true, false) => (Some(a), Some(b)),
                (false, true) => (Some(b), Some(a)),
                (false, false) if a == b => (Some(a), Some(b)),
                _ => (None, None),
            };
            if a == 0 || b == 0 || a > 31 || b > 31 || (a > 12 && b > 12) {
                return None;
            }
            let mut cand = Cand::new(start, end, t, 0.85, 55).sub("date");
            if let Some(i) = iso(Some(y), mo, d).filter(|_| d.is_some()) {
                cand = cand.attr("iso", i);
            } else {
                cand = cand.attr("ambiguous", true);
            }
            cand
        }
        Kind::Clock | Kind::Meridiem | Kind::Military => {
            let mut h: u32 = get(c, "h")?.parse().ok()?;
            let mi: u32 = get(c, "mi").map_or(Some(0), |s| s.parse().ok())?;
            if let Some(ap) = get(c, "ap") {
                let pm = ap.starts_with(['p', 'P']);
                if h == 0 || h > 12 {
                    return None;
                }
                h = match (pm, h) {
                    (true, 12) => 12,
                    (true, h) => h + 12,
                    (false, 12) => 0,
                    (false, h) => h,
                };
            }
            // A clock time must not be a ratio or score in a longer run ("3:2:1").
            if char_at(text, end).is_some_and(|ch| ch == ':' || ch.is_ascii_digit()) {
                return None;
            }
            let mut cand = Cand::new(
                start,
                end,
                t,
                if kind == Kind::Clock { 0.8 } else { 0.85 },
                50,
            )
            .sub("time")
            .attr("iso", format!("T{h:02}:{mi:02}"));
            if let Some(tz) = get(c, "tz") {
                cand = cand.attr("timezone", tz);
            }
            cand
        }
        Kind::Relative => {
            let s = m.as_str();
            // A weekday alone is specific; "the past week" fairly so; a part of
            // the day ("the morning") is vague.
            let conf = if s.ends_with("morning")
                || s.ends_with("evening")
                || s.ends_with("night")
                || s.ends_with("afternoon")
            {
                0.5
            } else {
                0.8
            };
            // "to last 45 minutes": "last" is the verb, and the duration alone is the mention.
            if s.starts_with("last ")
                && s.contains(|ch: char| ch.is_ascii_digit())
                && matches!(
                    word_before(text, start),
                    "to" | "will"
                        | "would"
                        | "could"
                        | "can"
                        | "may"
                        | "might"
                        | "should"
                        | "must"
                        | "did"
                        | "does"
                )
            {
                return None;
            }
            let mut cand = Cand::new(start, end, t, conf, 35).sub("relative");
            // "the past 24 hours" is a period with a length: give it one.
            if let Some(d) = DURATION_IN.captures(s)
                && let (Some(whole), Some(n), Some(u)) = (d.get(0), d.name("n"), d.name("unit"))
                && let Some(v) = number_value(n.as_str())
                && let Some(i) = duration_iso(v, u.as_str())
            {
                cand = cand.attr("duration", i);
                if n.as_str().starts_with(|ch: char| ch.is_ascii_digit()) {
                    cand.also = Some((
                        start + whole.start(),
                        start + whole.end(),
                        EntityType::Quantity,
                    ));
                }
            }
            cand
        }
        Kind::Duration => {
            if get(c, "bare").is_some() {
                return Some(Cand::new(start, end, t, 0.6, 35).sub("duration"));
            }
            if let Some(u) = get(c, "hunit") {
                let mut cand = Cand::new(start, end, t, 0.7, 35).sub("duration");
                if let Some(i) = duration_iso(0.5, u) {
                    cand = cand.attr("iso", i);
                }
                return Some(cand);
            }
            let n = get(c, "n")?;
            let unit = get(c, "unit")?;
            // "three quarters of the vote" is a share: quarters count time only as
            // "two consecutive quarters".
            if unit == "quarters" && get(c, "adj").is_none() {
                return None;
            }
            if number_value(n).is_none() {
                // "several years": a length without a count.
                return Some(Cand::new(start, end, t, 0.6, 35).sub("duration"));
            }
            let digit = n.starts_with(|ch: char| ch.is_ascii_digit());
            if digit
                && char_before(text, start)
                    .is_some_and(|ch| matches!(ch, '.' | ',' | '$' | '£' | '€' | '-' | '/'))
            {
                return None;
            }
            let v = number_value(n)? + if get(c, "half").is_some() { 0.5 } else { 0.0 };
            let mut cand =
                Cand::new(start, end, t, if digit { 0.8 } else { 0.7 }, 35).sub("duration");
            if let Some(i) = duration_iso(v, unit) {
                cand = cand.attr("iso", i);
            }
            if get(c, "plus").is_some() {
                cand = cand.attr("modifier", "plus");
            } else if let Some(md) = modifier_before(text, start) {
                cand = cand.attr("modifier", md);
            }
            // re3d marks a numeric duration both as Temporal and as Quantity.
            if digit {
                cand.also = Some((start, end, EntityType::Quantity));
            }
            cand
        }
        Kind::Season => {
            // A capitalised season alone ("Summer", "Autumn") is often a name: only after
            // a determiner or preposition ("their Autumn meetings", "in Spring").
            if get(c, "s2").is_some_and(|w| w.starts_with(|ch: char| ch.is_uppercase()))
                && !matches!(
                    word_before(text, start).to_ascii_lowercase().as_str(),
                    "the"
                        | "this"
                        | "last"
                        | "next"
                        | "their"
                        | "its"
                        | "in"
                        | "during"
                        | "until"
                        | "by"
                        | "since"
                        | "of"
                        | "early"
                        | "late"
                        | "mid"
                        | "our"
                )
            {
                return None;
            }
            let y = year(c, "y").or(year(c, "y2"));
            let mut cand =
                Cand::new(start, end, t, if y.is_some() { 0.85 } else { 0.6 }, 40).sub("date");
            if let Some(y) = y {
                cand = cand.attr("iso", format!("{y:04}"));
            }
            cand
        }
        Kind::Quarter => Cand::new(start, end, t, 0.85, 45).sub("date"),
        Kind::ShortYear => {
            // "since '82", "in the '90s": an apostrophe year after a preposition or article.
            if !char_before(text, start).is_none_or(char::is_whitespace)
                || !matches!(
                    word_before(text, start).to_ascii_lowercase().as_str(),
                    "in" | "since"
                        | "of"
                        | "from"
                        | "until"
                        | "till"
                        | "to"
                        | "by"
                        | "before"
                        | "after"
                        | "the"
                        | "early"
                        | "late"
                        | "mid"
                        | "summer"
                        | "spring"
                        | "autumn"
                        | "winter"
                        | "fall"
                )
            {
                return None;
            }
            let mut s = start;
            // "the '90s" keeps its article, as "the 1990s" does.
            if get(c, "s").is_some() && text.get(..start).is_some_and(|b| b.ends_with("the ")) {
                s = start - 4;
            }
            Cand::new(s, end, t, 0.7, 30).sub("date")
        }
        Kind::Set => {
            if get(c, "rate").is_some() {
                // "15 a year" is a rate; "for a year", "over a year" a length; other
                // uses of "a day" ("a day of mourning") are left alone.
                let w = word_before(text, start).to_ascii_lowercase();
                let rate = w.starts_with(|ch: char| ch.is_ascii_digit())
                    || matches!(w.as_str(), "once" | "twice" | "thrice" | "times")
                    || number_value(&w).is_some();
                let length = matches!(
                    w.as_str(),
                    "for"
                        | "over"
                        | "in"
                        | "within"
                        | "than"
                        | "about"
                        | "nearly"
                        | "almost"
                        | "after"
                        | "around"
                        | "only"
                        | "just"
                        | "least"
                        | "under"
                        | "past"
                        | "marked"
                        | "spent"
                        | "took"
                        | "takes"
                        | "lasted"
                );
                if !rate && !length {
                    return None;
                }
                let sub = if rate { "set" } else { "duration" };
                return Some(Cand::new(start, end, t, 0.6, 35).sub(sub));
            }
            Cand::new(start, end, t, 0.7, 35).sub("set")
        }
        Kind::BareUnit => {
            let u = c.name("unit")?;
            Cand::new(u.start(), u.end(), t, 0.55, 30).sub("duration")
        }
        Kind::Reference => {
            // "the day-to-day running" is no day.
            if char_at(text, end).is_some_and(|ch| ch == '-') {
                return None;
            }
            Cand::new(start, end, t, 0.6, 35).sub("relative")
        }
        Kind::Era => {
            let y: i32 = get(c, "y")?.parse().ok()?;
            if y == 0 {
                return None;
            }
            // ISO 8601 counts 1 BC as year 0000, 2 BC as -0001.
            let bc = get(c, "era")?.starts_with('B');
            let iso_year = if bc {
                format!("-{:04}", y - 1)
            } else {
                format!("{y:04}")
            };
            let iso_year = if iso_year == "-0000" {
                "0000".to_owned()
            } else {
                iso_year
            };
            Cand::new(start, end, t, 0.85, 50)
                .sub("date")
                .attr("iso", iso_year)
        }
    };
    Some(cand)
}

/// A number and a unit inside a relative expression ("the past 24 hours").
static DURATION_IN: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?P<n>{DIGITS}|{NUMWORD})(?:-plus|\+)?\s(?P<unit>{UNIT})"
    ))
});

/// Appends the Temporal candidates found in `text`, line by line: a time expression
/// never runs across a line break (a title's last word and the date line under it).
pub(crate) fn find(text: &str, out: &mut Vec<Cand>) {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let from = out.len();
        find_line(line, out);
        for c in &mut out[from..] {
            c.start += offset;
            c.end += offset;
            if let Some((a, b, _)) = &mut c.also {
                *a += offset;
                *b += offset;
            }
        }
        offset += line.len();
    }
}

/// Appends the Temporal candidates found in one line.
fn find_line(text: &str, out: &mut Vec<Cand>) {
    let p = &*PATTERNS;
    let mut pos = 0;
    while let Some(whole) = p.all.find_at(text, pos) {
        // The first kind (in alternation order) matching the same span is the
        // one the alternation chose; the haystack ends at the match so that a
        // kind that does not match here cannot scan far ahead.
        let hay = text.get(..whole.end()).unwrap_or(text);
        let cand = p.kinds.iter().find_map(|(kind, re)| {
            // Most kinds do not match here: `is_match_at` says so with the DFA alone,
            // where `captures_at` would first allocate its capture slots.
            if !re.is_match_at(hay, whole.start()) {
                return None;
            }
            let c = re.captures_at(hay, whole.start())?;
            let m = c.get(0)?;
            if m.start() != whole.start() || m.end() != whole.end() {
                return None;
            }
            handle(*kind, text, &c)
        });
        pos = match cand {
            Some(cand) => {
                out.push(cand);
                whole.end().max(whole.start() + 1)
            }
            // Rejected ("May" the verb, "to last 45 minutes"): look again
            // from the next char, where a shorter form may start.
            None => whole.start() + char_at(text, whole.start()).map_or(1, char::len_utf8),
        };
        if pos > text.len() {
            break;
        }
        // Stay on a char boundary: `captures_at` wants one.
        while pos < text.len() && !text.is_char_boundary(pos) {
            pos += 1;
        }
    }
}

/// Compiles the patterns now rather than in the first search.
pub(super) fn force() {
    LazyLock::force(&PATTERNS);
    LazyLock::force(&DURATION_IN);
}

#[cfg(test)]
// Tests may unwrap: a panic is a failed test.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::super::test_util::*;
    use crate::EntityType::Temporal;

    /// (text, expected mention, expected iso or "" for none)
    const CASES: &[(&str, &str, &str)] = &[
        (
            "It happened on 8 December 2024.",
            "8 December 2024",
            "2024-12-08",
        ),
        (
            "It happened on December 8, 2024.",
            "December 8, 2024",
            "2024-12-08",
        ),
        ("On Dec. 8, forces moved.", "Dec. 8", ""),
        ("from 8 Dec 2024 onwards", "8 Dec 2024", "2024-12-08"),
        ("dated 2024-12-08 in the log", "2024-12-08", "2024-12-08"),
        ("signed 08/12/2024 there", "08/12/2024", ""),
        ("signed 18/12/2024 there", "18/12/2024", "2024-12-18"),
        ("The war began in 2011.", "2011", "2011"),
        ("since the 1990s", "the 1990s", "199"),
        ("in March 2011 protests", "March 2011", "2011-03"),
        ("by mid-2016 the group", "mid-2016", "2016"),
        ("in early 2017 it fell", "early 2017", "2017"),
        ("met at 10:30 on", "10:30", "T10:30"),
        ("at 14:00 GMT the", "14:00 GMT", "T14:00"),
        ("at 3 p.m. local", "3 p.m.", "T15:00"),
        ("at 0600 hours the", "0600 hours", "T06:00"),
        ("On Monday, troops", "Monday", ""),
        ("It fell last Tuesday.", "last Tuesday", ""),
        ("He said yesterday that", "yesterday", ""),
        ("Speaking today, he", "today", ""),
        ("He leaves tonight.", "tonight", ""),
        ("talks this week in", "this week", ""),
        ("talks last month in", "last month", ""),
        ("an exercise next year", "next year", ""),
        ("It lasted 18 months.", "18 months", "P18M"),
        ("over 20-plus months of war", "20-plus months", "P20M"),
        (
            "over the past 20-plus months, retaking",
            "the past 20-plus months",
            "",
        ),
        ("for two years it held", "two years", "P2Y"),
        ("in three days", "three days", "P3D"),
        ("for decades the", "decades", ""),
        ("over the past week", "the past week", ""),
        ("for more than five years", "five years", "P5Y"),
        ("the 2011–2014 campaign", "2011–2014", "2011/2014"),
        ("ran from 2011 to 2014 in", "from 2011 to 2014", "2011/2014"),
        (
            "between March and May fighting",
            "between March and May",
            "",
        ),
        (
            "exercise October 25-26, 2016, an",
            "October 25-26, 2016",
            "2016-10-25/2016-10-26",
        ),
        ("On Monday, Dec. 26, Abu", "Monday, Dec. 26", ""),
        ("On Dec. 6th, Iraqi", "Dec. 6th", ""),
        ("during his Dec.14th press", "Dec.14th", ""),
        ("Palmyra between 11-13 Dec.", "11-13 Dec.", ""),
        (
            "Uzbekistan from 5-6 April 2016.",
            "5-6 April 2016",
            "2016-04-05/2016-04-06",
        ),
        ("Lebanon November 18 -19.", "November 18 -19", ""),
        ("starting at 10 a.m. Nov. 29", "10 a.m.", "T10:00"),
        ("in the last 24 hours in", "the last 24 hours", ""),
        ("A year ago, the UK", "A year ago", ""),
        (
            "a multilateral exercise early next year, Unified",
            "early next year",
            "",
        ),
        ("again in the summer of 2017.", "the summer of 2017", "2017"),
        ("in mid January a round", "mid January", ""),
        ("killed on Thanksgiving Day.", "Thanksgiving Day", ""),
        ("on this Thanksgiving I hope", "this Thanksgiving", ""),
        ("the peace of Ramadan.", "Ramadan", ""),
        ("violence in recent days, including", "recent days", ""),
        (
            "over the coming days and weeks to",
            "the coming days and weeks",
            "",
        ),
        (
            "counterattacks the following day before",
            "the following day",
            "",
        ),
        ("Later in the day, Carter flew", "Later in the day", ""),
        ("before the end of the year.", "the end of the year", ""),
        ("Since May, the group", "May", ""),
        ("On 2 December the agreement", "2 December", ""),
        ("built in 575 B.C. by", "575 B.C.", "-0574"),
        ("the 93rd anniversary of", "93rd anniversary", ""),
        // TimeML marks `recently` (value PAST_REF); `soon` and `now` are still left out.
        ("He was recently promoted.", "recently", ""),
        (
            "call is scheduled to last 45 minutes.",
            "45 minutes",
            "PT45M",
        ),
    ];

    #[test]
    fn temporal_table() {
        let mut failed = Vec::new();
        for &(text, want, _) in CASES {
            let got = run(text);
            if !got.iter().any(|(s, t, _)| *t == Temporal && s == want) {
                failed.push(format!(
                    "{text:?}: want {want:?}, got {:?}",
                    got.iter()
                        .map(|(s, t, _)| format!("{s}/{t}"))
                        .collect::<Vec<_>>()
                ));
            }
        }
        assert!(failed.is_empty(), "{}", failed.join("\n"));
        for &(text, want, iso) in CASES {
            let m = find(text, Temporal, want);
            match m.attributes.get("iso") {
                Some(v) if !iso.is_empty() => assert_eq!(v, iso, "{text}"),
                None if iso.is_empty() => {}
                other => assert!(iso.is_empty() || other.is_some(), "{text}: {other:?}"),
            }
            if !iso.is_empty() {
                assert_eq!(m.attributes["iso"], iso, "{text}");
            }
        }
    }

    #[test]
    fn not_temporal() {
        let cases = [
            "It cost 2,011 dollars.",
            "a 2011m budget",
            "You may go.",
            "Call 910-432-3383 now.",
            "Resolution 2254 (2015) says",
        ];
        for text in cases {
            assert!(
                texts(text, Temporal).is_empty(),
                "{text}: {:?}",
                texts(text, Temporal)
            );
        }
    }

    #[test]
    fn attributes() {
        let m = find("on December 8 they", Temporal, "December 8");
        assert_eq!(m.attributes["month"], 12);
        assert_eq!(m.attributes["day"], 8);
        let m = find(
            "in the past 24 hours, forces",
            Temporal,
            "the past 24 hours",
        );
        assert_eq!(m.attributes["duration"], "PT24H");
        assert!(
            texts("It lasted 24 hours.", crate::EntityType::Quantity)
                .contains(&"24 hours".to_owned())
        );
    }
}
