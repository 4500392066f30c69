//! A reference model of the sync-job service for [`proptest_state_machine`]: the state is a few
//! jobs under a [`Policy`]; the transitions are a client's CreateSyncJob and DeleteSyncJob, time
//! passing (each job's next scheduled change), and faults (throttled calls, job errors in each
//! phase, failed delete attempts).
//!
//! [`ServiceMachine`] implements [`ReferenceStateMachine`], so a [`StateMachineTest`] of your own
//! client, or of a fake service, runs against it: proptest generates sequences of transitions that
//! are legal under the policy, applies each to the model ([`ServiceState`]) and to your system, and
//! shrinks a failing sequence to a short one. For each call the model says what the service must
//! answer ([`ServiceState::last_answer`], [`ServiceState::get`]).
//!
//! Which transitions are generated is a [`ServiceConfig`]: the policy, how many jobs, which faults.
//! [`AllFaults`] turns everything on; [`NoFaults`] has one job and no faults, so that
//! [`Simulator`](crate::transport::sim::Simulator) with [`Faults::none`](crate::transport::sim::Faults::none),
//! whose schedule cannot be forced, can be the system under test (see the example).
//!
//! Where the public material is silent, the model answers as the simulator does (each point is
//! marked "simulator behaviour, inferred" in [`crate::transport::sim`]): CreateSyncJob on a job
//! that exists, `DELETING` included, is a `ConflictException`; DeleteSyncJob answers `DELETING`,
//! is a `ValidationException` where the policy has no edge to `DELETING`, and changes nothing on a
//! job already `DELETING`; a throttled call has no effect; a failed delete attempt leaves the job
//! `DELETING` with `SYNC_DELETING_ERROR` details beside it.
//!
//! [`ReferenceStateMachine`]: proptest_state_machine::ReferenceStateMachine
//! [`StateMachineTest`]: proptest_state_machine::StateMachineTest
//!
//! # Example
//!
//! The simulator as the system under test, checked against the model after every transition.
//!
//! ```
//! use std::time::Duration;
//! use proptest::test_runner::Config;
//! use proptest_state_machine::{ReferenceStateMachine, StateMachineTest};
//! use twinmaker_syncjob::lifecycle::Stage;
//! use twinmaker_syncjob::transport::sim::Simulator;
//! use twinmaker_syncjob::testkit::machine::{
//!     ApiKind, NoFaults, ServiceMachine, ServiceState, ServiceTransition, Transition,
//! };
//!
//! struct SimulatorMatchesModel;
//!
//! impl StateMachineTest for SimulatorMatchesModel {
//!     type SystemUnderTest = Simulator;
//!     type Reference = ServiceMachine<NoFaults>;
//!
//!     fn init_test(_: &ServiceState) -> Simulator {
//!         Simulator::new(7).unwrap()
//!     }
//!
//!     fn apply(mut sim: Simulator, model: &ServiceState, t: ServiceTransition) -> Simulator {
//!         let job = ServiceState::job_id(t.job).unwrap();
//!         match t.transition {
//!             Transition::Create => {
//!                 let role = sim.role();
//!                 let answer = sim.create_sync_job(&job, &role).map(|r| r.state.known()).map_err(|e| e.api_kind());
//!                 assert_eq!(Some(answer), model.last_answer.map(|a| a.map(Some)));
//!             }
//!             Transition::Delete => {
//!                 let answer = sim.delete_sync_job(&job).map(|r| r.state.known()).map_err(|e| e.api_kind());
//!                 assert_eq!(Some(answer), model.last_answer.map(|a| a.map(Some)));
//!             }
//!             // Time passes until the job changes.
//!             Transition::Progress => {
//!                 let before = sim.peek(&job).map(|s| s.status.known_state());
//!                 for _ in 0..7200 {
//!                     if sim.peek(&job).map(|s| s.status.known_state()) != before { break; }
//!                     sim.advance(Duration::from_secs(1));
//!                 }
//!             }
//!             other => unreachable!("NoFaults generates no {other:?}"),
//!         }
//!         // After every transition, the job is where the model says.
//!         let seen = sim.peek(&job).and_then(|s| s.status.known_state());
//!         assert_eq!(seen, model.job(t.job).and_then(|j| j.stage.state()));
//!         sim
//!     }
//! }
//!
//! let mut runner = proptest::test_runner::TestRunner::new(Config::with_cases(16));
//! runner.run(&ServiceMachine::<NoFaults>::sequential_strategy(1..20), |(state, transitions, seen)| {
//!     SimulatorMatchesModel::test_sequential(Config::default(), state, transitions, seen);
//!     Ok(())
//! }).unwrap();
//! ```

