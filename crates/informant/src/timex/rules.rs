//! From the words of one time expression to its TIMEX3 type and value.
//!
//! Each form is one small regular expression over the expression lower-cased, its
//! whitespace collapsed and its dashes made ASCII; they are tried in order, most specific
//! first. A mention's words are short, so the cost is a few regex runs per time expression.

use crate::recognise::patterns::{duration_unit, month_num, word_value};
use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::date::{Date, days_in_month};
use super::{Timex, TimexType};

/// A date the text mentioned, at the granularity it was given: the anchor of anaphoric
/// expressions (`a month earlier`, `the same day`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Point {
    /// A day.
    Day(Date),
    /// A month of a year.
    Month(i32, u32),
    /// A year.
    Year(i32),
}

impl Point {
    fn year(self) -> i32 {
        match self {
            Point::Day(d) => d.year(),
            Point::Month(y, _) | Point::Year(y) => y,
        }
    }

    fn month(self) -> Option<(i32, u32)> {
        match self {
            Point::Day(d) => Some((d.year(), d.month())),
            Point::Month(y, m) => Some((y, m)),
            Point::Year(_) => None,
        }
    }
}

/// What the expression's surroundings tell.
pub(crate) struct Ctx<'a> {
    /// The document's date.
    pub dct: Option<Date>,
    /// The last date the text mentioned before this expression.
    pub last: Option<Point>,
    /// The last day the text mentioned before this expression.
    pub last_day: Option<Date>,
    /// The sentence's text before the expression.
    pub before: &'a str,
}

impl Ctx<'_> {
    /// The day anaphoric expressions count from: the last day mentioned, else the document date.
    fn anchor_day(&self) -> Option<Date> {
        self.last_day.or(self.dct)
    }

    /// The month anaphoric expressions count from.
    fn anchor_month(&self) -> Option<(i32, u32)> {
        self.last
            .and_then(Point::month)
            .or_else(|| self.dct.map(|d| (d.year(), d.month())))
    }

    /// The year anaphoric expressions count from.
    fn anchor_year(&self) -> Option<i32> {
        self.last.map(Point::year).or(self.dct.map(Date::year))
    }

    /// The day, month and year to count from: the anaphoric anchors, or the document date's.
    fn anchors(&self, anaphoric: bool) -> (Option<Date>, Option<(i32, u32)>, Option<i32>) {
        if anaphoric {
            (self.anchor_day(), self.anchor_month(), self.anchor_year())
        } else {
            (
                self.dct,
                self.dct.map(|d| (d.year(), d.month())),
                self.dct.map(Date::year),
            )
        }
    }

    /// The year an expression without one falls in, when no document date decides it:
    /// the year of the last date mentioned.
    fn known_year(&self) -> Option<i32> {
        self.last.map(Point::year)
    }

    /// Whether the words before speak of the future (`will`, `until`, `is scheduled for`).
    fn future(&self) -> bool {
        let words: Vec<String> = self
            .before
            .split(|c: char| !(c.is_alphanumeric() || c == '\''))
            .filter(|w| !w.is_empty())
            .rev()
            .take(8)
            .map(str::to_ascii_lowercase)
            .collect();
        words.iter().any(|w| {
            matches!(
                w.as_str(),
                "will"
                    | "shall"
                    | "won't"
                    | "until"
                    | "till"
                    | "scheduled"
                    | "expected"
                    | "due"
                    | "plans"
                    | "planned"
                    | "upcoming"
                    | "going"
                    | "aims"
                    | "intends"
            ) || w.ends_with("'ll")
        })
    }

    /// Whether the word before is a count or frequency (`15 a year`, `twice a week`).
    fn rate_before(&self) -> bool {
        let w = self
            .before
            .trim_end()
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        w.chars().next().is_some_and(|c| c.is_ascii_digit())
            || matches!(
                w.as_str(),
                "once" | "twice" | "times" | "thrice" | "dollars" | "percent" | "%"
            )
            || count(&w).is_some() && !matches!(w.as_str(), "a" | "an" | "one")
    }
}

const MON: &str = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";
const WD: &str = r"(mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?";
const DAYN: &str = r"(\d{1,2})(?:st|nd|rd|th)?";
const UNIT: &str = r"(seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?|quarters?|years?|decades?|century|centuries)";
const NUM: &str = r"(\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|a hundred|a dozen|dozen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:one|two|three|four|five|six|seven|eight|nine)|a few|few|several|some|many|a couple of|a couple|couple of)";
const PART: &str = r"(morning|afternoon|evening|night)";

struct Forms {
    iso: Regex,
    dmy: Regex,
    mdy: Regex,
    numeric: Regex,
    month_year: Regex,
    month: Regex,
    year: Regex,
    short_year: Regex,
    decade: Regex,
    year_range: Regex,
    month_range: Regex,
    season: Regex,
    quarter: Regex,
    half: Regex,
    clock: Regex,
    military: Regex,
    part_of_day: Regex,
    weekday: Regex,
    rel_unit: Regex,
    rel_month: Regex,
    span_units: Regex,
    ago: Regex,
    duration: Regex,
    half_duration: Regex,
    set_every: Regex,
    era: Regex,
}

fn re(p: &str) -> Regex {
    // The patterns are constants, checked by the tests; an impossible failure
    // yields a regex that matches nothing rather than a panic.
    Regex::new(p).unwrap_or_else(|_| Regex::new(r"[^\s\S]").unwrap_or_else(|_| unreachable!()))
}

