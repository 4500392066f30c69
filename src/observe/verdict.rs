//! What one observation meant: the change it shows, and the violations and warnings it raised.

use std::fmt;

use crate::lifecycle::{Position, Via};
use crate::model::{SyncJobState, Timestamp};

/// A broken lifecycle rule: the observation cannot follow what was seen before.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::Position;
/// use twinmaker_syncjob::observe::Violation;
///
/// let v = Violation::IllegalTransition { from: Position::Active, to: Position::Creating };
/// assert_eq!(v.kind(), "illegal_transition");
/// assert!(v.to_string().contains("ACTIVE"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Violation {
    /// `to` is not reachable from `from` within one incarnation under the policy.
    IllegalTransition {
        /// The position before.
        from: Position,
        /// The position observed.
        to: Position,
    },
    /// The `arn` or `syncRole` changed within one incarnation.
    IdentityChanged {
        /// Which field changed.
        field: IdentityField,
    },
    /// `updateDateTime` went backwards within one incarnation.
    UpdateTimeRegressed {
        /// The update time seen before.
        previous: Timestamp,
        /// The update time observed.
        observed: Timestamp,
    },
    /// `updateDateTime` is before `creationDateTime`.
    UpdateBeforeCreation {
        /// The creation time.
        creation: Timestamp,
        /// The update time.
        update: Timestamp,
    },
    /// `creationDateTime` is earlier than the current incarnation's.
    CreationTimeRegressed {
        /// The current incarnation's creation time.
        previous: Timestamp,
        /// The creation time observed.
        observed: Timestamp,
    },
    /// The incarnation whose deletion was observed appeared again.
    Resurrected {
        /// The incarnation's creation time.
        creation: Timestamp,
    },
}

/// Which identity field changed; part of [`Violation::IdentityChanged`].
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::observe::IdentityField;
///
/// assert_eq!(IdentityField::SyncRole.wire_name(), "syncRole");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IdentityField {
    /// `arn`.
    Arn,
    /// `syncRole`.
    SyncRole,
}

impl IdentityField {
    /// The field's wire name.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::observe::IdentityField;
    ///
    /// assert_eq!(IdentityField::Arn.wire_name(), "arn");
    /// ```
    #[must_use]
    pub const fn wire_name(self) -> &'static str {
        match self {
            Self::Arn => "arn",
            Self::SyncRole => "syncRole",
        }
    }
}

impl Violation {
    /// Every kind, as [`Violation::kind`] names them.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::observe::Violation;
    ///
    /// assert!(Violation::KINDS.contains(&"illegal_transition"));
    /// assert!(Violation::KINDS.iter().all(|k| k.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')));
    /// ```
    pub const KINDS: [&'static str; 6] = [
        "illegal_transition",
        "identity_changed",
        "update_time_regressed",
        "update_before_creation",
        "creation_time_regressed",
        "resurrected",
    ];

    /// The kind's snake_case name, as reports print it.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::Timestamp;
    /// use twinmaker_syncjob::observe::Violation;
    ///
    /// assert_eq!(Violation::Resurrected { creation: Timestamp::UNIX_EPOCH }.kind(), "resurrected");
    /// ```
    #[must_use]
    pub const fn kind(&self) -> &'static str {
        match self {
            Self::IllegalTransition { .. } => "illegal_transition",
            Self::IdentityChanged { .. } => "identity_changed",
            Self::UpdateTimeRegressed { .. } => "update_time_regressed",
            Self::UpdateBeforeCreation { .. } => "update_before_creation",
            Self::CreationTimeRegressed { .. } => "creation_time_regressed",
            Self::Resurrected { .. } => "resurrected",
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::IllegalTransition { from, to } => write!(
                f,
                "{from} cannot be followed by {to} within one incarnation (no path in the lifecycle policy); \
                 if the service really did this, the job or the policy needs a look"
            ),
            Self::IdentityChanged { field } => write!(
                f,
                "`{}` changed within one incarnation (same creationDateTime); the observations may belong to \
                 different jobs",
                field.wire_name()
            ),
            Self::UpdateTimeRegressed { previous, observed } => write!(
                f,
                "updateDateTime went back from {previous} to {observed}; observations may be out of order or \
                 replayed"
            ),
            Self::UpdateBeforeCreation { creation, update } => {
                write!(f, "updateDateTime {update} is before creationDateTime {creation}")
            }
            Self::CreationTimeRegressed { previous, observed } => write!(
                f,
                "creationDateTime went back from {previous} to {observed}: an older incarnation reappeared; \
                 observations may be out of order or stale"
            ),
            Self::Resurrected { creation } => write!(
                f,
                "the incarnation created at {creation} was seen deleted (ResourceNotFoundException) and now \
                 appears again with the same creationDateTime"
            ),
        }
    }
}

