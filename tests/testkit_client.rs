//! The property-testing kit as a user would use it: an example client tested against the
//! simulator, a deliberately buggy variant that the kit catches, and the simulator checked against
//! the kit's reference model of the service.
//!
//! The example client provisions a sync job: create it (retrying throttled and failed calls),
//! wait until it is `ACTIVE` with `wait_blocking`, and delete it when the wait fails, so that no
//! failed job is left behind (the user guide's remedy for `ERROR` is to delete the job and create
//! it again).

#![cfg(feature = "proptest")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, reason = "test code")]

use std::time::Duration;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestError, TestRunner};
use proptest_state_machine::{ReferenceStateMachine, StateMachineTest, prop_state_machine};
use twinmaker_syncjob::lifecycle::{Stage, classify_api_error};
use twinmaker_syncjob::model::{ErrorCode, SyncJobSnapshot, SyncJobState, SyncRoleArn};
use twinmaker_syncjob::testkit::machine::{
    AllFaults, ApiKind, NoFaults, ServiceMachine, ServiceState, ServiceTransition, Transition,
};
use twinmaker_syncjob::testkit::values::known;
use twinmaker_syncjob::transport::sim::{ErrorFault, Faults, Simulator};
use twinmaker_syncjob::transport::{CallError, SyncJobId, wait_blocking};
use twinmaker_syncjob::waiter::{Goal, Outcome, SeededJitter, WaiterConfig};

// ---------------------------------------------------------------------------------------------
// The example client.

/// How the client behaves: the correct one, or one of its bugs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Client {
    /// Create, wait until `ACTIVE`, delete on failure.
    Correct,
    /// Forgets to delete the job when the wait fails.
    ForgetsToDelete,
}

/// Calls `call` until it succeeds or fails with an error that is not retryable, sleeping on the
/// simulator's clock in between (at most 20 attempts).
fn retrying<T>(
    sim: &mut Simulator,
    mut call: impl FnMut(&mut Simulator) -> Result<T, CallError>,
) -> Result<T, CallError> {
    let mut attempt = 0;
    loop {
        match call(sim) {
            Err(CallError::Api(err)) if attempt < 20 && classify_api_error(&err).disposition.is_retryable() => {
                attempt += 1;
                sim.advance(Duration::from_secs(1 << attempt.min(5)));
            }
            other => return other,
        }
    }
}

