//! What a poller sees of the simulator, as JSON Lines: [`TraceLine`], [`Trace`], and the
//! [`Scenario`] that runs a fleet of jobs through their lives (`syncjob simulate`).

use std::io;
use std::ops::RangeInclusive;
use std::time::Duration;

use super::Simulator;
use super::rng::{MIN_STEP, Rng};
use crate::decode::ApiErrorDocument;
use crate::encode::{Encode, Form};
use crate::model::{ApiError, ApiErrorKind, Open, SyncJobSnapshot, SyncJobState, SyncSource, WorkspaceId};
use crate::transport::SyncJobId;

/// One GetSyncJob answer a poller saw: when, about which job, and what.
///
/// # Example
///
/// ```
/// use std::time::Duration;
/// use twinmaker_syncjob::encode::Form;
/// use twinmaker_syncjob::model::{ApiError, ApiErrorKind};
/// use twinmaker_syncjob::transport::SyncJobId;
/// use twinmaker_syncjob::transport::sim::TraceLine;
///
/// let line = TraceLine {
///     at: Duration::from_secs(4),
///     job: SyncJobId::parse("plant", "SITEWISE")?,
///     answer: Err(ApiError::new(ApiErrorKind::Throttling, "Rate exceeded")),
/// };
/// // API errors name their job, so that a fleet's trace can be checked line by line.
/// assert_eq!(
///     line.encode(Form::Wire),
///     r#"{"__type":"ThrottlingException","message":"Rate exceeded","workspaceId":"plant","syncSource":"SITEWISE"}"#
/// );
/// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TraceLine {
    /// When, on the simulator's clock.
    pub at: Duration,
    /// The job polled.
    pub job: SyncJobId,
    /// The answer: a snapshot, or the API error.
    pub answer: Result<SyncJobSnapshot, ApiError>,
}

impl TraceLine {
    /// The line as one JSON document in `form`: the GetSyncJob response, or the API error with
    /// `workspaceId` and `syncSource` keys naming its job (as `syncjob check` reads them).
    ///
    /// # Example
    ///
    /// ```
    /// use std::time::Duration;
    /// use twinmaker_syncjob::encode::Form;
    /// use twinmaker_syncjob::transport::SyncJobId;
    /// use twinmaker_syncjob::transport::sim::Simulator;
    ///
    /// let mut sim = Simulator::new(1)?;
    /// let job = SyncJobId::parse("plant", "SITEWISE")?;
    /// sim.create_sync_job(&job, &sim.role())?;
    /// let s = Duration::from_secs;
    /// let lines = sim.poll_trace(&job, s(1)..=s(1), s(0), &mut twinmaker_syncjob::waiter::FixedJitter::MIN);
    /// assert!(lines[0].encode(Form::Cli).contains(r#""creationDateTime":"2023-01-01T00:00:00+00:00""#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn encode(&self, form: Form) -> String {
        match &self.answer {
            Ok(snapshot) => snapshot.encode(form),
            Err(error) => ApiErrorDocument {
                error: error.clone(),
                workspace_id: Some(self.job.workspace_id.clone()),
                sync_source: Some(self.job.sync_source.clone()),
            }
            .encode(form),
        }
    }
}

/// A poller's trace, in the order of the calls.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::encode::Form;
/// use twinmaker_syncjob::transport::sim::{Scenario, Simulator};
///
/// let mut sim = Simulator::new(3)?;
/// let trace = Scenario::new(2).run(&mut sim);
/// let jsonl = trace.to_jsonl(Form::Wire);
/// assert_eq!(jsonl.lines().count(), trace.len());
/// # Ok::<(), twinmaker_syncjob::transport::sim::SimError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Trace {
    lines: Vec<TraceLine>,
}

impl Trace {
    /// The lines.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::transport::sim::Trace;
    ///
    /// assert!(Trace::default().lines().is_empty());
    /// ```
    #[must_use]
    pub fn lines(&self) -> &[TraceLine] {
        &self.lines
    }

    /// The lines, owned.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::transport::sim::Trace;
    ///
    /// assert!(Trace::default().into_lines().is_empty());
    /// ```
    #[must_use]
    pub fn into_lines(self) -> Vec<TraceLine> {
        self.lines
    }

