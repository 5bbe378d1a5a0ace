//! Property tests: random flows and random bytes never panic the engine; every valid flow
//! takes every random visitor to exactly one outcome; re-routing any danger answer to a
//! non-emergency outcome, any urgent answer to a calm one, or any answer with a topic to an
//! outcome without it, is always caught by the safety proof, and the re-check where a pack
//! runs agrees with it. Damaged packs are also resealed, so the wire reader is fuzzed.

use std::rc::Rc;

use proptest::prelude::*;
use selfcheck_flow::session::{Event, Screen, Session};
use selfcheck_flow::{compile_toml, doc, ErrorKind};

/// A small random flow, written as TOML the way an author would.
#[derive(Clone, Debug)]
struct Spec {
    questions: Vec<QSpec>,
    outcomes: Vec<u8>,
    /// An answer (question, answer) flagged `urgent`.
    urgent: Option<(usize, usize)>,
    /// An answer (question, answer) with `topics = ["t"]`.
    topic: Option<(usize, usize)>,
    /// The outcomes with `topics = ["t"]`.
    covered: Vec<usize>,
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
                let urgent = self.urgent == Some((i, j));
                match (*danger, urgent) {
                    (true, true) => s += "flags = [\"danger\", \"urgent\"]\n",
                    (true, false) => s += "flags = [\"danger\"]\n",
                    (false, true) => s += "flags = [\"urgent\"]\n",
                    (false, false) => {}
                }
                if self.topic == Some((i, j)) {
                    s += "topics = [\"t\"]\n";
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
            if self.covered.contains(&i) {
                s += "topics = [\"t\"]\n";
            }
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
            urgent: None,
            topic: None,
            covered: Vec::new(),
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
}

/// Runs `test` on `cases` values of `strategy`; `test` says whether a case tested anything
/// (a generated flow that does not compile tests nothing). Fails unless at least `floor`
/// cases did, so a property cannot pass by generating nothing it can check.
fn checked_cases<S: Strategy>(
    strategy: S,
    cases: u32,
    floor: u32,
    test: impl Fn(S::Value) -> Result<bool, TestCaseError>,
) {
    use std::cell::Cell;
    let meaningful = Cell::new(0u32);
    // A fixed seed: the count of checkable cases is the same on every run (no flake).
    let mut runner = proptest::test_runner::TestRunner::new_with_rng(
        ProptestConfig {
            cases,
            ..ProptestConfig::default()
        },
        proptest::test_runner::TestRng::deterministic_rng(
            proptest::test_runner::RngAlgorithm::ChaCha,
        ),
    );
    runner
        .run(&strategy, |v| {
            if test(v)? {
                meaningful.set(meaningful.get() + 1);
            }
            Ok(())
        })
        .unwrap();
    assert!(
        meaningful.get() >= floor,
        "only {} of {cases} generated cases could be checked (at least {floor} must be)",
        meaningful.get()
    );
}

#[test]
fn every_random_visitor_reaches_exactly_one_outcome() {
    let strategy = (
        spec().prop_map(forward),
        prop::collection::vec(any::<u32>(), 12),
    );
    // About one generated flow in ten compiles and proves; 40 of 512 is the floor.
    checked_cases(strategy, 512, 40, |(s, picks)| {
        let Ok(compiled) = compile_toml(&s.toml()) else {
            return Ok(false);
        };
        let flow = Rc::new(compiled.flow);
        let mut session = Session::new(flow.clone());
        for pick in picks.iter().cycle().take(flow.questions.len() + 1) {
            let Screen::Question(q) = session.screen() else {
                break;
            };
            let choices = flow.questions[q].choices();
            let choice = choices[*pick as usize % choices.len()];
            for a in choice.iter() {
                session.update(Event::Choose {
                    answer: a,
                    checked: true,
                });
            }
            session.update(Event::Continue);
        }
        let Screen::Result(o) = session.screen() else {
            return Err(TestCaseError::fail(format!(
                "a valid flow left the visitor on a question:\n{}",
                s.toml()
            )));
        };
        let danger = session
            .path()
            .iter()
            .any(|&(q, c)| c.iter().any(|a| flow.questions[q].answers[a].danger));
        prop_assert!(!danger || flow.outcomes[o].urgency.as_str() == "emergency");
        Ok(true)
    });
}

#[test]
fn rerouting_a_danger_answer_away_from_emergency_is_always_rejected() {
    // With this seed, 31 of 512 generated flows compile and have a danger answer to move.
    checked_cases(
        (spec().prop_map(forward), any::<u16>()),
        512,
        25,
        |(s, which)| {
            if compile_toml(&s.toml()).is_err() {
                return Ok(false);
            }
            // Candidates: danger answers of single-choice questions that no route overrides.
            let candidates: Vec<(usize, usize)> = s
                .questions
                .iter()
                .enumerate()
                .filter(|(_, q)| !q.multiple && q.route.is_none())
                .flat_map(|(i, q)| {
                    q.answers
                        .iter()
                        .enumerate()
                        .filter(|(_, a)| a.0)
                        .map(move |(j, _)| (i, j))
                })
                .collect();
            if candidates.is_empty() {
                return Ok(false);
            }
            let (qi, ai) = candidates[which as usize % candidates.len()];
            let mut broken = s.clone();
            broken.outcomes.push(3);
            let calm = (broken.questions.len() + broken.outcomes.len() - 1) as u8;
            broken.questions[qi].answers[ai].1 = calm;
            let errors =
                compile_toml(&broken.toml()).expect_err("re-routed danger must not compile");
            prop_assert!(
                errors
                    .iter()
                    .any(|e| e.kind == ErrorKind::DangerMissesEmergency),
                "{:?}",
                errors
            );
            Ok(true)
        },
    );
}

/// The answers of single-choice questions that no route overrides and that are not
/// flagged `danger`: where the answer's own `next` decides where the path goes.
fn plain_answers(s: &Spec) -> Vec<(usize, usize)> {
    s.questions
        .iter()
        .enumerate()
        .filter(|(_, q)| !q.multiple && q.route.is_none())
        .flat_map(|(i, q)| {
            q.answers
                .iter()
                .enumerate()
                .filter(|(_, a)| !a.0)
                .map(move |(j, _)| (i, j))
        })
        .collect()
}

/// Marks one plain answer of a valid random flow with `mark`, re-routes it straight to a
/// new outcome of urgency `to` (an index into [`URGENCIES`]), and checks the proof
/// rejects the flow with `kind`. With this seed, 51 of 512 generated flows compile and
/// have an answer to mark; 40 is the floor.
fn marked_and_rerouted_is_rejected(
    mark: fn(&mut Spec, (usize, usize)),
    to: [u8; 3],
    kind: ErrorKind,
) {
    checked_cases(
        (spec().prop_map(forward), any::<u16>(), any::<u8>()),
        512,
        40,
        |(s, which, urgency)| {
            let candidates = plain_answers(&s);
            if compile_toml(&s.toml()).is_err() || candidates.is_empty() {
                return Ok(false);
            }
            let (qi, ai) = candidates[which as usize % candidates.len()];
            let mut broken = s.clone();
            mark(&mut broken, (qi, ai));
            broken.outcomes.push(to[urgency as usize % to.len()]);
            let target = (broken.questions.len() + broken.outcomes.len() - 1) as u8;
            broken.questions[qi].answers[ai].1 = target;
            let errors =
                compile_toml(&broken.toml()).expect_err("the re-routed answer must not compile");
            prop_assert!(
                errors.iter().any(|e| e.kind == kind),
                "{:?}\n{}",
                errors,
                broken.toml()
            );
            Ok(true)
        },
    );
}

#[test]
fn rerouting_an_urgent_answer_to_a_calm_outcome_is_always_rejected() {
    // Support or self-care (twice, so the two are picked about evenly).
    marked_and_rerouted_is_rejected(
        |s, at| s.urgent = Some(at),
        [2, 3, 3],
        ErrorKind::UrgentEndsCalm,
    );
}

#[test]
fn rerouting_a_topic_answer_to_an_outcome_without_it_is_always_rejected() {
    // The emergency outcome o0 lists the topic, so it is not dangling; the new outcome is
    // urgent, support or self-care, without it.
    marked_and_rerouted_is_rejected(
        |s, at| {
            s.topic = Some(at);
            s.covered = vec![0];
        },
        [1, 2, 3],
        ErrorKind::TopicMissed,
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Random bytes, and packs damaged at random, into the pack decoder: an error, never a
    /// panic; a pack that does read back is consistent and passes the re-check. Random
    /// bytes and damaged packs are also resealed (a right checksum for the new body), so
    /// the wire reader itself is fuzzed, not only the checksum.
    #[test]
    fn random_bytes_into_the_pack_decoder_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048), flips in prop::collection::vec((any::<u16>(), any::<u8>()), 1..4)) {
        let _ = selfcheck_flow::pack::decode(&bytes);
        let mut body = b"SCPK".to_vec();
        body.push(selfcheck_flow::pack::FORMAT);
        body.extend_from_slice(&bytes);
        let _ = selfcheck_flow::pack::decode(&body);
        let _ = selfcheck_flow::pack::decode(&reseal(&bytes));
        let mut pack = good_pack().to_vec();
        for (at, x) in flips {
            let i = at as usize % pack.len();
            pack[i] ^= x | 1;
        }
        let resealed = reseal(&pack[9.min(pack.len())..]);
        for bytes in [pack, resealed] {
            if let Ok(p) = selfcheck_flow::pack::decode(&bytes) {
                prop_assert!(p.flow.is_consistent());
                prop_assert!(selfcheck_flow::analysis::recheck(&p.flow).is_ok());
            }
        }
    }
}

