//! `Pipeline` and the iterator `Pipeline.pipe` returns.

use std::collections::VecDeque;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Arc;

use informant::{DEFAULT_MAX_BYTES, Document, EntityType, InputFormat, Pipeline, PipelineConfig};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyIterator, PyString, PyTuple, PyType};

use crate::convert::{py_to_value, value_to_py};
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
/// `extra_patterns` (`(type, subtype or None, regex)` triples), `max_bytes` (256 MiB).
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
    ) -> PyResult<PyDocument> {
        let p = &self.inner;
        let mut doc = detached(py, || {
            if full {
                p.extract_owned(text)
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
        self.run(py, text, id, false)
    }

    /// Runs the whole pipeline on `text`: structure, entities, attributions.
    #[pyo3(signature = (text, *, id = None))]
    fn extract(&self, py: Python<'_>, text: String, id: Option<String>) -> PyResult<PyDocument> {
        self.run(py, text, id, true)
    }

    /// Extracts many texts in parallel; an iterator of documents in input order.
    #[pyo3(signature = (texts, *, batch_size = 256, n_threads = None))]
    fn pipe(
        &self,
        texts: &Bound<'_, PyAny>,
        batch_size: usize,
        n_threads: Option<usize>,
    ) -> PyResult<DocumentStream> {
        if batch_size == 0 {
            return Err(PyValueError::new_err("batch_size must be at least 1"));
        }
        let pool = match n_threads {
            None => None,
            Some(0) => {
                return Err(PyValueError::new_err(
                    "n_threads must be at least 1 (or None)",
                ));
            }
            Some(n) => Some(Arc::new(
                rayon::ThreadPoolBuilder::new()
                    .num_threads(n)
                    .thread_name(|i| format!("informant-{i}"))
                    .build()
                    .map_err(|e| PyValueError::new_err(format!("cannot start {n} threads: {e}")))?,
            )),
        };
        Ok(DocumentStream {
            pipeline: self.inner.clone(),
            source: Some(texts.try_iter()?.unbind()),
            batch_size,
            pool,
            ready: VecDeque::new(),
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
        s.push(')');
        Ok(s)
    }
}

/// Documents per thread between two checks for Ctrl-C in `pipe()`: enough to
/// keep every core busy, few enough that an interrupt lands within a second.
const DOCS_PER_THREAD: usize = 8;

/// The iterator `Pipeline.pipe` returns: takes `batch_size` texts from the
/// input, extracts them in parallel without the GIL, yields them in order.
/// Ctrl-C (or any signal handler that raises) interrupts it between chunks of
/// a batch; the stream then ends.
#[pyclass(module = "informant", name = "DocumentStream")]
pub struct DocumentStream {
    pipeline: Pipeline,
    source: Option<Py<PyIterator>>,
    batch_size: usize,
    pool: Option<Arc<rayon::ThreadPool>>,
    ready: VecDeque<informant::Result<Document>>,
}

impl DocumentStream {
    /// Reads the next batch from the source (holding the GIL), then extracts it (without).
    fn fill(&mut self, py: Python<'_>) -> PyResult<()> {
        let Some(source) = &self.source else {
            return Ok(());
        };
        let mut texts = Vec::with_capacity(self.batch_size);
        let mut ids = Vec::with_capacity(self.batch_size);
        let it = source.bind(py).clone();
        let mut exhausted = true;
        for item in it {
            let item = item?;
            let (id, text) = if let Ok(s) = item.cast::<PyString>() {
                (None, s.extract::<String>()?)
            } else if let Ok(t) = item.cast::<PyTuple>() {
                t.extract::<(Option<String>, String)>().map_err(|_| {
                    pyo3::exceptions::PyTypeError::new_err(
                        "pipe() items are str or (id, text) pairs of str",
                    )
                })?
            } else {
                return Err(pyo3::exceptions::PyTypeError::new_err(format!(
                    "pipe() items are str or (id, text) pairs, not {}",
                    item.get_type().name()?
                )));
            };
            texts.push(text);
            ids.push(id);
            if texts.len() == self.batch_size {
                exhausted = false;
                break;
            }
        }
        if exhausted {
            self.source = None;
        }
        if texts.is_empty() {
            return Ok(());
        }
        // The batch runs in chunks of a few documents per thread, with a check
        // for Ctrl-C between chunks: `list(p.pipe(texts))` runs no Python code
        // until it returns, so this is where a KeyboardInterrupt gets through.
        let threads = self
            .pool
            .as_ref()
            .map_or_else(rayon::current_num_threads, |p| p.current_num_threads());
        let chunk = threads.max(1) * DOCS_PER_THREAD;
        let mut docs = Vec::with_capacity(texts.len());
        // Taken from the front in order, each text moved once (splitting the
        // vector off at each chunk would copy the rest every time).
        let mut rest = texts.into_iter();
        loop {
            let part: Vec<String> = rest.by_ref().take(chunk).collect();
            if part.is_empty() {
                break;
            }
            let p = &self.pipeline;
            let pool = self.pool.clone();
            docs.extend(detached(py, move || match &pool {
                Some(pool) => pool.install(|| p.extract_batch(part)),
                None => p.extract_batch(part),
            })?);
            if let Err(interrupted) = py.check_signals() {
                // What this batch took from the source is lost: end the stream
                // rather than yield documents with a gap.
                self.source = None;
                self.ready.clear();
                return Err(interrupted);
            }
        }
        for (doc, id) in docs.iter_mut().zip(ids) {
            if let (Ok(d), Some(_)) = (doc, &id) {
                d.set_id(id);
            }
        }
        self.ready.extend(docs);
        Ok(())
    }
}

#[pymethods]
impl DocumentStream {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<PyDocument>> {
        if self.ready.is_empty() {
            self.fill(py)?;
        }
        match self.ready.pop_front() {
            None => Ok(None),
            Some(Ok(doc)) => Ok(Some(PyDocument::new(doc))),
            Some(Err(e)) => Err(to_py(e)),
        }
    }
}
