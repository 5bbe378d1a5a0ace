//! The one way a flow becomes packs, used by the build (the Trunk hook and `cargo xtask
//! release`), every CLI command, the studio and the tests:
//!
//! ```text
//! Data::new(words, lint words, directory, today)   the content data, its contacts not stale
//!   └▶ check(file, source, &data) ─▶ Checked       read, compile, prove, verbatim lock, lint
//!        └▶ pack(&checked, lang, &data) ─▶ (pack bytes, first screen JSON)
//! build_all(files, &data): check every flow, refuse two with one id, pack every language
//! ```
//!
//! [`Checked`] keeps its parts private and is made only by [`check`], so a pack the build
//! writes always comes from a flow that passed every check the build has. (The widget
//! re-checks every pack it reads in any case: [`selfcheck_runtime::pack::decode`].)

use selfcheck_runtime::analysis::Stats;
use selfcheck_runtime::contacts::Directory;
use selfcheck_runtime::error::{Error, Spans};
use selfcheck_runtime::model::Flow;
use selfcheck_runtime::pack::{self, file_name, screen_name};
use selfcheck_runtime::ui::{Ui, Vocab};

use crate::compile::{compile, Compiled};
use crate::doc::{self, Node};

/// Days a contact's `checked` date may age before a check warns (12 months).
pub const STALE_WARN_DAYS: i64 = 365;
/// Days a contact's `checked` date may age before a check fails (18 months).
pub const STALE_FAIL_DAYS: i64 = 548;

/// The content data a flow is checked and packed with: the widget's words, the lint's
/// words and the crisis directory, whose contacts were found current on the day given.
#[derive(Clone, Debug)]
pub struct Data {
    uis: Vec<Ui>,
    vocab: Vec<Vocab>,
    directory: Directory,
    warnings: Vec<String>,
}

impl Data {
    /// The data, if no crisis contact was last checked more than 18 months before `today`
    /// (`YYYY-MM-DD`); contacts past 12 months are [`Data::warnings`]. The error lists
    /// every stale contact and what to do.
    pub fn new(
        uis: Vec<Ui>,
        vocab: Vec<Vocab>,
        directory: Directory,
        today: &str,
    ) -> Result<Data, Vec<String>> {
        let (warn, fail) = directory.stale(today, STALE_WARN_DAYS, STALE_FAIL_DAYS);
        if !fail.is_empty() {
            return Err(fail.iter().map(|f| format!("data/crisis-contacts.toml: {f} is more than 18 months old: re-check it against its sources and update `checked` (docs/contacts.md)")).collect());
        }
        let warnings = warn.iter().map(|w| format!("data/crisis-contacts.toml: {w} is more than 12 months old: re-check it against its sources (docs/contacts.md)")).collect();
        Ok(Data {
            uis,
            vocab,
            directory,
            warnings,
        })
    }

    /// The repository's own data (`data/`), embedded, checked on `today`.
    #[cfg(feature = "data")]
    pub fn repository(today: &str) -> Result<Data, Vec<String>> {
        let one = |e: String| vec![e];
        let uis = crate::data::uis().map_err(one)?;
        let vocab = crate::data::vocab().map_err(one)?;
        let directory = crate::data::directory().map_err(one)?;
        Data::new(uis, vocab, directory, today)
    }

    /// The widget's words, one per language.
    pub fn uis(&self) -> &[Ui] {
        &self.uis
    }

    /// The crisis directory.
    pub fn directory(&self) -> &Directory {
        &self.directory
    }

    /// Problems that do not stop a check, such as contacts due to be checked again.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }
}

/// A flow that passed every check: read, compiled, proven safe, its verbatim locks held
/// and the safety lint passed with the data it was checked with. Made only by [`check`].
#[derive(Clone, Debug)]
pub struct Checked {
    compiled: Compiled,
    doc: Node,
}

impl Checked {
    /// The validated flow, in every language it has.
    pub fn flow(&self) -> &Flow {
        &self.compiled.flow
    }

    /// What the proof counted: paths, the longest path, states explored.
    pub fn stats(&self) -> &Stats {
        &self.compiled.stats
    }

    /// Where each part of the flow is in its file.
    pub fn spans(&self) -> &Spans {
        &self.compiled.spans
    }

    /// The document tree the flow was read from (the studio exports it as JSON).
    pub fn doc(&self) -> &Node {
        &self.doc
    }

    /// The validated flow, by value.
    pub fn into_flow(self) -> Flow {
        self.compiled.flow
    }
}

/// Reads a flow's source: JSON when `file` ends in `.json` or the text starts with `{`,
/// TOML otherwise.
pub fn read(file: &str, src: &str) -> Result<Node, Error> {
    if file.to_ascii_lowercase().ends_with(".json") || src.trim_start().starts_with('{') {
        doc::from_json(src)
    } else {
        doc::from_toml(src)
    }
}

