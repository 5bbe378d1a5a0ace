//! The widget in a real browser: mount it, answer with real clicks, check the DOM.
#![cfg(target_arch = "wasm32")]

use selfcheck::{App, Props, Settings};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts a fresh widget running the default flow and returns its root element.
async fn mount(lang: &str) -> Element {
    mount_flow(lang, "").await
}

/// Mounts a fresh widget with a `flow` setting (a bundled id or `#id` of inline JSON).
async fn mount_flow(lang: &str, flow: &str) -> Element {
    let root = document().create_element("div").unwrap();
    root.set_attribute("data-self-check", "").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let settings = Settings {
        lang: lang.into(),
        region: "us".into(),
        practice_name: "Test Practice".into(),
        ..Settings::default()
    };
    yew::Renderer::<App>::with_root_and_props(
        root.clone(),
        Props {
            flow: selfcheck::bundle::load(flow, &document()),
            settings,
            exit_url: Default::default(),
            uid: 7,
            replay: None,
        },
    )
    .render();
    yew::scheduler::flush().await;
    root
}

fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
}

fn legend(root: &Element) -> String {
    find(root, "legend").text_content().unwrap_or_default()
}

async fn click(root: &Element, selector: &str) {
    find(root, selector)
        .dyn_into::<HtmlElement>()
        .unwrap()
        .click();
    yew::scheduler::flush().await;
}

async fn answer(root: &Element, question: &str, answers: &[&str]) {
    for a in answers {
        click(
            root,
            &format!("fieldset[data-question='{question}'] input[value='{a}']"),
        )
        .await;
    }
    click(root, "button[type=submit]").await;
}

fn focused_is(el: &Element) -> bool {
    document().active_element().is_some_and(|a| &a == el)
}

#[wasm_bindgen_test]
async fn danger_answer_ends_at_emergency_help_with_contacts() {
    let root = mount("en").await;
    assert!(
        legend(&root).contains("in danger"),
        "first question screens for danger: {}",
        legend(&root)
    );
    assert!(
        root.query_selector(".sc-crisis a[href='tel:911']")
            .unwrap()
            .is_some(),
        "crisis strip shows 911"
    );
    answer(&root, "danger", &["harm-self"]).await;
    let result = find(&root, ".sc-result");
    assert_eq!(
        result.get_attribute("data-outcome").as_deref(),
        Some("get-help-now")
    );
    assert_eq!(
        result.get_attribute("data-urgency").as_deref(),
        Some("emergency")
    );
    assert!(
        focused_is(&find(&root, ".sc-result-heading")),
        "focus moves to the result heading"
    );
    assert!(
        root.query_selector(".sc-contacts a[href='tel:988']")
            .unwrap()
            .is_some(),
        "988 is offered as a button"
    );
    assert!(
        root.query_selector(".sc-crisis").unwrap().is_some(),
        "crisis strip stays on the result"
    );
}

#[wasm_bindgen_test]
async fn ordinary_path_composes_advice_and_keeps_answers_on_change() {
    let root = mount("en").await;
    answer(&root, "danger", &["no"]).await;
    assert!(
        focused_is(&find(&root, "legend")),
        "focus moves to the new legend"
    );
    assert_eq!(
        find(&root, ".sc-status").text_content().unwrap(),
        "Question 2 of about 9"
    );
    answer(&root, "adult", &["yes"]).await;
    answer(&root, "illness", &["no"]).await;
    answer(&root, "emergency", &["no"]).await;
    answer(&root, "feelings", &["sad", "frustrated"]).await;
    answer(&root, "coping", &["well"]).await;
    answer(&root, "offers", &["often"]).await;
    answer(&root, "personal", &["no"]).await;
    answer(&root, "reaction", &["declined"]).await;
    let result = find(&root, ".sc-result");
    assert_eq!(
        result.get_attribute("data-outcome").as_deref(),
        Some("ordinary")
    );
    let advice = advice_ids(&root);
    assert!(
        advice.contains(&"stop-nagging".to_string()),
        "offers=often brings stop-nagging: {advice:?}"
    );
    assert!(
        !advice.contains(&"sleep-eating".to_string()),
        "coping=well leaves out sleep-eating: {advice:?}"
    );
    assert_eq!(
        root.query_selector_all(".sc-answer-row").unwrap().length(),
        9,
        "every answer is listed"
    );

    // Change "offers": the rest of the path still applies, so Continue returns to the result.
    let change = root
        .query_selector_all(".sc-answer-row .sc-link-button")
        .unwrap()
        .get(6)
        .unwrap()
        .dyn_into::<HtmlElement>()
        .unwrap();
    change.click();
    yew::scheduler::flush().await;
    let kept = find(&root, "input[value='often']")
        .dyn_into::<HtmlInputElement>()
        .unwrap();
    assert!(
        kept.checked(),
        "the earlier answer is kept when changing it"
    );
    answer(&root, "offers", &["stopped"]).await;
    let advice_after = advice_ids(&root);
    assert_eq!(
        find(&root, ".sc-result")
            .get_attribute("data-outcome")
            .as_deref(),
        Some("ordinary")
    );
    assert!(
        !advice_after.contains(&"stop-nagging".to_string()),
        "advice follows the changed answer"
    );
}

