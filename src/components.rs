//! The widget's screens and parts: plain functions from a piece of the engine's view model
//! to elements.

mod crisis_strip;
pub mod question;
pub mod result;
mod rich;

pub use crisis_strip::{crisis_strip, Props as CrisisProps};
pub use question::question_screen;
pub use result::result_screen;
pub use rich::rich_text;
