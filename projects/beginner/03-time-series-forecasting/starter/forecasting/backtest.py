"""Task 5: the rolling-origin backtest, the only honest way to compare forecasters.

A single split judges a model on one stretch of future. A rolling-origin backtest
(time-series cross-validation) stands at several origins in turn: at each, the model
knows only the observations before it, forecasts the next `horizon`, and is scored
against what then happened. Refitting at every origin is the gold standard and the
slowest; a state-space model such as ARIMA can instead keep its fitted parameters and
filter the new observations through them, which is what production forecasters do
between scheduled refits.
"""

from collections.abc import Mapping, Sequence
from typing import Protocol, Self

import numpy as np
import pandas as pd

from forecasting.baselines import naive_forecast, seasonal_naive_forecast
from forecasting.prophet_model import fit_prophet, prophet_forecast
from forecasting.sarima import NO_SEASON, Order, SeasonalOrder, fit_sarima

RESULT_COLUMNS = ["model", "cutoff", "step", "timestamp", "actual", "forecast"]
SUMMARY_COLUMNS = ["MAE", "MAPE", "MASE"]


class Forecaster(Protocol):
    """What the backtest needs of a model: fit on a past, take in news, forecast dates."""

    def fit(self, history: pd.Series) -> Self:
        """Estimate the model from `history`, forgetting anything seen before."""
        ...

    def update(self, new: pd.Series) -> Self:
        """Take in the observations that follow those seen so far, without refitting."""
        ...

    def predict(self, dates: pd.Index) -> np.ndarray:
        """Forecast the values at `dates`, the periods that follow those seen so far."""
        ...


class NaiveForecaster:
    """The naive forecast (the random walk): tomorrow is today."""

    def fit(self, history: pd.Series) -> Self:
        self.values = history.to_numpy(dtype=float)
        return self

    def update(self, new: pd.Series) -> Self:
        self.values = np.concatenate([self.values, new.to_numpy(dtype=float)])
        return self

    def predict(self, dates: pd.Index) -> np.ndarray:
        return naive_forecast(self.values, len(dates))


class SeasonalNaiveForecaster(NaiveForecaster):
    """The seasonal naive forecast: the same period of the last season."""

    def __init__(self, season: int):
        self.season = season

    def predict(self, dates: pd.Index) -> np.ndarray:
        return seasonal_naive_forecast(self.values, len(dates), self.season)


class SarimaForecaster:
    """SARIMA with fixed orders: parameters estimated by `fit`, state moved on by `update`."""

    def __init__(self, order: Order, seasonal_order: SeasonalOrder = NO_SEASON):
        self.order = order
        self.seasonal_order = seasonal_order

    def fit(self, history: pd.Series) -> Self:
        # A plain array: the model counts steps, so trading days need no calendar.
        self.results = fit_sarima(history.to_numpy(dtype=float), self.order, self.seasonal_order)
        return self

    def update(self, new: pd.Series) -> Self:
        """Filter `new` through the fitted model: the parameters stay, the state moves on.

        statsmodels' `results.extend(new_values)` runs the Kalman filter over the new
        observations only, starting from the state at the end of the old ones, and
        returns results that forecast from after the new data (`results.append` does
        the same over the whole series, more slowly). Either costs a fraction of a fit.
        """
        raise NotImplementedError(
            "Task 5: self.results = self.results.extend(...) on the new values"
        )
        return self

    def predict(self, dates: pd.Index) -> np.ndarray:
        return np.asarray(self.results.forecast(len(dates)))


class ProphetForecaster:
    """Prophet: a curve of time. New observations change nothing until it is refitted."""

    def fit(self, history: pd.Series) -> Self:
        self.model = fit_prophet(history)
        return self

    def update(self, new: pd.Series) -> Self:
        return self

    def predict(self, dates: pd.Index) -> np.ndarray:
        return prophet_forecast(self.model, pd.DatetimeIndex(dates))["mean"].to_numpy()


def rolling_origin_backtest(
    series: pd.Series,
    forecasters: Mapping[str, Forecaster],
    origins: Sequence[int],
    horizon: int,
    refit_every: int = 1,
) -> pd.DataFrame:
    """Forecast `horizon` steps from each origin with each model; return one row per forecast.

    An origin is a position in `series`: at origin i a model has seen `series.iloc[:i]`
    and nothing else, and forecasts `series.iloc[i:i + horizon]`. For each model, walk
    the origins in order: at the first one and at every `refit_every`-th after it (the
    k-th origin, counting from 0, with k % refit_every == 0), `fit` it on everything
    before the origin; at the others, `update` it with the observations between the
    previous origin and this one. Then `predict` the dates of the next `horizon`
    observations.

    The result has the columns of RESULT_COLUMNS: the model's name, the cutoff (the
    date of the last observation the model had seen), the step ahead (1..horizon), the
    timestamp forecast, the actual value there and the forecast; models in the order
    given, then origins, then steps. Raise a ValueError when there are no origins, when
    they are not strictly increasing, when one leaves no history (below 1), when one has
    fewer than `horizon` observations after it, or when a model returns another number
    of forecasts than the dates it was asked for.
    """
    positions = np.asarray(origins)
    ...  # ValueError unless some origins, strictly increasing, the first >= 1, the last fits
    rows = []
    # For each model (name, forecaster), walk the origins (k, origin), k counting from 0:
    #   k % refit_every == 0: fit on series.iloc[:origin]; otherwise update with the
    #   observations since the previous origin. Then predict the dates of the next
    #   `horizon` observations and append one row per step, as RESULT_COLUMNS lists them
    #   (a forecast of another length than the dates is a ValueError).
    # Return pd.DataFrame(rows, columns=RESULT_COLUMNS).
    raise NotImplementedError(
        "Task 5: check the origins; per model, fit or update, predict, collect rows"
    )


def summarise_backtest(results: pd.DataFrame, history: pd.Series, season: int = 1) -> pd.DataFrame:
    """Score each model of a backtest: MAE, MAPE (%) and MASE over all its forecasts.

    One row per model, indexed by its name in the order the results list them, with the
    columns of SUMMARY_COLUMNS. MASE is scaled by the (seasonal) naive forecast's
    in-sample error on `history`, the data before the first origin, with `season`.
    """
    raise NotImplementedError("Task 5: group the rows by model (sort=False) and score each group")
