//! Decodes the bundled example payloads and prints what it found, one line per payload.
//!
//! The payloads are the hand-written fixtures under `tests/fixtures/` (GetSyncJob, ListSyncJobs,
//! CreateSyncJob and DeleteSyncJob responses in the wire, AWS CLI and boto3 forms, and API errors,
//! some as raw HTTP responses in `.http` files). Give files or folders as arguments to decode
//! others instead:
//!
//! ```text
//! cargo run --example decode_payloads
//! cargo run --example decode_payloads -- my-get-sync-job.json errors/
//! ```
//!
//! The exit status is non-zero when a payload does not decode; its line says why and where.

#[allow(dead_code, unreachable_pub, reason = "shared with the tests, which use more of it")]
#[path = "../tests/common/http.rs"]
mod http;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use twinmaker_syncjob::decode::{Decode, Document, decode_http_error};
use twinmaker_syncjob::model::{Open, SyncJobStatus, SyncJobSummary, WireEnum};

/// The folders of bundled payloads, under `tests/fixtures/`.
const BUNDLED: [&str; 5] = ["get_sync_job", "list_sync_jobs", "create_sync_job", "delete_sync_job", "errors"];

fn main() -> ExitCode {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let roots = if args.is_empty() {
        BUNDLED.iter().map(|dir| manifest_dir.join("tests").join("fixtures").join(dir)).collect()
    } else {
        args
    };
    let mut files = Vec::new();
    for root in &roots {
        if let Err(err) = collect(root, &mut files) {
            eprintln!("{}: {err}", root.display());
            return ExitCode::FAILURE;
        }
    }
    let mut failed = 0_usize;
    for file in &files {
        let shown = file.strip_prefix(manifest_dir).unwrap_or(file).display();
        match describe(file) {
            Ok(line) => println!("{shown}: {line}"),
            Err(err) => {
                failed += 1;
                println!("{shown}: NOT DECODED: {err}");
            }
        }
    }
    eprintln!("{} payloads, {} decoded, {failed} not decoded", files.len(), files.len() - failed);
    if failed == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

/// The `.json` and `.http` files at `path` (a file, or a folder searched recursively), sorted.
fn collect(path: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> =
            std::fs::read_dir(path)?.map(|entry| entry.map(|e| e.path())).collect::<Result<_, _>>()?;
        entries.sort();
        for entry in entries {
            if entry.is_dir() || is_payload(&entry) {
                collect(&entry, out)?;
            }
        }
    } else {
        out.push(path.to_path_buf());
    }
    Ok(())
}

fn is_payload(path: &Path) -> bool {
    path.extension().is_some_and(|ext| ext == "json" || ext == "http")
}

/// One line about one payload.
fn describe(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|err| err.to_string())?;
    if path.extension().is_some_and(|ext| ext == "http") {
        let response = http::HttpResponse::parse(&bytes).ok_or("not an HTTP response")?;
        let error = decode_http_error(Some(response.status), response.header("x-amzn-errortype"), &response.body)
            .map_err(|err| err.to_string())?;
        return Ok(format!("API error over HTTP: {error}"));
    }
    let document = Document::decode(&bytes).map_err(|err| err.to_string())?;
    Ok(match document {
        Document::SyncJob(job) => format!(
            "GetSyncJob {}/{}: {}; created {}, updated {}; role {}",
            job.workspace_id,
            open(&job.sync_source),
            status(&job.status),
            job.creation_date_time,
            job.update_date_time,
            job.sync_role,
        ),
        Document::Summary(summary) => format!("ListSyncJobs summary {}", summary_line(&summary)),
        Document::Page(page) => {
            let items: Vec<String> = page.sync_job_summaries.iter().map(summary_line).collect();
            format!(
                "ListSyncJobs page of {} [{}]{}",
                items.len(),
                items.join("; "),
                if page.next_token.is_some() { ", more pages" } else { ", last page" }
            )
        }
        Document::Created(created) => {
            format!("CreateSyncJob {}: {}, created {}", created.arn, open(&created.state), created.creation_date_time)
        }
        Document::Deleted(deleted) => format!("DeleteSyncJob: {}", open(&deleted.state)),
        Document::Error(doc) => format!("API error: {}", doc.error),
    })
}

/// A value of an open enumeration, flagged when this version of the crate does not know it.
fn open<K: WireEnum>(value: &Open<K>) -> String {
    if value.is_known() { value.as_str().to_owned() } else { format!("{} (unknown value)", value.as_str()) }
}

fn status(status: &SyncJobStatus) -> String {
    let state = status.state.as_ref().map_or_else(|| "no state".to_owned(), open);
    match &status.error {
        Some(error) => {
            let code = error.code.as_ref().map_or_else(|| "no code".to_owned(), open);
            let message = error.message.as_ref().map_or("", |m| m.as_str());
            format!("{state}, error {code}: {message:?}")
        }
        None => state,
    }
}

fn summary_line(summary: &SyncJobSummary) -> String {
    let workspace = summary.workspace_id.as_ref().map_or("?", |w| w.as_str());
    let source = summary.sync_source.as_ref().map_or_else(|| "?".to_owned(), open);
    let status = summary.status.as_ref().map_or_else(|| "no status".to_owned(), status);
    let updated = summary.update_date_time.map_or_else(String::new, |t| format!(", updated {t}"));
    format!("{workspace}/{source}: {status}{updated}")
}
