//! Page metadata: title, authors, publication date, URL, site and language.
//!
//! Sources, most trusted first: JSON-LD (`NewsArticle`, `Article`, `BlogPosting`,
//! ... with `headline`, `author`, `datePublished`, `publisher`), Open Graph and
//! `article:` `<meta>` properties, Twitter cards, other common `<meta>` names
//! (`author`, `date`, `citation_*`, `dc.*`), `<link rel="canonical">`, `<title>`,
//! `<html lang>`, and the first `<time datetime>` or `itemprop="datePublished"`.

use html5ever::local_name;
use serde_json::Value;

use super::dom::{Dom, NodeData};
use crate::document::Metadata;

/// Metadata, plus the raw `<title>` and its element for the document title.
pub(crate) struct PageMeta {
    pub meta: Metadata,
    /// The `<title>` element, if any.
    pub title_elem: Option<u32>,
    /// The `<title>` text, whitespace collapsed.
    pub html_title: Option<String>,
}

/// Collapses runs of white space to one space and trims.
pub(crate) fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn set(slot: &mut Option<String>, v: &str) {
    let v = collapse(v);
    if slot.is_none() && !v.is_empty() {
        *slot = Some(v);
    }
}

fn add_author(authors: &mut Vec<String>, v: &str) {
    let v = collapse(v);
    // Profile URLs (article:author often holds one) are not names.
    if v.is_empty() || v.starts_with("http") || v.len() > 100 {
        return;
    }
    if !authors.iter().any(|a| a.eq_ignore_ascii_case(&v)) {
        authors.push(v);
    }
}

