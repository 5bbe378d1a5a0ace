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
//! - `release/SHA256SUMS`: the SHA-256 of every artefact and of `snippets.html`.
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

use selfcheck_flow::snippets;

use crate::workspace::version;

/// The strictest policy the widget runs under (the e2e suite tests it).
pub const CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; connect-src 'self'; require-trusted-types-for 'script'";

/// The header file free static hosts read (Cloudflare Pages, Netlify: `_headers` at the
/// folder's root), for a practice that publishes the release folder there to embed
/// `embed.html` in an iframe-only site builder (Google Sites): the wasm's type, caching
/// (fingerprinted files for a year, the stable names revalidated), CORS for the files a
/// page on another origin fetches, and the iframe page framable.
pub const HEADERS: &str = "/*
  X-Content-Type-Options: nosniff
  Referrer-Policy: no-referrer
/*.wasm
  Content-Type: application/wasm
/selfcheck-*
  Cache-Control: public, max-age=31536000, immutable
  Access-Control-Allow-Origin: *
/selfcheck.js
  Cache-Control: no-cache
  Access-Control-Allow-Origin: *
/packs/*
  Cache-Control: no-cache
  Access-Control-Allow-Origin: *
";

/// Placeholder version in the packaging sources, replaced by the real one when packaged.
const DEV_VERSION: &str = "0.0.0-dev";

/// `cargo xtask release` with its arguments (after `release`): each artefact in turn, then
/// the snippets and the checksums.
pub fn run(root: &Path, args: &[String]) -> Result<(), String> {
    let options = Options::parse(root, args)?;
    let version = version(root)?;
    println!("xtask release: selfcheck {version}");
    if !options.allow_dirty {
        require_clean_tree(root)?;
    }
    let staging = root.join("target/release-staging");
    fresh_dir(&staging)?;
    let built = match options.from_dist {
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
    fresh_dir(&out)?;
    let widget = staging.join("widget");
    let integrity = versioned_widget(&built, &widget, &version)?;
    let release = Release {
        root,
        built: &built,
        staging: &staging,
        widget: &widget,
        out: &out,
        version: &version,
        licences: licence_files(root)?,
    };
    let artefacts = [
        release.plain_folder()?,
        release.npm_package()?,
        release.wordpress_plugin()?,
    ];
    fs::write(
        out.join("snippets.html"),
        snippets_html(&version, &integrity)?,
    )
    .map_err(|e| e.to_string())?;
    write_checksums(&out, &artefacts)?;
    print_summary(&out, &artefacts, &integrity);
    Ok(())
}

/// The arguments of `cargo xtask release`.
struct Options {
    /// `--allow-dirty`: package a working tree with uncommitted changes.
    allow_dirty: bool,
    /// `--from-dist DIR`: package this release build instead of building one.
    from_dist: Option<PathBuf>,
}

impl Options {
    fn parse(root: &Path, args: &[String]) -> Result<Options, String> {
        let mut options = Options {
            allow_dirty: false,
            from_dist: None,
        };
        let mut it = args.iter();
        while let Some(a) = it.next() {
            match a.as_str() {
                "--allow-dirty" => options.allow_dirty = true,
                "--from-dist" => {
                    let dir = it.next().ok_or("--from-dist wants a directory")?;
                    options.from_dist = Some(root.join(dir));
                }
                other => {
                    return Err(format!(
                        "release: unknown argument {other:?} (usage: cargo xtask release [--allow-dirty] [--from-dist DIR])"
                    ))
                }
            }
        }
        Ok(options)
    }
}

/// Refuses a working tree with uncommitted changes: a release is made from a commit.
fn require_clean_tree(root: &Path) -> Result<(), String> {
    let out = Command::new("git")
        .args(["status", "--porcelain"])
        .current_dir(root)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        return Err("git status failed (use --allow-dirty outside a git checkout)".into());
    }
    let dirty = String::from_utf8_lossy(&out.stdout);
    if dirty.trim().is_empty() {
        Ok(())
    } else {
        Err(format!(
            "the working tree has uncommitted changes; commit them or pass --allow-dirty:\n{dirty}"
        ))
    }
}

/// An empty directory at `dir`, whatever was there before.
fn fresh_dir(dir: &Path) -> Result<(), String> {
    remove(dir)?;
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))
}

/// The widget's files from the build into `widget`, with the version line at the top of the
/// loader; returns the loader's integrity, computed after that line is added.
fn versioned_widget(built: &Path, widget: &Path, version: &str) -> Result<String, String> {
    copy_widget(built, widget)?;
    let loader_path = widget.join("selfcheck.js");
    let loader = read(&loader_path)?;
    fs::write(&loader_path, format!("// selfcheck {version}\n{loader}"))
        .map_err(|e| e.to_string())?;
    let bytes = fs::read(&loader_path).map_err(|e| format!("{}: {e}", loader_path.display()))?;
    Ok(crate::loader::sri(&bytes))
}

/// One release in the making: where things are, and what every artefact carries.
struct Release<'a> {
    root: &'a Path,
    /// The release build (`dist/` or the staging build).
    built: &'a Path,
    /// `target/release-staging/`, where the artefacts are put together.
    staging: &'a Path,
    /// The widget's files with the versioned loader (`versioned_widget`).
    widget: &'a Path,
    /// `release/`.
    out: &'a Path,
    version: &'a str,
    /// The project's LICENSE* files, put in every artefact.
    licences: Vec<PathBuf>,
}

impl Release<'_> {
    /// The widget's files and the licences into `to`.
    fn widget_with_licences(&self, to: &Path) -> Result<(), String> {
        copy_dir(self.widget, to)?;
        for l in &self.licences {
            let name = l.file_name().ok_or("a licence file has no name")?;
            copy(l, &to.join(name))?;
        }
        Ok(())
    }

    /// 1. The plain folder (`release/selfcheck-<version>/`, with its README.txt and the
    ///    static hosts' `_headers`) and its zip; returns the zip's name.
    fn plain_folder(&self) -> Result<String, String> {
        let name = format!("selfcheck-{}", self.version);
        let folder = self.out.join(&name);
        self.widget_with_licences(&folder)?;
        fs::write(folder.join("README.txt"), readme_txt(self.version)?)
            .map_err(|e| e.to_string())?;
        fs::write(folder.join("_headers"), HEADERS).map_err(|e| e.to_string())?;
        let zipped = format!("{name}.zip");
        zip(self.out, &name, &self.out.join(&zipped))?;
        Ok(zipped)
    }

    /// 2. The npm package: packaging/npm/ with the version set, its types and element
    ///    manifest from the build (`npmtypes`), packed by `npm pack`; returns the tarball's
    ///    name.
    fn npm_package(&self) -> Result<String, String> {
        let npm = self.staging.join("npm");
        self.widget_with_licences(&npm)?;
        let pkg = self.root.join("packaging/npm");
        for f in ["package.json", "README.md", "index.d.ts"] {
            let text = read(&pkg.join(f))?.replace(DEV_VERSION, self.version);
            fs::write(npm.join(f), text).map_err(|e| e.to_string())?;
        }
        let versioned = format!("\"version\": \"{}\"", self.version);
        if !read(&npm.join("package.json"))?.contains(&versioned) {
            return Err("packaging/npm/package.json: no \"version\" to set".into());
        }
        crate::npmtypes::write(self.root, self.built, &npm, self.version)?;
        let status = Command::new("npm")
            .args(["pack", "--silent", "--pack-destination"])
            .arg(self.out)
            .current_dir(&npm)
            .status()
            .map_err(|e| format!("cannot run npm: {e}"))?;
        let tgz = format!("selfcheck-widget-{}.tgz", self.version);
        if !status.success() || !self.out.join(&tgz).is_file() {
            return Err(format!(
                "npm pack failed (expected {})",
                self.out.join(&tgz).display()
            ));
        }
        Ok(tgz)
    }

    /// 3. The WordPress plugin: packaging/wordpress/selfcheck/ with the version set, its
    ///    generated files, and the widget in `assets/`, zipped; returns the zip's name.
    fn wordpress_plugin(&self) -> Result<String, String> {
        let wp = self.staging.join("wordpress");
        let plugin = wp.join("selfcheck");
        copy_dir(&self.root.join("packaging/wordpress/selfcheck"), &plugin)?;
        for f in [
            "selfcheck.php",
            "readme.txt",
            "block/block.json",
            "block/index.asset.php",
        ] {
            let p = plugin.join(f);
            let text = read(&p)?;
            if !text.contains(DEV_VERSION) {
                return Err(format!(
                    "packaging/wordpress/selfcheck/{f}: no {DEV_VERSION} to replace"
                ));
            }
            fs::write(&p, text.replace(DEV_VERSION, self.version)).map_err(|e| e.to_string())?;
        }
        wordpress_generated(self.root, self.built, &plugin)?;
        copy_dir(self.widget, &plugin.join("assets"))?;
        for l in &self.licences {
            let name = l.file_name().ok_or("a licence file has no name")?;
            copy(l, &plugin.join(name))?;
        }
        let zipped = format!("selfcheck-wordpress-{}.zip", self.version);
        zip(&wp, "selfcheck", &self.out.join(&zipped))?;
        Ok(zipped)
    }
}

/// `release/SHA256SUMS`: every artefact and the snippets (they carry the integrity hash).
fn write_checksums(out: &Path, artefacts: &[String]) -> Result<(), String> {
    let mut sums = String::new();
    for a in artefacts
        .iter()
        .map(String::as_str)
        .chain(["snippets.html"])
    {
        let sum = hex(&digest("sha256sum", &out.join(a))?);
        sums.push_str(&format!("{sum}  {a}\n"));
    }
    fs::write(out.join("SHA256SUMS"), &sums).map_err(|e| e.to_string())
}

/// What was written, with sizes, and the loader's integrity.
fn print_summary(out: &Path, artefacts: &[String], integrity: &str) {
    println!("\nxtask release: wrote {}", out.display());
    for a in artefacts
        .iter()
        .map(String::as_str)
        .chain(["snippets.html", "SHA256SUMS"])
    {
        let size = fs::metadata(out.join(a)).map(|m| m.len()).unwrap_or(0);
        println!("  {a:<40} {:>8.1} KiB", size as f64 / 1024.0);
    }
    println!("  selfcheck.js integrity: {integrity}");
}

/// The plugin's generated files: `build-info.php` (flows, languages, regions and crisis
/// strips, from the build), the readme's changelog and source link, and
/// `languages/selfcheck.pot`. Nothing here is typed by hand.
fn wordpress_generated(root: &Path, dist: &Path, plugin: &Path) -> Result<(), String> {
    fs::write(plugin.join("build-info.php"), build_info(dist)?).map_err(|e| e.to_string())?;
    let readme_path = plugin.join("readme.txt");
    let readme = read(&readme_path)?;
    let repository = crate::workspace::field(root, "repository")?;
    if repository.is_none() {
        eprintln!("warning: no `repository` under [workspace.package] in Cargo.toml: the plugin's readme names no source URL");
    }
    let source = match &repository {
        Some(url) => format!("The source code, the flows and the build tools are at {url}"),
        None => "The source code, the flows and the build tools are in the selfcheck project's repository".into(),
    };
    for marker in ["@SOURCE@", "@CHANGELOG@"] {
        if !readme.contains(marker) {
            return Err(format!(
                "packaging/wordpress/selfcheck/readme.txt: no {marker} to replace"
            ));
        }
    }
    let changelog = read(&root.join("CHANGELOG.md"))?;
    let readme = readme
        .replace("@SOURCE@", &source)
        .replace("@CHANGELOG@", &readme_changelog(&changelog, 4000));
    fs::write(&readme_path, readme).map_err(|e| e.to_string())?;
    fs::create_dir_all(plugin.join("languages")).map_err(|e| e.to_string())?;
    fs::write(
        plugin.join("languages/selfcheck.pot"),
        pot(plugin, &version(root)?)?,
    )
    .map_err(|e| e.to_string())
}

/// A PHP single-quoted string literal.
fn php_str(s: &str) -> String {
    format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// `build-info.php`: what the plugin's block lists and shows, taken from the build. The
/// flows are the engine's (`data::FLOWS`, compiled for their ids and titles) with the
/// languages whose packs are in `dist/packs/`; the languages' names are `data/ui/`'s; the
/// regions and the crisis strips are the directory's, each strip rendered by
/// `markup::crisis_line` (the widget's own strip) in every language.
fn build_info(dist: &Path) -> Result<String, String> {
    use selfcheck_flow::{compile, data, markup, view};
    let packs = dist.join("packs");
    let mut out = String::from(
        "<?php\n/**\n * What this build holds, for the Self-check block and the static contacts.\n * Written by `cargo xtask release` from the build (flows, data/ui/, the crisis\n * directory, the engine's crisis strip): do not edit.\n *\n * @package Selfcheck\n */\n\nif ( ! defined( 'ABSPATH' ) ) {\n\texit;\n}\n\nreturn array(\n",
    );
    let mut flows = String::new();
    let mut default = None;
    for (name, src) in data::FLOWS {
        let compiled = compile::compile_toml(src)
            .map_err(|e| format!("flows/{name}: does not compile ({} errors)", e.len()))?;
        let flow = compiled.flow;
        let langs: Vec<&String> = flow
            .languages
            .iter()
            .filter(|l| packs.join(format!("{}.{l}.pack", flow.id)).is_file())
            .collect();
        if langs.is_empty() {
            continue;
        }
        default.get_or_insert_with(|| flow.id.clone());
        let titles: Vec<String> = flow
            .languages
            .iter()
            .enumerate()
            .map(|(i, l)| format!("{} => {}", php_str(l), php_str(flow.title.get(i))))
            .collect();
        let langs: Vec<String> = langs.iter().map(|l| php_str(l)).collect();
        flows += &format!(
            "\t\t{} => array(\n\t\t\t'titles' => array( {} ),\n\t\t\t'langs'  => array( {} ),\n\t\t),\n",
            php_str(&flow.id),
            titles.join(", "),
            langs.join(", ")
        );
    }
    let default =
        default.ok_or_else(|| format!("{} has no pack of a known flow", packs.display()))?;
    out += &format!(
        "\t'default_flow' => {},\n\t'flows'        => array(\n{flows}\t),\n",
        php_str(&default)
    );
    let uis = data::uis()?;
    let directory = data::directory()?;
    out += "\t'languages'    => array(\n";
    for ui in &uis {
        out += &format!("\t\t{} => {},\n", php_str(&ui.lang), php_str(&ui.name));
    }
    out += "\t),\n\t'regions'      => array(\n";
    for r in &directory.regions {
        let names: Vec<String> = directory
            .languages
            .iter()
            .enumerate()
            .map(|(i, l)| format!("{} => {}", php_str(l), php_str(r.name.get(i))))
            .collect();
        let aliases: Vec<String> = r.aliases.iter().map(|a| php_str(a)).collect();
        let aliases = match aliases.is_empty() {
            true => "array()".to_string(),
            false => format!("array( {} )", aliases.join(", ")),
        };
        out += &format!(
            "\t\t{} => array(\n\t\t\t'aliases' => {},\n\t\t\t'names'   => array( {} ),\n\t\t),\n",
            php_str(&r.code),
            aliases,
            names.join(", ")
        );
    }
    // The oldest `checked` date of the directory's contacts: the settings page says when
    // it is more than 12 months old (numbers change; an installed plugin must not keep an
    // old one quietly).
    let checked = directory
        .regions
        .iter()
        .flat_map(|r| r.contacts.iter().map(|c| c.checked.as_str()))
        .min()
        .unwrap_or_default();
    out += &format!("\t),\n\t'contacts_checked' => {},\n", php_str(checked));
    out += "\t'strips'       => array(\n";
    for ui in &uis {
        out += &format!("\t\t{} => array(\n", php_str(&ui.lang));
        let none = markup::Node::from(markup::crisis_line(ui, &[])).html();
        out += &format!("\t\t\t'' => {},\n", php_str(&none));
        for r in &directory.regions {
            let line = markup::crisis_line(ui, &view::strip(&directory, &r.code, ui));
            out += &format!(
                "\t\t\t{} => {},\n",
                php_str(&r.code),
                php_str(&markup::Node::from(line).html())
            );
        }
        out += "\t\t),\n";
    }
    out += "\t),\n);\n";
    Ok(out)
}

