//! `selfcheck facts FILE`: what the browser tests need to know about a flow, as JSON, made
//! by the engine rather than copied by hand: each question's answers and texts, each
//! outcome's urgency and title, and a set of routes that reaches every outcome and picks
//! every answer at least once, each with the advice the engine shows at its end.

use std::collections::BTreeSet;
use std::rc::Rc;

use selfcheck_flow::analysis::{self, Path};
use selfcheck_flow::doc::{to_json, Node, Value};
use selfcheck_flow::model::{Kind, Text};
use selfcheck_flow::{Flow, Session};

fn s(text: &str) -> Node {
    Node::new(Value::Str(text.to_string()))
}

fn table(entries: Vec<(&str, Node)>) -> Node {
    Node::new(Value::Table(
        entries
            .into_iter()
            .map(|(k, v)| (k.to_string(), None, v))
            .collect(),
    ))
}

fn list(items: impl IntoIterator<Item = Node>) -> Node {
    Node::new(Value::Array(items.into_iter().collect()))
}

fn texts(flow: &Flow, t: &Text) -> Node {
    table(
        flow.languages
            .iter()
            .enumerate()
            .map(|(i, l)| (l.as_str(), s(t.get(i))))
            .collect(),
    )
}

/// The routes the browser tests walk: the path through the most questions first (it
/// shows every question screen it can), then the shortest path to each outcome, then
/// the shortest paths that pick an answer no route has picked yet.
pub fn routes(flow: &Flow, all: &[Path]) -> Vec<Path> {
    let mut by_len: Vec<&Path> = all.iter().collect();
    by_len.sort_by_key(|p| p.steps.len());
    let mut chosen: Vec<Path> = Vec::new();
    if let Some(longest) = all.iter().max_by_key(|p| p.steps.len()) {
        chosen.push(longest.clone());
    }
    for o in 0..flow.outcomes.len() {
        if !chosen.iter().any(|p| p.outcome == o) {
            if let Some(p) = by_len.iter().find(|p| p.outcome == o) {
                chosen.push((*p).clone());
            }
        }
    }
    let picked = |paths: &[Path]| -> BTreeSet<(usize, usize)> {
        paths
            .iter()
            .flat_map(|p| {
                p.steps
                    .iter()
                    .flat_map(|&(q, c)| c.iter().map(move |a| (q, a)))
            })
            .collect()
    };
    let mut covered = picked(&chosen);
    for p in by_len {
        let new = p
            .steps
            .iter()
            .any(|&(q, c)| c.iter().any(|a| !covered.contains(&(q, a))));
        if new {
            chosen.push(p.clone());
            covered = picked(&chosen);
        }
    }
    chosen
}

pub fn facts(flow: &Flow) -> Result<String, String> {
    let all = analysis::paths(flow, 1_000_000).ok_or("too many paths to list")?;
    let shared = Rc::new(flow.clone());
    let routes = routes(flow, &all)
        .iter()
        .map(|p| {
            let mut session = Session::new(shared.clone());
            for &(_, c) in &p.steps {
                for answer in c.iter() {
                    session.update(selfcheck_flow::Event::Choose {
                        answer,
                        checked: true,
                    });
                }
                session.update(selfcheck_flow::Event::Continue);
            }
            let advice = session.advice(p.outcome);
            let outcome = &flow.outcomes[p.outcome];
            table(vec![
                ("name", s(&p.describe(flow))),
                ("outcome", s(&outcome.id)),
                ("urgency", s(outcome.urgency.as_str())),
                (
                    "path",
                    list(p.steps.iter().map(|&(q, c)| {
                        let question = &flow.questions[q];
                        list([
                            s(&question.id),
                            list(c.iter().map(|a| s(&question.answers[a].id))),
                        ])
                    })),
                ),
                (
                    "advice",
                    list(advice.iter().map(|&a| s(&flow.advice[a].id))),
                ),
            ])
        })
        .collect::<Vec<_>>();
    let questions = flow.questions.iter().map(|q| {
        table(vec![
            ("id", s(&q.id)),
            (
                "type",
                s(if q.kind == Kind::Multiple {
                    "checkbox"
                } else {
                    "radio"
                }),
            ),
            ("help", Node::new(Value::Bool(q.help.is_some()))),
            ("text", texts(flow, &q.text)),
            (
                "answers",
                list(q.answers.iter().map(|a| {
                    table(vec![
                        ("id", s(&a.id)),
                        ("text", texts(flow, &a.text)),
                        ("danger", Node::new(Value::Bool(a.danger))),
                        ("exclusive", Node::new(Value::Bool(a.exclusive))),
                    ])
                })),
            ),
        ])
    });
    let outcomes = flow.outcomes.iter().map(|o| {
        table(vec![
            ("id", s(&o.id)),
            ("urgency", s(o.urgency.as_str())),
            ("title", texts(flow, &o.title)),
            (
                "contacts",
                match &o.contacts {
                    None => Node::new(Value::Str(String::new())),
                    Some(groups) => list(groups.iter().map(|g| s(g.as_str()))),
                },
            ),
        ])
    });
    Ok(to_json(&table(vec![
        ("id", s(&flow.id)),
        ("languages", list(flow.languages.iter().map(|l| s(l)))),
        ("start", s(&flow.questions[flow.start].id)),
        ("questions", list(questions)),
        ("outcomes", list(outcomes)),
        ("routes", list(routes)),
    ])))
}
