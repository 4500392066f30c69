//! Conversions between the SDK's types and this crate's, in both directions.
//!
//! From the SDK: `TryFrom`, validating every field against the service model and rejecting the
//! placeholders the SDK puts in place of missing required fields. To the SDK: `From` where the
//! SDK's type can always be built, `TryFrom` where its builder returns a `Result`.

use aws_sdk_iottwinmaker::error::BuildError;
use aws_sdk_iottwinmaker::operation::create_sync_job::CreateSyncJobOutput;
use aws_sdk_iottwinmaker::operation::delete_sync_job::DeleteSyncJobOutput;
use aws_sdk_iottwinmaker::operation::get_sync_job::GetSyncJobOutput;
use aws_sdk_iottwinmaker::operation::list_sync_jobs::ListSyncJobsOutput;
use aws_sdk_iottwinmaker::primitives::DateTime;
use aws_sdk_iottwinmaker::types as sdk;

use crate::model::{
    ConstraintError, CreateSyncJobResponse, DeleteSyncJobResponse, ErrorCode, ErrorDetails, ErrorMessage,
    ListSyncJobsPage, Open, SyncJobArn, SyncJobSnapshot, SyncJobState, SyncJobStatus, SyncJobSummary, SyncRoleArn,
    Timestamp, TimestampError, WorkspaceId,
};

/// The string the SDK's deserializer puts in a required enumeration it did not receive (it parses
/// `"no value was set"` into the enumeration's `Unknown` variant).
const SDK_MISSING_ENUM: &str = "no value was set";

/// An SDK value this crate rejects: the shape, the field (a path such as
/// `syncJobSummaries[2].status.error.message`) and why.
///
/// # Example
///
/// ```
/// use aws_sdk_iottwinmaker::operation::create_sync_job::CreateSyncJobOutput;
/// use aws_sdk_iottwinmaker::primitives::DateTime;
/// use aws_sdk_iottwinmaker::types::SyncJobState;
/// use twinmaker_syncjob::model::CreateSyncJobResponse;
/// use twinmaker_syncjob::transport::aws::{ConversionErrorKind, ConversionError};
///
/// // What the SDK makes of `{"creationDateTime": 1672531200, "state": "CREATING"}`: it fills the
/// // missing `arn` with an empty string.
/// let output = CreateSyncJobOutput::builder()
///     .arn("")
///     .creation_date_time(DateTime::from_secs(1_672_531_200))
///     .state(SyncJobState::Creating)
///     .build()?;
/// let err: ConversionError = CreateSyncJobResponse::try_from(&output).unwrap_err();
/// assert_eq!(err.shape(), "CreateSyncJobOutput");
/// assert_eq!(err.field(), "arn");
/// assert!(matches!(err.kind(), ConversionErrorKind::Missing { .. }));
/// assert_eq!(
///     err.to_string(),
///     "CreateSyncJobOutput.arn: missing (the SDK fills an absent required field with an empty string)"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, thiserror::Error)]
#[error("{shape}.{field}: {kind}")]
pub struct ConversionError {
    shape: &'static str,
    field: String,
    #[source]
    kind: ConversionErrorKind,
}

impl ConversionError {
    fn new(shape: &'static str, field: impl Into<String>, kind: impl Into<ConversionErrorKind>) -> Self {
        Self { shape, field: field.into(), kind: kind.into() }
    }

    /// The same error seen from an enclosing shape, with `prefix` in front of the field.
    fn within(self, shape: &'static str, prefix: &str) -> Self {
        Self { shape, field: format!("{prefix}.{}", self.field), kind: self.kind }
    }

    /// The SDK shape being converted (`GetSyncJobOutput`, `SyncJobSummary`, ...).
    ///
    /// # Example
    ///
    /// ```
    /// use aws_sdk_iottwinmaker::types::{ErrorDetails, SyncJobStatus};
    /// use twinmaker_syncjob::model;
    ///
    /// let too_long = "x".repeat(2049);
    /// let status = SyncJobStatus::builder().error(ErrorDetails::builder().message(too_long).build()).build();
    /// let err = model::SyncJobStatus::try_from(&status).unwrap_err();
    /// assert_eq!(err.shape(), "SyncJobStatus");
    /// assert_eq!(err.field(), "error.message");
    /// ```
    #[must_use]
    pub fn shape(&self) -> &'static str {
        self.shape
    }

    /// The field, as a path of the service model's member names from the shape.
    ///
    /// # Example
    ///
    /// ```
    /// use aws_sdk_iottwinmaker::operation::list_sync_jobs::ListSyncJobsOutput;
    /// use aws_sdk_iottwinmaker::types::SyncJobSummary;
    /// use twinmaker_syncjob::model::ListSyncJobsPage;
    ///
    /// let output = ListSyncJobsOutput::builder()
    ///     .sync_job_summaries(SyncJobSummary::builder().workspace_id("plant").build())
    ///     .sync_job_summaries(SyncJobSummary::builder().workspace_id("-bad").build())
    ///     .build();
    /// let err = ListSyncJobsPage::try_from(&output).unwrap_err();
    /// assert_eq!(err.field(), "syncJobSummaries[1].workspaceId");
    /// ```
    #[must_use]
    pub fn field(&self) -> &str {
        &self.field
    }

    /// Why the value was rejected.
    ///
    /// # Example
    ///
    /// ```
    /// use aws_sdk_iottwinmaker::types::SyncJobSummary;
    /// use twinmaker_syncjob::model::{self, ConstraintError};
    /// use twinmaker_syncjob::transport::aws::ConversionErrorKind;
    ///
    /// let summary = SyncJobSummary::builder().arn("arn:aws:iam::123456789012:role/not-a-job").build();
    /// let err = model::SyncJobSummary::try_from(&summary).unwrap_err();
    /// assert!(matches!(err.kind(), ConversionErrorKind::Constraint(ConstraintError::Pattern { field: "arn", .. })));
    /// ```
    #[must_use]
    pub fn kind(&self) -> &ConversionErrorKind {
        &self.kind
    }
}

