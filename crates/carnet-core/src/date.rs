//! Calendar dates and months.
//!
//! Posts carry a day, not an instant: `2009-10-06`. [`Date`] parses and prints that ISO form (which
//! is also how the manifest stores it); each language writes it for readers (`crate::i18n`).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A day of the proleptic Gregorian calendar. Orders chronologically.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// The time of day a post was published where it was written, and that place's offset from UTC
/// (`14:03:00+02:00`), when its front matter gives both: what places it in time, for the feed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LocalTime {
    /// Seconds from midnight, local time.
    pub seconds: u32,
    /// Minutes east of UTC: `+02:00` is 120.
    pub offset_minutes: i32,
}

/// A month of a year, the unit of the archives. Orders chronologically.
///
/// Read from data, a month other than 1 to 12 is an error, not a month: its name would
/// not exist.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawYearMonth")]
pub struct YearMonth {
    /// The year, e.g. 2009.
    pub year: u16,
    /// The month, 1 to 12.
    pub month: u8,
}

/// Why a text is not a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateError {
    /// Not of the form `YYYY-MM-DD`.
    Format,
    /// Of the right form, but no such day (month 13, 30 February…).
    NoSuchDay,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Format => f.write_str("a date is written YYYY-MM-DD, e.g. 2009-10-06"),
            DateError::NoSuchDay => f.write_str("no such day in the calendar"),
        }
    }
}

impl std::error::Error for DateError {}

impl Date {
    /// The date `year-month-day`, if that day exists.
    pub fn new(year: u16, month: u8, day: u8) -> Result<Date, DateError> {
        if (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month) {
            Ok(Date { year, month, day })
        } else {
            Err(DateError::NoSuchDay)
        }
    }

    /// The day `days` days after 1970-01-01 (negative: before), for dates from 0000 to 9999.
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        // Howard Hinnant's civil_from_days: eras of 400 years, years starting in March.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z.rem_euclid(146_097);
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let shifted_month = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
        let month = if shifted_month < 10 {
            shifted_month + 3
        } else {
            shifted_month - 9
        };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Date::new(u16::try_from(year).ok()?, month as u8, day as u8).ok()
    }

    /// How many days it is after 1970-01-01 (negative: before); [`Date::from_days_since_epoch`]
    /// undone.
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let (month, day) = (i64::from(self.month), i64::from(self.day));
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year.rem_euclid(400);
        let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, from 1.
    pub fn day(self) -> u8 {
        self.day
    }

    /// The month this day falls in.
    pub fn year_month(self) -> YearMonth {
        YearMonth {
            year: self.year,
            month: self.month,
        }
    }
}

impl YearMonth {
    /// The month, if `month` is 1 to 12.
    pub fn new(year: u16, month: u8) -> Option<YearMonth> {
        (1..=12)
            .contains(&month)
            .then_some(YearMonth { year, month })
    }

    /// The month before this one; none before January of the year 0.
    pub fn before(self) -> Option<YearMonth> {
        match self.month {
            1 => Some(YearMonth {
                year: self.year.checked_sub(1)?,
                month: 12,
            }),
            month => Some(YearMonth {
                year: self.year,
                month: month - 1,
            }),
        }
    }
}

/// A [`YearMonth`] as the data writes it, before its month is checked.
#[derive(Deserialize)]
struct RawYearMonth {
    year: u16,
    month: u8,
}

impl TryFrom<RawYearMonth> for YearMonth {
    type Error = String;

    fn try_from(raw: RawYearMonth) -> Result<YearMonth, String> {
        YearMonth::new(raw.year, raw.month)
            .ok_or_else(|| format!("no month {} in the calendar", raw.month))
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 31,
    }
}

impl FromStr for Date {
    type Err = DateError;

    /// Parses exactly `YYYY-MM-DD`.
    fn from_str(text: &str) -> Result<Date, DateError> {
        let bytes = text.as_bytes();
        let digits = |range: std::ops::Range<usize>| -> Result<u16, DateError> {
            let part = &bytes[range];
            if part.iter().all(u8::is_ascii_digit) {
                Ok(part.iter().fold(0, |n, d| n * 10 + u16::from(d - b'0')))
            } else {
                Err(DateError::Format)
            }
        };
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(DateError::Format);
        }
        let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
        // Both fit in a u8: two decimal digits.
        Date::new(year, month as u8, day as u8)
    }
}