static FORMS: LazyLock<Forms> = LazyLock::new(|| Forms {
    iso: re(r"^(\d{4})-(\d{2})-(\d{2})(?:t(\d{2}):(\d{2}))?"),
    dmy: re(&format!(
        r"^(?:{WD},?\s)?(?:the\s)?{DAYN}(?:\s?(?:-|to|and)\s?{DAYN})?(?:\sof)?\s?{MON}(?:,?\s(\d{{4}}))?$"
    )),
    mdy: re(&format!(
        r"^(?:{WD},?\s)?{MON}\s?{DAYN}(?:\s?(?:-|to|and)\s?{DAYN})?(?:,?\s(\d{{4}}))?$"
    )),
    numeric: re(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})$"),
    month_year: re(&format!(r"^{MON},?\s(?:of\s)?(\d{{4}})$")),
    month: re(&format!(r"^(?:(this|last|next|that|the same)\s)?{MON}$")),
    year: re(r"^(?:(?:the\s)?(?:fiscal|financial|calendar|year|fy)\s?)?(\d{4})$"),
    short_year: re(r"^'(\d{2})$"),
    decade: re(r"^(?:the\s)?(?:(\d{2})|')(\d)0'?s$"),
    year_range: re(
        r"^(?:from\s|between\s)?(\d{4})\s?(?:-|/|to|and|until|through)\s?(\d{4}|\d{2})$",
    ),
    month_range: re(&format!(
        r"^(?:from\s|between\s)?{MON}(?:\s(\d{{4}}))?\s(?:-|to|and|until|through)\s{MON}(?:\s(\d{{4}}))?$"
    )),
    season: re(
        r"^(?:(this|last|next|that|the same|the)\s)?(spring|summer|autumn|fall|winter)(?:\s(?:of\s)?(\d{4}))?$",
    ),
    quarter: re(
        r"^(?:the\s)?(first|second|third|fourth|final|last|1st|2nd|3rd|4th|q1|q2|q3|q4)(?:[\s-](?:fiscal\s|financial\s)?quarter)?(?:\s(?:of\s)?(?:(\d{4})|(this|last|next|the) year))?$",
    ),
    half: re(
        r"^(?:the\s)?(first|second|1st|2nd|h1|h2)[\s-]half(?:\s(?:of\s)?(?:(\d{4})|(this|last|next|the) year))?$",
    ),
    clock: re(
        r"^(\d{1,2})(?:[:.](\d{2}))?(?::\d{2})?\s?(a\.?m\.?|p\.?m\.?)?(?:\s?\(?(gmt|utc|z|zulu)\b.*)?(?:\s.*)?$",
    ),
    military: re(r"^(\d{2})(\d{2})\s?(?:hours|hrs|(gmt|utc|z|zulu)|local)\b"),
    part_of_day: re(&format!(
        r"^(?:(today|tonight|yesterday|tomorrow|this|that|last|the|{WD})\s)?{PART}$"
    )),
    weekday: re(&format!(
        r"^(?:(this|last|next|that|coming|the following|the previous|the next|this coming|this past)\s)?{WD}(?:\s{PART})?$"
    )),
    rel_unit: re(
        r"^(?:the\s)?(this|last|next|past|coming|previous|following|same|that|earlier this|later this|current|present)\s(day|week|weekend|month|quarter|year|decade|century)$",
    ),
    rel_month: re(&format!(r"^(?:earlier|later)\sthis\s{MON}$")),
    span_units: re(&format!(
        r"^(the\s)?(past|last|next|coming|previous|following|first|recent|final)\s(?:{NUM}(?:-plus|\+)?\s)?(?:(?:straight|consecutive|successive|trading|business|working|full|more|further|long)\s)?{UNIT}(?:\s(?:and|or)\s{UNIT})?$"
    )),
    ago: re(&format!(
        r"^{NUM}(?:-plus|\+)?\s{UNIT}\s(ago|earlier|later|before|after|from now|since|hence|back|on)$"
    )),
    duration: re(&format!(
        r"^(?:(?:about|around|almost|nearly|roughly|approximately|some|over|under|just|only|more than|less than|at least|up to|the)\s)*{NUM}(?:-plus|\+)?[\s-](?:(?:straight|consecutive|successive|trading|business|working|full|more|further|long)\s)?{UNIT}(?:-long|-old)?$"
    )),
    half_duration: re(&format!(
        r"^(?:(?:about|around|almost|nearly|over|more than|some)\s)?(?:{NUM}\s(?:and\sa\shalf\s{UNIT}|{UNIT}\sand\sa\shalf)|half\san?\s{UNIT})$"
    )),
    set_every: re(&format!(
        r"^(?:every|each|per|a|an)\s(?:(?:other|{NUM})\s)?(?:{UNIT}|{WD}|{PART})$"
    )),
    era: re(r"^(\d{1,4})\s?(b\.?c\.?(?:e\.?)?|a\.?d\.?|c\.?e\.?)$"),
});

/// ISO weekday (1 Monday to 7 Sunday) of a name or abbreviation.
fn weekday_num(s: &str) -> Option<u32> {
    Some(match s.get(..2)? {
        "mo" => 1,
        "tu" => 2,
        "we" => 3,
        "th" => 4,
        "fr" => 5,
        "sa" => 6,
        "su" => 7,
        _ => return None,
    })
}

/// A count in words or digits; `None` for a vague one (`several`, `hundreds`), which TIMEX3
/// writes `X`. Number words are the patterns' grammar (`word_value`), with `a`/`an` for one.
fn count(s: &str) -> Option<f64> {
    let s = s.trim();
    if let Ok(v) = s.parse::<f64>() {
        return Some(v);
    }
    if s.eq_ignore_ascii_case("a") || s.eq_ignore_ascii_case("an") {
        return Some(1.0);
    }
    // No number word ends in `s` but the vague plurals ("dozens", "hundreds of");
    // "half" on its own is a fraction, not a count.
    if s.ends_with('s') || s.eq_ignore_ascii_case("half") {
        return None;
    }
    word_value(s)
}

