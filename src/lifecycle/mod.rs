//! The sync-job lifecycle: one transition table with the evidence for each edge, policies over it,
//! precomputed reachability, and the classification of error codes and API exceptions.
//!
//! [`TRANSITIONS`] is the only place the lifecycle is written in code; see `docs/lifecycle.md`
//! for the diagram generated from it and the sources of every edge. [`mermaid`] and [`dot`] draw
//! any [`Policy`]; [`SyncJob`] is the typestate API over the default policy, in which an illegal
//! transition does not compile.
//!
//! # Example
//!
//! ```
//! use twinmaker_syncjob::lifecycle::{Phase, Policy, Position, Route, Stage};
//!
//! // A poller saw ACTIVE, then ERROR with SYNC_DELETING_ERROR: the job went through DELETING.
//! match Policy::DEFAULT.route(Position::Active, Position::Error(Phase::Deleting)) {
//!     Route::Skip(via) => assert_eq!(via.as_slice(), &[Stage::Deleting]),
//!     other => panic!("{other:?}"),
//! }
//! ```

mod classify;
mod diagram;
mod policy;
mod table;
mod typestate;

pub use classify::{
    ApiErrorClassification, Disposition, ErrorClassification, Fault, classify_api_error, classify_api_error_kind,
    classify_error_code, classify_error_details, classify_open_error_code,
};
pub use diagram::{dot, mermaid};
pub use policy::{Phase, Policy, Position, Route, Via};
pub use table::{Evidence, Stage, TRANSITIONS, Transition};
pub use typestate::{
    Active, AnySyncJob, Creating, DeleteSyncJobRequest, DeletedSyncJob, Deleting, Failed, Initializing, JobField,
    JobState, Mismatch, NotDeletedError, RecreateError, SyncJob, TYPESTATE_EDGES, TransitionError, TransitionTo,
    TypestateEdge, UnobservableError, WrongStateError,
};

/// The code examples of `docs/lifecycle.md`, run as doctests so the document cannot drift from the
/// API.
#[cfg(doctest)]
#[doc = include_str!("../../docs/lifecycle.md")]
pub struct LifecycleDocs;
