"""The generated period and the working hours of the departments' staff."""

from __future__ import annotations

import math
import random
from datetime import date, datetime, time, timedelta

import holidays

WORK_START = time(7, 30)
WORK_END = time(17, 0)


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it is shorter)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = index // 12, index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue


class Clock:
    """[start, end) of the export, in local time; nothing after `end` is exported."""

    def __init__(self, start: date, months: int):
        self.start = datetime.combine(start, time())
        self.end = datetime.combine(add_months(start, months), time())
        self.holidays = holidays.country_holidays("VN", years=range(start.year, self.end.year + 2))
        self._working_days: dict[date, bool] = {}

    @property
    def span_hours(self) -> float:
        return (self.end - self.start).total_seconds() / 3600

    def at(self, fraction: float) -> datetime:
        """The moment a given fraction of the period in, to the second."""
        return self.start + timedelta(seconds=int(fraction * self.span_hours * 3600))

    def before_end(self, days: float) -> datetime:
        """`days` before the end, or a sixth of the period when that is shorter."""
        return self.end - timedelta(hours=min(days * 24, self.span_hours / 6))

    def between(self, rng: random.Random, first: datetime, last: datetime | None = None) -> datetime:
        last = last or self.end
        seconds = max(0, int((last - first).total_seconds()))
        return first + timedelta(seconds=rng.randrange(seconds + 1))

    def is_working_day(self, day: date) -> bool:
        if day not in self._working_days:
            self._working_days[day] = day.weekday() < 5 and day not in self.holidays
        return self._working_days[day]

    def office(self, moment: datetime, rng: random.Random) -> datetime:
        """The first working moment of staff at or after `moment` (a little after opening when it has to wait)."""
        if self.is_working_day(moment.date()) and WORK_START <= moment.time() < WORK_END:
            return moment
        day = moment.date() if moment.time() < WORK_START else moment.date() + timedelta(days=1)
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return datetime.combine(day, WORK_START) + timedelta(seconds=rng.randrange(2 * 3600))

    def after(self, rng: random.Random, moment: datetime, median_hours: float, spread: float = 0.8) -> datetime:
        """A moment some hours after `moment`: log-normal delay with the given median."""
        hours = rng.lognormvariate(math.log(median_hours), spread)
        return moment + timedelta(seconds=int(hours * 3600) + 1)
