//! Validated questionnaires (PHQ-9, GAD-7): a flow's `[flow.instrument]` names the
//! instrument, its licence and attribution, the scored questions (`items`) and the
//! published severity bands; the result then shows the total, the band and each answer's
//! points. A `verbatim` lock per language (a hash of every item's and answer's text)
//! makes `check` fail when a word of the validated wording drifts.
//!
//! ```toml
//! [flow.instrument]
//! name = "PHQ-9"
//! licence = "No permission required to reproduce, translate, display or distribute."
//! source = "https://www.phqscreeners.com/"
//! attribution.en = "Developed by Drs. Robert L. Spitzer, …"
//! items = ["item-1", "item-2", …]
//! verbatim.en = "fnv1a64:…"
//! [[flow.instrument.band]]
//! from = 0
//! to = 4
//! label.en = "Minimal"
//! ```

use crate::doc::{Node, Pos, Value};
use crate::error::{Error, ErrorKind};
use crate::model::{Answers, Flow, Text};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Instrument {
    pub name: String,
    pub licence: String,
    /// Where the official wording is published (https).
    pub source: String,
    pub attribution: Text,
    /// The scored questions, in order.
    pub items: Vec<usize>,
    /// The highest total the items allow.
    pub max: i32,
    pub bands: Vec<Band>,
}

/// A published score range, inclusive at both ends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Band {
    pub from: i32,
    pub to: i32,
    pub label: Text,
}

impl Instrument {
    /// The total of the items answered so far.
    pub fn total(&self, flow: &Flow, answers: &Answers) -> i32 {
        self.items
            .iter()
            .filter_map(|&q| answers.get(q).copied().flatten().map(|c| (q, c)))
            .flat_map(|(q, c)| c.iter().map(move |a| flow.questions[q].answers[a].score))
            .sum()
    }

    /// The band a total falls in.
    pub fn band(&self, total: i32) -> Option<&Band> {
        self.bands.iter().find(|b| (b.from..=b.to).contains(&total))
    }
}

/// FNV-1a, 64 bits, of the item texts, their help (the instrument's stem) and their
/// answers' texts in language `lang`, as `fnv1a64:<hex>`: what `verbatim.<lang>` records.
pub fn lock(flow: &Flow, items: &[usize], lang: usize) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |s: &str| {
        for b in s.bytes().chain([0u8]) {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    };
    for &q in items {
        let question = &flow.questions[q];
        eat(question.text.get(lang));
        if let Some(help) = &question.help {
            eat(&help.get(lang).plain());
        }
        for a in &question.answers {
            eat(a.text.get(lang));
        }
    }
    format!("fnv1a64:{h:016x}")
}

