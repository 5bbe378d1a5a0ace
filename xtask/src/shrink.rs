//! Shorter names between the wasm and its JS glue.
//!
//! wasm-bindgen names every import `__wbg_<method>_<16 hex digits>` and repeats the glue's
//! module name in each of the ~130 imports. Those names appear twice in the download (in
//! the wasm's import section and as keys of the glue's import object) and the hashes do not
//! compress: together about 3 KB of gzip. This pass renames each import to a short name in
//! both files. It changes nothing else, and it refuses (leaving both files as they were)
//! unless every renamed name occurs in the glue exactly once, as an object key. `exports`
//! does the same for wasm-bindgen's internal exports.

/// The wasm module with its imports renamed, and the glue with the same names.
pub fn imports(wasm: &[u8], glue: &str) -> Result<(Vec<u8>, String), String> {
    let sections = sections(wasm)?;
    let Some(import) = sections.iter().find(|s| s.id == 2) else {
        return Ok((wasm.to_vec(), glue.to_string()));
    };
    let entries = parse_imports(&wasm[import.body.clone()])?;

    // The module name the glue keys its import object by, e.g. "./selfcheck-widget_bg.js".
    let mut module_names: Vec<&str> = entries.iter().map(|e| e.module.as_str()).collect();
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

    let mut body = Vec::new();
    leb(&mut body, entries.len() as u64);
    for (i, e) in entries.iter().enumerate() {
        let short = short_name(i);
        let key = format!("{}:", e.field);
        let found = token_positions(&glue, &e.field);
        if found.len() != 1 || !glue[found[0]..].starts_with(&key) {
            return Err(format!(
                "import {} occurs {} times in the glue, not once as a key",
                e.field,
                found.len()
            ));
        }
        glue.replace_range(found[0]..found[0] + e.field.len(), &short);
        name(&mut body, "m");
        name(&mut body, &short);
        body.extend_from_slice(&e.desc);
    }

    Ok((replace_section(wasm, &sections, 2, &body), glue))
}

/// The module with wasm-bindgen's internal exports (`__wbindgen_malloc`, the closure
/// shims `wasm_bindgen__convert__closures_…_invoke__h<hash>`, …: every name with `__`)
/// renamed to short names, and the glue's uses of them. The glue reads exports only as
/// properties (`wasm.__wbindgen_malloc`); unless every use of a renamed name is one, both
/// files are left as they were. Exports the page may use (`mount`, `memory`) keep their names.
pub fn exports(wasm: &[u8], glue: &str) -> Result<(Vec<u8>, String), String> {
    let sections = sections(wasm)?;
    let Some(export) = sections.iter().find(|s| s.id == 7) else {
        return Ok((wasm.to_vec(), glue.to_string()));
    };
    let mut r = Reader {
        bytes: &wasm[export.body.clone()],
        at: 0,
    };
    let mut entries = Vec::new();
    for _ in 0..r.leb()? {
        let name = r.name()?;
        let start = r.at;
        r.byte()?;
        r.leb()?;
        entries.push((name, r.bytes[start..r.at].to_vec()));
    }
    if r.at != r.bytes.len() {
        return Err("trailing bytes in the export section".into());
    }
    let kept: Vec<String> = entries
        .iter()
        .filter(|(n, _)| !n.contains("__"))
        .map(|(n, _)| n.clone())
        .collect();
    let mut fresh = (0..).map(short_name).filter(|n| !kept.contains(n));
    let mut glue = glue.to_string();
    let mut body = Vec::new();
    leb(&mut body, entries.len() as u64);
    for (old, desc) in &entries {
        let new = if old.contains("__") {
            let short = fresh.next().expect("endless names");
            let at = token_positions(&glue, old);
            if at.iter().any(|&i| !glue[..i].ends_with('.')) {
                return Err(format!(
                    "export {old} is used in the glue other than as a property"
                ));
            }
            for &i in at.iter().rev() {
                glue.replace_range(i..i + old.len(), &short);
            }
            short
        } else {
            old.clone()
        };
        name(&mut body, &new);
        body.extend_from_slice(desc);
    }
    Ok((replace_section(wasm, &sections, 7, &body), glue))
}

