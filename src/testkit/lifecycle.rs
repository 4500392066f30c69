//! Lifecycles of sync jobs and what a poller sees of them: strategies for testing code that watches
//! sync jobs, and for testing the [observation checker](crate::observe) itself.
//!
//! Everything here is built from a **plan**: a vector of small [`Step`]s ("the job goes to ACTIVE",
//! "the poller polls again", "a throttling error", "the job is deleted and created again", ...).
//! A plan is interpreted against a [`Policy`] into
//!
//! - a [`Lifecycle`]: the true states of one job over time, legal under the policy: errors of every
//!   phase with the right codes (`SYNC_CREATING_ERROR` after `CREATING`, ..., and codes that name
//!   no phase), deletions and recreations with a later `creationDateTime`, monotone update times,
//!   one `arn` and one `syncRole` per incarnation;
//! - a [`Trace`]: what a poller saw of it (stutters, dropped observations including whole unseen
//!   delete-and-recreate cycles, `ThrottlingException` and `InternalServerException` in between,
//!   GetSyncJob snapshots and ListSyncJobs summaries), each observation labelled with the
//!   [`Expected`] change and `via` that the rules of `docs/observing.md` give.
//!
//! [`IllegalTrace`] mutates one observation of a trace so that it breaks exactly one rule, and
//! [`FleetTrace`] interleaves several jobs' traces. Because the plan is what proptest generates,
//! shrinking removes and simplifies steps: counterexamples come out short.
//!
//! Identifier values are fixed valid strings parameterised by a job index ([`JobIdentity`]). Times
//! start at 2023-01-01T00:00:00Z and advance ten seconds a step.
//!
//! # Example
//!
//! ```
//! use proptest::prelude::*;
//! use twinmaker_syncjob::lifecycle::Policy;
//! use twinmaker_syncjob::observe::JobTracker;
//! use twinmaker_syncjob::testkit::lifecycle::illegal_trace;
//!
//! proptest!(ProptestConfig::with_cases(32), |(bad in illegal_trace(Policy::DOCUMENTED, 0))| {
//!     let verdicts = bad.trace.feed(&mut JobTracker::new(Policy::DOCUMENTED));
//!     let reported: Vec<usize> =
//!         verdicts.iter().enumerate().filter(|(_, v)| !v.violations.is_empty()).map(|(i, _)| i).collect();
//!     prop_assert_eq!(reported, vec![bad.index]);
//!     prop_assert_eq!(verdicts[bad.index].violations.iter().next().map(|v| v.kind()), Some(bad.kind()));
//! });
//! ```

use std::fmt;
use std::ops::RangeInclusive;

use proptest::collection::{SizeRange, vec};
use proptest::prelude::*;

use crate::lifecycle::{Phase, Policy, Position, Stage, classify_error_code};
use crate::model::{
    ApiError, ApiErrorKind, ConstraintError, ErrorCode, ErrorDetails, ErrorMessage, Open, SyncJobArn, SyncJobSnapshot,
    SyncJobState, SyncJobStatus, SyncJobSummary, SyncRoleArn, SyncSource, Timestamp, WireEnum, WorkspaceId,
};
use crate::observe::{FleetTracker, JobKey, JobTracker, Observation, Verdict};

/// 2023-01-01T00:00:00Z, in Unix seconds: the time a plan starts.
const EPOCH: i64 = 1_672_531_200;
/// Seconds that pass at every step.
const TICK: i64 = 10;
const MICROS: i64 = 1_000_000;

/// `seconds` after [`EPOCH`] (saturating at [`Timestamp::MAX`], which only absurdly long plans reach).
fn time(seconds: i64) -> Timestamp {
    Timestamp::from_unix_micros(EPOCH.saturating_add(seconds).saturating_mul(MICROS)).unwrap_or(Timestamp::MAX)
}

/// How the poller looks at the job after a step.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::testkit::lifecycle::{Look, Step};
///
/// // Poll with ListSyncJobs: a summary, or nothing when the job does not exist.
/// let step = Step::Poll { look: Look::Summary };
/// assert_ne!(step, Step::Poll { look: Look::Snapshot });
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Look {
    /// GetSyncJob: a snapshot, or `ResourceNotFoundException` when the job does not exist.
    Snapshot,
    /// ListSyncJobs: a summary, or nothing when the job does not exist (a list leaves it out).
    Summary,
    /// The poller does not look: the state is not observed.
    Unseen,
}

/// An API error that says nothing about the lifecycle (rule 5 of `docs/observing.md`).
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::model::ApiErrorKind;
/// use twinmaker_syncjob::testkit::lifecycle::Noise;
///
/// assert_eq!(Noise::Throttling.kind(), ApiErrorKind::Throttling);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Noise {
    /// `ThrottlingException`.
    Throttling,
    /// `InternalServerException`.
    InternalServer,
}

impl Noise {
    /// The exception.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::ApiErrorKind;
    /// use twinmaker_syncjob::testkit::lifecycle::Noise;
    ///
    /// assert_eq!(Noise::InternalServer.kind(), ApiErrorKind::InternalServer);
    /// ```
    #[must_use]
    pub const fn kind(self) -> ApiErrorKind {
        match self {
            Self::Throttling => ApiErrorKind::Throttling,
            Self::InternalServer => ApiErrorKind::InternalServer,
        }
    }

    /// The error as the poller receives it.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::testkit::lifecycle::Noise;
    ///
    /// assert_eq!(Noise::Throttling.error().http_status, Some(429));
    /// ```
    #[must_use]
    pub fn error(self) -> ApiError {
        let message = match self {
            Self::Throttling => "Rate exceeded",
            Self::InternalServer => "Internal server error",
        };
        ApiError::new(self.kind(), message)
    }
}

/// One step of a plan: something the job does, or the poller does, during one tick (ten seconds).
///
/// Steps are small and mean the same wherever they stand ("go to ACTIVE", not "take the second
/// edge"), so that proptest can shrink a plan by removing steps and by simplifying each (toward
/// `CREATING`, the first error code, the first role, an unseen state) without changing what the
/// other steps do.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::{Policy, Stage};
/// use twinmaker_syncjob::testkit::lifecycle::{JobIdentity, Look, Step, Trace};
///
/// let plan = [
///     // The job does not exist yet: it is created (CREATING), seen by GetSyncJob.
///     Step::Go { to: Stage::Creating, detail: 0, look: Look::Snapshot },
///     // To ACTIVE, through INITIALIZING; only ACTIVE is seen.
///     Step::Go { to: Stage::Active, detail: 0, look: Look::Snapshot },
/// ];
/// let trace = Trace::from_plan(&Policy::DEFAULT, &JobIdentity::new(0)?, &plan);
/// let kinds: Vec<_> = trace.items.iter().map(|item| item.expected.change).collect();
/// assert_eq!(kinds, ["first", "skip"]);
/// assert_eq!(trace.lifecycle.moments.len(), 4); // does not exist, CREATING, INITIALIZING, ACTIVE
/// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    /// The job goes to the stage `to` along a shortest path of the policy within its incarnation
    /// (each state on the way is a true state for one tick, unseen), then the poller looks. When
    /// the job does not exist, it is first created (`CREATING`, a new incarnation, with the
    /// `detail`-th role). When `to` cannot be reached (`ACTIVE` to `CREATING`, say), or is
    /// [`Stage::Deleted`] for a job that does not exist, the job stays as it is. Into `ERROR`,
    /// `detail` picks the error code among those the stage before can fail with: first the code
    /// naming that stage, then the codes naming no stage.
    Go {
        /// Where the job goes.
        to: Stage,
        /// Which error code (into `ERROR`) or role (on creation).
        detail: u8,
        /// How the poller looks afterwards.
        look: Look,
    },
    /// The job stays as it is and the poller looks again: a stutter.
    Poll {
        /// How the poller looks.
        look: Look,
    },
    /// The poller gets an API error that is no evidence.
    Noise(Noise),
    /// The job is deleted (along a shortest path of the policy to deletion, every state unseen)
    /// and created again with the `role`-th role; then the poller looks. When the job does not
    /// exist it is just created. A no-op when the policy gives no way to deletion.
    Recreate {
        /// Which role the new incarnation uses.
        role: u8,
        /// How the poller looks at the new incarnation.
        look: Look,
    },
    /// In `DELETING`: a delete attempt fails and is retried, so error details appear beside
    /// `DELETING` (as the user guide says, the job stays `DELETING`). Elsewhere, just a poll.
    RetryDelete {
        /// How the poller looks afterwards.
        look: Look,
    },
}

/// A strategy for [`Look`]: mostly GetSyncJob, often unseen, sometimes ListSyncJobs; shrinking
/// toward unseen, so that counterexamples keep only the observations that matter.
///
/// # Example
///
/// ```
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
/// use twinmaker_syncjob::testkit::lifecycle::look;
///
/// let mut runner = TestRunner::deterministic();
/// let _ = look().new_tree(&mut runner).unwrap().current();
/// ```
pub fn look() -> impl Strategy<Value = Look> + Clone {
    prop_oneof![3 => Just(Look::Unseen), 4 => Just(Look::Snapshot), 1 => Just(Look::Summary)]
}

fn seen_look() -> impl Strategy<Value = Look> + Clone {
    prop_oneof![3 => Just(Look::Snapshot), 1 => Just(Look::Summary)]
}

