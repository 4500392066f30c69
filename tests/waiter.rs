//! The waiter's acceptors, backoff and deadline, driven over recorded traces.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, reason = "test code")]

use std::time::{Duration, Instant};

use twinmaker_syncjob::lifecycle::{Disposition, Phase, Position};
use twinmaker_syncjob::model::{ApiError, ApiErrorKind, ErrorCode, Open};
use twinmaker_syncjob::observe::Violation;
use twinmaker_syncjob::transport::replay::Replay;
use twinmaker_syncjob::transport::{ManualClock, SyncJobId, wait_blocking};
use twinmaker_syncjob::waiter::{Event, Failure, FixedJitter, Goal, Outcome, Output, Waiter, WaiterConfig};

fn snapshot(state: &str, updated: u32) -> String {
    format!(
        r#"{{"arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE", "workspaceId": "plant", "syncSource": "SITEWISE", "syncRole": "arn:aws:iam::123456789012:role/r", "status": {{"state": "{state}"}}, "creationDateTime": 1672531200, "updateDateTime": {}}}"#,
        1_672_531_200 + updated
    )
}

fn failed(code: &str) -> String {
    snapshot("ERROR", 50).replace(
        r#"{"state": "ERROR"}"#,
        &format!(r#"{{"state": "ERROR", "error": {{"code": "{code}", "message": "m"}}}}"#),
    )
}

fn error(kind: &str) -> String {
    format!(r#"{{"__type": "{kind}", "message": "m"}}"#)
}

struct Run {
    outcome: Outcome,
    /// Instants of the attempts, as offsets from the start.
    attempts: Vec<Duration>,
    delays: Vec<Duration>,
}

fn run(lines: &[String], config: WaiterConfig) -> Run {
    let mut transport = Replay::from_jsonl(&lines.join("\n")).unwrap();
    let mut clock = ManualClock::new();
    let origin = clock.origin();
    let job = SyncJobId::parse("plant", "SITEWISE").unwrap();
    let (mut attempts, mut delays) = (Vec::new(), Vec::new());
    let outcome = wait_blocking(&mut transport, &mut clock, &job, config, FixedJitter::MAX, |event| match event {
        Event::Attempt { at, .. } => attempts.push(*at - origin),
        Event::Retry { delay, .. } => delays.push(*delay),
        _ => {}
    });
    Run { outcome, attempts, delays }
}

fn config(goal: Goal, seconds: u64) -> WaiterConfig {
    WaiterConfig::new(goal, Duration::from_secs(seconds)).unwrap()
}

fn s(n: u64) -> Duration {
    Duration::from_secs(n)
}

#[test]
fn success_after_progress_and_throttling() {
    let lines =
        [snapshot("CREATING", 0), error("ThrottlingException"), snapshot("INITIALIZING", 5), snapshot("ACTIVE", 9)];
    let run = run(&lines, config(Goal::Active, 600));
    assert!(run.outcome.is_success(), "{:?}", run.outcome);
    assert_eq!(run.delays, [s(2), s(4), s(8)]);
    assert_eq!(run.attempts, [s(0), s(2), s(6), s(14)]);
    assert_eq!(run.outcome.attempts(), 4);
    assert_eq!(run.outcome.elapsed(), s(14));
    let Outcome::Success { snapshot: Some(snapshot), .. } = run.outcome else { panic!() };
    assert_eq!(snapshot.status.state.unwrap().as_str(), "ACTIVE");
}

#[test]
fn a_failed_job_fails_the_wait_with_its_classification() {
    let run = run(&[snapshot("CREATING", 0), failed("SYNC_INITIALIZING_ERROR")], config(Goal::Active, 600));
    let Some(Failure::JobFailed { code, classification }) = run.outcome.failure() else { panic!("{:?}", run.outcome) };
    assert_eq!(code, &Some(Open::Known(ErrorCode::SyncInitializingError)));
    assert_eq!(classification.phase, Phase::Initializing);
    // Waiting for ERROR itself succeeds.
    let run2 = self::run(&[failed("SYNC_CREATING_ERROR")], config(Goal::State("ERROR".parse().unwrap()), 600));
    assert!(run2.outcome.is_success());
}

#[test]
fn an_unreachable_goal_fails_the_wait() {
    let run = run(&[snapshot("ACTIVE", 0), snapshot("DELETING", 5)], config(Goal::Active, 600));
    assert!(run.outcome.is_success(), "ACTIVE is seen first");
    let run = self::run(&[snapshot("DELETING", 5)], config(Goal::Active, 600));
    assert_eq!(run.outcome.failure(), Some(&Failure::GoalUnreachable { from: Position::Deleting, goal: Goal::Active }));
    let run = self::run(&[snapshot("DELETING", 5)], config(Goal::State("INITIALIZING".parse().unwrap()), 600));
    assert!(matches!(run.outcome.failure(), Some(Failure::GoalUnreachable { .. })));
}

#[test]
fn a_lifecycle_violation_fails_the_wait() {
    let run = run(&[snapshot("ACTIVE", 0), snapshot("CREATING", 5)], config(Goal::Deleted, 600));
    assert_eq!(
        run.outcome.failure(),
        Some(&Failure::Violation(Violation::IllegalTransition { from: Position::Active, to: Position::Creating }))
    );
}

#[test]
fn api_errors_by_disposition() {
    for (kind, retryable) in [
        ("ThrottlingException", true),
        ("InternalServerException", true),
        ("AccessDeniedException", false),
        ("ValidationException", false),
        ("ServiceQuotaExceededException", false),
        ("com.amazonaws.iottwinmaker#ConflictException", false),
    ] {
        let run = run(&[error(kind), snapshot("ACTIVE", 0)], config(Goal::Active, 600));
        if retryable {
            assert!(run.outcome.is_success(), "{kind}");
        } else {
            let Some(Failure::Api { classification, .. }) = run.outcome.failure() else { panic!("{kind}") };
            assert_eq!(classification.disposition, Disposition::Terminal, "{kind}");
            assert_eq!(run.outcome.attempts(), 1);
        }
    }
}

#[test]
fn not_found() {
    // Before the job was seen: retried by default (it may not be visible yet), or a failure.
    let lines = [error("ResourceNotFoundException"), snapshot("ACTIVE", 0)];
    assert!(run(&lines, config(Goal::Active, 600)).outcome.is_success());
    let strict = config(Goal::Active, 600).retry_not_found_before_seen(false);
    assert!(matches!(run(&lines, strict).outcome.failure(), Some(Failure::Api { .. })));
    // After it was seen, waiting for ACTIVE: it was deleted.
    let run1 = run(&[snapshot("CREATING", 0), error("ResourceNotFoundException")], config(Goal::Active, 600));
    assert_eq!(run1.outcome.failure(), Some(&Failure::GoalUnreachable { from: Position::Deleted, goal: Goal::Active }));
    // Waiting for deletion: success.
    let run2 = run(
        &[snapshot("ACTIVE", 0), snapshot("DELETING", 5), error("ResourceNotFoundException")],
        config(Goal::Deleted, 600),
    );
    assert!(run2.outcome.is_success());
    assert_eq!(run2.outcome.attempts(), 3);
}

#[test]
fn the_last_attempt_lands_on_the_deadline_then_times_out() {
    let lines: Vec<_> = (0..10).map(|i| snapshot("CREATING", i)).collect();
    let run = run(&lines, config(Goal::Active, 10));
    // 0, +2, +4, then 8 would overshoot: the last wait is the remaining 4 s, to the deadline.
    assert_eq!(run.attempts, [s(0), s(2), s(6), s(10)]);
    assert_eq!(run.delays, [s(2), s(4), s(4)]);
    assert_eq!(run.outcome.failure(), Some(&Failure::TimedOut { last: Some(Position::Creating) }));
    assert_eq!(run.outcome.elapsed(), s(10));
}

#[test]
fn a_transport_failure_fails_the_wait() {
    // The trace runs out: the replay answers with a transport failure.
    let run = run(&[snapshot("CREATING", 0)], config(Goal::Active, 600));
    assert!(matches!(run.outcome.failure(), Some(Failure::Transport(message)) if message.contains("exhausted")));
}

#[test]
fn spurious_calls_are_harmless() {
    let t0 = Instant::now();
    let mut w = Waiter::new(config(Goal::Active, 600), FixedJitter::MAX, t0);
    assert_eq!(w.poll_output(), Some(Output::GetSyncJob { attempt: 1 }));
    w.handle_timeout(t0 + s(100)); // no timer: ignored
    assert_eq!(w.poll_output(), None);
    let throttled = ApiError::new(ApiErrorKind::Throttling, "");
    w.handle_response(t0, Err(&throttled));
    w.handle_response(t0, Err(&throttled)); // no call outstanding: ignored
    assert_eq!(w.poll_output(), Some(Output::Wait { until: t0 + s(2) }));
    assert_eq!(w.poll_output(), None);
    w.handle_timeout(t0 + s(1)); // too early: ignored
    assert_eq!(w.poll_output(), None);
    assert_eq!(w.poll_timeout(), Some(t0 + s(2)));
    w.handle_timeout(t0 + s(3)); // late is fine
    assert_eq!(w.poll_output(), Some(Output::GetSyncJob { attempt: 2 }));
    w.handle_transport_error(t0 + s(3), "reset");
    assert!(w.is_done());
    w.handle_transport_error(t0 + s(3), "again"); // done: ignored
    assert!(matches!(w.poll_output(), Some(Output::Done(_))));
    assert_eq!(w.poll_output(), None);
}

#[test]
fn events_tell_the_whole_story() {
    let lines = [snapshot("CREATING", 0), snapshot("ACTIVE", 9)];
    let mut transport = Replay::from_jsonl(&lines.join("\n")).unwrap();
    let mut clock = ManualClock::new();
    let job = SyncJobId::parse("plant", "SITEWISE").unwrap();
    let mut kinds = Vec::new();
    wait_blocking(&mut transport, &mut clock, &job, config(Goal::Active, 60), FixedJitter::MAX, |e| {
        kinds.push(match e {
            Event::Attempt { .. } => "attempt",
            Event::Observed { .. } => "observed",
            Event::Retry { .. } => "retry",
            Event::Finished(_) => "finished",
            _ => "other",
        })
    });
    assert_eq!(kinds, ["attempt", "observed", "retry", "attempt", "observed", "finished"]);
}
