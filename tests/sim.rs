//! The simulator: it obeys the lifecycle (the observation checker finds nothing in what it serves,
//! for many seeds and fault mixes), every fault shows up, and the same seed gives the same answers.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, reason = "test code")]

use std::time::{Duration, Instant};

use twinmaker_syncjob::decode::{Decode, Document};
use twinmaker_syncjob::encode::Form;
use twinmaker_syncjob::lifecycle::{Phase, Policy, Position, Stage, classify_error_code};
use twinmaker_syncjob::model::{
    ApiError, ApiErrorKind, ErrorCode, SyncJobSnapshot, SyncJobState, Timestamp, WireEnum, WorkspaceId,
};
use twinmaker_syncjob::observe::{Change, FleetTracker, JobKey, JobTracker, Observation, Verdict};
use twinmaker_syncjob::transport::sim::{
    Actor, ErrorFault, FaultKind, Faults, HistoryEvent, Scenario, SimError, Simulator, Timings, TraceLine,
};
use twinmaker_syncjob::transport::{AsyncTransport, CallError, SyncJobId, Transport, wait_async, wait_blocking};
use twinmaker_syncjob::waiter::{Goal, SeededJitter, WaiterConfig};

type Answer = Result<SyncJobSnapshot, ApiError>;

fn s(n: u64) -> Duration {
    Duration::from_secs(n)
}

fn plant() -> SyncJobId {
    SyncJobId::parse("plant", "SITEWISE").unwrap()
}

fn build(seed: u64, faults: Faults, policy: Policy) -> Simulator {
    Simulator::builder(seed).faults(faults).policy(policy).build().unwrap()
}

fn api(result: Result<impl std::fmt::Debug, CallError>) -> ApiError {
    match result {
        Err(CallError::Api(error)) => error,
        other => panic!("expected an API error, got {other:?}"),
    }
}

fn is_retryable(error: &ApiError) -> bool {
    matches!(error.known_kind(), Some(ApiErrorKind::Throttling | ApiErrorKind::InternalServer))
}

fn is_not_found(answer: &Answer) -> bool {
    matches!(answer, Err(e) if e.known_kind() == Some(ApiErrorKind::ResourceNotFound))
}

fn state_of(answer: &Answer) -> Option<SyncJobState> {
    answer.as_ref().ok().and_then(|snapshot| snapshot.status.known_state())
}

/// Creates the job, retrying throttled and failed calls a second later.
fn create(sim: &mut Simulator, job: &SyncJobId) -> twinmaker_syncjob::model::CreateSyncJobResponse {
    let role = sim.role();
    for _ in 0..1000 {
        match sim.create_sync_job(job, &role) {
            Ok(created) => return created,
            Err(CallError::Api(e)) if is_retryable(&e) => sim.advance(s(1)),
            Err(e) => panic!("create: {e}"),
        }
    }
    panic!("create kept failing")
}

/// Deletes the job, retrying throttled and failed calls a second later.
fn delete(sim: &mut Simulator, job: &SyncJobId) -> Result<(), ApiError> {
    for _ in 0..1000 {
        match sim.delete_sync_job(job) {
            Ok(deleted) => {
                assert_eq!(deleted.state, SyncJobState::Deleting);
                return Ok(());
            }
            Err(CallError::Api(e)) if is_retryable(&e) => sim.advance(s(1)),
            Err(CallError::Api(e)) => return Err(e),
            Err(e) => panic!("delete: {e}"),
        }
    }
    panic!("delete kept failing")
}

/// Moves time on a second at a time until the job is in `state`.
fn advance_until(sim: &mut Simulator, job: &SyncJobId, state: SyncJobState) {
    for _ in 0..10_000 {
        if sim.peek(job).and_then(|s| s.status.known_state()) == Some(state) {
            return;
        }
        sim.advance(s(1));
    }
    panic!("never {state}");
}

/// Polls every `every` until `stop` holds for an answer (included) or `limit` passes.
fn poll_until(
    sim: &mut Simulator,
    job: &SyncJobId,
    every: Duration,
    limit: Duration,
    stop: impl Fn(&Answer) -> bool,
) -> Vec<Answer> {
    let end = sim.elapsed() + limit;
    let mut answers = Vec::new();
    while sim.elapsed() <= end {
        let answer = match sim.get_sync_job(job) {
            Ok(snapshot) => Ok(snapshot),
            Err(CallError::Api(e)) => Err(e),
            Err(e) => panic!("get: {e}"),
        };
        let done = stop(&answer);
        answers.push(answer);
        if done {
            break;
        }
        sim.advance(every);
    }
    answers
}

/// Judges answers about one job in order; panics on any violation or warning.
fn judge(answers: &[Answer], policy: &Policy) -> Vec<Verdict> {
    let mut tracker = JobTracker::new(policy.clone());
    answers
        .iter()
        .enumerate()
        .map(|(i, answer)| {
            let verdict = match answer {
                Ok(snapshot) => tracker.observe(Observation::Snapshot(snapshot)),
                Err(error) => tracker.observe(Observation::Error(error)),
            };
            assert!(verdict.is_clean(), "observation {i} {answer:?}: {verdict:?}");
            verdict
        })
        .collect()
}

/// Reads JSON Lines as `syncjob check` does (decode, then the fleet tracker) and panics on any
/// violation or warning. Returns the tracker and how many transitions of each kind it saw.
fn check_jsonl(jsonl: &str, policy: &Policy) -> (FleetTracker, Vec<Change>) {
    let mut fleet = FleetTracker::new(policy.clone());
    let mut changes = Vec::new();
    for (i, line) in jsonl.lines().enumerate() {
        let verdict = match Document::decode(line.as_bytes()).unwrap_or_else(|e| panic!("line {i}: {e}: {line}")) {
            Document::SyncJob(snapshot) => fleet.observe(Observation::Snapshot(&snapshot)).unwrap().1,
            Document::Error(doc) => {
                let key = JobKey::new(doc.workspace_id.unwrap().as_str(), doc.sync_source.unwrap().as_str());
                fleet.observe_job(key, Observation::Error(&doc.error))
            }
            other => panic!("line {i}: unexpected document {other:?}"),
        };
        assert!(verdict.is_clean(), "line {i}: {line}: {verdict:?}");
        changes.push(verdict.change);
    }
    (fleet, changes)
}