/// Why an SDK value was rejected; part of [`ConversionError`].
///
/// # Example
///
/// ```
/// use aws_sdk_iottwinmaker::types::SyncJobSummary;
/// use aws_sdk_iottwinmaker::primitives::DateTime;
/// use twinmaker_syncjob::model::{self, TimestampError};
/// use twinmaker_syncjob::transport::aws::ConversionErrorKind;
///
/// // Year 10000: beyond what the crate's timestamps hold.
/// let summary = SyncJobSummary::builder().update_date_time(DateTime::from_secs(253_402_300_800)).build();
/// let err = model::SyncJobSummary::try_from(&summary).unwrap_err();
/// assert_eq!(err.field(), "updateDateTime");
/// assert!(matches!(err.kind(), ConversionErrorKind::Timestamp(TimestampError::OutOfRange { .. })));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConversionErrorKind {
    /// A required field was absent from the response: the SDK's deserializer put a placeholder
    /// in its place (an empty string, the epoch, or the enumeration value `"no value was set"`).
    #[error("missing (the SDK fills an absent required field with {placeholder})")]
    Missing {
        /// The placeholder the SDK used.
        placeholder: &'static str,
    },
    /// The value breaks a constraint of the service model.
    #[error(transparent)]
    Constraint(#[from] ConstraintError),
    /// The timestamp is outside the years this crate represents.
    #[error(transparent)]
    Timestamp(#[from] TimestampError),
    /// The SDK's builder refused the value (converting to the SDK).
    #[error("the SDK's builder refused it: {0}")]
    Build(#[from] BuildError),
}

// ---------------------------------------------------------------------------------------------
// Timestamps
// ---------------------------------------------------------------------------------------------

/// Nanoseconds per microsecond.
const NANOS_PER_MICRO: i128 = 1_000;
/// Microseconds per second.
const MICROS_PER_SECOND: i64 = 1_000_000;

/// An SDK `DateTime` as a [`Timestamp`], rounded to the nearest microsecond with a half rounding
/// toward the later instant, exactly as [`Timestamp::from_offset_date_time`] rounds.
///
/// # Errors
///
/// [`TimestampError::OutOfRange`] outside the years 0000 to 9999 (after rounding).
///
/// # Example
///
/// ```
/// use aws_sdk_iottwinmaker::primitives::DateTime;
/// use twinmaker_syncjob::model::Timestamp;
///
/// let t = Timestamp::try_from(DateTime::from_secs_and_nanos(1_672_531_200, 123_456_500))?;
/// assert_eq!(t.unix_micros(), 1_672_531_200_123_457);
/// assert!(Timestamp::try_from(DateTime::from_secs(i64::MAX)).is_err());
/// # Ok::<(), twinmaker_syncjob::model::TimestampError>(())
/// ```
impl TryFrom<DateTime> for Timestamp {
    type Error = TimestampError;

    fn try_from(value: DateTime) -> Result<Self, Self::Error> {
        let nanos = value.as_nanos();
        // `as_nanos` is at most about 9.2e27 in magnitude: far from i128's limits.
        let micros = (nanos + NANOS_PER_MICRO / 2).div_euclid(NANOS_PER_MICRO);
        #[allow(clippy::cast_precision_loss, reason = "only describes the rejected value")]
        let out_of_range = || TimestampError::OutOfRange { seconds: nanos as f64 / 1e9 };
        let micros = i64::try_from(micros).map_err(|_| out_of_range())?;
        Self::from_unix_micros(micros).map_err(|_| out_of_range())
    }
}

/// A [`Timestamp`] as an SDK `DateTime`: exact, as every timestamp fits.
///
/// # Example
///
/// ```
/// use aws_sdk_iottwinmaker::primitives::DateTime;
/// use twinmaker_syncjob::model::Timestamp;
///
/// let t = Timestamp::from_unix_micros(-1_500_000)?;
/// let d = DateTime::from(t);
/// assert_eq!((d.secs(), d.subsec_nanos()), (-2, 500_000_000));
/// assert_eq!(Timestamp::try_from(d)?, t);
/// # Ok::<(), twinmaker_syncjob::model::TimestampError>(())
/// ```
impl From<Timestamp> for DateTime {
    fn from(value: Timestamp) -> Self {
        let micros = value.unix_micros();
        let seconds = micros.div_euclid(MICROS_PER_SECOND);
        // In 0..=999_999_000, so below one second's nanoseconds as `from_secs_and_nanos` requires.
        let nanos = micros.rem_euclid(MICROS_PER_SECOND) * 1_000;
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "in 0..1e9")]
        DateTime::from_secs_and_nanos(seconds, nanos as u32)
    }
}

