//! From a document tree to a validated [`Flow`]: read the raw fields, resolve every id,
//! then enumerate every path and prove the safety rules. Problems are collected, not
//! thrown, so the author sees all of them in one run.

use crate::analysis::{self, Stats};
use crate::doc::{Node, Pos, Value};
use crate::error::{Error, ErrorKind};
use crate::instrument::{Band, Instrument};
use crate::model::*;
use crate::rich::{Rich, RichError};

/// A flow that passed every check, with what the proof measured.
#[derive(Clone, Debug)]
pub struct Compiled {
    pub flow: Flow,
    pub stats: Stats,
    /// Where each part of the flow is in its file, for later checks' messages.
    pub spans: Spans,
}

/// Compiles a document tree. On failure every problem found is returned, in file order.
pub fn compile(doc: &Node) -> Result<Compiled, Vec<Error>> {
    let mut c = Compiler::default();
    let mut flow = c.flow(doc);
    if let Some(f) = flow.as_mut().filter(|_| c.errors.is_empty()) {
        f.instrument = c.instrument(doc, f);
    }
    let mut errors = c.errors;
    let Some((flow, spans)) = flow.filter(|_| errors.is_empty()).map(|f| (f, c.spans)) else {
        errors.sort_by_key(|e| e.pos);
        return Err(errors);
    };
    let analysis = analysis::analyze(&flow);
    errors.extend(analysis.problems.iter().map(|p| p.to_error(&flow, &spans)));
    if errors.is_empty() {
        Ok(Compiled {
            flow,
            stats: analysis.stats,
            spans,
        })
    } else {
        errors.sort_by_key(|e| e.pos);
        Err(errors)
    }
}

/// Compiles TOML source.
#[cfg(feature = "toml")]
pub fn compile_toml(src: &str) -> Result<Compiled, Vec<Error>> {
    compile(&crate::doc::from_toml(src).map_err(|e| vec![e])?)
}

/// Where each part of the flow was written, for messages from the analysis.
#[derive(Clone, Debug, Default)]
pub struct Spans {
    pub questions: Vec<Option<Pos>>,
    pub answers: Vec<Vec<Option<Pos>>>,
    pub routes: Vec<Vec<Option<Pos>>>,
    pub outcomes: Vec<Option<Pos>>,
    pub advice: Vec<Option<Pos>>,
    pub flow: Option<Pos>,
}

#[derive(Default)]
struct Compiler {
    errors: Vec<Error>,
    languages: Vec<String>,
    spans: Spans,
}

/// A reference not yet resolved: the id as written and where.
struct Ref {
    id: String,
    pos: Option<Pos>,
}

struct RawQuestion {
    q: Question,
    next: Option<Ref>,
    answer_next: Vec<Option<Ref>>,
    routes: Vec<(Option<Node>, Option<Ref>)>,
}

impl Compiler {
    fn err(
        &mut self,
        pos: Option<Pos>,
        kind: ErrorKind,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.errors.push(Error {
            pos,
            kind,
            message: message.into(),
            help: help.into(),
        });
    }

    /// Checks that `node` is a table and has only the `allowed` keys.
    fn fields(&mut self, node: &Node, what: &str, allowed: &[&str]) -> bool {
        let Value::Table(entries) = &node.value else {
            self.err(
                node.pos,
                ErrorKind::Invalid,
                format!("{what} must be a table, not {}", node.type_name()),
                format!("write it as a table with the fields {}", allowed.join(", ")),
            );
            return false;
        };
        for (key, pos, _) in entries {
            if !allowed.contains(&key.as_str()) {
                self.err(
                    *pos,
                    ErrorKind::UnknownField,
                    format!("{what} has no field `{key}`"),
                    format!(
                        "the fields of {what} are: {}; check the spelling",
                        allowed.join(", ")
                    ),
                );
            }
        }
        true
    }

