//! The typestate API: a [`SyncJob<S>`] is proof that a job was **observed** in state `S`, and it
//! moves to another state only along an edge of [`Policy::DEFAULT`], with a newer observation as
//! evidence.
//!
//! AWS, not the caller, moves a sync job, so a value is never created in a state: it is obtained by
//! observing a decoded snapshot ([`AnySyncJob::observe`]) and narrowed with [`TryFrom`], like the
//! `DynamicPin` / `into_dynamic` pair of the stm32 HALs.

use std::fmt;
use std::marker::PhantomData;

use super::classify::{Disposition, ErrorClassification, classify_api_error, classify_error_details};
use super::policy::{Phase, Policy, Position, Route};
use super::table::{Stage, TRANSITIONS};
use crate::model::{ApiError, ErrorDetails, Open, SyncJobSnapshot, SyncJobState, SyncSource, Timestamp, WorkspaceId};

mod sealed {
    /// Keeps [`JobState`](super::JobState) closed to the five markers of this module.
    pub trait Sealed: Sized {
        fn wrap(job: super::SyncJob<Self>) -> super::AnySyncJob;
        fn unwrap(job: super::AnySyncJob) -> Result<super::SyncJob<Self>, Box<super::AnySyncJob>>;
    }
}

/// A state a [`SyncJob`] can be in: one of the zero-sized markers [`Creating`], [`Initializing`],
/// [`Active`], [`Deleting`] and [`Failed`]. Sealed: no other type can implement it.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::{Failed, JobState, Stage};
/// use twinmaker_syncjob::model::SyncJobState;
///
/// fn wire_name<S: JobState>() -> &'static str {
///     S::STAGE.as_str()
/// }
/// assert_eq!(Failed::STATE, SyncJobState::Error);
/// assert_eq!(wire_name::<Failed>(), "ERROR");
/// ```
pub trait JobState: sealed::Sealed + Copy + Default + fmt::Debug + Eq + std::hash::Hash + 'static {
    /// The wire state a job in this typestate was observed in.
    const STATE: SyncJobState;
    /// The lifecycle stage of [`Self::STATE`].
    const STAGE: Stage;
}

/// Implemented for `S: TransitionTo<T>` exactly when [`Policy::DEFAULT`] has the edge from `S` to
/// `T`: it gates [`SyncJob::advance`] and the named transition methods, so an illegal transition does
/// not compile. A compile-time check ties this list to [`TRANSITIONS`] both ways.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::{Active, Deleting, Failed, JobState, Policy, TransitionTo};
///
/// fn allowed<S: TransitionTo<T>, T: JobState>() -> bool {
///     Policy::DEFAULT.allows(S::STAGE, T::STAGE)
/// }
/// assert!(allowed::<Active, Deleting>());
/// assert!(allowed::<Failed, Deleting>());
/// ```
pub trait TransitionTo<T: JobState>: JobState {}

macro_rules! job_state {
    ($(#[$doc:meta])* $marker:ident, $variant:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $marker;

        impl sealed::Sealed for $marker {
            fn wrap(job: SyncJob<Self>) -> AnySyncJob {
                AnySyncJob::$marker(job)
            }

            fn unwrap(job: AnySyncJob) -> Result<SyncJob<Self>, Box<AnySyncJob>> {
                match job {
                    AnySyncJob::$marker(job) => Ok(job),
                    other => Err(Box::new(other)),
                }
            }
        }

        impl JobState for $marker {
            const STATE: SyncJobState = SyncJobState::$variant;
            const STAGE: Stage = Stage::$variant;
        }
    };
}

job_state! {
    /// Marker: the job was observed `CREATING`.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::{Creating, JobState};
    ///
    /// assert_eq!(Creating::STATE.to_string(), "CREATING");
    /// assert_eq!(size_of::<Creating>(), 0);
    /// ```
    Creating, Creating
}

job_state! {
    /// Marker: the job was observed `INITIALIZING`.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::{Initializing, JobState};
    ///
    /// assert_eq!(Initializing::STATE.to_string(), "INITIALIZING");
    /// assert_eq!(size_of::<Initializing>(), 0);
    /// ```
    Initializing, Initializing
}

job_state! {
    /// Marker: the job was observed `ACTIVE`.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::{Active, JobState};
    ///
    /// assert_eq!(Active::STATE.to_string(), "ACTIVE");
    /// assert_eq!(size_of::<Active>(), 0);
    /// ```
    Active, Active
}

job_state! {
    /// Marker: the job was observed `DELETING`.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::{Deleting, JobState};
    ///
    /// assert_eq!(Deleting::STATE.to_string(), "DELETING");
    /// assert_eq!(size_of::<Deleting>(), 0);
    /// ```
    Deleting, Deleting
}

job_state! {
    /// Marker: the job was observed in `ERROR` (named `Failed` so it does not shadow error types).
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::{Failed, JobState};
    ///
    /// assert_eq!(Failed::STATE.to_string(), "ERROR");
    /// assert_eq!(size_of::<Failed>(), 0);
    /// ```
    Failed, Error
}

/// One edge the typestate API has a method for.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::{Stage, TYPESTATE_EDGES};
///
/// let edge = TYPESTATE_EDGES.iter().find(|e| e.from == Stage::Deleting && e.to == Stage::Deleted).unwrap();
/// assert_eq!(edge.method, "deleted");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TypestateEdge {
    /// Where the edge starts.
    pub from: Stage,
    /// Where it ends.
    pub to: Stage,
    /// The method that takes it: on `SyncJob<from>`, or on [`DeletedSyncJob`] for the new incarnation.
    pub method: &'static str,
}

macro_rules! typestate_edges {
    (
        $(#[$doc:meta])*
        live { $($from:ident -> $to:ident : $method:ident,)* }
        pseudo { $($pfrom:ident -> $pto:ident : $pmethod:ident,)* }
    ) => {
        $(impl TransitionTo<$to> for $from {})*

        $(#[$doc])*
        pub const TYPESTATE_EDGES: &[TypestateEdge] = &[
            $(TypestateEdge { from: <$from as JobState>::STAGE, to: <$to as JobState>::STAGE, method: stringify!($method) },)*
            $(TypestateEdge { from: Stage::$pfrom, to: Stage::$pto, method: stringify!($pmethod) },)*
        ];
    };
}

typestate_edges! {
    /// Every edge the typestate API has a method for, with the method's name. These are exactly the
    /// edges of [`Policy::DEFAULT`]: a compile-time check compares this list with [`TRANSITIONS`].
    ///
    /// The edges between live states are the [`TransitionTo`] implementations; `DELETING -> DELETED`
    /// is [`SyncJob::deleted`] and `DELETED -> CREATING` (a new incarnation) is
    /// [`DeletedSyncJob::recreated`].
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::{Policy, TYPESTATE_EDGES};
    ///
    /// assert_eq!(TYPESTATE_EDGES.len(), Policy::DEFAULT.transitions().count());
    /// assert!(TYPESTATE_EDGES.iter().all(|e| Policy::DEFAULT.allows(e.from, e.to)));
    /// ```
    live {
        Creating -> Initializing: initializing,
        Initializing -> Active: active,
        Creating -> Failed: failed,
        Initializing -> Failed: failed,
        Active -> Failed: failed,
        Deleting -> Failed: failed,
        Creating -> Deleting: deleting,
        Initializing -> Deleting: deleting,
        Active -> Deleting: deleting,
        Failed -> Deleting: deleting,
    }
    pseudo {
        Deleting -> Deleted: deleted,
        Deleted -> Creating: recreated,
    }
}

/// `edges` and the edges of `policy` are the same set.
#[allow(
    clippy::indexing_slicing,
    reason = "const evaluation: indices are loop counters below the slice lengths; iterators are not available in const"
)]
const fn edges_agree(edges: &[TypestateEdge], policy: &Policy) -> bool {
    let mut i = 0;
    while i < edges.len() {
        if !policy.allows(edges[i].from, edges[i].to) {
            return false;
        }
        i += 1;
    }
    let mut t = 0;
    while t < TRANSITIONS.len() {
        let (from, to) = (TRANSITIONS[t].from, TRANSITIONS[t].to);
        let mut found = false;
        let mut i = 0;
        while i < edges.len() {
            found |= edges[i].from as u8 == from as u8 && edges[i].to as u8 == to as u8;
            i += 1;
        }
        if policy.allows(from, to) && !found {
            return false;
        }
        t += 1;
    }
    true
}

/// The typestate edges and the edges of [`Policy::DEFAULT`] are the same set.
const fn edges_agree_with_the_table() -> bool {
    edges_agree(TYPESTATE_EDGES, &Policy::DEFAULT)
}

const _: () = assert!(edges_agree_with_the_table(), "TYPESTATE_EDGES and Policy::DEFAULT disagree");
const _: () = assert!(size_of::<SyncJob<Active>>() == size_of::<SyncJobSnapshot>(), "SyncJob must cost nothing");