// ---------------------------------------------------------------------------------------------
// Enumerations
// ---------------------------------------------------------------------------------------------

/// The SDK's state as an [`Open`] value: a known state, or the SDK's `Unknown` string kept as is.
///
/// # Errors
///
/// None in practice: an unknown `SyncJobState` has no constraint to break. The `Result` comes from
/// [`Open::parse`].
///
/// # Example
///
/// ```
/// use aws_sdk_iottwinmaker::types::SyncJobState as SdkState;
/// use twinmaker_syncjob::model::{Open, SyncJobState};
///
/// assert_eq!(Open::try_from(&SdkState::Initializing)?, Open::Known(SyncJobState::Initializing));
/// let paused = Open::<SyncJobState>::try_from(&SdkState::from("PAUSED"))?;
/// assert_eq!(paused.as_str(), "PAUSED");
/// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
/// ```
impl TryFrom<&sdk::SyncJobState> for Open<SyncJobState> {
    type Error = ConstraintError;

    fn try_from(value: &sdk::SyncJobState) -> Result<Self, Self::Error> {
        Self::parse(value.as_str())
    }
}

/// The SDK's error code as an [`Open`] value: a known code, or the SDK's `Unknown` string kept
/// as is.
///
/// # Errors
///
/// None in practice: an unknown `ErrorCode` has no constraint to break. The `Result` comes from
/// [`Open::parse`].
///
/// # Example
///
/// ```
/// use aws_sdk_iottwinmaker::types::ErrorCode as SdkCode;
/// use twinmaker_syncjob::model::{ErrorCode, Open};
///
/// assert_eq!(Open::try_from(&SdkCode::SyncCreatingError)?, Open::Known(ErrorCode::SyncCreatingError));
/// assert_eq!(Open::<ErrorCode>::try_from(&SdkCode::from("SYNC_NEW_ERROR"))?.as_str(), "SYNC_NEW_ERROR");
/// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
/// ```
impl TryFrom<&sdk::ErrorCode> for Open<ErrorCode> {
    type Error = ConstraintError;

    fn try_from(value: &sdk::ErrorCode) -> Result<Self, Self::Error> {
        Self::parse(value.as_str())
    }
}

/// A known state as the SDK's.
///
/// # Example
///
/// ```
/// use aws_sdk_iottwinmaker::types::SyncJobState as SdkState;
/// use twinmaker_syncjob::model::SyncJobState;
///
/// assert_eq!(SdkState::from(SyncJobState::Deleting), SdkState::Deleting);
/// ```
impl From<SyncJobState> for sdk::SyncJobState {
    fn from(value: SyncJobState) -> Self {
        Self::from(crate::model::WireEnum::as_str(value))
    }
}

/// An [`Open`] state as the SDK's; an unknown one becomes the SDK's `Unknown` with the same string.
///
/// # Example
///
/// ```
/// use aws_sdk_iottwinmaker::types::SyncJobState as SdkState;
/// use twinmaker_syncjob::model::{Open, SyncJobState};
///
/// let paused: Open<SyncJobState> = Open::parse("PAUSED")?;
/// assert_eq!(SdkState::from(&paused).as_str(), "PAUSED");
/// assert_eq!(SdkState::from(&Open::Known(SyncJobState::Active)), SdkState::Active);
/// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
/// ```
impl From<&Open<SyncJobState>> for sdk::SyncJobState {
    fn from(value: &Open<SyncJobState>) -> Self {
        Self::from(value.as_str())
    }
}

/// A known error code as the SDK's.
///
/// # Example
///
/// ```
/// use aws_sdk_iottwinmaker::types::ErrorCode as SdkCode;
/// use twinmaker_syncjob::model::ErrorCode;
///
/// assert_eq!(SdkCode::from(ErrorCode::CompositeComponentFailure), SdkCode::CompositeComponentFailure);
/// ```
impl From<ErrorCode> for sdk::ErrorCode {
    fn from(value: ErrorCode) -> Self {
        Self::from(crate::model::WireEnum::as_str(value))
    }
}

/// An [`Open`] error code as the SDK's; an unknown one becomes the SDK's `Unknown` with the same
/// string.
///
/// # Example
///
/// ```
/// use aws_sdk_iottwinmaker::types::ErrorCode as SdkCode;
/// use twinmaker_syncjob::model::{ErrorCode, Open};
///
/// let new_code: Open<ErrorCode> = Open::parse("SYNC_NEW_ERROR")?;
/// assert_eq!(SdkCode::from(&new_code).as_str(), "SYNC_NEW_ERROR");
/// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
/// ```
impl From<&Open<ErrorCode>> for sdk::ErrorCode {
    fn from(value: &Open<ErrorCode>) -> Self {
        Self::from(value.as_str())
    }
}

// ---------------------------------------------------------------------------------------------
// Field helpers
// ---------------------------------------------------------------------------------------------

/// A required string field: the SDK's empty-string placeholder is a missing field.
fn required_str<T>(
    shape: &'static str,
    field: &'static str,
    value: &str,
    parse: impl FnOnce(&str) -> Result<T, ConstraintError>,
) -> Result<T, ConversionError> {
    if value.is_empty() {
        return Err(ConversionError::new(
            shape,
            field,
            ConversionErrorKind::Missing { placeholder: "an empty string" },
        ));
    }
    parse(value).map_err(|err| ConversionError::new(shape, field, err))
}

