//! `informant extract-article`: article bodies in the article-extraction benchmark's JSON.
//!
//! Prints `{"<id>": {"articleBody": "..."}}` for every page given (directories are
//! searched for `.html`/`.htm` files, gzipped or not), with `id` the file name
//! without those extensions; the body is the document's text without its title
//! block, blocks separated by blank lines. Pages are processed in parallel.

use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use informant::{BlockKind, Format, InputFormat, Pipeline};
use rayon::prelude::*;

use crate::report;

/// The page id: the file name without `.gz` and `.html`/`.htm`.
fn page_id(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let name = name.strip_suffix(".gz").unwrap_or(name);
    let lower = name.to_ascii_lowercase();
    for ext in [".html", ".htm", ".xhtml"] {
        if lower.ends_with(ext) {
            return Some(name[..name.len() - ext.len()].to_owned());
        }
    }
    None
}

/// The files to read: files as given, directories searched (not recursively) for pages.
fn collect(paths: &[PathBuf]) -> io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(p)?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.is_file() && page_id(f).is_some())
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(p.clone());
        }
    }
    Ok(files)
}

/// Reads a file, gunzipping it when its name ends in `.gz`.
fn read(path: &Path) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let file = File::open(path)?;
    if path.extension().is_some_and(|e| e == "gz") {
        flate2::read::MultiGzDecoder::new(file).read_to_end(&mut bytes)?;
    } else {
        io::BufReader::new(file).read_to_end(&mut bytes)?;
    }
    Ok(bytes)
}

/// The article body of one page.
fn body(pipeline: &Pipeline, path: &Path) -> Result<String, String> {
    let bytes = read(path).map_err(|e| e.to_string())?;
    let doc = pipeline.parse_bytes(&bytes).map_err(|e| e.to_string())?;
    let parts: Vec<&str> = doc
        .blocks()
        .iter()
        .filter(|b| b.kind != BlockKind::Title)
        .map(|b| doc.span_text(b.span))
        .collect();
    Ok(parts.join("\n\n"))
}

/// Runs the command; `Ok(false)` when some page failed (each reported on stderr).
pub(crate) fn run(paths: &[PathBuf]) -> io::Result<bool> {
    let pipeline = match Pipeline::builder()
        .input_format(InputFormat::Fixed(Format::Html))
        .tokens(false)
        .build()
    {
        Ok(p) => p,
        Err(e) => {
            report(e);
            return Ok(false);
        }
    };
    let files = collect(paths)?;
    let results: Vec<(String, Result<String, String>)> = files
        .par_iter()
        .map(|f| {
            let id = page_id(f).unwrap_or_else(|| f.display().to_string());
            (id, body(&pipeline, f))
        })
        .collect();
    let mut map = serde_json::Map::new();
    let mut ok = true;
    for ((id, r), f) in results.into_iter().zip(&files) {
        match r {
            Ok(body) => {
                map.insert(id, serde_json::json!({ "articleBody": body }));
            }
            Err(e) => {
                report(format_args!("{}: {e}", f.display()));
                ok = false;
            }
        }
    }
    let mut out = BufWriter::new(io::stdout().lock());
    serde_json::to_writer_pretty(&mut out, &serde_json::Value::Object(map))?;
    writeln!(out)?;
    out.flush()?;
    Ok(ok)
}
