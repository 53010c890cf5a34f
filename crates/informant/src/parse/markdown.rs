//! CommonMark Markdown through pulldown-cmark, with spans mapped to the source text.
//!
//! pulldown-cmark reports a source range for every event, so each block's span
//! points into the original text, which is never altered. Spans cover a block's
//! content without its block markup; inline markup (`**bold**`, `[link](url)`,
//! backslash escapes) stays inside the span.
//!
//! Rules:
//! - ATX and setext headings become [`BlockKind::Heading`] with `level` set to the
//!   heading level. The span starts after the `#`s and excludes a closing `#`
//!   sequence or a setext underline. The first block of the document becomes the
//!   [`BlockKind::Title`] (level 1) when it is a level-1 heading outside any
//!   list or quote.
//! - A paragraph becomes a [`BlockKind::Paragraph`] spanning its source range, trimmed.
//! - Each list item (bulleted or numbered, at any depth) becomes one
//!   [`BlockKind::ListItem`] holding the item's own text: from after its marker
//!   up to the first nested block (a nested list, quote, code block, heading,
//!   table, HTML block or rule). Several paragraphs before that point stay in the
//!   one item. Nested items are blocks of their own, so item spans never overlap
//!   them; text of an item that comes *after* a nested block becomes a
//!   [`BlockKind::Paragraph`], so that one item is never counted twice.
//!   An item beginning `Label: ...`, or `**Label:** ...` / `**Label**: ...` with
//!   any emphasis, gets the label's span (without colon or emphasis) in `label`.
//! - In a block quote, each paragraph becomes its own [`BlockKind::Quote`] block
//!   rather than one block for the whole quote, because a quote may hold lists,
//!   code or further quotes that need blocks of their own, and blocks may not
//!   overlap. Lists, headings, code and tables inside a quote keep their kind.
//!   A quote paragraph over several lines keeps the `>` markers of its later
//!   lines inside its span: a span is one contiguous range of the original text.
//! - A table (GFM pipe table) becomes one [`BlockKind::Table`] over the whole table.
//! - A fenced or indented code block becomes a [`BlockKind::Code`] over its
//!   content lines, without the fences or info string.
//! - HTML blocks, thematic breaks and link reference definitions produce no
//!   block: they are markup, and tags or URLs read as prose would only mislead
//!   sentence splitting and entity recognition.
//! - A leading byte-order mark is skipped (pulldown-cmark would otherwise read
//!   `\u{FEFF}# Title` as a paragraph).
//!
//! Nothing here recurses: open containers are kept on an explicit stack, so
//! input nested 50,000 levels deep is handled in linear time.

use pulldown_cmark::{Event, Options, Parser, Tag};

use crate::document::{Block, BlockKind, Document};
use crate::span::Span;

/// Fills `doc.blocks` from Markdown.
pub(super) fn parse(doc: &mut Document) {
    doc.blocks = blocks(&doc.text);
}

/// The blocks of a Markdown text, in order and not overlapping.
fn blocks(text: &str) -> Vec<Block> {
    // pulldown-cmark does not skip a BOM, so parse the text after it and shift ranges back.
    let base = if text.starts_with('\u{FEFF}') {
        '\u{FEFF}'.len_utf8()
    } else {
        0
    };
    let source = &text[base..];
    let mut builder = Builder {
        text,
        blocks: Vec::new(),
        containers: Vec::new(),
        leaf: None,
    };
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        builder.event(event, Span::new(range.start + base, range.end + base));
    }
    builder.blocks
}

/// A block container that is open while its children's events arrive.
#[derive(Debug)]
enum Container {
    /// A list item and the state of its own text.
    Item(Item),
    /// A block quote: paragraphs directly inside become quotes.
    Quote,
    /// A list or any other container with no effect on its children's kind.
    Other,
}

/// An open list item.
#[derive(Debug)]
struct Item {
    /// Where the item's content starts: just after its marker.
    marker_end: usize,
    /// Text read so far that is not yet a block: the item's own text, or after
    /// a nested block, loose text of the item.
    run: Option<Span>,
    /// True once a nested block was seen; later text is not the item's own.
    seen_block: bool,
}

