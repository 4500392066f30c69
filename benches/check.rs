//! `syncjob check`'s core on a generated 1,000,000-line trace of 10,000 jobs, against a plain loop
//! that only parses each line with serde_json into a derive struct, in the same run.
//!
//! Run: `cargo bench --bench check` (prints MB/s for both and the ratio).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "benchmark code")]

use std::hint::black_box;
use std::io::{BufRead, Cursor};
use std::time::{Duration, Instant};

use twinmaker_syncjob::check::{CheckOptions, Checker};

#[path = "support/trace.rs"]
mod trace;

#[path = "support/plain.rs"]
#[allow(dead_code, reason = "the page types serve the decode benchmark")]
mod plain;
use plain::PlainSnapshot;

fn best_of(runs: usize, mut f: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` runs it once on a small trace.
    let quick = !std::env::args().any(|a| a == "--bench");
    let (lines, jobs, runs) = if quick { (10_000, 100, 1) } else { (1_000_000, 10_000, 5) };
    let mut data = Vec::new();
    trace::write_trace(&mut data, lines, jobs).unwrap();
    let mb = data.len() as f64 / 1e6;

    let run_plain = || {
        for line in Cursor::new(&data).lines() {
            let parsed: PlainSnapshot = serde_json::from_str(&line.unwrap()).unwrap();
            black_box(parsed);
        }
    };
    let run_check = || {
        let mut checker = Checker::new(CheckOptions::default());
        checker.check_reader("bench", Cursor::new(&data)).unwrap();
        let report = checker.finish();
        assert_eq!(report.summary.violations, 0);
        assert_eq!(report.summary.jobs, jobs);
        black_box(report);
    };
    // Interleaved, best of `runs` each: on a shared machine both meet the same load.
    let (mut plain, mut check) = (Duration::MAX, Duration::MAX);
    // `PROFILE_CHECK=1` runs only the checker, for a profiler.
    let profile = std::env::var_os("PROFILE_CHECK").is_some();
    for _ in 0..runs {
        if !profile {
            plain = plain.min(best_of(1, run_plain));
        }
        check = check.min(best_of(1, run_check));
    }
    let rate = |d: Duration| mb / d.as_secs_f64();
    println!("trace: {lines} lines, {jobs} jobs, {mb:.1} MB");
    println!("plain serde_json derive loop: {:>8.1} MB/s ({:?})", rate(plain), plain);
    println!("check (decode + validate + judge + report): {:>8.1} MB/s ({:?})", rate(check), check);
    println!("ratio check / plain: {:.2}", rate(check) / rate(plain));
}
