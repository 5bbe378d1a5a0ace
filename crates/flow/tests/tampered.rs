//! Packs edited after the build, with their checksum fixed (issue 26, part 2): the checksum
//! tells a damaged download from a good one, not an edited pack from a built one, so the
//! widget re-checks what it reads. A danger answer sent to a calm outcome, a `javascript:`
//! link, a condition nested 100,000 deep, a question loop, a region without its emergency
//! number: each is refused by `pack::decode`. A seeded corpus of damaged packs, resealed so
//! that the reader gets past the checksum, never panics the reader, the session, the view
//! or the markup, and every pack it lets through keeps a danger answer at emergency help
//! and a number to call on every emergency result.

use std::rc::Rc;
use std::sync::OnceLock;

use selfcheck_flow::analysis::{self, RECHECK_STATES};
use selfcheck_flow::markup;
use selfcheck_flow::model::{
    Cond, ContactGroup, Flow, Kind, Route, Target, Urgency, MAX_COND_DEPTH,
};
use selfcheck_flow::pack::{self, PackError};
use selfcheck_flow::rich::{Block, Inline};
use selfcheck_flow::view::{self, Body, Settings};
use selfcheck_flow::{compile_toml, data, Event, Pack, Screen, Session};

/// Every bundled flow's pack in every language, as `(name, bytes)`, made as the build
/// makes them (each flow compiled and proven once).
fn packs() -> &'static [(String, Vec<u8>)] {
    static PACKS: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    PACKS.get_or_init(|| {
        let uis = data::uis().expect("widget words");
        let directory = data::directory().expect("crisis directory");
        let mut out = Vec::new();
        for (name, src) in data::FLOWS {
            let compiled = compile_toml(src).unwrap_or_else(|e| panic!("{name}: {e:?}"));
            for lang in &compiled.flow.languages {
                let p = pack::assemble(&compiled.flow, lang, &uis, &directory)
                    .unwrap_or_else(|e| panic!("{name} {lang}: {e}"));
                out.push((format!("{name} {lang}"), pack::encode(&p)));
            }
        }
        out
    })
}

/// The default flow's English pack.
fn default_pack() -> Pack {
    let (_, bytes) = packs()
        .iter()
        .find(|(n, _)| n == "default.toml en")
        .expect("the default flow has an English pack");
    pack::decode(bytes).expect("the built pack reads")
}

/// A pack's body (the wire form) behind a good header: the magic, the format and the
/// checksum of this body. What anyone who edits a pack does, so the reader's own checks
/// are reached.
fn reseal(body: &[u8]) -> Vec<u8> {
    let mut out = pack::MAGIC.to_vec();
    out.push(pack::FORMAT);
    out.extend_from_slice(&pack::checksum(body).to_le_bytes());
    out.extend_from_slice(body);
    out
}

/// The pack with its flow edited by `edit`, re-encoded with a right checksum.
fn edited(pack: &Pack, edit: impl FnOnce(&mut Flow)) -> Vec<u8> {
    let mut flow = (*pack.flow).clone();
    edit(&mut flow);
    let mut p = pack.clone();
    p.flow = Rc::new(flow);
    pack::encode(&p)
}

/// What the reader says of `bytes` when it refuses them as unsafe.
fn unsafe_because(bytes: &[u8]) -> String {
    match pack::decode(bytes) {
        Err(PackError::Unsafe(why)) => why,
        other => panic!(
            "expected an unsafe pack, got {:?}",
            other.map(|p| p.flow.id.clone())
        ),
    }
}

#[test]
fn every_bundled_pack_passes_the_recheck_well_within_its_budget() {
    for (name, bytes) in packs() {
        let p = pack::decode(bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        let states = analysis::recheck(&p.flow).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            states * 50 <= RECHECK_STATES,
            "{name}: {states} states, more than 2% of the cap ({RECHECK_STATES})"
        );
    }
}

