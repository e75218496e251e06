//! `attach(form, options)`: the component bound to one form, its events and the handle the
//! package returns.
//!
//! Events, in the GOV.UK pattern ([`super::reveal`]): `input` queues the edit and, after the
//! debounce, updates the verdicts and removes messages the value no longer earns; leaving a
//! changed field (`focusout`, `change`) shows its messages; `submit` shows every error and the
//! summary, and stops a form with errors. While a pointer is pressed nothing on the page moves:
//! an update waits until it is released, so the click that left a field (on 提交申报, say) lands
//! where the applicant aimed it.

use std::cell::RefCell;
use std::rc::{Rc, Weak};
use std::sync::Arc;

use gloo_events::{EventListener, EventListenerOptions};
use gloo_timers::callback::Timeout;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Document, Element, Event, HtmlElement, HtmlFormElement, HtmlInputElement, MutationObserver,
    Node,
};

use super::controls::{Controls, Target, Value};
use super::reveal::{field_of, Reveal};
use super::steady::Place;
use super::view::{
    element, identity, Beside, Lines, Listed, Messages, Panel, Placed, Previous, Summary,
};
use super::words;
use crate::codes::Severity;
use crate::live::LiveValidator;
use crate::report::Diagnostic;
use crate::wasm::{install_panic_hook, live_options, to_text, type_error};

/// The component's own options (the validation options are read as `createValidator` reads
/// them).
struct Settings {
    debounce: u32,
    citations: bool,
    /// The hidden field that carries the application each validation without errors checked
    /// (`applicationField`), added by attach().
    carrier: Option<HtmlInputElement>,
    /// Makes an event's `detail` from its name and the update's duration; the package's wrapper
    /// gives one whose `report` is read only when a listener asks for it.
    detail: Option<js_sys::Function>,
}

struct Attachment {
    me: Weak<RefCell<Attachment>>,
    doc: Document,
    controls: Controls,
    validator: LiveValidator,
    settings: Settings,
    reveal: Reveal,
    /// Controls of the portal's own (a token, a search box) that are no application field: left
    /// alone once the engine says so.
    unknown: crate::sorted::SortedSet<String>,
    /// The form's labels of the fields verdicts wait for, read once.
    labels: RefCell<crate::sorted::SortedMap<String, String>>,
    /// Edits not yet given to the validator, by path, in order.
    pending: Vec<(String, Pending)>,
    /// The paths the form held when it was last read whole: one whose controls have gone since
    /// holds nothing.
    read_paths: Vec<String>,
    /// Fields left while a pointer was pressed, revealed when it is released.
    deferred: Vec<String>,
    /// The control an input method is composing text in (between `compositionstart` and
    /// `compositionend`): an edit of it waits for the text chosen.
    composing: Option<Element>,
    pointer_down: bool,
    /// An update is waiting for the pointer to be released.
    held: bool,
    timer: Option<Timeout>,
    release: Option<Timeout>,
    /// The form's reading after a reset, which comes after the `reset` event.
    reset: Option<Timeout>,
    /// The verdicts as last shown.
    lines: Lines,
    /// What changed in the verdicts while they were held (a value being typed that cannot be
    /// read yet), shown with the next update.
    unshown: Changed,
    panel: Option<Panel>,
    beside: Beside,
    /// The live region: a short sentence when a verdict changes, and nothing else.
    announcer: Element,
    /// The verdicts changed since the last announcement, each with its line as then: while the
    /// applicant types they are said once typing pauses ([`ANNOUNCE_PAUSE_MS`]), or the field is
    /// left, as the net change.
    unsaid: Vec<Previous>,
    announce: Option<Timeout>,
    messages: Messages,
    summary: Summary,
    /// What attach() added to the page, removed by detach().
    inserted: Vec<Element>,
    /// The prefix (「错误：」) put before the page's title while the summary shows errors, as long as
    /// it is there: the portal's router may retitle the page meanwhile, and keeps its title.
    title_prefix: Option<&'static str>,
}

/// Work done once the attachment is no longer borrowed: focusing an element and dispatching an
/// event run the page's own listeners, which may call the handle.
#[derive(Default)]
struct After {
    focus: Option<HtmlElement>,
    events: Vec<(&'static str, f64)>,
}

impl After {
    fn report(started: f64) -> After {
        After {
            focus: None,
            events: vec![("govit:report", now() - started)],
        }
    }
}

/// An edit waiting for the next update: a value read already, or a control typed into, read
/// when the update runs.
enum Pending {
    Read(Value),
    Edited(Element),
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// The part of a path before its first `.` or `[`: the form's own key.
fn top(path: &str) -> &str {
    path.split(['.', '[']).next().unwrap_or(path)
}

/// Runs `f` on the attachment if it is still attached and not already at work (a `focusout`
/// fired by our own focusing is skipped), then what it asked for.
fn with(me: &Weak<RefCell<Attachment>>, f: impl FnOnce(&mut Attachment) -> After) {
    let Some(shared) = me.upgrade() else {
        return;
    };
    let (after, form, detail) = {
        let Ok(mut attachment) = shared.try_borrow_mut() else {
            return;
        };
        let after = f(&mut attachment);
        let form = attachment.controls.form().clone();
        (after, form, attachment.settings.detail.clone())
    };
    after.run(&form, detail.as_ref());
}

impl After {
    fn run(self, form: &HtmlFormElement, detail: Option<&js_sys::Function>) {
        if let Some(target) = self.focus {
            let _ = target.focus();
        }
        for (name, elapsed) in self.events {
            let detail = detail
                .and_then(|f| f.call2(&JsValue::NULL, &name.into(), &elapsed.into()).ok())
                .unwrap_or_else(|| {
                    let object = js_sys::Object::new();
                    let _ = js_sys::Reflect::set(&object, &"elapsedMs".into(), &elapsed.into());
                    object.into()
                });
            let init = web_sys::CustomEventInit::new();
            init.set_detail(&detail);
            if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
                let _ = form.dispatch_event(&event);
            }
        }
    }
}

/// What edits changed, and so what of the page may need patching.
#[derive(Default)]
struct Changed {
    /// The fields edited.
    fields: Vec<String>,
    /// The verdicts whose value, status, reasons or missing fields changed.
    verdicts: Vec<&'static str>,
    /// The required documents, time limits or notices.
    lists: bool,
    diagnostics: bool,
}

impl Changed {
    fn everything() -> Changed {
        Changed {
            fields: Vec::new(),
            verdicts: words::VERDICTS.iter().map(|(name, _, _)| *name).collect(),
            lists: true,
            diagnostics: true,
        }
    }