fn fault_mixes() -> Vec<(&'static str, Faults, Policy)> {
    let mut mixes = vec![("none", Faults::none(), Policy::DEFAULT)];
    for kind in FaultKind::ALL {
        let name: &'static str = kind.into();
        mixes.push((name, Faults::none().with(kind), Policy::DEFAULT));
    }
    mixes.extend([
        ("all", Faults::all(), Policy::DEFAULT),
        ("all, documented policy", Faults::all(), Policy::DOCUMENTED),
        ("heavy throttling", Faults::all().with_throttling(0.6).with_internal_errors(0.2), Policy::DEFAULT),
        (
            "deleting error",
            Faults::all().with_job_errors(ErrorFault::code(ErrorCode::SyncDeletingError)),
            Policy::DEFAULT,
        ),
        (
            "phase-less code while deleting",
            Faults::none().with_job_errors(ErrorFault::code_in(ErrorCode::InternalFailure, Phase::Deleting)),
            Policy::DEFAULT,
        ),
        ("silent delete retries", Faults::none().with_delete_retries(3, false).with_recreate(true), Policy::DEFAULT),
    ]);
    mixes
}

#[test]
fn scenario_traces_obey_the_lifecycle_for_many_seeds_and_fault_mixes() {
    let mut lines = 0;
    for (name, faults, policy) in fault_mixes() {
        for seed in 0..24 {
            let mut sim = build(seed, faults.clone(), policy.clone());
            let trace = Scenario::new(3).run(&mut sim);
            assert!(!trace.is_empty(), "{name}, seed {seed}");
            lines += trace.len();
            // As `syncjob check` reads them, in both forms.
            for form in [Form::Wire, Form::Cli] {
                let (fleet, _) = check_jsonl(&trace.to_jsonl(form), &policy);
                assert_eq!(fleet.len(), 3, "{name}, seed {seed}");
            }
            // And in memory, job by job; every script ends with the job gone.
            for job in (1..=3).map(|i| SyncJobId::parse(&format!("plant-{i:04}"), "SITEWISE").unwrap()) {
                let answers: Vec<Answer> =
                    trace.lines().iter().filter(|line| line.job == job).map(|line| line.answer.clone()).collect();
                judge(&answers, &policy);
                assert!(is_not_found(answers.last().unwrap()), "{name}, seed {seed}, {job}: {:?}", answers.last());
            }
            // Lines are in time order.
            assert!(trace.lines().windows(2).all(|w| w[0].at <= w[1].at), "{name}, seed {seed}");
        }
    }
    assert!(lines > 10_000, "{lines}");
}

#[test]
fn each_error_code_shows_up_in_its_phase() {
    for code in ErrorCode::known_values() {
        let phases = match classify_error_code(code).phase {
            Phase::Any => vec![Phase::Creating, Phase::Initializing, Phase::Active, Phase::Deleting],
            named => vec![named],
        };
        for phase in phases {
            for seed in 0..4 {
                let faults = Faults::none().with_job_errors(ErrorFault::code_in(code, phase));
                let mut sim = build(seed, faults, Policy::DEFAULT);
                let job = plant();
                create(&mut sim, &job);
                let mut answers = Vec::new();
                if phase == Phase::Deleting {
                    answers.extend(poll_until(&mut sim, &job, s(1), s(3600), |a| {
                        state_of(a) == Some(SyncJobState::Active)
                    }));
                    delete(&mut sim, &job).unwrap();
                }
                answers.extend(poll_until(&mut sim, &job, s(1), s(7200), |a| state_of(a) == Some(SyncJobState::Error)));
                let verdicts = judge(&answers, &Policy::DEFAULT);
                let failed = answers.last().unwrap().as_ref().unwrap();
                assert_eq!(failed.status.known_state(), Some(SyncJobState::Error), "{code} in {phase}");
                let details = failed.status.error.as_ref().unwrap();
                assert_eq!(details.known_code(), Some(code));
                assert!(!details.message.as_ref().unwrap().as_str().is_empty());
                // Polled every second, the poller saw the phase right before ERROR: one step.
                let before = answers.iter().rev().nth(1).and_then(state_of);
                assert_eq!(before.map(Stage::from), phase.stage(), "{code} in {phase}, seed {seed}");
                assert_eq!(verdicts.last().unwrap().change, Change::Step, "{code} in {phase}");
                assert_eq!(
                    verdicts.last().unwrap().to,
                    Some(Position::Error(classify_error_code(code).phase)),
                    "{code} in {phase}"
                );
                // The failure is the planned one, by the service.
                let last = sim.history(&job).last().unwrap().clone();
                assert_eq!(last.by, Actor::Service);
                assert!(matches!(last.event, HistoryEvent::State { state: SyncJobState::Error, .. }));
            }
        }
    }
}