/// An optional string field: present values must satisfy the model.
fn optional_str<T>(
    shape: &'static str,
    field: &'static str,
    value: Option<&str>,
    parse: impl FnOnce(&str) -> Result<T, ConstraintError>,
) -> Result<Option<T>, ConversionError> {
    value.map(parse).transpose().map_err(|err| ConversionError::new(shape, field, err))
}

/// A required timestamp: the SDK's epoch placeholder is a missing field (no sync job was created
/// in 1970).
fn required_time(shape: &'static str, field: &'static str, value: DateTime) -> Result<Timestamp, ConversionError> {
    if value == DateTime::from_secs(0) {
        return Err(ConversionError::new(
            shape,
            field,
            ConversionErrorKind::Missing { placeholder: "the epoch (1970-01-01T00:00:00Z)" },
        ));
    }
    Timestamp::try_from(value).map_err(|err| ConversionError::new(shape, field, err))
}

fn optional_time(
    shape: &'static str,
    field: &'static str,
    value: Option<&DateTime>,
) -> Result<Option<Timestamp>, ConversionError> {
    value.map(|t| Timestamp::try_from(*t)).transpose().map_err(|err| ConversionError::new(shape, field, err))
}

/// A required state: the SDK's `"no value was set"` placeholder is a missing field.
fn required_state(
    shape: &'static str,
    field: &'static str,
    value: &sdk::SyncJobState,
) -> Result<Open<SyncJobState>, ConversionError> {
    if value.as_str() == SDK_MISSING_ENUM {
        return Err(ConversionError::new(
            shape,
            field,
            ConversionErrorKind::Missing { placeholder: "the state \"no value was set\"" },
        ));
    }
    Open::try_from(value).map_err(|err| ConversionError::new(shape, field, err))
}

fn status_within(
    shape: &'static str,
    prefix: &str,
    value: Option<&sdk::SyncJobStatus>,
) -> Result<Option<SyncJobStatus>, ConversionError> {
    value.map(SyncJobStatus::try_from).transpose().map_err(|err| err.within(shape, prefix))
}

// ---------------------------------------------------------------------------------------------
// Shapes, from the SDK
// ---------------------------------------------------------------------------------------------

/// The SDK's error details, validated: the message must be at most 2048 characters.
///
/// # Errors
///
/// A [`ConversionError`] naming the field that breaks the model.
///
/// # Example
///
/// ```
/// use aws_sdk_iottwinmaker::types::{ErrorCode as SdkCode, ErrorDetails as SdkDetails};
/// use twinmaker_syncjob::model::{ErrorCode, ErrorDetails};
///
/// let sdk = SdkDetails::builder().code(SdkCode::SyncCreatingError).message("cannot assume role").build();
/// let details = ErrorDetails::try_from(&sdk)?;
/// assert_eq!(details.known_code(), Some(ErrorCode::SyncCreatingError));
/// assert_eq!(details.message.unwrap().as_str(), "cannot assume role");
/// # Ok::<(), twinmaker_syncjob::transport::aws::ConversionError>(())
/// ```
impl TryFrom<&sdk::ErrorDetails> for ErrorDetails {
    type Error = ConversionError;

    fn try_from(value: &sdk::ErrorDetails) -> Result<Self, Self::Error> {
        const SHAPE: &str = "ErrorDetails";
        Ok(Self {
            code: value
                .code()
                .map(Open::try_from)
                .transpose()
                .map_err(|err| ConversionError::new(SHAPE, "code", err))?,
            message: optional_str(SHAPE, "message", value.message(), ErrorMessage::parse)?,
        })
    }
}

/// The SDK's status, validated; both parts stay optional, as in the model.
///
/// # Errors
///
/// A [`ConversionError`] naming the field that breaks the model.
///
/// # Example
///
/// ```
/// use aws_sdk_iottwinmaker::types::{SyncJobState as SdkState, SyncJobStatus as SdkStatus};
/// use twinmaker_syncjob::model::{SyncJobState, SyncJobStatus};
///
/// let status = SyncJobStatus::try_from(&SdkStatus::builder().state(SdkState::Active).build())?;
/// assert_eq!(status, SyncJobStatus::new(SyncJobState::Active));
/// # Ok::<(), twinmaker_syncjob::transport::aws::ConversionError>(())
/// ```
impl TryFrom<&sdk::SyncJobStatus> for SyncJobStatus {
    type Error = ConversionError;

    fn try_from(value: &sdk::SyncJobStatus) -> Result<Self, Self::Error> {
        const SHAPE: &str = "SyncJobStatus";
        Ok(Self {
            state: value
                .state()
                .map(Open::try_from)
                .transpose()
                .map_err(|err| ConversionError::new(SHAPE, "state", err))?,
            error: value.error().map(ErrorDetails::try_from).transpose().map_err(|err| err.within(SHAPE, "error"))?,
        })
    }
}

