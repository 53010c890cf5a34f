//! HTML pages: the article, its metadata, and where each block came from.
//!
//! A page is decoded ([`decode`]: BOM, `<meta charset>`, UTF-8 or windows-1252),
//! parsed by html5ever into a compact tree with source positions ([`dom`]), its
//! metadata read ([`metadata`]), and its article found by content scoring
//! ([`extract`]). The document's text is the article in reading order: the title,
//! then one block per heading, paragraph, list item, quote paragraph, table or
//! preformatted block, separated by blank lines. Each block keeps in
//! [`Block::source`](crate::Block::source) the byte range, in the original
//! input, of the element it came from.
//!
//! Inside a block, white space is collapsed as a browser renders it (except in
//! `<pre>`), a single `<br>` becomes a line break and two in a row end the
//! paragraph. A data table becomes one block, a row a line, cells separated by
//! ` | `; a table used for layout (one holding tables or paragraphs) is read
//! through like `<div>`s.

mod decode;
mod dom;
mod extract;
mod metadata;

use html5ever::local_name;

use crate::document::{Block, BlockKind, Document, Format};
use crate::error::{Error, Result};
use crate::span::Span;

use self::dom::{Dom, NONE, NodeData};
use self::extract::{Analysis, Info, drop_inside, is_block};
pub(crate) use self::metadata::collapse;

/// Parses a page given as bytes: the encoding comes from a BOM, a `<meta charset>`
/// declaration, or the bytes themselves.
///
/// # Errors
/// [`Error::UnsupportedFormat`] when the bytes are not text (NUL or control bytes
/// in the first kilobytes, without a UTF-16 byte-order mark).
pub(crate) fn parse_bytes(bytes: &[u8]) -> Result<Document> {
    if looks_binary(bytes) {
        return Err(Error::UnsupportedFormat(
            "html: the input is binary data (control bytes), not an HTML page".into(),
        ));
    }
    let decoded = decode::decode(bytes);
    Ok(build(&decoded.text, &|p| decoded.source_offset(p)))
}

/// Parses a page already decoded to text; source ranges are byte offsets into `html`.
pub(crate) fn parse_str(html: &str) -> Document {
    build(html, &|p| p)
}

/// Whether bytes are binary rather than text: NUL or many control bytes at the start.
fn looks_binary(bytes: &[u8]) -> bool {
    if encoding_rs::Encoding::for_bom(bytes).is_some() {
        return false;
    }
    let head = &bytes[..bytes.len().min(4096)];
    if head.is_empty() {
        return false;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    head.contains(&0) || control * 20 > head.len()
}

/// Short blocks that are page furniture wherever they appear.
const BOILERPLATE: &[&str] = &[
    "advertisement",
    "advertisements",
    "ad",
    "sponsored",
    "sponsored content",
    "read more",
    "continue reading",
    "share",
    "share this",
    "share this article",
    "share this story",
    "related",
    "related articles",
    "related stories",
    "recommended",
    "click here",
    "skip to content",
    "skip to main content",
    "loading",
    "loading...",
    "supported by",
    "story continues below advertisement",
];

fn is_boilerplate(text: &str) -> bool {
    if text.len() > 40 {
        return false;
    }
    let t = text
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '.')
        .to_lowercase();
    BOILERPLATE.contains(&t.as_str())
}

/// Builds the document: metadata, article blocks, text.
fn build(html: &str, source_offset: &dyn Fn(usize) -> usize) -> Document {
    let dom = dom::parse(html);
    let page = metadata::read(&dom);
    let analysis = extract::analyse(&dom);
    let title = find_title(&dom, &analysis, &page);
    let mut e = Emitter {
        dom: &dom,
        info: &analysis.info,
        text: String::with_capacity(html.len() / 8),
        blocks: Vec::new(),
        buf: String::new(),
        space: false,
        open: Vec::new(),
        table: 0,
        pre: 0,
        skip: title.as_ref().and_then(|t| t.heading),
        title_norm: title.as_ref().map(|t| normalise(&t.text)),
    };
    if let Some(t) = &title {
        e.text.push_str(&t.text);
        let mut b = Block::new(BlockKind::Title, Span::new(0, t.text.len()));
        b.level = Some(1);
        b.source = t.source;
        e.blocks.push(b);
    }
    for &r in &analysis.roots {
        e.walk(r);
    }
    let mut doc = Document::new(std::mem::take(&mut e.text), Format::Html);
    doc.blocks = std::mem::take(&mut e.blocks);
    for b in &mut doc.blocks {
        if b.kind != BlockKind::Title {
            b.source = b.source.map(|s| {
                // Decoded offsets into the page; mapped to the original bytes.
                Span::new(source_offset(s.start), source_offset(s.end))
            });
        } else if let Some(s) = b.source {
            b.source = Some(Span::new(source_offset(s.start), source_offset(s.end)));
        }
    }
    doc.metadata = page.meta;
    doc
}

