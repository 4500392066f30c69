//! The fleet tracker: many jobs, keyed by (workspace id, sync source).

use std::collections::HashMap;
use std::hash::{BuildHasher, Hash, Hasher};

use super::fingerprint::fingerprint64;
use super::tracker::{JobRecord, Observation, judge};
use super::verdict::Verdict;
use crate::lifecycle::Policy;
use crate::model::{ListSyncJobsPage, SyncJobSnapshot, SyncJobSummary};

/// A job's key: a 128-bit fingerprint of its (workspace id, sync source).
///
/// Fingerprints are stable across processes and releases (checkpoints stay valid) but not
/// cryptographic: whoever chooses workspace ids could make two jobs share a key.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::observe::JobKey;
///
/// assert_eq!(JobKey::new("plant", "SITEWISE"), JobKey::new("plant", "SITEWISE"));
/// assert_ne!(JobKey::new("plant", "SITEWISE"), JobKey::new("plant2", "SITEWISE"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct JobKey([u64; 2]);

impl JobKey {
    /// The key of the job of `workspace_id` and `sync_source`.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::observe::JobKey;
    ///
    /// // The two parts are kept apart: ("ab", "c") is not ("a", "bc").
    /// assert_ne!(JobKey::new("ab", "c"), JobKey::new("a", "bc"));
    /// ```
    #[must_use]
    pub fn new(workspace_id: &str, sync_source: &str) -> Self {
        let (w, s) = (workspace_id.as_bytes(), sync_source.as_bytes());
        let hash = |seed: u64| fingerprint64(s, fingerprint64(w, seed));
        Self([hash(0x5EED_0001), hash(0x5EED_0002)])
    }

    /// The key of a snapshot's job.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::model::SyncJobSnapshot;
    /// use twinmaker_syncjob::observe::JobKey;
    ///
    /// let job = SyncJobSnapshot::decode_str(r#"{"arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant",
    ///     "workspaceId": "plant", "syncSource": "SITEWISE", "syncRole": "arn:aws:iam::123456789012:role/r",
    ///     "status": {"state": "ACTIVE"}, "creationDateTime": 0, "updateDateTime": 0}"#)?;
    /// assert_eq!(JobKey::of_snapshot(&job), JobKey::new("plant", "SITEWISE"));
    /// # Ok::<(), twinmaker_syncjob::decode::DecodeError>(())
    /// ```
    #[must_use]
    pub fn of_snapshot(snapshot: &SyncJobSnapshot) -> Self {
        Self::new(snapshot.workspace_id.as_str(), snapshot.sync_source.as_str())
    }

    /// The key of a summary's job, when it names both parts.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::SyncJobSummary;
    /// use twinmaker_syncjob::observe::JobKey;
    ///
    /// assert_eq!(JobKey::of_summary(&SyncJobSummary::default()), None);
    /// ```
    #[must_use]
    pub fn of_summary(summary: &SyncJobSummary) -> Option<Self> {
        match (&summary.workspace_id, &summary.sync_source) {
            (Some(workspace), Some(source)) => Some(Self::new(workspace.as_str(), source.as_str())),
            _ => None,
        }
    }
}

impl Hash for JobKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // Already a well-mixed fingerprint: one word is enough for the table.
        state.write_u64(self.0[0]);
    }
}

/// A hasher for [`JobKey`]s, which are fingerprints already: it keeps the last word written.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0 = fingerprint64(bytes, self.0);
    }

    fn write_u64(&mut self, word: u64) {
        self.0 = word;
    }
}

#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct BuildKeyHasher;

impl BuildHasher for BuildKeyHasher {
    type Hasher = KeyHasher;

    fn build_hasher(&self) -> KeyHasher {
        KeyHasher(0)
    }
}

/// An observation the fleet tracker could not place.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::Policy;
/// use twinmaker_syncjob::model::SyncJobSummary;
/// use twinmaker_syncjob::observe::{FleetError, FleetTracker, Observation};
///
/// let mut fleet = FleetTracker::new(Policy::DEFAULT);
/// let anonymous = SyncJobSummary::default();
/// assert_eq!(fleet.observe(Observation::Summary(&anonymous)).unwrap_err(), FleetError::SummaryWithoutKey { index: 0 });
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FleetError {
    /// A summary without `workspaceId` or `syncSource`: which job it belongs to cannot be told.
    #[error(
        "observation {index}: a summary without workspaceId or syncSource cannot be placed; pass its key with observe_job"
    )]
    SummaryWithoutKey {
        /// The observation's index in the fleet's stream.
        index: u64,
    },
    /// An API error carries no job: pass its key with [`FleetTracker::observe_job`].
    #[error("observation {index}: an API error names no job; pass its key with observe_job")]
    ErrorWithoutKey {
        /// The observation's index in the fleet's stream.
        index: u64,
    },
}

