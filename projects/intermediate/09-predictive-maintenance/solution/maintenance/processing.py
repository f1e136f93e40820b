"""Sensor processing: regimes, normalisation per regime, spikes, gaps and rolling features.

A raw sensor jumps between levels as the engine moves between operating regimes, and
those jumps are far larger than any wear. So the regimes come first: found by
clustering the three settings, then each sensor is standardised by the mean and
standard deviation of its regime. Only then can a spike be told from a regime change.
Everything fitted is fitted on training units only; everything per unit looks only
backwards in time, so the features at cycle ``c`` are what a live system knew at ``c``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans

from maintenance.simulator import SENSORS, SETTINGS

MAD_TO_SIGMA = 1.4826  # the MAD of a normal distribution times this is its sigma
MIN_READINGS = 3  # a Hampel window with fewer valid readings judges nothing


class RegimeNormaliser:
    """Operating regimes found by k-means on the settings; sensors standardised per regime."""

    def __init__(self, sensors: Sequence[str] = SENSORS, n_regimes: int = 3, seed: int = 7):
        self.sensors = list(sensors)
        self.n_regimes = n_regimes
        self.seed = seed

    def fit(self, frame: pd.DataFrame) -> RegimeNormaliser:
        """Fit on the training units' rows only.

        ``self.kmeans = KMeans(n_clusters=n_regimes, n_init=10, random_state=seed)``
        fitted on the raw SETTINGS columns; then, per regime, ``self.means`` and
        ``self.stds``: DataFrames indexed by regime (0 .. n_regimes - 1), one column per
        sensor, the mean and the standard deviation (``ddof=0``) of its readings,
        dropouts (NaN) left out.
        """
        # BEGIN SOLUTION (task 2): k-means on the settings, then mean and std per regime
        self.kmeans = KMeans(n_clusters=self.n_regimes, n_init=10, random_state=self.seed)
        regimes = self.kmeans.fit_predict(frame[list(SETTINGS)].to_numpy())
        grouped = frame[self.sensors].groupby(regimes)
        self.means = grouped.mean()
        self.stds = grouped.std(ddof=0)
        return self
        # END SOLUTION

    def regimes(self, frame: pd.DataFrame) -> np.ndarray:
        """The regime of each row, by the fitted k-means."""
        # BEGIN SOLUTION (task 2): predict with the fitted k-means
        return self.kmeans.predict(frame[list(SETTINGS)].to_numpy())
        # END SOLUTION

    def transform(self, frame: pd.DataFrame) -> pd.DataFrame:
        """A copy of ``frame`` with each sensor as ``(reading - mean) / std`` of its row's regime.

        NaN stays NaN; the other columns are untouched.
        """
        # BEGIN SOLUTION (task 2): look up each row's regime's mean and std
        regimes = self.regimes(frame)
        result = frame.copy()
        means = self.means.loc[regimes, self.sensors].to_numpy()
        stds = self.stds.loc[regimes, self.sensors].to_numpy()
        result[self.sensors] = (frame[self.sensors].to_numpy() - means) / stds
        return result
        # END SOLUTION


def row_medians(rows: np.ndarray) -> np.ndarray:
    """The median of each row's valid values (NaN left out), as np.nanmedian but fast.

    Sorting puts NaN last; the median of ``n`` valid values is the mean of the sorted
    values at ``(n - 1) // 2`` and ``n // 2``. A row needs at least one valid value.
    """
    ordered = np.sort(rows, axis=1)
    n = np.sum(~np.isnan(rows), axis=1)
    low = np.take_along_axis(ordered, ((n - 1) // 2)[:, None], axis=1)[:, 0]
    high = np.take_along_axis(ordered, (n // 2)[:, None], axis=1)[:, 0]
    return (low + high) / 2


def hampel_spikes(values: np.ndarray, window: int = 11, n_sigmas: float = 3.0) -> np.ndarray:
    """Which readings are spikes, judged by a trailing Hampel filter.

    Reading ``i`` is judged against its window ``values[max(0, i - window + 1) : i + 1]``
    (itself and the ``window - 1`` before it): with ``median`` and ``mad`` (the median
    absolute deviation from it) of the window's valid readings, it is a spike when
    ``abs(values[i] - median) > n_sigmas * MAD_TO_SIGMA * mad``. A NaN reading is no
    spike, and a window with fewer than ``MIN_READINGS`` valid readings judges nothing.
    """
    # BEGIN SOLUTION (task 3): every trailing window at once, NaN-padded at the start
    values = np.asarray(values, dtype=float)
    padded = np.concatenate([np.full(window - 1, np.nan), values])
    windows = np.lib.stride_tricks.sliding_window_view(padded, window)
    enough = np.sum(~np.isnan(windows), axis=1) >= MIN_READINGS
    spikes = np.zeros(values.size, dtype=bool)
    judged = windows[enough]
    median = row_medians(judged)
    mad = row_medians(np.abs(judged - median[:, None]))
    spikes[enough] = np.abs(values[enough] - median) > n_sigmas * MAD_TO_SIGMA * mad
    return spikes
    # END SOLUTION


def clean_unit(
    rows: pd.DataFrame, sensors: Sequence[str] = SENSORS, window: int = 11, n_sigmas: float = 3.0
) -> pd.DataFrame:
    """One unit's normalised log resampled to every cycle, spikes removed, gaps filled.

    1. Resample: one row per cycle from the unit's first to its last, in order; a cycle
       missing from the log gets a row of NaN (``unit`` filled in, index 0 .. n - 1).
    2. Each sensor's spikes (``hampel_spikes`` with ``window`` and ``n_sigmas``) become NaN.
    3. Each gap is filled forwards with the last valid reading; a gap at the very start,
       with nothing before it, with 0.0 (the regime's mean, once normalised).
    """
    # BEGIN SOLUTION (task 3): reindex on every cycle, blank the spikes, fill forwards
    cycles = np.arange(rows["cycle"].min(), rows["cycle"].max() + 1)
    result = rows.set_index("cycle").reindex(cycles).rename_axis("cycle").reset_index()
    result["unit"] = rows["unit"].iloc[0]
    values = result[list(sensors)].to_numpy(dtype=float, copy=True)
    for column in range(values.shape[1]):
        spikes = hampel_spikes(values[:, column], window=window, n_sigmas=n_sigmas)
        values[spikes, column] = np.nan
    result[list(sensors)] = pd.DataFrame(values).ffill().fillna(0.0).to_numpy()
    return result
    # END SOLUTION


def rolling_features(
    frame: pd.DataFrame, sensors: Sequence[str] = SENSORS, window: int = 10
) -> pd.DataFrame:
    """Each unit's trailing rolling mean and standard deviation of each sensor.

    Columns ``f"{sensor}_mean"`` and ``f"{sensor}_std"``, same index as ``frame``: over
    the unit's last ``window`` rows up to and including this one (fewer at its start),
    the std with ``ddof=0`` (so 0 on a unit's first row). ``frame`` is sorted by unit
    and cycle and has no NaN.
    """
    # BEGIN SOLUTION (task 3): group by unit, roll backwards, never across two units
    rolling = frame.groupby("unit")[list(sensors)].rolling(window, min_periods=1)
    means = rolling.mean().reset_index(level=0, drop=True).add_suffix("_mean")
    stds = rolling.std(ddof=0).reset_index(level=0, drop=True).add_suffix("_std")
    return pd.concat([means, stds], axis=1).loc[frame.index]
    # END SOLUTION


def clean_fleet(
    frame: pd.DataFrame, sensors: Sequence[str] = SENSORS, window: int = 11, n_sigmas: float = 3.0
) -> pd.DataFrame:
    """``clean_unit`` on every unit of a normalised log, stacked with a fresh index."""
    units = [
        clean_unit(rows, sensors, window=window, n_sigmas=n_sigmas)
        for _, rows in frame.groupby("unit", sort=True)
    ]
    return pd.concat(units, ignore_index=True)
