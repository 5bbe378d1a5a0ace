//! Engine tests, data-driven in the rust-analyzer style: a flow or a path as text in, the
//! rendered result out, with the expectation written beside it.

use std::rc::Rc;

use crate::analysis::{self, describe_step};
use crate::compile::compile_toml;
use crate::contacts;
use crate::model::{Choice, Urgency};
use crate::rich::{Block, Inline, Rich, RichError};
use crate::session::{Event, Screen, Session};
use crate::view::{self, Body, Settings};
use crate::Flow;

const DEFAULT: &str = include_str!("../../../flows/default.toml");
const CONTACTS: &str = include_str!("../../../data/crisis-contacts.toml");

fn default_flow() -> Rc<Flow> {
    match compile_toml(DEFAULT) {
        Ok(c) => Rc::new(c.flow),
        Err(errors) => panic!(
            "{}",
            errors
                .iter()
                .map(|e| e.render("flows/default.toml"))
                .collect::<Vec<_>>()
                .join("\n")
        ),
    }
}

/// Drives a session through `path` ("question=answer+answer …") with real events and
/// returns what the visitor ends on: `outcome (urgency): advice …`, or the screen it got stuck on.
fn walk(flow: &Rc<Flow>, path: &str) -> String {
    let mut s = Session::new(flow.clone());
    let steps = analysis::parse_answers(flow, path).unwrap_or_else(|e| panic!("{path}: {e}"));
    for (q, c) in steps {
        let Screen::Question(on) = s.screen() else {
            return format!("ended before {}", flow.questions[q].id);
        };
        assert_eq!(
            flow.questions[on].id, flow.questions[q].id,
            "expected to be asked {}",
            flow.questions[q].id
        );
        for a in c.iter() {
            s.update(Event::Choose {
                answer: a,
                checked: true,
            });
        }
        s.update(Event::Continue);
    }
    match s.screen() {
        Screen::Result(o) => {
            let advice: Vec<&str> = s
                .advice(o)
                .into_iter()
                .map(|a| flow.advice[a].id.as_str())
                .collect();
            format!(
                "{} ({}): {}",
                flow.outcomes[o].id,
                flow.outcomes[o].urgency.as_str(),
                advice.join(" ")
            )
        }
        Screen::Question(q) => format!("still asking {}", flow.questions[q].id),
    }
}

