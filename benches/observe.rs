//! The cost of judging observations: time per observation of an already-decoded
//! snapshot for a [`JobTracker`] and for a [`FleetTracker`] of 10,000 jobs (goal: at most 50 ns),
//! and the memory of a [`FleetTracker`] holding 1,000,000 distinct jobs (goal: at most 128 bytes
//! per job, peak), measured with a counting global allocator in this binary.
//!
//! Shapes, with every input decoded before the clock starts:
//! - `job_tracker/stutter`: the same ACTIVE snapshot again and again (what a poller mostly sees);
//! - `job_tracker/lifecycle`: a legal trace of 1,000 incarnations (CREATING, INITIALIZING,
//!   ACTIVE, a summary, a throttling error, DELETING, not found), judged from the start;
//! - `fleet_10k/observe`: one stutter snapshot of each of 10,000 jobs, the key found from the
//!   snapshot's `workspaceId` and `syncSource`;
//! - `fleet_10k/observe_job`: the same with the key computed beforehand.
//!
//! Each verdict is consumed as a poller would: its change and whether it is clean go through
//! `black_box` (not the whole 176-byte verdict, whose copy would be measured instead). Criterion
//! reports the time per iteration and the throughput in observations per second (ns per
//! observation is its inverse). The memory figures are printed first. Run with
//! `cargo bench --bench observe`.

#![allow(
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "benchmark setup: a failure is a broken benchmark, not a figure"
)]

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Duration;

use cap::Cap;
use criterion::{BatchSize, Criterion, Throughput, criterion_group};
use twinmaker_syncjob::decode::Decode;
use twinmaker_syncjob::lifecycle::Policy;
use twinmaker_syncjob::model::{ApiError, ApiErrorKind, ListSyncJobsPage, SyncJobSnapshot};
use twinmaker_syncjob::observe::{FleetTracker, JobKey, JobTracker, Observation, Verdict};

#[global_allocator]
static ALLOCATOR: Cap<std::alloc::System> = Cap::new(std::alloc::System, usize::MAX);

const EPOCH: u64 = 1_672_531_200;

/// Reads what a poller reads of a verdict.
fn consume(verdict: &Verdict) {
    black_box(verdict.change);
    black_box(verdict.is_clean());
}

fn snapshot(workspace: &str, state: &str, created: u64, updated: u64) -> SyncJobSnapshot {
    SyncJobSnapshot::decode_str(&format!(
        r#"{{"arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/{workspace}/sync-job/SITEWISE",
            "workspaceId": "{workspace}", "syncSource": "SITEWISE",
            "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
            "status": {{"state": "{state}"}}, "creationDateTime": {}, "updateDateTime": {}}}"#,
        EPOCH + created,
        EPOCH + updated
    ))
    .expect("a valid snapshot")
}

/// One observation of a legal trace, owned.
enum Owned {
    Snapshot(SyncJobSnapshot),
    Page(ListSyncJobsPage),
    Error(ApiError),
}

impl Owned {
    fn observation(&self) -> Observation<'_> {
        match self {
            Self::Snapshot(s) => Observation::Snapshot(s),
            Self::Page(page) => Observation::Summary(&page.sync_job_summaries[0]),
            Self::Error(e) => Observation::Error(e),
        }
    }
}

/// A legal trace of `incarnations` incarnations of one job, seven observations each.
fn lifecycle_trace(incarnations: u64) -> Vec<Owned> {
    let mut trace = Vec::new();
    for n in 0..incarnations {
        let t = n * 100;
        trace.push(Owned::Snapshot(snapshot("plant", "CREATING", t, t)));
        trace.push(Owned::Snapshot(snapshot("plant", "INITIALIZING", t, t + 10)));
        trace.push(Owned::Snapshot(snapshot("plant", "ACTIVE", t, t + 20)));
        let page = format!(
            r#"{{"syncJobSummaries": [{{"workspaceId": "plant", "syncSource": "SITEWISE", "status": {{"state": "ACTIVE"}},
                "creationDateTime": {}, "updateDateTime": {}}}]}}"#,
            EPOCH + t,
            EPOCH + t + 20
        );
        trace.push(Owned::Page(ListSyncJobsPage::decode_str(&page).expect("a valid page")));
        trace.push(Owned::Error(ApiError::new(ApiErrorKind::Throttling, "Rate exceeded")));
        trace.push(Owned::Snapshot(snapshot("plant", "DELETING", t, t + 30)));
        trace.push(Owned::Error(ApiError::new(ApiErrorKind::ResourceNotFound, "not found")));
    }
    trace
}

