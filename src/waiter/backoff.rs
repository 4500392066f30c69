//! The Smithy waiter backoff: exponential with jitter, and one last attempt at the deadline.

use std::time::Duration;

/// A source of jitter: a duration between two bounds, both inclusive.
///
/// The waiter's core draws no randomness of its own: give it a [`SeededJitter`] (replayable from a
/// seed), a [`FixedJitter`] (for tests), or your own source.
///
/// # Example
///
/// ```
/// use std::time::Duration;
/// use twinmaker_syncjob::waiter::{FixedJitter, Jitter};
///
/// let mut top = FixedJitter::MAX;
/// assert_eq!(top.between(Duration::from_secs(2), Duration::from_secs(8)), Duration::from_secs(8));
/// ```
pub trait Jitter {
    /// A duration in `low..=high` (callers guarantee `low <= high`).
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::Duration;
    /// use twinmaker_syncjob::waiter::{Jitter, SeededJitter};
    ///
    /// let (low, high) = (Duration::from_secs(2), Duration::from_secs(16));
    /// let mut jitter = SeededJitter::new(7);
    /// for _ in 0..100 {
    ///     let delay = jitter.between(low, high);
    ///     assert!(low <= delay && delay <= high);
    /// }
    /// ```
    fn between(&mut self, low: Duration, high: Duration) -> Duration;
}

/// Jitter at a fixed fraction of the range: 0 gives the low bound, 1000 the high bound.
///
/// # Example
///
/// ```
/// use std::time::Duration;
/// use twinmaker_syncjob::waiter::{FixedJitter, Jitter};
///
/// let mut half = FixedJitter::per_mille(500);
/// assert_eq!(half.between(Duration::from_secs(2), Duration::from_secs(4)), Duration::from_secs(3));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FixedJitter {
    per_mille: u16,
}

impl FixedJitter {
    /// Always the low bound.
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::Duration;
    /// use twinmaker_syncjob::waiter::{FixedJitter, Jitter};
    ///
    /// let mut low = FixedJitter::MIN;
    /// assert_eq!(low.between(Duration::from_secs(2), Duration::from_secs(8)), Duration::from_secs(2));
    /// ```
    pub const MIN: Self = Self { per_mille: 0 };
    /// Always the high bound (no jitter: plain exponential backoff).
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::Duration;
    /// use twinmaker_syncjob::waiter::{FixedJitter, Jitter};
    ///
    /// let mut high = FixedJitter::MAX;
    /// assert_eq!(high.between(Duration::from_secs(2), Duration::from_secs(8)), Duration::from_secs(8));
    /// ```
    pub const MAX: Self = Self { per_mille: 1000 };

    /// At `per_mille`/1000 of the range (values above 1000 count as 1000).
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::waiter::FixedJitter;
    ///
    /// assert_eq!(FixedJitter::per_mille(5000), FixedJitter::MAX);
    /// ```
    #[must_use]
    pub const fn per_mille(per_mille: u16) -> Self {
        Self { per_mille: if per_mille > 1000 { 1000 } else { per_mille } }
    }
}

impl Jitter for FixedJitter {
    fn between(&mut self, low: Duration, high: Duration) -> Duration {
        let span = high.saturating_sub(low);
        low + span.mul_f64(f64::from(self.per_mille) / 1000.0).min(span)
    }
}

/// Uniform jitter at millisecond granularity from a 64-bit seed (SplitMix64): the same seed gives
/// the same delays, so every run can be replayed.
///
/// # Example
///
/// ```
/// use std::time::Duration;
/// use twinmaker_syncjob::waiter::{Jitter, SeededJitter};
///
/// let (lo, hi) = (Duration::from_secs(2), Duration::from_secs(16));
/// let mut a = SeededJitter::new(7);
/// let mut b = SeededJitter::new(7);
/// let d = a.between(lo, hi);
/// assert_eq!(d, b.between(lo, hi));
/// assert!(lo <= d && d <= hi);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeededJitter {
    state: u64,
}

