//! The selfcheck authoring studio: write a flow, see the engine's messages and the safety
//! proof as you type, preview it in the real widget, and export it. Everything runs in the
//! author's browser: the studio makes no request after it has loaded.

mod check;
mod export;
mod graph;

use std::rc::Rc;

use gloo_timers::callback::Timeout;
use selfcheck::{download, download_bytes, App, Settings};
use selfcheck_flow::contacts::Directory;
use selfcheck_flow::ui::Ui;
use selfcheck_flow::{pack, Flow, Pack};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use check::Check;

/// The flow the studio starts from.
const DEFAULT: &str = include_str!("../../../flows/default.toml");
/// The editor's line height in pixels (the CSS sets the same), for scrolling to a line.
const LINE_PX: f64 = 20.0;
/// How long typing must pause before the flow is checked again.
const DEBOUNCE_MS: u32 = 300;

fn main() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("studio"));
    match root {
        Some(root) => yew::Renderer::<Studio>::with_root(root).render(),
        None => yew::Renderer::<Studio>::new().render(),
    };
}

/// The answers that lead to question `q` on the first path through it: the preview replays
/// them, so it opens that screen exactly as a visitor reaches it, with Back working.
fn answers_before(flow: &Flow, q: usize) -> Option<Rc<Vec<(usize, selfcheck_flow::Choice)>>> {
    let paths = selfcheck_flow::analysis::paths(flow, 100_000)?;
    let path = paths
        .iter()
        .find(|p| p.steps.iter().any(|&(s, _)| s == q))?;
    let at = path.steps.iter().position(|&(s, _)| s == q)?;
    Some(Rc::new(path.steps[..at].to_vec()))
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

thread_local! {
    /// The widget's words in every language and the crisis directory, as the build packs
    /// them (`data/`).
    static DATA: Rc<(Vec<Ui>, Directory)> = Rc::new((
        selfcheck_flow::data::uis().expect("data/ui/ was checked by the build"),
        selfcheck_flow::data::directory().expect("the crisis directory was checked by the build"),
    ));
}

fn data() -> Rc<(Vec<Ui>, Directory)> {
    DATA.with(Rc::clone)
}

/// A language code's own name, for the selects.
fn language_name(code: &str) -> String {
    data()
        .0
        .iter()
        .find(|u| u.lang == code)
        .map_or_else(|| code.to_string(), |u| u.name.clone())
}

/// The pack the preview runs: the flow in `lang`, or in its first language when `lang` has
/// no widget words or contact names yet (the export then says what is missing).
fn preview_pack(flow: &Flow, lang: &str) -> Rc<Pack> {
    let data = data();
    let make = |l: &str| pack::assemble(flow, l, &data.0, &data.1);
    Rc::new(
        make(lang)
            .or_else(|_| make(flow.languages.first().map_or("en", String::as_str)))
            .or_else(|_| make("en"))
            .expect("the data has English words and contact names"),
    )
}

/// The widget's triple-Shift shortcut ("leave this page quickly") listens on the document;
/// Shift pressed while typing in the studio's own fields must not leave the studio.
fn keep_shift(e: KeyboardEvent) {
    if e.key() == "Shift" {
        e.stop_propagation();
    }
}

fn select_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

fn input_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

#[component]
fn Studio() -> Html {
    let source = use_state(|| DEFAULT.to_string());
    let checked = use_state(|| Rc::new(check::check(DEFAULT)));
    // The source the current check was made from: until it matches, a check is pending.
    let checked_src = use_mut_ref(|| DEFAULT.to_string());
    // The last flow that passed, and what the preview runs (it, or it from another question).
    let good = use_state(|| checked.flow.clone().expect("the default flow is valid"));
    let preview = use_state(|| (*good).clone());
    let replay = use_state(|| None::<Rc<Vec<(usize, selfcheck_flow::Choice)>>>);
    let jumped = use_state(|| None::<usize>);
    let lang = use_state(|| "en".to_string());
    let region = use_state(|| "us".to_string());
    let embed = use_state(|| export::Embed {
        region: "us".into(),
        lang: "en".into(),
        base: "/selfcheck/".into(),
        ..export::Embed::default()
    });
    let editor = use_node_ref();
    let gutter = use_node_ref();

    // Check the source again once typing pauses.
    {
        let checked = checked.clone();
        let checked_src = checked_src.clone();
        let good = good.clone();
        let preview = preview.clone();
        let jumped = jumped.clone();
        let replay = replay.clone();
        use_effect_with((*source).clone(), move |src| {
            let src = src.clone();
            let stale = *checked_src.borrow() != src;
            let timer = stale.then(|| {
                Timeout::new(DEBOUNCE_MS, move || {
                    let c = check::check(&src);
                    if let Some(flow) = &c.flow {
                        good.set(flow.clone());
                        preview.set(flow.clone());
                        replay.set(None);
                        jumped.set(None);
                    }
                    *checked_src.borrow_mut() = src;
                    checked.set(Rc::new(c));
                })
            });
            move || drop(timer)
        });
    }
    let pending = *checked_src.borrow() != *source;
    let c: &Check = &checked;
    let ok = c.ok() && !pending;

    let on_input = {
        let source = source.clone();
        Callback::from(move |e: InputEvent| {
            source.set(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let on_scroll = {
        let gutter = gutter.clone();
        Callback::from(move |e: Event| {
            let ta = e.target_unchecked_into::<HtmlTextAreaElement>();
            if let Some(g) = gutter.cast::<web_sys::Element>() {
                g.set_scroll_top(ta.scroll_top());
            }
        })
    };
    let goto = {
        let editor = editor.clone();
        let gutter = gutter.clone();
        Callback::from(move |line: u32| goto_line(&editor, &gutter, line))
    };
    let jump = {
        let good = good.clone();
        let preview = preview.clone();
        let jumped = jumped.clone();
        let replay = replay.clone();
        Callback::from(move |q: Option<usize>| {
            preview.set((*good).clone());
            replay.set(
                q.filter(|&q| q < good.questions.len())
                    .and_then(|q| answers_before(&good, q)),
            );
            jumped.set(q);
        })
    };
    let on_open = {
        let source = source.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            let Some(file) = input.files().and_then(|l| l.get(0)) else {
                return;
            };
            let Ok(reader) = web_sys::FileReader::new() else {
                return;
            };
            let source = source.clone();
            let r = reader.clone();
            let onload = Closure::once(move |_: web_sys::ProgressEvent| {
                if let Some(text) = r.result().ok().and_then(|v| v.as_string()) {
                    source.set(text);
                }
            });
            reader.set_onload(Some(onload.as_ref().unchecked_ref()));
            onload.forget();
            let _ = reader.read_as_text(&file);
            input.set_value("");
        })
    };
    let on_save = {
        let source = source.clone();
        Callback::from(move |_: MouseEvent| {
            let json = source.trim_start().starts_with('{');
            if json {
                download(&source, "flow.json", "application/json");
            } else {
                download(&source, "flow.toml", "text/plain;charset=utf-8");
            }
        })
    };
    let on_reset = {
        let source = source.clone();
        Callback::from(move |_: MouseEvent| source.set(DEFAULT.to_string()))
    };
    // Opens one of the self-checks bundled with the build (flows/*.toml).
    let on_bundled = {
        let source = source.clone();
        Callback::from(move |e: Event| {
            let name = select_value(&e);
            if let Some((_, src)) = selfcheck_flow::data::FLOWS.iter().find(|(n, _)| *n == name) {
                source.set(src.to_string());
            }
        })
    };

    let lines = source.split('\n').count();
    let numbers: String = (1..=lines).map(|n| format!("{n}\n")).collect();
    let error_lines: Vec<u32> = c.diags.iter().filter_map(|d| d.line).collect();

    let verdict_state = if pending {
        "pending"
    } else if c.ok() {
        "ok"
    } else {
        "failed"
    };
    let verdict = html! {
        <header class="st-bar">
            <h1>{ "selfcheck studio" }</h1>
            <p id="verdict" class={classes!("st-verdict", verdict_state)} role="status" data-state={verdict_state}>
                { c.verdict() }
                if pending { <span class="st-pending">{ " Checking…" }</span> }
            </p>
            <p class="st-private">{ "Private: your flow never leaves this browser." }</p>
        </header>
    };

    let problems = html! {
        <section class="st-problems" aria-labelledby="problems-h">
            <h2 id="problems-h">{ format!("Problems ({})", c.diags.len()) }</h2>
            if c.diags.is_empty() {
                <p class="st-none">{ "None: the flow compiles and the safety proof passes." }</p>
            } else {
                <ol class="st-diags">
                    { for c.diags.iter().map(|d| {
                        let label = match d.line {
                            Some(l) => format!("Line {l}: error[{}]: {}", d.code, d.message),
                            None => format!("error[{}]: {}", d.code, d.message),
                        };
                        let onclick = {
                            let goto = goto.clone();
                            let line = d.line;
                            Callback::from(move |_: MouseEvent| if let Some(l) = line { goto.emit(l) })
                        };
                        html! {
                            <li class={classes!("st-diag", d.safety.then_some("safety"))} data-code={d.code}>
                                <button type="button" class="st-link" {onclick} disabled={d.line.is_none()}>{ label }</button>
                                <pre>{ &d.text }</pre>
                            </li>
                        }
                    }) }
                </ol>
            }
        </section>
    };

    let editor_pane = html! {
        <section class="st-editor" aria-labelledby="editor-h">
            <h2 id="editor-h">{ "Flow source" }</h2>
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
            <label for="source" class="st-label">{ "The flow, in TOML (or JSON starting with {). Checked as you type." }</label>
            <div class="st-code">
                <pre class="st-gutter" aria-hidden="true" ref={gutter.clone()}>{ numbers }</pre>
                <textarea id="source" ref={editor.clone()} spellcheck="false" wrap="off"
                    autocomplete="off" autocapitalize="off"
                    aria-describedby="verdict" aria-invalid={(!c.diags.is_empty()).to_string()}
                    value={(*source).clone()} oninput={on_input} onscroll={on_scroll}
                    onkeydown={Callback::from(keep_shift)} onkeyup={Callback::from(keep_shift)} />
            </div>
            if !error_lines.is_empty() {
                <p class="st-hint">{ format!("Problems on line{} {}", if error_lines.len() == 1 { "" } else { "s" },
                    error_lines.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")) }</p>
            }
            { problems }
        </section>
    };

    // The preview: the real widget running the last flow that passed.
    let data = data();
    let ui_en = data
        .0
        .iter()
        .find(|u| u.lang == "en")
        .cloned()
        .unwrap_or_default();
    let regions = selfcheck_flow::view::regions(&data.1, &ui_en);
    let languages = good.languages.clone();
    let settings = Settings {
        lang: (*lang).clone(),
        region: (*region).clone(),
        practice_name: embed.name.clone(),
        practice_phone: embed.phone.clone(),
        practice_url: embed.url.clone(),
    };
    let region_options = |current: &str| -> Html {
        regions
            .iter()
            .map(|(code, name)| html! { <option value={code.clone()} selected={code == current}>{ name }</option> })
            .collect()
    };
    let lang_options = |current: &str| -> Html {
        languages
            .iter()
            .map(|code| html! { <option value={code.clone()} selected={code == current}>{ language_name(code) }</option> })
            .collect()
    };
    let lang_index = good.lang(&lang);
    let preview_pane = html! {
        <section class="st-preview" aria-labelledby="preview-h">
            <h2 id="preview-h">{ "Preview" }</h2>
            <div class="st-controls">
                <label>{ "Language " }
                    <select id="preview-lang" onchange={ let lang = lang.clone(); Callback::from(move |e: Event| lang.set(select_value(&e))) }>
                        { lang_options(&lang) }
                    </select>
                </label>
                <label>{ "Region " }
                    <select id="preview-region" onchange={ let region = region.clone(); Callback::from(move |e: Event| region.set(select_value(&e))) }>
                        { region_options(&region) }
                    </select>
                </label>
            </div>
            if !c.ok() {
                <p class="st-stale" role="note">{ "The preview runs the last version that passed; fix the problems to update it." }</p>
            }
            <nav class="st-jump" aria-label="Jump to question">
                <p>{ "Jump to question:" }</p>
                <ul>
                    <li><button type="button" aria-pressed={jumped.is_none().to_string()}
                        onclick={ let jump = jump.clone(); Callback::from(move |_: MouseEvent| jump.emit(None)) }>{ "Start" }</button></li>
                    { for good.questions.iter().enumerate().map(|(i, q)| {
                        let jump = jump.clone();
                        html! {
                            <li><button type="button" data-question={q.id.clone()} aria-pressed={(*jumped == Some(i)).to_string()}
                                title={q.text.get(lang_index).to_string()}
                                onclick={Callback::from(move |_: MouseEvent| jump.emit(Some(i)))}>{ &q.id }</button></li>
                        }
                    }) }
                </ul>
            </nav>
            <div class="st-frame" data-self-check="">
                <App pack={preview_pack(&preview, &lang)} settings={settings} replay={(*replay).clone()}
                    on_lang={ let lang = lang.clone(); Callback::from(move |l: String| lang.set(l)) } />
            </div>
        </section>
    };

    // The graph of the last flow that passed.
    let layout = graph::layout(&good, lang_index);
    let graph_pane = {
        let edges = layout.edges.iter().map(|e| {
            let (a, b) = (&layout.nodes[e.from], &layout.nodes[e.to]);
            let (x1, y1) = (a.x + graph::NODE_W / 2.0, a.y + graph::NODE_H);
            let (x2, y2) = (b.x + graph::NODE_W / 2.0, b.y);
            // An edge that skips rows bends out to the side, so it does not run through the
            // questions between; danger edges to the left, the others to the right.
            let rows = ((b.y - a.y) / (graph::NODE_H + graph::GAP_Y)).round();
            let d = if rows >= 2.0 {
                let side = if e.danger { -1.0 } else { 1.0 };
                let dx = side * (graph::NODE_W * 0.55 + 12.0 * rows.min(6.0));
                format!(
                    "M{x1:.0} {y1:.0} C{:.0} {:.0} {:.0} {:.0} {x2:.0} {y2:.0}",
                    x1 + dx, y1 + 60.0, x2 + dx, y2 - 60.0
                )
            } else {
                let ym = (y1 + y2) / 2.0;
                format!("M{x1:.0} {y1:.0} C{x1:.0} {ym:.0} {x2:.0} {ym:.0} {x2:.0} {y2:.0}")
            };
            html! { <path class={classes!("st-edge", e.danger.then_some("danger"))} d={d} marker-end="url(#st-arrow)" /> }
        });
        let nodes = layout.nodes.iter().map(|n| {
            let (fill, stroke, text) = n
                .urgency
                .map(selfcheck_flow::Urgency::colours)
                .unwrap_or(("#ffffff", "#5f6b76", "#1b1f24"));
            let what = match n.kind {
                graph::Kind::Question(_) => "Question".to_string(),
                graph::Kind::Outcome(_) => format!("Outcome ({})", n.urgency.map(|u| u.as_str()).unwrap_or_default()),
            };
            let label = format!("{what} {}: {}", n.id, n.text);
            let activate = {
                let goto = goto.clone();
                let jump = jump.clone();
                let source = source.clone();
                let id = n.id.clone();
                let kind = n.kind.clone();
                move || {
                    if let graph::Kind::Question(q) = kind {
                        jump.emit(Some(q));
                    }
                    if let Some(line) = check::line_of_id(&source, &id) {
                        goto.emit(line);
                    }
                }
            };
            let onclick = {
                let activate = activate.clone();
                Callback::from(move |_: MouseEvent| activate())
            };
            let onkeydown = Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Enter" || e.key() == " " {
                    e.prevent_default();
                    activate();
                }
            });
            let (x, y) = (n.x, n.y);
            html! {
                <g class="st-node" tabindex="0" role="button" aria-label={label.clone()} data-node={n.id.clone()} {onclick} {onkeydown}>
                    <title>{ label }</title>
                    <rect x={format!("{x:.0}")} y={format!("{y:.0}")} width={format!("{}", graph::NODE_W)} height={format!("{}", graph::NODE_H)}
                        rx={if n.urgency.is_some() { "18" } else { "4" }} fill={fill} stroke={stroke} />
                    <text x={format!("{:.0}", x + 8.0)} y={format!("{:.0}", y + 18.0)} fill={text} class="st-node-id">{ graph::shorten(&n.id, 22) }</text>
                    <text x={format!("{:.0}", x + 8.0)} y={format!("{:.0}", y + 36.0)} fill={text} class="st-node-text">{ graph::shorten(&n.text, 26) }</text>
                </g>
            }
        });
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
                    { for edges }
                    { for nodes }
                </svg>
            </section>
        }
    };

    let paths_pane = html! {
        <section class="st-paths" aria-labelledby="paths-h">
            <h2 id="paths-h">{ "Paths" }</h2>
            if c.ok() {
                <p class="st-note">{
                    if c.rows.len() as u128 >= c.total_paths {
                        format!("All {} paths: the answers given, the outcome reached and the advice shown (as `selfcheck paths` prints them).", c.total_paths)
                    } else if c.rows.is_empty() {
                        format!("{} paths: too many to list here; the safety proof covers them all. Use `selfcheck paths` to list them.", c.total_paths)
                    } else {
                        format!("The first {} of {} paths (as `selfcheck paths` prints them; use it for the full list).", c.rows.len(), c.total_paths)
                    }
                }</p>
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
    };

    // Export: only a flow that passed every check and the proof.
    let embed_field = |id: &'static str,
                       label: &'static str,
                       value: String,
                       set: fn(&mut export::Embed, String)| {
        let embed = embed.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            let mut next = (*embed).clone();
            set(&mut next, input_value(&e));
            embed.set(next);
        });
        html! {
            <label for={id}>{ label }
                <input id={id} type="text" {value} {oninput} autocomplete="off"
                    onkeydown={Callback::from(keep_shift)} onkeyup={Callback::from(keep_shift)} />
            </label>
        }
    };
    let embed_select = |id: &'static str,
                        label: &'static str,
                        options: Html,
                        set: fn(&mut export::Embed, String)| {
        let embed = embed.clone();
        let onchange = Callback::from(move |e: Event| {
            let mut next = (*embed).clone();
            set(&mut next, select_value(&e));
            embed.set(next);
        });
        html! { <label for={id}>{ label }<select id={id} {onchange}>{ options }</select></label> }
    };
    let flow_id = good.id.clone();
    let (json, element, iframe) = if ok {
        (
            c.json.clone(),
            export::element(&embed, &flow_id),
            export::iframe(&embed, &flow_id),
        )
    } else {
        Default::default()
    };
    // One pack per language of the flow, made exactly as the build makes them.
    let packs: Vec<(String, Result<Vec<u8>, String>)> = if ok {
        good.languages
            .iter()
            .map(|l| {
                let made = pack::assemble(&good, l, &data.0, &data.1).map(|p| pack::encode(&p));
                (pack::file_name(&flow_id, l), made)
            })
            .collect()
    } else {
        Vec::new()
    };
    let save = |text: String, name: &'static str, mime: &'static str| {
        Callback::from(move |_: MouseEvent| download(&text, name, mime))
    };
    let export_pane = html! {
        <section class="st-export" aria-labelledby="export-h">
            <h2 id="export-h">{ "Export" }</h2>
            if !ok {
                <p class="st-blocked" role="note">{ "Nothing is exported while the flow fails validation or the safety proof." }</p>
            }
            <form class="st-form" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                { embed_field("practice-name", "Practice name", embed.name.clone(), |e, v| e.name = v) }
                { embed_field("practice-phone", "Phone", embed.phone.clone(), |e, v| e.phone = v) }
                { embed_field("practice-url", "Link (https://…)", embed.url.clone(), |e, v| e.url = v) }
                { embed_select("embed-region", "Region", region_options(&embed.region), |e, v| e.region = v) }
                { embed_select("embed-lang", "Language", lang_options(&embed.lang), |e, v| e.lang = v) }
                { embed_field("embed-base", "Widget files served from", embed.base.clone(), |e, v| e.base = v) }
            </form>
            <div class="st-out">
                <div>
                    <label for="export-json">{ "The validated flow as JSON" }</label>
                    <textarea id="export-json" readonly=true value={json.clone()} wrap="off" />
                    <button type="button" disabled={!ok} onclick={save(json, "flow.json", "application/json")}>{ "Download flow.json" }</button>
                </div>
                <div class="st-packs">
                    <p id="export-packs">{ format!("The packs: put them in the widget's packs/ folder ({}packs/), next to the others.", export::base(&embed)) }</p>
                    <ul aria-labelledby="export-packs">
                        { for packs.iter().map(|(name, made)| match made {
                            Ok(bytes) => {
                                let bytes = bytes.clone();
                                let file = name.clone();
                                html! { <li><button type="button" data-pack={name.clone()}
                                    onclick={Callback::from(move |_: MouseEvent| download_bytes(&bytes, &file, "application/octet-stream"))}>
                                    { format!("Download {name}") }</button></li> }
                            }
                            Err(e) => html! { <li class="st-blocked">{ format!("{name}: {e}") }</li> },
                        }) }
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
    };

    html! {
        <>
            { verdict }
            <main class="st-main">
                <div class="st-panes">
                    { editor_pane }
                    { preview_pane }
                </div>
                { graph_pane }
                { paths_pane }
                { export_pane }
            </main>
        </>
    }
}
