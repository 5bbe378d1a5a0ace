//! One question (its answers, `next` and `routes`), one outcome and one piece of advice.

use super::*;

impl Compiler {
    pub(super) fn question(&mut self, node: &Node) -> RawQuestion {
        self.fields(
            node,
            "a [[question]]",
            &["id", "kind", "text", "help", "next", "answer", "route"],
        );
        let (id, pos) = self.id(node, "a [[question]]");
        self.spans.questions.push(pos);
        let what = format!("question \"{id}\"");
        let kind = self.kind(node, &what);
        let text = self.plain(node, "text", &what, true).unwrap_or_default();
        let help = self.rich(node, "help", &what, false);
        let next = self
            .string(node, "next", &what, false)
            .map(|(id, pos)| Ref { id, pos });
        let (answers, answer_next, answer_topics) = self.answers(node, &what, kind, pos);
        let routes = self.routes(node, &what, pos);
        RawQuestion {
            q: Question {
                id,
                kind,
                text,
                help,
                answers,
                routes: Vec::new(),
                next: None,
            },
            next,
            answer_next,
            answer_topics,
            routes,
        }
    }

    /// Reads a question's `kind`: single (the default) or multiple.
    fn kind(&mut self, node: &Node, what: &str) -> Kind {
        match self.string(node, "kind", what, false) {
            None => Kind::Single,
            Some((k, _)) if k == "single" => Kind::Single,
            Some((k, _)) if k == "multiple" => Kind::Multiple,
            Some((k, pos)) => {
                self.err(
                    pos,
                    ErrorKind::Invalid,
                    format!("{what} has the kind \"{k}\""),
                    "use kind = \"single\" (one answer) or \"multiple\" (select all that apply)",
                );
                Kind::Single
            }
        }
    }

    /// Reads a question's `[[question.answer]]` tables, with each answer's unresolved
    /// `next` and `topics`, and checks there are between 2 and 16 of them.
    fn answers(
        &mut self,
        node: &Node,
        what: &str,
        kind: Kind,
        pos: Option<Pos>,
    ) -> (Vec<Answer>, Vec<Option<Ref>>, Vec<Vec<Ref>>) {
        let mut answers = Vec::new();
        let mut answer_next = Vec::new();
        let mut answer_topics = Vec::new();
        let mut answer_pos = Vec::new();
        for a in self.list(node, "answer", what) {
            let (mut answer, next, apos) = self.answer(a, what, kind, &answers);
            let topics = self.topics(a, &format!("answer \"{}\" of {what}", answer.id));
            answer.topics = topics.iter().map(|t| t.id.clone()).collect();
            answer_topics.push(topics);
            answers.push(answer);
            answer_next.push(next);
            answer_pos.push(apos);
        }
        if answers.len() < 2 {
            self.err(
                pos,
                ErrorKind::Missing,
                format!("{what} has {} answer(s)", answers.len()),
                "give every question at least two [[question.answer]] tables",
            );
        }
        if answers.len() > MAX_ANSWERS {
            self.err(
                pos,
                ErrorKind::Invalid,
                format!("{what} has {} answers", answers.len()),
                "keep a question to 16 answers at most; split it into two questions",
            );
        }
        self.spans.answers.push(answer_pos);
        (answers, answer_next, answer_topics)
    }

    /// Reads one answer of a question of `kind`, given the answers before it: the answer,
    /// its unresolved `next` and where it is.
    fn answer(
        &mut self,
        a: &Node,
        what: &str,
        kind: Kind,
        before: &[Answer],
    ) -> (Answer, Option<Ref>, Option<Pos>) {
        self.fields(
            a,
            &format!("an answer of {what}"),
            &[
                "id",
                "text",
                "flags",
                "topics",
                "exclusive",
                "score",
                "next",
            ],
        );
        let (aid, apos) = self.id(a, &format!("an answer of {what}"));
        let awhat = format!("answer \"{aid}\" of {what}");
        if before.iter().any(|x| x.id == aid) {
            self.err(
                apos,
                ErrorKind::DuplicateId,
                format!("{what} has two answers with the id \"{aid}\""),
                "give each answer of a question its own id",
            );
        }
        let text = self.plain(a, "text", &awhat, true).unwrap_or_default();
        let (danger, urgent) = self.flags(a, &awhat);
        let exclusive = self.exclusive(a, &awhat);
        if exclusive && kind == Kind::Single {
            self.err(
                apos,
                ErrorKind::Invalid,
                format!("{awhat} is exclusive, but the question takes one answer anyway"),
                "remove `exclusive`, or make the question kind = \"multiple\"",
            );
        }
        let score = self.int(a, "score", &awhat).unwrap_or(0);
        let next = self
            .string(a, "next", &awhat, false)
            .map(|(id, pos)| Ref { id, pos });
        if next.is_some() && kind == Kind::Multiple {
            self.err(next.as_ref().and_then(|r| r.pos), ErrorKind::Invalid, format!("{awhat} has its own `next`, but several answers of a \"multiple\" question can be chosen together"), "route the question with [[question.route]] tables and the question's `next`");
        }
        let answer = Answer {
            id: aid,
            text,
            danger,
            urgent,
            topics: Vec::new(),
            exclusive,
            score,
            next: None,
        };
        (answer, next, apos)
    }