/// A sync job observed in state `S`.
///
/// A value is proof of an **observation**: it holds the decoded [`SyncJobSnapshot`] that showed the
/// job in `S`, and nothing else (the marker is zero-sized, so `SyncJob<S>` is exactly as large as
/// the snapshot). Obtain one with [`AnySyncJob::observe`] and [`TryFrom`]; move it on with the
/// method of an edge of [`Policy::DEFAULT`] ([`initializing`](SyncJob::initializing),
/// [`active`](SyncJob::active), [`failed`](SyncJob::failed), [`deleting`](SyncJob::deleting),
/// [`deleted`](SyncJob::deleted)), which consumes the old value and takes the newer observation as
/// evidence. Operations live only where they make sense: the failure and its classification on
/// `SyncJob<Failed>`, a [`DeleteSyncJobRequest`] where deleting is an edge of the default policy.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::decode::Decode;
/// use twinmaker_syncjob::lifecycle::{AnySyncJob, Creating, Stage, SyncJob};
/// use twinmaker_syncjob::model::{ApiError, ApiErrorKind, SyncJobSnapshot};
///
/// # fn seen(status: &str) -> Result<SyncJobSnapshot, twinmaker_syncjob::decode::DecodeError> {
/// #     SyncJobSnapshot::decode_str(&format!(r#"{{
/// #         "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
/// #         "workspaceId": "plant", "syncSource": "SITEWISE",
/// #         "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
/// #         "status": {status}, "creationDateTime": 1672531200, "updateDateTime": 1672531260}}"#))
/// # }
/// // Each snapshot is a GetSyncJob answer, decoded.
/// let job: SyncJob<Creating> = AnySyncJob::observe(seen(r#"{"state": "CREATING"}"#)?)?.try_into()?;
/// let job = job.initializing(seen(r#"{"state": "INITIALIZING"}"#)?)?;
/// let job = job.active(seen(r#"{"state": "ACTIVE"}"#)?)?;
/// let request = job.delete_request(); // send it, then poll
/// assert_eq!(request.path(), "/workspaces/plant/sync-jobs/SITEWISE");
/// let job = job.deleting(seen(r#"{"state": "DELETING"}"#)?)?;
/// let gone = job.deleted(ApiError::new(ApiErrorKind::ResourceNotFound, "no such sync job"))?;
/// assert_eq!(gone.snapshot().status.known_state().map(Stage::from), Some(Stage::Deleting));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Illegal transitions do not compile
///
/// A job never goes back to `CREATING` within one incarnation:
///
/// ```compile_fail,E0277
/// use twinmaker_syncjob::lifecycle::{Active, Creating, SyncJob};
/// use twinmaker_syncjob::model::SyncJobSnapshot;
///
/// fn active_to_creating(job: SyncJob<Active>, next: SyncJobSnapshot) {
///     let _ = job.advance::<Creating>(next);
/// }
/// ```
///
/// ```compile_fail,E0277
/// use twinmaker_syncjob::lifecycle::{Creating, Initializing, SyncJob};
/// use twinmaker_syncjob::model::SyncJobSnapshot;
///
/// fn initializing_to_creating(job: SyncJob<Initializing>, next: SyncJobSnapshot) {
///     let _ = job.advance::<Creating>(next);
/// }
/// ```
///
/// nor back to `INITIALIZING` once `ACTIVE`:
///
/// ```compile_fail,E0599
/// use twinmaker_syncjob::lifecycle::{Active, SyncJob};
/// use twinmaker_syncjob::model::SyncJobSnapshot;
///
/// fn active_to_initializing(job: SyncJob<Active>, next: SyncJobSnapshot) {
///     let _ = job.initializing(next);
/// }
/// ```
///
/// A deleting job does not become active again, and no recovery from `ERROR` is documented:
///
/// ```compile_fail,E0599
/// use twinmaker_syncjob::lifecycle::{Deleting, SyncJob};
/// use twinmaker_syncjob::model::SyncJobSnapshot;
///
/// fn deleting_to_active(job: SyncJob<Deleting>, next: SyncJobSnapshot) {
///     let _ = job.active(next);
/// }
/// ```
///
/// ```compile_fail,E0599
/// use twinmaker_syncjob::lifecycle::{Failed, SyncJob};
/// use twinmaker_syncjob::model::SyncJobSnapshot;
///
/// fn failed_to_active(job: SyncJob<Failed>, next: SyncJobSnapshot) {
///     let _ = job.active(next);
/// }
/// ```
///
/// State-specific operations do not exist elsewhere: no second delete of a deleting job, and no
/// failure details on a job that has not failed.
///
/// ```compile_fail,E0599
/// use twinmaker_syncjob::lifecycle::{Deleting, SyncJob};
///
/// fn delete_again(job: &SyncJob<Deleting>) {
///     let _ = job.delete_request();
/// }
/// ```
///
/// ```compile_fail,E0599
/// use twinmaker_syncjob::lifecycle::{Active, SyncJob};
///
/// fn why_did_it_fail(job: &SyncJob<Active>) {
///     let _ = job.classification();
/// }
/// ```
///
/// The same calls compile along legal edges:
///
/// ```
/// use twinmaker_syncjob::lifecycle::{Active, Deleting, Failed, SyncJob};
/// use twinmaker_syncjob::model::SyncJobSnapshot;
///
/// fn active_to_deleting(job: SyncJob<Active>, next: SyncJobSnapshot) {
///     let _ = job.advance::<Deleting>(next);
/// }
/// fn failed_to_deleting(job: SyncJob<Failed>, next: SyncJobSnapshot) {
///     let _ = job.delete_request();
///     let _ = job.classification();
///     let _ = job.deleting(next);
/// }
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct SyncJob<S> {
    snapshot: SyncJobSnapshot,
    state: PhantomData<S>,
}

impl<S: JobState> SyncJob<S> {
    /// Only called after checking that the snapshot's known state is `S::STATE`.
    const fn new(snapshot: SyncJobSnapshot) -> Self {
        Self { snapshot, state: PhantomData }
    }

    /// The observation this value stands for.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::lifecycle::{Active, AnySyncJob, SyncJob};
    /// use twinmaker_syncjob::model::SyncJobSnapshot;
    ///
    /// let snapshot = SyncJobSnapshot::decode_str(r#"{
    ///     "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
    ///     "workspaceId": "plant", "syncSource": "SITEWISE",
    ///     "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
    ///     "status": {"state": "ACTIVE"}, "creationDateTime": 1672531200, "updateDateTime": 1672531260}"#)?;
    /// let job: SyncJob<Active> = AnySyncJob::observe(snapshot.clone())?.try_into()?;
    /// assert_eq!(job.snapshot(), &snapshot);
    /// assert_eq!(job.snapshot().workspace_id.as_str(), "plant");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn snapshot(&self) -> &SyncJobSnapshot {
        &self.snapshot
    }

    /// The observation, giving up the proof.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::lifecycle::{AnySyncJob, Creating, SyncJob};
    /// use twinmaker_syncjob::model::SyncJobSnapshot;
    ///
    /// let snapshot = SyncJobSnapshot::decode_str(r#"{
    ///     "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
    ///     "workspaceId": "plant", "syncSource": "SITEWISE",
    ///     "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
    ///     "status": {"state": "CREATING"}, "creationDateTime": 1672531200, "updateDateTime": 1672531200}"#)?;
    /// let job: SyncJob<Creating> = AnySyncJob::observe(snapshot.clone())?.try_into()?;
    /// assert_eq!(job.into_snapshot(), snapshot);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn into_snapshot(self) -> SyncJobSnapshot {
        self.snapshot
    }

    /// The wire state the job was observed in: `S::STATE`.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::lifecycle::{AnySyncJob, Deleting, SyncJob};
    /// use twinmaker_syncjob::model::{SyncJobSnapshot, SyncJobState};
    ///
    /// let job: SyncJob<Deleting> = AnySyncJob::observe(SyncJobSnapshot::decode_str(r#"{
    ///     "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
    ///     "workspaceId": "plant", "syncSource": "SITEWISE",
    ///     "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
    ///     "status": {"state": "DELETING"}, "creationDateTime": 1672531200, "updateDateTime": 1672531260}"#)?)?
    /// .try_into()?;
    /// assert_eq!(job.state(), SyncJobState::Deleting);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn state(&self) -> SyncJobState {
        S::STATE
    }

    /// The lifecycle stage the job was observed in: `S::STAGE`.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::lifecycle::{AnySyncJob, Failed, Stage, SyncJob};
    /// use twinmaker_syncjob::model::SyncJobSnapshot;
    ///
    /// let job: SyncJob<Failed> = AnySyncJob::observe(SyncJobSnapshot::decode_str(r#"{
    ///     "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
    ///     "workspaceId": "plant", "syncSource": "SITEWISE",
    ///     "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
    ///     "status": {"state": "ERROR"}, "creationDateTime": 1672531200, "updateDateTime": 1672531260}"#)?)?
    /// .try_into()?;
    /// assert_eq!(job.stage(), Stage::Error);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn stage(&self) -> Stage {
        S::STAGE
    }

    /// The position of the job for reachability queries ([`Policy::route`]): the stage, and for
    /// `ERROR` the phase its error code names ([`Phase::Any`] when the code is absent or unknown).
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::lifecycle::{AnySyncJob, Phase, Position};
    /// use twinmaker_syncjob::model::SyncJobSnapshot;
    ///
    /// let job = AnySyncJob::observe(SyncJobSnapshot::decode_str(r#"{
    ///     "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
    ///     "workspaceId": "plant", "syncSource": "SITEWISE",
    ///     "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
    ///     "status": {"state": "ERROR", "error": {"code": "SYNC_DELETING_ERROR"}},
    ///     "creationDateTime": 1672531200, "updateDateTime": 1672531260}"#)?)?;
    /// let AnySyncJob::Failed(job) = job else { unreachable!() };
    /// assert_eq!(job.position(), Position::Error(Phase::Deleting));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn position(&self) -> Position {
        let code = self.snapshot.status.error.as_ref().and_then(ErrorDetails::known_code);
        Position::of(S::STATE, code)
    }

    /// Forgets the typestate: the runtime enum of all typestates.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::lifecycle::{Active, AnySyncJob, Stage, SyncJob};
    /// use twinmaker_syncjob::model::SyncJobSnapshot;
    ///
    /// let any = AnySyncJob::observe(SyncJobSnapshot::decode_str(r#"{
    ///     "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
    ///     "workspaceId": "plant", "syncSource": "SITEWISE",
    ///     "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
    ///     "status": {"state": "ACTIVE"}, "creationDateTime": 1672531200, "updateDateTime": 1672531260}"#)?)?;
    /// let job: SyncJob<Active> = any.clone().try_into()?;
    /// assert_eq!(job.into_dynamic(), any);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn into_dynamic(self) -> AnySyncJob {
        S::wrap(self)
    }

    /// Moves to `T` along an edge of [`Policy::DEFAULT`] (the bound `S: TransitionTo<T>` makes any
    /// other edge a compile error), with `next` — a newer observation of the same job — as evidence.
    ///
    /// The named methods ([`initializing`](SyncJob::initializing), [`active`](SyncJob::active),
    /// [`failed`](SyncJob::failed), [`deleting`](SyncJob::deleting)) call this.
    ///
    /// # Errors
    ///
    /// A [`TransitionError`] that gives both values back, when `next`:
    /// - is of another job or another incarnation: its `arn`, `workspaceId`, `syncSource` or
    ///   `creationDateTime` differs ([`Mismatch::Job`]);
    /// - is not in `T`'s state ([`Mismatch::State`]);
    /// - is in `ERROR` with a code whose phase says it was not reached from `S` in one step, for
    ///   example `SYNC_DELETING_ERROR` after `ACTIVE` ([`Mismatch::NotOneStep`]).
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::lifecycle::{Active, AnySyncJob, Failed, Mismatch, SyncJob};
    /// use twinmaker_syncjob::model::SyncJobSnapshot;
    ///
    /// # fn seen(status: &str) -> Result<SyncJobSnapshot, twinmaker_syncjob::decode::DecodeError> {
    /// #     SyncJobSnapshot::decode_str(&format!(r#"{{
    /// #         "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
    /// #         "workspaceId": "plant", "syncSource": "SITEWISE",
    /// #         "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
    /// #         "status": {status}, "creationDateTime": 1672531200, "updateDateTime": 1672531260}}"#))
    /// # }
    /// let job: SyncJob<Active> = AnySyncJob::observe(seen(r#"{"state": "ACTIVE"}"#)?)?.try_into()?;
    ///
    /// // SYNC_DELETING_ERROR: the job went through DELETING, unseen. Not one edge from ACTIVE.
    /// let err = job.advance::<Failed>(seen(r#"{"state": "ERROR", "error": {"code": "SYNC_DELETING_ERROR"}}"#)?)
    ///     .unwrap_err();
    /// assert!(matches!(err.mismatch(), Mismatch::NotOneStep { .. }));
    /// let (job, _) = err.into_parts();
    ///
    /// let failed = job.advance::<Failed>(seen(r#"{"state": "ERROR", "error": {"code": "SYNC_PROCESSING_ERROR"}}"#)?)?;
    /// assert_eq!(failed.snapshot().status.known_state().map(|s| s.to_string()).as_deref(), Some("ERROR"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn advance<T: JobState>(self, next: SyncJobSnapshot) -> Result<SyncJob<T>, TransitionError<S>>
    where
        S: TransitionTo<T>,
    {
        match self.check_step::<T>(&next) {
            Ok(()) => Ok(SyncJob::new(next)),
            Err(mismatch) => Err(TransitionError { to: T::STAGE, mismatch, parts: Box::new((self, next)) }),
        }
    }

    fn check_step<T: JobState>(&self, next: &SyncJobSnapshot) -> Result<(), Mismatch> {
        same_job(&self.snapshot, next, true)?;
        let observed = next.status.known_state();
        if observed != Some(T::STATE) {
            return Err(Mismatch::State { expected: T::STATE, observed: next.status.state.clone() });
        }
        let from = self.position();
        let to = Position::of(T::STATE, next.status.error.as_ref().and_then(ErrorDetails::known_code));
        match Policy::DEFAULT.route(from, to) {
            Route::Step => Ok(()),
            route => Err(Mismatch::NotOneStep { from, to, route }),
        }
    }
}

