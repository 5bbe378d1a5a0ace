//! `cargo xtask release [--allow-dirty] [--from-dist DIR]`: the release artefacts in `release/`.
//!
//! Builds the widget (`trunk build --release --offline`) into a staging folder under
//! `target/release-staging/`, never into `dist/`, then writes:
//!
//! - `release/selfcheck-<version>/` and `release/selfcheck-<version>.zip`: the widget's files
//!   (loader, glue, wasm, stylesheet, packs, the iframe page), the licences and a README.txt;
//! - `release/selfcheck-widget-<version>.tgz`: the npm package (`npm pack`);
//! - `release/selfcheck-wordpress-<version>.zip`: the WordPress plugin with the widget inside;
//! - `release/snippets.html`: copy-ready snippets with Subresource Integrity for selfcheck.js,
//!   and the Content-Security-Policy a host page needs;
//! - `release/SHA256SUMS`: the SHA-256 of every artefact.
//!
//! The version is read from the root Cargo.toml (`version` under `[workspace.package]`), the one place
//! it is set. The release copy of `selfcheck.js` starts with `// selfcheck <version>`; the
//! integrity hash is computed after that line is added.
//!
//! `--from-dist DIR` skips the build and packages an existing release build (for example a
//! CI job's `dist/`); it must hold `selfcheck.js`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The strictest policy the widget runs under (the e2e suite tests it).
pub const CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; connect-src 'self'; require-trusted-types-for 'script'";

/// Placeholder version in the packaging sources, replaced by the real one when packaged.
const DEV_VERSION: &str = "0.0.0-dev";

/// `cargo xtask release` with its arguments (after `release`).
pub fn run(root: &Path, args: &[String]) -> Result<(), String> {
    let mut allow_dirty = false;
    let mut from_dist: Option<PathBuf> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--allow-dirty" => allow_dirty = true,
            "--from-dist" => {
                let dir = it.next().ok_or("--from-dist wants a directory")?;
                from_dist = Some(root.join(dir));
            }
            other => {
                return Err(format!(
                    "release: unknown argument {other:?} (usage: cargo xtask release [--allow-dirty] [--from-dist DIR])"
                ))
            }
        }
    }

    let version = version(root)?;
    println!("xtask release: selfcheck {version}");
    if !allow_dirty {
        let out = Command::new("git")
            .args(["status", "--porcelain"])
            .current_dir(root)
            .output()
            .map_err(|e| format!("cannot run git: {e}"))?;
        if !out.status.success() {
            return Err("git status failed (use --allow-dirty outside a git checkout)".into());
        }
        let dirty = String::from_utf8_lossy(&out.stdout);
        if !dirty.trim().is_empty() {
            return Err(format!(
                "the working tree has uncommitted changes; commit them or pass --allow-dirty:\n{dirty}"
            ));
        }
    }

    let staging = root.join("target/release-staging");
    remove(&staging)?;
    fs::create_dir_all(&staging).map_err(|e| e.to_string())?;
    let built = match from_dist {
        Some(dir) => dir,
        None => {
            let dist = staging.join("dist");
            build(&dist)?;
            dist
        }
    };
    if !built.join("selfcheck.js").is_file() {
        return Err(format!("{} has no selfcheck.js", built.display()));
    }

    let out = root.join("release");
    remove(&out)?;
    fs::create_dir_all(&out).map_err(|e| e.to_string())?;

    // The widget's files, with the version line in the loader.
    let widget = staging.join("widget");
    copy_widget(&built, &widget)?;
    let loader_path = widget.join("selfcheck.js");
    let loader = read(&loader_path)?;
    fs::write(&loader_path, format!("// selfcheck {version}\n{loader}"))
        .map_err(|e| e.to_string())?;
    let integrity = format!("sha384-{}", base64(&digest("sha384sum", &loader_path)?));
    let licences = licence_files(root)?;

    // 1. The plain folder and its zip.
    let name = format!("selfcheck-{version}");
    let folder = out.join(&name);
    copy_dir(&widget, &folder)?;
    for l in &licences {
        copy(l, &folder.join(l.file_name().unwrap()))?;
    }
    fs::write(folder.join("README.txt"), readme_txt(&version)?).map_err(|e| e.to_string())?;
    zip(&out, &name, &out.join(format!("{name}.zip")))?;

    // 2. The npm package.
    let npm = staging.join("npm");
    copy_dir(&widget, &npm)?;
    for l in &licences {
        copy(l, &npm.join(l.file_name().unwrap()))?;
    }
    let pkg = root.join("packaging/npm");
    for f in ["package.json", "README.md", "index.d.ts"] {
        let text = read(&pkg.join(f))?.replace(DEV_VERSION, &version);
        fs::write(npm.join(f), text).map_err(|e| e.to_string())?;
    }
    if !read(&npm.join("package.json"))?.contains(&format!("\"version\": \"{version}\"")) {
        return Err("packaging/npm/package.json: no \"version\" to set".into());
    }
    let status = Command::new("npm")
        .args(["pack", "--silent", "--pack-destination"])
        .arg(&out)
        .current_dir(&npm)
        .status()
        .map_err(|e| format!("cannot run npm: {e}"))?;
    let tgz = out.join(format!("selfcheck-widget-{version}.tgz"));
    if !status.success() || !tgz.is_file() {
        return Err(format!("npm pack failed (expected {})", tgz.display()));
    }

    // 3. The WordPress plugin: packaging/wordpress/selfcheck/ with the widget in assets/.
    let wp = staging.join("wordpress");
    let plugin = wp.join("selfcheck");
    copy_dir(&root.join("packaging/wordpress/selfcheck"), &plugin)?;
    for f in ["selfcheck.php", "readme.txt"] {
        let p = plugin.join(f);
        let text = read(&p)?;
        if !text.contains(DEV_VERSION) {
            return Err(format!(
                "packaging/wordpress/selfcheck/{f}: no {DEV_VERSION} to replace"
            ));
        }
        fs::write(&p, text.replace(DEV_VERSION, &version)).map_err(|e| e.to_string())?;
    }
    copy_dir(&widget, &plugin.join("assets"))?;
    for l in &licences {
        copy(l, &plugin.join(l.file_name().unwrap()))?;
    }
    zip(
        &wp,
        "selfcheck",
        &out.join(format!("selfcheck-wordpress-{version}.zip")),
    )?;

    // 4. Snippets and checksums.
    fs::write(out.join("snippets.html"), snippets(&version, &integrity)?)
        .map_err(|e| e.to_string())?;
    let artefacts = [
        format!("{name}.zip"),
        format!("selfcheck-widget-{version}.tgz"),
        format!("selfcheck-wordpress-{version}.zip"),
    ];
    let mut sums = String::new();
    for a in &artefacts {
        sums.push_str(&format!(
            "{}  {a}\n",
            hex(&digest("sha256sum", &out.join(a))?)
        ));
    }
    fs::write(out.join("SHA256SUMS"), &sums).map_err(|e| e.to_string())?;

    println!("\nxtask release: wrote {}", out.display());
    for a in artefacts
        .iter()
        .chain(["snippets.html".into(), "SHA256SUMS".into()].iter())
    {
        let size = fs::metadata(out.join(a)).map(|m| m.len()).unwrap_or(0);
        println!("  {a:<40} {:>8.1} KiB", size as f64 / 1024.0);
    }
    println!("  selfcheck.js integrity: {integrity}");
    Ok(())
}

