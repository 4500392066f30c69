//! Table tests for every rule of the observation checker, under both built-in policies.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "test helpers: a failed unwrap is a failed test")]

use twinmaker_syncjob::lifecycle::{Phase, Policy, Position, Stage, Via};
use twinmaker_syncjob::model::{
    ApiError, ApiErrorKind, ErrorCode, ErrorDetails, ErrorMessage, ListSyncJobsPage, Open, SyncJobArn, SyncJobSnapshot,
    SyncJobState, SyncJobStatus, SyncJobSummary, SyncRoleArn, SyncSource, Timestamp, WorkspaceId,
};
use twinmaker_syncjob::observe::{
    Change, FleetError, FleetState, FleetTracker, IdentityField, JobKey, JobTracker, Observation, Verdict, Violation,
    Warning,
};

const ARN: &str = "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE";
const ROLE: &str = "arn:aws:iam::123456789012:role/TwinMakerSync";
const T0: i64 = 1_672_531_200;

fn ts(seconds: i64) -> Timestamp {
    Timestamp::from_unix_seconds(seconds).unwrap()
}

/// A snapshot in `state` (a wire string), created at `T0 + created`, updated at `T0 + updated`.
fn snap(state: &str, created: i64, updated: i64) -> SyncJobSnapshot {
    SyncJobSnapshot {
        arn: SyncJobArn::parse(ARN).unwrap(),
        workspace_id: WorkspaceId::parse("plant").unwrap(),
        sync_source: Open::Known(SyncSource::Sitewise),
        sync_role: SyncRoleArn::parse(ROLE).unwrap(),
        status: SyncJobStatus { state: Some(Open::parse(state).unwrap()), error: None },
        creation_date_time: ts(T0 + created),
        update_date_time: ts(T0 + updated),
    }
}

fn failed(code: &str, created: i64, updated: i64) -> SyncJobSnapshot {
    let mut s = snap("ERROR", created, updated);
    s.status.error = Some(ErrorDetails { code: Some(Open::parse(code).unwrap()), message: None });
    s
}

enum Obs {
    Snap(SyncJobSnapshot),
    Err(ApiErrorKind),
}

fn run(policy: &Policy, trace: &[Obs]) -> Vec<Verdict> {
    let mut tracker = JobTracker::new(policy.clone());
    trace
        .iter()
        .map(|obs| match obs {
            Obs::Snap(s) => tracker.observe(Observation::Snapshot(s)),
            Obs::Err(kind) => tracker.observe(Observation::Error(&ApiError::new(*kind, "x"))),
        })
        .collect()
}

fn s(state: &str) -> Obs {
    Obs::Snap(snap(state, 0, 10))
}

fn e(code: &str) -> Obs {
    Obs::Snap(failed(code, 0, 10))
}

fn gone() -> Obs {
    Obs::Err(ApiErrorKind::ResourceNotFound)
}

fn kinds(v: &Verdict) -> Vec<&'static str> {
    v.violations.iter().map(Violation::kind).collect()
}

fn warnings(v: &Verdict) -> Vec<&'static str> {
    v.warnings.iter().map(Warning::kind).collect()
}

fn via(v: &Verdict) -> Vec<Stage> {
    v.change.via().as_slice().to_vec()
}

const BOTH: [(&str, Policy); 2] = [("default", Policy::DEFAULT), ("documented", Policy::DOCUMENTED)];

#[test]
fn rule_1_stutter() {
    for (name, policy) in BOTH {
        for state in ["CREATING", "INITIALIZING", "ACTIVE", "DELETING"] {
            let v = run(&policy, &[s(state), s(state), s(state)]);
            assert_eq!(v[0].change, Change::First, "{name}");
            assert_eq!(v[1].change, Change::Stutter, "{name} {state}");
            assert!(v[2].is_clean());
        }
        let v = run(&policy, &[e("SYNC_CREATING_ERROR"), e("SYNC_CREATING_ERROR")]);
        assert_eq!(v[1].change, Change::Stutter, "{name}");
    }
}

