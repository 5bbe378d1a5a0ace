//! The crisis directory's regions and contact groups as the widget uses them: France,
//! Spain and Mexico; the `abuse` and `gambling` groups, shown only on the outcomes that
//! name them and never in the crisis strip; packs that carry them.

use selfcheck_flow::contacts::{self, ContactKind, Directory};
use selfcheck_flow::markup;
use selfcheck_flow::model::ContactGroup;
use selfcheck_flow::view::{self, Body, Settings};
use selfcheck_flow::{data, pack, Event, Pack, Screen, Session};

/// A small flow: the danger screen, then a topic question whose answers end at outcomes
/// naming the new groups (one with the emergency number as well, one with `abuse` alone).
const FLOW: &str = r#"
[flow]
id = "groups"
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
next = "topic"

[[question]]
id = "topic"
text = "What is it about?"
[[question.answer]]
id = "abuse"
text = "Abuse at home"
next = "abuse"
[[question.answer]]
id = "abuse-only"
text = "Abuse, lines only"
next = "abuse-only"
[[question.answer]]
id = "gambling"
text = "Gambling"
next = "gambling"

[[outcome]]
id = "help"
urgency = "emergency"
title = "Help"
summary = "Call the emergency number."
contacts = ["emergency", "crisis"]

[[outcome]]
id = "abuse"
urgency = "urgent"
title = "Abuse"
summary = "Talk to an abuse helpline soon, or call the emergency number if anyone is in danger."
contacts = ["abuse", "emergency"]

[[outcome]]
id = "abuse-only"
urgency = "urgent"
title = "Abuse, lines only"
summary = "Talk to an abuse helpline soon."
contacts = ["abuse"]

[[outcome]]
id = "gambling"
urgency = "support"
title = "Gambling"
summary = "A gambling helpline can help."
contacts = ["gambling", "crisis"]
"#;

fn directory() -> Directory {
    data::directory().expect("data/crisis-contacts.toml reads")
}

/// The test flow's pack in `lang`, read back as the widget reads it.
fn test_pack(lang: &str) -> Pack {
    let bytes = data::pack(FLOW, lang).expect("the test flow packs");
    pack::decode(&bytes).expect("the pack reads back")
}

/// A session of `pack` at the outcome reached by answering "no", then `topic`.
fn at_outcome(pack: &Pack, topic: &str) -> Session {
    let mut s = Session::new(pack.flow.clone());
    let answer = |s: &Session, q: usize, id: &str| {
        s.flow().questions[q]
            .answers
            .iter()
            .position(|a| a.id == id)
            .expect("answer id")
    };
    for (qid, aid) in [("danger", "no"), ("topic", topic)] {
        let Screen::Question(q) = s.screen() else {
            panic!("a question before {qid}");
        };
        assert_eq!(s.flow().questions[q].id, qid);
        let a = answer(&s, q, aid);
        s.update(Event::Choose {
            answer: a,
            checked: true,
        });
        s.update(Event::Continue);
    }
    s
}

fn settings(lang: &str, region: &str) -> Settings {
    Settings {
        lang: lang.into(),
        region: region.into(),
        ..Settings::default()
    }
}

