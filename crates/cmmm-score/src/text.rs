//! Text equality that is cheap on wasm32.
//!
//! `==` on strings calls `memcmp`, which on wasm32 is a loop over single bytes. Every rating
//! of an assessment compares its requirement id (some twenty bytes, nearly always equal) with
//! the model's, and its text with the scale's keys, so [`eq`] compares eight bytes at a time.

/// `a == b`.
#[inline]
pub(crate) fn eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    if a.len() < 8 {
        return a.iter().zip(b).all(|(x, y)| x == y);
    }
    let word = |s: &[u8], i: usize| {
        u64::from_le_bytes(s[i..i + 8].try_into().expect("a slice of eight bytes"))
    };
    // Whole words, then the last eight bytes (which may overlap the last word).
    let last = a.len() - 8;
    (0..last).step_by(8).all(|i| word(a, i) == word(b, i)) && word(a, last) == word(b, last)
}

#[cfg(test)]
mod tests {
    use super::eq;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn agrees_with_str_eq(a in ".{0,40}", b in ".{0,40}", cut in 0usize..40) {
            prop_assert_eq!(eq(&a, &b), a == b);
            // Equal lengths, differing anywhere, and equal texts.
            let c: String = a.chars().rev().collect();
            prop_assert_eq!(eq(&a, &c), a == c);
            prop_assert!(eq(&a, &a.clone()));
            let cut = a.char_indices().map(|(i, _)| i).find(|i| *i >= cut).unwrap_or(a.len());
            let d = format!("{}x{}", &a[..cut], a.get(cut + 1..).unwrap_or(""));
            prop_assert_eq!(eq(&a, &d), a == d);
        }
    }
}
