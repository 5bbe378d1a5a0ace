//! Problems found in a flow file. The compiler reports all of them at once; each one says
//! where, what is wrong and how to fix it.

use std::fmt;

/// One problem in a flow: where it is, which check found it, what is wrong and what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// Where the problem is, when the input format records positions.
    pub pos: Option<Pos>,
    /// Which check found it; its code heads the message, e.g. `error[dangling]`.
    pub kind: ErrorKind,
    /// What is wrong, in a sentence.
    pub message: String,
    /// What to do about it, in a sentence.
    pub help: String,
}

impl Error {
    /// An error at `pos`, with what is wrong and what to do about it.
    pub fn new(
        pos: Option<Pos>,
        kind: ErrorKind,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Error {
        Error {
            pos,
            kind,
            message: message.into(),
            help: help.into(),
        }
    }
}

/// The kinds of problem, one per check. `docs/flow-format.md` lists the checks.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ErrorKind {
    /// The file is not valid TOML (or JSON).
    Syntax,
    /// A required field is missing.
    Missing,
    /// A field has the wrong type or a value the format does not allow.
    Invalid,
    /// A field the format does not know, most often a typo.
    UnknownField,
    /// Two questions, outcomes, advice blocks or answers of one question share an id.
    DuplicateId,
    /// A reference names a question, outcome or answer that does not exist.
    Dangling,
    /// A question, outcome or advice block that no path reaches.
    Unreachable,
    /// A path can come back to a question it already asked.
    Cycle,
    /// A path stops without reaching an outcome.
    DeadEnd,
    /// A route condition that is false on every path that reaches it.
    NeverTrue,
    /// A text is empty.
    EmptyText,
    /// A link uses a scheme other than https, tel, sms or mailto, or markup is unclosed.
    BadMarkup,
    /// A text lacks one of the flow's languages.
    MissingTranslation,
    /// A path with a `danger` answer ends somewhere other than an `emergency` outcome.
    DangerMissesEmergency,
    /// A path with an `urgent` answer ends at a calm outcome (`support` or `self-care`).
    UrgentEndsCalm,
    /// A path with an answer that raises a topic ends at an outcome that neither covers
    /// it (`topics`) nor is an emergency.
    TopicMissed,
    /// A path ends at a calm outcome without asking a question that `[flow]` lists in
    /// `screens`.
    ScreenSkipped,
    /// The first question has no `danger` answer, so danger is not screened first.
    NoDangerScreen,
    /// The flow has more paths than the safety proof will enumerate.
    TooManyPaths,
    /// What a screen says is unsafe: an emergency outcome without emergency contacts, a
    /// heading that promises a later time than its text, a crisis line named where some
    /// region has none (the build's safety lint).
    SafetyLint,
    /// A validated questionnaire's wording no longer matches its `verbatim` lock.
    VerbatimChanged,
}

impl ErrorKind {
    /// The short code shown in messages, e.g. `error[dangling]`.
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::Syntax => "syntax",
            ErrorKind::Missing => "missing",
            ErrorKind::Invalid => "invalid",
            ErrorKind::UnknownField => "unknown-field",
            ErrorKind::DuplicateId => "duplicate-id",
            ErrorKind::Dangling => "dangling",
            ErrorKind::Unreachable => "unreachable",
            ErrorKind::Cycle => "cycle",
            ErrorKind::DeadEnd => "dead-end",
            ErrorKind::NeverTrue => "never-true",
            ErrorKind::EmptyText => "empty-text",
            ErrorKind::BadMarkup => "bad-markup",
            ErrorKind::MissingTranslation => "missing-translation",
            ErrorKind::DangerMissesEmergency
            | ErrorKind::UrgentEndsCalm
            | ErrorKind::TopicMissed
            | ErrorKind::ScreenSkipped => "unsafe",
            ErrorKind::NoDangerScreen => "no-danger-screen",
            ErrorKind::TooManyPaths => "too-many-paths",
            ErrorKind::SafetyLint => "safety-lint",
            ErrorKind::VerbatimChanged => "verbatim",
        }
    }
}

impl Error {
    /// The message as a compiler would print it, prefixed with `file:line:col`.
    pub fn render(&self, file: &str) -> String {
        let at = match self.pos {
            Some(p) => format!("{file}:{}:{}", p.line, p.col),
            None => file.to_string(),
        };
        format!(
            "{at}: error[{}]: {}\n  help: {}",
            self.kind.code(),
            self.message,
            self.help
        )
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render("flow"))
    }
}

impl std::error::Error for Error {}

/// A position in the source file, 1-based.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    /// The line, from 1.
    pub line: u32,
    /// The column in characters (not bytes), from 1.
    pub col: u32,
}

/// Where each part of the flow was written, for messages from the analysis.
#[derive(Clone, Debug, Default)]
pub struct Spans {
    /// Where each question's `id` is written, by question index.
    pub questions: Vec<Option<Pos>>,
    /// Where each answer's `id` is written, by question and answer index.
    pub answers: Vec<Vec<Option<Pos>>>,
    /// Where each route is written, by question and route index.
    pub routes: Vec<Vec<Option<Pos>>>,
    /// Where each outcome's `id` is written, by outcome index.
    pub outcomes: Vec<Option<Pos>>,
    /// Where each advice block's `id` is written, by advice index.
    pub advice: Vec<Option<Pos>>,
    /// Where the `[flow]` table is written.
    pub flow: Option<Pos>,
    /// Where each entry of `[flow]`'s `screens` is written, by index into
    /// [`crate::model::Flow::screens`].
    pub screens: Vec<Option<Pos>>,
}
