//! Word clusters and frequencies: what the tagger knows of a word it never saw in training.
//!
//! The table (`data/model/wordclusters.tsv`, built by `tools/wordclusters/build.py` from
//! spaCy's `en_core_web_md` vectors and `wordfreq`'s frequencies; sources and licences in
//! `data/model/README.md`) gives each of about 126,000 lower-case English words a fine
//! cluster (k-means over the vectors), a coarse cluster (k-means over the fine centroids)
//! and a Zipf frequency. Words used alike ("Barnsley", "Leeds", "Cardiff") share a
//! cluster, so a name seen once in training carries over to its neighbours.
//!
//! The text is sorted by word (byte order) and searched in place: loading indexes line
//! starts only, no map is built.

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

struct Table {
    /// Byte offset of each entry line in `TABLE`.
    lines: Vec<u32>,
    /// Coarse cluster of each fine cluster.
    coarse: Vec<u8>,
}

static CLUSTERS: LazyLock<Table> = LazyLock::new(|| {
    let mut lines = Vec::with_capacity(130_000);
    let mut coarse = Vec::new();
    let mut pos = 0usize;
    for line in TABLE.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix('#') {
            if let Some((_, list)) = rest.split_once(':') {
                coarse = list
                    .split_whitespace()
                    .filter_map(|c| c.parse::<u8>().ok())
                    .collect();
            }
        } else if !line.trim().is_empty() {
            lines.push(pos as u32);
        }
        pos += line.len();
    }
    Table { lines, coarse }
});

fn entry(off: u32) -> (&'static str, &'static str) {
    let line = TABLE.get(off as usize..).unwrap_or("");
    let line = line.split('\n').next().unwrap_or("");
    line.split_once('\t').unwrap_or((line, ""))
}

/// The class of `lower` (a lower-case word), if the table has it.
pub fn lookup(lower: &str) -> Option<WordClass> {
    let t = &*CLUSTERS;
    let i = t
        .lines
        .binary_search_by(|&off| entry(off).0.as_bytes().cmp(lower.as_bytes()))
        .ok()?;
    let (_, rest) = entry(t.lines[i]);
    let mut cols = rest.split('\t');
    let fine: u16 = cols.next()?.parse().ok()?;
    let zipf: f32 = cols.next()?.trim().parse().ok()?;
    Some(WordClass {
        fine,
        coarse: t.coarse.get(usize::from(fine)).copied().unwrap_or(0),
        zipf10: (zipf * 10.0).round().clamp(0.0, 80.0) as u8,
    })
}

/// Number of words in the table.
pub fn len() -> usize {
    CLUSTERS.lines.len()
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
