//! The size budgets, in gzip (level 9) bytes, deterministic for a given build:
//!
//! - **code**: the loader, the wasm, the JS glue and the widget's CSS, which every visitor
//!   downloads whatever the flow: at most 95 KB (the goal is 80 KB, and issue 23's 88 KB:
//!   docs/performance.md says where the code's bytes go and what was tried);
//! - **a pack**: one flow in one language with the widget's words and the contact names
//!   (`packs/*.pack`): at most 15 KB each (flow 3.0's French pack is 14.9 KB; the 14 KB
//!   asked for is not met without cutting safety content, which we do not do);
//! - **a visit**: the code and the default flow's largest pack with its first screen
//!   (`packs/*.screen.json`), what a visitor of the README's snippet downloads for the
//!   default self-check in its largest language: at most 111.9 KB (the goal is 100 KB; it
//!   needs the code back under 88 KB: docs/performance.md).
//!
//! Each file's raw, gzip and brotli (quality 11) sizes are printed; brotli is for
//! information, the budgets are gzip.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The code's budget: loader, wasm, glue and CSS together. Measured 91.6 KB once the
/// screens became engine-built element trees (94.9 KB with `html!`), 92.25 KB once the
/// loader showed a mount's first screen before the wasm (+0.6 KB), 94.47 KB with flow
/// 3.0's engine (+2.2 KB: the proof's fields in packs, abuse and gambling contacts, every
/// region's emergency number on results, the call first, no score before the first item),
/// 94.94 KB with the quick exit's URL check in the engine and the loader (+0.47 KB),
/// 104.44 KB with issue 26's tamper-proofing (+9.5 KB: the pack re-check in the wasm,
/// +6.1; the loader's sha384 pins and per-widget failure handling, +1.8; the rest of
/// the wasm, +1.6); the 80 KB goal needs a smaller UI runtime than Yew
/// (docs/performance.md).
pub const CODE: usize = 105_000;
/// Each pack's budget (12 KB before the directory's 2026-12-03 additions, which put about
/// 1.1 KB gzip into every pack; flow 3.0's French pack is 14,919 B).
pub const PACK: usize = 15_000;
/// The code and the default flow's largest pack with its first screen (the goal is 100 KB;
/// measured 102.9 KB with flow 2.0, 111.3 KB with flow 3.0 in French, 121.3 KB with the
/// tamper-proofing: docs/performance.md).
pub const VISIT: usize = 122_000;

/// Prints each file's sizes; fails when any budget is exceeded. Returns the code's gzip
/// total.
pub fn report(dist: &Path) -> Result<usize, String> {
    let files = widget_files(dist)?;
    let packs = pack_files(dist);
    let all: Vec<PathBuf> = files.iter().chain(&packs).cloned().collect();
    let brotli = brotli(&all);
    println!("\n── size ──");
    println!("{:<44} {:>9} {:>9} {:>9}", "file", "raw", "gzip", "brotli");
    let mut gz_sizes = Vec::new();
    for (i, f) in all.iter().enumerate() {
        let bytes = std::fs::read(f).map_err(|e| e.to_string())?;
        let gz = gzip(&bytes)?;
        gz_sizes.push(gz);
        let br = brotli.as_ref().ok().map(|b| b[i]);
        println!(
            "{:<44} {:>9} {:>9} {:>9}",
            f.strip_prefix(dist).unwrap_or(f).display(),
            bytes.len(),
            gz,
            br.map_or("?".to_string(), |b| b.to_string())
        );
        if i + 1 == files.len() {
            let code: usize = gz_sizes.iter().sum();
            let br_code: usize = brotli
                .as_ref()
                .map(|b| b[..files.len()].iter().sum())
                .unwrap_or(0);
            println!(
                "{:<44} {:>9} {:>9} {:>9}",
                "code total (bytes)", "", code, br_code
            );
        }
    }
    if let Err(e) = &brotli {
        println!("(no brotli sizes: {e})");
    }
    let code: usize = gz_sizes[..files.len()].iter().sum();
    let mut over = Vec::new();
    if code > CODE {
        over.push(format!(
            "the code is {code} B gzip, over its {CODE} B budget by {} B",
            code - CODE
        ));
    }
    for (f, &gz) in packs.iter().zip(&gz_sizes[files.len()..]) {
        if gz > PACK {
            over.push(format!(
                "{} is {gz} B gzip, over the {PACK} B budget of a pack by {} B",
                f.display(),
                gz - PACK
            ));
        }
    }
    // The default flow is the one the loader's manifest names first.
    let default = default_flow(dist);
    let visit_pack = packs
        .iter()
        .zip(&gz_sizes[files.len()..])
        .filter(|(f, _)| {
            let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
            default
                .as_deref()
                .is_some_and(|d| name.starts_with(&format!("{d}.")))
        })
        .map(|(f, &gz)| Ok(gz + screen(f)?))
        .collect::<Result<Vec<usize>, String>>()?
        .into_iter()
        .max();
    match visit_pack {
        Some(p) if code + p > VISIT => over.push(format!(
            "code and the default flow's largest pack with its first screen are {} B gzip, over the {VISIT} B budget of a visit by {} B",
            code + p,
            code + p - VISIT
        )),
        Some(p) => println!(
            "budgets (gzip): code {code} of {CODE} B; largest pack {} of {PACK} B; a visit {} of {VISIT} B",
            gz_sizes[files.len()..].iter().max().unwrap_or(&0),
            code + p
        ),
        None => over.push(format!("no pack of the default flow in {}/packs", dist.display())),
    }
    if over.is_empty() {
        Ok(code)
    } else {
        Err(format!(
            "{}: see docs/performance.md for where the bytes go",
            over.join("; ")
        ))
    }
}

