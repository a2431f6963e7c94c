//! The day it is where the author is: today in the machine's local time zone.
//!
//! `new` dates a post with it and `build` publishes the posts dated up to it, so a post started
//! today is published today, whatever the hour. The time zone is the system's (`TZ`, else
//! `/etc/localtime`; UTC if neither says), read by jiff, which knows the rules of every zone.

use carnet_core::Date;
use jiff::tz::TimeZone;
use jiff::Timestamp;

/// Today in the local time zone, by the system clock.
pub fn today() -> Date {
    day_at(Timestamp::now(), &TimeZone::system())
}

/// The day `instant` falls on in `zone`.
pub fn day_at(instant: Timestamp, zone: &TimeZone) -> Date {
    let day = instant.to_zoned_datetime(zone.clone()).date();
    // jiff's years are -9999..=9999; a clock before year 0 is no clock worth trusting.
    let year = u16::try_from(day.year()).unwrap_or(0);
    Date::new(year, day.month() as u8, day.day() as u8).expect("jiff gives calendar days")
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::tz::offset;

    #[test]
    fn the_day_is_the_one_of_the_time_zone_not_of_utc() {
        // 6 October 2009, 23:30 UTC.
        let instant: Timestamp = "2009-10-06T23:30:00Z".parse().unwrap();
        let day = |zone: &TimeZone| day_at(instant, zone).to_string();
        assert_eq!(day(&TimeZone::UTC), "2009-10-06");
        assert_eq!(day(&TimeZone::fixed(offset(2))), "2009-10-07");
        assert_eq!(day(&TimeZone::fixed(offset(-5))), "2009-10-06");
        // Paris, with its summer time, if this machine has the time zone database.
        if let Ok(paris) = TimeZone::get("Europe/Paris") {
            assert_eq!(day(&paris), "2009-10-07");
            let winter: Timestamp = "2009-12-31T23:30:00Z".parse().unwrap();
            assert_eq!(day_at(winter, &paris).to_string(), "2010-01-01");
        }
    }
}
