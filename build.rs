//! Compiles the bundled flows and the crisis directory at build time.
//!
//! Every flow in `flows/` is validated and proven safe here; one that fails stops the build,
//! with every problem printed as `error[kind]` with `--> file:line:col`, the line and a caret under the
//! problem, exactly as `selfcheck check` prints them. The browser receives the
//! flows already checked, in a compact binary form, so it needs no TOML parser.

use std::{env, fmt::Write, fs, path::Path, process};

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out = Path::new(&out);
    println!("cargo:rerun-if-changed=flows");
    println!("cargo:rerun-if-changed=data/crisis-contacts.toml");

    let mut files: Vec<_> = fs::read_dir("flows")
        .unwrap_or_else(|e| fail(&format!("flows/: {e}")))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut problems = Vec::new();
    let mut index = String::from("/// The bundled flows: id and compiled bytes, the default first.\npub static FLOWS: &[(&str, &[u8])] = &[\n");
    let mut entries = Vec::new();
    for path in &files {
        let file = path.display().to_string();
        println!("cargo:rerun-if-changed={file}");
        let src = fs::read_to_string(path)
            .unwrap_or_else(|e| fail(&format!("{file}: cannot read the flow: {e}")));
        match selfcheck_flow::compile_toml(&src) {
            Ok(compiled) => {
                let name = format!("{}.flow", compiled.flow.id);
                let bytes = selfcheck_flow::wire::encode(&compiled.flow);
                fs::write(out.join(&name), bytes).expect("OUT_DIR is writable");
                let default = file.ends_with("default.toml");
                entries.push((
                    default,
                    format!(
                        "    ({:?}, include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{name}\"))),\n",
                        compiled.flow.id
                    ),
                ));
            }
            Err(errors) => {
                problems.extend(
                    errors
                        .iter()
                        .map(|e| selfcheck_flow::diag::render(e, &file, &src)),
                );
                problems.push(format!(
                    "{} problem(s) in {file}: the widget is not built until they are fixed.\n",
                    errors.len()
                ));
            }
        }
    }
    if !problems.is_empty() {
        fail(&problems.join("\n"));
    }
    entries.sort_by_key(|(default, _)| !default);
    if !entries.first().is_some_and(|(default, _)| *default) {
        fail("flows/default.toml is missing: the widget needs a default flow");
    }
    for (_, line) in entries {
        index.push_str(&line);
    }
    index.push_str("];\n");
    let _ = writeln!(index);
    fs::write(out.join("flows.rs"), index).expect("OUT_DIR is writable");

    let file = "data/crisis-contacts.toml";
    let src = fs::read_to_string(file)
        .unwrap_or_else(|e| fail(&format!("{file}: cannot read the crisis directory: {e}")));
    let directory =
        selfcheck_flow::contacts::from_toml(&src).unwrap_or_else(|e| fail(&format!("{file}: {e}")));
    let bytes = selfcheck_flow::wire::encode(&directory);
    fs::write(out.join("contacts.bin"), bytes).expect("OUT_DIR is writable");
}

fn fail(message: &str) -> ! {
    eprintln!("{message}");
    process::exit(1);
}
