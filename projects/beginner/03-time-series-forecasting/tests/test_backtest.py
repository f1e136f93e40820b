"""Task 5: a rolling-origin backtest where no origin sees the future, on CO2 and on AAPL."""

import numpy as np
import pandas as pd
import pytest
from statsmodels.tsa.statespace.sarimax import SARIMAX

from forecasting.backtest import (
    RESULT_COLUMNS,
    SUMMARY_COLUMNS,
    SarimaForecaster,
    rolling_origin_backtest,
    summarise_backtest,
)
from forecasting.experiments import (
    AAPL_TEST_DAYS,
    ARIMA,
    PROPHET,
    RANDOM_WALK,
    SARIMA,
    SEASONAL_NAIVE,
)

ORIGINS = [10, 13, 20]
HORIZON = 3
REFIT_EVERY = 2
# On daily prices a one-day forecast that beats the random walk's MAPE by more than this
# share is far more likely to have peeked at the day it forecasts than to be that good.
HONEST_MARGIN = 0.05


class Spy:
    """A forecaster that writes down everything it is shown, and forecasts 0, 1, 2, ..."""

    def __init__(self):
        self.calls: list[tuple[str, list]] = []
        self.seen: list = []

    def fit(self, history: pd.Series):
        self.calls.append(("fit", list(history.index)))
        self.seen = list(history.index)
        return self

    def update(self, new: pd.Series):
        self.calls.append(("update", list(new.index)))
        self.seen += list(new.index)
        return self

    def predict(self, dates: pd.Index) -> np.ndarray:
        self.calls.append(("predict", list(dates), list(self.seen)))
        return np.arange(len(dates), dtype=float)


@pytest.fixture
def daily() -> pd.Series:
    dates = pd.date_range("2024-01-01", periods=30, freq="D")
    return pd.Series(np.arange(100.0, 130.0), index=dates, name="y")


@pytest.mark.task(5)
def test_each_origin_sees_exactly_the_past(daily):
    spy = Spy()
    rolling_origin_backtest(daily, {"spy": spy}, ORIGINS, HORIZON, refit_every=REFIT_EVERY)
    predictions = [call for call in spy.calls if call[0] == "predict"]
    assert len(predictions) == len(ORIGINS), (
        f"Task 5: expected one predict per origin ({len(ORIGINS)}), got {len(predictions)}"
    )
    for origin, (_, dates, seen) in zip(ORIGINS, predictions, strict=True):
        future = [date for date in seen if date >= daily.index[origin]]
        assert not future, (
            f"Task 5: at origin {origin} the model was shown {future[0].date()} and later: data "
            f"from the future. It may only see series.iloc[:{origin}]"
        )
        assert seen == list(daily.index[:origin]), (
            f"Task 5: at origin {origin} the model should have seen all {origin} observations "
            f"before it, once each and in order; it saw {len(seen)}"
        )
        assert dates == list(daily.index[origin : origin + HORIZON]), (
            f"Task 5: at origin {origin} predict the dates of the next {HORIZON} observations, "
            f"{[str(d.date()) for d in daily.index[origin : origin + HORIZON]]}; got "
            f"{[str(d.date()) for d in dates]}"
        )


@pytest.mark.task(5)
def test_models_are_refitted_on_schedule_and_updated_in_between(daily):
    spy = Spy()
    rolling_origin_backtest(daily, {"spy": spy}, ORIGINS, HORIZON, refit_every=REFIT_EVERY)
    steps = [call[:2] for call in spy.calls if call[0] != "predict"]
    expected = [
        ("fit", list(daily.index[:10])),
        ("update", list(daily.index[10:13])),
        ("fit", list(daily.index[:20])),
    ]
    assert steps == expected, (
        f"Task 5: with origins {ORIGINS} and refit_every={REFIT_EVERY}, expected fit on the 10 "
        "observations before origin 10, update with the 3 between origins 10 and 13, then a "
        "new fit on the 20 before origin 20; got "
        f"{[(name, len(dates)) for name, dates in steps]} (call, number of observations)"
    )