/// A strategy for one [`Step`], shrinking toward `Go { to: CREATING, detail: 0, look: Unseen }`.
///
/// # Example
///
/// ```
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
/// use twinmaker_syncjob::testkit::lifecycle::step;
///
/// let mut runner = TestRunner::deterministic();
/// let _ = step().new_tree(&mut runner).unwrap().current();
/// ```
pub fn step() -> impl Strategy<Value = Step> + Clone {
    prop_oneof![
        6 => (proptest::sample::select(Stage::ALL.to_vec()), 0u8..6, look())
            .prop_map(|(to, detail, look)| Step::Go { to, detail, look }),
        2 => seen_look().prop_map(|look| Step::Poll { look }),
        1 => prop_oneof![Just(Noise::Throttling), Just(Noise::InternalServer)].prop_map(Step::Noise),
        1 => (0u8..3, look()).prop_map(|(role, look)| Step::Recreate { role, look }),
        1 => look().prop_map(|look| Step::RetryDelete { look }),
    ]
}

/// A strategy for a plan of `steps` steps.
///
/// # Example
///
/// ```
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
/// use twinmaker_syncjob::testkit::lifecycle::plan;
///
/// let mut runner = TestRunner::deterministic();
/// assert_eq!(plan(5..=5).new_tree(&mut runner).unwrap().current().len(), 5);
/// ```
pub fn plan(steps: impl Into<SizeRange>) -> impl Strategy<Value = Vec<Step>> + Clone {
    vec(step(), steps)
}

/// The identifiers of one simulated job: fixed valid strings parameterised by an index, so that
/// several jobs can be told apart.
///
/// The workspace is `plant-{index}` and the source `SITEWISE`; the three roles incarnations may use
/// are `TwinMakerSync0` to `TwinMakerSync2`. A recreated job keeps its ARN (same workspace and
/// source) but may use another role, as the reference sheet says of CreateSyncJob.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::observe::JobKey;
/// use twinmaker_syncjob::testkit::lifecycle::JobIdentity;
///
/// let job = JobIdentity::new(7)?;
/// assert_eq!(job.workspace_id().as_str(), "plant-7");
/// assert_eq!(job.key(), JobKey::new("plant-7", "SITEWISE"));
/// assert!(job.arn().as_str().ends_with("workspace/plant-7/sync-job/SITEWISE"));
/// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JobIdentity {
    index: u32,
    workspace_id: WorkspaceId,
    arn: SyncJobArn,
    moved_arn: SyncJobArn,
    roles: [SyncRoleArn; 3],
    intruder_role: SyncRoleArn,
    message: ErrorMessage,
}

impl JobIdentity {
    /// The job with index `index`.
    ///
    /// # Errors
    ///
    /// None in practice: every index gives valid strings. The model's constructors are fallible,
    /// so this is too.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::testkit::lifecycle::JobIdentity;
    ///
    /// assert_eq!(JobIdentity::new(3)?.index(), 3);
    /// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
    /// ```
    pub fn new(index: u32) -> Result<Self, ConstraintError> {
        let arn = |workspace: &str| {
            SyncJobArn::parse(&format!(
                "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/{workspace}/sync-job/SITEWISE"
            ))
        };
        let role = |name: &str| SyncRoleArn::parse(&format!("arn:aws:iam::123456789012:role/{name}"));
        let workspace = format!("plant-{index}");
        Ok(Self {
            index,
            workspace_id: WorkspaceId::parse(&workspace)?,
            arn: arn(&workspace)?,
            moved_arn: arn(&format!("{workspace}-moved"))?,
            roles: [role("TwinMakerSync0")?, role("TwinMakerSync1")?, role("TwinMakerSync2")?],
            intruder_role: role("Intruder")?,
            message: ErrorMessage::parse("simulated failure")?,
        })
    }

    /// The index.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::testkit::lifecycle::JobIdentity;
    ///
    /// assert_eq!(JobIdentity::new(0)?.index(), 0);
    /// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
    /// ```
    #[must_use]
    pub fn index(&self) -> u32 {
        self.index
    }

    /// The job's key in a [`FleetTracker`].
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::testkit::lifecycle::JobIdentity;
    ///
    /// assert_ne!(JobIdentity::new(0)?.key(), JobIdentity::new(1)?.key());
    /// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
    /// ```
    #[must_use]
    pub fn key(&self) -> JobKey {
        JobKey::new(self.workspace_id.as_str(), SyncSource::Sitewise.as_str())
    }

    /// The workspace id, `plant-{index}`.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::testkit::lifecycle::JobIdentity;
    ///
    /// assert_eq!(JobIdentity::new(2)?.workspace_id().as_str(), "plant-2");
    /// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
    /// ```
    #[must_use]
    pub fn workspace_id(&self) -> &WorkspaceId {
        &self.workspace_id
    }

    /// The job's ARN (the same for every incarnation).
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::testkit::lifecycle::JobIdentity;
    ///
    /// assert!(JobIdentity::new(0)?.arn().as_str().starts_with("arn:aws:iottwinmaker:"));
    /// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
    /// ```
    #[must_use]
    pub fn arn(&self) -> &SyncJobArn {
        &self.arn
    }

    /// The `n`-th role (modulo three) an incarnation may use.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::testkit::lifecycle::JobIdentity;
    ///
    /// let job = JobIdentity::new(0)?;
    /// assert!(job.role(1).as_str().ends_with("role/TwinMakerSync1"));
    /// assert_eq!(job.role(4), job.role(1));
    /// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
    /// ```
    #[must_use]
    pub fn role(&self, n: u8) -> &SyncRoleArn {
        let [a, b, c] = &self.roles;
        match n % 3 {
            0 => a,
            1 => b,
            _ => c,
        }
    }

    fn details(&self, code: Option<ErrorCode>) -> ErrorDetails {
        ErrorDetails { code: code.map(Open::Known), message: Some(self.message.clone()) }
    }
}

/// The true state of a job at one time: what GetSyncJob would have returned then.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::{Policy, Stage};
/// use twinmaker_syncjob::testkit::lifecycle::{JobIdentity, Look, Step, Trace};
///
/// let plan = [Step::Go { to: Stage::Creating, detail: 0, look: Look::Unseen }];
/// let trace = Trace::from_plan(&Policy::DEFAULT, &JobIdentity::new(0)?, &plan);
/// let stages: Vec<Stage> = trace.lifecycle.moments.iter().map(|m| m.stage()).collect();
/// // It does not exist at first (DELETED stands for "does not exist"), then it is created.
/// assert_eq!(stages, [Stage::Deleted, Stage::Creating]);
/// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Moment {
    /// When the job entered this state.
    pub at: Timestamp,
    /// Which incarnation: 0 before the job was first created, then 1, 2, ... (a deleted job keeps
    /// the number of the incarnation that was deleted).
    pub incarnation: u32,
    /// The job, or `None` when it does not exist (not created yet, or deleted).
    pub job: Option<SyncJobSnapshot>,
}

impl Moment {
    /// The stage: the job's state, or [`Stage::Deleted`] when it does not exist.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Stage;
    /// use twinmaker_syncjob::model::Timestamp;
    /// use twinmaker_syncjob::testkit::lifecycle::Moment;
    ///
    /// let absent = Moment { at: Timestamp::UNIX_EPOCH, incarnation: 0, job: None };
    /// assert_eq!(absent.stage(), Stage::Deleted);
    /// ```
    #[must_use]
    pub fn stage(&self) -> Stage {
        self.job.as_ref().and_then(|job| job.status.known_state()).map_or(Stage::Deleted, Stage::from)
    }
}

impl fmt::Debug for Moment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} incarnation {}: ", Offset(self.at), self.incarnation)?;
        match &self.job {
            Some(job) => write!(f, "{}", Job(job)),
            None => f.write_str("does not exist"),
        }
    }
}

/// The true states of one job over time, in order: a legal lifecycle under the policy it was
/// built for.
///
/// # Example
///
/// ```
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
/// use twinmaker_syncjob::lifecycle::Policy;
/// use twinmaker_syncjob::testkit::lifecycle::legal_lifecycle;
///
/// let mut runner = TestRunner::deterministic();
/// let lifecycle = legal_lifecycle(Policy::DOCUMENTED, 0).new_tree(&mut runner).unwrap().current();
/// assert_eq!(lifecycle.check(&Policy::DOCUMENTED), Ok(()));
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Lifecycle {
    /// Every state the job was in, in order, starting with "does not exist".
    pub moments: Vec<Moment>,
}

