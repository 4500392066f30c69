//! Decoding raw payloads into the [`crate::model`] types.
//!
//! Every form real users hold is accepted: the AWS wire JSON (epoch-second numbers), AWS CLI output
//! (RFC 3339 strings) and boto3 responses dumped with `json.dumps(..., default=str)` (a space
//! instead of `T`, and a `ResponseMetadata` key). Decoding is one pass over the input with
//! validation as it goes: there is no intermediate `serde_json::Value`.
//!
//! Defaults are lenient about what the service may add (unknown enumeration values are kept,
//! unknown keys ignored) and strict about everything the model requires.
//! [`DecodeOptions::strict`] also rejects unknown enumeration values. Nothing here panics, on any
//! input; documents over [`DecodeOptions::max_document_bytes`] are refused before parsing, and
//! arrays and objects nested 128 levels deep (even under keys the decoder skips) are refused by the
//! parser.
//!
//! # Example
//!
//! ```
//! use twinmaker_syncjob::decode::{Decode, DecodeErrorKind};
//! use twinmaker_syncjob::model::SyncJobSnapshot;
//!
//! let err = SyncJobSnapshot::decode(br#"{"arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/w",
//!     "workspaceId": "w!", "syncSource": "SITEWISE"}"#).unwrap_err();
//! assert_eq!(err.path(), "workspaceId");
//! assert!(matches!(err.kind(), DecodeErrorKind::Constraint(_)));
//! assert_eq!((err.line(), err.column()), (2, 23)); // the closing quote of "w!"
//! ```

mod error;
mod visit;

use crate::model::ids::Checked;
use crate::model::{
    ApiError, ApiErrorKind, CreateSyncJobResponse, DeleteSyncJobResponse, ListSyncJobsPage, Open, SyncJobArn,
    SyncJobSnapshot, SyncJobStatus, SyncJobSummary, SyncRoleArn, SyncSource, Timestamp, WorkspaceId,
};

pub use error::{DecodeError, DecodeErrorKind};

/// How strict decoding is, and how large a document may be.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::decode::{Decode, DecodeErrorKind, DecodeOptions};
/// use twinmaker_syncjob::model::DeleteSyncJobResponse;
///
/// let payload = br#"{"state": "PAUSED"}"#;
/// assert!(DeleteSyncJobResponse::decode(payload).is_ok());
///
/// let strict = DecodeOptions::new().strict(true);
/// let err = DeleteSyncJobResponse::decode_with(payload, &strict).unwrap_err();
/// assert!(matches!(err.kind(), DecodeErrorKind::UnknownEnumValue { .. }));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DecodeOptions {
    strict: bool,
    max_document_bytes: usize,
}

impl DecodeOptions {
    /// The default limit on a document's size: 1 MiB.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::DecodeOptions;
    ///
    /// assert_eq!(DecodeOptions::new().max_document_len(), DecodeOptions::DEFAULT_MAX_DOCUMENT_BYTES);
    /// ```
    pub const DEFAULT_MAX_DOCUMENT_BYTES: usize = 1 << 20;

    /// Lenient decoding with a 1 MiB limit (the same as [`Default`]).
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::DecodeOptions;
    ///
    /// assert!(!DecodeOptions::new().is_strict());
    /// assert_eq!(DecodeOptions::new().max_document_len(), 1 << 20);
    /// ```
    #[must_use]
    pub const fn new() -> Self {
        Self { strict: false, max_document_bytes: Self::DEFAULT_MAX_DOCUMENT_BYTES }
    }

    /// Whether unknown enumeration values are errors rather than kept.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::DecodeOptions;
    ///
    /// assert!(DecodeOptions::new().strict(true).is_strict());
    /// ```
    #[must_use]
    pub const fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// The largest document, in bytes, that decoding will parse.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::{Decode, DecodeErrorKind, DecodeOptions};
    /// use twinmaker_syncjob::model::DeleteSyncJobResponse;
    ///
    /// let tiny = DecodeOptions::new().max_document_bytes(8);
    /// let err = DeleteSyncJobResponse::decode_with(br#"{"state": "DELETING"}"#, &tiny).unwrap_err();
    /// assert_eq!(err.kind(), &DecodeErrorKind::TooLarge { len: 21, limit: 8 });
    /// ```
    #[must_use]
    pub const fn max_document_bytes(mut self, limit: usize) -> Self {
        self.max_document_bytes = limit;
        self
    }

    /// Whether strict mode is on.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::DecodeOptions;
    ///
    /// assert!(!DecodeOptions::default().is_strict());
    /// ```
    #[must_use]
    pub const fn is_strict(&self) -> bool {
        self.strict
    }

