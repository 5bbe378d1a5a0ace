//! The root component: holds the session, renders the page the engine describes and moves
//! focus when the screen changes.

use std::rc::Rc;

use selfcheck_flow::view::{self, Body, Settings};
use selfcheck_flow::{Event, Flow, Session};
use yew::prelude::*;

use crate::components::{CrisisStrip, QuestionScreen, ResultScreen};
use crate::{bundle, dom};

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The flow to run, or what is wrong with the one the page asked for.
    pub flow: Result<Rc<Flow>, bundle::Problems>,
    pub settings: Settings,
    #[prop_or_default]
    pub exit_url: AttrValue,
    /// Distinguishes several widgets on one page, for element ids.
    #[prop_or_default]
    pub uid: u32,
}

/// The session as Yew state. Answers live only here, in memory.
#[derive(PartialEq)]
struct State(Session);

impl Reducible for State {
    type Action = Event;

    fn reduce(self: Rc<Self>, event: Event) -> Rc<Self> {
        let mut session = self.0.clone();
        session.update(event);
        Rc::new(State(session))
    }
}

#[component]
pub fn App(props: &Props) -> Html {
    match &props.flow {
        Ok(flow) => {
            html! { <SelfCheck flow={flow.clone()} settings={props.settings.clone()} exit_url={props.exit_url.clone()} uid={props.uid} /> }
        }
        Err(problems) => {
            html! { <BrokenFlow problems={problems.clone()} settings={props.settings.clone()} uid={props.uid} /> }
        }
    }
}

#[derive(Properties, PartialEq)]
struct BrokenProps {
    problems: bundle::Problems,
    settings: Settings,
    uid: u32,
}

/// A flow that cannot run: the crisis contacts still show, with a message for the site's
/// author. Never a blank box.
#[component]
fn BrokenFlow(props: &BrokenProps) -> Html {
    let directory = use_memo((), |_| bundle::directory());
    let region = use_state(|| props.settings.region.clone());
    let ui = selfcheck_flow::ui::for_lang(&props.settings.lang);
    let strip = view::strip(&directory, &region, ui);
    let regions = view::regions(&directory, ui);
    html! {
        <div class="sc" lang={ui.lang} dir={ui.dir}>
            <CrisisStrip strip={strip} lead={ui.danger_lead} region={directory.region(&region).map(|r| r.code.clone()).unwrap_or_default()} regions={regions} region_label={ui.region}
                lang={ui.lang} languages={Vec::new()} lang_label={ui.language} uid={format!("sc{}", props.uid)} on_region={setter(&region)} on_lang={Callback::noop()} />
            <div class="sc-broken" role="alert">
                <h2 class="sc-result-heading">{ ui.broken_title }</h2>
                <p>{ ui.broken_body }</p>
                <details class="sc-broken-details">
                    <summary>{ ui.broken_author }</summary>
                    <ul>{ for props.problems.iter().map(|p| html! { <li><pre>{ p }</pre></li> }) }</ul>
                </details>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct SelfCheckProps {
    flow: Rc<Flow>,
    settings: Settings,
    exit_url: AttrValue,
    uid: u32,
}

#[component]
fn SelfCheck(props: &SelfCheckProps) -> Html {
    let directory = use_memo((), |_| bundle::directory());
    let state = use_reducer(|| State(Session::new(props.flow.clone())));
    // The visitor may switch region and language; answers stay as they are.
    let region = use_state(|| props.settings.region.clone());
    let lang = use_state(|| props.settings.lang.clone());
    let settings = Settings {
        region: (*region).clone(),
        lang: (*lang).clone(),
        ..props.settings.clone()
    };
    let page = view::page(&state.0, &directory, &settings);
    let heading = use_node_ref();

    {
        let heading = heading.clone();
        use_effect_with(page.turn, move |turn| {
            // The first screen does not take focus: the visitor may be reading the host page.
            if *turn > 0 {
                dom::focus(&heading);
            }
        });
    }
    {
        let exit_url = props.exit_url.clone();
        use_effect_with(exit_url, |url| {
            let url = url.clone();
            dom::on_triple_shift(move || dom::leave(&url))
        });
    }

    let send = {
        let state = state.clone();
        Callback::from(move |e: Event| state.dispatch(e))
    };
    let on_leave = {
        let url = props.exit_url.clone();
        Callback::from(move |_: MouseEvent| dom::leave(&url))
    };
    let uid = format!("sc{}", props.uid);
    let status = match &page.body {
        Body::Question(q) => q.progress.clone(),
        Body::Result(r) => format!("{}: {}", page.ui.result_for, r.heading),
    };

    html! {
        <div class="sc" lang={page.ui.lang} dir={page.ui.dir}>
            <CrisisStrip strip={page.strip.clone()} lead={page.ui.danger_lead} region={page.region.clone()} regions={page.regions.clone()} region_label={page.ui.region}
                lang={page.ui.lang} languages={page.languages.clone()} lang_label={page.ui.language} uid={uid.clone()} on_region={setter(&region)} on_lang={setter(&lang)} />
            <div class="sc-leave">
                <button type="button" class="sc-button sc-button-leave" onclick={on_leave}>{ page.ui.leave }</button>
                <span class="sc-hint">{ page.ui.leave_hint }</span>
            </div>
            <p class="sc-title">{ &page.title }</p>
            <p class="sc-status" role="status" aria-live="polite">{ status }</p>
            {
                match &page.body {
                    Body::Question(q) => html! { <QuestionScreen view={q.clone()} ui={page.ui} uid={uid.clone()} heading={heading.clone()} on_event={send.clone()} /> },
                    Body::Result(r) => html! { <ResultScreen view={r.clone()} ui={page.ui} contacts={page.contacts.clone()} practice={page.practice.clone()} disclaimer={page.disclaimer.clone()} uid={uid.clone()} heading={heading.clone()} on_event={send.clone()} on_print={Callback::from(|_| dom::print())} /> },
                }
            }
            <footer class="sc-footer">
                <p>{ page.ui.privacy }</p>
                if let Some(p) = &page.practice {
                    if !p.name.is_empty() { <p>{ &p.name }</p> }
                }
            </footer>
        </div>
    }
}

/// A callback that sets a piece of string state.
fn setter(state: &UseStateHandle<String>) -> Callback<String> {
    let state = state.clone();
    Callback::from(move |value: String| state.set(value))
}
