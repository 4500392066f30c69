//! Hostile input: each case gives a clear error or result within a bounded amount of memory.
//!
//! Each case runs in a child process of this test binary (the test re-runs itself with one case
//! selected), so the allocator's peak is that case's alone; the parent asserts the bound.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, reason = "test code")]

use std::io::{BufReader, Read};
use std::process::Command;

use cap::Cap;
use twinmaker_syncjob::check::{CheckOptions, Checker};
use twinmaker_syncjob::decode::{Decode, DecodeErrorKind, DecodeOptions, Document, decode_api_error};

#[global_allocator]
static ALLOCATOR: Cap<std::alloc::System> = Cap::new(std::alloc::System, usize::MAX);

const MIB: usize = 1 << 20;
const CASE: &str = "HOSTILE_CASE";

/// Runs `case` in a child process and returns its peak allocation in bytes, which it also prints
/// (`cargo test --test hostile -- --nocapture` shows the figures of `docs/reliability.md`).
fn peak_of(case: &str) -> usize {
    let output = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "child", "--nocapture", "--test-threads", "1"])
        .env(CASE, case)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{case}: {stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    let peak = stdout
        .lines()
        .find_map(|line| line.split("peak=").nth(1))
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .unwrap_or_else(|| panic!("{case}: no peak reported\n{stdout}"))
        .parse()
        .unwrap();
    println!("{case}: peak {peak} bytes");
    peak
}

/// The child: runs the case named by the environment, then reports the peak.
#[test]
fn child() {
    let Ok(case) = std::env::var(CASE) else { return };
    match case.as_str() {
        "long_line" => long_line(),
        "deep_nesting" => deep_nesting(),
        "million_keys" => million_keys(),
        "huge_error_message" => huge_error_message(),
        "blank_lines" => blank_lines(),
        "single_job_trace_100k" => single_job_trace(100_000),
        "single_job_trace_10m" => single_job_trace(10_000_000),
        other => panic!("unknown case {other}"),
    }
    println!("peak={}", ALLOCATOR.max_allocated());
}

/// A 100 MB single line, streamed (never held): reported as too large, and skipped.
fn long_line() {
    let input = std::io::repeat(b'x').take(100_000_000).chain(&b"\n{\"state\": \"ACTIVE\"}\n"[..]);
    let mut checker = Checker::new(CheckOptions::default());
    checker.check_reader("-", BufReader::new(input)).unwrap();
    let report = checker.finish();
    assert_eq!(report.summary.lines, 2);
    assert_eq!(report.malformed.len(), 2, "the long line, then a DeleteSyncJob response that is no observation");
    assert!(report.malformed[0].message.contains("100000000 bytes"), "{}", report.malformed[0].message);
}

