//! Decodes every hand-written fixture under `tests/fixtures/` and checks the exact values, and that
//! the same payload in different forms (wire, AWS CLI, boto3 dump) decodes to equal values.
//!
//! The fixtures follow the reference sheet (`docs/reference/syncjob-api.md`); `tests/fixtures/README.md` says
//! where each form comes from.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed unwrap or index is a failed test (clippy.toml allows them in #[test] functions; this extends that to the helpers)"
)]

mod common;

use common::http::HttpResponse;
use common::{all_fixtures, fixture};
use twinmaker_syncjob::decode::{
    ApiErrorDocument, Decode, DecodeErrorKind, DecodeOptions, Document, decode_http_error,
};
use twinmaker_syncjob::encode::{Encode, Form};
use twinmaker_syncjob::model::{
    ApiError, ApiErrorKind, CreateSyncJobResponse, DeleteSyncJobResponse, ErrorCode, ErrorDetails, ErrorMessage,
    ListSyncJobsPage, Open, SyncJobArn, SyncJobSnapshot, SyncJobState, SyncJobStatus, SyncJobSummary, SyncRoleArn,
    SyncSource, Timestamp, WorkspaceId,
};

/// Every fixture and what it holds; `every_fixture_is_listed_and_decodes_as_its_shape` checks that
/// this list and the folder agree, so a new fixture cannot go unchecked.
const FIXTURES: &[(&str, Shape)] = &[
    ("create_sync_job/boto3.json", Shape::Created),
    ("create_sync_job/cli.json", Shape::Created),
    ("create_sync_job/wire.json", Shape::Created),
    ("delete_sync_job/boto3.json", Shape::Deleted),
    ("delete_sync_job/cli.json", Shape::Deleted),
    ("delete_sync_job/wire.json", Shape::Deleted),
    ("errors/body_type_no_header.http", Shape::Http),
    ("errors/boto3_conflict.json", Shape::Error),
    ("errors/boto3_not_found.json", Shape::Error),
    ("errors/header_internal_empty_message.http", Shape::Http),
    ("errors/header_not_found.http", Shape::Http),
    ("errors/header_throttling.http", Shape::Http),
    ("errors/type_namespaced.json", Shape::Error),
    ("errors/type_plain.json", Shape::Error),
    ("errors/type_unknown.json", Shape::Error),
    ("get_sync_job/boto3.json", Shape::SyncJob),
    ("get_sync_job/cli.json", Shape::SyncJob),
    ("get_sync_job/cli_error.json", Shape::SyncJob),
    ("get_sync_job/cli_unknown_enums.json", Shape::SyncJob),
    ("get_sync_job/rfc3339_z.json", Shape::SyncJob),
    ("get_sync_job/wire_deleting_with_error.json", Shape::SyncJob),
    ("get_sync_job/wire_error.json", Shape::SyncJob),
    ("get_sync_job/wire_exponent.json", Shape::SyncJob),
    ("get_sync_job/wire_fraction.json", Shape::SyncJob),
    ("get_sync_job/wire_integer.json", Shape::SyncJob),
    ("get_sync_job/wire_unknown_enums.json", Shape::SyncJob),
    ("list_sync_jobs/page_boto3.json", Shape::Page),
    ("list_sync_jobs/page_cli.json", Shape::Page),
    ("list_sync_jobs/page_last_empty.json", Shape::Page),
    ("list_sync_jobs/page_unknown_enums.json", Shape::Page),
    ("list_sync_jobs/page_wire.json", Shape::Page),
    ("list_sync_jobs/summary_aws_cn_boto3.json", Shape::Summary),
    ("list_sync_jobs/summary_cli.json", Shape::Summary),
    ("list_sync_jobs/summary_wire.json", Shape::Summary),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    SyncJob,
    Summary,
    Page,
    Created,
    Deleted,
    Error,
    /// A raw HTTP error response, decoded with `decode_http_error`.
    Http,
}

