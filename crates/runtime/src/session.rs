//! The visitor's session: a state machine driven by [`Event`]s. It holds answers only in
//! memory; the shell never stores or sends them.

use std::rc::Rc;

use crate::model::*;

/// What the session has on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// A question, by index into [`Flow::questions`].
    Question(usize),
    /// A result, by index into [`Flow::outcomes`].
    Result(usize),
}

/// What the visitor did, as the widget reports it to [`Session::update`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    /// An answer of the current question was checked or unchecked.
    Choose {
        /// Index into the current question's answers.
        answer: usize,
        /// Whether the radio or checkbox is now checked.
        checked: bool,
    },
    /// Continue: confirms the chosen answers and moves on, or shows an error if none is chosen.
    Continue,
    /// Back: returns to the previous question, or from the result to the last question.
    Back,
    /// Clears every answer and returns to the first question.
    Restart,
    /// From the result screen: return to a question on the path to change its answer.
    Change(usize),
    /// "Leave this page quickly" (the button or Shift three times): every answer is
    /// cleared, then the shell leaves.
    Leave,
    /// The result's Print, Copy and Download buttons: the shell carries them out.
    Print,
    /// "Copy advice": the shell puts the take-away text on the clipboard.
    Copy,
    /// "Download as text": the shell saves the take-away text as a file.
    Download,
}

/// What the shell does after an update, decided here and carried out by the widget (which
/// alone may touch the browser): the engine never calls out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// A new screen: move focus to its heading.
    Focus,
    /// Replace the page with the exit target (`view::exit_target`).
    Leave,
    /// Open the browser's print dialog for the result.
    Print,
    /// Put the result's take-away text (`view::Page::take_away`) on the clipboard.
    Copy,
    /// Save the take-away text as a local file.
    Download,
}

/// One visitor's way through a flow: the screen shown, the answers given and the choice
/// not yet confirmed.
#[derive(Clone, Debug, PartialEq)]
pub struct Session {
    flow: Rc<Flow>,
    /// Every answer given, kept while the visitor changes earlier ones; only the answers on
    /// the current trail count.
    answers: Vec<Option<Choice>>,
    /// The questions asked, in order; on a question screen the last one is on screen.
    trail: Vec<usize>,
    draft: Choice,
    screen: Screen,
    error: bool,
    changing: bool,
    /// Counts screen changes, so the shell knows when to move focus.
    turn: u32,
    /// The region the visitor picked (or the page changed to), over the page's setting.
    region: Option<String>,
}

impl Session {
    /// A new session on the flow's first question, with no answers.
    pub fn new(flow: Rc<Flow>) -> Session {
        let start = flow.start;
        Session {
            answers: vec![None; flow.questions.len()],
            trail: vec![start],
            draft: Choice::NONE,
            screen: Screen::Question(start),
            error: false,
            changing: false,
            turn: 0,
            region: None,
            flow,
        }
    }

    /// The region picked in the widget (or set anew by the page), if any: it wins over the
    /// page's first setting and stays through Start again.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// Records the region the visitor picked (or the page changed to).
    pub fn set_region(&mut self, code: impl Into<String>) {
        self.region = Some(code.into());
    }

    /// This session with the region picked in `other`: a new flow or replay keeps it.
    pub fn with_region_of(mut self, other: &Session) -> Session {
        self.region = other.region.clone();
        self
    }

    /// A session that has already answered `steps` (as a path lists them), by the same
    /// events a visitor sends: how a preview opens any screen with Back working. A step for
    /// a question other than the one on screen ends the replay there: an answer is never
    /// given to the wrong question.
    pub fn replay(flow: Rc<Flow>, steps: &[(usize, Choice)]) -> Session {
        let mut s = Session::new(flow);
        for &(q, choice) in steps {
            if s.screen != Screen::Question(q) {
                break;
            }
            for answer in choice.iter() {
                s.update(Event::Choose {
                    answer,
                    checked: true,
                });
            }
            s.update(Event::Continue);
        }
        // Opened by the host, not by the visitor: no screen change to move focus for.
        s.turn = 0;
        s
    }

