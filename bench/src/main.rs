//! Throughput of informant's stages on a corpus built from re3d texts.
//!
//! ```text
//! cargo run --release -p informant-bench -- [--data DIR] [--words N] [--repeat R]
//!     [--stage parse|extract] [--without patterns|gazetteer|rules|resolve|geo|attribute ...]
//! cargo run --release -p informant-bench -- --stage html [--data DIR] [--repeat R]
//! cargo run --release -p informant-bench -- --stage load [--repeat R]
//! cargo run --release -p informant-bench -- --stage tagger [--repeat R]
//! ```
//! The corpus is the `text` of every document in `DIR/*.jsonl` (default
//! `../shared/data/re3d`), repeated in order until it holds at least N words
//! (default 1,000,000). Each document is processed on one core, R times (default
//! 3); the best run is reported, with MB/s and words/s.
//!
//! `--stage html` measures HTML pages instead: every `.html`/`.htm` file (gzipped or
//! not) in `DIR` (default `../shared/data/article-extraction/html`), decompressed
//! in memory beforehand, is read with `Pipeline::parse_bytes` (charset decoding,
//! html5ever parsing, article extraction, metadata, sentences and tokens of the
//! article) on one core; MB/s counts the bytes of the pages as saved.
//!
//! `--stage load` measures start-up: the built-in data load once per process, so
//! it runs itself R times (default 3, at least 5) as a fresh process and reports
//! the best and median time to load the built-in gazetteer, and then to build the
//! whole default pipeline. It needs no corpus.
//!
//! `--stage tagger` times the statistical tagger alone: every document of the
//! corpus is first extracted without the tagger (so it holds what the earlier
//! recognisers found, the tagger's features), then the built-in tagger runs over
//! all of them, R times; words/s counts the corpus's words.

use std::path::PathBuf;
use std::time::Instant;

use informant::Pipeline;

struct Args {
    data: PathBuf,
    words: usize,
    repeat: usize,
    stage: String,
    without: Vec<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        data: PathBuf::from("../shared/data/re3d"),
        words: 1_000_000,
        repeat: 3,
        stage: "parse".into(),
        without: Vec::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--data" => a.data = PathBuf::from(value()?),
            "--words" => a.words = value()?.parse().map_err(|e| format!("--words: {e}"))?,
            "--repeat" => a.repeat = value()?.parse().map_err(|e| format!("--repeat: {e}"))?,
            "--stage" => a.stage = value()?,
            "--without" => a.without.push(value()?),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(a)
}

fn load_texts(dir: &PathBuf) -> Result<Vec<String>, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let mut texts = Vec::new();
    for f in files {
        let content = std::fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?;
        for line in content.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value =
                serde_json::from_str(line).map_err(|e| format!("{}: {e}", f.display()))?;
            if let Some(t) = v["text"].as_str() {
                texts.push(t.to_owned());
            }
        }
    }
    Ok(texts)
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("informant-bench: {e}");
            std::process::exit(2);
        }
    };
    match args.stage.as_str() {
        "html" => return html::run(&args),
        "load" => return load::run(&args),
        "load-once" => return load::once(),
        _ => {}
    }
    if args.stage == "scaling" {
        return scaling(&args);
    }
    let base = match load_texts(&args.data) {
        Ok(t) if !t.is_empty() => t,
        Ok(_) | Err(_) => {
            eprintln!(
                "informant-bench: no re3d texts under {} (the shared data is absent); nothing to measure",
                args.data.display()
            );
            return;
        }
    };
    let mut corpus = Vec::new();
    let mut words = 0usize;
    while words < args.words {
        for t in &base {
            words += t.split_whitespace().count();
            corpus.push(t.as_str());
        }
    }
    let bytes: usize = corpus.iter().map(|t| t.len()).sum();
    if args.stage == "tagger" {
        return tagger(&args, &corpus, words);
    }
    let started = Instant::now();
    let pipeline = build_pipeline(&args.without);
    let _ = pipeline.extract("warm-up");
    let load_ms = started.elapsed().as_secs_f64() * 1e3;

    let mut best = f64::INFINITY;
    let mut sentences = 0usize;
    let mut tokens = 0usize;
    let mut mentions = 0usize;
    for _ in 0..args.repeat.max(1) {
        let t0 = Instant::now();
        sentences = 0;
        tokens = 0;
        mentions = 0;
        for text in &corpus {
            let result = if args.stage == "extract" {
                pipeline.extract(text)
            } else {
                pipeline.parse(text)
            };
            if let Ok(doc) = result {
                sentences += doc.sentences().len();
                tokens += doc.tokens().len();
                mentions += doc.mentions().len();
            }
        }
        best = best.min(t0.elapsed().as_secs_f64());
    }
    println!("stage            {}", args.stage);
    println!(
        "corpus           {} documents, {} words, {:.2} MB",
        corpus.len(),
        words,
        bytes as f64 / 1e6
    );
    println!(
        "pipeline ready   {load_ms:.1} ms (building it, loading built-in data, one warm-up call)"
    );
    println!("best of {}        {:.3} s", args.repeat.max(1), best);
    println!(
        "throughput       {:.1} MB/s, {:.0} words/s (one core)",
        bytes as f64 / 1e6 / best,
        words as f64 / best
    );
    println!("output           {sentences} sentences, {tokens} tokens, {mentions} mentions");
}