    fn string(
        &mut self,
        node: &Node,
        key: &str,
        what: &str,
        required: bool,
    ) -> Option<(String, Option<Pos>)> {
        match node.get(key) {
            Some(Node {
                value: Value::Str(s),
                pos,
            }) => Some((s.clone(), *pos)),
            Some(other) => {
                self.err(
                    other.pos,
                    ErrorKind::Invalid,
                    format!(
                        "`{key}` of {what} must be a string, not {}",
                        other.type_name()
                    ),
                    format!("put the value in quotes: {key} = \"…\""),
                );
                None
            }
            None if required => {
                self.err(
                    node.pos,
                    ErrorKind::Missing,
                    format!("{what} has no `{key}`"),
                    format!("add `{key} = \"…\"`"),
                );
                None
            }
            None => None,
        }
    }

    fn id(&mut self, node: &Node, what: &str) -> (String, Option<Pos>) {
        match self.string(node, "id", what, true) {
            Some((id, pos)) => {
                let ok = !id.is_empty()
                    && id.chars().all(|c| {
                        c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_'
                    });
                if !ok {
                    self.err(
                        pos,
                        ErrorKind::Invalid,
                        format!("the id \"{id}\" of {what} is not a valid id"),
                        "use lower-case letters, digits, '-' and '_' only, e.g. \"not-sure\"",
                    );
                }
                (id, pos.or(node.pos))
            }
            None => (String::new(), node.pos),
        }
    }

