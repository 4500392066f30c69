//! The one-pass decoder: serde visitors that validate as they read and track the field path.

use std::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::{ApiErrorDocument, DecodeError, DecodeErrorKind, DecodeOptions, Document};
use crate::model::{
    ApiError, ApiErrorKind, CreateSyncJobResponse, DeleteSyncJobResponse, ErrorCode, ErrorDetails, ErrorMessage,
    ListSyncJobsPage, Open, SyncJobArn, SyncJobSnapshot, SyncJobState, SyncJobStatus, SyncJobSummary, SyncRoleArn,
    SyncSource, Timestamp, WireEnum, WorkspaceId,
};

/// The payload shape a decode call expects; `Any` detects it from the keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Shape {
    Any,
    Snapshot,
    Summary,
    Page,
    Create,
    Delete,
    ApiError,
}

/// One step of a field path.
#[derive(Clone, Copy, Debug)]
enum Segment {
    Field(&'static str),
    Index(usize),
}

/// The deepest path the model has is `syncJobSummaries[i].status.error.code`.
const MAX_PATH: usize = 8;

/// State shared by the visitors of one decode call.
struct Ctx {
    strict: bool,
    path: [Segment; MAX_PATH],
    depth: usize,
    /// The error a visitor raised itself; serde only carries a message, this keeps the kind.
    detail: Option<DecodeErrorKind>,
}

impl Ctx {
    fn push(&mut self, segment: Segment) {
        if let Some(slot) = self.path.get_mut(self.depth) {
            *slot = segment;
        }
        self.depth = self.depth.saturating_add(1);
    }

