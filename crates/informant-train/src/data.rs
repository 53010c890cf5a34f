//! Reading the training data: re3d (JSONL, code-point offsets) and GUM (CoNLL-U,
//! text rebuilt from tokens), both as texts with gold mentions in byte offsets.

use std::path::{Path, PathBuf};

use informant::{EntityType, OffsetMap, Span};

/// One annotated document.
#[derive(Debug, Clone)]
pub struct GoldDoc {
    /// re3d id or GUM document name.
    pub id: String,
    /// `re3d` or `gum`.
    pub corpus: &'static str,
    pub text: String,
    /// Gold mentions in byte offsets, every layer (nested and doubly typed ones too).
    pub mentions: Vec<(Span, EntityType)>,
}

fn sorted_files(dir: &Path, ext: &str) -> Result<Vec<PathBuf>, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    files.sort();
    Ok(files)
}

/// The re3d documents of `dir/*.jsonl`, in file then line order.
pub fn read_re3d(dir: &Path) -> Result<Vec<GoldDoc>, String> {
    let mut docs = Vec::new();
    for f in sorted_files(dir, "jsonl")? {
        let content = std::fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?;
        for line in content.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value =
                serde_json::from_str(line).map_err(|e| format!("{}: {e}", f.display()))?;
            let text = v["text"].as_str().unwrap_or_default().to_owned();
            let map = OffsetMap::new(&text);
            let mut mentions = Vec::new();
            for e in v["entities"].as_array().into_iter().flatten() {
                let (Some(s), Some(t), Some(ty)) =
                    (e["start"].as_u64(), e["end"].as_u64(), e["type"].as_str())
                else {
                    continue;
                };
                let (Some(span), Some(ty)) = (
                    map.chars_to_span(s as usize, t as usize),
                    EntityType::from_name(ty),
                ) else {
                    continue;
                };
                mentions.push((span, ty));
            }
            docs.push(GoldDoc {
                id: v["id"].as_str().unwrap_or_default().to_owned(),
                corpus: "re3d",
                text,
                mentions,
            });
        }
    }
    Ok(docs)
}

/// GUM's entity types mapped onto the schema; the others (abstract, event, object, ...) are dropped.
pub fn gum_type(t: &str) -> Option<EntityType> {
    Some(match t {
        "person" => EntityType::Person,
        "organization" => EntityType::Organisation,
        "place" => EntityType::Location,
        "time" => EntityType::Temporal,
        "quantity" => EntityType::Quantity,
        _ => return None,
    })
}

fn misc_value<'a>(misc: &'a str, key: &str) -> Option<&'a str> {
    misc.split('|').find_map(|kv| kv.strip_prefix(key))
}

/// The GUM documents of `dir/*.conllu`, sorted by name. The text is rebuilt from
/// the tokens: a space after each unless `SpaceAfter=No`, sentences of a paragraph
/// joined by a space, paragraphs (`# newpar`) by a blank line. A possessive `'s`
/// closing a mention is left out of it (re3d does not annotate it).
pub fn read_gum(dir: &Path) -> Result<Vec<GoldDoc>, String> {
    let mut docs = Vec::new();
    for f in sorted_files(dir, "conllu")? {
        let content = std::fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?;
        let id = f
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        docs.push(parse_conllu(&id, &content));
    }
    Ok(docs)
}

/// One token of a GUM document: byte span in the rebuilt text and form.
struct GTok {
    span: Span,
    form: String,
}

