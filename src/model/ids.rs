//! Validated identifiers: once you hold one, it satisfies the service model's constraints.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

/// A value broke one of the service model's constraints (see `docs/formats.md`).
///
/// Each variant names the field, the rule and where in the value it broke.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::model::{ConstraintError, WorkspaceId};
///
/// let err = WorkspaceId::parse("-plant").unwrap_err();
/// assert!(matches!(err, ConstraintError::Pattern { field: "workspaceId", position: 0, .. }));
/// assert_eq!(
///     err.to_string(),
///     "workspaceId does not match the model's pattern ^[a-zA-Z_0-9][a-zA-Z_\\-0-9]*[a-zA-Z0-9]+$: \
///      character 0 ('-'): must be a letter, digit or '_'"
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConstraintError {
    /// The value's length, in Unicode scalar values as Smithy counts it, is out of bounds.
    #[error("{field} is {len} characters long; the model allows {min} to {max}")]
    Length {
        /// The model's field name.
        field: &'static str,
        /// The length found.
        len: usize,
        /// The smallest length allowed.
        min: usize,
        /// The largest length allowed.
        max: usize,
    },
    /// The value does not match the model's pattern.
    #[error("{field} does not match the model's pattern {pattern}: {detail}")]
    Pattern {
        /// The model's field name.
        field: &'static str,
        /// The model's regular expression.
        pattern: &'static str,
        /// The index (in characters) of the first character that breaks the pattern, or the
        /// length of the value when it ends too early.
        position: usize,
        /// What is wrong there, for a person.
        detail: PatternDetail,
    },
}

/// Where and why a value broke a pattern; part of [`ConstraintError::Pattern`].
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::model::{ConstraintError, SyncJobArn};
///
/// let ConstraintError::Pattern { detail, .. } =
///     SyncJobArn::parse("arn:aws:iam::123456789012:role/x").unwrap_err()
/// else {
///     unreachable!()
/// };
/// assert_eq!(detail.expected, "\":iottwinmaker:\"");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternDetail {
    /// The character found there, or `None` when the value ended.
    pub found: Option<char>,
    /// The index, in characters, where the value breaks the pattern.
    pub position: usize,
    /// What the pattern expects there.
    pub expected: &'static str,
}

impl fmt::Display for PatternDetail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.found {
            Some(c) => write!(f, "character {} ({c:?}): must be {}", self.position, self.expected),
            None => write!(f, "ends after {} characters: expected {}", self.position, self.expected),
        }
    }
}

/// A cursor over a value being checked against a pattern.
///
/// Every pattern of the model is made of ASCII classes and literals, so the scan works on bytes: a
/// byte it accepts is a whole character, hence the offset of the first byte it rejects is also a
/// character boundary and that character's index (used in error reports).
struct Scan<'a> {
    field: &'static str,
    pattern: &'static str,
    value: &'a str,
    position: usize,
}

impl<'a> Scan<'a> {
    fn new(field: &'static str, pattern: &'static str, value: &'a str) -> Self {
        Self { field, pattern, value, position: 0 }
    }

