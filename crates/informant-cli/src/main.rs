//! The `informant` command: the main job's front door.
//!
//! ```text
//! informant parse   [PATH ...] [--input auto|text|markdown|jsonl] [--output json|jsonl|outline]
//! informant extract [PATH ...] [same options] [--kinds name,nominal,pronoun,value,titled]
//! informant extract-article DIR_OR_FILE ...
//! ```
//! Exit codes: 0 success; 1 some input could not be processed (each reported on
//! stderr, the rest still processed); 2 bad usage.

mod article;
mod outline;

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, Parser, Subcommand, ValueEnum};
use informant::stream::Ordered;
use informant::{Document, Format, InputFormat, JsonOptions, MentionKind, Pipeline};

/// The process allocator: the pipeline makes many small, short-lived allocations
/// (mention strings, candidate lists), which mimalloc serves faster than the system's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "informant",
    version,
    about = "Structure and entities from news and intelligence reports"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse documents: title, blocks, sentences and (with --tokens) tokens.
    Parse(Opts),
    /// Parse and extract entities, their resolution and attributions.
    Extract(Opts),
    /// Print the article body of HTML pages as the article-extraction benchmark's JSON:
    /// `{"<id>": {"articleBody": "..."}}`, id = file name without `.html`/`.htm` (`.gz`).
    ExtractArticle(ArticleOpts),
}

#[derive(Args)]
struct ArticleOpts {
    /// HTML files (.html, .htm, optionally gzipped) or directories of them.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
}

#[derive(Args)]
struct Opts {
    /// Files to read; none or `-` reads standard input.
    paths: Vec<PathBuf>,
    /// Input format. `jsonl` reads one {"text": ..., "id": ...} object a line.
    #[arg(long, value_enum, default_value_t = InputArg::Auto)]
    input: InputArg,
    /// Output format. Default: `json` for one document, `jsonl` for JSONL input or several files.
    #[arg(long, value_enum)]
    output: Option<OutputArg>,
    /// Include tokens in JSON output.
    #[arg(long)]
    tokens: bool,
    /// Replace invalid UTF-8 with U+FFFD instead of failing.
    #[arg(long)]
    lossy: bool,
    /// Leave out the trained tagger: only patterns, gazetteers and rules (faster, more precise).
    #[arg(long)]
    no_tagger: bool,
    /// A gazetteer of your own (.tsv, .csv, .json, .jsonl); may be repeated.
    #[arg(long = "gazetteer", value_name = "FILE")]
    gazetteers: Vec<PathBuf>,
    /// Worker threads for JSONL input (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Mention kinds to output, comma-separated: name, nominal, pronoun, value, titled
    /// (default: all). Entities still form from every mention.
    #[arg(long, value_name = "KINDS", value_delimiter = ',', value_parser = parse_kind)]
    kinds: Option<Vec<MentionKind>>,
    /// The documents' date (YYYY-MM-DD), the anchor of relative time expressions
    /// ("yesterday", "last week"); a JSONL record's `date` field overrides it.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    date: Option<informant::Date>,
}

/// A `--kinds` value: one of the contract's mention kinds.
fn parse_kind(s: &str) -> Result<MentionKind, String> {
    MentionKind::from_name(s.trim()).ok_or_else(|| {
        let all: Vec<&str> = MentionKind::ALL.iter().map(|k| k.as_str()).collect();
        format!("unknown mention kind {s:?}; expected {}", all.join(", "))
    })
}

/// A `--date` value: an ISO 8601 date (a bad one is a usage error, exit code 2).
fn parse_date(s: &str) -> Result<informant::Date, String> {
    informant::Date::parse(s).map_err(|e| e.to_string())
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum InputArg {
    Auto,
    Text,
    Markdown,
    Html,
    Jsonl,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputArg {
    Json,
    Jsonl,
    Outline,
}

/// One failure, reported on stderr without stopping the run.
fn report(msg: impl std::fmt::Display) {
    eprintln!("informant: {msg}");
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (opts, extract) = match cli.command {
        Command::Parse(o) => (o, false),
        Command::Extract(o) => (o, true),
        Command::ExtractArticle(o) => {
            return match article::run(&o.paths) {
                Ok(true) => ExitCode::SUCCESS,
                Ok(false) => ExitCode::from(1),
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    report(e);
                    ExitCode::from(1)
                }
            };
        }
    };
    match run(&opts, extract) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            report(e);
            ExitCode::from(1)
        }
    }
}

