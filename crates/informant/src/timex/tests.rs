//! Table-driven tests of normalisation: one time expression and its surroundings in, its
//! TIMEX3 type and value out.

// Tests may unwrap: a panic is a failed test.
#![allow(clippy::unwrap_used)]

use super::rules::{Ctx, Point, timex_of};
use super::{Date, DateSource, TimexType};
use crate::{Document, EntityType, Pipeline};

use TimexType::{Date as D, Duration as P, Set as S, Time as T};

fn day(s: &str) -> Date {
    Date::parse(s).unwrap()
}

/// The document date of the tables: Wednesday 11 December 2024, in ISO week 2024-W50.
const DCT: &str = "2024-12-11";

/// (expression, words before it in the sentence, type, value or "" for none), with the
/// document date [`DCT`] and no earlier mention.
const WITH_DATE: &[(&str, &str, TimexType, &str)] = &[
    // Absolute dates: the document date changes nothing.
    ("8 December 2024", "", D, "2024-12-08"),
    ("December 8, 2024", "", D, "2024-12-08"),
    ("Sunday, December 8, 2024", "", D, "2024-12-08"),
    ("the 8th of December 2024", "", D, "2024-12-08"),
    ("2024-12-08", "", D, "2024-12-08"),
    ("2024-12-08T14:30", "", T, "2024-12-08T14:30"),
    ("18/12/2024", "", D, "2024-12-18"),
    // 08/12/2024 is 8 December or 12 August: no guess.
    ("08/12/2024", "", D, ""),
    ("March 2011", "", D, "2011-03"),
    ("2011", "", D, "2011"),
    ("fiscal 2023", "", D, "2023"),
    ("mid-2016", "", D, "2016"),
    ("early 2017", "", D, "2017"),
    ("the end of 2019", "", D, "2019"),
    ("575 B.C.", "", D, "BC0575"),
    // Decades and centuries.
    ("the 1990s", "", D, "199X"),
    ("the '90s", "", D, "199X"),
    ("the 2010s", "", D, "201X"),
    ("this decade", "", D, "202X"),
    ("this century", "", D, "20XX"),
    // A day or month without a year: the one nearest the document date...
    ("Dec. 8", "", D, "2024-12-08"),
    ("December 3rd", "", D, "2024-12-03"),
    ("8 January", "", D, "2025-01-08"),
    ("November", "", D, "2024-11"),
    ("March", "", D, "2024-03"),
    // ...or the next one when the sentence speaks of the future.
    ("March", "Elections will be held in", D, "2025-03"),
    ("December 3", "The court will rule by", D, "2025-12-03"),
    ("last March", "", D, "2024-03"),
    ("next March", "", D, "2025-03"),
    // Days of the week: the last one before the document date, or the next in the future.
    ("Monday", "Talks began on", D, "2024-12-09"),
    ("on Friday", "Talks began", D, "2024-12-06"),
    ("Friday", "Talks will resume on", D, "2024-12-13"),
    ("last Tuesday", "", D, "2024-12-10"),
    ("last Wednesday", "", D, "2024-12-04"),
    ("next Tuesday", "", D, "2024-12-17"),
    ("this Friday", "", D, "2024-12-13"),
    ("Friday morning", "Troops crossed on", T, "2024-12-06TMO"),
    // Deictic days and parts of days.
    ("today", "", D, "2024-12-11"),
    ("yesterday", "", D, "2024-12-10"),
    ("tomorrow", "", D, "2024-12-12"),
    ("the day before yesterday", "", D, "2024-12-09"),
    ("tonight", "", T, "2024-12-11TNI"),
    ("this morning", "", T, "2024-12-11TMO"),
    ("yesterday afternoon", "", T, "2024-12-10TAF"),
    ("last night", "", T, "2024-12-10TNI"),
    // Weeks, months, quarters, years relative to the document date.
    ("this week", "", D, "2024-W50"),
    ("last week", "", D, "2024-W49"),
    ("next week", "", D, "2024-W51"),
    ("later this week", "", D, "2024-W50"),
    ("the weekend", "", D, "2024-W50-WE"),
    ("last weekend", "", D, "2024-W49-WE"),
    ("this month", "", D, "2024-12"),
    ("last month", "", D, "2024-11"),
    ("next month", "", D, "2025-01"),
    ("earlier this month", "", D, "2024-12"),
    ("this year", "", D, "2024"),
    ("last year", "", D, "2023"),
    ("next year", "", D, "2025"),
    ("early next year", "", D, "2025"),
    ("the end of last year", "", D, "2023"),
    ("this quarter", "", D, "2024-Q4"),
    ("last quarter", "", D, "2024-Q3"),
    ("next quarter", "", D, "2025-Q1"),
    ("the fourth quarter", "", D, "2024-Q4"),
    ("the first quarter", "", D, "2024-Q1"),
    ("the third quarter of 2023", "", D, "2023-Q3"),
    ("Q3 2023", "", D, "2023-Q3"),
    ("the second half of 2023", "", D, "2023-H2"),
    ("the first half of next year", "", D, "2025-H1"),
    // Seasons.
    ("the summer of 2017", "", D, "2017-SU"),
    ("last summer", "", D, "2023-SU"),
    ("this winter", "", D, "2024-WI"),
    // Counted back or forth from the document date.
    ("three years ago", "", D, "2021"),
    ("two months ago", "", D, "2024-10"),
    ("five days ago", "", D, "2024-12-06"),
    ("a week ago", "", D, "2024-12-04"),
    ("a decade ago", "", D, "2014"),
    ("two days from now", "", D, "2024-12-13"),
    ("several years ago", "", D, "PAST_REF"),
    // Anaphoric expressions without an earlier date count from the document date.
    ("a month earlier", "", D, "2024-11"),
    ("two days later", "", D, "2024-12-13"),
    ("the following day", "", D, "2024-12-12"),
    ("the previous year", "", D, "2023"),
    // Clock times fall on the document date.
    ("14:00 GMT", "", T, "2024-12-11T14:00Z"),
    ("10:30", "The meeting started at", T, "2024-12-11T10:30"),
    ("3 p.m.", "", T, "2024-12-11T15:00"),
    ("11:45 am", "", T, "2024-12-11T11:45"),
    ("12 a.m.", "", T, "2024-12-11T00:00"),
    ("0600 hours", "", T, "2024-12-11T06:00"),
    ("noon", "", T, "2024-12-11T12:00"),
    ("midnight", "", T, "2024-12-11T24:00"),
    // Durations.
    ("three years", "", P, "P3Y"),
    ("18 months", "", P, "P18M"),
    ("two weeks", "", P, "P2W"),
    ("a fortnight", "", P, "P2W"),
    ("24 hours", "", P, "PT24H"),
    ("45 minutes", "", P, "PT45M"),
    ("90 seconds", "", P, "PT90S"),
    ("two decades", "", P, "P20Y"),
    ("two and a half years", "", P, "P2.5Y"),
    ("half an hour", "", P, "PT0.5H"),
    ("20-plus months", "", P, "P20M"),
    ("18-month", "", P, "P18M"),
    ("two consecutive quarters", "", P, "P2Q"),
    ("the past 24 hours", "", P, "PT24H"),
    ("the last three years", "", P, "P3Y"),
    ("the next two weeks", "", P, "P2W"),
    ("the past week", "", P, "P1W"),
    ("the past year", "", P, "P1Y"),
    ("several years", "", P, "PXY"),
    ("a few days", "", P, "PXD"),
    ("years", "", P, "PXY"),
    ("decades", "", P, "PXDE"),
    ("centuries", "", P, "PXCE"),
    ("from 2011 to 2014", "", P, "P3Y"),
    ("5-6 April 2016", "", P, "P2D"),
    // Sets.
    ("weekly", "", S, "P1W"),
    ("daily", "", S, "P1D"),
    ("monthly", "", S, "P1M"),
    ("quarterly", "", S, "P3M"),
    ("annually", "", S, "P1Y"),
    ("hourly", "", S, "PT1H"),
    ("every week", "", S, "P1W"),
    ("each month", "", S, "P1M"),
    ("every other week", "", S, "P2W"),
    ("every three years", "", S, "P3Y"),
    ("every Monday", "", S, "XXXX-WXX-1"),
    ("a year", "It fields 15", S, "P1Y"),
    ("a week", "They meet twice", S, "P1W"),
    ("a year", "It took", P, "P1Y"),
    // Past, present and future references.
    ("recently", "", D, "PAST_REF"),
    ("the past", "", D, "PAST_REF"),
    ("recent days", "", D, "PAST_REF"),
    ("now", "", D, "PRESENT_REF"),
    ("currently", "", D, "PRESENT_REF"),
    ("the time being", "", D, "PRESENT_REF"),
    ("the future", "", D, "FUTURE_REF"),
    ("the near term", "", D, "FUTURE_REF"),
    ("the coming days", "", D, "FUTURE_REF"),
    ("soon", "", D, "FUTURE_REF"),
    // Holidays.
    ("Christmas", "", D, "2024-12-25"),
    ("Christmas Day", "", D, "2024-12-25"),
    ("New Year's Eve", "", D, "2024-12-31"),
    ("Thanksgiving", "", D, "2024-11-28"),
    // A lunar holiday has no fixed day.
    ("Ramadan", "", D, ""),
];

