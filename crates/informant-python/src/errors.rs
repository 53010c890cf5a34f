//! The exception hierarchy and the one mapping from core errors to Python exceptions.
//!
//! ```text
//! Exception
//!  └── informant.Error                      base of every informant error (and of internal errors)
//!       ├── InvalidInputError (ValueError)  bad UTF-8, spans that do not fit the text
//!       │    └── DocumentTooLargeError      past the pipeline's max_bytes
//!       ├── FormatError (ValueError)        unknown or unsupported input format
//!       ├── JsonError (ValueError)          malformed JSON document
//!       ├── GazetteerError (ValueError)     malformed user gazetteer
//!       ├── DateError (ValueError)          a document date that is not ISO 8601 or no such day
//!       └── PatternError (ValueError)       user pattern that does not compile, unknown entity type
//! ```
//! I/O errors are not `informant.Error`: they become `FileNotFoundError`,
//! `PermissionError` or `OSError`, carrying the file name.

use pyo3::exceptions::{PyFileNotFoundError, PyOSError, PyPermissionError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple, PyType};

/// The exception classes, created once per interpreter.
pub(crate) struct Exceptions {
    pub error: Py<PyType>,
    pub invalid_input: Py<PyType>,
    pub too_large: Py<PyType>,
    pub format: Py<PyType>,
    pub json: Py<PyType>,
    pub gazetteer: Py<PyType>,
    pub pattern: Py<PyType>,
    pub date: Py<PyType>,
}

static EXCEPTIONS: PyOnceLock<Exceptions> = PyOnceLock::new();

/// Makes `class name(*bases)` in module `informant` with a docstring.
fn new_class(
    py: Python<'_>,
    name: &str,
    doc: &str,
    bases: &[&Bound<'_, PyAny>],
) -> PyResult<Py<PyType>> {
    let dict = PyDict::new(py);
    dict.set_item("__module__", "informant")?;
    dict.set_item("__doc__", doc)?;
    let bases = PyTuple::new(py, bases)?;
    let cls = py.get_type::<PyType>().call1((name, bases, dict))?;
    Ok(cls.cast_into::<PyType>()?.unbind())
}

fn create(py: Python<'_>) -> PyResult<Exceptions> {
    let exception = py.get_type::<pyo3::exceptions::PyException>().into_any();
    let value_error = py.get_type::<pyo3::exceptions::PyValueError>().into_any();
    let error = new_class(
        py,
        "Error",
        "Base class of every informant error.",
        &[&exception],
    )?;
    let e = error.bind(py).clone().into_any();
    let sub = |name: &str, doc: &str| new_class(py, name, doc, &[&e, &value_error]);
    let invalid_input = sub(
        "InvalidInputError",
        "The input cannot be processed: invalid UTF-8, or a span that does not fit the text.",
    )?;
    let too_large = new_class(
        py,
        "DocumentTooLargeError",
        "The document is larger than the pipeline's ``max_bytes``.",
        &[&invalid_input.bind(py).clone().into_any()],
    )?;
    Ok(Exceptions {
        error,
        invalid_input,
        too_large,
        format: sub("FormatError", "Unknown or unsupported input format.")?,
        json: sub("JsonError", "A JSON document could not be read.")?,
        gazetteer: sub("GazetteerError", "A user gazetteer is malformed.")?,
        pattern: sub(
            "PatternError",
            "A user pattern does not compile or names an unknown entity type.",
        )?,
        date: sub(
            "DateError",
            "A document date that is not an ISO 8601 date (YYYY-MM-DD) or names no such day.",
        )?,
    })
}

/// The exception classes (created on first use).
pub(crate) fn exceptions(py: Python<'_>) -> PyResult<&'static Exceptions> {
    EXCEPTIONS.get_or_try_init(py, || create(py))
}

/// An exception of class `cls` with `msg`.
pub(crate) fn raise(py: Python<'_>, cls: fn(&Exceptions) -> &Py<PyType>, msg: String) -> PyErr {
    match exceptions(py) {
        Ok(ex) => PyErr::from_type(cls(ex).bind(py).clone(), msg),
        Err(e) => e,
    }
}

/// Maps a core error to its Python exception: the one place that does it.
pub(crate) fn to_py(e: informant::Error) -> PyErr {
    use informant::Error as E;
    Python::attach(|py| {
        let msg = e.to_string();
        match e {
            E::InvalidUtf8 { .. } | E::InvalidSpan { .. } => raise(py, |x| &x.invalid_input, msg),
            E::TooLarge { .. } => raise(py, |x| &x.too_large, msg),
            E::UnsupportedFormat(_) => raise(py, |x| &x.format, msg),
            E::Json { .. } => raise(py, |x| &x.json, msg),
            E::Gazetteer { .. } => raise(py, |x| &x.gazetteer, msg),
            E::Pattern { .. } => raise(py, |x| &x.pattern, msg),
            E::InvalidDate { .. } => raise(py, |x| &x.date, msg),
            E::Io { path, source } => {
                // Python's OSError(errno, strerror, filename), without Rust's " (os error 2)".
                let full = source.to_string();
                let strerror = full.split(" (os error").next().unwrap_or(&full).to_owned();
                let args = (source.raw_os_error().unwrap_or(0), strerror, path);
                match source.kind() {
                    std::io::ErrorKind::NotFound => PyFileNotFoundError::new_err(args),
                    std::io::ErrorKind::PermissionDenied => PyPermissionError::new_err(args),
                    _ => PyOSError::new_err(args),
                }
            }
            // `informant::Error` is non-exhaustive: a kind added later is still an informant.Error.
            _ => raise(py, |x| &x.error, msg),
        }
    })
}

/// The error for a panic caught inside the core: a bug, reported as `informant.Error`.
pub(crate) fn panic_to_py(payload: Box<dyn std::any::Any + Send>) -> PyErr {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into());
    Python::attach(|py| {
        raise(
            py,
            |x| &x.error,
            format!("internal error in informant (please report it): {what}"),
        )
    })
}

/// Adds the exception classes to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let ex = exceptions(m.py())?;
    for (name, cls) in [
        ("Error", &ex.error),
        ("InvalidInputError", &ex.invalid_input),
        ("DocumentTooLargeError", &ex.too_large),
        ("FormatError", &ex.format),
        ("JsonError", &ex.json),
        ("GazetteerError", &ex.gazetteer),
        ("PatternError", &ex.pattern),
        ("DateError", &ex.date),
    ] {
        m.add(name, cls.clone_ref(m.py()))?;
    }
    Ok(())
}
