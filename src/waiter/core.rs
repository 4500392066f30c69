//! The waiter's state machine.

use std::collections::VecDeque;
use std::fmt;
use std::time::{Duration, Instant};

use super::backoff::{Jitter, smithy_delay};
use crate::lifecycle::{
    ApiErrorClassification, Disposition, ErrorClassification, Policy, Position, Stage, classify_api_error,
    classify_error_details,
};
use crate::model::{ApiError, ErrorCode, Open, SyncJobSnapshot, SyncJobState};
use crate::observe::{Change, JobTracker, Observation, Verdict, Violation};

/// What to wait for.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::model::SyncJobState;
/// use twinmaker_syncjob::waiter::Goal;
///
/// assert_eq!(Goal::Active.to_string(), "ACTIVE");
/// assert_eq!(Goal::State(SyncJobState::Error).to_string(), "ERROR");
/// assert_eq!(Goal::Deleted.to_string(), "deleted");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Goal {
    /// Until the job is `ACTIVE`.
    Active,
    /// Until the job no longer exists (GetSyncJob answers `ResourceNotFoundException`).
    Deleted,
    /// Until the job is in the given state.
    State(SyncJobState),
}

impl Goal {
    fn position(self) -> Position {
        match self {
            Self::Active => Position::Active,
            Self::Deleted => Position::Deleted,
            Self::State(state) => Position::of(state, None),
        }
    }
}

impl fmt::Display for Goal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Active => f.write_str("ACTIVE"),
            Self::Deleted => f.write_str("deleted"),
            Self::State(state) => write!(f, "{state}"),
        }
    }
}

/// A waiter configuration that breaks the Smithy rules.
///
/// # Example
///
/// ```
/// use std::time::Duration;
/// use twinmaker_syncjob::waiter::{ConfigError, Goal, WaiterConfig};
///
/// let err = WaiterConfig::new(Goal::Active, Duration::from_secs(60))
///     .and_then(|c| c.delays(Duration::from_secs(10), Duration::from_secs(5)))
///     .unwrap_err();
/// assert_eq!(err, ConfigError::MinAboveMax { min: Duration::from_secs(10), max: Duration::from_secs(5) });
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// `minDelay` must be at least one millisecond.
    #[error("minDelay is {0:?}; it must be at least 1 ms")]
    ZeroMinDelay(Duration),
    /// `minDelay` must not exceed `maxDelay`.
    #[error("minDelay {min:?} is above maxDelay {max:?}")]
    MinAboveMax {
        /// The minimum delay given.
        min: Duration,
        /// The maximum delay given.
        max: Duration,
    },
    /// The maximum wait must be positive.
    #[error("the maximum wait must be positive")]
    ZeroMaxWait,
}

/// How to wait: the goal, the delays, the maximum wait and the lifecycle policy.
///
/// # Example
///
/// ```
/// use std::time::Duration;
/// use twinmaker_syncjob::lifecycle::Policy;
/// use twinmaker_syncjob::waiter::{Goal, WaiterConfig};
///
/// let config = WaiterConfig::new(Goal::Deleted, Duration::from_secs(1800))?
///     .delays(Duration::from_secs(5), Duration::from_secs(60))?
///     .policy(Policy::DOCUMENTED);
/// assert_eq!(config.min_delay(), Duration::from_secs(5));
/// assert_eq!(config.max_wait(), Duration::from_secs(1800));
/// # Ok::<(), twinmaker_syncjob::waiter::ConfigError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WaiterConfig {
    goal: Goal,
    min_delay: Duration,
    max_delay: Duration,
    max_wait: Duration,
    policy: Policy,
    retry_not_found_before_seen: bool,
}

impl WaiterConfig {
    /// Smithy's default `minDelay`: 2 s.
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::Duration;
    /// use twinmaker_syncjob::waiter::{Goal, WaiterConfig};
    ///
    /// let config = WaiterConfig::new(Goal::Active, Duration::from_secs(600))?;
    /// assert_eq!(config.min_delay(), WaiterConfig::DEFAULT_MIN_DELAY);
    /// # Ok::<(), twinmaker_syncjob::waiter::ConfigError>(())
    /// ```
    pub const DEFAULT_MIN_DELAY: Duration = Duration::from_secs(2);
    /// Smithy's default `maxDelay`: 120 s.
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::Duration;
    /// use twinmaker_syncjob::waiter::{Goal, WaiterConfig};
    ///
    /// let config = WaiterConfig::new(Goal::Deleted, Duration::from_secs(600))?;
    /// assert_eq!(config.max_delay(), WaiterConfig::DEFAULT_MAX_DELAY);
    /// # Ok::<(), twinmaker_syncjob::waiter::ConfigError>(())
    /// ```
    pub const DEFAULT_MAX_DELAY: Duration = Duration::from_secs(120);

