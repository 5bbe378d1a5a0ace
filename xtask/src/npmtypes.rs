//! The npm package's generated files, written by `cargo xtask release` into the staged
//! package (after `packaging/npm/` has been copied there):
//!
//! - `index.d.ts`: `packaging/npm/index.d.ts` with its `__…__` placeholders filled from the
//!   build, so that the element's `region`, `lang` and `flow` are literal unions and a typo
//!   (`region="uss"`) is a type error: the regions and their aliases from the crisis
//!   directory (data/crisis-contacts.toml, read by the engine), the flows and languages of
//!   the packs the build wrote (flows/, compiled by the engine), and one property per
//!   setting the element reads (`selfcheck_flow::view::SETTINGS`);
//! - `custom-elements.json`: the element described in the Custom Elements Manifest format
//!   (schema 2.1), for editors and documentation tools, from the same lists;
//! - `package.json`: `repository`, `homepage` and `bugs` from `[workspace.package]` in the
//!   root Cargo.toml (`repository`, and `homepage` if set), when it names them.

use std::fs;
use std::path::Path;

use serde_json::{json, Value};

/// What each setting is, for the types' doc comments and the manifest. Every name in
/// `view::SETTINGS` needs a line here (checked), so a new setting cannot ship untyped.
const ABOUT: &[(&str, &str)] = &[
    ("flow", "The flow: one this release built (the default when unset), or a practice's own pack (`<flow>.<lang>.pack`, see `setBase`)."),
    ("lang", "The language, e.g. `en` or `fr-CA` (read as `fr`); without it, the visitor's browser language if the flow has it, else the flow's first."),
    ("region", "Whose crisis contacts to show (lower case; `gb` is the ISO alias of `uk`). Without it: \"call your local emergency number\" and a region picker."),
    ("practice-name", "The practice named on every result (\"To talk with us: …\")."),
    ("practice-phone", "The practice's phone number as written; shown as a `tel:` link."),
    ("practice-url", "The practice's contact page; an `https:` URL, anything else is ignored."),
    ("exit-url", "Where \"Leave this page quickly\" goes; an `https:` URL with a host, else a neutral site."),
];

/// The build's lists the types are made from.
struct Lists {
    /// Region codes and their aliases, with the region's English name.
    regions: Vec<(String, String)>,
    /// Flow ids with their English (or first) title and the languages packed.
    flows: Vec<(String, String, Vec<String>)>,
    /// Every language some flow was packed in, in first-seen order.
    langs: Vec<String>,
}

fn lists(dist: &Path) -> Result<Lists, String> {
    use selfcheck_flow::{compile, data};
    let directory = data::directory()?;
    let en = directory.lang("en").unwrap_or(0);
    let mut regions = Vec::new();
    for r in &directory.regions {
        let name = r.name.get(en).to_string();
        regions.push((r.code.clone(), name.clone()));
        for a in &r.aliases {
            regions.push((a.clone(), format!("{name} (alias of `{}`)", r.code)));
        }
    }
    let packs = dist.join("packs");
    let mut flows = Vec::new();
    let mut langs: Vec<String> = Vec::new();
    for (name, src) in data::FLOWS {
        let flow = compile::compile_toml(src)
            .map_err(|e| format!("flows/{name}: does not compile ({} errors)", e.len()))?
            .flow;
        let packed: Vec<String> = flow
            .languages
            .iter()
            .filter(|l| packs.join(format!("{}.{l}.pack", flow.id)).is_file())
            .cloned()
            .collect();
        if packed.is_empty() {
            continue;
        }
        let title = flow
            .languages
            .iter()
            .position(|l| l == "en")
            .map_or_else(|| flow.title.get(0), |i| flow.title.get(i))
            .to_string();
        for l in &packed {
            if !langs.contains(l) {
                langs.push(l.clone());
            }
        }
        flows.push((flow.id.clone(), title, packed));
    }
    if regions.is_empty() || flows.is_empty() {
        return Err(format!(
            "npm types: no regions or no packed flows (in {})",
            packs.display()
        ));
    }
    Ok(Lists {
        regions,
        flows,
        langs,
    })
}

/// A TypeScript (and JSON) string literal.
fn lit(s: &str) -> String {
    Value::from(s).to_string()
}

/// A doc comment's text, safe inside `/** … */`.
fn doc(s: &str) -> String {
    s.replace("*/", "*\\/")
}

fn about(setting: &str) -> Result<&'static str, String> {
    ABOUT
        .iter()
        .find(|(n, _)| *n == setting)
        .map(|(_, d)| *d)
        .ok_or_else(|| {
            format!("npm types: setting {setting:?} (view::SETTINGS) has no description in xtask/src/npmtypes.rs ABOUT")
        })
}

/// The TypeScript type of a setting's value.
fn ts_type(setting: &str) -> &'static str {
    match setting {
        "flow" => "SelfCheckFlow",
        "lang" => "SelfCheckLang",
        "region" => "SelfCheckRegion",
        _ => "string",
    }
}

