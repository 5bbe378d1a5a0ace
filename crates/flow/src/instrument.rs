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

use selfcheck_runtime::model::Flow;
pub use selfcheck_runtime::model::{Band, Instrument};

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
