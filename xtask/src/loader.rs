//! Writes `selfcheck.js`, the stable loader a host page includes, beside the fingerprinted
//! files Trunk built. Runs as Trunk's post-build hook, so `trunk build` and `trunk serve`
//! (and so `cargo xtask demo`) both produce it.

use std::path::Path;
use std::process::Command;

const TEMPLATE: &str = include_str!("loader.js");

/// Fills the loader template with the built file names, minifies it and the wasm-bindgen
/// glue (when terser is installed; Trunk's own minifier cannot parse the glue), and
/// shortens the names between the glue and the wasm.
pub fn write(dir: &Path) -> Result<(), String> {
    let names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    let find = |pred: &dyn Fn(&str) -> bool, what: &str| {
        names
            .iter()
            .find(|n| pred(n))
            .cloned()
            .ok_or_else(|| format!("no {what} in {}", dir.display()))
    };
    let wasm = find(
        &|n| n.starts_with("selfcheck-widget") && n.ends_with("_bg.wasm"),
        "widget .wasm",
    )?;
    let js = find(
        &|n| n.starts_with("selfcheck-widget") && n.ends_with(".js"),
        "widget .js",
    )?;
    let css = find(
        &|n| {
            n.starts_with("selfcheck-") && !n.starts_with("selfcheck-widget") && n.ends_with(".css")
        },
        "widget .css",
    )?;
    let manifest = packs(dir)?;
    let loader = TEMPLATE
        .replace("__PACKS__", &manifest)
        .replace("__CSS__", &css)
        .replace("__JS__", &js)
        .replace("__WASM__", &wasm);
    std::fs::write(dir.join("selfcheck.js"), loader).map_err(|e| e.to_string())?;

    let glue = dir.join(&js);
    minify(&glue)?;
    minify(&dir.join("selfcheck.js"))?;
    shorten_names(&dir.join(&wasm), &glue)?;
    write_fallbacks(dir)?;
    preload(dir, &js, &wasm)?;
    println!("xtask loader: wrote selfcheck.js for {js}, {wasm} and {css}");
    println!("xtask loader: a host page needs no more than this Content-Security-Policy (add the widget's origin if it is served from elsewhere):");
    println!("  default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; connect-src 'self'; require-trusted-types-for 'script'");
    Ok(())
}

/// Checks, proves and packs every flow in `flows/` (the default flow first) into
/// `dir/packs/`, one pack per flow and language. Returns the manifest the loader carries:
/// `{"default":"<id>","flows":{"<id>":["en",…],…}}`, so it can fetch the right pack
/// without asking the server first.
pub fn packs(dir: &Path) -> Result<String, String> {
    // The flows as the engine's data module embeds them (flows/*.toml, the default first).
    let flows = selfcheck_flow::data::FLOWS;
    if flows.first().map(|(name, _)| *name) != Some("default.toml") {
        return Err("flows/default.toml is missing: the widget needs a default flow".into());
    }
    let sources: Vec<(String, String)> = flows
        .iter()
        .map(|(name, src)| (format!("flows/{name}"), src.to_string()))
        .collect();
    let uis = selfcheck_flow::data::uis()?;
    let directory = selfcheck_flow::data::directory()?;
    let vocab = selfcheck_flow::data::vocab()?;
    let today = selfcheck_flow::contacts::today(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
    );
    let built = selfcheck_flow::pack::build_all(&sources, &uis, &vocab, &directory, &today)
        .map_err(|problems| problems.join("\n"))?;
    for w in &built.warnings {
        eprintln!("warning: {w}");
    }
    let out = dir.join("packs");
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    // Each pack, and beside it its first screen for a mount without a pre-rendered one.
    for (name, bytes) in built.files() {
        std::fs::write(out.join(name), bytes).map_err(|e| format!("{name}: {e}"))?;
    }
    let flows: Vec<String> = built
        .flows
        .iter()
        .map(|(id, langs)| {
            let langs: Vec<String> = langs.iter().map(|l| format!("{l:?}")).collect();
            format!("{id:?}:[{}]", langs.join(","))
        })
        .collect();
    println!(
        "xtask loader: {} packs for {} flows in {}",
        built.packs.len(),
        built.flows.len(),
        out.display()
    );
    Ok(format!(
        "{{\"default\":{:?},\"flows\":{{{}}}}}",
        built.flows[0].0,
        flows.join(",")
    ))
}

/// Minifies a JS module in place with terser, when it is installed.
fn minify(file: &Path) -> Result<(), String> {
    let minified = Command::new("terser")
        .arg(file)
        .args(["--module", "--compress", "--mangle", "--output"])
        .arg(file)
        .status();
    match minified {
        Ok(s) if s.success() => Ok(()),
        Ok(_) => Err(format!("terser could not minify {}", file.display())),
        Err(_) => {
            eprintln!(
                "xtask loader: terser is not installed; {} stays unminified (run `npm ci` in e2e/)",
                file.display()
            );
            Ok(())
        }
    }
}

/// Renames the wasm's imports and internal exports to short names in the wasm and the
/// glue (see `shrink`).
fn shorten_names(wasm: &Path, glue: &Path) -> Result<(), String> {
    let read_err = |p: &Path, e: std::io::Error| format!("cannot read {}: {e}", p.display());
    let module = std::fs::read(wasm).map_err(|e| read_err(wasm, e))?;
    let js = std::fs::read_to_string(glue).map_err(|e| read_err(glue, e))?;
    // A pass that cannot apply stops the build here, at the cause (a wasm-bindgen upgrade
    // that changed the glue's shape), not later as a size-budget failure.
    let refused = |what: &str, e: String| {
        format!("xtask loader: cannot shorten the {what} names ({e}); did wasm-bindgen's output change? The pinned version is in Trunk.toml; `cargo test -p xtask golden` shows the difference")
    };
    let (module, js) = crate::shrink::imports(&module, &js).map_err(|e| refused("import", e))?;
    let (module, js) = crate::shrink::exports(&module, &js).map_err(|e| refused("export", e))?;
    std::fs::write(wasm, module).map_err(|e| e.to_string())?;
    std::fs::write(glue, js).map_err(|e| e.to_string())
}

