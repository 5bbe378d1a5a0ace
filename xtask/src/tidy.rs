//! Tidy: static invariants of the source tree, checked by `cargo test` (as rust-analyzer's
//! tidy test does). Each check reads files; none runs the code.

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    fn root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
    }

    fn read(rel: &str) -> String {
        std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    fn rust_files(dir: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut stack = vec![root().join(dir)];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                let p = e.path();
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

    /// The text without comment lines.
    fn code_lines(text: &str) -> String {
        text.lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The quoted names in the first `[ … ]` after `marker` in `text`.
    fn quoted_list(text: &str, marker: &str) -> Vec<String> {
        let at = text.find(marker).unwrap_or_else(|| panic!("no {marker}"));
        let rest = &text[at..];
        let list = &rest[rest.find('[').unwrap() + 1..rest.find(']').unwrap()];
        list.split(',')
            .map(|s| s.trim().trim_matches('"').to_string())
            .filter(|s| !s.is_empty())
            .collect()
    }

    #[test]
    fn the_settings_are_listed_once_and_every_consumer_follows() {
        let settings: Vec<String> = selfcheck_flow::view::SETTINGS
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            quoted_list(&read("xtask/src/loader.js"), "const SETTINGS"),
            settings,
            "selfcheck.js"
        );
        assert_eq!(
            quoted_list(&read("pages/embed.js"), "const SETTINGS"),
            settings,
            "embed.js"
        );
        // docs/embedding.md: one table row per setting, in order.
        let docs = read("docs/embedding.md");
        let rows: Vec<String> = docs
            .lines()
            .filter_map(|l| l.strip_prefix("| `"))
            .filter_map(|l| l.split_once('`').map(|(name, _)| name.to_string()))
            .filter(|n| !n.contains(' '))
            .collect();
        assert_eq!(rows, settings, "docs/embedding.md's settings table");
        // The studio's snippets write only settings from the list, as attributes and query.
        let export = read("crates/studio/src/export.rs");
        let body = &export[export.find("fn settings").expect("export::settings")..];
        let body = &body[..body.find("\n}").unwrap()];
        let written: Vec<&str> = body
            .split("(\"")
            .skip(1)
            .filter_map(|r| r.split('"').next())
            .collect();
        assert!(!written.is_empty());
        for name in written {
            assert!(
                settings.iter().any(|s| s == name),
                "studio export writes unknown setting {name}"
            );
        }
        // The widget reads each `data-*` by a name from the list.
        let lib = read("src/lib.rs");
        for name in settings.iter().filter(|s| *s != "flow") {
            assert!(
                lib.contains(&format!("attr(\"{name}\")")),
                "src/lib.rs reads data-{name}"
            );
        }
    }

    /// The loader's quick exit before the wasm starts goes where the widget's goes.
    #[test]
    fn the_loader_and_the_widget_leave_for_the_same_page() {
        let url = selfcheck_flow::view::DEFAULT_EXIT;
        assert!(read("xtask/src/loader.js").contains(&format!("const EXIT = \"{url}\";")));
    }

    /// The widget's code has no network, storage or raw-HTML calls: its only requests are
    /// the loader's, its only state is memory.
    #[test]
    fn widget_code_has_no_network_storage_or_raw_html() {
        let forbidden = [
            "fetch",
            "XmlHttpRequest",
            "WebSocket",
            "send_beacon",
            "local_storage",
            "session_storage",
            "indexed_db",
            "set_cookie",
            "cookie(",
            "caches(",
            "set_inner_html",
            "from_html_unchecked",
            "inner_html",
            "Cache",
        ];
        for (file, text) in rust_files("src") {
            let code = code_lines(&text);
            for word in forbidden {
                assert!(!code.contains(word), "{file} uses `{word}`");
            }
        }
        let features = read("Cargo.toml");
        for feature in [
            "\"Request\"",
            "\"Storage\"",
            "\"WebSocket\"",
            "\"XmlHttpRequest\"",
            "\"Headers\"",
        ] {
            assert!(
                !features.contains(feature),
                "the widget enables web-sys {feature}"
            );
        }
    }

    /// Class names in the widget's markup are literals (a computed class pulls Yew's
    /// `Classes` set into the download).
    #[test]
    fn widget_class_names_are_literals() {
        for (file, text) in rust_files("src") {
            for (i, line) in text.lines().enumerate() {
                assert!(
                    !line.contains("class={"),
                    "{file}:{}: computed class",
                    i + 1
                );
                assert!(!line.contains("classes!"), "{file}:{}: classes!", i + 1);
            }
        }
    }

    /// The engine never unwraps or panics on input outside its tests: bad input is an
    /// error value.
    #[test]
    fn the_engine_has_no_unwrap_outside_tests() {
        for (file, text) in rust_files("crates/flow/src") {
            if file.ends_with("tests.rs") {
                continue;
            }
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            for (i, line) in code.lines().enumerate() {
                let l = line.trim_start();
                if l.starts_with("//") {
                    continue;
                }
                assert!(!l.contains(".unwrap()"), "{file}:{}: unwrap", i + 1);
            }
        }
    }

    /// The code knows no language: no language code or language's words in the widget or
    /// the engine's view (they come from packs).
    #[test]
    fn no_language_is_wired_into_code() {
        for (file, text) in rust_files("src")
            .into_iter()
            .chain(rust_files("crates/flow/src"))
        {
            if file.ends_with("tests.rs") {
                continue;
            }
            for needle in ["== \"es\"", "\"es\" =>", "\"Español\"", "lang_index"] {
                assert!(
                    !code_lines(&text).contains(needle),
                    "{file} wires in a language: {needle}"
                );
            }
        }
    }
}
