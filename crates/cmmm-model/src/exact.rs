//! Exact rational numbers for weights and scores.
//!
//! Ratings and weights are decimals, but means and rescaled weights are not: 2.3 / 3 has no
//! finite decimal form. [`Ratio`] keeps every intermediate value exact so that a level score
//! that is mathematically 0.8 meets a 0.8 gate. Values leave the engine as decimal strings,
//! rounded half away from zero only at the edge ([`Ratio::to_decimal_string`]).

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

/// Most fractional digits a decimal string carries: the precision of [`Decimal`].
pub const FULL_PRECISION: u32 = 28;

/// An exact fraction `num / den` with `den > 0`, not necessarily in lowest terms.
///
/// Arithmetic is checked: an operation whose exact result does not fit in 128-bit integers
/// returns `None` instead of a wrong answer.
#[derive(Clone, Copy, Debug)]
pub struct Ratio {
    num: i128,
    den: i128,
}

/// Why a text is not an exact number.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not an exact decimal (like `0.25`) or fraction (like `1/3`) of integers of at most 38 digits each")]
pub struct ParseRatioError(pub String);

fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.unsigned_abs(), b.unsigned_abs());
    if a == 0 {
        return b as i128;
    }
    if b == 0 {
        return a as i128;
    }
    let shift = (a | b).trailing_zeros();
    a >>= a.trailing_zeros();
    loop {
        b >>= b.trailing_zeros();
        if a > b {
            std::mem::swap(&mut a, &mut b);
        }
        b -= a;
        if b == 0 {
            // Both inputs are at most i128::MAX in magnitude unless one was i128::MIN,
            // whose gcd with anything fits after the shift below for every value we build.
            return (a << shift) as i128;
        }
    }
}

impl Ratio {
    /// Zero.
    pub const ZERO: Ratio = Ratio { num: 0, den: 1 };
    /// One.
    pub const ONE: Ratio = Ratio { num: 1, den: 1 };

    /// `num / den`; `None` when `den` is zero.
    pub fn new(num: i128, den: i128) -> Option<Ratio> {
        match den.cmp(&0) {
            Ordering::Equal => None,
            Ordering::Greater => Some(Ratio { num, den }),
            Ordering::Less => Some(Ratio {
                num: num.checked_neg()?,
                den: den.checked_neg()?,
            }),
        }
    }

    /// The integer `n`.
    pub const fn from_int(n: i128) -> Ratio {
        Ratio { num: n, den: 1 }
    }

    /// The exact value of a decimal.
    pub fn from_decimal(d: Decimal) -> Ratio {
        Ratio {
            num: d.mantissa(),
            den: 10i128.pow(d.scale()),
        }
    }

    /// Numerator (the sign lives here).
    pub fn numer(&self) -> i128 {
        self.num
    }

    /// Denominator, always positive.
    pub fn denom(&self) -> i128 {
        self.den
    }

    /// The same value in lowest terms.
    pub fn reduced(self) -> Ratio {
        let g = gcd(self.num, self.den);
        if g <= 1 {
            return self;
        }
        Ratio {
            num: self.num / g,
            den: self.den / g,
        }
    }

    /// `self + other`, exactly.
    pub fn checked_add(self, other: Ratio) -> Option<Ratio> {
        if self.den == other.den {
            return Some(Ratio {
                num: self.num.checked_add(other.num)?,
                den: self.den,
            });
        }
        let g = gcd(self.den, other.den);
        let (a, b) = (self.den / g, other.den / g);
        let num = self
            .num
            .checked_mul(b)?
            .checked_add(other.num.checked_mul(a)?)?;
        Some(
            Ratio {
                num,
                den: self.den.checked_mul(b)?,
            }
            .reduced(),
        )
    }

    /// `self - other`, exactly.
    pub fn checked_sub(self, other: Ratio) -> Option<Ratio> {
        self.checked_add(Ratio {
            num: other.num.checked_neg()?,
            den: other.den,
        })
    }

