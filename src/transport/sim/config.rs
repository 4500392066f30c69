//! What the simulator injects ([`Faults`], [`ErrorFault`], [`FaultKind`]), how long each phase
//! lasts ([`Timings`]), and what can be wrong with a configuration ([`SimError`]).

use std::ops::RangeInclusive;
use std::str::FromStr;
use std::time::Duration;

use crate::lifecycle::{Phase, Stage, classify_error_code};
use crate::model::{ConstraintError, ErrorCode, WireEnum};

/// A simulator configuration that cannot be honoured.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::{Phase, Policy};
/// use twinmaker_syncjob::model::ErrorCode;
/// use twinmaker_syncjob::transport::sim::{ErrorFault, Faults, SimError, Simulator};
///
/// // SYNC_DELETING_ERROR needs the inferred DELETING -> ERROR edge, which the documented policy lacks.
/// let faults = Faults::none().with_job_errors(ErrorFault::code(ErrorCode::SyncDeletingError));
/// let err = Simulator::builder(1).policy(Policy::DOCUMENTED).faults(faults).build().unwrap_err();
/// assert!(matches!(err, SimError::PolicyLacksEdge { .. }));
/// ```
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum SimError {
    /// The lifecycle policy lacks an edge the configuration needs: the simulator only serves what
    /// its policy allows.
    #[error("the simulator's lifecycle policy lacks the edge {from} -> {to}, needed {needed_for}")]
    PolicyLacksEdge {
        /// Where the edge starts.
        from: Stage,
        /// Where it ends.
        to: Stage,
        /// What needs it.
        needed_for: &'static str,
    },
    /// An error code that names a phase was asked for in another phase.
    #[error("{code} names the {named} phase; it cannot be injected in {requested}")]
    PhaseMismatch {
        /// The code.
        code: ErrorCode,
        /// The phase the code names.
        named: Phase,
        /// The phase asked for.
        requested: Phase,
    },
    /// A probability outside `0..=1` (or not a number).
    #[error("{name} is {value}; a probability must be within 0 and 1")]
    Probability {
        /// Which knob.
        name: &'static str,
        /// The value given.
        value: f64,
    },
    /// An identifier built from the configuration (region, account) breaks the model's constraints.
    #[error("invalid simulator identity: {0}")]
    Identity(#[from] ConstraintError),
    /// A fault list names something unknown.
    #[error(
        "unknown fault {0:?}: expected a comma-separated list of none, all, throttling, internal-errors, job-errors, \
         slow-initialization, delete-retries, recreate, error=CODE or error=CODE@PHASE"
    )]
    UnknownFault(String),
}

/// Whether, and how, jobs fail: the `ERROR` state with error details.
///
/// A job fails in a phase: `CREATING`, `INITIALIZING` or `ACTIVE` (it moves to `ERROR` at the end
/// of its time in that phase), or `DELETING` (its delete ends in `ERROR` instead of removing it;
/// this takes the inferred `DELETING -> ERROR` edge, so only a policy that allows it can inject
/// it). A code that names a phase (`SYNC_CREATING_ERROR` and the others) is injected in that phase
/// only; a phase-less code (`INTERNAL_FAILURE`, `VALIDATION_ERROR`, `PROCESSING_ERROR`,
/// `COMPOSITE_COMPONENT_FAILURE`) in the phase asked for, or in `CREATING`, `INITIALIZING` or
/// `ACTIVE` drawn from the job's random stream when [`Phase::Any`] is given. Which code fails in
/// which phase in the real service is not documented: this pairing follows the codes' names
/// (simulator behaviour, inferred).
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::Phase;
/// use twinmaker_syncjob::model::ErrorCode;
/// use twinmaker_syncjob::transport::sim::ErrorFault;
///
/// assert_eq!(ErrorFault::code(ErrorCode::SyncInitializingError), ErrorFault::Fail {
///     code: ErrorCode::SyncInitializingError,
///     phase: Phase::Any,
/// });
/// assert_eq!("INTERNAL_FAILURE@ACTIVE".parse(), Ok(ErrorFault::code_in(ErrorCode::InternalFailure, Phase::Active)));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum ErrorFault {
    /// Jobs never fail.
    #[default]
    None,
    /// Every incarnation of every job fails with `code` in `phase` ([`Phase::Any`]: the phase the
    /// code names, or a drawn one for a phase-less code).
    Fail {
        /// The error code of the failure.
        code: ErrorCode,
        /// The phase it fails in.
        phase: Phase,
    },
    /// Each incarnation fails with this probability, with a code drawn from every known code (but
    /// `SYNC_DELETING_ERROR` when the policy lacks `DELETING -> ERROR`) in the code's phase.
    Random {
        /// The probability that an incarnation fails, within 0 and 1.
        probability: f64,
    },
}

