//! The widget's words in every language and the crisis directory, as the build packs them
//! (`data/`, checked by the build's pipeline on today's date), and what the studio makes
//! from them: language and region names for the selects, and packs of the flow for the
//! preview and the export.

use std::rc::Rc;

use selfcheck_flow::pipeline::{self, Checked, Data};
use selfcheck_flow::ui::Ui;
use selfcheck_flow::{pack, Flow, Pack};

thread_local! {
    static DATA: Rc<Result<Data, Vec<String>>> = Rc::new(Data::repository(&today()));
}

/// Today (UTC), `YYYY-MM-DD`: the day the contacts' `checked` dates are measured from.
fn today() -> String {
    #[cfg(target_arch = "wasm32")]
    let secs = (js_sys::Date::now() / 1000.0) as u64;
    #[cfg(not(target_arch = "wasm32"))]
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    selfcheck_flow::contacts::today(secs)
}

/// The data the pipeline checks and packs with, or why it cannot be used (stale contacts).
pub fn pipeline_data() -> Result<Rc<Data>, Vec<String>> {
    DATA.with(|d| match d.as_ref() {
        Ok(data) => Ok(Rc::new(data.clone())),
        Err(problems) => Err(problems.clone()),
    })
}

/// The widget's words and the crisis directory, for the selects and the preview (shown
/// even while the contacts are stale, which the check reports).
fn words() -> (Vec<Ui>, selfcheck_flow::contacts::Directory) {
    (
        selfcheck_flow::data::uis().expect("data/ui/ was checked by the build"),
        selfcheck_flow::data::directory().expect("the crisis directory was checked by the build"),
    )
}

thread_local! {
    static WORDS: Rc<(Vec<Ui>, selfcheck_flow::contacts::Directory)> = Rc::new(words());
}

fn data() -> Rc<(Vec<Ui>, selfcheck_flow::contacts::Directory)> {
    WORDS.with(Rc::clone)
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

pub use pipeline::Made;

/// One pack per language of the checked flow, made by the build's pipeline, by file name,
/// with its first screen; or what is missing to make it.
pub fn packs(checked: &Checked) -> Vec<(String, Result<Made, String>)> {
    let Ok(data) = pipeline_data() else {
        return Vec::new();
    };
    pipeline::packs(checked, &data)
        .into_iter()
        .map(|(l, made)| (pack::file_name(&checked.flow().id, &l), made))
        .collect()
}
