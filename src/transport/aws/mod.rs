//! The official SDK as a transport (feature `aws-sdk`): [`AwsTransport`] drives an
//! `aws_sdk_iottwinmaker::Client`, and conversions join the SDK's types and this crate's in both
//! directions.
//!
//! The feature needs Rust 1.94.1 or newer, the SDK's minimum; the crate without it needs 1.88.
//!
//! # Conversions
//!
//! | the SDK's | this crate's | from the SDK | to the SDK |
//! |---|---|---|---|
//! | `GetSyncJobOutput` | [`SyncJobSnapshot`] | `TryFrom<&_>` | `TryFrom<&_>` |
//! | `ListSyncJobsOutput` | [`ListSyncJobsPage`] | `TryFrom<&_>` | `From<&_>` |
//! | `types::SyncJobSummary` | [`SyncJobSummary`](crate::model::SyncJobSummary) | `TryFrom<&_>` | `From<&_>` |
//! | `types::SyncJobStatus` | [`SyncJobStatus`](crate::model::SyncJobStatus) | `TryFrom<&_>` | `From<&_>` |
//! | `types::ErrorDetails` | [`ErrorDetails`](crate::model::ErrorDetails) | `TryFrom<&_>` | `From<&_>` |
//! | `CreateSyncJobOutput` | [`CreateSyncJobResponse`] | `TryFrom<&_>` | `TryFrom<&_>` |
//! | `DeleteSyncJobOutput` | [`DeleteSyncJobResponse`] | `TryFrom<&_>` | `TryFrom<&_>` |
//! | `types::SyncJobState` | [`Open<SyncJobState>`](Open) | `TryFrom<&_>` | `From<&_>`, `From<SyncJobState>` |
//! | `types::ErrorCode` | [`Open<ErrorCode>`](Open) | `TryFrom<&_>` | `From<&_>`, `From<ErrorCode>` |
//! | `primitives::DateTime` | [`Timestamp`](crate::model::Timestamp) | `TryFrom<_>` | `From<_>` |
//! | `error::SdkError<E>` | [`CallError`] / [`ApiError`] | `From<&_>` / [`api_error`] | - |
//!
//! The conversions to the SDK build its outputs through its builders, whose `build` returns a
//! `Result` for the outputs with required members: hence `TryFrom` there, although a value of
//! this crate always sets them. They serve tests that mock the SDK client with this crate's values.
//!
//! # What is validated
//!
//! - Every string against the service model's constraints (ARN patterns, the workspace id's
//!   pattern and length, the 2048-character error message), as the crate's decoder does; a
//!   failure is a [`ConversionError`] naming the shape and the field's path.
//! - Missing required members. The SDK's deserializer never fails on a missing required member:
//!   it puts an empty string, the epoch or, for an enumeration, `"no value was set"` in its place
//!   (and an empty status for GetSyncJob's `status`, which this crate cannot tell from
//!   `"status": {}`). Those placeholders are rejected as [`ConversionErrorKind::Missing`]; the
//!   only cost is that a real timestamp of exactly 1970-01-01T00:00:00Z would be rejected, and no
//!   sync job dates from then.
//! - Timestamps: the SDK's `DateTime` holds nanoseconds, [`Timestamp`](crate::model::Timestamp)
//!   microseconds. The conversion rounds to the nearest microsecond, a half toward the later
//!   instant, exactly as [`Timestamp::from_offset_date_time`](crate::model::Timestamp::from_offset_date_time);
//!   outside the years 0000 to 9999 it fails with
//!   [`TimestampError::OutOfRange`](crate::model::TimestampError::OutOfRange). The SDK reads the
//!   wire's epoch-seconds numbers with `DateTime::from_secs_f64`, which truncates to the
//!   nanosecond; for every wire value with at most six decimals from the year 1698 to 2242 the
//!   result equals what this crate's own decoder reads (`tests/aws_sdk.rs` checks it). A value
//!   with more decimals may differ by a microsecond, the SDK having truncated before rounding.
//! - Enumerations: values this crate does not know stay [`Open::Unknown`] with the SDK's
//!   `Unknown` string, and go back to the SDK's `Unknown` with the same string.
//!
//! # Errors of calls
//!
//! - A service error with an error code becomes [`CallError::Api`]: the kind from the SDK's
//!   `ProvideErrorMetadata::code()` (which has already cut the `:http://internal.amazon.com/...`
//!   suffix of `x-amzn-errortype` and any `namespace#` prefix), the message (empty when there is
//!   none) and the HTTP status of the raw response.
//! - Everything else becomes [`CallError::Transport`] with the whole error chain in its message:
//!   timeouts, dispatch failures (connection errors, no credentials), construction failures,
//!   unreadable responses, service errors without an error code (an HTML 503 from a proxy).
//! - A response the conversions reject becomes [`CallError::Transport`] whose source is the
//!   [`ConversionError`]; a GetSyncJob answer for another job than the one asked for, too.
//!
//! # Retries happen twice unless you say otherwise
//!
//! The SDK retries by itself (standard mode: 3 attempts, for throttling and server errors) before
//! an error reaches the waiter, which then retries throttling and internal errors at its own pace.
//! Keep both, or give the client `RetryConfig::disabled()` so that the waiter's backoff alone
//! applies. The tests disable the SDK's retries so that each recorded exchange answers one call.
//!
//! # Async only
//!
//! [`AwsTransport`] implements [`AsyncTransport`] and not the blocking
//! [`Transport`](crate::transport::Transport): the SDK runs on an async runtime, and blocking on
//! it from a synchronous call (`Handle::block_on`) panics inside the runtime and hangs on a
//! current-thread runtime that nothing drives. Run [`wait_async`](crate::transport::wait_async)
//! with the runtime's sleep instead; blocking code calls `runtime.block_on(wait_async(..))`.
//!
//! # Example
//!
//! Waiting for a real job (it needs credentials, hence `no_run`; `examples/aws_wait.rs` is the
//! complete program):
//!
//! ```no_run
//! use std::time::{Duration, Instant};
//! use twinmaker_syncjob::transport::aws::AwsTransport;
//! use twinmaker_syncjob::transport::{SyncJobId, wait_async};
//! use twinmaker_syncjob::waiter::{Goal, SeededJitter, WaiterConfig};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let sdk_config = aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await;
//! let mut transport = AwsTransport::new(aws_sdk_iottwinmaker::Client::new(&sdk_config));
//! let job = SyncJobId::parse("plant", "SITEWISE")?;
//! let config = WaiterConfig::new(Goal::Active, Duration::from_secs(1800))?;
//! let outcome = wait_async(
//!     &mut transport,
//!     &job,
//!     config,
//!     SeededJitter::new(42),
//!     Instant::now,
//!     |until| tokio::time::sleep_until(until.into()),
//!     |event| println!("{event:?}"),
//! )
//! .await;
//! println!("{outcome:?}");
//! # Ok(())
//! # }
//! ```