/// Reads `[flow.instrument]` of a compiled flow; `Ok(None)` when there is none.
pub fn read(doc: &Node, flow: &Flow) -> Result<Option<Instrument>, Vec<Error>> {
    let Some(node) = doc.get("flow").and_then(|f| f.get("instrument")) else {
        return Ok(None);
    };
    let mut errors = Vec::new();
    let at = |n: Option<&Node>| n.and_then(|n| n.pos).or(node.pos);
    let mut err = |pos: Option<Pos>, message: String, help: &str| {
        errors.push(Error::new(pos, ErrorKind::Invalid, message, help))
    };
    let string = |key: &str| match node.get(key).map(|n| &n.value) {
        Some(Value::Str(s)) if !s.trim().is_empty() => Some(s.clone()),
        _ => None,
    };
    for key in ["name", "licence", "source"] {
        if string(key).is_none() {
            err(
                at(node.get(key)),
                format!("[flow.instrument] needs `{key}`"),
                "name the instrument, its licence and the https address of its official wording",
            );
        }
    }
    let source = string("source").unwrap_or_default();
    if !source.is_empty() && !source.starts_with("https://") {
        err(
            at(node.get("source")),
            "`source` must be an https address".into(),
            "give the official publisher's page",
        );
    }
    let localised = |key: &str, within: &Node| -> Option<Text> {
        let n = within.get(key)?;
        let by_lang = |l: &str| match &n.value {
            Value::Str(s) if flow.languages.len() == 1 => Some(s.clone()),
            Value::Table(entries) => {
                entries
                    .iter()
                    .find(|(k, _, _)| k == l)
                    .and_then(|(_, _, v)| match &v.value {
                        Value::Str(s) => Some(s.clone()),
                        _ => None,
                    })
            }
            _ => None,
        };
        flow.languages
            .iter()
            .map(|l| by_lang(l))
            .collect::<Option<Vec<_>>>()
            .map(Text)
    };
    let attribution = localised("attribution", node);
    if attribution.is_none() {
        err(
            at(node.get("attribution")),
            "[flow.instrument] needs `attribution` in every language of the flow".into(),
            "copy the instrument's credit line exactly",
        );
    }
    let mut items = Vec::new();
    match node.get("items").map(|n| &n.value) {
        Some(Value::Array(list)) if !list.is_empty() => {
            for n in list {
                match &n.value {
                    Value::Str(id) => match flow.question(id) {
                        Some(q) => items.push(q),
                        None => err(
                            at(Some(n)),
                            format!("`items` names \"{id}\", which is no question of this flow"),
                            "list the ids of the instrument's questions",
                        ),
                    },
                    _ => err(
                        at(Some(n)),
                        "`items` holds question ids".into(),
                        "write each as a string",
                    ),
                }
            }
        }
        _ => err(
            at(node.get("items")),
            "[flow.instrument] needs `items`, the scored questions".into(),
            "list the ids of the instrument's questions, in order",
        ),
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
    if let Some(Value::Array(list)) = node.get("band").map(|n| &n.value) {
        for b in list {
            let int = |k: &str| match b.get(k).map(|n| &n.value) {
                Some(Value::Int(i)) => i32::try_from(*i).ok(),
                _ => None,
            };
            match (int("from"), int("to"), localised("label", b)) {
                (Some(from), Some(to), Some(label)) if from <= to => bands.push(Band { from, to, label }),
                _ => err(at(Some(b)), "a [[flow.instrument.band]] needs `from` ≤ `to` and a `label` in every language".into(), "copy the published cut-points"),
            }
        }
    }
    // The bands cover every total from 0 to the maximum once, in order.
    let covered = !bands.is_empty()
        && bands.first().is_some_and(|b| b.from == 0)
        && bands.last().is_some_and(|b| b.to == max)
        && bands.windows(2).all(|w| w[1].from == w[0].to + 1);
    if !items.is_empty() && !covered {
        err(
            at(node.get("band")),
            format!("the bands must cover every total from 0 to {max} once, in order"),
            "copy the published cut-points, e.g. 0–4, 5–9, 10–14, …",
        );
    }
    // The verbatim lock, in every language.
    if !items.is_empty() {
        for (l, lang) in flow.languages.iter().enumerate() {
            let want = lock(flow, &items, l);
            let given = node.get("verbatim").and_then(|v| v.get(lang));
            match given.map(|n| &n.value) {
                Some(Value::Str(s)) if *s == want => {}
                Some(Value::Str(s)) => errors.push(Error::new(
                    at(given),
                    ErrorKind::VerbatimChanged,
                    format!("validated wording changed: the {lang} items and answers of {} hash to {want}, but the flow records {s}", string("name").unwrap_or_default()),
                    "restore the instrument's exact wording; only after checking a new official version, record its hash here",
                )),
                _ => errors.push(Error::new(
                    at(node.get("verbatim")),
                    ErrorKind::VerbatimChanged,
                    format!("[flow.instrument] has no `verbatim.{lang}` lock"),
                    format!("after checking every word against the official wording, add verbatim.{lang} = \"{want}\""),
                )),
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Some(Instrument {
        name: string("name").unwrap_or_default(),
        licence: string("licence").unwrap_or_default(),
        source,
        attribution: attribution.unwrap_or_default(),
        items,
        max,
        bands,
    }))
}