    fn add(&mut self, delta: &crate::live::Delta) {
        let nearest = (delta.nearest.changed.iter().map(|n| n.outcome))
            .chain(delta.nearest.removed.iter().map(|key| key.outcome()));
        for name in delta.changed_outcomes().into_iter().chain(nearest) {
            if !self.verdicts.contains(&name) {
                self.verdicts.push(name);
            }
        }
        self.lists |= !(delta.required_documents.changed.is_empty()
            && delta.required_documents.removed.is_empty()
            && delta.windows.changed.is_empty()
            && delta.windows.removed.is_empty()
            && delta.notices.added.is_empty()
            && delta.notices.removed.is_empty());
        self.diagnostics |=
            !(delta.diagnostics.added.is_empty() && delta.diagnostics.removed.is_empty());
    }
}

/// How long typing pauses before a changed verdict is said. The panel and the notes beside the
/// amount follow each keystroke; a screen reader hears the verdict once the applicant stops
/// typing rather than once per digit (「3」「30」「300」「300.01」 may each change a verdict), as the
/// GOV.UK Design System's character count says its count only when typing stops.
const ANNOUNCE_PAUSE_MS: u32 = 1000;

/// How an update came about, which decides what it may show.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Moment {
    /// While typing: messages may go, none appear at the fields being typed.
    Typing,
    /// A field was left, a choice made, a row added, an option changed.
    Settled,
    /// attach()'s first showing: as [`Moment::Settled`], and nothing the applicant has seen moves.
    Opened,
    /// The form was submitted or validated: everything is shown.
    Submit,
}

impl Attachment {
    fn queue(&mut self, path: String, value: Pending) {
        match self.pending.iter_mut().find(|(p, _)| *p == path) {
            Some(slot) => slot.1 = value,
            None => self.pending.push((path, value)),
        }
    }

    /// Gives the queued edits to the validator and says what they changed.
    fn flush(&mut self) -> Changed {
        let mut changed = Changed::default();
        for (path, pending) in std::mem::take(&mut self.pending) {
            let value = match pending {
                Pending::Read(value) => value,
                // Its value is an input method's text being composed: read at compositionend.
                Pending::Edited(control) if self.composing.as_ref() == Some(&control) => {
                    self.pending.push((path, Pending::Edited(control)));
                    continue;
                }
                Pending::Edited(control) => self.controls.value_after_edit(&control, &path),
            };
            let Ok(delta) = self.validator.set_input(&path, &value) else {
                continue;
            };
            let unknown = delta
                .diagnostics
                .added
                .iter()
                .any(|d| d.code == "IN005" && d.path == path);
            changed.add(&delta);
            if unknown {
                self.unknown.insert(top(&path).to_string());
                let _ = self.validator.set_input(&path, &Value::Null);
                continue;
            }
            changed.fields.push(field_of(&path).to_string());
        }
        self.validator.release();
        changed
    }

    /// The paths the form holds, less the portal's own controls.
    fn known_paths(&self) -> Vec<String> {
        let unknown = &self.unknown;
        self.controls.paths(&|p| unknown.contains(top(p)))
    }

    /// Queues what each path holds now: the form's own, and those it held when last read whole.
    fn queue_form(&mut self) {
        let paths = self.known_paths();
        let gone: Vec<String> = self
            .read_paths
            .iter()
            .filter(|p| !paths.contains(p))
            .cloned()
            .collect();
        for path in gone {
            self.queue(path, Pending::Read(Value::Null));
        }
        // The field an input method is composing in keeps what it last held until the text is
        // chosen.
        let composing = self
            .composing
            .as_ref()
            .and_then(|c| self.controls.path_of(c));
        for path in paths.iter().filter(|p| composing.as_ref() != Some(*p)) {
            let value = self.controls.value_of(path);
            self.queue(path.clone(), Pending::Read(value));
        }
        self.read_paths = paths;
    }

    /// Reads the whole form into the validator afresh.
    fn load(&mut self) {
        let mut paths = self.known_paths();
        self.validator.replace_input(&self.controls.read(&paths));
        let found: Vec<String> = self
            .validator
            .report()
            .diagnostics
            .iter()
            .filter(|d| d.code == "IN005")
            .map(|d| top(&d.path).to_string())
            .collect();
        if !found.is_empty() {
            self.unknown.extend(found);
            let unknown = &self.unknown;
            paths.retain(|p| !unknown.contains(top(p)));
            self.validator.replace_input(&self.controls.read(&paths));
        }
        self.read_paths = paths;
        self.validator.release();
        self.pending.clear();
    }

