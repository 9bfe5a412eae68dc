//! Calendar dates for scenarios and transcripts: proleptic Gregorian, no time zones, no wall clock.

use std::fmt;

/// A calendar date, stored as days since 1970-01-01 so that day arithmetic is exact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i32);

impl Date {
    /// Builds a date from its year, month (1–12) and day (1–31); `None` if no such day exists.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date(days_from_civil(year, month, day)))
    }

    /// Parses `YYYY-MM-DD`; the error says what was wrong.
    pub fn parse(text: &str) -> Result<Date, String> {
        let parts: Vec<&str> = text.split('-').collect();
        let bad = || format!("`{text}` is not a date; expected YYYY-MM-DD, e.g. 2006-11-08");
        if parts.len() != 3 || parts[0].len() != 4 || parts[1].len() != 2 || parts[2].len() != 2 {
            return Err(bad());
        }
        let num = |s: &str| {
            if s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse::<u32>().ok()
            } else {
                None
            }
        };
        let (Some(y), Some(m), Some(d)) = (num(parts[0]), num(parts[1]), num(parts[2])) else {
            return Err(bad());
        };
        Date::from_ymd(y as i32, m, d).ok_or_else(|| {
            format!("`{text}` is not a day of the calendar (month {m} has no day {d})")
        })
    }

    /// The date `days` later (or earlier, if negative).
    pub fn plus(self, days: i64) -> Date {
        Date((self.0 as i64 + days) as i32)
    }

    /// Whole days from `earlier` to `self` (negative when `self` is earlier).
    pub fn days_since(self, earlier: Date) -> i64 {
        self.0 as i64 - earlier.0 as i64
    }

    /// Year, month and day.
    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.0)
    }

    /// Three-letter English weekday name.
    pub fn weekday(self) -> &'static str {
        // 1970-01-01 was a Thursday.
        const NAMES: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
        NAMES[self.0.rem_euclid(7) as usize]
    }

    /// A long form for briefs and chronicles: `8 November 2006`.
    pub fn long(self) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let (y, m, d) = self.ymd();
        format!("{d} {} {y}", MONTHS[m as usize - 1])
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(y) => 29,
        _ => 28,
    }
}

// Howard Hinnant's days-from-civil algorithm.
fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe as u32 * 365 + yoe as u32 / 4 - yoe as u32 / 100 + doy;
    era * 146_097 + doe as i32 - 719_468
}

fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = (z - era * 146_097) as u32;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe as i32 + era * 400 + if m <= 2 { 1 } else { 0 };
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_counts_days() {
        let start = Date::parse("2006-11-08").unwrap();
        assert_eq!(start.to_string(), "2006-11-08");
        assert_eq!(start.weekday(), "Wed");
        assert_eq!(start.plus(40).to_string(), "2006-12-18");
        assert_eq!(start.plus(97).to_string(), "2007-02-13");
        assert_eq!(Date::parse("2007-02-13").unwrap().days_since(start), 97);
        assert_eq!(
            Date::parse("2004-02-29").unwrap().plus(1).to_string(),
            "2004-03-01"
        );
        assert_eq!(start.long(), "8 November 2006");
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(Date::parse("2006-02-29").unwrap_err().contains("no day 29"));
        assert!(Date::parse("2006-13-01").is_err());
        assert!(Date::parse("06-11-08").is_err());
        assert!(Date::parse("2006-1-08").is_err());
        assert!(Date::parse("2006-11-0x").is_err());
    }
}