    /// How many lines.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::transport::sim::Trace;
    ///
    /// assert_eq!(Trace::default().len(), 0);
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether there are no lines.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::transport::sim::Trace;
    ///
    /// assert!(Trace::default().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The trace as JSON Lines in `form`, each line ending in `\n`.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::encode::Form;
    /// use twinmaker_syncjob::transport::sim::Trace;
    ///
    /// assert_eq!(Trace::default().to_jsonl(Form::Cli), "");
    /// ```
    #[must_use]
    pub fn to_jsonl(&self, form: Form) -> String {
        let mut out = String::with_capacity(self.lines.len().saturating_mul(300));
        for line in &self.lines {
            out.push_str(&line.encode(form));
            out.push('\n');
        }
        out
    }

    /// Writes the trace as JSON Lines in `form`.
    ///
    /// # Errors
    ///
    /// The writer's error.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::encode::Form;
    /// use twinmaker_syncjob::transport::sim::{Scenario, Simulator};
    ///
    /// let trace = Scenario::new(1).run(&mut Simulator::new(8)?);
    /// let mut out = Vec::new();
    /// trace.write_jsonl(&mut out, Form::Wire)?;
    /// assert_eq!(String::from_utf8(out)?, trace.to_jsonl(Form::Wire));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write_jsonl(&self, out: &mut impl io::Write, form: Form) -> io::Result<()> {
        for line in &self.lines {
            out.write_all(line.encode(form).as_bytes())?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }
}

impl From<Vec<TraceLine>> for Trace {
    fn from(lines: Vec<TraceLine>) -> Self {
        Self { lines }
    }
}

/// A fleet of pollers, one per job, each running a typical client script on the simulator's
/// clock: create the job (`plant-0001`, `plant-0002`, ... with source `SITEWISE`), poll it at
/// jittered intervals until it is `ACTIVE` or `ERROR`, keep polling for a while, delete it, and
/// poll until it is gone. Calls that fail (throttling, internal errors) are retried at the next
/// poll; a job recreated by the background actor is followed as it is. Only GetSyncJob answers
/// are recorded, in call order, so the trace is what `syncjob check` reads; the poller's jitter
/// comes from the simulator's seed.
///
/// `syncjob simulate` prints `Scenario::new(jobs).run(&mut simulator)` as JSON Lines; since the
/// simulator obeys the lifecycle, `syncjob check` finds no violation in it, for every seed.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::encode::Form;
/// use twinmaker_syncjob::transport::sim::{Faults, Scenario, Simulator};
///
/// let mut sim = Simulator::builder(11).faults(Faults::all()).build()?;
/// let trace = Scenario::new(3).run(&mut sim);
/// assert!(trace.to_jsonl(Form::Cli).contains(r#""workspaceId":"plant-0003""#));
/// // The same seed gives the same trace.
/// let mut again = Simulator::builder(11).faults(Faults::all()).build()?;
/// assert_eq!(Scenario::new(3).run(&mut again), trace);
/// # Ok::<(), twinmaker_syncjob::transport::sim::SimError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Scenario {
    /// How many jobs (default 1).
    pub jobs: u32,
    /// The interval between two polls of a job, drawn uniformly (default 2 to 20 s).
    pub poll_interval: RangeInclusive<Duration>,
    /// Each job's script starts at a time drawn from this range (default 0 to 60 s).
    pub start: RangeInclusive<Duration>,
    /// How long a job is polled once `ACTIVE` or `ERROR` before it is deleted (default 0 to 2 min).
    pub hold: RangeInclusive<Duration>,
    /// A job's script stops this long after it started, done or not (default 6 h).
    pub give_up_after: Duration,
}

impl Default for Scenario {
    fn default() -> Self {
        Self {
            jobs: 1,
            poll_interval: Duration::from_secs(2)..=Duration::from_secs(20),
            start: Duration::ZERO..=Duration::from_secs(60),
            hold: Duration::ZERO..=Duration::from_secs(120),
            give_up_after: Duration::from_secs(6 * 3600),
        }
    }
}

/// Where a job's script is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Script {
    Create,
    Settle,
    Hold { until: Duration },
    Delete,
    AwaitGone,
    Done,
}

#[derive(Clone, Debug)]
struct Poller {
    job: SyncJobId,
    script: Script,
    next: Duration,
    give_up: Duration,
}

impl Scenario {
    /// The default scenario for `jobs` jobs.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::transport::sim::Scenario;
    ///
    /// assert_eq!(Scenario::new(4).jobs, 4);
    /// ```
    #[must_use]
    pub fn new(jobs: u32) -> Self {
        Self { jobs, ..Self::default() }
    }

