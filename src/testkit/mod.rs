//! A property-testing kit (cargo feature `proptest`): [`proptest`] strategies for the values,
//! payloads and lifecycles of sync jobs, and a reference model of the service, so that a property
//! test of your own code that watches, waits for or provisions sync jobs is a few lines.
//!
//! - [`values`]: every public value of the model (known and unknown enumeration values,
//!   identifiers that satisfy the model's constraints, timestamps, the payload shapes, API errors).
//! - [`payloads`]: raw payloads as users receive them (wire JSON, AWS CLI output, boto3 dumps, HTTP
//!   errors), each paired with the value it decodes to, and malformed ones labelled with the error
//!   the decoder must give.
//! - [`lifecycle`]: legal lifecycles under a [`Policy`](crate::lifecycle::Policy), poller traces
//!   sampled from them with every observation labelled with what the
//!   [observation checker](crate::observe) must say, illegal traces with exactly one violating
//!   observation, and several jobs' traces interleaved.
//! - [`machine`]: a [`proptest_state_machine`] reference state machine of the service (create,
//!   delete, time passing, faults), for a `StateMachineTest` of your own client.
//!
//! Every trace is built from a small generated plan (a vector of small enums), so proptest
//! shrinks the plan and a failing trace of forty observations shrinks to the handful that matter.
//! `docs/testing.md` in the repository walks through a test of an example client.
//!
//! The kit uses the `proptest` and `proptest-state-machine` versions this crate depends on; they
//! are re-exported here so that your tests can name the same ones.
//!
//! # Example
//!
//! ```
//! use proptest::prelude::*;
//! use twinmaker_syncjob::lifecycle::Policy;
//! use twinmaker_syncjob::observe::JobTracker;
//! use twinmaker_syncjob::testkit::lifecycle::poller_trace;
//!
//! // Whatever a poller saw of a legal lifecycle, the checker reports no violation, and says what
//! // the label says about every observation.
//! proptest!(ProptestConfig::with_cases(32), |(trace in poller_trace(Policy::DEFAULT, 0))| {
//!     let verdicts = trace.feed(&mut JobTracker::new(Policy::DEFAULT));
//!     prop_assert!(verdicts.iter().all(|v| v.violations.is_empty()));
//!     prop_assert_eq!(trace.check(&verdicts), Ok(()));
//! });
//! ```

pub mod lifecycle;
pub mod machine;
pub mod payloads;
pub mod values;

#[doc(no_inline)]
pub use proptest;
#[doc(no_inline)]
pub use proptest_state_machine;
