//! Installs what the build and the tests need, only when `--version` says it is missing or
//! wrong. Versions are pinned here and in Trunk.toml; see docs in README.md.

use std::env;
use std::path::Path;
use std::process::Command;

const TRUNK: &str = "0.21.14";
const WASM_OPT: &str = "version 132";

/// Puts cargo's bin directory and the e2e node modules (wasm-opt, playwright) on PATH.
pub fn extend_path(root: &Path) {
    let mut paths: Vec<_> = Vec::new();
    paths.push(root.join("e2e/node_modules/.bin"));
    if let Some(home) = env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))
    {
        paths.push(home.join("bin"));
    }
    paths.extend(env::split_paths(&env::var_os("PATH").unwrap_or_default()));
    env::set_var(
        "PATH",
        env::join_paths(paths).expect("PATH entries are valid"),
    );
}

fn version(program: &str, arg: &str) -> Option<String> {
    let out = Command::new(program).arg(arg).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn sh(program: &str, args: &[&str], dir: Option<&Path>) -> Result<(), String> {
    println!("── installing: {program} {} ──", args.join(" "));
    let mut cmd = Command::new(program);
    cmd.args(args);
    if let Some(d) = dir {
        cmd.current_dir(d);
    }
    let status = cmd
        .status()
        .map_err(|e| format!("cannot run {program}: {e}"))?;
    status
        .success()
        .then_some(())
        .ok_or_else(|| format!("`{program} {}` failed", args.join(" ")))
}

/// The exact `wasm-bindgen` version in Cargo.lock: the CLI must match it.
fn locked_wasm_bindgen(root: &Path) -> Result<String, String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines
                .next()
                .and_then(|l| l.strip_prefix("version = \""))
                .and_then(|v| v.strip_suffix('"'))
            {
                return Ok(v.to_string());
            }
        }
    }
    Err("Cargo.lock names no wasm-bindgen".into())
}

/// The wasm32 target, Trunk, wasm-bindgen-cli, and the node modules (wasm-opt, Playwright).
pub fn build_tools(root: &Path) -> Result<(), String> {
    let targets = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map_err(|e| format!("cannot run rustup: {e}"))?;
    if !String::from_utf8_lossy(&targets.stdout)
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        sh("rustup", &["target", "add", "wasm32-unknown-unknown"], None)?;
    }
    if version("trunk", "--version").is_none_or(|v| !v.ends_with(TRUNK)) {
        sh(
            "cargo",
            &["install", "trunk", "--version", TRUNK, "--locked"],
            None,
        )?;
    }
    let wbg = locked_wasm_bindgen(root)?;
    if version("wasm-bindgen", "--version").is_none_or(|v| !v.ends_with(&wbg)) {
        // Without --locked: its lockfile names a crate version the registry mirror lacks.
        sh(
            "cargo",
            &["install", "wasm-bindgen-cli", "--version", &wbg, "--force"],
            None,
        )?;
    }
    // The e2e node modules: Playwright and axe, wasm-opt (binaryen), terser for the JS
    // glue, and SurveyJS for the benchmark. `npm ci` when any is missing or out of date.
    let e2e = root.join("e2e");
    let modules = [
        "@playwright/test",
        "@axe-core/playwright",
        "binaryen",
        "terser",
        "survey-core",
        "survey-js-ui",
    ];
    let present = modules.iter().all(|m| {
        e2e.join("node_modules")
            .join(m)
            .join("package.json")
            .exists()
    });
    let lock_newer = modified(&e2e.join("package-lock.json"))
        > modified(&e2e.join("node_modules/.package-lock.json"));
    if !present
        || lock_newer
        || version("wasm-opt", "--version").is_none_or(|v| !v.contains(WASM_OPT))
    {
        sh("npm", &["ci", "--no-audit", "--no-fund"], Some(&e2e))?;
    }
    Ok(())
}

fn modified(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// Debian's Chromium and ChromeDriver, for wasm-bindgen-test and Playwright.
pub fn browser() -> Result<(), String> {
    if version("/usr/bin/chromium", "--version").is_some()
        && version("/usr/bin/chromedriver", "--version").is_some()
    {
        return Ok(());
    }
    env::set_var("DEBIAN_FRONTEND", "noninteractive");
    sh("apt-get", &["update"], None)?;
    sh(
        "apt-get",
        &[
            "install",
            "-y",
            "--no-install-recommends",
            "chromium",
            "chromium-driver",
        ],
        None,
    )
}
