//! Strategies for every public value of the [model](crate::model): enumerations (known and
//! unknown), identifiers, timestamps, the payload shapes, API errors and [`Document`]s.
//!
//! Every value generated satisfies the model's constraints (the reference sheet's table): strings
//! are built from the model's patterns, then passed through the model's own parsers with
//! `prop_filter_map`, so a strategy never holds an invalid value.
//!
//! Limits, and why:
//!
//! - **Timestamps** lie strictly within 2^33 seconds of 1970, the years **1698 to 2242**
//!   ([`WIRE_EXACT_MICROS`]): there an `f64` of epoch seconds holds every microsecond, so the wire
//!   form (a JSON number) round-trips exactly (see
//!   [`Timestamp::from_epoch_seconds_f64`]). Outside it, a wire payload cannot say every instant.
//! - **Unknown exception names** are identifier-like (`[A-Za-z][A-Za-z0-9_]*`): the decoder strips
//!   a `namespace#` prefix, a `:...` suffix and surrounding white space from what it reads, so a
//!   name containing `#` or `:` does not come back unchanged.
//! - A [`SyncJobSummary`] with no field at all encodes as `{}`, which [`Document`] cannot tell
//!   apart from any other empty object: [`document`] only generates summaries with a field.
//! - [`ApiError::http_status`] is anything here; what each payload form can carry of it is the
//!   business of [`payloads`](super::payloads).
//!
//! The near-miss strategies at the end ([`near_miss`], [`at_lengths`]) make strings just inside or
//! just outside a pattern, to test validators against an oracle.
//!
//! # Example
//!
//! ```
//! use proptest::prelude::*;
//! use twinmaker_syncjob::decode::Decode;
//! use twinmaker_syncjob::encode::{Encode, Form};
//! use twinmaker_syncjob::model::SyncJobSnapshot;
//! use twinmaker_syncjob::testkit::values::snapshot;
//!
//! proptest!(ProptestConfig::with_cases(16), |(job in snapshot())| {
//!     let text = job.encode(Form::Cli);
//!     prop_assert_eq!(SyncJobSnapshot::decode_str(&text).ok(), Some(job));
//! });
//! ```

use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::{Index, select};

use crate::decode::{ApiErrorDocument, Document};
use crate::model::{
    ApiError, ApiErrorKind, CreateSyncJobResponse, DeleteSyncJobResponse, ErrorCode, ErrorDetails, ErrorMessage,
    ListSyncJobsPage, Open, SyncJobArn, SyncJobSnapshot, SyncJobState, SyncJobStatus, SyncJobSummary, SyncRoleArn,
    SyncSource, Timestamp, WireEnum, WorkspaceId,
};

/// The partitions the ARN patterns allow.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::testkit::values::PARTITIONS;
///
/// assert!(PARTITIONS.contains(&"aws-cn"));
/// ```
pub const PARTITIONS: [&str; 3] = ["aws", "aws-cn", "aws-us-gov"];

/// The largest distance from 1970, in microseconds, at which the wire form (an `f64` of epoch
/// seconds) still holds every microsecond: just under 2^33 seconds, so the years 1698 to 2242.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::model::Timestamp;
/// use twinmaker_syncjob::testkit::values::WIRE_EXACT_MICROS;
///
/// let last = Timestamp::from_unix_micros(WIRE_EXACT_MICROS)?;
/// assert_eq!(Timestamp::from_epoch_seconds_f64(last.epoch_seconds_f64())?, last);
/// assert!(last.to_string().starts_with("2242-"));
/// # Ok::<(), twinmaker_syncjob::model::TimestampError>(())
/// ```
pub const WIRE_EXACT_MICROS: i64 = (1 << 33) * 1_000_000 - 1;

// ---------------------------------------------------------------------------------------------
// Identifier strings (valid by construction) and the validated types.

