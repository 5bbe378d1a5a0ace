//! Validated questionnaires (PHQ-9, GAD-7): a flow's `[flow.instrument]` names the
//! instrument, its licence and attribution, the scored questions (`items`) and the
//! published severity bands; the result then shows the total, the band and each answer's
//! points. A `verbatim` lock per language (a hash of every item's and answer's text)
//! makes `check` fail when a word of the validated wording drifts. The compiler reads
//! `[flow.instrument]` with its own field readers (`compile/instrument.rs`).
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

use crate::model::{Answers, Flow, Text};

/// A validated questionnaire the flow reproduces, from `[flow.instrument]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Instrument {
    /// The instrument's short name, e.g. "PHQ-9".
    pub name: String,
    /// The terms its wording may be used under, shown with the credit on the result.
    pub licence: String,
    /// Where the official wording is published (https).
    pub source: String,
    /// The credit line its authors ask for, e.g. "Developed by Drs. Robert L. Spitzer, …".
    pub attribution: Text,
    /// The scored questions, in order.
    pub items: Vec<usize>,
    /// The highest total the items allow.
    pub max: i32,
    /// The published severity bands in order, covering every total from 0 to `max` once.
    pub bands: Vec<Band>,
}

/// A published score range, inclusive at both ends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Band {
    /// The lowest total in the band.
    pub from: i32,
    /// The highest total in the band.
    pub to: i32,
    /// The band's name, e.g. "Moderate".
    pub label: Text,
}

impl Instrument {
    /// The total of the items answered so far (saturating: a crafted pack's scores must
    /// not overflow it).
    pub fn total(&self, flow: &Flow, answers: &Answers) -> i32 {
        self.items
            .iter()
            .filter_map(|&q| answers.get(q).copied().flatten().map(|c| (q, c)))
            .flat_map(|(q, c)| c.iter().map(move |a| flow.questions[q].answers[a].score))
            .fold(0, i32::saturating_add)
    }

    /// Whether `url` may be the instrument's `source`, shown as a link: an https address
    /// (the compiler's rule and the pack reader's).
    pub fn source_ok(url: &str) -> bool {
        url.starts_with("https://")
    }

    /// Whether every item has an answer: only then is the total a score that a band can
    /// name. An outcome reached before the items (our danger screen) has no score.
    pub fn complete(&self, answers: &Answers) -> bool {
        self.items
            .iter()
            .all(|&q| answers.get(q).is_some_and(Option::is_some))
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