    /// A missing field named as the form's own label names it.
    fn label(&self, path: &str) -> String {
        if let Some(parameter) = path.strip_prefix("parameter:") {
            return parameter.to_string();
        }
        if let Some(known) = self.labels.borrow().get(path) {
            return known.clone();
        }
        let label = self.read_label(path);
        self.labels
            .borrow_mut()
            .insert(path.to_string(), label.clone());
        label
    }

    fn read_label(&self, path: &str) -> String {
        self.controls
            .anchor_for(path, None)
            .and_then(|control| {
                let labels = js_sys::Reflect::get(&control, &"labels".into()).ok()?;
                let first = js_sys::Reflect::get(&labels, &0.into())
                    .ok()
                    .and_then(|l| l.dyn_into::<Node>().ok())
                    .and_then(|l| l.text_content());
                first
                    .or_else(|| control.get_attribute("aria-label"))
                    .map(|t| t.trim().to_string())
            })
            .filter(|t| !t.is_empty())
            // A field the form does not have (a new one, 可行性研究报告批复日期) by the package's label.
            .unwrap_or_else(|| {
                crate::messages::label_in(path, self.validator.report().locale, None).into_owned()
            })
    }

    /// Brings the page in step with the report, touching what `changed` says may differ. The
    /// field the applicant is in stays where it is on screen; a submit moves to the summary.
    fn render(&mut self, moment: Moment, changed: &Changed) {
        // The application carried was checked as the form stood: any update after is not it.
        if moment != Moment::Submit {
            self.carry(false);
        }
        let focused = match moment {
            Moment::Typing | Moment::Settled => Place::of_focused(&self.doc, self.controls.form()),
            Moment::Opened | Moment::Submit => None,
        };
        self.show(moment, changed);
        if let Some(place) = focused {
            place.keep();
        }
    }

    fn show(&mut self, moment: Moment, changed: &Changed) {
        let report = self.validator.report();
        let citations = self.settings.citations;
        // While a field is typed into and its value cannot be read yet (「300.」 on the way to
        // 「300.5」), the verdicts stay as they were rather than flicker to undetermined and back.
        let unreadable = moment == Moment::Typing
            && report.diagnostics.iter().any(|d| {
                d.code.spec().family == "input"
                    && changed.fields.iter().any(|f| f == field_of(&d.path))
            });
        let mut verdicts = std::mem::take(&mut self.unshown.verdicts);
        for name in &changed.verdicts {
            if !verdicts.contains(name) {
                verdicts.push(name);
            }
        }
        let lists = std::mem::take(&mut self.unshown.lists) || changed.lists;
        if unreadable {
            self.unshown = Changed {
                verdicts,
                lists,
                ..Changed::default()
            };
        } else if !verdicts.is_empty() || lists {
            let previous = self.lines.update(report, &verdicts);
            if let Some(mut panel) = self.panel.take() {
                panel.show(
                    &self.doc,
                    report,
                    &self.lines,
                    &previous,
                    lists,
                    citations,
                    &|p| self.label(p),
                );
                self.panel = Some(panel);
            }
            self.beside
                .show(&self.doc, &self.controls, report, &self.lines, &previous);
            for (name, before) in previous {
                if !self.unsaid.iter().any(|(n, _)| *n == name) {
                    self.unsaid.push((name, before));
                }
            }
        }
        if moment == Moment::Typing {
            if !self.unsaid.is_empty() {
                let me = self.me.clone();
                // Replacing the timer cancels the one before it.
                self.announce = Some(Timeout::new(ANNOUNCE_PAUSE_MS, move || {
                    with(&me, |a| {
                        a.say();
                        After::default()
                    });
                }));
            }
        } else {
            self.say();
        }
        if moment == Moment::Typing && !changed.diagnostics {
            return;
        }
        let typed = &changed.fields;
        let report = self.validator.report();
        let submitted = self.reveal.submitted();
        // Each control looked for once, for the messages and the summary alike.
        let mut found: Vec<(String, Option<Arc<str>>, Option<Element>)> = Vec::new();
        let mut anchor = |d: &Diagnostic| -> Option<Element> {
            let document = d.params.get("documentKey");
            let known = found
                .iter()
                .find(|(p, k, _)| *p == d.path && k.as_ref() == document);
            if let Some((_, _, control)) = known {
                return control.clone();
            }
            let control = self
                .controls
                .anchor_for(&d.path, document.map(|key| &**key));
            found.push((d.path.clone(), document.cloned(), control.clone()));
            control
        };
        let mut placed: Vec<Placed> = Vec::new();
        let mut errors: Vec<Listed> = Vec::new();
        for d in &report.diagnostics {
            let revealed = d.severity != Severity::Info && self.reveal.shows(&d.path);
            let listed = submitted && d.severity == Severity::Error;
            if !revealed && !listed {
                continue;
            }
            let key = identity(d);
            // A field being typed into gets no new message, beside it or in the summary, before
            // it is left (「3,0」 on the way to 「3,000」 is not yet an answer).
            let settled = moment != Moment::Typing || !typed.iter().any(|f| f == field_of(&d.path));
            let shown = revealed && (settled || self.messages.shows(&key));
            let listed = listed && (settled || self.summary.lists(&key));
            if !shown && !listed {
                continue;
            }
            let control = anchor(d);
            if let (true, Some(control)) = (shown, &control) {
                placed.push(Placed {
                    diagnostic: d,
                    control: control.clone(),
                    key: key.clone(),
                });
            }
            if listed {
                errors.push(Listed {
                    diagnostic: d,
                    control,
                    key,
                });
            }
        }
        crate::sorted::sort_by(&mut placed, |a, b| form_order(&a.control, &b.control));
        self.messages
            .show(&self.doc, &self.controls, &placed, report.locale, citations);
        if submitted {
            crate::sorted::sort_by(&mut errors, |a, b| match (&a.control, &b.control) {
                (Some(a), Some(b)) => form_order(a, b),
                (None, Some(_)) => std::cmp::Ordering::Less,
                (Some(_), None) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            });
            let w = words::words(report.locale);
            let shown = self.summary.show(&self.doc, &errors, w);
            self.retitle(shown.then_some(w.title_prefix));
        }
    }

