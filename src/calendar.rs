//! Date arithmetic as the texts count: calendar months (a month after 31 January is the last day
//! of February) and working days (Monday to Friday, less public holidays, plus swapped working
//! days, when the portal supplies them).

use crate::sorted::SortedSet;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use crate::messages::counted;
use crate::profile::Span;

/// The date in China (UTC+8, no daylight saving) at `unix_ms` milliseconds after 1970: the day
/// the texts' deadlines count in, wherever the server or the browser runs.
pub fn date_in_china(unix_ms: f64) -> Option<NaiveDate> {
    const UTC_PLUS_8_MS: f64 = 8.0 * 3_600_000.0;
    let days = ((unix_ms + UTC_PLUS_8_MS) / 86_400_000.0).floor();
    if !days.is_finite() || days.abs() > 3_000_000.0 {
        return None;
    }
    // 1970-01-01 is day 719,163 of the common era.
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(days as i64).ok()?.checked_add(719_163)?)
}

/// Today in China by the clock: the host's on wasm (JavaScript's `Date.now()`), the system's
/// otherwise. `None` where the clock gives no calendar date (a fake timer set to `NaN`).
pub fn today_in_china() -> Option<NaiveDate> {
    date_in_china(now_ms())
}

/// Milliseconds since 1970 by the clock. JavaScript's `Date.now()` is not caught: a panic the
/// host runs inside it (the recovery tests' trap) must reach the glue as the trap it is.
pub(crate) fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        chrono::Utc::now().timestamp_millis() as f64
    }
}

/// A date written `YYYY-MM-DD`, read as the options read `asOf` (the command line's `--as-of`).
pub fn parse_iso(text: &str) -> Option<NaiveDate> {
    crate::options::parse_date(text)
}

/// `YYYY-MM-DD`, as reports print dates. Written digit by digit: reports print several dates per
/// validation, and chrono's `Display` goes through the formatting machinery for each character.
/// A year outside 0–9999 is written with its sign, as chrono writes it (`+10000-01-01`), without
/// chrono's `Display`, which is 3 KB of wasm for dates no form sends.
pub fn iso(date: NaiveDate) -> String {
    match iso_digits(date) {
        Some(digits) => digits.iter().map(|b| char::from(*b)).collect(),
        None => format!("{:+05}-{:02}-{:02}", date.year(), date.month(), date.day()),
    }
}

/// A date's `YYYY-MM-DD` for a year of four digits, without a string to hold it.
pub(crate) fn iso_digits(date: NaiveDate) -> Option<[u8; 10]> {
    let year = u32::try_from(date.year()).ok().filter(|y| *y <= 9999)?;
    let digit = |n: u32| b'0' + (n % 10) as u8;
    let (month, day) = (date.month(), date.day());
    Some([
        digit(year / 1000),
        digit(year / 100),
        digit(year / 10),
        digit(year),
        b'-',
        digit(month / 10),
        digit(month),
        b'-',
        digit(day / 10),
        digit(day),
    ])
}

/// Public holidays and swapped working days (调休), as the State Council publishes them yearly.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HolidayCalendar {
    pub holidays: SortedSet<NaiveDate>,
    pub workdays: SortedSet<NaiveDate>,
}

impl HolidayCalendar {
    /// Whether it holds the public holidays of each year from `from` to `to`: a year with none
    /// is one the portal has not supplied (every year has 元旦), and a count through it is
    /// Monday to Friday only.
    pub fn covers(&self, from: NaiveDate, to: NaiveDate) -> bool {
        (from.year()..=to.year()).all(|year| self.holidays.iter().any(|d| d.year() == year))
    }

    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        if self.workdays.contains(&date) {
            return true;
        }
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !self.holidays.contains(&date)
    }
}

/// `date` plus `span`; `None` only past the end of the calendar.
pub fn add(date: NaiveDate, span: Span, calendar: &HolidayCalendar) -> Option<NaiveDate> {
    match span {
        Span::Days(n) => date.checked_add_days(Days::new(u64::from(n))),
        Span::Months(n) => date.checked_add_months(Months::new(n)),
        Span::Years(n) => date.checked_add_months(Months::new(n.checked_mul(12)?)),
        Span::WorkingDays(n) => {
            let mut day = date;
            let mut left = n;
            while left > 0 {
                day = day.succ_opt()?;
                if calendar.is_working_day(day) {
                    left -= 1;
                }
            }
            Some(day)
        }
    }
}