impl SeededJitter {
    /// A source seeded with `seed`.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::waiter::SeededJitter;
    ///
    /// assert_eq!(SeededJitter::new(1), SeededJitter::new(1));
    /// ```
    #[must_use]
    pub const fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    /// The next 64 random bits.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::waiter::SeededJitter;
    ///
    /// let mut r = SeededJitter::new(0);
    /// assert_ne!(r.next_u64(), r.next_u64());
    /// ```
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

impl Jitter for SeededJitter {
    fn between(&mut self, low: Duration, high: Duration) -> Duration {
        let span_ms = u64::try_from(high.saturating_sub(low).as_millis()).unwrap_or(u64::MAX);
        let pick = match span_ms.checked_add(1) {
            Some(choices) => self.next_u64() % choices,
            None => self.next_u64(),
        };
        (low + Duration::from_millis(pick)).min(high)
    }
}

impl<J: Jitter + ?Sized> Jitter for &mut J {
    fn between(&mut self, low: Duration, high: Duration) -> Duration {
        (**self).between(low, high)
    }
}

/// The delay before retry attempt `attempt` (1 for the first retry), exactly as the Smithy waiter
/// specification writes it:
///
/// ```text
/// attemptCeiling = log(maxDelay / minDelay) / log(2) + 1
/// delay = attempt > attemptCeiling ? maxDelay : minDelay * 2^(attempt - 1)
/// delay = random(minDelay, delay)
/// if remainingTime - delay <= minDelay: delay = remainingTime
/// ```
///
/// Returns `None` when no time remains (the waiter has timed out).
///
/// # Example
///
/// ```
/// use std::time::Duration;
/// use twinmaker_syncjob::waiter::{FixedJitter, smithy_delay};
///
/// let s = Duration::from_secs;
/// let mut no_jitter = FixedJitter::MAX;
/// // minDelay 2 s, maxDelay 120 s: 2, 4, 8, 16, 32, 64, then 120.
/// let delays: Vec<_> = (1..=8).map(|n| smithy_delay(n, s(2), s(120), s(3600), &mut no_jitter).unwrap()).collect();
/// assert_eq!(delays, [s(2), s(4), s(8), s(16), s(32), s(64), s(120), s(120)]);
/// // Close to the deadline, the last delay lands on it.
/// assert_eq!(smithy_delay(3, s(2), s(120), s(9), &mut no_jitter), Some(s(9)));
/// assert_eq!(smithy_delay(3, s(2), s(120), Duration::ZERO, &mut no_jitter), None);
/// ```
pub fn smithy_delay(
    attempt: u32,
    min_delay: Duration,
    max_delay: Duration,
    remaining: Duration,
    jitter: &mut impl Jitter,
) -> Option<Duration> {
    if remaining.is_zero() {
        return None;
    }
    let min_delay = min_delay.min(max_delay);
    let ceiling = attempt_ceiling(min_delay, max_delay);
    let delay = if attempt > ceiling {
        max_delay
    } else {
        let doublings = attempt.saturating_sub(1);
        2u32.checked_pow(doublings).and_then(|factor| min_delay.checked_mul(factor)).unwrap_or(max_delay).min(max_delay)
    };
    let delay = jitter.between(min_delay, delay.max(min_delay));
    if remaining.saturating_sub(delay) <= min_delay { Some(remaining) } else { Some(delay) }
}

/// `log(maxDelay / minDelay) / log(2) + 1`, truncated to a whole attempt number.
fn attempt_ceiling(min_delay: Duration, max_delay: Duration) -> u32 {
    let (min, max) = (min_delay.as_secs_f64(), max_delay.as_secs_f64());
    if min <= 0.0 {
        return u32::MAX;
    }
    let ceiling = (max / min).ln() / std::f64::consts::LN_2 + 1.0;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "clamped to u32's range first")]
    let ceiling = ceiling.clamp(0.0, f64::from(u32::MAX)) as u32;
    ceiling
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(n: u64) -> Duration {
        Duration::from_secs(n)
    }

    /// Hand-computed from the specification's formula.
    #[test]
    fn table_with_fixed_jitter() {
        // min 2, max 120: ceiling = ln(60)/ln(2) + 1 = 6.9 -> 6.
        assert_eq!(attempt_ceiling(s(2), s(120)), 6);
        let cases: [(u32, u16, u64, u64); 10] = [
            // (attempt, jitter per mille, remaining, expected)
            (1, 1000, 3600, 2),
            (2, 1000, 3600, 4),
            (6, 1000, 3600, 64),
            (7, 1000, 3600, 120),
            (40, 1000, 3600, 120),
            (4, 0, 3600, 2),    // the low bound is minDelay
            (4, 500, 3600, 9),  // halfway between 2 and 16
            (7, 500, 3600, 61), // halfway between 2 and 120
            (5, 1000, 33, 33),  // 33 - 32 = 1 <= 2: wait the remaining time
            (5, 1000, 35, 32),  // 35 - 32 = 3 > 2
        ];
        for (attempt, per_mille, remaining, expected) in cases {
            let mut jitter = FixedJitter::per_mille(per_mille);
            let got = smithy_delay(attempt, s(2), s(120), s(remaining), &mut jitter);
            assert_eq!(got, Some(s(expected)), "attempt {attempt}, jitter {per_mille}, remaining {remaining}");
        }
        // min 1, max 10: ceiling = ln(10)/ln(2) + 1 = 4.32 -> 4: 1, 2, 4, 8, then 10.
        let mut top = FixedJitter::MAX;
        let delays: Vec<_> = (1..=6).map(|n| smithy_delay(n, s(1), s(10), s(1000), &mut top).unwrap()).collect();
        assert_eq!(delays, [s(1), s(2), s(4), s(8), s(10), s(10)]);
    }

    #[test]
    fn fixed_jitter_clamps_to_the_range() {
        assert_eq!(FixedJitter::per_mille(1000), FixedJitter::MAX);
        assert_eq!(FixedJitter::per_mille(1001), FixedJitter::MAX);
        assert_eq!(FixedJitter::per_mille(999), FixedJitter { per_mille: 999 });
        assert_eq!(FixedJitter::per_mille(0), FixedJitter::MIN);
    }

    /// Pinned: a seed must replay the same delays in every release (SplitMix64's reference outputs).
    #[test]
    fn seeded_jitter_is_splitmix64() {
        let mut r = SeededJitter::new(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
        assert_eq!(r.next_u64(), 0x06C4_5D18_8009_454F);
        let mut r = SeededJitter::new(1234567);
        assert_eq!(r.next_u64(), 0x599E_D017_FB08_FC85);
    }

    #[test]
    fn seeded_jitter_covers_the_range_evenly() {
        let mut r = SeededJitter::new(42);
        let picks: Vec<u64> = (0..10_000).map(|_| r.between(s(0), s(10)).as_millis() as u64).collect();
        let (min, max) = (*picks.iter().min().unwrap(), *picks.iter().max().unwrap());
        assert!(min < 100 && max > 9_900, "{min} {max}");
        let mean = picks.iter().sum::<u64>() / picks.len() as u64;
        assert!((4_800..=5_200).contains(&mean), "{mean}");
        // Both bounds are reachable at millisecond granularity.
        let mut tiny = SeededJitter::new(7);
        let mut seen = [false; 2];
        for _ in 0..200 {
            let d = tiny.between(Duration::from_millis(5), Duration::from_millis(6));
            seen[usize::from(d == Duration::from_millis(6))] = true;
        }
        assert_eq!(seen, [true, true]);
    }

    #[test]
    fn a_borrowed_source_is_the_source() {
        let mut source = FixedJitter::MAX;
        let mut borrowed = &mut source;
        assert_eq!(Jitter::between(&mut borrowed, s(1), s(9)), s(9));
        let mut seeded = SeededJitter::new(5);
        let mut copy = SeededJitter::new(5);
        let expected = copy.between(s(2), s(60));
        let mut borrowed = &mut seeded;
        assert_eq!(Jitter::between(&mut borrowed, s(2), s(60)), expected);
    }

    #[test]
    fn extremes_do_not_overflow() {
        let mut top = FixedJitter::MAX;
        assert_eq!(smithy_delay(u32::MAX, s(2), s(120), s(1000), &mut top), Some(s(120)));
        assert_eq!(smithy_delay(1, Duration::ZERO, s(120), s(1000), &mut top), Some(Duration::ZERO));
        assert_eq!(smithy_delay(3, s(200), s(120), s(1000), &mut top), Some(s(120)));
        let mut seeded = SeededJitter::new(3);
        for attempt in 1..100 {
            let d = smithy_delay(attempt, s(2), s(120), s(1_000_000), &mut seeded).unwrap();
            assert!(s(2) <= d && d <= s(120), "{d:?}");
        }
    }
}
