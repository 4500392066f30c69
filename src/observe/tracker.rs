//! The per-job tracker: one job's observations in, one verdict each out.

use super::fingerprint::identity_fingerprint;
use super::verdict::{Change, IdentityField, Verdict, Violation, Warning};
use crate::decode::SnapshotView;
use crate::lifecycle::{Policy, Position, Route, Stage};
use crate::model::{
    ApiError, ApiErrorKind, ErrorDetails, Open, SyncJobSnapshot, SyncJobState, SyncJobSummary, Timestamp,
};

/// One thing a poller saw of a job.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::model::{ApiError, ApiErrorKind};
/// use twinmaker_syncjob::observe::Observation;
///
/// let gone = ApiError::new(ApiErrorKind::ResourceNotFound, "no such job");
/// let observation = Observation::Error(&gone);
/// assert!(matches!(observation, Observation::Error(_)));
/// ```
#[derive(Clone, Copy, Debug)]
pub enum Observation<'a> {
    /// A GetSyncJob response.
    Snapshot(&'a SyncJobSnapshot),
    /// One ListSyncJobs summary.
    Summary(&'a SyncJobSummary),
    /// An API error of a call about the job.
    Error(&'a ApiError),
}

/// Where a job is, as far as the tracker knows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
enum Slot {
    /// Never seen.
    #[default]
    Never,
    /// Last seen in a state this crate does not know (or with no state).
    Unknown,
    /// Last seen at a known position (or deleted).
    At(Position),
}

/// "No timestamp": outside the range of [`Timestamp`], so never a real value.
const NO_TIME: i64 = i64::MIN;

/// What a tracker remembers of one job: constant size (48 bytes), whatever the trace's length.
///
/// It keeps fingerprints of the identity fields, not the strings. Serializable with serde, so a
/// tracker can be checkpointed and restored.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::Policy;
/// use twinmaker_syncjob::observe::JobTracker;
///
/// let tracker = JobTracker::new(Policy::DEFAULT);
/// let record = tracker.record();
/// assert!(!record.has_been_seen());
/// assert_eq!(record.position(), None);
/// assert_eq!(record.observations(), 0);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct JobRecord {
    slot: Slot,
    creation: i64,
    update: i64,
    arn: u64,
    role: u64,
    observations: u32,
    incarnations: u32,
}

impl Default for JobRecord {
    fn default() -> Self {
        Self {
            slot: Slot::Never,
            creation: NO_TIME,
            update: NO_TIME,
            arn: 0,
            role: 0,
            observations: 0,
            incarnations: 0,
        }
    }
}

impl JobRecord {
    /// The last known position ([`Position::Deleted`] after a deletion), or `None` when the job was
    /// never seen or was last seen in a state this crate does not know.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::observe::JobRecord;
    ///
    /// assert_eq!(JobRecord::default().position(), None);
    /// ```
    #[must_use]
    pub fn position(&self) -> Option<Position> {
        match self.slot {
            Slot::At(position) => Some(position),
            Slot::Never | Slot::Unknown => None,
        }
    }

    /// Whether the job was ever seen (a snapshot or a summary).
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::observe::JobRecord;
    ///
    /// assert!(!JobRecord::default().has_been_seen());
    /// ```
    #[must_use]
    pub fn has_been_seen(&self) -> bool {
        self.slot != Slot::Never
    }

    /// Whether the last lifecycle evidence was a deletion.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::observe::JobRecord;
    ///
    /// assert!(!JobRecord::default().is_deleted());
    /// ```
    #[must_use]
    pub fn is_deleted(&self) -> bool {
        self.slot == Slot::At(Position::Deleted)
    }

    /// The current incarnation's `creationDateTime`, when seen.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::observe::JobRecord;
    ///
    /// assert_eq!(JobRecord::default().creation_date_time(), None);
    /// ```
    #[must_use]
    pub fn creation_date_time(&self) -> Option<Timestamp> {
        time_of(self.creation)
    }

    /// The last `updateDateTime` seen in the current incarnation.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::observe::JobRecord;
    ///
    /// assert_eq!(JobRecord::default().update_date_time(), None);
    /// ```
    #[must_use]
    pub fn update_date_time(&self) -> Option<Timestamp> {
        time_of(self.update)
    }

    /// How many observations of the job the tracker received (saturating at `u32::MAX`).
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::observe::JobRecord;
    ///
    /// assert_eq!(JobRecord::default().observations(), 0);
    /// ```
    #[must_use]
    pub fn observations(&self) -> u32 {
        self.observations
    }

    /// How many incarnations of the job were seen: 1 after the first sighting, one more for each
    /// recreation.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::observe::JobRecord;
    ///
    /// assert_eq!(JobRecord::default().incarnations(), 0);
    /// ```
    #[must_use]
    pub fn incarnations(&self) -> u32 {
        self.incarnations
    }

    /// The fingerprint of the last ARN seen, 0 for none.
    pub(crate) fn arn_fingerprint(&self) -> u64 {
        self.arn
    }
}

fn time_of(micros: i64) -> Option<Timestamp> {
    if micros == NO_TIME { None } else { Timestamp::from_unix_micros(micros).ok() }
}

fn micros_of(time: Option<Timestamp>) -> i64 {
    time.map_or(NO_TIME, Timestamp::unix_micros)
}

/// What the rules judge: an API error, or the parts of a snapshot or summary they look at.
pub(crate) enum Seen<'a> {
    Error(&'a ApiError),
    Sighting(Sighting<'a>),
}

impl<'a> From<Observation<'a>> for Seen<'a> {
    #[inline]
    fn from(observation: Observation<'a>) -> Self {
        match observation {
            Observation::Error(error) => Self::Error(error),
            Observation::Snapshot(snapshot) => Self::Sighting(Sighting::of_snapshot(snapshot)),
            Observation::Summary(summary) => Self::Sighting(Sighting::of_summary(summary)),
        }
    }
}

impl<'a> From<&'a SnapshotView<'_>> for Seen<'a> {
    /// A GetSyncJob response judged from borrowed identifiers, as `check` reads it.
    #[inline]
    fn from(view: &'a SnapshotView<'_>) -> Self {
        Self::Sighting(Sighting {
            state: view.status.state.as_ref(),
            error: view.status.error.as_ref(),
            creation: Some(view.creation_date_time),
            update: Some(view.update_date_time),
            arn: Some(view.arn.as_str()),
            role: Some(view.sync_role.as_str()),
        })
    }
}

/// The parts of a snapshot or summary the rules look at.
pub(crate) struct Sighting<'a> {
    state: Option<&'a Open<SyncJobState>>,
    error: Option<&'a ErrorDetails>,
    creation: Option<Timestamp>,
    update: Option<Timestamp>,
    arn: Option<&'a str>,
    role: Option<&'a str>,
}

