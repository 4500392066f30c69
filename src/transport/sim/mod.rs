//! Simulator: a deterministic in-memory sync-job service, to test code that creates, polls and
//! deletes sync jobs without AWS.
//!
//! A [`Simulator`] answers CreateSyncJob, GetSyncJob, DeleteSyncJob and ListSyncJobs through
//! [`Transport`] and [`AsyncTransport`], on a virtual clock it owns ([`SimClock`]): nothing waits
//! for real time, and the same seed with the same calls at the same virtual instants gives the same
//! answers.
//!
//! # How a simulated job lives
//!
//! Every transition it serves is an edge of the lifecycle table under the simulator's
//! [`Policy`] (default [`Policy::DEFAULT`]), so the observation checker
//! ([`crate::observe`]) never finds a violation in what it serves:
//!
//! - CreateSyncJob starts an incarnation in `CREATING`, with a schedule planned from the job's
//!   seeded stream and the [`Faults`]: `CREATING` for a while, then `INITIALIZING` (longer with
//!   [`Faults::slow_initialization`]), then `ACTIVE`; or `ERROR` in the phase of an injected
//!   failure ([`ErrorFault`]), with error details (code and message) beside it. `ERROR` never
//!   recovers by itself.
//! - DeleteSyncJob moves the job to `DELETING` for a while (longer with
//!   [`Faults::delete_retries`]: failed attempts keep it `DELETING` and are retried, optionally
//!   with error details beside it), then it is gone: GetSyncJob answers
//!   `ResourceNotFoundException`. A `SYNC_DELETING_ERROR` failure (or a phase-less code injected
//!   in `DELETING`) ends the delete in `ERROR` instead, through the inferred `DELETING -> ERROR`
//!   edge, so only a policy that allows it can inject it.
//! - CreateSyncJob after the job is gone starts a new incarnation: the same ARN, a later
//!   `creationDateTime`.
//! - With [`Faults::recreate`], another actor deletes the job and creates it again once, at a
//!   random time.
//! - Throttling and internal errors answer calls at random ([`Faults::throttling`],
//!   [`Faults::internal_errors`]).
//!
//! `creationDateTime` is the incarnation's creation on the virtual clock, `updateDateTime` the time
//! of its last state change, both as the simulator's epoch (default 2023-01-01T00:00:00Z) plus the
//! virtual time. [`Simulator::history`] tells what really happened, seen or not.
//!
//! # Where AWS is silent
//!
//! The simulator has to answer where the public material says nothing. Each choice is marked
//! "simulator behaviour, inferred" (a guess at what the service does) or "simulator convention"
//! (an arbitrary but plausible format):
//!
//! - ARNs are `arn:aws:iottwinmaker:<region>:<account>:workspace/<workspace>/sync-job/<source>`
//!   (simulator convention; default region `us-east-1`, account `123456789012`).
//! - DeleteSyncJob answers `DELETING` (simulator behaviour, inferred: the model requires a state
//!   but does not say which).
//! - DeleteSyncJob in `CREATING` or `INITIALIZING` takes the inferred edges to `DELETING` when the
//!   policy allows them (it does by default); under a policy without them it answers
//!   `ValidationException` (simulator behaviour, inferred: the operation declares no
//!   `ConflictException`).
//! - DeleteSyncJob on a job already `DELETING` answers `DELETING` and changes nothing (simulator
//!   behaviour, inferred).
//! - Entering `DELETING` clears the error details of `ERROR` (simulator behaviour, inferred).
//! - A `DELETING` failure happens once per incarnation: deleting the job again from `ERROR`
//!   succeeds (simulator behaviour, inferred).
//! - CreateSyncJob on a job that exists, `DELETING` included, answers `ConflictException`
//!   (simulator behaviour, inferred: the job still exists until it is gone).
//! - A throttled or failed call has no effect (simulator behaviour, inferred).
//! - `updateDateTime` moves on state changes only, not when error details appear beside
//!   `DELETING` (simulator behaviour, inferred: the model does not define an update).
//! - ListSyncJobs lists jobs in `DELETING` and not those gone, ordered by sync source; `maxResults`
//!   0 or absent means 50, above 200 is a `ValidationException`; `nextToken` is the simulator's own
//!   format, and one it did not issue is a `ValidationException` (simulator behaviour, inferred).
//! - Any sync source matching the model's pattern is accepted, not only `SITEWISE`, so that paging
//!   can be exercised (simulator convention).
//! - How long each phase lasts ([`Timings`]) is made up: AWS publishes no durations (simulator
//!   convention).
//!
//! # Example
//!
//! ```
//! use std::time::Duration;
//! use twinmaker_syncjob::transport::sim::{Faults, Simulator};
//! use twinmaker_syncjob::transport::{SyncJobId, wait_blocking};
//! use twinmaker_syncjob::waiter::{Goal, SeededJitter, WaiterConfig};
//!
//! let mut sim = Simulator::builder(42).faults(Faults::none().with_throttling(0.3)).build()?;
//! let mut clock = sim.clock(); // the simulator's own virtual time
//! let job = SyncJobId::parse("plant", "SITEWISE")?;
//! let role = sim.role();
//! // CreateSyncJob may be throttled too: retry it.
//! while sim.create_sync_job(&job, &role).is_err() {
//!     sim.advance(Duration::from_secs(1));
//! }
//! let config = WaiterConfig::new(Goal::Active, Duration::from_secs(3600))?;
//! let outcome = wait_blocking(&mut sim, &mut clock, &job, config, SeededJitter::new(42), |_| {});
//! assert!(outcome.is_success());
//! // Minutes of virtual time passed; no real time did.
//! assert!(sim.elapsed() >= Duration::from_secs(25));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod clock;
mod config;
mod job;
mod rng;
mod trace;

