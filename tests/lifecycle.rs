//! Table tests of the lifecycle: both built-in policies over every pair of positions, user policies,
//! the diagrams drawn from them, and the classification of every error code and API exception.

#![allow(clippy::unwrap_used, clippy::panic, reason = "test helpers: a failed unwrap or panic is a failed test")]

use twinmaker_syncjob::lifecycle::{
    Disposition, Evidence, Fault, Phase, Policy, Position, Route, Stage, TRANSITIONS, Via, classify_api_error,
    classify_api_error_kind, classify_error_code, classify_open_error_code, dot, mermaid,
};
use twinmaker_syncjob::model::{ApiError, ApiErrorKind, ErrorCode, Open, SyncJobState, WireEnum};

fn letter(c: char) -> Stage {
    match c {
        'C' => Stage::Creating,
        'I' => Stage::Initializing,
        'A' => Stage::Active,
        'D' => Stage::Deleting,
        'E' => Stage::Error,
        'X' => Stage::Deleted,
        other => panic!("no stage {other:?}"),
    }
}

/// Checks one cell: `=` same, `1` one step, `-` unreachable, otherwise the stages passed through
/// (`I,A`), with `|` between equally short alternatives (the table keeps one shortest path).
fn check_cell(policy: &Policy, name: &str, from: Position, to: Position, cell: &str) {
    let route = policy.route(from, to);
    match cell {
        "=" => assert_eq!(route, Route::Same, "{name}: {from} -> {to}"),
        "1" => assert_eq!(route, Route::Step, "{name}: {from} -> {to}"),
        "-" => assert_eq!(route, Route::Unreachable, "{name}: {from} -> {to}"),
        paths => {
            let Route::Skip(via) = route else {
                panic!("{name}: {from} -> {to}: expected a skip {paths}, got {route:?}")
            };
            let alternatives: Vec<Vec<Stage>> = paths
                .split('|')
                .map(|path| path.split(',').map(|s| letter(s.trim().chars().next().unwrap())).collect())
                .collect();
            assert!(
                alternatives.iter().any(|path| path.as_slice() == via.as_slice()),
                "{name}: {from} -> {to}: via {via:?}, expected one of {alternatives:?}"
            );
        }
    }
}

fn check_matrix(policy: &Policy, name: &str, rows: [[&str; 10]; 10]) {
    for (from, row) in Position::ALL.iter().zip(rows) {
        for (to, cell) in Position::ALL.iter().zip(row) {
            check_cell(policy, name, *from, *to, cell);
        }
    }
}

#[test]
fn default_policy_routes_between_every_pair_of_positions() {
    // Columns (and rows): CREATING, INITIALIZING, ACTIVE, DELETING, ERROR (phase unknown),
    // ERROR from CREATING, from INITIALIZING, from ACTIVE, from DELETING, deleted.
    #[rustfmt::skip]
    let rows = [
        ["=", "1", "I", "1", "1", "1", "I", "I,A", "D", "D"],
        ["-", "=", "1", "1", "1", "-", "1", "A",   "D", "D"],
        ["-", "-", "=", "1", "1", "-", "-", "1",   "D", "D"],
        ["-", "-", "-", "=", "1", "-", "-", "-",   "1", "1"],
        ["-", "-", "-", "1", "=", "=", "=", "=",   "=", "D"],
        ["-", "-", "-", "1", "=", "=", "-", "-",   "D", "D"],
        ["-", "-", "-", "1", "=", "-", "=", "-",   "D", "D"],
        ["-", "-", "-", "1", "=", "-", "-", "=",   "D", "D"],
        ["-", "-", "-", "1", "=", "-", "-", "-",   "=", "D"],
        ["-", "-", "-", "-", "-", "-", "-", "-",   "-", "="],
    ];
    check_matrix(&Policy::DEFAULT, "default", rows);
}