mod convert;

pub use convert::{ConversionError, ConversionErrorKind};

use aws_sdk_iottwinmaker::Client;
use aws_sdk_iottwinmaker::error::{ProvideErrorMetadata, SdkError};

use super::{AsyncTransport, CallError, SyncJobId, TransportError};
use crate::model::{
    ApiError, ApiErrorKind, CreateSyncJobResponse, DeleteSyncJobResponse, ListSyncJobsPage, Open, SyncJobSnapshot,
    SyncRoleArn, WorkspaceId,
};

/// The API error in an SDK error: `Some` for a service error that carries an error code, `None`
/// for every other failure (timeouts, dispatch failures, unreadable responses).
///
/// The kind comes from `ProvideErrorMetadata::code()`, the message from `message()` (empty when
/// absent), the HTTP status from the raw response.
///
/// # Example
///
/// ```
/// use aws_sdk_iottwinmaker::config::http::HttpResponse;
/// use aws_sdk_iottwinmaker::error::{ErrorMetadata, SdkError};
/// use aws_sdk_iottwinmaker::operation::get_sync_job::GetSyncJobError;
/// use aws_sdk_iottwinmaker::types::error::ThrottlingException;
/// use aws_smithy_types::body::SdkBody;
/// use twinmaker_syncjob::model::ApiErrorKind;
/// use twinmaker_syncjob::transport::aws::api_error;
///
/// let meta = ErrorMetadata::builder().code("ThrottlingException").message("Rate exceeded").build();
/// let throttled = ThrottlingException::builder().message("Rate exceeded").meta(meta).build();
/// let raw = HttpResponse::new(429.try_into()?, SdkBody::empty());
/// let err = SdkError::service_error(GetSyncJobError::ThrottlingException(throttled), raw);
///
/// let api = api_error(&err).unwrap();
/// assert_eq!(api.known_kind(), Some(ApiErrorKind::Throttling));
/// assert_eq!(api.message, "Rate exceeded");
/// assert_eq!(api.http_status, Some(429));
///
/// let timeout: SdkError<GetSyncJobError, HttpResponse> = SdkError::timeout_error("too slow");
/// assert!(api_error(&timeout).is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn api_error<E: ProvideErrorMetadata>(error: &SdkError<E>) -> Option<ApiError> {
    let SdkError::ServiceError(service) = error else {
        return None;
    };
    let kind: Open<ApiErrorKind> = Open::parse(error.code()?).ok()?;
    let http_status = Some(service.raw().status().as_u16());
    Some(ApiError { kind, message: error.message().unwrap_or_default().to_owned(), http_status })
}

