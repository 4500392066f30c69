//! Property tests of decoding and encoding.
//!
//! - No decoder panics, on arbitrary bytes or on damaged valid documents, and every error it
//!   reports points inside the input.
//! - `decode(encode(x)) == x` for every payload type in every form (for [`ApiError`], the wire
//!   and canonical forms do not carry the HTTP status: see [`after_round_trip`]).
//! - Unknown enumeration values survive any chain of forms byte for byte; strict mode refuses
//!   exactly the documents that hold one.
//! - One instant, written in every accepted timestamp form, decodes to one value.
//! - Each identifier validator agrees with the model's regular expression (the `regex` crate is the
//!   oracle), on near misses of valid values and at the length bounds.
#![cfg(feature = "proptest")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed unwrap or index is a failed test (clippy.toml allows them in #[test] functions; this extends that to the helpers)"
)]

use std::sync::LazyLock;

use proptest::prelude::*;
use regex::Regex;
use time::format_description::FormatItem;
use time::macros::format_description;
use time::{OffsetDateTime, UtcOffset};
use twinmaker_syncjob::decode::{ApiErrorDocument, Decode, DecodeError, DecodeErrorKind, DecodeOptions, Document};
use twinmaker_syncjob::decode::{decode_api_error, decode_http_error};
use twinmaker_syncjob::encode::{Encode, Form};
use twinmaker_syncjob::model::{
    ApiError, ApiErrorKind, ConstraintError, CreateSyncJobResponse, DeleteSyncJobResponse, ErrorMessage,
    ListSyncJobsPage, Open, SyncJobArn, SyncJobSnapshot, SyncJobSummary, SyncRoleArn, SyncSource, Timestamp,
    WorkspaceId,
};
use twinmaker_syncjob::testkit::values::{
    self as strategies, EDGE_CHARS, WIRE_EXACT_MICROS, api_error, api_error_document, at_lengths, create_response,
    delete_response, document, edge_char, error_message_string, near_miss, page, snapshot, summary,
    sync_job_arn_string, sync_role_arn_string, sync_source_string, timestamp, workspace_id_string,
};

const FORMS: [Form; 3] = [Form::Wire, Form::Cli, Form::Canonical];

// ---------------------------------------------------------------------------------------------
// No panics, on any input.

/// Runs every decoder on `input`, in both modes; panics (failing the property) only if a decoder
/// does, or reports an error outside the input.
fn decode_everything(input: &[u8], status: Option<u16>, header: Option<&str>) {
    for options in [DecodeOptions::new(), DecodeOptions::new().strict(true)] {
        let results: [Result<(), DecodeError>; 8] = [
            Document::decode_with(input, &options).map(drop),
            SyncJobSnapshot::decode_with(input, &options).map(drop),
            SyncJobSummary::decode_with(input, &options).map(drop),
            ListSyncJobsPage::decode_with(input, &options).map(drop),
            CreateSyncJobResponse::decode_with(input, &options).map(drop),
            DeleteSyncJobResponse::decode_with(input, &options).map(drop),
            ApiError::decode_with(input, &options).map(drop),
            ApiErrorDocument::decode_with(input, &options).map(drop),
        ];
        for err in results.iter().filter_map(|r| r.as_ref().err()) {
            check_location(input, err);
        }
    }
    for result in [decode_api_error(input).map(drop), decode_http_error(status, header, input).map(drop)] {
        if let Err(err) = result {
            check_location(input, &err);
        }
    }
}

/// An error's line and column lie within the input (a column may be one past a line's end).
fn check_location(input: &[u8], err: &DecodeError) {
    let _ = err.to_string();
    let lines: Vec<&[u8]> = input.split(|b| *b == b'\n').collect();
    assert!(err.line() >= 1 && err.line() <= lines.len().max(1), "line {} of {}: {err}", err.line(), lines.len());
    let line_len = lines.get(err.line() - 1).map_or(0, |line| line.len());
    assert!(err.column() >= 1 && err.column() <= line_len + 1, "column {} of {line_len}: {err}", err.column());
}

