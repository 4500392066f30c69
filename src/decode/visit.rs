//! The one-pass decoder: serde visitors that validate as they read and track the field path.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};

use super::{ApiErrorDocument, DecodeError, DecodeErrorKind, DecodeOptions, Document, LineDocument, SnapshotView};
use crate::model::ids::{Checked, Identifier};
use crate::model::{
    ApiError, ApiErrorKind, CreateSyncJobResponse, DeleteSyncJobResponse, ErrorCode, ErrorDetails, ErrorMessage,
    ListSyncJobsPage, Open, SyncJobArn, SyncJobSnapshot, SyncJobState, SyncJobStatus, SyncJobSummary, SyncRoleArn,
    SyncSource, Timestamp, TimestampError, WireEnum, WorkspaceId,
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
pub(super) struct Ctx {
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

/// Decodes one document into `T`, a payload shape or [`Document`].
pub(super) fn decode<'i, T: Target<'i>>(input: &'i [u8], options: &DecodeOptions) -> Result<T, DecodeError> {
    let (mut ctx, text) = start(input, options)?;
    let mut de = serde_json::Deserializer::from_str(text);
    let value = ObjectSeed::<T>::new(&mut ctx).deserialize(&mut de).map_err(|err| finish(&mut ctx, &err, input))?;
    de.end().map_err(|err| finish(&mut ctx, &err, input))?;
    Ok(value)
}

/// Decodes the `message` (or `Message`) of an error body whose kind came from a header.
pub(super) fn decode_error_message(input: &[u8], options: &DecodeOptions) -> Result<String, DecodeError> {
    let (mut ctx, text) = start(input, options)?;
    let mut de = serde_json::Deserializer::from_str(text);
    let result = MessageSeed { ctx: &mut ctx }.deserialize(&mut de).and_then(|doc| de.end().map(|()| doc));
    result.map_err(|err| finish(&mut ctx, &err, input))
}

/// Checks the size and the encoding before parsing.
///
/// The whole document is checked for UTF-8 once, here, so the parser reads it as `&str` and does not
/// check every string again (its errors would not say where the bad byte is, either).
fn start<'i>(input: &'i [u8], options: &DecodeOptions) -> Result<(Ctx, &'i str), DecodeError> {
    if input.len() > options.max_document_len() {
        let kind = DecodeErrorKind::TooLarge { len: input.len(), limit: options.max_document_len() };
        return Err(DecodeError::new(kind, String::new(), 1, 1));
    }
    match std::str::from_utf8(input) {
        Ok(text) => {
            let ctx = Ctx { strict: options.is_strict(), path: [Segment::Index(0); MAX_PATH], depth: 0, detail: None };
            Ok((ctx, text))
        }
        Err(err) => {
            let (line, column) = line_column(input, err.valid_up_to());
            Err(DecodeError::new(DecodeErrorKind::InvalidUtf8, String::new(), line, column))
        }
    }
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

fn parse_message(raw: &str, _: &mut Ctx) -> Result<ErrorMessage, DecodeErrorKind> {
    ErrorMessage::parse(raw).map_err(DecodeErrorKind::Constraint)
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

/// An identifier string (or `null`, read as absent), checked and kept borrowed from the input
/// when it has no escapes.
struct IdSeed<'c, T> {
    ctx: &'c mut Ctx,
    expecting: &'static str,
    kind: std::marker::PhantomData<fn() -> T>,
}

impl<'c, T> IdSeed<'c, T> {
    fn new(ctx: &'c mut Ctx, expecting: &'static str) -> Self {
        Self { ctx, expecting, kind: std::marker::PhantomData }
    }
}

impl<'c, T: Identifier> IdSeed<'c, T> {
    fn check<'de, E: de::Error>(self, value: Cow<'de, str>) -> Result<Option<Checked<'de, T>>, E> {
        Checked::new(value).map(Some).map_err(|err| self.ctx.fail(DecodeErrorKind::Constraint(err)))
    }
}

