//! Coordinates: decimal degrees, degrees-minutes-seconds, MGRS and UTM.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::{Cand, char_at, char_before, compile, parse_decimal};
use crate::document::EntityType;

const SEC: &str = r#"(?:″|"|''|”|′′)"#;
const MIN: &str = r"(?:['′’])";

struct GeoPatterns {
    dms: Regex,
    dec_suffix: Regex,
    dec_prefix: Regex,
    pair: Regex,
    mgrs: Regex,
    utm: Regex,
}

static GEO: LazyLock<GeoPatterns> = LazyLock::new(|| {
    let dms = |p: &str, h: &str, deg: &str| {
        format!(
            r"(?P<{p}d>\d{{1,{deg}}})\s?°\s?(?:(?P<{p}m>\d{{1,2}}(?:\.\d+)?)\s?{MIN}\s?(?:(?P<{p}s>\d{{1,2}}(?:\.\d+)?)\s?{SEC})?)?\s?(?P<{p}h>{h})\b"
        )
    };
    GeoPatterns {
        dms: compile(&format!(
            r"\b{}[,;/]?\s?{}",
            dms("a", "[NS]", "2"),
            dms("o", "[EW]", "3")
        )),
        dec_suffix: compile(
            r"\b(?P<lat>\d{1,2}\.\d+)\s?°?\s?(?P<ns>[NS])\b[,;/]?\s?(?P<lon>\d{1,3}\.\d+)\s?°?\s?(?P<ew>[EW])\b",
        ),
        dec_prefix: compile(
            r"\b(?P<ns>[NS])\s?(?P<lat>\d{1,2}\.\d+)°?[,;/]?\s?(?P<ew>[EW])\s?(?P<lon>\d{1,3}\.\d+)°?",
        ),
        pair: compile(r"(?P<lat>-?\d{1,2}\.\d{3,}),\s?(?P<lon>-?\d{1,3}\.\d{3,})\b"),
        mgrs: compile(
            r"\b(?P<zone>\d{1,2})(?P<band>[C-HJ-NP-X])\s?(?P<col>[A-HJ-NP-Z])(?P<row>[A-HJ-NP-V])\s?(?P<e>\d{2,5})\s?(?P<n>\d{2,5})\b",
        ),
        utm: compile(
            r"\b(?P<zone>\d{1,2})\s?(?P<band>[C-HJ-NP-X])\s(?P<e>\d{6})(?:\s?mE)?\s(?P<n>\d{7})(?:\s?mN)?\b",
        ),
    }
});

fn dms_value(c: &Captures, p: &str) -> Option<f64> {
    let d = parse_decimal(c.name(&format!("{p}d"))?.as_str())?;
    let m = c
        .name(&format!("{p}m"))
        .and_then(|m| parse_decimal(m.as_str()))
        .unwrap_or(0.0);
    let s = c
        .name(&format!("{p}s"))
        .and_then(|m| parse_decimal(m.as_str()))
        .unwrap_or(0.0);
    if m >= 60.0 || s >= 60.0 {
        return None;
    }
    let v = d + m / 60.0 + s / 3600.0;
    let neg = matches!(c.name(&format!("{p}h"))?.as_str(), "S" | "W");
    Some(if neg { -v } else { v })
}

fn valid(lat: f64, lon: f64) -> bool {
    (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)
}

fn coord(start: usize, end: usize, lat: f64, lon: f64, conf: f32, sub: &'static str) -> Cand {
    Cand::new(start, end, EntityType::Coordinate, conf, 85)
        .sub(sub)
        .attr("lat", (lat * 1e6).round() / 1e6)
        .attr("lon", (lon * 1e6).round() / 1e6)
}