/// The readme's changelog from CHANGELOG.md: each `## [version]` section as `= version =`,
/// its `### Kind` headings in bold and each entry as one `*` line, relative links as their
/// text; sections until `limit` characters, then a pointer to the rest.
fn readme_changelog(md: &str, limit: usize) -> String {
    let mut out = String::new();
    let mut entry = String::new();
    let mut in_section = false;
    let mut truncated = false;
    let flush = |entry: &mut String, out: &mut String| {
        if !entry.is_empty() {
            out.push_str(&format!("* {}\n", unlink(entry.trim())));
            entry.clear();
        }
    };
    for line in md.lines() {
        if let Some(head) = line.strip_prefix("## ") {
            flush(&mut entry, &mut out);
            if out.len() > limit {
                truncated = true;
                break;
            }
            let head = head.trim();
            let name = head
                .strip_prefix('[')
                .and_then(|h| h.split_once(']'))
                .map_or(head, |(n, _)| n);
            out.push_str(&format!("\n= {name} =\n"));
            in_section = true;
        } else if !in_section || line.starts_with('[') {
            continue;
        } else if let Some(kind) = line.strip_prefix("### ") {
            flush(&mut entry, &mut out);
            out.push_str(&format!("**{}**\n", kind.trim()));
        } else if let Some(item) = line.strip_prefix("- ") {
            flush(&mut entry, &mut out);
            entry.push_str(item.trim());
        } else if !line.trim().is_empty() && !entry.is_empty() {
            entry.push(' ');
            entry.push_str(line.trim());
        } else {
            flush(&mut entry, &mut out);
        }
    }
    flush(&mut entry, &mut out);
    if truncated {
        out.push_str("\n= Older versions =\n* See CHANGELOG.md in the source.\n");
    }
    out.trim().to_string()
}

