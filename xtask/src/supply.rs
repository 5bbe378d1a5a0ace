//! The supply chain, checked on every `cargo xtask test` and alone by `cargo xtask supply`:
//! every crate in Cargo.lock (read through `cargo metadata --locked`) and every package in
//! an npm lockfile must be under a licence from an allow-list and come from crates.io or
//! registry.npmjs.org, or from inside this repository. No git sources, no paths outside.
//! The policy, and how to change it: docs/releasing.md, "Supply chain".
//!
//! A licence is an SPDX expression: `OR` passes when any branch passes, `AND` needs every
//! part, `A WITH B` is allowed only when listed as a whole, and the old `A/B` is read as
//! `A OR B` (as crates.io reads it). Identifiers compare without regard to case.

use std::path::{Component, Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use serde_json::Value;

/// The licences a crate may be used under. Each is here because a crate in the tree needs
/// it (the check prints, per licence, how many crates offer it and how many need it).
const CRATE_LICENCES: &[&str] = &[
    // Nearly every crate: alone (bincode, tokio, tracing, winnow, …) or beside Apache-2.0.
    "MIT",
    // The other half of Rust's usual dual licence; ryu needs it ("Apache-2.0 OR BSL-1.0").
    "Apache-2.0",
    // unicode-ident's tables from the Unicode data: "(MIT OR Apache-2.0) AND Unicode-3.0".
    "Unicode-3.0",
];

/// The licences an npm package may be used under. These are the test and build tools in
/// e2e/ (Playwright, axe, wasm-opt, terser, and the fixture apps' Vite, React, webpack and
/// TypeScript); none of their code ships in the widget.
const NPM_LICENCES: &[&str] = &[
    // Most packages (survey-core, acorn, the @jridgewell source-map helpers, …).
    "MIT",
    // Playwright and binaryen (wasm-opt).
    "Apache-2.0",
    // terser.
    "BSD-2-Clause",
    // source-map (terser's).
    "BSD-3-Clause",
    // axe-core and @axe-core/playwright, the accessibility checks: file-level copyleft on
    // axe's own files, which we run in the tests and neither change nor ship.
    "MPL-2.0",
    // The fixture apps' build tools (e2e/release/apps/): picocolors (Vite's and webpack's
    // terminal colours), electron-to-chromium (browserslist's data), isexe and which
    // (cross-spawn, in webpack-cli). A permissive licence with MIT's terms.
    "ISC",
    // graceful-fs (webpack's file access): a permissive licence (Blue Oak Model License).
    "BlueOak-1.0.0",
    // caniuse-lite, the browser-support data browserslist reads when webpack picks what
    // its target can run: data under attribution; it runs in the fixtures' builds and
    // nothing of it ships.
    "CC-BY-4.0",
];

/// Crates without a usable `license` field, accepted by name and exact version after
/// reading their licence files by hand. Empty: every crate states its licence.
const CRATE_EXCEPTIONS: &[Exception] = &[];

/// npm packages without a usable `license` field, as [`CRATE_EXCEPTIONS`]. Empty.
const NPM_EXCEPTIONS: &[Exception] = &[];

const CRATES_IO: &str = "registry+https://github.com/rust-lang/crates.io-index";
const NPM_REGISTRY: &str = "https://registry.npmjs.org/";

/// A package whose licence was read by hand: `licence` still has to pass the allow-list.
struct Exception {
    name: &'static str,
    version: &'static str,
    /// The SPDX expression of the licence files, as read.
    licence: &'static str,
    /// Why the package has no usable `license` field, and where its licence was read.
    reason: &'static str,
}

/// One ecosystem's rules.
struct Policy {
    /// What the messages call a package: "crate", "npm package".
    what: &'static str,
    licences: &'static [&'static str],
    licences_table: &'static str,
    exceptions: &'static [Exception],
    exceptions_table: &'static str,
}