impl<'a> Sighting<'a> {
    fn of_snapshot(s: &'a SyncJobSnapshot) -> Self {
        Self {
            state: s.status.state.as_ref(),
            error: s.status.error.as_ref(),
            creation: Some(s.creation_date_time),
            update: Some(s.update_date_time),
            arn: Some(s.arn.as_str()),
            role: Some(s.sync_role.as_str()),
        }
    }

    fn of_summary(s: &'a SyncJobSummary) -> Self {
        Self {
            state: s.status.as_ref().and_then(|status| status.state.as_ref()),
            error: s.status.as_ref().and_then(|status| status.error.as_ref()),
            creation: s.creation_date_time,
            update: s.update_date_time,
            arn: s.arn.as_ref().map(|arn| arn.as_str()),
            role: None,
        }
    }
}

/// How an observation relates to the current incarnation (rule 6).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Incarnation {
    First,
    Same,
    Recreated,
    Regressed(i64),
    Resurrected,
}

/// Judges one observation against a job's record under a policy, and takes it into the record.
// Inlined into the trackers' `observe`: the verdict is then built where the caller receives it
// instead of being copied out (a measurable share of the cost of a stutter).
#[inline(always)]
pub(crate) fn judge(record: &mut JobRecord, policy: &Policy, seen: Seen<'_>, index: u64) -> Verdict {
    let mut verdict = Verdict {
        index,
        change: Change::NoEvidence,
        from: record.position(),
        to: None,
        violations: Default::default(),
        warnings: Default::default(),
    };
    record.observations = record.observations.saturating_add(1);
    match seen {
        Seen::Error(error) => judge_error(record, policy, error, &mut verdict),
        Seen::Sighting(sighting) => judge_sighting(record, policy, &sighting, &mut verdict),
    }
    verdict
}

