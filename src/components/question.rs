//! One question: a fieldset whose legend is the question, native radios or checkboxes,
//! Back and Continue. Nothing advances until the visitor presses Continue. The form's
//! method is "dialog": outside a dialog, submitting it goes nowhere, so even a form the
//! script has not taken over yet (pre-rendered markup) can never send the answers; and
//! autocomplete is off, so a browser never restores a previous visit's answers into it.

use std::rc::Rc;

use selfcheck_flow::ui::Ui;
use selfcheck_flow::view::QuestionView;
use selfcheck_flow::Event as Action;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::rich_text;

pub struct Props {
    pub view: QuestionView,
    pub ui: Rc<Ui>,
    pub uid: String,
    pub heading: NodeRef,
    pub on_event: Callback<Action>,
}

pub fn question_screen(props: &Props) -> Html {
    let v = &props.view;
    let base = format!("{}-{}", props.uid, v.id);
    let help_id = format!("{base}-help");
    let hint_id = format!("{base}-hint");
    let error_id = format!("{base}-error");
    let described: Vec<&str> = [
        v.help.is_some().then_some(help_id.as_str()),
        v.multiple.then_some(hint_id.as_str()),
        v.error.is_some().then_some(error_id.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect();
    let onsubmit = {
        let on_event = props.on_event.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_event.emit(Action::Continue);
        })
    };
    let onback = {
        let on_event = props.on_event.clone();
        Callback::from(move |_: MouseEvent| on_event.emit(Action::Back))
    };
    let kind = if v.multiple { "checkbox" } else { "radio" };

    html! {
        <form key={v.id.clone()} class="sc-question" part="question" method="dialog" autocomplete="off" novalidate=true onsubmit={onsubmit}>
            <p class="sc-progress" aria-hidden="true">{ &v.progress }</p>
            <fieldset class="sc-fieldset" data-invalid={v.error.is_some().then_some("true")} data-question={v.id.clone()} aria-describedby={(!described.is_empty()).then(|| described.join(" "))}>
                <legend class="sc-legend" tabindex="-1" ref={props.heading.clone()}>
                    <span class="sc-legend-text">{ &v.legend }</span>
                </legend>
                if let Some(help) = &v.help {
                    <div class="sc-help" id={help_id.clone()}>{ rich_text(help) }</div>
                }
                if v.multiple {
                    <p class="sc-hint" id={hint_id.clone()}>{ &props.ui.select_all }</p>
                }
                if let Some(error) = &v.error {
                    <p class="sc-error" id={error_id.clone()} role="alert">
                        <span class="sc-visually-hidden">{ &props.ui.error_prefix }{ " " }</span>{ error }
                    </p>
                }
                <div class="sc-options">
                    { for v.options.iter().map(|o| {
                        let id = format!("{base}-{}", o.id);
                        let index = o.index;
                        let on_event = props.on_event.clone();
                        let onchange = Callback::from(move |e: Event| {
                            let checked = e.target_unchecked_into::<HtmlInputElement>().checked();
                            on_event.emit(Action::Choose { answer: index, checked });
                        });
                        html! {
                            <div class="sc-option" data-exclusive={o.exclusive.then_some("true")}>
                                <input class="sc-input" type={kind} id={id.clone()} name={base.clone()} value={o.id.clone()} checked={o.checked} onchange={onchange} />
                                <label class="sc-label" for={id}>{ &o.label }</label>
                            </div>
                        }
                    }) }
                </div>
            </fieldset>
            <div class="sc-actions">
                <button type="submit" class="sc-button sc-button-primary">{ &props.ui.continue_ }</button>
                if v.can_go_back {
                    <button type="button" class="sc-button sc-button-secondary" onclick={onback}>{ &props.ui.back }</button>
                }
            </div>
        </form>
    }
}
