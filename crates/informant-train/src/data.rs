//! Reading the training data as texts with gold mentions in byte offsets: re3d
//! (JSONL), GUM (CoNLL-U, text rebuilt from tokens), the open name corpora of
//! `ner-open` (UNER EWT, Broad Twitter Corpus, WNUT-17; JSONL) and MEANTIME (JSONL).
//!
//! Every mention gets a kind: given by MEANTIME, from GUM's part-of-speech tags (a
//! mention whose last word is a proper noun is a name), from the words for re3d (a
//! pronoun of the closed class; a name when its first and last words, after an
//! article, are capitalised), names only in `ner-open`. Names lose a leading
//! article ("the United Nations" -> "United Nations"): the news convention.

use std::path::{Path, PathBuf};

use informant::recognise::tagger::PRONOUNS;
use informant::{EntityType, MentionKind, OffsetMap, Span};

/// One annotated document.
#[derive(Debug, Clone)]
pub struct GoldDoc {
    /// The corpus's document id.
    pub id: String,
    /// The group whose annotation scheme it follows: `re3d`, `gum`, `ner`, `meantime` or
    /// `silver`.
    pub group: &'static str,
    /// The source held out together in leave-one-source-out evaluation: `re3d-centcom`,
    /// `gum`, `uner-ewt`, `btc`, `wnut17`, `meantime`.
    pub source: String,
    pub text: String,
    /// Gold mentions in byte offsets, every layer (nested and doubly typed ones too).
    pub mentions: Vec<(Span, EntityType, MentionKind)>,
}

fn is_value(t: EntityType) -> bool {
    MentionKind::default_for(t) == MentionKind::Value
}

/// Kind of a mention from its words alone (re3d).
fn kind_from_words(text: &str, t: EntityType) -> MentionKind {
    if is_value(t) {
        return MentionKind::Value;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() == 1 && PRONOUNS.contains(&words[0].to_lowercase().as_str()) {
        return MentionKind::Pronoun;
    }
    let words = match words.first() {
        Some(w) if matches!(w.to_lowercase().as_str(), "the" | "a" | "an") => &words[1..],
        _ => &words[..],
    };
    let cap = |w: &&str| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
    match (words.first(), words.last()) {
        (Some(a), Some(b)) if cap(a) && cap(b) => MentionKind::Name,
        _ => MentionKind::Nominal,
    }
}

/// A name's span without a leading article.
fn strip_article(text: &str, span: Span) -> Span {
    let s = &text[span.range()];
    for art in ["the ", "The ", "THE ", "a ", "A ", "an ", "An "] {
        if let Some(rest) = s.strip_prefix(art) {
            let rest_trim = rest.trim_start();
            if !rest_trim.is_empty() {
                return Span::new(span.end - rest_trim.len(), span.end);
            }
        }
    }
    span
}

/// `(span, type, kind)` with a name's article dropped.
fn gold(text: &str, span: Span, t: EntityType, k: MentionKind) -> (Span, EntityType, MentionKind) {
    let span = if k == MentionKind::Name {
        strip_article(text, span)
    } else {
        span
    };
    (span, t, k)
}

/// Documents of a JSONL file whose records carry `text` and a list `key` of
/// `{start, end, type, kind?}` in code points; `kind_of` decides kinds.
fn read_jsonl(
    path: &Path,
    group: &'static str,
    source: &str,
    key: &str,
    kind_of: &dyn Fn(&serde_json::Value, &str, EntityType) -> Option<MentionKind>,
) -> Result<Vec<GoldDoc>, String> {
    let content = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut docs = Vec::new();
    for line in content.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("{}: {e}", path.display()))?;
        let text = v["text"].as_str().unwrap_or_default().to_owned();
        let map = OffsetMap::new(&text);
        let mut mentions = Vec::new();
        for e in v[key].as_array().into_iter().flatten() {
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
            if let Some(k) = kind_of(e, &text[span.range()], ty) {
                mentions.push(gold(&text, span, ty, k));
            }
        }
        if group == "meantime" {
            for e in v["timexes"].as_array().into_iter().flatten() {
                let (Some(s), Some(t)) = (e["start"].as_u64(), e["end"].as_u64()) else {
                    continue;
                };
                if let Some(span) = map.chars_to_span(s as usize, t as usize) {
                    mentions.push((span, EntityType::Temporal, MentionKind::Value));
                }
            }
        }
        docs.push(GoldDoc {
            id: v["id"].as_str().unwrap_or_default().to_owned(),
            group,
            source: source.to_owned(),
            text,
            mentions,
        });
    }
    Ok(docs)
}