/// A GetSyncJob output, validated field by field. Every field is required by the model; the SDK
/// fills a missing one with an empty string or the epoch (and a missing `status` with an empty
/// one), and this conversion rejects those placeholders as [`ConversionErrorKind::Missing`].
///
/// # Errors
///
/// A [`ConversionError`] naming the missing or invalid field.
///
/// # Example
///
/// ```
/// use aws_sdk_iottwinmaker::operation::get_sync_job::GetSyncJobOutput;
/// use aws_sdk_iottwinmaker::primitives::DateTime;
/// use aws_sdk_iottwinmaker::types::{SyncJobState as SdkState, SyncJobStatus as SdkStatus};
/// use twinmaker_syncjob::model::{SyncJobSnapshot, SyncJobState};
///
/// let output = GetSyncJobOutput::builder()
///     .arn("arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE")
///     .workspace_id("plant")
///     .sync_source("SITEWISE")
///     .sync_role("arn:aws:iam::123456789012:role/TwinMakerSync")
///     .status(SdkStatus::builder().state(SdkState::from("PAUSED")).build())
///     .creation_date_time(DateTime::from_secs(1_672_531_200))
///     .update_date_time(DateTime::from_secs_f64(1_672_531_260.25))
///     .build()?;
/// let snapshot = SyncJobSnapshot::try_from(&output)?;
/// assert_eq!(snapshot.status.state.as_ref().map(|s| s.as_str()), Some("PAUSED"));
/// assert_eq!(snapshot.update_date_time.to_string(), "2023-01-01T00:01:00.25Z");
///
/// // Back to the SDK, unknown state included.
/// assert_eq!(GetSyncJobOutput::try_from(&snapshot)?, output);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl TryFrom<&GetSyncJobOutput> for SyncJobSnapshot {
    type Error = ConversionError;

    fn try_from(value: &GetSyncJobOutput) -> Result<Self, Self::Error> {
        const SHAPE: &str = "GetSyncJobOutput";
        Ok(Self {
            arn: required_str(SHAPE, "arn", value.arn(), SyncJobArn::parse)?,
            workspace_id: required_str(SHAPE, "workspaceId", value.workspace_id(), WorkspaceId::parse)?,
            sync_source: required_str(SHAPE, "syncSource", value.sync_source(), Open::parse)?,
            sync_role: required_str(SHAPE, "syncRole", value.sync_role(), SyncRoleArn::parse)?,
            status: status_within(SHAPE, "status", value.status())?.unwrap_or_default(),
            creation_date_time: required_time(SHAPE, "creationDateTime", *value.creation_date_time())?,
            update_date_time: required_time(SHAPE, "updateDateTime", *value.update_date_time())?,
        })
    }
}

/// A ListSyncJobs item, validated; every field stays optional, as in the model.
///
/// # Errors
///
/// A [`ConversionError`] naming the invalid field.
///
/// # Example
///
/// ```
/// use aws_sdk_iottwinmaker::types::SyncJobSummary as SdkSummary;
/// use twinmaker_syncjob::model::SyncJobSummary;
///
/// let sdk = SdkSummary::builder().workspace_id("plant").sync_source("SITEWISE").build();
/// let summary = SyncJobSummary::try_from(&sdk)?;
/// assert_eq!(summary.workspace_id.unwrap().as_str(), "plant");
/// assert!(summary.arn.is_none());
/// # Ok::<(), twinmaker_syncjob::transport::aws::ConversionError>(())
/// ```
impl TryFrom<&sdk::SyncJobSummary> for SyncJobSummary {
    type Error = ConversionError;

    fn try_from(value: &sdk::SyncJobSummary) -> Result<Self, Self::Error> {
        const SHAPE: &str = "SyncJobSummary";
        Ok(Self {
            arn: optional_str(SHAPE, "arn", value.arn(), SyncJobArn::parse)?,
            workspace_id: optional_str(SHAPE, "workspaceId", value.workspace_id(), WorkspaceId::parse)?,
            sync_source: optional_str(SHAPE, "syncSource", value.sync_source(), Open::parse)?,
            status: status_within(SHAPE, "status", value.status())?,
            creation_date_time: optional_time(SHAPE, "creationDateTime", value.creation_date_time())?,
            update_date_time: optional_time(SHAPE, "updateDateTime", value.update_date_time())?,
        })
    }
}

/// A ListSyncJobs output, validated item by item (an absent list reads as empty).
///
/// # Errors
///
/// A [`ConversionError`] naming the item and field, such as `syncJobSummaries[3].arn`.
///
/// # Example
///
/// ```
/// use aws_sdk_iottwinmaker::operation::list_sync_jobs::ListSyncJobsOutput;
/// use aws_sdk_iottwinmaker::types::SyncJobSummary as SdkSummary;
/// use twinmaker_syncjob::model::ListSyncJobsPage;
///
/// let output = ListSyncJobsOutput::builder()
///     .sync_job_summaries(SdkSummary::builder().workspace_id("plant").build())
///     .next_token("t2")
///     .build();
/// let page = ListSyncJobsPage::try_from(&output)?;
/// assert_eq!(page.sync_job_summaries.len(), 1);
/// assert_eq!(page.next_token.as_deref(), Some("t2"));
/// assert_eq!(ListSyncJobsOutput::from(&page), output);
/// # Ok::<(), twinmaker_syncjob::transport::aws::ConversionError>(())
/// ```
impl TryFrom<&ListSyncJobsOutput> for ListSyncJobsPage {
    type Error = ConversionError;

    fn try_from(value: &ListSyncJobsOutput) -> Result<Self, Self::Error> {
        const SHAPE: &str = "ListSyncJobsOutput";
        let sync_job_summaries = value
            .sync_job_summaries()
            .iter()
            .enumerate()
            .map(|(index, summary)| {
                SyncJobSummary::try_from(summary)
                    .map_err(|err| err.within(SHAPE, &format!("syncJobSummaries[{index}]")))
            })
            .collect::<Result<_, _>>()?;
        Ok(Self { sync_job_summaries, next_token: value.next_token().map(str::to_owned) })
    }
}

