//! The size budget: what a visitor downloads for the widget (`.wasm`, `.js` and the widget's
//! `.css`) must stay within 100 KB gzip. Sizes are deterministic for a given build.

use std::io::Write;
use std::path::Path;

/// The budget, in bytes of gzip (level 9) over the widget's files together.
pub const BUDGET: usize = 100_000;

/// Prints each file's raw and gzip size; fails when the total is over budget.
pub fn report(dist: &Path) -> Result<usize, String> {
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
    println!("\n── size budget ──");
    let mut total = 0;
    for f in &files {
        let bytes = std::fs::read(f).map_err(|e| e.to_string())?;
        let gz = gzip(&bytes)?;
        total += gz;
        println!(
            "{:<48} {:>8} B raw {:>8} B gzip",
            f.file_name().and_then(|n| n.to_str()).unwrap_or(""),
            bytes.len(),
            gz
        );
    }
    println!(
        "{:<48} {:>17} {:>8} B gzip (budget {BUDGET} B)",
        "total", "", total
    );
    if total > BUDGET {
        Err(format!(
            "the widget is {total} B gzip, over the {BUDGET} B budget by {} B",
            total - BUDGET
        ))
    } else {
        Ok(total)
    }
}

/// Gzip size with the system's gzip at level 9, so no compression crate is needed.
fn gzip(bytes: &[u8]) -> Result<usize, String> {
    let mut child = std::process::Command::new("gzip")
        .args(["-9", "-n", "-c"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
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