    /// Waits for `goal` for at most `max_wait`, with the default delays and [`Policy::DEFAULT`].
    ///
    /// # Errors
    ///
    /// [`ConfigError::ZeroMaxWait`] when `max_wait` is zero.
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::Duration;
    /// use twinmaker_syncjob::waiter::{Goal, WaiterConfig};
    ///
    /// assert!(WaiterConfig::new(Goal::Active, Duration::ZERO).is_err());
    /// ```
    pub fn new(goal: Goal, max_wait: Duration) -> Result<Self, ConfigError> {
        if max_wait.is_zero() {
            return Err(ConfigError::ZeroMaxWait);
        }
        Ok(Self {
            goal,
            min_delay: Self::DEFAULT_MIN_DELAY,
            max_delay: Self::DEFAULT_MAX_DELAY,
            max_wait,
            policy: Policy::DEFAULT,
            retry_not_found_before_seen: true,
        })
    }

    /// Sets `minDelay` and `maxDelay`.
    ///
    /// # Errors
    ///
    /// [`ConfigError`] when `min` is under 1 ms or above `max`.
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::Duration;
    /// use twinmaker_syncjob::waiter::{Goal, WaiterConfig};
    ///
    /// let c = WaiterConfig::new(Goal::Active, Duration::from_secs(60))?.delays(Duration::from_secs(1), Duration::from_secs(8))?;
    /// assert_eq!(c.max_delay(), Duration::from_secs(8));
    /// # Ok::<(), twinmaker_syncjob::waiter::ConfigError>(())
    /// ```
    pub fn delays(mut self, min: Duration, max: Duration) -> Result<Self, ConfigError> {
        if min < Duration::from_millis(1) {
            return Err(ConfigError::ZeroMinDelay(min));
        }
        if min > max {
            return Err(ConfigError::MinAboveMax { min, max });
        }
        self.min_delay = min;
        self.max_delay = max;
        Ok(self)
    }

    /// Sets the lifecycle policy that judges observations and reachability.
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::Duration;
    /// use twinmaker_syncjob::lifecycle::Policy;
    /// use twinmaker_syncjob::waiter::{Goal, WaiterConfig};
    ///
    /// let c = WaiterConfig::new(Goal::Active, Duration::from_secs(60))?.policy(Policy::DOCUMENTED);
    /// assert_eq!(c.lifecycle_policy(), &Policy::DOCUMENTED);
    /// # Ok::<(), twinmaker_syncjob::waiter::ConfigError>(())
    /// ```
    #[must_use]
    pub fn policy(mut self, policy: Policy) -> Self {
        self.policy = policy;
        self
    }

    /// Whether a `ResourceNotFoundException` before the job was ever seen is retried (the default:
    /// a job just created may not be visible yet; this is inferred, AWS documents no consistency
    /// model) or fails the wait. Waiting for [`Goal::Deleted`], not found is always success.
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::Duration;
    /// use twinmaker_syncjob::waiter::{Goal, WaiterConfig};
    ///
    /// let c = WaiterConfig::new(Goal::Active, Duration::from_secs(60))?.retry_not_found_before_seen(false);
    /// assert!(!c.retries_not_found_before_seen());
    /// # Ok::<(), twinmaker_syncjob::waiter::ConfigError>(())
    /// ```
    #[must_use]
    pub fn retry_not_found_before_seen(mut self, retry: bool) -> Self {
        self.retry_not_found_before_seen = retry;
        self
    }

    /// The goal.
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::Duration;
    /// use twinmaker_syncjob::waiter::{Goal, WaiterConfig};
    ///
    /// assert_eq!(WaiterConfig::new(Goal::Active, Duration::from_secs(60))?.goal(), Goal::Active);
    /// # Ok::<(), twinmaker_syncjob::waiter::ConfigError>(())
    /// ```
    #[must_use]
    pub fn goal(&self) -> Goal {
        self.goal
    }

    /// `minDelay`.
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::Duration;
    /// use twinmaker_syncjob::waiter::{Goal, WaiterConfig};
    ///
    /// assert_eq!(WaiterConfig::new(Goal::Active, Duration::from_secs(60))?.min_delay(), Duration::from_secs(2));
    /// # Ok::<(), twinmaker_syncjob::waiter::ConfigError>(())
    /// ```
    #[must_use]
    pub fn min_delay(&self) -> Duration {
        self.min_delay
    }