    /// Reads a text that must exist in every language of the flow.
    fn text(
        &mut self,
        node: &Node,
        key: &str,
        what: &str,
        required: bool,
    ) -> Option<(Vec<String>, Option<Pos>)> {
        let Some(field) = node.get(key) else {
            if required {
                self.err(
                    node.pos,
                    ErrorKind::Missing,
                    format!("{what} has no `{key}`"),
                    format!(
                        "add `{key}.{} = \"…\"` for each language of the flow",
                        self.languages.first().map_or("en", String::as_str)
                    ),
                );
            }
            return None;
        };
        let langs = self.languages.clone();
        let values: Vec<String> = match &field.value {
            Value::Str(s) if langs.len() == 1 => vec![s.clone()],
            Value::Str(_) => {
                self.err(
                    field.pos,
                    ErrorKind::MissingTranslation,
                    format!(
                        "`{key}` of {what} is one string, but the flow has the languages {}",
                        langs.join(", ")
                    ),
                    format!(
                        "write one text per language: {}",
                        langs
                            .iter()
                            .map(|l| format!("{key}.{l} = \"…\""))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
                return None;
            }
            Value::Table(entries) => {
                for (lang, pos, _) in entries {
                    if !langs.contains(lang) {
                        self.err(
                            *pos,
                            ErrorKind::UnknownField,
                            format!(
                                "`{key}.{lang}` of {what} is in a language the flow does not list"
                            ),
                            format!("add \"{lang}\" to `languages` in [flow], or remove this text"),
                        );
                    }
                }
                let mut out = Vec::new();
                for lang in &langs {
                    match field.get(lang) {
                        Some(Node {
                            value: Value::Str(s),
                            ..
                        }) if s.trim().is_empty() => {
                            self.err(
                                field.pos,
                                ErrorKind::EmptyText,
                                format!("`{key}.{lang}` of {what} is empty"),
                                "write the text, or remove the field if it is optional",
                            );
                            out.push(s.clone());
                        }
                        Some(Node {
                            value: Value::Str(s),
                            ..
                        }) => out.push(s.clone()),
                        Some(other) => {
                            self.err(
                                other.pos,
                                ErrorKind::Invalid,
                                format!("`{key}.{lang}` of {what} must be a string"),
                                "put the text in quotes",
                            );
                            out.push(String::new());
                        }
                        None => {
                            self.err(field.pos, ErrorKind::MissingTranslation, format!("`{key}` of {what} has no \"{lang}\" text, but the flow lists that language"), format!("add `{key}.{lang} = \"…\"`"));
                            out.push(String::new());
                        }
                    }
                }
                out
            }
            _ => {
                self.err(
                    field.pos,
                    ErrorKind::Invalid,
                    format!(
                        "`{key}` of {what} must be a string or a table of languages, not {}",
                        field.type_name()
                    ),
                    format!("write `{key}.en = \"…\"`"),
                );
                return None;
            }
        };
        if langs.len() == 1 && values[0].trim().is_empty() {
            self.err(
                field.pos,
                ErrorKind::EmptyText,
                format!("`{key}` of {what} is empty"),
                "write the text, or remove the field if it is optional",
            );
        }
        Some((values, field.pos))
    }

    fn plain(&mut self, node: &Node, key: &str, what: &str, required: bool) -> Option<Text> {
        self.text(node, key, what, required).map(|(v, _)| Text(v))
    }

    fn rich(&mut self, node: &Node, key: &str, what: &str, required: bool) -> Option<RichText> {
        let (values, pos) = self.text(node, key, what, required)?;
        let mut out = Vec::new();
        for v in values {
            match Rich::parse(&v) {
                Ok(r) => out.push(r),
                Err(RichError::Scheme(href)) => {
                    self.err(pos, ErrorKind::BadMarkup, format!("`{key}` of {what} links to \"{href}\", a scheme the widget does not open"), "links may only use https:, tel:, sms: or mailto:");
                    out.push(Rich::default());
                }
                Err(RichError::Unclosed(mark)) => {
                    self.err(
                        pos,
                        ErrorKind::BadMarkup,
                        format!("`{key}` of {what} opens `{mark}` without closing it"),
                        format!("close the emphasis with a second `{mark}`"),
                    );
                    out.push(Rich::default());
                }
            }
        }
        Some(RichText(out))
    }

    /// A whole number field, or `None` when it is absent or wrong (reported).
    fn int(&mut self, node: &Node, key: &str, what: &str) -> Option<i32> {
        match node.get(key)? {
            Node {
                value: Value::Int(i),
                pos,
            } => i32::try_from(*i).ok().or_else(|| {
                self.err(
                    *pos,
                    ErrorKind::Invalid,
                    format!("the {key} of {what} is too large"),
                    format!("use a {key} between -1000000 and 1000000"),
                );
                None
            }),
            n => {
                self.err(
                    n.pos,
                    ErrorKind::Invalid,
                    format!("`{key}` of {what} must be a whole number"),
                    format!("write {key} = 2"),
                );
                None
            }
        }
    }

    /// `[flow.instrument]`: a validated questionnaire's licence, credit line, scored items,
    /// published bands and `verbatim` lock ([`crate::instrument`]).
    fn instrument(&mut self, doc: &Node, flow: &Flow) -> Option<Instrument> {
        let node = doc.get("flow")?.get("instrument")?;
        let what = "[flow.instrument]";
        self.fields(
            node,
            what,
            &[
                "name",
                "licence",
                "source",
                "attribution",
                "verbatim",
                "items",
                "band",
            ],
        );
        let name = self.string(node, "name", what, true).map(|v| v.0);
        let licence = self.string(node, "licence", what, true).map(|v| v.0);
        let source = self
            .string(node, "source", what, true)
            .and_then(|(url, pos)| {
                if url.starts_with("https://") {
                    return Some(url);
                }
                self.err(
                    pos,
                    ErrorKind::Invalid,
                    "`source` must be an https address",
                    "give the official publisher's page",
                );
                None
            });
        let attribution = self.plain(node, "attribution", what, true);
        let known: Vec<String> = flow.questions.iter().map(|q| q.id.clone()).collect();
        let mut items = Vec::new();
        for r in self.strings(node, "items", what) {
            match flow.question(&r.id) {
                Some(q) => items.push(q),
                None => self.dangling(&r, "question", &known),
            }
        }
        if items.is_empty() {
            self.err(
                node.pos,
                ErrorKind::Missing,
                format!("{what} has no `items`"),
                "list the ids of the instrument's scored questions, in order",
            );
            return None;
        }
        let max: i32 = items
            .iter()
            .map(|&q| {
                flow.questions[q]
                    .answers
                    .iter()
                    .map(|a| a.score)
                    .max()
                    .unwrap_or(0)
            })
            .sum();
        let mut bands = Vec::new();
        for b in self.list(node, "band", what) {
            let bwhat = "a [[flow.instrument.band]]";
            self.fields(b, bwhat, &["from", "to", "label"]);
            let (from, to) = (self.int(b, "from", bwhat), self.int(b, "to", bwhat));
            let label = self.plain(b, "label", bwhat, true);
            if let (Some(from), Some(to), Some(label)) = (from, to, label) {
                bands.push(Band { from, to, label });
            }
        }
        // The bands cover every total from 0 to the maximum once, in order.
        let covered = bands.first().is_some_and(|b| b.from == 0)
            && bands.last().is_some_and(|b| b.to == max)
            && bands.iter().all(|b| b.from <= b.to)
            && bands.windows(2).all(|w| w[1].from == w[0].to + 1);
        if !covered {
            self.err(
                node.get("band").and_then(|b| b.pos).or(node.pos),
                ErrorKind::Invalid,
                format!("the bands must cover every total from 0 to {max} once, in order"),
                "copy the published cut-points, e.g. 0–4, 5–9, 10–14, …",
            );
        }
        // The verbatim lock, in every language.
        let name = name?;
        let locks = node.get("verbatim");
        for (l, lang) in flow.languages.iter().enumerate() {
            let want = crate::instrument::lock(flow, &items, l);
            match locks.and_then(|v| v.get(lang)) {
                Some(Node {
                    value: Value::Str(given),
                    ..
                }) if *given == want => {}
                Some(Node {
                    value: Value::Str(given),
                    pos,
                }) => self.err(
                    *pos,
                    ErrorKind::VerbatimChanged,
                    format!("validated wording changed: the {lang} items and answers of {name} hash to {want}, but the flow records {given}"),
                    "restore the instrument's exact wording; only after checking a new official version, record its hash here",
                ),
                _ => self.err(
                    locks.and_then(|v| v.pos).or(node.pos),
                    ErrorKind::VerbatimChanged,
                    format!("{what} has no `verbatim.{lang}` lock"),
                    format!("after checking every word against the official wording, add verbatim.{lang} = \"{want}\""),
                ),
            }
        }
        Some(Instrument {
            name,
            licence: licence?,
            source: source?,
            attribution: attribution?,
            items,
            max,
            bands,
        })
    }

    fn list<'n>(&mut self, node: &'n Node, key: &str, what: &str) -> &'n [Node] {
        match node.get(key) {
            Some(Node {
                value: Value::Array(items),
                ..
            }) => items,
            Some(other) => {
                self.err(
                    other.pos,
                    ErrorKind::Invalid,
                    format!(
                        "`{key}` of {what} must be a list, not {}",
                        other.type_name()
                    ),
                    format!("write [[{key}]] tables or `{key} = [ … ]`"),
                );
                &[]
            }
            None => &[],
        }
    }

