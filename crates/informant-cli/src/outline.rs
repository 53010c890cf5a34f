//! A readable tree of a document for the terminal.

use std::io::{self, Write};

use informant::{BlockKind, Document};

/// Longest excerpt of a sentence shown on one line, in chars.
const WIDTH: usize = 96;

fn excerpt(s: &str) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= WIDTH {
        flat
    } else {
        let cut: String = flat.chars().take(WIDTH - 1).collect();
        format!("{cut}…")
    }
}

/// Writes the outline of `doc`: blocks with their sentences, then entities and attributions.
pub fn write(out: &mut impl Write, doc: &Document) -> io::Result<()> {
    let id = doc.id().unwrap_or("<stdin>");
    writeln!(
        out,
        "{id}  ({}, {} chars, {} blocks, {} sentences, {} tokens, {} mentions)",
        doc.format(),
        doc.text().chars().count(),
        doc.blocks().len(),
        doc.sentences().len(),
        doc.tokens().len(),
        doc.mentions().len(),
    )?;
    let mut sentences = doc.sentences().iter().enumerate().peekable();
    for (bi, block) in doc.blocks().iter().enumerate() {
        let head = match block.kind {
            BlockKind::Title => "TITLE".to_string(),
            BlockKind::Heading => format!("H{}", block.level.unwrap_or(2)),
            BlockKind::Paragraph => "¶".into(),
            BlockKind::ListItem => "•".into(),
            BlockKind::Quote => ">".into(),
            BlockKind::Table => "TABLE".into(),
            BlockKind::Code => "CODE".into(),
            _ => "?".into(),
        };
        let label = block
            .label
            .map(|l| format!("[{}] ", doc.span_text(l)))
            .unwrap_or_default();
        if matches!(block.kind, BlockKind::Title | BlockKind::Heading) {
            // A heading is its own sentence: show it on one line.
            while sentences.next_if(|(_, s)| s.block == bi).is_some() {}
            writeln!(out, "{head:<6}{}", excerpt(doc.span_text(block.span)))?;
            continue;
        }
        writeln!(out, "{head:<6}{label}")?;
        while let Some((si, s)) = sentences.next_if(|(_, s)| s.block == bi) {
            writeln!(out, "  {:>3}  {}", si + 1, excerpt(doc.span_text(s.span)))?;
        }
    }
    if !doc.entities().is_empty() {
        writeln!(out, "\nENTITIES")?;
        for e in doc.entities() {
            let forms: Vec<&str> = e
                .mentions
                .iter()
                .filter_map(|&m| doc.mentions().get(m))
                .map(|m| doc.span_text(m.span))
                .collect();
            writeln!(
                out,
                "  {:<5} {:<18} {}  ({})",
                e.id,
                e.entity_type.as_str(),
                e.name,
                forms.join(" | ")
            )?;
        }
    }
    if !doc.attributions().is_empty() {
        writeln!(out, "\nATTRIBUTIONS")?;
        for a in doc.attributions() {
            writeln!(
                out,
                "  {} —[{}]→ {}",
                doc.span_text(a.source),
                doc.span_text(a.cue),
                excerpt(doc.span_text(a.claim))
            )?;
        }
    }
    Ok(())
}
