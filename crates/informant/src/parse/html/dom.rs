//! A compact DOM built by html5ever's tree builder, with the source position of every element.
//!
//! html5ever implements the WHATWG parsing algorithm (implied end tags, misnested
//! formatting elements, foster parenting, raw text in `<script>`), but reports no
//! byte positions. We obtain them by feeding the tokenizer the input in pieces that
//! each begin at a `<`: a tag token is emitted while the piece that starts with
//! its own `<` is being fed, so the element created for it starts there. The
//! position is checked against the text (`<` + tag name) and searched for
//! backwards when an attribute value held a `<`; an element created by the parser
//! itself (`<html>`, `<tbody>`, reopened formatting elements) gets no position.
//!
//! Two guards keep the work linear on hostile input: html5ever scans its stack of
//! open elements for scope checks, which is quadratic for markup nested 100,000
//! deep, so start tags past [`MAX_DEPTH`] are dropped (their text is kept, in the
//! deepest element allowed) together with their end tags. And nothing here
//! recurses: the tree is walked with explicit stacks or sibling links.

use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};
use std::collections::HashMap;

use html5ever::TokenizerResult;
use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::{Attribute, LocalName, QualName, local_name, ns};

/// Deepest element nesting kept; deeper start tags are dropped (real pages stay under 100).
pub(crate) const MAX_DEPTH: u32 = 160;

/// No node (the end of a sibling list, the document's parent).
pub(crate) const NONE: u32 = u32::MAX;

/// What a node is.
#[derive(Debug)]
pub(crate) enum NodeData {
    /// The document root.
    Document,
    /// An element: its name and attributes.
    Element {
        name: QualName,
        attrs: Vec<Attribute>,
    },
    /// Text, entities already decoded by the tokenizer.
    Text(StrTendril),
    /// Comments, doctypes and processing instructions: kept only as placeholders.
    Other,
}

/// One node of the tree, linked to its parent, children and siblings by index.
#[derive(Debug)]
pub(crate) struct Node {
    pub parent: u32,
    pub first_child: u32,
    pub last_child: u32,
    pub prev: u32,
    pub next: u32,
    pub depth: u32,
    /// Byte range of the element in the decoded text (start of its start tag to the
    /// end of its end tag, or where it was closed implicitly), if known.
    pub src_start: u32,
    pub src_end: u32,
    pub data: NodeData,
}

impl Node {
    fn new(data: NodeData) -> Self {
        Node {
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            prev: NONE,
            next: NONE,
            depth: 0,
            src_start: NONE,
            src_end: NONE,
            data,
        }
    }
}

/// The parsed page.
#[derive(Debug)]
pub(crate) struct Dom {
    pub nodes: Vec<Node>,
}

impl Dom {
    /// The element's local name, if the node is an element.
    pub fn name(&self, i: u32) -> Option<&LocalName> {
        match &self.nodes.get(i as usize)?.data {
            NodeData::Element { name, .. } => Some(&name.local),
            _ => None,
        }
    }

    /// The value of attribute `attr` of element `i`.
    pub fn attr(&self, i: u32, attr: &str) -> Option<&str> {
        match &self.nodes.get(i as usize)?.data {
            NodeData::Element { attrs, .. } => attrs
                .iter()
                .find(|a| &*a.name.local == attr)
                .map(|a| &*a.value),
            _ => None,
        }
    }

    /// The node's children, in order.
    pub fn children(&self, i: u32) -> Children<'_> {
        Children {
            dom: self,
            next: self.nodes.get(i as usize).map_or(NONE, |n| n.first_child),
        }
    }

    /// Node `i` and its descendants in document order (pre-order), without recursion.
    pub fn descendants(&self, i: u32) -> Descendants<'_> {
        Descendants {
            dom: self,
            root: i,
            next: i,
        }
    }

    /// The node's source range in the decoded text, if known.
    pub fn source(&self, i: u32) -> Option<(usize, usize)> {
        let n = self.nodes.get(i as usize)?;
        (n.src_start != NONE && n.src_end != NONE && n.src_start <= n.src_end)
            .then_some((n.src_start as usize, n.src_end as usize))
    }
}

/// Iterator over a node's children.
pub(crate) struct Children<'a> {
    dom: &'a Dom,
    next: u32,
}

