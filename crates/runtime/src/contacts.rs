//! Crisis contacts by region, from `data/crisis-contacts.toml` (checked against official
//! sources; see the file's header). Names and notes are localised like flow texts: one
//! entry per language of [`Directory::languages`]. Each pack carries the directory in its
//! own language.

use crate::model::base_lang;
use crate::model::Text;

/// The crisis directory: every region the widget knows, with its contacts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Directory {
    /// Language codes; every [`Text`] here has one entry per language, in this order.
    pub languages: Vec<String>,
    /// The regions, in the order the region picker lists them.
    pub regions: Vec<Region>,
}

/// A country or area with its emergency number, crisis lines and other helplines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Region {
    /// The code a page sets (`region="us"`), lower case.
    pub code: String,
    /// Other codes meaning this region, e.g. the ISO 3166 `gb` for `uk`.
    pub aliases: Vec<String>,
    /// The region's name in each language, for the picker.
    pub name: Text,
    /// The emergency number first (one with a phone number), then the other contacts, in
    /// the order they are shown.
    pub contacts: Vec<Contact>,
}

/// What kind of help a contact is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContactKind {
    /// The emergency services (911, 999, 112, …).
    Emergency,
    /// A crisis line: someone to talk to now, not an ambulance.
    Crisis,
    /// A domestic-abuse helpline. Shown only on outcomes that name the `abuse` group,
    /// never in the crisis strip.
    Abuse,
    /// A gambling helpline. Shown only on outcomes that name the `gambling` group, never
    /// in the crisis strip.
    Gambling,
}

/// Who a contact is for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Audience {
    /// Anyone, whatever their age.
    #[default]
    Everyone,
    /// Children and young people only (Kids Help Phone, Childline, …).
    Youth,
}

/// One service and how to reach it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    /// Emergency services, a crisis line or another helpline.
    pub kind: ContactKind,
    /// Who it is for.
    pub audience: Audience,
    /// The service's name in each language.
    pub name: Text,
    /// As displayed, e.g. "13 11 14".
    pub number: String,
    /// Digits for a `tel:` link; `None` for text-only services.
    pub tel: Option<String>,
    /// Number for an `sms:` link, only where anyone may text.
    pub sms: Option<String>,
    /// A keyword to send, shown as visible text (`sms:` bodies are unreliable).
    pub sms_keyword: Option<String>,
    /// A short note in each language (hours, who answers), when the service needs one.
    pub note: Option<Text>,
    /// When the number was last checked against its sources, `YYYY-MM-DD`.
    pub checked: String,
}

impl Region {
    /// Whether the region lists its emergency number first, with a number to call: the
    /// strip and every emergency result show it. The directory reader's rule, and a
    /// pack reader's, so an edited pack cannot drop it.
    pub fn calls_emergency_first(&self) -> bool {
        self.contacts.first().is_some_and(|c| {
            c.kind == ContactKind::Emergency && c.tel.as_ref().is_some_and(|t| !t.is_empty())
        })
    }
}

impl Directory {
    /// The region with `code` (or one of its aliases, such as `gb` for the UK), in any
    /// case. `None` for an unknown or empty code: a visitor is never shown another
    /// country's numbers.
    pub fn region(&self, code: &str) -> Option<&Region> {
        let code = code.trim().to_ascii_lowercase();
        self.regions
            .iter()
            .find(|r| r.code == code || r.aliases.contains(&code))
    }

    /// The codes a page may use, for messages about a bad `region`.
    pub fn codes(&self) -> String {
        let codes: Vec<&str> = self
            .regions
            .iter()
            .flat_map(|r| std::iter::once(&r.code).chain(&r.aliases))
            .map(String::as_str)
            .collect();
        codes.join(", ")
    }

    /// The index of a language in [`Directory::languages`], if the directory has it.
    pub fn lang(&self, code: &str) -> Option<usize> {
        let base = base_lang(code);
        self.languages.iter().position(|l| *l == base)
    }

