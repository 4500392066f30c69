//! The kit's value and payload strategies (`testkit::values`, `testkit::payloads`) against the
//! decoder and encoder: every value round-trips through every form, every raw payload decodes to
//! its paired value, every malformed one gives its labelled error, and the strategies keep their
//! promises (constraints, ranges, coverage of known and unknown values).

#![cfg(feature = "proptest")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, reason = "test code")]

use std::collections::BTreeSet;

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use twinmaker_syncjob::decode::{ApiErrorDocument, Decode, Document};
use twinmaker_syncjob::encode::{Encode, Form};
use twinmaker_syncjob::model::{
    ApiError, ApiErrorKind, CreateSyncJobResponse, DeleteSyncJobResponse, ErrorCode, ErrorMessage, ListSyncJobsPage,
    Open, SyncJobArn, SyncJobSnapshot, SyncJobState, SyncJobSummary, SyncRoleArn, SyncSource, Timestamp, WireEnum,
    WorkspaceId,
};
use twinmaker_syncjob::testkit::payloads::{
    KindLabel, PayloadForm, Target, http_error, malformed, malformed_for, payload, render,
};
use twinmaker_syncjob::testkit::values::{
    self, WIRE_EXACT_MICROS, api_error, api_error_document, api_error_kind, at_lengths, create_response,
    delete_response, document, edge_char, error_code, error_details, error_message, error_message_string, near_miss,
    page, snapshot, summary, sync_job_arn, sync_job_arn_string, sync_job_state, sync_job_status, sync_role_arn,
    sync_role_arn_string, sync_source, sync_source_string, timestamp, workspace_id, workspace_id_string,
};

const FORMS: [Form; 3] = [Form::Wire, Form::Cli, Form::Canonical];

