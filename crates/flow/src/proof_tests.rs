//! Tests of the proof's ending rules beyond `danger`: `urgent` answers, topics and
//! `[flow] screens`. Each rule has a small inline flow that passes and one that breaks it;
//! the broken ones put the offending prefix *second*, after a harmless one that reaches the
//! same question with the same answers, so a proof whose memo key forgot the rule's state
//! would find the state explored and miss the violation.

use crate::analysis;
use crate::compile::compile_toml;
use crate::error::{Error, ErrorKind};
use crate::model::Flow;

const HEAD: &str =
    "[flow]\nid = \"t\"\nversion = \"1\"\ntitle = \"T\"\nintro = \"I\"\ndisclaimer = \"D\"\n";

/// The danger screen every test flow starts with: `yes` goes to the emergency outcome
/// `help`, `no` to `next`.
fn danger_q(next: &str) -> String {
    format!(
        "\n[[question]]\nid = \"danger\"\ntext = \"In danger?\"\n[[question.answer]]\nid = \"yes\"\ntext = \"Yes\"\nflags = [\"danger\"]\nnext = \"help\"\n[[question.answer]]\nid = \"no\"\ntext = \"No\"\nnext = \"{next}\"\n"
    )
}

/// An outcome table.
fn outcome(id: &str, urgency: &str, extra: &str) -> String {
    format!("\n[[outcome]]\nid = \"{id}\"\nurgency = \"{urgency}\"\ntitle = \"{id}\"\nsummary = \"S.\"\n{extra}")
}

/// The flow compiled; panics with the rendered errors if it does not compile.
fn proven(src: &str) -> Flow {
    match compile_toml(src) {
        Ok(c) => {
            // The marks add state, not paths: the count is still one per listed path.
            let listed = analysis::paths(&c.flow, 10_000).expect("small flow").len();
            assert_eq!(c.stats.paths, listed as u128, "paths are still paths");
            c.flow
        }
        Err(e) => panic!(
            "{}",
            e.iter()
                .map(|e| e.render("f.toml"))
                .collect::<Vec<_>>()
                .join("\n")
        ),
    }
}

/// The errors of a flow that must not compile.
fn rejected(src: &str) -> Vec<Error> {
    match compile_toml(src) {
        Ok(_) => panic!("this flow must not compile:\n{src}"),
        Err(e) => e,
    }
}

/// The 1-based line of `src` that contains `needle` (which must occur once).
fn line_of(src: &str, needle: &str) -> u32 {
    assert_eq!(src.matches(needle).count(), 1, "{needle:?} must be unique");
    let at = src.find(needle).expect("present");
    src[..at].matches('\n').count() as u32 + 1
}

/// The one error of `kind` among `errors`, checked to be at `line`, coded `code`, and
/// to say every one of `words` in its message and `help` in its help.
fn the_error(errors: &[Error], kind: ErrorKind, line: u32, words: &[&str], help: &str) {
    let of_kind: Vec<&Error> = errors.iter().filter(|e| e.kind == kind).collect();
    let all = errors
        .iter()
        .map(|e| e.render("f.toml"))
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(of_kind.len(), 1, "one {kind:?}, reported once:\n{all}");
    let e = of_kind[0];
    assert_eq!(e.pos.map(|p| p.line), Some(line), "{all}");
    for w in words {
        assert!(e.message.contains(w), "{w:?} missing from: {}", e.message);
    }
    assert!(e.help.contains(help), "{help:?} missing from: {}", e.help);
}

// ---------------------------------------------------------------------------------------
// `flags = ["urgent"]`