/// A workspace id string: 2 to 128 characters, `[a-zA-Z_0-9]` then `[a-zA-Z_0-9-]*` then a
/// letter or digit. (One character never matches the pattern, which needs two.)
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::model::WorkspaceId;
/// use twinmaker_syncjob::testkit::values::workspace_id_string;
///
/// proptest!(ProptestConfig::with_cases(16), |(s in workspace_id_string())| {
///     prop_assert!(WorkspaceId::parse(&s).is_ok());
/// });
/// ```
pub fn workspace_id_string() -> impl Strategy<Value = String> + Clone {
    prop_oneof![
        3 => "[a-zA-Z_0-9][a-zA-Z_0-9-]{0,14}[a-zA-Z0-9]",
        1 => "[a-zA-Z_0-9][a-zA-Z_0-9-]{0,126}[a-zA-Z0-9]",
    ]
}

/// A valid [`WorkspaceId`].
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::testkit::values::workspace_id;
///
/// proptest!(ProptestConfig::with_cases(16), |(id in workspace_id())| {
///     prop_assert!((2..=128).contains(&id.as_str().len()));
/// });
/// ```
pub fn workspace_id() -> impl Strategy<Value = WorkspaceId> + Clone {
    workspace_id_string().prop_filter_map("WorkspaceId::parse accepts it", |s| WorkspaceId::parse(&s).ok())
}

/// A sync source string matching `[a-zA-Z_0-9]+`, often `SITEWISE`.
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::model::{Open, SyncSource};
/// use twinmaker_syncjob::testkit::values::sync_source_string;
///
/// proptest!(ProptestConfig::with_cases(16), |(s in sync_source_string())| {
///     prop_assert!(Open::<SyncSource>::parse(&s).is_ok());
/// });
/// ```
pub fn sync_source_string() -> impl Strategy<Value = String> + Clone {
    prop_oneof![2 => Just("SITEWISE".to_owned()), 1 => "[a-zA-Z_0-9]{1,24}"]
}

/// A partition of the ARN patterns.
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::testkit::values::{PARTITIONS, partition};
///
/// proptest!(ProptestConfig::with_cases(8), |(p in partition())| prop_assert!(PARTITIONS.contains(&p)));
/// ```
pub fn partition() -> impl Strategy<Value = &'static str> + Clone {
    select(&PARTITIONS[..])
}

/// A region matching `[a-z0-9-]+`: usually a real one.
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::testkit::values::region;
///
/// proptest!(ProptestConfig::with_cases(16), |(r in region())| {
///     prop_assert!(!r.is_empty() && r.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
/// });
/// ```
pub fn region() -> impl Strategy<Value = String> + Clone {
    prop_oneof![
        2 => select(&["us-east-1", "eu-west-1", "ap-southeast-2", "cn-north-1", "us-gov-west-1"][..]).prop_map(str::to_owned),
        1 => "[a-z0-9-]{1,20}",
    ]
}

/// A 12-digit account id.
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::testkit::values::account_id;
///
/// proptest!(ProptestConfig::with_cases(8), |(a in account_id())| {
///     prop_assert!(a.len() == 12 && a.bytes().all(|b| b.is_ascii_digit()));
/// });
/// ```
pub fn account_id() -> impl Strategy<Value = String> + Clone {
    "[0-9]{12}"
}

/// A sync job ARN string: usually `workspace/<id>/sync-job/<source>`, sometimes any resource the
/// pattern allows, sometimes close to the 2048-character limit.
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::model::SyncJobArn;
/// use twinmaker_syncjob::testkit::values::sync_job_arn_string;
///
/// proptest!(ProptestConfig::with_cases(16), |(s in sync_job_arn_string())| {
///     prop_assert!(SyncJobArn::parse(&s).is_ok());
/// });
/// ```
pub fn sync_job_arn_string() -> impl Strategy<Value = String> + Clone {
    let head = || (partition(), region(), account_id());
    prop_oneof![
        3 => (head(), workspace_id_string(), sync_source_string()).prop_map(|((p, r, a), w, s)| {
            format!("arn:{p}:iottwinmaker:{r}:{a}:workspace/{w}/sync-job/{s}")
        }),
        2 => (head(), "[/a-zA-Z0-9_.:-]{1,80}").prop_map(|((p, r, a), res)| format!("arn:{p}:iottwinmaker:{r}:{a}:{res}")),
        1 => (head(), "[/a-zA-Z0-9_.:-]{1900,1980}").prop_map(|((p, r, a), res)| format!("arn:{p}:iottwinmaker:{r}:{a}:{res}")),
    ]
}

