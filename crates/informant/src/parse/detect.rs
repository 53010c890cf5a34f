//! Guessing the format of an input from its content.

use crate::document::Format;

/// Guesses whether `text` is HTML, Markdown or plain text.
///
/// HTML is chosen when the text starts (after white space, a BOM and comments)
/// with a doctype or `<html`, or when its first 2 KB are dense with common tags
/// (see `looks_like_html`).
///
/// Markdown is chosen when the text shows at least two signals of it (ATX
/// headings, fenced code, links, emphasis with `**`, tables, setext underlines,
/// block quotes), or one strong signal (a heading or fenced code block) in a
/// short text. Plain text with dashes as bullets stays text: both formats use them.
///
/// # Example
/// ```
/// use informant::{detect_format, Format};
/// assert_eq!(detect_format("# Report\n\nSee [the map](http://x.org)."), Format::Markdown);
/// assert_eq!(detect_format("Report\n\n- a bullet\n- another"), Format::Text);
/// ```
pub fn detect_format(text: &str) -> Format {
    if looks_like_html(text) {
        return Format::Html;
    }
    let mut score = 0u32;
    let mut prev_nonblank = false;
    for line in text.lines().take(2000) {
        let t = line.trim_start_matches(' ');
        let indent = line.len() - t.len();
        if indent < 4 {
            if let Some(rest) = t.strip_prefix('#') {
                let hashes = 1 + rest.bytes().take_while(|&b| b == b'#').count();
                if hashes <= 6 && t[hashes..].starts_with(' ') {
                    score += 2;
                }
            }
            if t.starts_with("```") || t.starts_with("~~~") {
                score += 2;
            }
            if t.starts_with("> ") {
                score += 1;
            }
            if prev_nonblank
                && t.len() >= 3
                && (t.bytes().all(|b| b == b'=') || t.bytes().all(|b| b == b'-'))
            {
                score += 1;
            }
            if t.starts_with('|') && t.contains("---") {
                score += 2;
            }
        }
        if line.contains("](") && line.contains('[') {
            score += 2;
        }
        if line.contains("**") || line.contains("__") {
            score += 1;
        }
        if score >= 3 {
            return Format::Markdown;
        }
        prev_nonblank = !t.trim().is_empty();
    }
    if score >= 2 {
        Format::Markdown
    } else {
        Format::Text
    }
}

/// Tags common at the start of web pages, counted to recognise HTML without a doctype.
const COMMON_TAGS: [&str; 16] = [
    "<html", "<head", "<body", "<meta", "<title", "<div", "<p>", "<p ", "<script", "<link",
    "<span", "<a ", "<br", "<table", "<ul", "<li",
];

/// Whether `text` looks like an HTML page: a doctype or `<html` first, or at least
/// five common tags (`<div`, `<p>`, `<meta`, ...) and a tag for every 200 bytes in
/// its first 2 KB. Markdown with some inline HTML stays Markdown.
pub(crate) fn looks_like_html(text: &str) -> bool {
    let mut head = &text[..floor_boundary(text, 2048)];
    head = head.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    while let Some(rest) = head.strip_prefix("<!--") {
        head = rest.find("-->").map_or("", |e| &rest[e + 3..]).trim_start();
    }
    let start = &head.as_bytes()[..head.len().min(14)];
    if start.len() >= 5 && start[..5].eq_ignore_ascii_case(b"<html")
        || start.len() >= 9 && start[..9].eq_ignore_ascii_case(b"<!doctype")
        || start.len() >= 5 && start[..5].eq_ignore_ascii_case(b"<?xml") && head.contains("<html")
    {
        return true;
    }
    // Plain text and Markdown seldom hold a '<': skip the tag count (this runs on every document).
    if memchr::memchr(b'<', head.as_bytes()).is_none() {
        return false;
    }
    let lower = head.to_ascii_lowercase();
    let tags: usize = COMMON_TAGS.iter().map(|t| lower.matches(t).count()).sum();
    tags >= 5 && tags * 200 >= head.len()
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects() {
        let cases = [
            ("plain text.\n\nMore text.", Format::Text),
            ("Title\n\n- a\n- b\n* c", Format::Text),
            ("# Heading\n\nText.", Format::Markdown),
            ("Some **bold** and [a link](x).", Format::Markdown),
            ("Title\n=====\n\nText with __under__.", Format::Markdown),
            ("| a | b |\n|---|---|\n| 1 | 2 |", Format::Markdown),
            ("```\ncode\n```", Format::Markdown),
            ("#hashtag is not a heading", Format::Text),
            ("", Format::Text),
            ("<!DOCTYPE html><title>x</title>", Format::Html),
            ("\u{feff}  <!-- saved --> <HTML lang=en>", Format::Html),
            (
                "<div><p>One</p><p>Two</p><p>Three</p><br><span>x</span></div>",
                Format::Html,
            ),
            ("# Title\n\nText with <br> one tag.", Format::Markdown),
            ("a < b and <c>", Format::Text),
        ];
        for (t, f) in cases {
            assert_eq!(detect_format(t), f, "{t:?}");
        }
    }
}
