//! A synthetic polling trace for benchmarks: `jobs` jobs polled round-robin, each going
//! CREATING -> INITIALIZING -> ACTIVE and then staying ACTIVE, in the wire form.

use std::io::Write;

/// Writes `lines` lines of GetSyncJob responses for `jobs` jobs.
pub(crate) fn write_trace(out: &mut impl Write, lines: u64, jobs: u64) -> std::io::Result<()> {
    let jobs = jobs.max(1);
    for i in 0..lines {
        let job = i % jobs;
        let poll = i / jobs;
        let state = match poll {
            0..=4 => "CREATING",
            5..=19 => "INITIALIZING",
            _ => "ACTIVE",
        };
        let created = 1_700_000_000 + job;
        let updated = created + poll.min(20) * 30;
        writeln!(
            out,
            r#"{{"arn":"arn:aws:iottwinmaker:us-east-1:123456789012:workspace/ws-{job:05}/sync-job/SITEWISE","workspaceId":"ws-{job:05}","syncSource":"SITEWISE","syncRole":"arn:aws:iam::123456789012:role/TwinMakerSync","status":{{"state":"{state}"}},"creationDateTime":{created},"updateDateTime":{updated}.25}}"#
        )?;
    }
    Ok(())
}
