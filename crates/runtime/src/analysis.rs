//! Path analysis and the safety proof.
//!
//! Every path a visitor can take is covered, choice by choice, with the real routing rules
//! evaluated on the answers given so far, so the proof covers exactly what the session will
//! do. Paths are not listed one by one: the walk is memoised on states (the question, the
//! answers some condition reads, and what the path so far obliges its ending to be: the
//! first danger and urgent answers taken, the first answer that raised each topic, which
//! `screens` questions were asked), so a flow with billions of paths is still proven
//! quickly when few of its answers feed conditions.

use std::collections::HashMap;

use crate::error::Spans;
use crate::error::{Error, ErrorKind};
use crate::model::*;

/// One complete walk through the flow: the choices made, in order, and where it ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Path {
    /// The questions asked in order, as indices into [`Flow::questions`], each with the
    /// answers chosen.
    pub steps: Vec<(usize, Choice)>,
    /// Where the path ends, an index into [`Flow::outcomes`].
    pub outcome: usize,
}

impl Path {
    /// The path as `question=answer+answer …`, the form tests and the CLI use.
    pub fn describe(&self, flow: &Flow) -> String {
        self.steps
            .iter()
            .map(|&(q, c)| describe_step(flow, q, c))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The answers along this path, one slot per question.
    pub fn answers(&self, flow: &Flow) -> Vec<Option<Choice>> {
        let mut answers = vec![None; flow.questions.len()];
        for &(q, c) in &self.steps {
            answers[q] = Some(c);
        }
        answers
    }

    /// The ids of the advice shown at this path's end, in the flow's order.
    pub fn advice_ids<'f>(&self, flow: &'f Flow) -> Vec<&'f str> {
        flow.advice_for(self.outcome, &self.answers(flow))
            .into_iter()
            .map(|a| flow.advice[a].id.as_str())
            .collect()
    }

    /// Where the path ends, as the path listing prints it: `outcome (urgency): advice …`.
    pub fn ending(&self, flow: &Flow) -> String {
        let outcome = &flow.outcomes[self.outcome];
        format!(
            "{} ({}): {}",
            outcome.id,
            outcome.urgency.as_str(),
            self.advice_ids(flow).join(" ")
        )
    }

    /// The most answers ticked on one question of this path (1 on a path of radios). The
    /// path listing keeps only paths with at most two, where checkbox combinations would
    /// otherwise run to tens of thousands of rows; the proof covers every path.
    pub fn most_ticked(&self) -> usize {
        self.steps
            .iter()
            .map(|&(_, c)| c.iter().count())
            .max()
            .unwrap_or(0)
    }

    /// Whether an answer chosen on this path is flagged `danger`.
    pub fn has_danger(&self, flow: &Flow) -> bool {
        self.steps
            .iter()
            .any(|&(q, c)| c.iter().any(|a| flow.questions[q].answers[a].danger))
    }
}

/// One step as `question=answer+answer`, by ids.
pub fn describe_step(flow: &Flow, q: usize, c: Choice) -> String {
    let question = &flow.questions[q];
    let answers: Vec<&str> = c.iter().map(|a| question.answers[a].id.as_str()).collect();
    format!("{}={}", question.id, answers.join("+"))
}

/// A rule the flow breaks, found by the analysis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The first question has no `danger` answer.
    NoDangerScreen,
    /// A question leads back to one already asked on the same path.
    Cycle {
        /// The question that leads back.
        from: usize,
        /// The question already on the path.
        to: usize,
        /// A path that shows it, as `question=answer` steps.
        path: String,
    },
    /// A choice on a question leads nowhere: no route holds and there is no `next`.
    DeadEnd {
        /// The question whose choice leads nowhere.
        question: usize,
        /// The path up to and including that choice, as `question=answer` steps.
        path: String,
    },
    /// A path through a danger answer ends at an outcome that is not an emergency.
    DangerMissesEmergency {
        /// The question of the danger answer.
        question: usize,
        /// The danger answer, an index into that question's answers.
        answer: usize,
        /// The outcome the path ends at.
        outcome: usize,
        /// The path, as `question=answer` steps.
        path: String,
    },
    /// A path through an urgent answer ends at a calm outcome (`support` or `self-care`).
    UrgentEndsCalm {
        /// The question of the urgent answer.
        question: usize,
        /// The urgent answer, an index into that question's answers.
        answer: usize,
        /// The outcome the path ends at.
        outcome: usize,
        /// The path, as `question=answer` steps.
        path: String,
    },
    /// A path through an answer with a topic ends at an outcome that neither covers the
    /// topic nor is an emergency.
    TopicMissed {
        /// The question of the answer that raised the topic.
        question: usize,
        /// That answer, an index into the question's answers.
        answer: usize,
        /// The topic's id.
        topic: String,
        /// The outcome the path ends at.
        outcome: usize,
        /// The path, as `question=answer` steps.
        path: String,
    },
    /// A path ends at a calm outcome without asking a question of [`Flow::screens`].
    ScreenSkipped {
        /// The question not asked, an index into [`Flow::questions`].
        question: usize,
        /// The calm outcome the path ends at.
        outcome: usize,
        /// The path, as `question=answer` steps.
        path: String,
    },
    /// No path asks this question (an index into [`Flow::questions`]).
    UnreachableQuestion(usize),
    /// No path ends at this outcome (an index into [`Flow::outcomes`]).
    UnreachableOutcome(usize),
    /// This advice block is shown on no path (an index into [`Flow::advice`]).
    UnreachableAdvice(usize),
    /// A route whose condition is false on every path that reaches its question.
    NeverTrue {
        /// The question the route belongs to.
        question: usize,
        /// Index into that question's [`Question::routes`].
        route: usize,
    },
    /// The walk passed [`MAX_STATES`] states and stopped: nothing is proven.
    TooManyPaths,
}

