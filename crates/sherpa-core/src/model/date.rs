//! A calendar date read from a TOML date (or the date part of a TOML datetime).
//!
//! Summits are ordered and shown by day, so sherpa keeps only the date. Writing the date
//! as a quoted string is the commonest mistake, so it gets its own error message.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, MapAccess, Visitor, value::MapAccessDeserializer};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar day; ordering is chronological.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// A date, if it exists in the calendar.
    #[must_use]
    pub fn new(year: u16, month: u8, day: u8) -> Option<Self> {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Self { year, month, day })
    }

    /// Reads a date as TOML writes it (`2025-08-15`, or a datetime whose date is used),
    /// for dates given on the command line: the same rules as in a file.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        let datetime: toml::value::Datetime = text.trim().parse().ok()?;
        let date = datetime.date?;
        Self::new(date.year, date.month, date.day)
    }
}

impl Date {
    /// The day `days` after 1970-01-01 (proleptic Gregorian), for the date a book was
    /// made; `None` outside the years a `u16` holds.
    #[must_use]
    pub fn from_unix_days(days: i64) -> Option<Self> {
        // Howard Hinnant's civil_from_days: eras of 400 years, March-based years.
        let z = days.checked_add(719_468)?;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Self::new(
            u16::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
    }
}

impl Date {
    /// Today in UTC, or the day `SOURCE_DATE_EPOCH` (seconds) names, so a book or a new
    /// briefing made twice from the same input is the same file; 1970-01-01 if the clock
    /// is before the epoch, which only a broken clock is.
    #[must_use]
    pub fn today() -> Self {
        let seconds = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .ok()
                    .and_then(|d| i64::try_from(d.as_secs()).ok())
            })
            .unwrap_or(0);
        Self::from_unix_days(seconds.div_euclid(86_400)).unwrap_or(Self {
            year: 1970,
            month: 1,
            day: 1,
        })
    }
}

/// `2025-08-15`, as the command line's `--from` and `--to` take it.
impl std::str::FromStr for Date {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text).ok_or_else(|| format!("\"{text}\" is not a date; write e.g. 2025-08-15"))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Text (`2025-08-15`) in the formats people read: TOML, JSON exports. A binary format
/// (the persistent index's) gets `(year, month, day)`: reading a date back from text is
/// refused on purpose, as a quoted date in a briefing is a mistake.
impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.collect_str(self)
        } else {
            (self.year, self.month, self.day).serialize(serializer)
        }
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if deserializer.is_human_readable() {
            deserializer.deserialize_any(DateVisitor)
        } else {
            let (year, month, day) = <(u16, u8, u8)>::deserialize(deserializer)?;
            Self::new(year, month, day).ok_or_else(|| {
                de::Error::custom(format!(
                    "{year:04}-{month:02}-{day:02} is not a calendar date"
                ))
            })
        }
    }
}

struct DateVisitor;

/// A TOML date, or a date and time (local, or with `Z` or an offset), as text: only days
/// the calendar has (no month 13, no 30 February, 29 February in leap years only), so
/// the schema refuses the impossible dates the loader refuses.
const DATE_PATTERN: &str = r"^([0-9]{4}-((0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])|(0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31)|([0-9]{2}(0[48]|[2468][048]|[13579][26])|(0[48]|[2468][048]|[13579][26])00)-02-29)([Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?([Zz]|[+-][0-9]{2}:[0-9]{2})?)?$";

impl<'de> Visitor<'de> for DateVisitor {
    type Value = Date;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a TOML date such as 2025-08-15")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Date, E> {
        Err(E::custom(format!(
            "expected a TOML date, found the string \"{value}\"; write dates without quotes, e.g. date = 2025-08-15"
        )))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Date, A::Error> {
        let datetime = toml::value::Datetime::deserialize(MapAccessDeserializer::new(map))?;
        let Some(date) = datetime.date else {
            return Err(de::Error::custom(format!(
                "expected a date, found the time {datetime}; write e.g. 2025-08-15"
            )));
        };
        Date::new(date.year, date.month, date.day)
            .ok_or_else(|| de::Error::custom(format!("{datetime} is not a calendar date")))
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        // A TOML date or datetime reaches a JSON-schema validator as a string. Not
        // `format: date`: that rejects a datetime, which the loader accepts (it keeps the
        // date). The one gap no schema can close: a quoted "2025-08-15" is a string too, so
        // it passes here; the loader refuses it and says to remove the quotes.
        json_schema!({
            "type": "string",
            "pattern": DATE_PATTERN,
            "description": "A TOML local date, written without quotes: 2025-08-15 (a datetime is accepted and its date used)."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_days_outside_the_month() {
        assert!(Date::new(2025, 2, 29).is_none());
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(2025, 13, 1).is_none());
        assert!(Date::new(2025, 4, 31).is_none());
    }

    #[test]
    fn days_since_the_epoch_become_calendar_dates() {
        assert_eq!(Date::from_unix_days(0), Date::new(1970, 1, 1));
        assert_eq!(Date::from_unix_days(11_016), Date::new(2000, 2, 29));
        assert_eq!(Date::from_unix_days(20_315), Date::new(2025, 8, 15));
        assert_eq!(Date::from_unix_days(-1), Date::new(1969, 12, 31));
        assert_eq!(Date::from_unix_days(i64::MAX), None);
    }

    #[test]
    fn parses_iso_dates_and_rejects_the_rest() {
        assert_eq!("2025-08-15".parse(), Ok(Date::new(2025, 8, 15).unwrap()));
        for bad in [
            "2025-02-30",
            "2025-8-15",
            "15.08.2025",
            "",
            "2025-08-15-01",
            "+025-08-15",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
    }

    #[test]
    fn parses_command_line_dates_by_toml_rules() {
        assert_eq!(Date::parse("2026-03-01"), Date::new(2026, 3, 1));
        assert_eq!(Date::parse("2026-03-01T10:00:00Z"), Date::new(2026, 3, 1));
        assert_eq!(Date::parse("2026-02-30"), None);
        assert_eq!(Date::parse("March 1st"), None);
    }

    #[test]
    fn unix_days_become_calendar_days() {
        assert_eq!(Date::from_unix_days(19_782), Date::new(2024, 2, 29));
        assert_eq!(Date::from_unix_days(20_789), Date::new(2026, 12, 2));
    }

    #[test]
    fn orders_chronologically_and_displays_iso() {
        let a = Date::new(2017, 7, 7).unwrap();
        let b = Date::new(2017, 11, 10).unwrap();
        assert!(a < b);
        assert_eq!(b.to_string(), "2017-11-10");
    }
}
