//! Checking JSON Lines traces: what `syncjob check` does, as a library with no IO of its own.
//!
//! A trace is a stream of lines; each non-blank line is one document: a GetSyncJob response (wire,
//! AWS CLI or boto3 form), a ListSyncJobs summary or page, or an API error (which may name its job
//! with `workspaceId` and `syncSource` keys). Jobs are keyed by (workspace id, sync source) and
//! judged by the [`observe`](crate::observe) rules; a line that cannot be decoded is reported and
//! checking goes on. The [`Report`] serializes to the JSON report of `syncjob check --format json`.
//!
//! # Example
//!
//! ```
//! use std::io::Cursor;
//! use twinmaker_syncjob::check::{Checker, CheckOptions};
//!
//! let trace = r#"{"arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/w1/sync-job/SITEWISE", "workspaceId": "w1", "syncSource": "SITEWISE", "syncRole": "arn:aws:iam::123456789012:role/r", "status": {"state": "CREATING"}, "creationDateTime": 1672531200, "updateDateTime": 1672531200}
//! {"arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/w1/sync-job/SITEWISE", "workspaceId": "w1", "syncSource": "SITEWISE", "syncRole": "arn:aws:iam::123456789012:role/r", "status": {"state": "ACTIVE"}, "creationDateTime": 1672531200, "updateDateTime": 1672531300}
//! not json
//! "#;
//! let mut checker = Checker::new(CheckOptions::default());
//! checker.check_reader("t.jsonl", Cursor::new(trace))?;
//! let report = checker.finish();
//! assert_eq!(report.jobs[0].final_state, "ACTIVE");
//! assert_eq!(report.jobs[0].transitions[0].kind, "skip");
//! assert_eq!(report.jobs[0].transitions[0].via, ["INITIALIZING"]);
//! assert_eq!(report.malformed[0].line, Some(3));
//! assert_eq!(report.exit_code(), 2);
//! # Ok::<(), std::io::Error>(())
//! ```

use std::fmt::Write as _;
use std::io::BufRead;
use std::rc::Rc;

use crate::decode::{DecodeErrorKind, DecodeOptions, Document, LineDocument, SnapshotView, decode_line};
use crate::lifecycle::{Policy, Position};
use crate::model::{Open, SyncJobState, SyncJobSummary, WireEnum};
use crate::observe::{Change, FleetTracker, JobKey, JobRecord, Observation, Seen, Verdict};

/// How to check.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::check::CheckOptions;
/// use twinmaker_syncjob::lifecycle::Policy;
///
/// let options = CheckOptions { policy: Policy::DOCUMENTED, strict: true, ..CheckOptions::default() };
/// assert!(options.strict);
/// ```
#[derive(Clone, Debug)]
pub struct CheckOptions {
    /// The lifecycle policy to judge by.
    pub policy: Policy,
    /// Whether every warning counts as a violation of the same kind.
    pub strict: bool,
    /// How to decode each line (its size limit bounds the memory a line may take).
    pub decode: DecodeOptions,
}

impl Default for CheckOptions {
    fn default() -> Self {
        Self { policy: Policy::DEFAULT, strict: false, decode: DecodeOptions::new() }
    }
}

/// Where a finding is: the file (as given, `-` for standard input) and the 1-based line.
type File = Rc<str>;

/// A transition of a job: an observation that moved it.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::check::TransitionEntry;
///
/// let t = TransitionEntry { file: "t.jsonl".into(), line: 2, kind: "step", from: "CREATING".into(), to: "INITIALIZING".into(), via: vec![] };
/// assert_eq!(serde_json::to_string(&t)?, r#"{"file":"t.jsonl","line":2,"kind":"step","from":"CREATING","to":"INITIALIZING","via":[]}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct TransitionEntry {
    /// The file.
    pub file: File,
    /// The 1-based line.
    pub line: u64,
    /// `step`, `skip`, `deleted` or `recreated`.
    pub kind: &'static str,
    /// The state before (a wire string, `DELETED`).
    pub from: String,
    /// The state after.
    pub to: String,
    /// The stages passed through unseen (possibly none).
    pub via: Vec<&'static str>,
}

