//! The validated flow. Every index in here points at something that exists: the compiler
//! only builds a [`Flow`] once all checks and the safety proof have passed.

use crate::rich::Rich;

/// A string in every language of the flow, in the order of [`Flow::languages`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text(pub Vec<String>);

impl Text {
    /// The text in language `lang` (an index into [`Flow::languages`]), falling back to the
    /// first language.
    pub fn get(&self, lang: usize) -> &str {
        self.0
            .get(lang)
            .or_else(|| self.0.first())
            .map_or("", String::as_str)
    }

    /// This text in language `lang` only (what a pack carries).
    pub fn only(&self, lang: usize) -> Text {
        Text(vec![self.get(lang).to_string()])
    }
}

/// Rich text in every language of the flow.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RichText(pub Vec<Rich>);

impl RichText {
    /// The rich text in language `lang` (an index into [`Flow::languages`]), falling back to
    /// the first language.
    pub fn get(&self, lang: usize) -> &Rich {
        static EMPTY: Rich = Rich(Vec::new());
        self.0
            .get(lang)
            .or_else(|| self.0.first())
            .unwrap_or(&EMPTY)
    }

    /// This text in language `lang` only (what a pack carries).
    pub fn only(&self, lang: usize) -> RichText {
        RichText(vec![self.get(lang).clone()])
    }
}

/// One self-check: its questions, outcomes and advice, with every reference resolved to an index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flow {
    /// Stable id from `[flow]`, unique among a site's flows; packs are named after it.
    pub id: String,
    /// The author's version from `[flow]`, e.g. `1.0.0`; packs of one flow share it.
    pub version: String,
    /// Language codes, e.g. `["en", "es"]`; every [`Text`] has one entry per language.
    pub languages: Vec<String>,
    /// The self-check's title, shown at the top of every screen.
    pub title: Text,
    /// A short introduction to the self-check, e.g. "A few questions, one at a time."
    pub intro: Text,
    /// The disclaimer shown at the foot of every result, e.g. "This is not a diagnosis."
    pub disclaimer: Text,
    /// The first question, an index into [`Flow::questions`]: the danger screen.
    pub start: usize,
    /// The questions in file order; every question index in the flow points here.
    pub questions: Vec<Question>,
    /// The outcomes in file order; every outcome index in the flow points here.
    pub outcomes: Vec<Outcome>,
    /// The advice blocks in file order; a result shows those that apply to it.
    pub advice: Vec<Advice>,
    /// For each question, the most questions a visitor can still be asked from it
    /// (itself included): the "of about N" in the progress line.
    pub depth: Vec<u32>,
    /// A validated questionnaire the flow reproduces, scored on the result.
    pub instrument: Option<Instrument>,
    /// The questions every path must ask before it ends at a calm outcome (`support` or
    /// `self-care`), as indices into [`Flow::questions`]: `screens` in `[flow]`.
    pub screens: Vec<usize>,
}

impl Flow {
    /// The index of a language code, or the first language when the flow lacks it.
    pub fn lang(&self, code: &str) -> usize {
        let base = base_lang(code);
        self.languages.iter().position(|l| *l == base).unwrap_or(0)
    }

    /// This flow with its texts in one language only (what a pack carries). Routing,
    /// scores and ids are unchanged, so a session can move between languages.
    pub fn only(&self, lang: usize) -> Flow {
        let t = |t: &Text| t.only(lang);
        let r = |r: &RichText| r.only(lang);
        Flow {
            id: self.id.clone(),
            version: self.version.clone(),
            languages: vec![self.languages.get(lang).cloned().unwrap_or_default()],
            title: t(&self.title),
            intro: t(&self.intro),
            disclaimer: t(&self.disclaimer),
            start: self.start,
            questions: self
                .questions
                .iter()
                .map(|q| Question {
                    text: t(&q.text),
                    help: q.help.as_ref().map(r),
                    answers: q
                        .answers
                        .iter()
                        .map(|a| Answer {
                            text: t(&a.text),
                            ..a.clone()
                        })
                        .collect(),
                    ..q.clone()
                })
                .collect(),
            outcomes: self
                .outcomes
                .iter()
                .map(|o| Outcome {
                    title: t(&o.title),
                    summary: r(&o.summary),
                    ..o.clone()
                })
                .collect(),
            advice: self
                .advice
                .iter()
                .map(|a| Advice {
                    title: t(&a.title),
                    body: r(&a.body),
                    ..a.clone()
                })
                .collect(),
            depth: self.depth.clone(),
            instrument: self.instrument.as_ref().map(|i| Instrument {
                attribution: t(&i.attribution),
                bands: i
                    .bands
                    .iter()
                    .map(|b| Band {
                        label: t(&b.label),
                        ..b.clone()
                    })
                    .collect(),
                ..i.clone()
            }),
            screens: self.screens.clone(),
        }
    }

