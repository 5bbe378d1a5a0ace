//! The preview: the real widget running the last flow that passed, in the language and
//! region picked, opened at any question.

use std::rc::Rc;

use selfcheck::{App, Settings};
use selfcheck_flow::Flow;
use yew::prelude::*;

use super::{lang_options, region_options, select_value};
use crate::data::preview_pack;
use crate::state::{Action, Replay};

#[derive(Properties)]
pub struct Props {
    /// The last flow that passed.
    pub flow: Rc<Flow>,
    pub settings: Settings,
    pub replay: Option<Replay>,
    /// The question jumped to; `None` is the start.
    pub jumped: Option<usize>,
    /// The source has problems: the preview runs an older version.
    pub stale: bool,
    pub dispatch: Callback<Action>,
}

impl PartialEq for Props {
    /// A new replay is a new jump, even to the same question: the widget starts it over.
    fn eq(&self, other: &Props) -> bool {
        Rc::ptr_eq(&self.flow, &other.flow)
            && selfcheck::same_replay(&self.replay, &other.replay)
            && self.settings == other.settings
            && self.jumped == other.jumped
            && self.stale == other.stale
            && self.dispatch == other.dispatch
    }
}

#[component]
pub fn Preview(props: &Props) -> Html {
    let flow = &props.flow;
    let lang = &props.settings.lang;
    let on_lang = props
        .dispatch
        .reform(|e: Event| Action::SetLang(select_value(&e)));
    let on_region = props
        .dispatch
        .reform(|e: Event| Action::SetRegion(select_value(&e)));
    html! {
        <section class="st-preview" aria-labelledby="preview-h">
            <h2 id="preview-h">{ "Preview" }</h2>
            <div class="st-controls">
                <label>{ "Language " }
                    <select id="preview-lang" onchange={on_lang}>
                        { lang_options(&flow.languages, lang) }
                    </select>
                </label>
                <label>{ "Region " }
                    <select id="preview-region" onchange={on_region}>
                        { region_options(&props.settings.region) }
                    </select>
                </label>
            </div>
            if props.stale {
                <p class="st-stale" role="note">{ "The preview runs the last version that passed; fix the problems to update it." }</p>
            }
            { jumps(flow, flow.lang(lang), props.jumped, &props.dispatch) }
            <div class="st-frame" data-self-check="">
                <App pack={preview_pack(flow, lang)} settings={props.settings.clone()} replay={props.replay.clone()}
                    on_lang={props.dispatch.reform(Action::SetLang)} />
            </div>
        </section>
    }
}

/// A button per question of `flow` that opens the preview there, and one for the start.
fn jumps(flow: &Flow, lang: usize, jumped: Option<usize>, dispatch: &Callback<Action>) -> Html {
    html! {
        <nav class="st-jump" aria-label="Jump to question">
            <p>{ "Jump to question:" }</p>
            <ul>
                <li><button type="button" aria-pressed={jumped.is_none().to_string()}
                    onclick={dispatch.reform(|_: MouseEvent| Action::Jump(None))}>{ "Start" }</button></li>
                { for flow.questions.iter().enumerate().map(|(i, q)| html! {
                    <li><button type="button" data-question={q.id.clone()} aria-pressed={(jumped == Some(i)).to_string()}
                        title={q.text.get(lang).to_string()}
                        onclick={dispatch.reform(move |_: MouseEvent| Action::Jump(Some(i)))}>{ &q.id }</button></li>
                }) }
            </ul>
        </nav>
    }
}