#[test]
fn random_job_errors_use_every_code_and_phase() {
    let faults = Faults::none().with_job_errors(ErrorFault::Random { probability: 1.0 });
    let mut seen = std::collections::BTreeSet::new();
    for seed in 0..200 {
        let mut sim = build(seed, faults.clone(), Policy::DEFAULT);
        let job = plant();
        create(&mut sim, &job);
        sim.advance(s(3 * 3600));
        let snapshot = sim.peek(&job).unwrap();
        let answers = match snapshot.status.known_state() {
            Some(SyncJobState::Error) => vec![Ok(snapshot)],
            // Planned to fail while deleting.
            Some(SyncJobState::Active) => {
                delete(&mut sim, &job).unwrap();
                sim.advance(s(3600));
                vec![Ok(snapshot), Ok(sim.peek(&job).unwrap())]
            }
            other => panic!("seed {seed}: {other:?}"),
        };
        judge(&answers, &Policy::DEFAULT);
        let failed = answers.last().unwrap().as_ref().unwrap();
        let code = failed.status.error.as_ref().unwrap().known_code().unwrap();
        let before = sim.history(&job).iter().rev().find_map(|e| match &e.event {
            HistoryEvent::State { state, .. } if *state != SyncJobState::Error => Some(*state),
            HistoryEvent::Created { .. } => Some(SyncJobState::Creating),
            _ => None,
        });
        seen.insert((code.as_str(), before.unwrap().as_str()));
    }
    for code in ErrorCode::known_values() {
        assert!(seen.iter().any(|(c, _)| *c == code.as_str()), "{code} never drawn: {seen:?}");
    }
    // Phase-less codes are drawn in CREATING, INITIALIZING and ACTIVE.
    for state in ["CREATING", "INITIALIZING", "ACTIVE"] {
        assert!(seen.contains(&("INTERNAL_FAILURE", state)), "{state}: {seen:?}");
    }
    // Under the documented policy, SYNC_DELETING_ERROR is never drawn.
    for seed in 0..100 {
        let mut sim = build(seed, faults.clone(), Policy::DOCUMENTED);
        create(&mut sim, &plant());
        sim.advance(s(3 * 3600));
        let state = sim.peek(&plant()).unwrap().status.known_state();
        assert_eq!(state, Some(SyncJobState::Error), "seed {seed}");
    }
}

#[test]
fn throttling_and_internal_errors_show_up_at_their_rates() {
    let mut sim = build(5, Faults::none().with_throttling(0.25).with_internal_errors(0.1), Policy::DEFAULT);
    let job = plant();
    create(&mut sim, &job);
    let (mut throttled, mut internal, mut ok) = (0, 0, 0);
    for _ in 0..4000 {
        match sim.get_sync_job(&job) {
            Ok(_) => ok += 1,
            Err(CallError::Api(e)) => match e.known_kind() {
                Some(ApiErrorKind::Throttling) => {
                    assert_eq!(e.http_status, Some(429));
                    throttled += 1;
                }
                Some(ApiErrorKind::InternalServer) => {
                    assert_eq!(e.http_status, Some(500));
                    internal += 1;
                }
                other => panic!("{other:?}"),
            },
            Err(e) => panic!("{e}"),
        }
        sim.advance(s(1));
    }
    assert!((800..1200).contains(&throttled), "{throttled}");
    assert!((280..520).contains(&internal), "{internal}");
    assert_eq!(ok + throttled + internal, 4000);

    // A throttled call has no effect.
    let mut always = build(5, Faults::none().with_throttling(1.0), Policy::DEFAULT);
    let role = always.role();
    assert_eq!(api(always.create_sync_job(&job, &role)).known_kind(), Some(ApiErrorKind::Throttling));
    assert!(always.peek(&job).is_none());
    assert!(always.history(&job).is_empty());
    let all = WorkspaceId::parse("plant").unwrap();
    assert_eq!(api(always.list_sync_jobs(&all, None)).known_kind(), Some(ApiErrorKind::Throttling));
    assert_eq!(api(always.delete_sync_job(&job)).known_kind(), Some(ApiErrorKind::Throttling));
}

fn deleting_run(seed: u64, details: bool) -> (Vec<Answer>, Simulator) {
    let mut sim = build(seed, Faults::none().with_delete_retries(2, details), Policy::DEFAULT);
    let job = plant();
    create(&mut sim, &job);
    sim.advance(s(3600));
    assert_eq!(sim.peek(&job).unwrap().status.known_state(), Some(SyncJobState::Active));
    delete(&mut sim, &job).unwrap();
    let answers = poll_until(&mut sim, &job, s(1), s(3600), is_not_found);
    (answers, sim)
}

#[test]
fn delete_retries_keep_the_job_deleting() {
    for seed in 0..8 {
        for details in [true, false] {
            let (answers, mut sim) = deleting_run(seed, details);
            judge(&answers, &Policy::DEFAULT);
            assert!(is_not_found(answers.last().unwrap()));
            let deleting: Vec<&SyncJobSnapshot> = answers.iter().filter_map(|a| a.as_ref().ok()).collect();
            assert!(deleting.iter().all(|s| s.status.known_state() == Some(SyncJobState::Deleting)));
            // At least the first attempt (5 s) and two retries (30 s each), polled every second.
            assert!(deleting.len() >= 60, "seed {seed}: {} polls", deleting.len());
            let with_details: Vec<_> = deleting.iter().filter(|s| s.status.error.is_some()).collect();
            if details {
                // Not from the start: the first attempt has not failed yet.
                assert!(deleting[0].status.error.is_none());
                assert!(with_details.len() >= 55, "seed {seed}");
                let code = with_details[0].status.error.as_ref().unwrap().known_code();
                assert_eq!(code, Some(ErrorCode::SyncDeletingError));
            } else {
                assert!(with_details.is_empty());
            }
            // Details appearing are not a state change: updateDateTime stays.
            assert!(deleting.iter().all(|s| s.update_date_time == deleting[0].update_date_time));
            let retries = sim.history(&plant()).iter().filter(|e| e.event == HistoryEvent::DeleteAttemptFailed).count();
            assert_eq!(retries, 2);
        }
    }
}

#[test]
fn slow_initialization_takes_longer() {
    for seed in 0..10 {
        for slow in [false, true] {
            let mut sim = build(seed, Faults::none().with_slow_initialization(slow), Policy::DEFAULT);
            create(&mut sim, &plant());
            let answers =
                poll_until(&mut sim, &plant(), s(1), s(3 * 3600), |a| state_of(a) == Some(SyncJobState::Active));
            judge(&answers, &Policy::DEFAULT);
            let initializing = answers.iter().filter(|a| state_of(a) == Some(SyncJobState::Initializing)).count();
            if slow {
                assert!(initializing >= 590, "seed {seed}: {initializing}");
            } else {
                assert!((19..=121).contains(&initializing), "seed {seed}: {initializing}");
            }
        }
    }
}