/// An SDK error as this crate's: [`CallError::Api`] for a service error with an error code (see
/// [`api_error`]), [`CallError::Transport`] for everything else, with the whole error chain in its
/// message.
///
/// # Example
///
/// ```
/// use aws_sdk_iottwinmaker::config::http::HttpResponse;
/// use aws_sdk_iottwinmaker::error::SdkError;
/// use aws_sdk_iottwinmaker::operation::get_sync_job::GetSyncJobError;
/// use twinmaker_syncjob::transport::CallError;
///
/// let timeout: SdkError<GetSyncJobError, HttpResponse> = SdkError::timeout_error("read timed out after 3s");
/// let err = CallError::from(&timeout);
/// assert!(matches!(err, CallError::Transport(_)));
/// assert_eq!(err.to_string(), "transport failure: request has timed out: read timed out after 3s");
/// ```
impl<E> From<&SdkError<E>> for CallError
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
{
    fn from(error: &SdkError<E>) -> Self {
        call_error(None, error)
    }
}

/// Maps an SDK error, naming the operation in transport failures when there is one.
fn call_error<E>(operation: Option<&str>, error: &SdkError<E>) -> CallError
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
{
    if let Some(api) = api_error(error) {
        return CallError::Api(api);
    }
    let mut message = String::new();
    if let Some(operation) = operation {
        message.push_str(operation);
        message.push_str(": ");
    }
    if matches!(error, SdkError::ServiceError(_)) {
        message.push_str("a service error without an error code: ");
    }
    message.push_str(&error_chain(error));
    if let Some(raw) = error.raw_response() {
        message.push_str(&format!(" (HTTP {})", raw.status().as_u16()));
    }
    CallError::Transport(TransportError::new(message))
}

/// An error and its sources, joined with `": "`, skipping a source whose text the previous one
/// already ends with.
fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut out = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !text.is_empty() && !out.ends_with(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        source = cause.source();
    }
    out
}

/// A response the conversions reject.
fn rejected(operation: &str, error: ConversionError) -> CallError {
    CallError::Transport(TransportError::with_source(
        format!("{operation} answered with a response this crate rejects"),
        error,
    ))
}