fn shape_of(doc: &Document) -> Shape {
    match doc {
        Document::SyncJob(_) => Shape::SyncJob,
        Document::Summary(_) => Shape::Summary,
        Document::Page(_) => Shape::Page,
        Document::Created(_) => Shape::Created,
        Document::Deleted(_) => Shape::Deleted,
        Document::Error(_) => Shape::Error,
    }
}

fn arn(s: &str) -> SyncJobArn {
    SyncJobArn::parse(s).unwrap()
}

fn ts(micros: i64) -> Timestamp {
    Timestamp::from_unix_micros(micros).unwrap()
}

fn snapshot(name: &str) -> SyncJobSnapshot {
    SyncJobSnapshot::decode(&fixture(name)).unwrap_or_else(|err| panic!("{name}: {err}"))
}

fn http_error(name: &str) -> ApiError {
    let response = HttpResponse::parse(&fixture(name)).unwrap_or_else(|| panic!("{name}: not an HTTP response"));
    decode_http_error(Some(response.status), response.header("x-amzn-errortype"), &response.body)
        .unwrap_or_else(|err| panic!("{name}: {err}"))
}

// ---------------------------------------------------------------------------------------------
// The jobs the fixtures describe.

/// `plant-floor-1`: ACTIVE, with millisecond timestamps (2024-03-14T09:26:53.589Z and 09:33:07.021Z).
fn job_plant_floor() -> SyncJobSnapshot {
    SyncJobSnapshot {
        arn: arn("arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant-floor-1/sync-job/SITEWISE"),
        workspace_id: WorkspaceId::parse("plant-floor-1").unwrap(),
        sync_source: Open::Known(SyncSource::Sitewise),
        sync_role: SyncRoleArn::parse("arn:aws:iam::123456789012:role/service-role/TwinMakerSiteWiseSync").unwrap(),
        status: SyncJobStatus::new(SyncJobState::Active),
        creation_date_time: ts(1_710_408_413_589_000),
        update_date_time: ts(1_710_408_787_021_000),
    }
}

/// `cooling-loop`: ERROR with `SYNC_CREATING_ERROR`.
fn job_cooling_loop() -> SyncJobSnapshot {
    SyncJobSnapshot {
        arn: arn("arn:aws:iottwinmaker:eu-west-1:210987654321:workspace/cooling-loop/sync-job/SITEWISE"),
        workspace_id: WorkspaceId::parse("cooling-loop").unwrap(),
        sync_source: Open::Known(SyncSource::Sitewise),
        sync_role: SyncRoleArn::parse("arn:aws:iam::210987654321:role/TwinMakerSync").unwrap(),
        status: SyncJobStatus {
            state: Some(Open::Known(SyncJobState::Error)),
            error: Some(ErrorDetails {
                code: Some(Open::Known(ErrorCode::SyncCreatingError)),
                message: Some(ErrorMessage::parse("Failed to assume the sync role; check its trust policy.").unwrap()),
            }),
        },
        creation_date_time: ts(1_711_000_000_750_000),
        update_date_time: ts(1_711_003_600_000_000),
    }
}

/// The summary of `cooling-loop`, as ListSyncJobs gives it (no `syncRole`).
fn summary_cooling_loop() -> SyncJobSummary {
    summary_of(job_cooling_loop())
}

fn summary_of(job: SyncJobSnapshot) -> SyncJobSummary {
    SyncJobSummary {
        arn: Some(job.arn),
        workspace_id: Some(job.workspace_id),
        sync_source: Some(job.sync_source),
        status: Some(job.status),
        creation_date_time: Some(job.creation_date_time),
        update_date_time: Some(job.update_date_time),
    }
}

/// A job with values the service does not send today (hypothetical future values).
fn job_with_unknown_values() -> SyncJobSnapshot {
    SyncJobSnapshot {
        arn: arn("arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant-floor-1/sync-job/FUTURE_SOURCE"),
        workspace_id: WorkspaceId::parse("plant-floor-1").unwrap(),
        sync_source: Open::parse("FUTURE_SOURCE").unwrap(),
        sync_role: SyncRoleArn::parse("arn:aws:iam::123456789012:role/TwinMakerSync").unwrap(),
        status: SyncJobStatus {
            state: Some(Open::parse("PAUSED").unwrap()),
            error: Some(ErrorDetails {
                code: Some(Open::parse("SYNC_QUOTA_ERROR").unwrap()),
                message: Some(ErrorMessage::parse("").unwrap()),
            }),
        },
        creation_date_time: ts(1_710_495_000_250_000),
        update_date_time: ts(1_710_495_000_250_000),
    }
}

