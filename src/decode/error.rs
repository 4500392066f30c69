//! The decoding error: what went wrong, in which field, at which line and column.

use std::fmt;

use crate::model::{ConstraintError, TimestampError};

/// A document could not be decoded.
///
/// It says what went wrong ([`DecodeError::kind`]), in which field ([`DecodeError::path`], such as
/// `status.error.code` or `syncJobSummaries[2].arn`), and where ([`DecodeError::line`] and
/// [`DecodeError::column`], both 1-based; columns count bytes). The position is where the parser
/// stopped:
///
/// - a bad string or number: its last character;
/// - an array or object of the wrong type: its opening bracket (its closing one when it is empty);
/// - a missing or `null` required field: the end of the object that lacks it, which for the
///   top-level fields, boto3's `Error.Code` and the exception's name is the end of the document
///   (the check runs once the whole document has been read);
/// - a duplicate key: the key's closing quote;
/// - a syntax error: the offending character, or the last one when the input ends too early;
/// - invalid UTF-8: the first bad byte; a document too large: line 1, column 1.
///
/// The path names the field the decoder was reading; inside a key it skips (not part of the
/// model) it is the enclosing field's, or empty at the top level.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::decode::{Decode, DecodeErrorKind};
/// use twinmaker_syncjob::model::DeleteSyncJobResponse;
///
/// let err = DeleteSyncJobResponse::decode(b"{\n  \"state\": 7\n}").unwrap_err();
/// assert_eq!(err.path(), "state");
/// assert_eq!((err.line(), err.column()), (2, 12));
/// assert!(matches!(err.kind(), DecodeErrorKind::WrongType { .. }));
/// assert_eq!(err.to_string(), "state: invalid type: integer `7`, expected a SyncJobState string, at line 2, column 12");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct DecodeError {
    kind: DecodeErrorKind,
    path: String,
    line: usize,
    column: usize,
}

/// What was wrong with a document; part of [`DecodeError`].
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::decode::{Decode, DecodeErrorKind};
/// use twinmaker_syncjob::model::DeleteSyncJobResponse;
///
/// let err = DeleteSyncJobResponse::decode(b"{}").unwrap_err();
/// assert_eq!(err.kind(), &DecodeErrorKind::MissingField { field: "state" });
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// The input is not valid JSON.
    Syntax {
        /// The parser's description.
        message: String,
    },
    /// The input ends in the middle of a document (or is empty).
    UnexpectedEnd,
    /// The input is not valid UTF-8.
    InvalidUtf8,
    /// A number too large for any JSON number type (such as `1e400`).
    NumberOutOfRange,
    /// Arrays and objects nested 128 levels deep or more, anywhere in the document (serde_json's
    /// recursion limit; the top-level object is the first level, so at most 127 are accepted).
    TooDeep,
    /// The document is larger than [`DecodeOptions::max_document_bytes`](super::DecodeOptions::max_document_bytes).
    TooLarge {
        /// The document's length in bytes.
        len: usize,
        /// The limit.
        limit: usize,
    },
    /// A value of the wrong JSON type, or `null` where the model requires a value.
    WrongType {
        /// The parser's description, naming what was found and what was expected.
        message: String,
    },
    /// A field the model requires is absent.
    MissingField {
        /// The field's wire name.
        field: &'static str,
    },
    /// A key that appears twice in one object.
    DuplicateField {
        /// The field's wire name.
        field: &'static str,
    },
    /// A value that breaks a model constraint (length, pattern).
    Constraint(ConstraintError),
    /// A timestamp that cannot be read.
    Timestamp(TimestampError),
    /// An enumeration value this crate does not know, in strict mode.
    UnknownEnumValue {
        /// The enumeration's name in the model.
        enumeration: &'static str,
        /// The value as received.
        value: String,
    },
    /// An API error whose exception name is empty.
    EmptyErrorType,
    /// An object with none of the keys of any sync-job payload.
    UnrecognisedDocument,
}

impl DecodeError {
    pub(crate) fn new(kind: DecodeErrorKind, path: String, line: usize, column: usize) -> Self {
        Self { kind, path, line, column }
    }

    /// What was wrong.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::{Decode, DecodeErrorKind, Document};
    ///
    /// let err = Document::decode(b"").unwrap_err();
    /// assert_eq!(err.kind(), &DecodeErrorKind::UnexpectedEnd);
    /// ```
    #[must_use]
    pub fn kind(&self) -> &DecodeErrorKind {
        &self.kind
    }

    /// The path of the field at fault (`status.error.code`, `syncJobSummaries[0].arn`), or an empty
    /// string for the document as a whole.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::model::SyncJobSummary;
    ///
    /// let err = SyncJobSummary::decode(br#"{"status": {"error": {"code": 1}}}"#).unwrap_err();
    /// assert_eq!(err.path(), "status.error.code");
    /// ```
    #[must_use]
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The 1-based line of the problem.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::{Decode, Document};
    ///
    /// assert_eq!(Document::decode(b"\n\n{").unwrap_err().line(), 3);
    /// ```
    #[must_use]
    pub fn line(&self) -> usize {
        self.line
    }

