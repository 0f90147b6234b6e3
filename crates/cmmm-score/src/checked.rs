//! Checked 128-bit multiplication that is cheap where 128-bit arithmetic is not native.
//!
//! On wasm32, `i128::checked_mul` is a call to `__muloti4`, a long multi-word routine, even
//! when both factors are small, as the scorer's almost always are (weight coefficients times
//! rating sums). [`mul`] first checks, from the operands' bit lengths alone, whether the
//! product fits in 64 bits and if so multiplies once in `i64`; other products take
//! `i128::checked_mul`. The result, overflow included, is the same either way.

/// `a · b`, or `None` when it does not fit in an `i128`.
#[inline]
pub(crate) fn mul(a: i128, b: i128) -> Option<i128> {
    // |x| < 2^bits(x), so |a·b| < 2^(bits(a) + bits(b)): at most 63 bits means the product
    // fits in an i64, and so do both factors, so the i64 multiply is exact.
    let bits = 256 - a.unsigned_abs().leading_zeros() - b.unsigned_abs().leading_zeros();
    if bits <= 63 {
        return Some(i128::from((a as i64).wrapping_mul(b as i64)));
    }
    a.checked_mul(b)
}

#[cfg(test)]
mod tests {
    use super::mul;
    use proptest::prelude::*;

    #[test]
    fn edges_agree_with_checked_mul() {
        let edges = [
            0,
            1,
            -1,
            2,
            -2,
            i128::from(i32::MAX),
            i128::from(i32::MIN),
            (1 << 31) + 1,
            -(1 << 31) - 1,
            i128::from(i64::MAX),
            i128::from(i64::MIN),
            1 << 62,
            -(1 << 62),
            1 << 63,
            -(1 << 63),
            i128::MAX,
            i128::MIN,
            i128::MAX / 3,
            i128::MIN / 3,
        ];
        for a in edges {
            for b in edges {
                assert_eq!(mul(a, b), a.checked_mul(b), "{a} · {b}");
            }
        }
    }

    proptest! {
        #[test]
        fn agrees_with_checked_mul(a in any::<i128>(), b in any::<i128>(), sa in 0u32..128, sb in 0u32..128) {
            // Shifted operands cover every pair of bit lengths, not only huge ones.
            let (a, b) = (a >> sa, b >> sb);
            prop_assert_eq!(mul(a, b), a.checked_mul(b));
        }
    }
}