/// One visitor per hazard of docs/content-map.md's hazard log, answering as a frightened
/// visitor might (the calmer answer where two fit), and the ordinary paths.
#[test]
fn default_flow_key_paths() {
    let flow = default_flow();
    let ordinary = "danger=no emergency=no adult=yes illness=no";
    let suicide = "get-help-now (emergency): stay-safe means-safety ask-directly";
    let others = "danger-to-others (emergency): keep-safe";
    let medical = "medical-emergency (emergency): medical-wait";
    let cases = [
        // Suicide risk, said plainly or only hinted at.
        ("danger=harm-self", suicide),
        ("danger=talks-death", suicide),
        ("danger=not-sure check-danger=calm", suicide),
        ("danger=not-sure check-danger=burden+goodbye", suicide),
        ("danger=not-sure check-danger=substance", suicide),
        // Risk to others: never "stay with them", even with suicide signs too.
        ("danger=harm-others", others),
        ("danger=threat", others),
        ("danger=not-sure check-danger=hopeless+means+threats", others),
        ("danger=no emergency=safety", others),
        // Medical emergencies, also after "not sure" and after "no danger".
        ("danger=medical", medical),
        ("danger=not-sure check-danger=none emergency=health", medical),
        ("danger=no emergency=health", medical),
        // A housing or money crisis: urgent, not the emergency number.
        ("danger=no emergency=housing", "housing-crisis (urgent): housing-help warning-signs"),
        ("danger=no emergency=no adult=no", "minor (urgent): parent-role"),
        // Substance use brings in a professional.
        (
            "danger=no emergency=no adult=yes illness=substance",
            "substance-use (urgent): substance-talk warning-signs",
        ),
        ("danger=no emergency=no adult=yes illness=yes", "serious-illness (urgent): involve-professionals"),
        ("danger=no emergency=no adult=yes illness=not-sure", "serious-illness (urgent): involve-professionals"),
        (
            "danger=not-sure check-danger=none emergency=no adult=yes illness=no feelings=none coping=well offers=stopped personal=no reaction=declined",
            "ordinary (self-care): warning-signs ready-when-they-are joys example hope",
        ),
        (
            &format!("{ordinary} feelings=none coping=well offers=stopped personal=no reaction=declined"),
            "ordinary (self-care): ready-when-they-are joys example hope",
        ),
        (
            &format!("{ordinary} feelings=sad+frustrated coping=well offers=often personal=no reaction=declined"),
            "ordinary (self-care): step-back stop-nagging ready-when-they-are name-feelings joys example hope",
        ),
        (
            &format!("{ordinary} feelings=confused coping=somewhat offers=sometimes personal=yes reaction=angry"),
            "ordinary (self-care): step-back ready-when-they-are not-about-you after-anger name-feelings sleep-eating joys support-for-you example hope",
        ),
        (
            &format!("{ordinary} feelings=none coping=badly offers=stopped personal=no reaction=withdrew"),
            "ordinary-support (support): ready-when-they-are after-withdrawal sleep-eating joys support-for-you example hope",
        ),
        (
            &format!("{ordinary} feelings=sad+angry coping=well offers=stopped personal=sometimes reaction=other"),
            "ordinary-support (support): ready-when-they-are not-about-you name-feelings joys support-for-you example hope",
        ),
        (
            &format!("{ordinary} feelings=helpless coping=well offers=often personal=no reaction=declined"),
            "ordinary-support (support): step-back stop-nagging ready-when-they-are name-feelings joys support-for-you example hope",
        ),
    ];
    let mut failures = Vec::new();
    for (path, expect) in cases {
        let got = walk(&flow, path);
        if got != expect {
            failures.push(format!("{path}\n  expected: {expect}\n  got:      {got}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Every path of the default flow, walked through the session with real events, against
/// the snapshot in `tests/default-paths.txt`. Refresh it with `UPDATE_EXPECT=1` after a
/// deliberate change to the flow, and read the diff.
#[test]
fn default_flow_every_path_snapshot() {
    let flow = default_flow();
    let mut lines = Vec::new();
    for path in &analysis::paths(&flow, 100_000).expect("a few thousand paths") {
        let described = path.describe(&flow);
        let walked = walk(&flow, &described);
        assert!(
            walked.starts_with(&flow.outcomes[path.outcome].id),
            "the session and the proof disagree on {described}: {walked}"
        );
        lines.push(format!("{described} => {walked}"));
    }
    let got = lines.join("\n") + "\n";
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/default-paths.txt");
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(file, &got).expect("write snapshot");
    }
    let want = std::fs::read_to_string(file).unwrap_or_default();
    if got != want {
        let diff: Vec<String> = got
            .lines()
            .zip(want.lines().chain(std::iter::repeat("")))
            .filter(|(g, w)| g != w)
            .take(5)
            .map(|(g, w)| format!("- {w}\n+ {g}"))
            .collect();
        panic!(
            "{} paths; the snapshot differs (UPDATE_EXPECT=1 to accept):\n{}",
            lines.len(),
            diff.join("\n")
        );
    }
}

#[test]
fn default_flow_is_proven_safe() {
    let flow = default_flow();
    let stats = compile_toml(DEFAULT).expect("compiles").stats;
    assert_eq!((stats.paths, stats.longest), (7442, 10));
    let paths = analysis::paths(&flow, 100_000).expect("a few thousand paths");
    assert_eq!(paths.len(), 7442, "the proof's count and the listing agree");
    let danger: Vec<_> = paths.iter().filter(|p| p.has_danger(&flow)).collect();
    assert_eq!(
        danger.len(),
        520,
        "five danger-screen answers, every combination of warning signs, and the two urgent-now answers of the emergency question, each after the danger screen's calmer answers"
    );
    assert!(danger
        .iter()
        .all(|p| flow.outcomes[p.outcome].urgency == Urgency::Emergency));
    assert!(
        flow.questions[flow.start].answers.iter().any(|a| a.danger),
        "danger is screened first"
    );
}

#[test]
fn session_back_restart_and_change() {
    let flow = default_flow();
    let mut s = Session::new(flow.clone());
    let q = |s: &Session| match s.screen() {
        Screen::Question(q) => flow.questions[q].id.clone(),
        Screen::Result(o) => format!("result:{}", flow.outcomes[o].id),
    };
    // Continue with nothing chosen: an error, and no move.
    s.update(Event::Continue);
    assert!(s.has_error());
    assert_eq!(q(&s), "danger");
    // Back on the first question does nothing.
    s.update(Event::Back);
    assert_eq!(q(&s), "danger");
    let no = flow.questions[flow.start].answers.len() - 1;
    s.update(Event::Choose {
        answer: no,
        checked: true,
    });
    assert!(!s.has_error(), "choosing clears the error");
    s.update(Event::Continue);
    assert_eq!(q(&s), "emergency");
    s.update(Event::Back);
    assert_eq!(q(&s), "danger");
    assert_eq!(s.draft(), Choice::one(no), "Back restores the answer");
    s.update(Event::Continue);
    s.update(Event::Choose {
        answer: 2,
        checked: true,
    });
    s.update(Event::Continue);
    assert_eq!(q(&s), "result:housing-crisis");
    let turn = s.turn();
    // Change the first answer: "emergency" keeps its answer, so Continue returns to the result.
    s.update(Event::Change(flow.start));
    assert!(s.turn() > turn, "a screen change moves focus");
    assert_eq!(q(&s), "danger");
    s.update(Event::Continue);
    assert_eq!(q(&s), "result:housing-crisis");
    // Change it to a danger answer: the path now ends at emergency help.
    s.update(Event::Change(flow.start));
    s.update(Event::Choose {
        answer: 0,
        checked: true,
    });
    s.update(Event::Continue);
    assert_eq!(q(&s), "result:get-help-now");
    assert_eq!(s.path().len(), 1, "answers off the path no longer count");
    // Back from a result returns to its last question.
    s.update(Event::Back);
    assert_eq!(q(&s), "danger");
    s.update(Event::Restart);
    assert_eq!(q(&s), "danger");
    assert_eq!(s.draft(), Choice::NONE);
    // Replaying a path prefix opens its next question with Back working, without a turn.
    let r = Session::replay(flow.clone(), &[(flow.start, Choice::one(no))]);
    assert_eq!((q(&r), r.turn()), ("emergency".to_string(), 0));
    assert!(s.path().is_empty(), "Start again clears every answer");
}

#[test]
fn multiple_choice_exclusive_answer() {
    let flow = default_flow();
    let mut s = Session::new(flow.clone());
    for step in ["danger=no", "emergency=no", "adult=yes", "illness=no"] {
        let (qid, a) = step.split_once('=').unwrap();
        let q = flow.question(qid).unwrap();
        s.update(Event::Choose {
            answer: flow.questions[q]
                .answers
                .iter()
                .position(|x| x.id == a)
                .unwrap(),
            checked: true,
        });
        s.update(Event::Continue);
    }
    let feelings = flow.question("feelings").unwrap();
    let idx = |id: &str| {
        flow.questions[feelings]
            .answers
            .iter()
            .position(|a| a.id == id)
            .unwrap()
    };
    s.update(Event::Choose {
        answer: idx("sad"),
        checked: true,
    });
    s.update(Event::Choose {
        answer: idx("angry"),
        checked: true,
    });
    assert_eq!(
        describe_step(&flow, feelings, s.draft()),
        "feelings=sad+angry"
    );
    s.update(Event::Choose {
        answer: idx("none"),
        checked: true,
    });
    assert_eq!(
        describe_step(&flow, feelings, s.draft()),
        "feelings=none",
        "\"none\" clears the others"
    );
    s.update(Event::Choose {
        answer: idx("sad"),
        checked: true,
    });
    assert_eq!(
        describe_step(&flow, feelings, s.draft()),
        "feelings=sad",
        "another answer clears \"none\""
    );
    s.update(Event::Choose {
        answer: idx("sad"),
        checked: false,
    });
    s.update(Event::Continue);
    assert!(s.has_error(), "unchecking everything leaves nothing chosen");
}

/// A session of `pack` with its first question's first answer (a danger answer) given.
fn first_answer_given(pack: &crate::Pack) -> Session {
    let mut s = Session::new(pack.flow.clone());
    s.update(Event::Choose {
        answer: 0,
        checked: true,
    });
    s.update(Event::Continue);
    s
}

/// The default flow's pack in `lang`, read back as the widget reads it.
fn default_pack(lang: &str) -> crate::Pack {
    let bytes = crate::data::pack(DEFAULT, lang).expect("the default flow packs");
    crate::pack::decode(&bytes).expect("the pack reads back")
}

#[test]
fn view_model_of_first_question_and_result() {
    let flow = default_flow();
    let pack = default_pack("es-MX");
    let s = Session::new(pack.flow.clone());
    let settings = Settings {
        lang: "es-MX".into(),
        region: "uk".into(),
        ..Settings::default()
    };
    let page = view::page(&s, &pack, &settings);
    let Body::Question(q) = &page.body else {
        panic!("starts on a question")
    };
    assert_eq!(
        q.legend, flow.questions[flow.start].text.0[1],
        "Spanish text for es-MX"
    );
    assert_eq!(q.progress, "Pregunta 1 de unas 10");
    assert!(!q.can_go_back);
    let strip: Vec<&str> = page.strip.iter().map(|l| l.href.as_str()).collect();
    assert_eq!(
        strip,
        ["tel:999", "tel:116123"],
        "UK strip: emergency, then Samaritans (no text link)"
    );
    assert!(
        page.practice.is_none(),
        "no practice line unless configured"
    );

    let pack = default_pack("en");
    let s = first_answer_given(&pack);
    let mut settings = Settings {
        lang: "en".into(),
        region: "nowhere".into(),
        practice_name: "Riverside".into(),
        practice_phone: "(555) 010-2000".into(),
        practice_url: "javascript:alert(1)".into(),
    };
    let page = view::page(&s, &pack, &settings);
    assert_eq!(
        (page.region.as_str(), page.strip.len(), page.contacts.len()),
        ("", 0, 0),
        "an unknown region shows no country's numbers"
    );
    settings.region = " GB ".into();
    assert_eq!(
        view::page(&s, &pack, &settings).region,
        "uk",
        "the ISO code gb is the UK"
    );
    settings.region = "us".into();
    let page = view::page(&s, &pack, &settings);
    let Body::Result(r) = &page.body else {
        panic!("a danger answer ends at a result")
    };
    assert_eq!(
        (r.heading.as_str(), r.contacts_first),
        ("Get help now", true)
    );
    let strip: Vec<&str> = page.strip.iter().map(|l| l.label.as_str()).collect();
    assert_eq!(strip, ["call 911", "call 988", "text 988"]);
    let text = page.take_away().expect("a result has a take-away");
    assert!(text.starts_with("Get help now\n"), "{text}");
    assert!(
        text.contains("call 988"),
        "contacts are in the take-away: {text}"
    );
    assert!(
        !text.contains(&flow.questions[flow.start].answers[0].text.0[0]),
        "answers are left out"
    );
    let practice = page.practice.expect("configured");
    assert_eq!(
        practice.phone.map(|l| l.href),
        Some("tel:5550102000".to_string())
    );
    assert_eq!(practice.url, None, "only https links are shown");
}

#[test]
fn crisis_directory_covers_every_region() {
    let d = contacts::from_toml(CONTACTS).expect("directory parses");
    let codes: Vec<&str> = d.regions.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(codes, ["us", "ca", "uk", "ie", "au", "nz", "eu"]);
    for r in &d.regions {
        assert_eq!(
            r.contacts[0].kind,
            contacts::ContactKind::Emergency,
            "{}: the emergency number comes first",
            r.code
        );
    }
    let samaritans = d
        .regions
        .iter()
        .flat_map(|r| &r.contacts)
        .filter(|c| c.number == "116 123");
    assert!(
        samaritans.clone().count() >= 2 && samaritans.into_iter().all(|c| c.sms.is_none()),
        "Samaritans takes no texts"
    );
}

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

const DANGER_Q: &str = r#"
[[question]]
id = "danger"
text = "In danger?"
[[question.answer]]
id = "yes"
text = "Yes"
flags = ["danger"]
next = "help"
[[question.answer]]
id = "no"
text = "No"
next = "fine"

[[outcome]]
id = "help"
urgency = "emergency"
title = "Help"
summary = "Call now."
"#;

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
flags = ["danger", "urgent"]
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

#[test]
fn rich_text_parses_to_a_tree_and_rejects_unsafe_links() {
    let r = Rich::parse("Call *now*.\n\n- [988](tel:988)\n- **Text** us").unwrap();
    assert_eq!(
        r.0,
        vec![
            Block::Para(vec![
                Inline::Text("Call ".into()),
                Inline::Em("now".into()),
                Inline::Text(".".into())
            ]),
            Block::List(vec![
                vec![Inline::Link {
                    label: "988".into(),
                    href: "tel:988".into()
                }],
                vec![Inline::Strong("Text".into()), Inline::Text(" us".into())]
            ]),
        ]
    );
    assert_eq!(
        Rich::parse("[x](javascript:alert(1))"),
        Err(RichError::Scheme("javascript:alert(1".into()))
    );
    assert_eq!(
        Rich::parse("<script>alert(1)</script>").unwrap().plain(),
        "<script>alert(1)</script>\n",
        "markup is text, never HTML"
    );
}

#[test]
fn compiled_flow_round_trips_through_the_bundle_format() {
    let flow = default_flow();
    let bytes = crate::wire::encode(&*flow);
    let back: Flow = crate::wire::decode(&bytes).expect("decodes");
    assert_eq!(back, *flow);
    let directory = contacts::from_toml(CONTACTS).unwrap();
    assert_eq!(
        crate::wire::decode(&crate::wire::encode(&directory)),
        Some(directory)
    );
    // Damaged bytes read as nothing, never a panic.
    for cut in [0, 1, bytes.len() / 2, bytes.len() - 1] {
        assert_eq!(
            crate::wire::decode::<Flow>(&bytes[..cut]),
            None,
            "cut at {cut}"
        );
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert_eq!(
        crate::wire::decode::<Flow>(&longer),
        None,
        "trailing bytes are refused"
    );
}

/// A generated flow of `n` questions, each with a danger answer and two ordinary ones that
/// both lead on: 3^n paths, far too many to list, with no conditions to track.
fn long_flow(n: usize, danger_to: &str) -> String {
    let mut src = String::from("[flow]\nid = \"long\"\nversion = \"1\"\ntitle = \"T\"\nintro = \"I\"\ndisclaimer = \"D\"\n");
    for i in 0..n {
        let next = if i + 1 == n {
            "done".to_string()
        } else {
            format!("q{}", i + 1)
        };
        src += &format!(
            "\n[[question]]\nid = \"q{i}\"\ntext = \"Q{i}\"\n[[question.answer]]\nid = \"d\"\ntext = \"Danger\"\nflags = [\"danger\"]\nnext = \"{danger_to}\"\n[[question.answer]]\nid = \"a\"\ntext = \"A\"\nnext = \"{next}\"\n[[question.answer]]\nid = \"b\"\ntext = \"B\"\nnext = \"{next}\"\n"
        );
    }
    src += "\n[[outcome]]\nid = \"help\"\nurgency = \"emergency\"\ntitle = \"H\"\nsummary = \"S\"\n[[outcome]]\nid = \"done\"\nurgency = \"self-care\"\ntitle = \"D\"\nsummary = \"S\"\n";
    src
}

#[test]
fn a_hundred_question_flow_is_proven_without_listing_paths() {
    let c = compile_toml(&long_flow(100, "help")).unwrap_or_else(|e| panic!("{e:?}"));
    // 2^100 ordinary paths, plus one danger exit after each of the 2^i prefixes.
    let expected = (1u128 << 100) + ((1u128 << 100) - 1);
    assert_eq!((c.stats.paths, c.stats.longest), (expected, 100));
    assert!(
        c.stats.states <= 200,
        "one state per question and danger answer, not per path: {}",
        c.stats.states
    );
    assert!(
        analysis::paths(&c.flow, 1000).is_none(),
        "listing refuses rather than running forever"
    );

    let unsafe_flow = long_flow(100, "done");
    let errors = compile_toml(&unsafe_flow).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.kind == crate::ErrorKind::DangerMissesEmergency),
        "{errors:?}"
    );
}

#[test]
fn json_front_door_round_trips_the_default_flow() {
    let doc = crate::doc::from_toml(DEFAULT).unwrap();
    let json = crate::doc::to_json(&doc);
    assert!(!json.contains('<'), "safe to inline in a <script> element");
    let back =
        crate::doc::from_json(&json).unwrap_or_else(|e| panic!("{}", e.render("default.json")));
    let from_json = crate::compile(&back)
        .unwrap_or_else(|e| panic!("{e:?}"))
        .flow;
    assert_eq!(
        from_json,
        *default_flow(),
        "JSON and TOML give the same flow"
    );
}

#[test]
fn json_errors_point_at_the_line() {
    let err = crate::doc::from_json("{\n  \"flow\": {\n    \"id\": \"x\",\n  }\n}").unwrap_err();
    assert_eq!(err.render("f.json"), "f.json:4:3: error[syntax]: this is not valid JSON: expected a string in double quotes\n  help: write the file with `selfcheck json`, or check commas, quotes and brackets");
    let deep = "[".repeat(1000);
    assert_eq!(
        crate::doc::from_json(&deep).unwrap_err().kind.code(),
        "syntax",
        "deep nesting is refused, not a stack overflow"
    );
}

/// Both languages walk the same paths to the same outcomes, and every screen on the way has
/// its words in each language: the translations cannot drift apart.
#[test]
fn every_path_in_both_languages_has_every_word() {
    let flow = default_flow();
    let paths = analysis::paths(&flow, 100_000).unwrap();
    for lang in &flow.languages {
        let lang = lang.as_str();
        let pack = default_pack(lang);
        let settings = Settings {
            lang: lang.into(),
            region: "us".into(),
            ..Settings::default()
        };
        for path in paths.iter().step_by(7) {
            let mut s = Session::new(pack.flow.clone());
            for &(q, c) in &path.steps {
                let page = view::page(&s, &pack, &settings);
                let Body::Question(v) = &page.body else {
                    panic!("{lang}: a question comes next")
                };
                assert!(
                    !v.legend.is_empty() && v.options.iter().all(|o| !o.label.is_empty()),
                    "{lang}: {}",
                    flow.questions[q].id
                );
                for a in c.iter() {
                    s.update(Event::Choose {
                        answer: a,
                        checked: true,
                    });
                }
                s.update(Event::Continue);
            }
            let page = view::page(&s, &pack, &settings);
            let Body::Result(r) = &page.body else {
                panic!("{lang}: the path ends at a result")
            };
            assert_eq!(
                r.outcome, flow.outcomes[path.outcome].id,
                "{lang}: same outcome"
            );
            assert!(
                !r.title.is_empty()
                    && !r.summary.0.is_empty()
                    && r.advice
                        .iter()
                        .all(|a| !a.title.is_empty() && !a.body.0.is_empty()),
                "{lang}: {}",
                r.outcome
            );
        }
    }
    // Spanish really is Spanish: no text of the flow is the English text copied over.
    let es = flow.lang("es");
    let copied: Vec<&str> = flow
        .questions
        .iter()
        .map(|q| &q.text)
        .chain(flow.outcomes.iter().map(|o| &o.title))
        .chain(flow.advice.iter().map(|a| &a.title))
        .filter(|t| t.get(0) == t.get(es))
        .map(|t| t.get(0))
        .collect();
    assert!(copied.is_empty(), "untranslated: {copied:?}");
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
            "f.toml:20:1: error[unknown-field]: an answer of question \"danger\" has no field `nxt`\n  help: the fields of an answer of question \"danger\" are: id, text, flags, exclusive, score, next; check the spelling",
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
    let doc = include_str!("../../../docs/flow-format.md");
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

// ---------------------------------------------------------------------------------------
// Packs: one flow in one language, with the widget's words and the contact names.

#[test]
fn every_language_of_the_default_flow_packs_and_reads_back() {
    let flow = default_flow();
    let uis = crate::data::uis().unwrap();
    let directory = crate::data::directory().unwrap();
    for lang in &flow.languages {
        let pack = crate::pack::assemble(&flow, lang, &uis, &directory).unwrap();
        assert_eq!(pack.ui.lang, *lang);
        assert_eq!(pack.flow.languages, std::slice::from_ref(lang));
        assert!(
            pack.flow.same_shape(&flow),
            "{lang}: routes exactly like the flow"
        );
        assert_eq!(pack.engine, crate::pack::ENGINE);
        assert_eq!(pack.directory.regions.len(), directory.regions.len());
        let codes: Vec<&str> = pack.languages.iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(
            codes, flow.languages,
            "{lang}: the switch offers every language"
        );
        let bytes = crate::pack::encode(&pack);
        assert_eq!(&bytes[..4], b"SCPK");
        assert_eq!(crate::pack::decode(&bytes), Ok(pack), "{lang}");
    }
}

#[test]
fn a_damaged_truncated_or_foreign_pack_is_refused_never_a_panic() {
    use crate::pack::{decode, PackError, FORMAT};
    let bytes = crate::data::pack(DEFAULT, "en").unwrap();
    for cut in (0..bytes.len()).step_by(97).chain([bytes.len() - 1]) {
        assert!(decode(&bytes[..cut]).is_err(), "cut at {cut}");
    }
    for i in (0..bytes.len()).step_by(61) {
        let mut flipped = bytes.clone();
        flipped[i] ^= 0x01;
        assert!(decode(&flipped).is_err(), "byte {i} flipped");
    }
    let mut newer = bytes.clone();
    newer[4] = FORMAT + 1;
    assert_eq!(decode(&newer), Err(PackError::Format(FORMAT + 1)));
    assert!(decode(&newer).unwrap_err().to_string().contains("format"));
    assert_eq!(decode(b"<!doctype html>"), Err(PackError::NotAPack));
    let mut longer = bytes.clone();
    longer.push(0);
    assert_eq!(decode(&longer), Err(PackError::Damaged), "trailing bytes");
}

#[test]
fn a_pack_with_a_valid_checksum_but_a_dangling_index_is_refused() {
    let mut pack = default_pack("en");
    let mut flow = (*pack.flow).clone();
    flow.questions[0].answers[0].next = Some(crate::model::Target::Question(999));
    pack.flow = Rc::new(flow);
    let bytes = crate::pack::encode(&pack);
    assert_eq!(
        crate::pack::decode(&bytes),
        Err(crate::pack::PackError::Damaged),
        "a session could index out of bounds on it"
    );
}

#[test]
fn switching_packs_keeps_the_answers_and_refuses_another_flow() {
    let en = default_pack("en");
    let es = default_pack("es");
    let mut s = Session::new(en.flow.clone());
    s.update(Event::Choose {
        answer: en.flow.questions[en.flow.start].answers.len() - 1,
        checked: true,
    });
    s.update(Event::Continue);
    let screen = s.screen();
    assert!(s.relabel(es.flow.clone()), "the same flow in Spanish");
    assert_eq!(s.screen(), screen);
    assert_eq!(s.path().len(), 1, "the answer carried over");
    let other = crate::compile_toml(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/rtl/flow.toml"
        ))
        .unwrap(),
    )
    .unwrap();
    assert!(
        !s.relabel(Rc::new(other.flow)),
        "another flow is not relabelled"
    );
}

/// Adding a language is data only: the widget's words, the flow's texts and the contact
/// names. This test-only Arabic needs no code, and renders right to left.
#[test]
fn a_test_only_right_to_left_language_needs_only_data() {
    let fixture = |name: &str| {
        std::fs::read_to_string(format!(
            "{}/tests/fixtures/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    };
    let mut uis = crate::data::uis().unwrap();
    uis.push(crate::ui::from_toml(&fixture("rtl/ui/ar.toml")).unwrap());
    let directory = contacts::from_toml(&fixture("rtl/crisis-contacts.toml")).unwrap();
    let compiled = crate::compile_toml(&fixture("rtl/flow.toml")).unwrap();
    let built = crate::pack::build(&compiled, &uis, &directory).unwrap();
    let names: Vec<&str> = built.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["rtl-fixture.en.pack", "rtl-fixture.ar.pack"]);
    let pack = crate::pack::decode(&built[1].1).unwrap();
    let settings = Settings {
        lang: "ar-EG".into(),
        region: "us".into(),
        ..Settings::default()
    };
    let page = view::page(&Session::new(pack.flow.clone()), &pack, &settings);
    assert_eq!(page.ui.dir, crate::ui::Dir::Rtl);
    let Body::Question(q) = &page.body else {
        panic!("a question")
    };
    assert_eq!(q.legend, "هل أحد في خطر الآن؟");
    assert_eq!(q.progress, "السؤال 1 من حوالي 1");
    assert_eq!(page.strip[0].label, "اتصل بالرقم 911");
    assert_eq!(page.languages[1], ("ar".to_string(), "العربية".to_string()));
}

#[test]
fn packing_refuses_missing_words_duplicate_ids_and_stale_numbers() {
    let uis = crate::data::uis().unwrap();
    let directory = crate::data::directory().unwrap();
    let files = |a: &str, b: &str| {
        vec![
            ("flows/a.toml".to_string(), a.to_string()),
            ("flows/b.toml".to_string(), b.to_string()),
        ]
    };
    let today = "2026-06-01";
    let err =
        crate::pack::build_all(&files(DEFAULT, DEFAULT), &uis, &[], &directory, today).unwrap_err();
    assert!(
        err.iter()
            .any(|e| e.contains("flows/b.toml and flows/a.toml both have the flow id")),
        "{err:?}"
    );
    let ar = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/rtl/flow.toml"
    ))
    .unwrap();
    let err =
        crate::pack::build_all(&files(DEFAULT, &ar), &uis, &[], &directory, today).unwrap_err();
    assert!(err.iter().any(|e| e.contains("data/ui/ar.toml")), "{err:?}");
    let broken = DEFAULT.replacen("next = \"get-help-now\"", "next = \"nowhere\"", 1);
    let err =
        crate::pack::build_all(&files(&broken, &ar), &uis, &[], &directory, today).unwrap_err();
    assert!(
        err.iter().any(|e| e.contains("flows/a.toml:")),
        "file:line in {err:?}"
    );
    // A number checked 13 months before warns; 19 months before fails the build.
    let checked = directory.regions[0].contacts[0].checked.clone();
    let year: i32 = checked[..4].parse().unwrap();
    let later = |months: i32| {
        let m: i32 = checked[5..7].parse::<i32>().unwrap() - 1 + months;
        format!("{}-{:02}-{}", year + m / 12, m % 12 + 1, &checked[8..])
    };
    let one = vec![("flows/default.toml".to_string(), DEFAULT.to_string())];
    let built = crate::pack::build_all(&one, &uis, &[], &directory, &later(11)).unwrap();
    assert!(built.warnings.is_empty(), "{:?}", built.warnings);
    let built = crate::pack::build_all(&one, &uis, &[], &directory, &later(13)).unwrap();
    assert!(
        built.warnings.iter().any(|w| w.contains("12 months")),
        "{:?}",
        built.warnings
    );
    let err = crate::pack::build_all(&one, &uis, &[], &directory, &later(19)).unwrap_err();
    assert!(err.iter().any(|e| e.contains("18 months")), "{err:?}");
}

#[test]
fn dates_are_read_and_written_in_the_calendar() {
    assert_eq!(contacts::today(0), "1970-01-01");
    assert_eq!(contacts::today(1_780_272_000), "2026-06-01");
    assert_eq!(contacts::today(951_782_400), "2000-02-29");
}

// ---------------------------------------------------------------------------------------
// The safety lint: what a screen says. Each rule rejects a fixture, naming file and line.

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

#[test]
fn the_first_paths_are_the_listing_s_first_without_walking_the_rest() {
    let flow = default_flow();
    let all = analysis::paths(&flow, 100_000).unwrap();
    for n in [0, 1, 7, 500] {
        let first = analysis::first_paths(&flow, n);
        assert_eq!(first.len(), n);
        assert!(first
            .iter()
            .zip(&all)
            .all(|(a, b)| a.steps == b.steps && a.outcome == b.outcome));
    }
    assert_eq!(analysis::first_paths(&flow, 100_000).len(), all.len());
}

// ---------------------------------------------------------------------------------------
// Validated questionnaires: scores, bands, the item-9 rule and the verbatim lock.

const PHQ9: &str = include_str!("../../../flows/phq-9.toml");
const GAD7: &str = include_str!("../../../flows/gad-7.toml");

/// Answers our danger screen "no", then each item with the answer scoring `points[i]`;
/// returns the outcome, the score line and the band line the result shows.
fn score_walk(src: &'static str, points: &[usize]) -> (String, String, String) {
    // Proving the PHQ-9 walks 262,147 paths: each questionnaire is packed once per run.
    thread_local! {
        static PACKS: std::cell::RefCell<Vec<(&'static str, crate::Pack)>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let pack = PACKS.with(|p| {
        let mut p = p.borrow_mut();
        if let Some((_, pack)) = p.iter().find(|(s, _)| std::ptr::eq(*s, src)) {
            return pack.clone();
        }
        let pack = crate::pack::decode(&crate::data::pack(src, "en").unwrap()).unwrap();
        p.push((src, pack.clone()));
        pack
    });
    let flow = pack.flow.clone();
    let mut s = Session::new(flow.clone());
    let no = flow.questions[flow.start]
        .answers
        .iter()
        .position(|a| a.id == "no")
        .unwrap();
    s.update(Event::Choose {
        answer: no,
        checked: true,
    });
    s.update(Event::Continue);
    for &p in points {
        s.update(Event::Choose {
            answer: p,
            checked: true,
        });
        s.update(Event::Continue);
    }
    let page = view::page(
        &s,
        &pack,
        &Settings {
            region: "us".into(),
            ..Settings::default()
        },
    );
    let Body::Result(r) = page.body else {
        panic!("{points:?} ends at a result")
    };
    let score = r.score.expect("a questionnaire's result shows its score");
    (r.outcome, score.total, score.band)
}

/// `total` points over `items` items of 0–3 points each, the first items filled first.
fn spread(total: usize, items: usize) -> Vec<usize> {
    let mut left = total;
    (0..items)
        .map(|_| {
            let p = left.min(3);
            left -= p;
            p
        })
        .collect()
}

#[test]
fn phq9_scores_every_band_edge() {
    // Totals spread over items 1–8 (item 9 "Not at all"), at every published cut-point.
    let spread = |total: usize| {
        let mut points = spread(total, 8);
        points.push(0);
        points
    };
    let cases = [
        (0, "minimal", "Minimal (0–4)"),
        (4, "minimal", "Minimal (0–4)"),
        (5, "mild", "Mild (5–9)"),
        (9, "mild", "Mild (5–9)"),
        (10, "moderate", "Moderate (10–14)"),
        (14, "moderate", "Moderate (10–14)"),
        (15, "moderately-severe", "Moderately severe (15–19)"),
        (19, "moderately-severe", "Moderately severe (15–19)"),
        (20, "severe", "Severe (20–27)"),
        (24, "severe", "Severe (20–27)"),
    ];
    for (total, outcome, band) in cases {
        let got = score_walk(PHQ9, &spread(total));
        assert_eq!(
            got,
            (
                outcome.to_string(),
                format!("Your score: {total} of 27"),
                band.to_string()
            ),
            "total {total}"
        );
    }
}

#[test]
fn phq9_item_9_overrides_any_total_with_immediate_help() {
    let mut one = vec![0; 8];
    one.push(1);
    assert_eq!(
        score_walk(PHQ9, &one),
        (
            "self-harm-thoughts".into(),
            "Your score: 1 of 27".into(),
            "Minimal (0–4)".into()
        ),
        "a low total never hides the suicide item"
    );
    assert_eq!(
        score_walk(PHQ9, &[3; 9]),
        (
            "self-harm-thoughts".into(),
            "Your score: 27 of 27".into(),
            "Severe (20–27)".into()
        )
    );
    // The outcome leads with the crisis line and the emergency number, and the proof covers
    // item 9 like the danger screen: routed elsewhere, the flow does not build.
    let flow = compile_toml(PHQ9).unwrap().flow;
    let o = &flow.outcomes[flow.outcome("self-harm-thoughts").unwrap()];
    assert_eq!(o.urgency, Urgency::Emergency);
    assert_eq!(
        o.contacts.as_deref(),
        Some(
            &[
                crate::model::ContactGroup::Crisis,
                crate::model::ContactGroup::Emergency
            ][..]
        )
    );
    let unsafe_src = PHQ9.replacen("to = \"self-harm-thoughts\"", "to = \"minimal\"", 1);
    let errors = compile_toml(&unsafe_src).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.kind == crate::ErrorKind::DangerMissesEmergency),
        "{errors:?}"
    );
}