    fn pop(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Records `kind` and returns a serde error for the parser to place.
    fn fail<E: de::Error>(&mut self, kind: DecodeErrorKind) -> E {
        self.detail = Some(kind);
        E::custom("")
    }

    /// Fails with `kind` at `field`, below the current path (for errors found after the value).
    fn fail_at<E: de::Error>(&mut self, field: &'static str, kind: DecodeErrorKind) -> E {
        self.push(Segment::Field(field));
        self.fail(kind)
    }

    fn render_path(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        for segment in self.path.iter().take(self.depth.min(MAX_PATH)) {
            let _ = match segment {
                Segment::Field(name) if out.is_empty() => write!(out, "{name}"),
                Segment::Field(name) => write!(out, ".{name}"),
                Segment::Index(i) => write!(out, "[{i}]"),
            };
        }
        out
    }
}

/// Decodes one document of the given shape.
pub(super) fn decode_document(input: &[u8], options: &DecodeOptions, shape: Shape) -> Result<Document, DecodeError> {
    let mut ctx = start(input, options)?;
    let mut de = serde_json::Deserializer::from_slice(input);
    let result = ObjectSeed { ctx: &mut ctx, shape }.deserialize(&mut de).and_then(|doc| de.end().map(|()| doc));
    result.map_err(|err| finish(&mut ctx, &err, input))
}

/// Decodes the `message` (or `Message`) of an error body whose kind came from a header.
pub(super) fn decode_error_message(input: &[u8], options: &DecodeOptions) -> Result<String, DecodeError> {
    let mut ctx = start(input, options)?;
    let mut de = serde_json::Deserializer::from_slice(input);
    let result = MessageSeed { ctx: &mut ctx }.deserialize(&mut de).and_then(|doc| de.end().map(|()| doc));
    result.map_err(|err| finish(&mut ctx, &err, input))
}

/// Checks the size and the encoding before parsing.
fn start(input: &[u8], options: &DecodeOptions) -> Result<Ctx, DecodeError> {
    if input.len() > options.max_document_len() {
        let kind = DecodeErrorKind::TooLarge { len: input.len(), limit: options.max_document_len() };
        return Err(DecodeError::new(kind, String::new(), 1, 1));
    }
    if let Err(err) = std::str::from_utf8(input) {
        let (line, column) = line_column(input, err.valid_up_to());
        return Err(DecodeError::new(DecodeErrorKind::InvalidUtf8, String::new(), line, column));
    }
    Ok(Ctx { strict: options.is_strict(), path: [Segment::Index(0); MAX_PATH], depth: 0, detail: None })
}

/// 1-based line and column of a byte offset.
fn line_column(input: &[u8], offset: usize) -> (usize, usize) {
    let before = input.get(..offset).unwrap_or(input);
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let column = before.iter().rev().take_while(|b| **b != b'\n').count() + 1;
    (line, column)
}

/// Turns the parser's error into ours, with the kind a visitor recorded and the path at failure.
fn finish(ctx: &mut Ctx, err: &serde_json::Error, input: &[u8]) -> DecodeError {
    use serde_json::error::Category;
    let kind = ctx.detail.take().unwrap_or_else(|| {
        let message = err.to_string();
        let message = match message.rfind(" at line ") {
            Some(end) => message.get(..end).unwrap_or(&message).to_owned(),
            None => message,
        };
        match err.classify() {
            Category::Eof => DecodeErrorKind::UnexpectedEnd,
            Category::Data => DecodeErrorKind::WrongType { message },
            _ if message.starts_with("recursion limit exceeded") => DecodeErrorKind::TooDeep,
            _ if message.starts_with("number out of range") => DecodeErrorKind::NumberOutOfRange,
            _ => DecodeErrorKind::Syntax { message },
        }
    });
    let (mut line, mut column) = (err.line(), err.column());
    if line == 0 {
        // Errors raised after the parser stopped: point at the end of the input.
        (line, column) = line_column(input, input.len());
    }
    DecodeError::new(kind, ctx.render_path(), line, column.max(1))
}

/// The leaf value parsers. Each runs inside the parser, so a failure is placed at the value's last character.
type ParseFn<T> = fn(&str, &mut Ctx) -> Result<T, DecodeErrorKind>;

fn parse_open<K: WireEnum>(raw: &str, ctx: &mut Ctx) -> Result<Open<K>, DecodeErrorKind> {
    let value = Open::<K>::parse(raw).map_err(DecodeErrorKind::Constraint)?;
    if ctx.strict && !value.is_known() {
        return Err(DecodeErrorKind::UnknownEnumValue { enumeration: K::NAME, value: raw.to_owned() });
    }
    Ok(value)
}

fn parse_with<T>(
    parse: fn(&str) -> Result<T, crate::model::ConstraintError>,
) -> impl Fn(&str) -> Result<T, DecodeErrorKind> {
    move |raw| parse(raw).map_err(DecodeErrorKind::Constraint)
}

fn parse_arn(raw: &str, _: &mut Ctx) -> Result<SyncJobArn, DecodeErrorKind> {
    parse_with(SyncJobArn::parse)(raw)
}

fn parse_workspace(raw: &str, _: &mut Ctx) -> Result<WorkspaceId, DecodeErrorKind> {
    parse_with(WorkspaceId::parse)(raw)
}

fn parse_role(raw: &str, _: &mut Ctx) -> Result<SyncRoleArn, DecodeErrorKind> {
    parse_with(SyncRoleArn::parse)(raw)
}

fn parse_message(raw: &str, _: &mut Ctx) -> Result<ErrorMessage, DecodeErrorKind> {
    parse_with(ErrorMessage::parse)(raw)
}

fn parse_string(raw: &str, _: &mut Ctx) -> Result<String, DecodeErrorKind> {
    Ok(raw.to_owned())
}

/// A string value (or `null`, read as absent) parsed by `parse`.
struct Text<'c, T> {
    ctx: &'c mut Ctx,
    expecting: &'static str,
    parse: ParseFn<T>,
}

impl<'de, T> DeserializeSeed<'de> for Text<'_, T> {
    type Value = Option<T>;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, T> Visitor<'de> for Text<'_, T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        match (self.parse)(value, self.ctx) {
            Ok(parsed) => Ok(Some(parsed)),
            Err(kind) => Err(self.ctx.fail(kind)),
        }
    }
}

/// A timestamp in any accepted form (or `null`, read as absent).
struct TimeSeed<'c> {
    ctx: &'c mut Ctx,
}

impl TimeSeed<'_> {
    fn done<E: de::Error>(
        self,
        parsed: Result<Timestamp, crate::model::TimestampError>,
    ) -> Result<Option<Timestamp>, E> {
        parsed.map(Some).map_err(|err| self.ctx.fail(DecodeErrorKind::Timestamp(err)))
    }
}

