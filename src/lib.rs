//! # twinmaker-syncjob
//!
//! The lifecycle of AWS IoT TwinMaker **sync jobs**, as a pure library with no IO, no clock and no
//! randomness of its own:
//!
//! - [`model`]: the service model's shapes as exact, validated values (open enumerations keep
//!   values this crate does not know);
//! - [`decode`]: every form users hold payloads in (AWS wire JSON, AWS CLI output, boto3 dumps,
//!   API error bodies), with errors that say which field, line and column;
//! - [`encode`]: back to the wire form, the AWS CLI form, or a canonical form;
//! - [`lifecycle`]: the one transition table with the evidence for each edge, policies,
//!   reachability, the classification of error codes and API exceptions, and a typestate API;
//! - [`observe`]: judging what a poller saw, for one job or a fleet;
//! - [`waiter`]: a sans-IO waiter following the Smithy waiter rules;
//! - [`transport`]: transports behind a trait, drivers for the waiter, and adapters (replay, a
//!   deterministic simulator, and the official SDK behind the `aws-sdk` feature).
//!
//! Facts about the service come from the public service model and user guide; where they are
//! silent this crate says "inferred". See the `docs/` folder of the repository.
//!
//! # Example
//!
//! ```
//! use twinmaker_syncjob::decode::Decode;
//! use twinmaker_syncjob::model::{SyncJobSnapshot, SyncJobState};
//!
//! // As the AWS CLI prints it.
//! let job = SyncJobSnapshot::decode_str(r#"{
//!     "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
//!     "workspaceId": "plant",
//!     "syncSource": "SITEWISE",
//!     "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
//!     "status": {"state": "ERROR", "error": {"code": "SYNC_CREATING_ERROR", "message": "cannot assume role"}},
//!     "creationDateTime": "2023-01-01T00:00:00+00:00",
//!     "updateDateTime": "2023-01-01T00:01:30.250000+00:00"
//! }"#)?;
//! assert_eq!(job.status.known_state(), Some(SyncJobState::Error));
//! # Ok::<(), twinmaker_syncjob::decode::DecodeError>(())
//! ```

// Layers, each depending only on those before it.
pub mod model;
pub mod decode;
pub mod encode;
pub mod lifecycle;
pub mod observe;
pub mod waiter;
pub mod transport;
pub mod check;
#[cfg(feature = "proptest")]
pub mod testkit;
