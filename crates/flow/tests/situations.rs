//! The calmer-choice review as tests: situations that families bring to therapists, each
//! in the visitor's own words, answered the calm way such a visitor plausibly would (the
//! milder answer where two could fit, "No" where they don't recognise the danger), walked
//! through a real session and rendered as the visitor reads it, in every language. Each
//! situation names the urgency it needs, the advice it must show and the advice it must
//! never show. docs/content-map.md's calmer-choice review lists the same situations by id.

use std::rc::Rc;

use selfcheck_flow::analysis::parse_answers;
use selfcheck_flow::markup;
use selfcheck_flow::view::{self, Settings};
use selfcheck_flow::{compile_toml, data, pack, Event, Flow, Screen, Session, Urgency};

const DEFAULT: &str = include_str!("../../../flows/default.toml");

struct Situation {
    /// Short id, as in docs/content-map.md's calmer-choice review.
    id: &'static str,
    /// What the visitor would tell a therapist.
    said: &'static str,
    /// The calm answers, `question=answer` in the order asked.
    answers: &'static str,
    /// The outcome the flow must give.
    outcome: &'static str,
    /// Advice that must be on the result.
    shows: &'static [&'static str],
    /// Advice that must never be on the result.
    never: &'static [&'static str],
}

/// Advice that explains anger away or tells the visitor to step back: never on a path
/// where someone is afraid of the loved one or is being hurt.
const MINIMISING: &[&str] = &[
    "after-anger",
    "ready-when-they-are",
    "step-back",
    "stop-nagging",
];

