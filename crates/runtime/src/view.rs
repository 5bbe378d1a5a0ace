//! The view model: everything a screen shows, as ready-to-render values. The widget turns
//! this into elements and sends [`crate::Event`]s back; it makes no decisions of its own.

use std::rc::Rc;

use crate::contacts::{Audience, Contact, ContactKind, Directory};
use crate::model::{ContactGroup, Kind, Urgency};
use crate::pack::Pack;
use crate::rich::Rich;
use crate::session::{Screen, Session};
use crate::ui::Ui;

/// Every setting a host page can give, by its attribute name: `<self-check flow="…">`,
/// `data-flow="…"` on an auto-mounted element, `embed.html?flow=…`. The loader,
/// `embed.js`, the studio's snippets and `docs/embedding.md` follow this list (the tidy
/// test checks them).
pub const SETTINGS: [&str; 7] = [
    "flow",
    "lang",
    "region",
    "practice-name",
    "practice-phone",
    "practice-url",
    "exit-url",
];

/// Settings the host page gives the widget.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    /// The `lang` setting: the language asked for, e.g. `fr-CA` (read as `fr`).
    pub lang: String,
    /// The `region` setting, e.g. `us` or `gb`; may be empty or unknown ([`region_problem`]).
    pub region: String,
    /// The `practice-name` setting: the practice named on every result; empty when unset.
    pub practice_name: String,
    /// The `practice-phone` setting as the practice writes it; becomes a `tel:` link.
    pub practice_phone: String,
    /// The `practice-url` setting; shown only when it is an `https:` URL.
    pub practice_url: String,
}

/// Where "Leave this page quickly" goes when the page sets no `exit-url`: a neutral site.
pub const DEFAULT_EXIT: &str = "https://www.bbc.com/weather";

/// The quick exit's target: the page's `exit-url` when it is an `https:` URL with a host
/// that a browser will navigate to, else [`DEFAULT_EXIT`]. `https://`, `https:///x`,
/// `https://%zz` or a stray `%` would make the navigation throw and leave the visitor on
/// the page, so they are refused here (the loader and the plugin apply the same rule).
pub fn exit_target(exit_url: &str) -> &str {
    let url = exit_url.trim();
    if exit_url_is_safe(url) {
        url
    } else {
        DEFAULT_EXIT
    }
}

/// `https://`, then a host of letters, digits, `-` and `.` (not starting with `.` or
/// `-`), an optional port, then nothing or a path, query or fragment of visible ASCII with
/// every `%` followed by two hex digits.
fn exit_url_is_safe(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://") else {
        return false;
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let (host, port) = authority.split_once(':').unwrap_or((authority, "0"));
    let host_ok = !host.is_empty()
        && !host.starts_with(['.', '-'])
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
    let port_ok = !port.is_empty() && port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit());
    let bytes = tail.as_bytes();
    let tail_ok = bytes.iter().enumerate().all(|(i, &b)| {
        b.is_ascii_graphic()
            && b != b'\\'
            && (b != b'%'
                || bytes
                    .get(i + 1..i + 3)
                    .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)))
    });
    host_ok && port_ok && tail_ok
}

/// Everything one screen of the widget shows, ready to render.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    /// The widget's own words in the pack's language.
    pub ui: Rc<Ui>,
    /// What the live region says: the progress on a question, the result's name on a
    /// result ("Result: Their life may be at risk"; the heading says how soon).
    pub status: String,
    /// The flow's title, at the top of every screen.
    pub title: String,
    /// The flow's introduction.
    pub intro: String,
    /// The flow's disclaimer, at the foot of a result.
    pub disclaimer: String,
    /// The short line of contacts shown on every screen; empty when the region is unknown,
    /// and then the strip says "call your local emergency number" ([`Ui::local_emergency`]).
    pub strip: Vec<Link>,
    /// The region's code, or "" when the page's region is unknown.
    pub region: String,
    /// The regions the visitor can switch to: code and name in the page's language.
    pub regions: Vec<(String, String)>,
    /// The languages the visitor can switch to: code and own name.
    pub languages: Vec<(String, String)>,
    /// Every contact of the region, for result screens.
    pub contacts: Vec<ContactView>,
    /// The practice's own contact, when the page names one; shown on results.
    pub practice: Option<PracticeView>,
    /// The question or the result on screen.
    pub body: Body,
    /// Changes whenever the screen changes: the shell moves focus then.
    pub turn: u32,
}

/// A link and the words it shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// The visible text, e.g. "call 988".
    pub label: String,
    /// The target: a `tel:`, `sms:` or `https:` URL.
    pub href: String,
}