    fn rest(&self) -> &'a [u8] {
        self.value.as_bytes().get(self.position..).unwrap_or_default()
    }

    fn fail(&self, expected: &'static str) -> ConstraintError {
        let found = self.value.get(self.position..).and_then(|rest| rest.chars().next());
        ConstraintError::Pattern {
            field: self.field,
            pattern: self.pattern,
            position: self.position,
            detail: PatternDetail { found, position: self.position, expected },
        }
    }

    /// Consumes `literal` (ASCII) or fails at the first character that differs.
    #[inline(always)] // so the literal's length is a constant and the comparison needs no call
    fn literal(&mut self, literal: &'static str, expected: &'static str) -> Result<(), ConstraintError> {
        let rest = self.rest();
        if rest.starts_with(literal.as_bytes()) {
            self.position += literal.len();
            return Ok(());
        }
        self.position += rest.iter().zip(literal.bytes()).take_while(|(a, b)| **a == *b).count();
        Err(self.fail(expected))
    }

    /// Consumes the first of `options` that matches.
    #[inline(always)]
    fn one_of(&mut self, options: &[&'static str], expected: &'static str) -> Result<(), ConstraintError> {
        let rest = self.rest();
        match options.iter().find(|option| rest.starts_with(option.as_bytes())) {
            Some(option) => self.literal(option, expected),
            None => Err(self.fail(expected)),
        }
    }

    /// Consumes between `min` and `max` bytes of the character class `class` (a mask of
    /// [`CLASSES`] bits, all ASCII); fails on fewer than `min`.
    #[inline(always)]
    fn run(&mut self, min: usize, max: usize, class: u8, expected: &'static str) -> Result<(), ConstraintError> {
        let rest = self.rest();
        let bounded = rest.get(..max).unwrap_or(rest);
        let taken = class_prefix(bounded, class);
        self.position += taken;
        if taken < min {
            return Err(self.fail(expected));
        }
        Ok(())
    }

    fn end(&self, expected: &'static str) -> Result<(), ConstraintError> {
        if self.position >= self.value.len() { Ok(()) } else { Err(self.fail(expected)) }
    }
}

fn check_length(field: &'static str, value: &str, min: usize, max: usize) -> Result<(), ConstraintError> {
    // Bytes bound the character count from above: skip counting when that already decides.
    if value.len() >= min && value.len() <= max {
        return Ok(());
    }
    let len = value.chars().count();
    if (min..=max).contains(&len) { Ok(()) } else { Err(ConstraintError::Length { field, len, min, max }) }
}

const WORKSPACE_ID_PATTERN: &str = "^[a-zA-Z_0-9][a-zA-Z_\\-0-9]*[a-zA-Z0-9]+$";
const SYNC_SOURCE_PATTERN: &str = "^[a-zA-Z_0-9]+$";
const ROLE_ARN_PATTERN: &str = "^arn:((aws)|(aws-cn)|(aws-us-gov)):iam::[0-9]{12}:role/.*";
const TWINMAKER_ARN_PATTERN: &str =
    "^arn:((aws)|(aws-cn)|(aws-us-gov)):iottwinmaker:[a-z0-9-]+:[0-9]{12}:[\\/a-zA-Z0-9_\\-\\.:]+$";
const PARTITIONS: [&str; 3] = ["aws-us-gov", "aws-cn", "aws"];

/// Character classes of the model's patterns, one bit each, looked up by byte.
const LOWER: u8 = 1;
const UPPER: u8 = 2;
const DIGIT: u8 = 4;
const UNDERSCORE: u8 = 8;
const DASH: u8 = 16;
/// `/`, `.` and `:`, which an ARN's resource part may contain.
const RESOURCE_PUNCTUATION: u8 = 32;
/// `[a-zA-Z_0-9]`.
const WORD: u8 = LOWER | UPPER | DIGIT | UNDERSCORE;

/// The class bits of every byte: 0 for every byte outside the patterns' ASCII classes.
#[allow(clippy::indexing_slicing, reason = "`b` runs over 0..256, the table's indices")]
const CLASSES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = match c {
            b'a'..=b'z' => LOWER,
            b'A'..=b'Z' => UPPER,
            b'0'..=b'9' => DIGIT,
            b'_' => UNDERSCORE,
            b'-' => DASH,
            b'/' | b'.' | b':' => RESOURCE_PUNCTUATION,
            _ => 0,
        };
        b += 1;
    }
    table
};

#[inline]
fn in_class(b: u8, class: u8) -> bool {
    CLASSES.get(usize::from(b)).is_some_and(|bits| bits & class != 0)
}

/// The length of the longest prefix of `bytes` whose bytes are all in `class`.
///
/// Eight bytes at a time ([`members`]): identifiers are checked in every decoded payload, and
/// ARNs are long enough for the per-byte loop to show in the `check` benchmark.
#[inline(always)] // so `class` is a constant and `members` keeps only the ranges it needs
fn class_prefix(bytes: &[u8], class: u8) -> usize {
    let mut chunks = bytes.chunks_exact(8);
    let mut taken = 0;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let outside = !members(word, class) & HIGH_BITS;
        if outside != 0 {
            return taken + (outside.trailing_zeros() / 8) as usize;
        }
        taken += 8;
    }
    let rest = chunks.remainder();
    taken + rest.iter().position(|b| !in_class(*b, class)).unwrap_or(rest.len())
}

