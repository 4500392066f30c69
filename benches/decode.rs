//! Decoding throughput, compared in the same run with two baselines:
//!
//! - `serde_json_value`: `serde_json::from_slice::<serde_json::Value>`, what users who poke at
//!   untyped JSON pay;
//! - `serde_derive_plain`: a plain `#[derive(Deserialize)]` struct with `String` fields and `f64`
//!   timestamps, which checks nothing beyond JSON types.
//!
//! `twinmaker_syncjob` validates every identifier against the model, normalises timestamps and
//! tracks field paths for errors; the goal is at least 0.8x the throughput of
//! `serde_derive_plain` and at least 1.5x that of `serde_json_value`.
//!
//! Each payload is measured twice: the three contenders one after the other (criterion's usual
//! way), then interleaved (see [`interleaved`]), whose ratios hold on a machine shared with other
//! work. Run with `cargo bench --bench decode`; results and the machine are recorded in
//! `docs/performance.md`.
//!
//! With `PROFILE_DECODE` set, the binary skips criterion and decodes `get_sync_job_active` with
//! one contender only, for an instruction counter (see [`profile`] and `scripts/instructions.sh`).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group};
use twinmaker_syncjob::decode::Decode;
use twinmaker_syncjob::model::{ListSyncJobsPage, SyncJobArn, SyncJobSnapshot, SyncRoleArn, WorkspaceId};

/// A GetSyncJob response as the service sends it: compact JSON, epoch seconds with milliseconds.
const GET_SYNC_JOB_ACTIVE: &[u8] = include_bytes!("../tests/fixtures/get_sync_job/wire_fraction.json");
/// The same shape in `ERROR`, with error details: every field of the model present.
const GET_SYNC_JOB_ERROR: &[u8] = include_bytes!("../tests/fixtures/get_sync_job/wire_error.json");

#[path = "support/plain.rs"]
mod plain;
use plain::{PlainPage, PlainSnapshot};