#[test]
fn gad7_scores_every_band_edge_all_zero_and_all_max() {
    let spread = |total: usize| spread(total, 7);
    for (total, outcome, band) in [
        (0, "minimal", "Minimal (0–4)"),
        (4, "minimal", "Minimal (0–4)"),
        (5, "mild", "Mild (5–9)"),
        (9, "mild", "Mild (5–9)"),
        (10, "moderate", "Moderate (10–14)"),
        (14, "moderate", "Moderate (10–14)"),
        (15, "severe", "Severe (15–21)"),
        (21, "severe", "Severe (15–21)"),
    ] {
        let got = score_walk(GAD7, &spread(total));
        assert_eq!(
            got,
            (
                outcome.to_string(),
                format!("Your score: {total} of 21"),
                band.to_string()
            ),
            "total {total}"
        );
    }
}

#[test]
fn the_verbatim_lock_catches_a_one_word_change() {
    let mut caught = 0;
    for src in [PHQ9, GAD7] {
        // One word of one item, and one answer label (the known GAD-7 misprint).
        for (from, to) in [
            (
                "text.en = \"Trouble relaxing",
                "text.en = \"Problems relaxing",
            ),
            ("text.en = \"Little interest", "text.en = \"Less interest"),
            ("text.en = \"Not at all\"", "text.en = \"Not at all sure\""),
        ] {
            if !src.contains(from) {
                continue;
            }
            let changed = src.replacen(from, to, 1);
            let errors = compile_toml(&changed).unwrap_err();
            let rendered: Vec<String> = errors.iter().map(|e| e.render("f.toml")).collect();
            assert!(
                rendered
                    .iter()
                    .any(|e| e.contains("error[verbatim]: validated wording changed")),
                "{from} → {to}: {rendered:?}"
            );
            assert!(
                rendered.iter().all(|e| e.starts_with("f.toml:")),
                "file:line: {rendered:?}"
            );
            caught += 1;
        }
    }
    assert_eq!(
        caught, 4,
        "each change was tried on the questionnaires that have it"
    );
}

