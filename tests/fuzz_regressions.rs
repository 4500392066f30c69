//! Inputs the fuzzers found, kept as regression tests (see docs/reliability.md).
#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "test code")]

use twinmaker_syncjob::decode::{Decode, DecodeErrorKind, DecodeOptions, Document};
use twinmaker_syncjob::encode::{Encode, Form};
use twinmaker_syncjob::model::{SyncJobSummary, Timestamp, TimestampError};

/// Re-encodes a decoded document in every form and decodes it again.
fn round_trips(document: &Document) {
    let unlimited = DecodeOptions::new().max_document_bytes(usize::MAX);
    for form in [Form::Wire, Form::Cli, Form::Canonical] {
        let encoded = document.encode(form);
        let again = Document::decode_with(encoded.as_bytes(), &unlimited);
        assert!(again.is_ok(), "{form:?}: {encoded}: {again:?}");
    }
}

/// `decode_document`: an epoch number in the year -303 decoded, but its RFC 3339 form could not be
/// read back. Instants are now limited to the years 0000 to 9999, which every form can hold.
#[test]
fn negative_years_are_out_of_range() {
    let input = std::fs::read("tests/fixtures/fuzz/decode_document-negative-year.json").unwrap();
    let err = Document::decode(&input).unwrap_err();
    assert_eq!(err.path(), "syncJobSummaries[0].updateDateTime");
    assert!(matches!(err.kind(), DecodeErrorKind::Timestamp(TimestampError::OutOfRange { .. })), "{err}");
}

/// The edges of the range survive every form, including the last microsecond of 9999, whose
/// nearest `f64` is the first instant of 10000.
#[test]
fn the_edges_of_the_range_round_trip_in_every_form() {
    for t in [Timestamp::MIN, Timestamp::MAX] {
        let summary = SyncJobSummary { creation_date_time: Some(t), ..SyncJobSummary::default() };
        round_trips(&Document::Summary(summary));
    }
}
