//! Instants as the service, the AWS CLI and boto3 write them, normalised to microseconds.

use std::fmt;

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

const MICROS_PER_SECOND: i64 = 1_000_000;
/// 0000-01-01T00:00:00Z in Unix seconds: the start of the supported range.
const START_SECONDS: i64 = -62_167_219_200;
/// 10000-01-01T00:00:00Z in Unix seconds: the end of the supported range (excluded).
const END_SECONDS: i64 = 253_402_300_800;

/// An instant, in UTC, at microsecond precision.
///
/// Every accepted form of the same instant compares equal: epoch seconds as the wire sends them
/// (`1672531200.123`), RFC 3339 as the AWS CLI prints them (`2023-01-01T00:00:00.123000+00:00`), and
/// Python's `str(datetime)` (`2023-01-01 00:00:00.123000+00:00`). Finer digits are rounded to the
/// nearest microsecond (a half rounds toward the later instant), never truncated.
///
/// The range is the years 0000 to 9999: the years an RFC 3339 string can hold, so every instant
/// this type accepts can be written back in every form.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::model::Timestamp;
///
/// let wire = Timestamp::from_epoch_seconds_f64(1672531200.123)?;
/// let cli = Timestamp::parse("2023-01-01T00:00:00.123000+00:00")?;
/// let boto3 = Timestamp::parse("2023-01-01 00:00:00.123+00:00")?;
/// assert_eq!(wire, cli);
/// assert_eq!(cli, boto3);
/// assert_eq!(wire.unix_micros(), 1_672_531_200_123_000);
/// # Ok::<(), twinmaker_syncjob::model::TimestampError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Timestamp {
    micros: i64,
}

/// A timestamp could not be read.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::model::{Timestamp, TimestampError};
///
/// assert!(matches!(Timestamp::parse("2023-01-01T00:00:00"), Err(TimestampError::MissingOffset { .. })));
/// assert!(matches!(Timestamp::from_epoch_seconds_f64(f64::NAN), Err(TimestampError::NotFinite)));
/// ```
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum TimestampError {
    /// A string with a date and time but no UTC offset: ambiguous, so rejected.
    #[error("timestamp {value:?} has no UTC offset (add 'Z' or '+00:00'); a local time is ambiguous")]
    MissingOffset {
        /// The string as received.
        value: String,
    },
    /// A string that is not RFC 3339 nor Python's `str(datetime)` form.
    #[error(
        "timestamp {value:?} is not RFC 3339 (2023-01-01T00:00:00Z) nor Python's form (2023-01-01 00:00:00+00:00): {reason}"
    )]
    Malformed {
        /// The string as received (at most 64 characters of it).
        value: String,
        /// What the parser objected to.
        reason: String,
    },
    /// A number that is NaN or infinite.
    #[error("timestamp is not a finite number")]
    NotFinite,
    /// An instant outside the years 0000 to 9999.
    #[error("timestamp {seconds} epoch seconds is outside the years 0000 to 9999")]
    OutOfRange {
        /// The value, in epoch seconds, as far as it could be represented.
        seconds: f64,
    },
}

impl Timestamp {
    /// The earliest instant representable: 0000-01-01T00:00:00Z.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::Timestamp;
    ///
    /// assert_eq!(Timestamp::MIN.to_string(), "0000-01-01T00:00:00Z");
    /// assert!(Timestamp::from_unix_micros(Timestamp::MIN.unix_micros() - 1).is_err());
    /// ```
    pub const MIN: Self = Self { micros: START_SECONDS * MICROS_PER_SECOND };
    /// The latest instant representable: 9999-12-31T23:59:59.999999Z.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::Timestamp;
    ///
    /// assert_eq!(Timestamp::parse("9999-12-31T23:59:59.999999Z")?, Timestamp::MAX);
    /// assert!(Timestamp::parse("9999-12-31T23:59:59.9999996Z").is_err()); // rounds into the year 10000
    /// # Ok::<(), twinmaker_syncjob::model::TimestampError>(())
    /// ```
    pub const MAX: Self = Self { micros: END_SECONDS * MICROS_PER_SECOND - 1 };
    /// 1970-01-01T00:00:00Z.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::Timestamp;
    ///
    /// assert_eq!(Timestamp::from_unix_seconds(0)?, Timestamp::UNIX_EPOCH);
    /// assert_eq!(Timestamp::UNIX_EPOCH.unix_micros(), 0);
    /// # Ok::<(), twinmaker_syncjob::model::TimestampError>(())
    /// ```
    pub const UNIX_EPOCH: Self = Self { micros: 0 };

