//! Arbitrary observation sequences through the per-job and fleet trackers: never a panic, and
//! the fleet judges each job exactly as a tracker of that job alone does.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use twinmaker_syncjob::lifecycle::{Policy, Stage};
use twinmaker_syncjob::model::{
    ApiError, ApiErrorKind, ErrorCode, ErrorDetails, Open, SyncJobArn, SyncJobSnapshot, SyncJobState, SyncJobStatus,
    SyncJobSummary, SyncRoleArn, SyncSource, Timestamp, WorkspaceId,
};
use twinmaker_syncjob::observe::{FleetTracker, JobKey, JobTracker, Observation};

#[derive(Arbitrary, Debug)]
enum Step {
    Snapshot { job: u8, state: u8, code: u8, created: i16, updated: i16, arn: u8, role: u8, details: bool },
    Summary { job: u8, state: u8, created: Option<i16>, updated: Option<i16> },
    Error { job: u8, kind: u8 },
}

#[derive(Arbitrary, Debug)]
struct Input {
    documented: bool,
    drop_edge: Option<(u8, u8)>,
    steps: Vec<Step>,
}

enum Owned {
    Snapshot(SyncJobSnapshot),
    Summary(SyncJobSummary),
    Error(ApiError),
}

fn state(n: u8) -> Option<Open<SyncJobState>> {
    match n % 8 {
        7 => None,
        6 => Open::parse("PAUSED").ok(),
        n => Some(Open::Known(SyncJobState::from_repr(n % 5)?)),
    }
}

fn time(offset: i16) -> Timestamp {
    Timestamp::from_unix_seconds(1_700_000_000 + i64::from(offset)).unwrap()
}

fn workspace(job: u8) -> WorkspaceId {
    WorkspaceId::parse(&format!("w{}", job % 4)).unwrap()
}

fn build(step: &Step) -> (u8, Owned) {
    match *step {
        Step::Snapshot { job, state: s, code, created, updated, arn, role, details } => {
            let codes = [
                ErrorCode::ValidationError,
                ErrorCode::SyncCreatingError,
                ErrorCode::SyncInitializingError,
                ErrorCode::SyncProcessingError,
                ErrorCode::SyncDeletingError,
            ];
            let code = codes.get(usize::from(code) % 6).map(|c| Open::Known(*c)).or_else(|| Open::parse("NEW").ok());
            let snapshot = SyncJobSnapshot {
                arn: SyncJobArn::parse(&format!("arn:aws:iottwinmaker:us-east-1:123456789012:workspace/w/{}", arn % 2))
                    .unwrap(),
                workspace_id: workspace(job),
                sync_source: Open::Known(SyncSource::Sitewise),
                sync_role: SyncRoleArn::parse(&format!("arn:aws:iam::123456789012:role/r{}", role % 2)).unwrap(),
                status: SyncJobStatus { state: state(s), error: details.then(|| ErrorDetails { code, message: None }) },
                creation_date_time: time(created / 64),
                update_date_time: time(updated),
            };
            (job % 4, Owned::Snapshot(snapshot))
        }
        Step::Summary { job, state: s, created, updated } => {
            let summary = SyncJobSummary {
                workspace_id: Some(workspace(job)),
                sync_source: Some(Open::Known(SyncSource::Sitewise)),
                status: Some(SyncJobStatus { state: state(s), error: None }),
                creation_date_time: created.map(|c| time(c / 64)),
                update_date_time: updated.map(time),
                ..SyncJobSummary::default()
            };
            (job % 4, Owned::Summary(summary))
        }
        Step::Error { job, kind } => {
            let kinds = [ApiErrorKind::ResourceNotFound, ApiErrorKind::Throttling, ApiErrorKind::InternalServer];
            let kind = kinds.get(usize::from(kind) % 3).copied().unwrap_or(ApiErrorKind::Throttling);
            (job % 4, Owned::Error(ApiError::new(kind, "")))
        }
    }
}

fuzz_target!(|input: Input| {
    let mut policy = if input.documented { Policy::DOCUMENTED } else { Policy::DEFAULT };
    if let Some((from, to)) = input.drop_edge {
        let (from, to) = (Stage::ALL[usize::from(from) % 6], Stage::ALL[usize::from(to) % 6]);
        policy = policy.without_edge(from, to);
    }
    let mut fleet = FleetTracker::new(policy.clone());
    let mut alone: Vec<JobTracker> = (0..4).map(|_| JobTracker::new(policy.clone())).collect();
    for step in input.steps.iter().take(512) {
        let (job, owned) = build(step);
        let observation = match &owned {
            Owned::Snapshot(s) => Observation::Snapshot(s),
            Owned::Summary(s) => Observation::Summary(s),
            Owned::Error(e) => Observation::Error(e),
        };
        let key = JobKey::new(workspace(job).as_str(), "SITEWISE");
        let in_fleet = fleet.observe_job(key, observation);
        let by_itself = alone[usize::from(job)].observe(observation);
        assert_eq!(in_fleet.change, by_itself.change);
        assert_eq!(in_fleet.violations, by_itself.violations);
        assert_eq!(in_fleet.warnings, by_itself.warnings);
        assert!(in_fleet.violations.len() <= 6);
    }
});
