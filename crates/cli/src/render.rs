//! A result as plain text, reached by driving a real [`Session`] with the author's answers,
//! so what is printed is what a visitor giving those answers would see.

use std::rc::Rc;

use selfcheck_flow::model::{Choice, Flow};
use selfcheck_flow::ui::Ui;
use selfcheck_flow::{Event, Screen, Session};

/// The answers as given: `q1=a,q2=b+c` (the engine's path notation).
pub use selfcheck_flow::analysis::parse_answers;

/// Walks a session with `answers` (in any order: each question takes its answer when the
/// flow asks it) and returns the outcome reached with the advice shown there.
pub fn walk(flow: Rc<Flow>, answers: &[(usize, Choice)]) -> Result<(usize, Vec<usize>), String> {
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
    Ok((outcome, session.advice(outcome)))
}

/// The result screen as text: the heading for the urgency, the outcome's title and
/// summary, each advice block, and the disclaimer.
pub fn text(flow: &Flow, outcome: usize, advice: &[usize], ui: &Ui) -> String {
    let li = flow.lang(&ui.lang);
    let o = &flow.outcomes[outcome];
    let mut out = String::new();
    let underline = |out: &mut String, s: &str, c: char| {
        out.push_str(s);
        out.push('\n');
        out.push_str(&c.to_string().repeat(s.chars().count()));
        out.push('\n');
    };
    underline(&mut out, ui.urgency_heading(o.urgency), '=');
    out.push('\n');
    out.push_str(o.title.get(li));
    out.push_str("\n\n");
    out.push_str(&o.summary.get(li).plain());
    for &a in advice {
        let a = &flow.advice[a];
        out.push('\n');
        underline(&mut out, a.title.get(li), '-');
        out.push_str(&a.body.get(li).plain());
    }
    out.push('\n');
    out.push_str(flow.disclaimer.get(li));
    out.push('\n');
    out
}
