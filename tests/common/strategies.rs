//! proptest strategies for the model's values, and near-miss strings for the validators.
//!
//! Every value generated satisfies the model's constraints (the reference sheet's table): the
//! strings are built from the model's patterns, then passed through the model's own parsers with
//! `prop_filter_map`, so a strategy never holds an invalid value and needs no `unwrap`. (If a
//! parser wrongly rejected most valid strings, proptest would fail with "too many local rejects";
//! the oracle tests in `decode_props.rs` check the parsers against the regular expressions.)
//!
//! Written as a public API: these strategies are meant to move into the crate's `proptest`
//! feature module.
//!
//! Limits, and why:
//! - timestamps lie strictly within 2^33 seconds of 1970 (the years 1698 to 2242), where an `f64`
//!   of epoch seconds holds every microsecond, so the wire form round-trips exactly (see
//!   `Timestamp::from_epoch_seconds_f64`);
//! - unknown exception names are identifier-like (`[A-Za-z][A-Za-z0-9_]*`): the decoder strips a
//!   `namespace#` prefix, a `:...` suffix and surrounding white space from what it reads, so a
//!   name containing `#` or `:` does not come back unchanged;
//! - a [`SyncJobSummary`] with no field at all encodes as `{}`, which [`Document`] cannot tell apart
//!   from any other empty object: [`document`] only generates summaries with at least one field.

// Held to the library's lints, although test code may relax them: this module is to move into
// the crate.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::{Index, select};
use twinmaker_syncjob::decode::{ApiErrorDocument, Document};
use twinmaker_syncjob::model::{
    ApiError, ApiErrorKind, CreateSyncJobResponse, DeleteSyncJobResponse, ErrorCode, ErrorDetails, ErrorMessage,
    ListSyncJobsPage, Open, SyncJobArn, SyncJobSnapshot, SyncJobState, SyncJobStatus, SyncJobSummary, SyncRoleArn,
    SyncSource, Timestamp, WireEnum, WorkspaceId,
};

/// The partitions the ARN patterns allow.
pub const PARTITIONS: [&str; 3] = ["aws", "aws-cn", "aws-us-gov"];

/// The largest distance from 1970, in microseconds, at which the wire form (an `f64` of epoch
/// seconds) still holds every microsecond: just under 2^33 seconds.
pub const WIRE_EXACT_MICROS: i64 = (1 << 33) * 1_000_000 - 1;

// ---------------------------------------------------------------------------------------------
// Identifier strings (valid by construction) and the validated types.

/// A workspace id string: 2 to 128 characters, `[a-zA-Z_0-9]` then `[a-zA-Z_0-9-]*` then a
/// letter or digit. (One character never matches the pattern, which needs two.)
pub fn workspace_id_string() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-zA-Z_0-9][a-zA-Z_0-9-]{0,14}[a-zA-Z0-9]",
        1 => "[a-zA-Z_0-9][a-zA-Z_0-9-]{0,126}[a-zA-Z0-9]",
    ]
}

/// A valid [`WorkspaceId`].
pub fn workspace_id() -> impl Strategy<Value = WorkspaceId> {
    workspace_id_string().prop_filter_map("WorkspaceId::parse accepts it", |s| WorkspaceId::parse(&s).ok())
}

/// A sync source string matching `[a-zA-Z_0-9]+`, often `SITEWISE`.
pub fn sync_source_string() -> impl Strategy<Value = String> {
    prop_oneof![2 => Just("SITEWISE".to_owned()), 1 => "[a-zA-Z_0-9]{1,24}"]
}

/// A partition of the ARN patterns.
pub fn partition() -> impl Strategy<Value = &'static str> {
    select(&PARTITIONS[..])
}

/// A region matching `[a-z0-9-]+`: usually a real one.
pub fn region() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => select(&["us-east-1", "eu-west-1", "ap-southeast-2", "cn-north-1", "us-gov-west-1"][..]).prop_map(str::to_owned),
        1 => "[a-z0-9-]{1,20}",
    ]
}

/// A 12-digit account id.
pub fn account_id() -> impl Strategy<Value = String> {
    "[0-9]{12}"
}