impl<S: TransitionTo<Initializing>> SyncJob<S> {
    /// `CREATING -> INITIALIZING` (documented): `next` shows the job `INITIALIZING`.
    ///
    /// # Errors
    ///
    /// As [`SyncJob::advance`].
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::lifecycle::{AnySyncJob, Creating, Mismatch, SyncJob};
    /// use twinmaker_syncjob::model::SyncJobSnapshot;
    ///
    /// # fn seen(status: &str) -> Result<SyncJobSnapshot, twinmaker_syncjob::decode::DecodeError> {
    /// #     SyncJobSnapshot::decode_str(&format!(r#"{{
    /// #         "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
    /// #         "workspaceId": "plant", "syncSource": "SITEWISE",
    /// #         "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
    /// #         "status": {status}, "creationDateTime": 1672531200, "updateDateTime": 1672531260}}"#))
    /// # }
    /// let job: SyncJob<Creating> = AnySyncJob::observe(seen(r#"{"state": "CREATING"}"#)?)?.try_into()?;
    /// let err = job.initializing(seen(r#"{"state": "ACTIVE"}"#)?).unwrap_err();
    /// assert!(matches!(err.mismatch(), Mismatch::State { .. }));
    /// let (job, _) = err.into_parts();
    /// assert!(job.initializing(seen(r#"{"state": "INITIALIZING"}"#)?).is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn initializing(self, next: SyncJobSnapshot) -> Result<SyncJob<Initializing>, TransitionError<S>> {
        self.advance(next)
    }
}

impl<S: TransitionTo<Active>> SyncJob<S> {
    /// `INITIALIZING -> ACTIVE` (documented): `next` shows the job `ACTIVE`.
    ///
    /// # Errors
    ///
    /// As [`SyncJob::advance`].
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::lifecycle::{AnySyncJob, Initializing, Stage, SyncJob};
    /// use twinmaker_syncjob::model::SyncJobSnapshot;
    ///
    /// # fn seen(status: &str) -> Result<SyncJobSnapshot, twinmaker_syncjob::decode::DecodeError> {
    /// #     SyncJobSnapshot::decode_str(&format!(r#"{{
    /// #         "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
    /// #         "workspaceId": "plant", "syncSource": "SITEWISE",
    /// #         "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
    /// #         "status": {status}, "creationDateTime": 1672531200, "updateDateTime": 1672531260}}"#))
    /// # }
    /// let job: SyncJob<Initializing> = AnySyncJob::observe(seen(r#"{"state": "INITIALIZING"}"#)?)?.try_into()?;
    /// assert_eq!(job.active(seen(r#"{"state": "ACTIVE"}"#)?)?.stage(), Stage::Active);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn active(self, next: SyncJobSnapshot) -> Result<SyncJob<Active>, TransitionError<S>> {
        self.advance(next)
    }
}

impl<S: TransitionTo<Failed>> SyncJob<S> {
    /// `CREATING`, `INITIALIZING` or `ACTIVE` `-> ERROR` (documented), `DELETING -> ERROR`
    /// (inferred): `next` shows the job in `ERROR`, with no code, a code that names no phase, or a code
    /// naming the phase `S`.
    ///
    /// # Errors
    ///
    /// As [`SyncJob::advance`].
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::lifecycle::{AnySyncJob, Creating, Fault, SyncJob};
    /// use twinmaker_syncjob::model::SyncJobSnapshot;
    ///
    /// # fn seen(status: &str) -> Result<SyncJobSnapshot, twinmaker_syncjob::decode::DecodeError> {
    /// #     SyncJobSnapshot::decode_str(&format!(r#"{{
    /// #         "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
    /// #         "workspaceId": "plant", "syncSource": "SITEWISE",
    /// #         "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
    /// #         "status": {status}, "creationDateTime": 1672531200, "updateDateTime": 1672531260}}"#))
    /// # }
    /// let job: SyncJob<Creating> = AnySyncJob::observe(seen(r#"{"state": "CREATING"}"#)?)?.try_into()?;
    /// let failed = job.failed(seen(r#"{"state": "ERROR", "error": {"code": "SYNC_CREATING_ERROR"}}"#)?)?;
    /// assert_eq!(failed.classification().fault, Fault::Customer);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn failed(self, next: SyncJobSnapshot) -> Result<SyncJob<Failed>, TransitionError<S>> {
        self.advance(next)
    }
}