#[test]
fn rule_2_step() {
    for (name, policy) in BOTH {
        for (a, b) in [("CREATING", "INITIALIZING"), ("INITIALIZING", "ACTIVE"), ("ACTIVE", "DELETING")] {
            let v = run(&policy, &[s(a), s(b)]);
            assert_eq!(v[1].change, Change::Step, "{name}: {a} -> {b}");
            assert_eq!(
                (v[1].from, v[1].to),
                (Some(Position::from(Stage::from(state(a)))), Some(Position::from(Stage::from(state(b)))))
            );
        }
        let v = run(&policy, &[s("ACTIVE"), e("SYNC_PROCESSING_ERROR"), s("DELETING")]);
        assert_eq!(v[1].change, Change::Step, "{name}");
        assert_eq!(v[1].to, Some(Position::Error(Phase::Active)));
        assert_eq!(v[2].change, Change::Step, "{name}");
    }
    // Inferred edges are steps only under the default policy.
    let v = run(&Policy::DEFAULT, &[s("CREATING"), s("DELETING")]);
    assert_eq!(v[1].change, Change::Step);
    let v = run(&Policy::DOCUMENTED, &[s("CREATING"), s("DELETING")]);
    assert_eq!(v[1].change.kind(), "skip");
    assert_eq!(via(&v[1]), [Stage::Error]);
}

fn state(wire: &str) -> SyncJobState {
    wire.parse().unwrap()
}

#[test]
fn rule_3_skip_reports_the_shortest_path() {
    let cases: [(&str, Policy, Vec<Obs>, Vec<Stage>); 6] = [
        ("C->A", Policy::DEFAULT, vec![s("CREATING"), s("ACTIVE")], vec![Stage::Initializing]),
        ("C->A doc", Policy::DOCUMENTED, vec![s("CREATING"), s("ACTIVE")], vec![Stage::Initializing]),
        ("A->ERROR(deleting)", Policy::DEFAULT, vec![s("ACTIVE"), e("SYNC_DELETING_ERROR")], vec![Stage::Deleting]),
        (
            "ERROR(creating)->ERROR(deleting)",
            Policy::DEFAULT,
            vec![e("SYNC_CREATING_ERROR"), e("SYNC_DELETING_ERROR")],
            vec![Stage::Deleting],
        ),
        (
            "C->ERROR(processing)",
            Policy::DEFAULT,
            vec![s("CREATING"), e("SYNC_PROCESSING_ERROR")],
            vec![Stage::Initializing, Stage::Active],
        ),
        // Two shortest paths (via ACTIVE or via ERROR): ties go to the earlier stage in lifecycle order.
        ("I->DELETING doc", Policy::DOCUMENTED, vec![s("INITIALIZING"), s("DELETING")], vec![Stage::Active]),
    ];
    for (name, policy, trace, expected) in cases {
        let v = run(&policy, &trace);
        assert_eq!(v[1].change.kind(), "skip", "{name}");
        assert_eq!(via(&v[1]), expected, "{name}");
        assert!(v[1].is_clean(), "{name}");
    }
}

#[test]
fn rule_3_error_with_another_code() {
    // A code without a phase on either side: a stutter.
    for (a, b) in [("SYNC_CREATING_ERROR", "INTERNAL_FAILURE"), ("VALIDATION_ERROR", "SYNC_DELETING_ERROR")] {
        for (name, policy) in BOTH {
            let v = run(&policy, &[e(a), e(b)]);
            assert_eq!(v[1].change, Change::Stutter, "{name}: {a} -> {b}");
        }
    }
    // Both phased and different: must be reachable as a skip.
    let v = run(&Policy::DOCUMENTED, &[e("SYNC_CREATING_ERROR"), e("SYNC_DELETING_ERROR")]);
    assert_eq!(kinds(&v[1]), ["illegal_transition"]);
    let v = run(&Policy::DEFAULT, &[e("SYNC_DELETING_ERROR"), e("SYNC_CREATING_ERROR")]);
    assert_eq!(kinds(&v[1]), ["illegal_transition"]);
    assert_eq!(
        v[1].violations.iter().next(),
        Some(&Violation::IllegalTransition {
            from: Position::Error(Phase::Deleting),
            to: Position::Error(Phase::Creating)
        })
    );
}

