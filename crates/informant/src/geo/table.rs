//! The embedded place table: GeoNames countries, first- and second-order divisions and
//! populated places of 1,000 people or more.
//!
//! The data (`data/gazetteer/geonames.tsv.gz`, built by `tools/gazetteer/build.py --geo`)
//! is a gzip of UTF-8 TSV, one line per place:
//! `geonames name alternates lat lon feature country admin1 admin2 population`.
//! The crate's build script (`build.rs`) decompresses it and lays it out for use as it
//! is: the text, a fixed-size record per place (its fields' offsets in the text, the
//! coordinates and population already parsed) and a sorted index of the names' hashed
//! lookup keys, all embedded in the binary. Nothing is parsed, hashed or sorted at run
//! time: a place is read from its record when asked for, and a lookup is a binary search
//! plus a check of the candidates' names.

use std::sync::OnceLock;

pub(crate) use crate::geo::keys::normalise_into;
use crate::geo::keys::{index_key, key_hash, normalises_to};
use crate::recognise::phrases::split_byte;

/// The table's text (the decompressed `geonames.tsv.gz`).
const TEXT: &str = include_str!(concat!(env!("OUT_DIR"), "/geonames.tsv"));
/// One [`RECORD`]-byte record per place (layout in `build.rs`).
const RECORDS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/geonames.places"));
/// The index's lookup keys (`u32`, little-endian), sorted.
const KEYS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/geonames.keys"));
/// Beside each key, the place it names (`u32`, little-endian).
const IDS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/geonames.ids"));
/// The places that are countries (`u32`, little-endian), ascending.
const COUNTRIES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/geonames.countries"));

/// Bytes of one place record.
const RECORD: usize = 48;

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

/// The embedded table.
pub(crate) struct Table {
    text: &'static str,
    records: &'static [u8],
    keys: &'static [u8],
    ids: &'static [u8],
    /// Country code -> index of the country.
    countries: crate::recognise::phrases::FastMap<&'static str, u32>,
}

static TABLE: OnceLock<Table> = OnceLock::new();

/// The table, set up on first use. A malformed table (never with the shipped data) is an
/// empty one: places then stay unresolved.
pub(crate) fn table() -> &'static Table {
    TABLE.get_or_init(|| {
        let mut t = Table {
            text: TEXT,
            records: RECORDS,
            keys: KEYS,
            ids: IDS,
            countries: Default::default(),
        };
        if RECORDS.len() % RECORD != 0 || KEYS.len() != IDS.len() || KEYS.len() % 4 != 0 {
            t.records = &[];
            t.keys = &[];
            t.ids = &[];
            return t;
        }
        for c in COUNTRIES.chunks_exact(4) {
            let i = u32_at(c, 0);
            if let Some(p) = t.get(i) {
                t.countries.entry(p.country).or_insert(i);
            }
        }
        t
    })
}

/// The little-endian `u32` at `at` in `b` (0 past its end).
fn u32_at(b: &[u8], at: usize) -> u32 {
    b.get(at..at + 4)
        .and_then(|s| s.try_into().ok())
        .map_or(0, u32::from_le_bytes)
}

impl Table {
    /// Places one of whose names normalises to `norm` (already normalised), in table order.
    pub(crate) fn lookup_normalised(&self, norm: &str) -> impl Iterator<Item = u32> + '_ {
        let k = index_key(key_hash(norm));
        let n = self.keys.len() / 4;
        // The first entry whose key is not below `k`.
        let (mut lo, mut hi) = (0, n);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if u32_at(self.keys, 4 * mid) < k {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let mut buf = String::new();
        let norm = norm.to_owned();
        (lo..n)
            .take_while(move |&j| u32_at(self.keys, 4 * j) == k)
            .filter_map(move |j| {
                let i = u32_at(self.ids, 4 * j);
                let p = self.get(i)?;
                p.names()
                    .any(|n| normalises_to(n, &norm, &mut buf))
                    .then_some(i)
            })
    }

    /// The country with ISO code `cc`.
    pub(crate) fn country(&self, cc: &str) -> Option<Place> {
        self.countries.get(cc).and_then(|&i| self.get(i))
    }

