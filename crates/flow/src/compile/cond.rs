//! Conditions (`when`, `routes`): answers, `all`, `any`, `not` and `score`.

use super::*;

/// The forms a condition may take, for the help of a malformed one.
const HELP: &str = "write \"question.answer\", { all = [ … ] }, { any = [ … ] }, { not = … } or { score = [\"q\"], at_least = 3 }";

impl Compiler {
    /// Reads a condition nested at most [`MAX_COND_DEPTH`] deep: a pack's reader refuses
    /// deeper ones, so the compiler does too, with the place.
    pub(super) fn cond(&mut self, flow: &Flow, node: &Node) -> Option<Cond> {
        if self.cond_depth >= MAX_COND_DEPTH {
            self.err(
                node.pos,
                ErrorKind::Invalid,
                format!("this condition is nested more than {MAX_COND_DEPTH} deep"),
                "write it with fewer `all`, `any` and `not` inside one another",
            );
            return None;
        }
        self.cond_depth += 1;
        let c = self.cond_at(flow, node);
        self.cond_depth -= 1;
        c
    }

    fn cond_at(&mut self, flow: &Flow, node: &Node) -> Option<Cond> {
        match &node.value {
            Value::Str(s) => self.chose(flow, node, s),
            Value::Table(entries)
                if entries.len() == 1 && matches!(entries[0].0.as_str(), "all" | "any") =>
            {
                let (key, _, inner) = &entries[0];
                self.all_or_any(flow, key, inner)
            }
            Value::Table(entries) if entries.len() == 1 && entries[0].0 == "not" => self
                .cond(flow, &entries[0].2)
                .map(|c| Cond::Not(Box::new(c))),
            Value::Table(_) if node.get("score").is_some() => self.score(flow, node),
            _ => {
                self.err(
                    node.pos,
                    ErrorKind::Invalid,
                    "this condition has an unknown form",
                    HELP,
                );
                None
            }
        }
    }

    /// Reads `"question.answer"`: that answer was chosen. Checks both ids exist.
    fn chose(&mut self, flow: &Flow, node: &Node, s: &str) -> Option<Cond> {
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
            self.dangling(
                &Ref {
                    id: q.to_string(),
                    pos: node.pos,
                },
                "question",
                &question_ids(flow),
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
                    id: s.to_string(),
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

    /// Reads `{ all = [ … ] }` or `{ any = [ … ] }` (`key`): a non-empty list of
    /// conditions, each of which must read.
    fn all_or_any(&mut self, flow: &Flow, key: &str, inner: &Node) -> Option<Cond> {
        let Value::Array(items) = &inner.value else {
            self.err(
                inner.pos,
                ErrorKind::Invalid,
                format!("`{key}` must list conditions"),
                HELP,
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
                HELP,
            );
            return None;
        }
        Some(if key == "all" {
            Cond::All(conds)
        } else {
            Cond::Any(conds)
        })
    }

    /// Reads `{ score = ["q", …], at_least = N, below = M }`: the questions must exist and
    /// at least one bound be given.
    fn score(&mut self, flow: &Flow, node: &Node) -> Option<Cond> {
        self.fields(node, "a score condition", &["score", "at_least", "below"]);
        let questions = self.resolve_questions(flow, node, "score", "a score condition");
        let at_least = self.bound(node, "at_least");
        let below = self.bound(node, "below");
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

    /// Reads one bound of a score condition; `None` when absent, too large or not a whole
    /// number (only the last is reported).
    fn bound(&mut self, node: &Node, key: &str) -> Option<i32> {
        match node.get(key) {
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
                    HELP,
                );
                None
            }
        }
    }
}