impl Iterator for Children<'_> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        let cur = self.next;
        let n = self.dom.nodes.get(cur as usize)?;
        self.next = n.next;
        Some(cur)
    }
}

/// Pre-order iterator over a subtree, following parent and sibling links.
pub(crate) struct Descendants<'a> {
    dom: &'a Dom,
    root: u32,
    next: u32,
}

impl Descendants<'_> {
    /// Skips the children of the node last returned.
    pub fn skip_children(&mut self, last: u32) {
        self.next = self.after(last);
    }

    fn after(&self, mut i: u32) -> u32 {
        loop {
            if i == self.root {
                return NONE;
            }
            let Some(n) = self.dom.nodes.get(i as usize) else {
                return NONE;
            };
            if n.next != NONE {
                return n.next;
            }
            i = n.parent;
            if i == NONE {
                return NONE;
            }
        }
    }
}

impl Iterator for Descendants<'_> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        let cur = self.next;
        let n = self.dom.nodes.get(cur as usize)?;
        self.next = if n.first_child != NONE {
            n.first_child
        } else {
            self.after(cur)
        };
        Some(cur)
    }
}

/// The tree sink: an arena of nodes behind a `RefCell` (html5ever's sink API takes `&self`).
struct Sink {
    nodes: RefCell<Vec<Node>>,
    /// The element the next start tag is inserted into (approximately the current node).
    current: Cell<u32>,
    /// Start of the piece of input being fed: where the current tag begins.
    tag_start: Cell<u32>,
    /// For an end tag being processed: its name and where it ends.
    end_tag: RefCell<Option<(LocalName, u32)>>,
    /// When the piece being fed starts with `</`: the position after its first `>`.
    end_gt: Cell<u32>,
    /// Whether the element being created comes from a start tag of the input.
    from_tag: RefCell<Option<LocalName>>,
}

/// An empty name, the answer to `elem_name` for a handle that is not an element.
fn empty_name() -> &'static QualName {
    static NAME: std::sync::OnceLock<QualName> = std::sync::OnceLock::new();
    NAME.get_or_init(|| QualName::new(None, ns!(html), local_name!("")))
}

impl Sink {
    fn push(&self, data: NodeData) -> u32 {
        let mut nodes = self.nodes.borrow_mut();
        let i = nodes.len() as u32;
        nodes.push(Node::new(data));
        i
    }

    fn detach(nodes: &mut [Node], i: u32) {
        let (parent, prev, next) = match nodes.get(i as usize) {
            Some(n) => (n.parent, n.prev, n.next),
            None => return,
        };
        if parent == NONE {
            return;
        }
        if prev != NONE {
            nodes[prev as usize].next = next;
        } else {
            nodes[parent as usize].first_child = next;
        }
        if next != NONE {
            nodes[next as usize].prev = prev;
        } else {
            nodes[parent as usize].last_child = prev;
        }
        let n = &mut nodes[i as usize];
        n.parent = NONE;
        n.prev = NONE;
        n.next = NONE;
    }

    /// Links `child` into `parent` before `before` (or last when `before` is NONE).
    fn link(nodes: &mut [Node], parent: u32, child: u32, before: u32) {
        Sink::detach(nodes, child);
        let depth = nodes[parent as usize].depth + 1;
        let prev = if before == NONE {
            nodes[parent as usize].last_child
        } else {
            nodes[before as usize].prev
        };
        {
            let c = &mut nodes[child as usize];
            c.parent = parent;
            c.prev = prev;
            c.next = before;
            c.depth = depth;
        }
        if prev != NONE {
            nodes[prev as usize].next = child;
        } else {
            nodes[parent as usize].first_child = child;
        }
        if before != NONE {
            nodes[before as usize].prev = child;
        } else {
            nodes[parent as usize].last_child = child;
        }
    }