/// Something unusual that breaks no rule.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::observe::Warning;
///
/// assert_eq!(Warning::ErrorDetailsMissing.kind(), "error_details_missing");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Warning {
    /// A state this crate does not know (or no state at all): transitions into and out of it are
    /// not judged.
    UnknownState,
    /// An error code this crate does not know.
    UnknownErrorCode,
    /// `ERROR` without error details.
    ErrorDetailsMissing,
    /// Error details beside a state other than `ERROR` and `DELETING`.
    ErrorDetailsUnexpected {
        /// The state they came with.
        state: SyncJobState,
    },
}

impl Warning {
    /// Every kind, as [`Warning::kind`] names them.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::observe::Warning;
    ///
    /// assert_eq!(Warning::KINDS[0], "unknown_state");
    /// ```
    pub const KINDS: [&'static str; 4] =
        ["unknown_state", "unknown_error_code", "error_details_missing", "error_details_unexpected"];

    /// The kind's snake_case name, as reports print it.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::observe::Warning;
    ///
    /// assert_eq!(Warning::UnknownState.kind(), "unknown_state");
    /// ```
    #[must_use]
    pub const fn kind(&self) -> &'static str {
        match self {
            Self::UnknownState => "unknown_state",
            Self::UnknownErrorCode => "unknown_error_code",
            Self::ErrorDetailsMissing => "error_details_missing",
            Self::ErrorDetailsUnexpected { .. } => "error_details_unexpected",
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownState => f.write_str(
                "a state this library does not know (or none): the transitions into and out of it are not judged",
            ),
            Self::UnknownErrorCode => {
                f.write_str("an error code this library does not know: it is classified conservatively")
            }
            Self::ErrorDetailsMissing => f.write_str("ERROR without error details: the cause is unknown"),
            Self::ErrorDetailsUnexpected { state } => {
                write!(f, "error details beside {state}, which is neither ERROR nor DELETING")
            }
        }
    }
}

/// How an observation moved the job.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::observe::Change;
///
/// assert_eq!(Change::Stutter.kind(), "stutter");
/// assert!(!Change::Stutter.is_transition());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Change {
    /// The first state seen of the job.
    First,
    /// The same state again.
    Stutter,
    /// One edge of the policy.
    Step,
    /// More than one edge; the stages passed through unseen.
    Skip(Via),
    /// The job was deleted (`ResourceNotFoundException` after it was seen); the stages passed
    /// through unseen before the deletion (empty from `DELETING`).
    Deleted(Via),
    /// A later `creationDateTime`: the job was deleted and created again. The stages of the new
    /// incarnation passed through unseen before the one observed (starting with `CREATING`, unless
    /// that is the one observed).
    Recreated(Via),
    /// Into or out of a state this crate does not know: not judged.
    Unjudged,
    /// An illegal transition (see the verdict's violations); the observation is taken as the job's
    /// state from now on.
    Illegal,
    /// The observation broke an incarnation rule (creation time regressed, resurrected) and was
    /// taken as the job's state from now on.
    Reset,
    /// No evidence about the lifecycle: an API error other than `ResourceNotFoundException`, or a
    /// `ResourceNotFoundException` before the job was ever seen.
    NoEvidence,
}

impl Change {
    /// `step`, `skip`, `deleted` or `recreated` for the changes that move the job (as reports list
    /// transitions); `first`, `stutter`, `unjudged`, `illegal`, `reset` or `no_evidence` otherwise.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::observe::Change;
    /// use twinmaker_syncjob::lifecycle::Via;
    ///
    /// assert_eq!(Change::Skip(Via::default()).kind(), "skip");
    /// ```
    #[must_use]
    pub const fn kind(&self) -> &'static str {
        match self {
            Self::First => "first",
            Self::Stutter => "stutter",
            Self::Step => "step",
            Self::Skip(_) => "skip",
            Self::Deleted(_) => "deleted",
            Self::Recreated(_) => "recreated",
            Self::Unjudged => "unjudged",
            Self::Illegal => "illegal",
            Self::Reset => "reset",
            Self::NoEvidence => "no_evidence",
        }
    }

    /// Whether the observation moved the job along the lifecycle: a step, a skip, a deletion or a
    /// recreation.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::observe::Change;
    ///
    /// assert!(Change::Step.is_transition());
    /// assert!(!Change::First.is_transition());
    /// ```
    #[must_use]
    pub const fn is_transition(&self) -> bool {
        matches!(self, Self::Step | Self::Skip(_) | Self::Deleted(_) | Self::Recreated(_))
    }

    /// The stages passed through unseen, for skips, deletions and recreations.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::observe::Change;
    ///
    /// assert!(Change::Step.via().is_empty());
    /// ```
    #[must_use]
    pub fn via(&self) -> Via {
        match self {
            Self::Skip(via) | Self::Deleted(via) | Self::Recreated(via) => *via,
            _ => Via::default(),
        }
    }
}