/// The gzip size of the first screen beside `pack` (`<flow>.<lang>.screen.json`, which a
/// `<self-check>` element shows before the wasm arrives), printed; 0 when there is none.
fn screen(pack: &Path) -> Result<usize, String> {
    let path = pack.with_extension("screen.json");
    let Ok(bytes) = std::fs::read(&path) else {
        return Ok(0);
    };
    let gz = gzip(&bytes)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    println!(
        "{:<44} {:>9} {:>9}",
        format!("packs/{name}"),
        bytes.len(),
        gz
    );
    Ok(gz)
}

/// The packs in `dist/packs/`, by name.
fn pack_files(dist: &Path) -> Vec<PathBuf> {
    let mut packs: Vec<PathBuf> = std::fs::read_dir(dist.join("packs"))
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    packs.retain(|p| p.extension().is_some_and(|x| x == "pack"));
    packs.sort();
    packs
}

/// The default flow's id, from the manifest in `selfcheck.js` (`"default":"<id>"`).
fn default_flow(dist: &Path) -> Option<String> {
    let loader = std::fs::read(dist.join("selfcheck.js")).ok()?;
    let loader = String::from_utf8_lossy(&loader);
    let at = loader
        .find("default:")
        .map(|i| i + 8)
        .or_else(|| loader.find("\"default\":").map(|i| i + 10))?;
    let rest = loader[at..].trim_start().strip_prefix('"')?;
    rest.split_once('"').map(|(id, _)| id.to_string())
}

/// The files a visitor downloads for the widget, by name.
fn widget_files(dist: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files: Vec<_> = std::fs::read_dir(dist)
        .map_err(|e| {
            format!(
                "cannot read {}: {e} (run a release build first)",
                dist.display()
            )
        })?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.starts_with("selfcheck")
                && (name.ends_with(".wasm") || name.ends_with(".js") || name.ends_with(".css"))
        })
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("no widget files in {}", dist.display()));
    }
    Ok(files)
}

/// Brotli sizes (quality 11) from Node's zlib, which the e2e tests need anyway.
fn brotli(files: &[PathBuf]) -> Result<Vec<usize>, String> {
    const SCRIPT: &str = "const z=require('zlib'),fs=require('fs');\
        for(const f of process.argv.slice(1))console.log(z.brotliCompressSync(fs.readFileSync(f),\
        {params:{[z.constants.BROTLI_PARAM_QUALITY]:11}}).length)";
    let out = Command::new("node")
        .arg("-e")
        .arg(SCRIPT)
        .args(files)
        .output()
        .map_err(|e| format!("cannot run node: {e}"))?;
    let sizes: Vec<usize> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.trim().parse().ok())
        .collect();
    if !out.status.success() || sizes.len() != files.len() {
        return Err("node could not compress the files".into());
    }
    Ok(sizes)
}

/// Gzip size with the system's gzip at level 9, so no compression crate is needed.
fn gzip(bytes: &[u8]) -> Result<usize, String> {
    let mut child = Command::new("gzip")
        .args(["-9", "-n", "-c"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run gzip: {e}"))?;
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(bytes)
        .map_err(|e| e.to_string())?;
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    Ok(out.stdout.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Incompressible bytes (xorshift), so gzip cannot bring them under the budget.
    fn noise(len: usize) -> Vec<u8> {
        let mut x = 0x2545_f491_4f6c_dd1du64;
        (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect()
    }

    #[test]
    fn each_budget_fails_when_exceeded_and_passes_under_it() {
        let dir = std::env::temp_dir().join(format!("selfcheck-size-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("packs")).unwrap();
        std::fs::write(dir.join("selfcheck-widget-x_bg.wasm"), noise(60_000)).unwrap();
        let mut loader = b"const PACKS={default:\"d\",flows:{d:[\"en\"]}};".to_vec();
        loader.extend(noise(10_000));
        std::fs::write(dir.join("selfcheck.js"), loader).unwrap();
        std::fs::write(dir.join("packs/d.en.pack"), noise(11_000)).unwrap();
        // Not part of the widget's download: never counted.
        std::fs::write(dir.join("studio.wasm"), noise(200_000)).unwrap();
        let under = report(&dir);
        assert!(matches!(under, Ok(total) if total > 70_000), "{under:?}");
        // The pack's first screen counts towards the visit, not the pack's budget.
        std::fs::write(dir.join("packs/d.en.screen.json"), noise(VISIT - 80_000)).unwrap();
        let err = report(&dir).unwrap_err();
        assert!(
            err.contains("largest pack with its first screen")
                && err.contains(&format!("over the {VISIT} B budget of a visit"))
                && !err.contains("budget of a pack"),
            "{err}"
        );
        std::fs::remove_file(dir.join("packs/d.en.screen.json")).unwrap();
        // A visit: 70 KB of code and an 11 KB pack fit; a pack that takes the visit over
        // breaks the pack's budget and the visit's.
        std::fs::write(dir.join("packs/d.en.pack"), noise(VISIT - 60_000)).unwrap();
        let err = report(&dir).unwrap_err();
        assert!(
            err.contains(&format!("over the {PACK} B budget of a pack")),
            "{err}"
        );
        assert!(
            err.contains(&format!("over the {VISIT} B budget of a visit")),
            "{err}"
        );
        std::fs::write(dir.join("packs/d.en.pack"), noise(1_000)).unwrap();
        std::fs::write(dir.join("selfcheck-x.css"), noise(CODE - 60_000)).unwrap();
        let err = report(&dir).unwrap_err();
        assert!(err.contains(&format!("over its {CODE} B budget")), "{err}");
        std::fs::remove_file(dir.join("packs/d.en.pack")).unwrap();
        let err = report(&dir).unwrap_err();
        assert!(err.contains("no pack of the default flow"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
