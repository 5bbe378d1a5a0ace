//! The size check: what a visitor downloads for the widget (the loader, the wasm, the JS
//! glue and the widget's CSS), gzip level 9. Sizes are deterministic for a given build.
//!
//! The goal is 100 KB. The widget is not there yet (see docs/performance.md), so the test
//! fails above a regression guard a little over today's size, and reports the distance to
//! the goal on every run. Lower the guard as the widget shrinks; never raise it silently.

use std::io::Write;
use std::path::Path;

/// The goal, in bytes of gzip (level 9) over the widget's files together.
pub const GOAL: usize = 100_000;
/// The test fails above this: today's size plus a little room.
pub const GUARD: usize = 110_000;

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
    println!("\n── size ──");
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
    println!("{:<48} {:>17} {:>8} B gzip", "total", "", total);
    if total > GOAL {
        println!(
            "goal {GOAL} B: not met, {} B over; guard {GUARD} B",
            total - GOAL
        );
    } else {
        println!("goal {GOAL} B: met, {} B to spare", GOAL - total);
    }
    if total > GUARD {
        Err(format!(
            "the widget grew to {total} B gzip, over the {GUARD} B guard by {} B",
            total - GUARD
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