impl<'de, T: Identifier> DeserializeSeed<'de> for IdSeed<'_, T> {
    type Value = Option<Checked<'de, T>>;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, T: Identifier> Visitor<'de> for IdSeed<'_, T> {
    type Value = Option<Checked<'de, T>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<Self::Value, E> {
        self.check(Cow::Borrowed(value))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        self.check(Cow::Owned(value.to_owned()))
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
        match i64::try_from(value) {
            Ok(seconds) => self.done(Timestamp::from_unix_seconds(seconds)),
            // Far beyond the year 9999; report the value as written, not a clamped one.
            #[allow(clippy::cast_precision_loss, reason = "only used to report the value")]
            Err(_) => self.done(Err(TimestampError::OutOfRange { seconds: value as f64 })),
        }
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
        map.next_value_seed(Skip)?;
        Ok(Some(Key::Other))
    }
}

/// Skips a value the decoder does not read, through the parser's recursion limit.
///
/// `serde::de::IgnoredAny` would not do: serde_json skips it with an explicit stack and no depth
/// limit, so a 10,000-deep value under an unknown key would pass while the same nesting anywhere
/// else is refused. Going through `deserialize_any` applies the one limit to the whole document.
struct Skip;

impl<'de> DeserializeSeed<'de> for Skip {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Skip {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Skip)?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_key_seed(Skip)?.is_some() {
            map.next_value_seed(Skip)?;
        }
        Ok(())
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
pub(super) struct Fields<'de> {
    arn: Option<Checked<'de, SyncJobArn>>,
    workspace_id: Option<Checked<'de, WorkspaceId>>,
    sync_source: Option<Open<SyncSource>>,
    sync_role: Option<Checked<'de, SyncRoleArn>>,
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

/// What a top-level object (or a summary inside a page) decodes into: one payload shape, or a
/// [`Document`] that detects its shape from the keys present.
pub(super) trait Target<'de>: Sized {
    /// The keys read (others are skipped), and the shape's name in type errors.
    const SHAPE: Shape;

    /// Assembles the value from the fields read (taking them), checking what the model requires.
    ///
    /// The fields are borrowed rather than moved: they are a few hundred bytes, and the copy shows
    /// in the benchmark.
    fn build<E: de::Error>(f: &mut Fields<'de>, ctx: &mut Ctx) -> Result<Self, E>;
}

/// Reads one object into a [`Target`].
struct ObjectSeed<'c, T> {
    ctx: &'c mut Ctx,
    target: std::marker::PhantomData<fn() -> T>,
}

impl<'c, T> ObjectSeed<'c, T> {
    fn new(ctx: &'c mut Ctx) -> Self {
        Self { ctx, target: std::marker::PhantomData }
    }
}

