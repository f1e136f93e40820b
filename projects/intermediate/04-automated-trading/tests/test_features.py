"""Task 1: features that never look ahead, and the label that does on purpose."""

import math

import numpy as np
import pandas as pd
import pytest

from trading.features import (
    FEATURE_NAMES,
    NEUTRAL_RSI,
    forward_label,
    log_returns,
    make_features,
    momentum,
    rsi,
    volatility,
)

TOLERANCE = 1e-10
CUTS = (30, 31, 100, 777)  # bars after which the future is rewritten


def series(values) -> pd.Series:
    index = pd.date_range("2021-01-04", periods=len(values), freq="B", name="date")
    return pd.Series(np.asarray(values, dtype=float), index=index)


def random_walk(seed: int, size: int = 120) -> pd.Series:
    steps = np.random.default_rng(seed).normal(0.0, 0.02, size)
    return series(100.0 * np.exp(np.cumsum(steps)))


def wilder_rsi(close: np.ndarray, window: int) -> np.ndarray:
    """RSI by a plain loop: Wilder's averages started at the first change."""
    result = np.full(len(close), np.nan)
    gain = loss = 0.0
    for t in range(1, len(close)):
        delta = close[t] - close[t - 1]
        up, down = max(delta, 0.0), max(-delta, 0.0)
        if t == 1:
            gain, loss = up, down
        else:
            gain += (up - gain) / window
            loss += (down - loss) / window
        if t >= window:
            if gain == loss == 0:
                result[t] = 50.0
            else:
                result[t] = 100.0 if loss == 0 else 100.0 - 100.0 / (1.0 + gain / loss)
    return result


def assert_same(got, expected, what: str) -> None:
    got, expected = np.asarray(got, dtype=float), np.asarray(expected, dtype=float)
    assert got.shape == expected.shape, (
        f"Task 1: {what}: expected {len(expected)} values, got {len(got)}"
    )
    nan_differs = np.flatnonzero(np.isnan(got) != np.isnan(expected))
    assert nan_differs.size == 0, (
        f"Task 1: {what}: at bar {nan_differs[0]} expected "
        f"{expected[nan_differs[0]]}, got {got[nan_differs[0]]} (which bars are NaN differs: "
        "a feature is NaN exactly until its window is full)"
    )
    close = np.isclose(got, expected, rtol=TOLERANCE, atol=TOLERANCE, equal_nan=True)
    bad = np.flatnonzero(~close)
    assert bad.size == 0, (
        f"Task 1: {what}: at bar {bad[0]} expected {float(expected[bad[0]])!r}, "
        f"got {float(got[bad[0]])!r}"
    )


@pytest.mark.task(1)
def test_log_returns_by_hand():
    got = log_returns(series([100.0, 110.0, 99.0]))
    assert_same(got, [np.nan, math.log(1.1), math.log(0.9)], "log returns of 100, 110, 99")


@pytest.mark.task(1)
@pytest.mark.parametrize("window", [3, 20])
def test_momentum_compares_with_the_close_window_bars_before(window):
    close = random_walk(1)
    expected = [np.nan] * window + [
        close.iloc[t] / close.iloc[t - window] - 1.0 for t in range(window, len(close))
    ]
    assert_same(momentum(close, window), expected, f"momentum over {window} bars")


@pytest.mark.task(1)
@pytest.mark.parametrize("window", [5, 20])
def test_volatility_is_the_sample_deviation_of_the_last_returns(window):
    close = random_walk(2)
    returns = np.diff(np.log(close.to_numpy()))
    expected = [np.nan] * window + [
        np.std(returns[t - window : t], ddof=1) for t in range(window, len(close))
    ]
    assert_same(volatility(close, window), expected, f"volatility over {window} returns")


@pytest.mark.task(1)
@pytest.mark.parametrize("window", [5, 14])
def test_rsi_follows_wilder(window):
    close = random_walk(3)
    expected = wilder_rsi(close.to_numpy(), window)
    assert_same(rsi(close, window), expected, f"RSI over {window} bars (Wilder's averages)")


