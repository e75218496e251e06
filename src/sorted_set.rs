//! A set kept as a sorted vector, for the sets the engine and the form component keep: the paths
//! rejected on reading, the portal parameters a verdict lacked, the fields edited and shown, the
//! portal's holidays and swapped working days. They
//! are small, and looking one up is a binary search as in a `BTreeSet`; but each `BTreeSet` or
//! `BTreeMap` of another element type adds kilobytes of code to the wasm module, and one
//! vector's code serves them all.

use std::borrow::Borrow;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SortedSet<T>(Vec<T>);

impl<T> Default for SortedSet<T> {
    fn default() -> SortedSet<T> {
        SortedSet(Vec::new())
    }
}

impl<T: Ord> SortedSet<T> {
    /// Adds `value`; whether it was not there already.
    pub fn insert(&mut self, value: T) -> bool {
        match self.0.binary_search(&value) {
            Ok(_) => false,
            Err(at) => {
                self.0.insert(at, value);
                true
            }
        }
    }

    pub fn contains<Q: Ord + ?Sized>(&self, value: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        self.0.binary_search_by(|v| v.borrow().cmp(value)).is_ok()
    }

    /// In order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }
}

impl<T: Ord> FromIterator<T> for SortedSet<T> {
    fn from_iter<I: IntoIterator<Item = T>>(values: I) -> SortedSet<T> {
        let mut values: Vec<T> = values.into_iter().collect();
        values.sort_unstable();
        values.dedup();
        SortedSet(values)
    }
}

impl<T> IntoIterator for SortedSet<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    /// In order.
    fn into_iter(self) -> std::vec::IntoIter<T> {
        self.0.into_iter()
    }
}

impl<T: Ord> Extend<T> for SortedSet<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, values: I) {
        for value in values {
            self.insert(value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_held_once_and_in_order() {
        let mut set: SortedSet<String> = ["b", "a", "b"].into_iter().map(String::from).collect();
        assert!(set.insert("c".into()));
        assert!(!set.insert("a".into()));
        assert!(set.contains("a") && !set.contains("d"));
        assert_eq!(
            set.iter().map(String::as_str).collect::<Vec<_>>(),
            ["a", "b", "c"]
        );
        set.extend(["0".to_string(), "c".to_string()]);
        assert_eq!(set.iter().count(), 4);
        set.clear();
        assert!(set.is_empty());
    }
}
