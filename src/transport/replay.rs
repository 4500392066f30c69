//! Replay: a transport that serves a recorded JSON Lines trace, one observation per call.

use std::io::BufRead;

use super::{AsyncTransport, CallError, SyncJobId, Transport, TransportError};
use crate::decode::{Decode, DecodeError, Document};
use crate::model::{ApiError, SyncJobSnapshot};

/// A recorded trace could not be read.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::transport::replay::{Replay, ReplayError};
///
/// let err = Replay::from_jsonl("{\"state\": \"ACTIVE\"}").unwrap_err();
/// assert!(matches!(err, ReplayError::NotAGetSyncJob { line: 1, .. }));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReplayError {
    /// A line is not a valid payload.
    #[error("line {line}: {error}")]
    Decode {
        /// The 1-based line.
        line: usize,
        /// Why it could not be decoded.
        #[source]
        error: DecodeError,
    },
    /// A line is a payload, but not a GetSyncJob response nor an API error.
    #[error("line {line}: a {shape}, not a GetSyncJob response nor an API error")]
    NotAGetSyncJob {
        /// The 1-based line.
        line: usize,
        /// What it is.
        shape: &'static str,
    },
    /// The trace could not be read.
    #[error("reading the trace: {0}")]
    Io(#[from] std::io::Error),
}

/// One recorded answer.
type Answer = Result<SyncJobSnapshot, ApiError>;

/// Serves a recorded trace: each GetSyncJob call gets the next line's snapshot or API error.
///
/// Blank lines are skipped. A call for another job than the recorded line's, or after the trace
/// is exhausted, is a transport failure.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::transport::{CallError, SyncJobId, Transport, replay::Replay};
///
/// let mut replay = Replay::from_jsonl(r#"{"__type": "InternalServerException", "message": "oops"}"#)?;
/// let job = SyncJobId::parse("plant", "SITEWISE")?;
/// assert!(matches!(replay.get_sync_job(&job), Err(CallError::Api(_))));
/// assert!(matches!(replay.get_sync_job(&job), Err(CallError::Transport(_))));
/// assert_eq!(replay.remaining(), 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Replay {
    answers: std::vec::IntoIter<Answer>,
}

impl Replay {
    /// Reads a whole trace held in memory.
    ///
    /// # Errors
    ///
    /// A [`ReplayError`] naming the first line that is not a GetSyncJob response or API error.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::transport::replay::Replay;
    ///
    /// assert_eq!(Replay::from_jsonl("\n\n")?.remaining(), 0);
    /// # Ok::<(), twinmaker_syncjob::transport::replay::ReplayError>(())
    /// ```
    pub fn from_jsonl(text: &str) -> Result<Self, ReplayError> {
        let answers = text
            .lines()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty())
            .map(|(i, line)| answer(i + 1, line.as_bytes()))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self { answers: answers.into_iter() })
    }

    /// Reads a trace from a reader (a file, standard input).
    ///
    /// # Errors
    ///
    /// A [`ReplayError`] for the first bad line, or the reader's error.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::transport::replay::Replay;
    ///
    /// let trace = std::io::Cursor::new(b"{\"__type\": \"ThrottlingException\", \"message\": \"\"}\n");
    /// assert_eq!(Replay::from_reader(trace)?.remaining(), 1);
    /// # Ok::<(), twinmaker_syncjob::transport::replay::ReplayError>(())
    /// ```
    pub fn from_reader(reader: impl BufRead) -> Result<Self, ReplayError> {
        let mut answers = Vec::new();
        for (i, line) in reader.lines().enumerate() {
            let line = line?;
            if !line.trim().is_empty() {
                answers.push(answer(i + 1, line.as_bytes())?);
            }
        }
        Ok(Self { answers: answers.into_iter() })
    }

    /// How many recorded answers are left.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::transport::replay::Replay;
    ///
    /// assert_eq!(Replay::from_jsonl("")?.remaining(), 0);
    /// # Ok::<(), twinmaker_syncjob::transport::replay::ReplayError>(())
    /// ```
    #[must_use]
    pub fn remaining(&self) -> usize {
        self.answers.len()
    }

    fn next(&mut self, job: &SyncJobId) -> Result<SyncJobSnapshot, CallError> {
        match self.answers.next() {
            Some(Ok(snapshot)) if job.matches(&snapshot) => Ok(snapshot),
            Some(Ok(snapshot)) => Err(CallError::Transport(TransportError::new(format!(
                "the recorded answer is for {}/{}, not {job}",
                snapshot.workspace_id, snapshot.sync_source
            )))),
            Some(Err(error)) => Err(CallError::Api(error)),
            None => Err(CallError::Transport(TransportError::new("the replay trace is exhausted"))),
        }
    }
}

fn answer(line: usize, text: &[u8]) -> Result<Answer, ReplayError> {
    match Document::decode(text).map_err(|error| ReplayError::Decode { line, error })? {
        Document::SyncJob(snapshot) => Ok(Ok(snapshot)),
        Document::Error(error) => Ok(Err(error.error)),
        Document::Summary(_) => Err(ReplayError::NotAGetSyncJob { line, shape: "ListSyncJobs summary" }),
        Document::Page(_) => Err(ReplayError::NotAGetSyncJob { line, shape: "ListSyncJobs page" }),
        Document::Created(_) => Err(ReplayError::NotAGetSyncJob { line, shape: "CreateSyncJob response" }),
        Document::Deleted(_) => Err(ReplayError::NotAGetSyncJob { line, shape: "DeleteSyncJob response" }),
    }
}

impl Transport for Replay {
    fn get_sync_job(&mut self, job: &SyncJobId) -> Result<SyncJobSnapshot, CallError> {
        self.next(job)
    }
}

impl AsyncTransport for Replay {
    async fn get_sync_job(&mut self, job: &SyncJobId) -> Result<SyncJobSnapshot, CallError> {
        self.next(job)
    }
}
