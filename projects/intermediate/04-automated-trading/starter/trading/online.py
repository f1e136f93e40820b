"""The features of Task 1, one close at a time: what a live strategy can afford.

Recomputing the features of the whole history at every new bar costs more with every
bar; a live system keeps a little state instead (the last closes, the last returns, two
running averages) and updates it in constant time. The values must equal the batch
features exactly (to rounding), or the strategy trades differently live than it did in
its backtest.
"""

import math
from collections import deque

import numpy as np

from trading.features import (
    FEATURE_NAMES,
    MOMENTUM_WINDOW,
    NEUTRAL_RSI,
    RSI_WINDOW,
    VOLATILITY_WINDOW,
)


class OnlineFeatures:
    """Feed it closes in order with `update`; it returns each bar's feature row."""

    def __init__(
        self,
        momentum_window: int = MOMENTUM_WINDOW,
        volatility_window: int = VOLATILITY_WINDOW,
        rsi_window: int = RSI_WINDOW,
    ) -> None:
        self.momentum_window = momentum_window
        self.volatility_window = volatility_window
        self.rsi_window = rsi_window
        self.closes: deque[float] = deque(maxlen=momentum_window + 1)
        self.returns: deque[float] = deque(maxlen=volatility_window)
        self.average_gain = self.average_loss = 0.0
        self.deltas = 0  # how many price changes the RSI has seen

    def update(self, close: float) -> np.ndarray:
        """Take the next close; return its features, in the order of FEATURE_NAMES, equal
        to the row of `make_features` (with the same windows) at this bar, NaN included."""
        raise NotImplementedError(
            "Task 6: keep the last closes, the last returns and Wilder's two averages"
        )

    def _smooth(self, delta: float) -> None:
        """Wilder's averages of the gains and the losses, started at the first delta."""
        raise NotImplementedError(
            "Task 6: the first delta starts each average; later ones move it 1/window"
        )

    def _rsi(self) -> float:
        if self.average_loss == 0:
            return 100.0 if self.average_gain > 0 else NEUTRAL_RSI
        return 100.0 - 100.0 / (1.0 + self.average_gain / self.average_loss)
