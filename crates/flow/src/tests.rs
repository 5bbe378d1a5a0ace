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
/// visitor might (the calmer answer where two fit), and the ordinary paths. Together the
/// cases reach every outcome of the flow.
#[test]
fn default_flow_key_paths() {
    let flow = default_flow();
    // No danger answer, then the two screens every such visitor is asked (`[flow] screens`).
    let adult = "danger=no adult=yes check-danger=none home-safety=no";
    let child = "danger=no adult=no check-danger=none home-safety=no";
    let ordinary = format!("{adult} emergency=no illness=no");
    let suicide = "get-help-now (emergency): stay-safe cant-reach means-safety ask-directly";
    // The safety plan shows whoever is threatening: the loved one, or someone else.
    let others = "danger-to-others (emergency): keep-safe safety-plan";
    let threatened = others;
    let medical = "medical-emergency (emergency): medical-wait";
    let cases: Vec<(String, &str)> = vec![
        // H1: suicide risk said plainly, on the danger screen.
        ("danger=harm-self".into(), suicide),
        ("danger=talks-death".into(), suicide),
        ("danger=burden".into(), suicide),
        // H2: suicide risk only hinted at, after "not sure" or "no": the warning signs.
        ("danger=not-sure adult=yes check-danger=calm".into(), suicide),
        ("danger=no adult=yes check-danger=burden+goodbye".into(), suicide),
        ("danger=no adult=yes check-danger=substance".into(), suicide),
        // An under-18 with a suicide sign gets the emergency too, not the outcome for minors.
        ("danger=no adult=no check-danger=hopeless".into(), suicide),
        // Self-harm: an emergency for an adult, with first aid; for an under-18 the
        // outcome for minors, with first aid and means safety.
        (
            "danger=no adult=yes check-danger=self-harm".into(),
            "get-help-now (emergency): stay-safe cant-reach means-safety ask-directly self-harm-care",
        ),
        (
            "danger=no adult=no check-danger=self-harm".into(),
            "minor (urgent): means-safety self-harm-care parent-role warning-signs",
        ),
        // H3: medical emergencies, on the danger screen and on the emergency question, for
        // an adult and for a child whose visitor is unsure about safety at home.
        ("danger=medical".into(), medical),
        (format!("{adult} emergency=health"), medical),
        (
            "danger=not-sure adult=no check-danger=none home-safety=not-sure emergency=health".into(),
            medical,
        ),
        // H4: drinking, drugs or gambling they can't control bring in a professional; a
        // teenager's drug use brings the overdose advice to the outcome for minors.
        (
            format!("{adult} emergency=no illness=substance"),
            "substance-use (urgent): substance-talk opioids withdrawal warning-signs",
        ),
        (
            format!("{adult} emergency=no illness=gambling"),
            "gambling (urgent): gambling-help warning-signs",
        ),
        (
            format!("{child} emergency=no illness=substance"),
            "minor (urgent): opioids parent-role warning-signs",
        ),
        // H5, H6: risk to others or a threat: never "stay with them", even with suicide or
        // psychosis signs too (the threat wins); the safety plan when someone is being hurt
        // or threatened.
        ("danger=harm-others".into(), others),
        ("danger=threat".into(), threatened),
        ("danger=not-sure adult=yes check-danger=hopeless+means+threats".into(), others),
        ("danger=no adult=yes check-danger=threats+mind".into(), others),
        ("danger=no adult=yes check-danger=none home-safety=now".into(), threatened),
        (format!("{adult} emergency=safety"), threatened),
        // H7: a housing or money crisis: urgent, not the emergency number; for an
        // under-18, the outcome for minors with the advice for a child out of home.
        (
            format!("{adult} emergency=housing"),
            "housing-crisis (urgent): housing-help warning-signs",
        ),
        (
            "danger=no adult=yes check-danger=none home-safety=not-sure emergency=housing".into(),
            "housing-crisis (urgent): housing-help warning-signs safety-at-home",
        ),
        (
            format!("{child} emergency=housing"),
            "minor (urgent): minor-left-home parent-role warning-signs",
        ),
        // H12: a minor or a seriously ill person is asked the emergency question first.
        (
            format!("{child} emergency=no illness=no"),
            "minor (urgent): parent-role warning-signs",
        ),
        (
            format!("{adult} emergency=no illness=yes"),
            "serious-illness (urgent): involve-professionals warning-signs",
        ),
        (
            format!("{adult} emergency=no illness=memory"),
            "serious-illness (urgent): involve-professionals self-neglect warning-signs",
        ),
        (
            format!("{adult} emergency=no illness=not-sure"),
            "serious-illness (urgent): involve-professionals warning-signs",
        ),
        // H14: psychosis, postpartum psychosis and "their mental health can't wait"; with a
        // suicide sign too, the suicide outcome, with the mental-health and birth advice.
        (
            "danger=no adult=yes check-danger=mind".into(),
            "mental-health-emergency (emergency): mental-health-call means-safety",
        ),
        (
            "danger=not-sure adult=yes check-danger=birth".into(),
            "mental-health-emergency (emergency): mental-health-call after-birth means-safety",
        ),
        (
            format!("{adult} emergency=mind"),
            "mental-health-emergency (emergency): mental-health-call means-safety",
        ),
        (
            "danger=no adult=yes check-danger=goodbye+mind".into(),
            "get-help-now (emergency): stay-safe cant-reach mental-health-call means-safety ask-directly",
        ),
        (
            "danger=no adult=yes check-danger=hopeless+birth".into(),
            "get-help-now (emergency): stay-safe cant-reach mental-health-call after-birth means-safety ask-directly",
        ),
        // H15: abuse of the visitor or someone at home, or of the loved one by someone else.
        (
            "danger=no adult=yes check-danger=none home-safety=afraid".into(),
            "abuse-at-home (urgent): safety-plan warning-signs",
        ),
        (
            "danger=not-sure adult=yes check-danger=none home-safety=hurt-by-other".into(),
            "abuse-of-loved-one (urgent): support-victim warning-signs",
        ),
        // H18: a child hurt by someone else is a child-protection matter.
        (
            "danger=no adult=no check-danger=none home-safety=hurt-by-other".into(),
            "child-protection (urgent): child-at-risk warning-signs",
        ),
        // Ordinary circumstances: the warning signs always, then the ideas that fit.
        (
            format!("{ordinary} feelings=none coping=well offers=stopped personal=no reaction=declined"),
            "ordinary (self-care): warning-signs ready-when-they-are joys example hope",
        ),
        (
            format!("{ordinary} feelings=sad+frustrated coping=well offers=often personal=no reaction=declined"),
            "ordinary (self-care): warning-signs step-back stop-nagging ready-when-they-are name-feelings joys example hope",
        ),
        (
            format!("{ordinary} feelings=confused coping=somewhat offers=sometimes personal=yes reaction=angry"),
            "ordinary (self-care): warning-signs step-back ready-when-they-are not-about-you after-anger name-feelings sleep-eating joys support-for-you example hope",
        ),
        // Unsure whether anyone is afraid of them: what abuse looks like, never the advice
        // that explains anger away.
        (
            "danger=not-sure adult=yes check-danger=none home-safety=not-sure emergency=no illness=no feelings=frustrated coping=well offers=stopped personal=no reaction=angry".into(),
            "ordinary (self-care): warning-signs safety-at-home ready-when-they-are name-feelings joys example hope",
        ),
        // A visitor who is struggling themselves gets the support outcome.
        (
            format!("{ordinary} feelings=none coping=badly offers=stopped personal=no reaction=withdrew"),
            "ordinary-support (support): warning-signs ready-when-they-are after-withdrawal sleep-eating joys support-for-you example hope",
        ),
        (
            format!("{ordinary} feelings=sad+angry coping=well offers=stopped personal=sometimes reaction=other"),
            "ordinary-support (support): warning-signs ready-when-they-are not-about-you name-feelings joys support-for-you example hope",
        ),
        (
            format!("{ordinary} feelings=helpless coping=well offers=often personal=no reaction=declined"),
            "ordinary-support (support): warning-signs step-back stop-nagging ready-when-they-are name-feelings joys support-for-you example hope",
        ),
    ];
    let mut failures = Vec::new();
    for (path, expect) in &cases {
        let got = walk(&flow, path);
        if got != *expect {
            failures.push(format!("{path}\n  expected: {expect}\n  got:      {got}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    let reached: Vec<&str> = cases
        .iter()
        .map(|(_, expect)| expect.split(' ').next().unwrap_or_default())
        .collect();
    let missed: Vec<&str> = flow
        .outcomes
        .iter()
        .map(|o| o.id.as_str())
        .filter(|id| !reached.contains(id))
        .collect();
    assert!(missed.is_empty(), "no key path reaches {missed:?}");
}

/// Every path of the default flow, walked through the session with real events, against
/// the snapshot in `tests/default-paths.txt` (the paths with at most two boxes ticked per
/// question). Refresh it with `UPDATE_EXPECT=1` after a
/// deliberate change to the flow, and read the diff.
#[test]
fn default_flow_every_path_snapshot() {
    let flow = default_flow();
    let mut lines = Vec::new();
    for path in &analysis::paths(&flow, 100_000).expect("some thousands of paths") {
        let described = path.describe(&flow);
        let walked = walk(&flow, &described);
        assert!(
            walked.starts_with(&flow.outcomes[path.outcome].id),
            "the session and the proof disagree on {described}: {walked}"
        );
        // Every path is walked; the snapshot keeps those with at most two boxes ticked on
        // each question (the CLI's `paths --ticked 2`), a few thousand rows to read.
        if path.most_ticked() <= 2 {
            lines.push(format!("{described} => {walked}"));
        }
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
            "{} paths listed; the snapshot differs (UPDATE_EXPECT=1 to accept):\n{}",
            lines.len(),
            diff.join("\n")
        );
    }
}

#[test]
fn default_flow_is_proven_safe() {
    let flow = default_flow();
    let stats = compile_toml(DEFAULT).expect("compiles").stats;
    assert_eq!(
        (stats.paths, stats.longest),
        (30298, 11),
        "6 danger-screen answers end at once; each of its 2 calmer answers, for each of the 2 \
         ages, leads to 4095 combinations of warning signs that end, 3 home-safety answers \
         that end, and after home-safety's 2 calmer answers 4 emergency answers that end, then \
         illness: for an adult 5 answers that end and 3456 ordinary paths (32 feelings × 3 × 3 \
         × 3 × 4), for an under-18 6 answers that all end at `minor`. 6 + 2 × ((4095 + 3 + 2 × \
         (4 + 5 + 3456)) + (4095 + 3 + 2 × (4 + 6))) = 30298; the longest asks all 11 questions"
    );
    let paths = analysis::paths(&flow, 100_000).expect("some thousands of paths");
    assert_eq!(
        paths.len() as u128,
        stats.paths,
        "the proof's count and the listing agree"
    );
    let danger: Vec<_> = paths.iter().filter(|p| p.has_danger(&flow)).collect();
    assert_eq!(
        danger.len(),
        16410,
        "the 6 danger-screen answers; then after each of its 2 calmer answers and each of the \
         2 ages: the 4094 combinations of warning signs with a danger sign (all but self-harm \
         alone), home-safety.now, and the 3 danger answers of the emergency question after \
         home-safety's 2 calmer answers: 6 + 4 × (4094 + 1 + 6)"
    );
    assert!(danger
        .iter()
        .all(|p| flow.outcomes[p.outcome].urgency == Urgency::Emergency));
    let urgent: Vec<_> = paths
        .iter()
        .filter(|p| !p.has_danger(&flow))
        .filter(|p| {
            p.steps
                .iter()
                .any(|&(q, c)| c.iter().any(|a| flow.questions[q].answers[a].urgent))
        })
        .collect();
    assert_eq!(
        urgent.len(),
        64,
        "after each of the danger screen's 2 calmer answers: for an adult, self-harm alone, \
         the 2 abuse answers of home-safety, and after its 2 calmer answers emergency.housing \
         and the 5 urgent answers of illness (1 + 2 + 2 × 6 = 15); for an under-18 (adult.no is \
         urgent), self-harm alone, the 2 abuse answers, and after home-safety's 2 calmer \
         answers emergency.housing and all 6 illness answers (1 + 2 + 2 × 7 = 17): 2 × 32"
    );
    assert!(
        urgent
            .iter()
            .all(|p| flow.outcomes[p.outcome].urgency <= Urgency::Urgent),
        "every urgent answer ends at urgent or emergency help"
    );
    let abuse: Vec<_> = paths
        .iter()
        .filter(|p| {
            p.steps.iter().any(|&(q, c)| {
                c.iter().any(|a| {
                    flow.questions[q].answers[a]
                        .topics
                        .iter()
                        .any(|t| t == "abuse")
                })
            })
        })
        .collect();
    assert_eq!(
        abuse.len(),
        8,
        "home-safety.afraid and home-safety.hurt-by-other, after the danger screen's 2 calmer \
         answers and both ages: 2 × 2 × 2"
    );
    assert!(
        abuse.iter().all(|p| {
            let o = &flow.outcomes[p.outcome];
            o.urgency == Urgency::Urgent && o.topics.iter().any(|t| t == "abuse")
        }),
        "every abuse answer ends at an urgent outcome about abuse"
    );
    let calm: Vec<_> = paths
        .iter()
        .filter(|p| flow.outcomes[p.outcome].urgency.is_calm())
        .collect();
    assert_eq!(
        calm.len(),
        13824,
        "only adults with no danger, urgent or abuse answer: the danger screen's 2 calmer \
         answers × home-safety's 2 calmer answers × the 3456 ordinary paths"
    );
    let screens = ["check-danger", "home-safety"].map(|id| flow.question(id).expect("asked"));
    assert_eq!(
        flow.screens, screens,
        "the screens are the warning signs and abuse"
    );
    assert!(
        calm.iter().all(|p| screens
            .iter()
            .all(|&s| p.steps.iter().any(|&(q, _)| q == s))),
        "every calm outcome is reached through both screens"
    );
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
    // Chooses the answer `a` of the question on screen and continues.
    let answer = |s: &mut Session, a: &str| {
        let Screen::Question(on) = s.screen() else {
            panic!("a question is on screen")
        };
        let answer = flow.questions[on]
            .answers
            .iter()
            .position(|x| x.id == a)
            .unwrap_or_else(|| panic!("{} has no answer {a}", flow.questions[on].id));
        s.update(Event::Choose {
            answer,
            checked: true,
        });
        s.update(Event::Continue);
    };
    // Continue with nothing chosen: an error, and no move.
    s.update(Event::Continue);
    assert!(s.has_error());
    assert_eq!(q(&s), "danger");
    // Back on the first question does nothing.
    s.update(Event::Back);
    assert_eq!(q(&s), "danger");
    let no = flow.questions[flow.start].answers.len() - 1;
    assert_eq!(flow.questions[flow.start].answers[no].id, "no");
    s.update(Event::Choose {
        answer: no,
        checked: true,
    });
    assert!(!s.has_error(), "choosing clears the error");
    s.update(Event::Continue);
    assert_eq!(q(&s), "adult");
    s.update(Event::Back);
    assert_eq!(q(&s), "danger");
    assert_eq!(s.draft(), Choice::one(no), "Back restores the answer");
    s.update(Event::Continue);
    for (on, a) in [
        ("adult", "yes"),
        ("check-danger", "none"),
        ("home-safety", "no"),
        ("emergency", "housing"),
    ] {
        assert_eq!(q(&s), on);
        answer(&mut s, a);
    }
    assert_eq!(q(&s), "result:housing-crisis");
    let turn = s.turn();
    // Change the first answer: every later question keeps its answer, so Continue returns
    // to the result.
    s.update(Event::Change(flow.start));
    assert!(s.turn() > turn, "a screen change moves focus");
    assert_eq!(q(&s), "danger");
    s.update(Event::Continue);
    assert_eq!(q(&s), "result:housing-crisis");
    // Change the age: the kept answers are routed again, and a child losing their home
    // reaches the outcome for under-18s.
    s.update(Event::Change(flow.question("adult").unwrap()));
    assert_eq!(q(&s), "adult");
    answer(&mut s, "no");
    assert_eq!(q(&s), "result:minor");
    assert_eq!(s.path().len(), 5, "the same questions, one answer changed");
    // Change the first answer to a danger answer: the path now ends at emergency help.
    s.update(Event::Change(flow.start));
    answer(&mut s, "harm-self");
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
    assert_eq!((q(&r), r.turn()), ("adult".to_string(), 0));
    assert!(s.path().is_empty(), "Start again clears every answer");
}

#[test]
fn multiple_choice_exclusive_answer() {
    let flow = default_flow();
    let mut s = Session::new(flow.clone());
    let idx = |qid: &str, id: &str| {
        let q = flow.question(qid).unwrap();
        flow.questions[q]
            .answers
            .iter()
            .position(|a| a.id == id)
            .unwrap()
    };
    for step in ["danger=no", "adult=yes"] {
        let (qid, a) = step.split_once('=').unwrap();
        assert_eq!(s.screen(), Screen::Question(flow.question(qid).unwrap()));
        s.update(Event::Choose {
            answer: idx(qid, a),
            checked: true,
        });
        s.update(Event::Continue);
    }
    // The warning signs: "None of these" clears the signs ticked, and a sign clears it.
    let signs = flow.question("check-danger").unwrap();
    assert_eq!(s.screen(), Screen::Question(signs));
    for a in ["burden", "goodbye", "none"] {
        s.update(Event::Choose {
            answer: idx("check-danger", a),
            checked: true,
        });
    }
    assert_eq!(
        describe_step(&flow, signs, s.draft()),
        "check-danger=none",
        "\"none\" clears the signs"
    );
    s.update(Event::Choose {
        answer: idx("check-danger", "means"),
        checked: true,
    });
    assert_eq!(
        describe_step(&flow, signs, s.draft()),
        "check-danger=means",
        "a sign clears \"none\""
    );
    s.update(Event::Choose {
        answer: idx("check-danger", "none"),
        checked: true,
    });
    s.update(Event::Continue);
    for step in ["home-safety=no", "emergency=no", "illness=no"] {
        let (qid, a) = step.split_once('=').unwrap();
        assert_eq!(s.screen(), Screen::Question(flow.question(qid).unwrap()));
        s.update(Event::Choose {
            answer: idx(qid, a),
            checked: true,
        });
        s.update(Event::Continue);
    }
    let feelings = flow.question("feelings").unwrap();
    assert_eq!(s.screen(), Screen::Question(feelings));
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
    assert_eq!(
        q.progress, "Pregunta 1 de unas 11",
        "the longest path asks 11 questions"
    );
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
    assert_eq!(
        codes,
        ["us", "ca", "mx", "uk", "ie", "fr", "es", "au", "nz", "eu"]
    );
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

/// Every language walks the same paths to the same outcomes, and every screen on the way
/// has its words in each language: the translations cannot drift apart. The paths walked
/// are every seventh, and the first to each outcome (some outcomes have only two paths).
#[test]
fn every_path_in_both_languages_has_every_word() {
    let flow = default_flow();
    let paths = analysis::paths(&flow, 100_000).unwrap();
    let mut reached = vec![false; flow.outcomes.len()];
    let sample: Vec<&analysis::Path> = paths
        .iter()
        .enumerate()
        .filter(|&(i, p)| !std::mem::replace(&mut reached[p.outcome], true) || i % 7 == 0)
        .map(|(_, p)| p)
        .collect();
    assert!(reached.iter().all(|&r| r), "every outcome is walked");
    for lang in &flow.languages {
        let lang = lang.as_str();
        let pack = default_pack(lang);
        let settings = Settings {
            lang: lang.into(),
            region: "us".into(),
            ..Settings::default()
        };
        for path in &sample {
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
    let pack = questionnaire_pack(src);
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
    (r.outcome, score.total, score.band.unwrap_or_default())
}

/// The English pack of a questionnaire, as the build makes it (checked, proven, linted).
fn questionnaire_pack(src: &'static str) -> crate::Pack {
    // Proving the PHQ-9 walks 262,147 paths: each questionnaire is packed once per run (the
    // bytes are shared by the test threads; a `Pack` is not `Send`).
    static PACKS: std::sync::Mutex<Vec<(&str, Vec<u8>)>> = std::sync::Mutex::new(Vec::new());
    let bytes = {
        let mut packs = PACKS.lock().unwrap_or_else(|e| e.into_inner());
        match packs.iter().find(|(k, _)| *k == src) {
            Some((_, bytes)) => bytes.clone(),
            None => {
                let bytes = crate::data::pack(src, "en").unwrap();
                packs.push((src, bytes.clone()));
                bytes
            }
        }
    };
    crate::pack::decode(&bytes).unwrap()
}

/// Every path of both questionnaires (review M9, m8), each classed by what its result
/// shows: the items it answered (none, or all), its outcome and its total. The result of
/// every path that answered no item (our danger screen), and of the first path of each
/// (outcome, total, an answer worth one point or not), is reached by the visitor's events
/// and rendered as the widget shows it (`markup::page`) and as the take-away text; the
/// score depends on nothing else, and rendering all 278,531 paths takes minutes. With no
/// item answered: no total and no band, only that there is no score (never "Minimal" under
/// "Get help now"). With every item: the total and its band, and "1 point", not "1 points".
#[test]
fn questionnaire_results_show_a_score_only_after_every_item_on_every_path() {
    let settings = Settings {
        region: "us".into(),
        ..Settings::default()
    };
    for (src, max) in [(PHQ9, 27), (GAD7, 21)] {
        let pack = questionnaire_pack(src);
        let flow = pack.flow.clone();
        let i = flow.instrument.as_ref().expect("a questionnaire");
        let labels: Vec<&str> = i.bands.iter().map(|b| b.label.get(0)).collect();
        let no_score = &pack.ui.no_score;
        let paths = analysis::paths(&flow, 300_000).expect("every path is listed");
        let mut rendered = std::collections::BTreeSet::new();
        let (mut unscored, mut scored, mut ones_shown) = (0, 0, false);
        for path in &paths {
            let answers = path.answers(&flow);
            let items = path
                .steps
                .iter()
                .filter(|(q, _)| i.items.contains(q))
                .count();
            let total = i.total(&flow, &answers);
            let ones = path
                .steps
                .iter()
                .any(|&(q, c)| c.iter().any(|a| flow.questions[q].answers[a].score == 1));
            match items {
                0 => unscored += 1,
                n => {
                    assert_eq!(n, i.items.len(), "every item or none");
                    scored += 1;
                    if !rendered.insert((path.outcome, total, ones)) {
                        continue;
                    }
                }
            }
            assert_eq!(i.complete(&answers), items > 0);
            let what = format!("{}: {}", flow.id, path.describe(&flow));
            let s = Session::replay(flow.clone(), &path.steps);
            assert_eq!(s.screen(), Screen::Result(path.outcome), "{what}");
            let page = view::page(&s, &pack, &settings);
            let html = crate::markup::page(&page, 1).html();
            let text = page.take_away().expect("a result");
            if items == 0 {
                for shown in [&html, &text] {
                    for label in &labels {
                        assert!(!shown.contains(label), "{what}: \"{label}\"\n{shown}");
                    }
                    assert!(!shown.contains(&format!(" of {max}")), "{what}\n{shown}");
                    assert!(!shown.contains("Your score"), "{what}\n{shown}");
                    assert!(shown.contains(no_score.as_str()), "{what}\n{shown}");
                }
                continue;
            }
            let b = i.band(total).expect("the bands cover every total");
            let band = format!("{} ({}–{})", b.label.get(0), b.from, b.to);
            for shown in [&html, &text] {
                let line = format!("Your score: {total} of {max}");
                assert!(shown.contains(&line), "{what}: {line}\n{shown}");
                assert!(shown.contains(&band), "{what}: {band}\n{shown}");
                assert!(!shown.contains(no_score.as_str()), "{what}\n{shown}");
            }
            assert!(!html.contains("— 1 points"), "{what}\n{html}");
            assert_eq!(html.contains("— 1 point<"), ones, "{what}\n{html}");
            ones_shown |= ones;
        }
        // The danger screen's three "Yes", and every combination of the items' answers.
        assert_eq!(
            (unscored, scored),
            (3, 4usize.pow(i.items.len() as u32)),
            "{}",
            flow.id
        );
        assert!(ones_shown && rendered.len() > max as usize, "{}", flow.id);
    }
}

/// The result of one answer on a questionnaire's danger screen, rendered: the outcome, the
/// contacts' links in order, the page as HTML and the take-away text.
fn danger_result(src: &'static str, answer: &str) -> (String, Vec<String>, String, String) {
    let pack = questionnaire_pack(src);
    let flow = pack.flow.clone();
    let steps = analysis::parse_answers(&flow, &format!("danger={answer}")).unwrap();
    let s = Session::replay(flow, &steps);
    let settings = Settings {
        region: "us".into(),
        ..Settings::default()
    };
    let page = view::page(&s, &pack, &settings);
    let Body::Result(r) = &page.body else {
        panic!("danger={answer} ends at a result")
    };
    let links = page
        .contacts
        .iter()
        .map(|c| c.links[0].href.clone())
        .collect();
    let html = crate::markup::page(&page, 1).html();
    (r.outcome.clone(), links, html, page.take_away().unwrap())
}

/// Review M10: the questionnaires' own danger screen has three emergency outcomes, as the
/// default flow: hurting myself → a crisis line first, away from means, with someone I
/// trust; hurting someone else → the emergency number or a crisis line, distance from the
/// person and from weapons, never "stay with them"; a threat → a safe place, then the
/// emergency number. None shows a score (M9).
#[test]
fn questionnaire_danger_answers_reach_their_own_emergency_outcome() {
    for src in [PHQ9, GAD7] {
        let (outcome, links, html, text) = danger_result(src, "harm-self");
        assert_eq!(outcome, "get-help-now");
        assert_eq!(
            links.first().map(String::as_str),
            Some("tel:988"),
            "the crisis line first"
        );
        assert!(links.iter().any(|l| l == "tel:911"), "{links:?}");
        for said in [
            "Call or text a crisis line now",
            "call the emergency number",
            "distance between yourself and anything you could use to hurt yourself",
            "be with someone you trust",
        ] {
            assert!(text.contains(said), "{said}\n{text}");
        }

        let (outcome, links, html_others, text) = danger_result(src, "harm-others");
        assert_eq!(outcome, "danger-to-others");
        assert_eq!(
            links.first().map(String::as_str),
            Some("tel:911"),
            "the emergency number first"
        );
        assert!(links.iter().any(|l| l == "tel:988"), "{links:?}");
        for said in [
            "Call the emergency number or a crisis line now",
            "distance between you and the person you might hurt",
            "distance between you and anything you could use as a weapon",
        ] {
            assert!(text.contains(said), "{said}\n{text}");
        }
        let lower = html_others.to_lowercase();
        for never in ["stay with them", "stay near other people", "stay close"] {
            assert!(
                !lower.contains(never),
                "\"{never}\" to someone who might hurt others"
            );
        }

        let (outcome, links, html_threat, text) = danger_result(src, "threat");
        assert_eq!(outcome, "under-threat");
        assert_eq!(links, ["tel:911"]);
        let safe = text.find("Get to a safe place first").expect(&text);
        assert!(safe < text.find("then call the emergency number").expect(&text));

        for html in [html, html_others, html_threat] {
            assert!(html.contains(r#"data-urgency="emergency""#));
            assert!(
                !html.contains("data-scored"),
                "no score: answers stay off the print"
            );
            assert!(html.contains("The questionnaire was not completed, so there is no score."));
            // A crisis line is never named without the emergency number.
            assert!(!html.contains("crisis line") || html.contains("emergency number"));
        }
    }
}

/// The questionnaires say they are for adults, and their results that the form's last
/// (difficulty) question is left out; the widget says "1 point", never "1 points" (m8).
#[test]
fn questionnaires_say_for_adults_and_leave_out_the_difficulty_question() {
    for src in [PHQ9, GAD7] {
        let flow = compile_toml(src).unwrap().flow;
        assert!(
            flow.intro.get(0).contains("a questionnaire for adults"),
            "{}",
            flow.id
        );
        let note = "The form's last question, about how difficult these problems have made it";
        let means = &flow.advice[flow
            .advice
            .iter()
            .position(|a| a.id == "what-it-means")
            .unwrap()];
        assert!(means.body.get(0).plain().contains(note), "{}", flow.id);
        // On every band's result.
        for band in ["minimal", "mild", "moderate", "severe"] {
            assert!(
                means.outcomes.contains(&flow.outcome(band).unwrap()),
                "{band}"
            );
        }
    }
    for ui in crate::data::uis().unwrap() {
        let (one, two, zero) = (ui.points(1), ui.points(2), ui.points(0));
        assert!(
            one.starts_with("1 ") && !one.ends_with('s'),
            "{}: {one}",
            ui.lang
        );
        assert!(
            two.starts_with("2 ") && two.ends_with('s'),
            "{}: {two}",
            ui.lang
        );
        assert!(zero.starts_with("0 "), "{}: {zero}", ui.lang);
        assert!(!ui.no_score.is_empty(), "{}", ui.lang);
    }
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
    let signs = flow.question("check-danger").unwrap();
    // "check-danger" is not asked second (the age is): the replay stops there. Its first
    // answer is also a valid answer of "adult", so applying it there would be seen.
    let s = Session::replay(
        flow.clone(),
        &[(danger, Choice::one(no)), (signs, Choice::one(0))],
    );
    assert_eq!(s.screen(), Screen::Question(adult));
    assert_eq!(
        s.path().len(),
        1,
        "the step for another question was not applied"
    );
    // In order, every step applies.
    let yes = flow.questions[adult]
        .answers
        .iter()
        .position(|a| a.id == "yes")
        .unwrap();
    let s = Session::replay(
        flow.clone(),
        &[(danger, Choice::one(no)), (adult, Choice::one(yes))],
    );
    assert_eq!(s.screen(), Screen::Question(signs));
    assert_eq!(s.path().len(), 2);
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
    for good in [
        "https://example.org",
        "https://news.example.org:8443/today?x=1#top",
        "https://example.org/caf%C3%A9",
    ] {
        assert_eq!(view::exit_target(good), good);
    }
    // Each of these would leave the visitor on the page: the navigation throws, goes
    // nowhere, or is not https. WordPress's URL sanitiser lets the first four through.
    for bad in [
        "https://",
        "https://%zz",
        "https:///path",
        "https://example.org/100%",
        "",
        "javascript:alert(1)",
        "http://example.org",
        "https://exa mple.org",
        "https://.example.org",
        "https://example.org:",
        "https://example.org:99999999",
        "https://example.org\\evil",
        "https://ex\u{0}ample.org",
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
        let Some(Value::Array(late)) = file.get("late").map(|n| &n.value) else {
            panic!("`late` is the note shown if the widget does not start");
        };
        assert!(to_json(&Doc::new(Value::Array(late.clone()))).contains(&pack.ui.broken_title));
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

/// One path to each outcome of `flow` (the first in listing order), by outcome index.
fn a_path_to_each_outcome(flow: &Flow) -> Vec<Option<Vec<(usize, Choice)>>> {
    let mut out = vec![None; flow.outcomes.len()];
    for p in analysis::paths(flow, 1_000_000).expect("few enough paths to list") {
        out[p.outcome].get_or_insert(p.steps);
    }
    out
}

/// A flow of flows/ packed in one language, with a path to each of its outcomes.
type PackedFlow = (String, String, Vec<u8>, Vec<Option<Vec<(usize, Choice)>>>);

/// Every flow of flows/ in each of its languages: file name, language, the pack's bytes
/// and a path to each outcome. Made once for the tests that open every result.
fn every_flow_packed() -> &'static [PackedFlow] {
    static PACKED: std::sync::OnceLock<Vec<PackedFlow>> = std::sync::OnceLock::new();
    PACKED.get_or_init(|| {
        let uis = crate::data::uis().unwrap();
        let directory = crate::data::directory().unwrap();
        let mut out = Vec::new();
        for (name, src) in crate::data::FLOWS {
            let compiled = compile_toml(src).unwrap_or_else(|e| panic!("flows/{name}: {e:?}"));
            let paths = a_path_to_each_outcome(&compiled.flow);
            for lang in &compiled.flow.languages {
                let pack = crate::pack::assemble(&compiled.flow, lang, &uis, &directory)
                    .unwrap_or_else(|e| panic!("flows/{name} in {lang}: {e}"));
                let bytes = crate::pack::encode(&pack);
                out.push((name.to_string(), lang.clone(), bytes, paths.clone()));
            }
        }
        out
    })
}

/// Every region code and alias of the directory, an unknown code, an empty one.
fn every_region_setting() -> Vec<String> {
    let directory = crate::data::directory().unwrap();
    let mut regions: Vec<String> = directory
        .regions
        .iter()
        .flat_map(|r| std::iter::once(&r.code).chain(&r.aliases).cloned())
        .collect();
    regions.extend(["zz", "", " "].map(String::from));
    regions
}

/// The ids on a rendered page, each once.
fn ids_are_unique(html: &str) -> bool {
    let mut ids: Vec<&str> = html
        .split(" id=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    ids.len() == n
}

// Review M2: for every flow in flows/, every urgent or emergency outcome, every language
// and every region setting (each code and alias, an unknown one, none), the result has a
// number to call. Before the fix, an unknown or empty region showed no contact at all
// while the texts said "call a crisis line now".
#[test]
fn never_an_urgent_or_emergency_result_without_a_number_to_call() {
    use crate::markup;
    let regions = every_region_setting();
    let mut checked = 0;
    for (name, lang, bytes, paths) in every_flow_packed() {
        {
            let pack = crate::pack::decode(bytes).expect("the pack reads back");
            for (o, outcome) in pack.flow.outcomes.iter().enumerate() {
                if !matches!(outcome.urgency, Urgency::Emergency | Urgency::Urgent) {
                    continue;
                }
                let steps = paths[o].as_ref().expect("every outcome is reachable");
                let session = Session::replay(pack.flow.clone(), steps);
                assert_eq!(session.screen(), Screen::Result(o), "{name} {lang}");
                for region in &regions {
                    let settings = Settings {
                        lang: lang.clone(),
                        region: region.clone(),
                        ..Settings::default()
                    };
                    let page = view::page(&session, &pack, &settings);
                    let html = markup::page(&page, 0).html();
                    let what = format!("{name}, {lang}, {}, region {region:?}", outcome.id);
                    assert!(html.contains("href=\"tel:"), "{what}: no number to call");
                    assert!(ids_are_unique(&html), "{what}: an id twice");
                    let unknown = pack.directory.region(region).is_none();
                    let Body::Result(r) = &page.body else {
                        panic!("{what}: a result")
                    };
                    assert_eq!(r.ask_region, unknown, "{what}: the picker in the result");
                    if unknown {
                        // The result itself carries the numbers: the strip has none.
                        let result = html.split("<section class=\"sc-result\"").nth(1);
                        let result = result.expect("the result section");
                        assert!(result.contains("href=\"tel:"), "{what}");
                        assert!(result.contains(&pack.ui.emergency_112), "{what}");
                        assert!(result.contains("id=\"sc0-result-region\""), "{what}");
                        for r in &pack.directory.regions {
                            let tel = r.contacts[0].tel.as_deref().unwrap_or_default();
                            assert!(result.contains(&format!("href=\"tel:{tel}\"")));
                        }
                    }
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 100, "{checked} results checked");
}

// Review point 6: on an emergency result the call comes first. The result's heading, one
// sentence (the widget's `call_now`), then the contacts; the badge, the title and the
// summary after them. Every flow, language and region; with no region, every region's
// emergency number and the picker take the contacts' place.
#[test]
fn an_emergency_result_puts_the_call_right_after_the_heading_and_one_sentence() {
    use crate::markup::{self, Node};
    let regions = every_region_setting();
    for (name, lang, bytes, paths) in every_flow_packed() {
        {
            let pack = crate::pack::decode(bytes).expect("the pack reads back");
            for (o, outcome) in pack.flow.outcomes.iter().enumerate() {
                if outcome.urgency != Urgency::Emergency {
                    continue;
                }
                let session = Session::replay(pack.flow.clone(), paths[o].as_ref().unwrap());
                for region in &regions {
                    let settings = Settings {
                        lang: lang.clone(),
                        region: region.clone(),
                        ..Settings::default()
                    };
                    let what = format!("{name}, {lang}, {}, region {region:?}", outcome.id);
                    let page = view::page(&session, &pack, &settings);
                    let tree = markup::page(&page, 0);
                    let result = tree
                        .elements()
                        .into_iter()
                        .find(|e| e.tag == "section" && e.attrs[0].1 == "sc-result")
                        .expect("the result section");
                    let class = |i: usize| match result.children.get(i) {
                        Some(Node::El(e)) => e.attrs.first().map_or("", |a| a.1.as_str()),
                        _ => "",
                    };
                    assert_eq!(class(0), "sc-result-heading", "{what}");
                    assert_eq!(class(1), "sc-lead", "{what}");
                    let Some(Node::El(lead)) = result.children.get(1) else {
                        unreachable!()
                    };
                    let lead_text = Node::El(lead.clone()).html();
                    let sentences = lead_text.matches(['.', '!', '?']).count();
                    assert!(sentences <= 1, "{what}: one sentence: {lead_text}");
                    let Some(Node::El(call)) = result.children.get(2) else {
                        panic!("{what}: something after the lead")
                    };
                    let call = Node::El(call.clone()).html();
                    assert!(call.contains("href=\"tel:"), "{what}: {call}");
                    let first_tel = tree.html();
                    let strip_end = first_tel.find("</aside>").unwrap_or(0);
                    let rest = &first_tel[strip_end..];
                    assert!(
                        rest.find("href=\"tel:") < rest.find("sc-outcome-title")
                            && rest.find("href=\"tel:") < rest.find("sc-summary"),
                        "{what}: the call before the title and the summary"
                    );
                    assert!(lead_text.contains(&pack.ui.call_now), "{what}");
                    // That first number is what the shell keeps in view with the heading.
                    let reveal: Vec<_> = tree.elements().into_iter().filter(|e| e.reveal).collect();
                    assert_eq!(reveal.len(), 1, "{what}: one element to reveal");
                    let href = reveal[0].attrs.iter().find(|(n, _)| *n == "href");
                    assert!(href.is_some_and(|(_, v)| v.starts_with("tel:")), "{what}");
                    assert!(call.contains(&format!("href=\"{}\"", href.unwrap().1)));
                }
            }
        }
    }
}

#[test]
fn an_unknown_region_shows_every_emergency_number_until_the_visitor_picks_one() {
    use crate::markup;
    let pack = default_pack("en");
    let mut s = first_answer_given(&pack);
    let settings = Settings {
        lang: "en".into(),
        region: "zz".into(),
        ..Settings::default()
    };
    let page = view::page(&s, &pack, &settings);
    let Body::Result(r) = &page.body else {
        panic!("a danger answer ends at a result")
    };
    // Each emergency number once, with every region that uses it, from the directory.
    for region in &pack.directory.regions {
        let tel = format!(
            "tel:{}",
            region.contacts[0].tel.as_deref().unwrap_or_default()
        );
        let with: Vec<_> = r
            .emergency_numbers
            .iter()
            .filter(|n| n.link.href == tel)
            .collect();
        assert_eq!(with.len(), 1, "{tel} once");
        let name = region.name.get(0);
        assert!(
            with[0].regions.split(", ").any(|n| n == name),
            "{name} with {tel}"
        );
    }
    assert!(r.emergency_numbers[0]
        .regions
        .starts_with("United States, Canada"));
    let html = markup::page(&page, 0).html();
    assert!(html.contains(": <a class=\"sc-crisis-link\" href=\"tel:911\">911</a>"));
    assert!(html.contains("<label for=\"sc0-result-region\">Choose your region"));
    let text = page.take_away().unwrap();
    assert!(
        text.contains("Emergency numbers: United States, Canada"),
        "{text}"
    );
    assert!(text.contains(&pack.ui.emergency_112), "{text}");

    // The visitor picks the UK: its contacts show, the picker stays (focus is on it).
    s.set_region("uk");
    let page = view::page(&s, &pack, &settings);
    let Body::Result(r) = &page.body else {
        panic!("still the result")
    };
    assert!(r.ask_region && r.emergency_numbers.is_empty());
    let html = markup::page(&page, 0).html();
    assert!(html.contains("class=\"sc-button sc-button-contact\" href=\"tel:999\""));
    assert!(html.contains("<option value=\"uk\" selected=\"selected\">"));
    // A page that sets its region has no picker in the result.
    let known = Settings {
        region: "uk".into(),
        ..settings
    };
    let Body::Result(r) = view::page(&first_answer_given(&pack), &pack, &known).body else {
        panic!("a result")
    };
    assert!(!r.ask_region && r.emergency_numbers.is_empty());
}