const CRATES: Policy = Policy {
    what: "crate",
    licences: CRATE_LICENCES,
    licences_table: "CRATE_LICENCES",
    exceptions: CRATE_EXCEPTIONS,
    exceptions_table: "CRATE_EXCEPTIONS",
};

const NPM: Policy = Policy {
    what: "npm package",
    licences: NPM_LICENCES,
    licences_table: "NPM_LICENCES",
    exceptions: NPM_EXCEPTIONS,
    exceptions_table: "NPM_EXCEPTIONS",
};

/// Runs the check from the project root; prints what it saw, returns every problem.
pub fn check(root: &Path) -> Result<(), String> {
    println!("\n── supply chain (licences, sources) ──");
    let started = Instant::now();
    let mut problems = Vec::new();

    let mut crates = Audit::new(&CRATES);
    match cargo_metadata(root) {
        Ok(meta) => {
            let n = check_crates(&meta, &mut crates);
            println!("Cargo.lock: {n} crates");
        }
        Err(e) => problems.push(e),
    }
    problems.extend(crates.finish());

    let mut npm = Audit::new(&NPM);
    for file in lockfiles(root) {
        let shown = file
            .strip_prefix(root)
            .unwrap_or(&file)
            .display()
            .to_string();
        let text = match std::fs::read_to_string(&file) {
            Ok(text) => text,
            Err(e) => {
                problems.push(format!("{shown}: cannot read it: {e}"));
                continue;
            }
        };
        if file.ends_with(".npmrc") {
            problems.extend(check_npmrc(&text, &shown));
        } else if file.ends_with("yarn.lock") || file.ends_with("pnpm-lock.yaml") {
            problems.push(format!(
                "{shown}: only npm lockfiles are checked; use npm (`npm install` writes \
                 package-lock.json) and delete {shown}"
            ));
        } else {
            match serde_json::from_str::<Value>(&text) {
                Ok(lock) => {
                    let dir = file.parent().unwrap_or(root);
                    let (n, unresolved) = check_npm(&lock, &shown, dir, root, &mut npm);
                    println!(
                        "{shown}: {n} packages ({unresolved} without `resolved`: from the \
                         configured registry, pinned by `integrity`)"
                    );
                }
                Err(e) => problems.push(format!("{shown}: not JSON: {e}")),
            }
        }
    }
    problems.extend(npm.finish());

    println!(
        "supply chain: {} problem(s) ({:.1} s)",
        problems.len(),
        started.elapsed().as_secs_f64()
    );
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "supply chain (policy: docs/releasing.md, \"Supply chain\"):\n  {}",
            problems.join("\n  ")
        ))
    }
}

