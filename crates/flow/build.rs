//! Embeds the project's content for the tools (feature `data`): every `data/ui/<lang>.toml`,
//! `data/crisis-contacts.toml` and every `flows/*.toml`. The list of languages is the list
//! of files, and so is the list of flows: adding one needs no code.

use std::{env, fs, path::Path, path::PathBuf};

/// The `.toml` files in `dir`, in name order, each watched for changes.
fn tomls(dir: &Path) -> Vec<PathBuf> {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|x| x == "toml"));
    files.sort();
    files
}

/// A `pub static NAME: &[(&str, &str)]` of `(file name, contents)`.
fn table(out: &mut String, doc: &str, name: &str, files: &[PathBuf]) {
    *out += &format!("/// {doc}\npub static {name}: &[(&str, &str)] = &[\n");
    for f in files {
        println!("cargo:rerun-if-changed={}", f.display());
        let file = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let path = f.canonicalize().unwrap_or(f.clone());
        *out += &format!("    ({file:?}, include_str!({path:?})),\n");
    }
    *out += "];\n";
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut out = String::new();
    let uis = tomls(&root.join("data/ui"));
    table(
        &mut out,
        "`(file name, contents)` of every `data/ui/*.toml`.",
        "UI_FILES",
        &uis,
    );
    let mut flows = tomls(&root.join("flows"));
    flows.sort_by_key(|p| !p.ends_with("default.toml"));
    table(
        &mut out,
        "`(file name, contents)` of every `flows/*.toml`, the default flow first.",
        "FLOWS",
        &flows,
    );
    let contacts = root.join("data/crisis-contacts.toml");
    println!("cargo:rerun-if-changed={}", contacts.display());
    let contacts = contacts.canonicalize().unwrap_or(contacts);
    out += &format!("/// `data/crisis-contacts.toml`.\npub static CONTACTS: &str = include_str!({contacts:?});\n");
    let dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    fs::write(Path::new(&dir).join("data.rs"), out).expect("OUT_DIR is writable");
}