/// A valid [`SyncJobArn`].
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::testkit::values::sync_job_arn;
///
/// proptest!(ProptestConfig::with_cases(16), |(arn in sync_job_arn())| {
///     prop_assert_eq!(arn.account_id().len(), 12);
/// });
/// ```
pub fn sync_job_arn() -> impl Strategy<Value = SyncJobArn> + Clone {
    sync_job_arn_string().prop_filter_map("SyncJobArn::parse accepts it", |s| SyncJobArn::parse(&s).ok())
}

/// A sync role ARN string: `arn:<partition>:iam::<12 digits>:role/` then anything (any character,
/// new lines included, as the pattern allows), within 2048 characters.
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::model::SyncRoleArn;
/// use twinmaker_syncjob::testkit::values::sync_role_arn_string;
///
/// proptest!(ProptestConfig::with_cases(16), |(s in sync_role_arn_string())| {
///     prop_assert!(SyncRoleArn::parse(&s).is_ok());
/// });
/// ```
pub fn sync_role_arn_string() -> impl Strategy<Value = String> + Clone {
    let head = || (partition(), account_id());
    prop_oneof![
        3 => (head(), "[a-zA-Z0-9+=,.@_/-]{1,64}").prop_map(|((p, a), name)| format!("arn:{p}:iam::{a}:role/{name}")),
        1 => (head(), "(?s).{0,40}").prop_map(|((p, a), rest)| format!("arn:{p}:iam::{a}:role/{rest}")),
        1 => (head(), "(?s).{1990,2000}").prop_map(|((p, a), rest)| format!("arn:{p}:iam::{a}:role/{rest}")),
    ]
}

/// A valid [`SyncRoleArn`].
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::testkit::values::sync_role_arn;
///
/// proptest!(ProptestConfig::with_cases(16), |(role in sync_role_arn())| {
///     prop_assert!(role.as_str().starts_with("arn:"));
/// });
/// ```
pub fn sync_role_arn() -> impl Strategy<Value = SyncRoleArn> + Clone {
    sync_role_arn_string().prop_filter_map("SyncRoleArn::parse accepts it", |s| SyncRoleArn::parse(&s).ok())
}

/// An error message string of 0 to 2048 characters of any kind (multi-byte ones included).
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::testkit::values::error_message_string;
///
/// proptest!(ProptestConfig::with_cases(16), |(s in error_message_string())| {
///     prop_assert!(s.chars().count() <= 2048);
/// });
/// ```
pub fn error_message_string() -> impl Strategy<Value = String> + Clone {
    prop_oneof![4 => "(?s).{0,80}", 1 => "(?s).{2040,2048}"]
}

/// A valid [`ErrorMessage`].
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::testkit::values::error_message;
///
/// proptest!(ProptestConfig::with_cases(16), |(m in error_message())| {
///     prop_assert!(m.as_str().chars().count() <= 2048);
/// });
/// ```
pub fn error_message() -> impl Strategy<Value = ErrorMessage> + Clone {
    error_message_string().prop_filter_map("ErrorMessage::parse accepts it", |s| ErrorMessage::parse(&s).ok())
}

// ---------------------------------------------------------------------------------------------
// Enumerations.

/// One of the values of `K` this crate knows, shrinking toward the first in the model's order.
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::model::ErrorCode;
/// use twinmaker_syncjob::testkit::values::known;
///
/// proptest!(ProptestConfig::with_cases(8), |(code in known::<ErrorCode>())| {
///     prop_assert!(code.to_string().chars().all(|c| c.is_ascii_uppercase() || c == '_'));
/// });
/// ```
pub fn known<K: WireEnum>() -> impl Strategy<Value = K> + Clone {
    select(K::known_values().collect::<Vec<_>>())
}

