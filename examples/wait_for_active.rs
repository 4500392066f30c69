//! Create a sync job on the simulator, wait until it is `ACTIVE` printing every event of the
//! waiter, then delete it and wait until it is gone. Runs anywhere, in well under a second: the
//! simulator's clock is virtual.
//!
//! ```text
//! cargo run --example wait_for_active [SEED]
//! ```

use std::error::Error;
use std::time::Duration;

use twinmaker_syncjob::model::ApiErrorKind;
use twinmaker_syncjob::transport::sim::{FaultKind, Faults, SimClock, Simulator};
use twinmaker_syncjob::transport::{CallError, SyncJobId, wait_blocking};
use twinmaker_syncjob::waiter::{Event, Goal, Outcome, SeededJitter, WaiterConfig};

fn main() -> Result<(), Box<dyn Error>> {
    let seed = match std::env::args().nth(1) {
        Some(seed) => seed.parse()?,
        None => 7,
    };
    // A service that throttles and sometimes fails calls, and takes its time deleting.
    let faults =
        Faults::none().with(FaultKind::Throttling).with(FaultKind::InternalErrors).with(FaultKind::DeleteRetries);
    let mut sim = Simulator::builder(seed).faults(faults).build()?;
    // The driver sleeps on one handle of the simulator's clock; the printer reads another.
    let mut clock = sim.clock();
    let view = sim.clock();
    let job = SyncJobId::parse("plant", "SITEWISE")?;
    let role = sim.role();

    // CreateSyncJob, retrying throttled and failed calls.
    let created = loop {
        match sim.create_sync_job(&job, &role) {
            Ok(created) => break created,
            Err(CallError::Api(error)) if retryable(error.known_kind()) => {
                println!("[{}] CreateSyncJob: {error}; retrying in 1 s", at(&view));
                sim.advance(Duration::from_secs(1));
            }
            Err(error) => return Err(error.into()),
        }
    };
    println!("[{}] created {} at {}", at(&view), created.arn, created.creation_date_time);

    let config = WaiterConfig::new(Goal::Active, Duration::from_secs(30 * 60))?;
    let outcome = wait_blocking(&mut sim, &mut clock, &job, config, SeededJitter::new(seed), |e| print_event(&view, e));
    report(&outcome)?;

    // DeleteSyncJob, retrying throttled and failed calls.
    loop {
        match sim.delete_sync_job(&job) {
            Ok(deleted) => {
                println!("[{}] DeleteSyncJob: {}", at(&view), deleted.state);
                break;
            }
            Err(CallError::Api(error)) if retryable(error.known_kind()) => {
                println!("[{}] DeleteSyncJob: {error}; retrying in 1 s", at(&view));
                sim.advance(Duration::from_secs(1));
            }
            Err(error) => return Err(error.into()),
        }
    }
    let config = WaiterConfig::new(Goal::Deleted, Duration::from_secs(30 * 60))?;
    let outcome = wait_blocking(&mut sim, &mut clock, &job, config, SeededJitter::new(seed), |e| print_event(&view, e));
    report(&outcome)?;
    Ok(())
}

fn retryable(kind: Option<ApiErrorKind>) -> bool {
    matches!(kind, Some(ApiErrorKind::Throttling | ApiErrorKind::InternalServer))
}

/// The virtual time, as `mm:ss.s`.
fn at(clock: &SimClock) -> String {
    let t = clock.elapsed().as_secs_f64();
    format!("{:02}:{:04.1}", (t / 60.0).floor(), t % 60.0)
}

fn print_event(clock: &SimClock, event: &Event) {
    match event {
        Event::Attempt { attempt, at: instant } => {
            let offset = clock.offset_of(*instant).as_secs_f64();
            println!("[{:02}:{:04.1}] attempt {attempt}: GetSyncJob", (offset / 60.0).floor(), offset % 60.0);
        }
        Event::Observed { verdict, .. } => match (verdict.change.is_transition(), verdict.to) {
            (true, Some(to)) => println!("           {} -> {to}", verdict.change.kind()),
            (_, Some(to)) => println!("           {to} ({})", verdict.change.kind()),
            (_, None) => println!("           an API error: no lifecycle evidence"),
        },
        Event::Retry { next_attempt, delay } => println!("           retry: attempt {next_attempt} in {delay:.1?}"),
        Event::Finished(outcome) => println!("           finished after {} attempts", outcome.attempts()),
        other => println!("           {other:?}"),
    }
}

fn report(outcome: &Outcome) -> Result<(), Box<dyn Error>> {
    match outcome.failure() {
        None => {
            println!("success after {:.1?} of virtual time\n", outcome.elapsed());
            Ok(())
        }
        Some(failure) => Err(failure.to_string().into()),
    }
}
