//! Strategies for raw payloads as users receive them, each paired with what the decoder must make
//! of it: the value it decodes to, or the error it must give.
//!
//! - [`Payload`]: a document in one [`PayloadForm`] (the AWS wire JSON with timestamps as
//!   epoch-second numbers, plain or in exponent form; the AWS CLI's indented output; a boto3
//!   response dumped with `json.dumps(response, default=str)`), and the value it decodes to.
//! - [`HttpError`]: an API error as it arrives over HTTP (status, `x-amzn-errortype` header,
//!   body), and the [`ApiError`] it decodes to.
//! - [`Malformed`]: a broken document, labelled with the [`DecodeErrorKind`] variant
//!   ([`KindLabel`]) and the field path the decoder must report.
//!
//! The forms are written by [`crate::encode`] and then dressed as each tool writes them; what a
//! form cannot carry is taken out of the paired value (the wire body of an API error has no HTTP
//! status, so the decoder gives the one the model fixes for a known exception). Values come from
//! [`values`], so timestamps stay within the years 1698 to 2242, where the wire
//! form is exact.
//!
//! # Example
//!
//! ```
//! use proptest::prelude::*;
//! use twinmaker_syncjob::model::SyncJobSnapshot;
//! use twinmaker_syncjob::testkit::payloads::{malformed, payload};
//! use twinmaker_syncjob::testkit::values::snapshot;
//!
//! proptest!(ProptestConfig::with_cases(16), |(p in payload(snapshot()), bad in malformed())| {
//!     // Every form decodes to its paired value...
//!     prop_assert_eq!(p.decode(), Ok(p.value.clone()), "{}", p.text);
//!     // ...and every broken document gives the labelled error.
//!     let err = bad.decode().err();
//!     prop_assert!(err.as_ref().is_some_and(|err| bad.check(err).is_ok()), "{bad:?}: {err:?}");
//! });
//! ```

use std::fmt;

use proptest::prelude::*;
use proptest::sample::select;
use proptest::strategy::Union;
use serde_json::{Map, Value};

use crate::decode::{Decode, DecodeError, DecodeErrorKind, DecodeOptions, Document, decode_http_error};
use crate::encode::{Encode, Form};
use crate::model::{
    ApiError, ApiErrorKind, CreateSyncJobResponse, DeleteSyncJobResponse, ListSyncJobsPage, SyncJobSnapshot,
    SyncJobSummary, Timestamp,
};

use super::values;

/// A request id for boto3's `ResponseMetadata` (any string does: decoders skip the key).
const REQUEST_ID: &str = "5f1c0e7a-3d2b-4c1e-9a8f-0b6d2e4c7a91";

/// How a payload is written.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::model::{DeleteSyncJobResponse, Open, SyncJobState};
/// use twinmaker_syncjob::testkit::payloads::{PayloadForm, render};
///
/// let deleted = DeleteSyncJobResponse { state: Open::Known(SyncJobState::Deleting) };
/// assert_eq!(render(&deleted, PayloadForm::Wire).text, r#"{"state":"DELETING"}"#);
/// assert_eq!(render(&deleted, PayloadForm::Cli).text, "{\n    \"state\": \"DELETING\"\n}");
/// assert!(render(&deleted, PayloadForm::Boto3).text.starts_with(r#"{"state": "DELETING", "ResponseMetadata": {"#));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PayloadForm {
    /// The AWS wire JSON ([`Form::Wire`]): timestamps as epoch seconds, integers for whole
    /// seconds and fractions otherwise (`1672531200.123`).
    Wire,
    /// The wire JSON with every timestamp in exponent form (`1.672531200123E9`), which the SDKs
    /// also accept.
    WireExponent,
    /// The AWS CLI's output: indented by four spaces, timestamps as
    /// `2023-01-01T00:00:00.123000+00:00`. (For an API error, boto3's `ClientError.response`.)
    Cli,
    /// A boto3 response dumped with `json.dumps(response, default=str)`: `", "` and `": "`
    /// separators, non-ASCII characters as `\uXXXX` escapes (the `ensure_ascii` default),
    /// timestamps as `str(datetime)` (a space instead of `T`), and the `ResponseMetadata` key of
    /// boto3 responses (not on a lone [`SyncJobSummary`], which is an item of a response).
    Boto3,
}

impl PayloadForm {
    /// Every form.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::testkit::payloads::PayloadForm;
    ///
    /// assert_eq!(PayloadForm::ALL.len(), 4);
    /// ```
    pub const ALL: [Self; 4] = [Self::Wire, Self::WireExponent, Self::Cli, Self::Boto3];
}

/// A strategy for [`PayloadForm`], shrinking toward [`PayloadForm::Wire`].
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::testkit::payloads::{PayloadForm, payload_form};
///
/// proptest!(ProptestConfig::with_cases(8), |(form in payload_form())| {
///     prop_assert!(PayloadForm::ALL.contains(&form));
/// });
/// ```
pub fn payload_form() -> impl Strategy<Value = PayloadForm> + Clone {
    select(PayloadForm::ALL.to_vec())
}

mod sealed {
    pub trait Sealed {}
}

/// A payload shape this module can write in every [`PayloadForm`]: the responses of the four
/// operations, a ListSyncJobs summary, and [`ApiError`]. Sealed.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::model::ApiError;
/// use twinmaker_syncjob::testkit::payloads::Shape;
///
/// fn is_shape<T: Shape>() {}
/// is_shape::<ApiError>();
/// ```
pub trait Shape: sealed::Sealed + Encode + Decode + Clone + fmt::Debug + PartialEq + 'static {
    /// Whether boto3 responses of this shape carry `ResponseMetadata`.
    #[doc(hidden)]
    const RESPONSE: bool = true;

    /// The value as a payload in `form` decodes to: what the form cannot carry taken out.
    #[doc(hidden)]
    #[must_use]
    fn as_carried(&self, form: PayloadForm) -> Self {
        let _ = form;
        self.clone()
    }

    /// The boto3 dump of the value.
    #[doc(hidden)]
    #[must_use]
    fn boto3_compact(&self) -> String {
        let base = self.encode(Form::Cli);
        if Self::RESPONSE { with_metadata(&base, Some(200)) } else { base }
    }
}

