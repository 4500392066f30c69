//! `syncjob`: check, decode, explain, diagram and simulate AWS IoT TwinMaker sync jobs.
//!
//! A thin face over the `twinmaker_syncjob` library: all judgement lives there.

use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use twinmaker_syncjob::check::{CheckOptions, Checker, Line, LineReader};
use twinmaker_syncjob::decode::{Decode, DecodeOptions, Document};
use twinmaker_syncjob::encode::{Encode, Form};
use twinmaker_syncjob::lifecycle::{self, Policy, classify_api_error, classify_open_error_code};
use twinmaker_syncjob::model::{ApiError, ApiErrorKind, ErrorCode, Open, WireEnum};
use twinmaker_syncjob::transport::sim::{Faults, Scenario, Simulator};

/// Check, decode and explain AWS IoT TwinMaker sync jobs, from files or standard input.
#[derive(Debug, Parser)]
#[command(name = "syncjob", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Judge JSON Lines traces of GetSyncJob / ListSyncJobs results and API errors.
    ///
    /// Exit status: 0 when there is no violation and no malformed line, 1 when there are
    /// violations, 2 when a line is malformed or an input cannot be read.
    Check {
        /// The lifecycle policy: documented edges only, or documented and inferred.
        #[arg(long, value_enum, default_value_t = PolicyName::Default)]
        policy: PolicyName,
        /// The report's format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        /// Count every warning as a violation of the same kind.
        #[arg(long)]
        strict: bool,
        /// Files read in order as one stream; `-` or none for standard input.
        files: Vec<String>,
    },
    /// Print each line's document in canonical form (exit 2 when a line fails).
    Decode {
        /// Reject enumeration values this library does not know.
        #[arg(long)]
        strict: bool,
        /// Files read in order as one stream; `-` or none for standard input.
        files: Vec<String>,
    },
    /// Explain an error code (SYNC_CREATING_ERROR) or an API exception (ThrottlingException).
    Explain {
        /// The code or exception name.
        code: String,
        /// The output's format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// Print the JSON Lines a poller would record from the deterministic simulator.
    ///
    /// The same seed gives the same lines; `syncjob simulate | syncjob check` finds no violation.
    Simulate {
        /// The simulator's seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// How many jobs to create, poll and delete.
        #[arg(long, default_value_t = 1)]
        jobs: u32,
        /// Faults to inject: `none`, `all`, or a comma-separated list such as
        /// `throttling,recreate,error=SYNC_INITIALIZING_ERROR`.
        #[arg(long, default_value = "none")]
        faults: String,
        /// The payload form: AWS wire JSON or AWS CLI output.
        #[arg(long, value_enum, default_value_t = PayloadForm::Wire)]
        format: PayloadForm,
    },
    /// Print the lifecycle diagram, generated from the transition table.
    Diagram {
        /// The lifecycle policy.
        #[arg(long, value_enum, default_value_t = PolicyName::Default)]
        policy: PolicyName,
        /// The diagram language.
        #[arg(long, value_enum, default_value_t = DiagramFormat::Mermaid)]
        format: DiagramFormat,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum PolicyName {
    /// Documented and inferred edges.
    Default,
    /// Documented edges only.
    Documented,
}

impl PolicyName {
    fn policy(self) -> Policy {
        match self {
            Self::Default => Policy::DEFAULT,
            Self::Documented => Policy::DOCUMENTED,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum PayloadForm {
    /// Epoch-second numbers, as on the wire.
    Wire,
    /// RFC 3339 strings, as the AWS CLI prints.
    Cli,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum DiagramFormat {
    Mermaid,
    Dot,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check { policy, format, strict, files } => check(policy.policy(), format, strict, &files),
        Command::Decode { strict, files } => decode(strict, &files),
        Command::Explain { code, format } => explain(&code, format),
        Command::Simulate { seed, jobs, faults, format } => simulate(seed, jobs, &faults, format),
        Command::Diagram { policy, format } => {
            let policy = policy.policy();
            let text = match format {
                DiagramFormat::Mermaid => lifecycle::mermaid(&policy),
                DiagramFormat::Dot => lifecycle::dot(&policy),
            };
            write_stdout(&text)
        }
    };
    ExitCode::from(code)
}

/// Writes to standard output; a closed pipe is not an error worth a panic.
fn write_stdout(text: &str) -> u8 {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => 0,
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(err) => {
            eprintln!("syncjob: cannot write: {err}");
            2
        }
    }
}

/// The inputs: the files given, or standard input.
fn inputs(files: &[String]) -> Vec<String> {
    if files.is_empty() { vec!["-".to_owned()] } else { files.to_vec() }
}

fn open(path: &str) -> io::Result<Box<dyn BufRead>> {
    let progress = io::stderr().is_terminal();
    if path == "-" {
        Ok(Box::new(BufReader::with_capacity(1 << 16, Progress::new(io::stdin().lock(), progress))))
    } else {
        let file = File::open(path)?;
        Ok(Box::new(BufReader::with_capacity(1 << 16, Progress::new(file, progress))))
    }
}

/// Shows how much has been read on a terminal's stderr, for long inputs only.
struct Progress<R> {
    inner: R,
    read: u64,
    shown: u64,
    enabled: bool,
}

impl<R> Progress<R> {
    const STEP: u64 = 64 << 20;

    fn new(inner: R, enabled: bool) -> Self {
        Self { inner, read: 0, shown: 0, enabled }
    }
}

impl<R: Read> Read for Progress<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.enabled {
            if self.read - self.shown >= Self::STEP {
                self.shown = self.read;
                eprint!("\rsyncjob: read {} MiB", self.read >> 20);
            } else if n == 0 && self.shown > 0 {
                eprint!("\r\x1b[K");
                self.shown = 0;
            }
        }
        Ok(n)
    }
}

fn color_allowed() -> bool {
    io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn check(policy: Policy, format: ReportFormat, strict: bool, files: &[String]) -> u8 {
    let mut checker = Checker::new(CheckOptions { policy, strict, ..CheckOptions::default() });
    for path in inputs(files) {
        let result = open(&path).and_then(|reader| checker.check_reader(&path, reader));
        if let Err(err) = result {
            eprintln!("syncjob: {path}: {err}");
            checker.unreadable(&path, &err.to_string());
        }
    }
    let report = checker.finish();
    let text = match format {
        ReportFormat::Json => {
            let mut json = report.to_json();
            json.push('\n');
            json
        }
        ReportFormat::Text => report.to_text(color_allowed()),
    };
    let written = write_stdout(&text);
    let code = u8::try_from(report.exit_code()).unwrap_or(2);
    code.max(written)
}

fn decode(strict: bool, files: &[String]) -> u8 {
    let options = DecodeOptions::new().strict(strict);
    let mut failed = false;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for path in inputs(files) {
        let reader = match open(&path) {
            Ok(reader) => reader,
            Err(err) => {
                eprintln!("{path}: cannot read: {err}");
                failed = true;
                continue;
            }
        };
        let mut lines = LineReader::new(reader, options.max_document_len());
        loop {
            let (number, line) = match lines.next_line() {
                Ok(Some(next)) => next,
                Ok(None) => break,
                Err(err) => {
                    eprintln!("{path}: cannot read: {err}");
                    failed = true;
                    break;
                }
            };
            let bytes = match line {
                Line::Text(bytes) if bytes.iter().all(u8::is_ascii_whitespace) => continue,
                Line::Text(bytes) => bytes,
                Line::TooLong { len } => {
                    eprintln!(
                        "{path}:{number}: the line is {len} bytes, over the limit of {}",
                        options.max_document_len()
                    );
                    failed = true;
                    continue;
                }
            };
            match Document::decode_with(bytes, &options) {
                Ok(Document::Error(doc)) => {
                    let _ = writeln!(out, "{}", doc.error.encode(Form::Canonical));
                }
                Ok(document) => {
                    let _ = writeln!(out, "{}", document.encode(Form::Canonical));
                }
                Err(err) => {
                    let _ = out.flush();
                    let place = if err.path().is_empty() { String::new() } else { format!(" ({})", err.path()) };
                    eprintln!("{path}:{number}:{}: {}{place}", err.column(), err.kind());
                    failed = true;
                }
            }
        }
    }
    if let Err(err) = out.flush()
        && err.kind() != io::ErrorKind::BrokenPipe
    {
        eprintln!("syncjob: cannot write: {err}");
        failed = true;
    }
    if failed { 2 } else { 0 }
}

fn simulate(seed: u64, jobs: u32, faults: &str, format: PayloadForm) -> u8 {
    let faults: Faults = match faults.parse() {
        Ok(faults) => faults,
        Err(err) => {
            eprintln!("syncjob: --faults: {err}");
            return 2;
        }
    };
    let mut sim = match Simulator::builder(seed).faults(faults).build() {
        Ok(sim) => sim,
        Err(err) => {
            eprintln!("syncjob: {err}");
            return 2;
        }
    };
    let form = match format {
        PayloadForm::Wire => Form::Wire,
        PayloadForm::Cli => Form::Cli,
    };
    let trace = Scenario::new(jobs).run(&mut sim);
    let mut out = io::BufWriter::new(io::stdout().lock());
    match trace.write_jsonl(&mut out, form).and_then(|()| out.flush()) {
        Ok(()) => 0,
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(err) => {
            eprintln!("syncjob: cannot write: {err}");
            2
        }
    }
}

/// The explanation of a code or an exception, as `explain` prints it.
#[derive(serde::Serialize)]
struct Explanation<'a> {
    name: &'a str,
    kind: &'static str,
    known: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    phase: Option<&'static str>,
    fault: String,
    remedy: &'static str,
    retryable: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    disposition: Option<String>,
    evidence: Vec<EvidenceEntry>,
}

/// Why one part of an explanation is believed.
#[derive(serde::Serialize)]
struct EvidenceEntry {
    part: &'static str,
    basis: &'static str,
    detail: &'static str,
}

fn evidence(part: &'static str, evidence: lifecycle::Evidence) -> EvidenceEntry {
    EvidenceEntry { part, basis: evidence.label(), detail: evidence.detail() }
}

fn explain(raw: &str, format: ReportFormat) -> u8 {
    let name = raw.trim();
    let bare = name.split(':').next().unwrap_or(name).rsplit('#').next().unwrap_or(name);
    let exception = ApiErrorKind::from_wire(bare).is_some()
        || (ErrorCode::from_wire(name).is_none() && bare.ends_with("Exception"));
    let explanation = if exception {
        let kind: Open<ApiErrorKind> = match Open::parse(bare) {
            Ok(kind) => kind,
            Err(err) => {
                eprintln!("syncjob: {err}");
                return 2;
            }
        };
        let http_status = kind.known().map(ApiErrorKind::http_status);
        let error = ApiError { kind, message: String::new(), http_status };
        let c = classify_api_error(&error);
        Explanation {
            name: bare,
            kind: "api_exception",
            known: error.kind.is_known(),
            phase: None,
            fault: c.fault.to_string(),
            remedy: c.remedy,
            retryable: c.disposition.is_retryable(),
            disposition: Some(c.disposition.to_string()),
            evidence: vec![evidence("disposition", c.evidence)],
        }
    } else {
        let code: Open<ErrorCode> = match Open::parse(name) {
            Ok(code) => code,
            Err(err) => {
                eprintln!("syncjob: {err}");
                return 2;
            }
        };
        let c = classify_open_error_code(&code);
        Explanation {
            name,
            kind: "error_code",
            known: code.is_known(),
            phase: Some(c.phase.as_str()),
            fault: c.fault.to_string(),
            remedy: c.remedy,
            retryable: false,
            disposition: None,
            evidence: vec![
                evidence("phase", c.phase_evidence),
                evidence("fault", c.fault_evidence),
                evidence("remedy", c.remedy_evidence),
            ],
        }
    };
    let text = match format {
        ReportFormat::Json => format!("{}\n", serde_json::to_string(&explanation).unwrap_or_default()),
        ReportFormat::Text => {
            let mut out = format!(
                "{} ({}{})\n",
                explanation.name,
                if explanation.known { "" } else { "unknown " },
                if exception { "API exception" } else { "sync job error code" }
            );
            if let Some(phase) = explanation.phase {
                out.push_str(&format!("  phase:     {phase}\n"));
            }
            if let Some(disposition) = &explanation.disposition {
                out.push_str(&format!("  caller:    {disposition}\n"));
            }
            out.push_str(&format!("  fault:     {}\n", explanation.fault));
            out.push_str(&format!("  retryable: {}\n", if explanation.retryable { "yes" } else { "no" }));
            out.push_str(&format!("  remedy:    {}\n", explanation.remedy));
            for e in &explanation.evidence {
                out.push_str(&format!("  evidence ({}): {}: {}\n", e.part, e.basis, e.detail));
            }
            out
        }
    };
    write_stdout(&text)
}