/// The sync-job operations over the official SDK's client, answering with this crate's validated
/// values (see the [module documentation](self) for the conversions and the error mapping).
///
/// The futures are `Send`, so a wait can run on a multi-threaded runtime or be spawned.
///
/// # Example
///
/// Everything here runs without a network: the SDK's test client replays a recorded exchange
/// through the SDK's real deserializers. Your own tests can do the same.
///
/// ```
/// use aws_sdk_iottwinmaker::config::{BehaviorVersion, Credentials, Region, retry::RetryConfig};
/// use aws_smithy_http_client::test_util::{ReplayEvent, StaticReplayClient};
/// use aws_smithy_types::body::SdkBody;
/// use twinmaker_syncjob::model::SyncJobState;
/// use twinmaker_syncjob::transport::aws::AwsTransport;
/// use twinmaker_syncjob::transport::{AsyncTransport, SyncJobId};
///
/// let http_client = StaticReplayClient::new(vec![ReplayEvent::new(
///     http::Request::builder()
///         .uri("https://api.iottwinmaker.us-east-1.amazonaws.com/sync-jobs/SITEWISE?workspace=plant")
///         .body(SdkBody::empty())?,
///     http::Response::builder().status(200).body(SdkBody::from(
///         r#"{"arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
///             "workspaceId": "plant", "syncSource": "SITEWISE",
///             "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync", "status": {"state": "ACTIVE"},
///             "creationDateTime": 1672531200, "updateDateTime": 1672531260.5}"#,
///     ))?,
/// )]);
/// let config = aws_sdk_iottwinmaker::Config::builder()
///     .behavior_version(BehaviorVersion::latest())
///     .region(Region::new("us-east-1"))
///     .credentials_provider(Credentials::new("AKIDEXAMPLE", "secret", None, None, "example"))
///     .retry_config(RetryConfig::disabled())
///     .http_client(http_client.clone())
///     .build();
/// let mut transport = AwsTransport::new(aws_sdk_iottwinmaker::Client::from_conf(config));
///
/// let job = SyncJobId::parse("plant", "SITEWISE")?;
/// let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
/// let snapshot = runtime.block_on(transport.get_sync_job(&job))?;
/// assert_eq!(snapshot.status.known_state(), Some(SyncJobState::Active));
/// http_client.assert_requests_match(&[]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct AwsTransport {
    client: Client,
}

impl AwsTransport {
    /// A transport over `client`. Its configuration (region, credentials, HTTP client, retries,
    /// timeouts) is used as is.
    ///
    /// # Example
    ///
    /// ```
    /// use aws_sdk_iottwinmaker::config::{BehaviorVersion, Region};
    /// use twinmaker_syncjob::transport::aws::AwsTransport;
    ///
    /// let config = aws_sdk_iottwinmaker::Config::builder()
    ///     .behavior_version(BehaviorVersion::latest())
    ///     .region(Region::new("eu-west-1"))
    ///     .build();
    /// let transport = AwsTransport::new(aws_sdk_iottwinmaker::Client::from_conf(config));
    /// assert_eq!(transport.client().config().region().map(|r| r.as_ref()), Some("eu-west-1"));
    /// ```
    #[must_use]
    pub fn new(client: Client) -> Self {
        Self { client }
    }

    /// The SDK client.
    ///
    /// # Example
    ///
    /// ```
    /// use aws_sdk_iottwinmaker::config::BehaviorVersion;
    /// use twinmaker_syncjob::transport::aws::AwsTransport;
    ///
    /// let config = aws_sdk_iottwinmaker::Config::builder().behavior_version(BehaviorVersion::latest()).build();
    /// let transport = AwsTransport::from(aws_sdk_iottwinmaker::Client::from_conf(config));
    /// assert!(transport.client().config().region().is_none());
    /// ```
    #[must_use]
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The SDK client, giving the transport up.
    ///
    /// # Example
    ///
    /// ```
    /// use aws_sdk_iottwinmaker::config::{BehaviorVersion, Region};
    /// use twinmaker_syncjob::transport::aws::AwsTransport;
    ///
    /// let config = aws_sdk_iottwinmaker::Config::builder()
    ///     .behavior_version(BehaviorVersion::latest())
    ///     .region(Region::new("ap-southeast-2"))
    ///     .build();
    /// let client = AwsTransport::new(aws_sdk_iottwinmaker::Client::from_conf(config)).into_client();
    /// assert_eq!(client.config().region(), Some(&Region::new("ap-southeast-2")));
    /// ```
    #[must_use]
    pub fn into_client(self) -> Client {
        self.client
    }
}