#[wasm_bindgen_test]
async fn continue_without_an_answer_shows_a_linked_error_and_stays() {
    let root = mount("es").await;
    assert!(
        legend(&root).contains("peligro"),
        "Spanish first question: {}",
        legend(&root)
    );
    click(&root, "button[type=submit]").await;
    let error = find(&root, ".sc-error");
    let fieldset = find(&root, "fieldset");
    let described = fieldset
        .get_attribute("aria-describedby")
        .unwrap_or_default();
    assert!(
        described
            .split(' ')
            .any(|id| Some(id.to_string()) == error.get_attribute("id")),
        "the error is linked to the group"
    );
    assert_eq!(
        fieldset.get_attribute("data-question").as_deref(),
        Some("danger"),
        "still on the first question"
    );
    answer(&root, "danger", &["no"]).await;
    click(&root, ".sc-button-secondary").await;
    let no = find(&root, "input[value='no']")
        .dyn_into::<HtmlInputElement>()
        .unwrap();
    assert!(no.checked(), "Back restores the previous answer");
}

/// The `data-advice` ids inside `el`, in order.
fn advice_ids(el: &Element) -> Vec<String> {
    let list = el.query_selector_all("[data-advice]").unwrap();
    (0..list.length())
        .filter_map(|i| {
            list.get(i)?
                .dyn_into::<Element>()
                .ok()?
                .get_attribute("data-advice")
        })
        .collect()
}

#[cfg(feature = "inline-flows")]
const SMALL_FLOW: &str = r#"{
  "flow": { "id": "small", "version": "1", "title": "Small", "intro": "I", "disclaimer": "D" },
  "question": [
    { "id": "danger", "text": "Is anyone in danger?", "answer": [
      { "id": "yes", "text": "Yes", "flags": ["danger"], "next": "help" },
      { "id": "no", "text": "No", "next": "fine" } ] }
  ],
  "outcome": [
    { "id": "help", "urgency": "emergency", "title": "Help", "summary": "Call now." },
    { "id": "fine", "urgency": "self-care", "title": "Fine", "summary": "<img src=x onerror=alert(1)> stays text" }
  ]
}"#;

#[cfg(feature = "inline-flows")]
fn inline_script(id: &str, json: &str) {
    let script = document().create_element("script").unwrap();
    script.set_attribute("type", "application/json").unwrap();
    script.set_attribute("id", id).unwrap();
    script.set_text_content(Some(json));
    document().body().unwrap().append_child(&script).unwrap();
}

#[cfg(feature = "inline-flows")]
#[wasm_bindgen_test]
async fn an_inline_json_flow_runs_after_the_same_checks() {
    inline_script("small-flow", SMALL_FLOW);
    let root = mount_flow("en", "#small-flow").await;
    assert_eq!(legend(&root), "Is anyone in danger?");
    answer(&root, "danger", &["no"]).await;
    assert_eq!(
        find(&root, ".sc-result")
            .get_attribute("data-outcome")
            .as_deref(),
        Some("fine")
    );
    assert!(
        root.query_selector(".sc-summary img").unwrap().is_none(),
        "markup in a flow is text, never HTML"
    );
    assert!(find(&root, ".sc-summary")
        .text_content()
        .unwrap()
        .contains("<img src=x"));
}

#[cfg(feature = "inline-flows")]
#[wasm_bindgen_test]
async fn a_broken_or_unsafe_flow_shows_the_author_error_and_the_contacts() {
    let unsafe_flow = SMALL_FLOW.replace(
        r#""flags": ["danger"], "next": "help""#,
        r#""flags": ["danger"], "next": "fine""#,
    );
    inline_script("unsafe-flow", &unsafe_flow);
    for setting in ["#unsafe-flow", "#no-such-element", "no-such-flow"] {
        let root = mount_flow("en", setting).await;
        assert!(
            root.query_selector("fieldset").unwrap().is_none(),
            "{setting}: no question is asked"
        );
        let broken = find(&root, ".sc-broken").text_content().unwrap();
        assert!(broken.contains("cannot start"), "{setting}: {broken}");
        assert!(
            broken.contains(setting.trim_start_matches('#')),
            "{setting}: names the setting: {broken}"
        );
        assert!(
            root.query_selector(".sc-crisis a[href='tel:911']")
                .unwrap()
                .is_some(),
            "{setting}: contacts still show"
        );
    }
    let root = mount_flow("en", "#unsafe-flow").await;
    assert!(
        find(&root, ".sc-broken")
            .text_content()
            .unwrap()
            .contains("error[unsafe]"),
        "the safety proof runs in the browser too"
    );
}

/// Picks `value` in a native select the way a visitor does: set it, then a bubbling change.
async fn pick(root: &Element, selector: &str, value: &str) {
    let select = find(root, selector)
        .dyn_into::<web_sys::HtmlSelectElement>()
        .unwrap();
    select.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    select
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap())
        .unwrap();
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn switching_language_and_region_keeps_the_answers() {
    let root = mount("en").await;
    answer(&root, "danger", &["no"]).await;
    click(&root, "input[value='yes']").await;
    pick(&root, "select[id$='-lang']", "es").await;
    assert_eq!(
        find(&root, ".sc").get_attribute("lang").as_deref(),
        Some("es")
    );
    assert!(
        legend(&root).contains("mayor de edad"),
        "the question is now in Spanish: {}",
        legend(&root)
    );
    let yes = find(&root, "input[value='yes']")
        .dyn_into::<HtmlInputElement>()
        .unwrap();
    assert!(yes.checked(), "the answer being chosen survives the switch");
    pick(&root, "select[id$='-region']", "au").await;
    assert!(
        root.query_selector(".sc-crisis a[href='tel:000']")
            .unwrap()
            .is_some(),
        "Australia's emergency number"
    );
    assert!(root
        .query_selector(".sc-crisis a[href='tel:911']")
        .unwrap()
        .is_none());
    click(&root, ".sc-button-secondary").await;
    let no = find(&root, "input[value='no']")
        .dyn_into::<HtmlInputElement>()
        .unwrap();
    assert!(no.checked(), "earlier answers survive the switch");
}
