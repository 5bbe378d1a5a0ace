//! The crisis strip: the region's emergency number and crisis line, on every screen.

use selfcheck_flow::view::Link;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

pub struct Props {
    pub strip: Vec<Link>,
    pub lead: AttrValue,
    /// Shown instead of the links when the region is unknown: "call your local emergency
    /// number".
    pub local: AttrValue,
    pub region: String,
    pub regions: Vec<(String, String)>,
    pub region_label: AttrValue,
    /// The visitor's language choice: current code, the choices and the label.
    pub lang: String,
    pub languages: Vec<(String, String)>,
    pub lang_label: AttrValue,
    pub uid: String,
    pub on_region: Callback<String>,
    pub on_lang: Callback<String>,
}

/// A labelled native select that reports the chosen value. Language options carry their
/// own `lang`, so each name is read in its language.
fn picker(
    id: String,
    tag_lang: bool,
    label: &AttrValue,
    current: &str,
    options: &[(String, String)],
    on_change: &Callback<String>,
) -> Html {
    let on_change = on_change.clone();
    let onchange = Callback::from(move |e: Event| {
        on_change.emit(e.target_unchecked_into::<HtmlSelectElement>().value())
    });
    html! {
        <span class="sc-picker">
            <label for={id.clone()}>{ label }</label>{ " " }
            <select id={id} autocomplete="off" onchange={onchange}>
                if current.is_empty() { <option value="" selected=true>{ "—" }</option> }
                { for options.iter().map(|(code, name)| html! {
                    <option value={code.clone()} lang={tag_lang.then(|| code.clone())} selected={code == current}>{ name }</option>
                }) }
            </select>
        </span>
    }
}

pub fn crisis_strip(props: &Props) -> Html {
    html! {
        <aside class="sc-crisis" part="crisis" aria-label={props.lead.clone()}>
            <p class="sc-crisis-line">
                <strong>{ &props.lead }</strong>{ " " }
                if props.strip.is_empty() { { &props.local } }
                { for props.strip.iter().enumerate().map(|(i, l)| html! {
                    <>
                        if i > 0 { <span aria-hidden="true">{ " · " }</span> }
                        <a class="sc-crisis-link" href={l.href.clone()}>{ &l.label }</a>
                    </>
                }) }
            </p>
            <p class="sc-region">
                { picker(format!("{}-region", props.uid),
                    false, &props.region_label, &props.region, &props.regions, &props.on_region) }
                if props.languages.len() > 1 {
                    { picker(format!("{}-lang", props.uid),
                        true, &props.lang_label, &props.lang, &props.languages, &props.on_lang) }
                }
            </p>
        </aside>
    }
}
