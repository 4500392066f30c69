//! Classification of sync-job error codes and API exceptions.

use std::fmt;

use super::policy::Phase;
use super::table::Evidence;
use crate::model::{ApiError, ApiErrorKind, ErrorCode, ErrorDetails, Open};

/// Whose fault an error is.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::{Fault, classify_error_code};
/// use twinmaker_syncjob::model::ErrorCode;
///
/// assert_eq!(classify_error_code(ErrorCode::InternalFailure).fault, Fault::Service);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fault {
    /// The caller's configuration or request (the sync role, its permissions, the input).
    Customer,
    /// The service.
    Service,
    /// Cannot be told from the code.
    Unknown,
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Customer => "customer",
            Self::Service => "service",
            Self::Unknown => "unknown",
        })
    }
}

/// What an [`ErrorCode`] means for a person: the phase it failed in, whose fault, what to do, and
/// how sure each part is. AWS documents none of the codes, so the phase rests on the code's name and
/// the fault on reasoning. Deleting the job and creating it again is the documented remedy for
/// `ERROR`; a remedy that adds a check or fix inferred from the code's name is marked inferred, and
/// its evidence says which part is documented (generic advice, such as reading the message or
/// contacting AWS Support when a failure recurs, does not change the mark).
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::{Fault, Phase, classify_error_code};
/// use twinmaker_syncjob::model::ErrorCode;
///
/// let c = classify_error_code(ErrorCode::SyncCreatingError);
/// assert_eq!(c.phase, Phase::Creating);
/// assert_eq!(c.fault, Fault::Customer);
/// assert!(c.remedy.contains("delete"));
/// assert!(!c.phase_evidence.is_documented());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ErrorClassification {
    /// The state the job was in when it failed.
    pub phase: Phase,
    /// Why the phase is believed.
    pub phase_evidence: Evidence,
    /// Whose fault it is.
    pub fault: Fault,
    /// Why the fault is believed.
    pub fault_evidence: Evidence,
    /// What a person can do about it.
    pub remedy: &'static str,
    /// Why the remedy is believed.
    pub remedy_evidence: Evidence,
}

const NAMED_PHASE: Evidence = Evidence::Inferred("the code names the state; the model documents no ErrorCode value");
const NO_PHASE: Evidence = Evidence::Inferred("the code names no state; the model documents no ErrorCode value");
const PROCESSING_PHASE: Evidence = Evidence::Inferred(
    "PROCESSING is not a sync job state; the user guide says an ACTIVE job syncs new updates, so processing is \
     taken to fail while ACTIVE; the model documents no ErrorCode value",
);
const RECREATE: Evidence = Evidence::Documented(
    "user guide: the remedy for ERROR is to delete the sync job that had the error and create a new one",
);
const CHECKS_THEN_RECREATE: Evidence = Evidence::Inferred(
    "what to check first is inferred from the code's name; deleting the job and creating a new one is documented \
     (user guide: the remedy for ERROR)",
);
const DELETE_RETRIED: Evidence = Evidence::Inferred(
    "waiting is documented (user guide: if there are errors while deleting, the job remains DELETING and the \
     delete is retried automatically); what to do if the job then shows ERROR is inferred, as DELETING to ERROR \
     is not documented",
);
const ROLE_PROBLEM: Evidence =
    Evidence::Inferred("user guide: ERROR is often an IAM role problem, and CREATING is when permissions are checked");

const fn class(
    phase: Phase,
    fault: Fault,
    fault_evidence: Evidence,
    remedy: &'static str,
    remedy_evidence: Evidence,
) -> ErrorClassification {
    let phase_evidence = if matches!(phase, Phase::Any) { NO_PHASE } else { NAMED_PHASE };
    ErrorClassification { phase, phase_evidence, fault, fault_evidence, remedy, remedy_evidence }
}

