//! Conditions (`when`, `routes`): answers, `all`, `any`, `not` and `score`.

use super::*;

impl Compiler {
    pub(super) fn cond(&mut self, flow: &Flow, node: &Node) -> Option<Cond> {
        let help = "write \"question.answer\", { all = [ … ] }, { any = [ … ] }, { not = … } or { score = [\"q\"], at_least = 3 }";
        match &node.value {
            Value::Str(s) => {
                let Some((q, a)) = s.split_once('.') else {
                    self.err(
                        node.pos,
                        ErrorKind::Invalid,
                        format!("the condition \"{s}\" does not name an answer"),
                        "name an answer as \"question.answer\", e.g. \"sleep.badly\"",
                    );
                    return None;
                };
                let Some(qi) = flow.question(q) else {
                    let known: Vec<String> = flow.questions.iter().map(|q| q.id.clone()).collect();
                    self.dangling(
                        &Ref {
                            id: q.to_string(),
                            pos: node.pos,
                        },
                        "question",
                        &known,
                    );
                    return None;
                };
                let Some(ai) = flow.questions[qi].answers.iter().position(|x| x.id == a) else {
                    let known: Vec<String> = flow.questions[qi]
                        .answers
                        .iter()
                        .map(|x| format!("{q}.{}", x.id))
                        .collect();
                    self.dangling(
                        &Ref {
                            id: s.clone(),
                            pos: node.pos,
                        },
                        "answer",
                        &known,
                    );
                    return None;
                };
                Some(Cond::Chose {
                    question: qi,
                    answer: ai,
                })
            }
            Value::Table(entries)
                if entries.len() == 1 && matches!(entries[0].0.as_str(), "all" | "any") =>
            {
                let (key, _, inner) = &entries[0];
                let Value::Array(items) = &inner.value else {
                    self.err(
                        inner.pos,
                        ErrorKind::Invalid,
                        format!("`{key}` must list conditions"),
                        help,
                    );
                    return None;
                };
                let conds: Vec<Cond> = items.iter().filter_map(|i| self.cond(flow, i)).collect();
                if conds.len() != items.len() {
                    return None;
                }
                if conds.is_empty() {
                    self.err(
                        inner.pos,
                        ErrorKind::Invalid,
                        format!("`{key}` lists no conditions"),
                        help,
                    );
                    return None;
                }
                Some(if key == "all" {
                    Cond::All(conds)
                } else {
                    Cond::Any(conds)
                })
            }
            Value::Table(entries) if entries.len() == 1 && entries[0].0 == "not" => self
                .cond(flow, &entries[0].2)
                .map(|c| Cond::Not(Box::new(c))),
            Value::Table(_) if node.get("score").is_some() => {
                self.fields(node, "a score condition", &["score", "at_least", "below"]);
                let mut questions = Vec::new();
                for r in self.strings(node, "score", "a score condition") {
                    match flow.question(&r.id) {
                        Some(q) => questions.push(q),
                        None => {
                            let known: Vec<String> =
                                flow.questions.iter().map(|q| q.id.clone()).collect();
                            self.dangling(&r, "question", &known);
                        }
                    }
                }
                let mut bound = |key: &str| match node.get(key) {
                    None => None,
                    Some(Node {
                        value: Value::Int(i),
                        ..
                    }) => i32::try_from(*i).ok(),
                    Some(n) => {
                        self.err(
                            n.pos,
                            ErrorKind::Invalid,
                            format!("`{key}` must be a whole number"),
                            help,
                        );
                        None
                    }
                };
                let (at_least, below) = (bound("at_least"), bound("below"));
                if at_least.is_none() && below.is_none() {
                    self.err(
                        node.pos,
                        ErrorKind::Missing,
                        "a score condition has neither `at_least` nor `below`",
                        "add at_least = N or below = N",
                    );
                    return None;
                }
                Some(Cond::Score {
                    questions,
                    at_least,
                    below,
                })
            }
            _ => {
                self.err(
                    node.pos,
                    ErrorKind::Invalid,
                    "this condition has an unknown form",
                    help,
                );
                None
            }
        }
    }
}