    /// Moves the session to the same flow in another language, keeping every answer and
    /// the screen. Refused (false) when `flow` does not route exactly like the current one.
    pub fn relabel(&mut self, flow: Rc<Flow>) -> bool {
        let same = self.flow.same_shape(&flow);
        if same {
            self.flow = flow;
        }
        same
    }

    /// The flow the session runs, with its texts in the current language.
    pub fn flow(&self) -> &Flow {
        &self.flow
    }

    /// The screen shown now.
    pub fn screen(&self) -> Screen {
        self.screen
    }

    /// The answers checked on the question on screen, not yet confirmed with Continue.
    pub fn draft(&self) -> Choice {
        self.draft
    }

    /// Whether the question on screen shows an error: Continue was pressed with nothing chosen.
    pub fn has_error(&self) -> bool {
        self.error
    }

    /// Counts screen changes: whenever it changes, the shell moves focus.
    pub fn turn(&self) -> u32 {
        self.turn
    }

    /// The questions on the current path with their answers, in the order asked.
    pub fn path(&self) -> Vec<(usize, Choice)> {
        self.trail
            .iter()
            .filter_map(|&q| self.answers[q].map(|c| (q, c)))
            .collect()
    }

    /// Answers that count: those on the current trail.
    pub fn trail_answers(&self) -> Vec<Option<Choice>> {
        let mut out = vec![None; self.answers.len()];
        for &q in &self.trail {
            out[q] = self.answers[q];
        }
        out
    }

    /// The advice blocks for outcome `outcome` given the answers on the path, in file order.
    pub fn advice(&self, outcome: usize) -> Vec<usize> {
        self.flow.advice_for(outcome, &self.trail_answers())
    }

    /// Applies an event from the visitor; returns what the shell must then do, if anything.
    pub fn update(&mut self, event: Event) -> Option<Effect> {
        let turn = self.turn;
        match event {
            Event::Choose { answer, checked } => self.choose(answer, checked),
            Event::Continue => self.proceed(),
            Event::Back => self.back(),
            Event::Restart => self.restart(),
            Event::Leave => {
                self.restart();
                return Some(Effect::Leave);
            }
            Event::Print => return Some(Effect::Print),
            Event::Copy => return Some(Effect::Copy),
            Event::Download => return Some(Effect::Download),
            Event::Change(q) => {
                if let Some(i) = self.trail.iter().position(|&t| t == q) {
                    self.trail.truncate(i + 1);
                    self.show(q);
                    self.changing = true;
                }
            }
        }
        (self.turn != turn).then_some(Effect::Focus)
    }

    /// Clears every answer and shows the first question; the region stays.
    fn restart(&mut self) {
        let turn = self.turn + 1;
        let region = self.region.take();
        *self = Session::new(self.flow.clone());
        // A new screen: focus moves to the first question again.
        self.turn = turn;
        self.region = region;
    }

    fn show(&mut self, q: usize) {
        self.draft = self.answers[q].unwrap_or(Choice::NONE);
        self.screen = Screen::Question(q);
        self.error = false;
        self.turn += 1;
    }

    fn choose(&mut self, answer: usize, checked: bool) {
        let Screen::Question(q) = self.screen else {
            return;
        };
        let question = &self.flow.questions[q];
        let Some(a) = question.answers.get(answer) else {
            return;
        };
        self.draft = match (question.kind, checked) {
            (Kind::Single, true) => Choice::one(answer),
            (Kind::Single, false) => self.draft,
            (Kind::Multiple, false) => Choice(self.draft.0 & !(1 << answer)),
            (Kind::Multiple, true) if a.exclusive => Choice::one(answer),
            (Kind::Multiple, true) => {
                let others = self
                    .draft
                    .iter()
                    .filter(|&o| !question.answers[o].exclusive)
                    .fold(0, |acc, o| acc | 1 << o);
                Choice(others | 1 << answer)
            }
        };
        if !self.draft.is_empty() {
            self.error = false;
        }
    }

