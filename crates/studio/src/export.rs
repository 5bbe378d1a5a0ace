//! Ready-to-paste embed snippets for a validated flow, filled from the export form.

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

/// Escapes text for an HTML attribute value in double quotes.
fn attr(s: &str) -> String {
    s.trim()
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Escapes text for a URL query value.
fn query(s: &str) -> String {
    let mut out = String::new();
    for b in s.trim().bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out += &format!("%{b:02X}"),
        }
    }
    out
}

/// The folder the widget's files are served from, ending in `/`.
pub fn base(e: &Embed) -> String {
    let b = e.base.trim();
    if b.is_empty() {
        "/selfcheck/".to_string()
    } else if b.ends_with('/') {
        b.to_string()
    } else {
        format!("{b}/")
    }
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

/// The `<self-check>` element running the flow's pack (`packs/<flow>.<lang>.pack` beside
/// the widget's files), with the crisis line shown before the script runs.
pub fn element(e: &Embed, flow_id: &str) -> String {
    let attrs: String = settings(e)
        .iter()
        .map(|(k, v)| format!(" {k}=\"{}\"", attr(v)))
        .collect();
    format!(
        "<script type=\"module\" src=\"{base}selfcheck.js\"></script>\n\
         <self-check flow=\"{flow}\"{attrs}>\n  \
         <p><strong>If someone is in danger now:</strong> call your local emergency number.</p>\n\
         </self-check>\n",
        base = base(e),
        flow = attr(flow_id)
    )
}

/// The iframe snippet: `embed.html` runs the pack of `flow_id` from the widget's folder.
pub fn iframe(e: &Embed, flow_id: &str) -> String {
    let mut q = vec![format!("flow={}", query(flow_id))];
    q.extend(settings(e).iter().map(|(k, v)| format!("{k}={}", query(v))));
    format!(
        "<iframe src=\"{base}embed.html?{q}\"\n        title=\"Self-check\" style=\"width:100%;border:0;height:640px\"\n        sandbox=\"allow-scripts allow-same-origin allow-forms allow-top-navigation-by-user-activation\"></iframe>\n\
         <script type=\"module\" src=\"{base}iframe-host.js\"></script>\n",
        base = base(e),
        q = attr(&q.join("&"))
    )
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
    }
}