/// `pain=mild` (calm) comes before `pain=severe` (urgent); both lead to `sleep`, whose
/// `well` answer ends at the calm outcome `fine` unless a route catches the urgent answer.
fn urgent_flow(route: bool) -> String {
    let route = if route {
        "[[question.route]]\nwhen = \"pain.severe\"\nto = \"soon\"\n"
    } else {
        ""
    };
    format!(
        "{HEAD}{}\n[[question]]\nid = \"pain\"\ntext = \"Pain?\"\n[[question.answer]]\nid = \"mild\"\ntext = \"Mild\"\nnext = \"sleep\"\n[[question.answer]]\nid = \"severe\"\ntext = \"Severe\"\nflags = [\"urgent\"]\nnext = \"sleep\"\n\n[[question]]\nid = \"sleep\"\ntext = \"Sleep?\"\n[[question.answer]]\nid = \"badly\"\ntext = \"Badly\"\nnext = \"soon\"\n[[question.answer]]\nid = \"well\"\ntext = \"Well\"\nnext = \"fine\"\n{route}{}{}{}",
        danger_q("pain"),
        outcome("help", "emergency", ""),
        outcome("soon", "urgent", ""),
        outcome("fine", "self-care", ""),
    )
}

#[test]
fn an_urgent_answer_routed_to_urgent_help_is_proven() {
    let flow = proven(&urgent_flow(true));
    let pain = flow.question("pain").expect("pain");
    assert!(flow.questions[pain].answers[1].urgent);
    assert!(!flow.questions[pain].answers[0].urgent);
}

#[test]
fn an_urgent_answer_that_can_end_calm_is_a_build_error() {
    let src = urgent_flow(false);
    let errors = rejected(&src);
    the_error(
        &errors,
        ErrorKind::UrgentEndsCalm,
        line_of(&src, "id = \"severe\""),
        &[
            "the urgent answer \"pain.severe\"",
            "outcome \"fine\" (self-care)",
            "danger=no pain=severe sleep=well",
        ],
        "route every path through an urgent answer to an outcome with urgency = \"urgent\" or \"emergency\"",
    );
    assert_eq!(ErrorKind::UrgentEndsCalm.code(), "unsafe");
    assert_eq!(errors.len(), 1, "{errors:?}");
    let rendered = errors[0].render("f.toml");
    assert!(rendered.contains(": error[unsafe]: "), "{rendered}");
}

#[test]
fn an_urgent_answer_may_end_at_an_emergency() {
    let src = urgent_flow(false).replace(
        "flags = [\"urgent\"]\nnext = \"sleep\"",
        "flags = [\"urgent\"]\nnext = \"help\"",
    );
    proven(&src);
}

// ---------------------------------------------------------------------------------------
// `topics`

/// `worry=money` comes before `worry=partner` (topic `abuse`); both lead to `mood`, whose
/// `ok` answer ends at `fine` (no topics) unless a route catches the topic's answer. The
/// danger screen's `yes` raises the topic too, and ends at `help`, an emergency without
/// topics: an emergency covers every topic.
fn topic_flow(route: bool) -> String {
    let route = if route {
        "[[question.route]]\nwhen = \"worry.partner\"\nto = \"talk\"\n"
    } else {
        ""
    };
    let danger = danger_q("worry").replace(
        "flags = [\"danger\"]",
        "flags = [\"danger\"]\ntopics = [\"abuse\"]",
    );
    format!(
        "{HEAD}{danger}\n[[question]]\nid = \"worry\"\ntext = \"Worry?\"\n[[question.answer]]\nid = \"money\"\ntext = \"Money\"\nnext = \"mood\"\n[[question.answer]]\nid = \"partner\"\ntext = \"My partner\"\ntopics = [\"abuse\"]\nnext = \"mood\"\n\n[[question]]\nid = \"mood\"\ntext = \"Mood?\"\n[[question.answer]]\nid = \"low\"\ntext = \"Low\"\nnext = \"talk\"\n[[question.answer]]\nid = \"ok\"\ntext = \"Ok\"\nnext = \"fine\"\n{route}{}{}{}",
        outcome("help", "emergency", ""),
        outcome("talk", "support", "topics = [\"abuse\", \"money\"]\n"),
        outcome("fine", "self-care", ""),
    )
}

