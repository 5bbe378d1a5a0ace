//! The engine's two layers and the module graph of every crate, checked by `cargo test`:
//! the widget and the run-time crate never name the build crate, and no crate has an
//! import circle between its modules (read from the `crate::` paths of each file).

use std::collections::{BTreeMap, BTreeSet};

/// The module graph of one crate: for each top-level module, the top-level modules it
/// names through `crate::` (a folder module and its files are one module; `lib.rs` or
/// `main.rs` is the root, whose `pub use` re-exports are followed to the module that defines
/// the name; test modules are left out, since nothing imports them).
pub fn graph(files: &[(String, String)]) -> BTreeMap<String, BTreeSet<String>> {
    let module_of = |path: &str| -> Option<String> {
        let rel = path.split_once("src/").map_or(path, |(_, r)| r);
        let first = rel.split('/').next()?.trim_end_matches(".rs").to_string();
        let test = first == "tests" || first.ends_with("_tests");
        (!matches!(first.as_str(), "lib" | "main") && !test).then_some(first)
    };
    let modules: BTreeSet<String> = files.iter().filter_map(|(p, _)| module_of(p)).collect();
    // Names the root re-exports (`pub use pack::Pack;`, `pub use session::{Event, …};`).
    let mut reexported: BTreeMap<String, String> = BTreeMap::new();
    for (path, text) in files {
        if module_of(path).is_some() {
            continue;
        }
        for line in code(text).lines() {
            let Some(rest) = line.trim().strip_prefix("pub use ") else {
                continue;
            };
            let Some((module, names)) = rest.split_once("::") else {
                continue;
            };
            if modules.contains(module) {
                for name in items(names) {
                    reexported.insert(name, module.to_string());
                }
            }
        }
    }
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, text) in files {
        let Some(from) = module_of(path) else {
            continue;
        };
        let edges = graph.entry(from.clone()).or_default();
        let code = code(text);
        let mut rest = code.as_str();
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            for name in items(rest) {
                let to = if modules.contains(&name) {
                    Some(name)
                } else {
                    reexported.get(&name).cloned()
                };
                if let Some(to) = to.filter(|t| *t != from) {
                    edges.insert(to);
                }
            }
        }
    }
    graph
}

/// The text without comments (whole-line and trailing `//` comments, doc comments) and
/// without `#[cfg(test)]` modules' bodies left in place (their paths count: they are few).
fn code(text: &str) -> String {
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains('"') => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first path segment of each item at the start of `s`: `model::Flow` gives `model`,
/// `{model::Flow, pack}` gives `model` and `pack`.
fn items(s: &str) -> Vec<String> {
    let s = s.trim_start();
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let Some(inner) = s.strip_prefix('{') else {
        return vec![ident(s)]
            .into_iter()
            .filter(|i| !i.is_empty())
            .collect();
    };
    let (mut depth, mut out, mut start) = (0usize, Vec::new(), 0usize);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                out.push(ident(&inner[start..i]));
                break;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(ident(&inner[start..i]));
                start = i + 1;
            }
            _ => {}
        }
    }
    out.retain(|i| !i.is_empty() && i != "self");
    out
}

