//! End-to-end tests of the `syncjob` binary: exact JSON reports, exit codes, inputs.
#![cfg(feature = "cli")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, reason = "test code")]

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const DIR: &str = "tests/fixtures/cli";

fn syncjob(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_syncjob"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or_default()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stdout)))
}

fn expected(name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(format!("{DIR}/expected/{name}.json")).unwrap()).unwrap()
}

/// Every rule of the checker, one fixture each, against the reviewed report.
#[test]
fn check_reports_are_exact() {
    for (name, code) in
        [("mixed", 2), ("identity", 1), ("times", 1), ("incarnations", 1), ("warnings", 0), ("errors", 2), ("page", 0)]
    {
        let out = syncjob(&["check", "--format", "json", &format!("{DIR}/{name}.jsonl")], None);
        assert_eq!(out.status.code(), Some(code), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(json(&out), expected(name), "{name}");
    }
}

#[test]
fn the_report_has_the_documented_shape() {
    let report = json(&syncjob(&["check", "--format", "json", &format!("{DIR}/mixed.jsonl")], None));
    let job = &report["jobs"][0];
    assert_eq!(job["finalState"], "CREATING");
    assert_eq!(job["transitions"][0]["via"], serde_json::json!(["INITIALIZING"]));
    assert_eq!(job["violations"][0]["kind"], "illegal_transition");
    assert_eq!(job["violations"][0]["line"], 5);
    assert_eq!(job["warnings"][0]["kind"], "unknown_state");
    assert_eq!(report["malformed"][0]["line"], 7);
    assert_eq!(report["malformed"][0]["column"], 10);
    assert_eq!(
        report["summary"],
        serde_json::json!({"lines": 9, "jobs": 1, "violations": 1, "warnings": 1, "malformed": 1})
    );
}

#[test]
fn strict_turns_warnings_into_violations() {
    let out = syncjob(&["check", "--format", "json", "--strict", &format!("{DIR}/warnings.jsonl")], None);
    assert_eq!(out.status.code(), Some(1));
    let report = json(&out);
    assert_eq!(report, expected("warnings.strict"));
    let kinds: Vec<_> = report["jobs"][0]["violations"].as_array().unwrap().iter().map(|v| v["kind"].clone()).collect();
    assert_eq!(kinds, ["error_details_missing", "error_details_unexpected", "unknown_error_code"]);
}

#[test]
fn files_are_one_stream_and_unreadable_ones_do_not_stop_the_rest() {
    let out = syncjob(
        &[
            "check",
            "--format",
            "json",
            &format!("{DIR}/part1.jsonl"),
            &format!("{DIR}/missing.jsonl"),
            &format!("{DIR}/part2.jsonl"),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(json(&out), expected("parts"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.jsonl"));
}

#[test]
fn standard_input() {
    let trace = std::fs::read(format!("{DIR}/identity.jsonl")).unwrap();
    for args in [&["check", "--format", "json"][..], &["check", "--format", "json", "-"][..]] {
        let out = syncjob(args, Some(&trace));
        assert_eq!(out.status.code(), Some(1));
        let report = json(&out);
        assert_eq!(report["jobs"][0]["violations"][0]["file"], "-");
        assert_eq!(report["jobs"][0]["violations"][0]["kind"], "identity_changed");
    }
}

#[test]
fn text_output_is_a_timeline() {
    let out = syncjob(&["check", &format!("{DIR}/mixed.jsonl")], None);
    let text = String::from_utf8(out.stdout).unwrap();
    let expected = "\
w1/SITEWISE  arn:aws:iottwinmaker:us-east-1:123456789012:workspace/w1/sync-job/SITEWISE  final CREATING, 1 incarnation, 6 observations
  tests/fixtures/cli/mixed.jsonl:2  skip CREATING -> ACTIVE via INITIALIZING
  tests/fixtures/cli/mixed.jsonl:3  warning unknown_state: a state this library does not know (or none): the transitions into and out of it are not judged
  tests/fixtures/cli/mixed.jsonl:5  VIOLATION illegal_transition ACTIVE -> CREATING: ACTIVE cannot be followed by CREATING within one incarnation (no path in the lifecycle policy); if the service really did this, the job or the policy needs a look
malformed:
  tests/fixtures/cli/mixed.jsonl:7:10  arn: invalid type: integer `12`, expected an ARN string
summary: 9 lines, 1 job, 1 violation, 1 warning, 1 malformed
";
    assert_eq!(text, expected);
    assert!(!text.contains('\x1b'), "no colour when NO_COLOR is set or stdout is not a terminal");
}

#[test]
fn the_bundled_examples_behave_as_the_readme_says() {
    for (file, code) in [("healthy", 0), ("failed-and-recreated", 0), ("violation", 1)] {
        let out = syncjob(&["check", &format!("docs/examples/{file}.jsonl")], None);
        assert_eq!(out.status.code(), Some(code), "{file}");
    }
}

#[test]
fn documented_policy() {
    let trace = std::fs::read(format!("{DIR}/part1.jsonl")).unwrap();
    let mut trace = trace;
    trace.extend_from_slice(&std::fs::read(format!("{DIR}/part2.jsonl")).unwrap().replace_state("DELETING"));
    let default = json(&syncjob(&["check", "--format", "json"], Some(&trace)));
    assert_eq!(default["jobs"][0]["transitions"][0]["kind"], "step");
    let documented = json(&syncjob(&["check", "--format", "json", "--policy", "documented"], Some(&trace)));
    assert_eq!(documented["jobs"][0]["transitions"][0]["kind"], "skip");
    assert_eq!(documented["jobs"][0]["transitions"][0]["via"], serde_json::json!(["ERROR"]));
}

trait ReplaceState {
    fn replace_state(self, state: &str) -> Vec<u8>;
}

impl ReplaceState for Vec<u8> {
    fn replace_state(self, state: &str) -> Vec<u8> {
        String::from_utf8(self).unwrap().replace("INITIALIZING", state).into_bytes()
    }
}

#[test]
fn decode_prints_the_canonical_form_and_goes_on_after_errors() {
    let input = concat!(
        r#"{"ResponseMetadata": {"HTTPStatusCode": 200}, "updateDateTime": "2023-01-01 00:00:01.500000+00:00", "creationDateTime": 1672531200, "status": {"error": {"message": "m", "code": "SYNC_CREATING_ERROR"}, "state": "ERROR"}, "syncRole": "arn:aws:iam::123456789012:role/r", "syncSource": "SITEWISE", "workspaceId": "w1", "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/w1/sync-job/SITEWISE"}"#,
        "\n\n",
        r#"{"state": "DELETING", "arn": 5}"#,
        "\n",
        r#"{"Error": {"Code": "ThrottlingException", "Message": "Rate exceeded"}, "ResponseMetadata": {"HTTPStatusCode": 400}}"#,
        "\n",
        r#"{"syncJobSummaries": [{"creationDateTime": 1.6725312001E9, "workspaceId": "w1"}]}"#,
        "\n"
    );
    let out = syncjob(&["decode"], Some(input.as_bytes()));
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        stdout,
        concat!(
            r#"{"arn":"arn:aws:iottwinmaker:us-east-1:123456789012:workspace/w1/sync-job/SITEWISE","workspaceId":"w1","syncSource":"SITEWISE","syncRole":"arn:aws:iam::123456789012:role/r","status":{"state":"ERROR","error":{"code":"SYNC_CREATING_ERROR","message":"m"}},"creationDateTime":"2023-01-01T00:00:00Z","updateDateTime":"2023-01-01T00:00:01.5Z"}"#,
            "\n",
            r#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#,
            "\n",
            r#"{"syncJobSummaries":[{"workspaceId":"w1","creationDateTime":"2023-01-01T00:00:00.1Z"}]}"#,
            "\n"
        )
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("-:3:30: "), "{stderr}");
}

#[test]
fn decode_strict_rejects_unknown_values() {
    let out = syncjob(&["decode", "--strict"], Some(br#"{"state": "PAUSED"}"#));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown SyncJobState value \"PAUSED\""));
    let out = syncjob(&["decode"], Some(br#"{"state": "PAUSED"}"#));
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(out.stdout, b"{\"state\":\"PAUSED\"}\n");
}

#[test]
fn explain_known_and_unknown() {
    let out = syncjob(&["explain", "SYNC_INITIALIZING_ERROR", "--format", "json"], None);
    assert_eq!(out.status.code(), Some(0));
    let e = json(&out);
    assert_eq!(
        (e["kind"].as_str(), e["phase"].as_str(), e["known"].as_bool()),
        (Some("error_code"), Some("INITIALIZING"), Some(true))
    );
    let e = json(&syncjob(&["explain", "ThrottlingException", "--format", "json"], None));
    assert_eq!((e["kind"].as_str(), e["retryable"].as_bool()), (Some("api_exception"), Some(true)));
    let e = json(&syncjob(&["explain", "SOMETHING_NEW", "--format", "json"], None));
    assert_eq!(
        (e["known"].as_bool(), e["phase"].as_str(), e["fault"].as_str()),
        (Some(false), Some("ANY"), Some("unknown"))
    );
    let e = json(&syncjob(&["explain", "QuotaBustedException", "--format", "json"], None));
    assert_eq!(
        (e["kind"].as_str(), e["known"].as_bool(), e["retryable"].as_bool()),
        (Some("api_exception"), Some(false), Some(false))
    );
    let text = syncjob(&["explain", "INTERNAL_FAILURE"], None);
    assert!(String::from_utf8_lossy(&text.stdout).contains("fault:     service"));
}

#[test]
fn diagram_marks_inferred_edges() {
    let mermaid = String::from_utf8(syncjob(&["diagram"], None).stdout).unwrap();
    assert!(mermaid.starts_with("flowchart"));
    assert!(mermaid.contains("-.->"), "inferred edges are dashed: {mermaid}");
    let documented = String::from_utf8(syncjob(&["diagram", "--policy", "documented"], None).stdout).unwrap();
    assert!(!documented.contains("-.->"), "{documented}");
    let dot = String::from_utf8(syncjob(&["diagram", "--format", "dot"], None).stdout).unwrap();
    assert!(dot.starts_with("digraph"), "{dot}");
    assert!(dot.contains("dashed"));
}

#[test]
fn invalid_arguments_are_usage_errors() {
    for args in [
        &["check", "--policy", "lenient"][..],
        &["frobnicate"][..],
        &["explain"][..],
        &["check", "--format", "xml"][..],
    ] {
        let out = syncjob(args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).starts_with("error: "), "{args:?}");
    }
}

#[test]
fn simulate_then_check_finds_no_violation_for_any_seed() {
    for seed in 0..24u64 {
        for (faults, format) in [
            ("none", "wire"),
            ("all", "cli"),
            ("throttling,recreate", "wire"),
            ("error=SYNC_INITIALIZING_ERROR", "cli"),
        ] {
            let args = ["simulate", "--seed", &seed.to_string(), "--jobs", "3", "--faults", faults, "--format", format];
            let trace = syncjob(&args, None);
            assert_eq!(trace.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&trace.stderr));
            assert!(!trace.stdout.is_empty());
            let check = syncjob(&["check", "--format", "json", "--strict"], Some(&trace.stdout));
            let report = json(&check);
            assert_eq!(check.status.code(), Some(0), "{args:?}: {}", report["jobs"]);
            assert_eq!(report["summary"]["jobs"], 3, "{args:?}");
        }
    }
}

#[test]
fn simulate_is_deterministic_and_speaks_both_forms() {
    let a = syncjob(&["simulate", "--seed", "9", "--jobs", "2", "--faults", "all"], None);
    let b = syncjob(&["simulate", "--seed", "9", "--jobs", "2", "--faults", "all"], None);
    assert_eq!(a.stdout, b.stdout);
    let c = syncjob(&["simulate", "--seed", "10", "--jobs", "2", "--faults", "all"], None);
    assert_ne!(a.stdout, c.stdout);
    let cli = String::from_utf8(syncjob(&["simulate", "--seed", "9", "--format", "cli"], None).stdout).unwrap();
    assert!(cli.contains(r#""creationDateTime":"2023-01-01T"#), "{cli}");
    let bad = syncjob(&["simulate", "--faults", "bogus"], None);
    assert_eq!(bad.status.code(), Some(2));
}

/// The README's main command prints exactly what the README shows, and exits 1.
#[test]
fn the_readme_shows_what_the_main_command_prints() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let shown = readme.split("```text\n").nth(1).unwrap().split("```").next().unwrap();
    let files =
        ["docs/examples/healthy.jsonl", "docs/examples/failed-and-recreated.jsonl", "docs/examples/violation.jsonl"];
    assert!(readme.contains(&format!("-- check {}", files.join(" "))), "the README's command names these files");
    let mut args = vec!["check"];
    args.extend(files);
    let out = syncjob(&args, None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), shown);
}