/// `[text](relative/path)` → `text`; links with a scheme stay.
fn unlink(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(open) = rest.find("](") {
        let Some(close) = rest[open..].find(')') else {
            break;
        };
        let target = &rest[open + 2..open + close];
        let Some(start) = rest[..open].rfind('[') else {
            break;
        };
        out.push_str(&rest[..start]);
        if target.contains("://") {
            out.push_str(&rest[start..open + close + 1]);
        } else {
            out.push_str(&rest[start + 1..open]);
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// `languages/selfcheck.pot`: every string the plugin passes to WordPress's translation
/// functions (PHP and the block's script) with the text domain `selfcheck`, and the block's
/// title and description, with their places and translators' comments.
fn pot(plugin: &Path, version: &str) -> Result<String, String> {
    const FUNCTIONS: [&str; 6] = [
        "__",
        "_e",
        "esc_html__",
        "esc_html_e",
        "esc_attr__",
        "esc_attr_e",
    ];
    // msgid → (context, places, comments), in first-seen order.
    let mut entries: Vec<(String, String, Vec<String>, Vec<String>)> = Vec::new();
    let mut add = |ctx: &str, id: String, place: String, comment: Option<String>| {
        if let Some(e) = entries.iter_mut().find(|e| e.0 == ctx && e.1 == id) {
            e.2.push(place);
            e.3.extend(comment);
        } else {
            entries.push((ctx.into(), id, vec![place], comment.into_iter().collect()));
        }
    };
    let mut files = vec![
        "selfcheck.php".to_string(),
        "block/render.php".into(),
        "block/index.js".into(),
    ];
    files.retain(|f| plugin.join(f).is_file());
    for f in &files {
        let text = read(&plugin.join(f))?;
        let bytes = text.as_bytes();
        for (at, _) in text.match_indices('(') {
            let name_start = text[..at]
                .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .map_or(0, |i| i + 1);
            if !FUNCTIONS.contains(&&text[name_start..at]) {
                continue;
            }
            let Some((id, end)) = quoted(&text, at + 1) else {
                continue;
            };
            let after = text[end..].trim_start();
            if !after.starts_with(',') || !after[1..].trim_start().starts_with("'selfcheck'") {
                continue;
            }
            let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
            // A translators' comment on this line or the one before.
            let line_start = text[..name_start].rfind('\n').map_or(0, |i| i + 1);
            let prev_start = text[..line_start.saturating_sub(1)]
                .rfind('\n')
                .map_or(0, |i| i + 1);
            let before = &text[prev_start..name_start];
            let comment = before.rfind("/* translators:").and_then(|c| {
                let body = &before[c + 3..];
                body.find("*/").map(|e| body[..e].trim().to_string())
            });
            add("", id, format!("{f}:{line}"), comment);
        }
    }
    let block = read(&plugin.join("block/block.json"))?;
    for (field, ctx) in [
        ("title", "block title"),
        ("description", "block description"),
    ] {
        let key = format!("\"{field}\": \"");
        if let Some(at) = block.find(&key) {
            let rest = &block[at + key.len()..];
            if let Some(end) = rest.find('"') {
                add(
                    ctx,
                    rest[..end].to_string(),
                    "block/block.json".into(),
                    None,
                );
            }
        }
    }
    let po = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
    let mut out = format!(
        "# Copyright (C) the selfcheck contributors\n# This file is distributed under the same licence as the Selfcheck plugin (MIT OR Apache-2.0).\n# Written by `cargo xtask release` from the plugin's files.\nmsgid \"\"\nmsgstr \"\"\n\"Project-Id-Version: Selfcheck {version}\\n\"\n\"MIME-Version: 1.0\\n\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\"Content-Transfer-Encoding: 8bit\\n\"\n\"X-Domain: selfcheck\\n\"\n"
    );
    for (ctx, id, places, comments) in &entries {
        out.push('\n');
        if let Some(c) = comments.first() {
            out += &format!("#. {c}\n");
        }
        out += &format!("#: {}\n", places.join(" "));
        if id.contains("%s") || id.contains("%1$s") {
            out += "#, php-format\n";
        }
        if !ctx.is_empty() {
            out += &format!("msgctxt \"{}\"\n", po(ctx));
        }
        out += &format!("msgid \"{}\"\nmsgstr \"\"\n", po(id));
    }
    Ok(out)
}

/// The single-quoted string starting at or after `from` (spaces skipped), unescaped
/// (`\'` and `\\`), and the index after its closing quote.
fn quoted(text: &str, from: usize) -> Option<(String, usize)> {
    let start = from + text[from..].len() - text[from..].trim_start().len();
    let mut chars = text[start..].char_indices();
    if chars.next()?.1 != '\'' {
        return None;
    }
    let mut s = String::new();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                let (_, n) = chars.next()?;
                if n != '\'' && n != '\\' {
                    s.push('\\');
                }
                s.push(n);
            }
            '\'' => return Some((s, start + i + 1)),
            c => s.push(c),
        }
    }
    None
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

/// Runs `sha256sum` (coreutils) on a file; returns the digest's bytes.
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
    let [(_, element), ..] = host_snippets(snippets::DEFAULT_BASE, None)?;
    let element: String = element.lines().map(|l| format!("  {l}\n")).collect();
    Ok(format!(
        "selfcheck {version}
==================

A private self-check for the website of a therapy practice: a few questions about someone
the visitor cares about, then tailored advice and crisis contacts. It runs entirely in the
visitor's browser: no request leaves the page after the widget's own files have loaded,
and nothing is stored.

Copy this folder to your site, for example as /selfcheck/, and add:

{element}
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

/// The example practice of the element snippet (snippets.html, README.txt,
/// docs/embedding.md): in the United States, with every practice field.
const EXAMPLE_US: &[(&str, &str)] = &[
    ("region", "us"),
    ("lang", "en"),
    ("practice-name", "Your practice"),
    ("practice-phone", "555 010 2000"),
    ("practice-url", "https://example.org/contact"),
];

/// The auto-mount's example: in the United Kingdom, with the practice's name.
const EXAMPLE_UK: &[(&str, &str)] = &[
    ("region", "uk"),
    ("lang", "en"),
    ("practice-name", "Your practice"),
];

/// The iframe's and the site builders' example: in the United States, with the practice's
/// name.
const EXAMPLE_SHORT: &[(&str, &str)] = &[
    ("region", "us"),
    ("lang", "en"),
    ("practice-name", "Your practice"),
];

/// The snippets a host pastes, loading the widget from `base`, the loader pinned by
/// `integrity` (none in the docs: the reader's build is their own), by the names both
/// snippets.html (`<code id>`) and docs/embedding.md (`<!-- snippet:NAME -->`) use: the
/// element, the auto-mount and the iframe, each written by the engine's `snippets`.
fn host_snippets(
    base: &str,
    integrity: Option<&str>,
) -> Result<[(&'static str, String); 3], String> {
    let us = static_contacts("us")?;
    let uk = static_contacts("uk")?;
    let embed = |settings: &'static [(&'static str, &'static str)], contacts| snippets::Embed {
        base,
        integrity,
        settings,
        contacts,
    };
    Ok([
        ("element", snippets::element(&embed(EXAMPLE_US, &us))),
        ("automount", snippets::automount(&embed(EXAMPLE_UK, &uk))),
        ("iframe", snippets::iframe(&embed(EXAMPLE_SHORT, ""))),
    ])
}

/// `md` (docs/embedding.md) with each marked block, from `<!-- snippet:NAME -->` to
/// `<!-- /snippet -->`, written anew as an `html` code block of that snippet of
/// [`host_snippets`] (from `/selfcheck/`, unpinned). Every snippet has a block; an unknown
/// name or a block left open is an error. (Used by the docs test alone.)
#[cfg(test)]
fn docs_with_snippets(md: &str) -> Result<String, String> {
    const OPEN: &str = "<!-- snippet:";
    const CLOSE: &str = "<!-- /snippet -->";
    let written = host_snippets(snippets::DEFAULT_BASE, None)?;
    let mut out = String::new();
    let mut rest = md;
    let mut seen = Vec::new();
    while let Some(at) = rest.find(OPEN) {
        let (name, after) = rest[at + OPEN.len()..]
            .split_once(" -->")
            .ok_or("docs: a snippet marker is not closed with \" -->\"")?;
        let end = after
            .find(CLOSE)
            .ok_or_else(|| format!("docs: snippet {name} has no {CLOSE}"))?;
        let (_, snippet) = written
            .iter()
            .find(|(n, _)| *n == name)
            .ok_or_else(|| format!("docs: no snippet is called {name:?}"))?;
        out.push_str(&rest[..at]);
        out.push_str(&format!("{OPEN}{name} -->\n```html\n{snippet}```\n{CLOSE}"));
        seen.push(name);
        rest = &after[end + CLOSE.len()..];
    }
    out.push_str(rest);
    let missing: Vec<&str> = written
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| !seen.contains(n))
        .collect();
    if missing.is_empty() {
        Ok(out)
    } else {
        Err(format!("docs: no block for the snippets {missing:?}"))
    }
}

/// Ready-to-paste snippets for site builders with nowhere to host files (Squarespace, Wix,
/// Webflow): the element from the versioned CDN URL, with the loader's SRI (which pins
/// every other file). Only once the package is on the public npm registry.
fn builder_snippets(version: &str, integrity: &str, contacts: &str) -> String {
    let base = snippets::cdn_base(version);
    let url = snippets::loader_url(&base);
    let element = esc(snippets::element(&snippets::Embed {
        base: &base,
        integrity: Some(integrity),
        settings: EXAMPLE_SHORT,
        contacts,
    })
    .trim_end());
    format!(
        r#"<h2>Site builders, from a CDN</h2>
<p>For sites with nowhere to host the folder. These work once <code>selfcheck-widget@{version}</code>
is published on the npm registry (the CDN serves npm packages); until then, host the folder
yourself (above). The CDN sees your visitors' IP addresses when they open the self-check:
for a mental-health page your own site is better. The URL names the exact version and the
<code>integrity</code> hash pins it, so it never changes under you, and never receives a
corrected number: install each new release's snippet.</p>
<h3>Squarespace (a Code block, set to HTML)</h3>
<pre><code id="squarespace">{element}</code></pre>
<h3>Webflow (an Embed element)</h3>
<pre><code id="webflow">{element}</code></pre>
<h3>Wix (Embed code → Custom element)</h3>
<p>Script URL <code id="wix-script">{url}</code>, tag name <code>self-check</code>, and the
attributes <code>region</code>, <code>lang</code>, <code>practice-name</code> as above. Wix
loads the script without an <code>integrity</code> attribute; prefer the Squarespace-style
Code embed (Embed code → Embed HTML) with the snippet above where the plan allows it.</p>"#,
        url = esc(&url),
    )
}

/// `snippets.html`: the host snippets pinned by the loader's `integrity`, the site
/// builders', what the integrity covers and the Content-Security-Policy.
fn snippets_html(version: &str, integrity: &str) -> Result<String, String> {
    let [element, automount, iframe] =
        host_snippets(snippets::DEFAULT_BASE, Some(integrity))?.map(|(_, s)| esc(s.trim_end()));
    let csp_cross = "default-src 'none'; script-src https://widgets.example.org 'wasm-unsafe-eval'; style-src https://widgets.example.org; img-src 'self'; connect-src https://widgets.example.org; require-trusted-types-for 'script'";
    let builders = builder_snippets(version, integrity, &static_contacts("us")?);
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

{builders}

<h2>Subresource Integrity: what it covers</h2>
<p>The <code>integrity</code> hash pins <code>selfcheck.js</code>:
<code id="integrity">{integrity}</code>. The loader carries the widget's glue inside it
and the sha384 of every other file of this release it fetches (the wasm, the stylesheet,
each content pack and first screen), and the browser refuses any of them that differs. So
a copy changed on its way (a CDN or a host you do not control, a crisis number edited in a
pack) never runs: the visitor sees the static crisis contacts inside the element, and the
console names the file. A pack you made yourself for your own flow is not in the release's
list: it loads unpinned, and the widget re-checks its safety rules before running it.</p>

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
        csp = esc(CSP),
        csp_cross = esc(csp_cross),
    ))
}