/// A violation or a warning, where it was found.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::check::FindingEntry;
///
/// let f = FindingEntry { file: "t.jsonl".into(), line: 3, kind: "unknown_state", from: None, to: None, message: "m".into() };
/// assert_eq!(serde_json::to_string(&f)?, r#"{"file":"t.jsonl","line":3,"kind":"unknown_state","message":"m"}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct FindingEntry {
    /// The file.
    pub file: File,
    /// The 1-based line.
    pub line: u64,
    /// The kind's snake_case name.
    pub kind: &'static str,
    /// The state before, for violations.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// The state observed, for violations.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// A sentence a person can act on.
    pub message: String,
}

/// What was seen of one job.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::check::JobReport;
///
/// let job = JobReport::new("w1".into(), "SITEWISE".into());
/// assert_eq!(job.final_state, "UNKNOWN");
/// assert!(job.arn.is_none());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JobReport {
    /// The workspace.
    pub workspace_id: String,
    /// The sync source.
    pub sync_source: String,
    /// The last ARN seen.
    pub arn: Option<String>,
    /// The last state observed (exactly as received), `DELETED`, or `UNKNOWN` when none was seen.
    pub final_state: String,
    /// How many incarnations were seen.
    pub incarnations: u32,
    /// How many observations were about the job.
    pub observations: u32,
    /// The observations that moved it.
    pub transitions: Vec<TransitionEntry>,
    /// The rules broken.
    pub violations: Vec<FindingEntry>,
    /// The warnings.
    pub warnings: Vec<FindingEntry>,
}

impl JobReport {
    /// A job seen nowhere yet.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::check::JobReport;
    ///
    /// assert_eq!(JobReport::new("w1".into(), "SITEWISE".into()).observations, 0);
    /// ```
    #[must_use]
    pub fn new(workspace_id: String, sync_source: String) -> Self {
        Self {
            workspace_id,
            sync_source,
            arn: None,
            final_state: "UNKNOWN".to_owned(),
            incarnations: 0,
            observations: 0,
            transitions: Vec::new(),
            violations: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

/// A line that could not be used, or an input that could not be read.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::check::Malformed;
///
/// let m = Malformed { file: "t.jsonl".into(), line: Some(7), column: None, message: "m".into() };
/// assert_eq!(serde_json::to_string(&m)?, r#"{"file":"t.jsonl","line":7,"column":null,"message":"m"}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Malformed {
    /// The file.
    pub file: File,
    /// The 1-based line, or `None` for an input that could not be read at all.
    pub line: Option<u64>,
    /// The 1-based column, or `None` when the problem is not at one place.
    pub column: Option<u64>,
    /// What is wrong.
    pub message: String,
}

/// Totals of a report.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::check::Summary;
///
/// assert_eq!(Summary::default().violations, 0);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Lines read, blank ones included.
    pub lines: u64,
    /// Jobs seen.
    pub jobs: u64,
    /// Violations, over all jobs.
    pub violations: u64,
    /// Warnings, over all jobs.
    pub warnings: u64,
    /// Malformed lines and unreadable inputs.
    pub malformed: u64,
}

/// The result of checking traces: the JSON report of `syncjob check --format json`.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::check::{Checker, CheckOptions};
///
/// let report = Checker::new(CheckOptions::default()).finish();
/// assert_eq!(report.exit_code(), 0);
/// assert_eq!(report.to_json(), r#"{"jobs":[],"malformed":[],"summary":{"lines":0,"jobs":0,"violations":0,"warnings":0,"malformed":0}}"#);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Report {
    /// Every job, in order of first appearance.
    pub jobs: Vec<JobReport>,
    /// Every malformed line and unreadable input.
    pub malformed: Vec<Malformed>,
    /// The totals.
    pub summary: Summary,
}

impl Report {
    /// `0` with no violation and nothing malformed; `1` with violations only; `2` when a line was
    /// malformed or an input could not be read.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::check::{Checker, CheckOptions};
    ///
    /// let mut checker = Checker::new(CheckOptions::default());
    /// checker.check_line("t", 1, b"[]");
    /// assert_eq!(checker.finish().exit_code(), 2);
    /// ```
    #[must_use]
    pub fn exit_code(&self) -> i32 {
        if self.summary.malformed > 0 {
            2
        } else if self.summary.violations > 0 {
            1
        } else {
            0
        }
    }

