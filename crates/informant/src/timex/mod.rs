//! Time expressions normalised as TimeML TIMEX3: a type (DATE, TIME, DURATION, SET) and an
//! ISO 8601 value, relative expressions anchored to the document's date.
//!
//! The document date comes from the caller ([`Document::set_date`], the CLI's `--date` and JSONL
//! `date`, Python's `date=`), else from the page's metadata (`article:published_time`), else from
//! a dateline in the first lines of the text (`November 24, 2004` under the title,
//! `MOSCOW, Dec 8, 2024 (Reuters) -`). See `docs/timex.md` for the conventions.
//!
//! Anchoring follows TempEval/HeidelTime practice for news: deictic expressions (`yesterday`,
//! `last week`, `on Friday`, `next year`, `three years ago`) count from the document date;
//! anaphoric ones (`a month earlier`, `the following day`, `the same day`, a clock time) from the
//! last date the text mentioned, else the document date. Without a document date a relative
//! expression gets no value (never a guess from today's clock); absolute ones keep theirs, and a
//! day without a year is written `XXXX-12-08` unless an earlier mention gave the year.

mod date;
mod rules;

pub use date::Date;

use std::fmt;

use crate::document::{Document, EntityType};

/// The TimeML type of a time expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum TimexType {
    /// A calendar date or period: `8 December 2024`, `last week`, `2011`, `the 1990s`.
    Date,
    /// A time of day: `14:00 GMT`, `this morning`, `tonight`.
    Time,
    /// A length of time: `three years`, `the past 24 hours`, `18-month`.
    Duration,
    /// A recurrence: `weekly`, `each month`, `15 a year`.
    Set,
}

impl TimexType {
    /// The TIMEX3 name: `DATE`, `TIME`, `DURATION` or `SET`.
    pub const fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }

    /// Parses a TIMEX3 name, case-insensitively.
    pub fn from_name(name: &str) -> Option<Self> {
        [
            TimexType::Date,
            TimexType::Time,
            TimexType::Duration,
            TimexType::Set,
        ]
        .into_iter()
        .find(|t| t.as_str().eq_ignore_ascii_case(name))
    }
}

impl fmt::Display for TimexType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A normalised time expression (TimeML TIMEX3 `type` and `value`).
///
/// `value` is ISO 8601 as TIMEX3 writes it: `2024-12-08`, `2024-12-08T14:00`, `2024-W49`,
/// `2024-W49-WE`, `2024-12`, `2024-Q4`, `2024-SU`, `2024`, `199X`, `XXXX-12-08`, `P3Y`, `PT2H`,
/// `PXY`, `PAST_REF`, `PRESENT_REF`, `FUTURE_REF`; `None` when it cannot be known (a relative
/// expression in a document without a date, a holiday of a lunar calendar, ...).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Timex {
    /// DATE, TIME, DURATION or SET.
    pub timex_type: TimexType,
    /// The ISO 8601 value, if known.
    pub value: Option<String>,
}

impl Timex {
    /// A time expression of `timex_type` with `value`.
    pub fn new(timex_type: TimexType, value: Option<String>) -> Self {
        Timex { timex_type, value }
    }
}

/// Where a document's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DateSource {
    /// Given by the caller.
    Input,
    /// Read from the page's metadata (`article:published_time`, JSON-LD `datePublished`, ...).
    Metadata,
    /// Read from a dateline in the first lines of the text.
    Dateline,
}

impl DateSource {
    /// The lower-case name used in JSON: `input`, `metadata` or `dateline`.
    pub const fn as_str(self) -> &'static str {
        match self {
            DateSource::Input => "input",
            DateSource::Metadata => "metadata",
            DateSource::Dateline => "dateline",
        }
    }

    /// Parses the lower-case name.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "input" => Some(DateSource::Input),
            "metadata" => Some(DateSource::Metadata),
            "dateline" => Some(DateSource::Dateline),
            _ => None,
        }
    }
}

impl fmt::Display for DateSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How far into the text (in bytes, after the title) a dateline may start.
const DATELINE_WINDOW: usize = 400;

/// The date the document says it was written: its metadata's publication date, else a
/// dateline near the top of the text (a line that is a full date, or `CITY, <date> (Agency) -`).
pub(crate) fn infer_date(doc: &Document) -> Option<(Date, DateSource)> {
    if let Some(d) = doc
        .metadata()
        .published
        .as_deref()
        // The page's own format after the day (`2024-12-08 10:30 EST`) does not matter.
        .and_then(|p| p.trim().get(..10))
        .and_then(|p| Date::parse(p).ok())
    {
        return Some((d, DateSource::Metadata));
    }
    let text = doc.text();
    let from = doc.title().map_or(0, |t| t.end);
    for m in doc.mentions() {
        if m.entity_type != EntityType::Temporal || m.span.start < from {
            continue;
        }
        if m.span.start > from + DATELINE_WINDOW {
            break;
        }
        let Some(d) = rules::absolute_day(doc.span_text(m.span)) else {
            continue;
        };
        let line_start = text
            .get(..m.span.start)
            .and_then(|t| t.rfind('\n'))
            .map_or(0, |i| i + 1);
        let line_end = text
            .get(m.span.end..)
            .and_then(|t| t.find('\n'))
            .map_or(text.len(), |i| m.span.end + i);
        let before = text.get(line_start..m.span.start).unwrap_or("").trim();
        let after = text.get(m.span.end..line_end).unwrap_or("").trim_start();
        if dateline_before(before) && dateline_after(after) {
            return Some((d, DateSource::Dateline));
        }
    }
    None
}

/// What may precede the date on a dateline: nothing, a label, a place and a comma.
fn dateline_before(before: &str) -> bool {
    let lower = before.to_ascii_lowercase();
    before.is_empty()
        || before.ends_with(',') && before.len() < 60
        || [
            "published",
            "updated",
            "posted",
            "dated",
            "date",
            "last updated",
        ]
        .iter()
        .any(|l| lower.trim_end_matches([':', ' ', '-']) == *l)
}

/// What may follow the date on a dateline: nothing, a time, an agency in brackets, a dash.
fn dateline_after(after: &str) -> bool {
    after.is_empty()
        || after.starts_with(['(', '-', '–', '—', '|', '/'])
        || after.len() < 30
            && after
                .chars()
                .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase() || " :.,apm".contains(c))
}

/// Gives every Temporal mention its TIMEX3 type and value, in text order, anchoring
/// relative expressions to the document's date and to the last date mentioned.
pub(crate) fn normalise(doc: &mut Document) {
    let dct = doc.date();
    let mut last: Option<rules::Point> = None;
    let mut last_day: Option<Date> = None;
    let text = doc.text();
    let mut found = Vec::new();
    for (i, m) in doc.mentions().iter().enumerate() {
        if m.entity_type != EntityType::Temporal {
            continue;
        }
        let Some(expr) = m.span.slice(text) else {
            continue;
        };
        let sentence_start = doc
            .sentence_at(m.span.start)
            .and_then(|s| doc.sentences().get(s))
            .map_or(0, |s| s.span.start);
        let ctx = rules::Ctx {
            dct,
            last,
            last_day,
            before: text.get(sentence_start..m.span.start).unwrap_or(""),
        };
        let (timex, point) = rules::timex_of(expr, &ctx);
        if let Some(p) = point {
            last = Some(p);
            if let rules::Point::Day(d) = p {
                last_day = Some(d);
            }
        }
        found.push((i, timex));
    }
    for (i, timex) in found {
        if let Some(m) = doc.mentions.get_mut(i) {
            m.timex = Some(timex);
        }
    }
}

#[cfg(test)]
mod tests;