#[test]
fn rule_4_illegal_transitions() {
    let illegal = [
        ("ACTIVE", "CREATING"),
        ("ACTIVE", "INITIALIZING"),
        ("DELETING", "ACTIVE"),
        ("ERROR", "ACTIVE"),
        ("INITIALIZING", "CREATING"),
        ("DELETING", "CREATING"),
        ("ERROR", "INITIALIZING"),
    ];
    for (name, policy) in BOTH {
        for (a, b) in illegal {
            let first = if a == "ERROR" { e("INTERNAL_FAILURE") } else { s(a) };
            let v = run(&policy, &[first, s(b)]);
            assert_eq!(v[1].change, Change::Illegal, "{name}: {a} -> {b}");
            assert_eq!(kinds(&v[1]), ["illegal_transition"], "{name}: {a} -> {b}");
            assert!(v[1].violations.iter().next().unwrap().to_string().contains(b));
        }
    }
    // DELETING -> ERROR is inferred: illegal only under the documented policy.
    assert!(run(&Policy::DEFAULT, &[s("DELETING"), e("SYNC_DELETING_ERROR")])[1].is_clean());
    assert_eq!(kinds(&run(&Policy::DOCUMENTED, &[s("DELETING"), e("SYNC_DELETING_ERROR")])[1]), ["illegal_transition"]);
}

#[test]
fn rule_5_deletion() {
    for (name, policy) in BOTH {
        let v = run(&policy, &[s("DELETING"), gone()]);
        assert_eq!(v[1].change, Change::Deleted(Default::default()), "{name}");
        assert_eq!(v[1].to, Some(Position::Deleted));
        let v = run(&policy, &[s("ACTIVE"), gone(), gone()]);
        assert_eq!(via(&v[1]), [Stage::Deleting], "{name}");
        assert_eq!(v[2].change, Change::Stutter, "{name}");
        // Before the job was seen, not found means nothing.
        let v = run(&policy, &[gone(), s("CREATING")]);
        assert_eq!(v[0].change, Change::NoEvidence);
        assert_eq!(v[1].change, Change::First);
    }
    let v = run(&Policy::DOCUMENTED, &[s("CREATING"), gone()]);
    assert_eq!(via(&v[1]), [Stage::Error, Stage::Deleting]);
    let v = run(&Policy::DEFAULT, &[s("CREATING"), gone()]);
    assert_eq!(via(&v[1]), [Stage::Deleting]);
    // Under a policy with no way to delete from ACTIVE, a deletion is illegal.
    let stuck = Policy::DEFAULT.without_edge(Stage::Active, Stage::Deleting).without_edge(Stage::Active, Stage::Error);
    let v = run(&stuck, &[s("ACTIVE"), gone()]);
    assert_eq!(kinds(&v[1]), ["illegal_transition"]);
}

#[test]
fn rule_5_other_api_errors_are_never_evidence() {
    for kind in [
        ApiErrorKind::Throttling,
        ApiErrorKind::InternalServer,
        ApiErrorKind::AccessDenied,
        ApiErrorKind::Validation,
        ApiErrorKind::ServiceQuotaExceeded,
        ApiErrorKind::Conflict,
    ] {
        let v = run(&Policy::DEFAULT, &[s("ACTIVE"), Obs::Err(kind), s("ACTIVE")]);
        assert_eq!(v[1].change, Change::NoEvidence, "{kind:?}");
        assert!(v[1].is_clean());
        assert_eq!(v[2].change, Change::Stutter);
    }
}