/// `index.d.ts` from its template: `__REGIONS__`, `__LANGUAGES__`, `__FLOWS__`,
/// `__FLOW_LANGUAGES__` and `__ATTRIBUTES__` filled in.
fn types(template: &str, lists: &Lists) -> Result<String, String> {
    let union = |items: Vec<String>| {
        items
            .iter()
            .map(|i| format!("\n  | {i}"))
            .collect::<String>()
    };
    let regions = union(
        lists
            .regions
            .iter()
            .map(|(code, name)| format!("{} /* {} */", lit(code), doc(name)))
            .collect(),
    );
    let langs = union(lists.langs.iter().map(|l| lit(l)).collect());
    let flows: String = lists
        .flows
        .iter()
        .map(|(id, title, _)| format!("\n  /** {} */\n  {}: true;", doc(title), lit(id)))
        .collect();
    let flow_langs: String = lists
        .flows
        .iter()
        .map(|(id, _, langs)| {
            let l: Vec<String> = langs.iter().map(|l| lit(l)).collect();
            format!("\n  {}: {};", lit(id), l.join(" | "))
        })
        .collect();
    let mut attributes = String::new();
    for s in selfcheck_flow::view::SETTINGS {
        attributes += &format!(
            "\n  /** {} */\n  {}?: {};",
            doc(about(s)?),
            lit(s),
            ts_type(s)
        );
    }
    let mut out = template.to_string();
    for (marker, value) in [
        ("__REGIONS__", regions),
        ("__LANGUAGES__", langs),
        ("__FLOWS__", flows + "\n"),
        ("__FLOW_LANGUAGES__", flow_langs + "\n"),
        ("__ATTRIBUTES__", attributes + "\n"),
    ] {
        if !out.contains(marker) {
            return Err(format!("packaging/npm/index.d.ts: no {marker} to fill"));
        }
        out = out.replace(marker, &value);
    }
    if let Some(at) = out.find("__") {
        let rest = &out[at + 2..];
        if let Some(end) = rest.find("__") {
            let name = &rest[..end];
            if !name.is_empty() && name.bytes().all(|b| b.is_ascii_uppercase() || b == b'_') {
                return Err(format!(
                    "packaging/npm/index.d.ts: unknown placeholder __{name}__"
                ));
            }
        }
    }
    Ok(out)
}

/// `custom-elements.json` (https://github.com/webcomponents/custom-elements-manifest).
fn manifest(lists: &Lists, version: &str) -> Result<Value, String> {
    let union = |items: Vec<&String>| -> String {
        items.iter().map(|i| lit(i)).collect::<Vec<_>>().join(" | ")
    };
    let mut attributes = Vec::new();
    for s in selfcheck_flow::view::SETTINGS {
        let text = match s {
            "flow" => union(lists.flows.iter().map(|f| &f.0).collect()) + " | string",
            "lang" => union(lists.langs.iter().collect()),
            "region" => union(lists.regions.iter().map(|r| &r.0).collect()),
            _ => "string".into(),
        };
        attributes.push(json!({ "name": s, "description": about(s)?, "type": { "text": text } }));
    }
    Ok(json!({
        "schemaVersion": "2.1.0",
        "readme": "README.md",
        "modules": [{
            "kind": "javascript-module",
            "path": "selfcheck.js",
            "declarations": [
                {
                    "kind": "class",
                    "name": "SelfCheckElement",
                    "customElement": true,
                    "tagName": "self-check",
                    "superclass": { "name": "HTMLElement" },
                    "summary": format!("selfcheck {version}: a private self-check with tailored advice and crisis contacts, run in the visitor's browser."),
                    "description": "Defined when selfcheck.js is imported. Its children are its static contacts: they show until the widget has loaded, and stay if it cannot (no wasm, no pack, a failed check).",
                    "attributes": attributes,
                    "slots": [{ "name": "", "description": "The static crisis contacts, shown until the widget runs and whenever it cannot." }],
                    "cssParts": [{ "name": "widget", "description": "The widget's root inside the shadow root." }]
                },
                {
                    "kind": "function",
                    "name": "setBase",
                    "description": "The folder a practice's own packs (`<flow>.<lang>.pack`, for flows this build does not have) load from; call it before the elements are in the document. The release's own files always load from beside selfcheck.js.",
                    "parameters": [{ "name": "url", "type": { "text": "string | URL" } }],
                    "return": { "type": { "text": "void" } }
                }
            ],
            "exports": [
                { "kind": "custom-element-definition", "name": "self-check", "declaration": { "name": "SelfCheckElement", "module": "selfcheck.js" } },
                { "kind": "js", "name": "setBase", "declaration": { "name": "setBase", "module": "selfcheck.js" } }
            ]
        }]
    }))
}