    /// Whether every index in the flow points at something that exists, so a session on
    /// it cannot go out of bounds, and no question has more than [`MAX_ANSWERS`] answers.
    /// True for every compiled flow; checked again on flows read from bytes.
    pub fn is_consistent(&self) -> bool {
        let (nq, no) = (self.questions.len(), self.outcomes.len());
        let target = |t: &Option<Target>| match t {
            Some(Target::Question(q)) => *q < nq,
            Some(Target::Outcome(o)) => *o < no,
            None => true,
        };
        fn cond(c: &Cond, f: &Flow) -> bool {
            match c {
                Cond::Chose { question, answer } => f
                    .questions
                    .get(*question)
                    .is_some_and(|q| *answer < q.answers.len()),
                Cond::All(cs) | Cond::Any(cs) => cs.iter().all(|c| cond(c, f)),
                Cond::Not(c) => cond(c, f),
                Cond::Score { questions, .. } => questions.iter().all(|&q| q < f.questions.len()),
            }
        }
        self.start < nq
            && self.depth.len() == nq
            && self.screens.iter().all(|&q| q < nq)
            && self
                .instrument
                .as_ref()
                .is_none_or(|i| i.items.iter().all(|&q| q < nq))
            && self.questions.iter().all(|q| {
                q.answers.len() <= MAX_ANSWERS
                    && q.targets().all(|(t, _)| target(&Some(t)))
                    && q.routes.iter().all(|r| cond(&r.when, self))
            })
            && self.advice.iter().all(|a| {
                a.outcomes.iter().all(|&o| o < no) && a.when.as_ref().is_none_or(|c| cond(c, self))
            })
    }

    /// Whether `other` is this flow in another language: the same id and version (packs of
    /// one flow are made from one compiled flow, so they route alike) and the same number
    /// of questions, answers and outcomes, so a session's indices stay valid.
    pub fn same_shape(&self, other: &Flow) -> bool {
        self.id == other.id
            && self.version == other.version
            && self.start == other.start
            && self.outcomes.len() == other.outcomes.len()
            && self.questions.len() == other.questions.len()
            && self
                .questions
                .iter()
                .zip(&other.questions)
                .all(|(a, b)| a.answers.len() == b.answers.len())
    }

    /// The index of the question with this id, if the flow has one.
    pub fn question(&self, id: &str) -> Option<usize> {
        self.questions.iter().position(|q| q.id == id)
    }

    /// The index of the outcome with this id, if the flow has one.
    pub fn outcome(&self, id: &str) -> Option<usize> {
        self.outcomes.iter().position(|o| o.id == id)
    }

    /// The advice blocks shown on `outcome` for these answers, in file order.
    pub fn advice_for(&self, outcome: usize, answers: &Answers) -> Vec<usize> {
        (0..self.advice.len())
            .filter(|&a| self.advice[a].applies(self, outcome, answers))
            .collect()
    }
}

/// The most answers a question may have. The compiler refuses more, and so does a pack's
/// reader: the proof and the re-check at run time try every choice of a `multiple`
/// question, 2^16 at most, where 32 answers would be four billion.
pub const MAX_ANSWERS: usize = 16;

/// The deepest a condition may nest (`not`, `all`, `any` inside one another; a single
/// answer is one level). Far more than any flow needs; the compiler refuses more, and a
/// pack's reader stops at it, so a crafted pack cannot make the reader, the session or the
/// drop of a condition recurse past the stack.
pub const MAX_COND_DEPTH: usize = 32;

/// How many answers a question takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Exactly one answer: radio buttons.
    Single,
    /// One or more answers: checkboxes, with optional exclusive answers.
    Multiple,
}

