//! Transports behind a trait, drivers that run the waiter ([`crate::waiter::Waiter`]) over them, and
//! adapters: [`replay`] (recorded traces), [`sim`] (a deterministic in-memory service) and, with
//! the `aws-sdk` feature, `aws` (the official `aws-sdk-iottwinmaker` client).
//!
//! A transport answers the sync-job operations with this crate's decoded values and
//! [`ApiError`]s. [`Transport`] is blocking, [`AsyncTransport`] is `async` and runtime-agnostic:
//! the drivers [`wait_blocking`] and [`wait_async`] take the clock and the sleep from the caller,
//! so no runtime is forced on anyone.
//!
//! # Example
//!
//! ```
//! use std::time::Duration;
//! use twinmaker_syncjob::transport::{SyncJobId, replay::Replay, wait_blocking, ManualClock};
//! use twinmaker_syncjob::waiter::{FixedJitter, Goal, WaiterConfig};
//!
//! let trace = r#"{"__type": "ThrottlingException", "message": "Rate exceeded"}
//! {"arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE", "workspaceId": "plant", "syncSource": "SITEWISE", "syncRole": "arn:aws:iam::123456789012:role/r", "status": {"state": "ACTIVE"}, "creationDateTime": 1672531200, "updateDateTime": 1672531300}"#;
//! let mut transport = Replay::from_jsonl(trace)?;
//! let mut clock = ManualClock::new();
//! let job = SyncJobId::parse("plant", "SITEWISE")?;
//! let config = WaiterConfig::new(Goal::Active, Duration::from_secs(300))?;
//! let outcome = wait_blocking(&mut transport, &mut clock, &job, config, FixedJitter::MAX, |_| {});
//! assert!(outcome.is_success());
//! assert_eq!(outcome.attempts(), 2);
//! assert_eq!(outcome.elapsed(), Duration::from_secs(2));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#[cfg(feature = "aws-sdk")]
pub mod aws;
pub mod replay;
pub mod sim;

use std::fmt;
use std::future::Future;
use std::time::{Duration, Instant};

use crate::model::{
    ApiError, ConstraintError, CreateSyncJobResponse, DeleteSyncJobResponse, ListSyncJobsPage, Open, SyncJobSnapshot,
    SyncRoleArn, SyncSource, WorkspaceId,
};
use crate::waiter::{Event, Jitter, Outcome, Output, Waiter, WaiterConfig};

/// Which sync job: a workspace and a sync source.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::transport::SyncJobId;
///
/// let job = SyncJobId::parse("plant", "SITEWISE")?;
/// assert_eq!(job.to_string(), "plant/SITEWISE");
/// assert!(SyncJobId::parse("plant", "not valid").is_err());
/// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SyncJobId {
    /// The workspace.
    pub workspace_id: WorkspaceId,
    /// The sync source (`SITEWISE`).
    pub sync_source: Open<SyncSource>,
}

impl SyncJobId {
    /// A job id from its parts.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::{Open, SyncSource, WorkspaceId};
    /// use twinmaker_syncjob::transport::SyncJobId;
    ///
    /// let job = SyncJobId::new(WorkspaceId::parse("plant")?, Open::Known(SyncSource::Sitewise));
    /// assert_eq!(job.sync_source.as_str(), "SITEWISE");
    /// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
    /// ```
    #[must_use]
    pub fn new(workspace_id: WorkspaceId, sync_source: Open<SyncSource>) -> Self {
        Self { workspace_id, sync_source }
    }

    /// A job id from strings, checked against the model's constraints.
    ///
    /// # Errors
    ///
    /// A [`ConstraintError`] for an invalid workspace id or sync source.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::transport::SyncJobId;
    ///
    /// assert!(SyncJobId::parse("-bad", "SITEWISE").is_err());
    /// ```
    pub fn parse(workspace_id: &str, sync_source: &str) -> Result<Self, ConstraintError> {
        Ok(Self { workspace_id: WorkspaceId::parse(workspace_id)?, sync_source: Open::parse(sync_source)? })
    }

