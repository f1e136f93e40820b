"""Independent re-implementations that the tests hold the learner's code to.

Written plainly, one session or one permutation at a time, so that they share no
shortcut with the reference solution.
"""

import math
from itertools import permutations
from statistics import NormalDist, median

import numpy as np
import pandas as pd


def wilson_by_roots(successes: int, trials: int, confidence: float) -> tuple[float, float]:
    """The Wilson interval as the two roots of (p_hat - p)^2 = z^2 p (1 - p) / n."""
    if trials == 0:
        return math.nan, math.nan
    z = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    p_hat = successes / trials
    a = 1 + z * z / trials
    b = -(2 * p_hat + z * z / trials)
    c = p_hat * p_hat
    root = math.sqrt(b * b - 4 * a * c)
    return (-b - root) / (2 * a), (-b + root) / (2 * a)


def session_reach(events, steps, strict: bool) -> list[float]:
    """Seconds from the session's start to each step it reached (NaN from the first miss).

    `events` is the session's list of (event, received time).
    """
    start = min(time for _, time in events)
    first = {}
    for event, time in events:
        if event not in first or time < first[event]:
            first[event] = time
    reached, latest = [], -math.inf
    for step in steps:
        if step not in first or (strict and reached and first[step] < latest):
            break
        latest = max(latest, first[step])
        reached.append(latest - start)
    return reached + [math.nan] * (len(steps) - len(reached))


def funnel_oracle(sessions, steps, strict=True, by=(), confidence=0.95) -> pd.DataFrame:
    """The funnel table, one session and one segment at a time, in plain Python."""
    ordered = sessions.sort_values(["session", "received", "event_id"])
    events_of: dict[int, list] = {}
    key_of: dict[int, tuple] = {}
    columns = [ordered[c].tolist() for c in ("session", "event", "received", *by)]
    for session, event, time, *key in zip(*columns, strict=True):
        events_of.setdefault(session, []).append((event, time))
        key_of.setdefault(session, tuple(key))
    rows_by_segment: dict[tuple, list[list[float]]] = {}
    for session, events in events_of.items():
        reach = session_reach(events, steps, strict)
        rows_by_segment.setdefault(key_of[session], []).append(reach)
    rows = []
    for key in sorted(rows_by_segment):
        reach = rows_by_segment[key]
        total = len(reach)
        previous = total
        for k, step in enumerate(steps):
            times = [r[k] for r in reach if not math.isnan(r[k])]
            count = len(times)
            low, high = wilson_by_roots(count, previous, confidence)
            rows.append(
                (*key, k + 1, step, count, count / previous if previous else math.nan)
                + (count / total, low, high, median(times) if times else math.nan)
            )
            previous = count
    names = ["step_number", "step", "sessions", "from_previous", "from_start"]
    return pd.DataFrame(rows, columns=[*by, *names, "ci_low", "ci_high", "median_seconds"])


def absorption_by_iteration(transitions: pd.DataFrame, target: str, steps=20_000) -> pd.Series:
    """The chance of ending in `target` from each transient state, by walking the chain
    many steps (a matrix power), not by solving a linear system."""
    states = list(transitions.columns)
    matrix = np.zeros((len(states), len(states)))
    for origin in transitions.index:
        matrix[states.index(origin)] = transitions.loc[origin].to_numpy()
    for absorbing in states:
        if absorbing not in transitions.index:
            matrix[states.index(absorbing), states.index(absorbing)] = 1.0
    power = np.linalg.matrix_power(matrix, steps)
    return pd.Series(
        [power[states.index(origin), states.index(target)] for origin in transitions.index],
        index=list(transitions.index),
    )


def shapley_by_permutations(paths: pd.DataFrame, channels) -> pd.Series:
    """Shapley credits by averaging marginal contributions over every order of each set."""
    value: dict[frozenset, float] = {}
    users: dict[frozenset, int] = {}
    conversions: dict[frozenset, int] = {}
    for path, converted in zip(paths["channels"], paths["converted"], strict=True):
        key = frozenset(path)
        users[key] = users.get(key, 0) + 1
        conversions[key] = conversions.get(key, 0) + int(converted)
    for key in users:
        value[key] = conversions[key] / users[key]
    credits = dict.fromkeys(channels, 0.0)
    for key, count in users.items():
        orders = list(permutations(sorted(key)))
        for order in orders:
            so_far: frozenset = frozenset()
            for channel in order:
                gain = value.get(so_far | {channel}, 0.0) - value.get(so_far, 0.0)
                credits[channel] += count * gain / len(orders)
                so_far = so_far | {channel}
    return pd.Series(credits)


def assert_same_table(task: int, table: pd.DataFrame, expected: pd.DataFrame, setting: str):
    """Assert that a funnel table equals the oracle's, column by column (floats to 1e-12),
    naming the task, the setting and the first column that differs."""
    assert list(table.columns) == list(expected.columns), (
        f"Task {task}: columns with {setting}: expected {list(expected.columns)}, "
        f"got {list(table.columns)}"
    )
    assert len(table) == len(expected), (
        f"Task {task}: with {setting}, expected {len(expected)} rows (a row per segment and "
        f"step), got {len(table)}"
    )
    for column in expected.columns:
        ours, theirs = table[column].to_numpy(), expected[column].to_numpy()
        if expected[column].dtype.kind in "fi":
            same = np.allclose(
                ours.astype(float), theirs.astype(float), rtol=1e-12, atol=0, equal_nan=True
            )
        else:
            same = list(ours) == list(theirs)
        assert same, (
            f"Task {task}: column {column!r} with {setting} differs from the funnel computed one "
            f"session at a time.\nexpected {list(theirs)[:10]}...\ngot      {list(ours)[:10]}..."
        )
