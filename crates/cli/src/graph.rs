//! A picture of a flow, as Mermaid or Graphviz DOT: questions and outcomes as nodes,
//! outcomes coloured by urgency, edges labelled with the answers, routes and fallbacks that
//! take them. The output depends only on the flow, so it can be checked in and diffed.

use selfcheck_flow::model::{Cond, Flow, Kind, Target, Urgency, Via};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Mermaid,
    Dot,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "mermaid" => Some(Format::Mermaid),
            "dot" => Some(Format::Dot),
            _ => None,
        }
    }
}

pub fn draw(flow: &Flow, format: Format) -> String {
    let g = Graph::new(flow);
    match format {
        Format::Mermaid => g.mermaid(),
        Format::Dot => g.dot(),
    }
}

/// How long a question's or outcome's text may be in a node before it is cut.
const LABEL_CHARS: usize = 40;
/// How long a rendered route condition may be before it is cut.
const COND_CHARS: usize = 80;

struct Node {
    id: String,
    /// The flow's id for it and its English text, already shortened.
    name: String,
    text: String,
    urgency: Option<Urgency>,
}

struct Edge {
    from: usize,
    to: usize,
    label: String,
    /// Taken by `danger` answers: drawn thick, so the safety routes stand out.
    danger: bool,
}

struct Graph<'f> {
    flow: &'f Flow,
    nodes: Vec<Node>,
    edges: Vec<Edge>,
}

impl<'f> Graph<'f> {
    fn new(flow: &'f Flow) -> Graph<'f> {
        let en = flow.lang("en");
        let mut nodes: Vec<Node> = Vec::new();
        let mut add = |prefix: &str, name: &str, text: &str, urgency| {
            let mut id = format!("{prefix}_{}", name.replace('-', "_"));
            if nodes.iter().any(|n| n.id == id) {
                id = format!("{id}_{}", nodes.len());
            }
            nodes.push(Node {
                id,
                name: name.to_string(),
                text: shorten(text, LABEL_CHARS),
                urgency,
            });
        };
        for q in &flow.questions {
            add("q", &q.id, q.text.get(en), None);
        }
        for o in &flow.outcomes {
            add("o", &o.id, o.title.get(en), Some(o.urgency));
        }
        let node = |t: Target| match t {
            Target::Question(q) => q,
            Target::Outcome(o) => flow.questions.len() + o,
        };

        let mut edges = Vec::new();
        for (qi, q) in flow.questions.iter().enumerate() {
            // Answers that lead to the same place share one edge, danger answers apart
            // (single-choice questions; a multiple-choice one routes by its routes).
            let mut groups: Vec<(usize, bool, Vec<&str>)> = Vec::new();
            let mut next = None;
            for (to, via) in q.targets() {
                match via {
                    Via::Route(i) => edges.push(Edge {
                        from: qi,
                        to: node(to),
                        label: shorten(
                            &format!("when {}", cond(flow, &q.routes[i].when, true)),
                            COND_CHARS,
                        ),
                        danger: false,
                    }),
                    Via::Answer(i) if q.kind == Kind::Single => {
                        let (a, to) = (&q.answers[i], node(to));
                        match groups.iter_mut().find(|g| g.0 == to && g.1 == a.danger) {
                            Some(g) => g.2.push(&a.id),
                            None => groups.push((to, a.danger, vec![&a.id])),
                        }
                    }
                    Via::Answer(_) => {}
                    Via::Next => next = Some(to),
                }
            }
            edges.extend(groups.into_iter().map(|(to, danger, ids)| Edge {
                from: qi,
                to,
                label: ids.join(", "),
                danger,
            }));
            if let Some(next) = next {
                // With nothing else leaving the question, `next` is not a fallback.
                let alone = edges.iter().all(|e| e.from != qi);
                edges.push(Edge {
                    from: qi,
                    to: node(next),
                    label: if alone { "any answer" } else { "otherwise" }.to_string(),
                    danger: false,
                });
            }
        }
        Graph { flow, nodes, edges }
    }

    fn mermaid(&self) -> String {
        let label = |s: &str| {
            s.replace('"', "#quot;")
                .replace('<', "#lt;")
                .replace('>', "#gt;")
        };
        let mut out = String::from("flowchart TD\n");
        out += &format!(
            "    %% {} {}, drawn by `selfcheck graph`\n",
            self.flow.id, self.flow.version
        );
        for n in &self.nodes {
            let text = format!("{}<br>{}", label(&n.name), label(&n.text));
            match n.urgency {
                None => out += &format!("    {}[\"{text}\"]\n", n.id),
                Some(_) => out += &format!("    {}([\"{text}\"])\n", n.id),
            }
        }
        for e in &self.edges {
            let arrow = if e.danger { "==>" } else { "-->" };
            out += &format!(
                "    {} {arrow}|\"{}\"| {}\n",
                self.nodes[e.from].id,
                label(&e.label),
                self.nodes[e.to].id
            );
        }
        for u in Urgency::ALL {
            let (fill, stroke, text) = u.colours();
            out += &format!(
                "    classDef {} fill:{fill},stroke:{stroke},color:{text}\n",
                class(u)
            );
        }
        for u in Urgency::ALL {
            let ids: Vec<&str> = self
                .nodes
                .iter()
                .filter(|n| n.urgency == Some(u))
                .map(|n| n.id.as_str())
                .collect();
            if !ids.is_empty() {
                out += &format!("    class {} {}\n", ids.join(","), class(u));
            }
        }
        out
    }

    fn dot(&self) -> String {
        let quote = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
        let mut out = format!("digraph {} {{\n", quote(&self.flow.id));
        out += &format!(
            "    // {} {}, drawn by `selfcheck graph`\n",
            self.flow.id, self.flow.version
        );
        out += "    rankdir=TB;\n";
        out += "    node [shape=box, fontname=\"Helvetica\", fontsize=11];\n";
        out += "    edge [fontname=\"Helvetica\", fontsize=10];\n";
        for n in &self.nodes {
            let label = quote(&format!("{}\n{}", n.name, n.text)).replace('\n', "\\n");
            match n.urgency {
                None => out += &format!("    {} [label={label}];\n", n.id),
                Some(u) => {
                    let (fill, stroke, text) = u.colours();
                    out += &format!(
                        "    {} [label={label}, style=\"rounded,filled\", fillcolor=\"{fill}\", color=\"{stroke}\", fontcolor=\"{text}\"];\n",
                        n.id
                    );
                }
            }
        }
        for e in &self.edges {
            let thick = if e.danger { ", penwidth=2.5" } else { "" };
            out += &format!(
                "    {} -> {} [label={}{thick}];\n",
                self.nodes[e.from].id,
                self.nodes[e.to].id,
                quote(&e.label)
            );
        }
        out += "}\n";
        out
    }
}

/// The Mermaid class of an urgency (`self-care` is not a valid class name).
fn class(u: Urgency) -> &'static str {
    match u {
        Urgency::Emergency => "emergency",
        Urgency::Urgent => "urgent",
        Urgency::Support => "support",
        Urgency::SelfCare => "selfcare",
    }
}