impl<S: TransitionTo<Deleting>> SyncJob<S> {
    /// `ACTIVE` or `ERROR` `-> DELETING` (documented), `CREATING` or `INITIALIZING` `-> DELETING`
    /// (inferred): `next` shows the job `DELETING`.
    ///
    /// # Errors
    ///
    /// As [`SyncJob::advance`].
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::lifecycle::{Active, AnySyncJob, JobField, Mismatch, SyncJob};
    /// use twinmaker_syncjob::model::SyncJobSnapshot;
    ///
    /// # fn seen(status: &str, created: u32) -> Result<SyncJobSnapshot, twinmaker_syncjob::decode::DecodeError> {
    /// #     SyncJobSnapshot::decode_str(&format!(r#"{{
    /// #         "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
    /// #         "workspaceId": "plant", "syncSource": "SITEWISE",
    /// #         "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
    /// #         "status": {status}, "creationDateTime": {created}, "updateDateTime": 1900000000}}"#))
    /// # }
    /// let job: SyncJob<Active> = AnySyncJob::observe(seen(r#"{"state": "ACTIVE"}"#, 1672531200)?)?.try_into()?;
    /// // Another incarnation of the job (created again): not evidence for this one.
    /// let err = job.deleting(seen(r#"{"state": "DELETING"}"#, 1700000000)?).unwrap_err();
    /// assert!(matches!(err.mismatch(), Mismatch::Job { field: JobField::CreationDateTime, .. }));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn deleting(self, next: SyncJobSnapshot) -> Result<SyncJob<Deleting>, TransitionError<S>> {
        self.advance(next)
    }

    /// The DeleteSyncJob request for this job. It exists only in the states from which
    /// [`Policy::DEFAULT`] has an edge to `DELETING`: `CREATING`, `INITIALIZING`, `ACTIVE` and
    /// `ERROR`.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::lifecycle::{AnySyncJob, Failed, SyncJob};
    /// use twinmaker_syncjob::model::SyncJobSnapshot;
    ///
    /// let job: SyncJob<Failed> = AnySyncJob::observe(SyncJobSnapshot::decode_str(r#"{
    ///     "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
    ///     "workspaceId": "plant", "syncSource": "SITEWISE",
    ///     "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
    ///     "status": {"state": "ERROR"}, "creationDateTime": 1672531200, "updateDateTime": 1672531260}"#)?)?
    /// .try_into()?;
    /// let request = job.delete_request();
    /// assert_eq!(request.workspace_id.as_str(), "plant");
    /// assert_eq!(request.sync_source.as_str(), "SITEWISE");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn delete_request(&self) -> DeleteSyncJobRequest {
        DeleteSyncJobRequest {
            workspace_id: self.snapshot.workspace_id.clone(),
            sync_source: self.snapshot.sync_source.clone(),
        }
    }
}

impl SyncJob<Deleting> {
    /// `DELETING -> deleted` (documented): `not_found` is GetSyncJob's answer for this job, a
    /// `ResourceNotFoundException` (the user guide: a deleted job answers GetSyncJob so).
    ///
    /// The exception carries no ARN, so that it answers a request for this job is the caller's word.
    ///
    /// # Errors
    ///
    /// [`NotDeletedError`], giving both back, when `not_found` is any other answer (classified by
    /// [`classify_api_error`] as anything but
    /// [`Disposition::NotFound`]).
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::lifecycle::{AnySyncJob, Deleting, SyncJob};
    /// use twinmaker_syncjob::model::{ApiError, ApiErrorKind, SyncJobSnapshot};
    ///
    /// let job: SyncJob<Deleting> = AnySyncJob::observe(SyncJobSnapshot::decode_str(r#"{
    ///     "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
    ///     "workspaceId": "plant", "syncSource": "SITEWISE",
    ///     "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
    ///     "status": {"state": "DELETING"}, "creationDateTime": 1672531200, "updateDateTime": 1672531260}"#)?)?
    /// .try_into()?;
    /// let err = job.deleted(ApiError::new(ApiErrorKind::Throttling, "Rate exceeded")).unwrap_err();
    /// let (job, _) = err.into_parts();
    /// let gone = job.deleted(ApiError::new(ApiErrorKind::ResourceNotFound, "not found"))?;
    /// assert_eq!(gone.not_found().known_kind(), Some(ApiErrorKind::ResourceNotFound));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn deleted(self, not_found: ApiError) -> Result<DeletedSyncJob, NotDeletedError> {
        if classify_api_error(&not_found).disposition == Disposition::NotFound {
            Ok(DeletedSyncJob { last: self.snapshot, not_found })
        } else {
            Err(NotDeletedError { parts: Box::new((self, not_found)) })
        }
    }
}

impl SyncJob<Failed> {
    /// The error details the service reported, if any (the model makes them optional).
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::lifecycle::{AnySyncJob, Failed, SyncJob};
    /// use twinmaker_syncjob::model::SyncJobSnapshot;
    ///
    /// let job: SyncJob<Failed> = AnySyncJob::observe(SyncJobSnapshot::decode_str(r#"{
    ///     "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
    ///     "workspaceId": "plant", "syncSource": "SITEWISE",
    ///     "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
    ///     "status": {"state": "ERROR", "error": {"code": "INTERNAL_FAILURE", "message": "try again"}},
    ///     "creationDateTime": 1672531200, "updateDateTime": 1672531260}"#)?)?
    /// .try_into()?;
    /// let details = job.error().unwrap();
    /// assert_eq!(details.message.as_ref().map(|m| m.as_str()), Some("try again"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn error(&self) -> Option<&ErrorDetails> {
        self.snapshot.status.error.as_ref()
    }

    /// The classification of the failure (phase, fault, remedy, evidence), by
    /// [`classify_error_details`]: unknown codes, and failures the
    /// service gave no code for, are classified conservatively (phase any, fault unknown).
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::lifecycle::{AnySyncJob, Failed, Fault, Phase, SyncJob};
    /// use twinmaker_syncjob::model::SyncJobSnapshot;
    ///
    /// let job: SyncJob<Failed> = AnySyncJob::observe(SyncJobSnapshot::decode_str(r#"{
    ///     "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
    ///     "workspaceId": "plant", "syncSource": "SITEWISE",
    ///     "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
    ///     "status": {"state": "ERROR", "error": {"code": "QUOTA_SURPRISE"}},
    ///     "creationDateTime": 1672531200, "updateDateTime": 1672531260}"#)?)?
    /// .try_into()?;
    /// let c = job.classification();
    /// assert_eq!((c.phase, c.fault), (Phase::Any, Fault::Unknown));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn classification(&self) -> ErrorClassification {
        classify_error_details(self.error())
    }

    /// The state the job was in when it failed, as its code tells; [`Phase::Any`] when the code is
    /// absent or names none.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::lifecycle::{AnySyncJob, Failed, Phase, SyncJob};
    /// use twinmaker_syncjob::model::SyncJobSnapshot;
    ///
    /// let job: SyncJob<Failed> = AnySyncJob::observe(SyncJobSnapshot::decode_str(r#"{
    ///     "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
    ///     "workspaceId": "plant", "syncSource": "SITEWISE",
    ///     "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
    ///     "status": {"state": "ERROR", "error": {"code": "SYNC_INITIALIZING_ERROR"}},
    ///     "creationDateTime": 1672531200, "updateDateTime": 1672531260}"#)?)?
    /// .try_into()?;
    /// assert_eq!(job.phase(), Phase::Initializing);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn phase(&self) -> Phase {
        self.classification().phase
    }
}

impl<S: JobState> fmt::Debug for SyncJob<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SyncJob").field("state", &S::STATE).field("snapshot", &self.snapshot).finish()
    }
}

impl<S: JobState> From<SyncJob<S>> for AnySyncJob {
    fn from(job: SyncJob<S>) -> Self {
        job.into_dynamic()
    }
}

impl<S: JobState> TryFrom<AnySyncJob> for SyncJob<S> {
    type Error = WrongStateError;

    /// Narrows to `SyncJob<S>`, or gives the job back inside the error.
    fn try_from(job: AnySyncJob) -> Result<Self, Self::Error> {
        S::unwrap(job).map_err(|job| WrongStateError { expected: S::STAGE, job })
    }
}

/// A sync job observed in one of the five states, the typestate known only at run time.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::decode::Decode;
/// use twinmaker_syncjob::lifecycle::AnySyncJob;
/// use twinmaker_syncjob::model::SyncJobSnapshot;
///
/// let any = AnySyncJob::observe(SyncJobSnapshot::decode_str(r#"{
///     "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
///     "workspaceId": "plant", "syncSource": "SITEWISE",
///     "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
///     "status": {"state": "INITIALIZING"}, "creationDateTime": 1672531200, "updateDateTime": 1672531260}"#)?)?;
/// match any {
///     AnySyncJob::Initializing(job) => assert!(job.delete_request().path().ends_with("/SITEWISE")),
///     other => panic!("{other:?}"),
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum AnySyncJob {
    /// Observed `CREATING`.
    Creating(SyncJob<Creating>),
    /// Observed `INITIALIZING`.
    Initializing(SyncJob<Initializing>),
    /// Observed `ACTIVE`.
    Active(SyncJob<Active>),
    /// Observed `DELETING`.
    Deleting(SyncJob<Deleting>),
    /// Observed `ERROR`.
    Failed(SyncJob<Failed>),
}

