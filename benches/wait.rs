//! Waiting for a sync job, on the simulator's virtual clock:
//!
//! - `simulated_wait/create_to_active_throttled`: a whole `wait_blocking` from a fresh
//!   CreateSyncJob to `ACTIVE`, with 30 % of calls throttled and 5 % failing (seeds 0 to 63 in
//!   turn; the setup, building the simulator and creating the job, is not timed);
//! - `waiter_core/per_attempt`: the sans-IO waiter alone, per attempt (response judged by the
//!   observation checker, backoff drawn, events drained), next to `decode/get_sync_job`: decoding
//!   one GetSyncJob response, which every real attempt also pays;
//! - `simulator/get_sync_job`: one GetSyncJob call on the simulator.
//!
//! Run with `cargo bench --bench wait`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use twinmaker_syncjob::decode::Decode;
use twinmaker_syncjob::encode::{Encode, Form};
use twinmaker_syncjob::model::{ApiError, ApiErrorKind, SyncJobSnapshot, SyncJobState};
use twinmaker_syncjob::transport::sim::{Faults, Simulator};
use twinmaker_syncjob::transport::{SyncJobId, wait_blocking};
use twinmaker_syncjob::waiter::{FixedJitter, Goal, Output, SeededJitter, Waiter, WaiterConfig};

type Setup = (Simulator, SyncJobId);

/// A simulator with throttling and internal errors, and a job just created in it.
fn created(seed: u64) -> Result<Setup, Box<dyn std::error::Error>> {
    let faults = Faults::none().with_throttling(0.3).with_internal_errors(0.05);
    let mut sim = Simulator::builder(seed).faults(faults).build()?;
    let job = SyncJobId::parse("plant", "SITEWISE")?;
    let role = sim.role();
    while sim.create_sync_job(&job, &role).is_err() {
        sim.advance(Duration::from_secs(1));
    }
    Ok((sim, job))
}

fn wait_until_active((mut sim, job): Setup, seed: u64) -> u32 {
    let mut clock = sim.clock();
    let config = WaiterConfig::new(Goal::Active, Duration::from_secs(3600));
    let Ok(config) = config else { return 0 };
    let outcome = wait_blocking(&mut sim, &mut clock, &job, config, SeededJitter::new(seed), |e| {
        black_box(e);
    });
    assert!(outcome.is_success(), "{outcome:?}");
    outcome.attempts()
}

fn simulated_wait(c: &mut Criterion) {
    // What one wait costs in attempts and virtual time, for the record.
    let (mut attempts, mut virtual_time) = (0u32, Duration::ZERO);
    for seed in 0..64 {
        let Ok(setup) = created(seed) else { return };
        let clock = setup.0.clock();
        let start = clock.elapsed();
        attempts += wait_until_active(setup, seed);
        virtual_time += clock.elapsed() - start;
    }
    eprintln!(
        "simulated_wait: {:.1} attempts and {:.0?} of virtual time per wait on average (seeds 0 to 63)",
        f64::from(attempts) / 64.0,
        virtual_time / 64
    );

    let mut group = c.benchmark_group("simulated_wait");
    let mut seed = 0u64;
    group.bench_function("create_to_active_throttled", |b| {
        b.iter_batched(
            || {
                seed = (seed + 1) % 64;
                (created(seed), seed)
            },
            |(setup, seed)| match setup {
                Ok(setup) => black_box(wait_until_active(setup, seed)),
                Err(_) => 0,
            },
            BatchSize::SmallInput,
        );
    });
    group.finish();
}

/// The same snapshot as the simulator serves it, in `state`.
fn snapshot(state: SyncJobState) -> Option<SyncJobSnapshot> {
    let (mut sim, job) = created(1).ok()?;
    let mut snapshot = sim.peek(&job)?;
    snapshot.status.state = Some(state.into());
    Some(snapshot)
}

fn waiter_core(c: &mut Criterion) {
    const ATTEMPTS: u32 = 100;
    let (Some(creating), Some(active)) = (snapshot(SyncJobState::Creating), snapshot(SyncJobState::Active)) else {
        return;
    };
    let throttled = ApiError::new(ApiErrorKind::Throttling, "Rate exceeded");
    let Ok(config) = WaiterConfig::new(Goal::Active, Duration::from_secs(365 * 24 * 3600)) else { return };

    let mut group = c.benchmark_group("waiter_core");
    group.throughput(Throughput::Elements(u64::from(ATTEMPTS)));
    // 99 attempts answered CREATING or throttled in turn, then ACTIVE: the waiter's whole work
    // per attempt, with no IO and no clock.
    group.bench_function("per_attempt", |b| {
        b.iter(|| {
            let t0 = Instant::now();
            let mut waiter = Waiter::new(config.clone(), FixedJitter::per_mille(500), t0);
            let mut now = t0;
            let mut events = 0usize;
            while let Some(output) = waiter.poll_output() {
                match output {
                    Output::GetSyncJob { attempt } if attempt >= ATTEMPTS => waiter.handle_response(now, Ok(&active)),
                    Output::GetSyncJob { attempt } if attempt % 2 == 0 => {
                        waiter.handle_response(now, Err(&throttled));
                    }
                    Output::GetSyncJob { .. } => waiter.handle_response(now, Ok(&creating)),
                    Output::Wait { until } => {
                        now = until;
                        waiter.handle_timeout(now);
                    }
                    Output::Done(outcome) => {
                        black_box(outcome);
                        break;
                    }
                }
                while let Some(event) = waiter.poll_event() {
                    events += 1;
                    black_box(event);
                }
            }
            events
        });
    });
    group.finish();

    let wire = creating.encode(Form::Wire);
    let mut group = c.benchmark_group("decode");
    group.throughput(Throughput::Elements(1));
    group.bench_function("get_sync_job", |b| b.iter(|| SyncJobSnapshot::decode(black_box(wire.as_bytes())).is_ok()));
    group.finish();
}

fn simulator(c: &mut Criterion) {
    let Ok((mut sim, job)) = created(3) else { return };
    let mut group = c.benchmark_group("simulator");
    group.throughput(Throughput::Elements(1));
    group.bench_function("get_sync_job", |b| {
        b.iter(|| {
            sim.advance(Duration::from_millis(10));
            black_box(sim.get_sync_job(&job).is_ok())
        });
    });
    group.finish();
}

fn config() -> Criterion {
    Criterion::default().sample_size(40).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(4))
}

criterion_group! {
    name = benches;
    config = config();
    targets = simulated_wait, waiter_core, simulator
}
criterion_main!(benches);
