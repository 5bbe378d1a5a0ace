//! The crisis strip: the region's emergency number and crisis line, on every screen.

use selfcheck_flow::view::Link;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub strip: Vec<Link>,
    pub lead: AttrValue,
    pub region: String,
    pub regions: Vec<(String, String)>,
    pub region_label: AttrValue,
    pub uid: String,
    pub on_region: Callback<String>,
}

#[component]
pub fn CrisisStrip(props: &Props) -> Html {
    let onchange = {
        let on_region = props.on_region.clone();
        Callback::from(move |e: Event| {
            on_region.emit(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let select_id = format!("{}-region", props.uid);
    html! {
        <aside class="sc-crisis" aria-label={props.lead.clone()}>
            <p class="sc-crisis-line">
                <strong>{ &props.lead }</strong>{ " " }
                { for props.strip.iter().enumerate().map(|(i, l)| html! {
                    <>
                        if i > 0 { <span aria-hidden="true">{ " · " }</span> }
                        <a class="sc-crisis-link" href={l.href.clone()}>{ &l.label }</a>
                    </>
                }) }
            </p>
            <p class="sc-region">
                <label for={select_id.clone()}>{ &props.region_label }</label>{ " " }
                <select id={select_id} onchange={onchange}>
                    { for props.regions.iter().map(|(code, name)| html! {
                        <option value={code.clone()} selected={*code == props.region}>{ name }</option>
                    }) }
                </select>
            </p>
        </aside>
    }
}