    /// An instant from microseconds since the Unix epoch.
    ///
    /// # Errors
    ///
    /// [`TimestampError::OutOfRange`] outside [`Timestamp::MIN`]..=[`Timestamp::MAX`].
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::Timestamp;
    ///
    /// let t = Timestamp::from_unix_micros(1_672_531_200_000_001)?;
    /// assert_eq!(t.to_string(), "2023-01-01T00:00:00.000001Z");
    /// # Ok::<(), twinmaker_syncjob::model::TimestampError>(())
    /// ```
    pub fn from_unix_micros(micros: i64) -> Result<Self, TimestampError> {
        if !(Self::MIN.micros..=Self::MAX.micros).contains(&micros) {
            #[allow(clippy::cast_precision_loss, reason = "only used to report the value")]
            return Err(TimestampError::OutOfRange { seconds: micros as f64 / 1e6 });
        }
        Ok(Self { micros })
    }

    /// An instant from whole seconds since the Unix epoch.
    ///
    /// # Errors
    ///
    /// [`TimestampError::OutOfRange`] outside [`Timestamp::MIN`]..=[`Timestamp::MAX`].
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::Timestamp;
    ///
    /// assert_eq!(Timestamp::from_unix_seconds(0)?, Timestamp::UNIX_EPOCH);
    /// # Ok::<(), twinmaker_syncjob::model::TimestampError>(())
    /// ```
    pub fn from_unix_seconds(seconds: i64) -> Result<Self, TimestampError> {
        match seconds.checked_mul(MICROS_PER_SECOND) {
            Some(micros) => Self::from_unix_micros(micros),
            #[allow(clippy::cast_precision_loss, reason = "only used to report the value")]
            None => Err(TimestampError::OutOfRange { seconds: seconds as f64 }),
        }
    }

    /// An instant from epoch seconds as a floating-point number, as the wire sends them, rounded
    /// to the nearest microsecond.
    ///
    /// The whole and fractional seconds are rounded separately, so the value written by
    /// [`Timestamp::epoch_seconds_f64`] comes back exactly for every instant from the year 1698 to 2242
    /// (2^33 seconds either side of 1970; beyond that an `f64` cannot hold every microsecond).
    ///
    /// # Errors
    ///
    /// [`TimestampError::NotFinite`] for NaN and infinities, [`TimestampError::OutOfRange`] outside
    /// the years 0000 to 9999.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::Timestamp;
    ///
    /// // 0.1234565 rounds up, not down.
    /// let t = Timestamp::from_epoch_seconds_f64(1.6725312001234566E9)?;
    /// assert_eq!(t.unix_micros() % 1_000_000, 123_457);
    /// # Ok::<(), twinmaker_syncjob::model::TimestampError>(())
    /// ```
    pub fn from_epoch_seconds_f64(seconds: f64) -> Result<Self, TimestampError> {
        if !seconds.is_finite() {
            return Err(TimestampError::NotFinite);
        }
        #[allow(clippy::cast_precision_loss, reason = "bounds of the supported range, exact in f64")]
        let (min, max) = (START_SECONDS as f64, END_SECONDS as f64);
        if seconds < min || seconds >= max {
            return Err(TimestampError::OutOfRange { seconds });
        }
        // Integer arithmetic instead of `f64::floor` and `f64::round`, which are library calls on
        // the baseline x86-64 target; the results are the same.
        #[allow(clippy::cast_possible_truncation, reason = "within i64 after the range check")]
        let mut whole = seconds as i64;
        #[allow(clippy::cast_precision_loss, reason = "exact: |whole| < 2^39")]
        if whole as f64 > seconds {
            whole -= 1; // truncation went up for a negative non-integer: floor it.
        }
        // Exact: the difference of two close floats (Sterbenz), in [0, 1).
        #[allow(clippy::cast_precision_loss, reason = "exact: |whole| < 2^39")]
        let scaled = (seconds - whole as f64) * 1e6;
        // Round half up; `scaled` is in [0, 1e6], so truncation is floor and the difference is exact.
        #[allow(clippy::cast_possible_truncation, reason = "in 0..=1_000_000")]
        let floor = scaled as i64;
        #[allow(clippy::cast_precision_loss, reason = "exact: at most 1e6")]
        let micros_in_second = if scaled - floor as f64 >= 0.5 { floor + 1 } else { floor };
        Self::from_unix_micros(whole * MICROS_PER_SECOND + micros_in_second)
    }