const SITUATIONS: &[Situation] = &[
    Situation {
        id: "burden-with-gambling-debt",
        said: "My husband is deep in gambling debt. He said we'd all be better off without him. He's not suicidal, he's just stressed.",
        answers: "danger=no adult=yes check-danger=burden",
        outcome: "get-help-now",
        shows: &["means-safety", "ask-directly", "cant-reach"],
        never: &[],
    },
    Situation {
        id: "gambling-debt-no-signs-ticked",
        said: "He gambles and hides the losses; I don't think any of those signs fit.",
        answers: "danger=no adult=yes check-danger=none home-safety=no emergency=no illness=gambling",
        outcome: "gambling",
        shows: &["warning-signs", "gambling-help"],
        never: MINIMISING,
    },
    Situation {
        id: "postpartum-partner-thinks-exhaustion",
        said: "Two weeks after the birth she's confused, hardly sleeps and says odd things about the baby. She says she's fine; I think she's exhausted.",
        answers: "danger=not-sure adult=yes check-danger=birth",
        outcome: "mental-health-emergency",
        shows: &["mental-health-call", "after-birth"],
        never: &["keep-safe"],
    },
    Situation {
        id: "son-hears-voices",
        said: "My son hasn't slept for days and says the neighbours are sending him messages through the TV. He isn't violent.",
        answers: "danger=no adult=yes check-danger=mind",
        outcome: "mental-health-emergency",
        shows: &["mental-health-call"],
        never: &["after-birth", "keep-safe"],
    },
    Situation {
        id: "mental-health-cant-wait",
        said: "She's falling apart, I can't name it, but it can't wait until next week.",
        answers: "danger=no adult=yes check-danger=none home-safety=no emergency=mind",
        outcome: "mental-health-emergency",
        shows: &["mental-health-call", "means-safety"],
        never: &["after-birth"],
    },
    Situation {
        id: "hit-when-raising-his-drinking",
        said: "He drinks, and when I bring it up he hits me. Tonight is calm.",
        answers: "danger=no adult=yes check-danger=none home-safety=afraid",
        outcome: "abuse-at-home",
        shows: &["safety-plan", "warning-signs"],
        never: MINIMISING,
    },
    Situation {
        id: "sister-hit-by-partner",
        said: "My sister's partner hits her and she won't leave. She won't let me help.",
        answers: "danger=no adult=yes check-danger=none home-safety=hurt-by-other",
        outcome: "abuse-of-loved-one",
        shows: &["support-victim"],
        never: MINIMISING,
    },
    Situation {
        id: "unsure-whether-afraid",
        said: "He shouts a lot when I offer help. I don't know if I'm afraid of him.",
        answers: "danger=no adult=yes check-danger=none home-safety=not-sure emergency=no illness=no feelings=sad coping=well offers=sometimes personal=no reaction=angry",
        outcome: "ordinary",
        shows: &["safety-at-home", "warning-signs"],
        never: &["after-anger"],
    },
    Situation {
        id: "son-on-opioids-nodding-off",
        said: "My son uses opioids and has nodded off twice this week. He says it's under control.",
        answers: "danger=no adult=yes check-danger=none home-safety=no emergency=no illness=substance",
        outcome: "substance-use",
        shows: &["opioids", "withdrawal", "substance-talk", "warning-signs"],
        never: MINIMISING,
    },
    Situation {
        id: "fifteen-year-old-cutting",
        said: "My 15-year-old daughter is cutting her arms. She says it's not a big deal.",
        answers: "danger=no adult=no check-danger=self-harm",
        outcome: "minor",
        shows: &["self-harm-care", "means-safety", "parent-role"],
        never: MINIMISING,
    },
    Situation {
        id: "adult-cutting",
        said: "My brother, 30, burns himself when things get bad. He says he's not suicidal.",
        answers: "danger=no adult=yes check-danger=self-harm",
        outcome: "get-help-now",
        shows: &["self-harm-care", "means-safety"],
        never: &[],
    },
    Situation {
        id: "sixteen-year-old-thrown-out",
        said: "My 16-year-old nephew was thrown out by his dad and is sofa-surfing; he won't come to us.",
        answers: "danger=no adult=no check-danger=none home-safety=no emergency=housing",
        outcome: "minor",
        shows: &["minor-left-home", "warning-signs"],
        never: &["housing-help"],
    },
    Situation {
        id: "child-harmed-at-home",
        said: "My niece is 12 and I think her mother's boyfriend hurts her.",
        answers: "danger=no adult=no check-danger=none home-safety=hurt-by-other",
        outcome: "child-protection",
        shows: &["child-at-risk", "warning-signs"],
        never: &["support-victim", "after-anger", "step-back"],
    },
    Situation {
        id: "teen-using-opioids",
        said: "My 17-year-old takes pills he buys online and sleeps all day. He says everyone does it.",
        answers: "danger=no adult=no check-danger=none home-safety=no emergency=no illness=substance",
        outcome: "minor",
        shows: &["opioids", "parent-role", "warning-signs"],
        never: MINIMISING,
    },
    Situation {
        id: "psychotic-and-goodbye",
        said: "He hears voices, and last night he texted me goodbye. Now he doesn't answer.",
        answers: "danger=not-sure adult=yes check-danger=goodbye+mind",
        outcome: "get-help-now",
        shows: &["cant-reach", "mental-health-call"],
        never: &[],
    },
    Situation {
        id: "partner-threatens-me-often",
        said: "My partner threatens me most days; it's been going on for months.",
        answers: "danger=threat",
        outcome: "danger-to-others",
        shows: &["keep-safe", "safety-plan"],
        never: MINIMISING,
    },
    Situation {
        id: "father-not-eating",
        said: "Dad is forgetful, hardly eats, and the house is a mess. He says he's managing.",
        answers: "danger=no adult=yes check-danger=none home-safety=no emergency=no illness=memory",
        outcome: "serious-illness",
        shows: &["self-neglect", "involve-professionals", "warning-signs"],
        never: MINIMISING,
    },
    Situation {
        id: "goodbye-message-cant-reach",
        said: "She sent me a message saying goodbye and isn't answering. Maybe I'm overreacting.",
        answers: "danger=not-sure adult=yes check-danger=goodbye",
        outcome: "get-help-now",
        shows: &["cant-reach", "ask-directly"],
        never: &[],
    },
    Situation {
        id: "ordinary-refusal",
        said: "My adult son lost his job and won't take my money. I keep offering.",
        answers: "danger=no adult=yes check-danger=none home-safety=no emergency=no illness=no feelings=sad coping=somewhat offers=often personal=sometimes reaction=angry",
        outcome: "ordinary",
        shows: &["warning-signs", "step-back", "stop-nagging", "after-anger"],
        never: &["safety-at-home"],
    },
];

fn flow() -> Rc<Flow> {
    match compile_toml(DEFAULT) {
        Ok(c) => Rc::new(c.flow),
        Err(e) => panic!("the default flow does not compile: {e:?}"),
    }
}