impl Lifecycle {
    /// Checks that the lifecycle is legal under `policy`: within an incarnation every change of
    /// stage is an edge of the policy, an `ERROR` carries a code whose phase (if it names one) is
    /// the stage it failed in, times never go back and updates never precede the creation, and the
    /// `arn` and `syncRole` stay the same; a new incarnation starts in `CREATING` after the job
    /// stopped existing, with a later `creationDateTime`.
    ///
    /// # Errors
    ///
    /// A sentence naming the first offending moment.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::{Policy, Stage};
    /// use twinmaker_syncjob::testkit::lifecycle::{JobIdentity, Look, Step, Trace};
    ///
    /// // Created, then deleted while CREATING: the default policy's (inferred) edge.
    /// let plan = [Step::Go { to: Stage::Deleting, detail: 0, look: Look::Unseen }];
    /// let trace = Trace::from_plan(&Policy::DEFAULT, &JobIdentity::new(0)?, &plan);
    /// assert_eq!(trace.lifecycle.check(&Policy::DEFAULT), Ok(()));
    /// // The documented policy does not believe CREATING -> DELETING.
    /// assert!(trace.lifecycle.check(&Policy::DOCUMENTED).unwrap_err().contains("CREATING -> DELETING"));
    /// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
    /// ```
    pub fn check(&self, policy: &Policy) -> Result<(), String> {
        match self.moments.first() {
            Some(Moment { job: None, incarnation: 0, .. }) => {}
            _ => return Err("a lifecycle starts with a job that does not exist yet (incarnation 0)".to_owned()),
        }
        let mut last_creation: Option<Timestamp> = None;
        for (index, pair) in self.moments.windows(2).enumerate() {
            let [a, b] = pair else { continue };
            let at = index + 1;
            if b.at < a.at {
                return Err(format!("moment {at}: time goes back"));
            }
            match (&a.job, &b.job) {
                (Some(x), Some(y)) if a.incarnation == b.incarnation => {
                    check_same_incarnation(policy, x, y).map_err(|problem| format!("moment {at}: {problem}"))?
                }
                (Some(_), Some(_)) => {
                    return Err(format!("moment {at}: a new incarnation without the old one being deleted"));
                }
                (Some(_), None) => {
                    if b.incarnation != a.incarnation || !policy.allows(a.stage(), Stage::Deleted) {
                        return Err(format!("moment {at}: {} -> deleted is no edge of the policy", a.stage()));
                    }
                }
                (None, Some(y)) => {
                    let later = last_creation.is_none_or(|c| y.creation_date_time > c);
                    if b.incarnation != a.incarnation.saturating_add(1)
                        || b.stage() != Stage::Creating
                        || y.update_date_time != y.creation_date_time
                        || !later
                    {
                        return Err(format!("moment {at}: a new incarnation starts in CREATING, created later"));
                    }
                    last_creation = Some(y.creation_date_time);
                }
                (None, None) => {
                    if b.incarnation != a.incarnation {
                        return Err(format!("moment {at}: a new incarnation that does not exist"));
                    }
                }
            }
        }
        Ok(())
    }
}

fn check_same_incarnation(policy: &Policy, x: &SyncJobSnapshot, y: &SyncJobSnapshot) -> Result<(), String> {
    let (from, to) = (stage_of(x), stage_of(y));
    if x.arn != y.arn || x.sync_role != y.sync_role || x.workspace_id != y.workspace_id {
        return Err("the identity changed within an incarnation".to_owned());
    }
    if x.creation_date_time != y.creation_date_time {
        return Err("the creation time changed within an incarnation".to_owned());
    }
    if y.update_date_time < x.update_date_time || y.update_date_time < y.creation_date_time {
        return Err("the update time went back, or before the creation".to_owned());
    }
    if from != to && !policy.allows(from, to) {
        return Err(format!("{from} -> {to} is no edge of the policy"));
    }
    let code = y.status.error.as_ref().and_then(ErrorDetails::known_code);
    match to {
        Stage::Error => {
            let Some(code) = code else { return Err("ERROR without a known code".to_owned()) };
            let phase = classify_error_code(code).phase;
            let expected =
                if from == Stage::Error { x.status.error.as_ref().and_then(ErrorDetails::known_code) } else { None };
            if from == Stage::Error && expected != Some(code) {
                return Err("the error code changed while in ERROR".to_owned());
            }
            if from != Stage::Error && phase != Phase::Any && Some(phase) != phase_of(from) {
                return Err(format!("{code} cannot come from {from}"));
            }
        }
        Stage::Deleting => {}
        _ if y.status.error.is_some() => return Err(format!("error details beside {to}")),
        _ => {}
    }
    Ok(())
}

impl fmt::Debug for Lifecycle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(&self.moments).finish()
    }
}

/// A strategy for legal lifecycles under `policy`, of job `job` (see [`JobIdentity`]), from plans
/// of up to 32 steps.
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::lifecycle::Policy;
/// use twinmaker_syncjob::testkit::lifecycle::legal_lifecycle;
///
/// proptest!(ProptestConfig::with_cases(16), |(lifecycle in legal_lifecycle(Policy::DEFAULT, 0))| {
///     prop_assert_eq!(lifecycle.check(&Policy::DEFAULT), Ok(()));
/// });
/// ```
pub fn legal_lifecycle(policy: Policy, job: u32) -> impl Strategy<Value = Lifecycle> {
    poller_trace(policy, job).prop_map(|trace| trace.lifecycle)
}

/// One observation as a poller received it: owned, so traces can be stored and printed.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::model::{ApiError, ApiErrorKind};
/// use twinmaker_syncjob::observe::Observation;
/// use twinmaker_syncjob::testkit::lifecycle::Observed;
///
/// let gone = Observed::Error(ApiError::new(ApiErrorKind::ResourceNotFound, "gone"));
/// assert!(matches!(gone.observation(), Observation::Error(_)));
/// assert_eq!(gone.to_string(), "ResourceNotFoundException");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Observed {
    /// A GetSyncJob response.
    Snapshot(SyncJobSnapshot),
    /// A ListSyncJobs summary.
    Summary(SyncJobSummary),
    /// An API error of a call about the job.
    Error(ApiError),
}

impl Observed {
    /// The observation, as the trackers take it.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Policy;
    /// use twinmaker_syncjob::observe::{Change, JobTracker};
    /// use twinmaker_syncjob::testkit::lifecycle::Noise;
    /// use twinmaker_syncjob::testkit::lifecycle::Observed;
    ///
    /// let throttled = Observed::Error(Noise::Throttling.error());
    /// let verdict = JobTracker::new(Policy::DEFAULT).observe(throttled.observation());
    /// assert_eq!(verdict.change, Change::NoEvidence);
    /// ```
    #[must_use]
    pub fn observation(&self) -> Observation<'_> {
        match self {
            Self::Snapshot(snapshot) => Observation::Snapshot(snapshot),
            Self::Summary(summary) => Observation::Summary(summary),
            Self::Error(error) => Observation::Error(error),
        }
    }

    fn sight(&self) -> Option<Sight> {
        let (status, creation, update) = match self {
            Self::Snapshot(s) => (Some(&s.status), Some(s.creation_date_time), Some(s.update_date_time)),
            Self::Summary(s) => (s.status.as_ref(), s.creation_date_time, s.update_date_time),
            Self::Error(_) => return None,
        };
        let status = status?;
        let code = status.error.as_ref().and_then(ErrorDetails::known_code);
        Some(Sight { position: Position::of(status.known_state()?, code), creation: creation?, update: update? })
    }

    fn is_not_found(&self) -> bool {
        matches!(self, Self::Error(error) if error.known_kind() == Some(ApiErrorKind::ResourceNotFound))
    }

    fn is_evidence(&self) -> bool {
        self.is_not_found() || self.sight().is_some()
    }

    fn set_update(&mut self, update: Timestamp) {
        match self {
            Self::Snapshot(s) => s.update_date_time = update,
            Self::Summary(s) => s.update_date_time = Some(update),
            Self::Error(_) => {}
        }
    }

    fn set_creation(&mut self, creation: Timestamp) {
        match self {
            Self::Snapshot(s) => s.creation_date_time = creation,
            Self::Summary(s) => s.creation_date_time = Some(creation),
            Self::Error(_) => {}
        }
    }

    fn set_status(&mut self, status: SyncJobStatus) {
        match self {
            Self::Snapshot(s) => s.status = status,
            Self::Summary(s) => s.status = Some(status),
            Self::Error(_) => {}
        }
    }
}

impl fmt::Display for Observed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Snapshot(s) => write!(f, "snapshot {}", Job(s)),
            Self::Summary(s) => {
                f.write_str("summary ")?;
                if let Some(arn) = &s.arn {
                    write!(f, "{} ", workspace_of(arn))?;
                }
                match &s.status {
                    Some(status) => Status(status).fmt(f)?,
                    None => f.write_str("(no status)")?,
                }
                if let Some(created) = s.creation_date_time {
                    write!(f, " created {}", Offset(created))?;
                }
                if let Some(updated) = s.update_date_time {
                    write!(f, " updated {}", Offset(updated))?;
                }
                Ok(())
            }
            Self::Error(error) => f.write_str(error.kind.as_str()),
        }
    }
}

/// What the observation checker must say about one observation: the kind of [`Change`]
/// ([`Change::kind`]), the stages passed through unseen ([`Change::via`]), and the violation, if
/// the observation is the one an [`IllegalTrace`] broke.
///
/// [`Change`]: crate::observe::Change
/// [`Change::kind`]: crate::observe::Change::kind
/// [`Change::via`]: crate::observe::Change::via
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::{Policy, Stage};
/// use twinmaker_syncjob::observe::JobTracker;
/// use twinmaker_syncjob::testkit::lifecycle::{Expected, Noise, Observed};
///
/// let verdict = JobTracker::new(Policy::DEFAULT).observe(Observed::Error(Noise::Throttling.error()).observation());
/// let expected = Expected { change: "no_evidence", via: vec![], violation: None };
/// assert!(expected.matches(&verdict));
/// assert!(!Expected { via: vec![Stage::Deleting], ..expected }.matches(&verdict));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expected {
    /// The change's kind, as [`Change::kind`](crate::observe::Change::kind) names it.
    pub change: &'static str,
    /// The stages passed through unseen (empty but for skips, deletions and recreations).
    pub via: Vec<Stage>,
    /// The one violation the observation raises, by [`Violation::kind`](crate::observe::Violation::kind).
    pub violation: Option<&'static str>,
}

