//! The widget's screens and parts. Each renders a piece of the engine's view model.

mod crisis_strip;
mod question;
mod result;
mod rich;

pub use crisis_strip::CrisisStrip;
pub use question::QuestionScreen;
pub use result::ResultScreen;
pub use rich::RichText;