const LOW_BITS: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = LOW_BITS * 0x80;

/// The bytes of `word` in `class`, eight at once: the high bit of a byte's lane is set when the
/// byte is in the class (the same answer as [`in_class`], byte by byte).
#[inline(always)]
fn members(word: u64, class: u8) -> u64 {
    // Every class is ASCII: lanes with the high bit set are outside. With it cleared, a lane is at
    // most 0x7f and adding at most 0x53 cannot carry into the next lane.
    let ascii = !word & HIGH_BITS;
    let x = word & !HIGH_BITS;
    // The high bit is set where `lo <= lane` and cleared where `lane > hi`.
    let lanes_in = |x: u64, lo: u8, hi: u8| {
        let at_least = x + LOW_BITS * u64::from(0x80 - lo);
        let above = x + LOW_BITS * u64::from(0x7f - hi);
        at_least & !above & HIGH_BITS
    };
    let range = |lo: u8, hi: u8| lanes_in(x, lo, hi);
    let mut found = 0;
    // Both cases at once: setting bit 5 maps exactly `A-Z` and `a-z` onto `a-z`.
    if class & (LOWER | UPPER) == LOWER | UPPER {
        found |= lanes_in(x | (LOW_BITS * 0x20), b'a', b'z');
    } else if class & LOWER != 0 {
        found |= range(b'a', b'z');
    } else if class & UPPER != 0 {
        found |= range(b'A', b'Z');
    }
    // `-`, `.`, `/`, `0-9` and `:` are adjacent: one range when the class has them all.
    if class & (DASH | DIGIT | RESOURCE_PUNCTUATION) == DASH | DIGIT | RESOURCE_PUNCTUATION {
        found |= range(b'-', b':');
    } else {
        if class & DIGIT != 0 {
            found |= range(b'0', b'9');
        }
        if class & DASH != 0 {
            found |= range(b'-', b'-');
        }
        if class & RESOURCE_PUNCTUATION != 0 {
            found |= range(b'.', b'/') | range(b':', b':');
        }
    }
    if class & UNDERSCORE != 0 {
        found |= range(b'_', b'_');
    }
    found & ascii
}

pub(crate) fn check_sync_source(value: &str) -> Result<(), ConstraintError> {
    let mut scan = Scan::new("syncSource", SYNC_SOURCE_PATTERN, value);
    scan.run(1, usize::MAX, WORD, "a letter, digit or '_'")?;
    scan.end("a letter, digit or '_'")
}

fn check_workspace_id(value: &str) -> Result<(), ConstraintError> {
    check_length("workspaceId", value, 1, 128)?;
    let mut scan = Scan::new("workspaceId", WORKSPACE_ID_PATTERN, value);
    scan.run(1, 1, WORD, "a letter, digit or '_'")?;
    // The rest is [a-zA-Z_\-0-9]* then [a-zA-Z0-9]+: a run of those characters whose last one is
    // a letter or a digit.
    let start = scan.position;
    scan.run(0, usize::MAX, WORD | DASH, "a letter, digit, '_' or '-'")?;
    scan.end("a letter, digit, '_' or '-'")?;
    match value.chars().last() {
        Some(c) if scan.position > start && c.is_ascii_alphanumeric() => Ok(()),
        found => Err(ConstraintError::Pattern {
            field: "workspaceId",
            pattern: WORKSPACE_ID_PATTERN,
            position: if scan.position > start { scan.position - 1 } else { scan.position },
            detail: PatternDetail {
                found: if scan.position > start { found } else { None },
                position: if scan.position > start { scan.position - 1 } else { scan.position },
                expected: "a letter or digit as the last of at least two characters",
            },
        }),
    }
}