/// A CreateSyncJob output, validated; the SDK's placeholders for a missing `arn`,
/// `creationDateTime` or `state` are rejected.
///
/// # Errors
///
/// A [`ConversionError`] naming the missing or invalid field.
///
/// # Example
///
/// ```
/// use aws_sdk_iottwinmaker::operation::create_sync_job::CreateSyncJobOutput;
/// use aws_sdk_iottwinmaker::primitives::DateTime;
/// use aws_sdk_iottwinmaker::types::SyncJobState as SdkState;
/// use twinmaker_syncjob::model::{CreateSyncJobResponse, SyncJobState};
///
/// let output = CreateSyncJobOutput::builder()
///     .arn("arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE")
///     .creation_date_time(DateTime::from_secs(1_672_531_200))
///     .state(SdkState::Creating)
///     .build()?;
/// let created = CreateSyncJobResponse::try_from(&output)?;
/// assert_eq!(created.state, SyncJobState::Creating);
/// assert_eq!(CreateSyncJobOutput::try_from(&created)?, output);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl TryFrom<&CreateSyncJobOutput> for CreateSyncJobResponse {
    type Error = ConversionError;

    fn try_from(value: &CreateSyncJobOutput) -> Result<Self, Self::Error> {
        const SHAPE: &str = "CreateSyncJobOutput";
        Ok(Self {
            arn: required_str(SHAPE, "arn", value.arn(), SyncJobArn::parse)?,
            creation_date_time: required_time(SHAPE, "creationDateTime", *value.creation_date_time())?,
            state: required_state(SHAPE, "state", value.state())?,
        })
    }
}

/// A DeleteSyncJob output, validated; the SDK's placeholder for a missing `state` is rejected.
///
/// # Errors
///
/// A [`ConversionError`] when `state` is missing.
///
/// # Example
///
/// ```
/// use aws_sdk_iottwinmaker::operation::delete_sync_job::DeleteSyncJobOutput;
/// use aws_sdk_iottwinmaker::types::SyncJobState as SdkState;
/// use twinmaker_syncjob::model::DeleteSyncJobResponse;
///
/// let output = DeleteSyncJobOutput::builder().state(SdkState::Deleting).build()?;
/// assert_eq!(DeleteSyncJobResponse::try_from(&output)?.state.as_str(), "DELETING");
///
/// // What the SDK makes of a response without `state`.
/// let missing = DeleteSyncJobOutput::builder().state(SdkState::from("no value was set")).build()?;
/// assert_eq!(DeleteSyncJobResponse::try_from(&missing).unwrap_err().field(), "state");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl TryFrom<&DeleteSyncJobOutput> for DeleteSyncJobResponse {
    type Error = ConversionError;

    fn try_from(value: &DeleteSyncJobOutput) -> Result<Self, Self::Error> {
        Ok(Self { state: required_state("DeleteSyncJobOutput", "state", value.state())? })
    }
}

// ---------------------------------------------------------------------------------------------
// Shapes, to the SDK
// ---------------------------------------------------------------------------------------------

/// Error details as the SDK's.
///
/// # Example
///
/// ```
/// use aws_sdk_iottwinmaker::types::ErrorDetails as SdkDetails;
/// use twinmaker_syncjob::model::{ErrorDetails, Open};
///
/// let details = ErrorDetails { code: Some(Open::parse("SYNC_NEW_ERROR")?), message: None };
/// let sdk = SdkDetails::from(&details);
/// assert_eq!(sdk.code().map(|c| c.as_str()), Some("SYNC_NEW_ERROR"));
/// assert_eq!(ErrorDetails::try_from(&sdk)?, details);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl From<&ErrorDetails> for sdk::ErrorDetails {
    fn from(value: &ErrorDetails) -> Self {
        Self::builder()
            .set_code(value.code.as_ref().map(sdk::ErrorCode::from))
            .set_message(value.message.as_ref().map(|message| message.as_str().to_owned()))
            .build()
    }
}

/// A status as the SDK's.
///
/// # Example
///
/// ```
/// use aws_sdk_iottwinmaker::types::{SyncJobState as SdkState, SyncJobStatus as SdkStatus};
/// use twinmaker_syncjob::model::{SyncJobState, SyncJobStatus};
///
/// let sdk = SdkStatus::from(&SyncJobStatus::new(SyncJobState::Error));
/// assert_eq!(sdk.state(), Some(&SdkState::Error));
/// assert!(sdk.error().is_none());
/// ```
impl From<&SyncJobStatus> for sdk::SyncJobStatus {
    fn from(value: &SyncJobStatus) -> Self {
        Self::builder()
            .set_state(value.state.as_ref().map(sdk::SyncJobState::from))
            .set_error(value.error.as_ref().map(sdk::ErrorDetails::from))
            .build()
    }
}

