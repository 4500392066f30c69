//! Properties of the waiter driven by `wait_blocking` against the simulator, on the simulator's
//! own clock, for random seeds and fault mixes:
//!
//! - it finishes by the maximum wait (the last attempt is at the deadline at the latest);
//! - every delay is within `[minDelay, maxDelay]`, or is the final one shortened to the deadline;
//! - it succeeds exactly when the goal state was observed;
//! - a failure carries the right reason (the code the fault injected, an unreachable goal from
//!   where the job was seen, a timeout at the deadline), and never a lifecycle violation;
//! - the same seed gives the same run.
//!
//! Inputs are small (a seed and a few fault knobs), so shrinking gives short counterexamples.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, reason = "test code")]

use std::time::Duration;

use proptest::prelude::*;
use twinmaker_syncjob::lifecycle::{Phase, Policy, Position, Route};
use twinmaker_syncjob::model::{
    ApiError, ApiErrorKind, ErrorCode, Open, SyncJobSnapshot, SyncJobState, SyncRoleArn, WireEnum,
};
use twinmaker_syncjob::transport::sim::{ErrorFault, Faults, HistoryEvent, SimClock, Simulator};
use twinmaker_syncjob::transport::{CallError, SyncJobId, Transport, wait_blocking};
use twinmaker_syncjob::waiter::{Event, Failure, Goal, Outcome, SeededJitter, WaiterConfig};

type Answer = Result<SyncJobSnapshot, ApiError>;

/// The fault knobs of one case.
#[derive(Clone, Debug)]
struct Knobs {
    /// Per mille of calls throttled.
    throttling: u16,
    /// Per mille of calls failing with an internal error.
    internal: u16,
    /// 0: no job errors; 1 to 8: every known code in its phase (drawn for phase-less ones);
    /// 9: random errors; 10: INTERNAL_FAILURE while deleting.
    error: usize,
    slow: bool,
    delete_retries: u32,
    details: bool,
    recreate: bool,
    documented: bool,
}

#[derive(Clone, Debug)]
struct Case {
    seed: u64,
    knobs: Knobs,
    /// 0: until ACTIVE; 1: until deleted (after a delete); 2: until ERROR; 3: until DELETING (after a
    /// delete).
    goal: u8,
    /// Virtual seconds between the creation and the start of the wait (and the delete).
    start_after: u32,
    max_wait: u32,
    min_delay_ms: u64,
    extra_delay_ms: u64,
}

prop_compose! {
    fn knobs()(
        throttling in 0u16..=700,
        internal in 0u16..=250,
        error in 0usize..=10,
        slow in any::<bool>(),
        delete_retries in 0u32..=3,
        details in any::<bool>(),
        recreate in any::<bool>(),
        documented in any::<bool>(),
    ) -> Knobs {
        Knobs { throttling, internal, error, slow, delete_retries, details, recreate, documented }
    }
}

prop_compose! {
    fn cases()(
        seed in any::<u64>(),
        knobs in knobs(),
        goal in 0u8..=3,
        start_after in 0u32..=900,
        max_wait in 1u32..=7200,
        min_delay_ms in 500u64..=5000,
        extra_delay_ms in 0u64..=120_000,
    ) -> Case {
        Case { seed, knobs, goal, start_after, max_wait, min_delay_ms, extra_delay_ms }
    }
}

impl Case {
    fn faults(&self) -> Faults {
        let k = &self.knobs;
        let job_errors = match k.error {
            0 => ErrorFault::None,
            9 => ErrorFault::Random { probability: 0.5 },
            10 => ErrorFault::code_in(ErrorCode::InternalFailure, Phase::Deleting),
            i => ErrorFault::code(ErrorCode::known_values().nth(i - 1).unwrap()),
        };
        Faults::none()
            .with_throttling(f64::from(k.throttling) / 1000.0)
            .with_internal_errors(f64::from(k.internal) / 1000.0)
            .with_job_errors(job_errors)
            .with_slow_initialization(k.slow)
            .with_delete_retries(k.delete_retries, k.details)
            .with_recreate(k.recreate)
    }

