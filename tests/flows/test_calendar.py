from datetime import datetime, timedelta

import pytest

from flows.calendar import VIETNAM_TZ, WorkingCalendar, add_working_days, working_time_between
from flows.models import CalendarOverride


def at(year, month, day, hour=0, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=VIETNAM_TZ)


plain = WorkingCalendar(overrides={})


@pytest.mark.parametrize(
    ("received", "days", "due"),
    [
        # Tết Bính Ngọ 2026: Mon 16/02 - Fri 20/02 off, plus the weekends around it.
        (at(2026, 2, 13, 9), 1, at(2026, 2, 23, 9)),
        # Tết Đinh Mùi 2027: Thu 04/02 - Wed 10/02 off.
        (at(2027, 2, 3, 10), 1, at(2027, 2, 11, 10)),
        # 30/4 and 1/5 2026 fall on Thursday and Friday.
        (at(2026, 4, 29, 10), 1, at(2026, 5, 4, 10)),
        # 2/9 2026: Mon 31/08 (swapped for Sat 22/08), Tue 01/09 and Wed 02/09 off.
        (at(2026, 8, 28, 16), 1, at(2026, 9, 3, 16)),
        # ... and Saturday 22/08/2026 is a working day.
        (at(2026, 8, 21, 10), 1, at(2026, 8, 22, 10)),
        # Five working days over an ordinary weekend.
        (at(2026, 3, 4, 8), 5, at(2026, 3, 11, 8)),
    ],
)
def test_working_days_skip_weekends_and_public_holidays(received, days, due):
    assert plain.add_working_days(received, days) == due


def test_received_after_hours_counts_from_the_next_working_morning():
    # Monday 18:00: the clock starts Tuesday 07:00, one working day ends Tuesday 17:00.
    assert plain.clock_start(at(2026, 3, 2, 18)) == at(2026, 3, 3, 7)
    assert plain.add_working_days(at(2026, 3, 2, 18), 1) == at(2026, 3, 3, 17)
    # Friday evening before Tết: the clock starts on Monday 23/02/2026.
    assert plain.clock_start(at(2026, 2, 13, 19)) == at(2026, 2, 23, 7)
    # At lunch time the clock starts at 13:30.
    assert plain.clock_start(at(2026, 3, 2, 12)) == at(2026, 3, 2, 13, 30)


def test_half_a_working_day_skips_the_lunch_break():
    assert plain.add_working_days(at(2026, 3, 2, 10), 0.5) == at(2026, 3, 2, 16)
    # A deadline that uses up the afternoon ends at 17:00, not at 07:00 the next day.
    assert plain.add_working_days(at(2026, 3, 2, 11), 0.5) == at(2026, 3, 2, 17)
    assert plain.add_working_time(at(2026, 3, 2, 16), timedelta(hours=4)) == at(2026, 3, 3, 10)


def test_working_time_between_ignores_nights_weekends_and_holidays():
    assert plain.working_time_between(at(2026, 3, 2, 10), at(2026, 3, 3, 10)) == timedelta(hours=8)
    assert plain.working_time_between(at(2026, 2, 13, 17), at(2026, 2, 23, 7)) == timedelta()
    assert plain.working_time_between(at(2026, 3, 6, 16), at(2026, 3, 9, 8)) == timedelta(hours=2)


@pytest.mark.django_db
def test_operator_overrides_add_days_off_and_working_saturdays():
    CalendarOverride.objects.create(
        date=at(2026, 3, 3).date(), kind=CalendarOverride.Kind.DAY_OFF, reason="Nghỉ bổ sung theo thông báo"
    )
    CalendarOverride.objects.create(
        date=at(2026, 3, 7).date(), kind=CalendarOverride.Kind.WORKING_DAY, reason="Làm bù"
    )
    assert add_working_days(at(2026, 3, 2, 10), 1) == at(2026, 3, 4, 10)
    assert add_working_days(at(2026, 3, 6, 10), 1) == at(2026, 3, 7, 10)
    assert working_time_between(at(2026, 3, 2, 17), at(2026, 3, 4, 7)) == timedelta()


def test_negative_durations_are_refused():
    with pytest.raises(ValueError):
        plain.add_working_time(at(2026, 3, 2, 10), timedelta(hours=-1))
