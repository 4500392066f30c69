//! The baseline the benchmarks compare against: plain `#[derive(Deserialize)]` structs with
//! `String` fields and `f64` timestamps, no validation. Shared so `decode` and `check` measure
//! against the same thing.

/// The baseline without validation: what a quick hand-written client would do.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code, reason = "fields are read by black_box only")]
pub(crate) struct PlainSnapshot {
    pub(crate) arn: String,
    pub(crate) workspace_id: String,
    pub(crate) sync_source: String,
    pub(crate) sync_role: String,
    pub(crate) status: PlainStatus,
    pub(crate) creation_date_time: f64,
    pub(crate) update_date_time: f64,
}

#[derive(serde::Deserialize)]
#[allow(dead_code, reason = "fields are read by black_box only")]
pub(crate) struct PlainStatus {
    pub(crate) state: Option<String>,
    pub(crate) error: Option<PlainErrorDetails>,
}

#[derive(serde::Deserialize)]
#[allow(dead_code, reason = "fields are read by black_box only")]
pub(crate) struct PlainErrorDetails {
    pub(crate) code: Option<String>,
    pub(crate) message: Option<String>,
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code, reason = "fields are read by black_box only")]
pub(crate) struct PlainSummary {
    pub(crate) arn: Option<String>,
    pub(crate) workspace_id: Option<String>,
    pub(crate) sync_source: Option<String>,
    pub(crate) status: Option<PlainStatus>,
    pub(crate) creation_date_time: Option<f64>,
    pub(crate) update_date_time: Option<f64>,
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code, reason = "fields are read by black_box only")]
pub(crate) struct PlainPage {
    pub(crate) sync_job_summaries: Vec<PlainSummary>,
    pub(crate) next_token: Option<String>,
}
