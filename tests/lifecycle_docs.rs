//! `docs/lifecycle.md` is partly generated: the sections between `<!-- BEGIN GENERATED: name -->` and
//! `<!-- END GENERATED: name -->` are written here, from the transition table and the classification
//! functions. The test fails when the file is stale; `UPDATE_DOCS=1 cargo test --test lifecycle_docs`
//! rewrites it.

#![allow(clippy::unwrap_used, reason = "test helpers: a failed unwrap is a failed test")]

use std::fmt::Write as _;
use std::path::PathBuf;

use twinmaker_syncjob::lifecycle::{
    Evidence, Phase, Policy, Position, Route, Stage, TYPESTATE_EDGES, classify_api_error, classify_api_error_kind,
    classify_error_code, classify_error_details, classify_open_error_code, mermaid,
};
use twinmaker_syncjob::model::{ApiError, ApiErrorKind, ErrorCode, Open, WireEnum};

fn doc_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs").join("lifecycle.md")
}

/// Text for a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn evidence(e: Evidence) -> String {
    match e {
        Evidence::UserPolicy => "user policy".to_owned(),
        e => format!("{}: {}", e.label(), cell(e.detail())),
    }
}

/// The Rust type a stage's typestate method is called on.
fn receiver(stage: Stage) -> &'static str {
    match stage {
        Stage::Creating => "SyncJob<Creating>",
        Stage::Initializing => "SyncJob<Initializing>",
        Stage::Active => "SyncJob<Active>",
        Stage::Deleting => "SyncJob<Deleting>",
        Stage::Error => "SyncJob<Failed>",
        Stage::Deleted => "DeletedSyncJob",
    }
}

fn shown(stage: Stage) -> &'static str {
    match stage {
        Stage::Deleted => "deleted",
        other => other.as_str(),
    }
}

fn diagram() -> String {
    format!("```mermaid\n{}```\n", mermaid(&Policy::DEFAULT))
}

fn edges() -> String {
    let mut out = String::from(
        "| edge | evidence | source or reasoning | policies | typestate method |\n|---|---|---|---|---|\n",
    );
    for t in Policy::DEFAULT.transitions() {
        let policies = if Policy::DOCUMENTED.allows(t.from, t.to) { "documented, default" } else { "default" };
        let method = TYPESTATE_EDGES
            .iter()
            .find(|e| (e.from, e.to) == (t.from, t.to))
            .map_or_else(|| "(none)".to_owned(), |e| format!("`{}::{}`", receiver(e.from), e.method));
        let incarnation = if t.new_incarnation { " (new incarnation)" } else { "" };
        let _ = writeln!(
            out,
            "| {} → {}{incarnation} | {} | {} | {policies} | {method} |",
            shown(t.from),
            shown(t.to),
            t.evidence.label(),
            cell(t.evidence.detail()),
        );
    }
    out
}

fn abbreviation(position: Position) -> &'static str {
    match position {
        Position::Creating => "C",
        Position::Initializing => "I",
        Position::Active => "A",
        Position::Deleting => "D",
        Position::Error(Phase::Any) => "E",
        Position::Error(Phase::Creating) => "E/C",
        Position::Error(Phase::Initializing) => "E/I",
        Position::Error(Phase::Active) => "E/A",
        Position::Error(Phase::Deleting) => "E/D",
        Position::Deleted => "deleted",
    }
}

fn stage_letter(stage: Stage) -> &'static str {
    match stage {
        Stage::Creating => "C",
        Stage::Initializing => "I",
        Stage::Active => "A",
        Stage::Deleting => "D",
        Stage::Error => "E",
        Stage::Deleted => "deleted",
    }
}

fn routes(policy: &Policy) -> String {
    let mut out = String::from("| from \\ to |");
    for to in Position::ALL {
        let _ = write!(out, " {} |", abbreviation(to));
    }
    out.push_str("\n|---|");
    out.push_str(&"---|".repeat(Position::ALL.len()));
    out.push('\n');
    for from in Position::ALL {
        let _ = write!(out, "| **{}** |", abbreviation(from));
        for to in Position::ALL {
            let text = match policy.route(from, to) {
                Route::Same => "=".to_owned(),
                Route::Step => "step".to_owned(),
                Route::Skip(via) => {
                    format!("via {}", via.as_slice().iter().map(|s| stage_letter(*s)).collect::<Vec<_>>().join(" "))
                }
                Route::Unreachable => "·".to_owned(),
            };
            let _ = write!(out, " {text} |");
        }
        out.push('\n');
    }
    out
}

fn error_codes() -> String {
    let mut out = String::from("| code | phase | fault | remedy | evidence |\n|---|---|---|---|---|\n");
    let mut rows: Vec<(String, _)> =
        ErrorCode::known_values().map(|code| (format!("`{}`", code.as_str()), classify_error_code(code))).collect();
    let unknown: Open<ErrorCode> = Open::parse("ANY_OTHER_CODE").unwrap();
    assert!(!unknown.is_known());
    rows.push(("any other code".to_owned(), classify_open_error_code(&unknown)));
    rows.push(("no code given".to_owned(), classify_error_details(None)));
    for (name, c) in rows {
        let _ = writeln!(
            out,
            "| {name} | {} | {} | {} | phase: {}<br>fault: {}<br>remedy: {} |",
            c.phase,
            c.fault,
            cell(c.remedy),
            evidence(c.phase_evidence),
            evidence(c.fault_evidence),
            evidence(c.remedy_evidence),
        );
    }
    out
}

