"""Task 2: forecast errors by hand, as a forecaster reads them.

MAE is in the units of the series; MAPE in percent of the actual value, comparable
across series of different size but undefined at zero; MASE divides the MAE by the
in-sample MAE of the (seasonal) naive forecast, so below 1 means "better than
repeating the last season did on the history" whatever the units.
"""

import numpy as np
from numpy.typing import ArrayLike


def paired(actual: ArrayLike, forecast: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Return actual and forecast as float arrays, or raise ValueError if they do not pair up."""
    actual = np.asarray(actual, dtype=float).ravel()
    forecast = np.asarray(forecast, dtype=float).ravel()
    if actual.shape != forecast.shape:
        raise ValueError(f"{actual.size} actual values but {forecast.size} forecasts")
    if actual.size == 0:
        raise ValueError("no values to score")
    if not (np.isfinite(actual).all() and np.isfinite(forecast).all()):
        raise ValueError("the values to score hold NaN or infinity")
    return actual, forecast


def mae(actual: ArrayLike, forecast: ArrayLike) -> float:
    """Mean absolute error: the mean of |actual - forecast|."""
    raise NotImplementedError("Task 2: pair the values, then average the absolute errors")


def mape(actual: ArrayLike, forecast: ArrayLike) -> float:
    """Mean absolute percentage error, in percent: 100 * mean(|actual - forecast| / |actual|).

    It is undefined when an actual value is 0: raise a ValueError then rather than
    return infinity (scikit-learn's `mean_absolute_percentage_error` returns a
    fraction, not a percentage, and divides by a tiny epsilon instead of raising).
    """
    raise NotImplementedError(
        "Task 2: pair the values, refuse a zero actual, average |error| / |actual|"
    )


def mase(actual: ArrayLike, forecast: ArrayLike, history: ArrayLike, season: int = 1) -> float:
    """Mean absolute scaled error (Hyndman & Koehler, 2006).

    The MAE of the forecast divided by the in-sample MAE of the seasonal naive forecast
    on `history`, the training data: mean(|history[t] - history[t - season]|). With
    season=1 that is the naive (random walk) forecast. Raise a ValueError when the
    history has no more than `season` values or its scale is 0 (a constant history).
    """
    raise NotImplementedError(
        "Task 2: scale the MAE by the mean |history[t] - history[t - season]|"
    )


def interval_coverage(actual: ArrayLike, lower: ArrayLike, upper: ArrayLike) -> float:
    """The share of actual values inside their interval [lower, upper], ends included.

    A 95% prediction interval that is honest covers about 95% of what happens.
    """
    raise NotImplementedError("Task 2: count the actual values with lower <= actual <= upper")
