//! What the component adds to the page, patched by key: the verdict panel, the sentence the live
//! region announces, the field messages beside their controls and the error summary. User text
//! reaches the page only through `textContent`.

use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

use super::controls::{all, Controls};
use super::keyed::{Keyed, Patch, Wanted};
use super::reveal::field_of;
use super::words::{self, announcement, verdict_line, VerdictLine, Words, VERDICTS};
use crate::codes::Severity;
use crate::messages::Locale;
use crate::report::Diagnostic;
use crate::Report;

pub fn element(doc: &Document, tag: &str, class: &str, text: Option<&str>) -> Option<Element> {
    let node = doc.create_element(tag).ok()?;
    if !class.is_empty() {
        node.set_class_name(class);
    }
    if let Some(text) = text {
        node.set_text_content(Some(text));
    }
    Some(node)
}

/// The verdicts as last shown, one line each, shared by the panel and the boxes beside amounts.
#[derive(Default)]
pub struct Lines {
    lines: Vec<(&'static str, VerdictLine)>,
}

/// A verdict whose line was made again: its name and the line it replaces.
pub type Previous = (&'static str, Option<VerdictLine>);

impl Lines {
    /// Makes the lines of `names` again from `report`; returns the lines they replace.
    pub fn update(&mut self, report: &Report, names: &[&'static str]) -> Vec<Previous> {
        let mut previous = Vec::with_capacity(names.len());
        for &name in names {
            let at = self.lines.iter().position(|(n, _)| *n == name);
            let old = at.map(|at| self.lines.swap_remove(at).1);
            if let Some(line) = verdict_line(name, report) {
                self.lines.push((name, line));
            }
            previous.push((name, old));
        }
        previous
    }

    pub fn get(&self, name: &str) -> Option<&VerdictLine> {
        self.lines.iter().find(|(n, _)| *n == name).map(|(_, l)| l)
    }

    /// The sentences to announce: one for each verdict whose value changed.
    pub fn announcements(&self, previous: &[Previous], report: &Report) -> Vec<String> {
        VERDICTS
            .into_iter()
            .filter_map(|verdict| {
                let (name, _, _) = verdict;
                let (_, before) = previous.iter().find(|(n, _)| *n == name)?;
                let heading = words::heading(report, verdict);
                announcement(heading, before.as_ref(), self.get(name), report.locale)
            })
            .collect()
    }
}

/// How to bring an entry whose line changed only in its distances up to date in place.
fn nearest_patch<'a>(before: Option<&VerdictLine>, after: &'a VerdictLine) -> Option<Patch<'a>> {
    let before = before
        .filter(|b| b.same_but_nearest(after))?
        .nearest
        .clone();
    Some(Box::new(move |entry: &Element| {
        patch_nearest(entry, &before, &after.nearest)
    }))
}

/// The verdict panel: one entry per verdict, the documents required at the stage, the time
/// limits and the notices, each a keyed list.
pub struct Panel {
    region: Element,
    title: Element,
    verdicts: Keyed,
    /// What each verdict's entry shows, by verdict (eight at most, as `Lines` holds them).
    contents: Vec<(&'static str, String)>,
    documents: Part,
    windows: Part,
    notices: Part,
}

/// A heading and its list, hidden while the list is empty.
struct Part {
    wrapper: Element,
    heading: Element,
    list: Keyed,
}

impl Part {
    fn new(doc: &Document, parent: &Element, class: &str) -> Option<Part> {
        let wrapper = element(doc, "div", "gov-verdicts-part", None)?;
        let heading = element(doc, "h3", "", None)?;
        let list = element(doc, "ul", class, None)?;
        wrapper.append_with_node_2(&heading, &list).ok()?;
        wrapper.set_attribute("hidden", "").ok()?;
        parent.append_with_node_1(&wrapper).ok()?;
        Some(Part {
            wrapper,
            heading,
            list: Keyed::new(list),
        })
    }

