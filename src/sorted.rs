//! Sets and maps kept as sorted vectors, for every one the crate keeps: a profile's documents,
//! chapters and parameters, document names, labels, the paths rejected on reading, the portal
//! parameters a verdict lacked, the fields edited and shown, the portal's holidays and swapped
//! working days, parameter values and message overrides, a diagnostic's parameters. They are
//! small and built once, and looking one up is a binary search as in a `BTreeSet` or `BTreeMap`;
//! but each B-tree of another element type adds kilobytes of code to the wasm module (the four
//! the crate had, ~13 KB raw), where a vector's code is a fraction of that. The browser modules
//! have no B-tree left: the application, its tables and the options are `model::Input`, whose
//! objects are sorted vectors too, not serde_json's object. For the same reason the crate's one
//! sort is here ([`sort_by`]), and maps are built by insertion or one sort ([`gathered`],
//! `collect()`).

use std::borrow::Borrow;
use std::cmp::Ordering;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde::Serialize;

/// Sorts `items` by `order`, stably: equal items keep the order they had.
///
/// The standard library's sorts are compiled anew for each element type and comparison, ~4 KB
/// of wasm each; this one sorts positions, in one merge sort for every caller, and then moves the
/// items into place. Up to 32 items it allocates nothing, and above that one buffer of positions.
pub fn sort_by<T>(items: &mut [T], mut order: impl FnMut(&T, &T) -> Ordering) {
    let len = items.len();
    let Some(both_halves) = len.checked_mul(2).filter(|_| len >= 2) else {
        return;
    };
    let mut on_stack = [0; 2 * SMALL];
    let mut on_heap = Vec::new();
    let buffer = match on_stack.get_mut(..both_halves) {
        Some(buffer) => buffer,
        None => {
            on_heap.resize(both_halves, 0);
            on_heap.as_mut_slice()
        }
    };
    let shown: &[T] = items;
    let placed = merge_sort(
        buffer,
        len,
        &mut |a, b| match (shown.get(a), shown.get(b)) {
            (Some(a), Some(b)) => order(a, b),
            _ => Ordering::Equal,
        },
    );
    // `placed[k]` is the position the item now at `k` came from: follow each cycle of moves,
    // marking a place done by pointing it at itself.
    for start in 0..len {
        let mut at = start;
        while let Some(from) = placed.get_mut(at).map(|p| std::mem::replace(p, at)) {
            if from == start || from == at {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

/// Sorts `items` in their own order, stably.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// Items a sort orders without allocating.
const SMALL: usize = 32;

/// The positions `0..len`, in the order `order` gives them: runs of [`RUN`] sorted by insertion,
/// then merged in pairs from one half of `buffer` into the other; the half that ends with them.
fn merge_sort<'b>(
    buffer: &'b mut [usize],
    len: usize,
    order: &mut dyn FnMut(usize, usize) -> Ordering,
) -> &'b mut [usize] {
    // `buffer` holds two halves of `len`, as `sort_by` makes it.
    let Some((mut from, mut into)) = buffer.split_at_mut_checked(len) else {
        return &mut [];
    };
    for (at, position) in from.iter_mut().enumerate() {
        *position = at;
    }
    for run in from.chunks_mut(RUN) {
        for end in 1..run.len() {
            let mut at = end;
            while let (Some(&before), Some(&this)) = (run.get(at.wrapping_sub(1)), run.get(at)) {
                if order(this, before) != Ordering::Less {
                    break;
                }
                run.swap(at - 1, at);
                at -= 1;
            }
        }
    }
    let mut run = RUN;
    while run < len {
        let mut start = 0;
        while start < len {
            let middle = (start + run).min(len);
            let end = (middle + run).min(len);
            let (mut left, mut right, mut out) = (start, middle, start);
            // Two runs already in order are copied without merging: a list in order costs one
            // comparison per run.
            if let (Some(&last), Some(&first)) =
                (from.get(middle.wrapping_sub(1)), from.get(middle))
            {
                if order(first, last) != Ordering::Less {
                    right = end;
                    left = middle;
                    if let (Some(into), Some(from)) =
                        (into.get_mut(start..end), from.get(start..end))
                    {
                        into.copy_from_slice(from);
                    }
                    out = end;
                }
            }
            while let Some(slot) = into.get_mut(out) {
                let next = match (from.get(left), from.get(right)) {
                    (Some(&l), Some(&r)) if left < middle && right < end => {
                        if order(r, l) == Ordering::Less {
                            right += 1;
                            r
                        } else {
                            left += 1;
                            l
                        }
                    }
                    (Some(&l), _) if left < middle => {
                        left += 1;
                        l
                    }
                    (_, Some(&r)) if right < end => {
                        right += 1;
                        r
                    }
                    _ => break,
                };
                *slot = next;
                out += 1;
            }
            start = end;
        }
        std::mem::swap(&mut from, &mut into);
        run *= 2;
    }
    from
}

/// Positions sorted by insertion before merging.
const RUN: usize = 8;

/// `items` gathered into `C` one by one, as `Extend` does: for a `BTreeMap` (or a JSON object)
/// the same map as `collect()` gives, a later value for a key replacing the earlier. `collect()`
/// sorts the pairs first, to build the tree in bulk, and that sort is compiled anew for each place
/// that collects (~3 KB of wasm each); inserting uses the map's own code.
pub fn gathered<C: Default + Extend<T>, T>(items: impl IntoIterator<Item = T>) -> C {
    let mut into = C::default();
    into.extend(items);
    into
}

/// A set, in order.
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
        sort(&mut values);
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

/// A map, in the order of its keys. Ordered as its entries are, key by key, as a `BTreeMap` is.
/// Written as a JSON object.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SortedMap<K, V>(Vec<(K, V)>);

impl<K, V> Default for SortedMap<K, V> {
    fn default() -> SortedMap<K, V> {
        SortedMap(Vec::new())
    }
}

impl<K: Ord, V> SortedMap<K, V> {
    /// Sets `key` to `value`; the value it had, if any.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.0.binary_search_by(|(k, _)| k.cmp(&key)) {
            Ok(at) => self.0.get_mut(at).map(|(_, v)| std::mem::replace(v, value)),
            Err(at) => {
                self.0.insert(at, (key, value));
                None
            }
        }
    }

    pub fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        let at = self.0.binary_search_by(|(k, _)| k.borrow().cmp(key)).ok()?;
        self.0.get(at).map(|(_, v)| v)
    }

    pub fn get_mut<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<&mut V>
    where
        K: Borrow<Q>,
    {
        let at = self.0.binary_search_by(|(k, _)| k.borrow().cmp(key)).ok()?;
        self.0.get_mut(at).map(|(_, v)| v)
    }

    pub fn contains_key<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        self.get(key).is_some()
    }

    /// In the order of the keys.
    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.into_iter()
    }

    pub fn keys(&self) -> impl Iterator<Item = &K> {
        self.0.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.0.iter().map(|(_, v)| v)
    }

    /// The pairs, in any order, as a map; of equal keys the last one's value is kept, as
    /// `BTreeMap`'s `collect()` and `extend()` keep it. One sort, not one insertion per pair:
    /// building a map of n pairs is O(n log n).
    fn from_pairs(mut pairs: Vec<(K, V)>) -> SortedMap<K, V> {
        sort_by(&mut pairs, |a, b| a.0.cmp(&b.0));
        // Stable, so equal keys are in the order given: move each later pair into the kept
        // place, and drop the earlier.
        pairs.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                std::mem::swap(later, kept);
            }
            same
        });
        SortedMap(pairs)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// Gives back the room for entries not used.
    pub fn shrink_to_fit(&mut self) {
        self.0.shrink_to_fit();
    }
}

