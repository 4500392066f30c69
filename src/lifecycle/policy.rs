//! Policies (which edges of the table to believe) and precomputed reachability.

use std::fmt;

use super::table::{Evidence, Stage, TRANSITIONS, Transition};
use crate::model::SyncJobState;

/// The state a failed job was in when it failed, as its error code tells (see
/// [`classify_error_code`](super::classify_error_code)); `Any` when the code does not say.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::{Phase, classify_error_code};
/// use twinmaker_syncjob::model::ErrorCode;
///
/// assert_eq!(classify_error_code(ErrorCode::SyncDeletingError).phase, Phase::Deleting);
/// assert_eq!(classify_error_code(ErrorCode::InternalFailure).phase, Phase::Any);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum Phase {
    /// The code does not tell.
    Any,
    /// It failed while `CREATING`.
    Creating,
    /// It failed while `INITIALIZING`.
    Initializing,
    /// It failed while `ACTIVE`.
    Active,
    /// It failed while `DELETING`.
    Deleting,
}

impl Phase {
    /// The stage the phase names, or `None` for [`Phase::Any`].
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::{Phase, Stage};
    ///
    /// assert_eq!(Phase::Initializing.stage(), Some(Stage::Initializing));
    /// assert_eq!(Phase::Any.stage(), None);
    /// ```
    #[must_use]
    pub const fn stage(self) -> Option<Stage> {
        match self {
            Self::Any => None,
            Self::Creating => Some(Stage::Creating),
            Self::Initializing => Some(Stage::Initializing),
            Self::Active => Some(Stage::Active),
            Self::Deleting => Some(Stage::Deleting),
        }
    }

    /// `ANY` or the wire name of the state.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Phase;
    ///
    /// assert_eq!(Phase::Active.as_str(), "ACTIVE");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Any => "ANY",
            Self::Creating => "CREATING",
            Self::Initializing => "INITIALIZING",
            Self::Active => "ACTIVE",
            Self::Deleting => "DELETING",
        }
    }
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A position in the lifecycle fine enough for reachability: `ERROR` is told apart by the phase
/// its code names, because an `ERROR` with `SYNC_DELETING_ERROR` can only be reached through
/// `DELETING`.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::{Phase, Position};
/// use twinmaker_syncjob::model::{ErrorCode, SyncJobState};
///
/// let p = Position::of(SyncJobState::Error, Some(ErrorCode::SyncCreatingError));
/// assert_eq!(p, Position::Error(Phase::Creating));
/// assert_eq!(Position::of(SyncJobState::Active, None), Position::Active);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Position {
    /// `CREATING`.
    Creating,
    /// `INITIALIZING`.
    Initializing,
    /// `ACTIVE`.
    Active,
    /// `DELETING`.
    Deleting,
    /// `ERROR`, reached from the phase given.
    Error(Phase),
    /// The job was deleted.
    Deleted,
}

impl Position {
    /// Every position, in lifecycle order: the live states, `ERROR` with an unknown phase, `ERROR`
    /// by phase, deleted.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::{Policy, Position, Route};
    ///
    /// // Every position can follow itself.
    /// assert!(Position::ALL.iter().all(|p| Policy::DEFAULT.route(*p, *p) == Route::Same));
    /// ```
    pub const ALL: [Self; 10] = [
        Self::Creating,
        Self::Initializing,
        Self::Active,
        Self::Deleting,
        Self::Error(Phase::Any),
        Self::Error(Phase::Creating),
        Self::Error(Phase::Initializing),
        Self::Error(Phase::Active),
        Self::Error(Phase::Deleting),
        Self::Deleted,
    ];

