//! The size budget: what a visitor downloads for the widget (the loader, the wasm, the JS
//! glue and the widget's CSS) must be at most 100 KB of gzip (level 9) in total. Sizes are
//! deterministic for a given build. Each file's raw, gzip and brotli (quality 11) sizes are
//! printed; brotli is for information, the budget is gzip.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The budget, in bytes of gzip (level 9) over the widget's files together.
pub const BUDGET: usize = 100_000;

/// Prints each file's sizes; fails when the gzip total is over budget.
pub fn report(dist: &Path) -> Result<usize, String> {
    let files = widget_files(dist)?;
    let brotli = brotli(&files);
    println!("\n── size ──");
    println!("{:<44} {:>9} {:>9} {:>9}", "file", "raw", "gzip", "brotli");
    let (mut total, mut total_br) = (0, 0);
    for (i, f) in files.iter().enumerate() {
        let bytes = std::fs::read(f).map_err(|e| e.to_string())?;
        let gz = gzip(&bytes)?;
        let br = brotli.as_ref().ok().map(|b| b[i]);
        total += gz;
        total_br += br.unwrap_or(0);
        println!(
            "{:<44} {:>9} {:>9} {:>9}",
            f.file_name().and_then(|n| n.to_str()).unwrap_or(""),
            bytes.len(),
            gz,
            br.map_or("?".to_string(), |b| b.to_string())
        );
    }
    let br_total = if brotli.is_ok() {
        total_br.to_string()
    } else {
        "?".into()
    };
    println!(
        "{:<44} {:>9} {:>9} {:>9}",
        "total (bytes)", "", total, br_total
    );
    if let Err(e) = &brotli {
        println!("(no brotli sizes: {e})");
    }
    if total > BUDGET {
        Err(format!(
            "the widget is {total} B gzip, over the {BUDGET} B budget by {} B: see docs/performance.md for where the bytes go",
            total - BUDGET
        ))
    } else {
        println!("budget {BUDGET} B gzip: met, {} B to spare", BUDGET - total);
        Ok(total)
    }
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
    fn fails_over_the_budget_and_passes_under_it() {
        let dir = std::env::temp_dir().join(format!("selfcheck-size-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("selfcheck-widget-x_bg.wasm"), noise(60_000)).unwrap();
        std::fs::write(dir.join("selfcheck.js"), noise(30_000)).unwrap();
        // Not part of the widget's download: never counted.
        std::fs::write(dir.join("studio.wasm"), noise(200_000)).unwrap();
        let under = report(&dir);
        std::fs::write(dir.join("selfcheck-x.css"), noise(20_000)).unwrap();
        let over = report(&dir);
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(matches!(under, Ok(total) if total > 90_000), "{under:?}");
        let err = over.unwrap_err();
        assert!(err.contains("over the 100000 B budget"), "{err}");
    }
}