/// `wasm` with section `id`'s body replaced by `body` and custom sections dropped.
fn replace_section(wasm: &[u8], sections: &[Section], id: u8, body: &[u8]) -> Vec<u8> {
    let mut out = wasm[..8].to_vec();
    for s in sections {
        if s.id == 0 {
            // Custom sections (producers, target features) are not needed to run.
            continue;
        }
        let bytes = if s.id == id {
            body
        } else {
            &wasm[s.body.clone()]
        };
        out.push(s.id);
        leb(&mut out, bytes.len() as u64);
        out.extend_from_slice(bytes);
    }
    out
}

struct Section {
    id: u8,
    body: std::ops::Range<usize>,
}

struct Import {
    module: String,
    field: String,
    /// The import's kind and type, copied as they are.
    desc: Vec<u8>,
}

fn sections(wasm: &[u8]) -> Result<Vec<Section>, String> {
    if wasm.len() < 8 || &wasm[..4] != b"\0asm" {
        return Err("not a wasm module".into());
    }
    let mut r = Reader { bytes: wasm, at: 8 };
    let mut out = Vec::new();
    while r.at < wasm.len() {
        let id = r.byte()?;
        let len = r.leb()? as usize;
        let start = r.at;
        r.skip(len)?;
        out.push(Section {
            id,
            body: start..start + len,
        });
    }
    Ok(out)
}

fn parse_imports(body: &[u8]) -> Result<Vec<Import>, String> {
    let mut r = Reader { bytes: body, at: 0 };
    let count = r.leb()?;
    let mut out = Vec::new();
    for _ in 0..count {
        let module = r.name()?;
        let field = r.name()?;
        let start = r.at;
        match r.byte()? {
            0 => {
                r.leb()?;
            }
            1 => {
                r.byte()?;
                r.limits()?;
            }
            2 => r.limits()?,
            3 => {
                r.byte()?;
                r.byte()?;
            }
            4 => {
                r.byte()?;
                r.leb()?;
            }
            kind => return Err(format!("unknown import kind {kind}")),
        }
        out.push(Import {
            module,
            field,
            desc: body[start..r.at].to_vec(),
        });
    }
    if r.at != body.len() {
        return Err("trailing bytes in the import section".into());
    }
    Ok(out)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, String> {
        let b = *self.bytes.get(self.at).ok_or("unexpected end of wasm")?;
        self.at += 1;
        Ok(b)
    }

    fn skip(&mut self, n: usize) -> Result<(), String> {
        match self.at.checked_add(n) {
            Some(end) if end <= self.bytes.len() => {
                self.at = end;
                Ok(())
            }
            _ => Err("unexpected end of wasm".into()),
        }
    }

    fn leb(&mut self) -> Result<u64, String> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            value |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(value);
            }
        }
        Err("LEB128 number too long".into())
    }

    fn name(&mut self) -> Result<String, String> {
        let len = self.leb()? as usize;
        let start = self.at;
        self.skip(len)?;
        String::from_utf8(self.bytes[start..self.at].to_vec()).map_err(|e| e.to_string())
    }

    fn limits(&mut self) -> Result<(), String> {
        let flags = self.byte()?;
        self.leb()?;
        if flags & 1 == 1 {
            self.leb()?;
        }
        Ok(())
    }
}