    /// The position of a job in `state` whose error code (if any) is `code`.
    ///
    /// The code's phase matters only in `ERROR`.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::{Phase, Position};
    /// use twinmaker_syncjob::model::SyncJobState;
    ///
    /// assert_eq!(Position::of(SyncJobState::Error, None), Position::Error(Phase::Any));
    /// ```
    #[must_use]
    pub fn of(state: SyncJobState, code: Option<crate::model::ErrorCode>) -> Self {
        match state {
            SyncJobState::Creating => Self::Creating,
            SyncJobState::Initializing => Self::Initializing,
            SyncJobState::Active => Self::Active,
            SyncJobState::Deleting => Self::Deleting,
            SyncJobState::Error => Self::Error(code.map_or(Phase::Any, |code| super::classify_error_code(code).phase)),
        }
    }

    /// The stage, forgetting the phase.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::{Phase, Position, Stage};
    ///
    /// assert_eq!(Position::Error(Phase::Active).stage(), Stage::Error);
    /// ```
    #[must_use]
    pub const fn stage(self) -> Stage {
        match self {
            Self::Creating => Stage::Creating,
            Self::Initializing => Stage::Initializing,
            Self::Active => Stage::Active,
            Self::Deleting => Stage::Deleting,
            Self::Error(_) => Stage::Error,
            Self::Deleted => Stage::Deleted,
        }
    }

    /// Index in the route table: 0-3 the live states, 4 ERROR(any), 5-8 ERROR by phase, 9 deleted.
    const fn slot(self) -> usize {
        match self {
            Self::Creating => 0,
            Self::Initializing => 1,
            Self::Active => 2,
            Self::Deleting => 3,
            Self::Error(Phase::Any) => 4,
            Self::Error(Phase::Creating) => 5,
            Self::Error(Phase::Initializing) => 6,
            Self::Error(Phase::Active) => 7,
            Self::Error(Phase::Deleting) => 8,
            Self::Deleted => 9,
        }
    }
}

impl From<Stage> for Position {
    fn from(stage: Stage) -> Self {
        match stage {
            Stage::Creating => Self::Creating,
            Stage::Initializing => Self::Initializing,
            Stage::Active => Self::Active,
            Stage::Deleting => Self::Deleting,
            Stage::Error => Self::Error(Phase::Any),
            Stage::Deleted => Self::Deleted,
        }
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Error(Phase::Any) => f.write_str("ERROR"),
            Self::Error(phase) => write!(f, "ERROR (from {phase})"),
            other => f.write_str(other.stage().as_str()),
        }
    }
}

/// The stages a skip passed through unseen, in order (at most eight). No allocation.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::{Policy, Position, Route, Stage};
///
/// let Route::Skip(via) = Policy::DEFAULT.route(Position::Creating, Position::Active) else { panic!() };
/// assert_eq!(via.as_slice(), &[Stage::Initializing]);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Via {
    len: u8,
    stages: [Stage; 8],
}

impl Via {
    const EMPTY: Self = Self { len: 0, stages: [Stage::Deleted; 8] };

    /// A route through the given stages (at most eight are kept).
    pub(crate) fn of(stages: &[Stage]) -> Self {
        let mut via = Self::EMPTY;
        for stage in stages {
            via.push(*stage);
        }
        via
    }

    /// The same route with `stage` before the others (the last is dropped when full).
    pub(crate) fn prepend(self, stage: Stage) -> Self {
        let mut via = Self::of(&[stage]);
        for next in self.as_slice() {
            via.push(*next);
        }
        via
    }

    fn push(&mut self, stage: Stage) {
        if let Some(slot) = self.stages.get_mut(usize::from(self.len)) {
            *slot = stage;
            self.len += 1;
        }
    }

    /// The stages, in the order the job passed through them.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::{Policy, Position, Route, Stage};
    ///
    /// let Route::Skip(via) = Policy::DOCUMENTED.route(Position::Creating, Position::Deleted) else { panic!() };
    /// assert_eq!(via.as_slice(), &[Stage::Error, Stage::Deleting]);
    /// ```
    #[must_use]
    pub fn as_slice(&self) -> &[Stage] {
        self.stages.get(..usize::from(self.len)).unwrap_or(&[])
    }