#[test]
fn the_background_actor_deletes_and_recreates_the_job_once() {
    let mut recreated = 0;
    for seed in 0..16 {
        let mut sim = build(seed, Faults::none().with_recreate(true), Policy::DEFAULT);
        let job = plant();
        let first = create(&mut sim, &job);
        let answers = poll_until(&mut sim, &job, s(1), s(2 * 3600), |_| false);
        let verdicts = judge(&answers, &Policy::DEFAULT);
        if verdicts.iter().any(|v| matches!(v.change, Change::Recreated(_))) {
            recreated += 1;
        }
        let history = sim.history(&job).to_vec();
        let incarnations: Vec<_> = history
            .iter()
            .filter_map(|e| match e.event {
                HistoryEvent::Created { creation } => Some((e.by, creation)),
                _ => None,
            })
            .collect();
        assert_eq!(incarnations.len(), 2, "seed {seed}: {history:?}");
        assert_eq!(incarnations[0], (Actor::Caller, first.creation_date_time));
        assert_eq!(incarnations[1].0, Actor::Background);
        assert!(incarnations[1].1 > incarnations[0].1);
        assert!(history.iter().any(|e| e.by == Actor::Background
            && e.event == HistoryEvent::State { state: SyncJobState::Deleting, error: None }));
        let now = sim.peek(&job).unwrap();
        assert_eq!(now.arn, first.arn);
        assert_eq!(now.creation_date_time, incarnations[1].1);
    }
    // Polled every second, the new incarnation is always seen.
    assert_eq!(recreated, 16);
}

#[test]
fn the_background_actor_waits_for_a_deletable_state_under_the_documented_policy() {
    let mut timings = Timings::default();
    timings.recreate_after = Duration::ZERO..=Duration::ZERO;
    for (policy, deleted_in) in [(Policy::DEFAULT, SyncJobState::Creating), (Policy::DOCUMENTED, SyncJobState::Active)]
    {
        let mut sim = Simulator::builder(3)
            .policy(policy.clone())
            .faults(Faults::none().with_recreate(true))
            .timings(timings.clone())
            .build()
            .unwrap();
        create(&mut sim, &plant());
        sim.advance(s(3600));
        let history = sim.history(&plant()).to_vec();
        let delete_at = history
            .iter()
            .position(|e| e.by == Actor::Background && matches!(e.event, HistoryEvent::State { .. }))
            .unwrap();
        let before = history[..delete_at].iter().rev().find_map(|e| match &e.event {
            HistoryEvent::State { state, .. } => Some(*state),
            HistoryEvent::Created { .. } => Some(SyncJobState::Creating),
            _ => None,
        });
        assert_eq!(before, Some(deleted_in), "{policy:?}: {history:?}");
    }
}

#[test]
fn a_delete_by_the_caller_cancels_the_background_actor() {
    for seed in 0..8 {
        let mut sim = build(seed, Faults::none().with_recreate(true), Policy::DEFAULT);
        create(&mut sim, &plant());
        delete(&mut sim, &plant()).unwrap();
        sim.advance(s(6 * 3600));
        assert!(sim.peek(&plant()).is_none());
        assert!(sim.history(&plant()).iter().all(|e| e.incarnation == 1 && e.by != Actor::Background));
    }
}

#[test]
fn api_errors_follow_the_service_model() {
    let job = plant();
    let mut sim = build(1, Faults::none(), Policy::DEFAULT);
    let role = sim.role();
    let missing = api(sim.get_sync_job(&job));
    assert_eq!((missing.known_kind(), missing.http_status), (Some(ApiErrorKind::ResourceNotFound), Some(404)));
    assert_eq!(api(sim.delete_sync_job(&job)).known_kind(), Some(ApiErrorKind::ResourceNotFound));

    create(&mut sim, &job);
    let conflict = api(sim.create_sync_job(&job, &role));
    assert_eq!((conflict.known_kind(), conflict.http_status), (Some(ApiErrorKind::Conflict), Some(409)));
    // The default policy believes CREATING -> DELETING.
    delete(&mut sim, &job).unwrap();
    let len = sim.history(&job).len();
    // Deleting again: DELETING, nothing changes.
    delete(&mut sim, &job).unwrap();
    assert_eq!(sim.history(&job).len(), len);
    // Still exists while DELETING.
    assert_eq!(api(sim.create_sync_job(&job, &role)).known_kind(), Some(ApiErrorKind::Conflict));
    sim.advance(s(3600));
    assert_eq!(api(sim.get_sync_job(&job)).known_kind(), Some(ApiErrorKind::ResourceNotFound));

    // INITIALIZING -> DELETING too.
    create(&mut sim, &job);
    advance_until(&mut sim, &job, SyncJobState::Initializing);
    delete(&mut sim, &job).unwrap();

    // The documented policy has neither edge: ValidationException, and no change.
    let mut strict = build(1, Faults::none(), Policy::DOCUMENTED);
    create(&mut strict, &job);
    let refused = delete(&mut strict, &job).unwrap_err();
    assert_eq!((refused.known_kind(), refused.http_status), (Some(ApiErrorKind::Validation), Some(400)));
    assert!(refused.message.contains("CREATING"));
    advance_until(&mut strict, &job, SyncJobState::Initializing);
    assert_eq!(delete(&mut strict, &job).unwrap_err().known_kind(), Some(ApiErrorKind::Validation));
    advance_until(&mut strict, &job, SyncJobState::Active);
    delete(&mut strict, &job).unwrap();
    assert_eq!(strict.peek(&job).unwrap().status.known_state(), Some(SyncJobState::Deleting));

    // ERROR -> DELETING clears the details; a DELETING failure happens once.
    let faults = Faults::none().with_job_errors(ErrorFault::code(ErrorCode::SyncDeletingError));
    let mut failing = build(2, faults, Policy::DEFAULT);
    create(&mut failing, &job);
    failing.advance(s(3600));
    delete(&mut failing, &job).unwrap();
    failing.advance(s(3600));
    let failed = failing.peek(&job).unwrap();
    assert_eq!(failed.status.known_state(), Some(SyncJobState::Error));
    delete(&mut failing, &job).unwrap();
    let deleting = failing.peek(&job).unwrap();
    assert_eq!(deleting.status.known_state(), Some(SyncJobState::Deleting));
    assert_eq!(deleting.status.error, None);
    failing.advance(s(3600));
    assert!(failing.peek(&job).is_none());
}