fn leb(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn name(out: &mut Vec<u8>, s: &str) {
    leb(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// `a`, `b`, … `Z`, then `aa`, `ab`, …: short, valid JS identifiers.
fn short_name(mut i: usize) -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut s = Vec::new();
    loop {
        s.push(ALPHABET[i % ALPHABET.len()]);
        i /= ALPHABET.len();
        if i == 0 {
            break;
        }
        i -= 1;
    }
    s.reverse();
    String::from_utf8(s).expect("ASCII")
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
    use super::*;

    /// A module importing two functions from "./x_bg.js", as wasm-bindgen writes it.
    fn module() -> Vec<u8> {
        let mut imports = Vec::new();
        leb(&mut imports, 2);
        for field in ["__wbg_log_0123456789abcdef", "__wbg_now_fedcba9876543210"] {
            name(&mut imports, "./x_bg.js");
            name(&mut imports, field);
            imports.extend_from_slice(&[0, 0]);
        }
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.extend_from_slice(&[1, 4, 1, 0x60, 0, 0]); // type section: one () -> ()
        wasm.push(2);
        leb(&mut wasm, imports.len() as u64);
        wasm.extend_from_slice(&imports);
        wasm.extend_from_slice(&[0, 4, 3, b'a', b'b', b'c']); // a custom section
        wasm
    }

    #[test]
    fn renames_each_import_in_both_files_and_drops_custom_sections() {
        let glue = r#"const i={__wbg_log_0123456789abcdef:function(){},__wbg_now_fedcba9876543210:function(){}};return{"./x_bg.js":i}"#;
        let (wasm, glue) = imports(&module(), glue).unwrap();
        assert_eq!(
            glue,
            r#"const i={a:function(){},b:function(){}};return{m:i}"#
        );
        let entries = parse_imports(&wasm[sections(&wasm).unwrap()[1].body.clone()]).unwrap();
        let names: Vec<_> = entries
            .iter()
            .map(|e| (e.module.as_str(), e.field.as_str()))
            .collect();
        assert_eq!(names, [("m", "a"), ("m", "b")]);
        assert!(sections(&wasm).unwrap().iter().all(|s| s.id != 0));
    }

    #[test]
    fn refuses_when_the_glue_uses_a_name_elsewhere() {
        let glue = r#"const i={__wbg_log_0123456789abcdef:function(){},__wbg_now_fedcba9876543210:function(){}};i.__wbg_now_fedcba9876543210();return{"./x_bg.js":i}"#;
        let err = imports(&module(), glue).unwrap_err();
        assert!(
            err.contains("__wbg_now_fedcba9876543210 occurs 2 times"),
            "{err}"
        );
    }

    /// `module()` plus an export section: `memory`, `mount` and two internal functions.
    fn module_with_exports() -> Vec<u8> {
        let mut exports = Vec::new();
        leb(&mut exports, 4);
        for (name_, kind) in [
            ("memory", 2u8),
            ("mount", 0),
            ("__wbindgen_malloc", 0),
            ("__wbindgen_start", 0),
        ] {
            name(&mut exports, name_);
            exports.extend_from_slice(&[kind, 0]);
        }
        let mut wasm = module();
        wasm.push(7);
        leb(&mut wasm, exports.len() as u64);
        wasm.extend_from_slice(&exports);
        wasm
    }

    fn export_names(wasm: &[u8]) -> Vec<String> {
        let section = sections(wasm)
            .unwrap()
            .into_iter()
            .find(|s| s.id == 7)
            .unwrap();
        let mut r = Reader {
            bytes: &wasm[section.body],
            at: 0,
        };
        (0..r.leb().unwrap())
            .map(|_| {
                let n = r.name().unwrap();
                r.byte().unwrap();
                r.leb().unwrap();
                n
            })
            .collect()
    }

    #[test]
    fn renames_internal_exports_where_the_glue_reads_them() {
        let glue = "export function mount(e){return w.mount(e)}function g(){w.__wbindgen_malloc(1);w.__wbindgen_malloc(2);w.__wbindgen_start()}";
        let (wasm, glue) = exports(&module_with_exports(), glue).unwrap();
        assert_eq!(
            glue,
            "export function mount(e){return w.mount(e)}function g(){w.a(1);w.a(2);w.b()}"
        );
        assert_eq!(export_names(&wasm), ["memory", "mount", "a", "b"]);
    }

    #[test]
    fn refuses_when_an_export_is_used_other_than_as_a_property() {
        let glue = r#"w.__wbindgen_malloc(1);w["__wbindgen_start"]()"#;
        let err = exports(&module_with_exports(), glue).unwrap_err();
        assert!(err.contains("__wbindgen_start"), "{err}");
    }

    #[test]
    fn refuses_a_truncated_module() {
        let mut wasm = module();
        wasm.truncate(wasm.len() - 2);
        assert!(imports(&wasm, "").is_err());
        // A section length near usize::MAX must not overflow.
        let mut huge = b"\0asm\x01\0\0\0\x01".to_vec();
        leb(&mut huge, u64::MAX);
        assert!(sections(&huge).is_err());
    }

    #[test]
    fn short_names_are_distinct() {
        let names: std::collections::HashSet<_> = (0..3000).map(short_name).collect();
        assert_eq!(names.len(), 3000);
        assert_eq!(short_name(0), "a");
        assert_eq!(short_name(52), "aa");
    }
}