/// TIMEX3 unit letter, whether it is a time unit (after `T`), and how many of it one `unit` is:
/// the duration units of the patterns, and nights (days) and quarters.
fn unit_of(unit: &str) -> Option<(&'static str, bool, f64)> {
    if unit.starts_with("night") {
        Some(("D", false, 1.0))
    } else if unit.starts_with("quarter") {
        Some(("Q", false, 1.0))
    } else {
        duration_unit(unit)
    }
}

/// `P3Y`, `PT2H`, `P2.5Y`; `PXY` for an unknown count.
fn duration_value(n: Option<f64>, unit: &str) -> Option<String> {
    let (letter, time, mult) = unit_of(unit)?;
    let t = if time { "T" } else { "" };
    let Some(n) = n else {
        // Vague counts of decades and centuries keep their own unit letters.
        let letter = if unit.starts_with("decade") {
            "DE"
        } else if unit.starts_with("centur") {
            "CE"
        } else {
            letter
        };
        return Some(format!("P{t}X{letter}"));
    };
    let v = n * mult;
    let v = if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{}", (v * 100.0).round() / 100.0)
    };
    Some(format!("P{t}{v}{letter}"))
}

fn date_value(d: Date) -> String {
    d.to_string()
}

fn month_value(y: i32, m: u32) -> String {
    format!("{y:04}-{m:02}")
}

/// The month `n` months after `y-m`.
fn add_months(y: i32, m: u32, n: i64) -> Option<(i32, u32)> {
    let total = i64::from(y) * 12 + i64::from(m) - 1 + n;
    let y = i32::try_from(total.div_euclid(12)).ok()?;
    (1..=9999)
        .contains(&y)
        .then(|| (y, (total.rem_euclid(12) + 1) as u32))
}

/// The day `d` of month `m` nearest the document date (`November 11` written on
/// 5 November is this year's; `11 December` written on 25 January is last year's),
/// or the next one when the sentence speaks of the future.
fn resolve_month_day(dct: Date, m: u32, d: u32, future: bool) -> Option<Date> {
    let cands: Vec<Date> = (-1..=1)
        .filter_map(|dy| Date::new(dct.year() + dy, m, d))
        .collect();
    let past = cands.iter().rev().find(|c| **c <= dct).copied();
    let next = cands.iter().find(|c| **c >= dct).copied();
    match (past, next) {
        (Some(p), Some(n)) if future && n != p => Some(n),
        (Some(p), Some(n)) => {
            if n.to_days() - dct.to_days() < dct.to_days() - p.to_days() {
                Some(n)
            } else {
                Some(p)
            }
        }
        (p, n) => p.or(n),
    }
}

/// The month `m` last seen on the document date (or next, when the sentence speaks of the future).
fn resolve_month(dct: Date, m: u32, future: bool) -> i32 {
    let y = dct.year();
    if m == dct.month() {
        y
    } else if future {
        if m > dct.month() { y } else { y + 1 }
    } else if m < dct.month() {
        y
    } else {
        y - 1
    }
}

/// Weekday `wd` on or before the document date (on or after it when speaking of the future);
/// `offset_weeks` moves by whole weeks from there (`last Tuesday`, `next Tuesday`).
fn resolve_weekday(dct: Date, wd: u32, mode: &str, future: bool) -> Option<Date> {
    let cur = i64::from(dct.weekday());
    let wd = i64::from(wd);
    let back = (cur - wd).rem_euclid(7);
    let fwd = (wd - cur).rem_euclid(7);
    let delta = match mode {
        "last" | "this past" => {
            if back == 0 {
                -7
            } else {
                -back
            }
        }
        "next" | "coming" | "this coming" => {
            if fwd == 0 {
                7
            } else {
                fwd
            }
        }
        // `this Tuesday`: the Tuesday of the document's ISO week.
        "this" => wd - cur,
        _ if future => fwd,
        _ => -back,
    };
    dct.add_days(delta)
}

fn season_code(s: &str) -> &'static str {
    match s {
        "spring" => "SP",
        "summer" => "SU",
        "winter" => "WI",
        _ => "FA",
    }
}

/// The value's type for the common shapes (`P..` a duration, `..T..` a time).
fn typed(t: TimexType, v: Option<String>) -> Timex {
    Timex::new(t, v)
}

fn date(v: Option<String>) -> Timex {
    typed(TimexType::Date, v)
}

/// The full date written in `expr` (`November 24, 2004`, `2004-11-24`), ignoring anchors.
pub(crate) fn absolute_day(expr: &str) -> Option<Date> {
    let ctx = Ctx {
        dct: None,
        last: None,
        last_day: None,
        before: "",
    };
    match timex_of(expr, &ctx) {
        (
            Timex {
                timex_type: TimexType::Date | TimexType::Time,
                value: Some(v),
            },
            Some(Point::Day(d)),
        ) if !v.starts_with('X') => Some(d),
        _ => None,
    }
}

/// Lower-cases, makes dashes and apostrophes ASCII, collapses whitespace, and drops a
/// leading preposition and a trailing full stop that are not part of the expression.
fn clean(expr: &str) -> String {
    let mut s = String::with_capacity(expr.len());
    let mut space = false;
    for c in expr.chars() {
        let c = match c {
            '–' | '—' | '‐' | '‑' => '-',
            '’' | '‘' => '\'',
            c if c.is_whitespace() => ' ',
            c => c.to_ascii_lowercase(),
        };
        if c == ' ' {
            space = true;
            continue;
        }
        if space && !s.is_empty() {
            s.push(' ');
        }
        space = false;
        s.push(c);
    }
    for p in [
        "on ", "in ", "at ", "since ", "by ", "during ", "for ", "of ",
    ] {
        if let Some(rest) = s.strip_prefix(p) {
            return rest.to_owned();
        }
    }
    s
}