struct Runner {
    pipeline: Pipeline,
    /// The same pipeline reading HTML, for `.html` files under `--input auto` (built on first use).
    html_pipeline: std::sync::OnceLock<Option<Pipeline>>,
    extract: bool,
    output: OutputArg,
    json: JsonOptions,
    lossy: bool,
    /// `--date`: the date of every document without one of its own.
    date: Option<informant::Date>,
}

impl Runner {
    /// Parses or extracts `text`; extraction anchors time expressions to `date`, if given.
    fn process(&self, text: String, date: Option<informant::Date>) -> informant::Result<Document> {
        if self.extract {
            self.pipeline.extract_dated(text, date)
        } else {
            self.pipeline.parse_owned(text)
        }
    }

    fn write(
        &self,
        out: &mut impl Write,
        doc: &Document,
        id: Option<&serde_json::Value>,
    ) -> io::Result<()> {
        match self.output {
            OutputArg::Outline => outline::write(out, doc),
            OutputArg::Json | OutputArg::Jsonl => {
                informant::write_json(
                    &mut *out,
                    doc,
                    &self.json,
                    id,
                    self.output == OutputArg::Json,
                )?;
                writeln!(out)
            }
        }
    }

    /// One JSONL line: decoded, extracted and serialised (on the worker:
    /// writing JSON is a large share of the work), or what was wrong with it.
    fn process_line(&self, bytes: Vec<u8>) -> LineResult {
        let line = self.decode(bytes)?;
        let rec: JsonlRecord =
            serde_json::from_str(&line).map_err(|e| format!("invalid JSON: {e}"))?;
        let date = match rec.date.as_deref() {
            Some(d) => Some(informant::Date::parse(d).map_err(|e| e.to_string())?),
            None => self.date,
        };
        let mut doc = self.process(rec.text, date).map_err(|e| e.to_string())?;
        if let Some(serde_json::Value::String(s)) = &rec.id {
            doc.set_id(Some(s.clone()));
        }
        let mut buf = Vec::new();
        self.write(&mut buf, &doc, rec.id.as_ref())
            .map_err(|e| e.to_string())?;
        Ok(buf)
    }

    /// Processes a file's bytes: HTML (by `--input html`, the file's extension or
    /// its content) is decoded with the charset the page declares; the rest as text.
    fn process_file(&self, name: &str, bytes: Vec<u8>) -> Result<Document, String> {
        let by_extension = {
            let lower = name.to_ascii_lowercase();
            lower.ends_with(".html") || lower.ends_with(".htm") || lower.ends_with(".xhtml")
        };
        let auto = self.pipeline.input_format() == InputFormat::Auto;
        let pipeline = if self.pipeline.input_format() == InputFormat::Fixed(Format::Html)
            || (auto
                && informant::detect_format(&String::from_utf8_lossy(
                    &bytes[..bytes.len().min(2048)],
                )) == Format::Html)
        {
            Some(&self.pipeline)
        } else if auto && by_extension {
            self.html_pipeline
                .get_or_init(|| {
                    let mut config = self.pipeline.config().clone();
                    config.input = "html".into();
                    Pipeline::from_config(config).ok()
                })
                .as_ref()
        } else {
            None
        };
        if let Some(p) = pipeline {
            let r = if self.extract {
                p.extract_bytes(&bytes).map(|mut doc| {
                    if self.date.is_some() {
                        doc.set_date(self.date);
                    }
                    doc
                })
            } else {
                p.parse_bytes(&bytes)
            };
            return r.map_err(|e| e.to_string());
        }
        self.decode(bytes)
            .and_then(|t| self.process(t, self.date).map_err(|e| e.to_string()))
    }

    fn decode(&self, bytes: Vec<u8>) -> Result<String, String> {
        match String::from_utf8(bytes) {
            Ok(s) => Ok(s),
            Err(e) if self.lossy => Ok(String::from_utf8_lossy(e.as_bytes()).into_owned()),
            Err(e) => Err(format!(
                "invalid UTF-8 at byte {} (use --lossy to replace it)",
                e.utf8_error().valid_up_to()
            )),
        }
    }
}