/// The longest run of rest days a State Council holiday calendar has set (春节 2020, extended to
/// 2 February by 国办发明电〔2020〕1号: 24 January to 2 February, 10 days), and a day more: public
/// holidays move a last day, or the end of a count of working days, at most this far past where
/// weekends alone put it.
pub const LONGEST_REST_RUN_DAYS: u64 = 11;

/// The latest day public holidays the portal has not given could move a period's last day
/// (`latest`, moved past weekends alone) to: the first weekday after the season of holidays it
/// falls in, and no further than a run of rest days; `None` where no holiday can fall on it.
pub fn last_day_at_most(latest: NaiveDate) -> Option<NaiveDate> {
    if !may_be_a_public_holiday(latest) {
        return None;
    }
    let cap = latest.checked_add_days(Days::new(LONGEST_REST_RUN_DAYS))?;
    let mut day = latest;
    while day < cap
        && (may_be_a_public_holiday(day) || matches!(day.weekday(), Weekday::Sat | Weekday::Sun))
    {
        day = day.succ_opt()?;
    }
    Some(day)
}

/// The latest day public holidays the portal has not given could move the end of a count of
/// working days from `from` (not counted) to `latest` to; `None` where none can fall in the count.
pub fn count_end_at_most(from: NaiveDate, latest: NaiveDate) -> Option<NaiveDate> {
    may_hold_public_holidays(from.succ_opt()?, latest)
        .then(|| latest.checked_add_days(Days::new(LONGEST_REST_RUN_DAYS)))
        .flatten()
}

/// The days of the year on which a public holiday, with the rest days the State Council's yearly
/// arrangement joins to it, can fall, as (month, day) ranges: 元旦, 春节 (除夕 to 初三, 除夕 between
/// 20 January and 19 February), 清明, 劳动节, 端午 (农历五月初五, 28 May to 25 June), 中秋 (农历八月
/// 十五, 7 September to 6 October) with 国庆 (《全国年节及纪念日放假办法》 第二条, as revised with
/// effect from 2025-01-01), each widened by the weekend and the 调休 days joined to it. A day outside
/// them is never a holiday; inside, only the portal's calendar can say.
const HOLIDAY_SEASONS: [((u32, u32), (u32, u32)); 7] = [
    ((1, 1), (1, 3)),
    ((1, 20), (2, 28)),
    ((4, 3), (4, 7)),
    ((4, 29), (5, 6)),
    ((5, 27), (6, 27)),
    ((9, 6), (10, 8)),
    ((12, 30), (12, 31)),
];

/// Whether a public holiday can fall on `date` in some year's arrangement.
pub fn may_be_a_public_holiday(date: NaiveDate) -> bool {
    let day = (date.month(), date.day());
    HOLIDAY_SEASONS
        .iter()
        .any(|&(first, last)| first <= day && day <= last)
}

/// Whether a public holiday can fall on a day from `from` to `to`, both counted.
pub fn may_hold_public_holidays(from: NaiveDate, to: NaiveDate) -> bool {
    if (to - from).num_days() > 366 {
        return true;
    }
    from.iter_days()
        .take_while(|d| *d <= to)
        .any(may_be_a_public_holiday)
}

/// The last day of a period of `span` from `date`: `date` plus `span`, moved past a weekend or a
/// public holiday it falls on to the next working day, as 民法典 第二百零三条 counts a period
/// whose last day is a rest day (a count of working days ends on one already). `None` only past
/// the end of the calendar.
pub fn last_day(date: NaiveDate, span: Span, calendar: &HolidayCalendar) -> Option<NaiveDate> {
    let mut day = add(date, span, calendar)?;
    if !span.is_zero() {
        while !calendar.is_working_day(day) {
            day = day.succ_opt()?;
        }
    }
    Some(day)
}

/// The last day of `span` lasting from `date`, `date` itself counted: 3 months from 1 March run
/// through 31 May, 10 working days from a Monday through the Friday after next. A month from
/// 31 January runs through the last day of February, which has no day 31 to stop before.
pub fn through(date: NaiveDate, span: Span, calendar: &HolidayCalendar) -> Option<NaiveDate> {
    match span {
        _ if span.is_zero() => Some(date),
        Span::WorkingDays(_) => add(date.pred_opt()?, span, calendar),
        Span::Days(_) => add(date, span, calendar)?.pred_opt(),
        Span::Months(_) | Span::Years(_) => {
            let end = add(date, span, calendar)?;
            if end.day() == date.day() {
                end.pred_opt()
            } else {
                Some(end)
            }
        }
    }
}

