//! If the widget panics, the Yew app is gone; this hook replaces every mounted widget with
//! static crisis contacts, built with plain DOM calls so it does not depend on Yew.

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
        root.set_text_content(None);
        let Ok(box_) = document.create_element("div") else {
            continue;
        };
        box_.set_class_name("sc-fallback");
        let _ = box_.set_attribute("role", "alert");
        let p = document.create_element("p").ok();
        if let Some(p) = &p {
            p.set_text_content(Some(&pack.ui.crashed));
            let _ = box_.append_child(p);
        }
        if let Some(r) = pack.directory.region(&region) {
            let Ok(list) = document.create_element("ul") else {
                continue;
            };
            for c in &r.contacts {
                let Some(tel) = &c.tel else { continue };
                let (Ok(li), Ok(a)) = (document.create_element("li"), document.create_element("a"))
                else {
                    continue;
                };
                let _ = a.set_attribute("href", &format!("tel:{tel}"));
                a.set_text_content(Some(&format!("{}: {}", c.name.get(0), c.number)));
                let _ = li.append_child(&a);
                let _ = list.append_child(&li);
            }
            let _ = box_.append_child(&list);
        }
        let _ = root.append_child(&box_);
    }
}