#[test]
fn rule_6_incarnations() {
    for (name, policy) in BOTH {
        // Unseen delete-and-recreate between two polls.
        let v = run(&policy, &[Obs::Snap(snap("ACTIVE", 0, 10)), Obs::Snap(snap("ACTIVE", 100, 110))]);
        assert_eq!(v[1].change.kind(), "recreated", "{name}");
        assert_eq!(via(&v[1]), [Stage::Creating, Stage::Initializing], "{name}");
        assert!(v[1].is_clean());
        let v = run(&policy, &[Obs::Snap(snap("ACTIVE", 0, 10)), Obs::Snap(snap("CREATING", 100, 110))]);
        assert_eq!(v[1].change, Change::Recreated(Default::default()), "{name}");
        // Seen deleted, then created again.
        let v = run(&policy, &[s("DELETING"), gone(), Obs::Snap(snap("CREATING", 100, 100))]);
        assert_eq!(v[2].change.kind(), "recreated", "{name}");
        // The same incarnation after its deletion was seen.
        let v = run(&policy, &[s("DELETING"), gone(), s("DELETING")]);
        assert_eq!(kinds(&v[2]), ["resurrected"], "{name}");
        assert_eq!(v[2].change, Change::Reset);
        // An older incarnation.
        let v = run(&policy, &[Obs::Snap(snap("ACTIVE", 100, 110)), Obs::Snap(snap("ACTIVE", 0, 10))]);
        assert_eq!(kinds(&v[1]), ["creation_time_regressed"], "{name}");
        assert_eq!(
            v[1].violations.iter().next(),
            Some(&Violation::CreationTimeRegressed { previous: ts(T0 + 100), observed: ts(T0) })
        );
    }
    // A new incarnation's first state must be reachable from CREATING.
    let mut new_error = failed("SYNC_DELETING_ERROR", 100, 110);
    new_error.status.error =
        Some(ErrorDetails { code: Some(Open::Known(ErrorCode::SyncDeletingError)), message: None });
    let v = run(&Policy::DOCUMENTED, &[s("ACTIVE"), Obs::Snap(new_error)]);
    assert_eq!(kinds(&v[1]), ["illegal_transition"]);
    assert_eq!(
        v[1].violations.iter().next(),
        Some(&Violation::IllegalTransition { from: Position::Creating, to: Position::Error(Phase::Deleting) })
    );
}

#[test]
fn rule_6_new_incarnations_are_judged_by_that_rule_alone() {
    // Another role and an earlier update time than the old incarnation's: no identity or time violation.
    let mut next = snap("CREATING", 100, 100);
    next.sync_role = SyncRoleArn::parse("arn:aws:iam::123456789012:role/Other").unwrap();
    let v = run(&Policy::DEFAULT, &[Obs::Snap(snap("ACTIVE", 0, 500)), Obs::Snap(next)]);
    assert!(v[1].is_clean(), "{v:?}");
    // ... but update_before_creation applies to every observation.
    let v = run(&Policy::DEFAULT, &[Obs::Snap(snap("ACTIVE", 0, 10)), Obs::Snap(snap("CREATING", 100, 50))]);
    assert_eq!(kinds(&v[1]), ["update_before_creation"]);
}

#[test]
fn rule_7_identity() {
    let mut other_arn = snap("ACTIVE", 0, 20);
    other_arn.arn =
        SyncJobArn::parse("arn:aws:iottwinmaker:us-east-1:123456789012:workspace/other/sync-job/SITEWISE").unwrap();
    let mut other_role = snap("ACTIVE", 0, 20);
    other_role.sync_role = SyncRoleArn::parse("arn:aws:iam::123456789012:role/Other").unwrap();
    let mut both = other_arn.clone();
    both.sync_role = other_role.sync_role.clone();
    for (name, policy) in BOTH {
        let v = run(&policy, &[s("ACTIVE"), Obs::Snap(other_arn.clone())]);
        assert_eq!(
            v[1].violations.iter().next(),
            Some(&Violation::IdentityChanged { field: IdentityField::Arn }),
            "{name}"
        );
        let v = run(&policy, &[s("ACTIVE"), Obs::Snap(other_role.clone())]);
        assert_eq!(v[1].violations.iter().next(), Some(&Violation::IdentityChanged { field: IdentityField::SyncRole }));
        let v = run(&policy, &[s("ACTIVE"), Obs::Snap(both.clone()), Obs::Snap(both.clone())]);
        assert_eq!(kinds(&v[1]), ["identity_changed", "identity_changed"]);
        assert!(v[2].is_clean(), "one fault, one report");
    }
}

