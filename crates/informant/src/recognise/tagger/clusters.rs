//! Word clusters and frequencies: what the tagger knows of a word it never saw in training.
//!
//! The table (`data/model/wordclusters.tsv`, built by `tools/wordclusters/build.py` from
//! spaCy's `en_core_web_md` vectors and `wordfreq`'s frequencies; sources and licences in
//! `data/model/README.md`) gives each of about 126,000 lower-case English words a fine
//! cluster (k-means over the vectors), a coarse cluster (k-means over the fine centroids)
//! and a Zipf frequency. Words used alike ("Barnsley", "Leeds", "Cardiff") share a
//! cluster, so a name seen once in training carries over to its neighbours.
//!
//! Loading parses the table once (lazily, on first use) into an open-addressing table
//! keyed by the word's FNV-1a hash (`features::hs`), the same hash the tagger already computes of every
//! lower-cased token: a lookup is one multiply and, mostly, one cache line. A slot is
//! 8 bytes (a 32-bit fingerprint of the hash and the packed class), 2 MB in all, so the
//! table stays in cache beside the model. Two words share a slot only if their hashes
//! agree on the index bits and on the fingerprint: about one unknown word in 10^9
//! may read a wrong cluster, which costs one feature value, never a crash.

use std::sync::LazyLock;

use super::features::hs;
use crate::recognise::phrases::{decimal_digits, lines, split_byte};

const TABLE: &str = include_str!("../../../data/model/wordclusters.tsv");

/// What the table says of one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordClass {
    /// Fine cluster (0..2048).
    pub fine: u16,
    /// Coarse cluster (0..128).
    pub coarse: u8,
    /// Zipf frequency times ten (0..=80): 70 for "the", 30 for a rare word.
    pub zipf10: u8,
}

/// log2 of the slot count: 262,144 slots for about 126,000 words (load below one half).
const BITS: u32 = 18;

struct Table {
    /// `fingerprint << 32 | fine << 8 | zipf10`; 0 is an empty slot.
    slots: Vec<u64>,
    /// Coarse cluster of each fine cluster.
    coarse: Vec<u8>,
    len: usize,
}

fn slot_of(h: u64) -> usize {
    (h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - BITS)) as usize
}

fn fingerprint(h: u64) -> u64 {
    // Low half of the hash (the index used the high half of a product), never 0.
    u64::from((h as u32).max(1))
}

static CLUSTERS: LazyLock<Table> = LazyLock::new(|| {
    let mask = (1usize << BITS) - 1;
    let mut t = Table {
        slots: vec![0; 1 << BITS],
        coarse: Vec::new(),
        len: 0,
    };
    for line in lines(TABLE) {
        if let Some(rest) = line.strip_prefix('#') {
            if let Some((_, list)) = rest.split_once(':') {
                t.coarse = list
                    .split_whitespace()
                    .filter_map(|c| c.parse::<u8>().ok())
                    .collect();
            }
            continue;
        }
        let mut cols = split_byte(line, b'\t');
        let (Some(word), Some(fine), Some(zipf)) = (cols.next(), cols.next(), cols.next()) else {
            continue;
        };
        let (Ok(fine), Ok(zipf)) = (fine.parse::<u16>(), parse_zipf(zipf.trim())) else {
            continue;
        };
        let h = hs(word);
        let zipf10 = (zipf * 10.0).round().clamp(0.0, 80.0) as u64;
        let entry = fingerprint(h) << 32 | u64::from(fine) << 8 | zipf10;
        let mut i = slot_of(h);
        // The table is never more than half full, so probing ends.
        while t.slots[i] != 0 && t.slots[i] >> 32 != fingerprint(h) {
            i = (i + 1) & mask;
        }
        if t.slots[i] == 0 {
            t.len += 1;
        }
        t.slots[i] = entry;
        if t.len * 2 >= t.slots.len() {
            break;
        }
    }
    t
});

/// `s.parse::<f32>()` for the table's frequencies (`d.d`): a few digits with a point are
/// an integer below 2^24 over a power of ten below 10^11, both exact in an `f32`, so one
/// correctly rounded division is the correctly rounded value `parse` gives. Anything
/// else goes to `parse` (which cost about 150 instructions a number, a tenth of the load).
fn parse_zipf(s: &str) -> Result<f32, std::num::ParseFloatError> {
    const POW10: [f32; 8] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7];
    match decimal_digits(s.as_bytes(), 7).map(|(m, frac)| (m, POW10.get(frac))) {
        // At most 7 digits: `m < 10^7 < 2^24` is exact.
        Some((m, Some(&p))) => Ok(m as f32 / p),
        _ => s.parse(),
    }
}

/// The class of the word whose lower-cased UTF-8 bytes hash (FNV-1a) to `h`.
pub(crate) fn lookup_hash(h: u64) -> Option<WordClass> {
    let t = &*CLUSTERS;
    let mask = t.slots.len() - 1;
    let fp = fingerprint(h);
    let mut i = slot_of(h);
    loop {
        let e = *t.slots.get(i)?;
        if e == 0 {
            return None;
        }
        if e >> 32 == fp {
            let fine = ((e >> 8) & 0xffff) as u16;
            return Some(WordClass {
                fine,
                coarse: t.coarse.get(usize::from(fine)).copied().unwrap_or(0),
                zipf10: (e & 0xff) as u8,
            });
        }
        i = (i + 1) & mask;
    }
}

/// The class of `lower` (a lower-case word), if the table has it.
pub fn lookup(lower: &str) -> Option<WordClass> {
    lookup_hash(hs(lower))
}

/// Number of words in the table.
pub fn len() -> usize {
    CLUSTERS.len
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frequencies_parse_as_str_parse_does() {
        for s in [
            "0",
            "0.0",
            "5.2",
            "1.8",
            "7.3",
            "8.0",
            "9.99",
            "1234567",
            "12345678",
            "1.",
            ".5",
            "",
            "-1.0",
            "1e3",
            "nan",
            "0.1234567",
            "3.14159",
        ] {
            assert_eq!(
                parse_zipf(s).ok().map(f32::to_bits),
                s.parse::<f32>().ok().map(f32::to_bits),
                "{s:?}"
            );
        }
        for m in 0..10_000u32 {
            for s in [
                format!("{}.{}", m / 10, m % 10),
                format!("{}.{:02}", m / 100, m % 100),
                format!("{}.{:03}", m / 1000, m % 1000),
                m.to_string(),
            ] {
                assert_eq!(
                    parse_zipf(&s).ok().map(f32::to_bits),
                    s.parse::<f32>().ok().map(f32::to_bits),
                    "{s:?}"
                );
            }
        }
    }

    #[test]
    fn finds_words_and_groups_alike_ones() {
        assert!(len() > 100_000);
        let the = lookup("the").unwrap();
        assert!(the.zipf10 >= 70);
        let leeds = lookup("leeds").unwrap();
        let sheffield = lookup("sheffield").unwrap();
        assert_eq!(leeds.coarse, sheffield.coarse);
        assert!(lookup("qwzxv-not-a-word").is_none());
        assert!(lookup("").is_none());
        // The tagger looks words up by the hash it computed while lower-casing them.
        assert_eq!(lookup_hash(hs("leeds")), Some(leeds));
    }
}
