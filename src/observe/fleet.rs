//! The fleet tracker: many jobs, keyed by (workspace id, sync source).

use std::hash::{Hash, Hasher};

use super::fingerprint::fingerprint128;
use super::tracker::{JobRecord, Observation, Seen, judge};
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
    #[inline]
    pub fn new(workspace_id: &str, sync_source: &str) -> Self {
        Self(fingerprint128(workspace_id.as_bytes(), sync_source.as_bytes()))
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
    #[inline]
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

/// Where each job's entry is in the job list: an open-addressing table with linear probing, at
/// most 7/8 full. A slot holds the entry's position and 32 bits of its key (so a probe compares
/// with the job list only on a likely match); the keys themselves live only in the job list. It
/// costs 9.1 to 18.3 bytes a job, where a hash map of keys to positions costs 27 to 55.
#[derive(Clone, Debug, Default)]
struct Index {
    /// A power of two of slots (or none), each [`Index::EMPTY`] or a tag and a position.
    slots: Vec<u64>,
}

impl Index {
    const EMPTY: u64 = u64::MAX;

    /// Room for `jobs` jobs before it grows.
    fn with_capacity(jobs: usize) -> Self {
        if jobs == 0 {
            return Self::default();
        }
        let slots = jobs.saturating_mul(8).div_ceil(7).saturating_add(1).next_power_of_two();
        Self { slots: vec![Self::EMPTY; slots] }
    }

    /// The tag a slot keeps of `key`: the high half of its second word (the first word picks the
    /// slot).
    #[inline]
    fn tag(key: JobKey) -> u64 {
        key.0[1] & 0xFFFF_FFFF_0000_0000
    }

    /// The slot where `key` is, or the empty slot where it would go; `None` when there are no
    /// slots.
    #[inline]
    fn probe(&self, key: JobKey, jobs: &[(JobKey, JobRecord)]) -> Option<usize> {
        let mask = self.slots.len().checked_sub(1)?;
        let tag = Self::tag(key);
        // Keys are fingerprints already: their first word is a well-mixed hash.
        #[allow(clippy::cast_possible_truncation, reason = "only the bits under the mask are used")]
        let mut at = key.0[0] as usize & mask;
        loop {
            let slot = *self.slots.get(at)?;
            if slot == Self::EMPTY
                || (slot & 0xFFFF_FFFF_0000_0000 == tag
                    && jobs.get(Self::position(slot)).is_some_and(|(k, _)| *k == key))
            {
                return Some(at);
            }
            at = (at + 1) & mask;
        }
    }

    #[inline]
    fn position(slot: u64) -> usize {
        (slot & 0xFFFF_FFFF) as usize
    }

    /// The position of `key` in `jobs`.
    #[inline]
    fn find(&self, key: JobKey, jobs: &[(JobKey, JobRecord)]) -> Option<usize> {
        let slot = self.probe(key, jobs)?;
        match self.slots.get(slot) {
            Some(&Self::EMPTY) | None => None,
            Some(&slot) => Some(Self::position(slot)),
        }
    }

    /// Indexes the last job of `jobs` (whose key is not indexed yet), growing when needed.
    fn push(&mut self, jobs: &[(JobKey, JobRecord)]) {
        let Some(((key, _), position)) = jobs.last().zip(jobs.len().checked_sub(1)) else { return };
        if jobs.len().saturating_mul(8) > self.slots.len().saturating_mul(7) {
            *self = Self::with_capacity(jobs.len());
            for (position, (key, _)) in jobs.iter().enumerate() {
                self.put(*key, position, jobs);
            }
        } else {
            self.put(*key, position, jobs);
        }
    }

    fn put(&mut self, key: JobKey, position: usize, jobs: &[(JobKey, JobRecord)]) {
        // Positions past 32 bits (four billion jobs) are not indexed.
        let Ok(position) = u32::try_from(position) else { return };
        if let Some(slot) = self.probe(key, jobs).and_then(|slot| self.slots.get_mut(slot)) {
            *slot = Self::tag(key) | u64::from(position);
        }
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
    index: Index,
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
            index: Index::with_capacity(jobs),
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
        let mut index = Index::with_capacity(state.jobs.len());
        let mut jobs: Vec<(JobKey, JobRecord)> = Vec::with_capacity(state.jobs.len());
        for (key, record) in state.jobs.drain(..) {
            match index.find(key, &jobs).and_then(|at| jobs.get_mut(at)) {
                Some(slot) => *slot = (key, record),
                None => {
                    jobs.push((key, record));
                    index.push(&jobs);
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
    #[inline]
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
    #[inline]
    pub fn observe_job(&mut self, key: JobKey, observation: Observation<'_>) -> Verdict {
        self.observe_job_at(key, observation.into()).0
    }

    /// [`FleetTracker::observe_job`], also telling the job's position in [`FleetTracker::jobs`]
    /// (`None` when the job is not tracked: an API error about a job never seen).
    #[inline]
    pub(crate) fn observe_job_at(&mut self, key: JobKey, seen: Seen<'_>) -> (Verdict, Option<usize>) {
        let index = self.state.observed;
        self.state.observed = index.saturating_add(1);
        // One call of `judge`, on the job's record or on a fresh one (kept if the job was seen), so
        // that the verdict is built where the caller receives it.
        let mut fresh = JobRecord::default();
        let position = self.index.find(key, &self.state.jobs);
        let found = position.and_then(|at| self.state.jobs.get_mut(at));
        let is_new = found.is_none();
        let record = match found {
            Some((_, record)) => record,
            None => &mut fresh,
        };
        let verdict = judge(record, &self.policy, seen, index);
        if is_new && fresh.has_been_seen() {
            self.state.jobs.push((key, fresh));
            self.index.push(&self.state.jobs);
            return (verdict, Some(self.state.jobs.len() - 1));
        }
        (verdict, if is_new { None } else { position })
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
        self.index.find(key, &self.state.jobs).and_then(|at| self.state.jobs.get(at)).map(|(_, record)| record)
    }

    /// The record of the job at `at` in [`FleetTracker::jobs`]' order.
    pub(crate) fn record_at(&self, at: usize) -> Option<&JobRecord> {
        self.state.jobs.get(at).map(|(_, record)| record)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ApiError, ApiErrorKind};

    fn record_at(fleet: &FleetTracker, key: JobKey) -> Option<JobRecord> {
        fleet.get(key).copied()
    }

    #[test]
    fn the_index_finds_every_job_as_it_grows() {
        let mut fleet = FleetTracker::new(Policy::DEFAULT);
        let gone = ApiError::new(ApiErrorKind::ResourceNotFound, "");
        let snapshot = crate::decode::Decode::decode_str(
            r#"{"arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/w/sync-job/SITEWISE",
                "workspaceId": "plant", "syncSource": "SITEWISE", "syncRole": "arn:aws:iam::123456789012:role/r",
                "status": {"state": "ACTIVE"}, "creationDateTime": 0, "updateDateTime": 0}"#,
        );
        let snapshot: SyncJobSnapshot = snapshot.unwrap();
        let keys: Vec<JobKey> = (0..20_000).map(|n| JobKey::new(&format!("plant-{n}"), "SITEWISE")).collect();
        for (n, key) in keys.iter().enumerate() {
            assert!(fleet.get(*key).is_none());
            fleet.observe_job(*key, Observation::Snapshot(&snapshot));
            assert_eq!(fleet.len(), n + 1);
            // Not found for a job never seen adds nothing.
            fleet.observe_job(JobKey::new(&format!("never-{n}"), "SITEWISE"), Observation::Error(&gone));
        }
        assert_eq!(fleet.len(), keys.len());
        // Every second job is deleted; each keeps its own record.
        for key in keys.iter().step_by(2) {
            fleet.observe_job(*key, Observation::Error(&gone));
        }
        for (n, key) in keys.iter().enumerate() {
            let record = record_at(&fleet, *key).unwrap();
            assert_eq!(record.is_deleted(), n % 2 == 0, "{n}");
        }
        assert_eq!(fleet.jobs().map(|(key, _)| key).collect::<Vec<_>>(), keys);
    }

    #[test]
    fn keys_that_share_a_tag_and_a_slot_stay_apart() {
        // Two keys whose 32-bit tags and first slot (in a four-slot table) are equal: the index
        // must compare the keys themselves.
        let mut seen = std::collections::HashMap::new();
        let (a, b) = (0u32..)
            .map(|n| JobKey::new(&format!("w{n}"), "SITEWISE"))
            .find_map(|key| {
                let home = (Index::tag(key), key.0[0] & 3);
                seen.insert(home, key).map(|other| (other, key))
            })
            .unwrap();
        assert_ne!(a, b);
        let mut fleet = FleetTracker::new(Policy::DEFAULT);
        let snapshot: SyncJobSnapshot = crate::decode::Decode::decode_str(
            r#"{"arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/w/sync-job/SITEWISE",
                "workspaceId": "w1", "syncSource": "SITEWISE", "syncRole": "arn:aws:iam::123456789012:role/r",
                "status": {"state": "ACTIVE"}, "creationDateTime": 0, "updateDateTime": 0}"#,
        )
        .unwrap();
        fleet.observe_job(a, Observation::Snapshot(&snapshot));
        assert!(fleet.get(b).is_none());
        fleet.observe_job(b, Observation::Snapshot(&snapshot));
        assert_eq!(fleet.len(), 2);
        assert_eq!(fleet.jobs().map(|(key, _)| key).collect::<Vec<_>>(), [a, b]);
    }

    #[test]
    fn positions_records_and_accessors() {
        let mut fleet = FleetTracker::new(Policy::DOCUMENTED);
        assert!(fleet.is_empty());
        assert!(*fleet.policy() == Policy::DOCUMENTED && *fleet.policy() != Policy::DEFAULT);
        let snapshot: SyncJobSnapshot = crate::decode::Decode::decode_str(
            r#"{"arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/w/sync-job/SITEWISE",
                "workspaceId": "w1", "syncSource": "SITEWISE", "syncRole": "arn:aws:iam::123456789012:role/r",
                "status": {"state": "ACTIVE"}, "creationDateTime": 0, "updateDateTime": 0}"#,
        )
        .unwrap();
        let gone = ApiError::new(ApiErrorKind::ResourceNotFound, "");
        let keys: Vec<JobKey> = (0..3).map(|n| JobKey::new(&format!("w{n}"), "SITEWISE")).collect();
        // Not found for a job never seen: no position.
        assert_eq!(fleet.observe_job_at(keys[0], Observation::Error(&gone).into()).1, None);
        for (n, key) in keys.iter().enumerate() {
            assert_eq!(fleet.observe_job_at(*key, Observation::Snapshot(&snapshot).into()).1, Some(n));
            assert!(!fleet.is_empty());
        }
        assert_eq!(fleet.observe_job_at(keys[1], Observation::Error(&gone).into()).1, Some(1));
        let arn = crate::observe::fingerprint::identity_fingerprint(snapshot.arn.as_str());
        assert_eq!(fleet.record_at(0).map(JobRecord::arn_fingerprint), Some(arn));
        assert!(fleet.record_at(1).is_some_and(JobRecord::is_deleted));
        assert!(fleet.record_at(2).is_some_and(|record| record.observations() == 1 && !record.is_deleted()));
        assert!(fleet.record_at(3).is_none());
    }

    #[test]
    fn keys_hash_by_their_fingerprint() {
        use std::hash::BuildHasher as _;
        let hasher = std::collections::hash_map::RandomState::new();
        let (a, b) = (JobKey::new("a", "SITEWISE"), JobKey::new("b", "SITEWISE"));
        assert_eq!(hasher.hash_one(a), hasher.hash_one(JobKey::new("a", "SITEWISE")));
        assert_ne!(hasher.hash_one(a), hasher.hash_one(b));
    }

    #[test]
    fn restore_keeps_the_later_record_of_a_key_given_twice() {
        let (a, b) = (JobKey::new("a", "SITEWISE"), JobKey::new("b", "SITEWISE"));
        let mut tracker = super::super::JobTracker::new(Policy::DEFAULT);
        tracker.observe(Observation::Error(&ApiError::new(ApiErrorKind::Throttling, "")));
        let seen = *tracker.record();
        assert_ne!(seen, JobRecord::default());
        let state = FleetState { jobs: vec![(a, JobRecord::default()), (b, seen), (a, seen)], observed: 9 };
        let fleet = FleetTracker::restore(Policy::DEFAULT, state);
        assert_eq!(fleet.len(), 2);
        assert_eq!(record_at(&fleet, a), Some(seen));
        assert_eq!(record_at(&fleet, b), Some(seen));
        assert_eq!(fleet.jobs().map(|(key, _)| key).collect::<Vec<_>>(), [a, b]);
        assert_eq!(fleet.state().observed(), 9);
        assert!(FleetTracker::restore(Policy::DEFAULT, FleetState::default()).get(a).is_none());
    }
}
