//! Path analysis and the safety proof.
//!
//! Every path a visitor can take is covered, choice by choice, with the real routing rules
//! evaluated on the answers given so far, so the proof covers exactly what the session will
//! do. Paths are not listed one by one: the walk is memoised on states (the question, the
//! answers some condition reads, the first danger answer taken), so a flow with billions of
//! paths is still proven quickly when few of its answers feed conditions.

use std::collections::HashMap;

use crate::doc::Spans;
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

/// A state: the question on screen, the answers so far that some condition reads, and the
/// first danger answer on the path. Prefixes with the same state have the same futures, so
/// each state is explored once and the proof stays exact without listing every path.
type Key = (usize, Vec<Option<Choice>>, Option<(usize, usize)>);

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
    reported_danger: Vec<(usize, usize)>,
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
        reported_danger: Vec::new(),
        reported_cycle: Vec::new(),
        aborted: false,
    };
    if !flow.questions[flow.start].answers.iter().any(|a| a.danger) {
        p.problems.push(Problem::NoDangerScreen);
    }
    let top = p.explore(flow.start, None);
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
    fn explore(&mut self, q: usize, danger: Option<(usize, usize)>) -> Summary {
        let key: Key = (
            q,
            self.relevant.iter().map(|&r| self.answers[r]).collect(),
            danger,
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
            let danger_here = danger.or_else(|| {
                choice
                    .iter()
                    .find(|&a| question.answers[a].danger)
                    .map(|a| (q, a))
            });
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
                    self.reach_outcome(o, danger_here);
                }
                Some(Target::Question(next)) if self.on_path[next] => self.cycle(q, next),
                Some(Target::Question(next)) => {
                    let below = self.explore(next, danger_here);
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

    fn reach_outcome(&mut self, o: usize, danger: Option<(usize, usize)>) {
        self.reached_outcome[o] = true;
        for (i, advice) in self.flow.advice.iter().enumerate() {
            if !self.reached_advice[i] && advice.applies(self.flow, o, &self.answers) {
                self.reached_advice[i] = true;
            }
        }
        if let Some((q, a)) = danger {
            if self.flow.outcomes[o].urgency != Urgency::Emergency
                && !self.reported_danger.contains(&(q, a))
            {
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
        let question = &flow.questions[q];
        let targets = question
            .routes
            .iter()
            .map(|r| Some(r.to))
            .chain(question.answers.iter().map(|a| a.next))
            .chain([question.next]);
        let mut best = 0;
        for t in targets.flatten() {
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
        let q = |i: usize| &flow.questions[i].id;
        let at = |v: &Vec<Option<crate::doc::Pos>>, i: usize| v.get(i).copied().flatten();
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
        };
        Error {
            pos,
            kind,
            message,
            help,
        }
    }
}
