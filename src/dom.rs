//! The few browser calls the widget makes directly, gathered here: focus, leaving the
//! page, printing and the Shift-key shortcut. None of them sends anything anywhere.

use selfcheck_runtime::markup::Node;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::NodeRef;

/// Moves keyboard and screen-reader focus to `node` (a heading or legend), and scrolls it
/// to the top of the viewport unless it is already wholly in view, and so is `reveal` (the
/// element the engine marks to show with it: an emergency's first number to call): when
/// zoomed in, the new question starts where the visitor is looking, never half hidden, and
/// an emergency's number shows with its heading.
pub fn focus(node: &NodeRef, reveal: &NodeRef) {
    let Some(el) = node.cast::<web_sys::HtmlElement>() else {
        return;
    };
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = el.focus_with_options(&options);
    let height = web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .unwrap_or(f64::MAX);
    let in_view = |e: &web_sys::Element| {
        let rect = e.get_bounding_client_rect();
        rect.top() >= 0.0 && rect.bottom() <= height
    };
    let hidden = reveal
        .cast::<web_sys::Element>()
        .is_some_and(|r| !in_view(&r));
    if !in_view(&el) || hidden {
        el.scroll_into_view_with_bool(true);
    }
}

/// Replaces the page in history with `url` (the engine's `view::exit_target`), so Back
/// does not return to the self-check. In a frame it replaces the whole tab when the frame
/// may, since leaving only the frame would leave the host page on screen.
/// Should the navigation to `url` throw, the neutral default page is tried, so the exit
/// never leaves the visitor where they were.
pub fn leave(url: &str) {
    let Some(w) = web_sys::window() else { return };
    let top = w.top().ok().flatten();
    for target in [url, selfcheck_runtime::view::DEFAULT_EXIT] {
        if top
            .as_ref()
            .is_some_and(|t| t.location().replace(target).is_ok())
            || w.location().replace(target).is_ok()
        {
            return;
        }
    }
}

pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// Calls `on_exit` when Shift is pressed and released on its own three times within five
/// seconds. Any other key in between starts the count again, so Shift+Tab never counts. The
/// listener is removed when the returned guard runs.
pub fn on_triple_shift(on_exit: impl Fn() + 'static) -> impl FnOnce() {
    // The times of clean Shift presses, and whether the Shift held now is still clean.
    let state = std::cell::RefCell::new((Vec::<f64>::new(), false));
    let listener =
        Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |e: web_sys::KeyboardEvent| {
            let mut state = state.borrow_mut();
            let (presses, clean) = &mut *state;
            match (e.type_().as_str(), e.key() == "Shift") {
                ("keydown", true) if !e.repeat() => *clean = true,
                ("keydown", true) => {}
                ("keydown", false) => {
                    *clean = false;
                    presses.clear();
                }
                ("keyup", true) if *clean => {
                    *clean = false;
                    let now = e.time_stamp();
                    presses.retain(|t| now - t < 5000.0);
                    presses.push(now);
                    if presses.len() >= 3 {
                        presses.clear();
                        on_exit();
                    }
                }
                _ => {}
            }
        });
    let document = web_sys::window().and_then(|w| w.document());
    if let Some(d) = &document {
        for kind in ["keydown", "keyup"] {
            let _ = d.add_event_listener_with_callback(kind, listener.as_ref().unchecked_ref());
        }
    }
    move || {
        if let Some(d) = document {
            for kind in ["keydown", "keyup"] {
                let _ =
                    d.remove_event_listener_with_callback(kind, listener.as_ref().unchecked_ref());
            }
        }
    }
}

/// Calls `on_hide` when the page is hidden for another (`pagehide`: a link followed, a tab
/// closed, or the page put in the back-forward cache); returns the function that stops
/// listening. Written like [`on_triple_shift`], with the same few lines of glue.
pub fn on_page_hide(on_hide: impl Fn() + 'static) -> impl FnOnce() {
    let listener = Closure::<dyn Fn()>::new(on_hide);
    let window = web_sys::window();
    if let Some(w) = &window {
        let _ = w.add_event_listener_with_callback("pagehide", listener.as_ref().unchecked_ref());
    }
    move || {
        if let Some(w) = window {
            let _ = w
                .remove_event_listener_with_callback("pagehide", listener.as_ref().unchecked_ref());
        }
    }
}

/// Puts `text` on the clipboard. Nothing leaves the device.
pub fn copy(text: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
}

/// Saves `text` as a file of type `mime` through a local Blob URL: nothing is uploaded.
pub fn download(text: &str, file_name: &str, mime: &str) {
    save(&text.into(), file_name, mime);
}

/// Saves bytes as a local file, like [`download`] (the studio's pack export).
pub fn download_bytes(bytes: &[u8], file_name: &str, mime: &str) {
    save(&js_sys::Uint8Array::from(bytes).into(), file_name, mime);
}

fn save(part: &wasm_bindgen::JsValue, file_name: &str, mime: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(part);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(a) = document
        .create_element("a")
        .map(JsCast::unchecked_into::<web_sys::HtmlAnchorElement>)
    {
        a.set_href(&url);
        a.set_download(file_name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Builds DOM nodes from an engine element tree with plain DOM calls (no Yew): for the
/// panic fallback, which must work when Yew is gone. Controls' `On`s are not wired.
pub fn build(document: &web_sys::Document, node: &Node) -> Option<web_sys::Node> {
    match node {
        Node::Text(t) => Some(document.create_text_node(t).into()),
        Node::El(el) => {
            let e = document.create_element(el.tag).ok()?;
            for (name, value) in &el.attrs {
                let _ = e.set_attribute(name, value);
            }
            for child in &el.children {
                let _ = e.append_child(&build(document, child)?);
            }
            Some(e.into())
        }
    }
}