/// `--stage tagger`: the tagger alone over documents extracted without it.
fn tagger(args: &Args, corpus: &[&str], words: usize) {
    use informant::recognise::{Recogniser, Tagger};
    let Some(tagger) = Tagger::builtin() else {
        eprintln!("informant-bench: the built-in tagger model does not load");
        return;
    };
    let mut without = args.without.clone();
    without.push("tagger".into());
    let pipeline = build_pipeline(&without);
    let docs: Vec<_> = corpus
        .iter()
        .filter_map(|t| pipeline.extract(t).ok())
        .collect();
    let mut out = Vec::new();
    let mut best = f64::INFINITY;
    let mut found = 0usize;
    for _ in 0..args.repeat.max(1) {
        let t0 = Instant::now();
        found = 0;
        for doc in &docs {
            out.clear();
            tagger.recognise(doc, &mut out);
            found += out.len();
        }
        best = best.min(t0.elapsed().as_secs_f64());
    }
    println!("stage            tagger (alone, on documents extracted without it)");
    println!("corpus           {} documents, {words} words", docs.len());
    println!("best of {}        {:.3} s", args.repeat.max(1), best);
    println!(
        "throughput       {:.0} words/s (one core)",
        words as f64 / best
    );
    println!("output           {found} tagger mentions");
}

/// The pipeline with the stages named by `--without` left out.
fn build_pipeline(without: &[String]) -> Pipeline {
    let mut builder = Pipeline::builder();
    for off in without {
        builder = match off.as_str() {
            "patterns" => builder.patterns(false),
            "gazetteer" => builder.builtin_gazetteer(false),
            "rules" => builder.rules(false),
            "resolve" => builder.resolve(false),
            "attribute" => builder.attribute(false),
            "geo" => builder.geo(false),
            "tagger" => builder.tagger(false),
            other => {
                eprintln!("informant-bench: unknown stage to leave out: {other}");
                std::process::exit(2);
            }
        };
    }
    match builder.build() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("informant-bench: {e}");
            std::process::exit(1);
        }
    }
}

/// Builds the documents of one scaling case at size `k`.
type MakeInput = Box<dyn Fn(usize) -> Vec<String>>;

