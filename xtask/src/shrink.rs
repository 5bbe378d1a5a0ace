//! Shorter names between the wasm and its JS glue.
//!
//! wasm-bindgen names every import `__wbg_<method>_<16 hex digits>` and repeats the glue's
//! module name in each of the ~130 imports. Those names appear twice in the download (in
//! the wasm's import section and as keys of the glue's import object) and the hashes do not
//! compress: together about 3 KB of gzip. This pass renames each import to a short name in
//! both files. It changes nothing else, and it refuses (an error: the build stops there,
//! naming the cause) unless every renamed name occurs in the glue exactly once, as an
//! object key. `exports` does the same for wasm-bindgen's internal exports.
//!
//! The module is read with `wasmparser` and written with `wasm-encoder` (the Bytecode
//! Alliance's maintained crates); every other section is copied byte for byte. A golden
//! test runs both passes on the output of the pinned wasm-bindgen (`golden/`), so an
//! upgrade that changes the glue's shape fails that test, at the cause.

use std::ops::Range;

use wasm_encoder::reencode::{Reencode, RoundtripReencoder};
use wasm_encoder::{ExportSection, ImportSection, Module, RawSection};
use wasmparser::{Parser, Payload};

/// What the passes need of a module: every section's id and bytes, the imports and the
/// exports.
struct Parsed<'a> {
    sections: Vec<(u8, Range<usize>)>,
    imports: Vec<wasmparser::Import<'a>>,
    exports: Vec<wasmparser::Export<'a>>,
}

fn parse(wasm: &[u8]) -> Result<Parsed<'_>, String> {
    let err = |e: wasmparser::BinaryReaderError| format!("the wasm cannot be read: {e}");
    let mut parsed = Parsed {
        sections: Vec::new(),
        imports: Vec::new(),
        exports: Vec::new(),
    };
    for payload in Parser::new(0).parse_all(wasm) {
        let payload = payload.map_err(err)?;
        match &payload {
            Payload::ImportSection(r) => {
                for import in r.clone().into_imports() {
                    parsed.imports.push(import.map_err(err)?);
                }
            }
            Payload::ExportSection(r) => {
                for export in r.clone() {
                    parsed.exports.push(export.map_err(err)?);
                }
            }
            _ => {}
        }
        if let Some(section) = payload.as_section() {
            parsed.sections.push(section);
        }
    }
    Ok(parsed)
}

/// `wasm` with section `id` replaced by `section`, and custom sections (producers, target
/// features: not needed to run) dropped.
fn replace_section(
    wasm: &[u8],
    parsed: &Parsed,
    id: u8,
    section: &impl wasm_encoder::Section,
) -> Vec<u8> {
    let mut module = Module::new();
    for (sid, range) in &parsed.sections {
        match *sid {
            0 => {}
            s if s == id => {
                module.section(section);
            }
            s => {
                module.section(&RawSection {
                    id: s,
                    data: &wasm[range.clone()],
                });
            }
        }
    }
    module.finish()
}

/// The module with its imports renamed, and the glue with the same names.
pub fn imports(wasm: &[u8], glue: &str) -> Result<(Vec<u8>, String), String> {
    let parsed = parse(wasm)?;
    if parsed.imports.is_empty() {
        return Ok((wasm.to_vec(), glue.to_string()));
    }
    // The module name the glue keys its import object by, e.g. "./selfcheck-widget_bg.js".
    let mut module_names: Vec<&str> = parsed.imports.iter().map(|e| e.module).collect();
    module_names.sort_unstable();
    module_names.dedup();
    let [module] = module_names.as_slice() else {
        return Err(format!(
            "expected one import module, found {module_names:?}"
        ));
    };
    let quoted = format!("\"{module}\":");
    if glue.matches(&quoted).count() != 1 {
        return Err(format!(
            "the glue does not key its imports by {quoted} exactly once"
        ));
    }
    let mut glue = glue.replacen(&quoted, "m:", 1);

    let mut section = ImportSection::new();
    for (i, e) in parsed.imports.iter().enumerate() {
        let short = short_name(i);
        let key = format!("{}:", e.name);
        let found = token_positions(&glue, e.name);
        if found.len() != 1 || !glue[found[0]..].starts_with(&key) {
            return Err(format!(
                "import {} occurs {} times in the glue, not once as a key",
                e.name,
                found.len()
            ));
        }
        glue.replace_range(found[0]..found[0] + e.name.len(), &short);
        let ty = RoundtripReencoder
            .entity_type(e.ty)
            .map_err(|err| format!("import {}: {err}", e.name))?;
        section.import("m", &short, ty);
    }
    Ok((replace_section(wasm, &parsed, 2, &section), glue))
}

