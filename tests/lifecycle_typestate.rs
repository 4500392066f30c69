//! The typestate API against the table: every (from, to) pair of stages, every error code, every
//! way an observation can fail to be evidence, and the cost of the typestate.

#![allow(clippy::unwrap_used, reason = "test helpers: a failed unwrap is a failed test")]

use twinmaker_syncjob::lifecycle::{
    Active, AnySyncJob, Creating, DeletedSyncJob, Deleting, Failed, Fault, Initializing, JobField, JobState, Mismatch,
    Phase, Policy, Position, Route, Stage, SyncJob, TYPESTATE_EDGES, TransitionTo, classify_error_code,
    classify_error_details, classify_open_error_code,
};
use twinmaker_syncjob::model::{
    ApiError, ApiErrorKind, ErrorCode, ErrorDetails, Open, SyncJobArn, SyncJobSnapshot, SyncJobState, SyncJobStatus,
    SyncRoleArn, SyncSource, Timestamp, WireEnum, WorkspaceId,
};

const ARN: &str = "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE";
const T0: i64 = 1_672_531_200;

/// A snapshot of the job in `state` (a wire string), created at `T0 + created`.
fn snap_at(state: &str, created: i64) -> SyncJobSnapshot {
    SyncJobSnapshot {
        arn: SyncJobArn::parse(ARN).unwrap(),
        workspace_id: WorkspaceId::parse("plant").unwrap(),
        sync_source: Open::Known(SyncSource::Sitewise),
        sync_role: SyncRoleArn::parse("arn:aws:iam::123456789012:role/TwinMakerSync").unwrap(),
        status: SyncJobStatus { state: Some(Open::parse(state).unwrap()), error: None },
        creation_date_time: Timestamp::from_unix_seconds(T0 + created).unwrap(),
        update_date_time: Timestamp::from_unix_seconds(T0 + 3600).unwrap(),
    }
}

fn snap(state: &str) -> SyncJobSnapshot {
    snap_at(state, 0)
}

fn failed_with(code: Option<&str>) -> SyncJobSnapshot {
    let mut s = snap("ERROR");
    s.status.error = Some(ErrorDetails { code: code.map(|c| Open::parse(c).unwrap()), message: None });
    s
}

fn job<S: JobState>() -> SyncJob<S> {
    job_from(snap(S::STATE.as_str()))
}

fn job_from<S: JobState>(snapshot: SyncJobSnapshot) -> SyncJob<S> {
    AnySyncJob::observe(snapshot).unwrap().try_into().unwrap()
}

fn not_found() -> ApiError {
    ApiError::new(ApiErrorKind::ResourceNotFound, "Sync job not found")
}

fn deleted_job() -> DeletedSyncJob {
    job::<Deleting>().deleted(not_found()).unwrap()
}

/// The evidence for `to`: a snapshot in its state (for deleted, not used).
fn evidence(to: Stage) -> SyncJobSnapshot {
    snap(to.state().map_or("CREATING", WireEnum::as_str))
}

/// Takes the typestate edge `from -> to` by calling its named method, with good evidence; `None`
/// when the API has no method for the pair. The arms are written by hand: they must agree with the
/// table and with `TYPESTATE_EDGES`.
fn take(from: Stage, to: Stage) -> Option<Stage> {
    let next = evidence(to);
    let reached = match (from, to) {
        (Stage::Creating, Stage::Initializing) => job::<Creating>().initializing(next).unwrap().stage(),
        (Stage::Initializing, Stage::Active) => job::<Initializing>().active(next).unwrap().stage(),
        (Stage::Creating, Stage::Error) => job::<Creating>().failed(next).unwrap().stage(),
        (Stage::Initializing, Stage::Error) => job::<Initializing>().failed(next).unwrap().stage(),
        (Stage::Active, Stage::Error) => job::<Active>().failed(next).unwrap().stage(),
        (Stage::Deleting, Stage::Error) => job::<Deleting>().failed(next).unwrap().stage(),
        (Stage::Creating, Stage::Deleting) => job::<Creating>().deleting(next).unwrap().stage(),
        (Stage::Initializing, Stage::Deleting) => job::<Initializing>().deleting(next).unwrap().stage(),
        (Stage::Active, Stage::Deleting) => job::<Active>().deleting(next).unwrap().stage(),
        (Stage::Error, Stage::Deleting) => job::<Failed>().deleting(next).unwrap().stage(),
        (Stage::Deleting, Stage::Deleted) => {
            let gone = job::<Deleting>().deleted(not_found()).unwrap();
            assert_eq!(gone.snapshot().status.known_state(), Some(SyncJobState::Deleting));
            Stage::Deleted
        }
        (Stage::Deleted, Stage::Creating) => deleted_job().recreated(snap_at("CREATING", 86_400)).unwrap().stage(),
        _ => return None,
    };
    Some(reached)
}

