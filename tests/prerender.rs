//! The demo page carries the widget's first screen pre-rendered in its mount element
//! (`index.html`, between the `prerender` markers), so the question is on screen before the
//! wasm has arrived. This renders the same `App`, natively with Yew's server renderer, for
//! the settings on that mount element, and checks the page holds exactly that markup.
//!
//! After changing the flow's first question, the UI strings, the crisis directory or the
//! widget's markup: `UPDATE_EXPECT=1 cargo test -p selfcheck --test prerender`.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use selfcheck::{App, Props, Settings};

const START: &str = "<!-- prerender:start -->";
const END: &str = "<!-- prerender:end -->";

/// The value of `data-<name>` on the element whose start tag is `tag`.
fn attribute(tag: &str, name: &str) -> String {
    let key = format!(" data-{name}=\"");
    tag.split_once(&key)
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(value, _)| value.to_string())
        .unwrap_or_default()
}

/// The first screen `App` renders for the mount element whose start tag is `tag`.
fn first_screen(tag: &str) -> String {
    assert!(
        attribute(tag, "flow").is_empty(),
        "the pre-rendered mount element must run the default flow"
    );
    let src =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("flows/default.toml"))
            .expect("flows/default.toml");
    let bytes =
        selfcheck_flow::data::pack(&src, &attribute(tag, "lang")).expect("the default flow packs");
    let props = Props {
        pack: std::rc::Rc::new(selfcheck_flow::pack::decode(&bytes).expect("a pack reads back")),
        settings: Settings {
            lang: attribute(tag, "lang"),
            region: attribute(tag, "region"),
            practice_name: attribute(tag, "practice-name"),
            practice_phone: attribute(tag, "practice-phone"),
            practice_url: attribute(tag, "practice-url"),
        },
        exit_url: attribute(tag, "exit-url").into(),
        uid: 0,
        replay: None,
        on_lang: Default::default(),
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a tokio runtime");
    let local = tokio::task::LocalSet::new();
    local.block_on(
        &runtime,
        yew::LocalServerRenderer::<App>::with_props(props)
            .hydratable(false)
            .render(),
    )
}

#[test]
fn index_html_holds_the_widgets_current_first_screen() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("index.html");
    let page = std::fs::read_to_string(&path).expect("index.html");
    let (before, rest) = page
        .split_once(START)
        .expect("index.html has the prerender:start marker");
    let (held, after) = rest
        .split_once(END)
        .expect("index.html has the prerender:end marker");
    let tag_start = before
        .rfind("<div ")
        .expect("the markers sit inside the mount element");
    let tag = &before[tag_start..];
    assert!(
        tag.contains(" data-self-check") && tag.contains(" data-prerendered"),
        "the element around the markers is a mount element marked data-prerendered: {tag}"
    );
    // The ids in the markup are those of the first widget on the page (uid 0).
    assert_eq!(
        page.matches(" data-self-check").count(),
        1,
        "one widget on the demo page"
    );
    let html = first_screen(tag);
    assert!(
        html.contains("<form") && html.contains("sc0-danger"),
        "{html}"
    );
    // The whole page with the block as `App` renders it now: a difference fails with a diff,
    // and `UPDATE_EXPECT=1` rewrites the file, which changes only the block.
    assert!(!held.is_empty(), "the block between the markers is filled");
    expect_test::expect_file!["../index.html"]
        .assert_eq(&format!("{before}{START}{html}{END}{after}"));
}

/// A mount without a pre-rendered screen (a `<self-check>`, the iframe page) shows the first screen the build
/// wrote beside its pack (`markup::first_screens`, whose trees the engine's tests compare
/// with `markup::page`) until the widget takes it over by position. So the engine's tree
/// must be exactly what `App` renders, for every language and region.
#[test]
fn the_engines_first_screen_is_what_the_widget_renders() {
    let src =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("flows/default.toml"))
            .expect("flows/default.toml");
    for lang in ["en", "es", "fr"] {
        let bytes = selfcheck_flow::data::pack(&src, lang).expect("the default flow packs");
        let pack = std::rc::Rc::new(selfcheck_flow::pack::decode(&bytes).expect("a pack"));
        for region in ["", "us", "uk", "eu"] {
            let tag =
                format!("<div data-self-check data-lang=\"{lang}\" data-region=\"{region}\">");
            let settings = Settings {
                lang: lang.into(),
                region: region.into(),
                ..Settings::default()
            };
            let session = selfcheck_flow::Session::new(pack.flow.clone());
            let engine = selfcheck_flow::markup::page(
                &selfcheck_flow::view::page(&session, &pack, &settings),
                0,
            );
            assert_eq!(
                first_screen(&tag),
                engine.html(),
                "{lang}, region {region:?}"
            );
        }
    }
}
