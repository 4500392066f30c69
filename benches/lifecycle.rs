//! The cost of the lifecycle's hot-path queries: a transition check ([`Policy::allows`]) and a
//! reachability query ([`Policy::route`]). Each is a table lookup; the goal is under 5 ns
//! per call, with no allocation (checked by `tests/lifecycle_alloc.rs`).
//!
//! Two shapes per query, both with every input behind `black_box` so nothing is folded at compile
//! time:
//! - `one_call`: a single call per iteration, cycling through every pair of inputs (the time
//!   includes advancing the cycle);
//! - `all_pairs`: every pair in one iteration (36 stage pairs, 100 position pairs); criterion
//!   reports the throughput in calls per second.
//!
//! Run with `cargo bench --bench lifecycle`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use twinmaker_syncjob::lifecycle::{Policy, Position, Stage};

fn stage_pairs() -> Vec<(Stage, Stage)> {
    Stage::ALL.into_iter().flat_map(|from| Stage::ALL.into_iter().map(move |to| (from, to))).collect()
}

fn position_pairs() -> Vec<(Position, Position)> {
    Position::ALL.into_iter().flat_map(|from| Position::ALL.into_iter().map(move |to| (from, to))).collect()
}

fn allows(c: &mut Criterion) {
    let pairs = stage_pairs();
    let mut group = c.benchmark_group("policy_allows");
    for (name, policy) in [("default", Policy::DEFAULT), ("documented", Policy::DOCUMENTED)] {
        group.throughput(Throughput::Elements(1));
        group.bench_function(format!("{name}/one_call"), |b| {
            let mut pairs = pairs.iter().copied().cycle();
            b.iter(|| {
                let (from, to) = pairs.next().unwrap_or((Stage::Creating, Stage::Creating));
                black_box(&policy).allows(black_box(from), black_box(to))
            });
        });
        group.throughput(Throughput::Elements(pairs.len() as u64));
        group.bench_function(format!("{name}/all_pairs"), |b| {
            b.iter(|| {
                let policy = black_box(&policy);
                let mut allowed = 0_u32;
                for &(from, to) in black_box(pairs.as_slice()) {
                    allowed += u32::from(policy.allows(black_box(from), black_box(to)));
                }
                allowed
            });
        });
    }
    group.finish();
}

fn route(c: &mut Criterion) {
    let pairs = position_pairs();
    let mut group = c.benchmark_group("policy_route");
    for (name, policy) in [("default", Policy::DEFAULT), ("documented", Policy::DOCUMENTED)] {
        group.throughput(Throughput::Elements(1));
        group.bench_function(format!("{name}/one_call"), |b| {
            let mut pairs = pairs.iter().copied().cycle();
            b.iter(|| {
                let (from, to) = pairs.next().unwrap_or((Position::Creating, Position::Creating));
                black_box(&policy).route(black_box(from), black_box(to))
            });
        });
        group.throughput(Throughput::Elements(pairs.len() as u64));
        group.bench_function(format!("{name}/all_pairs"), |b| {
            b.iter(|| {
                let policy = black_box(&policy);
                let mut legal = 0_u32;
                for &(from, to) in black_box(pairs.as_slice()) {
                    legal += u32::from(black_box(policy.route(black_box(from), black_box(to))).is_legal());
                }
                legal
            });
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    targets = allows, route
}
criterion_main!(benches);