#[test]
fn json_reads_an_escaped_emoji_as_one_character() {
    // Regression: a surrogate pair became two U+FFFD.
    let doc =
        crate::doc::from_json(r#"{"a": "\ud83d\udc9a ok", "b": "\ud83d alone", "c": "\u00e9"}"#)
            .unwrap();
    let text = |k: &str| match &doc.get(k).unwrap().value {
        crate::doc::Value::Str(s) => s.clone(),
        _ => panic!("a string"),
    };
    assert_eq!(text("a"), "💚 ok");
    assert_eq!(
        text("b"),
        "\u{fffd} alone",
        "a lone surrogate is replaced, never a panic"
    );
    assert_eq!(text("c"), "é");
    // And back: to_json writes it as the character, which reads back the same.
    let mut back = crate::doc::from_json(&crate::doc::to_json(&doc)).unwrap();
    let mut doc = doc;
    strip_positions(&mut back);
    strip_positions(&mut doc);
    assert_eq!(back, doc);
}

fn strip_positions(n: &mut crate::doc::Node) {
    n.pos = None;
    match &mut n.value {
        crate::doc::Value::Array(items) => items.iter_mut().for_each(strip_positions),
        crate::doc::Value::Table(entries) => entries.iter_mut().for_each(|(_, p, v)| {
            *p = None;
            strip_positions(v)
        }),
        _ => {}
    }
}

/// Positions in a large file: line and column stay right, and reading stays linear (a
/// quadratic lookup took seconds on this input).
#[test]
fn positions_in_a_large_flow_are_right_and_quick() {
    let mut src = String::from("[flow]\nid = \"big\"\n");
    for i in 0..20_000 {
        src.push_str(&format!("# line {i}\n"));
    }
    src.push_str("bad = = 1\n");
    let started = std::time::Instant::now();
    let err = crate::doc::from_toml(&src).unwrap_err();
    assert_eq!(err.pos.map(|p| p.line), Some(20_003));
    let json = format!("{{\n{}\"x\": [1, }}", "\n".repeat(50_000));
    let err = crate::doc::from_json(&json).unwrap_err();
    assert_eq!(err.pos.map(|p| p.line), Some(50_002));
    assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
}

#[test]
fn replay_gives_each_answer_to_its_own_question_only() {
    // Regression: replay ignored the question of each step, so a step meant for another
    // question was answered on whatever question was on screen.
    let flow = default_flow();
    let danger = flow.start;
    let no = flow.questions[danger].answers.len() - 1;
    let adult = flow.question("adult").unwrap();
    // "adult" is not asked second (the emergency question is): the replay stops there.
    let s = Session::replay(
        flow.clone(),
        &[(danger, Choice::one(no)), (adult, Choice::one(0))],
    );
    assert_eq!(
        s.screen(),
        Screen::Question(flow.question("emergency").unwrap())
    );
    assert_eq!(
        s.path().len(),
        1,
        "the step for another question was not applied"
    );
    // In order, every step applies.
    let emergency = flow.question("emergency").unwrap();
    let e_no = flow.questions[emergency]
        .answers
        .iter()
        .position(|a| a.id == "no")
        .unwrap();
    let s = Session::replay(
        flow.clone(),
        &[(danger, Choice::one(no)), (emergency, Choice::one(e_no))],
    );
    assert_eq!(s.screen(), Screen::Question(adult));
}

#[test]
fn the_page_says_its_status_and_where_the_quick_exit_goes() {
    let pack = default_pack("en");
    let s = Session::new(pack.flow.clone());
    let settings = Settings {
        region: "us".into(),
        ..Settings::default()
    };
    assert!(view::page(&s, &pack, &settings)
        .status
        .starts_with("Question 1 of about "));
    let mut s = s;
    s.update(Event::Choose {
        answer: 0,
        checked: true,
    });
    s.update(Event::Continue);
    let page = view::page(&s, &pack, &settings);
    let Body::Result(r) = &page.body else {
        panic!("a result")
    };
    assert_eq!(
        page.status,
        format!("Result: {}", r.title),
        "the status names the result; the heading says how soon"
    );
    assert_ne!(page.status, format!("Result: {}", r.heading));
    assert_eq!(
        view::exit_target(" https://example.org/news "),
        "https://example.org/news"
    );
    for bad in [
        "",
        "javascript:alert(1)",
        "http://example.org",
        "https://exa mple.org",
    ] {
        assert_eq!(view::exit_target(bad), view::DEFAULT_EXIT, "{bad}");
    }
}

/// The path notation has one writer (`Path::describe`) and one reader (`parse_answers`):
/// every path of the default flow reads back as itself.
#[test]
fn every_path_reads_back_from_its_notation() {
    let flow = default_flow();
    let paths = analysis::paths(&flow, 100_000).unwrap();
    for path in &paths {
        let text = path.describe(&flow);
        assert_eq!(
            analysis::parse_answers(&flow, &text).as_deref(),
            Ok(&path.steps[..]),
            "{text}"
        );
    }
    assert!(analysis::parse_answers(&flow, "danger=maybe")
        .unwrap_err()
        .contains("has no answer \"maybe\""));
}

/// The region a visitor picks lives in the engine's session: it wins over the page's
/// setting and stays through Start again, a language switch and a new flow.
#[test]
fn the_picked_region_lives_in_the_session() {
    let en = default_pack("en");
    let es = default_pack("es");
    let settings = Settings {
        region: "us".into(),
        ..Settings::default()
    };
    let mut s = Session::new(en.flow.clone());
    assert_eq!(
        view::page(&s, &en, &settings).region,
        "us",
        "the page's setting first"
    );
    s.set_region("gb");
    assert_eq!(view::page(&s, &en, &settings).region, "uk");
    assert_eq!(view::page(&s, &en, &settings).strip[0].href, "tel:999");
    s.update(Event::Restart);
    assert_eq!(s.region(), Some("gb"), "Start again keeps it");
    assert!(s.relabel(es.flow.clone()));
    assert_eq!(
        view::page(&s, &es, &settings).region,
        "uk",
        "a language switch keeps it"
    );
    let fresh = Session::new(en.flow.clone()).with_region_of(&s);
    assert_eq!(fresh.region(), Some("gb"), "a new flow keeps it");
}

/// The element with `attr` = `value` in a screen's tree.
fn find<'a>(tree: &'a crate::markup::Node, attr: &str, value: &str) -> &'a crate::markup::El {
    tree.elements()
        .into_iter()
        .find(|e| e.attrs.iter().any(|(n, v)| *n == attr && v == value))
        .unwrap_or_else(|| panic!("no element with {attr}={value:?} in {}", tree.html()))
}