pub use clock::SimClock;
pub use config::{ErrorFault, FaultKind, Faults, SimError, Timings};
pub use job::{Actor, HistoryEntry, HistoryEvent};
pub use trace::{Scenario, Trace, TraceLine};

use std::collections::BTreeMap;
use std::ops::RangeInclusive;
use std::time::Duration;

use self::job::{Ctx, DeleteRefusal, JobSlot, wall};
use self::rng::{MIN_STEP, Rng};
use super::{AsyncTransport, CallError, SyncJobId, Transport};
use crate::lifecycle::{Policy, Stage};
use crate::model::{
    ApiError, ApiErrorKind, CreateSyncJobResponse, DeleteSyncJobResponse, ListSyncJobsPage, Open, SyncJobArn,
    SyncJobSnapshot, SyncJobState, SyncRoleArn, Timestamp, WorkspaceId,
};
use crate::waiter::Jitter;

/// ListSyncJobs' default `maxResults`.
const DEFAULT_PAGE: u32 = 50;
/// ListSyncJobs' largest `maxResults`.
const MAX_PAGE: u32 = 200;
/// The simulator's `nextToken` format: this prefix, then the last sync source returned.
const TOKEN_PREFIX: &str = "sim-after:";
/// 2023-01-01T00:00:00Z.
const DEFAULT_EPOCH_SECONDS: i64 = 1_672_531_200;

/// Builds a [`Simulator`]: seed, epoch, identity, policy, faults and timings.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::Policy;
/// use twinmaker_syncjob::model::Timestamp;
/// use twinmaker_syncjob::transport::sim::{Faults, Simulator};
///
/// let sim = Simulator::builder(7)
///     .epoch(Timestamp::parse("2024-06-01T00:00:00Z")?)
///     .region("eu-west-1")
///     .account("210987654321")
///     .policy(Policy::DOCUMENTED)
///     .faults(Faults::all().with_job_errors(Default::default()))
///     .build()?;
/// assert_eq!(sim.role().as_str(), "arn:aws:iam::210987654321:role/TwinMakerSync");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct SimulatorBuilder {
    seed: u64,
    epoch: Timestamp,
    region: String,
    account: String,
    policy: Policy,
    faults: Faults,
    timings: Timings,
}

impl SimulatorBuilder {
    /// The wall-clock time of the virtual clock's origin (default 2023-01-01T00:00:00Z).
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::Timestamp;
    /// use twinmaker_syncjob::transport::sim::Simulator;
    ///
    /// let sim = Simulator::builder(1).epoch(Timestamp::UNIX_EPOCH).build()?;
    /// assert_eq!(sim.wall_time(), Timestamp::UNIX_EPOCH);
    /// # Ok::<(), twinmaker_syncjob::transport::sim::SimError>(())
    /// ```
    #[must_use]
    pub fn epoch(mut self, epoch: Timestamp) -> Self {
        self.epoch = epoch;
        self
    }

