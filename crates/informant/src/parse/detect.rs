//! Guessing the format of an input from its content.

use crate::document::Format;

/// Guesses whether `text` is Markdown or plain text.
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
        ];
        for (t, f) in cases {
            assert_eq!(detect_format(t), f, "{t:?}");
        }
    }
}