#[test]
fn the_table_the_runtime_check_and_the_typestate_methods_agree_on_every_pair() {
    let mut edges = 0;
    for from in Stage::ALL {
        for to in Stage::ALL {
            let table = Policy::DEFAULT.allows(from, to);
            let new_incarnation = Policy::DEFAULT.transition(from, to).is_some_and(|t| t.new_incarnation);
            // The runtime check: one step within an incarnation, or the edge that starts a new one.
            let route = Policy::DEFAULT.route(Position::from(from), Position::from(to));
            let runtime = route == Route::Step || (new_incarnation && route == Route::Unreachable);
            let listed = TYPESTATE_EDGES.iter().any(|e| (e.from, e.to) == (from, to));
            let method = take(from, to);
            assert_eq!(runtime, table, "{from} -> {to}: route {route:?}");
            assert_eq!(listed, table, "{from} -> {to}: TYPESTATE_EDGES");
            assert_eq!(method.is_some(), table, "{from} -> {to}: method");
            if let Some(reached) = method {
                assert_eq!(reached, to, "{from} -> {to}");
                edges += 1;
            }
        }
    }
    assert_eq!(edges, TYPESTATE_EDGES.len());
    assert_eq!(edges, Policy::DEFAULT.transitions().count());
}

#[test]
fn the_listed_method_names_are_the_methods_called() {
    for edge in TYPESTATE_EDGES {
        let expected = match edge.to {
            Stage::Initializing => "initializing",
            Stage::Active => "active",
            Stage::Error => "failed",
            Stage::Deleting => "deleting",
            Stage::Deleted => "deleted",
            Stage::Creating => "recreated",
        };
        assert_eq!(edge.method, expected, "{edge:?}");
    }
}

/// Takes the edge to `ERROR` from one state, given the evidence.
type TryFailed = fn(SyncJobSnapshot) -> Result<Position, Mismatch>;

/// Changes one identity field of a snapshot.
type Change<'a> = &'a dyn Fn(&mut SyncJobSnapshot);

fn try_failed<S: TransitionTo<Failed>>(next: SyncJobSnapshot) -> Result<Position, Mismatch> {
    job::<S>().failed(next).map(|j| j.position()).map_err(|e| e.mismatch().clone())
}

#[test]
fn a_failure_is_one_step_only_from_the_phase_its_code_names() {
    let mut codes: Vec<Option<&str>> = ErrorCode::known_values().map(|c| Some(c.as_str())).collect();
    codes.extend([Some("SYNC_PAUSING_ERROR"), None]);
    let sources: [(Position, TryFailed); 4] = [
        (Position::Creating, try_failed::<Creating>),
        (Position::Initializing, try_failed::<Initializing>),
        (Position::Active, try_failed::<Active>),
        (Position::Deleting, try_failed::<Deleting>),
    ];
    let mut accepted = 0;
    for code in codes {
        let to = AnySyncJob::observe(failed_with(code)).unwrap().position();
        for (from, fail) in sources {
            let route = Policy::DEFAULT.route(from, to);
            match fail(failed_with(code)) {
                Ok(position) => {
                    assert_eq!(route, Route::Step, "{from} -> {to} ({code:?})");
                    assert_eq!(position, to);
                    accepted += 1;
                }
                Err(mismatch) => {
                    assert_ne!(route, Route::Step, "{from} -> {to} ({code:?})");
                    assert_eq!(mismatch, Mismatch::NotOneStep { from, to, route }, "{code:?}");
                }
            }
        }
        // Whatever the phase, a failed job may be deleted.
        let failed: SyncJob<Failed> = job_from(failed_with(code));
        assert!(failed.deleting(snap("DELETING")).is_ok(), "{code:?}");
    }
    // Four codes name no phase, plus one unknown and one absent code: from each of the four
    // sources; and each of the four phase codes from its own phase.
    assert_eq!(accepted, 6 * 4 + 4);
}