impl Expected {
    fn change(change: &'static str) -> Self {
        Self { change, via: Vec::new(), violation: None }
    }

    fn moved(change: &'static str, via: Vec<Stage>) -> Self {
        Self { change, via, violation: None }
    }

    fn broken(change: &'static str, violation: &'static str) -> Self {
        Self { change, via: Vec::new(), violation: Some(violation) }
    }

    /// Whether `verdict` says exactly this: the same change kind and `via`, exactly the violation
    /// expected (or none), and no warning.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Policy;
    /// use twinmaker_syncjob::observe::JobTracker;
    /// use twinmaker_syncjob::testkit::lifecycle::{Expected, Noise, Observed};
    ///
    /// let verdict = JobTracker::new(Policy::DEFAULT).observe(Observed::Error(Noise::InternalServer.error()).observation());
    /// assert!(!Expected { change: "first", via: vec![], violation: None }.matches(&verdict));
    /// ```
    #[must_use]
    pub fn matches(&self, verdict: &Verdict) -> bool {
        let violations_match = match self.violation {
            None => verdict.violations.is_empty(),
            Some(kind) => verdict.violations.len() == 1 && verdict.violations.iter().all(|v| v.kind() == kind),
        };
        verdict.change.kind() == self.change
            && verdict.change.via().as_slice() == self.via.as_slice()
            && violations_match
            && verdict.warnings.is_empty()
    }
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.change)?;
        if !self.via.is_empty() {
            f.write_str(" via ")?;
            for (n, stage) in self.via.iter().enumerate() {
                if n > 0 {
                    f.write_str(", ")?;
                }
                f.write_str(stage.as_str())?;
            }
        }
        if let Some(violation) = self.violation {
            write!(f, " !{violation}")?;
        }
        Ok(())
    }
}

/// One observation of a trace with what the checker must say about it.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::{Policy, Stage};
/// use twinmaker_syncjob::testkit::lifecycle::{JobIdentity, Look, Step, Trace};
///
/// let plan = [Step::Go { to: Stage::Creating, detail: 0, look: Look::Snapshot }];
/// let trace = Trace::from_plan(&Policy::DEFAULT, &JobIdentity::new(0)?, &plan);
/// assert_eq!(trace.items[0].to_string(), "snapshot plant-0 CREATING created +10s updated +10s role TwinMakerSync0 => first");
/// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TraceItem {
    /// What the poller received.
    pub observed: Observed,
    /// What the checker must say.
    pub expected: Expected,
}

impl fmt::Display for TraceItem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} => {}", self.observed, self.expected)
    }
}

/// What a poller saw of one job's lifecycle, observation by observation, with labels.
///
/// Its `Debug` form lists one observation a line, so that proptest's counterexamples read like a
/// poller's log.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::{Policy, Stage};
/// use twinmaker_syncjob::observe::JobTracker;
/// use twinmaker_syncjob::testkit::lifecycle::{JobIdentity, Look, Noise, Step, Trace};
///
/// let plan = [
///     Step::Go { to: Stage::Creating, detail: 0, look: Look::Snapshot },
///     Step::Noise(Noise::Throttling),
///     Step::Recreate { role: 1, look: Look::Snapshot },
/// ];
/// let trace = Trace::from_plan(&Policy::DEFAULT, &JobIdentity::new(0)?, &plan);
/// let verdicts = trace.feed(&mut JobTracker::new(Policy::DEFAULT));
/// assert_eq!(trace.check(&verdicts), Ok(()));
/// assert_eq!(trace.items[2].expected.change, "recreated");
/// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Trace {
    /// The job's key in a [`FleetTracker`].
    pub key: JobKey,
    /// The plan it was built from.
    pub plan: Vec<Step>,
    /// The true lifecycle the poller sampled.
    pub lifecycle: Lifecycle,
    /// The observations, in order.
    pub items: Vec<TraceItem>,
}

impl Trace {
    /// Interprets `plan` under `policy` for job `job`, and labels every observation.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::{Policy, Stage};
    /// use twinmaker_syncjob::testkit::lifecycle::{JobIdentity, Look, Step, Trace};
    ///
    /// // CREATING seen; then into ERROR with the code naming CREATING.
    /// let plan = [
    ///     Step::Go { to: Stage::Creating, detail: 0, look: Look::Snapshot },
    ///     Step::Go { to: Stage::Error, detail: 0, look: Look::Snapshot },
    ///     // Deleted and created again, nothing seen: the next look sees a new incarnation.
    ///     Step::Recreate { role: 0, look: Look::Unseen },
    ///     Step::Go { to: Stage::Initializing, detail: 0, look: Look::Snapshot },
    /// ];
    /// let trace = Trace::from_plan(&Policy::DEFAULT, &JobIdentity::new(0)?, &plan);
    /// let lines: Vec<String> = trace.items.iter().map(|item| item.to_string()).collect();
    /// assert!(lines[1].contains("ERROR(SYNC_CREATING_ERROR)"), "{lines:?}");
    /// assert_eq!(trace.items[2].expected.via, [Stage::Creating]);
    /// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
    /// ```
    #[must_use]
    pub fn from_plan(policy: &Policy, job: &JobIdentity, plan: &[Step]) -> Self {
        let mut sim = Sim::new(policy, job);
        for step in plan {
            sim.run(*step);
        }
        let (lifecycle, observed) = sim.finish();
        let items = label(policy, observed, None);
        Self { key: job.key(), plan: plan.to_vec(), lifecycle, items }
    }

    /// How many observations.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Policy;
    /// use twinmaker_syncjob::testkit::lifecycle::{JobIdentity, Trace};
    ///
    /// assert_eq!(Trace::from_plan(&Policy::DEFAULT, &JobIdentity::new(0)?, &[]).len(), 0);
    /// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there is no observation.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Policy;
    /// use twinmaker_syncjob::testkit::lifecycle::{JobIdentity, Trace};
    ///
    /// assert!(Trace::from_plan(&Policy::DEFAULT, &JobIdentity::new(0)?, &[]).is_empty());
    /// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Feeds every observation to `tracker`, in order, and returns the verdicts.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::{Policy, Stage};
    /// use twinmaker_syncjob::observe::JobTracker;
    /// use twinmaker_syncjob::testkit::lifecycle::{JobIdentity, Look, Step, Trace};
    ///
    /// let plan = [Step::Go { to: Stage::Creating, detail: 0, look: Look::Snapshot }, Step::Poll { look: Look::Summary }];
    /// let trace = Trace::from_plan(&Policy::DEFAULT, &JobIdentity::new(0)?, &plan);
    /// let mut tracker = JobTracker::new(Policy::DEFAULT);
    /// assert_eq!(trace.feed(&mut tracker).len(), 2);
    /// assert_eq!(tracker.observed(), 2);
    /// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
    /// ```
    pub fn feed(&self, tracker: &mut JobTracker) -> Vec<Verdict> {
        self.items.iter().map(|item| tracker.observe(item.observed.observation())).collect()
    }

    /// Checks verdicts (from [`Trace::feed`] or any other way of judging the observations in order)
    /// against the labels.
    ///
    /// # Errors
    ///
    /// The first [`Mismatch`]: a verdict that says something else, or a missing or extra verdict.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::{Policy, Stage};
    /// use twinmaker_syncjob::observe::JobTracker;
    /// use twinmaker_syncjob::testkit::lifecycle::{JobIdentity, Look, Step, Trace};
    ///
    /// let plan = [Step::Go { to: Stage::Creating, detail: 0, look: Look::Snapshot }];
    /// let trace = Trace::from_plan(&Policy::DEFAULT, &JobIdentity::new(0)?, &plan);
    /// let mismatch = trace.check(&[]).unwrap_err();
    /// assert_eq!((mismatch.index, mismatch.verdict), (0, None));
    /// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
    /// ```
    pub fn check(&self, verdicts: &[Verdict]) -> Result<(), Box<Mismatch>> {
        let longest = self.items.len().max(verdicts.len());
        for index in 0..longest {
            let expected = self.items.get(index).map(|item| &item.expected);
            let verdict = verdicts.get(index);
            let agrees = match (expected, verdict) {
                (Some(expected), Some(verdict)) => expected.matches(verdict),
                _ => false,
            };
            if !agrees {
                return Err(Box::new(Mismatch { index, expected: expected.cloned(), verdict: verdict.copied() }));
            }
        }
        Ok(())
    }
}

impl fmt::Debug for Trace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Trace of {} observations ({} true states), plan {:?}:",
            self.len(),
            self.lifecycle.moments.len(),
            self.plan
        )?;
        for (index, item) in self.items.iter().enumerate() {
            writeln!(f, "  #{index} {item}")?;
        }
        Ok(())
    }
}

/// A verdict that does not say what a trace's label says.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::testkit::lifecycle::Mismatch;
///
/// let missing = Mismatch { index: 3, expected: None, verdict: None };
/// assert!(missing.to_string().contains("observation 3"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch {
    /// The observation's index in the trace.
    pub index: usize,
    /// The label (`None` past the end of the trace).
    pub expected: Option<Expected>,
    /// The verdict (`None` past the end of the verdicts).
    pub verdict: Option<Verdict>,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "observation {}: expected ", self.index)?;
        match &self.expected {
            Some(expected) => write!(f, "{expected}")?,
            None => f.write_str("no observation")?,
        }
        match &self.verdict {
            Some(verdict) => write!(
                f,
                ", the checker said {:?} (violations {:?}, warnings {:?})",
                verdict.change, verdict.violations, verdict.warnings
            ),
            None => f.write_str(", but there is no verdict"),
        }
    }
}

