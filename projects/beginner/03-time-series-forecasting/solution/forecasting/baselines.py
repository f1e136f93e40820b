"""Task 2: the baselines every forecast must beat before anyone believes it.

The naive forecast repeats the last value (for a stock it is the random walk, the
forecast that efficient markets make hard to beat); the seasonal naive forecast
repeats the last season, which already captures most of a strongly seasonal series.
"""

import numpy as np
from numpy.typing import ArrayLike


def naive_forecast(history: ArrayLike, horizon: int) -> np.ndarray:
    """Forecast the next `horizon` values as the last value of `history`."""
    # BEGIN SOLUTION (task 2): repeat the last value horizon times
    history = np.asarray(history, dtype=float)
    if history.size == 0 or horizon < 1:
        raise ValueError("the naive forecast needs some history and a horizon of at least 1")
    return np.full(horizon, history[-1])
    # END SOLUTION


def seasonal_naive_forecast(history: ArrayLike, horizon: int, season: int) -> np.ndarray:
    """Forecast each of the next `horizon` values as the value one season before it.

    Step h (1-based) gets history[-season + (h - 1) % season]: the last season is
    repeated as often as the horizon needs. Raise a ValueError when the history is
    shorter than one season or the horizon is below 1.
    """
    # BEGIN SOLUTION (task 2): take the last season and repeat it cyclically
    history = np.asarray(history, dtype=float)
    if history.size < season or horizon < 1:
        raise ValueError(
            f"the seasonal naive forecast needs a full season ({season} values) of history "
            "and a horizon of at least 1"
        )
    last_season = history[-season:]
    return last_season[np.arange(horizon) % season]
    # END SOLUTION