#[test]
fn a_new_incarnation_keeps_the_arn_and_gets_a_later_creation_time() {
    let mut sim = build(4, Faults::none(), Policy::DEFAULT);
    let job = plant();
    let first = create(&mut sim, &job);
    assert_eq!(first.arn.as_str(), "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE");
    assert_eq!(first.creation_date_time, Timestamp::parse("2023-01-01T00:00:00Z").unwrap());
    let mut answers = poll_until(&mut sim, &job, s(1), s(3600), |a| state_of(a) == Some(SyncJobState::Active));
    delete(&mut sim, &job).unwrap();
    answers.extend(poll_until(&mut sim, &job, s(1), s(3600), is_not_found));
    let second = create(&mut sim, &job);
    assert_eq!(second.arn, first.arn);
    assert_eq!(second.creation_date_time, sim.wall_time());
    assert!(second.creation_date_time > first.creation_date_time);
    answers.extend(poll_until(&mut sim, &job, s(1), s(3600), |a| state_of(a) == Some(SyncJobState::Active)));
    let verdicts = judge(&answers, &Policy::DEFAULT);
    let kinds: Vec<_> = verdicts.iter().filter(|v| v.change.is_transition()).map(|v| v.change.kind()).collect();
    assert_eq!(kinds, ["step", "step", "step", "deleted", "recreated", "step", "step"]);
}

#[test]
fn update_time_is_the_time_of_the_last_state_change() {
    let epoch = Timestamp::parse("2023-01-01T00:00:00Z").unwrap();
    let mut states = std::collections::BTreeSet::new();
    let mixes = [
        Faults::none().with_recreate(true).with_delete_retries(2, true),
        Faults::none().with_recreate(true).with_job_errors(ErrorFault::code(ErrorCode::SyncProcessingError)),
        Faults::none().with_recreate(true).with_job_errors(ErrorFault::code(ErrorCode::SyncDeletingError)),
    ];
    for (m, faults) in mixes.into_iter().enumerate() {
        for seed in 0..3 {
            let mut sim = build(seed, faults.clone(), Policy::DEFAULT);
            let job = plant();
            create(&mut sim, &job);
            for _ in 0..3000 {
                if let Some(snapshot) = sim.peek(&job) {
                    let now = sim.elapsed();
                    let last_change = sim
                        .history(&job)
                        .iter()
                        .rev()
                        .find(|e| match &e.event {
                            HistoryEvent::Created { .. } => true,
                            // Error details appearing beside DELETING are not a state change.
                            HistoryEvent::State { state, error } => *state != SyncJobState::Deleting || error.is_none(),
                            _ => false,
                        })
                        .unwrap()
                        .at;
                    assert!(last_change <= now);
                    let micros = epoch.unix_micros() + i64::try_from(last_change.as_micros()).unwrap();
                    let expected = Timestamp::from_unix_micros(micros).unwrap();
                    assert_eq!(snapshot.update_date_time, expected, "mix {m}, seed {seed}, at {now:?}");
                    assert!(snapshot.update_date_time >= snapshot.creation_date_time);
                    states.insert(snapshot.status.state.unwrap().as_str().to_owned());
                }
                sim.advance(Duration::from_millis(1700));
            }
        }
    }
    assert_eq!(states.len(), 5, "{states:?}");
}

#[test]
fn listing_pages_through_a_workspace() {
    let mut sim = build(7, Faults::none(), Policy::DEFAULT);
    let plant = WorkspaceId::parse("plant").unwrap();
    for i in (0..120).rev() {
        create(&mut sim, &SyncJobId::parse("plant", &format!("S{i:03}")).unwrap());
    }
    create(&mut sim, &SyncJobId::parse("other", "SITEWISE").unwrap());
    // The default page: 50, 50, 20, through the Transport trait.
    let mut pages = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let page = Transport::list_sync_jobs(&mut sim, &plant, token.as_deref()).unwrap();
        token = page.next_token.clone();
        pages.push(page);
        if token.is_none() {
            break;
        }
    }
    assert_eq!(pages.iter().map(|p| p.sync_job_summaries.len()).collect::<Vec<_>>(), [50, 50, 20]);
    let sources: Vec<String> = pages
        .iter()
        .flat_map(|p| &p.sync_job_summaries)
        .map(|s| s.sync_source.as_ref().unwrap().as_str().to_owned())
        .collect();
    let expected: Vec<String> = (0..120).map(|i| format!("S{i:03}")).collect();
    assert_eq!(sources, expected);
    let mut fleet = FleetTracker::new(Policy::DEFAULT);
    for page in &pages {
        for verdict in fleet.observe_page(page) {
            assert!(verdict.unwrap().1.is_clean());
        }
    }
    assert_eq!(fleet.len(), 120);

    // maxResults.
    let mut count = 0;
    let mut pages = 0;
    let mut token: Option<String> = None;
    loop {
        let page = sim.list_sync_jobs_with(&plant, Some(7), token.as_deref()).unwrap();
        assert!(page.sync_job_summaries.len() <= 7);
        count += page.sync_job_summaries.len();
        pages += 1;
        token = page.next_token;
        if token.is_none() {
            break;
        }
    }
    assert_eq!((count, pages), (120, 18));
    assert_eq!(sim.list_sync_jobs_with(&plant, Some(0), None).unwrap().sync_job_summaries.len(), 50);
    assert_eq!(sim.list_sync_jobs_with(&plant, Some(200), None).unwrap().sync_job_summaries.len(), 120);
    let too_many = api(sim.list_sync_jobs_with(&plant, Some(201), None));
    assert_eq!(too_many.known_kind(), Some(ApiErrorKind::Validation));
    for bad in ["", "S050", "sim-after:", "sim-after:not valid"] {
        assert_eq!(api(sim.list_sync_jobs_with(&plant, None, Some(bad))).known_kind(), Some(ApiErrorKind::Validation));
    }
    let empty = WorkspaceId::parse("nobody").unwrap();
    assert!(sim.list_sync_jobs(&empty, None).unwrap().sync_job_summaries.is_empty());

    // DELETING jobs are listed; gone ones are not.
    for i in 0..10 {
        delete(&mut sim, &SyncJobId::parse("plant", &format!("S{i:03}")).unwrap()).unwrap();
    }
    let page = sim.list_sync_jobs_with(&plant, Some(200), None).unwrap();
    let deleting = page
        .sync_job_summaries
        .iter()
        .filter(|s| s.status.as_ref().unwrap().known_state() == Some(SyncJobState::Deleting))
        .count();
    assert_eq!((page.sync_job_summaries.len(), deleting), (120, 10));
    sim.advance(s(3600));
    let page = sim.list_sync_jobs_with(&plant, Some(200), None).unwrap();
    assert_eq!(page.sync_job_summaries.len(), 110);
    assert!(
        page.sync_job_summaries.iter().all(|s| s.status.as_ref().unwrap().known_state() == Some(SyncJobState::Active))
    );
}