#[test]
fn the_question_screen_is_a_fieldset_of_native_controls_wired_to_events() {
    use crate::markup::{self, On};
    let pack = default_pack("en");
    let mut s = Session::new(pack.flow.clone());
    let settings = Settings {
        region: "us".into(),
        ..Settings::default()
    };
    let tree = markup::page(&view::page(&s, &pack, &settings), 3);
    let html = tree.html();
    let form = find(&tree, "part", "question");
    assert_eq!((form.tag, form.on), ("form", Some(On::Submit)));
    assert_eq!(
        form.key.as_deref(),
        Some(pack.flow.questions[0].id.as_str())
    );
    let focus: Vec<&str> = tree
        .elements()
        .iter()
        .filter(|e| e.focus)
        .map(|e| e.tag)
        .collect();
    assert_eq!(focus, ["legend"], "the legend takes focus on a new screen");
    let inputs: Vec<_> = tree
        .elements()
        .into_iter()
        .filter(|e| e.tag == "input")
        .collect();
    assert_eq!(inputs.len(), pack.flow.questions[0].answers.len());
    for (i, input) in inputs.iter().enumerate() {
        assert_eq!(input.on, Some(On::Check(i)));
        assert_eq!(input.checked, Some(false));
        let id = &input.attrs.iter().find(|(n, _)| *n == "id").unwrap().1;
        assert!(id.starts_with("sc3-"), "ids carry the widget's uid: {id}");
        assert!(html.contains(&format!("<label class=\"sc-label\" for=\"{id}\">")));
    }
    assert!(
        !html.contains("sc-button-secondary"),
        "no Back on the first question"
    );
    assert!(html.contains("<select id=\"sc3-region\""));
    assert_eq!(find(&tree, "id", "sc3-region").on, Some(On::Region));

    // An error is announced and described; Back appears on the second question.
    s.update(Event::Continue);
    let tree = markup::page(&view::page(&s, &pack, &settings), 0);
    let error = find(&tree, "role", "alert");
    let fieldset = find(&tree, "data-invalid", "true");
    assert!(fieldset
        .attrs
        .iter()
        .any(|(n, v)| *n == "aria-describedby" && v.contains(&error.attrs[1].1)));
    s.update(Event::Choose {
        answer: pack.flow.questions[0].answers.len() - 1,
        checked: true,
    });
    s.update(Event::Continue);
    let tree = markup::page(&view::page(&s, &pack, &settings), 0);
    assert_eq!(
        find(&tree, "class", "sc-button sc-button-secondary").on,
        Some(On::Click(Event::Back))
    );
}