#[test]
fn phase_examples() {
    let deleting_error = || failed_with(Some("SYNC_DELETING_ERROR"));
    let err = job::<Active>().failed(deleting_error()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "no ACTIVE -> ERROR transition: ERROR (from DELETING) does not follow ACTIVE in one step of the default \
         policy: it is reached only through DELETING"
    );
    let err = job::<Deleting>().failed(failed_with(Some("SYNC_CREATING_ERROR"))).unwrap_err();
    assert!(err.to_string().ends_with("it cannot follow it within one incarnation"), "{err}");
    let failed = job::<Deleting>().failed(deleting_error()).unwrap();
    assert_eq!(failed.phase(), Phase::Deleting);
    assert_eq!(failed.classification(), classify_error_code(ErrorCode::SyncDeletingError));
    assert_eq!(failed.error().and_then(ErrorDetails::known_code), Some(ErrorCode::SyncDeletingError));
    let bare: SyncJob<Failed> = job_from(failed_with(None));
    assert_eq!((bare.classification(), bare.phase()), (classify_error_details(None), Phase::Any));
    let no_details: SyncJob<Failed> = job::<Failed>();
    assert_eq!(no_details.error(), None);
    assert_eq!((no_details.classification().phase, no_details.classification().fault), (Phase::Any, Fault::Unknown));
    let unknown: SyncJob<Failed> = job_from(failed_with(Some("SYNC_PAUSING_ERROR")));
    assert_eq!(unknown.classification(), classify_open_error_code(&Open::parse("SYNC_PAUSING_ERROR").unwrap()));
}

/// Every state of the five, an unknown one and an absent one, as evidence for `target`.
fn wrong_states(target: SyncJobState) -> Vec<SyncJobSnapshot> {
    let mut wrong: Vec<SyncJobSnapshot> =
        SyncJobState::known_values().filter(|s| *s != target).map(|s| snap(s.as_str())).collect();
    wrong.push(snap("PAUSED"));
    let mut absent = snap("ACTIVE");
    absent.status.state = None;
    wrong.push(absent);
    wrong
}

fn assert_state_mismatch(mismatch: &Mismatch, expected: SyncJobState, next: &SyncJobSnapshot) {
    assert_eq!(mismatch, &Mismatch::State { expected, observed: next.status.state.clone() });
}

#[test]
fn evidence_in_another_state_is_refused_and_everything_given_back() {
    for next in wrong_states(SyncJobState::Initializing) {
        let held = job::<Creating>();
        let err = held.clone().initializing(next.clone()).unwrap_err();
        assert_state_mismatch(err.mismatch(), SyncJobState::Initializing, &next);
        assert_eq!((err.from(), err.to()), (Stage::Creating, Stage::Initializing));
        assert_eq!(err.into_parts(), (held, next));
    }
    for next in wrong_states(SyncJobState::Active) {
        let err = job::<Initializing>().active(next.clone()).unwrap_err();
        assert_state_mismatch(err.mismatch(), SyncJobState::Active, &next);
    }
    for next in wrong_states(SyncJobState::Error) {
        let err = job::<Active>().failed(next.clone()).unwrap_err();
        assert_state_mismatch(err.mismatch(), SyncJobState::Error, &next);
    }
    for next in wrong_states(SyncJobState::Deleting) {
        let err = job::<Failed>().deleting(next.clone()).unwrap_err();
        assert_state_mismatch(err.mismatch(), SyncJobState::Deleting, &next);
        assert_eq!(err.observed(), &next);
    }
    let err = job::<Creating>().initializing(snap("PAUSED")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "no CREATING -> INITIALIZING transition: the new snapshot is in state PAUSED, not INITIALIZING"
    );
    let mut absent = snap("INITIALIZING");
    absent.status.state = None;
    let err = job::<Creating>().initializing(absent).unwrap_err();
    assert!(err.to_string().ends_with("the new snapshot is in state (absent), not INITIALIZING"), "{err}");
}

