//! `Pipeline` and the iterator `Pipeline.pipe` returns.

use std::collections::VecDeque;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::time::Duration;

use informant::stream::{Next, Ordered, Outcome};
use informant::{
    DEFAULT_MAX_BYTES, Document, EntityType, InputFormat, MentionKind, Pipeline, PipelineConfig,
};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyIterator, PyString, PyTuple, PyType};

use crate::convert::{DateArg, py_to_value, value_to_py};
use crate::document::PyDocument;
use crate::errors::{Exceptions, panic_to_py, raise, to_py};

/// Runs `f` without the GIL, turning a panic into `informant.Error`.
fn detached<T: Send>(py: Python<'_>, f: impl FnOnce() -> T + Send) -> PyResult<T> {
    py.detach(|| catch_unwind(AssertUnwindSafe(f)))
        .map_err(panic_to_py)
}

/// Turns text into `Document` objects; configured once, shared by any number of threads.
///
/// Keyword arguments (defaults in brackets): `format` ("auto"; or "text", "markdown"),
/// `tokens` (True: keep tokens), `patterns`, `rules`, `builtin_gazetteer`, `tagger` (True: the
/// recognisers to run), `resolve` (True: group mentions into entities), `geo` (True: resolve
/// places to GeoNames with coordinates, docs/geo.md), `attribute`
/// (True: find attributed claims), `gazetteers` (paths or `(name, content)` pairs),
/// `extra_patterns` (`(type, subtype or None, regex)` triples), `max_bytes` (256 MiB),
/// `kinds` (None: every mention kind; or a list of `name`, `nominal`, `pronoun`, `value`).
///
/// >>> p = Pipeline(tokens=False)
/// >>> p.extract("Putin met Assad.", id="r1").mentions[0]
/// Mention('Putin', type='Person', start=0, end=5)
#[pyclass(module = "informant", name = "Pipeline", frozen)]
pub struct PyPipeline {
    inner: Pipeline,
}

impl PyPipeline {
    fn run(
        &self,
        py: Python<'_>,
        text: String,
        id: Option<String>,
        full: bool,
        date: Option<DateArg>,
    ) -> PyResult<PyDocument> {
        let p = &self.inner;
        let date = date.map(|d| d.0);
        let mut doc = detached(py, || {
            if full {
                p.extract_dated(text, date)
            } else {
                p.parse_owned(text)
            }
        })?
        .map_err(to_py)?;
        if id.is_some() {
            doc.set_id(id);
        }
        Ok(PyDocument::new(doc))
    }
}

/// A gazetteer argument: a path, or a `(name, content)` pair.
enum GazetteerArg {
    Path(PathBuf),
    Source(String, String),
}

impl<'py> FromPyObject<'_, 'py> for GazetteerArg {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, 'py, PyAny>) -> PyResult<Self> {
        if let Ok((name, content)) = obj.extract::<(String, String)>() {
            return Ok(GazetteerArg::Source(name, content));
        }
        obj.extract::<PathBuf>()
            .map(GazetteerArg::Path)
            .map_err(|_| {
                pyo3::exceptions::PyTypeError::new_err(
                    "a gazetteer is a path (str or os.PathLike) or a (name, content) pair of str",
                )
            })
    }
}

/// A `kinds` argument: a sequence of mention kind names (`name`, `nominal`, ...).
struct KindsArg(Vec<MentionKind>);

impl<'py> FromPyObject<'_, 'py> for KindsArg {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, 'py, PyAny>) -> PyResult<Self> {
        let expected = || {
            let all: Vec<&str> = MentionKind::ALL.iter().map(|k| k.as_str()).collect();
            all.join(", ")
        };
        if obj.cast::<PyString>().is_ok() {
            return Err(pyo3::exceptions::PyTypeError::new_err(format!(
                "kinds is a list of mention kinds (e.g. [\"name\"]), not a str; expected some of {}",
                expected()
            )));
        }
        let names: Vec<String> = obj.extract().map_err(|_| {
            pyo3::exceptions::PyTypeError::new_err(format!(
                "kinds is a list of str, each one of {}",
                expected()
            ))
        })?;
        if names.is_empty() {
            return Err(PyValueError::new_err(format!(
                "kinds is empty, which would keep no mention; pass None for every kind, or some of {}",
                expected()
            )));
        }
        names
            .iter()
            .map(|n| {
                MentionKind::from_name(n).ok_or_else(|| {
                    PyValueError::new_err(format!(
                        "unknown mention kind {n:?}; expected one of {}",
                        expected()
                    ))
                })
            })
            .collect::<PyResult<Vec<_>>>()
            .map(KindsArg)
    }
}

