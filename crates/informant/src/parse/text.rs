//! Plain text as analysts paste it from web pages and reports.
//!
//! Rules (each motivated by pasted news text such as `seeds/assad-asylum-russia.txt`):
//! - blocks are separated by blank lines (lines of white space, non-breaking or
//!   zero-width spaces count as blank);
//! - a line starting with a bullet (`•`, `-`, `*`, `–`, `·`, `▪`, `◦`, `‣`, `○`, `■`, `►`)
//!   or a number/letter label (`1.`, `1)`, `(1)`, `a)`, `(a)`) starts a list item;
//!   following lines that are not bullets continue it;
//! - a group of lines that stands alone, is short and has no final punctuation
//!   is a heading; the first such line of the document, followed by more text,
//!   is the title;
//! - hard-wrapped lines are joined into one paragraph, unless the previous line
//!   is longer than a wrapped line would be and ends a sentence (one paragraph per line).
//!
//! The text itself is never altered: CRLF, a BOM, non-breaking spaces, curly
//! quotes and zero-width characters stay in place and are skipped by the spans.

use crate::document::{Block, BlockKind, Document};
use crate::span::{Span, is_space};

/// Longest line (in chars) that can be a heading.
const MAX_HEADING_CHARS: usize = 120;
/// Most words a heading may have.
const MAX_HEADING_WORDS: usize = 16;
/// Longest first line (in chars) that can be the title.
const MAX_TITLE_CHARS: usize = 250;
/// Most words a title may have.
const MAX_TITLE_WORDS: usize = 30;
/// Lines longer than this were not hard-wrapped: a break after one that ends a
/// sentence is a paragraph break.
const WRAP_WIDTH: usize = 100;
/// Longest list-item label (in chars), as in "Tartous Naval Facility:".
const MAX_LABEL_CHARS: usize = 60;
/// Most words a list-item label may have.
const MAX_LABEL_WORDS: usize = 8;

#[derive(Debug, Clone, Copy)]
struct Line {
    /// The line's content, trimmed of white space.
    content: Span,
    /// For a bullet line, where the content after the bullet starts.
    bullet_body: Option<usize>,
    /// Leading white space in bytes (for continuation of list items).
    indent: usize,
}

/// Fills `doc.blocks` from plain text.
pub(super) fn parse(doc: &mut Document) {
    let text = doc.text.as_str();
    let mut blocks: Vec<Block> = Vec::new();
    let mut group: Vec<Line> = Vec::new();

    let mut pos = 0usize;
    let bytes = text.as_bytes();
    while pos <= text.len() {
        let end = memchr::memchr(b'\n', &bytes[pos..]).map_or(text.len(), |i| pos + i);
        let raw = Span::new(pos, end);
        let content = raw.trim(text);
        if content.is_empty() {
            flush(text, &mut group, &mut blocks);
        } else {
            let indent = content.start - raw.start;
            let bullet_body = bullet_body(text, content);
            if bullet_body.is_some() {
                flush(text, &mut group, &mut blocks);
            }
            group.push(Line {
                content,
                bullet_body,
                indent,
            });
        }
        if end == text.len() {
            break;
        }
        pos = end + 1;
    }
    flush(text, &mut group, &mut blocks);

    // The first block is the title when it is a single heading-like line and more follows.
    if blocks.len() > 1 {
        if let Some(first) = blocks.first_mut() {
            let s = &text[first.span.range()];
            if matches!(first.kind, BlockKind::Heading | BlockKind::Paragraph)
                && !s.contains('\n')
                && is_title_like(s)
            {
                first.kind = BlockKind::Title;
                first.level = Some(1);
            }
        }
    }
    doc.blocks = blocks;
}

