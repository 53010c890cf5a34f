//! Lookup keys of place names: the normalised form of a name and its hash.
//!
//! Shared by the library (`geo::table`) and the crate's build script, which hashes every
//! name of the shipped table once, at build time, into the sorted index the library
//! embeds: both must compute the same keys. Only `std` is used here.

/// Hash of the normalised form of `s` (see [`normalise_into`]).
pub(crate) fn key_hash(norm: &str) -> u64 {
    // FNV-1a from its offset basis (as `recognise::phrases::Fnv`'s one `write`).
    let mut x = FNV_BASIS;
    for &c in norm.as_bytes() {
        x ^= u64::from(c);
        x = x.wrapping_mul(FNV_PRIME);
    }
    x
}

const FNV_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// The index's 32-bit key of a name's 64-bit [`key_hash`]: its two halves folded.
/// A lookup checks every candidate's names, so keys that collide only cost a check.
pub(crate) fn index_key(h: u64) -> u32 {
    (h ^ (h >> 32)) as u32
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
pub(crate) fn normalise_ascii(s: &str, out: &mut String) {
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
// Used by the build script (which hashes every name of the table) and the tests.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn name_key(s: &str, buf: &mut String) -> u64 {
    let t = s.trim();
    if t.is_ascii()
        && let Some(rest) = plain_ascii(t)
    {
        // FNV-1a from its offset basis, as in `key_hash`.
        let mut x = FNV_BASIS;
        for &c in rest.as_bytes() {
            x ^= u64::from(c.to_ascii_lowercase());
            x = x.wrapping_mul(FNV_PRIME);
        }
        return x;
    }
    normalise_into(s, buf);
    key_hash(buf)
}

/// Whether `s` normalises to `norm` (as `normalise_into(s) == norm`); `buf` is scratch space.
pub(crate) fn normalises_to(s: &str, norm: &str, buf: &mut String) -> bool {
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
pub(crate) fn normalise_ascii_bytewise(s: &str, out: &mut String) {
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
