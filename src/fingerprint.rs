//! A 64-bit fingerprint of a value, by its `Hash`: what a live validator keeps of a part of its
//! report once an answer has carried it, to tell at the next edit whether the part changed
//! (`src/live.rs`). Texts of a few hundred bytes are hashed eight bytes at a time.

use std::hash::{Hash, Hasher};
use std::num::NonZeroU64;

/// Never zero, so that an `Option` of one takes no more room than it.
pub(crate) type Fingerprint = NonZeroU64;

/// The fingerprint of `value`; equal values have equal fingerprints, and two different ones the
/// same with a chance of about one in 2⁶⁴.
pub(crate) fn of<T: Hash + ?Sized>(value: &T) -> Fingerprint {
    let mut hasher = Fingerprinter(SEED);
    value.hash(&mut hasher);
    NonZeroU64::new(hasher.finish()).unwrap_or(NonZeroU64::MIN)
}

/// The fingerprint of a run of bytes, the same on every platform (a slice's `Hash` also writes
/// its length as a `usize`, whose width differs between wasm32 and a server).
pub(crate) fn of_bytes(bytes: &[u8]) -> u64 {
    let mut hasher = Fingerprinter(SEED);
    hasher.write(bytes);
    hasher.finish()
}

const SEED: u64 = 0x243f_6a88_85a3_08d3;
const MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;

/// Each word mixed in by a rotation, an exclusive or and a multiplication (as rustc's FxHasher);
/// the result mixed once more so that every bit of the state reaches every bit of the
/// fingerprint (MurmurHash3's finaliser).
struct Fingerprinter(u64);

impl Fingerprinter {
    fn word(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(MULTIPLIER);
    }
}

impl Hasher for Fingerprinter {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in chunks.by_ref() {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.word(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0; 8];
            if let Some(start) = word.get_mut(..rest.len()) {
                start.copy_from_slice(rest);
            }
            // The length too, so that a tail of zero bytes is not the same as none.
            self.word(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, value: u8) {
        self.word(u64::from(value));
    }

    fn write_u32(&mut self, value: u32) {
        self.word(u64::from(value));
    }

    fn write_u64(&mut self, value: u64) {
        self.word(value);
    }

    fn write_usize(&mut self, value: usize) {
        self.word(value as u64);
    }

    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_that_differ_in_one_byte_or_in_length_differ() {
        let base = "预计总投资 300.01 万元，属于「投资金额超过300万元」（300 万元）";
        let mut seen = std::collections::BTreeSet::new();
        assert!(seen.insert(of(base)));
        let bytes = base.as_bytes();
        for at in 0..bytes.len() {
            let mut changed = bytes.to_vec();
            changed[at] ^= 1;
            assert!(seen.insert(of(&changed[..])), "byte {at}");
        }
        for len in 0..bytes.len() {
            assert!(seen.insert(of(&bytes[..len])), "length {len}");
        }
        assert!(seen.insert(of(&[0u8][..])));
        assert_eq!(of(base), of(&base.to_string()));
    }

    #[test]
    fn where_one_text_ends_and_the_next_begins_counts() {
        assert_ne!(of(&("ab", "c")), of(&("a", "bc")));
        assert_ne!(of(&vec!["a", "b"]), of(&vec!["ab"]));
    }
}
