//! The embedded place table: GeoNames countries, first- and second-order divisions and
//! populated places of 1,000 people or more, loaded once, on first use.
//!
//! The data (`data/gazetteer/geonames.tsv.gz`, built by `tools/gazetteer/build.py --geo`)
//! is a gzip of UTF-8 TSV, one line per place:
//! `geonames name alternates lat lon feature country admin1 admin2 population`.
//! Loading decompresses it, leaks the text once (it lives as long as the program) and
//! builds a sorted index of hashed lookup keys; a lookup is a binary search plus a
//! check of the candidate's names.

use std::hash::Hasher;
use std::io::Read;
use std::sync::OnceLock;

use crate::recognise::phrases::{Fnv, decimal_digits, lines, split_byte};

const DATA: &[u8] = include_bytes!("../../data/gazetteer/geonames.tsv.gz");

/// A place of the embedded GeoNames table.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct Place {
    /// GeoNames id; `None` for places the packaged GeoNames extract gives no id
    /// (curated sites and regions, a few first-order divisions).
    pub geonames: Option<u32>,
    /// The name GeoNames gives it (`Alexandria`, `Louisiana`, `Rapides Parish`).
    pub name: &'static str,
    /// Other names it is looked up by, `|`-separated (ASCII folding, English forms,
    /// US state abbreviations such as `La.`).
    pub alternates: &'static str,
    /// Latitude, WGS84 degrees.
    pub lat: f64,
    /// Longitude, WGS84 degrees.
    pub lon: f64,
    /// GeoNames feature class and code: `P.PPL` (populated place), `P.PPLC` (capital),
    /// `A.PCLI` (country), `A.ADM1`, `A.ADM2`, `L.CONT`, `S.INSM` (military site), ...
    pub feature: &'static str,
    /// ISO 3166-1 alpha-2 country code (empty for continents).
    pub country: &'static str,
    /// GeoNames first-order division code (US: the postal code, `LA`); may be empty.
    pub admin1: &'static str,
    /// Name of the US county or parish of a US place (empty elsewhere: second-order
    /// divisions outside the US are places of their own, `A.ADM2`).
    pub admin2: &'static str,
    /// Population (0 where unknown).
    pub population: u64,
}

impl Place {
    /// Whether it is a country (feature `A.PCL*`).
    pub fn is_country(&self) -> bool {
        self.feature.starts_with("A.PCL")
    }

    /// Whether it is a first-order division (`A.ADM1`).
    pub fn is_admin1(&self) -> bool {
        self.feature == "A.ADM1"
    }

    /// Whether it is a second-order division (`A.ADM2`).
    pub fn is_admin2(&self) -> bool {
        self.feature == "A.ADM2"
    }

    /// Whether it is a populated place (feature class `P`).
    pub fn is_populated(&self) -> bool {
        self.feature.starts_with("P.")
    }

    /// Its names: the name first, then the alternates.
    pub fn names(&self) -> impl Iterator<Item = &'static str> {
        std::iter::once(self.name)
            .chain(split_byte(self.alternates, b'|').filter(|a| !a.is_empty()))
    }
}

/// The loaded table.
pub(crate) struct Table {
    pub(crate) places: Vec<Place>,
    /// (hash of a normalised name, place index), sorted.
    index: Vec<(u64, u32)>,
    /// Country code -> index of the country.
    countries: crate::recognise::phrases::FastMap<&'static str, u32>,
}

static TABLE: OnceLock<Table> = OnceLock::new();

/// The table, loaded on first use. An unreadable table (never with the shipped data)
/// is an empty one: places then stay unresolved.
pub(crate) fn table() -> &'static Table {
    TABLE.get_or_init(|| {
        load(DATA).unwrap_or(Table {
            places: Vec::new(),
            index: Vec::new(),
            countries: Default::default(),
        })
    })
}

/// Hash of the normalised form of `s` (see [`normalise_into`]).
fn key_hash(norm: &str) -> u64 {
    let mut h = Fnv::default();
    h.write(norm.as_bytes());
    h.finish()
}