fn job_tracker(c: &mut Criterion) {
    let mut group = c.benchmark_group("job_tracker");
    for (name, policy) in [("default", Policy::DEFAULT), ("documented", Policy::DOCUMENTED)] {
        let active = snapshot("plant", "ACTIVE", 0, 10);
        let mut tracker = JobTracker::new(policy.clone());
        tracker.observe(Observation::Snapshot(&active));
        group.throughput(Throughput::Elements(1));
        group.bench_function(format!("{name}/stutter"), |b| {
            b.iter(|| consume(&tracker.observe(Observation::Snapshot(black_box(&active)))));
        });

        let trace = lifecycle_trace(1_000);
        group.throughput(Throughput::Elements(trace.len() as u64));
        group.bench_function(format!("{name}/lifecycle"), |b| {
            b.iter_batched_ref(
                || JobTracker::new(policy.clone()),
                |tracker| {
                    for owned in &trace {
                        consume(&tracker.observe(black_box(owned.observation())));
                    }
                },
                BatchSize::SmallInput,
            );
        });
    }
    group.finish();
}

fn fleet(c: &mut Criterion) {
    const JOBS: usize = 10_000;
    let snapshots: Vec<SyncJobSnapshot> = (0..JOBS).map(|n| snapshot(&format!("plant-{n}"), "ACTIVE", 0, 10)).collect();
    let keys: Vec<JobKey> = snapshots.iter().map(JobKey::of_snapshot).collect();
    let mut group = c.benchmark_group("fleet_10k");
    group.throughput(Throughput::Elements(JOBS as u64));
    for (name, policy) in [("default", Policy::DEFAULT), ("documented", Policy::DOCUMENTED)] {
        let mut fleet = FleetTracker::new(policy);
        for s in &snapshots {
            fleet.observe(Observation::Snapshot(s)).expect("a snapshot names its job");
        }
        group.bench_function(format!("{name}/observe"), |b| {
            b.iter(|| {
                for s in &snapshots {
                    if let Ok((key, verdict)) = fleet.observe(Observation::Snapshot(black_box(s))) {
                        black_box(key);
                        consume(&verdict);
                    }
                }
            });
        });
        group.bench_function(format!("{name}/observe_job"), |b| {
            b.iter(|| {
                for (key, s) in keys.iter().zip(&snapshots) {
                    consume(&fleet.observe_job(black_box(*key), Observation::Snapshot(black_box(s))));
                }
            });
        });
    }
    group.finish();
}

/// Fills a fleet with `jobs` distinct jobs (one snapshot each, keyed by a workspace name written
/// into a reused buffer, so the loop itself allocates nothing) and reports resident and peak bytes
/// per job. The peak is the allocator's high-water mark, so a fleet measured later must not peak
/// lower than one measured before: the pre-sized fleet comes first.
fn memory(jobs: usize) {
    let active = snapshot("plant", "ACTIVE", 0, 10);
    let mut name = String::with_capacity(32);
    for (label, presized) in [("FleetTracker::with_capacity(n)", true), ("FleetTracker::new (growing)", false)] {
        let before = ALLOCATOR.allocated();
        let peak_before = ALLOCATOR.max_allocated();
        let mut fleet = if presized {
            FleetTracker::with_capacity(Policy::DEFAULT, jobs)
        } else {
            FleetTracker::new(Policy::DEFAULT)
        };
        for n in 0..jobs {
            name.clear();
            let _ = write!(name, "plant-{n}");
            fleet.observe_job(JobKey::new(&name, "SITEWISE"), Observation::Snapshot(&active));
        }
        assert_eq!(fleet.len(), jobs);
        let resident = ALLOCATOR.allocated() - before;
        let peak = ALLOCATOR.max_allocated().saturating_sub(before);
        let exact = ALLOCATOR.max_allocated() > peak_before;
        println!(
            "memory/{label}: {jobs} jobs, resident {:.1} bytes/job, peak {:.1} bytes/job{} (goal: at most 128)",
            resident as f64 / jobs as f64,
            peak as f64 / jobs as f64,
            if exact { "" } else { " (an upper bound: an earlier peak was higher)" },
        );
        drop(black_box(fleet));
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().measurement_time(Duration::from_secs(3)).warm_up_time(Duration::from_secs(1));
    targets = job_tracker, fleet
}

fn main() {
    // Under `cargo test --benches` (criterion's test mode) a smaller fleet keeps the run short.
    let test_mode = std::env::args().any(|arg| arg == "--test");
    memory(if test_mode { 10_000 } else { 1_000_000 });
    benches();
    Criterion::default().configure_from_args().final_summary();
}
