//! The studio's panes, one component each: each takes the pieces of the state it shows and
//! sends `Action`s to change it. What they share (the selects' options, reading fields,
//! keeping Shift to the studio) is here.

mod editor;
mod export;
mod graph;
mod paths;
mod preview;
mod problems;
mod verdict;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

pub use editor::Editor;
pub use export::Export;
pub use graph::Graph;
pub use paths::Paths;
pub use preview::Preview;
pub use verdict::Verdict;

/// The widget's triple-Shift shortcut ("leave this page quickly") listens on the document;
/// Shift pressed while typing in the studio's own fields must not leave the studio.
fn keep_shift(e: KeyboardEvent) {
    if e.key() == "Shift" {
        e.stop_propagation();
    }
}

fn select_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

fn input_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

/// The regions of the crisis directory, `current` selected.
fn region_options(current: &str) -> Html {
    crate::data::regions()
        .into_iter()
        .map(|(code, name)| {
            let selected = code == current;
            html! { <option value={code} {selected}>{ name }</option> }
        })
        .collect()
}

/// The flow's languages by their own names, `current` selected.
fn lang_options(languages: &[String], current: &str) -> Html {
    languages
        .iter()
        .map(|code| html! { <option value={code.clone()} selected={code == current}>{ crate::data::language_name(code) }</option> })
        .collect()
}
