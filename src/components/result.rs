//! The result: what to do (by urgency), the contacts first when it is urgent, the advice
//! chosen for this visitor, their answers with "Change", and "Start again".

use std::rc::Rc;

use selfcheck_flow::ui::Ui;
use selfcheck_flow::view::{ContactView, PracticeView, ResultView};
use selfcheck_flow::Event as Action;
use yew::prelude::*;

use super::rich_text;

pub struct Props {
    pub view: ResultView,
    pub ui: Rc<Ui>,
    pub contacts: Vec<ContactView>,
    pub practice: Option<PracticeView>,
    pub disclaimer: String,
    pub uid: String,
    pub heading: NodeRef,
    pub on_event: Callback<Action>,
    pub on_print: Callback<MouseEvent>,
    pub on_copy: Callback<MouseEvent>,
    pub on_download: Callback<MouseEvent>,
}

fn contacts(list: &[ContactView], heading: &str, id: &str) -> Html {
    html! {
        <section class="sc-contacts" aria-labelledby={id.to_string()}>
            <h3 id={id.to_string()}>{ heading }</h3>
            <ul class="sc-contact-list">
                { for list.iter().map(|c| html! {
                    <li class="sc-contact" data-emergency={c.emergency.then_some("true")}>
                        <span class="sc-contact-name">{ &c.name }</span>
                        <span class="sc-contact-links">
                            { for c.links.iter().map(|l| html! { <a class="sc-button sc-button-contact" href={l.href.clone()}>{ &l.label }</a> }) }
                        </span>
                        if let Some(k) = &c.keyword { <span class="sc-contact-keyword">{ k }</span> }
                        if let Some(n) = &c.note { <span class="sc-contact-note">{ n }</span> }
                    </li>
                }) }
            </ul>
        </section>
    }
}

pub fn result_screen(props: &Props) -> Html {
    let v = &props.view;
    let ui = &props.ui;
    let send = |a: Action| {
        let on_event = props.on_event.clone();
        Callback::from(move |_: MouseEvent| on_event.emit(a))
    };
    let contacts_id = format!("{}-contacts", props.uid);
    let answers_id = format!("{}-answers", props.uid);

    html! {
        <section part="result" class="sc-result" data-outcome={v.outcome.clone()} data-urgency={v.urgency.as_str()} data-scored={v.score.is_some().then_some("")}>
            <h2 class="sc-result-heading" tabindex="-1" ref={props.heading.clone()}>{ &v.heading }</h2>
            <p class="sc-badge">{ &v.urgency_label }</p>
            <h3 class="sc-outcome-title">{ &v.title }</h3>
            <div class="sc-summary">{ rich_text(&v.summary) }</div>
            if v.contacts_first {
                { contacts(&props.contacts, &ui.contacts_heading, &contacts_id) }
            }
            // A questionnaire's score: below what to do (and the contacts, when urgent),
            // never instead of it.
            if let Some(score) = &v.score {
                <section class="sc-score" aria-labelledby={format!("{}-score", props.uid)}>
                    <h3 id={format!("{}-score", props.uid)}>{ &score.total }</h3>
                    <p class="sc-band">{ &score.band }</p>
                    <p class="sc-attribution">{ &score.name }{ ". " }{ &score.attribution }{ " " }{ &score.licence }{ " " }
                        <a href={score.source.href.clone()} rel="noopener noreferrer">{ &score.source.label }</a></p>
                </section>
            }
            <div class="sc-advice-list">
                { for v.advice.iter().map(|a| html! {
                    <article class="sc-advice" data-advice={a.id.clone()}>
                        <h3>{ &a.title }</h3>
                        { rich_text(&a.body) }
                    </article>
                }) }
            </div>
            // An outcome that lists no contacts (a housing crisis) shows none here; the
            // crisis strip stays on every screen.
            if !v.contacts_first && !props.contacts.is_empty() {
                { contacts(&props.contacts, &ui.contacts_heading, &contacts_id) }
            }
            if let Some(p) = &props.practice {
                <p class="sc-practice">
                    { &ui.practice_lead }{ " " }
                    if !p.name.is_empty() { <strong>{ &p.name }</strong>{ " " } }
                    if let Some(l) = &p.phone { <a href={l.href.clone()}>{ &l.label }</a>{ " " } }
                    if let Some(l) = &p.url { <a href={l.href.clone()} rel="noopener noreferrer">{ &l.label }</a> }
                </p>
            }
            <section class="sc-answers" aria-labelledby={answers_id.clone()}>
                <h3 id={answers_id}>{ &ui.your_answers }</h3>
                <dl class="sc-answer-list">
                    { for v.answers.iter().map(|row| html! {
                        <div class="sc-answer-row">
                            <dt>{ &row.question_text }</dt>
                            <dd>{ &row.answer_text }
                                if let Some(p) = &row.points { <span class="sc-points">{ " — " }{ p }</span> }
                            </dd>
                            <dd>
                                <button type="button" class="sc-link-button" onclick={send(Action::Change(row.question))}>
                                    { &ui.change }<span class="sc-visually-hidden">{ " " }{ &row.question_text }</span>
                                </button>
                            </dd>
                        </div>
                    }) }
                </dl>
            </section>
            <div class="sc-actions">
                <button type="button" class="sc-button sc-button-secondary" onclick={props.on_print.clone()}>{ &ui.print }</button>
                <button type="button" class="sc-button sc-button-secondary" onclick={props.on_copy.clone()}>{ &ui.copy }</button>
                <button type="button" class="sc-button sc-button-secondary" onclick={props.on_download.clone()}>{ &ui.download }</button>
                <button type="button" class="sc-button sc-button-primary" onclick={send(Action::Restart)}>{ &ui.start_again }</button>
            </div>
            <p class="sc-disclaimer">{ &props.disclaimer }</p>
        </section>
    }
}