/// What a leaf being read will become.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LeafKind {
    Paragraph,
    Heading(u8),
    Code,
    Table,
    /// Read and dropped (HTML blocks, metadata).
    Skip,
    /// An inline element (emphasis, link, ...) straight inside a tight list item.
    Inline,
}

/// The leaf block being read; events inside it only widen `content`.
#[derive(Debug)]
struct Leaf {
    kind: LeafKind,
    /// The source range of the whole leaf, markup included.
    range: Span,
    /// The union of the ranges of the events inside the leaf.
    content: Option<Span>,
    /// How many nested elements are open inside the leaf, so that the leaf's
    /// own end can be told from theirs without a stack.
    depth: usize,
}

/// Turns the event stream into blocks.
struct Builder<'t> {
    text: &'t str,
    blocks: Vec<Block>,
    /// Open containers, innermost last.
    containers: Vec<Container>,
    /// The leaf being read, if any.
    leaf: Option<Leaf>,
}

impl Builder<'_> {
    fn event(&mut self, event: Event<'_>, range: Span) {
        if let Some(leaf) = &mut self.leaf {
            match event {
                Event::Start(_) => {
                    leaf.depth += 1;
                    leaf.content = Some(union(leaf.content, range));
                }
                Event::End(_) if leaf.depth == 0 => {
                    if let Some(leaf) = self.leaf.take() {
                        self.finish_leaf(&leaf);
                    }
                }
                Event::End(_) => leaf.depth -= 1,
                _ => leaf.content = Some(union(leaf.content, range)),
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(&tag, range),
            Event::End(_) => self.end_container(),
            Event::Rule => self.nested_block(),
            // Outside a leaf, inline events only occur in tight list items.
            _ => self.add_to_item(range),
        }
    }

    /// Opens a leaf or container for `tag`.
    fn start(&mut self, tag: &Tag<'_>, range: Span) {
        let kind = match tag {
            Tag::Paragraph => LeafKind::Paragraph,
            Tag::Heading { level, .. } => LeafKind::Heading(*level as u8),
            Tag::CodeBlock(_) => LeafKind::Code,
            Tag::Table(_) => LeafKind::Table,
            Tag::HtmlBlock | Tag::MetadataBlock(_) => LeafKind::Skip,
            Tag::Item => {
                // Items only open inside a list, so there is no item text to end here.
                self.containers.push(Container::Item(Item {
                    marker_end: marker_end(self.text, range),
                    run: None,
                    seen_block: false,
                }));
                return;
            }
            Tag::BlockQuote(_) => {
                self.nested_block();
                self.containers.push(Container::Quote);
                return;
            }
            Tag::List(_)
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell => {
                self.nested_block();
                self.containers.push(Container::Other);
                return;
            }
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. } => {
                // The start range covers the whole element, so it widens the
                // item's text at once and the inner events can be skipped.
                self.add_to_item(range);
                LeafKind::Inline
            }
        };
        // A paragraph is part of an item's text; anything else nested ends it.
        if !matches!(kind, LeafKind::Paragraph | LeafKind::Inline) {
            self.nested_block();
        }
        self.leaf = Some(Leaf {
            kind,
            range,
            content: None,
            depth: 0,
        });
    }

    /// Closes the innermost container.
    fn end_container(&mut self) {
        self.flush_item();
        self.containers.pop();
    }

    /// Turns a finished leaf into a block.
    fn finish_leaf(&mut self, leaf: &Leaf) {
        let text = self.text;
        match leaf.kind {
            LeafKind::Paragraph => match self.containers.last_mut() {
                Some(Container::Item(item)) if !item.seen_block => {
                    item.run = Some(union(item.run, leaf.range));
                }
                Some(Container::Item(_)) => {
                    self.flush_item();
                    self.push(BlockKind::Paragraph, leaf.range, None, None);
                }
                Some(Container::Quote) => self.push(BlockKind::Quote, leaf.range, None, None),
                _ => self.push(BlockKind::Paragraph, leaf.range, None, None),
            },
            LeafKind::Heading(level) => {
                let Some(content) = leaf.content else { return };
                let start = heading_start(text, leaf.range);
                let kind = if level == 1 && self.blocks.is_empty() && self.containers.is_empty() {
                    BlockKind::Title
                } else {
                    BlockKind::Heading
                };
                self.push(kind, Span::new(start, content.end), Some(level), None);
            }
            LeafKind::Code => {
                if let Some(content) = leaf.content {
                    self.push(BlockKind::Code, content, None, None);
                }
            }
            LeafKind::Table => self.push(BlockKind::Table, leaf.range, None, None),
            LeafKind::Skip | LeafKind::Inline => {}
        }
    }

    /// Widens the innermost item's pending text, if the innermost container is an item.
    fn add_to_item(&mut self, range: Span) {
        if let Some(Container::Item(item)) = self.containers.last_mut() {
            item.run = Some(union(item.run, range));
        }
    }

    /// A block starts inside the innermost container: if that is an item, the
    /// item's text so far becomes a block, before the nested one.
    fn nested_block(&mut self) {
        self.flush_item();
        if let Some(Container::Item(item)) = self.containers.last_mut() {
            item.seen_block = true;
        }
    }

    /// Emits the innermost item's pending text, if the innermost container is
    /// an item: as the item itself the first time, as a paragraph once a nested
    /// block came between.
    fn flush_item(&mut self) {
        let Some(Container::Item(item)) = self.containers.last_mut() else {
            return;
        };
        let Some(run) = item.run.take() else { return };
        if item.seen_block {
            self.push(BlockKind::Paragraph, run, None, None);
            return;
        }
        // Start at the marker rather than the first event: a leading backslash
        // escape is not covered by the text event.
        let span = Span::new(item.marker_end.min(run.start), run.end).trim(self.text);
        let label = item_label(self.text, span);
        self.push(BlockKind::ListItem, span, None, label);
    }

    /// Pushes a block over `span` trimmed.
    ///
    /// Empty spans, spans off the text's char boundaries and spans overlapping
    /// the previous block are dropped, so the invariants hold whatever ranges
    /// the parser reports.
    fn push(&mut self, kind: BlockKind, span: Span, level: Option<u8>, label: Option<Span>) {
        let span = span.trim(self.text);
        if span.is_empty()
            || span.slice(self.text).is_none()
            || self.blocks.last().is_some_and(|b| b.span.end > span.start)
        {
            return;
        }
        let mut block = Block::new(kind, span);
        block.level = level;
        block.label = label;
        self.blocks.push(block);
    }
}