/// Leading modifiers that TIMEX3 records in `mod` and that leave the value as it is
/// (`early 2017`, `mid-January`, `the end of last year`).
fn strip_modifier(s: &str) -> &str {
    const MODS: [&str; 24] = [
        "the very beginning of ",
        "the very end of ",
        "the beginning of ",
        "the start of ",
        "the middle of ",
        "the end of ",
        "the close of ",
        "the turn of ",
        "the first days of ",
        "the last days of ",
        "beginning of ",
        "start of ",
        "middle of ",
        "end of ",
        "early in ",
        "late in ",
        "later in ",
        "earlier in ",
        "early ",
        "late ",
        "mid-",
        "mid ",
        "earlier ",
        "later ",
    ];
    for m in MODS {
        if let Some(rest) = s.strip_prefix(m) {
            // `later this week` keeps `this week`; `later` alone is not a date.
            if !rest.is_empty() {
                return rest;
            }
        }
    }
    s
}

fn cap<'t>(c: &Captures<'t>, i: usize) -> Option<&'t str> {
    c.get(i).map(|m| m.as_str())
}

fn num<T: std::str::FromStr>(c: &Captures, i: usize) -> Option<T> {
    cap(c, i).and_then(|s| s.parse().ok())
}

/// The TIMEX3 type and value of one time expression, and the date it names (the anchor
/// of later anaphoric expressions).
pub(crate) fn timex_of(expr: &str, ctx: &Ctx) -> (Timex, Option<Point>) {
    let full = clean(expr);
    let s = strip_modifier(&full);
    let s = s.trim_end_matches([',', ';']);
    if let Some(r) = fixed(s, ctx) {
        return r;
    }
    if let Some(r) = calendar(s, ctx) {
        return r;
    }
    if let Some(r) = relative(s, ctx) {
        return r;
    }
    if let Some(r) = lengths(s, ctx) {
        return r;
    }
    // Unknown words: a time expression without a value the rules can give.
    let t = if s.ends_with('s') && unit_of(s.rsplit(' ').next().unwrap_or("")).is_some() {
        TimexType::Duration
    } else {
        TimexType::Date
    };
    (typed(t, None), None)
}

/// Words with a fixed meaning: `today`, `recently`, `the near term`, `weekly`.
fn fixed(s: &str, ctx: &Ctx) -> Option<(Timex, Option<Point>)> {
    let dct = ctx.dct;
    let day = |n: i64| {
        let d = dct.and_then(|d| d.add_days(n));
        (date(d.map(date_value)), d.map(Point::Day))
    };
    let r = match s {
        "today" | "this day" | "the day" | "this date" | "today's" => {
            // `the day` in news ("to end the day") is the day spoken of.
            if s == "the day" {
                let d = ctx.anchor_day();
                return Some((date(d.map(date_value)), d.map(Point::Day)));
            }
            day(0)
        }
        "yesterday" => day(-1),
        "tomorrow" => day(1),
        "the day before yesterday" => day(-2),
        "the day after tomorrow" => day(2),
        "tonight" | "overnight" => {
            let d = dct.map(|d| format!("{d}TNI"));
            (typed(TimexType::Time, d), None)
        }
        "now" | "currently" | "current" | "present" | "the present" | "at present"
        | "the moment" | "this moment" | "the time being" | "nowadays" | "today's world" => {
            (date(Some("PRESENT_REF".into())), None)
        }
        "recently" | "recent" | "lately" | "the past" | "once" | "formerly" | "previously"
        | "earlier" | "the old days" | "in the past" | "recent times" | "some time ago" => {
            (date(Some("PAST_REF".into())), None)
        }
        "the future" | "soon" | "later" | "the near future" | "the near term"
        | "the short term" | "the long term" | "the medium term" | "the long run"
        | "the longer term" | "the coming" | "shortly" | "the years to come"
        | "the days to come" | "the weeks to come" | "the months to come" | "in the future"
        | "someday" | "eventually" => (date(Some("FUTURE_REF".into())), None),
        "daily" | "nightly" | "every day" | "each day" | "a day" | "per day"
            if s != "a day" || ctx.rate_before() =>
        {
            (typed(TimexType::Set, Some("P1D".into())), None)
        }
        "weekly" | "every week" | "each week" | "per week" => {
            (typed(TimexType::Set, Some("P1W".into())), None)
        }
        "biweekly" | "fortnightly" => (typed(TimexType::Set, Some("P2W".into())), None),
        "monthly" | "every month" | "each month" | "per month" => {
            (typed(TimexType::Set, Some("P1M".into())), None)
        }
        "quarterly" | "every quarter" | "each quarter" => {
            (typed(TimexType::Set, Some("P3M".into())), None)
        }
        "yearly" | "annually" | "annual" | "every year" | "each year" | "per year"
        | "per annum" | "a year" | "biannually"
            if !matches!(s, "a year") || ctx.rate_before() =>
        {
            let v = if s == "biannually" { "P6M" } else { "P1Y" };
            (typed(TimexType::Set, Some(v.into())), None)
        }
        "hourly" | "every hour" | "each hour" | "per hour" => {
            (typed(TimexType::Set, Some("PT1H".into())), None)
        }
        "noon" | "midday" | "midnight" => {
            let h = if s == "midnight" { "24:00" } else { "12:00" };
            let v = ctx
                .anchor_day()
                .map_or(format!("XXXX-XX-XXT{h}"), |d| format!("{d}T{h}"));
            (typed(TimexType::Time, Some(v)), None)
        }
        _ => return holiday(s, ctx),
    };
    Some(r)
}