/// Reads the metadata of a page.
pub(crate) fn read(dom: &Dom) -> PageMeta {
    let mut m = Metadata::default();
    let mut ld = Metadata::default();
    let mut title_elem = None;
    let mut html_title = None;
    let mut og = Metadata::default();
    let mut other = Metadata::default();
    let mut time_date: Option<String> = None;
    let mut it = dom.descendants(0);
    while let Some(i) = it.next() {
        let Some(name) = dom.name(i) else { continue };
        match *name {
            local_name!("html") => {
                if let Some(l) = dom.attr(i, "lang") {
                    set(&mut m.language, l);
                }
            }
            local_name!("title") if title_elem.is_none() => {
                title_elem = Some(i);
                let t = collapse(&text_of(dom, i));
                if !t.is_empty() {
                    html_title = Some(t);
                }
            }
            local_name!("meta") => {
                let key = dom
                    .attr(i, "property")
                    .or_else(|| dom.attr(i, "name"))
                    .or_else(|| dom.attr(i, "itemprop"))
                    .unwrap_or("")
                    .to_ascii_lowercase();
                let Some(v) = dom.attr(i, "content") else {
                    continue;
                };
                match key.as_str() {
                    "og:title" => set(&mut og.title, v),
                    "twitter:title" => set(&mut other.title, v),
                    "og:site_name" => set(&mut og.site, v),
                    "og:url" => set(&mut og.url, v),
                    "og:locale" => set(&mut other.language, v),
                    "article:published_time" | "og:article:published_time" => {
                        set(&mut og.published, v);
                    }
                    "datepublished"
                    | "date"
                    | "pubdate"
                    | "publishdate"
                    | "dc.date"
                    | "dc.date.issued"
                    | "dcterms.date"
                    | "citation_publication_date"
                    | "citation_date"
                    | "parsely-pub-date"
                    | "sailthru.date" => {
                        set(&mut other.published, v);
                    }
                    "author" | "article:author" | "citation_author" | "dc.creator"
                    | "parsely-author" | "sailthru.author" => add_author(&mut other.authors, v),
                    "application-name" => set(&mut other.site, v),
                    _ => {}
                }
            }
            local_name!("link") => {
                if dom
                    .attr(i, "rel")
                    .is_some_and(|r| r.eq_ignore_ascii_case("canonical"))
                {
                    if let Some(h) = dom.attr(i, "href") {
                        set(&mut other.url, h);
                    }
                }
            }
            local_name!("script") => {
                if dom
                    .attr(i, "type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
                {
                    if let Ok(v) = serde_json::from_str::<Value>(text_of(dom, i).trim()) {
                        json_ld(&v, &mut ld);
                    }
                }
                it.skip_children(i);
            }
            local_name!("time") if time_date.is_none() => {
                if let Some(d) = dom.attr(i, "datetime") {
                    time_date = Some(collapse(d)).filter(|d| !d.is_empty());
                }
            }
            _ => {
                if dom
                    .attr(i, "itemprop")
                    .is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
                {
                    if let Some(d) = dom.attr(i, "datetime").or_else(|| dom.attr(i, "content")) {
                        set(&mut other.published, d);
                    }
                }
            }
        }
    }
    // Most trusted first.
    for src in [&ld, &og, &other] {
        if let Some(t) = &src.title {
            set(&mut m.title, t);
        }
        if let Some(t) = &src.published {
            set(&mut m.published, t);
        }
        if let Some(t) = &src.url {
            set(&mut m.url, t);
        }
        if let Some(t) = &src.site {
            set(&mut m.site, t);
        }
        if let Some(t) = &src.language {
            set(&mut m.language, t);
        }
        if m.authors.is_empty() {
            for a in &src.authors {
                add_author(&mut m.authors, a);
            }
        }
    }
    if m.published.is_none() {
        m.published = time_date;
    }
    if m.title.is_none() {
        m.title.clone_from(&html_title);
    }
    PageMeta {
        meta: m,
        title_elem,
        html_title,
    }
}

/// The concatenated text of a node's text descendants (iterative).
pub(crate) fn text_of(dom: &Dom, i: u32) -> String {
    let mut s = String::new();
    for d in dom.descendants(i) {
        if let Some(n) = dom.nodes.get(d as usize) {
            if let NodeData::Text(t) = &n.data {
                s.push_str(t);
            }
        }
    }
    s
}

const ARTICLE_TYPES: [&str; 8] = [
    "NewsArticle",
    "Article",
    "BlogPosting",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "ScholarlyArticle",
    "TechArticle",
];

/// Finds the first article object in a JSON-LD value (arrays and `@graph` searched,
/// iteratively) and reads its fields.
fn json_ld(v: &Value, m: &mut Metadata) {
    let mut stack = vec![v];
    let mut seen = 0;
    while let Some(v) = stack.pop() {
        seen += 1;
        if seen > 10_000 {
            return;
        }
        match v {
            Value::Array(a) => stack.extend(a.iter().rev()),
            Value::Object(o) => {
                let is_article = match o.get("@type") {
                    Some(Value::String(t)) => ARTICLE_TYPES.contains(&t.as_str()),
                    Some(Value::Array(ts)) => ts
                        .iter()
                        .any(|t| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t))),
                    _ => false,
                };
                if is_article {
                    if let Some(h) = o.get("headline").and_then(Value::as_str) {
                        set(&mut m.title, &decode_entities(h));
                    }
                    if let Some(d) = o.get("datePublished").and_then(Value::as_str) {
                        set(&mut m.published, d);
                    }
                    if let Some(u) = o.get("url").and_then(Value::as_str) {
                        set(&mut m.url, u);
                    }
                    if let Some(l) = o.get("inLanguage").and_then(Value::as_str) {
                        set(&mut m.language, l);
                    }
                    if let Some(p) = o.get("publisher") {
                        if let Some(n) = p.get("name").and_then(Value::as_str) {
                            set(&mut m.site, n);
                        }
                    }
                    let authors: Vec<&Value> = match o.get("author") {
                        Some(Value::Array(a)) => a.iter().collect(),
                        Some(a) => vec![a],
                        None => Vec::new(),
                    };
                    for a in authors {
                        match a {
                            Value::String(s) => add_author(&mut m.authors, s),
                            Value::Object(_) => {
                                if let Some(n) = a.get("name").and_then(Value::as_str) {
                                    add_author(&mut m.authors, n);
                                }
                            }
                            _ => {}
                        }
                    }
                    return;
                }
                if let Some(g) = o.get("@graph") {
                    stack.push(g);
                }
                if let Some(e) = o.get("mainEntity").or_else(|| o.get("mainEntityOfPage")) {
                    stack.push(e);
                }
            }
            _ => {}
        }
    }
}

/// Headlines in JSON-LD sometimes carry HTML entities; the common ones are decoded.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    s.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#039;", "'")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\u{a0}")
}