use std::fmt;
use std::marker::PhantomData;

use proptest::prelude::*;
use proptest::strategy::Union;
use proptest_state_machine::ReferenceStateMachine;

use crate::lifecycle::{Phase, Policy, Stage, classify_error_code};
use crate::model::{ApiErrorKind, ConstraintError, ErrorCode, SyncJobState, WireEnum};
use crate::transport::{CallError, SyncJobId};

/// What a [`ServiceMachine`] generates: the policy, the number of jobs, and which faults.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::Policy;
/// use twinmaker_syncjob::testkit::machine::ServiceConfig;
///
/// /// Two jobs under the documented policy, throttling only.
/// #[derive(Debug)]
/// struct Documented;
///
/// impl ServiceConfig for Documented {
///     const POLICY: Policy = Policy::DOCUMENTED;
///     const JOBS: u8 = 2;
///     const THROTTLING: bool = true;
///     const JOB_ERRORS: bool = false;
///     const DELETE_RETRIES: bool = false;
/// }
/// ```
pub trait ServiceConfig: 'static {
    /// The lifecycle policy the service obeys.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Policy;
    /// use twinmaker_syncjob::testkit::machine::{NoFaults, ServiceConfig};
    ///
    /// assert_eq!(NoFaults::POLICY, Policy::DEFAULT);
    /// ```
    const POLICY: Policy;
    /// How many jobs (at least 1; job `i` is [`ServiceState::job_id`]`(i)`).
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::testkit::machine::{NoFaults, ServiceConfig};
    ///
    /// assert_eq!(NoFaults::JOBS, 1);
    /// ```
    const JOBS: u8;
    /// Whether calls can be throttled ([`Transition::Throttle`]).
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::testkit::machine::{NoFaults, ServiceConfig};
    ///
    /// assert!(!NoFaults::THROTTLING);
    /// ```
    const THROTTLING: bool;
    /// Whether jobs can fail ([`Transition::Fail`]).
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::testkit::machine::{NoFaults, ServiceConfig};
    ///
    /// assert!(!NoFaults::JOB_ERRORS);
    /// ```
    const JOB_ERRORS: bool;
    /// Whether delete attempts can fail and be retried ([`Transition::DeleteAttemptFails`]).
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::testkit::machine::{NoFaults, ServiceConfig};
    ///
    /// assert!(!NoFaults::DELETE_RETRIES);
    /// ```
    const DELETE_RETRIES: bool;
}

/// Every fault, two jobs, [`Policy::DEFAULT`].
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::testkit::machine::{AllFaults, ServiceConfig};
///
/// assert_eq!(AllFaults::JOBS, 2);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct AllFaults;

impl ServiceConfig for AllFaults {
    const POLICY: Policy = Policy::DEFAULT;
    const JOBS: u8 = 2;
    const THROTTLING: bool = true;
    const JOB_ERRORS: bool = true;
    const DELETE_RETRIES: bool = true;
}

/// No faults, one job, [`Policy::DEFAULT`]: what a fault-free
/// [`Simulator`](crate::transport::sim::Simulator) does, whose time moves all its jobs at once.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::testkit::machine::{NoFaults, ServiceConfig};
///
/// assert!(!NoFaults::THROTTLING && !NoFaults::JOB_ERRORS);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct NoFaults;

