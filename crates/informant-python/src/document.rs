//! `Document` and the small value classes it hands out, all frozen.
//!
//! A `Document` wraps the core document behind an `Arc`; offsets are converted
//! to code points (one `OffsetMap` per document, built on first use) and child
//! objects (mentions, sentences, ...) are made on first access, then cached.

use std::sync::{Arc, OnceLock};

use informant::{Document, JsonOptions, OffsetMap, Span};
use pyo3::prelude::*;
use pyo3::pyclass::CompareOp;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyString, PyTuple, PyType};

use crate::convert::{attributes_to_py, confidence, value_to_py};
use crate::errors::to_py;

/// The core document and its offset map.
pub(crate) struct DocData {
    doc: Document,
    map: OnceLock<OffsetMap>,
}

impl DocData {
    fn chars(&self, span: Span) -> (usize, usize) {
        self.map
            .get_or_init(|| OffsetMap::new(self.doc.text()))
            .span_to_chars(span)
    }

    fn span(&self, span: Span) -> PySpan {
        let (start, end) = self.chars(span);
        PySpan {
            start,
            end,
            text: self.doc.span_text(span).to_owned(),
        }
    }
}

/// Python's `repr` of a string.
fn pyrepr(py: Python<'_>, s: &str) -> PyResult<String> {
    Ok(PyString::new(py, s).repr()?.to_string())
}

/// `repr` of a string, shortened to about 60 characters.
fn short_repr(py: Python<'_>, s: &str) -> PyResult<String> {
    const MAX: usize = 60;
    let shown = match s.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    };
    Ok(PyString::new(py, &shown).repr()?.to_string())
}

/// A stretch of the document's text: `text == doc.text[start:end]` (code points).
#[pyclass(module = "informant", name = "Span", frozen, eq, hash)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PySpan {
    /// Start offset in code points (inclusive).
    #[pyo3(get)]
    start: usize,
    /// End offset in code points (exclusive).
    #[pyo3(get)]
    end: usize,
    /// The text under the span.
    #[pyo3(get)]
    text: String,
}

#[pymethods]
impl PySpan {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Span({}, start={}, end={})",
            short_repr(py, &self.text)?,
            self.start,
            self.end
        ))
    }

    fn __len__(&self) -> usize {
        self.end - self.start
    }
}

/// A structural unit: title, heading, paragraph, list item, quote, table or code.
#[pyclass(module = "informant", name = "Block", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyBlock {
    /// `title`, `heading`, `paragraph`, `list_item`, `quote`, `table` or `code`.
    #[pyo3(get)]
    kind: &'static str,
    #[pyo3(get)]
    start: usize,
    #[pyo3(get)]
    end: usize,
    #[pyo3(get)]
    text: String,
    /// 1 for the title, 2 and more for headings, else `None`.
    #[pyo3(get)]
    level: Option<u8>,
    /// For a list item that begins `Label: ...`, the label without its colon.
    #[pyo3(get)]
    label: Option<PySpan>,
    /// HTML only: the `(start, end)` byte range of the element the block came
    /// from, in the page's bytes (UTF-8 encoded when it was given as `str`).
    #[pyo3(get)]
    source: Option<(usize, usize)>,
}

#[pymethods]
impl PyBlock {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Block({}, start={}, end={}, text={})",
            pyrepr(py, self.kind)?,
            self.start,
            self.end,
            short_repr(py, &self.text)?
        ))
    }
}

/// A sentence; `block` is its block's index in `Document.blocks`.
#[pyclass(module = "informant", name = "Sentence", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PySentence {
    #[pyo3(get)]
    start: usize,
    #[pyo3(get)]
    end: usize,
    #[pyo3(get)]
    text: String,
    #[pyo3(get)]
    block: usize,
}

#[pymethods]
impl PySentence {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Sentence({}, start={}, end={})",
            short_repr(py, &self.text)?,
            self.start,
            self.end
        ))
    }
}

