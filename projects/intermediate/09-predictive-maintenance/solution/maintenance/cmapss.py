"""Read a log in C-MAPSS's text format: one cycle a line, 26 space-separated numbers.

NASA's files (``train_FD001.txt`` ...) have no header: unit, cycle, three operating
settings, then 21 sensors. A file that breaks the format is refused with the number of
the line and what is wrong with it, or, when asked, its bad lines are set aside and
every good line is kept.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from maintenance.simulator import COLUMNS, SETTINGS

ERRORS = ("raise", "skip")


class BadFile(ValueError):
    """A line of a C-MAPSS file that breaks the format."""


def parse_line(line: str, number: int) -> list[float]:
    """The 26 numbers of one line, or ``BadFile`` naming the line and the first problem.

    Checked in this order, each with its message after "line N: ":
    exactly 26 fields ("expected 26 fields, got 25"); each field a number ("field 6
    (sensor_1) is not a number: 'x'", fields counted from 1 and named by COLUMNS); unit
    and cycle whole numbers of at least 1 ("unit must be a whole number >= 1"); the
    settings finite ("setting_2 must be finite"). A sensor may read ``nan``: a dropout.
    """
    # BEGIN SOLUTION (task 1): count the fields, parse each, then check unit, cycle, settings
    fields = line.split()
    if len(fields) != len(COLUMNS):
        raise BadFile(f"line {number}: expected {len(COLUMNS)} fields, got {len(fields)}")
    values = []
    for position, field in enumerate(fields, start=1):
        try:
            values.append(float(field))
        except ValueError:
            raise BadFile(
                f"line {number}: field {position} ({COLUMNS[position - 1]}) is not a number: "
                f"{field!r}"
            ) from None
    for name, value in zip(("unit", "cycle"), values[:2], strict=True):
        if not (math.isfinite(value) and value == int(value) and value >= 1):
            raise BadFile(f"line {number}: {name} must be a whole number >= 1, got {value}")
    for name, value in zip(SETTINGS, values[2:5], strict=True):
        if not math.isfinite(value):
            raise BadFile(f"line {number}: {name} must be finite, got {value}")
    return values
    # END SOLUTION


def read_cmapss(path: Path, errors: str = "raise") -> tuple[pd.DataFrame, list[str]]:
    """The readings of a C-MAPSS file and the problems met, one message per bad line.

    Blank lines are no data and no problem. Lines are numbered from 1. Besides a line
    that ``parse_line`` refuses, a line whose cycle is not after the previous cycle of
    the same unit is bad ("cycle C of unit U does not follow cycle P"). With
    ``errors="raise"`` the first bad line raises ``BadFile`` (and the problems list is
    empty); with ``errors="skip"`` bad lines are left out and their messages returned.
    The frame has the columns ``COLUMNS``, unit and cycle as int64, the rest float64.
    """
    if errors not in ERRORS:
        raise ValueError(f"errors must be one of {ERRORS}, got {errors!r}")
    # BEGIN SOLUTION (task 1): parse each non-blank line, check cycle order per unit, collect
    rows, problems, last_cycle = [], [], {}
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            values = parse_line(line, number)
            unit, cycle = int(values[0]), int(values[1])
            previous = last_cycle.get(unit)
            if previous is not None and cycle <= previous:
                raise BadFile(
                    f"line {number}: cycle {cycle} of unit {unit} does not follow cycle {previous}"
                )
        except BadFile as problem:
            if errors == "raise":
                raise
            problems.append(str(problem))
            continue
        last_cycle[unit] = cycle
        rows.append(values)
    frame = pd.DataFrame(rows, columns=list(COLUMNS), dtype="float64")
    frame[["unit", "cycle"]] = frame[["unit", "cycle"]].astype("int64")
    return frame, problems
    # END SOLUTION