impl ServiceConfig for NoFaults {
    const POLICY: Policy = Policy::DEFAULT;
    const JOBS: u8 = 1;
    const THROTTLING: bool = false;
    const JOB_ERRORS: bool = false;
    const DELETE_RETRIES: bool = false;
}

/// One job of the model.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::Stage;
/// use twinmaker_syncjob::testkit::machine::JobModel;
///
/// let never_created = JobModel::default();
/// assert_eq!((never_created.stage, never_created.incarnation), (Stage::Deleted, 0));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct JobModel {
    /// Where the job is; [`Stage::Deleted`] when it does not exist (never created, or gone).
    pub stage: Stage,
    /// Which incarnation: 0 before the first create, then 1, 2, ...
    pub incarnation: u32,
    /// The error code beside the state: the failure's in `ERROR`, `SYNC_DELETING_ERROR` in
    /// `DELETING` after a failed delete attempt.
    pub error: Option<ErrorCode>,
}

impl Default for JobModel {
    fn default() -> Self {
        Self { stage: Stage::Deleted, incarnation: 0, error: None }
    }
}

/// The service's answer to a call, as far as the model predicts it: the state of the response, or
/// the exception.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::model::{ApiErrorKind, SyncJobState};
/// use twinmaker_syncjob::testkit::machine::Answer;
///
/// let conflict: Answer = Err(ApiErrorKind::Conflict);
/// assert_ne!(conflict, Ok(SyncJobState::Creating));
/// ```
pub type Answer = Result<SyncJobState, ApiErrorKind>;

/// The model's state: the jobs, and how many calls are still to be throttled.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::{Policy, Stage};
/// use twinmaker_syncjob::model::{ApiErrorKind, SyncJobState};
/// use twinmaker_syncjob::testkit::machine::{ServiceState, ServiceTransition, Transition};
///
/// let state = ServiceState::new(Policy::DEFAULT, 1);
/// let state = state.apply(&ServiceTransition { job: 0, transition: Transition::Create });
/// assert_eq!(state.last_answer, Some(Ok(SyncJobState::Creating)));
/// assert_eq!(state.get(0), Ok(SyncJobState::Creating));
/// let state = state.apply(&ServiceTransition { job: 0, transition: Transition::Create });
/// assert_eq!(state.last_answer, Some(Err(ApiErrorKind::Conflict)));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceState {
    /// The lifecycle policy.
    pub policy: Policy,
    /// The jobs, by index.
    pub jobs: Vec<JobModel>,
    /// How many of the next calls answer `ThrottlingException` (with no effect).
    pub throttled_calls: u32,
    /// What the service answered the last transition, when it was a call (create or delete).
    pub last_answer: Option<Answer>,
}

impl ServiceState {
    /// `jobs` jobs that do not exist yet, under `policy`.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Policy;
    /// use twinmaker_syncjob::testkit::machine::ServiceState;
    ///
    /// assert_eq!(ServiceState::new(Policy::DEFAULT, 3).jobs.len(), 3);
    /// ```
    #[must_use]
    pub fn new(policy: Policy, jobs: u8) -> Self {
        Self { policy, jobs: vec![JobModel::default(); usize::from(jobs)], throttled_calls: 0, last_answer: None }
    }

    /// The id of job `index`: workspace `plant-{index}`, source `SITEWISE` (as in
    /// [`JobIdentity`](super::lifecycle::JobIdentity)).
    ///
    /// # Errors
    ///
    /// None in practice: every index gives a valid id.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::testkit::machine::ServiceState;
    ///
    /// assert_eq!(ServiceState::job_id(1)?.to_string(), "plant-1/SITEWISE");
    /// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
    /// ```
    pub fn job_id(index: u8) -> Result<SyncJobId, ConstraintError> {
        SyncJobId::parse(&format!("plant-{index}"), "SITEWISE")
    }