    /// Whether a snapshot belongs to this job.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::model::SyncJobSnapshot;
    /// use twinmaker_syncjob::transport::SyncJobId;
    ///
    /// let s = SyncJobSnapshot::decode_str(r#"{"arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/w",
    ///     "workspaceId": "plant", "syncSource": "SITEWISE", "syncRole": "arn:aws:iam::123456789012:role/r",
    ///     "status": {}, "creationDateTime": 0, "updateDateTime": 0}"#)?;
    /// assert!(SyncJobId::parse("plant", "SITEWISE")?.matches(&s));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn matches(&self, snapshot: &SyncJobSnapshot) -> bool {
        snapshot.workspace_id == self.workspace_id && snapshot.sync_source == self.sync_source
    }
}

impl fmt::Display for SyncJobId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.workspace_id, self.sync_source)
    }
}

/// A failed call: the service's error, a transport failure, or an operation the transport does
/// not offer.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::model::{ApiError, ApiErrorKind};
/// use twinmaker_syncjob::transport::CallError;
///
/// let err = CallError::from(ApiError::new(ApiErrorKind::Throttling, "slow down"));
/// assert_eq!(err.to_string(), "ThrottlingException (HTTP 429): slow down");
/// assert!(CallError::Unsupported { operation: "ListSyncJobs" }.to_string().contains("ListSyncJobs"));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CallError {
    /// The service answered with an error.
    #[error(transparent)]
    Api(ApiError),
    /// The call did not get an answer the transport could read.
    #[error("transport failure: {0}")]
    Transport(#[source] TransportError),
    /// The transport does not offer the operation.
    #[error("this transport does not offer {operation}")]
    Unsupported {
        /// The operation's name.
        operation: &'static str,
    },
}

impl From<ApiError> for CallError {
    fn from(error: ApiError) -> Self {
        Self::Api(error)
    }
}

/// A transport failure: what went wrong, and the underlying error when there is one.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::transport::TransportError;
///
/// let err = TransportError::new("the replay trace is exhausted");
/// assert_eq!(err.to_string(), "the replay trace is exhausted");
/// ```
#[derive(Debug)]
pub struct TransportError {
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

impl TransportError {
    /// A failure described by `message`.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::transport::TransportError;
    ///
    /// assert!(std::error::Error::source(&TransportError::new("x")).is_none());
    /// ```
    #[must_use]
    pub fn new(message: impl Into<String>) -> Self {
        Self { message: message.into(), source: None }
    }

