//! Finding the article in a page: boilerplate removal and content scoring.
//!
//! The method is in the family of Mozilla's Readability and trafilatura:
//!
//! 1. **Removal.** Elements that never hold article text go first: scripts,
//!    styles, forms controls, `<nav>`, `<aside>`, `<footer>`, hidden elements
//!    (`hidden`, `aria-hidden`, `display:none`), navigation roles, and elements
//!    whose class or id names boilerplate (comments, menus, sharing, cookie
//!    banners, related articles, advertisements, newsletters, ...), unless
//!    the name also says content (`article`, `content`, `post`, ...) and the hint
//!    is a weak one.
//! 2. **Scoring.** Every element that holds a run of text (a paragraph, or a
//!    `<div>` with text of its own) of 25 characters or more scores
//!    `1 + commas + min(length / 100, 3)`; its parent receives the full score,
//!    its grandparent half, further ancestors (up to five levels) a third of
//!    that per level. Ancestors start from a tag bonus (`div` +5, lists and
//!    headings negative) and a class/id weight (±25), and their final score is
//!    multiplied by `1 - link density`. The best ancestor is the article; if
//!    several top candidates share an ancestor, that ancestor is taken instead.
//! 3. **Siblings.** Siblings of the article element join it when they score
//!    well too, or are paragraphs of prose with few links.
//! 4. **Cleaning.** Inside the article, containers and lists whose text is
//!    mostly links (related stories, tag lists, "read more" boxes) are dropped,
//!    as are blocks that are only a boilerplate phrase ("Advertisement").
//!
//! Every tree walk here is iterative; per-node figures are computed bottom-up
//! over a pre-order list, so the whole is linear in the size of the page.

use html5ever::{LocalName, local_name};

use super::dom::{Dom, NONE, NodeData};

/// Per-node figures, computed bottom-up.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Info {
    /// Removed with its subtree.
    pub junk: bool,
    /// Visible text in the subtree, in non-space characters.
    pub text: u32,
    /// Of which inside links.
    pub link: u32,
    /// Text not inside nested block elements (for a block: its own run of text).
    pub own: u32,
    /// Commas in the own text.
    pub commas: u32,
    /// Paragraphs, list items, images and form inputs in the subtree.
    pub paras: u32,
    pub items: u32,
    pub images: u32,
    pub inputs: u32,
    /// Content score (for candidates).
    pub score: f32,
    pub scored: bool,
}

impl Info {
    /// Share of the text inside links.
    pub fn link_density(&self) -> f32 {
        if self.text == 0 {
            0.0
        } else {
            self.link as f32 / self.text as f32
        }
    }
}

/// Whether an element starts a block (a line of its own) in reading order.
pub(crate) fn is_block(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("address")
            | local_name!("article")
            | local_name!("aside")
            | local_name!("blockquote")
            | local_name!("body")
            | local_name!("caption")
            | local_name!("center")
            | local_name!("dd")
            | local_name!("details")
            | local_name!("dialog")
            | local_name!("dir")
            | local_name!("div")
            | local_name!("dl")
            | local_name!("dt")
            | local_name!("fieldset")
            | local_name!("figcaption")
            | local_name!("figure")
            | local_name!("footer")
            | local_name!("form")
            | local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
            | local_name!("header")
            | local_name!("hgroup")
            | local_name!("hr")
            | local_name!("html")
            | local_name!("legend")
            | local_name!("li")
            | local_name!("main")
            | local_name!("menu")
            | local_name!("nav")
            | local_name!("ol")
            | local_name!("p")
            | local_name!("pre")
            | local_name!("section")
            | local_name!("summary")
            | local_name!("table")
            | local_name!("tbody")
            | local_name!("td")
            | local_name!("tfoot")
            | local_name!("th")
            | local_name!("thead")
            | local_name!("tr")
            | local_name!("ul")
    )
}

/// Elements removed with everything inside them.
fn is_junk_tag(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("script")
            | local_name!("style")
            | local_name!("noscript")
            | local_name!("template")
            | local_name!("svg")
            | local_name!("math")
            | local_name!("iframe")
            | local_name!("object")
            | local_name!("embed")
            | local_name!("canvas")
            | local_name!("button")
            | local_name!("input")
            | local_name!("select")
            | local_name!("textarea")
            | local_name!("option")
            | local_name!("nav")
            | local_name!("aside")
            | local_name!("footer")
            | local_name!("head")
            | local_name!("title")
            | local_name!("dialog")
            | local_name!("menu")
            | local_name!("audio")
            | local_name!("video")
            | local_name!("picture")
            | local_name!("map")
            | local_name!("label")
            | local_name!("figure")
    )
}

