"""Features of a price series that a strategy may use at a bar's close, and the label it learns.

Every feature at bar t is computed from the closes up to and including t, never later:
a feature that peeks at bar t+1 makes a backtest that cannot be traded. The label is
the one thing here that looks ahead on purpose (it is what the model must predict), and
Task 5 keeps its look-ahead out of the training data.
"""

import numpy as np
import pandas as pd

MOMENTUM_WINDOW = 20  # bars: about a month of trading days
VOLATILITY_WINDOW = 20
RSI_WINDOW = 14  # Wilder's choice
LABEL_HORIZON = 5  # bars: a week ahead
FEATURE_NAMES = ("return", "momentum", "volatility", "rsi")
NEUTRAL_RSI = 50.0  # the RSI of a window without any price change


def log_returns(close: pd.Series) -> pd.Series:
    """The log return of each bar, log(close_t / close_(t-1)); NaN for the first bar."""
    # BEGIN SOLUTION (task 1): the difference of the log closes
    return np.log(close).diff()
    # END SOLUTION


def momentum(close: pd.Series, window: int = MOMENTUM_WINDOW) -> pd.Series:
    """close_t / close_(t - window) - 1: the simple return over the last `window` bars.

    NaN for the first `window` bars.
    """
    # BEGIN SOLUTION (task 1): compare each close with the close `window` bars before it
    return close / close.shift(window) - 1.0
    # END SOLUTION


def volatility(close: pd.Series, window: int = VOLATILITY_WINDOW) -> pd.Series:
    """The sample standard deviation (ddof=1) of the last `window` log returns, per bar
    (not annualised). NaN until `window` returns exist, that is for the first `window` bars."""
    # BEGIN SOLUTION (task 1): a rolling standard deviation of the log returns
    return log_returns(close).rolling(window).std()
    # END SOLUTION


def rsi(close: pd.Series, window: int = RSI_WINDOW) -> pd.Series:
    """Wilder's relative strength index, between 0 and 100.

    With delta_t = close_t - close_(t-1), gains = max(delta, 0) and losses = max(-delta, 0)
    are each smoothed by Wilder's average: m_t = m_(t-1) + (x_t - m_(t-1)) / window,
    started at the first delta (pandas: `ewm(alpha=1 / window, adjust=False)`). Then
    RSI = 100 - 100 / (1 + gains / losses): 100 when the average loss is 0, and
    NEUTRAL_RSI when both averages are 0. NaN until `window` deltas have been seen,
    that is for the first `window` bars.
    """
    # BEGIN SOLUTION (task 1): Wilder-smooth the gains and the losses, then 100 - 100 / (1 + RS)
    delta = close.diff()
    smooth = {"alpha": 1.0 / window, "adjust": False, "min_periods": window}
    gains = delta.clip(lower=0.0).ewm(**smooth).mean()
    losses = (-delta).clip(lower=0.0).ewm(**smooth).mean()
    index = 100.0 - 100.0 / (1.0 + gains / losses)
    return index.mask((gains == 0) & (losses == 0), NEUTRAL_RSI)
    # END SOLUTION


def make_features(
    close: pd.Series,
    momentum_window: int = MOMENTUM_WINDOW,
    volatility_window: int = VOLATILITY_WINDOW,
    rsi_window: int = RSI_WINDOW,
) -> pd.DataFrame:
    """One row per bar, the columns FEATURE_NAMES in order: the log return, momentum,
    volatility and RSI with the windows given. Rows keep their NaN (the warm-up bars)."""
    # BEGIN SOLUTION (task 1): one column per feature, in the order of FEATURE_NAMES
    columns = {
        "return": log_returns(close),
        "momentum": momentum(close, momentum_window),
        "volatility": volatility(close, volatility_window),
        "rsi": rsi(close, rsi_window),
    }
    return pd.DataFrame(columns)  # each column keeps the closes' index
    # END SOLUTION


def forward_label(close: pd.Series, horizon: int = LABEL_HORIZON) -> pd.Series:
    """1.0 when close_(t + horizon) > close_t, else 0.0: did the price rise over the next
    `horizon` bars? NaN for the last `horizon` bars, whose future is not known yet.

    This looks ahead by design: the label of bar t is only known at bar t + horizon.
    """
    # BEGIN SOLUTION (task 1): compare the close `horizon` bars ahead; NaN where it is unknown
    ahead = close.shift(-horizon)
    return (ahead > close).astype(float).where(ahead.notna())
    # END SOLUTION