#[test]
fn a_danger_answer_sent_to_a_calm_outcome_is_refused() {
    let mut tried = 0;
    for (name, bytes) in packs().iter().filter(|(n, _)| n.ends_with(" en")) {
        let p = pack::decode(bytes).expect("reads");
        let flow = &p.flow;
        let calm: Vec<usize> = (0..flow.outcomes.len())
            .filter(|&o| flow.outcomes[o].urgency != Urgency::Emergency)
            .collect();
        // Danger answers of questions without routes: their own `next` decides.
        for (q, question) in flow.questions.iter().enumerate() {
            if question.kind != Kind::Single || !question.routes.is_empty() {
                continue;
            }
            for a in (0..question.answers.len()).filter(|&a| question.answers[a].danger) {
                for &o in &calm {
                    let bytes = edited(&p, |f| {
                        f.questions[q].answers[a].next = Some(Target::Outcome(o))
                    });
                    let why = unsafe_because(&bytes);
                    let answer = format!("{}.{}", question.id, question.answers[a].id);
                    assert!(
                        why.starts_with(&format!("danger answer \"{answer}\" can end at")),
                        "{name}: {why}"
                    );
                    tried += 1;
                }
            }
        }
    }
    assert!(tried >= 50, "only {tried} re-routings tried");
    // "They may hurt themselves" to the ordinary self-care outcome, as the issue measured:
    // the console says which answer and where it ends.
    let p = default_pack();
    let (q, a) = answer(&p.flow, "danger", "harm-self");
    let o = p
        .flow
        .outcome("ordinary")
        .expect("the default flow's self-care outcome");
    let bytes = edited(&p, |f| {
        f.questions[q].answers[a].next = Some(Target::Outcome(o))
    });
    let err = pack::decode(&bytes).expect_err("refused");
    assert_eq!(
        err.to_string(),
        "the pack fails the safety check (danger answer \"danger.harm-self\" can end at \
         \"ordinary\" (self-care)): rebuild it from its flow"
    );
}

/// The indices of question `q`'s answer `a`, by ids.
fn answer(flow: &Flow, q: &str, a: &str) -> (usize, usize) {
    let qi = flow
        .question(q)
        .unwrap_or_else(|| panic!("no question {q}"));
    let ai = flow.questions[qi]
        .answers
        .iter()
        .position(|x| x.id == a)
        .unwrap_or_else(|| panic!("no answer {q}.{a}"));
    (qi, ai)
}

#[test]
fn the_other_path_rules_are_refused_too() {
    let p = default_pack();
    let flow = &p.flow;
    let calm = flow.outcome("ordinary").expect("the self-care outcome");
    // An urgent answer ("they are under 18", on a question without routes) sent calm.
    let (q, a) = answer(flow, "adult", "no");
    let why = unsafe_because(&edited(&p, |f| {
        f.questions[q].answers[a].next = Some(Target::Outcome(calm))
    }));
    assert!(why.starts_with("urgent answer \"adult.no\""), "{why}");
    // An outcome about abuse stripped of its topic.
    let abuse = flow.outcome("abuse-at-home").expect("abuse-at-home");
    let why = unsafe_because(&edited(&p, |f| {
        f.outcomes.iter_mut().for_each(|o| o.topics.clear())
    }));
    assert!(why.starts_with("topic of answer \"home-safety."), "{why}");
    assert!(flow.outcomes[abuse].topics.contains(&"abuse".to_string()));
    // A `screens` question nobody is asked before a calm outcome (a copy of the first,
    // which nothing leads to).
    let why = unsafe_because(&edited(&p, |f| {
        let mut q = f.questions[f.start].clone();
        q.id = "never-asked".to_string();
        f.questions.push(q);
        f.depth.push(1);
        f.screens.push(f.questions.len() - 1);
    }));
    assert!(why.starts_with("a path without \"never-asked\""), "{why}");
    // A first question that screens for nothing.
    let why = unsafe_because(&edited(&p, |f| {
        let start = f.start;
        f.questions[start]
            .answers
            .iter_mut()
            .for_each(|a| a.danger = false);
    }));
    assert!(why.starts_with("first question"), "{why}");
    // A dead end: an answer, then nowhere.
    let why = unsafe_because(&edited(&p, |f| {
        let (q, a) = answer(f, "coping", "well");
        f.questions[q].answers[a].next = None;
        f.questions[q].next = None;
    }));
    assert!(why.contains("can lead nowhere"), "{why}");
    // A question with no answers: the visitor could never go on from it.
    let why = unsafe_because(&edited(&p, |f| {
        let mut empty = f.questions[f.start].clone();
        empty.id = "empty".to_string();
        empty.answers.clear();
        f.questions.push(empty);
        f.depth.push(1);
        let (q, a) = answer(f, "coping", "well");
        f.questions[q].answers[a].next = Some(Target::Question(f.questions.len() - 1));
    }));
    assert_eq!(why, "question \"empty\" can lead nowhere");
    // An emergency outcome that lists only an abuse line; a region without its emergency
    // number.
    let help = flow.outcome("get-help-now").expect("get-help-now");
    let why = unsafe_because(&edited(&p, |f| {
        f.outcomes[help].contacts = Some(vec![ContactGroup::Abuse])
    }));
    assert_eq!(
        why,
        "emergency outcome \"get-help-now\" shows no number to call"
    );
    let mut no_number = p.clone();
    let mut directory = (*p.directory).clone();
    directory.regions[0].contacts.remove(0);
    no_number.directory = Rc::new(directory);
    let why = unsafe_because(&pack::encode(&no_number));
    assert_eq!(why, "a region has no emergency number");
}