    /// Puts `prefix` before the page's title as it is now, or takes away the one put there.
    fn retitle(&mut self, prefix: Option<&'static str>) {
        let current = self.doc.title();
        let bare = self
            .title_prefix
            .and_then(|p| current.strip_prefix(p))
            .unwrap_or(&current);
        let prefix = prefix.filter(|p| !bare.starts_with(p));
        let wanted = match prefix {
            Some(p) => format!("{p}{bare}"),
            None => bare.to_string(),
        };
        self.title_prefix = prefix;
        if current != wanted {
            self.doc.set_title(&wanted);
        }
    }

    /// Announces the verdicts whose value changed since they were last said.
    fn say(&mut self) {
        self.announce = None;
        let unsaid = std::mem::take(&mut self.unsaid);
        let report = self.validator.report();
        let locale = report.locale;
        let said = self.lines.announcements(&unsaid, report);
        if !said.is_empty() {
            let w = words::words(locale);
            let separator = if locale.is_en() { ". " } else { w.semicolon };
            let _ = self.announcer.set_attribute("lang", w.lang);
            self.announcer.set_text_content(Some(&said.join(separator)));
        }
    }

    fn schedule(&mut self) {
        let me = self.me.clone();
        // Replacing the timer cancels the one before it.
        self.timer = Some(Timeout::new(self.settings.debounce, move || {
            with(&me, Attachment::typed);
        }));
    }

    fn typed(&mut self) -> After {
        if self.pointer_down {
            self.held = true;
            return After::default();
        }
        let started = now();
        let changed = self.flush();
        if changed.fields.is_empty() {
            return After::default();
        }
        self.render(Moment::Typing, &changed);
        After::report(started)
    }

    fn on_input(&mut self, target: &Element) -> After {
        let Some(path) = self.controls.path_of(target) else {
            return After::default();
        };
        if self.unknown.contains(top(&path)) {
            return After::default();
        }
        self.reveal.edit(&self.controls.revealed_by(target, &path));
        // Read when the update runs, not now: a framework's controlled input (React) or an
        // input mask puts back what it refuses after this event, and the field shows that.
        self.queue(path, Pending::Edited(target.clone()));
        self.schedule();
        After::default()
    }

    /// A field was left (`focusout`), or changed (`change`: a choice is made and left at once).
    fn on_leave(&mut self, target: &Element, changed: bool) -> After {
        // Left mid-composition without a compositionend (its control taken away): what it holds
        // is read now.
        if self.composing.as_ref() == Some(target) {
            self.composing = None;
        }
        if changed && typed_in_place(target) {
            return self.on_input(target);
        }
        let Some(path) = self.controls.path_of(target) else {
            return After::default();
        };
        if self.unknown.contains(top(&path)) {
            return After::default();
        }
        let field = self.controls.revealed_by(target, &path);
        let value = self.controls.value_of(&path);
        self.queue(path, Pending::Read(value));
        if changed && is_choice(target) {
            self.reveal.edit(&field);
        }
        if self.pointer_down {
            self.deferred.push(field);
            self.held = true;
            return After::default();
        }
        let started = now();
        self.timer = None;
        let mut changed = self.flush();
        changed.diagnostics |= self.reveal.leave(&field);
        self.render(Moment::Settled, &changed);
        After::report(started)
    }

    fn on_pointer(&mut self, down: bool) -> After {
        self.pointer_down = down;
        if !down && self.held {
            let me = self.me.clone();
            // After the click this release belongs to, which may submit the form.
            self.release = Some(Timeout::new(0, move || with(&me, Attachment::released)));
        }
        After::default()
    }

    fn released(&mut self) -> After {
        if self.pointer_down || !self.held {
            return After::default();
        }
        self.held = false;
        let started = now();
        let mut changed = self.flush();
        for field in std::mem::take(&mut self.deferred) {
            changed.diagnostics |= self.reveal.leave(&field);
        }
        self.render(Moment::Settled, &changed);
        After::report(started)
    }

    /// Validates the whole form as it stands and shows everything.
    fn validate(&mut self) -> After {
        let started = now();
        self.timer = None;
        self.queue_form();
        let mut changed = self.flush();
        changed.diagnostics = true;
        self.held = false;
        self.deferred.clear();
        self.reveal.submit();
        self.render(Moment::Submit, &changed);
        let mut after = After::report(started);
        let clean = self.validator.report().summary.errors == 0;
        // Not while an input method composes (a portal's script validating): moving the focus
        // would commit the pinyin typed so far as the field's text.
        if !clean && self.composing.is_none() {
            after.focus = self.summary.region().dyn_ref::<HtmlElement>().cloned();
        }
        // Mid-composition the form holds pinyin where the validator kept the value before it.
        self.carry(clean && self.composing.is_none());
        after
    }