    /// A failure caused by `source`.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::transport::TransportError;
    ///
    /// let io = std::io::Error::other("connection reset");
    /// let err = TransportError::with_source("GetSyncJob failed", io);
    /// assert!(std::error::Error::source(&err).is_some());
    /// ```
    #[must_use]
    pub fn with_source(message: impl Into<String>, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        Self { message: message.into(), source: Some(Box::new(source)) }
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(source) = &self.source {
            write!(f, ": {source}")?;
        }
        Ok(())
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_deref().map(|source| source as &(dyn std::error::Error + 'static))
    }
}

/// The sync-job operations, blocking. Only GetSyncJob is required; the others answer
/// [`CallError::Unsupported`] unless the transport offers them.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::model::{ApiError, ApiErrorKind, SyncJobSnapshot};
/// use twinmaker_syncjob::transport::{CallError, SyncJobId, Transport};
///
/// /// A transport whose jobs never exist.
/// struct Empty;
///
/// impl Transport for Empty {
///     fn get_sync_job(&mut self, _job: &SyncJobId) -> Result<SyncJobSnapshot, CallError> {
///         Err(ApiError::new(ApiErrorKind::ResourceNotFound, "no such job").into())
///     }
/// }
///
/// let job = SyncJobId::parse("plant", "SITEWISE")?;
/// assert!(matches!(Empty.get_sync_job(&job), Err(CallError::Api(_))));
/// assert!(matches!(Empty.delete_sync_job(&job), Err(CallError::Unsupported { .. })));
/// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
/// ```
pub trait Transport {
    /// GetSyncJob.
    ///
    /// # Errors
    ///
    /// The service's error, or a transport failure.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::{ApiErrorKind, SyncJobState};
    /// use twinmaker_syncjob::transport::{CallError, SyncJobId, Transport, sim::Simulator};
    ///
    /// let mut sim = Simulator::new(7)?;
    /// let job = SyncJobId::parse("plant", "SITEWISE")?;
    /// let Err(CallError::Api(missing)) = sim.get_sync_job(&job) else { panic!("no job yet") };
    /// assert_eq!(missing.kind, ApiErrorKind::ResourceNotFound);
    /// let role = sim.role();
    /// sim.create_sync_job(&job, &role)?;
    /// assert_eq!(sim.get_sync_job(&job)?.status.state, Some(SyncJobState::Creating.into()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn get_sync_job(&mut self, job: &SyncJobId) -> Result<SyncJobSnapshot, CallError>;

    /// CreateSyncJob.
    ///
    /// # Errors
    ///
    /// The service's error, a transport failure, or [`CallError::Unsupported`].
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::SyncJobState;
    /// use twinmaker_syncjob::transport::{SyncJobId, Transport, sim::Simulator};
    ///
    /// let mut sim = Simulator::new(7)?;
    /// let job = SyncJobId::parse("plant", "SITEWISE")?;
    /// let role = sim.role();
    /// let created = sim.create_sync_job(&job, &role)?;
    /// assert_eq!(created.state, SyncJobState::Creating);
    /// assert!(created.arn.as_str().ends_with(":workspace/plant/sync-job/SITEWISE"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn create_sync_job(&mut self, job: &SyncJobId, role: &SyncRoleArn) -> Result<CreateSyncJobResponse, CallError> {
        let _ = (job, role);
        Err(CallError::Unsupported { operation: "CreateSyncJob" })
    }

    /// DeleteSyncJob.
    ///
    /// # Errors
    ///
    /// The service's error, a transport failure, or [`CallError::Unsupported`].
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::SyncJobState;
    /// use twinmaker_syncjob::transport::{SyncJobId, Transport, sim::Simulator};
    ///
    /// let mut sim = Simulator::new(7)?;
    /// let job = SyncJobId::parse("plant", "SITEWISE")?;
    /// let role = sim.role();
    /// sim.create_sync_job(&job, &role)?;
    /// assert_eq!(sim.delete_sync_job(&job)?.state, SyncJobState::Deleting);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn delete_sync_job(&mut self, job: &SyncJobId) -> Result<DeleteSyncJobResponse, CallError> {
        let _ = job;
        Err(CallError::Unsupported { operation: "DeleteSyncJob" })
    }

    /// ListSyncJobs: one page.
    ///
    /// # Errors
    ///
    /// The service's error, a transport failure, or [`CallError::Unsupported`].
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::transport::{SyncJobId, Transport, sim::Simulator};
    ///
    /// let mut sim = Simulator::new(7)?;
    /// let job = SyncJobId::parse("plant", "SITEWISE")?;
    /// let role = sim.role();
    /// sim.create_sync_job(&job, &role)?;
    /// let page = sim.list_sync_jobs(&job.workspace_id, None)?;
    /// assert_eq!(page.sync_job_summaries.len(), 1);
    /// assert_eq!(page.next_token, None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn list_sync_jobs(
        &mut self,
        workspace_id: &WorkspaceId,
        next_token: Option<&str>,
    ) -> Result<ListSyncJobsPage, CallError> {
        let _ = (workspace_id, next_token);
        Err(CallError::Unsupported { operation: "ListSyncJobs" })
    }
}

/// The sync-job operations, `async` and runtime-agnostic (the futures are `Send`).
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::model::{ApiError, ApiErrorKind, SyncJobSnapshot};
/// use twinmaker_syncjob::transport::{AsyncTransport, CallError, SyncJobId};
///
/// struct Empty;
///
/// impl AsyncTransport for Empty {
///     async fn get_sync_job(&mut self, _job: &SyncJobId) -> Result<SyncJobSnapshot, CallError> {
///         Err(ApiError::new(ApiErrorKind::ResourceNotFound, "no such job").into())
///     }
/// }
/// # let _ = Empty;
/// ```
pub trait AsyncTransport: Send {
    /// GetSyncJob.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::SyncJobState;
    /// use twinmaker_syncjob::transport::{AsyncTransport, SyncJobId, sim::Simulator};
    ///
    /// let runtime = tokio::runtime::Builder::new_current_thread().build()?;
    /// let mut sim = Simulator::new(7)?;
    /// let job = SyncJobId::parse("plant", "SITEWISE")?;
    /// let role = sim.role();
    /// runtime.block_on(AsyncTransport::create_sync_job(&mut sim, &job, &role))?;
    /// let snapshot = runtime.block_on(AsyncTransport::get_sync_job(&mut sim, &job))?;
    /// assert_eq!(snapshot.status.state, Some(SyncJobState::Creating.into()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn get_sync_job(&mut self, job: &SyncJobId) -> impl Future<Output = Result<SyncJobSnapshot, CallError>> + Send;