/// 10,000 levels of nesting: the parser's depth limit, not the stack, stops it.
fn deep_nesting() {
    let mut input = String::from(r#"{"state": "ACTIVE", "extra": "#);
    input.push_str(&"[".repeat(10_000));
    input.push_str(&"]".repeat(10_000));
    input.push('}');
    let err = Document::decode(input.as_bytes()).unwrap_err();
    assert_eq!(err.kind(), &DecodeErrorKind::TooDeep);
}

/// A million keys: refused by the size limit by default; skipped without allocation per key when
/// the limit is raised.
fn million_keys() {
    let mut input = String::from(r#"{"state": "ACTIVE""#);
    for i in 0..1_000_000 {
        input.push_str(&format!(r#","k{i}":{i}"#));
    }
    input.push('}');
    let err = Document::decode(input.as_bytes()).unwrap_err();
    assert!(matches!(err.kind(), DecodeErrorKind::TooLarge { .. }));
    let raised = DecodeOptions::new().max_document_bytes(usize::MAX);
    let doc = Document::decode_with(input.as_bytes(), &raised).unwrap();
    assert!(matches!(doc, Document::Deleted(_)));
}

/// A 10 MB error message: refused by the size limit by default; held once when raised.
fn huge_error_message() {
    let mut input = String::with_capacity(10_000_064);
    input.push_str(r#"{"__type": "ValidationException", "message": ""#);
    input.extend(std::iter::repeat_n('m', 10_000_000));
    input.push_str(r#""}"#);
    let err = decode_api_error(input.as_bytes()).unwrap_err();
    assert!(matches!(err.kind(), DecodeErrorKind::TooLarge { .. }));
    let raised = DecodeOptions::new().max_document_bytes(usize::MAX);
    let error = twinmaker_syncjob::model::ApiError::decode_with(input.as_bytes(), &raised).unwrap();
    assert_eq!(error.message.len(), 10_000_000);
}

/// Ten million blank lines: counted, nothing kept.
fn blank_lines() {
    let input = std::io::repeat(b'\n').take(10_000_000);
    let mut checker = Checker::new(CheckOptions::default());
    checker.check_reader("-", BufReader::new(input)).unwrap();
    let report = checker.finish();
    assert_eq!(report.summary.lines, 10_000_000);
    assert!(report.jobs.is_empty() && report.malformed.is_empty());
}

/// A generated single-job polling trace of `lines` lines, streamed.
struct Trace {
    next: u64,
    lines: u64,
    line: Vec<u8>,
    at: usize,
}

impl Read for Trace {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.at == self.line.len() {
            if self.next == self.lines {
                return Ok(0);
            }
            let state = match self.next {
                0..=9 => "CREATING",
                10..=99 => "INITIALIZING",
                _ => "ACTIVE",
            };
            let updated = 1_700_000_000 + self.next.min(100) * 30;
            self.line = format!(
                r#"{{"arn":"arn:aws:iottwinmaker:us-east-1:123456789012:workspace/w1/sync-job/SITEWISE","workspaceId":"w1","syncSource":"SITEWISE","syncRole":"arn:aws:iam::123456789012:role/r","status":{{"state":"{state}"}},"creationDateTime":1700000000,"updateDateTime":{updated}}}"#
            )
            .into_bytes();
            self.line.push(b'\n');
            self.at = 0;
            self.next += 1;
        }
        let n = buf.len().min(self.line.len() - self.at);
        buf[..n].copy_from_slice(&self.line[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

fn single_job_trace(lines: u64) {
    let mut checker = Checker::new(CheckOptions::default());
    checker.check_reader("-", BufReader::new(Trace { next: 0, lines, line: Vec::new(), at: 0 })).unwrap();
    let report = checker.finish();
    assert_eq!(report.summary.lines, lines);
    assert_eq!(report.summary.violations, 0);
    assert_eq!(report.jobs[0].transitions.len(), 2);
}

#[test]
fn a_100_mb_line_is_refused_in_bounded_memory() {
    let peak = peak_of("long_line");
    assert!(peak < 4 * MIB, "peak {peak} bytes");
}

#[test]
fn deep_nesting_is_refused_in_bounded_memory() {
    let peak = peak_of("deep_nesting");
    assert!(peak < MIB, "peak {peak} bytes");
}

#[test]
fn a_million_keys_cost_no_memory_per_key() {
    // The input itself is about 14 MB; decoding adds little to it.
    let peak = peak_of("million_keys");
    assert!(peak < 32 * MIB, "peak {peak} bytes");
}

#[test]
fn a_10_mb_error_message_is_refused_or_held_once() {
    // The input is 10 MB; the decoded message is one more copy.
    let peak = peak_of("huge_error_message");
    assert!(peak < 24 * MIB, "peak {peak} bytes");
}

#[test]
fn ten_million_blank_lines_keep_nothing() {
    let peak = peak_of("blank_lines");
    assert!(peak < MIB, "peak {peak} bytes");
}

#[test]
fn check_memory_is_flat_on_a_ten_million_line_single_job_trace() {
    let small = peak_of("single_job_trace_100k");
    let large = peak_of("single_job_trace_10m");
    assert!(large < MIB, "peak {large} bytes");
    assert!(large <= small + 64 * 1024, "100k lines: {small} bytes, 10M lines: {large} bytes");
}
