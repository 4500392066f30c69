//! Malformed documents, one table: each case names the decoder, the input, and the exact error
//! expected: its kind (variant and key fields), its field path, and its line and column.
//!
//! The positions follow the conventions documented on `DecodeError` (where the parser stopped: the
//! last character of a bad string or number, the opening bracket of a non-empty container of the
//! wrong type, the end of the document for a missing top-level field, the closing quote of a
//! duplicate key, ...). Columns count bytes, from 1.
//!
//! Every case runs under `catch_unwind`, so a panic is reported as a failure of that case.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed unwrap or index is a failed test (clippy.toml allows them in #[test] functions; this extends that to the helpers)"
)]

use std::panic::{AssertUnwindSafe, catch_unwind};

use twinmaker_syncjob::decode::{
    ApiErrorDocument, Decode, DecodeError, DecodeErrorKind, DecodeOptions, Document, decode_http_error,
};
use twinmaker_syncjob::model::{
    ApiError, ConstraintError, CreateSyncJobResponse, DeleteSyncJobResponse, ListSyncJobsPage, PatternDetail,
    SyncJobSnapshot, SyncJobSummary, TimestampError,
};

const ARN: &str = "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/w1/sync-job/SITEWISE";
const ROLE: &str = "arn:aws:iam::123456789012:role/R";

