//! Compiling small flows: every problem reported, each with a clear message, file and line.

use super::*;

/// Compiles a small flow and renders its errors, one per line, as the build prints them.
fn check(body: &str, expect: &str) {
    let src = format!("[flow]\nid = \"t\"\nversion = \"1\"\ntitle = \"T\"\nintro = \"I\"\ndisclaimer = \"D\"\n\n{body}");
    let got = match compile_toml(&src) {
        Ok(c) => format!("ok: {} paths", c.stats.paths),
        Err(errors) => errors
            .iter()
            .map(|e| e.render("f.toml"))
            .collect::<Vec<_>>()
            .join("\n"),
    };
    assert_eq!(got.trim(), expect.trim(), "\n--- got ---\n{got}\n");
}

#[test]
fn valid_small_flow() {
    check(&format!("{DANGER_Q}\n[[outcome]]\nid = \"fine\"\nurgency = \"self-care\"\ntitle = \"Fine\"\nsummary = \"Ok.\""), "ok: 2 paths");
}

#[test]
fn danger_routed_to_self_care_is_a_build_error() {
    let body = DANGER_Q.replace("next = \"help\"", "next = \"fine\"") + "\n[[outcome]]\nid = \"fine\"\nurgency = \"self-care\"\ntitle = \"Fine\"\nsummary = \"Ok.\"";
    check(
        &body,
        r#"
f.toml:13:6: error[unsafe]: the danger answer "danger.yes" can end at outcome "fine" (self-care), not at emergency help: danger=yes
  help: route every path through a danger answer to an outcome with urgency = "emergency"
f.toml:23:6: error[unreachable]: no path reaches outcome "help"
  help: point a `next` or a route at it, or remove it"#,
    );
}

#[test]
fn dangling_reference_suggests_the_close_id() {
    let body = DANGER_Q.replace("next = \"fine\"", "next = \"fien\"") + "\n[[outcome]]\nid = \"fine\"\nurgency = \"self-care\"\ntitle = \"Fine\"\nsummary = \"Ok.\"";
    check(
        &body,
        r#"
f.toml:20:8: error[dangling]: "fien" names no question or outcome in this flow
  help: did you mean "fine"?"#,
    );
}

#[test]
fn first_question_must_screen_for_danger() {
    let body = DANGER_Q.replace("flags = [\"danger\"]\n", "") + "\n[[outcome]]\nid = \"fine\"\nurgency = \"self-care\"\ntitle = \"Fine\"\nsummary = \"Ok.\"";
    check(
        &body,
        r#"
f.toml:10:6: error[no-danger-screen]: the first question, "danger", does not screen for danger: none of its answers has flags = ["danger"]
  help: start the flow with a question about immediate danger whose danger answers lead to an emergency outcome"#,
    );
}

#[test]
fn dead_ends_cycles_and_unreachable_questions() {
    let body = format!(
        "{DANGER_Q}\n[[outcome]]\nid = \"fine\"\nurgency = \"self-care\"\ntitle = \"Fine\"\nsummary = \"Ok.\"\n{}",
        r#"
[[question]]
id = "orphan"
text = "Never asked"
[[question.answer]]
id = "a"
text = "A"
[[question.answer]]
id = "b"
text = "B"
next = "orphan"
"#
    );
    check(
        &body,
        r#"
f.toml:35:6: error[unreachable]: no path reaches question "orphan"
  help: point a `next` or a route at it, or remove it"#,
    );
    let looped = DANGER_Q.replace("next = \"fine\"", "next = \"second\"")
        + r#"
[[question]]
id = "second"
text = "Second"
[[question.answer]]
id = "back"
text = "Back to the start"
next = "danger"
[[question.answer]]
id = "stuck"
text = "Nowhere"
"#;
    check(
        &looped,
        r#"
f.toml:29:6: error[cycle]: question "second" leads back to "danger", which was already asked on this path: danger=no second=back
  help: send the answer on to a later question or to an outcome
f.toml:29:6: error[dead-end]: question "second" leads nowhere after: danger=no second=stuck
  help: give the answer a `next`, or give the question a `next` that applies when no route does"#,
    );
}

#[test]
fn field_level_problems_are_all_reported() {
    let src = r#"
[flow]
id = "Bad Id"
version = "1"
languages = ["en", "es"]
title.en = "T"
title.es = ""
intro.en = "I"
disclaimer = "D"
colour = "red"

[[question]]
id = "danger"
text.en = "In danger?"
text.es = "¿Peligro?"
[[question.answer]]
id = "yes"
text.en = "Yes"
text.es = "Sí"
flags = ["danger", "urgnet"]
next = "help"
[[question.answer]]
id = "yes"
text.en = "Yes again"
text.es = "Mira"
next = "help"

[[outcome]]
id = "help"
urgency = "now"
title.en = "Help"
title.es = "Ayuda"
summary.en = "Call *now."
summary.es = "Llama."
"#;
    let got = compile_toml(src)
        .unwrap_err()
        .iter()
        .map(|e| format!("{} {}", e.pos.map_or(0, |p| p.line), e.kind.code()))
        .collect::<Vec<_>>()
        .join(", ");
    assert_eq!(got, "3 invalid, 6 empty-text, 8 missing-translation, 9 missing-translation, 10 unknown-field, 20 invalid, 23 duplicate-id, 30 invalid, 33 bad-markup");
}

