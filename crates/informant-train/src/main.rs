//! Trains informant's embedded mention tagger, and evaluates it honestly.
//!
//! ```text
//! informant-train train [--out FILE]                 rebuild the embedded model from every corpus
//! informant-train loso [--out DIR] [--only S1,S2]    leave one source out: for each source, train
//!                                                     on all the others, predict the held-out one
//! common: [--data DIR] [--epochs N] [--bits B] [--seed S] [--gum-weight W] [--ner-weight W]
//!         [--meantime-weight W] [--no-twins] [--min-q Q] [--without GROUP,...] [--dropout P]
//!         [--silver FILE] [--silver-weight W]
//! loso only: [--upper-first]                       also score each held-out document's first
//!                                                     sentence, as written and upper-cased
//! ```
//! `--data` (default `../shared/data`) holds `re3d/*.jsonl`, `gum/*.conllu`,
//! `ner-open/*.jsonl` and `meantime/dev.jsonl` (and, with `--silver`, the pages of
//! `article-extraction/ground-truth.json` that FILE annotates: see `tools/silver/build.py`). Sources: `re3d-<file>` (each of the five
//! re3d sources), `gum`, `uner-ewt`, `btc`, `wnut17`, `meantime`. `train` writes
//! `crates/informant/data/model/tagger.bin` by default; the same data and options give
//! the same bytes (fixed seed and epochs; training itself is sequential). `loso` writes
//! `DIR/<source>.gold.jsonl` and `DIR/<source>.pred.jsonl` (code-point offsets, with
//! kinds and each mention's entity index, for `score_coref.py`), which
//! `bench/score-loso.py` scores with `../shared/tools/score.py`. With `--upper-first`,
//! for the documents of more than one sentence, also `DIR/first/` (gold and predictions
//! within the first sentence, the text as written) and `DIR/upper/` (the same sentence
//! upper-cased in the text the pipeline reads, the gold spans unchanged): the title or
//! headline in capitals that news wire has, measured on development data. See
//! `docs/model.md` and `docs/accuracy.md`.

mod data;
mod train;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use informant::recognise::tagger::{Model, Tagger, TaggerParams};
use informant::{OffsetMap, Pipeline, Span};

use data::GoldDoc;

struct Opts {
    cmd: String,
    data: PathBuf,
    out: Option<PathBuf>,
    only: Vec<String>,
    without: Vec<String>,
    epochs: usize,
    bits: u32,
    seed: u64,
    weights: train::GroupWeights,
    twins: bool,
    min_q: i8,
    dropout: f32,
    silver: Option<PathBuf>,
    upper_first: bool,
}

