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
    let glue = dir.join(&js);
    minify(&glue)?;
    shorten_names(&dir.join(&wasm), &glue)?;
    // The glue goes inside the loader, so the page's integrity attribute on selfcheck.js
    // covers it: a dynamic import() cannot carry a hash.
    let folded = fold(&std::fs::read_to_string(&glue).map_err(|e| e.to_string())?)?;
    std::fs::remove_file(&glue).map_err(|e| format!("{}: {e}", glue.display()))?;
    let pins = pins(dir, &[&wasm, &css])?;
    let loader = TEMPLATE
        .replace("__PACKS__", &manifest)
        .replace("__PINS__", &pins)
        .replace("__CSS__", &css)
        .replace("__WASM__", &wasm)
        .replace("__GLUE__", &folded);
    std::fs::write(dir.join("selfcheck.js"), loader).map_err(|e| e.to_string())?;
    minify(&dir.join("selfcheck.js"))?;
    write_fallbacks(dir)?;
    preload(
        dir,
        &wasm,
        &sri(&std::fs::read(dir.join(&wasm)).map_err(|e| e.to_string())?),
    )?;
    println!("xtask loader: wrote selfcheck.js for {js} (folded in), {wasm} and {css}");
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
    let today = selfcheck_flow::contacts::today(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
    );
    let data = selfcheck_flow::pipeline::Data::repository(&today)
        .map_err(|problems| problems.join("\n"))?;
    let built = selfcheck_flow::pipeline::build_all(&sources, &data)
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

/// `sha384-<base64>`, the form of an `integrity` attribute.
pub fn sri(bytes: &[u8]) -> String {
    use base64::Engine;
    use sha2::Digest;
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha384::digest(bytes))
    )
}

/// The loader's pins: a JS object from each file's path beside the loader (`names`, and
/// every file in `packs/`) to its URL, as a literal `new URL("./…", import.meta.url)` that
/// bundlers follow, and its [`sri`].
fn pins(dir: &Path, names: &[&str]) -> Result<String, String> {
    let mut files: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    let mut packs: Vec<String> = std::fs::read_dir(dir.join("packs"))
        .map_err(|e| format!("{}/packs: {e}", dir.display()))?
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .map(|n| format!("packs/{n}"))
        .collect();
    packs.sort();
    files.extend(packs);
    let pins: Result<Vec<String>, String> = files
        .iter()
        .map(|name| {
            let bytes = std::fs::read(dir.join(name)).map_err(|e| format!("{name}: {e}"))?;
            Ok(format!(
                "{name:?}:[new URL({:?},import.meta.url).href,{:?}]",
                format!("./{name}"),
                sri(&bytes)
            ))
        })
        .collect();
    Ok(format!("{{{}}}", pins?.join(",")))
}

/// The wasm-bindgen glue (an ES module) as one expression, to be placed inside the loader:
/// its body in a function that returns what it exported (`export class|function|const N`,
/// and the closing `export{a as b,…}`). Any other shape stops the build here, at the
/// cause (a wasm-bindgen upgrade), rather than at a broken page.
pub fn fold(glue: &str) -> Result<String, String> {
    let refused = |what: &str| {
        format!("xtask loader: cannot fold the glue into selfcheck.js ({what}); did wasm-bindgen's output change? The pinned version is in Trunk.toml")
    };
    let mut body = glue.trim().to_string();
    let mut exports: Vec<(String, String)> = Vec::new();
    // The export list, last in the file.
    if let Some(at) = body.rfind("export{") {
        let end = body[at..]
            .find('}')
            .ok_or_else(|| refused("an unclosed export list"))?
            + at;
        for item in body[at + 7..end]
            .split(',')
            .filter(|i| !i.trim().is_empty())
        {
            let mut words = item.split(" as ").map(str::trim);
            let local = words.next().unwrap_or_default().to_string();
            let public = words.next().map_or(local.clone(), str::to_string);
            exports.push((public, local));
        }
        let rest = body[end + 1..].trim_start_matches(';').trim();
        if !rest.is_empty() {
            return Err(refused("code after the export list"));
        }
        body.truncate(at);
    }
    for keyword in ["class ", "function ", "const ", "let "] {
        let marker = format!("export {keyword}");
        while let Some(at) = body.find(&marker) {
            let name: String = body[at + marker.len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '$')
                .collect();
            if name.is_empty() {
                return Err(refused("an export without a name"));
            }
            exports.push((name.clone(), name));
            body.replace_range(at..at + "export ".len(), "");
        }
    }
    if body.contains("export ") || body.contains("export{") || body.contains("export*") {
        return Err(refused("an export it does not know"));
    }
    if body.starts_with("import") || body.contains(";import ") || body.contains(";import{") {
        return Err(refused("an import"));
    }
    if !exports.iter().any(|(p, _)| p == "default") || !exports.iter().any(|(p, _)| p == "mount") {
        return Err(refused("no default init or no mount"));
    }
    // The glue's default wasm URL (never used: the loader passes the fetched wasm) must not
    // look to a bundler like a file to copy (`new URL("…", import.meta.url)`).
    let body = body.replace("import.meta.url", "document.baseURI");
    let fields: Vec<String> = exports.iter().map(|(p, l)| format!("{p}:{l}")).collect();
    Ok(format!(
        "(()=>{{{body}\n;return{{{}}}}})()",
        fields.join(",")
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

/// Adds a preload hint for the wasm to the demo and embed pages, so the browser fetches it
/// while it is still fetching selfcheck.js instead of one after the other. It carries the
/// loader's pin (`integrity`), so the loader's fetch can use what it fetched. Host pages
/// can add the same line; docs/embedding.md shows it.
fn preload(dir: &Path, wasm: &str, integrity: &str) -> Result<(), String> {
    let hints = format!(
        "<link rel=\"preload\" href=\"{wasm}\" as=\"fetch\" type=\"application/wasm\" crossorigin integrity=\"{integrity}\">"
    );
    for page in ["index.html", "embed.html", "element.html"] {
        let path = dir.join(page);
        let Ok(html) = std::fs::read_to_string(&path) else {
            continue;
        };
        if html.contains("rel=\"preload\"") {
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
    /// The glue folds into an expression that returns its exports; a shape it does not
    /// know stops the build.
    #[test]
    fn the_glue_folds_into_the_loader_or_the_build_stops() {
        let glue = "let R;export class Widget{f(){return R}}export function mount(e){return e+1}function O(){}async function W(n){n=new URL(\"x_bg.wasm\",import.meta.url);R=2}export{O as initSync,W as default};";
        let folded = super::fold(glue).unwrap();
        assert!(folded.starts_with("(()=>{let R;class Widget{"), "{folded}");
        assert!(folded.contains("function mount(e)"));
        assert!(!folded.contains("export"));
        assert!(!folded.contains("import.meta"), "{folded}");
        assert!(
            folded.ends_with("return{initSync:O,default:W,Widget:Widget,mount:mount}})()"),
            "{folded}"
        );
        for bad in [
            "export{O as default};",
            "export function mount(){}export default W;",
            "import x from \"./snippets/a.js\";export function mount(){}export{W as default};",
            "export function mount(){}export{W as default};console.log(1)",
        ] {
            assert!(super::fold(bad).is_err(), "{bad}");
        }
    }

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