/// What the proof measured.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Distinct paths from the first question to an outcome (saturating).
    pub paths: u128,
    /// The most questions on one path.
    pub longest: usize,
    /// Distinct states explored: what the proof's cost grows with.
    pub states: usize,
}

/// What [`analyze`] found: measurements and every rule the flow breaks.
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    /// What the proof measured.
    pub stats: Stats,
    /// Every rule the flow breaks; empty when it is proven.
    pub problems: Vec<Problem>,
}

/// The most distinct states the proof will explore before giving up.
pub const MAX_STATES: usize = 2_000_000;

/// What is known about everything below a state once it has been explored.
#[derive(Clone)]
struct Summary {
    paths: u128,
    longest: usize,
    /// Questions asked somewhere below, as a bit set: used to find cycles through states
    /// first explored from another prefix.
    questions: Vec<u64>,
}

/// What the path so far obliges its ending to be: everything the path rules read besides
/// the answers. Each answer is `(question, answer)`; the first one taken is kept, the one
/// a broken rule is reported against.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
struct Marks {
    /// The first `danger` answer: the path must end at an emergency outcome.
    danger: Option<(usize, usize)>,
    /// The first `urgent` answer: the path must end at an urgent or emergency outcome.
    urgent: Option<(usize, usize)>,
    /// For each topic (an index into [`Rules::topics`]), the first answer that raised it:
    /// the path must end at an outcome that covers it, or at an emergency outcome.
    topics: Vec<Option<(usize, usize)>>,
    /// Which questions of [`Flow::screens`] were asked, a bit set by their index there: a
    /// calm outcome needs them all.
    asked: u64,
}

/// A state: the question on screen, the answers so far that some condition reads, and the
/// [`Marks`] of the path. Prefixes with the same state have the same futures, so each
/// state is explored once and the proof stays exact without listing every path.
type Key = (usize, Vec<Option<Choice>>, Marks);

/// The tables the ending rules read, made once per proof.
struct Rules<'f> {
    /// Every topic some answer raises, in order of first mention.
    topics: Vec<&'f str>,
    /// For each question and answer, the topics it raises, as indices into `topics`.
    raises: Vec<Vec<Vec<usize>>>,
    /// For each outcome and topic, whether the outcome covers it (emergencies cover all).
    covers: Vec<Vec<bool>>,
    /// For each question, its bit in [`Marks::asked`] (0 when it is not a screen).
    screen_bit: Vec<u64>,
}

impl<'f> Rules<'f> {
    fn new(flow: &'f Flow) -> Rules<'f> {
        let mut topics: Vec<&str> = Vec::new();
        for t in flow
            .questions
            .iter()
            .flat_map(|q| &q.answers)
            .flat_map(|a| &a.topics)
        {
            if !topics.contains(&t.as_str()) {
                topics.push(t);
            }
        }
        let topic = |t: &String| topics.iter().position(|k| k == t);
        let raises = flow
            .questions
            .iter()
            .map(|q| {
                q.answers
                    .iter()
                    .map(|a| a.topics.iter().filter_map(topic).collect())
                    .collect()
            })
            .collect();
        let covers = flow
            .outcomes
            .iter()
            .map(|o| {
                topics
                    .iter()
                    .map(|t| o.urgency == Urgency::Emergency || o.topics.iter().any(|k| k == t))
                    .collect()
            })
            .collect();
        let mut screen_bit = vec![0; flow.questions.len()];
        for (i, &q) in flow.screens.iter().enumerate().take(64) {
            screen_bit[q] = 1 << i;
        }
        Rules {
            topics,
            raises,
            covers,
            screen_bit,
        }
    }
}

struct Proof<'f> {
    flow: &'f Flow,
    /// The questions whose answers some condition reads.
    relevant: Vec<usize>,
    answers: Vec<Option<Choice>>,
    steps: Vec<(usize, Choice)>,
    on_path: Vec<bool>,
    memo: HashMap<Key, Summary>,
    problems: Vec<Problem>,
    seen_questions: Vec<bool>,
    reached_outcome: Vec<bool>,
    reached_advice: Vec<bool>,
    route_fired: Vec<Vec<bool>>,
    rules: Rules<'f>,
    reported_danger: Vec<(usize, usize)>,
    reported_urgent: Vec<(usize, usize)>,
    reported_topic: Vec<(usize, usize, usize)>,
    reported_screen: Vec<usize>,
    reported_cycle: Vec<(usize, usize)>,
    aborted: bool,
}