#[test]
fn a_question_loop_is_refused() {
    let p = default_pack();
    let flow = &p.flow;
    let start = flow.start;
    // The last question's answers lead back to the first.
    let last = flow.questions.len() - 1;
    let why = unsafe_because(&edited(&p, |f| {
        f.questions[last]
            .answers
            .iter_mut()
            .for_each(|a| a.next = Some(Target::Question(start)));
        f.questions[last].next = Some(Target::Question(start));
    }));
    assert!(why.contains("leads back to"), "{why}");
    // Stricter than the proof: a route back that never applies is refused as well, so
    // the session can never go round (the proof would only call it never true).
    let why = unsafe_because(&edited(&p, |f| {
        f.questions[last].routes.insert(
            0,
            Route {
                when: Cond::Any(Vec::new()),
                to: Target::Question(start),
            },
        );
    }));
    assert!(why.contains("leads back to"), "{why}");
}

#[test]
fn links_with_schemes_the_build_refuses_are_refused() {
    let p = default_pack();
    let link = |href: &str| Inline::Link {
        label: "more".to_string(),
        href: href.to_string(),
    };
    for href in [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "http://example.org",
        "//example.org",
        "",
    ] {
        // In an outcome's summary, an advice block's list and a question's help.
        let places: [&dyn Fn(&mut Flow); 3] = [
            &|f| {
                f.outcomes[0].summary.0[0]
                    .0
                    .push(Block::Para(vec![link(href)]))
            },
            &|f| {
                f.advice[0].body.0[0]
                    .0
                    .push(Block::List(vec![vec![link(href)]]))
            },
            &|f| {
                let help = f.questions[1].help.get_or_insert_with(Default::default);
                help.0 = vec![selfcheck_flow::rich::Rich(vec![Block::Para(vec![link(
                    href,
                )])])];
            },
        ];
        for place in places {
            let why = unsafe_because(&edited(&p, |f| place(f)));
            assert_eq!(why, "a link's scheme is not allowed", "{href:?}");
        }
    }
    // The schemes the compiler allows, in any case, still read.
    for href in [
        "HTTPS://example.org",
        "tel:+15551234",
        "sms:741741",
        "mailto:a@b.org",
    ] {
        let bytes = edited(&p, |f| {
            f.outcomes[0].summary.0[0]
                .0
                .push(Block::Para(vec![link(href)]))
        });
        assert!(pack::decode(&bytes).is_ok(), "{href}");
    }
    // A questionnaire's source, shown as a link, must be https as the compiler says.
    let (_, phq) = packs()
        .iter()
        .find(|(n, _)| n == "phq-9.toml en")
        .expect("the PHQ-9 pack");
    let phq = pack::decode(phq).expect("reads");
    let why = unsafe_because(&edited(&phq, |f| {
        f.instrument.as_mut().expect("an instrument").source = "javascript:alert(1)".into()
    }));
    assert_eq!(why, "a link's scheme is not allowed");
}

/// The default pack with one route whose condition is `deep` (its wire form) instead of a
/// placeholder, resealed. The placeholder, a score condition with two unlikely bounds, is
/// found in the encoded body and replaced by `deep`.
fn with_condition_bytes(deep: &[u8]) -> Vec<u8> {
    const MARK: i32 = 0x1234_5678;
    let placeholder = Cond::Score {
        questions: Vec::new(),
        at_least: Some(MARK),
        below: Some(MARK),
    };
    let p = default_pack();
    let last = p.flow.questions.len() - 1;
    let bytes = edited(&p, |f| {
        f.questions[last].routes.push(Route {
            when: placeholder.clone(),
            to: Target::Outcome(0),
        })
    });
    let needle = selfcheck_flow::wire::encode(&placeholder);
    let body = &bytes[9..];
    let at: Vec<usize> = (0..=body.len() - needle.len())
        .filter(|&i| body[i..].starts_with(&needle))
        .collect();
    assert_eq!(at.len(), 1, "the placeholder is found once");
    let mut out = body[..at[0]].to_vec();
    out.extend_from_slice(deep);
    out.extend_from_slice(&body[at[0] + needle.len()..]);
    reseal(&out)
}

