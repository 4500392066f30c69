//! Property tests of the observation checker, written with the crate's own property-testing kit
//! (`twinmaker_syncjob::testkit`): legal lifecycles sampled as a poller would, illegal traces with
//! one broken observation, several jobs interleaved, and a demonstration that shrinking gives short
//! counterexamples. Run with `cargo test --features proptest --test observe_props`.
#![cfg(feature = "proptest")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test helpers: a failed unwrap, index or panic is a failed test"
)]

use std::collections::BTreeSet;

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestError, TestRng, TestRunner};
use twinmaker_syncjob::lifecycle::{Phase, Policy, Position};
use twinmaker_syncjob::observe::{FleetTracker, JobTracker, Observation, Verdict};
use twinmaker_syncjob::testkit::lifecycle::{
    FleetTrace, IllegalTrace, Lifecycle, Mutation, Observed, Trace, fleet_trace, illegal_trace, legal_lifecycle, plan,
    poller_trace, poller_trace_with,
};

fn policy() -> impl Strategy<Value = Policy> {
    prop_oneof![Just(Policy::DEFAULT), Just(Policy::DOCUMENTED)]
}

fn legal() -> impl Strategy<Value = (Policy, Trace)> {
    policy().prop_flat_map(|policy| (Just(policy.clone()), poller_trace(policy, 0)))
}

fn lifecycles() -> impl Strategy<Value = (Policy, Lifecycle)> {
    policy().prop_flat_map(|policy| (Just(policy.clone()), legal_lifecycle(policy, 0)))
}

fn illegal() -> impl Strategy<Value = (Policy, IllegalTrace)> {
    policy().prop_flat_map(|policy| (Just(policy.clone()), illegal_trace(policy, 0)))
}

fn fleets() -> impl Strategy<Value = (Policy, FleetTrace)> {
    policy().prop_flat_map(|policy| (Just(policy.clone()), fleet_trace(policy, 1..=4)))
}

/// The verdict without its index (which differs between a fleet's stream and a job's own).
fn unindexed(verdict: &Verdict) -> Verdict {
    Verdict { index: 0, ..*verdict }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// The generator's lifecycles are legal by an independent definition (edges of the policy,
    /// error codes of the right phase, times and identities).
    #[test]
    fn generated_lifecycles_are_legal((policy, lifecycle) in lifecycles()) {
        prop_assert_eq!(lifecycle.check(&policy), Ok(()));
    }

    /// Rules 1-3, 5, 6, 11: whatever a poller saw of a legal lifecycle, the checker reports no
    /// violation and no warning, and says the labelled change (with its `via`) of every
    /// observation: stutters, steps, skips, deletions, recreations and API errors.
    #[test]
    fn legal_traces_are_judged_as_labelled((policy, trace) in legal()) {
        prop_assert!(trace.items.iter().all(|item| item.expected.violation.is_none()));
        let verdicts = trace.feed(&mut JobTracker::new(policy));
        for verdict in &verdicts {
            prop_assert!(verdict.is_clean(), "{:?}", verdict);
        }
        if let Err(mismatch) = trace.check(&verdicts) {
            prop_assert!(false, "{}\n{:?}", mismatch, trace);
        }
    }

    /// Rule 12 and the violation kinds: one broken observation is reported at exactly its index,
    /// with its kind, once; every other observation is judged as labelled.
    #[test]
    fn illegal_traces_are_reported_once_at_the_broken_observation((policy, bad) in illegal()) {
        let labelled: Vec<usize> = bad.trace.items.iter().enumerate()
            .filter(|(_, item)| item.expected.violation.is_some()).map(|(i, _)| i).collect();
        prop_assert_eq!(&labelled, &vec![bad.index]);
        let verdicts = bad.trace.feed(&mut JobTracker::new(policy));
        let reported: Vec<(usize, &str)> = verdicts.iter().enumerate()
            .flat_map(|(i, v)| v.violations.iter().map(move |violation| (i, violation.kind())))
            .collect();
        prop_assert_eq!(reported, vec![(bad.index, bad.kind())], "{:?}", bad.trace);
        if let Err(mismatch) = bad.trace.check(&verdicts) {
            prop_assert!(false, "{}\n{:?}", mismatch, bad.trace);
        }
    }

    /// A fleet judges each job as a tracker of that job alone would, however the jobs' observations
    /// are interleaved.
    #[test]
    fn a_fleet_judges_each_job_as_if_alone((policy, fleet_trace) in fleets()) {
        let mut fleet = FleetTracker::new(policy.clone());
        let mut per_job: Vec<Vec<Verdict>> = vec![Vec::new(); fleet_trace.jobs.len()];
        for (position, (job, item)) in fleet_trace.merged().enumerate() {
            let key = fleet_trace.jobs[job].key;
            let verdict = match &item.observed {
                Observed::Error(_) => fleet.observe_job(key, item.observed.observation()),
                sighting => {
                    let (found, verdict) = fleet.observe(sighting.observation()).unwrap();
                    prop_assert_eq!(found, key);
                    verdict
                }
            };
            prop_assert_eq!(verdict.index, position as u64);
            per_job[job].push(verdict);
        }
        prop_assert_eq!(fleet.state().observed(), fleet_trace.schedule.len() as u64);
        // The kit's own feeding gives the same verdicts.
        let fed = fleet_trace.feed(&mut FleetTracker::new(policy.clone()));
        prop_assert_eq!(fed.len(), fleet_trace.schedule.len());
        for (trace, verdicts) in fleet_trace.jobs.iter().zip(&per_job) {
            let mut alone = JobTracker::new(policy.clone());
            let expected = trace.feed(&mut alone);
            prop_assert_eq!(
                verdicts.iter().map(unindexed).collect::<Vec<_>>(),
                expected.iter().map(unindexed).collect::<Vec<_>>()
            );
            if let Err(mismatch) = trace.check(verdicts) {
                prop_assert!(false, "{}", mismatch);
            }
            // The fleet remembers the job as the lone tracker does (a fleet keeps no entry for a
            // job before it was seen, so it does not count the API errors from before then).
            match fleet.get(trace.key) {
                None => prop_assert!(!alone.record().has_been_seen()),
                Some(record) => {
                    let lone = alone.record();
                    prop_assert_eq!(record.position(), lone.position());
                    prop_assert_eq!(record.incarnations(), lone.incarnations());
                    prop_assert_eq!(record.creation_date_time(), lone.creation_date_time());
                    prop_assert_eq!(record.update_date_time(), lone.update_date_time());
                    prop_assert!(record.observations() <= lone.observations());
                }
            }
        }
    }
}

