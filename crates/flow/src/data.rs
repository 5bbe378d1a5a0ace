//! The project's content data, embedded for the tools (the CLI, the studio, tests): the
//! widget's words in every language of `data/ui/` and the crisis directory. The widget
//! itself never embeds them: it reads them from packs.

use crate::contacts::{self, Directory};
use crate::ui::{self, Ui};

include!(concat!(env!("OUT_DIR"), "/data.rs"));

/// The widget's words in every language, read from `data/ui/*.toml`.
pub fn uis() -> Result<Vec<Ui>, String> {
    read_uis("data/ui", UI_FILES.iter().copied())
}

/// The safety lint's words in every language, from the `[lint]` tables of `data/ui/`.
pub fn vocab() -> Result<Vec<crate::lint::Vocab>, String> {
    read_vocab("data/ui", UI_FILES.iter().copied())
}

/// Reads `<lang>.toml` files given as `(file name, contents)` from folder `dir` (for
/// messages): each file's `lang` must match its name.
pub fn read_uis<'a>(
    dir: &str,
    files: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<Vec<Ui>, String> {
    files
        .into_iter()
        .map(|(name, src)| {
            let ui = ui::from_toml(src).map_err(|e| format!("{dir}/{name}: {e}"))?;
            if format!("{}.toml", ui.lang) != name {
                return Err(format!(
                    "{dir}/{name}: lang = \"{}\" must match the file name",
                    ui.lang
                ));
            }
            Ok(ui)
        })
        .collect()
}

/// The `[lint]` words of the same files as [`read_uis`].
pub fn read_vocab<'a>(
    dir: &str,
    files: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<Vec<crate::lint::Vocab>, String> {
    files
        .into_iter()
        .map(|(name, src)| ui::lint_words(src).map_err(|e| format!("{dir}/{name}: {e}")))
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