/// A token: `word`, `number`, `punctuation`, `symbol`, `url`, `email`, `handle` or `hashtag`.
#[pyclass(module = "informant", name = "Token", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyToken {
    #[pyo3(get)]
    start: usize,
    #[pyo3(get)]
    end: usize,
    #[pyo3(get)]
    text: String,
    #[pyo3(get)]
    kind: &'static str,
}

#[pymethods]
impl PyToken {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Token({}, kind={}, start={}, end={})",
            short_repr(py, &self.text)?,
            pyrepr(py, self.kind)?,
            self.start,
            self.end
        ))
    }
}

/// One mention of an entity.
#[pyclass(module = "informant", name = "Mention", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyMention {
    #[pyo3(get)]
    start: usize,
    #[pyo3(get)]
    end: usize,
    #[pyo3(get)]
    text: String,
    /// The entity type (`Person`, `Location`, ...).
    #[pyo3(get, name = "type")]
    entity_type: &'static str,
    /// `name`, `nominal`, `pronoun` or `value`.
    #[pyo3(get)]
    kind: &'static str,
    #[pyo3(get)]
    subtype: Option<String>,
    #[pyo3(get)]
    confidence: f64,
    #[pyo3(get)]
    recogniser: String,
    /// Id of the entity it refers to (`Document.entities`), if resolved.
    #[pyo3(get)]
    entity: Option<String>,
    /// How it joined its entity: the resolution sieve (`first`, `exact_name`, `pronoun`, ...).
    #[pyo3(get)]
    resolution: Option<&'static str>,
    /// Index of the sentence holding it.
    #[pyo3(get)]
    sentence: Option<usize>,
    /// A Temporal mention's TIMEX3 type: `DATE`, `TIME`, `DURATION` or `SET`; else `None`.
    #[pyo3(get)]
    timex_type: Option<&'static str>,
    /// A Temporal mention's TIMEX3 value (ISO 8601: `2024-12-08`, `2024-W49`, `P3Y`,
    /// `PAST_REF`, ...), `None` when it cannot be known (a relative expression in a
    /// document without a date) and for other types.
    #[pyo3(get)]
    value: Option<String>,
    attrs: informant::Attributes,
}

#[pymethods]
impl PyMention {
    /// Normalised values and other attributes (a new dict on each access).
    #[getter]
    fn attributes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
        attributes_to_py(py, &self.attrs)
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (self.start, self.end, self.entity_type, &self.text).hash(&mut h);
        h.finish()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Mention({}, type={}, start={}, end={})",
            short_repr(py, &self.text)?,
            pyrepr(py, self.entity_type)?,
            self.start,
            self.end
        ))
    }
}

/// An entity: the mentions of one document that refer to the same thing.
#[pyclass(module = "informant", name = "Entity", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyEntity {
    /// Unique within the document (`e0`, `e1`, ...).
    #[pyo3(get)]
    id: String,
    #[pyo3(get, name = "type")]
    entity_type: &'static str,
    /// Canonical name.
    #[pyo3(get)]
    name: String,
    /// Indices into `Document.mentions`, in text order.
    #[pyo3(get)]
    mentions: Vec<usize>,
    attrs: informant::Attributes,
}

#[pymethods]
impl PyEntity {
    /// Known attributes (country code, coordinates, ids; a new dict on each access).
    #[getter]
    fn attributes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
        attributes_to_py(py, &self.attrs)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Entity({}, type={}, name={}, mentions={})",
            pyrepr(py, &self.id)?,
            pyrepr(py, self.entity_type)?,
            short_repr(py, &self.name)?,
            self.mentions.len()
        ))
    }
}

/// A claim attributed to a source: `source` says `claim`, marked by `cue`.
#[pyclass(module = "informant", name = "Attribution", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct PyAttribution {
    #[pyo3(get)]
    source: PySpan,
    /// Id of the entity the source refers to, where one matches.
    #[pyo3(get)]
    source_entity: Option<String>,
    #[pyo3(get)]
    cue: PySpan,
    #[pyo3(get)]
    claim: PySpan,
}