#[test]
fn evidence_of_another_job_or_incarnation_is_refused_naming_the_field() {
    let other_arn = |s: &mut SyncJobSnapshot| {
        s.arn =
            SyncJobArn::parse("arn:aws:iottwinmaker:us-east-1:123456789012:workspace/other/sync-job/SITEWISE").unwrap()
    };
    let other_workspace = |s: &mut SyncJobSnapshot| s.workspace_id = WorkspaceId::parse("other").unwrap();
    let other_source = |s: &mut SyncJobSnapshot| s.sync_source = Open::parse("OTHER").unwrap();
    let recreated = |s: &mut SyncJobSnapshot| s.creation_date_time = Timestamp::from_unix_seconds(T0 + 60).unwrap();
    let cases: [(JobField, Change<'_>, &str, &str); 4] = [
        (
            JobField::Arn,
            &other_arn,
            ARN,
            "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/other/sync-job/SITEWISE",
        ),
        (JobField::WorkspaceId, &other_workspace, "plant", "other"),
        (JobField::SyncSource, &other_source, "SITEWISE", "OTHER"),
        (JobField::CreationDateTime, &recreated, "2023-01-01T00:00:00Z", "2023-01-01T00:01:00Z"),
    ];
    for (field, change, expected, observed) in cases {
        let mut next = snap("DELETING");
        change(&mut next);
        let err = job::<Active>().deleting(next).unwrap_err();
        let want = Mismatch::Job { field, expected: expected.to_owned(), observed: observed.to_owned() };
        assert_eq!(err.mismatch(), &want, "{field}");
        assert!(err.to_string().contains(&format!("{field} is {observed}, not {expected}")), "{err}");
        // The identity is checked before the state.
        let mut next = snap("ACTIVE");
        change(&mut next);
        assert!(matches!(job::<Active>().deleting(next).unwrap_err().mismatch(), Mismatch::Job { .. }));
    }
    // The update time and the role are not part of the identity.
    let mut next = snap("DELETING");
    next.update_date_time = Timestamp::from_unix_seconds(T0 + 7200).unwrap();
    next.sync_role = SyncRoleArn::parse("arn:aws:iam::123456789012:role/Other").unwrap();
    assert!(job::<Active>().deleting(next).is_ok());
}

#[test]
fn deletion_needs_resource_not_found() {
    for kind in ApiErrorKind::known_values().filter(|k| *k != ApiErrorKind::ResourceNotFound) {
        let held = job::<Deleting>();
        let answer = ApiError::new(kind, "no");
        let err = held.clone().deleted(answer.clone()).unwrap_err();
        assert!(err.to_string().contains("is not evidence that sync job"), "{err}");
        assert_eq!(err.into_parts(), (held, answer), "{kind}");
    }
    let unknown_404 =
        ApiError { kind: Open::parse("NoSuchThingException").unwrap(), message: String::new(), http_status: Some(404) };
    assert!(job::<Deleting>().deleted(unknown_404).is_err());
    let gone = deleted_job();
    assert_eq!(gone.not_found(), &not_found());
    assert_eq!(gone.snapshot(), &snap("DELETING"));
}

#[test]
fn a_new_incarnation_must_be_the_same_job_created_later() {
    let err = deleted_job().recreated(snap_at("CREATING", 0)).unwrap_err();
    let t0 = Timestamp::from_unix_seconds(T0).unwrap();
    assert_eq!(err.mismatch(), &Mismatch::NotNewIncarnation { deleted: t0, observed: t0 });
    let err = deleted_job().recreated(snap_at("CREATING", -1)).unwrap_err();
    assert!(matches!(err.mismatch(), Mismatch::NotNewIncarnation { .. }));
    for next in wrong_states(SyncJobState::Creating) {
        let mut next = next;
        next.creation_date_time = Timestamp::from_unix_seconds(T0 + 60).unwrap();
        let err = deleted_job().recreated(next.clone()).unwrap_err();
        assert_state_mismatch(err.mismatch(), SyncJobState::Creating, &next);
        assert_eq!(err.into_parts(), (deleted_job(), next));
    }
    let mut other = snap_at("CREATING", 60);
    other.workspace_id = WorkspaceId::parse("other").unwrap();
    let err = deleted_job().recreated(other).unwrap_err();
    assert!(matches!(err.mismatch(), Mismatch::Job { field: JobField::WorkspaceId, .. }));
    let again = deleted_job().recreated(snap_at("CREATING", 60)).unwrap();
    assert_eq!(again.snapshot(), &snap_at("CREATING", 60));
}

#[test]
fn observing_and_narrowing() {
    for state in SyncJobState::known_values() {
        let snapshot = snap(state.as_str());
        let any = AnySyncJob::observe(snapshot.clone()).unwrap();
        assert_eq!((any.state(), any.stage()), (state, Stage::from(state)));
        assert_eq!(any.snapshot(), &snapshot);
        assert_eq!(AnySyncJob::try_from(snapshot.clone()).unwrap(), any);
        // Narrowing succeeds for exactly the observed state, and hands the job back otherwise.
        let narrowed = [
            SyncJob::<Creating>::try_from(any.clone()).map(AnySyncJob::from),
            SyncJob::<Initializing>::try_from(any.clone()).map(AnySyncJob::from),
            SyncJob::<Active>::try_from(any.clone()).map(AnySyncJob::from),
            SyncJob::<Deleting>::try_from(any.clone()).map(AnySyncJob::from),
            SyncJob::<Failed>::try_from(any.clone()).map(SyncJob::into_dynamic),
        ];
        for (result, stage) in narrowed.into_iter().zip(Stage::ALL) {
            match result {
                Ok(back) => {
                    assert_eq!(stage, Stage::from(state));
                    assert_eq!(back, any);
                }
                Err(err) => {
                    assert_ne!(stage, Stage::from(state));
                    assert_eq!(err.expected(), stage);
                    assert_eq!(err.job(), &any);
                    assert_eq!(err.into_job(), any);
                }
            }
        }
        assert_eq!(any.into_snapshot(), snapshot);
    }
}

#[test]
fn unobservable_snapshots_are_given_back() {
    let unknown = snap("PAUSED");
    let err = AnySyncJob::observe(unknown.clone()).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("cannot observe sync job {ARN}: its state is PAUSED, a value this crate does not know")
    );
    assert_eq!(err.snapshot(), &unknown);
    assert_eq!(err.into_snapshot(), unknown);
    let mut absent = snap("ACTIVE");
    absent.status.state = None;
    let err = AnySyncJob::try_from(absent.clone()).unwrap_err();
    assert_eq!(err.to_string(), format!("cannot observe sync job {ARN}: its state is absent"));
    assert_eq!(err.into_snapshot(), absent);
}