fn check_role_arn(value: &str) -> Result<(), ConstraintError> {
    check_length("syncRole", value, 20, 2048)?;
    let mut scan = Scan::new("syncRole", ROLE_ARN_PATTERN, value);
    scan.literal("arn:", "\"arn:\"")?;
    scan.one_of(&PARTITIONS, "a partition: aws, aws-cn or aws-us-gov")?;
    scan.literal(":iam::", "\":iam::\"")?;
    scan.run(12, 12, DIGIT, "a 12-digit account id")?;
    scan.literal(":role/", "\":role/\"")
}

fn check_twinmaker_arn(value: &str) -> Result<(), ConstraintError> {
    check_length("arn", value, 20, 2048)?;
    let mut scan = Scan::new("arn", TWINMAKER_ARN_PATTERN, value);
    scan.literal("arn:", "\"arn:\"")?;
    scan.one_of(&PARTITIONS, "a partition: aws, aws-cn or aws-us-gov")?;
    scan.literal(":iottwinmaker:", "\":iottwinmaker:\"")?;
    scan.run(1, usize::MAX, LOWER | DIGIT | DASH, "a region: [a-z0-9-]")?;
    scan.literal(":", "':' after the region")?;
    scan.run(12, 12, DIGIT, "a 12-digit account id")?;
    scan.literal(":", "':' after the account id")?;
    scan.run(1, usize::MAX, WORD | DASH | RESOURCE_PUNCTUATION, "a resource character: [/a-zA-Z0-9_\\-.:]")?;
    scan.end("a resource character: [/a-zA-Z0-9_\\-.:]")
}

fn check_error_message(value: &str) -> Result<(), ConstraintError> {
    check_length("message", value, 0, 2048)
}

/// A validated string type of the model, for [`Checked`].
pub(crate) trait Identifier: Sized {
    /// The model's constraints for the type.
    fn check(value: &str) -> Result<(), ConstraintError>;

    /// The owned value of a string that passed [`Identifier::check`].
    fn from_checked(value: Checked<'_, Self>) -> Self;
}

/// A string that passed `T`'s check, still borrowed from the text it was read from (or owned when
/// reading it needed unescaping).
///
/// The decoder keeps identifiers in this form until it knows whether its caller needs them owned:
/// the `check` command judges a line from borrowed identifiers and allocates none of them.
#[derive(Debug)]
pub(crate) struct Checked<'a, T> {
    value: Cow<'a, str>,
    kind: PhantomData<fn() -> T>,
}

impl<'a, T: Identifier> Checked<'a, T> {
    /// Checks `value` against `T`'s constraints.
    pub(crate) fn new(value: Cow<'a, str>) -> Result<Self, ConstraintError> {
        T::check(&value)?;
        Ok(Self { value, kind: PhantomData })
    }

    /// The checked string.
    pub(crate) fn as_str(&self) -> &str {
        &self.value
    }

    /// The owned value (allocates when the string is borrowed).
    pub(crate) fn into_owned(self) -> T {
        T::from_checked(self)
    }
}