    /// What GetSyncJob of job `index` answers now: its state, `ResourceNotFoundException` when it
    /// does not exist, or `ThrottlingException` while calls are throttled.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Policy;
    /// use twinmaker_syncjob::model::ApiErrorKind;
    /// use twinmaker_syncjob::testkit::machine::ServiceState;
    ///
    /// assert_eq!(ServiceState::new(Policy::DEFAULT, 1).get(0), Err(ApiErrorKind::ResourceNotFound));
    /// ```
    pub fn get(&self, index: u8) -> Answer {
        if self.throttled_calls > 0 {
            return Err(ApiErrorKind::Throttling);
        }
        self.job(index).and_then(|job| job.stage.state()).ok_or(ApiErrorKind::ResourceNotFound)
    }

    /// Job `index`, if the model has it.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Policy;
    /// use twinmaker_syncjob::testkit::machine::ServiceState;
    ///
    /// assert!(ServiceState::new(Policy::DEFAULT, 1).job(1).is_none());
    /// ```
    #[must_use]
    pub fn job(&self, index: u8) -> Option<&JobModel> {
        self.jobs.get(usize::from(index))
    }

    /// Whether `transition` can happen now (calls always can; service events only where the
    /// policy has the edge).
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Policy;
    /// use twinmaker_syncjob::testkit::machine::{ServiceState, ServiceTransition, Transition};
    ///
    /// let state = ServiceState::new(Policy::DEFAULT, 1);
    /// assert!(state.allows(&ServiceTransition { job: 0, transition: Transition::Create }));
    /// // A job that does not exist does not progress.
    /// assert!(!state.allows(&ServiceTransition { job: 0, transition: Transition::Progress }));
    /// ```
    #[must_use]
    pub fn allows(&self, t: &ServiceTransition) -> bool {
        let Some(job) = self.job(t.job) else { return false };
        match t.transition {
            Transition::Create | Transition::Delete | Transition::Throttle { .. } => true,
            Transition::Progress => next_stage(job.stage).is_some_and(|to| self.policy.allows(job.stage, to)),
            Transition::Fail { code } => can_fail(&self.policy, job.stage, code),
            Transition::DeleteAttemptFails => job.stage == Stage::Deleting,
        }
    }

    /// The state after `transition` (unchanged when it cannot happen).
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::{Policy, Stage};
    /// use twinmaker_syncjob::model::SyncJobState;
    /// use twinmaker_syncjob::testkit::machine::{ServiceState, ServiceTransition, Transition};
    ///
    /// let step = |job, transition| ServiceTransition { job, transition };
    /// let state = ServiceState::new(Policy::DEFAULT, 1)
    ///     .apply(&step(0, Transition::Create))
    ///     .apply(&step(0, Transition::Progress))
    ///     .apply(&step(0, Transition::Progress));
    /// assert_eq!(state.get(0), Ok(SyncJobState::Active));
    /// // Only a job that exists moves: job 1 is not in the model, so nothing changes.
    /// assert_eq!(state.clone().apply(&step(1, Transition::Create)).jobs, state.jobs);
    /// let state = state.apply(&step(0, Transition::Delete));
    /// assert_eq!(state.job(0).map(|job| job.stage), Some(Stage::Deleting));
    /// ```
    #[must_use]
    pub fn apply(mut self, t: &ServiceTransition) -> Self {
        self.last_answer = None;
        if !self.allows(t) {
            return self;
        }
        let throttled = self.throttled_calls > 0;
        let policy = self.policy.clone();
        let Some(job) = self.jobs.get_mut(usize::from(t.job)) else { return self };
        match t.transition {
            Transition::Create | Transition::Delete if throttled => {
                self.throttled_calls -= 1;
                self.last_answer = Some(Err(ApiErrorKind::Throttling));
            }
            Transition::Create => {
                self.last_answer = Some(if job.stage == Stage::Deleted {
                    *job = JobModel {
                        stage: Stage::Creating,
                        incarnation: job.incarnation.saturating_add(1),
                        error: None,
                    };
                    Ok(SyncJobState::Creating)
                } else {
                    Err(ApiErrorKind::Conflict)
                });
            }
            Transition::Delete => {
                self.last_answer = Some(match job.stage {
                    Stage::Deleted => Err(ApiErrorKind::ResourceNotFound),
                    Stage::Deleting => Ok(SyncJobState::Deleting),
                    from if policy.allows(from, Stage::Deleting) => {
                        job.stage = Stage::Deleting;
                        job.error = None;
                        Ok(SyncJobState::Deleting)
                    }
                    _ => Err(ApiErrorKind::Validation),
                });
            }
            Transition::Progress => {
                if let Some(to) = next_stage(job.stage) {
                    job.stage = to;
                    job.error = None;
                }
            }
            Transition::Fail { code } => {
                job.stage = Stage::Error;
                job.error = Some(code);
            }
            Transition::DeleteAttemptFails => job.error = Some(ErrorCode::SyncDeletingError),
            Transition::Throttle { calls } => {
                self.throttled_calls = self.throttled_calls.saturating_add(u32::from(calls));
            }
        }
        self
    }
}