#[test]
fn syntax_errors_point_at_the_line() {
    let err = compile_toml("[flow]\nid = \"x\"\ntitle = \"unclosed\n").unwrap_err();
    assert_eq!(err.len(), 1);
    assert_eq!(err[0].kind.code(), "syntax");
    assert_eq!(err[0].pos.map(|p| p.line), Some(3));
}

#[test]
fn scores_route_scored_questionnaires() {
    let body = DANGER_Q.replace("next = \"fine\"", "next = \"mood\"")
        + r#"
[[question]]
id = "mood"
text = "How often low?"
[[question.answer]]
id = "never"
text = "Never"
score = 0
[[question.answer]]
id = "often"
text = "Often"
score = 3
[[question.route]]
when = { score = ["mood"], at_least = 2 }
to = "talk"
[[question.route]]
when = { not = "mood.often" }
to = "fine"

[[outcome]]
id = "talk"
urgency = "support"
title = "Talk"
summary = "Talk to someone."
[[outcome]]
id = "fine"
urgency = "self-care"
title = "Fine"
summary = "Ok."
"#;
    check(&body, "ok: 3 paths");
    let never = body.replace("at_least = 2", "at_least = 9");
    check(
        &never,
        r#"
f.toml:29:6: error[dead-end]: question "mood" leads nowhere after: danger=no mood=often
  help: give the answer a `next`, or give the question a `next` that applies when no route does
f.toml:39:1: error[never-true]: route 1 of question "mood" never applies on any path that reaches it
  help: fix its `when`, or move it above a route that always applies first
f.toml:47:6: error[unreachable]: no path reaches outcome "talk"
  help: point a `next` or a route at it, or remove it"#,
    );
}

/// One small broken flow per remaining error kind, with the exact message it must produce.
#[test]
fn each_error_kind_has_a_clear_message() {
    let fine = "\n[[outcome]]\nid = \"fine\"\nurgency = \"self-care\"\ntitle = \"Fine\"\nsummary = \"Ok.\"";
    let cases: [(String, &str); 6] = [
        (
            DANGER_Q.replace("text = \"Yes\"\n", "") + fine,
            "f.toml:12:1: error[missing]: answer \"yes\" of question \"danger\" has no `text`\n  help: add `text.en = \"…\"` for each language of the flow",
        ),
        (
            DANGER_Q.replace("text = \"No\"\n", "text = \"No\"\nnxt = \"fine\"\n") + fine,
            "f.toml:20:1: error[unknown-field]: an answer of question \"danger\" has no field `nxt`\n  help: the fields of an answer of question \"danger\" are: id, text, flags, topics, exclusive, score, next; check the spelling",
        ),
        (
            DANGER_Q.to_string() + fine + "\n[[outcome]]\nid = \"help\"\nurgency = \"urgent\"\ntitle = \"Again\"\nsummary = \"S\"",
            "f.toml:34:6: error[duplicate-id]: the outcome id \"help\" is already used on line 23\n  help: give each question, outcome and advice block its own id",
        ),
        (
            DANGER_Q.replace("title = \"Help\"", "title = \"  \"") + fine,
            "f.toml:25:9: error[empty-text]: `title` of outcome \"help\" is empty\n  help: write the text, or remove the field if it is optional",
        ),
        (
            DANGER_Q.replace("summary = \"Call now.\"", "summary = \"[Call](javascript:alert(1))\"") + fine,
            "f.toml:26:11: error[bad-markup]: `summary` of outcome \"help\" links to \"javascript:alert(1\", a scheme the widget does not open\n  help: links may only use https:, tel:, sms: or mailto:",
        ),
        (
            DANGER_Q.replace("urgency = \"emergency\"", "urgency = \"critical\"") + fine,
            "f.toml:24:11: error[invalid]: outcome \"help\" has the urgency \"critical\"\n  help: use one of: emergency, urgent, support, self-care",
        ),
    ];
    for (body, expect) in cases {
        check(&body, expect);
    }
}

/// The scored example in docs/flow-format.md compiles, and its bands route by the sum.
#[test]
fn the_scored_example_in_the_docs_works() {
    let doc = include_str!("../../../../docs/flow-format.md");
    let start = doc
        .find("## A scored example")
        .expect("the docs have a scored example");
    let block = &doc[start..];
    let src = &block[block.find("```toml\n").unwrap() + 8..];
    let src = &src[..src.find("```").unwrap()];
    let flow = Rc::new(compile_toml(src).unwrap_or_else(|e| panic!("{e:?}")).flow);
    let cases = [
        ("danger=no worry=rarely sleep=rarely", "low (self-care): "),
        ("danger=no worry=often sleep=rarely", "moderate (support): "),
        ("danger=no worry=always sleep=often", "high (urgent): "),
        ("danger=yes", "help-now (emergency): "),
    ];
    for (path, expect) in cases {
        assert_eq!(walk(&flow, path), expect, "{path}");
    }
}