    /// The report as one JSON document.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::check::{Checker, CheckOptions};
    ///
    /// assert!(Checker::new(CheckOptions::default()).finish().to_json().starts_with(r#"{"jobs":[]"#));
    /// ```
    #[must_use]
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The report as a readable timeline per job, then the malformed lines and the summary. With
    /// `color`, violations are red and warnings yellow (ANSI escapes).
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::check::{Checker, CheckOptions};
    ///
    /// let text = Checker::new(CheckOptions::default()).finish().to_text(false);
    /// assert_eq!(text, "summary: 0 lines, 0 jobs, 0 violations, 0 warnings, 0 malformed\n");
    /// ```
    #[must_use]
    pub fn to_text(&self, color: bool) -> String {
        let paint = |code: &str, text: &str| if color { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_owned() };
        let mut out = String::new();
        for job in &self.jobs {
            let _ = writeln!(
                out,
                "{}/{}  {}  final {}, {} incarnation{}, {} observation{}",
                job.workspace_id,
                job.sync_source,
                job.arn.as_deref().unwrap_or("(no ARN seen)"),
                job.final_state,
                job.incarnations,
                plural(u64::from(job.incarnations)),
                job.observations,
                plural(u64::from(job.observations)),
            );
            let mut lines: Vec<(&File, u64, u8, String)> = Vec::new();
            for t in &job.transitions {
                let via = if t.via.is_empty() { String::new() } else { format!(" via {}", t.via.join(", ")) };
                lines.push((&t.file, t.line, 0, format!("{} {} -> {}{via}", t.kind, t.from, t.to)));
            }
            for v in &job.violations {
                let states = match (&v.from, &v.to) {
                    (Some(from), Some(to)) => format!(" {from} -> {to}"),
                    _ => String::new(),
                };
                lines.push((
                    &v.file,
                    v.line,
                    1,
                    format!("{}{states}: {}", paint("31", &format!("VIOLATION {}", v.kind)), v.message),
                ));
            }
            for w in &job.warnings {
                lines.push((
                    &w.file,
                    w.line,
                    2,
                    format!("{}: {}", paint("33", &format!("warning {}", w.kind)), w.message),
                ));
            }
            // Stable: entries of one file keep their order; files keep the order they were read in.
            lines.sort_by_key(|(_, line, order, _)| (*line, *order));
            let mut files: Vec<&File> = Vec::new();
            for (file, ..) in &lines {
                if !files.contains(file) {
                    files.push(file);
                }
            }
            lines.sort_by_key(|(file, line, order, _)| (files.iter().position(|f| f == file), *line, *order));
            for (file, line, _, text) in lines {
                let _ = writeln!(out, "  {file}:{line}  {text}");
            }
        }
        if !self.malformed.is_empty() {
            let _ = writeln!(out, "malformed:");
            for m in &self.malformed {
                let at = match (m.line, m.column) {
                    (Some(line), Some(column)) => format!("{}:{line}:{column}", m.file),
                    (Some(line), None) => format!("{}:{line}", m.file),
                    _ => m.file.to_string(),
                };
                let _ = writeln!(out, "  {at}  {}", paint("31", &m.message));
            }
        }
        let s = self.summary;
        let _ = writeln!(
            out,
            "summary: {} line{}, {} job{}, {} violation{}, {} warning{}, {} malformed",
            s.lines,
            plural(s.lines),
            s.jobs,
            plural(s.jobs),
            s.violations,
            plural(s.violations),
            s.warnings,
            plural(s.warnings),
            s.malformed
        );
        out
    }
}

fn plural(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Reads lines with a bound on the memory one line may take: past the bound, the rest of the line
/// is skipped, not stored.
///
/// # Example
///
/// ```
/// use std::io::Cursor;
/// use twinmaker_syncjob::check::{Line, LineReader};
///
/// let mut reader = LineReader::new(Cursor::new("ab\r\n0123456789\nlast"), 4);
/// assert!(matches!(reader.next_line()?, Some((1, Line::Text(b"ab")))));
/// assert!(matches!(reader.next_line()?, Some((2, Line::TooLong { len: 10 }))));
/// assert!(matches!(reader.next_line()?, Some((3, Line::Text(b"last")))));
/// assert!(reader.next_line()?.is_none());
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Debug)]
pub struct LineReader<R> {
    reader: R,
    buffer: Vec<u8>,
    /// Bytes of the line lent out last time, to consume at the next call.
    pending: usize,
    line: u64,
    max: usize,
}