#[inline(always)]
fn judge_error(record: &mut JobRecord, policy: &Policy, error: &ApiError, verdict: &mut Verdict) {
    if error.kind != ApiErrorKind::ResourceNotFound || record.slot == Slot::Never {
        return;
    }
    verdict.to = Some(Position::Deleted);
    verdict.change = match record.slot {
        Slot::At(Position::Deleted) => Change::Stutter,
        Slot::Never | Slot::Unknown => Change::Deleted(Default::default()),
        Slot::At(from) => match policy.route(from, Position::Deleted) {
            Route::Step | Route::Same => Change::Deleted(Default::default()),
            Route::Skip(via) => Change::Deleted(via),
            Route::Unreachable => {
                verdict.violations.push(Violation::IllegalTransition { from, to: Position::Deleted });
                Change::Illegal
            }
        },
    };
    record.slot = Slot::At(Position::Deleted);
}

#[inline(always)]
fn judge_sighting(record: &mut JobRecord, policy: &Policy, seen: &Sighting<'_>, verdict: &mut Verdict) {
    let state = seen.state.and_then(Open::known);
    let code = seen.error.and_then(|details| details.code.as_ref());
    let to = state.map(|state| Position::of(state, code.and_then(Open::known)));
    verdict.to = to;

    // Rules 9 and 10: warnings.
    if state.is_none() {
        verdict.warnings.push(Warning::UnknownState);
    }
    if code.is_some_and(|code| !code.is_known()) {
        verdict.warnings.push(Warning::UnknownErrorCode);
    }
    let has_details = seen.error.is_some_and(|details| details.code.is_some() || details.message.is_some());
    match state {
        Some(SyncJobState::Error) if !has_details => verdict.warnings.push(Warning::ErrorDetailsMissing),
        Some(state) if has_details && !matches!(state, SyncJobState::Error | SyncJobState::Deleting) => {
            verdict.warnings.push(Warning::ErrorDetailsUnexpected { state });
        }
        _ => {}
    }

    // Rule 6: which incarnation.
    let incarnation = match (record.slot, record.creation, seen.creation.map(Timestamp::unix_micros)) {
        (Slot::Never, _, _) => Incarnation::First,
        (Slot::At(Position::Deleted), previous, Some(observed)) if previous != NO_TIME => {
            match observed.cmp(&previous) {
                std::cmp::Ordering::Greater => Incarnation::Recreated,
                std::cmp::Ordering::Equal => Incarnation::Resurrected,
                std::cmp::Ordering::Less => Incarnation::Regressed(previous),
            }
        }
        // Seen again after a deletion, and nothing says it is the same incarnation.
        (Slot::At(Position::Deleted), _, _) => Incarnation::Recreated,
        (_, previous, Some(observed)) if previous != NO_TIME && observed > previous => Incarnation::Recreated,
        (_, previous, Some(observed)) if previous != NO_TIME && observed < previous => Incarnation::Regressed(previous),
        _ => Incarnation::Same,
    };

    // Rule 8, second half: applies to every observation.
    let creation =
        seen.creation.or_else(|| if incarnation == Incarnation::Same { record.creation_date_time() } else { None });
    if let (Some(creation), Some(update)) = (creation, seen.update)
        && update < creation
    {
        verdict.violations.push(Violation::UpdateBeforeCreation { creation, update });
    }

    let arn = seen.arn.map(identity_fingerprint);
    let role = seen.role.map(identity_fingerprint);
    verdict.change = match incarnation {
        Incarnation::First => {
            record.incarnations = record.incarnations.saturating_add(1);
            Change::First
        }
        Incarnation::Recreated => {
            record.incarnations = record.incarnations.saturating_add(1);
            recreated(policy, to, verdict)
        }
        Incarnation::Regressed(previous) => {
            let previous = time_of(previous).unwrap_or(Timestamp::MIN);
            let observed = seen.creation.unwrap_or(Timestamp::MIN);
            verdict.violations.push(Violation::CreationTimeRegressed { previous, observed });
            Change::Reset
        }
        Incarnation::Resurrected => {
            let creation = seen.creation.unwrap_or(Timestamp::MIN);
            verdict.violations.push(Violation::Resurrected { creation });
            Change::Reset
        }
        Incarnation::Same => {
            // Rule 7: identity.
            if arn.is_some_and(|arn| record.arn != 0 && arn != record.arn) {
                verdict.violations.push(Violation::IdentityChanged { field: IdentityField::Arn });
            }
            if role.is_some_and(|role| record.role != 0 && role != record.role) {
                verdict.violations.push(Violation::IdentityChanged { field: IdentityField::SyncRole });
            }
            // Rule 8, first half.
            if let (Some(previous), Some(observed)) = (record.update_date_time(), seen.update)
                && observed < previous
            {
                verdict.violations.push(Violation::UpdateTimeRegressed { previous, observed });
            }
            // Rules 1 to 4.
            match (record.slot, to) {
                (Slot::At(from), Some(to)) => match policy.route(from, to) {
                    Route::Same => Change::Stutter,
                    Route::Step => Change::Step,
                    Route::Skip(via) => Change::Skip(via),
                    Route::Unreachable => {
                        verdict.violations.push(Violation::IllegalTransition { from, to });
                        Change::Illegal
                    }
                },
                _ => Change::Unjudged,
            }
        }
    };

    // Rule 12: the observation becomes the job's current state.
    record.slot = to.map_or(Slot::Unknown, Slot::At);
    if incarnation == Incarnation::Same {
        if seen.creation.is_some() {
            record.creation = micros_of(seen.creation);
        }
        if seen.update.is_some() {
            record.update = micros_of(seen.update);
        }
        record.arn = arn.unwrap_or(record.arn);
        record.role = role.unwrap_or(record.role);
    } else {
        record.creation = micros_of(seen.creation);
        record.update = micros_of(seen.update);
        record.arn = arn.unwrap_or(0);
        record.role = role.unwrap_or(0);
    }
}

