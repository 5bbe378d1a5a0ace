//! Validated questionnaires: scores, bands, the item-9 rule and the verbatim lock.

use super::*;

const PHQ9: &str = include_str!("../../../../flows/phq-9.toml");
const GAD7: &str = include_str!("../../../../flows/gad-7.toml");

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
    answer(&mut s, [no]);
    for &p in points {
        answer(&mut s, [p]);
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
