//! The few browser calls the widget makes directly, gathered here: focus, leaving the
//! page, printing and the Shift-key shortcut. None of them sends anything anywhere.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::NodeRef;

/// Moves keyboard and screen-reader focus to `node` (a heading or legend).
pub fn focus(node: &NodeRef) {
    if let Some(el) = node.cast::<web_sys::HtmlElement>() {
        let _ = el.focus();
    }
}

/// Replaces the current page in history, so Back does not return to the self-check.
pub fn leave(url: &str) {
    let url = if url.starts_with("https://") {
        url
    } else {
        "https://www.google.com/"
    };
    if let Some(w) = web_sys::window() {
        let _ = w.location().replace(url);
    }
}

pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// Calls `on_exit` when Shift is pressed three times within two seconds. The listener is
/// removed when the returned guard is dropped.
pub fn on_triple_shift(on_exit: impl Fn() + 'static) -> impl FnOnce() {
    let presses = std::cell::RefCell::new(Vec::<f64>::new());
    let listener =
        Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |e: web_sys::KeyboardEvent| {
            if e.key() != "Shift" || e.repeat() {
                return;
            }
            let now = e.time_stamp();
            let mut p = presses.borrow_mut();
            p.retain(|t| now - t < 2000.0);
            p.push(now);
            if p.len() >= 3 {
                p.clear();
                on_exit();
            }
        });
    let document = web_sys::window().and_then(|w| w.document());
    if let Some(d) = &document {
        let _ = d.add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
    }
    move || {
        if let Some(d) = document {
            let _ =
                d.remove_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
        }
    }
}