/// `--stage scaling`: time per input size as the input doubles (one core, best of R),
/// for one name repeated, one long ordinary document and many short documents.
fn scaling(args: &Args) {
    let pipeline = build_pipeline(&args.without);
    let texts = load_texts(&args.data).unwrap_or_default();
    let joined = texts.join("\n\n");
    let time = |docs: &[String]| -> f64 {
        let mut best = f64::INFINITY;
        for _ in 0..args.repeat.max(1) {
            let t0 = Instant::now();
            for d in docs {
                let _ = pipeline.extract(d);
            }
            best = best.min(t0.elapsed().as_secs_f64());
        }
        best
    };
    let mut cases: Vec<(&str, MakeInput)> = vec![(
        "repeated name (\"Assad \" * 20,000 k)",
        Box::new(|k| vec!["Assad ".repeat(20_000 * k)]),
    )];
    if texts.is_empty() {
        eprintln!("informant-bench: no re3d texts; only the repeated name is measured");
    } else {
        let j = joined.clone();
        cases.push((
            "long text (re3d joined, k times)",
            Box::new(move |k| vec![vec![j.as_str(); k].join("\n\n")]),
        ));
        let t = texts.clone();
        cases.push((
            "short documents (re3d, 8 k times)",
            Box::new(move |k| t.iter().cycle().take(t.len() * 8 * k).cloned().collect()),
        ));
    }
    println!(
        "stage            scaling (one core, best of {})",
        args.repeat.max(1)
    );
    for (name, make) in &cases {
        println!("{name}");
        let mut last: Option<f64> = None;
        for k in [1, 2, 4, 8, 16, 32] {
            let docs = make(k);
            let mb = docs.iter().map(String::len).sum::<usize>() as f64 / 1e6;
            let t = time(&docs);
            let ratio = last.map_or(String::new(), |l| format!("  x{:.2}", t / l));
            println!("  k={k:<3} {mb:>8.2} MB  {t:>8.3} s{ratio}");
            last = Some(t);
        }
    }
}

/// `--stage html`: throughput of the HTML reader on saved web pages.
mod html {
    use std::io::Read;
    use std::path::{Path, PathBuf};
    use std::time::Instant;

    use informant::{Format, InputFormat, Pipeline};

    fn load(dir: &Path) -> Vec<Vec<u8>> {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Vec::new();
        };
        let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        let mut pages = Vec::new();
        for f in files {
            let name = f.display().to_string().to_ascii_lowercase();
            let Ok(file) = std::fs::File::open(&f) else {
                continue;
            };
            let mut bytes = Vec::new();
            let ok = if name.ends_with(".html.gz") || name.ends_with(".htm.gz") {
                flate2::read::MultiGzDecoder::new(file)
                    .read_to_end(&mut bytes)
                    .is_ok()
            } else if name.ends_with(".html") || name.ends_with(".htm") {
                std::io::BufReader::new(file)
                    .read_to_end(&mut bytes)
                    .is_ok()
            } else {
                false
            };
            if ok {
                pages.push(bytes);
            }
        }
        pages
    }

    pub(super) fn run(args: &super::Args) {
        let dir = if args.data == Path::new("../shared/data/re3d") {
            PathBuf::from("../shared/data/article-extraction/html")
        } else {
            args.data.clone()
        };
        let pages = load(&dir);
        if pages.is_empty() {
            eprintln!(
                "informant-bench: no HTML pages under {} (the shared data is absent); nothing to measure",
                dir.display()
            );
            return;
        }
        let pipeline = match Pipeline::builder()
            .input_format(InputFormat::Fixed(Format::Html))
            .build()
        {
            Ok(p) => p,
            Err(e) => {
                eprintln!("informant-bench: {e}");
                std::process::exit(1);
            }
        };
        let bytes: usize = pages.iter().map(Vec::len).sum();
        let mut best = f64::INFINITY;
        let (mut blocks, mut words, mut failed) = (0usize, 0usize, 0usize);
        for _ in 0..args.repeat.max(1) {
            (blocks, words, failed) = (0, 0, 0);
            let t0 = Instant::now();
            for p in &pages {
                match pipeline.parse_bytes(p) {
                    Ok(doc) => {
                        blocks += doc.blocks().len();
                        words += doc.tokens().len();
                    }
                    Err(_) => failed += 1,
                }
            }
            best = best.min(t0.elapsed().as_secs_f64());
        }
        println!("stage            html (parse_bytes: decode, parse, extract article, segment)");
        println!(
            "corpus           {} pages, {:.2} MB of HTML",
            pages.len(),
            bytes as f64 / 1e6
        );
        println!("best of {}        {:.3} s", args.repeat.max(1), best);
        println!(
            "throughput       {:.1} MB/s, {:.0} pages/s (one core)",
            bytes as f64 / 1e6 / best,
            pages.len() as f64 / best
        );
        println!("output           {blocks} blocks, {words} tokens, {failed} pages failed");
    }
}

