//! The service model's enumerations, and [`Open`], which keeps values this crate does not know.

use std::fmt;
use std::str::FromStr;

use strum::IntoEnumIterator;

/// A closed enumeration of the service model: the values this crate knows.
///
/// Implemented for [`SyncJobState`], [`ErrorCode`], [`SyncSource`] and [`ApiErrorKind`]; the string
/// mapping and the iteration come from `strum`, so there is no hand-written match table.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::model::{SyncJobState, WireEnum};
///
/// assert_eq!(SyncJobState::from_wire("ACTIVE"), Some(SyncJobState::Active));
/// assert_eq!(SyncJobState::Active.as_str(), "ACTIVE");
/// assert_eq!(SyncJobState::known_values().count(), 5);
/// ```
pub trait WireEnum: Copy + Eq + fmt::Debug + FromStr + Into<&'static str> + IntoEnumIterator + 'static {
    /// The name of the enumeration in the service model, used in error messages.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::{ErrorCode, WireEnum};
    ///
    /// assert_eq!(ErrorCode::NAME, "ErrorCode");
    /// ```
    const NAME: &'static str;

    /// Checks a value this crate does not know against the model's constraints for the field.
    ///
    /// Most enumerations accept any string; [`SyncSource`] requires the model's pattern `[a-zA-Z_0-9]+`.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::{SyncJobState, SyncSource, WireEnum};
    ///
    /// assert!(SyncJobState::check_unknown("PAUSED").is_ok());
    /// assert!(SyncSource::check_unknown("OTHER_SOURCE").is_ok());
    /// assert!(SyncSource::check_unknown("not a source").is_err());
    /// ```
    fn check_unknown(raw: &str) -> Result<(), crate::model::ConstraintError> {
        let _ = raw;
        Ok(())
    }

    /// The known value with this exact wire string, if any (case-sensitive, as on the wire).
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::{ErrorCode, WireEnum};
    ///
    /// assert_eq!(ErrorCode::from_wire("SYNC_CREATING_ERROR"), Some(ErrorCode::SyncCreatingError));
    /// assert_eq!(ErrorCode::from_wire("sync_creating_error"), None);
    /// ```
    fn from_wire(raw: &str) -> Option<Self> {
        raw.parse().ok()
    }

    /// The exact wire string of a known value.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::{ErrorCode, WireEnum};
    ///
    /// assert_eq!(ErrorCode::CompositeComponentFailure.as_str(), "COMPOSITE_COMPONENT_FAILURE");
    /// ```
    fn as_str(self) -> &'static str {
        self.into()
    }

    /// Every known value, in the service model's order.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::{SyncJobState, WireEnum};
    ///
    /// let states: Vec<_> = SyncJobState::known_values().map(WireEnum::as_str).collect();
    /// assert_eq!(states, ["CREATING", "INITIALIZING", "ACTIVE", "DELETING", "ERROR"]);
    /// ```
    fn known_values() -> Self::Iterator {
        Self::iter()
    }
}

/// The state of a sync job (`SyncJobState` in the service model).
///
/// Five values are documented; see `docs/lifecycle.md` for how a job moves between them. The
/// service may add values: decoded payloads hold an [`Open<SyncJobState>`] so nothing is lost.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::model::{SyncJobState, WireEnum};
///
/// let state: SyncJobState = "INITIALIZING".parse()?;
/// assert_eq!(state, SyncJobState::Initializing);
/// assert_eq!(state.to_string(), "INITIALIZING");
/// # Ok::<(), strum::ParseError>(())
/// ```
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::Display,
    strum::EnumIter,
    strum::EnumCount,
    strum::FromRepr,
    serde::Serialize,
    serde::Deserialize,
)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[repr(u8)]
pub enum SyncJobState {
    /// `CREATING`: the job checks permissions and loads data from SiteWise to prepare the sync.
    Creating,
    /// `INITIALIZING`: all existing SiteWise resources are being synced.
    Initializing,
    /// `ACTIVE`: initialization is done; the job syncs new updates.
    Active,
    /// `DELETING`: synced resources, then the job, are being deleted (failed deletes are retried).
    Deleting,
    /// `ERROR`: an error happened in one of the states before.
    Error,
}