/// Latitude and longitude (WGS84) of a UTM position; `north` for the northern hemisphere.
pub(crate) fn utm_to_latlon(
    zone: u32,
    north: bool,
    easting: f64,
    northing: f64,
) -> Option<(f64, f64)> {
    if !(1..=60).contains(&zone) {
        return None;
    }
    let k0 = 0.9996;
    let a = 6_378_137.0;
    let f = 1.0 / 298.257_223_563;
    let e2: f64 = f * (2.0 - f);
    let ep2 = e2 / (1.0 - e2);
    let x = easting - 500_000.0;
    let y = if north {
        northing
    } else {
        northing - 10_000_000.0
    };
    let mu = y / k0 / (a * (1.0 - e2 / 4.0 - 3.0 * e2 * e2 / 64.0 - 5.0 * e2.powi(3) / 256.0));
    let e1 = (1.0 - (1.0 - e2).sqrt()) / (1.0 + (1.0 - e2).sqrt());
    let phi1 = mu
        + (3.0 * e1 / 2.0 - 27.0 * e1.powi(3) / 32.0) * (2.0 * mu).sin()
        + (21.0 * e1 * e1 / 16.0 - 55.0 * e1.powi(4) / 32.0) * (4.0 * mu).sin()
        + (151.0 * e1.powi(3) / 96.0) * (6.0 * mu).sin()
        + (1097.0 * e1.powi(4) / 512.0) * (8.0 * mu).sin();
    let (s, c) = phi1.sin_cos();
    let n1 = a / (1.0 - e2 * s * s).sqrt();
    let t1 = (s / c).powi(2);
    let c1 = ep2 * c * c;
    let r1 = a * (1.0 - e2) / (1.0 - e2 * s * s).powf(1.5);
    let d = x / (n1 * k0);
    let lat = phi1
        - (n1 * s / c / r1)
            * (d * d / 2.0
                - (5.0 + 3.0 * t1 + 10.0 * c1 - 4.0 * c1 * c1 - 9.0 * ep2) * d.powi(4) / 24.0
                + (61.0 + 90.0 * t1 + 298.0 * c1 + 45.0 * t1 * t1 - 252.0 * ep2 - 3.0 * c1 * c1)
                    * d.powi(6)
                    / 720.0);
    let lon0 = (f64::from(zone) - 1.0) * 6.0 - 180.0 + 3.0;
    let lon = lon0
        + ((d - (1.0 + 2.0 * t1 + c1) * d.powi(3) / 6.0
            + (5.0 - 2.0 * c1 + 28.0 * t1 - 3.0 * c1 * c1 + 8.0 * ep2 + 24.0 * t1 * t1)
                * d.powi(5)
                / 120.0)
            / c)
            .to_degrees();
    let lat = lat.to_degrees();
    (lat.is_finite() && lon.is_finite() && valid(lat, lon)).then_some((lat, lon))
}

/// UTM zone, hemisphere, easting and northing of an MGRS reference.
///
/// Column letters cycle through three sets of eight by zone; row letters
/// (20 of them, 100 km each) start at `A` in odd zones and `F` in even ones
/// (the modern AA scheme); the 2,000 km cycle is fixed by the latitude band's
/// lowest northing.
pub(crate) fn mgrs_to_utm(
    zone: u32,
    band: char,
    col: char,
    row: char,
    e: &str,
    n: &str,
) -> Option<(u32, bool, f64, f64)> {
    if !(1..=60).contains(&zone) || e.len() != n.len() {
        return None;
    }
    let set = match zone % 3 {
        1 => "ABCDEFGH",
        2 => "JKLMNPQR",
        _ => "STUVWXYZ",
    };
    let col_i = set.find(col)? as f64;
    const ROWS: &str = "ABCDEFGHJKLMNPQRSTUV";
    let row_i = ROWS.find(row)? as i64;
    let offset = if zone % 2 == 0 { 5 } else { 0 };
    let scale = 10f64.powi(5 - i32::try_from(e.len()).ok()?);
    let easting = (col_i + 1.0) * 100_000.0 + e.parse::<f64>().ok()? * scale;
    let mut northing =
        ((row_i - offset).rem_euclid(20)) as f64 * 100_000.0 + n.parse::<f64>().ok()? * scale;
    let min_northing = match band {
        'C' => 1.1e6,
        'D' => 2.0e6,
        'E' => 2.8e6,
        'F' => 3.7e6,
        'G' => 4.6e6,
        'H' => 5.5e6,
        'J' => 6.4e6,
        'K' => 7.3e6,
        'L' => 8.2e6,
        'M' => 9.1e6,
        'N' => 0.0,
        'P' => 0.8e6,
        'Q' => 1.7e6,
        'R' => 2.6e6,
        'S' => 3.5e6,
        'T' => 4.4e6,
        'U' => 5.3e6,
        'V' => 6.2e6,
        'W' => 7.0e6,
        'X' => 7.9e6,
        _ => return None,
    };
    while northing < min_northing {
        northing += 2_000_000.0;
    }
    Some((zone, band >= 'N', easting, northing))
}