impl<'a, K, V> IntoIterator for &'a SortedMap<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (K, V)>, fn(&'a (K, V)) -> (&'a K, &'a V)>;

    /// In the order of the keys.
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl<K: Ord, V> FromIterator<(K, V)> for SortedMap<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(pairs: I) -> SortedMap<K, V> {
        SortedMap::from_pairs(pairs.into_iter().collect())
    }
}

impl<K: Ord, V> Extend<(K, V)> for SortedMap<K, V> {
    /// A later value for a key replaces the earlier, as `insert` does.
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, pairs: I) {
        let mut all = std::mem::take(&mut self.0);
        all.extend(pairs);
        *self = SortedMap::from_pairs(all);
    }
}

impl<K, V> IntoIterator for SortedMap<K, V> {
    type Item = (K, V);
    type IntoIter = std::vec::IntoIter<(K, V)>;

    /// In the order of the keys.
    fn into_iter(self) -> std::vec::IntoIter<(K, V)> {
        self.0.into_iter()
    }
}

impl<K: Serialize, V: Serialize> Serialize for SortedMap<K, V> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self)
    }
}

/// Read from a JSON object (or any map); of repeated keys the last is kept, as serde_json's
/// `Map` keeps it.
impl<'de, K: Ord + Deserialize<'de>, V: Deserialize<'de>> Deserialize<'de> for SortedMap<K, V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<SortedMap<K, V>, D::Error> {
        struct Pairs<K, V>(std::marker::PhantomData<(K, V)>);
        impl<'de, K: Ord + Deserialize<'de>, V: Deserialize<'de>> Visitor<'de> for Pairs<K, V> {
            type Value = SortedMap<K, V>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SortedMap<K, V>, A::Error> {
                let mut pairs = Vec::new();
                while let Some(pair) = map.next_entry()? {
                    pairs.push(pair);
                }
                Ok(SortedMap::from_pairs(pairs))
            }
        }
        deserializer.deserialize_map(Pairs(std::marker::PhantomData))
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

