//! Python bindings for informant.