@pytest.mark.task(5)
def test_backtest_rows_hold_the_forecasts_beside_what_happened(daily):
    results = rolling_origin_backtest(daily, {"a": Spy(), "b": Spy()}, ORIGINS, HORIZON)
    assert list(results.columns) == RESULT_COLUMNS, (
        f"Task 5: expected the columns {RESULT_COLUMNS}, got {list(results.columns)}"
    )
    assert len(results) == 2 * len(ORIGINS) * HORIZON, (
        f"Task 5: 2 models x {len(ORIGINS)} origins x {HORIZON} steps make "
        f"{2 * len(ORIGINS) * HORIZON} rows, got {len(results)}"
    )
    assert list(results["model"]) == ["a"] * 9 + ["b"] * 9, "Task 5: rows go model by model"
    first = results.iloc[:HORIZON]
    assert list(first["step"]) == [1, 2, 3] and (first["cutoff"] == daily.index[9]).all(), (
        "Task 5: the first origin's rows have steps 1, 2, 3 and the cutoff "
        f"{daily.index[9].date()}, the last date the model saw; got\n{first}"
    )
    assert (results["cutoff"] < results["timestamp"]).all(), (
        "Task 5: every forecast must be of a time after the cutoff"
    )
    assert np.array_equal(results["actual"], daily.loc[results["timestamp"]].to_numpy()), (
        "Task 5: actual should be the series' value at each timestamp"
    )
    assert np.array_equal(results["forecast"], np.tile([0.0, 1.0, 2.0], 6)), (
        "Task 5: forecast should be what the model predicted, step by step"
    )


@pytest.mark.task(5)
@pytest.mark.parametrize(
    ("origins", "problem"),
    [
        ([10, 10, 20], "a repeated origin"),
        ([13, 10], "origins out of order"),
        ([0, 5], "no history"),
        ([10, 28], "too few observations after the last origin"),
        ([], "no origin at all"),
    ],
    ids=["repeated", "unordered", "no history", "past the end", "none"],
)
def test_backtest_refuses_impossible_origins(daily, origins, problem):
    with pytest.raises(ValueError):
        rolling_origin_backtest(daily, {"spy": Spy()}, origins, HORIZON)
        pytest.fail(f"Task 5: origins {origins} ({problem}) should raise a ValueError")


@pytest.mark.task(5)
@pytest.mark.parametrize(
    "origins",
    [[1, 2, 27], [5]],
    ids=["first, next and last possible", "a single origin"],
)
def test_backtest_accepts_every_possible_origin(daily, origins):
    results = rolling_origin_backtest(daily, {"spy": Spy()}, origins, HORIZON)
    assert len(results) == len(origins) * HORIZON, (
        f"Task 5: origins {origins} with horizon {HORIZON} in a series of {len(daily)} are all "
        "possible (origin 1 has one observation before it; the last leaves exactly "
        f"{HORIZON} after it; two origins may be neighbours): expected "
        f"{len(origins) * HORIZON} rows, got {len(results)}"
    )


class Short(Spy):
    """A broken model: one forecast fewer than the dates it is asked for."""

    def predict(self, dates: pd.Index) -> np.ndarray:
        return super().predict(dates)[:-1]


@pytest.mark.task(5)
def test_backtest_refuses_a_forecast_of_the_wrong_length(daily):
    with pytest.raises(ValueError):
        rolling_origin_backtest(daily, {"short": Short()}, ORIGINS, HORIZON)
        pytest.fail(
            f"Task 5: a model that returns {HORIZON - 1} forecasts for {HORIZON} dates should "
            "raise a ValueError, not shorten the backtest quietly: zip(..., strict=True)"
        )


@pytest.mark.task(5)
def test_summarise_backtest_scores_each_model():
    results = pd.DataFrame(
        {
            "model": ["b", "b", "a", "a"],
            "actual": [100.0, 200.0, 100.0, 200.0],
            "forecast": [110.0, 180.0, 100.0, 190.0],
        }
    )
    history = pd.Series([10.0, 14.0, 12.0])  # naive scale: (4 + 2) / 2 = 3
    summary = summarise_backtest(results, history)
    assert list(summary.index) == ["b", "a"] and list(summary.columns) == SUMMARY_COLUMNS, (
        f"Task 5: one row per model in the order of the results, columns {SUMMARY_COLUMNS}; "
        f"got\n{summary}"
    )
    expected = pd.DataFrame(
        [[15.0, 10.0, 5.0], [5.0, 2.5, 5.0 / 3]], index=["b", "a"], columns=SUMMARY_COLUMNS
    )
    assert np.allclose(summary.to_numpy(dtype=float), expected.to_numpy()), (
        f"Task 5: expected\n{expected}\ngot\n{summary}"
    )
    seasonal = summarise_backtest(results, pd.Series([10.0, 14.0, 12.0, 20.0]), season=2)
    assert np.allclose(seasonal["MASE"], [15.0 / 4.0, 5.0 / 4.0]), (
        "Task 5: with season=2 the MASE scale is the seasonal naive error on the history "
        f"[10, 14, 12, 20]: (|12 - 10| + |20 - 14|) / 2 = 4; expected MASE [3.75, 1.25], got "
        f"{seasonal['MASE'].tolist()}"
    )