#[cfg(test)]
mod tests {
    /// The plugin readme's changelog: versions as `= v =`, one `*` line per entry, relative
    /// links as text, and a pointer to the rest past the limit.
    #[test]
    fn the_readme_changelog_comes_from_changelog_md() {
        let md = "# Changelog\n\nIntro [x](y).\n\n## [Unreleased]\n\n### Added\n\n- **One.** Two\n  lines, see [docs](docs/a.md) and [site](https://example.org).\n- Three.\n\n## [0.1.0]\n\n- Old.\n\n[0.1.0]: https://example.org/compare\n";
        assert_eq!(
            super::readme_changelog(md, 10_000),
            "= Unreleased =\n**Added**\n* **One.** Two lines, see docs and [site](https://example.org).\n* Three.\n\n= 0.1.0 =\n* Old."
        );
        let short = super::readme_changelog(md, 10);
        assert!(
            short.starts_with("= Unreleased =")
                && short.ends_with("= Older versions =\n* See CHANGELOG.md in the source.")
        );
        assert!(!short.contains("= 0.1.0 ="));
    }

    /// PHP string literals and the .pot's reading of PHP's single-quoted strings.
    #[test]
    fn php_strings_round_trip() {
        assert_eq!(super::php_str(r"it's a \ path"), r"'it\'s a \\ path'");
        let text = r"__( 'The settings page\'s (%s)', 'selfcheck' )";
        let (s, end) = super::quoted(text, 3).unwrap();
        assert_eq!(s, "The settings page's (%s)");
        assert_eq!(&text[end..], ", 'selfcheck' )");
    }