#[test]
fn the_result_screen_leads_with_contacts_and_offers_print_copy_download() {
    use crate::markup::{self, On};
    let pack = default_pack("en");
    let s = first_answer_given(&pack);
    let settings = Settings {
        region: "us".into(),
        practice_name: "Riverside <Clinic>".into(),
        ..Settings::default()
    };
    let tree = markup::page(&view::page(&s, &pack, &settings), 0);
    let html = tree.html();
    let contacts = html.find("sc-contacts").expect("contacts listed");
    assert!(
        contacts < html.find("sc-advice-list").expect("advice listed"),
        "an emergency result lists the contacts before the advice"
    );
    assert!(html.contains("Riverside &lt;Clinic&gt;"), "text is escaped");
    assert!(!html.contains("<Clinic>"));
    let clicks: Vec<Event> = tree
        .elements()
        .iter()
        .filter_map(|e| match e.on {
            Some(On::Click(ev)) => Some(ev),
            _ => None,
        })
        .collect();
    for ev in [
        Event::Leave,
        Event::Print,
        Event::Copy,
        Event::Download,
        Event::Restart,
        Event::Change(pack.flow.start),
    ] {
        assert!(clicks.contains(&ev), "{ev:?} is a button: {clicks:?}");
    }
    let heading = find(&tree, "class", "sc-result-heading");
    assert!(heading.focus);
}