    /// Parses an RFC 3339 / ISO 8601 string with an offset (`T` or a space between date and time),
    /// as the AWS CLI and boto3 dumps write instants. The result is in UTC.
    ///
    /// # Errors
    ///
    /// [`TimestampError::MissingOffset`] for a local time, [`TimestampError::Malformed`] otherwise.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::Timestamp;
    ///
    /// let a = Timestamp::parse("2023-01-01T02:00:00+02:00")?;
    /// let b = Timestamp::parse("2023-01-01T00:00:00Z")?;
    /// assert_eq!(a, b);
    /// # Ok::<(), twinmaker_syncjob::model::TimestampError>(())
    /// ```
    pub fn parse(value: &str) -> Result<Self, TimestampError> {
        // Python's str(datetime) puts a space where RFC 3339 has a 'T'.
        let mut buffer = [0u8; 64];
        let text = match (value.as_bytes().get(10), value.len() <= buffer.len()) {
            (Some(b' '), true) => {
                let bytes = value.as_bytes();
                let out = buffer.get_mut(..bytes.len()).unwrap_or_default();
                out.copy_from_slice(bytes);
                if let Some(separator) = out.get_mut(10) {
                    *separator = b'T';
                }
                std::str::from_utf8(out).unwrap_or(value)
            }
            _ => value,
        };
        match OffsetDateTime::parse(text, &Rfc3339) {
            Ok(parsed) => Self::from_offset_date_time(parsed),
            Err(err) => {
                let shown: String = value.chars().take(64).collect();
                if looks_naive(text) {
                    Err(TimestampError::MissingOffset { value: shown })
                } else {
                    Err(TimestampError::Malformed { value: shown, reason: err.to_string() })
                }
            }
        }
    }

    /// An instant from a [`time::OffsetDateTime`], rounded to the nearest microsecond.
    ///
    /// # Errors
    ///
    /// [`TimestampError::OutOfRange`] when rounding up passes the year 9999.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::Timestamp;
    /// use time::macros::datetime;
    ///
    /// let t = Timestamp::from_offset_date_time(datetime!(2023-01-01 00:00:00.0000005 UTC))?;
    /// assert_eq!(t.unix_micros(), 1_672_531_200_000_001);
    /// # Ok::<(), twinmaker_syncjob::model::TimestampError>(())
    /// ```
    pub fn from_offset_date_time(value: OffsetDateTime) -> Result<Self, TimestampError> {
        let nanos = value.unix_timestamp_nanos();
        let micros = (nanos + 500).div_euclid(1000);
        match i64::try_from(micros) {
            Ok(micros) => Self::from_unix_micros(micros),
            #[allow(clippy::cast_precision_loss, reason = "only used to report the value")]
            Err(_) => Err(TimestampError::OutOfRange { seconds: nanos as f64 / 1e9 }),
        }
    }

