//! `[flow.instrument]`: a validated questionnaire's licence, credit line, scored items,
//! published bands and `verbatim` lock.

use super::*;

/// How messages name the table.
const WHAT: &str = "[flow.instrument]";

impl Compiler {
    /// `[flow.instrument]`: a validated questionnaire's licence, credit line, scored items,
    /// published bands and `verbatim` lock ([`crate::instrument`]).
    pub(super) fn instrument(&mut self, doc: &Node, flow: &Flow) -> Option<Instrument> {
        let node = doc.get("flow")?.get("instrument")?;
        self.fields(
            node,
            WHAT,
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
        let name = self.string(node, "name", WHAT, true).map(|v| v.0);
        let licence = self.string(node, "licence", WHAT, true).map(|v| v.0);
        let source = self.source(node);
        let attribution = self.plain(node, "attribution", WHAT, true);
        let items = self.resolve_questions(flow, node, "items", WHAT);
        if items.is_empty() {
            self.err(
                node.pos,
                ErrorKind::Missing,
                format!("{WHAT} has no `items`"),
                "list the ids of the instrument's scored questions, in order",
            );
            return None;
        }
        let max = max_total(flow, &items);
        let bands = self.bands(node);
        self.band_coverage(node, &bands, max);
        let name = name?;
        self.verbatim(node, flow, &items, &name);
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

    /// Reads `source`, which must be an https address.
    fn source(&mut self, node: &Node) -> Option<String> {
        let (url, pos) = self.string(node, "source", WHAT, true)?;
        if Instrument::source_ok(&url) {
            return Some(url);
        }
        self.err(
            pos,
            ErrorKind::Invalid,
            "`source` must be an https address",
            "give the official publisher's page",
        );
        None
    }

    /// Reads the `[[flow.instrument.band]]` tables; a band with a bad field is left out.
    fn bands(&mut self, node: &Node) -> Vec<Band> {
        let mut bands = Vec::new();
        for b in self.list(node, "band", WHAT) {
            let bwhat = "a [[flow.instrument.band]]";
            self.fields(b, bwhat, &["from", "to", "label"]);
            let (from, to) = (self.int(b, "from", bwhat), self.int(b, "to", bwhat));
            let label = self.plain(b, "label", bwhat, true);
            if let (Some(from), Some(to), Some(label)) = (from, to, label) {
                bands.push(Band { from, to, label });
            }
        }
        bands
    }

    /// Checks that the bands cover every total from 0 to `max` once, in order.
    fn band_coverage(&mut self, node: &Node, bands: &[Band], max: i32) {
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
    }

    /// Checks the `verbatim` lock: in every language, the recorded hash of the items'
    /// wording matches the flow's.
    fn verbatim(&mut self, node: &Node, flow: &Flow, items: &[usize], name: &str) {
        let locks = node.get("verbatim");
        for (l, lang) in flow.languages.iter().enumerate() {
            let want = crate::instrument::lock(flow, items, l);
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
                    format!("{WHAT} has no `verbatim.{lang}` lock"),
                    format!("after checking every word against the official wording, add verbatim.{lang} = \"{want}\""),
                ),
            }
        }
    }
}

/// The highest total the items can score: the sum of each item's highest answer score.
fn max_total(flow: &Flow, items: &[usize]) -> i32 {
    items
        .iter()
        .map(|&q| {
            flow.questions[q]
                .answers
                .iter()
                .map(|a| a.score)
                .max()
                .unwrap_or(0)
        })
        .sum()
}