    /// This directory with its names in one language only (what a pack carries).
    pub fn only(&self, lang: usize) -> Directory {
        let one = |t: &Text| t.only(lang);
        Directory {
            languages: vec![self.languages.get(lang).cloned().unwrap_or_default()],
            regions: self
                .regions
                .iter()
                .map(|r| Region {
                    code: r.code.clone(),
                    aliases: r.aliases.clone(),
                    name: one(&r.name),
                    contacts: r
                        .contacts
                        .iter()
                        .map(|c| Contact {
                            name: one(&c.name),
                            note: c.note.as_ref().map(one),
                            ..c.clone()
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    /// Contacts whose `checked` date is older than `warn_days` (first list) or `fail_days`
    /// (second list) on `today` (`YYYY-MM-DD`), as "region: name (checked …)". A date that
    /// cannot be read counts as failing.
    pub fn stale(&self, today: &str, warn_days: i64, fail_days: i64) -> (Vec<String>, Vec<String>) {
        let (mut warn, mut fail) = (Vec::new(), Vec::new());
        let now = days(today);
        for r in &self.regions {
            for c in &r.contacts {
                let line = format!("{}: {} (checked {})", r.code, c.name.get(0), c.checked);
                match (days(&c.checked), now) {
                    (Some(then), Some(now)) if now - then > fail_days => fail.push(line),
                    (Some(then), Some(now)) if now - then > warn_days => warn.push(line),
                    (Some(_), Some(_)) => {}
                    _ => fail.push(line),
                }
            }
        }
        (warn, fail)
    }
}

/// The UTC date `YYYY-MM-DD` of a Unix time in seconds.
pub fn today(unix_secs: u64) -> String {
    // Howard Hinnant's civil_from_days.
    let z = (unix_secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 0000-03-01 for a `YYYY-MM-DD` date (a proleptic Gregorian day count).
fn days(date: &str) -> Option<i64> {
    let mut parts = date.trim().splitn(3, '-').map(|p| p.parse::<i64>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let (y, m) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    Some(365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + d - 1)
}

/// Reads `data/crisis-contacts.toml`, checking that every contact cites a listed source,
/// has a `checked` date and names in every language the directory uses (the languages of
/// the first region's name).
#[cfg(feature = "toml")]
pub fn from_toml(src: &str) -> Result<Directory, String> {
    let file: raw::File = toml::from_str(src).map_err(|e| e.to_string())?;
    let languages = raw::languages(&file);
    let mut regions = Vec::new();
    for r in file.region {
        regions.push(r.read(&file.sources, &languages)?);
    }
    if regions.is_empty() {
        return Err("the directory has no [[region]]".into());
    }
    Ok(Directory { languages, regions })
}

/// The file as written, and how each part of it is read and checked.
#[cfg(feature = "toml")]
mod raw {
    use std::collections::BTreeMap;

    use serde::Deserialize;

    use super::{days, Audience, ContactKind, Text};

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct File {
        pub region: Vec<Region>,
        #[allow(dead_code)]
        pub sources: BTreeMap<String, String>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Region {
        pub code: String,
        #[serde(default)]
        pub aliases: Vec<String>,
        pub name: BTreeMap<String, String>,
        pub contact: Vec<Contact>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Contact {
        pub kind: String,
        #[serde(default)]
        pub audience: Option<String>,
        pub name: BTreeMap<String, String>,
        pub number: String,
        pub tel: Option<String>,
        pub sms: Option<String>,
        pub sms_keyword: Option<String>,
        pub note: Option<BTreeMap<String, String>>,
        pub sources: Vec<String>,
        pub status: String,
        pub checked: String,
    }

    /// The directory's languages: those of the first region's name, English first as the
    /// fallback language.
    pub fn languages(file: &File) -> Vec<String> {
        let mut languages: Vec<String> = file
            .region
            .first()
            .map(|r| r.name.keys().cloned().collect())
            .unwrap_or_default();
        if let Some(i) = languages.iter().position(|l| l == "en") {
            let en = languages.remove(i);
            languages.insert(0, en);
        }
        languages
    }

    /// Reads a name or note of `what`: a non-empty text in each of `languages`, and in no
    /// other language.
    fn localised(
        map: BTreeMap<String, String>,
        what: &str,
        languages: &[String],
    ) -> Result<Text, String> {
        let extra: Vec<&String> = map.keys().filter(|k| !languages.contains(k)).collect();
        if let Some(k) = extra.first() {
            return Err(format!(
                "{what} has a text in \"{k}\", which the first region's name lacks"
            ));
        }
        languages
            .iter()
            .map(|l| {
                map.get(l)
                    .filter(|s| !s.trim().is_empty())
                    .cloned()
                    .ok_or_else(|| format!("{what} has no text in \"{l}\""))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Text)
    }

    impl Region {
        /// Reads a region: its contacts, the emergency number first (one that takes calls,
        /// as the crisis strip shows it), then its name.
        pub fn read(
            self,
            sources: &BTreeMap<String, String>,
            languages: &[String],
        ) -> Result<super::Region, String> {
            let mut contacts = Vec::new();
            for c in self.contact {
                contacts.push(c.read(&self.code, sources, languages)?);
            }
            let region = super::Region {
                name: localised(self.name, &format!("region {}", self.code), languages)?,
                code: self.code,
                aliases: self.aliases,
                contacts,
            };
            if !region.calls_emergency_first() {
                return Err(format!(
                    "region {} must list its emergency number first, with a `tel`",
                    region.code
                ));
            }
            Ok(region)
        }
    }

    impl Contact {
        /// Reads a contact of region `code`: its kind and audience, that it cites listed
        /// `sources`, its status, `checked` date, numbers and names.
        fn read(
            self,
            code: &str,
            sources: &BTreeMap<String, String>,
            languages: &[String],
        ) -> Result<super::Contact, String> {
            let label = format!(
                "region {code}: contact {}",
                self.name.get("en").map_or("?", String::as_str)
            );
            let kind = match self.kind.as_str() {
                "emergency" => ContactKind::Emergency,
                "crisis" => ContactKind::Crisis,
                "abuse" => ContactKind::Abuse,
                "gambling" => ContactKind::Gambling,
                other => {
                    return Err(format!(
                        "{label}: kind \"{other}\" is not emergency, crisis, abuse or gambling"
                    ))
                }
            };
            let audience = match self.audience.as_deref() {
                None => Audience::Everyone,
                Some("youth") => Audience::Youth,
                Some(other) => return Err(format!("{label}: audience \"{other}\" is not youth")),
            };
            self.check(&label, sources)?;
            Ok(super::Contact {
                kind,
                audience,
                name: localised(self.name, &label, languages)?,
                number: self.number,
                tel: self.tel,
                sms: self.sms,
                sms_keyword: self.sms_keyword,
                note: self
                    .note
                    .map(|n| localised(n, &label, languages))
                    .transpose()?,
                checked: self.checked,
            })
        }

        /// Checks the contact's `sources`, `status`, `checked` date and that its `tel` and
        /// `sms` are digits.
        fn check(&self, label: &str, sources: &BTreeMap<String, String>) -> Result<(), String> {
            if self.sources.is_empty() || self.sources.iter().any(|s| !sources.contains_key(s)) {
                return Err(format!("{label} must cite sources listed in [sources]"));
            }
            if !matches!(self.status.as_str(), "confirmed" | "secondary" | "caveat") {
                return Err(format!("{label} has status \"{}\"", self.status));
            }
            if days(&self.checked).is_none() {
                return Err(format!(
                    "{label}: checked = \"{}\" is not a date: write YYYY-MM-DD",
                    self.checked
                ));
            }
            let digits = |s: &Option<String>| {
                s.as_ref().is_none_or(|s| {
                    !s.is_empty() && s.chars().all(|ch| ch.is_ascii_digit() || ch == '+')
                })
            };
            if !digits(&self.tel) || !digits(&self.sms) {
                return Err(format!("{label} has a tel or sms that is not digits"));
            }
            Ok(())
        }
    }
}
