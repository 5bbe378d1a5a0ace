//! The README's picture of the default flow is what `selfcheck graph` draws today: a
//! safety picture on the front page that showed an older flow would mislead a clinician.

use std::process::Command;

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
    let start = readme
        .find("```mermaid\n")
        .map(|i| i + "```mermaid\n".len())
        .expect("README has a mermaid block");
    let end = start + readme[start..].find("```").expect("the block is closed");
    assert_eq!(
        &readme[start..end],
        drawn,
        "README's graph differs from `selfcheck graph flows/default.toml`: paste the new drawing"
    );
}