#[test]
fn the_same_seed_gives_the_same_answers() {
    let mut differ = 0;
    for seed in 0..12 {
        let run = |seed| Scenario::new(4).run(&mut build(seed, Faults::all(), Policy::DEFAULT));
        let (a, b) = (run(seed), run(seed));
        assert_eq!(a, b, "seed {seed}");
        assert_eq!(a.to_jsonl(Form::Cli), b.to_jsonl(Form::Cli));
        if run(seed + 1000) != a {
            differ += 1;
        }
    }
    assert_eq!(differ, 12);

    // Direct calls, with every fault.
    let script = |seed| {
        let mut sim = build(seed, Faults::all(), Policy::DEFAULT);
        let role = sim.role();
        let mut out = Vec::new();
        for step in 0..3000u64 {
            let job = SyncJobId::parse(&format!("w{}", step % 3), "SITEWISE").unwrap();
            out.push(match step % 50 {
                0 => format!("{:?}", sim.create_sync_job(&job, &role)),
                25 => format!("{:?}", sim.delete_sync_job(&job)),
                _ => format!("{:?}", sim.get_sync_job(&job)),
            });
            sim.advance(Duration::from_millis(500 + step % 7 * 1000));
        }
        out
    };
    assert_eq!(script(3), script(3));
    assert_ne!(script(3), script(4));
}

#[test]
fn a_job_does_not_depend_on_calls_about_other_jobs() {
    let faults = Faults::all().with_throttling(0.0).with_internal_errors(0.0);
    let mut quiet = build(9, faults.clone(), Policy::DEFAULT);
    let mut busy = build(9, faults, Policy::DEFAULT);
    create(&mut quiet, &plant());
    create(&mut busy, &plant());
    let other = SyncJobId::parse("other", "SITEWISE").unwrap();
    create(&mut busy, &other);
    for _ in 0..3000 {
        let _ = busy.get_sync_job(&other);
        busy.advance(s(3));
    }
    quiet.advance(busy.elapsed());
    assert_eq!(quiet.history(&plant()), busy.history(&plant()));
}

#[test]
fn the_clock_is_shared_and_virtual() {
    let mut sim = build(10, Faults::all().with_job_errors(ErrorFault::None).with_recreate(false), Policy::DEFAULT);
    let mut clock = sim.clock();
    let job = plant();
    create(&mut sim, &job);
    let started = sim.elapsed();
    let real = Instant::now();
    let config = WaiterConfig::new(Goal::Active, s(4 * 3600)).unwrap();
    let outcome = wait_blocking(&mut sim, &mut clock, &job, config, SeededJitter::new(10), |_| {});
    assert!(outcome.is_success(), "{outcome:?}");
    // Slow initialization: at least ten minutes of virtual time, in (much) less than a real second.
    assert!(outcome.elapsed() >= s(600), "{outcome:?}");
    assert_eq!(sim.elapsed() - started, outcome.elapsed());
    assert_eq!(clock.elapsed(), sim.elapsed());
    assert!(real.elapsed() < s(5));
}

