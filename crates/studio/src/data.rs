//! The widget's words in every language and the crisis directory, as the build packs them
//! (`data/`), and what the studio makes from them: language and region names for the
//! selects, and packs of the flow for the preview and the export.

use std::rc::Rc;

use selfcheck_flow::contacts::Directory;
use selfcheck_flow::ui::Ui;
use selfcheck_flow::{pack, Flow, Pack};

thread_local! {
    static DATA: Rc<(Vec<Ui>, Directory)> = Rc::new((
        selfcheck_flow::data::uis().expect("data/ui/ was checked by the build"),
        selfcheck_flow::data::directory().expect("the crisis directory was checked by the build"),
    ));
}

fn data() -> Rc<(Vec<Ui>, Directory)> {
    DATA.with(Rc::clone)
}

/// A language code's own name.
pub fn language_name(code: &str) -> String {
    data()
        .0
        .iter()
        .find(|u| u.lang == code)
        .map_or_else(|| code.to_string(), |u| u.name.clone())
}

/// Every region of the crisis directory as `(code, name in English)`.
pub fn regions() -> Vec<(String, String)> {
    let data = data();
    let ui_en = data
        .0
        .iter()
        .find(|u| u.lang == "en")
        .cloned()
        .unwrap_or_default();
    selfcheck_flow::view::regions(&data.1, &ui_en)
}

/// The pack the preview runs: the flow in `lang`, or in its first language when `lang` has
/// no widget words or contact names yet (the export then says what is missing).
pub fn preview_pack(flow: &Flow, lang: &str) -> Rc<Pack> {
    let data = data();
    let make = |l: &str| pack::assemble(flow, l, &data.0, &data.1);
    Rc::new(
        make(lang)
            .or_else(|_| make(flow.languages.first().map_or("en", String::as_str)))
            .or_else(|_| make("en"))
            .expect("the data has English words and contact names"),
    )
}

/// A pack's bytes and its first screen (`markup::first_screens`), as the build writes them.
pub type Made = (Vec<u8>, String);

/// One pack per language of the flow, made exactly as the build makes them, by file name,
/// with its first screen; or what is missing to make it.
pub fn packs(flow: &Flow) -> Vec<(String, Result<Made, String>)> {
    let data = data();
    flow.languages
        .iter()
        .map(|l| {
            let made = pack::with_screen(flow, l, &data.0, &data.1);
            (pack::file_name(&flow.id, l), made)
        })
        .collect()
}