    /// The size limit in bytes.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::DecodeOptions;
    ///
    /// assert_eq!(DecodeOptions::default().max_document_bytes(10).max_document_len(), 10);
    /// ```
    #[must_use]
    pub const fn max_document_len(&self) -> usize {
        self.max_document_bytes
    }
}

impl Default for DecodeOptions {
    fn default() -> Self {
        Self::new()
    }
}

mod sealed {
    pub trait Sealed {}
}

/// A payload type that can be decoded from one JSON document.
///
/// Implemented for every response shape, [`ApiError`] and [`Document`] (which detects the shape).
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::decode::Decode;
/// use twinmaker_syncjob::model::SyncJobSummary;
///
/// let summary = SyncJobSummary::decode_str(r#"{"syncSource": "SITEWISE"}"#)?;
/// assert_eq!(summary.sync_source.unwrap().as_str(), "SITEWISE");
/// # Ok::<(), twinmaker_syncjob::decode::DecodeError>(())
/// ```
pub trait Decode: Sized + sealed::Sealed {
    /// Decodes one document with the given options.
    ///
    /// # Errors
    ///
    /// A [`DecodeError`] saying what is wrong, at which line and column, and in which field.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::{Decode, DecodeErrorKind, DecodeOptions};
    /// use twinmaker_syncjob::model::DeleteSyncJobResponse;
    ///
    /// let input = br#"{"state": "PAUSED"}"#;
    /// // Lenient: the unknown state is kept.
    /// let lenient = DeleteSyncJobResponse::decode_with(input, &DecodeOptions::new())?;
    /// assert_eq!(lenient.state.as_str(), "PAUSED");
    /// // Strict: refused, with the field named.
    /// let err = DeleteSyncJobResponse::decode_with(input, &DecodeOptions::new().strict(true)).unwrap_err();
    /// assert!(matches!(err.kind(), DecodeErrorKind::UnknownEnumValue { .. }));
    /// assert_eq!(err.path(), "state");
    /// # Ok::<(), twinmaker_syncjob::decode::DecodeError>(())
    /// ```
    fn decode_with(input: &[u8], options: &DecodeOptions) -> Result<Self, DecodeError>;

    /// Decodes one document with the default options (lenient, 1 MiB).
    ///
    /// # Errors
    ///
    /// A [`DecodeError`] saying what is wrong, at which line and column, and in which field.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::model::{CreateSyncJobResponse, SyncJobState};
    ///
    /// let body = br#"{"arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/w1/sync-job/SITEWISE", "creationDateTime": 1672531200.5, "state": "CREATING"}"#;
    /// let created = CreateSyncJobResponse::decode(body)?;
    /// assert_eq!(created.state, SyncJobState::Creating);
    /// assert_eq!(created.creation_date_time.unix_micros(), 1_672_531_200_500_000);
    /// # Ok::<(), twinmaker_syncjob::decode::DecodeError>(())
    /// ```
    fn decode(input: &[u8]) -> Result<Self, DecodeError> {
        Self::decode_with(input, &DecodeOptions::new())
    }

    /// Decodes one document held as text, with the default options.
    ///
    /// # Errors
    ///
    /// A [`DecodeError`] saying what is wrong, at which line and column, and in which field.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::model::{SyncJobState, SyncJobSummary};
    ///
    /// // As the AWS CLI prints it: a string timestamp with an offset.
    /// let cli = r#"{"workspaceId": "w1", "status": {"state": "ACTIVE"}, "updateDateTime": "2023-01-01T00:00:00.250000+00:00"}"#;
    /// let summary = SyncJobSummary::decode_str(cli)?;
    /// assert_eq!(summary.status.and_then(|s| s.state), Some(SyncJobState::Active.into()));
    /// assert_eq!(summary.update_date_time.map(|t| t.unix_micros()), Some(1_672_531_200_250_000));
    /// # Ok::<(), twinmaker_syncjob::decode::DecodeError>(())
    /// ```
    fn decode_str(input: &str) -> Result<Self, DecodeError> {
        Self::decode(input.as_bytes())
    }
}