    /// `maxDelay`.
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::Duration;
    /// use twinmaker_syncjob::waiter::{Goal, WaiterConfig};
    ///
    /// assert_eq!(WaiterConfig::new(Goal::Active, Duration::from_secs(60))?.max_delay(), Duration::from_secs(120));
    /// # Ok::<(), twinmaker_syncjob::waiter::ConfigError>(())
    /// ```
    #[must_use]
    pub fn max_delay(&self) -> Duration {
        self.max_delay
    }

    /// The maximum wait.
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::Duration;
    /// use twinmaker_syncjob::waiter::{Goal, WaiterConfig};
    ///
    /// assert_eq!(WaiterConfig::new(Goal::Active, Duration::from_secs(60))?.max_wait(), Duration::from_secs(60));
    /// # Ok::<(), twinmaker_syncjob::waiter::ConfigError>(())
    /// ```
    #[must_use]
    pub fn max_wait(&self) -> Duration {
        self.max_wait
    }

    /// The lifecycle policy.
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::Duration;
    /// use twinmaker_syncjob::lifecycle::Policy;
    /// use twinmaker_syncjob::waiter::{Goal, WaiterConfig};
    ///
    /// assert_eq!(WaiterConfig::new(Goal::Active, Duration::from_secs(60))?.lifecycle_policy(), &Policy::DEFAULT);
    /// # Ok::<(), twinmaker_syncjob::waiter::ConfigError>(())
    /// ```
    #[must_use]
    pub fn lifecycle_policy(&self) -> &Policy {
        &self.policy
    }

    /// Whether not found before the job was seen is retried.
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::Duration;
    /// use twinmaker_syncjob::waiter::{Goal, WaiterConfig};
    ///
    /// assert!(WaiterConfig::new(Goal::Active, Duration::from_secs(60))?.retries_not_found_before_seen());
    /// # Ok::<(), twinmaker_syncjob::waiter::ConfigError>(())
    /// ```
    #[must_use]
    pub fn retries_not_found_before_seen(&self) -> bool {
        self.retry_not_found_before_seen
    }
}

/// What the waiter wants done next.
///
/// # Example
///
/// ```
/// use std::time::{Duration, Instant};
/// use twinmaker_syncjob::waiter::{FixedJitter, Goal, Output, Waiter, WaiterConfig};
///
/// let mut w = Waiter::new(WaiterConfig::new(Goal::Active, Duration::from_secs(60))?, FixedJitter::MAX, Instant::now());
/// assert!(matches!(w.poll_output(), Some(Output::GetSyncJob { attempt: 1 })));
/// assert_eq!(w.poll_output(), None);
/// # Ok::<(), twinmaker_syncjob::waiter::ConfigError>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum Output {
    /// Call GetSyncJob now and hand the result to [`Waiter::handle_response`].
    GetSyncJob {
        /// The attempt's number, from 1.
        attempt: u32,
    },
    /// Nothing to do until the instant; then call [`Waiter::handle_timeout`].
    Wait {
        /// When to wake up.
        until: Instant,
    },
    /// The wait is over.
    Done(Outcome),
}

/// Why a wait failed.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::Position;
/// use twinmaker_syncjob::waiter::{Failure, Goal};
///
/// let f = Failure::GoalUnreachable { from: Position::Deleting, goal: Goal::Active };
/// assert_eq!(f.to_string(), "ACTIVE can no longer be reached from DELETING");
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Failure {
    /// The job reached `ERROR` (and the goal was not `ERROR`).
    JobFailed {
        /// The error code, when the service gave one.
        code: Option<Open<ErrorCode>>,
        /// What the code means.
        classification: ErrorClassification,
    },
    /// The goal cannot be reached any more from where the job is, under the policy.
    GoalUnreachable {
        /// Where the job is.
        from: Position,
        /// The goal.
        goal: Goal,
    },
    /// An observation broke a lifecycle rule.
    Violation(Violation),
    /// A GetSyncJob call failed with an error that is not retryable.
    Api {
        /// The error.
        error: ApiError,
        /// What it means.
        classification: ApiErrorClassification,
    },
    /// The transport failed (no API error: the network, decoding).
    Transport(String),
    /// The maximum wait passed without reaching the goal.
    TimedOut {
        /// The last position seen, when known.
        last: Option<Position>,
    },
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::JobFailed { code: Some(code), classification } => {
                write!(f, "the job failed with {code}: {}", classification.remedy)
            }
            Self::JobFailed { code: None, classification } => {
                write!(f, "the job failed without an error code: {}", classification.remedy)
            }
            Self::GoalUnreachable { from, goal } => write!(f, "{goal} can no longer be reached from {from}"),
            Self::Violation(violation) => write!(f, "lifecycle violation: {violation}"),
            Self::Api { error, classification } => {
                write!(f, "{error} ({}): {}", classification.disposition, classification.remedy)
            }
            Self::Transport(message) => write!(f, "transport failure: {message}"),
            Self::TimedOut { last: Some(last) } => write!(f, "timed out; the job was last seen {last}"),
            Self::TimedOut { last: None } => f.write_str("timed out before the job was seen"),
        }
    }
}