/// A sync job ARN string: usually `workspace/<id>/sync-job/<source>`, sometimes any resource the
/// pattern allows, sometimes close to the 2048-character limit.
pub fn sync_job_arn_string() -> impl Strategy<Value = String> {
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
pub fn sync_job_arn() -> impl Strategy<Value = SyncJobArn> {
    sync_job_arn_string().prop_filter_map("SyncJobArn::parse accepts it", |s| SyncJobArn::parse(&s).ok())
}

/// A sync role ARN string: `arn:<partition>:iam::<12 digits>:role/` then anything (any character,
/// new lines included, as the pattern allows), within 2048 characters.
pub fn sync_role_arn_string() -> impl Strategy<Value = String> {
    let head = || (partition(), account_id());
    prop_oneof![
        3 => (head(), "[a-zA-Z0-9+=,.@_/-]{1,64}").prop_map(|((p, a), name)| format!("arn:{p}:iam::{a}:role/{name}")),
        1 => (head(), "(?s).{0,40}").prop_map(|((p, a), rest)| format!("arn:{p}:iam::{a}:role/{rest}")),
        1 => (head(), "(?s).{1990,2000}").prop_map(|((p, a), rest)| format!("arn:{p}:iam::{a}:role/{rest}")),
    ]
}

/// A valid [`SyncRoleArn`].
pub fn sync_role_arn() -> impl Strategy<Value = SyncRoleArn> {
    sync_role_arn_string().prop_filter_map("SyncRoleArn::parse accepts it", |s| SyncRoleArn::parse(&s).ok())
}

/// An error message string of 0 to 2048 characters of any kind (multi-byte ones included).
pub fn error_message_string() -> impl Strategy<Value = String> {
    prop_oneof![4 => "(?s).{0,80}", 1 => "(?s).{2040,2048}"]
}

/// A valid [`ErrorMessage`].
pub fn error_message() -> impl Strategy<Value = ErrorMessage> {
    error_message_string().prop_filter_map("ErrorMessage::parse accepts it", |s| ErrorMessage::parse(&s).ok())
}

// ---------------------------------------------------------------------------------------------
// Enumerations.

/// One of the values this crate knows.
pub fn known<K: WireEnum>() -> impl Strategy<Value = K> {
    select(K::known_values().collect::<Vec<_>>())
}

/// An unknown value of `K` from the raw strings of `raw`: those that are not known values and that
/// the field's constraints allow.
pub fn unknown<K: WireEnum>(raw: impl Strategy<Value = String>) -> impl Strategy<Value = Open<K>> {
    raw.prop_filter_map("an unknown value the model allows", |s| match Open::<K>::parse(&s) {
        Ok(value @ Open::Unknown(_)) => Some(value),
        _ => None,
    })
}

/// A raw string for an unknown `SyncJobState` or `ErrorCode`: the model gives no pattern, so
/// anything, from plausible future values to quotes, control characters and the empty string.
pub fn unknown_enum_string() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[A-Z][A-Z_]{0,30}",
        1 => "(?s).{0,12}",
        1 => any::<String>(),
        1 => Just(String::new()),
        1 => select(&["active", "Active", " ACTIVE", "ACTIVE ", "\"", "\\", "ERROR\u{0}"][..]).prop_map(str::to_owned),
    ]
}

/// A raw string for an unknown exception name (see the module notes).
pub fn unknown_exception_string() -> impl Strategy<Value = String> {
    "[A-Za-z][A-Za-z0-9_]{0,40}"
}

/// A [`SyncJobState`], known three times in four.
pub fn sync_job_state() -> impl Strategy<Value = Open<SyncJobState>> {
    prop_oneof![3 => known::<SyncJobState>().prop_map(Open::Known), 1 => unknown::<SyncJobState>(unknown_enum_string())]
}

/// An [`ErrorCode`], known three times in four.
pub fn error_code() -> impl Strategy<Value = Open<ErrorCode>> {
    prop_oneof![3 => known::<ErrorCode>().prop_map(Open::Known), 1 => unknown::<ErrorCode>(unknown_enum_string())]
}

/// A [`SyncSource`], known three times in four; unknown ones match `[a-zA-Z_0-9]+`.
pub fn sync_source() -> impl Strategy<Value = Open<SyncSource>> {
    prop_oneof![3 => Just(Open::Known(SyncSource::Sitewise)), 1 => unknown::<SyncSource>("[a-zA-Z_0-9]{1,24}")]
}

/// An [`ApiErrorKind`], known three times in four.
pub fn api_error_kind() -> impl Strategy<Value = Open<ApiErrorKind>> {
    prop_oneof![
        3 => known::<ApiErrorKind>().prop_map(Open::Known),
        1 => unknown::<ApiErrorKind>(unknown_exception_string()),
    ]
}

