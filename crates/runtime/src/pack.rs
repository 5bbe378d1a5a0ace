//! Packs: what the widget downloads for one flow in one language. A pack holds the flow's
//! texts in that language, the widget's own words ([`Ui`]) and the crisis directory with
//! names in that language. The code of the widget knows no flow and no language: every
//! word a visitor reads comes from a pack.
//!
//! Layout: `SCPK`, the format version (one byte), a 32-bit FNV-1a checksum of the body
//! (little-endian) and the body in the [`crate::wire`] form. Only a flow that passed every
//! check and the safety proof becomes a pack ([`build`] takes a [`Compiled`] flow), and
//! the body records the engine version that proved it. Anyone can edit a pack and fix its
//! checksum, so [`decode`] checks the safety rules again, bounded ([`check`]), and the
//! build makes no pack that it would refuse.

use std::rc::Rc;

use crate::contacts::Directory;
use crate::model::base_lang;
use crate::model::{Flow, Instrument};
use crate::rich::Rich;
use crate::ui::Ui;
use crate::wire::{self, Reader, Wire};

/// The first bytes of every pack.
pub const MAGIC: &[u8; 4] = b"SCPK";
/// The pack format this engine writes and reads. A change to the binary form of any part
/// of a pack changes this number.
pub const FORMAT: u8 = 2;
/// The engine that proved the flows of the packs it writes.
pub const ENGINE: &str = concat!("selfcheck-flow ", env!("CARGO_PKG_VERSION"));

/// One flow in one language, ready to run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pack {
    /// The engine version that checked and proved the flow.
    pub engine: String,
    /// The languages this flow has packs for: code and the language's own name.
    pub languages: Vec<(String, String)>,
    /// The widget's own words in the pack's language.
    pub ui: Rc<Ui>,
    /// The flow with its texts in the pack's language only ([`Flow::only`]).
    pub flow: Rc<Flow>,
    /// The crisis directory with its names in the pack's language only.
    pub directory: Rc<Directory>,
}

impl Pack {
    /// The pack's language code.
    pub fn lang(&self) -> &str {
        &self.ui.lang
    }
}

/// FNV-1a, 32 bits: enough to tell a damaged or truncated download from a good one (it is
/// not a signature; packs come from the page's own origin).
pub fn checksum(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5, |h: u32, &b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// Writes a pack.
pub fn encode(pack: &Pack) -> Vec<u8> {
    let body = wire::encode(pack);
    let mut out = Vec::with_capacity(body.len() + 9);
    out.extend_from_slice(MAGIC);
    out.push(FORMAT);
    out.extend_from_slice(&checksum(&body).to_le_bytes());
    out.extend_from_slice(&body);
    out
}

/// Why a pack cannot be used; `Display` is the message for the site's author.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PackError {
    /// The bytes do not start with [`MAGIC`], e.g. a wrong URL that serves a web page.
    NotAPack,
    /// A pack of another format version (the one it has), from another release.
    Format(u8),
    /// Truncated, failing its checksum, malformed, or with an index that points nowhere.
    Damaged,
    /// Well-formed, but its flow breaks a safety rule (what, in a short sentence): a pack
    /// edited after it was built, since the build makes none that fail.
    Unsafe(String),
}

impl std::fmt::Display for PackError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PackError::NotAPack => f.write_str("not a selfcheck pack: check its URL"),
            PackError::Format(v) => write!(f, "pack format {v}, but this widget reads format {FORMAT}: use the packs of this release"),
            PackError::Damaged => f.write_str("the pack is damaged or truncated: copy it again"),
            PackError::Unsafe(why) => write!(f, "the pack fails the safety check ({why}): rebuild it from its flow"),
        }
    }
}

/// Reads a pack, refusing anything malformed, truncated or of another format, and any
/// flow that fails the safety rules ([`check`]).
pub fn decode(bytes: &[u8]) -> Result<Pack, PackError> {
    let rest = bytes.strip_prefix(MAGIC).ok_or(PackError::NotAPack)?;
    let (&format, rest) = rest.split_first().ok_or(PackError::Damaged)?;
    if format != FORMAT {
        return Err(PackError::Format(format));
    }
    let (sum, body) = rest.split_at_checked(4).ok_or(PackError::Damaged)?;
    if sum != checksum(body).to_le_bytes() {
        return Err(PackError::Damaged);
    }
    // Conditions nested too deep are refused here, as they are read.
    let pack: Pack = wire::decode(body).ok_or(PackError::Damaged)?;
    check(&pack)?;
    Ok(pack)
}