/// Turns the pending group of lines into blocks.
fn flush(text: &str, group: &mut Vec<Line>, blocks: &mut Vec<Block>) {
    if group.is_empty() {
        return;
    }
    if let Some(body) = group[0].bullet_body {
        // A list item: the bullet line and its continuation lines.
        let end = group.last().map_or(body, |l| l.content.end);
        let span = Span::new(body, end).trim(text);
        let mut block = Block::new(BlockKind::ListItem, span);
        block.label = label(text, span);
        blocks.push(block);
        group.clear();
        return;
    }
    // Split the group into paragraphs at breaks after long, sentence-final lines,
    // and peel a short heading line off the top.
    let mut start = 0;
    for i in 0..group.len() {
        let line = group[i];
        let is_last = i + 1 == group.len();
        let s = &text[line.content.range()];
        let chars = s.chars().count();
        let heading_on_top = i == start
            && !is_last
            && is_heading_like(s)
            && group
                .get(i + 1)
                .is_some_and(|n| chars * 10 < text[n.content.range()].chars().count() * 6);
        let paragraph_break = !is_last
            && chars > WRAP_WIDTH
            && ends_sentence(s)
            && group[i + 1].indent <= line.indent;
        if heading_on_top || paragraph_break || is_last {
            let span = Span::new(group[start].content.start, line.content.end);
            blocks.push(text_block(text, span, i == start));
            start = i + 1;
        }
    }
    group.clear();
}

/// A paragraph, or a heading when it is a single heading-like line.
fn text_block(text: &str, span: Span, single_line: bool) -> Block {
    let s = &text[span.range()];
    if single_line && is_heading_like(s) {
        let mut b = Block::new(BlockKind::Heading, span);
        b.level = Some(2);
        b
    } else {
        Block::new(BlockKind::Paragraph, span)
    }
}

/// If the line starts with a bullet or list number followed by space, where the item's content starts.
fn bullet_body(text: &str, content: Span) -> Option<usize> {
    let s = &text[content.range()];
    let mut chars = s.char_indices();
    let (_, first) = chars.next()?;
    let marker_end = match first {
        '•' | '-' | '*' | '–' | '·' | '▪' | '◦' | '‣' | '○' | '■' | '►' | '●' | '⁃' => {
            first.len_utf8()
        }
        '0'..='9' => {
            let digits = s.bytes().take_while(u8::is_ascii_digit).count();
            match s.as_bytes().get(digits) {
                Some(b'.' | b')') if digits <= 3 => digits + 1,
                _ => return None,
            }
        }
        '(' => {
            let inner = s[1..].bytes().take_while(u8::is_ascii_alphanumeric).count();
            let ok = (1..=3).contains(&inner) && s.as_bytes().get(1 + inner) == Some(&b')');
            if !ok {
                return None;
            }
            inner + 2
        }
        // "a)" style; "a." is too often an initial ("A. Smith").
        'a'..='z' | 'A'..='Z' if s.as_bytes().get(1) == Some(&b')') => 2,
        _ => return None,
    };
    let rest = &s[marker_end..];
    let after = rest.trim_start_matches(is_space);
    // The marker must be followed by space and then content.
    if after.len() == rest.len() || after.is_empty() {
        return None;
    }
    Some(content.end - after.len())
}

/// The `Label` of a list item that begins `Label: ...`, without the colon.
pub(super) fn label(text: &str, item: Span) -> Option<Span> {
    let s = &text[item.range()];
    let colon = s.find(':')?;
    let head = &s[..colon];
    let after = &s[colon + 1..];
    if head.is_empty()
        || head.chars().count() > MAX_LABEL_CHARS
        || head.split_whitespace().count() > MAX_LABEL_WORDS
        || !after.starts_with(is_space)
        || after.trim_matches(is_space).is_empty()
        || head.contains(['.', '?', '!', ',', ';', '"', '“'])
        || !head
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
    {
        return None;
    }
    Some(Span::new(item.start, item.start + colon).trim(text))
}

/// True when the line ends like a sentence (terminal punctuation, maybe inside quotes or brackets).
fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(['"', '”', '’', '\'', ')', ']', '»']);
    t.ends_with(['.', '!', '?', '…', ':'])
}

/// Short, capitalised, without final punctuation.
fn is_heading_like(s: &str) -> bool {
    s.chars().count() <= MAX_HEADING_CHARS
        && s.split_whitespace().count() <= MAX_HEADING_WORDS
        && starts_like_heading(s)
        && !s.trim_end().ends_with(['.', ',', ';', ':', '!', '?', '…'])
}

/// Like a heading, but may be longer and may end with `?` or `!`.
fn is_title_like(s: &str) -> bool {
    s.chars().count() <= MAX_TITLE_CHARS
        && s.split_whitespace().count() <= MAX_TITLE_WORDS
        && starts_like_heading(s)
        && !s.trim_end().ends_with(['.', ',', ';', ':', '…'])
}

