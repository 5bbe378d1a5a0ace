//! The paths table: the answers, outcome and advice of each path, as `selfcheck paths`
//! prints them.

use std::rc::Rc;

use yew::prelude::*;

use crate::check::Check;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub check: Rc<Check>,
}

#[component]
pub fn Paths(props: &Props) -> Html {
    let c = &props.check;
    let note = if c.rows.len() as u128 >= c.total_paths {
        format!("All {} paths: the answers given, the outcome reached and the advice shown (as `selfcheck paths` prints them).", c.total_paths)
    } else if c.rows.is_empty() {
        format!("{} paths: too many to list here; the safety proof covers them all. Use `selfcheck paths` to list them.", c.total_paths)
    } else {
        format!("The first {} of {} paths (as `selfcheck paths` prints them; use it for the full list).", c.rows.len(), c.total_paths)
    };
    html! {
        <section class="st-paths" aria-labelledby="paths-h">
            <h2 id="paths-h">{ "Paths" }</h2>
            if c.ok() {
                <p class="st-note">{ note }</p>
                <div class="st-table-wrap" tabindex="0" role="region" aria-label="Paths table">
                    <table>
                        <thead><tr><th scope="col">{ "#" }</th><th scope="col">{ "Answers" }</th><th scope="col">{ "Outcome" }</th><th scope="col">{ "Advice" }</th></tr></thead>
                        <tbody>
                            { for c.rows.iter().enumerate().map(|(i, r)| html! {
                                <tr><td>{ i + 1 }</td><td class="st-answers">{ &r.answers }</td>
                                    <td data-urgency={r.urgency}>{ format!("{} ({})", r.outcome, r.urgency) }</td>
                                    <td>{ &r.advice }</td></tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            } else {
                <p class="st-note">{ "Paths are listed once the flow passes every check." }</p>
            }
        </section>
    }
}
