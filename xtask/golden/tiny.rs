//! The smallest module with what the widget's glue has: imported functions (a console
//! call, a DOM method), an exported function and a string crossing the boundary.
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub fn mount(root: web_sys::Element, name: &str) -> String {
    web_sys::console::log_1(&name.into());
    root.set_text_content(Some(name));
    format!("mounted {name}")
}