    /// `self * other`, exactly.
    pub fn checked_mul(self, other: Ratio) -> Option<Ratio> {
        let g1 = gcd(self.num, other.den);
        let g2 = gcd(other.num, self.den);
        let (g1, g2) = (g1.max(1), g2.max(1));
        Some(Ratio {
            num: (self.num / g1).checked_mul(other.num / g2)?,
            den: (self.den / g2).checked_mul(other.den / g1)?,
        })
    }

    /// `self / other`, exactly; `None` when `other` is zero or on overflow.
    pub fn checked_div(self, other: Ratio) -> Option<Ratio> {
        let inv = Ratio::new(other.den, other.num)?;
        self.checked_mul(inv)
    }

    /// Compares exactly; `None` only if even the reduced forms overflow.
    pub fn checked_cmp(&self, other: &Ratio) -> Option<Ordering> {
        if let (Some(l), Some(r)) = (
            self.num.checked_mul(other.den),
            other.num.checked_mul(self.den),
        ) {
            return Some(l.cmp(&r));
        }
        let (a, b) = (self.reduced(), other.reduced());
        let g = gcd(a.den, b.den);
        let l = a.num.checked_mul(b.den / g)?;
        let r = b.num.checked_mul(a.den / g)?;
        Some(l.cmp(&r))
    }

    /// True when the value is zero.
    pub fn is_zero(&self) -> bool {
        self.num == 0
    }

    /// True when the value is below zero.
    pub fn is_negative(&self) -> bool {
        self.num < 0
    }

    /// Rounds half away from zero (四舍五入) to `places` fractional digits (at most
    /// [`FULL_PRECISION`]) and writes the shortest decimal of that value, without trailing
    /// zeros unless `fixed` asks for exactly `places` digits.
    pub fn to_decimal_string(&self, places: u32, fixed: bool) -> String {
        let places = places.min(FULL_PRECISION) as usize;
        let negative = self.num < 0;
        let num = self.num.unsigned_abs();
        let den = self.den.unsigned_abs();
        let (mut int, mut rem) = match (u64::try_from(num), u64::try_from(den)) {
            (Ok(n), Ok(d)) => (u128::from(n / d), u128::from(n % d)),
            _ => (num / den, num % den),
        };
        // Long division, one chunk of digits at a time: up to 9 digits per u64 division
        // while the denominator is small (the usual case), one digit per step otherwise.
        let mut digits = [0u8; FULL_PRECISION as usize];
        let mut i = 0;
        if den < 1 << 32 {
            let (den, mut r) = (den as u64, rem as u64);
            while i < places && r != 0 {
                let chunk = (places - i).min(9);
                let scaled = r * 10u64.pow(chunk as u32);
                // q < 10^chunk ≤ 10^9 fits 32 bits, whose divisions by 10 are cheap everywhere.
                let mut q = (scaled / den) as u32;
                r = scaled % den;
                for j in (0..chunk).rev() {
                    digits[i + j] = (q % 10) as u8;
                    q /= 10;
                }
                i += chunk;
            }
            rem = u128::from(r);
        } else {
            while i < places && rem != 0 {
                // rem < den ≤ 2^127, so rem · 10 fits in u128.
                let scaled = rem * 10;
                digits[i] = (scaled / den) as u8;
                rem = scaled % den;
                i += 1;
            }
        }
        // Round half away from zero: the rest is at least one half when rem ≥ den − rem.
        if rem >= den - rem {
            let mut j = places;
            loop {
                if j == 0 {
                    int += 1;
                    break;
                }
                j -= 1;
                if digits[j] == 9 {
                    digits[j] = 0;
                } else {
                    digits[j] += 1;
                    break;
                }
            }
        }
        let mut len = places;
        if !fixed {
            while len > 0 && digits[len - 1] == 0 {
                len -= 1;
            }
        }
        // Sign, integer digits, point and fraction.
        let mut out = String::with_capacity(len + 8);
        if negative && (int != 0 || digits[..len].iter().any(|d| *d != 0)) {
            out.push('-');
        }
        let mut int_digits = [0u8; 40];
        let mut n = 0;
        // 64-bit divisions while the integer part fits (always, for scores): 128-bit ones are
        // library calls on some targets (WebAssembly among them).
        while int > u128::from(u64::MAX) {
            int_digits[n] = b'0' + (int % 10) as u8;
            int /= 10;
            n += 1;
        }
        let mut small = int as u64;
        loop {
            int_digits[n] = b'0' + (small % 10) as u8;
            small /= 10;
            n += 1;
            if small == 0 {
                break;
            }
        }
        out.extend(int_digits[..n].iter().rev().map(|d| char::from(*d)));
        if len > 0 {
            out.push('.');
            out.extend(digits[..len].iter().map(|d| char::from(b'0' + d)));
        }
        out
    }