/// A condition in a short form: `q.a`, `and`, `or`, `not`, `score(q1+q2) ≥ n`.
fn cond(flow: &Flow, c: &Cond, top: bool) -> String {
    let group = |cs: &[Cond], op: &str| {
        let s = cs
            .iter()
            .map(|c| cond(flow, c, false))
            .collect::<Vec<_>>()
            .join(op);
        if top || cs.len() < 2 {
            s
        } else {
            format!("({s})")
        }
    };
    match c {
        Cond::Chose { question, answer } => {
            let q = &flow.questions[*question];
            format!("{}.{}", q.id, q.answers[*answer].id)
        }
        Cond::All(cs) => group(cs, " and "),
        Cond::Any(cs) => group(cs, " or "),
        Cond::Not(c) => format!("not {}", cond(flow, c, false)),
        Cond::Score {
            questions,
            at_least,
            below,
        } => {
            let ids: Vec<&str> = questions
                .iter()
                .map(|&q| flow.questions[q].id.as_str())
                .collect();
            let sum = format!("score({})", ids.join("+"));
            match (at_least, below) {
                (Some(a), Some(b)) => format!("{a} ≤ {sum} < {b}"),
                (Some(a), None) => format!("{sum} ≥ {a}"),
                (None, Some(b)) => format!("{sum} < {b}"),
                (None, None) => sum,
            }
        }
    }
}

/// `s` on one line, cut at a word boundary with `…` when longer than `max` characters.
fn shorten(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        return s;
    }
    let cut: String = s.chars().take(max - 1).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if cut[..i].chars().count() > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([' ', ',', ';', ':']))
}

#[cfg(test)]
mod tests {
    use super::shorten;

    #[test]
    fn shorten_cuts_at_a_word() {
        assert_eq!(shorten("short", 40), "short");
        assert_eq!(
            shorten("First: is your loved one in danger right now?", 40),
            "First: is your loved one in danger…"
        );
        assert_eq!(shorten("abcdefghij", 5), "abcd…");
        assert_eq!(shorten("a\n  b", 40), "a b");
    }
}