// ---------------------------------------------------------------------------------------------
// The fixture set as a whole.

#[test]
fn every_fixture_is_listed_and_decodes_as_its_shape() {
    let listed: Vec<String> = FIXTURES.iter().map(|(name, _)| (*name).to_owned()).collect();
    assert_eq!(all_fixtures(), listed, "tests/fixtures/ and FIXTURES differ");
    for (name, shape) in FIXTURES {
        let bytes = fixture(name);
        if *shape == Shape::Http {
            let _ = http_error(name);
            continue;
        }
        let doc = Document::decode(&bytes).unwrap_or_else(|err| panic!("{name}: {err}"));
        assert_eq!(shape_of(&doc), *shape, "{name}");
        // The typed decoder agrees with detection, value for value.
        let typed = match shape {
            Shape::SyncJob => SyncJobSnapshot::decode(&bytes).map(Document::SyncJob),
            Shape::Summary => SyncJobSummary::decode(&bytes).map(Document::Summary),
            Shape::Page => ListSyncJobsPage::decode(&bytes).map(Document::Page),
            Shape::Created => CreateSyncJobResponse::decode(&bytes).map(Document::Created),
            Shape::Deleted => DeleteSyncJobResponse::decode(&bytes).map(Document::Deleted),
            Shape::Error => ApiErrorDocument::decode(&bytes).map(Document::Error),
            Shape::Http => unreachable!(),
        };
        assert_eq!(typed.as_ref(), Ok(&doc), "{name}");
    }
}