/// The next stage of the main path, which time alone moves a job along.
fn next_stage(stage: Stage) -> Option<Stage> {
    match stage {
        Stage::Creating => Some(Stage::Initializing),
        Stage::Initializing => Some(Stage::Active),
        Stage::Deleting => Some(Stage::Deleted),
        Stage::Active | Stage::Error | Stage::Deleted => None,
    }
}

/// Whether a job in `stage` can fail with `code`: the code names that phase or none, and the
/// policy has the edge to `ERROR`.
fn can_fail(policy: &Policy, stage: Stage, code: ErrorCode) -> bool {
    let phase = match stage {
        Stage::Creating => Phase::Creating,
        Stage::Initializing => Phase::Initializing,
        Stage::Active => Phase::Active,
        Stage::Deleting => Phase::Deleting,
        Stage::Error | Stage::Deleted => return false,
    };
    let named = classify_error_code(code).phase;
    (named == Phase::Any || named == phase) && policy.allows(stage, Stage::Error)
}

/// What happens, to which job.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::testkit::machine::{ServiceTransition, Transition};
///
/// let t = ServiceTransition { job: 0, transition: Transition::Progress };
/// assert_eq!(t.to_string(), "job 0: time passes until its next change");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ServiceTransition {
    /// The job's index ([`Transition::Throttle`] ignores it).
    pub job: u8,
    /// What happens.
    pub transition: Transition,
}

/// One transition of the model.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::model::ErrorCode;
/// use twinmaker_syncjob::testkit::machine::Transition;
///
/// assert_ne!(Transition::Fail { code: ErrorCode::SyncCreatingError }, Transition::Progress);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Transition {
    /// The client calls CreateSyncJob.
    Create,
    /// The client calls DeleteSyncJob.
    Delete,
    /// Time passes until the job's next scheduled change: `CREATING` to `INITIALIZING` to
    /// `ACTIVE`, or `DELETING` to gone.
    Progress,
    /// The job fails with `code` in its current phase (a code naming that phase, or none).
    Fail {
        /// The error code.
        code: ErrorCode,
    },
    /// In `DELETING`: a delete attempt fails and will be retried; `SYNC_DELETING_ERROR` details
    /// appear beside `DELETING`.
    DeleteAttemptFails,
    /// The next `calls` calls answer `ThrottlingException`.
    Throttle {
        /// How many.
        calls: u8,
    },
}

impl fmt::Debug for ServiceTransition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for ServiceTransition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.transition {
            Transition::Create => write!(f, "job {}: CreateSyncJob", self.job),
            Transition::Delete => write!(f, "job {}: DeleteSyncJob", self.job),
            Transition::Progress => write!(f, "job {}: time passes until its next change", self.job),
            Transition::Fail { code } => write!(f, "job {}: fails with {}", self.job, code.as_str()),
            Transition::DeleteAttemptFails => write!(f, "job {}: a delete attempt fails", self.job),
            Transition::Throttle { calls } => write!(f, "the next {calls} calls are throttled"),
        }
    }
}