impl std::error::Error for Mismatch {}

/// A strategy for poller traces of job `job` (see [`JobIdentity`]) under `policy`, from plans of
/// up to 32 steps.
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::lifecycle::Policy;
/// use twinmaker_syncjob::observe::JobTracker;
/// use twinmaker_syncjob::testkit::lifecycle::poller_trace;
///
/// proptest!(ProptestConfig::with_cases(16), |(trace in poller_trace(Policy::DOCUMENTED, 0))| {
///     let verdicts = trace.feed(&mut JobTracker::new(Policy::DOCUMENTED));
///     prop_assert_eq!(trace.check(&verdicts), Ok(()));
/// });
/// ```
pub fn poller_trace(policy: Policy, job: u32) -> impl Strategy<Value = Trace> {
    poller_trace_with(policy, job, plan(0..=32))
}

/// A strategy for poller traces built from the plans `plans` generates (for longer or shorter
/// traces than [`poller_trace`], or plans of your own).
///
/// # Example
///
/// ```
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
/// use twinmaker_syncjob::lifecycle::Policy;
/// use twinmaker_syncjob::testkit::lifecycle::{plan, poller_trace_with};
///
/// let mut runner = TestRunner::deterministic();
/// let trace = poller_trace_with(Policy::DEFAULT, 0, plan(60..=80)).new_tree(&mut runner).unwrap().current();
/// assert!(trace.plan.len() >= 60);
/// ```
pub fn poller_trace_with(
    policy: Policy,
    job: u32,
    plans: impl Strategy<Value = Vec<Step>>,
) -> impl Strategy<Value = Trace> {
    // Never rejects: every index gives a valid identity.
    let identity = JobIdentity::new(job).ok();
    plans.prop_filter_map("valid job identity", move |plan| {
        identity.as_ref().map(|identity| Trace::from_plan(&policy, identity, &plan))
    })
}

/// How an [`IllegalTrace`] breaks its one observation.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::testkit::lifecycle::Mutation;
///
/// assert_eq!(Mutation::RoleChanged.violation_kind(), "identity_changed");
/// assert_eq!(Mutation::ALL.len(), 7);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mutation {
    /// A state not reachable from the one before within the incarnation (or, for the first
    /// observation of a new incarnation, not reachable from `CREATING`). The observations after it
    /// are judged from it and stay legal.
    IllegalState,
    /// Another `arn` within the incarnation, from this observation to the incarnation's end.
    ArnChanged,
    /// Another `syncRole` within the incarnation (snapshots only: summaries carry no role), from
    /// this observation to the incarnation's end.
    RoleChanged,
    /// An `updateDateTime` earlier than the one before (but not before the creation).
    UpdateTimeRegressed,
    /// The first observation of an incarnation updated before its creation.
    UpdateBeforeCreation,
    /// A `creationDateTime` earlier than the current incarnation's, from this observation to the
    /// incarnation's end.
    CreationTimeRegressed,
    /// After a `ResourceNotFoundException` that showed the job deleted, the deleted incarnation's
    /// last observation again (inserted).
    Resurrected,
}

impl Mutation {
    /// Every mutation.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::testkit::lifecycle::Mutation;
    ///
    /// assert_eq!(Mutation::ALL[0], Mutation::IllegalState);
    /// ```
    pub const ALL: [Self; 7] = [
        Self::IllegalState,
        Self::ArnChanged,
        Self::RoleChanged,
        Self::UpdateTimeRegressed,
        Self::UpdateBeforeCreation,
        Self::CreationTimeRegressed,
        Self::Resurrected,
    ];

    /// The violation it causes, by [`Violation::kind`](crate::observe::Violation::kind).
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::observe::Violation;
    /// use twinmaker_syncjob::testkit::lifecycle::Mutation;
    ///
    /// assert!(Mutation::ALL.iter().all(|m| Violation::KINDS.contains(&m.violation_kind())));
    /// ```
    #[must_use]
    pub const fn violation_kind(self) -> &'static str {
        match self {
            Self::IllegalState => "illegal_transition",
            Self::ArnChanged | Self::RoleChanged => "identity_changed",
            Self::UpdateTimeRegressed => "update_time_regressed",
            Self::UpdateBeforeCreation => "update_before_creation",
            Self::CreationTimeRegressed => "creation_time_regressed",
            Self::Resurrected => "resurrected",
        }
    }
}

/// A poller trace with exactly one violating observation: `trace.items[index]`, which breaks the
/// rule `mutation` names. Every other observation is labelled as in a legal trace (judged, as rule
/// 12 says, from the observation before, including the bad one).
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::{Policy, Stage};
/// use twinmaker_syncjob::observe::JobTracker;
/// use twinmaker_syncjob::testkit::lifecycle::{IllegalTrace, JobIdentity, Look, Mutation, Step};
///
/// let plan = [Step::Go { to: Stage::Creating, detail: 0, look: Look::Snapshot }, Step::Poll { look: Look::Snapshot }];
/// let bad = IllegalTrace::from_plan(&Policy::DEFAULT, &JobIdentity::new(0)?, &plan, Mutation::RoleChanged, 0)
///     .unwrap();
/// assert_eq!((bad.index, bad.kind()), (1, "identity_changed"));
/// let verdicts = bad.trace.feed(&mut JobTracker::new(Policy::DEFAULT));
/// assert_eq!(bad.trace.check(&verdicts), Ok(()));
/// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IllegalTrace {
    /// The trace, labelled.
    pub trace: Trace,
    /// The index of the violating observation.
    pub index: usize,
    /// What was done to it.
    pub mutation: Mutation,
}

impl IllegalTrace {
    /// The legal trace of `plan` with one observation mutated: the `site`-th (modulo their number)
    /// place where `mutation` applies, or, when it applies nowhere in this trace, the first of the
    /// other mutations (in [`Mutation::ALL`] order, from `mutation` on) that applies somewhere.
    /// When the plan's trace has no snapshot or summary at all, one more step is added so it has
    /// one.
    ///
    /// Returns `None` only if no mutation applies, which cannot happen once the trace has a
    /// snapshot or summary ([`Mutation::UpdateBeforeCreation`] applies to the first).
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Policy;
    /// use twinmaker_syncjob::testkit::lifecycle::{IllegalTrace, JobIdentity, Mutation};
    ///
    /// // An empty plan: a step is added so there is something to break; a resurrection needs a
    /// // deletion, so the next mutation that applies is used.
    /// let bad = IllegalTrace::from_plan(&Policy::DEFAULT, &JobIdentity::new(0)?, &[], Mutation::Resurrected, 0)
    ///     .unwrap();
    /// assert_eq!(bad.mutation, Mutation::UpdateBeforeCreation);
    /// assert_eq!(bad.trace.items[bad.index].expected.violation, Some("update_before_creation"));
    /// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
    /// ```
    #[must_use]
    pub fn from_plan(
        policy: &Policy,
        job: &JobIdentity,
        plan: &[Step],
        mutation: Mutation,
        site: usize,
    ) -> Option<Self> {
        let mut sim = Sim::new(policy, job);
        for step in plan {
            sim.run(*step);
        }
        let mut plan = plan.to_vec();
        if !sim.observed.iter().any(|observed| observed.sight().is_some()) {
            let extra = if sim.current.is_some() {
                Step::Poll { look: Look::Snapshot }
            } else {
                Step::Go { to: Stage::Creating, detail: 0, look: Look::Snapshot }
            };
            sim.run(extra);
            plan.push(extra);
        }
        let (lifecycle, mut observed) = sim.finish();
        let start = Mutation::ALL.iter().position(|m| *m == mutation).unwrap_or(0);
        let order = Mutation::ALL.iter().cycle().skip(start).take(Mutation::ALL.len());
        for candidate in order {
            if let Some(index) = mutate(policy, job, &mut observed, *candidate, site) {
                let items = label(policy, observed, Some((index, candidate.violation_kind())));
                let trace = Trace { key: job.key(), plan, lifecycle, items };
                return Some(Self { trace, index, mutation: *candidate });
            }
        }
        None
    }

    /// The violation's kind, by [`Violation::kind`](crate::observe::Violation::kind).
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Policy;
    /// use twinmaker_syncjob::testkit::lifecycle::{IllegalTrace, JobIdentity, Mutation};
    ///
    /// let bad = IllegalTrace::from_plan(&Policy::DEFAULT, &JobIdentity::new(0)?, &[], Mutation::UpdateBeforeCreation, 0)
    ///     .unwrap();
    /// assert_eq!(bad.kind(), "update_before_creation");
    /// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
    /// ```
    #[must_use]
    pub const fn kind(&self) -> &'static str {
        self.mutation.violation_kind()
    }
}

/// A strategy for [`Mutation`]s.
///
/// # Example
///
/// ```
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
/// use twinmaker_syncjob::testkit::lifecycle::{Mutation, mutation};
///
/// let mut runner = TestRunner::deterministic();
/// assert!(Mutation::ALL.contains(&mutation().new_tree(&mut runner).unwrap().current()));
/// ```
pub fn mutation() -> impl Strategy<Value = Mutation> + Clone {
    proptest::sample::select(Mutation::ALL.to_vec())
}

