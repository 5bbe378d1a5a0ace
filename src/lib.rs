//! The selfcheck widget: a thin Yew shell over `selfcheck-flow`.
//!
//! It finds its mount elements, reads the host page's settings from `data-*` attributes and
//! renders the engine's view model. It makes no requests and stores nothing.

pub mod app;
pub mod bundle;
mod components;
mod dom;
mod panic;

pub use app::{App, Props};
pub use selfcheck_flow::view::Settings;

/// Runs when the module is loaded: mounts every widget on the page.
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn boot() {
    start();
}

/// Mounts a widget into every element with a `data-self-check` attribute.
pub fn start() {
    panic::install();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(mounts) = document.query_selector_all("[data-self-check]") else {
        return;
    };
    for i in 0..mounts.length() {
        let Some(root) = mounts
            .get(i)
            .and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
        else {
            continue;
        };
        let attr = |name: &str| {
            root.get_attribute(&format!("data-{name}"))
                .unwrap_or_default()
        };
        let settings = Settings {
            lang: Some(attr("lang"))
                .filter(|l| !l.trim().is_empty())
                .unwrap_or_else(browser_language),
            region: attr("region"),
            practice_name: attr("practice-name"),
            practice_phone: attr("practice-phone"),
            practice_url: attr("practice-url"),
        };
        let exit_url = attr("exit-url");
        let flow = bundle::load(&attr("flow"), &document);
        // The static crisis contacts inside the mount element are the fallback for when the
        // script cannot run; the widget shows the same contacts, so it replaces them.
        root.set_text_content(None);
        let _ = root.class_list().add_1("sc-mounted");
        yew::Renderer::<App>::with_root_and_props(
            root,
            Props {
                flow,
                settings,
                exit_url: exit_url.into(),
                uid: i,
            },
        )
        .render();
    }
}

/// The visitor's browser language, used when the page does not set one.
fn browser_language() -> String {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_default()
}