/// How a wait ended.
///
/// # Example
///
/// ```
/// use std::time::Duration;
/// use twinmaker_syncjob::waiter::{Failure, Outcome};
///
/// let o = Outcome::Failure { failure: Failure::TimedOut { last: None }, attempts: 3, elapsed: Duration::from_secs(60) };
/// assert!(!o.is_success());
/// assert_eq!(o.attempts(), 3);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// The goal was observed.
    Success {
        /// The snapshot that showed it (`None` when the goal was deletion).
        snapshot: Option<Box<SyncJobSnapshot>>,
        /// How many GetSyncJob attempts it took.
        attempts: u32,
        /// From the start to the observation.
        elapsed: Duration,
    },
    /// The wait failed.
    Failure {
        /// Why.
        failure: Failure,
        /// How many GetSyncJob attempts were made.
        attempts: u32,
        /// From the start to the failure.
        elapsed: Duration,
    },
}

impl Outcome {
    /// Whether the goal was reached.
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::Duration;
    /// use twinmaker_syncjob::waiter::Outcome;
    ///
    /// assert!(Outcome::Success { snapshot: None, attempts: 1, elapsed: Duration::ZERO }.is_success());
    /// ```
    #[must_use]
    pub fn is_success(&self) -> bool {
        matches!(self, Self::Success { .. })
    }

    /// How many attempts were made.
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::Duration;
    /// use twinmaker_syncjob::waiter::Outcome;
    ///
    /// assert_eq!(Outcome::Success { snapshot: None, attempts: 2, elapsed: Duration::ZERO }.attempts(), 2);
    /// ```
    #[must_use]
    pub fn attempts(&self) -> u32 {
        match self {
            Self::Success { attempts, .. } | Self::Failure { attempts, .. } => *attempts,
        }
    }

    /// How long the wait took.
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::Duration;
    /// use twinmaker_syncjob::waiter::Outcome;
    ///
    /// let o = Outcome::Success { snapshot: None, attempts: 1, elapsed: Duration::from_secs(4) };
    /// assert_eq!(o.elapsed(), Duration::from_secs(4));
    /// ```
    #[must_use]
    pub fn elapsed(&self) -> Duration {
        match self {
            Self::Success { elapsed, .. } | Self::Failure { elapsed, .. } => *elapsed,
        }
    }

    /// The failure, if the wait failed.
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::Duration;
    /// use twinmaker_syncjob::waiter::Outcome;
    ///
    /// assert!(Outcome::Success { snapshot: None, attempts: 1, elapsed: Duration::ZERO }.failure().is_none());
    /// ```
    #[must_use]
    pub fn failure(&self) -> Option<&Failure> {
        match self {
            Self::Failure { failure, .. } => Some(failure),
            Self::Success { .. } => None,
        }
    }
}

/// Something the waiter did, for progress displays, logs and metrics.
///
/// # Example
///
/// ```
/// use std::time::{Duration, Instant};
/// use twinmaker_syncjob::waiter::{Event, FixedJitter, Goal, Waiter, WaiterConfig};
///
/// let t0 = Instant::now();
/// let mut w = Waiter::new(WaiterConfig::new(Goal::Active, Duration::from_secs(60))?, FixedJitter::MAX, t0);
/// assert_eq!(w.poll_event(), Some(Event::Attempt { attempt: 1, at: t0 }));
/// # Ok::<(), twinmaker_syncjob::waiter::ConfigError>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Event {
    /// A GetSyncJob attempt was asked for.
    Attempt {
        /// Its number, from 1.
        attempt: u32,
        /// When.
        at: Instant,
    },
    /// A response was judged by the observation checker.
    Observed {
        /// The attempt it answered.
        attempt: u32,
        /// What the checker made of it.
        verdict: Verdict,
    },
    /// The waiter will try again after a delay.
    Retry {
        /// The attempt that will follow.
        next_attempt: u32,
        /// The delay before it.
        delay: Duration,
    },
    /// The wait is over.
    Finished(Outcome),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// A GetSyncJob call is outstanding.
    Calling,
    /// Waiting until the instant before the next attempt.
    Sleeping(Instant),
    Done,
}