#[test]
fn rule_8_time() {
    for (name, policy) in BOTH {
        let v = run(
            &policy,
            &[Obs::Snap(snap("ACTIVE", 0, 50)), Obs::Snap(snap("ACTIVE", 0, 40)), Obs::Snap(snap("ACTIVE", 0, 45))],
        );
        assert_eq!(kinds(&v[1]), ["update_time_regressed"], "{name}");
        assert!(v[2].is_clean(), "{name}: judged from the regressed observation");
        let v = run(&policy, &[Obs::Snap(snap("CREATING", 10, 5))]);
        assert_eq!(kinds(&v[0]), ["update_before_creation"], "{name}: even on a first observation");
        assert_eq!(
            v[0].violations.iter().next(),
            Some(&Violation::UpdateBeforeCreation { creation: ts(T0 + 10), update: ts(T0 + 5) })
        );
    }
}

#[test]
fn rule_9_unknown_states_are_not_judged() {
    for (name, policy) in BOTH {
        let v = run(&policy, &[s("ACTIVE"), s("PAUSED"), s("CREATING"), s("INITIALIZING")]);
        assert_eq!(v[1].change, Change::Unjudged, "{name}");
        assert_eq!(warnings(&v[1]), ["unknown_state"]);
        assert_eq!(v[1].to, None);
        assert_eq!(v[2].change, Change::Unjudged, "{name}: out of the unknown state");
        assert!(v[2].is_clean());
        assert_eq!(v[3].change, Change::Step, "{name}: judging resumes");
    }
}

#[test]
fn rule_10_warnings() {
    let mut bare_error = snap("ERROR", 0, 10);
    bare_error.status.error = None;
    let mut active_with_details = snap("ACTIVE", 0, 10);
    active_with_details.status.error =
        Some(ErrorDetails { code: None, message: Some(ErrorMessage::parse("x").unwrap()) });
    let mut deleting_with_details = snap("DELETING", 0, 10);
    deleting_with_details.status.error =
        Some(ErrorDetails { code: Some(Open::Known(ErrorCode::SyncDeletingError)), message: None });
    for (name, policy) in BOTH {
        assert_eq!(warnings(&run(&policy, &[Obs::Snap(bare_error.clone())])[0]), ["error_details_missing"], "{name}");
        let v = run(&policy, &[Obs::Snap(active_with_details.clone())]);
        assert_eq!(v[0].warnings.iter().next(), Some(&Warning::ErrorDetailsUnexpected { state: SyncJobState::Active }));
        assert!(run(&policy, &[Obs::Snap(deleting_with_details.clone())])[0].is_clean(), "{name}");
        assert_eq!(warnings(&run(&policy, &[e("QUOTA_EXCEEDED_ERROR")])[0]), ["unknown_error_code"]);
    }
}

#[test]
fn rule_11_lists_are_one_observation_per_summary() {
    let summary = |w: &str, state: &str| SyncJobSummary {
        workspace_id: Some(WorkspaceId::parse(w).unwrap()),
        sync_source: Some(Open::Known(SyncSource::Sitewise)),
        status: Some(SyncJobStatus::new(state.parse().unwrap())),
        ..SyncJobSummary::default()
    };
    let page1 = ListSyncJobsPage {
        sync_job_summaries: vec![summary("a1", "CREATING"), summary("b1", "ACTIVE")],
        next_token: None,
    };
    let page2 = ListSyncJobsPage {
        sync_job_summaries: vec![summary("a1", "ACTIVE"), summary("b1", "CREATING"), SyncJobSummary::default()],
        next_token: None,
    };
    let mut fleet = FleetTracker::new(Policy::DEFAULT);
    let first: Vec<_> = fleet.observe_page(&page1).collect();
    assert!(first.iter().all(|r| r.as_ref().unwrap().1.change == Change::First));
    let second: Vec<_> = fleet.observe_page(&page2).collect();
    assert_eq!(second[0].as_ref().unwrap().1.change.kind(), "skip");
    let (key, verdict) = second[1].as_ref().unwrap();
    assert_eq!(*key, JobKey::new("b1", "SITEWISE"));
    assert_eq!(verdict.index, 3);
    assert_eq!(kinds(verdict), ["illegal_transition"]);
    assert_eq!(second[2], Err(FleetError::SummaryWithoutKey { index: 4 }));
    assert_eq!(fleet.len(), 2);
}

