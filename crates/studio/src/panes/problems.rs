//! The engine's messages on the source, as the CLI prints them, each a link to its line.

use std::rc::Rc;

use yew::prelude::*;

use crate::check::{Check, Diag};
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub check: Rc<Check>,
    pub dispatch: Callback<Action>,
}

#[component]
pub fn Problems(props: &Props) -> Html {
    let diags = &props.check.diags;
    html! {
        <section class="st-problems" aria-labelledby="problems-h">
            <h2 id="problems-h">{ format!("Problems ({})", diags.len()) }</h2>
            if diags.is_empty() {
                <p class="st-none">{ "None: the flow compiles and the safety proof passes." }</p>
            } else {
                <ol class="st-diags">
                    { for diags.iter().map(|d| problem(d, &props.dispatch)) }
                </ol>
            }
        </section>
    }
}

fn problem(d: &Diag, dispatch: &Callback<Action>) -> Html {
    let label = match d.line {
        Some(l) => format!("Line {l}: error[{}]: {}", d.code, d.message),
        None => format!("error[{}]: {}", d.code, d.message),
    };
    let onclick = {
        let dispatch = dispatch.clone();
        let line = d.line;
        Callback::from(move |_: MouseEvent| {
            if let Some(l) = line {
                dispatch.emit(Action::Goto(l));
            }
        })
    };
    html! {
        <li class={classes!("st-diag", d.safety.then_some("safety"))} data-code={d.code}>
            <button type="button" class="st-link" {onclick} disabled={d.line.is_none()}>{ label }</button>
            <pre>{ &d.text }</pre>
        </li>
    }
}