    /// The value as a [`Decimal`] at full precision (rounded half away from zero).
    pub fn to_decimal(&self) -> Decimal {
        // The string has at most 28 fractional digits and our values are small; a value too
        // large for Decimal saturates rather than panicking.
        Decimal::from_str_exact(&self.to_decimal_string(FULL_PRECISION, false)).unwrap_or(
            if self.num < 0 {
                Decimal::MIN
            } else {
                Decimal::MAX
            },
        )
    }
}

impl PartialEq for Ratio {
    fn eq(&self, other: &Ratio) -> bool {
        self.checked_cmp(other) == Some(Ordering::Equal)
    }
}

/// Most digits of each integer in a decimal or fraction text: every such integer fits in
/// 128 bits.
const MAX_DIGITS: usize = 38;

impl FromStr for Ratio {
    type Err = ParseRatioError;

    /// Parses an exact decimal (`"0.25"`, `"1"`, `"-0.5"`) or a fraction of integers
    /// (`"1/3"`), each integer (the whole and the fractional digits of a decimal, the
    /// numerator and the denominator of a fraction) of at most 38 digits.
    fn from_str(s: &str) -> Result<Ratio, ParseRatioError> {
        let err = || ParseRatioError(s.to_string());
        let integer = |t: &str| -> Option<i128> {
            let ok =
                !t.is_empty() && t.len() <= MAX_DIGITS && t.bytes().all(|b| b.is_ascii_digit());
            ok.then(|| t.parse().ok()).flatten()
        };
        if let Some((n, d)) = s.split_once('/') {
            let (n, d) = (
                integer(n.trim()).ok_or_else(err)?,
                integer(d.trim()).ok_or_else(err)?,
            );
            return Ratio::new(n, d).map(Ratio::reduced).ok_or_else(err);
        }
        let (negative, body) = match s.strip_prefix('-') {
            Some(body) => (true, body),
            None => (false, s),
        };
        let (whole, fraction) = body.split_once('.').unwrap_or((body, ""));
        let whole = integer(whole).ok_or_else(err)?;
        let (num, den) = if body.contains('.') {
            let den = 10i128.checked_pow(fraction.len() as u32).ok_or_else(err)?;
            let num = whole
                .checked_mul(den)
                .and_then(|w| w.checked_add(integer(fraction)?))
                .ok_or_else(err)?;
            (num, den)
        } else {
            (whole, 1)
        };
        Ok(Ratio {
            num: if negative { -num } else { num },
            den,
        })
    }
}