impl<'de> DeserializeSeed<'de> for TimeSeed<'_> {
    type Value = Option<Timestamp>;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TimeSeed<'_> {
    type Value = Option<Timestamp>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a timestamp: epoch seconds or an RFC 3339 string with an offset")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        let seconds = i64::try_from(value).unwrap_or(i64::MAX);
        self.done(Timestamp::from_unix_seconds(seconds))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        self.done(Timestamp::from_unix_seconds(value))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
        self.done(Timestamp::from_epoch_seconds_f64(value))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        self.done(Timestamp::parse(value))
    }
}

/// The keys of every object the decoder reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Key {
    Arn,
    WorkspaceId,
    SyncSource,
    SyncRole,
    Status,
    CreationDateTime,
    UpdateDateTime,
    State,
    SyncJobSummaries,
    NextToken,
    Type,
    Message,
    MessageUpper,
    Error,
    ErrorLower,
    ResponseMetadata,
    Code,
    CodeUpper,
    HttpStatusCode,
    Other,
}

impl Key {
    fn wire_name(self) -> &'static str {
        match self {
            Self::Arn => "arn",
            Self::WorkspaceId => "workspaceId",
            Self::SyncSource => "syncSource",
            Self::SyncRole => "syncRole",
            Self::Status => "status",
            Self::CreationDateTime => "creationDateTime",
            Self::UpdateDateTime => "updateDateTime",
            Self::State => "state",
            Self::SyncJobSummaries => "syncJobSummaries",
            Self::NextToken => "nextToken",
            Self::Type => "__type",
            Self::Message => "message",
            Self::MessageUpper => "Message",
            Self::Error => "Error",
            Self::ErrorLower => "error",
            Self::ResponseMetadata => "ResponseMetadata",
            Self::Code => "code",
            Self::CodeUpper => "Code",
            Self::HttpStatusCode => "HTTPStatusCode",
            Self::Other => "",
        }
    }

    fn bit(self) -> u32 {
        1 << (self as u32)
    }
}

struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Key, E> {
        Ok(match value {
            "arn" => Key::Arn,
            "workspaceId" => Key::WorkspaceId,
            "syncSource" => Key::SyncSource,
            "syncRole" => Key::SyncRole,
            "status" => Key::Status,
            "creationDateTime" => Key::CreationDateTime,
            "updateDateTime" => Key::UpdateDateTime,
            "state" => Key::State,
            "syncJobSummaries" => Key::SyncJobSummaries,
            "nextToken" => Key::NextToken,
            "__type" => Key::Type,
            "message" => Key::Message,
            "Message" => Key::MessageUpper,
            "Error" => Key::Error,
            "error" => Key::ErrorLower,
            "ResponseMetadata" => Key::ResponseMetadata,
            "code" => Key::Code,
            "Code" => Key::CodeUpper,
            "HTTPStatusCode" => Key::HttpStatusCode,
            _ => Key::Other,
        })
    }
}

/// Reads the next key; duplicates of keys in `wanted` are errors.
fn next_key<'de, A: MapAccess<'de>>(
    map: &mut A,
    ctx: &mut Ctx,
    seen: &mut u32,
    wanted: u32,
) -> Result<Option<Key>, A::Error> {
    let Some(key) = map.next_key_seed(KeySeed)? else { return Ok(None) };
    if key != Key::Other && wanted & key.bit() != 0 {
        if *seen & key.bit() != 0 {
            return Err(ctx.fail_at(key.wire_name(), DecodeErrorKind::DuplicateField { field: key.wire_name() }));
        }
        *seen |= key.bit();
        Ok(Some(key))
    } else {
        map.next_value::<IgnoredAny>()?;
        Ok(Some(Key::Other))
    }
}

/// Reads the value of `key` with `seed`, with `key` on the path while it does.
fn field<T, E>(
    ctx: &mut Ctx,
    key: Key,
    seed: impl FnOnce(&mut Ctx) -> Result<Option<T>, E>,
    nulls: &mut u32,
) -> Result<Option<T>, E> {
    ctx.push(Segment::Field(key.wire_name()));
    let value = seed(ctx)?;
    ctx.pop();
    if value.is_none() {
        *nulls |= key.bit();
    }
    Ok(value)
}

fn text<'de, A: MapAccess<'de>, T>(
    map: &mut A,
    ctx: &mut Ctx,
    expecting: &'static str,
    parse: ParseFn<T>,
) -> Result<Option<T>, A::Error> {
    map.next_value_seed(Text { ctx, expecting, parse })
}