impl WireEnum for SyncJobState {
    const NAME: &'static str = "SyncJobState";
}

/// The code of a sync job's error (`ErrorCode` in the service model).
///
/// The model documents none of these values, and the list has grown twice (2 values in 2021, three
/// `SYNC_*` added in 2022-12, three more in 2023-11): decoded payloads hold an [`Open<ErrorCode>`].
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::model::{ErrorCode, WireEnum};
///
/// assert_eq!(ErrorCode::from_wire("SYNC_CREATING_ERROR"), Some(ErrorCode::SyncCreatingError));
/// assert_eq!(ErrorCode::known_values().count(), 8);
/// ```
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::Display,
    strum::EnumIter,
    strum::EnumCount,
    serde::Serialize,
    serde::Deserialize,
)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ErrorCode {
    /// `VALIDATION_ERROR` (since 2021).
    ValidationError,
    /// `INTERNAL_FAILURE` (since 2021).
    InternalFailure,
    /// `SYNC_INITIALIZING_ERROR` (since 2022-12).
    SyncInitializingError,
    /// `SYNC_CREATING_ERROR` (since 2022-12).
    SyncCreatingError,
    /// `SYNC_PROCESSING_ERROR` (since 2022-12).
    SyncProcessingError,
    /// `SYNC_DELETING_ERROR` (since 2023-11).
    SyncDeletingError,
    /// `PROCESSING_ERROR` (since 2023-11).
    ProcessingError,
    /// `COMPOSITE_COMPONENT_FAILURE` (since 2023-11).
    CompositeComponentFailure,
}

impl WireEnum for ErrorCode {
    const NAME: &'static str = "ErrorCode";
}

/// The source a sync job syncs from. Only `SITEWISE` is supported today.
///
/// The model types the field as a string with pattern `[a-zA-Z_0-9]+`, so an [`Open<SyncSource>`]
/// accepts other values that match the pattern.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::model::{Open, SyncSource};
///
/// let source: Open<SyncSource> = Open::parse("SITEWISE")?;
/// assert_eq!(source, Open::Known(SyncSource::Sitewise));
/// assert!(Open::<SyncSource>::parse("not-a-source").is_err());
/// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
/// ```
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::Display,
    strum::EnumIter,
    strum::EnumCount,
    serde::Serialize,
    serde::Deserialize,
)]
pub enum SyncSource {
    /// `SITEWISE`: AWS IoT SiteWise assets and models.
    #[strum(serialize = "SITEWISE")]
    #[serde(rename = "SITEWISE")]
    Sitewise,
}

impl WireEnum for SyncSource {
    const NAME: &'static str = "SyncSource";

    fn check_unknown(raw: &str) -> Result<(), crate::model::ConstraintError> {
        crate::model::ids::check_sync_source(raw)
    }
}

/// The exceptions the sync-job operations declare, named as on the wire.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::model::{ApiErrorKind, WireEnum};
///
/// let kind = ApiErrorKind::from_wire("ThrottlingException");
/// assert_eq!(kind, Some(ApiErrorKind::Throttling));
/// assert_eq!(ApiErrorKind::Throttling.http_status(), 429);
/// ```
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::Display,
    strum::EnumIter,
    strum::EnumCount,
    serde::Serialize,
    serde::Deserialize,
)]
pub enum ApiErrorKind {
    /// `AccessDeniedException` (HTTP 403).
    #[strum(serialize = "AccessDeniedException")]
    #[serde(rename = "AccessDeniedException")]
    AccessDenied,
    /// `ConflictException` (HTTP 409), declared by CreateSyncJob only.
    #[strum(serialize = "ConflictException")]
    #[serde(rename = "ConflictException")]
    Conflict,
    /// `InternalServerException` (HTTP 500), a server fault.
    #[strum(serialize = "InternalServerException")]
    #[serde(rename = "InternalServerException")]
    InternalServer,
    /// `ResourceNotFoundException` (HTTP 404): the job does not exist.
    #[strum(serialize = "ResourceNotFoundException")]
    #[serde(rename = "ResourceNotFoundException")]
    ResourceNotFound,
    /// `ServiceQuotaExceededException` (HTTP 402).
    #[strum(serialize = "ServiceQuotaExceededException")]
    #[serde(rename = "ServiceQuotaExceededException")]
    ServiceQuotaExceeded,
    /// `ThrottlingException` (HTTP 429).
    #[strum(serialize = "ThrottlingException")]
    #[serde(rename = "ThrottlingException")]
    Throttling,
    /// `ValidationException` (HTTP 400).
    #[strum(serialize = "ValidationException")]
    #[serde(rename = "ValidationException")]
    Validation,
}