/// The module with wasm-bindgen's internal exports (`__wbindgen_malloc`, the closure
/// shims `wasm_bindgen__convert__closures_…_invoke__h<hash>`, …: every name with `__`)
/// renamed to short names, and the glue's uses of them. The glue reads exports only as
/// properties (`wasm.__wbindgen_malloc`); unless every use of a renamed name is one, it
/// refuses. Exports the page may use (`mount`, `memory`) keep their names.
pub fn exports(wasm: &[u8], glue: &str) -> Result<(Vec<u8>, String), String> {
    let parsed = parse(wasm)?;
    if parsed.exports.is_empty() {
        return Ok((wasm.to_vec(), glue.to_string()));
    }
    let kept: Vec<&str> = parsed
        .exports
        .iter()
        .map(|e| e.name)
        .filter(|n| !n.contains("__"))
        .collect();
    let mut fresh = (0..)
        .map(short_name)
        .filter(|n| !kept.contains(&n.as_str()));
    let mut glue = glue.to_string();
    let mut section = ExportSection::new();
    for e in &parsed.exports {
        let mut new = e.name.to_string();
        if e.name.contains("__") {
            new = fresh.next().ok_or("no short names left")?;
            let at = token_positions(&glue, e.name);
            if at.iter().any(|&i| !glue[..i].ends_with('.')) {
                return Err(format!(
                    "export {} is used in the glue other than as a property",
                    e.name
                ));
            }
            for &i in at.iter().rev() {
                glue.replace_range(i..i + e.name.len(), &new);
            }
        }
        let kind = RoundtripReencoder
            .export_kind(e.kind)
            .map_err(|err| format!("export {}: {err}", e.name))?;
        section.export(&new, kind, e.index);
    }
    Ok((replace_section(wasm, &parsed, 7, &section), glue))
}

/// `a`, `b`, … `Z`, then `aa`, `ab`, …: short, valid JS identifiers.
fn short_name(mut i: usize) -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut s = String::new();
    loop {
        s.insert(0, char::from(ALPHABET[i % ALPHABET.len()]));
        i /= ALPHABET.len();
        if i == 0 {
            return s;
        }
        i -= 1;
    }
}

