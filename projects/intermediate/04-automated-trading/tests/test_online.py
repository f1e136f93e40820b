"""Task 6: the features one close at a time, equal to pandas' batch computation."""

import numpy as np
import pandas as pd
import pytest

from trading.features import FEATURE_NAMES, NEUTRAL_RSI
from trading.online import OnlineFeatures

RELATIVE = 1e-8
ABSOLUTE = 1e-12


def pandas_features(close: pd.Series, momentum_window=20, volatility_window=20, rsi_window=14):
    """The batch features, by pandas' rolling and ewm: the oracle."""
    returns = np.log(close).diff()
    delta = close.diff()
    smooth = {"alpha": 1 / rsi_window, "adjust": False, "min_periods": rsi_window}
    gains = delta.clip(lower=0).ewm(**smooth).mean()
    losses = (-delta).clip(lower=0).ewm(**smooth).mean()
    rsi = (100 - 100 / (1 + gains / losses)).mask((gains == 0) & (losses == 0), NEUTRAL_RSI)
    return pd.DataFrame(
        {
            "return": returns,
            "momentum": close / close.shift(momentum_window) - 1,
            "volatility": returns.rolling(volatility_window).std(),
            "rsi": rsi,
        }
    )


def online(close, **windows) -> np.ndarray:
    features = OnlineFeatures(**windows)
    rows = [features.update(value) for value in close]
    for row in rows:
        assert isinstance(row, np.ndarray) and row.shape == (len(FEATURE_NAMES),), (
            f"Task 6: update should return an array of {len(FEATURE_NAMES)} features, got {row!r}"
        )
    return np.array(rows)


def largest_gap(got: np.ndarray, expected: pd.DataFrame, what: str) -> float:
    want = expected.to_numpy(float)
    for column, name in enumerate(FEATURE_NAMES):
        nan_differs = np.flatnonzero(np.isnan(got[:, column]) != np.isnan(want[:, column]))
        assert nan_differs.size == 0, (
            f"Task 6: {what}: the {name} of bar {nan_differs[0]} should be "
            f"{want[nan_differs[0], column]}, got {got[nan_differs[0], column]} (a feature is "
            "NaN exactly as long as in the batch features)"
        )
        same = np.isclose(
            got[:, column], want[:, column], rtol=RELATIVE, atol=ABSOLUTE, equal_nan=True
        )
        bad = np.flatnonzero(~same)
        assert bad.size == 0, (
            f"Task 6: {what}: the {name} of bar {bad[0]} should be {float(want[bad[0], column])!r} "
            f"(pandas), got {float(got[bad[0], column])!r}"
        )
    both = ~np.isnan(want)
    return float(np.max(np.abs(got[both] - want[both]) / np.maximum(np.abs(want[both]), ABSOLUTE)))


@pytest.mark.task(6)
@pytest.mark.parametrize(
    "windows",
    [
        {},
        {"momentum_window": 5, "volatility_window": 8, "rsi_window": 3},
        {"momentum_window": 30, "volatility_window": 2, "rsi_window": 21},
    ],
)
def test_online_features_equal_pandas(aapl, windows):
    close = aapl["close"].iloc[:400]
    largest_gap(
        online(close, **windows),
        pandas_features(close, **windows),
        f"AAPL with windows {windows or 'by default'}",
    )


@pytest.mark.task(6)
def test_online_features_at_the_rsi_limits():
    windows = {"momentum_window": 2, "volatility_window": 2, "rsi_window": 2}
    for prices, what in [
        ([5.0, 5.0, 5.0, 5.0], "a price that never moves (RSI NEUTRAL_RSI)"),
        ([1.0, 2.0, 3.0, 4.0], "prices that only rise (RSI 100)"),
        ([4.0, 3.0, 2.0, 1.0], "prices that only fall (RSI 0)"),
        ([4.0, 4.0, 5.0, 5.0, 3.0], "a rise after a pause"),
    ]:
        close = pd.Series(prices)
        largest_gap(online(close, **windows), pandas_features(close, **windows), what)


@pytest.mark.task(6)
def test_two_feature_streams_do_not_share_state(aapl):
    close = aapl["close"].iloc[:60].to_numpy()
    first, second = OnlineFeatures(), OnlineFeatures()
    for value in close[:30]:
        first.update(value)
    fresh = [second.update(value) for value in close[30:]]
    alone = online(pd.Series(close[30:]))
    assert np.allclose(np.array(fresh), alone, equal_nan=True), (
        "Task 6: a new OnlineFeatures must start empty: keep the state on the instance "
        "(self.closes = deque(...) in __init__), never on the class"
    )


@pytest.mark.task(6)
def test_online_features_on_the_sp500(sp500, metric):
    close = sp500["close"]
    metric(
        "online_feature_error", largest_gap(online(close), pandas_features(close), "the S&P 500")
    )
