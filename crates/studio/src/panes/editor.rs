//! The flow's source: a toolbar to open, save and reset it, the text with line numbers,
//! and the problems found in it. It carries out the state's requests to show a line.

use std::rc::Rc;

use selfcheck::download;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::problems::Problems;
use super::{keep_shift, select_value};
use crate::check::{self, Check};
use crate::state::{Action, Goto, DEFAULT};

/// The editor's line height in pixels (the CSS sets the same), for scrolling to a line.
const LINE_PX: f64 = 20.0;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub source: AttrValue,
    pub check: Rc<Check>,
    /// The last request to show a line.
    pub goto: Option<Goto>,
    pub dispatch: Callback<Action>,
}

#[component]
pub fn Editor(props: &Props) -> Html {
    let editor = use_node_ref();
    let gutter = use_node_ref();
    {
        let (editor, gutter) = (editor.clone(), gutter.clone());
        use_effect_with(props.goto, move |goto| {
            if let Some(goto) = goto {
                goto_line(&editor, &gutter, goto.line);
            }
        });
    }
    let on_input = props.dispatch.reform(|e: InputEvent| {
        Action::Edit(
            e.target_unchecked_into::<HtmlTextAreaElement>()
                .value()
                .into(),
        )
    });
    let on_scroll = {
        let gutter = gutter.clone();
        Callback::from(move |e: Event| {
            let ta = e.target_unchecked_into::<HtmlTextAreaElement>();
            if let Some(g) = gutter.cast::<web_sys::Element>() {
                g.set_scroll_top(ta.scroll_top());
            }
        })
    };
    let lines = props.source.split('\n').count();
    let numbers: String = (1..=lines).map(|n| format!("{n}\n")).collect();
    let diags = &props.check.diags;
    let error_lines: Vec<String> = diags
        .iter()
        .filter_map(|d| d.line.map(|l| l.to_string()))
        .collect();
    html! {
        <section class="st-editor" aria-labelledby="editor-h">
            <h2 id="editor-h">{ "Flow source" }</h2>
            <Toolbar source={props.source.clone()} dispatch={props.dispatch.clone()} />
            <label for="source" class="st-label">{ "The flow, in TOML (or JSON starting with {). Checked as you type." }</label>
            <div class="st-code">
                <pre class="st-gutter" aria-hidden="true" ref={gutter}>{ numbers }</pre>
                <textarea id="source" ref={editor} spellcheck="false" wrap="off"
                    autocomplete="off" autocapitalize="off"
                    aria-describedby="verdict" aria-invalid={(!diags.is_empty()).to_string()}
                    value={props.source.clone()} oninput={on_input} onscroll={on_scroll}
                    onkeydown={Callback::from(keep_shift)} onkeyup={Callback::from(keep_shift)} />
            </div>
            if !error_lines.is_empty() {
                <p class="st-hint">{ format!("Problems on line{} {}", if error_lines.len() == 1 { "" } else { "s" },
                    error_lines.join(", ")) }</p>
            }
            <Problems check={props.check.clone()} dispatch={props.dispatch.clone()} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ToolbarProps {
    source: AttrValue,
    dispatch: Callback<Action>,
}

/// Open a file or a self-check bundled with the build (flows/*.toml), save the source, or
/// start again.
#[component]
fn Toolbar(props: &ToolbarProps) -> Html {
    let on_open = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| open_file(&e.target_unchecked_into(), &dispatch))
    };
    let on_save = {
        let source = props.source.clone();
        Callback::from(move |_: MouseEvent| {
            if source.trim_start().starts_with('{') {
                download(&source, "flow.json", "application/json");
            } else {
                download(&source, "flow.toml", "text/plain;charset=utf-8");
            }
        })
    };
    let on_reset = props
        .dispatch
        .reform(|_: MouseEvent| Action::Edit(DEFAULT.into()));
    let on_bundled = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let name = select_value(&e);
            if let Some((_, src)) = selfcheck_flow::data::FLOWS.iter().find(|(n, _)| *n == name) {
                dispatch.emit(Action::Edit((*src).into()));
            }
        })
    };
    html! {
        <div class="st-toolbar">
            <label class="st-file">{ "Open a flow file " }
                <input type="file" accept=".toml,.json,text/plain,application/json" onchange={on_open} />
            </label>
            <button type="button" onclick={on_save}>{ "Save the source" }</button>
            <button type="button" onclick={on_reset}>{ "Start again from the default flow" }</button>
            <label>{ "Open a bundled self-check " }
                <select id="open-bundled" onchange={on_bundled}>
                    <option value="" selected=true>{ "—" }</option>
                    { for selfcheck_flow::data::FLOWS.iter().map(|(name, _)| html! { <option value={*name}>{ *name }</option> }) }
                </select>
            </label>
        </div>
    }
}

/// Reads the file picked in `input` into the editor, then clears the input so the same
/// file can be opened again.
fn open_file(input: &HtmlInputElement, dispatch: &Callback<Action>) {
    let Some(file) = input.files().and_then(|l| l.get(0)) else {
        return;
    };
    let Ok(reader) = web_sys::FileReader::new() else {
        return;
    };
    let dispatch = dispatch.clone();
    let r = reader.clone();
    let onload = Closure::once(move |_: web_sys::ProgressEvent| {
        if let Some(text) = r.result().ok().and_then(|v| v.as_string()) {
            dispatch.emit(Action::Edit(text.into()));
        }
    });
    reader.set_onload(Some(onload.as_ref().unchecked_ref()));
    onload.forget();
    let _ = reader.read_as_text(&file);
    input.set_value("");
}

/// Selects line `line` in the editor, scrolls it into view and focuses the editor.
fn goto_line(editor: &NodeRef, gutter: &NodeRef, line: u32) {
    let Some(ta) = editor.cast::<HtmlTextAreaElement>() else {
        return;
    };
    let src = ta.value();
    let (start, end) = check::line_range(&src, line);
    let _ = ta.focus();
    let _ = ta.set_selection_range(start, end);
    let top = (f64::from(line.saturating_sub(1)) * LINE_PX - f64::from(ta.client_height()) / 3.0)
        .max(0.0);
    ta.set_scroll_top(top as i32);
    if let Some(g) = gutter.cast::<web_sys::Element>() {
        g.set_scroll_top(ta.scroll_top());
    }
}
