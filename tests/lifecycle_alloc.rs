//! The lifecycle's hot-path queries allocate nothing: a counting global allocator watches them.
//!
//! This file holds a single test so that no other test thread allocates while it measures (the
//! counters are process-wide); each measurement is also repeated and the smallest count kept, so
//! an allocation by the test harness itself cannot fail it, while an allocation by the code
//! measured, made on every run, still does.

#![allow(clippy::unwrap_used, reason = "test helpers: a failed unwrap is a failed test")]

use std::alloc::System;
use std::hint::black_box;

use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};
use twinmaker_syncjob::lifecycle::{
    AnySyncJob, Creating, Policy, Position, Stage, SyncJob, classify_api_error, classify_error_code,
    classify_open_error_code,
};
use twinmaker_syncjob::model::{
    ApiError, ApiErrorKind, ErrorCode, Open, SyncJobArn, SyncJobSnapshot, SyncJobStatus, SyncRoleArn, SyncSource,
    Timestamp, WireEnum, WorkspaceId,
};

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

fn snapshot(state: &str) -> SyncJobSnapshot {
    SyncJobSnapshot {
        arn: SyncJobArn::parse("arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE")
            .unwrap(),
        workspace_id: WorkspaceId::parse("plant").unwrap(),
        sync_source: Open::Known(SyncSource::Sitewise),
        sync_role: SyncRoleArn::parse("arn:aws:iam::123456789012:role/TwinMakerSync").unwrap(),
        status: SyncJobStatus { state: Some(Open::parse(state).unwrap()), error: None },
        creation_date_time: Timestamp::from_unix_seconds(1_672_531_200).unwrap(),
        update_date_time: Timestamp::from_unix_seconds(1_672_531_260).unwrap(),
    }
}

#[test]
fn lifecycle_queries_allocate_nothing() {
    // The counter works: a box is seen.
    assert_eq!(fewest_allocations(|| drop(black_box(Box::new(7_u64)))), 1);

    let policies = [Policy::DEFAULT, Policy::DOCUMENTED, Policy::DEFAULT.with_edge(Stage::Error, Stage::Active)];
    let allows = fewest_allocations(|| {
        for policy in &policies {
            for from in Stage::ALL {
                for to in Stage::ALL {
                    black_box(black_box(policy).allows(black_box(from), black_box(to)));
                }
            }
        }
    });
    assert_eq!(allows, 0, "Policy::allows allocated");

    let route = fewest_allocations(|| {
        for policy in &policies {
            for from in Position::ALL {
                for to in Position::ALL {
                    black_box(black_box(policy).route(black_box(from), black_box(to)));
                }
            }
        }
    });
    assert_eq!(route, 0, "Policy::route allocated");

    let unknown_code: Open<ErrorCode> = Open::parse("SOMETHING_NEW").unwrap();
    let errors = [
        ApiError::new(ApiErrorKind::Throttling, "slow down"),
        ApiError { kind: Open::parse("BrandNewException").unwrap(), message: String::new(), http_status: Some(503) },
    ];
    let classify = fewest_allocations(|| {
        for code in ErrorCode::known_values() {
            black_box(classify_error_code(black_box(code)));
        }
        black_box(classify_open_error_code(black_box(&unknown_code)));
        for error in &errors {
            black_box(classify_api_error(black_box(error)));
        }
    });
    assert_eq!(classify, 0, "classification allocated");

    // Observing and a successful transition move the snapshots; they allocate nothing either.
    let mut inputs: Vec<_> = (0..3).map(|_| (snapshot("CREATING"), snapshot("INITIALIZING"))).collect();
    let mut transitions = 0;
    let typestate = fewest_allocations(|| {
        if let Some((first, next)) = inputs.pop()
            && let Ok(any) = AnySyncJob::observe(first)
            && let Ok(job) = SyncJob::<Creating>::try_from(any)
            && let Ok(job) = job.initializing(next)
        {
            transitions += usize::from(black_box(job).position() == Position::Initializing);
        }
    });
    assert_eq!(transitions, 3, "every run took the transition");
    assert_eq!(typestate, 0, "observing or a transition allocated");
}