/// A new incarnation: its first state is judged as reachable from `CREATING`.
fn recreated(policy: &Policy, to: Option<Position>, verdict: &mut Verdict) -> Change {
    let Some(to) = to else { return Change::Recreated(Default::default()) };
    if to == Position::Creating {
        return Change::Recreated(Default::default());
    }
    match policy.route(Position::Creating, to) {
        Route::Same => Change::Recreated(Default::default()),
        Route::Step => Change::Recreated(crate::lifecycle::Via::of(&[Stage::Creating])),
        Route::Skip(via) => Change::Recreated(via.prepend(Stage::Creating)),
        Route::Unreachable => {
            verdict.violations.push(Violation::IllegalTransition { from: Position::Creating, to });
            Change::Illegal
        }
    }
}

/// Judges one job's observations, in order.
///
/// A pure, sans-IO core: no clock, no IO; feed it what a poller saw and read what each observation
/// meant. Steady-state observation handling allocates nothing, and its memory is constant however
/// long the trace. See `docs/observing.md` for the rules with worked examples.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::decode::Decode;
/// use twinmaker_syncjob::lifecycle::{Policy, Stage};
/// use twinmaker_syncjob::model::SyncJobSnapshot;
/// use twinmaker_syncjob::observe::{Change, JobTracker, Observation};
///
/// let at = |state: &str, t: u32| SyncJobSnapshot::decode_str(&format!(r#"{{
///     "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
///     "workspaceId": "plant", "syncSource": "SITEWISE",
///     "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
///     "status": {{"state": "{state}"}}, "creationDateTime": 1672531200, "updateDateTime": {t}
/// }}"#)).unwrap();
///
/// let mut tracker = JobTracker::new(Policy::DEFAULT);
/// assert_eq!(tracker.observe(Observation::Snapshot(&at("CREATING", 1672531200))).change, Change::First);
/// assert_eq!(tracker.observe(Observation::Snapshot(&at("CREATING", 1672531230))).change, Change::Stutter);
/// let skip = tracker.observe(Observation::Snapshot(&at("ACTIVE", 1672531290)));
/// assert_eq!(skip.change.via().as_slice(), &[Stage::Initializing]);
/// let bad = tracker.observe(Observation::Snapshot(&at("CREATING", 1672531300)));
/// assert_eq!(bad.violations.iter().next().unwrap().kind(), "illegal_transition");
/// ```
#[derive(Clone, Debug)]
pub struct JobTracker {
    policy: Policy,
    record: JobRecord,
    next_index: u64,
}