/// Any one payload, its shape detected from its keys.
///
/// Detection, in order: `__type` or `Error` makes an API error; `syncJobSummaries` or `nextToken` a
/// ListSyncJobs page; `syncRole` a GetSyncJob response; a top-level `state` a CreateSyncJob (with
/// `arn` or `creationDateTime`) or DeleteSyncJob response; any other sync-job key a ListSyncJobs
/// summary. Once detected, the shape's own rules apply (required fields, constraints).
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::decode::{Decode, Document};
///
/// let doc = Document::decode(br#"{"__type": "com.amazonaws.iottwinmaker#ThrottlingException", "message": "slow down"}"#)?;
/// let Document::Error(err) = doc else { panic!("not an error") };
/// assert_eq!(err.error.kind.as_str(), "ThrottlingException");
/// assert_eq!(err.error.http_status, Some(429));
/// # Ok::<(), twinmaker_syncjob::decode::DecodeError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Document {
    /// A GetSyncJob response.
    SyncJob(SyncJobSnapshot),
    /// One ListSyncJobs summary on its own.
    Summary(SyncJobSummary),
    /// A whole ListSyncJobs page.
    Page(ListSyncJobsPage),
    /// A CreateSyncJob response.
    Created(CreateSyncJobResponse),
    /// A DeleteSyncJob response.
    Deleted(DeleteSyncJobResponse),
    /// An API error, with the job it names when the document says so.
    Error(ApiErrorDocument),
}

/// An API error read from a document, with the job it belongs to when the document names it
/// (`workspaceId` and `syncSource` keys beside the error's own, as a poller's log may record).
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::decode::{Decode, Document};
///
/// let doc = Document::decode(br#"{"__type": "ResourceNotFoundException", "message": "gone",
///     "workspaceId": "plant", "syncSource": "SITEWISE"}"#)?;
/// let Document::Error(err) = doc else { panic!() };
/// assert_eq!(err.workspace_id.unwrap().as_str(), "plant");
/// # Ok::<(), twinmaker_syncjob::decode::DecodeError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiErrorDocument {
    /// The error itself.
    pub error: ApiError,
    /// The workspace of the job the error is about, when named.
    pub workspace_id: Option<WorkspaceId>,
    /// The sync source of the job the error is about, when named.
    pub sync_source: Option<Open<SyncSource>>,
}

/// A GetSyncJob response whose identifiers are checked but still borrowed from the input (or
/// owned when they had escapes): what [`SyncJobSnapshot`] is before its strings are allocated.
#[derive(Debug)]
pub(crate) struct SnapshotView<'a> {
    pub(crate) arn: Checked<'a, SyncJobArn>,
    pub(crate) workspace_id: Checked<'a, WorkspaceId>,
    pub(crate) sync_source: Open<SyncSource>,
    pub(crate) sync_role: Checked<'a, SyncRoleArn>,
    pub(crate) status: SyncJobStatus,
    pub(crate) creation_date_time: Timestamp,
    pub(crate) update_date_time: Timestamp,
}

impl SnapshotView<'_> {
    /// The snapshot, its identifiers allocated.
    pub(crate) fn into_owned(self) -> SyncJobSnapshot {
        SyncJobSnapshot {
            arn: self.arn.into_owned(),
            workspace_id: self.workspace_id.into_owned(),
            sync_source: self.sync_source,
            sync_role: self.sync_role.into_owned(),
            status: self.status,
            creation_date_time: self.creation_date_time,
            update_date_time: self.update_date_time,
        }
    }
}

/// One line of a trace, as `check` reads it: [`Document`], except that a GetSyncJob response (the
/// common line) stays a [`SnapshotView`], which allocates nothing for its identifiers.
#[derive(Debug)]
pub(crate) enum LineDocument<'a> {
    /// A GetSyncJob response.
    Snapshot(SnapshotView<'a>),
    /// Any other document.
    Other(Document),
}

/// Decodes one line of a trace; accepts and refuses exactly what [`Document::decode_with`] does.
pub(crate) fn decode_line<'i>(input: &'i [u8], options: &DecodeOptions) -> Result<LineDocument<'i>, DecodeError> {
    visit::decode::<LineDocument<'i>>(input, options)
}

macro_rules! decode_shape {
    ($($ty:ty),*) => {$(
        impl sealed::Sealed for $ty {}

        impl Decode for $ty {
            fn decode_with(input: &[u8], options: &DecodeOptions) -> Result<Self, DecodeError> {
                visit::decode::<Self>(input, options)
            }
        }
    )*};
}

decode_shape!(
    SyncJobSnapshot,
    SyncJobSummary,
    ListSyncJobsPage,
    CreateSyncJobResponse,
    DeleteSyncJobResponse,
    ApiErrorDocument,
    Document
);

impl sealed::Sealed for ApiError {}