    fn strings(&mut self, node: &Node, key: &str, what: &str) -> Vec<Ref> {
        let mut out = Vec::new();
        for item in self.list(node, key, what) {
            match &item.value {
                Value::Str(s) => out.push(Ref {
                    id: s.clone(),
                    pos: item.pos,
                }),
                _ => self.err(
                    item.pos,
                    ErrorKind::Invalid,
                    format!("`{key}` of {what} must list strings"),
                    "put each id in quotes",
                ),
            }
        }
        out
    }

    fn flow(&mut self, doc: &Node) -> Option<Flow> {
        self.fields(
            doc,
            "the flow file",
            &["flow", "question", "outcome", "advice"],
        );
        let Some(meta) = doc.get("flow") else {
            self.err(doc.pos.or(Some(Pos { line: 1, col: 1 })), ErrorKind::Missing, "the file has no [flow] table", "start the file with [flow] and its id, version, languages, title, intro and disclaimer");
            return None;
        };
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

        let raw_questions: Vec<RawQuestion> = self
            .list(doc, "question", "the flow file")
            .iter()
            .map(|n| self.question(n))
            .collect();
        let raw_outcomes: Vec<Outcome> = self
            .list(doc, "outcome", "the flow file")
            .iter()
            .map(|n| self.outcome(n))
            .collect();
        let raw_advice: Vec<(Advice, Vec<Ref>, Option<Node>)> = self
            .list(doc, "advice", "the flow file")
            .iter()
            .map(|n| self.advice(n))
            .collect();

        if raw_questions.is_empty() {
            self.err(
                doc.pos,
                ErrorKind::Missing,
                "the flow has no [[question]]",
                "add at least one question: the first one screens for danger",
            );
        }
        if raw_outcomes.is_empty() {
            self.err(
                doc.pos,
                ErrorKind::Missing,
                "the flow has no [[outcome]]",
                "add outcomes, at least one with urgency = \"emergency\"",
            );
        }

        // Questions and outcomes share one namespace: `next` may name either.
        let mut seen: Vec<(&str, Option<Pos>)> = Vec::new();
        let named = raw_questions
            .iter()
            .map(|q| (q.q.id.as_str(), "question"))
            .chain(raw_outcomes.iter().map(|o| (o.id.as_str(), "outcome")));
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
        for (i, (a, _, _)) in raw_advice.iter().enumerate() {
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

        let questions_ids: Vec<String> = raw_questions.iter().map(|q| q.q.id.clone()).collect();
        let outcome_ids: Vec<String> = raw_outcomes.iter().map(|o| o.id.clone()).collect();
        let mut flow = Flow {
            id,
            version,
            languages: self.languages.clone(),
            title,
            intro,
            disclaimer,
            start: 0,
            questions: raw_questions.iter().map(|r| r.q.clone()).collect(),
            outcomes: raw_outcomes,
            advice: Vec::new(),
            depth: Vec::new(),
            instrument: None,
        };
        if let Some(start) = start {
            match flow.question(&start.id) {
                Some(q) => flow.start = q,
                None => self.dangling(&start, "a question", &questions_ids),
            }
        }

        let targets: Vec<String> = questions_ids.iter().chain(&outcome_ids).cloned().collect();
        for (qi, raw) in raw_questions.iter().enumerate() {
            let next = raw
                .next
                .as_ref()
                .and_then(|r| self.target(&flow, r, &targets));
            let answer_next: Vec<Option<Target>> = raw
                .answer_next
                .iter()
                .map(|r| r.as_ref().and_then(|r| self.target(&flow, r, &targets)))
                .collect();
            let mut routes = Vec::new();
            for (when, to) in &raw.routes {
                let when = when.as_ref().and_then(|w| self.cond(&flow, w));
                let to = to.as_ref().and_then(|r| self.target(&flow, r, &targets));
                if let (Some(when), Some(to)) = (when, to) {
                    routes.push(Route { when, to });
                }
            }
            let q = &mut flow.questions[qi];
            q.next = next;
            for (a, next) in q.answers.iter_mut().zip(answer_next) {
                a.next = next;
            }
            q.routes = routes;
        }
        for (mut advice, outcomes, when) in raw_advice {
            for r in outcomes {
                match flow.outcome(&r.id) {
                    Some(o) => advice.outcomes.push(o),
                    None => self.dangling(&r, "an outcome", &outcome_ids),
                }
            }
            advice.when = when.as_ref().and_then(|w| self.cond(&flow, w));
            flow.advice.push(advice);
        }
        flow.depth = analysis::depths(&flow);
        Some(flow)
    }

    fn dangling(&mut self, r: &Ref, what: &str, known: &[String]) {
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

    fn target(&mut self, flow: &Flow, r: &Ref, known: &[String]) -> Option<Target> {
        if let Some(q) = flow.question(&r.id) {
            return Some(Target::Question(q));
        }
        if let Some(o) = flow.outcome(&r.id) {
            return Some(Target::Outcome(o));
        }
        self.dangling(r, "question or outcome", known);
        None
    }

    fn question(&mut self, node: &Node) -> RawQuestion {
        self.fields(
            node,
            "a [[question]]",
            &["id", "kind", "text", "help", "next", "answer", "route"],
        );
        let (id, pos) = self.id(node, "a [[question]]");
        self.spans.questions.push(pos);
        let what = format!("question \"{id}\"");
        let kind = match self.string(node, "kind", &what, false) {
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
        };
        let text = self.plain(node, "text", &what, true).unwrap_or_default();
        let help = self.rich(node, "help", &what, false);
        let next = self
            .string(node, "next", &what, false)
            .map(|(id, pos)| Ref { id, pos });
        let mut answers = Vec::new();
        let mut answer_next = Vec::new();
        let mut answer_pos = Vec::new();
        for a in self.list(node, "answer", &what) {
            self.fields(
                a,
                &format!("an answer of {what}"),
                &["id", "text", "flags", "exclusive", "score", "next"],
            );
            let (aid, apos) = self.id(a, &format!("an answer of {what}"));
            let awhat = format!("answer \"{aid}\" of {what}");
            if answers.iter().any(|x: &Answer| x.id == aid) {
                self.err(
                    apos,
                    ErrorKind::DuplicateId,
                    format!("{what} has two answers with the id \"{aid}\""),
                    "give each answer of a question its own id",
                );
            }
            let text = self.plain(a, "text", &awhat, true).unwrap_or_default();
            let mut danger = false;
            for flag in self.strings(a, "flags", &awhat) {
                if flag.id == "danger" {
                    danger = true;
                } else {
                    self.err(
                        flag.pos,
                        ErrorKind::Invalid,
                        format!("{awhat} has the unknown flag \"{}\"", flag.id),
                        "the only flag is \"danger\"",
                    );
                }
            }
            let exclusive = match a.get("exclusive") {
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
            };
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
            answers.push(Answer {
                id: aid,
                text,
                danger,
                exclusive,
                score,
                next: None,
            });
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
        if answers.len() > 16 {
            self.err(
                pos,
                ErrorKind::Invalid,
                format!("{what} has {} answers", answers.len()),
                "keep a question to 16 answers at most; split it into two questions",
            );
        }
        self.spans.answers.push(answer_pos);
        let mut routes = Vec::new();
        let mut route_pos = Vec::new();
        for r in self.list(node, "route", &what) {
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
            routes,
        }
    }

    fn outcome(&mut self, node: &Node) -> Outcome {
        self.fields(
            node,
            "an [[outcome]]",
            &["id", "urgency", "title", "summary", "contacts"],
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
                            "use some of: emergency, crisis, youth (shown in that order)",
                        );
                    }
                    found
                })
                .collect()
        });
        Outcome {
            id,
            urgency,
            title,
            summary,
            contacts,
        }
    }

    fn advice(&mut self, node: &Node) -> (Advice, Vec<Ref>, Option<Node>) {
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

    fn cond(&mut self, flow: &Flow, node: &Node) -> Option<Cond> {
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

/// Whether two ids are a typo apart (one edit, two for longer ids), for "did you mean".
fn similar(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let limit = if a.len().min(b.len()) >= 4 { 2 } else { 1 };
    if a.len().abs_diff(b.len()) > limit {
        return false;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()] <= limit
}