/// A strategy for illegal traces of job `job` under `policy`: a poller trace from a plan of up to
/// 32 steps with one observation broken by a generated [`Mutation`].
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::lifecycle::Policy;
/// use twinmaker_syncjob::observe::JobTracker;
/// use twinmaker_syncjob::testkit::lifecycle::illegal_trace;
///
/// proptest!(ProptestConfig::with_cases(16), |(bad in illegal_trace(Policy::DEFAULT, 0))| {
///     let verdicts = bad.trace.feed(&mut JobTracker::new(Policy::DEFAULT));
///     prop_assert_eq!(bad.trace.check(&verdicts), Ok(()));
/// });
/// ```
pub fn illegal_trace(policy: Policy, job: u32) -> impl Strategy<Value = IllegalTrace> {
    let identity = JobIdentity::new(job).ok();
    (plan(0..=32), mutation(), any::<usize>()).prop_filter_map("valid job identity", move |(plan, mutation, site)| {
        identity.as_ref().and_then(|identity| IllegalTrace::from_plan(&policy, identity, &plan, mutation, site))
    })
}

/// Several jobs' traces, interleaved as one poller of a fleet would see them.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::{Policy, Stage};
/// use twinmaker_syncjob::observe::FleetTracker;
/// use twinmaker_syncjob::testkit::lifecycle::{FleetTrace, JobIdentity, Look, Step, Trace};
///
/// let plan = [Step::Go { to: Stage::Creating, detail: 0, look: Look::Snapshot }, Step::Poll { look: Look::Snapshot }];
/// let jobs = vec![
///     Trace::from_plan(&Policy::DEFAULT, &JobIdentity::new(0)?, &plan),
///     Trace::from_plan(&Policy::DEFAULT, &JobIdentity::new(1)?, &plan),
/// ];
/// let fleet_trace = FleetTrace::interleave(jobs, &[1, 0]);
/// assert_eq!(fleet_trace.schedule, [1, 0, 0, 1]);
/// let verdicts = fleet_trace.feed(&mut FleetTracker::new(Policy::DEFAULT));
/// assert_eq!(verdicts.iter().map(|(job, v)| (*job, v.change.kind())).collect::<Vec<_>>(),
///     [(1, "first"), (0, "first"), (0, "stutter"), (1, "stutter")]);
/// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FleetTrace {
    /// Each job's trace.
    pub jobs: Vec<Trace>,
    /// The merged stream: which job's next observation comes at each place.
    pub schedule: Vec<usize>,
}

impl FleetTrace {
    /// Interleaves `jobs`: each pick chooses, modulo their number, among the jobs with
    /// observations left; when the picks run out, the rest follow job by job.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::testkit::lifecycle::FleetTrace;
    ///
    /// assert!(FleetTrace::interleave(vec![], &[0, 1, 2]).schedule.is_empty());
    /// ```
    #[must_use]
    pub fn interleave(jobs: Vec<Trace>, picks: &[usize]) -> Self {
        let mut left: Vec<usize> = jobs.iter().map(Trace::len).collect();
        let mut schedule = Vec::with_capacity(left.iter().sum());
        for pick in picks {
            let open: Vec<usize> = left.iter().enumerate().filter(|(_, n)| **n > 0).map(|(job, _)| job).collect();
            let Some(&job) = open.get(pick % open.len().max(1)) else { break };
            if let Some(n) = left.get_mut(job) {
                *n -= 1;
            }
            schedule.push(job);
        }
        for (job, n) in left.iter().enumerate() {
            schedule.extend(std::iter::repeat_n(job, *n));
        }
        Self { jobs, schedule }
    }

    /// The merged stream: the job's index and its next observation, in order.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::testkit::lifecycle::FleetTrace;
    ///
    /// assert_eq!(FleetTrace::interleave(vec![], &[]).merged().count(), 0);
    /// ```
    pub fn merged(&self) -> impl Iterator<Item = (usize, &TraceItem)> + '_ {
        let mut cursors: Vec<std::slice::Iter<'_, TraceItem>> = self.jobs.iter().map(|t| t.items.iter()).collect();
        self.schedule
            .iter()
            .filter_map(move |&job| cursors.get_mut(job).and_then(Iterator::next).map(|item| (job, item)))
    }

    /// Feeds the merged stream to `fleet` (each observation with its job's key, by
    /// [`FleetTracker::observe_job`]) and returns each verdict with its job's index.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Policy;
    /// use twinmaker_syncjob::observe::FleetTracker;
    /// use twinmaker_syncjob::testkit::lifecycle::FleetTrace;
    ///
    /// assert!(FleetTrace::interleave(vec![], &[]).feed(&mut FleetTracker::new(Policy::DEFAULT)).is_empty());
    /// ```
    pub fn feed(&self, fleet: &mut FleetTracker) -> Vec<(usize, Verdict)> {
        let keys: Vec<JobKey> = self.jobs.iter().map(|trace| trace.key).collect();
        self.merged()
            .filter_map(|(job, item)| {
                keys.get(job).map(|key| (job, fleet.observe_job(*key, item.observed.observation())))
            })
            .collect()
    }
}

/// A strategy for fleet traces of `jobs` jobs (indices 0, 1, ...), each from a plan of up to 24
/// steps, interleaved at random.
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::lifecycle::Policy;
/// use twinmaker_syncjob::observe::FleetTracker;
/// use twinmaker_syncjob::testkit::lifecycle::fleet_trace;
///
/// proptest!(ProptestConfig::with_cases(16), |(fleet_trace in fleet_trace(Policy::DEFAULT, 1..=3))| {
///     let verdicts = fleet_trace.feed(&mut FleetTracker::new(Policy::DEFAULT));
///     prop_assert!(verdicts.iter().all(|(_, v)| v.violations.is_empty()));
/// });
/// ```
pub fn fleet_trace(policy: Policy, jobs: RangeInclusive<usize>) -> impl Strategy<Value = FleetTrace> {
    (vec(plan(0..=24), jobs), vec(any::<usize>(), 0..=128)).prop_filter_map(
        "valid job identities",
        move |(plans, picks)| {
            let traces = plans
                .iter()
                .enumerate()
                .map(|(index, plan)| {
                    let identity = JobIdentity::new(u32::try_from(index).ok()?).ok()?;
                    Some(Trace::from_plan(&policy, &identity, plan))
                })
                .collect::<Option<Vec<Trace>>>()?;
            Some(FleetTrace::interleave(traces, &picks))
        },
    )
}

// ---------------------------------------------------------------------------------------------
// Interpreting a plan.

/// The phase an error code names when the job fails in `stage`.
fn phase_of(stage: Stage) -> Option<Phase> {
    match stage {
        Stage::Creating => Some(Phase::Creating),
        Stage::Initializing => Some(Phase::Initializing),
        Stage::Active => Some(Phase::Active),
        Stage::Deleting => Some(Phase::Deleting),
        Stage::Error | Stage::Deleted => None,
    }
}

fn stage_of(job: &SyncJobSnapshot) -> Stage {
    job.status.known_state().map_or(Stage::Deleted, Stage::from)
}

/// The codes a job failing in `stage` may carry: the one naming the stage first, then the codes
/// naming no stage.
fn codes_failing_in(stage: Stage) -> Vec<ErrorCode> {
    let phase = phase_of(stage);
    let named = ErrorCode::known_values().filter(|code| Some(classify_error_code(*code).phase) == phase);
    let unnamed = ErrorCode::known_values().filter(|code| classify_error_code(*code).phase == Phase::Any);
    named.chain(unnamed).collect()
}

/// A code naming `phase` (or, for [`Phase::Any`], a code naming no phase).
fn code_naming(phase: Phase) -> Option<ErrorCode> {
    ErrorCode::known_values().find(|code| classify_error_code(*code).phase == phase)
}

fn pick<T: Copy>(items: &[T], n: u8) -> Option<T> {
    items.get(usize::from(n) % items.len().max(1)).copied()
}

fn summary_of(job: &SyncJobSnapshot) -> SyncJobSummary {
    SyncJobSummary {
        arn: Some(job.arn.clone()),
        workspace_id: Some(job.workspace_id.clone()),
        sync_source: Some(job.sync_source.clone()),
        status: Some(job.status.clone()),
        creation_date_time: Some(job.creation_date_time),
        update_date_time: Some(job.update_date_time),
    }
}

/// The simulated service and poller.
struct Sim<'a> {
    policy: &'a Policy,
    job: &'a JobIdentity,
    now: i64,
    incarnation: u32,
    current: Option<SyncJobSnapshot>,
    moments: Vec<Moment>,
    observed: Vec<Observed>,
}

impl<'a> Sim<'a> {
    fn new(policy: &'a Policy, job: &'a JobIdentity) -> Self {
        Self {
            policy,
            job,
            now: 0,
            incarnation: 0,
            current: None,
            moments: vec![Moment { at: time(0), incarnation: 0, job: None }],
            observed: Vec::new(),
        }
    }

    fn finish(self) -> (Lifecycle, Vec<Observed>) {
        (Lifecycle { moments: self.moments }, self.observed)
    }

    fn stage(&self) -> Option<Stage> {
        self.current.as_ref().map(stage_of)
    }

    fn record(&mut self) {
        self.moments.push(Moment { at: time(self.now), incarnation: self.incarnation, job: self.current.clone() });
    }