/// Every `tel:` and `sms:` target of the region's contacts of `kind`.
fn hrefs_of(d: &Directory, region: &str, kind: ContactKind) -> Vec<String> {
    d.region(region)
        .map(|r| {
            r.contacts
                .iter()
                .filter(|c| c.kind == kind)
                .flat_map(|c| {
                    let tel = c.tel.as_ref().map(|t| format!("tel:{t}"));
                    let sms = c.sms.as_ref().map(|t| format!("sms:{t}"));
                    tel.into_iter().chain(sms)
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn the_directory_reads_with_the_new_regions_and_kinds() {
    let d = directory();
    for code in ["fr", "es", "mx", "FR", " Mx ", "ES"] {
        let r = d.region(code).unwrap_or_else(|| panic!("region {code:?}"));
        assert_eq!(r.code, code.trim().to_ascii_lowercase());
        assert_eq!(
            r.name.0.len(),
            d.languages.len(),
            "{code}: named in every language"
        );
    }
    assert_eq!(d.region("fr").map(|r| r.name.get(0)), Some("France"));
    assert_eq!(d.region("mx").map(|r| r.name.get(1)), Some("México"));
    let first = |code: &str| d.region(code).map(|r| r.contacts[0].number.as_str());
    assert_eq!(
        (first("fr"), first("es"), first("mx")),
        (Some("112"), Some("112"), Some("911"))
    );
    for r in &d.regions {
        let e = &r.contacts[0];
        assert!(
            e.kind == ContactKind::Emergency && e.tel.is_some(),
            "{}: the emergency number, one that takes calls, comes first",
            r.code
        );
    }
    let kinds = |kind: ContactKind| {
        d.regions
            .iter()
            .filter(|r| r.contacts.iter().any(|c| c.kind == kind))
            .map(|r| r.code.as_str())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        kinds(ContactKind::Abuse),
        ["us", "uk", "ie", "fr", "es", "au", "nz"],
        "Canada has no national abuse line, Mexico and the EU none in the reference"
    );
    assert_eq!(kinds(ContactKind::Gambling), ["us", "uk", "au", "nz"]);
    assert_eq!(
        d.region("uk").map(|r| r
            .contacts
            .iter()
            .filter(|c| c.kind == ContactKind::Abuse)
            .count()),
        Some(4),
        "one abuse line per UK nation"
    );
    // The numbers the reference marks ⚠️ are not in the directory.
    let numbers: Vec<&str> = d
        .regions
        .iter()
        .flat_map(|r| &r.contacts)
        .filter_map(|c| c.tel.as_deref())
        .collect();
    for left_out in ["0508744633", "18004262537"] {
        assert!(
            !numbers.contains(&left_out),
            "{left_out} is ⚠️ in the reference"
        );
    }
    // France's 114 is text-only: an emergency contact with no tel, after the voice number.
    let fr = d.region("fr").expect("fr");
    let text_only: Vec<&str> = fr
        .contacts
        .iter()
        .filter(|c| c.kind == ContactKind::Emergency && c.tel.is_none())
        .map(|c| c.sms.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(text_only, ["114"]);
    // The Veterans Crisis Line's text number is in 988's note.
    let us = d.region("us").expect("us");
    assert!(
        us.contacts
            .iter()
            .any(|c| c.number == "988"
                && c.note.as_ref().is_some_and(|n| n.get(0).contains("838255")))
    );
}

#[test]
fn the_reader_knows_the_new_kinds_and_wants_a_voice_emergency_number_first() {
    let file = |first_tel: &str, kind: &str| {
        format!(
            "[[region]]\ncode = \"xx\"\nname.en = \"X\"\n\n[[region.contact]]\nkind = \"emergency\"\nname.en = \"E\"\nnumber = \"114\"\n{first_tel}sources = [\"s\"]\nstatus = \"confirmed\"\nchecked = \"2026-12-03\"\n\n[[region.contact]]\nkind = \"{kind}\"\nname.en = \"L\"\nnumber = \"1\"\ntel = \"1\"\nsources = [\"s\"]\nstatus = \"secondary\"\nchecked = \"2026-12-03\"\n\n[sources]\ns = \"https://example.org\"\n"
        )
    };
    for (kind, want) in [
        ("abuse", ContactKind::Abuse),
        ("gambling", ContactKind::Gambling),
    ] {
        let d = contacts::from_toml(&file("tel = \"112\"\n", kind)).expect("reads");
        assert_eq!(d.regions[0].contacts[1].kind, want);
    }
    let err = contacts::from_toml(&file("tel = \"112\"\n", "casino")).unwrap_err();
    assert!(
        err.contains("kind \"casino\" is not emergency, crisis, abuse or gambling"),
        "{err}"
    );
    let err = contacts::from_toml(&file("sms = \"114\"\n", "abuse")).unwrap_err();
    assert!(
        err.contains("must list its emergency number first, with a `tel`"),
        "{err}"
    );
}

#[test]
fn the_strip_never_shows_abuse_or_gambling_lines() {
    let d = directory();
    for ui in data::uis().expect("data/ui reads") {
        for r in &d.regions {
            let strip = view::strip(&d, &r.code, &ui);
            assert!(
                !strip.is_empty(),
                "{}: the strip has the emergency number",
                r.code
            );
            let allowed: Vec<String> = hrefs_of(&d, &r.code, ContactKind::Emergency)
                .into_iter()
                .chain(hrefs_of(&d, &r.code, ContactKind::Crisis))
                .collect();
            let html = markup::Node::from(markup::crisis_line(&ui, &strip)).html();
            for l in &strip {
                assert!(
                    allowed.contains(&l.href),
                    "{} ({}): {} in the strip is not an emergency or crisis line",
                    r.code,
                    ui.lang,
                    l.href
                );
            }
            for kind in [ContactKind::Abuse, ContactKind::Gambling] {
                for href in hrefs_of(&d, &r.code, kind) {
                    assert!(
                        !html.contains(&format!("\"{href}\"")),
                        "{} ({}): {href} is in the crisis line: {html}",
                        r.code,
                        ui.lang
                    );
                }
            }
        }
    }
    let strip = |code: &str| -> Vec<String> {
        let ui = data::uis().unwrap().remove(0);
        view::strip(&d, code, &ui)
            .into_iter()
            .map(|l| l.href)
            .collect()
    };
    assert_eq!(strip("fr"), ["tel:112", "tel:3114"]);
    assert_eq!(strip("es"), ["tel:112", "tel:024"]);
    assert_eq!(strip("mx"), ["tel:911", "tel:8009112000"]);
}

#[test]
fn an_abuse_line_listed_before_the_crisis_line_stays_out_of_the_strip() {
    let d = contacts::from_toml(
        r#"
[[region]]
code = "xx"
name.en = "X"

[[region.contact]]
kind = "emergency"
name.en = "E"
number = "000"
tel = "000"
sources = ["s"]
status = "confirmed"
checked = "2026-12-03"

[[region.contact]]
kind = "abuse"
name.en = "A"
number = "111"
tel = "111"
sms = "111"
sources = ["s"]
status = "confirmed"
checked = "2026-12-03"

[[region.contact]]
kind = "gambling"
name.en = "G"
number = "222"
tel = "222"
sources = ["s"]
status = "confirmed"
checked = "2026-12-03"

[[region.contact]]
kind = "crisis"
name.en = "C"
number = "333"
tel = "333"
sources = ["s"]
status = "confirmed"
checked = "2026-12-03"

[sources]
s = "https://example.org"
"#,
    )
    .expect("reads");
    let ui = data::uis().unwrap().remove(0);
    let strip: Vec<String> = view::strip(&d, "xx", &ui)
        .into_iter()
        .map(|l| l.href)
        .collect();
    assert_eq!(strip, ["tel:000", "tel:333"]);
}

#[test]
fn outcomes_show_the_groups_they_name_and_the_strip_stays_the_same() {
    let pack = test_pack("en");
    let s = at_outcome(&pack, "abuse");
    let page = view::page(&s, &pack, &settings("en", "uk"));
    let Body::Result(r) = &page.body else {
        panic!("a result")
    };
    assert_eq!(r.outcome, "abuse");
    assert!(r.contacts_first, "urgent: the contacts come first");
    let numbers: Vec<&str> = page.contacts.iter().map(|c| c.number.as_str()).collect();
    assert_eq!(
        numbers,
        [
            "0808 2000 247",
            "0800 027 1234",
            "0808 80 10 800",
            "0808 802 1414",
            "999"
        ],
        "the four nations' abuse lines, then the emergency number"
    );
    assert!(page.contacts[0]
        .note
        .as_deref()
        .is_some_and(|n| n.contains("0808 801 0327")));
    let strip: Vec<&str> = page.strip.iter().map(|l| l.href.as_str()).collect();
    assert_eq!(
        strip,
        ["tel:999", "tel:116123"],
        "the strip is the same as ever"
    );
    let html = markup::page(&page, 0).html();
    assert!(html.contains("href=\"tel:08082000247\""), "{html}");
    assert!(
        html.contains("href=\"sms:07797805839\"") && html.contains("support"),
        "Northern Ireland's text line and its keyword: {html}"
    );

    // Canada has no national abuse line: the outcome shows the emergency number alone.
    let page = view::page(&s, &pack, &settings("en", "ca"));
    let numbers: Vec<&str> = page.contacts.iter().map(|c| c.number.as_str()).collect();
    assert_eq!(numbers, ["911"]);

    // An outcome naming `abuse` alone shows no contact list where the region has none,
    // and the page still renders with its strip (911, 988).
    let s = at_outcome(&pack, "abuse-only");
    let page = view::page(&s, &pack, &settings("en", "ca"));
    let Body::Result(r) = &page.body else {
        panic!("a result")
    };
    assert!(page.contacts.is_empty() && !r.contacts_first);
    let html = markup::page(&page, 0).html();
    assert!(
        !html.contains("sc-contacts"),
        "no empty contact list: {html}"
    );
    assert!(html.contains("href=\"tel:911\"") && html.contains("href=\"tel:988\""));
    assert!(html.contains("Talk to an abuse helpline soon."));
    // The same outcome in France lists 3919, in Spain 016.
    for (region, number) in [("fr", "3919"), ("es", "016")] {
        let page = view::page(&s, &pack, &settings("en", region));
        let numbers: Vec<&str> = page.contacts.iter().map(|c| c.number.as_str()).collect();
        assert_eq!(numbers, [number], "{region}");
    }
}

#[test]
fn gambling_and_emergency_outcomes_show_their_groups_in_every_region() {
    let pack = test_pack("en");
    let d = &*pack.directory;
    // Gambling, then the crisis lines; Ireland has no gambling line.
    let s = at_outcome(&pack, "gambling");
    let numbers = |region: &str| -> Vec<String> {
        view::page(&s, &pack, &settings("en", region))
            .contacts
            .into_iter()
            .map(|c| c.number)
            .collect()
    };
    assert_eq!(numbers("nz")[0], "0800 654 655");
    assert_eq!(numbers("us")[0], "1-800-522-4700");
    assert_eq!(numbers("ie"), ["116 123", "1800 247 247", "50808"]);
    let nz = view::page(&s, &pack, &settings("en", "nz"));
    assert!(nz.contacts[0].links.iter().any(|l| l.href == "sms:8006"));
    // France's emergency outcome: 112, the text-only 114 (a text link, no call), 3114.
    let mut s = Session::new(pack.flow.clone());
    s.update(Event::Choose {
        answer: 0,
        checked: true,
    });
    s.update(Event::Continue);
    let page = view::page(&s, &pack, &settings("en", "fr"));
    let links: Vec<Vec<&str>> = page
        .contacts
        .iter()
        .map(|c| c.links.iter().map(|l| l.href.as_str()).collect())
        .collect();
    assert_eq!(links, [vec!["tel:112"], vec!["sms:114"], vec!["tel:3114"]]);
    assert!(page.contacts[1].emergency);
    // Every region renders every outcome.
    for r in &d.regions {
        for topic in ["abuse", "abuse-only", "gambling"] {
            let s = at_outcome(&pack, topic);
            let page = view::page(&s, &pack, &settings("en", &r.code));
            assert!(!page.strip.is_empty(), "{}", r.code);
            assert!(markup::page(&page, 0).html().contains("sc-result"));
        }
    }
}

#[test]
fn packs_carry_the_new_kinds_and_groups() {
    let d = directory();
    assert_eq!(
        selfcheck_flow::wire::decode::<Directory>(&selfcheck_flow::wire::encode(&d)),
        Some(d.clone())
    );
    // Each language's directory, as a pack carries it, reads back whole.
    for (i, lang) in d.languages.iter().enumerate() {
        let one = d.only(i);
        assert_eq!(
            selfcheck_flow::wire::decode::<Directory>(&selfcheck_flow::wire::encode(&one)),
            Some(one),
            "{lang}"
        );
    }
    let bytes = data::pack(FLOW, "en").expect("packs");
    let p = pack::decode(&bytes).expect("reads back");
    assert_eq!(pack::encode(&p), bytes, "the pack round-trips");
    let groups: Vec<Option<Vec<ContactGroup>>> =
        p.flow.outcomes.iter().map(|o| o.contacts.clone()).collect();
    assert!(groups.contains(&Some(vec![ContactGroup::Abuse, ContactGroup::Emergency])));
    assert!(groups.contains(&Some(vec![ContactGroup::Gambling, ContactGroup::Crisis])));
    let kinds: Vec<ContactKind> = p
        .directory
        .regions
        .iter()
        .flat_map(|r| r.contacts.iter().map(|c| c.kind))
        .collect();
    assert!(kinds.contains(&ContactKind::Abuse) && kinds.contains(&ContactKind::Gambling));
    assert_eq!(p.directory.regions.len(), d.regions.len());
    assert!(p.directory.region("fr").is_some() && p.directory.region("mx").is_some());
    // A flow file names the groups by these words.
    assert_eq!(
        ContactGroup::ALL.map(ContactGroup::as_str),
        ["emergency", "crisis", "youth", "abuse", "gambling"]
    );
}