    /// Fills the `applicationField` with the application as checked, when it has no errors (else
    /// empties it): a form post's loose fields are not the application (an unticked box and an
    /// empty group are not posted, a ticked box posts `on`, mapped controls post their own names,
    /// chapters are attributes), so a server re-checks and keeps this.
    fn carry(&self, clean: bool) {
        let Some(carrier) = &self.settings.carrier else {
            return;
        };
        if !clean && carrier.value().is_empty() {
            return;
        }
        let text = clean
            .then(|| to_text(&self.controls.read(&self.known_paths())).ok())
            .flatten()
            .and_then(|bytes| String::from_utf8(bytes).ok());
        carrier.set_value(text.as_deref().unwrap_or(""));
    }

    fn on_submit(&mut self, event: &Event) -> After {
        let mut after = self.validate();
        if self.validator.report().summary.errors > 0 {
            event.prevent_default();
            event.stop_immediate_propagation();
            after.events.push(("govit:invalid", 0.0));
        }
        after
    }

    /// Reads the whole form again: controls, rows or tables came or went (a section shown, a
    /// row added, a control the portal's framework replaced), or the portal's script set values,
    /// which no event tells of. Shows no error that was not shown.
    fn reread(&mut self) -> After {
        let started = now();
        let form: &Element = self.controls.form();
        // The form's content rendered afresh (`form.innerHTML = …`) took the panel, the summary
        // and the live region with it: put back where attach() put them.
        for region in &self.inserted {
            if !region.is_connected() {
                let _ = form.prepend_with_node_1(region);
            }
        }
        self.disown_region_copies(form);
        self.messages.disown_copies(form);
        self.summary.disown_copies(form);
        self.queue_form();
        self.labels.borrow_mut().clear();
        let mut changed = self.flush();
        // Row indexes shift when a row goes, and a control may be another element now: messages
        // are placed afresh.
        changed.diagnostics = true;
        self.render(Moment::Settled, &changed);
        After::report(started)
    }

    /// Copies of the component's own regions the page made (`form.innerHTML = form.innerHTML`
    /// copies the panel, the summary, the live region and the notes beside an amount): removed,
    /// or the page would show stale verdicts beside the live ones, and speak in two live regions.
    fn disown_region_copies(&self, form: &Element) {
        let ours = |e: &Element| {
            self.inserted.contains(e)
                || self.summary.region() == e
                || self.panel.as_ref().is_some_and(|p| p.region() == e)
                || self.beside.owns(e)
        };
        for copy in super::controls::all(
            form,
            ".gov-verdicts, .gov-summary, .gov-announce, .gov-beside, [data-gov-application]",
        ) {
            if !ours(&copy) {
                copy.remove();
            }
        }
    }

    /// The form was reset (a 重置 button, `form.reset()`): read again once the reset has put the
    /// controls back, and, as for a form loaded afresh, no error shown until a field is changed
    /// and left, or the form submitted.
    fn after_reset(&mut self, event: &Event) -> After {
        if event.default_prevented() {
            return After::default();
        }
        self.reveal.reset();
        self.deferred.clear();
        let w = words::words(self.validator.report().locale);
        self.summary.show(&self.doc, &[], w);
        self.retitle(None);
        self.reread()
    }

    fn set_options(&mut self, options: &str) -> Result<After, JsValue> {
        let options = live_options(options)?;
        let registry = crate::wasm::current_registry();
        self.validator = LiveValidator::new(&registry, options);
        self.unknown.clear();
        self.labels.borrow_mut().clear();
        self.load();
        let started = now();
        self.render(Moment::Settled, &Changed::everything());
        Ok(After::report(started))
    }

    fn detach(&mut self) {
        self.timer = None;
        self.release = None;
        self.reset = None;
        self.announce = None;
        self.messages.clear();
        self.beside.clear();
        self.summary.forget_ids();
        for node in self.inserted.drain(..) {
            node.remove();
        }
        if let Some(panel) = &self.panel {
            panel.region().replace_children_with_node_0();
            let _ = panel.region().class_list().remove_1("gov-verdicts");
        }
        self.panel = None;
        self.retitle(None);
    }
}

/// A check box, radio button or list: changing it is choosing, and leaving it at once.
/// A date, month or time input that still has the focus: Chromium fires `change` at each part
/// typed (0002, 0020, 0202, 2025 for a year), so there it is typing, not leaving.
fn typed_in_place(target: &Element) -> bool {
    let dated = target
        .dyn_ref::<web_sys::HtmlInputElement>()
        .is_some_and(|i| {
            matches!(
                i.type_().as_str(),
                "date" | "month" | "time" | "datetime-local" | "week"
            )
        });
    dated
        && target
            .owner_document()
            .and_then(|d| d.active_element())
            .is_some_and(|active| &active == target)
}

fn is_choice(target: &Element) -> bool {
    if let Some(input) = target.dyn_ref::<web_sys::HtmlInputElement>() {
        return matches!(input.type_().as_str(), "checkbox" | "radio");
    }
    target.is_instance_of::<web_sys::HtmlSelectElement>()
}

fn form_order(a: &Element, b: &Element) -> std::cmp::Ordering {
    if a == b {
        return std::cmp::Ordering::Equal;
    }
    if a.compare_document_position(b) & Node::DOCUMENT_POSITION_FOLLOWING != 0 {
        std::cmp::Ordering::Less
    } else {
        std::cmp::Ordering::Greater
    }
}

