//! The markup: the screens as element trees, the first screens file, and a number to call on
//! every urgent or emergency result.

use super::*;

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
    answer(&mut s, [pack.flow.questions[0].answers.len() - 1]);
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