/// Draws `cases` values of `strategy` with a fixed seed.
fn draw<T: std::fmt::Debug>(strategy: impl Strategy<Value = T>, cases: usize) -> Vec<T> {
    let mut runner = TestRunner::deterministic();
    (0..cases).map(|_| strategy.new_tree(&mut runner).unwrap().current()).collect()
}

/// The generators reach every kind of change, every `ERROR` phase and every mutation, so the
/// properties above are not passing on degenerate traces.
#[test]
fn generators_cover_every_change_phase_and_mutation() {
    for policy in [Policy::DEFAULT, Policy::DOCUMENTED] {
        let mut changes = BTreeSet::new();
        let mut phases = BTreeSet::new();
        let mut long_skips = 0;
        let mut unseen_recreations = 0;
        let mut summaries = 0;
        for trace in draw(poller_trace(policy.clone(), 0), 400) {
            for item in &trace.items {
                changes.insert(item.expected.change);
                long_skips += usize::from(item.expected.via.len() >= 2);
                // A recreation seen in a state other than CREATING passed through unseen states.
                unseen_recreations += usize::from(item.expected.change == "recreated" && !item.expected.via.is_empty());
                summaries += usize::from(matches!(item.observed, Observed::Summary(_)));
                if let Observed::Snapshot(s) = &item.observed {
                    let code = s.status.error.as_ref().and_then(|d| d.known_code());
                    if let Some(state) = s.status.known_state()
                        && let Position::Error(phase) = Position::of(state, code)
                    {
                        phases.insert(format!("{phase:?}"));
                    }
                }
            }
        }
        let all_changes = ["first", "stutter", "step", "skip", "deleted", "recreated", "no_evidence"];
        assert_eq!(changes, all_changes.into_iter().collect(), "{policy:?}");
        let all_phases = [Phase::Any, Phase::Creating, Phase::Initializing, Phase::Active, Phase::Deleting];
        let expected_phases: BTreeSet<String> = all_phases
            .iter()
            // Under the documented policy a job never fails while DELETING.
            .filter(|phase| **phase != Phase::Deleting || policy == Policy::DEFAULT)
            .map(|phase| format!("{phase:?}"))
            .collect();
        assert_eq!(phases, expected_phases, "{policy:?}");
        assert!(long_skips > 0 && unseen_recreations > 0 && summaries > 0, "{policy:?}");

        let mutations: BTreeSet<String> =
            draw(illegal_trace(policy.clone(), 0), 400).iter().map(|bad| format!("{:?}", bad.mutation)).collect();
        assert_eq!(mutations, Mutation::ALL.iter().map(|m| format!("{m:?}")).collect(), "{policy:?}");
    }
}