    /// CreateSyncJob.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::SyncJobState;
    /// use twinmaker_syncjob::transport::{AsyncTransport, SyncJobId, sim::Simulator};
    ///
    /// let runtime = tokio::runtime::Builder::new_current_thread().build()?;
    /// let mut sim = Simulator::new(7)?;
    /// let job = SyncJobId::parse("plant", "SITEWISE")?;
    /// let role = sim.role();
    /// let created = runtime.block_on(AsyncTransport::create_sync_job(&mut sim, &job, &role))?;
    /// assert_eq!(created.state, SyncJobState::Creating);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn create_sync_job(
        &mut self,
        job: &SyncJobId,
        role: &SyncRoleArn,
    ) -> impl Future<Output = Result<CreateSyncJobResponse, CallError>> + Send {
        let _ = (job, role);
        async { Err(CallError::Unsupported { operation: "CreateSyncJob" }) }
    }

    /// DeleteSyncJob.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::SyncJobState;
    /// use twinmaker_syncjob::transport::{AsyncTransport, SyncJobId, sim::Simulator};
    ///
    /// let runtime = tokio::runtime::Builder::new_current_thread().build()?;
    /// let mut sim = Simulator::new(7)?;
    /// let job = SyncJobId::parse("plant", "SITEWISE")?;
    /// let role = sim.role();
    /// runtime.block_on(AsyncTransport::create_sync_job(&mut sim, &job, &role))?;
    /// let deleted = runtime.block_on(AsyncTransport::delete_sync_job(&mut sim, &job))?;
    /// assert_eq!(deleted.state, SyncJobState::Deleting);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn delete_sync_job(
        &mut self,
        job: &SyncJobId,
    ) -> impl Future<Output = Result<DeleteSyncJobResponse, CallError>> + Send {
        let _ = job;
        async { Err(CallError::Unsupported { operation: "DeleteSyncJob" }) }
    }

    /// ListSyncJobs: one page.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::transport::{AsyncTransport, SyncJobId, sim::Simulator};
    ///
    /// let runtime = tokio::runtime::Builder::new_current_thread().build()?;
    /// let mut sim = Simulator::new(7)?;
    /// let job = SyncJobId::parse("plant", "SITEWISE")?;
    /// let role = sim.role();
    /// runtime.block_on(AsyncTransport::create_sync_job(&mut sim, &job, &role))?;
    /// let page = runtime.block_on(AsyncTransport::list_sync_jobs(&mut sim, &job.workspace_id, None))?;
    /// assert_eq!(page.sync_job_summaries.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn list_sync_jobs(
        &mut self,
        workspace_id: &WorkspaceId,
        next_token: Option<&str>,
    ) -> impl Future<Output = Result<ListSyncJobsPage, CallError>> + Send {
        let _ = (workspace_id, next_token);
        async { Err(CallError::Unsupported { operation: "ListSyncJobs" }) }
    }
}

/// Time for the blocking driver: what time it is, and how to wait.
///
/// # Example
///
/// ```
/// use std::time::Duration;
/// use twinmaker_syncjob::transport::{Clock, ManualClock};
///
/// let mut clock = ManualClock::new();
/// let t0 = clock.now();
/// clock.sleep_until(t0 + Duration::from_secs(5));
/// assert_eq!(clock.now() - t0, Duration::from_secs(5));
/// ```
pub trait Clock {
    /// The current instant.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::transport::{Clock, SystemClock};
    ///
    /// let clock = SystemClock;
    /// let earlier = clock.now();
    /// assert!(clock.now() >= earlier);
    /// ```
    fn now(&self) -> Instant;
    /// Returns at `deadline` or later.
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::Duration;
    /// use twinmaker_syncjob::transport::{Clock, ManualClock};
    ///
    /// let mut clock = ManualClock::new();
    /// let start = clock.now();
    /// clock.sleep_until(start + Duration::from_secs(30)); // returns at once: the clock is virtual
    /// clock.sleep_until(start); // a deadline already past changes nothing
    /// assert_eq!(clock.now() - start, Duration::from_secs(30));
    /// ```
    fn sleep_until(&mut self, deadline: Instant);
}