    /// Runs the scenario on `sim`, from its current time, until every script is done, and returns
    /// what the pollers saw. The simulator's clock ends at the last call.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::transport::sim::{Scenario, Simulator};
    ///
    /// let mut sim = Simulator::new(2)?;
    /// let trace = Scenario::new(1).run(&mut sim);
    /// // Created, polled to ACTIVE, deleted, polled until gone.
    /// let last = trace.lines().last().unwrap();
    /// assert!(last.answer.is_err());
    /// assert_eq!(last.at, sim.elapsed());
    /// # Ok::<(), twinmaker_syncjob::transport::sim::SimError>(())
    /// ```
    pub fn run(&self, sim: &mut Simulator) -> Trace {
        let mut rng = Rng::derive(sim.seed(), "scenario-poller");
        let role = sim.role();
        let origin = sim.elapsed();
        let mut pollers: Vec<Poller> = (1..=self.jobs)
            .filter_map(|i| WorkspaceId::parse(&format!("plant-{i:04}")).ok())
            .map(|workspace_id| {
                let start = origin.saturating_add(rng.duration(&self.start));
                Poller {
                    job: SyncJobId::new(workspace_id, Open::Known(SyncSource::Sitewise)),
                    script: Script::Create,
                    next: start,
                    give_up: start.saturating_add(self.give_up_after),
                }
            })
            .collect();
        let mut lines = Vec::new();
        // The poller due first (the lowest index on ties), until every script is done.
        while let Some(poller) =
            pollers.iter_mut().filter(|p| p.script != Script::Done).min_by(|a, b| a.next.cmp(&b.next))
        {
            if poller.next > poller.give_up {
                poller.script = Script::Done;
                continue;
            }
            sim.clock.advance_to(poller.next);
            let now = sim.elapsed();
            if now < poller.next {
                // The clock saturated (after some 584 years): no later call is possible.
                poller.script = Script::Done;
                continue;
            }
            let mut interval = rng.duration(&self.poll_interval).max(MIN_STEP);
            poller.script = match poller.script {
                Script::Create => match sim.create(&poller.job, &role) {
                    Ok(_) => {
                        // Poll at once.
                        interval = Duration::ZERO;
                        Script::Settle
                    }
                    // Throttled or failed: try again. (Conflict cannot happen: fresh jobs.)
                    Err(_) => Script::Create,
                },
                Script::Delete => match sim.delete(&poller.job) {
                    Ok(_) => Script::AwaitGone,
                    Err(error) => match error.known_kind() {
                        // Already gone: the background actor deleted it.
                        Some(ApiErrorKind::ResourceNotFound) => Script::AwaitGone,
                        // Not deletable now (recreated into CREATING under a strict policy).
                        Some(ApiErrorKind::Validation) => Script::Settle,
                        _ => Script::Delete,
                    },
                },
                script @ (Script::Settle | Script::Hold { .. } | Script::AwaitGone) => {
                    let answer = sim.get(&poller.job);
                    let next = next_script(script, &answer, now, rng.duration(&self.hold));
                    lines.push(TraceLine { at: now, job: poller.job.clone(), answer });
                    next
                }
                Script::Done => Script::Done,
            };
            poller.next = now.saturating_add(interval);
        }
        Trace { lines }
    }
}

/// The script's next step after a poll.
fn next_script(script: Script, answer: &Result<SyncJobSnapshot, ApiError>, now: Duration, hold: Duration) -> Script {
    let state = answer.as_ref().ok().and_then(|snapshot| snapshot.status.known_state());
    let gone = answer.as_ref().err().and_then(ApiError::known_kind) == Some(ApiErrorKind::ResourceNotFound);
    match script {
        Script::Settle => match state {
            Some(SyncJobState::Active | SyncJobState::Error) => Script::Hold { until: now.saturating_add(hold) },
            _ => Script::Settle,
        },
        Script::Hold { until } if now >= until => Script::Delete,
        Script::AwaitGone if gone => Script::Done,
        // A delete that ended in ERROR (SYNC_DELETING_ERROR), or a job the background actor
        // created again after our delete found it gone: delete again.
        Script::AwaitGone if state.is_some_and(|state| state != SyncJobState::Deleting) => Script::Delete,
        other => other,
    }
}
