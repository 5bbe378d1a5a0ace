//! The selfcheck widget: a thin Yew shell over `selfcheck-flow`.
//!
//! It finds its mount elements, reads the host page's settings from `data-*` attributes and
//! renders the engine's view model. It makes no requests and stores nothing.

pub mod app;
pub mod bundle;
mod components;
mod dom;
mod panic;

use std::cell::RefCell;

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::AppHandle;

pub use app::{App, Props};
/// Saving text as a local file, shared with the authoring studio.
pub use dom::download;
pub use selfcheck_flow::view::Settings;

thread_local! {
    /// Every element a widget is mounted in, so a panic can replace each of them (including
    /// those inside shadow roots, which a document query cannot see) with the contacts.
    static MOUNTED: RefCell<Vec<Element>> = const { RefCell::new(Vec::new()) };
}

/// Mounts a widget into every element with a `data-self-check` attribute, except those
/// holding a pre-rendered first screen (`data-prerendered`): the loader mounts those
/// itself, so that what the visitor already did there carries over.
pub fn start() {
    panic::install();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(mounts) = document.query_selector_all("[data-self-check]:not([data-prerendered])")
    else {
        return;
    };
    for i in 0..mounts.length() {
        if let Some(root) = mounts.get(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            // Widgets live for the page's lifetime here: nothing ever unmounts them.
            std::mem::forget(mount_into(root));
        }
    }
}

/// The elements widgets are mounted in, for the panic fallback.
pub(crate) fn mounted() -> Vec<Element> {
    MOUNTED.with(|m| m.borrow().clone())
}

/// The widget's props from the mount element's `data-*` attributes.
fn props(root: &Element, uid: u32) -> Props {
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
    let flow = match web_sys::window().and_then(|w| w.document()) {
        Some(document) => bundle::load(&attr("flow"), &document),
        None => Err(std::rc::Rc::new(vec!["no document".to_string()])),
    };
    Props {
        flow,
        settings,
        exit_url: attr("exit-url").into(),
        uid,
        replay: None,
    }
}

fn mount_into(root: Element) -> AppHandle<App> {
    let uid = MOUNTED.with(|m| {
        let mut m = m.borrow_mut();
        m.push(root.clone());
        m.len() as u32 - 1
    });
    let props = props(&root, uid);
    // The static crisis contacts inside the mount element are the fallback for when the
    // script cannot run; the widget shows the same contacts, so it replaces them.
    root.set_text_content(None);
    let _ = root.class_list().add_1("sc-mounted");
    // Test hook: the e2e suite proves that a crash still leaves the crisis contacts.
    let crash = root.has_attribute("data-self-check-test-panic");
    let handle = yew::Renderer::<App>::with_root_and_props(root, props).render();
    if crash {
        panic!("data-self-check-test-panic asked the widget to crash");
    }
    handle
}

/// A mounted widget, for the loader's `<self-check>` element.
#[wasm_bindgen]
pub struct Widget {
    root: Element,
    uid: u32,
    handle: Option<AppHandle<App>>,
}

#[wasm_bindgen]
impl Widget {
    /// Re-reads the mount element's `data-*` attributes. A changed language or region
    /// keeps the visitor's answers; a changed flow starts that flow.
    pub fn update(&mut self) {
        if let Some(handle) = &mut self.handle {
            handle.update(props(&self.root, self.uid));
        }
    }

    /// Unmounts the widget; its answers are dropped with it.
    pub fn destroy(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
    }
}

/// Mounts a widget into `root` (used by the `<self-check>` element for its shadow root).
#[wasm_bindgen]
pub fn mount(root: Element) -> Widget {
    let handle = mount_into(root.clone());
    let uid = MOUNTED.with(|m| m.borrow().len() as u32 - 1);
    Widget {
        root,
        uid,
        handle: Some(handle),
    }
}

/// The visitor's browser language, used when the page does not set one.
fn browser_language() -> String {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_default()
}