impl<'de, T: Target<'de>> DeserializeSeed<'de> for ObjectSeed<'_, T> {
    type Value = T;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, T: Target<'de>> Visitor<'de> for ObjectSeed<'_, T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match T::SHAPE {
            Shape::Any => "a sync-job payload object",
            Shape::Snapshot => "a GetSyncJob response object",
            Shape::Summary => "a SyncJobSummary object",
            Shape::Page => "a ListSyncJobs response object",
            Shape::Create => "a CreateSyncJob response object",
            Shape::Delete => "a DeleteSyncJob response object",
            Shape::ApiError => "an API error object",
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let ctx = self.ctx;
        let mut f = Fields::default();
        let wanted = T::SHAPE.keys();
        while let Some(key) = next_key(&mut map, ctx, &mut f.present, wanted)? {
            let nulls = &mut f.nulls;
            match key {
                Key::Arn => f.arn = field(ctx, key, |c| map.next_value_seed(IdSeed::new(c, "an ARN string")), nulls)?,
                Key::WorkspaceId => {
                    f.workspace_id =
                        field(ctx, key, |c| map.next_value_seed(IdSeed::new(c, "a workspace id string")), nulls)?;
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
                    f.sync_role = field(ctx, key, |c| map.next_value_seed(IdSeed::new(c, "a role ARN string")), nulls)?;
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
        T::build(&mut f, ctx)
    }
}

/// Takes a required field, or fails naming it (as null or as missing).
fn required<T, E: de::Error>(value: Option<T>, key: Key, nulls: u32, ctx: &mut Ctx) -> Result<T, E> {
    match value {
        Some(value) => Ok(value),
        None => Err(ctx.fail_at(key.wire_name(), absent(key, nulls))),
    }
}

/// The error for a required field without a value: `null` is a wrong type, no key a missing field.
fn absent(key: Key, nulls: u32) -> DecodeErrorKind {
    if nulls & key.bit() != 0 {
        DecodeErrorKind::WrongType { message: "invalid type: null, where the model requires a value".to_owned() }
    } else {
        DecodeErrorKind::MissingField { field: key.wire_name() }
    }
}

impl<'de> Target<'de> for SnapshotView<'de> {
    const SHAPE: Shape = Shape::Snapshot;

    // Inlined so that callers build the view in place rather than copying it.
    #[inline(always)]
    fn build<E: de::Error>(f: &mut Fields<'de>, ctx: &mut Ctx) -> Result<Self, E> {
        let nulls = f.nulls;
        Ok(Self {
            arn: required(f.arn.take(), Key::Arn, nulls, ctx)?,
            workspace_id: required(f.workspace_id.take(), Key::WorkspaceId, nulls, ctx)?,
            sync_source: required(f.sync_source.take(), Key::SyncSource, nulls, ctx)?,
            sync_role: required(f.sync_role.take(), Key::SyncRole, nulls, ctx)?,
            status: required(f.status.take(), Key::Status, nulls, ctx)?,
            creation_date_time: required(f.creation.take(), Key::CreationDateTime, nulls, ctx)?,
            update_date_time: required(f.update.take(), Key::UpdateDateTime, nulls, ctx)?,
        })
    }
}

impl<'de> Target<'de> for SyncJobSnapshot {
    const SHAPE: Shape = Shape::Snapshot;

    fn build<E: de::Error>(f: &mut Fields<'de>, ctx: &mut Ctx) -> Result<Self, E> {
        SnapshotView::build(f, ctx).map(SnapshotView::into_owned)
    }
}

impl<'de> Target<'de> for SyncJobSummary {
    const SHAPE: Shape = Shape::Summary;

    fn build<E: de::Error>(f: &mut Fields<'de>, _: &mut Ctx) -> Result<Self, E> {
        Ok(Self {
            arn: f.arn.take().map(Checked::into_owned),
            workspace_id: f.workspace_id.take().map(Checked::into_owned),
            sync_source: f.sync_source.take(),
            status: f.status.take(),
            creation_date_time: f.creation.take(),
            update_date_time: f.update.take(),
        })
    }
}

impl<'de> Target<'de> for ListSyncJobsPage {
    const SHAPE: Shape = Shape::Page;

    fn build<E: de::Error>(f: &mut Fields<'de>, _: &mut Ctx) -> Result<Self, E> {
        Ok(Self { sync_job_summaries: f.summaries.take().unwrap_or_default(), next_token: f.next_token.take() })
    }
}

impl<'de> Target<'de> for CreateSyncJobResponse {
    const SHAPE: Shape = Shape::Create;

    fn build<E: de::Error>(f: &mut Fields<'de>, ctx: &mut Ctx) -> Result<Self, E> {
        let nulls = f.nulls;
        Ok(Self {
            arn: required(f.arn.take(), Key::Arn, nulls, ctx)?.into_owned(),
            creation_date_time: required(f.creation.take(), Key::CreationDateTime, nulls, ctx)?,
            state: required(f.state.take(), Key::State, nulls, ctx)?,
        })
    }
}

impl<'de> Target<'de> for DeleteSyncJobResponse {
    const SHAPE: Shape = Shape::Delete;

    fn build<E: de::Error>(f: &mut Fields<'de>, ctx: &mut Ctx) -> Result<Self, E> {
        Ok(Self { state: required(f.state.take(), Key::State, f.nulls, ctx)? })
    }
}

impl<'de> Target<'de> for ApiErrorDocument {
    const SHAPE: Shape = Shape::ApiError;

    fn build<E: de::Error>(f: &mut Fields<'de>, ctx: &mut Ctx) -> Result<Self, E> {
        build_api_error(f, ctx)
    }
}

impl<'de> Target<'de> for Document {
    const SHAPE: Shape = Shape::Any;