/// A deliberately wrong belief, as a user's dashboard might hold it: "once a job is seen ACTIVE,
/// it is never seen CREATING again". It is wrong: the job can be deleted and created again.
fn never_creating_after_active(trace: &Trace) -> bool {
    let mut seen_active = false;
    for item in &trace.items {
        let state = match &item.observed {
            Observed::Snapshot(s) => s.status.known_state(),
            Observed::Summary(s) => s.status.as_ref().and_then(|status| status.known_state()),
            Observed::Error(_) => None,
        };
        match state.map(|state| state.to_string()) {
            Some(state) if state == "ACTIVE" => seen_active = true,
            Some(state) if state == "CREATING" && seen_active => return false,
            _ => {}
        }
    }
    true
}

/// Shrinking gives short counterexamples: a failing trace of at least forty observations shrinks
/// to a handful, driving proptest's value tree as its runner does.
#[test]
fn a_failing_forty_observation_trace_shrinks_to_a_handful() {
    let strategy = poller_trace_with(Policy::DEFAULT, 0, plan(0..=90));
    let config = Config { failure_persistence: None, ..Config::default() };
    let mut runner = TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let mut tree = (0..1000)
        .map(|_| strategy.new_tree(&mut runner).unwrap())
        .find(|tree| tree.current().len() >= 40 && !never_creating_after_active(&tree.current()))
        .expect("a failing trace of 40 observations or more");
    let initial = tree.current();
    let mut minimal = tree.current();
    for _ in 0..100_000 {
        if never_creating_after_active(&tree.current()) {
            if !tree.complicate() {
                break;
            }
        } else {
            minimal = tree.current();
            if !tree.simplify() {
                break;
            }
        }
    }
    println!("shrunk a failing trace of {} observations to {}:\n{minimal:?}", initial.len(), minimal.len());
    assert!(initial.len() >= 40, "{initial:?}");
    assert!(!never_creating_after_active(&minimal));
    assert!(minimal.len() <= 4, "shrunk from {} to {} observations:\n{minimal:?}", initial.len(), minimal.len());

    // The same through TestRunner::run, as `proptest!` does it.
    let result = runner.run(&strategy, |trace| {
        prop_assert!(never_creating_after_active(&trace));
        Ok(())
    });
    match result {
        Err(TestError::Fail(_, minimal)) => {
            println!("TestRunner::run shrank to {} observations:\n{minimal:?}", minimal.len());
            assert!(minimal.len() <= 4, "{minimal:?}");
        }
        other => panic!("the property should fail: {other:?}"),
    }
}

/// A hand-written trace, to show what the labels say where the rules are subtle.
#[test]
fn labels_of_a_known_plan() {
    use twinmaker_syncjob::lifecycle::Stage;
    use twinmaker_syncjob::testkit::lifecycle::{JobIdentity, Look, Noise, Step};
    let job = JobIdentity::new(0).unwrap();
    let go = |to, look| Step::Go { to, detail: 0, look };
    let plan = [
        go(Stage::Creating, Look::Snapshot),   // created: CREATING, first
        go(Stage::Initializing, Look::Unseen), // INITIALIZING, unseen
        Step::Noise(Noise::Throttling),
        go(Stage::Error, Look::Summary),   // ERROR(SYNC_INITIALIZING_ERROR), listed
        go(Stage::Deleting, Look::Unseen), // DELETING, unseen
        go(Stage::Error, Look::Snapshot),  // (default policy) ERROR(SYNC_DELETING_ERROR)
        Step::Recreate { role: 1, look: Look::Unseen }, // deleted and created again, unseen
        go(Stage::Active, Look::Snapshot), // through INITIALIZING to ACTIVE
        go(Stage::Deleting, Look::Snapshot), // DELETING
        go(Stage::Deleted, Look::Snapshot), // deleted: not found
        Step::Poll { look: Look::Snapshot }, // not found again
    ];
    let trace = Trace::from_plan(&Policy::DEFAULT, &job, &plan);
    let labels: Vec<String> = trace.items.iter().map(|item| item.expected.to_string()).collect();
    assert_eq!(
        labels,
        [
            "first",
            "no_evidence",
            "skip via INITIALIZING",
            "skip via DELETING",
            "recreated via CREATING, INITIALIZING",
            "step",
            "deleted",
            "stutter"
        ],
        "{trace:?}"
    );
    assert_eq!(trace.items[4].expected.via, [Stage::Creating, Stage::Initializing]);
    assert_eq!(trace.check(&trace.feed(&mut JobTracker::new(Policy::DEFAULT))), Ok(()));
    // The same observations under the documented policy: DELETING -> ERROR is not believed.
    let verdicts = trace.feed(&mut JobTracker::new(Policy::DOCUMENTED));
    assert_eq!(verdicts[3].violations.iter().next().map(|v| v.kind()), Some("illegal_transition"));
    let _: Observation<'_> = trace.items[0].observed.observation();
}