// ---------------------------------------------------------------------------------------------
// Timestamps.

/// A [`Timestamp`] strictly within 2^33 seconds of 1970 (see [`WIRE_EXACT_MICROS`]): any
/// microsecond, whole milliseconds (what the wire sends), whole seconds, or this decade.
pub fn timestamp() -> impl Strategy<Value = Timestamp> {
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
pub fn error_details() -> BoxedStrategy<ErrorDetails> {
    (option::of(error_code()), option::of(error_message()))
        .prop_map(|(code, message)| ErrorDetails { code, message })
        .boxed()
}

/// [`SyncJobStatus`], each part present or not.
pub fn sync_job_status() -> BoxedStrategy<SyncJobStatus> {
    (option::of(sync_job_state()), option::of(error_details()))
        .prop_map(|(state, error)| SyncJobStatus { state, error })
        .boxed()
}

/// A GetSyncJob response.
pub fn snapshot() -> BoxedStrategy<SyncJobSnapshot> {
    (sync_job_arn(), workspace_id(), sync_source(), sync_role_arn(), sync_job_status(), timestamp(), timestamp())
        .prop_map(|(arn, workspace_id, sync_source, sync_role, status, creation_date_time, update_date_time)| {
            SyncJobSnapshot { arn, workspace_id, sync_source, sync_role, status, creation_date_time, update_date_time }
        })
        .boxed()
}

/// A ListSyncJobs summary, each field present or not (all absent included).
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

/// A ListSyncJobs page: up to four summaries and maybe a token (the model puts no constraint on it).
pub fn page() -> BoxedStrategy<ListSyncJobsPage> {
    (vec(summary(), 0..4), option::of(any::<String>()))
        .prop_map(|(sync_job_summaries, next_token)| ListSyncJobsPage { sync_job_summaries, next_token })
        .boxed()
}

/// A CreateSyncJob response.
pub fn create_response() -> BoxedStrategy<CreateSyncJobResponse> {
    (sync_job_arn(), timestamp(), sync_job_state())
        .prop_map(|(arn, creation_date_time, state)| CreateSyncJobResponse { arn, creation_date_time, state })
        .boxed()
}

/// A DeleteSyncJob response.
pub fn delete_response() -> BoxedStrategy<DeleteSyncJobResponse> {
    sync_job_state().prop_map(|state| DeleteSyncJobResponse { state }).boxed()
}

/// An [`ApiError`]: any message; the HTTP status absent, the one the model gives the kind, or any.
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

/// An API error document, with the job it names or not.
pub fn api_error_document() -> BoxedStrategy<ApiErrorDocument> {
    (api_error(), option::of(workspace_id()), option::of(sync_source()))
        .prop_map(|(error, workspace_id, sync_source)| ApiErrorDocument { error, workspace_id, sync_source })
        .boxed()
}

/// Whether a summary has at least one field (and so is recognisable as a [`Document`]).
pub fn summary_is_recognisable(summary: &SyncJobSummary) -> bool {
    *summary != SyncJobSummary::default()
}

/// Any [`Document`] whose shape can be detected (see the module notes).
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
// Near misses, for the validators' oracle tests.

/// Characters on the edges of the patterns' classes, and beyond ASCII: the likeliest to expose a
/// validator that is too lenient or too strict.
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

/// A character from [`EDGE_CHARS`], or any character.
pub fn edge_char() -> impl Strategy<Value = char> {
    prop_oneof![3 => select(EDGE_CHARS), 1 => any::<char>()]
}

/// One edit of a string, at a position chosen relative to its length.
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
pub fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<Index>(), edge_char()).prop_map(|(at, c)| Edit::Insert(at, c)),
        any::<Index>().prop_map(Edit::Delete),
        (any::<Index>(), edge_char()).prop_map(|(at, c)| Edit::Replace(at, c)),
        any::<Index>().prop_map(Edit::Truncate),
        (any::<Index>(), 1..3000_usize).prop_map(|(at, n)| Edit::Repeat(at, n)),
    ]
}

/// Applies `edit` to `s`, counting positions in characters.
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
pub fn near_miss(valid: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    (valid, vec(edit(), 0..=3)).prop_map(|(s, edits)| edits.iter().fold(s, |s, edit| apply(&s, edit)))
}

/// Strings of exactly the lengths in `lengths` (in characters): a valid string cut or padded with
/// `filler`, to probe the length bounds.
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