    /// How many stages were passed through.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::{Policy, Position, Route};
    ///
    /// let Route::Skip(via) = Policy::DEFAULT.route(Position::Creating, Position::Deleted) else { panic!() };
    /// assert_eq!(via.len(), 1);
    /// assert!(!via.is_empty());
    /// ```
    #[must_use]
    pub const fn len(&self) -> usize {
        self.len as usize
    }

    /// Whether no stage was passed through.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Via;
    ///
    /// assert!(Via::default().is_empty());
    /// ```
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl Default for Via {
    fn default() -> Self {
        Self::EMPTY
    }
}

impl fmt::Debug for Via {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.as_slice()).finish()
    }
}

/// How one position can follow another within one incarnation of a job, under a [`Policy`].
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::{Phase, Policy, Position, Route};
///
/// let p = Policy::DEFAULT;
/// assert_eq!(p.route(Position::Active, Position::Active), Route::Same);
/// assert_eq!(p.route(Position::Active, Position::Deleting), Route::Step);
/// assert!(matches!(p.route(Position::Active, Position::Error(Phase::Deleting)), Route::Skip(_)));
/// assert_eq!(p.route(Position::Active, Position::Error(Phase::Initializing)), Route::Unreachable);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Route {
    /// The same position (a stutter). `ERROR` with an unknown phase is the same as any `ERROR`.
    Same,
    /// One edge of the policy.
    Step,
    /// More than one edge: the stages in between were not seen.
    Skip(Via),
    /// Not reachable within the incarnation: a violation.
    Unreachable,
}

impl Route {
    /// Whether the route is legal (anything but [`Route::Unreachable`]).
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Route;
    ///
    /// assert!(Route::Same.is_legal());
    /// assert!(!Route::Unreachable.is_legal());
    /// ```
    #[must_use]
    pub const fn is_legal(&self) -> bool {
        !matches!(self, Self::Unreachable)
    }
}

/// Nodes of the reachability graph: ERROR is split by phase so a route to an ERROR of a given
/// phase passes through that phase. 0-3 live states, 4-7 ERROR after C/I/A/D, 8 deleted.
const NODES: usize = 9;
const UNREACHABLE: u8 = u8::MAX;
const SLOTS: usize = 10;

/// Which edges of the lifecycle to believe, with every route between positions precomputed.
///
/// [`Policy::DEFAULT`] believes the documented and the inferred edges of [`TRANSITIONS`];
/// [`Policy::DOCUMENTED`] only the documented ones. Build your own with [`Policy::with_edge`] and
/// [`Policy::without_edge`] when the service proves the table wrong. Every query is a table lookup.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::{Policy, Position, Route, Stage};
///
/// assert!(Policy::DEFAULT.allows(Stage::Creating, Stage::Deleting));
/// assert!(!Policy::DOCUMENTED.allows(Stage::Creating, Stage::Deleting));
///
/// // Suppose the service were seen to recover from ERROR by itself:
/// let lenient = Policy::DEFAULT.with_edge(Stage::Error, Stage::Active);
/// assert_eq!(lenient.route(Position::from(Stage::Error), Position::Active), Route::Step);
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Policy {
    /// Bit `from * 6 + to` is set for each allowed edge.
    edges: u64,
    routes: [[Route; SLOTS]; SLOTS],
}

const fn bit(from: Stage, to: Stage) -> u64 {
    1 << (from.index() * Stage::ALL.len() + to.index())
}

#[allow(
    clippy::indexing_slicing,
    reason = "const fn: every index is a loop counter below the array length, or a node/slot number below NODES/SLOTS by construction; iterators are not available in const fn"
)]
const fn table_mask(documented_only: bool) -> u64 {
    let mut mask = 0;
    let mut i = 0;
    while i < TRANSITIONS.len() {
        let t = &TRANSITIONS[i];
        if !documented_only || t.evidence.is_documented() {
            mask |= bit(t.from, t.to);
        }
        i += 1;
    }
    mask
}

