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

    /// Every file under `dir` (recursively) whose name ends in one of `exts`, sorted.
    fn files(dir: &str, exts: &[&str]) -> Vec<PathBuf> {
        let mut out = Vec::new();
        let mut stack = vec![root().join(dir)];
        while let Some(d) = stack.pop() {
            let entries = std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{dir}: {e}"));
            for p in entries.flatten().map(|e| e.path()) {
                if p.is_dir() {
                    stack.push(p);
                } else if exts.iter().any(|x| p.to_string_lossy().ends_with(x)) {
                    out.push(p);
                }
            }
        }
        out.sort();
        out
    }

    /// The Rust files under `dir`: path from the root, and text.
    fn rust_files(dir: &str) -> Vec<(String, String)> {
        files(dir, &[".rs"])
            .into_iter()
            .map(|p| {
                let rel = p.strip_prefix(root()).unwrap().display().to_string();
                (rel, std::fs::read_to_string(&p).unwrap())
            })
            .collect()
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
        let engine = rust_files("crates/runtime/src")
            .into_iter()
            .chain(rust_files("crates/flow/src"));
        for (file, text) in engine {
            if file.ends_with("tests.rs") || file.contains("/src/tests/") {
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
            .chain(rust_files("crates/runtime/src"))
            .chain(rust_files("crates/flow/src"))
        {
            // The engine's unit tests (`tests.rs` files, `crates/flow/src/tests/`).
            if file.ends_with("tests.rs") || file.contains("/src/tests/") {
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

    /// Functions longer than this say why above them, in a comment with "Long because".
    const LONG: usize = 100;

    /// The functions of `text` over [`LONG`] lines, with no reason written above them:
    /// (line, name, length).
    fn long_functions(text: &str) -> Vec<(usize, String, usize)> {
        let lines: Vec<&str> = text.lines().collect();
        let mut out = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            let t = line.trim_start();
            let sig = ["fn ", "pub fn ", "pub(crate) fn ", "pub(super) fn "]
                .iter()
                .find_map(|p| t.strip_prefix(p));
            let Some(sig) = sig else { continue };
            let indent = &line[..line.len() - t.len()];
            let close = format!("{indent}}}");
            let Some(len) = lines[i..].iter().position(|l| *l == close) else {
                continue;
            };
            let why = lines[..i]
                .iter()
                .rev()
                .take_while(|l| {
                    let l = l.trim_start();
                    l.starts_with("//") || l.starts_with("#[")
                })
                .any(|l| l.contains("Long because"));
            if len + 1 > LONG && !why {
                let name = sig.split(['(', '<']).next().unwrap_or(sig).to_string();
                out.push((i + 1, name, len + 1));
            }
        }
        out
    }

    /// No function in the engine, the widget, the CLI, the studio or xtask runs over [`LONG`]
    /// lines unless a comment above it says why: long functions mixing concerns are where
    /// copies and bugs hide.
    #[test]
    fn functions_are_short_or_say_why() {
        let mut long = Vec::new();
        for (file, text) in rust_files("src")
            .into_iter()
            .chain(rust_files("crates"))
            .chain(rust_files("xtask/src"))
        {
            // The engine's unit tests (`tests.rs` files, `crates/flow/src/tests/`).
            if file.ends_with("tests.rs") || file.contains("/src/tests/") {
                continue;
            }
            for (line, name, len) in long_functions(&text) {
                long.push(format!("{file}:{line}: fn {name} is {len} lines"));
            }
        }
        assert!(
            long.is_empty(),
            "split these, or say above each why it is long (\"Long because …\"):\n{}",
            long.join("\n")
        );
    }

    #[test]
    fn the_long_function_check_counts_lines_and_reads_the_reason() {
        let body = "    x();\n".repeat(LONG);
        let long = format!("fn big() {{\n{body}}}\n");
        assert_eq!(long_functions(&long), [(1, "big".to_string(), LONG + 2)]);
        let explained = format!("// Long because: one table.\n{long}");
        assert!(long_functions(&explained).is_empty());
        let short = format!("    pub fn small() {{\n{}    }}\n", "    x();\n".repeat(3));
        assert!(long_functions(&short).is_empty());
    }

    /// The browser tests wait on state, never for a fixed time: a fixed sleep is either too
    /// short on a slow machine (a flaky test) or wasted time on a fast one. Before
    /// asserting that something did not happen, they wait for the page to settle
    /// (`settled` in e2e/tests/helpers.mjs).
    #[test]
    fn browser_tests_have_no_fixed_sleeps() {
        for path in files("e2e/tests", &[".mjs"]) {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            for (i, line) in text.lines().enumerate() {
                assert!(
                    !line.contains("waitForTimeout("),
                    "{}:{}: a fixed sleep; wait on state (settled, expect.poll, a locator)",
                    path.display(),
                    i + 1
                );
            }
        }
    }

    /// The crisis directory is the one home of the numbers: every `tel:` number written
    /// by hand into static markup (the pages, the packaging, the README and the docs) is
    /// one of its numbers, and the WordPress plugin's table lists, for each region, the
    /// numbers of the strip the widget shows there (`view::strip`).
    #[test]
    fn hand_written_numbers_follow_the_crisis_directory() {
        let directory = selfcheck_flow::data::directory().unwrap();
        let known: Vec<&str> = directory
            .regions
            .iter()
            .flat_map(|r| r.contacts.iter().filter_map(|c| c.tel.as_deref()))
            .collect();
        let mut sources = files("pages", &[".html"]);
        sources.extend(files("packaging", &[".php", ".md", ".txt", ".html", ".js"]));
        sources.extend(files("docs", &[".md"]));
        sources.extend(["index.html", "README.md"].map(|f| root().join(f)));
        let mut seen = 0;
        for path in &sources {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            for (at, _) in text.match_indices("tel:") {
                let number: String = text[at + 4..]
                    .chars()
                    .take_while(|c| c.is_ascii_digit() || *c == '+')
                    .collect();
                if number.is_empty() {
                    continue;
                }
                seen += 1;
                assert!(
                    known.contains(&number.as_str()),
                    "{}: tel:{number} is not in data/crisis-contacts.toml",
                    path.display()
                );
            }
        }
        assert!(
            seen >= 10,
            "the static markup has its numbers ({seen} found)"
        );

        let php = read("packaging/wordpress/selfcheck/selfcheck.php");
        let ui = selfcheck_flow::data::uis().unwrap().remove(0);
        for region in &directory.regions {
            let at = php
                .find(&format!("\t\t'{}' => array(", region.code))
                .unwrap_or_else(|| panic!("selfcheck.php has no region {}", region.code));
            let entry = &php[at..at + php[at..].find("),\n\t\t),").unwrap_or(0)];
            let php_numbers: Vec<&str> = entry
                .split("array( '")
                .skip(1)
                .filter_map(|c| c.split("', '").nth(1)?.split('\'').next())
                .collect();
            let strip: Vec<String> = selfcheck_flow::view::strip(&directory, &region.code, &ui)
                .into_iter()
                .filter_map(|l| l.href.strip_prefix("tel:").map(str::to_string))
                .collect();
            assert_eq!(
                php_numbers, strip,
                "selfcheck.php's static contacts for {} follow the widget's strip",
                region.code
            );
        }
    }

    /// Every public item of the engine is documented: the compiler enforces it, and this
    /// keeps the enforcement in place.
    #[test]
    fn the_engine_documents_every_public_item() {
        for lib in ["crates/runtime/src/lib.rs", "crates/flow/src/lib.rs"] {
            assert!(
                read(lib)
                    .lines()
                    .any(|l| l.trim() == "#![deny(missing_docs)]"),
                "{lib} must keep #![deny(missing_docs)]"
            );
        }
    }
}