/// Every field any top-level shape has, as read so far.
#[derive(Default)]
struct Fields {
    arn: Option<SyncJobArn>,
    workspace_id: Option<WorkspaceId>,
    sync_source: Option<Open<SyncSource>>,
    sync_role: Option<SyncRoleArn>,
    status: Option<SyncJobStatus>,
    creation: Option<Timestamp>,
    update: Option<Timestamp>,
    state: Option<Open<SyncJobState>>,
    summaries: Option<Vec<SyncJobSummary>>,
    next_token: Option<String>,
    error_type: Option<String>,
    message: Option<String>,
    boto_error: Option<BotoError>,
    http_status: Option<u16>,
    /// Keys present (even as `null`), by [`Key::bit`].
    present: u32,
    /// Keys present as `null`.
    nulls: u32,
}

fn bits(keys: &[Key]) -> u32 {
    keys.iter().fold(0, |acc, key| acc | key.bit())
}

impl Shape {
    fn keys(self) -> u32 {
        use Key::*;
        match self {
            Self::Any => bits(&[
                Arn,
                WorkspaceId,
                SyncSource,
                SyncRole,
                Status,
                CreationDateTime,
                UpdateDateTime,
                State,
                SyncJobSummaries,
                NextToken,
                Type,
                Message,
                MessageUpper,
                Error,
                ResponseMetadata,
            ]),
            Self::Snapshot => bits(&[Arn, WorkspaceId, SyncSource, SyncRole, Status, CreationDateTime, UpdateDateTime]),
            Self::Summary => bits(&[Arn, WorkspaceId, SyncSource, Status, CreationDateTime, UpdateDateTime]),
            Self::Page => bits(&[SyncJobSummaries, NextToken]),
            Self::Create => bits(&[Arn, CreationDateTime, State]),
            Self::Delete => bits(&[State]),
            Self::ApiError => bits(&[Type, Message, MessageUpper, Error, ResponseMetadata, WorkspaceId, SyncSource]),
        }
    }

    /// The shape an `Any` document has, from the keys present.
    fn detect(present: u32) -> Option<Self> {
        use Key::*;
        let has = |keys: &[Key]| present & bits(keys) != 0;
        if has(&[Type, Error]) {
            Some(Self::ApiError)
        } else if has(&[SyncJobSummaries, NextToken]) {
            Some(Self::Page)
        } else if has(&[SyncRole]) {
            Some(Self::Snapshot)
        } else if has(&[State]) {
            Some(if has(&[Arn, CreationDateTime]) { Self::Create } else { Self::Delete })
        } else if has(&[Arn, WorkspaceId, SyncSource, Status, CreationDateTime, UpdateDateTime]) {
            Some(Self::Summary)
        } else {
            None
        }
    }
}

/// A top-level document (or a summary inside a page) of a given shape.
struct ObjectSeed<'c> {
    ctx: &'c mut Ctx,
    shape: Shape,
}

