"""A health index and the detection of degradation onset.

The health index maps a unit's cleaned sensors to one number: 1 in the first cycles of
every training unit (surely healthy), 0 in its last (about to fail), by a linear
regression fitted on those cycles only. On a new unit it drifts down as wear sets in;
a CUSUM chart watches it and raises the alarm when it has drifted below the unit's own
healthy baseline for long enough. The time from that alarm to the failure is the lead
time a maintenance planner gets.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from sklearn.linear_model import LinearRegression

from maintenance.simulator import SENSORS


class HealthIndex:
    """A linear map from the cleaned sensors to health: 1 healthy, 0 failing."""

    def __init__(
        self, sensors: Sequence[str] = SENSORS, healthy_cycles: int = 30, failing_cycles: int = 30
    ):
        self.sensors = list(sensors)
        self.healthy_cycles = healthy_cycles
        self.failing_cycles = failing_cycles

    def fit(self, frame: pd.DataFrame) -> HealthIndex:
        """Fit ``self.model = LinearRegression()`` on run-to-failure training units.

        In each unit, a row is healthy (target 1.0) when ``cycle - first cycle <
        healthy_cycles`` and failing (target 0.0) when ``last cycle - cycle <
        failing_cycles``; the other rows are left out of the fit.
        """
        # BEGIN SOLUTION (task 4): label the first and last cycles of each unit, fit on those
        cycles = frame.groupby("unit")["cycle"]
        healthy = (frame["cycle"] - cycles.transform("min")) < self.healthy_cycles
        failing = (cycles.transform("max") - frame["cycle"]) < self.failing_cycles
        labelled = healthy | failing
        target = healthy[labelled].astype(float)
        self.model = LinearRegression().fit(frame.loc[labelled, self.sensors], target)
        return self
        # END SOLUTION

    def transform(self, frame: pd.DataFrame) -> np.ndarray:
        """The health index of every row."""
        # BEGIN SOLUTION (task 4): predict with the fitted regression
        return self.model.predict(frame[self.sensors])
        # END SOLUTION


def cusum_onset(
    health: np.ndarray, baseline: int = 30, slack: float = 0.5, threshold: float = 8.0
) -> int | None:
    """The position of the first CUSUM alarm on a downward drift of ``health``, or None.

    ``mu`` and ``sigma`` (``ddof=0``) are those of the first ``baseline`` values, the
    unit's own healthy reference. From position ``baseline`` on, ``s = max(0, s + (mu -
    health[t]) / sigma - slack)``, starting from ``s = 0``; the alarm is the first ``t``
    with ``s > threshold``. Raises ``ValueError`` ("baseline") when there are not more
    than ``baseline`` values.
    """
    # BEGIN SOLUTION (task 4): the baseline's mean and std, then the one-sided CUSUM
    health = np.asarray(health, dtype=float)
    if health.size <= baseline:
        raise ValueError(
            f"cusum_onset needs more than baseline={baseline} values, got {health.size}"
        )
    mu, sigma = health[:baseline].mean(), health[:baseline].std()
    s = 0.0
    for t in range(baseline, health.size):
        s = max(0.0, s + (mu - health[t]) / sigma - slack)
        if s > threshold:
            return t
    return None
    # END SOLUTION


def onset_cycles(frame: pd.DataFrame, health: np.ndarray, **cusum) -> pd.Series:
    """The cycle of each unit's first alarm (NaN where none), indexed by unit.

    ``frame`` is a cleaned log (one row per cycle); ``cusum`` is passed to ``cusum_onset``.
    """
    alarms = {}
    for unit, rows in frame.assign(health=health).groupby("unit", sort=True):
        position = cusum_onset(rows["health"].to_numpy(), **cusum)
        alarms[unit] = np.nan if position is None else rows["cycle"].iloc[position]
    return pd.Series(alarms, name="onset", dtype=float).rename_axis("unit")
