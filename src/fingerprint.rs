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
pub(crate) const fn of_bytes(bytes: &[u8]) -> u64 {
    finish(mix_bytes(SEED, bytes))
}

const SEED: u64 = 0x243f_6a88_85a3_08d3;
const MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;

/// Each word mixed in by a rotation, an exclusive or and a multiplication (as rustc's FxHasher);
/// the result mixed once more so that every bit of the state reaches every bit of the
/// fingerprint (MurmurHash3's finaliser).
struct Fingerprinter(u64);

const fn mix(state: u64, word: u64) -> u64 {
    (state.rotate_left(5) ^ word).wrapping_mul(MULTIPLIER)
}

/// `state` with `bytes` mixed in eight at a time, the last few as one word with their count.
const fn mix_bytes(mut state: u64, mut bytes: &[u8]) -> u64 {
    while let Some((chunk, rest)) = bytes.split_first_chunk::<8>() {
        state = mix(state, u64::from_le_bytes(*chunk));
        bytes = rest;
    }
    if !bytes.is_empty() {
        // The length too, so that a tail of zero bytes is not the same as none.
        let mut word = (bytes.len() as u64) << 59;
        let mut shift = 0;
        while let Some((&byte, rest)) = bytes.split_first() {
            word ^= (byte as u64) << shift;
            shift += 8;
            bytes = rest;
        }
        state = mix(state, word);
    }
    state
}

const fn finish(state: u64) -> u64 {
    let mut h = state;
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

impl Hasher for Fingerprinter {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = mix_bytes(self.0, bytes);
    }

    fn write_u8(&mut self, value: u8) {
        self.0 = mix(self.0, u64::from(value));
    }

    fn write_u32(&mut self, value: u32) {
        self.0 = mix(self.0, u64::from(value));
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = mix(self.0, value);
    }

    fn write_usize(&mut self, value: usize) {
        self.0 = mix(self.0, value as u64);
    }

    fn finish(&self) -> u64 {
        finish(self.0)
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