impl<'de> DeserializeSeed<'de> for ObjectSeed<'_> {
    type Value = Document;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Document, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ObjectSeed<'_> {
    type Value = Document;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.shape {
            Shape::Any => "a sync-job payload object",
            Shape::Snapshot => "a GetSyncJob response object",
            Shape::Summary => "a SyncJobSummary object",
            Shape::Page => "a ListSyncJobs response object",
            Shape::Create => "a CreateSyncJob response object",
            Shape::Delete => "a DeleteSyncJob response object",
            Shape::ApiError => "an API error object",
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Document, A::Error> {
        let ctx = self.ctx;
        let mut f = Fields::default();
        let wanted = self.shape.keys();
        while let Some(key) = next_key(&mut map, ctx, &mut f.present, wanted)? {
            let nulls = &mut f.nulls;
            match key {
                Key::Arn => f.arn = field(ctx, key, |c| text(&mut map, c, "an ARN string", parse_arn), nulls)?,
                Key::WorkspaceId => {
                    f.workspace_id =
                        field(ctx, key, |c| text(&mut map, c, "a workspace id string", parse_workspace), nulls)?;
                }
                Key::SyncSource => {
                    f.sync_source = field(
                        ctx,
                        key,
                        |c| text(&mut map, c, "a sync source string", parse_open::<SyncSource>),
                        nulls,
                    )?;
                }
                Key::SyncRole => {
                    f.sync_role = field(ctx, key, |c| text(&mut map, c, "a role ARN string", parse_role), nulls)?;
                }
                Key::Status => f.status = field(ctx, key, |c| map.next_value_seed(StatusSeed { ctx: c }), nulls)?,
                Key::CreationDateTime => {
                    f.creation = field(ctx, key, |c| map.next_value_seed(TimeSeed { ctx: c }), nulls)?;
                }
                Key::UpdateDateTime => {
                    f.update = field(ctx, key, |c| map.next_value_seed(TimeSeed { ctx: c }), nulls)?;
                }
                Key::State => {
                    f.state = field(
                        ctx,
                        key,
                        |c| text(&mut map, c, "a SyncJobState string", parse_open::<SyncJobState>),
                        nulls,
                    )?;
                }
                Key::SyncJobSummaries => {
                    f.summaries = field(ctx, key, |c| map.next_value_seed(SummariesSeed { ctx: c }), nulls)?;
                }
                Key::NextToken => {
                    f.next_token = field(ctx, key, |c| text(&mut map, c, "a token string", parse_string), nulls)?;
                }
                Key::Type => {
                    f.error_type =
                        field(ctx, key, |c| text(&mut map, c, "an exception name string", parse_string), nulls)?;
                }
                Key::Message | Key::MessageUpper => {
                    let message = field(ctx, key, |c| text(&mut map, c, "a message string", parse_string), nulls)?;
                    f.message = f.message.or(message);
                }
                Key::Error => f.boto_error = field(ctx, key, |c| map.next_value_seed(BotoSeed { ctx: c }), nulls)?,
                Key::ResponseMetadata => {
                    f.http_status = field(ctx, key, |c| map.next_value_seed(MetadataSeed { ctx: c }), nulls)?.flatten();
                }
                Key::ErrorLower | Key::Code | Key::CodeUpper | Key::HttpStatusCode | Key::Other => {}
            }
        }
        let shape = match self.shape {
            Shape::Any => Shape::detect(f.present).ok_or_else(|| ctx.fail(DecodeErrorKind::UnrecognisedDocument))?,
            shape => shape,
        };
        build(shape, f, ctx)
    }
}

/// Takes a required field, or fails naming it (as null or as missing).
fn required<T, E: de::Error>(value: Option<T>, key: Key, f: &Fields, ctx: &mut Ctx) -> Result<T, E> {
    match value {
        Some(value) => Ok(value),
        None if f.nulls & key.bit() != 0 => Err(ctx.fail_at(
            key.wire_name(),
            DecodeErrorKind::WrongType { message: "invalid type: null, where the model requires a value".to_owned() },
        )),
        None => Err(ctx.fail_at(key.wire_name(), DecodeErrorKind::MissingField { field: key.wire_name() })),
    }
}

/// Assembles the shape from the fields read, checking what the model requires.
fn build<E: de::Error>(shape: Shape, f: Fields, ctx: &mut Ctx) -> Result<Document, E> {
    Ok(match shape {
        Shape::Snapshot => {
            let arn = required(f.arn.clone(), Key::Arn, &f, ctx)?;
            let workspace_id = required(f.workspace_id.clone(), Key::WorkspaceId, &f, ctx)?;
            let sync_source = required(f.sync_source.clone(), Key::SyncSource, &f, ctx)?;
            let sync_role = required(f.sync_role.clone(), Key::SyncRole, &f, ctx)?;
            let status = required(f.status.clone(), Key::Status, &f, ctx)?;
            let creation_date_time = required(f.creation, Key::CreationDateTime, &f, ctx)?;
            let update_date_time = required(f.update, Key::UpdateDateTime, &f, ctx)?;
            Document::SyncJob(SyncJobSnapshot {
                arn,
                workspace_id,
                sync_source,
                sync_role,
                status,
                creation_date_time,
                update_date_time,
            })
        }
        Shape::Summary => Document::Summary(SyncJobSummary {
            arn: f.arn,
            workspace_id: f.workspace_id,
            sync_source: f.sync_source,
            status: f.status,
            creation_date_time: f.creation,
            update_date_time: f.update,
        }),
        Shape::Page => Document::Page(ListSyncJobsPage {
            sync_job_summaries: f.summaries.unwrap_or_default(),
            next_token: f.next_token,
        }),
        Shape::Create => {
            let arn = required(f.arn.clone(), Key::Arn, &f, ctx)?;
            let creation_date_time = required(f.creation, Key::CreationDateTime, &f, ctx)?;
            let state = required(f.state.clone(), Key::State, &f, ctx)?;
            Document::Created(CreateSyncJobResponse { arn, creation_date_time, state })
        }
        Shape::Delete => {
            Document::Deleted(DeleteSyncJobResponse { state: required(f.state.clone(), Key::State, &f, ctx)? })
        }
        Shape::ApiError | Shape::Any => Document::Error(build_api_error(f, ctx)?),
    })
}

