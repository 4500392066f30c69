//! The SDK adapter end to end: recorded HTTP exchanges (`tests/fixtures/aws/`) replayed through
//! the official SDK's real serializers and deserializers with `StaticReplayClient`, then through
//! this crate's conversions and the waiter. No network: test credentials, a fixed region, and the
//! SDK's own retries disabled so that each recorded exchange answers exactly one call.
#![cfg(feature = "aws-sdk")]
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test helpers: a failed unwrap, index or panic is a failed test"
)]

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use aws_sdk_iottwinmaker::config::retry::RetryConfig;
use aws_sdk_iottwinmaker::config::timeout::TimeoutConfig;
use aws_sdk_iottwinmaker::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_iottwinmaker::operation::get_sync_job::GetSyncJobOutput;
use aws_sdk_iottwinmaker::primitives::DateTime;
use aws_sdk_iottwinmaker::{Client, Config};
use aws_smithy_http_client::test_util::{NeverClient, ReplayEvent, StaticReplayClient};
use aws_smithy_types::body::SdkBody;
use proptest::prelude::*;
use twinmaker_syncjob::decode::Decode;
use twinmaker_syncjob::model::{
    ApiErrorKind, CreateSyncJobResponse, DeleteSyncJobResponse, ErrorCode, ListSyncJobsPage, Open, SyncJobSnapshot,
    SyncJobState, SyncRoleArn, SyncSource, Timestamp, WorkspaceId,
};
use twinmaker_syncjob::transport::aws::{AwsTransport, ConversionError, ConversionErrorKind};
use twinmaker_syncjob::transport::{AsyncTransport, CallError, SyncJobId, wait_async};
use twinmaker_syncjob::waiter::{Event, Failure, FixedJitter, Goal, Outcome, WaiterConfig};

/// The endpoint the SDK derives for us-east-1, with the operations' `api.` host prefix.
const ENDPOINT: &str = "https://api.iottwinmaker.us-east-1.amazonaws.com";
const WORKSPACE: &str = "plant-floor-1";
const ROLE: &str = "arn:aws:iam::123456789012:role/service-role/TwinMakerSiteWiseSync";
const ARN: &str = "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant-floor-1/sync-job/SITEWISE";

// ------------------------------------------------------------------------------------------------
// Recorded exchanges
// ------------------------------------------------------------------------------------------------

/// The bytes of a recorded response under `tests/fixtures/aws/`.
fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/aws").join(name);
    std::fs::read(&path).unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()))
}

/// A raw HTTP/1.1 response: status line, headers, an empty line, the body.
struct Recorded {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

fn recorded(name: &str) -> Recorded {
    let raw = fixture(name);
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap_or_else(|| panic!("{name}: no empty line"));
    let head = std::str::from_utf8(&raw[..split]).unwrap();
    let body = raw[split + 4..].to_vec();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap();
    let status = status_line.split(' ').nth(1).unwrap().parse().unwrap();
    let headers: Vec<(String, String)> = lines
        .map(|line| {
            let (name, value) = line.split_once(':').unwrap_or_else(|| panic!("{name}: bad header {line:?}"));
            (name.trim().to_owned(), value.trim().to_owned())
        })
        .collect();
    let length = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .map(|(_, v)| v.parse::<usize>().unwrap());
    assert_eq!(length, Some(body.len()), "{name}: Content-Length");
    Recorded { status, headers, body }
}

fn response(name: &str) -> http::Response<SdkBody> {
    let recorded = recorded(name);
    let mut builder = http::Response::builder().status(recorded.status);
    for (name, value) in &recorded.headers {
        builder = builder.header(name, value);
    }
    builder.body(SdkBody::from(recorded.body)).unwrap()
}

/// The request the SDK must send: method, URI (host prefix, path and query) and, for the
/// operations with a JSON body, the body (compared as JSON by `assert_requests_match`).
fn request(method: &str, path_and_query: &str, body: Option<&str>) -> http::Request<SdkBody> {
    http::Request::builder()
        .method(method)
        .uri(format!("{ENDPOINT}{path_and_query}"))
        .body(body.map_or_else(SdkBody::empty, SdkBody::from))
        .unwrap()
}

fn get_request(workspace: &str) -> http::Request<SdkBody> {
    request("GET", &format!("/sync-jobs/SITEWISE?workspace={workspace}"), None)
}

fn get(fixture: &str) -> ReplayEvent {
    ReplayEvent::new(get_request(WORKSPACE), response(fixture))
}

fn config_builder() -> aws_sdk_iottwinmaker::config::Builder {
    Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new(
            "AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            None,
            None,
            "test",
        ))
        .retry_config(RetryConfig::disabled())
}