/// The document title: a heading of the page that matches the metadata title,
/// else the metadata title itself.
struct Title {
    text: String,
    /// The heading element used, skipped in the body.
    heading: Option<u32>,
    /// Its source range in the decoded page.
    source: Option<Span>,
}

/// Lower-cased words, for comparing titles.
fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}

fn find_title(dom: &Dom, a: &Analysis, page: &metadata::PageMeta) -> Option<Title> {
    let meta_title = page.meta.title.as_deref().or(page.html_title.as_deref());
    let wanted: Vec<String> = [meta_title, page.html_title.as_deref()]
        .into_iter()
        .flatten()
        .map(normalise)
        .filter(|t| !t.is_empty())
        .collect();
    // Headings (h1 first, then h2) whose words match the title.
    let mut best: Option<(u32, String)> = None;
    'levels: for level in [local_name!("h1"), local_name!("h2")] {
        for i in 0..dom.nodes.len() as u32 {
            if dom.name(i) != Some(&level) {
                continue;
            }
            let t = collapse(&metadata::text_of(dom, i));
            let n = normalise(&t);
            if n.is_empty() {
                continue;
            }
            let matches = wanted.iter().any(|w| {
                *w == n
                    || (n.len() * 2 >= w.len() && w.contains(&n))
                    || (w.len() * 2 >= n.len() && n.contains(w.as_str()))
            });
            if matches {
                best = Some((i, t));
                break 'levels;
            }
        }
    }
    if best.is_none() {
        // The only h1 inside the article is its title.
        let mut found = Vec::new();
        for &r in &a.roots {
            for d in dom.descendants(r) {
                if dom.name(d) == Some(&local_name!("h1")) && !a.info[d as usize].junk {
                    found.push(d);
                }
            }
        }
        if found.len() == 1 {
            let t = collapse(&metadata::text_of(dom, found[0]));
            if !t.is_empty() {
                best = Some((found[0], t));
            }
        }
    }
    let span = |i: u32| dom.source(i).map(|(s, e)| Span::new(s, e));
    if let Some((h, text)) = best {
        return Some(Title {
            text,
            heading: Some(h),
            source: span(h),
        });
    }
    let text = meta_title?.to_owned();
    let source = if Some(text.as_str()) == page.html_title.as_deref() {
        page.title_elem.and_then(span)
    } else {
        None
    };
    Some(Title {
        text,
        heading: None,
        source,
    })
}

/// Writes the article's blocks in reading order.
struct Emitter<'a> {
    dom: &'a Dom,
    info: &'a [Info],
    text: String,
    blocks: Vec<Block>,
    /// The block being collected.
    buf: String,
    /// White space seen and not yet written.
    space: bool,
    /// Open block elements.
    open: Vec<u32>,
    /// Depth inside data tables and `<pre>`.
    table: u32,
    pre: u32,
    /// The heading used as the title.
    skip: Option<u32>,
    title_norm: Option<String>,
}