/// The smallest span covering `a` (if any) and `b`.
fn union(a: Option<Span>, b: Span) -> Span {
    match a {
        Some(a) => Span::new(a.start.min(b.start), a.end.max(b.end)),
        None => b,
    }
}

/// Where an item's content starts: after its `-`, `+`, `*` or `1.`/`1)` marker.
///
/// Falls back to the item's start if the range does not begin with a marker.
fn marker_end(text: &str, item: Span) -> usize {
    let Some(s) = item.slice(text) else {
        return item.start;
    };
    let bytes = s.as_bytes();
    let len = match bytes.first() {
        Some(b'-' | b'+' | b'*') => 1,
        Some(b'0'..=b'9') => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            match bytes.get(digits) {
                Some(b'.' | b')') => digits + 1,
                _ => 0,
            }
        }
        _ => 0,
    };
    item.start + len
}

/// Where a heading's content starts: after the `#`s of an ATX heading, or at
/// the first non-blank of a setext heading (whose text may itself begin with `#`).
fn heading_start(text: &str, range: Span) -> usize {
    let Some(s) = range.slice(text) else {
        return range.start;
    };
    let body = s.trim_start_matches([' ', '\t']);
    let lead = s.len() - body.len();
    let hashes = body.bytes().take_while(|&b| b == b'#').count();
    let after = &body[hashes..];
    // `#foo` is not an ATX heading: the `#`s must be followed by space or the line's end.
    let atx = (1..=6).contains(&hashes)
        && (after.is_empty() || after.starts_with([' ', '\t', '\r', '\n']));
    range.start + lead + if atx { hashes } else { 0 }
}

/// The label of a list item: `Label: ...` as in plain text, or the label inside
/// emphasis, `**Label:** ...` or `**Label**: ...`.
fn item_label(text: &str, item: Span) -> Option<Span> {
    super::text::label(text, item).or_else(|| emphasised_label(text, item))
}

