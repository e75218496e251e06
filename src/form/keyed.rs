//! A list of elements kept in step with a list of keyed items: an item whose key and content are
//! unchanged keeps its element untouched; a changed one gets a new element in its place; gone ones
//! are removed; new ones are inserted where they belong. This is what keeps the page still while
//! the applicant types: the summary, the field messages and the verdict panel are patched by key,
//! never rebuilt.

use web_sys::Element;

/// Brings an element up to date in place; `false` when it must be made afresh.
pub type Patch<'a> = Box<dyn FnOnce(&Element) -> bool + 'a>;

/// An item to show: its identity, what it shows (compared to tell whether it changed), how to
/// make its element, and how to bring the element of the same key up to date in place, where
/// that is possible (a distance that changed with each keystroke, in an entry otherwise the same).
pub struct Wanted<'a> {
    pub key: String,
    pub content: String,
    pub make: Box<dyn FnOnce() -> Option<Element> + 'a>,
    pub patch: Option<Patch<'a>>,
}

struct Shown {
    key: String,
    content: String,
    element: Element,
}

/// The items shown in `parent`, in order; `parent` holds nothing else.
pub struct Keyed {
    parent: Element,
    shown: Vec<Shown>,
}

/// What a sync did, so that the caller can tell whether anything changed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Touched {
    pub added: usize,
    pub removed: usize,
}

impl Keyed {
    pub fn new(parent: Element) -> Keyed {
        Keyed {
            parent,
            shown: Vec::new(),
        }
    }

    pub fn parent(&self) -> &Element {
        &self.parent
    }

    pub fn is_empty(&self) -> bool {
        self.shown.is_empty()
    }

    /// The elements shown, with their keys.
    pub fn elements(&self) -> impl Iterator<Item = (&str, &Element)> {
        self.shown.iter().map(|s| (s.key.as_str(), &s.element))
    }

    /// Shows exactly `wanted`, in its order.
    pub fn sync(&mut self, wanted: Vec<Wanted>) -> Touched {
        let mut touched = Touched::default();
        let mut old = std::mem::take(&mut self.shown);
        let mut next: Vec<Shown> = Vec::with_capacity(wanted.len());
        for item in wanted {
            let kept = old
                .iter()
                .position(|s| s.key == item.key && s.content == item.content)
                .map(|at| old.swap_remove(at));
            let kept = kept.or_else(|| {
                let patch = item.patch?;
                let at = old.iter().position(|s| s.key == item.key)?;
                let element = old.get(at).map(|s| s.element.clone())?;
                patch(&element).then(|| {
                    let mut shown = old.swap_remove(at);
                    shown.content = item.content.clone();
                    shown
                })
            });
            match kept {
                Some(shown) => next.push(shown),
                None => {
                    let Some(element) = (item.make)() else {
                        continue;
                    };
                    touched.added += 1;
                    next.push(Shown {
                        key: item.key,
                        content: item.content,
                        element,
                    });
                }
            }
        }
        for gone in old {
            gone.element.remove();
            touched.removed += 1;
        }
        // Each element after the one before it; only those out of place move.
        let mut before: Option<&Element> = None;
        for shown in &next {
            let in_place = match before {
                Some(prev) => prev.next_element_sibling().as_ref() == Some(&shown.element),
                None => self.parent.first_element_child().as_ref() == Some(&shown.element),
            };
            if !in_place {
                let _ = match before {
                    Some(prev) => prev.after_with_node_1(&shown.element),
                    None => self.parent.prepend_with_node_1(&shown.element),
                };
            }
            before = Some(&shown.element);
        }
        self.shown = next;
        touched
    }

    /// Removes every item.
    pub fn clear(&mut self) {
        for shown in self.shown.drain(..) {
            shown.element.remove();
        }
    }
}
