//! The project's content data, embedded for the tools (the CLI, the studio, tests): the
//! widget's words in every language of `data/ui/` and the crisis directory. The widget
//! itself never embeds them: it reads them from packs.

use crate::contacts::{self, Directory};
use crate::ui::{self, Ui};

include!(concat!(env!("OUT_DIR"), "/data.rs"));

/// The widget's words in every language, read from `data/ui/*.toml`.
pub fn uis() -> Result<Vec<Ui>, String> {
    UI_FILES
        .iter()
        .map(|(name, src)| {
            let ui = ui::from_toml(src).map_err(|e| format!("data/ui/{name}: {e}"))?;
            if format!("{}.toml", ui.lang) != *name {
                return Err(format!(
                    "data/ui/{name}: lang = \"{}\" must match the file name",
                    ui.lang
                ));
            }
            Ok(ui)
        })
        .collect()
}

/// The safety lint's words in every language, from the `[lint]` tables of `data/ui/`.
pub fn vocab() -> Result<Vec<crate::lint::Vocab>, String> {
    UI_FILES
        .iter()
        .map(|(name, src)| ui::lint_words(src).map_err(|e| format!("data/ui/{name}: {e}")))
        .collect()
}

/// The crisis directory, read from `data/crisis-contacts.toml`.
pub fn directory() -> Result<Directory, String> {
    contacts::from_toml(CONTACTS).map_err(|e| format!("data/crisis-contacts.toml: {e}"))
}

/// The pack of the flow in `src` (TOML, or JSON starting with `{`) in `lang`, made as the build makes it: for tests
/// and previews. Errors are the compiler's messages or what the data lacks.
pub fn pack(src: &str, lang: &str) -> Result<Vec<u8>, String> {
    let doc = if src.trim_start().starts_with('{') {
        crate::doc::from_json(src)
    } else {
        crate::doc::from_toml(src)
    };
    let compiled = doc
        .map_err(|e| vec![e])
        .and_then(|d| crate::compile(&d))
        .map_err(|errors| {
            errors
                .iter()
                .map(|e| e.render("flow.toml"))
                .collect::<Vec<_>>()
                .join("\n")
        })?;
    let p = crate::pack::assemble(&compiled.flow, lang, &uis()?, &directory()?)?;
    Ok(crate::pack::encode(&p))
}