#[pymethods]
impl PyAttribution {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Attribution(source={}, cue={}, claim={})",
            short_repr(py, &self.source.text)?,
            short_repr(py, &self.cue.text)?,
            short_repr(py, &self.claim.text)?
        ))
    }
}

/// A processed document: the original text and everything found in it.
///
/// Offsets are code points: `doc.text[m.start:m.end] == m.text`.
#[pyclass(module = "informant", name = "Document", frozen)]
pub struct PyDocument {
    data: Arc<DocData>,
    text: PyOnceLock<Py<PyString>>,
    blocks: PyOnceLock<Py<PyTuple>>,
    sentences: PyOnceLock<Py<PyTuple>>,
    tokens: PyOnceLock<Py<PyTuple>>,
    mentions: PyOnceLock<Py<PyTuple>>,
    entities: PyOnceLock<Py<PyTuple>>,
    attributions: PyOnceLock<Py<PyTuple>>,
}

impl PyDocument {
    pub(crate) fn new(doc: Document) -> Self {
        PyDocument {
            data: Arc::new(DocData {
                doc,
                map: OnceLock::new(),
            }),
            text: PyOnceLock::new(),
            blocks: PyOnceLock::new(),
            sentences: PyOnceLock::new(),
            tokens: PyOnceLock::new(),
            mentions: PyOnceLock::new(),
            entities: PyOnceLock::new(),
            attributions: PyOnceLock::new(),
        }
    }

    fn doc(&self) -> &Document {
        &self.data.doc
    }

    fn entity_id(&self, i: Option<usize>) -> Option<String> {
        i.and_then(|i| self.doc().entities().get(i))
            .map(|e| e.id.clone())
    }

    /// The contract's JSON text (tokens included); `f32`s written shortest.
    fn json_string(&self) -> String {
        serde_json::to_string(self.doc()).unwrap_or_default()
    }

    fn json_value(&self, tokens: bool) -> serde_json::Value {
        // Through the string, so that confidences read 0.85 rather than 0.8500000238418579.
        let mut v: serde_json::Value =
            serde_json::from_str(&self.json_string()).unwrap_or_default();
        if !tokens {
            if let Some(o) = v.as_object_mut() {
                o.remove("tokens");
            }
        }
        v
    }
}

/// A cached tuple of child objects, made on first access.
fn cached<'py, T, I>(
    py: Python<'py>,
    cell: &PyOnceLock<Py<PyTuple>>,
    make: impl FnOnce() -> I,
) -> PyResult<Bound<'py, PyTuple>>
where
    T: for<'a> IntoPyObject<'a>,
    I: IntoIterator<Item = T>,
    I::IntoIter: ExactSizeIterator,
{
    let t = cell.get_or_try_init(py, || PyTuple::new(py, make()).map(Bound::unbind))?;
    Ok(t.bind(py).clone())
}