/// `version = "…"` under `[workspace.package]` in the root Cargo.toml.
fn version(root: &Path) -> Result<String, String> {
    let toml = read(&root.join("Cargo.toml"))?;
    let mut in_package = false;
    for line in toml.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_package = line == "[workspace.package]";
            continue;
        }
        if !in_package {
            continue;
        }
        if let Some(rest) = line.strip_prefix("version") {
            if let Some(value) = rest.trim_start().strip_prefix('=') {
                let v = value.trim().trim_matches('"');
                let ok = !v.is_empty()
                    && v.chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+'));
                return if ok {
                    Ok(v.to_string())
                } else {
                    Err(format!(
                        "Cargo.toml: [workspace.package] version {v:?} is not a version"
                    ))
                };
            }
        }
    }
    Err("Cargo.toml: no version under [workspace.package]".into())
}

fn build(dist: &Path) -> Result<(), String> {
    println!(
        "\n── trunk build --release --offline --dist {} ──",
        dist.display()
    );
    let status = Command::new("trunk")
        .args(["build", "--release", "--offline", "--dist"])
        .arg(dist)
        .env("TRUNK_SKIP_VERSION_CHECK", "true")
        .status()
        .map_err(|e| format!("cannot run trunk: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err("the release build failed".into())
    }
}

/// The files a host needs: the loader, the fingerprinted glue, wasm and stylesheet, the
/// packs, and the iframe page. Not the demo pages, their styles or the studio.
fn copy_widget(dist: &Path, to: &Path) -> Result<(), String> {
    fs::create_dir_all(to).map_err(|e| e.to_string())?;
    let fixed = [
        "selfcheck.js",
        "embed.html",
        "embed.js",
        "embed.css",
        "iframe-host.js",
    ];
    let mut found = Vec::new();
    for entry in fs::read_dir(dist).map_err(|e| format!("{}: {e}", dist.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        let n = entry.file_name().to_string_lossy().into_owned();
        let widget_file = fixed.contains(&n.as_str())
            || (n.starts_with("selfcheck-widget-")
                && (n.ends_with(".js") || n.ends_with("_bg.wasm")))
            || (n.starts_with("selfcheck-") && n.ends_with(".css"));
        if widget_file && entry.path().is_file() {
            copy(&entry.path(), &to.join(&n))?;
            found.push(n);
        }
    }
    for need in ["selfcheck.js", "embed.html", "embed.js", "embed.css"] {
        if !found.iter().any(|n| n == need) {
            return Err(format!("{} has no {need}", dist.display()));
        }
    }
    for (what, pred) in [
        (
            "widget .wasm",
            &(|n: &String| n.ends_with("_bg.wasm")) as &dyn Fn(&String) -> bool,
        ),
        ("widget .js", &|n: &String| {
            n.starts_with("selfcheck-widget-") && n.ends_with(".js")
        }),
        ("widget .css", &|n: &String| {
            n.ends_with(".css") && n.starts_with("selfcheck-")
        }),
    ] {
        if !found.iter().any(pred) {
            return Err(format!("{} has no {what}", dist.display()));
        }
    }
    let packs = dist.join("packs");
    let n = fs::read_dir(&packs)
        .map_err(|e| format!("{}: {e}", packs.display()))?
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".pack"))
        .count();
    if n == 0 {
        return Err(format!("{} has no .pack", packs.display()));
    }
    copy_dir(&packs, &to.join("packs"))
}

