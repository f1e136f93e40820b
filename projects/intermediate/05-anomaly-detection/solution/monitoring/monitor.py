"""Real-time monitoring: one event at a time in, one score per good reading out.

The monitor is the part that meets the outside world, so it trusts nothing:
- a malformed event is refused with a reason that names what was wrong, and counted;
- a reading no newer than the last one scored (late, or sent twice) is dropped, and
  counted: the detectors learn each moment once and in order;
- a silence longer than `max_gap` is reported as a Gap, and the detectors start again
  after it: the readings before a gap say little about the ones after.

Each good reading gets three signals, each in units of its own threshold (1.0 is on
the threshold): `jump`, the robust z-score of the change from the last reading;
`level`, the EWMA chart's z-score of the value; `flatline`, how long the value has not
moved. The score is the largest of the three. Memory stays bounded whatever the length
of the stream: the detectors' windows, a few numbers, and the last refusals and gaps.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass

import pandas as pd

from monitoring.detectors import EWMAChart, RobustZScore

MAX_GAP = pd.Timedelta(minutes=15)
JUMP_THRESHOLD = 12.0  # robust z of the change from the last reading
LEVEL_THRESHOLD = 8.0  # EWMA z of the value
STUCK_READINGS = 18  # readings in a row with the same value (an hour and a half)
KEPT = 100  # the last refusals and gaps kept for inspection (all are counted)


class BadReading(ValueError):
    """An event that is not a reading: its message names the field at fault."""


@dataclass(frozen=True)
class Reading:
    """One reading of the sensor."""

    time: pd.Timestamp
    value: float


@dataclass(frozen=True)
class Score:
    """What the monitor says of one reading: its signals, in threshold units, and the largest."""

    time: pd.Timestamp
    value: float
    signals: dict[str, float]
    score: float


@dataclass(frozen=True)
class Gap:
    """A silence longer than the monitor's max_gap: the last reading before it, the first after."""

    start: pd.Timestamp
    end: pd.Timestamp


def parse_reading(event: object) -> Reading:
    """Check an event and return its Reading, or raise BadReading naming what is wrong.

    In this order: the event is a dict; it has "time" and "value"; the time parses
    with pd.Timestamp (a time without a zone is taken as it is); the value is a real
    number (an int or a float, not a bool, not a string), finite, and not negative.
    """
    # BEGIN SOLUTION (task 3): check type, fields, time, then value, each with its own message
    if not isinstance(event, dict):
        raise BadReading(f"an event must be a JSON object, got {type(event).__name__}")
    for field in ("time", "value"):
        if field not in event:
            raise BadReading(f"the event has no {field!r} field")
    try:
        time = pd.Timestamp(event["time"])
    except (TypeError, ValueError) as error:
        raise BadReading(f"'time' is not a time: {event['time']!r}") from error
    if time is pd.NaT:
        raise BadReading(f"'time' is not a time: {event['time']!r}")
    value = event["value"]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BadReading(f"'value' must be a number, got {type(value).__name__}")
    if not math.isfinite(value):
        raise BadReading(f"'value' must be finite, got {value}")
    if value < 0:
        raise BadReading(f"'value' must not be negative, got {value}")
    return Reading(time=time, value=float(value))
    # END SOLUTION


class Monitor:
    """Turn a stream of events into scores, one event at a time (see the module's docstring)."""

    def __init__(
        self,
        jump_window: int = 24,
        level_alpha: float = 0.1,
        max_gap: pd.Timedelta = MAX_GAP,
        jump_threshold: float = JUMP_THRESHOLD,
        level_threshold: float = LEVEL_THRESHOLD,
        stuck_readings: int = STUCK_READINGS,
    ) -> None:
        self.jump = RobustZScore(window=jump_window, min_periods=jump_window // 2, min_scale=2.0)
        self.level = EWMAChart(alpha=level_alpha, warmup=12, min_std=2.0)
        self.max_gap = max_gap
        self.jump_threshold = jump_threshold
        self.level_threshold = level_threshold
        self.stuck_readings = stuck_readings
        self.last: Reading | None = None
        self.unchanged = 0  # readings in a row equal to the one before them
        self.gaps: deque[Gap] = deque(maxlen=KEPT)
        self.refused: deque[tuple[object, str]] = deque(maxlen=KEPT)
        self.counts = {"scored": 0, "refused": 0, "late": 0, "gaps": 0}

    def process(self, event: object) -> Score | None:
        """Check one event and score it; None when it is refused or dropped.

        - A BadReading is caught: (event, its message) goes to self.refused, and
          counts["refused"] grows by one.
        - A reading whose time is not after the last scored reading's is dropped:
          counts["late"] grows by one.
        - When the time since the last scored reading is more than max_gap, a
          Gap(last time, this time) is appended to self.gaps, counts["gaps"] grows by
          one, and both detectors are reset: this reading has no change to score.
        - Otherwise the signals, each divided by its threshold: "jump", the absolute
          robust z of value - last value (0 while it is NaN, and for the first reading
          after a start or a gap, which has no change: nothing is learnt then);
          "level", the absolute EWMA z of the value (0 while NaN); "flatline", the
          readings in a row equal to the one before them (0 when the value moved).
          The score is the largest signal.
        """
        # BEGIN SOLUTION (task 3): refuse, drop late, detect a gap, then score the reading
        # BEGIN PROMPT
        # ...  # parse_reading, or keep (event, reason) in self.refused, count it, return None
        # last = self.last
        # ...  # not after last.time: count it as late, return None
        # ...  # more than max_gap after last.time: a Gap, counted; reset both detectors;
        # ...  # from here on the reading is a first one (last = None)
        # jump = ...  # 0.0 for a first reading, else the robust z of the change
        # level = ...  # the EWMA z of the value
        # ...  # self.unchanged: one more when the value equals last's, else 0
        # signals = ...  # {"jump", "level", "flatline"}, each |value| / its threshold
        # # Set self.last, count the reading as scored, return its Score.
        # END PROMPT
        try:
            reading = parse_reading(event)
        except BadReading as error:
            self.refused.append((event, str(error)))
            self.counts["refused"] += 1
            return None
        last = self.last
        if last is not None and reading.time <= last.time:
            self.counts["late"] += 1
            return None
        if last is not None and reading.time - last.time > self.max_gap:
            self.gaps.append(Gap(start=last.time, end=reading.time))
            self.counts["gaps"] += 1
            self.jump.reset()
            self.level.reset()
            last = None
        jump = 0.0 if last is None else self.jump.update(reading.value - last.value)
        level = self.level.update(reading.value)
        self.unchanged = (
            self.unchanged + 1 if last is not None and reading.value == last.value else 0
        )
        signals = {
            "jump": _magnitude(jump) / self.jump_threshold,
            "level": _magnitude(level) / self.level_threshold,
            "flatline": self.unchanged / self.stuck_readings,
        }
        self.last = reading
        self.counts["scored"] += 1
        return Score(reading.time, reading.value, signals, max(signals.values()))
        # END SOLUTION


def _magnitude(z: float) -> float:
    """|z|, and 0 for a detector still warming up (NaN)."""
    return 0.0 if math.isnan(z) else abs(z)