/// The span in words, e.g. `6个月`, `10个工作日`.
pub fn describe(span: Span, en: bool) -> String {
    match (span, en) {
        (Span::Days(n), false) => format!("{n}日"),
        (Span::WorkingDays(n), false) => format!("{n}个工作日"),
        (Span::Months(n), false) => format!("{n}个月"),
        (Span::Years(n), false) => format!("{n}年"),
        (Span::Days(n), true) => counted(n.into(), "day"),
        (Span::WorkingDays(n), true) => counted(n.into(), "working day"),
        (Span::Months(n), true) => counted(n.into(), "month"),
        (Span::Years(n), true) => counted(n.into(), "year"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// 国庆 2025 ran to 8 October, 春节 2026 (除夕 16 February) to the 23rd; 10 January and
    /// 10 July hold no holiday in any year. A last day in a season moves at most to the weekday
    /// after it; a count of working days turns on the days it counts, not the one it starts from.
    #[test]
    fn a_public_holiday_can_fall_only_in_its_season() {
        for day in [
            "2025-10-01",
            "2025-10-08",
            "2026-02-23",
            "2026-01-01",
            "2025-12-31",
        ] {
            assert!(may_be_a_public_holiday(d(day)), "{day}");
        }
        for day in [
            "2025-01-10",
            "2026-07-10",
            "2025-10-09",
            "2026-03-01",
            "2026-09-05",
        ] {
            assert!(!may_be_a_public_holiday(d(day)), "{day}");
        }
        assert!(!may_hold_public_holidays(d("2026-09-01"), d("2026-09-05")));
        assert!(may_hold_public_holidays(d("2026-09-01"), d("2026-09-06")));
        assert!(may_hold_public_holidays(d("2026-07-10"), d("2027-07-12")));
        // 清明 2025: 4 April (Friday) moves at most to Tuesday the 8th; 元旦: 3 January 2025 (a
        // Friday) to Monday the 6th; 8 October 2025 (Wednesday) to the 9th.
        assert_eq!(last_day_at_most(d("2025-04-04")), Some(d("2025-04-08")));
        assert_eq!(last_day_at_most(d("2025-01-03")), Some(d("2025-01-06")));
        assert_eq!(last_day_at_most(d("2025-10-08")), Some(d("2025-10-09")));
        assert_eq!(last_day_at_most(d("2025-01-10")), None);
        // 春节's season is long: the run of rest days caps it.
        assert_eq!(last_day_at_most(d("2026-02-02")), Some(d("2026-02-13")));
        assert_eq!(count_end_at_most(d("2025-04-07"), d("2025-04-16")), None);
        assert_eq!(
            count_end_at_most(d("2025-04-06"), d("2025-04-16")),
            Some(d("2025-04-27"))
        );
    }

    #[test]
    fn one_is_singular_in_english() {
        assert_eq!(describe(Span::Months(1), true), "1 month");
        assert_eq!(describe(Span::Years(1), true), "1 year");
        assert_eq!(describe(Span::WorkingDays(7), true), "7 working days");
        assert_eq!(describe(Span::Months(1), false), "1个月");
    }

    /// Today is Beijing's day: 17:00 UTC on 31 October is 1 November in China.
    #[test]
    fn the_date_is_chinas() {
        let at = |text: &str| {
            let ms = chrono::DateTime::parse_from_rfc3339(text)
                .unwrap()
                .timestamp_millis();
            date_in_china(ms as f64)
        };
        assert_eq!(at("2025-10-31T15:59:59.999Z"), Some(d("2025-10-31")));
        assert_eq!(at("2025-10-31T16:00:00Z"), Some(d("2025-11-01")));
        assert_eq!(at("1969-12-31T15:00:00Z"), Some(d("1969-12-31")));
        assert_eq!(at("1969-12-31T16:00:00Z"), Some(d("1970-01-01")));
        assert_eq!(date_in_china(f64::NAN), None);
        assert_eq!(
            date_in_china(8.64e15),
            None,
            "the year 275760, as far as a JS date goes"
        );
    }

    /// Dates are written as chrono writes them, in and past the years of four digits.
    #[test]
    fn iso_is_chrono_display() {
        let years = [
            -262_143, -10_000, -1, 0, 1, 999, 2025, 9999, 10_000, 262_142,
        ];
        for year in years {
            for (month, day) in [(1, 1), (2, 28), (12, 31)] {
                let date = NaiveDate::from_ymd_opt(year, month, day).unwrap();
                assert_eq!(iso(date), date.to_string());
            }
        }
        assert_eq!(iso(NaiveDate::MIN), NaiveDate::MIN.to_string());
        assert_eq!(iso(NaiveDate::MAX), NaiveDate::MAX.to_string());
    }

    #[test]
    fn months_clamp_to_month_end() {
        let cal = HolidayCalendar::default();
        assert_eq!(
            add(d("2024-08-31"), Span::Months(6), &cal),
            Some(d("2025-02-28"))
        );
        assert_eq!(
            add(d("2023-08-31"), Span::Months(6), &cal),
            Some(d("2024-02-29"))
        );
        assert_eq!(
            add(d("2024-01-15"), Span::Years(1), &cal),
            Some(d("2025-01-15"))
        );
    }

    #[test]
    fn a_period_ending_on_a_rest_day_ends_on_the_next_working_day() {
        let plain = HolidayCalendar::default();
        // 2025-12-06 + 6 months is Saturday 2026-06-06.
        assert_eq!(
            last_day(d("2025-12-06"), Span::Months(6), &plain),
            Some(d("2026-06-08"))
        );
        assert_eq!(
            last_day(d("2025-12-05"), Span::Months(6), &plain),
            Some(d("2026-06-05"))
        );
        let national_day = HolidayCalendar {
            holidays: (1..=7)
                .map(|day| NaiveDate::from_ymd_opt(2026, 10, day).unwrap())
                .collect(),
            workdays: [d("2026-10-10")].into_iter().collect(),
        };
        // 2026-04-01 + 6 months is 1 October: the period runs to the 8th.
        assert_eq!(
            last_day(d("2026-04-01"), Span::Months(6), &national_day),
            Some(d("2026-10-08"))
        );
        // A swapped working day (Saturday 10 October) is a working day.
        assert_eq!(
            last_day(d("2026-09-10"), Span::Days(30), &national_day),
            Some(d("2026-10-10"))
        );
        // Nothing moves a span of nothing, and working days end on one.
        assert_eq!(
            last_day(d("2026-10-03"), Span::Days(0), &national_day),
            Some(d("2026-10-03"))
        );
        assert_eq!(
            last_day(d("2026-09-30"), Span::WorkingDays(1), &national_day),
            add(d("2026-09-30"), Span::WorkingDays(1), &national_day)
        );
    }

    #[test]
    fn a_span_lasting_from_a_day_counts_that_day() {
        let plain = HolidayCalendar::default();
        let through = |from: &str, span| through(d(from), span, &plain).map(|d| d.to_string());
        assert_eq!(
            through("2026-03-01", Span::Months(3)).as_deref(),
            Some("2026-05-31")
        );
        assert_eq!(
            through("2026-03-01", Span::Months(6)).as_deref(),
            Some("2026-08-31")
        );
        assert_eq!(
            through("2026-02-01", Span::Months(1)).as_deref(),
            Some("2026-02-28")
        );
        assert_eq!(
            through("2026-01-31", Span::Months(1)).as_deref(),
            Some("2026-02-28")
        );
        assert_eq!(
            through("2028-02-29", Span::Years(1)).as_deref(),
            Some("2029-02-28")
        );
        // Monday 2 March and nine more working days: Friday 13 March.
        assert_eq!(
            through("2026-03-02", Span::WorkingDays(10)).as_deref(),
            Some("2026-03-13")
        );
        assert_eq!(
            through("2026-03-02", Span::Days(0)).as_deref(),
            Some("2026-03-02")
        );
    }

    #[test]
    fn a_calendar_covers_the_years_it_has_holidays_in() {
        let only_2026 = HolidayCalendar {
            holidays: [d("2026-10-01")].into_iter().collect(),
            workdays: [d("2027-02-07")].into_iter().collect(),
        };
        assert!(only_2026.covers(d("2026-01-01"), d("2026-12-31")));
        assert!(!only_2026.covers(d("2026-12-28"), d("2027-01-12")));
        assert!(!HolidayCalendar::default().covers(d("2026-03-01"), d("2026-03-02")));
    }

    #[test]
    fn working_days_skip_weekends_and_holidays_and_count_swapped_days() {
        let plain = HolidayCalendar::default();
        // Friday 2024-09-27 + 10 working days, weekends only: Friday 2024-10-11.
        assert_eq!(
            add(d("2024-09-27"), Span::WorkingDays(10), &plain),
            Some(d("2024-10-11"))
        );
        let national_day = HolidayCalendar {
            holidays: (1..=7)
                .map(|day| NaiveDate::from_ymd_opt(2024, 10, day).unwrap())
                .collect(),
            workdays: [d("2024-09-29"), d("2024-10-12")].into_iter().collect(),
        };
        // 09-29 (Sun, swapped) 09-30, then 10-08..10-12 (Sat swapped), then 10-14..10-16.
        assert_eq!(
            add(d("2024-09-27"), Span::WorkingDays(10), &national_day),
            Some(d("2024-10-16"))
        );
    }
}