/// A transport whose client replays `events`, and the replay client to check the requests with.
fn transport(events: Vec<ReplayEvent>) -> (AwsTransport, StaticReplayClient) {
    let http_client = StaticReplayClient::new(events);
    let config = config_builder().http_client(http_client.clone()).build();
    (AwsTransport::new(Client::from_conf(config)), http_client)
}

fn job() -> SyncJobId {
    SyncJobId::parse(WORKSPACE, "SITEWISE").unwrap()
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

fn api_error(result: Result<impl std::fmt::Debug, CallError>) -> twinmaker_syncjob::model::ApiError {
    match result {
        Err(CallError::Api(error)) => error,
        other => panic!("expected an API error, got {other:?}"),
    }
}

fn transport_error(result: Result<impl std::fmt::Debug, CallError>) -> twinmaker_syncjob::transport::TransportError {
    match result {
        Err(CallError::Transport(error)) => error,
        other => panic!("expected a transport failure, got {other:?}"),
    }
}

fn micros(t: Timestamp) -> i64 {
    t.unix_micros()
}

// ------------------------------------------------------------------------------------------------
// 200 responses
// ------------------------------------------------------------------------------------------------

#[test]
fn get_sync_job_decodes_fractional_epochs_and_agrees_with_the_crate_decoder() {
    let (mut transport, http_client) = transport(vec![get("get_creating.response"), get("get_error.response")]);
    let rt = runtime();

    let creating = rt.block_on(transport.get_sync_job(&job())).unwrap();
    assert_eq!(creating.arn.as_str(), ARN);
    assert_eq!(creating.workspace_id.as_str(), WORKSPACE);
    assert_eq!(creating.sync_source, Open::Known(SyncSource::Sitewise));
    assert_eq!(creating.sync_role.as_str(), ROLE);
    assert_eq!(creating.status.known_state(), Some(SyncJobState::Creating));
    assert!(creating.status.error.is_none());
    assert_eq!(micros(creating.creation_date_time), 1_710_408_413_589_000);
    assert_eq!(micros(creating.update_date_time), 1_710_408_413_589_000);
    assert_eq!(creating, SyncJobSnapshot::decode(&recorded("get_creating.response").body).unwrap());

    let failed = rt.block_on(transport.get_sync_job(&job())).unwrap();
    assert_eq!(failed.status.known_state(), Some(SyncJobState::Error));
    let error = failed.status.error.as_ref().unwrap();
    assert_eq!(error.known_code(), Some(ErrorCode::SyncCreatingError));
    assert_eq!(
        error.message.as_ref().unwrap().as_str(),
        "Unable to assume role arn:aws:iam::123456789012:role/service-role/TwinMakerSiteWiseSync"
    );
    assert_eq!(micros(failed.creation_date_time), 1_710_408_413_589_000);
    assert_eq!(micros(failed.update_date_time), 1_710_408_501_000_000);
    assert_eq!(failed, SyncJobSnapshot::decode(&recorded("get_error.response").body).unwrap());

    // The SDK sent GET /sync-jobs/SITEWISE?workspace=... to the `api.` host.
    http_client.assert_requests_match(&[]);
}

#[test]
fn unknown_enum_values_survive_both_ways() {
    let (mut transport, _) = transport(vec![get("get_unknown_enums.response")]);
    let snapshot = runtime().block_on(transport.get_sync_job(&job())).unwrap();

    let state = snapshot.status.state.as_ref().unwrap();
    assert!(!state.is_known());
    assert_eq!(state.as_str(), "PAUSED");
    let error = snapshot.status.error.as_ref().unwrap();
    let code = error.code.as_ref().unwrap();
    assert!(!code.is_known());
    assert_eq!(code.as_str(), "SYNC_QUOTA_PAUSED_ERROR");
    // Exponent-form epochs, to the microsecond; the unknown member `syncJobRevision` is skipped.
    assert_eq!(micros(snapshot.creation_date_time), 1_710_408_413_589_000);
    assert_eq!(micros(snapshot.update_date_time), 1_710_409_000_000_100);
    assert_eq!(snapshot, SyncJobSnapshot::decode(&recorded("get_unknown_enums.response").body).unwrap());

    // Back to the SDK: its `Unknown` variants hold the same strings, and the way back is lossless.
    let output = GetSyncJobOutput::try_from(&snapshot).unwrap();
    let status = output.status().unwrap();
    assert_eq!(status.state().unwrap().as_str(), "PAUSED");
    assert_eq!(status.error().unwrap().code().unwrap().as_str(), "SYNC_QUOTA_PAUSED_ERROR");
    #[allow(deprecated, reason = "checking that the SDK's own `Unknown` variant holds the value")]
    {
        assert!(matches!(status.state(), Some(aws_sdk_iottwinmaker::types::SyncJobState::Unknown(_))));
        assert!(matches!(status.error().unwrap().code(), Some(aws_sdk_iottwinmaker::types::ErrorCode::Unknown(_))));
    }
    assert_eq!(SyncJobSnapshot::try_from(&output).unwrap(), snapshot);
}

#[test]
fn list_sync_jobs_pages_with_the_next_token() {
    let token = "AYADeJ2xZ0x7Q1ZzVGhpcyBpcyBhIHRva2Vu";
    let list_path = format!("/workspaces/{WORKSPACE}/sync-jobs-list");
    let (mut transport, http_client) = transport(vec![
        ReplayEvent::new(request("POST", &list_path, Some("{}")), response("list_page_1.response")),
        ReplayEvent::new(
            request("POST", &list_path, Some(&format!(r#"{{"nextToken": "{token}"}}"#))),
            response("list_page_2.response"),
        ),
    ]);
    let rt = runtime();
    let workspace = WorkspaceId::parse(WORKSPACE).unwrap();

    let first = rt.block_on(transport.list_sync_jobs(&workspace, None)).unwrap();
    assert_eq!(first.next_token.as_deref(), Some(token));
    assert_eq!(first.sync_job_summaries.len(), 2);
    let active = &first.sync_job_summaries[0];
    assert_eq!(active.arn.as_ref().unwrap().as_str(), ARN);
    assert_eq!(active.status.as_ref().unwrap().known_state(), Some(SyncJobState::Active));
    assert_eq!(active.update_date_time.map(micros), Some(1_710_408_787_021_000));
    let other = &first.sync_job_summaries[1];
    assert_eq!(other.sync_source.as_ref().unwrap().as_str(), "IOT_FLEET");
    assert_eq!(other.status.as_ref().unwrap().state.as_ref().unwrap().as_str(), "REBALANCING");
    assert_eq!(other.creation_date_time.map(micros), Some(1_710_500_000_250_000));
    assert_eq!(other.update_date_time, None);
    assert_eq!(first, ListSyncJobsPage::decode(&recorded("list_page_1.response").body).unwrap());

    let last = rt.block_on(transport.list_sync_jobs(&workspace, first.next_token.as_deref())).unwrap();
    assert!(last.sync_job_summaries.is_empty());
    assert_eq!(last.next_token, None);

    http_client.assert_requests_match(&[]);
}

#[test]
fn create_and_delete() {
    let job_path = format!("/workspaces/{WORKSPACE}/sync-jobs/SITEWISE");
    let (mut transport, http_client) = transport(vec![
        ReplayEvent::new(
            request("POST", &job_path, Some(&format!(r#"{{"syncRole": "{ROLE}"}}"#))),
            response("create.response"),
        ),
        ReplayEvent::new(request("DELETE", &job_path, None), response("delete.response")),
    ]);
    let rt = runtime();
    let role = SyncRoleArn::parse(ROLE).unwrap();

    let created = rt.block_on(transport.create_sync_job(&job(), &role)).unwrap();
    assert_eq!(created.arn.as_str(), ARN);
    assert_eq!(created.state, SyncJobState::Creating);
    assert_eq!(micros(created.creation_date_time), 1_710_408_413_589_000);
    assert_eq!(created, CreateSyncJobResponse::decode(&recorded("create.response").body).unwrap());

    let deleted = rt.block_on(transport.delete_sync_job(&job())).unwrap();
    assert_eq!(deleted.state, SyncJobState::Deleting);
    assert_eq!(deleted, DeleteSyncJobResponse::decode(&recorded("delete.response").body).unwrap());

    http_client.assert_requests_match(&[]);
}

#[test]
fn a_missing_required_member_is_rejected_with_the_field_named() {
    let (mut transport, _) = transport(vec![get("get_missing_arn.response")]);
    let err = transport_error(runtime().block_on(transport.get_sync_job(&job())));
    let conversion = std::error::Error::source(&err).and_then(|s| s.downcast_ref::<ConversionError>()).unwrap();
    assert_eq!((conversion.shape(), conversion.field()), ("GetSyncJobOutput", "arn"));
    assert!(matches!(conversion.kind(), ConversionErrorKind::Missing { .. }));
    assert!(err.to_string().starts_with("GetSyncJob answered with a response this crate rejects"), "{err}");
}

#[test]
fn an_answer_for_another_job_is_a_transport_failure() {
    let (mut transport, http_client) =
        transport(vec![ReplayEvent::new(get_request("plant-floor-2"), response("get_active.response"))]);
    let other = SyncJobId::parse("plant-floor-2", "SITEWISE").unwrap();
    let err = transport_error(runtime().block_on(transport.get_sync_job(&other)));
    assert_eq!(err.to_string(), "GetSyncJob for plant-floor-2/SITEWISE answered for plant-floor-1/SITEWISE");
    http_client.assert_requests_match(&[]);
}

// ------------------------------------------------------------------------------------------------
// Errors
// ------------------------------------------------------------------------------------------------

#[test]
fn service_errors_become_api_errors_with_kind_message_and_status() {
    let (mut transport, _) = transport(vec![
        get("error_not_found.response"),
        get("error_throttling.response"),
        get("error_internal.response"),
        get("error_unknown_type.response"),
    ]);
    let rt = runtime();

    // The `:http://internal.amazon.com/...` suffix of the header is not part of the kind.
    let not_found = api_error(rt.block_on(transport.get_sync_job(&job())));
    assert_eq!(not_found.known_kind(), Some(ApiErrorKind::ResourceNotFound));
    assert_eq!(not_found.message, "Sync job SITEWISE not found in workspace plant-floor-1");
    assert_eq!(not_found.http_status, Some(404));

    let throttled = api_error(rt.block_on(transport.get_sync_job(&job())));
    assert_eq!(throttled.known_kind(), Some(ApiErrorKind::Throttling));
    assert_eq!(throttled.message, "Rate exceeded");
    assert_eq!(throttled.http_status, Some(429));

    let internal = api_error(rt.block_on(transport.get_sync_job(&job())));
    assert_eq!(internal.known_kind(), Some(ApiErrorKind::InternalServer));
    assert_eq!(internal.message, "An internal error occurred. Try again.");
    assert_eq!(internal.http_status, Some(500));

    // An exception the model does not declare keeps its name.
    let unknown = api_error(rt.block_on(transport.get_sync_job(&job())));
    assert_eq!(unknown.kind.as_str(), "SyncJobsPausedException");
    assert!(!unknown.kind.is_known());
    assert_eq!(unknown.http_status, Some(400));

    // The same answers as the crate's own HTTP error decoder gives.
    for (fixture, error) in [
        ("error_not_found.response", &not_found),
        ("error_throttling.response", &throttled),
        ("error_internal.response", &internal),
        ("error_unknown_type.response", &unknown),
    ] {
        let r = recorded(fixture);
        let header =
            r.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case("x-amzn-errortype")).map(|(_, v)| v.as_str());
        let decoded = twinmaker_syncjob::decode::decode_http_error(Some(r.status), header, &r.body).unwrap();
        assert_eq!(&decoded, error, "{fixture}");
    }
}

#[test]
fn create_conflict_is_an_api_error() {
    let path = format!("/workspaces/{WORKSPACE}/sync-jobs/SITEWISE");
    let (mut transport, _) = transport(vec![ReplayEvent::new(
        request("POST", &path, Some(&format!(r#"{{"syncRole": "{ROLE}"}}"#))),
        response("error_conflict.response"),
    )]);
    let role = SyncRoleArn::parse(ROLE).unwrap();
    let conflict = api_error(runtime().block_on(transport.create_sync_job(&job(), &role)));
    assert_eq!(conflict.known_kind(), Some(ApiErrorKind::Conflict));
    assert_eq!(conflict.http_status, Some(409));
}

#[test]
fn an_error_without_a_code_is_a_transport_failure_with_the_status() {
    let (mut transport, _) = transport(vec![get("error_no_code.response")]);
    let err = transport_error(runtime().block_on(transport.get_sync_job(&job())));
    let message = err.to_string();
    assert!(message.starts_with("GetSyncJob: a service error without an error code: "), "{message}");
    assert!(message.ends_with("(HTTP 503)"), "{message}");
}

#[test]
fn a_dispatch_failure_is_a_transport_failure_with_its_cause() {
    // No recorded exchange: the replay client fails the dispatch.
    let (mut transport, _) = transport(vec![]);
    let err = transport_error(runtime().block_on(transport.get_sync_job(&job())));
    let message = err.to_string();
    assert!(message.starts_with("GetSyncJob: dispatch failure"), "{message}");
    assert!(message.contains("no more test data available"), "{message}");
}

#[test]
fn a_timeout_is_a_transport_failure() {
    let config = config_builder()
        .http_client(NeverClient::new())
        .timeout_config(TimeoutConfig::builder().operation_timeout(Duration::from_millis(20)).build())
        .build();
    let mut transport = AwsTransport::new(Client::from_conf(config));
    let err = transport_error(runtime().block_on(transport.get_sync_job(&job())));
    assert!(err.to_string().starts_with("GetSyncJob: request has timed out"), "{err}");
}

// ------------------------------------------------------------------------------------------------
// The waiter over the SDK
// ------------------------------------------------------------------------------------------------

/// A virtual clock shared by `now` and `sleep_until`, `Send` so that the wait can be spawned.
#[derive(Clone)]
struct VirtualClock(Arc<Mutex<Instant>>);

impl VirtualClock {
    fn now(&self) -> Instant {
        *self.0.lock().unwrap()
    }

    fn sleep_until(&self, until: Instant) -> std::future::Ready<()> {
        let mut now = self.0.lock().unwrap();
        *now = (*now).max(until);
        std::future::ready(())
    }
}

/// Runs a wait for `goal` over `events` on a spawned task (so the whole wait must be `Send`),
/// returning the outcome, the retry delays and the replay client.
fn wait(goal: Goal, events: Vec<ReplayEvent>) -> (Outcome, Vec<Duration>, StaticReplayClient) {
    let (mut transport, http_client) = transport(events);
    let clock = VirtualClock(Arc::new(Mutex::new(Instant::now())));
    let task = async move {
        let (now, sleep) = (clock.clone(), clock.clone());
        let mut delays = Vec::new();
        let config = WaiterConfig::new(goal, Duration::from_secs(600)).unwrap();
        let outcome = wait_async(
            &mut transport,
            &job(),
            config,
            FixedJitter::MAX,
            move || now.now(),
            move |until| sleep.sleep_until(until),
            |event| {
                if let Event::Retry { delay, .. } = event {
                    delays.push(*delay);
                }
            },
        )
        .await;
        (outcome, delays)
    };
    let (outcome, delays) = runtime().block_on(async { tokio::spawn(task).await.unwrap() });
    (outcome, delays, http_client)
}

#[test]
fn wait_async_reaches_active_after_throttling_and_creating() {
    let (outcome, delays, http_client) = wait(
        Goal::Active,
        vec![get("error_throttling.response"), get("get_creating.response"), get("get_active.response")],
    );
    let Outcome::Success { snapshot: Some(snapshot), attempts, elapsed } = outcome else {
        panic!("expected success, got {outcome:?}");
    };
    assert_eq!(attempts, 3);
    assert_eq!(snapshot.status.known_state(), Some(SyncJobState::Active));
    assert_eq!(micros(snapshot.update_date_time), 1_710_408_787_021_000);
    // The Smithy backoff with the largest jitter: 2 s, then 4 s.
    assert_eq!(delays, [Duration::from_secs(2), Duration::from_secs(4)]);
    assert_eq!(elapsed, Duration::from_secs(6));
    http_client.assert_requests_match(&[]);
}

#[test]
fn wait_async_sees_the_job_deleted_through_a_404() {
    let (outcome, _, _) = wait(Goal::Deleted, vec![get("error_internal.response"), get("error_not_found.response")]);
    assert!(outcome.is_success(), "{outcome:?}");
    assert_eq!(outcome.attempts(), 2);
}

#[test]
fn wait_async_fails_on_the_error_state_with_its_code() {
    let (outcome, _, _) = wait(Goal::Active, vec![get("get_creating.response"), get("get_error.response")]);
    match outcome.failure() {
        Some(Failure::JobFailed { code, .. }) => {
            assert_eq!(code.as_ref().and_then(Open::known), Some(ErrorCode::SyncCreatingError));
        }
        other => panic!("expected the job to fail, got {other:?}"),
    }
}

// ------------------------------------------------------------------------------------------------
// Timestamps: the SDK's reading of wire numbers against the crate's
// ------------------------------------------------------------------------------------------------

/// 2^33 seconds, in microseconds: the range (years 1698 to 2242) over which the crate's
/// timestamps go through an `f64` of epoch seconds and back exactly.
const F64_EXACT_MICROS: i64 = (1 << 33) * 1_000_000;

proptest! {
    /// The SDK reads epoch-seconds numbers with `DateTime::from_secs_f64` (truncating to the
    /// nanosecond); after the conversion that is the same instant as the crate's own decoder reads.
    #[test]
    fn wire_epoch_numbers_read_by_the_sdk_convert_to_the_crate_reading(
        micros in -F64_EXACT_MICROS + 1..F64_EXACT_MICROS,
    ) {
        let t = Timestamp::from_unix_micros(micros).unwrap();
        // The number as the wire writes it, six decimals, parsed as the SDK's JSON reader does.
        let sign = if micros < 0 { "-" } else { "" };
        let magnitude = micros.unsigned_abs();
        let text = format!("{sign}{}.{:06}", magnitude / 1_000_000, magnitude % 1_000_000);
        let wire: f64 = text.parse().unwrap();
        let via_sdk = Timestamp::try_from(DateTime::from_secs_f64(wire)).unwrap();
        prop_assert_eq!(via_sdk, t);
        prop_assert_eq!(via_sdk, Timestamp::from_epoch_seconds_f64(wire).unwrap());
    }

    /// Rounding a `DateTime` is rounding the same instant as an `OffsetDateTime`.
    #[test]
    fn date_time_rounding_is_the_crate_rounding(
        seconds in -377_705_116_800i64..253_402_300_800,
        nanos in 0u32..1_000_000_000,
    ) {
        let via_sdk = Timestamp::try_from(DateTime::from_secs_and_nanos(seconds, nanos));
        let nanos_since_epoch = i128::from(seconds) * 1_000_000_000 + i128::from(nanos);
        let odt = time::OffsetDateTime::from_unix_timestamp_nanos(nanos_since_epoch).unwrap();
        prop_assert_eq!(via_sdk.ok(), Timestamp::from_offset_date_time(odt).ok());
    }

    /// Every timestamp goes to a `DateTime` and back unchanged.
    #[test]
    fn timestamps_round_trip_through_date_time(micros in Timestamp::MIN.unix_micros()..=Timestamp::MAX.unix_micros()) {
        let t = Timestamp::from_unix_micros(micros).unwrap();
        prop_assert_eq!(Timestamp::try_from(DateTime::from(t)).unwrap(), t);
    }
}
