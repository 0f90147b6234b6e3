//! The integers that exact scoring runs on.
//!
//! Scoring is integer arithmetic over common denominators (see `weights.rs`). Almost every
//! model fits in 128 bits, so the scorer runs on `i128` first, where every operation is
//! checked and an overflow is an `Err`, never a wrong answer. A model whose weights have
//! large co-prime denominators (`1/1000003`, `1/999983`, weights with 30 decimal places)
//! needs wider numbers: the same steps then run again on [`BigInt`], which never overflows.
//! Both give the same exact values; the wider one is only slower.

use std::fmt::Debug;

use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::Ratio;
use num_traits::{CheckedAdd, CheckedDiv, CheckedMul, CheckedSub, Signed, ToPrimitive};

use crate::error::ScoreError;
use crate::outcome::Score;

/// An integer type the scorer can run on: `i128` (checked) or [`BigInt`].
pub(crate) trait Int:
    Integer
    + Signed
    + Clone
    + Debug
    + CheckedAdd
    + CheckedSub
    + CheckedMul
    + CheckedDiv
    + ToPrimitive
    + From<i128>
{
    /// The exact score `num / den` (`den` positive).
    fn score(num: &Self, den: &Self) -> Score;
}

impl Int for i128 {
    fn score(num: &i128, den: &i128) -> Score {
        Score::from(cmmm_model::Ratio::new(*num, *den).expect("a positive denominator"))
    }
}

impl Int for BigInt {
    fn score(num: &BigInt, den: &BigInt) -> Score {
        Score::from_big(Ratio::new(num.clone(), den.clone()))
    }
}

/// A fraction of [`Int`]s: weights and their rescaled forms.
pub(crate) type Frac<T> = Ratio<T>;

/// The score of a fraction.
pub(crate) fn frac_score<T: Int>(f: &Frac<T>) -> Score {
    T::score(f.numer(), f.denom())
}

/// A model's exact 128-bit ratio (a weight, the gate, a band bound) as a fraction of `T`.
pub(crate) fn frac<T: Int>(r: cmmm_model::Ratio) -> Frac<T> {
    Ratio::new(T::from(r.numer()), T::from(r.denom()))
}

/// Why a step of scoring stopped: the input cannot be scored, or a value does not fit the
/// integer type (only `i128` ever overflows; the scorer then runs on [`BigInt`]).
#[derive(Clone, Debug)]
pub(crate) enum Fault {
    Score(ScoreError),
    Overflow,
}

impl From<ScoreError> for Fault {
    fn from(e: ScoreError) -> Fault {
        Fault::Score(e)
    }
}

/// `a + b`.
pub(crate) fn add<T: Int>(a: &T, b: &T) -> Result<T, Fault> {
    a.checked_add(b).ok_or(Fault::Overflow)
}

/// `a − b`.
pub(crate) fn sub<T: Int>(a: &T, b: &T) -> Result<T, Fault> {
    a.checked_sub(b).ok_or(Fault::Overflow)
}

/// `a · b`.
pub(crate) fn mul<T: Int>(a: &T, b: &T) -> Result<T, Fault> {
    a.checked_mul(b).ok_or(Fault::Overflow)
}

/// The least common multiple of two positive integers.
pub(crate) fn lcm<T: Int>(a: &T, b: &T) -> Result<T, Fault> {
    mul(&(a.clone() / a.gcd(b)), b)
}

/// An operation on fractions that returns `None` when it does not fit.
pub(crate) fn fits<X>(x: Option<X>) -> Result<X, Fault> {
    x.ok_or(Fault::Overflow)
}

/// A big fraction as a 128-bit ratio, when its lowest terms fit.
pub(crate) fn narrow(r: &Ratio<BigInt>) -> Option<cmmm_model::Ratio> {
    cmmm_model::Ratio::new(r.numer().to_i128()?, r.denom().to_i128()?)
}
