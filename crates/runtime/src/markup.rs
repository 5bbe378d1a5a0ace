//! The screens as element trees: [`page`] turns a [`Page`] into the [`Node`]s the widget
//! puts in the document, with the [`On`] each control sends. The widget has one generic
//! function that turns any node into a DOM element; the markup, its class names, ids and
//! ARIA wiring live here, tested natively ([`Node::html`] prints a tree for tests and
//! tools).
//!
//! Why data and not `html!`: each element written with Yew's macro compiles to its own
//! construction code (~500 B of wasm per element); a tree built here costs a few calls per
//! element, and the one renderer is shared by all of them (docs/performance.md).

use crate::rich::{Block, Inline, Rich};
use crate::session::Event;
use crate::ui::Ui;
use crate::view::{
    Body, ContactView, EmergencyNumber, Link, Page, PracticeView, QuestionView, ResultView,
    ScoreView,
};

/// One node of a screen.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// Text, escaped when printed as HTML.
    Text(String),
    /// An element.
    El(Box<El>),
}

/// An element: tag, attributes in order, children, and what it does when used.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct El {
    /// The tag name, e.g. `fieldset`.
    pub tag: &'static str,
    /// The attributes as `(name, value)`, in the order they were added.
    pub attrs: Vec<(&'static str, String)>,
    /// The child nodes, in order.
    pub children: Vec<Node>,
    /// What the element sends when used; `None` for an inert element.
    pub on: Option<On>,
    /// A radio's or checkbox's checked state (a live property, not the attribute).
    pub checked: Option<bool>,
    /// The element that takes focus when the screen changes (the legend or the result's
    /// heading).
    pub focus: bool,
    /// The element that must show with the focused one when the screen changes (an
    /// emergency's first number to call): the shell scrolls the focused heading to the top
    /// of the viewport when this is out of view.
    pub reveal: bool,
    /// Identity across renders: a new question is a new form, so nothing of the last
    /// one's state (checked boxes, focus) carries over.
    pub key: Option<String>,
}

/// What a control sends when the visitor uses it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum On {
    /// A button's click: the event for the session (or an effect: print, copy, leave).
    Click(Event),
    /// The question's form is submitted (Continue); the page never navigates.
    Submit,
    /// A radio or checkbox changed: choose or unchoose answer `n` as the box now says.
    Check(usize),
    /// The region picker changed to the selected value.
    Region,
    /// The language picker changed to the selected value.
    Lang,
}

impl El {
    /// An element with `class` (none when empty).
    #[inline(never)]
    pub fn new(tag: &'static str, class: &str) -> Box<El> {
        let mut el = Box::new(El {
            tag,
            ..El::default()
        });
        if !class.is_empty() {
            el.attrs.push(("class", class.to_string()));
        }
        el
    }

    /// Adds an attribute.
    #[inline(never)]
    pub fn attr(mut self: Box<Self>, name: &'static str, value: &str) -> Box<El> {
        self.attrs.push((name, value.to_string()));
        self
    }

    /// The attribute when there is a value, none otherwise.
    pub fn attr_if(self: Box<Self>, name: &'static str, value: Option<&str>) -> Box<El> {
        match value {
            Some(v) => self.attr(name, v),
            None => self,
        }
    }

    /// Adds a child node.
    #[inline(never)]
    pub fn child(mut self: Box<Self>, node: Node) -> Box<El> {
        self.children.push(node);
        self
    }

    /// A child element.
    pub fn push(self: Box<Self>, el: Box<El>) -> Box<El> {
        self.child(el.into())
    }

    /// A text child.
    pub fn text(self: Box<Self>, text: &str) -> Box<El> {
        self.child(Node::Text(text.to_string()))
    }

    /// Adds child nodes, in order.
    #[inline(never)]
    pub fn children(mut self: Box<Self>, nodes: impl IntoIterator<Item = Node>) -> Box<El> {
        self.children.extend(nodes);
        self
    }

