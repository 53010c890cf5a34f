//! Python bindings for informant: conversion and error mapping only, no logic.
//!
//! The native module is `informant._informant`; the public Python API lives in
//! `python/informant/__init__.py`, which re-exports from here. Its documentation
//! for Python users is in `python/informant/_informant.pyi`.

mod convert;
mod document;
mod errors;
mod pipeline;

use pyo3::prelude::*;

/// The native module.
#[pymodule]
fn _informant(m: &Bound<'_, PyModule>) -> PyResult<()> {
    errors::register(m)?;
    m.add_class::<pipeline::PyPipeline>()?;
    m.add_class::<pipeline::DocumentStream>()?;
    m.add_class::<document::PyDocument>()?;
    m.add_class::<document::PySpan>()?;
    m.add_class::<document::PyBlock>()?;
    m.add_class::<document::PySentence>()?;
    m.add_class::<document::PyToken>()?;
    m.add_class::<document::PyMention>()?;
    m.add_class::<document::PyEntity>()?;
    m.add_class::<document::PyAttribution>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