#[pymethods]
impl PyPipeline {
    #[new]
    #[pyo3(signature = (
        *,
        format = "auto",
        tokens = true,
        patterns = true,
        rules = true,
        builtin_gazetteer = true,
        tagger = true,
        resolve = true,
        geo = true,
        attribute = true,
        gazetteers = Vec::new(),
        extra_patterns = Vec::new(),
        max_bytes = DEFAULT_MAX_BYTES,
        kinds = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        format: &str,
        tokens: bool,
        patterns: bool,
        rules: bool,
        builtin_gazetteer: bool,
        tagger: bool,
        resolve: bool,
        geo: bool,
        attribute: bool,
        gazetteers: Vec<GazetteerArg>,
        extra_patterns: Vec<(String, Option<String>, String)>,
        max_bytes: usize,
        kinds: Option<KindsArg>,
    ) -> PyResult<Self> {
        let input = InputFormat::from_name(format).ok_or_else(|| {
            raise(
                py,
                |x: &Exceptions| &x.format,
                format!("unknown format {format:?}; expected auto, text, markdown or html"),
            )
        })?;
        let mut b = Pipeline::builder()
            .input_format(input)
            .tokens(tokens)
            .patterns(patterns)
            .rules(rules)
            .builtin_gazetteer(builtin_gazetteer)
            .tagger(tagger)
            .resolve(resolve)
            .geo(geo)
            .attribute(attribute)
            .max_bytes(max_bytes);
        if let Some(KindsArg(k)) = kinds {
            b = b.kinds(&k);
        }
        for g in gazetteers {
            b = match g {
                GazetteerArg::Path(p) => b.gazetteer_file(p),
                GazetteerArg::Source(name, content) => b.gazetteer_source(name, content),
            };
        }
        for (ty, subtype, regex) in extra_patterns {
            let t = EntityType::from_name(&ty).ok_or_else(|| {
                let all: Vec<&str> = EntityType::ALL.iter().map(|t| t.as_str()).collect();
                raise(
                    py,
                    |x: &Exceptions| &x.pattern,
                    format!(
                        "unknown entity type {ty:?}; expected one of {}",
                        all.join(", ")
                    ),
                )
            })?;
            b = b.pattern(t, subtype, regex);
        }
        let inner = detached(py, || b.build())?.map_err(to_py)?;
        Ok(PyPipeline { inner })
    }

    /// Rebuilds a pipeline from `Pipeline.config` (a dict) or its JSON text.
    #[classmethod]
    fn from_config(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        config: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        let value = match config.cast::<PyString>() {
            Ok(s) => serde_json::from_str(&s.to_cow()?).map_err(|e| {
                to_py(informant::Error::Json {
                    line: None,
                    message: e.to_string(),
                })
            })?,
            Err(_) => py_to_value(config)?,
        };
        let config: PipelineConfig = serde_json::from_value(value).map_err(|e| {
            to_py(informant::Error::Json {
                line: None,
                message: format!("not a pipeline configuration: {e}"),
            })
        })?;
        let inner = detached(py, || Pipeline::from_config(config))?.map_err(to_py)?;
        Ok(PyPipeline { inner })
    }

    /// Everything that defines the pipeline, as a dict (user gazetteers by content).
    #[getter]
    fn config<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let v = serde_json::to_value(self.inner.config()).unwrap_or_default();
        value_to_py(py, &v)
    }

    /// The recognisers' names, in the order they run.
    #[getter]
    fn recognisers(&self) -> Vec<&str> {
        self.inner.recogniser_names()
    }

    /// Parses and segments `text`: structure, sentences and tokens, no entities.
    #[pyo3(signature = (text, *, id = None))]
    fn parse(&self, py: Python<'_>, text: String, id: Option<String>) -> PyResult<PyDocument> {
        self.run(py, text, id, false, None)
    }

    /// Runs the whole pipeline on `text`: structure, entities, attributions. `date` (a
    /// `str` YYYY-MM-DD or a `datetime.date`) is the document's date, the anchor of relative
    /// time expressions; without it the document's own (metadata, dateline), if any.
    #[pyo3(signature = (text, *, id = None, date = None))]
    fn extract(
        &self,
        py: Python<'_>,
        text: String,
        id: Option<String>,
        date: Option<DateArg>,
    ) -> PyResult<PyDocument> {
        self.run(py, text, id, true, date)
    }

    /// Extracts many texts in parallel; an iterator of documents in input order
    /// (see `DocumentStream`). Items are `str`, `(id, text)` or `(id, text, date)`;
    /// `date` is the date of every item without one.
    #[pyo3(signature = (texts, *, batch_size = 256, n_threads = None, date = None))]
    fn pipe(
        &self,
        texts: &Bound<'_, PyAny>,
        batch_size: usize,
        n_threads: Option<usize>,
        date: Option<DateArg>,
    ) -> PyResult<DocumentStream> {
        if batch_size == 0 {
            return Err(PyValueError::new_err("batch_size must be at least 1"));
        }
        if n_threads == Some(0) {
            return Err(PyValueError::new_err(
                "n_threads must be at least 1 (or None)",
            ));
        }
        let pipeline = self.inner.clone();
        let stream = Ordered::new(n_threads, move |(text, date)| {
            pipeline.extract_dated(text, date)
        })
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok(DocumentStream {
            stream,
            source: Some(texts.try_iter()?.unbind()),
            batch_size,
            pending: VecDeque::new(),
            date: date.map(|d| d.0),
        })
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let ctor = slf.get_type().getattr("from_config")?;
        let json = serde_json::to_string(slf.get().inner.config()).unwrap_or_default();
        Ok((ctor, (json,)))
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyPipeline>()
            .is_ok_and(|o| o.get().inner.config() == self.inner.config())
    }

    #[classattr]
    const __hash__: Option<Py<PyAny>> = None;

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let c = self.inner.config();
        let flag = |b: bool| if b { "True" } else { "False" };
        let mut s = format!(
            "Pipeline(format={}, tokens={}, patterns={}, rules={}, builtin_gazetteer={}, \
             tagger={}, resolve={}, geo={}, attribute={}",
            PyString::new(py, &c.input).repr()?,
            flag(c.tokens),
            flag(c.patterns),
            flag(c.rules),
            flag(c.builtin_gazetteer),
            flag(c.tagger),
            flag(c.resolve),
            flag(c.geo),
            flag(c.attribute),
        );
        if !c.gazetteers.is_empty() {
            let names: Vec<&str> = c.gazetteers.iter().map(|(n, _)| n.as_str()).collect();
            s.push_str(&format!(
                ", gazetteers={}",
                names.into_pyobject(py)?.repr()?
            ));
        }
        if !c.user_patterns.is_empty() {
            s.push_str(&format!(
                ", extra_patterns=[...{} patterns]",
                c.user_patterns.len()
            ));
        }
        if let Some(kinds) = &c.kinds {
            let names: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
            s.push_str(&format!(", kinds={}", names.into_pyobject(py)?.repr()?));
        }
        s.push(')');
        Ok(s)
    }
}

