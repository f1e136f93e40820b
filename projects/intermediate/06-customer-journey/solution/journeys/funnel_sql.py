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
    # BEGIN SOLUTION (task 4): one query: window functions over the steps, LAG, Wilson
    # BEGIN PROMPT
    # z = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    # step_table = pd.DataFrame({"step_number": range(1, len(steps) + 1), "step": list(steps)})
    # query = ...  # one SELECT of CTEs, one idea each:
    # ...  # ordered: each event, its session's start (MIN OVER) and position (ROW_NUMBER OVER)
    # ...  # segments: the `by` columns of each session's first event
    # ...  # firsts: the first time of each step in each session (join the steps table)
    # ...  # grid: every session crossed with every step, LEFT JOINed to firsts
    # ...  # walked: running MAX of the first times, of the steps before and up to this one
    # ...  # judged: a running count of the steps that break the rule (0: reached)
    # ...  # counted: per segment and step: sessions reached, all sessions, MEDIAN time
    # ...  # the previous step's count by LAG, the rates and the Wilson interval
    # ...  # connection = duckdb.connect(); register "events" and "steps"; execute(query, {"z": z})
    # END PROMPT
    z = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    segment = ", ".join(f"o.{quoted(column)}" for column in by)
    keys = ", ".join(f"{quoted(column)}" for column in by)
    select_segment = f"{segment}, " if by else ""
    key_prefix = f"{keys}, " if by else ""
    partition = f"PARTITION BY {keys}" if by else ""
    broken = "first_time IS NULL" + (
        " OR (previous_max IS NOT NULL AND first_time < previous_max)" if strict else ""
    )
    step_table = pd.DataFrame({"step_number": range(1, len(steps) + 1), "step": list(steps)})
    query = f"""
    WITH ordered AS (
        SELECT *,
            MIN(received) OVER (PARTITION BY session) AS start,
            ROW_NUMBER() OVER (PARTITION BY session ORDER BY received, event_id) AS position
        FROM events
    ),
    segments AS (SELECT {select_segment}o.session FROM ordered AS o WHERE o.position = 1),
    firsts AS (
        SELECT o.session, s.step_number, MIN(o.received - o.start) AS first_time
        FROM ordered AS o JOIN steps AS s ON o.event = s.step
        GROUP BY o.session, s.step_number
    ),
    grid AS (
        SELECT g.*, s.step_number, s.step, f.first_time
        FROM segments AS g CROSS JOIN steps AS s
        LEFT JOIN firsts AS f ON f.session = g.session AND f.step_number = s.step_number
    ),
    walked AS (
        SELECT *,
            MAX(first_time) OVER (PARTITION BY session ORDER BY step_number
                ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS previous_max,
            MAX(first_time) OVER (PARTITION BY session ORDER BY step_number
                ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS reached_time
        FROM grid
    ),
    judged AS (
        SELECT *,
            SUM(CASE WHEN {broken} THEN 1 ELSE 0 END) OVER (PARTITION BY session
                ORDER BY step_number ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS breaks
        FROM walked
    ),
    counted AS (
        SELECT {key_prefix}step_number, step,
            COUNT(*) FILTER (WHERE breaks = 0) AS sessions,
            COUNT(*) AS total,
            MEDIAN(reached_time) FILTER (WHERE breaks = 0) AS median_seconds
        FROM judged
        GROUP BY {key_prefix}step_number, step
    ),
    rated AS (
        SELECT *,
            COALESCE(LAG(sessions) OVER ({partition} ORDER BY step_number), total) AS previous
        FROM counted
    ),
    wilson AS (
        SELECT *,
            sessions / NULLIF(previous, 0) AS p,
            1 + $z * $z / NULLIF(previous, 0) AS denominator
        FROM rated
    )
    SELECT {key_prefix}step_number, step, sessions,
        p AS from_previous,
        sessions / NULLIF(total, 0) AS from_start,
        (p + $z * $z / (2 * previous)) / denominator
            - $z / denominator * SQRT(p * (1 - p) / previous + $z * $z / (4 * previous * previous))
            AS ci_low,
        (p + $z * $z / (2 * previous)) / denominator
            + $z / denominator * SQRT(p * (1 - p) / previous + $z * $z / (4 * previous * previous))
            AS ci_high,
        median_seconds
    FROM wilson
    ORDER BY {key_prefix}step_number
    """
    connection = duckdb.connect()
    try:
        connection.register("events", sessions)
        connection.register("steps", step_table)
        table = connection.execute(query, {"z": z}).df()
    finally:
        connection.close()
    table["sessions"] = table["sessions"].astype("int64")
    table["step_number"] = table["step_number"].astype("int64")
    return table[[*by, *FUNNEL_COLUMNS]]
    # END SOLUTION