#[test]
fn documented_policy_routes_between_every_pair_of_positions() {
    // Without the inferred edges CREATING/INITIALIZING -> DELETING and DELETING -> ERROR: an early
    // delete must pass through ERROR, and a job that was DELETING never fails.
    #[rustfmt::skip]
    let rows = [
        ["=", "1", "I", "E",   "1", "1", "I", "I,A", "-", "E,D"],
        ["-", "=", "1", "A|E", "1", "-", "1", "A",   "-", "A,D|E,D"],
        ["-", "-", "=", "1",   "1", "-", "-", "1",   "-", "D"],
        ["-", "-", "-", "=",   "-", "-", "-", "-",   "-", "1"],
        ["-", "-", "-", "1",   "=", "=", "=", "=",   "=", "D"],
        ["-", "-", "-", "1",   "=", "=", "-", "-",   "-", "D"],
        ["-", "-", "-", "1",   "=", "-", "=", "-",   "-", "D"],
        ["-", "-", "-", "1",   "=", "-", "-", "=",   "-", "D"],
        ["-", "-", "-", "1",   "=", "-", "-", "-",   "=", "D"],
        ["-", "-", "-", "-",   "-", "-", "-", "-",   "-", "="],
    ];
    check_matrix(&Policy::DOCUMENTED, "documented", rows);
}

#[test]
fn the_issue_examples() {
    // ACTIVE to ERROR(SYNC_DELETING_ERROR) goes via DELETING; to ERROR(SYNC_INITIALIZING_ERROR) it is unreachable.
    let to_deleting_error = Position::of(SyncJobState::Error, Some(ErrorCode::SyncDeletingError));
    let Route::Skip(via) = Policy::DEFAULT.route(Position::Active, to_deleting_error) else { panic!() };
    assert_eq!(via.as_slice(), &[Stage::Deleting]);
    let to_initializing_error = Position::of(SyncJobState::Error, Some(ErrorCode::SyncInitializingError));
    assert_eq!(Policy::DEFAULT.route(Position::Active, to_initializing_error), Route::Unreachable);
    // ERROR -> ACTIVE is illegal in both policies (no documented recovery).
    for policy in [Policy::DEFAULT, Policy::DOCUMENTED] {
        assert!(!policy.allows(Stage::Error, Stage::Active));
        assert_eq!(policy.route(Position::Error(Phase::Any), Position::Active), Route::Unreachable);
    }
}

#[test]
fn edges_of_both_policies_between_every_pair_of_stages() {
    // Hand-written: (from, to, documented, default).
    let expected: &[(Stage, Stage, bool, bool)] = &[
        (Stage::Creating, Stage::Initializing, true, true),
        (Stage::Initializing, Stage::Active, true, true),
        (Stage::Creating, Stage::Error, true, true),
        (Stage::Initializing, Stage::Error, true, true),
        (Stage::Active, Stage::Error, true, true),
        (Stage::Active, Stage::Deleting, true, true),
        (Stage::Error, Stage::Deleting, true, true),
        (Stage::Deleting, Stage::Deleted, true, true),
        (Stage::Deleted, Stage::Creating, true, true),
        (Stage::Creating, Stage::Deleting, false, true),
        (Stage::Initializing, Stage::Deleting, false, true),
        (Stage::Deleting, Stage::Error, false, true),
    ];
    for from in Stage::ALL {
        for to in Stage::ALL {
            let (documented, default) = expected
                .iter()
                .find(|(f, t, _, _)| (*f, *t) == (from, to))
                .map_or((false, false), |(_, _, documented, default)| (*documented, *default));
            assert_eq!(Policy::DOCUMENTED.allows(from, to), documented, "documented: {from} -> {to}");
            assert_eq!(Policy::DEFAULT.allows(from, to), default, "default: {from} -> {to}");
            let evidence = Policy::DEFAULT.evidence(from, to);
            assert_eq!(evidence.is_some_and(Evidence::is_documented), documented, "{from} -> {to}");
            assert_eq!(matches!(evidence, Some(Evidence::Inferred(_))), default && !documented, "{from} -> {to}");
        }
    }
    assert_eq!(TRANSITIONS.len(), expected.len());
}

#[test]
fn no_edge_goes_back_within_an_incarnation() {
    for t in Policy::DEFAULT.transitions() {
        if matches!(t.to, Stage::Creating | Stage::Initializing) {
            let forward = (t.from, t.to) == (Stage::Creating, Stage::Initializing);
            assert!(forward || (t.new_incarnation && t.from == Stage::Deleted), "{t:?}");
        }
        assert_eq!(t.new_incarnation, (t.from, t.to) == (Stage::Deleted, Stage::Creating), "{t:?}");
    }
}

#[test]
fn every_table_citation_names_its_source() {
    for t in TRANSITIONS {
        match t.evidence {
            Evidence::Documented(text) => {
                assert!(text.starts_with("user guide:") || text.starts_with("API reference:"), "{text}")
            }
            Evidence::Inferred(text) => assert!(!text.is_empty()),
            Evidence::UserPolicy => panic!("the table holds no user edge"),
        }
    }
}

