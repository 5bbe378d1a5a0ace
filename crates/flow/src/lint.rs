//! The safety lint: rules about what a flow *says*, checked with the content data (the
//! widget's words and the crisis directory) wherever packs are made — the build, the CLI's
//! `pack` and the studio. The proof ([`crate::analysis`]) covers where answers lead; this
//! covers what the visitor then reads:
//!
//! - an `emergency` outcome shows an emergency number or a crisis line;
//! - an outcome's heading never promises a later time than its text (an `urgent` outcome
//!   is headed "soon", so its text must not say "now");
//! - where some region has no crisis line, a text that sends the visitor to a crisis line
//!   also names the emergency number.
//!
//! The words that mean "now", "crisis line" and "emergency number" in each language are
//! data: the `[lint]` table of `data/ui/<lang>.toml`.

pub use selfcheck_runtime::ui::Vocab;

use crate::compile::Compiled;
use crate::contacts::{ContactKind, Directory};
use crate::doc::Pos;
use crate::error::{Error, ErrorKind};
use crate::model::{Flow, Outcome, RichText, Urgency};

fn mentions(text: &str, words: &[String]) -> Option<String> {
    let lower = text.to_lowercase();
    words
        .iter()
        .find(|w| {
            lower.match_indices(w.as_str()).any(|(i, m)| {
                let before = lower[..i].chars().next_back();
                let after = lower[i + m.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            })
        })
        .cloned()
}

/// Every safety-lint problem of a compiled flow, with its place in the file.
pub fn lint(compiled: &Compiled, vocab: &[Vocab], directory: &Directory) -> Vec<Error> {
    let flow = &compiled.flow;
    let mut errors = Vec::new();
    for (o, outcome) in flow.outcomes.iter().enumerate() {
        let pos = compiled.spans.outcomes.get(o).copied().flatten();
        errors.extend(no_emergency_contact(outcome, pos));
        errors.extend(says_now(flow, outcome, pos, vocab));
    }
    let no_crisis_line = regions_without_crisis_line(directory);
    if !no_crisis_line.is_empty() {
        errors.extend(crisis_line_alone(compiled, vocab, &no_crisis_line));
    }
    errors.sort_by_key(|e| e.pos);
    errors
}

/// The words of `lang`, if the lint has them.
fn words<'v>(vocab: &'v [Vocab], lang: &str) -> Option<&'v Vocab> {
    vocab.iter().find(|v| v.lang == lang)
}

/// Checks that an `emergency` outcome with its own `contacts` shows the emergency number
/// or a crisis line.
fn no_emergency_contact(outcome: &Outcome, pos: Option<Pos>) -> Option<Error> {
    (!outcome.shows_help()).then(|| {
        Error::new(
            pos,
            ErrorKind::SafetyLint,
            format!(
                "outcome \"{}\" is an emergency but shows no emergency number or crisis line",
                outcome.id
            ),
            "add \"emergency\" (and \"crisis\" where it fits) to its `contacts`",
        )
    })
}

/// Checks, in each language, that an outcome headed "soon" or later does not say "now"
/// in its title or summary.
fn says_now(flow: &Flow, outcome: &Outcome, pos: Option<Pos>, vocab: &[Vocab]) -> Vec<Error> {
    let mut errors = Vec::new();
    if outcome.urgency == Urgency::Emergency {
        return errors;
    }
    for (l, lang) in flow.languages.iter().enumerate() {
        let Some(v) = words(vocab, lang) else {
            continue;
        };
        let text = format!(
            "{}\n{}",
            outcome.title.get(l),
            outcome.summary.get(l).plain()
        );
        if let Some(word) = mentions(&text, &v.now) {
            errors.push(Error::new(
                pos,
                ErrorKind::SafetyLint,
                format!(
                    "outcome \"{}\" is {} (headed \"soon\" or later) but its {lang} text says \"{word}\"",
                    outcome.id,
                    outcome.urgency.as_str()
                ),
                "make it an emergency outcome if it cannot wait, or say \"soon\" in its text",
            ));
        }
    }
    errors
}

/// The codes of the directory's regions that have no crisis line.
fn regions_without_crisis_line(directory: &Directory) -> Vec<&str> {
    directory
        .regions
        .iter()
        .filter(|r| !r.contacts.iter().any(|c| c.kind == ContactKind::Crisis))
        .map(|r| r.code.as_str())
        .collect()
}

/// Every text a visitor reads as advice, with where it is and what it belongs to:
/// outcome summaries, advice bodies and question help, in that order.
fn advice_texts(compiled: &Compiled) -> Vec<(Option<Pos>, String, &RichText)> {
    let (flow, spans) = (&compiled.flow, &compiled.spans);
    let at = |spans: &[Option<Pos>], i: usize| spans.get(i).copied().flatten();
    let outcomes = flow.outcomes.iter().enumerate().map(|(i, o)| {
        (
            at(&spans.outcomes, i),
            format!("outcome \"{}\"", o.id),
            &o.summary,
        )
    });
    let advice = flow.advice.iter().enumerate().map(|(i, a)| {
        (
            at(&spans.advice, i),
            format!("advice \"{}\"", a.id),
            &a.body,
        )
    });
    let help = flow.questions.iter().enumerate().filter_map(|(i, q)| {
        let help = q.help.as_ref()?;
        Some((
            at(&spans.questions, i),
            format!("question \"{}\"", q.id),
            help,
        ))
    });
    outcomes.chain(advice).chain(help).collect()
}

/// Checks, where some region (`no_crisis_line`) has no crisis line, that a text sending
/// the visitor to a crisis line also names the emergency number.
fn crisis_line_alone(compiled: &Compiled, vocab: &[Vocab], no_crisis_line: &[&str]) -> Vec<Error> {
    let mut errors = Vec::new();
    for (pos, what, text) in advice_texts(compiled) {
        for (l, lang) in compiled.flow.languages.iter().enumerate() {
            let Some(v) = words(vocab, lang) else {
                continue;
            };
            let plain = text.get(l).plain();
            let Some(word) = mentions(&plain, &v.crisis_line) else {
                continue;
            };
            if mentions(&plain, &v.emergency_number).is_none() {
                errors.push(Error::new(
                    pos,
                    ErrorKind::SafetyLint,
                    format!(
                        "{what} sends the visitor to a \"{word}\" in {lang}, but {} has no crisis line",
                        no_crisis_line.join(", ")
                    ),
                    "also name the emergency number in the same text, e.g. \"a crisis line or the emergency number\"",
                ));
            }
        }
    }
    errors
}