impl ApiErrorKind {
    /// The HTTP status the service model gives this exception.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::ApiErrorKind;
    ///
    /// assert_eq!(ApiErrorKind::ResourceNotFound.http_status(), 404);
    /// ```
    #[must_use]
    pub const fn http_status(self) -> u16 {
        match self {
            Self::AccessDenied => 403,
            Self::Conflict => 409,
            Self::InternalServer => 500,
            Self::ResourceNotFound => 404,
            Self::ServiceQuotaExceeded => 402,
            Self::Throttling => 429,
            Self::Validation => 400,
        }
    }
}

impl WireEnum for ApiErrorKind {
    const NAME: &'static str = "ApiErrorKind";
}

/// A value of an open enumeration: one this crate knows, or the raw string of one it does not.
///
/// The service adds enumeration values without notice, so decoded payloads never reject or lose
/// them (unless you ask for strict decoding): an unknown value is kept byte for byte and encoded
/// back unchanged. This mirrors the official SDK's `Unknown(..)` variants.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::model::{Open, SyncJobState};
///
/// let known: Open<SyncJobState> = Open::parse("ACTIVE")?;
/// assert!(known.is_known());
/// assert_eq!(known.known(), Some(SyncJobState::Active));
///
/// let unknown: Open<SyncJobState> = Open::parse("PAUSED")?;
/// assert!(!unknown.is_known());
/// assert_eq!(unknown.as_str(), "PAUSED");
/// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Open<K> {
    /// A value this crate knows.
    Known(K),
    /// A value this crate does not know, kept exactly as received.
    Unknown(UnknownValue),
}

impl<K: WireEnum> Open<K> {
    /// Parses a wire string: a known value, or an unknown one kept as is.
    ///
    /// Fails only when the field's model constraints reject the string (for example a sync source
    /// that does not match `[a-zA-Z_0-9]+`).
    ///
    /// # Errors
    ///
    /// A [`ConstraintError`](crate::model::ConstraintError) naming the broken constraint.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::{ErrorCode, Open};
    ///
    /// let code: Open<ErrorCode> = Open::parse("SOMETHING_NEW")?;
    /// assert_eq!(code.as_str(), "SOMETHING_NEW");
    /// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
    /// ```
    pub fn parse(raw: &str) -> Result<Self, crate::model::ConstraintError> {
        match K::from_wire(raw) {
            Some(known) => Ok(Self::Known(known)),
            None => {
                K::check_unknown(raw)?;
                Ok(Self::Unknown(UnknownValue(raw.into())))
            }
        }
    }

    /// The exact wire string: the known value's, or the unknown one as received.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::{Open, SyncJobState};
    ///
    /// assert_eq!(Open::Known(SyncJobState::Deleting).as_str(), "DELETING");
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            Self::Known(known) => known.as_str(),
            Self::Unknown(raw) => raw.as_str(),
        }
    }

    /// The known value, or `None` for an unknown one.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::{Open, SyncJobState};
    ///
    /// assert_eq!(Open::Known(SyncJobState::Error).known(), Some(SyncJobState::Error));
    /// ```
    #[must_use]
    pub fn known(&self) -> Option<K> {
        match self {
            Self::Known(known) => Some(*known),
            Self::Unknown(_) => None,
        }
    }

    /// Whether this crate knows the value.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::{Open, SyncSource};
    ///
    /// assert!(Open::Known(SyncSource::Sitewise).is_known());
    /// ```
    #[must_use]
    pub fn is_known(&self) -> bool {
        matches!(self, Self::Known(_))
    }
}

