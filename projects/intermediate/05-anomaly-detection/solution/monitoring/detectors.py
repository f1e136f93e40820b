"""Streaming detectors: each reads one value at a time and says how unusual it is.

A detector scores a value against what it has seen BEFORE it, then learns it: a fault
must not hide itself by pulling the statistics it is judged by. Memory is bounded:
the robust z-score keeps a window of the last values, the EWMA chart two numbers.
"""

from __future__ import annotations

import math
from collections import deque

import numpy as np

MAD_TO_SIGMA = 1.4826  # the MAD of a normal distribution times this is its standard deviation


class RobustZScore:
    """How many robust standard deviations a value lies from the median of the last values.

    score = (value - median) / max(MAD_TO_SIGMA * MAD, min_scale), where the median and
    the MAD (median absolute deviation from that median) are those of the last `window`
    values before this one. NaN while fewer than `min_periods` values have been seen.
    `min_scale` keeps a flat window (MAD 0) from dividing by zero.
    """

    def __init__(self, window: int = 12, min_periods: int = 6, min_scale: float = 1.0) -> None:
        if not 1 <= min_periods <= window:
            raise ValueError(f"min_periods must be in [1, window={window}], got {min_periods}")
        self.window = window
        self.min_periods = min_periods
        self.min_scale = min_scale
        self.values: deque[float] = deque(maxlen=window)

    def update(self, value: float) -> float:
        """Score `value` against the window, then add it to the window."""
        # BEGIN SOLUTION (task 1): score against the window of earlier values, then append
        if len(self.values) < self.min_periods:
            score = math.nan
        else:
            past = np.fromiter(self.values, dtype=float)
            median = float(np.median(past))
            mad = float(np.median(np.abs(past - median)))
            score = (value - median) / max(MAD_TO_SIGMA * mad, self.min_scale)
        self.values.append(value)
        return score
        # END SOLUTION

    def reset(self) -> None:
        """Forget every value seen: the next ones start a new window."""
        self.values.clear()


class EWMAChart:
    """An exponentially weighted control chart: the distance of a value from the EWMA, in EW std.

    After each value x, with d = x - mean (the mean before x):
        mean <- mean + alpha * d
        variance <- (1 - alpha) * (variance + alpha * d ** 2)
    starting from mean = the first value and variance = 0 (pandas' ewm(alpha=alpha,
    adjust=False) mean and var(bias=True) follow the same recursion). The score of x is
    d / max(sqrt(variance), min_std), both taken before x is learnt; NaN for the first
    `warmup` values.
    """

    def __init__(self, alpha: float = 0.1, warmup: int = 12, min_std: float = 1.0) -> None:
        if not 0.0 < alpha <= 1.0:
            raise ValueError(f"alpha must be in (0, 1], got {alpha}")
        self.alpha = alpha
        self.warmup = warmup
        self.min_std = min_std
        self.count = 0
        self.mean = math.nan
        self.variance = 0.0

    def update(self, value: float) -> float:
        """Score `value` against the chart, then learn it."""
        # BEGIN SOLUTION (task 1): score from the mean and variance before value, then update both
        if self.count == 0:
            self.mean, self.variance = value, 0.0
            self.count = 1
            return math.nan
        deviation = value - self.mean
        score = deviation / max(math.sqrt(self.variance), self.min_std)
        if self.count < self.warmup:
            score = math.nan
        self.mean += self.alpha * deviation
        self.variance = (1.0 - self.alpha) * (self.variance + self.alpha * deviation**2)
        self.count += 1
        return score
        # END SOLUTION

    def reset(self) -> None:
        """Forget everything seen."""
        self.count = 0
        self.mean = math.nan
        self.variance = 0.0