    /// Sets what the element sends when the visitor uses it.
    pub fn on(mut self: Box<Self>, on: On) -> Box<El> {
        self.on = Some(on);
        self
    }
}

impl From<Box<El>> for Node {
    fn from(el: Box<El>) -> Node {
        Node::El(el)
    }
}

/// A paragraph of one text.
fn para(class: &str, text: &str) -> Box<El> {
    El::new("p", class).text(text)
}

fn button(class: &str, label: &str, event: Event) -> Box<El> {
    El::new("button", class)
        .attr("type", "button")
        .on(On::Click(event))
        .text(label)
}

fn link(class: &str, l: &Link) -> Box<El> {
    El::new("a", class).attr("href", &l.href).text(&l.label)
}

/// A link out of the widget: the visited page learns nothing of where the visitor was.
fn outside_link(l: &Link) -> Box<El> {
    link("", l).attr("rel", "noopener noreferrer")
}

/// The whole widget for one screen. `uid` tells several widgets on a page apart in ids.
pub fn page(page: &Page, uid: u32) -> Node {
    let ui = &page.ui;
    let uid = format!("sc{uid}");
    let body = match &page.body {
        Body::Question(q) => question(q, page, &uid),
        Body::Result(r) => result(r, page, &uid),
    };
    let mut footer = El::new("footer", "sc-footer")
        .attr("part", "footer")
        .push(para("", &ui.privacy));
    if let Some(p) = page.practice.as_ref().filter(|p| !p.name.is_empty()) {
        footer = footer.push(para("", &p.name));
    }
    // The class names beside `sc` are those session-replay tools (FullStory, PostHog,
    // rrweb-based tools) honour to leave the widget out of recordings; the data attributes
    // do the same for LogRocket, Hotjar, Microsoft Clarity and Sentry.
    El::new("div", "sc fs-exclude ph-no-capture rr-block")
        .attr("lang", &ui.lang)
        .attr("dir", ui.dir.as_str())
        .attr("data-private", "")
        .attr("data-hj-suppress", "")
        .attr("data-clarity-mask", "true")
        .attr("data-sentry-mask", "")
        .push(strip(page, &uid))
        .push(
            El::new("div", "sc-leave")
                .attr("part", "leave")
                .push(button("sc-button sc-button-leave", &ui.leave, Event::Leave))
                .push(El::new("span", "sc-hint").text(&ui.leave_hint)),
        )
        .push(para("sc-title", &page.title))
        .push(
            para("sc-status", &page.status)
                .attr("role", "status")
                .attr("aria-live", "polite"),
        )
        .push(body)
        .push(footer)
        .into()
}

/// The crisis strip: the region's emergency number and crisis line, on every screen, with
/// the region and language pickers.
fn strip(page: &Page, uid: &str) -> Box<El> {
    let ui = &page.ui;
    let mut pickers = El::new("p", "sc-region").push(picker(
        format!("{uid}-region"),
        &ui.region,
        &page.region,
        &page.regions,
        On::Region,
    ));
    if page.languages.len() > 1 {
        pickers = pickers.push(picker(
            format!("{uid}-lang"),
            &ui.language,
            &ui.lang,
            &page.languages,
            On::Lang,
        ));
    }
    El::new("aside", "sc-crisis")
        .attr("part", "crisis")
        .attr("aria-label", &ui.danger_lead)
        .push(crisis_line(ui, &page.strip))
        .push(pickers)
}

/// The line of crisis contacts: "If someone is in danger now:" and the region's strip
/// ([`crate::view::strip`]), or "call your local emergency number" when the region is
/// unknown. The one rendering of the contacts: it heads every screen, replaces a crashed
/// widget ([`fallback`]) and is the static markup of the release's snippets.
pub fn crisis_line(ui: &Ui, links: &[Link]) -> Box<El> {
    let mut line = El::new("p", "sc-crisis-line")
        .push(El::new("strong", "").text(&ui.danger_lead))
        .text(" ");
    if links.is_empty() {
        line = line.text(&ui.local_emergency);
    }
    for (i, l) in links.iter().enumerate() {
        if i > 0 {
            line = line.push(El::new("span", "").attr("aria-hidden", "true").text(" · "));
        }
        line = line.push(link("sc-crisis-link", l));
    }
    line
}

