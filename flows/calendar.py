"""Working-day arithmetic for dossier deadlines (R-PRO-6, R-PRO-4).

A working day runs 07:00-11:30 and 13:30-17:00 (Asia/Ho_Chi_Minh), Monday to Friday, minus Vietnam's
public holidays and compensatory days off (the `holidays` package, which also knows the Saturdays
swapped into working days), corrected by the operators' table of announced changes
(`CalendarOverride`). Deadlines are counted in working time: "3 working days" is 3 x 8 working hours
from the moment the clock starts, so a dossier received after hours starts counting the next working
morning, and half a working day (R-PRO-4) is 4 working hours.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import holidays

VIETNAM_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
WORKING_PERIODS = ((time(7, 0), time(11, 30)), (time(13, 30), time(17, 0)))
WORKING_DAY = sum(
    (datetime.combine(date.min, end) - datetime.combine(date.min, start) for start, end in WORKING_PERIODS),
    timedelta(),
)
# No legal time limit comes near this; it stops a broken calendar (every day off) from looping forever.
MAX_DAYS_SEARCHED = 3660


@functools.cache
def _public_holidays() -> holidays.HolidayBase:
    return holidays.country_holidays("VN", language="vi")


@dataclass(frozen=True)
class WorkingCalendar:
    """Vietnam's working days with the operators' overrides (date → is it a working day?)."""

    overrides: dict[date, bool]

    def is_working_day(self, day: date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        return _public_holidays().is_working_day(day)

    def periods(self, day: date) -> list[tuple[datetime, datetime]]:
        if not self.is_working_day(day):
            return []
        return [
            (datetime.combine(day, start, VIETNAM_TZ), datetime.combine(day, end, VIETNAM_TZ))
            for start, end in WORKING_PERIODS
        ]

    def periods_from(self, moment: datetime) -> Iterator[tuple[datetime, datetime]]:
        """The working periods from `moment` on, the first one cut at `moment`."""
        moment = moment.astimezone(VIETNAM_TZ)
        day = moment.date()
        for _ in range(MAX_DAYS_SEARCHED):
            for start, end in self.periods(day):
                if end > moment:
                    yield max(start, moment), end
            day += timedelta(days=1)
        raise ValueError("No working day found within ten years: check the calendar overrides.")

    def clock_start(self, moment: datetime) -> datetime:
        """When the clock starts for something received at `moment` (the next working moment)."""
        return next(self.periods_from(moment))[0]

    def add_working_time(self, start: datetime, duration: timedelta) -> datetime:
        """The moment `duration` of working time after `start`.

        A deadline that uses up a whole period ends at that period's end (17:00), not at the start of
        the next one.
        """
        if duration < timedelta():
            raise ValueError("duration must not be negative")
        remaining = duration
        for period_start, period_end in self.periods_from(start):
            available = period_end - period_start
            if remaining <= available:
                return period_start + remaining
            remaining -= available
        raise AssertionError("unreachable: periods_from never ends normally")

    def add_working_days(self, start: datetime, days: float | Decimal | int) -> datetime:
        return self.add_working_time(start, WORKING_DAY * float(days))

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        total = timedelta()
        if end <= start:
            return total
        for period_start, period_end in self.periods_from(start):
            if period_start >= end:
                break
            total += min(period_end, end) - period_start
        return total


def calendar_current() -> WorkingCalendar:
    """The calendar with the overrides now in the database (one query)."""
    from flows.models import CalendarOverride

    return WorkingCalendar(
        overrides={
            row.date: row.kind == CalendarOverride.Kind.WORKING_DAY
            for row in CalendarOverride.objects.only("date", "kind")
        }
    )


def add_working_days(start: datetime, days: float | Decimal | int) -> datetime:
    return calendar_current().add_working_days(start, days)


def add_working_time(start: datetime, duration: timedelta) -> datetime:
    return calendar_current().add_working_time(start, duration)


def working_time_between(start: datetime, end: datetime) -> timedelta:
    return calendar_current().working_time_between(start, end)


def is_working_day(day: date) -> bool:
    return calendar_current().is_working_day(day)
