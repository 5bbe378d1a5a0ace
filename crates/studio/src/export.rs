//! Ready-to-paste embed snippets for a validated flow, filled from the export form and
//! written by the engine's `snippets` (as the release's and the docs' are).

use selfcheck_flow::snippets;

/// What the practice types into the export form.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Embed {
    pub name: String,
    pub phone: String,
    pub url: String,
    pub region: String,
    pub lang: String,
    /// Where the widget's files are served from, e.g. `/selfcheck/`.
    pub base: String,
}

/// One field of the export form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Name,
    Phone,
    Url,
    Region,
    Lang,
    Base,
}

impl Embed {
    pub fn set(&mut self, field: Field, value: String) {
        let slot = match field {
            Field::Name => &mut self.name,
            Field::Phone => &mut self.phone,
            Field::Url => &mut self.url,
            Field::Region => &mut self.region,
            Field::Lang => &mut self.lang,
            Field::Base => &mut self.base,
        };
        *slot = value;
    }
}

/// The folder the widget's files are served from, ending in `/`.
pub fn base(e: &Embed) -> String {
    snippets::folder(&e.base)
}

/// The settings as `(name, value)`, leaving out the empty ones.
fn settings(e: &Embed) -> Vec<(&'static str, &str)> {
    [
        ("region", e.region.as_str()),
        ("lang", e.lang.as_str()),
        ("practice-name", e.name.as_str()),
        ("practice-phone", e.phone.as_str()),
        ("practice-url", e.url.as_str()),
    ]
    .into_iter()
    .filter(|(_, v)| !v.trim().is_empty())
    .collect()
}

/// The static contacts put inside the element until the script runs.
const CONTACTS: &str =
    "<p><strong>If someone is in danger now:</strong> call your local emergency number.</p>";

/// The flow's id, then the form's settings, for the engine's snippets.
fn with_flow<'a>(e: &'a Embed, flow_id: &'a str) -> Vec<(&'static str, &'a str)> {
    let mut all = vec![("flow", flow_id)];
    all.extend(settings(e));
    all
}

/// The `<self-check>` element running the flow's pack (`packs/<flow>.<lang>.pack` beside
/// the widget's files), with the crisis line shown before the script runs.
pub fn element(e: &Embed, flow_id: &str) -> String {
    let settings = with_flow(e, flow_id);
    snippets::element(&snippets::Embed {
        base: &e.base,
        integrity: None,
        settings: &settings,
        contacts: CONTACTS,
    })
}

/// The iframe snippet: `embed.html` runs the pack of `flow_id` from the widget's folder,
/// and `iframe-host.js` fits the frame to it.
pub fn iframe(e: &Embed, flow_id: &str) -> String {
    let settings = with_flow(e, flow_id);
    snippets::iframe(&snippets::Embed {
        base: &e.base,
        integrity: None,
        settings: &settings,
        contacts: "",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_escape_the_practice_fields() {
        let e = Embed {
            name: "Smith & \"Sons\"".into(),
            region: "uk".into(),
            lang: "en".into(),
            ..Embed::default()
        };
        let s = element(&e, "my-flow");
        assert!(
            s.contains("practice-name=\"Smith &amp; &quot;Sons&quot;\""),
            "{s}"
        );
        assert!(s.contains("<script type=\"module\" src=\"/selfcheck/selfcheck.js\">"));
        assert!(s.contains("<self-check flow=\"my-flow\""), "{s}");
        let i = iframe(&e, "my-flow");
        assert!(i.contains("embed.html?flow=my-flow&amp;region=uk&amp;lang=en&amp;practice-name=Smith%20%26%20%22Sons%22"), "{i}");
        // The frame iframe-host.js finds and fits: its id, no inline height.
        assert!(i.starts_with("<iframe id=\"self-check-frame\""), "{i}");
        assert!(!i.contains("height:"), "{i}");
        assert!(
            i.contains("<script src=\"/selfcheck/iframe-host.js\"></script>"),
            "{i}"
        );
    }
}
