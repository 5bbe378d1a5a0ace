//! Documents derived from the code are regenerated from it and compared, the way
//! rust-analyzer checks its generated files: README's picture of the default flow (what
//! `selfcheck graph` draws) and every `<!-- derived:NAME -->…<!-- /derived -->` span in the
//! docs (path counts, the flow's version and shape). A difference fails with a diff;
//! `UPDATE_EXPECT=1 cargo test -p selfcheck-cli --test docs` rewrites the files.

use std::process::Command;

use expect_test::{expect_file, ExpectFile};

const DEFAULT: &str = include_str!("../../../flows/default.toml");

/// `12345` as `12,345`.
fn thousands(n: u128) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "English, Spanish and French".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The value of each derived span, computed from the default flow and the data.
fn values() -> Vec<(&'static str, String)> {
    let compiled = selfcheck_flow::compile_toml(DEFAULT).expect("the default flow compiles");
    let (flow, stats) = (&compiled.flow, compiled.stats);
    // Each language by its own name, as the widget's language menu shows it.
    let uis = selfcheck_flow::data::uis().unwrap();
    let names: Vec<String> = flow
        .languages
        .iter()
        .map(|l| {
            uis.iter()
                .find(|u| u.lang == *l)
                .map_or(l.clone(), |u| u.name.clone())
        })
        .collect();
    vec![
        (
            "check-line",
            format!(
                "`flows/default.toml: ok — {} paths, longest {} questions, every danger answer reaches emergency help`",
                stats.paths, stats.longest
            ),
        ),
        (
            "paths",
            format!(
                "{} paths, longest {} questions",
                thousands(stats.paths),
                stats.longest
            ),
        ),
        ("path-count", thousands(stats.paths)),
        (
            // The studio's verdict (crates/studio/src/check.rs, `Check::verdict`).
            "verdict",
            format!(
                "\"Every danger answer reaches emergency help: proven on {} paths (longest {} questions).\"",
                stats.paths, stats.longest
            ),
        ),
        ("version", flow.version.clone()),
        (
            "shape",
            format!(
                "{} questions, {} outcomes, in {}",
                flow.questions.len(),
                flow.outcomes.len(),
                and_list(&names)
            ),
        ),
    ]
}

/// `text` with every derived span's content replaced by its value; an unknown name or an
/// unclosed span is an error.
fn regenerate(text: &str, values: &[(&str, String)]) -> Result<String, String> {
    const OPEN: &str = "<!-- derived:";
    const CLOSE: &str = "<!-- /derived -->";
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(OPEN) {
        let after = &rest[at + OPEN.len()..];
        let (name, body) = after
            .split_once(" -->")
            .ok_or("a derived marker is not closed")?;
        let end = body
            .find(CLOSE)
            .ok_or(format!("derived:{name} has no {CLOSE}"))?;
        let value = values
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v)
            .ok_or(format!("unknown derived value \"{name}\""))?;
        out += &rest[..at];
        out += &format!("{OPEN}{name} -->{value}{CLOSE}");
        rest = &body[end + CLOSE.len()..];
    }
    out += rest;
    Ok(out)
}

/// README with its mermaid block replaced by `drawn`.
fn with_graph(readme: &str, drawn: &str) -> String {
    let start = readme
        .find("```mermaid\n")
        .map(|i| i + "```mermaid\n".len())
        .expect("README has a mermaid block");
    let end = start + readme[start..].find("```").expect("the block is closed");
    format!("{}{drawn}{}", &readme[..start], &readme[end..])
}

fn check(file: ExpectFile, text: &str) {
    file.assert_eq(&regenerate(text, &values()).unwrap());
}

#[test]
fn the_readme_graph_is_the_default_flow_as_drawn_now() {
    let out = Command::new(env!("CARGO_BIN_EXE_selfcheck"))
        .args(["graph", "../../flows/default.toml"])
        .output()
        .expect("run selfcheck graph");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let drawn = String::from_utf8(out.stdout).expect("utf-8");
    let readme = include_str!("../../../README.md");
    expect_file!["../../../README.md"]
        .assert_eq(&regenerate(&with_graph(readme, &drawn), &values()).unwrap());
}

#[test]
fn the_docs_figures_are_the_code_s() {
    check(expect_file!["../README.md"], include_str!("../README.md"));
    check(
        expect_file!["../../../docs/flow-format.md"],
        include_str!("../../../docs/flow-format.md"),
    );
    check(
        expect_file!["../../../docs/content-map.md"],
        include_str!("../../../docs/content-map.md"),
    );
    check(
        expect_file!["../../../docs/accessibility.md"],
        include_str!("../../../docs/accessibility.md"),
    );
    check(
        expect_file!["../../../docs/authoring.md"],
        include_str!("../../../docs/authoring.md"),
    );
}

#[test]
fn the_regenerator_rewrites_spans_and_refuses_unknown_ones() {
    let values = [("paths", "3 paths".to_string())];
    assert_eq!(
        regenerate(
            "a <!-- derived:paths -->9 paths<!-- /derived --> b",
            &values
        )
        .unwrap(),
        "a <!-- derived:paths -->3 paths<!-- /derived --> b"
    );
    assert!(regenerate("<!-- derived:nope -->x<!-- /derived -->", &values).is_err());
    assert!(regenerate("<!-- derived:paths -->x", &values).is_err());
    assert_eq!(thousands(30298), "30,298");
    assert_eq!(thousands(298), "298");
    assert_eq!(
        and_list(&["a".into(), "b".into(), "c".into()]),
        "a, b and c"
    );
}