impl ErrorFault {
    /// Fails every incarnation with `code`, in the phase the code names (drawn for phase-less
    /// codes).
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::ErrorCode;
    /// use twinmaker_syncjob::transport::sim::ErrorFault;
    ///
    /// assert!(matches!(ErrorFault::code(ErrorCode::SyncCreatingError), ErrorFault::Fail { .. }));
    /// ```
    #[must_use]
    pub const fn code(code: ErrorCode) -> Self {
        Self::Fail { code, phase: Phase::Any }
    }

    /// Fails every incarnation with `code` in `phase`. The simulator refuses ([`SimError`]) a code
    /// that names another phase.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Phase;
    /// use twinmaker_syncjob::model::ErrorCode;
    /// use twinmaker_syncjob::transport::sim::ErrorFault;
    ///
    /// let f = ErrorFault::code_in(ErrorCode::InternalFailure, Phase::Initializing);
    /// assert_eq!(f, ErrorFault::Fail { code: ErrorCode::InternalFailure, phase: Phase::Initializing });
    /// ```
    #[must_use]
    pub const fn code_in(code: ErrorCode, phase: Phase) -> Self {
        Self::Fail { code, phase }
    }

    /// The phase a failure of `code` asked for in `requested` happens in, or an error when the
    /// code names another phase. `Phase::Any` means "drawn" for a phase-less code.
    pub(super) fn phase_of(code: ErrorCode, requested: Phase) -> Result<Phase, SimError> {
        let named = classify_error_code(code).phase;
        match (named, requested) {
            (Phase::Any, requested) => Ok(requested),
            (named, Phase::Any) => Ok(named),
            (named, requested) if named == requested => Ok(named),
            (named, requested) => Err(SimError::PhaseMismatch { code, named, requested }),
        }
    }
}

impl FromStr for ErrorFault {
    type Err = SimError;

    /// `CODE` or `CODE@PHASE`, with the wire names: `SYNC_CREATING_ERROR`,
    /// `INTERNAL_FAILURE@DELETING`.
    fn from_str(spec: &str) -> Result<Self, SimError> {
        let unknown = || SimError::UnknownFault(format!("error={spec}"));
        let (code, phase) = match spec.split_once('@') {
            Some((code, phase)) => (code, Some(phase)),
            None => (spec, None),
        };
        let code = ErrorCode::from_wire(code.trim()).ok_or_else(unknown)?;
        let phase = match phase.map(str::trim) {
            None | Some("ANY") => Phase::Any,
            Some("CREATING") => Phase::Creating,
            Some("INITIALIZING") => Phase::Initializing,
            Some("ACTIVE") => Phase::Active,
            Some("DELETING") => Phase::Deleting,
            Some(_) => return Err(unknown()),
        };
        Ok(Self::Fail { code, phase })
    }
}