    fn sync(&mut self, heading: &str, wanted: Vec<Wanted>) {
        self.list.sync(wanted);
        if self.heading.text_content().as_deref() != Some(heading) {
            self.heading.set_text_content(Some(heading));
        }
        let hide = self.list.is_empty();
        if hide != self.wrapper.has_attribute("hidden") {
            let _ = if hide {
                self.wrapper.set_attribute("hidden", "")
            } else {
                self.wrapper.remove_attribute("hidden")
            };
        }
    }
}

impl Panel {
    /// A panel in `region`, which it fills.
    pub fn new(doc: &Document, region: Element) -> Option<Panel> {
        region.class_list().add_1("gov-verdicts").ok()?;
        let body = element(doc, "div", "gov-verdicts-body", None)?;
        let title = element(doc, "h2", "gov-verdicts-title", None)?;
        let list = element(doc, "dl", "gov-outcomes", None)?;
        body.append_with_node_2(&title, &list).ok()?;
        region.replace_children_with_node_1(&body);
        Some(Panel {
            region,
            title,
            verdicts: Keyed::new(list),
            contents: Vec::new(),
            documents: Part::new(doc, &body, "gov-documents")?,
            windows: Part::new(doc, &body, "gov-windows")?,
            notices: Part::new(doc, &body, "gov-notices")?,
        })
    }

    pub fn region(&self) -> &Element {
        &self.region
    }

