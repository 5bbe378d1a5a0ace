//! The embed snippets: the one place that writes what a host page pastes to run the widget.
//!
//! The release's `snippets.html` (`cargo xtask release`), the studio's export and
//! `docs/embedding.md` (checked by a test in `xtask/src/release.rs`) all take their snippets
//! from here, so a fix to one is a fix to all:
//!
//! - [`element`]: the `<self-check>` element and the loader's `<script>` (the recommended
//!   way; also what a site builder pastes from a CDN, with [`cdn_base`] as the base);
//! - [`automount`]: the `<div data-self-check>` form, for page builders that strip unknown
//!   tags;
//! - [`iframe`]: the frame of `embed.html` and `iframe-host.js`, which fits the frame's
//!   height to the widget's (it finds the frame by [`FRAME_ID`]);
//! - [`loader`], [`loader_url`] and [`iframe_url`]: the parts, for a site builder that asks
//!   for a script URL or a page URL alone.
//!
//! Pure text: no I/O. The static contacts a mount shows before the widget starts (and if it
//! cannot) are the caller's, typically the engine's crisis line for the region.

/// Where the widget's files are when the host gives no folder.
pub const DEFAULT_BASE: &str = "/selfcheck/";

/// The `id` of the iframe snippet's frame, which `iframe-host.js` looks up first.
pub const FRAME_ID: &str = "self-check-frame";

/// The iframe's initial height in CSS pixels, until `iframe-host.js` fits it to the widget.
/// An attribute, never an inline style, so the script's height wins.
pub const FRAME_HEIGHT: u32 = 720;

/// The iframe's sandbox: scripts and the frame's own origin (the widget's files), forms
/// (Continue) and a top-level navigation after a click ("Leave this page quickly").
pub const FRAME_SANDBOX: &str =
    "allow-scripts allow-same-origin allow-forms allow-top-navigation-by-user-activation";

/// What every snippet of one embedding shares: where the files are, how the loader is
/// pinned, the settings and the static contacts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Embed<'a> {
    /// The folder the widget's files are served from (`/selfcheck/`, a full URL, or a CDN's
    /// [`cdn_base`]); a missing final `/` is added, and an empty one reads as
    /// [`DEFAULT_BASE`].
    pub base: &'a str,
    /// The Subresource Integrity of `selfcheck.js` (`sha384-…`), written with
    /// `crossorigin="anonymous"`; `None` for an unpinned snippet (a build of your own).
    pub integrity: Option<&'a str>,
    /// The settings as `(name, value)`, in the order written: attributes on the element,
    /// `data-*` on the auto-mount, the query of the iframe's URL. The names are those of
    /// `view::SETTINGS`; settings with an empty value are left out.
    pub settings: &'a [(&'a str, &'a str)],
    /// The HTML put inside the element and the auto-mount (the crisis contacts shown until
    /// the widget starts, and if it cannot), one line or several.
    pub contacts: &'a str,
}

/// The folder of the files with a final `/` ([`DEFAULT_BASE`] when empty).
pub fn folder(base: &str) -> String {
    let b = base.trim();
    if b.is_empty() {
        DEFAULT_BASE.to_string()
    } else if b.ends_with('/') {
        b.to_string()
    } else {
        format!("{b}/")
    }
}

/// The folder from which a public npm CDN serves the release `version` of the npm package
/// (`selfcheck-widget`), for site builders with nowhere to host the files.
pub fn cdn_base(version: &str) -> String {
    format!("https://cdn.jsdelivr.net/npm/selfcheck-widget@{version}/")
}

/// The URL of the loader, `selfcheck.js`, in `base`.
pub fn loader_url(base: &str) -> String {
    format!("{}selfcheck.js", folder(base))
}

/// The loader's `<script type="module">`, with its `integrity` when the embedding has one.
pub fn loader(e: &Embed) -> String {
    let pin = e.integrity.map_or_else(String::new, |i| {
        format!(" integrity=\"{}\" crossorigin=\"anonymous\"", attr(i))
    });
    format!(
        "<script type=\"module\" src=\"{}\"{pin}></script>",
        attr(&loader_url(e.base))
    )
}

/// The `<self-check>` element: the loader, then the element with the settings as
/// attributes and the static contacts inside.
pub fn element(e: &Embed) -> String {
    let attrs = attributes(e, "");
    format!(
        "{}\n<self-check{attrs}>\n{}</self-check>\n",
        loader(e),
        inside(e.contacts)
    )
}

/// The auto-mount: a `<div data-self-check>` with the settings as `data-*` attributes and
/// the static contacts inside, then the loader.
pub fn automount(e: &Embed) -> String {
    let attrs = attributes(e, "data-");
    format!(
        "<div data-self-check{attrs}>\n{}</div>\n{}\n",
        inside(e.contacts),
        loader(e)
    )
}

/// The URL of the iframe page, `embed.html` in `base`, with the settings as its query
/// (not escaped for HTML: for a site builder's "website address" field).
pub fn iframe_url(e: &Embed) -> String {
    let query: Vec<String> = settings(e)
        .map(|(k, v)| format!("{}={}", percent(k), percent(v)))
        .collect();
    let mut url = format!("{}embed.html", folder(e.base));
    if !query.is_empty() {
        url.push('?');
        url.push_str(&query.join("&"));
    }
    url
}