/// `not` around `not` … `levels - 1` times around `all = []` (true): `levels` levels.
fn nots(levels: usize) -> Vec<u8> {
    let mut deep = vec![3u8; levels - 1];
    deep.extend_from_slice(&[1, 0]);
    deep
}

#[test]
fn a_condition_nested_100000_deep_is_refused_without_overflowing_the_stack() {
    // Run with the stack a wasm module has by default (1 MiB): reading a condition
    // recursed once per level, so 100,000 levels overflowed it.
    let reader = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(|| {
            for deep in [
                nots(100_000),
                // `all = [all = [… ]]`, and `any` likewise.
                [1u8, 1]
                    .repeat(100_000)
                    .into_iter()
                    .chain([0, 0, 0])
                    .collect(),
                [2u8, 1]
                    .repeat(100_000)
                    .into_iter()
                    .chain([0, 0, 0])
                    .collect(),
            ] {
                assert_eq!(
                    pack::decode(&with_condition_bytes(&deep)).err(),
                    Some(PackError::Damaged)
                );
            }
            // The limit itself: 32 levels read (an odd number of `not`s round `all = []`
            // never holds, so the route changes nothing), 33 do not.
            assert!(pack::decode(&with_condition_bytes(&nots(MAX_COND_DEPTH))).is_ok());
            assert_eq!(
                pack::decode(&with_condition_bytes(&nots(MAX_COND_DEPTH + 1))).err(),
                Some(PackError::Damaged)
            );
        })
        .expect("a thread");
    reader.join().expect("decoding never overflows the stack");
}

#[test]
fn the_compiler_refuses_conditions_nested_past_the_limit() {
    let flow = |levels: usize| {
        let mut when = "\"q.b\"".to_string();
        for _ in 1..levels {
            when = format!("{{ not = {when} }}");
        }
        format!(
            r#"
[flow]
id = "deep"
version = "1"
title = "T"
intro = "I"
disclaimer = "D"
[[question]]
id = "q"
text = "In danger?"
[[question.answer]]
id = "a"
text = "Yes"
flags = ["danger"]
next = "help"
[[question.answer]]
id = "b"
text = "No"
next = "fine"
[[question.route]]
when = {when}
to = "fine"
[[outcome]]
id = "help"
urgency = "emergency"
title = "Help"
summary = "Call now."
[[outcome]]
id = "fine"
urgency = "self-care"
title = "Fine"
summary = "Ok."
"#
        )
    };
    // An even number of `not`s round "q.b": the route holds when q.b was chosen.
    assert!(compile_toml(&flow(MAX_COND_DEPTH - 1)).is_ok());
    let errors = compile_toml(&flow(MAX_COND_DEPTH + 1)).expect_err("too deep");
    assert!(
        errors.iter().any(|e| e
            .message
            .contains(&format!("nested more than {MAX_COND_DEPTH} deep"))),
        "{errors:?}"
    );
}

#[test]
fn a_flow_too_large_to_recheck_is_refused_quickly() {
    // A chain of multiple-choice questions of 16 answers, each answer read by a route: the
    // states multiply past any budget, and the reader gives up instead of hanging.
    let p = default_pack();
    let bytes = edited(&p, |f| {
        let template = f.questions[f.start].clone();
        let first = f.questions.len();
        for i in 0..40 {
            let mut q = template.clone();
            q.id = format!("wide-{i}");
            q.kind = Kind::Multiple;
            q.answers.truncate(1);
            while q.answers.len() < 16 {
                let mut a = q.answers[0].clone();
                a.id = format!("a{}", q.answers.len());
                a.danger = false;
                a.urgent = false;
                a.exclusive = false;
                q.answers.push(a);
            }
            q.answers[0].danger = false;
            let next = if i < 39 {
                Target::Question(first + i + 1)
            } else {
                Target::Outcome(0)
            };
            q.routes = vec![Route {
                when: Cond::Chose {
                    question: first + i,
                    answer: 15,
                },
                to: next,
            }];
            q.next = Some(next);
            f.questions.push(q);
            f.depth.push(1);
        }
        let (q, a) = answer(f, "danger", "harm-self");
        f.questions[q].answers[a].next = Some(Target::Question(first));
    });
    let started = std::time::Instant::now();
    let why = unsafe_because(&bytes);
    assert_eq!(why, "too many paths to check");
    // RECHECK_WORK bounds it: a few seconds at most in a debug build.
    eprintln!("refused in {:?}", started.elapsed());
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
}