/// An unknown value of `K` from the raw strings of `raw`: those that are not known values and that
/// the field's constraints allow.
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::model::SyncJobState;
/// use twinmaker_syncjob::testkit::values::unknown;
///
/// proptest!(ProptestConfig::with_cases(16), |(state in unknown::<SyncJobState>("[A-Z]{1,8}"))| {
///     prop_assert!(!state.is_known());
/// });
/// ```
pub fn unknown<K: WireEnum>(raw: impl Strategy<Value = String> + Clone) -> impl Strategy<Value = Open<K>> + Clone {
    raw.prop_filter_map("an unknown value the model allows", |s| match Open::<K>::parse(&s) {
        Ok(value @ Open::Unknown(_)) => Some(value),
        _ => None,
    })
}

/// A raw string for an unknown `SyncJobState` or `ErrorCode`: the model gives no pattern, so
/// anything, from plausible future values to quotes, control characters and the empty string.
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::model::{ErrorCode, Open};
/// use twinmaker_syncjob::testkit::values::unknown_enum_string;
///
/// proptest!(ProptestConfig::with_cases(16), |(s in unknown_enum_string())| {
///     prop_assert_eq!(Open::<ErrorCode>::parse(&s).map(|code| code.to_string()), Ok(s));
/// });
/// ```
pub fn unknown_enum_string() -> impl Strategy<Value = String> + Clone {
    prop_oneof![
        3 => "[A-Z][A-Z_]{0,30}",
        1 => "(?s).{0,12}",
        1 => any::<String>(),
        1 => Just(String::new()),
        1 => select(&["active", "Active", " ACTIVE", "ACTIVE ", "\"", "\\", "ERROR\u{0}"][..]).prop_map(str::to_owned),
    ]
}

/// A raw string for an unknown exception name (see the module notes).
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::testkit::values::unknown_exception_string;
///
/// proptest!(ProptestConfig::with_cases(16), |(s in unknown_exception_string())| {
///     prop_assert!(!s.contains('#') && !s.contains(':'));
/// });
/// ```
pub fn unknown_exception_string() -> impl Strategy<Value = String> + Clone {
    "[A-Za-z][A-Za-z0-9_]{0,40}"
}

/// A [`SyncJobState`], known three times in four.
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::model::{Open, SyncJobState};
/// use twinmaker_syncjob::testkit::values::sync_job_state;
///
/// proptest!(ProptestConfig::with_cases(16), |(state in sync_job_state())| {
///     prop_assert_eq!(Open::<SyncJobState>::parse(state.as_str()), Ok(state));
/// });
/// ```
pub fn sync_job_state() -> impl Strategy<Value = Open<SyncJobState>> + Clone {
    prop_oneof![3 => known::<SyncJobState>().prop_map(Open::Known), 1 => unknown::<SyncJobState>(unknown_enum_string())]
}

/// An [`ErrorCode`], known three times in four.
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::model::{ErrorCode, Open};
/// use twinmaker_syncjob::testkit::values::error_code;
///
/// proptest!(ProptestConfig::with_cases(16), |(code in error_code())| {
///     prop_assert_eq!(Open::<ErrorCode>::parse(code.as_str()), Ok(code));
/// });
/// ```
pub fn error_code() -> impl Strategy<Value = Open<ErrorCode>> + Clone {
    prop_oneof![3 => known::<ErrorCode>().prop_map(Open::Known), 1 => unknown::<ErrorCode>(unknown_enum_string())]
}

/// A [`SyncSource`], known three times in four; unknown ones match `[a-zA-Z_0-9]+`.
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::model::{Open, SyncSource};
/// use twinmaker_syncjob::testkit::values::sync_source;
///
/// proptest!(ProptestConfig::with_cases(16), |(source in sync_source())| {
///     prop_assert_eq!(Open::<SyncSource>::parse(source.as_str()), Ok(source));
/// });
/// ```
pub fn sync_source() -> impl Strategy<Value = Open<SyncSource>> + Clone {
    prop_oneof![3 => Just(Open::Known(SyncSource::Sitewise)), 1 => unknown::<SyncSource>("[a-zA-Z_0-9]{1,24}")]
}