    fn goal(&self) -> Goal {
        match self.goal {
            0 => Goal::Active,
            1 => Goal::Deleted,
            2 => Goal::State(SyncJobState::Error),
            _ => Goal::State(SyncJobState::Deleting),
        }
    }

    /// The simulator: under the documented policy when asked and possible (failures while
    /// deleting need the inferred DELETING -> ERROR edge), else the default one.
    fn simulator(&self) -> Simulator {
        let build = |policy: Policy| Simulator::builder(self.seed).faults(self.faults()).policy(policy).build();
        match self.knobs.documented {
            true => build(Policy::DOCUMENTED).or_else(|_| build(Policy::DEFAULT)).unwrap(),
            false => build(Policy::DEFAULT).unwrap(),
        }
    }

    fn config(&self, policy: &Policy) -> WaiterConfig {
        let min = Duration::from_millis(self.min_delay_ms);
        WaiterConfig::new(self.goal(), Duration::from_secs(u64::from(self.max_wait)))
            .unwrap()
            .delays(min, min + Duration::from_millis(self.extra_delay_ms))
            .unwrap()
            .policy(policy.clone())
    }
}

/// A transport that records every GetSyncJob answer the waiter got.
struct Recorder<'a> {
    sim: &'a mut Simulator,
    answers: Vec<Answer>,
}

impl Transport for Recorder<'_> {
    fn get_sync_job(&mut self, job: &SyncJobId) -> Result<SyncJobSnapshot, CallError> {
        let result = self.sim.get_sync_job(job);
        self.answers.push(match &result {
            Ok(snapshot) => Ok(snapshot.clone()),
            Err(CallError::Api(error)) => Err(error.clone()),
            Err(other) => panic!("the simulator failed as a transport: {other}"),
        });
        result
    }
}

/// One wait, and everything needed to judge it.
struct Run {
    clock: SimClock,
    /// When the wait started, as an offset on the clock.
    started: Duration,
    ended: Duration,
    events: Vec<Event>,
    answers: Vec<Answer>,
    outcome: Outcome,
    policy: Policy,
    /// The error codes of the job's failures, in order (ground truth).
    failures: Vec<Option<Open<ErrorCode>>>,
}

fn retryable(error: &ApiError) -> bool {
    matches!(error.known_kind(), Some(ApiErrorKind::Throttling | ApiErrorKind::InternalServer))
}

fn run(case: &Case) -> Run {
    let mut sim = case.simulator();
    let policy = sim.policy().clone();
    let mut clock = sim.clock();
    let job = SyncJobId::parse("plant", "SITEWISE").unwrap();
    let role: SyncRoleArn = sim.role();
    let second = Duration::from_secs(1);
    // Create (retrying throttled and failed calls), let time pass, delete when waiting for it.
    let mut tries = 0;
    while let Err(CallError::Api(error)) = sim.create_sync_job(&job, &role) {
        assert!(retryable(&error), "{error}");
        tries += 1;
        assert!(tries < 10_000);
        sim.advance(second);
    }
    sim.advance(Duration::from_secs(u64::from(case.start_after)));
    if matches!(case.goal(), Goal::Deleted | Goal::State(SyncJobState::Deleting)) {
        for tries in 0.. {
            assert!(tries < 100_000);
            match sim.delete_sync_job(&job) {
                Ok(_) => break,
                Err(CallError::Api(e)) if e.known_kind() == Some(ApiErrorKind::ResourceNotFound) => break,
                // Retryable, or not deletable yet under the documented policy.
                Err(CallError::Api(e)) if retryable(&e) || e.known_kind() == Some(ApiErrorKind::Validation) => {
                    sim.advance(second);
                }
                Err(e) => panic!("{e}"),
            }
        }
    }
    let started = clock.elapsed();
    let config = case.config(&policy);
    let mut events = Vec::new();
    let mut recorder = Recorder { sim: &mut sim, answers: Vec::new() };
    let jitter = SeededJitter::new(case.seed ^ 0x5EED);
    let outcome = wait_blocking(&mut recorder, &mut clock, &job, config, jitter, |e| events.push(e.clone()));
    let answers = recorder.answers;
    let ended = clock.elapsed();
    let failures = sim
        .history(&job)
        .iter()
        .filter_map(|e| match &e.event {
            HistoryEvent::State { state: SyncJobState::Error, error } => {
                Some(error.as_ref().and_then(|details| details.code.clone()))
            }
            _ => None,
        })
        .collect();
    Run { clock, started, ended, events, answers, outcome, policy, failures }
}