impl fmt::Display for Ratio {
    /// Lowest terms: `1/3`, `2`, `-1/4`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let r = self.reduced();
        if r.den == 1 {
            write!(f, "{}", r.num)
        } else {
            write!(f, "{}/{}", r.num, r.den)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn r(s: &str) -> Ratio {
        s.parse().unwrap()
    }

    #[test]
    fn parses_decimals_and_fractions() {
        assert_eq!(r("0.25"), Ratio::new(1, 4).unwrap());
        assert_eq!(r("2/6"), Ratio::new(1, 3).unwrap());
        assert_eq!(r("1"), Ratio::ONE);
        for bad in [
            "", "abc", "1e-3", ".5", "5.", "1/0", "-1/3", "1/-3", "0x10", "1.2.3", " 1",
        ] {
            assert!(bad.parse::<Ratio>().is_err(), "{bad:?} should not parse");
        }
        assert!(r("-0.5").is_negative());
    }

    #[test]
    fn decimal_text_of_large_and_negative_values() {
        // Integer parts beyond 64 bits take the 128-bit digit loop.
        let big = Ratio::new(i128::MAX, 1).unwrap();
        assert_eq!(big.to_decimal_string(2, true), format!("{}.00", i128::MAX));
        assert_eq!(big.to_decimal_string(28, false), i128::MAX.to_string());
        let x = Ratio::new(-(1i128 << 70) * 3 - 2, 3).unwrap();
        assert_eq!(
            x.to_decimal_string(3, false),
            format!("-{}.667", 1i128 << 70)
        );
        assert_eq!(
            Ratio::new(-1, 3).unwrap().to_decimal_string(2, true),
            "-0.33"
        );
        assert_eq!(r("2.5").to_decimal_string(28, false), "2.5");
    }

    #[test]
    fn thirds_sum_exactly() {
        let third = r("1/3");
        let sum = third
            .checked_add(third)
            .unwrap()
            .checked_add(third)
            .unwrap();
        assert_eq!(sum, Ratio::ONE);
        // 2.3 / 3 + 1.7 / 3 == 4/3
        let a = r("2.3").checked_div(r("3")).unwrap();
        let b = r("1.7").checked_div(r("3")).unwrap();
        assert_eq!(a.checked_add(b).unwrap(), r("4/3"));
    }

    #[test]
    fn decimal_strings_round_half_away_from_zero() {
        assert_eq!(r("2/3").to_decimal_string(2, true), "0.67");
        assert_eq!(r("1/3").to_decimal_string(2, true), "0.33");
        assert_eq!(r("0.125").to_decimal_string(2, true), "0.13");
        assert_eq!(r("-0.125").to_decimal_string(2, true), "-0.13");
        assert_eq!(r("0.995").to_decimal_string(2, true), "1.00");
        assert_eq!(r("0.8").to_decimal_string(2, true), "0.80");
        assert_eq!(r("0.8").to_decimal_string(28, false), "0.8");
        assert_eq!(r("5").to_decimal_string(28, false), "5");
        assert_eq!(
            r("2.3")
                .checked_div(r("3"))
                .unwrap()
                .to_decimal_string(28, false),
            "0.7666666666666666666666666667"
        );
        assert_eq!(
            r("2/3").to_decimal_string(28, false),
            "0.6666666666666666666666666667"
        );
        assert_eq!(r("1/7").to_decimal_string(0, false), "0");
        assert_eq!(r("1/2").to_decimal_string(0, false), "1");
    }

    proptest! {
        #[test]
        fn decimal_string_matches_rust_decimal(n in -1_000_000i64..1_000_000, d in 1i64..10_000) {
            let ratio = Ratio::new(n as i128, d as i128).unwrap();
            let exact = Decimal::from(n) / Decimal::from(d);
            let want = exact.round_dp_with_strategy(6, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
            let got: Decimal = ratio.to_decimal_string(6, false).parse().unwrap();
            prop_assert_eq!(got, want);
        }

        #[test]
        fn large_denominators_print_like_small_ones(n in -1_000_000i128..1_000_000, d in 1i128..100_000, places in 0u32..=28) {
            let k = 1i128 << 40;
            let small = Ratio::new(n, d).unwrap();
            let large = Ratio::new(n * k, d * k).unwrap();
            prop_assert_eq!(small.to_decimal_string(places, true), large.to_decimal_string(places, true));
            prop_assert_eq!(small.to_decimal_string(places, false), large.to_decimal_string(places, false));
        }

        #[test]
        fn arithmetic_agrees_with_cross_multiplication(a in -1000i128..1000, b in 1i128..1000, c in -1000i128..1000, d in 1i128..1000) {
            let x = Ratio::new(a, b).unwrap();
            let y = Ratio::new(c, d).unwrap();
            prop_assert_eq!(x.checked_add(y).unwrap(), Ratio::new(a * d + c * b, b * d).unwrap());
            prop_assert_eq!(x.checked_sub(y).unwrap(), Ratio::new(a * d - c * b, b * d).unwrap());
            prop_assert_eq!(x.checked_mul(y).unwrap(), Ratio::new(a * c, b * d).unwrap());
            prop_assert_eq!(x.checked_cmp(&y).unwrap(), (a * d).cmp(&(c * b)));
        }
    }
}