    /// The integrity attribute of the release's snippets and the loader's pins: sha384 in
    /// base64, checked against other implementations' results.
    #[test]
    fn the_integrity_hash_is_sha384_in_base64() {
        assert_eq!(
            crate::loader::sri(b""),
            "sha384-OLBgp1GsljhM2TJ+sbHjaiH9txEUvgdDTAzHv2P24donTt6/529l+9Ua0vFImLlb"
        );
        // Python's hashlib and base64 on the same bytes.
        assert_eq!(
            crate::loader::sri(b"alert(1)"),
            "sha384-HT2E9NfWiuQ/w1PRai+hTyqW16NIoCGA/m8VQDUopfAtcz6YQjtsMmQd5uRbVDpW"
        );
    }

    /// The site builders' snippets name the exact version on the CDN with the loader's
    /// hash, and show as text (escaped), never run inside snippets.html.
    #[test]
    fn the_site_builders_snippets_pin_the_version_and_are_escaped() {
        let html =
            super::builder_snippets("1.2.3", "sha384-abc", "<p><a href=\"tel:911\">911</a></p>");
        for id in ["squarespace", "webflow", "wix-script"] {
            assert!(html.contains(&format!("id=\"{id}\"")), "{id}");
        }
        assert!(html.contains("https://cdn.jsdelivr.net/npm/selfcheck-widget@1.2.3/selfcheck.js"));
        assert_eq!(html.matches("integrity=&quot;sha384-abc&quot;").count(), 2);
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;a href=&quot;tel:911&quot;&gt;"));
        assert!(html.contains("once <code>selfcheck-widget@1.2.3</code>"));
    }