/// Holidays with a fixed or computable date.
fn holiday(s: &str, ctx: &Ctx) -> Option<(Timex, Option<Point>)> {
    let s = s.strip_prefix("this ").unwrap_or(s);
    let s = s.strip_suffix(" day").unwrap_or(s);
    let md: fn(i32) -> Option<(u32, u32)> = match s {
        "christmas" => |_| Some((12, 25)),
        "christmas eve" => |_| Some((12, 24)),
        "boxing" => |_| Some((12, 26)),
        "new year's" | "new year" => |_| Some((1, 1)),
        "new year's eve" => |_| Some((12, 31)),
        "veterans" | "armistice" | "remembrance" => |_| Some((11, 11)),
        "valentine's" => |_| Some((2, 14)),
        "halloween" => |_| Some((10, 31)),
        "thanksgiving" => |y| {
            let nov1 = Date::new(y, 11, 1)?;
            let first_thu = 1 + (4 + 7 - nov1.weekday()) % 7;
            Some((11, first_thu + 21))
        },
        "easter" | "easter sunday" => easter,
        "ramadan" | "eid" | "eid al-fitr" | "eid al-adha" | "nowruz" | "independence"
        | "memorial" | "remembrance sunday" => return Some((date(None), None)),
        _ => return None,
    };
    let y = match ctx.dct {
        Some(d) => {
            let (m, dd) = md(d.year())?;
            resolve_month_day(d, m, dd, ctx.future()).map_or(d.year(), Date::year)
        }
        None => ctx.known_year()?,
    };
    let (m, d) = md(y)?;
    let d = Date::new(y, m, d)?;
    Some((date(Some(date_value(d))), Some(Point::Day(d))))
}

/// Easter Sunday (anonymous Gregorian algorithm).
fn easter(y: i32) -> Option<(u32, u32)> {
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Some((u32::try_from(month).ok()?, u32::try_from(day).ok()?))
}

/// A day of a month with or without its year, the year of which the document date or an
/// earlier mention decides.
fn day_of(m: u32, d: u32, y: Option<i32>, ctx: &Ctx) -> (Timex, Option<Point>) {
    if let Some(y) = y {
        let d = Date::new(y, m, d);
        return (date(d.map(date_value)), d.map(Point::Day));
    }
    if let Some(dct) = ctx.dct {
        let r = resolve_month_day(dct, m, d, ctx.future());
        return (date(r.map(date_value)), r.map(Point::Day));
    }
    if let Some(y) = ctx.known_year()
        && let Some(d) = Date::new(y, m, d)
    {
        return (date(Some(date_value(d))), Some(Point::Day(d)));
    }
    let ok = d >= 1 && d <= days_in_month(2000, m);
    (date(ok.then(|| format!("XXXX-{m:02}-{d:02}"))), None)
}