/// `cargo metadata` over the locked tree: offline first (the crates are usually in the
/// cache already), then online, which downloads what a fresh clone lacks.
fn cargo_metadata(root: &Path) -> Result<Value, String> {
    let args = ["metadata", "--format-version", "1", "--locked"];
    let run = |offline: bool| {
        let mut cmd = Command::new("cargo");
        cmd.args(args).current_dir(root);
        if offline {
            cmd.arg("--offline");
        }
        cmd.output()
    };
    let mut out = run(true).map_err(|e| format!("cannot run cargo metadata: {e}"))?;
    if !out.status.success() {
        out = run(false).map_err(|e| format!("cannot run cargo metadata: {e}"))?;
    }
    if !out.status.success() {
        return Err(format!(
            "`cargo {}` failed (is Cargo.lock out of date? `cargo update --workspace` \
             refreshes it):\n{}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    serde_json::from_slice(&out.stdout).map_err(|e| format!("cargo metadata's JSON: {e}"))
}

/// Every crate's source and licence; returns how many crates there are.
fn check_crates(meta: &Value, audit: &mut Audit) -> usize {
    let root = Path::new(meta["workspace_root"].as_str().unwrap_or_default());
    let packages = meta["packages"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    if packages.is_empty() {
        audit
            .problems
            .push("cargo metadata lists no packages".into());
    }
    for p in packages {
        let name = p["name"].as_str().unwrap_or("?");
        let version = p["version"].as_str().unwrap_or("?");
        match p["source"].as_str() {
            None => {
                let manifest = Path::new(p["manifest_path"].as_str().unwrap_or_default());
                let dir = manifest.parent().unwrap_or(manifest);
                if !inside(dir, root) {
                    audit.problems.push(format!(
                        "crate {name} {version} is a path dependency at {}, outside the \
                         workspace ({}): depend on a published version from crates.io, or \
                         move the crate into the workspace",
                        dir.display(),
                        root.display()
                    ));
                }
            }
            Some(CRATES_IO) => {}
            Some(git) if git.starts_with("git+") => audit.problems.push(format!(
                "crate {name} {version} comes from git ({git}): only crates.io and crates \
                 inside the workspace are allowed; depend on a published version (a patched \
                 copy belongs inside the workspace, with the reason in docs/releasing.md)"
            )),
            Some(other) => audit.problems.push(format!(
                "crate {name} {version} comes from {other}, not crates.io: depend on the \
                 version published on crates.io"
            )),
        }
        audit.licence(name, version, p["license"].as_str());
    }
    packages.len()
}

/// Every entry of one npm lockfile (`file` as shown, in `dir`); returns how many packages
/// it installs, and how many of them without a `resolved` URL.
fn check_npm(
    lock: &Value,
    file: &str,
    dir: &Path,
    root: &Path,
    audit: &mut Audit,
) -> (usize, usize) {
    let Some(packages) = lock["packages"].as_object() else {
        audit.problems.push(format!(
            "{file}: lockfileVersion {} has no `packages` map to check: regenerate it with \
             npm 7 or later (`npm install --package-lock-only` in its directory)",
            lock["lockfileVersion"]
        ));
        return (0, 0);
    };
    let (mut installed, mut unresolved) = (0, 0);
    for (key, p) in packages {
        // The project itself (""), and folders of the repository (npm workspaces, `file:`
        // links): our own code, which has to stay inside the repository.
        let Some(at) = key.rfind("node_modules/") else {
            if !inside(&dir.join(key), root) {
                audit.problems.push(format!(
                    "{file}: `{key}` is a folder outside the repository: depend on a package \
                     from {NPM_REGISTRY} instead"
                ));
            }
            continue;
        };
        let name = p["name"]
            .as_str()
            .unwrap_or(&key[at + "node_modules/".len()..]);
        let version = p["version"].as_str().unwrap_or("?");
        if p["link"].as_bool() == Some(true) {
            // A symlink into a folder, which has its own entry (checked above).
            let target = p["resolved"].as_str().unwrap_or_default();
            if !inside(&dir.join(target), root) {
                audit.problems.push(format!(
                    "npm package {name} ({file}) links to `{target}`, outside the repository: \
                     depend on a package from {NPM_REGISTRY} instead"
                ));
            }
            continue;
        }
        installed += 1;
        // A bundled dependency arrives inside its parent's tarball, under the parent's hash.
        if p["inBundle"].as_bool() != Some(true) {
            match p["resolved"].as_str() {
                Some(url) if url.starts_with(NPM_REGISTRY) => {}
                Some(url) => audit.problems.push(format!(
                    "npm package {name} {version} ({file}) is resolved from `{url}`, not \
                     {NPM_REGISTRY}: install it from the npm registry (`npm install \
                     {name}@{version}`), no git, tarball, file: or other registry"
                )),
                // npm leaves `resolved` out for registry packages when
                // `omit-lockfile-registry-resolved` is set (as on the machine that wrote
                // e2e/package-lock.json); git, tarball and `file:` dependencies always keep
                // theirs. `integrity` pins the tarball whichever mirror serves it, and a
                // registry other than npm's in a repository .npmrc fails `check_npmrc`.
                None => unresolved += 1,
            }
            if p["integrity"].as_str().is_none_or(str::is_empty) {
                audit.problems.push(format!(
                    "npm package {name} {version} ({file}) has no `integrity` hash: \
                     regenerate the lockfile with `npm install` so npm records the tarball's \
                     hash"
                ));
            }
        }
        audit.licence(name, version, p["license"].as_str());
    }
    (installed, unresolved)
}

/// A repository `.npmrc` may not point npm, or a scope, at another registry.
fn check_npmrc(text: &str, file: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| line.split_once('='))
        .map(|(key, value)| (key.trim(), value.trim()))
        .filter(|(key, _)| *key == "registry" || key.ends_with(":registry"))
        .filter(|(_, value)| value.trim_end_matches('/') != NPM_REGISTRY.trim_end_matches('/'))
        .map(|(key, value)| {
            format!(
                "{file} sets `{key}` to `{value}`: npm packages come from {NPM_REGISTRY} \
                 only; remove the line"
            )
        })
        .collect()
}

/// The lockfiles and `.npmrc` files in the repository, outside node_modules, target and
/// hidden folders. yarn and pnpm lockfiles are listed too, to be refused.
fn lockfiles(root: &Path) -> Vec<PathBuf> {
    const NAMES: [&str; 5] = [
        "package-lock.json",
        "npm-shrinkwrap.json",
        "yarn.lock",
        "pnpm-lock.yaml",
        ".npmrc",
    ];
    let mut found = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            // `file_type` does not follow symlinks: a linked folder is not walked.
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                if !(name.starts_with('.') || name == "node_modules" || name == "target") {
                    dirs.push(entry.path());
                }
            } else if NAMES.contains(&name.as_ref()) {
                found.push(entry.path());
            }
        }
    }
    found.sort();
    found
}

