//! One simulated job: its incarnations, their planned schedules, the background actor, and the
//! ground-truth history.

use std::time::Duration;

use super::config::{ErrorFault, Faults, Timings};
use super::rng::Rng;
use crate::lifecycle::{Phase, Policy, Stage, classify_error_code};
use crate::model::{
    CreateSyncJobResponse, ErrorCode, ErrorDetails, ErrorMessage, Open, SyncJobArn, SyncJobSnapshot, SyncJobState,
    SyncJobStatus, SyncJobSummary, SyncRoleArn, Timestamp, WireEnum,
};
use crate::transport::SyncJobId;

/// Who made a change in a job's [history](super::Simulator::history).
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::transport::sim::Actor;
///
/// assert_ne!(Actor::Caller, Actor::Background);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Actor {
    /// The simulator's caller: CreateSyncJob and DeleteSyncJob through the transport.
    Caller,
    /// The service itself: the planned schedule (phases, failures, delete attempts).
    Service,
    /// The other actor of the [`recreate`](super::Faults::recreate) fault.
    Background,
}

/// What happened to a job.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::model::SyncJobState;
/// use twinmaker_syncjob::transport::sim::HistoryEvent;
///
/// let e = HistoryEvent::State { state: SyncJobState::Active, error: None };
/// assert!(matches!(e, HistoryEvent::State { state: SyncJobState::Active, .. }));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum HistoryEvent {
    /// A new incarnation was created, in `CREATING`.
    Created {
        /// Its `creationDateTime`.
        creation: Timestamp,
    },
    /// The status changed: a new state, or error details appearing beside `DELETING`.
    State {
        /// The state.
        state: SyncJobState,
        /// The error details beside it.
        error: Option<ErrorDetails>,
    },
    /// A delete attempt failed; the job stays `DELETING` and the delete is retried.
    DeleteAttemptFailed,
    /// The job is gone: GetSyncJob answers `ResourceNotFoundException`.
    Deleted,
}

/// One entry of a job's ground-truth history: what really happened, whether or not a poller saw
/// it.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::transport::{SyncJobId, Transport};
/// use twinmaker_syncjob::transport::sim::{Actor, HistoryEvent, Simulator};
///
/// let mut sim = Simulator::new(1)?;
/// let job = SyncJobId::parse("plant", "SITEWISE")?;
/// let role = sim.role();
/// sim.create_sync_job(&job, &role)?;
/// let first = &sim.history(&job)[0];
/// assert_eq!((first.incarnation, first.by), (1, Actor::Caller));
/// assert!(matches!(first.event, HistoryEvent::Created { .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryEntry {
    /// When, on the simulator's clock.
    pub at: Duration,
    /// Which incarnation, from 1.
    pub incarnation: u32,
    /// What happened.
    pub event: HistoryEvent,
    /// Who did it.
    pub by: Actor,
}

/// What the simulator needs from its configuration to move a job.
pub(super) struct Ctx<'a> {
    pub(super) policy: &'a Policy,
    pub(super) faults: &'a Faults,
    pub(super) timings: &'a Timings,
    pub(super) epoch: Timestamp,
}

/// Why a delete was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum DeleteRefusal {
    /// There is no such job.
    NotFound,
    /// The policy has no edge from the job's state to `DELETING`.
    NotDeletable(SyncJobState),
}

/// The next planned change of an incarnation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Initialize,
    Activate,
    Fail,
    DeleteAttemptFailed { left: u32 },
    DeleteFinished,
}

/// One live incarnation.
#[derive(Clone, Debug)]
struct Life {
    incarnation: u32,
    role: SyncRoleArn,
    creation: Timestamp,
    state: SyncJobState,
    error: Option<ErrorDetails>,
    /// The last state change: `updateDateTime`.
    changed: Duration,
    next: Option<(Duration, Step)>,
    initializing: Duration,
    active_until_failure: Duration,
    /// The planned failure; a `DELETING` one is consumed when it happens.
    failure: Option<(ErrorCode, Phase)>,
}