fn build_api_error<E: de::Error>(f: Fields, ctx: &mut Ctx) -> Result<ApiErrorDocument, E> {
    let (name, message) = match (f.error_type, f.boto_error) {
        (Some(name), _) => (name, f.message),
        (None, Some(boto)) => {
            ctx.push(Segment::Field("Error"));
            let name = match boto.code {
                Some(code) => code,
                None => return Err(ctx.fail_at("Code", DecodeErrorKind::MissingField { field: "Code" })),
            };
            ctx.pop();
            (name, boto.message.or(f.message))
        }
        (None, None) => return Err(ctx.fail_at("__type", DecodeErrorKind::MissingField { field: "__type" })),
    };
    let name = exception_name(&name);
    if name.is_empty() {
        return Err(ctx.fail_at("__type", DecodeErrorKind::EmptyErrorType));
    }
    let kind = match Open::<ApiErrorKind>::parse(name) {
        Ok(kind) => kind,
        Err(err) => return Err(ctx.fail_at("__type", DecodeErrorKind::Constraint(err))),
    };
    if ctx.strict && !kind.is_known() {
        let kind = DecodeErrorKind::UnknownEnumValue { enumeration: ApiErrorKind::NAME, value: name.to_owned() };
        return Err(ctx.fail_at("__type", kind));
    }
    let http_status = f.http_status.or_else(|| kind.known().map(ApiErrorKind::http_status));
    Ok(ApiErrorDocument {
        error: ApiError { kind, message: message.unwrap_or_default(), http_status },
        workspace_id: f.workspace_id,
        sync_source: f.sync_source,
    })
}

/// The exception's bare name: without a `namespace#` prefix or a `:...` suffix, trimmed.
pub(super) fn exception_name(raw: &str) -> &str {
    let name = raw.split(':').next().unwrap_or(raw);
    let name = name.rsplit('#').next().unwrap_or(name);
    name.trim()
}

/// `status`: `{ state?, error? }`.
struct StatusSeed<'c> {
    ctx: &'c mut Ctx,
}

impl<'de> DeserializeSeed<'de> for StatusSeed<'_> {
    type Value = Option<SyncJobStatus>;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for StatusSeed<'_> {
    type Value = Option<SyncJobStatus>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a SyncJobStatus object")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let ctx = self.ctx;
        let (mut seen, mut nulls) = (0, 0);
        let mut status = SyncJobStatus::default();
        while let Some(key) = next_key(&mut map, ctx, &mut seen, bits(&[Key::State, Key::ErrorLower]))? {
            match key {
                Key::State => {
                    status.state = field(
                        ctx,
                        key,
                        |c| text(&mut map, c, "a SyncJobState string", parse_open::<SyncJobState>),
                        &mut nulls,
                    )?;
                }
                Key::ErrorLower => {
                    status.error = field(ctx, key, |c| map.next_value_seed(DetailsSeed { ctx: c }), &mut nulls)?;
                }
                _ => {}
            }
        }
        Ok(Some(status))
    }
}

/// `status.error`: `{ code?, message? }`.
struct DetailsSeed<'c> {
    ctx: &'c mut Ctx,
}

