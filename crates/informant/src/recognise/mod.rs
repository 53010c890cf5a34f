//! Recognisers: each finds one family of mentions; the [`Pipeline`](crate::Pipeline) composes them.

use std::fmt;

pub mod patterns;

pub use patterns::PatternRecogniser;

use crate::document::{Document, Mention};

/// One job in entity recognition: find mentions of some kinds in a segmented document.
///
/// A recogniser sees the document with its blocks, sentences and tokens, and
/// appends the mentions it finds to `out`; it never crosses a block boundary.
/// The pipeline merges the output of all recognisers (see `docs/architecture.md`).
pub trait Recogniser:
    Send + Sync + std::panic::RefUnwindSafe + std::panic::UnwindSafe + fmt::Debug
{
    /// A short name, written into each mention's `recogniser` field.
    fn name(&self) -> &str;
    /// Appends the mentions found in `doc` to `out`.
    fn recognise(&self, doc: &Document, out: &mut Vec<Mention>);
}

mod clubs;
mod datelines;
pub(crate) mod gazetteer;
mod heads;
pub mod indices;
pub(crate) mod merge;
mod offices;
mod particles;
pub(crate) mod phrases;
mod portfolios;
pub mod products;
pub(crate) mod rules;
pub(crate) mod spans;
mod tables;
pub mod tagger;
mod trie;
pub mod vehicles;

pub use gazetteer::{Gazetteer, GazetteerBuilder, GazetteerEntry, GazetteerRecogniser};
pub use indices::MarketIndices;
pub(crate) use merge::merge;
pub use products::ProductNames;
pub use rules::ContextRules;
pub use tagger::Tagger;
pub use vehicles::VehicleModels;

/// The name mentions the default pipeline finds in `text`, with their types, after
/// checking the document's invariants: the span steps' tests read them.
#[cfg(test)]
pub(crate) fn names_and_types(text: &str) -> Vec<(String, &'static str)> {
    let doc = crate::Pipeline::new().extract(text).unwrap_or_default();
    doc.validate().unwrap_or_else(|e| panic!("{e}"));
    doc.mentions()
        .iter()
        .filter(|m| m.kind.as_str() == "name")
        .map(|m| (doc.span_text(m.span).to_owned(), m.entity_type.as_str()))
        .collect()
}

/// The types [`names_and_types`] found for the names written `name`, in text order.
#[cfg(test)]
pub(crate) fn types_of(found: &[(String, &'static str)], name: &str) -> Vec<&'static str> {
    found
        .iter()
        .filter(|(t, _)| t == name)
        .map(|(_, ty)| *ty)
        .collect()
}
