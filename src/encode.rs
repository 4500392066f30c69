//! Encoding the [`crate::model`] types back to JSON, in the wire form, the AWS CLI form, or the
//! canonical form.
//!
//! Keys come in the service model's order; absent optional fields are left out; unknown
//! enumeration values are written back exactly as they were received.
//!
//! # Example
//!
//! ```
//! use twinmaker_syncjob::decode::Decode;
//! use twinmaker_syncjob::encode::{Encode, Form};
//! use twinmaker_syncjob::model::CreateSyncJobResponse;
//!
//! let created = CreateSyncJobResponse::decode_str(r#"{"state": "CREATING", "creationDateTime": "2023-01-01T00:00:00.5Z",
//!     "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/w/sync-job/SITEWISE"}"#)?;
//! assert_eq!(
//!     created.encode(Form::Wire),
//!     r#"{"arn":"arn:aws:iottwinmaker:us-east-1:123456789012:workspace/w/sync-job/SITEWISE","creationDateTime":1672531200.5,"state":"CREATING"}"#
//! );
//! assert!(created.encode(Form::Cli).contains(r#""creationDateTime":"2023-01-01T00:00:00.500000+00:00""#));
//! assert!(created.encode(Form::Canonical).contains(r#""creationDateTime":"2023-01-01T00:00:00.5Z""#));
//! assert_eq!(CreateSyncJobResponse::decode_str(&created.encode(Form::Cli))?, created);
//! # Ok::<(), twinmaker_syncjob::decode::DecodeError>(())
//! ```

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::decode::{ApiErrorDocument, Document};
use crate::model::{
    ApiError, CreateSyncJobResponse, DeleteSyncJobResponse, ErrorDetails, ListSyncJobsPage, SyncJobSnapshot,
    SyncJobStatus, SyncJobSummary, Timestamp,
};

/// The JSON form to write.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::encode::{Encode, Form};
/// use twinmaker_syncjob::model::{ApiError, ApiErrorKind};
///
/// let err = ApiError::new(ApiErrorKind::Throttling, "Rate exceeded");
/// assert_eq!(err.encode(Form::Wire), r#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#);
/// assert_eq!(
///     err.encode(Form::Cli),
///     r#"{"Error":{"Code":"ThrottlingException","Message":"Rate exceeded"},"ResponseMetadata":{"HTTPStatusCode":429}}"#
/// );
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Form {
    /// The AWS wire form: timestamps as epoch-second numbers (integers for whole seconds); API
    /// errors as `{"__type", "message"}` bodies (the HTTP status travels outside the body).
    Wire,
    /// The AWS CLI form: timestamps as `2023-01-01T00:00:00.123000+00:00`; API errors as boto3's
    /// `ClientError.response` (`Error.Code`, `Error.Message`, `ResponseMetadata.HTTPStatusCode`).
    Cli,
    /// The canonical form of `syncjob decode`: timestamps as RFC 3339 UTC strings ending in `Z`,
    /// the fraction trimmed of trailing zeros; API errors as `{"__type", "message"}`.
    Canonical,
}

mod sealed {
    pub trait Sealed {}
}

/// A model value that can be written as JSON in any [`Form`].
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::encode::{Encode, Form};
/// use twinmaker_syncjob::model::{DeleteSyncJobResponse, Open, SyncJobState};
///
/// let deleted = DeleteSyncJobResponse { state: Open::Known(SyncJobState::Deleting) };
/// assert_eq!(deleted.encode(Form::Wire), r#"{"state":"DELETING"}"#);
/// ```
pub trait Encode: sealed::Sealed {
    /// Writes the value as one line of JSON in the given form.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::encode::{Encode, Form};
    /// use twinmaker_syncjob::model::CreateSyncJobResponse;
    ///
    /// let wire = r#"{"arn":"arn:aws:iottwinmaker:us-east-1:123456789012:workspace/w1/sync-job/SITEWISE","creationDateTime":1672531200.5,"state":"CREATING"}"#;
    /// let created = CreateSyncJobResponse::decode_str(wire)?;
    /// assert_eq!(created.encode(Form::Wire), wire);
    /// assert!(created.encode(Form::Cli).contains(r#""creationDateTime":"2023-01-01T00:00:00.500000+00:00""#));
    /// # Ok::<(), twinmaker_syncjob::decode::DecodeError>(())
    /// ```
    #[must_use]
    fn encode(&self, form: Form) -> String;
}