/// One kind of fault, as fault lists name it (`syncjob simulate --faults`).
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::transport::sim::FaultKind;
///
/// assert_eq!("slow-initialization".parse::<FaultKind>()?, FaultKind::SlowInitialization);
/// assert_eq!(FaultKind::DeleteRetries.to_string(), "delete-retries");
/// assert_eq!(FaultKind::ALL.len(), 6);
/// # Ok::<(), strum::ParseError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, strum::EnumString, strum::Display, strum::IntoStaticStr)]
#[strum(serialize_all = "kebab-case")]
pub enum FaultKind {
    /// Calls answered `ThrottlingException` (probability 0.2 per call).
    Throttling,
    /// Calls answered `InternalServerException` (probability 0.05 per call).
    InternalErrors,
    /// Jobs that fail: each incarnation with probability 0.5, with a random code in its phase.
    JobErrors,
    /// `INITIALIZING` takes 10 to 45 minutes instead of 20 seconds to 2 minutes.
    SlowInitialization,
    /// Deletes fail twice and are retried, with error details beside `DELETING` meanwhile.
    DeleteRetries,
    /// Another actor deletes each job and creates it again, once, at a random time.
    Recreate,
}

impl FaultKind {
    /// Every kind.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::transport::sim::{FaultKind, Faults};
    ///
    /// assert_eq!(Faults::all().kinds(), FaultKind::ALL);
    /// ```
    pub const ALL: [Self; 6] = [
        Self::Throttling,
        Self::InternalErrors,
        Self::JobErrors,
        Self::SlowInitialization,
        Self::DeleteRetries,
        Self::Recreate,
    ];
}

/// The faults a simulator injects. [`Faults::none`] (the default) injects nothing.
///
/// Per-call faults (throttling, internal errors) are drawn from the simulator's seeded stream, one
/// draw per call; a call that fails has no effect (simulator behaviour, inferred). Per-job faults
/// are planned from the job's own seeded stream when it is created.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::model::ErrorCode;
/// use twinmaker_syncjob::transport::sim::{ErrorFault, FaultKind, Faults};
///
/// let faults = Faults::none().with_throttling(0.3).with_job_errors(ErrorFault::code(ErrorCode::SyncCreatingError));
/// assert_eq!(faults.throttling, 0.3);
/// assert_eq!("throttling,recreate".parse::<Faults>()?.kinds(), [FaultKind::Throttling, FaultKind::Recreate]);
/// assert_eq!("all".parse::<Faults>()?, Faults::all());
/// # Ok::<(), twinmaker_syncjob::transport::sim::SimError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct Faults {
    /// Probability that a call is answered `ThrottlingException` (drawn first).
    pub throttling: f64,
    /// Probability that a call is answered `InternalServerException` (drawn after throttling, from
    /// the same draw: exact as long as the two sum to at most 1).
    pub internal_errors: f64,
    /// Whether and how jobs fail.
    pub job_errors: ErrorFault,
    /// Whether `INITIALIZING` takes [`Timings::slow_initializing`] instead of
    /// [`Timings::initializing`].
    pub slow_initialization: bool,
    /// How many attempts of each delete fail before one succeeds; the job stays `DELETING`
    /// meanwhile, each retry after [`Timings::delete_retry`] (documented: "the sync job remains in
    /// the DELETING state and is automatically retried").
    pub delete_retries: u32,
    /// Whether a failed delete attempt shows error details (`SYNC_DELETING_ERROR`) beside
    /// `DELETING` until the job is gone (simulator behaviour, inferred: the model allows details
    /// in any state, the guide does not say whether they show).
    pub delete_error_details: bool,
    /// Whether another actor deletes each job created by a caller and creates it again, once, at
    /// a random time ([`Timings::recreate_after`], then [`Timings::recreate_gap`] after it is
    /// gone). A delete by the caller cancels it.
    pub recreate: bool,
}

impl Faults {
    /// No faults.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::transport::sim::Faults;
    ///
    /// assert!(Faults::none().kinds().is_empty());
    /// ```
    #[must_use]
    pub fn none() -> Self {
        Self::default()
    }

    /// Every [`FaultKind`] at its default intensity.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::transport::sim::{FaultKind, Faults};
    ///
    /// assert_eq!(Faults::all().kinds(), FaultKind::ALL);
    /// ```
    #[must_use]
    pub fn all() -> Self {
        FaultKind::ALL.into_iter().fold(Self::none(), Self::with)
    }

