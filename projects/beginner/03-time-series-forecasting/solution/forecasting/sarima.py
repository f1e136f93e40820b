"""Task 3: seasonal ARIMA through statsmodels' SARIMAX, its orders chosen by AIC.

SARIMA(p, d, q)(P, D, Q, s) differences the series d times and its seasons D times,
then models what is left with p autoregressive and q moving-average terms, and P and Q
of each at the seasonal lag s. The AIC trades the fit's likelihood against its number
of parameters: the lowest AIC is the best guess at the model that forecasts best,
without touching the test data. It only compares models fitted to the same data, so
every candidate of one search shares d and D (differencing changes the data).
"""

from collections.abc import Sequence
from itertools import product  # SOLUTION

import pandas as pd
from numpy.typing import ArrayLike
from statsmodels.tsa.statespace.sarimax import (
    SARIMAX,  # SOLUTION
    SARIMAXResults,
)

Order = tuple[int, int, int]
SeasonalOrder = tuple[int, int, int, int]

NO_SEASON: SeasonalOrder = (0, 0, 0, 0)
# The search: one difference and one seasonal difference (a trend and a yearly cycle),
# with or without an AR term in each part. Four fits, a few seconds in all.
ORDERS: tuple[Order, ...] = ((0, 1, 1), (1, 1, 1))
SEASONAL_ORDERS: tuple[SeasonalOrder, ...] = ((0, 1, 1, 12), (1, 1, 1, 12))
ALPHA = 0.05  # a 95% prediction interval


def fit_sarima(
    history: pd.Series | ArrayLike, order: Order, seasonal_order: SeasonalOrder = NO_SEASON
) -> SARIMAXResults:
    """Fit SARIMA(order)(seasonal_order) to `history` by maximum likelihood.

    A series with a dated index that has a frequency (such as the monthly CO2) gives
    dated forecasts; a plain array gives numbered ones.
    """
    # BEGIN SOLUTION (task 3): build a SARIMAX model and fit it quietly (disp=False)
    return SARIMAX(history, order=order, seasonal_order=seasonal_order).fit(disp=False)
    # END SOLUTION


def select_order(
    history: pd.Series | ArrayLike,
    orders: Sequence[Order] = ORDERS,
    seasonal_orders: Sequence[SeasonalOrder] = SEASONAL_ORDERS,
) -> pd.DataFrame:
    """Fit every combination of `orders` and `seasonal_orders`; return them ranked by AIC.

    The result has one row per candidate and the columns "order", "seasonal_order"
    (tuples) and "aic", sorted by AIC from best (lowest) to worst, on a fresh 0..n-1
    index: row 0 is the choice. Raise a ValueError, before fitting anything, when the
    candidates differ in d or in D: their AICs would be likelihoods of different data.
    """
    # BEGIN SOLUTION (task 3): refuse mixed differencing, fit each pair, sort by AIC
    differencing = {(order[1], seasonal[1]) for order in orders for seasonal in seasonal_orders}
    if len(differencing) > 1:
        raise ValueError(
            f"the candidates mix the differencing (d, D) = {sorted(differencing)}: AIC only "
            "compares models of the same data, so search one d and D at a time"
        )
    rows = [
        {
            "order": order,
            "seasonal_order": seasonal,
            "aic": fit_sarima(history, order, seasonal).aic,
        }
        for order, seasonal in product(orders, seasonal_orders)
    ]
    return pd.DataFrame(rows).sort_values("aic", ignore_index=True)
    # END SOLUTION


def sarima_forecast(results: SARIMAXResults, horizon: int, alpha: float = ALPHA) -> pd.DataFrame:
    """Forecast the next `horizon` steps with a (1 - alpha) prediction interval.

    The frame has the columns "mean", "lower" and "upper" and the index of the
    forecast periods (the months after the history, for a monthly series).
    """
    # BEGIN SOLUTION (task 3): get_forecast, then its predicted_mean and conf_int(alpha)
    forecast = results.get_forecast(horizon)
    bounds = forecast.conf_int(alpha=alpha)
    return pd.DataFrame(
        {
            "mean": forecast.predicted_mean,
            "lower": bounds.iloc[:, 0],
            "upper": bounds.iloc[:, 1],
        }
    )
    # END SOLUTION