/// Decodes an API error body in any form the reference sheet lists: `{"__type": ..., "message": ...}`
/// (with or without a `namespace#` prefix and a `:...` suffix) or boto3's `ClientError.response`
/// (`{"Error": {"Code": ..., "Message": ...}, "ResponseMetadata": {"HTTPStatusCode": ...}}`).
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::decode::Decode;
/// use twinmaker_syncjob::model::{ApiError, ApiErrorKind};
///
/// let err = ApiError::decode(br#"{"Error": {"Code": "ValidationException", "Message": "bad id"},
///     "ResponseMetadata": {"HTTPStatusCode": 400, "RequestId": "r-1"}}"#)?;
/// assert_eq!(err.known_kind(), Some(ApiErrorKind::Validation));
/// assert_eq!(err.message, "bad id");
/// assert_eq!(err.http_status, Some(400));
/// # Ok::<(), twinmaker_syncjob::decode::DecodeError>(())
/// ```
impl Decode for ApiError {
    fn decode_with(input: &[u8], options: &DecodeOptions) -> Result<Self, DecodeError> {
        ApiErrorDocument::decode_with(input, options).map(|doc| doc.error)
    }
}

/// Decodes an API error as it arrives over HTTP: the status, the `x-amzn-errortype` header (which
/// may carry a `:...` suffix) and the body. The header names the kind when present (as the SDKs
/// do); otherwise the body's `__type` does. The body may be empty when the header is present.
///
/// # Errors
///
/// A [`DecodeError`] when the body is not valid JSON, or when neither the header nor the body
/// names the exception ([`DecodeErrorKind::MissingField`] for `__type`).
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::decode::decode_http_error;
/// use twinmaker_syncjob::model::ApiErrorKind;
///
/// let err = decode_http_error(
///     Some(404),
///     Some("ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.iottwinmaker/"),
///     br#"{"message": "Sync job not found"}"#,
/// )?;
/// assert_eq!(err.known_kind(), Some(ApiErrorKind::ResourceNotFound));
/// assert_eq!(err.message, "Sync job not found");
/// assert_eq!(err.http_status, Some(404));
/// # Ok::<(), twinmaker_syncjob::decode::DecodeError>(())
/// ```
pub fn decode_http_error(status: Option<u16>, error_type: Option<&str>, body: &[u8]) -> Result<ApiError, DecodeError> {
    let options = DecodeOptions::new();
    let header_kind = error_type.map(visit::exception_name).filter(|name| !name.is_empty());
    let Some(name) = header_kind else {
        let mut error = ApiError::decode_with(body, &options)?;
        error.http_status = status.or(error.http_status);
        return Ok(error);
    };
    let kind: Open<ApiErrorKind> = Open::parse(name)
        .map_err(|err| DecodeError::new(DecodeErrorKind::Constraint(err), "x-amzn-errortype".to_owned(), 1, 1))?;
    let message = if body.iter().all(u8::is_ascii_whitespace) {
        String::new()
    } else {
        visit::decode_error_message(body, &options)?
    };
    let http_status = status.or_else(|| kind.known().map(ApiErrorKind::http_status));
    Ok(ApiError { kind, message, http_status })
}

