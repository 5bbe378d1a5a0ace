//! The selfcheck widget: a thin Yew shell over `selfcheck-flow`.
//!
//! The loader (`selfcheck.js`) fetches a pack (one flow in one language, with the widget's
//! words and the crisis directory) and mounts a widget with it; the widget reads the host
//! page's other settings from the mount element's `data-*` attributes and renders the
//! engine's view model. It makes no requests and stores nothing: when the visitor picks
//! another language it asks the loader, which fetches that pack from the same folder.

pub mod app;
mod dom;
mod panic;
mod render;

use std::cell::RefCell;
use std::rc::Rc;

use selfcheck_runtime::{pack, Pack};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;
use web_sys::Element;
use yew::{AppHandle, Callback};

pub use app::{same_replay, App, Props, Replay};
/// Saving text as a local file, shared with the authoring studio.
pub use dom::{download, download_bytes};
pub use selfcheck_runtime::view::Settings;

/// An element a widget is mounted in, and the pack it runs.
type Mounted = (Element, Rc<Pack>);

thread_local! {
    /// Every element a widget is mounted in, with the pack it runs, so a panic can
    /// replace each of them (including those inside shadow roots, which a document query
    /// cannot see) with the contacts.
    /// A destroyed widget's entry is emptied (its index is its `uid`), so the panic
    /// fallback never writes into an element the page has let go of.
    static MOUNTED: RefCell<Vec<Option<Mounted>>> = const { RefCell::new(Vec::new()) };
}

/// Runs when the module is instantiated: only the panic hook. The loader mounts widgets
/// once their packs have arrived.
pub fn start() {
    panic::install();
}

/// The elements widgets are mounted in and their packs, for the panic fallback.
pub(crate) fn mounted() -> Vec<Mounted> {
    MOUNTED.with(|m| m.borrow().iter().flatten().cloned().collect())
}

/// The host page's settings from the mount element's `data-*` attributes.
fn settings(root: &Element) -> (Settings, String) {
    let attr = |name: &str| {
        root.get_attribute(&format!("data-{name}"))
            .unwrap_or_default()
    };
    (
        Settings {
            lang: attr("lang"),
            region: attr("region"),
            practice_name: attr("practice-name"),
            practice_phone: attr("practice-phone"),
            practice_url: attr("practice-url"),
        },
        attr("exit-url"),
    )
}

/// Says on the console when the pack's crisis contacts were last checked more than 12
/// months ago: numbers change (988 replaced a 10-digit line in 2022), and a widget on a
/// practice's site must not keep an old one quietly.
fn warn_if_overdue(pack: &Pack) {
    let today = selfcheck_runtime::contacts::today((js_sys::Date::now() / 1000.0) as u64);
    let (_, overdue) = pack.directory.stale(&today, 365, 365);
    if let Some(first) = overdue.first() {
        web_sys::console::warn_1(
            &format!(
                "selfcheck: {} of this pack's crisis contacts were last checked more than 12 months ago ({first}): install a current release of the widget",
                overdue.len()
            )
            .into(),
        );
    }
}

/// Reads a pack, or says on the console why it cannot be used.
fn read_pack(bytes: &[u8]) -> Option<Rc<Pack>> {
    match pack::decode(bytes) {
        Ok(p) => Some(Rc::new(p)),
        Err(e) => {
            web_sys::console::error_1(&format!("selfcheck: {e}").into());
            None
        }
    }
}

/// A mounted widget.
#[wasm_bindgen]
pub struct Widget {
    root: Element,
    uid: u32,
    pack: Rc<Pack>,
    on_lang: Callback<String>,
    handle: Option<AppHandle<App>>,
}

impl Widget {
    fn props(&self) -> Props {
        let (settings, exit_url) = settings(&self.root);
        Props {
            pack: self.pack.clone(),
            settings,
            exit_url: exit_url.into(),
            uid: self.uid,
            replay: None,
            on_lang: self.on_lang.clone(),
        }
    }
}

#[wasm_bindgen]
impl Widget {
    /// Re-reads the mount element's `data-*` attributes; a changed region keeps the
    /// visitor's answers.
    pub fn update(&mut self) {
        let props = self.props();
        if let Some(handle) = &mut self.handle {
            handle.update(props);
        }
    }

    /// Runs another pack: the same flow in another language keeps the visitor's answers;
    /// another flow starts afresh. A pack that cannot be read is refused (false) with a
    /// console message, and the widget carries on as it was.
    pub fn set_pack(&mut self, bytes: &[u8]) -> bool {
        let Some(pack) = read_pack(bytes) else {
            return false;
        };
        MOUNTED.with(|m| {
            if let Some(Some(entry)) = m.borrow_mut().get_mut(self.uid as usize) {
                entry.1 = pack.clone();
            }
        });
        self.pack = pack;
        self.update();
        true
    }

    /// Unmounts the widget; its answers are dropped with it, and the panic fallback
    /// forgets its element.
    pub fn destroy(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
        MOUNTED.with(|m| {
            if let Some(entry) = m.borrow_mut().get_mut(self.uid as usize) {
                *entry = None;
            }
        });
    }
}

/// Mounts a widget into `root` with the pack in `bytes`. `on_lang(code)` is called when
/// the visitor picks another language; the loader answers with [`Widget::set_pack`].
/// Returns nothing, and leaves `root` as it is (its static crisis contacts), when the pack
/// cannot be read.
#[wasm_bindgen]
pub fn mount(root: Element, bytes: &[u8], on_lang: js_sys::Function) -> Option<Widget> {
    let pack = read_pack(bytes)?;
    let uid = MOUNTED.with(|m| {
        let mut m = m.borrow_mut();
        m.push(Some((root.clone(), pack.clone())));
        m.len() as u32 - 1
    });
    let on_lang = Callback::from(move |lang: String| {
        let _ = on_lang.call1(&JsValue::NULL, &lang.into());
    });
    let mut widget = Widget {
        root: root.clone(),
        uid,
        pack,
        on_lang,
        handle: None,
    };
    let props = widget.props();
    if let Some(problem) =
        selfcheck_runtime::view::region_problem(&widget.pack.directory, &props.settings.region)
    {
        web_sys::console::warn_1(&format!("selfcheck: {problem}").into());
    }
    warn_if_overdue(&widget.pack);
    // The static crisis contacts inside the mount element are the fallback for when the
    // script cannot run; the widget shows the same contacts, so it replaces them.
    root.set_text_content(None);
    let _ = root.class_list().add_1("sc-mounted");
    // Test hook: the e2e suite proves that a crash still leaves the crisis contacts.
    let crash = root.has_attribute("data-self-check-test-panic");
    widget.handle = Some(yew::Renderer::<App>::with_root_and_props(root, props).render());
    if crash {
        panic!("data-self-check-test-panic asked the widget to crash");
    }
    Some(widget)
}