/// Classifies a known error code.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::{Phase, classify_error_code};
/// use twinmaker_syncjob::model::ErrorCode;
///
/// assert_eq!(classify_error_code(ErrorCode::SyncProcessingError).phase, Phase::Active);
/// ```
#[must_use]
pub const fn classify_error_code(code: ErrorCode) -> ErrorClassification {
    match code {
        ErrorCode::ValidationError => class(
            Phase::Any,
            Fault::Customer,
            Evidence::Inferred("validation errors concern the caller's input"),
            "Check the sync role ARN, the workspace and the sync source, then delete the job and create it again.",
            CHECKS_THEN_RECREATE,
        ),
        ErrorCode::InternalFailure => class(
            Phase::Any,
            Fault::Service,
            Evidence::Inferred("'internal failure' names a fault of the service"),
            "Delete the job and create it again; if the failure recurs, contact AWS Support with the job's ARN.",
            RECREATE,
        ),
        ErrorCode::SyncCreatingError => class(
            Phase::Creating,
            Fault::Customer,
            ROLE_PROBLEM,
            "Fix the sync role: its trust policy must let IoT TwinMaker assume it, and it needs read access to \
             SiteWise and write access to the workspace. Then delete the job and create it again.",
            CHECKS_THEN_RECREATE,
        ),
        ErrorCode::SyncInitializingError => class(
            Phase::Initializing,
            Fault::Unknown,
            Evidence::Inferred("initialization can fail on the role's permissions or on the SiteWise data"),
            "Check that the sync role can read every SiteWise asset and model and write entities and component \
             types to the workspace, then delete the job and create it again.",
            CHECKS_THEN_RECREATE,
        ),
        ErrorCode::SyncProcessingError => ErrorClassification {
            phase_evidence: PROCESSING_PHASE,
            ..class(
                Phase::Active,
                Fault::Unknown,
                Evidence::Inferred("processing can fail on the role's permissions or on the SiteWise data"),
                "List the job's sync resources (ListSyncResources) for per-resource errors, fix the role or the \
                 SiteWise data, then delete the job and create it again.",
                CHECKS_THEN_RECREATE,
            )
        },
        ErrorCode::SyncDeletingError => class(
            Phase::Deleting,
            Fault::Unknown,
            Evidence::Inferred("a delete can fail on the role's permissions or in the service"),
            "A delete failed. While the job shows DELETING the service retries by itself: wait. Should it show \
             ERROR instead (not documented), check that the sync role may delete the workspace's entities and \
             component types, then \
             delete the job again.",
            DELETE_RETRIED,
        ),
        ErrorCode::ProcessingError => class(
            Phase::Any,
            Fault::Unknown,
            Evidence::Inferred("the code says nothing of the cause"),
            "List the job's sync resources (ListSyncResources) for per-resource errors, then delete the job and \
             create it again.",
            CHECKS_THEN_RECREATE,
        ),
        ErrorCode::CompositeComponentFailure => class(
            Phase::Any,
            Fault::Unknown,
            Evidence::Inferred("composite components come from the SiteWise models being synced"),
            "Check the composite models of the SiteWise asset models being synced, then delete the job and \
             create it again.",
            CHECKS_THEN_RECREATE,
        ),
    }
}

/// Classifies any error code: unknown codes conservatively (phase any, fault unknown).
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::{Fault, Phase, classify_open_error_code};
/// use twinmaker_syncjob::model::{ErrorCode, Open};
///
/// let unknown = classify_open_error_code(&Open::<ErrorCode>::parse("QUOTA_ERROR")?);
/// assert_eq!((unknown.phase, unknown.fault), (Phase::Any, Fault::Unknown));
/// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
/// ```
#[must_use]
pub fn classify_open_error_code(code: &Open<ErrorCode>) -> ErrorClassification {
    match code {
        Open::Known(code) => classify_error_code(*code),
        Open::Unknown(_) => class(
            Phase::Any,
            Fault::Unknown,
            Evidence::Inferred("a code this crate does not know"),
            "An error code this library does not know: read the message, then delete the job and create it again.",
            RECREATE,
        ),
    }
}

/// Classifies a failed job's error details: their code, or conservatively (phase any, fault
/// unknown) when there are no details or no code.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::{Fault, Phase, classify_error_details};
/// use twinmaker_syncjob::model::{ErrorCode, ErrorDetails, Open};
///
/// assert_eq!(classify_error_details(None).fault, Fault::Unknown);
/// let details = ErrorDetails { code: Some(Open::Known(ErrorCode::SyncCreatingError)), message: None };
/// assert_eq!(classify_error_details(Some(&details)).phase, Phase::Creating);
/// ```
#[must_use]
pub fn classify_error_details(details: Option<&ErrorDetails>) -> ErrorClassification {
    match details.and_then(|details| details.code.as_ref()) {
        Some(code) => classify_open_error_code(code),
        None => class(
            Phase::Any,
            Fault::Unknown,
            Evidence::Inferred("no error code was given"),
            "The service gave no error code: read the message if any, then delete the job and create it again.",
            RECREATE,
        ),
    }
}

/// What a caller should do after an API call failed.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::{Disposition, classify_api_error};
/// use twinmaker_syncjob::model::{ApiError, ApiErrorKind};
///
/// let c = classify_api_error(&ApiError::new(ApiErrorKind::Throttling, "slow down"));
/// assert_eq!(c.disposition, Disposition::Retryable);
/// assert!(c.disposition.is_retryable());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Disposition {
    /// Try the call again later (throttling, server faults).
    Retryable,
    /// The job does not exist: not created yet, or deleted.
    NotFound,
    /// The call will not succeed as it is: stop and report.
    Terminal,
}

impl Disposition {
    /// Whether the call may be retried.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Disposition;
    ///
    /// assert!(!Disposition::NotFound.is_retryable());
    /// ```
    #[must_use]
    pub const fn is_retryable(self) -> bool {
        matches!(self, Self::Retryable)
    }
}

impl fmt::Display for Disposition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Retryable => "retryable",
            Self::NotFound => "not found",
            Self::Terminal => "terminal",
        })
    }
}

