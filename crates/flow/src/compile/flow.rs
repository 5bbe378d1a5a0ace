//! The `[flow]` table and the lists of questions, outcomes and advice: reads each, then
//! resolves every reference by id.

use super::*;

impl Compiler {
    pub(super) fn flow(&mut self, doc: &Node) -> Option<Flow> {
        self.fields(
            doc,
            "the flow file",
            &["flow", "question", "outcome", "advice"],
        );
        let Some(meta) = doc.get("flow") else {
            self.err(doc.pos.or(Some(Pos { line: 1, col: 1 })), ErrorKind::Missing, "the file has no [flow] table", "start the file with [flow] and its id, version, languages, title, intro and disclaimer");
            return None;
        };
        let (mut flow, start) = self.header(meta);
        let (raw_questions, outcomes, raw_advice) = self.parts(doc);
        self.duplicate_ids(&raw_questions, &outcomes, &raw_advice);
        flow.questions = raw_questions.iter().map(|r| r.q.clone()).collect();
        flow.outcomes = outcomes;
        if let Some(start) = start {
            match flow.question(&start.id) {
                Some(q) => flow.start = q,
                None => self.dangling(&start, "a question", &question_ids(&flow)),
            }
        }
        self.link_questions(&mut flow, &raw_questions);
        self.link_topics(&flow, &raw_questions);
        flow.screens = self.screens(meta, &flow);
        self.link_advice(&mut flow, raw_advice);
        flow.depth = analysis::depths(&flow);
        Some(flow)
    }

    /// Reads the `[flow]` table and sets the flow's languages: a flow with no questions,
    /// outcomes or advice yet, and its unresolved `start`.
    fn header(&mut self, meta: &Node) -> (Flow, Option<Ref>) {
        self.spans.flow = meta.pos;
        self.fields(
            meta,
            "[flow]",
            &[
                "id",
                "version",
                "languages",
                "start",
                "title",
                "intro",
                "disclaimer",
                "instrument",
                "screens",
            ],
        );
        let (id, _) = self.id(meta, "[flow]");
        let version = self
            .string(meta, "version", "[flow]", true)
            .map(|v| v.0)
            .unwrap_or_default();
        let langs = self.strings(meta, "languages", "[flow]");
        self.languages = if langs.is_empty() {
            vec!["en".to_string()]
        } else {
            langs.iter().map(|r| r.id.clone()).collect()
        };
        let title = self
            .plain(meta, "title", "[flow]", true)
            .unwrap_or_default();
        let intro = self
            .plain(meta, "intro", "[flow]", true)
            .unwrap_or_default();
        let disclaimer = self
            .plain(meta, "disclaimer", "[flow]", true)
            .unwrap_or_default();
        let start = self
            .string(meta, "start", "[flow]", false)
            .map(|(id, pos)| Ref { id, pos });
        let flow = Flow {
            id,
            version,
            languages: self.languages.clone(),
            title,
            intro,
            disclaimer,
            start: 0,
            questions: Vec::new(),
            outcomes: Vec::new(),
            advice: Vec::new(),
            depth: Vec::new(),
            instrument: None,
            screens: Vec::new(),
        };
        (flow, start)
    }

    /// Reads the `[[question]]`, `[[outcome]]` and `[[advice]]` lists, and checks that the
    /// first two are not empty.
    fn parts(&mut self, doc: &Node) -> (Vec<RawQuestion>, Vec<Outcome>, Vec<RawAdvice>) {
        let questions: Vec<RawQuestion> = self
            .list(doc, "question", "the flow file")
            .iter()
            .map(|n| self.question(n))
            .collect();
        let outcomes: Vec<Outcome> = self
            .list(doc, "outcome", "the flow file")
            .iter()
            .map(|n| self.outcome(n))
            .collect();
        let advice: Vec<RawAdvice> = self
            .list(doc, "advice", "the flow file")
            .iter()
            .map(|n| self.advice(n))
            .collect();
        if questions.is_empty() {
            self.err(
                doc.pos,
                ErrorKind::Missing,
                "the flow has no [[question]]",
                "add at least one question: the first one screens for danger",
            );
        }
        if outcomes.is_empty() {
            self.err(
                doc.pos,
                ErrorKind::Missing,
                "the flow has no [[outcome]]",
                "add outcomes, at least one with urgency = \"emergency\"",
            );
        }
        (questions, outcomes, advice)
    }

    /// Checks that no two questions or outcomes share an id (`next` may name either), and
    /// that no two advice blocks do.
    fn duplicate_ids(
        &mut self,
        questions: &[RawQuestion],
        outcomes: &[Outcome],
        advice: &[RawAdvice],
    ) {
        let mut seen: Vec<(&str, Option<Pos>)> = Vec::new();
        let named = questions
            .iter()
            .map(|q| (q.q.id.as_str(), "question"))
            .chain(outcomes.iter().map(|o| (o.id.as_str(), "outcome")));
        let positions: Vec<Option<Pos>> = self
            .spans
            .questions
            .iter()
            .chain(&self.spans.outcomes)
            .copied()
            .collect();
        let mut dupes = Vec::new();
        for ((id, what), pos) in named.zip(positions) {
            if let Some((_, first)) = seen.iter().find(|(s, _)| *s == id) {
                dupes.push((
                    pos,
                    format!(
                        "the {what} id \"{id}\" is already used{}",
                        first.map_or(String::new(), |p| format!(" on line {}", p.line))
                    ),
                ));
            } else {
                seen.push((id, pos));
            }
        }
        let mut advice_ids: Vec<&str> = Vec::new();
        for (i, (a, _, _)) in advice.iter().enumerate() {
            if advice_ids.contains(&a.id.as_str()) {
                dupes.push((
                    self.spans.advice[i],
                    format!("the advice id \"{}\" is already used", a.id),
                ));
            }
            advice_ids.push(&a.id);
        }
        for (pos, message) in dupes {
            self.err(
                pos,
                ErrorKind::DuplicateId,
                message,
                "give each question, outcome and advice block its own id",
            );
        }
    }

