//! The document reader: JSON and TOML, with positions.

use super::*;

#[test]
fn json_front_door_round_trips_the_default_flow() {
    let doc = crate::doc::from_toml(DEFAULT).unwrap();
    let json = crate::doc::to_json(&doc);
    assert!(!json.contains('<'), "safe to inline in a <script> element");
    let back =
        crate::doc::from_json(&json).unwrap_or_else(|e| panic!("{}", e.render("default.json")));
    let from_json = crate::compile(&back)
        .unwrap_or_else(|e| panic!("{e:?}"))
        .flow;
    assert_eq!(
        from_json,
        *default_flow(),
        "JSON and TOML give the same flow"
    );
}

#[test]
fn json_errors_point_at_the_line() {
    let err = crate::doc::from_json("{\n  \"flow\": {\n    \"id\": \"x\",\n  }\n}").unwrap_err();
    assert_eq!(err.render("f.json"), "f.json:4:3: error[syntax]: this is not valid JSON: expected a string in double quotes\n  help: write the file with `selfcheck json`, or check commas, quotes and brackets");
    let deep = "[".repeat(1000);
    assert_eq!(
        crate::doc::from_json(&deep).unwrap_err().kind.code(),
        "syntax",
        "deep nesting is refused, not a stack overflow"
    );
}

#[test]
fn json_reads_an_escaped_emoji_as_one_character() {
    // Regression: a surrogate pair became two U+FFFD.
    let doc =
        crate::doc::from_json(r#"{"a": "\ud83d\udc9a ok", "b": "\ud83d alone", "c": "\u00e9"}"#)
            .unwrap();
    let text = |k: &str| match &doc.get(k).unwrap().value {
        crate::doc::Value::Str(s) => s.clone(),
        _ => panic!("a string"),
    };
    assert_eq!(text("a"), "💚 ok");
    assert_eq!(
        text("b"),
        "\u{fffd} alone",
        "a lone surrogate is replaced, never a panic"
    );
    assert_eq!(text("c"), "é");
    // And back: to_json writes it as the character, which reads back the same.
    let mut back = crate::doc::from_json(&crate::doc::to_json(&doc)).unwrap();
    let mut doc = doc;
    strip_positions(&mut back);
    strip_positions(&mut doc);
    assert_eq!(back, doc);
}

fn strip_positions(n: &mut crate::doc::Node) {
    n.pos = None;
    match &mut n.value {
        crate::doc::Value::Array(items) => items.iter_mut().for_each(strip_positions),
        crate::doc::Value::Table(entries) => entries.iter_mut().for_each(|(_, p, v)| {
            *p = None;
            strip_positions(v)
        }),
        _ => {}
    }
}

/// Positions in a large file: line and column stay right, and reading stays linear (a
/// quadratic lookup took seconds on this input).
#[test]
fn positions_in_a_large_flow_are_right_and_quick() {
    let mut src = String::from("[flow]\nid = \"big\"\n");
    for i in 0..20_000 {
        src.push_str(&format!("# line {i}\n"));
    }
    src.push_str("bad = = 1\n");
    let started = std::time::Instant::now();
    let err = crate::doc::from_toml(&src).unwrap_err();
    assert_eq!(err.pos.map(|p| p.line), Some(20_003));
    let json = format!("{{\n{}\"x\": [1, }}", "\n".repeat(50_000));
    let err = crate::doc::from_json(&json).unwrap_err();
    assert_eq!(err.pos.map(|p| p.line), Some(50_002));
    assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
}
