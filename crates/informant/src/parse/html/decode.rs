//! From the bytes of a page to text: the encoding, and a map back to byte offsets.
//!
//! The encoding is chosen as browsers do (WHATWG "encoding sniffing", simplified):
//! a byte-order mark; else a `<meta charset>` or `<meta http-equiv="Content-Type">`
//! declaration in the first 1024 bytes (the spec's prescan, which reads bytes, not
//! a DOM); else UTF-8 when the bytes are valid UTF-8, windows-1252 otherwise.
//! One correction: a page declaring a single-byte legacy encoding whose bytes are
//! valid UTF-8 with multi-byte sequences is read as UTF-8, since text in a legacy
//! encoding is practically never valid UTF-8 by accident while mislabelled
//! UTF-8 pages are common.
//!
//! Offsets in the decoded text map back to the original bytes through checkpoints
//! at every `<`: element starts are exact, element ends exact when the end tag
//! is ASCII (as tags are).

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// A decoded page.
#[derive(Debug)]
pub(crate) struct Decoded<'a> {
    /// The page as text (borrowed when the input is UTF-8).
    pub text: std::borrow::Cow<'a, str>,
    /// The encoding it was read with.
    #[cfg_attr(not(test), allow(dead_code))]
    pub encoding: &'static Encoding,
    /// `(decoded offset, source offset)` at each `<`; empty when they are equal.
    checkpoints: Vec<(usize, usize)>,
    /// Bytes per ASCII character in the source (2 for UTF-16).
    unit: usize,
    /// Length of the source in bytes.
    source_len: usize,
}

impl Decoded<'_> {
    /// The byte offset in the original input of decoded offset `pos`.
    pub fn source_offset(&self, pos: usize) -> usize {
        if self.checkpoints.is_empty() {
            return pos.min(self.source_len);
        }
        let i = self.checkpoints.partition_point(|c| c.0 <= pos);
        let Some(&(d, s)) = i.checked_sub(1).and_then(|i| self.checkpoints.get(i)) else {
            return pos.min(self.source_len);
        };
        let between = self.text.get(d..pos).unwrap_or("");
        if between.is_ascii() {
            (s + between.len() * self.unit).min(self.source_len)
        } else {
            // Past non-ASCII text the exact byte is unknown: the next checkpoint bounds it.
            self.checkpoints.get(i).map_or(self.source_len, |c| c.1)
        }
    }
}

/// Reads `bytes` as a page: BOM, declared charset, or UTF-8 with a windows-1252 fallback.
pub(crate) fn decode(bytes: &[u8]) -> Decoded<'_> {
    let (encoding, bom) = match Encoding::for_bom(bytes) {
        Some((e, n)) => (e, n),
        None => (sniff(bytes), 0),
    };
    if encoding == UTF_8 {
        if let Ok(s) = std::str::from_utf8(bytes) {
            return Decoded {
                text: std::borrow::Cow::Borrowed(s),
                encoding,
                checkpoints: Vec::new(),
                unit: 1,
                source_len: bytes.len(),
            };
        }
    }
    let unit = if encoding == UTF_16LE || encoding == UTF_16BE {
        2
    } else {
        1
    };
    // Decode piece by piece, each piece starting at a `<`, noting where it starts in both.
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 8);
    let mut checkpoints = Vec::new();
    let mut start = bom;
    let is_lt = |i: usize| match unit {
        2 if encoding == UTF_16LE => i % 2 == 0 && bytes.get(i + 1) == Some(&0),
        2 => i % 2 == 1 && bytes.get(i - 1) == Some(&0),
        _ => true,
    };
    let mut push = |text: &mut String, piece: &[u8], last: bool| {
        let need = decoder
            .max_utf8_buffer_length(piece.len())
            .unwrap_or(piece.len() * 3 + 16);
        text.reserve(need);
        let _ = decoder.decode_to_string(piece, text, last);
    };
    // In UTF-16BE the `<` unit is 0x00 0x3C: the piece starts at the 0x00 before it.
    let shift = usize::from(unit == 2 && encoding == UTF_16BE);
    let mut search = bom;
    while let Some(off) = memchr::memchr(b'<', bytes.get(search..).unwrap_or(&[])) {
        let i = search + off;
        search = i + 1;
        if !is_lt(i) || i - shift <= start {
            continue;
        }
        let at = i - shift;
        push(&mut text, &bytes[start..at], false);
        checkpoints.push((text.len(), at));
        start = at;
    }
    push(&mut text, &bytes[start..], true);
    if checkpoints.first().is_none_or(|c| c.0 != 0) {
        checkpoints.insert(0, (0, bom));
    }
    Decoded {
        text: std::borrow::Cow::Owned(text),
        encoding,
        checkpoints,
        unit,
        source_len: bytes.len(),
    }
}

