//! The root component: holds the session, renders the page the engine describes and moves
//! focus when the screen changes. It is the only component: the screens are plain
//! functions of the view model, which keeps the bundle small.

use std::rc::Rc;

use selfcheck_flow::view::{self, Body, Settings};
use selfcheck_flow::{Event, Flow, Session};
use yew::prelude::*;

use crate::components::{
    crisis_strip, question, question_screen, result, result_screen, CrisisProps,
};
use crate::{bundle, dom};

#[derive(Properties)]
pub struct Props {
    /// The flow to run, or what is wrong with the one the page asked for.
    pub flow: Result<Rc<Flow>, bundle::Problems>,
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
}

impl PartialEq for Props {
    /// A flow is the same flow when it is the same allocation: comparing flows field by
    /// field would cost every visitor the code for it, for no behaviour.
    fn eq(&self, other: &Props) -> bool {
        let same_flow = match (&self.flow, &other.flow) {
            (Ok(a), Ok(b)) => Rc::ptr_eq(a, b),
            (Err(a), Err(b)) => Rc::ptr_eq(a, b),
            _ => false,
        };
        let same_replay = match (&self.replay, &other.replay) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (a, b) => a.is_none() && b.is_none(),
        };
        same_flow
            && same_replay
            && self.settings == other.settings
            && self.exit_url == other.exit_url
            && self.uid == other.uid
    }
}

/// The widget's state: the session, and the region and language the visitor may switch
/// to without losing answers. Answers live only here, in memory.
#[derive(Clone)]
struct State {
    session: Option<Session>,
    region: String,
    lang: String,
}

enum Action {
    /// The host page switched to another flow: start it afresh.
    Start(Option<Session>),
    Session(Event),
    Region(String),
    Lang(String),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Start(session) => next.session = session,
            Action::Session(event) => {
                let Some(session) = &mut next.session else {
                    return self;
                };
                session.update(event);
            }
            Action::Region(region) => next.region = region,
            Action::Lang(lang) => next.lang = lang,
        }
        Rc::new(next)
    }
}