/// One question, asked on its own screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    /// Stable id, unique in the flow; conditions and paths name the question by it.
    pub id: String,
    /// Whether it takes exactly one answer or several.
    pub kind: Kind,
    /// The question itself, shown as the fieldset's legend.
    pub text: Text,
    /// Help shown under the question, if any (for a questionnaire's items, its stem).
    pub help: Option<RichText>,
    /// The answers in display order: two to 16 of them.
    pub answers: Vec<Answer>,
    /// Conditional routes, tried in file order before any `next`.
    pub routes: Vec<Route>,
    /// Where the question leads when no route holds and the chosen answer has no `next`.
    pub next: Option<Target>,
}

/// One answer of a question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    /// Stable id, unique within its question; conditions write it as `question.answer`.
    pub id: String,
    /// The answer's label.
    pub text: Text,
    /// Flagged `danger`: every path through it must end at an emergency outcome.
    pub danger: bool,
    /// Flagged `urgent`: every path through it must end at an urgent or emergency outcome.
    pub urgent: bool,
    /// Topic ids (`topics = ["abuse"]`): every path through it must end at an outcome
    /// that covers each of them ([`Outcome::topics`]) or at an emergency outcome.
    pub topics: Vec<String>,
    /// On a `multiple` question, an answer that cannot be combined with others ("None of these").
    pub exclusive: bool,
    /// The points it adds to a score ([`Cond::Score`], an instrument's total); 0 unless given.
    pub score: i32,
    /// Where a `single` question leads with this answer when no route holds.
    pub next: Option<Target>,
}

/// Where an answer leads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A question, by index into [`Flow::questions`].
    Question(usize),
    /// An outcome, by index into [`Flow::outcomes`].
    Outcome(usize),
}

/// A conditional jump out of a question: `to` when `when` holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    /// The condition, over every answer so far, this question's included.
    pub when: Cond,
    /// Where the question leads when the condition holds.
    pub to: Target,
}

/// A condition over the answers given so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cond {
    /// Answer `answer` of question `question` was chosen.
    Chose {
        /// Index into [`Flow::questions`].
        question: usize,
        /// Index into that question's [`Question::answers`].
        answer: usize,
    },
    /// Every condition holds (true when there are none).
    All(Vec<Cond>),
    /// At least one condition holds (false when there are none).
    Any(Vec<Cond>),
    /// The condition does not hold.
    Not(Box<Cond>),
    /// The sum of the chosen answers' scores over `questions` lies in `[at_least, below)`.
    Score {
        /// The questions whose chosen answers' scores are summed, as indices into
        /// [`Flow::questions`].
        questions: Vec<usize>,
        /// The smallest sum that holds (inclusive), if bounded below.
        at_least: Option<i32>,
        /// The smallest sum that no longer holds (exclusive), if bounded above.
        below: Option<i32>,
    },
}

/// How soon an outcome tells the visitor to get help, most urgent first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Urgency {
    /// Get help now: the only urgency a path through a danger answer may end at.
    Emergency,
    /// Talk to a professional soon.
    Urgent,
    /// Consider support when ready.
    Support,
    /// Ways to look after yourself (`self-care` in flow files).
    SelfCare,
}

impl Urgency {
    /// Every urgency, most urgent first: the order of the widget's urgency headings and
    /// labels.
    pub const ALL: [Urgency; 4] = [
        Urgency::Emergency,
        Urgency::Urgent,
        Urgency::Support,
        Urgency::SelfCare,
    ];

    /// The name used in flow files and in `data-urgency` attributes.
    pub fn as_str(self) -> &'static str {
        match self {
            Urgency::Emergency => "emergency",
            Urgency::Urgent => "urgent",
            Urgency::Support => "support",
            Urgency::SelfCare => "self-care",
        }
    }

    /// The urgency named `s` in a flow file (`"self-care"`, …), if it is one.
    pub fn parse(s: &str) -> Option<Urgency> {
        Urgency::ALL.into_iter().find(|u| u.as_str() == s)
    }

    /// Whether this is a calm outcome (`support` or `self-care`): one that a path may
    /// reach only after asking every question of [`Flow::screens`].
    pub fn is_calm(self) -> bool {
        matches!(self, Urgency::Support | Urgency::SelfCare)
    }

    /// Fill, border and text colours for drawings of a flow (the CLI's graphs, the
    /// studio's): red, orange, blue, green, with dark text that stays readable on each fill.
    pub fn colours(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Urgency::Emergency => ("#f8d7da", "#b02a37", "#58151c"),
            Urgency::Urgent => ("#ffe5d0", "#ca6510", "#5c2c06"),
            Urgency::Support => ("#cfe2ff", "#0a58ca", "#052c65"),
            Urgency::SelfCare => ("#d1e7dd", "#146c43", "#0a3622"),
        }
    }
}