@pytest.mark.task(5)
def test_sarima_update_filters_forward_without_refitting():
    rng = np.random.default_rng(0)
    values = np.cumsum(rng.normal(0.1, 1.0, 200))
    series = pd.Series(values, index=pd.date_range("2020-01-01", periods=200, freq="D"))
    forecaster = SarimaForecaster((1, 1, 0)).fit(series.iloc[:150])
    params = forecaster.results.params.copy()
    forecaster.update(series.iloc[150:180]).update(series.iloc[180:])
    assert np.allclose(forecaster.results.params, params), (
        "Task 5: update should keep the fitted parameters (no refit)"
    )
    expected = SARIMAX(values, order=(1, 1, 0)).filter(params).forecast(3)
    got = forecaster.predict(pd.date_range("2020-07-19", periods=3, freq="D"))
    assert np.allclose(got, expected), (
        "Task 5: after update, the forecast should start from the last new observation, as if "
        f"the fitted model had been run over all the data: expected {expected}, got {got}. "
        "Use self.results.extend (or append) with the new values"
    )


@pytest.mark.task(5)
def test_co2_backtest_uses_every_test_month_once(co2_backtest, co2_test):
    sarima = co2_backtest.results[co2_backtest.results["model"] == SARIMA]
    assert list(sarima["timestamp"]) == list(co2_test.index), (
        "Task 5: four yearly origins, each 12 months ahead, should forecast each test month "
        "(1998-01 to 2001-12) exactly once"
    )
    assert (co2_backtest.results["cutoff"] < co2_backtest.results["timestamp"]).all(), (
        "Task 5: no forecast may be of a month at or before its cutoff"
    )


@pytest.mark.task(5)
def test_co2_backtest_sarima_mape(metric, co2_backtest):
    mape = co2_backtest.summary["MAPE"]
    assert mape[SARIMA] < mape[SEASONAL_NAIVE] and mape[PROPHET] < mape[SEASONAL_NAIVE], (
        f"Task 5: SARIMA and Prophet should beat the seasonal naive forecast over the backtest; "
        f"got\n{co2_backtest.summary}"
    )
    metric("co2_backtest_sarima_mape", mape[SARIMA])


@pytest.mark.task(5)
def test_co2_backtest_prophet_mape(metric, co2_backtest):
    metric("co2_backtest_prophet_mape", co2_backtest.summary.loc[PROPHET, "MAPE"])


@pytest.mark.task(5)
def test_aapl_backtest_is_one_day_ahead_and_honest(aapl_backtest):
    results = aapl_backtest.results
    arima = results[results["model"] == ARIMA]
    assert len(arima) == AAPL_TEST_DAYS and (arima["step"] == 1).all(), (
        f"Task 5: expected {AAPL_TEST_DAYS} one-day-ahead forecasts per model, got {len(arima)}"
    )
    position = aapl_backtest.series.index.get_indexer(arima["timestamp"])
    previous_day = aapl_backtest.series.index[position - 1]
    assert (arima["cutoff"].to_numpy() == previous_day).all(), (
        "Task 5: each day's forecast should be made at the close of the trading day before it"
    )
    mape = aapl_backtest.summary["MAPE"]
    best = mape.drop(RANDOM_WALK).min()
    assert best >= (1 - HONEST_MARGIN) * mape[RANDOM_WALK], (
        f"Task 5: on daily prices, {mape.drop(RANDOM_WALK).idxmin()} beats the random walk's "
        f"MAPE {mape[RANDOM_WALK]:.3f}% with {best:.3f}%: far too good to be true. Does the "
        "model see the day it forecasts?"
    )


@pytest.mark.task(5)
def test_aapl_random_walk_mape(metric, aapl_backtest):
    metric("aapl_random_walk_mape", aapl_backtest.summary.loc[RANDOM_WALK, "MAPE"])


@pytest.mark.task(5)
def test_aapl_arima_mape(metric, aapl_backtest):
    metric("aapl_arima_mape", aapl_backtest.summary.loc[ARIMA, "MAPE"])