/// A value paired with the form to serialize it in.
struct In<'a, T: ?Sized>(&'a T, Form);

macro_rules! encode_via_serialize {
    ($($ty:ty),*) => {$(
        impl sealed::Sealed for $ty {}

        impl Encode for $ty {
            fn encode(&self, form: Form) -> String {
                let mut out = Vec::with_capacity(256);
                // Writing to a Vec cannot fail, and no Serialize impl below returns an error.
                let _ = serde_json::to_writer(&mut out, &In(self, form));
                String::from_utf8(out).unwrap_or_default()
            }
        }
    )*};
}

encode_via_serialize!(
    SyncJobSnapshot,
    SyncJobSummary,
    ListSyncJobsPage,
    CreateSyncJobResponse,
    DeleteSyncJobResponse,
    ApiError,
    ApiErrorDocument,
    Document
);

impl Serialize for In<'_, Timestamp> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let t = *self.0;
        match self.1 {
            Form::Wire if t.unix_micros() % 1_000_000 == 0 => s.serialize_i64(t.unix_micros() / 1_000_000),
            Form::Wire => s.serialize_f64(t.epoch_seconds_f64()),
            Form::Cli => s.serialize_str(&t.to_cli_string()),
            Form::Canonical => s.collect_str(&t),
        }
    }
}

/// Writes `key: value` when `value` is present.
fn entry<M: SerializeMap, T>(map: &mut M, key: &str, value: Option<&T>, form: Form) -> Result<(), M::Error>
where
    for<'a> In<'a, T>: Serialize,
{
    match value {
        Some(value) => map.serialize_entry(key, &In(value, form)),
        None => Ok(()),
    }
}

macro_rules! as_string {
    ($($ty:ty),*) => {$(
        impl Serialize for In<'_, $ty> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.0.as_str())
            }
        }
    )*};
}

as_string!(
    crate::model::SyncJobArn,
    crate::model::WorkspaceId,
    crate::model::SyncRoleArn,
    crate::model::ErrorMessage,
    crate::model::Open<crate::model::SyncSource>,
    crate::model::Open<crate::model::SyncJobState>,
    crate::model::Open<crate::model::ErrorCode>,
    String
);

impl Serialize for In<'_, ErrorDetails> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (d, form) = (self.0, self.1);
        let mut map = s.serialize_map(None)?;
        entry(&mut map, "code", d.code.as_ref(), form)?;
        entry(&mut map, "message", d.message.as_ref(), form)?;
        map.end()
    }
}

impl Serialize for In<'_, SyncJobStatus> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (st, form) = (self.0, self.1);
        let mut map = s.serialize_map(None)?;
        entry(&mut map, "state", st.state.as_ref(), form)?;
        entry(&mut map, "error", st.error.as_ref(), form)?;
        map.end()
    }
}

impl Serialize for In<'_, SyncJobSnapshot> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (j, form) = (self.0, self.1);
        let mut map = s.serialize_map(Some(7))?;
        entry(&mut map, "arn", Some(&j.arn), form)?;
        entry(&mut map, "workspaceId", Some(&j.workspace_id), form)?;
        entry(&mut map, "syncSource", Some(&j.sync_source), form)?;
        entry(&mut map, "syncRole", Some(&j.sync_role), form)?;
        entry(&mut map, "status", Some(&j.status), form)?;
        entry(&mut map, "creationDateTime", Some(&j.creation_date_time), form)?;
        entry(&mut map, "updateDateTime", Some(&j.update_date_time), form)?;
        map.end()
    }
}

impl Serialize for In<'_, SyncJobSummary> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (j, form) = (self.0, self.1);
        let mut map = s.serialize_map(None)?;
        entry(&mut map, "arn", j.arn.as_ref(), form)?;
        entry(&mut map, "workspaceId", j.workspace_id.as_ref(), form)?;
        entry(&mut map, "syncSource", j.sync_source.as_ref(), form)?;
        entry(&mut map, "status", j.status.as_ref(), form)?;
        entry(&mut map, "creationDateTime", j.creation_date_time.as_ref(), form)?;
        entry(&mut map, "updateDateTime", j.update_date_time.as_ref(), form)?;
        map.end()
    }
}

