//! The payload shapes of the sync-job operations.

use std::fmt;

use super::{
    ApiErrorKind, ErrorCode, ErrorMessage, Open, SyncJobArn, SyncJobState, SyncRoleArn, SyncSource, Timestamp,
    WorkspaceId,
};

/// The error details of a sync job (`ErrorDetails`): both parts are optional in the model.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::model::{ErrorCode, ErrorDetails, ErrorMessage, Open};
///
/// let details = ErrorDetails {
///     code: Some(Open::Known(ErrorCode::SyncCreatingError)),
///     message: Some(ErrorMessage::parse("cannot assume the sync role")?),
/// };
/// assert_eq!(details.known_code(), Some(ErrorCode::SyncCreatingError));
/// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ErrorDetails {
    /// `code`: what went wrong, as an open enumeration.
    pub code: Option<Open<ErrorCode>>,
    /// `message`: the service's words, 0 to 2048 characters.
    pub message: Option<ErrorMessage>,
}

impl ErrorDetails {
    /// The code, when present and known to this crate.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::ErrorDetails;
    ///
    /// assert_eq!(ErrorDetails::default().known_code(), None);
    /// ```
    #[must_use]
    pub fn known_code(&self) -> Option<ErrorCode> {
        self.code.as_ref().and_then(Open::known)
    }
}

/// The status of a sync job (`SyncJobStatus`): its state and, in `ERROR` (or a failing delete),
/// the error. Both parts are optional in the model.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::model::{SyncJobState, SyncJobStatus};
///
/// let status = SyncJobStatus::new(SyncJobState::Active);
/// assert_eq!(status.known_state(), Some(SyncJobState::Active));
/// assert!(status.error.is_none());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct SyncJobStatus {
    /// `state`.
    pub state: Option<Open<SyncJobState>>,
    /// `error`.
    pub error: Option<ErrorDetails>,
}

impl SyncJobStatus {
    /// A status in a known state with no error details.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::{SyncJobState, SyncJobStatus};
    ///
    /// assert_eq!(SyncJobStatus::new(SyncJobState::Creating).state.unwrap().as_str(), "CREATING");
    /// ```
    #[must_use]
    pub fn new(state: SyncJobState) -> Self {
        Self { state: Some(Open::Known(state)), error: None }
    }

    /// The state, when present and known to this crate.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::SyncJobStatus;
    ///
    /// assert_eq!(SyncJobStatus::default().known_state(), None);
    /// ```
    #[must_use]
    pub fn known_state(&self) -> Option<SyncJobState> {
        self.state.as_ref().and_then(Open::known)
    }
}

/// A GetSyncJob response: one snapshot of a sync job. Every field is required by the model.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::decode::Decode;
/// use twinmaker_syncjob::model::{SyncJobSnapshot, SyncJobState};
///
/// let job = SyncJobSnapshot::decode(br#"{
///     "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
///     "workspaceId": "plant", "syncSource": "SITEWISE",
///     "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
///     "status": {"state": "ACTIVE"},
///     "creationDateTime": 1672531200, "updateDateTime": 1672531260.5
/// }"#)?;
/// assert_eq!(job.status.known_state(), Some(SyncJobState::Active));
/// assert_eq!(job.workspace_id.as_str(), "plant");
/// # Ok::<(), twinmaker_syncjob::decode::DecodeError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SyncJobSnapshot {
    /// `arn`.
    pub arn: SyncJobArn,
    /// `workspaceId`.
    pub workspace_id: WorkspaceId,
    /// `syncSource`.
    pub sync_source: Open<SyncSource>,
    /// `syncRole`.
    pub sync_role: SyncRoleArn,
    /// `status`.
    pub status: SyncJobStatus,
    /// `creationDateTime`: tells incarnations of the same job apart.
    pub creation_date_time: Timestamp,
    /// `updateDateTime`.
    pub update_date_time: Timestamp,
}

/// One item of a ListSyncJobs response (`SyncJobSummary`). Every field is optional in the model, and
/// there is no `syncRole`.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::decode::Decode;
/// use twinmaker_syncjob::model::SyncJobSummary;
///
/// let summary = SyncJobSummary::decode(br#"{"workspaceId": "plant", "status": {"state": "ERROR"}}"#)?;
/// assert!(summary.arn.is_none());
/// assert_eq!(summary.status.unwrap().state.unwrap().as_str(), "ERROR");
/// # Ok::<(), twinmaker_syncjob::decode::DecodeError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct SyncJobSummary {
    /// `arn`.
    pub arn: Option<SyncJobArn>,
    /// `workspaceId`.
    pub workspace_id: Option<WorkspaceId>,
    /// `syncSource`.
    pub sync_source: Option<Open<SyncSource>>,
    /// `status`.
    pub status: Option<SyncJobStatus>,
    /// `creationDateTime`.
    pub creation_date_time: Option<Timestamp>,
    /// `updateDateTime`.
    pub update_date_time: Option<Timestamp>,
}