    /// The region in ARNs (default `us-east-1`).
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::transport::SyncJobId;
    /// use twinmaker_syncjob::transport::sim::Simulator;
    ///
    /// let sim = Simulator::builder(1).region("ap-southeast-2").build()?;
    /// let arn = sim.arn_for(&SyncJobId::parse("plant", "SITEWISE")?)?;
    /// assert_eq!(arn.region(), "ap-southeast-2");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = region.into();
        self
    }

    /// The 12-digit account id in ARNs and in [`Simulator::role`] (default `123456789012`).
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::transport::sim::{SimError, Simulator};
    ///
    /// assert!(matches!(Simulator::builder(1).account("42").build(), Err(SimError::Identity(_))));
    /// ```
    #[must_use]
    pub fn account(mut self, account: impl Into<String>) -> Self {
        self.account = account.into();
        self
    }

    /// The lifecycle policy the simulator obeys (default [`Policy::DEFAULT`]).
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Policy;
    /// use twinmaker_syncjob::transport::sim::Simulator;
    ///
    /// let sim = Simulator::builder(1).policy(Policy::DOCUMENTED).build()?;
    /// assert_eq!(sim.policy(), &Policy::DOCUMENTED);
    /// # Ok::<(), twinmaker_syncjob::transport::sim::SimError>(())
    /// ```
    #[must_use]
    pub fn policy(mut self, policy: Policy) -> Self {
        self.policy = policy;
        self
    }

    /// The faults to inject (default none).
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::transport::sim::{Faults, Simulator};
    ///
    /// let sim = Simulator::builder(1).faults(Faults::none().with_recreate(true)).build()?;
    /// assert!(sim.faults().recreate);
    /// # Ok::<(), twinmaker_syncjob::transport::sim::SimError>(())
    /// ```
    #[must_use]
    pub fn faults(mut self, faults: Faults) -> Self {
        self.faults = faults;
        self
    }

    /// How long phases last (default [`Timings::default`]).
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::Duration;
    /// use twinmaker_syncjob::transport::sim::{Simulator, Timings};
    ///
    /// let mut timings = Timings::default();
    /// timings.deleting = Duration::from_secs(1)..=Duration::from_secs(1);
    /// let sim = Simulator::builder(1).timings(timings).build()?;
    /// assert_eq!(sim.timings().deleting, Duration::from_secs(1)..=Duration::from_secs(1));
    /// # Ok::<(), twinmaker_syncjob::transport::sim::SimError>(())
    /// ```
    #[must_use]
    pub fn timings(mut self, timings: Timings) -> Self {
        self.timings = timings;
        self
    }

    /// The simulator, once the configuration is checked.
    ///
    /// # Errors
    ///
    /// A [`SimError`] for a probability outside `0..=1`, an error code asked for in a phase it
    /// does not name, a policy that lacks an edge the simulator needs (the main path, deletes, or
    /// the failures injected), or a region or account that makes invalid ARNs.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::transport::sim::{Faults, SimError, Simulator};
    ///
    /// let err = Simulator::builder(1).faults(Faults::none().with_throttling(1.5)).build().unwrap_err();
    /// assert!(matches!(err, SimError::Probability { name: "throttling", .. }));
    /// ```
    pub fn build(self) -> Result<Simulator, SimError> {
        self.faults.check()?;
        let need = |from: Stage, to: Stage, needed_for: &'static str| {
            if self.policy.allows(from, to) { Ok(()) } else { Err(SimError::PolicyLacksEdge { from, to, needed_for }) }
        };
        need(Stage::Creating, Stage::Initializing, "by every job")?;
        need(Stage::Initializing, Stage::Active, "by every job")?;
        need(Stage::Active, Stage::Deleting, "to delete ACTIVE jobs")?;
        need(Stage::Error, Stage::Deleting, "to delete failed jobs")?;
        need(Stage::Deleting, Stage::Deleted, "to delete jobs")?;
        let drawn = [Stage::Creating, Stage::Initializing, Stage::Active];
        match self.faults.job_errors {
            ErrorFault::None => {}
            ErrorFault::Fail { code, phase } => match ErrorFault::phase_of(code, phase)?.stage() {
                Some(stage) => need(stage, Stage::Error, "to inject the error code in its phase")?,
                None => {
                    for stage in drawn {
                        need(stage, Stage::Error, "to inject a phase-less error code")?;
                    }
                }
            },
            ErrorFault::Random { .. } => {
                for stage in drawn {
                    need(stage, Stage::Error, "to inject random job errors")?;
                }
            }
        }
        let arn_prefix = format!("arn:aws:iottwinmaker:{}:{}:", self.region, self.account);
        SyncJobArn::parse(&format!("{arn_prefix}workspace/plant/sync-job/SITEWISE"))?;
        let role = SyncRoleArn::parse(&format!("arn:aws:iam::{}:role/TwinMakerSync", self.account))?;
        Ok(Simulator::assemble(self, arn_prefix, role))
    }
}

