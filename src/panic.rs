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
    let Ok(mounts) = document.query_selector_all("[data-self-check]") else {
        return;
    };
    // The directory was checked at build time, so decoding it here cannot fail.
    let directory = Some(crate::bundle::directory());
    for i in 0..mounts.length() {
        let Some(root) = mounts
            .get(i)
            .and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
        else {
            continue;
        };
        let region = root.get_attribute("data-region").unwrap_or_default();
        root.set_text_content(None);
        let Ok(box_) = document.create_element("div") else {
            continue;
        };
        box_.set_class_name("sc-fallback");
        let _ = box_.set_attribute("role", "alert");
        let p = document.create_element("p").ok();
        if let Some(p) = &p {
            p.set_text_content(Some("The self-check stopped working. If someone is in danger now, call your local emergency number. In the US: call 911, or call or text 988 (Suicide & Crisis Lifeline)."));
            let _ = box_.append_child(p);
        }
        if let Some(r) = directory.as_ref().and_then(|d| d.region(&region)) {
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
                a.set_text_content(Some(&format!("{}: {}", c.name[0], c.number)));
                let _ = li.append_child(&a);
                let _ = list.append_child(&li);
            }
            let _ = box_.append_child(&list);
        }
        let _ = root.append_child(&box_);
    }
}