/// `--stage load`: start-up time, each sample a fresh process.
mod load {
    use std::time::Instant;

    /// One sample: prints `gazetteer_ms pipeline_ms geo_ms entries forms places`.
    pub fn once() {
        let t = Instant::now();
        let gazetteer = informant::recognise::Gazetteer::builtin();
        let g = t.elapsed().as_secs_f64() * 1e3;
        let pipeline = informant::Pipeline::builder().build();
        let p = t.elapsed().as_secs_f64() * 1e3;
        // The GeoNames table loads on the first document with a place; time it alone.
        let t = Instant::now();
        let places = informant::geo::place_count();
        let geo = t.elapsed().as_secs_f64() * 1e3;
        match (gazetteer, pipeline) {
            (Ok(gaz), Ok(_)) => println!(
                "{g:.2} {p:.2} {geo:.2} {} {} {places}",
                gaz.len(),
                gaz.form_count()
            ),
            (Err(e), _) | (_, Err(e)) => {
                eprintln!("informant-bench: {e}");
                std::process::exit(1);
            }
        }
    }

    pub fn run(args: &super::Args) {
        let Ok(me) = std::env::current_exe() else {
            eprintln!("informant-bench: cannot find my own executable");
            std::process::exit(1);
        };
        let mut gaz = Vec::new();
        let mut pipe = Vec::new();
        let mut geo = Vec::new();
        let mut places = String::new();
        let mut sizes = String::new();
        for _ in 0..args.repeat.max(5) {
            let out = std::process::Command::new(&me)
                .args(["--stage", "load-once"])
                .output();
            let Ok(out) = out.map(|o| String::from_utf8_lossy(&o.stdout).into_owned()) else {
                eprintln!("informant-bench: could not run {}", me.display());
                std::process::exit(1);
            };
            let f: Vec<&str> = out.split_whitespace().collect();
            if let [g, p, geo_ms, entries, forms, n] = f[..] {
                gaz.push(g.parse::<f64>().unwrap_or(f64::NAN));
                pipe.push(p.parse::<f64>().unwrap_or(f64::NAN));
                geo.push(geo_ms.parse::<f64>().unwrap_or(f64::NAN));
                sizes = format!("{entries} entries, {forms} surface forms");
                places = n.to_owned();
            }
        }
        let stats = |v: &mut Vec<f64>| {
            v.sort_by(f64::total_cmp);
            (
                v.first().copied().unwrap_or(f64::NAN),
                v.get(v.len() / 2).copied().unwrap_or(f64::NAN),
            )
        };
        let (gb, gm) = stats(&mut gaz);
        let (pb, pm) = stats(&mut pipe);
        let (xb, xm) = stats(&mut geo);
        println!("stage            load ({} fresh processes)", gaz.len());
        println!("gazetteer        {sizes}");
        println!(
            "gazetteer load   best {gb:.1} ms, median {gm:.1} ms (Gazetteer::builtin, first call)"
        );
        println!(
            "pipeline ready   best {pb:.1} ms, median {pm:.1} ms (the above, then Pipeline::builder().build())"
        );
        println!(
            "geo table load   best {xb:.1} ms, median {xm:.1} ms ({places} places; once, on the first document with a Location)"
        );
    }
}