#[test]
fn every_fixture_survives_encoding_in_every_form() {
    for (name, shape) in FIXTURES.iter().filter(|(_, shape)| *shape != Shape::Http) {
        let doc = Document::decode(&fixture(name)).unwrap();
        for form in [Form::Wire, Form::Cli, Form::Canonical] {
            let again = Document::decode_str(&doc.encode(form)).unwrap_or_else(|err| panic!("{name} {form:?}: {err}"));
            assert_eq!(again, doc, "{name} {form:?} ({shape:?})");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// GetSyncJob.

#[test]
fn get_sync_job_in_every_form_is_the_same_job() {
    let expected = job_plant_floor();
    for name in [
        "get_sync_job/wire_fraction.json",
        "get_sync_job/wire_exponent.json",
        "get_sync_job/cli.json",
        "get_sync_job/boto3.json",
    ] {
        assert_eq!(snapshot(name), expected, "{name}");
    }
    assert_eq!(expected.creation_date_time.to_string(), "2024-03-14T09:26:53.589Z");
    assert_eq!(expected.update_date_time.to_string(), "2024-03-14T09:33:07.021Z");
}

#[test]
fn get_sync_job_with_whole_seconds_as_integers_and_as_rfc3339_z() {
    let expected = SyncJobSnapshot {
        creation_date_time: ts(1_710_408_413_000_000),
        update_date_time: ts(1_710_412_013_000_000),
        ..job_plant_floor()
    };
    assert_eq!(snapshot("get_sync_job/wire_integer.json"), expected);
    assert_eq!(snapshot("get_sync_job/rfc3339_z.json"), expected);
    assert_eq!(expected.update_date_time.to_cli_string(), "2024-03-14T10:26:53+00:00");
}

#[test]
fn get_sync_job_in_error() {
    let expected = job_cooling_loop();
    assert_eq!(snapshot("get_sync_job/wire_error.json"), expected);
    assert_eq!(snapshot("get_sync_job/cli_error.json"), expected);
    let status = &expected.status;
    assert_eq!(status.known_state(), Some(SyncJobState::Error));
    assert_eq!(status.error.as_ref().and_then(ErrorDetails::known_code), Some(ErrorCode::SyncCreatingError));
    assert_eq!(expected.arn.region(), "eu-west-1");
    assert_eq!(expected.arn.account_id(), "210987654321");
}

#[test]
fn get_sync_job_deleting_with_an_error_in_gov_cloud() {
    let job = snapshot("get_sync_job/wire_deleting_with_error.json");
    assert_eq!(job.arn.partition(), "aws-us-gov");
    assert_eq!(job.arn.region(), "us-gov-west-1");
    assert_eq!(job.arn.resource(), "workspace/line_7/sync-job/SITEWISE");
    assert_eq!(job.workspace_id.as_str(), "line_7");
    assert_eq!(job.sync_role.as_str(), "arn:aws-us-gov:iam::345678901234:role/twinmaker/SyncRole");
    assert_eq!(job.status.known_state(), Some(SyncJobState::Deleting));
    let error = job.status.error.as_ref().unwrap();
    assert_eq!(error.known_code(), Some(ErrorCode::SyncDeletingError));
    assert_eq!(
        error.message.as_ref().map(ErrorMessage::as_str),
        Some("Deletion of 3 synced entities failed; retrying.")
    );
    // 1711929600.001 and 1712000000.999: milliseconds survive exactly.
    assert_eq!(job.creation_date_time, ts(1_711_929_600_001_000));
    assert_eq!(job.update_date_time, ts(1_712_000_000_999_000));
    assert_eq!(job.creation_date_time.to_string(), "2024-04-01T00:00:00.001Z");
}

#[test]
fn unknown_enum_values_are_kept_in_every_form_and_refused_in_strict_mode() {
    let expected = job_with_unknown_values();
    for name in ["get_sync_job/wire_unknown_enums.json", "get_sync_job/cli_unknown_enums.json"] {
        let job = snapshot(name);
        assert_eq!(job, expected, "{name}");
        assert!(!job.sync_source.is_known());
        assert_eq!(job.sync_source.as_str(), "FUTURE_SOURCE");
        assert_eq!(job.status.state.as_ref().map(Open::as_str), Some("PAUSED"));
        assert_eq!(job.status.known_state(), None);
        let code = job.status.error.as_ref().and_then(|e| e.code.as_ref());
        assert_eq!(code.map(Open::as_str), Some("SYNC_QUOTA_ERROR"));

        // Written back exactly as received.
        for form in [Form::Wire, Form::Cli, Form::Canonical] {
            let encoded = job.encode(form);
            for raw in [r#""FUTURE_SOURCE""#, r#""PAUSED""#, r#""SYNC_QUOTA_ERROR""#] {
                assert!(encoded.contains(raw), "{name} {form:?}: {encoded}");
            }
        }

        // Strict mode stops at the first unknown value, `syncSource`.
        let err = SyncJobSnapshot::decode_with(&fixture(name), &DecodeOptions::new().strict(true)).unwrap_err();
        assert_eq!(
            err.kind(),
            &DecodeErrorKind::UnknownEnumValue { enumeration: "SyncSource", value: "FUTURE_SOURCE".to_owned() }
        );
        assert_eq!(err.path(), "syncSource");
    }
    // The error location is that of the value in each form.
    let strict = DecodeOptions::new().strict(true);
    let err = SyncJobSnapshot::decode_with(&fixture("get_sync_job/cli_unknown_enums.json"), &strict).unwrap_err();
    assert_eq!((err.line(), err.column()), (4, 33));
}

// ---------------------------------------------------------------------------------------------
// ListSyncJobs.

#[test]
fn summaries_in_every_form() {
    let expected = summary_cooling_loop();
    for name in ["list_sync_jobs/summary_wire.json", "list_sync_jobs/summary_cli.json"] {
        assert_eq!(SyncJobSummary::decode(&fixture(name)).unwrap(), expected, "{name}");
    }
    let cn = SyncJobSummary::decode(&fixture("list_sync_jobs/summary_aws_cn_boto3.json")).unwrap();
    assert_eq!(
        cn,
        SyncJobSummary {
            arn: Some(arn("arn:aws-cn:iottwinmaker:cn-north-1:456789012345:workspace/Factory01/sync-job/SITEWISE")),
            workspace_id: Some(WorkspaceId::parse("Factory01").unwrap()),
            sync_source: Some(Open::Known(SyncSource::Sitewise)),
            status: Some(SyncJobStatus::new(SyncJobState::Initializing)),
            creation_date_time: Some(ts(1_712_000_000_999_000)),
            update_date_time: Some(ts(1_712_000_000_999_000)),
        }
    );
}

#[test]
fn pages_in_every_form() {
    let token = Some("AYADeFtT7d0kQzLx0m3P9b8gEXAMPLEtoken==".to_owned());
    let page = |name: &str| ListSyncJobsPage::decode(&fixture(name)).unwrap_or_else(|err| panic!("{name}: {err}"));
    let with_token = ListSyncJobsPage { sync_job_summaries: vec![summary_cooling_loop()], next_token: token };
    assert_eq!(page("list_sync_jobs/page_wire.json"), with_token);
    assert_eq!(page("list_sync_jobs/page_boto3.json"), with_token);
    // The AWS CLI follows the tokens itself and prints no token after the last page.
    assert_eq!(
        page("list_sync_jobs/page_cli.json"),
        ListSyncJobsPage { sync_job_summaries: vec![summary_cooling_loop()], next_token: None }
    );
    assert_eq!(page("list_sync_jobs/page_last_empty.json"), ListSyncJobsPage::default());
    assert_eq!(
        page("list_sync_jobs/page_unknown_enums.json"),
        ListSyncJobsPage {
            sync_job_summaries: vec![summary_of(job_plant_floor()), summary_of(job_with_unknown_values())],
            next_token: None,
        }
    );
    let strict = DecodeOptions::new().strict(true);
    let err = ListSyncJobsPage::decode_with(&fixture("list_sync_jobs/page_unknown_enums.json"), &strict).unwrap_err();
    assert_eq!(err.path(), "syncJobSummaries[1].syncSource");
}

// ---------------------------------------------------------------------------------------------
// CreateSyncJob and DeleteSyncJob.

#[test]
fn create_responses_in_every_form() {
    let expected = CreateSyncJobResponse {
        arn: job_plant_floor().arn,
        creation_date_time: ts(1_710_408_413_589_000),
        state: Open::Known(SyncJobState::Creating),
    };
    for name in ["create_sync_job/wire.json", "create_sync_job/cli.json", "create_sync_job/boto3.json"] {
        assert_eq!(CreateSyncJobResponse::decode(&fixture(name)).unwrap(), expected, "{name}");
    }
}

#[test]
fn delete_responses_in_every_form() {
    let expected = DeleteSyncJobResponse { state: Open::Known(SyncJobState::Deleting) };
    for name in ["delete_sync_job/wire.json", "delete_sync_job/cli.json", "delete_sync_job/boto3.json"] {
        assert_eq!(DeleteSyncJobResponse::decode(&fixture(name)).unwrap(), expected, "{name}");
    }
}

// ---------------------------------------------------------------------------------------------
// API errors.

fn body_error(name: &str) -> ApiError {
    ApiError::decode(&fixture(name)).unwrap_or_else(|err| panic!("{name}: {err}"))
}

#[test]
fn error_bodies_with_type() {
    let plain = body_error("errors/type_plain.json");
    assert_eq!(
        plain,
        ApiError::new(
            ApiErrorKind::Validation,
            "1 validation error detected: Value 'plant floor' at 'workspaceId' failed to satisfy constraint"
        )
    );
    assert_eq!(plain.http_status, Some(400));
    // The namespace prefix is dropped.
    assert_eq!(body_error("errors/type_namespaced.json"), ApiError::new(ApiErrorKind::Throttling, "Rate exceeded"));
}

#[test]
fn an_unknown_exception_is_kept_without_its_namespace() {
    let err = body_error("errors/type_unknown.json");
    assert_eq!(err.kind.as_str(), "SyncJobLimitExceededException");
    assert!(!err.kind.is_known());
    assert_eq!(err.message, "Hypothetical exception not in the model today");
    assert_eq!(err.http_status, None, "the body alone does not say");
    let strict = ApiError::decode_with(&fixture("errors/type_unknown.json"), &DecodeOptions::new().strict(true));
    let strict = strict.unwrap_err();
    assert_eq!(
        strict.kind(),
        &DecodeErrorKind::UnknownEnumValue {
            enumeration: "ApiErrorKind",
            value: "SyncJobLimitExceededException".to_owned()
        }
    );
    assert_eq!(strict.path(), "__type");
}

#[test]
fn boto3_client_errors() {
    let not_found = body_error("errors/boto3_not_found.json");
    assert_eq!(
        not_found,
        ApiError {
            kind: Open::Known(ApiErrorKind::ResourceNotFound),
            message: "Sync job SITEWISE not found in workspace plant-floor-1".to_owned(),
            http_status: Some(404),
        }
    );
    assert_eq!(
        body_error("errors/boto3_conflict.json"),
        ApiError::new(ApiErrorKind::Conflict, "A sync job for source SITEWISE already exists")
    );
}

#[test]
fn http_errors_with_the_type_in_a_header() {
    // The header carries a `:...` suffix; the body only the message.
    let not_found = http_error("errors/header_not_found.http");
    assert_eq!(not_found, body_error("errors/boto3_not_found.json"), "the same error, seen by boto3");
    assert_eq!(http_error("errors/header_throttling.http"), ApiError::new(ApiErrorKind::Throttling, "Rate exceeded"));
    assert_eq!(
        http_error("errors/header_internal_empty_message.http"),
        ApiError { kind: Open::Known(ApiErrorKind::InternalServer), message: String::new(), http_status: Some(500) }
    );
    // No header: the body's namespaced `__type` names the exception.
    assert_eq!(
        http_error("errors/body_type_no_header.http"),
        ApiError::new(ApiErrorKind::AccessDenied, "User is not authorized to perform: iottwinmaker:GetSyncJob")
    );
}

#[test]
fn the_http_fixture_reader() {
    let raw = b"HTTP/1.1 404 Not Found\r\nx-amzn-ErrorType: ResourceNotFoundException:x\r\n\r\n{\"message\":\"m\"}";
    let response = HttpResponse::parse(raw).unwrap();
    assert_eq!(response.status, 404);
    assert_eq!(response.header("X-Amzn-Errortype"), Some("ResourceNotFoundException:x"));
    assert_eq!(response.body, b"{\"message\":\"m\"}");
    assert_eq!(HttpResponse::parse(b"HTTP/1.1 200 OK\n\n").unwrap().body, b"");
    assert_eq!(HttpResponse::parse(b"200 OK\n\n{}"), None);
    assert_eq!(HttpResponse::parse(b"HTTP/1.1 200 OK\nbad header\n\n{}"), None);
}

// ---------------------------------------------------------------------------------------------
// The same instant, in every form a fixture uses.

#[test]
fn the_same_instant_in_every_form_is_equal() {
    // 2024-03-14T09:26:53.589Z as each fixture writes it.
    let forms: [&[u8]; 6] = [
        br#"{"state": "CREATING", "creationDateTime": 1710408413.589, "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/w"}"#,
        br#"{"state": "CREATING", "creationDateTime": 1.710408413589E9, "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/w"}"#,
        br#"{"state": "CREATING", "creationDateTime": 1.710408413589e+9, "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/w"}"#,
        br#"{"state": "CREATING", "creationDateTime": "2024-03-14T09:26:53.589000+00:00", "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/w"}"#,
        br#"{"state": "CREATING", "creationDateTime": "2024-03-14 09:26:53.589000+00:00", "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/w"}"#,
        br#"{"state": "CREATING", "creationDateTime": "2024-03-14T09:26:53.589Z", "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/w"}"#,
    ];
    for form in forms {
        let created = CreateSyncJobResponse::decode(form).unwrap();
        assert_eq!(created.creation_date_time, ts(1_710_408_413_589_000), "{}", String::from_utf8_lossy(form));
    }
}