/// Appends the Coordinate candidates found in `text`.
pub(crate) fn find(text: &str, out: &mut Vec<Cand>) {
    // Every form needs a digit; most blocks of news with digits have no
    // degree sign, hemisphere letter pattern or grid square, but the regexes
    // below are cheap literal-led scans, so only the digit gate is needed.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return;
    }
    let g = &*GEO;
    if text.contains('°') {
        for c in g.dms.captures_iter(text) {
            let (Some(m), Some(lat), Some(lon)) =
                (c.get(0), dms_value(&c, "a"), dms_value(&c, "o"))
            else {
                continue;
            };
            if valid(lat, lon) {
                out.push(coord(m.start(), m.end(), lat, lon, 0.95, "dms"));
            }
        }
    }
    for re in [&g.dec_suffix, &g.dec_prefix] {
        for c in re.captures_iter(text) {
            let (Some(m), Some(la), Some(lo)) = (c.get(0), c.name("lat"), c.name("lon")) else {
                continue;
            };
            let (Some(mut lat), Some(mut lon)) =
                (parse_decimal(la.as_str()), parse_decimal(lo.as_str()))
            else {
                continue;
            };
            if c.name("ns").is_some_and(|h| h.as_str() == "S") {
                lat = -lat;
            }
            if c.name("ew").is_some_and(|h| h.as_str() == "W") {
                lon = -lon;
            }
            if valid(lat, lon) {
                out.push(coord(m.start(), m.end(), lat, lon, 0.9, "decimal"));
            }
        }
    }
    for c in g.pair.captures_iter(text) {
        let (Some(m), Some(la), Some(lo)) = (c.get(0), c.name("lat"), c.name("lon")) else {
            continue;
        };
        // Part of a longer run of numbers ("1.2345, 2.3456, 3.4567") is data, not a position.
        if char_before(text, m.start())
            .is_some_and(|ch| ch.is_ascii_digit() || ch == '.' || ch == ',')
            || text
                .get(m.end()..)
                .is_some_and(|t| t.starts_with(',') || t.starts_with(", "))
        {
            continue;
        }
        if let (Some(lat), Some(lon)) = (parse_decimal(la.as_str()), parse_decimal(lo.as_str()))
            && valid(lat, lon)
        {
            out.push(coord(m.start(), m.end(), lat, lon, 0.75, "decimal"));
        }
    }
    for c in g.mgrs.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        let (Some(zone), Some(band), Some(col), Some(row), Some(e), Some(n)) = (
            c.name("zone").and_then(|z| z.as_str().parse::<u32>().ok()),
            c.name("band").and_then(|b| b.as_str().chars().next()),
            c.name("col").and_then(|b| b.as_str().chars().next()),
            c.name("row").and_then(|b| b.as_str().chars().next()),
            c.name("e").map(|e| e.as_str()),
            c.name("n").map(|e| e.as_str()),
        ) else {
            continue;
        };
        // Without a space the digits split in half; "12345 67890" says where.
        let (e, n) = if m.as_str().ends_with(n) && !m.as_str().contains(' ') || e.len() != n.len() {
            let all = format!("{e}{n}");
            if all.len() % 2 != 0 {
                continue;
            }
            let (a, b) = all.split_at(all.len() / 2);
            (a.to_owned(), b.to_owned())
        } else {
            (e.to_owned(), n.to_owned())
        };
        if e.len() < 2 || char_at(text, m.end()).is_some_and(|ch| ch.is_ascii_digit()) {
            continue;
        }
        let compact: String = m.as_str().split_whitespace().collect();
        let mut cand = Cand::new(m.start(), m.end(), EntityType::Coordinate, 0.85, 85)
            .sub("mgrs")
            .attr("mgrs", compact);
        if let Some((z, north, east, northing)) = mgrs_to_utm(zone, band, col, row, &e, &n)
            && let Some((lat, lon)) = utm_to_latlon(z, north, east, northing)
        {
            cand = cand
                .attr("lat", (lat * 1e6).round() / 1e6)
                .attr("lon", (lon * 1e6).round() / 1e6);
        } else {
            continue;
        }
        out.push(cand);
    }
    for c in g.utm.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        let (Some(zone), Some(band), Some(e), Some(n)) = (
            c.name("zone").and_then(|z| z.as_str().parse::<u32>().ok()),
            c.name("band").and_then(|b| b.as_str().chars().next()),
            c.name("e").and_then(|e| e.as_str().parse::<f64>().ok()),
            c.name("n").and_then(|e| e.as_str().parse::<f64>().ok()),
        ) else {
            continue;
        };
        let Some((lat, lon)) = utm_to_latlon(zone, band >= 'N', e, n) else {
            continue;
        };
        let utm = format!("{zone}{band} {e} {n}");
        out.push(coord(m.start(), m.end(), lat, lon, 0.85, "utm").attr("utm", utm));
    }
}