/// The sans-IO waiter: the state of one wait for one job.
///
/// Spurious calls are harmless: a response when none was asked for, or a timeout before the
/// instant, is ignored. See the [module documentation](crate::waiter) for the protocol.
///
/// # Example
///
/// ```
/// use std::time::{Duration, Instant};
/// use twinmaker_syncjob::decode::Decode;
/// use twinmaker_syncjob::model::SyncJobSnapshot;
/// use twinmaker_syncjob::waiter::{FixedJitter, Goal, Output, Waiter, WaiterConfig};
///
/// let active = SyncJobSnapshot::decode_str(r#"{"arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/w",
///     "workspaceId": "w1", "syncSource": "SITEWISE", "syncRole": "arn:aws:iam::123456789012:role/r",
///     "status": {"state": "ACTIVE"}, "creationDateTime": 0, "updateDateTime": 0}"#).unwrap();
/// let t0 = Instant::now();
/// let mut waiter = Waiter::new(WaiterConfig::new(Goal::Active, Duration::from_secs(60))?, FixedJitter::MAX, t0);
/// while let Some(output) = waiter.poll_output() {
///     match output {
///         Output::GetSyncJob { .. } => waiter.handle_response(t0, Ok(&active)),
///         Output::Wait { until } => waiter.handle_timeout(until),
///         Output::Done(outcome) => {
///             assert!(outcome.is_success());
///             break;
///         }
///     }
/// }
/// # Ok::<(), twinmaker_syncjob::waiter::ConfigError>(())
/// ```
#[derive(Debug)]
pub struct Waiter<J> {
    config: WaiterConfig,
    jitter: J,
    tracker: JobTracker,
    start: Instant,
    deadline: Instant,
    attempt: u32,
    phase: Phase,
    outputs: VecDeque<Output>,
    events: VecDeque<Event>,
}

impl<J: Jitter> Waiter<J> {
    /// Starts a wait at `now`: the first output asks for a GetSyncJob call.
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::{Duration, Instant};
    /// use twinmaker_syncjob::waiter::{SeededJitter, Goal, Waiter, WaiterConfig};
    ///
    /// let w = Waiter::new(WaiterConfig::new(Goal::Deleted, Duration::from_secs(60))?, SeededJitter::new(42), Instant::now());
    /// assert!(!w.is_done());
    /// # Ok::<(), twinmaker_syncjob::waiter::ConfigError>(())
    /// ```
    pub fn new(config: WaiterConfig, jitter: J, now: Instant) -> Self {
        let tracker = JobTracker::new(config.policy.clone());
        let deadline = now.checked_add(config.max_wait).unwrap_or(now);
        let mut waiter = Self {
            config,
            jitter,
            tracker,
            start: now,
            deadline,
            attempt: 0,
            phase: Phase::Calling,
            outputs: VecDeque::with_capacity(2),
            events: VecDeque::with_capacity(4),
        };
        waiter.call(now);
        waiter
    }

    /// Hands over the result of the GetSyncJob call last asked for, received at `now`.
    ///
    /// Ignored when no call is outstanding.
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::{Duration, Instant};
    /// use twinmaker_syncjob::model::{ApiError, ApiErrorKind};
    /// use twinmaker_syncjob::waiter::{FixedJitter, Goal, Outcome, Output, Waiter, WaiterConfig};
    ///
    /// let t0 = Instant::now();
    /// let mut w = Waiter::new(WaiterConfig::new(Goal::Deleted, Duration::from_secs(60))?, FixedJitter::MAX, t0);
    /// w.poll_output();
    /// w.handle_response(t0, Err(&ApiError::new(ApiErrorKind::ResourceNotFound, "")));
    /// assert!(matches!(w.poll_output(), Some(Output::Done(Outcome::Success { .. }))));
    /// # Ok::<(), twinmaker_syncjob::waiter::ConfigError>(())
    /// ```
    pub fn handle_response(&mut self, now: Instant, response: Result<&SyncJobSnapshot, &ApiError>) {
        if self.phase != Phase::Calling {
            return;
        }
        let observation = match response {
            Ok(snapshot) => Observation::Snapshot(snapshot),
            Err(error) => Observation::Error(error),
        };
        let verdict = self.tracker.observe(observation);
        self.events.push_back(Event::Observed { attempt: self.attempt, verdict });
        match self.accept(&verdict, response) {
            Acceptor::Success => {
                let snapshot = response.ok().map(|snapshot| Box::new(snapshot.clone()));
                self.finish(now, Outcome::Success { snapshot, attempts: self.attempt, elapsed: self.elapsed(now) });
            }
            Acceptor::Failure(failure) => {
                self.finish(now, Outcome::Failure { failure, attempts: self.attempt, elapsed: self.elapsed(now) });
            }
            Acceptor::Retry => self.retry(now),
        }
    }