/// Class/id words that mark boilerplate whatever else the name says.
const STRONG_NEGATIVE: &[&str] = &[
    "comment",
    "comments",
    "disqus",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "newsletter",
    "related",
    "recommended",
    "recommendations",
    "outbrain",
    "taboola",
    "share",
    "sharing",
    "social",
    "breadcrumb",
    "breadcrumbs",
    "sidebar",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "sponsor",
    "sponsored",
    "promo",
    "subscribe",
    "subscription",
    "popup",
    "modal",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "footer",
    "skip",
    "newsletter",
    "signup",
    "masthead",
    "toolbar",
    "pagination",
    "pager",
];

/// Class/id words of comment sections, removed even when they hold most paragraphs.
const COMMENTS: &[&str] = &["comment", "comments", "disqus", "replies", "respond"];

/// Class/id words that mark boilerplate unless the name also says content.
const WEAK_NEGATIVE: &[&str] = &[
    "header",
    "banner",
    "widget",
    "meta",
    "byline",
    "author",
    "tags",
    "tag",
    "topics",
    "caption",
    "credit",
    "dateline",
    "timestamp",
    "date",
    "hidden",
    "hide",
    "print",
    "login",
    "more",
    "trending",
    "popular",
    "most",
    "rail",
    "extra",
    "supplemental",
    "alert",
    "shoutbox",
    "contact",
    "bio",
];

/// Class/id words that mark content.
const POSITIVE: &[&str] = &[
    "article", "body", "content", "entry", "main", "post", "story", "text", "blog", "hentry",
    "prose", "richtext",
];

/// Class/id words counted against a candidate's score (Readability's list, as words).
const SCORE_NEGATIVE: &[&str] = &[
    "comment",
    "comments",
    "contact",
    "foot",
    "footer",
    "footnote",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "tool",
    "widget",
    "hidden",
    "banner",
    "ad",
    "ads",
];

/// Splits a class or id into words at spaces, `-`, `_`, other punctuation and
/// lower-to-upper case changes (`articleBody` is `article`, `body`).
fn words<'a>(s: &'a str, out: &mut Vec<&'a str>) {
    let b = s.as_bytes();
    let mut start = None;
    for (i, &c) in b.iter().enumerate() {
        if c.is_ascii_alphanumeric() {
            match start {
                None => start = Some(i),
                Some(st) if c.is_ascii_uppercase() && i > st && b[i - 1].is_ascii_lowercase() => {
                    out.push(&s[st..i]);
                    start = Some(i);
                }
                _ => {}
            }
        } else if let Some(st) = start.take() {
            out.push(&s[st..i]);
        }
    }
    if let Some(st) = start {
        out.push(&s[st..]);
    }
}

/// The class and id words of an element.
fn hint_words<'a>(dom: &'a Dom, i: u32, buf: &mut Vec<&'a str>) {
    buf.clear();
    if let Some(c) = dom.attr(i, "class") {
        words(c, buf);
    }
    if let Some(c) = dom.attr(i, "id") {
        words(c, buf);
    }
}

fn any_in(words: &[&str], list: &[&str]) -> bool {
    words
        .iter()
        .any(|w| list.iter().any(|l| l.eq_ignore_ascii_case(w)))
}

/// Readability's class weight: +25 for a content word, -25 for a boilerplate word.
fn class_weight(words: &[&str]) -> f32 {
    let mut w = 0.0;
    if any_in(words, POSITIVE) {
        w += 25.0;
    }
    if any_in(words, SCORE_NEGATIVE) {
        w -= 25.0;
    }
    w
}