/// The iframe snippet: the frame of [`iframe_url`] (id [`FRAME_ID`], the height as an
/// attribute, no referrer, sandboxed) and `iframe-host.js` right after it, which fits the
/// frame to the widget's height. The script is classic, not a module, so it can also find
/// the frame just before it.
pub fn iframe(e: &Embed) -> String {
    format!(
        "<iframe id=\"{FRAME_ID}\" title=\"Self-check\" src=\"{src}\"\n        \
         style=\"width:100%;border:0\" height=\"{FRAME_HEIGHT}\" referrerpolicy=\"no-referrer\"\n        \
         sandbox=\"{FRAME_SANDBOX}\"></iframe>\n\
         <script src=\"{host}iframe-host.js\"></script>\n",
        src = attr(&iframe_url(e)),
        host = attr(&folder(e.base)),
    )
}

/// The settings with a value, trimmed.
fn settings<'a>(e: &Embed<'a>) -> impl Iterator<Item = (&'a str, &'a str)> {
    e.settings
        .iter()
        .map(|(k, v)| (k.trim(), v.trim()))
        .filter(|(k, v)| !k.is_empty() && !v.is_empty())
}

/// The settings as ` name="value"` attributes, each name after `prefix`.
fn attributes(e: &Embed, prefix: &str) -> String {
    settings(e)
        .map(|(k, v)| format!(" {prefix}{}=\"{}\"", attr(k), attr(v)))
        .collect()
}

/// The contacts as a mount's content: each line indented by two spaces, and a final line
/// break (nothing for no contacts).
fn inside(contacts: &str) -> String {
    contacts
        .trim()
        .lines()
        .map(|l| match l.trim_end() {
            "" => "\n".to_string(),
            l => format!("  {l}\n"),
        })
        .collect()
}

/// Escapes text for an HTML attribute value in double quotes.
fn attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Escapes text for a URL's query: every byte but the unreserved ones as `%XX`.
fn percent(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(b))
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONTACTS: &str = "<p><strong>If someone is in danger now:</strong> call 911.</p>";

    fn embed<'a>(settings: &'a [(&'a str, &'a str)]) -> Embed<'a> {
        Embed {
            base: "/selfcheck/",
            integrity: None,
            settings,
            contacts: CONTACTS,
        }
    }

    #[test]
    fn the_element_carries_the_settings_and_the_contacts() {
        let e = embed(&[("flow", "my-flow"), ("region", "uk"), ("lang", " ")]);
        assert_eq!(
            element(&e),
            "<script type=\"module\" src=\"/selfcheck/selfcheck.js\"></script>\n\
             <self-check flow=\"my-flow\" region=\"uk\">\n  \
             <p><strong>If someone is in danger now:</strong> call 911.</p>\n\
             </self-check>\n"
        );
    }

    #[test]
    fn the_automount_writes_data_attributes_and_the_loader_after() {
        let e = Embed {
            integrity: Some("sha384-abc"),
            ..embed(&[("region", "uk"), ("practice-name", "Smith & \"Sons\"")])
        };
        assert_eq!(
            automount(&e),
            "<div data-self-check data-region=\"uk\" data-practice-name=\"Smith &amp; &quot;Sons&quot;\">\n  \
             <p><strong>If someone is in danger now:</strong> call 911.</p>\n\
             </div>\n\
             <script type=\"module\" src=\"/selfcheck/selfcheck.js\" integrity=\"sha384-abc\" crossorigin=\"anonymous\"></script>\n"
        );
    }

    /// The iframe has the id `iframe-host.js` looks for, its height as an attribute (an
    /// inline height would beat the script's), and its query escaped twice: for the URL,
    /// then for the attribute.
    #[test]
    fn the_iframe_has_the_frame_id_no_inline_height_and_an_escaped_query() {
        let e = embed(&[
            ("region", "us"),
            ("lang", "en"),
            ("practice-name", "Smith & Sons"),
        ]);
        assert_eq!(
            iframe_url(&e),
            "/selfcheck/embed.html?region=us&lang=en&practice-name=Smith%20%26%20Sons"
        );
        let html = iframe(&e);
        assert!(
            html.starts_with("<iframe id=\"self-check-frame\" "),
            "{html}"
        );
        assert!(
            html.contains("src=\"/selfcheck/embed.html?region=us&amp;lang=en&amp;practice-name=Smith%20%26%20Sons\""),
            "{html}"
        );
        assert!(html.contains(" height=\"720\""), "{html}");
        assert!(!html.contains("height:"), "{html}");
        assert!(html.ends_with("</iframe>\n<script src=\"/selfcheck/iframe-host.js\"></script>\n"));
        assert_eq!(iframe_url(&embed(&[])), "/selfcheck/embed.html");
    }

    #[test]
    fn the_folder_ends_in_a_slash_and_defaults() {
        assert_eq!(folder(""), DEFAULT_BASE);
        assert_eq!(folder(" /w "), "/w/");
        assert_eq!(folder("https://x.org/a/"), "https://x.org/a/");
        assert_eq!(
            loader_url(&cdn_base("1.2.3")),
            "https://cdn.jsdelivr.net/npm/selfcheck-widget@1.2.3/selfcheck.js"
        );
    }

    #[test]
    fn contacts_on_several_lines_are_indented_and_none_leave_the_mount_empty() {
        let e = Embed {
            contacts: "<p>a</p>\n\n<p>b</p>\n",
            ..embed(&[])
        };
        assert!(element(&e).contains("<self-check>\n  <p>a</p>\n\n  <p>b</p>\n</self-check>\n"));
        let e = Embed {
            contacts: "",
            ..embed(&[])
        };
        assert!(automount(&e).starts_with("<div data-self-check>\n</div>\n"));
    }
}
