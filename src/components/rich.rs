//! Rich text from the flow, rendered element by element: there is no raw HTML path.

use selfcheck_flow::rich::{Block, Inline, Rich};
use yew::prelude::*;

pub fn rich_text(text: &Rich) -> Html {
    text.0.iter().map(block).collect()
}

fn block(b: &Block) -> Html {
    match b {
        Block::Para(parts) => html! { <p>{ inlines(parts) }</p> },
        Block::List(items) => {
            html! { <ul>{ for items.iter().map(|i| html! { <li>{ inlines(i) }</li> }) }</ul> }
        }
    }
}

fn inlines(parts: &[Inline]) -> Html {
    parts
        .iter()
        .map(|p| match p {
            Inline::Text(t) => html! { { t.clone() } },
            Inline::Em(t) => html! { <em>{ t.clone() }</em> },
            Inline::Strong(t) => html! { <strong>{ t.clone() }</strong> },
            Inline::Link { label, href } => {
                html! { <a href={href.clone()} rel="noopener noreferrer">{ label.clone() }</a> }
            }
        })
        .collect()
}
