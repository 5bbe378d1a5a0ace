//! The selfcheck engine's run-time layer: what the visitor's browser runs.
//!
//! A [`Pack`] is read from bytes ([`pack::decode`]: the format, then the safety rules
//! again, [`analysis::recheck`]); a [`Session`] takes the visitor's [`Event`]s and returns
//! the [`Effect`] the widget carries out; [`view::page`] turns the session into a view
//! model and [`markup::page`] into an element tree the widget renders.
//!
//! This crate imports nothing of the build layer (`selfcheck-flow`: the document reader,
//! the compiler, the lint, diagnostics and the pipeline), so the visitor's wasm cannot
//! reach the compiler by any import. It does no I/O and depends on no web crate.

#![deny(missing_docs)]

pub mod analysis;
pub mod contacts;
pub mod error;
pub mod markup;
pub mod model;
pub mod pack;
pub mod rich;
pub mod session;
pub mod ui;
pub mod view;
pub mod wire;

pub use error::{Error, ErrorKind};
pub use model::{Choice, Flow, Urgency};
pub use pack::Pack;
pub use session::{Effect, Event, Screen, Session};