impl AnySyncJob {
    /// Observes a decoded snapshot: the typestate of its state.
    ///
    /// # Errors
    ///
    /// [`UnobservableError`], giving the snapshot back, when its state is absent (the model makes
    /// it optional) or a value this crate does not know.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::lifecycle::{AnySyncJob, Stage};
    /// use twinmaker_syncjob::model::SyncJobSnapshot;
    ///
    /// # fn seen(status: &str) -> Result<SyncJobSnapshot, twinmaker_syncjob::decode::DecodeError> {
    /// #     SyncJobSnapshot::decode_str(&format!(r#"{{
    /// #         "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
    /// #         "workspaceId": "plant", "syncSource": "SITEWISE",
    /// #         "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
    /// #         "status": {status}, "creationDateTime": 1672531200, "updateDateTime": 1672531260}}"#))
    /// # }
    /// assert_eq!(AnySyncJob::observe(seen(r#"{"state": "DELETING"}"#)?)?.stage(), Stage::Deleting);
    ///
    /// let err = AnySyncJob::observe(seen(r#"{"state": "PAUSED"}"#)?).unwrap_err();
    /// assert_eq!(err.snapshot().status.state.as_ref().map(|s| s.as_str()), Some("PAUSED"));
    /// assert!(AnySyncJob::observe(seen("{}")?).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn observe(snapshot: SyncJobSnapshot) -> Result<Self, UnobservableError> {
        match snapshot.status.known_state() {
            Some(SyncJobState::Creating) => Ok(Self::Creating(SyncJob::new(snapshot))),
            Some(SyncJobState::Initializing) => Ok(Self::Initializing(SyncJob::new(snapshot))),
            Some(SyncJobState::Active) => Ok(Self::Active(SyncJob::new(snapshot))),
            Some(SyncJobState::Deleting) => Ok(Self::Deleting(SyncJob::new(snapshot))),
            Some(SyncJobState::Error) => Ok(Self::Failed(SyncJob::new(snapshot))),
            None => Err(UnobservableError { snapshot: Box::new(snapshot) }),
        }
    }

    /// The wire state the job was observed in.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::lifecycle::AnySyncJob;
    /// use twinmaker_syncjob::model::{SyncJobSnapshot, SyncJobState};
    ///
    /// let any = AnySyncJob::observe(SyncJobSnapshot::decode_str(r#"{
    ///     "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
    ///     "workspaceId": "plant", "syncSource": "SITEWISE",
    ///     "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
    ///     "status": {"state": "ACTIVE"}, "creationDateTime": 1672531200, "updateDateTime": 1672531260}"#)?)?;
    /// assert_eq!(any.state(), SyncJobState::Active);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn state(&self) -> SyncJobState {
        match self {
            Self::Creating(job) => job.state(),
            Self::Initializing(job) => job.state(),
            Self::Active(job) => job.state(),
            Self::Deleting(job) => job.state(),
            Self::Failed(job) => job.state(),
        }
    }

    /// The lifecycle stage the job was observed in.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::lifecycle::{AnySyncJob, Stage};
    /// use twinmaker_syncjob::model::SyncJobSnapshot;
    ///
    /// let any = AnySyncJob::observe(SyncJobSnapshot::decode_str(r#"{
    ///     "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
    ///     "workspaceId": "plant", "syncSource": "SITEWISE",
    ///     "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
    ///     "status": {"state": "ERROR"}, "creationDateTime": 1672531200, "updateDateTime": 1672531260}"#)?)?;
    /// assert_eq!(any.stage(), Stage::Error);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn stage(&self) -> Stage {
        match self {
            Self::Creating(job) => job.stage(),
            Self::Initializing(job) => job.stage(),
            Self::Active(job) => job.stage(),
            Self::Deleting(job) => job.stage(),
            Self::Failed(job) => job.stage(),
        }
    }

    /// The position of the job for reachability queries (see [`SyncJob::position`]).
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::lifecycle::{AnySyncJob, Phase, Policy, Position, Route};
    /// use twinmaker_syncjob::model::SyncJobSnapshot;
    ///
    /// let any = AnySyncJob::observe(SyncJobSnapshot::decode_str(r#"{
    ///     "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
    ///     "workspaceId": "plant", "syncSource": "SITEWISE",
    ///     "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
    ///     "status": {"state": "ERROR", "error": {"code": "SYNC_CREATING_ERROR"}},
    ///     "creationDateTime": 1672531200, "updateDateTime": 1672531260}"#)?)?;
    /// assert_eq!(any.position(), Position::Error(Phase::Creating));
    /// assert_eq!(Policy::DEFAULT.route(Position::Active, any.position()), Route::Unreachable);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn position(&self) -> Position {
        match self {
            Self::Creating(job) => job.position(),
            Self::Initializing(job) => job.position(),
            Self::Active(job) => job.position(),
            Self::Deleting(job) => job.position(),
            Self::Failed(job) => job.position(),
        }
    }

    /// The observation.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::lifecycle::AnySyncJob;
    /// use twinmaker_syncjob::model::SyncJobSnapshot;
    ///
    /// let any = AnySyncJob::observe(SyncJobSnapshot::decode_str(r#"{
    ///     "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
    ///     "workspaceId": "plant", "syncSource": "SITEWISE",
    ///     "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
    ///     "status": {"state": "ACTIVE"}, "creationDateTime": 1672531200, "updateDateTime": 1672531260}"#)?)?;
    /// assert_eq!(any.snapshot().sync_role.as_str(), "arn:aws:iam::123456789012:role/TwinMakerSync");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn snapshot(&self) -> &SyncJobSnapshot {
        match self {
            Self::Creating(job) => job.snapshot(),
            Self::Initializing(job) => job.snapshot(),
            Self::Active(job) => job.snapshot(),
            Self::Deleting(job) => job.snapshot(),
            Self::Failed(job) => job.snapshot(),
        }
    }

    /// The observation, giving up the proof.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::lifecycle::AnySyncJob;
    /// use twinmaker_syncjob::model::SyncJobSnapshot;
    ///
    /// let snapshot = SyncJobSnapshot::decode_str(r#"{
    ///     "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
    ///     "workspaceId": "plant", "syncSource": "SITEWISE",
    ///     "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
    ///     "status": {"state": "ACTIVE"}, "creationDateTime": 1672531200, "updateDateTime": 1672531260}"#)?;
    /// assert_eq!(AnySyncJob::observe(snapshot.clone())?.into_snapshot(), snapshot);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn into_snapshot(self) -> SyncJobSnapshot {
        match self {
            Self::Creating(job) => job.into_snapshot(),
            Self::Initializing(job) => job.into_snapshot(),
            Self::Active(job) => job.into_snapshot(),
            Self::Deleting(job) => job.into_snapshot(),
            Self::Failed(job) => job.into_snapshot(),
        }
    }
}

impl TryFrom<SyncJobSnapshot> for AnySyncJob {
    type Error = UnobservableError;

    /// [`AnySyncJob::observe`].
    fn try_from(snapshot: SyncJobSnapshot) -> Result<Self, Self::Error> {
        Self::observe(snapshot)
    }
}

/// A job that was deleted: the last observation of it (in `DELETING`) and the
/// `ResourceNotFoundException` that showed it gone. Obtained from [`SyncJob::deleted`].
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::decode::Decode;
/// use twinmaker_syncjob::lifecycle::{AnySyncJob, Deleting, SyncJob};
/// use twinmaker_syncjob::model::{ApiError, ApiErrorKind, SyncJobSnapshot};
///
/// let job: SyncJob<Deleting> = AnySyncJob::observe(SyncJobSnapshot::decode_str(r#"{
///     "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
///     "workspaceId": "plant", "syncSource": "SITEWISE",
///     "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
///     "status": {"state": "DELETING"}, "creationDateTime": 1672531200, "updateDateTime": 1672531260}"#)?)?
/// .try_into()?;
/// let gone = job.deleted(ApiError::new(ApiErrorKind::ResourceNotFound, "not found"))?;
/// assert_eq!(gone.snapshot().creation_date_time.unix_micros(), 1_672_531_200_000_000);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DeletedSyncJob {
    last: SyncJobSnapshot,
    not_found: ApiError,
}

impl DeletedSyncJob {
    /// The last observation of the job, in `DELETING`: its ARN, workspace, source and the
    /// `creationDateTime` of the incarnation that ended.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::lifecycle::{AnySyncJob, Deleting, SyncJob};
    /// use twinmaker_syncjob::model::{ApiError, ApiErrorKind, SyncJobSnapshot};
    ///
    /// let job: SyncJob<Deleting> = AnySyncJob::observe(SyncJobSnapshot::decode_str(r#"{
    ///     "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
    ///     "workspaceId": "plant", "syncSource": "SITEWISE",
    ///     "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
    ///     "status": {"state": "DELETING"}, "creationDateTime": 1672531200, "updateDateTime": 1672531260}"#)?)?
    /// .try_into()?;
    /// let gone = job.deleted(ApiError::new(ApiErrorKind::ResourceNotFound, ""))?;
    /// assert_eq!(gone.snapshot().arn.resource(), "workspace/plant/sync-job/SITEWISE");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn snapshot(&self) -> &SyncJobSnapshot {
        &self.last
    }

    /// The answer that showed the job gone.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::lifecycle::{AnySyncJob, Deleting, SyncJob};
    /// use twinmaker_syncjob::model::{ApiError, ApiErrorKind, SyncJobSnapshot};
    ///
    /// let job: SyncJob<Deleting> = AnySyncJob::observe(SyncJobSnapshot::decode_str(r#"{
    ///     "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
    ///     "workspaceId": "plant", "syncSource": "SITEWISE",
    ///     "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
    ///     "status": {"state": "DELETING"}, "creationDateTime": 1672531200, "updateDateTime": 1672531260}"#)?)?
    /// .try_into()?;
    /// let gone = job.deleted(ApiError::new(ApiErrorKind::ResourceNotFound, "gone"))?;
    /// assert_eq!(gone.not_found().message, "gone");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn not_found(&self) -> &ApiError {
        &self.not_found
    }

    /// `deleted -> CREATING` (documented: after deletion the job can be created again in the same
    /// workspace): `next` shows the same job (same ARN, workspace and source) `CREATING` again, as a
    /// new incarnation, told apart by a later `creationDateTime`.
    ///
    /// # Errors
    ///
    /// [`RecreateError`], giving both back, when `next` is of another job ([`Mismatch::Job`]), not
    /// `CREATING` ([`Mismatch::State`]), or not created after the deleted incarnation
    /// ([`Mismatch::NotNewIncarnation`]: an equal `creationDateTime` is the deleted incarnation
    /// itself, read stale).
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::lifecycle::{AnySyncJob, Deleting, Mismatch, SyncJob};
    /// use twinmaker_syncjob::model::{ApiError, ApiErrorKind, SyncJobSnapshot};
    ///
    /// # fn seen(state: &str, created: u32) -> Result<SyncJobSnapshot, twinmaker_syncjob::decode::DecodeError> {
    /// #     SyncJobSnapshot::decode_str(&format!(r#"{{
    /// #         "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
    /// #         "workspaceId": "plant", "syncSource": "SITEWISE",
    /// #         "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
    /// #         "status": {{"state": "{state}"}}, "creationDateTime": {created}, "updateDateTime": 1900000000}}"#))
    /// # }
    /// let job: SyncJob<Deleting> = AnySyncJob::observe(seen("DELETING", 1672531200)?)?.try_into()?;
    /// let gone = job.deleted(ApiError::new(ApiErrorKind::ResourceNotFound, ""))?;
    /// let err = gone.recreated(seen("CREATING", 1672531200)?).unwrap_err();
    /// assert!(matches!(err.mismatch(), Mismatch::NotNewIncarnation { .. }));
    /// let (gone, _) = err.into_parts();
    /// let again = gone.recreated(seen("CREATING", 1700000000)?)?;
    /// assert_eq!(again.snapshot().creation_date_time.unix_micros(), 1_700_000_000_000_000);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn recreated(self, next: SyncJobSnapshot) -> Result<SyncJob<Creating>, RecreateError> {
        match self.check_recreated(&next) {
            Ok(()) => Ok(SyncJob::new(next)),
            Err(mismatch) => Err(RecreateError { mismatch, parts: Box::new((self, next)) }),
        }
    }

    fn check_recreated(&self, next: &SyncJobSnapshot) -> Result<(), Mismatch> {
        same_job(&self.last, next, false)?;
        if next.status.known_state() != Some(SyncJobState::Creating) {
            return Err(Mismatch::State { expected: SyncJobState::Creating, observed: next.status.state.clone() });
        }
        if next.creation_date_time <= self.last.creation_date_time {
            return Err(Mismatch::NotNewIncarnation {
                deleted: self.last.creation_date_time,
                observed: next.creation_date_time,
            });
        }
        Ok(())
    }
}