/// One line of a [`LineReader`].
///
/// # Example
///
/// ```
/// use std::io::Cursor;
/// use twinmaker_syncjob::check::{Line, LineReader};
///
/// let mut reader = LineReader::new(Cursor::new("{}\r\n0123456789abcdef\n"), 8);
/// assert_eq!(reader.next_line()?, Some((1, Line::Text(b"{}"))));
/// assert_eq!(reader.next_line()?, Some((2, Line::TooLong { len: 16 })));
/// assert_eq!(reader.next_line()?, None);
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Debug, PartialEq, Eq)]
pub enum Line<'a> {
    /// The line, without its end (`\n` or `\r\n`).
    Text(&'a [u8]),
    /// A line longer than the bound; its length in bytes.
    TooLong {
        /// The line's length.
        len: u64,
    },
}

impl<R: BufRead> LineReader<R> {
    /// A reader keeping at most `max` bytes of a line.
    ///
    /// # Example
    ///
    /// ```
    /// use std::io::Cursor;
    /// use twinmaker_syncjob::check::LineReader;
    ///
    /// let mut reader = LineReader::new(Cursor::new(""), 1024);
    /// assert!(reader.next_line()?.is_none());
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn new(reader: R, max: usize) -> Self {
        Self { reader, buffer: Vec::new(), pending: 0, line: 0, max }
    }

    /// The next line and its 1-based number, or `None` at the end.
    ///
    /// # Errors
    ///
    /// The underlying reader's error.
    ///
    /// # Example
    ///
    /// ```
    /// use std::io::Cursor;
    /// use twinmaker_syncjob::check::{Line, LineReader};
    ///
    /// let mut reader = LineReader::new(Cursor::new("\n"), 10);
    /// assert!(matches!(reader.next_line()?, Some((1, Line::Text(b"")))));
    /// assert!(reader.next_line()?.is_none());
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn next_line(&mut self) -> std::io::Result<Option<(u64, Line<'_>)>> {
        self.reader.consume(std::mem::take(&mut self.pending));
        self.buffer.clear();
        // The common case: the whole line is in the reader's buffer; lend it without copying and
        // consume it at the next call.
        let found = loop {
            match self.reader.fill_buf() {
                Ok(available) => break find_newline(available),
                Err(err) if err.kind() == std::io::ErrorKind::Interrupted => {}
                Err(err) => return Err(err),
            }
        };
        if let Some(at) = found {
            self.line += 1;
            self.pending = at + 1;
            if at > self.max {
                return Ok(Some((self.line, Line::TooLong { len: at as u64 })));
            }
            // The data is still buffered: `fill_buf` returns it again without reading.
            let available = self.reader.fill_buf()?;
            let line = available.get(..at).unwrap_or_default();
            return Ok(Some((self.line, Line::Text(line.strip_suffix(b"\r").unwrap_or(line)))));
        }
        let mut len: u64 = 0;
        let mut ended = false;
        loop {
            let available = match self.reader.fill_buf() {
                Ok(available) => available,
                Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(err) => return Err(err),
            };
            if available.is_empty() {
                break;
            }
            let (chunk, used, found) = match find_newline(available) {
                Some(at) => (available.get(..at).unwrap_or_default(), at + 1, true),
                None => (available, available.len(), false),
            };
            len = len.saturating_add(chunk.len() as u64);
            if self.buffer.len() + chunk.len() <= self.max {
                self.buffer.extend_from_slice(chunk);
            }
            self.reader.consume(used);
            ended = true;
            if found {
                break;
            }
        }
        if !ended {
            return Ok(None);
        }
        self.line += 1;
        if len > self.max as u64 {
            return Ok(Some((self.line, Line::TooLong { len })));
        }
        if self.buffer.last() == Some(&b'\r') {
            self.buffer.pop();
        }
        Ok(Some((self.line, Line::Text(&self.buffer))))
    }
}

/// The index of the first `\n` in `bytes`, sixteen bytes at a time (std has no public `memchr`).
fn find_newline(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    const NEWLINES: u64 = ONES * b'\n' as u64;
    // A zero byte in `word ^ NEWLINES` is a newline in `word`: the classic has-zero-byte test,
    // exact for the lowest zero byte, which is the one wanted.
    let newlines = |chunk: &[u8; 8]| {
        let x = u64::from_le_bytes(*chunk) ^ NEWLINES;
        x.wrapping_sub(ONES) & !x & HIGHS
    };
    let mut chunks = bytes.chunks_exact(16);
    let mut offset = 0;
    for chunk in &mut chunks {
        let (Some(low), Some(high)) = (chunk.first_chunk::<8>(), chunk.last_chunk::<8>()) else { break };
        let (low, high) = (newlines(low), newlines(high));
        if low | high != 0 {
            let at = if low != 0 { low.trailing_zeros() / 8 } else { 8 + high.trailing_zeros() / 8 };
            return Some(offset + at as usize);
        }
        offset += 16;
    }
    let rest = bytes.get(offset..).unwrap_or_default();
    rest.iter().position(|b| *b == b'\n').map(|at| offset + at)
}

