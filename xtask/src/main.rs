//! `cargo xtask`: the project's two set-up commands and its chores.
//!
//! - `cargo xtask demo [--port N]` installs what is missing, builds and serves the demo.
//! - `cargo xtask test` installs what is missing and runs every check and test suite, then
//!   prints one line `N passed, M failed`.
//!
//! Tools are checked with `--version` and installed only when missing or wrong, so a warm
//! run spends its time on the tests. Nothing here downloads a prebuilt binary or a browser:
//! the machine reaches package registries only.

use std::env;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

mod install;
#[cfg(test)]
mod layers;
mod loader;
mod npmtypes;
mod release;
mod shrink;
mod size;
mod supply;
mod tidy;
mod workspace;

const USAGE: &str =
    "usage: cargo xtask <demo [--port N] | test | supply | bench | screenshots | size | loader [DIR] | release [--allow-dirty]>";

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let root = project_root();
    env::set_current_dir(&root).expect("the project root exists");
    install::extend_path(&root);
    let result = match args.first().map(String::as_str) {
        Some("demo") => demo(&root, &args[1..]),
        Some("test") => test(&root),
        Some("supply") => supply::check(&root),
        Some("release") => release::run(&root, &args[1..]),
        Some("size") => size::report(&root.join("dist")).map(|_| ()),
        Some("bench") => release_then_node(&root, "bench/run.mjs"),
        Some("screenshots") => release_then_node(&root, "screenshots.mjs"),
        // Trunk's post-build hook: the staging directory comes in TRUNK_STAGING_DIR.
        Some("loader") => {
            let dir = args
                .get(1)
                .cloned()
                .or_else(|| env::var("TRUNK_STAGING_DIR").ok())
                .unwrap_or_else(|| "dist".into());
            loader::write(Path::new(&dir))
        }
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the project root")
        .to_path_buf()
}

fn demo(root: &Path, args: &[String]) -> Result<(), String> {
    let port = match args {
        [] => env::var("PORT").unwrap_or_else(|_| "8080".into()),
        [flag, port] if flag == "--port" => port.clone(),
        _ => return Err(USAGE.into()),
    };
    port.parse::<u16>()
        .map_err(|_| format!("--port wants a number from 1 to 65535, not {port:?}"))?;
    install::build_tools(root)?;
    release_builds()?;
    println!("\nselfcheck demo: http://127.0.0.1:{port}/  (the widget's three embedding modes are linked from it)");
    println!("authoring studio: http://127.0.0.1:{port}/studio/\n(Ctrl+C to stop)\n");
    // A plain static server for the release build: no live-reload socket, so the demo page,
    // like the widget, opens no connection.
    let status = Command::new("node")
        .arg("server.mjs")
        .current_dir(root.join("e2e"))
        .env("PORT", &port)
        .status()
        .map_err(|e| format!("cannot start the demo server: {e}"))?;
    status
        .success()
        .then_some(())
        .ok_or_else(|| "the demo server stopped with an error".into())
}

/// The release builds of the widget (`dist/`) and then the studio (`dist/studio/`).
fn release_builds() -> Result<(), String> {
    if !run(
        "trunk",
        &["build", "--release", "--offline"],
        &[("TRUNK_SKIP_VERSION_CHECK", "true")],
    )
    .ok
    {
        return Err("the release build failed".into());
    }
    if !studio_build() {
        return Err("the studio build failed".into());
    }
    Ok(())
}

/// The studio (`dist/studio/`), after the widget, whose build empties `dist/`.
fn studio_build() -> bool {
    run(
        "trunk",
        &["build", "--release", "--offline", "--config", "studio.toml"],
        &[("TRUNK_SKIP_VERSION_CHECK", "true")],
    )
    .ok
}

/// Builds the release into `dist/`, then runs a Node script from `e2e/` against it.
fn release_then_node(root: &Path, script: &str) -> Result<(), String> {
    install::build_tools(root)?;
    install::browser()?;
    release_builds()?;
    let status = Command::new("node")
        .arg(script)
        .current_dir(root.join("e2e"))
        .status()
        .map_err(|e| format!("cannot run node: {e}"))?;
    status
        .success()
        .then_some(())
        .ok_or_else(|| format!("node {script} failed"))
}