/// A short list kept inline, without allocation; it holds every finding one observation can raise.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::observe::{Findings, Warning};
///
/// let none: Findings<Warning> = Findings::default();
/// assert!(none.is_empty());
/// assert_eq!(none.iter().count(), 0);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Findings<T> {
    items: [Option<T>; 6],
}

impl<T: Copy> Findings<T> {
    pub(crate) fn push(&mut self, item: T) {
        if let Some(slot) = self.items.iter_mut().find(|slot| slot.is_none()) {
            *slot = Some(item);
        }
    }

    /// The findings, in the order the rules are checked.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::observe::{Findings, Violation};
    ///
    /// assert_eq!(Findings::<Violation>::default().iter().next(), None);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = &T> + '_ {
        self.items.iter().map_while(Option::as_ref)
    }

    /// How many there are.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::observe::{Findings, Warning};
    ///
    /// assert_eq!(Findings::<Warning>::default().len(), 0);
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.iter().count()
    }

    /// Whether there are none.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::observe::{Findings, Warning};
    ///
    /// assert!(Findings::<Warning>::default().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.items.first().is_none_or(Option::is_none)
    }
}

impl<T> Default for Findings<T> {
    fn default() -> Self {
        Self { items: [None, None, None, None, None, None] }
    }
}

impl<T: fmt::Debug + Copy> fmt::Debug for Findings<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// What one observation meant for its job.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::{Policy, Position};
/// use twinmaker_syncjob::model::{ApiError, ApiErrorKind};
/// use twinmaker_syncjob::observe::{Change, JobTracker, Observation};
///
/// let mut tracker = JobTracker::new(Policy::DEFAULT);
/// let throttled = ApiError::new(ApiErrorKind::Throttling, "slow down");
/// let verdict = tracker.observe(Observation::Error(&throttled));
/// assert_eq!(verdict.index, 0);
/// assert_eq!(verdict.change, Change::NoEvidence);
/// assert!(verdict.is_clean());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// The observation's index: how many observations the tracker had received before it.
    pub index: u64,
    /// How it moved the job.
    pub change: Change,
    /// The position before, when known.
    pub from: Option<Position>,
    /// The position observed (or [`Position::Deleted`]), when known.
    pub to: Option<Position>,
    /// The rules it broke.
    pub violations: Findings<Violation>,
    /// The warnings it raised.
    pub warnings: Findings<Warning>,
}

impl Verdict {
    /// Whether it broke no rule and raised no warning.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Policy;
    /// use twinmaker_syncjob::model::{ApiError, ApiErrorKind};
    /// use twinmaker_syncjob::observe::{JobTracker, Observation};
    ///
    /// let mut t = JobTracker::new(Policy::DEFAULT);
    /// assert!(t.observe(Observation::Error(&ApiError::new(ApiErrorKind::InternalServer, ""))).is_clean());
    /// ```
    #[must_use]
    pub fn is_clean(&self) -> bool {
        self.violations.is_empty() && self.warnings.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_keep_six_in_order() {
        let mut findings: Findings<Warning> = Findings::default();
        assert!(findings.is_empty());
        assert_eq!(findings.len(), 0);
        assert_eq!(format!("{findings:?}"), "[]");
        findings.push(Warning::UnknownState);
        findings.push(Warning::ErrorDetailsMissing);
        assert!(!findings.is_empty());
        assert_eq!(findings.len(), 2);
        assert_eq!(format!("{findings:?}"), "[UnknownState, ErrorDetailsMissing]");
        for _ in 0..10 {
            findings.push(Warning::UnknownErrorCode);
        }
        assert_eq!(findings.len(), 6, "the rest are dropped: no observation breaks more than six rules");
        assert_eq!(findings.iter().next(), Some(&Warning::UnknownState));
    }

    #[test]
    fn clean_means_no_violation_and_no_warning() {
        let mut verdict = Verdict {
            index: 0,
            change: Change::Stutter,
            from: None,
            to: None,
            violations: Findings::default(),
            warnings: Findings::default(),
        };
        assert!(verdict.is_clean());
        verdict.warnings.push(Warning::UnknownState);
        assert!(!verdict.is_clean());
        verdict.warnings = Findings::default();
        verdict.violations.push(Violation::Resurrected { creation: crate::model::Timestamp::MIN });
        assert!(!verdict.is_clean());
    }
}