/// What a job's report shows, kept compact beside the reports (see `Checker::record`).
#[derive(Clone, Copy, Debug, Default)]
struct Shown {
    /// The fingerprint of the ARN shown (the fleet record's), 0 for none.
    arn: u64,
    /// The final state shown, when it is a name known in advance.
    state: Option<&'static str>,
}

/// Checks lines, one at a time, and builds the [`Report`].
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::check::{CheckOptions, Checker};
///
/// let job = |state: &str, updated: u32| {
///     format!(
///         r#"{{"arn": "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/w1/sync-job/SITEWISE", "workspaceId": "w1", "syncSource": "SITEWISE", "syncRole": "arn:aws:iam::123456789012:role/r", "status": {{"state": "{state}"}}, "creationDateTime": 1672531200, "updateDateTime": {updated}}}"#
///     )
/// };
/// let mut checker = Checker::new(CheckOptions::default());
/// checker.check_line("poller.jsonl", 1, job("ACTIVE", 1672531300).as_bytes());
/// checker.check_line("poller.jsonl", 2, job("ERROR", 1672531400).as_bytes());
/// checker.check_line("poller.jsonl", 3, job("ACTIVE", 1672531500).as_bytes());
/// let report = checker.finish();
/// assert_eq!(report.summary.violations, 1); // no way back from ERROR
/// assert_eq!(report.exit_code(), 1);
/// ```
#[derive(Debug)]
pub struct Checker {
    options: CheckOptions,
    fleet: FleetTracker,
    jobs: Vec<JobReport>,
    /// What each report shows, in the order of `jobs`.
    shown: Vec<Shown>,
    malformed: Vec<Malformed>,
    lines: u64,
    file: File,
}

impl Checker {
    /// A checker that has seen nothing.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::check::{Checker, CheckOptions};
    ///
    /// assert_eq!(Checker::new(CheckOptions::default()).finish().summary.lines, 0);
    /// ```
    #[must_use]
    pub fn new(options: CheckOptions) -> Self {
        let fleet = FleetTracker::new(options.policy.clone());
        Self { options, fleet, jobs: Vec::new(), shown: Vec::new(), malformed: Vec::new(), lines: 0, file: "-".into() }
    }

    /// Checks every line of one input, in order (blank lines are counted and skipped).
    ///
    /// # Errors
    ///
    /// The reader's error; lines read before it are kept. Report it with
    /// [`Checker::unreadable`] to count it.
    ///
    /// # Example
    ///
    /// ```
    /// use std::io::Cursor;
    /// use twinmaker_syncjob::check::{Checker, CheckOptions};
    ///
    /// let mut checker = Checker::new(CheckOptions::default());
    /// checker.check_reader("-", Cursor::new("\n\n"))?;
    /// assert_eq!(checker.finish().summary.lines, 2);
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn check_reader(&mut self, file: &str, reader: impl BufRead) -> std::io::Result<()> {
        let file: File = file.into();
        let mut lines = LineReader::new(reader, self.options.decode.max_document_len());
        while let Some((number, line)) = lines.next_line()? {
            match line {
                Line::Text(bytes) => self.check_line_in(&file, number, bytes),
                Line::TooLong { len } => {
                    self.lines += 1;
                    let kind = DecodeErrorKind::TooLarge {
                        len: usize::try_from(len).unwrap_or(usize::MAX),
                        limit: self.options.decode.max_document_len(),
                    };
                    self.malformed(&file, Some(number), None, kind.to_string());
                }
            }
        }
        Ok(())
    }

    /// Counts an input that could not be read (exit status 2).
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::check::{Checker, CheckOptions};
    ///
    /// let mut checker = Checker::new(CheckOptions::default());
    /// checker.unreadable("missing.jsonl", "No such file or directory");
    /// let report = checker.finish();
    /// assert_eq!(report.malformed[0].line, None);
    /// assert_eq!(report.exit_code(), 2);
    /// ```
    pub fn unreadable(&mut self, file: &str, reason: &str) {
        self.malformed(&file.into(), None, None, format!("cannot read: {reason}"));
    }