fn starts_like_heading(s: &str) -> bool {
    let first = s
        .chars()
        .find(|c| !matches!(c, '"' | '“' | '‘' | '\'' | '('));
    first.is_some_and(|c| c.is_uppercase() || c.is_numeric()) && s.chars().any(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    fn blocks(text: &str) -> Vec<(BlockKind, String, Option<String>)> {
        let mut doc = Document::new(text, Format::Text);
        parse(&mut doc);
        doc.blocks
            .iter()
            .map(|b| {
                (
                    b.kind,
                    text[b.span.range()].to_string(),
                    b.label.map(|l| text[l.range()].to_string()),
                )
            })
            .collect()
    }

    #[test]
    fn title_heading_paragraph() {
        let b = blocks("A Title Here\n\nFirst para\ncontinues here.\n\nA Heading\n\nBody text.");
        assert_eq!(b[0].0, BlockKind::Title);
        assert_eq!(
            b[1],
            (
                BlockKind::Paragraph,
                "First para\ncontinues here.".into(),
                None
            )
        );
        assert_eq!(b[2].0, BlockKind::Heading);
        assert_eq!(b[3].0, BlockKind::Paragraph);
    }

    #[test]
    fn single_line_document_is_a_paragraph_or_heading_not_title() {
        assert_eq!(blocks("Assad fled to Moscow.")[0].0, BlockKind::Paragraph);
        assert_eq!(blocks("Assad in Moscow")[0].0, BlockKind::Heading);
    }

    #[test]
    fn bullets_and_labels() {
        let b = blocks(
            "Intro:\n  • Hmeimim Airbase: the base.\n  - plain item\n1. numbered\n2) other\n(a) lettered\nb) again",
        );
        let kinds: Vec<_> = b.iter().map(|x| x.0).collect();
        assert_eq!(kinds[1..], [BlockKind::ListItem; 6]);
        assert_eq!(b[1].1, "Hmeimim Airbase: the base.");
        assert_eq!(b[1].2.as_deref(), Some("Hmeimim Airbase"));
        assert_eq!(b[2].1, "plain item");
        assert_eq!(b[2].2, None);
        assert_eq!(b[3].1, "numbered");
    }

    #[test]
    fn not_bullets() {
        for s in [
            "-5 degrees today.",
            "2016. A year",
            "*emphasis* here.",
            "A. Smith wrote.",
        ] {
            assert_ne!(blocks(s)[0].0, BlockKind::ListItem, "{s}");
        }
    }

    #[test]
    fn label_requires_space_after_colon() {
        let b = blocks("• See http://x.org for more\n• At 10:30 the raid began");
        assert!(b.iter().all(|x| x.2.is_none()));
    }

    #[test]
    fn list_item_continuation() {
        let b = blocks("- first line\n  wrapped on\n- second");
        assert_eq!(b[0].1, "first line\n  wrapped on");
        assert_eq!(b[1].1, "second");
    }

    #[test]
    fn crlf_bom_nbsp_zero_width() {
        let text = "\u{FEFF}Title Line\r\n\r\n\u{00A0}Para one.\r\n\u{200B}\r\nPara two.\r\n";
        let b = blocks(text);
        assert_eq!(b.len(), 3);
        assert_eq!(b[0].0, BlockKind::Title);
        assert_eq!(b[0].1, "Title Line");
        assert_eq!(b[1].1, "Para one.");
        assert_eq!(b[2].1, "Para two.");
    }

    #[test]
    fn one_paragraph_per_long_line() {
        let long1 = "This is a long line that was clearly not hard wrapped, because it goes on and on well past the width.";
        let long2 = "Another long line that also goes well past any normal wrapping width that an editor would use.";
        let b = blocks(&format!("{long1}\n{long2}"));
        assert_eq!(b.len(), 2);
    }

    #[test]
    fn heading_peeled_off_paragraph() {
        let b = blocks(
            "Title\n\nBackground\nThe conflict began in 2011 when protests spread across the country and were met with force.",
        );
        assert_eq!(b[1].0, BlockKind::Heading);
        assert_eq!(b[2].0, BlockKind::Paragraph);
    }

    #[test]
    fn empty_and_blank() {
        assert!(blocks("").is_empty());
        assert!(blocks(" \n\u{00A0}\r\n\t").is_empty());
    }
}
