"""Task 2: MAE, MAPE, MASE and interval coverage by hand; the naive and seasonal naive baselines."""

import numpy as np
import pytest
from sklearn.metrics import mean_absolute_error, mean_absolute_percentage_error

from forecasting.baselines import naive_forecast, seasonal_naive_forecast
from forecasting.experiments import SEASONAL_NAIVE
from forecasting.metrics import interval_coverage, mae, mape, mase

RANDOM_CASES = 10
TOLERANCE = 1e-9


def random_cases():
    rng = np.random.default_rng(0)
    for _ in range(RANDOM_CASES):
        size = int(rng.integers(1, 40))
        actual = rng.uniform(50, 150, size)
        yield actual, actual + rng.normal(0, 10, size)


@pytest.mark.task(2)
def test_mae_and_mape_match_scikit_learn():
    for actual, forecast in random_cases():
        expected_mae = mean_absolute_error(actual, forecast)
        expected_mape = 100 * mean_absolute_percentage_error(actual, forecast)
        assert abs(mae(actual, forecast) - expected_mae) < TOLERANCE, (
            f"Task 2: MAE should be mean(|actual - forecast|) = {expected_mae:.6f}, "
            f"got {mae(actual, forecast)}"
        )
        assert abs(mape(actual, forecast) - expected_mape) < TOLERANCE, (
            f"Task 2: MAPE should be 100 * mean(|actual - forecast| / |actual|) = "
            f"{expected_mape:.6f} (in percent: scikit-learn's figure times 100), "
            f"got {mape(actual, forecast)}"
        )


@pytest.mark.task(2)
def test_metrics_accept_lists_and_series_alike():
    assert mae([1, 2, 3], [2, 2, 2]) == pytest.approx(2 / 3), "Task 2: MAE of lists"
    assert mape([100, 200], [110, 180]) == pytest.approx(10.0), (
        f"Task 2: MAPE of [100, 200] against [110, 180] is 10 (percent), got "
        f"{mape([100, 200], [110, 180])}"
    )


@pytest.mark.task(2)
@pytest.mark.parametrize(
    ("actual", "forecast", "problem"),
    [
        ([1.0, 2.0], [1.0], "different lengths"),
        ([], [], "nothing to score"),
        ([1.0, np.nan], [1.0, 2.0], "a NaN"),
    ],
    ids=["different lengths", "empty", "NaN"],
)
def test_metrics_refuse_values_that_do_not_pair_up(actual, forecast, problem):
    for metric in (mae, mape):
        with pytest.raises(ValueError):
            metric(actual, forecast)
            pytest.fail(f"Task 2: {metric.__name__} with {problem} should raise a ValueError")


@pytest.mark.task(2)
def test_mape_refuses_a_zero_actual():
    with pytest.raises(ValueError):
        mape([0.0, 2.0], [1.0, 2.0])
        pytest.fail(
            "Task 2: MAPE divides by the actual value; with an actual 0 it is undefined, so "
            "raise a ValueError (scikit-learn quietly returns a huge number instead)"
        )


@pytest.mark.task(2)
def test_mase_on_worked_examples():
    # Naive scale: |3-1|, |2-3|, |4-2|, |3-4| -> mean 1.5; the forecast's MAE is 1.0.
    value = mase(actual=[5.0, 6.0], forecast=[4.0, 5.0], history=[1.0, 3.0, 2.0, 4.0, 3.0])
    assert value == pytest.approx(1.0 / 1.5), (
        "Task 2: history [1, 3, 2, 4, 3]: the naive forecast's in-sample MAE is 1.5; a forecast "
        f"with MAE 1.0 has MASE 0.6667, got {value}"
    )
    # Seasonal scale, season 3: |2-1|, |3-2|, |5-3| -> mean 4/3; the forecast's MAE is 2.
    value = mase([5.0], [3.0], history=[1.0, 2.0, 3.0, 2.0, 3.0, 5.0], season=3)
    assert value == pytest.approx(2.0 / (4.0 / 3.0)), (
        "Task 2: history [1, 2, 3, 2, 3, 5], season 3: the scale is mean(|2-1|, |3-2|, |5-3|) "
        f"= 4/3; a forecast with MAE 2 has MASE 1.5, got {value}"
    )
    # The shortest history with a scale: one value more than a season, season 2: |4 - 1| = 3.
    value = mase([5.0, 5.0], [6.0, 7.0], history=[1.0, 2.0, 4.0], season=2)
    assert value == pytest.approx(1.5 / 3.0), (
        "Task 2: history [1, 2, 4], season 2: the scale is |4 - 1| = 3, enough to divide by; a "
        f"forecast with MAE 1.5 has MASE 0.5, got {value}"
    )