    /// Appends text or a node; adjacent text nodes merge.
    fn insert(&self, parent: u32, child: NodeOrText<u32>, before: u32) {
        match child {
            NodeOrText::AppendNode(c) => {
                let mut nodes = self.nodes.borrow_mut();
                if (parent as usize) < nodes.len() && (c as usize) < nodes.len() {
                    Sink::link(&mut nodes, parent, c, before);
                    if matches!(nodes[c as usize].data, NodeData::Element { .. }) {
                        self.current.set(c);
                    }
                }
            }
            NodeOrText::AppendText(t) => {
                {
                    let mut nodes = self.nodes.borrow_mut();
                    let Some(p) = nodes.get(parent as usize) else {
                        return;
                    };
                    // Scripts and styles are never read (JSON-LD excepted): dropping
                    // their text saves copying most of a modern page.
                    if let NodeData::Element { name, attrs } = &p.data {
                        let skip = match name.local {
                            local_name!("style") => true,
                            local_name!("script") => !attrs
                                .iter()
                                .any(|a| &*a.name.local == "type" && a.value.contains("json")),
                            _ => false,
                        };
                        if skip {
                            return;
                        }
                    }
                    let prev = if before == NONE {
                        p.last_child
                    } else {
                        nodes[before as usize].prev
                    };
                    if let Some(NodeData::Text(existing)) =
                        nodes.get_mut(prev as usize).map(|n| &mut n.data)
                    {
                        existing.push_tendril(&t);
                        return;
                    }
                }
                let c = self.push(NodeData::Text(t));
                let mut nodes = self.nodes.borrow_mut();
                Sink::link(&mut nodes, parent, c, before);
                // Text goes into the current node: a free resynchronisation.
                if before == NONE {
                    self.current.set(parent);
                }
            }
        }
    }
}

