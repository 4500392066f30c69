//! Arbitrary bytes as a JSON Lines trace through the `check` line reader and checker: never a
//! panic; every line is counted once; the report serializes.
#![no_main]

use std::io::{BufReader, Cursor};

use libfuzzer_sys::fuzz_target;
use twinmaker_syncjob::check::{CheckOptions, Checker};
use twinmaker_syncjob::decode::DecodeOptions;

fuzz_target!(|data: &[u8]| {
    let (strict, rest) = match data.split_first() {
        Some((flag, rest)) => (flag & 1 == 1, rest),
        None => (false, data),
    };
    let capacity = usize::from(data.first().copied().unwrap_or(0) >> 1).max(1);
    let options =
        CheckOptions { strict, decode: DecodeOptions::new().max_document_bytes(256), ..CheckOptions::default() };
    let mut checker = Checker::new(options);
    checker.check_reader("fuzz", BufReader::with_capacity(capacity, Cursor::new(rest))).unwrap();
    let report = checker.finish();
    let newlines = rest.iter().filter(|b| **b == b'\n').count() as u64;
    let expected = if rest.last().is_some_and(|b| *b != b'\n') { newlines + 1 } else { newlines };
    assert_eq!(report.summary.lines, expected);
    serde_json::from_str::<serde_json::Value>(&report.to_json()).unwrap();
});
