//! The widget's own words (buttons, progress, errors, urgency headings) in one language.
//! They are data: `data/ui/<lang>.toml`, one file per language, carried to the browser in
//! that language's packs ([`crate::pack`]). Adding a language needs no code.

use crate::model::Urgency;

/// Text direction of a language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Dir {
    /// Left to right.
    #[default]
    Ltr,
    /// Right to left (Arabic, Hebrew, Persian, …).
    Rtl,
}

impl Dir {
    /// The value of the HTML `dir` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Dir::Ltr => "ltr",
            Dir::Rtl => "rtl",
        }
    }
}

/// Words around the flow's content, in one language. Flows bring their own questions and
/// advice. Read from `data/ui/<lang>.toml`, whose keys are these fields' names.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(
    feature = "toml",
    derive(serde::Deserialize),
    serde(deny_unknown_fields)
)]
pub struct Ui {
    /// The language's code, lower case and without a region, e.g. `es`.
    pub lang: String,
    /// The language's own name, for the language switch.
    pub name: String,
    /// The language's text direction: `dir = "ltr"` or `"rtl"`.
    #[cfg_attr(feature = "toml", serde(deserialize_with = "raw::dir"))]
    pub dir: Dir,
    /// The label of the language picker ("Language").
    pub language: String,
    /// The button that confirms an answer ("Continue"); `continue` in the file.
    #[cfg_attr(feature = "toml", serde(rename = "continue"))]
    pub continue_: String,
    /// The button back to the previous question ("Back").
    pub back: String,
    /// The result's button that clears every answer ("Start again").
    pub start_again: String,
    /// The button beside each answer on the result that returns to its question ("Change").
    pub change: String,
    /// The heading of the visitor's answers on the result ("Your answers").
    pub your_answers: String,
    /// The error when Continue is pressed on a question with radios and nothing chosen.
    pub choose_one: String,
    /// The error when Continue is pressed on a question with checkboxes and nothing chosen.
    pub choose_some: String,
    /// The hint on a question with checkboxes ("Select all that apply.").
    pub select_all: String,
    /// Read out before an error message, for screen readers only ("Error:").
    pub error_prefix: String,
    /// "Question {n} of about {total}".
    pub progress: String,
    /// The start of the crisis line and the crisis strip's label ("If someone is in danger now:").
    pub danger_lead: String,
    /// The verb before a number in a `tel:` link ("call").
    pub call: String,
    /// The verb before a number in an `sms:` link ("text").
    pub text: String,
    /// The words for a number that takes calls and texts ("call or text").
    pub call_or_text: String,
    /// "Text {keyword} to {number}".
    pub text_keyword: String,
    /// In the crisis strip when the page's region is unknown: "call your local emergency
    /// number".
    pub local_emergency: String,
    /// Before every region's emergency number, on an emergency or urgent result when the
    /// region is unknown ("Emergency numbers:").
    pub emergency_numbers: String,
    /// After those numbers: where 112 works too (from the checked reference).
    pub emergency_112: String,
    /// The label of the region picker inside such a result ("Choose your region to see
    /// who to call:").
    pub region_prompt: String,
    /// On an emergency result, the one sentence between the heading and the contacts
    /// ("Call one of these numbers now.").
    pub call_now: String,
    /// The label of the region picker ("Region").
    pub region: String,
    /// The quick-exit button ("Leave this page quickly").
    pub leave: String,
    /// The hint beside the quick exit ("or press Shift three times").
    pub leave_hint: String,
    /// The privacy line in the footer ("Your answers stay on this device. Nothing is sent.").
    pub privacy: String,
    /// The live region on a result: "Result: {title}".
    pub result_for: String,
    /// The heading of a result's contacts ("Who to call").
    pub contacts_heading: String,
    /// Before the practice's name and number on a result ("To talk with us:").
    pub practice_lead: String,
    /// The result's print button ("Print or save as PDF").
    pub print: String,
    /// The result's button that copies the take-away text ("Copy advice").
    pub copy: String,
    /// The result's button that saves the take-away text ("Download as text").
    pub download: String,
    /// The name of the downloaded text file.
    pub file_name: String,
    /// The heading when the self-check cannot start ("This self-check cannot start").
    pub broken_title: String,
    /// The explanation under it, which sends the visitor to the crisis numbers above.
    pub broken_body: String,
    /// The label of the technical details for the site's author.
    pub broken_author: String,
    /// The apology shown with the contacts when the widget crashes.
    pub crashed: String,
    /// A questionnaire's total: "Your score: {total} of {max}".
    pub score: String,
    /// A score band: "{label} ({from}–{to})".
    pub band: String,
    /// "{points} points", after an answer in a scored questionnaire.
    pub points: String,
    /// "{points} point": the same when it is exactly one point.
    pub point: String,
    /// Instead of the score on a questionnaire's result reached before its items were all
    /// answered: "The questionnaire was not completed, so there is no score."
    pub no_score: String,
    /// Per urgency, in the order of [`Urgency::ALL`].
    #[cfg_attr(feature = "toml", serde(deserialize_with = "raw::by_urgency"))]
    pub urgency_heading: Vec<String>,
    /// The result's urgency badge ("Emergency"), per urgency in the order of [`Urgency::ALL`].
    #[cfg_attr(feature = "toml", serde(deserialize_with = "raw::by_urgency"))]
    pub urgency_label: Vec<String>,
}