    /// These faults and `kind` at its default intensity.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::transport::sim::{FaultKind, Faults};
    ///
    /// let f = Faults::none().with(FaultKind::DeleteRetries);
    /// assert_eq!(f.delete_retries, 2);
    /// assert!(f.delete_error_details);
    /// ```
    #[must_use]
    pub fn with(mut self, kind: FaultKind) -> Self {
        match kind {
            FaultKind::Throttling => self.throttling = 0.2,
            FaultKind::InternalErrors => self.internal_errors = 0.05,
            FaultKind::JobErrors => self.job_errors = ErrorFault::Random { probability: 0.5 },
            FaultKind::SlowInitialization => self.slow_initialization = true,
            FaultKind::DeleteRetries => {
                self.delete_retries = 2;
                self.delete_error_details = true;
            }
            FaultKind::Recreate => self.recreate = true,
        }
        self
    }

    /// Which kinds are on, in [`FaultKind::ALL`]'s order.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::transport::sim::{FaultKind, Faults};
    ///
    /// assert_eq!(Faults::none().with_throttling(0.01).kinds(), [FaultKind::Throttling]);
    /// ```
    #[must_use]
    pub fn kinds(&self) -> Vec<FaultKind> {
        FaultKind::ALL
            .into_iter()
            .filter(|kind| match kind {
                FaultKind::Throttling => self.throttling > 0.0,
                FaultKind::InternalErrors => self.internal_errors > 0.0,
                FaultKind::JobErrors => self.job_errors != ErrorFault::None,
                FaultKind::SlowInitialization => self.slow_initialization,
                FaultKind::DeleteRetries => self.delete_retries > 0,
                FaultKind::Recreate => self.recreate,
            })
            .collect()
    }

    /// Sets the probability of `ThrottlingException` per call.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::transport::sim::Faults;
    ///
    /// assert_eq!(Faults::none().with_throttling(0.5).throttling, 0.5);
    /// ```
    #[must_use]
    pub fn with_throttling(mut self, probability: f64) -> Self {
        self.throttling = probability;
        self
    }

    /// Sets the probability of `InternalServerException` per call.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::transport::sim::Faults;
    ///
    /// assert_eq!(Faults::none().with_internal_errors(0.1).internal_errors, 0.1);
    /// ```
    #[must_use]
    pub fn with_internal_errors(mut self, probability: f64) -> Self {
        self.internal_errors = probability;
        self
    }

    /// Sets how jobs fail.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::transport::sim::{ErrorFault, Faults};
    ///
    /// let f = Faults::none().with_job_errors(ErrorFault::Random { probability: 1.0 });
    /// assert_eq!(f.job_errors, ErrorFault::Random { probability: 1.0 });
    /// ```
    #[must_use]
    pub fn with_job_errors(mut self, job_errors: ErrorFault) -> Self {
        self.job_errors = job_errors;
        self
    }

    /// Sets whether initialization is slow.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::transport::sim::Faults;
    ///
    /// assert!(Faults::none().with_slow_initialization(true).slow_initialization);
    /// ```
    #[must_use]
    pub fn with_slow_initialization(mut self, slow: bool) -> Self {
        self.slow_initialization = slow;
        self
    }

    /// Sets how many attempts of each delete fail, and whether error details show beside
    /// `DELETING` meanwhile.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::transport::sim::Faults;
    ///
    /// let f = Faults::none().with_delete_retries(3, false);
    /// assert_eq!((f.delete_retries, f.delete_error_details), (3, false));
    /// ```
    #[must_use]
    pub fn with_delete_retries(mut self, retries: u32, error_details: bool) -> Self {
        self.delete_retries = retries;
        self.delete_error_details = error_details;
        self
    }

    /// Sets whether another actor deletes and recreates each job.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::transport::sim::Faults;
    ///
    /// assert!(Faults::none().with_recreate(true).recreate);
    /// ```
    #[must_use]
    pub fn with_recreate(mut self, recreate: bool) -> Self {
        self.recreate = recreate;
        self
    }

