//! The workspace's own settings, read from the root Cargo.toml's `[workspace.package]`:
//! the one version of every crate and artefact, and the project's links. Shared by the
//! release (`release.rs`) and the npm package's metadata (`npmtypes.rs`).

use std::fs;
use std::path::Path;

/// A string field under `[workspace.package]` in the root Cargo.toml, if set.
pub(crate) fn field(root: &Path, field: &str) -> Result<Option<String>, String> {
    let path = root.join("Cargo.toml");
    let toml = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut in_package = false;
    for line in toml.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_package = line == "[workspace.package]";
            continue;
        }
        let Some(rest) = line.strip_prefix(field).filter(|_| in_package) else {
            continue;
        };
        if let Some(value) = rest.trim_start().strip_prefix('=') {
            let v = value.trim().trim_matches('"');
            return Ok((!v.is_empty()).then(|| v.to_string()));
        }
    }
    Ok(None)
}

/// `version = "…"` under `[workspace.package]` in the root Cargo.toml.
pub(crate) fn version(root: &Path) -> Result<String, String> {
    let v = field(root, "version")?.ok_or("Cargo.toml: no version under [workspace.package]")?;
    let ok = v
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+'));
    if ok {
        Ok(v)
    } else {
        Err(format!(
            "Cargo.toml: [workspace.package] version {v:?} is not a version"
        ))
    }
}