    /// Microseconds since the Unix epoch.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::Timestamp;
    ///
    /// assert_eq!(Timestamp::from_unix_seconds(2)?.unix_micros(), 2_000_000);
    /// # Ok::<(), twinmaker_syncjob::model::TimestampError>(())
    /// ```
    #[must_use]
    pub const fn unix_micros(self) -> i64 {
        self.micros
    }

    /// Epoch seconds as a float, as the wire form writes them.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::Timestamp;
    ///
    /// let t = Timestamp::from_unix_micros(1_672_531_200_500_000)?;
    /// assert_eq!(t.epoch_seconds_f64(), 1672531200.5);
    /// # Ok::<(), twinmaker_syncjob::model::TimestampError>(())
    /// ```
    #[must_use]
    #[allow(clippy::cast_precision_loss, reason = "documented: exact from 1698 to 2242")]
    pub fn epoch_seconds_f64(self) -> f64 {
        let seconds = self.micros as f64 / 1e6;
        // Near the end of 9999 the nearest f64 can be the first instant of 10000, which would not
        // decode: take the float just below it instead.
        #[allow(clippy::cast_precision_loss, reason = "exact in f64")]
        let end = END_SECONDS as f64;
        if seconds >= end { f64::from_bits(end.to_bits() - 1) } else { seconds }
    }

    /// Whole seconds and microseconds, for exact formatting.
    fn split(self) -> (i64, u32) {
        let micros = self.micros.rem_euclid(MICROS_PER_SECOND);
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "in 0..1_000_000")]
        (self.micros.div_euclid(MICROS_PER_SECOND), micros as u32)
    }

    /// The instant as a [`time::OffsetDateTime`] in UTC.
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::Timestamp;
    ///
    /// let t = Timestamp::parse("2023-06-01T12:00:00Z")?;
    /// assert_eq!(t.to_offset_date_time().year(), 2023);
    /// # Ok::<(), twinmaker_syncjob::model::TimestampError>(())
    /// ```
    #[must_use]
    pub fn to_offset_date_time(self) -> OffsetDateTime {
        let (seconds, micros) = self.split();
        OffsetDateTime::from_unix_timestamp(seconds)
            .map(|t| t + time::Duration::microseconds(i64::from(micros)))
            .unwrap_or(OffsetDateTime::UNIX_EPOCH)
    }

    /// Formats in the AWS CLI's form (`2023-01-01T00:00:00.123000+00:00`, reference sheet,
    /// "Timestamps"): six fraction digits when the instant is not a whole second, none otherwise, as
    /// Python's `isoformat` writes a whole second (the sheet shows only the fractional form).
    ///
    /// # Example
    ///
    /// ```
    /// use twinmaker_syncjob::model::Timestamp;
    ///
    /// assert_eq!(Timestamp::parse("2023-01-01T00:00:00.5Z")?.to_cli_string(), "2023-01-01T00:00:00.500000+00:00");
    /// assert_eq!(Timestamp::parse("2023-01-01T00:00:00Z")?.to_cli_string(), "2023-01-01T00:00:00+00:00");
    /// # Ok::<(), twinmaker_syncjob::model::TimestampError>(())
    /// ```
    #[must_use]
    pub fn to_cli_string(self) -> String {
        let mut out = String::with_capacity(32);
        self.write_date_time(&mut out);
        let (_, micros) = self.split();
        if micros != 0 {
            out.push_str(&format!(".{micros:06}"));
        }
        out.push_str("+00:00");
        out
    }

    /// Writes `YYYY-MM-DDTHH:MM:SS`.
    fn write_date_time(self, out: &mut String) {
        use std::fmt::Write as _;
        let t = self.to_offset_date_time();
        // The range is the years 0000 to 9999: four digits, no sign.
        let _ = write!(
            out,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        );
    }
}

/// A string that has a date and a time but nothing after the seconds (and fraction).
fn looks_naive(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() < 19 || bytes.get(10).is_none_or(|b| *b != b'T' && *b != b't') {
        return false;
    }
    let tail = bytes.get(19..).unwrap_or_default();
    let fraction_only = match tail.split_first() {
        None => true,
        Some((b'.', digits)) => !digits.is_empty() && digits.iter().all(u8::is_ascii_digit),
        Some(_) => false,
    };
    fraction_only && bytes.get(..19).is_some_and(|head| head.iter().all(|b| b.is_ascii_digit() || b"-:Tt".contains(b)))
}