/// One crisis contact as a result shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContactView {
    /// The service's name in the page's language.
    pub name: String,
    /// The number as displayed, e.g. "13 11 14".
    pub number: String,
    /// Whether it is the emergency number (911, 999, 112, …) rather than a crisis line.
    pub emergency: bool,
    /// Its call link, then its text link, where it has them.
    pub links: Vec<Link>,
    /// "Text HOME to 741741", shown as text.
    pub keyword: Option<String>,
    /// A note in the page's language, e.g. "Text only, 24/7."
    pub note: Option<String>,
}

/// The practice's own contact, from the page's settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PracticeView {
    /// Its name; empty when the page gives only a phone number.
    pub name: String,
    /// A `tel:` link, when the phone number has at least three digits.
    pub phone: Option<Link>,
    /// A link to its website, when the page gives an `https:` URL.
    pub url: Option<Link>,
}

/// The main part of a screen. (A result is larger than a question; one `Page` exists per
/// render and none is kept in a collection, so it is not boxed.)
#[derive(Clone, Debug, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub enum Body {
    /// A question screen.
    Question(QuestionView),
    /// A result screen.
    Result(ResultView),
}

/// A question screen: the question, its answers, and Back and Continue.
#[derive(Clone, Debug, PartialEq)]
pub struct QuestionView {
    /// The question's id; element ids and the form's identity are made from it.
    pub id: String,
    /// The question's text, the fieldset's legend.
    pub legend: String,
    /// Help under the question, if any.
    pub help: Option<Rich>,
    /// Checkboxes when true, radios otherwise.
    pub multiple: bool,
    /// The answers, in order.
    pub options: Vec<OptionView>,
    /// The error after Continue with nothing chosen ("Choose an answer to continue.").
    pub error: Option<String>,
    /// "Question 2 of about 9".
    pub progress: String,
    /// Whether Back is shown: false on the first question.
    pub can_go_back: bool,
}

/// One answer on a question screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionView {
    /// Index into the question's answers; what [`crate::Event::Choose`] carries.
    pub index: usize,
    /// The answer's id: the input's value and part of its element id.
    pub id: String,
    /// The answer's text.
    pub label: String,
    /// Whether it is checked in the choice not yet confirmed.
    pub checked: bool,
    /// Whether choosing it unchecks the others ("None of these").
    pub exclusive: bool,
}

/// A result screen.
#[derive(Clone, Debug, PartialEq)]
pub struct ResultView {
    /// The outcome's id (the `data-outcome` attribute).
    pub outcome: String,
    /// How soon to get help (the `data-urgency` attribute).
    pub urgency: Urgency,
    /// What to do, by urgency ("Get help now"); focus moves to it.
    pub heading: String,
    /// The urgency badge ("Emergency").
    pub urgency_label: String,
    /// The outcome's title.
    pub title: String,
    /// The outcome's summary.
    pub summary: Rich,
    /// On an emergency result, the one sentence between the heading and the contacts, in
    /// the widget's words ([`Ui::call_now`]): the call comes first, whatever the length of
    /// the summary, which follows the contacts. `None` on other results.
    pub lead: Option<String>,
    /// Contacts before the advice: true for an emergency or urgent outcome that has contacts.
    pub contacts_first: bool,
    /// The region picker inside the result: on an emergency or urgent result when the
    /// page's `region` names no region of the directory (empty, a typo). It stays once the
    /// visitor has picked one (their focus is on it), and that region's contacts show.
    pub ask_region: bool,
    /// Every region's emergency number ([`emergency_numbers`]), while such a result has no
    /// region: never an emergency or urgent result without a number to call.
    pub emergency_numbers: Vec<EmergencyNumber>,
    /// The advice blocks that apply, in file order.
    pub advice: Vec<AdviceView>,
    /// The visitor's answers on the path, in the order asked.
    pub answers: Vec<AnswerRow>,
    /// A validated questionnaire's score, shown below what to do, never instead of it.
    pub score: Option<ScoreView>,
}

/// One emergency number and the regions that use it, for a result whose region is unknown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmergencyNumber {
    /// The regions' names in the page's language: "United States, Canada".
    pub regions: String,
    /// Its call link, showing the number as the directory writes it: "911".
    pub link: Link,
}

/// A validated questionnaire's result: total, band and credit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScoreView {
    /// "Your score: 12 of 27"; on an outcome reached before every item was answered (our
    /// danger screen's), the line that says there is no score instead.
    pub total: String,
    /// "Moderate (10–14)"; `None` when the questionnaire was not completed.
    pub band: Option<String>,
    /// "PHQ-9".
    pub name: String,
    /// The credit line its authors ask for, in the page's language.
    pub attribution: String,
    /// The terms the wording may be used under.
    pub licence: String,
    /// A link to where the official wording is published.
    pub source: Link,
}