/// Checks one flow as the build does: reads it ([`read`]), compiles and proves it, then
/// runs the safety lint with `data`. On failure every problem found is returned, in the
/// order found; render them with [`crate::diag::render`].
pub fn check(file: &str, src: &str, data: &Data) -> Result<Checked, Vec<Error>> {
    let doc = read(file, src).map_err(|e| vec![e])?;
    let compiled = compile(&doc)?;
    let lint = crate::lint::lint(&compiled, &data.vocab, &data.directory);
    if !lint.is_empty() {
        return Err(lint);
    }
    Ok(Checked { compiled, doc })
}

/// [`check`], with every problem rendered as `file:line:col` with its source line, and a
/// last line saying what failed.
pub fn check_rendered(file: &str, src: &str, data: &Data) -> Result<Checked, Vec<String>> {
    check(file, src, data).map_err(|errors| {
        let lint = errors
            .iter()
            .all(|e| e.kind == selfcheck_runtime::ErrorKind::SafetyLint);
        let mut out: Vec<String> = errors
            .iter()
            .map(|e| crate::diag::render(e, file, src))
            .collect();
        let what = if lint {
            "safety-lint problem(s)"
        } else {
            "problem(s)"
        };
        out.push(format!(
            "{file}: {} {what}: no pack is made until they are fixed",
            errors.len()
        ));
        out
    })
}

/// A pack's bytes and its first screen as JSON ([`selfcheck_runtime::markup::first_screens`]):
/// what is written as `<flow>.<lang>.pack` and `<flow>.<lang>.screen.json`.
pub type Made = (Vec<u8>, String);

/// The checked flow's pack in `lang`, with its first screen; or what the data lacks.
pub fn pack(checked: &Checked, lang: &str, data: &Data) -> Result<Made, String> {
    let p = pack::assemble(checked.flow(), lang, &data.uis, &data.directory)?;
    Ok((
        pack::encode(&p),
        selfcheck_runtime::markup::first_screens(&p),
    ))
}

/// One pack per language of the checked flow, in the flow's order, as `(language, made)`.
pub fn packs(checked: &Checked, data: &Data) -> Vec<(String, Result<Made, String>)> {
    let flow = checked.flow();
    flow.languages
        .iter()
        .map(|l| (l.clone(), pack(checked, l, data)))
        .collect()
}

/// What [`build_all`] made: the packs as `(file name, bytes)` in the order of the flows
/// given, each pack's first screen, the flow ids in that order, and warnings to print.
#[derive(Debug, Default)]
pub struct Built {
    /// Every pack made, as `(file name, bytes)`, in the order of the flows given.
    pub packs: Vec<(String, Vec<u8>)>,
    /// Each pack's first screen, as `(file name, JSON)`, in the same order.
    pub screens: Vec<(String, String)>,
    /// Each flow packed, as its id and its languages.
    pub flows: Vec<(String, Vec<String>)>,
    /// Problems that do not stop the build, such as contacts due to be checked again.
    pub warnings: Vec<String>,
}

impl Built {
    /// Every file for a packs folder, as `(file name, bytes)`: each pack, then each first
    /// screen.
    pub fn files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        let packs = self.packs.iter().map(|(n, b)| (n.as_str(), b.as_slice()));
        packs.chain(self.screens.iter().map(|(n, s)| (n.as_str(), s.as_bytes())))
    }
}

/// Checks ([`check`]) and packs every flow, given as `(file name, source)`. Fails, with
/// every problem rendered as `file:line:col`, when a flow fails a check, two flows share an
/// id, or a pack cannot be made.
pub fn build_all(files: &[(String, String)], data: &Data) -> Result<Built, Vec<String>> {
    let mut built = Built {
        warnings: data.warnings.clone(),
        ..Built::default()
    };
    let mut problems = Vec::new();
    let mut seen: Vec<(String, &str)> = Vec::new();
    for (file, src) in files {
        let checked = match check_rendered(file, src, data) {
            Ok(c) => c,
            Err(rendered) => {
                problems.extend(rendered);
                continue;
            }
        };
        let id = checked.flow().id.clone();
        if let Some((_, other)) = seen.iter().find(|(s, _)| *s == id) {
            problems.push(format!("{file} and {other} both have the flow id \"{id}\": give one of them another id in [flow]"));
            continue;
        }
        seen.push((id.clone(), file));
        let made: Result<Vec<_>, String> = packs(&checked, data)
            .into_iter()
            .map(|(l, made)| made.map(|m| (l, m)))
            .collect();
        match made {
            Ok(made) => {
                for (lang, (bytes, screen)) in made {
                    built.packs.push((file_name(&id, &lang), bytes));
                    built.screens.push((screen_name(&id, &lang), screen));
                }
                built.flows.push((id, checked.flow().languages.clone()));
            }
            Err(e) => problems.push(format!("{file}: {e}")),
        }
    }
    if problems.is_empty() {
        Ok(built)
    } else {
        Err(problems)
    }
}