/// The observer of the form's controls, rows and tables, with the callback it calls.
type FormObserver = (
    MutationObserver,
    Closure<dyn FnMut(js_sys::Array, MutationObserver)>,
);

/// The component attached to a form: what `attach()` returns, through the package's wrapper.
#[wasm_bindgen]
pub struct FormHandle {
    shared: Option<Rc<RefCell<Attachment>>>,
    listeners: Vec<EventListener>,
    /// Taken by `detach()`.
    observer: Option<FormObserver>,
}

#[wasm_bindgen]
impl FormHandle {
    /// Attaches to `form`. `options` are the validation options as JSON text (read as
    /// `createValidator` reads them); `ui` holds the component's own: `fields` (path → selector,
    /// element or list of elements), `debounce` (ms), `outcomes` (an element, or `false` for no
    /// verdict panel), `summary` (an element), `citations` (boolean) and `detail` (a function
    /// making an event's detail from its name and duration).
    #[wasm_bindgen(constructor)]
    pub fn new(form: JsValue, options: &str, ui: JsValue) -> Result<FormHandle, JsValue> {
        install_panic_hook();
        let form: HtmlFormElement = form
            .dyn_into()
            .map_err(|_| type_error("attach(form, options): form must be a <form> element"))?;
        let options = live_options(options)?;
        let doc = form
            .owner_document()
            .ok_or_else(|| type_error("attach(form, options): the form is in no document"))?;
        let get =
            |name: &str| js_sys::Reflect::get(&ui, &name.into()).unwrap_or(JsValue::UNDEFINED);
        let mut inserted = Vec::new();
        let carrier = match get("applicationField").as_string() {
            Some(name) => {
                let input: HtmlInputElement = doc.create_element("input")?.unchecked_into();
                input.set_type("hidden");
                input.set_name(&name);
                input.set_attribute("data-gov-application", "")?;
                form.append_with_node_1(&input)?;
                inserted.push(input.clone().into());
                Some(input)
            }
            None => None,
        };
        let settings = Settings {
            debounce: get("debounce")
                .as_f64()
                .map_or(150, |ms| ms.clamp(0.0, 60_000.0) as u32),
            citations: get("citations").as_bool().unwrap_or(true),
            carrier,
            detail: get("detail").dyn_into().ok(),
        };
        let controls = Controls::new(form.clone(), fields_option(&get("fields"))?);
        // Attached again after a trap: the summary the instance that trapped showed is gone, and
        // so is the prefix it put before the title.
        if get("revived").as_bool() == Some(true) {
            let title = doc.title();
            if let Some(bare) = words::TITLE_PREFIXES
                .into_iter()
                .find_map(|p| title.strip_prefix(p))
            {
                doc.set_title(bare);
            }
        }

        let insert = |tag: &str, inserted: &mut Vec<Element>| -> Result<Element, JsValue> {
            let node = element(&doc, tag, "", None)
                .ok_or_else(|| type_error("attach(): cannot create elements"))?;
            form.prepend_with_node_1(&node)?;
            inserted.push(node.clone());
            Ok(node)
        };
        let outcomes = get("outcomes");
        let panel_region = if outcomes.is_falsy() && !outcomes.is_undefined() {
            None
        } else if let Some(given) = outcomes.dyn_ref::<Element>() {
            Some(given.clone())
        } else {
            Some(insert("section", &mut inserted)?)
        };
        let announcer = insert("div", &mut inserted)?;
        announcer.set_class_name("gov-announce gov-visually-hidden");
        announcer.set_attribute("role", "status")?;
        announcer.set_attribute("aria-live", "polite")?;
        announcer.set_attribute("aria-atomic", "true")?;
        let summary_region = match get("summary").dyn_into::<Element>() {
            Ok(given) => given,
            Err(_) => insert("div", &mut inserted)?,
        };
        let prefix = free_prefix(&doc);
        let summary = Summary::new(&doc, summary_region, &prefix)
            .ok_or_else(|| type_error("attach(): cannot create the error summary"))?;
        let panel = match panel_region {
            Some(region) => Some(
                Panel::new(&doc, region)
                    .ok_or_else(|| type_error("attach(): cannot create the verdict panel"))?,
            ),
            None => None,
        };
        let validator = LiveValidator::new(&crate::wasm::current_registry(), options);
        let shared = Rc::new_cyclic(|me| {
            RefCell::new(Attachment {
                me: me.clone(),
                title_prefix: None,
                doc: doc.clone(),
                controls,
                validator,
                settings,
                reveal: Reveal::default(),
                unknown: Default::default(),
                labels: RefCell::default(),
                pending: Vec::new(),
                read_paths: Vec::new(),
                deferred: Vec::new(),
                composing: None,
                pointer_down: false,
                held: false,
                timer: None,
                release: None,
                reset: None,
                lines: Lines::default(),
                unshown: Changed::default(),
                panel,
                beside: Beside::default(),
                announcer,
                unsaid: Vec::new(),
                announce: None,
                messages: Messages::new(&prefix),
                summary,
                inserted,
            })
        });

        let listeners = listen(&shared, &form, &doc);
        let observer = Some(observe_form(&shared, &form)?);
        {
            let mut attachment = shared.borrow_mut();
            attachment.load();
            attachment.render(Moment::Opened, &Changed::everything());
        }
        // The page's first state is shown, not read out.
        shared.borrow().announcer.set_text_content(None);
        Ok(FormHandle {
            shared: Some(shared),
            listeners,
            observer,
        })
    }

