//! Where the widget's flow comes from: a flow compiled into the bundle by `build.rs`, or a
//! JSON flow inlined in the host page, which is checked and proven here like at build time.

use std::rc::Rc;

use selfcheck_flow::contacts::Directory;
use selfcheck_flow::Flow;

include!(concat!(env!("OUT_DIR"), "/flows.rs"));
static CONTACTS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/contacts.bin"));

/// A flow the widget cannot run, with messages for the site's author.
pub type Problems = Rc<Vec<String>>;

fn problem(message: String) -> Problems {
    Rc::new(vec![message])
}

/// Resolves the `flow` setting: empty for the default flow, a bundled flow's id, or `#id`
/// of a `<script type="application/json">` element holding a flow.
pub fn load(setting: &str, document: &web_sys::Document) -> Result<Rc<Flow>, Problems> {
    let setting = setting.trim();
    if let Some(id) = setting.strip_prefix('#') {
        return inline(setting, id, document);
    }
    bundled(setting)
}

/// A flow compiled into the bundle, by id; the first (the default flow) for "".
pub fn bundled(setting: &str) -> Result<Rc<Flow>, Problems> {
    let wanted = if setting.is_empty() {
        FLOWS[0].0
    } else {
        setting
    };
    // One decoded flow per id: the same flow stays the same flow when the page changes
    // another setting, so the visitor's session carries on.
    let cached = DECODED.with(|d| {
        d.borrow()
            .iter()
            .find(|(id, _)| id == wanted)
            .map(|(_, f)| f.clone())
    });
    if let Some(flow) = cached {
        return Ok(flow);
    }
    let decoded = match FLOWS.iter().find(|(id, _)| *id == wanted) {
        // build.rs wrote these bytes from a flow that passed every check.
        Some((_, bytes)) => selfcheck_flow::wire::decode::<Flow>(bytes)
            .map(Rc::new)
            .ok_or_else(|| problem(format!("flow \"{wanted}\" is damaged in this build"))),
        None => {
            let known: Vec<&str> = FLOWS.iter().map(|(id, _)| *id).collect();
            Err(problem(format!("flow=\"{setting}\" names no bundled flow; use one of: {}, or \"#id\" of an inline JSON flow", known.join(", "))))
        }
    };
    if let Ok(flow) = &decoded {
        DECODED.with(|d| d.borrow_mut().push((wanted.to_string(), flow.clone())));
    }
    decoded
}

thread_local! {
    static DECODED: std::cell::RefCell<Vec<(String, Rc<Flow>)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A JSON flow inlined in the page: parsed, checked and proven here exactly as at build
/// time. The checker is sizeable, so only the build with the `inline-flows` feature has it.
#[cfg(feature = "inline-flows")]
fn inline(setting: &str, id: &str, document: &web_sys::Document) -> Result<Rc<Flow>, Problems> {
    let Some(script) = document.get_element_by_id(id) else {
        return Err(problem(format!(
            "flow=\"{setting}\": the page has no element with id \"{id}\""
        )));
    };
    let json = script.text_content().unwrap_or_default();
    let doc = selfcheck_flow::doc::from_json(&json).map_err(|e| problem(e.render(setting)))?;
    selfcheck_flow::compile(&doc)
        .map(|c| Rc::new(c.flow))
        .map_err(|errors| Rc::new(errors.iter().map(|e| e.render(setting)).collect()))
}

#[cfg(not(feature = "inline-flows"))]
fn inline(setting: &str, _id: &str, _document: &web_sys::Document) -> Result<Rc<Flow>, Problems> {
    Err(problem(format!(
        "flow=\"{setting}\": this build of the widget runs bundled flows only; use the build with inline flows (feature `inline-flows`) to run a JSON flow from the page"
    )))
}

thread_local! {
    // Decoded once, shared by every widget on the page.
    static DIRECTORY: Rc<Directory> = Rc::new(selfcheck_flow::wire::decode(CONTACTS).expect("build.rs wrote this directory"));
}

/// The crisis directory, checked when the widget was built.
pub fn directory() -> Rc<Directory> {
    DIRECTORY.with(Rc::clone)
}