fn run(opts: &Opts, extract: bool) -> io::Result<bool> {
    let input = match opts.input {
        InputArg::Auto | InputArg::Jsonl => InputFormat::Auto,
        InputArg::Text => InputFormat::Fixed(Format::Text),
        InputArg::Markdown => InputFormat::Fixed(Format::Markdown),
        InputArg::Html => InputFormat::Fixed(Format::Html),
    };
    let mut builder = Pipeline::builder()
        .input_format(input)
        .tokens(opts.tokens)
        .tagger(!opts.no_tagger);
    for g in &opts.gazetteers {
        builder = builder.gazetteer_file(g);
    }
    if let Some(kinds) = &opts.kinds {
        builder = builder.kinds(kinds);
    }
    let pipeline = match builder.build() {
        Ok(p) => p,
        Err(e) => {
            report(e);
            return Ok(false);
        }
    };
    let jsonl_in = opts.input == InputArg::Jsonl;
    let paths: Vec<PathBuf> = if opts.paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        opts.paths.clone()
    };
    let output = opts.output.unwrap_or(if jsonl_in || paths.len() > 1 {
        OutputArg::Jsonl
    } else {
        OutputArg::Json
    });
    let runner = Runner {
        pipeline,
        html_pipeline: std::sync::OnceLock::new(),
        extract,
        output,
        json: JsonOptions::with_tokens(opts.tokens),
        lossy: opts.lossy,
        date: opts.date,
    };
    let runner = Arc::new(runner);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut ok = true;
    for path in &paths {
        let name = path.display().to_string();
        let reader: Box<dyn Read> = if name == "-" {
            Box::new(io::stdin().lock())
        } else {
            match File::open(path) {
                Ok(f) => Box::new(f),
                Err(e) => {
                    report(format_args!("{name}: {e}"));
                    ok = false;
                    continue;
                }
            }
        };
        if jsonl_in {
            ok &= run_jsonl(&runner, opts.threads, reader, &name, &mut out)?;
        } else {
            let mut bytes = Vec::new();
            if let Err(e) = BufReader::new(reader).read_to_end(&mut bytes) {
                report(format_args!("{name}: {e}"));
                ok = false;
                continue;
            }
            let result = runner.process_file(&name, bytes);
            match result {
                Ok(mut doc) => {
                    if name != "-" {
                        doc.set_id(Some(name.clone()));
                    }
                    runner.write(&mut out, &doc, None)?;
                }
                Err(e) => {
                    report(format_args!("{name}: {e}"));
                    ok = false;
                }
            }
        }
    }
    out.flush()?;
    Ok(ok)
}

/// Lines in flight per worker thread: memory stays bounded by a few documents per core.
const LINES_PER_THREAD: usize = 64;

#[derive(serde::Deserialize)]
struct JsonlRecord {
    text: String,
    #[serde(default)]
    id: Option<serde_json::Value>,
    /// The document's date, YYYY-MM-DD (overrides `--date`).
    #[serde(default)]
    date: Option<String>,
}

/// A processed JSONL line: its output, already serialised, or what went wrong.
type LineResult = Result<Vec<u8>, String>;

/// Streams a JSONL input: lines go to workers one at a time (no barrier
/// between chunks), each worker decodes, extracts and serialises its line, and
/// the results are written in input order.
fn run_jsonl(
    runner: &Arc<Runner>,
    threads: Option<usize>,
    reader: Box<dyn Read>,
    name: &str,
    out: &mut impl Write,
) -> io::Result<bool> {
    let worker = Arc::clone(runner);
    let mut stream = match Ordered::new(threads.map(|n| n.max(1)), move |bytes| {
        worker.process_line(bytes)
    }) {
        Ok(s) => s,
        Err(e) => {
            report(e);
            return Ok(false);
        }
    };
    let window = stream.threads().saturating_mul(LINES_PER_THREAD);
    let mut reader = BufReader::with_capacity(1 << 16, reader);
    let mut ok = true;
    let mut line_no = 0usize;
    // The line number of each line in flight, in order: results come back in the same order.
    let mut in_flight = std::collections::VecDeque::new();
    let mut eof = false;
    loop {
        while !eof && stream.in_flight() < window {
            let mut buf = Vec::new();
            if reader.read_until(b'\n', &mut buf)? == 0 {
                eof = true;
                break;
            }
            line_no += 1;
            if !buf.iter().all(u8::is_ascii_whitespace) {
                in_flight.push_back(line_no);
                stream.push(buf);
            }
        }
        let (Some(outcome), Some(n)) = (stream.recv(), in_flight.pop_front()) else {
            return Ok(ok);
        };
        match outcome {
            Ok(Ok(buf)) => out.write_all(&buf)?,
            Ok(Err(e)) => {
                report(format_args!("{name}:{n}: {e}; line skipped"));
                ok = false;
            }
            Err(_) => {
                report(format_args!(
                    "{name}:{n}: internal error in informant (please report it); line skipped"
                ));
                ok = false;
            }
        }
    }
}
