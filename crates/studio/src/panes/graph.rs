//! The graph of the last flow that passed, drawn as SVG from `crate::graph`'s layout. A
//! node, clicked or activated from the keyboard, shows its question in the editor and the
//! preview.

use std::rc::Rc;

use selfcheck_flow::{Flow, Urgency};
use yew::prelude::*;

use crate::graph::{self, GEdge, GNode, Kind, Layout, GAP_Y, NODE_H, NODE_W};
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub flow: Rc<Flow>,
    /// The index of the language the nodes are labelled in.
    pub lang: usize,
    pub dispatch: Callback<Action>,
}

#[component]
pub fn Graph(props: &Props) -> Html {
    let layout = graph::layout(&props.flow, props.lang);
    html! {
        <section class="st-graph" aria-labelledby="graph-h">
            <h2 id="graph-h">{ "Graph" }</h2>
            <p class="st-note">{ "Questions top to bottom, outcomes at the bottom coloured by urgency (red emergency, orange urgent, blue support, green self-care); thick red arrows are danger answers. Select a node to show it in the editor and the preview." }</p>
            <svg viewBox={format!("0 0 {:.0} {:.0}", layout.width, layout.height)} role="group" aria-label="Flow graph"
                style={format!("max-width: {:.0}px", layout.width)}>
                <defs>
                    <marker id="st-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M0 0 L10 5 L0 10 z" class="st-arrowhead" />
                    </marker>
                </defs>
                { for layout.edges.iter().map(|e| edge(&layout, e)) }
                { for layout.nodes.iter().map(|n| node(n, &props.dispatch)) }
            </svg>
        </section>
    }
}

fn edge(layout: &Layout, e: &GEdge) -> Html {
    let (a, b) = (&layout.nodes[e.from], &layout.nodes[e.to]);
    let (x1, y1) = (a.x + NODE_W / 2.0, a.y + NODE_H);
    let (x2, y2) = (b.x + NODE_W / 2.0, b.y);
    // An edge that skips rows bends out to the side, so it does not run through the
    // questions between; danger edges to the left, the others to the right.
    let rows = ((b.y - a.y) / (NODE_H + GAP_Y)).round();
    let d = if rows >= 2.0 {
        let side = if e.danger { -1.0 } else { 1.0 };
        let dx = side * (NODE_W * 0.55 + 12.0 * rows.min(6.0));
        format!(
            "M{x1:.0} {y1:.0} C{:.0} {:.0} {:.0} {:.0} {x2:.0} {y2:.0}",
            x1 + dx,
            y1 + 60.0,
            x2 + dx,
            y2 - 60.0
        )
    } else {
        let ym = (y1 + y2) / 2.0;
        format!("M{x1:.0} {y1:.0} C{x1:.0} {ym:.0} {x2:.0} {ym:.0} {x2:.0} {y2:.0}")
    };
    html! { <path class={classes!("st-edge", e.danger.then_some("danger"))} d={d} marker-end="url(#st-arrow)" /> }
}

fn node(n: &GNode, dispatch: &Callback<Action>) -> Html {
    let (fill, stroke, text) = n
        .urgency
        .map(Urgency::colours)
        .unwrap_or(("#ffffff", "#5f6b76", "#1b1f24"));
    let what = match n.kind {
        Kind::Question(_) => "Question".to_string(),
        Kind::Outcome(_) => format!(
            "Outcome ({})",
            n.urgency.map(|u| u.as_str()).unwrap_or_default()
        ),
    };
    let label = format!("{what} {}: {}", n.id, n.text);
    let show = {
        let id = n.id.clone();
        let question = match n.kind {
            Kind::Question(q) => Some(q),
            Kind::Outcome(_) => None,
        };
        move || Action::Show {
            id: id.clone(),
            question,
        }
    };
    let onclick = {
        let show = show.clone();
        dispatch.reform(move |_: MouseEvent| show())
    };
    let onkeydown = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
                dispatch.emit(show());
            }
        })
    };
    let (x, y) = (n.x, n.y);
    html! {
        <g class="st-node" tabindex="0" role="button" aria-label={label.clone()} data-node={n.id.clone()} {onclick} {onkeydown}>
            <title>{ label }</title>
            <rect x={format!("{x:.0}")} y={format!("{y:.0}")} width={format!("{}", NODE_W)} height={format!("{}", NODE_H)}
                rx={if n.urgency.is_some() { "18" } else { "4" }} fill={fill} stroke={stroke} />
            <text x={format!("{:.0}", x + 8.0)} y={format!("{:.0}", y + 18.0)} fill={text} class="st-node-id">{ graph::shorten(&n.id, 22) }</text>
            <text x={format!("{:.0}", x + 8.0)} y={format!("{:.0}", y + 36.0)} fill={text} class="st-node-text">{ graph::shorten(&n.text, 26) }</text>
        </g>
    }
}
