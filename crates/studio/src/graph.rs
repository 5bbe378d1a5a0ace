//! The flow's graph as a simple layered layout: questions in rows by their longest distance
//! from the first question, outcomes in the last row coloured by urgency (the colours of
//! `selfcheck graph`). Pure: positions only; `panes/graph.rs` draws them as SVG.

use selfcheck_flow::model::{Flow, Target, Urgency, Via};

pub const NODE_W: f64 = 170.0;
pub const NODE_H: f64 = 46.0;
const GAP_X: f64 = 20.0;
pub const GAP_Y: f64 = 46.0;
const MARGIN: f64 = 10.0;

#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    Question(usize),
    Outcome(usize),
}

#[derive(Clone, Debug, PartialEq)]
pub struct GNode {
    pub kind: Kind,
    pub id: String,
    pub text: String,
    pub urgency: Option<Urgency>,
    pub x: f64,
    pub y: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct GEdge {
    pub from: usize,
    pub to: usize,
    pub danger: bool,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Layout {
    pub nodes: Vec<GNode>,
    pub edges: Vec<GEdge>,
    pub width: f64,
    pub height: f64,
}

/// Where each question leads: (target, taken by a danger answer).
fn targets(flow: &Flow, q: usize) -> Vec<(Target, bool)> {
    let question = &flow.questions[q];
    let mut out: Vec<(Target, bool)> = Vec::new();
    let mut add = |t: Target, danger: bool| {
        if let Some(e) = out.iter_mut().find(|(x, _)| *x == t) {
            e.1 |= danger;
        } else {
            out.push((t, danger));
        }
    };
    for (t, via) in question.targets() {
        add(
            t,
            matches!(via, Via::Answer(a) if question.answers[a].danger),
        );
    }
    out
}

pub fn layout(flow: &Flow, lang: usize) -> Layout {
    let nq = flow.questions.len();
    // Longest distance from the start; a compiled flow has no cycle, but stay bounded.
    let mut depth: Vec<Option<usize>> = vec![None; nq];
    depth[flow.start] = Some(0);
    for _ in 0..nq {
        let mut changed = false;
        for q in 0..nq {
            let Some(d) = depth[q] else { continue };
            for (t, _) in targets(flow, q) {
                if let Target::Question(n) = t {
                    if depth[n].is_none_or(|old| old < d + 1) && d + 1 < nq {
                        depth[n] = Some(d + 1);
                        changed = true;
                    }
                }
            }
        }
        if !changed {
            break;
        }
    }
    let rows = depth.iter().flatten().max().map_or(0, |d| d + 1);
    let mut by_row: Vec<Vec<Kind>> = vec![Vec::new(); rows + 1];
    for (q, d) in depth.iter().enumerate() {
        by_row[d.unwrap_or(rows.saturating_sub(1))].push(Kind::Question(q));
    }
    for o in 0..flow.outcomes.len() {
        by_row[rows].push(Kind::Outcome(o));
    }
    let widest = by_row.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let width = MARGIN * 2.0 + widest as f64 * (NODE_W + GAP_X) - GAP_X;
    let mut nodes = Vec::new();
    let mut index_q = vec![0; nq];
    let mut index_o = vec![0; flow.outcomes.len()];
    for (r, row) in by_row.iter().enumerate() {
        let row_w = row.len() as f64 * (NODE_W + GAP_X) - GAP_X;
        let left = (width - row_w) / 2.0;
        for (i, kind) in row.iter().enumerate() {
            let (id, text, urgency) = match *kind {
                Kind::Question(q) => {
                    index_q[q] = nodes.len();
                    let question = &flow.questions[q];
                    (
                        question.id.clone(),
                        question.text.get(lang).to_string(),
                        None,
                    )
                }
                Kind::Outcome(o) => {
                    index_o[o] = nodes.len();
                    let outcome = &flow.outcomes[o];
                    (
                        outcome.id.clone(),
                        outcome.title.get(lang).to_string(),
                        Some(outcome.urgency),
                    )
                }
            };
            nodes.push(GNode {
                kind: kind.clone(),
                id,
                text,
                urgency,
                x: left + i as f64 * (NODE_W + GAP_X),
                y: MARGIN + r as f64 * (NODE_H + GAP_Y),
            });
        }
    }
    let mut edges = Vec::new();
    for q in 0..nq {
        for (t, danger) in targets(flow, q) {
            let to = match t {
                Target::Question(n) => index_q[n],
                Target::Outcome(o) => index_o[o],
            };
            edges.push(GEdge {
                from: index_q[q],
                to,
                danger,
            });
        }
    }
    Layout {
        nodes,
        edges,
        width,
        height: MARGIN * 2.0 + (rows + 1) as f64 * (NODE_H + GAP_Y) - GAP_Y,
    }
}

/// `s` cut to `max` characters with `…`.
pub fn shorten(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        return s;
    }
    let cut: String = s.chars().take(max - 1).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_flow_is_laid_out_in_rows() {
        let c = selfcheck_flow::compile_toml(include_str!("../../../flows/default.toml")).unwrap();
        let l = layout(&c.flow, 0);
        assert_eq!(
            l.nodes.len(),
            c.flow.questions.len() + c.flow.outcomes.len()
        );
        assert_eq!(l.nodes[0].id, "danger");
        assert!(l.edges.iter().any(|e| e.danger));
        // Every edge goes down the page.
        assert!(l.edges.iter().all(|e| l.nodes[e.to].y > l.nodes[e.from].y));
    }
}