/// The same as [`AwsTransport::new`].
///
/// # Example
///
/// ```
/// use aws_sdk_iottwinmaker::config::BehaviorVersion;
/// use twinmaker_syncjob::transport::aws::AwsTransport;
///
/// let config = aws_sdk_iottwinmaker::Config::builder().behavior_version(BehaviorVersion::latest()).build();
/// let transport: AwsTransport = aws_sdk_iottwinmaker::Client::from_conf(config).into();
/// assert!(transport.client().config().region().is_none());
/// ```
impl From<Client> for AwsTransport {
    fn from(client: Client) -> Self {
        Self::new(client)
    }
}

impl AsyncTransport for AwsTransport {
    async fn get_sync_job(&mut self, job: &SyncJobId) -> Result<SyncJobSnapshot, CallError> {
        const OPERATION: &str = "GetSyncJob";
        let output = self
            .client
            .get_sync_job()
            .workspace_id(job.workspace_id.as_str())
            .sync_source(job.sync_source.as_str())
            .send()
            .await
            .map_err(|err| call_error(Some(OPERATION), &err))?;
        let snapshot = SyncJobSnapshot::try_from(&output).map_err(|err| rejected(OPERATION, err))?;
        if !job.matches(&snapshot) {
            return Err(CallError::Transport(TransportError::new(format!(
                "{OPERATION} for {job} answered for {}/{}",
                snapshot.workspace_id, snapshot.sync_source
            ))));
        }
        Ok(snapshot)
    }

    async fn create_sync_job(
        &mut self,
        job: &SyncJobId,
        role: &SyncRoleArn,
    ) -> Result<CreateSyncJobResponse, CallError> {
        const OPERATION: &str = "CreateSyncJob";
        let output = self
            .client
            .create_sync_job()
            .workspace_id(job.workspace_id.as_str())
            .sync_source(job.sync_source.as_str())
            .sync_role(role.as_str())
            .send()
            .await
            .map_err(|err| call_error(Some(OPERATION), &err))?;
        CreateSyncJobResponse::try_from(&output).map_err(|err| rejected(OPERATION, err))
    }

    async fn delete_sync_job(&mut self, job: &SyncJobId) -> Result<DeleteSyncJobResponse, CallError> {
        const OPERATION: &str = "DeleteSyncJob";
        let output = self
            .client
            .delete_sync_job()
            .workspace_id(job.workspace_id.as_str())
            .sync_source(job.sync_source.as_str())
            .send()
            .await
            .map_err(|err| call_error(Some(OPERATION), &err))?;
        DeleteSyncJobResponse::try_from(&output).map_err(|err| rejected(OPERATION, err))
    }

    async fn list_sync_jobs(
        &mut self,
        workspace_id: &WorkspaceId,
        next_token: Option<&str>,
    ) -> Result<ListSyncJobsPage, CallError> {
        const OPERATION: &str = "ListSyncJobs";
        let output = self
            .client
            .list_sync_jobs()
            .workspace_id(workspace_id.as_str())
            .set_next_token(next_token.map(str::to_owned))
            .send()
            .await
            .map_err(|err| call_error(Some(OPERATION), &err))?;
        ListSyncJobsPage::try_from(&output).map_err(|err| rejected(OPERATION, err))
    }
}