/// Every import circle of the graph, each as its modules in a loop order (`a -> b -> a`),
/// found as the strongly connected components of more than one module (Tarjan).
pub fn circles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    struct Walk<'g> {
        graph: &'g BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on_stack: BTreeSet<&'g str>,
        found: Vec<Vec<&'g str>>,
    }
    impl<'g> Walk<'g> {
        fn visit(&mut self, v: &'g str) {
            let n = self.index.len();
            self.index.insert(v, n);
            self.low.insert(v, n);
            self.stack.push(v);
            self.on_stack.insert(v);
            for w in self.graph.get(v).into_iter().flatten() {
                let w = w.as_str();
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let lw = self.low[w];
                    let lv = self.low.get_mut(v).expect("visited");
                    *lv = (*lv).min(lw);
                } else if self.on_stack.contains(w) {
                    let iw = self.index[w];
                    let lv = self.low.get_mut(v).expect("visited");
                    *lv = (*lv).min(iw);
                }
            }
            if self.low[v] == self.index[v] {
                let mut part = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack.remove(w);
                    part.push(w);
                    if w == v {
                        break;
                    }
                }
                if part.len() > 1 {
                    part.sort();
                    self.found.push(part);
                }
            }
        }
    }
    let mut walk = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !walk.index.contains_key(v.as_str()) {
            walk.visit(v);
        }
    }
    walk.found
        .iter()
        .map(|part| {
            let edges: Vec<String> = part
                .iter()
                .flat_map(|a| {
                    let to = graph.get(*a).into_iter().flatten();
                    to.filter(|b| part.contains(&b.as_str()))
                        .map(move |b| format!("{a} -> {b}"))
                })
                .collect();
            format!("{{{}}}: {}", part.join(", "), edges.join(", "))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;

    fn root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
    }

    /// The `.rs` files under `dir`, as (path from the root, text).
    fn sources(dir: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut stack = vec![root().join(dir)];
        while let Some(d) = stack.pop() {
            for p in std::fs::read_dir(&d).unwrap().flatten().map(|e| e.path()) {
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    let rel = p.strip_prefix(root()).unwrap().display().to_string();
                    out.push((rel, std::fs::read_to_string(&p).unwrap()));
                }
            }
        }
        out.sort();
        out
    }

    const CRATES: [&str; 6] = [
        "src",
        "crates/runtime/src",
        "crates/flow/src",
        "crates/cli/src",
        "crates/studio/src",
        "xtask/src",
    ];

    #[test]
    fn no_crate_has_an_import_circle() {
        let mut found = Vec::new();
        for dir in CRATES {
            let graph = graph(&sources(dir));
            assert!(graph.len() > 2, "{dir}: no modules read");
            found.extend(circles(&graph).into_iter().map(|c| format!("{dir}: {c}")));
        }
        assert!(
            found.is_empty(),
            "import circles (move what both sides need into a lower module):\n{}",
            found.join("\n")
        );
    }

    #[test]
    fn the_circle_check_finds_a_circle_and_follows_re_exports() {
        let file = |p: &str, t: &str| (p.to_string(), t.to_string());
        let files = [
            file("x/src/lib.rs", "pub mod a;\npub use b::Thing;\n"),
            file("x/src/a.rs", "use crate::{c::{self, X}, d};\n"),
            file(
                "x/src/b.rs",
                "pub struct Thing;\nfn f() { crate::a::g() }\n",
            ),
            file("x/src/c.rs", "// use crate::a;\nfn f(_: crate::Thing) {}\n"),
            file("x/src/d/mod.rs", "use super::*;\n"),
            file("x/src/tests.rs", "use crate::a;\n"),
        ];
        let graph = graph(&files);
        assert_eq!(
            graph["a"].iter().collect::<Vec<_>>(),
            ["c", "d"],
            "grouped imports"
        );
        assert_eq!(
            graph["c"].iter().collect::<Vec<_>>(),
            ["b"],
            "a re-export, not the comment"
        );
        assert!(!graph.contains_key("tests"));
        assert_eq!(circles(&graph), ["{a, b, c}: a -> c, b -> a, c -> b"]);
        let mut acyclic = graph.clone();
        acyclic.get_mut("b").unwrap().clear();
        assert!(circles(&acyclic).is_empty());
    }

    /// The `[dependencies]` tables of a Cargo.toml (target-specific ones included), not the
    /// dev- or build-dependencies.
    fn dependencies(manifest: &str) -> String {
        let mut out = String::new();
        let mut inside = false;
        for line in manifest.lines() {
            if line.starts_with('[') {
                inside = line == "[dependencies]"
                    || (line.starts_with("[target.") && line.ends_with(".dependencies]"));
            } else if inside {
                out += line;
                out.push('\n');
            }
        }
        out
    }

    #[test]
    fn the_visitor_s_wasm_cannot_reach_the_build_layer() {
        let read = |p: &str| std::fs::read_to_string(root().join(p)).unwrap();
        for manifest in ["Cargo.toml", "crates/runtime/Cargo.toml"] {
            let deps = dependencies(&read(manifest));
            assert!(deps.contains("selfcheck-runtime") || manifest != "Cargo.toml");
            assert!(
                !deps.contains("selfcheck-flow"),
                "{manifest} names the build crate in its dependencies"
            );
        }
        for dir in ["src", "crates/runtime/src"] {
            for (path, text) in sources(dir) {
                assert!(
                    !code(&text).contains("selfcheck_flow"),
                    "{path} names the build crate"
                );
            }
        }
    }
}