impl<'de> DeserializeSeed<'de> for DetailsSeed<'_> {
    type Value = Option<ErrorDetails>;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for DetailsSeed<'_> {
    type Value = Option<ErrorDetails>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an ErrorDetails object")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let ctx = self.ctx;
        let (mut seen, mut nulls) = (0, 0);
        let mut details = ErrorDetails::default();
        while let Some(key) = next_key(&mut map, ctx, &mut seen, bits(&[Key::Code, Key::Message]))? {
            match key {
                Key::Code => {
                    details.code = field(
                        ctx,
                        key,
                        |c| text(&mut map, c, "an ErrorCode string", parse_open::<ErrorCode>),
                        &mut nulls,
                    )?;
                }
                Key::Message => {
                    details.message =
                        field(ctx, key, |c| text(&mut map, c, "an error message string", parse_message), &mut nulls)?;
                }
                _ => {}
            }
        }
        Ok(Some(details))
    }
}

/// `syncJobSummaries`: an array of summaries.
struct SummariesSeed<'c> {
    ctx: &'c mut Ctx,
}

impl<'de> DeserializeSeed<'de> for SummariesSeed<'_> {
    type Value = Option<Vec<SyncJobSummary>>;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for SummariesSeed<'_> {
    type Value = Option<Vec<SyncJobSummary>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of SyncJobSummary objects")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let ctx = self.ctx;
        // The model allows at most 200 per page; do not trust a size hint beyond that.
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(200));
        loop {
            ctx.push(Segment::Index(out.len()));
            match seq.next_element_seed(ObjectSeed { ctx, shape: Shape::Summary })? {
                Some(Document::Summary(summary)) => out.push(summary),
                Some(_) => return Err(ctx.fail(DecodeErrorKind::UnrecognisedDocument)),
                None => break,
            }
            ctx.pop();
        }
        ctx.pop();
        Ok(Some(out))
    }
}

/// boto3's `Error`: `{ Code, Message? }`.
struct BotoError {
    code: Option<String>,
    message: Option<String>,
}

struct BotoSeed<'c> {
    ctx: &'c mut Ctx,
}

impl<'de> DeserializeSeed<'de> for BotoSeed<'_> {
    type Value = Option<BotoError>;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for BotoSeed<'_> {
    type Value = Option<BotoError>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("boto3's Error object")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let ctx = self.ctx;
        let (mut seen, mut nulls) = (0, 0);
        let mut out = BotoError { code: None, message: None };
        while let Some(key) = next_key(&mut map, ctx, &mut seen, bits(&[Key::CodeUpper, Key::MessageUpper]))? {
            match key {
                Key::CodeUpper => {
                    out.code =
                        field(ctx, key, |c| text(&mut map, c, "an exception name string", parse_string), &mut nulls)?;
                }
                Key::MessageUpper => {
                    out.message = field(ctx, key, |c| text(&mut map, c, "a message string", parse_string), &mut nulls)?;
                }
                _ => {}
            }
        }
        Ok(Some(out))
    }
}

/// boto3's `ResponseMetadata`: only `HTTPStatusCode` is read.
struct MetadataSeed<'c> {
    ctx: &'c mut Ctx,
}

impl<'de> DeserializeSeed<'de> for MetadataSeed<'_> {
    type Value = Option<Option<u16>>;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for MetadataSeed<'_> {
    type Value = Option<Option<u16>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("boto3's ResponseMetadata object")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let ctx = self.ctx;
        let (mut seen, mut nulls) = (0, 0);
        let mut status = None;
        while let Some(key) = next_key(&mut map, ctx, &mut seen, bits(&[Key::HttpStatusCode]))? {
            if key == Key::HttpStatusCode {
                status = field(ctx, key, |_| map.next_value::<Option<u16>>(), &mut nulls)?;
            }
        }
        Ok(Some(status))
    }
}

/// An error body whose kind came from a header: only `message` / `Message` is read.
struct MessageSeed<'c> {
    ctx: &'c mut Ctx,
}

impl<'de> DeserializeSeed<'de> for MessageSeed<'_> {
    type Value = String;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for MessageSeed<'_> {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an API error body object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let ctx = self.ctx;
        let (mut seen, mut nulls) = (0, 0);
        let mut message = None;
        while let Some(key) = next_key(&mut map, ctx, &mut seen, bits(&[Key::Message, Key::MessageUpper]))? {
            if matches!(key, Key::Message | Key::MessageUpper) {
                let value = field(ctx, key, |c| text(&mut map, c, "a message string", parse_string), &mut nulls)?;
                message = message.or(value);
            }
        }
        Ok(message.unwrap_or_default())
    }
}
