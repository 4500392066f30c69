//! A property-testing kit (cargo feature `proptest`): [`proptest`] strategies for the values and
//! lifecycles of sync jobs, so that a property test of your own code that watches, waits for or
//! provisions sync jobs is a few lines.
//!
//! - [`lifecycle`]: legal lifecycles under a [`Policy`](crate::lifecycle::Policy), poller traces
//!   sampled from them with every observation labelled with what the
//!   [observation checker](crate::observe) must say, illegal traces with exactly one violating
//!   observation, and several jobs' traces interleaved.
//!
//! Every trace is built from a small generated plan (a vector of small enums), so proptest
//! shrinks the plan and a failing trace of forty observations shrinks to the handful that matter.
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