    /// Resolves each question's `next`, its answers' `next` and its routes, in file order.
    fn link_questions(&mut self, flow: &mut Flow, raw_questions: &[RawQuestion]) {
        let targets: Vec<String> = question_ids(flow)
            .into_iter()
            .chain(flow.outcomes.iter().map(|o| o.id.clone()))
            .collect();
        for (qi, raw) in raw_questions.iter().enumerate() {
            let next = raw
                .next
                .as_ref()
                .and_then(|r| self.target(flow, r, &targets));
            let answer_next: Vec<Option<Target>> = raw
                .answer_next
                .iter()
                .map(|r| r.as_ref().and_then(|r| self.target(flow, r, &targets)))
                .collect();
            let routes = self.link_routes(flow, &raw.routes, &targets);
            let q = &mut flow.questions[qi];
            q.next = next;
            for (a, next) in q.answers.iter_mut().zip(answer_next) {
                a.next = next;
            }
            q.routes = routes;
        }
    }

    /// Reads each route's condition and resolves its target; a route with either wrong is
    /// left out.
    fn link_routes(
        &mut self,
        flow: &Flow,
        routes: &[(Option<Node>, Option<Ref>)],
        targets: &[String],
    ) -> Vec<Route> {
        let mut out = Vec::new();
        for (when, to) in routes {
            let when = when.as_ref().and_then(|w| self.cond(flow, w));
            let to = to.as_ref().and_then(|r| self.target(flow, r, targets));
            if let (Some(when), Some(to)) = (when, to) {
                out.push(Route { when, to });
            }
        }
        out
    }

    /// Checks that every topic of an answer is covered by some outcome: a topic no outcome
    /// lists could only be met by emergency outcomes, most likely a typo.
    fn link_topics(&mut self, flow: &Flow, raw_questions: &[RawQuestion]) {
        let mut known: Vec<String> = Vec::new();
        for t in flow.outcomes.iter().flat_map(|o| &o.topics) {
            if !known.contains(t) {
                known.push(t.clone());
            }
        }
        for r in raw_questions
            .iter()
            .flat_map(|q| q.answer_topics.iter().flatten())
        {
            if known.contains(&r.id) {
                continue;
            }
            let help = match known.iter().find(|k| similar(k, &r.id)) {
                Some(k) => format!("did you mean \"{k}\"?"),
                None if known.is_empty() => format!("add topics = [\"{}\"] to the outcomes that cover it", r.id),
                None => format!("add \"{}\" to the `topics` of the outcomes that cover it; the outcomes' topics are: {}", r.id, known.join(", ")),
            };
            self.err(
                r.pos,
                ErrorKind::Dangling,
                format!(
                    "the topic \"{}\" is listed by no outcome in this flow",
                    r.id
                ),
                help,
            );
        }
    }

    /// Reads `[flow]`'s `screens`: the questions every path asks before a calm outcome,
    /// each once, with where each is written.
    fn screens(&mut self, meta: &Node, flow: &Flow) -> Vec<usize> {
        let mut out = Vec::new();
        for r in self.strings(meta, "screens", "[flow]") {
            match flow.question(&r.id) {
                Some(q) if out.contains(&q) => {}
                Some(q) => {
                    out.push(q);
                    self.spans.screens.push(r.pos);
                }
                None => self.dangling(&r, "question", &question_ids(flow)),
            }
        }
        if out.len() > 64 {
            self.err(
                self.spans.screens.get(64).copied().flatten(),
                ErrorKind::Invalid,
                format!("`screens` of [flow] lists {} questions", out.len()),
                "list at most 64 questions in `screens`",
            );
        }
        out
    }

    /// Resolves each advice block's outcomes and reads its `when`, adding it to the flow.
    fn link_advice(&mut self, flow: &mut Flow, raw_advice: Vec<RawAdvice>) {
        let outcome_ids: Vec<String> = flow.outcomes.iter().map(|o| o.id.clone()).collect();
        for (mut advice, outcomes, when) in raw_advice {
            for r in outcomes {
                match flow.outcome(&r.id) {
                    Some(o) => advice.outcomes.push(o),
                    None => self.dangling(&r, "an outcome", &outcome_ids),
                }
            }
            advice.when = when.as_ref().and_then(|w| self.cond(flow, w));
            flow.advice.push(advice);
        }
    }

    pub(super) fn dangling(&mut self, r: &Ref, what: &str, known: &[String]) {
        let close = known.iter().find(|k| similar(k, &r.id));
        let help = match close {
            Some(k) => format!("did you mean \"{k}\"?"),
            None => format!("use one of: {}", known.join(", ")),
        };
        self.err(
            r.pos,
            ErrorKind::Dangling,
            format!("\"{}\" names no {what} in this flow", r.id),
            help,
        );
    }

    pub(super) fn target(&mut self, flow: &Flow, r: &Ref, known: &[String]) -> Option<Target> {
        if let Some(q) = flow.question(&r.id) {
            return Some(Target::Question(q));
        }
        if let Some(o) = flow.outcome(&r.id) {
            return Some(Target::Outcome(o));
        }
        self.dangling(r, "question or outcome", known);
        None
    }
}
