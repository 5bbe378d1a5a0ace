//! The view model: what each screen holds, in every language, and the page's status line.

use super::*;

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
                answer(&mut s, c.iter());
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
    answer(&mut s, [0]);
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
