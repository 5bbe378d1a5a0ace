//! The view model: everything a screen shows, as ready-to-render values. The widget turns
//! this into elements and sends [`crate::Event`]s back; it makes no decisions of its own.

use crate::contacts::{lang_index, Contact, ContactKind, Directory};
use crate::model::{Kind, Urgency};
use crate::rich::Rich;
use crate::session::{Screen, Session};
use crate::ui::{self, Ui};

/// Settings the host page gives the widget.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    pub lang: String,
    pub region: String,
    pub practice_name: String,
    pub practice_phone: String,
    pub practice_url: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    pub ui: &'static Ui,
    pub title: String,
    pub intro: String,
    pub disclaimer: String,
    /// The short line of contacts shown on every screen.
    pub strip: Vec<Link>,
    pub region: String,
    pub regions: Vec<(String, String)>,
    /// The languages the visitor can switch to: code and own name.
    pub languages: Vec<(String, String)>,
    /// Every contact of the region, for result screens.
    pub contacts: Vec<ContactView>,
    pub practice: Option<PracticeView>,
    pub body: Body,
    /// Changes whenever the screen changes: the shell moves focus then.
    pub turn: u32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub label: String,
    pub href: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContactView {
    pub name: String,
    pub number: String,
    pub emergency: bool,
    pub links: Vec<Link>,
    /// "Text HOME to 741741", shown as text.
    pub keyword: Option<String>,
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PracticeView {
    pub name: String,
    pub phone: Option<Link>,
    pub url: Option<Link>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    Question(QuestionView),
    Result(ResultView),
}

#[derive(Clone, Debug, PartialEq)]
pub struct QuestionView {
    pub id: String,
    pub legend: String,
    pub help: Option<Rich>,
    pub multiple: bool,
    pub options: Vec<OptionView>,
    pub error: Option<String>,
    pub progress: String,
    pub can_go_back: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionView {
    pub index: usize,
    pub id: String,
    pub label: String,
    pub checked: bool,
    pub exclusive: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ResultView {
    pub outcome: String,
    pub urgency: Urgency,
    pub heading: String,
    pub urgency_label: String,
    pub title: String,
    pub summary: Rich,
    pub contacts_first: bool,
    pub advice: Vec<AdviceView>,
    pub answers: Vec<AnswerRow>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AdviceView {
    pub id: String,
    pub title: String,
    pub body: Rich,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnswerRow {
    pub question: usize,
    pub question_text: String,
    pub answer_text: String,
}

fn contact_view(c: &Contact, ui: &Ui, li: usize) -> ContactView {
    let mut links = Vec::new();
    if let Some(tel) = &c.tel {
        links.push(Link {
            label: format!("{} {}", ui.call, c.number),
            href: format!("tel:{tel}"),
        });
    }
    if let (Some(sms), None) = (&c.sms, &c.sms_keyword) {
        links.push(Link {
            label: format!("{} {sms}", ui.text),
            href: format!("sms:{sms}"),
        });
    }
    let keyword = match (&c.sms, &c.sms_keyword) {
        (Some(sms), Some(k)) => {
            links.push(Link {
                label: format!("{} {sms}", ui.text),
                href: format!("sms:{sms}"),
            });
            Some(if ui.lang == "es" {
                format!("Escribe {k} al {sms}")
            } else {
                format!("Text {k} to {sms}")
            })
        }
        _ => None,
    };
    ContactView {
        name: c.name[li].clone(),
        number: c.number.clone(),
        emergency: c.kind == ContactKind::Emergency,
        links,
        keyword,
        note: c.note.as_ref().map(|n| n[li].clone()),
    }
}

/// Builds the page for the session's current screen.
pub fn page(session: &Session, directory: &Directory, settings: &Settings) -> Page {
    let flow = session.flow();
    let ui = ui::for_lang(&settings.lang);
    let lang = flow.lang(ui.lang);
    let li = lang_index(ui.lang);
    let region = directory.region(&settings.region);
    let contacts: Vec<ContactView> = region
        .map(|r| r.contacts.iter().map(|c| contact_view(c, ui, li)).collect())
        .unwrap_or_default();

    let strip = strip(directory, &settings.region, ui);

    let practice = (!settings.practice_name.trim().is_empty()
        || !settings.practice_phone.trim().is_empty())
    .then(|| PracticeView {
        name: settings.practice_name.trim().to_string(),
        phone: phone_link(&settings.practice_phone),
        url: url_link(&settings.practice_url),
    });

    let body = match session.screen() {
        Screen::Question(q) => {
            let question = &flow.questions[q];
            let draft = session.draft();
            let path = session.path();
            let asked = path.iter().position(|&(p, _)| p == q).unwrap_or(path.len()) + 1;
            let multiple = question.kind == Kind::Multiple;
            Body::Question(QuestionView {
                id: question.id.clone(),
                legend: question.text.get(lang).to_string(),
                help: question.help.as_ref().map(|h| h.get(lang).clone()),
                multiple,
                options: question
                    .answers
                    .iter()
                    .enumerate()
                    .map(|(i, a)| OptionView {
                        index: i,
                        id: a.id.clone(),
                        label: a.text.get(lang).to_string(),
                        checked: draft.has(i),
                        exclusive: a.exclusive,
                    })
                    .collect(),
                error: session.has_error().then(|| {
                    if multiple {
                        ui.choose_some
                    } else {
                        ui.choose_one
                    }
                    .to_string()
                }),
                progress: (ui.progress)(asked, asked - 1 + flow.depth[q] as usize),
                can_go_back: asked > 1,
            })
        }
        Screen::Result(o) => {
            let outcome = &flow.outcomes[o];
            Body::Result(ResultView {
                outcome: outcome.id.clone(),
                urgency: outcome.urgency,
                heading: (ui.urgency_heading)(outcome.urgency).to_string(),
                urgency_label: (ui.urgency_label)(outcome.urgency).to_string(),
                title: outcome.title.get(lang).to_string(),
                summary: outcome.summary.get(lang).clone(),
                contacts_first: matches!(outcome.urgency, Urgency::Emergency | Urgency::Urgent),
                advice: session
                    .advice(o)
                    .into_iter()
                    .map(|a| &flow.advice[a])
                    .map(|a| AdviceView {
                        id: a.id.clone(),
                        title: a.title.get(lang).to_string(),
                        body: a.body.get(lang).clone(),
                    })
                    .collect(),
                answers: session
                    .path()
                    .into_iter()
                    .map(|(q, c)| {
                        let question = &flow.questions[q];
                        AnswerRow {
                            question: q,
                            question_text: question.text.get(lang).to_string(),
                            answer_text: c
                                .iter()
                                .map(|a| question.answers[a].text.get(lang))
                                .collect::<Vec<_>>()
                                .join("; "),
                        }
                    })
                    .collect(),
            })
        }
    };

    Page {
        ui,
        title: flow.title.get(lang).to_string(),
        intro: flow.intro.get(lang).to_string(),
        disclaimer: flow.disclaimer.get(lang).to_string(),
        strip,
        region: region.map(|r| r.code.clone()).unwrap_or_default(),
        regions: regions(directory, ui),
        languages: ui::ALL
            .iter()
            .filter(|u| flow.languages.iter().any(|l| l == u.lang))
            .map(|u| (u.lang.to_string(), u.name.to_string()))
            .collect(),
        contacts,
        practice,
        body,
        turn: session.turn(),
    }
}

impl Page {
    /// The result as plain text, for "Copy advice" and "Download as text": what to do, the
    /// contacts, the advice and the disclaimer. The visitor's answers are left out, so the
    /// text can be shared without them. `None` on a question screen.
    pub fn take_away(&self) -> Option<String> {
        let Body::Result(r) = &self.body else {
            return None;
        };
        let mut out = format!("{}\n\n{}\n{}\n", r.heading, r.title, r.summary.plain());
        for c in &self.contacts {
            let links: Vec<&str> = c.links.iter().map(|l| l.label.as_str()).collect();
            out += &format!(
                "- {}: {}{}\n",
                c.name,
                links.join(", "),
                c.keyword
                    .as_ref()
                    .map(|k| format!(" ({k})"))
                    .unwrap_or_default()
            );
        }
        for a in &r.advice {
            out += &format!("\n{}\n{}", a.title, a.body.plain());
        }
        if let Some(p) = &self.practice {
            let phone = p
                .phone
                .as_ref()
                .map(|l| l.label.as_str())
                .unwrap_or_default();
            out += &format!("\n{} {} {}\n", self.ui.practice_lead, p.name, phone);
        }
        out += &format!("\n{}\n", self.disclaimer);
        Some(out)
    }
}

/// The crisis strip for a region: its first emergency number, then its first crisis line
/// with a phone number (call, and text where anyone may text it).
pub fn strip(directory: &Directory, region: &str, ui: &Ui) -> Vec<Link> {
    let li = lang_index(ui.lang);
    let mut strip = Vec::new();
    let Some(r) = directory.region(region) else {
        return strip;
    };
    if let Some(e) = r.contacts.iter().find(|c| c.kind == ContactKind::Emergency) {
        strip.extend(contact_view(e, ui, li).links.into_iter().take(1));
    }
    if let Some(c) = r
        .contacts
        .iter()
        .find(|c| c.kind == ContactKind::Crisis && c.tel.is_some())
    {
        let v = contact_view(c, ui, li);
        strip.extend(
            v.links
                .into_iter()
                .filter(|l| l.href.starts_with("tel:") || c.sms_keyword.is_none()),
        );
    }
    strip
}

/// The regions a visitor can switch to: code and name in the UI language.
pub fn regions(directory: &Directory, ui: &Ui) -> Vec<(String, String)> {
    let li = lang_index(ui.lang);
    directory
        .regions
        .iter()
        .map(|r| (r.code.clone(), r.name[li].clone()))
        .collect()
}

/// A `tel:` link from a phone number as a practice writes it, or nothing if it has no digits.
fn phone_link(phone: &str) -> Option<Link> {
    let digits: String = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    (digits.chars().filter(char::is_ascii_digit).count() >= 3).then(|| Link {
        label: phone.trim().to_string(),
        href: format!("tel:{digits}"),
    })
}

/// Only `https:` links are shown; anything else (including `javascript:`) is dropped.
fn url_link(url: &str) -> Option<Link> {
    let url = url.trim();
    (url.len() > 8
        && url.to_ascii_lowercase().starts_with("https://")
        && !url.contains(char::is_whitespace))
    .then(|| Link {
        label: url
            .trim_start_matches("https://")
            .trim_end_matches('/')
            .to_string(),
        href: url.to_string(),
    })
}