impl TreeSink for Sink {
    type Handle = u32;
    type Output = Dom;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Dom {
        Dom {
            nodes: self.nodes.into_inner(),
        }
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> u32 {
        0
    }

    fn elem_name<'a>(&'a self, target: &'a u32) -> Ref<'a, QualName> {
        Ref::map(self.nodes.borrow(), |nodes| {
            match nodes.get(*target as usize).map(|n| &n.data) {
                Some(NodeData::Element { name, .. }) => name,
                // The tree builder never asks for a non-element's name.
                _ => empty_name(),
            }
        })
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _f: ElementFlags) -> u32 {
        // The element comes from the tag being processed when the names agree; the
        // tree builder also creates `html`, `body`, `tbody` and reopened formatting
        // elements of its own.
        let own = self
            .from_tag
            .borrow_mut()
            .take_if(|n| *n == name.local)
            .is_some();
        let i = self.push(NodeData::Element { name, attrs });
        if own {
            self.nodes.borrow_mut()[i as usize].src_start = self.tag_start.get();
        }
        i
    }

    fn create_comment(&self, _text: StrTendril) -> u32 {
        self.push(NodeData::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> u32 {
        self.push(NodeData::Other)
    }

    fn append(&self, parent: &u32, child: NodeOrText<u32>) {
        self.insert(*parent, child, NONE);
    }

    fn append_based_on_parent_node(
        &self,
        element: &u32,
        prev_element: &u32,
        child: NodeOrText<u32>,
    ) {
        let has_parent = self
            .nodes
            .borrow()
            .get(*element as usize)
            .is_some_and(|n| n.parent != NONE);
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _n: StrTendril, _p: StrTendril, _s: StrTendril) {}

    fn pop(&self, node: &u32) {
        let mut nodes = self.nodes.borrow_mut();
        let end_tag = self.end_tag.borrow();
        let tag_start = self.tag_start.get();
        let Some(n) = nodes.get_mut(*node as usize) else {
            return;
        };
        if n.src_end == NONE {
            n.src_end = match (&*end_tag, &n.data) {
                // Closed by its own end tag: the element ends after it.
                (Some((name, end)), NodeData::Element { name: q, .. }) if *name == q.local => *end,
                // Closed implicitly: it ends where the tag that closed it begins.
                _ => tag_start,
            };
        }
        let parent = n.parent;
        if parent != NONE && self.current.get() == *node {
            self.current.set(parent);
        }
    }

    fn get_template_contents(&self, target: &u32) -> u32 {
        *target
    }

    fn same_node(&self, x: &u32, y: &u32) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &u32, child: NodeOrText<u32>) {
        let parent = self
            .nodes
            .borrow()
            .get(*sibling as usize)
            .map_or(NONE, |n| n.parent);
        if parent != NONE {
            self.insert(parent, child, *sibling);
        }
    }

    fn add_attrs_if_missing(&self, target: &u32, new: Vec<Attribute>) {
        let mut nodes = self.nodes.borrow_mut();
        if let Some(Node {
            data: NodeData::Element { attrs, .. },
            ..
        }) = nodes.get_mut(*target as usize)
        {
            for a in new {
                if !attrs.iter().any(|b| b.name == a.name) {
                    attrs.push(a);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &u32) {
        Sink::detach(&mut self.nodes.borrow_mut(), *target);
    }

    fn reparent_children(&self, node: &u32, new_parent: &u32) {
        let mut nodes = self.nodes.borrow_mut();
        if (*node as usize) >= nodes.len() || (*new_parent as usize) >= nodes.len() {
            return;
        }
        let mut c = nodes[*node as usize].first_child;
        while c != NONE {
            let next = nodes[c as usize].next;
            Sink::link(&mut nodes, *new_parent, c, NONE);
            c = next;
        }
    }
}

/// Sits between the tokenizer and the tree builder: notes which tag is being
/// processed (for source positions) and drops start tags nested too deep.
struct Driver {
    builder: TreeBuilder<u32, Sink>,
    /// Dropped start tags per name, whose end tags are dropped too.
    dropped: RefCell<HashMap<LocalName, u32>>,
}

/// Elements whose content the tokenizer must read as raw text; never dropped.
fn is_raw(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("script")
            | local_name!("style")
            | local_name!("textarea")
            | local_name!("title")
            | local_name!("xmp")
            | local_name!("iframe")
            | local_name!("noembed")
            | local_name!("noframes")
            | local_name!("noscript")
            | local_name!("plaintext")
    )
}

impl TokenSink for Driver {
    type Handle = u32;

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<u32> {
        if let Token::TagToken(tag) = &token {
            let sink = &self.builder.sink;
            match tag.kind {
                TagKind::StartTag => {
                    let depth = sink
                        .nodes
                        .borrow()
                        .get(sink.current.get() as usize)
                        .map_or(0, |n| n.depth);
                    if depth >= MAX_DEPTH && !is_raw(&tag.name) {
                        *self
                            .dropped
                            .borrow_mut()
                            .entry(tag.name.clone())
                            .or_insert(0) += 1;
                        return TokenSinkResult::Continue;
                    }
                    *sink.from_tag.borrow_mut() = Some(tag.name.clone());
                }
                TagKind::EndTag => {
                    let mut dropped = self.dropped.borrow_mut();
                    if let Some(n) = dropped.get_mut(&tag.name).filter(|n| **n > 0) {
                        *n -= 1;
                        return TokenSinkResult::Continue;
                    }
                    *sink.end_tag.borrow_mut() = Some((tag.name.clone(), sink.end_gt.get()));
                }
            }
        }
        let end_name = match &token {
            Token::TagToken(t) if t.kind == TagKind::EndTag => Some(t.name.clone()),
            _ => None,
        };
        let r = self.builder.process_token(token, line);
        let sink = &self.builder.sink;
        sink.from_tag.borrow_mut().take();
        if let Some(name) = end_name {
            sink.end_tag.borrow_mut().take();
            // The tree builder does not report every element an end tag closes:
            // follow it up from the current node to the element of that name (a
            // bounded walk; the next insertion resynchronises anyway).
            // That element ends after this end tag.
            let mut nodes = sink.nodes.borrow_mut();
            let mut a = sink.current.get();
            for _ in 0..MAX_DEPTH + 8 {
                let Some(n) = nodes.get_mut(a as usize) else {
                    break;
                };
                if let NodeData::Element { name: q, .. } = &n.data {
                    if q.local == name {
                        if n.src_end == NONE {
                            n.src_end = sink.end_gt.get();
                        }
                        if n.parent != NONE {
                            sink.current.set(n.parent);
                        }
                        break;
                    }
                }
                a = n.parent;
            }
        }
        r
    }

    fn end(&self) {
        self.builder.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.builder
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// Parses `html` (already decoded) into a [`Dom`] with source ranges in `html`'s bytes.
pub(crate) fn parse(html: &str) -> Dom {
    let sink = Sink {
        nodes: RefCell::new(vec![Node::new(NodeData::Document)]),
        current: Cell::new(0),
        tag_start: Cell::new(0),
        end_tag: RefCell::new(None),
        end_gt: Cell::new(NONE),
        from_tag: RefCell::new(None),
    };
    let opts = TreeBuilderOpts {
        scripting_enabled: false,
        drop_doctype: true,
        ..TreeBuilderOpts::default()
    };
    let driver = Driver {
        builder: TreeBuilder::new(sink, opts),
        dropped: RefCell::new(HashMap::new()),
    };
    let tok = Tokenizer::new(driver, TokenizerOpts::default());
    // One shared buffer; pieces are sub-tendrils of it (no copies).
    let all = StrTendril::from_slice(html);
    let bytes = html.as_bytes();
    let queue = BufferQueue::default();
    let mut start = 0usize;
    while start < bytes.len() {
        let end = memchr::memchr(b'<', &bytes[start + 1..]).map_or(bytes.len(), |i| start + 1 + i);
        let sink = &tok.sink.builder.sink;
        sink.tag_start.set(start as u32);
        // An end tag's end: its first `>` (end tags carry no attributes worth a `>`).
        let gt = if bytes[start] == b'<' && bytes.get(start + 1) == Some(&b'/') {
            memchr::memchr(b'>', &bytes[start..end]).map_or(end, |i| start + i + 1)
        } else {
            start
        };
        sink.end_gt.set(gt as u32);
        queue.push_back(all.subtendril(start as u32, (end - start) as u32));
        while let TokenizerResult::Script(_) = tok.feed(&queue) {}
        start = end;
    }
    let sink = &tok.sink.builder.sink;
    sink.tag_start.set(html.len() as u32);
    sink.end_gt.set(html.len() as u32);
    tok.end();
    let driver = tok.sink;
    let mut dom = driver.builder.sink.finish();
    fix_positions(&mut dom, html);
    fill_ends(&mut dom, html.len() as u32);
    dom
}

/// Gives each element without a known end the start of its next positioned
/// sibling, or its parent's end: the range then holds its end tag and any white
/// space after it. Parents are visited before children (pre-order, iterative).
fn fill_ends(dom: &mut Dom, len: u32) {
    if let Some(root) = dom.nodes.first_mut() {
        root.src_end = len;
    }
    let order: Vec<u32> = dom.descendants(0).collect();
    for i in order {
        let mut next_start = dom.nodes[i as usize].src_end;
        if next_start == NONE {
            next_start = len;
        }
        let mut c = dom.nodes[i as usize].last_child;
        while c != NONE {
            let n = &mut dom.nodes[c as usize];
            if matches!(n.data, NodeData::Element { .. }) {
                if n.src_end == NONE || (n.src_start != NONE && n.src_end < n.src_start) {
                    n.src_end = next_start;
                }
                if n.src_start != NONE {
                    next_start = n.src_start;
                }
            }
            c = n.prev;
        }
    }
}

/// Checks each element's start against the text: `<` and its name. An attribute
/// value holding `<` shifts the piece; the real start is then searched backwards.
fn fix_positions(dom: &mut Dom, html: &str) {
    let bytes = html.as_bytes();
    for n in &mut dom.nodes {
        let NodeData::Element { name, .. } = &n.data else {
            continue;
        };
        if n.src_start == NONE {
            continue;
        }
        let name = name.local.as_bytes();
        let at = |p: usize| {
            bytes.get(p) == Some(&b'<')
                && bytes
                    .get(p + 1..p + 1 + name.len())
                    .is_some_and(|s| s.eq_ignore_ascii_case(name))
        };
        let s = n.src_start as usize;
        let found = if at(s) {
            Some(s)
        } else {
            let lo = s.saturating_sub(4096);
            memchr::memrchr_iter(b'<', &bytes[lo..s.min(bytes.len())])
                .map(|i| lo + i)
                .find(|&p| at(p))
        };
        match found {
            Some(p) => {
                n.src_start = p as u32;
                if n.src_end != NONE && (n.src_end as usize) < p {
                    n.src_end = NONE;
                }
            }
            None => {
                n.src_start = NONE;
                n.src_end = NONE;
            }
        }
    }
}
