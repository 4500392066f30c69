//! Steady-state observation handling allocates nothing: a counting global allocator watches
//! `JobTracker::observe` and `FleetTracker::observe` / `observe_job` for jobs already seen.
//!
//! This file holds a single test so that no other test thread allocates while it measures (the
//! counters are process-wide); each measurement is repeated and the smallest count kept, so an
//! allocation by the test harness itself cannot fail it, while an allocation by the code measured,
//! made on every run, still does. The snapshots are decoded before anything is counted.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "test helpers: a failed unwrap is a failed test")]

use std::alloc::System;
use std::hint::black_box;

use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};
use twinmaker_syncjob::decode::Decode;
use twinmaker_syncjob::lifecycle::Policy;
use twinmaker_syncjob::model::{ApiError, ApiErrorKind, ListSyncJobsPage, SyncJobSnapshot};
use twinmaker_syncjob::observe::{FleetTracker, JobKey, JobTracker, Observation};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// The fewest allocations (and reallocations) `body` made over three runs.
fn fewest_allocations(mut body: impl FnMut()) -> usize {
    (0..3)
        .map(|_| {
            let region = Region::new(GLOBAL);
            body();
            let change = region.change();
            change.allocations + change.reallocations
        })
        .min()
        .unwrap_or(usize::MAX)
}

/// A GetSyncJob response of job `workspace` in `state` (with `code` in ERROR), decoded.
fn snapshot(workspace: &str, state: &str, code: Option<&str>, created: u32, updated: u32) -> SyncJobSnapshot {
    let error = code.map_or(String::new(), |code| format!(r#", "error": {{"code": "{code}", "message": "m"}}"#));
    SyncJobSnapshot::decode_str(&format!(
        r#"{{"arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/{workspace}/sync-job/SITEWISE",
            "workspaceId": "{workspace}", "syncSource": "SITEWISE",
            "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
            "status": {{"state": "{state}"{error}}},
            "creationDateTime": {}, "updateDateTime": {}}}"#,
        1_672_531_200 + created,
        1_672_531_200 + updated
    ))
    .unwrap()
}

/// A trace that goes through every kind of verdict: first, stutter, step, skip, deletion,
/// recreation, API errors, an unknown state, warnings and violations.
fn every_kind_of_observation(workspace: &str) -> Vec<SyncJobSnapshot> {
    vec![
        snapshot(workspace, "CREATING", None, 0, 0),
        snapshot(workspace, "CREATING", None, 0, 10),
        snapshot(workspace, "INITIALIZING", None, 0, 20),
        snapshot(workspace, "ERROR", Some("SYNC_DELETING_ERROR"), 0, 30),
        snapshot(workspace, "DELETING", None, 0, 40),
        snapshot(workspace, "ACTIVE", None, 100, 110),
        snapshot(workspace, "PAUSED", None, 100, 120),
        snapshot(workspace, "ACTIVE", Some("NEW_CODE"), 100, 130),
        snapshot(workspace, "CREATING", None, 100, 125),
        snapshot(workspace, "ACTIVE", None, 50, 10),
        snapshot(workspace, "ERROR", None, 200, 200),
    ]
}

#[test]
fn steady_state_observation_allocates_nothing() {
    // The counter works: a box is seen.
    assert_eq!(fewest_allocations(|| drop(black_box(Box::new(7_u64)))), 1);

    let trace = every_kind_of_observation("plant");
    let not_found = ApiError::new(ApiErrorKind::ResourceNotFound, "not found");
    let throttled = ApiError::new(ApiErrorKind::Throttling, "slow down");
    let page = ListSyncJobsPage::decode_str(
        r#"{"syncJobSummaries": [
            {"workspaceId": "plant", "syncSource": "SITEWISE", "status": {"state": "DELETING"},
             "creationDateTime": 1672531400, "updateDateTime": 1672531500},
            {"workspaceId": "plant-0", "syncSource": "SITEWISE", "status": {"state": "ACTIVE"}}
        ]}"#,
    )
    .unwrap();

    for policy in [Policy::DEFAULT, Policy::DOCUMENTED] {
        let mut tracker = JobTracker::new(policy.clone());
        let mut verdicts = 0_usize;
        let job = fewest_allocations(|| {
            for snapshot in &trace {
                verdicts += black_box(tracker.observe(Observation::Snapshot(black_box(snapshot)))).violations.len();
                tracker.observe(Observation::Error(&throttled));
            }
            tracker.observe(Observation::Error(&not_found));
            for summary in &page.sync_job_summaries {
                black_box(tracker.observe(Observation::Summary(summary)));
            }
        });
        assert!(verdicts > 0, "the trace raised violations, so their path was measured too");
        assert_eq!(job, 0, "JobTracker::observe allocated ({policy:?})");

        // A fleet of 10,000 jobs, all seen once before counting.
        let jobs: Vec<Vec<SyncJobSnapshot>> =
            (0..10_000).map(|n| vec![snapshot(&format!("plant-{n}"), "ACTIVE", None, 0, 10)]).collect();
        let mut fleet = FleetTracker::new(policy.clone());
        for job in &jobs {
            fleet.observe(Observation::Snapshot(&job[0])).unwrap();
        }
        for snapshot in &trace {
            fleet.observe(Observation::Snapshot(snapshot)).unwrap();
        }
        let plant = JobKey::new("plant", "SITEWISE");
        let before = fleet.len();
        let fleet_allocations = fewest_allocations(|| {
            for job in &jobs {
                black_box(fleet.observe(Observation::Snapshot(black_box(&job[0]))).unwrap());
            }
            for snapshot in &trace {
                black_box(fleet.observe(Observation::Snapshot(snapshot)).unwrap());
                black_box(fleet.observe_job(plant, Observation::Error(&throttled)));
            }
            black_box(fleet.observe_job(plant, Observation::Error(&not_found)));
            for verdict in fleet.observe_page(&page) {
                black_box(verdict.unwrap());
            }
        });
        assert_eq!(fleet.len(), before, "only jobs already seen were observed");
        assert_eq!(fleet_allocations, 0, "FleetTracker::observe allocated ({policy:?})");

        // A job never seen takes room: the counter does see the fleet's own allocations.
        let newcomer = snapshot("newcomer", "CREATING", None, 0, 0);
        let mut small = FleetTracker::new(policy);
        let region = Region::new(GLOBAL);
        black_box(small.observe(Observation::Snapshot(&newcomer)).unwrap());
        assert!(region.change().allocations >= 1, "a new job's entry was counted");
    }
}