    /// Dispatches the first `govit:report`, once the caller holds the handle that listeners may
    /// ask for the report.
    pub fn start(&self) -> Result<(), JsValue> {
        let shared = self.attached()?;
        with(&Rc::downgrade(shared), |_| After::report(now()));
        Ok(())
    }

    /// Validates the whole form, shows every error and the summary (focused when there are
    /// errors), and returns the report as JSON text (UTF-8).
    pub fn validate(&self) -> Result<Vec<u8>, JsValue> {
        self.run(|a| {
            let after = a.validate();
            Ok((after, to_text(a.validator.report())?))
        })
    }

    /// The report on the form as it stands, with edits not yet applied applied.
    pub fn report(&self) -> Result<Vec<u8>, JsValue> {
        let shared = self.attached()?;
        let mut a = shared.try_borrow_mut().map_err(|_| busy())?;
        if !a.pending.is_empty() && !a.pointer_down {
            let changed = a.flush();
            a.render(Moment::Typing, &changed);
        }
        // A form left open past midnight, untouched since: its report is of the new day.
        if a.validator.follow_today() {
            a.render(Moment::Typing, &Changed::everything());
        }
        to_text(a.validator.report())
    }

    /// Validates with other options (JSON text, all of them), reading the form again.
    #[wasm_bindgen(js_name = setOptions)]
    pub fn set_options(&self, options: &str) -> Result<(), JsValue> {
        self.run(|a| Ok((a.set_options(options)?, ())))
    }

    /// Reads the whole form again, after the portal's script set values (a saved draft loaded):
    /// setting `value` or `checked` fires no event.
    pub fn refresh(&self) -> Result<(), JsValue> {
        self.run(|a| Ok((a.reread(), ())))
    }

    /// Removes every listener and everything the component added; the form is left as it was.
    pub fn detach(&mut self) {
        self.listeners.clear();
        if let Some((observer, _)) = self.observer.take() {
            observer.disconnect();
        }
        if let Some(shared) = self.shared.take() {
            if let Ok(mut a) = shared.try_borrow_mut() {
                a.detach();
            }
        }
    }

    /// Runs `f` on the attachment, then what it asked for. Each call that uses this reads the
    /// form whole, so mutations not yet observed are dropped rather than read once more.
    fn run<T>(
        &self,
        f: impl FnOnce(&mut Attachment) -> Result<(After, T), JsValue>,
    ) -> Result<T, JsValue> {
        let shared = self.attached()?;
        if let Some((observer, _)) = &self.observer {
            observer.take_records();
        }
        let (after, value, form, detail) = {
            let mut a = shared.try_borrow_mut().map_err(|_| busy())?;
            let (after, value) = f(&mut a)?;
            (
                after,
                value,
                a.controls.form().clone(),
                a.settings.detail.clone(),
            )
        };
        after.run(&form, detail.as_ref());
        Ok(value)
    }

    fn attached(&self) -> Result<&Rc<RefCell<Attachment>>, JsValue> {
        self.shared
            .as_ref()
            .ok_or_else(|| js_sys::Error::new("gov-it-rules: this form was detached").into())
    }
}

fn busy() -> JsValue {
    js_sys::Error::new(
        "gov-it-rules: the form is being updated; call again from outside its govit:* listeners",
    )
    .into()
}

/// The start of every id an attachment gives (`gov-3`): its messages `gov-3-msg-1`, its summary's
/// title, controls it links to. Numbered for each attachment, and past any number the page
/// already uses, so that two forms, or two copies of the package, never share an id.
fn free_prefix(doc: &Document) -> String {
    thread_local! {
        static SERIAL: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    }
    loop {
        let serial = SERIAL.with(|s| {
            s.set(s.get().wrapping_add(1));
            s.get()
        });
        let prefix = format!("gov-{serial}");
        let taken = doc
            .query_selector(&format!("[id^=\"{prefix}-\"]"))
            .ok()
            .flatten();
        if taken.is_none() {
            return prefix;
        }
    }
}

/// The `fields` option: path → a selector, an element, or a list of elements.
fn fields_option(fields: &JsValue) -> Result<Vec<(String, Target)>, JsValue> {
    if fields.is_undefined() || fields.is_null() {
        return Ok(Vec::new());
    }
    let object: &js_sys::Object = fields.dyn_ref().ok_or_else(|| {
        type_error("attach(): options.fields must be an object of path → selector or element")
    })?;
    let mut mapped = Vec::new();
    for entry in js_sys::Object::entries(object).iter() {
        let entry: js_sys::Array = entry.unchecked_into();
        let Some(path) = entry.get(0).as_string() else {
            continue;
        };
        let target = entry.get(1);
        let target = if let Some(selector) = target.as_string() {
            Target::Selector(selector)
        } else if let Some(one) = target.dyn_ref::<Element>() {
            Target::Elements(vec![one.clone()])
        } else if js_sys::Array::is_array(&target)
            || js_sys::Reflect::has(&target, &"length".into()).unwrap_or(false)
        {
            Target::Elements(
                js_sys::Array::from(&target)
                    .iter()
                    .filter_map(|e| e.dyn_into::<Element>().ok())
                    .collect(),
            )
        } else {
            return Err(type_error(&format!(
                "attach(): options.fields[\"{path}\"] must be a selector, an element or a list of elements"
            )));
        };
        mapped.push((path, target));
    }
    Ok(mapped)
}