/// The reference state machine of the service under the configuration `C`; see the
/// [module documentation](self).
///
/// # Example
///
/// ```
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
/// use proptest_state_machine::ReferenceStateMachine;
/// use twinmaker_syncjob::testkit::machine::{AllFaults, ServiceMachine};
///
/// let mut runner = TestRunner::deterministic();
/// let (initial, transitions, _) = ServiceMachine::<AllFaults>::sequential_strategy(10..=10)
///     .new_tree(&mut runner)
///     .unwrap()
///     .current();
/// let end = transitions.iter().fold(initial, |state, t| ServiceMachine::<AllFaults>::apply(state, t));
/// assert_eq!(end.jobs.len(), 2);
/// ```
#[derive(Debug)]
pub struct ServiceMachine<C>(PhantomData<C>);

impl<C: ServiceConfig> ReferenceStateMachine for ServiceMachine<C> {
    type State = ServiceState;
    type Transition = ServiceTransition;

    fn init_state() -> BoxedStrategy<ServiceState> {
        Just(ServiceState::new(C::POLICY, C::JOBS.max(1))).boxed()
    }

    fn transitions(state: &ServiceState) -> BoxedStrategy<ServiceTransition> {
        let mut options: Vec<BoxedStrategy<ServiceTransition>> = Vec::new();
        for (index, job) in (0..=u8::MAX).zip(&state.jobs) {
            let at = move |transition| ServiceTransition { job: index, transition };
            options.push(Just(at(Transition::Create)).boxed());
            options.push(Just(at(Transition::Delete)).boxed());
            if state.allows(&at(Transition::Progress)) {
                // Time passing is what most steps are.
                options.push(Just(at(Transition::Progress)).boxed());
                options.push(Just(at(Transition::Progress)).boxed());
            }
            if C::JOB_ERRORS {
                let codes: Vec<ErrorCode> =
                    ErrorCode::known_values().filter(|code| can_fail(&state.policy, job.stage, *code)).collect();
                if !codes.is_empty() {
                    options.push(
                        proptest::sample::select(codes).prop_map(move |code| at(Transition::Fail { code })).boxed(),
                    );
                }
            }
            if C::DELETE_RETRIES && job.stage == Stage::Deleting {
                options.push(Just(at(Transition::DeleteAttemptFails)).boxed());
            }
        }
        if C::THROTTLING {
            options.push(
                (1..4_u8)
                    .prop_map(|calls| ServiceTransition { job: 0, transition: Transition::Throttle { calls } })
                    .boxed(),
            );
        }
        Union::new(options).boxed()
    }

    fn apply(state: ServiceState, transition: &ServiceTransition) -> ServiceState {
        state.apply(transition)
    }

    fn preconditions(state: &ServiceState, transition: &ServiceTransition) -> bool {
        state.allows(transition)
    }
}

/// The exception of a failed call, if it was the service's: to compare a call's result with an
/// [`Answer`].
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::model::{ApiError, ApiErrorKind};
/// use twinmaker_syncjob::transport::CallError;
/// use twinmaker_syncjob::testkit::machine::ApiKind;
///
/// let err = CallError::Api(ApiError::new(ApiErrorKind::Conflict, "exists"));
/// assert_eq!(err.api_kind(), ApiErrorKind::Conflict);
/// ```
pub trait ApiKind {
    /// The known exception, or [`ApiErrorKind::InternalServer`] for anything else (an unknown
    /// exception, a transport failure): never what the model predicts.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::ApiErrorKind;
    /// use twinmaker_syncjob::testkit::machine::ApiKind;
    /// use twinmaker_syncjob::transport::CallError;
    ///
    /// let unsupported = CallError::Unsupported { operation: "ListSyncJobs" };
    /// assert_eq!(unsupported.api_kind(), ApiErrorKind::InternalServer);
    /// ```
    fn api_kind(&self) -> ApiErrorKind;
}

impl ApiKind for CallError {
    fn api_kind(&self) -> ApiErrorKind {
        match self {
            Self::Api(err) => err.known_kind().unwrap_or(ApiErrorKind::InternalServer),
            _ => ApiErrorKind::InternalServer,
        }
    }
}