/// `"repository"`, `"homepage"` and `"bugs"` inserted after the `"license"` line of
/// `package.json`, from the root Cargo.toml's `[workspace.package]` `repository` (and
/// `homepage`, else the repository). Unchanged, with a warning, when it names none.
fn package_json(text: &str, repository: Option<&str>, homepage: Option<&str>) -> String {
    let Some(repo) = repository.map(|r| r.trim_end_matches('/')) else {
        eprintln!("warning: no `repository` under [workspace.package] in Cargo.toml: the npm package names no repository, homepage or bugs URL");
        return text.to_string();
    };
    if text.contains("\"repository\"") {
        return text.to_string();
    }
    let home = homepage.unwrap_or(repo);
    let fields = format!(
        "  \"repository\": {{ \"type\": \"git\", \"url\": {} }},\n  \"homepage\": {},\n  \"bugs\": {{ \"url\": {} }},\n",
        lit(&format!("git+{repo}.git")),
        lit(home),
        lit(&format!("{repo}/issues"))
    );
    let Some(at) = text.find("\n  \"license\"") else {
        return text.to_string();
    };
    let end = text[at + 1..]
        .find('\n')
        .map_or(text.len(), |e| at + 1 + e + 1);
    format!("{}{fields}{}", &text[..end], &text[end..])
}

/// Writes the generated files into the staged package `npm` (see the module's doc).
pub fn write(root: &Path, dist: &Path, npm: &Path, version: &str) -> Result<(), String> {
    let lists = lists(dist)?;
    let dts = npm.join("index.d.ts");
    let template = fs::read_to_string(&dts).map_err(|e| format!("{}: {e}", dts.display()))?;
    let filled: String = types(&template, &lists)?
        .lines()
        .map(|l| format!("{}\n", l.trim_end()))
        .collect();
    fs::write(&dts, filled).map_err(|e| e.to_string())?;
    let cem =
        serde_json::to_string_pretty(&manifest(&lists, version)?).map_err(|e| e.to_string())?;
    fs::write(npm.join("custom-elements.json"), cem + "\n").map_err(|e| e.to_string())?;
    let pj = npm.join("package.json");
    let text = fs::read_to_string(&pj).map_err(|e| format!("{}: {e}", pj.display()))?;
    let repository = crate::workspace::field(root, "repository")?;
    let homepage = crate::workspace::field(root, "homepage")?;
    let text = package_json(&text, repository.as_deref(), homepage.as_deref());
    serde_json::from_str::<Value>(&text)
        .map_err(|e| format!("package.json is not JSON after adding its links: {e}"))?;
    fs::write(&pj, text).map_err(|e| e.to_string())?;
    println!(
        "xtask release: npm types for {} regions, {} flows, languages {}",
        lists.regions.len(),
        lists.flows.len(),
        lists.langs.join(", ")
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Lists {
        Lists {
            regions: vec![
                ("us".into(), "United States".into()),
                ("gb".into(), "UK (alias of `uk`)".into()),
            ],
            flows: vec![(
                "f-1".into(),
                "A */ title".into(),
                vec!["en".into(), "fr".into()],
            )],
            langs: vec!["en".into(), "fr".into()],
        }
    }

    #[test]
    fn every_setting_has_a_description() {
        for s in selfcheck_flow::view::SETTINGS {
            assert!(about(s).is_ok(), "{s}");
        }
    }

    #[test]
    fn the_template_is_filled_and_placeholders_checked() {
        let t = "type R = __REGIONS__;\ntype L = __LANGUAGES__;\ninterface F {__FLOWS__}\ninterface FL {__FLOW_LANGUAGES__}\ninterface A {__ATTRIBUTES__}\n";
        let out = types(t, &sample()).unwrap();
        assert!(out.contains("| \"us\" /* United States */"), "{out}");
        assert!(out.contains("| \"en\"\n  | \"fr\";"), "{out}");
        assert!(
            out.contains("/** A *\\/ title */\n  \"f-1\": true;"),
            "{out}"
        );
        assert!(out.contains("\"f-1\": \"en\" | \"fr\";"), "{out}");
        assert!(out.contains("\"region\"?: SelfCheckRegion;"), "{out}");
        assert!(out.contains("\"practice-name\"?: string;"), "{out}");
        assert!(!out.contains("__"), "{out}");
        assert!(types("type R = __REGIONS__;", &sample()).is_err());
        assert!(types(&format!("{t}__NEW_THING__"), &sample()).is_err());
    }

    #[test]
    fn the_manifest_lists_every_setting() {
        let m = manifest(&sample(), "1.2.3").unwrap();
        let attrs = m["modules"][0]["declarations"][0]["attributes"]
            .as_array()
            .unwrap();
        assert_eq!(attrs.len(), selfcheck_flow::view::SETTINGS.len());
        assert_eq!(attrs[2]["type"]["text"], "\"us\" | \"gb\"");
    }

    #[test]
    fn package_links_follow_the_licence_line() {
        let pj = "{\n  \"name\": \"x\",\n  \"license\": \"MIT\",\n  \"type\": \"module\"\n}\n";
        let out = package_json(pj, Some("https://example.org/selfcheck/"), None);
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(
            v["repository"]["url"],
            "git+https://example.org/selfcheck.git"
        );
        assert_eq!(v["homepage"], "https://example.org/selfcheck");
        assert_eq!(v["bugs"]["url"], "https://example.org/selfcheck/issues");
        assert_eq!(package_json(pj, None, None), pj);
    }
}