#[test]
fn a_topic_answer_routed_to_an_outcome_with_the_topic_is_proven() {
    let flow = proven(&topic_flow(true));
    let worry = flow.question("worry").expect("worry");
    assert_eq!(flow.questions[worry].answers[1].topics, ["abuse"]);
    let talk = flow.outcome("talk").expect("talk");
    assert_eq!(flow.outcomes[talk].topics, ["abuse", "money"]);
}

#[test]
fn a_topic_answer_that_can_end_without_the_topic_is_a_build_error() {
    let src = topic_flow(false);
    let errors = rejected(&src);
    the_error(
        &errors,
        ErrorKind::TopicMissed,
        line_of(&src, "id = \"partner\""),
        &[
            "the answer \"worry.partner\"",
            "topic \"abuse\"",
            "outcome \"fine\" (self-care)",
            "danger=no worry=partner mood=ok",
        ],
        "to an outcome with \"abuse\" in its `topics` or with urgency = \"emergency\"",
    );
    assert_eq!(ErrorKind::TopicMissed.code(), "unsafe");
    assert_eq!(errors.len(), 1, "{errors:?}");
}

#[test]
fn an_urgent_outcome_without_the_topic_does_not_cover_it() {
    // Only an emergency stands in for a topic; an urgent outcome must list it.
    let src = topic_flow(true).replace(
        "id = \"talk\"\nurgency = \"support\"\ntitle = \"talk\"\nsummary = \"S.\"\ntopics = [\"abuse\", \"money\"]",
        "id = \"talk\"\nurgency = \"urgent\"\ntitle = \"talk\"\nsummary = \"S.\"\ntopics = [\"money\"]\n[[outcome]]\nid = \"elsewhere\"\nurgency = \"support\"\ntitle = \"E\"\nsummary = \"S.\"\ntopics = [\"abuse\"]",
    );
    let errors = rejected(&src);
    the_error(
        &errors,
        ErrorKind::TopicMissed,
        line_of(&src, "id = \"partner\""),
        &[
            "outcome \"talk\" (urgent)",
            "danger=no worry=partner mood=low",
        ],
        "\"abuse\"",
    );
}

#[test]
fn a_topic_no_outcome_lists_is_dangling() {
    let src = topic_flow(true).replace("topics = [\"abuse\", \"money\"]", "topics = [\"money\"]");
    let errors = rejected(&src);
    assert!(
        errors.iter().all(|e| e.kind == ErrorKind::Dangling),
        "{errors:?}"
    );
    assert_eq!(
        errors.len(),
        2,
        "the danger answer's topic and the partner's: {errors:?}"
    );
    let partner = line_of(&src, "id = \"partner\"") + 2;
    let e = &errors[1];
    assert_eq!(e.pos.map(|p| (p.line, p.col)), Some((partner, 11)));
    assert_eq!(
        e.message,
        "the topic \"abuse\" is listed by no outcome in this flow"
    );
    assert_eq!(
        e.help,
        "add \"abuse\" to the `topics` of the outcomes that cover it; the outcomes' topics are: money"
    );
    let typo = topic_flow(true).replace(
        "topics = [\"abuse\"]\nnext = \"mood\"",
        "topics = [\"abuze\"]\nnext = \"mood\"",
    );
    let errors = rejected(&typo);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].kind, ErrorKind::Dangling);
    assert_eq!(errors[0].help, "did you mean \"abuse\"?");
}

#[test]
fn topic_ids_and_flags_are_checked() {
    let src = topic_flow(true)
        .replace(
            "topics = [\"abuse\"]\nnext = \"mood\"",
            "topics = [\"Abuse!\"]\nnext = \"mood\"",
        )
        .replace(
            "id = \"money\"\ntext = \"Money\"\n",
            "id = \"money\"\ntext = \"Money\"\nflags = [\"urgnet\"]\n",
        );
    let errors = rejected(&src);
    let got: Vec<(u32, ErrorKind)> = errors
        .iter()
        .map(|e| (e.pos.map_or(0, |p| p.line), e.kind))
        .collect();
    let flag = line_of(&src, "flags = [\"urgnet\"]");
    let topic = line_of(&src, "topics = [\"Abuse!\"]");
    assert_eq!(
        got,
        [(flag, ErrorKind::Invalid), (topic, ErrorKind::Invalid)],
        "{errors:?}"
    );
    assert!(errors[0].help.contains("\"urgent\""), "{}", errors[0].help);
    assert!(
        errors[1].message.contains("not a valid topic id"),
        "{}",
        errors[1].message
    );
}