    /// Checks one line of `file` (1-based `line`).
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::check::{Checker, CheckOptions};
    ///
    /// let mut checker = Checker::new(CheckOptions::default());
    /// checker.check_line("t.jsonl", 1, br#"{"__type": "ThrottlingException", "message": ""}"#);
    /// let report = checker.finish();
    /// assert!(report.jobs.is_empty()); // no job seen yet: no effect
    /// assert_eq!(report.exit_code(), 0);
    /// ```
    pub fn check_line(&mut self, file: &str, line: u64, bytes: &[u8]) {
        if *self.file != *file {
            self.file = file.into();
        }
        let current = Rc::clone(&self.file);
        self.check_line_in(&current, line, bytes);
    }

    fn check_line_in(&mut self, file: &File, line: u64, bytes: &[u8]) {
        self.lines += 1;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return;
        }
        let decoded = decode_line(bytes, &self.options.decode);
        let document = match decoded {
            // By reference: the view is a few hundred bytes, and moving it shows in the benchmark.
            Ok(LineDocument::Snapshot(ref snapshot)) => return self.snapshot(file, line, snapshot),
            Ok(LineDocument::Other(document)) => document,
            Err(err) => {
                let column = match err.kind() {
                    DecodeErrorKind::TooLarge { .. } | DecodeErrorKind::UnrecognisedDocument => None,
                    _ => Some(err.column() as u64),
                };
                let message = match err.path() {
                    "" => err.kind().to_string(),
                    path => format!("{path}: {}", err.kind()),
                };
                self.malformed(file, Some(line), column, message);
                return;
            }
        };
        match document {
            // `decode_line` reads GetSyncJob responses as views (above); this is the same judgement.
            Document::SyncJob(snapshot) => {
                let job = (snapshot.workspace_id.as_str(), snapshot.sync_source.as_str());
                let state = snapshot.status.state.as_ref();
                let seen = Observation::Snapshot(&snapshot).into();
                self.sighted(file, line, job, seen, Some(snapshot.arn.as_str()), state);
            }
            Document::Summary(summary) => self.summary(file, line, &summary),
            Document::Page(page) => {
                for summary in &page.sync_job_summaries {
                    self.summary(file, line, summary);
                }
            }
            Document::Error(doc) => {
                let key = match (&doc.workspace_id, &doc.sync_source) {
                    (Some(workspace), Some(source)) => Some(JobKey::new(workspace.as_str(), source.as_str())),
                    (None, None) => match self.jobs.as_slice() {
                        [] => None,
                        [only] => Some(JobKey::new(&only.workspace_id, &only.sync_source)),
                        _ => {
                            let message =
                                "an API error without workspaceId and syncSource: cannot tell which job it belongs to";
                            self.malformed(file, Some(line), None, message.to_owned());
                            return;
                        }
                    },
                    _ => {
                        let message = "an API error must name both workspaceId and syncSource, or neither";
                        self.malformed(file, Some(line), None, message.to_owned());
                        return;
                    }
                };
                if let Some(key) = key {
                    let (verdict, at) = self.fleet.observe_job_at(key, Seen::Error(&doc.error));
                    if let Some(at) = at {
                        self.record(at, file, line, &verdict, None, None);
                    }
                }
            }
            Document::Created(_) | Document::Deleted(_) => {
                let message = "a CreateSyncJob or DeleteSyncJob response names no job's state: not an observation";
                self.malformed(file, Some(line), None, message.to_owned());
            }
        }
    }

    fn snapshot(&mut self, file: &File, line: u64, snapshot: &SnapshotView<'_>) {
        let job = (snapshot.workspace_id.as_str(), snapshot.sync_source.as_str());
        let state = snapshot.status.state.as_ref();
        self.sighted(file, line, job, Seen::from(snapshot), Some(snapshot.arn.as_str()), state);
    }

    fn summary(&mut self, file: &File, line: u64, summary: &SyncJobSummary) {
        let (Some(workspace), Some(source)) = (&summary.workspace_id, &summary.sync_source) else {
            let message = "a ListSyncJobs summary without workspaceId and syncSource cannot be placed";
            self.malformed(file, Some(line), None, message.to_owned());
            return;
        };
        let state = summary.status.as_ref().and_then(|status| status.state.as_ref());
        let arn = summary.arn.as_ref().map(|arn| arn.as_str());
        let seen = Observation::Summary(summary).into();
        self.sighted(file, line, (workspace.as_str(), source.as_str()), seen, arn, state);
    }

    /// Judges what was seen of the job `(workspace, source)` and takes it into the job's report,
    /// which is created when the job is new.
    fn sighted(
        &mut self,
        file: &File,
        line: u64,
        (workspace, source): (&str, &str),
        seen: Seen<'_>,
        arn: Option<&str>,
        state: Option<&Open<SyncJobState>>,
    ) {
        // Not destructured: moving the verdict out of the pair would copy it.
        let judged = self.fleet.observe_job_at(JobKey::new(workspace, source), seen);
        let at = judged.1.unwrap_or(self.jobs.len());
        if at == self.jobs.len() {
            self.jobs.push(JobReport::new(workspace.to_owned(), source.to_owned()));
            self.shown.push(Shown::default());
        }
        self.record(at, file, line, &judged.0, arn, state);
    }

    /// Takes a verdict into the job's report.
    ///
    /// Most lines of a long trace change nothing a report shows (a stutter of an unchanged job);
    /// those are decided from [`Shown`] alone, without reading the report, whose strings are
    /// scattered in memory and miss the cache once the jobs are many.
    fn record(
        &mut self,
        at: usize,
        file: &File,
        line: u64,
        verdict: &Verdict,
        arn: Option<&str>,
        state: Option<&Open<SyncJobState>>,
    ) {
        let (Some(job), Some(shown)) = (self.jobs.get_mut(at), self.shown.get_mut(at)) else { return };
        // The state's name: a name known in advance, or a value as received.
        let to: Result<&'static str, &str> = match (verdict.to, state) {
            (Some(Position::Deleted), _) => Ok("DELETED"),
            (_, Some(Open::Known(state))) => Ok(state.as_str()),
            (_, Some(unknown)) => Err(unknown.as_str()),
            (Some(position), None) => Ok(position.stage().as_str()),
            (None, None) => Ok("UNKNOWN"),
        };
        let evidence = verdict.change != Change::NoEvidence;
        // The fleet keeps the fingerprint of the last ARN seen; its identity rule relies on the same.
        let arn_fingerprint = match arn {
            Some(_) => self.fleet.record_at(at).map_or(0, JobRecord::arn_fingerprint),
            None => shown.arn,
        };
        let quiet = !verdict.change.is_transition()
            && verdict.violations.is_empty()
            && verdict.warnings.is_empty()
            && (!evidence || to.is_ok_and(|name| shown.state == Some(name)))
            && arn_fingerprint == shown.arn;
        if quiet {
            return;
        }
        let known = to.ok();
        let to = to.unwrap_or_else(|raw| raw);
        if verdict.change.is_transition() {
            job.transitions.push(TransitionEntry {
                file: Rc::clone(file),
                line,
                kind: verdict.change.kind(),
                from: job.final_state.clone(),
                to: to.to_owned(),
                via: verdict.change.via().as_slice().iter().map(|stage| stage.as_str()).collect(),
            });
        }
        for violation in verdict.violations.iter() {
            job.violations.push(FindingEntry {
                file: Rc::clone(file),
                line,
                kind: violation.kind(),
                from: Some(job.final_state.clone()),
                to: Some(to.to_owned()),
                message: violation.to_string(),
            });
        }
        for warning in verdict.warnings.iter() {
            let entry = FindingEntry {
                file: Rc::clone(file),
                line,
                kind: warning.kind(),
                from: None,
                to: None,
                message: warning.to_string(),
            };
            if self.options.strict { job.violations.push(entry) } else { job.warnings.push(entry) }
        }
        if evidence && job.final_state != to {
            job.final_state.clear();
            job.final_state.push_str(to);
        }
        if evidence {
            // Only names known in advance are remembered: a value as received is compared in full.
            shown.state = known;
        }
        if let Some(arn) = arn
            && job.arn.as_deref() != Some(arn)
        {
            job.arn = Some(arn.to_owned());
        }
        shown.arn = arn_fingerprint;
    }

    fn malformed(&mut self, file: &File, line: Option<u64>, column: Option<u64>, message: String) {
        self.malformed.push(Malformed { file: Rc::clone(file), line, column, message });
    }

    /// The report of everything checked.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::check::{Checker, CheckOptions};
    ///
    /// assert!(Checker::new(CheckOptions::default()).finish().jobs.is_empty());
    /// ```
    #[must_use]
    pub fn finish(self) -> Report {
        let mut jobs = self.jobs;
        for job in &mut jobs {
            let key = JobKey::new(&job.workspace_id, &job.sync_source);
            if let Some(record) = self.fleet.get(key) {
                job.incarnations = record.incarnations();
                // Every observation of a job with a report went to its fleet record.
                job.observations = record.observations();
            }
        }
        let summary = Summary {
            lines: self.lines,
            jobs: jobs.len() as u64,
            violations: jobs.iter().map(|job| job.violations.len() as u64).sum(),
            warnings: jobs.iter().map(|job| job.warnings.len() as u64).sum(),
            malformed: self.malformed.len() as u64,
        };
        Report { jobs, malformed: self.malformed, summary }
    }
}