/// An [`ApiErrorKind`], known three times in four.
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::model::{ApiErrorKind, Open};
/// use twinmaker_syncjob::testkit::values::api_error_kind;
///
/// proptest!(ProptestConfig::with_cases(16), |(kind in api_error_kind())| {
///     prop_assert_eq!(Open::<ApiErrorKind>::parse(kind.as_str()), Ok(kind));
/// });
/// ```
pub fn api_error_kind() -> impl Strategy<Value = Open<ApiErrorKind>> + Clone {
    prop_oneof![
        3 => known::<ApiErrorKind>().prop_map(Open::Known),
        1 => unknown::<ApiErrorKind>(unknown_exception_string()),
    ]
}

// ---------------------------------------------------------------------------------------------
// Timestamps.

/// A [`Timestamp`] strictly within 2^33 seconds of 1970, the years 1698 to 2242 (see
/// [`WIRE_EXACT_MICROS`]): any microsecond, whole milliseconds (what the wire sends), whole
/// seconds, or this decade (2020 to 2029).
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::model::Timestamp;
/// use twinmaker_syncjob::testkit::values::timestamp;
///
/// proptest!(ProptestConfig::with_cases(32), |(t in timestamp())| {
///     prop_assert_eq!(Timestamp::from_epoch_seconds_f64(t.epoch_seconds_f64()), Ok(t));
///     prop_assert_eq!(Timestamp::parse(&t.to_cli_string()), Ok(t));
/// });
/// ```
pub fn timestamp() -> impl Strategy<Value = Timestamp> + Clone {
    let limit = WIRE_EXACT_MICROS;
    prop_oneof![
        2 => -limit..=limit,
        2 => (-limit / 1000..=limit / 1000).prop_map(|ms| ms * 1000),
        1 => (-limit / 1_000_000..=limit / 1_000_000).prop_map(|s| s * 1_000_000),
        2 => (1_577_836_800_000_i64..1_893_456_000_000).prop_map(|ms| ms * 1000),
    ]
    .prop_filter_map("within Timestamp's range", |micros| Timestamp::from_unix_micros(micros).ok())
}

// ---------------------------------------------------------------------------------------------
// Payload shapes.

/// [`ErrorDetails`], each part present or not.
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::testkit::values::error_details;
///
/// proptest!(ProptestConfig::with_cases(16), |(details in error_details())| {
///     prop_assert_eq!(details.known_code(), details.code.as_ref().and_then(|c| c.known()));
/// });
/// ```
pub fn error_details() -> BoxedStrategy<ErrorDetails> {
    (option::of(error_code()), option::of(error_message()))
        .prop_map(|(code, message)| ErrorDetails { code, message })
        .boxed()
}

/// [`SyncJobStatus`], each part present or not.
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::testkit::values::sync_job_status;
///
/// proptest!(ProptestConfig::with_cases(16), |(status in sync_job_status())| {
///     prop_assert_eq!(status.known_state(), status.state.as_ref().and_then(|s| s.known()));
/// });
/// ```
pub fn sync_job_status() -> BoxedStrategy<SyncJobStatus> {
    (option::of(sync_job_state()), option::of(error_details()))
        .prop_map(|(state, error)| SyncJobStatus { state, error })
        .boxed()
}

/// A GetSyncJob response ([`SyncJobSnapshot`]).
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::decode::Decode;
/// use twinmaker_syncjob::encode::{Encode, Form};
/// use twinmaker_syncjob::model::SyncJobSnapshot;
/// use twinmaker_syncjob::testkit::values::snapshot;
///
/// proptest!(ProptestConfig::with_cases(16), |(job in snapshot())| {
///     prop_assert_eq!(SyncJobSnapshot::decode_str(&job.encode(Form::Wire)).ok(), Some(job));
/// });
/// ```
pub fn snapshot() -> BoxedStrategy<SyncJobSnapshot> {
    (sync_job_arn(), workspace_id(), sync_source(), sync_role_arn(), sync_job_status(), timestamp(), timestamp())
        .prop_map(|(arn, workspace_id, sync_source, sync_role, status, creation_date_time, update_date_time)| {
            SyncJobSnapshot { arn, workspace_id, sync_source, sync_role, status, creation_date_time, update_date_time }
        })
        .boxed()
}

