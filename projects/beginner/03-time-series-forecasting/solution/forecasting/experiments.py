"""The experiments of the kata, in one place: the tests and the dashboard run these.

- CO2 hold-out: train on 1958-03 to 1997-12, forecast the 48 months of 1998-2001 once.
- CO2 backtest: four yearly origins over the same four years, 12 months ahead each.
- AAPL backtest: each of the last 250 trading days, one day ahead.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from forecasting.backtest import (
    Forecaster,
    NaiveForecaster,
    ProphetForecaster,
    SarimaForecaster,
    SeasonalNaiveForecaster,
    rolling_origin_backtest,
    summarise_backtest,
)
from forecasting.baselines import naive_forecast, seasonal_naive_forecast
from forecasting.data import load_aapl, load_co2_monthly, split_by_time
from forecasting.metrics import interval_coverage, mae, mape, mase
from forecasting.prophet_model import fit_prophet, prophet_forecast
from forecasting.sarima import Order, SeasonalOrder, fit_sarima, sarima_forecast, select_order

MONTHS_A_YEAR = 12
CO2_LAST_TRAIN = "1997-12"
CO2_HORIZON = 48
CO2_REFIT_EVERY = 2  # refit at the 1st and 3rd yearly origin, filter forward in between

TRADING_DAYS_A_WEEK = 5
AAPL_TEST_DAYS = 250
AAPL_HORIZON = 1
AAPL_ORDER: Order = (1, 1, 1)
# Refitting ARIMA at each of 250 origins costs a minute or more. Instead it is fitted once,
# on the twelve years before the first origin, and each new day is filtered through the
# fitted model (SarimaForecaster.update): under a second for all 250 days.
AAPL_REFIT_EVERY = AAPL_TEST_DAYS

NAIVE = "naive"
SEASONAL_NAIVE = "seasonal naive"
SARIMA = "SARIMA"
PROPHET = "Prophet"
RANDOM_WALK = "random walk"
ARIMA = "ARIMA(1,1,1)"
HOLDOUT_COLUMNS = ["MAE", "MAPE", "MASE", "95% coverage"]


@dataclass(frozen=True)
class Backtest:
    """A backtest's forecasts (one row each), its summary per model, and the series."""

    series: pd.Series
    results: pd.DataFrame
    summary: pd.DataFrame


def co2_split() -> tuple[pd.Series, pd.Series]:
    """The monthly CO2 up to 1997-12, and the 48 months after it."""
    return split_by_time(load_co2_monthly(), CO2_LAST_TRAIN, CO2_HORIZON)


def baseline_forecasts(train: pd.Series, horizon: int) -> dict[str, pd.DataFrame]:
    """The naive and seasonal naive forecasts of the `horizon` months after `train`."""
    dates = pd.date_range(train.index[-1], periods=horizon + 1, freq=train.index.freq)[1:]
    return {
        NAIVE: pd.DataFrame({"mean": naive_forecast(train, horizon)}, index=dates),
        SEASONAL_NAIVE: pd.DataFrame(
            {"mean": seasonal_naive_forecast(train, horizon, MONTHS_A_YEAR)}, index=dates
        ),
    }


def co2_holdout_forecasts(
    train: pd.Series, horizon: int, order: Order, seasonal_order: SeasonalOrder
) -> dict[str, pd.DataFrame]:
    """Every model's forecast of the months after `train` ("mean", and "lower"/"upper")."""
    sarima = sarima_forecast(fit_sarima(train, order, seasonal_order), horizon)
    return baseline_forecasts(train, horizon) | {
        SARIMA: sarima,
        PROPHET: prophet_forecast(fit_prophet(train), sarima.index),
    }


def holdout_table(
    train: pd.Series, test: pd.Series, forecasts: dict[str, pd.DataFrame]
) -> pd.DataFrame:
    """MAE, MAPE, MASE and interval coverage of each forecast of `test` (NaN: no interval)."""
    rows = {}
    for name, forecast in forecasts.items():
        has_interval = {"lower", "upper"} <= set(forecast.columns)
        rows[name] = [
            mae(test, forecast["mean"]),
            mape(test, forecast["mean"]),
            mase(test, forecast["mean"], train, MONTHS_A_YEAR),
            interval_coverage(test, forecast["lower"], forecast["upper"])
            if has_interval
            else np.nan,
        ]
    return pd.DataFrame.from_dict(rows, orient="index", columns=HOLDOUT_COLUMNS)


def co2_forecasters(order: Order, seasonal_order: SeasonalOrder) -> dict[str, Forecaster]:
    return {
        NAIVE: NaiveForecaster(),
        SEASONAL_NAIVE: SeasonalNaiveForecaster(MONTHS_A_YEAR),
        SARIMA: SarimaForecaster(order, seasonal_order),
        PROPHET: ProphetForecaster(),
    }


def co2_backtest(order: Order, seasonal_order: SeasonalOrder) -> Backtest:
    """Yearly origins over 1998-2001, each forecasting the next 12 months."""
    series = load_co2_monthly()
    first = len(split_by_time(series, CO2_LAST_TRAIN)[0])
    origins = range(first, first + CO2_HORIZON, MONTHS_A_YEAR)
    results = rolling_origin_backtest(
        series,
        co2_forecasters(order, seasonal_order),
        origins,
        horizon=MONTHS_A_YEAR,
        refit_every=CO2_REFIT_EVERY,
    )
    summary = summarise_backtest(results, series.iloc[:first], MONTHS_A_YEAR)
    return Backtest(series.iloc[: first + CO2_HORIZON], results, summary)


def aapl_forecasters() -> dict[str, Forecaster]:
    """No Prophet here: it cannot take in a new day without a refit, which costs a second."""
    return {
        RANDOM_WALK: NaiveForecaster(),
        SEASONAL_NAIVE: SeasonalNaiveForecaster(TRADING_DAYS_A_WEEK),
        ARIMA: SarimaForecaster(AAPL_ORDER),
    }


def aapl_backtest() -> Backtest:
    """Each of the last 250 trading days forecast one day ahead."""
    series = load_aapl()
    first = len(series) - AAPL_TEST_DAYS
    origins = range(first, len(series) - AAPL_HORIZON + 1)
    results = rolling_origin_backtest(
        series,
        aapl_forecasters(),
        origins,
        horizon=AAPL_HORIZON,
        refit_every=AAPL_REFIT_EVERY,
    )
    # The price grew tenfold over 2000-2012, so a dollar error of 2000 is not one of 2012:
    # MASE is scaled by the naive forecast's error over the year before the first origin.
    scale_history = series.iloc[first - AAPL_TEST_DAYS : first]
    return Backtest(series, results, summarise_backtest(results, scale_history))


def chosen_order(train: pd.Series) -> tuple[Order, SeasonalOrder]:
    """The SARIMA orders with the lowest AIC on the training months."""
    best = select_order(train).iloc[0]
    return best["order"], best["seasonal_order"]