/// Provisions `job`: the job's snapshot once it is `ACTIVE`, or why not.
fn provision(
    client: Client,
    sim: &mut Simulator,
    job: &SyncJobId,
    role: &SyncRoleArn,
) -> Result<SyncJobSnapshot, String> {
    retrying(sim, |sim| sim.create_sync_job(job, role)).map_err(|err| format!("create: {err}"))?;
    let mut clock = sim.clock();
    let config = WaiterConfig::new(Goal::Active, Duration::from_secs(3600)).map_err(|err| err.to_string())?;
    let seed = sim.seed();
    match wait_blocking(sim, &mut clock, job, config, SeededJitter::new(seed), |_| {}) {
        Outcome::Success { snapshot: Some(snapshot), .. } => Ok(*snapshot),
        outcome => {
            if client == Client::Correct {
                retrying(sim, |sim| sim.delete_sync_job(job)).map_err(|err| format!("delete: {err}"))?;
            }
            Err(format!("{:?}", outcome.failure()))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The property, with the kit's strategies.

/// A runner with a fixed seed, so that the tests of the tests are reproducible.
fn deterministic(cases: u32) -> TestRunner {
    let config = Config { cases, failure_persistence: None, ..Config::default() };
    let rng = proptest::test_runner::TestRng::deterministic_rng(config.rng_algorithm);
    TestRunner::new_with_rng(config, rng)
}

/// What the simulator injects: small knobs, so counterexamples shrink to a few numbers.
#[derive(Clone, Debug)]
struct World {
    seed: u64,
    /// Throttling probability, in tenths.
    throttling: u8,
    /// The error every incarnation fails with, if any.
    job_error: Option<ErrorCode>,
}

fn world() -> impl Strategy<Value = World> {
    (any::<u64>(), 0..5_u8, proptest::option::of(known::<ErrorCode>()))
        .prop_map(|(seed, throttling, job_error)| World { seed, throttling, job_error })
}

impl World {
    fn simulator(&self) -> Option<Simulator> {
        let errors = self.job_error.map_or(ErrorFault::None, ErrorFault::code);
        let faults = Faults::none().with_throttling(f64::from(self.throttling) / 10.0).with_job_errors(errors);
        // A code the default policy cannot inject (none today) is not a world.
        Simulator::builder(self.seed).faults(faults).build().ok()
    }
}

/// The client's contract: on success the job is `ACTIVE`; on failure no job is left behind
/// except one being deleted.
fn contract(client: Client, world: &World) -> Result<(), TestCaseError> {
    let Some(mut sim) = world.simulator() else { return Ok(()) };
    let job = SyncJobId::parse("plant", "SITEWISE").unwrap();
    let role = sim.role();
    let result = provision(client, &mut sim, &job, &role);
    let left = sim.peek(&job).and_then(|s| s.status.known_state());
    match &result {
        Ok(snapshot) => prop_assert_eq!(snapshot.status.known_state(), Some(SyncJobState::Active)),
        Err(why) => prop_assert!(
            matches!(left, None | Some(SyncJobState::Deleting)),
            "a failed job was left behind in {:?} ({})",
            left,
            why
        ),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_client_leaves_no_failed_job_behind(world in world()) {
        contract(Client::Correct, &world)?;
    }
}

/// The buggy client is caught, and the counterexample shrinks to the essentials: no throttling,
/// and a job error (the seed stays whatever makes a phase-less code fail before `ACTIVE`).
#[test]
fn the_kit_catches_a_client_that_forgets_to_delete() {
    let mut runner = deterministic(64);
    let result = runner.run(&world(), |world| contract(Client::ForgetsToDelete, &world));
    let Err(TestError::Fail(why, minimal)) = result else { panic!("the buggy client passed: {result:?}") };
    assert!(why.to_string().contains("left behind in Some(Error)"), "{why}");
    assert_eq!(minimal.throttling, 0, "{minimal:?}");
    assert!(minimal.job_error.is_some(), "{minimal:?}");
}

// ---------------------------------------------------------------------------------------------
// The simulator as the system under test, against the reference model.

struct SimulatorMatchesModel;

impl StateMachineTest for SimulatorMatchesModel {
    type SystemUnderTest = Simulator;
    type Reference = ServiceMachine<NoFaults>;

    fn init_test(_: &ServiceState) -> Simulator {
        Simulator::new(11).unwrap()
    }

    fn apply(mut sim: Simulator, model: &ServiceState, t: ServiceTransition) -> Simulator {
        let job = ServiceState::job_id(t.job).unwrap();
        match t.transition {
            Transition::Create => {
                let role = sim.role();
                let answer = sim.create_sync_job(&job, &role).map(|r| r.state.known()).map_err(|e| e.api_kind());
                assert_eq!(Some(answer), model.last_answer.map(|a| a.map(Some)), "{t}");
            }
            Transition::Delete => {
                let answer = sim.delete_sync_job(&job).map(|r| r.state.known()).map_err(|e| e.api_kind());
                assert_eq!(Some(answer), model.last_answer.map(|a| a.map(Some)), "{t}");
            }
            Transition::Progress => {
                let before = sim.peek(&job).map(|s| s.status.known_state());
                for _ in 0..7200 {
                    if sim.peek(&job).map(|s| s.status.known_state()) != before {
                        break;
                    }
                    sim.advance(Duration::from_secs(1));
                }
            }
            other => panic!("NoFaults generates no {other:?}"),
        }
        // After every transition, the job is where the model says.
        let seen = sim.peek(&job).and_then(|s| s.status.known_state());
        assert_eq!(seen, model.job(t.job).and_then(|j| j.stage.state()), "after {t}");
        sim
    }
}

prop_state_machine! {
    #![proptest_config(Config { cases: 64, failure_persistence: None, ..Config::default() })]

    #[test]
    fn the_simulator_follows_the_model(sequential 1..30 => SimulatorMatchesModel);
}

/// A fake that answers CreateSyncJob on an existing job with success (a common mistake in
/// hand-written fakes) is caught by the same test, with a short sequence.
#[test]
fn the_model_catches_a_fake_that_creates_twice() {
    struct LenientFake;

    impl StateMachineTest for LenientFake {
        type SystemUnderTest = Simulator;
        type Reference = ServiceMachine<NoFaults>;

        fn init_test(_: &ServiceState) -> Simulator {
            Simulator::new(11).unwrap()
        }

        fn apply(sim: Simulator, model: &ServiceState, t: ServiceTransition) -> Simulator {
            let job = ServiceState::job_id(t.job).unwrap();
            let mut sim = sim;
            if t.transition == Transition::Create {
                let role = sim.role();
                let answer =
                    sim.create_sync_job(&job, &role).map(|r| r.state.known()).or(Ok(Some(SyncJobState::Creating)));
                let answer: Result<_, twinmaker_syncjob::model::ApiErrorKind> = answer;
                assert_eq!(Some(answer), model.last_answer.map(|a| a.map(Some)), "{t}");
            } else {
                sim = <SimulatorMatchesModel as StateMachineTest>::apply(sim, model, t);
            }
            sim
        }
    }

    let mut runner = deterministic(64);
    let result = runner.run(&ServiceMachine::<NoFaults>::sequential_strategy(1..30), |(state, transitions, seen)| {
        LenientFake::test_sequential(Config::default(), state, transitions, seen);
        Ok(())
    });
    let Err(TestError::Fail(_, (_, transitions, _))) = result else { panic!("the fake passed: {result:?}") };
    // Shrunk to the essence: create, create.
    let steps: Vec<Transition> = transitions.iter().map(|t| t.transition).collect();
    assert_eq!(steps, [Transition::Create, Transition::Create], "{transitions:?}");
}

/// Every sequence the model generates under every fault keeps to the policy: each job moves only
/// along allowed edges, incarnations only grow, and throttled calls change nothing.
#[test]
fn the_models_transitions_follow_the_policy() {
    let mut runner = deterministic(256);
    runner
        .run(&ServiceMachine::<AllFaults>::sequential_strategy(1..60), |(initial, transitions, _)| {
            let mut state = initial;
            let mut kinds = std::collections::BTreeSet::new();
            for t in &transitions {
                prop_assert!(ServiceMachine::<AllFaults>::preconditions(&state, t), "{}", t);
                let next = ServiceMachine::<AllFaults>::apply(state.clone(), t);
                kinds.insert(format!("{:?}", std::mem::discriminant(&t.transition)));
                for (before, after) in state.jobs.iter().zip(&next.jobs) {
                    prop_assert!(after.incarnation >= before.incarnation);
                    let moved = before.stage != after.stage;
                    let recreated = after.incarnation > before.incarnation;
                    if moved && !recreated {
                        prop_assert!(
                            state.policy.allows(before.stage, after.stage),
                            "{:?} -> {:?} by {}",
                            before.stage,
                            after.stage,
                            t
                        );
                    }
                    if recreated {
                        prop_assert_eq!((before.stage, after.stage), (Stage::Deleted, Stage::Creating));
                    }
                }
                if next.last_answer == Some(Err(twinmaker_syncjob::model::ApiErrorKind::Throttling)) {
                    prop_assert_eq!(&next.jobs, &state.jobs);
                }
                state = next;
            }
            Ok(())
        })
        .unwrap();
}