#[test]
fn delete_requests_where_deleting_is_an_edge() {
    let requests = [
        job::<Creating>().delete_request(),
        job::<Initializing>().delete_request(),
        job::<Active>().delete_request(),
        job::<Failed>().delete_request(),
    ];
    for request in requests {
        assert_eq!(request.workspace_id.as_str(), "plant");
        assert_eq!(request.sync_source, Open::Known(SyncSource::Sitewise));
        assert_eq!(request.path(), "/workspaces/plant/sync-jobs/SITEWISE");
    }
    // Exactly the stages with an edge to DELETING under the default policy have the method.
    let with_request = [Stage::Creating, Stage::Initializing, Stage::Active, Stage::Error];
    for stage in Stage::ALL {
        assert_eq!(Policy::DEFAULT.allows(stage, Stage::Deleting), with_request.contains(&stage), "{stage}");
    }
}

#[test]
fn the_typestate_costs_nothing() {
    assert_eq!(size_of::<Creating>(), 0);
    assert_eq!(size_of::<Initializing>(), 0);
    assert_eq!(size_of::<Active>(), 0);
    assert_eq!(size_of::<Deleting>(), 0);
    assert_eq!(size_of::<Failed>(), 0);
    assert_eq!(size_of::<SyncJob<Creating>>(), size_of::<SyncJobSnapshot>());
    assert_eq!(size_of::<SyncJob<Initializing>>(), size_of::<SyncJobSnapshot>());
    assert_eq!(size_of::<SyncJob<Active>>(), size_of::<SyncJobSnapshot>());
    assert_eq!(size_of::<SyncJob<Deleting>>(), size_of::<SyncJobSnapshot>());
    assert_eq!(size_of::<SyncJob<Failed>>(), size_of::<SyncJobSnapshot>());
    assert_eq!(align_of::<SyncJob<Active>>(), align_of::<SyncJobSnapshot>());
}

#[test]
fn positions_of_observed_jobs() {
    assert_eq!(job::<Active>().position(), Position::Active);
    assert_eq!(job::<Failed>().position(), Position::Error(Phase::Any));
    let failed: SyncJob<Failed> = job_from(failed_with(Some("SYNC_PROCESSING_ERROR")));
    assert_eq!(failed.position(), Position::Error(Phase::Active));
    assert_eq!(failed.clone().into_dynamic().position(), Position::Error(Phase::Active));
    assert_eq!(
        format!("{:?}", job::<Deleting>()).split_once(',').map(|(head, _)| head),
        Some("SyncJob { state: Deleting")
    );
}