/// `path` lies in `root` (both made absolute-looking by dropping `.` and resolving `..`
/// in the text, without touching the file system).
fn inside(path: &Path, root: &Path) -> bool {
    fn tidy(p: &Path) -> PathBuf {
        let mut out = PathBuf::new();
        for c in p.components() {
            match c {
                Component::CurDir => {}
                Component::ParentDir => {
                    out.pop();
                }
                c => out.push(c),
            }
        }
        out
    }
    let root = tidy(root);
    !root.as_os_str().is_empty() && tidy(path).starts_with(root)
}

/// One ecosystem's licences: the problems found, and what each allowed licence covers.
struct Audit {
    policy: &'static Policy,
    /// Which exceptions matched a package (the others are stale).
    used: Vec<bool>,
    /// Every package's licence, as parsed.
    seen: Vec<Spdx>,
    problems: Vec<String>,
}

impl Audit {
    fn new(policy: &'static Policy) -> Audit {
        Audit {
            policy,
            used: vec![false; policy.exceptions.len()],
            seen: Vec::new(),
            problems: Vec::new(),
        }
    }

    /// Checks one package's `license` field (or its exception) against the allow-list.
    fn licence(&mut self, name: &str, version: &str, field: Option<&str>) {
        let policy = self.policy;
        let what = policy.what;
        let parsed = field.map(Spdx::parse);
        let (expr, parsed) = match parsed {
            Some(Ok(spdx)) => (field.unwrap_or_default(), Ok(spdx)),
            // No usable field: the exception table, if it lists this very version.
            _ => match policy
                .exceptions
                .iter()
                .position(|e| e.name == name && e.version == version)
            {
                Some(i) => {
                    self.used[i] = true;
                    let e = &policy.exceptions[i];
                    println!(
                        "  exception: {name} {version} under {}: {}",
                        e.licence, e.reason
                    );
                    (e.licence, Spdx::parse(e.licence))
                }
                None => {
                    let why = match (field, parsed) {
                        (Some(f), Some(Err(e))) => {
                            format!("has `license = \"{f}\"`, not an SPDX expression ({e})")
                        }
                        _ => "has no `license` field".to_string(),
                    };
                    self.problems.push(format!(
                        "{what} {name} {version} {why}: read its licence files; if the \
                         licence is allowed, add {{ name: \"{name}\", version: \"{version}\", \
                         licence, reason }} to {} in xtask/src/supply.rs, otherwise replace \
                         the dependency",
                        policy.exceptions_table
                    ));
                    return;
                }
            },
        };
        match parsed {
            Ok(spdx) if spdx.allowed_by(policy.licences) => self.seen.push(spdx),
            Ok(_) => self.problems.push(format!(
                "{what} {name} {version} is under `{expr}`, which the allow-list ({}) does \
                 not satisfy: replace the dependency, or, if that licence is acceptable, add \
                 it to {} in xtask/src/supply.rs and to docs/releasing.md with the reason",
                policy.licences.join(", "),
                policy.licences_table
            )),
            Err(e) => self.problems.push(format!(
                "{} lists {name} {version} with `{expr}`, not an SPDX expression ({e})",
                policy.exceptions_table
            )),
        }
    }

