//! If the widget panics, the Yew app is gone; this hook replaces every mounted widget with
//! the engine's fallback (an apology and the crisis line, `markup::fallback`), built with
//! plain DOM calls so it does not depend on Yew.

use selfcheck_runtime::{markup, view};

pub fn install() {
    // Through Yew, or its renderer replaces the hook with its own when it starts.
    yew::set_custom_panic_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("selfcheck: {info}").into());
        show_fallback();
    }));
}

fn show_fallback() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    for (old, pack) in crate::mounted() {
        // A fresh element in place of the old one: whatever Yew still has scheduled renders
        // into the detached old element, never over the contacts.
        let Some(root) = old
            .clone_node()
            .ok()
            .and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
        else {
            continue;
        };
        if old.replace_with_with_node_1(&root).is_err() {
            continue;
        }
        let region = root.get_attribute("data-region").unwrap_or_default();
        let links = view::strip(&pack.directory, &region, &pack.ui);
        if let Some(fallback) = crate::dom::build(&document, &markup::fallback(&pack.ui, &links)) {
            let _ = root.append_child(&fallback);
        }
    }
}