/// Decodes an API error body alone; the same as [`ApiError::decode`](Decode::decode).
///
/// # Errors
///
/// A [`DecodeError`] as for [`Decode::decode`].
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::decode::decode_api_error;
///
/// let err = decode_api_error(br#"{"__type": "AccessDeniedException", "Message": "no"}"#)?;
/// assert_eq!(err.to_string(), "AccessDeniedException (HTTP 403): no");
/// # Ok::<(), twinmaker_syncjob::decode::DecodeError>(())
/// ```
pub fn decode_api_error(body: &[u8]) -> Result<ApiError, DecodeError> {
    ApiError::decode(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `check` reads a line as, made comparable with [`Document`].
    fn line_as_document(input: &[u8], options: &DecodeOptions) -> Result<Document, DecodeError> {
        match decode_line(input, options)? {
            LineDocument::Snapshot(view) => Ok(Document::SyncJob(view.into_owned())),
            LineDocument::Other(Document::SyncJob(_)) => panic!("a GetSyncJob response must be read as a view"),
            LineDocument::Other(document) => Ok(document),
        }
    }

    const SNAPSHOT: &str = r#"{"arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/w1/sync-job/SITEWISE",
        "workspaceId": "w1", "syncSource": "SITEWISE", "syncRole": "arn:aws:iam::123456789012:role/r",
        "status": {"state": "ACTIVE"}, "creationDateTime": 1672531200, "updateDateTime": 1672531300}"#;

    #[test]
    fn escaped_identifiers_are_read_like_plain_ones() {
        let options = DecodeOptions::new();
        let plain = Document::decode(SNAPSHOT.as_bytes()).unwrap();
        // `\/` is how some encoders write a slash; `\u0077` is `w`.
        let escaped = SNAPSHOT.replace("workspace/w1", r"workspace\/w1").replace(r#""w1""#, r#""\u00771""#);
        let escaped = escaped.replace("role/r", r"role\/r");
        assert_ne!(escaped, SNAPSHOT);
        assert_eq!(line_as_document(escaped.as_bytes(), &options).unwrap(), plain);
        assert_eq!(Document::decode(escaped.as_bytes()).unwrap(), plain);
        let LineDocument::Snapshot(view) = decode_line(escaped.as_bytes(), &options).unwrap() else { panic!() };
        assert_eq!(view.workspace_id.as_str(), "w1");
        assert_eq!(view.sync_role.as_str(), "arn:aws:iam::123456789012:role/r");
    }

    #[test]
    fn escaped_identifiers_are_checked_like_plain_ones() {
        let options = DecodeOptions::new();
        // `\u002d` is `-`, which may not start a workspace id.
        let bad = SNAPSHOT.replace(r#""w1""#, r#""\u002dw1""#);
        let err = line_as_document(bad.as_bytes(), &options).unwrap_err();
        assert_eq!(err, Document::decode(bad.as_bytes()).unwrap_err());
        assert_eq!(err.path(), "workspaceId");
        assert!(matches!(err.kind(), DecodeErrorKind::Constraint(_)));
    }

    #[test]
    fn other_documents_are_read_whole() {
        let options = DecodeOptions::new();
        for input in [
            r#"{"__type": "ResourceNotFoundException", "message": "gone", "workspaceId": "w1", "syncSource": "SITEWISE"}"#,
            r#"{"syncJobSummaries": [{"workspaceId": "w1", "syncSource": "SITEWISE"}]}"#,
            r#"{"workspaceId": "w1", "syncSource": "SITEWISE", "status": {"state": "ACTIVE"}}"#,
            r#"{"arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/w1/sync-job/SITEWISE", "creationDateTime": 1, "state": "CREATING"}"#,
            r#"{"state": "DELETING"}"#,
        ] {
            let LineDocument::Other(document) = decode_line(input.as_bytes(), &options).unwrap() else {
                panic!("{input} read as a snapshot");
            };
            assert_eq!(document, Document::decode(input.as_bytes()).unwrap(), "{input}");
        }
    }

    #[test]
    fn keys_of_other_shapes_are_skipped_unread() {
        // A key the shape does not have is skipped like any unknown key, even when another shape
        // has it: its value is not checked.
        let delete = br#"{"state": "DELETING", "arn": "not an ARN", "syncRole": 7}"#;
        assert_eq!(DeleteSyncJobResponse::decode(delete).unwrap().state.as_str(), "DELETING");
        let page = br#"{"syncJobSummaries": [{"workspaceId": "w1", "syncRole": "not a role", "__type": 1}]}"#;
        assert_eq!(ListSyncJobsPage::decode(page).unwrap().sync_job_summaries.len(), 1);
    }

    #[test]
    fn a_response_metadata_of_the_wrong_type_is_named() {
        let body = br#"{"Error": {"Code": "ThrottlingException"}, "ResponseMetadata": 5}"#;
        let err = ApiError::decode(body).unwrap_err();
        assert_eq!(err.path(), "ResponseMetadata");
        assert!(err.to_string().contains("expected boto3's ResponseMetadata object"), "{err}");
    }

    #[cfg(feature = "proptest")]
    mod props {
        use proptest::prelude::*;

        use super::*;
        use crate::testkit::payloads::{malformed, payload};
        use crate::testkit::values;

        proptest! {
            #[test]
            fn lines_decode_like_documents(job in payload(values::snapshot())) {
                let options = DecodeOptions::new();
                let line = line_as_document(job.text.as_bytes(), &options);
                prop_assert_eq!(line, Document::decode_with(job.text.as_bytes(), &options));
            }

            #[test]
            fn lines_of_any_shape_decode_like_documents(document in values::document()) {
                let text = crate::encode::Encode::encode(&document, crate::encode::Form::Wire);
                let options = DecodeOptions::new();
                prop_assert_eq!(line_as_document(text.as_bytes(), &options), Document::decode_with(text.as_bytes(), &options));
            }

            #[test]
            fn malformed_lines_fail_like_documents(bad in malformed()) {
                let line = line_as_document(&bad.input, &bad.options);
                prop_assert_eq!(line, Document::decode_with(&bad.input, &bad.options));
            }
        }
    }
}
