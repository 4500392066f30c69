//! The transition table: the one place in code where the sync-job lifecycle is written down.

use std::fmt;

use crate::model::SyncJobState;

/// A point in a sync job's life: one of the five wire states, or **deleted** (the job no longer
/// exists; GetSyncJob answers `ResourceNotFoundException`).
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::Stage;
/// use twinmaker_syncjob::model::SyncJobState;
///
/// assert_eq!(Stage::from(SyncJobState::Active), Stage::Active);
/// assert_eq!(Stage::Deleted.state(), None);
/// assert_eq!(Stage::Deleted.to_string(), "DELETED");
/// ```
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    strum::EnumIter,
    strum::EnumCount,
    strum::IntoStaticStr,
    strum::Display,
    serde::Serialize,
    serde::Deserialize,
)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[repr(u8)]
pub enum Stage {
    /// `CREATING`.
    Creating,
    /// `INITIALIZING`.
    Initializing,
    /// `ACTIVE`.
    Active,
    /// `DELETING`.
    Deleting,
    /// `ERROR`.
    Error,
    /// The job does not exist any more (the pseudo-state **deleted**).
    Deleted,
}

impl Stage {
    /// Every stage, in lifecycle order.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Stage;
    ///
    /// // Every stage but the pseudo-state `Deleted` is a wire state.
    /// let wire: Vec<_> = Stage::ALL.iter().filter_map(|s| s.state()).collect();
    /// assert_eq!(wire.len(), 5);
    /// assert_eq!(Stage::ALL[0], Stage::Creating);
    /// ```
    pub const ALL: [Self; 6] =
        [Self::Creating, Self::Initializing, Self::Active, Self::Deleting, Self::Error, Self::Deleted];

    /// The wire state, or `None` for [`Stage::Deleted`].
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Stage;
    /// use twinmaker_syncjob::model::SyncJobState;
    ///
    /// assert_eq!(Stage::Error.state(), Some(SyncJobState::Error));
    /// ```
    #[must_use]
    pub const fn state(self) -> Option<SyncJobState> {
        match self {
            Self::Creating => Some(SyncJobState::Creating),
            Self::Initializing => Some(SyncJobState::Initializing),
            Self::Active => Some(SyncJobState::Active),
            Self::Deleting => Some(SyncJobState::Deleting),
            Self::Error => Some(SyncJobState::Error),
            Self::Deleted => None,
        }
    }

    /// The name used in diagrams and reports: the wire string, or `DELETED`.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Stage;
    ///
    /// assert_eq!(Stage::Initializing.as_str(), "INITIALIZING");
    /// ```
    #[must_use]
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub(crate) const fn index(self) -> usize {
        self as usize
    }
}

impl From<SyncJobState> for Stage {
    fn from(state: SyncJobState) -> Self {
        match state {
            SyncJobState::Creating => Self::Creating,
            SyncJobState::Initializing => Self::Initializing,
            SyncJobState::Active => Self::Active,
            SyncJobState::Deleting => Self::Deleting,
            SyncJobState::Error => Self::Error,
        }
    }
}

/// Why an edge is believed to exist.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::{Evidence, Stage, TRANSITIONS};
///
/// let edge = TRANSITIONS.iter().find(|e| e.from == Stage::Deleting && e.to == Stage::Error).unwrap();
/// assert!(matches!(edge.evidence, Evidence::Inferred(_)));
/// assert!(!edge.evidence.is_documented());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Evidence {
    /// AWS documents it; the text says where.
    Documented(&'static str),
    /// AWS is silent; the text gives the reasoning.
    Inferred(&'static str),
    /// Added by a user's own [`Policy`](super::Policy), not by this crate's table.
    UserPolicy,
}

impl Evidence {
    /// Whether AWS documents it.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Evidence;
    ///
    /// assert!(Evidence::Documented("user guide").is_documented());
    /// assert!(!Evidence::UserPolicy.is_documented());
    /// ```
    #[must_use]
    pub const fn is_documented(self) -> bool {
        matches!(self, Self::Documented(_))
    }

    /// `documented`, `inferred` or `user policy`.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Evidence;
    ///
    /// assert_eq!(Evidence::Inferred("why").label(), "inferred");
    /// ```
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Self::Documented(_) => "documented",
            Self::Inferred(_) => "inferred",
            Self::UserPolicy => "user policy",
        }
    }

    /// The citation or the reasoning (empty for a user policy's edge).
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Evidence;
    ///
    /// assert_eq!(Evidence::Documented("user guide").detail(), "user guide");
    /// ```
    #[must_use]
    pub const fn detail(self) -> &'static str {
        match self {
            Self::Documented(text) | Self::Inferred(text) => text,
            Self::UserPolicy => "",
        }
    }
}

