//! The studio's state and every change to it: one `Action` per thing the author does, and
//! a pure `reduce`. Browser work (the debounce timer, focusing the editor, reading files,
//! downloads) stays in the components; the state only records what they should show, such
//! as the line the editor is asked to show.

use std::rc::Rc;

use selfcheck_flow::view::Settings;
use selfcheck_flow::Flow;
use yew::{AttrValue, Reducible};

use crate::check::{self, Check};
use crate::export::{Embed, Field};

/// The flow the studio starts from.
pub const DEFAULT: &str = include_str!("../../../flows/default.toml");

/// Answers the preview replays before its first screen, so it opens at any question.
pub use selfcheck::Replay;

/// A request to show a line in the editor. Requests are numbered, so asking for the same
/// line again moves the cursor there again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Goto {
    pub line: u32,
    pub n: u32,
}

#[derive(Clone, Debug)]
pub struct State {
    /// The text in the editor.
    pub source: AttrValue,
    /// The last check made.
    pub checked: Rc<Check>,
    /// The source `checked` was made from: until it is `source`, a check is pending.
    pub checked_src: AttrValue,
    /// The last flow that passed: the preview runs it, the graph draws it, the export
    /// writes it.
    pub good: Rc<Flow>,
    /// What the preview replays to open at the question jumped to.
    pub replay: Option<Replay>,
    /// The question jumped to; `None` is the start.
    pub jumped: Option<usize>,
    /// The preview's language and region.
    pub lang: String,
    pub region: String,
    /// What the practice typed into the export form.
    pub embed: Embed,
    /// The last line the editor was asked to show.
    pub goto: Option<Goto>,
}

pub enum Action {
    /// The author changed the source: typed, opened a file or a bundled flow, started again.
    Edit(AttrValue),
    /// The check of this source is done.
    Checked(AttrValue, Rc<Check>),
    /// Open the preview at question `q` of the last flow that passed (`None`: the start).
    Jump(Option<usize>),
    /// Show this line in the editor.
    Goto(u32),
    /// A node of the graph was picked: show its question in the preview and the line that
    /// names it in the editor.
    Show {
        id: String,
        question: Option<usize>,
    },
    /// The preview's language, picked in the studio or in the widget.
    SetLang(String),
    SetRegion(String),
    SetEmbed(Field, String),
}

impl Default for State {
    /// The default flow, checked.
    fn default() -> Self {
        let checked = check::check(DEFAULT);
        let good = checked.flow.clone().expect("the default flow is valid");
        State {
            source: DEFAULT.into(),
            checked: Rc::new(checked),
            checked_src: DEFAULT.into(),
            good,
            replay: None,
            jumped: None,
            lang: "en".into(),
            region: "us".into(),
            embed: Embed {
                region: "us".into(),
                lang: "en".into(),
                base: "/selfcheck/".into(),
                ..Embed::default()
            },
            goto: None,
        }
    }
}

impl State {
    /// The source changed since the last check.
    pub fn pending(&self) -> bool {
        self.checked_src != self.source
    }

    /// The source as it stands passed every check and the proof: only then is anything
    /// exported.
    pub fn exportable(&self) -> bool {
        self.checked.ok() && !self.pending()
    }

    /// What the preview's widget is given.
    pub fn settings(&self) -> Settings {
        Settings {
            lang: self.lang.clone(),
            region: self.region.clone(),
            practice_name: self.embed.name.clone(),
            practice_phone: self.embed.phone.clone(),
            practice_url: self.embed.url.clone(),
        }
    }

    fn jump(&mut self, q: Option<usize>) {
        self.replay = q
            .filter(|&q| q < self.good.questions.len())
            .and_then(|q| answers_before(&self.good, q));
        self.jumped = q;
    }

    fn goto(&mut self, line: u32) {
        let n = self.goto.map_or(0, |g| g.n.wrapping_add(1));
        self.goto = Some(Goto { line, n });
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        if matches!(&action, Action::Edit(src) if *src == self.source) {
            return self;
        }
        let mut next = Rc::unwrap_or_clone(self);
        match action {
            Action::Edit(src) => next.source = src,
            Action::Checked(src, check) => {
                // A flow that passed is previewed from its start.
                if let Some(flow) = &check.flow {
                    next.good = flow.clone();
                    next.replay = None;
                    next.jumped = None;
                }
                next.checked_src = src;
                next.checked = check;
            }
            Action::Jump(q) => next.jump(q),
            Action::Goto(line) => next.goto(line),
            Action::Show { id, question } => {
                if question.is_some() {
                    next.jump(question);
                }
                if let Some(line) = check::line_of_id(&next.source, &id) {
                    next.goto(line);
                }
            }
            Action::SetLang(lang) => next.lang = lang,
            Action::SetRegion(region) => next.region = region,
            Action::SetEmbed(field, value) => next.embed.set(field, value),
        }
        Rc::new(next)
    }
}

