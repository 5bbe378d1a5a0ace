//! The bar at the top: the studio's name and the verdict on the source, kept in view.

use std::rc::Rc;

use yew::prelude::*;

use crate::check::Check;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub check: Rc<Check>,
    /// The source changed since `check`.
    pub pending: bool,
}

#[component]
pub fn Verdict(props: &Props) -> Html {
    let pending = props.pending;
    let state = if pending {
        "pending"
    } else if props.check.ok() {
        "ok"
    } else {
        "failed"
    };
    html! {
        <header class="st-bar">
            <h1>{ "selfcheck studio" }</h1>
            <p id="verdict" class={classes!("st-verdict", state)} role="status" data-state={state}>
                { props.check.verdict() }
                if pending { <span class="st-pending">{ " Checking…" }</span> }
            </p>
            <p class="st-private">{ "Private: your flow never leaves this browser." }</p>
        </header>
    }
}