/// The background actor's plan for a job.
#[derive(Clone, Debug)]
struct Background {
    at: Duration,
    action: Action,
    role: SyncRoleArn,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Action {
    /// Delete the job at `at` (or as soon as the policy allows).
    Delete,
    /// Wait for the delete to finish.
    AwaitGone,
    /// Create the job again at `at`.
    Recreate,
}

/// A job slot: everything about one (workspace, source), across incarnations.
#[derive(Clone, Debug)]
pub(super) struct JobSlot {
    id: SyncJobId,
    arn: SyncJobArn,
    rng: Rng,
    life: Option<Life>,
    background: Option<Background>,
    incarnations: u32,
    history: Vec<HistoryEntry>,
}

/// `epoch + at`, at microsecond precision (truncated), saturating at [`Timestamp::MAX`].
pub(super) fn wall(epoch: Timestamp, at: Duration) -> Timestamp {
    i64::try_from(at.as_micros())
        .ok()
        .and_then(|micros| epoch.unix_micros().checked_add(micros))
        .and_then(|micros| Timestamp::from_unix_micros(micros).ok())
        .unwrap_or(Timestamp::MAX)
}

fn details(code: ErrorCode, message: &str) -> ErrorDetails {
    ErrorDetails { code: Some(Open::Known(code)), message: ErrorMessage::parse(message).ok() }
}

/// The message of a simulated failure.
fn failure_message(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::ValidationError => "The sync job's configuration is not valid (simulated).",
        ErrorCode::InternalFailure => "An internal failure occurred (simulated).",
        ErrorCode::SyncCreatingError => "The sync role could not be assumed (simulated).",
        ErrorCode::SyncInitializingError => "Initial sync of the SiteWise resources failed (simulated).",
        ErrorCode::SyncProcessingError => "Syncing updates from SiteWise failed (simulated).",
        ErrorCode::SyncDeletingError => "Deleting the synced resources failed (simulated).",
        ErrorCode::ProcessingError => "Processing failed (simulated).",
        ErrorCode::CompositeComponentFailure => "A composite component could not be synced (simulated).",
    }
}

const RETRY_MESSAGE: &str = "Deleting the synced resources failed; the delete will be retried (simulated).";

/// The steps past this many in one advance are left for the next call: a guard, never reached
/// by a schedule (each incarnation has a handful of steps, the background actor acts a few times).
const MAX_STEPS_PER_ADVANCE: usize = 10_000;

impl JobSlot {
    pub(super) fn new(id: SyncJobId, arn: SyncJobArn, seed: u64) -> Self {
        let rng = Rng::derive(seed, &format!("job/{}/{}", id.workspace_id, id.sync_source));
        Self { id, arn, rng, life: None, background: None, incarnations: 0, history: Vec::new() }
    }

    pub(super) fn id(&self) -> &SyncJobId {
        &self.id
    }

    pub(super) fn history(&self) -> &[HistoryEntry] {
        &self.history
    }

    /// CreateSyncJob at `now`: `None` when the job exists (any state, `DELETING` included).
    pub(super) fn create(
        &mut self,
        ctx: &Ctx<'_>,
        now: Duration,
        role: SyncRoleArn,
        by: Actor,
    ) -> Option<CreateSyncJobResponse> {
        if self.life.is_some() {
            return None;
        }
        self.incarnations = self.incarnations.saturating_add(1);
        let timings = ctx.timings;
        let creating = self.rng.duration(&timings.creating);
        let initializing = self.rng.duration(if ctx.faults.slow_initialization {
            &timings.slow_initializing
        } else {
            &timings.initializing
        });
        let active_until_failure = self.rng.duration(&timings.active_until_failure);
        let failure = self.plan_failure(ctx);
        let first = if matches!(failure, Some((_, Phase::Creating))) { Step::Fail } else { Step::Initialize };
        let creation = wall(ctx.epoch, now);
        self.life = Some(Life {
            incarnation: self.incarnations,
            role: role.clone(),
            creation,
            state: SyncJobState::Creating,
            error: None,
            changed: now,
            next: Some((now.saturating_add(creating), first)),
            initializing,
            active_until_failure,
            failure,
        });
        self.history.push(HistoryEntry {
            at: now,
            incarnation: self.incarnations,
            event: HistoryEvent::Created { creation },
            by,
        });
        self.background = match by {
            Actor::Caller if ctx.faults.recreate => {
                let at = now.saturating_add(self.rng.duration(&timings.recreate_after));
                Some(Background { at, action: Action::Delete, role })
            }
            _ => None,
        };
        Some(CreateSyncJobResponse {
            arn: self.arn.clone(),
            creation_date_time: creation,
            state: Open::Known(SyncJobState::Creating),
        })
    }