/// A ListSyncJobs summary ([`SyncJobSummary`]), each field present or not (all absent included).
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::decode::Decode;
/// use twinmaker_syncjob::encode::{Encode, Form};
/// use twinmaker_syncjob::model::SyncJobSummary;
/// use twinmaker_syncjob::testkit::values::summary;
///
/// proptest!(ProptestConfig::with_cases(16), |(s in summary())| {
///     prop_assert_eq!(SyncJobSummary::decode_str(&s.encode(Form::Canonical)).ok(), Some(s));
/// });
/// ```
pub fn summary() -> BoxedStrategy<SyncJobSummary> {
    (
        option::of(sync_job_arn()),
        option::of(workspace_id()),
        option::of(sync_source()),
        option::of(sync_job_status()),
        option::of(timestamp()),
        option::of(timestamp()),
    )
        .prop_map(|(arn, workspace_id, sync_source, status, creation_date_time, update_date_time)| SyncJobSummary {
            arn,
            workspace_id,
            sync_source,
            status,
            creation_date_time,
            update_date_time,
        })
        .boxed()
}

/// A ListSyncJobs page ([`ListSyncJobsPage`]): up to four summaries and maybe a token (the model
/// puts no constraint on it).
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::testkit::values::page;
///
/// proptest!(ProptestConfig::with_cases(16), |(p in page())| {
///     prop_assert!(p.sync_job_summaries.len() < 4);
/// });
/// ```
pub fn page() -> BoxedStrategy<ListSyncJobsPage> {
    (vec(summary(), 0..4), option::of(any::<String>()))
        .prop_map(|(sync_job_summaries, next_token)| ListSyncJobsPage { sync_job_summaries, next_token })
        .boxed()
}

/// A CreateSyncJob response ([`CreateSyncJobResponse`]).
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::testkit::values::create_response;
///
/// proptest!(ProptestConfig::with_cases(16), |(created in create_response())| {
///     prop_assert!(created.arn.as_str().starts_with("arn:"));
/// });
/// ```
pub fn create_response() -> BoxedStrategy<CreateSyncJobResponse> {
    (sync_job_arn(), timestamp(), sync_job_state())
        .prop_map(|(arn, creation_date_time, state)| CreateSyncJobResponse { arn, creation_date_time, state })
        .boxed()
}

/// A DeleteSyncJob response ([`DeleteSyncJobResponse`]).
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::encode::{Encode, Form};
/// use twinmaker_syncjob::testkit::values::delete_response;
///
/// proptest!(ProptestConfig::with_cases(16), |(deleted in delete_response())| {
///     prop_assert!(deleted.encode(Form::Wire).starts_with(r#"{"state":"#), "{:?}", deleted);
/// });
/// ```
pub fn delete_response() -> BoxedStrategy<DeleteSyncJobResponse> {
    sync_job_state().prop_map(|state| DeleteSyncJobResponse { state }).boxed()
}

/// An [`ApiError`]: any message; the HTTP status absent, the one the model gives the kind, or any.
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::testkit::values::api_error;
///
/// proptest!(ProptestConfig::with_cases(16), |(err in api_error())| {
///     prop_assert!(err.to_string().starts_with(err.kind.as_str()));
/// });
/// ```
pub fn api_error() -> BoxedStrategy<ApiError> {
    (api_error_kind(), any::<String>(), 0..3_u8, any::<u16>())
        .prop_map(|(kind, message, choice, any_status)| {
            let http_status = match choice {
                0 => None,
                1 => kind.known().map(ApiErrorKind::http_status),
                _ => Some(any_status),
            };
            ApiError { kind, message, http_status }
        })
        .boxed()
}

/// An [`ApiErrorDocument`]: an API error with the job it names, or not.
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::testkit::values::api_error_document;
///
/// proptest!(ProptestConfig::with_cases(16), |(doc in api_error_document())| {
///     prop_assert!(!doc.error.kind.as_str().is_empty());
/// });
/// ```
pub fn api_error_document() -> BoxedStrategy<ApiErrorDocument> {
    (api_error(), option::of(workspace_id()), option::of(sync_source()))
        .prop_map(|(error, workspace_id, sync_source)| ApiErrorDocument { error, workspace_id, sync_source })
        .boxed()
}