/// A deterministic in-memory sync-job service: see the [module documentation](self).
///
/// # Example
///
/// ```
/// use std::time::Duration;
/// use twinmaker_syncjob::model::{ApiErrorKind, SyncJobState};
/// use twinmaker_syncjob::transport::{CallError, SyncJobId, Transport};
/// use twinmaker_syncjob::transport::sim::Simulator;
///
/// let mut sim = Simulator::new(1)?;
/// let job = SyncJobId::parse("plant", "SITEWISE")?;
/// let role = sim.role();
/// let created = sim.create_sync_job(&job, &role)?;
/// assert_eq!(created.state, SyncJobState::Creating);
/// // Creating it again while it exists is a conflict.
/// let Err(CallError::Api(err)) = sim.create_sync_job(&job, &role) else { panic!() };
/// assert_eq!(err.known_kind(), Some(ApiErrorKind::Conflict));
/// sim.advance(Duration::from_secs(3600));
/// assert_eq!(sim.get_sync_job(&job)?.status.known_state(), Some(SyncJobState::Active));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Simulator {
    seed: u64,
    clock: SimClock,
    calls: Rng,
    policy: Policy,
    faults: Faults,
    timings: Timings,
    epoch: Timestamp,
    arn_prefix: String,
    role: SyncRoleArn,
    jobs: BTreeMap<SyncJobId, JobSlot>,
}

impl Simulator {
    /// A simulator seeded with `seed`: no faults, [`Policy::DEFAULT`], default timings, epoch
    /// 2023-01-01T00:00:00Z; the same as `Simulator::builder(seed).build()`.
    ///
    /// # Errors
    ///
    /// None with these defaults; the `Result` is that of [`SimulatorBuilder::build`].
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::Duration;
    /// use twinmaker_syncjob::transport::sim::Simulator;
    ///
    /// assert_eq!(Simulator::new(0)?.elapsed(), Duration::ZERO);
    /// # Ok::<(), twinmaker_syncjob::transport::sim::SimError>(())
    /// ```
    pub fn new(seed: u64) -> Result<Self, SimError> {
        Self::builder(seed).build()
    }

    /// A builder for a simulator seeded with `seed`, with the defaults of [`Simulator::new`].
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::transport::sim::{Faults, Simulator};
    ///
    /// let sim = Simulator::builder(9).faults(Faults::all()).build()?;
    /// assert_eq!(sim.seed(), 9);
    /// # Ok::<(), twinmaker_syncjob::transport::sim::SimError>(())
    /// ```
    #[must_use]
    pub fn builder(seed: u64) -> SimulatorBuilder {
        SimulatorBuilder {
            seed,
            epoch: Timestamp::from_unix_seconds(DEFAULT_EPOCH_SECONDS).unwrap_or(Timestamp::UNIX_EPOCH),
            region: "us-east-1".to_owned(),
            account: "123456789012".to_owned(),
            policy: Policy::DEFAULT,
            faults: Faults::none(),
            timings: Timings::default(),
        }
    }

    fn assemble(builder: SimulatorBuilder, arn_prefix: String, role: SyncRoleArn) -> Self {
        Self {
            seed: builder.seed,
            clock: SimClock::new(),
            calls: Rng::derive(builder.seed, "calls"),
            policy: builder.policy,
            faults: builder.faults,
            timings: builder.timings,
            epoch: builder.epoch,
            arn_prefix,
            role,
            jobs: BTreeMap::new(),
        }
    }