    fn run(&mut self, step: Step) {
        self.now = self.now.saturating_add(TICK);
        match step {
            Step::Go { to, detail, look } => {
                match self.stage() {
                    None if to == Stage::Deleted => {}
                    None => {
                        self.create(detail);
                        self.walk(Stage::Creating, to, detail);
                    }
                    Some(from) => {
                        self.walk(from, to, detail);
                    }
                }
                self.look(look);
            }
            Step::Poll { look } => self.look(look),
            Step::Noise(noise) => self.observed.push(Observed::Error(noise.error())),
            Step::Recreate { role, look } => {
                if let Some(from) = self.stage() {
                    if !self.walk(from, Stage::Deleted, 0) {
                        return self.look(look);
                    }
                    self.now = self.now.saturating_add(TICK);
                }
                self.create(role);
                self.look(look);
            }
            Step::RetryDelete { look } => {
                if self.stage() == Some(Stage::Deleting) {
                    let details = self.job.details(Some(ErrorCode::SyncDeletingError));
                    let update = time(self.now);
                    if let Some(job) = &mut self.current {
                        job.status.error = Some(details);
                        job.update_date_time = update;
                    }
                    self.record();
                }
                self.look(look);
            }
        }
    }

    fn create(&mut self, role: u8) {
        self.incarnation = self.incarnation.saturating_add(1);
        self.current = Some(SyncJobSnapshot {
            arn: self.job.arn.clone(),
            workspace_id: self.job.workspace_id.clone(),
            sync_source: Open::Known(SyncSource::Sitewise),
            sync_role: self.job.role(role).clone(),
            status: SyncJobStatus::new(SyncJobState::Creating),
            creation_date_time: time(self.now),
            update_date_time: time(self.now),
        });
        self.record();
    }

    /// Goes from `from` to `to` along a shortest path, one tick a state; whether `to` was reached
    /// (or already there).
    fn walk(&mut self, from: Stage, to: Stage, detail: u8) -> bool {
        if from == to {
            return true;
        }
        let Some(path) = shortest_path(self.policy, Position::from(from), Position::from(to)) else {
            return false;
        };
        let mut at = from;
        for (n, next) in path.into_iter().chain([to]).enumerate() {
            if n > 0 {
                self.now = self.now.saturating_add(TICK);
            }
            self.go(at, next, detail);
            at = next;
        }
        true
    }

    fn go(&mut self, from: Stage, to: Stage, detail: u8) {
        match to.state() {
            None => self.current = None,
            Some(state) => {
                let error = (to == Stage::Error).then(|| self.job.details(pick(&codes_failing_in(from), detail)));
                let update = time(self.now);
                if let Some(job) = &mut self.current {
                    job.status = SyncJobStatus { state: Some(Open::Known(state)), error };
                    job.update_date_time = update;
                }
            }
        }
        self.record();
    }

    fn look(&mut self, look: Look) {
        let observed = match (look, &self.current) {
            (Look::Snapshot, Some(job)) => Observed::Snapshot(job.clone()),
            (Look::Snapshot, None) => {
                Observed::Error(ApiError::new(ApiErrorKind::ResourceNotFound, "The sync job was not found"))
            }
            (Look::Summary, Some(job)) => Observed::Summary(summary_of(job)),
            (Look::Summary, None) | (Look::Unseen, _) => return,
        };
        self.observed.push(observed);
    }
}

// ---------------------------------------------------------------------------------------------
// The labels: the rules of docs/observing.md, written independently of the checker.

/// The parts of a snapshot or summary the labels depend on.
#[derive(Clone, Copy)]
struct Sight {
    position: Position,
    creation: Timestamp,
    update: Timestamp,
}

/// A node of the lifecycle graph with `ERROR` told apart by the stage it was entered from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Node {
    Live(Stage),
    Failed(Stage),
    Gone,
}

impl Node {
    fn stage(self) -> Stage {
        match self {
            Self::Live(stage) => stage,
            Self::Failed(_) => Stage::Error,
            Self::Gone => Stage::Deleted,
        }
    }

    fn of(position: Position) -> Vec<Self> {
        const PHASED: [Stage; 4] = [Stage::Creating, Stage::Initializing, Stage::Active, Stage::Deleting];
        match position {
            Position::Error(phase) => match phase.stage() {
                Some(stage) => vec![Self::Failed(stage)],
                None => PHASED.into_iter().map(Self::Failed).collect(),
            },
            Position::Deleted => vec![Self::Gone],
            other => vec![Self::Live(other.stage())],
        }
    }

    fn successors(self, policy: &Policy) -> Vec<Self> {
        let from = self.stage();
        if self == Self::Gone {
            return Vec::new();
        }
        Stage::ALL
            .into_iter()
            .filter(|to| *to != from && policy.allows(from, *to))
            .map(|to| match to {
                Stage::Error => Self::Failed(from),
                Stage::Deleted => Self::Gone,
                live => Self::Live(live),
            })
            .collect()
    }
}

/// Whether two positions are the same for the rules: equal, or both `ERROR` with at least one
/// code naming no phase (rule 3).
fn same(a: Position, b: Position) -> bool {
    a == b || matches!((a, b), (Position::Error(x), Position::Error(y)) if x == Phase::Any || y == Phase::Any)
}

/// The stages strictly between `from` and `to` on a shortest path within one incarnation, ties
/// going to the earlier stages in lifecycle order (lexicographically); `None` when `to` cannot be
/// reached. A breadth-first search over paths, independent of the policy's precomputed routes.
fn shortest_path(policy: &Policy, from: Position, to: Position) -> Option<Vec<Stage>> {
    let targets = Node::of(to);
    let mut frontier: Vec<(Node, Vec<Stage>)> = Node::of(from).into_iter().map(|node| (node, Vec::new())).collect();
    let mut reached: Vec<Node> = frontier.iter().map(|(node, _)| *node).collect();
    while !frontier.is_empty() {
        let mut found: Option<Vec<Stage>> = None;
        let mut next: Vec<(Node, Vec<Stage>)> = Vec::new();
        for (node, via) in &frontier {
            for successor in node.successors(policy) {
                if targets.contains(&successor) {
                    if found.as_ref().is_none_or(|best| via < best) {
                        found = Some(via.clone());
                    }
                } else if !reached.contains(&successor) {
                    let mut longer = via.clone();
                    longer.push(successor.stage());
                    next.push((successor, longer));
                }
            }
        }
        if found.is_some() {
            return found;
        }
        reached.extend(next.iter().map(|(node, _)| *node));
        frontier = next;
    }
    None
}

/// What the labeller knows: the last position seen (or deleted) and the incarnation's creation.
#[derive(Clone, Copy, Default)]
struct Oracle {
    at: Option<Position>,
    creation: Option<Timestamp>,
}

impl Oracle {
    /// Whether `sight` continues the incarnation last seen (not a first sighting, a recreation, a
    /// resurrection or an older incarnation).
    fn continues(&self, sight: &Sight) -> bool {
        matches!(self.at, Some(at) if at != Position::Deleted) && self.creation == Some(sight.creation)
    }

    fn expect(&mut self, policy: &Policy, observed: &Observed) -> Expected {
        if let Some(sight) = observed.sight() {
            let expected = self.expect_sight(policy, &sight);
            self.at = Some(sight.position);
            self.creation = Some(sight.creation);
            return expected;
        }
        if !observed.is_not_found() {
            return Expected::change(if matches!(observed, Observed::Error(_)) { "no_evidence" } else { "unjudged" });
        }
        match self.at {
            None => Expected::change("no_evidence"),
            Some(Position::Deleted) => Expected::change("stutter"),
            Some(from) => {
                self.at = Some(Position::Deleted);
                match shortest_path(policy, from, Position::Deleted) {
                    Some(via) => Expected::moved("deleted", via),
                    None => Expected::broken("illegal", "illegal_transition"),
                }
            }
        }
    }

    fn expect_sight(&self, policy: &Policy, sight: &Sight) -> Expected {
        let (Some(at), Some(creation)) = (self.at, self.creation) else { return Expected::change("first") };
        let to = sight.position;
        if sight.creation < creation {
            return Expected::broken("reset", "creation_time_regressed");
        }
        if sight.creation == creation && at == Position::Deleted {
            return Expected::broken("reset", "resurrected");
        }
        if sight.creation > creation || at == Position::Deleted {
            if to == Position::Creating {
                return Expected::moved("recreated", Vec::new());
            }
            return match shortest_path(policy, Position::Creating, to) {
                Some(via) => Expected::moved("recreated", [Stage::Creating].into_iter().chain(via).collect()),
                None => Expected::broken("illegal", "illegal_transition"),
            };
        }
        if same(at, to) {
            return Expected::change("stutter");
        }
        match shortest_path(policy, at, to) {
            Some(via) if via.is_empty() => Expected::change("step"),
            Some(via) => Expected::moved("skip", via),
            None => Expected::broken("illegal", "illegal_transition"),
        }
    }
}