fn parse_conllu(id: &str, content: &str) -> GoldDoc {
    let mut text = String::new();
    let mut toks: Vec<GTok> = Vec::new();
    // Open mentions: (GUM id, type, first token).
    let mut open: Vec<(String, Option<EntityType>, usize)> = Vec::new();
    let mut mentions: Vec<(usize, usize, EntityType)> = Vec::new();
    let mut pending_sep: &str = "";
    // Multi-word token being spelled out: (last sub-token id, surface start, surface end).
    let mut mwt: Option<(usize, usize, usize, Vec<String>)> = None;
    let mut space_after_mwt = true;
    for line in content.lines() {
        if line.starts_with("# newpar") && !line.starts_with("# newpar_block") {
            if !text.is_empty() {
                pending_sep = "\n\n";
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            // Sentence end: the next sentence of the paragraph follows after a space.
            if !text.is_empty() && pending_sep.is_empty() {
                pending_sep = " ";
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 10 {
            continue;
        }
        let tid = cols[0];
        if tid.contains('.') {
            continue;
        }
        let misc = cols[9];
        if let Some((a, b)) = tid.split_once('-') {
            let (Ok(_), Ok(b)) = (a.parse::<usize>(), b.parse::<usize>()) else {
                continue;
            };
            text.push_str(pending_sep);
            let start = text.len();
            text.push_str(cols[1]);
            mwt = Some((b, start, text.len(), Vec::new()));
            space_after_mwt = misc_value(misc, "SpaceAfter=") != Some("No");
            pending_sep = "";
            continue;
        }
        let Ok(n) = tid.parse::<usize>() else {
            continue;
        };
        let form = cols[1].to_owned();
        let span = if let Some((last, s, e, parts)) = &mut mwt {
            // Sub-tokens of a multi-word token: consecutive pieces of its surface when
            // they spell it, else the whole surface each.
            let used: usize = parts.iter().map(String::len).sum();
            let surface = &text[*s..*e];
            let sp = if surface[used.min(surface.len())..].starts_with(form.as_str()) {
                Span::new(*s + used, *s + used + form.len())
            } else {
                Span::new(*s, *e)
            };
            parts.push(form.clone());
            if n >= *last {
                mwt = None;
                pending_sep = if space_after_mwt { " " } else { "" };
            }
            sp
        } else {
            text.push_str(pending_sep);
            let start = text.len();
            text.push_str(&form);
            pending_sep = if misc_value(misc, "SpaceAfter=") == Some("No") {
                ""
            } else {
                " "
            };
            Span::new(start, text.len())
        };
        let ti = toks.len();
        toks.push(GTok { span, form });
        if let Some(ent) = misc_value(misc, "Entity=") {
            parse_entity_field(ent, ti, &mut open, &mut mentions);
        }
    }
    let mut out = Vec::new();
    for (a, b, ty) in mentions {
        let mut b = b;
        while b > a + 1 && matches!(toks[b - 1].form.as_str(), "'s" | "’s" | "'" | "’") {
            b -= 1;
        }
        out.push((Span::new(toks[a].span.start, toks[b - 1].span.end), ty));
    }
    GoldDoc {
        id: id.to_owned(),
        corpus: "gum",
        text,
        mentions: out,
    }
}

/// Reads `(ID-type-...` openings and `ID)` closings on token `ti`.
fn parse_entity_field(
    ent: &str,
    ti: usize,
    open: &mut Vec<(String, Option<EntityType>, usize)>,
    out: &mut Vec<(usize, usize, EntityType)>,
) {
    let b = ent.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'(' {
            let end = ent[i + 1..].find(['(', ')']).map_or(b.len(), |k| i + 1 + k);
            let body = &ent[i + 1..end];
            let mut parts = body.split('-');
            let gid = parts.next().unwrap_or_default().to_owned();
            let ty = parts.next().and_then(gum_type);
            if end < b.len() && b[end] == b')' {
                if let Some(ty) = ty {
                    out.push((ti, ti + 1, ty));
                }
                i = end + 1;
            } else {
                open.push((gid, ty, ti));
                i = end;
            }
        } else if b[i].is_ascii_digit() {
            let end = ent[i..].find(')').map_or(b.len(), |k| i + k);
            let gid = &ent[i..end];
            if let Some(pos) = open.iter().rposition(|(g, _, _)| g == gid) {
                let (_, ty, start) = open.remove(pos);
                if let Some(ty) = ty {
                    out.push((start, ti + 1, ty));
                }
            }
            i = end + 1;
        } else {
            i += 1;
        }
    }
}
