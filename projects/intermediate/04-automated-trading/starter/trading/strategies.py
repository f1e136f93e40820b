"""Two rule-based strategies, each written twice: bar by bar for the engine (`on_bar`),
and over the whole series at once for the vectorised backtest (`targets`). Both forms
must say the same thing on every bar; the tests hold the engine to the vectorised result.
"""

from collections import deque

import numpy as np
import pandas as pd

from trading.broker import Portfolio
from trading.data import Bar


class BuyAndHold:
    """Hold `shares` from the first bar to the last."""

    def __init__(self, shares: int) -> None:
        self.shares = shares

    def on_bar(self, bar: Bar, portfolio: Portfolio) -> int:
        return self.shares

    def targets(self, close: pd.Series) -> pd.Series:
        return pd.Series(self.shares, index=close.index)


class MovingAverageCrossover:
    """Hold `shares` while the mean of the last `fast` closes is above the mean of the last
    `slow`; otherwise hold nothing (or `-shares`, short, when `short` is True). Nothing
    before `slow` closes have been seen."""

    def __init__(self, fast: int, slow: int, shares: int, short: bool = False) -> None:
        if not 0 < fast < slow:
            raise ValueError(f"need 0 < fast < slow, got fast={fast}, slow={slow}")
        self.fast, self.slow, self.shares, self.short = fast, slow, shares, short
        self.closes: deque[float] = deque(maxlen=slow)

    def on_bar(self, bar: Bar, portfolio: Portfolio) -> int:
        self.closes.append(bar.close)
        if len(self.closes) < self.slow:
            return 0
        window = np.array(self.closes)
        fast_mean, slow_mean = window[-self.fast :].mean(), window.mean()
        return self.shares if fast_mean > slow_mean else -self.shares if self.short else 0

    def targets(self, close: pd.Series) -> pd.Series:
        fast_mean = close.rolling(self.fast).mean()
        slow_mean = close.rolling(self.slow).mean()
        otherwise = -self.shares if self.short else 0
        chosen = np.where(fast_mean > slow_mean, self.shares, otherwise)
        return pd.Series(np.where(slow_mean.notna(), chosen, 0), index=close.index)
