//! The crisis directory and its dates.

use super::*;

#[test]
fn crisis_directory_covers_every_region() {
    let d = contacts::from_toml(CONTACTS).expect("directory parses");
    let codes: Vec<&str> = d.regions.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(
        codes,
        ["us", "ca", "mx", "uk", "ie", "fr", "es", "au", "nz", "eu"]
    );
    for r in &d.regions {
        assert_eq!(
            r.contacts[0].kind,
            contacts::ContactKind::Emergency,
            "{}: the emergency number comes first",
            r.code
        );
    }
    let samaritans = d
        .regions
        .iter()
        .flat_map(|r| &r.contacts)
        .filter(|c| c.number == "116 123");
    assert!(
        samaritans.clone().count() >= 2 && samaritans.into_iter().all(|c| c.sms.is_none()),
        "Samaritans takes no texts"
    );
}

#[test]
fn dates_are_read_and_written_in_the_calendar() {
    assert_eq!(contacts::today(0), "1970-01-01");
    assert_eq!(contacts::today(1_780_272_000), "2026-06-01");
    assert_eq!(contacts::today(951_782_400), "2000-02-29");
}