fn ctx<'a>(dct: Option<Date>, last: Option<Point>, before: &'a str) -> Ctx<'a> {
    let last_day = match last {
        Some(Point::Day(d)) => Some(d),
        _ => None,
    };
    Ctx {
        dct,
        last,
        last_day,
        before,
    }
}

fn check(
    table: &[(&str, &str, TimexType, &str)],
    dct: Option<Date>,
    last: Option<Point>,
) -> Vec<String> {
    let mut failed = Vec::new();
    for &(expr, before, ty, value) in table {
        let (t, _) = timex_of(expr, &ctx(dct, last, before));
        let want = (!value.is_empty()).then_some(value);
        if t.timex_type != ty || t.value.as_deref() != want {
            failed.push(format!(
                "{expr:?} (after {before:?}): want {ty} {want:?}, got {} {:?}",
                t.timex_type, t.value
            ));
        }
    }
    failed
}

#[test]
fn values_against_the_document_date() {
    let failed = check(WITH_DATE, Some(day(DCT)), None);
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// Anaphoric expressions count from the last date the text mentioned (here 15 October 2024);
/// deictic ones still from the document date.
const AFTER_A_DATE: &[(&str, &str, TimexType, &str)] = &[
    ("a month earlier", "", D, "2024-09"),
    ("a year later", "", D, "2025"),
    ("three days later", "", D, "2024-10-18"),
    ("two weeks earlier", "", D, "2024-10-01"),
    ("the following day", "", D, "2024-10-16"),
    ("the previous day", "", D, "2024-10-14"),
    ("the same day", "", D, "2024-10-15"),
    ("the day", "To end", D, "2024-10-15"),
    ("that week", "", D, "2024-W42"),
    ("the following week", "", D, "2024-W43"),
    ("the following month", "", D, "2024-11"),
    ("that year", "", D, "2024"),
    ("the following Monday", "", D, "2024-10-21"),
    ("that morning", "", T, "2024-10-15TMO"),
    ("14:00", "The vote came at", T, "2024-10-15T14:00"),
    ("noon", "", T, "2024-10-15T12:00"),
    // Deictic: the document date decides.
    ("yesterday", "", D, "2024-12-10"),
    ("last week", "", D, "2024-W49"),
    ("three years ago", "", D, "2021"),
    ("on Friday", "", D, "2024-12-06"),
];

#[test]
fn anaphoric_values_follow_the_last_date_mentioned() {
    let last = Some(Point::Day(day("2024-10-15")));
    let failed = check(AFTER_A_DATE, Some(day(DCT)), last);
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// Without a document date: absolute expressions and lengths keep their values, relative
/// ones get none (never one counted from today's clock), a day without a year is `XXXX-..`.
const WITHOUT_DATE: &[(&str, &str, TimexType, &str)] = &[
    ("8 December 2024", "", D, "2024-12-08"),
    ("March 2011", "", D, "2011-03"),
    ("2011", "", D, "2011"),
    ("the 1990s", "", D, "199X"),
    ("Q3 2023", "", D, "2023-Q3"),
    ("three years", "", P, "P3Y"),
    ("the past 24 hours", "", P, "PT24H"),
    ("weekly", "", S, "P1W"),
    ("every Monday", "", S, "XXXX-WXX-1"),
    ("recently", "", D, "PAST_REF"),
    ("now", "", D, "PRESENT_REF"),
    ("the future", "", D, "FUTURE_REF"),
    ("21 November", "", D, "XXXX-11-21"),
    ("14:00 GMT", "", T, "XXXX-XX-XXT14:00Z"),
    ("today", "", D, ""),
    ("yesterday", "", D, ""),
    ("tomorrow", "", D, ""),
    ("tonight", "", T, ""),
    ("this morning", "", T, ""),
    ("last Tuesday", "", D, ""),
    ("on Friday", "", D, ""),
    ("Monday", "", D, ""),
    ("this week", "", D, ""),
    ("last week", "", D, ""),
    ("the weekend", "", D, ""),
    ("last month", "", D, ""),
    ("November", "", D, ""),
    ("this year", "", D, ""),
    ("next year", "", D, ""),
    ("the fourth quarter", "", D, ""),
    ("last summer", "", D, ""),
    ("three years ago", "", D, ""),
    ("a month earlier", "", D, ""),
    ("the following day", "", D, ""),
    ("Christmas", "", D, ""),
    ("this decade", "", D, ""),
];

#[test]
fn without_a_document_date_relative_expressions_get_no_value() {
    let failed = check(WITHOUT_DATE, None, None);
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// Without a document date, a year the text gave decides the year of later expressions.
#[test]
fn without_a_document_date_an_earlier_year_decides() {
    let table: &[(&str, &str, TimexType, &str)] = &[
        ("21 November", "", D, "2004-11-21"),
        ("March", "", D, "2004-03"),
        ("a month later", "", D, "2004-12"),
        ("the following day", "", D, "2004-11-25"),
        ("that year", "", D, "2004"),
        ("yesterday", "", D, ""),
        ("last week", "", D, ""),
    ];
    let failed = check(table, None, Some(Point::Day(day("2004-11-24"))));
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// The value of the Temporal mention whose text is `expr` in `doc`.
fn value_of<'a>(doc: &'a Document, expr: &str) -> (TimexType, Option<&'a str>) {
    let m = doc
        .mentions()
        .iter()
        .find(|m| m.entity_type == EntityType::Temporal && doc.span_text(m.span) == expr)
        .unwrap_or_else(|| {
            let found: Vec<&str> = doc
                .mentions()
                .iter()
                .map(|m| doc.span_text(m.span))
                .collect();
            panic!("no Temporal {expr:?} in {found:?}")
        });
    let t = m.timex.as_ref().unwrap();
    (t.timex_type, t.value.as_deref())
}

/// The whole pipeline: recognition, then values in text order against the caller's date.
#[test]
fn pipeline_values_in_text_order() {
    let text = "Rebels took Aleppo on 27 November 2024. A week later they reached Hama, \
                and on Friday the army left Homs. Talks will resume next week; the two \
                sides have met weekly for three years, most recently on Tuesday.";
    let p = Pipeline::new();
    let mut doc = p.extract(text).unwrap();
    assert_eq!(doc.date(), None);
    assert_eq!(value_of(&doc, "27 November 2024"), (D, Some("2024-11-27")));
    assert_eq!(value_of(&doc, "A week later"), (D, Some("2024-12-04")));
    assert_eq!(value_of(&doc, "Friday"), (D, None));
    assert_eq!(value_of(&doc, "next week"), (D, None));
    assert_eq!(value_of(&doc, "three years"), (P, Some("P3Y")));
    doc.set_date(Some(day("2024-12-08")));
    assert_eq!(doc.date(), Some(day("2024-12-08")));
    assert_eq!(doc.date_source(), Some(DateSource::Input));
    assert_eq!(value_of(&doc, "27 November 2024"), (D, Some("2024-11-27")));
    assert_eq!(value_of(&doc, "A week later"), (D, Some("2024-12-04")));
    assert_eq!(value_of(&doc, "Friday"), (D, Some("2024-12-06")));
    assert_eq!(value_of(&doc, "next week"), (D, Some("2024-W50")));
    assert_eq!(value_of(&doc, "weekly"), (S, Some("P1W")));
    assert_eq!(value_of(&doc, "three years"), (P, Some("P3Y")));
    assert_eq!(value_of(&doc, "Tuesday"), (D, Some("2024-12-03")));
    // Every Temporal mention has a type; other mentions have no timex.
    for m in doc.mentions() {
        assert_eq!(
            m.timex.is_some(),
            m.entity_type == EntityType::Temporal,
            "{}",
            doc.span_text(m.span)
        );
    }
    // Taking the date away takes the relative values with it.
    doc.set_date(None);
    assert_eq!(doc.date_source(), None);
    assert_eq!(value_of(&doc, "Friday"), (D, None));
}

/// The document's own date: a dateline under the title, or the page's metadata.
#[test]
fn document_date_from_dateline_and_metadata() {
    let p = Pipeline::new();
    let doc = p
        .extract("Rebels enter Damascus\nDecember 8, 2024\nRebels entered the city yesterday.")
        .unwrap();
    assert_eq!(doc.date(), Some(day("2024-12-08")));
    assert_eq!(doc.date_source(), Some(DateSource::Dateline));
    assert_eq!(value_of(&doc, "yesterday"), (D, Some("2024-12-07")));

    let doc = p
        .extract(
            "MOSCOW, Dec 9, 2024 (Reuters) - Assad arrived in Moscow on Sunday, agencies said.",
        )
        .unwrap();
    assert_eq!(doc.date(), Some(day("2024-12-09")));
    assert_eq!(doc.date_source(), Some(DateSource::Dateline));
    assert_eq!(value_of(&doc, "Sunday"), (D, Some("2024-12-08")));

    // A date in the middle of a sentence is no dateline.
    let doc = p
        .extract("Assad fled on December 8, 2024 and arrived in Moscow the following day.")
        .unwrap();
    assert_eq!(doc.date(), None);
    assert_eq!(value_of(&doc, "the following day"), (D, Some("2024-12-09")));

    #[cfg(feature = "html")]
    {
        let html = r#"<html><head><title>Assad in Moscow</title>
            <meta property="article:published_time" content="2024-12-09T10:30:00Z"></head>
            <body><article><h1>Assad in Moscow</h1>
            <p>Assad arrived in Moscow yesterday, Russian agencies said on Monday.</p>
            </article></body></html>"#;
        let doc = Pipeline::builder()
            .input_format(crate::InputFormat::Fixed(crate::Format::Html))
            .build()
            .unwrap()
            .extract(html)
            .unwrap();
        assert_eq!(doc.date(), Some(day("2024-12-09")));
        assert_eq!(doc.date_source(), Some(DateSource::Metadata));
        assert_eq!(value_of(&doc, "yesterday"), (D, Some("2024-12-08")));
    }
}

/// The caller's date wins over the document's own, and survives JSON.
#[test]
fn caller_date_and_json_round_trip() {
    let mut doc = Pipeline::new()
        .extract("Rebels enter Damascus\nDecember 8, 2024\nRebels entered the city yesterday.")
        .unwrap();
    doc.set_date(Some(day("2024-12-10")));
    assert_eq!(value_of(&doc, "yesterday"), (D, Some("2024-12-09")));
    let json = crate::to_json(&doc, &crate::JsonOptions::default());
    assert_eq!(json["date"], "2024-12-10");
    assert_eq!(json["date_source"], "input");
    let m = json["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["text"] == "yesterday")
        .unwrap();
    assert_eq!(m["timex_type"], "DATE");
    assert_eq!(m["value"], "2024-12-09");
    let back = crate::from_json(&json.to_string()).unwrap();
    assert_eq!(back.date(), doc.date());
    assert_eq!(back.date_source(), doc.date_source());
    let timexes =
        |d: &Document| -> Vec<_> { d.mentions().iter().map(|m| m.timex.clone()).collect() };
    assert_eq!(timexes(&back), timexes(&doc));

    // A bad date in JSON is an error, not a silent drop.
    let mut bad = json.clone();
    bad["date"] = "10/12/2024".into();
    let e = crate::from_json(&bad.to_string()).unwrap_err();
    assert!(matches!(e, crate::Error::InvalidDate { .. }), "{e}");
    assert!(e.to_string().contains("10/12/2024"), "{e}");
}

/// Absurd counts give no value, never a panic or a year out of range.
#[test]
fn huge_counts_have_no_value() {
    let dct = Some(day(DCT));
    for expr in [
        "99999999999999999999 years ago",
        "9223372036854775807 days ago",
        "9000 years later",
        "1000000 weeks earlier",
        "99999999999 months ago",
        "9999999 centuries ago",
    ] {
        let (t, _) = timex_of(expr, &ctx(dct, None, ""));
        assert_eq!(t.timex_type, D, "{expr}");
        assert_eq!(t.value, None, "{expr}");
    }
    let (t, _) = timex_of("99999999999999999999 years", &ctx(dct, None, ""));
    assert_eq!(t.timex_type, P);
}

/// Dates from the caller are ISO 8601 or a clear error naming the value.
#[test]
fn bad_dates_are_clear_errors() {
    for bad in [
        "yesterday",
        "12/08/2024",
        "2024-02-30",
        "2024-12",
        "20241208",
        " ",
    ] {
        let e = Date::parse(bad).unwrap_err();
        assert!(matches!(e, crate::Error::InvalidDate { .. }), "{bad}: {e}");
        assert!(e.to_string().starts_with("invalid date"), "{e}");
    }
    assert_eq!(day(" 2024-12-08 ").to_string(), "2024-12-08");
    assert_eq!(day("2024-12-08 10:30").to_string(), "2024-12-08");
}