    /// Reports that the transport failed without an API error (network, decoding). The Smithy
    /// rules make an error that matches no acceptor a failure.
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::{Duration, Instant};
    /// use twinmaker_syncjob::waiter::{Failure, FixedJitter, Goal, Waiter, WaiterConfig};
    ///
    /// let t0 = Instant::now();
    /// let mut w = Waiter::new(WaiterConfig::new(Goal::Active, Duration::from_secs(60))?, FixedJitter::MAX, t0);
    /// w.handle_transport_error(t0, "connection reset");
    /// assert!(w.is_done());
    /// # Ok::<(), twinmaker_syncjob::waiter::ConfigError>(())
    /// ```
    pub fn handle_transport_error(&mut self, now: Instant, message: &str) {
        if self.phase != Phase::Calling {
            return;
        }
        let failure = Failure::Transport(message.to_owned());
        self.finish(now, Outcome::Failure { failure, attempts: self.attempt, elapsed: self.elapsed(now) });
    }

    /// Tells the waiter that time passed. Before the instant it asked for, nothing happens.
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::{Duration, Instant};
    /// use twinmaker_syncjob::waiter::{FixedJitter, Goal, Waiter, WaiterConfig};
    ///
    /// let t0 = Instant::now();
    /// let mut w = Waiter::new(WaiterConfig::new(Goal::Active, Duration::from_secs(60))?, FixedJitter::MAX, t0);
    /// w.handle_timeout(t0); // spurious: a call is outstanding
    /// assert_eq!(w.poll_timeout(), None);
    /// # Ok::<(), twinmaker_syncjob::waiter::ConfigError>(())
    /// ```
    pub fn handle_timeout(&mut self, now: Instant) {
        if let Phase::Sleeping(until) = self.phase
            && now >= until
        {
            self.call(now);
        }
    }

    /// The next thing to do, if any.
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::{Duration, Instant};
    /// use twinmaker_syncjob::waiter::{FixedJitter, Goal, Output, Waiter, WaiterConfig};
    ///
    /// let mut w = Waiter::new(WaiterConfig::new(Goal::Active, Duration::from_secs(60))?, FixedJitter::MAX, Instant::now());
    /// assert_eq!(w.poll_output(), Some(Output::GetSyncJob { attempt: 1 }));
    /// # Ok::<(), twinmaker_syncjob::waiter::ConfigError>(())
    /// ```
    pub fn poll_output(&mut self) -> Option<Output> {
        self.outputs.pop_front()
    }

    /// When the waiter wants [`Waiter::handle_timeout`] called, if it is waiting.
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::{Duration, Instant};
    /// use twinmaker_syncjob::waiter::{FixedJitter, Goal, Waiter, WaiterConfig};
    ///
    /// let w = Waiter::new(WaiterConfig::new(Goal::Active, Duration::from_secs(60))?, FixedJitter::MAX, Instant::now());
    /// assert_eq!(w.poll_timeout(), None);
    /// # Ok::<(), twinmaker_syncjob::waiter::ConfigError>(())
    /// ```
    #[must_use]
    pub fn poll_timeout(&self) -> Option<Instant> {
        match self.phase {
            Phase::Sleeping(until) => Some(until),
            Phase::Calling | Phase::Done => None,
        }
    }

    /// The next event, if any.
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::{Duration, Instant};
    /// use twinmaker_syncjob::waiter::{Event, FixedJitter, Goal, Waiter, WaiterConfig};
    ///
    /// let mut w = Waiter::new(WaiterConfig::new(Goal::Active, Duration::from_secs(60))?, FixedJitter::MAX, Instant::now());
    /// assert!(matches!(w.poll_event(), Some(Event::Attempt { attempt: 1, .. })));
    /// assert_eq!(w.poll_event(), None);
    /// # Ok::<(), twinmaker_syncjob::waiter::ConfigError>(())
    /// ```
    pub fn poll_event(&mut self) -> Option<Event> {
        self.events.pop_front()
    }

    /// Whether the wait is over.
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::{Duration, Instant};
    /// use twinmaker_syncjob::waiter::{FixedJitter, Goal, Waiter, WaiterConfig};
    ///
    /// let w = Waiter::new(WaiterConfig::new(Goal::Active, Duration::from_secs(60))?, FixedJitter::MAX, Instant::now());
    /// assert!(!w.is_done());
    /// # Ok::<(), twinmaker_syncjob::waiter::ConfigError>(())
    /// ```
    #[must_use]
    pub fn is_done(&self) -> bool {
        self.phase == Phase::Done
    }