fn poll_ready<F: std::future::Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    loop {
        if let std::task::Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

fn assert_send<T: Send>(value: T) -> T {
    value
}

#[test]
fn the_async_transport_drives_wait_async() {
    let mut sim = build(11, Faults::none().with_throttling(0.3), Policy::DEFAULT);
    let job = plant();
    let role = sim.role();
    let clock = sim.clock();
    loop {
        match poll_ready(assert_send(AsyncTransport::create_sync_job(&mut sim, &job, &role))) {
            Ok(_) => break,
            Err(_) => sim.advance(s(1)),
        }
    }
    let workspace = WorkspaceId::parse("plant").unwrap();
    let _ = poll_ready(assert_send(AsyncTransport::list_sync_jobs(&mut sim, &workspace, None)));
    let config = WaiterConfig::new(Goal::Active, s(3600)).unwrap();
    let sleeper = clock.clone();
    let outcome = poll_ready(wait_async(
        &mut sim,
        &job,
        config,
        SeededJitter::new(11),
        || twinmaker_syncjob::transport::Clock::now(&clock),
        |until| {
            sleeper.advance_to(sleeper.offset_of(until));
            std::future::ready(())
        },
        |_| {},
    ));
    assert!(outcome.is_success(), "{outcome:?}");
    loop {
        match poll_ready(assert_send(AsyncTransport::delete_sync_job(&mut sim, &job))) {
            Ok(deleted) => break assert_eq!(deleted.state, SyncJobState::Deleting),
            Err(_) => sim.advance(s(1)),
        }
    }
    sim.advance(s(3600));
    let gone = poll_ready(assert_send(AsyncTransport::get_sync_job(&mut sim, &job)));
    assert!(matches!(gone, Err(CallError::Api(_))));
}

#[test]
fn configurations_the_simulator_cannot_honour_are_refused() {
    let faults = |f: ErrorFault| Faults::none().with_job_errors(f);
    let with =
        |faults: Faults, policy: Policy| Simulator::builder(1).faults(faults).policy(policy).build().unwrap_err();
    assert_eq!(
        with(faults(ErrorFault::code_in(ErrorCode::SyncCreatingError, Phase::Active)), Policy::DEFAULT),
        SimError::PhaseMismatch {
            code: ErrorCode::SyncCreatingError,
            named: Phase::Creating,
            requested: Phase::Active
        }
    );
    for fault in [
        ErrorFault::code(ErrorCode::SyncDeletingError),
        ErrorFault::code_in(ErrorCode::InternalFailure, Phase::Deleting),
    ] {
        assert!(matches!(
            with(faults(fault), Policy::DOCUMENTED),
            SimError::PolicyLacksEdge { from: Stage::Deleting, to: Stage::Error, .. }
        ));
    }
    let no_creating_error = Policy::DEFAULT.without_edge(Stage::Creating, Stage::Error);
    for fault in [ErrorFault::Random { probability: 0.5 }, ErrorFault::code(ErrorCode::InternalFailure)] {
        assert!(matches!(
            with(faults(fault), no_creating_error.clone()),
            SimError::PolicyLacksEdge { from: Stage::Creating, to: Stage::Error, .. }
        ));
    }
    // A code in another phase is still fine under that policy.
    assert!(
        Simulator::builder(1)
            .faults(faults(ErrorFault::code(ErrorCode::SyncProcessingError)))
            .policy(no_creating_error)
            .build()
            .is_ok()
    );
    assert!(matches!(
        with(Faults::none(), Policy::DEFAULT.without_edge(Stage::Active, Stage::Deleting)),
        SimError::PolicyLacksEdge { from: Stage::Active, to: Stage::Deleting, .. }
    ));
    for (faults, name) in [
        (Faults::none().with_throttling(f64::NAN), "throttling"),
        (Faults::none().with_internal_errors(-0.1), "internal_errors"),
        (Faults::none().with_job_errors(ErrorFault::Random { probability: 2.0 }), "job_errors"),
    ] {
        assert!(matches!(with(faults, Policy::DEFAULT), SimError::Probability { name: n, .. } if n == name));
    }
    assert!(matches!(Simulator::builder(1).region("US_EAST").build(), Err(SimError::Identity(_))));
    assert!(matches!(Simulator::builder(1).account("12345678901x").build(), Err(SimError::Identity(_))));
}

#[test]
fn fault_lists_parse() {
    assert_eq!("".parse::<Faults>().unwrap(), Faults::none());
    assert_eq!("none".parse::<Faults>().unwrap(), Faults::none());
    assert_eq!("all".parse::<Faults>().unwrap(), Faults::all());
    assert_eq!(
        " throttling , delete-retries ".parse::<Faults>().unwrap(),
        Faults::none().with(FaultKind::Throttling).with(FaultKind::DeleteRetries)
    );
    assert_eq!(
        "error=SYNC_CREATING_ERROR,slow-initialization".parse::<Faults>().unwrap(),
        Faults::none().with_job_errors(ErrorFault::code(ErrorCode::SyncCreatingError)).with_slow_initialization(true)
    );
    assert_eq!(
        "error=INTERNAL_FAILURE@DELETING".parse::<Faults>().unwrap().job_errors,
        ErrorFault::code_in(ErrorCode::InternalFailure, Phase::Deleting)
    );
    for bad in ["throttle", "error=NOPE", "error=INTERNAL_FAILURE@LATER", "all,x"] {
        assert!(matches!(bad.parse::<Faults>(), Err(SimError::UnknownFault(_))), "{bad}");
    }
    for kind in FaultKind::ALL {
        assert_eq!(kind.to_string().parse::<FaultKind>().unwrap(), kind);
        assert_eq!(Faults::none().with(kind).kinds(), [kind]);
    }
}

#[test]
fn epoch_and_identity_are_configurable() {
    let epoch = Timestamp::parse("2024-02-29T12:00:00.5Z").unwrap();
    let mut sim = Simulator::builder(12).epoch(epoch).region("eu-west-1").account("210987654321").build().unwrap();
    let job = plant();
    sim.advance(Duration::from_millis(1500));
    let created = create(&mut sim, &job);
    assert_eq!(created.creation_date_time, Timestamp::parse("2024-02-29T12:00:02Z").unwrap());
    assert_eq!(created.arn.as_str(), "arn:aws:iottwinmaker:eu-west-1:210987654321:workspace/plant/sync-job/SITEWISE");
    let snapshot = sim.get_sync_job(&job).unwrap();
    assert_eq!(snapshot.sync_role.as_str(), "arn:aws:iam::210987654321:role/TwinMakerSync");
    assert_eq!(snapshot.update_date_time, created.creation_date_time);
}

#[test]
fn poll_traces_round_trip_through_both_forms() {
    let mut sim = build(13, Faults::all(), Policy::DEFAULT);
    let job = plant();
    create(&mut sim, &job);
    let lines: Vec<TraceLine> = sim.poll_trace(&job, s(1)..=s(10), s(3 * 3600), &mut SeededJitter::new(13));
    assert!(lines.iter().any(|l| l.answer.is_err()) && lines.iter().any(|l| l.answer.is_ok()));
    for line in &lines {
        for form in [Form::Wire, Form::Cli] {
            let text = line.encode(form);
            match (Document::decode(text.as_bytes()).unwrap(), &line.answer) {
                (Document::SyncJob(snapshot), Ok(expected)) => assert_eq!(&snapshot, expected),
                (Document::Error(doc), Err(expected)) => {
                    assert_eq!(&doc.error.kind, &expected.kind);
                    assert_eq!(doc.error.message, expected.message);
                    assert_eq!(doc.workspace_id.as_ref(), Some(&job.workspace_id));
                }
                (doc, answer) => panic!("{doc:?} for {answer:?}"),
            }
        }
    }
    let answers: Vec<Answer> = lines.into_iter().map(|l| l.answer).collect();
    judge(&answers, &Policy::DEFAULT);
}

#[test]
fn the_shortest_timings_still_obey_the_lifecycle() {
    // Every phase clamped to 1 ms: incarnations still get strictly later creation times.
    let zero = Duration::ZERO..=Duration::ZERO;
    let mut timings = Timings::default();
    timings.creating = zero.clone();
    timings.initializing = zero.clone();
    timings.slow_initializing = zero.clone();
    timings.active_until_failure = zero.clone();
    timings.deleting = zero.clone();
    timings.delete_retry = zero.clone();
    timings.recreate_after = zero.clone();
    timings.recreate_gap = zero;
    let mut scenario = Scenario::new(3);
    scenario.poll_interval = Duration::from_micros(300)..=Duration::from_millis(2);
    scenario.start = Duration::ZERO..=Duration::from_millis(3);
    scenario.hold = Duration::ZERO..=Duration::from_millis(3);
    let mut recreations = 0;
    for seed in 0..64 {
        for policy in [Policy::DEFAULT, Policy::DOCUMENTED] {
            let builder = Simulator::builder(seed).faults(Faults::all()).policy(policy.clone());
            let mut sim = builder.timings(timings.clone()).build().unwrap();
            let trace = scenario.run(&mut sim);
            let (_, changes) = check_jsonl(&trace.to_jsonl(Form::Wire), &policy);
            recreations += changes.iter().filter(|c| matches!(c, Change::Recreated(_))).count();
        }
    }
    assert!(recreations > 0);
}

#[test]
fn extreme_configurations_neither_hang_nor_panic() {
    let max = Duration::MAX..=Duration::MAX;
    let mut timings = Timings::default();
    timings.creating = max.clone();
    timings.deleting = max.clone();
    timings.recreate_after = Duration::ZERO..=Duration::MAX;
    let epoch = Timestamp::parse("9999-12-31T23:59:59Z").unwrap();
    let mut sim = Simulator::builder(1).epoch(epoch).faults(Faults::all()).timings(timings).build().unwrap();
    let job = plant();
    create(&mut sim, &job);
    // Polls as far as the virtual clock goes (it saturates after some 584 years), then stops.
    let lines = sim.poll_trace(&job, max.clone(), Duration::MAX, &mut SeededJitter::new(1));
    assert!((1..=3).contains(&lines.len()), "{}", lines.len());
    // Still CREATING (for ever); the wall clock saturates at the end of year 9999.
    let snapshot = sim.peek(&job).unwrap();
    assert_eq!(snapshot.status.known_state(), Some(SyncJobState::Creating));
    assert!(snapshot.creation_date_time >= epoch);
    assert_eq!(sim.wall_time(), Timestamp::MAX);
    let mut scenario = Scenario::new(2);
    scenario.poll_interval = max.clone();
    scenario.give_up_after = Duration::MAX;
    let _ = scenario.run(&mut sim);
    let mut scenario = Scenario::new(2);
    scenario.start = max;
    assert!(scenario.run(&mut build(2, Faults::all(), Policy::DEFAULT)).is_empty());
}

mod arbitrary_clients {
    //! Whatever a client does, in any order and at any time, what the simulator serves obeys the
    //! lifecycle.

    use super::*;
    use proptest::prelude::*;

    #[derive(Clone, Debug)]
    enum Op {
        Create(usize),
        Delete(usize),
        Get(usize),
        List(bool),
        Advance(u64),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            1 => (0usize..3).prop_map(Op::Create),
            1 => (0usize..3).prop_map(Op::Delete),
            3 => (0usize..3).prop_map(Op::Get),
            1 => any::<bool>().prop_map(Op::List),
            3 => (0u64..=900_000).prop_map(Op::Advance),
        ]
    }

    fn jobs() -> [SyncJobId; 3] {
        [
            SyncJobId::parse("w1", "SITEWISE").unwrap(),
            SyncJobId::parse("w1", "OTHER").unwrap(),
            SyncJobId::parse("w2", "SITEWISE").unwrap(),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn any_client_sees_a_legal_lifecycle(
            seed in any::<u64>(),
            faults in (0usize..FaultKind::ALL.len() + 2, 0u16..=400, any::<bool>()),
            ops in proptest::collection::vec(op(), 1..120),
        ) {
            let (kind, throttling, documented) = faults;
            let faults = match kind {
                0 => Faults::none(),
                1 => Faults::all(),
                k => Faults::none().with(FaultKind::ALL[k - 2]),
            }
            .with_throttling(f64::from(throttling) / 1000.0);
            let policy = if documented { Policy::DOCUMENTED } else { Policy::DEFAULT };
            let mut sim = build(seed, faults, policy.clone());
            let role = sim.role();
            let jobs = jobs();
            let mut fleet = FleetTracker::new(policy);
            for op in ops {
                let verdicts: Vec<Verdict> = match op {
                    Op::Create(i) => {
                        let _ = sim.create_sync_job(&jobs[i], &role);
                        Vec::new()
                    }
                    Op::Delete(i) => {
                        match sim.delete_sync_job(&jobs[i]) {
                            Ok(deleted) => prop_assert_eq!(deleted.state, SyncJobState::Deleting),
                            Err(e) => {
                                let kind = api(Err::<(), _>(e)).known_kind();
                                prop_assert!(matches!(
                                    kind,
                                    Some(ApiErrorKind::ResourceNotFound | ApiErrorKind::Validation
                                        | ApiErrorKind::Throttling | ApiErrorKind::InternalServer)
                                ), "{kind:?}");
                            }
                        }
                        Vec::new()
                    }
                    Op::Get(i) => match sim.get_sync_job(&jobs[i]) {
                        Ok(snapshot) => vec![fleet.observe(Observation::Snapshot(&snapshot)).unwrap().1],
                        Err(e) => {
                            let error = api(Err::<(), _>(e));
                            let key = JobKey::new(jobs[i].workspace_id.as_str(), jobs[i].sync_source.as_str());
                            vec![fleet.observe_job(key, Observation::Error(&error))]
                        }
                    },
                    Op::List(b) => {
                        let workspace = if b { "w2" } else { "w1" };
                        match sim.list_sync_jobs(&WorkspaceId::parse(workspace).unwrap(), None) {
                            Ok(page) => fleet.observe_page(&page).map(|v| v.unwrap().1).collect(),
                            Err(_) => Vec::new(),
                        }
                    }
                    Op::Advance(ms) => {
                        sim.advance(Duration::from_millis(ms));
                        Vec::new()
                    }
                };
                for verdict in verdicts {
                    prop_assert!(verdict.is_clean(), "{verdict:?}");
                }
            }
        }
    }
}