    /// Shows the verdicts of `lines`. `previous` holds those made again, with the lines they
    /// replace, and `lists` says whether the lists may have changed; the rest is left as it is.
    /// `label` names a missing field as the form labels it.
    #[allow(clippy::too_many_arguments)]
    pub fn show(
        &mut self,
        doc: &Document,
        report: &Report,
        lines: &Lines,
        previous: &[Previous],
        lists: bool,
        citations: bool,
        label: &dyn Fn(&str) -> String,
    ) {
        let locale = report.locale;
        let w = words::words(locale);
        if self.title.text_content().as_deref() != Some(w.verdicts) {
            self.title.set_text_content(Some(w.verdicts));
        }
        if let Some(body) = self.title.parent_element() {
            set_if_changed(&body, "lang", w.lang);
        }
        let mut wanted = Vec::new();
        for verdict in VERDICTS {
            let (name, _, _) = verdict;
            let heading = words::heading(report, verdict);
            let Some((_, before)) = previous.iter().find(|(n, _)| *n == name) else {
                if let Some((_, content)) = self.contents.iter().find(|(n, _)| *n == name) {
                    wanted.push(Wanted {
                        key: name.to_string(),
                        patch: None,
                        content: content.clone(),
                        make: Box::new(|| None),
                    });
                }
                continue;
            };
            let Some(line) = lines.get(name) else {
                self.contents.retain(|(n, _)| *n != name);
                continue;
            };
            let missing: Vec<String> = line.missing.iter().map(|m| label(m)).collect();
            let content = [heading, &line.signature(), &missing.join("\u{1f}")].join("\u{1e}");
            match self.contents.iter_mut().find(|(n, _)| *n == name) {
                Some((_, slot)) => *slot = content.clone(),
                None => self.contents.push((name, content.clone())),
            }
            wanted.push(Wanted {
                key: name.to_string(),
                patch: nearest_patch(before.as_ref(), line),
                content,
                make: Box::new(move || {
                    verdict_entry(doc, name, heading, line, &missing, citations, w)
                }),
            });
        }
        self.verdicts.sync(wanted);
        if !lists {
            return;
        }

        let documents = &report.outcomes.required_documents;
        self.documents.sync(
            w.documents,
            documents
                .iter()
                .map(|d| {
                    let status = words::document_status(d.status, locale);
                    let pending: Vec<String> = d.depends_on.iter().map(|p| label(p)).collect();
                    let waits = (!pending.is_empty())
                        .then(|| format!("（{}{}{}）", w.pending, w.colon, pending.join(w.comma)));
                    Wanted {
                        key: d.rule.to_string(),
                        patch: None,
                        content: format!(
                            "{}\u{1f}{}\u{1f}{}\u{1f}{}",
                            d.status,
                            d.name,
                            status,
                            waits.as_deref().unwrap_or("")
                        ),
                        make: Box::new(move || {
                            let li =
                                element(doc, "li", &format!("gov-doc gov-doc-{}", d.status), None)?;
                            li.set_attribute("data-document", &d.document).ok()?;
                            li.set_attribute("data-status", d.status).ok()?;
                            let tag = element(
                                doc,
                                "span",
                                "gov-doc-status",
                                Some(&format!("{status}{}", w.colon)),
                            )?;
                            li.append_with_node_1(&tag).ok()?;
                            li.append_with_str_1(&d.name).ok()?;
                            if let Some(waits) = waits {
                                li.append_with_node_1(
                                    element(doc, "span", "gov-pending", Some(&waits))?.as_ref(),
                                )
                                .ok()?;
                            }
                            Some(li)
                        }),
                    }
                })
                .collect(),
        );
        self.windows.sync(
            w.windows,
            report
                .outcomes
                .windows
                .iter()
                .filter(|win| win.status != "pending")
                .map(|win| {
                    let text = words::window_line(
                        &win.description,
                        win.status,
                        win.earliest,
                        win.latest,
                        locale,
                    );
                    Wanted {
                        key: win.rule.to_string(),
                        patch: None,
                        content: text.clone(),
                        make: Box::new(move || element(doc, "li", "", Some(&text))),
                    }
                })
                .collect(),
        );
        self.notices.sync(
            w.notices,
            report
                .notices
                .iter()
                .map(|n| Wanted {
                    key: identity(n),
                    patch: None,
                    content: n.message.to_string(),
                    make: Box::new(move || {
                        let li = element(doc, "li", "", Some(&n.message))?;
                        li.set_attribute("data-code", n.code.id()).ok()?;
                        Some(li)
                    }),
                })
                .collect(),
        );
    }
}

fn verdict_entry(
    doc: &Document,
    name: &str,
    heading: &str,
    line: &VerdictLine,
    missing: &[String],
    citations: bool,
    w: &Words,
) -> Option<Element> {
    let group = element(doc, "div", "gov-outcome", None)?;
    group.set_attribute("data-outcome", name).ok()?;
    let dt = element(doc, "dt", "", Some(heading))?;
    dt.set_attribute("data-outcome", name).ok()?;
    let dd = element(doc, "dd", "", None)?;
    dd.set_attribute("data-outcome", name).ok()?;
    dd.set_attribute("data-status", line.status).ok()?;
    if line.status == "determined" {
        dd.set_attribute("data-value", &line.key).ok()?;
        dd.append_with_node_1(element(doc, "strong", "gov-verdict", Some(&line.verdict))?.as_ref())
            .ok()?;
        for (why, cite) in &line.because {
            dd.append_with_node_1(element(doc, "p", "gov-because", Some(why))?.as_ref())
                .ok()?;
            if citations && !cite.is_empty() {
                dd.append_with_node_1(element(doc, "p", "gov-cite", Some(cite))?.as_ref())
                    .ok()?;
            }
        }
        for (direction, message) in &line.nearest {
            let near = element(doc, "p", "gov-nearest", Some(message))?;
            near.set_attribute("data-direction", direction).ok()?;
            dd.append_with_node_1(near.as_ref()).ok()?;
        }
    } else {
        let text = format!("{}{}{}", w.pending, w.colon, missing.join(w.comma));
        dd.append_with_node_1(element(doc, "span", "gov-pending", Some(&text))?.as_ref())
            .ok()?;
    }
    group.append_with_node_2(&dt, &dd).ok()?;
    Some(group)
}

/// Beside each amount that verdicts turn on (预计总投资): those verdicts and how far the amount is
/// from changing them, kept in step as the amount is typed, where the applicant is looking.
#[derive(Default)]
pub struct Beside {
    boxes: Vec<(&'static str, Keyed)>,
}

impl Beside {
    pub fn show(
        &mut self,
        doc: &Document,
        controls: &Controls,
        report: &Report,
        lines: &Lines,
        previous: &[Previous],
    ) {
        let locale = report.locale;
        let w = words::words(locale);
        let mut fields: Vec<&'static str> = Vec::new();
        for n in &report.nearest {
            if !fields.contains(&n.field) {
                fields.push(n.field);
            }
        }
        for (field, mut keyed) in std::mem::take(&mut self.boxes) {
            if fields.contains(&field) {
                self.boxes.push((field, keyed));
            } else {
                keyed.clear();
                keyed.parent().remove();
            }
        }
        for field in fields {
            let at = match self.boxes.iter().position(|(f, _)| *f == field) {
                Some(at) => at,
                None => {
                    let Some(control) = controls.controls_for(field).into_iter().next() else {
                        continue;
                    };
                    let Some(list) = element(doc, "ul", "gov-beside", None) else {
                        continue;
                    };
                    let _ = list.set_attribute("data-gov-for", field);
                    let _ = control.after_with_node_1(&list);
                    self.boxes.push((field, Keyed::new(list)));
                    self.boxes.len() - 1
                }
            };
            let Some((_, keyed)) = self.boxes.get_mut(at) else {
                continue;
            };
            set_if_changed(keyed.parent(), "lang", w.lang);
            let mut wanted = Vec::new();
            for verdict in VERDICTS {
                let (name, _, _) = verdict;
                if !report
                    .nearest
                    .iter()
                    .any(|n| n.field == field && n.outcome == name)
                {
                    continue;
                }
                let Some(line) = lines.get(name) else {
                    continue;
                };
                let before = previous
                    .iter()
                    .find(|(n, _)| *n == name)
                    .and_then(|(_, b)| b.as_ref());
                let heading = words::heading(report, verdict);
                let verdict = format!("{heading}{}{}", w.colon, line.said());
                wanted.push(Wanted {
                    key: name.to_string(),
                    patch: nearest_patch(before, line),
                    content: format!("{verdict}\u{1e}{}", line.signature()),
                    make: Box::new(move || {
                        let li = element(doc, "li", "", None)?;
                        li.set_attribute("data-outcome", name).ok()?;
                        li.append_with_node_1(element(doc, "strong", "", Some(&verdict))?.as_ref())
                            .ok()?;
                        for (direction, message) in &line.nearest {
                            let near = element(doc, "span", "gov-nearest", Some(message))?;
                            near.set_attribute("data-direction", direction).ok()?;
                            li.append_with_node_1(near.as_ref()).ok()?;
                        }
                        Some(li)
                    }),
                });
            }
            keyed.sync(wanted);
        }
    }