/// Which decoder a case calls.
#[derive(Clone, Copy, Debug)]
enum Via {
    Document,
    Snapshot,
    Summary,
    Page,
    Create,
    Delete,
    ApiError,
    ApiErrorDocument,
    /// `decode_http_error` with this `x-amzn-errortype` header (and no status).
    Http(Option<&'static str>),
}

struct Case {
    name: &'static str,
    via: Via,
    options: DecodeOptions,
    input: Vec<u8>,
    /// The expected kind, as a pattern (for the failure message) and as a check.
    kind: (&'static str, fn(&DecodeErrorKind) -> bool),
    path: &'static str,
    at: (usize, usize),
}

macro_rules! kind {
    ($pattern:pat $(if $guard:expr)?) => {
        (stringify!($pattern $(if $guard)?), |kind: &DecodeErrorKind| matches!(kind, $pattern $(if $guard)?))
    };
}

fn case(
    name: &'static str,
    via: Via,
    input: impl Into<Vec<u8>>,
    kind: (&'static str, fn(&DecodeErrorKind) -> bool),
    path: &'static str,
    at: (usize, usize),
) -> Case {
    Case { name, via, options: DecodeOptions::new(), input: input.into(), kind, path, at }
}

fn strict(mut c: Case) -> Case {
    c.options = c.options.strict(true);
    c
}

fn run(via: Via, input: &[u8], options: &DecodeOptions) -> Result<(), DecodeError> {
    match via {
        Via::Document => Document::decode_with(input, options).map(drop),
        Via::Snapshot => SyncJobSnapshot::decode_with(input, options).map(drop),
        Via::Summary => SyncJobSummary::decode_with(input, options).map(drop),
        Via::Page => ListSyncJobsPage::decode_with(input, options).map(drop),
        Via::Create => CreateSyncJobResponse::decode_with(input, options).map(drop),
        Via::Delete => DeleteSyncJobResponse::decode_with(input, options).map(drop),
        Via::ApiError => ApiError::decode_with(input, options).map(drop),
        Via::ApiErrorDocument => ApiErrorDocument::decode_with(input, options).map(drop),
        Via::Http(header) => decode_http_error(None, header, input).map(drop),
    }
}

/// A one-line GetSyncJob response with `field` replaced by `raw` (raw JSON), the field first so the
/// columns stay small.
fn snapshot_with(field: &str, raw: &str) -> String {
    let mut fields = vec![
        ("arn", format!("\"{ARN}\"")),
        ("workspaceId", "\"w1\"".to_owned()),
        ("syncSource", "\"SITEWISE\"".to_owned()),
        ("syncRole", format!("\"{ROLE}\"")),
        ("status", r#"{"state":"ACTIVE"}"#.to_owned()),
        ("creationDateTime", "1710408413.589".to_owned()),
        ("updateDateTime", "1710408787.021".to_owned()),
    ];
    let at = fields.iter().position(|(name, _)| *name == field).expect("a field of the shape");
    let (name, _) = fields.remove(at);
    fields.insert(0, (name, raw.to_owned()));
    let body: Vec<String> = fields.iter().map(|(name, value)| format!("\"{name}\":{value}")).collect();
    format!("{{{}}}", body.join(","))
}

fn nested(open: &str, close: &str, depth: usize, inner: &str) -> String {
    format!("{}{inner}{}", open.repeat(depth), close.repeat(depth))
}

#[allow(clippy::too_many_lines, reason = "one table")]
fn cases() -> Vec<Case> {
    use DecodeErrorKind as K;
    use Via::*;
    let long_message = "x".repeat(2049);
    let long_message_multibyte = "é".repeat(2049);
    let huge = format!(r#"{{"state":"DELETING","x":"{}"}}"#, "a".repeat(DecodeOptions::DEFAULT_MAX_DOCUMENT_BYTES));
    vec![
        // --- Truncated input and JSON syntax -------------------------------------------------
        case("empty input", Document, "", kind!(K::UnexpectedEnd), "", (1, 1)),
        case("only white space", Document, "  \n  ", kind!(K::UnexpectedEnd), "", (2, 2)),
        case("only an opening brace", Delete, "{", kind!(K::UnexpectedEnd), "", (1, 1)),
        case("truncated in a key", Delete, r#"{"sta"#, kind!(K::UnexpectedEnd), "", (1, 5)),
        case("truncated after a key", Delete, r#"{"state""#, kind!(K::UnexpectedEnd), "state", (1, 8)),
        case("truncated after the colon", Delete, r#"{"state":"#, kind!(K::UnexpectedEnd), "state", (1, 9)),
        case("truncated in a string value", Delete, r#"{"state":"ACT"#, kind!(K::UnexpectedEnd), "state", (1, 13)),
        case("truncated in a timestamp", Create, r#"{"creationDateTime":17104"#, kind!(K::UnexpectedEnd), "", (1, 25)),
        case("truncated after a value", Delete, r#"{"state":"DELETING""#, kind!(K::UnexpectedEnd), "", (1, 19)),
        case(
            "truncated CLI output, inside status",
            Snapshot,
            "{\n    \"arn\": \"arn:aws:iottwinmaker:us-east-1:123456789012:workspace/w\",\n    \"status\": {\n        \"state\": \"ACTIVE\"\n",
            kind!(K::UnexpectedEnd),
            "status",
            (5, 1),
        ),
        case(
            "truncated page, inside the second summary",
            Page,
            r#"{"syncJobSummaries":[{"workspaceId":"w1"},{"workspaceId":"w2""#,
            kind!(K::UnexpectedEnd),
            "syncJobSummaries[1]",
            (1, 61),
        ),
        case(
            "trailing characters",
            Delete,
            r#"{"state":"DELETING"} x"#,
            kind!(K::Syntax { message } if message == "trailing characters"),
            "",
            (1, 22),
        ),
        case(
            "two documents",
            Delete,
            r#"{"state":"DELETING"}{"state":"DELETING"}"#,
            kind!(K::Syntax { message } if message == "trailing characters"),
            "",
            (1, 21),
        ),
        case(
            "trailing comma in an object",
            Delete,
            r#"{"state":"DELETING",}"#,
            kind!(K::Syntax { message } if message == "trailing comma"),
            "",
            (1, 21),
        ),
        case(
            "trailing comma in an array",
            Page,
            r#"{"syncJobSummaries":[{},]}"#,
            kind!(K::Syntax { message } if message == "trailing comma"),
            "syncJobSummaries[1]",
            (1, 25),
        ),
        case(
            "missing colon",
            Delete,
            r#"{"state" "DELETING"}"#,
            kind!(K::Syntax { message } if message == "expected `:`"),
            "state",
            (1, 10),
        ),
        case(
            "single quotes",
            Delete,
            "{'state':'DELETING'}",
            kind!(K::Syntax { message } if message == "key must be a string"),
            "",
            (1, 2),
        ),
        case(
            "a comment before the document",
            Delete,
            "// saved from the CLI\n{\"state\":\"DELETING\"}",
            kind!(K::Syntax { message } if message == "expected value"),
            "",
            (1, 1),
        ),
        case(
            "NaN as a bare word",
            Summary,
            r#"{"creationDateTime":NaN}"#,
            kind!(K::Syntax { message } if message == "expected value"),
            "creationDateTime",
            (1, 21),
        ),
        case(
            "Infinity as a bare word",
            Summary,
            r#"{"updateDateTime":Infinity}"#,
            kind!(K::Syntax { message } if message == "expected value"),
            "updateDateTime",
            (1, 19),
        ),
        case(
            "a number with a leading zero",
            Summary,
            r#"{"creationDateTime":01710408413}"#,
            kind!(K::Syntax { message } if message == "invalid number"),
            "creationDateTime",
            (1, 22),
        ),
        case(
            "a raw tab inside a string",
            Delete,
            "{\"state\":\"DELE\tTING\"}",
            kind!(K::Syntax { message } if message == "control character (\\u0000-\\u001F) found while parsing a string"),
            "state",
            (1, 15),
        ),
        case(
            "an invalid escape",
            Delete,
            r#"{"state":"\q"}"#,
            kind!(K::Syntax { message } if message == "invalid escape"),
            "state",
            (1, 12),
        ),
        case(
            "a lone surrogate escape",
            Summary,
            r#"{"workspaceId":"w\ud800x1"}"#,
            kind!(K::Syntax { message } if message == "unexpected end of hex escape"),
            "workspaceId",
            (1, 24),
        ),
        case(
            "invalid UTF-8 in a value",
            Delete,
            &b"{\"state\":\"DEL\xffETING\"}"[..],
            kind!(K::InvalidUtf8),
            "",
            (1, 14),
        ),
        case(
            "invalid UTF-8 on line 3",
            Summary,
            &b"{\n  \"workspaceId\": \"w1\",\n  \"syncSource\": \"S\xc3\x28\"\n}"[..],
            kind!(K::InvalidUtf8),
            "",
            (3, 19),
        ),
        case("a truncated multi-byte character", Delete, &b"{\"state\":\"\xc3"[..], kind!(K::InvalidUtf8), "", (1, 11)),
        case("UTF-16 with a byte order mark", Document, &b"\xff\xfe{\x00}\x00"[..], kind!(K::InvalidUtf8), "", (1, 1)),
        case(
            "a UTF-8 byte order mark",
            Delete,
            &b"\xef\xbb\xbf{\"state\":\"DELETING\"}"[..],
            kind!(K::Syntax { message } if message == "expected value"),
            "",
            (1, 1),
        ),
        // --- Not an object, or not a sync-job payload ----------------------------------------
        case(
            "a top-level array",
            Document,
            "[]",
            kind!(K::WrongType { message } if message == "invalid type: sequence, expected a sync-job payload object"),
            "",
            (1, 1),
        ),
        case(
            "a top-level string",
            Snapshot,
            r#""ACTIVE""#,
            kind!(K::WrongType { message } if message == r#"invalid type: string "ACTIVE", expected a GetSyncJob response object"#),
            "",
            (1, 8),
        ),
        case(
            "a top-level null",
            Delete,
            "null",
            kind!(K::WrongType { message } if message == "invalid type: null, expected a DeleteSyncJob response object"),
            "",
            (1, 4),
        ),
        case(
            "a top-level number",
            ApiError,
            "404",
            kind!(K::WrongType { message } if message == "invalid type: integer `404`, expected an API error object"),
            "",
            (1, 3),
        ),
        case(
            "a top-level boolean",
            Page,
            "true",
            kind!(K::WrongType { message } if message == "invalid type: boolean `true`, expected a ListSyncJobs response object"),
            "",
            (1, 4),
        ),
        case("an empty object", Document, "{}", kind!(K::UnrecognisedDocument), "", (1, 2)),
        case(
            "only keys of no sync-job payload",
            Document,
            r#"{"jobs":[],"ResponseMetadata":{"HTTPStatusCode":200}}"#,
            kind!(K::UnrecognisedDocument),
            "",
            (1, 53),
        ),
        // --- Missing required fields ------------------------------------------------------------
        case(
            "a snapshot without syncRole",
            Snapshot,
            format!(
                r#"{{"arn":"{ARN}","workspaceId":"w1","syncSource":"SITEWISE","status":{{}},"creationDateTime":1,"updateDateTime":2}}"#
            ),
            kind!(K::MissingField { field: "syncRole" }),
            "syncRole",
            (1, 179),
        ),
        case(
            "a detected snapshot without updateDateTime",
            Document,
            format!(
                r#"{{"arn":"{ARN}","syncRole":"{ROLE}","workspaceId":"w1","syncSource":"SITEWISE","status":{{}},"creationDateTime":1}}"#
            ),
            kind!(K::MissingField { field: "updateDateTime" }),
            "updateDateTime",
            (1, 206),
        ),
        case(
            "a detected snapshot without status",
            Document,
            format!(
                r#"{{"syncRole":"{ROLE}","arn":"{ARN}","workspaceId":"w1","syncSource":"SITEWISE","creationDateTime":1,"updateDateTime":2}}"#
            ),
            kind!(K::MissingField { field: "status" }),
            "status",
            (1, 213),
        ),
        case(
            "a detected create response without creationDateTime",
            Document,
            format!(r#"{{"arn":"{ARN}","state":"CREATING"}}"#),
            kind!(K::MissingField { field: "creationDateTime" }),
            "creationDateTime",
            (1, 103),
        ),
        case(
            "a delete response without state",
            Delete,
            r#"{"ResponseMetadata":{}}"#,
            kind!(K::MissingField { field: "state" }),
            "state",
            (1, 23),
        ),
        case(
            "an error body without __type",
            ApiError,
            r#"{"message":"Rate exceeded"}"#,
            kind!(K::MissingField { field: "__type" }),
            "__type",
            (1, 27),
        ),
        case(
            "a boto3 Error without Code",
            ApiError,
            r#"{"Error":{"Message":"m"},"ResponseMetadata":{"HTTPStatusCode":400}}"#,
            kind!(K::MissingField { field: "Code" }),
            "Error.Code",
            (1, 67),
        ),
        case(
            "an HTTP error with no header and no __type",
            Http(None),
            r#"{"message":"m"}"#,
            kind!(K::MissingField { field: "__type" }),
            "__type",
            (1, 15),
        ),
        case(
            "an HTTP error whose header is only a suffix, and no __type",
            Http(Some(":http://internal.amazon.com/coral/")),
            r#"{"message":"m"}"#,
            kind!(K::MissingField { field: "__type" }),
            "__type",
            (1, 15),
        ),
        // --- null where the model requires a value --------------------------------------------
        case(
            "a null arn",
            Snapshot,
            format!(
                r#"{{"arn":null,"workspaceId":"w1","syncSource":"SITEWISE","syncRole":"{ROLE}","status":{{}},"creationDateTime":1,"updateDateTime":2}}"#
            ),
            kind!(K::WrongType { message } if message == "invalid type: null, where the model requires a value"),
            "arn",
            (1, 153),
        ),
        case(
            "a null state in a create response",
            Create,
            format!(r#"{{"arn":"{ARN}","creationDateTime":1,"state":null}}"#),
            kind!(K::WrongType { message } if message == "invalid type: null, where the model requires a value"),
            "state",
            (1, 118),
        ),
        case(
            "a null creationDateTime",
            Snapshot,
            format!(
                r#"{{"arn":"{ARN}","workspaceId":"w1","syncSource":"SITEWISE","syncRole":"{ROLE}","status":{{}},"creationDateTime":null,"updateDateTime":2}}"#
            ),
            kind!(K::WrongType { message } if message == "invalid type: null, where the model requires a value"),
            "creationDateTime",
            (1, 228),
        ),
        case(
            "a null status",
            Snapshot,
            format!(
                r#"{{"arn":"{ARN}","workspaceId":"w1","syncSource":"SITEWISE","syncRole":"{ROLE}","status":null,"creationDateTime":1,"updateDateTime":2}}"#
            ),
            kind!(K::WrongType { message } if message == "invalid type: null, where the model requires a value"),
            "status",
            (1, 227),
        ),
        case(
            "a null __type",
            ApiError,
            r#"{"__type":null,"message":"m"}"#,
            kind!(K::WrongType { message } if message == "invalid type: null, where the model requires a value"),
            "__type",
            (1, 29),
        ),
        case(
            "a null boto3 Error.Code",
            ApiError,
            r#"{"Error":{"Code":null,"Message":"m"}}"#,
            kind!(K::WrongType { message } if message == "invalid type: null, where the model requires a value"),
            "Error.Code",
            (1, 37),
        ),
        case(
            "a null boto3 Error",
            ApiError,
            r#"{"Error":null}"#,
            kind!(K::WrongType { message } if message == "invalid type: null, where the model requires a value"),
            "Error",
            (1, 14),
        ),
        // --- Wrong JSON types -------------------------------------------------------------------
        case(
            "a number for an ARN",
            Snapshot,
            r#"{"arn":42}"#,
            kind!(K::WrongType { message } if message == "invalid type: integer `42`, expected an ARN string"),
            "arn",
            (1, 9),
        ),
        case(
            "a boolean for a workspace id",
            Summary,
            r#"{"workspaceId":true}"#,
            kind!(K::WrongType { message } if message == "invalid type: boolean `true`, expected a workspace id string"),
            "workspaceId",
            (1, 19),
        ),
        case(
            "a string for status",
            Summary,
            r#"{"status":"ACTIVE"}"#,
            kind!(K::WrongType { message } if message == r#"invalid type: string "ACTIVE", expected a SyncJobStatus object"#),
            "status",
            (1, 18),
        ),
        case(
            "a number for status.state",
            Summary,
            r#"{"status":{"state":3}}"#,
            kind!(K::WrongType { message } if message == "invalid type: integer `3`, expected a SyncJobState string"),
            "status.state",
            (1, 20),
        ),
        case(
            "an array for status.error",
            Summary,
            r#"{"status":{"error":[]}}"#,
            kind!(K::WrongType { message } if message == "invalid type: sequence, expected an ErrorDetails object"),
            "status.error",
            (1, 21),
        ),
        case(
            "an object for status.error.code",
            Summary,
            r#"{"status":{"error":{"code":{}}}}"#,
            kind!(K::WrongType { message } if message == "invalid type: map, expected an ErrorCode string"),
            "status.error.code",
            (1, 29),
        ),
        case(
            "a number for status.error.message",
            Summary,
            r#"{"status":{"error":{"message":1.5}}}"#,
            kind!(K::WrongType { message } if message == "invalid type: floating point `1.5`, expected an error message string"),
            "status.error.message",
            (1, 33),
        ),
        case(
            "an object for syncJobSummaries",
            Page,
            r#"{"syncJobSummaries":{}}"#,
            kind!(K::WrongType { message } if message == "invalid type: map, expected an array of SyncJobSummary objects"),
            "syncJobSummaries",
            (1, 22),
        ),
        case(
            "a string among the summaries",
            Page,
            r#"{"syncJobSummaries":[{},"x"]}"#,
            kind!(K::WrongType { message } if message == r#"invalid type: string "x", expected a SyncJobSummary object"#),
            "syncJobSummaries[1]",
            (1, 27),
        ),
        case(
            "a number for nextToken",
            Page,
            r#"{"nextToken":7}"#,
            kind!(K::WrongType { message } if message == "invalid type: integer `7`, expected a token string"),
            "nextToken",
            (1, 14),
        ),
        case(
            "a boolean for a timestamp",
            Summary,
            r#"{"creationDateTime":false}"#,
            kind!(K::WrongType { message } if message == "invalid type: boolean `false`, expected a timestamp: epoch seconds or an RFC 3339 string with an offset"),
            "creationDateTime",
            (1, 25),
        ),
        case(
            "an array for a timestamp",
            Summary,
            r#"{"updateDateTime":[1710408413,589]}"#,
            kind!(K::WrongType { message } if message == "invalid type: sequence, expected a timestamp: epoch seconds or an RFC 3339 string with an offset"),
            "updateDateTime",
            (1, 19),
        ),
        case(
            "a string for HTTPStatusCode",
            ApiError,
            r#"{"__type":"ValidationException","ResponseMetadata":{"HTTPStatusCode":"400"}}"#,
            kind!(K::WrongType { message } if message == r#"invalid type: string "400", expected u16"#),
            "ResponseMetadata.HTTPStatusCode",
            (1, 74),
        ),
        case(
            "an HTTPStatusCode beyond u16",
            ApiError,
            r#"{"Error":{"Code":"ValidationException"},"ResponseMetadata":{"HTTPStatusCode":70000}}"#,
            kind!(K::WrongType { message } if message == "invalid value: integer `70000`, expected u16"),
            "ResponseMetadata.HTTPStatusCode",
            (1, 82),
        ),
        case(
            "a number for __type",
            ApiError,
            r#"{"__type":404}"#,
            kind!(K::WrongType { message } if message == "invalid type: integer `404`, expected an exception name string"),
            "__type",
            (1, 13),
        ),
        case(
            "a string for boto3's Error",
            ApiError,
            r#"{"Error":"ThrottlingException"}"#,
            kind!(K::WrongType { message } if message == r#"invalid type: string "ThrottlingException", expected boto3's Error object"#),
            "Error",
            (1, 30),
        ),
        case(
            "deep arrays where status belongs",
            Summary,
            format!(r#"{{"status":{}}}"#, nested("[", "]", 200, "")),
            kind!(K::WrongType { message } if message == "invalid type: sequence, expected a SyncJobStatus object"),
            "status",
            (1, 11),
        ),
        // --- Duplicate keys ------------------------------------------------------------------
        case(
            "a duplicate arn",
            Snapshot,
            format!(r#"{{"arn":"{ARN}","arn":"{ARN}"}}"#),
            kind!(K::DuplicateField { field: "arn" }),
            "arn",
            (1, 89),
        ),
        case(
            "a duplicate status.state",
            Summary,
            r#"{"status":{"state":"ACTIVE","state":"ERROR"}}"#,
            kind!(K::DuplicateField { field: "state" }),
            "status.state",
            (1, 35),
        ),
        case(
            "a duplicate status.error.code",
            Summary,
            r#"{"status":{"error":{"code":"X","code":"Y"}}}"#,
            kind!(K::DuplicateField { field: "code" }),
            "status.error.code",
            (1, 37),
        ),
        case(
            "a duplicate key in the second summary of a page",
            Page,
            r#"{"syncJobSummaries":[{"workspaceId":"w1"},{"workspaceId":"w1","workspaceId":"w2"}]}"#,
            kind!(K::DuplicateField { field: "workspaceId" }),
            "syncJobSummaries[1].workspaceId",
            (1, 75),
        ),
        case(
            "a duplicate __type",
            ApiError,
            r#"{"__type":"ThrottlingException","__type":"ValidationException"}"#,
            kind!(K::DuplicateField { field: "__type" }),
            "__type",
            (1, 40),
        ),
        case(
            "a duplicate HTTPStatusCode",
            ApiError,
            r#"{"Error":{"Code":"X"},"ResponseMetadata":{"HTTPStatusCode":400,"HTTPStatusCode":500}}"#,
            kind!(K::DuplicateField { field: "HTTPStatusCode" }),
            "ResponseMetadata.HTTPStatusCode",
            (1, 79),
        ),
        // --- Model constraints: ARNs -------------------------------------------------------------
        case(
            "an IAM role ARN where the job ARN belongs",
            Snapshot,
            snapshot_with("arn", r#""arn:aws:iam::123456789012:role/TwinMakerSync""#),
            kind!(K::Constraint(ConstraintError::Pattern {
                field: "arn",
                position: 9,
                detail: PatternDetail { found: Some('a'), position: 9, expected: "\":iottwinmaker:\"" },
                ..
            })),
            "arn",
            (1, 53),
        ),
        case(
            "a job ARN shorter than 20 characters",
            Snapshot,
            snapshot_with("arn", r#""arn:aws:x""#),
            kind!(K::Constraint(ConstraintError::Length { field: "arn", len: 9, min: 20, max: 2048 })),
            "arn",
            (1, 18),
        ),
        case(
            "a job ARN with an 11-digit account",
            Snapshot,
            snapshot_with("arn", r#""arn:aws:iottwinmaker:us-east-1:12345678901:workspace/w""#),
            kind!(K::Constraint(ConstraintError::Pattern {
                field: "arn",
                position: 42,
                detail: PatternDetail { found: Some(':'), expected: "a 12-digit account id", .. },
                ..
            })),
            "arn",
            (1, 63),
        ),
        case(
            "a job ARN in an unknown partition",
            Snapshot,
            snapshot_with("arn", r#""arn:aws-eu:iottwinmaker:eu-west-1:123456789012:workspace/w""#),
            kind!(K::Constraint(ConstraintError::Pattern {
                field: "arn",
                position: 7,
                detail: PatternDetail { found: Some('-'), .. },
                ..
            })),
            "arn",
            (1, 67),
        ),
        case(
            "a job ARN with an upper-case region",
            Snapshot,
            snapshot_with("arn", r#""arn:aws:iottwinmaker:US-EAST-1:123456789012:workspace/w""#),
            kind!(K::Constraint(ConstraintError::Pattern {
                field: "arn",
                position: 21,
                detail: PatternDetail { found: Some('U'), expected: "a region: [a-z0-9-]", .. },
                ..
            })),
            "arn",
            (1, 64),
        ),
        case(
            "a job ARN with a space in the resource",
            Snapshot,
            snapshot_with("arn", r#""arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant floor""#),
            kind!(K::Constraint(ConstraintError::Pattern {
                field: "arn",
                position: 59,
                detail: PatternDetail { found: Some(' '), .. },
                ..
            })),
            "arn",
            (1, 74),
        ),
        case(
            "a job ARN with an empty resource",
            Snapshot,
            snapshot_with("arn", r#""arn:aws:iottwinmaker:us-east-1:123456789012:""#),
            kind!(K::Constraint(ConstraintError::Pattern {
                field: "arn",
                position: 44,
                detail: PatternDetail { found: None, .. },
                ..
            })),
            "arn",
            (1, 53),
        ),
        case(
            "a job ARN over 2048 characters",
            Snapshot,
            snapshot_with(
                "arn",
                &format!(r#""arn:aws:iottwinmaker:us-east-1:123456789012:workspace/{}""#, "a".repeat(2000)),
            ),
            kind!(K::Constraint(ConstraintError::Length { field: "arn", len: 2054, min: 20, max: 2048 })),
            "arn",
            (1, 2063),
        ),
        case(
            "a TwinMaker ARN where the role belongs",
            Snapshot,
            snapshot_with("syncRole", r#""arn:aws:iottwinmaker:us-east-1:123456789012:role/x""#),
            kind!(K::Constraint(ConstraintError::Pattern {
                field: "syncRole",
                position: 9,
                detail: PatternDetail { found: Some('o'), expected: "\":iam::\"", .. },
                ..
            })),
            "syncRole",
            (1, 64),
        ),
        case(
            "a user ARN where the role belongs",
            Snapshot,
            snapshot_with("syncRole", r#""arn:aws:iam::123456789012:user/TwinMakerSync""#),
            kind!(K::Constraint(ConstraintError::Pattern {
                field: "syncRole",
                position: 26,
                detail: PatternDetail { found: Some('u'), expected: "\":role/\"", .. },
                ..
            })),
            "syncRole",
            (1, 58),
        ),
        case(
            "a role ARN shorter than 20 characters",
            Snapshot,
            snapshot_with("syncRole", r#""arn:aws:iam::1:role""#),
            kind!(K::Constraint(ConstraintError::Length { field: "syncRole", len: 19, min: 20, max: 2048 })),
            "syncRole",
            (1, 33),
        ),
        case(
            "a role ARN with a 13-digit account",
            Snapshot,
            snapshot_with("syncRole", r#""arn:aws:iam::1234567890123:role/x""#),
            kind!(K::Constraint(ConstraintError::Pattern {
                field: "syncRole",
                position: 25,
                detail: PatternDetail { found: Some('3'), .. },
                ..
            })),
            "syncRole",
            (1, 47),
        ),
        // --- Model constraints: workspace id, sync source, error message --------------------------
        case(
            "a one-character workspace id",
            Snapshot,
            snapshot_with("workspaceId", r#""w""#),
            kind!(K::Constraint(ConstraintError::Pattern {
                field: "workspaceId",
                position: 1,
                detail: PatternDetail { found: None, .. },
                ..
            })),
            "workspaceId",
            (1, 18),
        ),
        case(
            "a workspace id ending with a dash",
            Snapshot,
            snapshot_with("workspaceId", r#""plant-""#),
            kind!(K::Constraint(ConstraintError::Pattern {
                field: "workspaceId",
                position: 5,
                detail: PatternDetail { found: Some('-'), .. },
                ..
            })),
            "workspaceId",
            (1, 23),
        ),
        case(
            "a workspace id starting with a dash",
            Snapshot,
            snapshot_with("workspaceId", r#""-plant""#),
            kind!(K::Constraint(ConstraintError::Pattern {
                field: "workspaceId",
                position: 0,
                detail: PatternDetail { found: Some('-'), .. },
                ..
            })),
            "workspaceId",
            (1, 23),
        ),
        case(
            "a workspace id of 129 characters",
            Summary,
            format!(r#"{{"workspaceId":"{}"}}"#, "w".repeat(129)),
            kind!(K::Constraint(ConstraintError::Length { field: "workspaceId", len: 129, min: 1, max: 128 })),
            "workspaceId",
            (1, 146),
        ),
        case(
            "an empty workspace id",
            Summary,
            r#"{"workspaceId":""}"#,
            kind!(K::Constraint(ConstraintError::Length { field: "workspaceId", len: 0, min: 1, max: 128 })),
            "workspaceId",
            (1, 17),
        ),
        case(
            "a workspace id with a space",
            Summary,
            r#"{"workspaceId":"plant floor"}"#,
            kind!(K::Constraint(ConstraintError::Pattern {
                field: "workspaceId",
                position: 5,
                detail: PatternDetail { found: Some(' '), .. },
                ..
            })),
            "workspaceId",
            (1, 28),
        ),
        case(
            "a workspace id with a non-ASCII letter",
            Summary,
            r#"{"workspaceId":"café1"}"#,
            kind!(K::Constraint(ConstraintError::Pattern {
                field: "workspaceId",
                position: 3,
                detail: PatternDetail { found: Some('é'), .. },
                ..
            })),
            "workspaceId",
            (1, 23),
        ),
        case(
            "a sync source with a dash",
            Summary,
            r#"{"syncSource":"SITE-WISE"}"#,
            kind!(K::Constraint(ConstraintError::Pattern {
                field: "syncSource",
                position: 4,
                detail: PatternDetail { found: Some('-'), .. },
                ..
            })),
            "syncSource",
            (1, 25),
        ),
        case(
            "an empty sync source",
            Summary,
            r#"{"syncSource":""}"#,
            kind!(K::Constraint(ConstraintError::Pattern {
                field: "syncSource",
                position: 0,
                detail: PatternDetail { found: None, .. },
                ..
            })),
            "syncSource",
            (1, 16),
        ),
        case(
            "an error message of 2049 characters",
            Summary,
            format!(r#"{{"status":{{"error":{{"message":"{long_message}"}}}}}}"#),
            kind!(K::Constraint(ConstraintError::Length { field: "message", len: 2049, min: 0, max: 2048 })),
            "status.error.message",
            (1, 2081),
        ),
        case(
            "an error message of 2049 two-byte characters",
            Summary,
            format!(r#"{{"status":{{"error":{{"message":"{long_message_multibyte}"}}}}}}"#),
            kind!(K::Constraint(ConstraintError::Length { field: "message", len: 2049, min: 0, max: 2048 })),
            "status.error.message",
            (1, 4130),
        ),
        // --- Timestamps ------------------------------------------------------------------------
        case(
            "a CLI timestamp without offset",
            Summary,
            r#"{"creationDateTime":"2024-03-14T09:26:53.589000"}"#,
            kind!(K::Timestamp(TimestampError::MissingOffset { value }) if value == "2024-03-14T09:26:53.589000"),
            "creationDateTime",
            (1, 48),
        ),
        case(
            "a boto3 timestamp without offset",
            Summary,
            r#"{"updateDateTime":"2024-03-14 09:26:53"}"#,
            kind!(K::Timestamp(TimestampError::MissingOffset { value }) if value == "2024-03-14 09:26:53"),
            "updateDateTime",
            (1, 39),
        ),
        case(
            "a date without a time",
            Summary,
            r#"{"creationDateTime":"2024-03-14"}"#,
            kind!(K::Timestamp(TimestampError::Malformed { value, .. }) if value == "2024-03-14"),
            "creationDateTime",
            (1, 32),
        ),
        case(
            "NaN as a string",
            Summary,
            r#"{"creationDateTime":"NaN"}"#,
            kind!(K::Timestamp(TimestampError::Malformed { value, .. }) if value == "NaN"),
            "creationDateTime",
            (1, 25),
        ),
        case(
            "Infinity as a string",
            Summary,
            r#"{"creationDateTime":"Infinity"}"#,
            kind!(K::Timestamp(TimestampError::Malformed { value, .. }) if value == "Infinity"),
            "creationDateTime",
            (1, 30),
        ),
        case(
            "-inf as a string",
            Summary,
            r#"{"creationDateTime":"-inf"}"#,
            kind!(K::Timestamp(TimestampError::Malformed { value, .. }) if value == "-inf"),
            "creationDateTime",
            (1, 26),
        ),
        case(
            "epoch seconds inside a string",
            Summary,
            r#"{"creationDateTime":"1710408413.589"}"#,
            kind!(K::Timestamp(TimestampError::Malformed { value, .. }) if value == "1710408413.589"),
            "creationDateTime",
            (1, 36),
        ),
        case(
            "1e400, beyond any f64",
            Summary,
            r#"{"creationDateTime":1e400}"#,
            kind!(K::NumberOutOfRange),
            "creationDateTime",
            (1, 25),
        ),
        case(
            "-1e400, beyond any f64",
            Summary,
            r#"{"updateDateTime":-1e400}"#,
            kind!(K::NumberOutOfRange),
            "updateDateTime",
            (1, 24),
        ),
        case(
            "1e300 seconds",
            Summary,
            r#"{"creationDateTime":1e300}"#,
            kind!(K::Timestamp(TimestampError::OutOfRange { seconds }) if *seconds == 1e300),
            "creationDateTime",
            (1, 25),
        ),
        case(
            "-1e20 seconds",
            Summary,
            r#"{"creationDateTime":-1e20}"#,
            kind!(K::Timestamp(TimestampError::OutOfRange { seconds }) if *seconds == -1e20),
            "creationDateTime",
            (1, 25),
        ),
        case(
            "an integer below i64::MIN",
            Summary,
            r#"{"creationDateTime":-9223372036854775809}"#,
            kind!(K::Timestamp(TimestampError::OutOfRange { seconds }) if *seconds == i64::MIN as f64),
            "creationDateTime",
            (1, 40),
        ),
        case(
            "u64::MAX seconds",
            Summary,
            r#"{"creationDateTime":18446744073709551615}"#,
            kind!(K::Timestamp(TimestampError::OutOfRange { seconds }) if *seconds == u64::MAX as f64),
            "creationDateTime",
            (1, 40),
        ),
        case(
            "the year 10000 as epoch seconds",
            Summary,
            r#"{"creationDateTime":253402300800}"#,
            kind!(K::Timestamp(TimestampError::OutOfRange { seconds }) if *seconds == 253_402_300_800.0),
            "creationDateTime",
            (1, 32),
        ),
        case(
            "the last second of the year -1 as epoch seconds",
            Summary,
            r#"{"creationDateTime":-62167219201}"#,
            kind!(K::Timestamp(TimestampError::OutOfRange { seconds }) if *seconds == -62_167_219_201.0),
            "creationDateTime",
            (1, 32),
        ),
        case(
            "the year 10000 as a string",
            Summary,
            r#"{"creationDateTime":"10000-01-01T00:00:00Z"}"#,
            kind!(K::Timestamp(TimestampError::Malformed { value, .. }) if value == "10000-01-01T00:00:00Z"),
            "creationDateTime",
            (1, 43),
        ),
        case(
            "month 13",
            Summary,
            r#"{"creationDateTime":"2024-13-01T00:00:00Z"}"#,
            kind!(K::Timestamp(TimestampError::Malformed { .. })),
            "creationDateTime",
            (1, 42),
        ),
        case(
            "the 30th of February",
            Summary,
            r#"{"creationDateTime":"2024-02-30T00:00:00+00:00"}"#,
            kind!(K::Timestamp(TimestampError::Malformed { .. })),
            "creationDateTime",
            (1, 47),
        ),
        case(
            "an offset of 25 hours",
            Summary,
            r#"{"creationDateTime":"2024-03-14T09:26:53+25:00"}"#,
            kind!(K::Timestamp(TimestampError::Malformed { .. })),
            "creationDateTime",
            (1, 47),
        ),
        case(
            "the last microsecond of 9999, rounded up past it",
            Summary,
            r#"{"creationDateTime":"9999-12-31T23:59:59.9999996Z"}"#,
            kind!(K::Timestamp(TimestampError::OutOfRange { seconds }) if *seconds == 253_402_300_800.0),
            "creationDateTime",
            (1, 50),
        ),
        case(
            "a naive timestamp in a summary of a page",
            Page,
            r#"{"syncJobSummaries":[{"updateDateTime":"2024-03-14 09:26:53"}]}"#,
            kind!(K::Timestamp(TimestampError::MissingOffset { .. })),
            "syncJobSummaries[0].updateDateTime",
            (1, 60),
        ),
        // --- Unknown enumeration values in strict mode --------------------------------------------
        strict(case(
            "an unknown state",
            Snapshot,
            snapshot_with("status", r#"{"state":"PAUSED"}"#),
            kind!(K::UnknownEnumValue { enumeration: "SyncJobState", value } if value == "PAUSED"),
            "status.state",
            (1, 27),
        )),
        strict(case(
            "a state in lower case",
            Summary,
            r#"{"status":{"state":"active"}}"#,
            kind!(K::UnknownEnumValue { enumeration: "SyncJobState", value } if value == "active"),
            "status.state",
            (1, 27),
        )),
        strict(case(
            "an unknown error code",
            Summary,
            r#"{"status":{"state":"ERROR","error":{"code":"SYNC_QUOTA_ERROR"}}}"#,
            kind!(K::UnknownEnumValue { enumeration: "ErrorCode", value } if value == "SYNC_QUOTA_ERROR"),
            "status.error.code",
            (1, 61),
        )),
        strict(case(
            "an unknown sync source",
            Snapshot,
            snapshot_with("syncSource", r#""sitewise""#),
            kind!(K::UnknownEnumValue { enumeration: "SyncSource", value } if value == "sitewise"),
            "syncSource",
            (1, 24),
        )),
        strict(case(
            "an unknown state in a create response",
            Create,
            r#"{"state":"QUEUED"}"#,
            kind!(K::UnknownEnumValue { enumeration: "SyncJobState", value } if value == "QUEUED"),
            "state",
            (1, 17),
        )),
        strict(case(
            "an unknown exception",
            ApiError,
            r#"{"__type":"com.amazonaws.iottwinmaker#NewException","message":"m"}"#,
            kind!(K::UnknownEnumValue { enumeration: "ApiErrorKind", value } if value == "NewException"),
            "__type",
            (1, 66),
        )),
        strict(case(
            "an unknown exception from boto3",
            ApiErrorDocument,
            r#"{"Error":{"Code":"NewException","Message":"m"}}"#,
            kind!(K::UnknownEnumValue { enumeration: "ApiErrorKind", value } if value == "NewException"),
            "Error.Code",
            (1, 47),
        )),
        // --- Empty exception names ------------------------------------------------------------
        case(
            "an empty __type",
            ApiError,
            r#"{"__type":"","message":"m"}"#,
            kind!(K::EmptyErrorType),
            "__type",
            (1, 27),
        ),
        case(
            "a __type that is only a namespace",
            ApiError,
            r#"{"__type":"com.amazonaws.iottwinmaker#"}"#,
            kind!(K::EmptyErrorType),
            "__type",
            (1, 40),
        ),
        case(
            "a __type that is only a suffix",
            Document,
            r#"{"__type":":http://internal.amazon.com/coral/"}"#,
            kind!(K::EmptyErrorType),
            "__type",
            (1, 47),
        ),
        case(
            "a blank boto3 Error.Code",
            ApiError,
            r#"{"Error":{"Code":"  "}}"#,
            kind!(K::EmptyErrorType),
            "Error.Code",
            (1, 23),
        ),
        // --- Size and depth ----------------------------------------------------------------------
        case(
            "a string that takes the document over 1 MiB",
            Document,
            huge.as_bytes(),
            kind!(K::TooLarge { len: 1_048_603, limit: 1_048_576 }),
            "",
            (1, 1),
        ),
        {
            let mut c = case(
                "a document over a custom limit",
                Delete,
                r#"{"state":"DELETING"}"#,
                kind!(K::TooLarge { len: 20, limit: 16 }),
                "",
                (1, 1),
            );
            c.options = c.options.max_document_bytes(16);
            c
        },
        case(
            "arrays 200 deep under an unknown key",
            Delete,
            format!(r#"{{"state":"DELETING","x":{}}}"#, nested("[", "]", 200, "")),
            kind!(K::TooDeep),
            "",
            (1, 151),
        ),
        case(
            "objects 10,000 deep under an unknown key",
            ApiError,
            format!(r#"{{"__type":"X","x":{}}}"#, nested(r#"{"a":"#, "}", 10_000, "1")),
            kind!(K::TooDeep),
            "",
            (1, 649),
        ),
        case(
            "objects 10,000 deep from the top",
            Document,
            nested(r#"{"a":"#, "}", 10_000, "1"),
            kind!(K::TooDeep),
            "",
            (1, 636),
        ),
        case(
            "arrays 10,000 deep in boto3's ResponseMetadata",
            ApiError,
            format!(
                r#"{{"Error":{{"Code":"X"}},"ResponseMetadata":{{"HTTPHeaders":{}}}}}"#,
                nested("[", "]", 10_000, "")
            ),
            kind!(K::TooDeep),
            "ResponseMetadata",
            (1, 182),
        ),
        case(
            "arrays 10,000 deep in an HTTP error body",
            Http(Some("ThrottlingException")),
            format!(r#"{{"message":"m","x":{}}}"#, nested("[", "]", 10_000, "")),
            kind!(K::TooDeep),
            "",
            (1, 146),
        ),
        // --- HTTP error bodies whose type came from the header --------------------------------------
        case(
            "an HTTP error body that is not JSON",
            Http(Some("ThrottlingException")),
            "Rate exceeded",
            kind!(K::Syntax { message } if message == "expected value"),
            "",
            (1, 1),
        ),
        case(
            "an HTTP error body that is an array",
            Http(Some("ThrottlingException")),
            "[]",
            kind!(K::WrongType { message } if message == "invalid type: sequence, expected an API error body object"),
            "",
            (1, 1),
        ),
        case(
            "an HTTP error message that is a number",
            Http(Some("ThrottlingException:http://internal.amazon.com/")),
            r#"{"message":42}"#,
            kind!(K::WrongType { message } if message == "invalid type: integer `42`, expected a message string"),
            "message",
            (1, 13),
        ),
        case(
            "an HTTP error body over 1 MiB",
            Http(Some("ThrottlingException")),
            format!(r#"{{"message":"{}"}}"#, "a".repeat(DecodeOptions::DEFAULT_MAX_DOCUMENT_BYTES)),
            kind!(K::TooLarge { len: 1_048_590, limit: 1_048_576 }),
            "",
            (1, 1),
        ),
        case("an empty HTTP error body without header", Http(None), "", kind!(K::UnexpectedEnd), "", (1, 1)),
    ]
}

#[test]
fn every_malformed_document_fails_with_the_exact_error() {
    let cases = cases();
    assert!(cases.len() >= 60, "the suite must hold at least 60 documents, has {}", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let outcome = catch_unwind(AssertUnwindSafe(|| run(case.via, &case.input, &case.options)));
        let err = match outcome {
            Err(_) => {
                failures.push(format!("{}: PANICKED", case.name));
                continue;
            }
            Ok(Ok(())) => {
                failures.push(format!("{}: decoded without error", case.name));
                continue;
            }
            Ok(Err(err)) => err,
        };
        let (pattern, check) = case.kind;
        let mut problems = Vec::new();
        if !check(err.kind()) {
            problems.push(format!("kind {:?}, expected {pattern}", err.kind()));
        }
        if err.path() != case.path {
            problems.push(format!("path {:?}, expected {:?}", err.path(), case.path));
        }
        if (err.line(), err.column()) != case.at {
            problems.push(format!("at {:?}, expected {:?}", (err.line(), err.column()), case.at));
        }
        // The message names the field and the place, and never panics to render.
        let shown = err.to_string();
        if !shown.starts_with(case.path)
            || !shown.ends_with(&format!("at line {}, column {}", err.line(), err.column()))
        {
            problems.push(format!("message {shown:?}"));
        }
        if !problems.is_empty() {
            failures.push(format!("{}: {}", case.name, problems.join("; ")));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[test]
fn case_names_are_unique() {
    let cases = cases();
    let mut names: Vec<_> = cases.iter().map(|c| c.name).collect();
    names.sort_unstable();
    let before = names.len();
    names.dedup();
    assert_eq!(names.len(), before, "two cases share a name");
}

/// The limits are exact: the largest accepted documents pass, so the cases above fail for the
/// reason they name.
#[test]
fn the_limits_themselves_are_accepted() {
    // 127 levels: the top-level object and 126 arrays.
    let deepest = format!(r#"{{"state":"DELETING","x":{}}}"#, nested("[", "]", 126, ""));
    assert!(DeleteSyncJobResponse::decode(deepest.as_bytes()).is_ok());
    // A document of exactly the limit.
    let options = DecodeOptions::new().max_document_bytes(20);
    assert!(DeleteSyncJobResponse::decode_with(br#"{"state":"DELETING"}"#, &options).is_ok());
    // An error message of 2048 characters, and a workspace id of 128.
    let message = format!(r#"{{"status":{{"error":{{"message":"{}"}}}}}}"#, "é".repeat(2048));
    assert!(SyncJobSummary::decode(message.as_bytes()).is_ok());
    let workspace = format!(r#"{{"workspaceId":"{}"}}"#, "w".repeat(128));
    assert!(SyncJobSummary::decode(workspace.as_bytes()).is_ok());
    // The last microsecond of 9999, and the year 0000 as a string.
    assert!(SyncJobSummary::decode(br#"{"creationDateTime":"9999-12-31T23:59:59.999999Z"}"#).is_ok());
    assert!(SyncJobSummary::decode(br#"{"creationDateTime":"0000-01-01T00:00:00Z"}"#).is_ok());
    // Unknown values pass in lenient mode.
    assert!(SyncJobSummary::decode(br#"{"status":{"state":"active"}}"#).is_ok());
}

/// The nesting limit bounds the stack: the deepest accepted document, and the shallowest refused
/// one, decode on a thread with the stack `docs/formats.md` promises: 256 KiB in a debug build,
/// 32 KiB in an optimised one (`cargo test --release --test decode_bad_input nesting_limit`).
#[test]
fn the_nesting_limit_bounds_the_stack() {
    let stack = if cfg!(debug_assertions) { 256 * 1024 } else { 32 * 1024 };
    let outcome = std::thread::Builder::new()
        .stack_size(stack)
        .spawn(|| {
            let deepest = format!(r#"{{"state":"DELETING","x":{}}}"#, nested("[", "]", 126, ""));
            let refused = format!(r#"{{"state":"DELETING","x":{}}}"#, nested("[", "]", 127, ""));
            (
                DeleteSyncJobResponse::decode(deepest.as_bytes()).is_ok(),
                DeleteSyncJobResponse::decode(refused.as_bytes()).map_err(|err| err.kind().clone()),
            )
        })
        .expect("a thread")
        .join()
        .expect("no stack overflow");
    assert_eq!(outcome, (true, Err(DecodeErrorKind::TooDeep)));
}