/// A DeleteSyncJob request: `DELETE /workspaces/{workspaceId}/sync-jobs/{syncSource}` (API
/// reference), both parameters required. Built by [`SyncJob::delete_request`] where deleting is an
/// edge of [`Policy::DEFAULT`].
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::DeleteSyncJobRequest;
/// use twinmaker_syncjob::model::{Open, SyncSource, WorkspaceId};
///
/// let request = DeleteSyncJobRequest {
///     workspace_id: WorkspaceId::parse("plant")?,
///     sync_source: Open::Known(SyncSource::Sitewise),
/// };
/// assert_eq!(DeleteSyncJobRequest::METHOD, "DELETE");
/// assert_eq!(request.path(), "/workspaces/plant/sync-jobs/SITEWISE");
/// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DeleteSyncJobRequest {
    /// `workspaceId` (a path parameter).
    pub workspace_id: WorkspaceId,
    /// `syncSource` (a path parameter).
    pub sync_source: Open<SyncSource>,
}

impl DeleteSyncJobRequest {
    /// The HTTP method of DeleteSyncJob.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::DeleteSyncJobRequest;
    ///
    /// assert_eq!(DeleteSyncJobRequest::METHOD, "DELETE");
    /// ```
    pub const METHOD: &'static str = "DELETE";

    /// The request path. Both values match their model patterns (letters, digits, `_` and `-`), so
    /// nothing needs percent-encoding.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::DeleteSyncJobRequest;
    /// use twinmaker_syncjob::model::{Open, WorkspaceId};
    ///
    /// let request = DeleteSyncJobRequest { workspace_id: WorkspaceId::parse("w-1")?, sync_source: Open::parse("OTHER_1")? };
    /// assert_eq!(request.path(), "/workspaces/w-1/sync-jobs/OTHER_1");
    /// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
    /// ```
    #[must_use]
    pub fn path(&self) -> String {
        format!("/workspaces/{}/sync-jobs/{}", self.workspace_id, self.sync_source)
    }
}

/// A field that identifies a job's incarnation; a newer observation must agree on it.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::JobField;
///
/// assert_eq!(JobField::CreationDateTime.to_string(), "creationDateTime");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, strum::IntoStaticStr, strum::Display)]
pub enum JobField {
    /// `arn`: the same for every incarnation of a job.
    #[strum(serialize = "arn")]
    Arn,
    /// `workspaceId`.
    #[strum(serialize = "workspaceId")]
    WorkspaceId,
    /// `syncSource`.
    #[strum(serialize = "syncSource")]
    SyncSource,
    /// `creationDateTime`: tells incarnations apart.
    #[strum(serialize = "creationDateTime")]
    CreationDateTime,
}

/// Why a newer observation is not evidence for a transition.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::Mismatch;
/// use twinmaker_syncjob::model::{Open, SyncJobState};
///
/// let m = Mismatch::State { expected: SyncJobState::Active, observed: Some(Open::Known(SyncJobState::Error)) };
/// assert_eq!(m.to_string(), "the new snapshot is in state ERROR, not ACTIVE");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
pub enum Mismatch {
    /// The new snapshot is of another job, or of another incarnation of it.
    #[error("the new snapshot is of another job or incarnation: {field} is {observed}, not {expected}")]
    Job {
        /// The first field that differs.
        field: JobField,
        /// Its value in the job held.
        expected: String,
        /// Its value in the new snapshot.
        observed: String,
    },
    /// The new snapshot is not in the target state.
    #[error("the new snapshot is in state {}, not {expected}", show_state(.observed.as_ref()))]
    State {
        /// The target state.
        expected: SyncJobState,
        /// The new snapshot's state, as received (`None` when absent).
        observed: Option<Open<SyncJobState>>,
    },
    /// The new snapshot's position does not follow the held one by one edge of
    /// [`Policy::DEFAULT`]: an `ERROR` whose code names a phase is reached only through that phase.
    #[error("{to} does not follow {from} in one step of the default policy: {}", show_route(.route))]
    NotOneStep {
        /// The held job's position.
        from: Position,
        /// The new snapshot's position.
        to: Position,
        /// How the default policy gets from one to the other.
        route: Route,
    },
    /// A job created again must have a `creationDateTime` later than the deleted incarnation's.
    #[error("creationDateTime {observed} is not later than {deleted}, the deleted incarnation's")]
    NotNewIncarnation {
        /// The deleted incarnation's `creationDateTime`.
        deleted: Timestamp,
        /// The new snapshot's.
        observed: Timestamp,
    },
}

fn show_state(state: Option<&Open<SyncJobState>>) -> &str {
    state.map_or("(absent)", Open::as_str)
}

fn show_route(route: &Route) -> String {
    match route {
        Route::Same => "it is the same position".to_owned(),
        Route::Step => "it does".to_owned(),
        Route::Skip(via) => {
            let names: Vec<&str> = via.as_slice().iter().map(|s| s.as_str()).collect();
            format!("it is reached only through {}", names.join(", "))
        }
        Route::Unreachable => "it cannot follow it within one incarnation".to_owned(),
    }
}

/// The first identity field on which `next` disagrees with `held`; `creationDateTime` only when
/// `same_incarnation`.
fn same_job(held: &SyncJobSnapshot, next: &SyncJobSnapshot, same_incarnation: bool) -> Result<(), Mismatch> {
    let differs = |field: JobField, expected: &dyn fmt::Display, observed: &dyn fmt::Display| {
        Err(Mismatch::Job { field, expected: expected.to_string(), observed: observed.to_string() })
    };
    if held.arn != next.arn {
        return differs(JobField::Arn, &held.arn, &next.arn);
    }
    if held.workspace_id != next.workspace_id {
        return differs(JobField::WorkspaceId, &held.workspace_id, &next.workspace_id);
    }
    if held.sync_source != next.sync_source {
        return differs(JobField::SyncSource, &held.sync_source, &next.sync_source);
    }
    if same_incarnation && held.creation_date_time != next.creation_date_time {
        return differs(JobField::CreationDateTime, &held.creation_date_time, &next.creation_date_time);
    }
    Ok(())
}

/// A snapshot could not be observed into a typestate: its state is absent or unknown to this crate.
/// The snapshot is given back.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::decode::Decode;
/// use twinmaker_syncjob::lifecycle::AnySyncJob;
/// use twinmaker_syncjob::model::SyncJobSnapshot;
///
/// let snapshot = SyncJobSnapshot::decode_str(r#"{
///     "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
///     "workspaceId": "plant", "syncSource": "SITEWISE",
///     "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
///     "status": {"state": "PAUSED"}, "creationDateTime": 1672531200, "updateDateTime": 1672531260}"#)?;
/// let err = AnySyncJob::observe(snapshot.clone()).unwrap_err();
/// assert!(err.to_string().contains("PAUSED"));
/// assert_eq!(err.into_snapshot(), snapshot);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("cannot observe sync job {}: its state is {}", .snapshot.arn, unobservable_state(.snapshot))]
pub struct UnobservableError {
    snapshot: Box<SyncJobSnapshot>,
}

fn unobservable_state(snapshot: &SyncJobSnapshot) -> String {
    match &snapshot.status.state {
        None => "absent".to_owned(),
        Some(state) => format!("{state}, a value this crate does not know"),
    }
}

impl UnobservableError {
    /// The snapshot that could not be observed.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::lifecycle::AnySyncJob;
    /// use twinmaker_syncjob::model::SyncJobSnapshot;
    ///
    /// let err = AnySyncJob::observe(SyncJobSnapshot::decode_str(r#"{
    ///     "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
    ///     "workspaceId": "plant", "syncSource": "SITEWISE",
    ///     "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
    ///     "status": {}, "creationDateTime": 1672531200, "updateDateTime": 1672531260}"#)?).unwrap_err();
    /// assert!(err.snapshot().status.state.is_none());
    /// assert!(err.to_string().ends_with("its state is absent"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn snapshot(&self) -> &SyncJobSnapshot {
        &self.snapshot
    }

    /// The snapshot, given back.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::lifecycle::AnySyncJob;
    /// use twinmaker_syncjob::model::SyncJobSnapshot;
    ///
    /// let snapshot = SyncJobSnapshot::decode_str(r#"{
    ///     "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
    ///     "workspaceId": "plant", "syncSource": "SITEWISE",
    ///     "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
    ///     "status": {"state": "PAUSED"}, "creationDateTime": 1672531200, "updateDateTime": 1672531260}"#)?;
    /// assert_eq!(AnySyncJob::observe(snapshot.clone()).unwrap_err().into_snapshot(), snapshot);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn into_snapshot(self) -> SyncJobSnapshot {
        *self.snapshot
    }
}