// ---------------------------------------------------------------------------------------
// A seeded corpus of damaged and edited packs.

/// A small deterministic generator (xorshift64*): the same corpus on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// One edit of a pack's meaning, as someone editing a decoded pack would make it: where
/// an answer or a question leads, a flag, an outcome's urgency or contacts, a screen.
fn edit_flow(f: &mut Flow, rng: &mut Rng) {
    let (nq, no) = (f.questions.len(), f.outcomes.len());
    let target = |rng: &mut Rng| {
        if rng.below(3) == 0 {
            Target::Question(rng.below(nq))
        } else {
            Target::Outcome(rng.below(no))
        }
    };
    let q = rng.below(nq);
    let na = f.questions[q].answers.len();
    match rng.below(7) {
        0 => f.questions[q].answers[rng.below(na)].next = Some(target(rng)),
        1 => f.questions[q].next = Some(target(rng)),
        2 => {
            let a = &mut f.questions[q].answers[rng.below(na)];
            a.danger = !a.danger;
        }
        3 => {
            let a = &mut f.questions[q].answers[rng.below(na)];
            a.urgent = !a.urgent;
        }
        4 => f.outcomes[rng.below(no)].urgency = Urgency::ALL[rng.below(4)],
        5 => {
            if let Some(r) = f.questions[q].routes.first_mut() {
                r.to = target(rng);
            }
        }
        _ => f.outcomes[rng.below(no)].contacts = Some(Vec::new()),
    }
}

/// One edit of a pack's bytes: a bit flipped, a byte set to a small value (a tag, a flag,
/// an index), a byte copied from elsewhere, a byte dropped or added.
fn edit_bytes(body: &mut Vec<u8>, rng: &mut Rng) {
    let i = rng.below(body.len());
    match rng.below(6) {
        0 | 1 => body[i] ^= 1 << rng.below(8),
        2 => body[i] = rng.below(4) as u8,
        3 => body[i] = body[rng.below(body.len())],
        4 => {
            body.remove(i);
        }
        _ => body.insert(i, rng.next() as u8),
    }
}

/// What a visitor might send, any of it out of place.
fn event(rng: &mut Rng, nq: usize) -> Event {
    match rng.below(10) {
        0..=3 => Event::Choose {
            answer: rng.below(18),
            checked: rng.below(4) != 0,
        },
        4..=6 => Event::Continue,
        7 => Event::Back,
        8 => Event::Change(rng.below(nq + 1)),
        _ => Event::Restart,
    }
}

/// Drives a session on a pack that was let through with random events, rendering every
/// screen; on each result checks that a danger answer on the path ended at an emergency
/// and that an emergency result has an emergency number to call. Returns the results seen.
fn visit(p: &Pack, rng: &mut Rng) -> usize {
    let region = match rng.below(3) {
        0 => String::new(),
        1 => "zz".to_string(),
        _ => p.directory.regions[rng.below(p.directory.regions.len())]
            .code
            .clone(),
    };
    let settings = Settings {
        lang: p.lang().to_string(),
        region,
        ..Settings::default()
    };
    let flow = &p.flow;
    let mut session = Session::new(p.flow.clone());
    let mut results = 0;
    for _ in 0..24 {
        session.update(event(rng, flow.questions.len()));
        let page = view::page(&session, p, &settings);
        let tree = markup::page(&page, 1);
        let Screen::Result(o) = session.screen() else {
            continue;
        };
        results += 1;
        let outcome = &flow.outcomes[o];
        let danger = session
            .path()
            .iter()
            .any(|&(q, c)| c.iter().any(|a| flow.questions[q].answers[a].danger));
        assert!(
            !danger || outcome.urgency == Urgency::Emergency,
            "a danger answer ended at \"{}\": {:?}",
            outcome.id,
            session.path()
        );
        if outcome.urgency != Urgency::Emergency {
            continue;
        }
        let Body::Result(r) = &page.body else {
            panic!("a result screen without a result")
        };
        let region = p
            .directory
            .region(session.region().unwrap_or(&settings.region));
        let number = match region {
            // The strip leads with the region's emergency number, on every screen.
            Some(region) => {
                let tel = region.contacts[0].tel.as_deref().unwrap_or_default();
                page.strip.iter().any(|l| l.href == format!("tel:{tel}"))
            }
            // No region: every region's emergency number, on the result itself.
            None => !r.emergency_numbers.is_empty(),
        };
        assert!(
            number,
            "emergency result \"{}\" with no emergency number",
            outcome.id
        );
        assert!(tree.html().contains("href=\"tel:"), "{}", outcome.id);
    }
    results
}

