//! Checking the edited source with the engine: the build's own pipeline
//! (`selfcheck_flow::pipeline::check`: compiler, proof, verbatim locks, safety lint, stale
//! contacts) and the CLI's messages (`selfcheck check`, `paths`, `json`). Pure: no browser
//! calls, so it is tested natively.

use std::rc::Rc;

use selfcheck_flow::analysis::{self, Stats};
use selfcheck_flow::doc;
use selfcheck_flow::pipeline::{self, Checked};
use selfcheck_flow::{ErrorKind, Flow};

/// The name messages give the edited file.
pub const FILE: &str = "flow.toml";

/// How many rows the paths table shows.
pub const MAX_ROWS: usize = 500;
/// Flows with more paths than this are not listed at all (the proof still covers them).
const MAX_LISTED: usize = 200_000;

/// One message, as the CLI prints it, and the line it points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diag {
    pub line: Option<u32>,
    pub code: &'static str,
    pub message: String,
    /// The whole block `diag::render` prints: message, place, source line, caret, help.
    pub text: String,
    /// Part of the safety proof (a danger answer that misses emergency help, no screen).
    pub safety: bool,
}

/// One row of the paths table: `selfcheck paths` prints the same.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub answers: String,
    pub outcome: String,
    pub urgency: &'static str,
    pub advice: String,
}

/// Everything the studio shows about one version of the source. `Eq`, so panes given the
/// same check (the same `Rc`) skip re-rendering without comparing it field by field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Check {
    pub diags: Vec<Diag>,
    /// The flow, when it compiled and was proven safe.
    pub flow: Option<Rc<Flow>>,
    /// The same flow as the pipeline passed it: what the export packs.
    pub checked: Option<Proven>,
    pub stats: Stats,
    /// The validated flow as JSON (`selfcheck json`).
    pub json: String,
    pub rows: Vec<Row>,
    /// Every path, counted by the proof.
    pub total_paths: u128,
}

/// A flow the pipeline passed, compared by identity (one check, one `Rc`).
#[derive(Clone, Debug)]
pub struct Proven(pub Rc<Checked>);

impl PartialEq for Proven {
    fn eq(&self, other: &Proven) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Proven {}

impl Check {
    pub fn ok(&self) -> bool {
        self.flow.is_some()
    }

