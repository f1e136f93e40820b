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
    # BEGIN SOLUTION (task 2): pair the values, then average the absolute errors
    actual, forecast = paired(actual, forecast)
    return float(np.mean(np.abs(actual - forecast)))
    # END SOLUTION


def mape(actual: ArrayLike, forecast: ArrayLike) -> float:
    """Mean absolute percentage error, in percent: 100 * mean(|actual - forecast| / |actual|).

    It is undefined when an actual value is 0: raise a ValueError then rather than
    return infinity (scikit-learn's `mean_absolute_percentage_error` returns a
    fraction, not a percentage, and divides by a tiny epsilon instead of raising).
    """
    # BEGIN SOLUTION (task 2): pair the values, refuse a zero actual, average |error| / |actual|
    actual, forecast = paired(actual, forecast)
    if np.any(actual == 0):
        raise ValueError("MAPE is undefined when an actual value is 0; use MAE or MASE")
    return float(100 * np.mean(np.abs((actual - forecast) / actual)))
    # END SOLUTION


def mase(actual: ArrayLike, forecast: ArrayLike, history: ArrayLike, season: int = 1) -> float:
    """Mean absolute scaled error (Hyndman & Koehler, 2006).

    The MAE of the forecast divided by the in-sample MAE of the seasonal naive forecast
    on `history`, the training data: mean(|history[t] - history[t - season]|). With
    season=1 that is the naive (random walk) forecast. Raise a ValueError when the
    history has no more than `season` values or its scale is 0 (a constant history).
    """
    # BEGIN SOLUTION (task 2): scale the MAE by the mean |history[t] - history[t - season]|
    history = np.asarray(history, dtype=float).ravel()
    if history.size <= season:
        raise ValueError(f"MASE needs more than season={season} values of history")
    scale = np.mean(np.abs(history[season:] - history[:-season]))
    if scale == 0:
        raise ValueError("the history is constant, so MASE has no scale")
    return mae(actual, forecast) / float(scale)
    # END SOLUTION


def interval_coverage(actual: ArrayLike, lower: ArrayLike, upper: ArrayLike) -> float:
    """The share of actual values inside their interval [lower, upper], ends included.

    A 95% prediction interval that is honest covers about 95% of what happens.
    """
    # BEGIN SOLUTION (task 2): count the actual values with lower <= actual <= upper
    actual, lower = paired(actual, lower)
    _, upper = paired(actual, upper)
    return float(np.mean((lower <= actual) & (actual <= upper)))
    # END SOLUTION