/// Calendar forms: full dates, months, years, decades, seasons, quarters, clock times.
fn calendar(s: &str, ctx: &Ctx) -> Option<(Timex, Option<Point>)> {
    let f = &*FORMS;
    if let Some(c) = f.iso.captures(s) {
        let d = Date::new(num(&c, 1)?, num(&c, 2)?, num(&c, 3)?)?;
        return Some(match (cap(&c, 4), cap(&c, 5)) {
            (Some(h), Some(mi)) => (
                typed(TimexType::Time, Some(format!("{d}T{h}:{mi}"))),
                Some(Point::Day(d)),
            ),
            _ => (date(Some(date_value(d))), Some(Point::Day(d))),
        });
    }
    for (rx, dm) in [(&f.dmy, true), (&f.mdy, false)] {
        let Some(c) = rx.captures(s) else { continue };
        // Groups: weekday, then day, day2, month (dmy) or month, day, day2 (mdy), year.
        let (d1, d2, mon) = if dm {
            (cap(&c, 2), cap(&c, 3), cap(&c, 4))
        } else {
            (cap(&c, 3), cap(&c, 4), cap(&c, 2))
        };
        let m = month_num(mon?)?;
        let d1: u32 = d1?.parse().ok()?;
        let y: Option<i32> = num(&c, 5);
        if let Some(d2) = d2.and_then(|d| d.parse::<u32>().ok()) {
            // A range of days: its length.
            let v = (d2 > d1).then(|| format!("P{}D", d2 - d1 + 1));
            return Some((typed(TimexType::Duration, v), None));
        }
        return Some(day_of(m, d1, y, ctx));
    }
    if let Some(c) = f.numeric.captures(s) {
        let a: u32 = num(&c, 1)?;
        let b: u32 = num(&c, 2)?;
        let ys = cap(&c, 3)?;
        let mut y: i32 = ys.parse().ok()?;
        if ys.len() == 2 {
            y += if y < 50 { 2000 } else { 1900 };
        }
        // Only when one reading is impossible: 08/12/2024 is two days.
        let (d, m) = match (a > 12, b > 12) {
            (true, false) => (a, b),
            (false, true) => (b, a),
            (false, false) if a == b => (a, b),
            _ => return Some((date(None), None)),
        };
        let d = Date::new(y, m, d);
        return Some((date(d.map(date_value)), d.map(Point::Day)));
    }
    if let Some(c) = f.month_year.captures(s) {
        let m = month_num(cap(&c, 1)?)?;
        let y: i32 = num(&c, 2)?;
        return Some((date(Some(month_value(y, m))), Some(Point::Month(y, m))));
    }
    if let Some(c) = f.month.captures(s) {
        let m = month_num(cap(&c, 2)?)?;
        let which = cap(&c, 1);
        let y = match (which, ctx.dct) {
            (Some("that" | "the same"), _) => ctx.anchor_year(),
            (Some("last"), Some(d)) => Some(if m < d.month() {
                d.year()
            } else {
                d.year() - 1
            }),
            (Some("next"), Some(d)) => Some(if m > d.month() {
                d.year()
            } else {
                d.year() + 1
            }),
            (Some("this"), Some(d)) => Some(d.year()),
            (None, Some(d)) => Some(resolve_month(d, m, ctx.future())),
            (None, None) => ctx.known_year(),
            _ => None,
        };
        return Some(match y {
            Some(y) => (date(Some(month_value(y, m))), Some(Point::Month(y, m))),
            None => (date(None), None),
        });
    }
    if let Some(c) = f.year.captures(s) {
        let y: i32 = num(&c, 1)?;
        return Some((date(Some(format!("{y:04}"))), Some(Point::Year(y))));
    }
    if let Some(c) = f.short_year.captures(s) {
        let yy: i32 = num(&c, 1)?;
        // `'82` in a 2008 text is 1982; `'05` is 2005.
        let now = ctx.dct.map_or(2030, |d| d.year() + 10) % 100;
        let y = if yy <= now { 2000 + yy } else { 1900 + yy };
        return Some((date(Some(format!("{y:04}"))), Some(Point::Year(y))));
    }
    if let Some(c) = f.decade.captures(s) {
        let century = cap(&c, 1).unwrap_or("19");
        let d = cap(&c, 2)?;
        return Some((date(Some(format!("{century}{d}X"))), None));
    }
    if let Some(c) = f.year_range.captures(s) {
        let y1: i32 = num(&c, 1)?;
        let y2s = cap(&c, 2)?;
        let mut y2: i32 = y2s.parse().ok()?;
        if y2s.len() == 2 {
            y2 += y1 / 100 * 100;
        }
        let v = (y2 > y1).then(|| format!("P{}Y", y2 - y1));
        return Some((typed(TimexType::Duration, v), None));
    }
    if let Some(c) = f.month_range.captures(s) {
        let m1 = month_num(cap(&c, 1)?)?;
        let m2 = month_num(cap(&c, 3)?)?;
        let v = (m2 > m1).then(|| format!("P{}M", m2 - m1));
        return Some((typed(TimexType::Duration, v), None));
    }
    if let Some(c) = f.season.captures(s) {
        let code = season_code(cap(&c, 2)?);
        let y = match (cap(&c, 3), cap(&c, 1), ctx.dct) {
            (Some(y), _, _) => y.parse().ok(),
            (None, Some("last"), Some(d)) => Some(d.year() - 1),
            (None, Some("next"), Some(d)) => Some(d.year() + 1),
            (None, Some("that" | "the same"), _) => ctx.anchor_year(),
            (None, _, Some(d)) => Some(d.year()),
            (None, _, None) => ctx.known_year(),
        };
        return Some((date(y.map(|y: i32| format!("{y:04}-{code}"))), None));
    }
    for (rx, n_of) in [(&f.quarter, 4u32), (&f.half, 2u32)] {
        let Some(c) = rx.captures(s) else { continue };
        let w = cap(&c, 1)?;
        let n = match w {
            "first" | "1st" | "q1" | "h1" => 1,
            "second" | "2nd" | "q2" | "h2" => 2,
            "third" | "3rd" | "q3" => 3,
            _ => n_of,
        };
        // `the fourth` alone is no quarter: the word must be there.
        if n_of == 4 && !s.contains("quarter") && !w.starts_with('q') {
            return None;
        }
        // `last quarter` is the one before the document's (a relative unit);
        // `the last quarter (of 2023)` is the fourth.
        if w == "last" && !s.starts_with("the ") {
            continue;
        }
        let letter = if n_of == 4 { 'Q' } else { 'H' };
        let cur = |d: Date| (d.month() - 1) / (12 / n_of) + 1;
        let y = match (cap(&c, 2), cap(&c, 3), ctx.dct) {
            (Some(y), _, _) => y.parse().ok(),
            (None, Some("last"), Some(d)) => Some(d.year() - 1),
            (None, Some("next"), Some(d)) => Some(d.year() + 1),
            (None, Some("this"), Some(d)) => Some(d.year()),
            (None, Some("the"), _) => ctx.anchor_year(),
            // `the fourth quarter` written in March is last year's.
            (None, None, Some(d)) if !ctx.future() && n > cur(d) => Some(d.year() - 1),
            (None, None, Some(d)) => Some(d.year()),
            (None, _, None) => ctx.known_year(),
            _ => None,
        };
        return Some((date(y.map(|y: i32| format!("{y:04}-{letter}{n}"))), None));
    }
    if let Some(c) = f.era.captures(s) {
        let y: i32 = num(&c, 1)?;
        let bc = cap(&c, 2)?.starts_with('b');
        if y == 0 {
            return Some((date(None), None));
        }
        let v = if bc {
            format!("BC{y:04}")
        } else {
            format!("{y:04}")
        };
        return Some((date(Some(v)), None));
    }
    clock(s, ctx)
}

/// Clock times: `14:00 GMT`, `3 p.m.`, `0600 hours`, on the day last mentioned.
fn clock(s: &str, ctx: &Ctx) -> Option<(Timex, Option<Point>)> {
    let f = &*FORMS;
    let (mut h, mi, ap, tz): (u32, u32, Option<&str>, Option<&str>) =
        if let Some(c) = f.military.captures(s) {
            (num(&c, 1)?, num(&c, 2)?, None, cap(&c, 3))
        } else {
            let c = f.clock.captures(s)?;
            let mi = cap(&c, 2);
            let ap = cap(&c, 3);
            // A bare number is no time.
            if mi.is_none() && ap.is_none() {
                return None;
            }
            (
                num(&c, 1)?,
                mi.map_or(Some(0), |m| m.parse().ok())?,
                ap,
                cap(&c, 4),
            )
        };
    if let Some(ap) = ap {
        if h == 0 || h > 12 {
            return None;
        }
        let pm = ap.starts_with('p');
        h = match (pm, h) {
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, 12) => 0,
            (false, h) => h,
        };
    }
    if h > 24 || mi > 59 {
        return None;
    }
    let z = if tz.is_some() { "Z" } else { "" };
    let day = ctx.anchor_day();
    let v = match day {
        Some(d) => format!("{d}T{h:02}:{mi:02}{z}"),
        None => format!("XXXX-XX-XXT{h:02}:{mi:02}{z}"),
    };
    Some((typed(TimexType::Time, Some(v)), day.map(Point::Day)))
}

