//! The simulator's virtual clock, shared between the simulator and the driver that sleeps on it.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::transport::Clock;

/// A virtual clock shared by handles: the time since its origin, in nanoseconds, behind an
/// `Arc<AtomicU64>`. Sleeping moves it forward at once; no real time passes.
///
/// [`Simulator::clock`](super::Simulator::clock) hands out a handle on the simulator's own clock,
/// so the same virtual time can drive [`wait_blocking`](crate::transport::wait_blocking) while the
/// simulator is its transport. Clones share the time.
///
/// # Example
///
/// ```
/// use std::time::Duration;
/// use twinmaker_syncjob::transport::Clock;
/// use twinmaker_syncjob::transport::sim::SimClock;
///
/// let mut a = SimClock::new();
/// let b = a.clone();
/// a.sleep_until(a.now() + Duration::from_secs(3600));
/// assert_eq!(b.elapsed(), Duration::from_secs(3600));
/// ```
#[derive(Clone, Debug)]
pub struct SimClock {
    origin: Instant,
    nanos: Arc<AtomicU64>,
}

impl SimClock {
    /// A clock at its origin (an arbitrary instant; only offsets from it matter).
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::Duration;
    /// use twinmaker_syncjob::transport::sim::SimClock;
    ///
    /// assert_eq!(SimClock::new().elapsed(), Duration::ZERO);
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self { origin: Instant::now(), nanos: Arc::new(AtomicU64::new(0)) }
    }

    /// The virtual time since the origin.
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::Duration;
    /// use twinmaker_syncjob::transport::sim::SimClock;
    ///
    /// let clock = SimClock::new();
    /// clock.advance(Duration::from_millis(1500));
    /// assert_eq!(clock.elapsed(), Duration::from_millis(1500));
    /// ```
    #[must_use]
    pub fn elapsed(&self) -> Duration {
        Duration::from_nanos(self.nanos.load(Ordering::SeqCst))
    }

    /// Moves the clock forward by `by` (saturating after about 584 years).
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::Duration;
    /// use twinmaker_syncjob::transport::sim::SimClock;
    ///
    /// let clock = SimClock::new();
    /// clock.advance(Duration::from_secs(2));
    /// clock.advance(Duration::from_secs(3));
    /// assert_eq!(clock.elapsed(), Duration::from_secs(5));
    /// ```
    pub fn advance(&self, by: Duration) {
        let by = nanos(by);
        let _ = self.nanos.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| Some(n.saturating_add(by)));
    }

    /// Moves the clock to `offset` after its origin, unless it is already later.
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::Duration;
    /// use twinmaker_syncjob::transport::sim::SimClock;
    ///
    /// let clock = SimClock::new();
    /// clock.advance_to(Duration::from_secs(10));
    /// clock.advance_to(Duration::from_secs(4)); // the past: no effect
    /// assert_eq!(clock.elapsed(), Duration::from_secs(10));
    /// ```
    pub fn advance_to(&self, offset: Duration) {
        self.nanos.fetch_max(nanos(offset), Ordering::SeqCst);
    }

    /// The origin.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::transport::Clock;
    /// use twinmaker_syncjob::transport::sim::SimClock;
    ///
    /// let clock = SimClock::new();
    /// assert_eq!(clock.now(), clock.origin());
    /// ```
    #[must_use]
    pub fn origin(&self) -> Instant {
        self.origin
    }

    /// How long after the origin `instant` is (zero for an earlier instant): turns the instants
    /// of [`Event`](crate::waiter::Event)s into offsets that compare across runs.
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::Duration;
    /// use twinmaker_syncjob::transport::Clock;
    /// use twinmaker_syncjob::transport::sim::SimClock;
    ///
    /// let clock = SimClock::new();
    /// clock.advance(Duration::from_secs(7));
    /// assert_eq!(clock.offset_of(clock.now()), Duration::from_secs(7));
    /// ```
    #[must_use]
    pub fn offset_of(&self, instant: Instant) -> Duration {
        instant.saturating_duration_since(self.origin)
    }
}

impl Default for SimClock {
    fn default() -> Self {
        Self::new()
    }
}

impl Clock for SimClock {
    fn now(&self) -> Instant {
        self.origin.checked_add(self.elapsed()).unwrap_or(self.origin)
    }

    fn sleep_until(&mut self, deadline: Instant) {
        self.advance_to(self.offset_of(deadline));
    }
}

fn nanos(d: Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}