    /// Checks the probabilities.
    pub(super) fn check(&self) -> Result<(), SimError> {
        let probability = |name, value: f64| {
            if (0.0..=1.0).contains(&value) { Ok(()) } else { Err(SimError::Probability { name, value }) }
        };
        probability("throttling", self.throttling)?;
        probability("internal_errors", self.internal_errors)?;
        if let ErrorFault::Random { probability: p } = self.job_errors {
            probability("job_errors", p)?;
        }
        Ok(())
    }
}

impl FromStr for Faults {
    type Err = SimError;

    /// A comma-separated list: `none`, `all`, the [`FaultKind`] names, `error=CODE` or
    /// `error=CODE@PHASE` (see [`ErrorFault`]). Blank items are skipped.
    fn from_str(list: &str) -> Result<Self, SimError> {
        let mut faults = Self::none();
        for item in list.split(',').map(str::trim).filter(|item| !item.is_empty()) {
            if item == "none" {
                continue;
            }
            if item == "all" {
                faults = FaultKind::ALL.into_iter().fold(faults, Self::with);
            } else if let Some(spec) = item.strip_prefix("error=") {
                faults.job_errors = spec.parse()?;
            } else {
                let kind: FaultKind = item.parse().map_err(|_| SimError::UnknownFault(item.to_owned()))?;
                faults = faults.with(kind);
            }
        }
        Ok(faults)
    }
}

/// How long the simulated phases last: each duration is drawn uniformly (at millisecond
/// granularity) from its range by the job's seeded stream. The defaults are plausible, not
/// measured: AWS publishes no durations (simulator convention). Durations under 1 ms count as
/// 1 ms, and a range whose end is before its start is read as its start.
///
/// # Example
///
/// ```
/// use std::time::Duration;
/// use twinmaker_syncjob::transport::sim::{Simulator, Timings};
///
/// let mut timings = Timings::default();
/// timings.creating = Duration::from_secs(1)..=Duration::from_secs(2);
/// let sim = Simulator::builder(3).timings(timings.clone()).build()?;
/// assert_eq!(sim.timings(), &timings);
/// # Ok::<(), twinmaker_syncjob::transport::sim::SimError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Timings {
    /// Time in `CREATING` (default 5 to 30 s).
    pub creating: RangeInclusive<Duration>,
    /// Time in `INITIALIZING` (default 20 s to 2 min).
    pub initializing: RangeInclusive<Duration>,
    /// Time in `INITIALIZING` with [`Faults::slow_initialization`] (default 10 to 45 min).
    pub slow_initializing: RangeInclusive<Duration>,
    /// Time in `ACTIVE` before a failure planned in that phase (default 30 s to 10 min).
    pub active_until_failure: RangeInclusive<Duration>,
    /// Time from DeleteSyncJob to the end of the first delete attempt (default 5 to 30 s).
    pub deleting: RangeInclusive<Duration>,
    /// Time from a failed delete attempt to the end of the next (default 30 s to 2 min).
    pub delete_retry: RangeInclusive<Duration>,
    /// Time from a job's creation to the background actor's delete, with
    /// [`Faults::recreate`] (default 10 s to 15 min).
    pub recreate_after: RangeInclusive<Duration>,
    /// Time from the job being gone to the background actor's create (default 1 to 30 s).
    pub recreate_gap: RangeInclusive<Duration>,
}

const fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

impl Default for Timings {
    fn default() -> Self {
        Self {
            creating: secs(5)..=secs(30),
            initializing: secs(20)..=secs(120),
            slow_initializing: secs(600)..=secs(2700),
            active_until_failure: secs(30)..=secs(600),
            deleting: secs(5)..=secs(30),
            delete_retry: secs(30)..=secs(120),
            recreate_after: secs(10)..=secs(900),
            recreate_gap: secs(1)..=secs(30),
        }
    }
}