/// Walks a session through `answers`, in order, checking each is the question on screen.
fn walk(flow: &Rc<Flow>, answers: &str) -> Session {
    let mut s = Session::new(flow.clone());
    for (q, c) in parse_answers(flow, answers).unwrap_or_else(|e| panic!("{answers}: {e}")) {
        assert_eq!(
            s.screen(),
            Screen::Question(q),
            "{answers}: expected to be asked \"{}\"",
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
    s
}

#[test]
fn every_situation_reaches_the_help_it_needs_with_calm_answers() {
    let flow = flow();
    let mut failures = Vec::new();
    for sit in SITUATIONS {
        let session = walk(&flow, sit.answers);
        let Screen::Result(o) = session.screen() else {
            failures.push(format!("{}: ends on a question", sit.id));
            continue;
        };
        let outcome = &flow.outcomes[o];
        let advice: Vec<&str> = session
            .advice(o)
            .into_iter()
            .map(|a| flow.advice[a].id.as_str())
            .collect();
        if outcome.id != sit.outcome {
            failures.push(format!(
                "{} (\"{}\"): reached {} ({}), needs {}",
                sit.id,
                sit.said,
                outcome.id,
                outcome.urgency.as_str(),
                sit.outcome
            ));
        }
        for want in sit.shows {
            if !advice.contains(want) {
                failures.push(format!(
                    "{}: missing advice {want} (has {advice:?})",
                    sit.id
                ));
            }
        }
        for bad in sit.never {
            if advice.contains(bad) {
                failures.push(format!("{}: shows {bad}, which it must not", sit.id));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// The situations' results as the visitor reads them, in each language and for a known,
/// an unknown and an empty region: urgent and emergency results always carry a number.
#[test]
fn every_situation_renders_a_number_to_call_in_every_language_and_region() {
    let flow = flow();
    let uis = data::uis().expect("widget words");
    let directory = data::directory().expect("crisis directory");
    for lang in &flow.languages {
        let pack = pack::assemble(&flow, lang, &uis, &directory).expect("pack");
        for sit in SITUATIONS {
            let session = walk(&pack.flow, sit.answers);
            let Screen::Result(o) = session.screen() else {
                panic!("{}: ends on a question", sit.id)
            };
            if pack.flow.outcomes[o].urgency > Urgency::Urgent {
                continue;
            }
            for region in ["us", "fr", "mx", "zz", ""] {
                let settings = Settings {
                    lang: lang.clone(),
                    region: region.to_string(),
                    ..Settings::default()
                };
                let html = markup::page(&view::page(&session, &pack, &settings), 1).html();
                assert!(
                    html.contains("href=\"tel:"),
                    "{} in {lang}, region \"{region}\": no number to call on the result",
                    sit.id
                );
            }
        }
    }
}

/// What the situations' results say, in words a test can find in each language: the
/// naloxone advice, CRAFT, the postpartum advice about the baby, and the calm outcomes'
/// "not an emergency today" (never a flat "not an emergency").
#[test]
fn the_results_say_what_each_situation_needs_in_every_language() {
    let flow = flow();
    let uis = data::uis().expect("widget words");
    let directory = data::directory().expect("crisis directory");
    let needs: &[(&str, [&str; 3])] = &[
        (
            "son-on-opioids-nodding-off",
            ["naloxone", "naloxona", "naloxone"],
        ),
        ("son-on-opioids-nodding-off", ["CRAFT", "CRAFT", "CRAFT"]),
        (
            "postpartum-partner-thinks-exhaustion",
            [
                "alone with the baby",
                "sola con el bebé",
                "seule avec le bébé",
            ],
        ),
        (
            "ordinary-refusal",
            ["emergency today", "emergencia hoy", "urgente aujourd'hui"],
        ),
        (
            "hit-when-raising-his-drinking",
            ["not your fault", "no es tu culpa", "pas votre faute"],
        ),
        (
            "burden-with-gambling-debt",
            [
                "call the emergency number now",
                "llama ahora al número de emergencias",
                "appelez dès maintenant le numéro d'urgence",
            ],
        ),
    ];
    for (li, lang) in ["en", "es", "fr"].iter().enumerate() {
        let pack = pack::assemble(&flow, lang, &uis, &directory).expect("pack");
        for (id, words) in needs {
            let sit = SITUATIONS.iter().find(|s| s.id == *id).expect("situation");
            let session = walk(&pack.flow, sit.answers);
            let settings = Settings {
                lang: lang.to_string(),
                region: "us".to_string(),
                ..Settings::default()
            };
            let text = view::page(&session, &pack, &settings)
                .take_away()
                .expect("a result");
            assert!(
                text.contains(words[li]),
                "{id} in {lang}: the result does not say \"{}\"",
                words[li]
            );
            assert!(
                !text.contains("This sounds like an ordinary situation"),
                "{id}: the old reassurance is back"
            );
        }
    }
}