/// Canonical form: RFC 3339 in UTC ending in `Z`, the fraction trimmed of trailing zeros.
///
/// # Example
///
/// ```
/// use twinmaker_syncjob::model::Timestamp;
///
/// let t = Timestamp::from_epoch_seconds_f64(1672531200.12)?;
/// assert_eq!(t.to_string(), "2023-01-01T00:00:00.12Z");
/// # Ok::<(), twinmaker_syncjob::model::TimestampError>(())
/// ```
impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::with_capacity(32);
        self.write_date_time(&mut out);
        let (_, micros) = self.split();
        if micros != 0 {
            let digits = format!("{micros:06}");
            out.push('.');
            out.push_str(digits.trim_end_matches('0'));
        }
        out.push('Z');
        f.write_str(&out)
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({self})")
    }
}

impl From<Timestamp> for OffsetDateTime {
    fn from(value: Timestamp) -> Self {
        value.to_offset_date_time()
    }
}

impl TryFrom<OffsetDateTime> for Timestamp {
    type Error = TimestampError;

    fn try_from(value: OffsetDateTime) -> Result<Self, Self::Error> {
        Self::from_offset_date_time(value)
    }
}

impl std::str::FromStr for Timestamp {
    type Err = TimestampError;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Self::parse(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_of_one_instant_is_equal() {
        let forms = [
            Timestamp::from_epoch_seconds_f64(1_672_531_200.123).unwrap(),
            Timestamp::from_epoch_seconds_f64(1.672_531_200_123E9).unwrap(),
            Timestamp::parse("2023-01-01T00:00:00.123Z").unwrap(),
            Timestamp::parse("2023-01-01T00:00:00.123000+00:00").unwrap(),
            Timestamp::parse("2023-01-01 00:00:00.123000+00:00").unwrap(),
            Timestamp::parse("2023-01-01T01:00:00.123+01:00").unwrap(),
            Timestamp::parse("2023-01-01T00:00:00.1230004Z").unwrap(),
        ];
        for form in forms {
            assert_eq!(form.unix_micros(), 1_672_531_200_123_000, "{form:?}");
        }
    }

    #[test]
    fn rounding_is_to_nearest() {
        assert_eq!(Timestamp::parse("2023-01-01T00:00:00.0000005Z").unwrap().unix_micros() % 10, 1);
        assert_eq!(Timestamp::parse("2023-01-01T00:00:00.9999996Z").unwrap().to_string(), "2023-01-01T00:00:01Z");
        assert_eq!(Timestamp::from_epoch_seconds_f64(-0.0000004).unwrap().unix_micros(), 0);
        assert_eq!(Timestamp::from_epoch_seconds_f64(-1.5).unwrap().unix_micros(), -1_500_000);
    }

    #[test]
    fn rejections() {
        assert!(matches!(Timestamp::parse("2023-01-01 00:00:00"), Err(TimestampError::MissingOffset { .. })));
        assert!(matches!(Timestamp::parse("2023-01-01T00:00:00.5"), Err(TimestampError::MissingOffset { .. })));
        assert!(matches!(Timestamp::parse("yesterday"), Err(TimestampError::Malformed { .. })));
        assert!(matches!(Timestamp::from_epoch_seconds_f64(f64::INFINITY), Err(TimestampError::NotFinite)));
        assert!(matches!(Timestamp::from_epoch_seconds_f64(1e300), Err(TimestampError::OutOfRange { .. })));
        assert!(matches!(Timestamp::from_epoch_seconds_f64(-1e300), Err(TimestampError::OutOfRange { .. })));
        assert!(Timestamp::from_unix_seconds(i64::MIN).is_err());
    }

    #[test]
    fn local_times_are_told_from_malformed_strings() {
        // No offset, whatever the separator's case: a local time.
        for naive in ["2023-01-01t00:00:00", "2023-01-01T00:00:00", "2023-01-01T00:00:00.5"] {
            assert!(matches!(Timestamp::parse(naive), Err(TimestampError::MissingOffset { .. })), "{naive}");
        }
        // Not a date and time at all: malformed, not a missing offset.
        // The separator must be a 'T': '-' and ':' pass the check of the other characters.
        for bad in [
            "2023-01-01T00:00:0x",
            "2023-01-01x00:00:00",
            "2023-01-01-00:00:00",
            "2023-01-01:00:00:00",
            "2023-01-01T00:00:00.",
            "2023-01-01T00:00:00.5x",
            "2023-01",
        ] {
            assert!(matches!(Timestamp::parse(bad), Err(TimestampError::Malformed { .. })), "{bad}");
        }
    }

    #[test]
    fn debug_names_the_type_and_the_instant() {
        let t = Timestamp::from_unix_seconds(1_672_531_200).unwrap();
        assert_eq!(format!("{t:?}"), "Timestamp(2023-01-01T00:00:00Z)");
    }

    #[test]
    fn float_range_edges() {
        // The largest f64 below the end of year 9999 (its spacing there is 2^-15 s), and the end itself.
        // The last instant writes as that float, which reads back.
        let below_end = 253_402_300_800.0 - 1.0 / 32_768.0;
        assert_eq!(Timestamp::MAX.epoch_seconds_f64(), below_end);
        assert_eq!(Timestamp::from_epoch_seconds_f64(below_end).unwrap().unix_micros(), 253_402_300_799_999_969);
        assert_eq!(Timestamp::MIN.epoch_seconds_f64(), -62_167_219_200.0);
        assert_eq!(
            Timestamp::from_epoch_seconds_f64(253_402_300_800.0),
            Err(TimestampError::OutOfRange { seconds: 253_402_300_800.0 })
        );
        // Far past the range but within i64 seconds: rejected by the float bound, reported as given.
        assert_eq!(Timestamp::from_epoch_seconds_f64(1e20), Err(TimestampError::OutOfRange { seconds: 1e20 }));
        assert_eq!(Timestamp::from_epoch_seconds_f64(-1e20), Err(TimestampError::OutOfRange { seconds: -1e20 }));
        assert_eq!(Timestamp::from_epoch_seconds_f64(-62_167_219_200.0).unwrap(), Timestamp::MIN);
        assert_eq!(
            Timestamp::from_epoch_seconds_f64(-62_167_219_200.5),
            Err(TimestampError::OutOfRange { seconds: -62_167_219_200.5 })
        );
    }

    #[test]
    fn formats() {
        let t = Timestamp::from_unix_micros(1_672_531_200_120_000).unwrap();
        assert_eq!(t.to_string(), "2023-01-01T00:00:00.12Z");
        assert_eq!(t.to_cli_string(), "2023-01-01T00:00:00.120000+00:00");
        assert_eq!(Timestamp::MAX.to_string(), "9999-12-31T23:59:59.999999Z");
        assert_eq!(Timestamp::MIN.to_string(), "0000-01-01T00:00:00Z");
        assert_eq!(Timestamp::parse(&Timestamp::MIN.to_cli_string()).unwrap(), Timestamp::MIN);
        let y0 = Timestamp::parse("0000-01-01T00:00:00Z").unwrap();
        assert_eq!(Timestamp::parse(&y0.to_string()).unwrap(), y0);
    }

    #[test]
    fn wire_floats_round_trip_from_1698_to_2242() {
        for micros in [0, 1, 999_999, 1_672_531_200_123_456, 8_589_934_591_999_999, -1, -8_589_934_591_999_999] {
            let t = Timestamp::from_unix_micros(micros).unwrap();
            assert_eq!(Timestamp::from_epoch_seconds_f64(t.epoch_seconds_f64()).unwrap(), t, "{micros}");
        }
    }
}