/// The outcome of one suite or check.
struct Tally {
    name: &'static str,
    passed: u32,
    failed: u32,
}

impl Tally {
    /// One check that passed or failed.
    fn of(name: &'static str, ok: bool) -> Tally {
        Tally {
            name,
            passed: u32::from(ok),
            failed: u32::from(!ok),
        }
    }
}

fn test(root: &Path) -> Result<(), String> {
    let started = Instant::now();
    install::build_tools(root)?;
    install::browser()?;
    let mut tallies = static_checks(root);
    tallies.extend(unit_tests());
    let build = run(
        "trunk",
        &["build", "--release", "--offline"],
        &[("TRUNK_SKIP_VERSION_CHECK", "true")],
    );
    tallies.push(Tally::of("release build (trunk)", build.ok));
    if build.ok {
        tallies.extend(on_the_build(root));
    }
    summary(started, &tallies)
}

/// rustfmt, clippy (native and wasm32, warnings denied) and the supply chain.
fn static_checks(root: &Path) -> Vec<Tally> {
    let clippy_wasm = [
        "clippy",
        "-p",
        "selfcheck",
        "-p",
        "selfcheck-studio",
        "--target",
        "wasm32-unknown-unknown",
        "--all-targets",
        "--all-features",
        "--",
        "-D",
        "warnings",
    ];
    vec![
        Tally::of(
            "rustfmt",
            run("cargo", &["fmt", "--all", "--check"], &[]).ok,
        ),
        Tally::of(
            "clippy (native)",
            run(
                "cargo",
                &[
                    "clippy",
                    "--workspace",
                    "--all-targets",
                    "--",
                    "-D",
                    "warnings",
                ],
                &[],
            )
            .ok,
        ),
        Tally::of("clippy (wasm32)", run("cargo", &clippy_wasm, &[]).ok),
        Tally::of(
            "supply chain (licences, sources)",
            supply::check(root).map_err(|e| eprintln!("{e}")).is_ok(),
        ),
    ]
}

/// The native tests of every crate, and the widget's tests in headless Chromium.
fn unit_tests() -> Vec<Tally> {
    let native = run("cargo", &["test", "--workspace"], &[]);
    let wasm = run(
        "cargo",
        &[
            "test",
            "-p",
            "selfcheck",
            "--target",
            "wasm32-unknown-unknown",
            "--all-features",
        ],
        &[
            ("CHROMEDRIVER", "/usr/bin/chromedriver"),
            ("WASM_BINDGEN_TEST_TIMEOUT", "60"),
        ],
    );
    vec![
        libtest("native tests", &native),
        libtest("browser tests (wasm-bindgen-test)", &wasm),
    ]
}

/// What runs on the release build in dist/: the size budgets, the studio's build, the
/// browser tests, and the release artefacts tested on the real thing.
fn on_the_build(root: &Path) -> Vec<Tally> {
    let size = size::report(&root.join("dist"));
    if let Err(e) = &size {
        eprintln!("{e}");
    }
    // The studio is its own bundle in dist/studio/, built after the widget (whose build
    // empties dist/), and outside the widget's size check.
    let mut tallies = vec![
        Tally::of("size budgets (code, pack, visit)", size.is_ok()),
        Tally::of("studio build", studio_build()),
        e2e(root),
    ];
    tallies.extend(release_checks(root));
    tallies
}

/// The artefacts a practice installs, packaged from this build and tested on the real
/// thing: the npm package in a throwaway project, the plugin in WordPress.
fn release_checks(root: &Path) -> Vec<Tally> {
    println!("\n── cargo xtask release --allow-dirty --from-dist dist ──");
    let packaged = release::run(
        root,
        &["--allow-dirty".into(), "--from-dist".into(), "dist".into()],
    )
    .map_err(|e| eprintln!("{e}"))
    .is_ok();
    [
        (
            "release: npm package (SRI snippet)",
            "e2e/release/npm.test.mjs",
        ),
        (
            "release: WordPress plugin",
            "e2e/release/wordpress.test.mjs",
        ),
        (
            "release: npm in Vite and webpack apps",
            "e2e/release/apps.test.mjs",
        ),
    ]
    .into_iter()
    .map(|(name, script)| {
        println!("\n── {name} ──");
        let ok = packaged
            && Command::new("node")
                .arg(script)
                .current_dir(root)
                .status()
                .is_ok_and(|s| s.success());
        Tally::of(name, ok)
    })
    .collect()
}

