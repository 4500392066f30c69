//! A sans-IO waiter for sync jobs, following the Smithy waiter rules.
//!
//! AWS ships no waiter for sync jobs (botocore's waiter file for the service is empty and the
//! Smithy model defines none), so this one is built from the Smithy waiter specification: `minDelay`
//! (default 2 s), `maxDelay` (default 120 s), a required maximum wait, exponential backoff with
//! jitter, and one last attempt at the deadline. Its acceptors come from the lifecycle: success
//! when the goal is observed; failure when the job fails, when the goal has become unreachable,
//! when an observation violates the lifecycle, or on a terminal API error; retry otherwise.
//!
//! The [`Waiter`] does no IO and reads no clock: feed it responses with the current instant
//! ([`Waiter::handle_response`]), tell it when time passes ([`Waiter::handle_timeout`]), and drain
//! what it wants ([`Waiter::poll_output`], [`Waiter::poll_timeout`], [`Waiter::poll_event`]).
//! Drivers that run it over a transport live in [`crate::transport`].
//!
//! # Example
//!
//! ```
//! use std::time::{Duration, Instant};
//! use twinmaker_syncjob::model::{ApiError, ApiErrorKind};
//! use twinmaker_syncjob::waiter::{FixedJitter, Goal, Output, Waiter, WaiterConfig};
//!
//! let t0 = Instant::now();
//! let config = WaiterConfig::new(Goal::Active, Duration::from_secs(600))?;
//! let mut waiter = Waiter::new(config, FixedJitter::MAX, t0);
//! assert_eq!(waiter.poll_output(), Some(Output::GetSyncJob { attempt: 1 }));
//! // The service throttles the first call: retry after minDelay.
//! waiter.handle_response(t0, Err(&ApiError::new(ApiErrorKind::Throttling, "slow down")));
//! assert_eq!(waiter.poll_output(), Some(Output::Wait { until: t0 + Duration::from_secs(2) }));
//! assert_eq!(waiter.poll_timeout(), Some(t0 + Duration::from_secs(2)));
//! waiter.handle_timeout(t0 + Duration::from_secs(2));
//! assert_eq!(waiter.poll_output(), Some(Output::GetSyncJob { attempt: 2 }));
//! # Ok::<(), twinmaker_syncjob::waiter::ConfigError>(())
//! ```

mod backoff;
mod core;

pub use backoff::{FixedJitter, Jitter, SeededJitter, smithy_delay};
pub use core::{ConfigError, Event, Failure, Goal, Outcome, Output, Waiter, WaiterConfig};