// ---------------------------------------------------------------------------------------
// `[flow] screens`

/// The danger screen's `no` asks `home` (a screen) first, then `mood`; `maybe` comes
/// second and goes to `mood` directly, unless `maybe_to` sends it elsewhere. `mood=ok`
/// ends at the calm `fine`, `mood=low` at the calm `talk`; `home=unsafe` at `soon`.
fn screens_flow(maybe_to: &str) -> String {
    let head = HEAD.replace("disclaimer", "screens = [\"home\"]\ndisclaimer");
    let danger = danger_q("home")
        + &format!(
            "[[question.answer]]\nid = \"maybe\"\ntext = \"Maybe\"\nnext = \"{maybe_to}\"\n"
        );
    format!(
        "{head}{danger}\n[[question]]\nid = \"home\"\ntext = \"Safe at home?\"\n[[question.answer]]\nid = \"safe\"\ntext = \"Yes\"\nnext = \"mood\"\n[[question.answer]]\nid = \"unsafe\"\ntext = \"No\"\nnext = \"soon\"\n\n[[question]]\nid = \"mood\"\ntext = \"Mood?\"\n[[question.answer]]\nid = \"ok\"\ntext = \"Ok\"\nnext = \"fine\"\n[[question.answer]]\nid = \"low\"\ntext = \"Low\"\nnext = \"talk\"\n{}{}{}{}",
        outcome("help", "emergency", ""),
        outcome("soon", "urgent", ""),
        outcome("talk", "support", ""),
        outcome("fine", "self-care", ""),
    )
}

#[test]
fn every_calm_outcome_after_the_screens_is_proven() {
    let flow = proven(&screens_flow("home"));
    assert_eq!(flow.screens, [flow.question("home").expect("home")]);
    // A path may skip a screen on its way to urgent help.
    proven(&screens_flow("soon"));
}

#[test]
fn a_calm_outcome_reached_without_a_screen_is_a_build_error() {
    let src = screens_flow("mood");
    let errors = rejected(&src);
    the_error(
        &errors,
        ErrorKind::ScreenSkipped,
        line_of(&src, "screens = [\"home\"]"),
        &[
            "the calm outcome \"fine\" (self-care)",
            "without asking \"home\"",
            "danger=maybe mood=ok",
        ],
        "ask every visitor these questions before a calm outcome",
    );
    assert_eq!(ErrorKind::ScreenSkipped.code(), "unsafe");
    assert_eq!(
        errors.len(),
        1,
        "reported once, not per calm outcome: {errors:?}"
    );
}

#[test]
fn a_screen_that_names_no_question_is_dangling() {
    let src = screens_flow("home").replace("screens = [\"home\"]", "screens = [\"hom\"]");
    let errors = rejected(&src);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].kind, ErrorKind::Dangling);
    assert_eq!(
        errors[0].pos.map(|p| p.line),
        Some(line_of(&src, "screens = [\"hom\"]"))
    );
    assert_eq!(errors[0].message, "\"hom\" names no question in this flow");
    assert_eq!(errors[0].help, "did you mean \"home\"?");
}

// ---------------------------------------------------------------------------------------
// Packs carry the new fields.

#[test]
fn urgent_topics_and_screens_survive_the_wire_form() {
    for src in [urgent_flow(true), topic_flow(true), screens_flow("home")] {
        let flow = proven(&src);
        let bytes = crate::wire::encode(&flow);
        assert_eq!(crate::wire::decode::<Flow>(&bytes), Some(flow));
    }
    let flow = proven(&screens_flow("home"));
    let mut bad = flow.clone();
    bad.screens.push(flow.questions.len());
    assert!(flow.is_consistent() && !bad.is_consistent());
}