@pytest.mark.task(1)
def test_rsi_at_its_limits():
    window = 3
    rising, falling = series([1, 2, 3, 4, 5, 6]), series([6, 5, 4, 3, 2, 1])
    flat = series([5, 5, 5, 5, 5, 5])
    assert_same(rsi(rising, window), [np.nan] * 3 + [100.0] * 3, "RSI of prices that only rise")
    assert_same(rsi(falling, window), [np.nan] * 3 + [0.0] * 3, "RSI of prices that only fall")
    assert_same(
        rsi(flat, window),
        [np.nan] * 3 + [NEUTRAL_RSI] * 3,
        "RSI of a price that never moves (no gain, no loss: NEUTRAL_RSI)",
    )


@pytest.mark.task(1)
def test_make_features_puts_the_features_side_by_side():
    close = random_walk(4)
    windows = {"momentum_window": 7, "volatility_window": 9, "rsi_window": 4}
    table = make_features(close, **windows)
    assert list(table.columns) == list(FEATURE_NAMES) and table.index.equals(close.index), (
        f"Task 1: make_features should have the columns {list(FEATURE_NAMES)} in that order, "
        f"indexed like the closes; got {list(table.columns)}"
    )
    assert_same(table["return"], log_returns(close), "make_features' return column")
    assert_same(table["momentum"], momentum(close, 7), "make_features' momentum (window 7)")
    assert_same(table["volatility"], volatility(close, 9), "make_features' volatility (window 9)")
    assert_same(table["rsi"], rsi(close, 4), "make_features' RSI (window 4)")
    default = make_features(close)
    assert_same(default["momentum"], momentum(close), "make_features' default momentum")
    assert_same(default["volatility"], volatility(close), "make_features' default volatility")
    assert_same(default["rsi"], rsi(close), "make_features' default RSI")


@pytest.mark.task(1)
@pytest.mark.parametrize("cut", CUTS)
def test_no_feature_looks_ahead(sp500, seed, cut):
    close = sp500["close"].iloc[:900]
    future = close.copy()
    future.iloc[cut + 1 :] *= np.random.default_rng(seed + cut).uniform(
        0.5, 1.5, len(close) - cut - 1
    )
    windows = {"momentum_window": 10, "volatility_window": 15, "rsi_window": 6}
    before = make_features(close, **windows).iloc[: cut + 1]
    after = make_features(future, **windows).iloc[: cut + 1]
    for name in FEATURE_NAMES:
        changed = np.flatnonzero(
            ~np.isclose(before[name], after[name], rtol=0, atol=0, equal_nan=True)
        )
        assert changed.size == 0, (
            f"Task 1: rewriting the prices after bar {cut} changed the {name} feature of bar "
            f"{changed[0]}: a feature of bar t may use the closes up to t only (look for a "
            "shift(-1), a centred window, or a statistic of the whole series)"
        )


@pytest.mark.task(1)
def test_forward_label_by_hand():
    close = series([10, 11, 11, 9, 12, 12])
    assert_same(
        forward_label(close, horizon=2),
        [1.0, 0.0, 1.0, 1.0, np.nan, np.nan],
        "labels of 10, 11, 11, 9, 12, 12 two bars ahead (a price that ends equal is not a "
        "rise: 0.0; the last two bars have no future yet: NaN)",
    )
    assert_same(
        forward_label(close, horizon=1),
        [1.0, 0.0, 0.0, 1.0, 0.0, np.nan],
        "labels one bar ahead",
    )
    walk = random_walk(5)
    assert_same(forward_label(walk), forward_label(walk, horizon=5), "the default horizon (5 bars)")
    assert forward_label(walk).isna().sum() == 5, (
        "Task 1: with the default horizon of 5 bars, the last 5 labels are NaN"
    )