/// Where `word` occurs in `js` as a whole identifier.
fn token_positions(js: &str, word: &str) -> Vec<usize> {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    js.match_indices(word)
        .filter(|(at, _)| {
            let before = js[..*at].chars().next_back().is_none_or(|c| !ident(c));
            let after = js[at + word.len()..]
                .chars()
                .next()
                .is_none_or(|c| !ident(c));
            before && after
        })
        .map(|(at, _)| at)
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use wasm_encoder::{
        CustomSection, EntityType, ExportKind, MemorySection, MemoryType, TypeSection,
    };

    /// A module importing two functions from "./x_bg.js", as wasm-bindgen writes it, with
    /// a memory, `exports` and a custom section.
    fn module(exports: &[(&str, ExportKind)]) -> Vec<u8> {
        let mut types = TypeSection::new();
        types.ty().function([], []);
        let mut imports = ImportSection::new();
        for field in ["__wbg_log_0123456789abcdef", "__wbg_now_fedcba9876543210"] {
            imports.import("./x_bg.js", field, EntityType::Function(0));
        }
        let mut memory = MemorySection::new();
        memory.memory(MemoryType {
            minimum: 1,
            maximum: None,
            memory64: false,
            shared: false,
            page_size_log2: None,
        });
        let mut export = ExportSection::new();
        for (name, kind) in exports {
            export.export(name, *kind, 0);
        }
        let mut m = Module::new();
        m.section(&types).section(&imports).section(&memory);
        if !exports.is_empty() {
            m.section(&export);
        }
        m.section(&CustomSection {
            name: "producers".into(),
            data: b"abc".as_slice().into(),
        });
        m.finish()
    }

    /// The imports (module, name) and export names of a module.
    fn names(wasm: &[u8]) -> (Vec<(String, String)>, Vec<String>) {
        let p = parse(wasm).unwrap();
        (
            p.imports
                .iter()
                .map(|i| (i.module.to_string(), i.name.to_string()))
                .collect(),
            p.exports.iter().map(|e| e.name.to_string()).collect(),
        )
    }

    #[test]
    fn renames_each_import_in_both_files_and_drops_custom_sections() {
        let glue = r#"const i={__wbg_log_0123456789abcdef:function(){},__wbg_now_fedcba9876543210:function(){}};return{"./x_bg.js":i}"#;
        let (wasm, glue) = imports(&module(&[]), glue).unwrap();
        assert_eq!(
            glue,
            r#"const i={a:function(){},b:function(){}};return{m:i}"#
        );
        let (imports, _) = names(&wasm);
        assert_eq!(
            imports,
            [("m".into(), "a".into()), ("m".into(), "b".into())]
        );
        assert!(parse(&wasm).unwrap().sections.iter().all(|s| s.0 != 0));
    }

    #[test]
    fn refuses_when_the_glue_uses_a_name_elsewhere() {
        let glue = r#"const i={__wbg_log_0123456789abcdef:function(){},__wbg_now_fedcba9876543210:function(){}};i.__wbg_now_fedcba9876543210();return{"./x_bg.js":i}"#;
        let err = imports(&module(&[]), glue).unwrap_err();
        assert!(
            err.contains("__wbg_now_fedcba9876543210 occurs 2 times"),
            "{err}"
        );
    }

    const EXPORTS: [(&str, ExportKind); 4] = [
        ("memory", ExportKind::Memory),
        ("mount", ExportKind::Func),
        ("__wbindgen_malloc", ExportKind::Func),
        ("__wbindgen_start", ExportKind::Func),
    ];

    #[test]
    fn renames_internal_exports_where_the_glue_reads_them() {
        let glue = "export function mount(e){return w.mount(e)}function g(){w.__wbindgen_malloc(1);w.__wbindgen_malloc(2);w.__wbindgen_start()}";
        let (wasm, glue) = exports(&module(&EXPORTS), glue).unwrap();
        assert_eq!(
            glue,
            "export function mount(e){return w.mount(e)}function g(){w.a(1);w.a(2);w.b()}"
        );
        assert_eq!(names(&wasm).1, ["memory", "mount", "a", "b"]);
    }

    #[test]
    fn refuses_when_an_export_is_used_other_than_as_a_property() {
        let glue = r#"w.__wbindgen_malloc(1);w["__wbindgen_start"]()"#;
        let err = exports(&module(&EXPORTS), glue).unwrap_err();
        assert!(err.contains("__wbindgen_start"), "{err}");
    }

    #[test]
    fn refuses_a_truncated_or_foreign_module() {
        let mut wasm = module(&[]);
        wasm.truncate(wasm.len() - 2);
        assert!(imports(&wasm, "").is_err());
        assert!(exports(b"not wasm", "").is_err());
    }

    #[test]
    fn short_names_are_distinct() {
        let names: std::collections::HashSet<_> = (0..3000).map(short_name).collect();
        assert_eq!(names.len(), 3000);
        assert_eq!(short_name(0), "a");
        assert_eq!(short_name(52), "aa");
    }

    /// The code section of a module, byte for byte.
    fn code(wasm: &[u8]) -> &[u8] {
        let p = parse(wasm).unwrap();
        let (_, range) = p.sections.into_iter().find(|s| s.0 == 10).unwrap();
        &wasm[range]
    }

    /// Both passes on what the pinned wasm-bindgen (0.2.130) writes for a small crate
    /// (`golden/tiny.rs`, built like the widget: release, wasm-opt -Oz, terser on the
    /// glue; `golden/README.md`). The result must validate, keep the code byte for byte,
    /// leave no hashed name in either file, and give the glue `golden/tiny.shrunk.js`
    /// (`expect-test`: `UPDATE_EXPECT=1` rewrites it after a deliberate upgrade; read the diff).
    #[test]
    fn golden_the_pinned_wasm_bindgen_output_shrinks_and_stays_valid() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("golden");
        let wasm = std::fs::read(dir.join("tiny_bg.wasm")).unwrap();
        let glue = std::fs::read_to_string(dir.join("tiny.js")).unwrap();
        let (wasm2, glue2) = imports(&wasm, &glue).expect("the imports pass applies");
        let (out, js) = exports(&wasm2, &glue2).expect("the exports pass applies");
        wasmparser::Validator::new()
            .validate_all(&out)
            .expect("the shrunk module is valid");
        assert_eq!(code(&out), code(&wasm), "only names change");
        let (imported, exported) = names(&out);
        assert!(imported.len() >= 2, "{imported:?}");
        for (module, name) in &imported {
            assert_eq!(module, "m");
            assert!(
                !token_positions(&js, name).is_empty(),
                "{name} is not in the glue"
            );
        }
        assert!(exported.contains(&"mount".to_string()));
        assert!(exported.contains(&"memory".to_string()));
        for hashed in ["__wbg_", "__wbindgen_", "_bg.js"] {
            assert!(!js.contains(hashed), "{hashed} left in the glue");
        }
        assert!(out.len() < wasm.len() && js.len() < glue.len());
        // The shrunk glue changed: `UPDATE_EXPECT=1 cargo test -p xtask golden`, then read the diff.
        expect_test::expect_file!["../golden/tiny.shrunk.js"].assert_eq(&js);
    }
}