/// Expressions relative to the document date or to the last date mentioned.
fn relative(s: &str, ctx: &Ctx) -> Option<(Timex, Option<Point>)> {
    let f = &*FORMS;
    let dct = ctx.dct;
    if let Some(c) = f.part_of_day.captures(s) {
        let part = match cap(&c, 3)? {
            "morning" => "MO",
            "afternoon" => "AF",
            "evening" => "EV",
            _ => "NI",
        };
        let day = match cap(&c, 1) {
            Some("today" | "tonight" | "this") => dct,
            Some("yesterday") => dct.and_then(|d| d.add_days(-1)),
            Some("tomorrow") => dct.and_then(|d| d.add_days(1)),
            Some("last") if part == "NI" => dct.and_then(|d| d.add_days(-1)),
            Some("that" | "the") | None => ctx.anchor_day(),
            Some(w) => match (weekday_num(w), dct) {
                (Some(wd), Some(d)) => resolve_weekday(d, wd, "", ctx.future()),
                _ => None,
            },
        };
        return Some((
            typed(TimexType::Time, day.map(|d| format!("{d}T{part}"))),
            None,
        ));
    }
    if let Some(c) = f.weekday.captures(s) {
        let wd = weekday_num(cap(&c, 2)?)?;
        let mode = cap(&c, 1).unwrap_or("");
        let d = match mode {
            "that" | "the following" | "the next" | "the previous" => {
                // Anaphoric: the weekday after (or before) the day last spoken of.
                ctx.anchor_day().and_then(|a| {
                    let m = if mode == "the previous" {
                        "last"
                    } else {
                        "next"
                    };
                    if mode == "that" {
                        resolve_weekday(a, wd, "", false)
                    } else {
                        resolve_weekday(a, wd, m, false)
                    }
                })
            }
            _ => dct.and_then(|d| resolve_weekday(d, wd, mode, ctx.future())),
        };
        if let Some(p) = cap(&c, 3) {
            let part = match p {
                "morning" => "MO",
                "afternoon" => "AF",
                "evening" => "EV",
                _ => "NI",
            };
            return Some((
                typed(TimexType::Time, d.map(|d| format!("{d}T{part}"))),
                d.map(Point::Day),
            ));
        }
        return Some((date(d.map(date_value)), d.map(Point::Day)));
    }
    if let Some(c) = f.rel_month.captures(s) {
        let m = month_num(cap(&c, 1)?)?;
        let y = dct.map(Date::year)?;
        return Some((date(Some(month_value(y, m))), Some(Point::Month(y, m))));
    }
    // `the weekend` written on a Monday is the one just past, which TIMEX3 files under
    // the document's week (as `this weekend`).
    if let Some(unit) = s
        .strip_prefix("the ")
        .filter(|u| matches!(*u, "weekend" | "year"))
    {
        return Some(calendar_unit(unit, 0, unit == "year", ctx));
    }
    if let Some(c) = f.rel_unit.captures(s) {
        // Only a `the` of its own: `the end of last year` is last year, not a length.
        let the = s.starts_with("the ");
        let which = cap(&c, 1)?;
        let unit = cap(&c, 2)?;
        // `the past week`, `the next year`: a length of time, not a calendar unit.
        if the && matches!(which, "past" | "last" | "next" | "coming") && unit != "weekend" {
            return Some((
                typed(TimexType::Duration, duration_value(Some(1.0), unit)),
                None,
            ));
        }
        // Anaphoric: counted from the date last mentioned.
        let (step, anaphoric) = match which {
            "last" | "past" => (-1, false),
            "next" | "coming" => (1, false),
            "previous" => (-1, true),
            "following" => (1, true),
            "same" | "that" => (0, true),
            _ => (0, false),
        };
        return Some(calendar_unit(unit, step, anaphoric, ctx));
    }
    if let Some(c) = f.ago.captures(s) {
        let n = count(cap(&c, 1)?);
        let unit = cap(&c, 2)?;
        let dir = cap(&c, 3)?;
        let (sign, anaphoric) = match dir {
            "ago" | "back" => (-1.0, false),
            "from now" | "hence" => (1.0, false),
            "earlier" | "before" => (-1.0, true),
            _ => (1.0, true),
        };
        let Some(n) = n.filter(|n| n.fract() == 0.0) else {
            let v = if sign < 0.0 { "PAST_REF" } else { "FUTURE_REF" };
            return Some((date(Some(v.into())), None));
        };
        return Some(shift(unit, (n * sign) as i64, anaphoric, ctx));
    }
    None
}

/// `this week` (step 0), `last month` (-1), `next year` (1); anaphoric ones count from the
/// date last mentioned, the others from the document date.
fn calendar_unit(unit: &str, step: i64, anaphoric: bool, ctx: &Ctx) -> (Timex, Option<Point>) {
    let (day, month, year) = ctx.anchors(anaphoric);
    match unit {
        "day" => {
            let d = day.and_then(|d| d.add_days(step));
            (date(d.map(date_value)), d.map(Point::Day))
        }
        "week" => (date(day.and_then(|d| d.week_value(step))), None),
        "weekend" => (
            date(
                day.and_then(|d| d.week_value(step))
                    .map(|w| format!("{w}-WE")),
            ),
            None,
        ),
        "month" => {
            let m = month.and_then(|(y, m)| add_months(y, m, step));
            (
                date(m.map(|(y, m)| month_value(y, m))),
                m.map(|(y, m)| Point::Month(y, m)),
            )
        }
        "quarter" => {
            let q = month.and_then(|(y, m)| add_months(y, m, 3 * step));
            (
                date(q.map(|(y, m)| format!("{y:04}-Q{}", (m - 1) / 3 + 1))),
                None,
            )
        }
        "year" => {
            let y = year.map(|y| y + step as i32);
            (date(y.map(|y| format!("{y:04}"))), y.map(Point::Year))
        }
        "decade" => (
            date(year.map(|y| format!("{}X", (y + 10 * step as i32) / 10))),
            None,
        ),
        _ => (
            date(year.map(|y| format!("{}XX", (y + 100 * step as i32) / 100))),
            None,
        ),
    }
}