/// The encoding of a page without a BOM.
fn sniff(bytes: &[u8]) -> &'static Encoding {
    let declared = prescan(&bytes[..bytes.len().min(1024)]);
    let utf8 = std::str::from_utf8(bytes).is_ok();
    match declared {
        // A page cannot declare UTF-16 in ASCII; the spec reads it as UTF-8.
        Some(e) if e == UTF_16LE || e == UTF_16BE => UTF_8,
        Some(e) if e == UTF_8 => UTF_8,
        Some(e) if e.is_single_byte() && utf8 && !bytes.is_ascii() => UTF_8,
        Some(e) => e,
        None if utf8 => UTF_8,
        None => WINDOWS_1252,
    }
}

/// The spec's prescan for `<meta charset=...>` or `<meta ... content="...; charset=...">`:
/// a byte-level scan over the start of the page, skipping comments.
fn prescan(head: &[u8]) -> Option<&'static Encoding> {
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &head[i..]) {
        i += off;
        let rest = &head[i..];
        if rest.starts_with(b"<!--") {
            i += memchr::memmem::find(rest, b"-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        let tag_end = memchr::memchr(b'>', rest).map_or(rest.len(), |e| e);
        let tag = &rest[..tag_end];
        if tag.len() > 5 && tag[1..5].eq_ignore_ascii_case(b"meta") {
            let lower = tag.to_ascii_lowercase();
            if let Some(p) = memchr::memmem::find(&lower, b"charset") {
                let v = &tag[p + 7..];
                let v = v.trim_ascii_start();
                if let Some(v) = v.strip_prefix(b"=") {
                    let v = v.trim_ascii_start();
                    let v = v
                        .strip_prefix(b"\"")
                        .or_else(|| v.strip_prefix(b"'"))
                        .unwrap_or(v);
                    let end = v
                        .iter()
                        .position(|&b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>'))
                        .unwrap_or(v.len());
                    if let Some(e) = Encoding::for_label(&v[..end]) {
                        return Some(e);
                    }
                }
            }
        }
        i += tag_end.max(1);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        let d = decode(b"<meta charset=\"windows-1252\"><p>caf\xe9 <b>x</b>");
        assert_eq!(d.encoding, WINDOWS_1252);
        assert_eq!(d.text, "<meta charset=\"windows-1252\"><p>café <b>x</b>");
        let b = d.text.find("<b>").unwrap();
        assert_eq!(d.source_offset(b), 37);
        assert_eq!(d.source_offset(b + 3), 40);
        // Mislabelled: declares latin-1, is UTF-8.
        let d = decode(
            "<meta http-equiv=Content-Type content='text/html; charset=iso-8859-1'>café".as_bytes(),
        );
        assert_eq!(d.encoding, UTF_8);
        // No declaration, not UTF-8.
        assert_eq!(decode(b"<p>\x93hi\x94").text, "<p>\u{201c}hi\u{201d}");
        // BOM.
        let d = decode(b"\xff\xfe<\0p\0>\0h\0<\0b\0>\0");
        assert_eq!(d.text, "<p>h<b>");
        assert_eq!(d.source_offset(4), 10);
        let d = decode(b"\xfe\xff\0<\0p\0>\0h\0<\0b\0>");
        assert_eq!(d.text, "<p>h<b>");
        assert_eq!(d.source_offset(4), 10);
    }
}
