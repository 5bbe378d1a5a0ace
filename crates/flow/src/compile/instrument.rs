//! `[flow.instrument]`: a validated questionnaire's licence, credit line, scored items,
//! published bands and `verbatim` lock.

use super::*;

impl Compiler {
    /// `[flow.instrument]`: a validated questionnaire's licence, credit line, scored items,
    /// published bands and `verbatim` lock ([`crate::instrument`]).
    pub(super) fn instrument(&mut self, doc: &Node, flow: &Flow) -> Option<Instrument> {
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
}