/// Damages a valid document: flips, inserts or deletes bytes, or cuts it.
fn damaged(doc: impl Strategy<Value = Vec<u8>>) -> impl Strategy<Value = Vec<u8>> {
    let damage = prop_oneof![
        (any::<prop::sample::Index>(), any::<u8>()).prop_map(|(at, b)| (0_u8, at, b)),
        (any::<prop::sample::Index>(), any::<u8>()).prop_map(|(at, b)| (1_u8, at, b)),
        any::<prop::sample::Index>().prop_map(|at| (2_u8, at, 0)),
        any::<prop::sample::Index>().prop_map(|at| (3_u8, at, 0)),
    ];
    (doc, prop::collection::vec(damage, 1..4)).prop_map(|(mut bytes, damages)| {
        for (what, at, byte) in damages {
            if bytes.is_empty() {
                bytes.push(byte);
                continue;
            }
            match what {
                0 => {
                    let i = at.index(bytes.len());
                    bytes[i] = byte;
                }
                1 => bytes.insert(at.index(bytes.len() + 1), byte),
                2 => {
                    bytes.remove(at.index(bytes.len()));
                }
                _ => bytes.truncate(at.index(bytes.len() + 1)),
            }
        }
        bytes
    })
}

/// Valid documents of every shape and form, as bytes.
fn encoded_document() -> impl Strategy<Value = Vec<u8>> {
    (document(), prop::sample::select(&FORMS[..])).prop_map(|(doc, form)| doc.encode(form).into_bytes())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(
        input in prop::collection::vec(any::<u8>(), 0..512),
        status in any::<Option<u16>>(),
        header in prop::option::of("(?s).{0,40}"),
    ) {
        decode_everything(&input, status, header.as_deref());
    }

    #[test]
    fn json_like_text_never_panics(input in r#"[\[\]{}":,0-9eE.+\- a-zA-Z_#\\]{0,200}"#) {
        decode_everything(input.as_bytes(), None, Some("ThrottlingException"));
    }

    #[test]
    fn damaged_documents_never_panic(input in damaged(encoded_document())) {
        decode_everything(&input, Some(500), None);
    }
}

// ---------------------------------------------------------------------------------------------
// decode(encode(x)) == x.

/// What decoding `error` encoded in `form` gives back: the wire and canonical forms carry no
/// HTTP status (on the wire it travels in the status line), so decoding supplies the one the
/// model gives a known kind, and none for an unknown kind; the CLI form carries it as boto3's
/// `ResponseMetadata.HTTPStatusCode`, absent when `None`, in which case decoding supplies the
/// model's status for a known kind too.
fn after_round_trip(error: &ApiError, form: Form) -> ApiError {
    let default = error.kind.known().map(ApiErrorKind::http_status);
    let http_status = match form {
        Form::Wire | Form::Canonical => default,
        Form::Cli => error.http_status.or(default),
    };
    ApiError { http_status, ..error.clone() }
}

fn document_after_round_trip(doc: &Document, form: Form) -> Document {
    match doc {
        Document::Error(e) => {
            Document::Error(ApiErrorDocument { error: after_round_trip(&e.error, form), ..e.clone() })
        }
        other => other.clone(),
    }
}

fn round_trip<T: Encode + Decode>(value: &T, form: Form) -> Result<T, DecodeError> {
    T::decode_str(&value.encode(form))
}