/// Labels every observation; the one at `forced.0`, if any, gets the violation `forced.1`.
fn label(policy: &Policy, observed: Vec<Observed>, forced: Option<(usize, &'static str)>) -> Vec<TraceItem> {
    let mut oracle = Oracle::default();
    observed
        .into_iter()
        .enumerate()
        .map(|(index, observed)| {
            let mut expected = oracle.expect(policy, &observed);
            if let Some((at, violation)) = forced
                && at == index
            {
                expected.violation = Some(violation);
            }
            TraceItem { observed, expected }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Mutations.

/// The labeller's state before each observation of a legal trace.
fn states_before(policy: &Policy, observed: &[Observed]) -> Vec<Oracle> {
    let mut oracle = Oracle::default();
    observed
        .iter()
        .map(|o| {
            let before = oracle;
            let _ = oracle.expect(policy, o);
            before
        })
        .collect()
}

/// The next observation after `index` that is evidence (a sighting or a not-found).
fn next_evidence(observed: &[Observed], index: usize) -> Option<&Observed> {
    observed.iter().skip(index.saturating_add(1)).find(|o| o.is_evidence())
}

/// Whether the observations after `index` stay legal when the one at `index` is at `position`.
fn next_stays_legal(
    policy: &Policy,
    observed: &[Observed],
    index: usize,
    position: Position,
    creation: Timestamp,
) -> bool {
    let Some(next) = next_evidence(observed, index) else { return true };
    let to = match next.sight() {
        Some(sight) if sight.creation != creation => return true,
        Some(sight) => sight.position,
        None => Position::Deleted,
    };
    same(position, to) || shortest_path(policy, position, to).is_some()
}

/// Every position a snapshot or summary can show (not [`Position::Deleted`]).
const SHOWN: [Position; 9] = [
    Position::Creating,
    Position::Initializing,
    Position::Active,
    Position::Deleting,
    Position::Error(Phase::Creating),
    Position::Error(Phase::Initializing),
    Position::Error(Phase::Active),
    Position::Error(Phase::Deleting),
    Position::Error(Phase::Any),
];

fn status_at(job: &JobIdentity, position: Position) -> Option<SyncJobStatus> {
    let state = position.stage().state()?;
    let error = match position {
        Position::Error(phase) => Some(job.details(Some(code_naming(phase)?))),
        _ => None,
    };
    Some(SyncJobStatus { state: Some(Open::Known(state)), error })
}

/// Applies `mutation` at its `site`-th place in `observed`; returns the violating index, or `None`
/// when the mutation applies nowhere.
fn mutate(
    policy: &Policy,
    job: &JobIdentity,
    observed: &mut Vec<Observed>,
    mutation: Mutation,
    site: usize,
) -> Option<usize> {
    let before = states_before(policy, observed);
    let sights: Vec<(usize, Sight, Oracle)> = observed
        .iter()
        .zip(&before)
        .enumerate()
        .filter_map(|(index, (o, state))| o.sight().map(|sight| (index, sight, *state)))
        .collect();
    let choose = |candidates: &[usize]| candidates.get(site % candidates.len().max(1)).copied();
    // Every observation from `index` on of the incarnation created at `creation`.
    let rest_of_incarnation = |observed: &[Observed], index: usize, creation: Timestamp| -> Vec<usize> {
        observed
            .iter()
            .enumerate()
            .skip(index)
            .filter(|(_, o)| o.sight().is_some_and(|s| s.creation == creation))
            .map(|(i, _)| i)
            .collect()
    };
    match mutation {
        Mutation::IllegalState => {
            let mut candidates: Vec<(usize, Position)> = Vec::new();
            for (index, sight, state) in &sights {
                // Within the incarnation: judged from the position before; a new incarnation: from
                // CREATING (rule 6).
                let from = if state.continues(sight) {
                    state.at
                } else if state.creation.is_some_and(|c| sight.creation > c) {
                    Some(Position::Creating)
                } else {
                    None
                };
                let Some(from) = from else { continue };
                for x in SHOWN {
                    let unreachable = !same(from, x) && shortest_path(policy, from, x).is_none();
                    if unreachable
                        && status_at(job, x).is_some()
                        && next_stays_legal(policy, observed, *index, x, sight.creation)
                    {
                        candidates.push((*index, x));
                    }
                }
            }
            let (index, x) = candidates.get(site % candidates.len().max(1)).copied()?;
            let status = status_at(job, x)?;
            observed.get_mut(index)?.set_status(status);
            Some(index)
        }
        Mutation::ArnChanged => {
            let candidates: Vec<usize> =
                sights.iter().filter(|(_, sight, state)| state.continues(sight)).map(|(i, _, _)| *i).collect();
            let index = choose(&candidates)?;
            let creation = observed.get(index)?.sight()?.creation;
            for i in rest_of_incarnation(observed, index, creation) {
                match observed.get_mut(i) {
                    Some(Observed::Snapshot(s)) => s.arn = job.moved_arn.clone(),
                    Some(Observed::Summary(s)) => s.arn = Some(job.moved_arn.clone()),
                    _ => {}
                }
            }
            Some(index)
        }
        Mutation::RoleChanged => {
            let candidates: Vec<usize> = sights
                .iter()
                .filter(|(index, sight, state)| {
                    let is_snapshot = matches!(observed.get(*index), Some(Observed::Snapshot(_)));
                    let role_known = observed
                        .iter()
                        .take(*index)
                        .any(|o| matches!(o, Observed::Snapshot(s) if s.creation_date_time == sight.creation));
                    is_snapshot && role_known && state.continues(sight)
                })
                .map(|(i, _, _)| *i)
                .collect();
            let index = choose(&candidates)?;
            let creation = observed.get(index)?.sight()?.creation;
            for i in rest_of_incarnation(observed, index, creation) {
                if let Some(Observed::Snapshot(s)) = observed.get_mut(i) {
                    s.sync_role = job.intruder_role.clone();
                }
            }
            Some(index)
        }
        Mutation::UpdateTimeRegressed => {
            // The update time the checker remembers is the last sighting's (same incarnation).
            let last_update =
                |index: usize| observed.iter().take(index).rev().find_map(Observed::sight).map(|s| s.update);
            let candidates: Vec<(usize, Timestamp)> = sights
                .iter()
                .filter(|(_, sight, state)| state.continues(sight))
                .filter_map(|(index, sight, _)| {
                    let previous = last_update(*index)?;
                    let middle =
                        sight.creation.unix_micros() + (previous.unix_micros() - sight.creation.unix_micros()) / 2;
                    let earlier = Timestamp::from_unix_micros(middle).ok()?;
                    (earlier < previous).then_some((*index, earlier))
                })
                .collect();
            let (index, earlier) = candidates.get(site % candidates.len().max(1)).copied()?;
            observed.get_mut(index)?.set_update(earlier);
            Some(index)
        }
        Mutation::UpdateBeforeCreation => {
            let candidates: Vec<usize> =
                sights.iter().filter(|(_, sight, state)| !state.continues(sight)).map(|(i, _, _)| *i).collect();
            let index = choose(&candidates)?;
            let sight = observed.get(index)?.sight()?;
            let earlier = Timestamp::from_unix_micros(sight.creation.unix_micros() - MICROS).ok()?;
            observed.get_mut(index)?.set_update(earlier);
            Some(index)
        }
        Mutation::CreationTimeRegressed => {
            let candidates: Vec<(usize, Timestamp)> = sights
                .iter()
                .filter_map(|(index, _, state)| {
                    let current = state.creation?;
                    Some((*index, Timestamp::from_unix_micros(current.unix_micros() - MICROS).ok()?))
                })
                .collect();
            let (index, earlier) = candidates.get(site % candidates.len().max(1)).copied()?;
            let creation = observed.get(index)?.sight()?.creation;
            for i in rest_of_incarnation(observed, index, creation) {
                if let Some(o) = observed.get_mut(i) {
                    o.set_creation(earlier);
                }
            }
            Some(index)
        }
        Mutation::Resurrected => {
            let candidates: Vec<usize> = observed
                .iter()
                .zip(&before)
                .enumerate()
                .filter(|(_, (o, state))| o.is_not_found() && state.at.is_some())
                .map(|(i, _)| i)
                .collect();
            let deletion = choose(&candidates)?;
            let ghost = observed.iter().take(deletion).rev().find(|o| o.sight().is_some())?.clone();
            let index = deletion.saturating_add(1);
            observed.insert(index, ghost);
            Some(index)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Compact display.

/// A time as an offset from the start of the plan.
struct Offset(Timestamp);

impl fmt::Display for Offset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let micros = self.0.unix_micros().saturating_sub(EPOCH.saturating_mul(MICROS));
        let (seconds, fraction) = (micros.div_euclid(MICROS), micros.rem_euclid(MICROS));
        if fraction == 0 { write!(f, "{seconds:+}s") } else { write!(f, "{seconds:+}.{fraction:06}s") }
    }
}

struct Status<'a>(&'a SyncJobStatus);

impl fmt::Display for Status<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0.state {
            Some(state) => f.write_str(state.as_str())?,
            None => f.write_str("(no state)")?,
        }
        if let Some(error) = &self.0.error {
            match &error.code {
                Some(code) => write!(f, "({code})")?,
                None => f.write_str("(no code)")?,
            }
        }
        Ok(())
    }
}

fn workspace_of(arn: &SyncJobArn) -> &str {
    arn.as_str().split('/').nth(1).unwrap_or(arn.as_str())
}

struct Job<'a>(&'a SyncJobSnapshot);

impl fmt::Display for Job<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let job = self.0;
        let role = job.sync_role.as_str().rsplit('/').next().unwrap_or(job.sync_role.as_str());
        write!(
            f,
            "{} {} created {} updated {} role {role}",
            workspace_of(&job.arn),
            Status(&job.status),
            Offset(job.creation_date_time),
            Offset(job.update_date_time),
        )
    }
}
