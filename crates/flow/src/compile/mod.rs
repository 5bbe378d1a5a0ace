//! From a document tree to a validated [`Flow`]: read the raw fields, resolve every id,
//! then enumerate every path and prove the safety rules. Problems are collected, not
//! thrown, so the author sees all of them in one run.

use crate::analysis::{self, Stats};
use crate::doc::{Node, Pos, Value};
use crate::error::{Error, ErrorKind};
use crate::instrument::{Band, Instrument};
use crate::model::*;
use crate::rich::{Rich, RichError};

mod cond;
mod flow;
mod instrument;
mod question;

pub use crate::doc::Spans;

/// A flow that passed every check, with what the proof measured.
#[derive(Clone, Debug)]
pub struct Compiled {
    /// The validated flow, in every language it has.
    pub flow: Flow,
    /// What the proof counted: paths, the longest path, states explored.
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

#[derive(Default)]
struct Compiler {
    errors: Vec<Error>,
    languages: Vec<String>,
    spans: Spans,
    /// How many conditions enclose the one being read ([`MAX_COND_DEPTH`] at most).
    cond_depth: usize,
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
    /// Each answer's `topics`, not yet checked against the outcomes' topics.
    answer_topics: Vec<Vec<Ref>>,
    routes: Vec<(Option<Node>, Option<Ref>)>,
}

/// An advice block as read: its outcome references and its `when`, not yet resolved.
type RawAdvice = (Advice, Vec<Ref>, Option<Node>);

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
                self.missing_text(node, key, what);
            }
            return None;
        };
        let one_language = self.languages.len() == 1;
        let values: Vec<String> = match &field.value {
            Value::Str(s) if one_language => vec![s.clone()],
            Value::Str(_) => {
                self.untranslated(field, key, what);
                return None;
            }
            Value::Table(entries) => {
                self.unlisted_languages(entries, key, what);
                self.translations(field, key, what)
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
        if one_language && values[0].trim().is_empty() {
            self.err(
                field.pos,
                ErrorKind::EmptyText,
                format!("`{key}` of {what} is empty"),
                "write the text, or remove the field if it is optional",
            );
        }
        Some((values, field.pos))
    }

    /// Reports a required text that `node` lacks.
    fn missing_text(&mut self, node: &Node, key: &str, what: &str) {
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

    /// Reports a text written as one string in a flow of several languages.
    fn untranslated(&mut self, field: &Node, key: &str, what: &str) {
        let langs = &self.languages;
        let message = format!(
            "`{key}` of {what} is one string, but the flow has the languages {}",
            langs.join(", ")
        );
        let help = format!(
            "write one text per language: {}",
            langs
                .iter()
                .map(|l| format!("{key}.{l} = \"…\""))
                .collect::<Vec<_>>()
                .join(", ")
        );
        self.err(field.pos, ErrorKind::MissingTranslation, message, help);
    }

    /// Checks that a table of texts has no language the flow does not list.
    fn unlisted_languages(
        &mut self,
        entries: &[(String, Option<Pos>, Node)],
        key: &str,
        what: &str,
    ) {
        for (lang, pos, _) in entries {
            if !self.languages.contains(lang) {
                self.err(
                    *pos,
                    ErrorKind::UnknownField,
                    format!("`{key}.{lang}` of {what} is in a language the flow does not list"),
                    format!("add \"{lang}\" to `languages` in [flow], or remove this text"),
                );
            }
        }
    }

    /// Reads a table of texts in the flow's languages, in their order; a missing, empty or
    /// wrong text is reported and read as written (or empty).
    fn translations(&mut self, field: &Node, key: &str, what: &str) -> Vec<String> {
        let langs = self.languages.clone();
        langs
            .iter()
            .map(|lang| self.translation(field, lang, key, what))
            .collect()
    }

    /// Reads the text of `field` in one language.
    fn translation(&mut self, field: &Node, lang: &str, key: &str, what: &str) -> String {
        match field.get(lang) {
            Some(Node {
                value: Value::Str(s),
                ..
            }) => {
                if s.trim().is_empty() {
                    self.err(
                        field.pos,
                        ErrorKind::EmptyText,
                        format!("`{key}.{lang}` of {what} is empty"),
                        "write the text, or remove the field if it is optional",
                    );
                }
                s.clone()
            }
            Some(other) => {
                self.err(
                    other.pos,
                    ErrorKind::Invalid,
                    format!("`{key}.{lang}` of {what} must be a string"),
                    "put the text in quotes",
                );
                String::new()
            }
            None => {
                self.err(
                    field.pos,
                    ErrorKind::MissingTranslation,
                    format!("`{key}` of {what} has no \"{lang}\" text, but the flow lists that language"),
                    format!("add `{key}.{lang} = \"…\"`"),
                );
                String::new()
            }
        }
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

    /// Reads a list of question ids and resolves each, reporting those no question has.
    fn resolve_questions(&mut self, flow: &Flow, node: &Node, key: &str, what: &str) -> Vec<usize> {
        let mut out = Vec::new();
        for r in self.strings(node, key, what) {
            match flow.question(&r.id) {
                Some(q) => out.push(q),
                None => self.dangling(&r, "question", &question_ids(flow)),
            }
        }
        out
    }
}

/// The ids of the flow's questions, in order, for "did you mean" help.
fn question_ids(flow: &Flow) -> Vec<String> {
    flow.questions.iter().map(|q| q.id.clone()).collect()
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