/// `body` as a pack: the magic, the format and the checksum of `body`, then `body`. What
/// anyone who edits a pack can do, so a fuzzed body reaches the wire reader.
fn reseal(body: &[u8]) -> Vec<u8> {
    let mut out = selfcheck_flow::pack::MAGIC.to_vec();
    out.push(selfcheck_flow::pack::FORMAT);
    out.extend_from_slice(&selfcheck_flow::pack::checksum(body).to_le_bytes());
    out.extend_from_slice(body);
    out
}

/// The re-check where a pack runs agrees with the proof: every random flow that compiles
/// (and so is proven) passes it, and the same flow with a danger answer re-routed to a
/// new calm outcome, edited in memory as a tampered pack would be, fails it.
#[test]
fn the_recheck_agrees_with_the_proof_on_random_flows() {
    checked_cases(
        (spec().prop_map(forward), any::<u16>()),
        512,
        25,
        |(s, which)| {
            let Ok(compiled) = compile_toml(&s.toml()) else {
                return Ok(false);
            };
            let mut flow = compiled.flow;
            prop_assert_eq!(selfcheck_flow::analysis::recheck(&flow).map(|_| ()), Ok(()));
            let candidates: Vec<(usize, usize)> = (0..flow.questions.len())
                .filter(|&q| flow.questions[q].routes.is_empty())
                .filter(|&q| flow.questions[q].kind == selfcheck_flow::model::Kind::Single)
                .flat_map(|q| {
                    let answers = &flow.questions[q].answers;
                    (0..answers.len())
                        .filter(|&a| answers[a].danger)
                        .map(move |a| (q, a))
                        .collect::<Vec<_>>()
                })
                .collect();
            if candidates.is_empty() {
                return Ok(false);
            }
            let (q, a) = candidates[which as usize % candidates.len()];
            let mut calm = flow.outcomes[0].clone();
            calm.id = "calm".to_string();
            calm.urgency = selfcheck_flow::Urgency::SelfCare;
            flow.outcomes.push(calm);
            let o = flow.outcomes.len() - 1;
            flow.questions[q].answers[a].next = Some(selfcheck_flow::model::Target::Outcome(o));
            let why = selfcheck_flow::analysis::recheck(&flow).expect_err("refused");
            prop_assert!(why.starts_with("danger answer"), "{}", why);
            Ok(true)
        },
    );
}

