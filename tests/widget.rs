//! The widget in a real browser: mount it, answer with real clicks, check the DOM.
#![cfg(target_arch = "wasm32")]

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

const DEFAULT_FLOW: &str = include_str!("../flows/default.toml");

/// The default flow's pack in `lang`, made as the build makes it.
fn default_pack(lang: &str) -> Vec<u8> {
    selfcheck_flow::data::pack(DEFAULT_FLOW, lang).expect("the default flow packs")
}

/// A fresh mount element in the page, with the settings a host page gives.
fn mount_element() -> Element {
    let root = document().create_element("div").unwrap();
    root.set_attribute("data-self-check", "").unwrap();
    root.set_attribute("data-region", "us").unwrap();
    root.set_attribute("data-practice-name", "Test Practice")
        .unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    root
}

/// Mounts a widget as the loader does, with the pack of `flow` (TOML) in `lang`. The
/// language switch records the language asked for in `window.askedLang`.
async fn mount_flow(lang: &str, flow: &str) -> Element {
    let root = mount_element();
    let bytes = selfcheck_flow::data::pack(if flow.is_empty() { DEFAULT_FLOW } else { flow }, lang)
        .expect("the flow packs");
    let on_lang = js_sys::Function::new_with_args("lang", "window.askedLang = lang");
    let widget = selfcheck::mount(root.clone(), &bytes, on_lang).expect("the pack mounts");
    WIDGETS.with(|w| w.borrow_mut().push(widget));
    yew::scheduler::flush().await;
    root
}

thread_local! {
    /// The mounted widgets, kept for the tests' lifetime (and for `set_pack`).
    static WIDGETS: std::cell::RefCell<Vec<selfcheck::Widget>> = const { std::cell::RefCell::new(Vec::new()) };
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
        "Question 2 of about 11"
    );
    answer(&root, "adult", &["yes"]).await;
    answer(&root, "check-danger", &["none"]).await;
    answer(&root, "home-safety", &["no"]).await;
    answer(&root, "emergency", &["no"]).await;
    answer(&root, "illness", &["no"]).await;
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
    assert!(
        advice.contains(&"warning-signs".to_string()),
        "every calm result carries the warning signs: {advice:?}"
    );
    assert_eq!(
        root.query_selector_all(".sc-answer-row").unwrap().length(),
        11,
        "every answer is listed"
    );

    // Change "offers": the rest of the path still applies, so Continue returns to the result.
    let change = root
        .query_selector_all(".sc-answer-row .sc-link-button")
        .unwrap()
        .get(8)
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

#[wasm_bindgen_test]
async fn a_small_flow_runs_from_its_pack_and_its_markup_stays_text() {
    let root = mount_flow("en", SMALL_FLOW).await;
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

#[wasm_bindgen_test]
async fn a_damaged_truncated_or_foreign_pack_is_refused_and_the_static_contacts_stay() {
    let good = default_pack("en");
    let mut flipped = good.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 0x20;
    let mut newer = good.clone();
    newer[4] = selfcheck_flow::pack::FORMAT + 1;
    for (what, bytes) in [
        ("a flipped byte", flipped),
        ("a truncated pack", good[..good.len() / 2].to_vec()),
        ("another format", newer),
        ("not a pack", b"<!doctype html><p>Not found</p>".to_vec()),
    ] {
        let root = mount_element();
        root.set_inner_html("<p class=\"static\">Call <a href=\"tel:911\">911</a></p>");
        let on_lang = js_sys::Function::new_no_args("");
        assert!(
            selfcheck::mount(root.clone(), &bytes, on_lang).is_none(),
            "{what} is refused"
        );
        yew::scheduler::flush().await;
        assert!(
            root.query_selector(".static a[href='tel:911']")
                .unwrap()
                .is_some(),
            "{what}: the page's own crisis contacts stay"
        );
        assert!(
            root.query_selector("fieldset").unwrap().is_none(),
            "{what}: no question"
        );
    }
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
    let asked = js_sys::Reflect::get(&web_sys::window().unwrap(), &"askedLang".into()).unwrap();
    assert_eq!(
        asked.as_string().as_deref(),
        Some("es"),
        "the widget asks the loader for the Spanish pack"
    );
    // The loader answers with that pack.
    WIDGETS.with(|w| {
        w.borrow_mut()
            .last_mut()
            .unwrap()
            .set_pack(&default_pack("es"))
    });
    yew::scheduler::flush().await;
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