/// The answers that lead to question `q` on the first path through it: the preview replays
/// them, so it opens that screen exactly as a visitor reaches it, with Back working.
fn answers_before(flow: &Flow, q: usize) -> Option<Replay> {
    let paths = selfcheck_flow::analysis::paths(flow, 100_000)?;
    let path = paths
        .iter()
        .find(|p| p.steps.iter().any(|&(s, _)| s == q))?;
    let at = path.steps.iter().position(|&(s, _)| s == q)?;
    Some(Rc::new(path.steps[..at].to_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reduce(state: Rc<State>, actions: Vec<Action>) -> Rc<State> {
        actions.into_iter().fold(state, Reducible::reduce)
    }

    /// The actions the debounce timer sends for `src`: the edit, then its check.
    fn edit_and_check(src: &str) -> Vec<Action> {
        vec![
            Action::Edit(src.to_string().into()),
            Action::Checked(src.to_string().into(), Rc::new(check::check(src))),
        ]
    }

    fn question(state: &State, id: &str) -> usize {
        state
            .good
            .questions
            .iter()
            .position(|q| q.id == id)
            .unwrap()
    }

    #[test]
    fn an_edit_is_pending_until_its_check() {
        let start = Rc::new(State::default());
        assert!(!start.pending() && start.exportable());
        let edited = reduce(start.clone(), vec![Action::Edit("x".into())]);
        assert!(edited.pending() && !edited.exportable());
        // The same text again changes nothing, not even the allocation.
        let same = reduce(start.clone(), vec![Action::Edit(DEFAULT.into())]);
        assert!(Rc::ptr_eq(&same, &start));
    }

    #[test]
    fn a_failing_source_keeps_the_last_good_flow() {
        let start = Rc::new(State::default());
        let good = start.good.clone();
        let broken = DEFAULT.replacen("next = \"adult\"", "next = \"adultt\"", 1);
        let s = reduce(start, edit_and_check(&broken));
        assert!(!s.pending() && !s.checked.ok() && !s.exportable());
        assert!(Rc::ptr_eq(&s.good, &good));
    }

    #[test]
    fn a_jump_replays_the_answers_before_the_question() {
        let start = Rc::new(State::default());
        let coping = question(&start, "coping");
        let s = reduce(start, vec![Action::Jump(Some(coping))]);
        assert_eq!(s.jumped, Some(coping));
        let replay = s.replay.clone().expect("a path reaches coping");
        assert!(!replay.is_empty() && replay.iter().all(|&(q, _)| q != coping));
        // A flow that passes again is previewed from the start.
        let edited = DEFAULT.replacen("anyone in danger", "anyone at risk", 1);
        let s = reduce(s, edit_and_check(&edited));
        assert!(s.checked.ok());
        assert_eq!((s.jumped, s.replay.is_none()), (None, true));
    }

    #[test]
    fn a_graph_node_shows_its_question_and_its_line() {
        let start = Rc::new(State::default());
        let adult = question(&start, "adult");
        let show = |id: &str, question| Action::Show {
            id: id.into(),
            question,
        };
        let s = reduce(start, vec![show("adult", Some(adult)), show("adult", None)]);
        assert_eq!(s.jumped, Some(adult));
        let line = check::line_of_id(DEFAULT, "adult").unwrap();
        // Asked twice: two requests for the same line.
        assert_eq!(s.goto, Some(Goto { line, n: 1 }));
    }

    #[test]
    fn the_preview_gets_the_practice_details() {
        let s = reduce(
            Rc::new(State::default()),
            vec![
                Action::SetLang("es".into()),
                Action::SetRegion("uk".into()),
                Action::SetEmbed(Field::Name, "Riverside".into()),
                Action::SetEmbed(Field::Base, "/w/".into()),
            ],
        );
        let settings = s.settings();
        assert_eq!(
            (settings.lang.as_str(), settings.region.as_str()),
            ("es", "uk")
        );
        assert_eq!(settings.practice_name, "Riverside");
        assert_eq!(
            (s.embed.base.as_str(), s.embed.region.as_str()),
            ("/w/", "us")
        );
    }
}
