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

use crate::recognise::phrases::Fnv;

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
        std::iter::once(self.name).chain(self.alternates.split('|').filter(|a| !a.is_empty()))
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
    let b = s.as_bytes();
    // Most names have no '`', no space but ASCII spaces, and no two of those in a
    // row: then the steps below come to lower-casing a copy.
    let plain = !b
        .iter()
        .any(|&c| matches!(c, b'`' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'))
        && !b.windows(2).any(|w| w == b"  ");
    if plain {
        out.push_str(s);
        out.make_ascii_lowercase();
        if out.starts_with("the ") {
            out.drain(..4);
        }
        return;
    }
    normalise_ascii_bytewise(s, out);
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

/// The tab-separated fields of `line`, as `line.split('\t')` yields them: a byte
/// loop, since the fields are short and the table has 280,000 lines of ten
/// (`str::split` paid a searcher's set-up for each field: about 10% of the load).
fn fields(line: &'static str) -> impl Iterator<Item = &'static str> {
    let mut rest = Some(line);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.bytes().position(|b| b == b'\t') {
            // A tab is ASCII: both sides of it are on char boundaries.
            Some(i) => {
                rest = r.get(i + 1..);
                r.get(..i)
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

fn parse_line(line: &'static str) -> Option<Place> {
    let mut f = fields(line);
    let gid: u32 = f.next()?.parse().ok()?;
    let name = f.next()?;
    let alternates = f.next()?;
    let lat: f64 = f.next()?.parse().ok()?;
    let lon: f64 = f.next()?.parse().ok()?;
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
    for line in text.lines() {
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
            normalise_into(n, &mut norm);
            let h = key_hash(&norm);
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
                    .any(|n| {
                        normalise_into(n, &mut buf);
                        buf == norm
                    })
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