/// Where the iframe page (`pages/embed.html`) has its static crisis contacts written.
const FALLBACKS: &str = "<!-- crisis-fallbacks -->";

/// The iframe page's own crisis contacts, shown until the widget starts and if it cannot:
/// every region's emergency number, for a page with no region, an unknown one or no
/// script; and each region's crisis line (hidden), which `embed.js` shows instead for the
/// URL's `region`, matched as the engine matches it (any case, aliases too). From the
/// directory through the engine's renderings (`markup::crisis_line`,
/// `markup::emergency_numbers`), in English like the release's snippets.
pub fn fallbacks() -> Result<String, String> {
    use selfcheck_flow::markup::{self, El, Node};
    use selfcheck_flow::{data, view};
    let uis = data::uis()?;
    let ui = uis
        .iter()
        .find(|u| u.lang == "en")
        .ok_or("data/ui/ has no English words")?;
    let directory = data::directory()?;
    let block = |codes: &str, children: Vec<Node>| {
        let el = El::new("div", "sc-fallback")
            .attr("role", "note")
            .attr("data-region-codes", codes);
        let el = if codes.is_empty() {
            el
        } else {
            el.attr("hidden", "hidden")
        };
        Node::from(el.children(children)).html()
    };
    let numbers = view::emergency_numbers(&directory, ui);
    let mut out = block(
        "",
        vec![
            markup::crisis_line(ui, &[]).into(),
            markup::emergency_numbers(ui, &numbers).into(),
        ],
    );
    for r in &directory.regions {
        let codes: Vec<&str> = std::iter::once(&r.code)
            .chain(&r.aliases)
            .map(String::as_str)
            .collect();
        let line = markup::crisis_line(ui, &view::strip(&directory, &r.code, ui));
        out += "\n";
        out += &block(&codes.join(" "), vec![line.into()]);
    }
    Ok(out)
}

/// Writes [`fallbacks`] into the built `embed.html`, in place of its marker.
fn write_fallbacks(dir: &Path) -> Result<(), String> {
    let path = dir.join("embed.html");
    let Ok(html) = std::fs::read_to_string(&path) else {
        return Ok(());
    };
    if !html.contains(FALLBACKS) {
        // Written already (a second run of the hook), or the marker is gone: the page
        // would show no number before the widget starts.
        return match html.contains("data-region-codes") {
            true => Ok(()),
            false => Err(format!("{} has no {FALLBACKS}", path.display())),
        };
    }
    let html = html.replacen(FALLBACKS, &fallbacks()?, 1);
    std::fs::write(&path, html).map_err(|e| format!("{}: {e}", path.display()))
}

/// Adds preload hints for the glue and the wasm to the demo and embed pages, so the browser
/// fetches them while it is still fetching selfcheck.js instead of one after the other.
/// Host pages can add the same two lines; docs/embedding.md shows them.
fn preload(dir: &Path, js: &str, wasm: &str) -> Result<(), String> {
    let hints = format!(
        "<link rel=\"modulepreload\" href=\"{js}\"><link rel=\"preload\" href=\"{wasm}\" as=\"fetch\" type=\"application/wasm\" crossorigin>"
    );
    for page in ["index.html", "embed.html", "element.html"] {
        let path = dir.join(page);
        let Ok(html) = std::fs::read_to_string(&path) else {
            continue;
        };
        if html.contains("rel=\"modulepreload\"") {
            continue;
        }
        let Some(at) = html.find("</head>") else {
            continue;
        };
        let html = format!("{}{hints}{}", &html[..at], &html[at..]);
        std::fs::write(&path, html).map_err(|e| e.to_string())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    /// The iframe page's fallbacks: every region's emergency number shown (no script), each
    /// region's own strip hidden for `embed.js` to pick, and no number but the directory's.
    #[test]
    fn the_iframe_pages_fallbacks_come_from_the_directory() {
        let html = super::fallbacks().unwrap();
        let directory = selfcheck_flow::data::directory().unwrap();
        let blocks: Vec<&str> = html.split("<div class=\"sc-fallback\"").skip(1).collect();
        assert_eq!(blocks.len(), 1 + directory.regions.len());
        assert!(blocks[0].starts_with(" role=\"note\" data-region-codes=\"\">"));
        assert!(blocks[0].contains("call your local emergency number"));
        assert!(blocks[0].contains("112 works from any phone"));
        for (r, block) in directory.regions.iter().zip(&blocks[1..]) {
            assert!(
                block.contains(&format!("data-region-codes=\"{}", r.code)),
                "{block}"
            );
            assert!(block.contains(" hidden=\"hidden\">"));
            let tel = r.contacts[0].tel.as_deref().unwrap();
            assert!(blocks[0].contains(&format!("href=\"tel:{tel}\"")));
            assert!(block.contains(&format!("href=\"tel:{tel}\"")));
        }
        assert!(html.contains("data-region-codes=\"uk gb\""));
        let known: Vec<&str> = directory
            .regions
            .iter()
            .flat_map(|r| r.contacts.iter().filter_map(|c| c.tel.as_deref()))
            .collect();
        for at in html.split("href=\"tel:").skip(1) {
            let tel = at.split('"').next().unwrap();
            assert!(known.contains(&tel), "tel:{tel}");
        }
    }
}