#[test]
fn rule_12_one_fault_one_report() {
    for (name, policy) in BOTH {
        let v = run(&policy, &[s("ACTIVE"), s("CREATING"), s("CREATING"), s("INITIALIZING"), s("ACTIVE")]);
        assert_eq!(kinds(&v[1]), ["illegal_transition"], "{name}");
        for later in &v[2..] {
            assert!(later.is_clean(), "{name}: {later:?}");
        }
        // Rules are checked independently: two rules broken, two violations.
        let v = run(&policy, &[Obs::Snap(snap("ACTIVE", 0, 50)), Obs::Snap(snap("CREATING", 0, 40))]);
        assert_eq!(kinds(&v[1]), ["update_time_regressed", "illegal_transition"], "{name}");
    }
}

#[test]
fn summaries_without_times_or_identity_are_judged_on_what_they_have() {
    let mut tracker = JobTracker::new(Policy::DEFAULT);
    let snapshot = snap("ACTIVE", 0, 10);
    tracker.observe(Observation::Snapshot(&snapshot));
    let summary = SyncJobSummary { status: Some(SyncJobStatus::new(SyncJobState::Deleting)), ..Default::default() };
    let v = tracker.observe(Observation::Summary(&summary));
    assert_eq!(v.change, Change::Step);
    assert!(v.is_clean());
    assert_eq!(tracker.record().creation_date_time(), Some(ts(T0)));
}

#[test]
fn records_count_and_checkpoint() {
    let mut fleet = FleetTracker::new(Policy::DEFAULT);
    let a = snap("ACTIVE", 0, 10);
    let b = snap("ACTIVE", 100, 110);
    fleet.observe(Observation::Snapshot(&a)).unwrap();
    fleet.observe(Observation::Snapshot(&b)).unwrap();
    let key = JobKey::new("plant", "SITEWISE");
    fleet.observe_job(key, Observation::Error(&ApiError::new(ApiErrorKind::ResourceNotFound, "")));
    let record = *fleet.get(key).unwrap();
    assert_eq!((record.observations(), record.incarnations(), record.is_deleted()), (3, 2, true));
    let saved = serde_json::to_string(fleet.state()).unwrap();
    let state: FleetState = serde_json::from_str(&saved).unwrap();
    let mut restored = FleetTracker::restore(Policy::DEFAULT, state);
    assert_eq!(restored.get(key), Some(&record));
    // The restored fleet judges on from where it was: the same incarnation again is resurrected.
    let (_, v) = restored.observe(Observation::Snapshot(&b)).unwrap();
    assert_eq!(kinds(&v), ["resurrected"]);
    assert_eq!(v.index, 3);
}

#[test]
fn record_is_small() {
    assert!(std::mem::size_of::<twinmaker_syncjob::observe::JobRecord>() <= 48);
}

/// A summary of the job in `state`, with optional creation and update times (seconds after `T0`).
fn summary_at(state: &str, created: Option<i64>, updated: Option<i64>) -> SyncJobSummary {
    SyncJobSummary {
        arn: Some(SyncJobArn::parse(ARN).unwrap()),
        workspace_id: Some(WorkspaceId::parse("plant").unwrap()),
        sync_source: Some(Open::Known(SyncSource::Sitewise)),
        status: Some(SyncJobStatus::new(state.parse().unwrap())),
        creation_date_time: created.map(|c| ts(T0 + c)),
        update_date_time: updated.map(|u| ts(T0 + u)),
    }
}

#[test]
fn rule_6_summaries_without_creation_times() {
    // Seen again after a deletion, with no creation time to compare: a new incarnation.
    let mut tracker = JobTracker::new(Policy::DEFAULT);
    tracker.observe(Observation::Summary(&summary_at("ACTIVE", None, None)));
    tracker.observe(Observation::Error(&ApiError::new(ApiErrorKind::ResourceNotFound, "gone")));
    let again = tracker.observe(Observation::Summary(&summary_at("CREATING", None, None)));
    assert_eq!(again.change, Change::Recreated(Default::default()));
    assert!(again.violations.is_empty());
    assert_eq!(tracker.record().incarnations(), 2);
}