fn api_exceptions() -> String {
    let mut out =
        String::from("| exception | HTTP | disposition | fault | remedy | evidence |\n|---|---|---|---|---|---|\n");
    for kind in ApiErrorKind::known_values() {
        let c = classify_api_error_kind(kind);
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} | {} |",
            kind.as_str(),
            kind.http_status(),
            c.disposition,
            c.fault,
            cell(c.remedy),
            evidence(c.evidence),
        );
    }
    for (status, shown_status) in [(Some(503), "5xx"), (None, "other or none")] {
        let error =
            ApiError { kind: Open::parse("AnyOtherException").unwrap(), message: String::new(), http_status: status };
        assert!(error.known_kind().is_none());
        let c = classify_api_error(&error);
        let _ = writeln!(
            out,
            "| any other exception | {shown_status} | {} | {} | {} | {} |",
            c.disposition,
            c.fault,
            cell(c.remedy),
            evidence(c.evidence),
        );
    }
    out
}

/// Every generated section of the document, by name.
fn sections() -> Vec<(&'static str, String)> {
    vec![
        ("diagram", diagram()),
        ("edges", edges()),
        ("routes-default", routes(&Policy::DEFAULT)),
        ("routes-documented", routes(&Policy::DOCUMENTED)),
        ("error-codes", error_codes()),
        ("api-exceptions", api_exceptions()),
    ]
}

/// The document with every named section replaced by its body; an error when a section's markers
/// are missing, repeated or out of order, or when the document has a section not in `sections`.
fn regenerate(doc: &str, sections: &[(&str, String)]) -> Result<String, String> {
    let marked = doc.matches("<!-- BEGIN GENERATED: ").count();
    if marked != sections.len() {
        return Err(format!("{marked} generated sections in the document, {} expected", sections.len()));
    }
    let mut out = doc.to_owned();
    for (name, body) in sections {
        let begin = format!("<!-- BEGIN GENERATED: {name} -->\n");
        let end = format!("<!-- END GENERATED: {name} -->\n");
        if out.matches(&begin).count() != 1 || out.matches(&end).count() != 1 {
            return Err(format!("section {name}: need exactly one {begin:?} and one {end:?}"));
        }
        let start = out.find(&begin).map(|at| at + begin.len()).ok_or(format!("{name}: no begin marker"))?;
        let stop = out.find(&end).ok_or(format!("{name}: no end marker"))?;
        if stop < start {
            return Err(format!("section {name}: the end marker comes first"));
        }
        out.replace_range(start..stop, body);
    }
    Ok(out)
}

#[test]
fn docs_lifecycle_md_is_up_to_date() {
    let path = doc_path();
    let doc = std::fs::read_to_string(&path).unwrap();
    let fresh = regenerate(&doc, &sections()).unwrap();
    if fresh == doc {
        return;
    }
    if std::env::var_os("UPDATE_DOCS").is_some_and(|v| v == "1") {
        std::fs::write(&path, &fresh).unwrap();
        return;
    }
    let stale: Vec<&str> = sections()
        .into_iter()
        .filter(|(name, body)| {
            !doc.contains(&format!("<!-- BEGIN GENERATED: {name} -->\n{body}<!-- END GENERATED: {name} -->\n"))
        })
        .map(|(name, _)| name)
        .collect();
    panic!(
        "docs/lifecycle.md is stale (sections {stale:?}); regenerate it with `UPDATE_DOCS=1 cargo test --test lifecycle_docs`"
    );
}

#[test]
fn regeneration_replaces_exactly_the_marked_sections() {
    let doc = "# Title\nhand\n<!-- BEGIN GENERATED: a -->\nold\n<!-- END GENERATED: a -->\ntail\n";
    let new = [("a", "new\n".to_owned())];
    assert_eq!(
        regenerate(doc, &new).unwrap(),
        "# Title\nhand\n<!-- BEGIN GENERATED: a -->\nnew\n<!-- END GENERATED: a -->\ntail\n"
    );
    let fresh = regenerate(doc, &new).unwrap();
    assert_eq!(regenerate(&fresh, &new).unwrap(), fresh);
    // Missing, repeated, reversed and unknown sections are errors.
    assert!(regenerate("# nothing\n", &new).is_err());
    assert!(regenerate(&format!("{doc}{doc}"), &new).is_err());
    assert!(regenerate("<!-- END GENERATED: a -->\n<!-- BEGIN GENERATED: a -->\n", &new).is_err());
    assert!(regenerate(doc, &[]).is_err());
}

#[test]
fn the_generated_tables_cover_everything() {
    let edges = edges();
    assert_eq!(edges.lines().count(), 2 + Policy::DEFAULT.transitions().count());
    assert!(!edges.contains("(none)"), "every edge has a typestate method");
    assert_eq!(error_codes().lines().count(), 2 + ErrorCode::known_values().count() + 2);
    assert_eq!(api_exceptions().lines().count(), 2 + ApiErrorKind::known_values().count() + 2);
    for (_, body) in sections() {
        for line in body.lines().filter(|l| l.starts_with('|')) {
            let unescaped = line.replace("\\|", "");
            assert_eq!(
                unescaped.matches('|').count(),
                body.lines().next().unwrap_or("").matches('|').count(),
                "{line}"
            );
        }
    }
}
