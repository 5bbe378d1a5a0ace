//! The root component: holds the session, renders the page the engine describes (through
//! the one renderer) and carries out the effects the engine returns. It is the only
//! component.

use std::rc::Rc;

use selfcheck_runtime::view::{self, Settings};
use selfcheck_runtime::{markup, Effect, Event, Pack, Session};
use yew::prelude::*;

use crate::dom;
use crate::render::{render, Sinks};

#[derive(Properties)]
pub struct Props {
    /// The flow to run, in one language, with the widget's words and the crisis
    /// directory in that language.
    pub pack: Rc<Pack>,
    pub settings: Settings,
    #[prop_or_default]
    pub exit_url: AttrValue,
    /// Distinguishes several widgets on one page, for element ids.
    #[prop_or_default]
    pub uid: u32,
    /// Answers to replay before showing the widget, so a preview can open any screen (the
    /// authoring studio's "jump to question"). A new list restarts from it.
    #[prop_or_default]
    pub replay: Option<Replay>,
    /// The visitor picked another language: the host loads that language's pack and
    /// gives it as a new `pack`; the answers carry over.
    #[prop_or_default]
    pub on_lang: Callback<String>,
}

/// Answers to replay, in order: (question, answers chosen).
pub type Replay = Rc<Vec<(usize, selfcheck_runtime::Choice)>>;

/// Whether two replays are the same list: the same allocation (a new list is a new jump,
/// even to the same question), or both none.
pub fn same_replay(a: &Option<Replay>, b: &Option<Replay>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => Rc::ptr_eq(a, b),
        (a, b) => a.is_none() && b.is_none(),
    }
}

impl PartialEq for Props {
    /// A pack is the same pack when it is the same allocation: comparing flows field by
    /// field would cost every visitor the code for it, for no behaviour.
    fn eq(&self, other: &Props) -> bool {
        Rc::ptr_eq(&self.pack, &other.pack)
            && same_replay(&self.replay, &other.replay)
            && self.settings == other.settings
            && self.exit_url == other.exit_url
            && self.uid == other.uid
            && self.on_lang == other.on_lang
    }
}

/// The widget's state: the engine's session (answers, screen, the region picked) and the
/// last effect it asked for, numbered so each is carried out once. Answers live only here,
/// in memory.
#[derive(Clone)]
struct State {
    session: Session,
    effect: Option<Effect>,
    effects: u32,
}

enum Action {
    /// The host page switched to another flow: start it afresh.
    Start(Session),
    /// The same flow in another language: keep the answers (or start afresh if the pack
    /// routes differently).
    Relabel(Rc<selfcheck_runtime::Flow>),
    Session(Event),
    Region(String),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Start(session) => next.session = session.with_region_of(&next.session),
            Action::Relabel(flow) => {
                if !next.session.relabel(flow.clone()) {
                    next.session = Session::new(flow).with_region_of(&next.session);
                }
            }
            Action::Session(event) => {
                next.effect = next.session.update(event);
                next.effects += next.effect.is_some() as u32;
            }
            Action::Region(region) => next.session.set_region(region),
        }
        Rc::new(next)
    }
}

#[component]
pub fn App(props: &Props) -> Html {
    let state = use_reducer(|| State {
        session: match &props.replay {
            Some(steps) => Session::replay(props.pack.flow.clone(), steps),
            None => Session::new(props.pack.flow.clone()),
        },
        effect: None,
        effects: 0,
    });
    // The host page changed a setting (an attribute), the pack (another language or
    // flow) or, in the studio, the replay. A new region or language keeps the visitor's
    // answers; a new flow or replay starts over. The first render already runs what it was
    // given. Effects may run after the visitor's first events (Yew can yield between a
    // first render and its effects, and a pre-rendered screen's events are replayed right
    // after mounting), so this compares with the settings last seen, never with the live
    // state: answers and a region the visitor picked stay until the page changes something.
    {
        let state = state.clone();
        let pack = props.pack.clone();
        let replay = props.replay.clone();
        let key = (
            Rc::as_ptr(&pack) as usize,
            replay.as_ref().map(|r| Rc::as_ptr(r) as usize),
            props.settings.region.clone(),
        );
        let seen = use_mut_ref(|| None);
        use_effect_with(key, move |key| {
            let Some(old) = seen.replace(Some(key.clone())) else {
                return;
            };
            if old.2 != key.2 {
                state.dispatch(Action::Region(key.2.clone()));
            }
            if old.1 != key.1 {
                let flow = pack.flow.clone();
                state.dispatch(Action::Start(match &replay {
                    Some(steps) => Session::replay(flow, steps),
                    None => Session::new(flow),
                }));
            } else if old.0 != key.0 {
                state.dispatch(Action::Relabel(pack.flow.clone()));
            }
        });
    }
    let heading = use_node_ref();
    let reveal = use_node_ref();
    let page = view::page(&state.session, &props.pack, &props.settings);
    // The engine's effects, carried out after the render they belong to (focus needs the
    // new heading in the document).
    {
        let heading = heading.clone();
        let reveal = reveal.clone();
        let url = view::exit_target(&props.exit_url).to_string();
        // The take-away text only when the effect needs it, not on every render.
        let take_away = matches!(state.effect, Some(Effect::Copy | Effect::Download))
            .then(|| page.take_away())
            .flatten()
            .unwrap_or_default();
        let file_name = page.ui.file_name.clone();
        let effect = state.effect;
        use_effect_with(state.effects, move |_| match effect {
            Some(Effect::Focus) => dom::focus(&heading, &reveal),
            Some(Effect::Leave) => dom::leave(&url),
            Some(Effect::Print) => dom::print(),
            Some(Effect::Copy) => dom::copy(&take_away),
            Some(Effect::Download) => {
                dom::download(&take_away, &file_name, "text/plain;charset=utf-8")
            }
            None => {}
        });
    }
    let send = {
        let state = state.clone();
        Callback::from(move |e: Event| state.dispatch(Action::Session(e)))
    };
    use_page_events(send.clone());
    let region = {
        let state = state.clone();
        Callback::from(move |r: String| state.dispatch(Action::Region(r)))
    };
    render(
        &markup::page(&page, props.uid),
        &Sinks {
            send,
            region,
            lang: props.on_lang.clone(),
            heading,
            reveal,
        },
    )
}

/// The page's events the widget listens to while it is mounted: Shift pressed three times
/// (the engine's Leave effect reads the exit target when it is carried out), and the page
/// being left, which forgets the answers, so that Back from another page (the back-forward
/// cache) on a shared computer shows the first question, not the result.
#[hook]
fn use_page_events(send: Callback<Event>) {
    use_effect_with((), move |_| {
        let exit = send.clone();
        let stop_shift = dom::on_triple_shift(move || exit.emit(Event::Leave));
        let stop_hide = dom::on_page_hide(move || send.emit(Event::Restart));
        move || {
            stop_shift();
            stop_hide();
        }
    });
}
