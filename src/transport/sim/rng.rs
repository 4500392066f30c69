//! The simulator's seeded random streams: SplitMix64 (the waiter's [`SeededJitter`]), one stream
//! per purpose so that what happens to one job does not depend on calls about another.

use std::ops::RangeInclusive;
use std::time::Duration;

use crate::waiter::{Jitter, SeededJitter};

/// The shortest duration the simulator plans: every phase takes some time, so a new incarnation's
/// `creationDateTime` is always later than the previous one's.
pub(super) const MIN_STEP: Duration = Duration::from_millis(1);

#[derive(Clone, Debug)]
pub(super) struct Rng(SeededJitter);

impl Rng {
    /// The stream named `label` of the simulation seeded with `seed`.
    pub(super) fn derive(seed: u64, label: &str) -> Self {
        Self(SeededJitter::new(mix(seed ^ fnv1a(label.as_bytes()))))
    }

    pub(super) fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// Uniform in `[0, 1)`, from 53 random bits.
    pub(super) fn unit(&mut self) -> f64 {
        const SCALE: f64 = 1.0 / (1u64 << 53) as f64;
        (self.next_u64() >> 11) as f64 * SCALE
    }

    /// True with probability `p`.
    pub(super) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    pub(super) fn below(&mut self, n: usize) -> usize {
        match u64::try_from(n) {
            Ok(0) | Err(_) => 0,
            Ok(n) => usize::try_from(self.next_u64() % n).unwrap_or(0),
        }
    }

    /// Uniform in the range at millisecond granularity, at least [`MIN_STEP`].
    pub(super) fn duration(&mut self, range: &RangeInclusive<Duration>) -> Duration {
        let low = (*range.start()).max(MIN_STEP);
        let high = (*range.end()).max(low);
        self.0.between(low, high)
    }
}

/// FNV-1a, to turn a label into seed bits.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

/// SplitMix64's finalizer.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_independent_and_repeatable() {
        let mut a = Rng::derive(1, "calls");
        let mut b = Rng::derive(1, "calls");
        let mut c = Rng::derive(1, "job/plant/SITEWISE");
        let (x, y, z) = (a.next_u64(), b.next_u64(), c.next_u64());
        assert_eq!(x, y);
        assert_ne!(x, z);
        for _ in 0..1000 {
            let u = a.unit();
            assert!((0.0..1.0).contains(&u));
            assert!(a.below(3) < 3);
            let d = a.duration(&(Duration::ZERO..=Duration::ZERO));
            assert_eq!(d, MIN_STEP);
        }
        assert_eq!(a.below(0), 0);
        assert!(!a.chance(0.0));
        assert!(a.chance(1.0));
    }
}
