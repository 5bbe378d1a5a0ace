//! The selfcheck engine's build layer.
//!
//! A flow is data: [`doc`] reads a file into a format-neutral tree, [`compile`] turns the
//! tree into a validated [`Flow`] and proves the safety rules with [`analysis`] (a danger
//! answer always reaches emergency help), [`lint`] checks what its screens say, and
//! [`pipeline`] is the one way a flow becomes packs. The run-time layer
//! (`selfcheck-runtime`: model, pack format, session, view, markup) is re-exported here
//! under the same names, so the tools and tests name one crate; the widget depends on the
//! run-time layer alone.
//!
//! This crate does no I/O and depends on no web crate, so all of it is tested natively.

#![deny(missing_docs)]

pub use selfcheck_runtime::{
    analysis, contacts, error, markup, model, pack, rich, session, ui, view, wire,
};

pub mod compile;
#[cfg(feature = "data")]
pub mod data;
pub mod diag;
pub mod doc;
pub mod instrument;
pub mod lint;
#[cfg(feature = "toml")]
pub mod pipeline;
pub mod snippets;

#[cfg(feature = "toml")]
pub use compile::compile_toml;
pub use compile::{compile, Compiled};
pub use selfcheck_runtime::{
    Choice, Effect, Error, ErrorKind, Event, Flow, Pack, Screen, Session, Urgency,
};

#[cfg(test)]
mod proof_tests;
#[cfg(test)]
mod tests;