/// One advice block on a result.
#[derive(Clone, Debug, PartialEq)]
pub struct AdviceView {
    /// The block's id (the `data-advice` attribute).
    pub id: String,
    /// The block's heading.
    pub title: String,
    /// The advice itself.
    pub body: Rich,
}

/// One row of the visitor's answers on a result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnswerRow {
    /// The question's index in the flow; what "Change" sends ([`crate::Event::Change`]).
    pub question: usize,
    /// The question as asked.
    pub question_text: String,
    /// The chosen answers' texts, joined with "; ".
    pub answer_text: String,
    /// "2 points", for a scored questionnaire's items.
    pub points: Option<String>,
}

/// The group an outcome's `contacts` list names a contact by. Abuse and gambling
/// helplines are their own groups, whoever they are for.
fn group_of(c: &Contact) -> ContactGroup {
    match (c.audience, c.kind) {
        (_, ContactKind::Abuse) => ContactGroup::Abuse,
        (_, ContactKind::Gambling) => ContactGroup::Gambling,
        (Audience::Youth, _) => ContactGroup::Youth,
        (_, ContactKind::Emergency) => ContactGroup::Emergency,
        (_, ContactKind::Crisis) => ContactGroup::Crisis,
    }
}

fn contact_view(c: &Contact, ui: &Ui, li: usize) -> ContactView {
    let name = c.name.get(li).to_string();
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
            Some(ui.text_keyword(k, sms))
        }
        _ => None,
    };
    ContactView {
        name,
        number: c.number.clone(),
        emergency: c.kind == ContactKind::Emergency,
        links,
        keyword,
        note: c.note.as_ref().map(|n| n.get(li).to_string()),
    }
}

/// Builds the page for the session's current screen.
pub fn page(session: &Session, pack: &Pack, settings: &Settings) -> Page {
    let flow = session.flow();
    let ui = &*pack.ui;
    let directory = &*pack.directory;
    let lang = flow.lang(&ui.lang);
    let li = directory.lang(&ui.lang).unwrap_or(0);
    // The visitor's (or the page's later) pick wins over the page's first setting.
    let region_code = session.region().unwrap_or(&settings.region);
    let region = directory.region(region_code);
    // The contacts of the result screen: the groups its outcome lists, in that order
    // (by default the emergency number, then the crisis lines for everyone).
    let groups = match session.screen() {
        Screen::Result(o) => flow.outcomes[o].contacts.clone(),
        Screen::Question(_) => None,
    }
    .unwrap_or_else(|| vec![ContactGroup::Emergency, ContactGroup::Crisis]);
    let contacts: Vec<ContactView> = region
        .map(|r| {
            groups
                .iter()
                .flat_map(|&g| r.contacts.iter().filter(move |c| group_of(c) == g))
                .map(|c| contact_view(c, ui, li))
                .collect()
        })
        .unwrap_or_default();

    let strip = strip(directory, region_code, ui);

    let practice = (!settings.practice_name.trim().is_empty()
        || !settings.practice_phone.trim().is_empty())
    .then(|| PracticeView {
        name: settings.practice_name.trim().to_string(),
        phone: phone_link(&settings.practice_phone),
        url: url_link(&settings.practice_url),
    });

    let mut body = match session.screen() {
        Screen::Question(q) => Body::Question(question_view(session, ui, lang, q)),
        Screen::Result(o) => Body::Result(result_view(session, ui, lang, o, !contacts.is_empty())),
    };
    // Never an urgent or emergency result without a number (review M2): when the page's
    // region is unknown, the result has the region picker, and every region's emergency
    // number until the visitor picks one.
    if let Body::Result(r) = &mut body {
        if matches!(r.urgency, Urgency::Emergency | Urgency::Urgent)
            && directory.region(&settings.region).is_none()
        {
            r.ask_region = true;
            if region.is_none() {
                r.emergency_numbers = emergency_numbers(directory, ui);
            }
        }
    }

    let status = match &body {
        Body::Question(q) => q.progress.clone(),
        Body::Result(r) => ui.result_status(&r.title),
    };
    Page {
        status,
        ui: pack.ui.clone(),
        title: flow.title.get(lang).to_string(),
        intro: flow.intro.get(lang).to_string(),
        disclaimer: flow.disclaimer.get(lang).to_string(),
        strip,
        region: region.map(|r| r.code.clone()).unwrap_or_default(),
        regions: regions(directory, ui),
        languages: pack.languages.clone(),
        contacts,
        practice,
        body,
        turn: session.turn(),
    }
}