    /// Prints, per allowed licence, how many packages offer it and how many need it (fail
    /// without it); returns the problems, stale exceptions included.
    fn finish(mut self) -> Vec<String> {
        let policy = self.policy;
        for allowed in policy.licences {
            let offer = self.seen.iter().filter(|s| s.mentions(allowed)).count();
            let rest: Vec<&str> = policy
                .licences
                .iter()
                .copied()
                .filter(|l| l != allowed)
                .collect();
            let need = self.seen.iter().filter(|s| !s.allowed_by(&rest)).count();
            println!(
                "  {allowed:<16} {offer:>4} {what}s offer it, {need:>4} need it",
                what = policy.what
            );
        }
        for (e, used) in policy.exceptions.iter().zip(&self.used) {
            if !used {
                self.problems.push(format!(
                    "{} lists {} {}, which is no longer in the tree or now states its \
                     licence: remove the entry",
                    policy.exceptions_table, e.name, e.version
                ));
            }
        }
        self.problems
    }
}

/// An SPDX licence expression. `Id` is one licence, or `licence WITH exception`.
#[derive(Debug, PartialEq)]
enum Spdx {
    Id(String),
    And(Vec<Spdx>),
    Or(Vec<Spdx>),
}

impl Spdx {
    fn parse(expr: &str) -> Result<Spdx, String> {
        let mut tokens = Vec::new();
        let mut word = String::new();
        for c in expr.chars() {
            if c == '(' || c == ')' || c == '/' || c.is_whitespace() {
                if !word.is_empty() {
                    tokens.push(std::mem::take(&mut word));
                }
                if !c.is_whitespace() {
                    tokens.push(c.to_string());
                }
            } else {
                word.push(c);
            }
        }
        if !word.is_empty() {
            tokens.push(word);
        }
        let mut parser = Parser { tokens, at: 0 };
        let spdx = parser.or()?;
        match parser.tokens.get(parser.at) {
            None => Ok(spdx),
            Some(t) => Err(format!("unexpected `{t}`")),
        }
    }

    /// Some choice of the `OR` branches uses only licences from `allowed`.
    fn allowed_by(&self, allowed: &[&str]) -> bool {
        match self {
            Spdx::Id(id) => allowed.iter().any(|a| a.eq_ignore_ascii_case(id)),
            Spdx::And(all) => all.iter().all(|s| s.allowed_by(allowed)),
            Spdx::Or(any) => any.iter().any(|s| s.allowed_by(allowed)),
        }
    }

    /// `licence` appears anywhere in the expression.
    fn mentions(&self, licence: &str) -> bool {
        match self {
            Spdx::Id(id) => id.eq_ignore_ascii_case(licence),
            Spdx::And(v) | Spdx::Or(v) => v.iter().any(|s| s.mentions(licence)),
        }
    }
}

/// Recursive descent: `WITH` binds tighter than `AND`, `AND` tighter than `OR`.
struct Parser {
    tokens: Vec<String>,
    at: usize,
}