/// Judges the observations of many jobs, each job by the rules of [`super::JobTracker`].
///
/// Jobs are keyed by (workspace id, sync source) fingerprints; each costs a [`JobRecord`] and an
/// index entry (see `docs/performance.md` for the measured bytes per job). The state is
/// serializable ([`FleetTracker::state`], [`FleetTracker::restore`]), so a service can checkpoint
/// it; services that outgrow one process shard jobs by key (see `docs/observing.md`).
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::decode::Decode;
/// use twinmaker_syncjob::lifecycle::Policy;
/// use twinmaker_syncjob::model::ListSyncJobsPage;
/// use twinmaker_syncjob::observe::{FleetTracker, JobKey};
///
/// let page = ListSyncJobsPage::decode_str(r#"{"syncJobSummaries": [
///     {"workspaceId": "plant-a", "syncSource": "SITEWISE", "status": {"state": "ACTIVE"}},
///     {"workspaceId": "plant-b", "syncSource": "SITEWISE", "status": {"state": "CREATING"}}
/// ]}"#)?;
/// let mut fleet = FleetTracker::new(Policy::DEFAULT);
/// for verdict in fleet.observe_page(&page) {
///     assert!(verdict?.1.is_clean());
/// }
/// assert_eq!(fleet.len(), 2);
/// assert_eq!(fleet.get(JobKey::new("plant-a", "SITEWISE")).unwrap().observations(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct FleetTracker {
    policy: Policy,
    index: HashMap<JobKey, u32, BuildKeyHasher>,
    state: FleetState,
}

/// The serializable state of a [`FleetTracker`]: every job's key and record, in order of first
/// appearance, and the number of observations received.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::Policy;
/// use twinmaker_syncjob::observe::{FleetState, FleetTracker};
///
/// let fleet = FleetTracker::new(Policy::DEFAULT);
/// let saved = serde_json::to_string(fleet.state())?;
/// let restored = FleetTracker::restore(Policy::DEFAULT, serde_json::from_str::<FleetState>(&saved)?);
/// assert!(restored.is_empty());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FleetState {
    jobs: Vec<(JobKey, JobRecord)>,
    observed: u64,
}

impl FleetTracker {
    /// An empty fleet, judging by `policy`.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Policy;
    /// use twinmaker_syncjob::observe::FleetTracker;
    ///
    /// assert!(FleetTracker::new(Policy::DEFAULT).is_empty());
    /// ```
    #[must_use]
    pub fn new(policy: Policy) -> Self {
        Self::with_capacity(policy, 0)
    }

    /// An empty fleet with room for `jobs` jobs before it grows.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Policy;
    /// use twinmaker_syncjob::observe::FleetTracker;
    ///
    /// assert_eq!(FleetTracker::with_capacity(Policy::DEFAULT, 1000).len(), 0);
    /// ```
    #[must_use]
    pub fn with_capacity(policy: Policy, jobs: usize) -> Self {
        Self {
            policy,
            index: HashMap::with_capacity_and_hasher(jobs, BuildKeyHasher),
            state: FleetState { jobs: Vec::with_capacity(jobs), observed: 0 },
        }
    }

    /// A fleet restored from a checkpoint.
    ///
    /// When the checkpoint holds a key twice (it was edited by hand), the later record wins.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Policy;
    /// use twinmaker_syncjob::observe::{FleetState, FleetTracker};
    ///
    /// assert!(FleetTracker::restore(Policy::DEFAULT, FleetState::default()).is_empty());
    /// ```
    #[must_use]
    pub fn restore(policy: Policy, mut state: FleetState) -> Self {
        let mut index = HashMap::with_capacity_and_hasher(state.jobs.len(), BuildKeyHasher);
        let mut jobs: Vec<(JobKey, JobRecord)> = Vec::with_capacity(state.jobs.len());
        for (key, record) in state.jobs.drain(..) {
            match index.get(&key).and_then(|at: &u32| jobs.get_mut(*at as usize)) {
                Some(slot) => *slot = (key, record),
                None => {
                    index.insert(key, u32::try_from(jobs.len()).unwrap_or(u32::MAX));
                    jobs.push((key, record));
                }
            }
        }
        state.jobs = jobs;
        Self { policy, index, state }
    }

    /// Judges a snapshot or a summary, finding its job from its `workspaceId` and `syncSource`.
    ///
    /// # Errors
    ///
    /// [`FleetError`] when the observation does not name its job (an API error, or a summary
    /// without both keys); use [`FleetTracker::observe_job`] for those.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Policy;
    /// use twinmaker_syncjob::model::{ApiError, ApiErrorKind};
    /// use twinmaker_syncjob::observe::{FleetError, FleetTracker, Observation};
    ///
    /// let mut fleet = FleetTracker::new(Policy::DEFAULT);
    /// let err = ApiError::new(ApiErrorKind::Throttling, "");
    /// assert_eq!(fleet.observe(Observation::Error(&err)), Err(FleetError::ErrorWithoutKey { index: 0 }));
    /// ```
    pub fn observe(&mut self, observation: Observation<'_>) -> Result<(JobKey, Verdict), FleetError> {
        let index = self.state.observed;
        let key = match observation {
            Observation::Snapshot(snapshot) => JobKey::of_snapshot(snapshot),
            Observation::Summary(summary) => match JobKey::of_summary(summary) {
                Some(key) => key,
                None => {
                    self.state.observed = index.saturating_add(1);
                    return Err(FleetError::SummaryWithoutKey { index });
                }
            },
            Observation::Error(_) => {
                self.state.observed = index.saturating_add(1);
                return Err(FleetError::ErrorWithoutKey { index });
            }
        };
        Ok((key, self.observe_job(key, observation)))
    }