/// What an API exception means for a caller.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::{Disposition, Fault, classify_api_error_kind};
/// use twinmaker_syncjob::model::ApiErrorKind;
///
/// let c = classify_api_error_kind(ApiErrorKind::AccessDenied);
/// assert_eq!((c.disposition, c.fault), (Disposition::Terminal, Fault::Customer));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ApiErrorClassification {
    /// Retry, not found, or stop.
    pub disposition: Disposition,
    /// Whose fault it is, inferred. For the known exceptions from the HTTP status class (4xx the
    /// caller, 5xx the service; `ResourceNotFoundException` unknown, as someone else may have deleted
    /// the job); an unknown exception is the service's with a 5xx status, unknown otherwise.
    pub fault: Fault,
    /// What a person can do about it.
    pub remedy: &'static str,
    /// Why the disposition is believed.
    pub evidence: Evidence,
}

const fn api(
    disposition: Disposition,
    fault: Fault,
    remedy: &'static str,
    evidence: Evidence,
) -> ApiErrorClassification {
    ApiErrorClassification { disposition, fault, remedy, evidence }
}

/// Classifies a known API exception.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::{Disposition, classify_api_error_kind};
/// use twinmaker_syncjob::model::ApiErrorKind;
///
/// assert_eq!(classify_api_error_kind(ApiErrorKind::ResourceNotFound).disposition, Disposition::NotFound);
/// ```
#[must_use]
pub const fn classify_api_error_kind(kind: ApiErrorKind) -> ApiErrorClassification {
    match kind {
        ApiErrorKind::Throttling => api(
            Disposition::Retryable,
            Fault::Customer,
            "Slow down: retry with backoff.",
            Evidence::Documented(
                "botocore's standard retry mode and the Rust SDK's retry classifier treat ThrottlingException as \
                 throttling (the model has no retryable trait)",
            ),
        ),
        ApiErrorKind::InternalServer => api(
            Disposition::Retryable,
            Fault::Service,
            "A server fault: retry with backoff.",
            Evidence::Documented("HTTP 500; the SDKs' standard retry retries 5xx"),
        ),
        ApiErrorKind::ResourceNotFound => api(
            Disposition::NotFound,
            Fault::Unknown,
            "The job does not exist: it was never created in this workspace, or it was deleted.",
            Evidence::Documented("user guide: a deleted job answers GetSyncJob with ResourceNotFoundException"),
        ),
        ApiErrorKind::AccessDenied => api(
            Disposition::Terminal,
            Fault::Customer,
            "Grant the caller's IAM identity the iottwinmaker action it called.",
            Evidence::Inferred("HTTP 403: retrying the same call with the same identity cannot succeed"),
        ),
        ApiErrorKind::Validation => api(
            Disposition::Terminal,
            Fault::Customer,
            "Fix the request: see the message for the field at fault.",
            Evidence::Inferred("HTTP 400: the same request fails the same way"),
        ),
        ApiErrorKind::ServiceQuotaExceeded => api(
            Disposition::Terminal,
            Fault::Customer,
            "A service quota is exhausted: delete unused resources or request a quota increase.",
            Evidence::Inferred("HTTP 402: retrying does not raise the quota"),
        ),
        ApiErrorKind::Conflict => api(
            Disposition::Terminal,
            Fault::Customer,
            "Most likely a sync job for this workspace and source already exists: get it, or delete it first.",
            Evidence::Inferred(
                "HTTP 409, declared by CreateSyncJob only; the model does not say what conflicts, and an existing \
                 job for the same workspace and source is the likely cause",
            ),
        ),
    }
}

/// Classifies an API error, including kinds this crate does not know: those are retryable when
/// the HTTP status is 5xx, terminal otherwise.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::{Disposition, classify_api_error};
/// use twinmaker_syncjob::model::{ApiError, ApiErrorKind, Open};
///
/// let unknown = ApiError { kind: Open::parse("ServiceUnavailableException")?, message: String::new(), http_status: Some(503) };
/// assert_eq!(classify_api_error(&unknown).disposition, Disposition::Retryable);
/// let unknown_4xx = ApiError { http_status: Some(418), ..unknown };
/// assert_eq!(classify_api_error(&unknown_4xx).disposition, Disposition::Terminal);
/// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
/// ```
#[must_use]
pub fn classify_api_error(error: &ApiError) -> ApiErrorClassification {
    match error.kind {
        Open::Known(kind) => classify_api_error_kind(kind),
        Open::Unknown(_) => match error.http_status {
            Some(500..=599) => api(
                Disposition::Retryable,
                Fault::Service,
                "An unknown server fault: retry with backoff.",
                Evidence::Documented("the SDKs' standard retry retries 5xx"),
            ),
            _ => api(
                Disposition::Terminal,
                Fault::Unknown,
                "An exception this library does not know: read its message.",
                Evidence::Inferred("not known to be retryable, so stop rather than retry blindly"),
            ),
        },
    }
}