/// Proves the safety rules and checks every path, exploring each distinct state once.
pub fn analyze(flow: &Flow) -> Analysis {
    let mut relevant = Vec::new();
    for r in flow.questions.iter().flat_map(|q| &q.routes) {
        r.when.questions(&mut relevant);
    }
    for c in flow.advice.iter().filter_map(|a| a.when.as_ref()) {
        c.questions(&mut relevant);
    }
    relevant.sort_unstable();
    relevant.dedup();
    let n = flow.questions.len();
    let mut p = Proof {
        flow,
        relevant,
        answers: vec![None; n],
        steps: Vec::new(),
        on_path: vec![false; n],
        memo: HashMap::new(),
        problems: Vec::new(),
        seen_questions: vec![false; n],
        reached_outcome: vec![false; flow.outcomes.len()],
        reached_advice: vec![false; flow.advice.len()],
        route_fired: flow
            .questions
            .iter()
            .map(|q| vec![false; q.routes.len()])
            .collect(),
        rules: Rules::new(flow),
        reported_danger: Vec::new(),
        reported_urgent: Vec::new(),
        reported_topic: Vec::new(),
        reported_screen: Vec::new(),
        reported_cycle: Vec::new(),
        aborted: false,
    };
    if !flow.questions[flow.start].answers.iter().any(|a| a.danger) {
        p.problems.push(Problem::NoDangerScreen);
    }
    let start = Marks {
        topics: vec![None; p.rules.topics.len()],
        ..Marks::default()
    };
    let top = p.explore(flow.start, start);
    let stats = Stats {
        paths: top.paths,
        longest: top.longest,
        states: p.memo.len(),
    };
    let mut problems = p.problems;
    if p.aborted {
        problems.push(Problem::TooManyPaths);
        return Analysis { stats, problems };
    }
    for (q, seen) in p.seen_questions.iter().enumerate() {
        if !seen {
            problems.push(Problem::UnreachableQuestion(q));
        }
    }
    for (q, fired) in p.route_fired.iter().enumerate() {
        for (r, &f) in fired.iter().enumerate() {
            if !f && p.seen_questions[q] {
                problems.push(Problem::NeverTrue {
                    question: q,
                    route: r,
                });
            }
        }
    }
    for (o, reached) in p.reached_outcome.iter().enumerate() {
        if !reached {
            problems.push(Problem::UnreachableOutcome(o));
        }
    }
    for (a, reached) in p.reached_advice.iter().enumerate() {
        if !reached {
            problems.push(Problem::UnreachableAdvice(a));
        }
    }
    Analysis { stats, problems }
}