    /// Whether `element` is one of the notes this component shows.
    pub fn owns(&self, element: &Element) -> bool {
        self.boxes
            .iter()
            .any(|(_, keyed)| keyed.parent() == element)
    }

    pub fn clear(&mut self) {
        for (_, mut keyed) in self.boxes.drain(..) {
            keyed.clear();
            keyed.parent().remove();
        }
    }
}

/// Brings an entry's distances to the thresholds up to date in place: the same thresholds in the
/// same directions, only the messages changed. `false` when the entry must be made afresh.
fn patch_nearest(
    entry: &Element,
    before: &[(&'static str, String)],
    after: &[(&'static str, String)],
) -> bool {
    let same_lines =
        before.len() == after.len() && before.iter().zip(after).all(|((a, _), (b, _))| a == b);
    let Some(shown) = same_lines
        .then(|| entry.query_selector_all(".gov-nearest").ok())
        .flatten()
        .filter(|shown| shown.length() as usize == after.len())
    else {
        return false;
    };
    for (at, ((_, old), (_, new))) in before.iter().zip(after).enumerate() {
        if old != new {
            if let Some(node) = shown.item(at as u32) {
                node.set_text_content(Some(new));
            }
        }
    }
    true
}

/// Two diagnostics are the same message when their code, path, rule and parameters are.
pub fn identity(d: &Diagnostic) -> String {
    let mut key = format!(
        "{}\u{1f}{}\u{1f}{}",
        d.code,
        d.path,
        d.rule.as_deref().unwrap_or("")
    );
    for (name, value) in &d.params {
        key.push('\u{1f}');
        key.push_str(name);
        key.push('=');
        key.push_str(value);
    }
    key
}

/// An error or warning to show, with the control it belongs to and its [`identity`].
pub struct Placed<'r> {
    pub diagnostic: &'r Diagnostic,
    pub control: Element,
    pub key: String,
}

/// An error the summary lists, with its control, if it has one, and its [`identity`].
pub struct Listed<'r> {
    pub diagnostic: &'r Diagnostic,
    pub control: Option<Element>,
    pub key: String,
}

/// The field messages: for each place on the page (after a control, after a group's legend, or a
/// portal's `data-gov-error-for` slot), a container of its messages, made when the first message
/// arrives and removed with the last.
#[derive(Default)]
pub struct Messages {
    /// The attachment's own start of every id it gives (`gov-3`), unique on the page.
    prefix: String,
    places: Vec<(Element, Keyed)>,
    /// The controls described by a message.
    described: Vec<Element>,
    /// The number of the last message made, for its id.
    made: std::cell::Cell<u32>,
}

impl Messages {
    pub fn new(prefix: &str) -> Messages {
        Messages {
            prefix: prefix.to_string(),
            ..Messages::default()
        }
    }

    /// Shows exactly `placed`, which is in form order.
    pub fn show(
        &mut self,
        doc: &Document,
        controls: &Controls,
        placed: &[Placed],
        locale: Locale,
        citations: bool,
    ) {
        let w = words::words(locale);
        let mut by_place: Vec<(Element, Vec<&Placed>)> = Vec::new();
        for p in placed {
            let Some(place) = place_for(controls, p) else {
                continue;
            };
            match by_place.iter_mut().find(|(e, _)| *e == place) {
                Some((_, list)) => list.push(p),
                None => by_place.push((place, vec![p])),
            }
        }
        // Places no longer needed lose their messages and their container.
        let mut kept = Vec::new();
        for (place, mut keyed) in std::mem::take(&mut self.places) {
            if by_place.iter().any(|(p, _)| *p == place) {
                // A framework that renders the portal's slot afresh drops the container with
                // it: put back, messages and all.
                if !keyed.parent().is_connected() {
                    let _ = insert_at(&place, keyed.parent());
                }
                kept.push((place, keyed));
            } else {
                keyed.clear();
                keyed.parent().remove();
            }
        }
        self.places = kept;
        let mut messages: Vec<(Element, String)> = Vec::new();
        for (place, list) in by_place {
            let at = match self.places.iter().position(|(p, _)| *p == place) {
                Some(at) => at,
                None => {
                    let Some(container) = element(doc, "div", "gov-field-errors", None) else {
                        continue;
                    };
                    let _ = insert_at(&place, &container);
                    self.places.push((place.clone(), Keyed::new(container)));
                    self.places.len() - 1
                }
            };
            let Some((_, keyed)) = self.places.get_mut(at) else {
                continue;
            };
            let (made, prefix) = (&self.made, &self.prefix);
            let wanted: Vec<Wanted> = list
                .iter()
                .map(|p| {
                    let d = p.diagnostic;
                    Wanted {
                        key: p.key.clone(),
                        patch: None,
                        content: format!("{}\u{1f}{}", d.message, d.severity == Severity::Error),
                        make: Box::new(move || {
                            made.set(made.get() + 1);
                            let id = format!("{prefix}-msg-{}", made.get());
                            message(doc, d, &id, w, locale, citations)
                        }),
                    }
                })
                .collect();
            keyed.sync(wanted);
            for p in &list {
                if let Some((_, shown)) = keyed.elements().find(|(key, _)| *key == p.key) {
                    messages.push((p.control.clone(), format!("{}-text", shown.id())));
                }
            }
        }
        self.describe(placed, &messages);
    }

    /// Points each control's `aria-describedby` at its messages' text (not their citations) and
    /// sets `aria-invalid` where one is an error; restores the others.
    fn describe(&mut self, placed: &[Placed], messages: &[(Element, String)]) {
        let mut now: Vec<Element> = Vec::new();
        for p in placed {
            if !now.contains(&p.control) {
                now.push(p.control.clone());
            }
        }
        for control in &self.described {
            if !now.contains(control) {
                self.restore(control);
            }
        }
        for control in &now {
            let mut all = self.own_descriptions(control);
            all.extend(
                messages
                    .iter()
                    .filter(|(c, _)| c == control)
                    .map(|(_, id)| id.clone()),
            );
            set_if_changed(control, "aria-describedby", &all.join(" "));
            let invalid = placed
                .iter()
                .any(|p| p.control == *control && p.diagnostic.severity == Severity::Error);
            if invalid {
                set_if_changed(control, "aria-invalid", "true");
            } else {
                let _ = control.remove_attribute("aria-invalid");
            }
        }
        self.described = now;
    }

    /// The ids a control's `aria-describedby` holds less those of this component's messages: the
    /// page's own descriptions as they are now (its framework may have changed them since).
    fn own_descriptions(&self, control: &Element) -> Vec<String> {
        let ours = format!("{}-msg-", self.prefix);
        control
            .get_attribute("aria-describedby")
            .unwrap_or_default()
            .split_ascii_whitespace()
            .filter(|id| !id.starts_with(&ours))
            .map(str::to_string)
            .collect()
    }

    /// Gives a control back its own descriptions, and no `aria-invalid`.
    fn restore(&self, control: &Element) {
        let own = self.own_descriptions(control);
        let _ = if own.is_empty() {
            control.remove_attribute("aria-describedby")
        } else {
            control.set_attribute("aria-describedby", &own.join(" "))
        };
        let _ = control.remove_attribute("aria-invalid");
    }

    /// Takes away what the page copied of these messages, as a row cloned with them does
    /// (`$('tr:last').clone()`): containers this component did not make, and the ids of its
    /// messages on controls it does not describe.
    pub fn disown_copies(&self, form: &Element) {
        for container in all(form, ".gov-field-errors") {
            if !self.places.iter().any(|(_, k)| *k.parent() == container) {
                container.remove();
            }
        }
        let copied = format!("[aria-describedby*=\"{}-msg-\"]", self.prefix);
        for control in all(form, &copied) {
            if !self.described.contains(&control) {
                self.restore(&control);
            }
        }
    }

    /// Whether the message with this identity is shown.
    pub fn shows(&self, key: &str) -> bool {
        self.places
            .iter()
            .any(|(_, keyed)| keyed.elements().any(|(k, _)| k == key))
    }

    /// Removes every message and restores the controls.
    pub fn clear(&mut self) {
        for (_, mut keyed) in self.places.drain(..) {
            keyed.clear();
            keyed.parent().remove();
        }
        for control in std::mem::take(&mut self.described) {
            self.restore(&control);
        }
    }
}

fn set_if_changed(element: &Element, name: &str, value: &str) {
    if element.get_attribute(name).as_deref() != Some(value) {
        let _ = element.set_attribute(name, value);
    }
}

/// Where a message goes: the portal's slot for the field; after a check box's or radio button's
/// label; after the legend of a group's fieldset; otherwise right after the control.
fn place_for(controls: &Controls, p: &Placed) -> Option<Element> {
    let field = field_of(&p.diagnostic.path);
    if let Some(slot) = controls.slot_for(field) {
        return Some(slot);
    }
    let kind = p
        .control
        .dyn_ref::<web_sys::HtmlInputElement>()
        .map(|i| i.type_());
    if matches!(kind.as_deref(), Some("checkbox" | "radio")) {
        // A document's own box, or a lone box that answers a yes/no field, is not a group.
        let lone = kind.as_deref() == Some("checkbox")
            && crate::model::Field::by_path(field)
                .is_some_and(|f| f.spec().kind == crate::model::Kind::Bool);
        let own_box = lone || p.diagnostic.params.contains_key("documentKey");
        if !own_box {
            if let Some(legend) = p
                .control
                .closest("fieldset:not([data-gov-table])")
                .ok()
                .flatten()
                .and_then(|f| f.query_selector(":scope > legend").ok().flatten())
            {
                return Some(legend);
            }
        }
        if let Some(label) = p.control.closest("label").ok().flatten() {
            return Some(label);
        }
    }
    Some(p.control.clone())
}

/// Puts `container` after `place`, or inside it when `place` is a portal's slot.
fn insert_at(place: &Element, container: &Element) -> Result<(), wasm_bindgen::JsValue> {
    if place.has_attribute("data-gov-error-for") {
        place.append_with_node_1(container)
    } else {
        place.after_with_node_1(container)
    }
}

fn message(
    doc: &Document,
    d: &Diagnostic,
    id: &str,
    w: &Words,
    locale: Locale,
    citations: bool,
) -> Option<Element> {
    // Every message is a `gov-error`; a warning is also a `gov-warning`.
    let class = if d.severity == Severity::Error {
        "gov-error"
    } else {
        "gov-error gov-warning"
    };
    let node = element(doc, "div", class, None)?;
    node.set_id(id);
    node.set_attribute("lang", w.lang).ok()?;
    node.set_attribute("data-code", d.code.id()).ok()?;
    node.set_attribute("data-path", &d.path).ok()?;
    let said = element(doc, "p", "gov-error-message", None)?;
    said.set_id(&format!("{id}-text"));
    let prefix = if d.severity == Severity::Error {
        w.error_prefix
    } else {
        w.warning_prefix
    };
    said.append_with_node_2(
        element(doc, "span", "gov-visually-hidden", Some(prefix))?.as_ref(),
        element(doc, "span", "gov-error-text", Some(&d.message))?.as_ref(),
    )
    .ok()?;
    node.append_with_node_1(&said).ok()?;
    // The disclosure is named 「依据」; what it opens to is the list alone.
    let cite = words::cited(&d.citations, locale);
    if citations && !cite.is_empty() {
        // On demand: a screen reader reads the message alone, and the basis when asked for.
        let details = element(doc, "details", "gov-cite", None)?;
        details
            .append_with_node_2(
                element(doc, "summary", "", Some(w.basis))?.as_ref(),
                element(doc, "span", "", Some(&cite))?.as_ref(),
            )
            .ok()?;
        node.append_with_node_1(&details).ok()?;
    }
    Some(node)
}

/// The error summary at the top of the form: each error once, in form order, linking to its own
/// control.
pub struct Summary {
    region: Element,
    title: Element,
    list: Keyed,
    /// Controls that had no id, given one for their link; detach() takes it back.
    given_ids: Vec<Element>,
    /// The attachment's own start of every id it gives, unique on the page.
    prefix: String,
}

impl Summary {
    pub fn new(doc: &Document, region: Element, prefix: &str) -> Option<Summary> {
        region.class_list().add_1("gov-summary").ok()?;
        region.set_attribute("tabindex", "-1").ok()?;
        region.set_attribute("hidden", "").ok()?;
        let title = element(doc, "h2", "gov-summary-title", None)?;
        let id = format!("{prefix}-summary-title");
        title.set_id(&id);
        region.set_attribute("aria-labelledby", &id).ok()?;
        // Named by its title, as a region of the page a screen reader can list and jump to; a
        // portal's own element keeps the role it has.
        if !region.has_attribute("role") {
            region.set_attribute("role", "region").ok()?;
        }
        let list = element(doc, "ul", "gov-summary-list", None)?;
        region.replace_children_with_node_2(&title, &list);
        Some(Summary {
            region,
            title,
            list: Keyed::new(list),
            given_ids: Vec::new(),
            prefix: prefix.to_string(),
        })
    }

    pub fn region(&self) -> &Element {
        &self.region
    }

    /// Whether the error with this identity is listed.
    pub fn lists(&self, key: &str) -> bool {
        self.list.elements().any(|(k, _)| k == key)
    }

    /// Shows `errors` (in form order); hides the summary when there are none. Returns whether it
    /// is shown.
    pub fn show(&mut self, doc: &Document, errors: &[Listed], w: &Words) -> bool {
        if self.title.text_content().as_deref() != Some(w.summary_title) {
            self.title.set_text_content(Some(w.summary_title));
        }
        set_if_changed(&self.title, "lang", w.lang);
        set_if_changed(self.list.parent(), "lang", w.lang);
        let (given_ids, prefix) = (&mut self.given_ids, &self.prefix);
        self.list.sync(
            errors
                .iter()
                .map(|listed| {
                    let d = listed.diagnostic;
                    let target = listed.control.as_ref().map(|c| {
                        if c.id().is_empty() {
                            c.set_id(&format!("{prefix}-field-{}", unique_suffix(&listed.key)));
                            given_ids.push(c.clone());
                        }
                        c.id()
                    });
                    Wanted {
                        key: listed.key.clone(),
                        patch: None,
                        content: format!("{}\u{1f}{}", d.message, target.as_deref().unwrap_or("")),
                        make: Box::new(move || {
                            let li = element(doc, "li", "", None)?;
                            match target {
                                Some(id) => {
                                    let a = element(doc, "a", "", Some(&d.message))?;
                                    a.set_attribute("href", &format!("#{id}")).ok()?;
                                    // The control again, should the portal replace it.
                                    a.set_attribute("data-gov-path", &d.path).ok()?;
                                    if let Some(key) = d.params.get("documentKey") {
                                        a.set_attribute("data-gov-document", key).ok()?;
                                    }
                                    li.append_with_node_1(&a).ok()?;
                                }
                                None => li.set_text_content(Some(&d.message)),
                            }
                            Some(li)
                        }),
                    }
                })
                .collect(),
        );
        let shown = !errors.is_empty();
        if shown == self.region.has_attribute("hidden") {
            let _ = if shown {
                self.region.remove_attribute("hidden")
            } else {
                self.region.set_attribute("hidden", "")
            };
        }
        shown
    }
}

impl Summary {
    /// Takes away the ids of its links' controls that the page copied onto other elements (a
    /// row cloned after a submit): a link would lead to the row copied from.
    pub fn disown_copies(&self, form: &Element) {
        let copied = format!("[id^=\"{}-field-\"]", self.prefix);
        for element in all(form, &copied) {
            if !self.given_ids.contains(&element) {
                let _ = element.remove_attribute("id");
            }
        }
    }

    /// Takes back the ids given to controls for their links.
    pub fn forget_ids(&mut self) {
        for control in self.given_ids.drain(..) {
            let _ = control.remove_attribute("id");
        }
    }
}

/// A short, stable suffix for an id made from a key (FNV-1a).
fn unique_suffix(key: &str) -> String {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in key.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    format!("{hash:08x}")
}
