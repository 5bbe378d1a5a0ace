//! The session: events, Back, Start again, Change, exclusive answers, replay, the picked
//! region, relabelling and the effects it returns.

use super::*;

#[test]
fn session_back_restart_and_change() {
    let flow = default_flow();
    let mut s = Session::new(flow.clone());
    let q = |s: &Session| match s.screen() {
        Screen::Question(q) => flow.questions[q].id.clone(),
        Screen::Result(o) => format!("result:{}", flow.outcomes[o].id),
    };
    // Chooses the answer `a` of the question on screen and continues.
    let answer_id = |s: &mut Session, a: &str| {
        let Screen::Question(on) = s.screen() else {
            panic!("a question is on screen")
        };
        let index = flow.questions[on]
            .answers
            .iter()
            .position(|x| x.id == a)
            .unwrap_or_else(|| panic!("{} has no answer {a}", flow.questions[on].id));
        answer(s, [index]);
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
        answer_id(&mut s, a);
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
    answer_id(&mut s, "no");
    assert_eq!(q(&s), "result:minor");
    assert_eq!(s.path().len(), 5, "the same questions, one answer changed");
    // Change the first answer to a danger answer: the path now ends at emergency help.
    s.update(Event::Change(flow.start));
    answer_id(&mut s, "harm-self");
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
        answer(&mut s, [idx(qid, a)]);
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
    answer(&mut s, [idx("check-danger", "none")]);
    for step in ["home-safety=no", "emergency=no", "illness=no"] {
        let (qid, a) = step.split_once('=').unwrap();
        assert_eq!(s.screen(), Screen::Question(flow.question(qid).unwrap()));
        answer(&mut s, [idx(qid, a)]);
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

#[test]
fn switching_packs_keeps_the_answers_and_refuses_another_flow() {
    let en = default_pack("en");
    let es = default_pack("es");
    let mut s = Session::new(en.flow.clone());
    answer(&mut s, [en.flow.questions[en.flow.start].answers.len() - 1]);
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