impl sealed::Sealed for SyncJobSnapshot {}
impl Shape for SyncJobSnapshot {}
impl sealed::Sealed for ListSyncJobsPage {}
impl Shape for ListSyncJobsPage {}
impl sealed::Sealed for CreateSyncJobResponse {}
impl Shape for CreateSyncJobResponse {}
impl sealed::Sealed for DeleteSyncJobResponse {}
impl Shape for DeleteSyncJobResponse {}
impl sealed::Sealed for SyncJobSummary {}
impl Shape for SyncJobSummary {
    const RESPONSE: bool = false;
}
impl sealed::Sealed for ApiError {}
impl Shape for ApiError {
    fn as_carried(&self, form: PayloadForm) -> Self {
        let model_status = self.kind.known().map(ApiErrorKind::http_status);
        let http_status = match form {
            // The body has no status: the decoder gives the one the model fixes.
            PayloadForm::Wire | PayloadForm::WireExponent => model_status,
            PayloadForm::Cli | PayloadForm::Boto3 => self.http_status.or(model_status),
        };
        Self { http_status, ..self.clone() }
    }

    fn boto3_compact(&self) -> String {
        let bare = Self { http_status: None, ..self.clone() }.encode(Form::Cli);
        with_metadata(&bare, self.http_status)
    }
}

/// A raw payload and the value it must decode to.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::model::{ApiError, ApiErrorKind};
/// use twinmaker_syncjob::testkit::payloads::{PayloadForm, render};
///
/// let p = render(&ApiError::new(ApiErrorKind::Throttling, "Rate exceeded"), PayloadForm::Wire);
/// assert_eq!(p.text, r#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#);
/// assert_eq!(p.decode(), Ok(p.value.clone()));
/// ```
#[derive(Clone, PartialEq)]
pub struct Payload<T> {
    /// How it is written.
    pub form: PayloadForm,
    /// The document.
    pub text: String,
    /// What it decodes to.
    pub value: T,
}

impl<T: Shape> Payload<T> {
    /// Decodes the text with the default options.
    ///
    /// # Errors
    ///
    /// The decoder's error: for a payload of this module, a bug in the decoder (or here).
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::{DeleteSyncJobResponse, Open, SyncJobState};
    /// use twinmaker_syncjob::testkit::payloads::{PayloadForm, render};
    ///
    /// let p = render(&DeleteSyncJobResponse { state: Open::Known(SyncJobState::Deleting) }, PayloadForm::Boto3);
    /// assert_eq!(p.decode()?.state, SyncJobState::Deleting);
    /// # Ok::<(), twinmaker_syncjob::decode::DecodeError>(())
    /// ```
    pub fn decode(&self) -> Result<T, DecodeError> {
        T::decode_str(&self.text)
    }
}

impl<T: fmt::Debug> fmt::Debug for Payload<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The text first and whole: it is what a failing test needs to be reproduced.
        write!(f, "Payload {{ form: {:?}, text: {}, value: {:?} }}", self.form, self.text, self.value)
    }
}

/// Writes `value` in `form`, paired with what it decodes to.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::decode::Decode;
/// use twinmaker_syncjob::model::{CreateSyncJobResponse, Open, SyncJobArn, SyncJobState, Timestamp};
/// use twinmaker_syncjob::testkit::payloads::{PayloadForm, render};
///
/// let created = CreateSyncJobResponse {
///     arn: SyncJobArn::parse("arn:aws:iottwinmaker:us-east-1:123456789012:workspace/w/sync-job/SITEWISE")?,
///     creation_date_time: Timestamp::parse("2023-01-01T00:00:00.123Z")?,
///     state: Open::Known(SyncJobState::Creating),
/// };
/// assert!(render(&created, PayloadForm::WireExponent).text.contains(r#""creationDateTime":1.672531200123E9"#));
/// assert!(render(&created, PayloadForm::Boto3).text.contains(r#""creationDateTime": "2023-01-01 00:00:00.123000+00:00""#));
/// for form in PayloadForm::ALL {
///     assert_eq!(CreateSyncJobResponse::decode_str(&render(&created, form).text)?, created);
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn render<T: Shape>(value: &T, form: PayloadForm) -> Payload<T> {
    let text = match form {
        PayloadForm::Wire => value.encode(Form::Wire),
        PayloadForm::WireExponent => exponent_timestamps(&value.encode(Form::Wire)),
        PayloadForm::Cli => reformat(&value.encode(Form::Cli), Style::Indented),
        PayloadForm::Boto3 => reformat(&python_datetimes(&value.boto3_compact()), Style::PythonDump),
    };
    Payload { form, text, value: value.as_carried(form) }
}

/// Payloads of the values of `values`, in every form.
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::testkit::payloads::payload;
/// use twinmaker_syncjob::testkit::values::{api_error, page};
///
/// proptest!(ProptestConfig::with_cases(16), |(p in payload(page()), e in payload(api_error()))| {
///     prop_assert_eq!(p.decode(), Ok(p.value.clone()));
///     prop_assert_eq!(e.decode(), Ok(e.value.clone()));
/// });
/// ```
pub fn payload<T: Shape>(values: impl Strategy<Value = T>) -> impl Strategy<Value = Payload<T>> {
    (values, payload_form()).prop_map(|(value, form)| render(&value, form))
}