/// A ListSyncJobs item as the SDK's.
///
/// # Example
///
/// ```
/// use aws_sdk_iottwinmaker::types::SyncJobSummary as SdkSummary;
/// use twinmaker_syncjob::model::{SyncJobSummary, WorkspaceId};
///
/// let summary = SyncJobSummary { workspace_id: Some(WorkspaceId::parse("plant")?), ..SyncJobSummary::default() };
/// assert_eq!(SdkSummary::from(&summary).workspace_id(), Some("plant"));
/// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
/// ```
impl From<&SyncJobSummary> for sdk::SyncJobSummary {
    fn from(value: &SyncJobSummary) -> Self {
        Self::builder()
            .set_arn(value.arn.as_ref().map(|arn| arn.as_str().to_owned()))
            .set_workspace_id(value.workspace_id.as_ref().map(|id| id.as_str().to_owned()))
            .set_sync_source(value.sync_source.as_ref().map(|source| source.as_str().to_owned()))
            .set_status(value.status.as_ref().map(sdk::SyncJobStatus::from))
            .set_creation_date_time(value.creation_date_time.map(DateTime::from))
            .set_update_date_time(value.update_date_time.map(DateTime::from))
            .build()
    }
}

/// A ListSyncJobs page as the SDK's output (the list is always present, possibly empty).
///
/// # Example
///
/// ```
/// use aws_sdk_iottwinmaker::operation::list_sync_jobs::ListSyncJobsOutput;
/// use twinmaker_syncjob::model::ListSyncJobsPage;
///
/// let output = ListSyncJobsOutput::from(&ListSyncJobsPage::default());
/// assert!(output.sync_job_summaries().is_empty());
/// assert_eq!(output.next_token(), None);
/// ```
impl From<&ListSyncJobsPage> for ListSyncJobsOutput {
    fn from(value: &ListSyncJobsPage) -> Self {
        Self::builder()
            .set_sync_job_summaries(Some(value.sync_job_summaries.iter().map(sdk::SyncJobSummary::from).collect()))
            .set_next_token(value.next_token.clone())
            .build()
    }
}

/// A snapshot as the SDK's GetSyncJob output, for tests that mock the SDK client with this
/// crate's values.
///
/// # Errors
///
/// [`ConversionErrorKind::Build`] if the SDK's builder refuses it; it checks only that the
/// required fields are set, and a snapshot sets them all.
///
/// # Example
///
/// ```
/// use aws_sdk_iottwinmaker::operation::get_sync_job::GetSyncJobOutput;
/// use twinmaker_syncjob::decode::Decode;
/// use twinmaker_syncjob::model::SyncJobSnapshot;
///
/// let snapshot = SyncJobSnapshot::decode_str(r#"{
///     "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
///     "workspaceId": "plant", "syncSource": "SITEWISE", "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
///     "status": {"state": "ACTIVE"}, "creationDateTime": 1672531200, "updateDateTime": 1672531260.123456
/// }"#)?;
/// let output = GetSyncJobOutput::try_from(&snapshot)?;
/// assert_eq!(output.status().and_then(|s| s.state()).map(|s| s.as_str()), Some("ACTIVE"));
/// assert_eq!(output.update_date_time().subsec_nanos(), 123_456_000);
/// assert_eq!(SyncJobSnapshot::try_from(&output)?, snapshot);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl TryFrom<&SyncJobSnapshot> for GetSyncJobOutput {
    type Error = ConversionError;

    fn try_from(value: &SyncJobSnapshot) -> Result<Self, Self::Error> {
        Self::builder()
            .arn(value.arn.as_str())
            .workspace_id(value.workspace_id.as_str())
            .sync_source(value.sync_source.as_str())
            .sync_role(value.sync_role.as_str())
            .status(sdk::SyncJobStatus::from(&value.status))
            .creation_date_time(DateTime::from(value.creation_date_time))
            .update_date_time(DateTime::from(value.update_date_time))
            .build()
            .map_err(|err| ConversionError::new("GetSyncJobOutput", "", err))
    }
}

/// A CreateSyncJob response as the SDK's output.
///
/// # Errors
///
/// [`ConversionErrorKind::Build`] if the SDK's builder refuses it; it checks only that the
/// required fields are set, and a response sets them all.
///
/// # Example
///
/// ```
/// use aws_sdk_iottwinmaker::operation::create_sync_job::CreateSyncJobOutput;
/// use twinmaker_syncjob::model::{CreateSyncJobResponse, Open, SyncJobArn, SyncJobState, Timestamp};
///
/// let created = CreateSyncJobResponse {
///     arn: SyncJobArn::parse("arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE")?,
///     creation_date_time: Timestamp::parse("2023-01-01T00:00:00.5Z")?,
///     state: Open::Known(SyncJobState::Creating),
/// };
/// let output = CreateSyncJobOutput::try_from(&created)?;
/// assert_eq!(output.creation_date_time().subsec_nanos(), 500_000_000);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl TryFrom<&CreateSyncJobResponse> for CreateSyncJobOutput {
    type Error = ConversionError;

    fn try_from(value: &CreateSyncJobResponse) -> Result<Self, Self::Error> {
        Self::builder()
            .arn(value.arn.as_str())
            .creation_date_time(DateTime::from(value.creation_date_time))
            .state(sdk::SyncJobState::from(&value.state))
            .build()
            .map_err(|err| ConversionError::new("CreateSyncJobOutput", "", err))
    }
}