/// `template` with each `{name}` replaced by its value; unknown names stay as written.
/// (A scan for `{` rather than `str::replace`, whose substring search costs the widget
/// about 2 KB: docs/performance.md.)
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 8);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (close, *v))
        }) {
            Some((close, value)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

impl Ui {
    /// "Result: Their life may be at risk".
    pub fn result_status(&self, title: &str) -> String {
        fill(&self.result_for, &[("title", title)])
    }

    /// "Your score: 12 of 27".
    pub fn score(&self, total: i32, max: i32) -> String {
        fill(
            &self.score,
            &[("total", &total.to_string()), ("max", &max.to_string())],
        )
    }

    /// "Moderate (10–14)".
    pub fn band(&self, label: &str, from: i32, to: i32) -> String {
        fill(
            &self.band,
            &[
                ("label", label),
                ("from", &from.to_string()),
                ("to", &to.to_string()),
            ],
        )
    }

    /// "2 points", or "1 point".
    pub fn points(&self, points: i32) -> String {
        let template = if points == 1 {
            &self.point
        } else {
            &self.points
        };
        fill(template, &[("points", &points.to_string())])
    }

    /// "Question 2 of about 9".
    pub fn progress(&self, n: usize, total: usize) -> String {
        fill(
            &self.progress,
            &[("n", &n.to_string()), ("total", &total.to_string())],
        )
    }

    /// "Text HOME to 741741".
    pub fn text_keyword(&self, keyword: &str, number: &str) -> String {
        fill(
            &self.text_keyword,
            &[("keyword", keyword), ("number", number)],
        )
    }

    /// The result's heading for urgency `u` ("Get help now"); empty if the words lack it.
    pub fn urgency_heading(&self, u: Urgency) -> &str {
        self.urgency_heading
            .get(u as usize)
            .map_or("", String::as_str)
    }

    /// The urgency badge for `u` ("Emergency"); empty if the words lack it.
    pub fn urgency_label(&self, u: Urgency) -> &str {
        self.urgency_label
            .get(u as usize)
            .map_or("", String::as_str)
    }
}

#[cfg(feature = "toml")]
mod raw {
    use std::collections::BTreeMap;

    use serde::{Deserialize, Deserializer};

    use crate::model::Urgency;

    /// `"ltr"` or `"rtl"`.
    pub fn dir<'de, D: Deserializer<'de>>(d: D) -> Result<super::Dir, D::Error> {
        match String::deserialize(d)?.as_str() {
            "ltr" => Ok(super::Dir::Ltr),
            "rtl" => Ok(super::Dir::Rtl),
            other => Err(serde::de::Error::custom(format!(
                "dir = \"{other}\": use \"ltr\" or \"rtl\""
            ))),
        }
    }

    /// A table with one text per urgency, as a list in the order of [`Urgency::ALL`].
    pub fn by_urgency<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
        let table = BTreeMap::<String, String>::deserialize(d)?;
        Urgency::ALL
            .iter()
            .map(|u| {
                table
                    .get(u.as_str())
                    .filter(|s| !s.trim().is_empty())
                    .cloned()
                    .ok_or_else(|| serde::de::Error::custom(format!("no `{}`", u.as_str())))
            })
            .collect()
    }

    /// Words the safety lint looks for in this language's flow texts (never shipped).
    #[derive(Deserialize, Default)]
    #[serde(deny_unknown_fields)]
    pub struct Lint {
        #[serde(default)]
        pub now: Vec<String>,
        #[serde(default)]
        pub crisis_line: Vec<String>,
        #[serde(default)]
        pub emergency_number: Vec<String>,
    }

    /// The file as a table: the widget's words, and the lint's words apart.
    pub fn split(src: &str) -> Result<(toml::Table, Lint), String> {
        let mut table: toml::Table = toml::from_str(src).map_err(|e| e.to_string())?;
        let lint = match table.remove("lint") {
            Some(v) => Lint::deserialize(v).map_err(|e| format!("[lint]: {e}"))?,
            None => Lint::default(),
        };
        Ok((table, lint))
    }
}

/// Reads one `data/ui/<lang>.toml`, checking that nothing is missing or empty.
#[cfg(feature = "toml")]
pub fn from_toml(src: &str) -> Result<Ui, String> {
    use serde::Deserialize;
    let (table, _) = raw::split(src)?;
    let ui = Ui::deserialize(table).map_err(|e| e.to_string())?;
    if ui.lang != crate::model::base_lang(&ui.lang)
        || ui.lang.is_empty()
        || !ui.lang.chars().all(|c| c.is_ascii_lowercase())
    {
        return Err(format!(
            "lang = \"{}\": use a lower-case ISO 639 code such as \"fr\"",
            ui.lang
        ));
    }
    for (key, value, needs) in [
        ("progress", &ui.progress, ["{n}", "{total}"]),
        ("text_keyword", &ui.text_keyword, ["{keyword}", "{number}"]),
        ("score", &ui.score, ["{total}", "{max}"]),
        ("result_for", &ui.result_for, ["{title}", "{title}"]),
        ("band", &ui.band, ["{label}", "{to}"]),
        ("points", &ui.points, ["{points}", "{points}"]),
        ("point", &ui.point, ["{points}", "{points}"]),
    ] {
        if let Some(missing) = needs.iter().find(|n| !value.contains(*n)) {
            return Err(format!("`{key}` must contain {missing}"));
        }
    }
    Ok(ui)
}

/// The words the lint looks for, in one language (lower case).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Vocab {
    /// The language these words are in.
    pub lang: String,
    /// Words that mean "right now" (an outcome saying them must not be headed "soon").
    pub now: Vec<String>,
    /// Words that name a crisis line.
    pub crisis_line: Vec<String>,
    /// Words that name the emergency number.
    pub emergency_number: Vec<String>,
}

/// The safety lint's words (`[lint]`) of one `data/ui/<lang>.toml`.
#[cfg(feature = "toml")]
pub fn lint_words(src: &str) -> Result<Vocab, String> {
    let (table, lint) = raw::split(src)?;
    let lang = table
        .get("lang")
        .and_then(|l| l.as_str())
        .unwrap_or_default()
        .to_string();
    let lower = |v: Vec<String>| v.into_iter().map(|w| w.to_lowercase()).collect();
    Ok(Vocab {
        lang,
        now: lower(lint.now),
        crisis_line: lower(lint.crisis_line),
        emergency_number: lower(lint.emergency_number),
    })
}