/// LICENSE* files in the project root.
fn licence_files(root: &Path) -> Result<Vec<PathBuf>, String> {
    let mut v: Vec<PathBuf> = fs::read_dir(root)
        .map_err(|e| e.to_string())?
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("LICENSE"))
        .map(|e| e.path())
        .collect();
    v.sort();
    if v.is_empty() {
        return Err("no LICENSE* file in the project root".into());
    }
    Ok(v)
}

fn zip(dir: &Path, what: &str, to: &Path) -> Result<(), String> {
    let _ = fs::remove_file(to);
    let have_zip = Command::new("zip")
        .arg("-v")
        .output()
        .is_ok_and(|o| o.status.success());
    let status = if have_zip {
        Command::new("zip")
            .args(["-q", "-r", "-X"])
            .arg(to)
            .arg(what)
            .current_dir(dir)
            .status()
    } else {
        Command::new("python3")
            .args(["-m", "zipfile", "-c"])
            .arg(to)
            .arg(what)
            .current_dir(dir)
            .status()
    };
    match status {
        Ok(s) if s.success() => Ok(()),
        _ => Err(format!("cannot zip {what} into {}", to.display())),
    }
}

/// Runs `sha256sum`/`sha384sum` (coreutils) on a file; returns the digest's bytes.
fn digest(tool: &str, file: &Path) -> Result<Vec<u8>, String> {
    let out = Command::new(tool)
        .arg(file)
        .output()
        .map_err(|e| format!("cannot run {tool}: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout);
    let hex = text.split_whitespace().next().unwrap_or("");
    if !out.status.success() || !hex.len().is_multiple_of(2) || hex.is_empty() {
        return Err(format!("{tool} {} failed", file.display()));
    }
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|e| e.to_string()))
        .collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut s = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                s.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                s.push('=');
            }
        }
    }
    s
}

fn read(p: &Path) -> Result<String, String> {
    fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))
}

fn remove(p: &Path) -> Result<(), String> {
    if p.exists() {
        fs::remove_dir_all(p).map_err(|e| format!("cannot remove {}: {e}", p.display()))?;
    }
    Ok(())
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    fs::create_dir_all(to).map_err(|e| e.to_string())?;
    for entry in fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        let p = entry.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(entry.file_name()))?;
        } else {
            copy(&p, &to.join(entry.file_name()))?;
        }
    }
    Ok(())
}

fn readme_txt(version: &str) -> Result<String, String> {
    let us = static_contacts("us")?;
    Ok(format!(
        "selfcheck {version}
==================

A private self-check for the website of a therapy practice: a few questions about someone
the visitor cares about, then tailored advice and crisis contacts. It runs entirely in the
visitor's browser: no request leaves the page after the widget's own files have loaded,
and nothing is stored.

Copy this folder to your site, for example as /selfcheck/, and add:

  <script type=\"module\" src=\"/selfcheck/selfcheck.js\"></script>
  <self-check region=\"us\" lang=\"en\" practice-name=\"Your practice\"
              practice-phone=\"555 010 2000\" practice-url=\"https://example.org/contact\">
    {us}
  </self-check>

Settings (attributes): flow, lang, region (us, ca, mx, uk/gb, ie, fr, es, au, nz, eu), practice-name,
practice-phone, practice-url (https only), exit-url (https only). Put static crisis contacts
inside the element: they show until the widget starts, and if it cannot.

Site builders that strip unknown tags: use <div data-self-check data-region=\"…\"> instead.
Site builders that allow only an iframe: embed.html?region=us&lang=en&practice-name=…

Content-Security-Policy the widget needs (no more):

  {CSP}

(If the folder is served from another origin, add that origin to script-src, style-src and
connect-src.) snippets.html in the release holds the same snippets with Subresource
Integrity for selfcheck.js.

Licence: MIT OR Apache-2.0 (LICENSE-MIT, LICENSE-APACHE).
"
    ))
}

