"""Task 4: the same funnel in SQL, on DuckDB, with window functions.

Written a second time in another language, the funnel checks itself: the two tables
must agree, and where they differ one of them has a bug. DuckDB is an analytical
database that runs inside the process and reads a pandas frame in place.
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import NormalDist

import duckdb
import pandas as pd

from journeys.funnel import FUNNEL_COLUMNS
from journeys.simulator import STEPS


def quoted(column: str) -> str:
    """A column name as a SQL identifier, safe whatever it holds."""
    return '"' + column.replace('"', '""') + '"'


def funnel_sql(
    sessions: pd.DataFrame,
    steps: Sequence[str] = STEPS,
    strict: bool = True,
    by: Sequence[str] = (),
    confidence: float = 0.95,
) -> pd.DataFrame:
    """The table of journeys.funnel.funnel, computed by one SQL query on DuckDB.

    Same arguments, same rows in the same order, same columns; counts as integers,
    NaN where pandas has NaN. Pass the data and z to the query as parameters, never by
    formatting values into the SQL text (only the quoted `by` column names go there).
    """
    z = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    step_table = pd.DataFrame({"step_number": range(1, len(steps) + 1), "step": list(steps)})
    query = ...  # one SELECT of CTEs, one idea each:
    ...  # ordered: each event, its session's start (MIN OVER) and position (ROW_NUMBER OVER)
    ...  # segments: the `by` columns of each session's first event
    ...  # firsts: the first time of each step in each session (join the steps table)
    ...  # grid: every session crossed with every step, LEFT JOINed to firsts
    ...  # walked: running MAX of the first times, of the steps before and up to this one
    ...  # judged: a running count of the steps that break the rule (0: reached)
    ...  # counted: per segment and step: sessions reached, all sessions, MEDIAN time
    ...  # the previous step's count by LAG, the rates and the Wilson interval
    ...  # connection = duckdb.connect(); register "events" and "steps"; execute(query, {"z": z})
    raise NotImplementedError("Task 4: one query: window functions over the steps, LAG, Wilson")
