"""Task 1: the streaming robust z-score and EWMA chart, held to pandas' batch statistics."""

import math

import numpy as np
import pytest
from oracles import ewma_z, robust_z

SEED = 5


def sensor_like(n: int = 300) -> np.ndarray:
    """Whole numbers that wander like a sensor, with a flat stretch and two spikes."""
    rng = np.random.default_rng(SEED)
    values = np.round(120 + np.cumsum(rng.normal(0, 3, n)))
    values[100:130] = values[100]  # flat: MAD 0, the scale floor must hold
    values[150] += 90
    values[220] -= 70
    return values


def run(detector, values) -> np.ndarray:
    return np.array([detector.update(float(v)) for v in values])


def same(got: np.ndarray, expected: np.ndarray) -> bool:
    return bool(np.array_equal(np.isnan(got), np.isnan(expected))) and bool(
        np.allclose(got[~np.isnan(got)], expected[~np.isnan(expected)], rtol=1e-12, atol=1e-12)
    )


def first_difference(got: np.ndarray, expected: np.ndarray) -> str:
    bad = np.flatnonzero(~np.isclose(got, expected, rtol=1e-12, atol=1e-12, equal_nan=True))
    i = int(bad[0])
    return f"the first difference is at value {i}: expected {expected[i]!r}, got {got[i]!r}"


@pytest.mark.task(1)
@pytest.mark.parametrize(
    ("window", "min_periods", "min_scale"), [(12, 6, 1.0), (20, 20, 2.5), (7, 1, 0.25)]
)
def test_robust_z_equals_pandas_rolling_statistics(window, min_periods, min_scale):
    from monitoring.detectors import RobustZScore

    values = sensor_like()
    got = run(RobustZScore(window=window, min_periods=min_periods, min_scale=min_scale), values)
    expected = robust_z(values, window, min_periods, min_scale)
    assert same(got, expected), (
        f"Task 1: RobustZScore(window={window}, min_periods={min_periods}, min_scale={min_scale}) "
        "should score each value against the median and MAD of the window of values BEFORE "
        "it (pandas: rolling(window, min_periods).median().shift(1)), scaled by "
        f"max(1.4826 * MAD, min_scale), NaN until min_periods values are seen; "
        f"{first_difference(got, expected)}"
    )


@pytest.mark.task(1)
def test_robust_z_by_hand():
    from monitoring.detectors import RobustZScore

    detector = RobustZScore(window=3, min_periods=2, min_scale=0.5)
    scores = [detector.update(v) for v in (10.0, 12.0, 11.0, 30.0, 11.0)]
    # window before 11.0: [10, 12] -> median 11, MAD 1 -> 0 / 1.4826
    # before 30.0: [10, 12, 11] -> median 11, MAD 1 -> 19 / 1.4826
    # before 11.0: [12, 11, 30] (10 has left the window) -> median 12, MAD 1 -> -1 / 1.4826
    expected = [math.nan, math.nan, 0.0, 19 / 1.4826, -1 / 1.4826]
    assert same(np.array(scores), np.array(expected)), (
        f"Task 1: for 10, 12, 11, 30, 11 with window=3 and min_periods=2 the scores should be "
        f"{expected}: NaN while fewer than 2 values came before, then the median and MAD of "
        f"at most the last 3 values before each one; got {scores}"
    )


@pytest.mark.task(1)
def test_robust_z_of_a_flat_window_uses_the_scale_floor():
    from monitoring.detectors import RobustZScore

    detector = RobustZScore(window=4, min_periods=4, min_scale=2.0)
    scores = [detector.update(v) for v in (50.0, 50.0, 50.0, 50.0, 50.0, 56.0)]
    assert scores[4] == 0.0 and scores[5] == 3.0, (
        "Task 1: after four readings of 50 (MAD 0), another 50 should score 0.0 and a 56 "
        f"should score (56 - 50) / min_scale = 3.0 with min_scale=2.0; got {scores[4:]}"
    )


@pytest.mark.task(1)
def test_robust_z_keeps_only_its_window_and_reset_forgets():
    from monitoring.detectors import RobustZScore

    detector = RobustZScore(window=5, min_periods=3)
    run(detector, sensor_like()[:50])
    assert len(detector.values) == 5, (
        f"Task 1: after 50 values, a detector with window=5 should keep 5: {len(detector.values)}"
    )
    detector.reset()
    assert math.isnan(detector.update(120.0)), "Task 1: after reset() the window starts empty"


@pytest.mark.task(1)
@pytest.mark.parametrize(
    ("alpha", "warmup", "min_std"), [(0.1, 12, 1.0), (0.3, 5, 0.5), (1.0, 2, 3.0)]
)
def test_ewma_chart_equals_pandas_ewm(alpha, warmup, min_std):
    from monitoring.detectors import EWMAChart

    values = sensor_like()
    got = run(EWMAChart(alpha=alpha, warmup=warmup, min_std=min_std), values)
    expected = ewma_z(values, alpha, warmup, min_std)
    assert same(got, expected), (
        f"Task 1: EWMAChart(alpha={alpha}, warmup={warmup}, min_std={min_std}) should score each "
        "value by its distance from the EWMA before it, over max(EW std before it, min_std), "
        "as pandas' ewm(alpha, adjust=False).mean() and .var(bias=True) shifted by one, NaN "
        f"for the first warmup values; {first_difference(got, expected)}"
    )


@pytest.mark.task(1)
def test_ewma_chart_by_hand_and_reset():
    from monitoring.detectors import EWMAChart

    chart = EWMAChart(alpha=0.5, warmup=1, min_std=0.1)
    scores = [chart.update(v) for v in (10.0, 14.0, 10.0)]
    # 14: d = 4 against mean 10, std floor 0.1 -> 40; then mean 12, variance 0.5 * 0.5 * 16 = 4
    # 10: d = -2 against mean 12, std 2 -> -1
    assert same(np.array(scores), np.array([math.nan, 40.0, -1.0])), (
        "Task 1: with alpha=0.5, warmup=1, min_std=0.1, the values 10, 14, 10 should score "
        f"NaN (the first value only starts the chart), 40.0, then -1.0; got {scores}"
    )
    assert (chart.mean, chart.variance, chart.count) == (11.0, 0.5 * (4.0 + 0.5 * 4.0), 3), (
        "Task 1: after 10, 14, 10 the chart should hold mean 11.0, variance 3.0 and count 3; "
        f"got {chart.mean}, {chart.variance}, {chart.count}"
    )
    chart.reset()
    assert math.isnan(chart.update(5.0)) and chart.mean == 5.0, (
        "Task 1: after reset() the next value starts the chart again"
    )