    /// The failure planned for a new incarnation, from the job's stream.
    fn plan_failure(&mut self, ctx: &Ctx<'_>) -> Option<(ErrorCode, Phase)> {
        let (code, phase) = match ctx.faults.job_errors {
            ErrorFault::None => return None,
            ErrorFault::Fail { code, phase } => (code, phase),
            ErrorFault::Random { probability } => {
                if !self.rng.chance(probability) {
                    return None;
                }
                let deleting_error = ctx.policy.allows(Stage::Deleting, Stage::Error);
                let codes: Vec<ErrorCode> = ErrorCode::known_values()
                    .filter(|code| *code != ErrorCode::SyncDeletingError || deleting_error)
                    .collect();
                let code = codes.get(self.rng.below(codes.len())).copied()?;
                (code, Phase::Any)
            }
        };
        let phase = match ErrorFault::phase_of(code, phase) {
            Ok(Phase::Any) => {
                const DRAWN: [Phase; 3] = [Phase::Creating, Phase::Initializing, Phase::Active];
                DRAWN.get(self.rng.below(DRAWN.len())).copied().unwrap_or(Phase::Active)
            }
            Ok(phase) => phase,
            // The builder refuses this configuration; keep to the code's own phase regardless.
            Err(_) => classify_error_code(code).phase,
        };
        Some((code, phase))
    }

    /// DeleteSyncJob at `now`.
    pub(super) fn delete(&mut self, ctx: &Ctx<'_>, now: Duration, by: Actor) -> Result<(), DeleteRefusal> {
        let Self { life, rng, history, background, .. } = self;
        let Some(life) = life.as_mut() else { return Err(DeleteRefusal::NotFound) };
        if life.state != SyncJobState::Deleting {
            if !ctx.policy.allows(Stage::from(life.state), Stage::Deleting) {
                return Err(DeleteRefusal::NotDeletable(life.state));
            }
            let first_attempt = rng.duration(&ctx.timings.deleting);
            let step = match ctx.faults.delete_retries {
                0 => Step::DeleteFinished,
                left => Step::DeleteAttemptFailed { left },
            };
            enter(life, history, now, SyncJobState::Deleting, None, by);
            life.next = Some((now.saturating_add(first_attempt), step));
        }
        // The caller's delete wins over the background actor's plan.
        if by == Actor::Caller {
            *background = None;
        }
        Ok(())
    }

    /// Applies every planned change due at or before `now`, in time order (the job's own schedule
    /// before the background actor on ties).
    pub(super) fn advance(&mut self, ctx: &Ctx<'_>, now: Duration) {
        for _ in 0..MAX_STEPS_PER_ADVANCE {
            let own = self.life.as_ref().and_then(|life| life.next);
            let actor = self.background.as_ref().filter(|b| b.action != Action::AwaitGone).map(|b| b.at);
            match (own, actor) {
                (Some((at, step)), actor) if at <= now && actor.is_none_or(|actor| at <= actor) => {
                    self.step(ctx, at, step);
                }
                (_, Some(at)) if at <= now => self.act(ctx, at),
                _ => return,
            }
        }
    }

    fn step(&mut self, ctx: &Ctx<'_>, at: Duration, step: Step) {
        let Self { life: slot, rng, history, background, .. } = self;
        let Some(life) = slot.as_mut() else { return };
        life.next = None;
        let failing_in = life.failure.map(|(_, phase)| phase);
        match step {
            Step::Initialize => {
                enter(life, history, at, SyncJobState::Initializing, None, Actor::Service);
                let next = if failing_in == Some(Phase::Initializing) { Step::Fail } else { Step::Activate };
                life.next = Some((at.saturating_add(life.initializing), next));
            }
            Step::Activate => {
                enter(life, history, at, SyncJobState::Active, None, Actor::Service);
                if failing_in == Some(Phase::Active) {
                    life.next = Some((at.saturating_add(life.active_until_failure), Step::Fail));
                }
            }
            Step::Fail => {
                let code = life.failure.map_or(ErrorCode::InternalFailure, |(code, _)| code);
                enter(
                    life,
                    history,
                    at,
                    SyncJobState::Error,
                    Some(details(code, failure_message(code))),
                    Actor::Service,
                );
            }
            Step::DeleteAttemptFailed { left } => {
                history.push(HistoryEntry {
                    at,
                    incarnation: life.incarnation,
                    event: HistoryEvent::DeleteAttemptFailed,
                    by: Actor::Service,
                });
                if ctx.faults.delete_error_details && life.error.is_none() {
                    // Not a state change: updateDateTime stays.
                    life.error = Some(details(ErrorCode::SyncDeletingError, RETRY_MESSAGE));
                    history.push(HistoryEntry {
                        at,
                        incarnation: life.incarnation,
                        event: HistoryEvent::State { state: life.state, error: life.error.clone() },
                        by: Actor::Service,
                    });
                }
                let retry = rng.duration(&ctx.timings.delete_retry);
                let next = if left > 1 { Step::DeleteAttemptFailed { left: left - 1 } } else { Step::DeleteFinished };
                life.next = Some((at.saturating_add(retry), next));
            }
            Step::DeleteFinished => {
                if let Some((code, Phase::Deleting)) = life.failure {
                    // The inferred DELETING -> ERROR edge, once per incarnation.
                    life.failure = None;
                    let error = Some(details(code, failure_message(code)));
                    enter(life, history, at, SyncJobState::Error, error, Actor::Service);
                    if let Some(b) = background.as_mut().filter(|b| b.action == Action::AwaitGone) {
                        b.at = at.saturating_add(rng.duration(&ctx.timings.recreate_gap));
                        b.action = Action::Delete;
                    }
                } else {
                    history.push(HistoryEntry {
                        at,
                        incarnation: life.incarnation,
                        event: HistoryEvent::Deleted,
                        by: Actor::Service,
                    });
                    *slot = None;
                    if let Some(b) = background.as_mut().filter(|b| b.action == Action::AwaitGone) {
                        b.at = at.saturating_add(rng.duration(&ctx.timings.recreate_gap));
                        b.action = Action::Recreate;
                    }
                }
            }
        }
    }