/// The real clock: `Instant::now` and `std::thread::sleep`.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::transport::{Clock, SystemClock};
///
/// let mut clock = SystemClock;
/// let t = clock.now();
/// clock.sleep_until(t); // returns at once
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }

    fn sleep_until(&mut self, deadline: Instant) {
        let now = Instant::now();
        if deadline > now {
            std::thread::sleep(deadline - now);
        }
    }
}

/// A virtual clock that jumps instead of sleeping: tests and simulations take no real time.
///
/// # Example
///
/// ```
/// use std::time::Duration;
/// use twinmaker_syncjob::transport::{Clock, ManualClock};
///
/// let mut clock = ManualClock::new();
/// clock.advance(Duration::from_secs(90));
/// assert_eq!(clock.elapsed(), Duration::from_secs(90));
/// ```
#[derive(Clone, Copy, Debug)]
pub struct ManualClock {
    origin: Instant,
    elapsed: Duration,
}

impl ManualClock {
    /// A clock at its origin (an arbitrary instant; only differences matter).
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::Duration;
    /// use twinmaker_syncjob::transport::ManualClock;
    ///
    /// assert_eq!(ManualClock::new().elapsed(), Duration::ZERO);
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self { origin: Instant::now(), elapsed: Duration::ZERO }
    }

    /// Moves the clock forward.
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::Duration;
    /// use twinmaker_syncjob::transport::ManualClock;
    ///
    /// let mut clock = ManualClock::new();
    /// clock.advance(Duration::from_millis(1500));
    /// assert_eq!(clock.elapsed(), Duration::from_millis(1500));
    /// ```
    pub fn advance(&mut self, by: Duration) {
        self.elapsed = self.elapsed.saturating_add(by);
    }

    /// How far the clock has moved from its origin.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::transport::ManualClock;
    ///
    /// assert!(ManualClock::new().elapsed().is_zero());
    /// ```
    #[must_use]
    pub fn elapsed(&self) -> Duration {
        self.elapsed
    }

    /// The clock's origin.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::transport::{Clock, ManualClock};
    ///
    /// let clock = ManualClock::new();
    /// assert_eq!(clock.now(), clock.origin());
    /// ```
    #[must_use]
    pub fn origin(&self) -> Instant {
        self.origin
    }
}

impl Default for ManualClock {
    fn default() -> Self {
        Self::new()
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Instant {
        self.origin.checked_add(self.elapsed).unwrap_or(self.origin)
    }

    fn sleep_until(&mut self, deadline: Instant) {
        let target = deadline.saturating_duration_since(self.origin);
        if target > self.elapsed {
            self.elapsed = target;
        }
    }
}

/// Hands a call's result to the waiter.
fn deliver<J: Jitter>(waiter: &mut Waiter<J>, now: Instant, result: &Result<SyncJobSnapshot, CallError>) {
    match result {
        Ok(snapshot) => waiter.handle_response(now, Ok(snapshot)),
        Err(CallError::Api(error)) => waiter.handle_response(now, Err(error)),
        Err(other) => waiter.handle_transport_error(now, &other.to_string()),
    }
}

/// Waits for `job` over a blocking transport, sleeping with `clock`; `on_event` sees every attempt,
/// observation, retry and the end.
///
/// # Example
///
/// ```
/// use std::time::Duration;
/// use twinmaker_syncjob::transport::{SyncJobId, Transport, sim::Simulator, wait_blocking};
/// use twinmaker_syncjob::waiter::{Event, Goal, SeededJitter, WaiterConfig};
///
/// let mut sim = Simulator::new(42)?;
/// let job = SyncJobId::parse("plant", "SITEWISE")?;
/// let role = sim.role();
/// sim.create_sync_job(&job, &role)?;
/// let mut clock = sim.clock(); // virtual time: the wait takes no real time
/// let config = WaiterConfig::new(Goal::Active, Duration::from_secs(3600))?;
/// let mut attempts = 0;
/// let outcome = wait_blocking(&mut sim, &mut clock, &job, config, SeededJitter::new(1), |event| {
///     if matches!(event, Event::Attempt { .. }) {
///         attempts += 1;
///     }
/// });
/// assert!(outcome.is_success());
/// assert_eq!(outcome.attempts(), attempts);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn wait_blocking<T, C, J>(
    transport: &mut T,
    clock: &mut C,
    job: &SyncJobId,
    config: WaiterConfig,
    jitter: J,
    mut on_event: impl FnMut(&Event),
) -> Outcome
where
    T: Transport + ?Sized,
    C: Clock + ?Sized,
    J: Jitter,
{
    let mut waiter = Waiter::new(config, jitter, clock.now());
    loop {
        while let Some(event) = waiter.poll_event() {
            on_event(&event);
        }
        match waiter.poll_output() {
            Some(Output::GetSyncJob { .. }) => {
                let result = transport.get_sync_job(job);
                deliver(&mut waiter, clock.now(), &result);
            }
            Some(Output::Wait { until }) => {
                clock.sleep_until(until);
                waiter.handle_timeout(clock.now());
            }
            Some(Output::Done(outcome)) => {
                while let Some(event) = waiter.poll_event() {
                    on_event(&event);
                }
                return outcome;
            }
            // The waiter always has an output until it is done; wake it should that ever change.
            None => waiter.handle_timeout(clock.now()),
        }
    }
}

