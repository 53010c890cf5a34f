//! First names and the gender they usually tell, for pronoun agreement.
//!
//! The table (`data/names/personnames.tsv`, built by `tools/names/build.py` from the 1990
//! US Census first-name lists shipped in the PyPI package `names`; public domain, see
//! `data/names/LICENSE`) holds about 5,000 lower-case first names. A name used for both
//! (neither use four times the other: "leslie", "jordan") tells nothing.

use std::sync::LazyLock;

use super::pronouns::Gender;
use crate::recognise::phrases::FastMap as HashMap;

const TABLE: &str = include_str!("../../data/names/personnames.tsv");

static NAMES: LazyLock<HashMap<&'static str, u8>> = LazyLock::new(|| {
    let mut map = HashMap::default();
    for line in TABLE.lines().filter(|l| !l.starts_with('#')) {
        if let Some((name, flags)) = line.split_once('\t')
            && let Ok(flags) = flags.trim().parse::<u8>()
        {
            map.insert(name, flags);
        }
    }
    map
});

/// The gender a first name tells (any case), if it tells one.
pub(super) fn first_name_gender(word: &str) -> Option<Gender> {
    let lower = word.to_lowercase();
    match NAMES.get(lower.as_str()).copied() {
        Some(1) => Some(Gender::Male),
        Some(2) => Some(Gender::Female),
        _ => None,
    }
}

/// Whether `word` (any case) is a first name of the table.
pub(crate) fn is_first_name(word: &str) -> bool {
    NAMES.contains_key(word.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_first_names_tell_their_gender() {
        assert_eq!(first_name_gender("John"), Some(Gender::Male));
        assert_eq!(first_name_gender("mary"), Some(Gender::Female));
        assert_eq!(first_name_gender("Leslie"), None);
        assert_eq!(first_name_gender("Assad"), None);
        assert_eq!(first_name_gender(""), None);
    }
}