/// Whether an element is hidden or plays a non-content role.
fn hidden_or_role(dom: &Dom, i: u32) -> bool {
    if dom.attr(i, "hidden").is_some() {
        return true;
    }
    if dom
        .attr(i, "aria-hidden")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    if let Some(style) = dom.attr(i, "style") {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    if let Some(role) = dom.attr(i, "role") {
        let r = role.trim().to_ascii_lowercase();
        if matches!(
            r.as_str(),
            "navigation"
                | "menu"
                | "menubar"
                | "complementary"
                | "banner"
                | "contentinfo"
                | "dialog"
                | "alertdialog"
                | "search"
                | "toolbar"
        ) {
            return true;
        }
    }
    false
}

/// Counts non-space characters and commas (ASCII and the common CJK and Arabic ones).
fn measure(t: &str) -> (u32, u32) {
    let b = t.as_bytes();
    let mut n = 0u32;
    let mut commas = 0u32;
    for (i, &c) in b.iter().enumerate() {
        // Count characters by their first byte; skip ASCII white space.
        if c.is_ascii_whitespace() || (c & 0xC0) == 0x80 {
            continue;
        }
        n += 1;
        if c == b',' {
            commas += 1;
        } else if c >= 0xD8 {
            let rest = &b[i..];
            if rest.starts_with("،".as_bytes())
                || rest.starts_with("、".as_bytes())
                || rest.starts_with("，".as_bytes())
            {
                commas += 1;
            }
        }
    }
    (n, commas)
}

/// The result of the analysis: per-node figures and the article's root elements.
pub(crate) struct Analysis {
    pub info: Vec<Info>,
    /// The article: elements in document order whose content is the article.
    pub roots: Vec<u32>,
}

/// Finds the `<body>` (or the document if there is none).
fn body(dom: &Dom) -> u32 {
    for c in dom.children(0) {
        if dom.name(c) == Some(&local_name!("html")) {
            for b in dom.children(c) {
                if dom.name(b) == Some(&local_name!("body")) {
                    return b;
                }
            }
            return c;
        }
    }
    0
}

/// Analyses the page: marks boilerplate, scores candidates, picks the article.
pub(crate) fn analyse(dom: &Dom) -> Analysis {
    let n = dom.nodes.len();
    let mut info = vec![Info::default(); n];
    let body = body(dom);
    // Paragraph text per node over the whole tree: a class or id hint never removes
    // the element holding most of the page's paragraphs (`content-with-sidebar`).
    let mut ptext = vec![0u32; n];
    let mut measured = vec![(0u32, 0u32); n];
    let mut all: Vec<u32> = Vec::with_capacity(n);
    let mut it = dom.descendants(body);
    while let Some(i) = it.next() {
        if dom.name(i).is_some_and(is_junk_tag) {
            it.skip_children(i);
            continue;
        }
        all.push(i);
    }
    for &i in all.iter().rev() {
        let node = &dom.nodes[i as usize];
        if let NodeData::Text(t) = &node.data {
            measured[i as usize] = measure(t);
            ptext[i as usize] = measured[i as usize].0;
            continue;
        }
        let sum: u32 = dom.children(i).map(|c| ptext[c as usize]).sum();
        ptext[i as usize] = sum;
    }
    // Only text inside paragraphs counts: a second pass keeps sums of `<p>` subtrees.
    let mut psum = vec![0u32; n];
    for &i in all.iter().rev() {
        let Some(name) = dom.name(i) else { continue };
        psum[i as usize] = if *name == local_name!("p") {
            ptext[i as usize]
        } else {
            dom.children(i).map(|c| psum[c as usize]).sum()
        };
    }
    // The densest run of paragraphs (the element whose `<p>` children hold the most
    // text) and its ancestors are protected from hints too (`pg-rail-tall__wrapper`).
    let mut protected = vec![false; n];
    let mut best = (0u32, NONE);
    for &i in &all {
        if dom.name(i).is_none() {
            continue;
        }
        let direct: u32 = dom
            .children(i)
            .filter(|&c| dom.name(c) == Some(&local_name!("p")))
            .map(|c| ptext[c as usize])
            .sum();
        if direct > best.0 {
            best = (direct, i);
        }
    }
    let mut a = best.1;
    while a != NONE {
        protected[a as usize] = true;
        a = dom.nodes[a as usize].parent;
    }
    drop(all);
    let page_p = psum[body as usize].max(1);
    // Pre-order over the kept tree; junk subtrees are skipped.
    let mut order: Vec<u32> = Vec::with_capacity(n);
    let mut buf = Vec::new();
    let mut it = dom.descendants(body);
    while let Some(i) = it.next() {
        if let Some(name) = dom.name(i) {
            let junk = if i == body {
                false
            } else if is_junk_tag(name) || hidden_or_role(dom, i) {
                true
            } else if matches!(*name, local_name!("article") | local_name!("main")) {
                false
            } else {
                hint_words(dom, i, &mut buf);
                let negative = any_in(&buf, STRONG_NEGATIVE)
                    || (any_in(&buf, WEAK_NEGATIVE) && !any_in(&buf, POSITIVE));
                negative
                    && (any_in(&buf, COMMENTS)
                        || (psum[i as usize] * 2 < page_p && !protected[i as usize]))
            };
            if junk {
                info[i as usize].junk = true;
                it.skip_children(i);
                continue;
            }
        }
        order.push(i);
    }
    // Bottom-up figures.
    for &i in order.iter().rev() {
        let node = &dom.nodes[i as usize];
        match &node.data {
            NodeData::Text(_) => {
                let (len, commas) = measured[i as usize];
                let inf = &mut info[i as usize];
                inf.text = len;
                inf.own = len;
                inf.commas = commas;
            }
            NodeData::Element { name, .. } => {
                let mut acc = Info::default();
                for c in dom.children(i) {
                    let ci = info[c as usize];
                    if ci.junk {
                        continue;
                    }
                    acc.text += ci.text;
                    acc.link += ci.link;
                    acc.paras += ci.paras;
                    acc.items += ci.items;
                    acc.images += ci.images;
                    acc.inputs += ci.inputs;
                    let child_block = dom.name(c).is_some_and(is_block);
                    if !child_block {
                        acc.own += ci.own;
                        acc.commas += ci.commas;
                    }
                }
                match name.local {
                    local_name!("a") => acc.link = acc.text,
                    local_name!("p") => acc.paras += 1,
                    local_name!("li") => acc.items += 1,
                    local_name!("img") => acc.images += 1,
                    local_name!("input") | local_name!("select") | local_name!("button") => {
                        acc.inputs += 1;
                    }
                    _ => {}
                }
                let inf = &mut info[i as usize];
                inf.text = acc.text;
                inf.link = acc.link.min(acc.text);
                inf.own = acc.own;
                inf.commas = acc.commas;
                inf.paras = acc.paras;
                inf.items = acc.items;
                inf.images = acc.images;
                inf.inputs = acc.inputs;
            }
            _ => {}
        }
    }
    // Scoring: each run of text scores its ancestors.
    let mut candidates: Vec<u32> = Vec::new();
    for &i in &order {
        let Some(name) = dom.name(i) else { continue };
        if !is_block(name) || matches!(*name, local_name!("body") | local_name!("html")) {
            continue;
        }
        let inf = info[i as usize];
        if inf.own < 25 {
            continue;
        }
        let score = 1.0 + inf.commas as f32 + (inf.own as f32 / 100.0).floor().min(3.0);
        let mut a = dom.nodes[i as usize].parent;
        let mut level = 0u32;
        while a != NONE && level < 5 {
            let Some(aname) = dom.name(a) else { break };
            if !info[a as usize].scored {
                let base = match *aname {
                    local_name!("div") | local_name!("article") | local_name!("section") => 5.0,
                    local_name!("main") => 5.0,
                    local_name!("pre") | local_name!("td") | local_name!("blockquote") => 3.0,
                    local_name!("address")
                    | local_name!("ol")
                    | local_name!("ul")
                    | local_name!("dl")
                    | local_name!("dd")
                    | local_name!("dt")
                    | local_name!("li")
                    | local_name!("form") => -3.0,
                    local_name!("h1")
                    | local_name!("h2")
                    | local_name!("h3")
                    | local_name!("h4")
                    | local_name!("h5")
                    | local_name!("h6")
                    | local_name!("th") => -5.0,
                    _ => 0.0,
                };
                hint_words(dom, a, &mut buf);
                let inf = &mut info[a as usize];
                inf.score = base + class_weight(&buf);
                inf.scored = true;
                candidates.push(a);
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            info[a as usize].score += score / divider;
            a = dom.nodes[a as usize].parent;
            level += 1;
        }
    }
    for &c in &candidates {
        let inf = &mut info[c as usize];
        inf.score *= 1.0 - inf.link_density();
    }
    let Some(&top) = candidates.iter().max_by(|a, b| {
        info[**a as usize]
            .score
            .total_cmp(&info[**b as usize].score)
    }) else {
        // No text runs at all: the whole body, best effort.
        return Analysis {
            info,
            roots: vec![body],
        };
    };
    let top = promote(dom, &info, &candidates, top, body);
    let roots = siblings(dom, &info, top, body);
    Analysis { info, roots }
}

/// Readability's moves upwards: to a common ancestor of several top candidates,
/// and past a parent that holds nothing but the candidate.
fn promote(dom: &Dom, info: &[Info], candidates: &[u32], top: u32, body: u32) -> u32 {
    let top_score = info[top as usize].score;
    let mut best: Vec<u32> = candidates
        .iter()
        .copied()
        .filter(|&c| c != top && info[c as usize].score >= top_score * 0.75)
        .collect();
    best.sort_by(|a, b| info[*b as usize].score.total_cmp(&info[*a as usize].score));
    best.truncate(4);
    let mut top = top;
    if best.len() >= 3 {
        let ancestors = |mut x: u32| {
            let mut v = Vec::new();
            while x != NONE {
                v.push(x);
                x = dom.nodes[x as usize].parent;
            }
            v
        };
        let lists: Vec<Vec<u32>> = best.iter().map(|&c| ancestors(c)).collect();
        let mut p = dom.nodes[top as usize].parent;
        while p != NONE && p != body {
            let shared = lists.iter().filter(|l| l.contains(&p)).count();
            if shared >= 3 {
                top = p;
                break;
            }
            p = dom.nodes[p as usize].parent;
        }
    }
    // A parent whose text is (almost) all the candidate's is the better root.
    loop {
        let p = dom.nodes[top as usize].parent;
        if p == NONE || p == body || dom.name(p).is_none() {
            break;
        }
        let (pt, tt) = (info[p as usize].text, info[top as usize].text);
        if pt > 0 && tt as f32 >= pt as f32 * 0.95 {
            top = p;
        } else {
            break;
        }
    }
    top
}

/// The top candidate with those of its siblings that look like more of the article.
fn siblings(dom: &Dom, info: &[Info], top: u32, body: u32) -> Vec<u32> {
    let parent = dom.nodes[top as usize].parent;
    if top == body || parent == NONE {
        return vec![top];
    }
    let top_score = info[top as usize].score;
    let threshold = (top_score * 0.2).max(10.0);
    let top_class = dom.attr(top, "class").unwrap_or("");
    let mut roots = Vec::new();
    for s in dom.children(parent) {
        let si = info[s as usize];
        if si.junk {
            continue;
        }
        if s == top {
            roots.push(s);
            continue;
        }
        let Some(name) = dom.name(s) else { continue };
        let mut bonus = 0.0;
        if !top_class.is_empty() && dom.attr(s, "class") == Some(top_class) {
            bonus = top_score * 0.2;
        }
        if si.scored && si.score + bonus >= threshold {
            roots.push(s);
        } else if *name == local_name!("p") {
            let ld = si.link_density();
            if (si.text > 80 && ld < 0.25) || (si.text > 0 && si.text <= 80 && ld == 0.0) {
                roots.push(s);
            }
        }
    }
    roots
}

/// Whether a container inside the article should be dropped: its text is mostly
/// links (lists of related stories, tags, "read more"), or it holds form controls.
pub(crate) fn drop_inside(dom: &Dom, info: &[Info], i: u32) -> bool {
    let Some(name) = dom.name(i) else {
        return false;
    };
    let inf = info[i as usize];
    match *name {
        local_name!("div")
        | local_name!("section")
        | local_name!("ul")
        | local_name!("ol")
        | local_name!("dl")
        | local_name!("table")
        | local_name!("header")
        | local_name!("form") => {}
        local_name!("li") | local_name!("p") | local_name!("span") => {
            // A paragraph that is nothing but a link is navigation ("Read more").
            return inf.text > 0
                && inf.link == inf.text
                && inf.text < 100
                && *name == local_name!("li");
        }
        _ => return false,
    }
    if inf.text == 0 {
        return false;
    }
    let ld = inf.link_density();
    if inf.commas >= 10 {
        return false;
    }
    ld > 0.5 || (ld > 0.25 && inf.text < 300) || inf.inputs > 2
}
