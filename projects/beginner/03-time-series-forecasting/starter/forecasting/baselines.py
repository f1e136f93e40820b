"""Task 2: the baselines every forecast must beat before anyone believes it.

The naive forecast repeats the last value (for a stock it is the random walk, the
forecast that efficient markets make hard to beat); the seasonal naive forecast
repeats the last season, which already captures most of a strongly seasonal series.
"""

import numpy as np
from numpy.typing import ArrayLike


def naive_forecast(history: ArrayLike, horizon: int) -> np.ndarray:
    """Forecast the next `horizon` values as the last value of `history`."""
    raise NotImplementedError("Task 2: repeat the last value horizon times")


def seasonal_naive_forecast(history: ArrayLike, horizon: int, season: int) -> np.ndarray:
    """Forecast each of the next `horizon` values as the value one season before it.

    Step h (1-based) gets history[-season + (h - 1) % season]: the last season is
    repeated as often as the horizon needs. Raise a ValueError when the history is
    shorter than one season or the horizon is below 1.
    """
    raise NotImplementedError("Task 2: take the last season and repeat it cyclically")