impl Emitter<'_> {
    fn walk(&mut self, root: u32) {
        // (node, entering?)
        let mut stack: Vec<(u32, bool)> = vec![(root, true)];
        while let Some((i, enter)) = stack.pop() {
            if enter {
                if self.enter(i) {
                    stack.push((i, false));
                    let first = stack.len();
                    stack.extend(self.dom.children(i).map(|c| (c, true)));
                    stack[first..].reverse();
                }
            } else {
                self.exit(i);
            }
        }
        self.flush();
    }

    fn push_text(&mut self, t: &str) {
        if self.pre > 0 {
            self.buf.push_str(t);
            return;
        }
        for c in t.chars() {
            if c.is_whitespace() {
                self.space = true;
            } else {
                if self.space && !self.buf.is_empty() && !self.buf.ends_with(['\n', ' ']) {
                    self.buf.push(' ');
                }
                self.space = false;
                self.buf.push(c);
            }
        }
    }

    /// Enters a node; `true` to visit its children.
    fn enter(&mut self, i: u32) -> bool {
        let dom = self.dom;
        let Some(node) = dom.nodes.get(i as usize) else {
            return false;
        };
        let name = match &node.data {
            NodeData::Text(t) => {
                if !self.info[i as usize].junk {
                    self.push_text(t);
                }
                return false;
            }
            NodeData::Element { name, .. } => &name.local,
            _ => return false,
        };
        if self.info[i as usize].junk || Some(i) == self.skip {
            return false;
        }
        if *name == local_name!("br") {
            if self.pre > 0 || self.table > 0 {
                self.buf.push('\n');
            } else if self.buf.ends_with('\n') {
                self.buf.pop();
                self.flush();
            } else if !self.buf.is_empty() {
                self.buf.push('\n');
            }
            self.space = false;
            return false;
        }
        if !is_block(name) {
            return true;
        }
        if drop_inside(dom, self.info, i) && !self.open.is_empty() {
            return false;
        }
        if self.table > 0 {
            match *name {
                local_name!("tr") => {
                    if !self.buf.is_empty() && !self.buf.ends_with('\n') {
                        self.buf.push('\n');
                    }
                    self.space = false;
                }
                local_name!("td") | local_name!("th") => {
                    if !self.buf.is_empty() && !self.buf.ends_with('\n') {
                        self.buf.push_str(" | ");
                    }
                    self.space = false;
                }
                local_name!("table") => self.table += 1,
                _ => self.space = true,
            }
            return true;
        }
        self.flush();
        match *name {
            local_name!("table") if self.is_data_table(i) => self.table += 1,
            local_name!("pre") => self.pre += 1,
            _ => {}
        }
        self.open.push(i);
        true
    }

    fn exit(&mut self, i: u32) {
        let Some(name) = self.dom.name(i) else { return };
        if !is_block(name) {
            return;
        }
        if self.table > 0 {
            if *name == local_name!("table") {
                if self.table == 1 {
                    self.flush();
                    self.open.pop();
                }
                self.table -= 1;
            }
            return;
        }
        self.flush();
        if *name == local_name!("pre") {
            self.pre = self.pre.saturating_sub(1);
        }
        if self.open.last() == Some(&i) {
            self.open.pop();
        }
    }

    /// A table of data, not of layout: no nested tables, paragraphs or long runs of text.
    fn is_data_table(&self, i: u32) -> bool {
        let dom = self.dom;
        let mut cells = 0usize;
        for d in dom.descendants(i).skip(1) {
            match dom.name(d) {
                Some(n)
                    if matches!(
                        *n,
                        local_name!("table")
                            | local_name!("p")
                            | local_name!("div")
                            | local_name!("ul")
                            | local_name!("h1")
                            | local_name!("h2")
                            | local_name!("h3")
                    ) =>
                {
                    return false;
                }
                Some(n) if matches!(*n, local_name!("td") | local_name!("th")) => {
                    cells += 1;
                    if self.info[d as usize].text > 400 {
                        return false;
                    }
                }
                _ => {}
            }
        }
        cells > 1
    }

    /// The kind and level of the block being written, from its open elements.
    fn kind(&self) -> (BlockKind, Option<u8>) {
        if self.table > 0 {
            return (BlockKind::Table, None);
        }
        for &e in self.open.iter().rev() {
            let Some(n) = self.dom.name(e) else { continue };
            let k = match *n {
                local_name!("h1") => (BlockKind::Heading, Some(2)),
                local_name!("h2") => (BlockKind::Heading, Some(2)),
                local_name!("h3") => (BlockKind::Heading, Some(3)),
                local_name!("h4") => (BlockKind::Heading, Some(4)),
                local_name!("h5") => (BlockKind::Heading, Some(5)),
                local_name!("h6") => (BlockKind::Heading, Some(6)),
                local_name!("li") | local_name!("dd") | local_name!("dt") => {
                    (BlockKind::ListItem, None)
                }
                local_name!("blockquote") => (BlockKind::Quote, None),
                local_name!("pre") => (BlockKind::Code, None),
                _ => continue,
            };
            return k;
        }
        (BlockKind::Paragraph, None)
    }

    fn flush(&mut self) {
        self.space = false;
        if self.buf.is_empty() {
            return;
        }
        let mut buf = std::mem::take(&mut self.buf);
        let t = if self.pre > 0 {
            buf.trim_end().trim_start_matches(['\n', '\r'])
        } else {
            buf.trim()
        };
        if !t.is_empty() && !is_boilerplate(t) {
            let (kind, level) = self.kind();
            let skip_title = kind == BlockKind::Heading
                && self
                    .title_norm
                    .as_deref()
                    .is_some_and(|n| *n == normalise(t));
            if !skip_title {
                if !self.text.is_empty() {
                    self.text.push_str("\n\n");
                }
                let start = self.text.len();
                self.text.push_str(t);
                let mut b = Block::new(kind, Span::new(start, self.text.len()));
                b.level = level;
                let src = self.open.last().copied().unwrap_or(NONE);
                b.source = self.dom.source(src).map(|(s, e)| Span::new(s, e));
                self.blocks.push(b);
            }
        }
        buf.clear();
        self.buf = buf;
    }
}
