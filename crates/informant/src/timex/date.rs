//! A calendar date (proleptic Gregorian) with the arithmetic normalisation needs.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};

/// A calendar date: the document's date, or the day a time expression names.
///
/// Parse one with [`Date::parse`] (or `str::parse`) from ISO 8601: `2024-12-08`, or a date and
/// time such as `2024-12-08T10:30:00Z` (the time is dropped).
///
/// # Example
/// ```
/// use informant::Date;
/// let d: Date = "2024-12-08".parse()?;
/// assert_eq!((d.year(), d.month(), d.day()), (2024, 12, 8));
/// assert_eq!(d.to_string(), "2024-12-08");
/// assert!(Date::parse("8 December 2024").is_err());
/// # Ok::<(), informant::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u32,
    day: u32,
}

/// Days in `month` of `year`.
pub(crate) fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// The date `year-month-day`, if it exists (years 1 to 9999).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        ((1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month))
        .then_some(Date { year, month, day })
    }

    /// Parses an ISO 8601 date (`YYYY-MM-DD`), optionally followed by a time
    /// (`T10:30:00Z`, ` 10:30`), which is ignored; surrounding white space is allowed.
    ///
    /// # Errors
    /// [`Error::InvalidDate`] naming the value and what is wrong with it.
    pub fn parse(s: &str) -> Result<Date> {
        let bad = |message: &str| Error::InvalidDate {
            value: s.to_owned(),
            message: message.to_owned(),
        };
        let t = s.trim();
        let b = t.as_bytes();
        let digits = |r: std::ops::Range<usize>| {
            b.get(r.clone())
                .filter(|d| d.iter().all(u8::is_ascii_digit))
                .and_then(|_| t.get(r))
                .and_then(|d| d.parse::<u32>().ok())
        };
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(bad("expected an ISO 8601 date, YYYY-MM-DD"));
        }
        let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) else {
            return Err(bad("expected an ISO 8601 date, YYYY-MM-DD"));
        };
        // After the date, only a time: `T10:30:00Z`, ` 10:30`, `T10:30:00.123+01:00`.
        if let Some(rest) = b.get(10..).filter(|r| !r.is_empty()) {
            let time = &rest[1..];
            let is_time = matches!(rest[0], b'T' | b't' | b' ')
                && time.first().is_some_and(u8::is_ascii_digit)
                && time
                    .iter()
                    .all(|c| c.is_ascii_digit() || b":.,+-Zz".contains(c));
            if !is_time {
                return Err(bad(
                    "unexpected text after the date (only a time may follow)",
                ));
            }
        }
        Date::new(y as i32, m, d).ok_or_else(|| bad("no such day"))
    }

    /// The year.
    pub const fn year(self) -> i32 {
        self.year
    }

    /// The month, 1 to 12.
    pub const fn month(self) -> u32 {
        self.month
    }

    /// The day of the month, 1 to 31.
    pub const fn day(self) -> u32 {
        self.day
    }

    /// Days since 1970-01-01 (negative before).
    pub(crate) fn to_days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01, if it lies in years 1 to 9999.
    pub(crate) fn from_days(days: i64) -> Option<Date> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        Date::new(
            i32::try_from(y).ok()?,
            u32::try_from(m).ok()?,
            u32::try_from(d).ok()?,
        )
    }

    /// The date `n` days later (earlier for negative `n`).
    pub(crate) fn add_days(self, n: i64) -> Option<Date> {
        Date::from_days(self.to_days().checked_add(n)?)
    }

    /// ISO weekday: 1 for Monday to 7 for Sunday.
    pub(crate) fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (4).
        (self.to_days() + 3).rem_euclid(7) as u32 + 1
    }

    /// ISO 8601 week-numbering year and week (1 to 53).
    pub(crate) fn iso_week(self) -> (i32, u32) {
        // The week's Thursday decides the year.
        let thursday = self.to_days() - i64::from(self.weekday()) + 4;
        let Some(t) = Date::from_days(thursday) else {
            return (self.year, 1);
        };
        let jan1 = Date {
            year: t.year,
            month: 1,
            day: 1,
        };
        (t.year, ((thursday - jan1.to_days()) / 7 + 1) as u32)
    }

    /// `YYYY-Www` of the week `n` weeks after this date's.
    pub(crate) fn week_value(self, n: i64) -> Option<String> {
        let (y, w) = self.add_days(n * 7)?.iso_week();
        Some(format!("{y:04}-W{w:02}"))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = Error;

    fn from_str(s: &str) -> Result<Date> {
        Date::parse(s)
    }
}

#[cfg(test)]
// Tests may unwrap: a panic is a failed test.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_arithmetic() {
        let d = Date::parse("2024-12-08").unwrap();
        assert_eq!(d.weekday(), 7); // a Sunday
        assert_eq!(d.iso_week(), (2024, 49));
        assert_eq!(Date::parse("2024-12-08T10:30:00Z").unwrap(), d);
        assert_eq!(Date::parse("2024-12-08T10:30:00.123+01:00").unwrap(), d);
        assert_eq!(Date::parse(" 2024-12-08 10:30 ").unwrap(), d);
        assert_eq!(d.add_days(24).unwrap().to_string(), "2025-01-01");
        assert_eq!(
            Date::parse("2024-03-01")
                .unwrap()
                .add_days(-1)
                .unwrap()
                .to_string(),
            "2024-02-29"
        );
        // ISO weeks across the year's turn.
        assert_eq!(Date::parse("2021-01-03").unwrap().iso_week(), (2020, 53));
        assert_eq!(Date::parse("2024-12-30").unwrap().iso_week(), (2025, 1));
        for days in [-719_162i64, -1, 0, 1, 10_957, 20_000, 2_932_896] {
            assert_eq!(Date::from_days(days).unwrap().to_days(), days);
        }
        for bad in [
            "",
            "2024",
            "2024-13-01",
            "2023-02-29",
            "08/12/2024",
            "2024-12-08x",
            "2024-12-08 garbage",
            "2024-12-08T",
            "2024-12-08Tnoon",
            "２０２４-12-08",
            "0000-01-01",
        ] {
            let e = Date::parse(bad).unwrap_err();
            assert!(matches!(e, Error::InvalidDate { .. }), "{bad}: {e}");
        }
    }
}