    /// Judges an observation of the job with `key`. An API error about a job never seen creates
    /// no entry.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Policy;
    /// use twinmaker_syncjob::model::{ApiError, ApiErrorKind};
    /// use twinmaker_syncjob::observe::{Change, FleetTracker, JobKey, Observation};
    ///
    /// let mut fleet = FleetTracker::new(Policy::DEFAULT);
    /// let gone = ApiError::new(ApiErrorKind::ResourceNotFound, "");
    /// let verdict = fleet.observe_job(JobKey::new("plant", "SITEWISE"), Observation::Error(&gone));
    /// assert_eq!(verdict.change, Change::NoEvidence);
    /// assert!(fleet.is_empty());
    /// ```
    pub fn observe_job(&mut self, key: JobKey, observation: Observation<'_>) -> Verdict {
        let index = self.state.observed;
        self.state.observed = index.saturating_add(1);
        let slot = match self.index.get(&key) {
            Some(at) => self.state.jobs.get_mut(*at as usize).map(|(_, record)| record),
            None => None,
        };
        match slot {
            Some(record) => judge(record, &self.policy, observation, index),
            None => {
                let mut record = JobRecord::default();
                let verdict = judge(&mut record, &self.policy, observation, index);
                if record.has_been_seen() {
                    let at = u32::try_from(self.state.jobs.len()).unwrap_or(u32::MAX);
                    self.index.insert(key, at);
                    self.state.jobs.push((key, record));
                }
                verdict
            }
        }
    }

    /// Judges every summary of a ListSyncJobs page, in order: one observation per summary.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Policy;
    /// use twinmaker_syncjob::model::ListSyncJobsPage;
    /// use twinmaker_syncjob::observe::FleetTracker;
    ///
    /// let mut fleet = FleetTracker::new(Policy::DEFAULT);
    /// assert_eq!(fleet.observe_page(&ListSyncJobsPage::default()).count(), 0);
    /// ```
    pub fn observe_page<'a>(
        &'a mut self,
        page: &'a ListSyncJobsPage,
    ) -> impl Iterator<Item = Result<(JobKey, Verdict), FleetError>> + 'a {
        page.sync_job_summaries.iter().map(move |summary| self.observe(Observation::Summary(summary)))
    }

    /// The record of the job with `key`.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Policy;
    /// use twinmaker_syncjob::observe::{FleetTracker, JobKey};
    ///
    /// assert!(FleetTracker::new(Policy::DEFAULT).get(JobKey::new("plant", "SITEWISE")).is_none());
    /// ```
    #[must_use]
    pub fn get(&self, key: JobKey) -> Option<&JobRecord> {
        self.index.get(&key).and_then(|at| self.state.jobs.get(*at as usize)).map(|(_, record)| record)
    }

    /// Every job, in order of first appearance.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Policy;
    /// use twinmaker_syncjob::observe::FleetTracker;
    ///
    /// assert_eq!(FleetTracker::new(Policy::DEFAULT).jobs().count(), 0);
    /// ```
    pub fn jobs(&self) -> impl Iterator<Item = (JobKey, &JobRecord)> + '_ {
        self.state.jobs.iter().map(|(key, record)| (*key, record))
    }

    /// How many jobs it tracks.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Policy;
    /// use twinmaker_syncjob::observe::FleetTracker;
    ///
    /// assert_eq!(FleetTracker::new(Policy::DEFAULT).len(), 0);
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.state.jobs.len()
    }

    /// Whether it tracks no job.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Policy;
    /// use twinmaker_syncjob::observe::FleetTracker;
    ///
    /// assert!(FleetTracker::new(Policy::DEFAULT).is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.state.jobs.is_empty()
    }

    /// The serializable state, for checkpoints.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Policy;
    /// use twinmaker_syncjob::observe::FleetTracker;
    ///
    /// assert_eq!(FleetTracker::new(Policy::DEFAULT).state().observed(), 0);
    /// ```
    #[must_use]
    pub fn state(&self) -> &FleetState {
        &self.state
    }

    /// The policy it judges by.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Policy;
    /// use twinmaker_syncjob::observe::FleetTracker;
    ///
    /// assert_eq!(FleetTracker::new(Policy::DOCUMENTED).policy(), &Policy::DOCUMENTED);
    /// ```
    #[must_use]
    pub fn policy(&self) -> &Policy {
        &self.policy
    }
}

impl FleetState {
    /// How many observations the fleet had received.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::observe::FleetState;
    ///
    /// assert_eq!(FleetState::default().observed(), 0);
    /// ```
    #[must_use]
    pub fn observed(&self) -> u64 {
        self.observed
    }
}