/// The question screen for question `q`, in language index `lang`.
fn question_view(session: &Session, ui: &Ui, lang: usize, q: usize) -> QuestionView {
    let flow = session.flow();
    let question = &flow.questions[q];
    let draft = session.draft();
    let path = session.path();
    let asked = path.iter().position(|&(p, _)| p == q).unwrap_or(path.len()) + 1;
    let multiple = question.kind == Kind::Multiple;
    QuestionView {
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
                &ui.choose_some
            } else {
                &ui.choose_one
            }
            .to_string()
        }),
        progress: ui.progress(asked, asked - 1 + flow.depth[q] as usize),
        can_go_back: asked > 1,
    }
}

/// The result screen for outcome `o`; `has_contacts` when the region has contacts for it.
fn result_view(
    session: &Session,
    ui: &Ui,
    lang: usize,
    o: usize,
    has_contacts: bool,
) -> ResultView {
    let flow = session.flow();
    let outcome = &flow.outcomes[o];
    ResultView {
        outcome: outcome.id.clone(),
        urgency: outcome.urgency,
        heading: ui.urgency_heading(outcome.urgency).to_string(),
        urgency_label: ui.urgency_label(outcome.urgency).to_string(),
        title: outcome.title.get(lang).to_string(),
        summary: outcome.summary.get(lang).clone(),
        // On an emergency result the call comes first: one sentence, then the contacts.
        lead: (outcome.urgency == Urgency::Emergency).then(|| ui.call_now.clone()),
        contacts_first: matches!(outcome.urgency, Urgency::Emergency | Urgency::Urgent)
            && has_contacts,
        ask_region: false,
        emergency_numbers: Vec::new(),
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
        answers: answer_rows(session, ui, lang),
        score: score_view(session, ui, lang),
    }
}

/// The visitor's answers on the result, with each scored item's points.
fn answer_rows(session: &Session, ui: &Ui, lang: usize) -> Vec<AnswerRow> {
    let flow = session.flow();
    session
        .path()
        .into_iter()
        .map(|(q, c)| {
            let question = &flow.questions[q];
            let scored = flow
                .instrument
                .as_ref()
                .is_some_and(|i| i.items.contains(&q));
            AnswerRow {
                question: q,
                question_text: question.text.get(lang).to_string(),
                answer_text: c
                    .iter()
                    .map(|a| question.answers[a].text.get(lang))
                    .collect::<Vec<_>>()
                    .join("; "),
                points: scored.then(|| {
                    ui.points(
                        c.iter()
                            .map(|a| question.answers[a].score)
                            .fold(0, i32::saturating_add),
                    )
                }),
            }
        })
        .collect()
}

/// A validated questionnaire's total, band and credit, when the flow is one.
fn score_view(session: &Session, ui: &Ui, lang: usize) -> Option<ScoreView> {
    let flow = session.flow();
    flow.instrument.as_ref().map(|i| {
        let answers = session.trail_answers();
        let total = i.total(flow, &answers);
        // Before every item is answered there is no score: a danger answer on the first
        // screen never shows "0 of 27, Minimal" under "Get help now" (review M9).
        let complete = i.complete(&answers);
        ScoreView {
            total: if complete {
                ui.score(total, i.max)
            } else {
                ui.no_score.clone()
            },
            band: i
                .band(total)
                .filter(|_| complete)
                .map(|b| ui.band(b.label.get(lang), b.from, b.to)),
            name: i.name.clone(),
            attribution: i.attribution.get(lang).to_string(),
            licence: i.licence.clone(),
            source: Link {
                label: i
                    .source
                    .trim_start_matches("https://")
                    .trim_end_matches('/')
                    .to_string(),
                href: i.source.clone(),
            },
        }
    })
}

