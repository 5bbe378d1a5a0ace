//! Crisis contacts by region, from `data/crisis-contacts.toml` (checked against official
//! sources; see the file's header). Compiled in at build time like the flows.

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Directory {
    pub regions: Vec<Region>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Region {
    pub code: String,
    /// English, then Spanish.
    pub name: [String; 2],
    pub contacts: Vec<Contact>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContactKind {
    Emergency,
    Crisis,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    pub kind: ContactKind,
    pub name: [String; 2],
    /// As displayed, e.g. "13 11 14".
    pub number: String,
    /// Digits for a `tel:` link; `None` for text-only services.
    pub tel: Option<String>,
    /// Number for an `sms:` link, only where anyone may text.
    pub sms: Option<String>,
    /// A keyword to send, shown as visible text (`sms:` bodies are unreliable).
    pub sms_keyword: Option<String>,
    pub note: Option<[String; 2]>,
}

impl Directory {
    /// The region with `code`, or the first (the United States) for an unknown code.
    pub fn region(&self, code: &str) -> Option<&Region> {
        let code = code.trim().to_ascii_lowercase();
        self.regions
            .iter()
            .find(|r| r.code == code)
            .or_else(|| self.regions.first())
    }
}

/// Index into `[en, es]` pairs.
pub fn lang_index(lang: &str) -> usize {
    usize::from(lang.trim().to_ascii_lowercase().starts_with("es"))
}

#[cfg(feature = "toml")]
mod raw {
    use std::collections::BTreeMap;

    use serde::Deserialize;

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
        pub name: Pair,
        pub contact: Vec<Contact>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Contact {
        pub kind: String,
        pub name: Pair,
        pub number: String,
        pub tel: Option<String>,
        pub sms: Option<String>,
        pub sms_keyword: Option<String>,
        pub note: Option<Pair>,
        pub sources: Vec<String>,
        pub status: String,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Pair {
        pub en: String,
        pub es: String,
    }
}

/// Reads `data/crisis-contacts.toml`, checking that every contact cites a listed source.
#[cfg(feature = "toml")]
pub fn from_toml(src: &str) -> Result<Directory, String> {
    let file: raw::File = toml::from_str(src).map_err(|e| e.to_string())?;
    let mut regions = Vec::new();
    for r in file.region {
        let mut contacts = Vec::new();
        for c in r.contact {
            let kind = match c.kind.as_str() {
                "emergency" => ContactKind::Emergency,
                "crisis" => ContactKind::Crisis,
                other => {
                    return Err(format!(
                        "region {}: contact kind \"{other}\" is not emergency or crisis",
                        r.code
                    ))
                }
            };
            if c.sources.is_empty() || c.sources.iter().any(|s| !file.sources.contains_key(s)) {
                return Err(format!(
                    "region {}: contact {} must cite sources listed in [sources]",
                    r.code, c.name.en
                ));
            }
            if !matches!(c.status.as_str(), "confirmed" | "secondary" | "caveat") {
                return Err(format!(
                    "region {}: contact {} has status \"{}\"",
                    r.code, c.name.en, c.status
                ));
            }
            let digits = |s: &Option<String>| {
                s.as_ref().is_none_or(|s| {
                    !s.is_empty() && s.chars().all(|ch| ch.is_ascii_digit() || ch == '+')
                })
            };
            if !digits(&c.tel) || !digits(&c.sms) {
                return Err(format!(
                    "region {}: contact {} has a tel or sms that is not digits",
                    r.code, c.name.en
                ));
            }
            contacts.push(Contact {
                kind,
                name: [c.name.en, c.name.es],
                number: c.number,
                tel: c.tel,
                sms: c.sms,
                sms_keyword: c.sms_keyword,
                note: c.note.map(|n| [n.en, n.es]),
            });
        }
        if !contacts.iter().any(|c| c.kind == ContactKind::Emergency) {
            return Err(format!("region {} has no emergency number", r.code));
        }
        regions.push(Region {
            code: r.code,
            name: [r.name.en, r.name.es],
            contacts,
        });
    }
    if regions.is_empty() {
        return Err("the directory has no [[region]]".into());
    }
    Ok(Directory { regions })
}