/// Waits for `job` over an async transport. The caller provides the clock (`now`) and the sleep
/// (`sleep_until`, returning a future of its runtime, such as `tokio::time::sleep_until`), so no
/// runtime is forced on anyone.
///
/// # Example
///
/// ```
/// use std::cell::Cell;
/// use std::time::{Duration, Instant};
/// use twinmaker_syncjob::transport::{SyncJobId, replay::Replay, wait_async};
/// use twinmaker_syncjob::waiter::{FixedJitter, Goal, WaiterConfig};
///
/// let trace = r#"{"__type": "ResourceNotFoundException", "message": "gone"}"#;
/// let mut transport = Replay::from_jsonl(trace)?;
/// let job = SyncJobId::parse("plant", "SITEWISE")?;
/// let config = WaiterConfig::new(Goal::Deleted, Duration::from_secs(60))?;
/// // A virtual clock: sleeping moves it.
/// let t0 = Instant::now();
/// let now = Cell::new(t0);
/// let wait = wait_async(&mut transport, &job, config, FixedJitter::MAX, || now.get(), |until| {
///     now.set(until);
///     std::future::ready(())
/// }, |_| {});
/// // Any executor runs it; this one polls once, as nothing here really waits.
/// let outcome = poll_ready(wait);
/// assert!(outcome.is_success());
///
/// fn poll_ready<F: std::future::Future>(f: F) -> F::Output {
///     let mut f = std::pin::pin!(f);
///     let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
///     loop {
///         if let std::task::Poll::Ready(out) = f.as_mut().poll(&mut cx) {
///             return out;
///         }
///     }
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub async fn wait_async<T, J, N, S, F>(
    transport: &mut T,
    job: &SyncJobId,
    config: WaiterConfig,
    jitter: J,
    now: N,
    mut sleep_until: S,
    mut on_event: impl FnMut(&Event),
) -> Outcome
where
    T: AsyncTransport + ?Sized,
    J: Jitter,
    N: Fn() -> Instant,
    S: FnMut(Instant) -> F,
    F: Future<Output = ()>,
{
    let mut waiter = Waiter::new(config, jitter, now());
    loop {
        while let Some(event) = waiter.poll_event() {
            on_event(&event);
        }
        match waiter.poll_output() {
            Some(Output::GetSyncJob { .. }) => {
                let result = transport.get_sync_job(job).await;
                deliver(&mut waiter, now(), &result);
            }
            Some(Output::Wait { until }) => {
                sleep_until(until).await;
                waiter.handle_timeout(now());
            }
            Some(Output::Done(outcome)) => {
                while let Some(event) = waiter.poll_event() {
                    on_event(&event);
                }
                return outcome;
            }
            None => waiter.handle_timeout(now()),
        }
    }
}
