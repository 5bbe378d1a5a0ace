//! The root component: holds the session, renders the page the engine describes and moves
//! focus when the screen changes. It is the only component: the screens are plain
//! functions of the view model, which keeps the bundle small.

use std::rc::Rc;

use selfcheck_flow::view::{self, Body, Settings};
use selfcheck_flow::{Event, Pack, Session};
use yew::prelude::*;

use crate::components::{
    crisis_strip, question, question_screen, result, result_screen, CrisisProps,
};
use crate::dom;

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
    pub replay: Option<Rc<Vec<(usize, selfcheck_flow::Choice)>>>,
    /// The visitor picked another language: the host loads that language's pack and
    /// gives it as a new `pack`; the answers carry over.
    #[prop_or_default]
    pub on_lang: Callback<String>,
}

impl PartialEq for Props {
    /// A pack is the same pack when it is the same allocation: comparing flows field by
    /// field would cost every visitor the code for it, for no behaviour.
    fn eq(&self, other: &Props) -> bool {
        let same_replay = match (&self.replay, &other.replay) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (a, b) => a.is_none() && b.is_none(),
        };
        Rc::ptr_eq(&self.pack, &other.pack)
            && same_replay
            && self.settings == other.settings
            && self.exit_url == other.exit_url
            && self.uid == other.uid
            && self.on_lang == other.on_lang
    }
}

/// The widget's state: the engine's session (answers, screen, the region picked). Answers
/// live only here, in memory.
#[derive(Clone)]
struct State {
    session: Session,
}

enum Action {
    /// The host page switched to another flow: start it afresh.
    Start(Session),
    /// The same flow in another language: keep the answers (or start afresh if the pack
    /// routes differently).
    Relabel(Rc<selfcheck_flow::Flow>),
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
            Action::Session(event) => next.session.update(event),
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
    let turn = state.session.turn();
    {
        let heading = heading.clone();
        use_effect_with(turn, move |turn| {
            // The first screen does not take focus: the visitor may be reading the host page.
            if *turn > 0 {
                dom::focus(&heading);
            }
        });
    }
    // Leaving quickly clears every answer from memory first, then replaces the page.
    let leave = {
        let state = state.clone();
        let url = view::exit_target(&props.exit_url).to_string();
        Callback::from(move |_: ()| {
            state.dispatch(Action::Session(Event::Restart));
            dom::leave(&url);
        })
    };
    {
        let leave = leave.clone();
        use_effect_with(props.exit_url.clone(), move |_| {
            dom::on_triple_shift(move || leave.emit(()))
        });
    }

    let settings = props.settings.clone();
    let uid = format!("sc{}", props.uid);
    let dispatch = |wrap: fn(String) -> Action| {
        let state = state.clone();
        Callback::from(move |value: String| state.dispatch(wrap(value)))
    };
    let page = view::page(&state.session, &props.pack, &settings);
    let take_away = std::rc::Rc::new(page.take_away().unwrap_or_default());
    let send = {
        let state = state.clone();
        Callback::from(move |e: Event| state.dispatch(Action::Session(e)))
    };
    let on_leave = leave.reform(|_: MouseEvent| ());
    let ui = page.ui.clone();
    let status = page.status.clone();
    let strip = crisis_strip(&CrisisProps {
        strip: page.strip,
        lead: ui.danger_lead.clone().into(),
        local: ui.local_emergency.clone().into(),
        region: page.region,
        regions: page.regions,
        region_label: ui.region.clone().into(),
        lang: ui.lang.clone(),
        languages: page.languages,
        lang_label: ui.language.clone().into(),
        uid: uid.clone(),
        on_region: dispatch(Action::Region),
        on_lang: props.on_lang.clone(),
    });
    let body = match page.body {
        Body::Question(view) => question_screen(&question::Props {
            view,
            ui: ui.clone(),
            uid,
            heading,
            on_event: send,
        }),
        Body::Result(view) => result_screen(&result::Props {
            view,
            ui: ui.clone(),
            contacts: page.contacts,
            practice: page.practice.clone(),
            disclaimer: page.disclaimer,
            uid,
            heading,
            on_event: send,
            on_print: Callback::from(|_| dom::print()),
            on_copy: {
                let text = take_away.clone();
                Callback::from(move |_| dom::copy(&text))
            },
            on_download: {
                let text = take_away.clone();
                let name = ui.file_name.clone();
                Callback::from(move |_| dom::download(&text, &name, "text/plain;charset=utf-8"))
            },
        }),
    };

    // The class names beside `sc` are those session-replay tools (FullStory, PostHog,
    // rrweb-based tools) honour to leave the widget out of recordings; the data attributes
    // do the same for LogRocket, Hotjar, Microsoft Clarity and Sentry. Class names are
    // literals throughout: a computed class costs the download Yew's `Classes` set (~3.5 KB).
    html! {
        <div class="sc fs-exclude ph-no-capture rr-block" lang={ui.lang.clone()} dir={ui.dir.as_str()} data-private="" data-hj-suppress="" data-clarity-mask="true" data-sentry-mask="">
            { strip }
            <div class="sc-leave" part="leave">
                <button type="button" class="sc-button sc-button-leave" onclick={on_leave}>{ &ui.leave }</button>
                <span class="sc-hint">{ &ui.leave_hint }</span>
            </div>
            <p class="sc-title">{ &page.title }</p>
            <p class="sc-status" role="status" aria-live="polite">{ status }</p>
            { body }
            <footer class="sc-footer" part="footer">
                <p>{ &ui.privacy }</p>
                if let Some(p) = &page.practice {
                    if !p.name.is_empty() { <p>{ &p.name }</p> }
                }
            </footer>
        </div>
    }
}