/// `{..., "ResponseMetadata": {...}}`: the compact object `object` with boto3's metadata added.
fn with_metadata(object: &str, status: Option<u16>) -> String {
    let status = status.map(|s| format!(r#""HTTPStatusCode":{s},"#)).unwrap_or_default();
    let metadata = format!(
        r#""ResponseMetadata":{{"RequestId":"{REQUEST_ID}",{status}"HTTPHeaders":{{"content-type":"application/json","x-amzn-requestid":"{REQUEST_ID}"}},"RetryAttempts":0}}"#
    );
    match object.strip_suffix('}') {
        Some("{") => format!("{{{metadata}}}"),
        Some(body) => format!("{body},{metadata}}}"),
        None => object.to_owned(),
    }
}

const TIMESTAMP_KEYS: [&str; 2] = ["\"creationDateTime\":", "\"updateDateTime\":"];

/// Rewrites `"key":<value>` for the timestamp keys of a compact document: a key in quotes followed
/// by a colon cannot occur inside a JSON string, where its quotes would be escaped.
fn rewrite_timestamps(text: &str, mut rewrite: impl FnMut(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    loop {
        let next = TIMESTAMP_KEYS.iter().filter_map(|key| rest.find(key).map(|at| (at, key.len()))).min();
        let Some((at, key_len)) = next else { break };
        let (head, tail) = rest.split_at(at + key_len);
        out.push_str(head);
        let end = tail.find([',', '}']).unwrap_or(tail.len());
        let (value, after) = tail.split_at(end);
        out.push_str(&rewrite(value).unwrap_or_else(|| value.to_owned()));
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Every epoch-second number of a compact wire document in exponent form.
fn exponent_timestamps(wire: &str) -> String {
    rewrite_timestamps(wire, |number| {
        let seconds: f64 = number.parse().ok()?;
        Timestamp::from_epoch_seconds_f64(seconds).ok().map(|t| exponent(t.unix_micros()))
    })
}

/// `micros` microseconds as epoch seconds in exponent form, exactly: `1.672531200123E9`.
fn exponent(micros: i64) -> String {
    if micros == 0 {
        return "0E0".to_owned();
    }
    let sign = if micros < 0 { "-" } else { "" };
    let mut digits = micros.unsigned_abs().to_string();
    let mut scale: i64 = 6; // the value is digits * 10^-scale
    while digits.len() > 1 && digits.ends_with('0') {
        digits.pop();
        scale -= 1;
    }
    let exp = i64::try_from(digits.len()).unwrap_or(0) - 1 - scale;
    match digits.split_at_checked(1) {
        Some((head, "")) => format!("{sign}{head}E{exp}"),
        Some((head, tail)) => format!("{sign}{head}.{tail}E{exp}"),
        None => format!("{sign}{digits}E{}", -scale),
    }
}

/// Python's `str(datetime)` for every timestamp of a compact CLI-form document: a space for `T`.
fn python_datetimes(cli: &str) -> String {
    rewrite_timestamps(cli, |quoted| {
        let mut chars: Vec<char> = quoted.chars().collect();
        // `"YYYY-MM-DDTHH...`: the quote, then ten characters of date.
        if let Some(c) = chars.get_mut(11).filter(|c| **c == 'T') {
            *c = ' ';
        }
        Some(chars.into_iter().collect())
    })
}

/// How [`reformat`] lays a document out.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    /// `json.dumps(indent=4)`, as the AWS CLI prints.
    Indented,
    /// `json.dumps()`: `", "` and `": "`, non-ASCII escaped.
    PythonDump,
}

/// Lays out a compact JSON document (as `serde_json` writes it) in `style`.
fn reformat(compact: &str, style: Style) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = compact.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.push_str(&"    ".repeat(depth));
    };
    while let Some(c) = chars.next() {
        if in_string {
            match c {
                _ if escaped => {
                    escaped = false;
                    out.push(c);
                }
                '\\' => {
                    escaped = true;
                    out.push(c);
                }
                '"' => {
                    in_string = false;
                    out.push(c);
                }
                c if style == Style::PythonDump && !c.is_ascii() => {
                    let mut units = [0u16; 2];
                    for unit in c.encode_utf16(&mut units) {
                        out.push_str(&format!("\\u{unit:04x}"));
                    }
                }
                c => out.push(c),
            }
            continue;
        }
        match (c, style) {
            ('"', _) => {
                in_string = true;
                out.push(c);
            }
            (',', Style::PythonDump) => out.push_str(", "),
            (',', Style::Indented) => {
                out.push(',');
                newline(&mut out, depth);
            }
            (':', _) => out.push_str(": "),
            ('{' | '[', Style::Indented) => {
                out.push(c);
                if chars.peek().is_some_and(|next| matches!(next, '}' | ']')) {
                    continue;
                }
                depth += 1;
                newline(&mut out, depth);
            }
            ('}' | ']', Style::Indented) => {
                if !(out.ends_with('{') || out.ends_with('[')) {
                    depth = depth.saturating_sub(1);
                    newline(&mut out, depth);
                }
                out.push(c);
            }
            (c, _) => out.push(c),
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// API errors over HTTP.

/// An API error as it arrives over HTTP, and the [`ApiError`] [`decode_http_error`] must make of
/// it.
///
/// The exception's name comes in the `x-amzn-errortype` header, sometimes with a suffix after a
/// colon, and the body has the message; or there is no header and the body has `__type`,
/// sometimes with a `namespace#` prefix (both as the reference sheet describes).
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::testkit::payloads::http_error;
///
/// proptest!(ProptestConfig::with_cases(16), |(e in http_error())| {
///     prop_assert_eq!(e.decode(), Ok(e.value.clone()));
/// });
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct HttpError {
    /// The HTTP status.
    pub status: Option<u16>,
    /// The `x-amzn-errortype` header, when present.
    pub error_type: Option<String>,
    /// The body.
    pub body: String,
    /// What it decodes to.
    pub value: ApiError,
}

impl HttpError {
    /// Decodes it with [`decode_http_error`].
    ///
    /// # Errors
    ///
    /// The decoder's error: for an error of this module, a bug in the decoder (or here).
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::{ApiError, ApiErrorKind};
    /// use twinmaker_syncjob::testkit::payloads::HttpError;
    ///
    /// let e = HttpError {
    ///     status: Some(404),
    ///     error_type: Some("ResourceNotFoundException:http://internal.amazon.com/".to_owned()),
    ///     body: r#"{"message":"gone"}"#.to_owned(),
    ///     value: ApiError::new(ApiErrorKind::ResourceNotFound, "gone"),
    /// };
    /// assert_eq!(e.decode()?, e.value);
    /// # Ok::<(), twinmaker_syncjob::decode::DecodeError>(())
    /// ```
    pub fn decode(&self) -> Result<ApiError, DecodeError> {
        decode_http_error(self.status, self.error_type.as_deref(), self.body.as_bytes())
    }
}

/// API errors over HTTP: a kind from [`values::api_error_kind`], any message, the model's status
/// for a known kind (any for an unknown one), the name in the header (with or without a suffix)
/// or in the body's `__type` (with or without a namespace).
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::testkit::payloads::http_error;
///
/// proptest!(ProptestConfig::with_cases(16), |(e in http_error())| {
///     prop_assert_eq!(e.value.http_status, e.status);
/// });
/// ```
pub fn http_error() -> impl Strategy<Value = HttpError> {
    (values::api_error_kind(), any::<String>(), 400..600_u16, 0..4_u8).prop_map(|(kind, message, any_status, how)| {
        let status = Some(kind.known().map_or(any_status, ApiErrorKind::http_status));
        let name = kind.as_str().to_owned();
        let message_json = Value::String(message.clone()).to_string();
        let (error_type, body) = match how {
            0 => (Some(name), format!(r#"{{"message":{message_json}}}"#)),
            1 => (
                Some(format!("{name}:http://internal.amazon.com/coral/com.amazonaws.iottwinmaker/")),
                format!(r#"{{"message":{message_json}}}"#),
            ),
            2 => (None, format!(r#"{{"__type":"{name}","message":{message_json}}}"#)),
            _ => (None, format!(r#"{{"__type":"com.amazonaws.iottwinmaker#{name}","message":{message_json}}}"#)),
        };
        HttpError { status, error_type, body, value: ApiError { kind, message, http_status: status } }
    })
}

// ---------------------------------------------------------------------------------------------
// Malformed documents.

/// Which decoder a [`Malformed`] document is for.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::testkit::payloads::Target;
///
/// assert_eq!(Target::Snapshot.to_string(), "GetSyncJob response");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// [`SyncJobSnapshot`].
    Snapshot,
    /// [`SyncJobSummary`].
    Summary,
    /// [`ListSyncJobsPage`].
    Page,
    /// [`CreateSyncJobResponse`].
    Create,
    /// [`DeleteSyncJobResponse`].
    Delete,
    /// [`ApiError`].
    ApiError,
    /// [`Document`], which detects the shape.
    Document,
}

impl Target {
    /// Decodes `input` with this target's decoder, dropping the value.
    ///
    /// # Errors
    ///
    /// The decoder's error.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::DecodeOptions;
    /// use twinmaker_syncjob::testkit::payloads::Target;
    ///
    /// assert!(Target::Delete.decode(br#"{"state":"DELETING"}"#, &DecodeOptions::new()).is_ok());
    /// assert!(Target::Create.decode(br#"{"state":"DELETING"}"#, &DecodeOptions::new()).is_err());
    /// ```
    pub fn decode(self, input: &[u8], options: &DecodeOptions) -> Result<(), DecodeError> {
        match self {
            Self::Snapshot => SyncJobSnapshot::decode_with(input, options).map(drop),
            Self::Summary => SyncJobSummary::decode_with(input, options).map(drop),
            Self::Page => ListSyncJobsPage::decode_with(input, options).map(drop),
            Self::Create => CreateSyncJobResponse::decode_with(input, options).map(drop),
            Self::Delete => DeleteSyncJobResponse::decode_with(input, options).map(drop),
            Self::ApiError => ApiError::decode_with(input, options).map(drop),
            Self::Document => Document::decode_with(input, options).map(drop),
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Snapshot => "GetSyncJob response",
            Self::Summary => "ListSyncJobs summary",
            Self::Page => "ListSyncJobs page",
            Self::Create => "CreateSyncJob response",
            Self::Delete => "DeleteSyncJob response",
            Self::ApiError => "API error",
            Self::Document => "document",
        })
    }
}

/// The variant of a [`DecodeErrorKind`], without its data.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::decode::DecodeErrorKind;
/// use twinmaker_syncjob::testkit::payloads::KindLabel;
///
/// assert_eq!(KindLabel::of(&DecodeErrorKind::MissingField { field: "arn" }), KindLabel::MissingField);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KindLabel {
    /// [`DecodeErrorKind::Syntax`].
    Syntax,
    /// [`DecodeErrorKind::UnexpectedEnd`].
    UnexpectedEnd,
    /// [`DecodeErrorKind::InvalidUtf8`].
    InvalidUtf8,
    /// [`DecodeErrorKind::NumberOutOfRange`].
    NumberOutOfRange,
    /// [`DecodeErrorKind::TooDeep`].
    TooDeep,
    /// [`DecodeErrorKind::TooLarge`].
    TooLarge,
    /// [`DecodeErrorKind::WrongType`].
    WrongType,
    /// [`DecodeErrorKind::MissingField`].
    MissingField,
    /// [`DecodeErrorKind::DuplicateField`].
    DuplicateField,
    /// [`DecodeErrorKind::Constraint`].
    Constraint,
    /// [`DecodeErrorKind::Timestamp`].
    Timestamp,
    /// [`DecodeErrorKind::UnknownEnumValue`].
    UnknownEnumValue,
    /// [`DecodeErrorKind::EmptyErrorType`].
    EmptyErrorType,
    /// [`DecodeErrorKind::UnrecognisedDocument`].
    UnrecognisedDocument,
}

impl KindLabel {
    /// The variant of `kind`.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::DecodeErrorKind;
    /// use twinmaker_syncjob::testkit::payloads::KindLabel;
    ///
    /// assert_eq!(KindLabel::of(&DecodeErrorKind::UnexpectedEnd), KindLabel::UnexpectedEnd);
    /// ```
    #[must_use]
    pub fn of(kind: &DecodeErrorKind) -> Self {
        match kind {
            DecodeErrorKind::Syntax { .. } => Self::Syntax,
            DecodeErrorKind::UnexpectedEnd => Self::UnexpectedEnd,
            DecodeErrorKind::InvalidUtf8 => Self::InvalidUtf8,
            DecodeErrorKind::NumberOutOfRange => Self::NumberOutOfRange,
            DecodeErrorKind::TooDeep => Self::TooDeep,
            DecodeErrorKind::TooLarge { .. } => Self::TooLarge,
            DecodeErrorKind::WrongType { .. } => Self::WrongType,
            DecodeErrorKind::MissingField { .. } => Self::MissingField,
            DecodeErrorKind::DuplicateField { .. } => Self::DuplicateField,
            DecodeErrorKind::Constraint(_) => Self::Constraint,
            DecodeErrorKind::Timestamp(_) => Self::Timestamp,
            DecodeErrorKind::UnknownEnumValue { .. } => Self::UnknownEnumValue,
            DecodeErrorKind::EmptyErrorType => Self::EmptyErrorType,
            DecodeErrorKind::UnrecognisedDocument => Self::UnrecognisedDocument,
        }
    }
}

/// A broken document, labelled with the error the decoder must give.
///
/// Each has exactly one fault, made in a valid payload: a required field left out, `null` or of
/// the wrong JSON type, a value that breaks a constraint, a timestamp that cannot be read, a key
/// given twice, the document cut short or followed by more, a byte that is not UTF-8, nesting past
/// the limit, a document over the size limit, an unknown enumeration value in strict mode, an empty
/// exception name, an object of no sync-job shape.
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::testkit::payloads::malformed;
///
/// proptest!(ProptestConfig::with_cases(32), |(bad in malformed())| {
///     match bad.decode() {
///         Ok(()) => prop_assert!(false, "{bad:?} decoded"),
///         Err(err) => prop_assert_eq!(bad.check(&err), Ok(())),
///     }
/// });
/// ```
#[derive(Clone, PartialEq)]
pub struct Malformed {
    /// The decoder it is for.
    pub target: Target,
    /// The options to decode it with (strict mode, size limit).
    pub options: DecodeOptions,
    /// The document.
    pub input: Vec<u8>,
    /// What is wrong with it, in words.
    pub fault: &'static str,
    /// The variant of the error the decoder must give.
    pub kind: KindLabel,
    /// The field path the error must name (`""` for the document as a whole).
    pub path: String,
    /// For [`KindLabel::MissingField`] and [`KindLabel::DuplicateField`], the field the error
    /// must name.
    pub field: Option<&'static str>,
}

impl Malformed {
    /// Decodes the document with its target and options.
    ///
    /// # Errors
    ///
    /// The decoder's error, which [`Malformed::check`] judges.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::DecodeOptions;
    /// use twinmaker_syncjob::testkit::payloads::{KindLabel, Malformed, Target};
    ///
    /// let bad = Malformed {
    ///     target: Target::Delete,
    ///     options: DecodeOptions::new(),
    ///     input: br#"{"state": 7}"#.to_vec(),
    ///     fault: "state is a number",
    ///     kind: KindLabel::WrongType,
    ///     path: "state".to_owned(),
    ///     field: None,
    /// };
    /// let err = bad.decode().unwrap_err();
    /// assert_eq!(bad.check(&err), Ok(()));
    /// ```
    pub fn decode(&self) -> Result<(), DecodeError> {
        self.target.decode(&self.input, &self.options)
    }

    /// Whether `err` is the error the label says: its variant, its path, and the field it names.
    ///
    /// # Errors
    ///
    /// What differs, in words.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::{Decode, DecodeOptions};
    /// use twinmaker_syncjob::model::DeleteSyncJobResponse;
    /// use twinmaker_syncjob::testkit::payloads::{KindLabel, Malformed, Target};
    ///
    /// let bad = Malformed {
    ///     target: Target::Delete,
    ///     options: DecodeOptions::new(),
    ///     input: b"{}".to_vec(),
    ///     fault: "no state",
    ///     kind: KindLabel::MissingField,
    ///     path: "state".to_owned(),
    ///     field: Some("state"),
    /// };
    /// assert_eq!(bad.check(&DeleteSyncJobResponse::decode(b"{}").unwrap_err()), Ok(()));
    /// assert!(bad.check(&DeleteSyncJobResponse::decode(b"[]").unwrap_err()).is_err());
    /// ```
    pub fn check(&self, err: &DecodeError) -> Result<(), String> {
        let kind = KindLabel::of(err.kind());
        let field = match err.kind() {
            DecodeErrorKind::MissingField { field } | DecodeErrorKind::DuplicateField { field } => Some(*field),
            _ => None,
        };
        if kind != self.kind || err.path() != self.path || field != self.field {
            return Err(format!(
                "expected {:?} at {:?} (field {:?}), got {:?} at {:?}: {err}",
                self.kind,
                self.path,
                self.field,
                kind,
                err.path()
            ));
        }
        Ok(())
    }
}

impl fmt::Debug for Malformed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown: String = String::from_utf8_lossy(&self.input).chars().take(600).collect();
        f.debug_struct("Malformed")
            .field("target", &self.target)
            .field("fault", &self.fault)
            .field("kind", &self.kind)
            .field("path", &self.path)
            .field("field", &self.field)
            .field("strict", &self.options.is_strict())
            .field("input", &shown)
            .finish()
    }
}

/// A placeholder for raw JSON in a [`Value`], replaced once the value is written.
const RAW: &str = "\u{1}raw\u{1}";

/// What is done to one field of a valid document.
#[derive(Clone, Debug)]
enum Edit {
    /// Leave the field out.
    Remove,
    /// Set it to this raw JSON.
    Raw(String),
}

/// The document `object` with `key` edited, written compactly.
fn edited(object: &Map<String, Value>, key: &str, edit: &Edit) -> Vec<u8> {
    let mut object = object.clone();
    match edit {
        Edit::Remove => {
            object.remove(key);
            Value::Object(object).to_string().into_bytes()
        }
        Edit::Raw(raw) => {
            object.insert(key.to_owned(), Value::String(RAW.to_owned()));
            let placeholder = Value::String(RAW.to_owned()).to_string();
            Value::Object(object).to_string().replacen(&placeholder, raw, 1).into_bytes()
        }
    }
}

/// The compact wire document of `value` as a JSON object.
fn object_of<T: Encode>(value: &T) -> Map<String, Value> {
    match serde_json::from_str(&value.encode(Form::Wire)) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

fn label(
    target: Target,
    input: Vec<u8>,
    fault: &'static str,
    kind: KindLabel,
    path: &str,
    field: Option<&'static str>,
) -> Malformed {
    Malformed { target, options: DecodeOptions::new(), input, fault, kind, path: path.to_owned(), field }
}

/// A field-level fault in a top-level field of `object`, for `target`. `required` lists the
/// required fields, `strings` the string fields and how to break each one's constraint.
fn field_faults(
    target: Target,
    object: Map<String, Value>,
    required: &'static [&'static str],
    breakers: &'static [Breaker],
) -> BoxedStrategy<Malformed> {
    let object = std::sync::Arc::new(object);
    let o = object.clone();
    let missing = select(required).prop_map(move |key| {
        label(
            target,
            edited(&o, key, &Edit::Remove),
            "a required field left out",
            KindLabel::MissingField,
            key,
            Some(key),
        )
    });
    let o = object.clone();
    let null = select(required).prop_map(move |key| {
        let input = edited(&o, key, &Edit::Raw("null".to_owned()));
        label(target, input, "a required field set to null", KindLabel::WrongType, key, None)
    });
    let o = object.clone();
    let wrong = (select(required), select(&["7", "true", "[]", "{}"][..])).prop_filter_map(
        "a JSON type the field does not take",
        move |(key, raw)| {
            let takes_objects = key == "status";
            let takes_numbers = key.ends_with("DateTime");
            if (takes_objects && raw == "{}") || (takes_numbers && raw == "7") {
                return None;
            }
            let input = edited(&o, key, &Edit::Raw(raw.to_owned()));
            Some(label(target, input, "a field of the wrong JSON type", KindLabel::WrongType, key, None))
        },
    );
    let o = object.clone();
    let duplicate = select(required).prop_filter_map("a field present in the document", move |key| {
        let value = o.get(key)?;
        let compact = Value::Object((*o).clone()).to_string();
        let body = compact.strip_prefix('{')?;
        let input = format!("{{{}:{value},{body}", Value::String(key.to_owned())).into_bytes();
        Some(label(target, input, "a field given twice", KindLabel::DuplicateField, key, Some(key)))
    });
    let mut options = vec![missing.boxed(), null.boxed(), wrong.boxed(), duplicate.boxed()];
    if !breakers.is_empty() {
        let o = object;
        let constraint = select(breakers).prop_map(move |(key, kind, breaker)| {
            let current = o.get(key).and_then(Value::as_str).unwrap_or("");
            let (raw, label_kind) = match kind {
                "timestamp" => (breaker(current), KindLabel::Timestamp),
                "number" => (breaker(current), KindLabel::NumberOutOfRange),
                _ => (Value::String(breaker(current)).to_string(), KindLabel::Constraint),
            };
            label(target, edited(&o, key, &Edit::Raw(raw)), "a value the model rejects", label_kind, key, None)
        });
        options.push(constraint.boxed());
    }
    Union::new(options).boxed()
}

/// How to break each string field, and timestamps: `(field, kind, breaker)`; `kind` is
/// `"constraint"` (a string the model rejects), `"timestamp"` (raw JSON a timestamp cannot be) or
/// `"number"` (a number no JSON number type holds).
type Breaker = (&'static str, &'static str, fn(&str) -> String);

const SNAPSHOT_BREAKERS: &[Breaker] = &[
    // '!' is in none of the patterns.
    ("arn", "constraint", |s| format!("{s}!")),
    ("workspaceId", "constraint", |s| format!("{s}!")),
    // A workspace id must end with a letter or digit.
    ("workspaceId", "constraint", |s| format!("{s}-")),
    ("syncSource", "constraint", |s| format!("{s}-")),
    ("syncRole", "constraint", |s| s.replacen("arn:", "ARN:", 1)),
    ("creationDateTime", "timestamp", |_| "\"2023-01-01T00:00:00\"".to_owned()),
    ("updateDateTime", "timestamp", |_| "\"2023-01-01 00:00:00.5\"".to_owned()),
    ("updateDateTime", "timestamp", |_| "\"yesterday\"".to_owned()),
    ("creationDateTime", "timestamp", |_| "1e300".to_owned()),
    ("creationDateTime", "number", |_| "1e400".to_owned()),
];

const CREATE_BREAKERS: &[Breaker] = &[
    ("arn", "constraint", |s| format!("{s}!")),
    ("arn", "constraint", |s| s.replacen(":iottwinmaker:", ":iotsitewise:", 1)),
    ("creationDateTime", "timestamp", |_| "\"2023-01-01T00:00:00\"".to_owned()),
    ("creationDateTime", "number", |_| "-1e400".to_owned()),
];

const NO_BREAKERS: &[Breaker] = &[];

/// Faults deep inside a snapshot's status: `(raw status, path, kind)`.
fn status_faults(object: Map<String, Value>) -> BoxedStrategy<Malformed> {
    let cases: Vec<(&'static str, &'static str, KindLabel)> = vec![
        (r#"{"state":7}"#, "status.state", KindLabel::WrongType),
        (r#"{"state":"ACTIVE","error":"boom"}"#, "status.error", KindLabel::WrongType),
        (r#"{"state":"ERROR","error":{"code":["SYNC_CREATING_ERROR"]}}"#, "status.error.code", KindLabel::WrongType),
        (r#"{"state":"ERROR","error":{"code":"X","code":"X"}}"#, "status.error.code", KindLabel::DuplicateField),
    ];
    let long = format!(r#"{{"state":"ERROR","error":{{"message":"{}"}}}}"#, "x".repeat(2049));
    (select(cases), any::<bool>())
        .prop_map(move |((raw, path, kind), too_long)| {
            let (raw, path, kind) = if too_long {
                (long.clone(), "status.error.message", KindLabel::Constraint)
            } else {
                (raw.to_owned(), path, kind)
            };
            let field = (kind == KindLabel::DuplicateField).then_some("code");
            label(Target::Snapshot, edited(&object, "status", &Edit::Raw(raw)), "a bad status", kind, path, field)
        })
        .boxed()
}

/// Faults of the whole document, for any target: cut short, followed by more, not UTF-8, nested
/// too deep, too large, not an object.
fn document_faults(target: Target, compact: String) -> BoxedStrategy<Malformed> {
    let text = compact;
    let cut = {
        let t = text.clone();
        Just(()).prop_map(move |()| {
            let input = t.strip_suffix('}').unwrap_or(&t).as_bytes().to_vec();
            label(target, input, "the closing brace cut off", KindLabel::UnexpectedEnd, "", None)
        })
    };
    let trailing = {
        let t = text.clone();
        select(&[" x", "}", ",{}", "{}"][..]).prop_map(move |more| {
            let input = format!("{t}{more}").into_bytes();
            label(target, input, "characters after the document", KindLabel::Syntax, "", None)
        })
    };
    let utf8 = {
        let t = text.clone();
        select(vec![0xffu8, 0xc0, 0x80, 0xed]).prop_map(move |byte| {
            let mut input = b"{\"x".to_vec();
            input.push(byte);
            input.extend_from_slice(b"\":1,");
            input.extend_from_slice(t.strip_prefix('{').unwrap_or(&t).as_bytes());
            label(target, input, "a byte that is not UTF-8 in an unknown key", KindLabel::InvalidUtf8, "", None)
        })
    };
    let deep = {
        let t = text.clone();
        (128usize..200).prop_map(move |levels| {
            // Under a key the decoder skips: the top-level object is the first level.
            let nested = format!("{}{}", "[".repeat(levels - 1), "]".repeat(levels - 1));
            let input = format!("{{\"x\":{nested},{}", t.strip_prefix('{').unwrap_or(&t)).into_bytes();
            label(target, input, "arrays nested 128 levels deep under an unknown key", KindLabel::TooDeep, "", None)
        })
    };
    let large = {
        let t = text.clone();
        (1usize..8).prop_map(move |less| {
            let mut bad =
                label(target, t.clone().into_bytes(), "a document over the size limit", KindLabel::TooLarge, "", None);
            bad.options = DecodeOptions::new().max_document_bytes(t.len().saturating_sub(less));
            bad
        })
    };
    let not_object = select(&["[]", "\"text\"", "7", "null"][..]).prop_map(move |raw| {
        label(target, raw.as_bytes().to_vec(), "not a JSON object", KindLabel::WrongType, "", None)
    });
    prop_oneof![cut, trailing, utf8, deep, large, not_object].boxed()
}

/// Malformed documents for one target, made from valid values of the [`values`] strategies.
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::testkit::payloads::{Target, malformed_for};
///
/// proptest!(ProptestConfig::with_cases(16), |(bad in malformed_for(Target::Create))| {
///     prop_assert_eq!(bad.target, Target::Create);
///     let err = bad.decode().err();
///     prop_assert!(err.is_some_and(|err| bad.check(&err).is_ok()));
/// });
/// ```
pub fn malformed_for(target: Target) -> BoxedStrategy<Malformed> {
    match target {
        Target::Snapshot => values::snapshot()
            .prop_flat_map(|job| {
                let object = object_of(&job);
                let compact = Value::Object(object.clone()).to_string();
                let strict = strict_fault(Target::Snapshot, object.clone(), "status", r#"{"state":"PAUSED"}"#, "status.state");
                prop_oneof![
                    4 => field_faults(Target::Snapshot, object.clone(), &SNAPSHOT_KEYS, SNAPSHOT_BREAKERS),
                    2 => status_faults(object),
                    2 => document_faults(Target::Snapshot, compact),
                    1 => strict,
                ]
            })
            .boxed(),
        Target::Create => values::create_response()
            .prop_flat_map(|created| {
                let object = object_of(&created);
                let compact = Value::Object(object.clone()).to_string();
                prop_oneof![
                    3 => field_faults(Target::Create, object.clone(), &["arn", "creationDateTime", "state"], CREATE_BREAKERS),
                    1 => document_faults(Target::Create, compact),
                    1 => strict_fault(Target::Create, object, "state", r#""PAUSED""#, "state"),
                ]
            })
            .boxed(),
        Target::Delete => values::delete_response()
            .prop_flat_map(|deleted| {
                let object = object_of(&deleted);
                let compact = Value::Object(object.clone()).to_string();
                prop_oneof![
                    2 => field_faults(Target::Delete, object.clone(), &["state"], NO_BREAKERS),
                    2 => document_faults(Target::Delete, compact),
                    1 => strict_fault(Target::Delete, object, "state", r#""PAUSED""#, "state"),
                ]
            })
            .boxed(),
        Target::Summary => values::summary()
            .prop_flat_map(|summary| {
                let object = object_of(&summary);
                let compact = Value::Object(object.clone()).to_string();
                let arn = {
                    let o = object.clone();
                    Just(()).prop_map(move |()| {
                        let input = edited(&o, "arn", &Edit::Raw("\"arn:aws:iottwinmaker:us-east-1:123:x\"".to_owned()));
                        label(Target::Summary, input, "an ARN with a short account id", KindLabel::Constraint, "arn", None)
                    })
                };
                prop_oneof![arn, document_faults(Target::Summary, compact)]
            })
            .boxed(),
        Target::Page => values::page()
            .prop_flat_map(|page| {
                let object = object_of(&page);
                let compact = Value::Object(object.clone()).to_string();
                let n = page.sync_job_summaries.len();
                let bad_item = {
                    let mut items: Vec<Value> = page
                        .sync_job_summaries
                        .iter()
                        .filter_map(|s| serde_json::from_str(&s.encode(Form::Wire)).ok())
                        .collect();
                    items.push(Value::String(RAW.to_owned()));
                    let mut o = object.clone();
                    o.insert("syncJobSummaries".to_owned(), Value::Array(items));
                    select(&[("{\"status\":{\"state\":7}}", ".status.state", KindLabel::WrongType), ("{\"workspaceId\":\"-\"}", ".workspaceId", KindLabel::Constraint), ("\"summary\"", "", KindLabel::WrongType)][..])
                        .prop_map(move |(raw, tail, kind)| {
                            let placeholder = Value::String(RAW.to_owned()).to_string();
                            let input = Value::Object(o.clone()).to_string().replacen(&placeholder, raw, 1).into_bytes();
                            let path = format!("syncJobSummaries[{n}]{tail}");
                            label(Target::Page, input, "a bad summary at the end of the list", kind, &path, None)
                        })
                };
                let not_list = {
                    let o = object.clone();
                    Just(()).prop_map(move |()| {
                        let input = edited(&o, "syncJobSummaries", &Edit::Raw("{}".to_owned()));
                        label(Target::Page, input, "summaries not in a list", KindLabel::WrongType, "syncJobSummaries", None)
                    })
                };
                prop_oneof![2 => bad_item, 1 => not_list, 2 => document_faults(Target::Page, compact)]
            })
            .boxed(),
        Target::ApiError => values::api_error()
            .prop_flat_map(|error| {
                let object = object_of(&error);
                let compact = Value::Object(object.clone()).to_string();
                let o = object.clone();
                let empty = select(&["\"\"", "\"com.amazonaws.iottwinmaker#\""][..]).prop_map(move |raw| {
                    let input = edited(&o, "__type", &Edit::Raw(raw.to_owned()));
                    label(Target::ApiError, input, "an empty exception name", KindLabel::EmptyErrorType, "__type", None)
                });
                let o = object;
                let missing = Just(()).prop_map(move |()| {
                    let input = edited(&o, "__type", &Edit::Remove);
                    label(Target::ApiError, input, "no exception name", KindLabel::MissingField, "__type", Some("__type"))
                });
                prop_oneof![empty, missing, document_faults(Target::ApiError, compact)]
            })
            .boxed(),
        Target::Document => select(&[r#"{}"#, r#"{"foo":1}"#, r#"{"ResponseMetadata":{"HTTPStatusCode":200}}"#][..])
            .prop_map(|raw| {
                label(Target::Document, raw.as_bytes().to_vec(), "an object of no sync-job shape", KindLabel::UnrecognisedDocument, "", None)
            })
            .boxed(),
    }
}

const SNAPSHOT_KEYS: [&str; 7] =
    ["arn", "workspaceId", "syncSource", "syncRole", "status", "creationDateTime", "updateDateTime"];

/// An unknown enumeration value in strict mode: `key` set to `raw` (holding `PAUSED`), every other
/// enumeration of the document known.
fn strict_fault(
    target: Target,
    mut object: Map<String, Value>,
    key: &'static str,
    raw: &'static str,
    path: &'static str,
) -> BoxedStrategy<Malformed> {
    if object.contains_key("syncSource") {
        object.insert("syncSource".to_owned(), Value::String("SITEWISE".to_owned()));
    }
    Just(())
        .prop_map(move |()| {
            let mut bad = label(
                target,
                edited(&object, key, &Edit::Raw(raw.to_owned())),
                "an unknown enumeration value in strict mode",
                KindLabel::UnknownEnumValue,
                path,
                None,
            );
            bad.options = DecodeOptions::new().strict(true);
            bad
        })
        .boxed()
}

/// Malformed documents for every [`Target`].
///
/// # Example
///
/// ```
/// use proptest::prelude::*;
/// use twinmaker_syncjob::testkit::payloads::malformed;
///
/// proptest!(ProptestConfig::with_cases(32), |(bad in malformed())| {
///     let err = bad.decode().err();
///     prop_assert!(err.as_ref().is_some_and(|err| bad.check(err).is_ok()), "{bad:?}: {err:?}");
/// });
/// ```
pub fn malformed() -> impl Strategy<Value = Malformed> {
    prop_oneof![
        3 => malformed_for(Target::Snapshot),
        1 => malformed_for(Target::Summary),
        1 => malformed_for(Target::Page),
        2 => malformed_for(Target::Create),
        1 => malformed_for(Target::Delete),
        1 => malformed_for(Target::ApiError),
        1 => malformed_for(Target::Document),
    ]
}