/// Writes the lookup form of `s` into `out`: lower case, typographic apostrophes and
/// hyphens made plain, runs of spaces one space, no leading `the `.
pub(crate) fn normalise_into(s: &str, out: &mut String) {
    out.clear();
    let mut space = false;
    let s = s.trim();
    if s.is_ascii() {
        normalise_ascii(s, out);
        return;
    }
    for c in s.chars() {
        let c = match c {
            '’' | '‘' | 'ʼ' | 'ʿ' | '`' => '\'',
            '‐' | '‑' | '–' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.extend(c.to_lowercase());
    }
    if let Some(rest) = out.strip_prefix("the ") {
        *out = rest.to_owned();
    }
}

/// [`normalise_into`] for a trimmed ASCII `s`.
fn normalise_ascii(s: &str, out: &mut String) {
    match plain_ascii(s) {
        Some(rest) => {
            out.push_str(rest);
            out.make_ascii_lowercase();
        }
        None => normalise_ascii_bytewise(s, out),
    }
}

/// For a trimmed ASCII `s` whose normalised form is its lower-cased copy less a leading
/// `the ` (most names: no '`', no space but ASCII spaces, and no two of those in a row),
/// the part of `s` that form lower-cases; `None` for any other `s`.
fn plain_ascii(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    let plain = !b
        .iter()
        .any(|&c| matches!(c, b'`' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'))
        && !b.windows(2).any(|w| w == b"  ");
    if !plain {
        return None;
    }
    match b.get(..4) {
        Some(p) if p.eq_ignore_ascii_case(b"the ") => s.get(4..),
        _ => Some(s),
    }
}

/// The hash of the normalised form of `s` ([`key_hash`] of [`normalise_into`]'s
/// output); `buf` is scratch space. Plain ASCII names (see [`plain_ascii`]) are
/// hashed as they are lower-cased, without a copy.
fn name_key(s: &str, buf: &mut String) -> u64 {
    let t = s.trim();
    if t.is_ascii()
        && let Some(rest) = plain_ascii(t)
    {
        // FNV-1a from its offset basis, as `Fnv`'s one `write` in `key_hash`.
        let mut x = 0xcbf2_9ce4_8422_2325u64;
        for &c in rest.as_bytes() {
            x ^= u64::from(c.to_ascii_lowercase());
            x = x.wrapping_mul(0x0100_0000_01b3);
        }
        return x;
    }
    normalise_into(s, buf);
    key_hash(buf)
}

/// Whether `s` normalises to `norm` (as `normalise_into(s) == norm`); `buf` is scratch space.
fn normalises_to(s: &str, norm: &str, buf: &mut String) -> bool {
    let t = s.trim();
    if t.is_ascii()
        && let Some(rest) = plain_ascii(t)
    {
        return rest.len() == norm.len()
            && rest
                .bytes()
                .zip(norm.bytes())
                .all(|(a, b)| a.to_ascii_lowercase() == b);
    }
    normalise_into(s, buf);
    buf == norm
}

/// [`normalise_ascii`] byte by byte, for any trimmed ASCII `s`.
fn normalise_ascii_bytewise(s: &str, out: &mut String) {
    let mut space = false;
    // '`' is the one ASCII apostrophe to map, and `char::is_whitespace` on ASCII is these six bytes.
    for &b in s.as_bytes() {
        let b = match b {
            b'`' => b'\'',
            b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => {
                space = true;
                continue;
            }
            b => b.to_ascii_lowercase(),
        };
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(char::from(b));
    }
    if out.starts_with("the ") {
        out.drain(..4);
    }
}

/// The tab-separated fields of `line`.
fn fields(line: &'static str) -> impl Iterator<Item = &'static str> {
    split_byte(line, b'\t')
}

/// A coordinate as `s.parse::<f64>()` reads it. The table's are all `-?d+(.d+)?` with
/// few digits: their value is an integer below 2^53 divided by a power of ten below
/// 10^23, both exact in an `f64`, so one correctly rounded division gives the correctly
/// rounded value `parse` gives (the fast path of Clinger's algorithm, which `parse`
/// takes too, after a general scan that cost about 200 instructions a number). Anything
/// else goes to `parse`.
fn parse_coord(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let (neg, digits) = match b.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, b),
    };
    // At most 15 digits: `m < 10^15 < 2^53` is exact, and so is `10^frac`.
    let Some((m, Some(&p))) = decimal_digits(digits, 15).map(|(m, frac)| (m, POW10.get(frac)))
    else {
        return s.parse().ok();
    };
    let v = m as f64 / p;
    Some(if neg { -v } else { v })
}

/// Powers of ten exact in an `f64` (all up to 10^22 are; 15 digits need these).
const POW10: [f64; 16] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

fn parse_line(line: &'static str) -> Option<Place> {
    let mut f = fields(line);
    let gid: u32 = f.next()?.parse().ok()?;
    let name = f.next()?;
    let alternates = f.next()?;
    let lat = parse_coord(f.next()?)?;
    let lon = parse_coord(f.next()?)?;
    let feature = f.next()?;
    let country = f.next()?;
    let admin1 = f.next()?;
    let admin2 = f.next()?;
    let population: u64 = f.next()?.parse().ok()?;
    Some(Place {
        geonames: (gid != 0).then_some(gid),
        name,
        alternates,
        lat,
        lon,
        feature,
        country,
        admin1,
        admin2,
        population,
    })
}

fn load(gz: &[u8]) -> Option<Table> {
    let mut text = String::with_capacity(gz.len() * 3);
    flate2::read::GzDecoder::new(gz)
        .read_to_string(&mut text)
        .ok()?;
    let text: &'static str = Box::leak(text.into_boxed_str());
    let mut places = Vec::with_capacity(text.len() / 60);
    for line in lines(text) {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        if let Some(p) = parse_line(line) {
            places.push(p);
        }
    }
    let mut index = Vec::with_capacity(places.len() * 2);
    let mut norm = String::new();
    let mut seen: Vec<u64> = Vec::new();
    for (i, p) in places.iter().enumerate() {
        seen.clear();
        for n in p.names() {
            let h = name_key(n, &mut norm);
            if !seen.contains(&h) {
                seen.push(h);
                index.push((h, i as u32));
            }
        }
    }
    sort_index(&mut index);
    let mut countries = crate::recognise::phrases::FastMap::default();
    for (i, p) in places.iter().enumerate() {
        if p.is_country() {
            countries.entry(p.country).or_insert(i as u32);
        }
    }
    Some(Table {
        places,
        index,
        countries,
    })
}

/// Sorts the index as `sort_unstable` would, for `load`'s input, where an index appears
/// once per hash and indices ascend among equal hashes: a stable radix sort on the hash,
/// four passes of 16 bits (the table's load sorted 600,000 pairs by comparison in
/// about 500 M instructions, a quarter of the load; this takes a tenth of that).
fn sort_index(index: &mut Vec<(u64, u32)>) {
    const DIGIT: u32 = 16;
    let mut buf = vec![(0u64, 0u32); index.len()];
    let mut counts = vec![0usize; 1 << DIGIT];
    for pass in 0..u64::BITS / DIGIT {
        let digit = |h: u64| ((h >> (pass * DIGIT)) & ((1 << DIGIT) - 1)) as usize;
        counts.fill(0);
        for &(h, _) in index.iter() {
            counts[digit(h)] += 1;
        }
        let mut sum = 0;
        for c in counts.iter_mut() {
            (*c, sum) = (sum, sum + *c);
        }
        for &e in index.iter() {
            let d = digit(e.0);
            buf[counts[d]] = e;
            counts[d] += 1;
        }
        std::mem::swap(index, &mut buf);
    }
}

impl Table {
    /// Places one of whose names normalises to `norm` (already normalised).
    pub(crate) fn lookup_normalised(&self, norm: &str) -> impl Iterator<Item = u32> + '_ {
        let h = key_hash(norm);
        let start = self.index.partition_point(|&(k, _)| k < h);
        let mut buf = String::new();
        let norm = norm.to_owned();
        self.index[start..]
            .iter()
            .take_while(move |&&(k, _)| k == h)
            .filter_map(move |&(_, i)| {
                let p = self.places.get(i as usize)?;
                p.names()
                    .any(|n| normalises_to(n, &norm, &mut buf))
                    .then_some(i)
            })
    }

    /// The country with ISO code `cc`.
    pub(crate) fn country(&self, cc: &str) -> Option<&Place> {
        self.countries.get(cc).and_then(|&i| self.get(i))
    }

    /// The place at index `i`.
    pub(crate) fn get(&self, i: u32) -> Option<&Place> {
        self.places.get(i as usize)
    }
}

/// Places whose name or an alternate name is `name` (case-insensitive, spaces and
/// typographic apostrophes normalised, a leading `the` ignored), most populous first.
/// The table loads on the first call (see `docs/geo.md` for its one-time cost).
///
/// # Example
/// ```
/// let places = informant::geo::lookup("Alexandria");
/// assert!(places.iter().any(|p| p.country == "EG"));
/// assert!(places.iter().any(|p| p.country == "US" && p.admin1 == "LA"));
/// ```
pub fn lookup(name: &str) -> Vec<Place> {
    let t = table();
    let mut norm = String::new();
    normalise_into(name, &mut norm);
    let mut out: Vec<Place> = t
        .lookup_normalised(&norm)
        .filter_map(|i| t.get(i).copied())
        .collect();
    out.sort_by_key(|p| std::cmp::Reverse(p.population));
    out
}

/// Number of places in the embedded table (loads it).
pub fn place_count() -> usize {
    table().places.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ascii_shortcut_normalises_as_the_byte_loop_does() {
        for s in [
            "",
            "A",
            "New York",
            "The Hague",
            "the",
            "THE  Hague",
            "Côte",
            "O`Brien",
            "a\tb",
            "St. John's",
            "X  Y   Z",
            "Theodore",
        ] {
            let t = s.trim();
            if !t.is_ascii() {
                continue;
            }
            let (mut fast, mut slow) = (String::new(), String::new());
            normalise_ascii(t, &mut fast);
            normalise_ascii_bytewise(t, &mut slow);
            assert_eq!(fast, slow, "{s:?}");
        }
        let mut out = String::new();
        normalise_into("  The   Hague ", &mut out);
        assert_eq!(out, "hague");
    }

    #[test]
    fn fields_split_as_str_split_does() {
        for line in [
            "",
            "a",
            "a\tb",
            "\t",
            "a\t\tb\t",
            "é\tß\t\t東京",
            "1\t2\t3\t4",
        ] {
            assert_eq!(
                fields(line).collect::<Vec<_>>(),
                line.split('\t').collect::<Vec<_>>(),
                "{line:?}"
            );
        }
    }

    #[test]
    fn lines_split_as_str_lines_does() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "a\nb",
            "a\r\nb\r\n",
            "a\rb\r",
            "\r",
            "\r\n\r\n",
            "é\n\n東京\r",
        ] {
            assert_eq!(
                lines(text).collect::<Vec<_>>(),
                text.lines().collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn coordinates_parse_as_str_parse_does() {
        for s in [
            "0",
            "-0",
            "0.0",
            "-0.0",
            "32.0591",
            "-48.8675",
            "180",
            "-180.0",
            "0.1",
            "0.3",
            "89.99999",
            "1.",
            ".5",
            "-.5",
            "",
            "-",
            "1e5",
            "+1.5",
            "1.2.3",
            "123456789012345",
            "1234567890123456",
            "0.000000000000001",
            "9007199254740993",
            "nan",
            "inf",
            "١",
        ] {
            let fast = parse_coord(s).map(f64::to_bits);
            let std = s.parse::<f64>().ok().map(f64::to_bits);
            assert_eq!(fast, std, "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn coordinates_parse_as_str_parse_does_for_any_digits(
            neg: bool, int in 0u64..1_000_000, frac in "[0-9]{0,12}",
        ) {
            let s = format!("{}{int}{}{frac}", if neg { "-" } else { "" }, if frac.is_empty() { "" } else { "." });
            proptest::prop_assert_eq!(
                parse_coord(&s).map(f64::to_bits),
                s.parse::<f64>().ok().map(f64::to_bits),
                "{}", s
            );
        }

        #[test]
        fn name_keys_and_matches_are_those_of_normalise_into(s in "[ \t`aAtThHeE’é-]{0,12}", t in "[ aAtThHeE]{0,6}") {
            let (mut norm, mut buf) = (String::new(), String::new());
            normalise_into(&s, &mut norm);
            proptest::prop_assert_eq!(name_key(&s, &mut buf), key_hash(&norm));
            proptest::prop_assert!(normalises_to(&s, &norm, &mut buf));
            let mut other = String::new();
            normalise_into(&t, &mut other);
            proptest::prop_assert_eq!(normalises_to(&s, &other, &mut buf), norm == other);
            // A norm that is not normalised (upper case) matches nothing it would not have.
            let upper = norm.to_uppercase();
            proptest::prop_assert_eq!(normalises_to(&s, &upper, &mut buf), norm == upper);
        }
    }

    #[test]
    fn the_shipped_table_loads_as_the_plain_reading_does() {
        // Every line as `str::lines`, `str::split` and `str::parse` read it, and every
        // name's key as `key_hash(normalise_into(..))`.
        let mut text = String::new();
        flate2::read::GzDecoder::new(DATA)
            .read_to_string(&mut text)
            .expect("the shipped table decompresses");
        assert!(lines(&text).eq(text.lines()));
        let t = table();
        let mut i = 0;
        let (mut norm, mut buf) = (String::new(), String::new());
        for line in text.lines() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let p = &t.places[i];
            i += 1;
            assert_eq!(p.name, f[1]);
            assert_eq!(
                p.lat.to_bits(),
                f[3].parse::<f64>().map(f64::to_bits).ok().unwrap_or(0),
                "{line}"
            );
            assert_eq!(
                p.lon.to_bits(),
                f[4].parse::<f64>().map(f64::to_bits).ok().unwrap_or(0),
                "{line}"
            );
            assert_eq!(p.admin2, f[8]);
            for n in std::iter::once(f[1]).chain(f[2].split('|').filter(|a| !a.is_empty())) {
                normalise_into(n, &mut norm);
                assert_eq!(name_key(n, &mut buf), key_hash(&norm), "{n:?}");
                assert!(normalises_to(n, &norm, &mut buf), "{n:?}");
            }
            assert!(
                p.names()
                    .eq(std::iter::once(f[1]).chain(f[2].split('|').filter(|a| !a.is_empty())))
            );
        }
        assert_eq!(i, t.places.len());
    }

    #[test]
    fn radix_sort_of_the_index_equals_a_comparison_sort() {
        // Hashes with many repeats and shared digits; indices ascend among equal
        // hashes, as `load` pushes them.
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        let mut index = Vec::new();
        for i in 0..20_000u32 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let h = match i % 3 {
                0 => x,
                1 => x & 0xffff_0000_ffff,
                _ => x % 97,
            };
            index.push((h, i));
        }
        let mut expected = index.clone();
        expected.sort_unstable();
        sort_index(&mut index);
        assert_eq!(index, expected);
        let mut empty = Vec::new();
        sort_index(&mut empty);
        assert!(empty.is_empty());
    }

    #[test]
    fn loads_and_finds() {
        let t = table();
        assert!(t.places.len() > 150_000, "{}", t.places.len());
        let la = lookup("Louisiana");
        assert!(
            la.iter()
                .any(|p| p.is_admin1() && p.geonames == Some(4331987))
        );
        let abbr = lookup("La.");
        assert!(abbr.iter().any(|p| p.name == "Louisiana"));
        let paris = lookup("paris");
        assert!(paris.iter().any(|p| p.country == "US" && p.admin1 == "TX"));
        assert_eq!(paris.first().map(|p| p.country), Some("FR"));
        assert!(lookup("the United States").iter().any(|p| p.is_country()));
        assert!(lookup("").is_empty());
    }

    #[test]
    fn normalises() {
        let mut s = String::new();
        normalise_into("  The  Hague’s ", &mut s);
        assert_eq!(s, "hague's");
        // The ASCII path and the general one agree.
        normalise_into("\x0bThe \t Hague`s\x0c", &mut s);
        assert_eq!(s, "hague's");
        normalise_into("THE\x1fSaint-Louis", &mut s);
        assert_eq!(s, "the\x1fsaint-louis", "U+001F is not white space");
        normalise_into("The  Hague\u{2019}s", &mut s);
        assert_eq!(s, "hague's");
        normalise_into("the", &mut s);
        assert_eq!(s, "the");
    }
}