    /// A handle on the simulator's virtual clock, for [`wait_blocking`](super::wait_blocking)
    /// while the simulator is the transport: sleeping on it moves the simulator's time.
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::Duration;
    /// use twinmaker_syncjob::transport::Clock;
    /// use twinmaker_syncjob::transport::sim::Simulator;
    ///
    /// let sim = Simulator::new(1)?;
    /// let mut clock = sim.clock();
    /// clock.sleep_until(clock.now() + Duration::from_secs(30));
    /// assert_eq!(sim.elapsed(), Duration::from_secs(30));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn clock(&self) -> SimClock {
        self.clock.clone()
    }

    /// The virtual time since the simulator started.
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::Duration;
    /// use twinmaker_syncjob::transport::sim::Simulator;
    ///
    /// let sim = Simulator::new(1)?;
    /// sim.advance(Duration::from_secs(5));
    /// assert_eq!(sim.elapsed(), Duration::from_secs(5));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn elapsed(&self) -> Duration {
        self.clock.elapsed()
    }

    /// Moves the virtual clock forward: the jobs' schedules run on it.
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::Duration;
    /// use twinmaker_syncjob::transport::sim::Simulator;
    ///
    /// let sim = Simulator::new(1)?;
    /// let clock = sim.clock();
    /// sim.advance(Duration::from_millis(250));
    /// assert_eq!(clock.elapsed(), Duration::from_millis(250));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn advance(&self, by: Duration) {
        self.clock.advance(by);
    }

    /// The wall-clock time now: the epoch plus the virtual time.
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::Duration;
    /// use twinmaker_syncjob::model::Timestamp;
    /// use twinmaker_syncjob::transport::sim::Simulator;
    ///
    /// let sim = Simulator::new(1)?;
    /// sim.advance(Duration::from_secs(60));
    /// assert_eq!(sim.wall_time(), Timestamp::parse("2023-01-01T00:01:00Z")?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn wall_time(&self) -> Timestamp {
        wall(self.epoch, self.elapsed())
    }

    /// The seed.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::transport::sim::Simulator;
    ///
    /// assert_eq!(Simulator::new(11)?.seed(), 11);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The lifecycle policy the simulator obeys.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Policy;
    /// use twinmaker_syncjob::transport::sim::Simulator;
    ///
    /// assert_eq!(Simulator::new(1)?.policy(), &Policy::DEFAULT);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// The faults it injects.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::transport::sim::{Faults, Simulator};
    ///
    /// assert_eq!(Simulator::new(1)?.faults(), &Faults::none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn faults(&self) -> &Faults {
        &self.faults
    }

    /// How long its phases last.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::transport::sim::{Simulator, Timings};
    ///
    /// assert_eq!(Simulator::new(1)?.timings(), &Timings::default());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn timings(&self) -> &Timings {
        &self.timings
    }

    /// A sync role in the simulator's account, `arn:aws:iam::<account>:role/TwinMakerSync`, for
    /// CreateSyncJob (any valid role is accepted).
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::transport::sim::Simulator;
    ///
    /// assert_eq!(Simulator::new(1)?.role().as_str(), "arn:aws:iam::123456789012:role/TwinMakerSync");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn role(&self) -> SyncRoleArn {
        self.role.clone()
    }

    /// The ARN the simulator gives `job` (simulator convention:
    /// `arn:aws:iottwinmaker:<region>:<account>:workspace/<workspace>/sync-job/<source>`).
    ///
    /// # Errors
    ///
    /// A [`ConstraintError`](crate::model::ConstraintError) when the ARN would be longer than the
    /// model allows (a very long sync source).
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::transport::SyncJobId;
    /// use twinmaker_syncjob::transport::sim::Simulator;
    ///
    /// let arn = Simulator::new(1)?.arn_for(&SyncJobId::parse("plant", "SITEWISE")?)?;
    /// assert_eq!(arn.as_str(), "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn arn_for(&self, job: &SyncJobId) -> Result<SyncJobArn, crate::model::ConstraintError> {
        SyncJobArn::parse(&format!("{}workspace/{}/sync-job/{}", self.arn_prefix, job.workspace_id, job.sync_source))
    }

    /// The configuration the jobs need, the jobs, and the time: borrowed apart.
    fn parts(&mut self) -> (Ctx<'_>, &mut BTreeMap<SyncJobId, JobSlot>, Duration) {
        let now = self.clock.elapsed();
        let ctx = Ctx { policy: &self.policy, faults: &self.faults, timings: &self.timings, epoch: self.epoch };
        (ctx, &mut self.jobs, now)
    }

    /// The per-call faults: one draw from the call stream per call.
    fn call_fault(&mut self) -> Result<(), ApiError> {
        let draw = self.calls.unit();
        if draw < self.faults.throttling {
            Err(ApiError::new(ApiErrorKind::Throttling, "Rate exceeded"))
        } else if draw < self.faults.throttling + self.faults.internal_errors {
            Err(ApiError::new(ApiErrorKind::InternalServer, "An internal error occurred (simulated)."))
        } else {
            Ok(())
        }
    }

    /// The job as it is now, without drawing a fault or counting a call: the ground truth.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::transport::{SyncJobId, Transport};
    /// use twinmaker_syncjob::transport::sim::{Faults, Simulator};
    ///
    /// let mut sim = Simulator::builder(1).faults(Faults::none().with_throttling(1.0)).build()?;
    /// let job = SyncJobId::parse("plant", "SITEWISE")?;
    /// assert!(sim.peek(&job).is_none());
    /// assert!(sim.get_sync_job(&job).is_err()); // throttled
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn peek(&mut self, job: &SyncJobId) -> Option<SyncJobSnapshot> {
        let (ctx, jobs, now) = self.parts();
        let slot = jobs.get_mut(job)?;
        slot.advance(&ctx, now);
        slot.snapshot(ctx.epoch)
    }

    /// What really happened to `job` up to now, every incarnation, seen by a poller or not (empty
    /// for a job never created).
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::Duration;
    /// use twinmaker_syncjob::model::SyncJobState;
    /// use twinmaker_syncjob::transport::{SyncJobId, Transport};
    /// use twinmaker_syncjob::transport::sim::{HistoryEvent, Simulator};
    ///
    /// let mut sim = Simulator::new(1)?;
    /// let job = SyncJobId::parse("plant", "SITEWISE")?;
    /// let role = sim.role();
    /// sim.create_sync_job(&job, &role)?;
    /// sim.advance(Duration::from_secs(3600));
    /// let states: Vec<_> = sim.history(&job).iter().filter_map(|e| match &e.event {
    ///     HistoryEvent::State { state, .. } => Some(*state),
    ///     _ => None,
    /// }).collect();
    /// assert_eq!(states, [SyncJobState::Initializing, SyncJobState::Active]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn history(&mut self, job: &SyncJobId) -> &[HistoryEntry] {
        let (ctx, jobs, now) = self.parts();
        match jobs.get_mut(job) {
            Some(slot) => {
                slot.advance(&ctx, now);
                slot.history()
            }
            None => &[],
        }
    }

    /// GetSyncJob.
    ///
    /// # Errors
    ///
    /// [`CallError::Api`]: `ResourceNotFoundException` when the job does not exist, or an injected
    /// `ThrottlingException` or `InternalServerException`.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::ApiErrorKind;
    /// use twinmaker_syncjob::transport::{CallError, SyncJobId};
    /// use twinmaker_syncjob::transport::sim::Simulator;
    ///
    /// let mut sim = Simulator::new(1)?;
    /// let Err(CallError::Api(err)) = sim.get_sync_job(&SyncJobId::parse("plant", "SITEWISE")?) else { panic!() };
    /// assert_eq!(err.known_kind(), Some(ApiErrorKind::ResourceNotFound));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn get_sync_job(&mut self, job: &SyncJobId) -> Result<SyncJobSnapshot, CallError> {
        self.get(job).map_err(CallError::Api)
    }

    fn get(&mut self, job: &SyncJobId) -> Result<SyncJobSnapshot, ApiError> {
        self.call_fault()?;
        self.peek(job).ok_or_else(|| not_found(job))
    }

    /// CreateSyncJob: a new incarnation in `CREATING`.
    ///
    /// # Errors
    ///
    /// [`CallError::Api`]: `ConflictException` when the job exists (in any state, `DELETING`
    /// included), `ValidationException` when its ARN would be too long, or an injected
    /// `ThrottlingException` or `InternalServerException`.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::SyncJobState;
    /// use twinmaker_syncjob::transport::SyncJobId;
    /// use twinmaker_syncjob::transport::sim::Simulator;
    ///
    /// let mut sim = Simulator::new(1)?;
    /// let job = SyncJobId::parse("plant", "SITEWISE")?;
    /// let role = sim.role();
    /// let created = sim.create_sync_job(&job, &role)?;
    /// assert_eq!(created.state, SyncJobState::Creating);
    /// assert_eq!(created.creation_date_time, sim.wall_time());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn create_sync_job(&mut self, job: &SyncJobId, role: &SyncRoleArn) -> Result<CreateSyncJobResponse, CallError> {
        self.create(job, role).map_err(CallError::Api)
    }

    fn create(&mut self, job: &SyncJobId, role: &SyncRoleArn) -> Result<CreateSyncJobResponse, ApiError> {
        self.call_fault()?;
        let arn = match self.jobs.contains_key(job) {
            true => None,
            false => Some(self.arn_for(job).map_err(|err| ApiError::new(ApiErrorKind::Validation, err.to_string()))?),
        };
        let seed = self.seed;
        let (ctx, jobs, now) = self.parts();
        let slot = match (jobs.get_mut(job), arn) {
            (Some(slot), _) => slot,
            (None, Some(arn)) => jobs.entry(job.clone()).or_insert_with(|| JobSlot::new(job.clone(), arn, seed)),
            (None, None) => return Err(ApiError::new(ApiErrorKind::InternalServer, "simulator: job slot lost")),
        };
        slot.advance(&ctx, now);
        slot.create(&ctx, now, role.clone(), Actor::Caller).ok_or_else(|| {
            ApiError::new(
                ApiErrorKind::Conflict,
                format!("A sync job for source {} already exists in workspace {}.", job.sync_source, job.workspace_id),
            )
        })
    }

    /// DeleteSyncJob: the job moves to `DELETING`, and is gone once its delete finishes.
    ///
    /// # Errors
    ///
    /// [`CallError::Api`]: `ResourceNotFoundException` when the job does not exist;
    /// `ValidationException` when the policy has no edge from its state to `DELETING` (in
    /// `CREATING` or `INITIALIZING` under [`Policy::DOCUMENTED`]; simulator behaviour, inferred);
    /// or an injected `ThrottlingException` or `InternalServerException`.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Policy;
    /// use twinmaker_syncjob::model::{ApiErrorKind, SyncJobState};
    /// use twinmaker_syncjob::transport::{CallError, SyncJobId};
    /// use twinmaker_syncjob::transport::sim::Simulator;
    ///
    /// let job = SyncJobId::parse("plant", "SITEWISE")?;
    /// // The default policy believes the inferred CREATING -> DELETING edge.
    /// let mut sim = Simulator::new(1)?;
    /// sim.create_sync_job(&job, &sim.role())?;
    /// assert_eq!(sim.delete_sync_job(&job)?.state, SyncJobState::Deleting);
    /// // The documented policy does not: the simulator refuses.
    /// let mut strict = Simulator::builder(1).policy(Policy::DOCUMENTED).build()?;
    /// strict.create_sync_job(&job, &strict.role())?;
    /// let Err(CallError::Api(err)) = strict.delete_sync_job(&job) else { panic!() };
    /// assert_eq!(err.known_kind(), Some(ApiErrorKind::Validation));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn delete_sync_job(&mut self, job: &SyncJobId) -> Result<DeleteSyncJobResponse, CallError> {
        self.delete(job).map_err(CallError::Api)
    }

    fn delete(&mut self, job: &SyncJobId) -> Result<DeleteSyncJobResponse, ApiError> {
        self.call_fault()?;
        let (ctx, jobs, now) = self.parts();
        let slot = jobs.get_mut(job).ok_or_else(|| not_found(job))?;
        slot.advance(&ctx, now);
        match slot.delete(&ctx, now, Actor::Caller) {
            Ok(()) => Ok(DeleteSyncJobResponse { state: Open::Known(SyncJobState::Deleting) }),
            Err(DeleteRefusal::NotFound) => Err(not_found(job)),
            Err(DeleteRefusal::NotDeletable(state)) => Err(ApiError::new(
                ApiErrorKind::Validation,
                format!("The sync job cannot be deleted while it is {state} (simulator behaviour, inferred)."),
            )),
        }
    }

    /// ListSyncJobs with an explicit `maxResults` (`None` or 0: 50; at most 200).
    ///
    /// # Errors
    ///
    /// [`CallError::Api`]: `ValidationException` for `maxResults` above 200 or a `nextToken` the
    /// simulator did not issue; or an injected `ThrottlingException` or `InternalServerException`.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::WorkspaceId;
    /// use twinmaker_syncjob::transport::SyncJobId;
    /// use twinmaker_syncjob::transport::sim::Simulator;
    ///
    /// let mut sim = Simulator::new(1)?;
    /// let role = sim.role();
    /// for source in ["A", "B", "C"] {
    ///     sim.create_sync_job(&SyncJobId::parse("plant", source)?, &role)?;
    /// }
    /// let plant = WorkspaceId::parse("plant")?;
    /// let first = sim.list_sync_jobs_with(&plant, Some(2), None)?;
    /// assert_eq!(first.sync_job_summaries.len(), 2);
    /// let rest = sim.list_sync_jobs_with(&plant, Some(2), first.next_token.as_deref())?;
    /// assert_eq!(rest.sync_job_summaries.len(), 1);
    /// assert_eq!(rest.next_token, None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn list_sync_jobs_with(
        &mut self,
        workspace_id: &WorkspaceId,
        max_results: Option<u32>,
        next_token: Option<&str>,
    ) -> Result<ListSyncJobsPage, CallError> {
        self.list(workspace_id, max_results, next_token).map_err(CallError::Api)
    }

    /// ListSyncJobs with the default `maxResults` (50).
    ///
    /// # Errors
    ///
    /// As [`Simulator::list_sync_jobs_with`].
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::WorkspaceId;
    /// use twinmaker_syncjob::transport::sim::Simulator;
    ///
    /// let page = Simulator::new(1)?.list_sync_jobs(&WorkspaceId::parse("plant")?, None)?;
    /// assert!(page.sync_job_summaries.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn list_sync_jobs(
        &mut self,
        workspace_id: &WorkspaceId,
        next_token: Option<&str>,
    ) -> Result<ListSyncJobsPage, CallError> {
        self.list_sync_jobs_with(workspace_id, None, next_token)
    }

    fn list(
        &mut self,
        workspace_id: &WorkspaceId,
        max_results: Option<u32>,
        next_token: Option<&str>,
    ) -> Result<ListSyncJobsPage, ApiError> {
        self.call_fault()?;
        let limit = match max_results {
            None | Some(0) => DEFAULT_PAGE,
            Some(n) if n <= MAX_PAGE => n,
            Some(n) => {
                return Err(ApiError::new(
                    ApiErrorKind::Validation,
                    format!("maxResults is {n}; it must be at most {MAX_PAGE}."),
                ));
            }
        };
        let after = match next_token {
            None => None,
            Some(token) => Some(
                token
                    .strip_prefix(TOKEN_PREFIX)
                    .filter(|source| Open::<crate::model::SyncSource>::parse(source).is_ok())
                    .ok_or_else(|| ApiError::new(ApiErrorKind::Validation, "The nextToken is not valid."))?,
            ),
        };
        let (ctx, jobs, now) = self.parts();
        let mut summaries: Vec<_> = jobs
            .values_mut()
            .filter(|slot| slot.id().workspace_id == *workspace_id)
            .filter_map(|slot| {
                slot.advance(&ctx, now);
                let source = slot.id().sync_source.as_str().to_owned();
                slot.summary(ctx.epoch).map(|summary| (source, summary))
            })
            .filter(|(source, _)| after.is_none_or(|after| source.as_str() > after))
            .collect();
        summaries.sort_by(|a, b| a.0.cmp(&b.0));
        let limit = usize::try_from(limit).unwrap_or(usize::MAX);
        let next_token = match summaries.len() > limit {
            true => summaries.get(limit.saturating_sub(1)).map(|(source, _)| format!("{TOKEN_PREFIX}{source}")),
            false => None,
        };
        let sync_job_summaries = summaries.into_iter().take(limit).map(|(_, summary)| summary).collect();
        Ok(ListSyncJobsPage { sync_job_summaries, next_token })
    }

    /// Polls `job` with GetSyncJob until the virtual time passes `until`, sleeping a jittered
    /// interval from `every` between polls (at least 1 ms), and returns what the poller saw.
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::Duration;
    /// use twinmaker_syncjob::encode::Form;
    /// use twinmaker_syncjob::transport::SyncJobId;
    /// use twinmaker_syncjob::transport::sim::Simulator;
    /// use twinmaker_syncjob::waiter::SeededJitter;
    ///
    /// let mut sim = Simulator::new(5)?;
    /// let job = SyncJobId::parse("plant", "SITEWISE")?;
    /// sim.create_sync_job(&job, &sim.role())?;
    /// let s = Duration::from_secs;
    /// let lines = sim.poll_trace(&job, s(2)..=s(5), s(600), &mut SeededJitter::new(5));
    /// assert!(lines.len() >= 120);
    /// assert!(lines[0].encode(Form::Wire).contains(r#""state":"CREATING""#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn poll_trace(
        &mut self,
        job: &SyncJobId,
        every: RangeInclusive<Duration>,
        until: Duration,
        jitter: &mut impl Jitter,
    ) -> Vec<TraceLine> {
        let low = (*every.start()).max(MIN_STEP);
        let high = (*every.end()).max(low);
        let mut lines = Vec::new();
        while self.elapsed() <= until {
            let at = self.elapsed();
            lines.push(TraceLine { at, job: job.clone(), answer: self.get(job) });
            self.advance(jitter.between(low, high).max(MIN_STEP));
            if self.elapsed() <= at {
                // The clock saturated (after some 584 years): no later poll is possible.
                break;
            }
        }
        lines
    }
}