#[test]
fn session_updates_return_the_effects_the_shell_carries_out() {
    use crate::Effect;
    let flow = default_flow();
    let mut s = Session::new(flow.clone());
    assert_eq!(
        s.update(Event::Choose {
            answer: 0,
            checked: true
        }),
        None,
        "choosing changes no screen"
    );
    assert_eq!(s.update(Event::Continue), Some(Effect::Focus));
    let on_result = s.screen();
    assert!(matches!(on_result, Screen::Result(_)));
    for (event, effect) in [
        (Event::Print, Effect::Print),
        (Event::Copy, Effect::Copy),
        (Event::Download, Effect::Download),
    ] {
        assert_eq!(s.update(event), Some(effect));
        assert_eq!(s.screen(), on_result, "{event:?} changes nothing");
    }
    s.set_region("uk");
    assert_eq!(s.update(Event::Leave), Some(Effect::Leave));
    assert_eq!(
        (s.screen(), s.path().len(), s.region()),
        (Screen::Question(flow.start), 0, Some("uk")),
        "leaving clears every answer first"
    );
    assert_eq!(s.update(Event::Back), None, "no Back on the first question");
}

#[test]
fn a_crashed_widget_shows_the_same_crisis_line_as_every_screen() {
    use crate::markup;
    let pack = default_pack("en");
    let links = view::strip(&pack.directory, "us", &pack.ui);
    let fallback = markup::fallback(&pack.ui, &links).html();
    assert!(fallback.starts_with("<div class=\"sc-fallback\" role=\"alert\"><p>"));
    assert!(fallback.contains(&pack.ui.crashed));
    let line = crate::markup::Node::from(markup::crisis_line(&pack.ui, &links)).html();
    assert!(fallback.contains(&line), "{fallback}");
    let settings = Settings {
        region: "us".into(),
        ..Settings::default()
    };
    let screen = markup::page(
        &view::page(&Session::new(pack.flow.clone()), &pack, &settings),
        0,
    );
    assert!(
        screen.html().contains(&line),
        "the strip on every screen is that line"
    );
    assert!(line.contains("href=\"tel:911\"") && line.contains("href=\"tel:988\""));
    // No region: no country's numbers, "call your local emergency number".
    let unknown = markup::fallback(&pack.ui, &view::strip(&pack.directory, "", &pack.ui)).html();
    assert!(!unknown.contains("tel:"), "{unknown}");
    assert!(unknown.contains(&pack.ui.local_emergency));
}