impl Parser {
    fn eat(&mut self, words: &[&str]) -> bool {
        let hit = self
            .tokens
            .get(self.at)
            .is_some_and(|t| words.contains(&t.as_str()));
        self.at += usize::from(hit);
        hit
    }

    fn or(&mut self) -> Result<Spdx, String> {
        let mut branches = vec![self.and()?];
        while self.eat(&["OR", "or", "/"]) {
            branches.push(self.and()?);
        }
        Ok(if branches.len() == 1 {
            branches.remove(0)
        } else {
            Spdx::Or(branches)
        })
    }

    fn and(&mut self) -> Result<Spdx, String> {
        let mut parts = vec![self.term()?];
        while self.eat(&["AND", "and"]) {
            parts.push(self.term()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Spdx::And(parts)
        })
    }

    fn term(&mut self) -> Result<Spdx, String> {
        if self.eat(&["("]) {
            let inner = self.or()?;
            return if self.eat(&[")"]) {
                Ok(inner)
            } else {
                Err("a `(` is not closed".into())
            };
        }
        let licence = self.id()?;
        if self.eat(&["WITH", "with"]) {
            let exception = self.id()?;
            return Ok(Spdx::Id(format!("{licence} WITH {exception}")));
        }
        Ok(Spdx::Id(licence))
    }

