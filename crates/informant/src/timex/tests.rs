//! Table-driven tests of normalisation.
