//! The sync-job lifecycle: one transition table with the evidence for each edge, policies over it,
//! precomputed reachability, and the classification of error codes and API exceptions.
//!
//! ```text
//! CREATING -> INITIALIZING -> ACTIVE -> DELETING -> (deleted) -> CREATING (a new incarnation)
//!     \            \            \          ^  \
//!      `------------`------------`-> ERROR-'   `-> ERROR (inferred)
//! ```
//!
//! [`TRANSITIONS`] is the only place the lifecycle is written in code; see `docs/lifecycle.md`
//! for the diagram generated from it and the sources of every edge.
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
mod policy;
mod table;

pub use classify::{
    ApiErrorClassification, Disposition, ErrorClassification, Fault, classify_api_error, classify_api_error_kind,
    classify_error_code, classify_error_details, classify_open_error_code,
};
pub use policy::{Phase, Policy, Position, Route, Via};
pub use table::{Evidence, Stage, TRANSITIONS, Transition};