#[test]
fn the_first_screens_file_holds_each_regions_first_screen_as_the_widget_renders_it() {
    use crate::doc::{from_json, to_json, Node as Doc, Value};
    use crate::markup;
    for lang in ["en", "es", "fr"] {
        let pack = default_pack(lang);
        let file = from_json(&markup::first_screens(&pack)).expect("the file is JSON");
        let Some(Value::Array(page)) = file.get("page").map(|n| &n.value) else {
            panic!("`page` is an element: [tag, attributes, children…]");
        };
        assert!(
            matches!(page[2].value, Value::Int(0)),
            "the strip's place in `page` holds 0, so no region's numbers show by mistake"
        );
        let Some(Value::Table(crisis)) = file.get("crisis").map(|n| &n.value) else {
            panic!("`crisis` is a table of strips by region");
        };
        let mut codes: Vec<&str> = crisis.iter().map(|(k, _, _)| k.as_str()).collect();
        let mut want: Vec<&str> = std::iter::once("")
            .chain(pack.directory.regions.iter().map(|r| r.code.as_str()))
            .collect();
        codes.sort_unstable();
        want.sort_unstable();
        assert_eq!(
            codes, want,
            "a strip for no region and for each region's code"
        );
        for (code, _, strip) in crisis {
            // The page with this region's strip put in is exactly what the widget renders
            // for that region before the visitor has done anything.
            let mut whole = page.clone();
            whole[2] = strip.clone();
            let settings = Settings {
                lang: lang.into(),
                region: code.clone(),
                ..Settings::default()
            };
            let session = Session::new(pack.flow.clone());
            let rendered = markup::page(&view::page(&session, &pack, &settings), 0);
            assert_eq!(
                to_json(&Doc::new(Value::Array(whole))),
                to_json(&from_json(&rendered.json()).unwrap()),
                "{lang}, region {code:?}"
            );
            for l in view::strip(&pack.directory, code, &pack.ui) {
                assert!(to_json(strip).contains(&format!("\"{}\"", l.href)));
            }
        }
    }
}

#[test]
fn the_json_of_an_element_tree_escapes_text_and_keeps_a_checked_box() {
    use crate::markup::{El, Node};
    let mut input = El::new("input", "sc-input");
    input.checked = Some(true);
    let tree: Node = El::new("p", "")
        .attr("title", "a \"quoted\" <b>")
        .text("line\nnext")
        .push(input)
        .into();
    assert_eq!(
        tree.json(),
        r#"["p",{"title":"a \"quoted\" \u003cb>"},"line\nnext",["input",{"class":"sc-input","checked":""}]]"#
    );
}