@pytest.mark.task(2)
def test_seasonal_naive_scores_mase_one_on_its_own_history():
    rng = np.random.default_rng(1)
    history = rng.normal(100, 5, 60)
    season = 12
    value = mase(history[season:], history[:-season], history, season)
    assert value == pytest.approx(1.0), (
        "Task 2: forecasting each value of the history by the one a season before is exactly "
        f"the scale of MASE, so its MASE is 1; got {value}"
    )


@pytest.mark.task(2)
@pytest.mark.parametrize(
    ("history", "season", "problem"),
    [([5.0, 5.0, 5.0, 5.0], 1, "a constant history"), ([1.0, 2.0], 2, "a history of one season")],
    ids=["constant history", "one season of history"],
)
def test_mase_refuses_a_history_without_scale(history, season, problem):
    with pytest.raises(ValueError):
        mase([1.0], [2.0], history, season)
        pytest.fail(f"Task 2: MASE with {problem} has no scale to divide by: raise a ValueError")


@pytest.mark.task(2)
def test_interval_coverage_counts_values_inside_ends_included():
    value = interval_coverage(
        actual=[1.0, 2.0, 3.0, 10.0], lower=[0.0, 2.0, 3.5, 0.0], upper=[2.0, 4.0, 5.0, 9.0]
    )
    assert value == pytest.approx(0.5), (
        "Task 2: 1 is in [0, 2], 2 is in [2, 4] (an end counts), 3 is below [3.5, 5] and 10 is "
        f"above [0, 9]: the coverage is 0.5, got {value}"
    )
    value = interval_coverage(actual=[4.0, 5.0], lower=[0.0, 5.5], upper=[4.0, 6.0])
    assert value == pytest.approx(0.5), (
        "Task 2: 4 is in [0, 4] (the upper end counts too) and 5 is below [5.5, 6]: the "
        f"coverage is 0.5, got {value}"
    )
    value = interval_coverage(actual=[1.0, 2.0, 3.0], lower=[0.0, 0.5, 1.0], upper=[5.0, 5.0, 5.0])
    assert value == pytest.approx(1.0), (
        "Task 2: 1, 2 and 3 are inside [0, 5], [0.5, 5] and [1, 5]: the coverage is 1.0, got "
        f"{value}. Is each argument where the signature puts it (actual, lower, upper)?"
    )


@pytest.mark.task(2)
def test_naive_forecasts_repeat_the_last_value_or_season():
    history = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]
    naive = naive_forecast(history, 3)
    assert np.array_equal(naive, [7.0, 7.0, 7.0]), (
        f"Task 2: the naive forecast of {history} for 3 steps is [7, 7, 7], got {naive}"
    )
    seasonal = seasonal_naive_forecast(history, 7, season=3)
    assert np.array_equal(seasonal, [5.0, 6.0, 7.0, 5.0, 6.0, 7.0, 5.0]), (
        f"Task 2: with season 3 the last season of {history} is [5, 6, 7], repeated for 7 steps: "
        f"[5, 6, 7, 5, 6, 7, 5]; got {seasonal}"
    )
    assert np.array_equal(seasonal_naive_forecast(history, 2, season=1), [7.0, 7.0]), (
        "Task 2: with season 1 the seasonal naive forecast is the naive forecast"
    )
    shortest = {
        "naive_forecast([5], 1)": (naive_forecast([5.0], 1), [5.0]),
        "seasonal_naive_forecast([1, 2, 3], 1, season=3)": (
            seasonal_naive_forecast([1.0, 2.0, 3.0], 1, season=3),
            [1.0],
        ),
    }
    for call, (got, expected) in shortest.items():
        assert np.array_equal(got, expected), (
            f"Task 2: one value of history (one season for the seasonal one) and a horizon of 1 "
            f"are enough: {call} is {expected}, got {got}"
        )


@pytest.mark.task(2)
def test_baselines_refuse_too_little_history():
    with pytest.raises(ValueError):
        seasonal_naive_forecast([1.0, 2.0], 3, season=12)
        pytest.fail("Task 2: a seasonal naive forecast needs a full season of history")
    with pytest.raises(ValueError):
        naive_forecast([], 3)
        pytest.fail("Task 2: a naive forecast of an empty history should raise a ValueError")
    for forecast in (
        lambda: naive_forecast([1.0, 2.0], 0),
        lambda: seasonal_naive_forecast([1.0, 2.0], 0, season=2),
    ):
        with pytest.raises(ValueError):
            forecast()
            pytest.fail("Task 2: a horizon of 0 forecasts nothing: raise a ValueError")


@pytest.mark.task(2)
def test_co2_seasonal_naive_mape(metric, co2_test, baseline_forecasts):
    forecast = baseline_forecasts[SEASONAL_NAIVE]["mean"]
    assert np.array_equal(forecast.to_numpy()[:12], forecast.to_numpy()[12:24]), (
        "Task 2: the seasonal naive forecast of 48 months repeats the last 12 months four times"
    )
    metric("co2_seasonal_naive_mape", mape(co2_test, forecast))