impl Proof<'_> {
    fn explore(&mut self, q: usize, marks: Marks) -> Summary {
        let key: Key = (
            q,
            self.relevant.iter().map(|&r| self.answers[r]).collect(),
            marks,
        );
        if let Some(done) = self.memo.get(&key).cloned() {
            self.check_cycle_below(q, &done);
            return done;
        }
        if self.memo.len() >= MAX_STATES {
            self.aborted = true;
            return Summary {
                paths: 0,
                longest: 0,
                questions: Vec::new(),
            };
        }
        self.seen_questions[q] = true;
        self.on_path[q] = true;
        let mut sum = Summary {
            paths: 0,
            longest: 1,
            questions: vec![0; self.flow.questions.len().div_ceil(64)],
        };
        sum.questions[q / 64] |= 1 << (q % 64);
        let question = &self.flow.questions[q];
        for choice in question.choices() {
            if self.aborted {
                break;
            }
            self.answers[q] = Some(choice);
            self.steps.push((q, choice));
            let marks_here = self.mark(&key.2, q, choice);
            if let Some(r) = question
                .routes
                .iter()
                .position(|r| r.when.eval(self.flow, &self.answers))
            {
                self.route_fired[q][r] = true;
            }
            match question.route(self.flow, choice, &self.answers) {
                Some(Target::Outcome(o)) => {
                    sum.paths = sum.paths.saturating_add(1);
                    self.reach_outcome(o, &marks_here);
                }
                Some(Target::Question(next)) if self.on_path[next] => self.cycle(q, next),
                Some(Target::Question(next)) => {
                    let below = self.explore(next, marks_here);
                    sum.paths = sum.paths.saturating_add(below.paths);
                    sum.longest = sum.longest.max(below.longest + 1);
                    for (w, b) in sum.questions.iter_mut().zip(&below.questions) {
                        *w |= b;
                    }
                }
                None => {
                    let path = self.describe();
                    self.problems.push(Problem::DeadEnd { question: q, path });
                }
            }
            self.steps.pop();
        }
        self.answers[q] = None;
        self.on_path[q] = false;
        self.memo.insert(key, sum.clone());
        sum
    }

    /// The marks after choosing `choice` on question `q`, given those before it.
    fn mark(&self, before: &Marks, q: usize, choice: Choice) -> Marks {
        let mut m = before.clone();
        m.asked |= self.rules.screen_bit[q];
        for a in choice.iter() {
            let answer = &self.flow.questions[q].answers[a];
            if answer.danger {
                m.danger = m.danger.or(Some((q, a)));
            }
            if answer.urgent {
                m.urgent = m.urgent.or(Some((q, a)));
            }
            for &t in &self.rules.raises[q][a] {
                m.topics[t] = m.topics[t].or(Some((q, a)));
            }
        }
        m
    }

    fn reach_outcome(&mut self, o: usize, marks: &Marks) {
        self.reached_outcome[o] = true;
        for (i, advice) in self.flow.advice.iter().enumerate() {
            if !self.reached_advice[i] && advice.applies(self.flow, o, &self.answers) {
                self.reached_advice[i] = true;
            }
        }
        let urgency = self.flow.outcomes[o].urgency;
        if let Some((q, a)) = marks.danger {
            if urgency != Urgency::Emergency && !self.reported_danger.contains(&(q, a)) {
                self.reported_danger.push((q, a));
                let path = self.describe();
                self.problems.push(Problem::DangerMissesEmergency {
                    question: q,
                    answer: a,
                    outcome: o,
                    path,
                });
            }
        }
        if let Some((q, a)) = marks.urgent {
            if urgency.is_calm() && !self.reported_urgent.contains(&(q, a)) {
                self.reported_urgent.push((q, a));
                let path = self.describe();
                self.problems.push(Problem::UrgentEndsCalm {
                    question: q,
                    answer: a,
                    outcome: o,
                    path,
                });
            }
        }
        self.check_topics(o, marks);
        if urgency.is_calm() {
            self.check_screens(o, marks.asked);
        }
    }

    /// Every topic raised on the path must be covered by outcome `o`.
    fn check_topics(&mut self, o: usize, marks: &Marks) {
        for (t, raised) in marks.topics.iter().enumerate() {
            let Some((q, a)) = *raised else { continue };
            if self.rules.covers[o][t] || self.reported_topic.contains(&(q, a, t)) {
                continue;
            }
            self.reported_topic.push((q, a, t));
            let path = self.describe();
            self.problems.push(Problem::TopicMissed {
                question: q,
                answer: a,
                topic: self.rules.topics[t].to_string(),
                outcome: o,
                path,
            });
        }
    }

    /// A path ending at the calm outcome `o` must have asked every screen question.
    fn check_screens(&mut self, o: usize, asked: u64) {
        for (i, &q) in self.flow.screens.iter().enumerate().take(64) {
            if asked & (1 << i) != 0 || self.reported_screen.contains(&q) {
                continue;
            }
            self.reported_screen.push(q);
            let path = self.describe();
            self.problems.push(Problem::ScreenSkipped {
                question: q,
                outcome: o,
                path,
            });
        }
    }

    fn cycle(&mut self, from: usize, to: usize) {
        if !self.reported_cycle.contains(&(from, to)) {
            self.reported_cycle.push((from, to));
            let path = self.describe();
            self.problems.push(Problem::Cycle { from, to, path });
        }
    }

    /// A state explored before, from another prefix, can still lead back to a question on
    /// this path.
    fn check_cycle_below(&mut self, q: usize, below: &Summary) {
        let on_path_below = |b: usize| {
            self.on_path[b]
                && below
                    .questions
                    .get(b / 64)
                    .is_some_and(|w| w & (1 << (b % 64)) != 0)
        };
        if let Some(to) = (0..self.flow.questions.len()).find(|&b| on_path_below(b)) {
            self.cycle(q, to);
        }
    }

    fn describe(&self) -> String {
        self.steps
            .iter()
            .map(|&(q, c)| describe_step(self.flow, q, c))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Reads the path notation that [`Path::describe`] writes: `q1=a,q2=b+c` (commas or spaces
/// between questions, so a line of `selfcheck paths` can be pasted as is). Returns each
/// question index with its answers, or what is wrong in a sentence. The one reader of the
/// notation: the CLI and the tests use it.
pub fn parse_answers(flow: &Flow, spec: &str) -> Result<Vec<(usize, Choice)>, String> {
    let mut out: Vec<(usize, Choice)> = Vec::new();
    for step in spec
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
    {
        let Some((q, answers)) = step.split_once('=') else {
            return Err(format!(
                "\"{step}\" is not an answer: write question=answer, e.g. danger=no"
            ));
        };
        let Some(qi) = flow.question(q) else {
            let known: Vec<&str> = flow.questions.iter().map(|q| q.id.as_str()).collect();
            return Err(format!(
                "the flow has no question \"{q}\"; its questions are: {}",
                known.join(", ")
            ));
        };
        if out.iter().any(|&(o, _)| o == qi) {
            return Err(format!("\"{q}\" is answered twice"));
        }
        let question = &flow.questions[qi];
        let mut choice = Choice::NONE;
        for a in answers.split('+') {
            let Some(ai) = question.answers.iter().position(|x| x.id == a) else {
                let known: Vec<&str> = question.answers.iter().map(|a| a.id.as_str()).collect();
                return Err(format!(
                    "question \"{q}\" has no answer \"{a}\"; its answers are: {}",
                    known.join(", ")
                ));
            };
            choice = Choice(choice.0 | Choice::one(ai).0);
        }
        let count = choice.iter().count();
        if question.kind == Kind::Single && count > 1 {
            return Err(format!(
                "question \"{q}\" takes one answer, but \"{answers}\" gives {count}"
            ));
        }
        if let Some(x) = choice.iter().find(|&a| question.answers[a].exclusive) {
            if count > 1 {
                return Err(format!(
                    "answer \"{}\" of question \"{q}\" cannot be combined with others",
                    question.answers[x].id
                ));
            }
        }
        out.push((qi, choice));
    }
    Ok(out)
}

/// Lists every path, or `None` when there are more than `max`. For the CLI and the tests:
/// the proof itself never lists paths.
pub fn paths(flow: &Flow, max: usize) -> Option<Vec<Path>> {
    let (out, complete) = collect(flow, max);
    complete.then_some(out)
}

/// The first `n` paths in listing order, without walking the rest: what the studio shows
/// on each pause in typing.
pub fn first_paths(flow: &Flow, n: usize) -> Vec<Path> {
    if n == 0 {
        return Vec::new();
    }
    let (mut out, _) = collect(flow, n - 1);
    out.truncate(n);
    out
}

/// Walks the paths in listing order, stopping once more than `max` are found; says whether
/// the walk finished.
fn collect(flow: &Flow, max: usize) -> (Vec<Path>, bool) {
    fn walk(
        flow: &Flow,
        q: usize,
        answers: &mut [Option<Choice>],
        steps: &mut Vec<(usize, Choice)>,
        out: &mut Vec<Path>,
        max: usize,
    ) -> bool {
        for choice in flow.questions[q].choices() {
            answers[q] = Some(choice);
            steps.push((q, choice));
            let ok = match flow.questions[q].route(flow, choice, answers) {
                Some(Target::Outcome(o)) => {
                    out.push(Path {
                        steps: steps.clone(),
                        outcome: o,
                    });
                    out.len() <= max
                }
                Some(Target::Question(next)) if !steps.iter().any(|&(s, _)| s == next) => {
                    walk(flow, next, answers, steps, out, max)
                }
                _ => true,
            };
            steps.pop();
            answers[q] = None;
            if !ok {
                return false;
            }
        }
        true
    }
    let mut out = Vec::new();
    let complete = walk(
        flow,
        flow.start,
        &mut vec![None; flow.questions.len()],
        &mut Vec::new(),
        &mut out,
        max,
    );
    (out, complete)
}

/// For each question, the most questions that can still be asked from it (itself included).
pub fn depths(flow: &Flow) -> Vec<u32> {
    fn depth(flow: &Flow, q: usize, memo: &mut Vec<Option<u32>>, active: &mut Vec<bool>) -> u32 {
        if let Some(d) = memo[q] {
            return d;
        }
        if active[q] {
            return 0;
        }
        active[q] = true;
        let mut best = 0;
        for (t, _) in flow.questions[q].targets() {
            if let Target::Question(n) = t {
                best = best.max(depth(flow, n, memo, active));
            }
        }
        active[q] = false;
        memo[q] = Some(best + 1);
        best + 1
    }
    let mut memo = vec![None; flow.questions.len()];
    let mut active = vec![false; flow.questions.len()];
    (0..flow.questions.len())
        .map(|q| depth(flow, q, &mut memo, &mut active))
        .collect()
}

impl Problem {
    /// The problem as an [`Error`] for the author, placed with `spans` where it was written.
    pub fn to_error(&self, flow: &Flow, spans: &Spans) -> Error {
        if let Some(e) = self.ending_error(flow, spans) {
            return e;
        }
        let q = |i: usize| &flow.questions[i].id;
        let at = |v: &Vec<Option<crate::error::Pos>>, i: usize| v.get(i).copied().flatten();
        let (pos, kind, message, help) = match self {
            Problem::NoDangerScreen => (
                at(&spans.questions, flow.start),
                ErrorKind::NoDangerScreen,
                format!("the first question, \"{}\", does not screen for danger: none of its answers has flags = [\"danger\"]", q(flow.start)),
                "start the flow with a question about immediate danger whose danger answers lead to an emergency outcome".to_string(),
            ),
            Problem::Cycle { from, to, path } => (
                at(&spans.questions, *from),
                ErrorKind::Cycle,
                format!("question \"{}\" leads back to \"{}\", which was already asked on this path: {path}", q(*from), q(*to)),
                "send the answer on to a later question or to an outcome".to_string(),
            ),
            Problem::DeadEnd { question, path } => (
                at(&spans.questions, *question),
                ErrorKind::DeadEnd,
                format!("question \"{}\" leads nowhere after: {path}", q(*question)),
                "give the answer a `next`, or give the question a `next` that applies when no route does".to_string(),
            ),
            Problem::DangerMissesEmergency { question, answer, outcome, path } => (
                spans.answers.get(*question).and_then(|a| a.get(*answer)).copied().flatten(),
                ErrorKind::DangerMissesEmergency,
                format!(
                    "the danger answer \"{}.{}\" can end at outcome \"{}\" ({}), not at emergency help: {path}",
                    q(*question),
                    flow.questions[*question].answers[*answer].id,
                    flow.outcomes[*outcome].id,
                    flow.outcomes[*outcome].urgency.as_str()
                ),
                "route every path through a danger answer to an outcome with urgency = \"emergency\"".to_string(),
            ),
            Problem::UnreachableQuestion(i) => (at(&spans.questions, *i), ErrorKind::Unreachable, format!("no path reaches question \"{}\"", q(*i)), "point a `next` or a route at it, or remove it".to_string()),
            Problem::UnreachableOutcome(i) => (at(&spans.outcomes, *i), ErrorKind::Unreachable, format!("no path reaches outcome \"{}\"", flow.outcomes[*i].id), "point a `next` or a route at it, or remove it".to_string()),
            Problem::UnreachableAdvice(i) => (
                at(&spans.advice, *i),
                ErrorKind::Unreachable,
                format!("advice \"{}\" is shown on no path: its `when` never holds on a path to its outcomes", flow.advice[*i].id),
                "check its `when` and `outcomes` against the routes that lead there".to_string(),
            ),
            Problem::NeverTrue { question, route } => (
                spans.routes.get(*question).and_then(|r| r.get(*route)).copied().flatten(),
                ErrorKind::NeverTrue,
                format!("route {} of question \"{}\" never applies on any path that reaches it", route + 1, q(*question)),
                "fix its `when`, or move it above a route that always applies first".to_string(),
            ),
            Problem::TooManyPaths => (spans.flow, ErrorKind::TooManyPaths, format!("the flow has more than {MAX_STATES} distinct answer states, too many to prove safe"), "split long \"multiple\" questions, or end branches sooner".to_string()),
            Problem::UrgentEndsCalm { .. } | Problem::TopicMissed { .. } | Problem::ScreenSkipped { .. } => {
                unreachable!("placed by ending_error")
            }
        };
        Error {
            pos,
            kind,
            message,
            help,
        }
    }

    /// The error for a broken rule of where an `urgent` answer, a topic or a calm outcome
    /// may lead; `None` for the other problems.
    fn ending_error(&self, flow: &Flow, spans: &Spans) -> Option<Error> {
        let answer = |q: usize, a: usize| {
            let pos = spans
                .answers
                .get(q)
                .and_then(|s| s.get(a))
                .copied()
                .flatten();
            (
                pos,
                format!(
                    "{}.{}",
                    flow.questions[q].id, flow.questions[q].answers[a].id
                ),
            )
        };
        let ending = |o: usize| {
            format!(
                "\"{}\" ({})",
                flow.outcomes[o].id,
                flow.outcomes[o].urgency.as_str()
            )
        };
        Some(match self {
            Problem::UrgentEndsCalm {
                question,
                answer: a,
                outcome,
                path,
            } => {
                let (pos, id) = answer(*question, *a);
                Error::new(
                    pos,
                    ErrorKind::UrgentEndsCalm,
                    format!("the urgent answer \"{id}\" can end at outcome {}, not at urgent or emergency help: {path}", ending(*outcome)),
                    "route every path through an urgent answer to an outcome with urgency = \"urgent\" or \"emergency\"",
                )
            }
            Problem::TopicMissed {
                question,
                answer: a,
                topic,
                outcome,
                path,
            } => {
                let (pos, id) = answer(*question, *a);
                Error::new(
                    pos,
                    ErrorKind::TopicMissed,
                    format!("the answer \"{id}\" raises the topic \"{topic}\", but can end at outcome {}, which does not cover it: {path}", ending(*outcome)),
                    format!("route every path through this answer to an outcome with \"{topic}\" in its `topics` or with urgency = \"emergency\""),
                )
            }
            Problem::ScreenSkipped {
                question,
                outcome,
                path,
            } => {
                let i = flow.screens.iter().position(|s| s == question);
                Error::new(
                    i.and_then(|i| spans.screens.get(i)).copied().flatten().or(spans.flow),
                    ErrorKind::ScreenSkipped,
                    format!("the calm outcome {} can be reached without asking \"{}\", which [flow] `screens` lists: {path}", ending(*outcome), flow.questions[*question].id),
                    format!("ask every visitor these questions before a calm outcome: route this path through \"{}\", or end it at an urgent or emergency outcome", flow.questions[*question].id),
                )
            }
            _ => return None,
        })
    }
}

// The re-check where a pack runs.
//
// A pack is only made from a proven flow, but the widget reads whatever bytes it is given:
// a pack edited by hand (with its checksum fixed) could send a danger answer to a calm
// outcome. `analyze` would catch it, but it is too slow for every page view (natively
// about 20 ms on the default flow, 300 ms on the PHQ-9, whose score routes make it track
// every item's answer) and recurses as deep as a crafted flow is long. `recheck`
// enforces the same path rules exactly, cheaper (natively 1.5 ms and 0.1 ms): it tracks
// only the answers that routes read by `Chose` and, for each `score` condition, the sum
// so far (not the answers behind it), keeps the marks as bits, walks with its own stack,
// stops at the first problem and has a budget. It leaves out what is not a visitor's safety
// (unreachable parts, routes that never apply) and asks for more than the proof on one
// point: no question may lead back to one before it on any route, taken or not (the proof
// only refuses loops some path takes), so the walk and the session always end.

/// The most distinct states [`recheck`] explores before it refuses a flow as too large to
/// check: the bundled flows need 656 at most (the default flow; docs/performance.md). A
/// pack build runs the same check, so a flow past it fails the build, never a page.
pub const RECHECK_STATES: usize = 50_000;

/// The most work [`recheck`] does before it refuses a flow: a choice tried costs one, plus
/// one per node of its question's route conditions and per score sum it adds to; a state
/// costs the length of its key, a probe of the table of states one. Bounds its time (a
/// crafted pack is refused in about 0.2 s natively) and its memory (the keys hold at most
/// this many words) on any pack; the bundled flows need 172,312 at most.
pub const RECHECK_WORK: usize = 2_000_000;

/// A mark of the path: a danger answer was taken (the path must end at an emergency).
const DANGER: u8 = 1;
/// A mark of the path: an urgent answer was taken (it must not end calm).
const URGENT: u8 = 2;

/// What the path so far obliges its ending to be, as bits: [`DANGER`] and [`URGENT`], the
/// topics raised (by index in [`Recheck::topics`]) and the `screens` asked (by index in
/// [`Flow::screens`]).
#[derive(Clone, Copy, Default)]
struct Bits {
    flags: u8,
    topics: u64,
    asked: u64,
}

/// A question on the walk's stack, with the next of its choices to try.
struct Frame {
    q: usize,
    next: usize,
    marks: Bits,
    /// Each score condition's sum over the answers before this question.
    sums: Vec<i64>,
}

/// The tables [`recheck`] reads, made once.
struct Recheck<'f> {
    flow: &'f Flow,
    /// The questions whose answers some route's `Chose` reads.
    tracked: Vec<usize>,
    /// For each question, the score conditions (by index) its answers add to, once per
    /// time the condition lists it.
    adds: Vec<Vec<usize>>,
    /// How many score conditions the routes have.
    sums: usize,
    /// Every topic some answer raises.
    topics: Vec<&'f str>,
    /// For each outcome, the topics it covers (all for an emergency).
    covers: Vec<u64>,
    /// For each question, its bit in [`Bits::asked`].
    screen_bit: Vec<u64>,
    /// Every bit of [`Bits::asked`]: a calm outcome needs them all.
    screens: u64,
    /// For each question, the work of trying one of its choices.
    cost: Vec<usize>,
}

/// Re-checks a consistent flow ([`Flow::is_consistent`], conditions at most
/// [`MAX_COND_DEPTH`] deep, as a pack's reader makes sure) where it runs: every path from
/// the first question, with the session's routing, ends at an outcome; a danger answer
/// only at an emergency, an urgent one never at a calm outcome, a topic only where it is
/// covered or at an emergency; a calm outcome only after every `screens` question; the
/// first question screens for danger; no question leads back to an earlier one. Returns
/// the states explored, or what fails in a short sentence for the site's author.
pub fn recheck(flow: &Flow) -> Result<usize, String> {
    let start = &flow.questions[flow.start];
    if !start.answers.iter().any(|a| a.danger) {
        return Err(format!(
            "first question \"{}\" has no danger answer",
            start.id
        ));
    }
    no_loops(flow)?;
    Recheck::new(flow)?.walk()
}

/// Refuses a flow where some question can lead, by any route or `next`, to one already
/// on the way to it: a depth-first search with its own stack (a crafted flow may chain
/// thousands of questions).
fn no_loops(flow: &Flow) -> Result<(), String> {
    // 0: not yet seen, 1: on the search's stack, 2: done.
    let mut seen = vec![0u8; flow.questions.len()];
    for root in 0..seen.len() {
        if seen[root] != 0 {
            continue;
        }
        seen[root] = 1;
        let mut stack = vec![(root, 0)];
        while let Some((q, i)) = stack.last_mut() {
            let q = *q;
            *i += 1;
            let Some(to) = leads_to(&flow.questions[q], *i - 1) else {
                seen[q] = 2;
                stack.pop();
                continue;
            };
            let Some(Target::Question(n)) = to else {
                continue;
            };
            match seen[n] {
                0 => {
                    seen[n] = 1;
                    stack.push((n, 0));
                }
                1 => {
                    let id = |q: usize| &flow.questions[q].id;
                    return Err(format!(
                        "question \"{}\" leads back to \"{}\"",
                        id(q),
                        id(n)
                    ));
                }
                _ => {}
            }
        }
    }
    Ok(())
}

/// The `i`th place `q` may lead to, as [`Question::route`] may pick it: its routes, its
/// answers' `next` (on a `single` question), its own `next`; `None` past the last.
fn leads_to(q: &Question, i: usize) -> Option<Option<Target>> {
    let routes = q.routes.len();
    let answers = if q.kind == Kind::Single {
        q.answers.len()
    } else {
        0
    };
    if i < routes {
        Some(Some(q.routes[i].to))
    } else if i < routes + answers {
        Some(q.answers[i - routes].next)
    } else {
        (i == routes + answers).then_some(q.next)
    }
}

/// Collects what a condition reads: the questions of its `Chose`s into `chose`, each
/// `score` condition as its list of questions into `scores`; returns its nodes.
fn reads<'f>(c: &'f Cond, chose: &mut Vec<usize>, scores: &mut Vec<&'f [usize]>) -> usize {
    match c {
        Cond::Chose { question, .. } => {
            chose.push(*question);
            1
        }
        Cond::All(cs) | Cond::Any(cs) => {
            1 + cs.iter().map(|c| reads(c, chose, scores)).sum::<usize>()
        }
        Cond::Not(c) => 1 + reads(c, chose, scores),
        Cond::Score { questions, .. } => {
            scores.push(questions);
            1
        }
    }
}

