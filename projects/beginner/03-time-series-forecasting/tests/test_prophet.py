"""Task 4: Prophet fitted quietly, forecasts with reproducible intervals."""

import logging

import numpy as np
import pandas as pd
import pytest

from forecasting.metrics import mape
from forecasting.prophet_model import INTERVAL_WIDTH, fit_prophet, prophet_forecast

DAYS = 3 * 365
HORIZON = 28
WEEKLY_PATTERN = np.array([0.0, 1.0, 2.0, 1.5, 1.0, -2.0, -3.5])  # Monday .. Sunday


@pytest.fixture(scope="module")
def daily_series() -> pd.Series:
    """Three years and four weeks of a daily series: a linear trend, a weekly cycle, noise."""
    rng = np.random.default_rng(0)
    dates = pd.date_range("2019-01-07", periods=DAYS + HORIZON, freq="D")  # a Monday
    values = 100 + 0.05 * np.arange(len(dates)) + WEEKLY_PATTERN[dates.day_of_week]
    return pd.Series(values + rng.normal(0, 0.3, len(dates)), index=dates, name="y")


@pytest.mark.task(4)
def test_prophet_learns_a_trend_and_a_weekly_cycle(daily_series, caplog):
    caplog.set_level(logging.INFO)
    history, future = daily_series.iloc[:DAYS], daily_series.iloc[DAYS:]
    model = fit_prophet(history)
    forecast = prophet_forecast(model, future.index)
    noisy = [record for record in caplog.records if record.name.startswith("cmdstanpy")]
    assert not noisy, (
        "Task 4: fitting Prophet should be quiet; cmdstanpy logged "
        f"{[record.getMessage() for record in noisy]}. Wrap the fit in "
        "cmdstanpy.disable_logging()"
    )
    value = mape(future, forecast["mean"])
    assert value < 1.0, (
        "Task 4: on a clean trend plus weekly cycle, Prophet's 28-day forecast should be within "
        f"1% (MAPE); got {value:.2f}%. Fit on a frame with columns ds (dates) and y (values)"
    )


@pytest.mark.task(4)
def test_prophet_forecast_frame_and_its_interval(prophet_model, prophet_holdout, co2_test):
    assert prophet_model.interval_width == INTERVAL_WIDTH, (
        f"Task 4: fit Prophet with interval_width={INTERVAL_WIDTH}, the same 95% as SARIMA's "
        f"interval; got {prophet_model.interval_width}"
    )
    assert list(prophet_holdout.columns) == ["mean", "lower", "upper"], (
        f"Task 4: expected the columns mean, lower, upper; got {list(prophet_holdout.columns)}"
    )
    assert prophet_holdout.index.equals(co2_test.index), (
        "Task 4: the forecast should be indexed by the dates it was asked for"
    )
    assert np.all(prophet_holdout["lower"] <= prophet_holdout["mean"]) and np.all(
        prophet_holdout["mean"] <= prophet_holdout["upper"]
    ), "Task 4: every forecast mean should lie inside its interval (yhat_lower, yhat_upper)"


@pytest.mark.task(4)
def test_prophet_intervals_are_reproducible(prophet_model, prophet_holdout, co2_test):
    again = prophet_forecast(prophet_model, co2_test.index)
    assert again.equals(prophet_holdout), (
        "Task 4: the same forecast asked twice should give the same interval; Prophet samples "
        "it with NumPy's global generator, so call np.random.seed(seed) right before predict"
    )


@pytest.mark.task(4)
def test_co2_prophet_mape(metric, co2_test, prophet_holdout, seasonal_naive_mape):
    value = mape(co2_test, prophet_holdout["mean"])
    assert value < seasonal_naive_mape, (
        f"Task 4: Prophet's MAPE {value:.3f}% should beat the seasonal naive forecast's "
        f"{seasonal_naive_mape:.3f}%"
    )
    metric("co2_prophet_mape", value)


@pytest.mark.task(4)
def test_prophet_takes_its_interval_width_and_seed(co2_train, co2_test, prophet_holdout):
    model = fit_prophet(co2_train, interval_width=0.5)
    assert model.interval_width == 0.5, (
        f"Task 4: fit_prophet(history, interval_width=0.5) should fit Prophet(interval_width=0.5), "
        f"got {model.interval_width}"
    )
    narrow = prophet_forecast(model, co2_test.index, seed=3)
    ratio = (narrow["upper"] - narrow["lower"]) / (
        prophet_holdout["upper"] - prophet_holdout["lower"]
    )
    assert ratio.mean() < 0.6, (
        "Task 4: a 50% interval should be far narrower than the 95% one (about 0.35 as wide for "
        f"normal errors); got {ratio.mean():.2f} as wide"
    )
    again = prophet_forecast(model, co2_test.index, seed=3)
    other = prophet_forecast(model, co2_test.index, seed=4)
    assert again.equals(narrow) and not other.equals(narrow), (
        "Task 4: prophet_forecast(..., seed=3) should give the same interval every time and "
        "another one with seed=4: np.random.seed(seed) with the seed given, right before predict"
    )