impl Page {
    /// The result as plain text, for "Copy advice" and "Download as text": what to do, the
    /// contacts, the advice and the disclaimer. The visitor's answers are left out, so the
    /// text can be shared without them. `None` on a question screen.
    pub fn take_away(&self) -> Option<String> {
        let Body::Result(r) = &self.body else {
            return None;
        };
        // Sections, each separated from the next by one blank line.
        let mut out = format!("{}\n\n{}\n{}", r.heading, r.title, r.summary.plain());
        let section = |out: &mut String| {
            let end = out.trim_end().len();
            out.truncate(end);
            out.push_str("\n\n");
        };
        if !self.contacts.is_empty() {
            section(&mut out);
        }
        for c in &self.contacts {
            let links: Vec<&str> = c.links.iter().map(|l| l.label.as_str()).collect();
            out += &format!("- {}: {}", c.name, links.join(", "));
            if let Some(k) = &c.keyword {
                out += &format!(" ({k})");
            }
            out.push('\n');
        }
        if !r.emergency_numbers.is_empty() {
            section(&mut out);
            let numbers: Vec<String> = r
                .emergency_numbers
                .iter()
                .map(|n| format!("{}: {}", n.regions, n.link.label))
                .collect();
            out += &format!(
                "{} {}\n{}\n",
                self.ui.emergency_numbers,
                numbers.join(" · "),
                self.ui.emergency_112
            );
        }
        if let Some(s) = &r.score {
            section(&mut out);
            out += &format!("{}: {}\n", s.name, s.total);
            // No score (not completed): no band, and no rows or credit for items not asked.
            if let Some(band) = &s.band {
                out += &format!("{band}\n");
                for row in &r.answers {
                    if let Some(p) = &row.points {
                        out += &format!("- {}: {} ({p})\n", row.question_text, row.answer_text);
                    }
                }
                out += &s.attribution;
            }
        }
        for a in &r.advice {
            section(&mut out);
            out += &format!("{}\n{}", a.title, a.body.plain());
        }
        if let Some(p) = &self.practice {
            section(&mut out);
            let phone = p.phone.as_ref().map(|l| l.label.as_str());
            out += &format!(
                "{} {} {}",
                self.ui.practice_lead,
                p.name,
                phone.unwrap_or_default()
            );
        }
        section(&mut out);
        out += &self.disclaimer;
        out.push('\n');
        Some(out)
    }
}

/// The crisis strip for a region: its first emergency number, then its first crisis line
/// with a phone number (call, and text where anyone may text it). Never a youth, abuse or
/// gambling line: those show only on the outcomes that name their group.
pub fn strip(directory: &Directory, region: &str, ui: &Ui) -> Vec<Link> {
    let li = directory.lang(&ui.lang).unwrap_or(0);
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
        .find(|c| group_of(c) == ContactGroup::Crisis && c.tel.is_some())
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

/// Every region's emergency number, once each with the regions that use it, in the
/// directory's order ("United States, Canada: 911", "United Kingdom: 999", …): what an
/// emergency or urgent result shows while the region is unknown, and what the iframe
/// page shows without script ([`crate::markup::emergency_numbers`]).
pub fn emergency_numbers(directory: &Directory, ui: &Ui) -> Vec<EmergencyNumber> {
    let li = directory.lang(&ui.lang).unwrap_or(0);
    let mut out: Vec<EmergencyNumber> = Vec::new();
    for r in &directory.regions {
        let Some((c, tel)) = r
            .contacts
            .iter()
            .filter(|c| c.kind == ContactKind::Emergency)
            .find_map(|c| Some((c, c.tel.as_ref()?)))
        else {
            continue;
        };
        let href = format!("tel:{tel}");
        let name = r.name.get(li);
        match out.iter_mut().find(|n| n.link.href == href) {
            Some(n) => {
                n.regions.push_str(", ");
                n.regions.push_str(name);
            }
            None => out.push(EmergencyNumber {
                regions: name.to_string(),
                link: Link {
                    label: c.number.clone(),
                    href,
                },
            }),
        }
    }
    out
}

/// What is wrong with a page's `region` setting, for the console: `None` when the
/// directory knows it. The widget then shows "call your local emergency number" and the
/// region picker, never one other country's numbers; an emergency or urgent result shows
/// the picker and every region's emergency number ([`emergency_numbers`]).
pub fn region_problem(directory: &Directory, region: &str) -> Option<String> {
    if directory.region(region).is_some() {
        return None;
    }
    let what = if region.trim().is_empty() {
        "the page sets no region".to_string()
    } else {
        format!(
            "region=\"{}\" is not a region this widget knows",
            region.trim()
        )
    };
    Some(format!(
        "{what}: the crisis strip says \"call your local emergency number\" until the visitor picks a region, and an emergency or urgent result lists every region's emergency number; set one of: {}",
        directory.codes()
    ))
}

/// The regions a visitor can switch to: code and name in the UI language.
pub fn regions(directory: &Directory, ui: &Ui) -> Vec<(String, String)> {
    let li = directory.lang(&ui.lang).unwrap_or(0);
    directory
        .regions
        .iter()
        .map(|r| (r.code.clone(), r.name.get(li).to_string()))
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