/// The graph node of a live stage (not ERROR, not deleted).
const fn live_node(stage: Stage) -> Option<usize> {
    match stage {
        Stage::Creating => Some(0),
        Stage::Initializing => Some(1),
        Stage::Active => Some(2),
        Stage::Deleting => Some(3),
        Stage::Error | Stage::Deleted => None,
    }
}

const fn node_stage(node: usize) -> Stage {
    match node {
        0 => Stage::Creating,
        1 => Stage::Initializing,
        2 => Stage::Active,
        3 => Stage::Deleting,
        4..=7 => Stage::Error,
        _ => Stage::Deleted,
    }
}

/// The adjacency of the phase-split graph: `adj[a][b]` when a policy edge leads from a to b.
#[allow(
    clippy::indexing_slicing,
    reason = "const fn: every index is a loop counter below the array length, or a node/slot number below NODES/SLOTS by construction; iterators are not available in const fn"
)]
const fn adjacency(edges: u64) -> [[bool; NODES]; NODES] {
    let mut adj = [[false; NODES]; NODES];
    let mut f = 0;
    while f < Stage::ALL.len() {
        let mut t = 0;
        while t < Stage::ALL.len() {
            let (from, to) = (Stage::ALL[f], Stage::ALL[t]);
            if edges & bit(from, to) != 0 {
                // Edges out of deleted start a new incarnation: not part of one incarnation's graph.
                let sources: (usize, usize) = match from {
                    Stage::Error => (4, 8),
                    Stage::Deleted => (0, 0),
                    _ => match live_node(from) {
                        Some(n) => (n, n + 1),
                        None => (0, 0),
                    },
                };
                let mut s = sources.0;
                while s < sources.1 {
                    let target = match (to, live_node(from)) {
                        // X -> ERROR lands in the ERROR node of phase X.
                        (Stage::Error, Some(n)) => Some(4 + n),
                        (Stage::Error, None) => None,
                        (Stage::Deleted, _) => Some(8),
                        _ => live_node(to),
                    };
                    if let Some(target) = target {
                        adj[s][target] = true;
                    }
                    s += 1;
                }
            }
            t += 1;
        }
        f += 1;
    }
    adj
}

/// All-pairs shortest paths (Floyd–Warshall) with next hops, for route reconstruction.
#[allow(
    clippy::indexing_slicing,
    reason = "const fn: every index is a loop counter below the array length, or a node/slot number below NODES/SLOTS by construction; iterators are not available in const fn"
)]
const fn shortest_paths(adj: &[[bool; NODES]; NODES]) -> ([[u8; NODES]; NODES], [[u8; NODES]; NODES]) {
    let mut dist = [[UNREACHABLE; NODES]; NODES];
    let mut next = [[UNREACHABLE; NODES]; NODES];
    let mut a = 0;
    while a < NODES {
        let mut b = 0;
        while b < NODES {
            if adj[a][b] {
                dist[a][b] = 1;
                next[a][b] = b as u8;
            }
            b += 1;
        }
        a += 1;
    }
    let mut k = 0;
    while k < NODES {
        let mut i = 0;
        while i < NODES {
            let mut j = 0;
            while j < NODES {
                if dist[i][k] != UNREACHABLE && dist[k][j] != UNREACHABLE && dist[i][k] + dist[k][j] < dist[i][j] {
                    dist[i][j] = dist[i][k] + dist[k][j];
                    next[i][j] = next[i][k];
                }
                j += 1;
            }
            i += 1;
        }
        k += 1;
    }
    (dist, next)
}

/// The graph nodes a position stands for: ERROR with an unknown phase stands for all four.
const fn nodes_of(slot: usize) -> (usize, usize) {
    match slot {
        0..=3 => (slot, slot + 1),
        4 => (4, 8),
        5..=8 => (slot - 1, slot),
        _ => (8, 9),
    }
}