    /// The background actor's action due at `at`.
    fn act(&mut self, ctx: &Ctx<'_>, at: Duration) {
        let Some(background) = self.background.as_ref() else { return };
        match background.action {
            Action::AwaitGone => {}
            Action::Recreate => {
                let role = background.role.clone();
                self.background = None;
                // A caller may have created it again already: then there is nothing to do.
                let _ = self.create(ctx, at, role, Actor::Background);
            }
            Action::Delete => {
                let now = self.life.as_ref().map(|life| (life.state, life.next.map(|(t, _)| t)));
                match now {
                    None => self.background = None,
                    Some((SyncJobState::Deleting, _)) => self.set_action(Action::AwaitGone, at),
                    Some((state, _)) if ctx.policy.allows(Stage::from(state), Stage::Deleting) => {
                        let _ = self.delete(ctx, at, Actor::Background);
                        self.set_action(Action::AwaitGone, at);
                    }
                    // Not deletable yet under the policy: try again at the job's next change,
                    // which is later than `at` (the schedule goes first on ties).
                    Some((_, Some(next))) => self.set_action(Action::Delete, next),
                    Some((_, None)) => self.background = None,
                }
            }
        }
    }

    fn set_action(&mut self, action: Action, at: Duration) {
        if let Some(background) = self.background.as_mut() {
            background.action = action;
            background.at = at;
        }
    }

    /// The GetSyncJob answer, when the job exists.
    pub(super) fn snapshot(&self, epoch: Timestamp) -> Option<SyncJobSnapshot> {
        let life = self.life.as_ref()?;
        Some(SyncJobSnapshot {
            arn: self.arn.clone(),
            workspace_id: self.id.workspace_id.clone(),
            sync_source: self.id.sync_source.clone(),
            sync_role: life.role.clone(),
            status: SyncJobStatus { state: Some(Open::Known(life.state)), error: life.error.clone() },
            creation_date_time: life.creation,
            update_date_time: wall(epoch, life.changed),
        })
    }

    /// The ListSyncJobs summary, when the job exists.
    pub(super) fn summary(&self, epoch: Timestamp) -> Option<SyncJobSummary> {
        let life = self.life.as_ref()?;
        Some(SyncJobSummary {
            arn: Some(self.arn.clone()),
            workspace_id: Some(self.id.workspace_id.clone()),
            sync_source: Some(self.id.sync_source.clone()),
            status: Some(SyncJobStatus { state: Some(Open::Known(life.state)), error: life.error.clone() }),
            creation_date_time: Some(life.creation),
            update_date_time: Some(wall(epoch, life.changed)),
        })
    }
}

/// A state change at `at`: the state, its error details, `updateDateTime`, and the history.
fn enter(
    life: &mut Life,
    history: &mut Vec<HistoryEntry>,
    at: Duration,
    state: SyncJobState,
    error: Option<ErrorDetails>,
    by: Actor,
) {
    life.state = state;
    life.error = error;
    life.changed = at;
    history.push(HistoryEntry {
        at,
        incarnation: life.incarnation,
        event: HistoryEvent::State { state, error: life.error.clone() },
        by,
    });
}