impl fmt::Display for Date {
    /// The ISO form, `2009-10-06`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        text.parse().unwrap()
    }

    #[test]
    fn a_month_is_1_to_12() {
        assert!(YearMonth::new(2009, 12).is_some());
        assert_eq!(YearMonth::new(2009, 0), None);
        assert_eq!(YearMonth::new(2009, 13), None);
    }

    #[test]
    fn the_month_before_crosses_years() {
        let month = |year, month| YearMonth::new(year, month).unwrap();
        assert_eq!(month(2009, 10).before(), Some(month(2009, 9)));
        assert_eq!(month(2009, 1).before(), Some(month(2008, 12)));
        assert_eq!(month(0, 1).before(), None);
    }

    #[test]
    fn parses_and_prints_iso_dates() {
        assert_eq!(date("2009-01-07").to_string(), "2009-01-07");
        assert_eq!(
            (date("2009-01-07").year(), date("2009-01-07").month()),
            (2009, 1)
        );
        assert_eq!(date("2009-01-07").day(), 7);
    }

    #[test]
    fn rejects_malformed_and_impossible_dates() {
        for text in [
            "2009-1-07",
            "2009/01/07",
            "07-01-2009",
            "2009-01-07T10:00",
            "",
            "abcd-ef-gh",
        ] {
            assert_eq!(text.parse::<Date>(), Err(DateError::Format), "{text}");
        }
        for text in [
            "2009-13-01",
            "2009-00-10",
            "2009-02-29",
            "2009-04-31",
            "2009-01-00",
        ] {
            assert_eq!(text.parse::<Date>(), Err(DateError::NoSuchDay), "{text}");
        }
        assert!("2008-02-29".parse::<Date>().is_ok());
        assert!("2000-02-29".parse::<Date>().is_ok());
        assert!("1900-02-29".parse::<Date>().is_err());
    }

    #[test]
    fn days_since_epoch_give_calendar_days() {
        let day = |n| Date::from_days_since_epoch(n).unwrap().to_string();
        assert_eq!(day(0), "1970-01-01");
        assert_eq!(day(-1), "1969-12-31");
        assert_eq!(day(14_523), "2009-10-06");
        assert_eq!(day(11_016), "2000-02-29");
        assert_eq!(day(20_818), "2026-12-31");
        assert_eq!(Date::from_days_since_epoch(-800_000), None);
    }

    #[test]
    fn a_days_count_is_undone_day_by_day() {
        assert_eq!(date("2009-10-06").days_since_epoch(), 14_523);
        assert_eq!(date("1969-12-31").days_since_epoch(), -1);
        for days in -800_000..=3_000_000 {
            if let Some(day) = Date::from_days_since_epoch(days) {
                assert_eq!(day.days_since_epoch(), days, "{day}");
            }
        }
    }

    #[test]
    fn orders_chronologically() {
        assert!(date("2009-01-07") < date("2009-03-10"));
        assert!(date("2008-12-31") < date("2009-01-01"));
        assert!(date("2009-10-06").year_month() > date("2009-03-10").year_month());
    }

    #[test]
    fn round_trips_through_json_as_a_string() {
        let json = serde_json::to_string(&date("2009-10-06")).unwrap();
        assert_eq!(json, "\"2009-10-06\"");
        assert_eq!(
            serde_json::from_str::<Date>(&json).unwrap(),
            date("2009-10-06")
        );
        assert!(serde_json::from_str::<Date>("\"2009-02-30\"").is_err());
    }

    #[test]
    fn a_month_read_from_data_is_one_of_twelve() {
        let month = |json: &str| serde_json::from_str::<YearMonth>(json);
        assert_eq!(
            month(r#"{"year":2009,"month":10}"#).unwrap(),
            YearMonth::new(2009, 10).unwrap()
        );
        for json in [
            r#"{"year":2009,"month":13}"#,
            r#"{"year":2009,"month":0}"#,
            r#"{"year":2009,"month":255}"#,
            r#"{"year":2009,"month":-1}"#,
            r#"{"year":2009}"#,
        ] {
            assert!(month(json).is_err(), "{json}");
        }
    }
}