#[component]
pub fn App(props: &Props) -> Html {
    let directory = bundle::directory();
    let state = use_reducer(|| State {
        session: props.flow.as_ref().ok().map(|f| Session::new(f.clone())),
        region: props.settings.region.clone(),
        lang: props.settings.lang.clone(),
    });
    // The host page changed a setting (an attribute) or, in the studio, the flow or the
    // replay. A new region or language keeps the visitor's answers; a new flow or replay
    // starts over. The first render already runs what it was given. Effects may run after
    // the visitor's first events (Yew can yield between a first render and its effects, and
    // a pre-rendered screen's events are replayed right after mounting), so this compares
    // with the settings last seen, never with the live state: answers and a region the
    // visitor picked stay until the page changes something.
    {
        let state = state.clone();
        let flow = props.flow.clone();
        let replay = props.replay.clone();
        let key = (
            flow.as_ref().ok().map(|f| Rc::as_ptr(f) as usize),
            replay.as_ref().map(|r| Rc::as_ptr(r) as usize),
            props.settings.region.clone(),
            props.settings.lang.clone(),
        );
        let seen = use_mut_ref(|| None);
        use_effect_with(key, move |key| {
            let old = seen.replace(Some(key.clone()));
            let start = |replay: &Option<Rc<Vec<_>>>| {
                Action::Start(flow.as_ref().ok().map(|f| match replay {
                    Some(steps) => Session::replay(f.clone(), steps),
                    None => Session::new(f.clone()),
                }))
            };
            let Some(old) = old else {
                if replay.is_some() {
                    state.dispatch(start(&replay));
                }
                return;
            };
            if old.2 != key.2 {
                state.dispatch(Action::Region(key.2.clone()));
            }
            if old.3 != key.3 {
                state.dispatch(Action::Lang(key.3.clone()));
            }
            if (old.0, old.1) != (key.0, key.1) {
                state.dispatch(start(&replay));
            }
        });
    }
    let heading = use_node_ref();
    let turn = state.session.as_ref().map_or(0, Session::turn);
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
        let url = props.exit_url.clone();
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

    let settings = Settings {
        region: state.region.clone(),
        lang: state.lang.clone(),
        ..props.settings.clone()
    };
    let uid = format!("sc{}", props.uid);
    let dispatch = |wrap: fn(String) -> Action| {
        let state = state.clone();
        Callback::from(move |value: String| state.dispatch(wrap(value)))
    };
    let Some(session) = &state.session else {
        let problems = props.flow.as_ref().err().cloned().unwrap_or_default();
        return broken(
            &directory,
            &settings,
            &uid,
            &problems,
            dispatch(Action::Region),
        );
    };
    let page = view::page(session, &directory, &settings);
    let take_away = std::rc::Rc::new(page.take_away().unwrap_or_default());
    let send = {
        let state = state.clone();
        Callback::from(move |e: Event| state.dispatch(Action::Session(e)))
    };
    let on_leave = leave.reform(|_: MouseEvent| ());
    let ui = page.ui;
    let status = match &page.body {
        Body::Question(q) => q.progress.clone(),
        Body::Result(r) => format!("{}: {}", ui.result_for, r.heading),
    };
    let strip = crisis_strip(&CrisisProps {
        strip: page.strip,
        lead: ui.danger_lead.into(),
        region: page.region,
        regions: page.regions,
        region_label: ui.region.into(),
        lang: ui.lang.into(),
        languages: page.languages,
        lang_label: ui.language.into(),
        uid: uid.clone(),
        on_region: dispatch(Action::Region),
        on_lang: dispatch(Action::Lang),
    });
    let body = match page.body {
        Body::Question(view) => question_screen(&question::Props {
            view,
            ui,
            uid,
            heading,
            on_event: send,
        }),
        Body::Result(view) => result_screen(&result::Props {
            view,
            ui,
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
                Callback::from(move |_| {
                    dom::download(&text, ui.file_name, "text/plain;charset=utf-8")
                })
            },
        }),
    };

    // The class names beside `sc` are those session-replay tools (FullStory, PostHog,
    // rrweb-based tools) honour to leave the widget out of recordings; the data attributes
    // do the same for LogRocket, Hotjar, Microsoft Clarity and Sentry. Class names are
    // literals throughout: a computed class costs the download Yew's `Classes` set (~3.5 KB).
    html! {
        <div class="sc fs-exclude ph-no-capture rr-block" lang={ui.lang} dir={ui.dir} data-private="" data-hj-suppress="" data-clarity-mask="true" data-sentry-mask="">
            { strip }
            <div class="sc-leave" part="leave">
                <button type="button" class="sc-button sc-button-leave" onclick={on_leave}>{ ui.leave }</button>
                <span class="sc-hint">{ ui.leave_hint }</span>
            </div>
            <p class="sc-title">{ &page.title }</p>
            <p class="sc-status" role="status" aria-live="polite">{ status }</p>
            { body }
            <footer class="sc-footer" part="footer">
                <p>{ ui.privacy }</p>
                if let Some(p) = &page.practice {
                    if !p.name.is_empty() { <p>{ &p.name }</p> }
                }
            </footer>
        </div>
    }
}

/// A flow that cannot run: the crisis contacts still show, with a message for the site's
/// author. Never a blank box.
fn broken(
    directory: &selfcheck_flow::contacts::Directory,
    settings: &Settings,
    uid: &str,
    problems: &[String],
    on_region: Callback<String>,
) -> Html {
    let ui = selfcheck_flow::ui::for_lang(&settings.lang);
    let strip = crisis_strip(&CrisisProps {
        strip: view::strip(directory, &settings.region, ui),
        lead: ui.danger_lead.into(),
        region: directory
            .region(&settings.region)
            .map(|r| r.code.clone())
            .unwrap_or_default(),
        regions: view::regions(directory, ui),
        region_label: ui.region.into(),
        lang: ui.lang.into(),
        languages: Vec::new(),
        lang_label: ui.language.into(),
        uid: uid.to_string(),
        on_region,
        on_lang: Callback::noop(),
    });
    html! {
        <div class="sc" lang={ui.lang} dir={ui.dir}>
            { strip }
            <div class="sc-broken" role="alert">
                <h2 class="sc-result-heading">{ ui.broken_title }</h2>
                <p>{ ui.broken_body }</p>
                <details class="sc-broken-details">
                    <summary>{ ui.broken_author }</summary>
                    <ul>{ for problems.iter().map(|p| html! { <li><pre>{ p }</pre></li> }) }</ul>
                </details>
            </div>
        </div>
    }
}