#[allow(
    clippy::indexing_slicing,
    reason = "const fn: every index is a loop counter below the array length, or a node/slot number below NODES/SLOTS by construction; iterators are not available in const fn"
)]
const fn compute_routes(edges: u64) -> [[Route; SLOTS]; SLOTS] {
    let adj = adjacency(edges);
    let (dist, next) = shortest_paths(&adj);
    let mut routes = [[Route::Unreachable; SLOTS]; SLOTS];
    let mut from = 0;
    while from < SLOTS {
        let mut to = 0;
        while to < SLOTS {
            let same_error = from >= 4 && from <= 8 && to >= 4 && to <= 8 && (from == 4 || to == 4);
            if from == to || same_error {
                routes[from][to] = Route::Same;
            } else {
                // The shortest path from any node of `from` to any node of `to`.
                let (fs, fe) = nodes_of(from);
                let (ts, te) = nodes_of(to);
                let mut best = (UNREACHABLE, 0, 0);
                let mut a = fs;
                while a < fe {
                    let mut b = ts;
                    while b < te {
                        if dist[a][b] < best.0 {
                            best = (dist[a][b], a, b);
                        }
                        b += 1;
                    }
                    a += 1;
                }
                routes[from][to] = match best.0 {
                    UNREACHABLE => Route::Unreachable,
                    1 => Route::Step,
                    _ => {
                        let mut via = Via::EMPTY;
                        let mut at = next[best.1][best.2] as usize;
                        while at != best.2 && (via.len as usize) < via.stages.len() {
                            via.stages[via.len as usize] = node_stage(at);
                            via.len += 1;
                            at = next[at][best.2] as usize;
                        }
                        Route::Skip(via)
                    }
                };
            }
            to += 1;
        }
        from += 1;
    }
    routes
}

impl Policy {
    /// Documented and inferred edges of [`TRANSITIONS`]: the policy everything uses unless told.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::{Policy, Stage};
    ///
    /// assert!(Policy::DEFAULT.allows(Stage::Creating, Stage::Deleting)); // inferred
    /// assert!(!Policy::DEFAULT.allows(Stage::Error, Stage::Active));
    /// ```
    pub const DEFAULT: Self = Self::from_mask(table_mask(false));
    /// Only the edges AWS documents.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::{Policy, Stage};
    ///
    /// assert!(Policy::DOCUMENTED.allows(Stage::Active, Stage::Deleting));
    /// assert!(!Policy::DOCUMENTED.allows(Stage::Creating, Stage::Deleting)); // inferred only
    /// ```
    pub const DOCUMENTED: Self = Self::from_mask(table_mask(true));

    const fn from_mask(edges: u64) -> Self {
        Self { edges, routes: compute_routes(edges) }
    }

    /// This policy with one more edge believed (for example after seeing the service take it).
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::{Evidence, Policy, Stage};
    ///
    /// let p = Policy::DOCUMENTED.with_edge(Stage::Deleting, Stage::Error);
    /// assert_eq!(p.evidence(Stage::Deleting, Stage::Error), Some(Evidence::Inferred(
    ///     "the SYNC_DELETING_ERROR code exists, although the guide says a failed delete stays DELETING and is retried"
    /// )));
    /// assert_eq!(p.with_edge(Stage::Error, Stage::Active).evidence(Stage::Error, Stage::Active), Some(Evidence::UserPolicy));
    /// ```
    #[must_use]
    pub const fn with_edge(&self, from: Stage, to: Stage) -> Self {
        Self::from_mask(self.edges | bit(from, to))
    }

    /// This policy without an edge.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::{Policy, Stage};
    ///
    /// let strict = Policy::DEFAULT.without_edge(Stage::Deleting, Stage::Error);
    /// assert!(!strict.allows(Stage::Deleting, Stage::Error));
    /// assert!(strict.allows(Stage::Creating, Stage::Deleting));
    /// ```
    #[must_use]
    pub const fn without_edge(&self, from: Stage, to: Stage) -> Self {
        Self::from_mask(self.edges & !bit(from, to))
    }