fn parse_args() -> Result<Opts, String> {
    let mut it = std::env::args().skip(1);
    let cmd = it
        .next()
        .ok_or("usage: informant-train train|loso [options]")?;
    let mut o = Opts {
        cmd,
        data: PathBuf::from("../shared/data"),
        out: None,
        only: Vec::new(),
        without: Vec::new(),
        epochs: 10,
        bits: 18,
        seed: 20_240_101,
        weights: train::GroupWeights {
            gum: 0.5,
            ner: 1.0,
            meantime: 1.0,
            silver: 0.5,
        },
        twins: true,
        min_q: 3,
        dropout: 0.0,
        silver: None,
        upper_first: false,
    };
    let list = |v: String| v.split(',').map(str::to_owned).collect::<Vec<_>>();
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        let num = |v: String, f: &str| v.parse::<f32>().map_err(|e| format!("{f}: {e}"));
        match flag.as_str() {
            "--data" => o.data = PathBuf::from(value()?),
            "--out" => o.out = Some(PathBuf::from(value()?)),
            "--only" => o.only = list(value()?),
            "--without" => o.without = list(value()?),
            "--epochs" => o.epochs = value()?.parse().map_err(|e| format!("--epochs: {e}"))?,
            "--bits" => o.bits = value()?.parse().map_err(|e| format!("--bits: {e}"))?,
            "--seed" => o.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--gum-weight" => o.weights.gum = num(value()?, "--gum-weight")?,
            "--ner-weight" => o.weights.ner = num(value()?, "--ner-weight")?,
            "--meantime-weight" => o.weights.meantime = num(value()?, "--meantime-weight")?,
            "--no-twins" => o.twins = false,
            "--silver" => o.silver = Some(PathBuf::from(value()?)),
            "--silver-weight" => o.weights.silver = num(value()?, "--silver-weight")?,
            "--dropout" => o.dropout = num(value()?, "--dropout")?,
            "--upper-first" => o.upper_first = true,
            "--min-q" => o.min_q = value()?.parse().map_err(|e| format!("--min-q: {e}"))?,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(o)
}

/// Every corpus under `--data`, less the groups of `--without`.
fn load(o: &Opts) -> Result<Vec<GoldDoc>, String> {
    let mut docs = data::read_re3d(&o.data.join("re3d"))?;
    let gum = o.data.join("gum");
    if gum.exists() {
        docs.extend(data::read_gum(&gum)?);
    }
    docs.extend(data::read_ner_open(&o.data.join("ner-open"))?);
    docs.extend(data::read_meantime(&o.data.join("meantime"))?);
    if let Some(silver) = &o.silver {
        let pages = o.data.join("article-extraction").join("ground-truth.json");
        docs.extend(data::read_silver(silver, &pages)?);
    }
    docs.retain(|d| !o.without.iter().any(|g| g == d.group || *g == d.source));
    if docs.is_empty() {
        return Err(format!("no training documents under {}", o.data.display()));
    }
    let mut counts: std::collections::BTreeMap<&str, (usize, usize)> = Default::default();
    for d in &docs {
        let c = counts.entry(d.source.as_str()).or_default();
        c.0 += 1;
        c.1 += d.mentions.len();
    }
    let summary: Vec<String> = counts
        .iter()
        .map(|(s, (n, m))| format!("{s} {n} docs/{m} mentions"))
        .collect();
    eprintln!("data: {}", summary.join(", "));
    Ok(docs)
}

/// Trains on `docs` and returns the encoded model.
fn train_model(o: &Opts, docs: &[&GoldDoc], verbose: bool) -> Vec<u8> {
    let t0 = Instant::now();
    let (seqs, stats) = train::prepare(docs, o.bits, o.weights, o.twins);
    let tokens: usize = seqs.iter().map(|s| s.gold.len()).sum();
    if verbose {
        eprintln!(
            "prepared {} sentences, {} tokens in {:.1} s; gold mentions used {}, nested {}, unaligned {}",
            seqs.len(),
            tokens,
            t0.elapsed().as_secs_f64(),
            stats.used,
            stats.nested,
            stats.unaligned
        );
    }
    let wts = train::train(&seqs, o.bits, o.epochs, o.seed, o.dropout, verbose);
    let temp = train::median_margin(&wts, &seqs);
    let bytes = train::encode(&wts, temp, o.min_q);
    if verbose {
        eprintln!(
            "trained in {:.1} s; temperature {temp:.3}; model {} bytes",
            t0.elapsed().as_secs_f64(),
            bytes.len()
        );
    }
    bytes
}

fn pipeline_with(model: &[u8]) -> Result<Pipeline, String> {
    let m = Model::from_bytes(model).map_err(|e| e.to_string())?;
    Pipeline::builder()
        .tagger_model(Tagger::with_model(m).with_params(TaggerParams::default()))
        .build()
        .map_err(|e| e.to_string())
}

/// Predictions for `docs` as score.py reads them (code-point offsets), with kinds.
fn predict(p: &Pipeline, docs: &[&GoldDoc]) -> Vec<String> {
    predict_within(p, docs, None)
}

/// [`predict`], of the texts `texts` in place of the documents' own (same length) and
/// only the mentions inside `within` (byte spans, one per document), when given.
fn predict_within(
    p: &Pipeline,
    docs: &[&GoldDoc],
    within: Option<(&[String], &[Span])>,
) -> Vec<String> {
    use rayon::prelude::*;
    docs.par_iter()
        .enumerate()
        .map(|(n, d)| {
            let (text, inside) = match within {
                Some((texts, spans)) => (texts[n].as_str(), Some(spans[n])),
                None => (d.text.as_str(), None),
            };
            let mentions: Vec<serde_json::Value> = match p.extract(text) {
                Ok(doc) => {
                    let map = OffsetMap::new(doc.text());
                    // Each mention's entity index, so that `score_coref.py` can score the
                    // resolution with a tagger that never saw the held-out source.
                    let mut entity = vec![None; doc.mentions().len()];
                    for (n, ent) in doc.entities().iter().enumerate() {
                        for &i in &ent.mentions {
                            if let Some(slot) = entity.get_mut(i) {
                                *slot = Some(n);
                            }
                        }
                    }
                    doc.mentions()
                        .iter()
                        .zip(entity)
                        .filter(|(m, _)| inside.is_none_or(|s| s.contains(m.span)))
                        .map(|(m, ent)| {
                            let (s, e) = map.span_to_chars(m.span);
                            serde_json::json!({"start": s, "end": e, "type": m.entity_type.as_str(),
                                "kind": m.kind.as_str(), "recogniser": m.recogniser,
                                "confidence": m.confidence, "entity": ent})
                        })
                        .collect()
                }
                Err(_) => Vec::new(),
            };
            serde_json::json!({"id": d.id, "mentions": mentions}).to_string()
        })
        .collect()
}

/// Gold of `docs` as score.py reads it, with kinds.
fn gold_lines(docs: &[&GoldDoc]) -> Vec<String> {
    gold_within(docs, None)
}

/// [`gold_lines`], only the mentions inside `within` (byte spans, one per document).
fn gold_within(docs: &[&GoldDoc], within: Option<&[Span]>) -> Vec<String> {
    docs.iter()
        .enumerate()
        .map(|(n, d)| {
            let map = OffsetMap::new(&d.text);
            let inside = within.map(|w| w[n]);
            let ents: Vec<serde_json::Value> = d
                .mentions
                .iter()
                .filter(|(sp, _, _)| inside.is_none_or(|s| s.contains(*sp)))
                .map(|(sp, ty, k)| {
                    let (s, e) = map.span_to_chars(*sp);
                    serde_json::json!({"start": s, "end": e, "type": ty.as_str(), "kind": k.as_str()})
                })
                .collect();
            serde_json::json!({"id": d.id, "text": d.text, "mentions": ents}).to_string()
        })
        .collect()
}

fn write_lines(path: &Path, lines: &[String]) -> Result<(), String> {
    let mut f = std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
    for l in lines {
        writeln!(f, "{l}").map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

fn cmd_train(o: &Opts) -> Result<(), String> {
    let all = load(o)?;
    let docs: Vec<&GoldDoc> = all.iter().collect();
    let bytes = train_model(o, &docs, true);
    let out = o
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("crates/informant/data/model/tagger.bin"));
    std::fs::write(&out, &bytes).map_err(|e| format!("{}: {e}", out.display()))?;
    let m = Model::from_bytes(&bytes).map_err(|e| e.to_string())?;
    eprintln!(
        "wrote {} ({} bytes, {} non-zero weights)",
        out.display(),
        bytes.len(),
        m.n_weights()
    );
    Ok(())
}

fn cmd_loso(o: &Opts) -> Result<(), String> {
    let all = load(o)?;
    let mut sources: Vec<&str> = all.iter().map(|d| d.source.as_str()).collect();
    sources.sort_unstable();
    sources.dedup();
    // Silver data is no corpus of gold: always trained on, never held out.
    sources.retain(|s| *s != "silver");
    if !o.only.is_empty() {
        sources.retain(|s| o.only.iter().any(|x| x == s));
    }
    let dir = o.out.clone().unwrap_or_else(|| PathBuf::from("loso"));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let t0 = Instant::now();
    for s in sources {
        let train_docs: Vec<&GoldDoc> = all.iter().filter(|d| d.source != s).collect();
        let test: Vec<&GoldDoc> = all.iter().filter(|d| d.source == s).collect();
        let model = train_model(o, &train_docs, false);
        let p = pipeline_with(&model)?;
        write_lines(&dir.join(format!("{s}.gold.jsonl")), &gold_lines(&test))?;
        write_lines(&dir.join(format!("{s}.pred.jsonl")), &predict(&p, &test))?;
        if o.upper_first {
            write_upper_first(&p, &dir, s, &test)?;
        }
        eprintln!(
            "held out {s}: {} documents ({:.0} s)",
            test.len(),
            t0.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

/// `text` with the letters of `span` in upper case, where the upper case is one letter
/// of the same length in UTF-8 (so every offset stays; `ß` stays `ß`).
fn upper_cased(text: &str, span: Span) -> String {
    let mut out = String::with_capacity(text.len());
    for (b, c) in text.char_indices() {
        let mut up = c.to_uppercase();
        match (up.next(), up.next()) {
            (Some(u), None) if span.start <= b && b < span.end && u.len_utf8() == c.len_utf8() => {
                out.push(u);
            }
            _ => out.push(c),
        }
    }
    out
}

/// The `--upper-first` files of held-out source `s` (see the crate docs): the documents
/// of more than one sentence, scored within their first sentence, as written (`first/`)
/// and upper-cased (`upper/`).
fn write_upper_first(p: &Pipeline, dir: &Path, s: &str, test: &[&GoldDoc]) -> Result<(), String> {
    let mut docs: Vec<&GoldDoc> = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    for d in test {
        let Ok(parsed) = p.parse(&d.text) else {
            continue;
        };
        if let [first, _, ..] = parsed.sentences() {
            docs.push(d);
            spans.push(first.span);
        }
    }
    let texts: Vec<String> = docs
        .iter()
        .zip(&spans)
        .map(|(d, sp)| upper_cased(&d.text, *sp))
        .collect();
    let as_written: Vec<String> = docs.iter().map(|d| d.text.clone()).collect();
    for (sub, t) in [("first", &as_written), ("upper", &texts)] {
        let sd = dir.join(sub);
        std::fs::create_dir_all(&sd).map_err(|e| format!("{}: {e}", sd.display()))?;
        write_lines(
            &sd.join(format!("{s}.gold.jsonl")),
            &gold_within(&docs, Some(&spans)),
        )?;
        write_lines(
            &sd.join(format!("{s}.pred.jsonl")),
            &predict_within(p, &docs, Some((t, &spans))),
        )?;
    }
    Ok(())
}

fn main() {
    let o = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("informant-train: {e}");
            std::process::exit(2);
        }
    };
    let r = match o.cmd.as_str() {
        "train" => cmd_train(&o),
        "loso" => cmd_loso(&o),
        other => Err(format!("unknown command {other}; use train or loso")),
    };
    if let Err(e) = r {
        eprintln!("informant-train: {e}");
        std::process::exit(1);
    }
}