#[cfg(test)]
mod tests {
    use std::io::{BufReader, Cursor};

    use super::*;

    fn collect(text: &[u8], capacity: usize, max: usize) -> Vec<(u64, Result<Vec<u8>, u64>)> {
        let mut reader = LineReader::new(BufReader::with_capacity(capacity, Cursor::new(text.to_vec())), max);
        let mut out = Vec::new();
        while let Some((n, line)) = reader.next_line().unwrap() {
            out.push((
                n,
                match line {
                    Line::Text(bytes) => Ok(bytes.to_vec()),
                    Line::TooLong { len } => Err(len),
                },
            ));
        }
        out
    }

    #[test]
    fn lines_are_the_same_whatever_the_buffer_size() {
        let text = b"first\r\n\nthird line is long\nx\r\nlast";
        let expected: Vec<(u64, Result<Vec<u8>, u64>)> = vec![
            (1, Ok(b"first".to_vec())),
            (2, Ok(b"".to_vec())),
            (3, Err(18)),
            (4, Ok(b"x".to_vec())),
            (5, Ok(b"last".to_vec())),
        ];
        for capacity in [1, 2, 3, 5, 8, 64] {
            assert_eq!(collect(text, capacity, 10), expected, "capacity {capacity}");
        }
    }

    #[test]
    fn newlines_are_found_wherever_they_are() {
        for len in 0..40 {
            for at in 0..len {
                let mut bytes = vec![b'x'; len];
                bytes[at] = b'\n';
                if at + 1 < len {
                    bytes[len - 1] = b'\n';
                }
                assert_eq!(find_newline(&bytes), Some(at), "{len} {at}");
            }
            assert_eq!(find_newline(&vec![b'x'; len]), None);
            // Bytes next to '\n' (0x0a) in value must not match.
            assert_eq!(find_newline(&vec![0x0b; len]), None);
            assert_eq!(find_newline(&vec![0x8a; len]), None);
        }
    }