    /// Whether the policy believes the edge `from -> to`.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::{Policy, Stage};
    ///
    /// assert!(Policy::DEFAULT.allows(Stage::Initializing, Stage::Active));
    /// assert!(!Policy::DEFAULT.allows(Stage::Error, Stage::Active));
    /// ```
    #[must_use]
    pub const fn allows(&self, from: Stage, to: Stage) -> bool {
        self.edges & bit(from, to) != 0
    }

    /// The evidence for an edge the policy believes, or `None` when it does not.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::{Policy, Stage};
    ///
    /// assert!(Policy::DEFAULT.evidence(Stage::Active, Stage::Deleting).unwrap().is_documented());
    /// assert_eq!(Policy::DEFAULT.evidence(Stage::Active, Stage::Creating), None);
    /// ```
    #[must_use]
    pub fn evidence(&self, from: Stage, to: Stage) -> Option<Evidence> {
        self.transition(from, to).map(|t| t.evidence)
    }

    /// The edge `from -> to` as this policy believes it, or `None`.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::{Policy, Stage};
    ///
    /// assert!(Policy::DEFAULT.transition(Stage::Deleted, Stage::Creating).unwrap().new_incarnation);
    /// ```
    #[must_use]
    pub fn transition(&self, from: Stage, to: Stage) -> Option<Transition> {
        if !self.allows(from, to) {
            return None;
        }
        let known = TRANSITIONS.iter().find(|t| t.from == from && t.to == to).copied();
        Some(known.unwrap_or(Transition {
            from,
            to,
            evidence: Evidence::UserPolicy,
            new_incarnation: from == Stage::Deleted,
        }))
    }

    /// Every edge the policy believes, in the table's order, user-added edges last.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::Policy;
    ///
    /// assert_eq!(Policy::DEFAULT.transitions().count(), 12);
    /// assert_eq!(Policy::DOCUMENTED.transitions().count(), 9);
    /// ```
    pub fn transitions(&self) -> impl Iterator<Item = Transition> + '_ {
        let table = TRANSITIONS.iter().filter(|t| self.allows(t.from, t.to)).copied();
        let extra = Stage::ALL.into_iter().flat_map(move |from| {
            Stage::ALL.into_iter().filter_map(move |to| {
                let in_table = TRANSITIONS.iter().any(|t| t.from == from && t.to == to);
                if in_table { None } else { self.transition(from, to) }
            })
        });
        table.chain(extra)
    }

    /// How `to` can follow `from` within one incarnation: the same position, one edge, a skip
    /// (with the stages passed through, by a shortest path), or not at all.
    ///
    /// An `ERROR` whose code names a phase is reached through that phase. A route never leaves
    /// the incarnation: from [`Position::Deleted`] nothing is reachable (a job created again is a
    /// new incarnation, told apart by its `creationDateTime`).
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::lifecycle::{Phase, Policy, Position, Route, Stage};
    ///
    /// let Route::Skip(via) = Policy::DEFAULT.route(Position::Active, Position::Error(Phase::Deleting)) else {
    ///     panic!()
    /// };
    /// assert_eq!(via.as_slice(), &[Stage::Deleting]);
    /// assert_eq!(Policy::DEFAULT.route(Position::Deleted, Position::Creating), Route::Unreachable);
    /// ```
    #[must_use]
    #[allow(clippy::indexing_slicing, reason = "Position::slot is below SLOTS for every position")]
    pub const fn route(&self, from: Position, to: Position) -> Route {
        self.routes[from.slot()][to.slot()]
    }
}

impl Default for Policy {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl fmt::Debug for Policy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let edges: Vec<String> = self.transitions().map(|t| format!("{} -> {}", t.from, t.to)).collect();
        f.debug_struct("Policy").field("edges", &edges).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_distinct() {
        let mut slots: Vec<_> = Position::ALL.iter().map(|p| p.slot()).collect();
        slots.sort_unstable();
        slots.dedup();
        assert_eq!(slots.len(), SLOTS);
    }