/// Which of the region's contacts an outcome shows, in its `contacts` list's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContactGroup {
    /// The emergency number (911, 999, 112, …).
    Emergency,
    /// Crisis lines for everyone.
    Crisis,
    /// Lines for children and young people (Kids Help Phone, Kids Helpline, …).
    Youth,
    /// Domestic-abuse helplines (never in the crisis strip; some regions have none).
    Abuse,
    /// Gambling helplines (never in the crisis strip; some regions have none).
    Gambling,
}

impl ContactGroup {
    /// Every group, as a flow file's `contacts` list may name them.
    pub const ALL: [ContactGroup; 5] = [
        ContactGroup::Emergency,
        ContactGroup::Crisis,
        ContactGroup::Youth,
        ContactGroup::Abuse,
        ContactGroup::Gambling,
    ];

    /// The name used in flow files.
    pub fn as_str(self) -> &'static str {
        match self {
            ContactGroup::Emergency => "emergency",
            ContactGroup::Crisis => "crisis",
            ContactGroup::Youth => "youth",
            ContactGroup::Abuse => "abuse",
            ContactGroup::Gambling => "gambling",
        }
    }
}

/// A result: what the visitor should do, and how soon.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// Stable id, unique in the flow; `next` and routes name the outcome by it.
    pub id: String,
    /// How soon to get help: sets the result's heading and whether contacts come first.
    pub urgency: Urgency,
    /// The result's name, e.g. "Their life may be at risk".
    pub title: Text,
    /// What to do, shown under the title.
    pub summary: RichText,
    /// The contacts shown on this outcome, in order; `None` when the flow does not say
    /// (then the emergency number and the crisis lines).
    pub contacts: Option<Vec<ContactGroup>>,
    /// The topic ids this outcome covers (`topics = ["abuse"]`): a path through an answer
    /// with a topic may end here only if the topic is listed (or the outcome is an
    /// emergency).
    pub topics: Vec<String>,
}

impl Outcome {
    /// Whether the outcome shows help fit for its urgency: an emergency outcome with its own
    /// `contacts` must list the emergency number or a crisis line. The safety lint's rule,
    /// and a pack reader's.
    pub fn shows_help(&self) -> bool {
        self.urgency != Urgency::Emergency
            || self.contacts.as_ref().is_none_or(|c| {
                c.iter()
                    .any(|g| matches!(g, ContactGroup::Emergency | ContactGroup::Crisis))
            })
    }
}

/// A block of advice, shown on the results it applies to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Advice {
    /// Stable id, unique in the flow.
    pub id: String,
    /// The outcomes this block may appear on; empty means all.
    pub outcomes: Vec<usize>,
    /// The condition over the path's answers for the block to show; `None` means always.
    pub when: Option<Cond>,
    /// The block's heading.
    pub title: Text,
    /// The advice itself.
    pub body: RichText,
}

/// The answers chosen for one question, as a bit set over its answers (at most 32).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Choice(pub u32);

impl Choice {
    /// No answer chosen.
    pub const NONE: Choice = Choice(0);

    /// Only answer `answer` (an index into [`Question::answers`], below 32).
    pub fn one(answer: usize) -> Choice {
        Choice(1 << answer)
    }

    /// Whether answer `answer` is chosen.
    pub fn has(self, answer: usize) -> bool {
        answer < 32 && self.0 & (1 << answer) != 0
    }

    /// Whether no answer is chosen.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The chosen answers' indices, lowest first. Bit by set bit, not over all 32: the
    /// proof and the re-check call it for every choice they try.
    pub fn iter(self) -> impl Iterator<Item = usize> {
        let mut bits = self.0;
        std::iter::from_fn(move || {
            let a = bits.trailing_zeros() as usize;
            bits &= bits.wrapping_sub(1);
            (a < 32).then_some(a)
        })
    }
}

/// What has been answered: one optional [`Choice`] per question.
pub type Answers = [Option<Choice>];