/// The name corpora of `dir` (`ner-open`): Person, Organisation and Location names.
pub fn read_ner_open(dir: &Path) -> Result<Vec<GoldDoc>, String> {
    let mut docs = Vec::new();
    let names = |_: &serde_json::Value, _: &str, t: EntityType| {
        matches!(
            t,
            EntityType::Person | EntityType::Organisation | EntityType::Location
        )
        .then_some(MentionKind::Name)
    };
    for (file, source) in [
        ("uner-ewt.jsonl", "uner-ewt"),
        ("btc.jsonl", "btc"),
        ("wnut17-train.jsonl", "wnut17"),
        ("wnut17-dev.jsonl", "wnut17"),
    ] {
        let p = dir.join(file);
        if p.exists() {
            docs.extend(read_jsonl(&p, "ner", source, "entities", &names)?);
        }
    }
    Ok(docs)
}

/// Silver names of news pages (`tools/silver/build.py`): records of `silver` hold a page
/// id and `{start, end, type}` mentions in code points into that page's `articleBody` in
/// `pages` (the article-extraction benchmark's `ground-truth.json`, read here, not copied).
/// Group and source `silver`: always trained on, never held out.
pub fn read_silver(silver: &Path, pages: &Path) -> Result<Vec<GoldDoc>, String> {
    let read = |p: &Path| std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()));
    let bodies: serde_json::Value =
        serde_json::from_str(&read(pages)?).map_err(|e| format!("{}: {e}", pages.display()))?;
    let mut docs = Vec::new();
    for line in read(silver)?.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("{}: {e}", silver.display()))?;
        let id = v["id"].as_str().unwrap_or_default();
        let Some(text) = bodies[id]["articleBody"].as_str() else {
            return Err(format!(
                "{}: page {id} not in {}",
                silver.display(),
                pages.display()
            ));
        };
        let map = OffsetMap::new(text);
        let mentions = v["mentions"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| {
                let span =
                    map.chars_to_span(e["start"].as_u64()? as usize, e["end"].as_u64()? as usize)?;
                let ty = EntityType::from_name(e["type"].as_str()?)?;
                Some(gold(text, span, ty, MentionKind::Name))
            })
            .collect();
        docs.push(GoldDoc {
            id: id.to_owned(),
            group: "silver",
            source: "silver".to_owned(),
            text: text.to_owned(),
            mentions,
        });
    }
    Ok(docs)
}

/// MEANTIME's dev half: names, nominals and pronouns of persons, organisations and
/// places (premodifiers such as "U.S." in "U.S. Air Force" are names; appositions,
/// coordinations and the like, which span other mentions, are left out), and its
/// time expressions as Temporal values.
pub fn read_meantime(dir: &Path) -> Result<Vec<GoldDoc>, String> {
    let p = dir.join("dev.jsonl");
    if !p.exists() {
        return Ok(Vec::new());
    }
    let kind = |e: &serde_json::Value, text: &str, t: EntityType| {
        if !matches!(
            t,
            EntityType::Person | EntityType::Organisation | EntityType::Location
        ) {
            return None;
        }
        // Mentions added by cross-document annotation carry no kind: read it off the words.
        let Some(k) = e["kind"].as_str() else {
            return Some(kind_from_words(text, t));
        };
        match k {
            "name" | "pre.nam" => Some(MentionKind::Name),
            "nominal" | "pre.nom" => Some(MentionKind::Nominal),
            "pronoun" => Some(MentionKind::Pronoun),
            "" => Some(if PRONOUNS.contains(&text.to_lowercase().as_str()) {
                MentionKind::Pronoun
            } else {
                MentionKind::Nominal
            }),
            _ => None,
        }
    };
    read_jsonl(&p, "meantime", "meantime", "mentions", &kind)
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

/// The re3d documents of `dir/*.jsonl`, in file then line order; each file is a source.
pub fn read_re3d(dir: &Path) -> Result<Vec<GoldDoc>, String> {
    let mut docs = Vec::new();
    let kind = |_: &serde_json::Value, text: &str, t: EntityType| Some(kind_from_words(text, t));
    for f in sorted_files(dir, "jsonl")? {
        let stem = f
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        docs.extend(read_jsonl(
            &f,
            "re3d",
            &format!("re3d-{stem}"),
            "entities",
            &kind,
        )?);
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
    upos: String,
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
        toks.push(GTok {
            span,
            form,
            upos: cols[3].to_owned(),
        });
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
        let span = Span::new(toks[a].span.start, toks[b - 1].span.end);
        let kind = if is_value(ty) {
            MentionKind::Value
        } else if b == a + 1 && toks[a].upos == "PRON" {
            MentionKind::Pronoun
        } else if toks[b - 1].upos == "PROPN" {
            MentionKind::Name
        } else {
            MentionKind::Nominal
        };
        out.push(gold(&text, span, ty, kind));
    }
    GoldDoc {
        id: id.to_owned(),
        group: "gum",
        source: "gum".to_owned(),
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