    #[test]
    fn documented_policy_routes() {
        let p = Policy::DOCUMENTED;
        assert_eq!(p.route(Position::Creating, Position::Deleting), Route::Skip(via(&[Stage::Error])));
        assert_eq!(p.route(Position::Deleting, Position::Error(Phase::Deleting)), Route::Unreachable);
        assert_eq!(p.route(Position::Error(Phase::Creating), Position::Deleted), Route::Skip(via(&[Stage::Deleting])));
        assert_eq!(p.route(Position::Active, Position::Initializing), Route::Unreachable);
    }

    #[test]
    fn default_policy_routes() {
        let p = Policy::DEFAULT;
        assert_eq!(p.route(Position::Creating, Position::Deleting), Route::Step);
        assert_eq!(p.route(Position::Active, Position::Error(Phase::Deleting)), Route::Skip(via(&[Stage::Deleting])));
        assert_eq!(
            p.route(Position::Error(Phase::Creating), Position::Error(Phase::Deleting)),
            Route::Skip(via(&[Stage::Deleting]))
        );
        assert_eq!(p.route(Position::Error(Phase::Any), Position::Error(Phase::Deleting)), Route::Same);
        assert_eq!(p.route(Position::Error(Phase::Deleting), Position::Error(Phase::Creating)), Route::Unreachable);
        assert_eq!(
            p.route(Position::Creating, Position::Error(Phase::Active)),
            Route::Skip(via(&[Stage::Initializing, Stage::Active]))
        );
        assert_eq!(p.route(Position::Error(Phase::Any), Position::Active), Route::Unreachable);
        for to in Position::ALL {
            assert_eq!(
                p.route(Position::Deleted, to),
                if to == Position::Deleted { Route::Same } else { Route::Unreachable }
            );
        }
    }

    /// An independent breadth-first search over stage sequences, as an oracle for the table.
    fn bfs(policy: &Policy, from: Position, to: Position) -> Option<usize> {
        use std::collections::VecDeque;
        let mut queue = VecDeque::from([(from, 0usize)]);
        let mut seen = vec![from];
        while let Some((at, d)) = queue.pop_front() {
            for next in Position::ALL.iter().copied().filter(|p| !matches!(p, Position::Error(Phase::Any))) {
                let phase_ok = match next {
                    Position::Error(phase) => phase.stage() == Some(at.stage()),
                    _ => true,
                };
                if at != Position::Deleted && policy.allows(at.stage(), next.stage()) && phase_ok {
                    let matches = next == to || matches!((next, to), (Position::Error(_), Position::Error(Phase::Any)));
                    if matches {
                        return Some(d + 1);
                    }
                    if !seen.contains(&next) {
                        seen.push(next);
                        queue.push_back((next, d + 1));
                    }
                }
            }
            if let Position::Error(Phase::Any) = at {
                for phase in [Phase::Creating, Phase::Initializing, Phase::Active, Phase::Deleting] {
                    let p = Position::Error(phase);
                    if !seen.contains(&p) {
                        seen.push(p);
                        queue.push_front((p, d));
                    }
                }
            }
        }
        None
    }

    #[test]
    fn routes_agree_with_a_breadth_first_search() {
        for policy in [Policy::DEFAULT, Policy::DOCUMENTED, Policy::DEFAULT.with_edge(Stage::Error, Stage::Active)] {
            for from in Position::ALL {
                for to in Position::ALL {
                    let route = policy.route(from, to);
                    if route == Route::Same {
                        continue;
                    }
                    let expected = bfs(&policy, from, to);
                    let got = match route {
                        Route::Step => Some(1),
                        Route::Skip(via) => Some(via.len() + 1),
                        _ => None,
                    };
                    assert_eq!(got, expected, "{from} -> {to} under {policy:?}");
                }
            }
        }
    }

    fn via(stages: &[Stage]) -> Via {
        let mut v = Via::EMPTY;
        for (slot, stage) in v.stages.iter_mut().zip(stages) {
            *slot = *stage;
        }
        v.len = stages.len() as u8;
        v
    }
}