proptest! {
    #[test]
    fn snapshots_round_trip(x in snapshot()) {
        for form in FORMS {
            prop_assert_eq!(round_trip(&x, form), Ok(x.clone()), "{:?}: {}", form, x.encode(form));
        }
    }

    #[test]
    fn summaries_round_trip(x in summary()) {
        for form in FORMS {
            prop_assert_eq!(round_trip(&x, form), Ok(x.clone()), "{:?}: {}", form, x.encode(form));
        }
    }

    #[test]
    fn pages_round_trip(x in page()) {
        for form in FORMS {
            prop_assert_eq!(round_trip(&x, form), Ok(x.clone()), "{:?}: {}", form, x.encode(form));
        }
    }

    #[test]
    fn create_responses_round_trip(x in create_response()) {
        for form in FORMS {
            prop_assert_eq!(round_trip(&x, form), Ok(x.clone()), "{:?}: {}", form, x.encode(form));
        }
    }

    #[test]
    fn delete_responses_round_trip(x in delete_response()) {
        for form in FORMS {
            prop_assert_eq!(round_trip(&x, form), Ok(x.clone()), "{:?}: {}", form, x.encode(form));
        }
    }

    #[test]
    fn api_errors_round_trip(x in api_error()) {
        for form in FORMS {
            prop_assert_eq!(round_trip(&x, form), Ok(after_round_trip(&x, form)), "{:?}: {}", form, x.encode(form));
        }
    }

    #[test]
    fn api_error_documents_round_trip(x in api_error_document()) {
        for form in FORMS {
            let expected = ApiErrorDocument { error: after_round_trip(&x.error, form), ..x.clone() };
            prop_assert_eq!(round_trip(&x, form), Ok(expected), "{:?}: {}", form, x.encode(form));
        }
    }

    /// A document decoded with detection comes back as the same variant, and the typed decoder
    /// of that variant agrees.
    #[test]
    fn documents_round_trip_and_agree_with_the_typed_decoders(x in document()) {
        for form in FORMS {
            let text = x.encode(form);
            let decoded = Document::decode_str(&text);
            prop_assert_eq!(&decoded, &Ok(document_after_round_trip(&x, form)), "{:?}: {}", form, text);
            let typed = match &x {
                Document::SyncJob(_) => SyncJobSnapshot::decode_str(&text).map(Document::SyncJob),
                Document::Summary(_) => SyncJobSummary::decode_str(&text).map(Document::Summary),
                Document::Page(_) => ListSyncJobsPage::decode_str(&text).map(Document::Page),
                Document::Created(_) => CreateSyncJobResponse::decode_str(&text).map(Document::Created),
                Document::Deleted(_) => DeleteSyncJobResponse::decode_str(&text).map(Document::Deleted),
                Document::Error(_) => ApiErrorDocument::decode_str(&text).map(Document::Error),
            };
            prop_assert_eq!(typed, decoded);
        }
    }

    /// Re-encoding what was decoded gives the same text: decoding loses nothing the encoder wrote.
    #[test]
    fn encoding_is_stable(x in document()) {
        for form in FORMS {
            let once = x.encode(form);
            let decoded = Document::decode_str(&once).map_err(|err| TestCaseError::fail(err.to_string()))?;
            let twice = decoded.encode(form);
            if let Document::Error(_) = x {
                // The status the decoder supplied may now appear in the CLI form.
                prop_assert_eq!(Document::decode_str(&twice), Ok(decoded));
            } else {
                prop_assert_eq!(twice, once);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Unknown enumeration values, and strict mode.

/// Every raw enumeration string a document holds, as decoded: unknown ones flagged.
fn enum_values(doc: &SyncJobSnapshot) -> Vec<(String, bool)> {
    let mut out = vec![(doc.sync_source.as_str().to_owned(), doc.sync_source.is_known())];
    if let Some(state) = &doc.status.state {
        out.push((state.as_str().to_owned(), state.is_known()));
    }
    if let Some(code) = doc.status.error.as_ref().and_then(|e| e.code.as_ref()) {
        out.push((code.as_str().to_owned(), code.is_known()));
    }
    out
}

fn with_unknown_values() -> impl Strategy<Value = SyncJobSnapshot> {
    (
        snapshot(),
        strategies::unknown::<twinmaker_syncjob::model::SyncJobState>(strategies::unknown_enum_string()),
        strategies::unknown::<twinmaker_syncjob::model::ErrorCode>(strategies::unknown_enum_string()),
        strategies::unknown::<SyncSource>("[a-zA-Z_0-9]{1,24}"),
        0..8_u8,
    )
        .prop_map(|(mut job, state, code, source, which)| {
            if which & 1 != 0 {
                job.status.state = Some(state);
            }
            if which & 2 != 0 {
                job.status.error.get_or_insert_with(Default::default).code = Some(code);
            }
            if which & 4 != 0 {
                job.sync_source = source;
            }
            job
        })
}

proptest! {
    /// Through any chain of forms, unknown values keep every byte.
    #[test]
    fn unknown_values_survive_every_chain_of_forms(
        job in with_unknown_values(),
        chain in prop::collection::vec(prop::sample::select(&FORMS[..]), 1..4),
    ) {
        let mut current = job.clone();
        for form in chain {
            let text = current.encode(form);
            for (raw, known) in enum_values(&current) {
                if !known {
                    // Written back exactly: the JSON string of the raw value appears as is.
                    let quoted = serde_json::to_string(&raw).map_err(|err| TestCaseError::fail(err.to_string()))?;
                    prop_assert!(text.contains(&quoted), "{} not in {}", quoted, text);
                }
            }
            current = SyncJobSnapshot::decode_str(&text).map_err(|err| TestCaseError::fail(err.to_string()))?;
        }
        prop_assert_eq!(enum_values(&current), enum_values(&job));
        prop_assert_eq!(current, job);
    }

    /// Strict mode refuses a document if and only if it holds an unknown value, and says which.
    #[test]
    fn strict_mode_refuses_exactly_the_unknown_values(job in with_unknown_values(), form in prop::sample::select(&FORMS[..])) {
        let strict = DecodeOptions::new().strict(true);
        let result = SyncJobSnapshot::decode_with(job.encode(form).as_bytes(), &strict);
        let unknown: Vec<String> = enum_values(&job).into_iter().filter(|(_, known)| !known).map(|(raw, _)| raw).collect();
        match result {
            Ok(decoded) => {
                prop_assert!(unknown.is_empty(), "accepted {:?}", unknown);
                prop_assert_eq!(decoded, job);
            }
            Err(err) => match err.kind() {
                DecodeErrorKind::UnknownEnumValue { value, .. } => prop_assert!(unknown.contains(value)),
                other => prop_assert!(false, "unexpected error {:?}", other),
            },
        }
    }

    #[test]
    fn unknown_exception_names_survive_every_form(
        kind in strategies::unknown::<ApiErrorKind>(strategies::unknown_exception_string()),
        message in any::<String>(),
        form in prop::sample::select(&FORMS[..]),
    ) {
        let error = ApiError { kind, message, http_status: None };
        let decoded = ApiError::decode_str(&error.encode(form)).map_err(|err| TestCaseError::fail(err.to_string()))?;
        prop_assert_eq!(decoded.kind.as_str(), error.kind.as_str());
        prop_assert!(!decoded.kind.is_known());
        prop_assert_eq!(decoded, error);
    }
}

// ---------------------------------------------------------------------------------------------
// One instant, every form.

const CLI_FORMAT: &[FormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]+00:00");
const BOTO3_FORMAT: &[FormatItem<'static>] =
    format_description!("[year]-[month]-[day] [hour]:[minute]:[second].[subsecond digits:6]+00:00");
const BOTO3_WHOLE_FORMAT: &[FormatItem<'static>] =
    format_description!("[year]-[month]-[day] [hour]:[minute]:[second]+00:00");
const Z_NANOS_FORMAT: &[FormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:9]Z");
const OFFSET_FORMAT: &[FormatItem<'static>] = format_description!(
    "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3][offset_hour sign:mandatory]:[offset_minute]"
);

/// The decimal digits of `micros` as epoch seconds: sign, whole part, six fraction digits.
fn decimal_seconds(micros: i64) -> (bool, String, String) {
    let negative = micros < 0;
    let abs = micros.unsigned_abs();
    (negative, (abs / 1_000_000).to_string(), format!("{:06}", abs % 1_000_000))
}

/// Every way the wire may write `micros` as a JSON number: fixed point with six digits, with
/// trailing zeros trimmed, in exponent form (`E`, `e`, `e+`), and as an integer for whole seconds.
fn wire_numbers(micros: i64) -> Vec<String> {
    let (negative, whole, fraction) = decimal_seconds(micros);
    let sign = if negative { "-" } else { "" };
    let mut out = vec![format!("{sign}{whole}.{fraction}")];
    let trimmed = fraction.trim_end_matches('0');
    if trimmed.is_empty() {
        out.push(format!("{sign}{whole}"));
        out.push(format!("{sign}{whole}.0"));
    } else {
        out.push(format!("{sign}{whole}.{trimmed}"));
    }
    // d.dddE(n): all significant digits after the first, exponent from the whole part's length.
    let digits = format!("{whole}{trimmed}");
    let digits = digits.trim_start_matches('0');
    if !digits.is_empty() {
        let (first, rest) = digits.split_at(1);
        let exponent = i64::try_from(digits.len()).unwrap() - 1 - i64::try_from(trimmed.len()).unwrap();
        let mantissa = if rest.is_empty() { first.to_owned() } else { format!("{first}.{rest}") };
        out.push(format!("{sign}{mantissa}E{exponent}"));
        out.push(format!("{sign}{mantissa}e{exponent}"));
        if exponent >= 0 {
            out.push(format!("{sign}{mantissa}e+{exponent}"));
        }
    }
    out
}

/// Every string form of the instant: the AWS CLI's, boto3's `str(datetime)` (with the fraction
/// left out for whole seconds, as Python does), RFC 3339 with `Z` and nine digits, and another
/// offset at millisecond precision when the instant has it.
fn string_forms(t: OffsetDateTime) -> Vec<String> {
    let mut out =
        vec![t.format(CLI_FORMAT).unwrap(), t.format(BOTO3_FORMAT).unwrap(), t.format(Z_NANOS_FORMAT).unwrap()];
    if t.nanosecond() == 0 {
        out.push(t.format(BOTO3_WHOLE_FORMAT).unwrap());
    }
    if t.nanosecond().is_multiple_of(1_000_000) {
        for offset in [UtcOffset::from_hms(5, 30, 0).unwrap(), UtcOffset::from_hms(-8, 0, 0).unwrap()] {
            if let Some(shifted) = t.checked_to_offset(offset) {
                // Years outside 0000-9999 have no RFC 3339 string.
                if (0..=9999).contains(&shifted.year()) {
                    out.push(shifted.format(OFFSET_FORMAT).unwrap());
                }
            }
        }
    }
    out
}

fn decoded_instant(raw_json_value: &str) -> Result<Option<Timestamp>, DecodeError> {
    let doc = format!(r#"{{"creationDateTime":{raw_json_value}}}"#);
    SyncJobSummary::decode_str(&doc).map(|s| s.creation_date_time)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn one_instant_in_every_form_decodes_equal(t in timestamp()) {
        let micros = t.unix_micros();
        let odt = OffsetDateTime::from_unix_timestamp_nanos(i128::from(micros) * 1000).unwrap();
        let mut forms = wire_numbers(micros);
        // Strings exist for the years 0000 to 9999 only.
        if (0..=9999).contains(&odt.year()) {
            forms.extend(string_forms(odt).into_iter().map(|s| format!("\"{s}\"")));
        }
        for form in &forms {
            prop_assert_eq!(decoded_instant(form), Ok(Some(t)), "{}", form);
        }
    }

    /// Digits beyond the microsecond round to the nearest one, a half up (toward the later instant).
    #[test]
    fn sub_microsecond_digits_round_half_up(
        t in timestamp(),
        nanos in prop_oneof![0..1000_i64, prop::sample::select(&[0_i64, 1, 499, 500, 501, 999][..])],
    ) {
        let micros = t.unix_micros();
        let odt = OffsetDateTime::from_unix_timestamp_nanos(i128::from(micros) * 1000 + i128::from(nanos)).unwrap();
        prop_assume!((0..=9999).contains(&odt.year()));
        let expected = micros + i64::from(nanos >= 500);
        let text = format!("\"{}\"", odt.format(Z_NANOS_FORMAT).unwrap());
        prop_assert_eq!(decoded_instant(&text).map(|t| t.map(Timestamp::unix_micros)), Ok(Some(expected)), "{}", text);
    }

    /// The wire's `f64` epoch seconds come back exactly for every instant in the strategy's range.
    #[test]
    fn the_wire_float_is_exact_within_two_to_the_33_seconds(micros in -WIRE_EXACT_MICROS..=WIRE_EXACT_MICROS) {
        let t = Timestamp::from_unix_micros(micros).unwrap();
        prop_assert_eq!(Timestamp::from_epoch_seconds_f64(t.epoch_seconds_f64()), Ok(t));
    }
}

// ---------------------------------------------------------------------------------------------
// The validators against the model's regular expressions.

/// The model's patterns (reference sheet, "Constraints"), compiled by the oracle.
static WORKSPACE_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[a-zA-Z_0-9][a-zA-Z_\-0-9]*[a-zA-Z0-9]+$").unwrap());
static SYNC_SOURCE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[a-zA-Z_0-9]+$").unwrap());
/// The role pattern ends in "anything": it is not anchored at the end.
static ROLE_ARN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^arn:((aws)|(aws-cn)|(aws-us-gov)):iam::[0-9]{12}:role/").unwrap());
static TWINMAKER_ARN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^arn:((aws)|(aws-cn)|(aws-us-gov)):iottwinmaker:[a-z0-9-]+:[0-9]{12}:[\/a-zA-Z0-9_\-\.:]+$").unwrap()
});

/// Lengths count characters (Unicode scalar values), as Smithy does.
fn length_within(s: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&s.chars().count())
}

/// Checks that a rejection describes the value correctly.
fn check_report(s: &str, err: &ConstraintError) -> Result<(), TestCaseError> {
    match err {
        ConstraintError::Length { len, .. } => prop_assert_eq!(*len, s.chars().count()),
        ConstraintError::Pattern { position, detail, .. } => {
            prop_assert_eq!(*position, detail.position);
            prop_assert!(*position <= s.chars().count());
            prop_assert_eq!(detail.found, s.chars().nth(*position), "{:?} at {}", s, position);
        }
        other => prop_assert!(false, "unexpected {:?}", other),
    }
    Ok(())
}

fn edge_or_word_char() -> impl Strategy<Value = char> {
    prop_oneof![prop::sample::select(EDGE_CHARS), prop::char::range('a', 'z')]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    #[test]
    fn workspace_id_agrees_with_the_model_regex(
        s in prop_oneof![
            near_miss(workspace_id_string()),
            at_lengths(workspace_id_string(), vec![0, 1, 2, 127, 128, 129], edge_or_word_char()),
            "(?s).{0,6}",
        ]
    ) {
        let expected = WORKSPACE_ID.is_match(&s) && length_within(&s, 1, 128);
        let got = WorkspaceId::parse(&s);
        prop_assert_eq!(got.is_ok(), expected, "{:?}: {:?}", s, got);
        match got {
            Ok(id) => prop_assert_eq!(id.as_str(), s.as_str()),
            Err(err) => check_report(&s, &err)?,
        }
    }

    #[test]
    fn sync_source_agrees_with_the_model_regex(
        s in prop_oneof![near_miss(sync_source_string()), "(?s).{0,4}"]
    ) {
        let expected = SYNC_SOURCE.is_match(&s);
        let got = Open::<SyncSource>::parse(&s);
        prop_assert_eq!(got.is_ok(), expected, "{:?}: {:?}", s, got);
        match got {
            Ok(source) => prop_assert_eq!(source.as_str(), s.as_str()),
            Err(err) => check_report(&s, &err)?,
        }
    }

    #[test]
    fn sync_role_arn_agrees_with_the_model_regex(
        s in prop_oneof![
            near_miss(sync_role_arn_string()),
            at_lengths(sync_role_arn_string(), vec![19, 20, 21, 2047, 2048, 2049], edge_char()),
        ]
    ) {
        let expected = ROLE_ARN.is_match(&s) && length_within(&s, 20, 2048);
        let got = SyncRoleArn::parse(&s);
        prop_assert_eq!(got.is_ok(), expected, "{:?}: {:?}", s, got);
        match got {
            Ok(arn) => prop_assert_eq!(arn.as_str(), s.as_str()),
            Err(err) => check_report(&s, &err)?,
        }
    }

    #[test]
    fn sync_job_arn_agrees_with_the_model_regex(
        s in prop_oneof![
            near_miss(sync_job_arn_string()),
            at_lengths(sync_job_arn_string(), vec![19, 20, 21, 2047, 2048, 2049], prop_oneof![Just('a'), edge_char()]),
        ]
    ) {
        let expected = TWINMAKER_ARN.is_match(&s) && length_within(&s, 20, 2048);
        let got = SyncJobArn::parse(&s);
        prop_assert_eq!(got.is_ok(), expected, "{:?}: {:?}", s, got);
        match got {
            Ok(arn) => {
                prop_assert_eq!(arn.as_str(), s.as_str());
                // The accessors split what the pattern matched.
                let rebuilt = format!(
                    "arn:{}:iottwinmaker:{}:{}:{}", arn.partition(), arn.region(), arn.account_id(), arn.resource()
                );
                prop_assert_eq!(rebuilt, s);
            }
            Err(err) => check_report(&s, &err)?,
        }
    }

    #[test]
    fn error_message_length_agrees_with_the_model(
        s in prop_oneof![
            error_message_string(),
            at_lengths(error_message_string(), vec![0, 2047, 2048, 2049, 2050], edge_char()),
            near_miss(error_message_string()),
        ]
    ) {
        let expected = length_within(&s, 0, 2048);
        let got = ErrorMessage::parse(&s);
        prop_assert_eq!(got.is_ok(), expected, "{} characters: {:?}", s.chars().count(), got);
        if let Err(err) = got {
            check_report(&s, &err)?;
        }
    }
}

/// The near-miss generator does produce both sides of each pattern, so the oracle tests above
/// compare on accepted and rejected strings alike.
#[test]
fn near_misses_fall_on_both_sides_of_the_patterns() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = near_miss(workspace_id_string());
    let (mut accepted, mut rejected) = (0, 0);
    for _ in 0..500 {
        let s = strategy.new_tree(&mut runner).unwrap().current();
        if WorkspaceId::parse(&s).is_ok() {
            accepted += 1;
        } else {
            rejected += 1;
        }
    }
    assert!(accepted > 50 && rejected > 50, "accepted {accepted}, rejected {rejected}");
}