fn good_pack() -> &'static [u8] {
    static PACK: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    PACK.get_or_init(|| {
        selfcheck_flow::data::pack(include_str!("../../../flows/default.toml"), "en").unwrap()
    })
}

/// Every form the binary encoding has (routes with `all`, `any`, `not` and `score`
/// conditions, strong and emphasised text, links, multiple questions, instruments, contact
/// groups) survives encode → decode unchanged, in every bundled flow and language.
#[test]
fn every_bundled_flow_round_trips_through_the_pack_format() {
    let mut forms = std::collections::BTreeSet::new();
    for (name, src) in selfcheck_flow::data::FLOWS {
        let compiled = compile_toml(src).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let text = format!("{:?}", compiled.flow);
        for form in [
            "All(",
            "Any(",
            "Not(",
            "Score {",
            "Strong(",
            "Em(",
            "Link {",
            "Multiple",
            "instrument: Some",
            "contacts: Some",
        ] {
            if text.contains(form) {
                forms.insert(form);
            }
        }
        for lang in &compiled.flow.languages {
            let bytes = selfcheck_flow::data::pack(src, lang).unwrap();
            let back = selfcheck_flow::pack::decode(&bytes).unwrap();
            assert_eq!(selfcheck_flow::pack::encode(&back), bytes, "{name} {lang}");
        }
    }
    // A flow written to hold the forms the bundled flows lack.
    let extra = r#"
[flow]
id = "forms"
version = "1"
title = "T"
intro = "I"
disclaimer = "D"
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
next = "b"
[[question]]
id = "b"
text = "B"
next = "help"
[[question.answer]]
id = "x"
text = "X"
score = 2
[[question.answer]]
id = "y"
text = "Y"
[[question.route]]
when = { not = "b.x" }
to = "fine"
[[outcome]]
id = "help"
urgency = "emergency"
title = "Help"
summary = "Call *now* and see **this** [page](https://example.org)."
[[outcome]]
id = "fine"
urgency = "self-care"
title = "Fine"
summary = "Ok."
"#;
    let compiled = compile_toml(extra).unwrap_or_else(|e| panic!("{e:?}"));
    let text = format!("{:?}", compiled.flow);
    for form in ["Not(", "Strong(", "Em(", "Link {"] {
        if text.contains(form) {
            forms.insert(form);
        }
    }
    let bytes = selfcheck_flow::data::pack(extra, "en").unwrap();
    assert_eq!(
        selfcheck_flow::pack::encode(&selfcheck_flow::pack::decode(&bytes).unwrap()),
        bytes
    );
    assert_eq!(
        forms.len(),
        10,
        "every form was encoded at least once: {forms:?}"
    );
}