/// A ListSyncJobs page of 50 summaries (the model's default `maxResults`), in the wire form, with
/// a mix of states, some with error details.
fn list_page_50() -> Vec<u8> {
    let states = ["ACTIVE", "CREATING", "INITIALIZING", "ERROR", "DELETING"];
    let summaries: Vec<String> = (0..50_u64)
        .zip(states.iter().cycle())
        .map(|(i, state)| {
            let status = if *state == "ERROR" {
                format!(
                    r#"{{"state":"ERROR","error":{{"code":"SYNC_PROCESSING_ERROR","message":"Asset model {i} could not be synced; the sync job retries."}}}}"#
                )
            } else {
                format!(r#"{{"state":"{state}"}}"#)
            };
            let created = 1_710_408_413_589_u64 + i * 3_600_007;
            let updated = created + 86_400_123;
            format!(
                r#"{{"arn":"arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant-floor-{i}/sync-job/SITEWISE","workspaceId":"plant-floor-{i}","syncSource":"SITEWISE","status":{status},"creationDateTime":{}.{:03},"updateDateTime":{}.{:03}}}"#,
                created / 1000,
                created % 1000,
                updated / 1000,
                updated % 1000
            )
        })
        .collect();
    format!(r#"{{"syncJobSummaries":[{}],"nextToken":"AYADeFtT7d0kQzLx0m3P9b8gEXAMPLEtoken=="}}"#, summaries.join(","))
        .into_bytes()
}

/// One contender: its name and a closure that decodes the payload once.
type Contender<'a> = (&'static str, &'a dyn Fn());

/// Benchmarks the contenders on one payload twice: one after the other, as criterion does by
/// default (group `<name>`), and interleaved (group `<name>_interleaved`, see [`interleaved`]).
fn compare(c: &mut Criterion, group_name: &str, payload_len: usize, contenders: &[Contender<'_>; 3]) {
    let mut group = c.benchmark_group(group_name);
    group.throughput(Throughput::Bytes(payload_len as u64));
    for (name, run) in contenders {
        group.bench_function(*name, |b| b.iter(run));
    }
    group.finish();

    let mut group = c.benchmark_group(format!("{group_name}_interleaved"));
    group.throughput(Throughput::Bytes(payload_len as u64));
    for (me, (name, _)) in contenders.iter().enumerate() {
        group.bench_function(*name, |b| b.iter_custom(|iters| interleaved(iters, me, contenders)));
    }
    group.finish();
}

/// Runs `iters` decodes of contender `me` in blocks, each block followed by blocks of the same
/// size of the other contenders (in rotating order), and returns the time spent in `me`'s blocks.
///
/// On a shared machine the load changes from one second to the next; measured one after the other,
/// the contenders each see a different load and their ratio means little. Interleaved every few
/// dozen microseconds, they see the same load, so the ratios hold even when the absolute times do
/// not. The conditions differ from a tight loop, though: each block starts after the others' code
/// and allocations, which costs the allocation-heavy contenders more.
fn interleaved(iters: u64, me: usize, contenders: &[Contender<'_>; 3]) -> Duration {
    const BLOCK: u64 = 64;
    let mut mine = Duration::ZERO;
    let mut done = 0;
    let mut first = 0;
    while done < iters {
        let n = BLOCK.min(iters - done);
        let order = contenders.iter().enumerate().cycle().skip(first % contenders.len()).take(contenders.len());
        for (i, (_, run)) in order {
            let start = Instant::now();
            for _ in 0..n {
                run();
            }
            if i == me {
                mine += start.elapsed();
            }
        }
        first += 1;
        done += n;
    }
    mine
}

/// The three contenders on one GetSyncJob payload, shared by the benchmark and [`profile`].
fn snapshot_ours(payload: &[u8]) {
    drop(black_box(SyncJobSnapshot::decode(black_box(payload))));
}

fn snapshot_value(payload: &[u8]) {
    drop(black_box(serde_json::from_slice::<serde_json::Value>(black_box(payload))));
}

fn snapshot_plain(payload: &[u8]) {
    drop(black_box(serde_json::from_slice::<PlainSnapshot>(black_box(payload))));
}

fn snapshot_group(c: &mut Criterion, name: &str, payload: &'static [u8]) {
    // Every contender must accept the payload, or the comparison means nothing.
    assert!(SyncJobSnapshot::decode(payload).is_ok(), "{name}: twinmaker_syncjob rejects the payload");
    assert!(serde_json::from_slice::<serde_json::Value>(payload).is_ok());
    assert!(serde_json::from_slice::<PlainSnapshot>(payload).is_ok());
    compare(
        c,
        name,
        payload.len(),
        &[
            ("twinmaker_syncjob", &|| snapshot_ours(payload)),
            ("serde_json_value", &|| snapshot_value(payload)),
            ("serde_derive_plain", &|| snapshot_plain(payload)),
        ],
    );
}

fn get_sync_job(c: &mut Criterion) {
    snapshot_group(c, "get_sync_job_active", GET_SYNC_JOB_ACTIVE);
    snapshot_group(c, "get_sync_job_error", GET_SYNC_JOB_ERROR);
}

fn list_sync_jobs(c: &mut Criterion) {
    let payload = list_page_50();
    let decoded = ListSyncJobsPage::decode(&payload).map(|page| page.sync_job_summaries.len());
    assert_eq!(decoded.ok(), Some(50), "twinmaker_syncjob rejects the page");
    assert!(serde_json::from_slice::<serde_json::Value>(&payload).is_ok());
    assert!(serde_json::from_slice::<PlainPage>(&payload).is_ok());
    let payload = payload.as_slice();
    compare(
        c,
        "list_sync_jobs_50",
        payload.len(),
        &[
            ("twinmaker_syncjob", &|| drop(black_box(ListSyncJobsPage::decode(black_box(payload))))),
            ("serde_json_value", &|| drop(black_box(serde_json::from_slice::<serde_json::Value>(black_box(payload))))),
            ("serde_derive_plain", &|| drop(black_box(serde_json::from_slice::<PlainPage>(black_box(payload))))),
        ],
    );
}

fn config() -> Criterion {
    Criterion::default().warm_up_time(Duration::from_secs(2)).measurement_time(Duration::from_secs(5))
}

criterion_group! {
    name = benches;
    config = config();
    targets = get_sync_job, list_sync_jobs
}

/// `PROFILE_DECODE=CONTENDER` with `PROFILE_DECODES=N` (default 20,000): decodes
/// `get_sync_job_active` N times with one contender and nothing else. Contenders: `ours`, `value`
/// (`serde_json::Value`), `plain` (the plain derive), and `ids` (only parsing the payload's three
/// identifiers, `arn`, `workspaceId` and `syncRole`, from strings into owned values). Run under
/// `valgrind --tool=callgrind` with N and with 0, the difference over N is the instructions of one
/// decode; `scripts/instructions.sh` does exactly that.
fn profile(contender: &str, n: u64) -> Result<(), String> {
    let payload = GET_SYNC_JOB_ACTIVE;
    let snapshot = SyncJobSnapshot::decode(payload).map_err(|e| e.to_string())?;
    let (arn, workspace, role) =
        (snapshot.arn.to_string(), snapshot.workspace_id.to_string(), snapshot.sync_role.to_string());
    let run: &dyn Fn() = match contender {
        "ours" => &|| snapshot_ours(payload),
        "value" => &|| snapshot_value(payload),
        "plain" => &|| snapshot_plain(payload),
        "ids" => &|| {
            drop(black_box(SyncJobArn::parse(black_box(&arn))));
            drop(black_box(WorkspaceId::parse(black_box(&workspace))));
            drop(black_box(SyncRoleArn::parse(black_box(&role))));
        },
        other => return Err(format!("PROFILE_DECODE={other}: expected ours, value, plain or ids")),
    };
    for _ in 0..n {
        run();
    }
    Ok(())
}

fn main() {
    if let Some(contender) = std::env::var_os("PROFILE_DECODE") {
        let n = std::env::var("PROFILE_DECODES").map_or(Ok(20_000), |n| n.parse::<u64>());
        let result =
            n.map_err(|e| format!("PROFILE_DECODES: {e}")).and_then(|n| profile(&contender.to_string_lossy(), n));
        if let Err(message) = result {
            eprintln!("{message}");
            std::process::exit(2);
        }
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