    fn build<E: de::Error>(f: &mut Fields<'de>, ctx: &mut Ctx) -> Result<Self, E> {
        match Shape::detect(f.present) {
            Some(Shape::Snapshot) => SyncJobSnapshot::build(f, ctx).map(Self::SyncJob),
            Some(Shape::Summary) => SyncJobSummary::build(f, ctx).map(Self::Summary),
            Some(Shape::Page) => ListSyncJobsPage::build(f, ctx).map(Self::Page),
            Some(Shape::Create) => CreateSyncJobResponse::build(f, ctx).map(Self::Created),
            Some(Shape::Delete) => DeleteSyncJobResponse::build(f, ctx).map(Self::Deleted),
            // `detect` never answers `Any`.
            Some(Shape::ApiError | Shape::Any) => ApiErrorDocument::build(f, ctx).map(Self::Error),
            None => Err(ctx.fail(DecodeErrorKind::UnrecognisedDocument)),
        }
    }
}

impl<'de> Target<'de> for LineDocument<'de> {
    const SHAPE: Shape = Shape::Any;

    fn build<E: de::Error>(f: &mut Fields<'de>, ctx: &mut Ctx) -> Result<Self, E> {
        if Shape::detect(f.present) == Some(Shape::Snapshot) {
            SnapshotView::build(f, ctx).map(Self::Snapshot)
        } else {
            Document::build(f, ctx).map(Self::Other)
        }
    }
}

fn build_api_error<E: de::Error>(f: &mut Fields<'_>, ctx: &mut Ctx) -> Result<ApiErrorDocument, E> {
    // `in_boto`: the name came from boto3's `Error.Code` rather than `__type` (for error paths).
    let (name, message, in_boto) = match (f.error_type.take(), f.boto_error.take()) {
        (Some(name), _) => (name, f.message.take(), false),
        (None, Some(boto)) => {
            ctx.push(Segment::Field("Error"));
            let Some(code) = boto.code else {
                return Err(ctx.fail_at("Code", absent(Key::CodeUpper, boto.nulls)));
            };
            // `Error` stays on the path while the name is checked.
            (code, boto.message.or(f.message.take()), true)
        }
        // `{"__type": null}` is a null where a value is required; `{"Error": null}` too.
        (None, None) if f.nulls & Key::Error.bit() != 0 && f.nulls & Key::Type.bit() == 0 => {
            return Err(ctx.fail_at("Error", absent(Key::Error, f.nulls)));
        }
        (None, None) => return Err(ctx.fail_at("__type", absent(Key::Type, f.nulls))),
    };
    let fail_name = |ctx: &mut Ctx, kind| ctx.fail_at(if in_boto { "Code" } else { "__type" }, kind);
    let name = exception_name(&name);
    if name.is_empty() {
        return Err(fail_name(ctx, DecodeErrorKind::EmptyErrorType));
    }
    let kind = match Open::<ApiErrorKind>::parse(name) {
        Ok(kind) => kind,
        Err(err) => return Err(fail_name(ctx, DecodeErrorKind::Constraint(err))),
    };
    if ctx.strict && !kind.is_known() {
        let kind = DecodeErrorKind::UnknownEnumValue { enumeration: ApiErrorKind::NAME, value: name.to_owned() };
        return Err(fail_name(ctx, kind));
    }
    if in_boto {
        ctx.pop();
    }
    let http_status = f.http_status.or_else(|| kind.known().map(ApiErrorKind::http_status));
    Ok(ApiErrorDocument {
        error: ApiError { kind, message: message.unwrap_or_default(), http_status },
        workspace_id: f.workspace_id.take().map(Checked::into_owned),
        sync_source: f.sync_source.take(),
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
            match seq.next_element_seed(ObjectSeed::<SyncJobSummary>::new(ctx))? {
                Some(summary) => out.push(summary),
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
    /// Keys present as `null`, by [`Key::bit`].
    nulls: u32,
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
        let mut out = BotoError { code: None, message: None, nulls: 0 };
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
        out.nulls = nulls;
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
