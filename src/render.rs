//! The one renderer: turns the engine's element tree ([`selfcheck_runtime::markup`]) into
//! Yew's virtual DOM, wiring each control's [`On`] to a callback. It decides nothing: the
//! markup, classes and ARIA are the engine's.

use selfcheck_runtime::markup::{El, Node, On};
use selfcheck_runtime::Event as Action;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::html::{onchange, onclick, onsubmit};
use yew::prelude::*;
use yew::virtual_dom::{VNode, VTag, VText};

/// Where the controls of one widget send what the visitor does.
pub struct Sinks {
    pub send: Callback<Action>,
    pub region: Callback<String>,
    pub lang: Callback<String>,
    /// The node that takes focus on a new screen.
    pub heading: NodeRef,
    /// The node that must show with it (an emergency's first number to call), if any.
    pub reveal: NodeRef,
}

pub fn render(node: &Node, sinks: &Sinks) -> Html {
    match node {
        Node::Text(t) => VNode::VText(VText::new(t.clone())),
        Node::El(el) => element(el, sinks),
    }
}

fn element(el: &El, sinks: &Sinks) -> Html {
    let mut tag = VTag::new(el.tag);
    for (name, value) in &el.attrs {
        tag.add_attribute(name, value.clone());
    }
    if let Some(checked) = el.checked {
        tag.set_checked(checked);
    }
    if el.focus {
        tag.node_ref = sinks.heading.clone();
    } else if el.reveal {
        tag.node_ref = sinks.reveal.clone();
    }
    tag.key = el.key.as_deref().map(Into::into);
    if let Some(on) = el.on {
        let send = sinks.send.clone();
        let listener: std::rc::Rc<dyn yew::virtual_dom::Listener> = match on {
            On::Click(action) => std::rc::Rc::new(onclick::Wrapper::new(Callback::from(
                move |_: MouseEvent| send.emit(action),
            ))),
            On::Submit => std::rc::Rc::new(onsubmit::Wrapper::new(Callback::from(
                move |e: SubmitEvent| {
                    e.prevent_default();
                    send.emit(Action::Continue);
                },
            ))),
            On::Check(answer) => {
                std::rc::Rc::new(onchange::Wrapper::new(Callback::from(move |e: Event| {
                    let checked = e.target_unchecked_into::<HtmlInputElement>().checked();
                    send.emit(Action::Choose { answer, checked });
                })))
            }
            On::Region | On::Lang => {
                let to = if on == On::Region {
                    sinks.region.clone()
                } else {
                    sinks.lang.clone()
                };
                std::rc::Rc::new(onchange::Wrapper::new(Callback::from(move |e: Event| {
                    to.emit(e.target_unchecked_into::<HtmlSelectElement>().value())
                })))
            }
        };
        tag.add_listener(listener);
    }
    for child in &el.children {
        tag.add_child(render(child, sinks));
    }
    tag.into()
}
