//! The safety lint: what a screen says. Each rule rejects a fixture, naming file and line.

use super::*;

/// The safety-lint messages for a small flow (DANGER_Q and `extra`), with the project's
/// words and crisis directory, rendered as the build prints them.
fn lint_of(extra: &str) -> Vec<String> {
    let src = format!("[flow]\nid = \"t\"\nversion = \"1\"\ntitle = \"T\"\nintro = \"I\"\ndisclaimer = \"D\"\n{DANGER_Q}\n{extra}");
    let compiled = compile_toml(&src).expect("the fixture compiles and is proven");
    let vocab = crate::data::vocab().unwrap();
    let directory = crate::data::directory().unwrap();
    crate::lint::lint(&compiled, &vocab, &directory)
        .iter()
        .map(|e| e.render("f.toml"))
        .collect()
}

const FINE: &str =
    "[[outcome]]\nid = \"fine\"\nurgency = \"self-care\"\ntitle = \"Fine\"\nsummary = \"Ok.\"";

#[test]
fn the_lint_passes_a_careful_flow() {
    assert_eq!(lint_of(FINE), Vec::<String>::new());
}

#[test]
fn the_lint_rejects_an_emergency_outcome_without_emergency_contacts() {
    // The fixture's emergency outcome "help", told to show the youth lines only.
    let src = DANGER_Q.replace(
        "summary = \"Call now.\"",
        "summary = \"Call now.\"\ncontacts = [\"youth\"]",
    );
    let flow = format!("[flow]\nid = \"t\"\nversion = \"1\"\ntitle = \"T\"\nintro = \"I\"\ndisclaimer = \"D\"\n{src}\n{FINE}");
    let compiled = compile_toml(&flow).unwrap();
    let errors: Vec<String> = crate::lint::lint(
        &compiled,
        &crate::data::vocab().unwrap(),
        &crate::data::directory().unwrap(),
    )
    .iter()
    .map(|e| e.render("f.toml"))
    .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("f.toml:22:6: error[safety-lint]: outcome \"help\" is an emergency but shows no emergency number or crisis line"), "{errors:?}");
}

#[test]
fn the_lint_rejects_a_soon_heading_over_a_now_text() {
    let got = lint_of(
        &FINE
            .replace("urgency = \"self-care\"", "urgency = \"urgent\"")
            .replace("Ok.", "Call them right away."),
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(
        got[0].contains("error[safety-lint]: outcome \"fine\" is urgent"),
        "{got:?}"
    );
    assert!(got[0].contains("says \"right away\""), "{got:?}");
    assert!(
        got[0].starts_with("f.toml:28:6:"),
        "file:line of the outcome: {got:?}"
    );
    // "Nowhere" and "known" are not "now".
    assert_eq!(
        lint_of(&FINE.replace("Ok.", "Nowhere is it known.")),
        Vec::<String>::new()
    );
}

#[test]
fn the_lint_rejects_a_crisis_line_without_the_emergency_number_where_a_region_has_none() {
    let got = lint_of(&FINE.replace("Ok.", "If it gets worse, call the crisis line."));
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(
        got[0].contains("sends the visitor to a \"crisis line\" in en, but eu has no crisis line"),
        "{got:?}"
    );
    assert_eq!(
        lint_of(&FINE.replace(
            "Ok.",
            "If it gets worse, call a crisis line or the emergency number."
        )),
        Vec::<String>::new()
    );
}

#[test]
fn the_default_flow_passes_the_lint() {
    let src = DEFAULT;
    let compiled = compile_toml(src).unwrap();
    let errors = crate::lint::lint(
        &compiled,
        &crate::data::vocab().unwrap(),
        &crate::data::directory().unwrap(),
    );
    assert_eq!(errors, Vec::new());
}
