//! Sorting by several 128-bit fields, cheaply where 128-bit comparisons are not native.
//!
//! Gap lists are ordered by gains (`i128`), then level and model order. Sorting on a tuple
//! of those compares up to four values per step, each several instructions on wasm32, and
//! moves whole records around. [`sort_by_fields`] usually sorts one `u64` per element
//! instead: every field is stored as its offset from the field's smallest value in the list
//! (or its largest, for a descending field) in just enough bits, fields one after the other
//! from the most significant end and the element's position last, so comparing the `u64`s
//! compares the fields in turn and then the positions. Lists whose fields spread too widely
//! for 64 bits are sorted on the fields themselves, with the same result.

use std::cmp::Ordering;

/// The direction of a field: smallest first, or largest first.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Dir {
    Ascending,
    Descending,
}

/// Sorts `v` by the fields `key` gives, compared in turn, each in its direction in `dirs`;
/// elements with equal fields keep their order.
pub(crate) fn sort_by_fields<T: Copy, const N: usize>(
    v: &mut Vec<T>,
    dirs: [Dir; N],
    key: impl Fn(&T) -> [i128; N],
) {
    if v.len() < 2 {
        return;
    }
    let (mut lo, mut hi) = ([i128::MAX; N], [i128::MIN; N]);
    for x in v.iter() {
        for (f, k) in key(x).into_iter().enumerate() {
            lo[f] = lo[f].min(k);
            hi[f] = hi[f].max(k);
        }
    }
    // hi − lo is below 2^128, so it is exact as a u128.
    let widths = std::array::from_fn::<u32, N, _>(|f| {
        u128::BITS - (hi[f].wrapping_sub(lo[f]) as u128).leading_zeros()
    });
    let position_bits = usize::BITS - (v.len() - 1).leading_zeros();
    let total_bits = widths.iter().sum::<u32>() + position_bits;
    if total_bits > u64::BITS {
        v.sort_by(|a, b| {
            let (a, b) = (key(a), key(b));
            (0..N)
                .map(|f| match dirs[f] {
                    Dir::Ascending => a[f].cmp(&b[f]),
                    Dir::Descending => b[f].cmp(&a[f]),
                })
                .find(|o| o.is_ne())
                .unwrap_or(Ordering::Equal)
        });
        return;
    }
    let mut packed: Vec<u64> = v
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let k = key(x);
            let fields = (0..N).fold(0u64, |p, f| {
                let offset = match dirs[f] {
                    Dir::Ascending => k[f].wrapping_sub(lo[f]),
                    Dir::Descending => hi[f].wrapping_sub(k[f]),
                };
                // Every width is below 64 (the position takes at least one bit).
                p << widths[f] | offset as u64
            });
            fields << position_bits | i as u64
        })
        .collect();
    packed.sort_unstable();
    let mask = (1u64 << position_bits) - 1;
    *v = packed.iter().map(|p| v[(p & mask) as usize]).collect();
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The reference: a stable sort on the fields as tuples.
    fn reference(v: &mut [(i128, i128, i128)]) {
        v.sort_by_key(|x| (std::cmp::Reverse(x.0), x.1, std::cmp::Reverse(x.2)));
    }

    fn sorted(mut v: Vec<(i128, i128, i128)>) -> Vec<(i128, i128, i128)> {
        use Dir::*;
        sort_by_fields(&mut v, [Descending, Ascending, Descending], |x| {
            [x.0, x.1, x.2]
        });
        v
    }

    #[test]
    fn packed_and_wide_lists_sort_like_tuples() {
        let narrow = vec![
            (3, 1, 0),
            (5, 0, 2),
            (3, 0, 1),
            (5, 0, 2),
            (-1, 7, 7),
            (3, 1, 4),
        ];
        let wide = vec![
            (i128::MAX, i128::MIN, 0),
            (i128::MIN, i128::MAX, 1),
            (0, 0, 2),
            (i128::MIN, i128::MIN, i128::MAX),
            (0, 0, 2),
        ];
        for v in [narrow, wide] {
            let mut expected = v.clone();
            reference(&mut expected);
            assert_eq!(sorted(v), expected);
        }
    }

    proptest! {
        #[test]
        fn sorts_like_a_stable_tuple_sort(
            v in prop::collection::vec((any::<i128>(), any::<i128>(), any::<i128>()), 0..40),
            shift in 0u32..128,
        ) {
            // Shifted values spread narrowly enough to pack; unshifted ones do not.
            let v: Vec<_> = v.into_iter().map(|(a, b, c)| (a >> shift, b >> shift, c % 3)).collect();
            let mut expected = v.clone();
            reference(&mut expected);
            prop_assert_eq!(sorted(v), expected);
        }
    }
}