fn shows(goal: Goal, answer: &Answer) -> bool {
    match (goal, answer) {
        (Goal::Deleted, Err(error)) => error.known_kind() == Some(ApiErrorKind::ResourceNotFound),
        (Goal::Active, Ok(snapshot)) => snapshot.status.known_state() == Some(SyncJobState::Active),
        (Goal::State(state), Ok(snapshot)) => snapshot.status.known_state() == Some(state),
        _ => false,
    }
}

fn goal_position(goal: Goal) -> Position {
    match goal {
        Goal::Active => Position::Active,
        Goal::Deleted => Position::Deleted,
        Goal::State(state) => Position::of(state, None),
    }
}

/// The events with their instants as offsets from the clock's origin: comparable across runs.
fn normalized(run: &Run) -> Vec<String> {
    run.events
        .iter()
        .map(|event| match event {
            Event::Attempt { attempt, at } => format!("attempt {attempt} at {:?}", run.clock.offset_of(*at)),
            other => format!("{other:?}"),
        })
        .collect()
}

fn check(case: &Case, run: &Run) -> Result<(), TestCaseError> {
    let max_wait = Duration::from_secs(u64::from(case.max_wait));
    let config = case.config(&run.policy);
    let (min, max) = (config.min_delay(), config.max_delay());
    let goal = case.goal();
    let deadline = run.started + max_wait;

    // It finishes by the maximum wait: no attempt after the deadline.
    prop_assert!(run.outcome.elapsed() <= max_wait, "{:?}", run.outcome);
    prop_assert_eq!(run.ended - run.started, run.outcome.elapsed());
    prop_assert_eq!(run.outcome.attempts() as usize, run.answers.len());

    // Delays: within [minDelay, maxDelay] or the final one, shortened (or stretched) to land on
    // the deadline; each next attempt exactly one delay later.
    let mut last_attempt = None;
    let mut pending_delay = None;
    let mut verdicts = Vec::new();
    for event in &run.events {
        match event {
            Event::Attempt { at, .. } => {
                let at = run.clock.offset_of(*at);
                prop_assert!(at <= deadline, "attempt at {at:?} after the deadline {deadline:?}");
                if let (Some(previous), Some(delay)) = (last_attempt, pending_delay.take()) {
                    prop_assert_eq!(at, previous + delay);
                }
                last_attempt = Some(at);
            }
            Event::Retry { delay, .. } => {
                let remaining = deadline - last_attempt.unwrap();
                prop_assert!(
                    (min <= *delay && *delay <= max) || *delay == remaining,
                    "delay {delay:?} outside [{min:?}, {max:?}] and not the remaining {remaining:?}"
                );
                pending_delay = Some(*delay);
            }
            Event::Observed { verdict, .. } => {
                // The simulator obeys the lifecycle.
                prop_assert!(verdict.violations.is_empty(), "{verdict:?}");
                verdicts.push(*verdict);
            }
            Event::Finished(outcome) => prop_assert_eq!(outcome, &run.outcome),
            _ => {}
        }
    }
    prop_assert_eq!(verdicts.len(), run.answers.len());

    // Success exactly when the goal was observed (and the wait stops at the first sighting).
    let seen = run.answers.iter().filter(|answer| shows(goal, answer)).count();
    prop_assert_eq!(run.outcome.is_success(), seen > 0, "{:?}", run.outcome);
    if run.outcome.is_success() {
        prop_assert_eq!(seen, 1);
        prop_assert!(shows(goal, run.answers.last().unwrap()));
        if goal != Goal::Deleted {
            // ERROR of any phase is the goal ERROR.
            let reached = verdicts.last().unwrap().to.map(Position::stage);
            prop_assert_eq!(reached, Some(goal_position(goal).stage()));
        }
    }

    // Failures carry the right reason.
    if let Some(failure) = run.outcome.failure() {
        let last = run.answers.last();
        match failure {
            Failure::JobFailed { code, .. } => {
                let snapshot = last.unwrap().as_ref().unwrap();
                prop_assert_eq!(snapshot.status.known_state(), Some(SyncJobState::Error));
                prop_assert_eq!(code, &snapshot.status.error.as_ref().unwrap().code);
                // The code the fault injected: the configured one, and the simulator's last failure.
                if let ErrorFault::Fail { code: injected, .. } = case.faults().job_errors {
                    prop_assert_eq!(code.as_ref().and_then(Open::known), Some(injected));
                }
                prop_assert_eq!(Some(code), run.failures.last());
                prop_assert!(goal != Goal::Deleted && goal != Goal::State(SyncJobState::Error));
            }
            Failure::GoalUnreachable { from, goal: unreachable } => {
                prop_assert_eq!(*unreachable, goal);
                prop_assert_eq!(Some(*from), verdicts.last().unwrap().to);
                prop_assert_eq!(run.policy.route(*from, goal_position(goal)), Route::Unreachable);
            }
            Failure::TimedOut { last: position } => {
                // The last attempt was at the deadline.
                prop_assert_eq!(run.outcome.elapsed(), max_wait);
                let known = verdicts.iter().rev().find_map(|v| v.to);
                prop_assert_eq!(*position, known);
            }
            other => prop_assert!(false, "unexpected failure {other:?}"),
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 384, ..ProptestConfig::default() })]

    #[test]
    fn the_waiter_keeps_its_promises_against_the_simulator(case in cases()) {
        let first = run(&case);
        check(&case, &first)?;
        // The same seed gives the same run.
        let second = run(&case);
        prop_assert_eq!(normalized(&first), normalized(&second));
        prop_assert_eq!(&first.answers, &second.answers);
        prop_assert_eq!(first.started, second.started);
    }
}