    #[test]
    fn sort_by_is_the_standard_stable_sort() {
        // Lengths across the stack buffer's bound, keys with many ties to show stability.
        let mut seed = 0x2545_f491_u32;
        for len in [0, 1, 2, 3, 7, 31, 32, 33, 64, 65, 100, 1000] {
            let items: Vec<(u32, usize)> = (0..len)
                .map(|at| {
                    seed ^= seed << 13;
                    seed ^= seed >> 17;
                    seed ^= seed << 5;
                    (seed % 7, at)
                })
                .collect();
            let mut in_order = items.clone();
            in_order.sort_by_key(|a| a.0);
            let mut reversed = in_order.clone();
            reversed.reverse();
            for items in [items, in_order, reversed] {
                let mut ours = items.clone();
                sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
                let mut standard = items;
                standard.sort_by_key(|a| a.0);
                assert_eq!(ours, standard, "{len} items");
            }
        }
        let mut words = vec!["b", "c", "a", "b"];
        sort(&mut words);
        assert_eq!(words, ["a", "b", "b", "c"]);
    }

    #[test]
    fn gathered_is_collected_without_the_sort() {
        let pairs = [("b", 1), ("a", 2), ("b", 3)];
        let gathered: std::collections::BTreeMap<&str, i32> = gathered(pairs);
        assert_eq!(gathered, pairs.into_iter().collect());
        assert_eq!(gathered.get("b"), Some(&3));
    }

    #[test]
    fn a_key_holds_its_last_value() {
        let mut map = SortedMap::default();
        assert_eq!(map.insert("b".to_string(), 1), None);
        assert_eq!(map.insert("a".to_string(), 2), None);
        assert_eq!(map.insert("b".to_string(), 3), Some(1));
        assert_eq!(map.get("b"), Some(&3));
        assert_eq!(map.get("c"), None);
        let keys: Vec<&String> = map.iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["a", "b"]);
    }

    /// Collected, extended or read from JSON, a map holds what a `BTreeMap` holds, in the same
    /// order, repeated keys included.
    #[test]
    fn a_map_is_built_as_a_b_tree_is() {
        let mut seed = 0x9e37_79b9_u32;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed
        };
        for len in [0, 1, 2, 9, 40, 300] {
            let pairs: Vec<(u32, u32)> = (0..len).map(|_| (next() % 50, next())).collect();
            let (first, second) = pairs.split_at(len / 3);
            let expected: std::collections::BTreeMap<u32, u32> = pairs.iter().copied().collect();
            let expected: Vec<(u32, u32)> = expected.into_iter().collect();

            let collected: SortedMap<u32, u32> = pairs.iter().copied().collect();
            assert_eq!(collected.into_iter().collect::<Vec<_>>(), expected);
            let mut extended: SortedMap<u32, u32> = first.iter().copied().collect();
            extended.extend(second.iter().copied());
            assert_eq!(
                extended.iter().map(|(k, v)| (*k, *v)).collect::<Vec<_>>(),
                expected
            );

            let text = format!(
                "{{{}}}",
                pairs
                    .iter()
                    .map(|(k, v)| format!("\"{k:03}\":{v}"))
                    .collect::<Vec<_>>()
                    .join(",")
            );
            let read: SortedMap<String, u32> = serde_json::from_str(&text).unwrap();
            let by_b_tree: std::collections::BTreeMap<String, u32> =
                serde_json::from_str(&text).unwrap();
            assert!(read.into_iter().eq(by_b_tree));
        }
    }
}
