//! A result as plain text, reached by driving a real [`Session`] with the author's answers:
//! what is printed is what a visitor giving those answers copies or downloads (the engine's
//! take-away text), so the CLI renders nothing of its own.

use std::rc::Rc;

use selfcheck_flow::model::{Choice, Flow};
use selfcheck_flow::view::{self, Settings};
use selfcheck_flow::{pack, Event, Screen, Session};

/// The answers as given: `q1=a,q2=b+c` (the engine's path notation).
pub use selfcheck_flow::analysis::parse_answers;

/// Walks a session with `answers` (in any order: each question takes its answer when the
/// flow asks it) and returns the session on the outcome reached.
pub fn walk(flow: Rc<Flow>, answers: &[(usize, Choice)]) -> Result<Session, String> {
    let mut session = Session::new(flow.clone());
    let mut used = vec![false; answers.len()];
    let mut asked: Vec<&str> = Vec::new();
    let outcome = loop {
        let q = match session.screen() {
            Screen::Result(o) => break o,
            Screen::Question(q) => q,
        };
        let question = &flow.questions[q];
        let Some(i) = answers.iter().position(|&(a, _)| a == q) else {
            let options: Vec<&str> = question.answers.iter().map(|a| a.id.as_str()).collect();
            let after = match asked.last() {
                Some(last) => format!("after \"{last}\""),
                None => "first".to_string(),
            };
            let missing = format!(
                "the flow asks \"{}\" {after}; add {}=<{}>",
                question.id,
                question.id,
                options.join("|")
            );
            return Err(if used.iter().all(|&u| u) {
                format!("the answers stop before an outcome: {missing}")
            } else {
                format!("question \"{}\" is skipped: {missing}", question.id)
            });
        };
        for a in answers[i].1.iter() {
            session.update(Event::Choose {
                answer: a,
                checked: true,
            });
        }
        session.update(Event::Continue);
        if session.screen() == Screen::Question(q) {
            return Err(format!(
                "the session stayed on question \"{}\" after the answer",
                question.id
            ));
        }
        used[i] = true;
        asked.push(&question.id);
    };
    if let Some(i) = used.iter().position(|&u| !u) {
        let q = &flow.questions[answers[i].0].id;
        return Err(format!(
            "the flow never asks \"{q}\" on this path: it reached outcome \"{}\" after {}; remove {q}=…",
            flow.outcomes[outcome].id,
            asked.join(", ")
        ));
    }
    Ok(session)
}

/// The result as the visitor takes it away (Copy, Download): the engine's
/// [`Page::take_away`], for the session `answers` leads to, in `lang`, with `region`'s
/// contacts ("" lists none).
pub fn text(flow: &Flow, answers: &str, lang: &str, region: &str) -> Result<String, String> {
    let pack = pack::assemble(
        flow,
        lang,
        &selfcheck_flow::data::uis()?,
        &selfcheck_flow::data::directory()?,
    )?;
    let given = parse_answers(&pack.flow, answers)?;
    let session = walk(pack.flow.clone(), &given)?;
    let settings = Settings {
        lang: lang.to_string(),
        region: region.to_string(),
        ..Settings::default()
    };
    view::page(&session, &pack, &settings)
        .take_away()
        .ok_or_else(|| "the answers end on a question, not a result".to_string())
}