impl Serialize for In<'_, ListSyncJobsPage> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (page, form) = (self.0, self.1);
        let mut map = s.serialize_map(None)?;
        let summaries: Vec<_> = page.sync_job_summaries.iter().map(|summary| In(summary, form)).collect();
        map.serialize_entry("syncJobSummaries", &summaries)?;
        entry(&mut map, "nextToken", page.next_token.as_ref(), form)?;
        map.end()
    }
}

impl Serialize for In<'_, CreateSyncJobResponse> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (c, form) = (self.0, self.1);
        let mut map = s.serialize_map(Some(3))?;
        entry(&mut map, "arn", Some(&c.arn), form)?;
        entry(&mut map, "creationDateTime", Some(&c.creation_date_time), form)?;
        entry(&mut map, "state", Some(&c.state), form)?;
        map.end()
    }
}

impl Serialize for In<'_, DeleteSyncJobResponse> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(1))?;
        entry(&mut map, "state", Some(&self.0.state), self.1)?;
        map.end()
    }
}

impl Serialize for In<'_, ApiError> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        In(&ApiErrorDocument { error: self.0.clone(), workspace_id: None, sync_source: None }, self.1).serialize(s)
    }
}

/// boto3's `Error` member.
struct BotoError<'a>(&'a ApiError);

impl Serialize for BotoError<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(2))?;
        map.serialize_entry("Code", self.0.kind.as_str())?;
        map.serialize_entry("Message", &self.0.message)?;
        map.end()
    }
}

/// boto3's `ResponseMetadata` member.
struct Metadata(u16);

impl Serialize for Metadata {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(1))?;
        map.serialize_entry("HTTPStatusCode", &self.0)?;
        map.end()
    }
}

impl Serialize for In<'_, ApiErrorDocument> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (doc, form) = (self.0, self.1);
        let mut map = s.serialize_map(None)?;
        match form {
            Form::Cli => {
                map.serialize_entry("Error", &BotoError(&doc.error))?;
                if let Some(status) = doc.error.http_status {
                    map.serialize_entry("ResponseMetadata", &Metadata(status))?;
                }
            }
            Form::Wire | Form::Canonical => {
                map.serialize_entry("__type", doc.error.kind.as_str())?;
                map.serialize_entry("message", &doc.error.message)?;
            }
        }
        entry(&mut map, "workspaceId", doc.workspace_id.as_ref(), form)?;
        entry(&mut map, "syncSource", doc.sync_source.as_ref(), form)?;
        map.end()
    }
}

impl Serialize for In<'_, Document> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let form = self.1;
        match self.0 {
            Document::SyncJob(v) => In(v, form).serialize(s),
            Document::Summary(v) => In(v, form).serialize(s),
            Document::Page(v) => In(v, form).serialize(s),
            Document::Created(v) => In(v, form).serialize(s),
            Document::Deleted(v) => In(v, form).serialize(s),
            Document::Error(v) => In(v, form).serialize(s),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DeleteSyncJobResponse, Open, SyncJobState};

    #[test]
    fn wire_timestamps_are_whole_seconds_when_they_can_be() {
        let at = |micros: i64| {
            let response = CreateSyncJobResponse {
                arn: "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/w/sync-job/SITEWISE".parse().unwrap(),
                creation_date_time: Timestamp::from_unix_micros(micros).unwrap(),
                state: Open::Known(SyncJobState::Creating),
            };
            response.encode(Form::Wire)
        };
        assert!(
            at(1_672_531_200_000_000).contains(r#""creationDateTime":1672531200,"#),
            "{}",
            at(1_672_531_200_000_000)
        );
        assert!(at(1_672_531_200_500_000).contains(r#""creationDateTime":1672531200.5,"#));
        assert!(at(0).contains(r#""creationDateTime":0,"#));
        assert!(at(-1_000_000).contains(r#""creationDateTime":-1,"#));
        let deleted = DeleteSyncJobResponse { state: Open::Known(SyncJobState::Deleting) };
        assert_eq!(deleted.encode(Form::Wire), r#"{"state":"DELETING"}"#);
    }
}