/// `decode(encode(x)) == x` in every form, for what the form carries in full.
fn round_trips<T: Encode + Decode + PartialEq + std::fmt::Debug>(value: &T) -> Result<(), TestCaseError> {
    for form in FORMS {
        let text = value.encode(form);
        let back = T::decode_str(&text).map_err(|err| TestCaseError::fail(format!("{form:?}: {err}\n{text}")))?;
        prop_assert_eq!(&back, value, "{:?}: {}", form, text);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn snapshots_round_trip(job in snapshot()) {
        round_trips(&job)?;
    }

    #[test]
    fn summaries_round_trip(s in summary()) {
        round_trips(&s)?;
    }

    #[test]
    fn pages_round_trip(p in page()) {
        round_trips(&p)?;
    }

    #[test]
    fn create_and_delete_responses_round_trip(created in create_response(), deleted in delete_response()) {
        round_trips(&created)?;
        round_trips(&deleted)?;
    }

    /// The wire body of an API error has no HTTP status (the model's status comes back for a known
    /// exception); the CLI form carries it.
    #[test]
    fn api_errors_round_trip_with_what_each_form_carries(err in api_error()) {
        let model_status = err.kind.known().map(ApiErrorKind::http_status);
        let wire = ApiError::decode_str(&err.encode(Form::Wire)).unwrap();
        prop_assert_eq!(wire, ApiError { http_status: model_status, ..err.clone() });
        let cli = ApiError::decode_str(&err.encode(Form::Cli)).unwrap();
        prop_assert_eq!(cli, ApiError { http_status: err.http_status.or(model_status), ..err.clone() });
    }

    #[test]
    fn api_error_documents_keep_the_job_they_name(doc in api_error_document()) {
        let back = ApiErrorDocument::decode_str(&doc.encode(Form::Cli)).unwrap();
        prop_assert_eq!(back.workspace_id, doc.workspace_id);
        prop_assert_eq!(back.sync_source, doc.sync_source);
        prop_assert_eq!(back.error.kind, doc.error.kind);
    }

    #[test]
    fn documents_are_detected_as_their_shape(doc in document()) {
        let back = Document::decode_str(&doc.encode(Form::Cli)).unwrap();
        prop_assert_eq!(std::mem::discriminant(&back), std::mem::discriminant(&doc));
        if !matches!(doc, Document::Error(_)) {
            prop_assert_eq!(back, doc);
        }
    }

    #[test]
    fn statuses_and_details_round_trip_inside_a_summary(status in sync_job_status(), details in error_details()) {
        let mut status = status;
        round_trips(&SyncJobSummary { status: Some(status.clone()), ..SyncJobSummary::default() })?;
        status.error = Some(details);
        round_trips(&SyncJobSummary { status: Some(status), ..SyncJobSummary::default() })?;
    }

    #[test]
    fn identifiers_satisfy_the_model(
        w in workspace_id_string(), s in sync_source_string(), a in sync_job_arn_string(),
        r in sync_role_arn_string(), m in error_message_string(),
    ) {
        prop_assert!(WorkspaceId::parse(&w).is_ok(), "{}", w);
        prop_assert!(Open::<SyncSource>::parse(&s).is_ok(), "{}", s);
        prop_assert!(SyncJobArn::parse(&a).is_ok(), "{}", a);
        prop_assert!(SyncRoleArn::parse(&r).is_ok(), "{}", r);
        prop_assert!(ErrorMessage::parse(&m).is_ok());
    }

    #[test]
    fn validated_identifiers_parse_back(
        w in workspace_id(), a in sync_job_arn(), r in sync_role_arn(), m in error_message(),
    ) {
        prop_assert_eq!(WorkspaceId::parse(w.as_str()), Ok(w.clone()));
        prop_assert_eq!(SyncJobArn::parse(a.as_str()), Ok(a.clone()));
        prop_assert_eq!(SyncRoleArn::parse(r.as_str()), Ok(r.clone()));
        prop_assert_eq!(ErrorMessage::parse(m.as_str()), Ok(m.clone()));
    }

    #[test]
    fn open_values_parse_back(
        state in sync_job_state(), code in error_code(), source in sync_source(), kind in api_error_kind(),
    ) {
        prop_assert_eq!(Open::<SyncJobState>::parse(state.as_str()), Ok(state));
        prop_assert_eq!(Open::<ErrorCode>::parse(code.as_str()), Ok(code));
        prop_assert_eq!(Open::<SyncSource>::parse(source.as_str()), Ok(source));
        prop_assert_eq!(Open::<ApiErrorKind>::parse(kind.as_str()), Ok(kind));
    }

    /// Timestamps stay in the documented range (1698 to 2242), where every form is exact.
    #[test]
    fn timestamps_are_exact_in_every_form(t in timestamp()) {
        prop_assert!(t.unix_micros().abs() <= WIRE_EXACT_MICROS);
        prop_assert_eq!(Timestamp::from_epoch_seconds_f64(t.epoch_seconds_f64()), Ok(t));
        prop_assert_eq!(Timestamp::parse(&t.to_cli_string()), Ok(t));
        prop_assert_eq!(Timestamp::parse(&t.to_cli_string().replacen('T', " ", 1)), Ok(t));
        prop_assert_eq!(Timestamp::parse(&t.to_string()), Ok(t));
    }

    // --- payloads ------------------------------------------------------------------------------

    #[test]
    fn snapshot_payloads_decode_to_their_value(p in payload(snapshot())) {
        prop_assert_eq!(p.decode(), Ok(p.value.clone()), "{:?}", p);
    }

    #[test]
    fn summary_and_page_payloads_decode_to_their_value(s in payload(summary()), p in payload(page())) {
        prop_assert_eq!(s.decode(), Ok(s.value.clone()), "{:?}", s);
        prop_assert_eq!(p.decode(), Ok(p.value.clone()), "{:?}", p);
    }

    #[test]
    fn create_delete_and_error_payloads_decode_to_their_value(
        c in payload(create_response()), d in payload(delete_response()), e in payload(api_error()),
    ) {
        prop_assert_eq!(c.decode(), Ok(c.value.clone()), "{:?}", c);
        prop_assert_eq!(d.decode(), Ok(d.value.clone()), "{:?}", d);
        prop_assert_eq!(e.decode(), Ok(e.value.clone()), "{:?}", e);
    }

    #[test]
    fn http_errors_decode_to_their_value(e in http_error()) {
        prop_assert_eq!(e.decode(), Ok(e.value.clone()), "{:?}", e);
    }

    #[test]
    fn malformed_payloads_give_their_labelled_error(bad in malformed()) {
        match bad.decode() {
            Ok(()) => prop_assert!(false, "{:?} decoded", bad),
            Err(err) => prop_assert_eq!(bad.check(&err), Ok(()), "{:?}", bad),
        }
    }

    // --- near misses ---------------------------------------------------------------------------

    /// The validators agree with the model's regular expressions near valid strings (a cheap
    /// oracle; `decode_props.rs` has the full one).
    #[test]
    fn near_misses_are_judged_like_the_pattern(s in near_miss(workspace_id_string())) {
        let b = s.as_bytes();
        let matches = s.chars().count() <= 128
            && b.len() >= 2
            && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_' || *c == b'-')
            && b[0] != b'-'
            && b[b.len() - 1].is_ascii_alphanumeric();
        prop_assert_eq!(WorkspaceId::parse(&s).is_ok(), matches, "{:?}", s);
    }

    #[test]
    fn lengths_are_probed_at_the_bounds(s in at_lengths(error_message_string(), vec![2048, 2049], edge_char())) {
        prop_assert_eq!(ErrorMessage::parse(&s).is_ok(), s.chars().count() == 2048);
    }
}

/// Draws `n` values of `strategy` with a deterministic runner.
fn sample<T: std::fmt::Debug>(strategy: impl Strategy<Value = T>, n: usize) -> Vec<T> {
    let mut runner = TestRunner::deterministic();
    (0..n).map(|_| strategy.new_tree(&mut runner).unwrap().current()).collect()
}

#[test]
fn enumerations_cover_every_known_value_and_unknown_ones() {
    let states = sample(sync_job_state(), 400);
    let known: BTreeSet<_> = states.iter().filter_map(Open::known).collect();
    assert_eq!(known.len(), SyncJobState::known_values().count());
    assert!(states.iter().any(|s| !s.is_known()));
    let codes = sample(error_code(), 600);
    assert_eq!(codes.iter().filter_map(Open::known).collect::<BTreeSet<_>>().len(), ErrorCode::known_values().count());
    assert!(codes.iter().any(|c| !c.is_known()));
    let kinds = sample(api_error_kind(), 600);
    assert_eq!(
        kinds.iter().filter_map(Open::known).collect::<BTreeSet<_>>().len(),
        ApiErrorKind::known_values().count()
    );
    assert!(sample(sync_source(), 200).iter().any(|s| !s.is_known()));
    assert_eq!(sample(values::known::<SyncSource>(), 5), vec![SyncSource::Sitewise; 5]);
}

#[test]
fn payloads_come_in_every_form() {
    let forms: BTreeSet<_> = sample(payload(delete_response()), 200).iter().map(|p| format!("{:?}", p.form)).collect();
    assert_eq!(forms.len(), PayloadForm::ALL.len());
}

#[test]
fn malformed_payloads_cover_every_label_the_kit_promises() {
    let labels: BTreeSet<String> = sample(malformed(), 3000).iter().map(|bad| format!("{:?}", bad.kind)).collect();
    let expected = [
        KindLabel::Syntax,
        KindLabel::UnexpectedEnd,
        KindLabel::InvalidUtf8,
        KindLabel::NumberOutOfRange,
        KindLabel::TooDeep,
        KindLabel::TooLarge,
        KindLabel::WrongType,
        KindLabel::MissingField,
        KindLabel::DuplicateField,
        KindLabel::Constraint,
        KindLabel::Timestamp,
        KindLabel::UnknownEnumValue,
        KindLabel::EmptyErrorType,
        KindLabel::UnrecognisedDocument,
    ];
    for label in expected {
        assert!(labels.contains(&format!("{label:?}")), "no {label:?} among {labels:?}");
    }
    for target in [Target::Snapshot, Target::Summary, Target::Page, Target::Create, Target::Delete, Target::ApiError] {
        assert!(sample(malformed_for(target), 20).iter().all(|bad| bad.target == target));
    }
}

/// The boto3 form is what `json.dumps(response, default=str)` writes (the fixture's layout).
#[test]
fn boto3_form_looks_like_a_dump() {
    let job = SyncJobSnapshot::decode(&std::fs::read("tests/fixtures/get_sync_job/boto3.json").unwrap()).unwrap();
    let p = render(&job, PayloadForm::Boto3);
    assert!(p.text.contains(r#""creationDateTime": "2024-03-14 09:26:53.589000+00:00""#), "{}", p.text);
    assert!(p.text.contains(r#""ResponseMetadata": {"RequestId": "#), "{}", p.text);
    let err = ApiError::new(ApiErrorKind::Conflict, "d\u{e9}j\u{e0} l\u{e0}");
    let p = render(&err, PayloadForm::Boto3);
    assert!(
        p.text.starts_with(r#"{"Error": {"Code": "ConflictException", "Message": "d\u00e9j\u00e0 l\u00e0"}"#),
        "{}",
        p.text
    );
    assert!(p.text.contains(r#""HTTPStatusCode": 409"#), "{}", p.text);
    assert_eq!(p.decode(), Ok(err));
    let deleted = DeleteSyncJobResponse { state: Open::Known(SyncJobState::Deleting) };
    assert_eq!(render(&deleted, PayloadForm::Cli).text, "{\n    \"state\": \"DELETING\"\n}");
    let empty = ListSyncJobsPage::default();
    assert_eq!(render(&empty, PayloadForm::Cli).text, "{\n    \"syncJobSummaries\": []\n}");
    let created = CreateSyncJobResponse::decode_str(
        r#"{"arn":"arn:aws:iottwinmaker:us-east-1:123456789012:workspace/w/sync-job/SITEWISE","creationDateTime":-0.5,"state":"CREATING"}"#,
    )
    .unwrap();
    assert!(render(&created, PayloadForm::WireExponent).text.contains(r#""creationDateTime":-5E-1"#));
}
