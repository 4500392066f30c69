//! Waits for a real sync job until it is `ACTIVE`, over the official SDK.
//!
//! It uses the default AWS configuration from the environment (`AWS_REGION`, `AWS_PROFILE`,
//! `AWS_ACCESS_KEY_ID`, the shared config and credentials files, web identity, the container and
//! instance metadata endpoints), so it needs real credentials allowed `iottwinmaker:GetSyncJob`.
//! SSO profiles need `aws-config`'s `sso` feature, which this crate leaves off.
//!
//! ```text
//! cargo run --example aws_wait --features aws-sdk -- <workspace-id> <sync-source> [max-wait-seconds]
//! ```
//!
//! The SDK's own retries are turned off so that the waiter's backoff alone decides when to call
//! again. Exit status: 0 when the job is `ACTIVE`, 1 when the wait failed, 2 for a usage error.

use std::process::ExitCode;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use aws_config::BehaviorVersion;
use aws_config::retry::RetryConfig;
use twinmaker_syncjob::transport::aws::AwsTransport;
use twinmaker_syncjob::transport::{SyncJobId, wait_async};
use twinmaker_syncjob::waiter::{Event, Goal, Outcome, SeededJitter, WaiterConfig};

const USAGE: &str = "usage: aws_wait <workspace-id> <sync-source> [max-wait-seconds]

Waits until the sync job of <workspace-id> and <sync-source> (SITEWISE) is ACTIVE, polling
GetSyncJob with the Smithy waiter backoff (2 s to 120 s, jittered). The maximum wait defaults to
1800 seconds. Credentials and region come from the default AWS configuration chain.";

/// The command line: the job and the maximum wait.
fn parse_args(args: &[String]) -> Result<(SyncJobId, Duration), String> {
    let (workspace, source, max_wait) = match args {
        [workspace, source] => (workspace, source, 1800),
        [workspace, source, seconds] => {
            let seconds = seconds.parse::<u64>().map_err(|err| format!("max-wait-seconds {seconds:?}: {err}"))?;
            (workspace, source, seconds)
        }
        _ => return Err(USAGE.to_owned()),
    };
    let job = SyncJobId::parse(workspace, source).map_err(|err| err.to_string())?;
    Ok((job, Duration::from_secs(max_wait)))
}

fn describe(event: &Event, start: Instant) {
    match event {
        Event::Attempt { attempt, at } => {
            println!("[{:>7.1}s] GetSyncJob attempt {attempt}", at.saturating_duration_since(start).as_secs_f64());
        }
        Event::Observed { attempt, verdict } => println!("           attempt {attempt}: {verdict:?}"),
        Event::Retry { next_attempt, delay } => {
            println!("           attempt {next_attempt} in {:.1}s", delay.as_secs_f64());
        }
        Event::Finished(_) => {}
        other => println!("           {other:?}"),
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (job, max_wait) = match parse_args(&args) {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let config = match WaiterConfig::new(Goal::Active, max_wait) {
        Ok(config) => config,
        Err(err) => {
            eprintln!("{err}");
            return ExitCode::from(2);
        }
    };

    let sdk_config = aws_config::defaults(BehaviorVersion::latest()).retry_config(RetryConfig::disabled()).load().await;
    if sdk_config.region().is_none() {
        eprintln!("no AWS region configured: set AWS_REGION or a profile's region");
        return ExitCode::from(2);
    }
    let mut transport = AwsTransport::new(aws_sdk_iottwinmaker::Client::new(&sdk_config));

    // Jitter needs no cryptographic quality: the clock seeds it.
    let seed = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() ^ u64::from(d.subsec_nanos()));
    let start = Instant::now();
    println!("waiting up to {}s for {job} to be ACTIVE", max_wait.as_secs());
    let outcome = wait_async(
        &mut transport,
        &job,
        config,
        SeededJitter::new(seed),
        Instant::now,
        |until| tokio::time::sleep_until(until.into()),
        |event| describe(event, start),
    )
    .await;

    match outcome {
        Outcome::Success { snapshot, attempts, elapsed } => {
            let updated = snapshot.map(|s| s.update_date_time.to_string()).unwrap_or_default();
            println!("{job} is ACTIVE after {attempts} attempts and {:.1}s (updated {updated})", elapsed.as_secs_f64());
            ExitCode::SUCCESS
        }
        Outcome::Failure { failure, attempts, elapsed } => {
            eprintln!("{job}: {failure} (after {attempts} attempts and {:.1}s)", elapsed.as_secs_f64());
            ExitCode::FAILURE
        }
    }
}