/// How long `pipe()` waits for a document before it checks for Ctrl-C.
const SIGNAL_CHECK: Duration = Duration::from_millis(50);

/// One item of the input, in order: a text given to the workers, or what was
/// wrong with the item (raised in its turn).
enum Pending {
    Text { id: Option<String> },
    Failed(PyErr),
}

/// The iterator `Pipeline.pipe` returns. It reads `batch_size` texts from the
/// input (holding the GIL) whenever no more than half a batch is left in
/// flight, and hands them to the core's ordered stream (`informant::stream`),
/// whose workers extract them without the GIL while Python takes the documents
/// already done, in input order. So every core stays busy, and at most one and a half batches of texts
/// and documents are held. While it waits for a document it checks for Ctrl-C
/// (or any signal handler that raises) every 50 ms; the stream then ends.
#[pyclass(module = "informant", name = "DocumentStream")]
pub struct DocumentStream {
    stream: Ordered<(String, Option<informant::Date>), informant::Result<Document>>,
    source: Option<Py<PyIterator>>,
    batch_size: usize,
    /// What Python gets back for each item read, in input order.
    pending: VecDeque<Pending>,
    /// The date of every item that does not give its own.
    date: Option<informant::Date>,
}

impl DocumentStream {
    /// Reads up to `batch_size` items from the source and queues their texts.
    fn top_up(&mut self, py: Python<'_>) {
        let Some(source) = &self.source else {
            return;
        };
        let it = source.bind(py).clone();
        let mut texts = Vec::with_capacity(self.batch_size);
        let mut exhausted = true;
        for item in it {
            let default_date = self.date;
            let parsed = item.and_then(|item| {
                let bad = || {
                    pyo3::exceptions::PyTypeError::new_err(
                        "pipe() items are str, (id, text) or (id, text, date) with id and text str",
                    )
                };
                if let Ok(s) = item.cast::<PyString>() {
                    Ok((None, s.extract::<String>()?, default_date))
                } else if let Ok(t) = item.cast::<PyTuple>() {
                    if t.len() == 3 {
                        let (id, text, date) = t
                            .extract::<(Option<String>, String, Option<Bound<'_, PyAny>>)>()
                            .map_err(|_| bad())?;
                        let date = match date {
                            Some(d) => Some(d.extract::<DateArg>()?.0),
                            None => default_date,
                        };
                        Ok((id, text, date))
                    } else {
                        let (id, text) =
                            t.extract::<(Option<String>, String)>().map_err(|_| bad())?;
                        Ok((id, text, default_date))
                    }
                } else {
                    Err(pyo3::exceptions::PyTypeError::new_err(format!(
                        "pipe() items are str, (id, text) or (id, text, date), not {}",
                        item.get_type().name()?
                    )))
                }
            });
            match parsed {
                Ok((id, text, date)) => {
                    texts.push((text, date));
                    self.pending.push_back(Pending::Text { id });
                }
                Err(e) => {
                    // Raised in its turn; reading goes on after it next time.
                    self.pending.push_back(Pending::Failed(e));
                    exhausted = false;
                    break;
                }
            }
            if texts.len() == self.batch_size {
                exhausted = false;
                break;
            }
        }
        if exhausted {
            self.source = None;
        }
        self.stream.extend(texts);
    }

    /// Waits (without the GIL) for the next document, checking for signals meanwhile.
    fn wait(&mut self, py: Python<'_>) -> PyResult<Outcome<informant::Result<Document>>> {
        loop {
            let stream = &mut self.stream;
            match py.detach(|| stream.recv_timeout(SIGNAL_CHECK)) {
                Next::Ready(outcome) => return Ok(outcome),
                Next::Pending => self.check_signals(py)?,
                // Every queued text has its `Pending`, so this cannot happen; say so if it does.
                _ => {
                    return Err(PyValueError::new_err(
                        "internal error in informant: pipe() lost a document",
                    ));
                }
            }
        }
    }

    /// Raises a pending KeyboardInterrupt (or other signal handler's error),
    /// ending the stream: what it had read is dropped, so no document is
    /// yielded after a gap.
    fn check_signals(&mut self, py: Python<'_>) -> PyResult<()> {
        py.check_signals().inspect_err(|_| {
            self.source = None;
            self.pending.clear();
            self.stream.cancel();
        })
    }
}

#[pymethods]
impl DocumentStream {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<PyDocument>> {
        if self.pending.len() <= self.batch_size / 2 {
            self.top_up(py);
        }
        let id = match self.pending.pop_front() {
            None => return Ok(None),
            Some(Pending::Failed(e)) => return Err(e),
            Some(Pending::Text { id }) => id,
        };
        let outcome = self.wait(py)?;
        // `list(p.pipe(texts))` runs no Python code between documents: this is
        // where a KeyboardInterrupt gets through when documents come quickly.
        self.check_signals(py)?;
        let mut doc = outcome.map_err(panic_to_py)?.map_err(to_py)?;
        if id.is_some() {
            doc.set_id(id);
        }
        Ok(Some(PyDocument::new(doc)))
    }
}