/// What the widget checks of a pack it has read: a pack is not trusted beyond its
/// checksum, which anyone can fix after editing one. Every index the session follows must
/// exist (else [`PackError::Damaged`]); every link must have a scheme the compiler allows,
/// an instrument's source be https, every region its emergency number first, every
/// emergency outcome help ([`crate::model::Outcome::shows_help`]), and the flow pass
/// [`crate::analysis::recheck`], the safety rules of the proof, bounded (else
/// [`PackError::Unsafe`]).
pub fn check(pack: &Pack) -> Result<(), PackError> {
    let flow = &pack.flow;
    if !flow.is_consistent() {
        return Err(PackError::Damaged);
    }
    let mut texts = flow.questions.iter().filter_map(|q| q.help.as_ref());
    let links = texts.all(|r| r.0.iter().all(Rich::links_allowed))
        && flow
            .outcomes
            .iter()
            .all(|o| o.summary.0.iter().all(Rich::links_allowed))
        && flow
            .advice
            .iter()
            .all(|a| a.body.0.iter().all(Rich::links_allowed))
        && flow
            .instrument
            .as_ref()
            .is_none_or(|i| Instrument::source_ok(&i.source));
    if !links {
        return Err(PackError::Unsafe(
            "a link's scheme is not allowed".to_string(),
        ));
    }
    // The numbers to call on every emergency result: the region's emergency number (the
    // strip), or every region's while the region is unknown.
    let regions = &pack.directory.regions;
    if regions.is_empty() || !regions.iter().all(|r| r.calls_emergency_first()) {
        return Err(PackError::Unsafe(
            "a region has no emergency number".to_string(),
        ));
    }
    if let Some(o) = flow.outcomes.iter().find(|o| !o.shows_help()) {
        return Err(PackError::Unsafe(format!(
            "emergency outcome \"{}\" shows no number to call",
            o.id
        )));
    }
    crate::analysis::recheck(flow).map_err(PackError::Unsafe)?;
    Ok(())
}

/// The pack of a checked and proven flow (the `flow` of a [`Compiled`]) in language
/// `lang`, with the widget's words and the crisis directory in that language. Errors say
/// what is missing.
pub fn assemble(
    flow: &Flow,
    lang: &str,
    uis: &[Ui],
    directory: &Directory,
) -> Result<Pack, String> {
    let base = base_lang(lang);
    let li = flow
        .languages
        .iter()
        .position(|l| *l == base)
        .ok_or_else(|| format!("flow {} has no texts in \"{base}\"", flow.id))?;
    let ui = uis
        .iter()
        .find(|u| u.lang == base)
        .ok_or_else(|| format!("no widget words for \"{base}\": add data/ui/{base}.toml"))?;
    let di = directory.lang(&base).ok_or_else(|| {
        format!("the crisis directory has no names in \"{base}\": add name.{base} to every region and contact in data/crisis-contacts.toml")
    })?;
    let languages = flow
        .languages
        .iter()
        .filter_map(|l| {
            let u = uis.iter().find(|u| u.lang == *l)?;
            directory.lang(l)?;
            Some((l.clone(), u.name.clone()))
        })
        .collect();
    let pack = Pack {
        engine: ENGINE.to_string(),
        languages,
        ui: Rc::new(ui.clone()),
        flow: Rc::new(flow.only(li)),
        directory: Rc::new(directory.only(di)),
    };
    // The widget re-checks every pack it reads; one it would refuse is never made.
    check(&pack).map_err(|e| match e {
        PackError::Unsafe(why) => format!("flow {}: {why}: the widget refuses such packs", flow.id),
        e => format!("flow {}: {e}", flow.id),
    })?;
    Ok(pack)
}

/// `<flow id>.<lang>.pack`.
pub fn file_name(flow: &str, lang: &str) -> String {
    format!("{flow}.{lang}.pack")
}

/// `<flow id>.<lang>.screen.json`, beside the pack.
pub fn screen_name(flow: &str, lang: &str) -> String {
    format!("{flow}.{lang}.screen.json")
}

impl Wire for Pack {
    fn put(&self, out: &mut Vec<u8>) {
        self.engine.put(out);
        self.languages.put(out);
        self.ui.put(out);
        self.flow.put(out);
        self.directory.put(out);
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        Some(Pack {
            engine: Wire::take(r)?,
            languages: Wire::take(r)?,
            ui: Wire::take(r)?,
            flow: Wire::take(r)?,
            directory: Wire::take(r)?,
        })
    }
}
