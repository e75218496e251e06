//! The portal's form as the engine sees it: which application path each control holds, the value
//! it holds, and the control an error at a path belongs to.
//!
//! A control's path is, in order: the `fields` option's mapping (a selector or elements), the
//! table it sits in (`data-gov-table`, each row `data-gov-row`, each cell `data-gov-cell`), its
//! `data-gov-field`, or its `name`. Values are built in Rust as the engine reads them
//! ([`Input`]): a control named `__proto__.x` is a key like any other, reported as an unknown
//! field, and no JavaScript object is ever written from a control's name.

use std::borrow::Cow;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlFormElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

use crate::model::Input;

/// A value the form holds, owned, as the engine reads one.
pub type Value = Input<'static>;

/// An object's members, in key order, as [`Input::Object`] holds them.
type Members = Vec<(Cow<'static, str>, Value)>;

/// Paths whose value is a table of rows, or a list of document check boxes.
const TABLES: [&str; 2] = ["documents", "resources"];

/// Where the `fields` option points a path.
pub enum Target {
    Selector(String),
    Elements(Vec<Element>),
}

pub struct Controls {
    form: HtmlFormElement,
    mapped: Vec<(String, Target)>,
}

impl Controls {
    pub fn new(form: HtmlFormElement, mapped: Vec<(String, Target)>) -> Controls {
        Controls { form, mapped }
    }

    pub fn form(&self) -> &HtmlFormElement {
        &self.form
    }

    fn targets(&self, target: &Target) -> Vec<Element> {
        match target {
            Target::Selector(selector) => all(&self.form, selector),
            Target::Elements(elements) => elements.clone(),
        }
    }

    /// The application path `control` holds, if any.
    pub fn path_of(&self, control: &Element) -> Option<String> {
        for (path, target) in &self.mapped {
            if self.targets(target).iter().any(|c| c == control) {
                return Some(path.clone());
            }
        }
        if let Some(table) = table_of(control) {
            return table.get_attribute("data-gov-table");
        }
        own_path(control)
    }

    /// The field an edit of `control` at `path` reveals: its row (`resources[2]`) for a table's
    /// cell, so that typing into one row shows nothing of the others, else the path's field.
    pub fn revealed_by(&self, control: &Element, path: &str) -> String {
        let row = table_of(control).and_then(|table| {
            let row = control.closest("[data-gov-row]").ok().flatten()?;
            let index = all(&table, "[data-gov-row]")
                .iter()
                .position(|r| *r == row)?;
            Some(format!("{path}[{index}]"))
        });
        row.unwrap_or_else(|| super::reveal::field_of(path).to_string())
    }

    /// The controls of `path` outside tables, in form order.
    pub fn controls_for(&self, path: &str) -> Vec<Element> {
        if let Some((_, target)) = self.mapped.iter().find(|(p, _)| p == path) {
            return self.targets(target);
        }
        self.elements()
            .into_iter()
            .filter(|c| table_of(c).is_none() && own_path(c).as_deref() == Some(path))
            .collect()
    }

    fn elements(&self) -> Vec<Element> {
        let list = self.form.elements();
        (0..list.length()).filter_map(|i| list.item(i)).collect()
    }

    fn table(&self, path: &str) -> Option<Element> {
        self.form
            .query_selector(&format!("[data-gov-table=\"{path}\"]"))
            .ok()
            .flatten()
    }

    /// What `path` holds after an edit of `control`: a text box, a text area or a single list
    /// outside a table holds its path's value alone, read from it without looking for the others.
    pub fn value_after_edit(&self, control: &Element, path: &str) -> Value {
        let single = self.mapped.is_empty() && table_of(control).is_none();
        if single {
            if let Some(input) = control.dyn_ref::<HtmlInputElement>() {
                if !matches!(input.type_().as_str(), "checkbox" | "radio") {
                    return text(input.value());
                }
            } else if let Some(area) = control.dyn_ref::<HtmlTextAreaElement>() {
                return text(area.value());
            } else if let Some(select) = control.dyn_ref::<HtmlSelectElement>() {
                if !select.multiple() {
                    return text(select.value());
                }
            }
        }
        self.value_of(path)
    }

    /// What `path` holds: `null` when blank (a blank is unanswered, never 否).
    pub fn value_of(&self, path: &str) -> Value {
        if TABLES.contains(&path) && self.table(path).is_some() {
            return self.read_table(path);
        }
        let controls = self.controls_for(path);
        // A hidden input beside a check box under the same name (`<input type=hidden value=0>`,
        // as server frameworks write one so that an unticked box posts something) is not the
        // control the applicant answers.
        let shown = |c: &&Element| {
            c.dyn_ref::<HtmlInputElement>()
                .is_none_or(|i| i.type_() != "hidden")
        };
        let Some(first) = controls.iter().find(shown).or(controls.first()) else {
            return Input::Null;
        };
        if let Some(input) = first.dyn_ref::<HtmlInputElement>() {
            match input.type_().as_str() {
                "checkbox" => {
                    let boxes: Vec<&HtmlInputElement> = controls
                        .iter()
                        .filter_map(|c| c.dyn_ref::<HtmlInputElement>())
                        .filter(|c| c.type_() == "checkbox")
                        .collect();
                    if boxes.len() > 1
                        || TABLES.contains(&path)
                        || first.has_attribute("data-gov-multi")
                    {
                        return Input::Array(
                            boxes
                                .iter()
                                .filter(|b| b.checked())
                                .map(|b| ticked(b))
                                .collect(),
                        );
                    }
                    return Input::Bool(input.checked());
                }
                "radio" => {
                    return controls
                        .iter()
                        .filter_map(|c| c.dyn_ref::<HtmlInputElement>())
                        .find(|c| c.checked())
                        .map_or(Input::Null, |c| string(c.value()));
                }
                _ => return text(input.value()),
            }
        }
        if let Some(select) = first.dyn_ref::<HtmlSelectElement>() {
            if select.multiple() {
                let chosen = select.selected_options();
                return Input::Array(
                    (0..chosen.length())
                        .filter_map(|i| chosen.item(i))
                        .filter_map(|o| o.dyn_into::<web_sys::HtmlOptionElement>().ok())
                        .map(|o| string(o.value()))
                        .collect(),
                );
            }
            return text(select.value());
        }
        if let Some(area) = first.dyn_ref::<HtmlTextAreaElement>() {
            return text(area.value());
        }
        Input::Null
    }

    /// A table's rows, each an object of its non-blank cells.
    pub fn read_table(&self, path: &str) -> Value {
        let Some(table) = self.table(path) else {
            return Input::Null;
        };
        Input::Array(
            all(&table, "[data-gov-row]")
                .iter()
                .map(|row| {
                    let mut cells = Members::new();
                    for cell in all(row, "[data-gov-cell]") {
                        let (Some(name), value @ Input::String(_)) =
                            (cell.get_attribute("data-gov-cell"), value(&cell))
                        else {
                            continue;
                        };
                        set(&mut cells, name, value);
                    }
                    Input::Object(cells)
                })
                .collect(),
        )
    }

    /// Every path the form holds, in form order, less `skip`.
    pub fn paths(&self, skip: &dyn Fn(&str) -> bool) -> Vec<String> {
        let mut paths: Vec<String> = self.mapped.iter().map(|(p, _)| p.clone()).collect();
        for control in self.elements() {
            if let Some(path) = self.path_of(&control) {
                if !paths.contains(&path) {
                    paths.push(path);
                }
            }
        }
        for table in all(&self.form, "[data-gov-table]") {
            if let Some(path) = table.get_attribute("data-gov-table") {
                if !paths.contains(&path) {
                    paths.push(path);
                }
            }
        }
        paths.retain(|p| !skip(p));
        paths
    }

    /// The application `paths` hold, blanks left out.
    pub fn read(&self, paths: &[String]) -> Value {
        let mut application = Members::new();
        for path in paths {
            let value = self.value_of(path);
            if !matches!(value, Input::Null) {
                put(&mut application, path, value);
            }
        }
        Input::Object(application)
    }

    /// The control an error belongs to: a missing document's own check box, a table's row and
    /// cell, or the nearest control of the path or the group it lies in.
    pub fn anchor_for(&self, path: &str, document: Option<&str>) -> Option<Element> {
        if path.is_empty() {
            return None;
        }
        if let Some(kind) = document {
            let own = self.controls_for(path).into_iter().find(|c| {
                c.dyn_ref::<HtmlInputElement>()
                    .is_some_and(|i| i.value() == kind)
            });
            if own.is_some() {
                return own;
            }
        }
        if let Some((table, row, cell)) = row_path(path) {
            if let Some(row) = self
                .table(table)
                .and_then(|t| all(&t, "[data-gov-row]").into_iter().nth(row))
            {
                let cell = cell.and_then(|c| first(&row, &format!("[data-gov-cell=\"{c}\"]")));
                return cell.or_else(|| first(&row, "[data-gov-cell]"));
            }
            return self.controls_for(table).into_iter().next();
        }
        let mut at = path;
        loop {
            if let Some(control) = self.controls_for(at).into_iter().next() {
                return Some(control);
            }
            if let Some(table) = self.table(at) {
                return first(&table, "[data-gov-cell]").or(Some(table));
            }
            at = at.rsplit_once('.')?.0;
        }
    }

    /// The slot a portal set aside for a field's errors (`data-gov-error-for`).
    pub fn slot_for(&self, field: &str) -> Option<Element> {
        all(&self.form, "[data-gov-error-for]")
            .into_iter()
            .find(|slot| slot.get_attribute("data-gov-error-for").as_deref() == Some(field))
    }
}

/// The elements under `root` that match `selector`, in document order.
pub(super) fn all(root: &Element, selector: &str) -> Vec<Element> {
    root.query_selector_all(selector)
        .map(|list| {
            (0..list.length())
                .filter_map(|i| list.item(i))
                .filter_map(|n| n.dyn_into::<Element>().ok())
                .collect()
        })
        .unwrap_or_default()
}

fn first(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}

fn table_of(control: &Element) -> Option<Element> {
    control.closest("[data-gov-table]").ok().flatten()
}

fn own_path(control: &Element) -> Option<String> {
    // The hidden field that carries the application (`applicationField`) holds no field of it.
    if control.has_attribute("data-gov-application") {
        return None;
    }
    control
        .get_attribute("data-gov-field")
        .or_else(|| control.get_attribute("name"))
        .filter(|name| !name.is_empty())
}

fn string(value: String) -> Value {
    Input::String(Cow::Owned(value))
}

fn text(value: String) -> Value {
    if value.is_empty() {
        Input::Null
    } else {
        string(value)
    }
}

/// A cell's value as text (`null` when blank).
fn value(control: &Element) -> Value {
    if let Some(c) = control.dyn_ref::<HtmlInputElement>() {
        return text(c.value());
    }
    if let Some(c) = control.dyn_ref::<HtmlSelectElement>() {
        return text(c.value());
    }
    control
        .dyn_ref::<HtmlTextAreaElement>()
        .map_or(Input::Null, |c| text(c.value()))
}

/// A ticked box of a list: its value, or `{kind, chapters}` where the box says which chapters the
/// document has (`data-gov-chapters="a,b"`; by their names, 「信息资源共享分析，数据资源目录」 with a
/// full-width comma too).
fn ticked(input: &HtmlInputElement) -> Value {
    match input.get_attribute("data-gov-chapters") {
        Some(chapters) => {
            let mut doc = Members::new();
            set(&mut doc, "kind".into(), string(input.value()));
            let chapters = chapters
                .split([',', '，'])
                .filter(|c| !c.is_empty())
                .map(|c| string(c.to_string()))
                .collect();
            set(&mut doc, "chapters".into(), Input::Array(chapters));
            Input::Object(doc)
        }
        None => string(input.value()),
    }
}

/// The member `key` of an object, made `null` where there is none, in its place by key.
fn slot<'m>(members: &'m mut Members, key: Cow<'static, str>) -> Option<&'m mut Value> {
    let at = match crate::model::input::find_member(members, &key) {
        Ok(at) => at,
        Err(at) => {
            members.insert(at, (key, Input::Null));
            at
        }
    };
    members.get_mut(at).map(|(_, value)| value)
}

fn set(members: &mut Members, key: String, value: Value) {
    if let Some(slot) = slot(members, Cow::Owned(key)) {
        *slot = value;
    }
}

/// Puts `value` at the dotted `path` of an object, making the groups on the way.
fn put(members: &mut Members, path: &str, value: Value) {
    match path.split_once('.') {
        None => set(members, path.to_string(), value),
        Some((head, rest)) => {
            let Some(group) = slot(members, Cow::Owned(head.to_string())) else {
                return;
            };
            if !matches!(group, Input::Object(_)) {
                *group = Input::Object(Vec::new());
            }
            if let Input::Object(inner) = group {
                put(inner, rest, value);
            }
        }
    }
}

/// `resources[2].sharing` → (`resources`, 2, Some(`sharing`)).
fn row_path(path: &str) -> Option<(&'static str, usize, Option<&str>)> {
    TABLES.iter().find_map(|&table| {
        let rest = path.strip_prefix(table)?.strip_prefix('[')?;
        let (index, tail) = rest.split_once(']')?;
        let row = index.parse().ok()?;
        Some((table, row, tail.strip_prefix('.')))
    })
}