impl<K> From<K> for Open<K> {
    fn from(known: K) -> Self {
        Self::Known(known)
    }
}

impl<K: WireEnum> fmt::Display for Open<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl<K: WireEnum> PartialEq<K> for Open<K> {
    fn eq(&self, other: &K) -> bool {
        self.known() == Some(*other)
    }
}

/// The raw wire string of an enumeration value this crate does not know.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::model::{Open, SyncJobState};
///
/// let Open::Unknown(raw) = Open::<SyncJobState>::parse("PAUSED")? else { unreachable!() };
/// assert_eq!(raw.as_str(), "PAUSED");
/// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownValue(Box<str>);

impl UnknownValue {
    /// The string exactly as received.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::{ErrorCode, Open};
    ///
    /// if let Open::Unknown(raw) = Open::<ErrorCode>::parse("NEW_CODE")? {
    ///     assert_eq!(raw.as_str(), "NEW_CODE");
    /// }
    /// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_values_print_exactly_as_received() {
        let Open::Unknown(value) = Open::<SyncJobState>::parse(" Paused ").unwrap() else { panic!("known") };
        assert_eq!(value.to_string(), " Paused ");
        assert_eq!(value.as_str(), " Paused ");
    }

    fn round_trips<K: WireEnum>() {
        for value in K::known_values() {
            let parsed: Open<K> = Open::parse(value.as_str()).unwrap();
            assert_eq!(parsed, Open::Known(value));
            assert_eq!(parsed.as_str(), value.as_str());
        }
    }

    #[test]
    fn every_known_value_round_trips() {
        round_trips::<SyncJobState>();
        round_trips::<ErrorCode>();
        round_trips::<SyncSource>();
        round_trips::<ApiErrorKind>();
    }

    #[test]
    fn wire_strings_match_the_reference_sheet() {
        let states: Vec<_> = SyncJobState::known_values().map(WireEnum::as_str).collect();
        assert_eq!(states, ["CREATING", "INITIALIZING", "ACTIVE", "DELETING", "ERROR"]);
        let codes: Vec<_> = ErrorCode::known_values().map(WireEnum::as_str).collect();
        assert_eq!(
            codes,
            [
                "VALIDATION_ERROR",
                "INTERNAL_FAILURE",
                "SYNC_INITIALIZING_ERROR",
                "SYNC_CREATING_ERROR",
                "SYNC_PROCESSING_ERROR",
                "SYNC_DELETING_ERROR",
                "PROCESSING_ERROR",
                "COMPOSITE_COMPONENT_FAILURE"
            ]
        );
        let kinds: Vec<_> = ApiErrorKind::known_values().map(|k| (k.as_str(), k.http_status())).collect();
        assert_eq!(
            kinds,
            [
                ("AccessDeniedException", 403),
                ("ConflictException", 409),
                ("InternalServerException", 500),
                ("ResourceNotFoundException", 404),
                ("ServiceQuotaExceededException", 402),
                ("ThrottlingException", 429),
                ("ValidationException", 400)
            ]
        );
    }

    #[test]
    fn matching_is_case_sensitive_and_unknowns_are_kept() {
        let lower: Open<SyncJobState> = Open::parse("active").unwrap();
        assert_eq!(lower.as_str(), "active");
        assert!(!lower.is_known());
        assert!(Open::<SyncSource>::parse("").is_err());
        assert!(Open::<SyncSource>::parse("IOT_CORE").unwrap().as_str() == "IOT_CORE");
    }
}
