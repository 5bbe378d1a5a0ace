//! The selfcheck engine.
//!
//! A flow is data: [`doc`] reads a file into a format-neutral tree, [`compile`] turns the
//! tree into a validated [`Flow`] and [`analysis`] enumerates every path to prove the safety
//! rules (a danger answer always reaches emergency help). At run time, a [`Session`] takes
//! the visitor's [`Event`]s and [`view::page`] turns it into a view model the widget renders.
//!
//! This crate does no I/O and depends on no web crate, so all of it is tested natively.

#![deny(missing_docs)]

pub mod analysis;
pub mod compile;
pub mod contacts;
#[cfg(feature = "data")]
pub mod data;
pub mod diag;
pub mod doc;
pub mod error;
pub mod instrument;
pub mod lint;
pub mod markup;
pub mod model;
pub mod pack;
pub mod rich;
pub mod session;
pub mod ui;
pub mod view;
pub mod wire;

#[cfg(feature = "toml")]
pub use compile::compile_toml;
pub use compile::{compile, Compiled};
pub use error::{Error, ErrorKind};
pub use model::{Choice, Flow, Urgency};
pub use pack::Pack;
pub use session::{Effect, Event, Screen, Session};

#[cfg(test)]
mod proof_tests;
#[cfg(test)]
mod tests;