/// Prints each check's tally and "N passed, M failed"; fails when anything failed.
fn summary(started: Instant, tallies: &[Tally]) -> Result<(), String> {
    println!("\n── summary ({:.0} s) ──", started.elapsed().as_secs_f64());
    for t in tallies {
        println!(
            "{:<40} {:>4} passed {:>4} failed",
            t.name, t.passed, t.failed
        );
    }
    let passed: u32 = tallies.iter().map(|t| t.passed).sum();
    let failed: u32 = tallies.iter().map(|t| t.failed).sum();
    println!("{passed} passed, {failed} failed");
    if failed == 0 {
        Ok(())
    } else {
        Err(format!("{failed} failed"))
    }
}

struct Run {
    ok: bool,
    stdout: String,
}

/// Runs a command, echoing its output while keeping stdout for counting.
fn run(program: &str, args: &[&str], envs: &[(&str, &str)]) -> Run {
    println!("\n── {program} {} ──", args.join(" "));
    let child = Command::new(program)
        .args(args)
        .envs(envs.iter().copied())
        .stdout(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => {
            eprintln!("cannot run {program}: {e}");
            return Run {
                ok: false,
                stdout: String::new(),
            };
        }
    };
    let mut stdout = String::new();
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            println!("{line}");
            stdout.push_str(&line);
            stdout.push('\n');
        }
    }
    let ok = child.wait().map(|s| s.success()).unwrap_or(false);
    Run { ok, stdout }
}

/// Sums libtest's `test result:` lines. A suite that failed without reporting counts
/// (it did not compile, say) counts as one failure.
fn libtest(name: &'static str, run: &Run) -> Tally {
    let (mut passed, mut failed) = (0, 0);
    for line in run.stdout.lines().filter(|l| l.starts_with("test result:")) {
        passed += count(line, " passed");
        failed += count(line, " failed");
    }
    if !run.ok && failed == 0 {
        failed = 1;
    }
    Tally {
        name,
        passed,
        failed,
    }
}

/// The number in front of `label` in a line such as `ok. 3 passed; 0 failed;`.
fn count(line: &str, label: &str) -> u32 {
    line.split(';')
        .find_map(|part| {
            part.trim_start_matches("test result: ok.")
                .trim_start_matches("test result: FAILED.")
                .trim()
                .strip_suffix(label.trim())
                .and_then(|n| n.trim().parse().ok())
        })
        .unwrap_or(0)
}

fn e2e(root: &Path) -> Tally {
    let dir = root.join("e2e");
    let results = dir.join("test-results/results.json");
    let _ = std::fs::remove_file(&results);
    println!("\n── playwright (e2e) ──");
    let ok = Command::new("npx")
        .args(["playwright", "test"])
        .current_dir(&dir)
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    let json = std::fs::read_to_string(&results).unwrap_or_default();
    let stat = |key: &str| -> u32 {
        json.find(&format!("\"{key}\":"))
            .map(|i| &json[i + key.len() + 3..])
            .and_then(|rest| {
                rest.trim_start()
                    .split(|c: char| !c.is_ascii_digit())
                    .next()
                    .and_then(|n| n.parse().ok())
            })
            .unwrap_or(0)
    };
    let passed = stat("expected") + stat("flaky");
    let mut failed = stat("unexpected");
    if !ok && failed == 0 {
        failed = 1;
    }
    Tally {
        name: "e2e (Playwright, Chromium)",
        passed,
        failed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_libtest_lines() {
        let run = Run { ok: false, stdout: "test result: FAILED. 12 passed; 3 failed; 0 ignored\ntest result: ok. 4 passed; 0 failed;\n".into() };
        let t = libtest("x", &run);
        assert_eq!((t.passed, t.failed), (16, 3));
        let broken = Run {
            ok: false,
            stdout: "error: could not compile".into(),
        };
        assert_eq!(libtest("x", &broken).failed, 1);
    }
}