/// What one worker of the corpus saw: packs read, packs refused as unsafe, results.
#[derive(Default)]
struct Seen {
    read: usize,
    refused: usize,
    results: usize,
}

/// Runs `cases` cases of the corpus from `seed`: a bundled pack, edited in meaning (every
/// other case) and re-encoded, damaged in 0–2 bytes, resealed and read; a pack that reads
/// is visited.
fn corpus(seed: u64, cases: usize) -> Seen {
    let good: Vec<(&str, Pack)> = packs()
        .iter()
        .map(|(n, b)| (n.as_str(), pack::decode(b).expect("reads")))
        .collect();
    let mut rng = Rng(seed);
    let mut seen = Seen::default();
    for case in 0..cases {
        let (name, base) = &good[rng.below(good.len())];
        let mut p = base.clone();
        if case % 2 == 0 {
            let mut flow = (*p.flow).clone();
            for _ in 0..1 + rng.below(2) {
                edit_flow(&mut flow, &mut rng);
            }
            p.flow = Rc::new(flow);
        }
        let mut body = pack::encode(&p)[9..].to_vec();
        for _ in 0..rng.below(3) {
            edit_bytes(&mut body, &mut rng);
        }
        match pack::decode(&reseal(&body)) {
            Ok(p) => {
                seen.read += 1;
                seen.results += visit(&p, &mut rng);
            }
            Err(PackError::Unsafe(_)) => seen.refused += 1,
            Err(PackError::Damaged) => {}
            Err(e) => panic!("{seed:x} case {case} ({name}): a resealed pack refused as {e:?}"),
        }
    }
    seen
}

#[test]
fn a_seeded_corpus_of_edited_packs_never_panics_and_keeps_help_in_reach() {
    // Two workers with their own seeds: the same corpus on every machine, in half the time
    // where there are two cores (a debug build re-checks a default pack in about 10 ms).
    const CASES: usize = 2000;
    let started = std::time::Instant::now();
    let seen: Vec<Seen> = std::thread::scope(|s| {
        let workers: Vec<_> = [0x5eed_2601, 0x5eed_2602]
            .map(|seed| s.spawn(move || corpus(seed, CASES / 2)))
            .into_iter()
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("no panic in the corpus"))
            .collect()
    });
    let sum = |f: fn(&Seen) -> usize| seen.iter().map(f).sum::<usize>();
    let (read, refused, results) = (sum(|s| s.read), sum(|s| s.refused), sum(|s| s.results));
    eprintln!(
        "{CASES} cases in {:?}: {read} read, {refused} refused as unsafe, {results} results",
        started.elapsed()
    );
    // The corpus reaches every part: packs that read, packs refused for their meaning, and
    // results of packs that read.
    assert!(read >= CASES / 5, "only {read} of {CASES} packs read");
    assert!(refused >= CASES / 10, "only {refused} refused as unsafe");
    assert!(results >= CASES, "only {results} results seen");
}

#[test]
fn the_build_makes_no_pack_the_widget_would_refuse() {
    // Proven (the route always wins over `next = "danger"`, so no path goes back), but the
    // re-check refuses every loop in the graph: the build says so, not a visitor's page.
    let src = r#"
[flow]
id = "back"
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
next = "mood"
[[question]]
id = "mood"
text = "How are you?"
[[question.answer]]
id = "low"
text = "Low"
next = "danger"
[[question.answer]]
id = "fine"
text = "Fine"
next = "fine"
[[question.route]]
when = "mood.low"
to = "fine"
[[outcome]]
id = "help"
urgency = "emergency"
title = "Help"
summary = "Call now."
[[outcome]]
id = "fine"
urgency = "self-care"
title = "Fine"
summary = "Ok."
"#;
    let compiled = compile_toml(src).unwrap_or_else(|e| panic!("the proof passes: {e:?}"));
    let uis = data::uis().expect("widget words");
    let directory = data::directory().expect("crisis directory");
    let err = pack::assemble(&compiled.flow, "en", &uis, &directory).expect_err("refused");
    assert_eq!(
        err,
        "flow back: question \"mood\" leads back to \"danger\": the widget refuses such packs"
    );
}
