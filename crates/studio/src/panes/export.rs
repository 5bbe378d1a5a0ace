//! Export: the practice's details, then the validated flow as JSON, its packs and the embed
//! snippets. Only a flow that passed every check and the proof is exported.

use std::rc::Rc;

use selfcheck::{download, download_bytes};
use selfcheck_flow::Flow;
use yew::prelude::*;

use super::{input_value, keep_shift, lang_options, region_options, select_value};
use crate::check::Check;
use crate::data::{packs, Made};
use crate::export::{self, Embed, Field};
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub check: Rc<Check>,
    /// The source as it stands passed: the outputs are filled and can be downloaded.
    pub ok: bool,
    /// The last flow that passed (when `ok`, the flow of `check`).
    pub flow: Rc<Flow>,
    pub embed: Embed,
    pub dispatch: Callback<Action>,
}

#[component]
pub fn Export(props: &Props) -> Html {
    let (ok, embed, flow) = (props.ok, &props.embed, &props.flow);
    let (json, element, iframe) = if ok {
        (
            props.check.json.clone(),
            export::element(embed, &flow.id),
            export::iframe(embed, &flow.id),
        )
    } else {
        Default::default()
    };
    let packs = match (&props.check.checked, ok) {
        (Some(checked), true) => packs(&checked.0),
        _ => Vec::new(),
    };
    html! {
        <section class="st-export" aria-labelledby="export-h">
            <h2 id="export-h">{ "Export" }</h2>
            if !ok {
                <p class="st-blocked" role="note">{ "Nothing is exported while the flow fails validation or the safety proof." }</p>
            }
            { form(embed, &flow.languages, &props.dispatch) }
            <div class="st-out">
                <div>
                    <label for="export-json">{ "The validated flow as JSON" }</label>
                    <textarea id="export-json" readonly=true value={json.clone()} wrap="off" />
                    <button type="button" disabled={!ok} onclick={save(json, "flow.json", "application/json")}>{ "Download flow.json" }</button>
                </div>
                <div class="st-packs">
                    <p id="export-packs">{ format!("The packs: put them in the widget's packs/ folder ({}packs/), next to the others.", export::base(embed)) }</p>
                    <ul aria-labelledby="export-packs">
                        { for packs.into_iter().map(|(name, made)| pack(name, made)) }
                    </ul>
                </div>
                <div>
                    <label for="export-element">{ "The <self-check> element, running your flow's pack" }</label>
                    <textarea id="export-element" readonly=true value={element.clone()} wrap="off" />
                    <button type="button" disabled={!ok} onclick={save(element, "self-check-snippet.html", "text/html;charset=utf-8")}>{ "Download the element snippet" }</button>
                </div>
                <div>
                    <label for="export-iframe">{ "The iframe, running your flow's pack" }</label>
                    <textarea id="export-iframe" readonly=true value={iframe.clone()} wrap="off" />
                    <button type="button" disabled={!ok} onclick={save(iframe, "iframe-snippet.html", "text/html;charset=utf-8")}>{ "Download the iframe snippet" }</button>
                </div>
            </div>
        </section>
    }
}

/// The practice's details and where the widget is served from, for the snippets.
fn form(embed: &Embed, languages: &[String], dispatch: &Callback<Action>) -> Html {
    let field = |id: &'static str, label: &'static str, value: &str, field: Field| {
        let oninput =
            dispatch.reform(move |e: InputEvent| Action::SetEmbed(field, input_value(&e)));
        html! {
            <label for={id}>{ label }
                <input id={id} type="text" value={value.to_string()} {oninput} autocomplete="off"
                    onkeydown={Callback::from(keep_shift)} onkeyup={Callback::from(keep_shift)} />
            </label>
        }
    };
    let select = |id: &'static str, label: &'static str, options: Html, field: Field| {
        let onchange = dispatch.reform(move |e: Event| Action::SetEmbed(field, select_value(&e)));
        html! { <label for={id}>{ label }<select id={id} {onchange}>{ options }</select></label> }
    };
    html! {
        <form class="st-form" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            { field("practice-name", "Practice name", &embed.name, Field::Name) }
            { field("practice-phone", "Phone", &embed.phone, Field::Phone) }
            { field("practice-url", "Link (https://…)", &embed.url, Field::Url) }
            { select("embed-region", "Region", region_options(&embed.region), Field::Region) }
            { select("embed-lang", "Language", lang_options(languages, &embed.lang), Field::Lang) }
            { field("embed-base", "Widget files served from", &embed.base, Field::Base) }
        </form>
    }
}

/// A pack's download button and its first screen's, or what is missing to make them.
fn pack(name: String, made: Result<Made, String>) -> Html {
    match made {
        Ok((bytes, screen)) => {
            let file = name.clone();
            let onclick = Callback::from(move |_: MouseEvent| {
                download_bytes(&bytes, &file, "application/octet-stream")
            });
            let screen_name = name.replace(".pack", ".screen.json");
            let screen = {
                let file = screen_name.clone();
                Callback::from(move |_: MouseEvent| download(&screen, &file, "application/json"))
            };
            html! {
                <li>
                    <button type="button" data-pack={name.clone()} {onclick}>{ format!("Download {name}") }</button>
                    <button type="button" data-pack={screen_name.clone()} onclick={screen}>{ format!("Download {screen_name}") }</button>
                </li>
            }
        }
        Err(e) => html! { <li class="st-blocked">{ format!("{name}: {e}") }</li> },
    }
}

fn save(text: String, name: &'static str, mime: &'static str) -> Callback<MouseEvent> {
    Callback::from(move |_: MouseEvent| download(&text, name, mime))
}