    fn id(&mut self) -> Result<String, String> {
        let Some(t) = self.tokens.get(self.at) else {
            return Err("it ends where a licence should be".into());
        };
        let operator = ["AND", "OR", "WITH"]
            .iter()
            .any(|o| o.eq_ignore_ascii_case(t));
        let valid = t
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-.+:".contains(c));
        if operator || !valid || t == "(" || t == ")" {
            return Err(format!("`{t}` where a licence should be"));
        }
        self.at += 1;
        Ok(t.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALLOW: &[&str] = &["MIT", "Apache-2.0", "Unicode-3.0"];

    fn allowed(expr: &str) -> bool {
        Spdx::parse(expr).unwrap().allowed_by(ALLOW)
    }

    #[test]
    fn spdx_or_needs_one_branch_and_needs_all() {
        assert!(allowed("MIT"));
        assert!(allowed("mit"));
        assert!(allowed("MIT OR Apache-2.0"));
        assert!(allowed("GPL-3.0-only OR MIT"));
        assert!(!allowed("GPL-3.0-only OR LGPL-2.1-or-later"));
        assert!(allowed("MIT AND Apache-2.0"));
        assert!(!allowed("MIT AND GPL-3.0-only"));
        // AND binds tighter than OR: (GPL AND MIT) OR Apache.
        assert!(allowed("GPL-3.0-only AND MIT OR Apache-2.0"));
        assert!(!allowed("GPL-3.0-only AND (MIT OR Apache-2.0)"));
        assert!(allowed("(MIT OR Apache-2.0) AND Unicode-3.0"));
        assert!(!allowed("(MIT OR Apache-2.0) AND Unicode-DFS-2016"));
        // The old slash is an OR, spaces or not.
        assert!(allowed("Unlicense/MIT"));
        assert!(allowed("Apache-2.0 / MIT"));
        assert!(!allowed("GPL-2.0/LGPL-2.1"));
    }

    #[test]
    fn spdx_with_is_allowed_only_as_a_whole() {
        let with = "Apache-2.0 WITH LLVM-exception";
        assert_eq!(Spdx::parse(with), Ok(Spdx::Id(with.into())));
        assert!(!allowed(with));
        assert!(allowed(
            "Apache-2.0 WITH LLVM-exception OR Apache-2.0 OR MIT"
        ));
        assert!(Spdx::parse(with).unwrap().allowed_by(&[with]));
        assert!(Spdx::parse("(Apache-2.0 WITH LLVM-exception) AND MIT")
            .unwrap()
            .allowed_by(&[with, "MIT"]));
    }

    #[test]
    fn spdx_rejects_what_is_not_an_expression() {
        for bad in [
            "",
            "SEE LICENSE IN LICENSE.txt",
            "MIT OR",
            "(MIT",
            "MIT)",
            "AND MIT",
            "MIT WITH",
            "MIT,Apache-2.0",
        ] {
            assert!(Spdx::parse(bad).is_err(), "{bad:?} parsed");
        }
    }

    fn crates(json: &str) -> Vec<String> {
        let mut audit = Audit::new(&CRATES);
        check_crates(&serde_json::from_str(json).unwrap(), &mut audit);
        audit.finish()
    }

    fn one_crate(source: &str, manifest: &str, license: &str) -> String {
        format!(
            r#"{{"workspace_root": "/ws", "packages": [{{"name": "a", "version": "1.0.0",
            "license": {license}, "source": {source}, "manifest_path": "{manifest}"}}]}}"#
        )
    }

    #[test]
    fn crates_from_crates_io_and_the_workspace_pass() {
        let registry = format!("\"{CRATES_IO}\"");
        let home = "/root/.cargo/registry/src/a-1.0.0/Cargo.toml";
        assert!(crates(&one_crate(&registry, home, "\"MIT OR Apache-2.0\"")).is_empty());
        let member = one_crate("null", "/ws/crates/a/Cargo.toml", "\"MIT\"");
        assert!(crates(&member).is_empty());
    }

    #[test]
    fn a_git_source_is_rejected() {
        let git = r#""git+https://github.com/x/a?rev=1#0123abc""#;
        let problems = crates(&one_crate(git, "/root/.cargo/git/a/Cargo.toml", "\"MIT\""));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].contains("crate a 1.0.0 comes from git"),
            "{problems:?}"
        );
        let other = r#""registry+https://example.com/index""#;
        assert_eq!(
            crates(&one_crate(other, "/x/Cargo.toml", "\"MIT\"")).len(),
            1
        );
    }

    #[test]
    fn a_path_outside_the_workspace_is_rejected() {
        for manifest in ["/elsewhere/a/Cargo.toml", "/ws/../ws-other/a/Cargo.toml"] {
            let problems = crates(&one_crate("null", manifest, "\"MIT\""));
            assert_eq!(problems.len(), 1, "{problems:?}");
            assert!(
                problems[0].contains("outside the workspace"),
                "{problems:?}"
            );
        }
        assert!(crates(&one_crate("null", "/ws/./x/../a/Cargo.toml", "\"MIT\"")).is_empty());
    }

    #[test]
    fn a_missing_or_unknown_licence_is_rejected() {
        let member = "/ws/a/Cargo.toml";
        let missing = crates(&one_crate("null", member, "null"));
        assert!(missing[0].contains("has no `license` field"), "{missing:?}");
        let gpl = crates(&one_crate("null", member, "\"GPL-3.0-only\""));
        assert!(gpl[0].contains("is under `GPL-3.0-only`"), "{gpl:?}");
        let prose = crates(&one_crate("null", member, "\"see LICENSE\""));
        assert!(prose[0].contains("not an SPDX expression"), "{prose:?}");
    }

    #[test]
    fn an_exception_supplies_the_licence_and_goes_stale() {
        static LISTED: Policy = Policy {
            what: "crate",
            licences: &["MIT"],
            licences_table: "L",
            exceptions: &[Exception {
                name: "a",
                version: "1.0.0",
                licence: "MIT",
                reason: "the test",
            }],
            exceptions_table: "E",
        };
        let mut audit = Audit::new(&LISTED);
        audit.licence("a", "1.0.0", None);
        assert!(audit.finish().is_empty());
        let mut audit = Audit::new(&LISTED);
        audit.licence("a", "1.0.1", None);
        let problems = audit.finish();
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[1].contains("E lists a 1.0.0"), "{problems:?}");
    }

    fn npm(lock: &str) -> ((usize, usize), Vec<String>) {
        let mut audit = Audit::new(&NPM);
        let lock = serde_json::from_str(lock).unwrap();
        let n = check_npm(
            &lock,
            "e2e/package-lock.json",
            Path::new("/ws/e2e"),
            Path::new("/ws"),
            &mut audit,
        );
        (n, audit.finish())
    }

    #[test]
    fn npm_packages_come_from_the_registry_with_a_hash() {
        let lock = r#"{"lockfileVersion": 3, "packages": {
            "": {"name": "e2e", "devDependencies": {"a": "1.0.0"}},
            "node_modules/a": {"version": "1.0.0", "license": "MIT",
                "resolved": "https://registry.npmjs.org/a/-/a-1.0.0.tgz", "integrity": "sha512-x"},
            "node_modules/a/node_modules/b": {"version": "2.0.0", "license": "(MIT OR CC0-1.0)",
                "resolved": "https://registry.npmjs.org/b/-/b-2.0.0.tgz", "integrity": "sha512-y"},
            "node_modules/c": {"version": "1.0.0", "license": "BSD-3-Clause", "inBundle": true},
            "node_modules/e": {"version": "3.0.0", "license": "MIT", "integrity": "sha512-z"},
            "../tools/d": {"name": "d", "version": "0.1.0"},
            "node_modules/d": {"resolved": "../tools/d", "link": true}
        }}"#;
        assert_eq!(npm(lock), ((4, 1), vec![]));
    }

    #[test]
    fn an_npmrc_may_not_name_another_registry() {
        let ok = "registry=https://registry.npmjs.org\nfund=false\n";
        assert!(check_npmrc(ok, ".npmrc").is_empty());
        let bad = "registry = https://npm.example.com/\n@s:registry=https://x.example/\n";
        assert_eq!(check_npmrc(bad, "e2e/.npmrc").len(), 2);
    }

    #[test]
    fn npm_git_tarball_unhashed_outside_and_unlicensed_are_rejected() {
        let lock = r#"{"lockfileVersion": 3, "packages": {
            "node_modules/git": {"version": "1.0.0", "license": "MIT",
                "resolved": "git+ssh://git@github.com/x/git.git#abc", "integrity": "sha512-x"},
            "node_modules/unhashed": {"version": "1.0.0", "license": "MIT"},
            "node_modules/@s/unlicensed": {"version": "1.0.0",
                "resolved": "https://registry.npmjs.org/@s/unlicensed/-/unlicensed-1.0.0.tgz",
                "integrity": "sha512-x"},
            "node_modules/gpl": {"version": "1.0.0", "license": "GPL-3.0",
                "resolved": "https://registry.npmjs.org/gpl/-/gpl-1.0.0.tgz", "integrity": "sha512-x"},
            "../../elsewhere": {"version": "1.0.0"},
            "node_modules/far": {"resolved": "../../elsewhere", "link": true}
        }}"#;
        let (_, problems) = npm(lock);
        let expect = [
            "npm package git 1.0.0 (e2e/package-lock.json) is resolved from `git+ssh",
            "npm package unhashed 1.0.0 (e2e/package-lock.json) has no `integrity`",
            "npm package @s/unlicensed 1.0.0 has no `license` field",
            "npm package gpl 1.0.0 is under `GPL-3.0`",
            "`../../elsewhere` is a folder outside the repository",
            "npm package far (e2e/package-lock.json) links to `../../elsewhere`, outside",
        ];
        assert_eq!(problems.len(), expect.len(), "{problems:#?}");
        for e in expect {
            assert!(
                problems.iter().any(|p| p.contains(e)),
                "{e:?} not in {problems:#?}"
            );
        }
        let (_, old) = npm(r#"{"lockfileVersion": 1, "dependencies": {}}"#);
        assert!(
            old[0].contains("lockfileVersion 1 has no `packages` map"),
            "{old:?}"
        );
    }
}