    fn proceed(&mut self) {
        let Screen::Question(mut q) = self.screen else {
            return;
        };
        if self.draft.is_empty() {
            self.error = true;
            return;
        }
        self.answers[q] = Some(self.draft);
        // Each hop skips a question already answered; a path asks each question once, so
        // more hops than questions means the flow loops (a pack's reader refuses such a
        // flow, a hand-built one may still have it): then the question is asked, not
        // skipped, and the visitor can go on or back instead of the tab hanging.
        for _ in 0..=self.flow.questions.len() {
            let choice = self.answers[q].expect("answered above");
            let answers = self.trail_answers();
            match self.flow.questions[q].route(&self.flow, choice, &answers) {
                Some(Target::Outcome(o)) => {
                    self.screen = Screen::Result(o);
                    self.changing = false;
                    self.error = false;
                    self.turn += 1;
                    return;
                }
                Some(Target::Question(next)) => {
                    self.trail.push(next);
                    // After a change, questions that still have an answer are not asked
                    // again: the visitor returns to the result once the path is complete.
                    if self.changing && self.answers[next].is_some() {
                        q = next;
                        continue;
                    }
                    self.show(next);
                    return;
                }
                // The safety proof rules out dead ends; staying put is the safe fallback.
                None => return,
            }
        }
        self.changing = false;
        self.show(q);
    }

    fn back(&mut self) {
        match self.screen {
            Screen::Result(_) => {
                let last = *self.trail.last().expect("the trail is never empty");
                self.show(last);
            }
            Screen::Question(_) if self.trail.len() > 1 => {
                self.trail.pop();
                let prev = *self.trail.last().expect("checked above");
                self.show(prev);
            }
            Screen::Question(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two questions that lead to each other with answer `on` (a loop no compiled flow
    /// has, nor a pack the reader accepts), and out to an outcome with answer `out`.
    fn looping() -> Rc<Flow> {
        let text = |s: &str| Text(vec![s.to_string()]);
        let answer = |id: &str, next| Answer {
            id: id.to_string(),
            text: text(id),
            danger: false,
            urgent: false,
            topics: Vec::new(),
            exclusive: false,
            score: 0,
            next: Some(next),
        };
        let question = |id: &str, other| Question {
            id: id.to_string(),
            kind: Kind::Single,
            text: text(id),
            help: None,
            answers: vec![
                answer("on", Target::Question(other)),
                answer("out", Target::Outcome(0)),
            ],
            routes: Vec::new(),
            next: None,
        };
        Rc::new(Flow {
            id: "loop".to_string(),
            version: "1".to_string(),
            languages: vec!["en".to_string()],
            title: text("T"),
            intro: text("I"),
            disclaimer: text("D"),
            start: 0,
            questions: vec![question("a", 1), question("b", 0)],
            outcomes: vec![Outcome {
                id: "end".to_string(),
                urgency: Urgency::Emergency,
                title: text("E"),
                summary: RichText::default(),
                contacts: None,
                topics: Vec::new(),
            }],
            advice: Vec::new(),
            depth: vec![2, 2],
            instrument: None,
            screens: Vec::new(),
        })
    }

    fn answer(s: &mut Session, answer: usize) {
        s.update(Event::Choose {
            answer,
            checked: true,
        });
        s.update(Event::Continue);
    }

    #[test]
    fn a_loop_of_answered_questions_stops_on_a_question_instead_of_hanging() {
        let flow = looping();
        let mut s = Session::new(flow.clone());
        answer(&mut s, 0);
        answer(&mut s, 0);
        assert_eq!(s.screen(), Screen::Question(0), "round the loop once");
        // Changing the first answer skips every question that still has one: round and
        // round the loop, which once hung the tab.
        s.update(Event::Change(0));
        assert_eq!(s.update(Event::Continue), Some(Effect::Focus));
        let Screen::Question(q) = s.screen() else {
            panic!("a loop never shows a result: {:?}", s.screen());
        };
        assert!(s.trail.len() <= flow.questions.len() + 2, "{:?}", s.trail);
        assert_eq!(s.draft(), Choice::one(0), "the question shows its answer");
        // The visitor goes on from there, and Continue asks again rather than skipping.
        answer(&mut s, 1);
        assert_eq!(s.screen(), Screen::Result(0), "from question {q}");
        s.update(Event::Back);
        s.update(Event::Back);
        assert!(matches!(s.screen(), Screen::Question(_)));
    }
}