fn not_found(job: &SyncJobId) -> ApiError {
    ApiError::new(
        ApiErrorKind::ResourceNotFound,
        format!("No sync job for source {} in workspace {}.", job.sync_source, job.workspace_id),
    )
}

impl Transport for Simulator {
    fn get_sync_job(&mut self, job: &SyncJobId) -> Result<SyncJobSnapshot, CallError> {
        Simulator::get_sync_job(self, job)
    }

    fn create_sync_job(&mut self, job: &SyncJobId, role: &SyncRoleArn) -> Result<CreateSyncJobResponse, CallError> {
        Simulator::create_sync_job(self, job, role)
    }

    fn delete_sync_job(&mut self, job: &SyncJobId) -> Result<DeleteSyncJobResponse, CallError> {
        Simulator::delete_sync_job(self, job)
    }

    fn list_sync_jobs(
        &mut self,
        workspace_id: &WorkspaceId,
        next_token: Option<&str>,
    ) -> Result<ListSyncJobsPage, CallError> {
        Simulator::list_sync_jobs(self, workspace_id, next_token)
    }
}

impl AsyncTransport for Simulator {
    async fn get_sync_job(&mut self, job: &SyncJobId) -> Result<SyncJobSnapshot, CallError> {
        Simulator::get_sync_job(self, job)
    }

    async fn create_sync_job(
        &mut self,
        job: &SyncJobId,
        role: &SyncRoleArn,
    ) -> Result<CreateSyncJobResponse, CallError> {
        Simulator::create_sync_job(self, job, role)
    }

    async fn delete_sync_job(&mut self, job: &SyncJobId) -> Result<DeleteSyncJobResponse, CallError> {
        Simulator::delete_sync_job(self, job)
    }

    async fn list_sync_jobs(
        &mut self,
        workspace_id: &WorkspaceId,
        next_token: Option<&str>,
    ) -> Result<ListSyncJobsPage, CallError> {
        Simulator::list_sync_jobs(self, workspace_id, next_token)
    }
}