#[test]
fn one_step_routes_are_exactly_the_edges_within_an_incarnation() {
    let with_recovery = Policy::DEFAULT.with_edge(Stage::Error, Stage::Active);
    let strict = Policy::DEFAULT.without_edge(Stage::Deleting, Stage::Error);
    for policy in [Policy::DEFAULT, Policy::DOCUMENTED, with_recovery, strict] {
        for from in Stage::ALL {
            for to in Stage::ALL {
                let step = policy.route(Position::from(from), Position::from(to)) == Route::Step;
                let new_incarnation = policy.transition(from, to).is_some_and(|t| t.new_incarnation);
                assert_eq!(step, policy.allows(from, to) && !new_incarnation, "{from} -> {to} under {policy:?}");
            }
        }
    }
}

#[test]
fn user_policies() {
    // The service is seen to recover from ERROR by itself.
    let lenient = Policy::DEFAULT.with_edge(Stage::Error, Stage::Active);
    assert_eq!(lenient.evidence(Stage::Error, Stage::Active), Some(Evidence::UserPolicy));
    assert_eq!(lenient.route(Position::Error(Phase::Creating), Position::Active), Route::Step);
    let Route::Skip(via) = lenient.route(Position::Error(Phase::Creating), Position::Error(Phase::Active)) else {
        panic!()
    };
    assert_eq!(via.as_slice(), &[Stage::Active]);
    assert_eq!(lenient.transitions().count(), TRANSITIONS.len() + 1);
    assert_eq!(lenient.transitions().last().map(|t| (t.from, t.to)), Some((Stage::Error, Stage::Active)));

    // The guide is right that a failed delete stays DELETING.
    let strict = Policy::DEFAULT.without_edge(Stage::Deleting, Stage::Error);
    assert_eq!(strict.route(Position::Deleting, Position::Error(Phase::Deleting)), Route::Unreachable);
    assert_eq!(strict.route(Position::Active, Position::Error(Phase::Deleting)), Route::Unreachable);
    assert_eq!(strict.transitions().count(), TRANSITIONS.len() - 1);

    // Adding the inferred edges to the documented policy gives the default one back.
    let rebuilt = Policy::DOCUMENTED
        .with_edge(Stage::Creating, Stage::Deleting)
        .with_edge(Stage::Initializing, Stage::Deleting)
        .with_edge(Stage::Deleting, Stage::Error);
    assert_eq!(rebuilt, Policy::DEFAULT);
    assert_eq!(Policy::default(), Policy::DEFAULT);
    assert_eq!(Policy::DEFAULT.without_edge(Stage::Error, Stage::Active), Policy::DEFAULT);
    // A policy prints the edges it believes.
    let debug = format!("{strict:?}");
    assert!(debug.starts_with(r#"Policy { edges: ["CREATING -> INITIALIZING", "#), "{debug}");
    assert!(!debug.contains("DELETING -> ERROR"), "{debug}");
    // Believing an edge already believed changes nothing.
    assert_eq!(Policy::DEFAULT.with_edge(Stage::Active, Stage::Error), Policy::DEFAULT);
    assert_eq!(lenient.with_edge(Stage::Error, Stage::Active), lenient);
}

#[test]
fn every_error_code_is_classified() {
    for code in ErrorCode::known_values() {
        // Exhaustive on purpose: a new code must be added here with its expected classification.
        let (phase, fault) = match code {
            ErrorCode::ValidationError => (Phase::Any, Fault::Customer),
            ErrorCode::InternalFailure => (Phase::Any, Fault::Service),
            ErrorCode::SyncInitializingError => (Phase::Initializing, Fault::Unknown),
            ErrorCode::SyncCreatingError => (Phase::Creating, Fault::Customer),
            ErrorCode::SyncProcessingError => (Phase::Active, Fault::Unknown),
            ErrorCode::SyncDeletingError => (Phase::Deleting, Fault::Unknown),
            ErrorCode::ProcessingError => (Phase::Any, Fault::Unknown),
            ErrorCode::CompositeComponentFailure => (Phase::Any, Fault::Unknown),
        };
        let c = classify_error_code(code);
        assert_eq!((c.phase, c.fault), (phase, fault), "{code}");
        assert_eq!(classify_open_error_code(&Open::Known(code)), c, "{code}");
        // The model documents no ErrorCode value: neither phase nor fault can be documented. The
        // phase comes from the state the code names, except for PROCESSING, which is no state.
        assert!(!c.phase_evidence.is_documented(), "{code}");
        let reason = match (code, phase) {
            (ErrorCode::SyncProcessingError, _) => "PROCESSING is not a sync job state",
            (_, Phase::Any) => "the code names no state",
            _ => "the code names the state",
        };
        assert!(c.phase_evidence.detail().starts_with(reason), "{code}: {}", c.phase_evidence.detail());
        assert!(!c.fault_evidence.is_documented(), "{code}");
        // The remedies rest on the user guide; those that add checks of their own, or cover a case
        // the guide is silent on, are inferred and say which part is documented.
        let plain = matches!(code, ErrorCode::InternalFailure);
        assert_eq!(c.remedy_evidence.is_documented(), plain, "{code}");
        if plain {
            assert!(c.remedy_evidence.detail().starts_with("user guide:"), "{code}");
        } else {
            assert!(c.remedy_evidence.detail().contains("documented (user guide:"), "{code}");
        }
        assert!(c.remedy.ends_with('.'), "{code}: {}", c.remedy);
        if code == ErrorCode::SyncDeletingError {
            assert!(c.remedy.contains("retries"), "{}", c.remedy);
        } else {
            assert!(c.remedy.to_lowercase().contains("delete the job and create it again"), "{code}: {}", c.remedy);
        }
        // The position of an ERROR carrying the code is the phase it names.
        assert_eq!(Position::of(SyncJobState::Error, Some(code)), Position::Error(phase), "{code}");
        assert_eq!(Position::of(SyncJobState::Active, Some(code)), Position::Active, "{code}");
    }
}

#[test]
fn unknown_error_codes_are_classified_conservatively() {
    for raw in ["SYNC_PAUSING_ERROR", "QUOTA_ERROR", ""] {
        let code: Open<ErrorCode> = Open::parse(raw).unwrap();
        assert!(!code.is_known());
        let c = classify_open_error_code(&code);
        assert_eq!((c.phase, c.fault), (Phase::Any, Fault::Unknown), "{raw:?}");
        assert!(!c.phase_evidence.is_documented());
        assert!(c.remedy.contains("does not know"), "{}", c.remedy);
    }
    assert_eq!(Position::of(SyncJobState::Error, None), Position::Error(Phase::Any));
}

#[test]
fn every_api_exception_is_classified() {
    for kind in ApiErrorKind::known_values() {
        // Exhaustive on purpose, as for error codes.
        let (disposition, fault) = match kind {
            ApiErrorKind::Throttling => (Disposition::Retryable, Fault::Customer),
            ApiErrorKind::InternalServer => (Disposition::Retryable, Fault::Service),
            ApiErrorKind::ResourceNotFound => (Disposition::NotFound, Fault::Unknown),
            ApiErrorKind::AccessDenied => (Disposition::Terminal, Fault::Customer),
            ApiErrorKind::Validation => (Disposition::Terminal, Fault::Customer),
            ApiErrorKind::ServiceQuotaExceeded => (Disposition::Terminal, Fault::Customer),
            ApiErrorKind::Conflict => (Disposition::Terminal, Fault::Customer),
        };
        let c = classify_api_error_kind(kind);
        assert_eq!((c.disposition, c.fault), (disposition, fault), "{kind}");
        assert_eq!(c.disposition.is_retryable(), disposition == Disposition::Retryable, "{kind}");
        assert!(!c.remedy.is_empty());
        // The kind decides, whatever status the payload carried.
        for status in [None, Some(kind.http_status()), Some(500), Some(400)] {
            let error = ApiError { http_status: status, ..ApiError::new(kind, "message") };
            assert_eq!(classify_api_error(&error), c, "{kind} with status {status:?}");
        }
    }
}

#[test]
fn unknown_api_exceptions_are_retryable_only_on_5xx() {
    let unknown = |status: Option<u16>| ApiError {
        kind: Open::parse("ServiceUnavailableException").unwrap(),
        message: "later".to_owned(),
        http_status: status,
    };
    for status in [500, 502, 503, 599] {
        let c = classify_api_error(&unknown(Some(status)));
        assert_eq!((c.disposition, c.fault), (Disposition::Retryable, Fault::Service), "{status}");
    }
    for status in [None, Some(200), Some(400), Some(404), Some(418), Some(499), Some(600)] {
        let c = classify_api_error(&unknown(status));
        assert_eq!((c.disposition, c.fault), (Disposition::Terminal, Fault::Unknown), "{status:?}");
        assert!(!c.evidence.is_documented());
    }
    // An unknown 404 is not taken for a missing job: only ResourceNotFoundException is.
    assert_ne!(classify_api_error(&unknown(Some(404))).disposition, Disposition::NotFound);
}

#[test]
fn diagrams_draw_every_edge_by_its_evidence() {
    let lenient = Policy::DEFAULT.with_edge(Stage::Error, Stage::Active);
    for policy in [Policy::DEFAULT, Policy::DOCUMENTED, lenient] {
        let chart = mermaid(&policy);
        let graph = dot(&policy);
        for t in policy.transitions() {
            let (from, to) = (t.from.as_str(), t.to.as_str());
            let (arrow, style, label) = match (t.evidence, t.new_incarnation) {
                (Evidence::Documented(_), false) => ("-->", "", ""),
                (Evidence::Documented(_), true) => ("-->|new incarnation|", "", "label=\"new incarnation\""),
                (Evidence::Inferred(_), _) => ("-.->|inferred|", "style=dashed", "label=\"inferred\""),
                (Evidence::UserPolicy, _) => ("==>|user policy|", "style=bold", "label=\"user policy\""),
            };
            assert!(chart.contains(&format!("\n    {from} {arrow} {to}\n")), "{from} -> {to} in\n{chart}");
            let attributes: Vec<&str> = [style, label].into_iter().filter(|a| !a.is_empty()).collect();
            let line = if attributes.is_empty() {
                format!("\n    \"{from}\" -> \"{to}\";\n")
            } else {
                format!("\n    \"{from}\" -> \"{to}\" [{}];\n", attributes.join(", "))
            };
            assert!(graph.contains(&line), "{line} in\n{graph}");
        }
        // Nothing else is drawn: one arrow per edge, plus the one from CreateSyncJob.
        let arrows = chart.lines().filter(|l| l.contains("-->") || l.contains("-.->") || l.contains("==>")).count();
        assert_eq!(arrows, policy.transitions().count() + 1);
        assert_eq!(graph.lines().filter(|l| l.contains(" -> ")).count(), policy.transitions().count() + 1);
        for stage in Stage::ALL {
            assert!(chart.contains(&format!("    {}(", stage.as_str())), "{stage} declared");
            assert!(graph.contains(&format!("    \"{}\"", stage.as_str())), "{stage} declared");
        }
    }
    assert!(!mermaid(&Policy::DOCUMENTED).contains("-.->"));
    assert_ne!(mermaid(&Policy::DEFAULT), mermaid(&Policy::DOCUMENTED));
}

#[test]
fn names_print_as_documented() {
    let faults = [Fault::Customer, Fault::Service, Fault::Unknown].map(|f| f.to_string());
    assert_eq!(faults, ["customer", "service", "unknown"]);
    let phases = [Phase::Any, Phase::Creating, Phase::Initializing, Phase::Active, Phase::Deleting];
    assert_eq!(phases.map(|p| p.to_string()), ["ANY", "CREATING", "INITIALIZING", "ACTIVE", "DELETING"]);
    assert_eq!(Evidence::UserPolicy.to_string(), "user policy");
    let documented = TRANSITIONS.iter().find(|t| matches!(t.evidence, Evidence::Documented(_))).unwrap();
    assert_eq!(documented.evidence.to_string(), format!("documented: {}", documented.evidence.detail()));
}

#[test]
fn diagrams_draw_deletion_as_the_end() {
    let graph = dot(&Policy::DEFAULT);
    assert!(graph.contains("    \"DELETED\" [label=\"deleted\", shape=doublecircle, style=solid];\n"), "{graph}");
    assert!(graph.contains("    \"ACTIVE\";\n"), "{graph}");
    let chart = mermaid(&Policy::DEFAULT);
    assert!(chart.starts_with("flowchart"), "{chart}");
    // Deletion is a circle, every live state a rounded box.
    assert!(chart.contains("    DELETED((deleted))\n"), "{chart}");
    assert!(chart.contains("    ACTIVE([ACTIVE])\n"), "{chart}");
}

#[test]
fn vias_know_whether_they_are_empty() {
    assert!(Via::default().is_empty());
    assert_eq!(Via::default().len(), 0);
    let Route::Skip(via) = Policy::DEFAULT.route(Position::Creating, Position::Active) else { panic!("a skip") };
    assert!(!via.is_empty());
    assert_eq!(via.as_slice(), [Stage::Initializing]);
    assert_eq!(format!("{via:?}"), "[Initializing]");
}
