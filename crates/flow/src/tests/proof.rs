//! The proof and the path listing on the default flow (its key paths, its snapshot, its
//! counts) and on generated flows.

use super::*;

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
/// question). Refresh it with `UPDATE_EXPECT=1 cargo test -p selfcheck-flow snapshot` after
/// a deliberate change to the flow, and read the diff (`expect-test`).
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
    assert!(!lines.is_empty(), "some paths are listed");
    expect_test::expect_file!["../../tests/default-paths.txt"]
        .assert_eq(&(lines.join("\n") + "\n"));
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