/// What replaces a widget that crashed: an apology and the crisis line, as an alert.
pub fn fallback(ui: &Ui, links: &[Link]) -> Node {
    El::new("div", "sc-fallback")
        .attr("role", "alert")
        .push(para("", &ui.crashed))
        .push(crisis_line(ui, links))
        .into()
}

/// A labelled native select. Language options carry their own `lang`, so each name is read
/// in its language.
fn picker(id: String, label: &str, current: &str, options: &[(String, String)], on: On) -> Box<El> {
    let mut select = El::new("select", "")
        .attr("id", &id)
        .attr("autocomplete", "off")
        .on(on);
    if current.is_empty() {
        select = select.push(
            El::new("option", "")
                .attr("value", "")
                .attr("selected", "selected")
                .text("—"),
        );
    }
    for (code, name) in options {
        let mut option = El::new("option", "").attr("value", code);
        if on == On::Lang {
            option = option.attr("lang", code);
        }
        if code == current {
            option = option.attr("selected", "selected");
        }
        select = select.push(option.text(name));
    }
    El::new("span", "sc-picker")
        .push(El::new("label", "").attr("for", &id).text(label))
        .text(" ")
        .push(select)
}

/// One question: a fieldset whose legend is the question, native radios or checkboxes,
/// Back and Continue. Nothing advances until the visitor presses Continue. The form's
/// method is "dialog": outside a dialog, submitting it goes nowhere, so even a form the
/// script has not taken over yet (pre-rendered markup) can never send the answers; and
/// autocomplete is off, so a browser never restores a previous visit's answers into it.
fn question(v: &QuestionView, page: &Page, uid: &str) -> Box<El> {
    let ui = &page.ui;
    let base = format!("{uid}-{}", v.id);
    let help_id = format!("{base}-help");
    let hint_id = format!("{base}-hint");
    let error_id = format!("{base}-error");
    let described: Vec<&str> = [
        v.help.is_some().then_some(help_id.as_str()),
        v.multiple.then_some(hint_id.as_str()),
        v.error.is_some().then_some(error_id.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect();
    let kind = if v.multiple { "checkbox" } else { "radio" };

    let mut legend = El::new("legend", "sc-legend")
        .attr("tabindex", "-1")
        .push(El::new("span", "sc-legend-text").text(&v.legend));
    legend.focus = true;
    let mut fieldset = El::new("fieldset", "sc-fieldset")
        .attr_if("data-invalid", v.error.as_ref().map(|_| "true"))
        .attr("data-question", &v.id)
        .attr_if(
            "aria-describedby",
            Some(described.join(" "))
                .as_deref()
                .filter(|d| !d.is_empty()),
        )
        .push(legend);
    if let Some(help) = &v.help {
        fieldset = fieldset.push(
            El::new("div", "sc-help")
                .attr("id", &help_id)
                .children(rich(help)),
        );
    }
    if v.multiple {
        fieldset = fieldset.push(para("sc-hint", &ui.select_all).attr("id", &hint_id));
    }
    if let Some(error) = &v.error {
        fieldset = fieldset.push(
            El::new("p", "sc-error")
                .attr("id", &error_id)
                .attr("role", "alert")
                .push(
                    El::new("span", "sc-visually-hidden")
                        .text(&ui.error_prefix)
                        .text(" "),
                )
                .text(error),
        );
    }
    let options = v.options.iter().map(|o| {
        let id = format!("{base}-{}", o.id);
        let mut input = El::new("input", "sc-input")
            .attr("type", kind)
            .attr("id", &id)
            .attr("name", &base)
            .attr("value", &o.id)
            .on(On::Check(o.index));
        input.checked = Some(o.checked);
        El::new("div", "sc-option")
            .attr_if("data-exclusive", o.exclusive.then_some("true"))
            .push(input)
            .push(El::new("label", "sc-label").attr("for", &id).text(&o.label))
            .into()
    });
    fieldset = fieldset.push(El::new("div", "sc-options").children(options));

    let mut actions = El::new("div", "sc-actions").push(
        El::new("button", "sc-button sc-button-primary")
            .attr("type", "submit")
            .text(&ui.continue_),
    );
    if v.can_go_back {
        actions = actions.push(button(
            "sc-button sc-button-secondary",
            &ui.back,
            Event::Back,
        ));
    }
    let mut form = El::new("form", "sc-question")
        .attr("part", "question")
        .attr("method", "dialog")
        .attr("autocomplete", "off")
        .attr("novalidate", "novalidate")
        .on(On::Submit)
        .push(para("sc-progress", &v.progress).attr("aria-hidden", "true"))
        .push(fieldset)
        .push(actions);
    form.key = Some(v.id.clone());
    form
}

/// The result's contacts under the heading `heading`, shown to screen readers only when
/// `heading_class` is `sc-visually-hidden` (an emergency's contacts, right under "Get help
/// now" and one sentence).
fn contacts(list: &[ContactView], heading: &str, heading_class: &str, id: &str) -> Box<El> {
    let items = list.iter().map(|c| {
        let mut item = El::new("li", "sc-contact")
            .attr_if("data-emergency", c.emergency.then_some("true"))
            .push(El::new("span", "sc-contact-name").text(&c.name))
            .push(
                El::new("span", "sc-contact-links").children(
                    c.links
                        .iter()
                        .map(|l| link("sc-button sc-button-contact", l).into()),
                ),
            );
        if let Some(k) = &c.keyword {
            item = item.push(El::new("span", "sc-contact-keyword").text(k));
        }
        if let Some(n) = &c.note {
            item = item.push(El::new("span", "sc-contact-note").text(n));
        }
        item.into()
    });
    El::new("section", "sc-contacts")
        .attr("aria-labelledby", id)
        .push(El::new("h3", heading_class).attr("id", id).text(heading))
        .push(El::new("ul", "sc-contact-list").children(items))
}

/// Every region's emergency number ([`crate::view::emergency_numbers`]) and where 112
/// works: what an emergency or urgent result shows while the region is unknown, and what
/// the iframe page shows without script. Links to call, as in [`crisis_line`].
pub fn emergency_numbers(ui: &Ui, numbers: &[EmergencyNumber]) -> Box<El> {
    let mut line = El::new("p", "sc-emergency-numbers")
        .push(El::new("strong", "").text(&ui.emergency_numbers))
        .text(" ");
    for (i, n) in numbers.iter().enumerate() {
        if i > 0 {
            line = line.push(El::new("span", "").attr("aria-hidden", "true").text(" · "));
        }
        line = line
            .text(&n.regions)
            .text(": ")
            .push(link("sc-crisis-link", &n.link));
    }
    El::new("div", "sc-emergency")
        .push(line)
        .push(para("sc-emergency-note", &ui.emergency_112))
}

/// On an emergency or urgent result of a page whose region is unknown: every region's
/// emergency number until the visitor picks a region, then that region's contacts for
/// this result; and the region picker (the strip's, with its own id). The picker keeps its
/// place (the block's second child) when the first changes, so the focus stays on it as
/// the visitor picks.
fn result_region(v: &ResultView, page: &Page, uid: &str, contacts: Option<Box<El>>) -> Box<El> {
    let ui = &page.ui;
    let first = match contacts {
        _ if !v.emergency_numbers.is_empty() => emergency_numbers(ui, &v.emergency_numbers),
        Some(contacts) => contacts,
        // An outcome that lists no contacts (`contacts = []`): the strip has the region's.
        None => El::new("div", ""),
    };
    El::new("div", "sc-result-region")
        .push(first)
        .push(El::new("p", "sc-region").push(picker(
            format!("{uid}-result-region"),
            &ui.region_prompt,
            &page.region,
            &page.regions,
            On::Region,
        )))
}

/// The result: what to do (by urgency), the contacts first when it is urgent, a
/// questionnaire's score, the advice chosen for this visitor, their answers with "Change",
/// and "Start again". On an emergency the call comes first: the heading, one sentence
/// ([`ResultView::lead`]), the contacts (with no known region, every region's emergency
/// number and the region picker), and only then the badge, the title and the summary.
fn result(v: &ResultView, page: &Page, uid: &str) -> Box<El> {
    let ui = &page.ui;
    let contacts_id = format!("{uid}-contacts");
    let mut heading = El::new("h2", "sc-result-heading")
        .attr("tabindex", "-1")
        .text(&v.heading);
    heading.focus = true;
    let mut section = El::new("section", "sc-result")
        .attr("part", "result")
        .attr("data-outcome", &v.outcome)
        .attr("data-urgency", v.urgency.as_str())
        .attr_if(
            "data-scored",
            v.score.as_ref().and_then(|s| s.band.as_ref()).map(|_| ""),
        )
        .push(heading);
    // The contacts shown before the advice; on an emergency, right under one sentence,
    // whose words head them on screen (the heading is for screen readers).
    let call_first = v.lead.is_some();
    let first_contacts = v.contacts_first.then(|| {
        let class = if call_first { "sc-visually-hidden" } else { "" };
        contacts(&page.contacts, &ui.contacts_heading, class, &contacts_id)
    });
    let (mut before, mut after) = match call_first {
        true => (first_contacts, None),
        false => (None, first_contacts),
    };
    if v.ask_region {
        let block = result_region(v, page, uid, before.take().or(after.take()));
        before = Some(block);
    }
    if let Some(lead) = &v.lead {
        section = section.push(para("sc-lead", lead));
    }
    if call_first {
        if let Some(mut el) = before.take() {
            reveal_first_call(&mut el);
            section = section.push(el);
        }
    }
    section = section
        .push(para("sc-badge", &v.urgency_label))
        .push(El::new("h3", "sc-outcome-title").text(&v.title));
    if let Some(el) = before {
        section = section.push(el);
    }
    section = section.push(El::new("div", "sc-summary").children(rich(&v.summary)));
    if let Some(el) = after {
        section = section.push(el);
    }
    // A questionnaire's score: below what to do (and the contacts, when urgent), never
    // instead of it.
    if let Some(score) = &v.score {
        section = section.push(score_box(score, uid));
    }
    section = section.push(
        El::new("div", "sc-advice-list").children(v.advice.iter().map(|a| {
            El::new("article", "sc-advice")
                .attr("data-advice", &a.id)
                .push(El::new("h3", "").text(&a.title))
                .children(rich(&a.body))
                .into()
        })),
    );
    // An outcome that lists no contacts (a housing crisis) shows none here; the crisis
    // strip stays on every screen.
    if !v.contacts_first && !page.contacts.is_empty() {
        section = section.push(contacts(
            &page.contacts,
            &ui.contacts_heading,
            "",
            &contacts_id,
        ));
    }
    if let Some(p) = &page.practice {
        section = section.push(practice_line(p, &ui.practice_lead));
    }
    section
        .push(answers(v, page, uid))
        .push(result_actions(page))
        .push(para("sc-disclaimer", &page.disclaimer))
}

/// Marks the first `tel:` link in `el` as the one to keep in view with the heading.
fn reveal_first_call(el: &mut El) -> bool {
    if el.tag == "a"
        && el
            .attrs
            .iter()
            .any(|(n, v)| *n == "href" && v.starts_with("tel:"))
    {
        el.reveal = true;
        return true;
    }
    el.children.iter_mut().any(|c| match c {
        Node::El(e) => reveal_first_call(e),
        Node::Text(_) => false,
    })
}

/// A questionnaire's score: total, band, and the instrument's credit and licence; or, when
/// it was not completed, only the line saying there is no score.
fn score_box(score: &ScoreView, uid: &str) -> Box<El> {
    let id = format!("{uid}-score");
    let section = El::new("section", "sc-score")
        .attr("aria-labelledby", &id)
        .push(El::new("h3", "").attr("id", &id).text(&score.total));
    let Some(band) = &score.band else {
        return section;
    };
    section.push(para("sc-band", band)).push(
        para("sc-attribution", &score.name)
            .text(". ")
            .text(&score.attribution)
            .text(" ")
            .text(&score.licence)
            .text(" ")
            .push(outside_link(&score.source)),
    )
}

/// "You can also contact …" with the practice's name, phone and website.
fn practice_line(p: &PracticeView, lead: &str) -> Box<El> {
    let mut line = para("sc-practice", lead).text(" ");
    if !p.name.is_empty() {
        line = line.push(El::new("strong", "").text(&p.name)).text(" ");
    }
    if let Some(l) = &p.phone {
        line = line.push(link("", l)).text(" ");
    }
    if let Some(l) = &p.url {
        line = line.push(outside_link(l));
    }
    line
}

/// The visitor's answers, each with its points (a questionnaire) and "Change".
fn answers(v: &ResultView, page: &Page, uid: &str) -> Box<El> {
    let ui = &page.ui;
    let id = format!("{uid}-answers");
    let rows = v.answers.iter().map(|row| {
        let mut answer = El::new("dd", "").text(&row.answer_text);
        if let Some(p) = &row.points {
            answer = answer.push(El::new("span", "sc-points").text(" — ").text(p));
        }
        let change = button("sc-link-button", &ui.change, Event::Change(row.question)).push(
            El::new("span", "sc-visually-hidden")
                .text(" ")
                .text(&row.question_text),
        );
        El::new("div", "sc-answer-row")
            .push(El::new("dt", "").text(&row.question_text))
            .push(answer)
            .push(El::new("dd", "").push(change))
            .into()
    });
    El::new("section", "sc-answers")
        .attr("aria-labelledby", &id)
        .push(El::new("h3", "").attr("id", &id).text(&ui.your_answers))
        .push(El::new("dl", "sc-answer-list").children(rows))
}

/// Print, Copy and Download (effects the widget carries out), and Start again.
fn result_actions(page: &Page) -> Box<El> {
    let ui = &page.ui;
    let secondary = "sc-button sc-button-secondary";
    El::new("div", "sc-actions")
        .push(button(secondary, &ui.print, Event::Print))
        .push(button(secondary, &ui.copy, Event::Copy))
        .push(button(secondary, &ui.download, Event::Download))
        .push(button(
            "sc-button sc-button-primary",
            &ui.start_again,
            Event::Restart,
        ))
}

/// Rich text from the flow, element by element: there is no raw HTML path.
pub fn rich(text: &Rich) -> Vec<Node> {
    text.0
        .iter()
        .map(|b| match b {
            Block::Para(parts) => El::new("p", "").children(inlines(parts)).into(),
            Block::List(items) => El::new("ul", "")
                .children(
                    items
                        .iter()
                        .map(|i| El::new("li", "").children(inlines(i)).into()),
                )
                .into(),
        })
        .collect()
}

fn inlines(parts: &[Inline]) -> Vec<Node> {
    parts
        .iter()
        .map(|p| match p {
            Inline::Text(t) => Node::Text(t.clone()),
            Inline::Em(t) => El::new("em", "").text(t).into(),
            Inline::Strong(t) => El::new("strong", "").text(t).into(),
            Inline::Link { label, href } => outside_link(&Link {
                label: label.clone(),
                href: href.clone(),
            })
            .into(),
        })
        .collect()
}

/// The first screen of `pack`, as JSON the loader shows on a page that has no pre-rendered
/// screen while the wasm loads (the build writes it beside each pack):
/// `{"page": tree, "crisis": {region: tree, …}}`. `page` is the first question for a page
/// that sets no region, with `0` in place of its crisis strip; `crisis` holds the strip for
/// no region (`""`) and for each region's code. A page whose region is not a key (an
/// alias, a typo) waits for the widget, which reads it as the engine does.
pub fn first_screens(pack: &crate::Pack) -> String {
    let page_for = |region: &str| {
        let settings = crate::view::Settings {
            lang: pack.lang().to_string(),
            region: region.to_string(),
            ..Default::default()
        };
        let session = crate::Session::new(pack.flow.clone());
        page(&crate::view::page(&session, pack, &settings), 0)
    };
    let strip_of = |node: Node| match node {
        Node::El(mut root) => Some(root.children.remove(0)),
        Node::Text(_) => None,
    };
    let mut out = String::from("{\"page\":");
    let whole = page_for("");
    let mut rest = whole.json();
    if let Some(strip) = strip_of(whole) {
        rest = rest.replacen(&strip.json(), "0", 1);
    }
    out.push_str(&rest);
    // The note a first screen shows should the widget still not run after a while (the
    // stylesheet times it), as a pre-rendered page's `.sc-unavailable` does.
    out.push_str(",\"late\":");
    out.push_str(
        &Node::from(
            El::new("p", "sc-unavailable")
                .attr("role", "note")
                .text(&pack.ui.broken_title),
        )
        .json(),
    );
    out.push_str(",\"crisis\":{");
    let codes = std::iter::once("").chain(pack.directory.regions.iter().map(|r| r.code.as_str()));
    for (i, code) in codes.enumerate() {
        if i > 0 {
            out.push(',');
        }
        json_string(&mut out, code);
        out.push(':');
        out.push_str(&strip_of(page_for(code)).map_or("null".into(), |s| s.json()));
    }
    out.push_str("}}");
    out
}

impl Node {
    /// The tree as HTML, escaped (for tests and tools; the widget builds DOM nodes).
    pub fn html(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Node::Text(t) => escape(t, out),
            Node::El(e) => {
                out.push('<');
                out.push_str(e.tag);
                for (name, value) in &e.attrs {
                    out.push(' ');
                    out.push_str(name);
                    out.push_str("=\"");
                    escape(value, out);
                    out.push('"');
                }
                if e.checked == Some(true) {
                    out.push_str(" checked");
                }
                out.push('>');
                if e.tag != "input" {
                    for c in &e.children {
                        c.write(out);
                    }
                    out.push_str("</");
                    out.push_str(e.tag);
                    out.push('>');
                }
            }
        }
    }

    /// The tree as JSON, for the loader to build before the wasm has arrived: a text is a
    /// string, an element is `[tag, {attributes}, child, …]`, a checked box carries the
    /// `checked` attribute. What the controls send is left out: the live widget wires them
    /// when it takes the screen over.
    pub fn json(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out);
        out
    }

    fn write_json(&self, out: &mut String) {
        match self {
            Node::Text(t) => json_string(out, t),
            Node::El(e) => {
                out.push('[');
                json_string(out, e.tag);
                out.push_str(",{");
                let checked = (e.checked == Some(true)).then_some(("checked", String::new()));
                for (i, (name, value)) in e.attrs.iter().chain(&checked).enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    json_string(out, name);
                    out.push(':');
                    json_string(out, value);
                }
                out.push('}');
                for c in &e.children {
                    out.push(',');
                    c.write_json(out);
                }
                out.push(']');
            }
        }
    }

    /// Every element of the tree, depth first (for tests).
    pub fn elements(&self) -> Vec<&El> {
        let mut out = Vec::new();
        let mut stack = vec![self];
        while let Some(n) = stack.pop() {
            if let Node::El(e) = n {
                out.push(&**e);
                stack.extend(e.children.iter().rev());
            }
        }
        out
    }
}

fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

/// Writes `s` as a JSON string, quotes included. `<` is escaped, so the JSON can sit
/// inside a `<script>` element safely.
pub fn json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' => out.push_str("\\u003c"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}