    /// The place at index `i`, read from its record.
    pub(crate) fn get(&self, i: u32) -> Option<Place> {
        let at = (i as usize).checked_mul(RECORD)?;
        // A fixed-size record: its fields are read with no bounds checks.
        let r: &[u8; RECORD] = self
            .records
            .get(at..at.checked_add(RECORD)?)?
            .try_into()
            .ok()?;
        let u16_at = |k: usize| usize::from(u16::from_le_bytes([r[k], r[k + 1]]));
        let u32_at = |k: usize| u32::from_le_bytes([r[k], r[k + 1], r[k + 2], r[k + 3]]);
        let u64_at = |k: usize| {
            u64::from_le_bytes([
                r[k],
                r[k + 1],
                r[k + 2],
                r[k + 3],
                r[k + 4],
                r[k + 5],
                r[k + 6],
                r[k + 7],
            ])
        };
        let gid = u32_at(0);
        let (name_at, name_len, alt_len) = (u32_at(4) as usize, u16_at(8), u16_at(10));
        let (feat_at, feat_len) = (u32_at(12) as usize, u16_at(16));
        let (country_len, admin1_len, admin2_len) = (u16_at(18), u16_at(20), u16_at(22));
        // `name \t alternates`, then `feature \t country \t admin1 \t admin2`.
        let names = self.text.get(name_at..name_at + name_len + 1 + alt_len)?;
        let (name, alternates) = (names.get(..name_len)?, names.get(name_len + 1..)?);
        let codes = self
            .text
            .get(feat_at..feat_at + feat_len + country_len + admin1_len + admin2_len + 3)?;
        let (feature, rest) = codes.split_at_checked(feat_len)?;
        let (country, rest) = rest.get(1..)?.split_at_checked(country_len)?;
        let (admin1, rest) = rest.get(1..)?.split_at_checked(admin1_len)?;
        let admin2 = rest.get(1..)?;
        Some(Place {
            geonames: (gid != 0).then_some(gid),
            name,
            alternates,
            lat: f64::from_bits(u64_at(24)),
            lon: f64::from_bits(u64_at(32)),
            feature,
            country,
            admin1,
            admin2,
            population: u64_at(40),
        })
    }

    /// Number of places.
    pub(crate) fn len(&self) -> usize {
        self.records.len() / RECORD
    }

    /// Whether the table has no places.
    pub(crate) fn is_empty(&self) -> bool {
        self.records.is_empty()
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
        .filter_map(|i| t.get(i))
        .collect();
    out.sort_by_key(|p| std::cmp::Reverse(p.population));
    out
}

/// Number of places in the embedded table.
pub fn place_count() -> usize {
    table().len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::keys::{name_key, normalise_ascii, normalise_ascii_bytewise};

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

    proptest::proptest! {
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

    /// The shipped table's gzip, read plainly by the tests.
    const DATA: &[u8] = include_bytes!("../../data/gazetteer/geonames.tsv.gz");

    #[test]
    fn the_shipped_table_reads_as_the_plain_reading_does() {
        // Every place line as `str::lines`, `str::split` and `str::parse` read it (the
        // loader's reading before the build script laid the table out), field by field;
        // and every name's lookup finds exactly the places that have a name of the same
        // normalised form, in table order.
        use std::io::Read;
        let mut text = String::new();
        flate2::read::GzDecoder::new(DATA)
            .read_to_string(&mut text)
            .expect("the shipped table decompresses");
        assert_eq!(text, TEXT);
        let t = table();
        let mut i = 0u32;
        let mut named: std::collections::HashMap<String, Vec<u32>> = Default::default();
        let (mut norm, mut buf) = (String::new(), String::new());
        for line in text.lines() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let p = t.get(i).expect("every line is a place");
            let gid: u32 = f[0].parse().unwrap();
            assert_eq!(p.geonames, (gid != 0).then_some(gid));
            assert_eq!(p.name, f[1]);
            assert_eq!(p.alternates, f[2]);
            assert_eq!(
                p.lat.to_bits(),
                f[3].parse::<f64>().unwrap().to_bits(),
                "{line}"
            );
            assert_eq!(
                p.lon.to_bits(),
                f[4].parse::<f64>().unwrap().to_bits(),
                "{line}"
            );
            assert_eq!(p.feature, f[5]);
            assert_eq!(p.country, f[6]);
            assert_eq!(p.admin1, f[7]);
            assert_eq!(p.admin2, f[8]);
            assert_eq!(p.population, f[9].parse::<u64>().unwrap());
            let names: Vec<&str> = std::iter::once(f[1])
                .chain(f[2].split('|').filter(|a| !a.is_empty()))
                .collect();
            assert!(p.names().eq(names.iter().copied()));
            for n in names {
                normalise_into(n, &mut norm);
                assert_eq!(name_key(n, &mut buf), key_hash(&norm), "{n:?}");
                assert!(normalises_to(n, &norm, &mut buf), "{n:?}");
                let v = named.entry(norm.clone()).or_default();
                if v.last() != Some(&i) {
                    v.push(i);
                }
            }
            i += 1;
        }
        assert_eq!(i as usize, t.len());
        assert!(t.get(i).is_none());
        for (norm, places) in &named {
            assert_eq!(
                &t.lookup_normalised(norm).collect::<Vec<_>>(),
                places,
                "{norm:?}"
            );
        }
        // The countries are the first `A.PCL*` place of each code.
        for i in 0..i {
            let p = t.get(i).unwrap();
            if p.is_country() {
                assert!(t.countries.get(p.country).is_some_and(|&c| c <= i));
            }
        }
    }

    #[test]
    fn the_index_key_is_the_old_fnv_key_folded() {
        use std::hash::Hasher;
        for s in ["", "paris", "hague's", "côte d'ivoire", "東京"] {
            let mut h = crate::recognise::phrases::Fnv::default();
            h.write(s.as_bytes());
            assert_eq!(key_hash(s), h.finish());
            assert_eq!(
                index_key(key_hash(s)),
                (h.finish() ^ (h.finish() >> 32)) as u32
            );
        }
    }

    #[test]
    fn loads_and_finds() {
        let t = table();
        assert!(t.len() > 150_000, "{}", t.len());
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
