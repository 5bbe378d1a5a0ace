//! The selfcheck authoring studio: write a flow, see the engine's messages and the safety
//! proof as you type, preview it in the real widget, and export it. Everything runs in the
//! author's browser: the studio makes no request after it has loaded.
//!
//! `state` holds the state and every change to it (a reducer); `panes` draws it, one
//! component per pane; `check`, `graph`, `export` and `data` are the logic they call.

mod check;
mod data;
mod export;
mod graph;
mod panes;
mod state;

use std::rc::Rc;

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use panes::{Editor, Export, Graph, Paths, Preview, Verdict};
use state::{Action, State};

/// How long typing must pause before the flow is checked again.
const DEBOUNCE_MS: u32 = 300;

fn main() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("studio"));
    match root {
        Some(root) => yew::Renderer::<Studio>::with_root(root).render(),
        None => yew::Renderer::<Studio>::new().render(),
    };
}

#[component]
fn Studio() -> Html {
    let state = use_reducer(State::default);
    let pending = state.pending();
    // Check the source again once typing pauses; the next edit cancels the wait.
    {
        let dispatcher = state.dispatcher();
        use_effect_with(state.source.clone(), move |src| {
            let src = src.clone();
            let timer = pending.then(|| {
                Timeout::new(DEBOUNCE_MS, move || {
                    let check = Rc::new(check::check(&src));
                    dispatcher.dispatch(Action::Checked(src, check));
                })
            });
            move || drop(timer)
        });
    }
    let dispatch: Callback<Action> = state.dispatcher().into();
    let (check, flow) = (&state.checked, &state.good);
    html! {
        <>
            <Verdict check={check.clone()} {pending} />
            <main class="st-main">
                <div class="st-panes">
                    <Editor source={state.source.clone()} check={check.clone()} goto={state.goto}
                        dispatch={dispatch.clone()} />
                    <Preview flow={flow.clone()} settings={state.settings()} replay={state.replay.clone()}
                        jumped={state.jumped} stale={!check.ok()} dispatch={dispatch.clone()} />
                </div>
                <Graph flow={flow.clone()} lang={flow.lang(&state.lang)} dispatch={dispatch.clone()} />
                <Paths check={check.clone()} />
                <Export check={check.clone()} ok={state.exportable()} flow={flow.clone()}
                    embed={state.embed.clone()} {dispatch} />
            </main>
        </>
    }
}
