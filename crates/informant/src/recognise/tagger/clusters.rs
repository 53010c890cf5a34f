//! Word clusters and frequencies: what the tagger knows of a word it never saw in training.
//!
//! The table (`data/model/wordclusters.tsv`, built by `tools/wordclusters/build.py` from
//! spaCy's `en_core_web_md` vectors and `wordfreq`'s frequencies; sources and licences in
//! `data/model/README.md`) gives each of about 126,000 lower-case English words a fine
//! cluster (k-means over the vectors), a coarse cluster (k-means over the fine centroids)
//! and a Zipf frequency. Words used alike ("Barnsley", "Leeds", "Cardiff") share a
//! cluster, so a name seen once in training carries over to its neighbours.
//!
//! Loading parses the table once into a hash map keyed by the word (a few
//! milliseconds, lazily on first use); a lookup is then one hash and one compare.

use std::collections::HashMap;
use std::sync::LazyLock;

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

/// FNV-1a: the keys are short words, for which it beats SipHash several times over.
/// The table is fixed at build time, so hash flooding is not a concern.
#[derive(Default, Clone, Copy)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FnvBuild = std::hash::BuildHasherDefault<Fnv>;

static CLUSTERS: LazyLock<HashMap<&'static str, WordClass, FnvBuild>> = LazyLock::new(|| {
    let mut coarse: Vec<u8> = Vec::new();
    let mut map = HashMap::with_capacity_and_hasher(130_000, FnvBuild::default());
    for line in TABLE.lines() {
        if let Some(rest) = line.strip_prefix('#') {
            if let Some((_, list)) = rest.split_once(':') {
                coarse = list
                    .split_whitespace()
                    .filter_map(|c| c.parse::<u8>().ok())
                    .collect();
            }
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(word), Some(fine), Some(zipf)) = (cols.next(), cols.next(), cols.next()) else {
            continue;
        };
        let (Ok(fine), Ok(zipf)) = (fine.parse::<u16>(), zipf.trim().parse::<f32>()) else {
            continue;
        };
        map.insert(
            word,
            WordClass {
                fine,
                coarse: coarse.get(usize::from(fine)).copied().unwrap_or(0),
                zipf10: (zipf * 10.0).round().clamp(0.0, 80.0) as u8,
            },
        );
    }
    map
});

/// The class of `lower` (a lower-case word), if the table has it.
pub fn lookup(lower: &str) -> Option<WordClass> {
    CLUSTERS.get(lower).copied()
}

/// Number of words in the table.
pub fn len() -> usize {
    CLUSTERS.len()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
