//! Engine tests, data-driven in the rust-analyzer style: a flow or a path as text in, the
//! rendered result out, with the expectation written beside it. One file per module of
//! the engine; this one holds what they share: the default flow and its packs, the
//! session walkers and the small flow the compile and lint tests build on.

use std::rc::Rc;

use crate::analysis::{self, describe_step};
use crate::compile::compile_toml;
use crate::contacts;
use crate::model::{Choice, Urgency};
use crate::rich::{Block, Inline, Rich, RichError};
use crate::session::{Event, Screen, Session};
use crate::view::{self, Body, Settings};
use crate::Flow;

// One file per part of the engine. `analysis`, `contacts` and `view` are imported above, so
// their tests are `proof`, `directory` and `page`.
mod compile;
mod directory;
mod doc;
mod instrument;
mod lint;
mod markup;
mod pack;
mod page;
mod proof;
mod rich;
mod session;

const DEFAULT: &str = include_str!("../../../../flows/default.toml");
const CONTACTS: &str = include_str!("../../../../data/crisis-contacts.toml");

fn default_flow() -> Rc<Flow> {
    match compile_toml(DEFAULT) {
        Ok(c) => Rc::new(c.flow),
        Err(errors) => panic!(
            "{}",
            errors
                .iter()
                .map(|e| e.render("flows/default.toml"))
                .collect::<Vec<_>>()
                .join("\n")
        ),
    }
}

/// The visitor's part of one step, with real events: ticks each of `answers` on the
/// question on screen, then Continue. Every walk through a session goes through this.
fn answer(s: &mut Session, answers: impl IntoIterator<Item = usize>) {
    for answer in answers {
        s.update(Event::Choose {
            answer,
            checked: true,
        });
    }
    s.update(Event::Continue);
}

/// Drives a session through `path` ("question=answer+answer …") with real events and
/// returns what the visitor ends on: `outcome (urgency): advice …`, or the screen it got stuck on.
fn walk(flow: &Rc<Flow>, path: &str) -> String {
    let mut s = Session::new(flow.clone());
    let steps = analysis::parse_answers(flow, path).unwrap_or_else(|e| panic!("{path}: {e}"));
    for (q, c) in steps {
        let Screen::Question(on) = s.screen() else {
            return format!("ended before {}", flow.questions[q].id);
        };
        assert_eq!(
            flow.questions[on].id, flow.questions[q].id,
            "expected to be asked {}",
            flow.questions[q].id
        );
        answer(&mut s, c.iter());
    }
    match s.screen() {
        Screen::Result(o) => {
            let advice: Vec<&str> = s
                .advice(o)
                .into_iter()
                .map(|a| flow.advice[a].id.as_str())
                .collect();
            format!(
                "{} ({}): {}",
                flow.outcomes[o].id,
                flow.outcomes[o].urgency.as_str(),
                advice.join(" ")
            )
        }
        Screen::Question(q) => format!("still asking {}", flow.questions[q].id),
    }
}

/// A session of `pack` with its first question's first answer (a danger answer) given.
fn first_answer_given(pack: &crate::Pack) -> Session {
    let mut s = Session::new(pack.flow.clone());
    answer(&mut s, [0]);
    s
}

/// The default flow's pack in `lang`, read back as the widget reads it.
fn default_pack(lang: &str) -> crate::Pack {
    let bytes = crate::data::pack(DEFAULT, lang).expect("the default flow packs");
    crate::pack::decode(&bytes).expect("the pack reads back")
}

/// The first question of the small flows the compile and lint tests build on, and its
/// emergency outcome.
const DANGER_Q: &str = r#"
[[question]]
id = "danger"
text = "In danger?"
[[question.answer]]
id = "yes"
text = "Yes"
flags = ["danger"]
next = "help"
[[question.answer]]
id = "no"
text = "No"
next = "fine"

[[outcome]]
id = "help"
urgency = "emergency"
title = "Help"
summary = "Call now."
"#;
