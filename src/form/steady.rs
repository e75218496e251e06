//! The control being typed into kept where it stands on screen while the page changes around it.
//!
//! A verdict panel at the top of the form grows when an amount crosses a threshold (a list of
//! documents appears) and the summary shrinks as errors are mended: the field under the caret,
//! and an input method's candidate window with it, would move by as much, off screen on a small
//! window. Browsers anchor scrolling to the focused field only once the page has been scrolled,
//! and Safari not at all, so the component scrolls back by what the field moved itself.

use web_sys::{Document, Element, HtmlFormElement};

/// A focused control of the form and its distance from the top of the viewport.
pub struct Place {
    control: Element,
    top: f64,
}

impl Place {
    /// The focused control, if it is in `form`, where it stands now.
    pub fn of_focused(doc: &Document, form: &HtmlFormElement) -> Option<Place> {
        let control = doc.active_element()?;
        if &control == form.as_ref() || !form.contains(Some(&control)) {
            return None;
        }
        let top = control.get_bounding_client_rect().top();
        Some(Place { control, top })
    }

    /// Scrolls the control's nearest scrolling container (a portal's layout may scroll a `<main>`
    /// rather than the page), then the next, back by what the control moved since. A container
    /// whose scrolling does not move the control (the page behind a fixed dialog) is put back.
    pub fn keep(self) {
        if !self.control.is_connected() {
            return;
        }
        let moved = |p: &Place| p.control.get_bounding_client_rect().top() - p.top;
        let mut by = moved(&self);
        let doc = self.control.owner_document();
        let window = doc.as_ref().and_then(|d| d.default_view());
        let page = doc.as_ref().and_then(|d| d.scrolling_element());
        let mut container = self.control.parent_element();
        while by.abs() >= 1.0 {
            let Some(element) = container else {
                break;
            };
            if element.scroll_height() > element.client_height()
                && (page.as_ref() == Some(&element) || scrolls(window.as_ref(), &element))
            {
                let before = element.scroll_top();
                // Rounded: a container scrolls by whole pixels; what is left stays under one.
                element.set_scroll_top(before.saturating_add(by.round() as i32));
                let now = moved(&self);
                if (now - by).abs() < 1.0 {
                    element.set_scroll_top(before);
                } else {
                    by = now;
                }
            }
            container = element.parent_element();
        }
    }
}

/// Whether `element` scrolls its content (`overflow-y: auto` or `scroll`): one that clips it
/// (`hidden`) would hide what it scrolled past.
fn scrolls(window: Option<&web_sys::Window>, element: &Element) -> bool {
    window
        .and_then(|w| w.get_computed_style(element).ok().flatten())
        .and_then(|style| style.get_property_value("overflow-y").ok())
        .is_some_and(|o| matches!(o.as_str(), "auto" | "scroll" | "overlay"))
}