    /// The configuration.
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::{Duration, Instant};
    /// use twinmaker_syncjob::waiter::{FixedJitter, Goal, Waiter, WaiterConfig};
    ///
    /// let w = Waiter::new(WaiterConfig::new(Goal::Active, Duration::from_secs(60))?, FixedJitter::MAX, Instant::now());
    /// assert_eq!(w.config().goal(), Goal::Active);
    /// # Ok::<(), twinmaker_syncjob::waiter::ConfigError>(())
    /// ```
    #[must_use]
    pub fn config(&self) -> &WaiterConfig {
        &self.config
    }

    /// The instant after which no attempt is made.
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::{Duration, Instant};
    /// use twinmaker_syncjob::waiter::{FixedJitter, Goal, Waiter, WaiterConfig};
    ///
    /// let t0 = Instant::now();
    /// let w = Waiter::new(WaiterConfig::new(Goal::Active, Duration::from_secs(60))?, FixedJitter::MAX, t0);
    /// assert_eq!(w.deadline(), t0 + Duration::from_secs(60));
    /// # Ok::<(), twinmaker_syncjob::waiter::ConfigError>(())
    /// ```
    #[must_use]
    pub fn deadline(&self) -> Instant {
        self.deadline
    }

    fn elapsed(&self, now: Instant) -> Duration {
        now.saturating_duration_since(self.start)
    }

    fn call(&mut self, now: Instant) {
        self.attempt = self.attempt.saturating_add(1);
        self.phase = Phase::Calling;
        self.outputs.push_back(Output::GetSyncJob { attempt: self.attempt });
        self.events.push_back(Event::Attempt { attempt: self.attempt, at: now });
    }

    fn retry(&mut self, now: Instant) {
        let remaining = self.deadline.saturating_duration_since(now);
        let (min, max) = (self.config.min_delay, self.config.max_delay);
        match smithy_delay(self.attempt, min, max, remaining, &mut self.jitter) {
            Some(delay) => {
                let until = now.checked_add(delay).unwrap_or(self.deadline);
                self.phase = Phase::Sleeping(until);
                self.events.push_back(Event::Retry { next_attempt: self.attempt.saturating_add(1), delay });
                self.outputs.push_back(Output::Wait { until });
            }
            None => {
                let failure = Failure::TimedOut { last: self.tracker.record().position() };
                self.finish(now, Outcome::Failure { failure, attempts: self.attempt, elapsed: self.elapsed(now) });
            }
        }
    }

    fn finish(&mut self, _now: Instant, outcome: Outcome) {
        self.phase = Phase::Done;
        self.events.push_back(Event::Finished(outcome.clone()));
        self.outputs.push_back(Output::Done(outcome));
    }

    /// The Smithy acceptors, in order: violation, success, job failure, unreachable goal, API
    /// error disposition; anything else retries.
    fn accept(&self, verdict: &Verdict, response: Result<&SyncJobSnapshot, &ApiError>) -> Acceptor {
        if let Some(violation) = verdict.violations.iter().next() {
            return Acceptor::Failure(Failure::Violation(*violation));
        }
        let goal = self.config.goal;
        match response {
            Err(error) => self.accept_error(verdict, error),
            Ok(snapshot) => {
                let Some(position) = verdict.to else { return Acceptor::Retry };
                let reached = match goal {
                    Goal::State(state) => snapshot.status.known_state() == Some(state),
                    Goal::Active => position == Position::Active,
                    Goal::Deleted => false,
                };
                if reached {
                    return Acceptor::Success;
                }
                if position.stage() == Stage::Error && goal != Goal::Deleted {
                    let details = snapshot.status.error.as_ref();
                    let code = details.and_then(|details| details.code.clone());
                    let classification = classify_error_details(details);
                    return Acceptor::Failure(Failure::JobFailed { code, classification });
                }
                if !self.config.policy.route(position, goal.position()).is_legal() {
                    return Acceptor::Failure(Failure::GoalUnreachable { from: position, goal });
                }
                Acceptor::Retry
            }
        }
    }

    fn accept_error(&self, verdict: &Verdict, error: &ApiError) -> Acceptor {
        let classification = classify_api_error(error);
        match classification.disposition {
            Disposition::Retryable => Acceptor::Retry,
            Disposition::Terminal => Acceptor::Failure(Failure::Api { error: error.clone(), classification }),
            Disposition::NotFound => match (self.config.goal, verdict.change) {
                (Goal::Deleted, _) => Acceptor::Success,
                // Never seen: not created yet, or not visible yet.
                (_, Change::NoEvidence) if self.config.retry_not_found_before_seen => Acceptor::Retry,
                (_, Change::NoEvidence) => Acceptor::Failure(Failure::Api { error: error.clone(), classification }),
                (goal, _) => Acceptor::Failure(Failure::GoalUnreachable { from: Position::Deleted, goal }),
            },
        }
    }
}