impl Cond {
    /// Whether the condition holds for these answers (one slot per question, `None` where
    /// unanswered).
    pub fn eval(&self, flow: &Flow, answers: &Answers) -> bool {
        match self {
            Cond::Chose { question, answer } => answers[*question].is_some_and(|c| c.has(*answer)),
            Cond::All(cs) => cs.iter().all(|c| c.eval(flow, answers)),
            Cond::Any(cs) => cs.iter().any(|c| c.eval(flow, answers)),
            Cond::Not(c) => !c.eval(flow, answers),
            Cond::Score {
                questions,
                at_least,
                below,
            } => {
                // Summed in 64 bits: no pack's scores can overflow it (a crafted one could
                // overflow 32), and the run-time re-check keeps the same sums.
                let sum: i64 = questions
                    .iter()
                    .filter_map(|&q| answers[q].map(|c| (q, c)))
                    .flat_map(|(q, c)| c.iter().map(move |a| flow.questions[q].answers[a].score))
                    .map(i64::from)
                    .sum();
                at_least.is_none_or(|min| sum >= i64::from(min))
                    && below.is_none_or(|max| sum < i64::from(max))
            }
        }
    }
}

impl Cond {
    /// Adds the questions this condition reads to `out`.
    pub fn questions(&self, out: &mut Vec<usize>) {
        match self {
            Cond::Chose { question, .. } => out.push(*question),
            Cond::All(cs) | Cond::Any(cs) => cs.iter().for_each(|c| c.questions(out)),
            Cond::Not(c) => c.questions(out),
            Cond::Score { questions, .. } => out.extend(questions),
        }
    }
}

/// Which part of a question leads to a target ([`Question::targets`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// The route at this index of [`Question::routes`].
    Route(usize),
    /// The `next` of the answer at this index of [`Question::answers`].
    Answer(usize),
    /// The question's own `next`, its fallback.
    Next,
}

impl Question {
    /// Every place this question can lead, with what leads there, in the order routing
    /// tries them (routes, then answers, then the fallback): the one enumeration the proof's
    /// depths, the pack reader's index check and the graphs (CLI and studio) share.
    pub fn targets(&self) -> impl Iterator<Item = (Target, Via)> + '_ {
        let routes = self
            .routes
            .iter()
            .enumerate()
            .map(|(i, r)| (r.to, Via::Route(i)));
        let answers = self
            .answers
            .iter()
            .enumerate()
            .filter_map(|(i, a)| a.next.map(|t| (t, Via::Answer(i))));
        routes
            .chain(answers)
            .chain(self.next.map(|t| (t, Via::Next)))
    }

    /// Where this question leads with `choice`, given all answers so far (which include it).
    pub fn route(&self, flow: &Flow, choice: Choice, answers: &Answers) -> Option<Target> {
        if let Some(r) = self.routes.iter().find(|r| r.when.eval(flow, answers)) {
            return Some(r.to);
        }
        if self.kind == Kind::Single {
            if let Some(next) = choice.iter().next().and_then(|a| self.answers[a].next) {
                return Some(next);
            }
        }
        self.next
    }

    /// Every choice a visitor can make on this question.
    pub fn choices(&self) -> Vec<Choice> {
        match self.kind {
            Kind::Single => (0..self.answers.len()).map(Choice::one).collect(),
            Kind::Multiple => {
                let open: Vec<usize> = (0..self.answers.len())
                    .filter(|&a| !self.answers[a].exclusive)
                    .collect();
                let mut out = Vec::new();
                for mask in 1u32..(1u32 << open.len()) {
                    let bits = open
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| mask & (1 << i) != 0)
                        .fold(0, |acc, (_, &a)| acc | 1 << a);
                    out.push(Choice(bits));
                }
                out.extend(
                    (0..self.answers.len())
                        .filter(|&a| self.answers[a].exclusive)
                        .map(Choice::one),
                );
                out
            }
        }
    }
}

impl Advice {
    /// Whether this block shows on `outcome` with these answers: the outcome is listed (or
    /// none are) and `when` holds.
    pub fn applies(&self, flow: &Flow, outcome: usize, answers: &Answers) -> bool {
        (self.outcomes.is_empty() || self.outcomes.contains(&outcome))
            && self.when.as_ref().is_none_or(|c| c.eval(flow, answers))
    }
}

/// The normalised base language of a code such as `es-MX`, `FR_ca` or ` en `: lower-case,
/// before any region part. The one place where language codes are normalised.
pub fn base_lang(code: &str) -> String {
    let code = code.trim().to_ascii_lowercase();
    code.split(['-', '_']).next().unwrap_or("").to_string()
}

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