/// A ListSyncJobs response: one page of summaries and the token for the next page.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::decode::Decode;
/// use twinmaker_syncjob::model::ListSyncJobsPage;
///
/// let page = ListSyncJobsPage::decode(br#"{"syncJobSummaries": [{"workspaceId": "plant"}], "nextToken": "t2"}"#)?;
/// assert_eq!(page.sync_job_summaries.len(), 1);
/// assert_eq!(page.next_token.as_deref(), Some("t2"));
/// # Ok::<(), twinmaker_syncjob::decode::DecodeError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ListSyncJobsPage {
    /// `syncJobSummaries` (an absent list reads as empty).
    pub sync_job_summaries: Vec<SyncJobSummary>,
    /// `nextToken`: present when there are more pages.
    pub next_token: Option<String>,
}

/// A CreateSyncJob response. Every field is required by the model.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::decode::Decode;
/// use twinmaker_syncjob::model::{CreateSyncJobResponse, SyncJobState};
///
/// let created = CreateSyncJobResponse::decode(br#"{
///     "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
///     "creationDateTime": 1672531200, "state": "CREATING"
/// }"#)?;
/// assert_eq!(created.state, SyncJobState::Creating);
/// # Ok::<(), twinmaker_syncjob::decode::DecodeError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CreateSyncJobResponse {
    /// `arn`.
    pub arn: SyncJobArn,
    /// `creationDateTime`.
    pub creation_date_time: Timestamp,
    /// `state`.
    pub state: Open<SyncJobState>,
}

/// A DeleteSyncJob response. `state` is required; which value the service returns is not
/// documented.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::decode::Decode;
/// use twinmaker_syncjob::model::DeleteSyncJobResponse;
///
/// let deleted = DeleteSyncJobResponse::decode(br#"{"state": "DELETING"}"#)?;
/// assert_eq!(deleted.state.as_str(), "DELETING");
/// # Ok::<(), twinmaker_syncjob::decode::DecodeError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DeleteSyncJobResponse {
    /// `state`.
    pub state: Open<SyncJobState>,
}

/// An error answer of a sync-job operation: the exception, its message, and the HTTP status when
/// it is known.
///
/// Read it with [`crate::decode::decode_api_error`] (a JSON body in any form) or
/// [`crate::decode::decode_http_error`] (an `x-amzn-errortype` header and a body).
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::model::{ApiError, ApiErrorKind, Open};
///
/// let err = ApiError::new(ApiErrorKind::Throttling, "Rate exceeded");
/// assert_eq!(err.http_status, Some(429));
/// assert_eq!(err.to_string(), "ThrottlingException (HTTP 429): Rate exceeded");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ApiError {
    /// The exception's type, without any `namespace#` prefix or `:` suffix.
    pub kind: Open<ApiErrorKind>,
    /// The exception's message (it may be empty).
    pub message: String,
    /// The HTTP status, when the payload carried it or the exception's model fixes it.
    pub http_status: Option<u16>,
}

impl ApiError {
    /// An error of a known kind, with the HTTP status the model gives it.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::{ApiError, ApiErrorKind};
    ///
    /// let err = ApiError::new(ApiErrorKind::ResourceNotFound, "no such job");
    /// assert_eq!(err.known_kind(), Some(ApiErrorKind::ResourceNotFound));
    /// ```
    #[must_use]
    pub fn new(kind: ApiErrorKind, message: impl Into<String>) -> Self {
        Self { kind: Open::Known(kind), message: message.into(), http_status: Some(kind.http_status()) }
    }

    /// The kind, when known to this crate.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::{ApiError, ApiErrorKind};
    ///
    /// assert_eq!(ApiError::new(ApiErrorKind::Validation, "").known_kind(), Some(ApiErrorKind::Validation));
    /// ```
    #[must_use]
    pub fn known_kind(&self) -> Option<ApiErrorKind> {
        self.kind.known()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.kind.as_str())?;
        if let Some(status) = self.http_status {
            write!(f, " (HTTP {status})")?;
        }
        if !self.message.is_empty() {
            write!(f, ": {}", self.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}
