//! Python bindings for informant: conversion and error mapping only, no logic.
//!
//! The native module is `informant._informant`; the public Python API lives in
//! `python/informant/__init__.py`, which re-exports from here.

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;

use informant::{InputFormat, JsonOptions, Pipeline};

create_exception!(
    informant,
    Error,
    PyException,
    "Base class of every informant error."
);

/// Maps a core error to a Python exception.
fn to_py(e: informant::Error) -> PyErr {
    Error::new_err(e.to_string())
}

/// Parses `text` and returns the document in the JSON contract (code-point offsets).
#[pyfunction]
#[pyo3(signature = (text, format = "auto", tokens = false))]
fn parse_json(py: Python<'_>, text: String, format: &str, tokens: bool) -> PyResult<String> {
    let input = InputFormat::from_name(format).ok_or_else(|| {
        PyValueError::new_err(format!(
            "unknown format {format:?}; expected auto, text or markdown"
        ))
    })?;
    let pipeline = Pipeline::builder()
        .input_format(input)
        .tokens(tokens)
        .build()
        .map_err(to_py)?;
    let doc = py.detach(|| pipeline.parse_owned(text)).map_err(to_py)?;
    Ok(informant::to_json(&doc, &JsonOptions::with_tokens(tokens)).to_string())
}

/// The native module.
#[pymodule]
fn _informant(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("Error", m.py().get_type::<Error>())?;
    m.add_function(wrap_pyfunction!(parse_json, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