/// Whether a summary has at least one field (and so is recognisable as a [`Document`]).
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::model::SyncJobSummary;
/// use twinmaker_syncjob::testkit::values::summary_is_recognisable;
///
/// assert!(!summary_is_recognisable(&SyncJobSummary::default()));
/// ```
#[must_use]
pub fn summary_is_recognisable(summary: &SyncJobSummary) -> bool {
    *summary != SyncJobSummary::default()
}

/// Any [`Document`] whose shape can be detected (see the module notes).
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::decode::{Decode, Document};
/// use twinmaker_syncjob::encode::{Encode, Form};
/// use twinmaker_syncjob::testkit::values::document;
///
/// proptest!(ProptestConfig::with_cases(16), |(doc in document())| {
///     // The canonical form keeps every field an API error document holds.
///     prop_assert!(Document::decode_str(&doc.encode(Form::Canonical)).is_ok());
/// });
/// ```
pub fn document() -> BoxedStrategy<Document> {
    prop_oneof![
        snapshot().prop_map(Document::SyncJob),
        summary()
            .prop_filter("an empty summary is not recognisable", summary_is_recognisable)
            .prop_map(Document::Summary),
        page().prop_map(Document::Page),
        create_response().prop_map(Document::Created),
        delete_response().prop_map(Document::Deleted),
        api_error_document().prop_map(Document::Error),
    ]
    .boxed()
}

// ---------------------------------------------------------------------------------------------
// Near misses, for validators' oracle tests.

/// Characters on the edges of the patterns' classes, and beyond ASCII: the likeliest to expose a
/// validator that is too lenient or too strict.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::testkit::values::EDGE_CHARS;
///
/// assert!(EDGE_CHARS.contains(&'\u{212A}')); // KELVIN SIGN, which case-folds to 'k'
/// ```
pub const EDGE_CHARS: &[char] = &[
    'a',
    'z',
    'A',
    'Z',
    '0',
    '9',
    '_',
    '-',
    '.',
    ':',
    '/',
    '#',
    ' ',
    '`',
    '@',
    '[',
    '{',
    '\\',
    '\n',
    '\0',
    'é',
    'ß',
    '\u{212A}',  // KELVIN SIGN, which case-folds to 'k'
    '\u{0663}',  // ARABIC-INDIC DIGIT THREE, a Unicode digit
    '\u{FF21}',  // FULLWIDTH LATIN CAPITAL LETTER A
    '\u{200B}',  // ZERO WIDTH SPACE
    '\u{1D538}', // MATHEMATICAL DOUBLE-STRUCK CAPITAL A, outside the BMP
];

/// A character from [`EDGE_CHARS`] three times in four, any character otherwise.
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::testkit::values::edge_char;
///
/// proptest!(ProptestConfig::with_cases(8), |(c in edge_char())| prop_assert!(c.len_utf8() <= 4));
/// ```
pub fn edge_char() -> impl Strategy<Value = char> + Clone {
    prop_oneof![3 => select(EDGE_CHARS), 1 => any::<char>()]
}

/// One edit of a string, at a position chosen relative to its length (see [`apply`]).
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use proptest::sample::Index;
/// use twinmaker_syncjob::testkit::values::{Edit, apply};
///
/// proptest!(ProptestConfig::with_cases(16), |(at in any::<Index>())| {
///     prop_assert_eq!(apply("abc", &Edit::Delete(at)).len(), 2);
///     prop_assert_eq!(apply("abc", &Edit::Insert(at, '-')).len(), 4);
///     prop_assert!(apply("abc", &Edit::Truncate(at)).len() <= 3);
/// });
/// ```
#[derive(Clone, Debug)]
pub enum Edit {
    /// Insert a character.
    Insert(Index, char),
    /// Delete a character.
    Delete(Index),
    /// Replace a character.
    Replace(Index, char),
    /// Keep only a prefix.
    Truncate(Index),
    /// Repeat a character `n` more times in place.
    Repeat(Index, usize),
}