fn listen(
    shared: &Rc<RefCell<Attachment>>,
    form: &HtmlFormElement,
    doc: &Document,
) -> Vec<EventListener> {
    let target_of = |event: &Event| event.target().and_then(|t| t.dyn_into::<Element>().ok());
    let mut listeners = Vec::new();
    let me = Rc::downgrade(shared);
    listeners.push(EventListener::new(form, "input", move |event| {
        // Text an input method is still composing (拼音 before its characters are chosen) is not
        // the applicant's value: it is read at `compositionend`.
        let composing =
            js_sys::Reflect::get(event, &"isComposing".into()).is_ok_and(|c| c.is_truthy());
        if let Some(target) = target_of(event).filter(|_| !composing) {
            with(&me, |a| a.on_input(&target));
        }
    }));
    let me = Rc::downgrade(shared);
    listeners.push(EventListener::new(form, "compositionstart", move |event| {
        let target = target_of(event);
        with(&me, |a| {
            a.composing = target;
            After::default()
        });
    }));
    let me = Rc::downgrade(shared);
    listeners.push(EventListener::new(form, "compositionend", move |event| {
        if let Some(target) = target_of(event) {
            with(&me, |a| {
                a.composing = None;
                a.on_input(&target)
            });
        }
    }));
    for (name, changed) in [("change", true), ("focusout", false)] {
        let me = Rc::downgrade(shared);
        listeners.push(EventListener::new(form, name, move |event| {
            if let Some(target) = target_of(event) {
                with(&me, |a| a.on_leave(&target, changed));
            }
        }));
    }
    let me = Rc::downgrade(shared);
    listeners.push(EventListener::new(form, "reset", move |event| {
        let event = event.clone();
        let later = me.clone();
        with(&me, |a| {
            a.reset = Some(Timeout::new(0, move || {
                with(&later, |a| a.after_reset(&event));
            }));
            After::default()
        });
    }));
    let me = Rc::downgrade(shared);
    listeners.push(EventListener::new_with_options(
        form,
        "submit",
        EventListenerOptions {
            phase: gloo_events::EventListenerPhase::Capture,
            passive: false,
        },
        move |event| with(&me, |a| a.on_submit(event)),
    ));
    for (name, down) in [
        ("pointerdown", true),
        ("pointerup", false),
        ("pointercancel", false),
    ] {
        let me = Rc::downgrade(shared);
        listeners.push(EventListener::new_with_options(
            doc,
            name,
            EventListenerOptions::run_in_capture_phase(),
            move |_| with(&me, |a| a.on_pointer(down)),
        ));
    }
    // A summary link focuses its control, and brings it into view; where the portal has replaced
    // the control since (a framework re-rendering it), the one now at its path. The link is the
    // component's own: it never navigates, which a hash router would take for a route.
    let me = Rc::downgrade(shared);
    let summary = shared.borrow().summary.region().clone();
    listeners.push(EventListener::new_with_options(
        &summary,
        "click",
        EventListenerOptions::enable_prevent_default(),
        move |event| {
            let Some(link) =
                target_of(event).and_then(|t| t.closest("a[href^='#']").ok().flatten())
            else {
                return;
            };
            event.prevent_default();
            let Some(shared) = me.upgrade() else {
                return;
            };
            let Ok(a) = shared.try_borrow() else {
                return;
            };
            let by_id = link
                .get_attribute("href")
                .and_then(|href| a.doc.get_element_by_id(href.get(1..)?))
                .filter(|c| c.is_connected());
            let control = by_id.or_else(|| {
                let path = link.get_attribute("data-gov-path")?;
                let document = link.get_attribute("data-gov-document");
                a.controls.anchor_for(&path, document.as_deref())
            });
            drop(a);
            let Some(control) = control else {
                return;
            };
            if let Some(control) = control.dyn_ref::<HtmlElement>() {
                let _ = control.focus();
            }
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Center);
            control.scroll_into_view_with_scroll_into_view_options(&options);
        },
    ));
    listeners
}

/// Controls, rows or tables the portal's script or framework adds or removes: a section shown by
/// a choice, a row added, a checklist rendered afresh. What the component itself adds (messages,
/// the panel) holds no control and is passed over.
fn observe_form(
    shared: &Rc<RefCell<Attachment>>,
    form: &HtmlFormElement,
) -> Result<FormObserver, JsValue> {
    const STRUCTURE: &str = "input, select, textarea, [data-gov-table], [data-gov-row]";
    let me = Rc::downgrade(shared);
    let callback = Closure::<dyn FnMut(js_sys::Array, MutationObserver)>::new(
        move |records: js_sys::Array, _| {
            let holds_controls = |node: Node| {
                node.dyn_into::<Element>().is_ok_and(|e| {
                    e.matches(STRUCTURE).unwrap_or(false)
                        || e.query_selector(STRUCTURE).ok().flatten().is_some()
                })
            };
            let structural = records.iter().any(|record| {
                let record: web_sys::MutationRecord = record.unchecked_into();
                [record.added_nodes(), record.removed_nodes()]
                    .iter()
                    .any(|nodes| {
                        (0..nodes.length())
                            .filter_map(|i| nodes.item(i))
                            .any(holds_controls)
                    })
            });
            if structural {
                with(&me, Attachment::reread);
            }
        },
    );
    let observer = MutationObserver::new(callback.as_ref().unchecked_ref())?;
    let init = web_sys::MutationObserverInit::new();
    init.set_child_list(true);
    init.set_subtree(true);
    observer.observe_with_options(form, &init)?;
    Ok((observer, callback))
}
