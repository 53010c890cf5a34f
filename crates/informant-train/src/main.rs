//! Trains informant's embedded mention tagger, and evaluates it honestly.
//!
//! ```text
//! informant-train train [--data DIR] [--out FILE]          rebuild the embedded model
//! informant-train cv [--folds 5] [--out pred.jsonl] [--caps 0.6,0.8]
//!                                                           re3d 5-fold cross-validation
//! informant-train gum-eval [--out DIR]                     GUM held-out split
//! common: [--epochs N] [--bits B] [--seed S] [--gum-weight W] [--no-gum]
//! ```
//! `--data` (default `../shared/data`) holds `re3d/*.jsonl` and `gum/*.conllu`.
//! `train` writes `crates/informant/data/model/tagger.bin` by default; the same
//! data and options give the same bytes (fixed seed, fixed number of epochs, no
//! parallelism). `cv` writes one prediction file for all re3d documents, each
//! predicted by the full pipeline whose tagger was trained on the other folds
//! plus GUM; score it with `python3 ../shared/tools/score.py
//! ../shared/data/re3d/*.jsonl --pred pred.jsonl --types core`. `gum-eval` trains
//! on re3d and four fifths of GUM and writes `gum-gold.jsonl` and
//! `gum-pred.jsonl` for the other fifth. See `docs/model.md`.

mod data;
mod train;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use informant::recognise::tagger::{Model, Tagger, TaggerParams};
use informant::{OffsetMap, Pipeline};

use data::GoldDoc;

struct Opts {
    cmd: String,
    data: PathBuf,
    out: Option<PathBuf>,
    folds: usize,
    epochs: usize,
    bits: u32,
    seed: u64,
    gum_weight: f32,
    gum: bool,
    twins: bool,
    min_q: i8,
    caps: Vec<f32>,
}

fn parse_args() -> Result<Opts, String> {
    let mut it = std::env::args().skip(1);
    let cmd = it
        .next()
        .ok_or("usage: informant-train train|cv|gum-eval [options]")?;
    let mut o = Opts {
        cmd,
        data: PathBuf::from("../shared/data"),
        out: None,
        folds: 5,
        epochs: 12,
        bits: 16,
        seed: 20_240_101,
        gum_weight: 0.5,
        gum: true,
        twins: true,
        min_q: 3,
        caps: Vec::new(),
    };
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--data" => o.data = PathBuf::from(value()?),
            "--out" => o.out = Some(PathBuf::from(value()?)),
            "--folds" => o.folds = value()?.parse().map_err(|e| format!("--folds: {e}"))?,
            "--epochs" => o.epochs = value()?.parse().map_err(|e| format!("--epochs: {e}"))?,
            "--bits" => o.bits = value()?.parse().map_err(|e| format!("--bits: {e}"))?,
            "--seed" => o.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--gum-weight" => {
                o.gum_weight = value()?.parse().map_err(|e| format!("--gum-weight: {e}"))?;
            }
            "--no-gum" => o.gum = false,
            "--no-twins" => o.twins = false,
            "--min-q" => o.min_q = value()?.parse().map_err(|e| format!("--min-q: {e}"))?,
            "--caps" => {
                o.caps = value()?
                    .split(',')
                    .map(|c| c.parse::<f32>().map_err(|e| format!("--caps: {e}")))
                    .collect::<Result<_, _>>()?;
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(o)
}

fn load(o: &Opts) -> Result<(Vec<GoldDoc>, Vec<GoldDoc>), String> {
    let re3d = data::read_re3d(&o.data.join("re3d"))?;
    let gum = if o.gum {
        data::read_gum(&o.data.join("gum"))?
    } else {
        Vec::new()
    };
    if re3d.is_empty() {
        return Err(format!("no re3d documents under {}", o.data.display()));
    }
    eprintln!(
        "data: {} re3d documents, {} GUM documents",
        re3d.len(),
        gum.len()
    );
    Ok((re3d, gum))
}