    /// Reads an answer's `flags`: whether it is flagged "danger", and "urgent".
    fn flags(&mut self, a: &Node, awhat: &str) -> (bool, bool) {
        let (mut danger, mut urgent) = (false, false);
        for flag in self.strings(a, "flags", awhat) {
            match flag.id.as_str() {
                "danger" => danger = true,
                "urgent" => urgent = true,
                _ => self.err(
                    flag.pos,
                    ErrorKind::Invalid,
                    format!("{awhat} has the unknown flag \"{}\"", flag.id),
                    "the flags are \"danger\" (every path ends at an emergency outcome) and \"urgent\" (at an urgent or emergency one)",
                ),
            }
        }
        (danger, urgent)
    }

    /// Reads a `topics` list of an answer or an outcome: topic ids of lower-case letters,
    /// digits and '-', each kept once, with where each is written.
    pub(super) fn topics(&mut self, node: &Node, what: &str) -> Vec<Ref> {
        let mut out: Vec<Ref> = Vec::new();
        for t in self.strings(node, "topics", what) {
            let ok = !t.id.is_empty()
                && t.id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if !ok {
                self.err(
                    t.pos,
                    ErrorKind::Invalid,
                    format!(
                        "{what} has the topic \"{}\", which is not a valid topic id",
                        t.id
                    ),
                    "use lower-case letters, digits and '-' only, e.g. topics = [\"abuse\"]",
                );
            } else if !out.iter().any(|o| o.id == t.id) {
                out.push(t);
            }
        }
        out
    }

    /// Reads an answer's `exclusive`, false when absent.
    fn exclusive(&mut self, a: &Node, awhat: &str) -> bool {
        match a.get("exclusive") {
            None => false,
            Some(Node {
                value: Value::Bool(b),
                ..
            }) => *b,
            Some(n) => {
                self.err(
                    n.pos,
                    ErrorKind::Invalid,
                    format!("`exclusive` of {awhat} must be true or false"),
                    "write exclusive = true",
                );
                false
            }
        }
    }

    /// Reads a question's `[[question.route]]` tables: each `when`, kept unread until every
    /// question is known, and its unresolved `to`.
    fn routes(
        &mut self,
        node: &Node,
        what: &str,
        pos: Option<Pos>,
    ) -> Vec<(Option<Node>, Option<Ref>)> {
        let mut routes = Vec::new();
        let mut route_pos = Vec::new();
        for r in self.list(node, "route", what) {
            self.fields(r, &format!("a route of {what}"), &["when", "to"]);
            let when = r.get("when").cloned();
            if when.is_none() {
                self.err(
                    r.pos,
                    ErrorKind::Missing,
                    format!("a route of {what} has no `when`"),
                    "add a condition, e.g. when = \"sleep.badly\"",
                );
            }
            let to = self
                .string(r, "to", &format!("a route of {what}"), true)
                .map(|(id, pos)| Ref { id, pos });
            route_pos.push(r.pos.or(pos));
            routes.push((when, to));
        }
        self.spans.routes.push(route_pos);
        routes
    }

    pub(super) fn outcome(&mut self, node: &Node) -> Outcome {
        self.fields(
            node,
            "an [[outcome]]",
            &["id", "urgency", "title", "summary", "contacts", "topics"],
        );
        let (id, pos) = self.id(node, "an [[outcome]]");
        self.spans.outcomes.push(pos);
        let what = format!("outcome \"{id}\"");
        let urgency = match self.string(node, "urgency", &what, true) {
            Some((u, upos)) => Urgency::parse(&u).unwrap_or_else(|| {
                self.err(
                    upos,
                    ErrorKind::Invalid,
                    format!("{what} has the urgency \"{u}\""),
                    "use one of: emergency, urgent, support, self-care",
                );
                Urgency::SelfCare
            }),
            None => Urgency::SelfCare,
        };
        let title = self.plain(node, "title", &what, true).unwrap_or_default();
        let summary = self.rich(node, "summary", &what, true).unwrap_or_default();
        let contacts = node.get("contacts").map(|_| {
            self.strings(node, "contacts", &what)
                .into_iter()
                .filter_map(|r| {
                    let found = ContactGroup::ALL.into_iter().find(|g| g.as_str() == r.id);
                    if found.is_none() {
                        self.err(
                            r.pos,
                            ErrorKind::Invalid,
                            format!("{what} lists the contacts \"{}\"", r.id),
                            "use some of: emergency, crisis, youth, abuse, gambling (shown in that order)",
                        );
                    }
                    found
                })
                .collect()
        });
        let topics = self.topics(node, &what).into_iter().map(|t| t.id).collect();
        Outcome {
            id,
            urgency,
            title,
            summary,
            contacts,
            topics,
        }
    }

    pub(super) fn advice(&mut self, node: &Node) -> RawAdvice {
        self.fields(
            node,
            "an [[advice]]",
            &["id", "outcomes", "when", "title", "body"],
        );
        let (id, pos) = self.id(node, "an [[advice]]");
        self.spans.advice.push(pos);
        let what = format!("advice \"{id}\"");
        let outcomes = self.strings(node, "outcomes", &what);
        let title = self.plain(node, "title", &what, true).unwrap_or_default();
        let body = self.rich(node, "body", &what, true).unwrap_or_default();
        (
            Advice {
                id,
                outcomes: Vec::new(),
                when: None,
                title,
                body,
            },
            outcomes,
            node.get("when").cloned(),
        )
    }
}