/// `three days ago` (n = -3, from the document date), `a month earlier` (n = -1, from the
/// date last mentioned), at the unit's granularity.
fn shift(unit: &str, n: i64, anaphoric: bool, ctx: &Ctx) -> (Timex, Option<Point>) {
    let (day, month, year) = ctx.anchors(anaphoric);
    let Some((letter, time, mult)) = unit_of(unit) else {
        return (date(None), None);
    };
    // Calendar dates end in year 9999: a longer shift has no value (and no overflow).
    if n.unsigned_abs() > 1_000_000 {
        return (date(None), None);
    }
    let n = n * mult as i64;
    match (letter, time) {
        ("D", false) => {
            let d = day.and_then(|d| d.add_days(n));
            (date(d.map(date_value)), d.map(Point::Day))
        }
        ("W", false) => {
            let d = day.and_then(|d| d.add_days(7 * n));
            (date(d.map(date_value)), d.map(Point::Day))
        }
        ("M", false) => {
            let m = month.and_then(|(y, m)| add_months(y, m, n));
            (
                date(m.map(|(y, m)| month_value(y, m))),
                m.map(|(y, m)| Point::Month(y, m)),
            )
        }
        ("Q", false) => {
            let q = month.and_then(|(y, m)| add_months(y, m, 3 * n));
            (
                date(q.map(|(y, m)| format!("{y:04}-Q{}", (m - 1) / 3 + 1))),
                None,
            )
        }
        ("Y", false) => {
            let y = year
                .and_then(|y| y.checked_add(i32::try_from(n).ok()?))
                .filter(|y| (1..=9999).contains(y));
            (date(y.map(|y| format!("{y:04}"))), y.map(Point::Year))
        }
        // Hours and minutes ago: the day is known, the clock is not.
        _ => (typed(TimexType::Time, None), None),
    }
}

/// Durations and sets: `three years`, `the past 24 hours`, `18-month`, `each month`.
fn lengths(s: &str, ctx: &Ctx) -> Option<(Timex, Option<Point>)> {
    let f = &*FORMS;
    if let Some(c) = f.span_units.captures(s) {
        let which = cap(&c, 2)?;
        let n = cap(&c, 3);
        let unit = cap(&c, 4)?;
        if which == "recent" {
            return Some((date(Some("PAST_REF".into())), None));
        }
        if which == "coming" && n.is_none() && unit.ends_with('s') {
            return Some((date(Some("FUTURE_REF".into())), None));
        }
        let n = match n {
            Some(n) => count(n),
            None if unit.ends_with('s') => None,
            None => Some(1.0),
        };
        return Some((typed(TimexType::Duration, duration_value(n, unit)), None));
    }
    let lead = s.split(' ').next().unwrap_or("");
    // `a few days`, `a dozen years`: a length with a count, not `a day` (a rate or one day).
    let counted = |c: &Captures| matches!(lead, "a" | "an") && cap(c, 1).is_some();
    if let Some(c) = f.set_every.captures(s).filter(|c| !counted(c)) {
        // `a year` after a count is a rate (`15 a year`); otherwise a length.
        if matches!(lead, "a" | "an") && !ctx.rate_before() {
            if let Some(unit) = cap(&c, 2) {
                return Some((
                    typed(TimexType::Duration, duration_value(Some(1.0), unit)),
                    None,
                ));
            }
            return None;
        }
        if let Some(wd) = cap(&c, 3).and_then(weekday_num) {
            return Some((typed(TimexType::Set, Some(format!("XXXX-WXX-{wd}"))), None));
        }
        if cap(&c, 4).is_some() {
            return Some((typed(TimexType::Set, None), None));
        }
        let n = if s.contains(" other ") {
            Some(2.0)
        } else {
            cap(&c, 1).map_or(Some(1.0), count)
        };
        return Some((typed(TimexType::Set, duration_value(n, cap(&c, 2)?)), None));
    }
    if let Some(c) = f.half_duration.captures(s) {
        let (n, unit) = match (cap(&c, 1), cap(&c, 2), cap(&c, 3), cap(&c, 4)) {
            (Some(n), Some(u), _, _) | (Some(n), None, Some(u), _) => {
                (count(n).map(|v| v + 0.5), u)
            }
            (_, _, _, Some(u)) => (Some(0.5), u),
            _ => return None,
        };
        return Some((typed(TimexType::Duration, duration_value(n, unit)), None));
    }
    if let Some(c) = f.duration.captures(s) {
        let n = count(cap(&c, 1)?);
        let unit = cap(&c, 2)?;
        return Some((typed(TimexType::Duration, duration_value(n, unit)), None));
    }
    // A unit alone: `for years`, `in minutes`, `decades`.
    let bare = s.strip_prefix("the ").unwrap_or(s);
    let bare = bare.strip_prefix("over the ").unwrap_or(bare);
    if bare.ends_with('s') && !bare.contains(' ') && unit_of(bare).is_some() {
        return Some((typed(TimexType::Duration, duration_value(None, bare)), None));
    }
    None
}