/// Any [`Edit`].
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::testkit::values::{apply, edit};
///
/// proptest!(ProptestConfig::with_cases(16), |(e in edit())| {
///     let _ = apply("plant-1", &e);
/// });
/// ```
pub fn edit() -> impl Strategy<Value = Edit> + Clone {
    prop_oneof![
        (any::<Index>(), edge_char()).prop_map(|(at, c)| Edit::Insert(at, c)),
        any::<Index>().prop_map(Edit::Delete),
        (any::<Index>(), edge_char()).prop_map(|(at, c)| Edit::Replace(at, c)),
        any::<Index>().prop_map(Edit::Truncate),
        (any::<Index>(), 1..3000_usize).prop_map(|(at, n)| Edit::Repeat(at, n)),
    ]
}

/// Applies `edit` to `s`, counting positions in characters.
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use proptest::sample::Index;
/// use twinmaker_syncjob::testkit::values::{Edit, apply};
///
/// proptest!(ProptestConfig::with_cases(16), |(at in any::<Index>())| {
///     prop_assert_eq!(apply("é1", &Edit::Repeat(at, 2)).chars().count(), 4);
///     prop_assert_eq!(apply("", &Edit::Delete(at)), "");
///     prop_assert_eq!(apply("a", &Edit::Replace(at, 'b')), "b");
/// });
/// ```
#[must_use]
pub fn apply(s: &str, edit: &Edit) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    let len = chars.len();
    match *edit {
        Edit::Insert(at, c) => chars.insert(at.index(len + 1), c),
        Edit::Delete(at) if len > 0 => {
            chars.remove(at.index(len));
        }
        Edit::Replace(at, c) => {
            if let Some(slot) = chars.get_mut(at.index(len.max(1))) {
                *slot = c;
            }
        }
        Edit::Truncate(at) => chars.truncate(at.index(len + 1)),
        Edit::Repeat(at, n) => {
            let i = at.index(len.max(1));
            if let Some(&c) = chars.get(i) {
                chars.splice(i..i, std::iter::repeat_n(c, n));
            }
        }
        Edit::Delete(_) => {}
    }
    chars.into_iter().collect()
}

/// Strings close to the valid ones of `valid`: each is a valid string with zero to three edits, so
/// most lie just inside or just outside the pattern.
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::model::WorkspaceId;
/// use twinmaker_syncjob::testkit::values::{near_miss, workspace_id_string};
///
/// // The validator agrees with the pattern on strings near valid ones.
/// let pattern = |s: &str| {
///     let b = s.as_bytes();
///     (2..=128).contains(&s.chars().count())
///         && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_' || *c == b'-')
///         && b.first().is_some_and(|c| *c != b'-')
///         && b.last().is_some_and(|c| c.is_ascii_alphanumeric())
/// };
/// proptest!(ProptestConfig::with_cases(64), |(s in near_miss(workspace_id_string()))| {
///     prop_assert_eq!(WorkspaceId::parse(&s).is_ok(), pattern(&s));
/// });
/// ```
pub fn near_miss(valid: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    (valid, vec(edit(), 0..=3)).prop_map(|(s, edits)| edits.iter().fold(s, |s, edit| apply(&s, edit)))
}

/// Strings of exactly the lengths in `lengths` (in characters): a valid string cut or padded with
/// `filler`, to probe the length bounds.
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::model::ErrorMessage;
/// use twinmaker_syncjob::testkit::values::{at_lengths, error_message_string};
///
/// let lengths = vec![2047, 2048, 2049];
/// proptest!(ProptestConfig::with_cases(16), |(s in at_lengths(error_message_string(), lengths.clone(), Just('é')))| {
///     prop_assert_eq!(ErrorMessage::parse(&s).is_ok(), s.chars().count() <= 2048);
/// });
/// ```
pub fn at_lengths(
    valid: impl Strategy<Value = String>,
    lengths: Vec<usize>,
    filler: impl Strategy<Value = char>,
) -> impl Strategy<Value = String> {
    (valid, select(lengths), filler).prop_map(|(s, len, filler)| {
        let mut chars: Vec<char> = s.chars().collect();
        chars.resize(len, filler);
        chars.into_iter().collect()
    })
}
