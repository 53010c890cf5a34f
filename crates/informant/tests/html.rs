//! The HTML reader: article extraction, metadata, encodings, source ranges, hostile input.
#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use informant::{BlockKind, Format, InputFormat, Pipeline};

fn html_pipeline() -> Pipeline {
    Pipeline::builder()
        .input_format(InputFormat::Fixed(Format::Html))
        .build()
        .unwrap()
}

const ARTICLE: &[u8] = include_bytes!("data/html/article.html");

#[test]
fn article_structure_metadata_and_boilerplate() {
    let doc = Pipeline::new().parse_bytes(ARTICLE).unwrap();
    doc.validate().unwrap();
    assert_eq!(doc.format(), Format::Html);
    assert_eq!(doc.title_text(), Some("Convoy Reaches Aleppo"));
    let m = doc.metadata();
    assert_eq!(m.authors, ["Jane Analyst", "Omar Field"]);
    assert_eq!(m.published.as_deref(), Some("2024-12-09T08:30:00Z"));
    assert_eq!(m.site.as_deref(), Some("The Example Gazette"));
    assert_eq!(m.language.as_deref(), Some("en-GB"));
    assert_eq!(
        m.url.as_deref(),
        Some("https://gazette.example/2024/12/convoy-aleppo")
    );
    let kinds: Vec<BlockKind> = doc.blocks().iter().map(|b| b.kind).collect();
    use BlockKind::*;
    assert_eq!(
        kinds,
        [
            Title, Paragraph, Paragraph, Heading, Paragraph, ListItem, ListItem, ListItem, Quote,
            Table, Paragraph, Code
        ]
    );
    let text = doc.text();
    for gone in [
        "cookies",
        "Home",
        "Advertisement",
        "Share on",
        "Related",
        "Earthquake relief",
        "comments",
        "Great reporting",
        "Most read",
        "Copyright",
        "By Jane",
    ] {
        assert!(!text.contains(gone), "{gone:?} in {text}");
    }
    assert!(text.contains("Cargo | Tonnes\nFlour | 320"));
    assert!(text.contains("on Tuesday.\nFurther convoys"));
    assert!(text.contains("Aleppo\nDistance: 110 km"));
    // Each block's source is the element it came from, in the page's bytes.
    for b in doc.blocks() {
        let s = b.source.expect("every block here has a source");
        let src = std::str::from_utf8(&ARTICLE[s.start..s.end]).unwrap();
        let tag = match b.kind {
            Title => "<h1",
            Heading => "<h2",
            ListItem => "<li",
            Table => "<table",
            Code => "<pre",
            _ => "<p",
        };
        assert!(src.starts_with(tag), "{src}");
        let first_word = doc.span_text(b.span).split_whitespace().next().unwrap();
        assert!(src.contains(first_word));
    }
    // Entity extraction runs on the article.
    let doc = Pipeline::new().extract_bytes(ARTICLE).unwrap();
    assert!(
        doc.mentions()
            .iter()
            .any(|m| doc.span_text(m.span) == "Aleppo")
    );
}

#[test]
fn json_carries_metadata_and_sources() {
    let doc = Pipeline::new().parse_bytes(ARTICLE).unwrap();
    let v = informant::to_json(&doc, &informant::JsonOptions::default());
    assert_eq!(v["format"], "html");
    assert_eq!(v["metadata"]["authors"][1], "Omar Field");
    let s = &v["blocks"][1]["source"];
    let (a, b) = (
        s["start"].as_u64().unwrap() as usize,
        s["end"].as_u64().unwrap() as usize,
    );
    assert!(ARTICLE[a..b].starts_with(b"<p>A humanitarian"));
    let back = informant::from_json(&v.to_string()).unwrap();
    assert_eq!(back.metadata(), doc.metadata());
    assert_eq!(back.blocks()[1].source, doc.blocks()[1].source);
    // Plain text has neither.
    let v = informant::to_json(&informant::parse("Plain.").unwrap(), &Default::default());
    assert!(v.get("metadata").is_none() && v["blocks"][0].get("source").is_none());
}

#[test]
fn windows_1252_and_offsets_into_original_bytes() {
    let mut page =
        b"<html><head><meta charset=\"windows-1252\"><title>Caf\xe9 talks</title></head><body>"
            .to_vec();
    page.extend_from_slice(b"<h1>Caf\xe9 talks</h1><p>The minister said the \x93ceasefire\x94 would hold, and that talks in Gen\xe8ve would go on.</p></body></html>");
    let doc = html_pipeline().parse_bytes(&page).unwrap();
    assert_eq!(doc.title_text(), Some("Café talks"));
    assert!(doc.text().contains("“ceasefire”"));
    assert!(doc.text().contains("Genève"));
    let p = doc.blocks()[1].source.unwrap();
    assert!(page[p.start..p.end].starts_with(b"<p>The minister"));
    assert!(page[..p.end].ends_with(b"</p>"));
    // The same through auto-detection.
    let doc = Pipeline::new().parse_bytes(&page).unwrap();
    assert_eq!(doc.format(), Format::Html);
}

