//! Packs: one flow in one language, with the widget's words and the contact names.

use super::*;

#[test]
fn compiled_flow_round_trips_through_the_bundle_format() {
    let flow = default_flow();
    let bytes = crate::wire::encode(&*flow);
    let back: Flow = crate::wire::decode(&bytes).expect("decodes");
    assert_eq!(back, *flow);
    let directory = contacts::from_toml(CONTACTS).unwrap();
    assert_eq!(
        crate::wire::decode(&crate::wire::encode(&directory)),
        Some(directory)
    );
    // Damaged bytes read as nothing, never a panic.
    for cut in [0, 1, bytes.len() / 2, bytes.len() - 1] {
        assert_eq!(
            crate::wire::decode::<Flow>(&bytes[..cut]),
            None,
            "cut at {cut}"
        );
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert_eq!(
        crate::wire::decode::<Flow>(&longer),
        None,
        "trailing bytes are refused"
    );
}

#[test]
fn every_language_of_the_default_flow_packs_and_reads_back() {
    let flow = default_flow();
    let uis = crate::data::uis().unwrap();
    let directory = crate::data::directory().unwrap();
    for lang in &flow.languages {
        let pack = crate::pack::assemble(&flow, lang, &uis, &directory).unwrap();
        assert_eq!(pack.ui.lang, *lang);
        assert_eq!(pack.flow.languages, std::slice::from_ref(lang));
        assert!(
            pack.flow.same_shape(&flow),
            "{lang}: routes exactly like the flow"
        );
        assert_eq!(pack.engine, crate::pack::ENGINE);
        assert_eq!(pack.directory.regions.len(), directory.regions.len());
        let codes: Vec<&str> = pack.languages.iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(
            codes, flow.languages,
            "{lang}: the switch offers every language"
        );
        let bytes = crate::pack::encode(&pack);
        assert_eq!(&bytes[..4], b"SCPK");
        assert_eq!(crate::pack::decode(&bytes), Ok(pack), "{lang}");
    }
}

#[test]
fn a_damaged_truncated_or_foreign_pack_is_refused_never_a_panic() {
    use crate::pack::{decode, PackError, FORMAT};
    let bytes = crate::data::pack(DEFAULT, "en").unwrap();
    for cut in (0..bytes.len()).step_by(97).chain([bytes.len() - 1]) {
        assert!(decode(&bytes[..cut]).is_err(), "cut at {cut}");
    }
    for i in (0..bytes.len()).step_by(61) {
        let mut flipped = bytes.clone();
        flipped[i] ^= 0x01;
        assert!(decode(&flipped).is_err(), "byte {i} flipped");
    }
    let mut newer = bytes.clone();
    newer[4] = FORMAT + 1;
    assert_eq!(decode(&newer), Err(PackError::Format(FORMAT + 1)));
    assert!(decode(&newer).unwrap_err().to_string().contains("format"));
    assert_eq!(decode(b"<!doctype html>"), Err(PackError::NotAPack));
    let mut longer = bytes.clone();
    longer.push(0);
    assert_eq!(decode(&longer), Err(PackError::Damaged), "trailing bytes");
}

#[test]
fn a_pack_with_a_valid_checksum_but_a_dangling_index_is_refused() {
    let mut pack = default_pack("en");
    let mut flow = (*pack.flow).clone();
    flow.questions[0].answers[0].next = Some(crate::model::Target::Question(999));
    pack.flow = Rc::new(flow);
    let bytes = crate::pack::encode(&pack);
    assert_eq!(
        crate::pack::decode(&bytes),
        Err(crate::pack::PackError::Damaged),
        "a session could index out of bounds on it"
    );
}

/// Adding a language is data only: the widget's words, the flow's texts and the contact
/// names. This test-only Arabic needs no code, and renders right to left.
#[test]
fn a_test_only_right_to_left_language_needs_only_data() {
    let fixture = |name: &str| {
        std::fs::read_to_string(format!(
            "{}/tests/fixtures/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    };
    let mut uis = crate::data::uis().unwrap();
    uis.push(crate::ui::from_toml(&fixture("rtl/ui/ar.toml")).unwrap());
    let directory = contacts::from_toml(&fixture("rtl/crisis-contacts.toml")).unwrap();
    let data = crate::pipeline::Data::new(uis, Vec::new(), directory, "2026-06-01").unwrap();
    let files = [("rtl/flow.toml".to_string(), fixture("rtl/flow.toml"))];
    let built = crate::pipeline::build_all(&files, &data).unwrap();
    let names: Vec<&str> = built.packs.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["rtl-fixture.en.pack", "rtl-fixture.ar.pack"]);
    let pack = crate::pack::decode(&built.packs[1].1).unwrap();
    let settings = Settings {
        lang: "ar-EG".into(),
        region: "us".into(),
        ..Settings::default()
    };
    let page = view::page(&Session::new(pack.flow.clone()), &pack, &settings);
    assert_eq!(page.ui.dir, crate::ui::Dir::Rtl);
    let Body::Question(q) = &page.body else {
        panic!("a question")
    };
    assert_eq!(q.legend, "هل أحد في خطر الآن؟");
    assert_eq!(q.progress, "السؤال 1 من حوالي 1");
    assert_eq!(page.strip[0].label, "اتصل بالرقم 911");
    assert_eq!(page.languages[1], ("ar".to_string(), "العربية".to_string()));
}

#[test]
fn packing_refuses_missing_words_duplicate_ids_and_stale_numbers() {
    let uis = crate::data::uis().unwrap();
    let directory = crate::data::directory().unwrap();
    let files = |a: &str, b: &str| {
        vec![
            ("flows/a.toml".to_string(), a.to_string()),
            ("flows/b.toml".to_string(), b.to_string()),
        ]
    };
    let today = "2026-06-01";
    let data =
        |today: &str| crate::pipeline::Data::new(uis.clone(), Vec::new(), directory.clone(), today);
    let build_all =
        |files: &[(String, String)], today: &str| crate::pipeline::build_all(files, &data(today)?);
    let err = build_all(&files(DEFAULT, DEFAULT), today).unwrap_err();
    assert!(
        err.iter()
            .any(|e| e.contains("flows/b.toml and flows/a.toml both have the flow id")),
        "{err:?}"
    );
    let ar = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/rtl/flow.toml"
    ))
    .unwrap();
    let err = build_all(&files(DEFAULT, &ar), today).unwrap_err();
    assert!(err.iter().any(|e| e.contains("data/ui/ar.toml")), "{err:?}");
    let broken = DEFAULT.replacen("next = \"get-help-now\"", "next = \"nowhere\"", 1);
    let err = build_all(&files(&broken, &ar), today).unwrap_err();
    assert!(
        err.iter().any(|e| e.contains("flows/a.toml:")),
        "file:line in {err:?}"
    );
    // A number checked 13 months before warns; 19 months before fails the build.
    let checked = directory.regions[0].contacts[0].checked.clone();
    let year: i32 = checked[..4].parse().unwrap();
    let later = |months: i32| {
        let m: i32 = checked[5..7].parse::<i32>().unwrap() - 1 + months;
        format!("{}-{:02}-{}", year + m / 12, m % 12 + 1, &checked[8..])
    };
    let one = vec![("flows/default.toml".to_string(), DEFAULT.to_string())];
    let built = build_all(&one, &later(11)).unwrap();
    assert!(built.warnings.is_empty(), "{:?}", built.warnings);
    let built = build_all(&one, &later(13)).unwrap();
    assert!(
        built.warnings.iter().any(|w| w.contains("12 months")),
        "{:?}",
        built.warnings
    );
    let err = build_all(&one, &later(19)).unwrap_err();
    assert!(err.iter().any(|e| e.contains("18 months")), "{err:?}");
    // The same refusal for every other user of the pipeline: no data, no check.
    assert!(data(&later(19)).is_err());
}