#[pymethods]
impl PyDocument {
    /// The original text, exactly as given.
    #[getter]
    fn text<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        self.text
            .get_or_init(py, || PyString::new(py, self.doc().text()).unbind())
            .bind(py)
            .clone()
    }

    /// The caller's id, or `None`.
    #[getter]
    fn id(&self) -> Option<&str> {
        self.doc().id()
    }

    /// The format the text was parsed as: `text`, `markdown` or `html`.
    #[getter]
    fn format(&self) -> &'static str {
        self.doc().format().as_str()
    }

    /// What the page says about itself (HTML): `title`, `authors` (a list),
    /// `published`, `url`, `site`, `language`; a key only when it was found.
    #[getter]
    fn metadata<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
        let m = self.doc().metadata();
        let d = pyo3::types::PyDict::new(py);
        let fields = [
            ("title", &m.title),
            ("published", &m.published),
            ("url", &m.url),
            ("site", &m.site),
            ("language", &m.language),
        ];
        for (key, value) in fields {
            if let Some(v) = value {
                d.set_item(key, v)?;
            }
        }
        if !m.authors.is_empty() {
            d.set_item("authors", &m.authors)?;
        }
        Ok(d)
    }

    /// The document's date (a `datetime.date`), the anchor of relative time expressions:
    /// the one given to `extract`, else the page's metadata or a dateline; `None` if unknown.
    #[getter]
    fn date<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, pyo3::types::PyDate>>> {
        self.doc()
            .date()
            .map(|d| {
                // Years 1 to 9999 and real days: always a valid datetime.date.
                pyo3::types::PyDate::new(py, d.year(), d.month() as u8, d.day() as u8)
            })
            .transpose()
    }

    /// Where `date` came from: `input` (given), `metadata` or `dateline`; `None` without one.
    #[getter]
    fn date_source(&self) -> Option<&'static str> {
        self.doc().date_source().map(|s| s.as_str())
    }

    /// The title, if the document has one.
    #[getter]
    fn title(&self) -> Option<PySpan> {
        self.doc().title().map(|s| self.data.span(s))
    }

    /// Blocks in text order.
    #[getter]
    fn blocks<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        cached(py, &self.blocks, || {
            self.doc().blocks().iter().map(|b| {
                let (start, end) = self.data.chars(b.span);
                PyBlock {
                    kind: b.kind.as_str(),
                    start,
                    end,
                    text: self.doc().span_text(b.span).to_owned(),
                    level: b.level,
                    label: b.label.map(|l| self.data.span(l)),
                    source: b.source.map(|s| (s.start, s.end)),
                }
            })
        })
    }

    /// Sentences in text order.
    #[getter]
    fn sentences<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        cached(py, &self.sentences, || {
            self.doc().sentences().iter().map(|s| {
                let (start, end) = self.data.chars(s.span);
                PySentence {
                    start,
                    end,
                    text: self.doc().span_text(s.span).to_owned(),
                    block: s.block,
                }
            })
        })
    }

    /// Tokens in text order (empty when the pipeline has `tokens=False`).
    #[getter]
    fn tokens<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        cached(py, &self.tokens, || {
            self.doc().tokens().iter().map(|t| {
                let (start, end) = self.data.chars(t.span);
                PyToken {
                    start,
                    end,
                    text: self.doc().span_text(t.span).to_owned(),
                    kind: t.kind.as_str(),
                }
            })
        })
    }

    /// Entity mentions, by start then longer first (they may nest).
    #[getter]
    fn mentions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        cached(py, &self.mentions, || {
            self.doc().mentions().iter().enumerate().map(|(i, m)| {
                let (start, end) = self.data.chars(m.span);
                PyMention {
                    start,
                    end,
                    text: self.doc().span_text(m.span).to_owned(),
                    entity_type: m.entity_type.as_str(),
                    kind: m.kind.as_str(),
                    subtype: m.subtype.clone(),
                    confidence: confidence(m.confidence),
                    recogniser: m.recogniser.to_string(),
                    entity: self.entity_id(m.entity),
                    resolution: self.doc().resolution(i).map(|r| r.as_str()),
                    sentence: self.doc().sentence_at(m.span.start),
                    timex_type: m.timex.as_ref().map(|t| t.timex_type.as_str()),
                    value: m.timex.as_ref().and_then(|t| t.value.clone()),
                    attrs: m.attributes.clone(),
                }
            })
        })
    }

    /// Entities resolved from the mentions.
    #[getter]
    fn entities<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        cached(py, &self.entities, || {
            self.doc().entities().iter().map(|e| PyEntity {
                id: e.id.clone(),
                entity_type: e.entity_type.as_str(),
                name: e.name.clone(),
                mentions: e.mentions.clone(),
                attrs: e.attributes.clone(),
            })
        })
    }

    /// Claims attributed to sources.
    #[getter]
    fn attributions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        cached(py, &self.attributions, || {
            self.doc().attributions().iter().map(|a| PyAttribution {
                source: self.data.span(a.source),
                source_entity: self.entity_id(a.source_entity),
                cue: self.data.span(a.cue),
                claim: self.data.span(a.claim),
            })
        })
    }

    /// The document as a dict in the JSON contract (docs/json.md).
    #[pyo3(signature = (tokens = true))]
    fn to_dict<'py>(&self, py: Python<'py>, tokens: bool) -> PyResult<Bound<'py, PyAny>> {
        value_to_py(py, &self.json_value(tokens))
    }

    /// The resolved places as a GeoJSON FeatureCollection dict (docs/geo.md): one Point
    /// per Location entity with coordinates; folium and geopandas read it directly.
    fn to_geojson<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        value_to_py(py, &self.doc().to_geojson())
    }

    /// The document as JSON text in the contract (docs/json.md); `indent` pretty-prints.
    #[pyo3(signature = (tokens = true, indent = false))]
    fn to_json(&self, tokens: bool, indent: bool) -> String {
        if tokens && !indent {
            return self.json_string();
        }
        let v = self.json_value(tokens);
        let out = if indent {
            serde_json::to_string_pretty(&v)
        } else {
            serde_json::to_string(&v)
        };
        out.unwrap_or_default()
    }

    /// Reads a document from the JSON contract (`str` or UTF-8 `bytes`).
    ///
    /// Raises `JsonError` for malformed JSON, `InvalidInputError` for offsets that do not fit.
    #[classmethod]
    fn from_json(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
    ) -> PyResult<PyDocument> {
        let text: String = if let Ok(b) = data.cast::<PyBytes>() {
            String::from_utf8(b.as_bytes().to_vec()).map_err(|e| {
                to_py(informant::Error::InvalidUtf8 {
                    position: e.utf8_error().valid_up_to(),
                })
            })?
        } else {
            data.extract()?
        };
        let doc = py.detach(|| informant::from_json(&text)).map_err(to_py)?;
        Ok(PyDocument::new(doc))
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let ctor = slf.get_type().getattr("from_json")?;
        Ok((ctor, (slf.get().json_string(),)))
    }

    fn __richcmp__(&self, other: &Bound<'_, PyAny>, op: CompareOp) -> PyResult<Py<PyAny>> {
        let py = other.py();
        let Ok(other) = other.cast::<PyDocument>() else {
            return Ok(py.NotImplemented());
        };
        let other = other.get();
        let same = Arc::ptr_eq(&self.data, &other.data)
            || informant::to_json(self.doc(), &JsonOptions::with_tokens(true))
                == informant::to_json(other.doc(), &JsonOptions::with_tokens(true));
        Ok(match op {
            CompareOp::Eq => same.into_pyobject(py)?.to_owned().into_any().unbind(),
            CompareOp::Ne => (!same).into_pyobject(py)?.to_owned().into_any().unbind(),
            _ => py.NotImplemented(),
        })
    }

    #[classattr]
    const __hash__: Option<Py<PyAny>> = None;

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let id = match self.doc().id() {
            Some(id) => pyrepr(py, id)?,
            None => "None".into(),
        };
        Ok(format!(
            "Document(id={id}, mentions={}, entities={})",
            self.doc().mentions().len(),
            self.doc().entities().len()
        ))
    }

    /// The document as HTML with mentions highlighted (Jupyter calls this).
    fn _repr_html_(slf: &Bound<'_, Self>) -> PyResult<Py<PyAny>> {
        let render = slf.py().import("informant._html")?.getattr("render")?;
        Ok(render.call1((slf,))?.unbind())
    }

    /// A pandas DataFrame: `kind` is `mentions` (default), `entities`, `attributions`,
    /// `sentences` or `tokens`. Needs pandas (`pip install informant[pandas]`).
    #[pyo3(signature = (kind = "mentions"))]
    fn to_pandas(slf: &Bound<'_, Self>, kind: &str) -> PyResult<Py<PyAny>> {
        let f = slf.py().import("informant._frames")?.getattr("to_pandas")?;
        Ok(f.call1(((slf,), kind))?.unbind())
    }
}