/// Compiles the patterns now rather than in the first search.
pub(super) fn force() {
    LazyLock::force(&GEO);
}

#[cfg(test)]
// Tests may unwrap: a panic is a failed test.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::super::test_util::{find, texts};
    use super::mgrs_to_utm;
    use crate::EntityType::Coordinate;

    #[test]
    fn coordinate_table() {
        let cases: &[(&str, &str, f64, f64)] = &[
            ("at 34.889, 35.886 near", "34.889, 35.886", 34.889, 35.886),
            (
                "at 34.889°N 35.886°E near",
                "34.889°N 35.886°E",
                34.889,
                35.886,
            ),
            ("at N34.889 E35.886 near", "N34.889 E35.886", 34.889, 35.886),
            (
                "base at 35°24′04″N 35°56′55″E, near",
                "35°24′04″N 35°56′55″E",
                35.401111,
                35.948611,
            ),
            (
                "at 35°24'04\"N, 35°56'55\"E.",
                "35°24'04\"N, 35°56'55\"E",
                35.401111,
                35.948611,
            ),
            ("at 33.5°S 70.6°W", "33.5°S 70.6°W", -33.5, -70.6),
            (
                "Tower at 31U 448252 5411933 is",
                "31U 448252 5411933",
                48.858,
                2.294,
            ),
        ];
        for &(text, want, lat, lon) in cases {
            let m = find(text, Coordinate, want);
            let got_lat = m.attributes["lat"].as_f64().unwrap();
            let got_lon = m.attributes["lon"].as_f64().unwrap();
            assert!(
                (got_lat - lat).abs() < 1e-3 && (got_lon - lon).abs() < 1e-3,
                "{text}: {got_lat},{got_lon}"
            );
        }
    }

    #[test]
    fn mgrs() {
        // 4QFJ 12345 67890 is UTM 4Q 612345 2367890 (worked example of the AA scheme).
        assert_eq!(
            mgrs_to_utm(4, 'Q', 'F', 'J', "12345", "67890"),
            Some((4, true, 612_345.0, 2_367_890.0))
        );
        // The Eiffel Tower: 31U DQ 48251 11932.
        let (z, n, e, no) = mgrs_to_utm(31, 'U', 'D', 'Q', "48251", "11932").unwrap();
        assert_eq!((z, n, e, no), (31, true, 448_251.0, 5_411_932.0));
        for text in ["grid 31UDQ4825111932 now", "grid 31U DQ 48251 11932 now"] {
            let m = find(
                text,
                Coordinate,
                text.trim_start_matches("grid ").trim_end_matches(" now"),
            );
            assert_eq!(m.attributes["mgrs"], "31UDQ4825111932");
            assert!((m.attributes["lat"].as_f64().unwrap() - 48.858).abs() < 1e-3);
        }
        let m = find("at 37SBU1234567890.", Coordinate, "37SBU1234567890");
        assert_eq!(m.attributes["mgrs"], "37SBU1234567890");
    }

    #[test]
    fn not_coordinates() {
        for text in [
            "prices 1.25, 3.50 and",
            "in 2011, 2012",
            "The 5G LTE network",
            "values 12.345, 23.456, 34.567",
        ] {
            assert!(texts(text, Coordinate).is_empty(), "{text}");
        }
    }
}