    /// The safety verdict, one sentence.
    pub fn verdict(&self) -> String {
        if self.ok() {
            return format!(
                "Every danger answer reaches emergency help: proven on {} paths (longest {} questions).",
                self.stats.paths, self.stats.longest
            );
        }
        let safety: Vec<&Diag> = self.diags.iter().filter(|d| d.safety).collect();
        let n = self.diags.len();
        let errors = format!("{n} error{}", if n == 1 { "" } else { "s" });
        match safety.as_slice() {
            [] => format!("Not proven: the flow has {errors}; fix them to run the safety proof."),
            [d, ..] => format!(
                "Safety proof failed{}: {}",
                d.line.map(|l| format!(" (line {l})")).unwrap_or_default(),
                d.message
            ),
        }
    }
}

pub fn check(src: &str) -> Check {
    let diag = |e: &selfcheck_flow::Error| Diag {
        line: e.pos.map(|p| p.line),
        code: e.kind.code(),
        message: e.message.clone(),
        text: selfcheck_flow::diag::render(e, FILE, src),
        safety: matches!(
            e.kind,
            ErrorKind::DangerMissesEmergency
                | ErrorKind::UrgentEndsCalm
                | ErrorKind::TopicMissed
                | ErrorKind::ScreenSkipped
                | ErrorKind::NoDangerScreen
                | ErrorKind::SafetyLint
        ),
    };
    // The words and contacts the packs will carry, checked as the build checks them: a
    // flow that fails the lint, or data with stale contacts, cannot be exported.
    let data = match crate::data::pipeline_data() {
        Ok(data) => data,
        Err(problems) => {
            return Check {
                diags: problems
                    .iter()
                    .map(|p| Diag {
                        line: None,
                        code: "stale-contact",
                        message: p.clone(),
                        text: format!("error: {p}"),
                        safety: true,
                    })
                    .collect(),
                ..Check::default()
            }
        }
    };
    match pipeline::check(FILE, src, &data) {
        Err(errors) => Check {
            diags: errors.iter().map(diag).collect(),
            ..Check::default()
        },
        Ok(checked) => {
            let stats = *checked.stats();
            let flow = Rc::new(checked.flow().clone());
            Check {
                diags: Vec::new(),
                json: doc::to_json(checked.doc()),
                stats,
                total_paths: stats.paths,
                rows: rows(&flow, stats.paths),
                flow: Some(flow),
                checked: Some(Proven(Rc::new(checked))),
            }
        }
    }
}

/// The first rows of `selfcheck paths`: answers => outcome (urgency): advice.
fn rows(flow: &Flow, total: u128) -> Vec<Row> {
    if total > MAX_LISTED as u128 {
        return Vec::new();
    }
    // Only the rows shown are walked: not the whole listing on every pause in typing.
    analysis::first_paths(flow, MAX_ROWS)
        .iter()
        .map(|path| {
            let outcome = &flow.outcomes[path.outcome];
            Row {
                answers: path.describe(flow),
                outcome: outcome.id.clone(),
                urgency: outcome.urgency.as_str(),
                advice: path.advice_ids(flow).join(" "),
            }
        })
        .collect()
}

/// The 1-based line where `id = "…"` (TOML) or `"id": "…"` (JSON) names `id`.
pub fn line_of_id(src: &str, id: &str) -> Option<u32> {
    let quoted = format!("\"{id}\"");
    src.lines()
        .position(|l| {
            let t = l.trim_start();
            let rest = t
                .strip_prefix("id")
                .or_else(|| t.strip_prefix("\"id\""))
                .map(str::trim_start);
            rest.and_then(|r| r.strip_prefix('=').or_else(|| r.strip_prefix(':')))
                .is_some_and(|r| r.trim_start().starts_with(&quoted))
        })
        .map(|i| i as u32 + 1)
}

/// The UTF-16 offsets of the start and end of line `line` (1-based): what
/// `setSelectionRange` takes.
pub fn line_range(src: &str, line: u32) -> (u32, u32) {
    let mut start = 0u32;
    for (i, l) in src.split('\n').enumerate() {
        let len = l.encode_utf16().count() as u32;
        if i as u32 + 1 == line {
            return (start, start + len);
        }
        start += len + 1;
    }
    (start, start)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEFAULT: &str = include_str!("../../../flows/default.toml");

    #[test]
    fn the_default_flow_is_proven() {
        let c = check(DEFAULT);
        assert!(c.ok(), "{:?}", c.diags);
        assert!(c
            .verdict()
            .starts_with("Every danger answer reaches emergency help: proven on"));
        assert_eq!(c.rows.len(), MAX_ROWS);
        // The exported JSON reads back to the same flow.
        let again = check(&c.json);
        assert!(again.ok(), "{:?}", again.diags);
        assert_eq!(again.flow, c.flow);
        assert_eq!(again.rows, c.rows);
    }

    #[test]
    fn a_danger_answer_to_self_care_fails_the_proof() {
        let src = DEFAULT.replacen("next = \"get-help-now\"", "next = \"ordinary\"", 1);
        let c = check(&src);
        assert!(!c.ok());
        assert!(
            c.verdict().starts_with("Safety proof failed"),
            "{}",
            c.verdict()
        );
    }

    #[test]
    fn ids_and_lines() {
        let danger_line = DEFAULT
            .lines()
            .position(|l| l == "id = \"danger\"")
            .map(|i| i as u32 + 1);
        assert!(danger_line.is_some());
        assert_eq!(line_of_id(DEFAULT, "danger"), danger_line);
        let src = "a\nbé\nc";
        assert_eq!(line_range(src, 2), (2, 4));
        assert_eq!(line_range(src, 3), (5, 6));
        assert_eq!(line_of_id("{\n  \"id\": \"x\"\n}", "x"), Some(2));
    }
}