#[test]
fn rule_8_a_summary_without_creation_is_held_to_the_known_one() {
    // The incarnation's creation time is known from earlier; an update before it is a violation
    // even when the summary does not repeat the creation time.
    let mut tracker = JobTracker::new(Policy::DEFAULT);
    tracker.observe(Observation::Summary(&summary_at("ACTIVE", Some(100), Some(100))));
    let early = tracker.observe(Observation::Summary(&summary_at("ACTIVE", None, Some(50))));
    assert_eq!(kinds(&early), ["update_before_creation", "update_time_regressed"]);
    // A new incarnation is not held to the old one's creation time.
    tracker.observe(Observation::Error(&ApiError::new(ApiErrorKind::ResourceNotFound, "gone")));
    let recreated = tracker.observe(Observation::Summary(&summary_at("CREATING", None, Some(50))));
    assert_eq!(recreated.change, Change::Recreated(Default::default()));
    assert!(recreated.violations.is_empty(), "{:?}", recreated.violations);
}

#[test]
fn findings_say_what_happened() {
    assert_eq!(IdentityField::Arn.wire_name(), "arn");
    assert_eq!(IdentityField::SyncRole.wire_name(), "syncRole");
    let (earlier, later) = (ts(T0), ts(T0 + 60));
    let messages = [
        (
            Violation::IllegalTransition { from: Position::Active, to: Position::Creating },
            "ACTIVE cannot be followed by CREATING",
        ),
        (Violation::IdentityChanged { field: IdentityField::SyncRole }, "`syncRole` changed within one incarnation"),
        (
            Violation::UpdateTimeRegressed { previous: later, observed: earlier },
            "updateDateTime went back from 2023-01-01T00:01:00Z to 2023-01-01T00:00:00Z",
        ),
        (
            Violation::UpdateBeforeCreation { creation: later, update: earlier },
            "updateDateTime 2023-01-01T00:00:00Z is before creationDateTime 2023-01-01T00:01:00Z",
        ),
        (
            Violation::CreationTimeRegressed { previous: later, observed: earlier },
            "creationDateTime went back from 2023-01-01T00:01:00Z",
        ),
        (
            Violation::Resurrected { creation: earlier },
            "the incarnation created at 2023-01-01T00:00:00Z was seen deleted",
        ),
    ];
    for (violation, start) in messages {
        assert!(violation.to_string().starts_with(start), "{violation}");
    }
    let warnings = [
        (Warning::UnknownState, "a state this library does not know"),
        (Warning::UnknownErrorCode, "an error code this library does not know"),
        (Warning::ErrorDetailsMissing, "ERROR without error details"),
        (Warning::ErrorDetailsUnexpected { state: SyncJobState::Active }, "error details beside ACTIVE, which"),
    ];
    for (warning, start) in warnings {
        assert!(warning.to_string().starts_with(start), "{warning}");
    }
}

#[test]
fn transitions_are_the_changes_that_move_a_job() {
    let via = Via::default();
    let moving = [Change::Step, Change::Skip(via), Change::Deleted(via), Change::Recreated(via)];
    let still = [Change::First, Change::Stutter, Change::Unjudged, Change::Illegal, Change::Reset, Change::NoEvidence];
    assert!(moving.iter().all(Change::is_transition));
    assert!(!still.iter().any(Change::is_transition));
    let kinds: Vec<&str> = moving.iter().chain(&still).map(Change::kind).collect();
    assert_eq!(
        kinds,
        ["step", "skip", "deleted", "recreated", "first", "stutter", "unjudged", "illegal", "reset", "no_evidence"]
    );
}

#[test]
fn trackers_count_what_they_received() {
    let mut tracker = JobTracker::new(Policy::DOCUMENTED);
    assert_eq!(tracker.observed(), 0);
    assert!(*tracker.policy() == Policy::DOCUMENTED);
    tracker.observe(Observation::Error(&ApiError::new(ApiErrorKind::Throttling, "")));
    tracker.observe(Observation::Snapshot(&snap("ACTIVE", 0, 10)));
    tracker.observe(Observation::Snapshot(&snap("ACTIVE", 0, 20)));
    assert_eq!(tracker.observed(), 3);
    assert_eq!(tracker.record().observations(), 3);
}