enum Acceptor {
    Success,
    Failure(Failure),
    Retry,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lifecycle::{Fault, Phase as ErrorPhase, classify_error_code};

    fn s(n: u64) -> Duration {
        Duration::from_secs(n)
    }

    #[test]
    fn configuration_is_validated_and_kept() {
        let c = WaiterConfig::new(Goal::Deleted, s(90)).unwrap();
        assert_eq!((c.goal(), c.min_delay(), c.max_delay(), c.max_wait()), (Goal::Deleted, s(2), s(120), s(90)));
        assert_eq!(c.lifecycle_policy(), &Policy::DEFAULT);
        assert!(c.retries_not_found_before_seen());
        let c = c.retry_not_found_before_seen(false).policy(Policy::DOCUMENTED);
        assert!(!c.retries_not_found_before_seen());
        assert_eq!(c.lifecycle_policy(), &Policy::DOCUMENTED);
        // The bounds of `delays`: 1 ms is the least minimum, and min may equal max.
        let one_ms = Duration::from_millis(1);
        assert!(c.clone().delays(one_ms, one_ms).is_ok());
        assert_eq!(
            c.clone().delays(Duration::from_micros(999), s(1)),
            Err(ConfigError::ZeroMinDelay(Duration::from_micros(999)))
        );
        assert_eq!(c.clone().delays(s(3), s(3)).map(|c| (c.min_delay(), c.max_delay())), Ok((s(3), s(3))));
        assert_eq!(c.delays(s(4), s(3)), Err(ConfigError::MinAboveMax { min: s(4), max: s(3) }));
        assert_eq!(WaiterConfig::new(Goal::Active, Duration::ZERO), Err(ConfigError::ZeroMaxWait));
    }

    #[test]
    fn goals_and_failures_read_well() {
        assert_eq!(Goal::Active.to_string(), "ACTIVE");
        assert_eq!(Goal::Deleted.to_string(), "deleted");
        assert_eq!(Goal::State(SyncJobState::Initializing).to_string(), "INITIALIZING");
        let classification = classify_error_code(ErrorCode::SyncCreatingError);
        assert_eq!(classification.fault, Fault::Customer);
        let failures = [
            (
                Failure::JobFailed { code: Some(Open::Known(ErrorCode::SyncCreatingError)), classification },
                "the job failed with SYNC_CREATING_ERROR: Fix the sync role",
            ),
            (
                Failure::JobFailed { code: None, classification },
                "the job failed without an error code: Fix the sync role",
            ),
            (
                Failure::GoalUnreachable { from: Position::Error(ErrorPhase::Active), goal: Goal::Active },
                "ACTIVE can no longer be reached from ERROR (from ACTIVE)",
            ),
            (Failure::Transport("reset".to_owned()), "transport failure: reset"),
            (Failure::TimedOut { last: Some(Position::Creating) }, "timed out; the job was last seen CREATING"),
            (Failure::TimedOut { last: None }, "timed out before the job was seen"),
        ];
        for (failure, start) in failures {
            assert!(failure.to_string().starts_with(start), "{failure}");
        }
        let error = ApiError::new(crate::model::ApiErrorKind::AccessDenied, "no");
        let api = Failure::Api { classification: classify_api_error(&error), error };
        assert!(api.to_string().starts_with("AccessDeniedException (HTTP 403): no (terminal): "), "{api}");
        let violation =
            Failure::Violation(Violation::IllegalTransition { from: Position::Active, to: Position::Creating });
        assert!(violation.to_string().starts_with("lifecycle violation: ACTIVE cannot be followed by CREATING"));
    }

    #[test]
    fn outcomes_report_what_happened() {
        let success = Outcome::Success { snapshot: None, attempts: 3, elapsed: s(7) };
        assert!(success.is_success() && success.failure().is_none());
        assert_eq!((success.attempts(), success.elapsed()), (3, s(7)));
        let failure = Outcome::Failure { failure: Failure::TimedOut { last: None }, attempts: 4, elapsed: s(9) };
        assert!(!failure.is_success());
        assert_eq!(failure.failure(), Some(&Failure::TimedOut { last: None }));
        assert_eq!((failure.attempts(), failure.elapsed()), (4, s(9)));
    }

    #[test]
    fn the_deadline_and_the_config_are_kept() {
        let t0 = Instant::now();
        let w = Waiter::new(WaiterConfig::new(Goal::Active, s(30)).unwrap(), crate::waiter::FixedJitter::MAX, t0);
        assert_eq!(w.deadline(), t0 + s(30));
        assert_eq!(w.config().max_wait(), s(30));
        assert!(!w.is_done());
    }
}
