//! When a field's errors are shown, after the GOV.UK Design System's error pattern and Baymard's
//! inline-validation findings: once the applicant has changed the field and left it, or on
//! submit; never for passing through a field, and never while typing (an error already shown goes
//! as soon as the value is right, which the DOM code does by removing what the report no longer
//! has).

use crate::sorted::SortedSet;

/// The fields whose errors are shown.
#[derive(Debug, Default, Clone)]
pub struct Reveal {
    edited: SortedSet<String>,
    shown: SortedSet<String>,
    submitted: bool,
}

impl Reveal {
    /// The applicant typed into the field (an `input` event).
    pub fn edit(&mut self, field: &str) {
        if !self.edited.contains(field) {
            self.edited.insert(field.to_string());
        }
    }

    /// The applicant left the field: its errors are shown if they changed it. Returns whether
    /// that revealed it now.
    pub fn leave(&mut self, field: &str) -> bool {
        self.edited.contains(field) && self.shown.insert(field.to_string())
    }

    /// A choice was made (a check box, a radio button, a list): the change and the leaving are
    /// one act.
    pub fn choose(&mut self, field: &str) -> bool {
        self.edit(field);
        self.leave(field)
    }

    /// The form was submitted: every error is shown from now on.
    pub fn submit(&mut self) {
        self.submitted = true;
    }

    pub fn submitted(&self) -> bool {
        self.submitted
    }

    /// Whether an error at `path` is shown: the form was submitted, or the field it is at, a field
    /// within it (a sum at `funding.thisYear` once `funding.thisYear.total` was left), the group
    /// or table it lies in, or, for a table's own error, one of its rows was revealed.
    pub fn shows(&self, path: &str) -> bool {
        if self.submitted {
            return true;
        }
        let field = field_of(path);
        self.shown.iter().any(|s| {
            s == field
                || nested(field, s)
                || nested(s, field)
                || s == table_of(field)
                || table_of(s) == field
        })
    }

    /// Forgets what was edited and shown, as for a form loaded afresh.
    pub fn reset(&mut self) {
        *self = Reveal::default();
    }
}

/// The field an error's path belongs to: a table row for its cells (`resources[2].sharing` →
/// `resources[2]`), otherwise the path itself.
pub fn field_of(path: &str) -> &str {
    for table in ["resources", "documents"] {
        if let Some(rest) = path.strip_prefix(table) {
            if rest.starts_with('[') {
                let end = rest.find(']').map_or(path.len(), |i| table.len() + i + 1);
                return path.get(..end).unwrap_or(path);
            }
            if rest.is_empty() || rest.starts_with('.') {
                return table;
            }
        }
    }
    path
}

/// `resources[2]` → `resources`; any other path is its own.
fn table_of(field: &str) -> &str {
    field.split_once('[').map_or(field, |(table, _)| table)
}

/// `inner` lies under `outer` (`outer.x`).
fn nested(inner: &str, outer: &str) -> bool {
    inner
        .strip_prefix(outer)
        .is_some_and(|rest| rest.starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passing_through_shows_nothing() {
        let mut r = Reveal::default();
        assert!(!r.leave("name"));
        assert!(!r.shows("name"));
    }

    #[test]
    fn changed_and_left_shows_that_field_only() {
        let mut r = Reveal::default();
        r.edit("totalInvestment");
        assert!(!r.shows("totalInvestment"), "not while typing");
        assert!(r.leave("totalInvestment"));
        assert!(r.shows("totalInvestment"));
        assert!(!r.shows("name"));
        assert!(!r.leave("totalInvestment"), "already shown");
    }

    #[test]
    fn groups_and_rows() {
        let mut r = Reveal::default();
        r.edit("funding.thisYear.total");
        r.leave("funding.thisYear.total");
        assert!(r.shows("funding.thisYear"), "a sum over the group");
        assert!(!r.shows("funding.lastYear"));
        r.choose("resources");
        assert!(r.shows("resources[3].sharing"));
        assert_eq!(field_of("resources[3].sharing"), "resources[3]");
        assert_eq!(field_of("documents"), "documents");
        assert_eq!(field_of("documents[0].chapters"), "documents[0]");
    }

    #[test]
    fn a_row_left_shows_its_own_errors_and_the_tables_not_another_rows() {
        let mut r = Reveal::default();
        r.edit("resources[1]");
        r.leave("resources[1]");
        assert!(r.shows("resources[1].condition"));
        assert!(r.shows("resources"), "the table's own error");
        assert!(!r.shows("resources[0].condition"));
        assert!(!r.shows("resources[2].name"));
    }

    #[test]
    fn submit_shows_everything() {
        let mut r = Reveal::default();
        r.submit();
        assert!(r.shows("anything"));
        r.reset();
        assert!(!r.shows("anything"));
    }
}
