//! Property tests: random flows and random bytes never panic the engine; every valid flow
//! takes every random visitor to exactly one outcome; re-routing any danger answer to a
//! non-emergency outcome is always caught by the safety proof.

use std::rc::Rc;

use proptest::prelude::*;
use selfcheck_flow::session::{Event, Screen, Session};
use selfcheck_flow::{compile_toml, doc, ErrorKind};

/// A small random flow, written as TOML the way an author would.
#[derive(Clone, Debug)]
struct Spec {
    questions: Vec<QSpec>,
    outcomes: Vec<u8>,
}

#[derive(Clone, Debug)]
struct QSpec {
    multiple: bool,
    answers: Vec<(bool, u8)>,
    next: u8,
    route: Option<(u8, u8, u8)>,
}

const URGENCIES: [&str; 4] = ["emergency", "urgent", "support", "self-care"];

impl Spec {
    /// Targets are indices into questions then outcomes; out of range is a dangling id.
    fn target(&self, t: u8) -> String {
        let (q, o) = (self.questions.len(), self.outcomes.len());
        let t = t as usize % (q + o + 1);
        if t < q {
            format!("q{t}")
        } else if t < q + o {
            format!("o{}", t - q)
        } else {
            "nowhere".to_string()
        }
    }

    fn toml(&self) -> String {
        let mut s = String::from("[flow]\nid = \"p\"\nversion = \"1\"\ntitle = \"T\"\nintro = \"I\"\ndisclaimer = \"D\"\n");
        for (i, q) in self.questions.iter().enumerate() {
            s += &format!(
                "\n[[question]]\nid = \"q{i}\"\ntext = \"Q{i}\"\nkind = \"{}\"\n",
                if q.multiple { "multiple" } else { "single" }
            );
            if q.multiple {
                s += &format!("next = \"{}\"\n", self.target(q.next));
            }
            for (j, (danger, next)) in q.answers.iter().enumerate() {
                s += &format!("[[question.answer]]\nid = \"a{j}\"\ntext = \"A{j}\"\n");
                if *danger {
                    s += "flags = [\"danger\"]\n";
                }
                if !q.multiple {
                    s += &format!("next = \"{}\"\n", self.target(*next));
                }
            }
            if let Some((rq, ra, to)) = q.route {
                let rq = rq as usize % self.questions.len();
                let ra = ra as usize % self.questions[rq].answers.len();
                s += &format!(
                    "[[question.route]]\nwhen = \"q{rq}.a{ra}\"\nto = \"{}\"\n",
                    self.target(to)
                );
            }
        }
        for (i, u) in self.outcomes.iter().enumerate() {
            s += &format!("\n[[outcome]]\nid = \"o{i}\"\nurgency = \"{}\"\ntitle = \"O{i}\"\nsummary = \"S\"\n", URGENCIES[*u as usize % 4]);
        }
        s
    }
}

fn spec() -> impl Strategy<Value = Spec> {
    let question = (
        any::<bool>(),
        prop::collection::vec((prop::bool::weighted(0.3), any::<u8>()), 2..4),
        any::<u8>(),
        prop::option::weighted(0.3, (any::<u8>(), any::<u8>(), any::<u8>())),
    )
        .prop_map(|(multiple, answers, next, route)| QSpec {
            multiple,
            answers,
            next,
            route,
        });
    (
        prop::collection::vec(question, 1..7),
        prop::collection::vec(0u8..4, 1..5),
    )
        .prop_map(|(questions, outcomes)| Spec {
            questions,
            outcomes,
        })
}

/// Forward-only flows (targets only point later) so that a good share of them are valid.
fn forward(mut s: Spec) -> Spec {
    let n = s.questions.len();
    let o = s.outcomes.len();
    let fix = |i: usize, t: u8| -> u8 {
        let later = n - i - 1 + o;
        (i + 1 + t as usize % later) as u8
    };
    for i in 0..n {
        let q = &mut s.questions[i];
        q.next = fix(i, q.next);
        for a in &mut q.answers {
            a.1 = fix(i, a.1);
        }
        q.route = q.route.map(|(rq, ra, to)| (rq, ra, fix(i, to)));
    }
    // Danger answers lead straight to an emergency outcome, which always exists.
    s.outcomes[0] = 0;
    for q in &mut s.questions {
        for a in &mut q.answers {
            if a.0 {
                a.1 = n as u8;
            }
        }
        if q.answers.iter().any(|a| a.0) {
            q.multiple = false;
        }
    }
    s.questions[0].answers[0].0 = true;
    s.questions[0].answers[0].1 = n as u8;
    s.questions[0].multiple = false;
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn random_flows_never_panic(s in spec()) {
        let _ = compile_toml(&s.toml());
    }

    #[test]
    fn random_bytes_never_panic_either_front_door(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = compile_toml(&text);
        if let Ok(node) = doc::from_json(&text) {
            let _ = selfcheck_flow::compile(&node);
        }
    }

    #[test]
    fn json_like_text_never_panics(text in "[\\[\\]{}:,\" a-z0-9.\\\\-]{0,200}") {
        if let Ok(node) = doc::from_json(&text) {
            let _ = selfcheck_flow::compile(&node);
        }
    }

    #[test]
    fn every_random_visitor_reaches_exactly_one_outcome(s in spec().prop_map(forward), picks in prop::collection::vec(any::<u32>(), 12)) {
        let Ok(compiled) = compile_toml(&s.toml()) else { return Ok(()) };
        let flow = Rc::new(compiled.flow);
        let mut session = Session::new(flow.clone());
        for pick in picks.iter().cycle().take(flow.questions.len() + 1) {
            let Screen::Question(q) = session.screen() else { break };
            let choices = flow.questions[q].choices();
            let choice = choices[*pick as usize % choices.len()];
            for a in choice.iter() {
                session.update(Event::Choose { answer: a, checked: true });
            }
            session.update(Event::Continue);
        }
        let Screen::Result(o) = session.screen() else {
            return Err(TestCaseError::fail(format!("a valid flow left the visitor on a question:\n{}", s.toml())));
        };
        let danger = session.path().iter().any(|&(q, c)| c.iter().any(|a| flow.questions[q].answers[a].danger));
        prop_assert!(!danger || flow.outcomes[o].urgency.as_str() == "emergency");
    }

    #[test]
    fn rerouting_a_danger_answer_away_from_emergency_is_always_rejected(s in spec().prop_map(forward), which in any::<u16>()) {
        if compile_toml(&s.toml()).is_err() {
            return Ok(());
        }
        // Candidates: danger answers of single-choice questions that no route overrides.
        let candidates: Vec<(usize, usize)> = s.questions.iter().enumerate()
            .filter(|(_, q)| !q.multiple && q.route.is_none())
            .flat_map(|(i, q)| q.answers.iter().enumerate().filter(|(_, a)| a.0).map(move |(j, _)| (i, j)))
            .collect();
        prop_assume!(!candidates.is_empty());
        let (qi, ai) = candidates[which as usize % candidates.len()];
        let mut broken = s.clone();
        broken.outcomes.push(3);
        let calm = (broken.questions.len() + broken.outcomes.len() - 1) as u8;
        broken.questions[qi].answers[ai].1 = calm;
        let errors = compile_toml(&broken.toml()).expect_err("re-routed danger must not compile");
        prop_assert!(errors.iter().any(|e| e.kind == ErrorKind::DangerMissesEmergency), "{:?}", errors);
    }
}
