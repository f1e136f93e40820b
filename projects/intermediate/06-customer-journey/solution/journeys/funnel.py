"""Task 3: the funnel, step by step, in pandas.

For each session (and each segment, when asked), which steps of the funnel it reached,
how long it took, and the conversion from step to step with a Wilson interval.
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import NormalDist

import numpy as np
import pandas as pd

from journeys.simulator import STEPS

FUNNEL_COLUMNS = (
    "step_number",
    "step",
    "sessions",
    "from_previous",
    "from_start",
    "ci_low",
    "ci_high",
    "median_seconds",
)


def wilson_interval(
    successes: np.ndarray, trials: np.ndarray, confidence: float = 0.95
) -> tuple[np.ndarray, np.ndarray]:
    """The Wilson score interval of a proportion, element by element.

    With z = NormalDist().inv_cdf(1 - (1 - confidence) / 2), p = successes / trials and
    n = trials: centre (p + z²/2n) / (1 + z²/n), half-width
    z / (1 + z²/n) * sqrt(p(1 - p)/n + z²/4n²). Where trials is 0,
    both ends are NaN, quietly: no RuntimeWarning.
    """
    # BEGIN SOLUTION (task 3): z from NormalDist; the Wilson centre and half-width
    successes = np.asarray(successes, dtype=float)
    n = np.asarray(trials, dtype=float)
    z = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = successes / n
        denominator = 1 + z**2 / n
        centre = (p + z**2 / (2 * n)) / denominator
        half = z / denominator * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
    return centre - half, centre + half
    # END SOLUTION


def step_times(
    sessions: pd.DataFrame, steps: Sequence[str] = STEPS, strict: bool = True
) -> pd.DataFrame:
    """When each session reached each step, in seconds from the session's first event.

    Return a frame indexed by session with one column per step (in `steps` order),
    NaN where the session did not reach it. A session reaches step k when it has an
    event of each of steps 1..k; the step is reached at the latest of their first
    times. With strict=True the first times must also come in the funnel's order: step
    k is reached only if the first time of step k is at or after the time step k-1 was
    reached (an equal time counts as in order). Relaxed (strict=False) ignores order.
    """
    # BEGIN SOLUTION (task 3): first times per step, running max, NaN from the first miss
    start = sessions.groupby("session")["received"].min()
    first = (
        sessions[sessions["event"].isin(steps)]
        .groupby(["session", "event"])["received"]
        .min()
        .unstack()
        .reindex(columns=list(steps))
    )
    first = first.sub(start, axis=0)
    reached = first.cummax(axis=1)
    present = first.notna().cumprod(axis=1).astype(bool)
    if strict:
        in_order = first.ge(reached.shift(axis=1)) | first.columns.isin(steps[:1])
        present &= in_order.cumprod(axis=1).astype(bool)
    return reached.where(present)
    # END SOLUTION


def funnel(
    sessions: pd.DataFrame,
    steps: Sequence[str] = STEPS,
    strict: bool = True,
    by: Sequence[str] = (),
    confidence: float = 0.95,
) -> pd.DataFrame:
    """The funnel table: one row per segment and step, segments sorted, steps in order.

    A session's segment is the value of each column of `by` at its first event (by
    received time, then event_id). Columns: the `by` columns, then FUNNEL_COLUMNS:
    step_number (1..K), step, sessions (how many of the segment's sessions reached it),
    from_previous (sessions / the previous step's sessions; for step 1, / all the
    segment's sessions), from_start (sessions / all the segment's sessions), ci_low and
    ci_high (the Wilson interval of from_previous at `confidence`), median_seconds
    (the median time to reach the step, over the sessions that reached it; NaN if
    none). A rate over 0 sessions is NaN, without a RuntimeWarning. Return a fresh
    0..n-1 index.
    """
    # BEGIN SOLUTION (task 3): step_times; per segment counts, rates, Wilson, medians
    times = step_times(sessions, steps, strict)
    ordered = sessions.sort_values(["session", "received", "event_id"])
    segments = ordered.groupby("session")[list(by)].first().reindex(times.index)
    rows = []
    groups = segments.groupby(list(by), sort=True) if by else [((), segments)]
    for key, members in groups:
        key = key if isinstance(key, tuple) else (key,)
        segment_times = times.loc[members.index]
        reached = segment_times.notna().sum().to_numpy()
        previous = np.concatenate([[len(members)], reached[:-1]])
        low, high = wilson_interval(reached, previous, confidence)
        with np.errstate(invalid="ignore"):
            from_previous = reached / previous
        for k, step in enumerate(steps):
            rows.append(
                (*key, k + 1, step, reached[k], from_previous[k])
                + (reached[k] / len(members), low[k], high[k], segment_times[step].median())
            )
    return pd.DataFrame(rows, columns=[*by, *FUNNEL_COLUMNS])
    # END SOLUTION