    #[test]
    fn a_line_at_the_limit_is_kept() {
        assert_eq!(
            collect(b"0123456789\n0123456789", 4, 10),
            vec![(1, Ok(b"0123456789".to_vec())), (2, Ok(b"0123456789".to_vec()))]
        );
        assert_eq!(collect(b"0123456789\n", 64, 9), vec![(1, Err(10))]);
    }

    #[test]
    fn interrupted_reads_are_retried() {
        struct Flaky(Cursor<Vec<u8>>, bool);
        impl std::io::Read for Flaky {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                self.1 = !self.1;
                if self.1 { Err(std::io::ErrorKind::Interrupted.into()) } else { self.0.read(buf) }
            }
        }
        let reader = BufReader::with_capacity(2, Flaky(Cursor::new(b"ab\ncd".to_vec()), false));
        let mut lines = LineReader::new(reader, 100);
        assert!(matches!(lines.next_line().unwrap(), Some((1, Line::Text(b"ab")))));
        assert!(matches!(lines.next_line().unwrap(), Some((2, Line::Text(b"cd")))));
        assert!(lines.next_line().unwrap().is_none());
    }

    #[test]
    fn api_errors_that_name_half_a_job_are_malformed() {
        let mut checker = Checker::new(CheckOptions::default());
        checker.check_line("t", 1, br#"{"__type": "ThrottlingException", "message": "", "workspaceId": "w1"}"#);
        let report = checker.finish();
        assert_eq!(report.malformed.len(), 1);
        assert!(report.malformed[0].message.contains("both"));
    }
}