/// An [`AnySyncJob`] was not in the typestate asked for; the job is given back.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::decode::Decode;
/// use twinmaker_syncjob::lifecycle::{Active, AnySyncJob, Failed, Stage, SyncJob};
/// use twinmaker_syncjob::model::SyncJobSnapshot;
///
/// let any = AnySyncJob::observe(SyncJobSnapshot::decode_str(r#"{
///     "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
///     "workspaceId": "plant", "syncSource": "SITEWISE",
///     "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
///     "status": {"state": "ERROR"}, "creationDateTime": 1672531200, "updateDateTime": 1672531260}"#)?)?;
/// let err = SyncJob::<Active>::try_from(any).unwrap_err();
/// assert_eq!(err.to_string(), "expected a sync job observed ACTIVE, found one observed ERROR");
/// let failed: SyncJob<Failed> = err.into_job().try_into()?;
/// assert_eq!(failed.stage(), Stage::Error);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("expected a sync job observed {expected}, found one observed {}", .job.stage())]
pub struct WrongStateError {
    expected: Stage,
    job: Box<AnySyncJob>,
}

impl WrongStateError {
    /// The stage asked for.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::lifecycle::{AnySyncJob, Creating, Stage, SyncJob};
    /// use twinmaker_syncjob::model::SyncJobSnapshot;
    ///
    /// let any = AnySyncJob::observe(SyncJobSnapshot::decode_str(r#"{
    ///     "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
    ///     "workspaceId": "plant", "syncSource": "SITEWISE",
    ///     "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
    ///     "status": {"state": "ACTIVE"}, "creationDateTime": 1672531200, "updateDateTime": 1672531260}"#)?)?;
    /// let err = SyncJob::<Creating>::try_from(any).unwrap_err();
    /// assert_eq!((err.expected(), err.job().stage()), (Stage::Creating, Stage::Active));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn expected(&self) -> Stage {
        self.expected
    }

    /// The job, in the typestate it was observed in.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::lifecycle::{AnySyncJob, Deleting, Stage, SyncJob};
    /// use twinmaker_syncjob::model::SyncJobSnapshot;
    ///
    /// let any = AnySyncJob::observe(SyncJobSnapshot::decode_str(r#"{
    ///     "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
    ///     "workspaceId": "plant", "syncSource": "SITEWISE",
    ///     "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
    ///     "status": {"state": "CREATING"}, "creationDateTime": 1672531200, "updateDateTime": 1672531260}"#)?)?;
    /// let err = SyncJob::<Deleting>::try_from(any).unwrap_err();
    /// assert_eq!(err.job().stage(), Stage::Creating);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn job(&self) -> &AnySyncJob {
        &self.job
    }

    /// The job, given back.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::lifecycle::{AnySyncJob, Initializing, SyncJob};
    /// use twinmaker_syncjob::model::SyncJobSnapshot;
    ///
    /// let any = AnySyncJob::observe(SyncJobSnapshot::decode_str(r#"{
    ///     "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
    ///     "workspaceId": "plant", "syncSource": "SITEWISE",
    ///     "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
    ///     "status": {"state": "DELETING"}, "creationDateTime": 1672531200, "updateDateTime": 1672531260}"#)?)?;
    /// assert_eq!(SyncJob::<Initializing>::try_from(any.clone()).unwrap_err().into_job(), any);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn into_job(self) -> AnySyncJob {
        *self.job
    }
}

/// A newer observation is not evidence for the transition asked for; the job held and the new
/// snapshot are given back.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::decode::Decode;
/// use twinmaker_syncjob::lifecycle::{AnySyncJob, Creating, SyncJob};
/// use twinmaker_syncjob::model::SyncJobSnapshot;
///
/// # fn seen(arn: &str, state: &str) -> Result<SyncJobSnapshot, twinmaker_syncjob::decode::DecodeError> {
/// #     SyncJobSnapshot::decode_str(&format!(r#"{{
/// #         "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/{arn}/sync-job/SITEWISE",
/// #         "workspaceId": "plant", "syncSource": "SITEWISE",
/// #         "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
/// #         "status": {{"state": "{state}"}}, "creationDateTime": 1672531200, "updateDateTime": 1672531260}}"#))
/// # }
/// let job: SyncJob<Creating> = AnySyncJob::observe(seen("plant", "CREATING")?)?.try_into()?;
/// let err = job.initializing(seen("other", "INITIALIZING")?).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "no CREATING -> INITIALIZING transition: the new snapshot is of another job or incarnation: arn is \
///      arn:aws:iottwinmaker:us-east-1:123456789012:workspace/other/sync-job/SITEWISE, not \
///      arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("no {from} -> {to} transition: {mismatch}", from = S::STAGE)]
pub struct TransitionError<S: JobState> {
    to: Stage,
    mismatch: Mismatch,
    parts: Box<(SyncJob<S>, SyncJobSnapshot)>,
}

impl<S: JobState> TransitionError<S> {
    /// The stage of the job held.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::lifecycle::{Active, AnySyncJob, Stage, SyncJob};
    /// use twinmaker_syncjob::model::SyncJobSnapshot;
    ///
    /// # fn seen(state: &str) -> Result<SyncJobSnapshot, twinmaker_syncjob::decode::DecodeError> {
    /// #     SyncJobSnapshot::decode_str(&format!(r#"{{
    /// #         "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
    /// #         "workspaceId": "plant", "syncSource": "SITEWISE",
    /// #         "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
    /// #         "status": {{"state": "{state}"}}, "creationDateTime": 1672531200, "updateDateTime": 1672531260}}"#))
    /// # }
    /// let job: SyncJob<Active> = AnySyncJob::observe(seen("ACTIVE")?)?.try_into()?;
    /// let err = job.deleting(seen("ACTIVE")?).unwrap_err();
    /// assert_eq!((err.from(), err.to()), (Stage::Active, Stage::Deleting));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn from(&self) -> Stage {
        S::STAGE
    }

    /// The stage asked for.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::lifecycle::{AnySyncJob, Initializing, Stage, SyncJob};
    /// use twinmaker_syncjob::model::SyncJobSnapshot;
    ///
    /// # fn seen(state: &str) -> Result<SyncJobSnapshot, twinmaker_syncjob::decode::DecodeError> {
    /// #     SyncJobSnapshot::decode_str(&format!(r#"{{
    /// #         "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
    /// #         "workspaceId": "plant", "syncSource": "SITEWISE",
    /// #         "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
    /// #         "status": {{"state": "{state}"}}, "creationDateTime": 1672531200, "updateDateTime": 1672531260}}"#))
    /// # }
    /// let job: SyncJob<Initializing> = AnySyncJob::observe(seen("INITIALIZING")?)?.try_into()?;
    /// assert_eq!(job.failed(seen("DELETING")?).unwrap_err().to(), Stage::Error);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn to(&self) -> Stage {
        self.to
    }

    /// Why the new snapshot is not evidence for the transition.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::lifecycle::{AnySyncJob, Failed, Mismatch, SyncJob};
    /// use twinmaker_syncjob::model::{SyncJobSnapshot, SyncJobState};
    ///
    /// # fn seen(state: &str) -> Result<SyncJobSnapshot, twinmaker_syncjob::decode::DecodeError> {
    /// #     SyncJobSnapshot::decode_str(&format!(r#"{{
    /// #         "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
    /// #         "workspaceId": "plant", "syncSource": "SITEWISE",
    /// #         "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
    /// #         "status": {{"state": "{state}"}}, "creationDateTime": 1672531200, "updateDateTime": 1672531260}}"#))
    /// # }
    /// let job: SyncJob<Failed> = AnySyncJob::observe(seen("ERROR")?)?.try_into()?;
    /// let err = job.deleting(seen("ACTIVE")?).unwrap_err();
    /// assert!(matches!(err.mismatch(), Mismatch::State { expected: SyncJobState::Deleting, .. }));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn mismatch(&self) -> &Mismatch {
        &self.mismatch
    }

    /// The job held, unchanged.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::lifecycle::{AnySyncJob, Creating, SyncJob};
    /// use twinmaker_syncjob::model::SyncJobSnapshot;
    ///
    /// # fn seen(state: &str) -> Result<SyncJobSnapshot, twinmaker_syncjob::decode::DecodeError> {
    /// #     SyncJobSnapshot::decode_str(&format!(r#"{{
    /// #         "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
    /// #         "workspaceId": "plant", "syncSource": "SITEWISE",
    /// #         "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
    /// #         "status": {{"state": "{state}"}}, "creationDateTime": 1672531200, "updateDateTime": 1672531260}}"#))
    /// # }
    /// let job: SyncJob<Creating> = AnySyncJob::observe(seen("CREATING")?)?.try_into()?;
    /// let err = job.clone().initializing(seen("CREATING")?).unwrap_err();
    /// assert_eq!(err.job(), &job);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn job(&self) -> &SyncJob<S> {
        &self.parts.0
    }

    /// The new snapshot, unchanged.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::lifecycle::{AnySyncJob, Creating, SyncJob};
    /// use twinmaker_syncjob::model::SyncJobSnapshot;
    ///
    /// # fn seen(state: &str) -> Result<SyncJobSnapshot, twinmaker_syncjob::decode::DecodeError> {
    /// #     SyncJobSnapshot::decode_str(&format!(r#"{{
    /// #         "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
    /// #         "workspaceId": "plant", "syncSource": "SITEWISE",
    /// #         "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
    /// #         "status": {{"state": "{state}"}}, "creationDateTime": 1672531200, "updateDateTime": 1672531260}}"#))
    /// # }
    /// let job: SyncJob<Creating> = AnySyncJob::observe(seen("CREATING")?)?.try_into()?;
    /// let err = job.initializing(seen("ACTIVE")?).unwrap_err();
    /// assert_eq!(err.observed(), &seen("ACTIVE")?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn observed(&self) -> &SyncJobSnapshot {
        &self.parts.1
    }

    /// The job held and the new snapshot, given back.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::lifecycle::{AnySyncJob, Creating, Stage, SyncJob};
    /// use twinmaker_syncjob::model::SyncJobSnapshot;
    ///
    /// # fn seen(state: &str) -> Result<SyncJobSnapshot, twinmaker_syncjob::decode::DecodeError> {
    /// #     SyncJobSnapshot::decode_str(&format!(r#"{{
    /// #         "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
    /// #         "workspaceId": "plant", "syncSource": "SITEWISE",
    /// #         "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
    /// #         "status": {{"state": "{state}"}}, "creationDateTime": 1672531200, "updateDateTime": 1672531260}}"#))
    /// # }
    /// let job: SyncJob<Creating> = AnySyncJob::observe(seen("CREATING")?)?.try_into()?;
    /// let (job, next) = job.initializing(seen("ACTIVE")?).unwrap_err().into_parts();
    /// // The job skipped INITIALIZING unseen: observe it afresh.
    /// assert_eq!(AnySyncJob::observe(next)?.stage(), Stage::Active);
    /// assert_eq!(job.stage(), Stage::Creating);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn into_parts(self) -> (SyncJob<S>, SyncJobSnapshot) {
        *self.parts
    }
}