    /// The 1-based column (in bytes) of the problem.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::{Decode, Document};
    ///
    /// assert_eq!(Document::decode(b"{,").unwrap_err().column(), 2);
    /// ```
    #[must_use]
    pub fn column(&self) -> usize {
        self.column
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        write!(f, "{}, at line {}, column {}", self.kind, self.line, self.column)
    }
}

impl std::error::Error for DecodeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            DecodeErrorKind::Constraint(err) => Some(err),
            DecodeErrorKind::Timestamp(err) => Some(err),
            _ => None,
        }
    }
}

impl fmt::Display for DecodeErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Syntax { message } => write!(f, "not valid JSON: {message}"),
            Self::UnexpectedEnd => f.write_str("the document ends too early"),
            Self::InvalidUtf8 => f.write_str("the input is not valid UTF-8"),
            Self::NumberOutOfRange => f.write_str("a number is out of range"),
            Self::TooDeep => f.write_str("arrays and objects are nested 128 levels deep; the limit is 127"),
            Self::TooLarge { len, limit } => write!(f, "the document is {len} bytes, over the limit of {limit}"),
            Self::WrongType { message } => f.write_str(message),
            Self::MissingField { field } => write!(f, "missing required field `{field}`"),
            Self::DuplicateField { field } => write!(f, "field `{field}` appears twice"),
            Self::Constraint(err) => write!(f, "{err}"),
            Self::Timestamp(err) => write!(f, "{err}"),
            Self::UnknownEnumValue { enumeration, value } => {
                write!(f, "unknown {enumeration} value {value:?} (strict mode)")
            }
            Self::EmptyErrorType => f.write_str("the error's type is empty"),
            Self::UnrecognisedDocument => {
                f.write_str("not a sync-job payload: none of the keys of a GetSyncJob, ListSyncJobs, CreateSyncJob, DeleteSyncJob response or an API error")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::error::Error as _;

    use super::*;
    use crate::model::{ConstraintError, TimestampError};

    #[test]
    fn every_kind_says_what_is_wrong() {
        let cases = [
            (DecodeErrorKind::Syntax { message: "expected `:`".into() }, "not valid JSON: expected `:`"),
            (DecodeErrorKind::UnexpectedEnd, "the document ends too early"),
            (DecodeErrorKind::InvalidUtf8, "the input is not valid UTF-8"),
            (DecodeErrorKind::NumberOutOfRange, "a number is out of range"),
            (DecodeErrorKind::TooDeep, "arrays and objects are nested 128 levels deep; the limit is 127"),
            (DecodeErrorKind::TooLarge { len: 9, limit: 8 }, "the document is 9 bytes, over the limit of 8"),
            (DecodeErrorKind::WrongType { message: "invalid type: null".into() }, "invalid type: null"),
            (DecodeErrorKind::MissingField { field: "arn" }, "missing required field `arn`"),
            (DecodeErrorKind::DuplicateField { field: "arn" }, "field `arn` appears twice"),
            (
                DecodeErrorKind::Constraint(ConstraintError::Length { field: "arn", len: 1, min: 20, max: 2048 }),
                "arn is 1 characters long; the model allows 20 to 2048",
            ),
            (DecodeErrorKind::Timestamp(TimestampError::NotFinite), &TimestampError::NotFinite.to_string()),
            (
                DecodeErrorKind::UnknownEnumValue { enumeration: "SyncJobState", value: "PAUSED".into() },
                "unknown SyncJobState value \"PAUSED\" (strict mode)",
            ),
            (DecodeErrorKind::EmptyErrorType, "the error's type is empty"),
        ];
        for (kind, message) in cases {
            assert_eq!(kind.to_string(), message);
        }
        assert!(DecodeErrorKind::UnrecognisedDocument.to_string().starts_with("not a sync-job payload: "));
        let err = DecodeError::new(DecodeErrorKind::UnexpectedEnd, "status.state".into(), 2, 7);
        assert_eq!(err.to_string(), "status.state: the document ends too early, at line 2, column 7");
    }

    #[test]
    fn constraint_and_timestamp_errors_are_the_source() {
        let constraint = ConstraintError::Length { field: "arn", len: 1, min: 20, max: 2048 };
        let err = DecodeError::new(DecodeErrorKind::Constraint(constraint.clone()), "arn".into(), 1, 9);
        assert_eq!(err.source().map(ToString::to_string), Some(constraint.to_string()));
        let err = DecodeError::new(DecodeErrorKind::Timestamp(TimestampError::NotFinite), String::new(), 1, 1);
        assert_eq!(err.source().map(ToString::to_string), Some(TimestampError::NotFinite.to_string()));
        assert!(DecodeError::new(DecodeErrorKind::TooDeep, String::new(), 1, 1).source().is_none());
    }
}