/// The label of an item beginning `**Label:** ...` or `**Label**: ...` (any of
/// `*`, `**`, `***`, `_`, `__`, `___`), without the emphasis or the colon.
fn emphasised_label(text: &str, item: Span) -> Option<Span> {
    let s = item.slice(text)?;
    let delimiter = s.chars().next().filter(|c| matches!(c, '*' | '_'))?;
    let open = s.bytes().take_while(|&b| b == delimiter as u8).count();
    if open > 3 {
        return None;
    }
    let rest = &s[open..];
    let close = rest.find(&s[..open])?;
    let inner = &rest[..close];
    let after = &rest[close + open..];
    let (name, tail) = if let Some(name) = inner.strip_suffix(':') {
        (name, after)
    } else {
        (inner, after.strip_prefix(':')?)
    };
    // Judge the label by the plain-text rules, on the same text without the
    // emphasis: the name comes first in the probe, so offsets map straight back.
    let probe = format!("{name}:{tail}");
    let found = super::text::label(&probe, Span::new(0, probe.len()))?;
    let start = item.start + open;
    let label = Span::new(start + found.start, start + found.end);
    // The label must lie within the name (always true, but cheap to make certain).
    (found.end <= name.len() && label.slice(text).is_some()).then_some(label)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    /// Parses `text` and asserts the block invariants: spans in bounds, on char
    /// boundaries, non-empty, trimmed, in order and not overlapping; labels
    /// inside their item; levels exactly on titles and headings.
    fn parse_checked(text: &str) -> Vec<Block> {
        let mut doc = Document::new(text, Format::Markdown);
        parse(&mut doc);
        let mut prev_end = 0;
        for b in &doc.blocks {
            let s = b.span;
            assert!(s.slice(text).is_some(), "{s:?} out of bounds in {text:?}");
            assert!(!s.is_empty(), "empty {s:?} in {text:?}");
            assert_eq!(s.trim(text), s, "untrimmed {s:?} in {text:?}");
            assert!(prev_end <= s.start, "overlap at {s:?} in {text:?}");
            prev_end = s.end;
            if let Some(l) = b.label {
                assert_eq!(b.kind, BlockKind::ListItem);
                assert!(s.contains(l) && !l.is_empty() && l.slice(text).is_some());
            }
            assert_eq!(
                b.level.is_some(),
                matches!(b.kind, BlockKind::Title | BlockKind::Heading),
                "{b:?}"
            );
        }
        assert!(doc.validate().is_ok(), "{text:?}");
        doc.blocks
    }

    /// Each block as (kind, text, level, label text).
    fn summary(text: &str) -> Vec<(BlockKind, &str, Option<u8>, Option<&str>)> {
        parse_checked(text)
            .iter()
            .map(|b| {
                (
                    b.kind,
                    &text[b.span.range()],
                    b.level,
                    b.label.map(|l| &text[l.range()]),
                )
            })
            .collect()
    }

    /// (kind, text) pairs.
    fn kinds_texts(text: &str) -> Vec<(BlockKind, &str)> {
        summary(text).into_iter().map(|b| (b.0, b.1)).collect()
    }

    use BlockKind::{Code, Heading, ListItem, Paragraph, Quote, Table, Title};

    #[test]
    fn headings_of_each_level() {
        let cases: &[(&str, BlockKind, &str, u8)] = &[
            ("Intro.\n\n# One", Heading, "One", 1),
            ("Intro.\n\n## Two", Heading, "Two", 2),
            ("Intro.\n\n### Three ###", Heading, "Three", 3),
            ("Intro.\n\n#### Four #", Heading, "Four", 4),
            ("Intro.\n\n##### Five", Heading, "Five", 5),
            ("Intro.\n\n   ###### Six  ", Heading, "Six", 6),
            ("Intro.\n\n## \\#1 story", Heading, "\\#1 story", 2),
            (
                "Intro.\n\n## The *Tartus* base ##",
                Heading,
                "The *Tartus* base",
                2,
            ),
            ("Intro.\n\nSetext one\n===", Heading, "Setext one", 1),
            ("Intro.\n\nSetext two\n---", Heading, "Setext two", 2),
            ("Intro.\n\n#5 in line\n---", Heading, "#5 in line", 2),
            (
                "Intro.\n\nTwo *line*\nsetext\n---",
                Heading,
                "Two *line*\nsetext",
                2,
            ),
        ];
        for &(input, kind, want, level) in cases {
            let b = summary(input);
            assert_eq!(b.len(), 2, "{input:?}: {b:?}");
            assert_eq!(
                (b[1].0, b[1].1, b[1].2),
                (kind, want, Some(level)),
                "{input:?}"
            );
        }
    }

    #[test]
    fn title_detection() {
        let cases: &[(&str, &[(BlockKind, &str)])] = &[
            (
                "# Assad in Moscow\n\nText.",
                &[(Title, "Assad in Moscow"), (Paragraph, "Text.")],
            ),
            (
                "Assad in Moscow\n===\n\nText.",
                &[(Title, "Assad in Moscow"), (Paragraph, "Text.")],
            ),
            ("# Only a title", &[(Title, "Only a title")]),
            ("---\n\n# After a rule", &[(Title, "After a rule")]),
            (
                "## Not level one\n\n# Later",
                &[(Heading, "Not level one"), (Heading, "Later")],
            ),
            (
                "Text first.\n\n# Later",
                &[(Paragraph, "Text first."), (Heading, "Later")],
            ),
            ("> # Quoted", &[(Heading, "Quoted")]),
            ("- # In a list", &[(Heading, "In a list")]),
            ("# A\n\n# B", &[(Title, "A"), (Heading, "B")]),
            ("#\n\nText.", &[(Paragraph, "Text.")]),
        ];
        for &(input, want) in cases {
            assert_eq!(kinds_texts(input), want, "{input:?}");
        }
        let b = parse_checked("# Title\n\ntext");
        assert_eq!(b[0].level, Some(1));
    }

    #[test]
    fn paragraphs_keep_inline_markup() {
        let text = "First **bold** and [link](http://x.org)\ncontinues.  \n\n\\*Escaped\\* start.";
        assert_eq!(
            kinds_texts(text),
            [
                (
                    Paragraph,
                    "First **bold** and [link](http://x.org)\ncontinues."
                ),
                (Paragraph, "\\*Escaped\\* start."),
            ]
        );
    }

    #[test]
    fn lists_flat_and_nested() {
        let cases: &[(&str, &[(BlockKind, &str)])] = &[
            (
                "- a\n- b\n+ c\n* d",
                &[
                    (ListItem, "a"),
                    (ListItem, "b"),
                    (ListItem, "c"),
                    (ListItem, "d"),
                ],
            ),
            (
                "1. one\n2. two\n10) ten",
                &[(ListItem, "one"), (ListItem, "two"), (ListItem, "ten")],
            ),
            (
                "- outer\n  - inner\n    - innermost\n  - inner two\n- last",
                &[
                    (ListItem, "outer"),
                    (ListItem, "inner"),
                    (ListItem, "innermost"),
                    (ListItem, "inner two"),
                    (ListItem, "last"),
                ],
            ),
            (
                "- first line\n  wrapped *on*",
                &[(ListItem, "first line\n  wrapped *on*")],
            ),
            (
                "- loose one\n\n  second para\n\n- two",
                &[(ListItem, "loose one\n\n  second para"), (ListItem, "two")],
            ),
            (
                "- x\n\n  para2\n  - n2\n\n  after",
                &[
                    (ListItem, "x\n\n  para2"),
                    (ListItem, "n2"),
                    (Paragraph, "after"),
                ],
            ),
            (
                "- a\n  ```\n  code\n  ```\n  c",
                &[(ListItem, "a"), (Code, "code"), (Paragraph, "c")],
            ),
            ("- - - deep", &[(ListItem, "deep")]),
            ("- \\*escaped", &[(ListItem, "\\*escaped")]),
            ("-\n  on next line", &[(ListItem, "on next line")]),
            ("- \n- b", &[(ListItem, "b")]),
            ("- [ ] task", &[(ListItem, "[ ] task")]),
            (
                "- a\n\n  > quoted\n- b",
                &[(ListItem, "a"), (Quote, "quoted"), (ListItem, "b")],
            ),
        ];
        for &(input, want) in cases {
            assert_eq!(kinds_texts(input), want, "{input:?}");
        }
    }

    #[test]
    fn labels_in_items() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            (
                "- Hmeimim Airbase: the base.",
                "Hmeimim Airbase: the base.",
                Some("Hmeimim Airbase"),
            ),
            (
                "1. Tartous Naval Facility: port",
                "Tartous Naval Facility: port",
                Some("Tartous Naval Facility"),
            ),
            (
                "- **Hmeimim Airbase:** the base.",
                "**Hmeimim Airbase:** the base.",
                Some("Hmeimim Airbase"),
            ),
            (
                "- **Hmeimim Airbase**: the base.",
                "**Hmeimim Airbase**: the base.",
                Some("Hmeimim Airbase"),
            ),
            ("- *Tartous:* port", "*Tartous:* port", Some("Tartous")),
            ("- __Tartous__: port", "__Tartous__: port", Some("Tartous")),
            ("- **Hmeimim Airbase:**", "**Hmeimim Airbase:**", None),
            ("- **bold** text: here", "**bold** text: here", None),
            ("- **lower case:** no", "**lower case:** no", None),
            ("- At 10:30 the raid began", "At 10:30 the raid began", None),
            ("- See http://x.org", "See http://x.org", None),
            ("- ****x", "****x", None),
        ];
        for &(input, item, label) in cases {
            let b = summary(input);
            assert_eq!(b.len(), 1, "{input:?}");
            assert_eq!(
                (b[0].0, b[0].1, b[0].3),
                (ListItem, item, label),
                "{input:?}"
            );
        }
    }

    #[test]
    fn quotes() {
        let cases: &[(&str, &[(BlockKind, &str)])] = &[
            ("> He said so.", &[(Quote, "He said so.")]),
            ("> line one\n> line two", &[(Quote, "line one\n> line two")]),
            ("> one\n>\n> two", &[(Quote, "one"), (Quote, "two")]),
            ("> lazy\ncontinuation", &[(Quote, "lazy\ncontinuation")]),
            ("> > nested", &[(Quote, "nested")]),
            (
                "> intro\n> - item\n>\n> outro",
                &[(Quote, "intro"), (ListItem, "item"), (Quote, "outro")],
            ),
            ("> ```\n> code\n> more\n> ```", &[(Code, "code\n> more")]),
            ("> ## Head", &[(Heading, "Head")]),
        ];
        for &(input, want) in cases {
            assert_eq!(kinds_texts(input), want, "{input:?}");
        }
    }

    #[test]
    fn tables() {
        let cases: &[(&str, &[(BlockKind, &str)])] = &[
            (
                "Intro.\n\n| Base | Country |\n|---|---|\n| Hmeimim | Syria |\n\nAfter.",
                &[
                    (Paragraph, "Intro."),
                    (Table, "| Base | Country |\n|---|---|\n| Hmeimim | Syria |"),
                    (Paragraph, "After."),
                ],
            ),
            ("a | b\n--|--\n1 | 2", &[(Table, "a | b\n--|--\n1 | 2")]),
            (
                "| only | head |\n|---|---|",
                &[(Table, "| only | head |\n|---|---|")],
            ),
            (
                "- item\n\n  | a |\n  |---|\n  | 1 |",
                &[(ListItem, "item"), (Table, "| a |\n  |---|\n  | 1 |")],
            ),
            ("| not | a table |", &[(Paragraph, "| not | a table |")]),
        ];
        for &(input, want) in cases {
            assert_eq!(kinds_texts(input), want, "{input:?}");
        }
    }

    #[test]
    fn code_and_html() {
        let cases: &[(&str, &[(BlockKind, &str)])] = &[
            ("```rust\nfn x() {}\n  y\n```", &[(Code, "fn x() {}\n  y")]),
            ("~~~\ntilde\n~~~", &[(Code, "tilde")]),
            ("```\nunclosed\n", &[(Code, "unclosed")]),
            ("```\n```\n\nText.", &[(Paragraph, "Text.")]),
            (
                "Text.\n\n    indented\n    code",
                &[(Paragraph, "Text."), (Code, "indented\n    code")],
            ),
            ("<div>\nhtml\n</div>\n\nText.", &[(Paragraph, "Text.")]),
            ("<!-- comment -->\n# Title", &[(Title, "Title")]),
            (
                "Text with <b>inline</b> html.",
                &[(Paragraph, "Text with <b>inline</b> html.")],
            ),
            ("a\n\n***\n\nb", &[(Paragraph, "a"), (Paragraph, "b")]),
            ("[ref]: http://x.org\n\nText.", &[(Paragraph, "Text.")]),
        ];
        for &(input, want) in cases {
            assert_eq!(kinds_texts(input), want, "{input:?}");
        }
    }

    #[test]
    fn crlf_bom_and_unicode() {
        let cases: &[(&str, &[(BlockKind, &str)])] = &[
            (
                "\u{FEFF}# Title\r\n\r\nPara one\r\nline two.\r\n\r\n- item\r\n- Label: x\r\n",
                &[
                    (Title, "Title"),
                    (Paragraph, "Para one\r\nline two."),
                    (ListItem, "item"),
                    (ListItem, "Label: x"),
                ],
            ),
            ("\u{FEFF}Plain.", &[(Paragraph, "Plain.")]),
            ("\u{FEFF}", &[]),
            ("Setext\r\n---\r\n", &[(Heading, "Setext")]),
            ("```\r\ncode\r\n```\r\n", &[(Code, "code")]),
            (
                "# الأسد في موسكو\n\n- قاعدة حميميم: قاعدة جوية\n- 🇷🇺 Russia 🚀\n\n> «اقتباس» 😀",
                &[
                    (Title, "الأسد في موسكو"),
                    (ListItem, "قاعدة حميميم: قاعدة جوية"),
                    (ListItem, "🇷🇺 Russia 🚀"),
                    (Quote, "«اقتباس» 😀"),
                ],
            ),
            (
                "\u{00A0}Non-breaking\u{00A0}",
                &[(Paragraph, "Non-breaking")],
            ),
        ];
        for &(input, want) in cases {
            assert_eq!(kinds_texts(input), want, "{input:?}");
        }
        // CRLF items keep their labels.
        let b = summary("- Hmeimim Airbase: text\r\n");
        assert_eq!(b[0].3, Some("Hmeimim Airbase"));
    }

    #[test]
    fn empty_and_blank() {
        for input in [
            "", "\n", "  \r\n\t", "---", "***\n___", "<br>", "#", "-", ">", "```",
        ] {
            assert!(parse_checked(input).is_empty(), "{input:?}");
        }
    }

    #[test]
    fn deep_nesting_is_linear_and_stack_safe() {
        let start = std::time::Instant::now();
        for unit in ["> ", "- ", "1. ", "> - ", "- > ", "*", "[", "**", "- **"] {
            let text = unit.repeat(50_000) + "deep text\n";
            let blocks = parse_checked(&text);
            if !matches!(unit, "*" | "[" | "**" | "- **") {
                assert_eq!(blocks.len(), 1, "{unit:?}");
                assert!(text[blocks[0].span.range()].ends_with("deep text"));
            }
        }
        // Many lines, each one level deeper.
        let text: String = (0..2_000)
            .map(|i| format!("{}- x{i}\n", "  ".repeat(i)))
            .collect();
        assert_eq!(parse_checked(&text).len(), 2_000);
        // Generous bound: a recursive or quadratic walk would take far longer.
        assert!(start.elapsed().as_secs() < 20);
    }

    #[test]
    fn never_panics_on_any_prefix_or_suffix() {
        let sample = "\u{FEFF}# Título 🚀 #\r\n\nPara **bold** [l](u) `c`\n\n- Hmeimim: x\n  - **Nested:** y\n\n    > quote\n\n1) one\n\n| a | b |\n|:-|-:|\n| 1 | 2 |\n\n```\ncode\n```\n\n    indented\n\n<div>\nx\n</div>\n\n\\*esc\n===\n\n> - q\n>\n> > deeper\n\t- tab item\n";
        let bounds: Vec<usize> = sample
            .char_indices()
            .map(|(i, _)| i)
            .chain([sample.len()])
            .collect();
        for &i in &bounds {
            parse_checked(&sample[..i]);
            parse_checked(&sample[i..]);
        }
        for input in [
            "\0# nul\0",
            "- \t\tcode after tab",
            "*\t*\t*",
            "1.\n2.",
            "|",
            "|-|\n|-|",
            "[a]:\n- b",
            "> \u{200B}",
            "-\u{00A0}x",
            "\r\r\r# x\r",
        ] {
            parse_checked(input);
        }
    }
}