impl JobTracker {
    /// A tracker that has seen nothing, judging by `policy`.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Policy;
    /// use twinmaker_syncjob::observe::JobTracker;
    ///
    /// let tracker = JobTracker::new(Policy::DOCUMENTED);
    /// assert_eq!(tracker.observed(), 0);
    /// ```
    #[must_use]
    pub fn new(policy: Policy) -> Self {
        Self { policy, record: JobRecord::default(), next_index: 0 }
    }

    /// A tracker restored from a checkpoint: a record and the number of observations it had seen.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Policy;
    /// use twinmaker_syncjob::observe::{JobRecord, JobTracker};
    ///
    /// let saved = serde_json::to_string(JobTracker::new(Policy::DEFAULT).record())?;
    /// let record: JobRecord = serde_json::from_str(&saved)?;
    /// let restored = JobTracker::restore(Policy::DEFAULT, record, 0);
    /// assert_eq!(restored.record(), &record);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn restore(policy: Policy, record: JobRecord, observed: u64) -> Self {
        Self { policy, record, next_index: observed }
    }

    /// Judges the next observation and takes it into the job's state.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Policy;
    /// use twinmaker_syncjob::model::{ApiError, ApiErrorKind};
    /// use twinmaker_syncjob::observe::{Change, JobTracker, Observation};
    ///
    /// let mut tracker = JobTracker::new(Policy::DEFAULT);
    /// // Not found before the job was ever seen: no evidence.
    /// let gone = ApiError::new(ApiErrorKind::ResourceNotFound, "");
    /// assert_eq!(tracker.observe(Observation::Error(&gone)).change, Change::NoEvidence);
    /// ```
    #[inline]
    pub fn observe(&mut self, observation: Observation<'_>) -> Verdict {
        let index = self.next_index;
        self.next_index = self.next_index.saturating_add(1);
        judge(&mut self.record, &self.policy, observation.into(), index)
    }

    /// What the tracker remembers of the job.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Policy;
    /// use twinmaker_syncjob::observe::JobTracker;
    ///
    /// assert_eq!(JobTracker::new(Policy::DEFAULT).record().incarnations(), 0);
    /// ```
    #[must_use]
    pub fn record(&self) -> &JobRecord {
        &self.record
    }

    /// The policy it judges by.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Policy;
    /// use twinmaker_syncjob::observe::JobTracker;
    ///
    /// assert_eq!(JobTracker::new(Policy::DEFAULT).policy(), &Policy::DEFAULT);
    /// ```
    #[must_use]
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// How many observations it has received.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Policy;
    /// use twinmaker_syncjob::model::{ApiError, ApiErrorKind};
    /// use twinmaker_syncjob::observe::{JobTracker, Observation};
    ///
    /// let mut t = JobTracker::new(Policy::DEFAULT);
    /// t.observe(Observation::Error(&ApiError::new(ApiErrorKind::Throttling, "")));
    /// assert_eq!(t.observed(), 1);
    /// ```
    #[must_use]
    pub fn observed(&self) -> u64 {
        self.next_index
    }
}
