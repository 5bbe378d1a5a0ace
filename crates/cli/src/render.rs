//! A result as plain text, reached by driving a real [`Session`] with the author's answers,
//! so what is printed is what a visitor giving those answers would see.

use std::rc::Rc;

use selfcheck_flow::model::{Choice, Flow, Kind};
use selfcheck_flow::ui::Ui;
use selfcheck_flow::{Event, Screen, Session};

/// The answers as given: `q1=a,q2=b+c` (commas or spaces between questions, so a line of
/// `selfcheck paths` can be pasted as is). Returns each question index with its answers.
pub fn parse_answers(flow: &Flow, spec: &str) -> Result<Vec<(usize, Choice)>, String> {
    let mut out: Vec<(usize, Choice)> = Vec::new();
    for step in spec
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
    {
        let Some((q, answers)) = step.split_once('=') else {
            return Err(format!(
                "\"{step}\" is not an answer: write question=answer, e.g. danger=no"
            ));
        };
        let Some(qi) = flow.question(q) else {
            let known: Vec<&str> = flow.questions.iter().map(|q| q.id.as_str()).collect();
            return Err(format!(
                "the flow has no question \"{q}\"; its questions are: {}",
                known.join(", ")
            ));
        };
        if out.iter().any(|&(o, _)| o == qi) {
            return Err(format!("\"{q}\" is answered twice"));
        }
        let question = &flow.questions[qi];
        let mut choice = Choice::NONE;
        for a in answers.split('+') {
            let Some(ai) = question.answers.iter().position(|x| x.id == a) else {
                let known: Vec<&str> = question.answers.iter().map(|a| a.id.as_str()).collect();
                return Err(format!(
                    "question \"{q}\" has no answer \"{a}\"; its answers are: {}",
                    known.join(", ")
                ));
            };
            choice = Choice(choice.0 | Choice::one(ai).0);
        }
        let count = choice.iter().count();
        if question.kind == Kind::Single && count > 1 {
            return Err(format!(
                "question \"{q}\" takes one answer, but \"{answers}\" gives {count}"
            ));
        }
        if let Some(x) = choice.iter().find(|&a| question.answers[a].exclusive) {
            if count > 1 {
                return Err(format!(
                    "answer \"{}\" of question \"{q}\" cannot be combined with others",
                    question.answers[x].id
                ));
            }
        }
        out.push((qi, choice));
    }
    Ok(out)
}

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