/// An answer that is not evidence of deletion: only `ResourceNotFoundException` is. The job and the
/// answer are given back.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::decode::Decode;
/// use twinmaker_syncjob::lifecycle::{AnySyncJob, Deleting, SyncJob};
/// use twinmaker_syncjob::model::{ApiError, ApiErrorKind, SyncJobSnapshot};
///
/// let job: SyncJob<Deleting> = AnySyncJob::observe(SyncJobSnapshot::decode_str(r#"{
///     "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
///     "workspaceId": "plant", "syncSource": "SITEWISE",
///     "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
///     "status": {"state": "DELETING"}, "creationDateTime": 1672531200, "updateDateTime": 1672531260}"#)?)?
/// .try_into()?;
/// let err = job.deleted(ApiError::new(ApiErrorKind::AccessDenied, "denied")).unwrap_err();
/// assert!(err.to_string().starts_with("AccessDeniedException (HTTP 403): denied is not evidence"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "{} is not evidence that sync job {} was deleted: only ResourceNotFoundException is",
    .parts.1,
    .parts.0.snapshot().arn
)]
pub struct NotDeletedError {
    parts: Box<(SyncJob<Deleting>, ApiError)>,
}

impl NotDeletedError {
    /// The job and the answer, given back.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::lifecycle::{AnySyncJob, Deleting, Stage, SyncJob};
    /// use twinmaker_syncjob::model::{ApiError, ApiErrorKind, SyncJobSnapshot};
    ///
    /// let job: SyncJob<Deleting> = AnySyncJob::observe(SyncJobSnapshot::decode_str(r#"{
    ///     "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
    ///     "workspaceId": "plant", "syncSource": "SITEWISE",
    ///     "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
    ///     "status": {"state": "DELETING"}, "creationDateTime": 1672531200, "updateDateTime": 1672531260}"#)?)?
    /// .try_into()?;
    /// let (job, answer) = job.deleted(ApiError::new(ApiErrorKind::InternalServer, "")).unwrap_err().into_parts();
    /// assert_eq!((job.stage(), answer.known_kind()), (Stage::Deleting, Some(ApiErrorKind::InternalServer)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn into_parts(self) -> (SyncJob<Deleting>, ApiError) {
        *self.parts
    }
}

/// A snapshot that is not evidence that a deleted job was created again; both are given back.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::decode::Decode;
/// use twinmaker_syncjob::lifecycle::{AnySyncJob, Deleting, SyncJob};
/// use twinmaker_syncjob::model::{ApiError, ApiErrorKind, SyncJobSnapshot};
///
/// # fn seen(state: &str, created: u32) -> Result<SyncJobSnapshot, twinmaker_syncjob::decode::DecodeError> {
/// #     SyncJobSnapshot::decode_str(&format!(r#"{{
/// #         "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
/// #         "workspaceId": "plant", "syncSource": "SITEWISE",
/// #         "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
/// #         "status": {{"state": "{state}"}}, "creationDateTime": {created}, "updateDateTime": 1900000000}}"#))
/// # }
/// let job: SyncJob<Deleting> = AnySyncJob::observe(seen("DELETING", 1672531200)?)?.try_into()?;
/// let gone = job.deleted(ApiError::new(ApiErrorKind::ResourceNotFound, ""))?;
/// let err = gone.recreated(seen("ACTIVE", 1700000000)?).unwrap_err();
/// assert_eq!(err.to_string(), "no DELETED -> CREATING transition: the new snapshot is in state ACTIVE, not CREATING");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("no DELETED -> CREATING transition: {mismatch}")]
pub struct RecreateError {
    mismatch: Mismatch,
    parts: Box<(DeletedSyncJob, SyncJobSnapshot)>,
}

impl RecreateError {
    /// Why the snapshot is not evidence of a new incarnation.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::lifecycle::{AnySyncJob, Deleting, Mismatch, SyncJob};
    /// use twinmaker_syncjob::model::{ApiError, ApiErrorKind, SyncJobSnapshot};
    ///
    /// # fn seen(state: &str, created: u32) -> Result<SyncJobSnapshot, twinmaker_syncjob::decode::DecodeError> {
    /// #     SyncJobSnapshot::decode_str(&format!(r#"{{
    /// #         "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
    /// #         "workspaceId": "plant", "syncSource": "SITEWISE",
    /// #         "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
    /// #         "status": {{"state": "{state}"}}, "creationDateTime": {created}, "updateDateTime": 1900000000}}"#))
    /// # }
    /// let job: SyncJob<Deleting> = AnySyncJob::observe(seen("DELETING", 1672531200)?)?.try_into()?;
    /// let gone = job.deleted(ApiError::new(ApiErrorKind::ResourceNotFound, ""))?;
    /// let err = gone.recreated(seen("CREATING", 1600000000)?).unwrap_err();
    /// assert!(matches!(err.mismatch(), Mismatch::NotNewIncarnation { .. }));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn mismatch(&self) -> &Mismatch {
        &self.mismatch
    }

    /// The deleted job and the snapshot, given back.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::decode::Decode;
    /// use twinmaker_syncjob::lifecycle::{AnySyncJob, Deleting, SyncJob};
    /// use twinmaker_syncjob::model::{ApiError, ApiErrorKind, SyncJobSnapshot};
    ///
    /// # fn seen(state: &str, created: u32) -> Result<SyncJobSnapshot, twinmaker_syncjob::decode::DecodeError> {
    /// #     SyncJobSnapshot::decode_str(&format!(r#"{{
    /// #         "arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE",
    /// #         "workspaceId": "plant", "syncSource": "SITEWISE",
    /// #         "syncRole": "arn:aws:iam::123456789012:role/TwinMakerSync",
    /// #         "status": {{"state": "{state}"}}, "creationDateTime": {created}, "updateDateTime": 1900000000}}"#))
    /// # }
    /// let job: SyncJob<Deleting> = AnySyncJob::observe(seen("DELETING", 1672531200)?)?.try_into()?;
    /// let gone = job.deleted(ApiError::new(ApiErrorKind::ResourceNotFound, ""))?;
    /// let (gone, next) = gone.recreated(seen("INITIALIZING", 1700000000)?).unwrap_err().into_parts();
    /// assert_eq!(next.creation_date_time.unix_micros(), 1_700_000_000_000_000);
    /// assert!(gone.recreated(seen("CREATING", 1700000000)?).is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn into_parts(self) -> (DeletedSyncJob, SyncJobSnapshot) {
        *self.parts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_zero_sized_and_the_job_is_the_snapshot() {
        assert_eq!(size_of::<Creating>(), 0);
        assert_eq!(size_of::<Initializing>(), 0);
        assert_eq!(size_of::<Active>(), 0);
        assert_eq!(size_of::<Deleting>(), 0);
        assert_eq!(size_of::<Failed>(), 0);
        assert_eq!(size_of::<SyncJob<Failed>>(), size_of::<SyncJobSnapshot>());
    }

    #[test]
    fn the_const_check_compares_both_ways() {
        assert!(edges_agree_with_the_table());
        assert_eq!(TYPESTATE_EDGES.len(), TRANSITIONS.len());
        // An edge the policy does not allow, and an edge of the policy left out, both disagree.
        let mut extra = TYPESTATE_EDGES.to_vec();
        extra.push(TypestateEdge { from: Stage::Active, to: Stage::Creating, method: "back" });
        assert!(!edges_agree(&extra, &Policy::DEFAULT));
        for left_out in 0..TYPESTATE_EDGES.len() {
            let mut fewer = TYPESTATE_EDGES.to_vec();
            fewer.remove(left_out);
            assert!(!edges_agree(&fewer, &Policy::DEFAULT), "without edge {left_out}");
        }
    }
}
