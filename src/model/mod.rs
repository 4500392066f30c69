//! The wire model: the service model's shapes as exact, validated Rust values.
//!
//! Names follow the service model (`iottwinmaker` 2021-11-29); the facts behind every constraint are
//! listed in `docs/formats.md`. Reading payloads into these types is the job of [`crate::decode`],
//! writing them back that of [`crate::encode`].

mod enums;
pub(crate) mod ids;
mod payloads;
mod timestamp;

pub use enums::{ApiErrorKind, ErrorCode, Open, SyncJobState, SyncSource, UnknownValue, WireEnum};
pub use ids::{ConstraintError, ErrorMessage, PatternDetail, SyncJobArn, SyncRoleArn, WorkspaceId};
pub use payloads::{
    ApiError, CreateSyncJobResponse, DeleteSyncJobResponse, ErrorDetails, ListSyncJobsPage, SyncJobSnapshot,
    SyncJobStatus, SyncJobSummary,
};
pub use timestamp::{Timestamp, TimestampError};