#[test]
fn detection_from_text() {
    let doc = Pipeline::new()
        .parse(
            "<!doctype html><title>T</title><p>Body text of the page, long enough to be kept.</p>",
        )
        .unwrap();
    assert_eq!(doc.format(), Format::Html);
    assert!(doc.text().contains("Body text of the page"));
    assert_eq!(doc.blocks()[1].source.map(|s| s.start), Some(31));
}

#[test]
fn malformed_truncated_and_entity_laden_pages() {
    let page = "<html><body><div><p>First paragraph, unclosed &amp; with entities &eacute; &#8212; here.<p>Second, also unclosed<div><b>bold <i>misnested</b> text</i><table><tr><td>cell";
    let doc = html_pipeline().parse(page).unwrap();
    doc.validate().unwrap();
    let t = doc.text();
    assert!(
        t.contains("First paragraph, unclosed & with entities é — here."),
        "{t}"
    );
    assert!(t.contains("Second, also unclosed"), "{t}");
}

#[test]
fn binary_data_is_a_clear_error() {
    let mut bytes = vec![
        0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d,
    ];
    bytes.extend((0..5000u32).map(|i| (i * 7 % 256) as u8));
    let e = html_pipeline().parse_bytes(&bytes).unwrap_err();
    assert!(e.to_string().contains("binary"), "{e}");
}

#[test]
fn page_without_article_is_best_effort() {
    let page = "<html><body><nav><a href=/>Home</a><a href=/a>About</a></nav><ul><li><a href=/x>Link one</a></li><li><a href=/y>Link two</a></li></ul></body></html>";
    let doc = html_pipeline().parse(page).unwrap();
    doc.validate().unwrap();
    assert!(!doc.text().contains("About"));
    let doc = html_pipeline().parse("").unwrap();
    assert!(doc.blocks().is_empty());
}

/// Deeply nested markup: html5ever's scope checks are quadratic in depth, so the
/// reader drops start tags past its depth limit; the text survives.
#[test]
fn nesting_100_000_deep_is_linear() {
    for tag in ["div", "ul", "span", "blockquote"] {
        let n = 100_000;
        let page = format!(
            "<html><body>{}<p>Deep text, at the bottom of it all.</p>{}",
            format!("<{tag}>").repeat(n),
            format!("</{tag}>").repeat(n)
        );
        let t = Instant::now();
        let doc = html_pipeline().parse(&page).unwrap();
        doc.validate().unwrap();
        assert!(doc.text().contains("Deep text"), "{tag}");
        assert!(
            t.elapsed() < Duration::from_secs(20),
            "{tag}: {:?}",
            t.elapsed()
        );
    }
    // Unclosed and interleaved with stray end tags.
    let page = "<div></x>".repeat(100_000) + "<p>Still here, after all of that markup.</p>";
    let doc = html_pipeline().parse(&page).unwrap();
    assert!(doc.text().contains("Still here"));
}

#[test]
fn fifty_megabyte_page() {
    let para = "<p>Officials in the region said on Monday that the convoy, the largest this year, had arrived safely.</p>\n";
    let mut page =
        String::from("<html><head><title>Big</title></head><body><div class=\"article-body\">");
    while page.len() < 50 << 20 {
        page.push_str(para);
    }
    page.push_str("</div></body></html>");
    let t = Instant::now();
    let doc = Pipeline::builder()
        .input_format(InputFormat::Fixed(Format::Html))
        .tokens(false)
        .build()
        .unwrap()
        .parse_bytes(page.as_bytes())
        .unwrap();
    assert!(doc.blocks().len() > 400_000);
    // Generous for unoptimised test builds; about a second in release.
    assert!(t.elapsed() < Duration::from_secs(300), "{:?}", t.elapsed());
}

/// Every benchmark page parses into a valid document (needs ../shared; skipped without it).
#[test]
fn benchmark_pages_parse() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/article-extraction/html"
    );
    let Ok(entries) = std::fs::read_dir(dir) else {
        eprintln!("skipped: {dir} is absent (shared data not available)");
        return;
    };
    let p = html_pipeline();
    let mut n = 0;
    for e in entries.flatten() {
        let path = e.path();
        let mut bytes = Vec::new();
        let file = std::fs::File::open(&path).unwrap();
        use std::io::Read;
        flate2::read::MultiGzDecoder::new(file)
            .read_to_end(&mut bytes)
            .unwrap();
        p.parse_bytes(&bytes).unwrap().validate().unwrap();
        n += 1;
    }
    assert!(n > 0);
}