impl fmt::Display for Evidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UserPolicy => f.write_str("user policy"),
            _ => write!(f, "{}: {}", self.label(), self.detail()),
        }
    }
}

/// One edge of the lifecycle, with its evidence.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::{Stage, TRANSITIONS};
///
/// let first = &TRANSITIONS[0];
/// assert_eq!((first.from, first.to), (Stage::Creating, Stage::Initializing));
/// assert!(first.evidence.is_documented());
/// assert!(!first.new_incarnation);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Transition {
    /// Where the edge starts.
    pub from: Stage,
    /// Where it ends.
    pub to: Stage,
    /// Why it is believed to exist.
    pub evidence: Evidence,
    /// Whether taking it starts a new incarnation of the job (only `deleted -> CREATING`).
    pub new_incarnation: bool,
}

const fn documented(from: Stage, to: Stage, citation: &'static str) -> Transition {
    Transition { from, to, evidence: Evidence::Documented(citation), new_incarnation: false }
}

const fn inferred(from: Stage, to: Stage, reasoning: &'static str) -> Transition {
    Transition { from, to, evidence: Evidence::Inferred(reasoning), new_incarnation: false }
}

/// The lifecycle of a sync job: every edge this crate believes in, with its evidence.
///
/// This is the only place the lifecycle is written down in code; the policies, the reachability
/// queries, the typestate API, the observation checker and the diagrams in `docs/lifecycle.md`
/// all derive from it. Facts: `docs/lifecycle.md` and the reference sheet's "Lifecycle" section.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::{Stage, TRANSITIONS};
///
/// let inferred: Vec<_> = TRANSITIONS.iter().filter(|t| !t.evidence.is_documented()).map(|t| (t.from, t.to)).collect();
/// assert_eq!(
///     inferred,
///     [(Stage::Creating, Stage::Deleting), (Stage::Initializing, Stage::Deleting), (Stage::Deleting, Stage::Error)]
/// );
/// // The only way out of ERROR is deletion: no recovery is documented or inferred.
/// assert!(TRANSITIONS.iter().filter(|t| t.from == Stage::Error).all(|t| t.to == Stage::Deleting));
/// ```
pub const TRANSITIONS: &[Transition] = &[
    documented(Stage::Creating, Stage::Initializing, "user guide: CREATING is followed by INITIALIZING (state order)"),
    documented(Stage::Initializing, Stage::Active, "user guide: ACTIVE once initialization is done"),
    documented(Stage::Creating, Stage::Error, "user guide: ERROR is 'an error with any of the preceding states'"),
    documented(Stage::Initializing, Stage::Error, "user guide: ERROR is 'an error with any of the preceding states'"),
    documented(Stage::Active, Stage::Error, "user guide: ERROR is 'an error with any of the preceding states'"),
    documented(Stage::Active, Stage::Deleting, "API reference: DeleteSyncJob; user guide: deleting a sync job"),
    documented(
        Stage::Error,
        Stage::Deleting,
        "user guide: 'delete the sync job that had the error' and create a new one",
    ),
    documented(Stage::Deleting, Stage::Deleted, "user guide: synced resources are deleted first, then the job"),
    Transition {
        from: Stage::Deleted,
        to: Stage::Creating,
        evidence: Evidence::Documented("user guide: after deletion the job can be created again in the same workspace"),
        new_incarnation: true,
    },
    inferred(
        Stage::Creating,
        Stage::Deleting,
        "DeleteSyncJob states no precondition on the state and declares no ConflictException",
    ),
    inferred(
        Stage::Initializing,
        Stage::Deleting,
        "DeleteSyncJob states no precondition on the state and declares no ConflictException",
    ),
    inferred(
        Stage::Deleting,
        Stage::Error,
        "the SYNC_DELETING_ERROR code exists, although the guide says a failed delete stays DELETING and is retried",
    ),
];