/// The `i`th of a question's choices, in the order of [`Question::choices`] (which is not
/// called: a `multiple` question of 16 answers has 65,535 choices).
fn nth_choice(q: &Question, i: usize) -> Option<Choice> {
    // The answers that combine (none on a `single` question) and those that stand alone.
    let (mut open, mut alone) = (0u32, 0u32);
    for (a, answer) in q.answers.iter().enumerate() {
        if answer.exclusive || q.kind == Kind::Single {
            alone |= 1 << a;
        } else {
            open |= 1 << a;
        }
    }
    let combos = (1usize << open.count_ones()) - 1;
    if i < combos {
        // Bit k of `i + 1` picks the k-th answer that combines, lowest first.
        let (mut mask, mut rest, mut bits) = (i + 1, open, 0);
        while rest != 0 {
            let lowest = rest & rest.wrapping_neg();
            if mask & 1 != 0 {
                bits |= lowest;
            }
            mask >>= 1;
            rest &= rest - 1;
        }
        return Some(Choice(bits));
    }
    Choice(alone).iter().nth(i - combos).map(Choice::one)
}

impl<'f> Recheck<'f> {
    fn new(flow: &'f Flow) -> Result<Recheck<'f>, String> {
        let n = flow.questions.len();
        let (mut chose, mut scores, mut topics) = (Vec::new(), Vec::new(), Vec::new());
        let mut cost = Vec::with_capacity(n);
        for q in &flow.questions {
            let reading = q
                .routes
                .iter()
                .map(|r| reads(&r.when, &mut chose, &mut scores));
            cost.push(1 + reading.sum::<usize>());
            for t in q.answers.iter().flat_map(|a| &a.topics) {
                if !topics.contains(&t.as_str()) {
                    topics.push(t.as_str());
                }
            }
        }
        if topics.len() > 64 || flow.screens.len() > 64 {
            return Err("more than 64 topics or screens".to_string());
        }
        // Each question once, in order (marked, not sorted: sorting costs the widget 4 KB).
        let mut read = vec![false; n];
        chose.iter().for_each(|&q| read[q] = true);
        let mut adds = vec![Vec::new(); n];
        for (s, list) in scores.iter().enumerate() {
            for &q in *list {
                adds[q].push(s);
                cost[q] += 1;
            }
        }
        let covers = flow.outcomes.iter().map(|o| {
            let covered =
                |t: &str| o.urgency == Urgency::Emergency || o.topics.iter().any(|k| k == t);
            (0..topics.len())
                .filter(|&t| covered(topics[t]))
                .fold(0, |acc, t| acc | 1 << t)
        });
        let mut screen_bit = vec![0; n];
        for (i, &q) in flow.screens.iter().enumerate() {
            screen_bit[q] = 1 << i;
        }
        Ok(Recheck {
            flow,
            tracked: (0..n).filter(|&q| read[q]).collect(),
            adds,
            sums: scores.len(),
            covers: covers.collect(),
            screens: screen_bit.iter().fold(0, |acc, b| acc | b),
            screen_bit,
            topics,
            cost,
        })
    }

    /// The marks after choosing `choice` on question `q`.
    fn mark(&self, mut m: Bits, q: usize, choice: Choice) -> Bits {
        m.asked |= self.screen_bit[q];
        for a in choice.iter() {
            let answer = &self.flow.questions[q].answers[a];
            m.flags |= (u8::from(answer.danger) * DANGER) | (u8::from(answer.urgent) * URGENT);
            for t in &answer.topics {
                let bit = self.topics.iter().position(|k| k == t);
                m.topics |= bit.map_or(0, |b| 1 << b);
            }
        }
        m
    }

    /// A state: the question, the marks, the tracked answers and the score sums. Prefixes
    /// with the same state have the same futures (no route reads anything else), so each
    /// is explored once.
    fn key(&self, q: usize, m: Bits, answers: &Answers, sums: &[i64]) -> Box<[u64]> {
        let mut key = Vec::with_capacity(4 + self.tracked.len() + sums.len());
        key.extend([q as u64, u64::from(m.flags), m.topics, m.asked]);
        for &t in &self.tracked {
            key.push(u64::from(answers[t].map_or(0, |c| c.0)));
        }
        for &s in sums {
            key.push(s as u64);
        }
        key.into_boxed_slice()
    }

    /// Walks every state from the first question, depth first with its own stack (at most
    /// one frame per question, as no question leads back).
    fn walk(&self) -> Result<usize, String> {
        let flow = self.flow;
        let mut answers: Vec<Option<Choice>> = vec![None; flow.questions.len()];
        let mut work = 0usize;
        let mut seen = Seen::default();
        let start = Bits::default();
        seen.insert(
            self.key(flow.start, start, &answers, &vec![0; self.sums]),
            &mut work,
        );
        let mut stack = vec![Frame {
            q: flow.start,
            next: 0,
            marks: start,
            sums: vec![0; self.sums],
        }];
        let nowhere = |q: &Question| format!("question \"{}\" can lead nowhere", q.id);
        while let Some(top) = stack.last_mut() {
            let (q, question) = (top.q, &flow.questions[top.q]);
            let Some(choice) = nth_choice(question, top.next) else {
                // A question without answers: the visitor could never go on.
                if top.next == 0 {
                    return Err(nowhere(question));
                }
                answers[q] = None;
                stack.pop();
                continue;
            };
            top.next += 1;
            let marks = self.mark(top.marks, q, choice);
            work += self.cost[q];
            answers[q] = Some(choice);
            match question.route(flow, choice, &answers) {
                None => return Err(nowhere(question)),
                Some(Target::Outcome(o)) => self.ending(o, marks, &stack, &answers)?,
                Some(Target::Question(n)) => {
                    let mut sums = top.sums.clone();
                    let score: i64 = choice
                        .iter()
                        .map(|a| i64::from(question.answers[a].score))
                        .sum();
                    for &s in &self.adds[q] {
                        sums[s] = sums[s].wrapping_add(score);
                    }
                    let key = self.key(n, marks, &answers, &sums);
                    work += key.len();
                    if seen.insert(key, &mut work) {
                        stack.push(Frame {
                            q: n,
                            next: 0,
                            marks,
                            sums,
                        });
                    }
                }
            }
            if seen.len > RECHECK_STATES || work > RECHECK_WORK {
                return Err("too many paths to check".to_string());
            }
        }
        Ok(seen.len)
    }

    /// Checks that the path on `stack` (with `answers`) may end at outcome `o`.
    fn ending(&self, o: usize, m: Bits, stack: &[Frame], answers: &Answers) -> Result<(), String> {
        let flow = self.flow;
        let outcome = &flow.outcomes[o];
        // The first answer on the path that `is` picks out, as `question.answer`.
        let first = |is: &dyn Fn(&Answer) -> bool| {
            stack
                .iter()
                .find_map(|f| {
                    let question = &flow.questions[f.q];
                    let a = answers[f.q]?.iter().find(|&a| is(&question.answers[a]))?;
                    Some(format!("{}.{}", question.id, question.answers[a].id))
                })
                .unwrap_or_default()
        };
        let (calm, missed) = (outcome.urgency.is_calm(), m.topics & !self.covers[o]);
        let skipped = if calm { self.screens & !m.asked } else { 0 };
        let (what, who) = if m.flags & DANGER != 0 && outcome.urgency != Urgency::Emergency {
            ("danger answer", first(&|a| a.danger))
        } else if m.flags & URGENT != 0 && calm {
            ("urgent answer", first(&|a| a.urgent))
        } else if missed != 0 {
            let t = self.topics[missed.trailing_zeros() as usize];
            (
                "topic of answer",
                first(&|a| a.topics.iter().any(|k| k == t)),
            )
        } else if skipped != 0 {
            let q = flow.screens[skipped.trailing_zeros() as usize];
            ("a path without", flow.questions[q].id.clone())
        } else {
            return Ok(());
        };
        let urgency = outcome.urgency.as_str();
        Err(format!(
            "{what} \"{who}\" can end at \"{}\" ({urgency})",
            outcome.id
        ))
    }
}

/// The states [`recheck`] has seen: a table of keys with open addressing, each probe
/// counted as work, so that no pack, however its keys collide, makes the walk slow. Not
/// `HashSet`: its code cost the widget 3 KB, and in wasm its hasher has fixed keys (std
/// has no randomness there).
#[derive(Default)]
struct Seen {
    slots: Vec<Option<Box<[u64]>>>,
    len: usize,
}

impl Seen {
    /// Adds `key`; false if it was there already.
    fn insert(&mut self, key: Box<[u64]>, work: &mut usize) -> bool {
        if self.len * 2 >= self.slots.len() {
            let old = std::mem::take(&mut self.slots);
            self.slots = (0..(old.len() * 2).max(64)).map(|_| None).collect();
            self.len = 0;
            for k in old.into_iter().flatten() {
                self.insert(k, work);
            }
        }
        // Fibonacci hashing of a multiply-rotate hash: the top bits pick the slot.
        let h = key.iter().fold(key.len() as u64, |h, &w| {
            (h.rotate_left(5) ^ w).wrapping_mul(0x9e37_79b9_7f4a_7c15)
        });
        let mask = self.slots.len() - 1;
        let mut i = (h >> 32) as usize & mask;
        loop {
            *work += 1;
            match &self.slots[i] {
                None => break,
                Some(k) if *k == key => return false,
                Some(_) => i = (i + 1) & mask,
            }
        }
        self.slots[i] = Some(key);
        self.len += 1;
        true
    }
}