/// Trains on `docs` and returns the encoded model.
fn train_model(o: &Opts, docs: &[&GoldDoc], verbose: bool) -> Vec<u8> {
    let t0 = Instant::now();
    let (seqs, stats) = train::prepare(docs, o.bits, o.gum_weight, o.twins);
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
    let wts = train::train(&seqs, o.bits, o.epochs, o.seed, verbose);
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

fn pipeline_with(model: &[u8], cap: f32) -> Result<Pipeline, String> {
    let m = Model::from_bytes(model).map_err(|e| e.to_string())?;
    let mut params = TaggerParams::default();
    params.cap = cap;
    Pipeline::builder()
        .tagger(false)
        .recogniser(Tagger::with_model(m).with_params(params))
        .build()
        .map_err(|e| e.to_string())
}

/// Predictions for `docs` as score.py reads them (code-point offsets).
fn predict(p: &Pipeline, docs: &[&GoldDoc]) -> Vec<String> {
    docs.iter()
        .map(|d| {
            let mentions: Vec<serde_json::Value> = match p.extract(&d.text) {
                Ok(doc) => {
                    let map = OffsetMap::new(doc.text());
                    doc.mentions()
                        .iter()
                        .map(|m| {
                            let (s, e) = map.span_to_chars(m.span);
                            serde_json::json!({"start": s, "end": e, "type": m.entity_type.as_str(),
                                "recogniser": m.recogniser, "confidence": m.confidence})
                        })
                        .collect()
                }
                Err(_) => Vec::new(),
            };
            serde_json::json!({"id": d.id, "mentions": mentions}).to_string()
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
    let (re3d, gum) = load(o)?;
    let docs: Vec<&GoldDoc> = re3d.iter().chain(&gum).collect();
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

/// Fold of re3d document `i`: documents in file order, dealt round-robin after a fixed shuffle.
fn folds(n: usize, k: usize, seed: u64) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    train::Rng::new(seed ^ 0x5eed).shuffle(&mut idx);
    let mut fold = vec![0; n];
    for (pos, &i) in idx.iter().enumerate() {
        fold[i] = pos % k;
    }
    fold
}

fn cmd_cv(o: &Opts) -> Result<(), String> {
    let (re3d, gum) = load(o)?;
    let fold = folds(re3d.len(), o.folds, o.seed);
    let caps = if o.caps.is_empty() {
        vec![TaggerParams::default().cap]
    } else {
        o.caps.clone()
    };
    let mut preds: Vec<Vec<(usize, String)>> = vec![Vec::new(); caps.len()];
    let t0 = Instant::now();
    for f in 0..o.folds {
        let train_docs: Vec<&GoldDoc> = re3d
            .iter()
            .enumerate()
            .filter(|(i, _)| fold[*i] != f)
            .map(|(_, d)| d)
            .chain(&gum)
            .collect();
        let test: Vec<(usize, &GoldDoc)> = re3d
            .iter()
            .enumerate()
            .filter(|(i, _)| fold[*i] == f)
            .collect();
        let model = train_model(o, &train_docs, false);
        let test_docs: Vec<&GoldDoc> = test.iter().map(|(_, d)| *d).collect();
        for (ci, &cap) in caps.iter().enumerate() {
            let p = pipeline_with(&model, cap)?;
            for ((i, _), line) in test.iter().zip(predict(&p, &test_docs)) {
                preds[ci].push((*i, line));
            }
        }
        eprintln!(
            "fold {}/{}: {} test documents ({:.1} s)",
            f + 1,
            o.folds,
            test.len(),
            t0.elapsed().as_secs_f64()
        );
    }
    let out = o.out.clone().unwrap_or_else(|| PathBuf::from("pred.jsonl"));
    for (ci, cap) in caps.iter().enumerate() {
        let mut lines = std::mem::take(&mut preds[ci]);
        lines.sort_by_key(|(i, _)| *i);
        let lines: Vec<String> = lines.into_iter().map(|(_, l)| l).collect();
        let path = if caps.len() == 1 {
            out.clone()
        } else {
            let stem = out.with_extension("");
            PathBuf::from(format!("{}-cap{cap}.jsonl", stem.display()))
        };
        write_lines(&path, &lines)?;
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}

fn cmd_gum_eval(o: &Opts) -> Result<(), String> {
    let (re3d, gum) = load(o)?;
    if gum.is_empty() {
        return Err("gum-eval needs GUM".into());
    }
    // Held out: every fifth GUM document by name (all genres are represented).
    type Split<'a> = Vec<(usize, &'a GoldDoc)>;
    let (test, rest): (Split<'_>, Split<'_>) =
        gum.iter().enumerate().partition(|(i, _)| i % 5 == 4);
    let train_docs: Vec<&GoldDoc> = re3d.iter().chain(rest.iter().map(|(_, d)| *d)).collect();
    let model = train_model(o, &train_docs, true);
    let test_docs: Vec<&GoldDoc> = test.iter().map(|(_, d)| *d).collect();
    let cap = o
        .caps
        .first()
        .copied()
        .unwrap_or(TaggerParams::default().cap);
    let p = pipeline_with(&model, cap)?;
    let dir = o.out.clone().unwrap_or_else(|| PathBuf::from("."));
    let gold: Vec<String> = test_docs
        .iter()
        .map(|d| {
            let map = OffsetMap::new(&d.text);
            let ents: Vec<serde_json::Value> = d
                .mentions
                .iter()
                .map(|(sp, ty)| {
                    let (s, e) = map.span_to_chars(*sp);
                    serde_json::json!({"start": s, "end": e, "type": ty.as_str()})
                })
                .collect();
            serde_json::json!({"id": d.id, "text": d.text, "entities": ents}).to_string()
        })
        .collect();
    write_lines(&dir.join("gum-gold.jsonl"), &gold)?;
    write_lines(&dir.join("gum-pred.jsonl"), &predict(&p, &test_docs))?;
    eprintln!(
        "wrote {} and {} ({} held-out documents)",
        dir.join("gum-gold.jsonl").display(),
        dir.join("gum-pred.jsonl").display(),
        test_docs.len()
    );
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
        "cv" => cmd_cv(&o),
        "gum-eval" => cmd_gum_eval(&o),
        other => Err(format!(
            "unknown command {other}; use train, cv or gum-eval"
        )),
    };
    if let Err(e) = r {
        eprintln!("informant-train: {e}");
        std::process::exit(1);
    }
}