/// The properties above are not vacuous: across seeds, every kind of outcome happens.
#[test]
fn every_outcome_happens_across_seeds() {
    let mut kinds = std::collections::BTreeSet::new();
    let mut landed = 0;
    for seed in 0..400u64 {
        let case = Case {
            seed,
            knobs: Knobs {
                throttling: 300,
                internal: 50,
                error: (seed % 11) as usize,
                slow: seed % 7 == 0,
                delete_retries: (seed % 3) as u32,
                details: seed % 2 == 0,
                recreate: seed % 5 == 0,
                documented: seed % 4 == 0,
            },
            goal: (seed % 4) as u8,
            start_after: (seed * 37 % 900) as u32,
            max_wait: 60 + (seed * 131 % 3600) as u32,
            min_delay_ms: 500 + seed % 4000,
            extra_delay_ms: seed * 7919 % 120_000,
        };
        let run = run(&case);
        check(&case, &run).unwrap();
        kinds.insert(match run.outcome.failure() {
            None => "success",
            Some(Failure::JobFailed { .. }) => "job failed",
            Some(Failure::GoalUnreachable { .. }) => "unreachable",
            Some(Failure::TimedOut { .. }) => "timed out",
            Some(_) => "other",
        });
        // The final delay, shortened (or stretched) to land on the deadline.
        let deadline = run.started + Duration::from_secs(u64::from(case.max_wait));
        let mut last_attempt = Duration::ZERO;
        for event in &run.events {
            match event {
                Event::Attempt { at, .. } => last_attempt = run.clock.offset_of(*at),
                Event::Retry { delay, .. } if last_attempt + *delay == deadline => landed += 1,
                _ => {}
            }
        }
    }
    assert_eq!(kinds.into_iter().collect::<Vec<_>>(), ["job failed", "success", "timed out", "unreachable"]);
    assert!(landed > 10, "{landed}");
}