macro_rules! validated_string {
    (
        $(#[$meta:meta])*
        $name:ident, $check:path, $example:literal
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(Box<str>);

        impl $name {
            /// Checks `value` against the model's constraints for this field.
            ///
            /// # Errors
            ///
            /// A [`ConstraintError`] naming the broken rule and where it broke.
            ///
            /// # Example
            ///
            /// ```
            #[doc = concat!("use twinmaker_syncjob::model::", stringify!($name), ";")]
            ///
            #[doc = concat!("let value = ", stringify!($name), "::parse(", stringify!($example), ")?;")]
            #[doc = concat!("assert_eq!(value.as_str(), ", stringify!($example), ");")]
            /// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
            /// ```
            pub fn parse(value: &str) -> Result<Self, ConstraintError> {
                $check(value)?;
                Ok(Self(value.into()))
            }

            /// The value as a string slice.
            ///
            /// # Example
            ///
            /// ```
            #[doc = concat!("use twinmaker_syncjob::model::", stringify!($name), ";")]
            ///
            #[doc = concat!("let value: ", stringify!($name), " = ", stringify!($example), ".parse()?;")]
            #[doc = concat!("assert_eq!(value.as_str().len(), ", stringify!($example), ".len());")]
            /// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
            /// ```
            #[must_use]
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl FromStr for $name {
            type Err = ConstraintError;

            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Self::parse(value)
            }
        }

        impl TryFrom<String> for $name {
            type Error = ConstraintError;

            fn try_from(value: String) -> Result<Self, Self::Error> {
                $check(&value)?;
                Ok(Self(value.into_boxed_str()))
            }
        }

        impl Identifier for $name {
            fn check(value: &str) -> Result<(), ConstraintError> {
                $check(value)
            }

            fn from_checked(value: Checked<'_, Self>) -> Self {
                Self(value.value.into_owned().into_boxed_str())
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
                Self::parse(&value).map_err(serde::de::Error::custom)
            }
        }
    };
}

validated_string! {
    /// A workspace id (`Id` in the service model): 1 to 128 characters matching
    /// `^[a-zA-Z_0-9][a-zA-Z_\-0-9]*[a-zA-Z0-9]+$`.
    ///
    /// The pattern needs at least two characters, and the last one must be a letter or a digit.
    WorkspaceId, check_workspace_id, "plant-floor_1"
}

validated_string! {
    /// The ARN of the IAM role a sync job assumes (`RoleArn`): 20 to 2048 characters starting
    /// with `arn:<partition>:iam::<12 digits>:role/`.
    SyncRoleArn, check_role_arn, "arn:aws:iam::123456789012:role/TwinMakerSync"
}

validated_string! {
    /// The ARN of a sync job (`TwinMakerArn`): 20 to 2048 characters matching
    /// `^arn:((aws)|(aws-cn)|(aws-us-gov)):iottwinmaker:[a-z0-9-]+:[0-9]{12}:[\/a-zA-Z0-9_\-\.:]+$`.
    ///
    /// A job deleted and created again keeps its ARN; its `creationDateTime` tells the
    /// incarnations apart.
    SyncJobArn, check_twinmaker_arn,
    "arn:aws:iottwinmaker:us-east-1:123456789012:workspace/plant/sync-job/SITEWISE"
}

validated_string! {
    /// The message of a sync job's error details (`ErrorMessage`): 0 to 2048 characters.
    ErrorMessage, check_error_message, "The sync role cannot be assumed."
}

impl SyncJobArn {
    /// The partition: `aws`, `aws-cn` or `aws-us-gov`.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::SyncJobArn;
    ///
    /// let arn = SyncJobArn::parse("arn:aws-cn:iottwinmaker:cn-north-1:123456789012:workspace/w/sync-job/SITEWISE")?;
    /// assert_eq!(arn.partition(), "aws-cn");
    /// assert_eq!(arn.region(), "cn-north-1");
    /// assert_eq!(arn.account_id(), "123456789012");
    /// assert_eq!(arn.resource(), "workspace/w/sync-job/SITEWISE");
    /// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
    /// ```
    #[must_use]
    pub fn partition(&self) -> &str {
        self.part(1)
    }

    /// The region, for example `us-east-1`.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::SyncJobArn;
    ///
    /// let arn = SyncJobArn::parse("arn:aws:iottwinmaker:eu-west-1:123456789012:workspace/w")?;
    /// assert_eq!(arn.region(), "eu-west-1");
    /// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
    /// ```
    #[must_use]
    pub fn region(&self) -> &str {
        self.part(3)
    }

    /// The 12-digit account id.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::SyncJobArn;
    ///
    /// let arn = SyncJobArn::parse("arn:aws:iottwinmaker:eu-west-1:123456789012:workspace/w")?;
    /// assert_eq!(arn.account_id(), "123456789012");
    /// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
    /// ```
    #[must_use]
    pub fn account_id(&self) -> &str {
        self.part(4)
    }

    /// The resource part, after the account id (it may itself contain `:`).
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::SyncJobArn;
    ///
    /// let arn = SyncJobArn::parse("arn:aws:iottwinmaker:eu-west-1:123456789012:workspace/w:x")?;
    /// assert_eq!(arn.resource(), "workspace/w:x");
    /// # Ok::<(), twinmaker_syncjob::model::ConstraintError>(())
    /// ```
    #[must_use]
    pub fn resource(&self) -> &str {
        self.0.splitn(6, ':').nth(5).unwrap_or("")
    }

    fn part(&self, index: usize) -> &str {
        self.0.split(':').nth(index).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pattern_details_say_where_and_what() {
        let found = PatternDetail { found: Some('!'), position: 3, expected: "a letter" };
        assert_eq!(found.to_string(), "character 3 ('!'): must be a letter");
        let short = PatternDetail { found: None, position: 1, expected: "a digit" };
        assert_eq!(short.to_string(), "ends after 1 characters: expected a digit");
    }

    #[test]
    fn eight_bytes_at_once_agree_with_the_table() {
        // Every combination of class bits, the empty class included.
        for class in 0..64u8 {
            for value in 0..=255u8 {
                for lane in 0..8 {
                    // The value in one lane, among bytes in and out of every class.
                    for filler in [b'a', b'Z', b'5', b'_', b'-', b'.', b':', b' ', 0x80, 0xff] {
                        let mut bytes = [filler; 8];
                        bytes[lane] = value;
                        let word = u64::from_le_bytes(bytes);
                        let found = members(word, class) >> (lane * 8 + 7) & 1 == 1;
                        assert_eq!(found, in_class(value, class), "class {class:#b}, byte {value:#x}, lane {lane}");
                    }
                }
            }
        }
    }

    #[test]
    fn class_prefixes_stop_at_the_first_byte_outside() {
        for len in 0..40 {
            for at in 0..=len {
                let mut bytes = vec![b'a'; len];
                if let Some(b) = bytes.get_mut(at) {
                    *b = b'!';
                }
                assert_eq!(class_prefix(&bytes, LOWER), at.min(len), "{len} {at}");
                assert_eq!(class_prefix(&bytes, LOWER | RESOURCE_PUNCTUATION), at.min(len));
            }
        }
    }

    #[test]
    fn workspace_ids() {
        for ok in ["ab", "a1", "_a", "a-b", "A_B-9", "0_-9", &"a".repeat(128)] {
            assert!(WorkspaceId::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["", "a", "-a", "a-", "a_", "a b", "ä1", &"a".repeat(129)] {
            assert!(WorkspaceId::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn length_is_counted_in_characters() {
        let long = format!("arn:aws:iam::123456789012:role/{}", "é".repeat(2017));
        assert_eq!(long.chars().count(), 2048);
        assert!(SyncRoleArn::parse(&long).is_ok());
        let longer = format!("{long}x");
        assert_eq!(
            SyncRoleArn::parse(&longer),
            Err(ConstraintError::Length { field: "syncRole", len: 2049, min: 20, max: 2048 })
        );
    }

    #[test]
    fn arn_errors_point_at_the_first_bad_character() {
        let err = SyncJobArn::parse("arn:aws:iottwinmaker:us-east-1:12345678901x:workspace/w").unwrap_err();
        let ConstraintError::Pattern { position, detail, .. } = err else { panic!("{err:?}") };
        assert_eq!(position, 42);
        assert_eq!(detail.found, Some('x'));
        let err = SyncJobArn::parse("arn:aws:iottwinmaker:us-east-1:123456789012:").unwrap_err();
        assert!(matches!(
            err,
            ConstraintError::Pattern { position: 44, detail: PatternDetail { found: None, .. }, .. }
        ));
    }

    #[test]
    fn partitions() {
        for p in ["aws", "aws-cn", "aws-us-gov"] {
            let role = format!("arn:{p}:iam::123456789012:role/x");
            assert!(SyncRoleArn::parse(&role).is_ok(), "{role}");
        }
        assert!(SyncRoleArn::parse("arn:aws-eu:iam::123456789012:role/x").is_err());
    }
}
