//! State diagrams generated from a [`Policy`]: Mermaid (renders on GitHub) and Graphviz DOT.
//!
//! Documented edges are drawn solid, inferred ones dashed, edges a user's policy added thick (Mermaid)
//! or bold (DOT); the edge that starts a new incarnation is labelled so.

use std::fmt::Write as _;

use super::policy::Policy;
use super::table::{Evidence, Stage, Transition};

/// The label of an edge: what is not documented, and whether it starts a new incarnation.
fn label(t: &Transition) -> Option<String> {
    let mut parts = Vec::with_capacity(2);
    if !t.evidence.is_documented() {
        parts.push(t.evidence.label());
    }
    if t.new_incarnation {
        parts.push("new incarnation");
    }
    if parts.is_empty() { None } else { Some(parts.join(", ")) }
}

/// The name a diagram shows for a stage.
fn shown(stage: Stage) -> &'static str {
    match stage {
        Stage::Deleted => "deleted",
        other => other.as_str(),
    }
}

/// The policy's lifecycle as a Mermaid flowchart, generated from the edges it believes.
///
/// Solid arrows are documented edges, dashed arrows (`-.->`) inferred ones, thick arrows (`==>`)
/// edges added by a user's policy. The output is deterministic: nodes in lifecycle order, edges in
/// the table's order.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::{Policy, Stage, mermaid};
///
/// let chart = mermaid(&Policy::DEFAULT);
/// assert!(chart.starts_with("flowchart LR\n"));
/// assert!(chart.contains("    CREATING --> INITIALIZING\n"));
/// assert!(chart.contains("    CREATING -.->|inferred| DELETING\n"));
/// assert!(chart.contains("    DELETED -->|new incarnation| CREATING\n"));
/// assert!(!mermaid(&Policy::DOCUMENTED).contains("-.->"));
/// assert!(mermaid(&Policy::DEFAULT.with_edge(Stage::Error, Stage::Active)).contains("ERROR ==>|user policy| ACTIVE"));
/// ```
#[must_use]
pub fn mermaid(policy: &Policy) -> String {
    let mut out = String::with_capacity(1024);
    out.push_str("flowchart LR\n");
    out.push_str("    %% generated from twinmaker_syncjob::lifecycle::TRANSITIONS\n");
    out.push_str("    %% solid: documented; dashed: inferred; thick: added by a user policy\n");
    out.push_str("    create[/CreateSyncJob/] --> CREATING\n");
    for stage in Stage::ALL {
        let _ = match stage {
            Stage::Deleted => writeln!(out, "    {}(({}))", stage.as_str(), shown(stage)),
            _ => writeln!(out, "    {}([{}])", stage.as_str(), shown(stage)),
        };
    }
    for t in policy.transitions() {
        let arrow = match t.evidence {
            Evidence::Documented(_) => "-->",
            Evidence::Inferred(_) => "-.->",
            Evidence::UserPolicy => "==>",
        };
        let _ = match label(&t) {
            Some(text) => writeln!(out, "    {} {arrow}|{text}| {}", t.from.as_str(), t.to.as_str()),
            None => writeln!(out, "    {} {arrow} {}", t.from.as_str(), t.to.as_str()),
        };
    }
    out
}

/// The policy's lifecycle as a Graphviz DOT digraph, generated from the edges it believes.
///
/// Documented edges are solid, inferred ones `style=dashed`, edges added by a user's policy
/// `style=bold`. Render with `dot -Tsvg`.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::lifecycle::{Policy, dot};
///
/// let graph = dot(&Policy::DEFAULT);
/// assert!(graph.starts_with("digraph sync_job {\n"));
/// assert!(graph.contains("    \"DELETING\" -> \"ERROR\" [style=dashed, label=\"inferred\"];\n"));
/// assert!(graph.contains("    \"ACTIVE\" -> \"DELETING\";\n"));
/// assert!(graph.ends_with("}\n"));
/// ```
#[must_use]
pub fn dot(policy: &Policy) -> String {
    let mut out = String::with_capacity(1024);
    out.push_str("digraph sync_job {\n");
    out.push_str("    // generated from twinmaker_syncjob::lifecycle::TRANSITIONS\n");
    out.push_str("    // solid: documented; dashed: inferred; bold: added by a user policy\n");
    out.push_str("    rankdir=LR;\n");
    out.push_str("    node [shape=box, style=rounded];\n");
    out.push_str("    \"create\" [label=\"CreateSyncJob\", shape=parallelogram, style=solid];\n");
    for stage in Stage::ALL {
        let _ = match stage {
            Stage::Deleted => {
                writeln!(
                    out,
                    "    \"{}\" [label=\"{}\", shape=doublecircle, style=solid];",
                    stage.as_str(),
                    shown(stage)
                )
            }
            _ => writeln!(out, "    \"{}\";", stage.as_str()),
        };
    }
    out.push_str("    \"create\" -> \"CREATING\";\n");
    for t in policy.transitions() {
        let mut attributes = Vec::with_capacity(2);
        match t.evidence {
            Evidence::Documented(_) => {}
            Evidence::Inferred(_) => attributes.push("style=dashed".to_owned()),
            Evidence::UserPolicy => attributes.push("style=bold".to_owned()),
        }
        if let Some(text) = label(&t) {
            attributes.push(format!("label=\"{text}\""));
        }
        let _ = if attributes.is_empty() {
            writeln!(out, "    \"{}\" -> \"{}\";", t.from.as_str(), t.to.as_str())
        } else {
            writeln!(out, "    \"{}\" -> \"{}\" [{}];", t.from.as_str(), t.to.as_str(), attributes.join(", "))
        };
    }
    out.push_str("}\n");
    out
}