/// A DeleteSyncJob response as the SDK's output.
///
/// # Errors
///
/// [`ConversionErrorKind::Build`] if the SDK's builder refuses it; it checks only that `state` is
/// set, and a response sets it.
///
/// # Example
///
/// ```
/// use aws_sdk_iottwinmaker::operation::delete_sync_job::DeleteSyncJobOutput;
/// use twinmaker_syncjob::model::{DeleteSyncJobResponse, Open, SyncJobState};
///
/// let output = DeleteSyncJobOutput::try_from(&DeleteSyncJobResponse { state: Open::Known(SyncJobState::Deleting) })?;
/// assert_eq!(output.state().as_str(), "DELETING");
/// # Ok::<(), twinmaker_syncjob::transport::aws::ConversionError>(())
/// ```
impl TryFrom<&DeleteSyncJobResponse> for DeleteSyncJobOutput {
    type Error = ConversionError;

    fn try_from(value: &DeleteSyncJobResponse) -> Result<Self, Self::Error> {
        Self::builder()
            .state(sdk::SyncJobState::from(&value.state))
            .build()
            .map_err(|err| ConversionError::new("DeleteSyncJobOutput", "", err))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn micros_of(secs: i64, nanos: u32) -> i64 {
        Timestamp::try_from(DateTime::from_secs_and_nanos(secs, nanos)).unwrap().unix_micros()
    }

    #[test]
    fn date_times_round_to_the_nearest_microsecond_half_up() {
        assert_eq!(micros_of(0, 499), 0);
        assert_eq!(micros_of(0, 500), 1);
        assert_eq!(micros_of(1, 999_999_499), 1_999_999);
        assert_eq!(micros_of(1, 999_999_500), 2_000_000);
        // Before 1970 the SDK keeps positive nanoseconds under a floored second.
        assert_eq!(micros_of(-1, 999_999_500), 0);
        assert_eq!(micros_of(-1, 999_999_499), -1);
        assert_eq!(micros_of(-2, 500_000_000), -1_500_000);
    }

    #[test]
    fn rounding_matches_the_crate_on_offset_date_times() {
        for (secs, nanos) in [(0, 500), (-1, 500), (-1, 499), (1_672_531_200, 123_456_789), (-5, 999_999_999)] {
            let via_sdk = Timestamp::try_from(DateTime::from_secs_and_nanos(secs, nanos)).unwrap();
            let odt =
                time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(secs) * 1_000_000_000 + i128::from(nanos))
                    .unwrap();
            assert_eq!(via_sdk, Timestamp::from_offset_date_time(odt).unwrap(), "{secs} {nanos}");
        }
    }

    #[test]
    fn range_limits() {
        let max = DateTime::from(Timestamp::MAX);
        assert_eq!(Timestamp::try_from(max).unwrap(), Timestamp::MAX);
        // Half a microsecond past the maximum rounds up, out of range.
        let past = DateTime::from_nanos(max.as_nanos() + 500).unwrap();
        assert!(matches!(Timestamp::try_from(past), Err(TimestampError::OutOfRange { .. })));
        let just_below = DateTime::from_nanos(max.as_nanos() + 499).unwrap();
        assert_eq!(Timestamp::try_from(just_below).unwrap(), Timestamp::MAX);
        let min = DateTime::from(Timestamp::MIN);
        assert_eq!(Timestamp::try_from(min).unwrap(), Timestamp::MIN);
        let before = DateTime::from_nanos(min.as_nanos() - 501).unwrap();
        assert!(matches!(Timestamp::try_from(before), Err(TimestampError::OutOfRange { .. })));
        assert!(matches!(Timestamp::try_from(DateTime::from_secs(i64::MIN)), Err(TimestampError::OutOfRange { .. })));
    }

    #[test]
    fn placeholders_are_missing_fields() {
        let output = GetSyncJobOutput::builder()
            .arn("arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE")
            .workspace_id("plant")
            .sync_source("SITEWISE")
            .sync_role("arn:aws:iam::123456789012:role/r0123456789")
            .creation_date_time(DateTime::from_secs(1))
            .update_date_time(DateTime::from_secs(0))
            .build()
            .unwrap();
        let err = SyncJobSnapshot::try_from(&output).unwrap_err();
        assert_eq!((err.shape(), err.field()), ("GetSyncJobOutput", "updateDateTime"));
        assert!(matches!(err.kind(), ConversionErrorKind::Missing { .. }));

        let created = CreateSyncJobOutput::builder()
            .arn("arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE")
            .creation_date_time(DateTime::from_secs(1))
            .state(sdk::SyncJobState::from(SDK_MISSING_ENUM))
            .build()
            .unwrap();
        let err = CreateSyncJobResponse::try_from(&created).unwrap_err();
        assert_eq!(err.field(), "state");
        assert!(err.to_string().contains("\"no value was set\""), "{err}");
    }

    #[test]
    fn nested_errors_name_the_whole_path() {
        let bad = sdk::SyncJobSummary::builder()
            .status(
                sdk::SyncJobStatus::builder()
                    .error(sdk::ErrorDetails::builder().message("m".repeat(2049)).build())
                    .build(),
            )
            .build();
        let output = ListSyncJobsOutput::builder()
            .sync_job_summaries(sdk::SyncJobSummary::builder().build())
            .sync_job_summaries(bad)
            .build();
        let err = ListSyncJobsPage::try_from(&output).unwrap_err();
        assert_eq!(err.shape(), "ListSyncJobsOutput");
        assert_eq!(err.field(), "syncJobSummaries[1].status.error.message");
        assert!(matches!(err.kind(), ConversionErrorKind::Constraint(ConstraintError::Length { len: 2049, .. })));
    }
}