    /// docs/embedding.md's snippet blocks (`<!-- snippet:NAME -->` … `<!-- /snippet -->`)
    /// are the ones the release writes, from the engine's `snippets` (unpinned: a reader's
    /// build is their own). A difference fails with a diff; `UPDATE_EXPECT=1 cargo test -p
    /// xtask docs_snippets` rewrites the blocks.
    #[test]
    fn the_docs_snippets_are_the_ones_the_release_writes() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/embedding.md");
        let md = std::fs::read_to_string(&path).unwrap();
        let regenerated = super::docs_with_snippets(&md).unwrap();
        expect_test::expect_file!["../../docs/embedding.md"].assert_eq(&regenerated);
    }

    /// The blocks are found by their markers, written as `html` code, and every snippet
    /// needs one; an unknown name is an error.
    #[test]
    fn the_docs_snippet_blocks_are_rewritten_between_their_markers() {
        let md = "a\n<!-- snippet:element -->\nold\n<!-- /snippet -->\nb\n<!-- snippet:automount --><!-- /snippet -->\n<!-- snippet:iframe -->\n<!-- /snippet -->\n";
        let out = super::docs_with_snippets(md).unwrap();
        assert!(out.starts_with("a\n<!-- snippet:element -->\n```html\n<script type=\"module\" src=\"/selfcheck/selfcheck.js\"></script>\n<self-check region=\"us\""), "{out}");
        assert!(!out.contains("old"));
        assert!(
            out.contains("</self-check>\n```\n<!-- /snippet -->\nb\n"),
            "{out}"
        );
        assert!(out.contains("<iframe id=\"self-check-frame\""), "{out}");
        assert_eq!(
            super::docs_with_snippets(&out).unwrap(),
            out,
            "rewriting is stable"
        );
        let partial = "<!-- snippet:element -->\n<!-- /snippet -->\n";
        assert!(super::docs_with_snippets(partial)
            .unwrap_err()
            .contains("automount"));
        let unknown = format!("{md}<!-- snippet:nope -->\n<!-- /snippet -->\n");
        assert!(super::docs_with_snippets(&unknown)
            .unwrap_err()
            .contains("nope"));
    }

    /// snippets.html shows each host snippet as text, pinned, and the iframe's with the id
    /// `iframe-host.js` looks for and no inline height (which would keep the frame short).
    #[test]
    fn the_release_snippets_are_pinned_escaped_and_fit_the_frame() {
        let html = super::snippets_html("1.2.3", "sha384-abc").unwrap();
        for id in [
            "element",
            "automount",
            "iframe",
            "squarespace",
            "webflow",
            "integrity",
        ] {
            assert!(html.contains(&format!("<code id=\"{id}\">")), "{id}");
        }
        // The element, the auto-mount, Squarespace and Webflow load the pinned loader.
        assert_eq!(
            html.matches("integrity=&quot;sha384-abc&quot; crossorigin=&quot;anonymous&quot;")
                .count(),
            4
        );
        assert!(html.contains("&lt;iframe id=&quot;self-check-frame&quot;"));
        assert!(html.contains("&lt;script src=&quot;/selfcheck/iframe-host.js&quot;&gt;"));
        assert!(!html.contains("height:"));
        let body = &html[html.find("<body>").unwrap()..];
        assert!(!body.contains("<script"), "{body}");
    }

    /// The static host's header file serves the wasm as wasm, lets a page on another
    /// origin fetch the widget's files, and caches only the fingerprinted ones for good.
    #[test]
    fn the_header_file_types_the_wasm_and_caches_only_fingerprinted_files() {
        let rules: Vec<(&str, Vec<&str>)> = super::HEADERS
            .split('\n')
            .filter(|l| !l.is_empty())
            .fold(Vec::new(), |mut v, l| {
                match l.strip_prefix("  ") {
                    Some(h) => v.last_mut().unwrap().1.push(h),
                    None => v.push((l, Vec::new())),
                }
                v
            });
        let of = |path: &str| {
            rules
                .iter()
                .find(|(p, _)| *p == path)
                .map(|(_, h)| h.clone())
                .unwrap()
        };
        assert!(of("/*.wasm").contains(&"Content-Type: application/wasm"));
        assert!(of("/selfcheck-*").iter().any(|h| h.contains("immutable")));
        for stable in ["/selfcheck.js", "/packs/*"] {
            assert!(of(stable).contains(&"Cache-Control: no-cache"), "{stable}");
            assert!(
                of(stable).contains(&"Access-Control-Allow-Origin: *"),
                "{stable}"
            );
        }
    }
}
