//! Embeds the project's content data for the tools (feature `data`): every
//! `data/ui/<lang>.toml` and `data/crisis-contacts.toml`. The list of languages is the list
//! of files: adding a language needs no code.

use std::{env, fs, path::Path};

fn main() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    println!("cargo:rerun-if-changed={}", data.join("ui").display());
    println!(
        "cargo:rerun-if-changed={}",
        data.join("crisis-contacts.toml").display()
    );
    let mut files: Vec<_> = fs::read_dir(data.join("ui"))
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|x| x == "toml"));
    files.sort();
    let mut out = String::from("/// `(file name, contents)` of every `data/ui/*.toml`.\npub static UI_FILES: &[(&str, &str)] = &[\n");
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        out += &format!(
            "    ({name:?}, include_str!({:?})),\n",
            f.canonicalize().unwrap_or(f.clone())
        );
    }
    out += "];\n";
    // The bundled flows, for the tools (the studio opens any of them).
    let flows_dir = data.join("../flows");
    println!("cargo:rerun-if-changed={}", flows_dir.display());
    let mut flows: Vec<_> = fs::read_dir(&flows_dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    flows.retain(|p| p.extension().is_some_and(|x| x == "toml"));
    flows.sort_by_key(|p| (!p.ends_with("default.toml"), p.clone()));
    out += "/// `(file name, contents)` of every `flows/*.toml`, the default flow first.\npub static FLOWS: &[(&str, &str)] = &[\n";
    for f in &flows {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        out += &format!(
            "    ({name:?}, include_str!({:?})),\n",
            f.canonicalize().unwrap_or(f.clone())
        );
    }
    out += "];\n/// `data/crisis-contacts.toml`.\npub static CONTACTS: &str = include_str!(";
    let contacts = data.join("crisis-contacts.toml");
    out += &format!("{:?});\n", contacts.canonicalize().unwrap_or(contacts));
    let dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    fs::write(Path::new(&dir).join("data.rs"), out).expect("OUT_DIR is writable");
}
