//! Observation checking: judge what a poller saw, for one job ([`JobTracker`]) or a whole fleet
//! ([`FleetTracker`]).
//!
//! A poller never sees every state: it sees the same state many times, misses short-lived
//! states, misses a whole delete-and-recreate between two polls, and gets errors. The trackers
//! know this: they tell stutters, steps, skips (with the stages passed through unseen), deletions
//! and recreations from real violations, under a [`Policy`](crate::lifecycle::Policy). The core
//! is sans-IO: no clock, no IO, no allocation per observation. The rules, with a worked example
//! for each, are in `docs/observing.md`.
//!
//! # Example
//!
//! ```
//! use twinmaker_syncjob::decode::Decode;
//! use twinmaker_syncjob::lifecycle::{Policy, Stage};
//! use twinmaker_syncjob::model::{ApiError, ApiErrorKind, SyncJobSnapshot};
//! use twinmaker_syncjob::observe::{Change, JobTracker, Observation};
//!
//! let active = SyncJobSnapshot::decode_str(r#"{
//!     "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
//!     "workspaceId": "plant", "syncSource": "SITEWISE",
//!     "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
//!     "status": {"state": "ACTIVE"}, "creationDateTime": 1672531200, "updateDateTime": 1672531300
//! }"#)?;
//! let mut tracker = JobTracker::new(Policy::DEFAULT);
//! tracker.observe(Observation::Snapshot(&active));
//! // Then the job is gone: it was deleted, through DELETING, between two polls.
//! let gone = ApiError::new(ApiErrorKind::ResourceNotFound, "");
//! let verdict = tracker.observe(Observation::Error(&gone));
//! assert_eq!(verdict.change, Change::Deleted(verdict.change.via()));
//! assert_eq!(verdict.change.via().as_slice(), &[Stage::Deleting]);
//! assert!(verdict.is_clean());
//! # Ok::<(), twinmaker_syncjob::decode::DecodeError>(())
//! ```

mod fingerprint;
mod fleet;
mod tracker;
mod verdict;

pub use fleet::{FleetError, FleetState, FleetTracker, JobKey};
pub(crate) use tracker::Seen;
pub use tracker::{JobRecord, JobTracker, Observation};
pub use verdict::{Change, Findings, IdentityField, Verdict, Violation, Warning};

/// The code examples of `docs/observing.md`, run as doctests so the document cannot drift from the
/// code.
#[cfg(doctest)]
#[doc = include_str!("../../docs/observing.md")]
pub struct ObservingDocs;