/// The static crisis contacts a host page puts inside its mount element for `region`: the
/// engine's crisis line in English (`markup::crisis_line`), what the widget's strip shows.
fn static_contacts(region: &str) -> Result<String, String> {
    use selfcheck_flow::{data, markup, view};
    let uis = data::uis()?;
    let ui = uis
        .iter()
        .find(|u| u.lang == "en")
        .ok_or("data/ui/ has no English words")?;
    let links = view::strip(&data::directory()?, region, ui);
    Ok(markup::Node::from(markup::crisis_line(ui, &links)).html())
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn snippets(version: &str, integrity: &str) -> Result<String, String> {
    let us = static_contacts("us")?;
    let uk = static_contacts("uk")?;
    let element = format!(
        r#"<script type="module" src="/selfcheck/selfcheck.js" integrity="{integrity}" crossorigin="anonymous"></script>
<self-check region="us" lang="en" practice-name="Your practice"
            practice-phone="555 010 2000" practice-url="https://example.org/contact">
  {us}
</self-check>"#
    );
    let automount = format!(
        r#"<div data-self-check data-region="uk" data-lang="en" data-practice-name="Your practice">
  {uk}
</div>
<script type="module" src="/selfcheck/selfcheck.js" integrity="{integrity}" crossorigin="anonymous"></script>"#
    );
    let iframe = r#"<iframe id="self-check-frame" title="Self-check"
        src="/selfcheck/embed.html?region=us&amp;lang=en&amp;practice-name=Your%20practice"
        style="width:100%;border:0" height="720" referrerpolicy="no-referrer"></iframe>
<script src="/selfcheck/iframe-host.js"></script>"#;
    let csp_cross = "default-src 'none'; script-src https://widgets.example.org 'wasm-unsafe-eval'; style-src https://widgets.example.org; img-src 'self'; connect-src https://widgets.example.org; require-trusted-types-for 'script'";
    Ok(format!(
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>selfcheck {version}: snippets</title>
</head>
<body>
<h1>selfcheck {version}: snippets</h1>
<p>Copy the folder <code>selfcheck-{version}/</code> to your site as <code>/selfcheck/</code>
(or change the paths below), then paste one of these.</p>

<h2>The &lt;self-check&gt; element (recommended)</h2>
<pre><code id="element">{element}</code></pre>

<h2>Auto-mount (site builders that strip unknown tags)</h2>
<pre><code id="automount">{automount}</code></pre>

<h2>iframe (site builders that allow only an embed)</h2>
<pre><code id="iframe">{iframe}</code></pre>

<h2>Subresource Integrity: what it covers</h2>
<p>The <code>integrity</code> hash covers <code>selfcheck.js</code> only:
<code id="integrity">{integrity}</code>. The loader then fetches the fingerprinted glue,
wasm and stylesheet and the content pack beside it; the browser does not check those
against a hash. Their file names change with their content, but if you serve the files
from a host you do not control, that host can change them. Serve the folder from your own
origin. If <code>selfcheck.js</code> is changed (or a different release is uploaded
without updating the snippet), the browser refuses it and the visitor sees the static
crisis contacts inside the element.</p>

<h2>Content-Security-Policy</h2>
<p>The widget needs no more than this (the folder on your own origin):</p>
<pre><code id="csp">{csp}</code></pre>
<p>Merge it with your site's policy: <code>'wasm-unsafe-eval'</code> in
<code>script-src</code> is the one addition most sites need. If the folder is served from
another origin, name it in <code>script-src</code>, <code>style-src</code> and
<code>connect-src</code>, for example:</p>
<pre><code id="csp-cross-origin">{csp_cross}</code></pre>
<p>The cross-origin server must send <code>Access-Control-Allow-Origin</code> for the files
(module scripts, the wasm and the packs are fetched in CORS mode).</p>
</body>
</html>
"#,
        element = esc(&element),
        automount = esc(&automount),
        iframe = esc(iframe),
        csp = esc(CSP),
        csp_cross = esc(csp_cross),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }
}
